//! `kith check`: every problem in the vault as `path:line: message`, and
//! every tick in the report that could not be recorded; then the hints
//! (values kith ignores that look meant for it, and what it noticed about
//! the vault's layout), which never make it fail.

use std::process::ExitCode;

use anyhow::Result;
use kith::index::Wanted;
use kith::note::problem::Problem;

use super::Env;

pub(crate) fn run(env: &Env) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let harvest = env.harvest(&vault);
    let loaded = env.load_fresh(&vault, Some(&Wanted::problems()))?;
    if harvest.found_ticks() {
        env.write_report(&vault, &harvest, None);
    }
    let ticks: Vec<Problem> = harvest
        .unrecorded
        .iter()
        .map(|tick| {
            let why = format!("tick not recorded: {}", tick.why);
            Problem::new(&vault.config.report, tick.line, why)
        })
        .collect();
    let mut problems = loaded.all_problems();
    problems.extend(&ticks);
    problems.sort();
    let hints = loaded.all_hints();
    let mut out = env.output.stdout();
    for problem in &problems {
        out.line(problem)?;
    }
    for hint in &hints {
        out.line(format_args!(
            "{}:{}: hint: {}",
            hint.path, hint.line, hint.message
        ))?;
    }
    for hint in &loaded.hints {
        out.line(hint)?;
    }
    out.flush()?;
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut summary = format!(
        "{}, {}",
        count(loaded.notes, "note", "notes"),
        count(problems.len(), "problem", "problems")
    );
    let hints = hints.len() + loaded.hints.len();
    if hints > 0 {
        summary.push_str(&format!(", {}", count(hints, "hint", "hints")));
    }
    env.output.status(summary);
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
