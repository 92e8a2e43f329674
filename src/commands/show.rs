//! `kith show NAME`: one person read in full: fields (unknown ones too),
//! cadence and due status, recent log, plans, open follow-ups, problems.

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use kith::note::due::{Status, days};
use kith::note::log::{Entry, EntryKind};
use kith::note::summary::Summary;
use kith::note::{Parsed, Person};
use kith::resolve::Matching;
use kith::vault;

use super::Env;
use super::output::clean;

/// How many of the latest log entries are shown.
const RECENT: usize = 5;

pub fn run(env: &Env, name: &str) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let file = env.find(&vault, name, Matching::Prefix)?;
    let person = match vault::read_note(&file.rel, &file.abs) {
        Parsed::Person(person) => person,
        Parsed::Unreadable(problem) => bail!("{problem}"),
        Parsed::Report => bail!("{} is kith's report, not a person", file.rel),
    };
    let status = Status::of(&Summary::of(&person, env.today), &vault.config, env.today);
    let text = render(&person, &status, env.today);
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn render(person: &Person, status: &Status, today: NaiveDate) -> String {
    let mut out = format!("{}\n{}\n\n", clean(&person.name), clean(&person.path));
    let join = |items: &[String]| items.join(", ");
    let mut fields: Vec<(String, String)> = [
        ("aliases", join(&person.aliases)),
        ("tags", join(&person.tags)),
        ("org", text(&person.org)),
        ("role", text(&person.role)),
        ("email", join(&person.emails)),
        ("phone", join(&person.phones)),
        ("location", text(&person.location)),
        ("priority", text(&person.priority)),
        ("relationship", text(&person.relationship)),
        ("purpose", text(&person.purpose)),
        ("interests", join(&person.interests)),
        (
            "birthday",
            person.birthday.map(|b| b.to_string()).unwrap_or_default(),
        ),
        ("met", text(&person.met)),
        ("introduced by", text(&person.introduced_by)),
    ]
    .into_iter()
    .map(|(label, value)| (label.to_string(), value))
    .chain(person.extra.iter().cloned())
    .filter(|(_, value)| !value.is_empty())
    .collect();
    let cadence = match (status.cadence, person.cadence) {
        (Some(cadence), Some(_)) => cadence.to_string(),
        (Some(cadence), None) => format!("{cadence} (from config)"),
        (None, _) => "none".into(),
    };
    fields.push(("cadence".into(), cadence));
    if let Some(until) = person.snooze_until {
        fields.push(("snoozed until".into(), until.to_string()));
    }
    let last = status
        .last_contact
        .map_or("never".into(), |d| d.to_string());
    fields.push(("last contact".into(), last));
    fields.push(("status".into(), status.describe(today)));

    let width = fields
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    for (label, value) in &fields {
        // Each line of a value on its own line, under the first.
        let mut lines = value.lines();
        let first = lines.next().unwrap_or_default();
        let _ = writeln!(out, "{:width$}  {}", clean(label), clean(first));
        for line in lines {
            let line = format!("{:width$}  {}", "", clean(line));
            let _ = writeln!(out, "{}", line.trim_end());
        }
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
    let recent: Vec<&Entry> = past.into_iter().take(RECENT).collect();
    entries(&mut out, "Recent log", &recent, |_| String::new());
    let planned: Vec<&Entry> = planned.into_iter().rev().collect();
    entries(&mut out, "Planned", &planned, |_| String::new());

    let mut open: Vec<&Entry> = person
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::Open)
        .collect();
    open.sort_by_key(|e| e.date);
    entries(&mut out, "Open follow-ups", &open, |e| {
        format!(" ({})", when(e.date, today))
    });

    if !person.problems.is_empty() {
        out.push_str("\nProblems\n");
        for problem in &person.problems {
            let _ = writeln!(out, "  {}", clean(&problem.to_string()));
        }
    }
    out
}

fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

/// A titled list of dated entries, left out when empty.
fn entries(out: &mut String, title: &str, list: &[&Entry], suffix: impl Fn(&Entry) -> String) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{title}");
    for entry in list {
        let _ = writeln!(
            out,
            "  {}  {}{}",
            entry.date,
            clean(&entry.text),
            suffix(entry)
        );
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
