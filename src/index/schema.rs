//! The tantivy schema: which parts of a note are searchable and how they
//! are tokenized (lower-cased, accent-folded, the body stemmed), what is
//! stored (the [`Record`] the report is built from), the fast due fields,
//! and the terms that find the notes mentioning a person; a line that
//! mentions someone is a document of its own, found under their name.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tantivy::schema::{
    BytesOptions, Field, IndexRecordOption, JsonObjectOptions, NumericOptions, STRING, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, TantivyDocument};

use crate::mention::OtherNote;
use crate::mention::resolve;
use crate::note::due::{Due, Status, tag_and_parents};
use crate::note::fields::{self, FIELDS, Field as PersonField, FieldValues, Kind, Search, Value};
use crate::note::problem::Problem;
use crate::note::summary::Summary;
use crate::relate::matters::outing_due;
use crate::vault::config::MattersMost;

/// Lower-cased and accent-folded words: names, tags, fields.
const WORDS: &str = "kith_words";
/// Words also stemmed for English: the body.
const STEMMED: &str = "kith_stemmed";

/// What the index stores for each note: enough to list, schedule and
/// report without reading the note again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) enum Record {
    /// A person, as their own note has them (mentions elsewhere are
    /// counted in when read).
    Person(Box<Summary>),
    /// A file that could not be read as a note: only its problem.
    Unreadable(Problem),
    /// A note that is not a person (a daily note, a meeting, a project):
    /// never listed, reported or found as one; its links may mention
    /// people.
    Other(Box<OtherNote>),
    /// A line of such a note that mentions a person: found by search under
    /// their name, never a note of its own.
    Mention(Box<MentionLine>),
}

/// A line of a note that mentions a person, as search finds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct MentionLine {
    /// The person's note.
    pub person: String,
    /// The note the line is in.
    pub note: String,
    /// Its 1-based line.
    pub line: usize,
    /// Its text.
    pub text: String,
}

