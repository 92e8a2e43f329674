//! The manifest: which version of each note the index holds (size, times,
//! inode) and until when its stored summary stays true, so a refresh
//! re-reads only what changed.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::scan::{NoteFile, Stamp};

/// Bump when the tantivy schema, the tokenizers or the stored `Record`
/// change: an index written by another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 1;

/// What the index was built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema_version: u32,
    /// The config settings that due dates depend on; when they change the
    /// stored due dates are stale.
    pub config_fingerprint: String,
    /// Sorted by path.
    pub entries: Vec<ManifestEntry>,
}

/// One indexed file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    pub rel: String,
    pub stamp: Stamp,
    pub valid: Validity,
}

/// The days for which a note's stored summary and due date are right: its
/// newest contact on or before the day it was read, and its first planned
/// entry after that day. Outside them the note is read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Validity {
    /// First valid day (inclusive); `None`: since forever.
    pub from: Option<NaiveDate>,
    /// First day no longer valid; `None`: forever.
    pub until: Option<NaiveDate>,
}

impl Validity {
    pub fn holds_on(&self, today: NaiveDate) -> bool {
        self.from.is_none_or(|from| from <= today) && self.until.is_none_or(|until| today < until)
    }
}

/// What a refresh must do to bring the index up to date.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Diff {
    /// Indices into the scanned files: new, changed or stale.
    pub read: Vec<usize>,
    /// Paths in the index that are no longer on disk.
    pub removed: Vec<String>,
    pub unchanged: usize,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.read.is_empty() && self.removed.is_empty()
    }
}

impl Manifest {
    pub fn new(config_fingerprint: String) -> Manifest {
        Manifest {
            schema_version: SCHEMA_VERSION,
            config_fingerprint,
            entries: Vec::new(),
        }
    }

    /// Reads the manifest; `None` when it is missing, unreadable or from
    /// another schema version.
    pub fn load(path: &Path) -> Option<Manifest> {
        let bytes = std::fs::read(path).ok()?;
        let manifest: Manifest = postcard::from_bytes(&bytes).ok()?;
        (manifest.schema_version == SCHEMA_VERSION).then_some(manifest)
    }

    /// Writes the manifest atomically.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let bytes = postcard::to_stdvec(self).map_err(std::io::Error::other)?;
        crate::atomic::write(path, &bytes)
    }

    /// Compares the scanned `files` (sorted by path) with the manifest.
    pub fn diff(&self, files: &[NoteFile], today: NaiveDate) -> Diff {
        let mut diff = Diff::default();
        let mut old = self.entries.iter().peekable();
        for (i, file) in files.iter().enumerate() {
            while let Some(entry) = old.next_if(|e| e.rel < file.rel) {
                diff.removed.push(entry.rel.clone());
            }
            match old.next_if(|e| e.rel == file.rel) {
                Some(entry) if entry.stamp == file.stamp && entry.valid.holds_on(today) => {
                    diff.unchanged += 1;
                }
                _ => diff.read.push(i),
            }
        }
        diff.removed.extend(old.map(|e| e.rel.clone()));
        diff
    }

    /// Records the result of a refresh: `removed` paths are dropped and
    /// `updated` entries replace or join the others.
    pub fn apply(&mut self, removed: &[String], mut updated: Vec<ManifestEntry>) {
        let mut gone: Vec<&str> = removed.iter().map(String::as_str).collect();
        gone.extend(updated.iter().map(|e| e.rel.as_str()));
        gone.sort_unstable();
        self.entries
            .retain(|e| gone.binary_search(&e.rel.as_str()).is_err());
        self.entries.append(&mut updated);
        self.entries.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn file(rel: &str, size: u64) -> NoteFile {
        NoteFile {
            rel: rel.into(),
            abs: PathBuf::from(rel),
            stamp: Stamp {
                size,
                ..Stamp::default()
            },
        }
    }

    fn entry(rel: &str, size: u64, valid: Validity) -> ManifestEntry {
        ManifestEntry {
            rel: rel.into(),
            stamp: Stamp {
                size,
                ..Stamp::default()
            },
            valid,
        }
    }

    #[test]
    fn diff_finds_new_changed_removed_and_unchanged() {
        let mut manifest = Manifest::new(String::new());
        manifest.entries = vec![
            entry("a.md", 1, Validity::default()),
            entry("b.md", 2, Validity::default()),
            entry("c.md", 3, Validity::default()),
            entry("e.md", 5, Validity::default()),
        ];
        let files = [file("a.md", 1), file("b.md", 20), file("d.md", 4)];
        let diff = manifest.diff(&files, day("2026-11-24"));
        assert_eq!(diff.read, [1, 2]);
        assert_eq!(diff.removed, ["c.md", "e.md"]);
        assert_eq!(diff.unchanged, 1);
    }

    #[test]
    fn notes_are_read_again_outside_their_validity() {
        let valid = Validity {
            from: Some(day("2026-11-01")),
            until: Some(day("2026-12-01")),
        };
        let mut manifest = Manifest::new(String::new());
        manifest.entries = vec![entry("a.md", 1, valid)];
        let files = [file("a.md", 1)];
        assert!(manifest.diff(&files, day("2026-11-30")).read.is_empty());
        assert_eq!(manifest.diff(&files, day("2026-12-01")).read, [0]);
        assert_eq!(manifest.diff(&files, day("2026-10-31")).read, [0]);
    }

    #[test]
    fn apply_replaces_and_keeps_order() {
        let mut manifest = Manifest::new(String::new());
        manifest.entries = vec![
            entry("a.md", 1, Validity::default()),
            entry("b.md", 2, Validity::default()),
            entry("c.md", 3, Validity::default()),
        ];
        manifest.apply(
            &["c.md".into()],
            vec![
                entry("b.md", 20, Validity::default()),
                entry("0.md", 0, Validity::default()),
            ],
        );
        let rels: Vec<(&str, u64)> = manifest
            .entries
            .iter()
            .map(|e| (e.rel.as_str(), e.stamp.size))
            .collect();
        assert_eq!(rels, [("0.md", 0), ("a.md", 1), ("b.md", 20)]);
    }

    #[test]
    fn manifest_round_trips_and_rejects_other_versions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("manifest");
        let mut manifest = Manifest::new("cadence".into());
        manifest.entries = vec![entry("Zoë.md", 7, Validity::default())];
        manifest.save(&path).unwrap();
        assert_eq!(Manifest::load(&path), Some(manifest.clone()));
        manifest.schema_version += 1;
        manifest.save(&path).unwrap();
        assert_eq!(Manifest::load(&path), None);
        std::fs::write(&path, b"garbage").unwrap();
        assert_eq!(Manifest::load(&path), None);
    }
}
