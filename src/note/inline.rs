//! What the prose of a note's body says beside the log: Dataview inline
//! fields (`key:: value` on a line of its own, `[key:: value]` and
//! `(key:: value)` within text) and tags (`#person`, `#client/active`).
//! Both are read from the prose only (see [`super::comments::prose`]),
//! never from code, HTML or comments.

/// An inline field as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InlineField {
    /// The key, without the `**` of a bold key.
    pub key: String,
    /// The value, trimmed.
    pub value: String,
    /// 1-based line in the file.
    pub line: usize,
}

/// Longest key read as an inline field, in characters.
const MAX_KEY_CHARS: usize = 64;

/// Whether `body` may hold an inline field: cheap, to skip the rest.
pub(crate) fn may_hold_fields(body: &str) -> bool {
    body.contains("::")
}

/// Whether `body` may hold a tag: a `#` at the start of a line or after a
/// space, followed by neither a space nor another `#` (a heading's `#`).
pub(crate) fn may_hold_tags(body: &str) -> bool {
    let bytes = body.as_bytes();
    body.match_indices('#').any(|(at, _)| {
        (at == 0 || bytes[at - 1].is_ascii_whitespace())
            && bytes
                .get(at + 1)
                .is_some_and(|next| !next.is_ascii_whitespace() && *next != b'#')
    })
}

/// Every inline field of `prose`, whose first line is line `first_line`
/// of the file, in the order written.
pub(crate) fn fields(prose: &str, first_line: usize) -> Vec<InlineField> {
    let mut found = Vec::new();
    for (index, line) in prose.lines().enumerate() {
        let line_number = first_line + index;
        if let Some((key, value)) = whole_line_field(line) {
            found.push(InlineField {
                key,
                value,
                line: line_number,
            });
            continue;
        }
        bracketed_fields(line, line_number, &mut found);
    }
    found
}

/// `key:: value` as a line of its own, perhaps a list item or task.
fn whole_line_field(line: &str) -> Option<(String, String)> {
    let rest = without_list_marker(line.trim_start());
    let (key, value) = rest.split_once("::")?;
    if !(value.is_empty() || value.starts_with(char::is_whitespace)) {
        return None;
    }
    Some((field_key(key)?, value.trim().to_string()))
}

/// `line` without a leading list marker (`- `, `* `, `+ `, `1. `, `1) `)
/// and task box (`[ ] `, `[x] `).
fn without_list_marker(line: &str) -> &str {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = if let Some(rest) = line.strip_prefix(['-', '*', '+']) {
        rest
    } else if digits > 0 {
        match line[digits..].strip_prefix(['.', ')']) {
            Some(rest) => rest,
            None => return line,
        }
    } else {
        return line;
    };
    if !rest.starts_with(char::is_whitespace) {
        return line;
    }
    let rest = rest.trim_start();
    for task in ["[ ]", "[x]", "[X]"] {
        if let Some(after) = rest.strip_prefix(task)
            && after.starts_with(char::is_whitespace)
        {
            return after.trim_start();
        }
    }
    rest
}

/// `[key:: value]` and `(key:: value)` within a line; the value may hold
/// brackets of its own (`[company:: [[Acme]]]`).
fn bracketed_fields(line: &str, line_number: usize, found: &mut Vec<InlineField>) {
    let mut at = 0;
    while let Some(offset) = line[at..].find(['[', '(']) {
        let open_at = at + offset;
        let (open, close) = if line[open_at..].starts_with('[') {
            ('[', ']')
        } else {
            ('(', ')')
        };
        let inside = &line[open_at + 1..];
        let field = inside.find("::").and_then(|colons| {
            let key = field_key(&inside[..colons])?;
            let value_start = colons + 2;
            let rest = &inside[value_start..];
            if !(rest.starts_with(char::is_whitespace) || rest.starts_with(close)) {
                return None;
            }
            let end = value_start + closing(rest, open, close)?;
            Some((key, inside[value_start..end].trim().to_string(), end))
        });
        match field {
            Some((key, value, end)) => {
                found.push(InlineField {
                    key,
                    value,
                    line: line_number,
                });
                at = open_at + 1 + end + close.len_utf8();
            }
            None => at = open_at + 1,
        }
    }
}

