//! Which notes are people: the person marker (a tag or a property), the
//! folder names that hold people or templates, dated and placeholder
//! notes, and [`Rule`], which puts them together for one vault.

use std::fmt;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::note::fields::{self, Field};
use crate::note::problem::Problem;
use crate::note::{Parsed, Person};
use crate::vault::daily::{DailyNotes, date_of_path};
use crate::vault::scan::is_below;

/// The words that name people in a folder, a tag or a property value:
/// `People/`, `#contact`, `type: person`.
const PERSON_WORDS: &[&str] = &["person", "persons", "people", "contact", "contacts"];
/// The words that name a folder of templates: `Templates/`, `_templates/`.
const TEMPLATE_WORDS: &[&str] = &["template", "templates"];
/// The properties whose value marks a person by default.
const MARKER_KEYS: &[&str] = &["type", "category", "categories"];
/// People folders are found this many levels deep at most
/// (`01 - Community/CRM/People`).
pub(crate) const MAX_FOLDER_DEPTH: usize = 3;

/// What marks a note as a person wherever it is: a tag, or a property
/// with a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker(Is);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Is {
    /// A tag, lower-cased, without `#`; a nested tag (`person/friends`)
    /// counts as its parent.
    Tag(String),
    /// A property whose value (or one of whose items) is `value`, a link
    /// read as its target; both lower-cased. `field` is the field kith
    /// reads the key as, looked up once.
    Property {
        key: String,
        field: Option<Field>,
        value: String,
    },
}

/// The markers used when the config sets none.
static DEFAULT_MARKERS: LazyLock<Vec<Marker>> = LazyLock::new(|| {
    let tags = PERSON_WORDS.iter().map(|word| Marker::tag(word));
    let properties = MARKER_KEYS
        .iter()
        .flat_map(|key| PERSON_WORDS.iter().map(|word| Marker::property(key, word)));
    tags.chain(properties).collect()
});

impl Marker {
    /// The tag `tag` (without `#`), nested ones included.
    pub fn tag(tag: &str) -> Marker {
        Marker(Is::Tag(tag.to_lowercase()))
    }

    /// The property `key` with the value `value`.
    pub fn property(key: &str, value: &str) -> Marker {
        Marker(Is::Property {
            key: key.to_lowercase(),
            field: fields::lookup(key).map(|spec| spec.field),
            value: value.to_lowercase(),
        })
    }

    /// The tag, when this marker is one.
    pub fn as_tag(&self) -> Option<&str> {
        match &self.0 {
            Is::Tag(tag) => Some(tag),
            Is::Property { .. } => None,
        }
    }

    /// Reads a marker as the config writes it: `#tag` (or a bare `tag`) or
    /// `key: value`. The error says what is wrong, without the key.
    pub fn parse(text: &str) -> Result<Marker, String> {
        let text = text.trim();
        let marker = match text.split_once(':') {
            Some((key, value)) => {
                let key = key.trim();
                let value = crate::note::cadence::strip_wikilink(value.trim()).trim();
                let bad = key.is_empty() || value.is_empty() || key.contains(char::is_whitespace);
                (!bad).then(|| Marker::property(key, value))
            }
            None => {
                let tag = text.trim_start_matches('#');
                (!tag.is_empty() && !tag.contains(char::is_whitespace)).then(|| Marker::tag(tag))
            }
        };
        marker.ok_or_else(|| {
            format!(
                "'{text}' is not a marker: write a tag (\"#person\", in quotes) or a property \
                 (\"type: person\")"
            )
        })
    }

    /// The markers kith looks for when the config names none.
    pub fn defaults() -> &'static [Marker] {
        &DEFAULT_MARKERS
    }

    /// Whether `person`'s note carries this marker.
    fn on(&self, person: &Person) -> bool {
        match &self.0 {
            Is::Tag(tag) => person
                .fields
                .list(Field::Tags)
                .iter()
                .any(|have| tag_is(have, tag)),
            Is::Property {
                field: Some(field),
                value,
                ..
            } => match person.fields.get(*field) {
                Some(fields::Value::Text(text)) => same_value(text, value),
                Some(fields::Value::List(items)) => {
                    items.iter().any(|item| same_value(item, value))
                }
                _ => false,
            },
            Is::Property {
                key,
                field: None,
                value,
            } => person
                .fields
                .other
                .iter()
                .filter(|(have, _)| have.eq_ignore_ascii_case(key))
                .any(|(_, text)| text.split(", ").any(|item| same_value(item, value))),
        }
    }
}

