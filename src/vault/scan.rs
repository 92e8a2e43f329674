//! Finding the notes: a parallel walk of the vault that stats each note
//! once (or leaves that to a full build's reading), skipping hidden
//! folders, template folders, excluded paths, the report, placeholder
//! files and symbolic links that lead out of the vault, and noting the
//! folders named for people on the way.

use std::ffi::OsStr;
use std::fs::Metadata;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::note::problem::Problem;
use crate::vault::daily::DailyNotes;
use crate::vault::exclude::Exclude;
use crate::vault::people::{
    MAX_FOLDER_DEPTH, has_placeholder, is_people_folder_name, is_template_folder_name,
};

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

/// A note found by the walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NoteFile {
    /// Vault-relative, `/`-separated.
    pub rel: String,
    /// `None` when the walk left it to the reading (see [`Walk::stamp`]).
    pub stamp: Option<Stamp>,
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
    /// Folders named for people (`People`, `CRM/Contacts`) up to
    /// [`MAX_FOLDER_DEPTH`] deep, not inside one another, sorted.
    pub people_folders: Vec<String>,
    /// Folders beside one another whose names differ only by case, up
    /// to [`MAX_FOLDER_DEPTH`] deep: each group sorted, vault-relative.
    pub case_twins: Vec<Vec<String>>,
    /// Where daily notes are and how they are named, as Obsidian's
    /// settings say.
    pub dailies: Vec<DailyNotes>,
}

impl Scan {
    /// Whether every note found carries its stamp.
    pub(crate) fn is_stamped(&self) -> bool {
        self.files.iter().all(|file| file.stamp.is_some())
    }

    /// The people folders found that hold at least one note.
    pub(crate) fn people_folders_with_notes(&self) -> Vec<String> {
        self.people_folders
            .iter()
            .filter(|folder| {
                let prefix = format!("{folder}/");
                let at = self
                    .files
                    .partition_point(|f| f.rel.as_str() < prefix.as_str());
                self.files
                    .get(at)
                    .is_some_and(|f| f.rel.starts_with(prefix.as_str()))
            })
            .cloned()
            .collect()
    }
}

/// Where to walk and what to leave out.
pub(crate) struct Walk<'a> {
    pub root: &'a Path,
    /// The report's absolute path, never a note.
    pub report: &'a Path,
    /// Configured people folders: walked even when hidden or a link
    /// (inside the vault).
    pub people: &'a [String],
    /// Vault-relative template folders (config, Obsidian's settings).
    pub templates: &'a [String],
    /// Config `exclude`.
    pub exclude: &'a Exclude,
    /// Whether to stat each note. A full build reads every note whatever
    /// its stamp, and stamps it from the open file instead: a `statx` by
    /// name looks the name up in its folder, a third of a note's system
    /// time, and the walk cannot start reading before it is over.
    pub stamp: bool,
}

/// A folder to read, with its vault-relative path.
struct Folder {
    abs: PathBuf,
    rel: String,
}

/// How many notes of one folder one thread looks at in a row.
const STAT_RUN: usize = 256;

/// A note to look at: through its folder entry, or a link inside the
/// vault through its path.
enum Stat {
    Entry(std::fs::DirEntry),
    Link(PathBuf),
}

/// One folder's findings.
#[derive(Default)]
struct Found {
    files: Vec<NoteFile>,
    folders: Vec<Folder>,
    problems: Vec<Problem>,
    people_folders: Vec<String>,
    case_twins: Vec<Vec<String>>,
}

