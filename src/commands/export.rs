//! `kith export vcard|ics [-o FILE]`: every person as vCard 4.0, or the
//! calendar feed, on stdout or written atomically to a file.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use kith::contacts::contact::Contact;
use kith::contacts::stable_uuid;
use kith::contacts::{ics, vcard};
use kith::write::atomic;

use kith::index::Wanted;

use super::Env;

pub(crate) fn vcard(env: &Env, output: Option<&Path>) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let loaded = env.load(&vault)?;
    for problem in &loaded.problems {
        env.output
            .warn(format_args!("warning: {problem} (not exported)"));
    }
    let mut text = String::new();
    for person in &loaded.people {
        vcard::render_into(
            &mut text,
            &Contact::of(&person.fields),
            &stable_uuid(&person.path),
        );
    }
    emit(env, output, &text)?;
    let count = loaded.people.len();
    env.output.status(format_args!(
        "exported {count} {}",
        if count == 1 { "person" } else { "people" }
    ));
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn ics(env: &Env, output: Option<&Path>, days: u32) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let loaded = env.load_wanted(&vault, Some(&Wanted::calendar(env.today, days)))?;
    let text = ics::render(&loaded.people, &vault.config, env.today, days);
    emit(env, output, &text)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints `text`, or writes it atomically to `output`.
fn emit(env: &Env, output: Option<&Path>, text: &str) -> Result<()> {
    match output {
        Some(path) => atomic::write(path, text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display())),
        None => {
            let mut out = env.output.stdout();
            out.file(text)?;
            Ok(out.flush()?)
        }
    }
}
