//! Carrying out an import of vCard files: every card read, the plan made
//! against the vault's notes, then new notes created (never over a file)
//! and, when asked, missing fields merged into existing notes, all in one
//! transaction (one undo step). Each outcome is told to the caller in plan
//! order; nothing is printed here.

use std::path::PathBuf;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::contacts::contact::{self, MergeError, Merged};
use crate::contacts::import::{self, Action, Source, Step};
use crate::contacts::vcard::{self, VcardError};
use crate::index::Progress;
use crate::note::fields::{Field, Value, with_tag};
use crate::note::summary::Summary;
use crate::resolve::{Candidate, Listing};
use crate::text::clean;
use crate::vault::Vault;
use crate::vault::inside::{self, PathError};
use crate::write::atomic::ReplaceError;
use crate::write::journal::command_line;
use crate::write::template::{self, NameError};
use crate::write::transaction::{Ahead, BeginError, Note, NoteError, Staged, Transaction};

/// People handled at once: their new notes are flushed to disk together,
/// and their outcomes told once they are in place, so a long import shows
/// its lines as it goes.
const BATCH: usize = 1024;

/// Where new notes go and what they are made from.
#[derive(Debug, Clone)]
pub struct Destination {
    /// The people folder for new notes, vault-relative (`""`: the root).
    pub folder: String,
    /// The template new notes are made from.
    pub template: String,
    /// File names (without `.md`) no new note may take, such as the
    /// report's when it is written into that folder.
    pub reserved: Vec<String>,
    /// A tag every new note gets, where people are marked, not filed.
    pub marker: Option<String>,
}

/// How to import.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Add what a card knows to the note its person already has.
    pub merge: bool,
    /// Decide everything, write nothing.
    pub dry_run: bool,
    /// The day new notes are made on.
    pub today: NaiveDate,
}

/// What was done for one person (in a dry run: what would be done).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new note, vault-relative.
    Created(String),
    /// Fields added to an existing note.
    Merged {
        /// The note, vault-relative.
        path: String,
        /// The front matter keys added or filled, in order.
        added: Vec<&'static str>,
        /// Fields the note lists empty in a way kith does not rewrite.
        left: Vec<&'static str>,
    },
    /// The person has notes already, left as they were: `merge` was not
    /// asked for, or there was nothing to add.
    Present {
        /// The notes, vault-relative.
        paths: Vec<String>,
        /// `merge` was asked for and found nothing to add.
        nothing_to_add: bool,
        /// Fields the note lists empty in a way kith does not rewrite.
        left: Vec<&'static str>,
    },
}

/// What the import tells its caller, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Worth knowing and changes nothing: a card line left out, the cards
    /// of one person merged.
    Note(String),
    /// One person imported.
    Done(Outcome),
    /// A card or a person not imported, and why.
    Failed {
        /// The card, or the person's first card.
        source: Source,
        /// What went wrong, in words.
        why: String,
    },
}

/// How many people went which way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// New notes.
    pub created: usize,
    /// Notes fields were added to.
    pub merged: usize,
    /// People with notes left as they were.
    pub present: usize,
    /// Cards and people not imported.
    pub failed: usize,
}

