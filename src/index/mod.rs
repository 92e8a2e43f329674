//! The search index in `.kith/index/` (or wherever the vault's home is): opening it (rebuilding it when its
//! schema changed or it is damaged), bringing it up to date with the notes
//! incrementally, and reading back every stored person.
//!
//! The notes are the truth and the index is disposable: any doubt about it
//! ends in a rebuild with a one-line notice, never in an error.

mod links;
pub(crate) mod manifest;
mod mentions;
mod query;
mod refresh;
pub(crate) mod schema;
mod select;
mod stem;
mod stored;
mod tokens;
mod topic;
pub(crate) mod words;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument,
};

pub use query::{Hit, SearchRequest, searchable};
pub(crate) use refresh::Quiet;
pub use refresh::{Mode, Progress, Refreshed};
pub use select::Wanted;

use crate::mention::OtherNote;
use crate::note::due::never_due;
use crate::note::problem::Problem;
use crate::note::summary::Summary;
use crate::vault::config::Config;
use crate::vault::people::Rule;
use crate::vault::{Loaded, Vault};
use crate::watch::Answer;
use crate::write::lock;
use manifest::Manifest;
use schema::{Fields, Record};
use stored::Stores;

/// How many records one thread reads in a row: runs much longer than a
/// stored block (a few dozen records) and short enough to share out.
const RECORDS_PER_RUN: usize = 512;

/// Said when the index could not be read and was rebuilt.
const UNREADABLE_REBUILT: &str = "the index could not be read; rebuilt the index";

/// A refresh that starts over.
const REBUILD: Mode = Mode {
    rebuild: true,
    keep_records: false,
};

/// What went wrong with the index that a rebuild cannot fix.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The index's folder cannot be written.
    #[error("cannot write the index in {path}: {source}")]
    Io {
        /// The folder.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },
    /// tantivy fails even on a fresh index.
    #[error("the index in {path} is unusable even after a rebuild: {}", in_words(.error))]
    Tantivy {
        /// The index's folder.
        path: PathBuf,
        /// What tantivy said (in words in the message: tantivy's own shows
        /// Rust debug values).
        error: tantivy::TantivyError,
    },
    /// A search query that cannot be read.
    #[error("bad query '{query}': {reason}", query = shortened(.query))]
    BadQuery {
        /// The query as given.
        query: String,
        /// What is wrong with it.
        reason: String,
    },
}

/// `query` cut to a length that fits a message.
fn shortened(query: &str) -> String {
    const SHOWN: usize = 60;
    match query.char_indices().nth(SHOWN) {
        Some((at, _)) => format!("{}…", &query[..at]),
        None => query.to_string(),
    }
}

/// Where the index and its companions live: inside the vault's
/// [`Home`](crate::vault::home::Home).
#[derive(Debug, Clone)]
pub(crate) struct Paths {
    /// The folder holding them all; nothing above it is created.
    pub(crate) home: PathBuf,
    /// `index/`: everything here may be deleted at any time.
    pub(crate) index: PathBuf,
    pub(crate) tantivy: PathBuf,
    pub(crate) manifest: PathBuf,
    /// Held exclusively while writing the index, shared while reading it.
    pub(crate) write_lock: PathBuf,
    /// Held by a running `kith watch`.
    pub(crate) watch_lock: PathBuf,
    /// Where a running `kith watch` answers whether its index covers every
    /// change made so far (beside the watch lock).
    pub(crate) watch_socket: PathBuf,
}

impl Paths {
    pub(crate) fn of(vault: &Vault) -> Paths {
        let home = vault.home();
        let index = home.index_dir();
        let state = home.state_dir();
        let watch_lock = state.join("watch.lock");
        Paths {
            home: home.dir.clone(),
            tantivy: index.join("tantivy"),
            manifest: index.join("manifest"),
            index,
            write_lock: state.join("index.lock"),
            watch_socket: watch_lock.with_file_name("watch.sock"),
            watch_lock,
        }
    }
}

/// An opened index over a vault's notes.
pub struct Catalog {
    vault: Vault,
    paths: Paths,
    fields: Fields,
    /// To say once to the user: rebuilds and their reasons.
    notices: Vec<String>,
    /// This process is the watcher: it writes the index itself.
    watching: bool,
    /// Told how the refreshes this catalog runs on its own are going.
    progress: Box<dyn Progress>,
    /// How the last refresh told people from other notes.
    rule: Rule,
    /// What the running watcher answered, once asked.
    answer: Option<Answer>,
    /// The watcher's index opened for searching, kept until it refreshes.
    opened: Option<Snapshot>,
}

