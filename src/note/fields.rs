//! The person fields kith knows, declared once in [`FIELDS`]: each one's
//! key and other spellings, the kind of value it holds and where it goes
//! (search, `show`, address books), and [`FieldValues`], what one note
//! says. Parsing, the index, `show`, the JSON view, vCards and the help
//! text are all derived from the table: a new spelling or field is a row.

use std::borrow::Cow;
use std::sync::LazyLock;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use serde_yaml::Value as Yaml;

use crate::note::cadence::{BadCadence, Birthday, Cadence, parse_date, stored_date};
use crate::note::frontmatter::{Mismatch, flag, joined_text, one_text, text_list};
use crate::note::mention::Mentions;

/// A field kith reads; its row in [`FIELDS`] says everything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[allow(missing_docs)] // Each is described by its row in `FIELDS`.
pub enum Field {
    Name,
    Aliases,
    Tags,
    Org,
    Role,
    Email,
    Phone,
    Location,
    Cadence,
    LastContact,
    Birthday,
    Priority,
    Relationship,
    Purpose,
    Met,
    IntroducedBy,
    Interests,
    Needs,
    Offers,
    NextContact,
    SnoozeUntil,
    Archived,
    Mentions,
}

/// What a field's value is, which decides how it is read from YAML, stored
/// and written back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One text (`org: Acme`); a link reads as its target.
    Text,
    /// A text that may span lines (a card's NOTE).
    Paragraph,
    /// Texts: a YAML list or one text; written back as a list.
    List,
    /// Like `List`, but one value is written back as a text (`email: a@b`).
    TextOrList,
    /// Texts: a YAML list or comma-separated text (`interests: a, b`).
    CommaList,
    /// Like `CommaList`, each without a leading `#`.
    Tags,
    /// `YYYY-MM-DD`, optionally with a time.
    Date,
    /// `monthly`, `6w`, `every 3 months`, … (see [`Cadence`]).
    Cadence,
    /// `YYYY-MM-DD`, `--MM-DD` or `MM-DD`.
    Birthday,
    /// true/false, yes/no.
    Flag,
    /// `contact`, `show` or `off` (see [`Mentions`]).
    Mentions,
}

/// Where a field is found by `kith search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Search {
    /// Not searchable (dates, flags): `kith list` filters those.
    No,
    /// Under its own key (`org:acme`), and by bare words.
    Own,
    /// As a name of the person (`name:`), also by prefix and with a typo.
    Names,
}

/// Where `kith show` prints a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// As the page's title.
    Title,
    /// Among the fields, labelled by its key.
    Field,
    /// In the due status rows, as it applies (the cadence from config too,
    /// the latest contact, the snooze, "archived").
    Due,
}

/// Whether an address book shares the field: vCard import, export and
/// `import --merge` carry exactly these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Card {
    /// Carried by vCards.
    Yes,
    /// Only in notes.
    No,
}

/// One row of the field table.
#[derive(Debug)]
pub struct Spec {
    /// Which field.
    pub field: Field,
    /// The canonical front matter key, also its search field and JSON key.
    pub key: &'static str,
    /// Other keys read as this field, compared as [`lookup`] does.
    pub spellings: &'static [&'static str],
    /// Keys read as the opposite of this `Flag` (`active: false` is
    /// `archived: true`).
    pub opposites: &'static [&'static str],
    /// What the value is.
    pub kind: Kind,
    /// Where search finds it.
    pub search: Search,
    /// Where `show` prints it.
    pub show: Show,
    /// Whether vCards carry it.
    pub card: Card,
}

const fn row(
    field: Field,
    key: &'static str,
    kind: Kind,
    search: Search,
    show: Show,
    card: Card,
    spellings: &'static [&'static str],
) -> Spec {
    Spec {
        field,
        key,
        spellings,
        opposites: &[],
        kind,
        search,
        show,
        card,
    }
}

