//! The one way kith changes notes. A [`Transaction`] holds the vault's
//! note-write lock for a whole command, so concurrent kith writers take
//! turns; each note is read, changed by the caller, checked unchanged on
//! disk and renamed into place, and journaled as part of one undo step.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use crate::vault::Vault;
use crate::vault::home::Place;
use crate::vault::inside::{self, PathError};
use crate::write::atomic::{self, ReplaceError};
use crate::write::journal::{Change, Entry, Journal};
use crate::write::lock;

/// Why a transaction could not start.
#[derive(Debug, thiserror::Error)]
pub enum BeginError {
    /// No folder for the journal.
    #[error(
        "kith has nowhere to keep the journal that lets `kith undo` revert this \
         ({0}); nothing was written"
    )]
    NoState(String),
    /// The lock cannot be taken.
    #[error("cannot take the lock for writing notes ({path}): {source}")]
    Lock {
        /// The lock file.
        path: PathBuf,
        /// What the file system said.
        source: io::Error,
    },
    /// The vault cannot be opened.
    #[error("cannot open the vault {path}: {source}")]
    Vault {
        /// The vault's folder.
        path: PathBuf,
        /// What the file system said.
        source: io::Error,
    },
    /// The journal cannot be read.
    #[error("cannot read the journal in {path}: {source}")]
    Journal {
        /// The journal's folder.
        path: PathBuf,
        /// What the file system said.
        source: io::Error,
    },
}

/// Why one note was not written. The others of the command may have been.
#[derive(Debug, thiserror::Error)]
pub enum NoteError {
    /// The path leads outside the vault.
    #[error(transparent)]
    Path(#[from] PathError),
    /// The note cannot be read.
    #[error("cannot read {rel}: {source}")]
    Read {
        /// The note's vault path.
        rel: String,
        /// What the file system said.
        source: io::Error,
    },
    /// The note is not UTF-8.
    #[error("{rel} is not UTF-8 text; kith only changes UTF-8 notes")]
    NotUtf8 {
        /// The note's vault path.
        rel: String,
    },
    /// A new note's file is taken.
    #[error("{rel} already exists; kith never overwrites a note")]
    Exists {
        /// The note's vault path.
        rel: String,
    },
    /// A new note cannot be made.
    #[error("cannot create {rel}: {source}")]
    Create {
        /// The note's vault path.
        rel: String,
        /// What the file system said.
        source: io::Error,
    },
    /// The note cannot be written.
    #[error("cannot write {rel}: {source}")]
    Write {
        /// The note's vault path.
        rel: String,
        /// Why.
        source: ReplaceError,
    },
    /// The note was written but the journal was not.
    #[error(
        "{rel} was written, but `kith undo` will not know it: cannot write the journal: {source}"
    )]
    Journal {
        /// The note's vault path.
        rel: String,
        /// What the file system said.
        source: io::Error,
    },
}

/// A note as read under the lock.
#[derive(Debug, Clone)]
pub struct Note {
    /// The vault path it was asked for by.
    pub rel: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// The real file (a link's target), and its path in the vault.
    target: PathBuf,
    real_rel: String,
}

/// What a command does ahead of its [`Transaction`], apart from it while
/// it writes: reads notes as it does, and writes new notes for it to put
/// in place ([`Transaction::commit`]).
#[derive(Debug, Clone)]
pub struct Ahead {
    real_root: PathBuf,
}

/// New notes written, not in place yet: [`Ahead::stage`] makes them,
/// [`Transaction::commit`] puts them in place and journals them.
pub struct Staged {
    /// `(rel, text)` of each note.
    notes: Vec<(String, String)>,
    /// Where each goes: its real path and real vault path.
    located: Vec<Result<(PathBuf, String), NoteError>>,
    files: atomic::Staged,
}

impl Ahead {
    /// Reads the note at vault path `rel` (through a link, its target,
    /// which must be inside the vault).
    pub fn read(&self, rel: &str) -> Result<Note, NoteError> {
        let (target, real_rel) = self.locate(rel)?;
        let bytes = std::fs::read(&target).map_err(|source| NoteError::Read {
            rel: rel.to_string(),
            source,
        })?;
        Ok(Note {
            rel: rel.to_string(),
            bytes,
            target,
            real_rel,
        })
    }

