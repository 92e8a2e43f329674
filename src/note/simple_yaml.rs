//! The front matter most notes have, read without a YAML parser: one
//! `key: value` a line, each value a plain or simply quoted text or a
//! one-line `[a, b]` list. Anything else (indented lines, comments,
//! escapes, anchors, numbers, repeated keys, …) is left to serde_yaml,
//! which was an eighth of a full build. Where this reads a text at all it
//! reads it as serde_yaml does: a property test holds the two to it.

use serde_yaml::Value;

/// `yaml` as serde_yaml reads it: without serde_yaml when it is simple
/// enough to be sure (writing a value is checked by reading it back, a
/// dozen times for each new note an import makes).
pub(crate) fn read(yaml: &str) -> serde_yaml::Result<Value> {
    match entries(yaml) {
        Some(entries) => Ok(Value::Mapping(
            entries
                .into_iter()
                .map(|entry| (Value::String(entry.key.into()), entry.value))
                .collect(),
        )),
        None => serde_yaml::from_str(yaml),
    }
}

/// One `key: value` of a simple front matter.
#[derive(Debug, PartialEq)]
pub(crate) struct Entry<'a> {
    /// The key, as written and as serde_yaml reads it.
    pub key: &'a str,
    pub value: Value,
    /// The 0-based line of `yaml` it is on.
    pub line: usize,
}

/// The entries of `yaml` in order, as serde_yaml reads its mapping, when
/// it is simple enough to be sure; `None` means: ask serde_yaml.
pub(crate) fn entries(yaml: &str) -> Option<Vec<Entry<'_>>> {
    let mut entries: Vec<Entry<'_>> = Vec::new();
    for (line, text) in crate::note::lines::split(yaml).enumerate() {
        let text = text.strip_suffix('\r').unwrap_or(text);
        if text.bytes().all(|b| b == b' ') {
            continue;
        }
        if !plain_line(text) {
            return None;
        }
        let (key, rest) = crate::note::lines::split_at_colon(text)?;
        if !is_key(key) || entries.iter().any(|entry| entry.key == key) {
            return None;
        }
        let value = match rest {
            "" => Value::Null,
            rest => value(rest.strip_prefix(' ')?.trim_matches(' '))?,
        };
        entries.push(Entry { key, value, line });
    }
    (!entries.is_empty()).then_some(entries)
}

/// Whether every character of `line` is a [`plain_char`]: for ASCII, no
/// control character.
fn plain_line(line: &str) -> bool {
    if line.is_ascii() {
        return !line.bytes().any(|b| b.is_ascii_control());
    }
    line.chars().all(plain_char)
}

/// A character that means itself anywhere in a line: not a tab, a line
/// break of YAML's or a character YAML does not allow.
fn plain_char(c: char) -> bool {
    !(c.is_control()
        || matches!(
            c,
            '\u{feff}' | '\u{fffe}' | '\u{ffff}' | '\u{2028}' | '\u{2029}'
        ))
}

/// A key serde_yaml reads as this very text: a word, maybe with spaces,
/// dashes, dots and underscores inside (`Phone Number`, `E-mail`).
fn is_key(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-' | '.'))
        && !key.ends_with(' ')
        && is_text(key)
}

/// The value after `key: `, trimmed.
fn value(text: &str) -> Option<Value> {
    if text.is_empty() {
        return Some(Value::Null);
    }
    if let Some(quoted) = quoted(text) {
        return Some(Value::String(quoted.into()));
    }
    if let Some(inner) = text.strip_prefix('[') {
        return list(inner.strip_suffix(']')?);
    }
    let plain = starts_plain(text) && !comment_or_mapping(text) && !text.ends_with(':');
    if plain { scalar(text) } else { None }
}

/// Whether `text` has a ` #` (a comment) or a `: ` (a mapping) in it.
fn comment_or_mapping(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|pair| matches!(pair, [b' ', b'#'] | [b':', b' ']))
}

/// The items of a one-line list, between its brackets.
fn list(inner: &str) -> Option<Value> {
    if inner.trim_matches(' ').is_empty() {
        return Some(Value::Sequence(Vec::new()));
    }
    inner
        .split(',')
        .map(|item| {
            let item = item.trim_matches(' ');
            if let Some(quoted) = quoted(item) {
                return Some(Value::String(quoted.into()));
            }
            let plain =
                starts_plain(item) && !item.contains(['[', ']', '{', '}', '#', ':', '"', '\'']);
            if plain { scalar(item) } else { None }
        })
        .collect::<Option<Vec<Value>>>()
        .map(Value::Sequence)
}

