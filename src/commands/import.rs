//! `kith import vcard FILE…`: read every card first, plan, then create
//! new notes (never over a file) and, with `--merge`, add missing fields
//! to existing notes; one line per person, a summary on stderr, a
//! progress bar on a terminal for a large address book.

use std::process::ExitCode;

use anyhow::Result;
use kith::contacts::apply::{self, Destination, Event, Options, Outcome, Tally};

use super::index::Bar;
use super::{Env, marker_tag, new_notes_folder, note_template, report_stem_in};
use crate::cli::ImportVcardArgs;

pub(crate) fn run(env: &Env, args: &ImportVcardArgs) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let loaded = env.load(&vault)?;
    // Refused early when the people folder leads outside the vault.
    let (folder, _) = new_notes_folder(&vault, &loaded.rule)?;
    let destination = Destination {
        reserved: report_stem_in(&vault, &folder).into_iter().collect(),
        template: note_template(&vault)?.text,
        marker: marker_tag(&vault, &loaded.rule).map(str::to_string),
        folder,
    };
    env.home_notice(&vault);
    let options = Options {
        merge: args.merge,
        dry_run: args.dry_run,
        today: env.today,
    };
    let bar = Bar::default();
    let mut out = env.output.stdout();
    let mut written = Ok(());
    let tally = apply::import(
        &vault,
        &loaded.people,
        &args.files,
        &destination,
        options,
        &bar,
        &mut |event| {
            bar.suspend(|| match event {
                Event::Note(note) => env.output.warn(note),
                Event::Failed { source, why } => {
                    env.output
                        .warn(format_args!("{source}: not imported: {why}"));
                }
                Event::Done(outcome) if written.is_ok() => {
                    written = out.line(line(&outcome, args.dry_run));
                    // A terminal sees each line as it comes.
                    if env.output.is_terminal() && written.is_ok() {
                        written = out.flush();
                    }
                }
                Event::Done(_) => {}
            });
        },
    );
    written?;
    out.flush()?;
    let tally = tally?;
    env.output.status(summary(&tally, args.dry_run));
    // Like `check` with problems: the caller can tell something is left.
    Ok(if tally.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `created people/Ada.md`, `merged people/Ada.md (adds email)`, …
fn line(outcome: &Outcome, dry_run: bool) -> String {
    let verb = |done: &'static str, planned: &'static str| if dry_run { planned } else { done };
    let left = |left: &[&str]| {
        if left.is_empty() {
            String::new()
        } else {
            format!("; left {} empty as written, fill by hand", left.join(", "))
        }
    };
    match outcome {
        Outcome::Created(path) => format!("{} {path}", verb("created", "would create")),
        Outcome::Merged {
            path,
            added,
            left: empty,
        } => format!(
            "{} {path} (adds {}{})",
            verb("merged", "would merge"),
            added.join(", "),
            left(empty)
        ),
        Outcome::Present {
            paths,
            nothing_to_add,
            left: empty,
        } => {
            let why = if *nothing_to_add {
                format!("already present, nothing to add{}", left(empty))
            } else {
                "already present".to_string()
            };
            format!(
                "{} {} ({why})",
                verb("skipped", "would skip"),
                paths.join(", ")
            )
        }
    }
}

fn summary(tally: &Tally, dry_run: bool) -> String {
    let Tally {
        created,
        merged,
        present,
        failed,
    } = tally;
    let not_imported = if *failed > 0 {
        format!(", not imported {failed} (see the messages above)")
    } else {
        String::new()
    };
    if dry_run {
        format!(
            "dry run: would create {created}, merge {merged}, skip {present} (already present){not_imported}; nothing written"
        )
    } else {
        format!(
            "created {created}, merged {merged}, skipped {present} (already present){not_imported}"
        )
    }
}
