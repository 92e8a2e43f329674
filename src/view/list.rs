//! `kith list`'s rows: people filtered by due status and tags, in the
//! order asked for, each as the cells of a table.

use std::cmp::Ordering;

use chrono::{Days, NaiveDate};

use crate::note::due::{Due, Status};
use crate::note::fields::Field;
use crate::note::summary::Summary;
use crate::text::fold;
use crate::vault::config::Config;

/// The columns of the table.
pub const HEADER: [&str; 6] = ["NAME", "CADENCE", "LAST", "DUE", "ORG", "TAGS"];

/// Who is listed.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only people whose due date has passed.
    pub overdue: bool,
    /// Only people due within this many days (overdue and never contacted
    /// included).
    pub due_within: Option<u32>,
    /// Only people with every one of these tags.
    pub tags: Vec<String>,
}

/// How the rows are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Soonest due first, then those without a cadence, then the archived.
    Due,
    /// By name, ignoring case and accents.
    Name,
    /// Longest since the last contact first.
    Last,
}

/// The people `filter` lets through on `today`, with their status, in
/// `order`.
pub fn rows<'a>(
    people: &'a [Summary],
    config: &Config,
    today: NaiveDate,
    filter: &Filter,
    order: Order,
) -> Vec<(&'a Summary, Status)> {
    let horizon = filter.due_within.map(|n| {
        today
            .checked_add_days(Days::new(n.into()))
            .unwrap_or(NaiveDate::MAX)
    });
    let mut rows: Vec<(&Summary, Status)> = people
        .iter()
        .filter(|p| filter.tags.iter().all(|tag| p.has_tag(tag)))
        .map(|p| (p, Status::of(p, config, today)))
        .filter(|(_, s)| !filter.overdue || s.days_overdue(today).is_some())
        .filter(|(_, s)| horizon.is_none_or(|h| due_by(s, h)))
        .collect();
    rows.sort_by(|a, b| compare(order, a, b, today));
    rows
}

/// The cells of one row, under [`HEADER`].
pub fn cells(person: &Summary, status: &Status, today: NaiveDate) -> Vec<String> {
    vec![
        person.name().to_string(),
        status.cadence.map(|c| c.to_string()).unwrap_or_default(),
        status
            .last_contact
            .map(|d| d.to_string())
            .unwrap_or_default(),
        status.describe(today),
        person
            .fields
            .text(Field::Org)
            .unwrap_or_default()
            .to_string(),
        person.fields.list(Field::Tags).join(", "),
    ]
}

/// Due on or before `horizon`: overdue, due soon, or never contacted
/// (due now). Archived people and people without a cadence never are.
fn due_by(status: &Status, horizon: NaiveDate) -> bool {
    match status.due {
        Due::NeverContacted => true,
        _ => status.due_date().is_some_and(|d| d <= horizon),
    }
}

/// When a person is due, for sorting: the due date (never contacted:
/// today), then those without a cadence, then the archived.
fn due_key(status: &Status, today: NaiveDate) -> (u8, NaiveDate) {
    match status.due {
        Due::NeverContacted => (0, today),
        Due::On(date) | Due::SnoozedUntil(date) => (0, date),
        Due::NoCadence => (1, today),
        Due::Archived => (2, today),
    }
}

fn compare(
    order: Order,
    (a, sa): &(&Summary, Status),
    (b, sb): &(&Summary, Status),
    today: NaiveDate,
) -> Ordering {
    let by_name = || {
        fold(a.name())
            .cmp(&fold(b.name()))
            .then_with(|| a.path.cmp(&b.path))
    };
    match order {
        Order::Name => by_name(),
        Order::Due => due_key(sa, today)
            .cmp(&due_key(sb, today))
            .then_with(by_name),
        // `None` (never contacted) sorts first: longest since contact.
        Order::Last => sa.last_contact.cmp(&sb.last_contact).then_with(by_name),
    }
}
