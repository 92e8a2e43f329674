//! A contact in kith's terms — the fields an address book shares with a
//! person note — and how they go into a note: a new one from the template,
//! or added to an existing note's front matter without changing a byte of
//! what it already says. Pure: the caller reads and writes the files.

use chrono::NaiveDate;
use serde_yaml::Value as Yaml;

use crate::note::fields::{self, Card, Field, FieldValues, Kind, Value};
use crate::note::frontmatter::{self, display_text};
use crate::note::{self, Parsed, Person, simple_yaml};
use crate::text::fold;
use crate::write::edit::line_ending;
use crate::write::template::{self, Fields};
use crate::write::yaml;

/// What an address book and a note both know about a person: the fields
/// of the table that vCards carry ([`Card::Yes`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    /// Only fields with [`Card::Yes`], and no unknown ones.
    pub fields: FieldValues,
}

/// A note with fields added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// The note's new bytes.
    pub bytes: Vec<u8>,
    /// The front matter keys added or filled, in order.
    pub added: Vec<&'static str>,
    /// Keys the note lists without a value in a way kith does not rewrite
    /// (`org: ~`, `org: null`): left as written, for the user to fill.
    pub skipped: Vec<&'static str>,
}

/// Why fields were not added to a note.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    /// The note's bytes are not UTF-8.
    #[error("the note is not UTF-8 text")]
    NotUtf8,
    /// Its front matter has no closing fence.
    #[error("its front matter is never closed with '---'")]
    Unclosed,
    /// Its front matter is not a mapping.
    #[error("its front matter is not a set of 'key: value' fields (fix it, then import again)")]
    BadFrontMatter,
    /// The result would not read back as intended.
    #[error("the new fields would not read back exactly; add them by hand")]
    Unsafe,
    /// The template could not be filled.
    #[error(transparent)]
    Template(#[from] template::TemplateError),
}

/// `text` trimmed, control characters other than line breaks dropped,
/// line breaks as `\n`; `None` when nothing is left.
fn clean(text: &str) -> Option<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text: String = text
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .filter(|c| *c == '\n' || !c.is_control())
        .collect();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// One line: line breaks become spaces, runs of spaces one.
fn one_line(text: &str) -> Option<String> {
    clean(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Items cleaned to one line each, without empty ones or repeats (ignoring
/// case and accents).
fn unique(items: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for item in items.into_iter().filter_map(|item| one_line(&item)) {
        let key = fold(&item);
        if !seen.contains(&key) {
            seen.push(key);
            out.push(item);
        }
    }
    out
}

/// `value` of a field of `kind` as a note would read it back: texts
/// trimmed and without control characters, comma lists split, tags
/// without `#`, no empty items or repeats.
fn read_back(kind: Kind, value: &Value) -> Option<Value> {
    let split = |items: &[String], tags: bool| -> Vec<String> {
        items
            .iter()
            .flat_map(|item| item.split(','))
            .map(|item| {
                let item = item.trim();
                if tags {
                    item.trim_start_matches('#')
                } else {
                    item
                }
                .to_string()
            })
            .collect()
    };
    let list = |items: Vec<String>| (!items.is_empty()).then_some(Value::List(items));
    match (kind, value) {
        (Kind::Paragraph, Value::Text(text)) => clean(text).map(Value::Text),
        (_, Value::Text(text)) => one_line(text).map(Value::Text),
        (Kind::Tags, Value::List(items)) => list(unique(split(items, true))),
        (Kind::CommaList, Value::List(items)) => list(unique(split(items, false))),
        (_, Value::List(items)) => list(unique(items.iter().cloned())),
        (_, other) => Some(other.clone()),
    }
}

/// Whether two values of a field say the same, ignoring case and accents.
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Text(a), Value::Text(b)) => fold(a) == fold(b),
        (a, b) => a == b,
    }
}

