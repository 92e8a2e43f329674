//! `kith index`: bring the search index up to date (or rebuild it) and say
//! what was done, with a progress bar on a long build in a terminal.

use std::process::ExitCode;
use std::sync::OnceLock;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use kith::index::{Catalog, Mode, Progress};

use super::Env;
use super::output::thousands;

/// Builds shorter than this many notes finish before a bar is worth it.
const BAR_FROM: u64 = 2_000;

/// A progress bar on stderr, drawn only when stderr is a terminal.
#[derive(Default)]
pub(crate) struct Bar(OnceLock<ProgressBar>);

impl Bar {
    /// Runs `print` with the bar out of the way, so that lines printed to
    /// the terminal do not run into it.
    pub(crate) fn suspend<R>(&self, print: impl FnOnce() -> R) -> R {
        match self.0.get() {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }
}

impl Progress for Bar {
    fn start(&self, total: u64) {
        if total < BAR_FROM {
            return;
        }
        let bar = ProgressBar::new(total);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} notes, {eta} left") {
            bar.set_style(style);
        }
        let _ = self.0.set(bar);
    }

    fn advance(&self, count: u64) {
        if let Some(bar) = self.0.get() {
            bar.inc(count);
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.0.get() {
            bar.finish_and_clear();
        }
    }
}

pub(crate) fn run(env: &Env, rebuild: bool) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let harvest = env.harvest(&vault);
    let mut catalog = Catalog::new(&vault);
    let refreshed = catalog.refresh(
        env.today,
        Mode {
            rebuild,
            keep_records: false,
        },
        &Bar::default(),
    );
    env.notices(&mut catalog);
    let refreshed = refreshed?;
    if harvest.found_ticks() {
        env.write_report(&vault, &harvest, None);
    }
    if let Some(pid) = &refreshed.watcher {
        env.output.status(format_args!(
            "kith watch (pid {pid}) keeps the index up to date; nothing to do"
        ));
        return Ok(ExitCode::SUCCESS);
    }
    env.output.status(format_args!(
        "indexed {}, removed {}, unchanged {} in {:.2} s",
        thousands(refreshed.indexed),
        thousands(refreshed.removed),
        thousands(refreshed.unchanged),
        refreshed.elapsed.as_secs_f64()
    ));
    Ok(ExitCode::SUCCESS)
}
