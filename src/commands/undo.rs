//! `kith undo [--list]`: revert the last command that wrote notes, note by
//! note where each is unchanged since, or list the recent such commands.

use std::process::ExitCode;

use anyhow::Result;
use kith::vault::Vault;
use kith::write::undo;

use super::Env;

/// How many commands `--list` shows.
const LISTED: usize = 20;

pub(crate) fn run(env: &Env, list: bool) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    env.home_notice(&vault);
    if list {
        return show_recent(env, &vault);
    }
    let Some(undone) = undo::undo(&vault)? else {
        env.output
            .warn("nothing to undo: no command has written notes here since the journal began");
        return Ok(ExitCode::from(1));
    };
    let mut out = env.output.stdout();
    let mut kept = 0;
    for note in &undone.notes {
        match &note.outcome {
            Ok(()) => {
                let verb = match note.verb {
                    "created" => "removed",
                    "removed" => "restored",
                    _ => "reverted",
                };
                out.line(format_args!("{verb} {}", note.path))?;
            }
            Err(why) => {
                kept += 1;
                env.output.warn(why);
            }
        }
    }
    out.flush()?;
    let step = &undone.step;
    let reverted = undone.notes.len() - kept;
    let kept_text = if kept > 0 {
        format!(
            ", {kept} left as {}",
            if kept == 1 { "it is" } else { "they are" }
        )
    } else {
        String::new()
    };
    env.output.status(format_args!(
        "undid `kith {}` of {}: {reverted} {} reverted{kept_text}",
        step.command,
        step.time,
        if reverted == 1 { "note" } else { "notes" },
    ));
    Ok(if kept == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The recent commands, newest first, each with the notes it wrote.
fn show_recent(env: &Env, vault: &Vault) -> Result<ExitCode> {
    let steps = undo::recent(vault, LISTED)?;
    let mut out = env.output.stdout();
    for step in &steps {
        let state = match step.undoes {
            Some(of) => format!("  (undid {of})"),
            None if step.undone => "  (undone)".into(),
            None => String::new(),
        };
        out.line(format_args!(
            "{}  {}  kith {}{state}",
            step.id, step.time, step.command
        ))?;
        for change in &step.changes {
            out.line(format_args!("    {} {}", change.verb(), change.path))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
