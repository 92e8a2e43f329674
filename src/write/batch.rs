//! One dated line logged in each of several notes in one transaction (as
//! `kith log` adds it): each note is written whole or not at all, and the
//! ones that are not say why; the others are written all the same.

use chrono::NaiveDate;

use crate::text::error_chain;
use crate::vault::Vault;
use crate::write::edit::{self, Added};
use crate::write::transaction::{BeginError, Transaction};

/// What logging into one note did.
#[derive(Debug)]
pub struct Logged {
    /// The note's vault path.
    pub rel: String,
    /// The line written, or why nothing was.
    pub outcome: Result<Added, String>,
}

/// Logs `- DATE TEXT` for each `(note, text)` of `lines`, in one
/// transaction journaled as `command` (one `kith undo` reverts them all).
pub fn log_each(
    vault: &Vault,
    command: &str,
    date: NaiveDate,
    lines: &[(String, String)],
) -> Result<Vec<Logged>, BeginError> {
    let mut tx = Transaction::begin(vault, command)?;
    Ok(lines
        .iter()
        .map(|(rel, text)| Logged {
            rel: rel.clone(),
            outcome: log_one(&mut tx, rel, date, text),
        })
        .collect())
}

fn log_one(tx: &mut Transaction, rel: &str, date: NaiveDate, text: &str) -> Result<Added, String> {
    let note = tx.read(rel).map_err(|e| error_chain(&e))?;
    let added = edit::insert_log_entry(&note.bytes, date, text).map_err(|e| e.to_string())?;
    tx.write(&note, &added.bytes).map_err(|e| error_chain(&e))?;
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_note_is_written_or_says_why() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".kith")).unwrap();
        std::fs::create_dir_all(dir.path().join("people")).unwrap();
        std::fs::write(dir.path().join("people/Ada.md"), "# Ada\r\n").unwrap();
        std::fs::write(dir.path().join("people/Bad.md"), b"\xff\xfe").unwrap();
        let vault = Vault::open(dir.path()).unwrap();
        let date = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let lines = [
            ("people/Ada.md".to_string(), "Shared: a piece".to_string()),
            ("people/Bad.md".to_string(), "Shared: a piece".to_string()),
            ("people/Gone.md".to_string(), "Shared: a piece".to_string()),
        ];
        let logged = log_each(&vault, "share x", date, &lines).unwrap();
        assert_eq!(
            logged[0].outcome.as_ref().unwrap().line,
            "- 2026-11-24 Shared: a piece"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("people/Ada.md")).unwrap(),
            "# Ada\r\n\r\n## Log\r\n- 2026-11-24 Shared: a piece\r\n"
        );
        assert!(logged[1].outcome.as_ref().unwrap_err().contains("UTF-8"));
        assert!(
            logged[2]
                .outcome
                .as_ref()
                .unwrap_err()
                .contains("people/Gone.md")
        );
        assert_eq!(
            std::fs::read(dir.path().join("people/Bad.md")).unwrap(),
            b"\xff\xfe"
        );
    }
}
