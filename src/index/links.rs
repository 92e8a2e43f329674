//! Resolving links during a refresh: the links of the notes it read, and
//! of the notes in the index whose links may now name someone else — a
//! note or person of a name they link to came, went or was renamed, or a
//! person they mention changed. Names are looked up in the index as it
//! was (only the keys the links use) together with what the refresh read,
//! so that no refresh reads every person.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Mutex, PoisonError};

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
    Person(KeysAt),
    /// A note that is not a person, its links not yet resolved.
    Other(Box<OtherNote>),
    /// A file that is a note, but neither (unreadable).
    Note,
    /// Not a note at all (kith's report, a template).
    Skipped,
}

/// Where a person's keys are in [`PeopleKeys`].
#[derive(Clone, Copy)]
pub(super) struct KeysAt {
    /// The first key.
    first: usize,
    /// How many are link names, names and tags, in this order.
    counts: [usize; 3],
}

/// The [`PersonKeys`] (but the path, the key they are kept under) of
/// every person a refresh read, in one arena: a few small strings for
/// each would stay scattered in memory.
#[derive(Default)]
pub(super) struct PeopleKeys {
    /// Every key, one after another.
    text: String,
    /// Where each key ends in `text`.
    ends: Vec<usize>,
}

impl PeopleKeys {
    /// Adds `keys`, returning where they are.
    pub(super) fn add(&mut self, keys: &PersonKeys) -> KeysAt {
        let first = self.ends.len();
        for key in keys.link_names.iter().chain(&keys.names).chain(&keys.tags) {
            self.text.push_str(key);
            self.ends.push(self.text.len());
        }
        KeysAt {
            first,
            counts: [keys.link_names.len(), keys.names.len(), keys.tags.len()],
        }
    }

    /// Adds `keys` to the arena behind `shared`, which a poisoned lock
    /// leaves whole (keys are added at once or not at all).
    pub(super) fn add_shared(shared: &Mutex<PeopleKeys>, keys: &PersonKeys) -> KeysAt {
        shared
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .add(keys)
    }

    /// The `list` (0 link names, 1 names, 2 tags) of the person `at`.
    fn list(&self, at: KeysAt, list: usize) -> impl Iterator<Item = &str> {
        let first = at.first + at.counts[..list].iter().sum::<usize>();
        (first..first + at.counts[list]).map(|i| {
            let start = if i == 0 { 0 } else { self.ends[i - 1] };
            &self.text[start..self.ends[i]]
        })
    }

    /// Name and aliases of the person `at`, lower-cased: the names a link
    /// may use.
    pub(super) fn link_names(&self, at: KeysAt) -> impl Iterator<Item = &str> {
        self.list(at, 0)
    }

    /// The keys of the person `at`, whose note is `path`.
    pub(super) fn get(&self, at: KeysAt, path: &str) -> PersonKeys {
        let owned = |list| self.list(at, list).map(str::to_string).collect();
        PersonKeys {
            path: path.to_string(),
            link_names: owned(0),
            names: owned(1),
            tags: owned(2),
        }
    }
}

/// What a refresh found a file to be, and the file's record when the
/// refresh keeps records.
pub(super) type Reading = (Found, Option<Record>);

/// What a refresh read, by path (each path's latest reading), in path
/// order: one vector, sorted in place, costs less memory than a map.
#[derive(Default)]
pub(super) struct Latest(Vec<(String, Reading)>);

impl Latest {
    /// The readings `read`, of different paths.
    pub(super) fn new(mut read: Vec<(String, Reading)>) -> Latest {
        read.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Latest(read)
    }

    /// Takes the `newer` readings, of different paths, in place of the
    /// earlier ones of their paths.
    pub(super) fn extend(&mut self, newer: Vec<(String, Reading)>) {
        let mut added = Vec::new();
        for (path, reading) in newer {
            match self.index(&path) {
                Ok(i) => self.0[i].1 = reading,
                Err(_) => added.push((path, reading)),
            }
        }
        if !added.is_empty() {
            self.0.extend(added);
            self.0.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        }
    }

    fn index(&self, path: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(p, _)| p.as_str().cmp(path))
    }

    /// The reading of `path`.
    pub(super) fn get(&self, path: &str) -> Option<&Reading> {
        self.index(path).ok().map(|i| &self.0[i].1)
    }

    /// The paths read.
    pub(super) fn paths(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(path, _)| path)
    }

    /// Each path with its reading.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&String, &Reading)> {
        self.0.iter().map(|(path, reading)| (path, reading))
    }
}