/// The index opened for reading: one consistent point in time.
pub(crate) struct Snapshot {
    searcher: Searcher,
    /// The segments' document stores, where the records are.
    stores: Stores,
    fields: Fields,
    /// Files changed on disk since the index was written, read directly:
    /// they replace what the index holds for their paths.
    overlay: Vec<Record>,
    /// Paths the overlay removes or replaces.
    hidden: Vec<String>,
    /// The overlay's notes indexed in memory, for searching them, with
    /// their stores.
    overlay_index: Option<(Searcher, Stores)>,
}

impl Catalog {
    /// The index of `vault`; nothing is read until asked.
    pub fn new(vault: &Vault) -> Catalog {
        Catalog {
            vault: vault.clone(),
            paths: Paths::of(vault),
            fields: Fields::schema().1,
            notices: Vec::new(),
            watching: false,
            progress: Box::new(Quiet),
            rule: Rule::default(),
            answer: None,
            opened: None,
        }
    }

    /// Reports the progress of the refreshes (and rebuilds) this catalog
    /// runs before reading, e.g. with a progress bar.
    pub fn with_progress(self, progress: Box<dyn Progress>) -> Catalog {
        Catalog { progress, ..self }
    }

    /// The catalog of the process holding the watch lock, which keeps
    /// writing the index while other processes only read it.
    pub(crate) fn for_watcher(vault: &Vault) -> Catalog {
        Catalog {
            watching: true,
            ..Catalog::new(vault)
        }
    }

    /// What the index did on its own since last asked (rebuilds), and
    /// where it is kept when that is not `.kith/` (said once).
    pub fn take_notices(&mut self) -> Vec<String> {
        let home = self.vault.home().take_notice();
        home.into_iter()
            .chain(std::mem::take(&mut self.notices))
            .collect()
    }

    /// How the last refresh told people from other notes.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }

    /// The pid of a `kith watch` keeping this index fresh, if one runs.
    pub fn watcher(&self) -> Option<String> {
        if self.watching {
            return None;
        }
        lock::watcher(&self.paths.watch_lock)
    }

    /// Asks the running watcher, if one runs, to take in every change made
    /// so far; asked once, the answer is kept.
    fn ask_watcher(&mut self, today: NaiveDate) -> Option<Answer> {
        if self.answer.is_none() {
            self.ask(today, None);
        }
        self.answer
    }

    /// Asks the running watcher, if one runs, to take in every change made
    /// so far and search its index: what it finds, when it covers them.
    /// Its answer is kept, as with [`Catalog::search`]; `None`: search
    /// here.
    pub fn search_by_watcher(&mut self, request: &SearchRequest) -> Option<Vec<Hit>> {
        if self.answer.is_some() {
            return None;
        }
        self.ask(request.today, Some(request))
    }

    /// Asks the running watcher, if one runs, keeping its answer; with
    /// `search`, what it found.
    fn ask(&mut self, today: NaiveDate, search: Option<&SearchRequest>) -> Option<Vec<Hit>> {
        self.watcher()?;
        let (answer, hits) = crate::watch::ask(&self.paths.watch_socket, today, search);
        self.answer = Some(answer);
        hits
    }

    /// Forgets what the running watcher answered: notes were written
    /// since, and it must be asked again.
    pub fn forget_watcher_answer(&mut self) {
        self.answer = None;
    }

    /// The shared lock on the index for reading it. Only a watcher that
    /// does not answer is not waited for: suspended, it may hold the lock
    /// for ever. Reading without it is safe enough: tantivy keeps the
    /// files being opened from deletion, the manifest is replaced
    /// atomically and written after the index, so the worst case is
    /// reading a note again that the index already holds.
    fn lock_for_reading(&mut self, today: NaiveDate) -> std::io::Result<Option<lock::Held>> {
        if let Some(held) = lock::try_shared(&self.paths.write_lock)? {
            return Ok(Some(held));
        }
        if self.ask_watcher(today) == Some(Answer::Silent) {
            return Ok(None);
        }
        lock::shared(&self.paths.write_lock).map(Some)
    }

    /// Brings the index up to date with the notes (only changed, new and
    /// deleted files are read), or rebuilds it, as `mode` says.
    pub fn refresh(
        &mut self,
        today: NaiveDate,
        mode: Mode,
        progress: &dyn Progress,
    ) -> Result<Refreshed, IndexError> {
        self.opened = None;
        refresh::run(self, today, mode, progress)
    }