impl fmt::Display for Marker {
    /// As the config writes it: `#person`, `type: person`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Is::Tag(tag) => write!(f, "#{tag}"),
            Is::Property { key, value, .. } => write!(f, "{key}: {value}"),
        }
    }
}

/// Whether the note `person` carries one of `markers`.
pub fn is_marked(markers: &[Marker], person: &Person) -> bool {
    markers.iter().any(|marker| marker.on(person))
}

/// The markers among `markers` that `person` carries.
pub(crate) fn markers_on<'a>(markers: &'a [Marker], person: &Person) -> Vec<&'a Marker> {
    markers.iter().filter(|marker| marker.on(person)).collect()
}

/// A tag `have` (as written) is `tag` (lower-cased), or nested under it.
fn tag_is(have: &str, tag: &str) -> bool {
    let mut have = have
        .trim_start_matches('#')
        .chars()
        .flat_map(char::to_lowercase);
    tag.chars().all(|c| have.next() == Some(c)) && matches!(have.next(), None | Some('/'))
}

/// A property value as written is `value` (lower-cased), a link read as
/// its target.
fn same_value(have: &str, value: &str) -> bool {
    let have = crate::note::cadence::strip_wikilink(have.trim()).trim();
    have.chars().flat_map(char::to_lowercase).eq(value.chars())
}

/// A folder name without the numbering, emoji and punctuation around it,
/// lower-cased: `01 - People` and `_People 👥` are `people`.
fn folder_word(name: &str) -> String {
    name.trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase()
}

/// A folder name that says it holds people (`People`, `contacts`,
/// `01 - Persons`).
pub(crate) fn is_people_folder_name(name: &str) -> bool {
    PERSON_WORDS.contains(&folder_word(name).as_str())
}

/// A folder name that says it holds templates (`Templates`, `_templates`).
pub(crate) fn is_template_folder_name(name: &str) -> bool {
    TEMPLATE_WORDS.contains(&folder_word(name).as_str())
}

/// Text holding a template placeholder: `{{title}}` or `<% tp.file.title %>`.
pub(crate) fn has_placeholder(text: &str) -> bool {
    // Every file name passes here: most have neither bracket.
    if !text.bytes().any(|b| b == b'{' || b == b'<') {
        return false;
    }
    let between = |open: &str, close: &str| {
        text.find(open)
            .is_some_and(|at| text[at + open.len()..].contains(close))
    };
    between("{{", "}}") || between("<%", "%>")
}

/// A note that is a template: a field, or its first heading, is a
/// placeholder (`name: "{{title}}"`, `# <% tp.file.title %>`).
pub(crate) fn is_template_note(person: &Person) -> bool {
    // A placeholder is never a date or a cadence: only texts are looked at.
    let fields = person.fields.iter().any(|(_, value)| match value {
        fields::Value::Text(text) => has_placeholder(text),
        fields::Value::List(items) => items.iter().any(|item| has_placeholder(item)),
        _ => false,
    });
    let other = person
        .fields
        .other
        .iter()
        .any(|(_, text)| has_placeholder(text));
    let heading = person
        .body
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .is_some_and(|line| line.starts_with('#') && has_placeholder(line));
    fields || other || heading
}

/// How a vault's people are found, decided anew at every refresh: the
/// people folders, the marker, and the whole-vault fallback.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// Vault-relative people folders (from config, else found); `""` is
    /// the whole vault.
    pub folders: Vec<String>,
    /// No people folder and no marked note: every note that is not dated
    /// is a person.
    pub fallback: bool,
    /// Where daily notes are and how they are named (Obsidian's settings):
    /// a daily note is never a person.
    pub dailies: Vec<DailyNotes>,
}

