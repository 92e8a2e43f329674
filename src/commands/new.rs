//! `kith new NAME`: create a person note from the vault's template or the
//! built-in one, never over an existing note, and print its path.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use kith::note::{self, Parsed};
use kith::resolve::same_name;
use kith::template::{self, BUILT_IN, Fields, TEMPLATE_PATH};
use kith::{atomic, note::file_stem};

use super::Env;
use crate::cli::NewArgs;

pub fn run(env: &Env, args: &NewArgs) -> Result<ExitCode> {
    let name = template::check_name(&args.name)?;
    let vault = env.open_vault()?;
    let folder = vault
        .people_folders()
        .into_iter()
        .next()
        .unwrap_or_default();
    let dir = vault.root.join(&folder);
    let dir = dir
        .canonicalize()
        .with_context(|| format!("cannot open the people folder {}", dir.display()))?;
    let path = dir.join(format!("{name}.md"));
    let in_vault = vault.root.join(&folder).join(format!("{name}.md"));
    let rel = vault.relative(&in_vault);
    if in_vault == vault.report_path()
        || rel.eq_ignore_ascii_case(vault.config.report.trim_start_matches("./"))
    {
        bail!("{rel} is where kith writes its report; give the person another name");
    }

    let loaded = env.load(&vault)?;
    if let Some(taken) = loaded
        .people
        .iter()
        .find(|p| same_name(&p.name, name) || same_name(file_stem(&p.path), name))
    {
        bail!(
            "'{name}' is already the name of {}; open that note, or give a fuller name",
            taken.path
        );
    }
    if let Some(alias) = loaded
        .people
        .iter()
        .find(|p| p.aliases.iter().any(|a| same_name(a, name)))
    {
        eprintln!(
            "kith: note: '{name}' is also an alias of {} ({})",
            alias.name, alias.path
        );
    }

    let template = match std::fs::read(vault.root.join(TEMPLATE_PATH)) {
        Ok(bytes) => Some(
            String::from_utf8(bytes)
                .with_context(|| format!("{TEMPLATE_PATH} is not UTF-8 text"))?,
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("cannot read {TEMPLATE_PATH}")),
    };
    let fields = Fields {
        name: name.to_string(),
        org: args.org.clone().filter(|s| !s.is_empty()),
        role: args.role.clone().filter(|s| !s.is_empty()),
        email: args.email.clone().filter(|s| !s.is_empty()),
        tags: args
            .tags
            .iter()
            .filter(|t| !t.is_empty())
            .cloned()
            .collect(),
        cadence: args.cadence.clone().filter(|s| !s.is_empty()),
        date: env.today,
    };
    let text = template::render(template.as_deref().unwrap_or(BUILT_IN), &fields);
    match atomic::create_new(&path, text.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            bail!("{rel} already exists; kith never overwrites a note")
        }
        other => other.with_context(|| format!("cannot create {rel}"))?,
    }
    // The built-in template always reads back cleanly; a vault's own may not.
    if let Parsed::Person(person) = note::parse(&rel, text.as_bytes()) {
        for problem in &person.problems {
            eprintln!("kith: warning: {problem} (made from {TEMPLATE_PATH})");
        }
    }
    writeln!(std::io::stdout().lock(), "{}", path.display())?;
    Ok(ExitCode::SUCCESS)
}