    /// A refresh before reading, reporting to the catalog's progress.
    fn refresh_for_reading(
        &mut self,
        today: NaiveDate,
        mode: Mode,
    ) -> Result<Refreshed, IndexError> {
        let progress = std::mem::replace(&mut self.progress, Box::new(Quiet));
        let refreshed = self.refresh(today, mode, &*progress);
        self.progress = progress;
        refreshed
    }

    /// Opens the index for reading, rebuilding it once if it cannot be read.
    fn snapshot(&mut self, today: NaiveDate) -> Result<Snapshot, IndexError> {
        match self.try_snapshot(today) {
            Ok(snapshot) => Ok(snapshot),
            Err(_) => {
                self.notices.push(UNREADABLE_REBUILT.into());
                self.refresh_for_reading(today, REBUILD)?;
                self.try_snapshot(today)
                    .map_err(|error| IndexError::Tantivy {
                        path: self.paths.tantivy.clone(),
                        error,
                    })
            }
        }
    }

    fn try_snapshot(&mut self, today: NaiveDate) -> tantivy::Result<Snapshot> {
        let _reading = self.lock_for_reading(today)?;
        let index = open_tantivy(&self.paths.tantivy)?;
        Snapshot::of(&index, &self.fields)
    }

    /// Reads the index with `read`; when the index turns out damaged
    /// halfway, rebuilds it and reads once more.
    fn read<T>(
        &mut self,
        today: NaiveDate,
        prepare: impl Fn(&mut Snapshot),
        read: impl Fn(&Snapshot) -> Result<T, IndexError>,
    ) -> Result<T, IndexError> {
        let mut snapshot = self.snapshot(today)?;
        prepare(&mut snapshot);
        match read(&snapshot) {
            Err(IndexError::Tantivy { .. }) => {
                self.notices.push(UNREADABLE_REBUILT.into());
                self.refresh_for_reading(today, REBUILD)?;
                let mut snapshot = self.snapshot(today)?;
                prepare(&mut snapshot);
                read(&snapshot)
            }
            other => other,
        }
    }

    /// Reads with `read` from the index brought up to date (or, while a
    /// watcher owns it, overlaid with the files changed since); also gives
    /// the problems of the walk itself.
    fn read_fresh<T>(
        &mut self,
        today: NaiveDate,
        read: impl Fn(&Snapshot) -> Result<T, IndexError>,
    ) -> Result<(T, Refreshed), IndexError> {
        let refreshed = self.refresh_for_reading(today, Mode::default())?;
        let beside_watcher = refreshed.watcher.is_some();
        let value = self.read(
            today,
            |snapshot| {
                if beside_watcher {
                    let mut records = refreshed.read.clone();
                    records.extend(refreshed.again.iter().cloned());
                    snapshot.overlay(records, refreshed.gone.clone());
                }
            },
            read,
        )?;
        Ok((value, refreshed))
    }

    /// Fresh people and problems: everyone, or only whom `wanted` may
    /// include.
    pub fn load(
        &mut self,
        today: NaiveDate,
        wanted: Option<&Wanted>,
    ) -> Result<Loaded, IndexError> {
        let config = self.vault.config.clone();
        let (mut loaded, refreshed) =
            self.read_fresh(today, |snapshot| snapshot.loaded(wanted, &config, today))?;
        loaded.problems.extend(refreshed.scan_problems);
        loaded.problems.sort();
        loaded.hints = refreshed.hints;
        loaded.rule = refreshed.rule;
        Ok(loaded)
    }

    /// Every record in the index as it is, without refreshing it.
    pub(crate) fn records(&mut self, today: NaiveDate) -> Result<Vec<Record>, IndexError> {
        self.read(today, |_| {}, Snapshot::records)
    }

    /// Everyone a command-line NAME may mean (a superset for
    /// `resolve::resolve`), from the index brought up to date: names are
    /// resolved without reading every person.
    pub fn named(&mut self, today: NaiveDate, name: &str) -> Result<Vec<Summary>, IndexError> {
        let config = self.vault.config.clone();
        let (people, _) = self.read_fresh(today, |snapshot| {
            let people: Vec<Summary> = snapshot
                .named(name)?
                .into_iter()
                .filter_map(|record| match record {
                    Record::Person(summary) => Some(*summary),
                    _ => None,
                })
                .collect();
            snapshot.with_their_mentions(people, &config, today)
        })?;
        Ok(people)
    }