    /// Writes the new notes `notes`, `(rel, text)`, for the transaction
    /// to put in place, never over a file ([`atomic::stage_new_all`]).
    pub fn stage(&self, notes: Vec<(String, String)>) -> Staged {
        // New notes mostly share a folder: it is resolved once.
        let mut folders: HashMap<&Path, PathBuf> = HashMap::new();
        let located: Vec<Result<(PathBuf, String), NoteError>> = notes
            .iter()
            .map(|(rel, _)| self.locate_new(rel, &mut folders))
            .collect();
        let files: Vec<(PathBuf, Vec<u8>)> = located
            .iter()
            .zip(&notes)
            .filter_map(|(located, (_, text))| {
                let (target, _) = located.as_ref().ok()?;
                Some((target.clone(), text.as_bytes().to_vec()))
            })
            .collect();
        Staged {
            files: atomic::stage_new_all(&files),
            notes,
            located,
        }
    }

    /// The real file `rel` names, and its vault path.
    fn locate(&self, rel: &str) -> Result<(PathBuf, String), NoteError> {
        let target = inside::real_path(&self.real_root, &self.real_root.join(rel), rel)?;
        let real_rel = crate::vault::scan::relative(&self.real_root, &target);
        Ok((target, real_rel))
    }

    /// [`Ahead::locate`] for a note to be created, its folder resolved
    /// once for all the notes in it (kept in `folders`).
    fn locate_new<'a>(
        &self,
        rel: &'a str,
        folders: &mut HashMap<&'a Path, PathBuf>,
    ) -> Result<(PathBuf, String), NoteError> {
        let path = Path::new(rel);
        let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
            return self.locate(rel);
        };
        let real_folder = match folders.get(folder) {
            Some(real) => real.clone(),
            None => {
                let shown = folder.to_string_lossy();
                match inside::real_path(&self.real_root, &self.real_root.join(folder), &shown) {
                    Ok(real) => folders.entry(folder).or_insert(real).clone(),
                    // Said about the note itself.
                    Err(_) => return self.locate(rel),
                }
            }
        };
        let target = real_folder.join(name);
        let real_rel = crate::vault::scan::relative(&self.real_root, &target);
        Ok((target, real_rel))
    }
}

/// A command's writes to notes: from [`Transaction::begin`] until dropped,
/// no other kith process writes a note of this vault.
pub struct Transaction {
    ahead: Ahead,
    journal: Journal,
    entries: Vec<Entry>,
    step: u64,
    command: String,
    undoes: Option<u64>,
    time: String,
    _lock: lock::Held,
}

impl Transaction {
    /// Waits for the vault's note-write lock and opens the journal.
    /// `command` is what the journal shows (see `journal::command_line`).
    pub fn begin(vault: &Vault, command: &str) -> Result<Transaction, BeginError> {
        let real_root = vault
            .root
            .canonicalize()
            .map_err(|source| BeginError::Vault {
                path: vault.root.clone(),
                source,
            })?;
        let home = vault.home();
        if let Place::Temporary(_) = home.place {
            let why = home
                .take_notice()
                .unwrap_or_else(|| format!("{} cannot be written", vault.kith_dir().display()));
            return Err(BeginError::NoState(why));
        }
        let state = home.state_dir();
        let lock_path = state.join("notes.lock");
        let held = lock::exclusive(&lock_path).map_err(|source| BeginError::Lock {
            path: lock_path,
            source,
        })?;
        let journal = Journal::in_folder(&state);
        let journal_error = |source| BeginError::Journal {
            path: state.clone(),
            source,
        };
        let entries = journal.read().map_err(journal_error)?;
        let entries = journal.prune(entries).map_err(journal_error)?;
        Ok(Transaction {
            ahead: Ahead { real_root },
            journal,
            step: entries.iter().map(|e| e.step).max().unwrap_or(0) + 1,
            entries,
            command: command.to_string(),
            undoes: None,
            time: chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
            _lock: held,
        })
    }

    /// The journal as it was when the lock was taken, oldest first.
    pub fn history(&self) -> &[Entry] {
        &self.entries
    }

    /// Marks this transaction as the undo of `step`, in the journal too,
    /// so that it counts as undone even where no note could be reverted.
    pub(crate) fn undoing(&mut self, step: u64) -> io::Result<()> {
        self.undoes = Some(step);
        self.journal.append(&self.entry(None))
    }

    /// Reads the note at vault path `rel` (through a link, its target,
    /// which must be inside the vault).
    pub fn read(&self, rel: &str) -> Result<Note, NoteError> {
        self.ahead.read(rel)
    }

