//! New files made without a name until they are whole and on disk
//! (Linux's `O_TMPFILE`), then linked to their names, never over a file:
//! one name made per file, where a named temporary file takes a name
//! made, then moved. A crash leaves nothing behind: a file without a name
//! is gone once nothing holds it open.

use std::fs::File;
use std::io::{self, Write};
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::{Path, PathBuf};

use rustix::fs::{AtFlags, CWD, Mode, OFlags};
use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};

use super::parent;

/// Where linking an open file to a name finds it.
const OPEN_FILES: &str = "/proc/self/fd";

/// Files written unnamed, each held open until it has its name.
pub(super) struct Staged {
    /// The files' outcomes so far, in order: made already, failed, or
    /// `None` while held.
    done: Vec<Option<io::Result<()>>>,
    held: Vec<Held>,
    folders: Folders,
}

/// A file written unnamed and held open until it has its name.
struct Held {
    /// Its place among the files staged.
    at: usize,
    file: File,
    /// Its folder, in `Folders::open`.
    folder: usize,
    path: PathBuf,
}

/// [`super::stage_new_all`] with files unnamed until they are flushed;
/// `None`, with nothing written, where the file system or the system
/// cannot make them. A later file refused (another file system) is made
/// at once with [`super::create_new`].
pub(super) fn stage(files: &[(PathBuf, Vec<u8>)]) -> Option<Staged> {
    stage_holding(files, held_at_once())
}

/// [`stage`] holding at most `held` files open: past that many, the
/// files held are put in place before more are written.
pub(super) fn stage_holding(files: &[(PathBuf, Vec<u8>)], held: usize) -> Option<Staged> {
    if !Path::new(OPEN_FILES).is_dir() {
        return None;
    }
    let mut staged = Staged {
        done: Vec::with_capacity(files.len()),
        held: Vec::new(),
        folders: Folders::default(),
    };
    for (at, (path, bytes)) in files.iter().enumerate() {
        if staged.held.len() >= held.max(1) {
            staged.link_held();
        }
        let outcome = match write(&mut staged.folders, path, bytes) {
            Written::Whole { file, folder } => {
                let path = path.clone();
                staged.held.push(Held {
                    at,
                    file,
                    folder,
                    path,
                });
                None
            }
            Written::Refused if at == 0 => return None,
            Written::Refused => Some(super::create_new(path, bytes)),
            Written::Failed(error) => Some(Err(error)),
        };
        staged.done.push(outcome);
    }
    Some(staged)
}

impl Staged {
    /// Flushes the files held, then links each to its name; the folders'
    /// names are flushed too. One result per file, in order.
    pub(super) fn commit(mut self) -> Vec<io::Result<()>> {
        self.link_held();
        for folder in &self.folders.open {
            // Some file systems cannot sync a folder; the files are there.
            let _ = rustix::fs::fsync(&folder.fd);
        }
        self.done
            .into_iter()
            .map(|done| done.unwrap_or_else(|| Err(io::Error::other("not written"))))
            .collect()
    }

    /// Flushes the files held (each file system once, else each file)
    /// and links each to its name.
    fn link_held(&mut self) {
        let flushed = self.folders.flush();
        for held in self.held.drain(..) {
            let folder = &self.folders.open[held.folder].fd;
            let linked = flushed
                .as_ref()
                .map_or_else(|_| held.file.sync_all(), |()| Ok(()))
                .and_then(|()| link(&held.file, folder, &held.path));
            self.done[held.at] = Some(linked);
        }
    }
}

/// How many new files may be held open at once: a quarter of what the
/// process may open (an import stages a batch while it commits the one
/// before), the rest left to everything else. A soft limit below what
/// two batches need (Linux's usual 1024, kept for select(2), which kith
/// does not use) is raised first, as far as the hard limit allows.
fn held_at_once() -> usize {
    /// Enough for two batches of an import held at once, four times over.
    const WANTED: u64 = 8192;
    let limit = getrlimit(Resource::Nofile);
    let mut current = limit.current.unwrap_or(u64::MAX);
    if current < WANTED {
        let raised = Rlimit {
            current: Some(limit.maximum.map_or(WANTED, |hard| hard.min(WANTED))),
            maximum: limit.maximum,
        };
        if setrlimit(Resource::Nofile, raised).is_ok() {
            current = raised.current.unwrap_or(current);
        }
    }
    usize::try_from(current / 4).unwrap_or(usize::MAX).max(16)
}

/// A new file written, not named yet.
enum Written {
    /// Held open, in the folder of that index.
    Whole { file: File, folder: usize },
    /// Its file system makes no unnamed files.
    Refused,
    /// It could not be made or written.
    Failed(io::Error),
}

/// Writes `bytes` into a new unnamed file in the folder of `path`.
fn write(folders: &mut Folders, path: &Path, bytes: &[u8]) -> Written {
    let folder = match folders.open(parent(path)) {
        Ok(folder) => folder,
        Err(error) => return Written::Failed(error),
    };
    // `rw-rw-rw-` less the umask, like any new file.
    let made = rustix::fs::openat(
        &folders.open[folder].fd,
        ".",
        OFlags::TMPFILE | OFlags::WRONLY | OFlags::CLOEXEC,
        Mode::from_raw_mode(0o666),
    );
    let mut file = match made {
        Ok(fd) => File::from(fd),
        Err(rustix::io::Errno::OPNOTSUPP | rustix::io::Errno::ISDIR | rustix::io::Errno::INVAL) => {
            return Written::Refused;
        }
        Err(error) => return Written::Failed(error.into()),
    };
    match file.write_all(bytes) {
        Ok(()) => {
            folders.open[folder].written = true;
            Written::Whole { file, folder }
        }
        Err(error) => Written::Failed(error),
    }
}

/// Gives the flushed `file` its name `path` in `folder`, unless a file
/// has it ([`io::ErrorKind::AlreadyExists`]).
fn link(file: &File, folder: &OwnedFd, path: &Path) -> io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::from(io::ErrorKind::InvalidInput))?;
    let open = format!("{OPEN_FILES}/{}", file.as_raw_fd());
    rustix::fs::linkat(CWD, open.as_str(), folder, name, AtFlags::SYMLINK_FOLLOW)?;
    Ok(())
}

/// The folders new files are made in, each opened once.
#[derive(Default)]
struct Folders {
    open: Vec<Folder>,
}

struct Folder {
    path: PathBuf,
    fd: OwnedFd,
    /// Its file system, flushed once for all its folders.
    device: u64,
    /// Whether a file written in it waits for a flush.
    written: bool,
}

impl Folders {
    /// The index of the folder at `path`, opened when new.
    fn open(&mut self, path: &Path) -> io::Result<usize> {
        if let Some(at) = self.open.iter().position(|f| f.path == path) {
            return Ok(at);
        }
        let fd = rustix::fs::open(
            path,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )?;
        let device = rustix::fs::fstat(&fd)?.st_dev;
        self.open.push(Folder {
            path: path.to_path_buf(),
            fd,
            device,
            written: false,
        });
        Ok(self.open.len() - 1)
    }

    /// Flushes what was written into the folders since the last flush:
    /// each file system once (syncfs(2)). Before Linux 5.8 a failed write
    /// is not reported here; the files are flushed the same.
    fn flush(&mut self) -> io::Result<()> {
        let mut flushed: Vec<u64> = Vec::new();
        for folder in self.open.iter_mut().filter(|f| f.written) {
            if !flushed.contains(&folder.device) {
                rustix::fs::syncfs(&folder.fd)?;
                flushed.push(folder.device);
            }
            folder.written = false;
        }
        Ok(())
    }
}
