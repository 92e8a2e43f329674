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
use rustix::process::{Resource, getrlimit};

use super::parent;

/// Where linking an open file to a name finds it.
const OPEN_FILES: &str = "/proc/self/fd";

/// [`super::create_new_all`] with files unnamed until they are flushed;
/// `None`, with nothing written, where the file system or the system
/// cannot make them. A later file refused (another file system) is made
/// with [`super::create_new`].
pub(super) fn create_new_all(files: &[(PathBuf, Vec<u8>)]) -> Option<Vec<io::Result<()>>> {
    create(files, held_at_once())
}

/// [`create_new_all`] holding at most `held` files open at once (each
/// until it has its name), flushing as often as it must.
pub(super) fn create(files: &[(PathBuf, Vec<u8>)], held: usize) -> Option<Vec<io::Result<()>>> {
    if !Path::new(OPEN_FILES).is_dir() {
        return None;
    }
    let mut folders = Folders::default();
    let mut created = Vec::with_capacity(files.len());
    for chunk in files.chunks(held.max(1)) {
        let written: Vec<Written> = chunk
            .iter()
            .map(|(path, bytes)| write(&mut folders, path, bytes))
            .collect();
        if created.is_empty() && matches!(written.first(), Some(Written::Refused)) {
            return None;
        }
        let flushed = folders.flush();
        for (written, (path, bytes)) in written.into_iter().zip(chunk) {
            created.push(match written {
                Written::Whole { file, folder } => flushed
                    .as_ref()
                    .map_or_else(|_| file.sync_all(), |()| Ok(()))
                    .and_then(|()| link(&file, &folders.open[folder].fd, path)),
                Written::Refused => super::create_new(path, bytes),
                Written::Failed(error) => Err(error),
            });
        }
    }
    for folder in &folders.open {
        // Some file systems cannot sync a folder; the files are there.
        let _ = rustix::fs::fsync(&folder.fd);
    }
    Some(created)
}

/// How many new files may be held open at once: half of what the
/// process may open, the rest left to everything else.
fn held_at_once() -> usize {
    let limit = getrlimit(Resource::Nofile).current.unwrap_or(u64::MAX);
    usize::try_from(limit / 2).unwrap_or(usize::MAX).max(16)
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
