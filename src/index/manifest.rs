//! The manifest: which version of each note the index holds (size, times,
//! inode), what it was sorted as (person or not, marked or not) and until
//! when its stored summary stays true, so a refresh re-reads only what
//! changed. Kept compact (one buffer of paths and fixed-size entries)
//! because every command reads it.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::note::fields;
use crate::vault::people::{Kind, Rule};
use crate::vault::scan::{NoteFile, Stamp};
use crate::write::atomic::Replacement;

/// Bump when the tantivy schema, the tokenizers, the stored `Record` or
/// this file's layout change: an index written by another version is
/// rebuilt. (A change of the field table needs no bump: its fingerprint
/// is kept beside this.)
pub(crate) const SCHEMA_VERSION: u32 = 13;

/// What the index was built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Manifest {
    pub schema_version: u32,
    /// [`fields::fingerprint`] of the table the notes were read with.
    fields: u64,
    /// The config settings that due dates depend on; when they change the
    /// stored due dates are stale.
    pub config_fingerprint: String,
    /// The rule the notes were sorted by.
    rule: Rule,
    /// Every indexed path, sorted, one after the other.
    paths: String,
    /// One per path, in the same order.
    entries: Vec<Entry>,
}

/// One indexed file, its path ending at `end` in the path buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    end: u32,
    stamp: Stamp,
    valid: Validity,
    sorted: Sort,
}

/// How a note was sorted when it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Sort {
    pub kind: Kind,
    /// It carries the person marker.
    pub marked: bool,
}

/// One indexed file, as a refresh records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ManifestEntry {
    pub rel: String,
    pub stamp: Stamp,
    pub valid: Validity,
    pub sorted: Sort,
}

/// The days for which a note's stored summary and due date are right: its
/// newest contact on or before the day it was read, and its first planned
/// entry after that day. Outside them the note is read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub(crate) struct Validity {
    /// First valid day (inclusive), as days from the common era; `None`:
    /// since forever.
    from: Option<i32>,
    /// First day no longer valid; `None`: forever.
    until: Option<i32>,
}

fn day_number(day: NaiveDate) -> i32 {
    use chrono::Datelike;
    day.num_days_from_ce()
}

impl Validity {
    pub(crate) fn new(from: Option<NaiveDate>, until: Option<NaiveDate>) -> Validity {
        Validity {
            from: from.map(day_number),
            until: until.map(day_number),
        }
    }

    pub(crate) fn holds_on(&self, today: NaiveDate) -> bool {
        let today = day_number(today);
        self.from.is_none_or(|from| from <= today) && self.until.is_none_or(|until| today < until)
    }
}

/// What a refresh must do to bring the index up to date.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Diff {
    /// Indices into the scanned files: new, changed, stale, or sorted
    /// otherwise under the rule now.
    pub read: Vec<usize>,
    /// Paths in the index that are no longer on disk.
    pub removed: Vec<String>,
    pub unchanged: usize,
}

impl Diff {
    pub(crate) fn is_empty(&self) -> bool {
        self.read.is_empty() && self.removed.is_empty()
    }
}

impl Manifest {
    pub(crate) fn new(config_fingerprint: String) -> Manifest {
        Manifest {
            schema_version: SCHEMA_VERSION,
            fields: fields::fingerprint(),
            config_fingerprint,
            rule: Rule::default(),
            paths: String::new(),
            entries: Vec::new(),
        }
    }

    /// Reads the manifest; `None` when it is missing, unreadable or from
    /// another schema version.
    pub(crate) fn load(path: &Path) -> Option<Manifest> {
        let bytes = std::fs::read(path).ok()?;
        let manifest: Manifest = postcard::from_bytes(&bytes).ok()?;
        (manifest.schema_version == SCHEMA_VERSION
            && manifest.fields == fields::fingerprint()
            && manifest.is_whole())
        .then_some(manifest)
    }

    /// Every entry's path lies within the buffer, in order, on a character
    /// boundary: a damaged file is not trusted.
    fn is_whole(&self) -> bool {
        let mut start = 0;
        self.entries.iter().all(|entry| {
            let end = entry.end as usize;
            let whole = start <= end && self.paths.get(start..end).is_some();
            start = end;
            whole
        }) && start == self.paths.len()
    }

    /// Writes the manifest atomically.
    pub(crate) fn save(&self, path: &Path) -> std::io::Result<()> {
        self.stage(path)?.replace()
    }

    /// The manifest written beside `path` and flushed, to be put in place
    /// once the index it describes is committed.
    pub(crate) fn stage(&self, path: &Path) -> std::io::Result<Replacement> {
        let bytes = postcard::to_stdvec(self).map_err(std::io::Error::other)?;
        crate::write::atomic::replacement(path, &bytes)
    }

