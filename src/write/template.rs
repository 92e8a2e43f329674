//! New person notes: the file name a NAME may take, and the note made from
//! `.kith/template.md` or the built-in template with placeholders filled.
//! Pure: the caller reads the template and writes the note.

use super::yaml;
use chrono::NaiveDate;

use crate::text::is_invisible_format;

/// The template used when the vault has no `.kith/template.md`.
pub const BUILT_IN: &str = "---
name: {{name}}
org: {{org}}
role: {{role}}
email: {{email}}
tags: {{tags}}
cadence: {{cadence}}
---
# {{name}}

## Log
";

/// Where a vault keeps its own template, relative to the vault root.
pub const TEMPLATE_PATH: &str = ".kith/template.md";

/// Longest file name most file systems take, in bytes, less `.md`.
const MAX_NAME_BYTES: usize = 255 - 3;

/// What `kith new` fills in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    /// `{{name}}` and `{{title}}`.
    pub name: String,
    /// `{{org}}`.
    pub org: Option<String>,
    /// `{{role}}`.
    pub role: Option<String>,
    /// `{{email}}`.
    pub email: Option<String>,
    /// `{{tags}}`.
    pub tags: Vec<String>,
    /// `{{cadence}}`, as given.
    pub cadence: Option<String>,
    /// The day the note is made, for `{{date}}`.
    pub date: NaiveDate,
}

/// Why a NAME cannot be a note's file name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    /// Nothing but blanks.
    #[error("the name is empty")]
    Empty,
    /// A path separator, `..` or a control character.
    #[error("'{name}' holds {what}, which could put the note outside its folder; use a plain name")]
    Forbidden {
        /// The name, escaped.
        name: String,
        /// What it holds.
        what: &'static str,
    },
    /// A character that changes how the name is shown.
    #[error(
        "'{name}' holds the invisible character U+{code:04X}, which changes how a name is shown \
         (right-to-left overrides and the like); type the name without it"
    )]
    Invisible {
        /// The name, escaped.
        name: String,
        /// The character's code point.
        code: u32,
    },
    /// A leading `.`.
    #[error("'{0}' starts with '.', which would hide the note from kith and Obsidian")]
    Hidden(String),
    /// Longer than a file name may be.
    #[error("the name is {0} bytes long; a file name takes at most {MAX_NAME_BYTES}")]
    TooLong(usize),
    /// A leading date.
    #[error(
        "'{0}' starts with a date, so the note's '# {0}' heading would read as a log entry \
         (any heading or list item that starts with a date is one); put the date after the name"
    )]
    Dated(String),
}

/// The name, trimmed, when it can be a file name inside the people folder
/// (see `check_file_name`) and does not start with a date.
pub fn check_name(name: &str) -> Result<&str, NameError> {
    let name = check_file_name(name)?;
    check_undated(name)?;
    Ok(name)
}

/// Refuses a name that starts with a date (`2026-01-01 Bob`): the note's
/// title heading would be a log entry, a contact on that day.
pub fn check_undated(name: &str) -> Result<(), NameError> {
    match crate::note::cadence::split_dated_line(name) {
        Some(_) => Err(NameError::Dated(
            crate::text::clean(name.trim()).into_owned(),
        )),
        None => Ok(()),
    }
}

/// The name, trimmed, when it can be a file name inside the people folder:
/// no `/`, `\`, `..` or control characters, no leading `.`.
fn check_file_name(name: &str) -> Result<&str, NameError> {
    let name = name.trim();
    let forbidden = |what| {
        Err(NameError::Forbidden {
            name: name.escape_debug().to_string(),
            what,
        })
    };
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if name.contains('/') {
        return forbidden("'/'");
    }
    if name.contains('\\') {
        return forbidden("'\\'");
    }
    if name.contains("..") {
        return forbidden("'..'");
    }
    if name.chars().any(char::is_control) {
        return forbidden("a control character");
    }
    if let Some(c) = name.chars().find(|&c| is_invisible_format(c)) {
        return Err(NameError::Invisible {
            name: name.escape_debug().to_string(),
            code: c as u32,
        });
    }
    if name.starts_with('.') {
        return Err(NameError::Hidden(name.to_string()));
    }
    if name.len() > MAX_NAME_BYTES {
        return Err(NameError::TooLong(name.len()));
    }
    Ok(name)
}

