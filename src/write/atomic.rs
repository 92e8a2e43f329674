//! Atomic file writes: a temporary file beside the target, flushed to disk,
//! then renamed over it (or linked in place for new files), keeping modes.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::{NamedTempFile, TempPath};

#[cfg(target_os = "linux")]
mod unnamed;

/// Why `replace_unchanged` left a file as it was.
#[derive(Debug, thiserror::Error)]
pub enum ReplaceError {
    /// The file may not be written.
    #[error("it is read-only; make it writable to let kith change it")]
    ReadOnly,
    /// Someone else changed it meanwhile.
    #[error("it changed on disk while kith was writing; nothing was written, try again")]
    Changed,
    /// Reading or writing failed.
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Replaces `path` with `bytes` atomically. An existing file keeps its
/// permissions; a new one gets `rw-rw-rw-` less the umask, like any file.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replacement(path, bytes)?.replace()
}

/// What [`write`] puts on disk before it renames: `bytes` in a temporary
/// file beside `path`, flushed, to replace `path` later. Dropped, the
/// temporary file is removed and `path` left as it was.
pub(crate) fn replacement(path: &Path, bytes: &[u8]) -> io::Result<Replacement> {
    let meta = std::fs::metadata(path).ok();
    Ok(Replacement {
        temp: prepare(path, bytes, meta.as_ref())?,
        path: path.to_path_buf(),
    })
}

/// A file written and flushed by [`replacement`], not yet in place.
pub(crate) struct Replacement {
    temp: NamedTempFile,
    path: PathBuf,
}

impl Replacement {
    /// Puts the file in place of its target, atomically.
    pub(crate) fn replace(self) -> io::Result<()> {
        self.temp.persist(&self.path).map_err(|e| e.error)?;
        sync_dir(&self.path);
        Ok(())
    }
}

/// Replaces the file at `path`, which was read as `expected`, with `bytes`:
/// atomically, keeping its permissions and (where allowed) its owner. It
/// is checked again once the new content is on disk, just before the
/// rename; if it no longer holds `expected`, nothing changes. A read-only
/// file is refused, since a rename would replace it regardless.
pub(crate) fn replace_unchanged(
    path: &Path,
    expected: &[u8],
    bytes: &[u8],
) -> Result<(), ReplaceError> {
    let meta = std::fs::metadata(path)?;
    if meta.permissions().readonly() {
        return Err(ReplaceError::ReadOnly);
    }
    let temp = prepare(path, bytes, Some(&meta))?;
    if std::fs::read(path)? != expected {
        return Err(ReplaceError::Changed);
    }
    temp.persist(path).map_err(|e| e.error)?;
    sync_dir(path);
    Ok(())
}

/// Creates `path` holding `bytes`, complete or not at all, and never over
/// an existing file (that is an [`io::ErrorKind::AlreadyExists`] error).
pub fn create_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = prepare(path, bytes, None)?;
    temp.persist_noclobber(path).map_err(|e| e.error)?;
    sync_dir(path);
    Ok(())
}

/// [`create_new`] for many new files, `(path, bytes)`: each is complete
/// or absent, as with one, but the disk is asked to flush them together,
/// where one by one it would be waited for once per file (and twice per
/// file for their names). One result per file, in order.
pub fn create_new_all(files: &[(PathBuf, Vec<u8>)]) -> Vec<io::Result<()>> {
    stage_new_all(files).commit()
}

/// New files written but not in their places: [`stage_new_all`] makes
/// them, [`Staged::commit`] flushes them and gives them their names.
/// Dropped before, the files not in place yet are not made.
///
/// On Linux each file is written without a name, the file system is
/// flushed once for all, then each file is linked to its name. Elsewhere
/// (or where the file system cannot), each is written to a temporary
/// file beside it (`.kith-*.tmp`), all are flushed, then each is renamed
/// to its name; a crash in between may leave temporary files behind (as
/// an editor's crash does). Either way never a part of a file under its
/// name, never a file over another.
pub struct Staged(Stage);

enum Stage {
    #[cfg(target_os = "linux")]
    Unnamed(unnamed::Staged),
    Named {
        temps: Vec<io::Result<TempPath>>,
        paths: Vec<PathBuf>,
    },
}

/// The first half of [`create_new_all`]: writes each file, to be put in
/// place by [`Staged::commit`] while other work goes on.
pub fn stage_new_all(files: &[(PathBuf, Vec<u8>)]) -> Staged {
    #[cfg(target_os = "linux")]
    if let Some(staged) = unnamed::stage(files) {
        return Staged(Stage::Unnamed(staged));
    }
    stage_named(files)
}

/// [`stage_new_all`] through named temporary files.
fn stage_named(files: &[(PathBuf, Vec<u8>)]) -> Staged {
    // Written and closed: only the flushing threads hold files open.
    let temps = files
        .iter()
        .map(|(path, bytes)| unflushed(path, bytes, None).map(NamedTempFile::into_temp_path))
        .collect();
    let paths = files.iter().map(|(path, _)| path.clone()).collect();
    Staged(Stage::Named { temps, paths })
}