impl Rule {
    /// The rule for `folders`, falling back when there are none and no
    /// note is marked.
    pub(crate) fn new(folders: Vec<String>, any_marked: bool) -> Rule {
        let fallback = folders.is_empty() && !any_marked;
        Rule {
            folders,
            fallback,
            dailies: Vec::new(),
        }
    }

    /// The same rule, with daily notes named as `dailies` say.
    pub(crate) fn with_dailies(self, dailies: Vec<DailyNotes>) -> Rule {
        Rule { dailies, ..self }
    }

    /// Whether the note at `rel` is dated: by a date in its file name
    /// (`2026-11-18.md`, `2026-11-12 Studio kickoff.md`, `20261118
    /// call.md`) or as a daily note; a dated note is never a person.
    pub(crate) fn is_dated(&self, rel: &str) -> bool {
        date_of_path(rel, &self.dailies).is_some()
    }

    /// Whether the note at `rel` is in a people folder.
    pub(crate) fn in_folder(&self, rel: &str) -> bool {
        self.folders.iter().any(|folder| is_below(rel, folder))
    }

    /// Whether the note at `rel`, marked or not, is a person.
    pub fn is_person(&self, rel: &str, marked: bool) -> bool {
        !self.is_dated(rel) && (marked || self.fallback || self.in_folder(rel))
    }
}

/// What a note file turned out to be, by [`sort`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Kind {
    /// A person.
    Person,
    /// A note that is not a person (a daily note, a meeting, a project).
    Other,
    /// A file that cannot be read as a note.
    Unreadable,
    /// Not a note at all: kith's report, or a template.
    Skipped,
}

/// A note file as read and sorted.
#[derive(Debug)]
pub(crate) enum Sorted {
    /// A person.
    Person(Box<Person>),
    /// A note that is not a person, read as a person would be (its links
    /// may mention people).
    Other(Box<Person>),
    /// Unreadable: only its problem.
    Unreadable(Problem),
    /// kith's report or a template.
    Skipped,
}

impl Sorted {
    /// Which kind it is.
    pub(crate) fn kind(&self) -> Kind {
        match self {
            Sorted::Person(_) => Kind::Person,
            Sorted::Other(_) => Kind::Other,
            Sorted::Unreadable(_) => Kind::Unreadable,
            Sorted::Skipped => Kind::Skipped,
        }
    }
}

