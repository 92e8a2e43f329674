//! `kith list`: one row per person, filtered and sorted, as an aligned
//! table, tab-separated lines or JSON lines.

use std::cmp::Ordering;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;
use chrono::{Days, NaiveDate};
use kith::note::due::{Due, Status};
use kith::note::summary::Summary;
use kith::text::fold;
use serde::Serialize;

use super::Env;
use super::output::{aligned, clean, tab_separated};
use crate::cli::{ListArgs, Sort};

const HEADER: [&str; 6] = ["NAME", "CADENCE", "LAST", "DUE", "ORG", "TAGS"];

/// One person as `--json` prints it.
#[derive(Serialize)]
struct Json<'a> {
    name: &'a str,
    path: &'a str,
    cadence: Option<String>,
    last_contact: Option<NaiveDate>,
    /// overdue, due, never_contacted, snoozed, no_cadence or archived.
    status: &'static str,
    due: Option<NaiveDate>,
    days_overdue: Option<i64>,
    org: Option<&'a str>,
    role: Option<&'a str>,
    tags: &'a [String],
    aliases: &'a [String],
}

pub fn run(env: &Env, args: &ListArgs) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let loaded = env.load(&vault)?;
    let today = env.today;
    let horizon = args.due_within.map(|n| {
        today
            .checked_add_days(Days::new(n.into()))
            .unwrap_or(NaiveDate::MAX)
    });
    let mut rows: Vec<(&Summary, Status)> = loaded
        .people
        .iter()
        .filter(|p| args.tag.iter().all(|tag| p.has_tag(tag)))
        .map(|p| (p, Status::of(p, &vault.config, today)))
        .filter(|(_, s)| !args.overdue || s.days_overdue(today).is_some())
        .filter(|(_, s)| horizon.is_none_or(|h| due_by(s, h)))
        .collect();
    rows.sort_by(|a, b| order(args.sort, a, b, today));

    let mut out = std::io::stdout().lock();
    if args.json {
        for (person, status) in &rows {
            serde_json::to_writer(&mut out, &json(person, status, today))?;
            writeln!(out)?;
        }
    } else {
        let cells: Vec<Vec<String>> = rows.iter().map(|(p, s)| cells(p, s, today)).collect();
        if std::io::stdout().is_terminal() {
            aligned(&mut out, &HEADER, &cells)?;
        } else {
            tab_separated(&mut out, &cells)?;
        }
    }
    out.flush()?;
    let problems = loaded.all_problems().len();
    if problems > 0 {
        eprintln!(
            "kith: {problems} {} in the notes; `kith check` lists them",
            if problems == 1 { "problem" } else { "problems" }
        );
    }
    Ok(ExitCode::SUCCESS)
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

fn order(
    sort: Sort,
    (a, sa): &(&Summary, Status),
    (b, sb): &(&Summary, Status),
    today: NaiveDate,
) -> Ordering {
    let by_name = || {
        fold(&a.name)
            .cmp(&fold(&b.name))
            .then_with(|| a.path.cmp(&b.path))
    };
    match sort {
        Sort::Name => by_name(),
        Sort::Due => due_key(sa, today)
            .cmp(&due_key(sb, today))
            .then_with(by_name),
        // `None` (never contacted) sorts first: longest since contact.
        Sort::Last => sa.last_contact.cmp(&sb.last_contact).then_with(by_name),
    }
}

fn cells(person: &Summary, status: &Status, today: NaiveDate) -> Vec<String> {
    [
        person.name.clone(),
        status.cadence.map(|c| c.to_string()).unwrap_or_default(),
        status
            .last_contact
            .map(|d| d.to_string())
            .unwrap_or_default(),
        status.describe(today),
        person.org.clone().unwrap_or_default(),
        person.tags.join(", "),
    ]
    .iter()
    .map(|cell| clean(cell).into_owned())
    .collect()
}

fn json<'a>(person: &'a Summary, status: &Status, today: NaiveDate) -> Json<'a> {
    let days_overdue = status.days_overdue(today);
    Json {
        name: &person.name,
        path: &person.path,
        cadence: status.cadence.map(|c| c.to_string()),
        last_contact: status.last_contact,
        status: status.kind(today),
        due: status.due_date(),
        days_overdue,
        org: person.org.as_deref(),
        role: person.role.as_deref(),
        tags: &person.tags,
        aliases: &person.aliases,
    }
}
