//! Atomic file replacement: write a temporary file beside the target, flush
//! it to disk, then rename it over the target, keeping the permissions.

use std::io::{self, Write};
use std::path::Path;

/// Replaces `path` with `bytes` atomically. An existing file keeps its
/// permissions; a new one gets the usual `rw-r--r--` (less the umask).
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".kith-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    match std::fs::metadata(path) {
        Ok(meta) => temp.as_file().set_permissions(meta.permissions())?,
        Err(_) => set_new_file_mode(temp.as_file())?,
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes `bytes` to `path` only when the file does not already hold
/// exactly them. Returns whether it wrote.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    match std::fs::read(path) {
        Ok(existing) if existing == bytes => Ok(false),
        _ => write(path, bytes).map(|()| true),
    }
}

/// Temporary files are created private (`rw-------`); a new note or report
/// should be readable like any file an editor creates.
#[cfg(unix)]
fn set_new_file_mode(file: &std::fs::File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_new_file_mode(_file: &std::fs::File) -> io::Result<()> {
    Ok(())
}