/// Every field kith reads, in the order `show`, JSON and new notes list
/// them; one row per [`Field`], in its order.
#[rustfmt::skip]
pub const FIELDS: &[Spec] = {
    use Field as F;
    use Kind as K;
    use Search as S;
    use Show as W;
    &[
        //  field            key              kind           search     show      vCard      other spellings
        row(F::Name,         "name",          K::Text,       S::Names,  W::Title, Card::Yes, &["full_name"]),
        row(F::Aliases,      "aliases",       K::List,       S::Names,  W::Field, Card::Yes, &["alias", "nickname", "nicknames"]),
        row(F::Tags,         "tags",          K::Tags,       S::Own,    W::Field, Card::Yes, &["tag"]),
        row(F::Org,          "org",           K::Text,       S::Own,    W::Field, Card::Yes, &["company", "organization", "organisation", "employer"]),
        row(F::Role,         "role",          K::Text,       S::Own,    W::Field, Card::Yes, &["title", "job_title", "position", "job", "occupation"]),
        row(F::Email,        "email",         K::TextOrList, S::Own,    W::Field, Card::Yes, &["emails", "email_address", "mail"]),
        row(F::Phone,        "phone",         K::TextOrList, S::Own,    W::Field, Card::Yes, &["phones", "phone_number", "mobile", "cell", "telephone", "tel"]),
        row(F::Location,     "location",      K::Text,       S::Own,    W::Field, Card::Yes, &["city"]),
        row(F::Cadence,      "cadence",       K::Cadence,    S::Own,    W::Due,   Card::No,  &["frequency", "contact_frequency", "keep_in_touch", "outreach", "reach_out_every", "contact_cadence"]),
        row(F::LastContact,  "last_contact",  K::Date,       S::No,     W::Due,   Card::No,  &["last_contacted", "last_contacted_at", "last_contact_date", "last_seen", "last_met", "last_chat", "last_chatted", "last_interaction"]),
        row(F::Birthday,     "birthday",      K::Birthday,   S::No,     W::Field, Card::Yes, &["birth_date", "bday", "date_of_birth", "dob"]),
        row(F::Priority,     "priority",      K::Text,       S::Own,    W::Field, Card::No,  &[]),
        row(F::Relationship, "relationship",  K::Text,       S::Own,    W::Field, Card::No,  &[]),
        row(F::Purpose,      "purpose",       K::Paragraph,  S::Own,    W::Field, Card::Yes, &[]),
        row(F::Met,          "met",           K::Text,       S::Own,    W::Field, Card::No,  &["met_at", "how_we_met"]),
        row(F::IntroducedBy, "introduced_by", K::Text,       S::Own,    W::Field, Card::No,  &["referred_by"]),
        row(F::Interests,    "interests",     K::CommaList,  S::Own,    W::Field, Card::No,  &["hobbies"]),
        row(F::Needs,        "needs",         K::CommaList,  S::Own,    W::Field, Card::No,  &["looking_for", "wants"]),
        row(F::Offers,       "offers",        K::CommaList,  S::Own,    W::Field, Card::No,  &["can_help_with"]),
        row(F::NextContact,  "next_contact",  K::Date,       S::No,     W::Due,   Card::No,  &["next_follow_up", "follow_up", "follow_up_date", "next_contact_date", "next_touch"]),
        row(F::SnoozeUntil,  "snooze_until",  K::Date,       S::No,     W::Due,   Card::No,  &["snoozed_until"]),
        Spec { opposites: &["active"], ..row(F::Archived, "archived", K::Flag, S::No, W::Due, Card::No, &[]) },
        row(F::Mentions,     "mentions",      K::Mentions,   S::No,     W::Due,   Card::No,  &[]),
    ]
};

impl Field {
    /// This field's row of the table.
    pub fn spec(self) -> &'static Spec {
        &FIELDS[self as usize]
    }

    /// Its canonical key.
    pub fn key(self) -> &'static str {
        self.spec().key
    }
}

