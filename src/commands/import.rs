//! `kith import vcard FILE…`: read every card first, plan, then create
//! new notes (never over a file) and, with `--merge`, add missing fields
//! to existing notes; one line per person, a summary on stderr.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};
use kith::contacts::contact::{self, Contact};
use kith::contacts::import::{self, Action, Source, Step};
use kith::contacts::vcard;
use kith::note::fields::{Field, Value};
use kith::resolve::Listing;
use kith::write::atomic::ReplaceError;
use kith::write::journal::command_line;
use kith::write::template;
use kith::write::transaction::{NoteError, Transaction};

use super::output::clean;
use super::{
    Env, is_report_path, marker_tag, new_notes_folder, note_path, note_template, report_stem_in,
    with_tag, within_vault,
};
use crate::cli::ImportVcardArgs;

/// How each person went.
#[derive(Default)]
struct Tally {
    created: usize,
    merged: usize,
    present: usize,
    failed: usize,
}

pub(crate) fn run(env: &Env, args: &ImportVcardArgs) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let mut cards: Vec<(Source, Contact)> = Vec::new();
    let mut tally = Tally::default();
    for file in &args.files {
        let shown = file.display().to_string();
        let bytes = std::fs::read(file).with_context(|| format!("cannot read {shown}"))?;
        for card in vcard::parse(&shown, &bytes)? {
            for (line, warning) in &card.warnings {
                eprintln!("kith: {shown}:{line}: {warning}");
            }
            let source = Source {
                file: shown.clone(),
                line: card.line,
            };
            match card.contact {
                Ok(contact) => cards.push((source, contact)),
                Err(why) => {
                    eprintln!("kith: {source}: not imported: {why}");
                    tally.failed += 1;
                }
            }
        }
    }

    let loaded = env.load(&vault)?;
    let (folder, dir) = new_notes_folder(&vault, &loaded.rule)?;
    let marker = marker_tag(&vault, &loaded.rule);
    let people = loaded.people;
    let reserved: Vec<String> = report_stem_in(&vault, &folder).into_iter().collect();
    let plan = import::plan(cards, &people, &reserved);
    for note in &plan.notes {
        eprintln!("kith: {note}");
    }
    let template = note_template(&vault)?;
    env.home_notice(&vault);
    let mut tx = if args.dry_run {
        None
    } else {
        let mut words = vec!["import", "vcard"];
        words.extend(args.files.iter().filter_map(|f| f.to_str()));
        words.extend(args.merge.then_some("--merge"));
        Some(Transaction::begin(&vault, &command_line(&words))?)
    };
    let mut out = std::io::stdout().lock();
    let verb =
        |done: &'static str, planned: &'static str| if args.dry_run { planned } else { done };
    for step in &plan.steps {
        let outcome = match &step.action {
            Action::Create { stem } => {
                let rel = note_path(&folder, stem);
                create(
                    env,
                    &template.text,
                    &marked(&step.contact, marker),
                    &rel,
                    &dir.join(format!("{stem}.md")),
                    tx.as_mut(),
                    &vault,
                )
                .map(|()| {
                    tally.created += 1;
                    format!("{} {}", verb("created", "would create"), clean(&rel))
                })
            }
            Action::Ambiguous { candidates } if !args.merge => {
                tally.present += 1;
                let paths: Vec<_> = candidates.iter().map(|c| clean(&c.path)).collect();
                Ok(format!(
                    "{} {} (already present)",
                    verb("skipped", "would skip"),
                    paths.join(", ")
                ))
            }
            Action::Ambiguous { candidates } => Err(anyhow::anyhow!(
                "'{}' could be the person of {} notes; add what the card says by hand to the right one:{}",
                clean(step.contact.name()),
                candidates.len(),
                Listing(candidates)
            )),
            Action::Existing { path } if !args.merge => {
                tally.present += 1;
                Ok(format!(
                    "{} {} (already present)",
                    verb("skipped", "would skip"),
                    clean(path)
                ))
            }
            Action::Existing { path } => merge(&vault, tx.as_mut(), path, step).map(|merged| {
                let left = if merged.skipped.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; left {} empty as written, fill by hand",
                        merged.skipped.join(", ")
                    )
                };
                if merged.added.is_empty() {
                    tally.present += 1;
                    format!(
                        "{} {} (already present, nothing to add{left})",
                        verb("skipped", "would skip"),
                        clean(path)
                    )
                } else {
                    tally.merged += 1;
                    format!(
                        "{} {} (adds {}{left})",
                        verb("merged", "would merge"),
                        clean(path),
                        merged.added.join(", ")
                    )
                }
            }),
        };
        match outcome {
            Ok(line) => writeln!(out, "{line}")?,
            Err(why) => {
                eprintln!("kith: {}: not imported: {why:#}", step.source);
                tally.failed += 1;
            }
        }
    }
    drop(tx);
    let Tally {
        created,
        merged,
        present,
        failed,
    } = tally;
    let not_imported = if failed > 0 {
        format!(", not imported {failed} (see the messages above)")
    } else {
        String::new()
    };
    if args.dry_run {
        eprintln!(
            "dry run: would create {created}, merge {merged}, skip {present} (already present){not_imported}; nothing written"
        );
    } else {
        eprintln!(
            "created {created}, merged {merged}, skipped {present} (already present){not_imported}"
        );
    }
    // Like `check` with problems: the caller can tell something is left.
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `contact` with the tag `marker` too: where people are marked, not
/// filed, a new one is marked.
fn marked(contact: &Contact, marker: Option<&str>) -> Contact {
    let mut contact = contact.clone();
    let tags = with_tag(contact.fields.list(Field::Tags).to_vec(), marker);
    contact.fields.set(Field::Tags, Some(Value::List(tags)));
    contact
}

