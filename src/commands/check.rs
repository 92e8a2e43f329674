//! `kith check`: every problem in the vault as `path:line: message`, then
//! hints (`path: hint: message`), which do not fail the check.

use std::process::ExitCode;

use anyhow::Result;
use kith::index::Wanted;

use super::Env;

pub(crate) fn run(env: &Env) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let loaded = env.load_wanted(&vault, Some(&Wanted::problems()))?;
    let problems = loaded.all_problems();
    let mut out = env.output.stdout();
    for problem in &problems {
        out.line(problem)?;
    }
    for hint in &loaded.hints {
        out.line(hint)?;
    }
    out.flush()?;
    let notes = loaded.notes;
    let hints = match loaded.hints.len() {
        0 => String::new(),
        1 => ", 1 hint".to_string(),
        n => format!(", {n} hints"),
    };
    env.output.status(format_args!(
        "{notes} {}, {} {}{hints}",
        if notes == 1 { "note" } else { "notes" },
        problems.len(),
        if problems.len() == 1 {
            "problem"
        } else {
            "problems"
        }
    ));
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
