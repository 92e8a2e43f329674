//! The vault: finding it, its `.kith/` folder and config, and walking the
//! person notes (hidden folders, the report and outside symlinks skipped).

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{Config, ConfigError};
use chrono::NaiveDate;

use crate::note::{self, Parsed};
use crate::problem::Problem;
use crate::summary::Summary;

/// kith's own folder inside the vault.
pub const KITH_DIR: &str = ".kith";
/// Notes larger than this are reported and skipped.
pub const MAX_NOTE_BYTES: u64 = 32 * 1024 * 1024;

/// Why no vault could be opened.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error(
        "no vault found: pass --vault PATH, set KITH_VAULT, or run `kith init` in your notes folder"
    )]
    NotFound,
    #[error("vault folder '{0}' does not exist")]
    Missing(PathBuf),
    #[error("'{0}' is not a folder")]
    NotADirectory(PathBuf),
    #[error("people folder '{0}' (from config 'people') does not exist in the vault")]
    MissingPeopleFolder(String),
    #[error(transparent)]
    Config(#[from] ConfigError),
}

/// An opened vault: its root folder and settings.
#[derive(Debug, Clone)]
pub struct Vault {
    pub root: PathBuf,
    pub config: Config,
}

/// A person note file found by the walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteFile {
    /// Vault-relative, `/`-separated.
    pub rel: String,
    pub abs: PathBuf,
}

/// Everything read from the vault's notes.
#[derive(Debug, Default)]
pub struct Loaded {
    pub people: Vec<Summary>,
    /// Problems of files that are not people (unreadable, too large, links
    /// leading out); each person carries its own.
    pub problems: Vec<Problem>,
}

impl Loaded {
    /// Every problem, people's and files', in path and line order.
    pub fn all_problems(&self) -> Vec<&Problem> {
        let mut all: Vec<&Problem> = self
            .problems
            .iter()
            .chain(self.people.iter().flat_map(|p| &p.problems))
            .collect();
        all.sort();
        all
    }
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
        if let Some(folders) = &config.people
            && let Some(missing) = folders.iter().find(|f| !root.join(f).is_dir())
        {
            return Err(VaultError::MissingPeopleFolder(missing.clone()));
        }
        Ok(Vault {
            root: root.to_path_buf(),
            config,
        })
    }

    pub fn kith_dir(&self) -> PathBuf {
        self.root.join(KITH_DIR)
    }

    pub fn report_path(&self) -> PathBuf {
        self.root.join(&self.config.report)
    }

    /// The folders person notes live in, vault-relative (`""` is the root).
    pub fn people_folders(&self) -> Vec<String> {
        match &self.config.people {
            Some(folders) => folders.clone(),
            None if self.root.join("people").is_dir() => vec!["people".into()],
            None => vec![String::new()],
        }
    }

    /// Every person note file, sorted by path, and problems met on the way.
    pub fn walk(&self) -> (Vec<NoteFile>, Vec<Problem>) {
        let canonical_root = self
            .root
            .canonicalize()
            .unwrap_or_else(|_| self.root.clone());
        let report = self.report_path();
        let mut files = Vec::new();
        let mut problems = Vec::new();
        for folder in self.people_folders() {
            let walker = walkdir::WalkDir::new(self.root.join(&folder))
                .follow_links(false)
                .into_iter()
                .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
            for entry in walker {
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(error) => {
                        let path = error.path().map(|p| self.relative(p)).unwrap_or_default();
                        problems.push(Problem::new(&path, 1, format!("cannot read: {error}")));
                        continue;
                    }
                };
                if !is_markdown(entry.file_name()) || entry.path() == report {
                    continue;
                }
                let rel = self.relative(entry.path());
                if entry.path_is_symlink() {
                    match entry.path().canonicalize() {
                        Ok(target) if target.starts_with(&canonical_root) && target.is_file() => {}
                        Ok(_) | Err(_) => {
                            problems.push(Problem::new(
                                &rel,
                                1,
                                "symbolic link leads outside the vault or nowhere; not followed",
                            ));
                            continue;
                        }
                    }
                } else if !entry.file_type().is_file() {
                    continue;
                }
                files.push(NoteFile {
                    rel,
                    abs: entry.into_path(),
                });
            }
        }
        files.sort_by(|a, b| a.rel.cmp(&b.rel));
        files.dedup_by(|a, b| a.rel == b.rel);
        (files, problems)
    }

    /// Reads and parses every person note, in parallel, summarised as of
    /// `today`.
    pub fn load(&self, today: NaiveDate) -> Loaded {
        let (files, mut problems) = self.walk();
        let parsed: Vec<Parsed> = files.par_iter().map(read_note).collect();
        let mut people = Vec::with_capacity(parsed.len());
        for parsed in parsed {
            match parsed {
                Parsed::Person(person) => people.push(Summary::of(&person, today)),
                Parsed::Report => {}
                Parsed::Unreadable(problem) => problems.push(problem),
            }
        }
        Loaded { people, problems }
    }

    /// `path` relative to the vault root, `/`-separated.
    pub fn relative(&self, path: &Path) -> String {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// Reads one note file; size and I/O failures become problems.
pub fn read_note(file: &NoteFile) -> Parsed {
    let unreadable = |message: String| Parsed::Unreadable(Problem::new(&file.rel, 1, message));
    match std::fs::metadata(&file.abs) {
        Ok(meta) if meta.len() > MAX_NOTE_BYTES => {
            return unreadable(format!(
                "note is {} MiB, more than the {} MiB kith reads; skipped",
                meta.len() / (1024 * 1024),
                MAX_NOTE_BYTES / (1024 * 1024)
            ));
        }
        Ok(_) => {}
        Err(error) => return unreadable(format!("cannot read: {error}")),
    }
    match std::fs::read(&file.abs) {
        Ok(bytes) => note::parse(&file.rel, &bytes),
        Err(error) => unreadable(format!("cannot read: {error}")),
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

fn is_markdown(name: &std::ffi::OsStr) -> bool {
    let name = name.as_encoded_bytes();
    !name.starts_with(b".") && name.len() > 3 && name[name.len() - 3..].eq_ignore_ascii_case(b".md")
}
