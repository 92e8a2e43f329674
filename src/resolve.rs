//! Which person a NAME on the command line means: matched against names,
//! aliases, file names and paths, ignoring case and accents. Pure.

use std::fmt;

use crate::note::file_stem;
use crate::summary::Summary;
use crate::text::fold;

/// Most suggestions offered for an unknown name.
const MAX_SUGGESTIONS: usize = 3;

/// A person the name could mean, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub name: String,
    pub path: String,
}

/// Why a name did not lead to exactly one person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    #[error("'{query}' could be {count} people; name one by its full name or path:{list}",
        count = .candidates.len(), list = Listing(.candidates))]
    Ambiguous {
        query: String,
        candidates: Vec<Candidate>,
    },
    #[error("no person is called '{query}'{hint}", hint = Hint(.suggestions))]
    Unknown {
        query: String,
        suggestions: Vec<Candidate>,
    },
}

/// Candidates one per line, under the message.
struct Listing<'a>(&'a [Candidate]);

impl fmt::Display for Listing<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for candidate in self.0 {
            write!(f, "\n  {}  ({})", candidate.name, candidate.path)?;
        }
        Ok(())
    }
}

/// "did you mean …" for an unknown name, or how to see everyone.
struct Hint<'a>(&'a [Candidate]);

impl fmt::Display for Hint<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str(" (`kith list` shows everyone; `kith new NAME` adds someone)");
        }
        f.write_str("; did you mean:")?;
        Listing(self.0).fmt(f)
    }
}

/// Lower-cased, accent-free, with runs of spaces as one space.
fn normal(text: &str) -> String {
    fold(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether two names are the same but for case, accents and spacing.
pub fn same_name(a: &str, b: &str) -> bool {
    normal(a) == normal(b)
}

/// Every way `person` can be named, normalised: name, aliases, file name,
/// and the vault path with and without `.md`.
fn keys(person: &Summary) -> Vec<String> {
    let path = normal(&person.path);
    let mut keys: Vec<String> = [person.name.as_str(), file_stem(&person.path)]
        .into_iter()
        .chain(person.aliases.iter().map(String::as_str))
        .map(normal)
        .filter(|key| !key.is_empty())
        .collect();
    keys.extend(path.strip_suffix(".md").map(str::to_string));
    keys.push(path);
    keys
}

/// Whether `query` starts `key` or one of its words (`love` → `Ada Lovelace`).
fn starts_a_word(key: &str, query: &str) -> bool {
    key.starts_with(query)
        || key
            .match_indices([' ', '-', '/'])
            .any(|(at, sep)| key[at + sep.len()..].starts_with(query))
}

fn candidate(person: &Summary) -> Candidate {
    Candidate {
        name: person.name.clone(),
        path: person.path.clone(),
    }
}

/// Finds the one person `query` names. An exact match (ignoring case and
/// accents) on a name, alias, file name or path wins; failing that, a
/// unique person one of whose names starts with the query, word by word.
pub fn resolve<'a>(people: &'a [Summary], query: &str) -> Result<&'a Summary, ResolveError> {
    let wanted = normal(query);
    let keyed: Vec<(&Summary, Vec<String>)> = people.iter().map(|p| (p, keys(p))).collect();
    let exact: Vec<&Summary> = keyed
        .iter()
        .filter(|(_, keys)| keys.contains(&wanted))
        .map(|(p, _)| *p)
        .collect();
    let found = if exact.is_empty() && !wanted.is_empty() {
        keyed
            .iter()
            .filter(|(_, keys)| keys.iter().any(|key| starts_a_word(key, &wanted)))
            .map(|(p, _)| *p)
            .collect()
    } else {
        exact
    };
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(ResolveError::Unknown {
            query: query.to_string(),
            suggestions: suggest(&keyed, &wanted),
        }),
        many => Err(ResolveError::Ambiguous {
            query: query.to_string(),
            candidates: many.iter().map(|p| candidate(p)).collect(),
        }),
    }
}

