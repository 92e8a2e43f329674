//! `kith search QUERY`: full-text search over the notes, answered from the
//! index brought up to date (by the running watcher, when there is one).

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use chrono::NaiveDate;
use kith::index::{Catalog, Hit, SearchRequest};
use kith::note::due::Status;
use serde::Serialize;

use super::Env;
use super::index::Bar;
use super::output::clean;
use crate::cli::SearchArgs;

/// One hit as `--json` prints it.
#[derive(Serialize)]
struct Json<'a> {
    path: &'a str,
    name: &'a str,
    score: f32,
    fields: Fields<'a>,
    due: Due,
    snippet: String,
}

#[derive(Serialize)]
struct Fields<'a> {
    aliases: &'a [String],
    tags: &'a [String],
    org: Option<&'a str>,
    role: Option<&'a str>,
    relationship: Option<&'a str>,
    priority: Option<&'a str>,
    purpose: Option<&'a str>,
    cadence: Option<String>,
}

#[derive(Serialize)]
struct Due {
    /// overdue, due, never_contacted, snoozed, no_cadence or archived.
    status: &'static str,
    date: Option<NaiveDate>,
    days_overdue: Option<i64>,
    last_contact: Option<NaiveDate>,
}

pub fn run(env: &Env, args: &SearchArgs) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let mut catalog = Catalog::new(&vault).with_progress(Box::new(Bar::default()));
    let today = env.today;
    let query = args.query.join(" ");
    let request = SearchRequest {
        query: &query,
        limit: usize::try_from(args.limit).unwrap_or(usize::MAX),
        tag: args.tag.as_deref(),
        overdue: args.overdue,
        today,
        snippets: !args.paths,
    };
    let hits = catalog.search(&request);
    env.notices(&mut catalog);
    let hits = hits?;

    let mut out = std::io::stdout().lock();
    if args.paths {
        for hit in &hits {
            writeln!(
                out,
                "{}",
                shown_path(&vault.root.join(&hit.person.path), &env.cwd).display()
            )?;
        }
    } else if args.json {
        for hit in &hits {
            let status = Status::of(&hit.person, &vault.config, today);
            serde_json::to_writer(&mut out, &json(hit, &status, today))?;
            writeln!(out)?;
        }
    } else {
        let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        for hit in &hits {
            let status = Status::of(&hit.person, &vault.config, today);
            writeln!(out, "{}", line(hit, &status, today, color))?;
        }
    }
    out.flush()?;
    Ok(if hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A note's path as the shell should see it: relative to the current
/// folder when the note is below it, else absolute.
fn shown_path<'a>(note: &'a Path, cwd: &Path) -> &'a Path {
    note.strip_prefix(cwd).unwrap_or(note)
}

/// `path  Name · role, org · status  …snippet…`
fn line(hit: &Hit, status: &Status, today: NaiveDate, color: bool) -> String {
    let paint = |code: &str, text: &str| {
        if color {
            format!("\u{1b}[{code}m{text}\u{1b}[0m")
        } else {
            text.to_string()
        }
    };
    let person = &hit.person;
    let mut line = format!(
        "{}  {}",
        paint("35", &clean(&person.path)),
        paint("1", &clean(&person.name))
    );
    let work: Vec<&str> = [person.role.as_deref(), person.org.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !work.is_empty() {
        line.push_str(&format!(" · {}", clean(&work.join(", "))));
    }
    line.push_str(&format!(" · {}", status.describe(today)));
    if !hit.snippet.is_empty() {
        line.push_str("  …");
        for (piece, highlighted) in &hit.snippet {
            let piece = clean(piece);
            if *highlighted {
                line.push_str(&paint("1;31", &piece));
            } else {
                line.push_str(&piece);
            }
        }
        line.push('…');
    }
    line
}

fn json<'a>(hit: &'a Hit, status: &Status, today: NaiveDate) -> Json<'a> {
    let person = &hit.person;
    Json {
        path: &person.path,
        name: &person.name,
        score: hit.score,
        fields: Fields {
            aliases: &person.aliases,
            tags: &person.tags,
            org: person.org.as_deref(),
            role: person.role.as_deref(),
            relationship: person.relationship.as_deref(),
            priority: person.priority.as_deref(),
            purpose: person.purpose.as_deref(),
            cadence: status.cadence.map(|c| c.to_string()),
        },
        due: Due {
            status: status.kind(today),
            date: status.due_date(),
            days_overdue: status.days_overdue(today),
            last_contact: status.last_contact,
        },
        snippet: hit
            .snippet
            .iter()
            .map(|(piece, _)| piece.as_str())
            .collect(),
    }
}
