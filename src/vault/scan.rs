//! Finding the person notes: a parallel walk of the people folders that
//! stats each note once, skipping hidden folders, the report and symbolic
//! links that lead out of the vault.

use std::ffi::OsStr;
use std::fs::Metadata;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::note::problem::Problem;

/// What identifies one version of a file: when any part differs, the file
/// is read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub(crate) struct Stamp {
    pub size: u64,
    pub mtime_ns: i64,
    /// Status-change time: moves on every write, rename or `touch`, even
    /// when a tool puts the old modification time back.
    pub ctime_ns: i64,
    pub inode: u64,
}

impl Stamp {
    #[cfg(unix)]
    pub(crate) fn of(meta: &Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        Stamp {
            size: meta.size(),
            mtime_ns: meta.mtime().saturating_mul(1_000_000_000) + meta.mtime_nsec(),
            ctime_ns: meta.ctime().saturating_mul(1_000_000_000) + meta.ctime_nsec(),
            inode: meta.ino(),
        }
    }

    #[cfg(not(unix))]
    pub fn of(meta: &Metadata) -> Stamp {
        let nanos = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
        Stamp {
            size: meta.len(),
            mtime_ns: nanos,
            ctime_ns: 0,
            inode: 0,
        }
    }
}

/// A person note found by the walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NoteFile {
    /// Vault-relative, `/`-separated.
    pub rel: String,
    pub stamp: Stamp,
    /// The full path, kept only when the name is not UTF-8 (then `rel` is
    /// a lossy rendering that would not find the file).
    pub odd_path: Option<PathBuf>,
}

impl NoteFile {
    /// Where the note is, in a vault at `root`.
    pub(crate) fn abs(&self, root: &Path) -> PathBuf {
        match &self.odd_path {
            Some(path) => path.clone(),
            None => root.join(&self.rel),
        }
    }
}

/// What the walk found: note files sorted by path, and problems met.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    pub files: Vec<NoteFile>,
    pub problems: Vec<Problem>,
}

/// Where to walk and what to leave out.
pub(crate) struct Walk<'a> {
    pub root: &'a Path,
    /// Vault-relative folders to walk (`""` for the whole vault).
    pub folders: &'a [String],
    /// The report's absolute path, never a person.
    pub report: &'a Path,
}

/// A folder to read, with its vault-relative path.
struct Folder {
    abs: PathBuf,
    rel: String,
}

/// One folder's findings.
#[derive(Default)]
struct Found {
    files: Vec<NoteFile>,
    folders: Vec<Folder>,
    problems: Vec<Problem>,
}

impl Walk<'_> {
    /// Walks the folders level by level, each level's folders in parallel.
    pub(crate) fn run(&self) -> Scan {
        let canonical_root = self
            .root
            .canonicalize()
            .unwrap_or_else(|_| self.root.to_path_buf());
        let report = relative(self.root, self.report);
        let mut scan = Scan::default();
        let mut level: Vec<Folder> = Vec::new();
        for folder in self.folders {
            let abs = self.root.join(folder);
            let rel = relative(self.root, &abs);
            // A people folder may itself be a link: follow it only inside.
            match abs.canonicalize() {
                Ok(target) if !target.starts_with(&canonical_root) => {
                    scan.problems.push(Problem::new(
                        &rel,
                        1,
                        "people folder is a link leading outside the vault; not followed",
                    ));
                }
                _ => level.push(Folder { abs, rel }),
            }
        }
        while !level.is_empty() {
            let found: Vec<Found> = level
                .par_iter()
                .map(|dir| self.read_folder(dir, &report, &canonical_root))
                .collect();
            level = Vec::new();
            for found in found {
                scan.files.extend(found.files);
                scan.problems.extend(found.problems);
                level.extend(found.folders);
            }
        }
        scan.files.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
        scan.files.dedup_by(|a, b| a.rel == b.rel);
        scan.problems.sort();
        scan
    }

    fn read_folder(&self, dir: &Folder, report: &str, canonical_root: &Path) -> Found {
        let mut found = Found::default();
        let cannot_read = |error: std::io::Error| {
            Problem::new(&dir.rel, 1, format!("cannot read folder: {error}"))
        };
        let entries = match std::fs::read_dir(&dir.abs) {
            Ok(entries) => entries,
            Err(error) => {
                found.problems.push(cannot_read(error));
                return found;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    found.problems.push(cannot_read(error));
                    continue;
                }
            };
            let name = entry.file_name();
            if is_hidden(&name) {
                continue;
            }
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            let lossy = name.to_string_lossy();
            let rel = if dir.rel.is_empty() {
                lossy.to_string()
            } else {
                format!("{}/{lossy}", dir.rel)
            };
            if file_type.is_dir() {
                found.folders.push(Folder {
                    abs: dir.abs.join(&name),
                    rel,
                });
                continue;
            }
            if !is_markdown(&name) || rel == report {
                continue;
            }
            let odd_path = match lossy {
                std::borrow::Cow::Owned(_) => Some(dir.abs.join(&name)),
                std::borrow::Cow::Borrowed(_) => None,
            };
            let meta = if file_type.is_symlink() {
                let path = dir.abs.join(&name);
                match path.canonicalize() {
                    Ok(target) if target.starts_with(canonical_root) && target.is_file() => {
                        std::fs::metadata(&path)
                    }
                    Ok(_) | Err(_) => {
                        found.problems.push(Problem::new(
                            &rel,
                            1,
                            "symbolic link leads outside the vault or nowhere; not followed",
                        ));
                        continue;
                    }
                }
            } else if file_type.is_file() {
                entry.metadata()
            } else {
                continue;
            };
            match meta {
                Ok(meta) => found.files.push(NoteFile {
                    rel,
                    stamp: Stamp::of(&meta),
                    odd_path,
                }),
                // Deleted between listing and stat: it is simply gone.
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(error) => {
                    found
                        .problems
                        .push(Problem::new(&rel, 1, format!("cannot read: {error}")))
                }
            }
        }
        found
    }
}