/// How a key names its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Naming {
    /// As the field itself.
    Same,
    /// As its opposite: `active: false` is `archived: true`.
    Opposite,
}

/// A key as [`lookup`] compares it: lower-cased, without the `_`, `-` and
/// spaces that separate words, so `lastContact`, `Last Contact`,
/// `last-contact` and `last_contact` are one key.
pub(crate) fn normal_key(key: &str) -> String {
    if key.is_ascii() {
        // The same, a byte at a time: every note's every key comes here.
        return key
            .bytes()
            .filter(|&b| !matches!(b, b'_' | b'-') && !char::from(b).is_whitespace())
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
    }
    key.chars()
        .filter(|c| !matches!(c, '_' | '-') && !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Calls `with` on `key` as [`normal_key`] writes it, without allocating
/// for a short ASCII key: every key of every note is looked up.
pub(crate) fn with_normal_key<T>(key: &str, with: impl FnOnce(&str) -> T) -> T {
    let mut buffer = [0u8; 32];
    if key.len() <= buffer.len() && key.is_ascii() {
        let mut len = 0;
        for b in key.bytes() {
            if !matches!(b, b'_' | b'-') && !char::from(b).is_whitespace() {
                buffer[len] = b.to_ascii_lowercase();
                len += 1;
            }
        }
        if let Ok(normal) = std::str::from_utf8(&buffer[..len]) {
            return with(normal);
        }
    }
    with(&normal_key(key))
}

/// Every spelling of every row, as [`normal_key`] writes it.
static SPELLINGS: LazyLock<FxHashMap<String, (usize, Naming)>> = LazyLock::new(|| {
    let mut all = FxHashMap::default();
    for (row, spec) in FIELDS.iter().enumerate() {
        for key in std::iter::once(&spec.key).chain(spec.spellings) {
            all.insert(normal_key(key), (row, Naming::Same));
        }
        for key in spec.opposites {
            all.insert(normal_key(key), (row, Naming::Opposite));
        }
    }
    all
});

/// The row a front matter key means, in any of its spellings, any case and
/// any word separators (`Company` → org, `E-mail` → email), and whether
/// it names the field or its opposite; `None` for keys kith does not know.
pub(crate) fn lookup_key(key: &str) -> Option<(&'static Spec, Naming)> {
    with_normal_key(key, |normal| SPELLINGS.get(normal))
        .map(|&(row, naming)| (&FIELDS[row], naming))
}

/// The row a front matter key means (see [`lookup_key`]).
pub(crate) fn lookup(key: &str) -> Option<&'static Spec> {
    lookup_key(key).map(|(spec, _)| spec)
}

/// The searchable fields in table order, as the index names them: `name`
/// (which also holds the aliases), then every field searched under its key.
pub fn search_keys() -> impl Iterator<Item = &'static str> {
    std::iter::once(Field::Name.key()).chain(
        FIELDS
            .iter()
            .filter(|spec| spec.search == Search::Own)
            .map(|spec| spec.key),
    )
}

/// The version of the rules that read a note beside the table (how keys
/// compare, how lists, booleans, inline fields, tags and comments are
/// read): bump it when they change, and indexes built under the old
/// rules are rebuilt.
const READING: u32 = 3;

/// A fingerprint of what the table makes of a note: an index built under
/// another table (a spelling or field added) is rebuilt.
pub(crate) fn fingerprint() -> u64 {
    // FNV-1a: stable across builds and Rust versions, unlike `Hash`.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |text: &str| {
        for byte in text.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(&READING.to_string());
    for spec in FIELDS {
        eat(spec.key);
        for spelling in spec.spellings {
            eat(spelling);
        }
        for opposite in spec.opposites {
            eat(opposite);
        }
        eat(&format!("{:?} {:?}", spec.kind, spec.search));
    }
    hash
}