/// The text inside quotes without escapes: `"a b"` or `'a b'`.
fn quoted(text: &str) -> Option<&str> {
    let double = text.strip_prefix('"').and_then(|t| t.strip_suffix('"'));
    if let Some(inner) = double {
        return (!inner.contains(['"', '\\'])).then_some(inner);
    }
    let single = text.strip_prefix('\'').and_then(|t| t.strip_suffix('\''));
    single.filter(|inner| !inner.contains('\''))
}

/// Whether a plain text may start this way: not with a YAML indicator
/// (a `-` is one only before a space).
fn starts_plain(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        None => false,
        Some('-') => chars.next().is_some_and(|c| c != ' '),
        // A `match`, not a search in a string: every value starts here.
        Some(c) => !matches!(
            c,
            '?' | ':'
                | ','
                | '['
                | ']'
                | '{'
                | '}'
                | '#'
                | '&'
                | '*'
                | '!'
                | '|'
                | '>'
                | '\''
                | '"'
                | '%'
                | '@'
                | '`'
        ),
    }
}

/// A plain text as serde_yaml resolves it: null, a flag or the text;
/// `None` for anything that may be a number.
fn scalar(text: &str) -> Option<Value> {
    match keyword(text) {
        Some(value) => Some(value),
        None if may_be_number(text) => None,
        None => Some(Value::String(text.into())),
    }
}

/// The null or flag serde_yaml reads the plain `text` as, if any.
fn keyword(text: &str) -> Option<Value> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => Some(Value::Null),
        "true" | "True" | "TRUE" => Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => Some(Value::Bool(false)),
        _ => None,
    }
}

/// Whether serde_yaml surely resolves the plain `text` as this very text,
/// as [`scalar`] does, without making the text a value.
fn is_text(text: &str) -> bool {
    keyword(text).is_none() && !may_be_number(text)
}

