//! `kith done NAME [TEXT]`: a contact today, as ticking the person in the
//! report records it, then the report written again.

use std::process::ExitCode;

use anyhow::Result;
use kith::write::edit;
use kith::write::journal::command_line;

use super::{Changed, Env};

pub(crate) fn run(env: &Env, name: &str, text: Option<&str>) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let typed: Vec<&str> = text.into_iter().collect();
    let command = command_line(&[&["done", name], &typed[..]].concat());
    let text = text.unwrap_or(&vault.config.report_log_text);
    env.change_person(&vault, name, &command, |bytes| {
        let added = edit::insert_log_entry(bytes, env.today, text)?;
        Ok(Changed {
            bytes: added.bytes,
            line_number: added.line_number,
            line: added.line,
        })
    })?;
    Ok(ExitCode::SUCCESS)
}
