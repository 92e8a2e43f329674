//! Setting one date field in a note's front matter (`snooze_until`): the
//! value on its line replaced (key spelling and comment kept), else a line
//! added at the end of the front matter, else a front matter added; no
//! other byte changes, checked by reading the note again. Pure.

use chrono::NaiveDate;

use crate::note::fields::{self, Field};
use crate::note::{Parsed, Person, frontmatter};
use crate::write::edit::line_ending;

/// A note with the field set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Set {
    /// The note's new bytes.
    pub bytes: Vec<u8>,
    /// The field's line as written, without its line ending.
    pub line: String,
    /// Its 1-based line number.
    pub line_number: usize,
}

/// Why the field was not set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    /// The note is not UTF-8.
    #[error("the note is not UTF-8 text; kith only changes UTF-8 notes")]
    NotUtf8,
    /// The front matter is not closed.
    #[error("its front matter opened with '---' is never closed; close it first")]
    Unterminated,
    /// The front matter cannot be read.
    #[error("its front matter is not readable YAML ({0}); fix it first")]
    BadYaml(String),
    /// The key is given more than once.
    #[error("{0} is set on more than one line; keep one")]
    Repeated(&'static str),
    /// The edit would change how the rest reads.
    #[error("setting {0} would change how the rest of the front matter reads; set it by hand")]
    Unsafe(&'static str),
}

/// Sets `field` to `date` in the note `bytes`.
pub fn set_date(bytes: &[u8], field: Field, date: NaiveDate) -> Result<Set, FieldError> {
    let source = std::str::from_utf8(bytes).map_err(|_| FieldError::NotUtf8)?;
    let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let content = &source[bom..];
    let eol = line_ending(content);
    let split = frontmatter::split(content);
    if split.unterminated {
        return Err(FieldError::Unterminated);
    }
    if let Some(yaml) = split.yaml
        && !yaml.trim().is_empty()
    {
        match serde_yaml::from_str::<serde_yaml::Value>(yaml) {
            Ok(serde_yaml::Value::Mapping(_) | serde_yaml::Value::Null) => {}
            Ok(_) => return Err(FieldError::BadYaml("not a list of fields".into())),
            Err(error) => return Err(FieldError::BadYaml(error.to_string())),
        }
    }
    let old = person(source).ok_or(FieldError::NotUtf8)?;
    let key = field.key();
    let (at, remove, line) = match split.yaml {
        None => (bom, 0, format!("---{eol}{key}: {date}{eol}---{eol}")),
        Some(yaml) => {
            // `yaml` is a slice of `content`.
            let yaml_start = bom + (yaml.as_ptr() as usize - content.as_ptr() as usize);
            let mut found = key_lines(yaml, field);
            match found.len() {
                0 => (yaml_start + yaml.len(), 0, format!("{key}: {date}{eol}")),
                1 => {
                    let (offset, len) = found.remove(0);
                    let next = yaml[offset + len..].lines().nth(1).unwrap_or_default();
                    if next.starts_with([' ', '\t', '-']) {
                        // The old value goes on over more lines.
                        return Err(FieldError::Unsafe(key));
                    }
                    let old_line = &yaml[offset..offset + len];
                    (yaml_start + offset, len, replaced_value(old_line, date))
                }
                _ => return Err(FieldError::Repeated(key)),
            }
        }
    };
    let mut out = String::with_capacity(source.len() + line.len());
    out.push_str(&source[..at]);
    out.push_str(&line);
    out.push_str(&source[at + remove..]);
    let shown = line
        .lines()
        .find(|l| l.contains(&date.to_string()))
        .unwrap_or_default()
        .trim_end_matches('\r')
        .to_string();
    let line_number = out[..at].matches('\n').count()
        + line[..line.find(&shown).unwrap_or(0)].matches('\n').count()
        + 1;
    match person(&out) {
        Some(new) if same_but(&old, &new, field, date) => Ok(Set {
            bytes: out.into_bytes(),
            line: shown,
            line_number,
        }),
        _ => Err(FieldError::Unsafe(key)),
    }
}

fn person(text: &str) -> Option<Person> {
    match crate::note::parse("note.md", text.as_bytes()) {
        Parsed::Person(person) => Some(*person),
        _ => None,
    }
}

/// The offset and length (without line ending) of each top-level line of
/// `yaml` whose key is one of `field`'s spellings.
fn key_lines(yaml: &str, field: Field) -> Vec<(usize, usize)> {
    let mut offset = 0;
    let mut found = Vec::new();
    for line in yaml.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        if !bare.starts_with([' ', '\t', '#', '-'])
            && let Some((key, _)) = bare.split_once(':')
        {
            let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
            if fields::lookup(key).is_some_and(|spec| spec.field == field) {
                found.push((offset, bare.len()));
            }
        }
        offset += line.len();
    }
    found
}

