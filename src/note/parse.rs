//! One note's bytes → a [`Person`] with typed fields, log entries and
//! promises, plus the problems found on the way. Pure: no filesystem.

use chrono::NaiveDate;
use serde_yaml::{Mapping, Value};

use crate::note::cadence::{Birthday, Cadence, parse_date};
use crate::note::frontmatter::{
    self, Mismatch, display_text, flag, key_lines, scalar_text, text_list,
};
use crate::note::log::{self, Entry};
use crate::note::problem::Problem;

/// A person as their note describes them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Person {
    /// Vault-relative path with `/` separators.
    pub path: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub tags: Vec<String>,
    pub org: Option<String>,
    pub role: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub location: Option<String>,
    /// The note's own cadence; config may supply one when this is `None`.
    pub cadence: Option<Cadence>,
    pub last_contact: Option<NaiveDate>,
    pub birthday: Option<Birthday>,
    pub priority: Option<String>,
    pub relationship: Option<String>,
    pub purpose: Option<String>,
    pub met: Option<String>,
    pub introduced_by: Option<String>,
    pub interests: Vec<String>,
    pub snooze_until: Option<NaiveDate>,
    pub archived: bool,
    /// Front matter fields kith does not know, as `(key, text)`.
    pub extra: Vec<(String, String)>,
    /// Dated log entries and promises, in file order.
    pub entries: Vec<Entry>,
    /// The Markdown body, for search.
    pub body: String,
    pub problems: Vec<Problem>,
}

/// What a file under the people folders turned out to be.
#[derive(Debug)]
pub enum Parsed {
    Person(Box<Person>),
    /// kith's own generated report: never a person.
    Report,
    /// Unreadable as a note (not UTF-8): only a problem.
    Unreadable(Problem),
}

/// The front matter key and value that mark kith's generated report.
pub const REPORT_MARKER: (&str, &str) = ("kith", "report");

/// The fields kith reads, each with every spelling it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    Aliases,
    Tags,
    Org,
    Role,
    Email,
    Phone,
    Location,
    Cadence,
    LastContact,
    Birthday,
    Priority,
    Relationship,
    Purpose,
    Met,
    IntroducedBy,
    Interests,
    SnoozeUntil,
    Archived,
}

const SPELLINGS: &[(Field, &[&str])] = &[
    (Field::Name, &["name", "full_name"]),
    (Field::Aliases, &["aliases", "alias"]),
    (Field::Tags, &["tags", "tag"]),
    (
        Field::Org,
        &["org", "company", "organization", "organisation"],
    ),
    (Field::Role, &["role", "title", "job_title"]),
    (Field::Email, &["email", "emails"]),
    (Field::Phone, &["phone", "phones"]),
    (Field::Location, &["location", "city"]),
    (
        Field::Cadence,
        &["cadence", "frequency", "contact_frequency", "keep_in_touch"],
    ),
    (
        Field::LastContact,
        &[
            "last_contact",
            "last_contacted",
            "lastcontact",
            "last_contacted_at",
        ],
    ),
    (Field::Birthday, &["birthday", "birth_date", "bday"]),
    (Field::Priority, &["priority"]),
    (Field::Relationship, &["relationship"]),
    (Field::Purpose, &["purpose"]),
    (Field::Met, &["met"]),
    (Field::IntroducedBy, &["introduced_by"]),
    (Field::Interests, &["interests"]),
    (Field::SnoozeUntil, &["snooze_until"]),
    (Field::Archived, &["archived"]),
];

fn spellings_of(key: &str) -> Option<&'static (Field, &'static [&'static str])> {
    let key = key.to_lowercase();
    SPELLINGS
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
}

fn field_for(key: &str) -> Option<Field> {
    spellings_of(key).map(|(field, _)| *field)
}

/// The contract's name for a front matter key kith reads, in any of its
/// spellings and any case (`Company` → `org`); `None` for unknown keys.
pub fn canonical_key(key: &str) -> Option<&'static str> {
    spellings_of(key).map(|(_, names)| names[0])
}

