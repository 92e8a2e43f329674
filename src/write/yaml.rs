//! Text written as a YAML value into a note's front matter: plain when
//! every common YAML reader (1.1 like PyYAML, 1.2 like serde_yaml and
//! Obsidian's) reads it back as the same text, double-quoted otherwise
//! (`"007"`, `"yes"`, `"~"`, `"1e3"`, `"Ada: x"`, `" padded "`).

use serde_yaml::Value;

use crate::note::simple_yaml;

/// `text` as a YAML value after `key: `.
pub(crate) fn scalar(text: &str) -> String {
    quoted_unless(text, |plain| {
        reads(&format!("k: {plain}\n"), |v| v.as_str() == Some(text))
    })
}

/// `text` as an item of a YAML flow list, `[a, "b, c"]`.
pub(crate) fn item(text: &str) -> String {
    quoted_unless(text, |plain| {
        !plain.contains([',', '[', ']', '{', '}'])
            && reads(&format!("k: [{plain}]\n"), |v| {
                v.as_sequence()
                    .is_some_and(|s| s.len() == 1 && s[0].as_str() == Some(text))
            })
    })
}

fn quoted_unless(text: &str, reads_back: impl Fn(&str) -> bool) -> String {
    if plain_for_every_reader(text) && reads_back(text) {
        text.to_string()
    } else {
        double_quoted(text)
    }
}

/// Whether `yaml` is a mapping whose `k` passes `check`.
fn reads(yaml: &str, check: impl Fn(&Value) -> bool) -> bool {
    simple_yaml::read(yaml)
        .ok()
        .and_then(|doc| doc.get("k").map(&check))
        .unwrap_or(false)
}

/// Words some YAML reader takes for null, a boolean or a special number
/// (YAML 1.1 knows `yes`, `on`, `y`…; matched in any case).
const SPECIAL: &[&str] = &[
    "~", "null", "true", "false", "yes", "no", "y", "n", "on", "off", ".inf", "+.inf", "-.inf",
    ".nan", "=", "<<",
];

/// Whether no YAML reader can take plain `text` for anything but that
/// text: no number, date, boolean or null in YAML 1.1 or 1.2, nothing
/// that starts like other YAML syntax, no comment or key inside, no
/// blanks at the ends, no line breaks or control characters.
fn plain_for_every_reader(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let lower = text.to_lowercase();
    // `-`, `?` and `:` start YAML syntax only before a blank.
    let indicator = match first {
        '-' | '?' | ':' => text[1..].chars().next().is_none_or(char::is_whitespace),
        _ => ",[]{}#&*!|>'\"%@`".contains(first),
    };
    !(text.trim() != text
        || indicator
        || text.contains(": ")
        || text.contains(" #")
        || text.ends_with(':')
        || text.chars().any(|c| {
            c.is_control() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
        })
        || SPECIAL.contains(&lower.as_str())
        || looks_numeric(text)
        || looks_like_a_date(text))
}

/// Integers and floats in any YAML's spelling: `007`, `0x1F`, `0o17`,
/// `0b101`, `1_000`, `1e3`, `1e-3`, `.5`, `1:30` (sexagesimal in YAML 1.1).
fn looks_numeric(text: &str) -> bool {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    if !unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return false;
    }
    let mut before = ' ';
    unsigned.chars().all(|c| {
        let numeric = c.is_ascii_hexdigit()
            || "xXoObB_.:".contains(c)
            || (matches!(c, '+' | '-') && matches!(before, 'e' | 'E'));
        before = c;
        numeric
    })
}

/// YAML 1.1 timestamps start with a date: `2026-11-24`, `2026-1-2 10:00`.
fn looks_like_a_date(text: &str) -> bool {
    let mut parts = text.splitn(3, '-');
    let digits = |part: Option<&str>, lengths: &[usize]| {
        part.is_some_and(|p| lengths.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
    };
    let year = parts.next();
    let month = parts.next();
    let day = parts.next().map(|rest| {
        rest.split(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap_or("")
    });
    digits(year, &[4]) && digits(month, &[1, 2]) && digits(day, &[1, 2])
}

/// `text` in YAML double quotes: `\`, `"`, control characters and the
/// characters some readers take as line breaks are escaped.
fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What serde_yaml reads back for `value` written after `k: `, and
    /// inside a flow list.
    fn read_back(text: &str) -> (Option<String>, Option<String>) {
        let scalar: Value = serde_yaml::from_str(&format!("k: {}\n", scalar(text))).unwrap();
        let list: Value = serde_yaml::from_str(&format!("k: [{}]\n", item(text))).unwrap();
        (
            scalar["k"].as_str().map(str::to_string),
            list["k"][0].as_str().map(str::to_string),
        )
    }

    #[test]
    fn values_other_readers_take_for_numbers_booleans_or_null_are_quoted() {
        for text in [
            "007",
            "yes",
            "No",
            "ON",
            "off",
            "y",
            "n",
            "null",
            "Null",
            "~",
            "1e3",
            "true",
            "FALSE",
            "0x1F",
            "0o17",
            "0b101",
            ".inf",
            "-.inf",
            ".NaN",
            "1_000",
            "1:30",
            "-5",
            "+12",
            "3.14",
            ".5",
            "2026-11-24",
            "2026-1-2 10:00",
            "=",
            "<<",
        ] {
            assert!(scalar(text).starts_with('"'), "{text}: {}", scalar(text));
            assert!(item(text).starts_with('"'), "{text}: {}", item(text));
            let text = Some(text.to_string());
            assert_eq!(read_back(text.as_deref().unwrap()), (text.clone(), text));
        }
    }

    #[test]
    fn yaml_syntax_blanks_and_breaks_are_quoted_and_read_back() {
        for text in [
            " padded ",
            "trailing ",
            "Ada: Lovelace",
            "ends with:",
            "a #1 fan",
            "#1",
            "- dash",
            "-",
            "? key",
            ": colon",
            "[list]",
            "{map}",
            "&anchor",
            "*alias",
            "!tag",
            "|block",
            ">fold",
            "'single'",
            "\"double\"",
            "%directive",
            "@at",
            "`tick",
            "two\nlines",
            "tab\there",
            "bell\u{7}",
            "line\u{2028}separator",
            "next\u{85}line",
            "\"back\\slash\" and \\\"",
            "",
        ] {
            assert!(scalar(text).starts_with('"'), "{text:?}: {}", scalar(text));
            let text = Some(text.to_string());
            assert_eq!(read_back(text.as_deref().unwrap()), (text.clone(), text));
        }
        for text in ["a, b", "x]"] {
            assert!(item(text).starts_with('"'), "{text}");
        }
    }

    #[test]
    fn ordinary_text_stays_plain() {
        for text in [
            "Ada Lovelace",
            "O'Brien",
            "Zoë Müller",
            "Analytical Engines, Ltd.",
            "+44 20 7946 0000",
            "+1-555-0100",
            "12-10",
            "ada@example.com",
            "6w",
            "every 3 months",
            "C# developer",
            "50% off",
            "v1.2",
            "Yesterday",
            "non-profit",
            "back\\slash \"quoted\"",
            "--12-09",
            "-ish",
            "?!",
        ] {
            assert_eq!(scalar(text), text);
            let text = Some(text.to_string());
            assert_eq!(read_back(text.as_deref().unwrap()).0, text);
        }
        assert_eq!(
            item("Analytical Engines, Ltd."),
            "\"Analytical Engines, Ltd.\""
        );
    }
}
