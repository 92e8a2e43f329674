//! Splits a note into its YAML front matter and Markdown body, and turns
//! YAML values into the text, lists, dates and flags a person is made of.

use serde_yaml::Value;

use crate::note::cadence::strip_wikilink;

/// A note cut at its front matter fences.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Split<'a> {
    /// The YAML between the fences, when there is a closed block.
    pub yaml: Option<&'a str>,
    /// 1-based line of the first YAML line.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line of the first body line.
    pub body_line: usize,
    /// Set when the file opens a front matter block and never closes it.
    pub unterminated: bool,
}

fn is_fence(line: &str, closing: bool) -> bool {
    let line = line.trim_end();
    line == "---" || (closing && line == "...")
}

/// Finds the front matter block: a first line `---`, then YAML, then a line
/// `---` (or `...`). An unclosed block leaves the whole text as body.
pub(crate) fn split(text: &str) -> Split<'_> {
    let whole = Split {
        yaml: None,
        yaml_line: 1,
        body: text,
        body_line: 1,
        unterminated: false,
    };
    let mut lines = crate::note::lines::split_inclusive(text);
    let Some(first) = lines.next() else {
        return whole;
    };
    if !is_fence(first, false) {
        return whole;
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for (index, line) in lines.enumerate() {
        if is_fence(line, true) {
            return Split {
                yaml: Some(&text[yaml_start..offset]),
                yaml_line: 2,
                body: &text[offset + line.len()..],
                body_line: index + 3,
                unterminated: false,
            };
        }
        offset += line.len();
    }
    Split {
        unterminated: true,
        ..whole
    }
}

/// The 1-based line of each top-level key in the YAML, for problem reports.
pub(crate) fn key_lines(yaml: &str, first_line: usize) -> Vec<(String, usize)> {
    yaml.lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with([' ', '\t', '#', '-']))
        .filter_map(|(index, line)| {
            let key = crate::note::lines::split_at_colon(line)?.0.trim();
            let key = key.trim_matches(|c| c == '"' || c == '\'');
            Some((key.to_lowercase(), first_line + index))
        })
        .collect()
}

/// Why a YAML value did not fit the field.
pub(crate) type Mismatch = String;

/// Obsidian users write links unquoted (`introduced_by: [[Ada]]`), which YAML
/// reads as a list holding a list. Read that back as the link's text.
fn unnest_link(value: &Value) -> Option<&str> {
    match value {
        Value::Sequence(outer) if outer.len() == 1 => match &outer[0] {
            Value::Sequence(inner) if inner.len() == 1 => inner[0].as_str(),
            _ => None,
        },
        _ => None,
    }
}

/// A scalar as text: strings, numbers and booleans; links lose their brackets.
pub(crate) fn scalar_text(value: &Value) -> Result<Option<String>, Mismatch> {
    if let Some(link) = unnest_link(value) {
        return Ok(non_empty(link));
    }
    match value {
        Value::Null => Ok(None),
        Value::String(text) => Ok(non_empty(strip_wikilink(text.trim()))),
        Value::Number(number) => Ok(Some(number.to_string())),
        Value::Bool(flag) => Ok(Some(flag.to_string())),
        Value::Tagged(tagged) => scalar_text(&tagged.value),
        Value::Sequence(_) => Err("expected text, found a list".into()),
        Value::Mapping(_) => Err("expected text, found a mapping".into()),
    }
}

fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// A list of texts from a YAML list or a single text. With `split_commas`,
/// `a, b` is two items (tags, interests); otherwise it is one (aliases).
/// Each item written as a link reads as its target.
pub(crate) fn text_list(value: &Value, split_commas: bool) -> Result<Vec<String>, Mismatch> {
    let mut items = Vec::new();
    match value {
        Value::Sequence(list) if unnest_link(value).is_none() => {
            items.reserve(list.len());
            for item in list {
                let text = scalar_text(item).map_err(|_| "expected a list of texts".to_string())?;
                items.extend(text);
            }
        }
        _ => items.extend(scalar_text(value)?),
    }
    // Every item is trimmed and not empty: one without a comma and not
    // starting as a link would be read again as itself.
    let again = |item: &String| item.contains(',') || item.starts_with("[[");
    if split_commas && items.iter().any(again) {
        items = items
            .iter()
            .flat_map(|item| item.split(','))
            .filter_map(|item| non_empty(strip_wikilink(item.trim())))
            .collect();
    }
    Ok(items)
}

/// A text from a scalar, or from a list: one item is that item, several
/// are joined by `, `, none is no text. A name written as its parts
/// (`{first: Ada, last: Lovelace}`) is the parts joined by spaces.
pub(crate) fn joined_text(value: &Value) -> Result<Option<String>, Mismatch> {
    match value {
        Value::Sequence(_) if unnest_link(value).is_none() => {
            let items = text_list(value, false)?;
            Ok((!items.is_empty()).then(|| items.join(", ")))
        }
        Value::Mapping(parts) => name_parts(parts)
            .map(|name| non_empty(&name))
            .ok_or_else(|| "expected text, found a mapping".to_string()),
        other => scalar_text(other),
    }
}

/// The parts of a name, in order, as keys spell them.
const NAME_PARTS: [&[&str]; 3] = [
    &["first", "given", "first_name", "given_name"],
    &["middle", "middle_name"],
    &["last", "family", "surname", "last_name", "family_name"],
];

