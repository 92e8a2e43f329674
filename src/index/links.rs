//! Resolving links during a refresh: the links of the notes it read, and
//! of the notes in the index whose links may now name someone else — a
//! note or person of a name they link to came, went or was renamed, or a
//! person they mention changed. Names are looked up in the index as it
//! was (only the keys the links use) together with what the refresh read,
//! so that no refresh reads every person.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use tantivy::Term;
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

use super::schema::{PersonKeys, Record};
use super::{IndexError, Snapshot};
use crate::mention::OtherNote;
use crate::mention::resolve::{self, Known, link_key};

/// What a file read by a refresh turned out to be, as resolving links
/// needs it.
#[derive(Clone)]
pub(super) enum Found {
    /// A person, by their keys.
    Person(PersonKeys),
    /// A note that is not a person, its links not yet resolved.
    Other(Box<OtherNote>),
    /// A file that is a note, but neither (unreadable).
    Note,
    /// Not a note at all (kith's report, a template).
    Skipped,
}

/// What a refresh read, by path (each path's latest reading): what it
/// found, and the record when the refresh keeps records.
pub(super) type Latest = BTreeMap<String, (Found, Option<Record>)>;

/// The notes a refresh resolved.
#[derive(Default)]
pub(super) struct Resolved {
    /// The notes it read.
    pub(super) read: Vec<OtherNote>,
    /// Notes it did not read whose links it resolved again.
    pub(super) again: Vec<OtherNote>,
    /// The keys of every person these notes mention, by path.
    pub(super) people: HashMap<String, PersonKeys>,
}

impl Snapshot {
    /// Resolves the links of the notes in `read` (each path's latest
    /// reading; `removed` are gone) and of the notes in this snapshot (the
    /// index before the refresh) whose links may now name someone else.
    /// On a `fresh` index, nothing was there before.
    pub(super) fn resolve_links(
        &mut self,
        read: &Latest,
        removed: &[String],
        fresh: bool,
    ) -> Result<Resolved, IndexError> {
        self.hidden = read.keys().chain(removed).cloned().collect();
        self.hidden.sort_unstable();
        let mut notes: Vec<OtherNote> = read
            .values()
            .filter_map(|(found, _)| match found {
                Found::Other(note) => Some((**note).clone()),
                _ => None,
            })
            .collect();
        let read_count = notes.len();
        if !fresh {
            notes.extend(self.to_resolve_again(read, removed)?);
        }
        let mut keys: BTreeSet<String> = BTreeSet::new();
        for note in &notes {
            keys.extend(note.links.iter().map(|link| link_key(&link.target)));
        }
        let known = self.known(&keys, read)?;
        for note in &mut notes {
            note.targets = note
                .links
                .iter()
                .map(|link| resolve::resolve(link, &note.path, &known))
                .collect();
        }
        let mut people: HashMap<String, PersonKeys> = HashMap::new();
        for note in &notes {
            for person in note.people() {
                if people.contains_key(person) {
                    continue;
                }
                let keys = match read.get(person) {
                    Some((Found::Person(keys), _)) => Some(keys.clone()),
                    _ => self.person_keys(person)?,
                };
                people.extend(keys.map(|keys| (person.to_string(), keys)));
            }
        }
        let again = notes.split_off(read_count);
        Ok(Resolved {
            read: notes,
            again,
            people,
        })
    }

    /// The notes of the index, not read again, whose links may now name
    /// someone else: those linking by a name that a note read or removed
    /// has (as its file name, or a person's name or alias, before or now),
    /// and those mentioning a person read or removed.
    fn to_resolve_again(
        &self,
        read: &Latest,
        removed: &[String],
    ) -> Result<Vec<OtherNote>, IndexError> {
        let fields = &self.fields;
        let mut keys: BTreeSet<String> = BTreeSet::new();
        let mut people: BTreeSet<String> = BTreeSet::new();
        for path in read.keys().chain(removed) {
            keys.insert(link_key(path));
            if let Some(Record::Person(before)) = self.by_path(path)? {
                keys.extend(resolve::name_keys(&before));
                people.insert(path.clone());
            }
        }
        for (found, _) in read.values() {
            if let Found::Person(now) = found {
                keys.extend(now.link_names.iter().cloned());
            }
        }
        let terms = keys
            .iter()
            .map(|key| (fields.link, key))
            .chain(people.iter().map(|path| (fields.mentions, path)));
        let again = self.any_term(terms)?;
        Ok(again
            .into_iter()
            .filter_map(|record| match record {
                Record::Other(note) => Some(*note),
                _ => None,
            })
            .collect())
    }

    /// What resolving links by `keys` needs to know: the notes of those
    /// file names and the people of those names, in the index (but for
    /// what the refresh read or removed) and among what it read.
    fn known(&self, keys: &BTreeSet<String>, read: &Latest) -> Result<Known, IndexError> {
        let mut known = Known::default();
        if keys.is_empty() {
            return Ok(known);
        }
        let fields = &self.fields;
        for record in self.any_term(keys.iter().map(|key| (fields.stem, key)))? {
            match &record {
                Record::Person(_) => known.note(record.path(), true),
                Record::Other(_) | Record::Unreadable(_) => known.note(record.path(), false),
                Record::Mention(_) => {}
            }
        }
        for record in self.any_term(keys.iter().map(|key| (fields.link_name, key)))? {
            if let Record::Person(person) = record {
                known.person(&person.path, &resolve::name_keys(&person));
            }
        }
        for (path, (found, _)) in read {
            let named = keys.contains(&link_key(path));
            match found {
                Found::Person(person) => {
                    if named {
                        known.note(path, true);
                    }
                    let names: Vec<String> = person
                        .link_names
                        .iter()
                        .filter(|name| keys.contains(*name))
                        .cloned()
                        .collect();
                    known.person(path, &names);
                }
                Found::Other(_) | Found::Note if named => known.note(path, false),
                Found::Other(_) | Found::Note | Found::Skipped => {}
            }
        }
        Ok(known)
    }

    /// The keys of the person at `path` in the index, when there is one.
    fn person_keys(&self, path: &str) -> Result<Option<PersonKeys>, IndexError> {
        Ok(match self.by_path(path)? {
            Some(Record::Person(person)) => Some(PersonKeys::of(&person)),
            _ => None,
        })
    }

    /// The record of the note at `path` in the index, hidden or not.
    fn by_path(&self, path: &str) -> Result<Option<Record>, IndexError> {
        let query = TermQuery::new(
            Term::from_field_text(self.fields.path, path),
            IndexRecordOption::Basic,
        );
        let found = self
            .searcher
            .search(&query, &DocSetCollector)
            .map_err(|source| self.error(source))?;
        for address in found {
            if let Some(record) = self.record_at(address)?
                && !matches!(record, Record::Mention(_))
            {
                return Ok(Some(record));
            }
        }
        Ok(None)
    }

    /// The records of the index (not hidden) holding any of `terms`,
    /// without the overlay; mention lines left out.
    pub(super) fn any_term<'a>(
        &self,
        terms: impl Iterator<Item = (Field, &'a String)>,
    ) -> Result<Vec<Record>, IndexError> {
        let clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .map(|(field, text)| {
                let term = Term::from_field_text(field, text);
                let query: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                (Occur::Should, query)
            })
            .collect();
        if clauses.is_empty() {
            return Ok(Vec::new());
        }
        let found = self
            .searcher
            .search(&BooleanQuery::new(clauses), &DocSetCollector)
            .map_err(|source| self.error(source))?;
        self.index_records(found.into_iter().collect())
    }
}