/// A field's value, typed by its [`Kind`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Value {
    /// `Text` and `Paragraph`.
    Text(String),
    /// `List`, `TextOrList`, `CommaList` and `Tags`: never empty.
    List(Vec<String>),
    /// `Date`.
    Date(#[serde(with = "stored_date")] NaiveDate),
    /// `Cadence`.
    Cadence(Cadence),
    /// `Birthday`.
    Birthday(Birthday),
    /// `Flag`, only when set: an unset flag is no value.
    Flag,
    /// `Mentions`.
    Mentions(Mentions),
}

impl Value {
    /// The texts search sees: each item of a list, or the value as written
    /// in a note.
    pub(crate) fn texts(&self) -> Vec<Cow<'_, str>> {
        match self {
            Value::Text(text) => vec![Cow::Borrowed(text)],
            Value::List(items) => items
                .iter()
                .map(|item| Cow::Borrowed(item.as_str()))
                .collect(),
            other => vec![Cow::Owned(other.to_string())],
        }
    }
}

impl std::fmt::Display for Value {
    /// The value as one text: list items joined by `, `, dates as
    /// `YYYY-MM-DD`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Text(text) => f.write_str(text),
            Value::List(items) => f.write_str(&items.join(", ")),
            Value::Date(date) => write!(f, "{date}"),
            Value::Cadence(cadence) => write!(f, "{cadence}"),
            Value::Birthday(birthday) => write!(f, "{birthday}"),
            Value::Flag => f.write_str("true"),
            Value::Mentions(mentions) => write!(f, "{mentions}"),
        }
    }
}

impl Kind {
    /// Reads a front matter value as this kind; `None` when it holds
    /// nothing (empty text, an empty list, `false`). Where one value is
    /// expected a list of one is that value; where a text is expected the
    /// items of a list are joined by `, `.
    pub fn read(self, value: &Yaml) -> Result<Option<Value>, Mismatch> {
        if let Yaml::Bool(false) = value
            && self != Kind::Mentions
        {
            return Ok(None);
        }
        let list = |items: Vec<String>| (!items.is_empty()).then_some(Value::List(items));
        Ok(match self {
            Kind::Text | Kind::Paragraph => joined_text(value)?.map(Value::Text),
            Kind::List | Kind::TextOrList => list(text_list(value, false)?),
            Kind::CommaList => list(text_list(value, true)?),
            Kind::Tags => {
                let mut tags = text_list(value, true)?;
                for tag in &mut tags {
                    let hashes = tag.len() - tag.trim_start_matches('#').len();
                    tag.drain(..hashes);
                }
                tags.retain(|tag| !tag.is_empty());
                list(tags)
            }
            Kind::Date => match one_text(value)? {
                None => None,
                Some(text) => {
                    Some(Value::Date(parse_date(&text).ok_or_else(|| {
                        format!("'{text}' is not a date (use YYYY-MM-DD)")
                    })?))
                }
            },
            Kind::Cadence => match one_text(value)? {
                None => None,
                Some(text) => Some(Value::Cadence(
                    text.parse().map_err(|e: BadCadence| e.to_string())?,
                )),
            },
            Kind::Birthday => match one_text(value)? {
                None => None,
                Some(text) => Some(Value::Birthday(Birthday::parse(&text).ok_or_else(
                    || format!("'{text}' is not a birthday (use YYYY-MM-DD, --MM-DD or MM-DD)"),
                )?)),
            },
            Kind::Flag => flag(value)?.then_some(Value::Flag),
            Kind::Mentions => match one_text(value)? {
                None => None,
                Some(text) => Some(Value::Mentions(text.parse()?)),
            },
        })
    }

    /// Whether values of this kind are lists.
    pub(crate) fn is_list(self) -> bool {
        matches!(
            self,
            Kind::List | Kind::TextOrList | Kind::CommaList | Kind::Tags
        )
    }
}

