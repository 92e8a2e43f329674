//! `kith undo [--list]`: revert the last command that wrote notes, note by
//! note where each is unchanged since, or list the recent such commands.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use kith::vault::Vault;
use kith::write::undo;

use super::Env;
use super::output::clean;

/// How many commands `--list` shows.
const LISTED: usize = 20;

pub fn run(env: &Env, list: bool) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    env.home_notice(&vault);
    if list {
        return show_recent(&vault);
    }
    let Some(undone) = undo::undo(&vault)? else {
        eprintln!(
            "kith: nothing to undo: no command has written notes here since the journal began"
        );
        return Ok(ExitCode::from(1));
    };
    let mut out = std::io::stdout().lock();
    let mut kept = 0;
    for note in &undone.notes {
        match &note.outcome {
            Ok(()) => {
                let verb = match note.verb {
                    "created" => "removed",
                    "removed" => "restored",
                    _ => "reverted",
                };
                writeln!(out, "{verb} {}", clean(&note.path))?;
            }
            Err(why) => {
                kept += 1;
                eprintln!("kith: {}", clean(&why.to_string()));
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
    eprintln!(
        "undid `kith {}` of {}: {reverted} {} reverted{kept_text}",
        clean(&step.command),
        step.time,
        if reverted == 1 { "note" } else { "notes" },
    );
    Ok(if kept == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The recent commands, newest first, each with the notes it wrote.
fn show_recent(vault: &Vault) -> Result<ExitCode> {
    let steps = undo::recent(vault, LISTED)?;
    let mut out = std::io::stdout().lock();
    for step in &steps {
        let state = match step.undoes {
            Some(of) => format!("  (undid {of})"),
            None if step.undone => "  (undone)".into(),
            None => String::new(),
        };
        writeln!(
            out,
            "{}  {}  kith {}{state}",
            step.id,
            step.time,
            clean(&step.command)
        )?;
        for change in &step.changes {
            writeln!(out, "    {} {}", change.verb(), clean(&change.path))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
