//! File events as they happen, before the debouncer holds them back: each
//! is counted by what it touches (notes, the config, the report, the
//! folders above the notes), so the watch loop knows at once whether its
//! index covers every change made so far, and barrier files prove that
//! every earlier event has been seen.

use std::cell::RefCell;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{Event, EventHandler, RecommendedWatcher, RecursiveMode, Watcher, WatcherKind};

use crate::vault::{KITH_DIR, Vault, obsidian};

/// Barrier files are `barrier.N` in the folder of the watcher's socket.
const BARRIER: &str = "barrier.";

/// How many changes of each kind were seen so far; the numbers only grow.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Counts {
    /// What may be notes or hold them (and anything that makes the file
    /// watcher lose track, which means every note may have changed).
    pub(super) notes: u64,
    pub(super) config: u64,
    pub(super) report: u64,
    /// A folder watched with all below it, or one above it, made, removed
    /// or renamed (or the watcher lost track): watch again.
    pub(super) rearm: u64,
    /// Anything changed at all (not only read), barriers aside: the
    /// folders to watch may be others now.
    pub(super) changed: u64,
}

/// What a changed path is to the watch.
#[derive(Debug, PartialEq, Eq)]
enum Class {
    /// Something in the vault: `notes` when it may be a note or hold
    /// notes, `rearm` when it is a folder watched with all below it or
    /// one above it.
    Vault {
        notes: bool,
        rearm: bool,
    },
    Config,
    Report,
    Barrier(u64),
    Other,
}

/// Sorts the paths of one vault's events.
#[derive(Debug, Clone)]
pub(super) struct Filter {
    root: PathBuf,
    /// The folders watched with all below them.
    recursive: Vec<PathBuf>,
    config: PathBuf,
    report: PathBuf,
    /// Obsidian's settings that decide which notes are templates.
    settings: Vec<PathBuf>,
    /// Where barrier files are made.
    state: PathBuf,
}

impl Filter {
    /// The filter for `vault` whose folders `recursive` are watched with
    /// all below them, with barriers in the folder `state`.
    pub(super) fn new(vault: &Vault, recursive: Vec<PathBuf>, state: &Path) -> Filter {
        Filter {
            root: vault.root.clone(),
            recursive,
            config: vault.kith_dir().join("config.yaml"),
            report: vault.report_path(),
            settings: obsidian::settings_files()
                .map(|file| vault.root.join(file))
                .collect(),
            state: state.to_path_buf(),
        }
    }

    /// kith's own files, hidden folders and editor swap files are
    /// `Other`; Obsidian's template settings count as notes (they decide
    /// which notes are templates).
    fn classify(&self, path: &Path) -> Class {
        if path == self.config {
            return Class::Config;
        }
        if self.settings.iter().any(|file| file == path) {
            return Class::Vault {
                notes: true,
                rearm: false,
            };
        }
        if path == self.report {
            return Class::Report;
        }
        if path.parent() == Some(self.state.as_path()) {
            return path
                .file_name()
                .and_then(|name| name.to_str()?.strip_prefix(BARRIER)?.parse().ok())
                .map_or(Class::Other, Class::Barrier);
        }
        if is_hidden_below(&self.root, path) {
            return Class::Other;
        }
        Class::Vault {
            notes: may_be_notes(path),
            rearm: self.recursive.iter().any(|folder| folder.starts_with(path)),
        }
    }
}

/// What the file watcher's thread has seen, for the watch loop.
#[derive(Debug, Default)]
pub(super) struct Tap {
    seen: Mutex<Seen>,
    changed: Condvar,
    /// The number of the last barrier made.
    barriers: AtomicU64,
}

#[derive(Debug, Default)]
struct Seen {
    counts: Counts,
    /// The highest barrier seen.
    barrier: u64,
}

impl Tap {
    pub(super) fn counts(&self) -> Counts {
        self.seen().counts
    }