/// Parses a note's bytes. `path` is vault-relative and only used for the
/// name fallback and problem locations.
pub fn parse(path: &str, bytes: &[u8]) -> Parsed {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
            let byte = bytes[error.valid_up_to()];
            return Parsed::Unreadable(Problem::new(
                path,
                line,
                format!("not UTF-8 (byte 0x{byte:02X}); skipped: save the file as UTF-8"),
            ));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let split = frontmatter::split(text);

    let mut person = Person {
        path: path.to_string(),
        name: file_stem(path).to_string(),
        ..Person::default()
    };
    if text.trim().is_empty() {
        person.problems.push(Problem::new(
            path,
            1,
            "the note is empty, so it is a person named after the file and nothing more; \
             write who they are, or delete it",
        ));
    }
    if split.unterminated {
        person.problems.push(Problem::new(
            path,
            1,
            "front matter opened with '---' is never closed: add a '---' line after the fields",
        ));
    }
    if let Some(yaml) = split.yaml {
        match read_mapping(yaml) {
            Ok(Some(mapping)) => {
                if is_report(&mapping) {
                    return Parsed::Report;
                }
                read_fields(&mut person, &mapping, &key_lines(yaml, split.yaml_line));
            }
            Ok(None) => {}
            Err(YamlProblem { line, message }) => {
                let line = line.map_or(split.yaml_line, |l| split.yaml_line + l - 1);
                person.problems.push(Problem::new(path, line, message));
            }
        }
    }

    let (entries, bad_dates) = log::entries(split.body, split.body_line);
    for bad in bad_dates {
        person.problems.push(Problem::new(
            path,
            bad.line,
            format!("log entry date '{}' is not a real date", bad.date),
        ));
    }
    person.entries = entries;
    person.body = split.body.to_string();
    Parsed::Person(Box::new(person))
}

/// The file name without folders and `.md`.
pub fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.len().checked_sub(3) {
        Some(cut) if name.is_char_boundary(cut) && name[cut..].eq_ignore_ascii_case(".md") => {
            &name[..cut]
        }
        _ => name,
    }
}

struct YamlProblem {
    /// 1-based line within the YAML text.
    line: Option<usize>,
    message: String,
}

fn read_mapping(yaml: &str) -> Result<Option<Mapping>, YamlProblem> {
    if yaml.trim().is_empty() {
        return Ok(None);
    }
    match serde_yaml::from_str::<Value>(yaml) {
        Ok(Value::Mapping(mapping)) => Ok(Some(mapping)),
        Ok(Value::Null) => Ok(None),
        Ok(_) => Err(YamlProblem {
            line: Some(1),
            message: "front matter is not a set of 'key: value' fields; the fields were ignored"
                .into(),
        }),
        Err(error) => {
            let line = error.location().map(|location| location.line());
            let reason = error.to_string();
            // serde_yaml appends " at line L column C"; we report the line ourselves.
            let reason = reason
                .split(" at line ")
                .next()
                .unwrap_or(&reason)
                .to_string();
            Err(YamlProblem {
                line,
                message: format!(
                    "front matter is not valid YAML ({reason}); the fields were ignored"
                ),
            })
        }
    }
}

fn is_report(mapping: &Mapping) -> bool {
    let (key, value) = REPORT_MARKER;
    mapping.get(key).and_then(Value::as_str) == Some(value)
}

fn read_fields(person: &mut Person, mapping: &Mapping, lines: &[(String, usize)]) {
    let path = person.path.clone();
    let line_of = |key: &str| {
        let key = key.to_lowercase();
        lines
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(1, |(_, line)| *line)
    };
    let mut seen: Vec<(Field, String)> = Vec::new();
    for (key, value) in mapping {
        let key = display_text(key);
        let Some(field) = field_for(&key) else {
            let text = display_text(value);
            if !text.is_empty() {
                person.extra.push((key, text));
            }
            continue;
        };
        let line = line_of(&key);
        if let Some((_, first)) = seen.iter().find(|(f, _)| *f == field) {
            person.problems.push(Problem::new(
                &path,
                line,
                format!("'{key}' repeats '{first}'; kept '{first}'"),
            ));
            continue;
        }
        seen.push((field, key.clone()));
        if let Err(mismatch) = set_field(person, field, value) {
            person
                .problems
                .push(Problem::new(&path, line, format!("{key}: {mismatch}")));
        }
    }
}

