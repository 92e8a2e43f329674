//! Advisory file locks in `.kith/state/`: one that serialises index writes
//! between kith processes, and one a watcher holds for its lifetime. Both
//! are released by the operating system when a process dies, so a killed
//! kith never leaves a lock behind.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

/// A held lock; dropping it releases it.
#[derive(Debug)]
pub(crate) struct Held {
    _file: File,
}

/// Opens (creating) the lock file and its folder (`.kith/state/`) when
/// missing, never anything higher: a vault or `.kith/` deleted meanwhile is
/// not brought back.
fn open(path: &Path) -> io::Result<File> {
    if let Some(state) = path.parent() {
        crate::vault::create_dir_if_missing(state)?;
    }
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

/// Waits for the exclusive lock at `path`: for writing the index.
pub(crate) fn exclusive(path: &Path) -> io::Result<Held> {
    let file = open(path)?;
    file.lock()?;
    Ok(Held { _file: file })
}

/// Waits for a shared lock at `path`: for reading the index while no one
/// commits to it.
pub(crate) fn shared(path: &Path) -> io::Result<Held> {
    let file = open(path)?;
    file.lock_shared()?;
    Ok(Held { _file: file })
}

/// A shared lock at `path` if one can be had right now; `None` while
/// someone holds it exclusively.
pub(crate) fn try_shared(path: &Path) -> io::Result<Option<Held>> {
    let file = open(path)?;
    match file.try_lock_shared() {
        Ok(()) => Ok(Some(Held { _file: file })),
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(error)) => Err(error),
    }
}

/// The lock a running `kith watch` holds, with its process id inside.
#[derive(Debug)]
pub(crate) struct WatchLock {
    _file: File,
}

/// Why the watch lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum WatchLockError {
    #[error("kith watch is already running on this vault (pid {0}); stop it first")]
    Running(String),
    #[error("cannot lock {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

impl WatchLock {
    /// Takes the watch lock, or says who holds it. A lock left by a killed
    /// watcher is free again and simply taken over.
    pub(crate) fn acquire(path: &Path) -> Result<WatchLock, WatchLockError> {
        let io_error = |source| WatchLockError::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut file = open(path).map_err(io_error)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(WatchLockError::Running(read_pid(&mut file)));
            }
            Err(TryLockError::Error(error)) => return Err(io_error(error)),
        }
        file.set_len(0).map_err(io_error)?;
        file.rewind().map_err(io_error)?;
        write!(file, "{}", std::process::id()).map_err(io_error)?;
        file.flush().map_err(io_error)?;
        Ok(WatchLock { _file: file })
    }
}

/// The process id of the watcher holding the lock at `path`, if one runs.
pub(crate) fn watcher(path: &Path) -> Option<String> {
    let mut file = File::open(path).ok()?;
    match file.try_lock_shared() {
        Ok(()) => None,
        Err(TryLockError::WouldBlock) => Some(read_pid(&mut file)),
        Err(TryLockError::Error(_)) => None,
    }
}

fn read_pid(file: &mut File) -> String {
    let mut text = String::new();
    let _ = file.rewind().and_then(|()| file.read_to_string(&mut text));
    let pid = text.trim();
    if pid.is_empty() {
        "unknown".into()
    } else {
        pid.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_lock_is_refused_only_while_held_exclusively() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/index.lock");
        let reading = try_shared(&path).unwrap();
        assert!(reading.is_some());
        assert!(try_shared(&path).unwrap().is_some());
        drop(reading);
        let writing = exclusive(&path).unwrap();
        assert!(try_shared(&path).unwrap().is_none());
        drop(writing);
        assert!(try_shared(&path).unwrap().is_some());
    }

    #[test]
    fn second_watch_lock_names_the_first_holder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/watch.lock");
        assert_eq!(watcher(&path), None);
        let first = WatchLock::acquire(&path).unwrap();
        let pid = std::process::id().to_string();
        assert_eq!(watcher(&path), Some(pid.clone()));
        match WatchLock::acquire(&path) {
            Err(WatchLockError::Running(holder)) => assert_eq!(holder, pid),
            other => panic!("expected Running, got {other:?}"),
        }
        drop(first);
        assert_eq!(watcher(&path), None);
        assert!(WatchLock::acquire(&path).is_ok());
    }
}