/// `key: old # note` with the value replaced: key and comment kept.
fn replaced_value(line: &str, date: NaiveDate) -> String {
    let (key, value) = line.split_once(':').unwrap_or((line, ""));
    let comment = value
        .find(" #")
        .or_else(|| value.find("\t#"))
        .map_or("", |at| {
            let start = value[..at].trim_end_matches([' ', '\t']).len();
            &value[start..]
        });
    format!("{key}: {date}{comment}")
}

/// Whether `new` is `old` with `field` set to `date` and nothing else
/// changed: the other fields, the body and its entries.
fn same_but(old: &Person, new: &Person, field: Field, date: NaiveDate) -> bool {
    let without = |person: &Person| {
        let mut fields = person.fields.clone();
        fields.forget(field);
        fields
    };
    new.fields.date(field) == Some(date)
        && without(old) == without(new)
        && old.body == new.body
        && new
            .problems
            .iter()
            .filter(|p| !old.problems.iter().any(|o| o.message == p.message))
            .count()
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn set(note: &str) -> Set {
        set_date(note.as_bytes(), Field::SnoozeUntil, day("2026-12-08")).unwrap()
    }

    fn text(set: &Set) -> &str {
        std::str::from_utf8(&set.bytes).unwrap()
    }

    #[test]
    fn an_existing_value_is_replaced_keeping_spelling_and_comment() {
        let done = set(
            "---\nname: A\nSnooze_Until: 2026-01-01   # after the trip\ncadence: weekly\n---\n# A\n",
        );
        assert_eq!(
            text(&done),
            "---\nname: A\nSnooze_Until: 2026-12-08   # after the trip\ncadence: weekly\n---\n# A\n"
        );
        assert_eq!(done.line, "Snooze_Until: 2026-12-08   # after the trip");
        assert_eq!(done.line_number, 3);
    }

    #[test]
    fn a_missing_key_is_added_at_the_end_of_the_front_matter() {
        let done = set("\u{feff}---\r\nname: A\r\n# a comment\r\n---\r\n# A\r\n");
        assert_eq!(
            text(&done),
            "\u{feff}---\r\nname: A\r\n# a comment\r\nsnooze_until: 2026-12-08\r\n---\r\n# A\r\n"
        );
        assert_eq!(done.line_number, 4);
        assert_eq!(
            text(&set("---\n---\nx")),
            "---\nsnooze_until: 2026-12-08\n---\nx"
        );
    }

    #[test]
    fn a_note_without_front_matter_gets_one() {
        let done = set("# A\n\n- 2026-11-02 Coffee");
        assert_eq!(
            text(&done),
            "---\nsnooze_until: 2026-12-08\n---\n# A\n\n- 2026-11-02 Coffee"
        );
        assert_eq!(done.line_number, 2);
        assert_eq!(text(&set("")), "---\nsnooze_until: 2026-12-08\n---\n");
        assert_eq!(
            text(&set("\u{feff}x\r\n")),
            "\u{feff}---\r\nsnooze_until: 2026-12-08\r\n---\r\nx\r\n"
        );
    }

    #[test]
    fn a_bad_old_value_is_replaced() {
        let done = set("---\nsnooze_until: soon\n---\n");
        assert_eq!(text(&done), "---\nsnooze_until: 2026-12-08\n---\n");
    }

    #[test]
    fn notes_kith_cannot_safely_change_are_refused() {
        let refuse = |note: &str| set_date(note.as_bytes(), Field::SnoozeUntil, day("2026-12-08"));
        assert_eq!(refuse("---\nname: A\n"), Err(FieldError::Unterminated));
        assert!(matches!(
            refuse("---\nname: [A\n---\n"),
            Err(FieldError::BadYaml(_))
        ));
        assert_eq!(
            refuse("---\nsnooze_until: 2026-01-01\nSnooze_Until: 2026-02-01\n---\n").map(|_| ()),
            Err(FieldError::Repeated("snooze_until"))
        );
        assert_eq!(
            refuse("---\n{name: A}\n---\n").map(|_| ()),
            Err(FieldError::Unsafe("snooze_until"))
        );
        assert_eq!(
            refuse("---\nsnooze_until:\n  - 2026-01-01\n---\n").map(|_| ()),
            Err(FieldError::Unsafe("snooze_until"))
        );
        assert_eq!(
            set_date(b"\xff", Field::SnoozeUntil, day("2026-12-08")),
            Err(FieldError::NotUtf8)
        );
    }
}
