//! Which note a link names, as Obsidian resolves it: by file name in any
//! case (the shortest path wins when several notes share it), by vault
//! path (`[[people/Marcus Chen]]`), a Markdown link by its path from the
//! linking note; and, where no note has the name, by a person's name or
//! alias. A name two people share names neither: a hint, not a guess. A
//! link naming nothing close to a person's name is a near miss.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::note::cadence::parse_date;
use crate::note::file_stem;
use crate::note::links::Link;
use crate::note::summary::Summary;
use crate::text::fold;

/// What a link names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    /// No note, no person: perhaps a note not written yet, or a typo.
    Nothing,
    /// A note that is not a person.
    Note,
    /// The person whose note is at this path.
    Person(String),
    /// Several people have the name linked: their paths, sorted.
    Ambiguous(Vec<String>),
}

/// What resolving a link needs to know of the vault.
pub(crate) trait Lookup {
    /// The notes whose file name without `.md`, lower-cased, is `stem`:
    /// each one's path and whether it is a person.
    fn notes_named(&self, stem: &str) -> Vec<(String, bool)>;
    /// The people one of whose names (see [`name_keys`]) is `key`.
    fn people_named(&self, key: &str) -> Vec<String>;
}

/// The key of a link in the index: its target's last part, lower-cased
/// (`marcus chen` for `[[people/Marcus Chen]]`): every note or name that
/// may answer to the link shares it.
pub(crate) fn link_key(target: &str) -> String {
    file_stem(target).trim().to_lowercase()
}

