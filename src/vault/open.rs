//! Opening the notes a walk found, one after another: on Linux each by its
//! name in its folder, the folder kept open while the notes that follow
//! are in it too (the walk sorts them by path), so the kernel looks up
//! one name a note instead of every folder on the way from `/`. Elsewhere,
//! and for names that are not UTF-8, by the whole path.

use std::fs::File;
use std::io;
use std::path::Path;

use crate::vault::scan::NoteFile;

/// Opens notes of the vault at `root`. One per thread and per pass over
/// the notes: a folder kept open longer could be another folder by the
/// same name later (moved, made again).
pub(crate) struct Opener<'a> {
    root: &'a Path,
    /// The vault-relative folder last opened (`""`: the vault), and its
    /// handle; none when it could not be opened.
    #[cfg(target_os = "linux")]
    folder: Option<(String, Option<std::os::fd::OwnedFd>)>,
}

impl<'a> Opener<'a> {
    pub(crate) fn new(root: &'a Path) -> Opener<'a> {
        Opener {
            root,
            #[cfg(target_os = "linux")]
            folder: None,
        }
    }

    /// The vault's folder.
    pub(crate) fn root(&self) -> &'a Path {
        self.root
    }

    /// Opens `file` for reading.
    pub(crate) fn open(&mut self, file: &NoteFile) -> io::Result<File> {
        #[cfg(target_os = "linux")]
        if file.odd_path.is_none() {
            let (folder, name) = file.rel.rsplit_once('/').unwrap_or(("", &file.rel));
            if let Some(fd) = self.folder(folder) {
                let flags = rustix::fs::OFlags::RDONLY | rustix::fs::OFlags::CLOEXEC;
                let fd = rustix::fs::openat(fd, name, flags, rustix::fs::Mode::empty())?;
                return Ok(File::from(fd));
            }
        }
        File::open(file.abs(self.root))
    }

    /// The handle of the vault-relative `folder`, opened unless it is the
    /// one open already; none when it cannot be opened (the note is then
    /// opened by its path, which says why if it fails too).
    #[cfg(target_os = "linux")]
    fn folder(&mut self, folder: &str) -> Option<&std::os::fd::OwnedFd> {
        use rustix::fs::{Mode, OFlags};
        let same = matches!(&self.folder, Some((open, _)) if open == folder);
        if !same {
            // A path handle: it looks names up without the right to list
            // the folder, as a path does.
            let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
            let fd = rustix::fs::open(self.root.join(folder), flags, Mode::empty()).ok();
            self.folder = Some((folder.to_string(), fd));
        }
        self.folder.as_ref().and_then(|(_, fd)| fd.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::scan::Stamp;

    fn note(rel: &str) -> NoteFile {
        NoteFile {
            rel: rel.to_string(),
            stamp: None::<Stamp>,
            odd_path: None,
        }
    }

    fn read(opener: &mut Opener, rel: &str) -> io::Result<String> {
        let mut text = String::new();
        io::Read::read_to_string(&mut opener.open(&note(rel))?, &mut text)?;
        Ok(text)
    }

    #[test]
    fn notes_open_in_their_folders_and_at_the_top() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("People/Clients")).unwrap();
        std::fs::write(root.join("Top.md"), "top").unwrap();
        std::fs::write(root.join("People/Ada.md"), "ada").unwrap();
        std::fs::write(root.join("People/Zoë | 2.md"), "zoë").unwrap();
        std::fs::write(root.join("People/Clients/Bo.md"), "bo").unwrap();
        let mut opener = Opener::new(root);
        assert_eq!(read(&mut opener, "People/Ada.md").unwrap(), "ada");
        assert_eq!(read(&mut opener, "People/Zoë | 2.md").unwrap(), "zoë");
        assert_eq!(read(&mut opener, "People/Clients/Bo.md").unwrap(), "bo");
        assert_eq!(read(&mut opener, "Top.md").unwrap(), "top");
        assert_eq!(read(&mut opener, "People/Ada.md").unwrap(), "ada");
        let gone = read(&mut opener, "People/Gone.md").unwrap_err();
        assert_eq!(gone.kind(), io::ErrorKind::NotFound);
        let no_folder = read(&mut opener, "Nowhere/Gone.md").unwrap_err();
        assert_eq!(no_folder.kind(), io::ErrorKind::NotFound);
    }
}
