//! `kith search QUERY`: full-text search over the notes, answered from the
//! index brought up to date (by the running watcher, when there is one).

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use kith::index::{Catalog, SearchRequest};
use kith::note::due::Status;
use kith::view::json::PersonJson;
use serde::Serialize;

use super::Env;
use super::index::Bar;
use crate::cli::SearchArgs;

/// One hit as `--json` prints it: the person's object, score and snippet,
/// and the note and line the snippet is from when that is another note.
#[derive(Serialize)]
struct HitJson<'a> {
    #[serde(flatten)]
    person: PersonJson<'a>,
    score: f32,
    snippet: String,
    found_in: Option<&'a str>,
}

pub(crate) fn run(env: &Env, args: &SearchArgs) -> Result<ExitCode> {
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
    // A watcher that covers every change has recorded the report's ticks
    // too, and searches its index already open.
    let (hits, harvest) = match catalog.search_by_watcher(&request) {
        Some(hits) => (Ok(hits), None),
        None => {
            let harvest = env.harvest(&vault);
            if harvest.found_ticks() {
                catalog.forget_watcher_answer();
            }
            (catalog.search(&request), Some(harvest))
        }
    };
    env.notices(&mut catalog);
    let hits = hits?;
    if let Some(harvest) = harvest.filter(|harvest| harvest.found_ticks()) {
        env.write_report(&vault, &harvest, None);
    }

    let mut out = env.output.stdout();
    for hit in &hits {
        if args.paths {
            let note = vault.root.join(&hit.person.path);
            out.exact_line(shown_path(&note, &env.cwd).display())?;
        } else if args.json {
            out.json(&HitJson {
                person: PersonJson::new(&hit.person, &vault.config, today),
                score: hit.score,
                snippet: hit
                    .snippet
                    .iter()
                    .map(|(piece, _)| piece.as_str())
                    .collect(),
                found_in: hit.found_in.as_deref(),
            })?;
        } else {
            let status = Status::of(&hit.person, &vault.config, today);
            out.styled(&kith::view::search::line(hit, &status, today))?;
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
