//! `kith check`: every problem in the vault as `path:line: message`, and
//! every tick in the report that could not be recorded.

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
