//! Which person a NAME on the command line means: matched against names,
//! aliases, file names and paths, ignoring case and accents. Pure.

use std::fmt;

use crate::note::summary::Summary;
use crate::text::{clean, fold};

/// Most suggestions offered for an unknown name.
const MAX_SUGGESTIONS: usize = 3;

/// Most candidates listed in a message; the rest are counted.
const MAX_LISTED: usize = 10;

/// A person the name could mean, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The person's name.
    pub name: String,
    /// The note's vault path.
    pub path: String,
}

/// How much of a name must be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matching {
    /// A unique start of a word of a name is enough (`love` → Ada
    /// Lovelace): for commands that only read.
    Prefix,
    /// The whole name, an alias, the file name or the path, or whole words
    /// of one that only one person has (`marcus` → Marcus Chen): for
    /// commands that write, so that a typo never changes someone else's
    /// note.
    Exact,
}

/// Why a name did not lead to exactly one person. Names, paths and the
/// query are shown with control characters neutralised.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// Several people fit.
    #[error("'{query}' could be {count} people; name one by its full name or path:{list}",
        query = clean(.query), count = .candidates.len(), list = Listing(.candidates))]
    Ambiguous {
        /// The name as given.
        query: String,
        /// Who it could be.
        candidates: Vec<Candidate>,
    },
    /// Nobody fits.
    #[error("no person is called '{query}'{hint}", query = clean(.query), hint = Hint(.suggestions))]
    Unknown {
        /// The name as given.
        query: String,
        /// Close names.
        suggestions: Vec<Candidate>,
    },
    /// Only the start of a name was given to a command that writes.
    #[error("no person is called '{query}' (to change a note, give the full name or a whole \
        word of it, an alias, the file name or the path); did you mean:{list}",
        query = clean(.query), list = Listing(.candidates))]
    Partial {
        /// The name as given.
        query: String,
        /// Whose names start so.
        candidates: Vec<Candidate>,
    },
}

/// Candidates one per line, each on a new line under a message: the
/// first `MAX_LISTED`, then how many more; each name and path cleaned
/// to one line, so that no note can add a line to the message.
pub struct Listing<'a>(pub &'a [Candidate]);

