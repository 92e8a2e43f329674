//! `kith share TOPIC`: who would value it, ranked, whoever got something
//! lately set apart; with `--log TEXT`, the share logged for the people
//! chosen by name or from the top of the ranking.

use std::process::ExitCode;

use anyhow::{Result, bail};
use kith::relate::share::{self, Ranking, Topic};
use kith::resolve::Matching;
use kith::vault::config::Config;
use kith::view::share::{HEADER, SuitedJson, cells};
use kith::write::batch;
use kith::write::journal::command_line;

use super::{Env, said_logged};
use crate::cli::ShareArgs;

pub(crate) fn run(env: &Env, args: &ShareArgs) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let topic = Topic::new(&args.topic.join(" "))?;
    let loaded = env.load(&vault)?;
    let in_body = env.bodies_holding(&vault, topic.stems())?;
    let (config, today) = (&vault.config, env.today);
    let ranking = share::rank(&loaded.people, &topic, &in_body, &vault.root, config, today);
    let Some(text) = &args.log else {
        return print(env, args, &topic, &ranking, config);
    };
    let chosen: Vec<String> = match args.top {
        Some(top) => ranking
            .ranked
            .iter()
            .take(usize::try_from(top).unwrap_or(usize::MAX))
            .map(|suited| suited.person.path.clone())
            .collect(),
        None => args
            .to
            .iter()
            .map(|name| Ok(env.find_fresh(&vault, name, Matching::Exact)?.file.rel))
            .collect::<Result<_>>()?,
    };
    let mut notes: Vec<String> = Vec::new();
    for path in chosen {
        if !notes.contains(&path) {
            notes.push(path);
        }
    }
    if notes.is_empty() {
        bail!(
            "nobody to log the share for: nobody is ranked for '{}'",
            topic.text()
        );
    }
    let line = format!("Shared: {text}");
    let lines: Vec<(String, String)> = notes.into_iter().map(|rel| (rel, line.clone())).collect();
    let mut words = vec!["share", topic.text(), "--log", text.as_str()];
    let top = args.top.map(|n| n.to_string());
    match &top {
        Some(top) => words.extend(["--top", top.as_str()]),
        None => words.extend(std::iter::once("--to").chain(args.to.iter().map(String::as_str))),
    }
    let logged = batch::log_each(&vault, &command_line(&words), today, &lines)?;
    said_logged(env, &logged, "the share")
}

/// Prints the ranking (at most `--limit`), then those listed apart.
fn print(
    env: &Env,
    args: &ShareArgs,
    topic: &Topic,
    ranking: &Ranking,
    config: &Config,
) -> Result<ExitCode> {
    let limit = usize::try_from(args.limit).unwrap_or(usize::MAX);
    let ranked = &ranking.ranked[..ranking.ranked.len().min(limit)];
    let mut out = env.output.stdout();
    if args.json {
        let all = ranked.iter().map(|s| (s, false));
        for (suited, spaced) in all.chain(ranking.spaced.iter().map(|s| (s, true))) {
            out.json(&SuitedJson::new(suited, spaced, config, env.today))?;
        }
    } else {
        let rows = |list: &[share::Suited]| -> Vec<Vec<String>> {
            list.iter().map(|suited| cells(suited, env.today)).collect()
        };
        if !ranked.is_empty() {
            out.aligned(Some(&HEADER), &rows(ranked))?;
        }
        if !ranking.spaced.is_empty() {
            if !ranked.is_empty() {
                out.line("")?;
            }
            out.line(format_args!(
                "Given something in the last {} days, so not ranked:",
                config.share_spacing
            ))?;
            out.aligned(None, &rows(&ranking.spaced))?;
        }
    }
    out.flush()?;
    let more = ranking.ranked.len() - ranked.len();
    if more > 0 {
        env.output
            .status(format_args!("{more} more; --limit N shows more"));
    }
    if ranking.ranked.is_empty() && ranking.spaced.is_empty() {
        env.output.warn(format_args!(
            "nobody's interests, purpose, needs, tags, role, org or log speak of '{}'",
            topic.text()
        ));
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
