//! The journal of what kith wrote into notes, for `kith undo`: one JSON
//! line per note changed (its vault path, hashes before and after, the
//! text removed and added at one place), grouped in steps, one per command.
//! Appended under the note-write lock; a damaged line is skipped.

use std::collections::BTreeSet;
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Once the journal holds more steps than this, or more bytes…
const MAX_STEPS: usize = 200;
const MAX_BYTES: u64 = 64 * 1024 * 1024;
/// …only the newest this many are kept, in at most half those bytes
/// (the newest step always).
const KEPT_STEPS: usize = 100;

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The command's step: every line of one command shares it.
    pub step: u64,
    /// Local time, `YYYY-MM-DD HH:MM:SS`.
    pub time: String,
    /// The command as typed, e.g. `log Ada 'Coffee'`.
    pub command: String,
    /// Set by `kith undo`: the step it reverts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undoes: Option<u64>,
    /// The note changed; none on the line that marks an undo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
}

/// One note changed: `removed` replaced by `added` at byte `at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Vault-relative, `/`-separated: the file written (a link's target).
    pub path: String,
    /// SHA-256 of the note before; none when kith created it.
    pub before: Option<String>,
    /// SHA-256 of the note after; none when kith removed it.
    pub after: Option<String>,
    /// The byte where the change begins.
    pub at: usize,
    /// The bytes taken out there.
    pub removed: String,
    /// The bytes put in.
    pub added: String,
}

/// Why a change cannot be reverted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RevertError {
    /// The note was edited after the command.
    #[error("changed since")]
    ChangedSince,
    /// The note is gone.
    #[error("was deleted since")]
    Deleted,
    /// A removed note is back.
    #[error("was made again since")]
    Recreated,
    /// The journal entry does not fit the note.
    #[error("does not match its journal entry")]
    Damaged,
}

impl Change {
    /// The change that turns `before` into `after` (`None`: no file), as
    /// the one stretch between their common start and common end.
    pub fn between(path: &str, before: Option<&str>, after: Option<&str>) -> Change {
        let (old, new) = (before.unwrap_or(""), after.unwrap_or(""));
        let mut start = old
            .bytes()
            .zip(new.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        while !(old.is_char_boundary(start) && new.is_char_boundary(start)) {
            start -= 1;
        }
        let longest_end = old.len().min(new.len()) - start;
        let mut end = old
            .bytes()
            .rev()
            .zip(new.bytes().rev())
            .take(longest_end)
            .take_while(|(a, b)| a == b)
            .count();
        while !(old.is_char_boundary(old.len() - end) && new.is_char_boundary(new.len() - end)) {
            end -= 1;
        }
        Change {
            path: path.to_string(),
            before: before.map(|text| hash(text.as_bytes())),
            after: after.map(|text| hash(text.as_bytes())),
            at: start,
            removed: old[start..old.len() - end].to_string(),
            added: new[start..new.len() - end].to_string(),
        }
    }

    /// The note as it was before this change, from `current` (`None`: no
    /// file), which must be exactly what the change left.
    pub fn revert(&self, current: Option<&[u8]>) -> Result<Option<String>, RevertError> {
        let current = match (current, &self.after) {
            (None, None) => "",
            (Some(bytes), Some(after)) if hash(bytes) == *after => {
                std::str::from_utf8(bytes).map_err(|_| RevertError::Damaged)?
            }
            (Some(_), Some(_)) => return Err(RevertError::ChangedSince),
            (None, Some(_)) => return Err(RevertError::Deleted),
            (Some(_), None) => return Err(RevertError::Recreated),
        };
        let Some(before) = &self.before else {
            return Ok(None);
        };
        let end = self.at + self.added.len();
        if current.get(self.at..end) != Some(self.added.as_str()) {
            return Err(RevertError::Damaged);
        }
        let restored = format!("{}{}{}", &current[..self.at], self.removed, &current[end..]);
        if hash(restored.as_bytes()) != *before {
            return Err(RevertError::Damaged);
        }
        Ok(Some(restored))
    }

    /// What a person would call it: created, changed or removed.
    pub fn verb(&self) -> &'static str {
        match (&self.before, &self.after) {
            (None, _) => "created",
            (_, None) => "removed",
            _ => "changed",
        }
    }
}

/// The SHA-256 of `bytes`, in hex.
pub(crate) fn hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One command's writes, as the journal tells them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Its number in the journal.
    pub id: u64,
    /// When it ran.
    pub time: String,
    /// The command line, without `kith`.
    pub command: String,
    /// The step this one reverted, when it is an undo.
    pub undoes: Option<u64>,
    /// Whether a later undo reverted it.
    pub undone: bool,
    /// In the order they were made.
    pub changes: Vec<Change>,
}

