//! One function per subcommand, each thin: open the vault, call the library,
//! print. They return the exit code or an error for `main` to report.

mod check;
mod index;
mod init;
mod list;
mod log;
mod new;
mod output;
mod report;
mod search;
mod show;
mod watch;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::CommandFactory;
use kith::index::Catalog;
use kith::resolve::resolve;
use kith::vault::{Loaded, NotePath, Vault};

use crate::cli::{Cli, Command};

/// What every command starts from: where to look and what day it is.
pub struct Env {
    vault: Option<PathBuf>,
    cwd: PathBuf,
    today: NaiveDate,
    /// `--today` as given, when it was.
    today_flag: Option<NaiveDate>,
}

impl Env {
    fn open_vault(&self) -> Result<Vault> {
        Ok(Vault::discover(self.vault.as_deref(), &self.cwd)?)
    }

    fn vault_flag(&self) -> Option<&Path> {
        self.vault.as_deref()
    }

    /// The vault's people as of today, from the index brought up to date.
    /// Every command that needs the list of people gets it here.
    fn load(&self, vault: &Vault) -> Result<Loaded> {
        let mut catalog = Catalog::new(vault);
        let loaded = catalog.load(self.today);
        self.notices(&mut catalog);
        Ok(loaded?)
    }

    /// Tells the user, once, what the index did on its own (rebuilds).
    fn notices(&self, catalog: &mut Catalog) {
        for notice in catalog.take_notices() {
            eprintln!("kith: {notice}");
        }
    }

    /// The note of the one person `name` means.
    fn find(&self, vault: &Vault, name: &str) -> Result<NotePath> {
        let loaded = self.load(vault)?;
        let person = resolve(&loaded.people, name)?;
        Ok(NotePath {
            rel: person.path.clone(),
            abs: vault.root.join(&person.path),
        })
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
        today_flag: cli.today,
    };
    match cli.command {
        Command::Init { path } => init::run(&env, path.as_deref()),
        Command::Check => check::run(&env),
        Command::Report { stdout } => report::run(&env, stdout),
        Command::Index { rebuild } => index::run(&env, rebuild),
        Command::Search(args) => search::run(&env, &args),
        Command::Watch { quiet } => watch::run(&env, quiet),
        Command::List(args) => list::run(&env, &args),
        Command::Show { name } => show::run(&env, &name),
        Command::Log { name, text, date } => log::run(&env, &name, &text, date),
        Command::New(args) => new::run(&env, &args),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "kith", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
    }
}