/// `path` relative to `root`, `/`-separated.
pub(crate) fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut out = String::new();
    for component in rel.components() {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(&component.as_os_str().to_string_lossy());
    }
    out
}

/// Dot-files and dot-folders (`.obsidian`, `.git`, `.trash`, `.kith`).
pub(crate) fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

/// A visible `.md` file name (any case).
pub(crate) fn is_markdown(name: &OsStr) -> bool {
    let name = name.as_encoded_bytes();
    !name.starts_with(b".") && name.len() > 3 && name[name.len() - 3..].eq_ignore_ascii_case(b".md")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_and_hidden_names() {
        assert!(is_markdown(OsStr::new("Ada.md")));
        assert!(is_markdown(OsStr::new("Zoë.MD")));
        assert!(!is_markdown(OsStr::new(".md")));
        assert!(!is_markdown(OsStr::new(".Ada.md")));
        assert!(!is_markdown(OsStr::new("Ada.md.swp")));
        assert!(is_hidden(OsStr::new(".obsidian")));
        assert!(!is_hidden(OsStr::new("people")));
    }

    #[test]
    fn walk_finds_notes_sorted_and_skips_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (path, content) in [
            ("people/b/Zoë.md", "x"),
            ("people/Ada.md", "hello"),
            ("people/.trash/Gone.md", "x"),
            ("people/notes.txt", "x"),
            ("people/Follow-ups.md", "x"),
            ("elsewhere/Other.md", "x"),
        ] {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, content).unwrap();
        }
        let report = root.join("people/Follow-ups.md");
        let scan = Walk {
            root,
            folders: &["people".to_string()],
            report: &report,
        }
        .run();
        let rels: Vec<&str> = scan.files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["people/Ada.md", "people/b/Zoë.md"]);
        assert_eq!(scan.files[0].stamp.size, 5);
        assert!(scan.problems.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_people_folder_linking_out_of_the_vault_is_not_followed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("Eve.md"), "x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("people")).unwrap();
        let scan = Walk {
            root: dir.path(),
            folders: &["people".to_string()],
            report: &dir.path().join("Follow-ups.md"),
        }
        .run();
        assert!(scan.files.is_empty(), "{:?}", scan.files);
        assert!(scan.problems[0].message.contains("outside the vault"));
    }

    #[test]
    fn missing_folder_is_a_problem_not_a_crash() {
        let dir = tempfile::tempdir().unwrap();
        let scan = Walk {
            root: dir.path(),
            folders: &["nowhere".to_string()],
            report: &dir.path().join("Follow-ups.md"),
        }
        .run();
        assert!(scan.files.is_empty());
        assert_eq!(scan.problems.len(), 1);
        assert!(scan.problems[0].message.starts_with("cannot read folder"));
    }
}
