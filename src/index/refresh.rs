//! Bringing the index up to date: scan the notes, compare with the
//! manifest, read only what changed (in parallel), sort each note as a
//! person or not, and commit. While a watcher owns the index, changed
//! files are read but not written.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rayon::prelude::*;
use tantivy::indexer::NoMergePolicy;
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use super::links::{Found, Latest, PeopleKeys, Reading, Resolved};
use super::manifest::{Diff, Manifest, ManifestEntry, Sort, Validity};
use super::schema::{Fields, PersonKeys, Record};
use super::{Catalog, IndexError, Snapshot, config_fingerprint, manifest_or_reason, open_tantivy};
use crate::mention::OtherNote;
use crate::note::due::Status;
use crate::note::fields::Field;
use crate::note::problem::Problem;
use crate::note::summary::Summary;
use crate::vault::config::Config;
use crate::vault::hints::{self, Hint};
use crate::vault::open::Opener;
use crate::vault::people::{self, Kind, Rule, Sorted};
use crate::vault::scan::{NoteFile, Scan, Stamp};
use crate::vault::{Vault, read_scanned};
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
    /// What was noticed about the vault's layout.
    pub(crate) hints: Vec<Hint>,
    /// How people were told from other notes.
    pub(crate) rule: Rule,
    /// What the files read now hold: always beside a watcher (they are not
    /// in the index yet), otherwise only when asked to keep them.
    pub(crate) read: Vec<Record>,
    /// Notes not read whose links were resolved again (a person they name
    /// changed), kept as `read` is.
    pub(crate) again: Vec<Record>,
    /// Paths gone since the index was last written.
    pub(crate) gone: Vec<String>,
    /// Beside a watcher, the documents of the files read, to search them.
    pub(super) documents: Vec<TantivyDocument>,
    /// How long the refresh took.
    pub elapsed: Duration,
}

