//! `kith done NAME [TEXT]`: a contact today, as ticking the person in the
//! report records it, then the report written again.

use std::process::ExitCode;

use anyhow::{Context, Result};
use kith::resolve::Matching;
use kith::write::edit;
use kith::write::journal::command_line;
use kith::write::transaction::Transaction;

use super::Env;
use super::output::clean;

pub(crate) fn run(env: &Env, name: &str, text: Option<&str>) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let harvest = env.harvest(&vault);
    let written = (|| {
        let file = env.find_fresh(&vault, name, Matching::Exact)?;
        let typed: Vec<&str> = text.into_iter().collect();
        let mut tx = Transaction::begin(
            &vault,
            &command_line(&[&["done", name], &typed[..]].concat()),
        )?;
        let text = text.unwrap_or(&vault.config.report_log_text);
        let note = tx.read(&file.rel)?;
        let added = edit::insert_log_entry(&note.bytes, env.today, text)
            .with_context(|| format!("nothing written to {}", clean(&file.rel)))?;
        tx.write(&note, &added.bytes)?;
        Ok::<_, anyhow::Error>((file, added))
    })();
    env.write_report(&vault, &harvest, None);
    let (file, added) = written?;
    env.said_written(&vault, &file, added.line_number, &added.line)?;
    Ok(ExitCode::SUCCESS)
}
