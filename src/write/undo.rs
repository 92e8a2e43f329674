//! Undo: the newest command in the journal not yet undone is reverted
//! note by note, byte for byte, where each note is still exactly as that
//! command left it; a note changed since is named and left alone.

use crate::vault::Vault;
use crate::vault::home::Place;
use crate::write::journal::{self, Journal, RevertError, Step};
use crate::write::transaction::{BeginError, NoteError, Transaction};

/// What `undo` did to one note.
#[derive(Debug)]
pub struct NoteUndo {
    /// Vault path.
    pub path: String,
    /// What the command had done to it (created, changed).
    pub verb: &'static str,
    /// Reverted, or why not.
    pub outcome: Result<(), Kept>,
}

/// Why a note was not reverted.
#[derive(Debug, thiserror::Error)]
pub enum Kept {
    /// The note is not as the command left it.
    #[error("{path} {reason}; left as it is")]
    Revert {
        /// The note's vault path.
        path: String,
        /// How it differs.
        reason: RevertError,
    },
    /// The note could not be written back.
    #[error(transparent)]
    Note(#[from] NoteError),
}

/// An undone command.
#[derive(Debug)]
pub struct Undone {
    /// The command.
    pub step: Step,
    /// Its notes, newest change first.
    pub notes: Vec<NoteUndo>,
}

/// Why nothing could be undone.
#[derive(Debug, thiserror::Error)]
pub enum UndoError {
    /// No transaction could begin.
    #[error(transparent)]
    Begin(#[from] BeginError),
    /// The journal cannot be written.
    #[error("cannot write the journal: {0}")]
    Journal(std::io::Error),
}

/// Reverts the newest command not yet undone; `None` when there is none.
/// It counts as undone afterwards even where notes were kept, so the next
/// undo goes further back.
pub fn undo(vault: &Vault) -> Result<Option<Undone>, UndoError> {
    let mut tx = Transaction::begin(vault, "undo")?;
    let Some(step) = journal::steps(tx.history())
        .into_iter()
        .rev()
        .find(|step| step.undoes.is_none() && !step.undone && !step.changes.is_empty())
    else {
        return Ok(None);
    };
    tx.undoing(step.id).map_err(UndoError::Journal)?;
    let notes = step
        .changes
        .iter()
        .rev()
        .map(|change| NoteUndo {
            path: change.path.clone(),
            verb: change.verb(),
            outcome: revert(&mut tx, change),
        })
        .collect();
    Ok(Some(Undone { step, notes }))
}

fn revert(tx: &mut Transaction, change: &journal::Change) -> Result<(), Kept> {
    let kept = |reason| Kept::Revert {
        path: change.path.clone(),
        reason,
    };
    let note = match tx.read(&change.path) {
        Ok(note) => Some(note),
        Err(NoteError::Read { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            None
        }
        Err(error) => return Err(error.into()),
    };
    let restored = change
        .revert(note.as_ref().map(|n| n.bytes.as_slice()))
        .map_err(kept)?;
    match (note, restored) {
        (Some(note), Some(text)) => tx.write(&note, text.as_bytes()).map(drop)?,
        (Some(note), None) => tx.remove(&note)?,
        (None, Some(text)) => tx.create(&change.path, &text).map(drop)?,
        (None, None) => {}
    }
    Ok(())
}

/// The newest `count` commands of the journal, newest first, without
/// waiting for writers.
pub fn recent(vault: &Vault, count: usize) -> std::io::Result<Vec<Step>> {
    let home = vault.home();
    if let Place::Temporary(_) = home.place {
        return Ok(Vec::new());
    }
    let entries = Journal::in_folder(&home.state_dir()).read()?;
    let mut steps = journal::steps(&entries);
    steps.reverse();
    steps.truncate(count);
    Ok(steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_reverts_the_newest_command_then_the_one_before() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".kith")).unwrap();
        let vault = Vault::open(dir.path()).unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "one\n").unwrap();
        for (command, text) in [("first", "one\ntwo\n"), ("second", "one\ntwo\nthree\n")] {
            let mut tx = Transaction::begin(&vault, command).unwrap();
            let note = tx.read("a.md").unwrap();
            tx.write(&note, text.as_bytes()).unwrap();
        }
        let mut tx = Transaction::begin(&vault, "third").unwrap();
        tx.create("b.md", "new\n").unwrap();
        drop(tx);

        let third = undo(&vault).unwrap().unwrap();
        assert_eq!(third.step.command, "third");
        assert!(third.notes[0].outcome.is_ok());
        assert!(!dir.path().join("b.md").exists());
        assert_eq!(undo(&vault).unwrap().unwrap().step.command, "second");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one\ntwo\n");
        std::fs::write(&path, "one\ntwo, edited\n").unwrap();
        let first = undo(&vault).unwrap().unwrap();
        let kept = first.notes[0].outcome.as_ref().unwrap_err().to_string();
        assert_eq!(kept, "a.md changed since; left as it is");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "one\ntwo, edited\n"
        );
        assert!(undo(&vault).unwrap().is_none());

        let listed = recent(&vault, 10).unwrap();
        let commands: Vec<_> = listed.iter().map(|s| s.command.as_str()).collect();
        assert_eq!(
            commands,
            ["undo", "undo", "undo", "third", "second", "first"]
        );
        assert!(listed[3..].iter().all(|s| s.undone));
    }
}
