//! `kith snooze NAME 2w`: set `snooze_until` in the person's front matter,
//! changing only that line, then the report written again.

use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};
use kith::note::fields::Field;
use kith::resolve::Matching;
use kith::write::field;
use kith::write::journal::command_line;
use kith::write::transaction::Transaction;

use super::Env;
use super::output::clean;
use crate::cli::Snooze;

pub(crate) fn run(env: &Env, name: &str, snooze: Snooze) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let until = snooze
        .until(env.today)
        .ok_or_else(|| anyhow!("that snooze ends after the year 9999"))?;
    let harvest = env.harvest(&vault);
    let written = (|| {
        let file = env.find_fresh(&vault, name, Matching::Exact)?;
        let day = until.to_string();
        let mut tx = Transaction::begin(&vault, &command_line(&["snooze", name, &day]))?;
        let note = tx.read(&file.rel)?;
        let set = field::set_date(&note.bytes, Field::SnoozeUntil, until)
            .with_context(|| format!("nothing written to {}", clean(&file.rel)))?;
        tx.write(&note, &set.bytes)?;
        Ok::<_, anyhow::Error>((file, set))
    })();
    env.write_report(&vault, &harvest, None);
    let (file, set) = written?;
    env.said_written(&vault, &file, set.line_number, &set.line)?;
    Ok(ExitCode::SUCCESS)
}