    /// The indexed paths with their entries, in path order.
    fn iter(&self) -> impl Iterator<Item = (&str, &Entry)> {
        let mut start = 0;
        self.entries.iter().map(move |entry| {
            let end = entry.end as usize;
            let path = self.paths.get(start..end).unwrap_or_default();
            start = end;
            (path, entry)
        })
    }

    /// The rule the notes were last sorted by.
    pub(crate) fn rule(&self) -> &Rule {
        &self.rule
    }

    /// Records the rule the notes are now sorted by.
    pub(crate) fn set_rule(&mut self, rule: Rule) {
        self.rule = rule;
    }

    /// Whether any note carries the person marker.
    pub(crate) fn any_marked(&self) -> bool {
        self.entries.iter().any(|entry| entry.sorted.marked)
    }

    /// Compares the scanned `files` (sorted by path) with the manifest;
    /// under a `rule` other than the manifest's, notes it sorts otherwise
    /// are read again too.
    pub(crate) fn diff(&self, files: &[NoteFile], today: NaiveDate, rule: &Rule) -> Diff {
        let same_rule = *rule == self.rule;
        let sorted_alike = |path: &str, sorted: Sort| {
            same_rule
                || match sorted.kind {
                    Kind::Person | Kind::Other => {
                        (sorted.kind == Kind::Person) == rule.is_person(path, sorted.marked)
                    }
                    Kind::Unreadable | Kind::Skipped => true,
                }
        };
        let mut diff = Diff::default();
        let mut old = self.iter().peekable();
        for (i, file) in files.iter().enumerate() {
            while let Some((path, _)) = old.next_if(|(path, _)| *path < file.rel.as_str()) {
                diff.removed.push(path.to_string());
            }
            match old.next_if(|(path, _)| *path == file.rel) {
                Some((path, entry))
                    if Some(entry.stamp) == file.stamp
                        && entry.valid.holds_on(today)
                        && sorted_alike(path, entry.sorted) =>
                {
                    diff.unchanged += 1;
                }
                _ => diff.read.push(i),
            }
        }
        diff.removed.extend(old.map(|(path, _)| path.to_string()));
        diff
    }