/// Makes the new note `rel` (at `path`) for `contact`; only checks that
/// it could without a transaction (a dry run).
fn create(
    env: &Env,
    template: &str,
    contact: &Contact,
    rel: &str,
    path: &std::path::Path,
    tx: Option<&mut Transaction>,
    vault: &kith::vault::Vault,
) -> Result<()> {
    if is_report_path(vault, rel) {
        anyhow::bail!("{rel} is where kith writes its report");
    }
    template::check_undated(contact.name())?;
    let text = contact::new_note(template, contact, rel, env.today)
        .with_context(|| format!("cannot make {rel}"))?;
    let Some(tx) = tx else {
        if path.exists() {
            anyhow::bail!("{rel} already exists and is not this person's note");
        }
        return Ok(());
    };
    match tx.create(rel, &text) {
        Err(NoteError::Exists { .. }) => {
            anyhow::bail!(
                "{rel} already exists and is not this person's note; kith never overwrites"
            )
        }
        other => other.map(drop).map_err(Into::into),
    }
}

/// Adds the fields the note at vault path `rel` lacks; says which.
/// Without a transaction (a dry run), only says so.
fn merge(
    vault: &kith::vault::Vault,
    tx: Option<&mut Transaction>,
    rel: &str,
    step: &Step,
) -> Result<contact::Merged> {
    let add = |bytes: &[u8]| {
        contact::add_missing_fields(bytes, &step.contact, rel)
            .with_context(|| format!("{rel} left as it was"))
    };
    let Some(tx) = tx else {
        let target = within_vault(vault, &vault.root.join(rel), rel)?;
        let before = std::fs::read(&target).with_context(|| format!("cannot read {rel}"))?;
        return add(&before);
    };
    // Through a symbolic link, the target is changed and the link kept.
    let note = tx.read(rel)?;
    let merged = add(&note.bytes)?;
    if !merged.added.is_empty() {
        tx.write(&note, &merged.bytes).map_err(|e| match e {
            NoteError::Write {
                source: source @ (ReplaceError::Changed | ReplaceError::ReadOnly),
                ..
            } => anyhow::Error::new(source).context(format!("{rel} left as it was")),
            other => other.into(),
        })?;
    }
    Ok(merged)
}
