//! One note's bytes → a [`Person`] with typed fields, log entries and
//! promises, plus the problems found on the way. Pure: no filesystem.

use serde_yaml::{Mapping, Value};

use crate::note::comments;
use crate::note::fields::FieldValues;
use crate::note::frontmatter::{self, display_text, key_lines};
use crate::note::log::{self, Entry};
use crate::note::problem::Problem;
use crate::note::reader::Reader;
use crate::note::simple_yaml;

/// A person as their note describes them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Person {
    /// Vault-relative path with `/` separators.
    pub path: String,
    /// The fields, from the front matter and the body's inline fields and
    /// tags; the name is the file's when none is given.
    pub fields: FieldValues,
    /// Dated log entries and promises, in file order.
    pub entries: Vec<Entry>,
    /// The Markdown body without its comments, for search.
    pub body: String,
    /// The 1-based line of the file the body starts on.
    pub body_line: usize,
    /// What could not be read, with where.
    pub problems: Vec<Problem>,
    /// Values kith ignores that look meant for it, with where.
    pub hints: Vec<Problem>,
    /// The targets of the wikilinks in participants properties
    /// (`attendees`, `with`, …), each with its key's line.
    pub participants: Vec<(String, usize)>,
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

    let mut reader = Reader::new(path);
    if text.trim().is_empty() {
        reader.problem(
            1,
            "the note is empty, so it is a person named after the file and nothing more; \
             write who they are, or delete it",
        );
    }
    if split.unterminated {
        reader.problem(
            1,
            "front matter opened with '---' is never closed: add a '---' line after the fields",
        );
    }
    if let Some(yaml) = split.yaml {
        match read_front_matter(yaml) {
            Ok(FrontMatter::None) => {}
            Ok(FrontMatter::Simple(entries)) => {
                if entries
                    .iter()
                    .any(|entry| is_report(entry.key, &entry.value))
                {
                    return Parsed::Report;
                }
                reader.front_matter(
                    entries
                        .iter()
                        .map(|entry| (entry.key, &entry.value, split.yaml_line + entry.line)),
                );
            }
            Ok(FrontMatter::Mapping(mapping)) => {
                if mapping
                    .iter()
                    .any(|(key, value)| key.as_str().is_some_and(|key| is_report(key, value)))
                {
                    return Parsed::Report;
                }
                let fields = mapping_fields(&mapping, &key_lines(yaml, split.yaml_line));
                reader.front_matter(
                    fields
                        .iter()
                        .map(|(key, value, line)| (key.as_str(), *value, *line)),
                );
            }
            Err(YamlProblem { line, message }) => {
                let line = line.map_or(split.yaml_line, |l| split.yaml_line + l - 1);
                reader.problem(line, message);
            }
        }
    }

    let body = comments::without_comments(split.body);
    let (entries, bad_dates) = log::entries(&body, split.body_line);
    // A tag on a log line says what kind of contact it was (`#lunch`),
    // not who the person is.
    let mut log_lines: Vec<usize> = entries.iter().map(|e| e.line).collect();
    log_lines.sort_unstable();
    reader.body(&body, split.body_line, &log_lines);
    let mut person = reader.finish();
    for bad in bad_dates {
        person.problems.push(Problem::new(
            path,
            bad.line,
            format!("log entry date '{}' is not a real date", bad.date),
        ));
    }
    person.entries = entries;
    person.body = body.into_owned();
    person.body_line = split.body_line;
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

/// A front matter as read: nothing, simple entries or serde_yaml's
/// mapping for anything else.
enum FrontMatter<'a> {
    None,
    Simple(Vec<simple_yaml::Entry<'a>>),
    Mapping(Mapping),
}