impl IntoIterator for Latest {
    type Item = (String, Reading);
    type IntoIter = std::vec::IntoIter<(String, Reading)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

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
        people_keys: &PeopleKeys,
        removed: &[String],
        fresh: bool,
    ) -> Result<Resolved, IndexError> {
        // A fresh index has nothing to hide.
        if !fresh {
            self.hidden = read.paths().chain(removed).cloned().collect();
            self.hidden.sort_unstable();
        }
        let mut notes: Vec<OtherNote> = read
            .iter()
            .filter_map(|(_, (found, _))| match found {
                Found::Other(note) => Some((**note).clone()),
                _ => None,
            })
            .collect();
        let read_count = notes.len();
        if !fresh {
            notes.extend(self.to_resolve_again(read, people_keys, removed)?);
        }
        let mut keys: BTreeSet<String> = BTreeSet::new();
        for note in &notes {
            keys.extend(note.links.iter().map(|link| link_key(&link.target)));
        }
        let known = self.known(&keys, read, people_keys)?;
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
                    Some((Found::Person(at), _)) => Some(people_keys.get(*at, person)),
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
        people_keys: &PeopleKeys,
        removed: &[String],
    ) -> Result<Vec<OtherNote>, IndexError> {
        let fields = &self.fields;
        let mut keys: BTreeSet<String> = BTreeSet::new();
        let mut people: BTreeSet<String> = BTreeSet::new();
        for path in read.paths().chain(removed) {
            keys.insert(link_key(path));
            if let Some(Record::Person(before)) = self.by_path(path)? {
                keys.extend(resolve::name_keys(&before));
                people.insert(path.clone());
            }
        }
        for (_, (found, _)) in read.iter() {
            if let Found::Person(now) = found {
                keys.extend(people_keys.link_names(*now).map(str::to_string));
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
    fn known(
        &self,
        keys: &BTreeSet<String>,
        read: &Latest,
        people_keys: &PeopleKeys,
    ) -> Result<Known, IndexError> {
        let mut known = Known::default();
        if keys.is_empty() {
            return Ok(known);
        }
        // A note answering to a key by its file name is known as a note;
        // a person answering to one by a name, as a person.
        for record in self.any_term(keys.iter().map(|key| (self.fields.keys, key)))? {
            let named = keys.contains(&link_key(record.path()));
            match &record {
                Record::Person(person) => {
                    if named {
                        known.note(&person.path, true);
                    }
                    let names = resolve::name_keys(person);
                    if names.iter().any(|name| keys.contains(name)) {
                        known.person(&person.path, &names);
                    }
                }
                Record::Other(_) | Record::Unreadable(_) if named => {
                    known.note(record.path(), false);
                }
                Record::Other(_) | Record::Unreadable(_) | Record::Mention(_) => {}
            }
        }
        for (path, (found, _)) in read.iter() {
            let named = keys.contains(&link_key(path));
            match found {
                Found::Person(person) => {
                    if named {
                        known.note(path, true);
                    }
                    let names: Vec<String> = people_keys
                        .link_names(*person)
                        .filter(|name| keys.contains(*name))
                        .map(str::to_string)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(path: &str, link_names: &[&str], names: &[&str], tags: &[&str]) -> PersonKeys {
        let owned = |keys: &[&str]| keys.iter().map(|key| key.to_string()).collect();
        PersonKeys {
            path: path.to_string(),
            link_names: owned(link_names),
            names: owned(names),
            tags: owned(tags),
        }
    }

    #[test]
    fn people_keys_give_back_each_persons_keys_as_added() {
        let people = [
            keys(
                "people/Zoë Ng.md",
                &["zoë ng", "zo"],
                &["Zoë Ng", "Zo"],
                &["client", "client/active"],
            ),
            keys("people/Empty.md", &[], &[], &[]),
            keys("people/A|B.md", &["a|b"], &["A|B", "A|B"], &[""]),
        ];
        let mut arena = PeopleKeys::default();
        let at: Vec<KeysAt> = people.iter().map(|keys| arena.add(keys)).collect();
        for (keys, at) in people.iter().zip(at) {
            assert_eq!(arena.get(at, &keys.path), *keys);
            let link_names: Vec<&str> = arena.link_names(at).collect();
            assert_eq!(link_names, keys.link_names);
        }
    }
}
