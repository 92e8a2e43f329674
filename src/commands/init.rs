//! `kith init`: create `.kith/config.yaml` and `.kith/.gitignore`, keeping
//! anything that is already there; adopt the people folders and person
//! markers the vault already uses (written into the config), and make
//! `people/` only in a vault without notes.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use kith::vault::adopt::Survey;
use kith::vault::config::template;
use kith::vault::{GITIGNORE, KITH_DIR, Vault};

use super::Env;
use super::output::thousands;

pub(crate) fn run(env: &Env, path: Option<&Path>) -> Result<ExitCode> {
    let root = env
        .cwd
        .join(path.or(env.vault_flag()).unwrap_or(Path::new(".")));
    std::fs::create_dir_all(&root)
        .with_context(|| format!("cannot create the vault folder {}", root.display()))?;
    // A config kith cannot read is kept as it is; nothing is adopted then.
    let survey = Vault::open(&root).ok().map(|vault| Survey::of(&vault));
    let mut out = env.output.stdout();
    let mut dirs = vec![KITH_DIR];
    match &survey {
        Some(survey) if !survey.adopted.people.is_empty() => {
            for (folder, notes) in survey.adopted.people.iter().zip(&survey.folder_notes) {
                out.line(format_args!(
                    "found   {}/ ({} {}): kith reads people there",
                    if folder.is_empty() { "." } else { folder },
                    thousands(*notes),
                    if *notes == 1 { "note" } else { "notes" }
                ))?;
            }
        }
        Some(survey) if !survey.adopted.markers.is_empty() => {
            let markers: Vec<String> = survey
                .adopted
                .markers
                .iter()
                .map(|(marker, notes)| format!("{marker} on {}", thousands(*notes)))
                .collect();
            out.line(format_args!(
                "found   person markers ({}): kith reads marked notes as people",
                markers.join(", ")
            ))?;
        }
        Some(survey) if survey.notes > 0 => out.line(format_args!(
            "found   {} {} and no people folder or person marker: every note but dated \
             ones is a person until a People/ folder or a #person tag says otherwise",
            thousands(survey.notes),
            if survey.notes == 1 { "note" } else { "notes" }
        ))?,
        _ => dirs.push("people"),
    }
    for dir in dirs {
        let dir_path = root.join(dir);
        if dir_path.is_dir() {
            out.line(format_args!("kept    {dir}/"))?;
        } else {
            std::fs::create_dir(&dir_path)
                .with_context(|| format!("cannot create {}", dir_path.display()))?;
            out.line(format_args!("created {dir}/"))?;
        }
    }
    let config = template(&survey.map(|s| s.adopted).unwrap_or_default());
    for (name, content) in [("config.yaml", config.as_str()), (".gitignore", GITIGNORE)] {
        let file = root.join(KITH_DIR).join(name);
        let created = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&file)
            .and_then(|mut f| f.write_all(content.as_bytes()));
        match created {
            Ok(()) => out.line(format_args!("created {KITH_DIR}/{name}"))?,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                out.line(format_args!("kept    {KITH_DIR}/{name}"))?
            }
            Err(e) => return Err(e).with_context(|| format!("cannot write {}", file.display())),
        }
    }
    out.line(format_args!("vault ready at {}", root.display()))?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
