//! `kith show NAME`: one person read in full (fields, unknown ones too,
//! cadence and due status, last outing and share, who reached out lately,
//! recent log, plans, open follow-ups, problems), or as the JSON object
//! `list --json` prints.

use std::process::ExitCode;

use anyhow::{Result, bail};
use kith::note::Parsed;
use kith::note::due::Status;
use kith::note::summary::Summary;
use kith::resolve::Matching;
use kith::vault;
use kith::view::json::PersonJson;
use kith::view::page::page;

use super::Env;

pub(crate) fn run(env: &Env, name: &str, json: bool) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let found = env.find_person(&vault, name, Matching::Prefix)?;
    let abs = vault.root.join(&found.path);
    // The index found the note and its mentions; the page wants its whole
    // log, so the note is read here, as it is now.
    let person = match vault::read_note(&found.path, &abs) {
        Parsed::Person(person) => person,
        Parsed::Unreadable(problem) => bail!("{problem}"),
        Parsed::Report => bail!("{} is kith's report, not a person", found.path),
    };
    let summary = Summary::of(&person, &vault.config, env.today).with_mentions(
        found.mentions,
        &vault.config,
        env.today,
    );
    let mut out = env.output.stdout();
    if json {
        out.json(&PersonJson::new(&summary, &vault.config, env.today))?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let status = Status::of(&summary, &vault.config, env.today);
    let page = page(&person, &summary, &status, env.today);
    out.line(&page.name)?;
    out.line(&page.path)?;
    out.line("")?;
    // Each line of a value on its own line, under the first.
    let rows = |pairs: &[(String, String)], indent: &str| -> Vec<Vec<String>> {
        pairs
            .iter()
            .flat_map(|(label, value)| {
                let mut lines = value.lines();
                let first = vec![
                    format!("{indent}{label}"),
                    lines.next().unwrap_or_default().to_string(),
                ];
                std::iter::once(first)
                    .chain(lines.map(|line| vec![String::new(), line.to_string()]))
            })
            .collect()
    };
    // The note's fields, then kith's schedule under a title, aligned as one.
    let mut table = rows(&page.fields, "");
    if !table.is_empty() {
        table.push(vec![String::new()]);
    }
    table.push(vec!["Schedule".to_string()]);
    table.extend(rows(&page.schedule, "  "));
    out.aligned(None, &table)?;
    for section in &page.sections {
        out.line("")?;
        out.line(section.title)?;
        for line in &section.lines {
            out.line(format_args!("  {line}"))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
