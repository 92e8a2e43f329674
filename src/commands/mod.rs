//! One function per subcommand, each thin: open the vault, call the library,
//! print. They return the exit code or an error for `main` to report.

mod check;
mod done;
mod export;
mod import;
mod index;
mod init;
mod intro;
mod intros;
mod list;
mod log;
mod new;
pub(crate) mod output;
mod report;
mod search;
mod share;
mod show;
mod snooze;
mod undo;
mod watch;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::CommandFactory;
use kith::index::{Catalog, Wanted};
use kith::note::Parsed;
use kith::note::due::Status;
use kith::note::mention::Mention;
use kith::note::summary::Summary;
use kith::report::harvest::{self, Harvest};
use kith::resolve::{Matching, resolve};
use kith::vault::people::{Marker, Rule};
use kith::vault::{Loaded, NotePath, Vault};
use kith::write::batch::Logged;
use kith::write::template::{self, BUILT_IN, TEMPLATE_PATH};
use kith::write::transaction::Transaction;

use self::output::Output;
use crate::cli::{Cli, Command, ExportCommand, ImportCommand};

/// Lets `value` go without freeing it, when the command is done and the
/// process ends with it: freeing thousands of records one by one only
/// delays the exit (23 ms of a report of 100,000 people). Only for plain
/// data, never for what holds a file, a lock or a child process.
fn leave<T>(value: T) {
    std::mem::forget(value);
}

/// What every command starts from: where to look, what day it is, and
/// the one writer to the terminal.
pub(crate) struct Env {
    vault: Option<PathBuf>,
    cwd: PathBuf,
    today: NaiveDate,
    /// `--today` as given, when it was.
    today_flag: Option<NaiveDate>,
    /// The subcommand's name, for the journal.
    command: &'static str,
    output: Output,
}

impl Env {
    fn open_vault(&self) -> Result<Vault> {
        Ok(Vault::discover(self.vault.as_deref(), &self.cwd)?)
    }

    fn vault_flag(&self) -> Option<&Path> {
        self.vault.as_deref()
    }

    /// The vault's people as of today, from the index brought up to date
    /// after the ticks in the report are recorded. Every command that
    /// needs the list of people gets it here.
    fn load(&self, vault: &Vault) -> Result<Loaded> {
        self.load_wanted(vault, None)
    }

    /// Like [`Env::load`], but only the people `wanted` may include are
    /// read (the count of notes is still the vault's).
    fn load_wanted(&self, vault: &Vault, wanted: Option<&Wanted>) -> Result<Loaded> {
        let harvest = self.harvest(vault);
        let loaded = self.load_fresh(vault, wanted)?;
        if harvest.found_ticks() {
            self.write_report(vault, &harvest, wanted.is_none().then_some(&loaded));
        }
        Ok(loaded)
    }

    /// The people `wanted` may include (everyone for `None`), from the
    /// index brought up to date, without looking at the report.
    fn load_fresh(&self, vault: &Vault, wanted: Option<&Wanted>) -> Result<Loaded> {
        let mut catalog = Catalog::new(vault).with_progress(Box::new(index::Bar::default()));
        let loaded = catalog.load(self.today, wanted);
        self.notices(&mut catalog);
        Ok(loaded?)
    }

    /// For each of `stems`, the notes whose body holds it, from the index
    /// brought up to date.
    fn bodies_holding(&self, vault: &Vault, stems: &[String]) -> Result<Vec<BTreeSet<String>>> {
        let mut catalog = Catalog::new(vault).with_progress(Box::new(index::Bar::default()));
        let found = catalog.bodies_holding(self.today, stems);
        self.notices(&mut catalog);
        Ok(found?)
    }

    /// Records the ticks in the report (see [`harvest`]) before anything
    /// is read from the notes, saying what was recorded and what was not.
    fn harvest(&self, vault: &Vault) -> Harvest {
        let report = &vault.config.report;
        let harvest = harvest::harvest(vault, self.today, self.command);
        for recorded in &harvest.recorded {
            self.output.status(format_args!("recorded {recorded}"));
        }
        let unrecorded = harvest.unrecorded.len();
        if unrecorded > 0 {
            self.output.warn(format_args!(
                "{unrecorded} {} in {report} not recorded; `kith check` says why",
                if unrecorded == 1 { "tick" } else { "ticks" }
            ));
        }
        harvest
    }