/// The people whose closest name is a few edits away from `wanted`, best
/// first.
fn suggest(keyed: &[(&Summary, Vec<String>)], wanted: &str) -> Vec<Candidate> {
    let limit = (wanted.chars().count() / 3).clamp(1, 3);
    let mut close: Vec<(usize, &Summary)> = keyed
        .iter()
        .filter_map(|(person, keys)| {
            let best = keys
                .iter()
                .flat_map(|key| std::iter::once(key.as_str()).chain(key.split(' ')))
                .map(|key| strsim::damerau_levenshtein(key, wanted))
                .min()?;
            (best <= limit).then_some((best, *person))
        })
        .collect();
    close.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
    close
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, p)| candidate(p))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(path: &str, name: &str, aliases: &[&str]) -> Summary {
        Summary {
            path: path.into(),
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            ..Summary::default()
        }
    }

    fn people() -> Vec<Summary> {
        vec![
            person("people/Ada Lovelace.md", "Ada Lovelace", &["Countess"]),
            person("people/Ada King.md", "Ada King", &[]),
            person("people/zoe.md", "Zoë Müller", &[]),
            person("people/Grace.md", "Grace Hopper", &["Amazing Grace"]),
            person("people/work/Ada.md", "Ada", &[]),
        ]
    }

    fn name(query: &str) -> Result<String, ResolveError> {
        let people = people();
        resolve(&people, query).map(|p| p.path.clone())
    }

    #[test]
    fn exact_names_aliases_and_files_ignore_case_and_accents() {
        assert_eq!(name("ZOE MULLER").unwrap(), "people/zoe.md");
        assert_eq!(name("zoë  müller ").unwrap(), "people/zoe.md");
        assert_eq!(name("countess").unwrap(), "people/Ada Lovelace.md");
        assert_eq!(name("grace").unwrap(), "people/Grace.md");
        assert_eq!(name("people/Ada King").unwrap(), "people/Ada King.md");
        assert_eq!(name("people/Ada King.md").unwrap(), "people/Ada King.md");
    }

    #[test]
    fn exact_match_wins_over_prefixes() {
        // `ada` starts three names but is exactly the name of one.
        assert_eq!(name("Ada").unwrap(), "people/work/Ada.md");
    }

    #[test]
    fn a_unique_word_prefix_is_enough() {
        assert_eq!(name("zoe").unwrap(), "people/zoe.md");
        assert_eq!(name("love").unwrap(), "people/Ada Lovelace.md");
        assert_eq!(name("hopp").unwrap(), "people/Grace.md");
    }

    #[test]
    fn ambiguous_names_list_every_candidate_with_its_path() {
        assert_eq!(name("ada k").unwrap(), "people/Ada King.md");
        let message = name("ad").unwrap_err().to_string();
        assert!(message.starts_with("'ad' could be 3 people"), "{message}");
        assert!(message.contains("\n  Ada Lovelace  (people/Ada Lovelace.md)"));
        assert!(message.contains("\n  Ada  (people/work/Ada.md)"));
    }

    #[test]
    fn unknown_names_suggest_close_ones() {
        let error = name("Grase Hoper").unwrap_err();
        assert_eq!(
            error.to_string(),
            "no person is called 'Grase Hoper'; did you mean:\n  Grace Hopper  (people/Grace.md)"
        );
        let error = name("Lovelase").unwrap_err().to_string();
        assert!(error.contains("Ada Lovelace"), "{error}");
        let nothing = name("Xerxes").unwrap_err().to_string();
        assert!(nothing.contains("`kith list` shows everyone"), "{nothing}");
    }

    #[test]
    fn empty_and_odd_queries_are_unknown_not_panics() {
        assert!(matches!(name(""), Err(ResolveError::Unknown { .. })));
        assert!(matches!(name("   "), Err(ResolveError::Unknown { .. })));
        assert!(matches!(name("|"), Err(ResolveError::Unknown { .. })));
        assert!(resolve(&[], "ada").is_err());
    }

    #[test]
    fn two_notes_with_one_name_are_ambiguous_until_the_path_is_given() {
        let people = vec![
            person("people/a/Sam.md", "Sam", &[]),
            person("people/b/Sam.md", "Sam", &[]),
        ];
        assert!(matches!(
            resolve(&people, "sam"),
            Err(ResolveError::Ambiguous { .. })
        ));
        assert_eq!(
            resolve(&people, "people/b/Sam").unwrap().path,
            "people/b/Sam.md"
        );
    }
}