impl Staged {
    /// Flushes the files to disk, then gives each its name unless a file
    /// has it ([`io::ErrorKind::AlreadyExists`]). One result per file, in
    /// the order they were staged.
    pub fn commit(self) -> Vec<io::Result<()>> {
        match self.0 {
            #[cfg(target_os = "linux")]
            Stage::Unnamed(staged) => staged.commit(),
            Stage::Named { temps, paths } => commit_named(temps, &paths),
        }
    }
}

/// [`Staged::commit`] for named temporary files: flushed many at once
/// (the file system commits flushes waited for together), then renamed.
fn commit_named(temps: Vec<io::Result<TempPath>>, paths: &[PathBuf]) -> Vec<io::Result<()>> {
    /// Flushes waited for at once.
    const FLUSHING: usize = 64;
    let chunk = temps.len().div_ceil(FLUSHING).max(1);
    let mut chunks = Vec::new();
    let mut rest = temps;
    while !rest.is_empty() {
        let tail = rest.split_off(chunk.min(rest.len()));
        chunks.push(std::mem::replace(&mut rest, tail));
    }
    let flush = |temp: TempPath| -> io::Result<TempPath> {
        OpenOptions::new().write(true).open(&temp)?.sync_all()?;
        Ok(temp)
    };
    let flushed: Vec<io::Result<TempPath>> = std::thread::scope(|scope| {
        let threads: Vec<_> = chunks
            .into_iter()
            .map(|temps| {
                let count = temps.len();
                let thread = scope.spawn(move || {
                    temps
                        .into_iter()
                        .map(|temp| temp.and_then(flush))
                        .collect::<Vec<_>>()
                });
                (count, thread)
            })
            .collect();
        threads
            .into_iter()
            .flat_map(|(count, thread)| match thread.join() {
                Ok(flushed) => flushed,
                Err(_) => (0..count)
                    .map(|_| Err(io::Error::other("a flushing thread failed")))
                    .collect(),
            })
            .collect()
    });
    let mut folders: Vec<&Path> = Vec::new();
    let created = flushed
        .into_iter()
        .zip(paths)
        .map(|(temp, path)| {
            temp?.persist_noclobber(path).map_err(|e| e.error)?;
            if !folders.contains(&parent(path)) {
                folders.push(parent(path));
            }
            Ok(())
        })
        .collect();
    for folder in folders {
        sync_folder(folder);
    }
    created
}

/// Flushes the names of the files made in folder `dir` to disk. Some
/// file systems cannot sync a folder; the files are there either way.
fn sync_folder(dir: &Path) {
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
}

fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// A temporary file beside `path` holding `bytes`, on disk, with the mode
/// (and owner) of `like` or that of a new file.
fn prepare(path: &Path, bytes: &[u8], like: Option<&Metadata>) -> io::Result<NamedTempFile> {
    let temp = unflushed(path, bytes, like)?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// [`prepare`], but not flushed to disk yet.
fn unflushed(path: &Path, bytes: &[u8], like: Option<&Metadata>) -> io::Result<NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".kith-").suffix(".tmp");
    if like.is_none() {
        new_file_mode(&mut builder);
    }
    let folder = parent(path);
    let mut temp = builder.tempfile_in(folder).map_err(|error| {
        // tempfile names its own random file in the error; the user knows
        // the folder.
        if folder.is_dir() {
            let said = error.to_string();
            let said = said.split(" at path ").next().unwrap_or(&said);
            io::Error::new(error.kind(), said.to_string())
        } else {
            io::Error::new(
                io::ErrorKind::NotFound,
                format!("the folder {} does not exist", folder.display()),
            )
        }
    })?;
    temp.write_all(bytes)?;
    if let Some(meta) = like {
        temp.as_file().set_permissions(meta.permissions())?;
        keep_owner(temp.as_file(), meta);
    }
    Ok(temp)
}

/// Flushes the rename itself to disk.
fn sync_dir(path: &Path) {
    sync_folder(parent(path));
}

/// Gives the new file the old one's owner and group, so that editing
/// someone's note as root does not hand it to root. Without the right to
/// do so, the file stays the writer's, as with any editor.
#[cfg(unix)]
fn keep_owner(file: &File, meta: &Metadata) {
    use std::os::unix::fs::MetadataExt;
    let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_file: &File, _meta: &Metadata) {}

/// Temporary files are created private (`rw-------`); a new note or report
/// is created like any file an editor makes: `rw-rw-rw-` less the umask,
/// which open(2) applies.
#[cfg(unix)]
fn new_file_mode(builder: &mut tempfile::Builder) {
    use std::os::unix::fs::PermissionsExt;
    builder.permissions(std::fs::Permissions::from_mode(0o666));
}

