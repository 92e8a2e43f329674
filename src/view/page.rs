//! `kith show`'s page of one person: the fields `show` carries (see
//! [`Show`]) and the unknown ones, the due status rows, then the recent
//! log, plans, open follow-ups and the note's problems.

use chrono::NaiveDate;

use crate::note::Person;
use crate::note::due::{Status, days};
use crate::note::fields::{FIELDS, Field, Show};
use crate::note::log::{Entry, EntryKind};

/// How many of the latest log entries are shown.
const RECENT: usize = 5;

/// One person's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The person's name, the page's title.
    pub name: String,
    /// The note's vault path.
    pub path: String,
    /// Label and value, in order; a value may span lines.
    pub fields: Vec<(String, String)>,
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

/// The page of `person`, whose status on `today` is `status`.
pub fn page(person: &Person, status: &Status, today: NaiveDate) -> Page {
    let values = &person.fields;
    let mut fields: Vec<(String, String)> = FIELDS
        .iter()
        .filter(|spec| spec.show == Show::Field)
        .filter_map(|spec| {
            let value = values.get(spec.field)?;
            Some((spec.key.replace('_', " "), value.to_string()))
        })
        .chain(values.other.iter().cloned())
        .filter(|(_, value)| !value.is_empty())
        .collect();
    let cadence = match (status.cadence, values.cadence()) {
        (Some(cadence), Some(_)) => cadence.to_string(),
        (Some(cadence), None) => format!("{cadence} (from config)"),
        (None, _) => "none".into(),
    };
    fields.push(("cadence".into(), cadence));
    if let Some(until) = values.date(Field::SnoozeUntil) {
        fields.push(("snoozed until".into(), until.to_string()));
    }
    let last = status
        .last_contact
        .map_or("never".into(), |d| d.to_string());
    fields.push(("last contact".into(), last));
    fields.push(("status".into(), status.describe(today)));

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
    ];
    Page {
        name: person.name().to_string(),
        path: person.path.clone(),
        fields,
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