/// Why an import could not start.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A card file cannot be read.
    #[error("cannot read {file}: {source}")]
    Read {
        /// The file as given.
        file: String,
        /// What the file system said.
        source: std::io::Error,
    },
    /// A card file is no vCard file.
    #[error(transparent)]
    Vcard(#[from] VcardError),
    /// The notes cannot be written (no lock, no journal).
    #[error(transparent)]
    Begin(#[from] BeginError),
}

/// Why one person was not imported.
#[derive(Debug, thiserror::Error)]
enum StepError {
    #[error(transparent)]
    Name(#[from] NameError),
    #[error("{0} is where kith writes its report")]
    Report(String),
    #[error("cannot make {rel}: {error}")]
    Make { rel: String, error: MergeError },
    #[error("{0} already exists and is not this person's note; kith never overwrites")]
    Exists(String),
    #[error(
        "'{name}' could be the person of {count} notes; add what the card says by hand to the right one:{list}",
        name = clean(.name), count = .candidates.len(), list = Listing(.candidates)
    )]
    Ambiguous {
        name: String,
        candidates: Vec<Candidate>,
    },
    #[error(transparent)]
    Path(#[from] PathError),
    #[error("cannot read {rel}: {error}")]
    Read { rel: String, error: std::io::Error },
    #[error("{rel} left as it was: {error}")]
    Merge { rel: String, error: MergeError },
    #[error("{rel} left as it was: {error}")]
    Unchanged { rel: String, error: ReplaceError },
    #[error(transparent)]
    Note(NoteError),
}

impl From<NoteError> for StepError {
    fn from(error: NoteError) -> StepError {
        match error {
            NoteError::Exists { rel } => StepError::Exists(rel),
            NoteError::Write {
                rel,
                source: error @ (ReplaceError::Changed | ReplaceError::ReadOnly),
            } => StepError::Unchanged { rel, error },
            other => StepError::Note(other),
        }
    }
}

/// Imports the cards of `files` into `vault`, whose notes hold `people`,
/// telling `tell` about each card and person in order and `progress` how
/// far it is.
pub fn import(
    vault: &Vault,
    people: &[Summary],
    files: &[PathBuf],
    destination: &Destination,
    options: Options,
    progress: &dyn Progress,
    tell: &mut dyn FnMut(Event),
) -> Result<Tally, ImportError> {
    let mut tally = Tally::default();
    let cards = read_cards(files, &mut tally, tell)?;
    let plan = import::plan(cards, people, &destination.reserved);
    for note in plan.notes {
        tell(Event::Note(note));
    }
    let mut tx = if options.dry_run {
        None
    } else {
        let mut words = vec!["import", "vcard"];
        words.extend(files.iter().filter_map(|file| file.to_str()));
        words.extend(options.merge.then_some("--merge"));
        Some(Transaction::begin(vault, &command_line(&words))?)
    };
    let importer = Importer {
        vault,
        destination,
        options,
    };
    progress.start(plan.steps.len() as u64);
    // Three batches at once: one is decided, the one before is written
    // unnamed, the one before that is flushed and put in place. Deciding
    // keeps the processors busy, writing the file system, and waiting for
    // the disk holds up neither.
    let ahead = tx.as_ref().map(Transaction::ahead);
    let prepare = |batch: Option<&&[Step]>| -> Vec<Prepared> {
        batch.map_or_else(Vec::new, |batch| {
            batch
                .par_iter()
                .map(|step| importer.step(step, ahead.as_ref()))
                .collect()
        })
    };
    let batches: Vec<&[Step]> = plan.steps.chunks(BATCH).collect();
    let mut decided = prepare(batches.first());
    let mut written: Option<Batch> = None;
    for at in 0..=batches.len() {
        let deciding = batches.get(at + 1);
        let writing = std::mem::take(&mut decided);
        let committing = written.take();
        // Committing mostly waits for the disk: a thread of its own, so
        // that the processors go on deciding and writing meanwhile.
        let (committed, (staged, next)) = std::thread::scope(|scope| {
            let tx = tx.as_mut();
            let committer = scope.spawn(|| committing.map(|batch| importer.commit(batch, tx)));
            let others = rayon::join(
                || importer.stage(writing, ahead.as_ref()),
                || prepare(deciding),
            );
            let committed = committer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (committed, others)
        });
        decided = next;
        written = Some(staged);
        let done = at.checked_sub(1).and_then(|before| batches.get(before));
        if let (Some(batch), Some(outcomes)) = (done, committed) {
            progress.advance(batch.len() as u64);
            for (step, outcome) in batch.iter().zip(outcomes) {
                tell(tally.count(step, outcome));
            }
        }
    }
    progress.finish();
    Ok(tally)
}

/// Every card of `files`, in order; cards that hold no person are told
/// as failures, lines left out as notes.
fn read_cards(
    files: &[PathBuf],
    tally: &mut Tally,
    tell: &mut dyn FnMut(Event),
) -> Result<Vec<(Source, contact::Contact)>, ImportError> {
    let mut cards = Vec::new();
    for file in files {
        let shown = file.display().to_string();
        let bytes = std::fs::read(file).map_err(|source| ImportError::Read {
            file: shown.clone(),
            source,
        })?;
        for card in vcard::parse(&shown, &bytes)? {
            for (line, warning) in &card.warnings {
                tell(Event::Note(format!("{shown}:{line}: {warning}")));
            }
            let source = Source {
                file: shown.clone(),
                line: card.line,
            };
            match card.contact {
                Ok(contact) => cards.push((source, contact)),
                Err(why) => {
                    tally.failed += 1;
                    tell(Event::Failed { source, why });
                }
            }
        }
    }
    Ok(cards)
}

impl Tally {
    /// Counts `outcome` and makes it an event.
    fn count(&mut self, step: &Step, outcome: Result<Outcome, StepError>) -> Event {
        match outcome {
            Ok(outcome) => {
                match &outcome {
                    Outcome::Created(_) => self.created += 1,
                    Outcome::Merged { .. } => self.merged += 1,
                    Outcome::Present { .. } => self.present += 1,
                }
                Event::Done(outcome)
            }
            Err(why) => {
                self.failed += 1;
                Event::Failed {
                    source: step.source.clone(),
                    why: why.to_string(),
                }
            }
        }
    }
}

/// What every step needs.
struct Importer<'a> {
    vault: &'a Vault,
    destination: &'a Destination,
    options: Options,
}

