//! Carrying out an import of vCard files: every card read, the plan made
//! against the vault's notes, then new notes created (never over a file)
//! and, when asked, missing fields merged into existing notes. Each
//! outcome is told to the caller in plan order; nothing is printed here.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::contacts::contact::{self, MergeError, Merged};
use crate::contacts::import::{self, Action, Source, Step};
use crate::contacts::vcard::{self, VcardError};
use crate::index::Progress;
use crate::resolve::{Candidate, Listing};
use crate::text::clean;
use crate::vault::{Vault, WithinError};
use crate::write::atomic::{self, ReplaceError};
use crate::write::template::{self, NameError};

/// People handled at once: their new notes are flushed to disk together,
/// and their outcomes told before the next batch starts, so a long import
/// shows its lines as it goes.
const BATCH: usize = 1024;

/// Where new notes go and what they are made from.
#[derive(Debug, Clone)]
pub struct Destination {
    /// The people folder for new notes, vault-relative (`""`: the root)…
    pub folder: String,
    /// …and the same folder with every link resolved, inside the vault.
    pub dir: PathBuf,
    /// The template new notes are made from.
    pub template: String,
    /// File names (without `.md`) no new note may take, such as the
    /// report's when it is written into that folder.
    pub reserved: Vec<String>,
}

/// How to import.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Add what a card knows to the note its person already has.
    pub merge: bool,
    /// Decide everything, write nothing.
    pub dry_run: bool,
    pub today: NaiveDate,
}

/// What was done for one person (in a dry run: what would be done).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new note, vault-relative.
    Created(String),
    /// Fields added to an existing note.
    Merged {
        path: String,
        added: Vec<&'static str>,
        /// Fields the note lists empty in a way kith does not rewrite.
        left: Vec<&'static str>,
    },
    /// The person has notes already, left as they were: `merge` was not
    /// asked for, or there was nothing to add.
    Present {
        paths: Vec<String>,
        nothing_to_add: bool,
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
    Failed { source: Source, why: String },
}

/// How many people went which way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub created: usize,
    pub merged: usize,
    pub present: usize,
    pub failed: usize,
}

/// Why an import could not start.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {file}: {error}")]
    Read { file: String, error: std::io::Error },
    #[error(transparent)]
    Vcard(#[from] VcardError),
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
    #[error("cannot create {rel}: {error}")]
    Create { rel: String, error: std::io::Error },
    #[error(
        "'{name}' could be the person of {count} notes; add what the card says by hand to the right one:{list}",
        name = clean(.name), count = .candidates.len(), list = Listing(.candidates)
    )]
    Ambiguous {
        name: String,
        candidates: Vec<Candidate>,
    },
    #[error(transparent)]
    Within(#[from] WithinError),
    #[error("cannot read {rel}: {error}")]
    Read { rel: String, error: std::io::Error },
    #[error("{rel} left as it was: {error}")]
    Merge { rel: String, error: MergeError },
    #[error("cannot write {rel}: {error}")]
    Write { rel: String, error: std::io::Error },
    #[error("{rel} left as it was: {error}")]
    Replace { rel: String, error: ReplaceError },
}