    /// What reads notes as this transaction does and writes new ones for
    /// it, to be done while it writes others.
    pub fn ahead(&self) -> Ahead {
        self.ahead.clone()
    }

    /// Replaces `note` with `after`, unless it changed on disk since it
    /// was read (an editor saved it) or is read-only. Returns whether the
    /// note changed.
    pub fn write(&mut self, note: &Note, after: &[u8]) -> Result<bool, NoteError> {
        if after == note.bytes {
            return Ok(false);
        }
        let (before, after_text) =
            match (std::str::from_utf8(&note.bytes), std::str::from_utf8(after)) {
                (Ok(before), Ok(after)) => (before, after),
                _ => {
                    return Err(NoteError::NotUtf8 {
                        rel: note.rel.clone(),
                    });
                }
            };
        atomic::replace_unchanged(&note.target, &note.bytes, after).map_err(|source| {
            NoteError::Write {
                rel: note.rel.clone(),
                source,
            }
        })?;
        let change = Change::between(&note.real_rel, Some(before), Some(after_text));
        self.record(&note.rel, change)?;
        Ok(true)
    }

    /// Creates the note `rel` holding `text`, never over an existing file.
    /// Returns its real path.
    pub fn create(&mut self, rel: &str, text: &str) -> Result<PathBuf, NoteError> {
        let (target, real_rel) = self.locate(rel)?;
        match atomic::create_new(&target, text.as_bytes()) {
            Ok(()) => {}
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
                return Err(NoteError::Exists {
                    rel: rel.to_string(),
                });
            }
            Err(source) => {
                return Err(NoteError::Create {
                    rel: rel.to_string(),
                    source,
                });
            }
        }
        self.record(rel, Change::between(&real_rel, None, Some(text)))?;
        Ok(target)
    }

    /// Puts the new notes of `staged` in place, none over an existing
    /// file: as [`Transaction::create`] each, but their flushes to disk
    /// are waited for together ([`atomic::Staged::commit`]) and they are
    /// journaled in one write. One result per note, in order: its real
    /// path.
    pub fn commit(&mut self, staged: Staged) -> Vec<Result<PathBuf, NoteError>> {
        let Staged {
            notes,
            located,
            files,
        } = staged;
        let mut written = files.commit().into_iter();
        let mut entries = Vec::new();
        let mut created: Vec<Result<PathBuf, NoteError>> = located
            .into_iter()
            .zip(&notes)
            .map(|(located, (rel, text))| {
                let (target, real_rel) = located?;
                match written.next() {
                    Some(Ok(())) => {
                        let change = Change::between(&real_rel, None, Some(text));
                        entries.push(self.entry(Some(change)));
                        Ok(target)
                    }
                    Some(Err(error)) if error.kind() == io::ErrorKind::AlreadyExists => {
                        Err(NoteError::Exists { rel: rel.clone() })
                    }
                    Some(Err(source)) => Err(NoteError::Create {
                        rel: rel.clone(),
                        source,
                    }),
                    None => Err(NoteError::Create {
                        rel: rel.clone(),
                        source: io::Error::other("not written"),
                    }),
                }
            })
            .collect();
        if !entries.is_empty()
            && let Err(error) = self.journal.append_all(&entries)
        {
            for (result, (rel, _)) in created.iter_mut().zip(&notes) {
                if result.is_ok() {
                    *result = Err(NoteError::Journal {
                        rel: rel.clone(),
                        source: io::Error::new(error.kind(), error.to_string()),
                    });
                }
            }
        }
        created
    }

    /// Removes `note`, unless it changed on disk since it was read: only
    /// for undoing a note kith created.
    pub fn remove(&mut self, note: &Note) -> Result<(), NoteError> {
        let write_error = |source| NoteError::Write {
            rel: note.rel.clone(),
            source,
        };
        let before = std::str::from_utf8(&note.bytes).map_err(|_| NoteError::NotUtf8 {
            rel: note.rel.clone(),
        })?;
        if std::fs::read(&note.target).map_err(|e| write_error(e.into()))? != note.bytes {
            return Err(write_error(ReplaceError::Changed));
        }
        std::fs::remove_file(&note.target).map_err(|e| write_error(e.into()))?;
        self.record(
            &note.rel,
            Change::between(&note.real_rel, Some(before), None),
        )
    }

    /// The real file `rel` names, and its vault path.
    fn locate(&self, rel: &str) -> Result<(PathBuf, String), NoteError> {
        self.ahead.locate(rel)
    }

    fn record(&mut self, rel: &str, change: Change) -> Result<(), NoteError> {
        let entry = self.entry(Some(change));
        self.journal
            .append(&entry)
            .map_err(|source| NoteError::Journal {
                rel: rel.to_string(),
                source,
            })
    }

    fn entry(&self, change: Option<Change>) -> Entry {
        Entry {
            step: self.step,
            time: self.time.clone(),
            command: self.command.clone(),
            undoes: self.undoes,
            change,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vault() -> (tempfile::TempDir, Vault) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".kith")).unwrap();
        std::fs::create_dir_all(dir.path().join("people")).unwrap();
        let vault = Vault::open(dir.path()).unwrap();
        (dir, vault)
    }

    #[test]
    fn every_write_is_journaled_under_one_step() {
        let (dir, vault) = vault();
        std::fs::write(dir.path().join("people/Ada.md"), "# Ada\n").unwrap();
        let mut tx = Transaction::begin(&vault, "intro Ada Bob").unwrap();
        let ada = tx.read("people/Ada.md").unwrap();
        assert!(tx.write(&ada, b"# Ada\n- 2026-11-24 met Bob\n").unwrap());
        assert!(!tx.write(&ada, b"# Ada\n").unwrap(), "no change, no entry");
        tx.create("people/Bob.md", "# Bob\n").unwrap();
        drop(tx);
        let mut tx = Transaction::begin(&vault, "log Bob x").unwrap();
        let entries = tx.history().to_vec();
        assert_eq!(entries.len(), 2);
        assert!(
            entries
                .iter()
                .all(|e| e.step == 1 && e.command == "intro Ada Bob")
        );
        let bob = tx.read("people/Bob.md").unwrap();
        tx.write(&bob, b"# Bob\nx\n").unwrap();
        let paths: Vec<_> = tx
            .history()
            .iter()
            .map(|e| e.change.as_ref().unwrap().path.clone())
            .collect();
        assert_eq!(paths, ["people/Ada.md", "people/Bob.md"]);
    }

    #[test]
    fn a_note_saved_by_an_editor_after_the_read_is_not_overwritten() {
        let (dir, vault) = vault();
        let path = dir.path().join("people/Ada.md");
        std::fs::write(&path, "# Ada\n").unwrap();
        let mut tx = Transaction::begin(&vault, "log Ada x").unwrap();
        let ada = tx.read("people/Ada.md").unwrap();
        std::fs::write(&path, "# Ada, edited\n").unwrap();
        let error = tx.write(&ada, b"# Ada\nx\n").unwrap_err();
        assert!(
            matches!(
                error,
                NoteError::Write {
                    source: ReplaceError::Changed,
                    ..
                }
            ),
            "{error}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "# Ada, edited\n");
        drop(tx);
        let tx = Transaction::begin(&vault, "x").unwrap();
        assert!(tx.history().is_empty());
    }

    #[test]
    fn many_notes_are_created_at_once_under_one_step_and_none_over_a_file() {
        let (dir, vault) = vault();
        std::fs::write(dir.path().join("people/Bob.md"), "mine").unwrap();
        let mut tx = Transaction::begin(&vault, "import vcard book.vcf").unwrap();
        let notes: Vec<(String, String)> = ["Ada", "Bob", "Cy"]
            .iter()
            .map(|name| (format!("people/{name}.md"), format!("# {name}\n")))
            .collect();
        let staged = tx.ahead().stage(notes);
        let created = tx.commit(staged);
        assert!(created[0].is_ok() && created[2].is_ok());
        assert!(matches!(created[1], Err(NoteError::Exists { .. })));
        drop(tx);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("people/Bob.md")).unwrap(),
            "mine"
        );
        let tx = Transaction::begin(&vault, "x").unwrap();
        let paths: Vec<_> = tx
            .history()
            .iter()
            .map(|e| (e.step, e.change.as_ref().unwrap().path.clone()))
            .collect();
        assert_eq!(
            paths,
            [
                (1, "people/Ada.md".to_string()),
                (1, "people/Cy.md".to_string())
            ]
        );
    }

    #[test]
    fn create_never_overwrites() {
        let (dir, vault) = vault();
        std::fs::write(dir.path().join("people/Ada.md"), "mine").unwrap();
        let mut tx = Transaction::begin(&vault, "new Ada").unwrap();
        assert!(matches!(
            tx.create("people/Ada.md", "theirs"),
            Err(NoteError::Exists { .. })
        ));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("people/Ada.md")).unwrap(),
            "mine"
        );
    }
}