/// The steps of `entries`, oldest first.
pub fn steps(entries: &[Entry]) -> Vec<Step> {
    let undone: BTreeSet<u64> = entries.iter().filter_map(|e| e.undoes).collect();
    let mut steps: Vec<Step> = Vec::new();
    for entry in entries {
        if steps.last().is_none_or(|step| step.id != entry.step) {
            steps.push(Step {
                id: entry.step,
                time: entry.time.clone(),
                command: entry.command.clone(),
                undoes: entry.undoes,
                undone: undone.contains(&entry.step),
                changes: Vec::new(),
            });
        }
        if let Some(step) = steps.last_mut() {
            step.changes.extend(entry.change.clone());
        }
    }
    steps
}

/// The journal file of a vault.
#[derive(Debug, Clone)]
pub struct Journal {
    path: PathBuf,
}

impl Journal {
    /// The journal in the state folder `state`.
    pub(crate) fn in_folder(state: &Path) -> Journal {
        Journal {
            path: state.join("journal.jsonl"),
        }
    }

    /// Every entry, oldest first; lines that cannot be read (a write cut
    /// short) are skipped. No journal is an empty one.
    pub fn read(&self) -> io::Result<Vec<Entry>> {
        let text = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => return Err(error),
        };
        Ok(text
            .split(|&b| b == b'\n')
            .filter_map(|line| serde_json::from_slice(line).ok())
            .collect())
    }

    /// Adds `entry` at the end, on a line of its own (after a line cut
    /// short too), on disk before it returns.
    pub fn append(&self, entry: &Entry) -> io::Result<()> {
        self.append_all(std::slice::from_ref(entry))
    }

    /// [`Journal::append`] for many entries, written and flushed at once.
    pub fn append_all(&self, entries: &[Entry]) -> io::Result<()> {
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .read(true)
            .append(true)
            .open(&self.path)?;
        let mut line = Vec::new();
        if file.metadata()?.len() > 0 {
            let mut last = [0u8];
            file.seek(io::SeekFrom::End(-1))?;
            file.read_exact(&mut last)?;
            if last[0] != b'\n' {
                line.push(b'\n');
            }
        }
        for entry in entries {
            serde_json::to_writer(&mut line, entry).map_err(io::Error::other)?;
            line.push(b'\n');
        }
        file.write_all(&line)?;
        file.sync_data()
    }

    /// Keeps the journal short: past [`MAX_STEPS`] steps or [`MAX_BYTES`],
    /// only the newest steps stay. Returns the entries kept.
    pub(crate) fn prune(&self, entries: Vec<Entry>) -> io::Result<Vec<Entry>> {
        self.prune_to(entries, MAX_BYTES)
    }

    /// [`Journal::prune`] with `max_bytes` for [`MAX_BYTES`].
    fn prune_to(&self, entries: Vec<Entry>, max_bytes: u64) -> io::Result<Vec<Entry>> {
        let steps = entries
            .iter()
            .map(|e| e.step)
            .collect::<BTreeSet<u64>>()
            .len();
        let bytes = std::fs::metadata(&self.path).map_or(0, |m| m.len());
        if steps <= MAX_STEPS && bytes <= max_bytes {
            return Ok(entries);
        }
        let lines: Vec<Vec<u8>> = entries
            .iter()
            .map(|entry| serde_json::to_vec(entry).map_err(io::Error::other))
            .collect::<io::Result<_>>()?;
        // Walk back from the newest, a whole step at a time.
        let (mut kept_steps, mut kept_bytes, mut first_kept) = (0, 0, entries.len());
        let mut at = entries.len();
        while at > 0 && kept_steps < KEPT_STEPS {
            let step = entries[at - 1].step;
            let start = entries[..at]
                .iter()
                .rposition(|e| e.step != step)
                .map_or(0, |i| i + 1);
            let size: u64 = lines[start..at].iter().map(|l| l.len() as u64 + 1).sum();
            if kept_steps > 0 && kept_bytes + size > max_bytes / 2 {
                break;
            }
            kept_steps += 1;
            kept_bytes += size;
            first_kept = start;
            at = start;
        }
        let mut text = Vec::with_capacity(usize::try_from(kept_bytes).unwrap_or(0));
        for line in &lines[first_kept..] {
            text.extend_from_slice(line);
            text.push(b'\n');
        }
        super::atomic::write(&self.path, &text)?;
        Ok(entries.into_iter().skip(first_kept).collect())
    }
}