    /// Writes the report after `harvest`, from `everyone` when the
    /// command read them, else from those the report needs. A report
    /// that cannot be written is said, not an error: this command did
    /// something else.
    fn write_report(&self, vault: &Vault, harvest: &Harvest, everyone: Option<&Loaded>) {
        let written = match everyone {
            Some(loaded) => self.write_report_from(vault, harvest, loaded),
            None => self
                .load_fresh(vault, Some(&Wanted::report(&vault.config, self.today)))
                .and_then(|loaded| self.write_report_from(vault, harvest, &loaded)),
        };
        if let Err(error) = written {
            self.output.warn(format_args!(
                "{} not rewritten: {}",
                vault.config.report,
                kith::text::error_chain(error.as_ref())
            ));
        }
    }

    fn write_report_from(&self, vault: &Vault, harvest: &Harvest, loaded: &Loaded) -> Result<()> {
        kith::report::write(
            vault,
            loaded,
            &harvest.unrecorded,
            harvest.read.as_deref(),
            self.today,
        )?;
        Ok(())
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

    /// Everyone `name` may mean (a shortlist from the index), fresh,
    /// after the ticks in the report are recorded.
    fn named(&self, vault: &Vault, name: &str) -> Result<Vec<Summary>> {
        Ok(self.named_by_rule(vault, name)?.0)
    }

    /// Like [`Env::named`], with the rule people were told from other
    /// notes by.
    fn named_by_rule(&self, vault: &Vault, name: &str) -> Result<(Vec<Summary>, Rule)> {
        let harvest = self.harvest(vault);
        let named = self.named_fresh(vault, name);
        if harvest.found_ticks() {
            self.write_report(vault, &harvest, None);
        }
        named
    }

    /// Like [`Env::named_by_rule`], without looking at the report.
    fn named_fresh(&self, vault: &Vault, name: &str) -> Result<(Vec<Summary>, Rule)> {
        let mut catalog = Catalog::new(vault).with_progress(Box::new(index::Bar::default()));
        let candidates = catalog.named(self.today, name);
        self.notices(&mut catalog);
        Ok((candidates?, catalog.rule().clone()))
    }

    /// The note of the one person `name` means, matched as `matching`
    /// allows, after the ticks in the report are recorded.
    fn find(&self, vault: &Vault, name: &str, matching: Matching) -> Result<Picked> {
        let candidates = self.named(vault, name)?;
        self.pick(vault, &candidates, name, matching)
    }

    /// Like [`Env::find`], the person as the index has them, their
    /// mentions in other notes counted in.
    fn find_person(&self, vault: &Vault, name: &str, matching: Matching) -> Result<Summary> {
        let candidates = self.named(vault, name)?;
        Ok(resolve(&candidates, name, matching)?.clone())
    }

    /// Like [`Env::find`], without looking at the report.
    fn find_fresh(&self, vault: &Vault, name: &str, matching: Matching) -> Result<Picked> {
        let (candidates, _) = self.named_fresh(vault, name)?;
        self.pick(vault, &candidates, name, matching)
    }

    /// Changes the note of the one person `name` means with `change`
    /// (the note's bytes → its new bytes, the line number and line to
    /// say) in one transaction journaled as `command`, after recording the
    /// ticks in the report; then writes the report again and says what
    /// was written. For commands that act on a person as ticking them does.
    fn change_person(
        &self,
        vault: &Vault,
        name: &str,
        command: &str,
        change: impl FnOnce(&[u8]) -> Result<Changed>,
    ) -> Result<()> {
        let harvest = self.harvest(vault);
        let written = (|| {
            let picked = self.find_fresh(vault, name, Matching::Exact)?;
            let file = &picked.file;
            let mut tx = Transaction::begin(vault, command)?;
            let note = tx.read(&file.rel)?;
            let changed = change(&note.bytes)
                .with_context(|| format!("nothing written to {}", output::clean(&file.rel)))?;
            tx.write(&note, &changed.bytes)?;
            Ok::<_, anyhow::Error>((picked, changed))
        })();
        self.write_report(vault, &harvest, None);
        let (picked, changed) = written?;
        self.said_written(vault, picked, changed.line_number, &changed.line)
    }

    /// Prints the line a command wrote into the note `picked` (as
    /// `path:line: text`) and when its person is next due, read from the
    /// note as it is now, with their mentions elsewhere.
    fn said_written(
        &self,
        vault: &Vault,
        picked: Picked,
        line_number: usize,
        line: &str,
    ) -> Result<()> {
        let file = &picked.file;
        let mut out = self.output.stdout();
        out.line(format_args!("{}:{line_number}: {line}", file.rel))?;
        let Parsed::Person(person) = kith::vault::read_note(&file.rel, &file.abs) else {
            bail!(
                "{} was written but can no longer be read as a person",
                output::clean(&file.rel)
            );
        };
        let summary = Summary::of(&person, &vault.config, self.today).with_mentions(
            picked.mentions,
            &vault.config,
            self.today,
        );
        let status = Status::of(&summary, &vault.config, self.today);
        out.line(format_args!(
            "{}: {}",
            person.name(),
            status.describe(self.today)
        ))?;
        out.flush()?;
        Ok(())
    }

    /// The one of `candidates` that `name` means.
    fn pick(
        &self,
        vault: &Vault,
        candidates: &[Summary],
        name: &str,
        matching: Matching,
    ) -> Result<Picked> {
        let person = resolve(candidates, name, matching)?;
        Ok(Picked {
            file: NotePath {
                rel: person.path.clone(),
                abs: vault.root.join(&person.path),
            },
            mentions: person.mentions.clone(),
        })
    }
}

/// The person a NAME means: their note, and their mentions elsewhere.
struct Picked {
    file: NotePath,
    mentions: Vec<Mention>,
}

/// Says what logging a line into several notes did: each line written
/// (as `path:line: text`) on stdout, each note not written with why, and
/// a summary at the end. Exit 0 when every note was written, else 1.
fn said_logged(env: &Env, logged: &[Logged], what: &str) -> Result<ExitCode> {
    let mut out = env.output.stdout();
    for logged in logged {
        if let Ok(added) = &logged.outcome {
            out.line(format_args!(
                "{}:{}: {}",
                logged.rel, added.line_number, added.line
            ))?;
        }
    }
    out.flush()?;
    let failed: Vec<&Logged> = logged.iter().filter(|l| l.outcome.is_err()).collect();
    for logged in &failed {
        if let Err(why) = &logged.outcome {
            env.output
                .warn(format_args!("{}: not written: {why}", logged.rel));
        }
    }
    let notes = |n: usize| format!("{n} {}", if n == 1 { "note" } else { "notes" });
    if failed.is_empty() {
        env.output
            .status(format_args!("logged {what} in {}", notes(logged.len())));
        return Ok(ExitCode::SUCCESS);
    }
    let written = logged.len() - failed.len();
    let names: Vec<&str> = failed.iter().map(|l| l.rel.as_str()).collect();
    env.output.warn(format_args!(
        "logged {what} in {written} of {}; not written: {}",
        notes(logged.len()),
        names.join(", ")
    ));
    Ok(ExitCode::from(1))
}

/// A note as a command changed it, and the line to say.
struct Changed {
    bytes: Vec<u8>,
    line_number: usize,
    line: String,
}

/// The tag that makes a new note a person where people are marked, not
/// filed (no people folder): the first tag among the vault's markers.
fn marker_tag<'a>(vault: &'a Vault, rule: &Rule) -> Option<&'a str> {
    if !rule.folders.is_empty() || rule.fallback {
        return None;
    }
    vault.markers().iter().find_map(Marker::as_tag)
}

/// Where new notes go under `rule`: the first people folder (the vault
/// root when people are marked, not filed), vault-relative and as a
/// resolved folder inside the vault.
fn new_notes_folder(vault: &Vault, rule: &Rule) -> Result<(String, PathBuf)> {
    let folder = rule.folders.first().cloned().unwrap_or_default();
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
        command: cli.command.name(),
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
        Command::Log {
            name,
            text,
            date,
            them,
        } => log::run(&env, &name, &text, date, them),
        Command::Done { name, text } => done::run(&env, &name, text.as_deref()),
        Command::Snooze { name, until } => snooze::run(&env, &name, until),
        Command::New(args) => new::run(&env, &args),
        Command::Share(args) => share::run(&env, &args),
        Command::Intros { name, limit, json } => intros::run(&env, name.as_deref(), limit, json),
        Command::Intro { a, b, text } => intro::run(&env, &a, &b, text.as_deref()),
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
