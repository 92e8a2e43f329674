//! One function per subcommand, each thin: open the vault, call the library,
//! print. They return the exit code or an error for `main` to report.

mod check;
mod export;
mod import;
mod index;
mod init;
mod list;
mod log;
mod new;
pub(crate) mod output;
mod report;
mod search;
mod show;
mod undo;
mod watch;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::CommandFactory;
use kith::index::{Catalog, Wanted};
use kith::note::summary::Summary;
use kith::resolve::{Matching, resolve};
use kith::vault::{Loaded, NotePath, Vault};
use kith::write::template::{self, BUILT_IN, TEMPLATE_PATH};

use self::output::Output;
use crate::cli::{Cli, Command, ExportCommand, ImportCommand};

/// What every command starts from: where to look, what day it is, and
/// the one writer to the terminal.
pub(crate) struct Env {
    vault: Option<PathBuf>,
    cwd: PathBuf,
    today: NaiveDate,
    /// `--today` as given, when it was.
    today_flag: Option<NaiveDate>,
    output: Output,
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
        self.load_wanted(vault, None)
    }

    /// Like [`Env::load`], but only the people `wanted` may include are
    /// read (the count of notes is still the vault's).
    fn load_wanted(&self, vault: &Vault, wanted: Option<&Wanted>) -> Result<Loaded> {
        let mut catalog = Catalog::new(vault).with_progress(Box::new(index::Bar::default()));
        let loaded = catalog.load(self.today, wanted);
        self.notices(&mut catalog);
        Ok(loaded?)
    }

    /// Tells the user, once, what the index did on its own (rebuilds).
    fn notices(&self, catalog: &mut Catalog) {
        for notice in catalog.take_notices() {
            self.output.warn(notice);
        }
    }

    /// Says where kith keeps its index and journal, when that is not
    /// `.kith/` and was just decided, for commands that use no index.
    fn home_notice(&self, vault: &Vault) {
        if let Some(notice) = vault.home().take_notice() {
            self.output.warn(notice);
        }
    }

    /// Everyone `name` may mean (a shortlist from the index), fresh.
    fn named(&self, vault: &Vault, name: &str) -> Result<Vec<Summary>> {
        let mut catalog = Catalog::new(vault).with_progress(Box::new(index::Bar::default()));
        let candidates = catalog.named(self.today, name);
        self.notices(&mut catalog);
        Ok(candidates?)
    }

    /// The note of the one person `name` means, matched as `matching`
    /// allows.
    fn find(&self, vault: &Vault, name: &str, matching: Matching) -> Result<NotePath> {
        let candidates = self.named(vault, name)?;
        let person = resolve(&candidates, name, matching)?;
        Ok(NotePath {
            rel: person.path.clone(),
            abs: vault.root.join(&person.path),
        })
    }
}

/// Where new notes go: the first people folder, vault-relative and as a
/// resolved folder inside the vault.
fn new_notes_folder(vault: &Vault) -> Result<(String, PathBuf)> {
    let folder = vault
        .people_folders()
        .into_iter()
        .next()
        .unwrap_or_default();
    let shown = if folder.is_empty() {
        "(the vault root)"
    } else {
        &folder
    };
    let dir = within_vault(
        vault,
        &vault.root.join(&folder),
        &format!("the people folder {shown}"),
    )?;
    Ok((folder, dir))
}

/// `path` with every link resolved, when that is inside the vault: kith
/// never creates or changes a file outside it, whatever links lead there.
/// `what` names the path in errors.
fn within_vault(vault: &Vault, path: &Path, what: &str) -> Result<PathBuf> {
    Ok(kith::vault::inside::real_path(&vault.root, path, what)?)
}

/// The vault-relative path of note `stem` in `folder`.
fn note_path(folder: &str, stem: &str) -> String {
    if folder.is_empty() {
        format!("{stem}.md")
    } else {
        format!("{folder}/{stem}.md")
    }
}

/// Whether a note at vault path `rel` would be where the report is written.
fn is_report_path(vault: &Vault, rel: &str) -> bool {
    vault.root.join(rel) == vault.report_path()
        || rel.eq_ignore_ascii_case(vault.config.report.trim_start_matches("./"))
}

/// The report's file name without `.md` when it is written into the
/// vault-relative `folder`: a name no new note there may take.
fn report_stem_in(vault: &Vault, folder: &str) -> Option<String> {
    let report = vault.config.report.trim_start_matches("./");
    let (parent, file) = report.rsplit_once('/').unwrap_or(("", report));
    let stem = file.get(..file.len().checked_sub(".md".len())?)?;
    parent
        .eq_ignore_ascii_case(folder)
        .then(|| stem.to_string())
}

/// The template new notes are made from.
struct NoteTemplate {
    text: String,
    /// Whether it is the vault's own `.kith/template.md` (else the
    /// built-in one).
    from_vault: bool,
}

/// The vault's template for new notes, else the built-in one; a vault
/// template whose placeholders kith cannot fill is an error.
fn note_template(vault: &Vault) -> Result<NoteTemplate> {
    match std::fs::read(vault.root.join(TEMPLATE_PATH)) {
        Ok(bytes) => {
            let text = String::from_utf8(bytes)
                .with_context(|| format!("{TEMPLATE_PATH} is not UTF-8 text"))?;
            template::check(&text)?;
            Ok(NoteTemplate {
                text,
                from_vault: true,
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(NoteTemplate {
            text: BUILT_IN.to_string(),
            from_vault: false,
        }),
        Err(e) => Err(e).with_context(|| format!("cannot read {TEMPLATE_PATH}")),
    }
}

/// Runs the command `cli` names, writing through `output`.
pub(crate) fn run(cli: Cli, output: Output) -> Result<ExitCode> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    let env = Env {
        vault: cli.vault,
        cwd,
        today: cli
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        today_flag: cli.today,
        output,
    };
    match cli.command {
        Command::Init { path } => init::run(&env, path.as_deref()),
        Command::Check => check::run(&env),
        Command::Report { stdout } => report::run(&env, stdout),
        Command::Index { rebuild } => index::run(&env, rebuild),
        Command::Search(args) => search::run(&env, &args),
        Command::Watch { quiet } => watch::run(&env, quiet),
        Command::List(args) => list::run(&env, &args),
        Command::Show { name, json } => show::run(&env, &name, json),
        Command::Log { name, text, date } => log::run(&env, &name, &text, date),
        Command::New(args) => new::run(&env, &args),
        Command::Import(ImportCommand::Vcard(args)) => import::run(&env, &args),
        Command::Undo { list } => undo::run(&env, list),
        Command::Export(ExportCommand::Vcard { output }) => export::vcard(&env, output.as_deref()),
        Command::Export(ExportCommand::Ics { output, days }) => {
            export::ics(&env, output.as_deref(), days)
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "kith", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
    }
}
