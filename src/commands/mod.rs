//! One function per subcommand, each thin: open the vault, call the library,
//! print. They return the exit code or an error for `main` to report.

mod check;
mod init;
mod report;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use kith::vault::Vault;

use crate::cli::{Cli, Command};

/// What every command starts from: where to look and what day it is.
pub struct Env {
    vault: Option<PathBuf>,
    cwd: PathBuf,
    today: NaiveDate,
}

impl Env {
    fn open_vault(&self) -> Result<Vault> {
        Ok(Vault::discover(self.vault.as_deref(), &self.cwd)?)
    }

    fn vault_flag(&self) -> Option<&Path> {
        self.vault.as_deref()
    }
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    let env = Env {
        vault: cli.vault,
        cwd,
        today: cli
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
    };
    match cli.command {
        Command::Init { path } => init::run(&env, path.as_deref()),
        Command::Check => check::run(&env),
        Command::Report { stdout } => report::run(&env, stdout),
    }
}
