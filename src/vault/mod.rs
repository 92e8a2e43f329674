//! The vault: finding it, its `.kith/` folder and config, walking its
//! notes (hidden and template folders, the report and outside symlinks
//! skipped) and telling people from other notes.

pub mod adopt;
pub mod config;
pub mod daily;
pub mod exclude;
pub mod hints;
pub mod home;
pub mod inside;
pub(crate) mod obsidian;
pub(crate) mod open;
pub mod people;
pub(crate) mod scan;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use crate::vault::config::{Config, ConfigError};
use chrono::NaiveDate;

use crate::mention::resolve::{self, Known};
use crate::mention::{self, OtherNote};
use crate::note::mention::Mentions;
use crate::note::problem::Problem;
use crate::note::summary::Summary;
use crate::note::{self, Parsed, Person};
use crate::vault::daily::DailyNotes;
use crate::vault::hints::Hint;
use crate::vault::home::Home;
use crate::vault::open::Opener;
use crate::vault::people::{Marker, Rule, Sorted};
use crate::vault::scan::{NoteFile, Scan, Stamp, Walk};

/// kith's own folder inside the vault.
pub const KITH_DIR: &str = ".kith";
/// Notes larger than this are reported and skipped.
pub(crate) const MAX_NOTE_BYTES: u64 = 32 * 1024 * 1024;

/// Why no vault could be opened.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    /// No `--vault`, `KITH_VAULT` or `.kith/` above.
    #[error(
        "no vault found: pass --vault PATH, set KITH_VAULT, or run `kith init` in your notes folder"
    )]
    NotFound,
    /// The vault folder given does not exist.
    #[error("vault folder '{0}' does not exist")]
    Missing(PathBuf),
    /// The vault given is a file.
    #[error("'{0}' is not a folder")]
    NotADirectory(PathBuf),
    /// A configured folder does not exist.
    #[error(
        "{key} folder '{folder}' (from config '{key}') does not exist in the vault{}",
        twin.as_ref().map(|t| format!("; there is '{t}': write `{key}: {t}`")).unwrap_or_default()
    )]
    MissingFolder {
        /// The config key.
        key: &'static str,
        /// The folder as configured.
        folder: String,
        /// A folder there that differs from it only by case.
        twin: Option<String>,
    },
    /// The config cannot be read.
    #[error(transparent)]
    Config(#[from] ConfigError),
}

/// An opened vault: its root folder and settings.
#[derive(Debug, Clone)]
pub struct Vault {
    /// The vault's folder.
    pub root: PathBuf,
    /// `.kith/config.yaml`, or the defaults.
    pub config: Config,
    /// Where kith keeps its own files, decided when first needed and
    /// shared by every copy of this vault.
    home: Arc<OnceLock<Home>>,
}

/// Where one note is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotePath {
    /// Vault-relative, `/`-separated.
    pub rel: String,
    /// Where it is on disk.
    pub abs: PathBuf,
}

/// What `.kith/.gitignore` keeps out of git: the disposable index and the
/// machine's own state (locks, the undo journal).
pub const GITIGNORE: &str = "# kith's index (rebuilt from the notes) and state (locks, the undo journal)\n\
     # belong to this machine.\nindex/\nstate/\n*.lock\n";

/// What was read from the vault's notes: everyone, or those a command
/// needs (see `index::Wanted`).
#[derive(Debug, Default)]
pub struct Loaded {
    /// The people read, in path order.
    pub people: Vec<Summary>,
    /// Problems of files that are not people (unreadable, too large, links
    /// leading out); each person carries its own.
    pub problems: Vec<Problem>,
    /// How many person notes the vault holds, read or not.
    pub notes: usize,
    /// How many of them are never due: no cadence (from the note, a tag
    /// or the default) and no next-contact date.
    pub never_due: usize,
    /// What kith noticed about how the vault is laid out (`check` says it).
    pub hints: Vec<Hint>,
    /// How people were told from other notes.
    pub rule: Rule,
    /// What kith noticed about links to people in other notes: names two
    /// people share, near misses.
    pub link_hints: Vec<Problem>,
}

