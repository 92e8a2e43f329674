//! `kith log NAME TEXT`: add a dated line to a person's Log without
//! touching any other byte, then say when they are next due.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use kith::note::Parsed;
use kith::note::due::Status;
use kith::note::summary::Summary;
use kith::resolve::Matching;
use kith::vault;
use kith::write::{atomic, edit};

use super::Env;
use super::output::clean;

pub fn run(env: &Env, name: &str, text: &str, date: Option<NaiveDate>) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let file = env.find(&vault, name, Matching::Exact)?;
    let rel = clean(&file.rel);
    // Through a symbolic link, the target is changed and the link kept.
    let target = vault.within(&file.abs, &rel)?;
    let before = std::fs::read(&target).with_context(|| format!("cannot read {rel}"))?;
    let added = edit::insert_log_entry(&before, date.unwrap_or(env.today), text)
        .with_context(|| format!("nothing written to {rel}"))?;
    atomic::replace_unchanged(&target, &before, &added.bytes)
        .with_context(|| format!("cannot write {rel}"))?;

    let mut out = std::io::stdout().lock();
    writeln!(out, "{rel}:{}: {}", added.line_number, added.line)?;
    let Parsed::Person(person) = vault::read_note(&file.rel, &file.abs) else {
        bail!("{rel} was written but can no longer be read as a person");
    };
    let summary = Summary::of(&person, env.today);
    let status = Status::of(&summary, &vault.config, env.today);
    writeln!(
        out,
        "{}: {}",
        clean(&person.name),
        status.describe(env.today)
    )?;
    Ok(ExitCode::SUCCESS)
}