/// `args` as a shell would take them back: plain words as they are,
/// others in single quotes.
pub fn command_line(args: &[&str]) -> String {
    args.iter()
        .map(|arg| {
            let plain = !arg.is_empty()
                && arg
                    .chars()
                    .all(|c| c.is_alphanumeric() || "-_./:@,+=".contains(c));
            if plain {
                arg.to_string()
            } else {
                format!("'{}'", arg.replace('\'', r"'\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(before: Option<&str>, after: Option<&str>) -> Change {
        let change = Change::between("people/A.md", before, after);
        let reverted = change.revert(after.map(str::as_bytes)).unwrap();
        assert_eq!(reverted.as_deref(), before, "{change:?}");
        change
    }

    #[test]
    fn a_change_is_the_one_stretch_that_differs_and_reverts_byte_for_byte() {
        let change = round_trip(
            Some("---\r\nname: A\r\n---\r\n## Log\r\n- 2026-01-01 x\r\n"),
            Some("---\r\nname: A\r\n---\r\n## Log\r\n- 2026-02-01 y\r\n- 2026-01-01 x\r\n"),
        );
        assert_eq!(change.removed, "");
        assert_eq!(change.added.len(), "- 2026-02-01 y\r\n".len());
        assert_eq!(change.verb(), "changed");
        // Repeated text: any one place that works is fine.
        round_trip(Some("aaaa"), Some("aaaaaa"));
        round_trip(Some("\u{feff}x"), Some("\u{feff}yx"));
        // Accents share a first byte: the stretch starts at the letter.
        let accent = round_trip(Some("Zoé"), Some("Zoè"));
        assert_eq!((accent.removed.as_str(), accent.added.as_str()), ("é", "è"));
        round_trip(Some("ab"), Some(""));
        assert_eq!(round_trip(None, Some("new note\n")).verb(), "created");
        assert_eq!(round_trip(Some("gone\n"), None).verb(), "removed");
    }

    #[test]
    fn a_note_changed_since_is_not_reverted() {
        let change = Change::between("a.md", Some("one\n"), Some("one\ntwo\n"));
        assert_eq!(
            change.revert(Some(b"one\ntwo\nthree\n")),
            Err(RevertError::ChangedSince)
        );
        assert_eq!(change.revert(None), Err(RevertError::Deleted));
        let created = Change::between("a.md", None, Some("x"));
        assert_eq!(created.revert(Some(b"x")), Ok(None));
        let removed = Change::between("a.md", Some("x"), None);
        assert_eq!(removed.revert(Some(b"x")), Err(RevertError::Recreated));
        let mut damaged = change.clone();
        damaged.at = 1;
        assert_eq!(
            damaged.revert(Some(b"one\ntwo\n")),
            Err(RevertError::Damaged)
        );
    }

    fn entry(step: u64, undoes: Option<u64>, path: Option<&str>) -> Entry {
        Entry {
            step,
            time: "2026-11-24 10:00:00".into(),
            command: format!("c{step}"),
            undoes,
            change: path.map(|p| Change::between(p, Some("a"), Some("ab"))),
        }
    }

    #[test]
    fn entries_group_into_steps_and_undone_steps_are_marked() {
        let entries = vec![
            entry(1, None, Some("a.md")),
            entry(1, None, Some("b.md")),
            entry(2, None, Some("a.md")),
            entry(3, Some(2), None),
            entry(3, Some(2), Some("a.md")),
        ];
        let steps = steps(&entries);
        assert_eq!(steps.len(), 3);
        assert_eq!(steps[0].changes.len(), 2);
        assert!(!steps[0].undone);
        assert!(steps[1].undone);
        assert_eq!(steps[2].undoes, Some(2));
        assert_eq!(steps[2].changes.len(), 1);
    }

    #[test]
    fn the_journal_survives_a_cut_line_and_stays_short() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::in_folder(dir.path());
        assert!(journal.read().unwrap().is_empty());
        journal.append(&entry(1, None, Some("a.md"))).unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(dir.path().join("journal.jsonl"))
            .unwrap()
            .write_all(b"{\"step\":2,\"ti")
            .unwrap();
        journal.append(&entry(3, None, Some("b.md"))).unwrap();
        let read = journal.read().unwrap();
        assert_eq!(read.iter().map(|e| e.step).collect::<Vec<_>>(), [1, 3]);

        let many: Vec<Entry> = (1..=250).map(|i| entry(i, None, Some("a.md"))).collect();
        let kept = journal.prune(many).unwrap();
        assert_eq!(kept.len(), KEPT_STEPS);
        assert_eq!(kept[0].step, 151);
        assert_eq!(journal.read().unwrap(), kept);

        // Big steps (a large import) are dropped by size, the newest kept.
        let size = std::fs::metadata(dir.path().join("journal.jsonl"))
            .unwrap()
            .len();
        let kept = journal.prune_to(kept, size / 5).unwrap();
        assert!(kept.len() < 20 && !kept.is_empty(), "{}", kept.len());
        assert_eq!(kept.last().unwrap().step, 250);
        assert_eq!(journal.read().unwrap(), kept);
    }

    #[test]
    fn commands_are_written_as_a_shell_would_read_them() {
        assert_eq!(
            command_line(&["log", "Ada Lovelace", "it's done", "--date", "2026-11-24"]),
            r"log 'Ada Lovelace' 'it'\''s done' --date 2026-11-24"
        );
        assert_eq!(command_line(&["new", ""]), "new ''");
    }
}