/// Imports the cards of `files` into `vault`, telling `tell` about each
/// card and person in order and `progress` how far it is.
pub fn import(
    vault: &Vault,
    files: &[PathBuf],
    destination: &Destination,
    options: Options,
    progress: &dyn Progress,
    tell: &mut dyn FnMut(Event),
) -> Result<Tally, ImportError> {
    let mut tally = Tally::default();
    let cards = read_cards(files, &mut tally, tell)?;
    let (people, _) = vault.read_people();
    let plan = import::plan(cards, &people, &destination.reserved);
    drop(people);
    for note in plan.notes {
        tell(Event::Note(note));
    }
    let importer = Importer {
        vault,
        destination,
        options,
    };
    progress.start(plan.steps.len() as u64);
    for batch in plan.steps.chunks(BATCH) {
        let prepared: Vec<Prepared> = batch
            .par_iter()
            .map(|step| {
                let prepared = importer.step(step);
                progress.advance(1);
                prepared
            })
            .collect();
        for (step, outcome) in batch.iter().zip(importer.create(prepared)) {
            tell(tally.count(step, outcome));
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
        let bytes = std::fs::read(file).map_err(|error| ImportError::Read {
            file: shown.clone(),
            error,
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

/// A step decided, with its new note not written yet.
enum Prepared {
    Done(Result<Outcome, StepError>),
    Create {
        rel: String,
        path: PathBuf,
        bytes: Vec<u8>,
    },
}

impl Importer<'_> {
    fn step(&self, step: &Step) -> Prepared {
        let done = match &step.action {
            Action::Create { stem } => return self.prepare(step, stem),
            Action::Ambiguous { candidates } if self.options.merge => Err(StepError::Ambiguous {
                name: step.contact.name.clone(),
                candidates: candidates.clone(),
            }),
            Action::Ambiguous { candidates } => Ok(Outcome::Present {
                paths: candidates.iter().map(|c| c.path.clone()).collect(),
                nothing_to_add: false,
                left: Vec::new(),
            }),
            Action::Existing { path } if self.options.merge => self.merge(step, path),
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
            folder,
            dir,
            template,
            ..
        } = self.destination;
        let rel = if folder.is_empty() {
            format!("{stem}.md")
        } else {
            format!("{folder}/{stem}.md")
        };
        let path = dir.join(format!("{stem}.md"));
        if path == self.vault.report_path() {
            return Prepared::Done(Err(StepError::Report(rel)));
        }
        if let Err(error) = template::check_undated(&step.contact.name) {
            return Prepared::Done(Err(error.into()));
        }
        match contact::new_note(template, &step.contact, &rel, self.options.today) {
            Ok(text) => Prepared::Create {
                rel,
                path,
                bytes: text.into_bytes(),
            },
            Err(error) => Prepared::Done(Err(StepError::Make { rel, error })),
        }
    }

    /// Writes the new notes of a batch, all at once, never over a file;
    /// in a dry run only says whether a file is in the way.
    fn create(&self, mut prepared: Vec<Prepared>) -> Vec<Result<Outcome, StepError>> {
        let new: Vec<(PathBuf, Vec<u8>)> = prepared
            .iter_mut()
            .filter_map(|prepared| match prepared {
                Prepared::Create { path, bytes, .. } if !self.options.dry_run => {
                    Some((path.clone(), std::mem::take(bytes)))
                }
                _ => None,
            })
            .collect();
        let mut written = atomic::create_new_all(&new).into_iter();
        prepared
            .into_iter()
            .map(|prepared| {
                let (rel, path) = match prepared {
                    Prepared::Done(done) => return done,
                    Prepared::Create { rel, path, .. } => (rel, path),
                };
                let created = if self.options.dry_run {
                    match path.symlink_metadata() {
                        Ok(_) => Err(std::io::ErrorKind::AlreadyExists.into()),
                        Err(_) => Ok(()),
                    }
                } else {
                    written
                        .next()
                        .unwrap_or_else(|| Err(std::io::Error::other("not written")))
                };
                match created {
                    Ok(()) => Ok(Outcome::Created(rel)),
                    Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                        Err(StepError::Exists(rel))
                    }
                    Err(error) => Err(StepError::Create { rel, error }),
                }
            })
            .collect()
    }

    /// Adds the fields the note at vault path `rel` lacks.
    fn merge(&self, step: &Step, rel: &str) -> Result<Outcome, StepError> {
        // Through a symbolic link, the target is changed and the link kept.
        let target = self.vault.within(&self.vault.root.join(rel), rel)?;
        let before = std::fs::read(&target).map_err(|error| StepError::Read {
            rel: rel.to_string(),
            error,
        })?;
        let Merged {
            bytes,
            added,
            skipped: left,
        } = contact::add_missing_fields(&before, &step.contact, rel).map_err(|error| {
            StepError::Merge {
                rel: rel.to_string(),
                error,
            }
        })?;
        if added.is_empty() {
            return Ok(Outcome::Present {
                paths: vec![rel.to_string()],
                nothing_to_add: true,
                left,
            });
        }
        if !self.options.dry_run {
            replace(&target, &before, &bytes, rel)?;
        }
        Ok(Outcome::Merged {
            path: rel.to_string(),
            added,
            left,
        })
    }
}

/// Writes `bytes` over the note at `target` (read as `before`).
fn replace(target: &Path, before: &[u8], bytes: &[u8], rel: &str) -> Result<(), StepError> {
    atomic::replace_unchanged(target, before, bytes).map_err(|error| match error {
        ReplaceError::Io(error) => StepError::Write {
            rel: rel.to_string(),
            error,
        },
        error => StepError::Replace {
            rel: rel.to_string(),
            error,
        },
    })
}
