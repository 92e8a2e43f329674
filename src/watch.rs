//! `kith watch`: keeps the index and the report current while notes change.
//! File events (counted as they happen by the tap, debounced by
//! notify-debouncer-full, then coalesced) only say *that* something
//! changed; each update is an incremental refresh, so atomic saves,
//! renames, folder moves, bursts and a lost event queue all take the same
//! path. People are kept in memory for the report. Other kith processes
//! ask on a socket for the index to catch up at once (see `sync`).

mod sync;
mod tap;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use chrono::{Local, NaiveDate};
use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer_opt};

pub use sync::Question;
pub(crate) use sync::{Answer, Reply, ask};
use tap::{Counts, Filter, Tap, Tapped};

use crate::index::schema::Record;
use crate::index::{Catalog, IndexError, Mode, Quiet, Refreshed};
use crate::mention::OtherNote;
use crate::note::due::Status;
use crate::note::problem::Problem;
use crate::note::summary::Summary;
use crate::report::Unrecorded;
use crate::report::harvest::{self, Harvest, Recorded};
use crate::vault::{Vault, VaultError, obsidian};
use crate::write::lock::{WatchLock, WatchLockError};

/// How long a file must be quiet before its events are passed on.
const DEBOUNCE: Duration = Duration::from_millis(60);
/// After the first events, more arriving within this long join the update…
const SETTLE: Duration = Duration::from_millis(40);
/// …but an endless stream of events still gets an update this often.
const MAX_SETTLE: Duration = Duration::from_secs(2);
/// How long the loop waits for its barrier to come through before it
/// answers that it cannot say whether its index covers every change.
const BARRIER_WAIT: Duration = Duration::from_secs(1);

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
    /// Files changed and then stayed quiet for a moment; the tap has
    /// counted what they were.
    Events(DebounceEventResult),
    /// Another kith process asks whether the index covers every change
    /// made so far.
    Sync(Question),
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
    debouncer: Option<Debouncer<Tapped, RecommendedCache>>,
    /// The folders it watches, and whether recursively.
    armed: Vec<(PathBuf, RecursiveMode)>,
    /// Why generated files were not written at the last update.
    refused: Vec<String>,
    /// The ticks not recorded at the last update.
    unrecorded: Vec<Unrecorded>,
    /// Every change the file watcher has seen, counted as it happened…
    tap: Arc<Tap>,
    /// …and the counts the index, config, report and watched folders were
    /// last brought up to date with.
    covered: Counts,
    /// The folder of the watch lock and socket, where barriers are made.
    state: PathBuf,
    /// Questions to answer once the index covers every change seen.
    waiting: Vec<Question>,
    #[cfg(unix)]
    _listener: Option<sync::Listener>,
    _lock: WatchLock,
}

/// What the loop gathered before catching up.
#[derive(Default)]
struct Batch {
    /// Processes waiting to hear that the index covers every change.
    questions: Vec<Question>,
    stop: bool,
}