impl Walk<'_> {
    /// Walks the vault level by level, each level's folders in parallel.
    pub(crate) fn run(&self) -> Scan {
        let canonical_root = self
            .root
            .canonicalize()
            .unwrap_or_else(|_| self.root.to_path_buf());
        let report = relative(self.root, self.report);
        let mut scan = Scan::default();
        let mut level = vec![Folder {
            abs: self.root.to_path_buf(),
            rel: String::new(),
        }];
        while !level.is_empty() {
            let found: Vec<Found> = level
                .par_iter()
                .map(|dir| self.read_folder(dir, &report, &canonical_root))
                .collect();
            level = Vec::new();
            // Sized once: a vault's notes are many, and growing the list
            // copies them again and again into fresh memory.
            scan.files
                .reserve(found.iter().map(|found| found.files.len()).sum());
            for found in found {
                scan.files.extend(found.files);
                scan.problems.extend(found.problems);
                scan.people_folders.extend(found.people_folders);
                scan.case_twins.extend(found.case_twins);
                level.extend(found.folders);
            }
        }
        scan.files.par_sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
        scan.files.dedup_by(|a, b| a.rel == b.rel);
        scan.problems.sort();
        scan.people_folders.sort();
        let mut outermost: Vec<String> = Vec::new();
        for folder in std::mem::take(&mut scan.people_folders) {
            if !outermost.iter().any(|outer| is_below(&folder, outer)) {
                outermost.push(folder);
            }
        }
        scan.people_folders = outermost;
        scan.case_twins.sort();
        scan
    }

    /// Whether the folder at `rel` is a configured people folder or on
    /// the way to one: walked whatever its name.
    fn leads_to_people(&self, rel: &str) -> bool {
        self.people
            .iter()
            .any(|folder| folder == rel || is_below(folder, rel))
    }

    /// Whether the folder at `rel` (named `name`) holds templates or is
    /// excluded.
    fn is_left_out(&self, rel: &str, name: &str) -> bool {
        is_template_folder_name(name)
            || self.templates.iter().any(|t| t.eq_ignore_ascii_case(rel))
            || self.exclude.excludes(rel)
    }

    fn read_folder(&self, dir: &Folder, report: &str, canonical_root: &Path) -> Found {
        let mut found = Found::default();
        let cannot_read = |error: std::io::Error| {
            Problem::new(&dir.rel, 1, format!("cannot read folder: {error}"))
        };
        let mut folder_names: Vec<String> = Vec::new();
        let mut stat_later: Vec<(Stat, String, Option<PathBuf>)> = Vec::new();
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
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            let lossy = name.to_string_lossy();
            let rel = if dir.rel.is_empty() {
                lossy.to_string()
            } else {
                format!("{}/{lossy}", dir.rel)
            };
            let to_people = !self.people.is_empty() && self.leads_to_people(&rel);
            if is_hidden(&name) && !to_people {
                continue;
            }
            let named_for_people =
                || rel.matches('/').count() < MAX_FOLDER_DEPTH && is_people_folder_name(&lossy);
            // A link is followed only to a people folder inside the vault.
            if file_type.is_symlink() && (to_people || named_for_people()) {
                let path = dir.abs.join(&name);
                match path.canonicalize() {
                    Ok(target) if target.starts_with(canonical_root) && target.is_dir() => {
                        if named_for_people() {
                            found.people_folders.push(rel.clone());
                        }
                        found.folders.push(Folder { abs: path, rel });
                    }
                    Ok(target) if !target.is_dir() => {}
                    _ => {
                        if named_for_people() {
                            // Where `new` would write when the vault has no notes.
                            found.people_folders.push(rel.clone());
                        }
                        found.problems.push(Problem::new(
                            &rel,
                            1,
                            "people folder is a link leading outside the vault; not followed",
                        ));
                    }
                }
                continue;
            }
            if file_type.is_dir() {
                if !to_people && self.is_left_out(&rel, &lossy) {
                    continue;
                }
                if rel.matches('/').count() < MAX_FOLDER_DEPTH {
                    if is_people_folder_name(&lossy) {
                        found.people_folders.push(rel.clone());
                    }
                    folder_names.push(rel.clone());
                }
                found.folders.push(Folder {
                    abs: dir.abs.join(&name),
                    rel,
                });
                continue;
            }
            if !is_markdown(&name)
                || rel == report
                || has_placeholder(&lossy)
                || is_drawing(&lossy)
                || self.exclude.excludes(&rel)
            {
                continue;
            }
            let odd_path = match lossy {
                std::borrow::Cow::Owned(_) => Some(dir.abs.join(&name)),
                std::borrow::Cow::Borrowed(_) => None,
            };
            if file_type.is_symlink() {
                let path = dir.abs.join(&name);
                match path.canonicalize() {
                    Ok(target) if target.starts_with(canonical_root) && target.is_file() => {
                        stat_later.push((Stat::Link(path), rel, odd_path));
                    }
                    Ok(_) | Err(_) => {
                        found.problems.push(Problem::new(
                            &rel,
                            1,
                            "symbolic link leads outside the vault or nowhere; not followed",
                        ));
                    }
                }
            } else if file_type.is_file() {
                stat_later.push((Stat::Entry(entry), rel, odd_path));
            }
        }
        // A folder of thousands of notes (a daily-notes folder) is one
        // folder for the walk: its notes are looked at side by side.
        let stat = |(stat, rel, odd_path): (Stat, String, Option<PathBuf>)| {
            if !self.stamp {
                return Ok(Some(NoteFile {
                    rel,
                    stamp: None,
                    odd_path,
                }));
            }
            let meta = match stat {
                Stat::Entry(entry) => entry.metadata(),
                Stat::Link(path) => std::fs::metadata(&path),
            };
            match meta {
                Ok(meta) => Ok(Some(NoteFile {
                    rel,
                    stamp: Some(Stamp::of(&meta)),
                    odd_path,
                })),
                // Deleted between listing and stat: it is simply gone.
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(error) => Err(Problem::new(&rel, 1, format!("cannot read: {error}"))),
            }
        };
        let stated: Vec<Result<Option<NoteFile>, Problem>> =
            if self.stamp && stat_later.len() > STAT_RUN {
                stat_later
                    .into_par_iter()
                    .with_min_len(STAT_RUN)
                    .map(stat)
                    .collect()
            } else {
                stat_later.into_iter().map(stat).collect()
            };
        found.files.reserve(stated.len());
        for stated in stated {
            match stated {
                Ok(file) => found.files.extend(file),
                Err(problem) => found.problems.push(problem),
            }
        }
        found.case_twins = case_twins(folder_names);
        found
    }
}