fn read_front_matter(yaml: &str) -> Result<FrontMatter<'_>, YamlProblem> {
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::None);
    }
    if let Some(entries) = simple_yaml::entries(yaml) {
        return Ok(FrontMatter::Simple(entries));
    }
    match serde_yaml::from_str::<Value>(yaml) {
        Ok(Value::Mapping(mapping)) => Ok(FrontMatter::Mapping(mapping)),
        Ok(Value::Null) => Ok(FrontMatter::None),
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

/// serde_yaml's mapping as fields: each key as text, its value, and the
/// line `lines` (from [`key_lines`]) gives the key in any case.
fn mapping_fields<'a>(
    mapping: &'a Mapping,
    lines: &[(String, usize)],
) -> Vec<(String, &'a Value, usize)> {
    let line_of = |key: &str| {
        let key = key.to_lowercase();
        lines
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(1, |(_, line)| *line)
    };
    mapping
        .iter()
        .map(|(key, value)| {
            let key = display_text(key);
            let line = line_of(&key);
            (key, value, line)
        })
        .collect()
}

/// Whether `key: value` marks kith's generated report.
fn is_report(key: &str, value: &Value) -> bool {
    (key, value.as_str()) == (REPORT_MARKER.0, Some(REPORT_MARKER.1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    use crate::note::cadence::{Cadence, parse_date};
    use crate::note::fields::Field;

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
    fn a_repeat_in_another_case_is_a_problem_on_its_own_line() {
        let p = person("---\norg: A\nORG: B\n---\n");
        assert_eq!(p.fields.text(Field::Org), Some("A"));
        assert_eq!(p.problems.len(), 1, "{:?}", p.problems);
        assert_eq!(p.problems[0].line, 3);
    }

    #[test]
    fn front_matter_that_is_not_a_mapping_is_a_problem() {
        let p = person("---\n- a\n- b\n---\n");
        assert_eq!(p.problems.len(), 1);
        assert_eq!(p.problems[0].line, 2);
    }

    fn person_at(path: &str, text: &str) -> Person {
        match parse(path, text.as_bytes()) {
            Parsed::Person(person) => *person,
            other => panic!("expected a person, got {other:?}"),
        }
    }

    #[test]
    fn the_spellings_other_tools_write_are_read() {
        let p = person(
            "---\noutreach: quarterly\nnext_follow_up: 2026-11-20\nE-mail: a@b.example\n\
             Phone Number: '+1 555'\nPosition: Director\nlastSeen: 2026-09-02\n\
             organization: Halden\n---\n",
        );
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let f = &p.fields;
        assert_eq!(f.cadence(), Some(Cadence::Months(3)));
        assert_eq!(f.date(Field::NextContact), Some(day("2026-11-20")));
        assert_eq!(f.spelling(Field::NextContact), "next_follow_up");
        assert_eq!(f.spelling(Field::Org), "organization");
        assert_eq!(f.spelling(Field::Name), "name");
        assert_eq!(f.list(Field::Email), ["a@b.example"]);
        assert_eq!(f.list(Field::Phone), ["+1 555"]);
        assert_eq!(f.text(Field::Role), Some("Director"));
        assert_eq!(f.date(Field::LastContact), Some(day("2026-09-02")));
        for key in [
            "keepInTouch",
            "reach_out_every",
            "frequency",
            "contact_frequency",
        ] {
            let p = person(&format!("---\n{key}: 2m\n---\n"));
            assert_eq!(p.fields.cadence(), Some(Cadence::Months(2)), "{key}");
        }
        for key in ["next_followup", "nextContact", "next_contact", "follow_up"] {
            let p = person(&format!("---\n{key}: 2026-12-01\n---\n"));
            assert_eq!(
                p.fields.date(Field::NextContact),
                Some(day("2026-12-01")),
                "{key}"
            );
        }
    }

    #[test]
    fn lists_where_text_is_expected_read_as_text() {
        let p = person(
            "---\ncompany:\n  - \"[[Fernway Studio]]\"\nlocation: [Izmir]\nrole: []\n\
             met: ['[[A]]', B]\naliases: []\n---\n",
        );
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.fields.text(Field::Org), Some("Fernway Studio"));
        assert_eq!(p.fields.text(Field::Location), Some("Izmir"));
        assert_eq!(p.fields.text(Field::Role), None);
        assert_eq!(p.fields.text(Field::Met), Some("A, B"));
        assert!(p.fields.other.is_empty(), "{:?}", p.fields.other);
    }

    #[test]
    fn booleans_mean_what_they_say() {
        let inactive = person("---\nactive: false\npriority: false\n---\n");
        assert!(inactive.fields.flag(Field::Archived));
        assert_eq!(inactive.fields.text(Field::Priority), None);
        assert!(
            !person("---\nactive: true\n---\n")
                .fields
                .flag(Field::Archived)
        );
        assert!(
            person("---\narchived: true\n---\n")
                .fields
                .flag(Field::Archived)
        );
        let both = person("---\narchived: false\nactive: false\n---\n");
        assert!(!both.fields.flag(Field::Archived));
        assert_eq!(both.problems.len(), 1);
        assert!(
            both.problems[0]
                .message
                .contains("'active' repeats 'archived'")
        );
    }

    #[test]
    fn a_title_is_the_name_when_it_names_the_file_else_the_role() {
        let named = person_at("People/keiko-marsh.md", "---\ntitle: Keiko Marsh\n---\n");
        assert_eq!(named.name(), "Keiko Marsh");
        assert_eq!(named.fields.text(Field::Role), None);
        let dendron = person_at(
            "people.keiko-marsh.md",
            "---\ntitle: Dr. Keiko Marsh\n---\n",
        );
        assert_eq!(dendron.name(), "Dr. Keiko Marsh");
        let role = person_at(
            "P/Bastian Krug.md",
            "---\ntitle: Head of Growth\njob_title:\n---\n",
        );
        assert_eq!(role.name(), "Bastian Krug");
        assert_eq!(role.fields.text(Field::Role), Some("Head of Growth"));
        assert_eq!(role.fields.spelling(Field::Role), "title");
        let both = person_at(
            "P/Ines Okoro.md",
            "---\ntitle: Chair\nrole: Researcher\n---\n",
        );
        assert_eq!(both.fields.text(Field::Role), Some("Researcher"));
        assert_eq!(
            both.fields.other,
            [("title".to_string(), "Chair".to_string())]
        );
        assert!(both.problems.is_empty(), "{:?}", both.problems);
        let named_twice = person_at(
            "P/Ines Okoro.md",
            "---\nname: Ines\ntitle: Ines Okoro\n---\n",
        );
        assert_eq!(named_twice.name(), "Ines");
        assert_eq!(named_twice.fields.text(Field::Role), None);
        assert_eq!(named_twice.fields.other.len(), 1);
    }

    #[test]
    fn file_names_with_dashes_are_spaced_names() {
        assert_eq!(person_at("people/Adam-Tooze.md", "").name(), "Adam Tooze");
        assert_eq!(person_at("people/adam_tooze.md", "").name(), "adam tooze");
        assert_eq!(
            person_at("people/Dmitri Vasquez-Lund.md", "").name(),
            "Dmitri Vasquez-Lund"
        );
        assert_eq!(person_at("people/---.md", "").name(), "---");
    }

    #[test]
    fn values_kith_cannot_type_stay_searchable_under_their_key() {
        let p =
            person("---\nlast_contact: 2026-13-40\norg: A\ncompany: B\nphone: {home: 1}\n---\n");
        assert_eq!(p.problems.len(), 3, "{:?}", p.problems);
        let other: Vec<&str> = p.fields.other.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(other, ["last_contact", "company", "phone"]);
        assert_eq!(p.fields.other[0].1, "2026-13-40");
        assert_eq!(p.fields.other[2].1, "home: 1");
    }

    #[test]
    fn inline_fields_are_read_and_the_front_matter_wins() {
        let p = person(
            "---\ncadence: quarterly\n---\n# Ada\n\ncompany:: [[Vetro Labs]]\n\
             interests:: [[sailing]], [[espresso]]\nWorks as [role:: Analyst] (met:: the forum).\n\
             frequency:: weekly\nlast_contact:: 2026-13-02\nindustry:: glass\n\
             ```\nbirthday:: 1999-01-01\n```\n`lastContact:: 2026-11-23`\n",
        );
        let f = &p.fields;
        assert_eq!(f.text(Field::Org), Some("Vetro Labs"));
        assert_eq!(f.list(Field::Interests), ["sailing", "espresso"]);
        assert_eq!(f.text(Field::Role), Some("Analyst"));
        assert_eq!(f.text(Field::Met), Some("the forum"));
        assert_eq!(f.cadence(), Some(Cadence::Months(3)));
        assert_eq!(f.birthday(), None);
        assert_eq!(f.date(Field::LastContact), None);
        assert_eq!(p.problems.len(), 1, "{:?}", p.problems);
        assert_eq!(p.problems[0].line, 10);
        assert!(p.problems[0].message.starts_with("last_contact:: "));
        assert_eq!(p.hints.len(), 1, "{:?}", p.hints);
        assert_eq!(p.hints[0].line, 9);
        assert!(
            p.hints[0]
                .message
                .contains("'frequency:: weekly' is ignored")
        );
        assert!(
            f.other
                .contains(&("industry".to_string(), "glass".to_string()))
        );
    }

    #[test]
    fn unknown_inline_keys_follow_the_same_rules() {
        let p = person(
            "---\nindustry: glass\n---\nindustry:: steel\nwebsite:: a.example\nWebsite:: b.example\n",
        );
        assert_eq!(
            p.fields.other,
            [
                ("industry".to_string(), "glass".to_string()),
                ("website".to_string(), "a.example".to_string()),
                ("Website".to_string(), "b.example".to_string()),
            ]
        );
        assert_eq!(p.hints.len(), 1, "{:?}", p.hints);
        assert!(p.hints[0].message.contains("front matter's 'industry'"));
        assert_eq!(p.problems.len(), 1, "{:?}", p.problems);
        assert_eq!(p.problems[0].line, 6);
    }

    #[test]
    fn body_tags_join_the_front_matter_tags() {
        let p = person(
            "---\ntags: [client]\n---\n# Ada\n\n#person/friends and #Client.\n\
             ```\n#person\n```\n<!-- #hidden -->\n%% #secret %%\n",
        );
        assert_eq!(p.fields.list(Field::Tags), ["client", "person/friends"]);
    }

    #[test]
    fn tags_on_log_lines_are_kinds_of_contact_not_the_persons() {
        let p = person(
            "# Ada #mentor\n\n## Log\n- 2026-06-02 #lunch at Zuni\n- [ ] 2026-12-01 #golf?\n\
             \n### 2026-05-01 #dinner\nThen #drinks, a #friend.\n",
        );
        // Only the dated lines themselves: the prose under a dated heading
        // is prose.
        assert_eq!(p.fields.list(Field::Tags), ["mentor", "drinks", "friend"]);
        assert_eq!(p.entries.len(), 3);
    }

    #[test]
    fn comments_are_not_text_not_fields_and_not_log() {
        let p = person(
            "# Ada\n%% cadence:: daily %%\n<!--\n- 2026-11-24 hidden call\n-->\n\
             - 2026-11-02 Coffee %%private%%\n%%\n- 2026-11-23 also hidden\n%%\n",
        );
        assert_eq!(p.fields.cadence(), None);
        assert_eq!(p.entries.len(), 1, "{:?}", p.entries);
        assert_eq!(p.entries[0].text, "Coffee");
        assert_eq!(p.entries[0].line, 6);
        assert!(!p.body.contains("hidden") && !p.body.contains("private"));
    }

    #[test]
    fn unknown_keys_that_look_used_are_hinted() {
        let p = person("---\nlast_called: 2026-10-01\ncadance: monthly\nlinkedin: x\n---\n");
        let lines: Vec<usize> = p.hints.iter().map(|h| h.line).collect();
        assert_eq!(lines, [2, 3], "{:?}", p.hints);
        assert!(p.problems.is_empty());
    }

    #[test]
    fn a_name_in_parts_is_one_name() {
        let p = person("---\nname:\n  first: carl\n  last: johnson\nlast_chat: 2022-12-06\n---\n");
        assert_eq!(p.name(), "carl johnson");
        assert_eq!(p.fields.date(Field::LastContact), Some(day("2022-12-06")));
    }

    #[test]
    fn file_stem_drops_folders_and_extension() {
        assert_eq!(file_stem("people/sub/Zoë Müller.md"), "Zoë Müller");
        assert_eq!(file_stem("A.MD"), "A");
        assert_eq!(file_stem("é"), "é");
    }
}
