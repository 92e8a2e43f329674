//! People read with their mentions in other notes: the notes mentioning
//! them found by the people's paths (or every note that mentions anyone,
//! for the report), their mentions counted into the summaries as of the
//! day; and what `check` says of links that name no one for sure.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use tantivy::Term;
use tantivy::collector::DocSetCollector;
use tantivy::query::FuzzyTermQuery;

use super::schema::Record;
use super::select::at_least_one;
use super::{IndexError, Snapshot};
use crate::mention::resolve::{is_near, loose_key, near_keys};
use crate::mention::{self, OtherNote};
use crate::note::due::never_due;
use crate::note::mention::Mention;
use crate::note::problem::Problem;
use crate::note::summary::Summary;
use crate::vault::config::Config;

impl Snapshot {
    /// `people` with their mentions in `notes` counted in on `today`, as
    /// `config` (or a person's own `mentions:`) says, and how many of them
    /// that made never due (a contact elsewhere may keep someone's
    /// next-contact date, and with no cadence they are then never due).
    pub(super) fn counted_in(
        &self,
        mut people: Vec<Summary>,
        notes: &[OtherNote],
        config: &Config,
        today: NaiveDate,
    ) -> (Vec<Summary>, usize) {
        if notes.is_empty() {
            // Mentions off, or no one mentioned: nothing to look up.
            return (people, 0);
        }
        let mut mentions = {
            let wanted: FxHashSet<&str> = people.iter().map(|p| p.path.as_str()).collect();
            let notes: Vec<&OtherNote> = notes.iter().collect();
            mention::by_person_among(&notes, |person| wanted.contains(person))
        };
        let of: Vec<Option<Vec<Mention>>> = people
            .iter()
            .map(|person| mentions.remove(person.path.as_str()))
            .collect();
        // Counted in side by side, each summary in its place.
        let made_never_due = people
            .par_iter_mut()
            .zip(of)
            .filter_map(|(person, of)| {
                let of = of?;
                let was = never_due(person, config, today);
                *person = std::mem::take(person).with_mentions(of, config, today);
                Some(!was && never_due(person, config, today))
            })
            .filter(|made| *made)
            .count();
        (people, made_never_due)
    }

    /// `people` with their mentions counted in, read from the notes that
    /// mention them.
    pub(super) fn with_their_mentions(
        &self,
        people: Vec<Summary>,
        config: &Config,
        today: NaiveDate,
    ) -> Result<Vec<Summary>, IndexError> {
        let paths: Vec<String> = people.iter().map(|p| p.path.clone()).collect();
        let notes = self.notes_mentioning(&paths)?;
        Ok(self.counted_in(people, &notes, config, today).0)
    }

    /// The notes mentioning any of the people at `paths`, the overlay's in
    /// place of the index's.
    fn notes_mentioning(&self, paths: &[String]) -> Result<Vec<OtherNote>, IndexError> {
        let terms = paths.iter().map(|path| (self.fields.mentions, path));
        let records = self.any_term(terms)?;
        let mentioning = |note: &OtherNote| {
            note.people()
                .iter()
                .any(|person| paths.iter().any(|path| path == person))
        };
        Ok(self.other_notes(records, mentioning))
    }

    /// Every note that mentions someone, the overlay's in place of the
    /// index's.
    pub(super) fn mentioning_notes(&self) -> Result<Vec<OtherNote>, IndexError> {
        let records = self.having(self.fields.mentioned)?;
        Ok(self.other_notes(records, |note| !note.people().is_empty()))
    }

    /// The notes among `records`, with those of the overlay that `wanted`
    /// lets through.
    fn other_notes(
        &self,
        records: Vec<Record>,
        wanted: impl Fn(&OtherNote) -> bool,
    ) -> Vec<OtherNote> {
        let overlay = self.overlay.iter().filter_map(|record| match record {
            Record::Other(note) if wanted(note) => Some((**note).clone()),
            _ => None,
        });
        records
            .into_iter()
            .filter_map(|record| match record {
                Record::Other(note) => Some(*note),
                _ => None,
            })
            .chain(overlay)
            .collect()
    }

    /// The records of the index (not hidden) with `field` at least 1.
    fn having(&self, field: tantivy::schema::Field) -> Result<Vec<Record>, IndexError> {
        let found = self
            .searcher
            .search(&*at_least_one(field), &DocSetCollector)
            .map_err(|source| self.error(source))?;
        self.index_records(found.into_iter().collect())
    }

    /// The people `notes` hold open promises to who are not among `people`
    /// already (a report reads only those who may show in it).
    pub(super) fn promised_to(
        &self,
        people: &[Summary],
        notes: &[OtherNote],
    ) -> Result<Vec<Summary>, IndexError> {
        let have: FxHashSet<&str> = people.iter().map(|p| p.path.as_str()).collect();
        let wanted: BTreeSet<String> = notes
            .iter()
            .flat_map(OtherNote::promised)
            .filter(|person| !have.contains(person))
            .map(str::to_string)
            .collect();
        let records = self.any_term(wanted.iter().map(|path| (self.fields.path, path)))?;
        let overlay = self
            .overlay
            .iter()
            .filter(|record| matches!(record, Record::Person(p) if wanted.contains(&p.path)));
        Ok(records
            .into_iter()
            .chain(overlay.cloned())
            .filter_map(|record| match record {
                Record::Person(person) => Some(*person),
                _ => None,
            })
            .collect())
    }

    /// What `check` says of links to people: the names several people
    /// share (in `selected`, the notes with problems) and the links to no
    /// note that are near misses of a person's name.
    pub(super) fn link_hints(&self, selected: &[OtherNote]) -> Result<Vec<Problem>, IndexError> {
        let loose = self.other_notes(self.having(self.fields.loose)?, OtherNote::has_loose_links);
        let keys: BTreeSet<String> = loose
            .iter()
            .flat_map(|note| note.links.iter().filter_map(|l| loose_key(&l.target)))
            .collect();
        let mut near: HashMap<String, Option<Summary>> = HashMap::new();
        for key in keys {
            let person = self.near_person(&key)?;
            near.insert(key, person);
        }
        let find = |key: &str| near.get(key).and_then(Option::as_ref);
        let mut hints: Vec<Problem> = selected
            .iter()
            .flat_map(OtherNote::hints)
            .chain(loose.iter().flat_map(|note| note.near_misses(&find)))
            .collect();
        hints.sort();
        hints.dedup();
        Ok(hints)
    }

    /// The person (first by path) one of whose names `loose` is a near miss
    /// of, the overlay's in place of the index's.
    fn near_person(&self, loose: &str) -> Result<Option<Summary>, IndexError> {
        let query = FuzzyTermQuery::new(Term::from_field_text(self.fields.keys, loose), 2, true);
        let found = self
            .searcher
            .search(&query, &DocSetCollector)
            .map_err(|source| self.error(source))?;
        let mut people = Vec::new();
        for address in found {
            if let Some(Record::Person(person)) = self.record_at(address)?
                && !self.is_hidden(&person.path)
            {
                people.push(*person);
            }
        }
        people.extend(self.overlay.iter().filter_map(|record| match record {
            Record::Person(person) => Some((**person).clone()),
            _ => None,
        }));
        Ok(people
            .into_iter()
            .filter(|person| near_keys(person).iter().any(|key| is_near(loose, key)))
            .min_by(|a, b| a.path.cmp(&b.path)))
    }
}
