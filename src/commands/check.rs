//! `kith check`: every problem in the vault as `path:line: message`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use kith::index::Wanted;

use super::Env;

pub fn run(env: &Env) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let loaded = env.load_wanted(&vault, Some(&Wanted::problems()))?;
    let problems = loaded.all_problems();
    let mut out = std::io::stdout().lock();
    for problem in &problems {
        writeln!(out, "{problem}")?;
    }
    out.flush()?;
    let notes = loaded.notes;
    eprintln!(
        "{notes} {}, {} {}",
        if notes == 1 { "note" } else { "notes" },
        problems.len(),
        if problems.len() == 1 {
            "problem"
        } else {
            "problems"
        }
    );
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