/// A file name (without `.md`) for a person called `name`: the name
/// itself when [`check_file_name`] takes it, else the name with `/`, `\\` and
/// control characters as `-`, `..` as `.`, no leading dot and cut to the
/// longest name a file system takes. "Unnamed" when nothing is left.
pub(crate) fn file_stem_for(name: &str) -> String {
    if let Ok(name) = check_file_name(name) {
        return name.to_string();
    }
    let mut stem: String = name
        .trim()
        .chars()
        .map(|c| match c {
            '/' | '\\' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .filter(|&c| !is_invisible_format(c))
        .collect();
    while stem.contains("..") {
        stem = stem.replace("..", ".");
    }
    let mut stem = stem.trim_start_matches(['.', ' ']).trim().to_string();
    if stem.len() > MAX_NAME_BYTES {
        let mut cut = MAX_NAME_BYTES;
        while !stem.is_char_boundary(cut) {
            cut -= 1;
        }
        stem.truncate(cut);
        stem = stem.trim_end().to_string();
    }
    if check_file_name(&stem).is_err() {
        return "Unnamed".into();
    }
    stem
}

/// A placeholder the front matter holds where kith cannot write a YAML
/// value: inside quotes, a list or other text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{TEMPLATE_PATH}:{line}: {{{{{key}}}}} must be the whole value of its front matter line, \
     as in `{key}: {{{{{key}}}}}`, for kith to write it as YAML; inside quotes, lists or other \
     text it works only below the front matter"
)]
pub struct TemplateError {
    /// 1-based line of the template.
    pub line: usize,
    /// The placeholder's key.
    pub key: String,
}

/// A `{{ key }}` in a template.
struct Placeholder<'a> {
    /// From its `{{` to just after its `}}`.
    range: std::ops::Range<usize>,
    key: &'a str,
}

/// Every placeholder of `text`, in order. A `}}` closes the nearest `{{`
/// before it only when no line break or other `{{` comes between, so
/// that a stray `{{` never swallows the next placeholder.
fn placeholders(text: &str) -> impl Iterator<Item = Placeholder<'_>> {
    let mut from = 0;
    std::iter::from_fn(move || {
        loop {
            let open = from + text[from..].find("{{")?;
            let inner = open + 2;
            let rest = &text[inner..];
            let close = rest.find("}}")?;
            let interrupted = rest[..close].contains('\n') || rest[..close].contains("{{");
            if interrupted {
                from = inner;
                continue;
            }
            from = inner + close + 2;
            return Some(Placeholder {
                range: open..from,
                key: rest[..close].trim(),
            });
        }
    })
}

/// Checks that every placeholder kith fills in the front matter of
/// `template` is the whole value of a `key: {{x}}` line, the one place
/// where a YAML value can be written for it.
pub fn check(template: &str) -> Result<(), TemplateError> {
    let text = template.strip_prefix('\u{feff}').unwrap_or(template);
    let Some(yaml) = crate::note::frontmatter::split(text).yaml else {
        return Ok(());
    };
    // The front matter starts on line 2, below its `---`.
    for (index, line) in yaml.split_inclusive('\n').enumerate() {
        let known = |p: &Placeholder| plain(&Fields::default(), p.key).is_some();
        for placeholder in placeholders(line).filter(known) {
            if !is_whole_value(line, &placeholder.range) {
                return Err(TemplateError {
                    line: index + 2,
                    key: placeholder.key.to_string(),
                });
            }
        }
    }
    Ok(())
}

