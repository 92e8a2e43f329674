//! Ticks in the report, recorded in the notes before the report is written
//! again: a ticked person is a contact today (a log line, as `kith log`
//! adds it), a ticked birthday is birthday wishes, a ticked outing is an
//! outing today (tagged `#outing` unless the text typed names its kind),
//! a ticked follow-up is ticked in the note it is written in. All in one transaction under the
//! note-write lock, so concurrent kith processes record a tick once, and
//! `kith undo` reverts it. The notes say what was recorded: a tick whose
//! contact or ticked promise a note already holds (another kith got there
//! first, or the report was reverted) is not recorded again.

use std::path::Path;

use chrono::NaiveDate;

use crate::note::log::{Entry, EntryKind};
use crate::note::ties::{LineKind, OUTING};
use crate::note::{Parsed, Person, file_stem};
use crate::report::item::{self, Ask, Ticked};
use crate::report::{BIRTHDAY_TEXT, OUTINGS_TITLE, Unrecorded, short_text};
use crate::text::error_chain;
use crate::vault::Vault;
use crate::vault::config::Config;
use crate::write::edit::{self, expected_entry};
use crate::write::task;
use crate::write::transaction::{Note, Transaction};

/// What reading the ticks of the report did.
#[derive(Debug, Default)]
pub struct Harvest {
    /// The report's bytes as last read: the new report is written only
    /// over exactly these (`None`: there was no report).
    pub read: Option<Vec<u8>>,
    /// The lines written into notes.
    pub recorded: Vec<Recorded>,
    /// Ticks the notes already held.
    pub already: usize,
    /// Ticks not recorded, with why: the new report shows them again.
    pub unrecorded: Vec<Unrecorded>,
}

impl Harvest {
    /// Whether the report held any tick at all.
    pub fn found_ticks(&self) -> bool {
        !self.recorded.is_empty() || self.already > 0 || !self.unrecorded.is_empty()
    }
}

/// A line written into a note for a tick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// The note's vault path.
    pub path: String,
    /// The 1-based line written.
    pub line_number: usize,
    /// The line, without its line ending.
    pub line: String,
}

impl std::fmt::Display for Recorded {
    /// `people/Ada.md:21: - 2026-11-24 Checked off in Follow-ups`
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line_number, self.line)
    }
}

/// A ticked line of the report, where it is and which section holds it.
struct Found {
    line: usize,
    section: String,
    read: Result<Ticked, item::Unreadable>,
}

/// Records the ticks of the vault's report on `today`, for the kith
/// `command` running (the journal says `COMMAND (ticks in REPORT)`).
/// Reading the report and finding no tick takes no lock and writes
/// nothing.
pub fn harvest(vault: &Vault, today: NaiveDate, command: &str) -> Harvest {
    let read = read_report(vault);
    if !read.as_deref().is_some_and(has_ticks) {
        return Harvest {
            read,
            ..Harvest::default()
        };
    }
    let label = format!("{command} (ticks in {})", vault.config.report);
    let mut tx = match Transaction::begin(vault, &label) {
        Ok(tx) => tx,
        Err(error) => {
            let why = error_chain(&error);
            let bytes = read.unwrap_or_default();
            let unrecorded = ticks(&bytes)
                .into_iter()
                .map(|found| unrecorded(&found, why.clone()))
                .collect();
            return Harvest {
                read: Some(bytes),
                unrecorded,
                ..Harvest::default()
            };
        }
    };
    // Under the lock, as another kith may have recorded and rewritten it.
    let read = read_report(vault);
    let mut harvest = Harvest::default();
    if let Some(bytes) = read.as_deref().filter(|b| has_ticks(b)) {
        let mut recorder = Recorder {
            vault,
            tx: &mut tx,
            today,
            since: report_date(bytes).map_or(today, |date| date.min(today)),
            people: None,
        };
        for found in ticks(bytes) {
            match recorder.record(&found) {
                Ok(Outcome::Recorded(lines)) => harvest.recorded.extend(lines),
                Ok(Outcome::Already) => harvest.already += 1,
                Err(why) => harvest.unrecorded.push(unrecorded(&found, why)),
            }
        }
    }
    harvest.read = read;
    harvest
}

/// The report's bytes when it is kith's report, else `None`.
fn read_report(vault: &Vault) -> Option<Vec<u8>> {
    let bytes = std::fs::read(vault.report_path()).ok()?;
    matches!(crate::note::parse("", &bytes), Parsed::Report).then_some(bytes)
}

/// Whether `bytes` may hold a ticked box: a cheap look before parsing.
fn has_ticks(bytes: &[u8]) -> bool {
    memchr::memmem::find(bytes, b"[x]").is_some() || memchr::memmem::find(bytes, b"[X]").is_some()
}