/// A step decided, with what it writes not written yet.
enum Prepared {
    Done(Result<Outcome, StepError>),
    Create { rel: String, text: String },
    Merge { note: Note, merged: Merged },
}

impl Importer<'_> {
    /// Decides a step; merges read their note through `ahead`, the
    /// transaction's (none: a dry run, which reads it directly).
    fn step(&self, step: &Step, ahead: Option<&Ahead>) -> Prepared {
        let done = match &step.action {
            Action::Create { stem } => return self.prepare(step, stem),
            Action::Ambiguous { candidates } if self.options.merge => Err(StepError::Ambiguous {
                name: step.contact.name().to_string(),
                candidates: candidates.clone(),
            }),
            Action::Ambiguous { candidates } => Ok(Outcome::Present {
                paths: candidates.iter().map(|c| c.path.clone()).collect(),
                nothing_to_add: false,
                left: Vec::new(),
            }),
            Action::Existing { path } if self.options.merge => {
                return self.merge(step, path, ahead);
            }
            Action::Existing { path } => Ok(Outcome::Present {
                paths: vec![path.clone()],
                nothing_to_add: false,
                left: Vec::new(),
            }),
        };
        Prepared::Done(done)
    }

    /// The new note `STEM.md` for the step's contact, made but not written.
    fn prepare(&self, step: &Step, stem: &str) -> Prepared {
        let Destination {
            folder, template, ..
        } = self.destination;
        let rel = if folder.is_empty() {
            format!("{stem}.md")
        } else {
            format!("{folder}/{stem}.md")
        };
        if self.vault.root.join(&rel) == self.vault.report_path() {
            return Prepared::Done(Err(StepError::Report(rel)));
        }
        if let Err(error) = template::check_undated(step.contact.name()) {
            return Prepared::Done(Err(error.into()));
        }
        let mut contact = step.contact.clone();
        let tags = with_tag(
            contact.fields.list(Field::Tags).to_vec(),
            self.destination.marker.as_deref(),
        );
        if !tags.is_empty() {
            contact.fields.set(Field::Tags, Some(Value::List(tags)));
        }
        match contact::new_note(template, &contact, &rel, self.options.today) {
            Ok(text) => Prepared::Create { rel, text },
            Err(error) => Prepared::Done(Err(StepError::Make { rel, error })),
        }
    }

    /// The fields the note at vault path `rel` lacks, added; in a dry
    /// run (no transaction), said and not written.
    fn merge(&self, step: &Step, rel: &str, ahead: Option<&Ahead>) -> Prepared {
        let read = match ahead {
            Some(ahead) => ahead
                .read(rel)
                .map(|note| (note.bytes.clone(), Some(note)))
                .map_err(StepError::from),
            None => self.read(rel).map(|bytes| (bytes, None)),
        };
        let (bytes, note) = match read {
            Ok(read) => read,
            Err(error) => return Prepared::Done(Err(error)),
        };
        match (
            contact::add_missing_fields(&bytes, &step.contact, rel),
            note,
        ) {
            (Err(error), _) => Prepared::Done(Err(StepError::Merge {
                rel: rel.to_string(),
                error,
            })),
            (Ok(merged), _) if merged.added.is_empty() => Prepared::Done(Ok(Outcome::Present {
                paths: vec![rel.to_string()],
                nothing_to_add: true,
                left: merged.skipped,
            })),
            (Ok(merged), Some(note)) => Prepared::Merge { note, merged },
            (Ok(merged), None) => Prepared::Done(Ok(merged_into(rel.to_string(), merged))),
        }
    }

    /// A note's bytes read without a transaction, for a dry run.
    fn read(&self, rel: &str) -> Result<Vec<u8>, StepError> {
        // Through a symbolic link, the target's.
        let target = inside::real_path(&self.vault.root, &self.vault.root.join(rel), rel)?;
        std::fs::read(&target).map_err(|error| StepError::Read {
            rel: rel.to_string(),
            error,
        })
    }

    /// Writes the new notes a batch decided, not in place yet; a dry run
    /// (no `ahead`) writes nothing.
    fn stage(&self, prepared: Vec<Prepared>, ahead: Option<&Ahead>) -> Batch {
        let staged = ahead.map(|ahead| {
            let new = prepared
                .iter()
                .filter_map(|prepared| match prepared {
                    Prepared::Create { rel, text } => Some((rel.clone(), text.clone())),
                    _ => None,
                })
                .collect();
            ahead.stage(new)
        });
        Batch { prepared, staged }
    }

    /// Puts a batch's new notes in place, never over a file, then writes
    /// its merges; in a dry run (no transaction) only says whether a file
    /// is in the way of a new note.
    fn commit(
        &self,
        batch: Batch,
        tx: Option<&mut Transaction>,
    ) -> Vec<Result<Outcome, StepError>> {
        let Batch { prepared, staged } = batch;
        let (Some(tx), Some(staged)) = (tx, staged) else {
            return prepared
                .into_iter()
                .map(|prepared| match prepared {
                    Prepared::Done(done) => done,
                    Prepared::Create { rel, .. } => {
                        let path = self.vault.root.join(&rel);
                        match path.symlink_metadata() {
                            Ok(_) => Err(StepError::Exists(rel)),
                            Err(_) => Ok(Outcome::Created(rel)),
                        }
                    }
                    Prepared::Merge { note, merged } => Ok(merged_into(note.rel, merged)),
                })
                .collect();
        };
        let mut created = tx.commit(staged).into_iter();
        prepared
            .into_iter()
            .map(|prepared| match prepared {
                Prepared::Done(done) => done,
                Prepared::Create { rel, .. } => match created.next() {
                    Some(Ok(_)) => Ok(Outcome::Created(rel)),
                    Some(Err(error)) => Err(error.into()),
                    None => Err(StepError::Exists(rel)),
                },
                Prepared::Merge { note, merged } => tx
                    .write(&note, &merged.bytes)
                    .map(|_| merged_into(note.rel, merged))
                    .map_err(StepError::from),
            })
            .collect()
    }
}

/// A batch decided, its new notes written but not in place yet (none in
/// a dry run).
struct Batch {
    prepared: Vec<Prepared>,
    staged: Option<Staged>,
}

/// The outcome of adding `merged`'s fields to the note at `rel`.
fn merged_into(rel: String, merged: Merged) -> Outcome {
    Outcome::Merged {
        path: rel,
        added: merged.added,
        left: merged.skipped,
    }
}
