//! `kith intro A B [TEXT]`: an introduction recorded in both notes, each
//! linking the other, in one step `kith undo` reverts.

use std::process::ExitCode;

use anyhow::{Result, bail};
use kith::relate::intros::intro_text;
use kith::resolve::{Matching, resolve};
use kith::write::batch;
use kith::write::journal::command_line;

use super::output::clean;
use super::{Env, said_logged};

pub(crate) fn run(env: &Env, a: &str, b: &str, text: Option<&str>) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let candidates = env.named(&vault, a)?;
    let first = resolve(&candidates, a, Matching::Exact)?;
    let (candidates, _) = env.named_fresh(&vault, b)?;
    let second = resolve(&candidates, b, Matching::Exact)?;
    if first.path == second.path {
        bail!(
            "'{a}' and '{b}' are both {}: introduce two people",
            clean(&first.path)
        );
    }
    let lines = [
        (
            first.path.clone(),
            intro_text(&second.path, second.name(), text),
        ),
        (
            second.path.clone(),
            intro_text(&first.path, first.name(), text),
        ),
    ];
    let typed: Vec<&str> = text.into_iter().collect();
    let command = command_line(&[&["intro", a, b], &typed[..]].concat());
    let logged = batch::log_each(&vault, &command, env.today, &lines)?;
    said_logged(env, &logged, "the introduction")
}