impl Loaded {
    /// Every problem, people's and files', in path and line order.
    pub fn all_problems(&self) -> Vec<&Problem> {
        all_problems(&self.problems, &self.people)
    }

    /// Every hint of the people read and of links to people, in path and
    /// line order.
    pub fn all_hints(&self) -> Vec<&Problem> {
        let mut all: Vec<&Problem> = self
            .people
            .iter()
            .flat_map(|p| &p.hints)
            .chain(&self.link_hints)
            .collect();
        all.sort();
        all
    }
}

/// The problems of `files` and of every one of `people`, in path and line
/// order.
pub fn all_problems<'a>(
    files: impl IntoIterator<Item = &'a Problem>,
    people: impl IntoIterator<Item = &'a Summary>,
) -> Vec<&'a Problem> {
    let mut all: Vec<&Problem> = files
        .into_iter()
        .chain(people.into_iter().flat_map(|p| &p.problems))
        .collect();
    all.sort();
    all
}

impl Vault {
    /// Finds the vault from `--vault`/`KITH_VAULT` (`explicit`), else the
    /// nearest ancestor of `cwd` holding `.kith/`.
    pub fn discover(explicit: Option<&Path>, cwd: &Path) -> Result<Vault, VaultError> {
        let root = match explicit {
            Some(path) => cwd.join(path),
            None => cwd
                .ancestors()
                .find(|dir| dir.join(KITH_DIR).is_dir())
                .ok_or(VaultError::NotFound)?
                .to_path_buf(),
        };
        Vault::open(&root)
    }

    /// Opens the vault at `root` and reads its config.
    pub fn open(root: &Path) -> Result<Vault, VaultError> {
        if !root.exists() {
            return Err(VaultError::Missing(root.to_path_buf()));
        }
        if !root.is_dir() {
            return Err(VaultError::NotADirectory(root.to_path_buf()));
        }
        let config_path = root.join(KITH_DIR).join("config.yaml");
        let config = Config::load(&config_path, ".kith/config.yaml")?;
        let configured = [
            ("people", config.people.as_deref().unwrap_or_default()),
            ("templates", config.templates.as_slice()),
            (
                "mention_folders",
                config.mention_folders.as_deref().unwrap_or_default(),
            ),
        ];
        for (key, folders) in configured {
            if let Some(missing) = folders.iter().find(|f| !root.join(f).is_dir()) {
                return Err(VaultError::MissingFolder {
                    key,
                    folder: missing.clone(),
                    twin: hints::case_twin_on_disk(root, missing),
                });
            }
        }
        Ok(Vault {
            root: root.to_path_buf(),
            config,
            home: Arc::default(),
        })
    }

    /// `.kith/`: the config and template the user writes.
    pub(crate) fn kith_dir(&self) -> PathBuf {
        self.root.join(KITH_DIR)
    }

    /// Where kith keeps its index, locks and journal for this vault.
    pub fn home(&self) -> &Home {
        self.home.get_or_init(|| Home::decide(&self.root))
    }

    /// Where the report is written.
    pub fn report_path(&self) -> PathBuf {
        self.root.join(&self.config.report)
    }

    /// What marks a note as a person: the config's markers, else the
    /// defaults.
    pub fn markers(&self) -> &[Marker] {
        self.config
            .person_marker
            .as_deref()
            .unwrap_or(Marker::defaults())
    }

    /// The people folders in effect for what `scan` found: the config's,
    /// else the folders named for people that hold notes. An empty one
    /// counts only in a vault without notes (where new notes go): beside
    /// notes elsewhere it would leave nobody a person.
    pub(crate) fn people_folders(&self, scan: &Scan) -> Vec<String> {
        match &self.config.people {
            Some(folders) => folders.clone(),
            None if scan.files.is_empty() => scan.people_folders.clone(),
            None => scan.people_folders_with_notes(),
        }
    }

    /// Every note file, sorted by path, with problems met on the way.
    pub(crate) fn scan(&self) -> Scan {
        self.walk(true)
    }

    /// Every note file as [`Vault::scan`] finds them, without their
    /// stamps: for a full build, which reads every note and stamps each
    /// as it opens it.
    pub(crate) fn scan_unstamped(&self) -> Scan {
        self.walk(false)
    }

