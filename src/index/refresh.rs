//! Bringing the index up to date: scan the notes, compare with the
//! manifest, read only what changed (in parallel), and commit. While a
//! watcher owns the index, changed files are read but not written.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rayon::prelude::*;
use tantivy::indexer::NoMergePolicy;
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

use super::manifest::{Manifest, ManifestEntry, Validity};
use super::schema::{Fields, Record};
use super::{Catalog, IndexError, config_fingerprint, manifest_or_reason, open_tantivy};
use crate::note::due::Status;
use crate::note::fields::Field;
use crate::note::problem::Problem;
use crate::note::summary::Summary;
use crate::note::{Parsed, Person};
use crate::vault::config::Config;
use crate::vault::read_note;
use crate::vault::scan::{NoteFile, Scan};
use crate::write::lock;

/// Told how a long refresh is going.
pub trait Progress: Sync + Send {
    /// `total` files are about to be read.
    fn start(&self, total: u64);
    /// `count` more were read.
    fn advance(&self, count: u64);
    /// Reading is over.
    fn finish(&self);
}

/// Says nothing.
pub(crate) struct Quiet;

impl Progress for Quiet {
    fn start(&self, _: u64) {}
    fn advance(&self, _: u64) {}
    fn finish(&self) {}
}

/// What a refresh did.
#[derive(Debug, Default)]
pub struct Refreshed {
    /// Files read and indexed.
    pub indexed: usize,
    /// Files gone from the index.
    pub removed: usize,
    /// Files left as they were.
    pub unchanged: usize,
    /// Why the index was built from scratch, when it was.
    pub(crate) rebuilt: Option<String>,
    /// The watcher's pid when one owns the index (nothing was written).
    pub watcher: Option<String>,
    /// Problems of the walk itself (unreadable folders, outside links).
    pub(crate) scan_problems: Vec<Problem>,
    /// What the files read now hold: always beside a watcher (they are not
    /// in the index yet), otherwise only when asked to keep them.
    pub(crate) read: Vec<Record>,
    /// Paths gone since the index was last written.
    pub(crate) gone: Vec<String>,
    /// Beside a watcher, the documents of the files read, to search them.
    pub(super) documents: Vec<TantivyDocument>,
    /// How long the refresh took.
    pub elapsed: Duration,
}

impl Refreshed {
    /// Keeps what the files at these paths now hold; a file that is no
    /// longer a note (kith's report moved there) counts as gone.
    fn keep(&mut self, read: Vec<(&str, Option<Record>)>) {
        for (path, record) in read {
            match record {
                Some(record) => self.read.push(record),
                None => self.gone.push(path.to_string()),
            }
        }
    }
}

/// How to refresh.
#[derive(Debug, Clone, Copy, Default)]
pub struct Mode {
    /// Throw the index away and read every note.
    pub rebuild: bool,
    /// Return the records of the files read, for a caller that keeps
    /// people in memory.
    pub keep_records: bool,
}

/// A note file as read.
enum Read {
    Person(Box<(Person, Summary)>),
    Unreadable(Problem),
    /// kith's own report, wherever it was moved: not a person.
    Report,
}

impl Read {
    fn of(root: &Path, file: &NoteFile, today: NaiveDate) -> Read {
        match read_note(&file.rel, &file.abs(root)) {
            Parsed::Person(person) => {
                let summary = Summary::of(&person, today);
                Read::Person(Box::new((*person, summary)))
            }
            Parsed::Unreadable(problem) => Read::Unreadable(problem),
            Parsed::Report => Read::Report,
        }
    }

    fn record(self) -> Option<Record> {
        match self {
            Read::Person(read) => Some(Record::Person(Box::new(read.1))),
            Read::Unreadable(problem) => Some(Record::Unreadable(problem)),
            Read::Report => None,
        }
    }

    /// The days on which this reading stays right.
    fn validity(&self, today: NaiveDate) -> Validity {
        let Read::Person(read) = self else {
            return Validity::default();
        };
        let summary = &read.1;
        let planned = summary.later.first().map(|d| d.date);
        let field_later = summary
            .fields
            .date(Field::LastContact)
            .filter(|d| *d > today);
        let until = match (planned, field_later) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Validity::new(summary.last_contact_on(today), until)
    }

    fn document(&self, fields: &Fields, config: &Config, today: NaiveDate) -> TantivyDocument {
        match self {
            Read::Person(read) => {
                let (person, summary) = &**read;
                let status = Status::of(summary, config, today);
                fields.person_document(person, summary, &status)
            }
            Read::Unreadable(problem) => fields.problem_document(problem),
            Read::Report => TantivyDocument::default(),
        }
    }
}