    fn seen(&self) -> MutexGuard<'_, Seen> {
        self.seen.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Makes a barrier file in `folder` (watched) and waits, at most
    /// `within`, until its event comes through: the events of every change
    /// made before then have come through too, since a watcher's events
    /// arrive in the order they happened. Says whether it came.
    pub(super) fn pass_barrier(&self, folder: &Path, within: Duration) -> bool {
        let number = self.barriers.fetch_add(1, Ordering::Relaxed) + 1;
        let path = folder.join(format!("{BARRIER}{number}"));
        if std::fs::File::create(&path).is_err() {
            return false;
        }
        let started = Instant::now();
        let mut seen = self.seen();
        while seen.barrier < number {
            let Some(left) = within.checked_sub(started.elapsed()) else {
                break;
            };
            seen = self
                .changed
                .wait_timeout(seen, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        let passed = seen.barrier >= number;
        drop(seen);
        let _ = std::fs::remove_file(&path);
        passed
    }

    fn see(&self, filter: &Filter, event: &notify::Result<Event>) {
        let mut counts = Counts::default();
        let mut barrier = 0;
        match event {
            // The watcher lost track (an overflowing queue, too many
            // folders): any note may have changed.
            Err(_) => (counts.notes, counts.rearm, counts.changed) = (1, 1, 1),
            Ok(event) => {
                if event.need_rescan() {
                    (counts.notes, counts.rearm, counts.changed) = (1, 1, 1);
                }
                if is_change(&event.kind) {
                    for path in &event.paths {
                        let class = filter.classify(path);
                        if !matches!(class, Class::Barrier(_)) {
                            counts.changed = 1;
                        }
                        match class {
                            Class::Vault { notes, rearm } => {
                                counts.notes |= u64::from(notes);
                                counts.rearm |= u64::from(rearm);
                            }
                            Class::Config => counts.config = 1,
                            Class::Report => counts.report = 1,
                            Class::Barrier(number) => barrier = barrier.max(number),
                            Class::Other => {}
                        }
                    }
                }
            }
        }
        if counts == Counts::default() && barrier == 0 {
            return;
        }
        let mut seen = self.seen();
        seen.counts.notes += counts.notes;
        seen.counts.config += counts.config;
        seen.counts.report += counts.report;
        seen.counts.rearm += counts.rearm;
        seen.counts.changed += counts.changed;
        seen.barrier = seen.barrier.max(barrier);
        drop(seen);
        self.changed.notify_all();
    }
}

thread_local! {
    /// The tap and filter for the next [`Tapped`] made on this thread.
    static NEXT: RefCell<Option<(Arc<Tap>, Filter)>> = const { RefCell::new(None) };
}

/// The platform's file watcher, showing every event to a [`Tap`] before
/// passing it on (to the debouncer, which makes its watcher itself).
pub(super) struct Tapped(RecommendedWatcher);

impl Tapped {
    /// Makes the next `Tapped` created on this thread report to `tap`
    /// through `filter`: call it right before making the debouncer, which
    /// creates its watcher before it returns.
    pub(super) fn arm(tap: Arc<Tap>, filter: Filter) {
        NEXT.with(|next| *next.borrow_mut() = Some((tap, filter)));
    }
}

impl Watcher for Tapped {
    fn new<F: EventHandler>(mut handler: F, config: notify::Config) -> notify::Result<Self> {
        let (tap, filter) = NEXT
            .with(|next| next.borrow_mut().take())
            .ok_or_else(|| notify::Error::generic("the file watcher was made without a tap"))?;
        let tapped = move |event: notify::Result<Event>| {
            tap.see(&filter, &event);
            handler.handle_event(event);
        };
        RecommendedWatcher::new(tapped, config).map(Tapped)
    }

    fn watch(&mut self, path: &Path, recursive_mode: RecursiveMode) -> notify::Result<()> {
        self.0.watch(path, recursive_mode)
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        self.0.unwatch(path)
    }

    fn configure(&mut self, option: notify::Config) -> notify::Result<bool> {
        self.0.configure(option)
    }

    fn kind() -> WatcherKind {
        RecommendedWatcher::kind()
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

    fn filter(root: &Path) -> Filter {
        Filter {
            root: root.to_path_buf(),
            recursive: vec![root.join("people")],
            config: root.join(".kith/config.yaml"),
            report: root.join("Follow-ups.md"),
            settings: vec![root.join(".obsidian/templates.json")],
            state: root.join(".kith/state"),
        }
    }

    #[test]
    fn paths_are_sorted_into_notes_config_report_and_barriers() {
        let root = Path::new("/v/vault");
        let filter = filter(root);
        let class = |rel: &str| filter.classify(&root.join(rel));
        let vault = |notes, rearm| Class::Vault { notes, rearm };
        assert_eq!(class("people/Ada.md"), vault(true, false));
        assert_eq!(class("people/new folder"), vault(true, false));
        assert_eq!(class("people"), vault(true, true));
        assert_eq!(class(""), vault(true, true));
        assert_eq!(class("Daily/2026-11-24.md"), vault(true, false));
        assert_eq!(class("people/photo.png"), vault(false, false));
        assert_eq!(class(".obsidian/templates.json"), vault(true, false));
        assert_eq!(class("people/.Ada.md.swp"), Class::Other);
        assert_eq!(class("Follow-ups.md"), Class::Report);
        assert_eq!(class(".kith/config.yaml"), Class::Config);
        assert_eq!(class(".kith/index/meta.json"), Class::Other);
        assert_eq!(class(".kith/state/barrier.12"), Class::Barrier(12));
        assert_eq!(class(".kith/state/barrier.x"), Class::Other);
        assert_eq!(class(".kith/state/watch.lock"), Class::Other);
    }

    #[test]
    fn changes_are_counted_by_kind_and_reads_are_not() {
        let root = Path::new("/v/vault");
        let filter = filter(root);
        let tap = Tap::default();
        let event = |kind, rel: &str| Ok(Event::new(kind).add_path(root.join(rel)));
        let write = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let open = EventKind::Access(AccessKind::Open(AccessMode::Any));
        tap.see(&filter, &event(write, "people/Ada.md"));
        tap.see(&filter, &event(open, "people/Grace.md"));
        tap.see(&filter, &event(write, "Follow-ups.md"));
        tap.see(&filter, &event(write, ".kith/config.yaml"));
        tap.see(&filter, &event(write, ".kith/index/meta.json"));
        assert_eq!(
            tap.counts(),
            Counts {
                notes: 1,
                config: 1,
                report: 1,
                rearm: 0,
                changed: 4
            }
        );
        tap.see(&filter, &event(EventKind::Any, "people"));
        tap.see(&filter, &Err(notify::Error::generic("queue overflow")));
        assert_eq!((tap.counts().notes, tap.counts().rearm), (3, 2));
    }
}