#[cfg(not(unix))]
fn new_file_mode(_builder: &mut tempfile::Builder) {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names in `dir`, sorted, to see that no temporary file is left.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// A temporary folder holding `a.md` with `content`.
    fn file_holding(content: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, content).unwrap();
        (dir, path)
    }

    #[test]
    fn replace_unchanged_writes_and_keeps_the_mode() {
        let (dir, path) = file_holding("old");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        replace_unchanged(&path, b"old", b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        assert_eq!(names(dir.path()), ["a.md"]);
    }

    #[test]
    fn a_replacement_waits_for_its_turn_and_leaves_nothing_if_dropped() {
        let (dir, path) = file_holding("old");
        let dropped = replacement(&path, b"never").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        drop(dropped);
        assert_eq!(names(dir.path()), ["a.md"]);
        let kept = replacement(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        kept.replace().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(names(dir.path()), ["a.md"]);
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_left_alone_without_litter() {
        let (dir, path) = file_holding("edited elsewhere");
        let error = replace_unchanged(&path, b"as read", b"new").unwrap_err();
        assert!(matches!(error, ReplaceError::Changed), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), b"edited elsewhere");
        assert_eq!(names(dir.path()), ["a.md"]);
    }

    #[test]
    fn a_read_only_file_is_refused() {
        let (dir, path) = file_holding("old");
        let mut permissions = std::fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&path, permissions).unwrap();
        let error = replace_unchanged(&path, b"old", b"new").unwrap_err();
        assert!(matches!(error, ReplaceError::ReadOnly), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(names(dir.path()), ["a.md"]);
    }

    /// Checks a way of making many new files: each whole, none over a
    /// file already there (its outcome says so), one in a missing folder
    /// failing alone in the middle, each with the mode of any new file,
    /// and nothing else left in the folder.
    fn makes_new_files(create: impl Fn(&[(PathBuf, Vec<u8>)]) -> Vec<io::Result<()>>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.md"), "already there").unwrap();
        // Made as any program makes a file: rw-rw-rw- less the umask.
        File::create(dir.path().join("any")).unwrap();
        let wanted = ["a.md", "b.md", "missing/c.md", "Zoë | O'Brien.md", "e.md"];
        let files: Vec<(PathBuf, Vec<u8>)> = wanted
            .iter()
            .map(|name| {
                let text = format!("---\r\nname: {name}\r\n---\r\n").repeat(300);
                (dir.path().join(name), text.into_bytes())
            })
            .collect();
        let created = create(&files);
        assert_eq!(created.len(), files.len());
        let kind = |at: usize| created[at].as_ref().map_err(io::Error::kind);
        assert_eq!(kind(1), Err(io::ErrorKind::AlreadyExists));
        assert_eq!(kind(2), Err(io::ErrorKind::NotFound));
        for at in [0, 3, 4] {
            assert_eq!(kind(at), Ok(&()), "{}", wanted[at]);
            let (path, bytes) = &files[at];
            assert_eq!(&std::fs::read(path).unwrap(), bytes);
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = |name: &Path| std::fs::metadata(name).unwrap().permissions().mode();
                assert_eq!(mode(path), mode(&dir.path().join("any")));
            }
        }
        assert_eq!(
            std::fs::read(dir.path().join("b.md")).unwrap(),
            b"already there"
        );
        assert_eq!(
            names(dir.path()),
            ["Zoë | O'Brien.md", "a.md", "any", "b.md", "e.md"]
        );
        assert!(create(&[]).is_empty());
    }

    #[test]
    fn create_new_all_makes_each_file_and_none_over_another() {
        makes_new_files(create_new_all);
    }

    #[test]
    fn named_temporary_files_make_each_file_and_none_over_another() {
        makes_new_files(|files| stage_named(files).commit());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn unnamed_files_held_a_few_at_a_time_make_each_file_and_none_over_another() {
        makes_new_files(|files| unnamed::stage_holding(files, 2).unwrap().commit());
    }

    #[test]
    fn files_staged_and_never_committed_leave_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<(PathBuf, Vec<u8>)> = ["a.md", "b.md"]
            .iter()
            .map(|name| (dir.path().join(name), b"text".to_vec()))
            .collect();
        drop(stage_new_all(&files));
        drop(stage_named(&files));
        assert!(names(dir.path()).is_empty());
    }

    #[test]
    fn a_missing_folder_is_named_and_no_temporary_path_is_shown() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nowhere");
        let error = write(&missing.join("x.ics"), b"BEGIN").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
        let said = error.to_string();
        assert!(said.contains(&missing.display().to_string()), "{said}");
        assert!(!said.contains(".kith-"), "{said}");
    }

    #[test]
    fn create_new_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        create_new(&path, b"first").unwrap();
        let error = create_new(&path, b"second").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        assert_eq!(names(dir.path()), ["a.md"]);
    }
}