    /// For each of `stems` (stemmed as the index stems the body: see
    /// `words`), the paths of the notes whose body holds it, from the
    /// index brought up to date.
    pub fn bodies_holding(
        &mut self,
        today: NaiveDate,
        stems: &[String],
    ) -> Result<Vec<BTreeSet<String>>, IndexError> {
        let root = self.vault.root.clone();
        let (found, _) =
            self.read_fresh(today, |snapshot| snapshot.bodies_holding(&root, stems))?;
        Ok(found)
    }

    /// The people best matching `request`, fresh: the index is brought up
    /// to date first, by the running watcher when it answers that its
    /// index covers every change made so far, else here; beside a watcher
    /// that does not, the notes changed since are searched in memory.
    pub fn search(&mut self, request: &SearchRequest) -> Result<Vec<Hit>, IndexError> {
        let today = request.today;
        let refreshed = match self.ask_watcher(today) {
            Some(Answer::Covered) => None,
            _ => Some(self.refresh_for_reading(today, Mode::default())?),
        };
        let overlay = refreshed.filter(|refreshed| refreshed.watcher.is_some());
        let root = self.vault.root.clone();
        let config = self.vault.config.clone();
        let record = self.fields.record;
        self.read(
            today,
            |snapshot| {
                if let Some(refreshed) = &overlay {
                    // Notes whose links were resolved again are read anew too.
                    let read = refreshed.read.iter().chain(&refreshed.again);
                    snapshot.overlay(read.cloned().collect(), refreshed.gone.clone());
                    snapshot.overlay_index = in_memory(&refreshed.documents)
                        .and_then(|searcher| Ok((Stores::open(&searcher, record)?, searcher)))
                        .map(|(stores, searcher)| (searcher, stores))
                        .ok();
                }
            },
            |snapshot| snapshot.search(request, &root, &config),
        )
    }

    /// The people best matching `request` in the index as it is, opened
    /// once until the next refresh: for the watcher, which keeps it up to
    /// date itself and answers searches for other processes.
    pub(crate) fn search_as_is(&mut self, request: &SearchRequest) -> Result<Vec<Hit>, IndexError> {
        let opened = match self.opened.take() {
            Some(opened) => opened,
            None => self.snapshot(request.today)?,
        };
        let found = opened.search(request, &self.vault.root, &self.vault.config);
        // A damaged index is opened again (and rebuilt) next time.
        if !matches!(found, Err(IndexError::Tantivy { .. })) {
            self.opened = Some(opened);
        }
        found
    }
}

/// `documents` indexed in memory, searchable like the index on disk.
fn in_memory(documents: &[TantivyDocument]) -> tantivy::Result<Searcher> {
    /// The least heap tantivy's writer accepts.
    const HEAP: usize = 15_000_000;
    let (schema, _) = Fields::schema();
    let index = Index::create_in_ram(schema);
    schema::register_tokenizers(&index);
    let mut writer: IndexWriter = index.writer_with_num_threads(1, HEAP)?;
    for document in documents {
        writer.add_document(document.clone())?;
    }
    writer.commit()?;
    let reader: IndexReader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    Ok(reader.searcher())
}

impl Snapshot {
    /// The index as it is now, opened for reading.
    pub(crate) fn of(index: &Index, fields: &Fields) -> tantivy::Result<Snapshot> {
        let reader: IndexReader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        // Opening a segment does not read all of it: open every store and
        // fast field now, so that damage shows here and not halfway through.
        let stores = Stores::open(&searcher, fields.record)?;
        for segment in searcher.segment_readers() {
            segment.fast_fields().i64("due")?;
        }
        Ok(Snapshot {
            searcher,
            stores,
            fields: fields.clone(),
            overlay: Vec::new(),
            hidden: Vec::new(),
            overlay_index: None,
        })
    }

    fn overlay(&mut self, records: Vec<Record>, removed: Vec<String>) {
        self.hidden = removed;
        self.hidden
            .extend(records.iter().map(|r| r.path().to_string()));
        self.hidden.sort_unstable();
        self.overlay = records;
    }

    fn is_hidden(&self, path: &str) -> bool {
        self.hidden
            .binary_search_by(|p| p.as_str().cmp(path))
            .is_ok()
    }

