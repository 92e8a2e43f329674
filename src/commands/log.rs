//! `kith log NAME TEXT [--them]`: add a dated line to a person's Log
//! without touching any other byte, then say when they are next due.

use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use kith::note::ties::from_them;
use kith::resolve::Matching;
use kith::write::edit;
use kith::write::journal::command_line;
use kith::write::transaction::Transaction;

use super::Env;
use super::output::clean;

pub(crate) fn run(
    env: &Env,
    name: &str,
    text: &str,
    date: Option<NaiveDate>,
    them: bool,
) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let picked = env.find(&vault, name, Matching::Exact)?;
    let file = &picked.file;
    let date = date.unwrap_or(env.today);
    let day = date.to_string();
    let text = if them {
        from_them(text)
    } else {
        text.to_string()
    };
    let text = text.as_str();
    let mut tx = Transaction::begin(&vault, &command_line(&["log", name, text, "--date", &day]))?;
    // Through a symbolic link, the target is changed and the link kept.
    let note = tx.read(&file.rel)?;
    let added = edit::insert_log_entry(&note.bytes, date, text)
        .with_context(|| format!("nothing written to {}", clean(&file.rel)))?;
    tx.write(&note, &added.bytes)?;
    drop(tx);
    env.said_written(&vault, picked, added.line_number, &added.line)?;
    Ok(ExitCode::SUCCESS)
}