/// A mapping of name parts as one text; `None` when the mapping has
/// other keys or none of them.
fn name_parts(mapping: &serde_yaml::Mapping) -> Option<String> {
    let part_of = |key: &str| {
        NAME_PARTS
            .iter()
            .position(|spellings| spellings.iter().any(|s| s.eq_ignore_ascii_case(key)))
    };
    let mut parts: Vec<(usize, String)> = Vec::new();
    for (key, value) in mapping {
        let at = part_of(key.as_str()?)?;
        parts.extend(scalar_text(value).ok()?.map(|text| (at, text)));
    }
    parts.sort_by_key(|(at, _)| *at);
    (!mapping.is_empty()).then(|| {
        parts
            .into_iter()
            .map(|(_, text)| text)
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// One text from a scalar or a list of at most one item.
pub(crate) fn one_text(value: &Value) -> Result<Option<String>, Mismatch> {
    match value {
        Value::Sequence(items) if unnest_link(value).is_none() => match items.as_slice() {
            [] => Ok(None),
            [one] => scalar_text(one),
            many => Err(format!(
                "expected one value, found a list of {}",
                many.len()
            )),
        },
        other => scalar_text(other),
    }
}

/// A yes/no flag: YAML booleans and the words true/false/yes/no, alone or
/// as a list of one.
pub(crate) fn flag(value: &Value) -> Result<bool, Mismatch> {
    match value {
        Value::Bool(flag) => Ok(*flag),
        Value::Null => Ok(false),
        Value::String(text) => match text.trim().to_lowercase().as_str() {
            "true" | "yes" | "y" | "on" => Ok(true),
            "false" | "no" | "n" | "off" | "" => Ok(false),
            _ => Err(format!("expected true or false, found '{text}'")),
        },
        Value::Sequence(items) if items.len() <= 1 => items.first().map_or(Ok(false), flag),
        _ => Err("expected true or false".into()),
    }
}

/// Any value as one line of text, for unknown fields kept for search and
/// `show`.
pub(crate) fn display_text(value: &Value) -> String {
    match value {
        Value::Sequence(items) if unnest_link(value).is_none() => items
            .iter()
            .map(display_text)
            .collect::<Vec<_>>()
            .join(", "),
        Value::Mapping(map) => map
            .iter()
            .map(|(key, value)| format!("{}: {}", display_text(key), display_text(value)))
            .collect::<Vec<_>>()
            .join(", "),
        other => scalar_text(other).ok().flatten().unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap()
    }

    #[test]
    fn splits_front_matter_and_counts_lines() {
        let split = split("---\nname: Ada\n---\n# Ada\n");
        assert_eq!(split.yaml, Some("name: Ada\n"));
        assert_eq!(split.body, "# Ada\n");
        assert_eq!(split.body_line, 4);
        assert!(!split.unterminated);
    }

    #[test]
    fn crlf_fences_are_fences() {
        let split = split("---\r\nname: Ada\r\n---\r\nBody\r\n");
        assert_eq!(split.yaml, Some("name: Ada\r\n"));
        assert_eq!(split.body, "Body\r\n");
    }

    #[test]
    fn empty_front_matter_and_dots_fence() {
        assert_eq!(split("---\n---\n").yaml, Some(""));
        assert_eq!(split("---\na: 1\n...\nx").body, "x");
    }

    #[test]
    fn unclosed_front_matter_keeps_whole_text_as_body() {
        let split = split("---\nname: Ada\n# Ada\n");
        assert!(split.unterminated);
        assert_eq!(split.yaml, None);
        assert_eq!(split.body, "---\nname: Ada\n# Ada\n");
    }

    #[test]
    fn no_front_matter_and_empty_text() {
        assert_eq!(split("# Ada\n").yaml, None);
        assert_eq!(split("").body, "");
        assert!(!split("").unterminated);
        assert_eq!(split("----\n").yaml, None);
    }

    #[test]
    fn key_lines_find_top_level_keys_only() {
        let lines = key_lines("name: Ada\n  nested: x\n\"Cadence\": weekly\n# c: 1\n", 2);
        assert_eq!(
            lines,
            vec![("name".to_string(), 2), ("cadence".to_string(), 4)]
        );
    }

    #[test]
    fn links_quoted_or_not_read_as_their_target() {
        assert_eq!(
            scalar_text(&yaml("\"[[Charles Babbage]]\"")).unwrap(),
            Some("Charles Babbage".into())
        );
        assert_eq!(
            scalar_text(&yaml("[[Charles Babbage]]")).unwrap(),
            Some("Charles Babbage".into())
        );
        assert_eq!(
            scalar_text(&yaml("\"[[people/Ada|Ada L]]\"")).unwrap(),
            Some("people/Ada".into())
        );
    }

    #[test]
    fn lists_accept_single_text_and_commas() {
        assert_eq!(
            text_list(&yaml("[a, b]"), true).unwrap(),
            vec!["a".to_string(), "b".into()]
        );
        assert_eq!(
            text_list(&yaml("\"a, b,, c\""), true).unwrap(),
            vec!["a".to_string(), "b".into(), "c".into()]
        );
        assert_eq!(
            text_list(&yaml("\"Ada, Countess\""), false).unwrap(),
            vec!["Ada, Countess".to_string()]
        );
        assert_eq!(
            text_list(&yaml("[[\"[[a]]\"]]"), true).unwrap(),
            vec!["a".to_string()]
        );
        assert_eq!(
            text_list(&yaml("[\" x \", 2, true, \"[[y|z]]\"]"), true).unwrap(),
            vec!["x".to_string(), "2".into(), "true".into(), "y".into()]
        );
        assert!(text_list(&yaml("{a: 1}"), true).is_err());
        assert!(text_list(&yaml("[[a, b], c]"), true).is_err());
    }

    #[test]
    fn flags_accept_words() {
        assert_eq!(flag(&yaml("true")), Ok(true));
        assert_eq!(flag(&yaml("\"yes\"")), Ok(true));
        assert_eq!(flag(&yaml("no")), Ok(false));
        assert!(flag(&yaml("maybe")).is_err());
    }
}