pub(super) fn run(
    catalog: &mut Catalog,
    today: NaiveDate,
    mode: Mode,
    progress: &dyn Progress,
) -> Result<Refreshed, IndexError> {
    let started = Instant::now();
    let scan = catalog.vault.scan();
    let mut refreshed = match catalog.watcher() {
        Some(pid) if mode.rebuild => {
            return Err(IndexError::Io {
                path: catalog.paths.index.clone(),
                source: std::io::Error::other(format!(
                    "kith watch (pid {pid}) owns the index; stop it to rebuild"
                )),
            });
        }
        Some(pid) => read_beside_watcher(catalog, &scan, today, pid),
        None => write(catalog, &scan, today, mode, progress)?,
    };
    refreshed.scan_problems = scan.problems;
    refreshed.elapsed = started.elapsed();
    Ok(refreshed)
}

/// With a watcher writing the index, read what it has not caught up with.
fn read_beside_watcher(
    catalog: &mut Catalog,
    scan: &Scan,
    today: NaiveDate,
    pid: String,
) -> Refreshed {
    let manifest = {
        let _reading = catalog.lock_for_reading(today).ok().flatten();
        Manifest::load(&catalog.paths.manifest)
    }
    .unwrap_or_else(|| Manifest::new(String::new()));
    let diff = manifest.diff(&scan.files, today);
    let (fields, config) = (&catalog.fields, &catalog.vault.config);
    let read: Vec<(&str, Option<Record>, Option<TantivyDocument>)> = diff
        .read
        .par_iter()
        .map(|&i| {
            let file = &scan.files[i];
            let read = Read::of(&catalog.vault.root, file, today);
            let document =
                (!matches!(read, Read::Report)).then(|| read.document(fields, config, today));
            (file.rel.as_str(), read.record(), document)
        })
        .collect();
    let mut refreshed = Refreshed {
        unchanged: diff.unchanged,
        watcher: Some(pid),
        gone: diff.removed,
        ..Refreshed::default()
    };
    let mut kept = Vec::with_capacity(read.len());
    for (path, record, document) in read {
        kept.push((path, record));
        refreshed.documents.extend(document);
    }
    refreshed.keep(kept);
    refreshed
}

/// The index and manifest to update, created afresh when needed.
struct Target {
    index: Index,
    manifest: Manifest,
    rebuilt: Option<String>,
}

fn write(
    catalog: &mut Catalog,
    scan: &Scan,
    today: NaiveDate,
    mode: Mode,
    progress: &dyn Progress,
) -> Result<Refreshed, IndexError> {
    // Most refreshes find nothing to do: decide that without any lock.
    if !mode.rebuild
        && let Ok(manifest) = manifest_or_reason(catalog)
        && manifest.diff(&scan.files, today).is_empty()
        && catalog.paths.tantivy.join("meta.json").is_file()
    {
        return Ok(Refreshed {
            unchanged: scan.files.len(),
            ..Refreshed::default()
        });
    }
    let io_error = |source| IndexError::Io {
        path: catalog.paths.index.clone(),
        source,
    };
    let writing = lock::exclusive(&catalog.paths.write_lock).map_err(io_error)?;
    // A watcher may have started while this process waited for the lock.
    if let Some(pid) = catalog.watcher() {
        drop(writing);
        return Ok(read_beside_watcher(catalog, scan, today, pid));
    }
    let mut target = open_target(catalog, mode.rebuild)?;
    let diff = target.manifest.diff(&scan.files, today);
    let mut refreshed = Refreshed {
        indexed: diff.read.len(),
        removed: diff.removed.len(),
        unchanged: diff.unchanged,
        rebuilt: target.rebuilt.clone(),
        ..Refreshed::default()
    };
    if diff.is_empty() && target.rebuilt.is_none() {
        return Ok(refreshed);
    }
    let tantivy_error = |error| IndexError::Tantivy {
        path: catalog.paths.tantivy.clone(),
        error,
    };
    let mut writer = new_writer(&target.index, diff.read.len()).map_err(tantivy_error)?;
    let fields = &catalog.fields;
    for rel in &diff.removed {
        writer.delete_term(Term::from_field_text(fields.path, rel));
    }
    progress.start(diff.read.len() as u64);
    let fresh = target.rebuilt.is_some();
    let config = &catalog.vault.config;
    let added: Result<Vec<(ManifestEntry, Option<Record>)>, tantivy::TantivyError> = diff
        .read
        .par_iter()
        .map(|&i| {
            let file = &scan.files[i];
            let read = Read::of(&catalog.vault.root, file, today);
            if !fresh {
                writer.delete_term(Term::from_field_text(fields.path, &file.rel));
            }
            if !matches!(read, Read::Report) {
                writer.add_document(read.document(fields, config, today))?;
            }
            progress.advance(1);
            let entry = ManifestEntry {
                rel: file.rel.clone(),
                stamp: file.stamp,
                valid: read.validity(today),
            };
            let record = if mode.keep_records {
                read.record()
            } else {
                None
            };
            Ok((entry, record))
        })
        .collect();
    let (added, read): (Vec<ManifestEntry>, Vec<Option<Record>>) =
        added.map_err(tantivy_error)?.into_iter().unzip();
    writer.commit().map_err(tantivy_error)?;
    // Only an optimisation: the index is complete and committed already.
    let _ = merge_small_segments(&target.index, &mut writer);
    drop(writer);
    progress.finish();
    refreshed.gone = diff.removed.clone();
    if mode.keep_records {
        let paths = added.iter().map(|entry| entry.rel.as_str());
        refreshed.keep(paths.zip(read).collect());
    }
    target.manifest.apply(&diff.removed, added);
    target
        .manifest
        .save(&catalog.paths.manifest)
        .map_err(io_error)?;
    if let Some(reason) = &target.rebuilt
        && !reason.is_empty()
    {
        catalog.notices.push(format!("{reason}; rebuilt the index"));
    }
    Ok(refreshed)
}