/// A [`Record`] borrowed from what the index document is made of, encoded
/// to the very bytes of the owned one without copying a summary.
#[derive(Serialize)]
enum RecordRef<'a> {
    Person(&'a Summary),
    Unreadable(&'a Problem),
    Other(&'a OtherNote),
    Mention(&'a MentionLine),
}

impl Record {
    /// The path of the note the record is read from.
    pub(crate) fn path(&self) -> &str {
        match self {
            Record::Person(summary) => &summary.path,
            Record::Unreadable(problem) => &problem.path,
            Record::Other(note) => &note.path,
            Record::Mention(line) => &line.note,
        }
    }
}

/// What the index knows of a person to resolve links to them and to find
/// the lines mentioning them: their names and tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PersonKeys {
    pub path: String,
    /// Name and aliases, lower-cased: the names a link may use.
    pub link_names: Vec<String>,
    /// Name, aliases and file name as written: what search finds them by.
    pub names: Vec<String>,
    /// Every tag and the tags it is nested in, folded, for `--tag`.
    pub tags: Vec<String>,
}

impl PersonKeys {
    pub(crate) fn of(summary: &Summary) -> PersonKeys {
        PersonKeys {
            path: summary.path.clone(),
            link_names: resolve::name_keys(summary),
            names: search_names(&summary.fields, &summary.path)
                .into_iter()
                .map(Cow::into_owned)
                .collect(),
            tags: tag_terms(&summary.fields),
        }
    }
}

/// The names search finds a person by: the name fields (name, aliases),
/// and the file name when it is not the name.
fn search_names<'a>(values: &'a FieldValues, path: &'a str) -> Vec<Cow<'a, str>> {
    let mut names: Vec<Cow<str>> = FIELDS
        .iter()
        .filter(|spec| spec.search == Search::Names)
        .flat_map(|spec| values.get(spec.field).map(Value::texts).unwrap_or_default())
        .collect();
    let stem = crate::note::file_stem(path);
    if stem != values.name() {
        names.push(stem.into());
    }
    names
}

/// Every tag and the tags it is nested in, folded, each once: a nested
/// tag is found as its parents too (`--tag client` finds `client/active`).
fn tag_terms(values: &FieldValues) -> Vec<String> {
    let mut tags: Vec<String> = values
        .list(PersonField::Tags)
        .iter()
        .flat_map(|tag| tag_and_parents(tag))
        .map(crate::text::fold)
        .collect();
    tags.sort_unstable();
    tags.dedup();
    tags
}

/// The searchable text fields users can name in a query (`org:acme`), in
/// the order bare words are searched: the person fields searched (see
/// [`fields::search_keys`]), the unknown front matter fields and the body.
pub(crate) static TEXT_FIELDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| fields::search_keys().chain([OTHER_FIELDS, BODY]).collect());

/// The text field of front matter fields kith does not know.
pub(crate) const OTHER_FIELDS: &str = "fields";
/// The text field of the note's body.
const BODY: &str = "body";

/// Every field of the index.
#[derive(Clone)]
pub(crate) struct Fields {
    /// Vault-relative path: the document's identity.
    pub path: Field,
    /// Name, aliases and file name: scored, and matched by prefix (`lov`
    /// finds Lovelace) and by prefix with a typo (`lovlace`).
    pub name: Field,
    /// Every tag as one folded term, for `--tag`.
    pub tag: Field,
    /// Unknown front matter fields, for `linkedin:ada` queries.
    pub extra: Field,
    pub body: Field,
    /// Days from the common era of the due date, when there is one.
    pub due: Field,
    /// Days from the common era of the day someone who matters most is
    /// due an outing (the earliest day for one never taken out).
    pub outing_due: Field,
    /// 1 for a person, 0 for any other note or file.
    pub person: Field,
    /// 1 for someone with a cadence and no contact yet in their own note
    /// (snoozed, or due by a next-contact date, or not): a contact written
    /// elsewhere may make them due sooner.
    pub never: Field,
    /// 1 for someone never due: no cadence, no next-contact date.
    pub idle: Field,
    /// How many open promises.
    pub promises: Field,
    /// The birthday as `MMDD`, when there is one.
    pub birthday: Field,
    /// How many problems and hints.
    pub problems: Field,
    /// What a note answers to, each once: its file name as a link names
    /// it ([`resolve::link_key`]) and, for a person, the names a link may
    /// use ([`resolve::name_keys`]) and the folded names near misses are
    /// measured against ([`resolve::near_keys`]). Mostly one and the same
    /// term, so one field: whoever reads it checks which key it was.
    pub keys: Field,
    /// A note's links, by [`resolve::link_key`].
    pub link: Field,
    /// The people a note mentions, by path.
    pub mentions: Field,
    /// How many people a note mentions.
    pub mentioned: Field,
    /// 1 for a note with a link to nothing.
    pub loose: Field,
    /// 1 for a line mentioning a person.
    pub line: Field,
    /// The stored [`Record`], postcard-encoded.
    pub record: Field,
    /// Named text fields, in [`TEXT_FIELDS`] order.
    pub text: Vec<Field>,
}

impl Fields {
    pub(crate) fn schema() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        // The stored record holds the path: this one is for finding a note.
        let path = builder.add_text_field("path", STRING);
        let text: Vec<Field> = TEXT_FIELDS
            .iter()
            .map(|&name| {
                let tokenizer = if name == BODY { STEMMED } else { WORDS };
                let options = TextOptions::default().set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(tokenizer)
                        .set_index_option(IndexRecordOption::WithFreqsAndPositions),
                );
                builder.add_text_field(name, options)
            })
            .collect();
        let tag = builder.add_text_field("tag", STRING);
        let extra = builder.add_json_field(
            "extra",
            JsonObjectOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(WORDS)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            ),
        );
        let due = builder.add_i64_field("due", NumericOptions::default().set_fast().set_indexed());
        let outing_due = builder.add_i64_field(
            "outing_due",
            NumericOptions::default().set_fast().set_indexed(),
        );
        let mut count = |name: &str| {
            builder.add_u64_field(name, NumericOptions::default().set_fast().set_indexed())
        };
        let person = count("person");
        let never = count("never");
        let idle = count("idle");
        let promises = count("promises");
        let birthday = count("birthday");
        let problems = count("problems");
        let mentioned = count("mentioned");
        let loose = count("loose");
        let line = count("line");
        let keys = builder.add_text_field("keys", STRING);
        let link = builder.add_text_field("link", STRING);
        let mentions = builder.add_text_field("mentions", STRING);
        let record = builder.add_bytes_field("record", BytesOptions::default().set_stored());
        let field = |name: &str| text[TEXT_FIELDS.iter().position(|n| *n == name).unwrap_or(0)];
        let name = field(PersonField::Name.key());
        let fields = Fields {
            path,
            name,
            tag,
            extra,
            body: field(BODY),
            due,
            outing_due,
            person,
            never,
            idle,
            promises,
            birthday,
            problems,
            keys,
            link,
            mentions,
            mentioned,
            loose,
            line,
            record,
            text,
        };
        (builder.build(), fields)
    }

    /// The named text field for `name`, if there is one.
    pub(crate) fn text_field(&self, name: &str) -> Option<Field> {
        TEXT_FIELDS
            .iter()
            .position(|n| *n == name)
            .map(|i| self.text[i])
    }

    /// The index document for a person summed up in `summary`, their
    /// note's body `body`, with `keys` their [`PersonKeys`], `status` the
    /// due status computed on the summary's day, and `who` who matters
    /// most.
    pub(crate) fn person_document(
        &self,
        body: &str,
        summary: &Summary,
        keys: &PersonKeys,
        status: &Status,
        who: &MattersMost,
    ) -> TantivyDocument {
        let mut doc = self.document_at(&summary.path);
        let values = &summary.fields;
        self.add_names(&mut doc, &keys.names);
        let tags = &keys.tags;
        let mut keys = keys.link_names.clone();
        keys.extend(resolve::near_keys(summary));
        keys.push(resolve::link_key(&summary.path));
        keys.sort_unstable();
        keys.dedup();
        for key in keys {
            doc.add_text(self.keys, key);
        }
        let mut add = |field: &str, value: &str| {
            if let Some(field) = self.text_field(field)
                && !value.is_empty()
            {
                doc.add_text(field, value);
            }
        };
        for spec in FIELDS.iter().filter(|spec| spec.search == Search::Own) {
            let texts = match spec.kind {
                // Searched as it applies: the note's, its tags' or the default.
                Kind::Cadence => status.cadence.map(|c| vec![c.to_string().into()]),
                _ => values.get(spec.field).map(Value::texts),
            };
            for text in texts.unwrap_or_default() {
                add(spec.key, &text);
            }
        }
        for (key, value) in &values.other {
            add(OTHER_FIELDS, &format!("{key} {value}"));
            // A value kith kept out of a field it searches (a repeat, a list
            // of lists) is found under that field's key too.
            if let Some(spec) = fields::lookup(key)
                && spec.search == Search::Own
            {
                add(spec.key, value);
            }
        }
        add(BODY, body);
        for tag in tags {
            doc.add_text(self.tag, tag);
        }
        if !values.other.is_empty() {
            let object: BTreeMap<String, tantivy::schema::OwnedValue> = values
                .other
                .iter()
                .map(|(key, value)| (fields::normal_key(key), value.as_str().into()))
                .collect();
            doc.add_object(self.extra, object);
        }
        match status.due {
            Due::On(date) => doc.add_i64(self.due, day_number(date)),
            Due::NeverContacted | Due::SnoozedUntil(_) => {}
            Due::NoCadence => doc.add_u64(self.idle, 1),
            Due::Archived => {}
        }
        // Due by a next-contact date alone, a contact elsewhere brings in
        // the cadence, which may come sooner: read them as if never
        // contacted. Otherwise mentions only make someone due later.
        let uncontacted = status.cadence.is_some() && status.last_contact.is_none();
        if uncontacted && status.due != Due::Archived {
            doc.add_u64(self.never, 1);
        }
        if let Some(due) = outing_due(summary, who) {
            doc.add_i64(self.outing_due, day_number(due));
        }
        doc.add_u64(self.person, 1);
        doc.add_u64(self.promises, summary.promises.len() as u64);
        // `check` reads whoever has either.
        let said = summary.problems.len() + summary.hints.len();
        doc.add_u64(self.problems, said as u64);
        if let Some(birthday) = summary.fields.birthday() {
            doc.add_u64(
                self.birthday,
                super::select::month_day(birthday.month, birthday.day),
            );
        }
        doc.add_bytes(self.record, &encode(&RecordRef::Person(summary)));
        doc
    }

    /// Adds `names` to the name field of `doc`.
    fn add_names(&self, doc: &mut TantivyDocument, names: &[impl AsRef<str>]) {
        for name in names {
            doc.add_text(self.name, name.as_ref());
        }
    }

    /// The index documents for a note that is not a person, its links
    /// resolved: the note's own, and one for each line mentioning a
    /// person, found under the keys of that person in `people`.
    pub(crate) fn other_documents(
        &self,
        note: &OtherNote,
        people: &dyn Fn(&str) -> Option<PersonKeys>,
    ) -> Vec<TantivyDocument> {
        let mut doc = self.note_document(&note.path);
        doc.add_u64(self.person, 0);
        let mut keys: Vec<String> = note
            .links
            .iter()
            .map(|l| resolve::link_key(&l.target))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        for key in keys {
            doc.add_text(self.link, key);
        }
        let mentioned = note.people();
        for person in &mentioned {
            doc.add_text(self.mentions, person);
        }
        doc.add_u64(self.mentioned, mentioned.len() as u64);
        doc.add_u64(self.promises, note.promises() as u64);
        doc.add_u64(self.problems, note.hints().len() as u64);
        doc.add_u64(self.loose, u64::from(note.has_loose_links()));
        doc.add_bytes(self.record, &encode(&RecordRef::Other(note)));
        let mut docs = vec![doc];
        for (person, mention) in note.mentions() {
            let Some(keys) = people(person) else {
                continue;
            };
            let mut doc = TantivyDocument::default();
            doc.add_text(self.path, &note.path);
            doc.add_u64(self.person, 0);
            doc.add_u64(self.line, 1);
            self.add_names(&mut doc, &keys.names);
            for tag in &keys.tags {
                doc.add_text(self.tag, tag);
            }
            doc.add_text(self.body, &mention.text);
            let line = MentionLine {
                person: person.to_string(),
                note: note.path.clone(),
                line: mention.line,
                text: mention.text,
            };
            doc.add_bytes(self.record, &encode(&RecordRef::Mention(&line)));
            docs.push(doc);
        }
        docs
    }

    /// A document for the note at `path`, found by its path and its file
    /// name.
    fn note_document(&self, path: &str) -> TantivyDocument {
        let mut doc = self.document_at(path);
        doc.add_text(self.keys, resolve::link_key(path));
        doc
    }

    /// A document for the note at `path`, found by its path.
    fn document_at(&self, path: &str) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_text(self.path, path);
        doc
    }

    /// The index document for a file that is only a problem.
    pub(crate) fn problem_document(&self, problem: &Problem) -> TantivyDocument {
        let mut doc = self.note_document(&problem.path);
        doc.add_u64(self.person, 0);
        doc.add_u64(self.problems, 1);
        doc.add_bytes(self.record, &encode(&RecordRef::Unreadable(problem)));
        doc
    }
}