/// Sorts the note at `rel`, read as `parsed`, by `rule`; also says whether
/// it carries one of `markers` (which the rule of the next refresh needs).
pub(crate) fn sort(parsed: Parsed, rel: &str, rule: &Rule, markers: &[Marker]) -> (Sorted, bool) {
    match parsed {
        Parsed::Report => (Sorted::Skipped, false),
        Parsed::Unreadable(problem) => (Sorted::Unreadable(problem), false),
        Parsed::Person(person) if is_template_note(&person) => (Sorted::Skipped, false),
        Parsed::Person(person) => {
            let marked = is_marked(markers, &person);
            let sorted = if rule.is_person(rel, marked) {
                Sorted::Person(person)
            } else {
                Sorted::Other(person)
            };
            (sorted, marked)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::{Parsed, parse};

    fn note(text: &str) -> Person {
        match parse("notes/Somebody.md", text.as_bytes()) {
            Parsed::Person(person) => *person,
            other => panic!("{other:?}"),
        }
    }

    fn marked(text: &str) -> bool {
        is_marked(Marker::defaults(), &note(text))
    }

    #[test]
    fn default_markers_are_tags_types_and_categories() {
        assert!(marked("---\ntype: person\n---\n"));
        assert!(marked("---\nType: Person\n---\n"));
        assert!(marked("---\ntype: \"[[People]]\"\n---\n"));
        assert!(marked("---\ntype: [[People]]\n---\n"));
        assert!(marked(
            "---\ncategories:\n  - \"[[Books]]\"\n  - \"[[People]]\"\n---\n"
        ));
        assert!(marked("---\ntags: [contact]\n---\n"));
        assert!(marked("---\ntags: [work, person/friends]\n---\n"));
        assert!(marked("---\ntags: \"#People\"\n---\n"));
        assert!(!marked(
            "---\ntype: project\ntags: [personal, recipe]\n---\n"
        ));
        assert!(!marked("---\ntags: [work/person]\n---\n"));
        assert!(!marked("# person\n"));
        assert!(!marked("---\nstatus: person\n---\n"));
    }

    #[test]
    fn configured_markers_are_read_and_matched() {
        let tag = Marker::parse("#Friend").unwrap();
        assert_eq!(tag, Marker::tag("friend"));
        assert_eq!(tag.as_tag(), Some("friend"));
        assert_eq!(Marker::parse("friend").unwrap(), tag);
        assert_eq!(tag.to_string(), "#friend");
        let property = Marker::parse("kind: [[Humans]]").unwrap();
        assert_eq!(property.to_string(), "kind: humans");
        assert!(is_marked(
            std::slice::from_ref(&property),
            &note("---\nkind: Humans\n---\n")
        ));
        assert!(is_marked(
            std::slice::from_ref(&tag),
            &note("---\ntags: [friend/close]\n---\n")
        ));
        let org = Marker::parse("company: Acme").unwrap();
        assert!(is_marked(&[org], &note("---\norg: \"[[Acme]]\"\n---\n")));
        for bad in ["", "#", "type:", ": person", "two words", "my key: x"] {
            assert!(Marker::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn folder_names_ignore_case_numbering_and_emoji() {
        for name in [
            "People",
            "people",
            "CONTACTS",
            "01 - People",
            "👥 People",
            "_persons",
        ] {
            assert!(is_people_folder_name(name), "{name}");
        }
        for name in ["Peoples Republic", "Companies", "My People", "PeopleOps"] {
            assert!(!is_people_folder_name(name), "{name}");
        }
        for name in ["Templates", "_templates", "99 Template", "TEMPLATES"] {
            assert!(is_template_folder_name(name), "{name}");
        }
        assert!(!is_template_folder_name("Template ideas"));
    }

    #[test]
    fn placeholders_are_found_in_fields_and_the_first_heading() {
        assert!(has_placeholder("{{title}}"));
        assert!(has_placeholder("<% tp.file.title %>"));
        assert!(!has_placeholder("}} {{"));
        assert!(!has_placeholder("a < b % c"));
        assert!(is_template_note(&note("---\nname: \"{{title}}\"\n---\n")));
        assert!(is_template_note(&note(
            "---\ncreated: <% tp.date.now(\"YYYY-MM-DD\") %>\n---\n"
        )));
        assert!(is_template_note(&note(
            "\n# {{date:YYYY-MM-DD}}\n\n## Calls\n"
        )));
        assert!(!is_template_note(&note(
            "# Ada\n\nUses {{mustache}} at work.\n"
        )));
    }

    #[test]
    fn the_rule_puts_folders_markers_and_the_fallback_together() {
        let folders = Rule::new(vec!["CRM/Contacts".into()], false);
        assert!(folders.is_person("CRM/Contacts/Ada.md", false));
        assert!(folders.is_person("CRM/Contacts/sub/Ada.md", false));
        assert!(!folders.is_person("CRM/Contacts.md", false));
        assert!(!folders.is_person("CRM/ContactsOld/Ada.md", false));
        assert!(folders.is_person("elsewhere/Ada.md", true));
        assert!(!folders.is_person("CRM/Contacts/2026-11-02 Call.md", false));
        let markers = Rule::new(Vec::new(), true);
        assert!(!markers.fallback);
        assert!(!markers.is_person("Recipe.md", false));
        let fallback = Rule::new(Vec::new(), false);
        assert!(fallback.is_person("Recipe.md", false));
        assert!(!fallback.is_person("2026-11-02.md", false));
        let everything = Rule::new(vec![String::new()], false);
        assert!(everything.is_person("a/b/Ada.md", false));
        assert!(everything.is_person("Journal/20.11.2026.md", false));
        let dailies = everything.with_dailies(vec![DailyNotes {
            folder: "Journal".into(),
            format: "DD.MM.YYYY".into(),
        }]);
        assert!(!dailies.is_person("Journal/20.11.2026.md", false));
        assert!(!dailies.is_person("Journal/20.11.2026.md", true));
        assert!(dailies.is_person("Journal/Ada.md", false));
    }
}
