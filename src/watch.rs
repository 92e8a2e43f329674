//! `kith watch`: keeps the index and the report current while notes change.
//! File events (debounced by notify-debouncer-full, then coalesced) only say
//! *that* something changed; each update is an incremental refresh, so
//! atomic saves, renames, folder moves, bursts and a lost event queue all
//! take the same path. People are kept in memory for the report.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use chrono::{Local, NaiveDate};
use notify::RecursiveMode;
use notify::event::{AccessKind, AccessMode, EventKind};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::index::schema::Record;
use crate::index::{Catalog, IndexError, Mode, Quiet, Refreshed};
use crate::mention::OtherNote;
use crate::note::due::Status;
use crate::note::problem::Problem;
use crate::note::summary::Summary;
use crate::report::Unrecorded;
use crate::report::harvest::{self, Harvest, Recorded};
use crate::vault::{KITH_DIR, Vault, VaultError, obsidian};
use crate::write::lock::{WatchLock, WatchLockError};

/// How long a file must be quiet before its events are passed on.
const DEBOUNCE: Duration = Duration::from_millis(60);
/// After the first events, more arriving within this long join the update…
const SETTLE: Duration = Duration::from_millis(40);
/// …but an endless stream of events still gets an update this often.
const MAX_SETTLE: Duration = Duration::from_secs(2);

/// Why watching stopped or could not start.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// Another watcher runs, or the lock cannot be taken.
    #[error(transparent)]
    Lock(#[from] WatchLockError),
    /// The index cannot be written.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// The vault cannot be opened.
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// A folder cannot be watched.
    #[error("cannot watch {path}: {source}")]
    Notify {
        /// The folder.
        path: PathBuf,
        /// What notify said.
        source: notify::Error,
    },
    /// The vault was deleted or moved away.
    #[error("the vault folder {0} is gone; stopped watching")]
    VaultGone(PathBuf),
    /// The file events stopped coming.
    #[error("the file watcher stopped unexpectedly")]
    Disconnected,
}

/// Where "today" comes from.
#[derive(Debug, Clone)]
pub enum Clock {
    /// The local date, checked every minute and just after midnight.
    Local,
    /// Always this day (`--today`).
    Fixed(NaiveDate),
    /// The `YYYY-MM-DD` in this file, checked often: lets tests cross
    /// midnight without waiting for it.
    File(PathBuf),
}

impl Clock {
    /// Today, by this clock.
    pub fn today(&self) -> NaiveDate {
        let local = || Local::now().date_naive();
        match self {
            Clock::Local => local(),
            Clock::Fixed(day) => *day,
            Clock::File(path) => std::fs::read_to_string(path)
                .ok()
                .and_then(|text| NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok())
                .unwrap_or_else(local),
        }
    }

    /// How long to wait for events before looking at the date again.
    fn tick(&self) -> Duration {
        match self {
            Clock::Local => {
                let now = Local::now();
                let midnight = now
                    .date_naive()
                    .succ_opt()
                    .and_then(|day| day.and_hms_opt(0, 0, 1))
                    .map(|next| (next - now.naive_local()).to_std().unwrap_or_default());
                midnight.map_or(Duration::from_secs(60), |left| {
                    left.min(Duration::from_secs(60))
                })
            }
            Clock::Fixed(_) => Duration::from_secs(60),
            Clock::File(_) => Duration::from_millis(100),
        }
    }
}

/// What one update changed, for the line the user sees.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Update {
    /// Notes read again (new or changed), vault-relative.
    pub read: Vec<String>,
    /// Notes gone.
    pub gone: Vec<String>,
    /// Set when the date changed since the last update.
    pub new_day: Option<NaiveDate>,
    /// Person notes in the vault.
    pub notes: usize,
    /// People overdue now…
    pub overdue: usize,
    /// …and before the update.
    pub overdue_before: usize,
    /// Lines written into notes for ticks in the report.
    pub recorded: Vec<Recorded>,
    /// Ticks in the report not recorded, shown again in it.
    pub unrecorded: Vec<Unrecorded>,
    /// Whether the report was rewritten.
    pub report_written: bool,
    /// The report could not be written (see `refused`).
    pub report_refused: bool,
    /// Why the report or the calendar was not written, when it was not.
    pub refused: Vec<String>,
    /// What the index did on its own (rebuilds), and why a generated file
    /// is not written when that is new.
    pub notices: Vec<String>,
}

