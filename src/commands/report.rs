//! `kith report`: write `Follow-ups.md` (only when it changed) or print it,
//! and the calendar feed when config `ics` names one.

use std::process::ExitCode;

use anyhow::Result;
use kith::contacts::ics;
use kith::index::Wanted;
use kith::report;

use super::Env;

pub(crate) fn run(env: &Env, stdout: bool) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let mut wanted = Wanted::report(&vault.config, env.today);
    if vault.config.ics.is_some() && !stdout {
        wanted = wanted.or(Wanted::calendar(env.today, ics::DEFAULT_DAYS));
    }
    let loaded = env.load_wanted(&vault, Some(&wanted))?;
    if stdout {
        let text = report::render(
            &loaded.people,
            loaded.notes,
            &loaded.all_problems(),
            &vault.config,
            env.today,
        );
        let mut out = env.output.stdout();
        out.text(&text)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let written = report::write(&vault, &loaded, env.today)?;
    let said = |written| if written { "wrote" } else { "unchanged" };
    env.output
        .status(format_args!("{} {}", said(written), vault.config.report));
    if let (Some(written), Some(ics)) = (
        ics::write_configured(&vault, &loaded.people, env.today)?,
        &vault.config.ics,
    ) {
        env.output.status(format_args!("{} {ics}", said(written)));
    }
    Ok(ExitCode::SUCCESS)
}
