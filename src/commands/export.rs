//! `kith export vcard|ics [-o FILE]`: every person as vCard 4.0, or the
//! calendar feed, on stdout or written atomically to a file.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use kith::contacts::contact::Contact;
use kith::contacts::contentline::stable_uuid;
use kith::contacts::{ics, vcard};
use kith::write::atomic;

use kith::index::Wanted;

use super::Env;

pub fn vcard(env: &Env, output: Option<&Path>) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let (mut people, problems) = vault.read_people();
    for problem in problems {
        eprintln!("kith: warning: {problem} (not exported)");
    }
    people.sort_by(|a, b| a.path.cmp(&b.path));
    let mut text = String::new();
    for person in &people {
        vcard::render_into(
            &mut text,
            &Contact::from_person(person),
            &stable_uuid(&person.path),
        );
    }
    emit(output, &text)?;
    eprintln!(
        "exported {} {}",
        people.len(),
        if people.len() == 1 {
            "person"
        } else {
            "people"
        }
    );
    Ok(ExitCode::SUCCESS)
}

pub fn ics(env: &Env, output: Option<&Path>, days: u32) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let loaded = env.load_wanted(&vault, Some(&Wanted::calendar(env.today, days)))?;
    let text = ics::render(&loaded.people, &vault.config, env.today, days);
    emit(output, &text)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints `text`, or writes it atomically to `output`.
fn emit(output: Option<&Path>, text: &str) -> Result<()> {
    match output {
        Some(path) => atomic::write(path, text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display())),
        None => Ok(std::io::stdout().lock().write_all(text.as_bytes())?),
    }
}
