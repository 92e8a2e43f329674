//! `kith report`: record the ticks in the report, then write
//! `Follow-ups.md` (only when it changed) or print it, and the calendar
//! feed when config `ics` names one.

use std::process::ExitCode;

use anyhow::{Result, bail};
use kith::contacts::ics;
use kith::index::Wanted;
use kith::report;
use kith::write::generated::GeneratedError;

use super::Env;

/// How often the report is read and written again when it is saved
/// while kith writes it.
const TRIES: usize = 3;

pub(crate) fn run(env: &Env, stdout: bool) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let mut wanted = Wanted::report(&vault.config, env.today);
    if vault.config.ics.is_some() && !stdout {
        wanted = wanted.or(Wanted::calendar(env.today, ics::DEFAULT_DAYS));
    }
    for _ in 0..TRIES {
        let harvest = env.harvest(&vault);
        let loaded = env.load_fresh(&vault, Some(&wanted))?;
        if stdout {
            let text = report::render(
                &loaded.people,
                loaded.notes,
                loaded.never_due,
                &loaded.all_problems(),
                &harvest.unrecorded,
                &vault.config,
                env.today,
            );
            let mut out = env.output.stdout();
            out.text(&text)?;
            out.flush()?;
            super::leave((text, loaded));
            return Ok(ExitCode::SUCCESS);
        }
        let written = match report::write(
            &vault,
            &loaded,
            &harvest.unrecorded,
            harvest.read.as_deref(),
            env.today,
        ) {
            Err(GeneratedError::Changed { .. }) => continue,
            other => other?,
        };
        let said = |written| if written { "wrote" } else { "unchanged" };
        env.output
            .status(format_args!("{} {}", said(written), vault.config.report));
        if let (Some(written), Some(ics)) = (
            ics::write_configured(&vault, &loaded.people, env.today)?,
            &vault.config.ics,
        ) {
            env.output.status(format_args!("{} {ics}", said(written)));
        }
        super::leave(loaded);
        return Ok(ExitCode::SUCCESS);
    }
    bail!(
        "{} kept changing while kith wrote it; run `kith report` again",
        vault.config.report
    )
}