impl Refreshed {
    /// Keeps what the files read now hold (`read`, each path's latest
    /// reading, with the person records kept) and the notes resolved
    /// again; a file that is no longer a note (kith's report moved there)
    /// counts as gone.
    fn keep(&mut self, read: Latest, resolved: Resolved) {
        let mut others: HashMap<String, OtherNote> = resolved
            .read
            .into_iter()
            .map(|note| (note.path.clone(), note))
            .collect();
        for (path, (found, record)) in read {
            let record = match found {
                Found::Other(_) => others
                    .remove(&path)
                    .map(|note| Record::Other(Box::new(note))),
                _ => record,
            };
            match record {
                Some(record) => self.read.push(record),
                None => self.gone.push(path),
            }
        }
        self.again = resolved
            .again
            .into_iter()
            .map(|note| Record::Other(Box::new(note)))
            .collect();
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

/// A note file as read and sorted.
enum Read {
    /// A person: the note's body, its summary and its keys.
    Person(Box<(String, Summary, PersonKeys)>),
    Other(Box<OtherNote>),
    Unreadable(Problem),
    /// kith's own report, wherever it was moved, or a template: not a note.
    Skipped,
}

impl Read {
    /// Reads the note `file` of `vault` (opened by `opener`) and sorts it
    /// by `rule`; also says how, and the stamp of what was read, for the
    /// manifest.
    fn of(
        vault: &Vault,
        file: &NoteFile,
        opener: &mut Opener,
        rule: &Rule,
        today: NaiveDate,
    ) -> (Read, Sort, Option<Stamp>) {
        let Some((parsed, stamp)) = read_scanned(file, opener) else {
            // Gone since the walk: nothing to index, nothing to say.
            let gone = Sort {
                kind: Kind::Skipped,
                marked: false,
            };
            return (Read::Skipped, gone, None);
        };
        let (sorted, marked) = people::sort(parsed, &file.rel, rule, vault.markers());
        let sort = Sort {
            kind: sorted.kind(),
            marked,
        };
        let read = match sorted {
            Sorted::Person(person) => {
                let (summary, body) = Summary::taking(*person, &vault.config, today);
                let keys = PersonKeys::of(&summary);
                Read::Person(Box::new((body, summary, keys)))
            }
            Sorted::Other(note) => {
                Read::Other(Box::new(vault.other_note(&file.rel, &note, &rule.dailies)))
            }
            Sorted::Unreadable(problem) => Read::Unreadable(problem),
            Sorted::Skipped => Read::Skipped,
        };
        (read, sort, stamp)
    }

    /// What links need of it (a person's keys go to `people_keys`), and
    /// its record when `keep` says so (a note that is not a person has
    /// none before its links are resolved).
    fn found(self, keep: bool, people_keys: &Mutex<PeopleKeys>) -> Reading {
        match self {
            Read::Person(read) => {
                let keys = PeopleKeys::add_shared(people_keys, &read.2);
                (
                    Found::Person(keys),
                    keep.then(|| Record::Person(Box::new(read.1))),
                )
            }
            Read::Unreadable(problem) => (Found::Note, keep.then_some(Record::Unreadable(problem))),
            Read::Other(note) => (Found::Other(note), None),
            Read::Skipped => (Found::Skipped, None),
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

    /// Its index document; none for what is not a note, nor yet for a note
    /// whose links are not resolved.
    fn document(
        &self,
        fields: &Fields,
        config: &Config,
        today: NaiveDate,
    ) -> Option<TantivyDocument> {
        match self {
            Read::Person(read) => {
                let (body, summary, keys) = &**read;
                let status = Status::of(summary, config, today);
                Some(fields.person_document(body, summary, keys, &status, &config.outing_for))
            }
            Read::Unreadable(problem) => Some(fields.problem_document(problem)),
            Read::Other(_) | Read::Skipped => None,
        }
    }
}

/// The rule to sort by before reading: the people folders, and the
/// whole-vault fallback unless the manifest knows a marked note. A fresh
/// index guesses that some note is marked: sorting a note as not a person
/// costs less than indexing it as one, if it must be done again.
fn first_rule(vault: &Vault, scan: &Scan, manifest: &Manifest, fresh: bool) -> Rule {
    let folders = !vault.people_folders(scan).is_empty();
    vault.rule(scan, folders || fresh || manifest.any_marked())
}

/// The rule that holds once `manifest` records every note.
fn settled_rule(vault: &Vault, scan: &Scan, manifest: &Manifest) -> Rule {
    let folders = !vault.people_folders(scan).is_empty();
    vault.rule(scan, folders || manifest.any_marked())
}

pub(super) fn run(
    catalog: &mut Catalog,
    today: NaiveDate,
    mode: Mode,
    progress: &dyn Progress,
) -> Result<Refreshed, IndexError> {
    let started = Instant::now();
    let (mut refreshed, scan) = match catalog.watcher() {
        Some(pid) if mode.rebuild => {
            return Err(IndexError::Io {
                path: catalog.paths.index.clone(),
                source: std::io::Error::other(format!(
                    "kith watch (pid {pid}) owns the index; stop it to rebuild"
                )),
            });
        }
        Some(pid) => {
            let scan = catalog.vault.scan();
            (read_beside_watcher(catalog, &scan, today, pid)?, scan)
        }
        None => write(catalog, today, mode, progress)?,
    };
    refreshed.hints = hints::layout(&scan, &refreshed.rule);
    catalog.rule = refreshed.rule.clone();
    refreshed.scan_problems = scan.problems;
    refreshed.elapsed = started.elapsed();
    Ok(refreshed)
}

/// With a watcher writing the index, read what it has not caught up with,
/// and resolve the links it changes against the watcher's index.
fn read_beside_watcher(
    catalog: &mut Catalog,
    scan: &Scan,
    today: NaiveDate,
    pid: String,
) -> Result<Refreshed, IndexError> {
    let manifest = {
        let _reading = catalog.lock_for_reading(today).ok().flatten();
        Manifest::load(&catalog.paths.manifest)
    }
    .unwrap_or_else(|| Manifest::new(String::new()));
    let rule = first_rule(&catalog.vault, scan, &manifest, false);
    let diff = manifest.diff(&scan.files, today, &rule);
    let (fields, config) = (&catalog.fields, &catalog.vault.config);
    let mut documents: Vec<TantivyDocument> = Vec::new();
    let people_keys = Mutex::new(PeopleKeys::default());
    let read = diff
        .read
        .par_iter()
        .map_init(
            || Opener::new(&catalog.vault.root),
            |opener, &i| {
                let file = &scan.files[i];
                let (read, _, _) = Read::of(&catalog.vault, file, opener, &rule, today);
                let document = read.document(fields, config, today);
                (file.rel.clone(), read.found(true, &people_keys), document)
            },
        )
        .collect::<Vec<_>>()
        .into_iter()
        .map(|(path, found, document)| {
            documents.extend(document);
            (path, found)
        })
        .collect::<Vec<_>>();
    let read = Latest::new(read);
    let resolved = match catalog.try_snapshot(today) {
        Ok(mut snapshot) => {
            let people_keys = people_keys
                .into_inner()
                .unwrap_or_else(PoisonError::into_inner);
            snapshot.resolve_links(&read, &people_keys, &diff.removed, false)?
        }
        // No index to resolve against yet: the watcher is building it.
        Err(_) => Resolved::default(),
    };
    // The notes' documents, their links resolved, to search them too.
    let people = |path: &str| resolved.people.get(path).cloned();
    for note in resolved.read.iter().chain(&resolved.again) {
        documents.extend(catalog.fields.other_documents(note, &people));
    }
    let mut refreshed = Refreshed {
        unchanged: diff.unchanged,
        watcher: Some(pid),
        gone: diff.removed,
        rule,
        documents,
        ..Refreshed::default()
    };
    refreshed.keep(read, resolved);
    Ok(refreshed)
}

/// The index and manifest to update, created afresh when needed.
struct Target {
    index: Index,
    manifest: Manifest,
    rebuilt: Option<String>,
}

/// Writes what changed since the manifest into the index; also returns
/// the walk of the vault it compared.
fn write(
    catalog: &mut Catalog,
    today: NaiveDate,
    mode: Mode,
    progress: &dyn Progress,
) -> Result<(Refreshed, Scan), IndexError> {
    let manifest = match mode.rebuild {
        true => None,
        false => manifest_or_reason(catalog).ok(),
    };
    // Without a manifest every note is read: stamped then, not walking.
    let mut scan = match manifest {
        Some(_) => catalog.vault.scan(),
        None => catalog.vault.scan_unstamped(),
    };
    // Most refreshes find nothing to do: decide that without any lock.
    if let Some(manifest) = manifest
        && let rule = first_rule(&catalog.vault, &scan, &manifest, false)
        && *manifest.rule() == rule
        && manifest.diff(&scan.files, today, &rule).is_empty()
        && catalog.paths.tantivy.join("meta.json").is_file()
    {
        let refreshed = Refreshed {
            unchanged: scan.files.len(),
            rule,
            ..Refreshed::default()
        };
        return Ok((refreshed, scan));
    }
    let io_error = |source| IndexError::Io {
        path: catalog.paths.index.clone(),
        source,
    };
    let writing = lock::exclusive(&catalog.paths.write_lock).map_err(io_error)?;
    // A watcher may have started while this process waited for the lock.
    if let Some(pid) = catalog.watcher() {
        drop(writing);
        if !scan.is_stamped() {
            scan = catalog.vault.scan();
        }
        return Ok((read_beside_watcher(catalog, &scan, today, pid)?, scan));
    }
    let mut target = open_target(catalog, mode.rebuild)?;
    let fresh = target.rebuilt.is_some();
    // Another process may have built the index while this one waited.
    if !fresh && !scan.is_stamped() {
        scan = catalog.vault.scan();
    }
    let mut rule = first_rule(&catalog.vault, &scan, &target.manifest, fresh);
    let diff = target.manifest.diff(&scan.files, today, &rule);
    let mut refreshed = Refreshed {
        indexed: diff.read.len(),
        removed: diff.removed.len(),
        unchanged: diff.unchanged,
        rebuilt: target.rebuilt.clone(),
        ..Refreshed::default()
    };
    if diff.is_empty() && !fresh {
        if *target.manifest.rule() != rule {
            target.manifest.set_rule(rule.clone());
            target
                .manifest
                .save(&catalog.paths.manifest)
                .map_err(io_error)?;
        }
        refreshed.rule = rule;
        return Ok((refreshed, scan));
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
    let pass = Pass {
        catalog,
        writer: &writer,
        today,
        keep_records: mode.keep_records,
        people_keys: Mutex::new(PeopleKeys::default()),
    };
    let mut read = pass.run(&scan, &diff, &rule, fresh, progress)?;
    // The walk may have left the stamps to the reading.
    for (&i, entry) in diff.read.iter().zip(&read.entries) {
        scan.files[i].stamp = Some(entry.stamp);
    }
    target.manifest.apply(&diff.removed, read.entries);
    target.manifest.set_rule(rule.clone());
    let mut latest = Latest::new(read.found);
    // The rule may turn out otherwise once every note is known (the first
    // marked note, or the last, came or went): sort again what it changes.
    for _ in 0..MAX_SORTS {
        let settled = settled_rule(&catalog.vault, &scan, &target.manifest);
        if settled == rule {
            break;
        }
        rule = settled;
        let again = target.manifest.diff(&scan.files, today, &rule);
        read = pass.run(&scan, &again, &rule, false, &Quiet)?;
        // Files read a second time count once.
        let first: std::collections::HashSet<usize> = diff.read.iter().copied().collect();
        let newly = again.read.iter().filter(|i| !first.contains(i)).count();
        refreshed.indexed += newly;
        refreshed.unchanged = refreshed.unchanged.saturating_sub(newly);
        target.manifest.apply(&[], read.entries);
        target.manifest.set_rule(rule.clone());
        latest.extend(read.found);
    }
    let resolved = pass.resolve(&target.index, &latest, &diff.removed, fresh)?;
    // What was read is kept only when asked to: let it go before the
    // commit, which needs memory of its own.
    let kept = mode.keep_records.then_some((latest, resolved));
    drop(pass);
    // Written while tantivy finishes its segments, and put in place only
    // once they are committed.
    let manifest = target
        .manifest
        .stage(&catalog.paths.manifest)
        .map_err(io_error)?;
    writer.commit().map_err(tantivy_error)?;
    // Only an optimisation: the index is complete and committed already.
    let _ = merge_small_segments(&target.index, &mut writer);
    drop(writer);
    progress.finish();
    refreshed.gone = diff.removed.clone();
    refreshed.rule = rule;
    if let Some((latest, resolved)) = kept {
        refreshed.keep(latest, resolved);
    }
    manifest.replace().map_err(io_error)?;
    if let Some(reason) = &target.rebuilt
        && !reason.is_empty()
    {
        catalog.notices.push(format!("{reason}; rebuilt the index"));
    }
    Ok((refreshed, scan))
}

/// How many times a refresh sorts the notes again when the rule turns out
/// otherwise after reading them: once is enough unless notes change
/// meanwhile.
const MAX_SORTS: usize = 2;

/// One pass over files to read into the index.
struct Pass<'a> {
    catalog: &'a Catalog,
    writer: &'a IndexWriter,
    today: NaiveDate,
    keep_records: bool,
    /// The keys of the people the passes read.
    people_keys: Mutex<PeopleKeys>,
}

/// What a pass read: the manifest's entries, and what each file is (with
/// its record when kept).
struct Passed {
    entries: Vec<ManifestEntry>,
    found: Vec<(String, Reading)>,
}

impl Pass<'_> {
    /// Reads the files of `scan` that `diff` names, sorted by `rule`, into
    /// the index (in parallel); on a `fresh` index nothing is there to
    /// replace. The manifest's entries come in the order of `diff.read`.
    fn run(
        &self,
        scan: &Scan,
        diff: &Diff,
        rule: &Rule,
        fresh: bool,
        progress: &dyn Progress,
    ) -> Result<Passed, IndexError> {
        let fields = &self.catalog.fields;
        let vault = &self.catalog.vault;
        type Added = Result<(usize, Validity, Sort, Stamp, Reading), Box<tantivy::TantivyError>>;
        // Collected as results, each into its place: collecting into one
        // result gathers lists of pieces and copies them at the end.
        let read_all = || {
            diff.read
                .par_iter()
                .map_init(
                    || Opener::new(&vault.root),
                    |opener, &i| {
                        let file = &scan.files[i];
                        let (read, sorted, stamp) = Read::of(vault, file, opener, rule, self.today);
                        if !fresh {
                            self.writer
                                .delete_term(Term::from_field_text(fields.path, &file.rel));
                        }
                        if let Some(document) = read.document(fields, &vault.config, self.today) {
                            self.writer.add_document(document).map_err(Box::new)?;
                        }
                        progress.advance(1);
                        let valid = read.validity(self.today);
                        // Not stamped, a note is read again next time.
                        let stamp = stamp.unwrap_or_default();
                        Ok((
                            i,
                            valid,
                            sorted,
                            stamp,
                            read.found(self.keep_records, &self.people_keys),
                        ))
                    },
                )
                .collect()
        };
        let added: Vec<Added> = match reading_pool(diff.read.len()) {
            Some(pool) => pool.install(read_all),
            None => read_all(),
        };
        // The paths are copied here, not on the reading threads: there
        // they would stay scattered among what the reading freed.
        let mut found = Vec::with_capacity(added.len());
        let entries = added
            .into_iter()
            .map(|added| {
                let (i, valid, sorted, stamp, read) = added?;
                let file = &scan.files[i];
                found.push((file.rel.clone(), read));
                Ok(ManifestEntry {
                    rel: file.rel.clone(),
                    stamp,
                    valid,
                    sorted,
                })
            })
            .collect::<Result<_, Box<tantivy::TantivyError>>>()
            .map_err(|source| self.error(*source))?;
        Ok(Passed { entries, found })
    }

    /// Resolves the links of the notes the passes read (`latest`, each
    /// path's last reading; `removed` gone) and of the notes in the index
    /// whose links may now name someone else, and writes their documents.
    fn resolve(
        &self,
        index: &Index,
        latest: &Latest,
        removed: &[String],
        fresh: bool,
    ) -> Result<Resolved, IndexError> {
        let fields = &self.catalog.fields;
        let mut before = Snapshot::of(index, fields).map_err(|source| self.error(source))?;
        let people_keys = self
            .people_keys
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let resolved = before.resolve_links(latest, &people_keys, removed, fresh)?;
        drop(people_keys);
        let people = |path: &str| resolved.people.get(path).cloned();
        for note in &resolved.again {
            self.writer
                .delete_term(Term::from_field_text(fields.path, &note.path));
        }
        for note in resolved.read.iter().chain(&resolved.again) {
            for document in fields.other_documents(note, &people) {
                self.writer
                    .add_document(document)
                    .map_err(|source| self.error(source))?;
            }
        }
        Ok(resolved)
    }

    fn error(&self, error: tantivy::TantivyError) -> IndexError {
        IndexError::Tantivy {
            path: self.catalog.paths.tantivy.clone(),
            error,
        }
    }
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

/// Fewer files than this are indexed on one thread and read on the shared
/// pool.
const LARGE_READ: usize = 1_000;

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// A writer sized for the work: a small one for a few notes, one thread
/// per core (up to four) with a bounded heap for a full build.
fn new_writer(index: &Index, files: usize) -> tantivy::Result<IndexWriter> {
    const PER_THREAD: usize = 20 * 1024 * 1024;
    let threads = if files < LARGE_READ {
        1
    } else {
        cores().min(4)
    };
    let writer: IndexWriter = index.writer_with_num_threads(threads, threads * PER_THREAD)?;
    // kith merges itself (below), at a moment when nothing else changes
    // the segments; tantivy's own merges would run in the background.
    writer.set_merge_policy(Box::new(NoMergePolicy));
    Ok(writer)
}

/// The threads that read a large number of `files` for the writer's
/// threads to index: half the cores. Reading a note costs about what
/// indexing it does, so half keeps the indexing threads busy; more only
/// fill tantivy's queue of up to 10,000 documents waiting to be indexed
/// (~20 MB more at the peak of 100,000 notes) and take turns on the same
/// cores. `None`:
/// read on the shared pool.
fn reading_pool(files: usize) -> Option<rayon::ThreadPool> {
    let readers = (cores() / 2).max(1);
    if files < LARGE_READ || readers >= rayon::current_num_threads() {
        return None;
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(readers)
        .build()
        .ok()
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