    fn walk(&self, stamp: bool) -> Scan {
        let report = self.report_path();
        let mut templates = self.config.templates.clone();
        templates.extend(obsidian::template_folders(&self.root));
        let mut scan = Walk {
            root: &self.root,
            report: &report,
            people: self.config.people.as_deref().unwrap_or_default(),
            templates: &templates,
            exclude: &self.config.exclude,
            stamp,
        }
        .run();
        scan.dailies = obsidian::daily_notes(&self.root);
        scan
    }

    /// The rule for the notes `scan` found, with `any_marked` saying
    /// whether some note carries a person marker.
    pub(crate) fn rule(&self, scan: &Scan, any_marked: bool) -> Rule {
        Rule::new(self.people_folders(scan), any_marked).with_dailies(scan.dailies.clone())
    }

    /// Reads and parses every note, in parallel, and keeps the people,
    /// summarised as of `today` with their mentions in other notes,
    /// without the index: what the index-backed commands must agree with
    /// (the tests compare them).
    pub fn load(&self, today: NaiveDate) -> Loaded {
        let scan = self.scan();
        // Sorted as if no note were marked; then again if some are.
        let unmarked = self.rule(&scan, false);
        let read: Vec<(Sorted, bool, &str)> = scan
            .files
            .par_iter()
            .map_init(
                || Opener::new(&self.root),
                |opener, file| {
                    let (parsed, _) = read_scanned(file, opener)?;
                    let (sorted, marked) =
                        people::sort(parsed, &file.rel, &unmarked, self.markers());
                    Some((sorted, marked, file.rel.as_str()))
                },
            )
            .flatten()
            .collect();
        let rule = self.rule(&scan, read.iter().any(|(_, marked, _)| *marked));
        let mut people = Vec::new();
        let mut others = Vec::new();
        let mut problems = scan.problems.clone();
        let mut known = Known::default();
        for (sorted, marked, rel) in read {
            if !matches!(sorted, Sorted::Skipped) {
                let person = matches!(sorted, Sorted::Person(_)) && rule.is_person(rel, marked);
                known.note(rel, person);
            }
            match sorted {
                Sorted::Person(person) if rule.is_person(rel, marked) => {
                    let summary = Summary::of(&person, &self.config, today);
                    known.person(rel, &resolve::name_keys(&summary));
                    people.push(summary);
                }
                Sorted::Person(note) | Sorted::Other(note) => {
                    others.push(self.other_note(rel, &note, &scan.dailies));
                }
                Sorted::Unreadable(problem) => problems.push(problem),
                Sorted::Skipped => {}
            }
        }
        for note in &mut others {
            note.targets = note
                .links
                .iter()
                .map(|link| resolve::resolve(link, &note.path, &known))
                .collect();
        }
        let mut mentions = mention::by_person(&others);
        let people: Vec<Summary> = people
            .into_iter()
            .map(|person| {
                let of = mentions.remove(person.path.as_str()).unwrap_or_default();
                person.with_mentions(of, &self.config, today)
            })
            .collect();
        let link_hints = mention::hints(&others, &people);
        let never_due = people
            .iter()
            .filter(|person| crate::note::due::never_due(person, &self.config, today))
            .count();
        Loaded {
            notes: people.len(),
            never_due,
            people,
            problems,
            hints: hints::layout(&scan, &rule),
            link_hints,
            rule,
        }
    }

    /// What kith keeps of the note at `rel`, read as `note`, that is not
    /// a person: its date and links when mentions are read there, with
    /// daily notes named as `dailies` say.
    pub(crate) fn other_note(&self, rel: &str, note: &Person, dailies: &[DailyNotes]) -> OtherNote {
        let config = &self.config;
        let in_folders = config.mention_folders.as_ref().is_none_or(|folders| {
            folders
                .iter()
                .any(|folder| folder.is_empty() || scan::is_below(rel, folder))
        });
        if config.mentions == Mentions::Off || !in_folders {
            return OtherNote::plain(rel);
        }
        mention::read::read(rel, note, dailies)
    }

    /// `path` relative to the vault root, `/`-separated.
    pub fn relative(&self, path: &Path) -> String {
        crate::vault::scan::relative(&self.root, path)
    }
}

