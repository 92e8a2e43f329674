//! `kith intros [NAME]`: the introductions worth making, best first, each
//! with why; with NAME, only that person's.

use std::process::ExitCode;

use anyhow::Result;
use kith::relate::intros;
use kith::resolve::Matching;
use kith::view::intros::{HEADER, PairJson, cells};

use super::Env;

pub(crate) fn run(env: &Env, name: Option<&str>, limit: u32, json: bool) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let loaded = env.load(&vault)?;
    let only = match name {
        Some(name) => Some(env.find_fresh(&vault, name, Matching::Prefix)?.file.rel),
        None => None,
    };
    let pairs = intros::suggest(&loaded.people, only.as_deref());
    let shown = &pairs[..pairs
        .len()
        .min(usize::try_from(limit).unwrap_or(usize::MAX))];
    let mut out = env.output.stdout();
    if json {
        for pair in shown {
            out.json(&PairJson::new(pair))?;
        }
    } else if !shown.is_empty() {
        let rows: Vec<Vec<String>> = shown.iter().map(cells).collect();
        out.aligned(Some(&HEADER), &rows)?;
    }
    out.flush()?;
    let more = pairs.len() - shown.len();
    if more > 0 {
        env.output
            .status(format_args!("{more} more; --limit N shows more"));
    }
    if pairs.is_empty() {
        env.output.warn(
            "no introduction to suggest: give people `interests`, `needs` and `offers`, \
             and pairs already linked are left out",
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