    /// Every stored record of a note, the overlay's in place of the
    /// index's.
    pub(crate) fn records(&self) -> Result<Vec<Record>, IndexError> {
        let mut addresses = Vec::with_capacity(self.searcher.num_docs() as usize);
        for (ord, segment) in self.searcher.segment_readers().iter().enumerate() {
            let alive = segment.alive_bitset();
            addresses.extend(
                (0..segment.max_doc())
                    .filter(|&doc_id| !alive.is_some_and(|alive| alive.is_deleted(doc_id)))
                    .map(|doc_id| DocAddress::new(ord as u32, doc_id)),
            );
        }
        Ok(self.with_overlay(self.index_records(addresses)?))
    }

    /// The records at `addresses`, the overlay's in place of the index's.
    fn records_at(&self, addresses: Vec<DocAddress>) -> Result<Vec<Record>, IndexError> {
        Ok(self.with_overlay(self.index_records(addresses)?))
    }

    /// The records of notes at `addresses` that the overlay does not hide,
    /// read in storage order (so each stored block is read about once),
    /// in runs decoded in parallel: decoding is most of what reading
    /// thousands of records costs.
    fn index_records(&self, mut addresses: Vec<DocAddress>) -> Result<Vec<Record>, IndexError> {
        addresses.sort_unstable();
        let runs: Vec<Vec<Record>> = addresses
            .par_chunks(RECORDS_PER_RUN)
            .map(|run| {
                let mut records = Vec::with_capacity(run.len());
                for &address in run {
                    if let Some(record) = self.record_at(address)?
                        && !matches!(record, Record::Mention(_))
                        && !self.is_hidden(record.path())
                    {
                        records.push(record);
                    }
                }
                Ok(records)
            })
            .collect::<Result<_, IndexError>>()?;
        let mut records = Vec::with_capacity(addresses.len() + self.overlay.len());
        records.extend(runs.into_iter().flatten());
        Ok(records)
    }

    /// `records` (none of them hidden) with the overlay added, in path order.
    fn with_overlay(&self, mut records: Vec<Record>) -> Vec<Record> {
        records.extend(self.overlay.iter().cloned());
        records.sort_unstable_by(|a, b| a.path().cmp(b.path()));
        records
    }

    /// People, with their mentions counted in on `today` as `config`
    /// says, and unreadable-file problems: everyone, or whom `wanted` may
    /// include.
    pub(crate) fn loaded(
        &self,
        wanted: Option<&Wanted>,
        config: &Config,
        today: NaiveDate,
    ) -> Result<Loaded, IndexError> {
        let never_due = |person: &Summary| never_due(person, config, today);
        let (records, counts, mentioning) = match wanted {
            None => (self.records()?, None, Vec::new()),
            Some(wanted) => {
                // Those who may show, and the notes that may bring more
                // of them in, are read side by side.
                let (selected, mentioning) =
                    rayon::join(|| self.select(wanted), || self.mentioning_notes());
                (
                    selected?,
                    Some((
                        self.count(self.fields.person, |r| matches!(r, Record::Person(_)))?,
                        self.count(
                            self.fields.idle,
                            |r| matches!(r, Record::Person(p) if never_due(p)),
                        )?,
                    )),
                    mentioning?,
                )
            }
        };
        // Sized once: growing a vector of thousands of (large) summaries
        // copies them again and again into fresh memory.
        let people_count = records
            .iter()
            .filter(|r| matches!(r, Record::Person(_)))
            .count();
        let mut people: Vec<Summary> = Vec::with_capacity(people_count);
        let mut problems: Vec<Problem> = Vec::new();
        let mut others: Vec<OtherNote> = Vec::new();
        for record in records {
            match record {
                Record::Person(summary) => people.push(*summary),
                Record::Unreadable(problem) => problems.push(problem),
                Record::Other(note) => others.push(*note),
                Record::Mention(_) => {}
            }
        }
        let link_hints = match wanted {
            Some(wanted) if wanted.hints => self.link_hints(&others)?,
            _ => Vec::new(),
        };
        let (people, never_due) = match counts {
            None => {
                let (people, _) = self.counted_in(people, &others, config, today);
                let idle = people.iter().filter(|p| never_due(p)).count();
                (people, idle)
            }
            Some((_, idle)) => {
                let mut promised = self.promised_to(&people, &mentioning)?;
                promised.sort_unstable_by(|a, b| a.path.cmp(&b.path));
                // Two runs in path order: a stable sort merges them, moving
                // each (large) summary once rather than sorting them all.
                people.extend(promised);
                people.sort_by(|a, b| a.path.cmp(&b.path));
                let (people, made_idle) = self.counted_in(people, &mentioning, config, today);
                (people, idle + made_idle)
            }
        };
        let notes = counts.map_or(people.len(), |(notes, _)| notes);
        Ok(Loaded {
            people,
            problems,
            notes,
            never_due,
            hints: Vec::new(),
            rule: Rule::default(),
            link_hints,
        })
    }