impl Update {
    /// Nothing the user would care to hear about.
    pub fn is_quiet(&self) -> bool {
        self.read.is_empty()
            && self.gone.is_empty()
            && self.recorded.is_empty()
            && self.new_day.is_none()
            && !self.report_written
            && self.notices.is_empty()
    }
}

/// What reaches the watch loop.
pub enum Message {
    /// File events, debounced.
    Events(DebounceEventResult),
    /// Ctrl-C or SIGTERM: finish the update under way, then stop.
    Stop,
}

/// A running watch over one vault.
pub struct Watch {
    vault: Vault,
    catalog: Catalog,
    clock: Clock,
    today: NaiveDate,
    people: BTreeMap<String, Summary>,
    unreadable: BTreeMap<String, Problem>,
    /// The notes that mention someone.
    mentioning: BTreeMap<String, OtherNote>,
    scan_problems: Vec<Problem>,
    overdue: usize,
    sender: Sender<Message>,
    receiver: Receiver<Message>,
    /// The file watcher; events flow while it lives.
    debouncer: Option<Debouncer<notify::RecommendedWatcher, RecommendedCache>>,
    /// The folders it watches, and whether recursively.
    armed: Vec<(PathBuf, RecursiveMode)>,
    /// Why generated files were not written at the last update.
    refused: Vec<String>,
    /// The ticks not recorded at the last update.
    unrecorded: Vec<Unrecorded>,
    _lock: WatchLock,
}

/// The event filter's verdict on a batch.
#[derive(Debug, Default, Clone, Copy)]
struct Relevance {
    notes: bool,
    config: bool,
    /// The report was saved (by someone else, perhaps with ticks).
    report: bool,
    /// A watched folder or one above it was made, removed or renamed:
    /// watch again what is there now.
    rearm: bool,
    /// Something changed at all (not only read): the folders to watch
    /// may be others now. Listing them reads the root, which is itself
    /// an event, so only a change calls for it.
    changed: bool,
}

impl Relevance {
    fn join(&mut self, other: Relevance) {
        self.notes |= other.notes;
        self.config |= other.config;
        self.report |= other.report;
        self.rearm |= other.rearm;
        self.changed |= other.changed;
    }
}

impl Watch {
    /// Takes the watch lock, brings the index up to date and writes the
    /// report. Fails when another watcher runs on the vault.
    pub fn start(vault: Vault, clock: Clock) -> Result<(Watch, Update), WatchError> {
        let lock = WatchLock::acquire(&crate::index::Paths::of(&vault).watch_lock)?;
        let (sender, receiver) = mpsc::channel();
        let today = clock.today();
        let mut watch = Watch {
            catalog: Catalog::for_watcher(&vault),
            vault,
            clock,
            today,
            people: BTreeMap::new(),
            unreadable: BTreeMap::new(),
            mentioning: BTreeMap::new(),
            scan_problems: Vec::new(),
            overdue: 0,
            sender,
            receiver,
            debouncer: None,
            armed: Vec::new(),
            refused: Vec::new(),
            unrecorded: Vec::new(),
            _lock: lock,
        };
        // Watch before the first scan, so that no change falls between.
        watch.arm()?;
        let harvest = harvest::harvest(&watch.vault, today, "watch");
        let refreshed = watch.catalog.refresh(today, Mode::default(), &Quiet)?;
        watch.scan_problems = refreshed.scan_problems;
        let records = watch.catalog.records(today)?;
        watch.replace_all(records);
        let mut update = watch.finish(Vec::new(), Vec::new(), None, harvest);
        update.notices.splice(0..0, watch.catalog.take_notices());
        Ok((watch, update))
    }

    /// Sends [`Message::Stop`] to the loop, from a signal handler.
    pub fn stopper(&self) -> Sender<Message> {
        self.sender.clone()
    }

    /// The vault watched.
    pub fn vault(&self) -> &Vault {
        &self.vault
    }