fn set_field(person: &mut Person, field: Field, value: &Value) -> Result<(), Mismatch> {
    let text = || scalar_text(value);
    match field {
        Field::Name => {
            if let Some(name) = text()? {
                person.name = name;
            }
        }
        Field::Aliases => person.aliases = text_list(value, false)?,
        Field::Tags => {
            person.tags = text_list(value, true)?
                .into_iter()
                .map(|tag| tag.trim_start_matches('#').to_string())
                .filter(|tag| !tag.is_empty())
                .collect();
        }
        Field::Org => person.org = text()?,
        Field::Role => person.role = text()?,
        Field::Email => person.emails = text_list(value, false)?,
        Field::Phone => person.phones = text_list(value, false)?,
        Field::Location => person.location = text()?,
        Field::Cadence => {
            if let Some(cadence) = text()? {
                person.cadence = Some(
                    cadence
                        .parse()
                        .map_err(|e: crate::note::cadence::BadCadence| e.to_string())?,
                );
            }
        }
        Field::LastContact => person.last_contact = date(text()?)?,
        Field::SnoozeUntil => person.snooze_until = date(text()?)?,
        Field::Birthday => {
            if let Some(birthday) = text()? {
                person.birthday = Some(Birthday::parse(&birthday).ok_or_else(|| {
                    format!("'{birthday}' is not a birthday (use YYYY-MM-DD, --MM-DD or MM-DD)")
                })?);
            }
        }
        Field::Priority => person.priority = text()?,
        Field::Relationship => person.relationship = text()?,
        Field::Purpose => person.purpose = text()?,
        Field::Met => person.met = text()?,
        Field::IntroducedBy => person.introduced_by = text()?,
        Field::Interests => person.interests = text_list(value, true)?,
        Field::Archived => person.archived = flag(value)?,
    }
    Ok(())
}