/// What a note says in the fields kith knows, and the others as text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldValues {
    /// Known fields with a value, in table order, each once.
    values: Vec<(Field, Value)>,
    /// Front matter fields kith does not know, as `(key, text)`, in note
    /// order; also values of known fields kith could not read or kept
    /// out (a bad date, a repeat), so that search still finds them.
    pub other: Vec<(String, String)>,
    /// The key a field was read from, when not its canonical key
    /// (`next_follow_up` for the next contact): what `show` and the
    /// report name when they say where a date came from.
    spelled: Vec<(Field, String)>,
}

impl FieldValues {
    /// The value of `field`, when it has one.
    pub fn get(&self, field: Field) -> Option<&Value> {
        self.values
            .binary_search_by_key(&field, |(f, _)| *f)
            .ok()
            .map(|at| &self.values[at].1)
    }

    /// Sets `field` to `value`; `None`, an empty text or an empty list
    /// clears it.
    pub fn set(&mut self, field: Field, value: Option<Value>) {
        let value = value.filter(|value| match value {
            Value::Text(text) => !text.is_empty(),
            Value::List(items) => !items.is_empty(),
            _ => true,
        });
        match (self.values.binary_search_by_key(&field, |(f, _)| *f), value) {
            (Ok(at), Some(value)) => self.values[at].1 = value,
            (Ok(at), None) => {
                self.values.remove(at);
            }
            (Err(at), Some(value)) => self.values.insert(at, (field, value)),
            (Err(_), None) => {}
        }
    }

    /// Sets a text field; an empty text clears it.
    pub(crate) fn set_text(&mut self, field: Field, text: impl Into<String>) {
        self.set(field, Some(Value::Text(text.into())));
    }

    /// Sets a list field; an empty list clears it.
    pub(crate) fn set_list(&mut self, field: Field, items: Vec<String>) {
        self.set(field, Some(Value::List(items)));
    }

    /// Keeps only the fields `keep` says yes to (the others as well).
    pub(crate) fn retain(&mut self, keep: impl Fn(Field) -> bool) {
        self.values.retain(|(field, _)| keep(*field));
        self.spelled.retain(|(field, _)| keep(*field));
    }

    /// Forgets the keys the fields were read from, and the other fields:
    /// only the values stay.
    pub(crate) fn values_only(&mut self) {
        self.other.clear();
        self.spelled.clear();
    }

    /// Forgets all the note says of `field`: its value, the key it was
    /// read from, and values of it kept as text (a bad date, a repeat).
    pub(crate) fn forget(&mut self, field: Field) {
        self.set(field, None);
        self.spelled.retain(|(f, _)| *f != field);
        self.other
            .retain(|(key, _)| lookup(key).is_none_or(|spec| spec.field != field));
    }

    /// Records that `field` was read from `key`.
    pub(crate) fn spell(&mut self, field: Field, key: &str) {
        self.spelled.retain(|(f, _)| *f != field);
        if key != field.key() {
            self.spelled.push((field, key.to_string()));
        }
    }

    /// The key `field` was read from: as the note writes it, or its
    /// canonical key.
    pub fn spelling(&self, field: Field) -> &str {
        self.spelled
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(field.key(), |(_, key)| key)
    }

    /// Every known field with a value, in table order.
    pub fn iter(&self) -> impl Iterator<Item = (Field, &Value)> {
        self.values.iter().map(|(field, value)| (*field, value))
    }

    /// The text of a `Text` or `Paragraph` field.
    pub fn text(&self, field: Field) -> Option<&str> {
        match self.get(field) {
            Some(Value::Text(text)) => Some(text),
            _ => None,
        }
    }

    /// The items of a list field; empty when it has none.
    pub fn list(&self, field: Field) -> &[String] {
        match self.get(field) {
            Some(Value::List(items)) => items,
            _ => &[],
        }
    }