/// Creates `dir` and the folders between it and `root`, but never `root`
/// itself or anything above it: a vault deleted while kith runs stays
/// deleted (the error is then `NotFound`).
pub(crate) fn create_dirs_within(root: &Path, dir: &Path) -> std::io::Result<()> {
    let Ok(below) = dir.strip_prefix(root) else {
        return Err(std::io::Error::other(format!(
            "{} is outside the vault",
            dir.display()
        )));
    };
    let mut path = root.to_path_buf();
    for component in below.components() {
        path.push(component);
        create_dir_if_missing(&path)?;
    }
    Ok(())
}

/// Creates the folder `dir` unless it exists; its parent must exist.
pub(crate) fn create_dir_if_missing(dir: &Path) -> std::io::Result<()> {
    match std::fs::create_dir(dir) {
        Err(error) if error.kind() != std::io::ErrorKind::AlreadyExists => Err(error),
        _ => Ok(()),
    }
}

/// Reads the note at `abs` (shown as `rel`); size and I/O failures become
/// problems.
pub fn read_note(rel: &str, abs: &Path) -> Parsed {
    let file = match std::fs::File::open(abs) {
        Ok(file) => file,
        Err(error) => return cannot_read(rel, &error),
    };
    match file.metadata() {
        Ok(meta) => read_open(rel, file, meta.len(), false),
        Err(error) => cannot_read(rel, &error),
    }
}

/// Reads a note the walk found, with the stamp of what was read. A stamp
/// from the walk is trusted for the size, as a first guess (the file may
/// have changed since: it is read to its end all the same, up to
/// [`MAX_NOTE_BYTES`]): one system call a note fewer than [`read_note`],
/// 2% of a full build. A note the walk did not stamp is stamped as it is
/// opened; one that cannot be opened, by its path when it can be. `None`:
/// the note is gone since the walk listed it, which is no problem of the
/// vault's (as the walk takes a note gone before its stat).
pub(crate) fn read_scanned(
    file: &NoteFile,
    opener: &mut Opener,
) -> Option<(Parsed, Option<Stamp>)> {
    if let Some(stamp) = file.stamp
        && stamp.size > MAX_NOTE_BYTES
    {
        return Some((too_big(&file.rel, stamp.size), Some(stamp)));
    }
    let open = match opener.open(file) {
        Ok(open) => open,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return None,
        Err(error) => {
            let stamp = file.stamp.or_else(|| {
                let meta = std::fs::metadata(file.abs(opener.root())).ok()?;
                Some(Stamp::of(&meta))
            });
            return Some((cannot_read(&file.rel, &error), stamp));
        }
    };
    let (stamp, own_size) = match file.stamp {
        Some(stamp) => (stamp, false),
        None => match open.metadata() {
            Ok(meta) => (Stamp::of(&meta), true),
            Err(error) => {
                return Some((cannot_read(&file.rel, &error), None));
            }
        },
    };
    Some((
        read_open(&file.rel, open, stamp.size, own_size),
        Some(stamp),
    ))
}

