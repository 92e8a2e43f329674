//! `kith watch`: index and report now, then keep both current as notes
//! change, one line per update on stderr, until Ctrl-C or SIGTERM.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::Local;
use kith::watch::{Clock, Message, Update, Watch};

use super::Env;
use super::output::thousands;

/// Hidden: a file holding the date the watcher takes as today, so tests
/// can cross midnight without waiting for it.
const CLOCK_VARIABLE: &str = "KITH_CLOCK";

pub(crate) fn run(env: &Env, quiet: bool) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let clock = match (env.today_flag, std::env::var_os(CLOCK_VARIABLE)) {
        (Some(day), _) => Clock::Fixed(day),
        (None, Some(path)) => Clock::File(PathBuf::from(path)),
        (None, None) => Clock::Local,
    };
    let (mut watch, first) = Watch::start(vault, clock)?;
    let stopper = watch.stopper();
    ctrlc::set_handler(move || {
        let _ = stopper.send(Message::Stop);
    })
    .context("cannot catch Ctrl-C")?;
    let output = env.output;
    for notice in &first.notices {
        output.warn(notice);
    }
    for recorded in &first.recorded {
        output.status(format_args!("recorded {recorded}"));
    }
    if !quiet {
        output.status(format_args!(
            "watching {}: {} {}, {} overdue; {} {}. Ctrl-C stops.",
            watch.vault().root.display(),
            thousands(first.notes),
            if first.notes == 1 { "note" } else { "notes" },
            thousands(first.overdue),
            if first.report_written {
                "wrote"
            } else if first.report_refused {
                "not writing"
            } else {
                "unchanged"
            },
            watch.vault().config.report,
        ));
    }
    watch.run(|outcome| match outcome {
        Ok(update) => {
            for notice in &update.notices {
                output.warn_at(&now(), notice);
            }
            if !quiet && !update.is_quiet() {
                output.status(format_args!("{} {}", now(), describe(&update)));
            }
        }
        Err(error) => output.warn_at(&now(), kith::text::error_chain(&error)),
    })?;
    if !quiet {
        output.status(format_args!("{} stopped; the index is saved", now()));
    }
    Ok(ExitCode::SUCCESS)
}

fn now() -> String {
    Local::now().format("%H:%M:%S").to_string()
}

/// `updated people/Ada Lovelace.md · 3 overdue (−1)`, `recorded
/// people/Ada.md:5: - 2026-11-24 Checked off in Follow-ups · 2 overdue (−1)`
fn describe(update: &Update) -> String {
    let mut parts = Vec::new();
    if let Some(day) = update.new_day {
        parts.push(format!("new day {day}"));
    }
    let count = |paths: &[String], verb: &str| match paths {
        [] => None,
        [one] => Some(format!("{verb} {one}")),
        many => Some(format!("{verb} {} notes", thousands(many.len()))),
    };
    match update.recorded.as_slice() {
        [] => {}
        [one] => parts.push(format!("recorded {one}")),
        many => {
            let mut notes: Vec<&str> = many.iter().map(|r| r.path.as_str()).collect();
            notes.dedup();
            parts.push(format!(
                "recorded {} ticks in {}",
                thousands(many.len()),
                notes.join(", ")
            ));
        }
    }
    parts.extend(count(&update.read, "updated"));
    parts.extend(count(&update.gone, "removed"));
    if parts.is_empty() {
        parts.push("report rewritten".into());
    }
    let delta = update.overdue as i64 - update.overdue_before as i64;
    let delta = match delta {
        0 => String::new(),
        d if d > 0 => format!(" (+{d})"),
        d => format!(" (\u{2212}{})", -d),
    };
    format!(
        "{} · {} overdue{delta}",
        parts.join(", "),
        thousands(update.overdue)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn updates_read_as_one_line() {
        let update = Update {
            read: vec!["people/Ada Lovelace.md".into()],
            overdue: 3,
            overdue_before: 4,
            ..Update::default()
        };
        assert_eq!(
            describe(&update),
            "updated people/Ada Lovelace.md · 3 overdue (\u{2212}1)"
        );
        let update = Update {
            read: vec!["a.md".into(), "b.md".into()],
            gone: vec!["c.md".into()],
            new_day: chrono::NaiveDate::from_ymd_opt(2026, 11, 25),
            overdue: 5,
            overdue_before: 3,
            ..Update::default()
        };
        assert_eq!(
            describe(&update),
            "new day 2026-11-25, updated 2 notes, removed c.md · 5 overdue (+2)"
        );
        let recorded = |path: &str| kith::report::harvest::Recorded {
            path: path.into(),
            line_number: 5,
            line: "- 2026-11-24 called".into(),
        };
        let update = Update {
            recorded: vec![recorded("people/Ada.md")],
            overdue: 2,
            overdue_before: 3,
            ..Update::default()
        };
        assert_eq!(
            describe(&update),
            "recorded people/Ada.md:5: - 2026-11-24 called · 2 overdue (\u{2212}1)"
        );
        let update = Update {
            recorded: vec![recorded("a.md"), recorded("a.md"), recorded("b.md")],
            ..Update::default()
        };
        assert_eq!(
            describe(&update),
            "recorded 3 ticks in a.md, b.md · 0 overdue"
        );
    }
}