fn date(text: Option<String>) -> Result<Option<NaiveDate>, Mismatch> {
    let Some(text) = text else { return Ok(None) };
    parse_date(&text)
        .map(Some)
        .ok_or_else(|| format!("'{text}' is not a date (use YYYY-MM-DD)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(text: &str) -> Person {
        match parse("people/Ada Lovelace.md", text.as_bytes()) {
            Parsed::Person(person) => *person,
            other => panic!("expected a person, got {other:?}"),
        }
    }

    fn day(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    const ADA: &str = "---
name: Ada Lovelace
aliases: [Ada, Countess of Lovelace]
tags: [mentor, '#referral-source']
org: Analytical Engines Ltd
role: CTO
email: ada@example.com
phone: \"+44 20 7946 0000\"
location: London
cadence: monthly
priority: A
relationship: referral source
purpose: Sends us two clients a year; wants intros to investors.
interests: [mathematics, poetry, horses]
birthday: 1815-12-10
met: 2019 Royal Society dinner
introduced_by: \"[[Charles Babbage]]\"
linkedin: ada-l
---
# Ada Lovelace

## Log
- 2026-11-02 Coffee. Her team is hiring two engineers; promised an intro to Grace.
- [ ] 2026-11-20 Send her the Menabrea translation notes
- 2026-09-14 Call about the board seat.
";

    #[test]
    fn contract_example_reads_every_field() {
        let ada = person(ADA);
        assert!(ada.problems.is_empty(), "{:?}", ada.problems);
        assert_eq!(ada.name, "Ada Lovelace");
        assert_eq!(ada.aliases, ["Ada", "Countess of Lovelace"]);
        assert_eq!(ada.tags, ["mentor", "referral-source"]);
        assert_eq!(ada.org.as_deref(), Some("Analytical Engines Ltd"));
        assert_eq!(ada.role.as_deref(), Some("CTO"));
        assert_eq!(ada.emails, ["ada@example.com"]);
        assert_eq!(ada.phones, ["+44 20 7946 0000"]);
        assert_eq!(ada.cadence, Some(Cadence::Months(1)));
        assert_eq!(
            ada.birthday.map(|b| b.to_string()).as_deref(),
            Some("1815-12-10")
        );
        assert_eq!(ada.introduced_by.as_deref(), Some("Charles Babbage"));
        assert_eq!(ada.interests, ["mathematics", "poetry", "horses"]);
        assert_eq!(ada.extra, [("linkedin".to_string(), "ada-l".to_string())]);
        assert_eq!(ada.entries.len(), 3);
        assert_eq!(ada.entries[0].line, 23);
        let open = ada
            .entries
            .iter()
            .filter(|e| e.kind == crate::note::log::EntryKind::Open);
        assert_eq!(open.count(), 1);
    }

    #[test]
    fn other_spellings_are_read() {
        let p = person(
            "---\nfull_name: Grace Hopper\ncompany: Navy\ntitle: Rear Admiral\nfrequency: 6w\nlastContact: 2026-01-31\ntag: '#coi, mentor'\ncity: Arlington\nbday: --12-09\nalias: Amazing Grace\n---\n",
        );
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.name, "Grace Hopper");
        assert_eq!(p.org.as_deref(), Some("Navy"));
        assert_eq!(p.role.as_deref(), Some("Rear Admiral"));
        assert_eq!(p.cadence, Some(Cadence::Weeks(6)));
        assert_eq!(p.last_contact, Some(day("2026-01-31")));
        assert_eq!(p.tags, ["coi", "mentor"]);
        assert_eq!(p.aliases, ["Amazing Grace"]);
        assert_eq!(p.birthday.map(|b| b.year), Some(None));
    }

    #[test]
    fn bad_values_are_problems_with_lines_and_the_rest_still_works() {
        let p = person(
            "---\nname: Ada\ncadence: sometimes\nlast_contact: 2026-13-40\nbirthday: soon\narchived: maybe\norg: Acme\n---\n- 2026-02-30 typo\n- 2026-11-01 ok\n",
        );
        let lines: Vec<usize> = p.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [3, 4, 5, 6, 9], "{:?}", p.problems);
        assert!(
            p.problems[0]
                .message
                .contains("unknown cadence 'sometimes'")
        );
        assert_eq!(p.org.as_deref(), Some("Acme"));
        assert_eq!(p.entries.len(), 1);
    }

    #[test]
    fn broken_yaml_is_one_problem_and_the_body_still_counts() {
        let p = person("---\nname: Ada\ntags: [a, b\n---\n- 2026-11-01 Call\n");
        assert_eq!(p.problems.len(), 1);
        assert!(p.problems[0].message.contains("not valid YAML"));
        assert_eq!(p.name, "Ada Lovelace");
        assert_eq!(p.entries.len(), 1);
    }

    #[test]
    fn bom_and_crlf_are_transparent() {
        let p =
            person("\u{feff}---\r\nname: Ada\r\ncadence: weekly\r\n---\r\n- 2026-11-01 Call\r\n");
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.name, "Ada");
        assert_eq!(p.cadence, Some(Cadence::Weeks(1)));
        assert_eq!(p.entries[0].line, 5);
        assert_eq!(p.entries[0].text, "Call");
    }

    #[test]
    fn empty_and_frontmatterless_notes_are_people_named_after_the_file() {
        assert_eq!(person("").name, "Ada Lovelace");
        assert_eq!(person("just text").name, "Ada Lovelace");
        assert!(person("just text").problems.is_empty());
    }

    #[test]
    fn an_empty_note_is_a_problem() {
        for empty in ["", "\u{feff}", " \r\n\n\t"] {
            let problems = person(empty).problems;
            assert_eq!(problems.len(), 1, "{empty:?}");
            assert_eq!(problems[0].line, 1);
            assert!(problems[0].message.starts_with("the note is empty"));
        }
        assert!(person("---\n---\n").problems.is_empty());
    }

    #[test]
    fn non_utf8_is_unreadable_with_its_line() {
        match parse("people/x.md", b"---\nname: A\n---\n\xff\xfe") {
            Parsed::Unreadable(problem) => {
                assert_eq!(problem.line, 4);
                assert!(problem.message.contains("not UTF-8"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_report_is_not_a_person() {
        assert!(matches!(
            parse("Follow-ups.md", b"---\nkith: report\n---\n# Follow-ups\n"),
            Parsed::Report
        ));
    }

    #[test]
    fn repeated_spellings_keep_the_first() {
        let p = person("---\norg: A\ncompany: B\n---\n");
        assert_eq!(p.org.as_deref(), Some("A"));
        assert_eq!(p.problems.len(), 1);
        assert_eq!(p.problems[0].line, 3);
    }

    #[test]
    fn front_matter_that_is_not_a_mapping_is_a_problem() {
        let p = person("---\n- a\n- b\n---\n");
        assert_eq!(p.problems.len(), 1);
        assert_eq!(p.problems[0].line, 2);
    }

    #[test]
    fn canonical_keys_cover_every_spelling() {
        assert_eq!(canonical_key("Company"), Some("org"));
        assert_eq!(canonical_key("lastContact"), Some("last_contact"));
        assert_eq!(canonical_key("alias"), Some("aliases"));
        assert_eq!(canonical_key("linkedin"), None);
    }

    #[test]
    fn file_stem_drops_folders_and_extension() {
        assert_eq!(file_stem("people/sub/Zoë Müller.md"), "Zoë Müller");
        assert_eq!(file_stem("A.MD"), "A");
        assert_eq!(file_stem("é"), "é");
    }
}
