//! `kith new NAME`: create a person note from the vault's template or the
//! built-in one, never over an existing note, and print its path.

use std::process::ExitCode;

use anyhow::{Result, bail};
use kith::note::fields::{Field, with_tag};
use kith::note::file_stem;
use kith::note::problem::Problem;
use kith::note::{self, Parsed};
use kith::resolve::same_name;
use kith::vault::people::is_marked;
use kith::write::journal::command_line;
use kith::write::template::{self, Fields, TEMPLATE_PATH};
use kith::write::transaction::Transaction;

use super::output::clean;
use super::{
    Env, NoteTemplate, is_report_path, marker_tag, new_notes_folder, note_path, note_template,
};
use crate::cli::NewArgs;

pub(crate) fn run(env: &Env, args: &NewArgs) -> Result<ExitCode> {
    let name = template::check_name(&args.name)?;
    let vault = env.open_vault()?;
    let (people, rule) = env.named_by_rule(&vault, name)?;
    let (folder, dir) = new_notes_folder(&vault, &rule)?;
    let path = dir.join(format!("{name}.md"));
    let rel = note_path(&folder, name);
    if is_report_path(&vault, &rel) {
        bail!("{rel} is where kith writes its report; give the person another name");
    }

    if let Some(taken) = people
        .iter()
        .find(|p| same_name(p.name(), name) || same_name(file_stem(&p.path), name))
    {
        bail!(
            "'{name}' is already the name of {}; open that note, or give a fuller name",
            clean(&taken.path)
        );
    }
    if let Some(alias) = people.iter().find(|p| {
        p.fields
            .list(Field::Aliases)
            .iter()
            .any(|a| same_name(a, name))
    }) {
        env.output.warn(format_args!(
            "note: '{name}' is also an alias of {} ({})",
            alias.name(),
            alias.path
        ));
    }

    let template = note_template(&vault)?;
    // Where people are marked, not filed, a new one is marked too.
    let tags = with_tag(
        args.tags
            .iter()
            .filter(|t| !t.is_empty())
            .cloned()
            .collect(),
        marker_tag(&vault, &rule),
    );
    let fields = Fields {
        name: name.to_string(),
        org: args.org.clone().filter(|s| !s.is_empty()),
        role: args.role.clone().filter(|s| !s.is_empty()),
        email: args.email.clone().filter(|s| !s.is_empty()),
        tags,
        cadence: args.cadence.clone().filter(|s| !s.is_empty()),
        date: env.today,
    };
    let text = template::render(&template.text, &fields)?;
    let mut tx = Transaction::begin(&vault, &command_line(&["new", name]))?;
    tx.create(&rel, &text)?;
    drop(tx);
    if let Parsed::Person(person) = note::parse(&rel, text.as_bytes()) {
        for problem in &person.problems {
            env.output.warn(warning(problem, &template));
        }
        if !rule.is_person(&rel, is_marked(vault.markers(), &person)) {
            let markers: Vec<String> = vault.markers().iter().map(ToString::to_string).collect();
            env.output.warn(format_args!(
                "note: {rel} is not a person until it carries a person marker ({})",
                markers.join(", ")
            ));
        }
    }
    let mut out = env.output.stdout();
    out.exact_line(path.display())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A problem of the new note, naming the vault's template when the note
/// was made from it.
fn warning(problem: &Problem, template: &NoteTemplate) -> String {
    if template.from_vault {
        format!("warning: {problem} (made from {TEMPLATE_PATH})")
    } else {
        format!("warning: {problem}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_name_the_template_only_when_it_was_read() {
        let problem = Problem::new("people/A.md", 3, "cadence: unknown cadence 'x'");
        let template = |from_vault| NoteTemplate {
            text: String::new(),
            from_vault,
        };
        assert_eq!(
            warning(&problem, &template(false)),
            "warning: people/A.md:3: cadence: unknown cadence 'x'"
        );
        assert_eq!(
            warning(&problem, &template(true)),
            "warning: people/A.md:3: cadence: unknown cadence 'x' (made from .kith/template.md)"
        );
    }
}
