//! One note's bytes → a [`Person`] with typed fields, log entries and
//! promises, plus the problems found on the way. Pure: no filesystem.

use serde_yaml::{Mapping, Value};

use crate::note::fields::{self, Field, FieldValues};
use crate::note::frontmatter::{self, display_text, key_lines};
use crate::note::log::{self, Entry};
use crate::note::problem::Problem;

/// A person as their note describes them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Person {
    /// Vault-relative path with `/` separators.
    pub path: String,
    /// The front matter fields; the name is the file's when none is given.
    pub fields: FieldValues,
    /// Dated log entries and promises, in file order.
    pub entries: Vec<Entry>,
    /// The Markdown body, for search.
    pub body: String,
    /// What could not be read, with where.
    pub problems: Vec<Problem>,
}

impl Person {
    /// The person's name.
    pub fn name(&self) -> &str {
        self.fields.name()
    }
}

/// What a file under the people folders turned out to be.
#[derive(Debug)]
pub enum Parsed {
    /// A person note.
    Person(Box<Person>),
    /// kith's own generated report: never a person.
    Report,
    /// Unreadable as a note (not UTF-8): only a problem.
    Unreadable(Problem),
}

/// The front matter key and value that mark kith's generated report.
pub(crate) const REPORT_MARKER: (&str, &str) = ("kith", "report");

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
        ..Person::default()
    };
    person.fields.set_text(Field::Name, file_stem(path));
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
        let Some(spec) = fields::lookup(&key) else {
            let text = display_text(value);
            if !text.is_empty() {
                person.fields.other.push((key, text));
            }
            continue;
        };
        let line = line_of(&key);
        if let Some((_, first)) = seen.iter().find(|(f, _)| *f == spec.field) {
            person.problems.push(Problem::new(
                &path,
                line,
                format!("'{key}' repeats '{first}'; kept '{first}'"),
            ));
            continue;
        }
        seen.push((spec.field, key.clone()));
        match spec.kind.read(value) {
            // A name left empty keeps the file's.
            Ok(None) if spec.field == Field::Name => {}
            Ok(read) => person.fields.set(spec.field, read),
            Err(mismatch) => {
                person
                    .problems
                    .push(Problem::new(&path, line, format!("{key}: {mismatch}")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    use crate::note::cadence::{Cadence, parse_date};

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
        let f = &ada.fields;
        assert_eq!(ada.name(), "Ada Lovelace");
        assert_eq!(f.list(Field::Aliases), ["Ada", "Countess of Lovelace"]);
        assert_eq!(f.list(Field::Tags), ["mentor", "referral-source"]);
        assert_eq!(f.text(Field::Org), Some("Analytical Engines Ltd"));
        assert_eq!(f.text(Field::Role), Some("CTO"));
        assert_eq!(f.list(Field::Email), ["ada@example.com"]);
        assert_eq!(f.list(Field::Phone), ["+44 20 7946 0000"]);
        assert_eq!(f.text(Field::Location), Some("London"));
        assert_eq!(f.cadence(), Some(Cadence::Months(1)));
        assert_eq!(
            f.birthday().map(|b| b.to_string()).as_deref(),
            Some("1815-12-10")
        );
        assert_eq!(f.text(Field::Priority), Some("A"));
        assert_eq!(f.text(Field::Relationship), Some("referral source"));
        assert_eq!(f.text(Field::Met), Some("2019 Royal Society dinner"));
        assert_eq!(f.text(Field::IntroducedBy), Some("Charles Babbage"));
        assert_eq!(
            f.list(Field::Interests),
            ["mathematics", "poetry", "horses"]
        );
        assert_eq!(f.other, [("linkedin".to_string(), "ada-l".to_string())]);
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
        let f = &p.fields;
        assert_eq!(p.name(), "Grace Hopper");
        assert_eq!(f.text(Field::Org), Some("Navy"));
        assert_eq!(f.text(Field::Role), Some("Rear Admiral"));
        assert_eq!(f.cadence(), Some(Cadence::Weeks(6)));
        assert_eq!(f.date(Field::LastContact), Some(day("2026-01-31")));
        assert_eq!(f.list(Field::Tags), ["coi", "mentor"]);
        assert_eq!(f.list(Field::Aliases), ["Amazing Grace"]);
        assert_eq!(f.text(Field::Location), Some("Arlington"));
        assert_eq!(f.birthday().map(|b| b.year), Some(None));
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
        assert_eq!(p.fields.text(Field::Org), Some("Acme"));
        assert_eq!(p.entries.len(), 1);
    }

    #[test]
    fn broken_yaml_is_one_problem_and_the_body_still_counts() {
        let p = person("---\nname: Ada\ntags: [a, b\n---\n- 2026-11-01 Call\n");
        assert_eq!(p.problems.len(), 1);
        assert!(p.problems[0].message.contains("not valid YAML"));
        assert_eq!(p.name(), "Ada Lovelace");
        assert_eq!(p.entries.len(), 1);
    }

    #[test]
    fn bom_and_crlf_are_transparent() {
        let p =
            person("\u{feff}---\r\nname: Ada\r\ncadence: weekly\r\n---\r\n- 2026-11-01 Call\r\n");
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.name(), "Ada");
        assert_eq!(p.fields.cadence(), Some(Cadence::Weeks(1)));
        assert_eq!(p.entries[0].line, 5);
        assert_eq!(p.entries[0].text, "Call");
    }

    #[test]
    fn empty_and_frontmatterless_notes_are_people_named_after_the_file() {
        assert_eq!(person("").name(), "Ada Lovelace");
        assert_eq!(person("just text").name(), "Ada Lovelace");
        assert_eq!(person("---\nname: ''\n---\n").name(), "Ada Lovelace");
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
        assert_eq!(p.fields.text(Field::Org), Some("A"));
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
    fn file_stem_drops_folders_and_extension() {
        assert_eq!(file_stem("people/sub/Zoë Müller.md"), "Zoë Müller");
        assert_eq!(file_stem("A.MD"), "A");
        assert_eq!(file_stem("é"), "é");
    }
}
