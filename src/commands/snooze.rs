//! `kith snooze NAME 2w`: set `snooze_until` in the person's front matter,
//! changing only that line, then the report written again.

use std::process::ExitCode;

use anyhow::{Result, anyhow};
use kith::note::fields::Field;
use kith::write::field;
use kith::write::journal::command_line;

use super::{Changed, Env};
use crate::cli::Snooze;

pub(crate) fn run(env: &Env, name: &str, snooze: Snooze) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let until = snooze
        .until(env.today)
        .ok_or_else(|| anyhow!("that snooze ends after the year 9999"))?;
    let command = command_line(&["snooze", name, &until.to_string()]);
    env.change_person(&vault, name, &command, |bytes| {
        let set = field::set_date(bytes, Field::SnoozeUntil, until)?;
        Ok(Changed {
            bytes: set.bytes,
            line_number: set.line_number,
            line: set.line,
        })
    })?;
    Ok(ExitCode::SUCCESS)
}
