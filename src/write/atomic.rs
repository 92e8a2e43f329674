//! Atomic file writes: a temporary file beside the target, flushed to disk,
//! then renamed over it (or linked in place for new files), keeping modes.

use std::fs::{File, Metadata};
use std::io::{self, Write};
use std::path::Path;

use tempfile::NamedTempFile;

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
    let meta = std::fs::metadata(path).ok();
    let temp = prepare(path, bytes, meta.as_ref())?;
    temp.persist(path).map_err(|e| e.error)?;
    sync_dir(path);
    Ok(())
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

fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// A temporary file beside `path` holding `bytes`, on disk, with the mode
/// (and owner) of `like` or that of a new file.
fn prepare(path: &Path, bytes: &[u8], like: Option<&Metadata>) -> io::Result<NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".kith-").suffix(".tmp");
    if like.is_none() {
        new_file_mode(&mut builder);
    }
    let mut temp = builder.tempfile_in(parent(path))?;
    temp.write_all(bytes)?;
    if let Some(meta) = like {
        temp.as_file().set_permissions(meta.permissions())?;
        keep_owner(temp.as_file(), meta);
    }
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// Flushes the rename itself to disk. Some file systems cannot sync a
/// folder; the rename has happened either way.
fn sync_dir(path: &Path) {
    if let Ok(dir) = File::open(parent(path)) {
        let _ = dir.sync_all();
    }
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
