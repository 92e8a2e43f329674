//! Stored records read straight from the bytes of tantivy's document
//! store. tantivy hands a stored byte value over one byte at a time, which
//! was the largest cost of reading thousands of records for the report; a
//! document kith writes holds one stored value, the record, whose bytes
//! are found here and decoded in place. Anything else is read by tantivy.

use tantivy::schema::{Field, Value};
use tantivy::store::StoreReader;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::schema::{self, Record};

/// How many decompressed blocks each segment's store keeps.
const CACHED_BLOCKS: usize = 64;

/// tantivy's type code of a bytes value in a stored document.
const BYTES_CODE: u8 = 4;

/// The document stores of a searcher's segments.
pub(crate) struct Stores {
    readers: Vec<StoreReader>,
    record: Field,
}

impl Stores {
    /// Opens every segment's store; `record` is the field holding the
    /// record.
    pub(crate) fn open(searcher: &Searcher, record: Field) -> tantivy::Result<Stores> {
        let readers = searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.get_store_reader(CACHED_BLOCKS))
            .collect::<Result<_, _>>()?;
        Ok(Stores { readers, record })
    }

    /// The record stored for the document at `address`.
    pub(crate) fn record(
        &self,
        searcher: &Searcher,
        address: DocAddress,
    ) -> tantivy::Result<Option<Record>> {
        let Some(store) = self.readers.get(address.segment_ord as usize) else {
            return Ok(None);
        };
        let bytes = store.get_document_bytes(address.doc_id)?;
        if let Some(record) = record_bytes(&bytes, self.record) {
            return Ok(schema::decode(record));
        }
        let doc: TantivyDocument = searcher.doc(address)?;
        Ok(doc
            .get_first(self.record)
            .and_then(|value| value.as_bytes())
            .and_then(schema::decode))
    }
}

/// The bytes of `record` in a stored document that holds only it: one
/// value (a VInt), the field (`u32`, little-endian), the bytes type code,
/// the length (a VInt) and the bytes. `None` for any other document.
fn record_bytes(doc: &[u8], record: Field) -> Option<&[u8]> {
    let (count, rest) = vint(doc)?;
    let (field, rest) = rest.split_first_chunk::<4>()?;
    let (&code, rest) = rest.split_first()?;
    if count != 1 || u32::from_le_bytes(*field) != record.field_id() || code != BYTES_CODE {
        return None;
    }
    let (length, rest) = vint(rest)?;
    let length = usize::try_from(length).ok()?;
    (rest.len() == length).then_some(rest)
}

/// tantivy's variable-length integer: seven bits a byte, low bits first,
/// the last byte marked by its high bit.
fn vint(bytes: &[u8]) -> Option<(u64, &[u8])> {
    let mut value: u64 = 0;
    for (at, &byte) in bytes.iter().enumerate().take(10) {
        value |= u64::from(byte & 0x7f) << (7 * at);
        if byte & 0x80 != 0 {
            return Some((value, &bytes[at + 1..]));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::{Fields, PersonKeys, register_tokenizers};
    use crate::note::due::Status;
    use crate::note::problem::Problem;
    use crate::note::summary::Summary;
    use crate::note::{Parsed, parse};
    use crate::vault::config::Config;
    use chrono::NaiveDate;
    use tantivy::Index;

    #[test]
    fn records_are_read_from_the_store_bytes_as_tantivy_reads_them() {
        let (schema, fields) = Fields::schema();
        let index = Index::create_in_ram(schema);
        register_tokenizers(&index);
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let long = format!("---\nname: Zoë\npurpose: {}\n---\n", "é".repeat(300));
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for text in [
            "---\nname: Ada\ntags: [a]\n---\n- 2026-11-02 Coffee\n",
            &long,
        ] {
            let Parsed::Person(person) = parse("people/P.md", text.as_bytes()) else {
                panic!("a person");
            };
            let summary = Summary::of(&person, &Config::default(), today);
            let status = Status::of(&summary, &Config::default(), today);
            writer
                .add_document(fields.person_document(
                    &person.body,
                    &summary,
                    &PersonKeys::of(&summary),
                    &status,
                    &Config::default().outing_for,
                ))
                .unwrap();
        }
        let problem = Problem::new("people/x.md", 2, "not UTF-8");
        writer
            .add_document(fields.problem_document(&problem))
            .unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let stores = Stores::open(&searcher, fields.record).unwrap();
        let mut read = 0;
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            for doc_id in 0..segment.max_doc() {
                let address = DocAddress::new(ord as u32, doc_id);
                let bytes = stores.readers[ord].get_document_bytes(doc_id).unwrap();
                let fast = record_bytes(&bytes, fields.record).expect("the layout kith reads");
                let doc: TantivyDocument = searcher.doc(address).unwrap();
                let slow = doc.get_first(fields.record).unwrap().as_bytes().unwrap();
                assert_eq!(fast, slow);
                assert!(stores.record(&searcher, address).unwrap().is_some());
                read += 1;
            }
        }
        assert_eq!(read, 3);
    }

    #[test]
    fn other_layouts_are_not_taken_for_a_record() {
        let (_, fields) = Fields::schema();
        let field = fields.record.field_id().to_le_bytes();
        let doc = |count: u8, code: u8, length: u8, body: &[u8]| {
            let mut doc = vec![count | 0x80];
            doc.extend(field);
            doc.extend([code, length | 0x80]);
            doc.extend(body);
            doc
        };
        assert_eq!(
            record_bytes(&doc(1, BYTES_CODE, 2, b"ab"), fields.record),
            Some(&b"ab"[..])
        );
        assert_eq!(
            record_bytes(&doc(2, BYTES_CODE, 2, b"ab"), fields.record),
            None
        );
        assert_eq!(record_bytes(&doc(1, 0, 2, b"ab"), fields.record), None);
        assert_eq!(
            record_bytes(&doc(1, BYTES_CODE, 3, b"ab"), fields.record),
            None
        );
        assert_eq!(record_bytes(&[], fields.record), None);
        assert_eq!(vint(&[0x05, 0x81]), Some((5 | (1 << 7), &[][..])));
    }
}