/// Groups of `folders` (siblings) whose names differ only by case.
fn case_twins(mut folders: Vec<String>) -> Vec<Vec<String>> {
    if folders.len() < 2 {
        return Vec::new();
    }
    folders.sort_by_key(|folder| folder.to_lowercase());
    let mut groups: Vec<Vec<String>> = Vec::new();
    for folder in folders {
        match groups.last_mut() {
            Some(group) if group[0].to_lowercase() == folder.to_lowercase() => group.push(folder),
            _ => groups.push(vec![folder]),
        }
    }
    groups
        .into_iter()
        .filter(|group| group.len() > 1)
        .map(|mut group| {
            group.sort();
            group
        })
        .collect()
}

/// Whether the vault-relative `path` lies below the folder `folder`.
pub(crate) fn is_below(path: &str, folder: &str) -> bool {
    folder.is_empty() && !path.is_empty()
        || path
            .strip_prefix(folder)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// An Excalidraw drawing kept as Markdown (`Drawing 1.excalidraw.md`).
fn is_drawing(name: &str) -> bool {
    name.len() > ".excalidraw.md".len()
        && name.as_bytes()[name.len() - ".excalidraw.md".len()..]
            .eq_ignore_ascii_case(b".excalidraw.md")
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

    fn walk(root: &Path, people: &[String], exclude: &[&str]) -> Scan {
        walk_stamping(root, people, exclude, true)
    }

    fn walk_stamping(root: &Path, people: &[String], exclude: &[&str], stamp: bool) -> Scan {
        let exclude = Exclude::new(exclude.iter().map(|e| e.to_string()).collect()).unwrap();
        Walk {
            root,
            report: &root.join("people/Follow-ups.md"),
            people,
            templates: &["Extras/Templates".to_string()],
            exclude: &exclude,
            stamp,
        }
        .run()
    }

    fn write(root: &Path, files: &[&str]) {
        for path in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
    }

    fn rels(scan: &Scan) -> Vec<&str> {
        scan.files.iter().map(|f| f.rel.as_str()).collect()
    }

    #[test]
    fn a_folder_of_thousands_of_notes_is_walked_whole() {
        let dir = tempfile::tempdir().unwrap();
        let names: Vec<String> = (0..1000)
            .map(|day| format!("Journal/{day:04}.md"))
            .collect();
        let mut files: Vec<&str> = names.iter().map(String::as_str).collect();
        files.extend(["Journal/notes.txt", "Journal/Émile.md"]);
        write(dir.path(), &files);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("0001.md", dir.path().join("Journal/again.md")).unwrap();
            std::os::unix::fs::symlink("/nowhere", dir.path().join("Journal/gone.md")).unwrap();
        }
        let scan = walk(dir.path(), &[], &[]);
        let mut expected: Vec<&str> = names.iter().map(String::as_str).collect();
        expected.push("Journal/Émile.md");
        #[cfg(unix)]
        expected.push("Journal/again.md");
        expected.sort_unstable();
        assert_eq!(rels(&scan), expected);
        let sizes: Vec<u64> = scan.files.iter().map(|f| f.stamp.unwrap().size).collect();
        assert!(sizes.iter().all(|&size| size == 1), "{sizes:?}");
        #[cfg(unix)]
        assert_eq!(scan.problems.len(), 1, "{:?}", scan.problems);
        assert!(scan.is_stamped());
        // Left to the reading, the stamps are all that differs.
        let names = walk_stamping(dir.path(), &[], &[], false);
        assert!(names.files.iter().all(|f| f.stamp.is_none()));
        assert!(!names.is_stamped());
        assert_eq!(rels(&names), rels(&scan));
        assert_eq!(names.problems, scan.problems);
    }

    #[test]
    fn walk_finds_notes_sorted_and_skips_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            &[
                "people/b/Zoë.md",
                "people/.trash/Gone.md",
                "people/notes.txt",
                "people/Follow-ups.md",
                "elsewhere/Other.md",
                ".obsidian/Hidden.md",
                "Templates/Person.md",
                "x/_TEMPLATES/Person.md",
                "Extras/Templates/Daily.md",
                "Extras/Scripts/Keep.md",
                "{{title}}.md",
                "<% tp.file.title %>.md",
                "Drawing 1.excalidraw.md",
                "Archive/Old.md",
            ],
        );
        std::fs::write(root.join("people/Ada.md"), "hello").unwrap();
        let scan = walk(root, &[], &["archive"]);
        assert_eq!(
            rels(&scan),
            [
                "Extras/Scripts/Keep.md",
                "elsewhere/Other.md",
                "people/Ada.md",
                "people/b/Zoë.md"
            ]
        );
        assert_eq!(scan.files[2].stamp.unwrap().size, 5);
        assert!(scan.problems.is_empty());
        assert_eq!(scan.people_folders, ["people"]);
    }

    #[test]
    fn people_folders_are_found_in_any_case_up_to_three_deep() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            &[
                "CRM/Contacts/Ada.md",
                "01 - Community/People/Grace.md",
                "a/b/PEOPLE/Alan.md",
                "a/b/c/People/Too deep.md",
                "People/Contacts/Nested.md",
                "Templates/People/Template.md",
                "Empty people/x/y.md",
            ],
        );
        std::fs::create_dir_all(root.join("persons")).unwrap();
        let scan = walk(root, &[], &[]);
        assert_eq!(
            scan.people_folders,
            [
                "01 - Community/People",
                "CRM/Contacts",
                "People",
                "a/b/PEOPLE",
                "persons"
            ]
        );
        assert_eq!(
            scan.people_folders_with_notes(),
            [
                "01 - Community/People",
                "CRM/Contacts",
                "People",
                "a/b/PEOPLE"
            ]
        );
    }

    #[test]
    fn folders_differing_only_by_case_are_noted() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, &["People/Ada.md", "CRM/Notes/x.md", "CRM/notes/y.md"]);
        std::fs::create_dir_all(root.join("people")).unwrap();
        let scan = walk(root, &[], &[]);
        let twins = &scan.case_twins;
        if root.join("PEOPLE").is_dir() {
            // A file system that ignores case has no twins.
            assert!(twins.is_empty());
        } else {
            assert_eq!(
                *twins,
                [
                    vec!["CRM/Notes".to_string(), "CRM/notes".to_string()],
                    vec!["People".to_string(), "people".to_string()]
                ]
            );
        }
    }

    #[test]
    fn configured_people_folders_are_walked_whatever_their_name() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, &[".crm/people/Ada.md", "Templates/Clients/Bo.md"]);
        let scan = walk(
            root,
            &[".crm/people".to_string(), "Templates/Clients".to_string()],
            &[],
        );
        assert_eq!(
            rels(&scan),
            [".crm/people/Ada.md", "Templates/Clients/Bo.md"]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_people_folder_linking_out_of_the_vault_is_not_followed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("Eve.md"), "x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("people")).unwrap();
        let scan = walk(dir.path(), &["people".to_string()], &[]);
        assert!(scan.files.is_empty(), "{:?}", scan.files);
        assert!(scan.problems[0].message.contains("outside the vault"));
    }

    #[cfg(unix)]
    #[test]
    fn a_people_folder_linking_inside_the_vault_is_walked() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &["Areas/Humans/Ada.md"]);
        std::os::unix::fs::symlink(dir.path().join("Areas/Humans"), dir.path().join("people"))
            .unwrap();
        let scan = walk(dir.path(), &["people".to_string()], &[]);
        assert_eq!(rels(&scan), ["Areas/Humans/Ada.md", "people/Ada.md"]);
    }
}