/// The report's `date:`.
fn report_date(bytes: &[u8]) -> Option<NaiveDate> {
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    crate::note::frontmatter::split(text)
        .yaml?
        .lines()
        .find_map(|line| line.strip_prefix("date:"))
        .and_then(|date| crate::note::cadence::parse_ymd(date.trim()))
}

/// Every ticked line of the report's body, with the section it is in.
fn ticks(bytes: &[u8]) -> Vec<Found> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let split = crate::note::frontmatter::split(text);
    let mut section = String::new();
    let mut found = Vec::new();
    for (index, line) in split.body.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if let Some(title) = line.strip_prefix("## ") {
            section = title.trim().to_string();
            continue;
        }
        if let Some(read) = item::read_ticked(line) {
            found.push(Found {
                line: split.body_line + index,
                section: section.clone(),
                read,
            });
        }
    }
    found
}

fn unrecorded(found: &Found, why: String) -> Unrecorded {
    let shown = match &found.read {
        Ok(ticked) => &ticked.shown,
        Err(unreadable) => &unreadable.shown,
    };
    Unrecorded {
        line: found.line,
        shown: shown.clone(),
        why,
    }
}

enum Outcome {
    Recorded(Vec<Recorded>),
    Already,
}

/// Records ticks in one transaction.
struct Recorder<'a> {
    vault: &'a Vault,
    tx: &'a mut Transaction,
    today: NaiveDate,
    /// Contacts dated from this day on (the report's date) are the
    /// report's ticks already recorded.
    since: NaiveDate,
    /// The person notes' paths, read when first needed.
    people: Option<Vec<String>>,
}