/// The names a person answers to beside their file name, lower-cased:
/// the name and the aliases.
pub(crate) fn name_keys(person: &Summary) -> Vec<String> {
    let mut keys: Vec<String> = person
        .names(false)
        .map(|name| name.trim().to_lowercase())
        .filter(|key| !key.is_empty() && !key.contains('/'))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// What `link`, written in the note at `from`, names.
pub(crate) fn resolve(link: &Link, from: &str, lookup: &dyn Lookup) -> Target {
    let target = link.target.trim();
    let target = match target.len().checked_sub(3) {
        Some(cut) if target.is_char_boundary(cut) && target[cut..].eq_ignore_ascii_case(".md") => {
            &target[..cut]
        }
        _ => target,
    };
    let wanted = target.trim_start_matches("./").to_lowercase();
    let notes = lookup.notes_named(&link_key(target));
    let sans_md = |path: &str| {
        let path = path.to_lowercase();
        path.strip_suffix(".md").map(str::to_string).unwrap_or(path)
    };
    let relative = (link.markdown || target.starts_with("../") || target.starts_with("./"))
        .then(|| from_folder(from, target))
        .flatten();
    let found = relative
        .and_then(|path| notes.iter().find(|(p, _)| sans_md(p) == path))
        .or_else(|| notes.iter().find(|(p, _)| sans_md(p) == wanted))
        .or_else(|| {
            notes
                .iter()
                .filter(|(p, _)| sans_md(p).ends_with(&format!("/{wanted}")))
                .min_by(|a, b| {
                    (a.0.matches('/').count(), a.0.len(), &a.0).cmp(&(
                        b.0.matches('/').count(),
                        b.0.len(),
                        &b.0,
                    ))
                })
        });
    if let Some((path, person)) = found {
        return if *person {
            Target::Person(path.clone())
        } else {
            Target::Note
        };
    }
    if target.contains('/') {
        return Target::Nothing;
    }
    let mut people = lookup.people_named(&link_key(target));
    people.sort_unstable();
    people.dedup();
    match people.len() {
        0 => Target::Nothing,
        1 => Target::Person(people.remove(0)),
        _ => Target::Ambiguous(people),
    }
}

/// `target` taken from the folder of the note at `from`, lower-cased,
/// `..` and `.` applied; `None` when it leads out of the vault.
fn from_folder(from: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/").to_lowercase())
}

/// What a near miss is measured against: a person's name, alias or file
/// name, folded (lower-cased, without accents).
pub(crate) fn near_keys(person: &Summary) -> Vec<String> {
    let mut keys: Vec<String> = person
        .names(true)
        .map(|name| fold(name.trim()))
        .filter(|key| !key.is_empty())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The folded form of a link target that names nothing, when it may be a
/// near miss: three characters or more, not a date.
pub(crate) fn loose_key(target: &str) -> Option<String> {
    let key = fold(file_stem(target).trim());
    (key.chars().count() >= 3 && parse_date(&key).is_none()).then_some(key)
}

/// Whether the loose key `loose` is a near miss of the person key `key`:
/// the same but for accents, or one edit away (two for keys of eight
/// characters or more; a swap of neighbours is one edit).
pub(crate) fn is_near(loose: &str, key: &str) -> bool {
    let limit = if key.chars().count() < 8 { 1 } else { 2 };
    strsim::osa_distance(loose, key) <= limit
}

/// The message of a link to nothing that is a near miss of `person`.
pub(crate) fn near_miss(target: &str, person: &Summary) -> String {
    let name = file_stem(&person.path);
    format!(
        "[[{target}]] links to no note; did you mean [[{name}]]? (a link to a person counts as \
         a contact on the note's date)"
    )
}

/// Everything a resolution may look up, in memory: for reading the whole
/// vault at once.
#[derive(Debug, Default)]
pub(crate) struct Known {
    notes: HashMap<String, Vec<(String, bool)>>,
    people: HashMap<String, Vec<String>>,
}

impl Known {
    /// Knows the note at `path`, a person or not.
    pub(crate) fn note(&mut self, path: &str, person: bool) {
        self.notes
            .entry(link_key(path))
            .or_default()
            .push((path.to_string(), person));
    }

    /// Knows the person whose note (known too) is at `path`, by `names`
    /// (see [`name_keys`]).
    pub(crate) fn person(&mut self, path: &str, names: &[String]) {
        for key in names {
            self.people
                .entry(key.clone())
                .or_default()
                .push(path.to_string());
        }
    }
}

impl Lookup for Known {
    fn notes_named(&self, stem: &str) -> Vec<(String, bool)> {
        self.notes.get(stem).cloned().unwrap_or_default()
    }

    fn people_named(&self, key: &str) -> Vec<String> {
        self.people.get(key).cloned().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::log::EntryKind;
    use crate::note::{Parsed, parse};

    fn person(path: &str, text: &str) -> Summary {
        let Parsed::Person(person) = parse(path, text.as_bytes()) else {
            panic!("a person");
        };
        Summary::of(
            &person,
            &crate::vault::config::Config::default(),
            chrono::NaiveDate::MIN,
        )
    }

    fn vault() -> Known {
        let mut known = Known::default();
        for (path, text) in [
            ("people/Marcus Chen.md", "---\naliases: [Marc]\n---\n"),
            (
                "people/work/Ada Lovelace.md",
                "---\naliases: [Countess]\n---\n",
            ),
            (
                "people/ada.md",
                "---\nname: Ada King\naliases: [Countess]\n---\n",
            ),
            ("archive/people/Marcus Chen.md", ""),
        ] {
            let summary = person(path, text);
            known.note(path, true);
            known.person(path, &name_keys(&summary));
        }
        known.note("Companies/Acme.md", false);
        known.note("Marc.md", false);
        known
    }

    fn link(target: &str, markdown: bool) -> Link {
        Link {
            target: target.into(),
            markdown,
            line: 1,
            kind: EntryKind::Note,
            date: None,
            text: String::new(),
        }
    }

    fn named(target: &str) -> Target {
        resolve(&link(target, false), "Journal/2026-11-20.md", &vault())
    }

    fn person_at(path: &str) -> Target {
        Target::Person(path.into())
    }

    #[test]
    fn file_names_in_any_case_and_paths_resolve_as_obsidian_does() {
        assert_eq!(named("Marcus Chen"), person_at("people/Marcus Chen.md"));
        assert_eq!(named("marcus chen.md"), person_at("people/Marcus Chen.md"));
        assert_eq!(
            named("archive/people/Marcus Chen"),
            person_at("archive/people/Marcus Chen.md")
        );
        assert_eq!(
            named("work/ada lovelace"),
            person_at("people/work/Ada Lovelace.md")
        );
        assert_eq!(named("Acme"), Target::Note);
        assert_eq!(named("nobody/Marcus Chen"), Target::Nothing);
    }

    #[test]
    fn names_and_aliases_answer_where_no_note_has_the_name() {
        assert_eq!(named("Ada King"), person_at("people/ada.md"));
        assert_eq!(named("ADA"), person_at("people/ada.md"));
        assert_eq!(
            named("countess"),
            Target::Ambiguous(vec![
                "people/ada.md".into(),
                "people/work/Ada Lovelace.md".into()
            ])
        );
        // A note named Marc wins over Marcus's alias.
        assert_eq!(named("Marc"), Target::Note);
        assert_eq!(named("Grace"), Target::Nothing);
    }

    #[test]
    fn markdown_links_resolve_from_the_linking_note_first() {
        let known = vault();
        let from = "people/notes/x.md";
        assert_eq!(
            resolve(&link("../Marcus Chen.md", true), from, &known),
            person_at("people/Marcus Chen.md")
        );
        assert_eq!(
            resolve(&link("archive/people/Marcus Chen.md", true), from, &known),
            person_at("archive/people/Marcus Chen.md")
        );
        assert_eq!(
            resolve(&link("../../../../Marcus Chen.md", true), from, &known),
            Target::Nothing,
            "out of the vault"
        );
        assert_eq!(
            resolve(&link("Marcus Chen.md", true), from, &known),
            person_at("people/Marcus Chen.md")
        );
    }

    #[test]
    fn near_misses_are_an_edit_or_two_away_or_differ_by_accents() {
        assert!(is_near("marcus chn", "marcus chen"));
        assert!(is_near("marcsu chen", "marcus chen"));
        assert!(is_near("zoe muller", &fold("Zoë Müller")));
        assert!(!is_near("marc", "mark chen"));
        assert!(!is_near("ado", "bob"));
        assert!(is_near("adaa", "ada"));
        assert_eq!(loose_key("Marcus Chn").as_deref(), Some("marcus chn"));
        assert_eq!(loose_key("2026-11-19"), None);
        assert_eq!(loose_key("Bo"), None);
    }
}