/// Reads and parses an open note about `size` bytes long. When `size` is
/// the open file's own (`fstat`) and goes into the stamp the index keeps,
/// exactly that many bytes are read: one system call, where reading to
/// the end takes a second to find it. What the file grew by since is in
/// no stamp either, so the next refresh reads it again.
fn read_open(rel: &str, mut file: std::fs::File, size: u64, own_size: bool) -> Parsed {
    if size > MAX_NOTE_BYTES {
        return too_big(rel, size);
    }
    if own_size {
        let mut bytes = vec![0; usize::try_from(size).unwrap_or(0)];
        match std::io::Read::read_exact(&mut file, &mut bytes) {
            Ok(()) => return note::parse(rel, &bytes),
            // It shrank meanwhile: read it again, to its end.
            Err(error) if error.kind() == std::io::ErrorKind::UnexpectedEof => {
                if let Err(error) = std::io::Seek::rewind(&mut file) {
                    return cannot_read(rel, &error);
                }
            }
            Err(error) => return cannot_read(rel, &error),
        }
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    // Through `take`: `File::read_to_end` would ask the size of the file
    // again (two more system calls a note, a few percent of a full build).
    let mut limited = std::io::Read::take(file, MAX_NOTE_BYTES + 1);
    match std::io::Read::read_to_end(&mut limited, &mut bytes) {
        Ok(read) if read as u64 > MAX_NOTE_BYTES => too_big(rel, read as u64),
        Ok(_) => note::parse(rel, &bytes),
        Err(error) => cannot_read(rel, &error),
    }
}

fn unreadable(rel: &str, message: String) -> Parsed {
    Parsed::Unreadable(Problem::new(rel, 1, message))
}

/// The note at `rel` could not be opened or read.
fn cannot_read(rel: &str, error: &std::io::Error) -> Parsed {
    unreadable(rel, format!("cannot read: {error}"))
}

fn too_big(rel: &str, size: u64) -> Parsed {
    unreadable(
        rel,
        format!(
            "note is {} MiB, more than the {} MiB kith reads; skipped",
            size / (1024 * 1024),
            MAX_NOTE_BYTES / (1024 * 1024)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_made_inside_the_vault_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("vault");
        std::fs::create_dir(&root).unwrap();
        create_dirs_within(&root, &root.join("a/b/c")).unwrap();
        assert!(root.join("a/b/c").is_dir());
        create_dirs_within(&root, &root.join("a/b")).unwrap();
        let outside = create_dirs_within(&root, dir.path()).unwrap_err();
        assert!(
            outside.to_string().contains("outside the vault"),
            "{outside}"
        );
    }

    /// The body of the note `read_open` makes of `path` opened now, told
    /// its size is `size`.
    fn body_read(path: &Path, size: u64, own_size: bool) -> String {
        let file = std::fs::File::open(path).unwrap();
        match read_open("Ada.md", file, size, own_size) {
            Parsed::Person(person) => person.body,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_note_of_known_size_is_read_whole_and_one_that_shrank_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Ada.md");
        let text = "---\nname: Ada\n---\nFirst line.\nSecond line.\n";
        std::fs::write(&path, text).unwrap();
        let size = text.len() as u64;
        assert_eq!(body_read(&path, size, true), "First line.\nSecond line.\n");
        assert_eq!(body_read(&path, size, false), "First line.\nSecond line.\n");
        // Shorter now than the size it was stamped with: read to its end.
        std::fs::write(&path, "---\nname: Ada\n---\nShort.\n").unwrap();
        assert_eq!(body_read(&path, size, true), "Short.\n");
        // Longer: the stamp says less, so only that much is read now (the
        // next refresh sees the stamp differ and reads it again).
        std::fs::write(&path, format!("{text}Third line.\n")).unwrap();
        assert_eq!(body_read(&path, size, true), "First line.\nSecond line.\n");
        assert!(body_read(&path, size, false).ends_with("Third line.\n"));
        // Empty.
        std::fs::write(&path, "").unwrap();
        assert_eq!(body_read(&path, 0, true), "");
    }

    #[test]
    fn a_note_gone_since_the_walk_is_gone_not_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("Ada.md"), "---\nname: Ada\n---\n").unwrap();
        let mut opener = Opener::new(dir.path());
        let note = |rel: &str, stamp: Option<Stamp>| NoteFile {
            rel: rel.to_string(),
            stamp,
            odd_path: None,
        };
        let (parsed, stamp) = read_scanned(&note("Ada.md", None), &mut opener).unwrap();
        assert!(matches!(parsed, Parsed::Person(_)), "{parsed:?}");
        let stamp = stamp.unwrap();
        assert_eq!(stamp.size, 18);
        // Stamped by the walk or not, a note removed before it is read.
        assert!(read_scanned(&note("Gone.md", None), &mut opener).is_none());
        assert!(read_scanned(&note("Gone.md", Some(stamp)), &mut opener).is_none());
        assert!(read_scanned(&note("Nowhere/Gone.md", None), &mut opener).is_none());
    }

    #[test]
    fn a_deleted_vault_is_not_brought_back() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("gone");
        let error = create_dirs_within(&root, &root.join(".kith/index")).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::NotFound);
        assert!(!root.exists());
    }
}