    /// Watches until stopped, calling `report` after every update (with
    /// the error when an update failed; watching goes on).
    pub fn run(
        &mut self,
        mut report: impl FnMut(Result<Update, WatchError>),
    ) -> Result<(), WatchError> {
        loop {
            if !self.vault.root.is_dir() {
                return Err(WatchError::VaultGone(self.vault.root.clone()));
            }
            match self.receiver.recv_timeout(self.clock.tick()) {
                Ok(Message::Stop) => return Ok(()),
                Ok(Message::Events(events)) => {
                    let (mut relevance, stop) = self.gather(self.relevance(&events));
                    if relevance.config {
                        match self.reload_config() {
                            Ok(()) => relevance.rearm = true,
                            Err(error) => report(Err(error)),
                        }
                    }
                    if relevance.rearm || (relevance.changed && self.watched() != self.armed) {
                        if let Err(error) = self.arm() {
                            if !self.vault.root.is_dir() {
                                return Err(WatchError::VaultGone(self.vault.root.clone()));
                            }
                            report(Err(error));
                        }
                        relevance.notes = true;
                    }
                    if relevance.notes || relevance.config {
                        self.update_and_report(&mut report)?;
                    } else if relevance.report {
                        let outcome = self.report_saved();
                        report(outcome);
                    }
                    if stop {
                        return Ok(());
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    if self.clock.today() != self.today {
                        self.update_and_report(&mut report)?;
                    }
                }
                Err(RecvTimeoutError::Disconnected) => return Err(WatchError::Disconnected),
            }
        }
    }

    /// Updates and tells `report`; only a vanished vault stops the watch.
    fn update_and_report(
        &mut self,
        report: &mut impl FnMut(Result<Update, WatchError>),
    ) -> Result<(), WatchError> {
        match self.update() {
            Err(WatchError::VaultGone(root)) => Err(WatchError::VaultGone(root)),
            outcome => {
                report(outcome);
                Ok(())
            }
        }
    }

    /// Waits for the rest of a burst of events; says whether to stop after.
    fn gather(&self, mut relevance: Relevance) -> (Relevance, bool) {
        let started = Instant::now();
        while started.elapsed() < MAX_SETTLE {
            match self.receiver.recv_timeout(SETTLE) {
                Ok(Message::Events(events)) => relevance.join(self.relevance(&events)),
                Ok(Message::Stop) => return (relevance, true),
                Err(_) => break,
            }
        }
        (relevance, false)
    }

    /// (Re)starts the file watcher on what [`Watch::watched`] says; the
    /// old one runs until the new one watches. A folder gone meanwhile is
    /// skipped: its removal is an event one of them sees.
    fn arm(&mut self) -> Result<(), WatchError> {
        let sender = self.sender.clone();
        let mut debouncer = new_debouncer(DEBOUNCE, None, move |events| {
            let _ = sender.send(Message::Events(events));
        })
        .map_err(|source| WatchError::Notify {
            path: self.vault.root.clone(),
            source,
        })?;
        let wanted = self.watched();
        for (folder, mode) in &wanted {
            match debouncer.watch(folder, *mode) {
                Err(error)
                    if matches!(error.kind, notify::ErrorKind::PathNotFound)
                        || !folder.is_dir() => {}
                other => other.map_err(|source| WatchError::Notify {
                    path: folder.clone(),
                    source,
                })?,
            }
        }
        self.debouncer = Some(debouncer);
        self.armed = wanted;
        Ok(())
    }

    /// What to watch: the vault root, not recursively, and each visible
    /// folder in it, recursively (so a folder made in the root is a change
    /// of this list); configured people folders those miss (hidden, or
    /// links) with the folders above them; `.kith/` for the config,
    /// `.obsidian/` for the template folders, and the report's folder, for
    /// ticks.
    fn watched(&self) -> Vec<(PathBuf, RecursiveMode)> {
        let root = &self.vault.root;
        let mut watched = vec![(root.clone(), RecursiveMode::NonRecursive)];
        if let Ok(entries) = std::fs::read_dir(root) {
            for entry in entries.flatten() {
                let visible = !entry.file_name().as_encoded_bytes().starts_with(b".");
                if visible && entry.file_type().is_ok_and(|t| t.is_dir()) {
                    watched.push((entry.path(), RecursiveMode::Recursive));
                }
            }
        }
        let covered = |watched: &[(PathBuf, RecursiveMode)], dir: &Path| {
            watched.iter().any(|(folder, mode)| {
                folder == dir || (*mode == RecursiveMode::Recursive && dir.starts_with(folder))
            })
        };
        let people = self.vault.config.people.iter().flatten();
        for folder in people.map(|folder| root.join(folder)) {
            if !covered(&watched, &folder) && folder.is_dir() {
                watched.push((folder.clone(), RecursiveMode::Recursive));
            }
            for dir in folder
                .ancestors()
                .skip(1)
                .filter(|dir| dir.starts_with(root))
            {
                if !covered(&watched, dir) && dir.is_dir() {
                    watched.push((dir.to_path_buf(), RecursiveMode::NonRecursive));
                }
            }
        }
        let report = self.vault.report_path();
        let settings = [self.vault.kith_dir()]
            .into_iter()
            .chain(
                obsidian::settings_files()
                    .filter_map(|file| root.join(file).parent().map(Path::to_path_buf)),
            )
            .chain(
                report
                    .parent()
                    .filter(|dir| dir.starts_with(root))
                    .map(Path::to_path_buf),
            );
        for dir in settings {
            if !covered(&watched, &dir) && dir.is_dir() {
                watched.push((dir, RecursiveMode::NonRecursive));
            }
        }
        watched.sort_by(|a, b| a.0.cmp(&b.0));
        watched
    }

    /// Which events may change the notes or the config, or call for
    /// watching again. kith's own files, hidden folders, editor swap files,
    /// the report and files that are not notes are left out; Obsidian's
    /// template settings count (they decide which notes are templates).
    fn relevance(&self, events: &DebounceEventResult) -> Relevance {
        let Ok(events) = events else {
            // The watcher lost track (e.g. its queue overflowed): look at
            // everything again.
            return Relevance {
                notes: true,
                config: false,
                report: false,
                rearm: true,
                changed: true,
            };
        };
        let report = self.vault.report_path();
        let config = self.vault.kith_dir().join("config.yaml");
        let root = &self.vault.root;
        let settings: Vec<PathBuf> = obsidian::settings_files()
            .map(|file| root.join(file))
            .collect();
        let recursive: Vec<&PathBuf> = self
            .armed
            .iter()
            .filter(|(_, mode)| *mode == RecursiveMode::Recursive)
            .map(|(folder, _)| folder)
            .collect();
        let mut relevance = Relevance::default();
        for event in events {
            if event.need_rescan() {
                relevance.notes = true;
                relevance.rearm = true;
            }
            if !is_change(&event.kind) {
                continue;
            }
            relevance.changed = true;
            for path in &event.paths {
                if *path == config {
                    relevance.config = true;
                    continue;
                }
                if settings.contains(path) {
                    relevance.notes = true;
                    continue;
                }
                if *path == report {
                    relevance.report = true;
                    continue;
                }
                if is_hidden_below(root, path) {
                    continue;
                }
                // A folder watched with all below it, or one above it.
                relevance.rearm |= recursive.iter().any(|folder| folder.starts_with(path));
                relevance.notes |= may_be_notes(path);
            }
        }
        relevance
    }

    fn reload_config(&mut self) -> Result<(), WatchError> {
        let vault = Vault::open(&self.vault.root)?;
        self.catalog = Catalog::for_watcher(&vault);
        self.vault = vault;
        Ok(())
    }

    /// Records the ticks of a report just saved and rewrites it; refreshes
    /// first only when ticks changed notes.
    fn report_saved(&mut self) -> Result<Update, WatchError> {
        let harvest = harvest::harvest(&self.vault, self.today, "watch");
        if harvest.recorded.is_empty() && self.clock.today() == self.today {
            return Ok(self.finish(Vec::new(), Vec::new(), None, harvest));
        }
        self.update_with(harvest)
    }

    /// Records the ticks of the report, refreshes the index from the notes
    /// and rewrites the report.
    pub fn update(&mut self) -> Result<Update, WatchError> {
        let harvest = harvest::harvest(&self.vault, self.clock.today(), "watch");
        self.update_with(harvest)
    }

    fn update_with(&mut self, harvest: Harvest) -> Result<Update, WatchError> {
        if !self.vault.root.is_dir() {
            return Err(WatchError::VaultGone(self.vault.root.clone()));
        }
        let today = self.clock.today();
        let new_day = (today != self.today).then_some(today);
        self.today = today;
        let mode = Mode {
            rebuild: false,
            keep_records: true,
        };
        let refreshed = self.catalog.refresh(today, mode, &Quiet);
        let notices = self.catalog.take_notices();
        let Refreshed {
            read,
            again,
            gone,
            rebuilt,
            scan_problems,
            ..
        } = refreshed?;
        self.scan_problems = scan_problems;
        // Notes the ticks changed are said as what was recorded.
        let read_paths: Vec<String> = read
            .iter()
            .map(|r| r.path().to_string())
            .filter(|path| !harvest.recorded.iter().any(|r| r.path == *path))
            .collect();
        if rebuilt.is_some() {
            self.replace_all(read);
        } else {
            for path in &gone {
                self.people.remove(path);
                self.unreadable.remove(path);
                self.mentioning.remove(path);
            }
            for record in read {
                self.insert(record);
            }
        }
        for record in again {
            self.insert(record);
        }
        let mut update = self.finish(read_paths, gone, new_day, harvest);
        update.notices.splice(0..0, notices);
        Ok(update)
    }

    fn replace_all(&mut self, records: Vec<Record>) {
        self.people.clear();
        self.unreadable.clear();
        self.mentioning.clear();
        for record in records {
            self.insert(record);
        }
    }

    fn insert(&mut self, record: Record) {
        let path = record.path().to_string();
        self.people.remove(&path);
        self.unreadable.remove(&path);
        self.mentioning.remove(&path);
        match record {
            Record::Person(summary) => {
                self.people.insert(path, *summary);
            }
            Record::Unreadable(problem) => {
                self.unreadable.insert(path, problem);
            }
            Record::Other(note) if !note.people().is_empty() => {
                self.mentioning.insert(path, *note);
            }
            Record::Other(_) | Record::Mention(_) => {}
        }
    }

    /// The people mentioned elsewhere, with their mentions counted in on
    /// `today`, by path.
    fn mentioned(&self, today: NaiveDate) -> BTreeMap<String, Summary> {
        crate::mention::by_person(self.mentioning.values())
            .into_iter()
            .filter_map(|(path, of)| {
                let person = self.people.get(&path)?.clone();
                Some((
                    path,
                    person.with_mentions(of, self.vault.config.mentions, today),
                ))
            })
            .collect()
    }

    /// Writes the report (and calendar) for the people as they are now,
    /// over the report `harvest` read; one that cannot be written is said
    /// in the update, not an error.
    fn finish(
        &mut self,
        read: Vec<String>,
        gone: Vec<String>,
        new_day: Option<NaiveDate>,
        harvest: Harvest,
    ) -> Update {
        let today = self.today;
        let mentioned = self.mentioned(today);
        let people: Vec<&Summary> = self
            .people
            .values()
            .map(|person| mentioned.get(&person.path).unwrap_or(person))
            .collect();
        let problems = crate::vault::all_problems(
            self.unreadable.values().chain(&self.scan_problems),
            people.iter().copied(),
        );
        let never_due = people
            .iter()
            .filter(|p| crate::note::due::never_due(p, &self.vault.config, today))
            .count();
        let text = crate::report::render(
            people.iter().copied(),
            people.len(),
            never_due,
            &problems,
            &harvest.unrecorded,
            &self.vault.config,
            today,
        );
        let mut refused = Vec::new();
        let report = crate::report::write_text(&self.vault, &text, harvest.read.as_deref());
        let report_refused = matches!(
            report,
            Err(ref error) if !matches!(error, crate::write::generated::GeneratedError::Changed { .. })
        );
        let written = match report {
            Ok(written) => written,
            // Saved again meanwhile: that save's event brings another update.
            Err(crate::write::generated::GeneratedError::Changed { .. }) => false,
            Err(error) => {
                refused.push(crate::text::error_chain(&error));
                false
            }
        };
        if let Err(error) =
            crate::contacts::ics::write_configured(&self.vault, people.iter().copied(), today)
        {
            refused.push(crate::text::error_chain(&error));
        }
        // Said when it starts or changes, not at every update.
        let mut notices = if refused == self.refused {
            Vec::new()
        } else {
            refused.clone()
        };
        self.refused = refused.clone();
        let said = |ticks: &[Unrecorded]| -> Vec<(String, String)> {
            ticks
                .iter()
                .map(|t| (t.shown.clone(), t.why.clone()))
                .collect()
        };
        if said(&harvest.unrecorded) != said(&self.unrecorded) {
            notices.extend(harvest.unrecorded.iter().map(|tick| {
                format!(
                    "{}:{}: tick not recorded: {}",
                    self.vault.config.report, tick.line, tick.why
                )
            }));
            self.unrecorded = harvest.unrecorded.clone();
        }
        let overdue = people
            .iter()
            .filter(|p| {
                Status::of(p, &self.vault.config, today)
                    .days_overdue(today)
                    .is_some()
            })
            .count();
        let update = Update {
            read,
            gone,
            new_day,
            notes: people.len(),
            overdue,
            overdue_before: self.overdue,
            recorded: harvest.recorded,
            unrecorded: harvest.unrecorded,
            report_written: written,
            report_refused,
            refused,
            notices,
        };
        self.overdue = overdue;
        update
    }
}

/// Whether an event can mean new content. Opening and reading a note (an
/// editor showing it, `rg`, kith's own snippets) changes nothing; closing
/// it after writing does.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// A path that may be a note or hold notes: a `.md` file, a folder, or
/// something gone whose name does not say it was neither.
fn may_be_notes(path: &Path) -> bool {
    match path.extension() {
        None => true,
        Some(extension) => extension.eq_ignore_ascii_case("md") || path.is_dir(),
    }
}

/// A path with a hidden component below the vault root (`.kith/`,
/// `.obsidian/`, `.git/`, `.Ada.md.swp`).
fn is_hidden_below(root: &Path, path: &Path) -> bool {
    let below = path.strip_prefix(root).unwrap_or(path);
    below.components().any(|c| match c {
        Component::Normal(name) => name.as_encoded_bytes().starts_with(b"."),
        _ => false,
    }) || below.starts_with(KITH_DIR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_a_note_is_not_a_change_and_writing_one_is() {
        assert!(!is_change(&EventKind::Access(AccessKind::Read)));
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_change(&EventKind::Modify(
            notify::event::ModifyKind::Any
        )));
        assert!(is_change(&EventKind::Remove(
            notify::event::RemoveKind::File
        )));
    }

    #[test]
    fn notes_and_folders_may_hold_notes_and_attachments_do_not() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("v1.2")).unwrap();
        assert!(may_be_notes(&dir.path().join("Ada.md")));
        assert!(may_be_notes(&dir.path().join("Ada.MD")));
        assert!(may_be_notes(&dir.path().join("People")));
        assert!(may_be_notes(&dir.path().join("v1.2")));
        assert!(!may_be_notes(&dir.path().join("photo.png")));
        assert!(!may_be_notes(&dir.path().join("gone.pdf")));
    }

    #[test]
    fn hidden_paths_below_the_root_are_recognised() {
        let root = Path::new("/v/.vaults/mine");
        assert!(!is_hidden_below(root, &root.join("people/Ada.md")));
        assert!(is_hidden_below(root, &root.join(".kith/index/x")));
        assert!(is_hidden_below(root, &root.join("people/.Ada.md.swp")));
        assert!(is_hidden_below(
            root,
            &root.join(".obsidian/workspace.json")
        ));
    }

    #[test]
    fn a_clock_file_sets_the_day_and_falls_back_to_the_local_date() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("today");
        std::fs::write(&path, "2026-12-31\n").unwrap();
        let clock = Clock::File(path.clone());
        assert_eq!(clock.today().to_string(), "2026-12-31");
        std::fs::write(&path, "not a date").unwrap();
        assert_eq!(clock.today(), Local::now().date_naive());
    }
}