    /// The date of a `Date` field.
    pub fn date(&self, field: Field) -> Option<NaiveDate> {
        match self.get(field) {
            Some(Value::Date(date)) => Some(*date),
            _ => None,
        }
    }

    /// Whether a `Flag` field is set.
    pub fn flag(&self, field: Field) -> bool {
        matches!(self.get(field), Some(Value::Flag))
    }

    /// The note's own cadence (config may supply one when `None`).
    pub fn cadence(&self) -> Option<Cadence> {
        match self.get(Field::Cadence) {
            Some(Value::Cadence(cadence)) => Some(*cadence),
            _ => None,
        }
    }

    /// The birthday.
    pub fn birthday(&self) -> Option<Birthday> {
        match self.get(Field::Birthday) {
            Some(Value::Birthday(birthday)) => Some(*birthday),
            _ => None,
        }
    }

    /// What the note's own `mentions:` says mentions of the person count
    /// for, when it says.
    pub fn mentions(&self) -> Option<Mentions> {
        match self.get(Field::Mentions) {
            Some(Value::Mentions(mentions)) => Some(*mentions),
            _ => None,
        }
    }

    /// The name; a note without one is named after its file when read.
    pub fn name(&self) -> &str {
        self.text(Field::Name).unwrap_or_default()
    }
}