impl fmt::Display for Listing<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for candidate in self.0.iter().take(MAX_LISTED) {
            write!(
                f,
                "\n  {}  ({})",
                clean(&candidate.name),
                clean(&candidate.path)
            )?;
        }
        if self.0.len() > MAX_LISTED {
            write!(f, "\n  …and {} more", self.0.len() - MAX_LISTED)?;
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

/// Lower-cased, accent-free, with runs of spaces as one space: names that
/// are the same this way are the same name.
pub(crate) fn normal(text: &str) -> String {
    fold(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Like [`normal`], with `-` and `_` read as spaces too (`adam-tooze` is
/// `adam tooze`); empty when nothing else is left.
fn spaced(text: &str) -> String {
    fold(text)
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether two names are the same but for case, accents and spacing.
pub fn same_name(a: &str, b: &str) -> bool {
    normal(a) == normal(b)
}

/// Every way `person` can be named, normalised: name, aliases, file name,
/// and the vault path with and without `.md`; each also with `-` and `_`
/// as spaces.
fn keys(person: &Summary) -> Vec<String> {
    let path = normal(&person.path);
    let mut keys: Vec<String> = person
        .names(true)
        .map(normal)
        .filter(|key| !key.is_empty())
        .collect();
    keys.extend(path.strip_suffix(".md").map(str::to_string));
    keys.push(path);
    let spaced_keys: Vec<String> = keys
        .iter()
        .map(|key| spaced(key))
        .filter(|key| !key.is_empty() && !keys.contains(key))
        .collect();
    keys.extend(spaced_keys);
    keys
}

/// Whether `query` starts `key` or one of its words (`love` → `Ada Lovelace`).
fn starts_a_word(key: &str, query: &str) -> bool {
    key.starts_with(query)
        || key
            .match_indices([' ', '-', '/'])
            .any(|(at, sep)| key[at + sep.len()..].starts_with(query))
}

/// The words of a normalised text: its runs of letters and digits.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect()
}

/// Whether `wanted` (some words) are whole words of `key`, one after the
/// other (`marcus` and `chen` of `marcus chen`, not `marc`).
fn whole_words(key: &str, wanted: &[&str]) -> bool {
    !wanted.is_empty() && words(key).windows(wanted.len()).any(|run| run == wanted)
}

fn candidate(person: &Summary) -> Candidate {
    Candidate {
        name: person.name().to_string(),
        path: person.path.clone(),
    }
}

/// Finds the one person `query` names. An exact match (ignoring case,
/// accents, and `-` or `_` against spaces) on a name, alias, file name or
/// path wins; failing that, a unique person with whole words of one
/// (`marcus`); failing that, with [`Matching::Prefix`], a unique person
/// one of whose names starts with the query, word by word. With
/// [`Matching::Exact`] such people are only suggested.
pub fn resolve<'a>(
    people: &'a [Summary],
    query: &str,
    matching: Matching,
) -> Result<&'a Summary, ResolveError> {
    let wanted = normal(query);
    let wanted_spaced = spaced(query);
    let keyed: Vec<(&Summary, Vec<String>)> = people.iter().map(|p| (p, keys(p))).collect();
    let having = |fits: &dyn Fn(&str) -> bool| -> Vec<&Summary> {
        keyed
            .iter()
            .filter(|(_, keys)| keys.iter().any(|key| fits(key)))
            .map(|(p, _)| *p)
            .collect()
    };
    let mut found =
        having(&|key| key == wanted || (!wanted_spaced.is_empty() && key == wanted_spaced));
    let mut partial = false;
    // Only a query of words, spaces and punctuation is taken word by word.
    let plain = wanted
        .chars()
        .all(|c| c.is_alphanumeric() || c.is_whitespace() || c.is_ascii_punctuation());
    let wanted_words = if plain { words(&wanted) } else { Vec::new() };
    if found.is_empty() && !wanted_words.is_empty() {
        found = having(&|key| whole_words(key, &wanted_words));
    }
    if found.is_empty() && !wanted.is_empty() {
        found = having(&|key| starts_a_word(key, &wanted));
        partial = true;
    }
    let candidates = |found: &[&Summary]| found.iter().map(|p| candidate(p)).collect();
    match found.as_slice() {
        [] => Err(ResolveError::Unknown {
            query: query.to_string(),
            suggestions: suggest(&keyed, &wanted),
        }),
        many if partial && matching == Matching::Exact => Err(ResolveError::Partial {
            query: query.to_string(),
            candidates: candidates(many),
        }),
        [one] => Ok(one),
        many => Err(ResolveError::Ambiguous {
            query: query.to_string(),
            candidates: candidates(many),
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
    close.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name().cmp(b.1.name())));
    close
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, p)| candidate(p))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::fields::Field;

    fn person(path: &str, name: &str, aliases: &[&str]) -> Summary {
        let mut summary = Summary {
            path: path.into(),
            ..Summary::default()
        };
        summary.fields.set_text(Field::Name, name);
        summary.fields.set_list(
            Field::Aliases,
            aliases.iter().map(|a| a.to_string()).collect(),
        );
        summary
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
        resolve(&people, query, Matching::Prefix).map(|p| p.path.clone())
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
        assert!(resolve(&[], "ada", Matching::Prefix).is_err());
        assert!(resolve(&[], "ada", Matching::Exact).is_err());
    }

    #[test]
    fn two_notes_with_one_name_are_ambiguous_until_the_path_is_given() {
        let people = vec![
            person("people/a/Sam.md", "Sam", &[]),
            person("people/b/Sam.md", "Sam", &[]),
        ];
        assert!(matches!(
            resolve(&people, "sam", Matching::Exact),
            Err(ResolveError::Ambiguous { .. })
        ));
        assert_eq!(
            resolve(&people, "people/b/Sam", Matching::Exact)
                .unwrap()
                .path,
            "people/b/Sam.md"
        );
    }

    #[test]
    fn writing_needs_a_whole_name_and_suggests_the_people_a_start_matches() {
        let people = vec![person("people/Anna.md", "Anna Schmidt", &["Annie"])];
        for whole in ["anna schmidt", "ANNIE", "anna", "people/Anna.md", "Schmidt"] {
            assert_eq!(
                resolve(&people, whole, Matching::Exact).unwrap().path,
                "people/Anna.md",
                "{whole}"
            );
        }
        assert!(resolve(&people, "s", Matching::Prefix).is_ok());
        for start in ["s", "ann", "schm"] {
            let error = resolve(&people, start, Matching::Exact).unwrap_err();
            assert_eq!(
                error.to_string(),
                format!(
                    "no person is called '{start}' (to change a note, give the full name or a whole \
                     word of it, an alias, the file name or the path); did you mean:\n  \
                     Anna Schmidt  (people/Anna.md)"
                )
            );
        }
        assert!(matches!(
            resolve(&people, "Xerxes", Matching::Exact),
            Err(ResolveError::Unknown { .. })
        ));
    }

    #[test]
    fn a_whole_word_one_person_has_is_enough_even_to_write() {
        let people = vec![
            person("people/Marcus Chen.md", "Marcus Chen", &["Marc"]),
            person("people/Ada Lovelace.md", "Ada Lovelace", &[]),
            person("people/Ada King.md", "Ada King", &[]),
            person("people/Adam-Tooze.md", "Adam Tooze", &[]),
        ];
        let path = |query: &str| {
            resolve(&people, query, Matching::Exact)
                .map(|p| p.path.clone())
                .map_err(|e| e.to_string())
        };
        assert_eq!(path("marcus").unwrap(), "people/Marcus Chen.md");
        assert_eq!(path("CHEN").unwrap(), "people/Marcus Chen.md");
        assert_eq!(path("king").unwrap(), "people/Ada King.md");
        assert!(path("ada").unwrap_err().contains("could be 2 people"));
        assert!(path("marcu").unwrap_err().contains("a whole word of it"));
        // Whole words are weighed before the starts of words: `ada` is two
        // people, Adam is not one of them, and alone Ada is found.
        match resolve(&people, "ada", Matching::Prefix) {
            Err(ResolveError::Ambiguous { candidates, .. }) => assert_eq!(candidates.len(), 2),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            resolve(&people[2..], "ada", Matching::Exact).unwrap().path,
            "people/Ada King.md"
        );
    }

    #[test]
    fn dashes_and_underscores_match_spaces() {
        let people = vec![
            person("people/Adam-Tooze.md", "Adam Tooze", &[]),
            person("people/mary_jane.md", "Mary-Jane Watson", &[]),
        ];
        for (query, path) in [
            ("Adam Tooze", "people/Adam-Tooze.md"),
            ("adam-tooze", "people/Adam-Tooze.md"),
            ("adam_tooze", "people/Adam-Tooze.md"),
            ("mary jane watson", "people/mary_jane.md"),
            ("Mary Jane", "people/mary_jane.md"),
            ("people/Adam Tooze", "people/Adam-Tooze.md"),
        ] {
            assert_eq!(
                resolve(&people, query, Matching::Exact).unwrap().path,
                path,
                "{query}"
            );
        }
    }

    #[test]
    fn typos_of_aliases_are_suggested() {
        let people = vec![person(
            "people/Wren Castillo.md",
            "Wren Castillo",
            &["Birdie"],
        )];
        let error = resolve(&people, "Brdie", Matching::Prefix).unwrap_err();
        assert!(error.to_string().contains("Wren Castillo"), "{error}");
    }

    #[test]
    fn long_listings_show_ten_and_count_the_rest() {
        let people: Vec<Summary> = (0..13)
            .map(|i| person(&format!("people/{i:02}/Sam.md"), "Sam", &[]))
            .collect();
        let message = resolve(&people, "sam", Matching::Prefix)
            .unwrap_err()
            .to_string();
        assert_eq!(message.lines().count(), 1 + 10 + 1, "{message}");
        assert!(
            message.contains("(people/09/Sam.md)\n  …and 3 more"),
            "{message}"
        );
        assert!(!message.contains("people/10/"), "{message}");
    }

    #[test]
    fn names_paths_and_queries_are_shown_without_control_characters() {
        let people = vec![
            person("people/a\u{1b}[2J.md", "Sam\u{1b}]0;pwned\u{7}", &[]),
            person("people/b.md", "Sam\u{1b}]0;pwned\u{7}", &[]),
        ];
        let ambiguous = resolve(&people, "sam\u{1b}]0;pwned\u{7}", Matching::Prefix)
            .unwrap_err()
            .to_string();
        let unknown = resolve(&people, "x\u{1b}[2J", Matching::Prefix)
            .unwrap_err()
            .to_string();
        let partial = resolve(&people, "sa", Matching::Exact)
            .unwrap_err()
            .to_string();
        for message in [&ambiguous, &unknown, &partial] {
            assert!(
                !message.chars().any(|c| c.is_control() && c != '\n'),
                "{message:?}"
            );
        }
        assert!(
            ambiguous.contains("\n  Sam  (people/a.md)\n  Sam  (people/b.md)"),
            "{ambiguous:?}"
        );
    }
}