impl Watch {
    /// Takes the watch lock, brings the index up to date and writes the
    /// report. Fails when another watcher runs on the vault.
    pub fn start(vault: Vault, clock: Clock) -> Result<(Watch, Update), WatchError> {
        let paths = crate::index::Paths::of(&vault);
        let lock = WatchLock::acquire(&paths.watch_lock)?;
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
            tap: Arc::default(),
            covered: Counts::default(),
            state: paths
                .watch_socket
                .parent()
                .unwrap_or(&paths.index)
                .to_path_buf(),
            waiting: Vec::new(),
            #[cfg(unix)]
            _listener: None,
            _lock: lock,
        };
        // Questions asked while the first scan runs wait for it.
        let listening = watch.listen(&paths.watch_socket);
        // Watch before the first scan, so that no change falls between.
        watch.arm()?;
        let seen = watch.tap.counts();
        let harvest = harvest::harvest(&watch.vault, today, "watch");
        let refreshed = watch.catalog.refresh(today, Mode::default(), &Quiet)?;
        watch.scan_problems = refreshed.scan_problems;
        let records = watch.catalog.records(today)?;
        watch.replace_all(records);
        let mut update = watch.finish(Vec::new(), Vec::new(), None, harvest);
        watch.covered = seen;
        update.notices.splice(0..0, watch.catalog.take_notices());
        update.notices.extend(listening);
        Ok((watch, update))
    }

    /// Answers other kith processes on `socket`; says why not when it
    /// cannot (they then read changed notes themselves).
    #[cfg(unix)]
    fn listen(&mut self, socket: &Path) -> Option<String> {
        let sender = self.sender.clone();
        match sync::Listener::start(socket, move |question| {
            sender.send(Message::Sync(question)).is_ok()
        }) {
            Ok(listener) => {
                self._listener = Some(listener);
                None
            }
            Err(error) => Some(format!(
                "cannot listen at {} ({error}); other kith commands will read changed notes themselves",
                socket.display()
            )),
        }
    }

    #[cfg(not(unix))]
    fn listen(&mut self, _socket: &Path) -> Option<String> {
        None
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
            let batch = match self.receiver.recv_timeout(self.clock.tick()) {
                Ok(Message::Stop) => return Ok(()),
                Ok(Message::Events(_)) => self.gather(Batch::default(), true),
                Ok(Message::Sync(question)) => self.gather(
                    Batch {
                        questions: vec![question],
                        stop: false,
                    },
                    false,
                ),
                // Only the date may have changed.
                Err(RecvTimeoutError::Timeout) => Batch::default(),
                Err(RecvTimeoutError::Disconnected) => return Err(WatchError::Disconnected),
            };
            self.catch_up(batch.questions, &mut report)?;
            if batch.stop {
                return Ok(());
            }
        }
    }

    /// Takes in what else is waiting; with `settle`, also waits for the
    /// rest of a burst of events, unless someone waits for an answer.
    fn gather(&self, mut batch: Batch, settle: bool) -> Batch {
        let started = Instant::now();
        while started.elapsed() < MAX_SETTLE {
            let message = if settle && batch.questions.is_empty() {
                self.receiver.recv_timeout(SETTLE).ok()
            } else {
                self.receiver.try_recv().ok()
            };
            match message {
                Some(Message::Events(_)) => {}
                Some(Message::Sync(question)) => batch.questions.push(question),
                Some(Message::Stop) => {
                    batch.stop = true;
                    break;
                }
                None => break,
            }
        }
        batch
    }

    /// Brings the config, the watched folders, the index and the report
    /// up to date with every change seen, then answers `questions`: only
    /// after a barrier has shown that every change made before they were
    /// asked was seen.
    fn catch_up(
        &mut self,
        questions: Vec<Question>,
        report: &mut impl FnMut(Result<Update, WatchError>),
    ) -> Result<(), WatchError> {
        let seen_all = questions.is_empty() || self.tap.pass_barrier(&self.state, BARRIER_WAIT);
        self.waiting = questions;
        if !seen_all {
            self.answer(false);
        }
        let seen = self.tap.counts();
        let config_changed = seen.config != self.covered.config;
        let mut rearm = seen.rearm != self.covered.rearm;
        if config_changed {
            match self.reload_config() {
                Ok(()) => rearm = true,
                Err(error) => report(Err(error)),
            }
            self.covered.config = seen.config;
        }
        // Listing the folders to watch reads the root, itself an event:
        // only a change calls for it.
        let changed = seen.changed != self.covered.changed;
        self.covered.changed = seen.changed;
        if rearm || (changed && self.watched() != self.armed) {
            if let Err(error) = self.arm() {
                if !self.vault.root.is_dir() {
                    return Err(WatchError::VaultGone(self.vault.root.clone()));
                }
                report(Err(error));
            }
            self.covered.rearm = seen.rearm;
            // What the folders held while unwatched is read now.
            rearm = true;
        }
        let mut covered = true;
        if config_changed
            || rearm
            || seen.notes != self.covered.notes
            || self.clock.today() != self.today
        {
            covered = self.update_and_report(report)?;
        } else if seen.report != self.covered.report {
            // Saved with ticks, deleted, or reverted by git or a sync
            // tool: its ticks recorded, it is written again as it should be.
            report(self.report_saved());
        }
        self.covered.report = seen.report;
        self.answer(covered);
        Ok(())
    }

    /// Tells the processes waiting whether the index covers every change
    /// made before they asked, as of the day they asked about. A search
    /// asked with the question is answered from the index as it is; when
    /// it fails, the asker searches and says why itself.
    fn answer(&mut self, covered: bool) {
        for question in std::mem::take(&mut self.waiting) {
            let reply = match &question.search {
                _ if !covered || question.today != self.today => Reply::Behind,
                None => Reply::Covered,
                Some(search) => match self.catalog.search_as_is(&search.request(self.today)) {
                    Ok(hits) => Reply::Found(hits),
                    Err(_) => Reply::Covered,
                },
            };
            let _ = question.reply.send(reply);
        }
    }

    /// Updates and tells `report`; says whether the update succeeded.
    /// Only a vanished vault stops the watch.
    fn update_and_report(
        &mut self,
        report: &mut impl FnMut(Result<Update, WatchError>),
    ) -> Result<bool, WatchError> {
        match self.update() {
            Err(WatchError::VaultGone(root)) => Err(WatchError::VaultGone(root)),
            outcome => {
                let updated = outcome.is_ok();
                report(outcome);
                Ok(updated)
            }
        }
    }

    /// (Re)starts the file watcher on what [`Watch::watched`] says; the
    /// old one runs until the new one watches. A folder gone meanwhile is
    /// skipped: its removal is an event one of them sees.
    fn arm(&mut self) -> Result<(), WatchError> {
        let sender = self.sender.clone();
        let wanted = self.watched();
        let recursive = wanted
            .iter()
            .filter(|(_, mode)| *mode == RecursiveMode::Recursive)
            .map(|(folder, _)| folder.clone())
            .collect();
        Tapped::arm(
            Arc::clone(&self.tap),
            Filter::new(&self.vault, recursive, &self.state),
        );
        let mut debouncer = new_debouncer_opt::<_, Tapped, _>(
            DEBOUNCE,
            None,
            move |events| {
                let _ = sender.send(Message::Events(events));
            },
            RecommendedCache::new(),
            notify::Config::default(),
        )
        .map_err(|source| WatchError::Notify {
            path: self.vault.root.clone(),
            source,
        })?;
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
    /// `.obsidian/` for the template folders, the report's folder, for
    /// ticks and to see it deleted or reverted, and the socket's, for
    /// barriers.
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
        let settings = [self.vault.kith_dir(), self.state.clone()]
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
        // What the tap has seen so far, the scan below sees too.
        let seen = self.tap.counts().notes;
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
        self.covered.notes = seen;
        // The index is written: whoever waits for it need not wait for
        // the report too.
        self.answer(true);
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
                let person = self.people.get(path)?.clone();
                Some((
                    path.to_string(),
                    person.with_mentions(of, &self.vault.config, today),
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

#[cfg(test)]
mod tests {
    use super::*;

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