/// `tags` with `tag` added unless it is there (with or without `#`).
pub fn with_tag(mut tags: Vec<String>, tag: Option<&str>) -> Vec<String> {
    if let Some(tag) = tag
        && !tags
            .iter()
            .any(|t| t.trim_start_matches('#').eq_ignore_ascii_case(tag))
    {
        tags.push(tag.to_string());
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_keys_normalise_as_any_key_does() {
        let ascii: String = (0u8..128).map(char::from).collect();
        for key in [
            ascii.as_str(),
            "Last Contact",
            "E-mail",
            "last_contacted_at",
            "\x0bA\x0cB",
            "Reach_Out Every-Other Week Of It",
            "Reach_Out Every-Other Week Of Its",
            "ZOË-Müller Key",
        ] {
            let general: String = key
                .chars()
                .filter(|c| !matches!(c, '_' | '-') && !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect();
            assert_eq!(normal_key(key), general, "{key:?}");
            assert_eq!(with_normal_key(key, str::to_string), general, "{key:?}");
        }
    }

    #[test]
    fn every_field_has_its_row_in_order() {
        for (at, spec) in FIELDS.iter().enumerate() {
            assert_eq!(spec.field as usize, at, "{:?}", spec.field);
            assert_eq!(spec.field.spec().key, spec.key);
        }
        assert_eq!(FIELDS.last().unwrap().field, Field::Mentions);
    }

    #[test]
    fn no_spelling_means_two_fields() {
        let mut all: Vec<String> = FIELDS
            .iter()
            .flat_map(|spec| {
                std::iter::once(&spec.key)
                    .chain(spec.spellings)
                    .chain(spec.opposites)
            })
            .map(|spelling| normal_key(spelling))
            .collect();
        let count = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), count, "a spelling is listed twice");
    }

    #[test]
    fn lookup_ignores_case_and_knows_every_spelling() {
        assert_eq!(lookup("Company").map(|s| s.field), Some(Field::Org));
        assert_eq!(
            lookup("LASTCONTACT").map(|s| s.field),
            Some(Field::LastContact)
        );
        assert_eq!(lookup("alias").map(|s| s.key), Some("aliases"));
        assert!(lookup("linkedin").is_none());
    }

    #[test]
    fn keys_compare_without_case_or_word_separators() {
        for (key, field) in [
            ("keepInTouch", Field::Cadence),
            ("keep_in_touch", Field::Cadence),
            ("Reach out every", Field::Cadence),
            ("E-mail", Field::Email),
            ("Phone Number", Field::Phone),
            ("lastSeen", Field::LastContact),
            ("next_followup", Field::NextContact),
            ("nextContact", Field::NextContact),
            ("Job-Title", Field::Role),
        ] {
            assert_eq!(lookup(key).map(|s| s.field), Some(field), "{key}");
        }
        assert!(matches!(
            lookup_key("Active"),
            Some((spec, Naming::Opposite)) if spec.field == Field::Archived
        ));
        assert!(matches!(lookup_key("archived"), Some((_, Naming::Same))));
    }

    #[test]
    fn values_stay_in_table_order_and_empty_ones_clear() {
        let mut values = FieldValues::default();
        values.set_text(Field::Role, "CTO");
        values.set_list(Field::Tags, vec!["a".into()]);
        values.set_text(Field::Name, "Ada");
        let order: Vec<Field> = values.iter().map(|(f, _)| f).collect();
        assert_eq!(order, [Field::Name, Field::Tags, Field::Role]);
        values.set_list(Field::Tags, Vec::new());
        values.set_text(Field::Role, "");
        assert_eq!(values.iter().count(), 1);
        assert_eq!(values.name(), "Ada");
        assert_eq!(values.list(Field::Tags), [] as [String; 0]);
    }

    #[test]
    fn kinds_read_yaml() {
        let yaml = |text: &str| serde_yaml::from_str::<Yaml>(text).unwrap();
        assert_eq!(
            Kind::Tags.read(&yaml("'#coi, mentor'")),
            Ok(Some(Value::List(vec!["coi".into(), "mentor".into()])))
        );
        assert_eq!(Kind::List.read(&yaml("[]")), Ok(None));
        assert_eq!(Kind::Text.read(&yaml("[]")), Ok(None));
        assert_eq!(Kind::Text.read(&yaml("false")), Ok(None));
        assert_eq!(
            Kind::Text.read(&yaml("['[[Pellucid]]']")),
            Ok(Some(Value::Text("Pellucid".into())))
        );
        assert_eq!(
            Kind::Text.read(&yaml("['[[A]]', B]")),
            Ok(Some(Value::Text("A, B".into())))
        );
        assert_eq!(
            Kind::Date.read(&yaml("[2026-01-02]")),
            Ok(Some(Value::Date(parse_date("2026-01-02").unwrap())))
        );
        assert!(Kind::Date.read(&yaml("[2026-01-02, 2026-01-03]")).is_err());
        assert_eq!(
            Kind::CommaList.read(&yaml("'[[sailing]], [[espresso]]'")),
            Ok(Some(Value::List(vec!["sailing".into(), "espresso".into()])))
        );
        assert!(Kind::Text.read(&yaml("{a: 1}")).is_err());
        assert_eq!(
            Kind::Text.read(&yaml("{last: Lovelace, first: Ada}")),
            Ok(Some(Value::Text("Ada Lovelace".into())))
        );
        assert_eq!(Kind::Flag.read(&yaml("false")), Ok(None));
        assert_eq!(Kind::Flag.read(&yaml("yes")), Ok(Some(Value::Flag)));
        assert!(Kind::Date.read(&yaml("2026-13-01")).is_err());
        assert_eq!(
            Kind::Mentions.read(&yaml("off")),
            Ok(Some(Value::Mentions(Mentions::Off)))
        );
        assert_eq!(
            Kind::Mentions.read(&yaml("false")),
            Ok(Some(Value::Mentions(Mentions::Off)))
        );
        assert!(Kind::Mentions.read(&yaml("sometimes")).is_err());
        assert_eq!(
            Kind::Cadence.read(&yaml("every 3 months")),
            Ok(Some(Value::Cadence(Cadence::Months(3))))
        );
    }

    #[test]
    fn the_fingerprint_follows_the_table() {
        assert_eq!(fingerprint(), fingerprint());
        assert_ne!(fingerprint(), 0);
    }
}
