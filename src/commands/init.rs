//! `kith init`: create `.kith/config.yaml`, `.kith/.gitignore` and
//! `people/`, keeping anything that is already there.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use kith::vault::config::TEMPLATE;
use kith::vault::{GITIGNORE, KITH_DIR};

use super::Env;

pub(crate) fn run(env: &Env, path: Option<&Path>) -> Result<ExitCode> {
    let root = env
        .cwd
        .join(path.or(env.vault_flag()).unwrap_or(Path::new(".")));
    std::fs::create_dir_all(&root)
        .with_context(|| format!("cannot create the vault folder {}", root.display()))?;
    let mut out = env.output.stdout();
    for dir in [KITH_DIR, "people"] {
        let dir_path = root.join(dir);
        if dir_path.is_dir() {
            out.line(format_args!("kept    {dir}/"))?;
        } else {
            std::fs::create_dir(&dir_path)
                .with_context(|| format!("cannot create {}", dir_path.display()))?;
            out.line(format_args!("created {dir}/"))?;
        }
    }
    for (name, content) in [("config.yaml", TEMPLATE), (".gitignore", GITIGNORE)] {
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