/// Whether `range` of `line` is all of a `key: value` line's value: a
/// plain key, a colon, a space, the placeholder and nothing after it.
fn is_whole_value(line: &str, range: &std::ops::Range<usize>) -> bool {
    let (before, after) = (&line[..range.start], &line[range.end..]);
    let Some(key) = before.trim_end().strip_suffix(':') else {
        return false;
    };
    let key = key.trim_start();
    let separated = before.len() > before.trim_end().len();
    let plain_key = !key.is_empty()
        && !key.starts_with(['-', '?'])
        && !key.contains([
            ':', '{', '}', '[', ']', ',', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`',
        ]);
    separated && plain_key && after.trim().is_empty()
}

/// Fills `template`'s placeholders: `{{name}}` (or `{{title}}`), `{{org}}`,
/// `{{role}}`, `{{email}}`, `{{tags}}`, `{{cadence}}` and `{{date}}`
/// (YYYY-MM-DD). In the front matter each must be the whole value of a
/// `key: {{x}}` line (see [`check`]); it is written as YAML (quoted when
/// needed, tags as a list) and a line whose placeholder has no value is
/// left out. In the body they are plain text. Other `{{…}}` stay as
/// written.
pub fn render(template: &str, fields: &Fields) -> Result<String, TemplateError> {
    check(template)?;
    let text = template.strip_prefix('\u{feff}').unwrap_or(template);
    let bom = &template[..template.len() - text.len()];
    let split = crate::note::frontmatter::split(text);
    let body_start = text.len() - split.body.len();
    let Some(yaml) = split.yaml else {
        return Ok(format!("{bom}{}", fill(text, |key| plain(fields, key))));
    };
    let yaml_start = text.find('\n').map_or(text.len(), |at| at + 1);
    let yaml_end = yaml_start + yaml.len();
    let mut out = format!("{bom}{}", &text[..yaml_start]);
    for line in yaml.split_inclusive('\n') {
        let mut missing = false;
        let filled = fill(line, |key| {
            let value = yaml_value(fields, key)?;
            missing |= value.is_none();
            Some(value.unwrap_or_default())
        });
        if !missing {
            out.push_str(&filled);
        }
    }
    out.push_str(&text[yaml_end..body_start]);
    out.push_str(&fill(split.body, |key| plain(fields, key)));
    Ok(out)
}

/// Replaces each placeholder for which `value` gives text.
fn fill(text: &str, mut value: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for placeholder in placeholders(text) {
        out.push_str(&text[done..placeholder.range.start]);
        match value(placeholder.key) {
            Some(filled) => out.push_str(&filled),
            None => out.push_str(&text[placeholder.range.clone()]),
        }
        done = placeholder.range.end;
    }
    out.push_str(&text[done..]);
    out
}

/// A placeholder's value as plain text: `None` for unknown keys, empty for
/// known ones without a value.
fn plain(fields: &Fields, key: &str) -> Option<String> {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    Some(match key {
        "name" | "title" => fields.name.clone(),
        "org" => text(&fields.org),
        "role" => text(&fields.role),
        "email" => text(&fields.email),
        "cadence" => text(&fields.cadence),
        "tags" => fields.tags.join(", "),
        "date" => fields.date.to_string(),
        _ => return None,
    })
}

/// A placeholder's value as YAML: `None` for unknown keys, `Some(None)` for
/// known ones without a value.
fn yaml_value(fields: &Fields, key: &str) -> Option<Option<String>> {
    let scalar = |value: &Option<String>| value.as_deref().map(yaml::scalar);
    Some(match key {
        "name" | "title" => Some(yaml::scalar(&fields.name)),
        "org" => scalar(&fields.org),
        "role" => scalar(&fields.role),
        "email" => scalar(&fields.email),
        "cadence" => scalar(&fields.cadence),
        "tags" if fields.tags.is_empty() => None,
        "tags" => {
            let items: Vec<String> = fields.tags.iter().map(|t| yaml::item(t)).collect();
            Some(format!("[{}]", items.join(", ")))
        }
        "date" => Some(fields.date.to_string()),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::cadence::Cadence;
    use crate::note::fields::Field;
    use crate::note::{Parsed, parse};

    fn fields(name: &str) -> Fields {
        Fields {
            name: name.into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            ..Fields::default()
        }
    }

    fn person(text: &str) -> crate::note::Person {
        match parse("people/x.md", text.as_bytes()) {
            Parsed::Person(p) => *p,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn built_in_template_keeps_only_given_fields() {
        let mut f = fields("Grace Hopper");
        f.org = Some("US Navy".into());
        f.tags = vec!["mentor".into(), "coi".into()];
        f.cadence = Some("6w".into());
        assert_eq!(
            render(BUILT_IN, &f).unwrap(),
            "---\nname: Grace Hopper\norg: US Navy\ntags: [mentor, coi]\ncadence: 6w\n---\n# Grace Hopper\n\n## Log\n"
        );
    }

    #[test]
    fn awkward_values_are_quoted_and_read_back_exactly() {
        let nasty = [
            "Ada: \"x\"",
            "#1",
            "123",
            "null",
            "- dash",
            "[[Link]]",
            "a | b",
            "'single'",
            "Zoë Müller",
            "* star",
            "key: value # comment",
            "@at",
            "%percent",
            "true",
            "{brace}",
            "`tick`",
        ];
        for name in nasty {
            let mut f = fields(name);
            f.org = Some(name.into());
            f.role = Some(name.into());
            f.email = Some(name.into());
            f.tags = vec![name.into(), "a, b".into(), "]".into()];
            let p = person(&render(BUILT_IN, &f).unwrap());
            assert!(p.problems.is_empty(), "{name}: {:?}", p.problems);
            let want = crate::note::cadence::strip_wikilink(name);
            let tags = p.fields.list(Field::Tags);
            assert_eq!(p.name(), want, "{name}");
            assert_eq!(p.fields.text(Field::Org), Some(want), "{name}");
            assert_eq!(p.fields.text(Field::Role), Some(want), "{name}");
            assert_eq!(p.fields.list(Field::Email), [want], "{name}");
            assert_eq!(tags.len(), 4, "{name}: {tags:?}");
        }
    }

    #[test]
    fn cadence_reads_back_as_a_cadence() {
        let mut f = fields("A");
        f.cadence = Some("every 2 weeks".into());
        assert_eq!(
            person(&render(BUILT_IN, &f).unwrap()).fields.cadence(),
            Some(Cadence::Weeks(2))
        );
    }

    #[test]
    fn custom_templates_get_title_date_and_keep_unknown_placeholders() {
        let template = "\u{feff}---\r\nname: {{ title }}\r\ncreated: {{date}}\r\norg: {{org}}\r\nrole:\r\n---\r\n# {{name}} at {{org}} {{time}} {{unclosed\r\n";
        assert_eq!(
            render(template, &fields("Ada: \"x\"")).unwrap(),
            "\u{feff}---\r\nname: \"Ada: \\\"x\\\"\"\r\ncreated: 2026-11-24\r\nrole:\r\n---\r\n# Ada: \"x\" at  {{time}} {{unclosed\r\n"
        );
    }

    #[test]
    fn templates_without_front_matter_are_filled_as_text() {
        assert_eq!(render("# {{name}}\n", &fields("#1")).unwrap(), "# #1\n");
    }

    #[test]
    fn file_stems_fall_back_to_safe_names() {
        assert_eq!(file_stem_for("Ada Lovelace"), "Ada Lovelace");
        assert_eq!(file_stem_for("AC/DC"), "AC-DC");
        assert_eq!(file_stem_for("../../etc/passwd"), "-.-etc-passwd");
        assert_eq!(file_stem_for(".hidden"), "hidden");
        assert_eq!(file_stem_for("a\\b\nc"), "a-b c");
        assert_eq!(file_stem_for("..."), "Unnamed");
        assert_eq!(file_stem_for(""), "Unnamed");
        let long = file_stem_for(&format!("/{}", "é".repeat(200)));
        assert!(long.len() <= MAX_NAME_BYTES && check_name(&long).is_ok());
        assert_eq!(file_stem_for("2026-01-01 Bob"), "2026-01-01 Bob");
    }

    #[test]
    fn names_that_escape_or_hide_are_refused() {
        for bad in ["../x", "a/b", "a\\b", "x..y", "a\nb", "tab\there", "\u{7f}"] {
            assert!(
                matches!(check_name(bad), Err(NameError::Forbidden { .. })),
                "{bad:?}"
            );
        }
        assert_eq!(
            check_name(".hidden"),
            Err(NameError::Hidden(".hidden".into()))
        );
        assert_eq!(check_name("  "), Err(NameError::Empty));
        assert!(matches!(
            check_name(&"a".repeat(300)),
            Err(NameError::TooLong(300))
        ));
        assert_eq!(check_name(" Zoë | Müller #1 "), Ok("Zoë | Müller #1"));
        for dated in [
            "2026-01-01 Bob",
            "2026-13-45: Bob",
            "[[2026-01-01]] Bob",
            "2026-01-01",
        ] {
            assert!(
                matches!(check_name(dated), Err(NameError::Dated(_))),
                "{dated}"
            );
        }
        assert_eq!(check_name("2026-01-01x"), Ok("2026-01-01x"));
        assert_eq!(check_name("Bob 2026-01-01"), Ok("Bob 2026-01-01"));
        assert_eq!(check_name("Ada: \"x\""), Ok("Ada: \"x\""));
    }

    #[test]
    fn invisible_formatting_is_refused_but_joiners_are_names() {
        for bad in [
            "Eve\u{202E}gnp.exe",
            "\u{200F}Ada",
            "Ada\u{2066}",
            "Zo\u{200B}e",
            "Ada\u{00AD}Lovelace",
            "x\u{E0041}",
        ] {
            let error = check_name(bad).unwrap_err();
            assert!(matches!(error, NameError::Invisible { .. }), "{bad:?}");
            assert!(!error.to_string().contains('\u{202E}'), "{error}");
        }
        for good in ["👩\u{200D}💻 Sam", "می\u{200C}خواهم", "---", "!!!", "🎉"] {
            assert_eq!(check_name(good), Ok(good));
        }
        assert_eq!(file_stem_for("Eve\u{202E}gnp"), "Evegnp");
    }

    #[test]
    fn a_stray_opening_does_not_swallow_the_next_placeholder() {
        let f = fields("Ada");
        assert_eq!(
            render("# {{ draft {{name}}\n", &f).unwrap(),
            "# {{ draft Ada\n"
        );
        assert_eq!(
            render("{{ open\n{{name}} }} {{{{title}}\n", &f).unwrap(),
            "{{ open\nAda }} {{Ada\n"
        );
        assert_eq!(
            render("---\nname: {{name}}\n---\n{{ x {{org}}.\n", &f).unwrap(),
            "---\nname: Ada\n---\n{{ x .\n"
        );
    }

    #[test]
    fn front_matter_placeholders_must_be_a_whole_value() {
        let f = fields("Ada");
        for (template, line, key) in [
            ("---\nname: \"{{name}}\"\n---\n", 2, "name"),
            ("---\nname: x\nrole: '{{role}}'\n---\n", 3, "role"),
            ("---\ntags: [{{tags}}]\n---\n", 2, "tags"),
            ("---\ntitle: Dr {{name}}\n---\n", 2, "name"),
            ("---\nname: {{name}} Jr\n---\n", 2, "name"),
            ("---\nname:{{name}}\n---\n", 2, "name"),
            ("---\n- {{org}}\n---\n", 2, "org"),
            ("---\n{{org}}: x\n---\n", 2, "org"),
            ("---\nnote: |\n  {{date}}\n---\n", 3, "date"),
            (
                "\u{feff}---\r\nname: {{name}}\r\nx: {{email}} # mail\r\n---\r\n",
                3,
                "email",
            ),
        ] {
            let error = render(template, &f).unwrap_err();
            assert_eq!(
                error,
                TemplateError {
                    line,
                    key: key.into()
                },
                "{template:?}"
            );
            assert!(
                error
                    .to_string()
                    .starts_with(&format!(".kith/template.md:{line}: {{{{{key}}}}} must be")),
                "{error}"
            );
        }
        for fine in [
            BUILT_IN,
            "---\n  nested:   {{ org }}  \r\nfirst name: {{name}}\n---\n\"{{name}}\" [{{tags}}]\n",
            "---\ncomment: \"{{unknown}}\"\n---\n",
            "# {{name}} without front matter, \"{{org}}\"\n",
        ] {
            assert!(check(fine).is_ok(), "{fine:?}");
        }
    }
}
