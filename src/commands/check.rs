//! `kith check`: every problem in the vault as `path:line: message`.

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
    out.flush()?;
    let notes = loaded.notes;
    env.output.status(format_args!(
        "{notes} {}, {} {}",
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