impl Recorder<'_> {
    fn record(&mut self, found: &Found) -> Result<Outcome, String> {
        let section = found.section.to_lowercase();
        if section.starts_with("problems") {
            return Err("a problem goes away when its note is fixed, not when it is ticked".into());
        }
        let ticked = match &found.read {
            Ok(ticked) => ticked,
            Err(_) => {
                return Err(
                    "kith cannot tell whom this is for: an item starts with the person's link"
                        .into(),
                );
            }
        };
        let ask = match &ticked.ask {
            Some(ask) => ask.clone(),
            None if section.starts_with("open follow-ups") => {
                return Err(
                    "the follow-up's date and text were removed, so kith cannot tell which it is"
                        .into(),
                );
            }
            None if section.starts_with("birthdays") => Ask::Birthday,
            None if section.starts_with(&OUTINGS_TITLE.to_lowercase()) => Ask::Outing,
            None => Ask::Contact,
        };
        let person = self.person_note(&ticked.target)?;
        match ask {
            Ask::Contact => {
                let text = match ticked.comment.as_str() {
                    "" => self.vault.config.report_log_text.clone(),
                    typed => typed.to_string(),
                };
                self.contact(&person, &text)
            }
            Ask::Birthday => {
                let text = match ticked.comment.as_str() {
                    "" => BIRTHDAY_TEXT.to_string(),
                    typed => format!("{BIRTHDAY_TEXT}: {typed}"),
                };
                self.contact(&person, &text)
            }
            Ask::Outing => {
                let text = outing_text(&ticked.comment, &self.vault.config);
                self.contact(&person, &text)
            }
            Ask::Promise {
                date,
                shown,
                source,
            } => {
                let source = match source {
                    Some(source) => self.existing(&source)?,
                    None => person.clone(),
                };
                let elsewhere = source != person;
                let mut outcome = self.promise(&source, elsewhere, date, &shown)?;
                if !ticked.comment.is_empty()
                    && let Outcome::Recorded(lines) = self.contact(&person, &ticked.comment)?
                    && let Outcome::Recorded(ticks) = &mut outcome
                {
                    ticks.extend(lines);
                }
                Ok(outcome)
            }
        }
    }

    /// Logs a contact today with `text`, unless the note has one with that
    /// text since the report's date.
    fn contact(&mut self, rel: &str, text: &str) -> Result<Outcome, String> {
        let expected = expected_entry(self.today, text).map_err(|e| e.to_string())?;
        let note = self.read(rel)?;
        let person = parse(&note)?;
        let done = person.entries.iter().any(|e| {
            e.kind != EntryKind::Open
                && e.text == expected.text
                && (self.since..=self.today).contains(&e.date)
        });
        if done {
            return Ok(Outcome::Already);
        }
        let added = edit::insert_log_entry(&note.bytes, self.today, text)
            .map_err(|e| format!("{rel}: {e}"))?;
        self.write(&note, &added.bytes)?;
        Ok(Outcome::Recorded(vec![Recorded {
            path: rel.to_string(),
            line_number: added.line_number,
            line: added.line,
        }]))
    }

    /// Ticks the open promise dated `date` that the report showed as
    /// `shown`, in the note `rel`: a dated task, or, `elsewhere` than the
    /// person's own note, a task linking to someone (dated by itself or by
    /// the note, as its mention was).
    fn promise(
        &mut self,
        rel: &str,
        elsewhere: bool,
        date: NaiveDate,
        shown: &str,
    ) -> Result<Outcome, String> {
        let note = self.read(rel)?;
        let person = parse(&note)?;
        let mut tasks = person.entries.clone();
        if elsewhere {
            let dailies = crate::vault::obsidian::daily_notes(&self.vault.root);
            let links = crate::mention::read::read(rel, &person, &dailies);
            tasks.extend(links.links.iter().filter_map(|link| {
                Some(Entry {
                    date: link.date.or(links.date)?,
                    text: link.text.clone(),
                    line: link.line,
                    kind: link.kind,
                })
            }));
        }
        let is_it = |e: &&Entry| e.date == date && short_text(&e.text) == shown;
        let open = tasks
            .iter()
            .filter(|e| e.kind == EntryKind::Open)
            .find(is_it);
        let Some(open) = open else {
            if tasks
                .iter()
                .filter(|e| e.kind == EntryKind::Done)
                .any(|e| is_it(&e))
            {
                return Ok(Outcome::Already);
            }
            return Err(format!(
                "{rel} has no open follow-up dated {date} with this text any more"
            ));
        };
        let bytes = task::tick(&note.bytes, open.line).map_err(|e| format!("{rel}: {e}"))?;
        self.write(&note, &bytes)?;
        let line = String::from_utf8_lossy(&bytes)
            .lines()
            .nth(open.line - 1)
            .unwrap_or_default()
            .trim()
            .to_string();
        Ok(Outcome::Recorded(vec![Recorded {
            path: rel.to_string(),
            line_number: open.line,
            line,
        }]))
    }

    fn read(&self, rel: &str) -> Result<Note, String> {
        self.tx.read(rel).map_err(|e| error_chain(&e))
    }

    fn write(&mut self, note: &Note, bytes: &[u8]) -> Result<(), String> {
        self.tx
            .write(note, bytes)
            .map(|_| ())
            .map_err(|e| error_chain(&e))
    }

    /// The person note a link names: its path when that is a person note,
    /// else the one person note of that name (Obsidian links by name).
    fn person_note(&mut self, target: &str) -> Result<String, String> {
        let vault = self.vault;
        let people = self.people.get_or_insert_with(|| {
            vault
                .scan()
                .files
                .into_iter()
                .map(|file| file.rel)
                .collect()
        });
        if people.iter().any(|rel| rel == target) {
            return Ok(target.to_string());
        }
        let stem = file_stem(target);
        let suffix = format!("/{target}");
        let named: Vec<&String> = people
            .iter()
            .filter(|rel| {
                rel.ends_with(&suffix) || (!target.contains('/') && file_stem(rel) == stem)
            })
            .collect();
        match named.as_slice() {
            [one] => Ok((*one).clone()),
            [] if is_file(&vault.root, target) => Err(format!("{target} is not a person note")),
            [] => Err(format!("{target} is gone")),
            _ => Err(format!(
                "{} notes are named {stem}; link the one you mean by its path",
                named.len()
            )),
        }
    }

    /// A note a promise is written in: it must exist.
    fn existing(&mut self, rel: &str) -> Result<String, String> {
        if is_file(&self.vault.root, rel) {
            Ok(rel.to_string())
        } else {
            self.person_note(rel)
        }
    }
}

/// What a ticked outing logs: the text typed after it when that reads as
/// an outing (`lunch at Zuni`), else it tagged `#outing` (or the usual
/// log text, tagged): the next report knows they were taken out.
fn outing_text(typed: &str, config: &Config) -> String {
    if LineKind::of(typed, &config.outings).outing.is_some() {
        return typed.to_string();
    }
    let text = if typed.is_empty() {
        &config.report_log_text
    } else {
        typed
    };
    format!("#{OUTING} {text}")
}

fn is_file(root: &Path, rel: &str) -> bool {
    root.join(rel).is_file()
}

fn parse(note: &Note) -> Result<Person, String> {
    match crate::note::parse(&note.rel, &note.bytes) {
        Parsed::Person(person) => Ok(*person),
        Parsed::Report => Err(format!("{} is kith's report, not a note", note.rel)),
        Parsed::Unreadable(problem) => Err(problem.to_string()),
    }
}
