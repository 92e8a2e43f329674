//! The values a note writes (front matter, Dataview inline fields, tags in
//! the text) made into a person's fields: which key means which field,
//! repeats, the front matter winning over the body, `title` decided by
//! its value, values kept as text when kith cannot type them, and hints
//! at values kith ignores that look meant for it.

use std::borrow::Cow;

use serde_yaml::Value;

use crate::note::comments;
use crate::note::fields::{self, Field, Naming, normal_key};
use crate::note::frontmatter::{display_text, flag, joined_text};
use crate::note::hints;
use crate::note::inline;
use crate::note::links;
use crate::note::parse::{Person, file_stem};
use crate::note::problem::Problem;

/// The name a note without one gets from its file: the file name, with
/// `-` and `_` read as spaces when it has no spaces of its own
/// (`Adam-Tooze.md` is Adam Tooze, `Dmitri Vasquez-Lund.md` keeps its
/// hyphen).
fn name_from_file(stem: &str) -> String {
    if stem.contains(char::is_whitespace)
        || !stem.contains(['-', '_'])
        || !stem.contains(char::is_alphabetic)
    {
        return stem.to_string();
    }
    stem.split(['-', '_'])
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of `text`, folded, for comparing names.
fn words(text: &str) -> Vec<String> {
    crate::text::fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `title` names the note's file: the words of one run within
/// the other's (`Keiko Marsh` for `keiko-marsh.md`, `Dr. Keiko Marsh` for
/// `Keiko Marsh.md`, `Keiko Marsh` for Dendron's `people.keiko-marsh.md`).
fn names_file(title: &str, stem: &str) -> bool {
    let title = words(title);
    let within = |short: &[String], long: &[String]| {
        !short.is_empty() && long.windows(short.len()).any(|run| run == short)
    };
    // Dendron names a note by its place in a hierarchy: the last part.
    let last_part = stem.rsplit('.').next().unwrap_or(stem);
    [stem, last_part].into_iter().any(|stem| {
        let stem = words(stem);
        within(&title, &stem) || within(&stem, &title)
    })
}

/// Where a value was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    FrontMatter,
    /// A Dataview inline field in the body.
    Inline,
}

impl Origin {
    /// What follows a key written here, less one colon: `key:` or `key::`.
    fn colons(self) -> &'static str {
        match self {
            Origin::FrontMatter => "",
            Origin::Inline => ":",
        }
    }
}

/// A `title` waiting for the rest of the note: whether it is the name or
/// the role depends on its value and on what else the note sets.
struct Title {
    key: String,
    value: Value,
    line: usize,
    origin: Origin,
}

/// Reads the values of a note into a person: the front matter first, then
/// the body's inline fields (where the front matter wins) and tags.
pub(crate) struct Reader {
    person: Person,
    /// Fields given a value, with the key (borrowed when it is the
    /// field's own) and where it was written.
    seen: Vec<(Field, Cow<'static, str>, Origin)>,
    /// Keys kith does not know, as [`normal_key`] and as written, and
    /// where they were written.
    unknown: Vec<(String, String, Origin)>,
    title: Option<Title>,
}

impl Reader {
    pub(crate) fn new(path: &str) -> Reader {
        let mut person = Person {
            path: path.to_string(),
            ..Person::default()
        };
        person
            .fields
            .set_text(Field::Name, name_from_file(file_stem(path)));
        Reader {
            person,
            seen: Vec::new(),
            unknown: Vec::new(),
            title: None,
        }
    }

    pub(crate) fn problem(&mut self, line: usize, message: impl Into<String>) {
        let problem = Problem::new(&self.person.path, line, message);
        self.person.problems.push(problem);
    }

    fn hint(&mut self, line: usize, message: impl Into<String>) {
        let hint = Problem::new(&self.person.path, line, message);
        self.person.hints.push(hint);
    }

    /// Keeps `text` under `key` among the other fields, so search still
    /// finds a value kith could not read or kept out.
    fn keep(&mut self, key: &str, text: String) {
        if !text.is_empty() {
            self.person.fields.other.push((key.to_string(), text));
        }
    }

    /// Reads the front matter's fields: each key as written, its value
    /// and its line.
    pub(crate) fn front_matter<'a>(
        &mut self,
        fields: impl IntoIterator<Item = (&'a str, &'a Value, usize)>,
    ) {
        for (key, value, line) in fields {
            self.read(key, value, line, Origin::FrontMatter);
        }
    }

    /// Reads the inline fields and tags of the body (comments already
    /// blanked), whose first line is line `first_line`; tags on the lines
    /// `log_lines` (dated log entries, sorted) are the kind of a contact,
    /// not the person's.
    pub(crate) fn body(&mut self, body: &str, first_line: usize, log_lines: &[usize]) {
        let fields = inline::may_hold_fields(body);
        let tags = inline::may_hold_tags(body);
        if !fields && !tags {
            return;
        }
        let prose = comments::prose(body);
        if fields {
            for field in inline::fields(&prose, first_line) {
                let value = Value::String(field.value);
                self.read(&field.key, &value, field.line, Origin::Inline);
            }
        }
        if tags {
            let found = if log_lines.is_empty() {
                inline::tags(&prose)
            } else {
                let beside_log: Vec<&str> = prose
                    .lines()
                    .enumerate()
                    .filter(|(index, _)| log_lines.binary_search(&(first_line + index)).is_err())
                    .map(|(_, line)| line)
                    .collect();
                inline::tags(&beside_log.join("\n"))
            };
            let mut all = self.person.fields.list(Field::Tags).to_vec();
            for tag in found {
                if !all.iter().any(|known| known.eq_ignore_ascii_case(&tag)) {
                    all.push(tag);
                }
            }
            self.person.fields.set_list(Field::Tags, all);
        }
    }