/// A date as a number that orders like the date.
pub(crate) fn day_number(date: NaiveDate) -> i64 {
    use chrono::Datelike;
    i64::from(date.num_days_from_ce())
}

/// Room for a person's record, most of which are smaller: the record is
/// not copied again and again as it grows.
const RECORD_ROOM: usize = 1024;

fn encode(record: &RecordRef) -> Vec<u8> {
    // Serialising plain data into a Vec cannot fail.
    postcard::to_extend(record, Vec::with_capacity(RECORD_ROOM)).unwrap_or_default()
}

/// Reads a stored record; `None` when the bytes are not one.
pub(crate) fn decode(bytes: &[u8]) -> Option<Record> {
    postcard::from_bytes(bytes).ok()
}

/// Words of this many bytes or more are left out of the index (base64
/// blobs, long URLs): no search can find them.
pub(crate) const WORD_LIMIT: usize = 64;

/// Registers kith's tokenizers on an opened or created index.
pub(crate) fn register_tokenizers(index: &Index) {
    index.tokenizers().register(WORDS, words_analyzer());
    index.tokenizers().register(STEMMED, stemmed_analyzer());
}

/// Names, tags and fields: split into words, lower-cased, accent-folded.
fn words_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(super::tokens::Words::new(false))
}

/// The body: words as [`words_analyzer`] makes them, stemmed for English
/// (`sailing` is `sail`). Also what [`super::words`] compares by.
pub(crate) fn stemmed_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(super::tokens::Words::new(true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip() {
        let problem = Problem::new("people/x.md", 3, "not UTF-8");
        let record = Record::Unreadable(problem.clone());
        assert_eq!(
            decode(&encode(&RecordRef::Unreadable(&problem))),
            Some(record)
        );
        let note = OtherNote::plain("Journal/2026-11-18.md");
        let other = Record::Other(Box::new(note.clone()));
        assert_eq!(decode(&encode(&RecordRef::Other(&note))), Some(other));
        let summary = Summary {
            path: "people/Zoë.md".into(),
            ..Summary::default()
        };
        let person = Record::Person(Box::new(summary.clone()));
        let borrowed = encode(&RecordRef::Person(&summary));
        assert_eq!(borrowed, postcard::to_stdvec(&person).unwrap());
        assert_eq!(decode(&borrowed), Some(person));
        let line = MentionLine {
            person: "people/Zoë.md".into(),
            note: "Journal/2026-11-18.md".into(),
            line: 3,
            text: "Lunch with [[Zoë]]".into(),
        };
        let mention = Record::Mention(Box::new(line.clone()));
        assert_eq!(decode(&encode(&RecordRef::Mention(&line))), Some(mention));
        assert_eq!(decode(b"\xff\xff\xff"), None);
    }

    #[test]
    fn every_text_field_is_in_the_schema() {
        let (schema, fields) = Fields::schema();
        for name in TEXT_FIELDS.iter() {
            assert!(schema.get_field(name).is_ok(), "{name}");
            assert!(fields.text_field(name).is_some(), "{name}");
        }
        assert_eq!(fields.text_field("nope"), None);
    }

    #[test]
    fn day_numbers_order_like_dates() {
        let a = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        let b = NaiveDate::from_ymd_opt(2026, 2, 1).unwrap();
        assert_eq!(day_number(b) - day_number(a), 1);
    }
}
