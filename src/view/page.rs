//! `kith show`'s page of one person: the note's own fields (those `show`
//! carries, see [`Show`], and the unknown ones), kith's schedule in a
//! block of its own (so no row of kith's is ever taken for a key of the
//! note's, `status` say) with the last outing and share and who reached
//! out lately, then the recent log, plans, open follow-ups (wherever
//! written), mentions in other notes, problems and hints.

use chrono::NaiveDate;

use crate::note::Person;
use crate::note::due::{Status, days};
use crate::note::fields::{FIELDS, Field, Show};
use crate::note::log::{Entry, EntryKind};
use crate::note::mention::Mention;
use crate::note::summary::{Dated, Summary};

/// How many of the latest log entries are shown.
const RECENT: usize = 5;

/// One person's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The person's name, the page's title.
    pub name: String,
    /// The note's vault path.
    pub path: String,
    /// The note's fields: label and value, in order; a value may span
    /// lines.
    pub fields: Vec<(String, String)>,
    /// kith's schedule: cadence, next contact, snooze, last contact,
    /// status, last outing and share and who reached out, as label and
    /// value.
    pub schedule: Vec<(String, String)>,
    /// The titled lists below the fields; empty ones are left out.
    pub sections: Vec<Section>,
}

/// A titled list of lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Its title.
    pub title: &'static str,
    /// Its lines.
    pub lines: Vec<String>,
}

/// The page of `person`, digested as `summary` (mentions counted in; its
/// ties and hints), whose status on `today` is `status`.
pub fn page(person: &Person, summary: &Summary, status: &Status, today: NaiveDate) -> Page {
    let ties = &summary.ties;
    let values = &person.fields;
    let fields: Vec<(String, String)> = FIELDS
        .iter()
        .filter(|spec| spec.show == Show::Field)
        .filter_map(|spec| {
            let value = values.get(spec.field)?;
            Some((spec.key.replace('_', " "), value.to_string()))
        })
        .chain(values.other.iter().cloned())
        .filter(|(_, value)| !value.is_empty())
        .collect();
    let mut schedule: Vec<(String, String)> = Vec::new();
    let mut row = |label: &str, value: String| schedule.push((label.to_string(), value));
    let cadence = match (status.cadence, values.cadence()) {
        (Some(cadence), Some(_)) => cadence.to_string(),
        (Some(cadence), None) => format!("{cadence} (from config)"),
        (None, _) => "none".into(),
    };
    row("cadence", cadence);
    if let Some(next) = values.date(Field::NextContact) {
        let key = values.spelling(Field::NextContact);
        let source = (key != Field::NextContact.key()).then(|| format!("from {key}"));
        let kept = status
            .last_contact
            .is_some_and(|last| last >= next)
            .then(|| "kept: contacted since".to_string());
        let notes: Vec<String> = source.into_iter().chain(kept).collect();
        let value = if notes.is_empty() {
            next.to_string()
        } else {
            format!("{next} ({})", notes.join("; "))
        };
        row("next contact", value);
    }
    if let Some(until) = values.date(Field::SnoozeUntil) {
        row("snoozed until", until.to_string());
    }
    if let Some(mentions) = values.mentions() {
        row("mentions", mentions.to_string());
    }
    let last = status
        .last_contact
        .map_or("never".into(), |d| d.to_string());
    row("last contact", last);
    let described = match status.set_by(values) {
        Some(key) => format!("{} (from {key})", status.describe(today)),
        None => status.describe(today),
    };
    row("status", described);
    if let Some(outing) = &ties.last_outing {
        let written = match &outing.note {
            Some(note) => format!(", in {note}:{}", outing.at.line),
            None => String::new(),
        };
        row(
            "last outing",
            format!("{} ({}{written})", outing.at.date, outing.kind),
        );
    }
    if let Some(share) = &ties.last_share {
        row("last share", share.date.to_string());
    }
    if let Some(lead) = ties.lead_text() {
        row("reaching out", lead);
    }

    let mut past: Vec<&Entry> = person
        .entries
        .iter()
        .filter(|e| e.kind != EntryKind::Open && e.date <= today)
        .collect();
    // Stable: entries of one day keep the order they are written in.
    past.sort_by_key(|e| std::cmp::Reverse(e.date));
    let mut open: Vec<&Dated> = summary.promises.iter().collect();
    open.sort_by_key(|d| d.date);
    // `2026-11-30  Dinner (in 5 days, in Daily/2026-11-30.md:3)`
    let dated = |d: &Dated, when: Option<String>| {
        let written = d.note.as_ref().map(|note| format!("in {note}:{}", d.line));
        let notes: Vec<String> = when.into_iter().chain(written).collect();
        if notes.is_empty() {
            format!("{}  {}", d.date, d.text)
        } else {
            format!("{}  {} ({})", d.date, d.text, notes.join(", "))
        }
    };
    let sections = [
        Section {
            title: "Recent log",
            lines: past
                .iter()
                .take(RECENT)
                .map(|e| format!("{}  {}", e.date, e.text))
                .collect(),
        },
        Section {
            title: "Planned",
            lines: summary
                .later
                .iter()
                .filter(|d| d.date > today)
                .map(|d| dated(d, None))
                .collect(),
        },
        Section {
            title: "Open follow-ups",
            lines: open
                .iter()
                .map(|d| dated(d, Some(when(d.date, today))))
                .collect(),
        },
        Section {
            title: "Mentions",
            lines: summary.mentions.iter().map(mentioned).collect(),
        },
        Section {
            title: "Problems",
            lines: person.problems.iter().map(|p| p.to_string()).collect(),
        },
        Section {
            title: "Hints",
            lines: summary.hints.iter().map(|p| p.to_string()).collect(),
        },
    ];
    Page {
        name: person.name().to_string(),
        path: person.path.clone(),
        fields,
        schedule,
        sections: sections
            .into_iter()
            .filter(|s| !s.lines.is_empty())
            .collect(),
    }
}

/// A mention as a line of the page: `2026-11-20  Journal/2026-11-20.md:2
/// Lunch with Marcus`, `mentioned in Companies/Fernway.md:7  …` when
/// undated; a task shows its box.
fn mentioned(mention: &Mention) -> String {
    let task = match mention.kind {
        EntryKind::Note => "",
        EntryKind::Open => "[ ] ",
        EntryKind::Done => "[x] ",
    };
    let when = mention
        .date
        .map_or("mentioned in".to_string(), |date| date.to_string());
    format!(
        "{when}  {}:{}  {task}{}",
        mention.note, mention.line, mention.text
    )
}

/// "overdue 3 days", "due today", "in 5 days".
fn when(date: NaiveDate, today: NaiveDate) -> String {
    let delta = (date - today).num_days();
    match delta {
        0 => "due today".into(),
        d if d < 0 => format!("overdue {}", days(-d)),
        d => format!("in {}", days(d)),
    }
}