/// The index to write into, rebuilt from nothing when asked to, when its
/// manifest is missing or stale, or when it cannot be opened.
fn open_target(catalog: &Catalog, rebuild: bool) -> Result<Target, IndexError> {
    let existing = if rebuild {
        Err(String::new())
    } else {
        manifest_or_reason(catalog)
            .map_err(str::to_string)
            .and_then(|manifest| match open_tantivy(&catalog.paths.tantivy) {
                Ok(index) => Ok((index, manifest)),
                Err(error) => Err(format!(
                    "the index could not be opened ({})",
                    super::in_words(&error)
                )),
            })
    };
    let reason = match existing {
        Ok((index, manifest)) => {
            return Ok(Target {
                index,
                manifest,
                rebuilt: None,
            });
        }
        // A first build is not worth a notice.
        Err(_) if !catalog.paths.index.exists() => String::new(),
        Err(reason) => reason,
    };
    let paths = &catalog.paths;
    let io_error = |source| IndexError::Io {
        path: paths.index.clone(),
        source,
    };
    match std::fs::remove_dir_all(&paths.index) {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => return Err(io_error(error)),
    }
    crate::vault::create_dirs_within(&paths.home, &paths.tantivy).map_err(io_error)?;
    let (schema, _) = Fields::schema();
    let index =
        Index::create_in_dir(&paths.tantivy, schema).map_err(|error| IndexError::Tantivy {
            path: paths.tantivy.clone(),
            error,
        })?;
    super::schema::register_tokenizers(&index);
    Ok(Target {
        index,
        manifest: Manifest::new(config_fingerprint(&catalog.vault)),
        rebuilt: Some(reason),
    })
}

/// A writer sized for the work: a small one for a few notes, one thread
/// per core (up to four) with a bounded heap for a full build.
fn new_writer(index: &Index, files: usize) -> tantivy::Result<IndexWriter> {
    const PER_THREAD: usize = 20 * 1024 * 1024;
    let threads = if files < 1_000 {
        1
    } else {
        std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(4)
    };
    let writer: IndexWriter = index.writer_with_num_threads(threads, threads * PER_THREAD)?;
    // kith merges itself (below), at a moment when nothing else changes
    // the segments; tantivy's own merges would run in the background.
    writer.set_merge_policy(Box::new(NoMergePolicy));
    Ok(writer)
}

/// Incremental refreshes add a small segment each; once there are more
/// than a few, merge those (only those: the big segments of a full build
/// stay as they are), so searches stay fast.
fn merge_small_segments(index: &Index, writer: &mut IndexWriter) -> tantivy::Result<()> {
    const MAX_SMALL: usize = 8;
    const SMALL_DOCS: u32 = 2_000;
    let small: Vec<_> = index
        .searchable_segment_metas()?
        .into_iter()
        .filter(|meta| meta.num_docs() < SMALL_DOCS)
        .map(|meta| meta.id())
        .collect();
    if small.len() > MAX_SMALL {
        writer.merge(&small).wait()?;
    }
    Ok(())
}