    fn read(&mut self, key: &str, value: &Value, line: usize, origin: Origin) {
        let Some((spec, naming)) = fields::lookup_key(key) else {
            self.unknown(key, value, line, origin);
            return;
        };
        let field = spec.field;
        if field == Field::Role && fields::with_normal_key(key, |key| key == "title") {
            match &self.title {
                None => {
                    self.title = Some(Title {
                        key: key.to_string(),
                        value: value.clone(),
                        line,
                        origin,
                    });
                }
                Some(first) => {
                    let (first, first_origin) = (first.key.clone(), first.origin);
                    self.repeated(key, value, line, origin, &first, first_origin);
                }
            }
            return;
        }
        if let Some((_, first, first_origin)) = self.seen.iter().find(|(f, _, _)| *f == field) {
            let (first, first_origin) = (first.clone(), *first_origin);
            self.repeated(key, value, line, origin, &first, first_origin);
            return;
        }
        let read = match naming {
            Naming::Same => spec.kind.read(value),
            Naming::Opposite => flag(value).map(|on| (!on).then_some(fields::Value::Flag)),
        };
        match read {
            Ok(read) => {
                if has_value(value) {
                    let key = match field.key() {
                        own if own == key => Cow::Borrowed(own),
                        _ => Cow::Owned(key.to_string()),
                    };
                    self.seen.push((field, key, origin));
                }
                if let Some(read) = read {
                    self.person.fields.set(field, Some(read));
                    self.person.fields.spell(field, key);
                }
            }
            Err(mismatch) => {
                self.problem(line, format!("{key}{}: {mismatch}", origin.colons()));
                self.keep(key, display_text(value));
            }
        }
    }

    /// A field given a value once more: in the body after the front
    /// matter, ignored with a hint; otherwise a problem, the first kept.
    fn repeated(
        &mut self,
        key: &str,
        value: &Value,
        line: usize,
        origin: Origin,
        first: &str,
        first_origin: Origin,
    ) {
        let text = display_text(value);
        if origin == Origin::Inline && first_origin == Origin::FrontMatter {
            self.hint(
                line,
                format!(
                    "'{key}:: {text}' is ignored: the front matter's '{first}' is read instead"
                ),
            );
        } else {
            self.problem(line, format!("'{key}' repeats '{first}'; kept '{first}'"));
            self.keep(key, text);
        }
    }

    /// A key kith does not know: kept as it is, and hinted at when its
    /// value looks meant for kith. In the body, a key the front matter
    /// already has is left to the front matter.
    fn unknown(&mut self, key: &str, value: &Value, line: usize, origin: Origin) {
        if origin == Origin::FrontMatter && links::is_participants_key(key) {
            let targets = links::property_targets(value);
            self.person
                .participants
                .extend(targets.into_iter().map(|target| (target, line)));
        }
        let text = display_text(value);
        if text.is_empty() {
            return;
        }
        let normal = normal_key(key);
        let seen = self.unknown.iter().find(|(known, _, _)| *known == normal);
        if let Some((_, first, first_origin)) = seen {
            let (first, first_origin) = (first.clone(), *first_origin);
            self.repeated(key, value, line, origin, &first, first_origin);
            return;
        }
        self.unknown.push((normal, key.to_string(), origin));
        let shown = format!("{key}:{} {text}", origin.colons());
        if let Some(hint) = hints::ignored_field(key, &text, &shown) {
            self.hint(line, hint);
        }
        self.keep(key, text);
    }

    /// Settles the `title` (a name when it names the file and the note has
    /// no name, else the role when the note has none, else kept as it is)
    /// and gives the person.
    pub(crate) fn finish(mut self) -> Person {
        if let Some(Title {
            key,
            value,
            line,
            origin,
        }) = self.title.take()
        {
            match joined_text(&value) {
                Ok(Some(text)) => {
                    let stem = file_stem(&self.person.path);
                    let field = if names_file(&text, stem) {
                        Field::Name
                    } else {
                        Field::Role
                    };
                    if self.seen.iter().any(|(f, _, _)| *f == field) {
                        self.keep(&key, text);
                    } else {
                        self.person.fields.set_text(field, text);
                        self.person.fields.spell(field, &key);
                    }
                }
                Ok(None) => {}
                Err(mismatch) => {
                    self.problem(line, format!("{key}{}: {mismatch}", origin.colons()));
                    self.keep(&key, display_text(&value));
                }
            }
        }
        self.person
    }
}

/// Whether a value says anything: not empty, not an empty list.
fn has_value(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(text) => !text.trim().is_empty(),
        Value::Sequence(items) => !items.is_empty(),
        _ => true,
    }
}
