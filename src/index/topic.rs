//! Which notes' bodies hold the words of a topic: the index's stemmed body
//! field answers, and the notes a watcher has not indexed yet (the
//! overlay) are read as they are now.

use std::collections::BTreeSet;

use tantivy::Term;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;

use super::schema::Record;
use super::{IndexError, Snapshot, words};
use crate::note::Parsed;

impl Snapshot {
    /// For each of `stems` (stemmed as the body is), the paths of the
    /// notes whose body holds it.
    pub(crate) fn bodies_holding(
        &self,
        root: &std::path::Path,
        stems: &[String],
    ) -> Result<Vec<BTreeSet<String>>, IndexError> {
        let mut found = Vec::with_capacity(stems.len());
        for stem in stems {
            let term = Term::from_field_text(self.fields.body, stem);
            let query = TermQuery::new(term, IndexRecordOption::Basic);
            let addresses = self
                .searcher
                .search(&query, &DocSetCollector)
                .map_err(|source| self.error(source))?;
            let mut paths = BTreeSet::new();
            for address in addresses {
                if let Some(Record::Person(person)) = self.record_at(address)?
                    && !self.is_hidden(&person.path)
                {
                    paths.insert(person.path);
                }
            }
            found.push(paths);
        }
        for record in &self.overlay {
            let Record::Person(person) = record else {
                continue;
            };
            let Parsed::Person(note) =
                crate::vault::read_note(&person.path, &root.join(&person.path))
            else {
                continue;
            };
            let held: BTreeSet<String> = words::words(&note.body)
                .into_iter()
                .map(|word| word.stem)
                .collect();
            for (stem, paths) in stems.iter().zip(&mut found) {
                if held.contains(stem) {
                    paths.insert(person.path.clone());
                }
            }
        }
        Ok(found)
    }
}
