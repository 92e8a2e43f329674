//! `kith show`'s page of one person: the note's own fields (those `show`
//! carries, see [`Show`], and the unknown ones), kith's schedule in a
//! block of its own (so no row of kith's is ever taken for a key of the
//! note's, `status` say) with the last outing and share and who reached
//! out lately, then the recent log, plans, open follow-ups, problems and
//! hints.

use chrono::NaiveDate;

use crate::note::Person;
use crate::note::due::{Status, days};
use crate::note::fields::{FIELDS, Field, Show};
use crate::note::log::{Entry, EntryKind};
use crate::note::summary::Summary;

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

/// The page of `person`, digested as `summary` (its ties and hints), whose
/// status on `today` is `status`.
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
        row(
            "last outing",
            format!("{} ({})", outing.at.date, outing.kind),
        );
    }
    if let Some(share) = &ties.last_share {
        row("last share", share.date.to_string());
    }
    if let Some(lead) = ties.lead_text() {
        row("reaching out", lead);
    }

    let mut contacts: Vec<&Entry> = person
        .entries
        .iter()
        .filter(|e| e.kind != EntryKind::Open)
        .collect();
    // Stable: entries of one day keep the order they are written in.
    contacts.sort_by_key(|e| std::cmp::Reverse(e.date));
    let (planned, past): (Vec<&Entry>, Vec<&Entry>) =
        contacts.into_iter().partition(|e| e.date > today);
    let mut open: Vec<&Entry> = person
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::Open)
        .collect();
    open.sort_by_key(|e| e.date);
    let dated = |entry: &&Entry| format!("{}  {}", entry.date, entry.text);
    let sections = [
        Section {
            title: "Recent log",
            lines: past.iter().take(RECENT).map(dated).collect(),
        },
        Section {
            title: "Planned",
            lines: planned.iter().rev().map(dated).collect(),
        },
        Section {
            title: "Open follow-ups",
            lines: open
                .iter()
                .map(|e| format!("{} ({})", dated(e), when(e.date, today)))
                .collect(),
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

/// "overdue 3 days", "due today", "in 5 days".
fn when(date: NaiveDate, today: NaiveDate) -> String {
    let delta = (date - today).num_days();
    match delta {
        0 => "due today".into(),
        d if d < 0 => format!("overdue {}", days(-d)),
        d => format!("in {}", days(d)),
    }
}