/// Whether serde_yaml may read `text` as a number (an integer in any base
/// or a float, `.inf` and `.nan` too); `false` only when it surely does
/// not: a date (`2026-11-02`), a cadence (`2m`), a word.
fn may_be_number(text: &str) -> bool {
    let Some(first) = text.bytes().next() else {
        return false;
    };
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
        return false;
    }
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    if unsigned.starts_with(['.', '0']) || unsigned.is_empty() {
        return true;
    }
    let bytes = unsigned.as_bytes();
    bytes.iter().enumerate().all(|(at, &b)| match b {
        b'0'..=b'9' | b'.' | b'e' | b'E' | b'_' => true,
        b'+' | b'-' => at > 0 && matches!(bytes[at - 1], b'e' | b'E'),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::dice::Dice;

    /// serde_yaml's mapping of `yaml`, in order.
    fn slow(yaml: &str) -> Option<Vec<(Value, Value)>> {
        match serde_yaml::from_str::<Value>(yaml) {
            Ok(Value::Mapping(mapping)) => Some(mapping.into_iter().collect()),
            _ => None,
        }
    }

    /// The fast path's entries of `yaml` as [`slow`] gives them, each
    /// checked to be on the line it says.
    fn mapping(yaml: &str) -> Option<Vec<(Value, Value)>> {
        let entries = entries(yaml)?;
        for entry in &entries {
            let line = yaml.split('\n').nth(entry.line).unwrap();
            assert!(line.starts_with(&format!("{}:", entry.key)), "{yaml:?}");
        }
        let pairs = entries
            .into_iter()
            .map(|entry| (Value::String(entry.key.into()), entry.value));
        Some(pairs.collect())
    }

    /// A short text of pieces: mostly plain, now and then any that
    /// matters to YAML.
    fn text(dice: &mut Dice) -> String {
        const PLAIN: &[&str] = &[
            "a",
            "Zoë",
            "0",
            "7",
            "12",
            "-",
            "+",
            ".",
            "e",
            "E",
            "x",
            "o",
            "b",
            "inf",
            "nan",
            " ",
            "_",
            "2026-11-02",
            "2m",
            "/",
            "é",
            "\u{a0}",
            "null",
            "true",
            "False",
            "~",
        ];
        const TROUBLE: &[&str] = &[
            "  ", ":", ": ", "#", " #", "[", "]", "{", "}", ",", "\"", "'", "\\", "!", "&", "*",
            "|", ">", "%", "@", "`", "?", "\t", "[[Acme]]", "\u{85}", "\r",
        ];
        dice.text(PLAIN, TROUBLE)
    }

    #[test]
    fn the_fast_path_reads_what_serde_yaml_reads() {
        const KEYS: &[&str] = &[
            "name",
            "tags",
            "Phone Number",
            "E-mail",
            "_x",
            "job.title",
            "true",
            "null",
            "1",
            "a:b",
            "#c",
            " name",
            "name ",
            "é",
            "ke y",
            "-k",
            "NULL",
            "x\"",
            "name",
        ];
        const VALUES: &[&str] = &[
            "Ada Lovelace",
            "[mentor, '#referral-source']",
            "\"+44 20 7946 0000\"",
            "1815-12-10",
            "--12-09",
            "monthly",
            "2m",
            "[]",
            "[ ]",
            "\"[[Charles Babbage]]\"",
            "[[Acme]]",
            "https://example.com/a:b",
            "1e5",
            "0x1F",
            "007",
            "-5",
            ".inf",
            "-.INF",
            ".NaN",
            "+12",
            "1_000",
            "3.",
            "'it''s'",
            "\"a\\tb\"",
            "a # b",
            "a: b",
            "a:",
            "[a, , b]",
            "[a, b,]",
            "{a: 1}",
            "|",
            ">",
            "&a x",
            "*a",
            "!t x",
            "yes",
            "No",
            "~",
            "",
            "  ",
            "'#tag'",
            "\"\"",
            "''",
            "- a",
            "-a",
            "?x",
            "[a, [b]]",
            "[\"a, b\", c]",
        ];
        let mut dice = Dice(0x9E37_79B9_7F4A_7C15);
        let mut agreed = 0;
        for _ in 0..40_000 {
            let lines = 1 + dice.below(3);
            let mut yaml = String::new();
            for _ in 0..lines {
                // Mostly well-formed, so that most documents test the
                // fast path, with every kind of trouble now and then.
                let key = if dice.below(8) == 0 {
                    text(&mut dice)
                } else {
                    dice.pick(KEYS).into()
                };
                let value = match dice.below(4) {
                    0 => text(&mut dice),
                    1 => format!("[{}, {}]", text(&mut dice), text(&mut dice)),
                    _ => dice.pick(VALUES).into(),
                };
                let sep = match dice.below(8) {
                    0 => dice.pick(&[":", ":  ", " : ", ":\t"]),
                    _ => ": ",
                };
                let end = match dice.below(8) {
                    0 => dice.pick(&["\n\n", "  \n", "\n  x: 1\n", "\n- a\n"]),
                    1 => "\r\n",
                    _ => "\n",
                };
                yaml.push_str(&format!("{key}{sep}{value}{end}"));
            }
            if let Some(fast) = mapping(&yaml) {
                assert_eq!(Some(fast), slow(&yaml), "{yaml:?}");
                agreed += 1;
            }
        }
        // The fast path is taken often enough for the test to mean something.
        assert!(agreed > 2_000, "only {agreed} read fast");
    }

    #[test]
    fn every_front_matter_of_the_example_vault_reads_alike() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-vault");
        let mut fast = 0;
        for entry in walkdir::WalkDir::new(root) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "md") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let Some(yaml) = crate::note::frontmatter::split(&text).yaml else {
                continue;
            };
            if let Some(mapping) = mapping(yaml) {
                assert_eq!(Some(mapping), slow(yaml), "{}", entry.path().display());
                fast += 1;
            }
        }
        assert!(fast > 0);
    }

    #[test]
    fn a_typical_note_is_read_fast_and_the_unusual_is_not() {
        let typical = "name: Ada Lovelace\ntags: [mentor, board]\ncadence: 2m\n\
                       birthday: 1815-12-10\nphone: \"+44 20\"\nempty:\n";
        assert_eq!(mapping(typical), slow(typical));
        assert!(mapping(typical).is_some());
        for unusual in [
            "a: 1\n",
            "a: x\na: y\n",
            "a:\n  - x\n",
            "# c\na: x\n",
            "a: x # c\n",
            "a: \"x\\ty\"\n",
            "a: &x y\n",
            "a:\tx\n",
            "",
        ] {
            assert_eq!(mapping(unusual), None, "{unusual:?}");
        }
    }
}