/// Where the bracket closing an already opened one is in `text`, brackets
/// opened within counted.
fn closing(text: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    for (at, c) in text.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            if depth == 0 {
                return Some(at);
            }
            depth -= 1;
        }
    }
    None
}

/// A key as Dataview takes one: words of letters and digits (with spaces,
/// `_`, `-`, `/`, `.` between), perhaps bold or italic; `None` for
/// anything else, so prose such as `see: a:: b` is not a field.
fn field_key(raw: &str) -> Option<String> {
    let key = raw.trim().trim_matches(['*', '_']).trim();
    let first = key.chars().next()?;
    let fits = first.is_alphanumeric()
        && key.chars().count() <= MAX_KEY_CHARS
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-' | '/' | '.'));
    fits.then(|| key.to_string())
}

/// Every tag in `prose`, without its `#`, each once (the first spelling
/// kept), in the order written. A tag starts at a `#` at the start of a
/// line or after white space, holds letters, digits, `_`, `-` and `/`
/// (a nested tag, `client/active`), and has at least one letter
/// (`#2024` is not a tag).
pub(crate) fn tags(prose: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut previous: Option<char> = None;
    for (at, c) in prose.char_indices() {
        let starts = c == '#' && previous.is_none_or(char::is_whitespace);
        previous = Some(c);
        if !starts {
            continue;
        }
        let rest = &prose[at + 1..];
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '/')))
            .unwrap_or(rest.len());
        let tag = rest[..end].trim_end_matches('/');
        if tag.chars().any(char::is_alphabetic)
            && !found.iter().any(|known| known.eq_ignore_ascii_case(tag))
        {
            found.push(tag.to_string());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(prose: &str) -> Vec<(String, String, usize)> {
        fields(prose, 10)
            .into_iter()
            .map(|f| (f.key, f.value, f.line))
            .collect()
    }

    fn pair(key: &str, value: &str, line: usize) -> (String, String, usize) {
        (key.to_string(), value.to_string(), line)
    }

    #[test]
    fn whole_line_fields_with_list_markers_and_bold_keys() {
        assert_eq!(
            pairs(
                "company:: [[Vetro Labs]]\n- lastContact:: 2026-08-19\n**Birth day**:: 1984-03-22\n1. [ ] role:: CTO\nempty::\n"
            ),
            [
                pair("company", "[[Vetro Labs]]", 10),
                pair("lastContact", "2026-08-19", 11),
                pair("Birth day", "1984-03-22", 12),
                pair("role", "CTO", 13),
                pair("empty", "", 14),
            ]
        );
    }

    #[test]
    fn bracketed_fields_within_text() {
        assert_eq!(
            pairs("Works at [company:: Nordlys [[Energy]]] as (role:: Analyst) and [x:: (a) b]."),
            [
                pair("company", "Nordlys [[Energy]]", 10),
                pair("role", "Analyst", 10),
                pair("x", "(a) b", 10),
            ]
        );
    }

    #[test]
    fn prose_with_colons_is_not_a_field() {
        for prose in [
            "use std::fmt::Display",
            "(std::vector)",
            "[[Note]] and [link](x::y)",
            "see: a:: b",
            "> quoted:: no",
            "a [b:: c",
            "::",
        ] {
            assert_eq!(pairs(prose), [], "{prose}");
        }
    }

    #[test]
    fn tags_start_after_space_and_nest() {
        assert_eq!(
            tags(
                "#person/friends\nMet at #work-events, see [[Note#Heading]] and x#no.\n#2024 # heading ## Log #Person #client/active/ (#inparens)"
            ),
            ["person/friends", "work-events", "Person", "client/active"]
        );
        assert_eq!(tags("Zoë #café_crew."), ["café_crew"]);
    }

    #[test]
    fn tag_hints_are_cheap_and_skip_headings() {
        assert!(!may_hold_tags("# Ada\n\n## Log\n- 2026-11-02 Coffee # 1\n"));
        assert!(may_hold_tags("Friend. #person\n"));
        assert!(may_hold_tags("#person"));
        assert!(may_hold_fields("a:: b"));
        assert!(!may_hold_fields("a: b"));
    }
}