    fn record_at(&self, address: DocAddress) -> Result<Option<Record>, IndexError> {
        self.stores
            .record(&self.searcher, address)
            .map_err(|source| self.error(source))
    }

    fn error(&self, error: tantivy::TantivyError) -> IndexError {
        IndexError::Tantivy {
            path: PathBuf::from(".kith/index"),
            error,
        }
    }
}

/// What is wrong with the index, in words: tantivy's own messages show
/// Rust debug values (`DoesNotExist("…")`).
fn in_words(error: &tantivy::TantivyError) -> String {
    use tantivy::TantivyError as E;
    use tantivy::directory::error::{OpenDirectoryError, OpenReadError};
    let name = |path: &Path| {
        path.file_name()
            .unwrap_or(path.as_os_str())
            .display()
            .to_string()
    };
    match error {
        E::OpenDirectoryError(OpenDirectoryError::DoesNotExist(_)) => {
            "its folder is missing".into()
        }
        E::OpenDirectoryError(_) => "its folder cannot be opened".into(),
        E::OpenReadError(OpenReadError::FileDoesNotExist(path)) => {
            format!("its file {} is missing", name(path))
        }
        E::OpenReadError(OpenReadError::IoError { io_error, filepath }) => {
            format!("its file {} cannot be read: {io_error}", name(filepath))
        }
        E::IncompatibleIndex(_) | E::OpenReadError(OpenReadError::IncompatibleIndex(_)) => {
            "it was written by another version of kith".into()
        }
        E::IoError(io_error) => format!("it cannot be read: {io_error}"),
        E::SchemaError(why) => why.clone(),
        _ => "it is damaged".into(),
    }
}

/// Opens the tantivy index in `dir` with kith's tokenizers.
fn open_tantivy(dir: &Path) -> tantivy::Result<Index> {
    let index = Index::open_in_dir(dir)?;
    let (expected, _) = Fields::schema();
    if index.schema() != expected {
        return Err(tantivy::TantivyError::SchemaError(
            "the index was written with another schema".into(),
        ));
    }
    schema::register_tokenizers(&index);
    Ok(index)
}

/// The settings due dates, markers, outings, hints and mentions depend on
/// (the config's, and how Obsidian names daily notes), as text to compare.
fn config_fingerprint(vault: &Vault) -> String {
    let config = &vault.config;
    let by_tag: Vec<String> = config
        .cadence_by_tag
        .iter()
        .map(|(tag, cadence)| format!("{tag}={cadence}"))
        .collect();
    let markers: Vec<String> = vault.markers().iter().map(ToString::to_string).collect();
    let dailies: Vec<String> = crate::vault::obsidian::daily_notes(&vault.root)
        .iter()
        .map(|daily| format!("{}/{}", daily.folder, daily.format))
        .collect();
    let outings: Vec<String> = config
        .outings
        .kinds()
        .iter()
        .map(|(kind, words)| format!("{kind}={}", words.join("+")))
        .collect();
    let who = &config.outing_for;
    format!(
        "default={:?};by_tag={};markers={};outings={};outing_for={}/{};mentions={};in={:?};dailies={}",
        config.default_cadence.map(|c| c.to_string()),
        by_tag.join(","),
        markers.join(","),
        outings.join(","),
        who.tags.join(","),
        who.priorities.join(","),
        config.mentions,
        config.mention_folders,
        dailies.join(",")
    )
}

/// Reads the manifest, or says why the index must be rebuilt.
fn manifest_or_reason(catalog: &Catalog) -> Result<Manifest, &'static str> {
    let manifest =
        Manifest::load(&catalog.paths.manifest).ok_or(if catalog.paths.manifest.exists() {
            "the index was built by another version of kith"
        } else {
            "the index had no manifest"
        })?;
    if manifest.config_fingerprint != config_fingerprint(&catalog.vault) {
        return Err(
            "cadence, person_marker, mentions, outings or outing_for settings in \
             .kith/config.yaml, or Obsidian's daily notes settings, changed",
        );
    }
    Ok(manifest)
}