    /// Records the result of a refresh: `removed` paths are dropped and
    /// `updated` entries replace or join the others.
    pub(crate) fn apply(&mut self, removed: &[String], mut updated: Vec<ManifestEntry>) {
        updated.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
        let mut gone: Vec<&str> = removed.iter().map(String::as_str).collect();
        gone.sort_unstable();
        let kept = self
            .iter()
            .filter(|(path, _)| {
                gone.binary_search(path).is_err()
                    && updated
                        .binary_search_by(|e| e.rel.as_str().cmp(path))
                        .is_err()
            })
            .map(|(path, entry)| (path, entry.stamp, entry.valid, entry.sorted));
        let new = updated
            .iter()
            .map(|e| (e.rel.as_str(), e.stamp, e.valid, e.sorted));
        let mut merged: Vec<(&str, Stamp, Validity, Sort)> = kept.chain(new).collect();
        merged.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut paths = String::with_capacity(merged.iter().map(|m| m.0.len()).sum());
        let mut entries = Vec::with_capacity(merged.len());
        for (path, stamp, valid, sorted) in merged {
            paths.push_str(path);
            entries.push(Entry {
                end: u32::try_from(paths.len()).unwrap_or(u32::MAX),
                stamp,
                valid,
                sorted,
            });
        }
        self.paths = paths;
        self.entries = entries;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn file(rel: &str, size: u64) -> NoteFile {
        NoteFile {
            rel: rel.into(),
            stamp: Some(Stamp {
                size,
                ..Stamp::default()
            }),
            odd_path: None,
        }
    }

    const PERSON: Sort = Sort {
        kind: Kind::Person,
        marked: false,
    };

    fn entry(rel: &str, size: u64, valid: Validity) -> ManifestEntry {
        sorted_entry(rel, size, valid, PERSON)
    }

    fn sorted_entry(rel: &str, size: u64, valid: Validity, sorted: Sort) -> ManifestEntry {
        ManifestEntry {
            rel: rel.into(),
            stamp: Stamp {
                size,
                ..Stamp::default()
            },
            valid,
            sorted,
        }
    }

    fn manifest(entries: Vec<ManifestEntry>) -> Manifest {
        let mut manifest = Manifest::new(String::new());
        manifest.apply(&[], entries);
        manifest
    }

    fn contents(manifest: &Manifest) -> Vec<(String, u64)> {
        manifest
            .iter()
            .map(|(path, entry)| (path.to_string(), entry.stamp.size))
            .collect()
    }

    #[test]
    fn diff_finds_new_changed_removed_and_unchanged() {
        let manifest = manifest(vec![
            entry("a.md", 1, Validity::default()),
            entry("b.md", 2, Validity::default()),
            entry("c.md", 3, Validity::default()),
            entry("e.md", 5, Validity::default()),
        ]);
        let files = [file("a.md", 1), file("b.md", 20), file("d.md", 4)];
        let diff = manifest.diff(&files, day("2026-11-24"), &Rule::default());
        assert_eq!(diff.read, [1, 2]);
        assert_eq!(diff.removed, ["c.md", "e.md"]);
        assert_eq!(diff.unchanged, 1);
        // A note the walk did not stamp is read whatever the manifest says.
        let unstamped = [NoteFile {
            stamp: None,
            ..file("a.md", 1)
        }];
        let diff = manifest.diff(&unstamped, day("2026-11-24"), &Rule::default());
        assert_eq!(diff.read, [0]);
    }

    #[test]
    fn notes_are_read_again_outside_their_validity() {
        let valid = Validity::new(Some(day("2026-11-01")), Some(day("2026-12-01")));
        let manifest = manifest(vec![entry("a.md", 1, valid)]);
        let files = [file("a.md", 1)];
        let rule = Rule::default();
        assert!(
            manifest
                .diff(&files, day("2026-11-30"), &rule)
                .read
                .is_empty()
        );
        assert_eq!(manifest.diff(&files, day("2026-12-01"), &rule).read, [0]);
        assert_eq!(manifest.diff(&files, day("2026-10-31"), &rule).read, [0]);
    }

    #[test]
    fn notes_sorted_otherwise_under_a_new_rule_are_read_again() {
        let other = Sort {
            kind: Kind::Other,
            marked: false,
        };
        let marked = Sort {
            kind: Kind::Person,
            marked: true,
        };
        let unreadable = Sort {
            kind: Kind::Unreadable,
            marked: false,
        };
        let mut manifest = manifest(vec![
            sorted_entry("Ada.md", 1, Validity::default(), PERSON),
            sorted_entry("Bo.md", 1, Validity::default(), marked),
            sorted_entry("People/Cy.md", 1, Validity::default(), other),
            sorted_entry("Recipe.md", 1, Validity::default(), other),
            sorted_entry("x.md", 1, Validity::default(), unreadable),
        ]);
        let fallback = Rule::new(Vec::new(), false);
        manifest.set_rule(fallback.clone());
        let files = ["Ada.md", "Bo.md", "People/Cy.md", "Recipe.md", "x.md"].map(|f| file(f, 1));
        let today = day("2026-11-24");
        assert!(manifest.diff(&files, today, &fallback).read.is_empty());
        assert!(manifest.any_marked());
        // A People folder appears: Ada is no longer a person, Cy now is.
        let folder = Rule::new(vec!["People".into()], true);
        assert_eq!(manifest.diff(&files, today, &folder).read, [0, 2]);
        // No folder, but a marked note: only marked notes are people.
        let markers = Rule::new(Vec::new(), true);
        assert_eq!(manifest.diff(&files, today, &markers).read, [0]);
    }

    #[test]
    fn apply_replaces_and_keeps_order() {
        let mut manifest = manifest(vec![
            entry("a.md", 1, Validity::default()),
            entry("b.md", 2, Validity::default()),
            entry("c.md", 3, Validity::default()),
        ]);
        manifest.apply(
            &["c.md".into()],
            vec![
                entry("b.md", 20, Validity::default()),
                entry("0.md", 0, Validity::default()),
            ],
        );
        assert_eq!(
            contents(&manifest),
            [
                ("0.md".to_string(), 0),
                ("a.md".to_string(), 1),
                ("b.md".to_string(), 20)
            ]
        );
    }

    #[test]
    fn manifest_round_trips_and_rejects_other_versions_and_damage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("manifest");
        let mut manifest = manifest(vec![
            sorted_entry(
                "Zoë.md",
                7,
                Validity::default(),
                Sort {
                    kind: Kind::Other,
                    marked: true,
                },
            ),
            entry(
                "new\nline.md",
                8,
                Validity::new(Some(day("2026-01-31")), None),
            ),
        ]);
        manifest.config_fingerprint = "cadence".into();
        manifest.set_rule(Rule::new(vec!["CRM/Contacts".into()], false));
        manifest.save(&path).unwrap();
        assert_eq!(Manifest::load(&path), Some(manifest.clone()));
        let mut damaged = manifest.clone();
        damaged.entries[0].end = 3; // inside the two bytes of "ë"
        damaged.save(&path).unwrap();
        assert_eq!(Manifest::load(&path), None);
        let mut other_table = manifest.clone();
        other_table.fields ^= 1;
        other_table.save(&path).unwrap();
        assert_eq!(Manifest::load(&path), None, "another field table");
        manifest.schema_version += 1;
        manifest.save(&path).unwrap();
        assert_eq!(Manifest::load(&path), None);
        std::fs::write(&path, b"garbage").unwrap();
        assert_eq!(Manifest::load(&path), None);
    }
}