/// A field's value as YAML: texts quoted when needed, lists in brackets
/// (one item of a `TextOrList` field as a text), a whole birthday as the
/// plain date it is (one without a year, `--12-10`, or in year 0 quoted).
fn yaml_value(kind: Kind, value: &Value) -> String {
    match value {
        Value::List(items) if kind == Kind::TextOrList && items.len() == 1 => {
            yaml::scalar(&items[0])
        }
        Value::List(items) => {
            let items: Vec<String> = items.iter().map(|i| yaml::item(i)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Birthday(birthday) if birthday.year.is_some_and(|year| year >= 1) => {
            birthday.to_string()
        }
        other => yaml::scalar(&other.to_string()),
    }
}

impl Contact {
    /// The contact fields of a note.
    pub fn of(fields: &FieldValues) -> Contact {
        let mut fields = fields.clone();
        fields.values_only();
        fields.retain(|field| field.spec().card == Card::Yes);
        Contact { fields }
    }

    /// The name.
    pub fn name(&self) -> &str {
        self.fields.name()
    }

    /// The email addresses.
    pub fn emails(&self) -> &[String] {
        self.fields.list(Field::Email)
    }

    /// The same contact as a note would read it back: texts trimmed and
    /// without control characters, tags without `#` and split at commas,
    /// no empty items or repeats, no alias equal to the name, only the
    /// fields vCards carry.
    pub(crate) fn normalized(self) -> Contact {
        let mut fields = FieldValues::default();
        for (field, value) in self.fields.iter() {
            if field.spec().card == Card::Yes {
                fields.set(field, read_back(field.spec().kind, value));
            }
        }
        let name = fold(fields.name());
        let mut aliases = fields.list(Field::Aliases).to_vec();
        aliases.retain(|alias| fold(alias) != name);
        fields.set_list(Field::Aliases, aliases);
        Contact { fields }
    }

    /// Takes in `other` (the same person from another card): its list items
    /// are added, its other fields fill only what this contact lacks.
    /// Returns the fields whose differing values were left out.
    pub(crate) fn absorb(&mut self, other: Contact) -> Vec<&'static str> {
        let mut dropped = Vec::new();
        for (field, theirs) in other.fields.iter() {
            if field == Field::Name {
                continue;
            }
            let joined = match (self.fields.get(field), theirs) {
                (None, theirs) => Some(theirs.clone()),
                (Some(Value::List(mine)), Value::List(theirs)) => {
                    Some(Value::List(unique(mine.iter().chain(theirs).cloned())))
                }
                (Some(mine), theirs) if !same_value(mine, theirs) => {
                    dropped.push(field.key());
                    None
                }
                _ => None,
            };
            if joined.is_some() {
                self.fields.set(field, joined);
            }
        }
        dropped
    }

    /// Front matter fields as `(key, YAML value)`, in the order a note
    /// lists them, leaving out the name and empty fields.
    fn yaml_fields(&self) -> Vec<(&'static str, String)> {
        self.fields
            .iter()
            .filter(|(field, _)| *field != Field::Name)
            .map(|(field, value)| (field.key(), yaml_value(field.spec().kind, value)))
            .collect()
    }

    /// Sets the field named `key` (as [`Contact::yaml_fields`] names it)
    /// from `other`.
    fn take_field(&mut self, key: &str, other: &Contact) {
        if let Some(spec) = fields::lookup(key) {
            self.fields
                .set(spec.field, other.fields.get(spec.field).cloned());
        }
    }
}

#[cfg(test)]
impl Contact {
    /// A contact for tests, as given (not normalized): each field with its
    /// texts, a list for list fields, else the first text (a birthday
    /// parsed).
    pub(crate) fn sample(pairs: &[(Field, &[&str])]) -> Contact {
        let mut fields = FieldValues::default();
        for (field, texts) in pairs {
            let first = texts.first().copied().unwrap_or_default();
            let value = match field.spec().kind {
                kind if kind.is_list() => {
                    Value::List(texts.iter().map(|t| t.to_string()).collect())
                }
                Kind::Birthday => Value::Birthday(
                    crate::note::cadence::Birthday::parse(first).expect("a birthday"),
                ),
                _ => Value::Text(first.to_string()),
            };
            fields.set(*field, Some(value));
        }
        Contact { fields }
    }
}

/// A new note for `contact`: the vault's template (or the built-in one)
/// filled with what it has placeholders for, then every other field added
/// to its front matter. `path` is where the note will be, for reading it
/// back.
pub fn new_note(
    template: &str,
    contact: &Contact,
    path: &str,
    today: NaiveDate,
) -> Result<String, MergeError> {
    let text = |field| contact.fields.text(field).map(str::to_string);
    let fields = Fields {
        name: contact.name().to_string(),
        org: text(Field::Org),
        role: text(Field::Role),
        email: match contact.emails() {
            [one] => Some(one.clone()),
            _ => None,
        },
        tags: contact.fields.list(Field::Tags).to_vec(),
        cadence: None,
        date: today,
    };
    let text = template::render(template, &fields)?;
    let merged = merge(text.as_bytes(), contact, path, true)?;
    String::from_utf8(merged.bytes).map_err(|_| MergeError::NotUtf8)
}

/// Adds to the note `bytes` (at vault path `path`) every field of
/// `contact` the note does not have, except the name: new `key: value`
/// lines at the end of its front matter (a front matter block is added
/// when it has none), and values for keys written with nothing after
/// them (`phone:`, `phone: # fill in`, the value going before the
/// comment). Every other byte stays as it was; the result is read back to
/// prove the note says what it said before plus the new fields.
pub fn add_missing_fields(
    bytes: &[u8],
    contact: &Contact,
    path: &str,
) -> Result<Merged, MergeError> {
    merge(bytes, contact, path, false)
}

/// A top-level key of a front matter: its field and whether its value is
/// empty.
struct Present {
    canonical: Option<&'static str>,
    written: String,
    empty: bool,
}

fn merge(
    bytes: &[u8],
    contact: &Contact,
    path: &str,
    with_name: bool,
) -> Result<Merged, MergeError> {
    let source = std::str::from_utf8(bytes).map_err(|_| MergeError::NotUtf8)?;
    let bom = source.len() - source.trim_start_matches('\u{feff}').len();
    let bom = bom.min(3);
    let content = &source[bom..];
    let eol = line_ending(content);
    let split = frontmatter::split(content);
    if split.unterminated {
        return Err(MergeError::Unclosed);
    }
    let present = present_keys(split.yaml)?;
    // What the note says wherever it says it (an inline field, a tag in the
    // text): a field it has is not added, even if not in its front matter.
    let read = person(path, bytes)?;
    let has =
        |key: &str| fields::lookup(key).is_some_and(|spec| read.fields.get(spec.field).is_some());

    let mut wanted = contact.yaml_fields();
    if with_name {
        wanted.insert(0, (Field::Name.key(), yaml::scalar(contact.name())));
    }
    let yaml = split.yaml.unwrap_or("");
    let mut yaml_lines: Vec<String> = yaml.split_inclusive('\n').map(str::to_string).collect();
    let mut appended = String::new();
    let mut added = Vec::new();
    let mut skipped = Vec::new();
    for (key, value) in wanted {
        match present.iter().find(|p| p.canonical == Some(key)) {
            _ if key != Field::Name.key() && has(key) => {}
            None => {
                appended.push_str(&format!("{key}: {value}{eol}"));
                added.push(key);
            }
            Some(p) if p.empty => {
                let filled = yaml_lines
                    .iter_mut()
                    .find_map(|line| Some((with_value(line, &p.written, &value)?, line)));
                match filled {
                    Some((new_line, line)) => {
                        *line = new_line;
                        added.push(key);
                    }
                    None => skipped.push(key),
                }
            }
            Some(_) => {}
        }
    }
    if added.is_empty() {
        return Ok(Merged {
            bytes: bytes.to_vec(),
            added,
            skipped,
        });
    }
    let mut out = String::with_capacity(source.len() + appended.len() + 16);
    out.push_str(&source[..bom]);
    match split.yaml {
        Some(_) => {
            let yaml_start = content.find('\n').map_or(content.len(), |at| at + 1);
            out.push_str(&content[..yaml_start]);
            out.extend(yaml_lines);
            out.push_str(&appended);
            out.push_str(&content[yaml_start + yaml.len()..]);
        }
        None => {
            out.push_str(&format!("---{eol}{appended}---{eol}"));
            out.push_str(content);
        }
    }
    check(read, out.as_bytes(), contact, path, &added)?;
    Ok(Merged {
        bytes: out.into_bytes(),
        added,
        skipped,
    })
}

/// The top-level keys of a front matter.
fn present_keys(yaml: Option<&str>) -> Result<Vec<Present>, MergeError> {
    let Some(yaml) = yaml.filter(|y| !y.trim().is_empty()) else {
        return Ok(Vec::new());
    };
    let mapping = match simple_yaml::read(yaml) {
        Ok(Yaml::Mapping(mapping)) => mapping,
        Ok(Yaml::Null) => return Ok(Vec::new()),
        _ => return Err(MergeError::BadFrontMatter),
    };
    Ok(mapping
        .iter()
        .map(|(key, value)| {
            let written = display_text(key);
            Present {
                canonical: fields::lookup(&written).map(|spec| spec.key),
                written,
                empty: value.is_null(),
            }
        })
        .collect())
}

/// `line` with `value` written after its `key:`, when the line holds
/// nothing else but blanks and perhaps a comment (`key:`, `key: # note`);
/// the comment and the blanks before it stay as they were.
fn with_value(line: &str, key: &str, value: &str) -> Option<String> {
    let content = line.trim_end_matches(['\r', '\n']);
    let ending = &line[content.len()..];
    let written = content.get(..key.len())?;
    if !written.eq_ignore_ascii_case(key) {
        return None;
    }
    let rest = content[key.len()..].strip_prefix(':')?;
    let (gap, comment) = rest.split_at(rest.find('#').unwrap_or(rest.len()));
    let blank = gap.chars().all(|c| c == ' ' || c == '\t');
    match (blank, comment.is_empty()) {
        (true, true) => Some(format!("{written}: {value}{ending}")),
        // A '#' is a comment only after a blank.
        (true, false) if !gap.is_empty() => {
            Some(format!("{written}: {value}{gap}{comment}{ending}"))
        }
        _ => None,
    }
}

fn person(path: &str, bytes: &[u8]) -> Result<Person, MergeError> {
    match note::parse(path, bytes) {
        Parsed::Person(person) => Ok(*person),
        _ => Err(MergeError::Unsafe),
    }
}

/// `person` without its contact fields and line numbers: what must not
/// change when fields are added.
fn rest_of(mut person: Person) -> Person {
    person.fields.retain(|field| field.spec().card == Card::No);
    for entry in &mut person.entries {
        entry.line = 0;
    }
    for problem in person.problems.iter_mut().chain(&mut person.hints) {
        problem.line = 0;
    }
    for (_, line) in &mut person.participants {
        *line = 0;
    }
    person.body_line = 0;
    person
}

/// Proves that `after` reads as `before` (the note as read before) with
/// `added` set from `contact`.
fn check(
    before: Person,
    after: &[u8],
    contact: &Contact,
    path: &str,
    added: &[&str],
) -> Result<(), MergeError> {
    let after = person(path, after)?;
    let mut expected = Contact::of(&before.fields);
    for key in added {
        expected.take_field(key, contact);
    }
    if Contact::of(&after.fields) != expected || rest_of(after) != rest_of(before) {
        return Err(MergeError::Unsafe);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::cadence::parse_date;

    fn ada() -> Contact {
        Contact::sample(&[
            (Field::Name, &["Ada Lovelace"]),
            (Field::Aliases, &["Countess of Lovelace"]),
            (Field::Tags, &["mentor", "#1 fan"]),
            (Field::Org, &["Analytical Engines, Ltd."]),
            (Field::Role, &["CTO"]),
            (Field::Email, &["ada@example.com", "ada@work.example"]),
            (Field::Phone, &["+44 20 7946 0000"]),
            (Field::Location, &["London"]),
            (Field::Birthday, &["1815-12-10"]),
            (
                Field::Purpose,
                &["Sends clients.\nWants intros: investors."],
            ),
        ])
        .normalized()
    }

    fn read(text: &str) -> Contact {
        Contact::of(&person("people/x.md", text.as_bytes()).unwrap().fields)
    }

    fn today() -> NaiveDate {
        parse_date("2026-11-24").unwrap()
    }

    #[test]
    fn a_new_note_from_the_built_in_template_reads_back_every_field() {
        let text = new_note(template::BUILT_IN, &ada(), "people/Ada.md", today()).unwrap();
        assert_eq!(read(&text), ada());
        assert!(text.ends_with("---\n# Ada Lovelace\n\n## Log\n"), "{text}");
    }

    #[test]
    fn a_template_without_name_or_front_matter_still_gets_them() {
        let text = new_note("# Notes\n", &ada(), "people/AC-DC.md", today()).unwrap();
        assert!(text.starts_with("---\nname: Ada Lovelace\n"), "{text}");
        assert_eq!(read(&text), ada());
    }

    #[test]
    fn merge_adds_only_missing_fields_and_keeps_every_byte() {
        let note = "\u{feff}---\r\nName: Ada\r\nCompany: Babbage & Co # mine\r\nphone:\r\nemails:\r\n  - old@example.com\r\n---\r\n# Ada\r\n\r\n## Log\r\n- 2026-11-02 Coffee\r\n";
        let merged = add_missing_fields(note.as_bytes(), &ada(), "people/Ada.md").unwrap();
        let text = String::from_utf8(merged.bytes).unwrap();
        assert_eq!(
            merged.added,
            [
                "aliases", "tags", "role", "phone", "location", "birthday", "purpose"
            ]
        );
        assert_eq!(
            text,
            "\u{feff}---\r\nName: Ada\r\nCompany: Babbage & Co # mine\r\nphone: +44 20 7946 0000\r\nemails:\r\n  - old@example.com\r\naliases: [Countess of Lovelace]\r\ntags: [mentor, 1 fan]\r\nrole: CTO\r\nlocation: London\r\nbirthday: 1815-12-10\r\npurpose: \"Sends clients.\\nWants intros: investors.\"\r\n---\r\n# Ada\r\n\r\n## Log\r\n- 2026-11-02 Coffee\r\n"
        );
        let again = add_missing_fields(text.as_bytes(), &ada(), "people/Ada.md").unwrap();
        assert!(again.added.is_empty());
        assert_eq!(again.bytes, text.as_bytes());
    }

    #[test]
    fn empty_keys_with_a_comment_are_filled_before_it_and_null_ones_reported() {
        let note = "---\r\nname: Ada\r\nphone: # fill in\r\nrole:\t\t# their title  \r\norg: ~ # later\r\nlocation: null\r\n---\r\n";
        let merged = add_missing_fields(note.as_bytes(), &ada(), "people/Ada.md").unwrap();
        assert_eq!(
            String::from_utf8(merged.bytes).unwrap(),
            "---\r\nname: Ada\r\nphone: +44 20 7946 0000 # fill in\r\nrole: CTO\t\t# their title  \r\norg: ~ # later\r\nlocation: null\r\n\
             aliases: [Countess of Lovelace]\r\ntags: [mentor, 1 fan]\r\nemail: [ada@example.com, ada@work.example]\r\n\
             birthday: 1815-12-10\r\npurpose: \"Sends clients.\\nWants intros: investors.\"\r\n---\r\n"
        );
        assert_eq!(
            merged.added,
            [
                "aliases", "tags", "role", "email", "phone", "birthday", "purpose"
            ]
        );
        assert_eq!(merged.skipped, ["org", "location"]);
    }

    #[test]
    fn a_note_without_front_matter_gets_one() {
        let merged = add_missing_fields(b"Met at the fair.\n", &ada(), "people/Ada.md").unwrap();
        let text = String::from_utf8(merged.bytes).unwrap();
        assert!(text.starts_with("---\naliases:"), "{text}");
        assert!(text.ends_with("---\nMet at the fair.\n"), "{text}");
    }

    #[test]
    fn fields_a_note_has_in_its_text_are_not_added() {
        let note = "# Ada\n\nemail:: ada@home.example\n#mentor\n";
        let merged = add_missing_fields(note.as_bytes(), &ada(), "people/Ada.md").unwrap();
        assert!(!merged.added.contains(&"email"), "{:?}", merged.added);
        assert!(!merged.added.contains(&"tags"), "{:?}", merged.added);
        assert!(merged.added.contains(&"org"), "{:?}", merged.added);
        let text = String::from_utf8(merged.bytes).unwrap();
        assert!(text.ends_with(note), "{text}");
        assert_eq!(read(&text).emails(), ["ada@home.example"]);
    }

    #[test]
    fn notes_that_cannot_be_merged_safely_are_left_alone() {
        let contact = ada();
        let merge = |text: &str| add_missing_fields(text.as_bytes(), &contact, "people/Ada.md");
        assert_eq!(merge("---\nname: Ada\n"), Err(MergeError::Unclosed));
        assert_eq!(merge("---\n- a\n---\n"), Err(MergeError::BadFrontMatter));
        assert_eq!(
            merge("---\nname: [\n---\n"),
            Err(MergeError::BadFrontMatter)
        );
        assert_eq!(
            add_missing_fields(b"\xff", &contact, "p.md"),
            Err(MergeError::NotUtf8)
        );
        // A flow mapping left open would swallow the new lines.
        assert!(merge("---\nextra: {a: 1,\n---\n").is_err());
    }

    #[test]
    fn absorb_joins_lists_and_reports_conflicts() {
        let mut first = ada();
        let second = Contact::sample(&[
            (Field::Name, &["Ada Lovelace"]),
            (Field::Email, &["ADA@example.com", "third@example.com"]),
            (Field::Org, &["Other"]),
            (Field::Role, &["cto"]),
            (Field::Birthday, &["--12-10"]),
        ]);
        assert_eq!(first.absorb(second), ["org", "birthday"]);
        assert_eq!(
            first.emails(),
            ["ada@example.com", "ada@work.example", "third@example.com"]
        );
    }

    #[test]
    fn normalized_contacts_read_back_the_same_from_awkward_values() {
        let awkward = Contact::sample(&[
            (Field::Name, &[" Zoë\t\"Z\" Müller\n"]),
            (Field::Aliases, &["Zoë \"Z\" Müller", "[x]", "a, b"]),
            (Field::Tags, &["#a, b", "null", "  "]),
            (Field::Org, &["- dash: \u{7}"]),
            (Field::Role, &["123"]),
            (Field::Email, &["true"]),
            (Field::Phone, &["0123 456", "#1"]),
            (Field::Location, &["'quoted'"]),
            (Field::Birthday, &["--02-29"]),
            (Field::Purpose, &["\r\n  multi\r\nline  "]),
        ])
        .normalized();
        let text = new_note(template::BUILT_IN, &awkward, "people/Z.md", today()).unwrap();
        assert_eq!(read(&text), awkward, "{text}");
    }

    #[test]
    fn merging_into_garbled_notes_never_panics_and_is_idempotent() {
        let pieces = [
            "---\n",
            "---\r\n",
            "\u{feff}",
            "name: Ada\n",
            "phone:\n",
            "phone:",
            "email: x\n",
            "  - item\n",
            "tags: [a,\n",
            "# c\n",
            "\n",
            "\r\n",
            "- 2026-11-02 Log\n",
            "...\n",
            "key: |\n",
            "  text\n",
            "\"q\": 1\n",
            ":\n",
            "é",
            "\t",
            "{",
            "}",
            "[",
            "org: ~\n",
        ];
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let contact = ada();
        for _ in 0..1500 {
            let note: String = (0..next() % 12)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            if let Ok(merged) = add_missing_fields(note.as_bytes(), &contact, "people/x.md") {
                let again = add_missing_fields(&merged.bytes, &contact, "people/x.md")
                    .unwrap_or_else(|e| panic!("{note:?}: {e}"));
                assert!(again.added.is_empty(), "{note:?} -> {:?}", again.added);
            }
        }
    }
}
