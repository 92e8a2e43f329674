//! The serialisable digest of a person that the index stores and every
//! command reads: all the fields, the latest contact as of a day, entries
//! after that day and open promises; with the person's mentions in other
//! notes counted in ([`Summary::with_mentions`]). Small enough to cache
//! for every note.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::note::Person;
use crate::note::cadence::stored_date;
use crate::note::due::tag_and_parents;
use crate::note::fields::{Field, FieldValues};
use crate::note::log::{Entry, EntryKind};
use crate::note::mention::{Mention, Mentions};
use crate::note::problem::Problem;
use crate::note::ties::{At, Ties};
use crate::relate::matters::purpose_hint;
use crate::vault::config::Config;

/// Longest log text kept, in characters; the report shows less.
const MAX_TEXT_CHARS: usize = 200;

/// A dated line kept in a summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dated {
    /// The entry's date.
    #[serde(with = "stored_date")]
    pub date: NaiveDate,
    /// Its text, shortened past `MAX_TEXT_CHARS` characters.
    pub text: String,
    /// Its 1-based line in the note.
    pub line: usize,
    /// The note it is written in, when not the person's own.
    pub note: Option<String>,
}

/// What kith needs of a person without re-reading the note.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Vault-relative path with `/` separators.
    pub path: String,
    /// Every field, as the note has it.
    pub fields: FieldValues,
    /// The day the entries below were split on.
    #[serde(with = "stored_date")]
    pub as_of: NaiveDate,
    /// The newest contact entry on or before `as_of`.
    pub last_entry: Option<Dated>,
    /// Contact entries after `as_of` (planned), oldest first.
    pub later: Vec<Dated>,
    /// Open promises, in file order.
    pub promises: Vec<Dated>,
    /// What could not be read in the note.
    pub problems: Vec<Problem>,
    /// Values the note holds that kith ignores but look meant for it.
    pub hints: Vec<Problem>,
    /// Lines of other notes linking to the person, newest first, undated
    /// last (see [`Summary::with_mentions`]).
    pub mentions: Vec<Mention>,
    /// Outings, shares, who reaches out, links and introductions.
    pub ties: Ties,
}

/// `text` shortened past `MAX_TEXT_CHARS` characters.
pub(crate) fn short(text: &str) -> String {
    match text.char_indices().nth(MAX_TEXT_CHARS) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_string(),
    }
}

pub(crate) fn dated(entry: &Entry) -> Dated {
    Dated {
        date: entry.date,
        text: short(&entry.text),
        line: entry.line,
        note: None,
    }
}

/// A mention dated `date` as a dated line of the summary.
fn mentioned(mention: &Mention, date: NaiveDate) -> Dated {
    Dated {
        date,
        text: short(&mention.text),
        line: mention.line,
        note: Some(mention.note.clone()),
    }
}

impl Summary {
    /// Digests `person`, splitting its log on `as_of` (normally today),
    /// reading outings as `config` says and hinting when someone who
    /// matters most has no purpose.
    pub fn of(person: &Person, config: &Config, as_of: NaiveDate) -> Summary {
        Summary {
            path: person.path.clone(),
            fields: person.fields.clone(),
            problems: person.problems.clone(),
            ..Summary::digest(person, config, as_of)
        }
    }

    /// [`Summary::of`] `person`, taking the note's path, fields and
    /// problems rather than copying them; hands back its body.
    pub(crate) fn taking(person: Person, config: &Config, as_of: NaiveDate) -> (Summary, String) {
        let digest = Summary::digest(&person, config, as_of);
        let summary = Summary {
            path: person.path,
            fields: person.fields,
            problems: person.problems,
            ..digest
        };
        (summary, person.body)
    }

    /// What [`Summary::of`] works out of `person`: all but the note's
    /// path, fields and problems.
    fn digest(person: &Person, config: &Config, as_of: NaiveDate) -> Summary {
        let contacts = person.entries.iter().filter(|e| e.kind != EntryKind::Open);
        let mut last_entry: Option<&Entry> = None;
        let mut later = Vec::new();
        for entry in contacts {
            if entry.date > as_of {
                later.push(dated(entry));
            } else if last_entry.is_none_or(|last| entry.date > last.date) {
                // Strictly newer only: among same-day entries the first one
                // written (the top of a newest-first log) wins.
                last_entry = Some(entry);
            }
        }
        later.sort_by_key(|d| d.date);
        Summary {
            as_of,
            last_entry: last_entry.map(dated),
            later,
            promises: person
                .entries
                .iter()
                .filter(|e| e.kind == EntryKind::Open)
                .map(dated)
                .collect(),
            hints: person
                .hints
                .iter()
                .cloned()
                .chain(purpose_hint(person, &config.outing_for))
                .collect(),
            ties: Ties::of(person, &config.outings, as_of),
            ..Summary::default()
        }
    }

    /// This summary with the person's `mentions` in other notes, split on
    /// `today` (not before the day the summary was made on, less the
    /// days its entries stay right for: see the index's validity). As the
    /// note's own `mentions:` says, else `mode`: a dated mention is a
    /// contact (planned when after `today`) and a dated open task a
    /// promise; with `show` they are only listed, with `off` not even
    /// that. `mode` is `config`'s `mentions`; a contact elsewhere may be
    /// an outing, as config `outings` reads it. Among contacts on one day
    /// the note's own comes first.
    pub fn with_mentions(
        mut self,
        mut mentions: Vec<Mention>,
        config: &Config,
        today: NaiveDate,
    ) -> Summary {
        let mode = self.fields.mentions().unwrap_or(config.mentions);
        if mode == Mentions::Off {
            self.mentions = Vec::new();
            return self;
        }
        mentions.sort_by(|a, b| {
            (b.date.is_some(), b.date)
                .cmp(&(a.date.is_some(), a.date))
                .then_with(|| a.note.cmp(&b.note))
                .then_with(|| a.line.cmp(&b.line))
        });
        let counted = mode == Mentions::Contact
            && mentions
                .iter()
                .any(|m| m.contact_date().is_some() || m.promise_date().is_some());
        if counted {
            let mut last = self.last_entry_on(today).cloned();
            let mut later: Vec<Dated> = std::mem::take(&mut self.later)
                .into_iter()
                .filter(|d| d.date > today)
                .collect();
            for mention in &mentions {
                if let Some(date) = mention.contact_date() {
                    if date > today {
                        later.push(mentioned(mention, date));
                        continue;
                    }
                    if last.as_ref().is_none_or(|last| date > last.date) {
                        last = Some(mentioned(mention, date));
                    }
                    let at = At {
                        date,
                        line: mention.line,
                    };
                    self.ties
                        .count_mention(&mention.text, at, &mention.note, &config.outings);
                }
            }
            let mut promises: Vec<Dated> = mentions
                .iter()
                .filter_map(|m| m.promise_date().map(|date| mentioned(m, date)))
                .collect();
            promises.sort_by(|a, b| (a.date, &a.note, a.line).cmp(&(b.date, &b.note, b.line)));
            later.sort_by_key(|d| d.date);
            self.last_entry = last;
            self.later = later;
            self.promises.extend(promises);
            self.as_of = today;
        }
        self.mentions = mentions;
        self
    }

    /// The newest contact entry on or before `today` (which must not be
    /// before `as_of`).
    pub(crate) fn last_entry_on(&self, today: NaiveDate) -> Option<&Dated> {
        self.last_entry
            .iter()
            .chain(&self.later)
            .filter(|d| d.date <= today)
            .fold(None, |best: Option<&Dated>, d| {
                if best.is_none_or(|b| d.date > b.date) {
                    Some(d)
                } else {
                    best
                }
            })
    }

    /// The latest of the `last_contact` field and past log dates.
    pub(crate) fn last_contact_on(&self, today: NaiveDate) -> Option<NaiveDate> {
        let logged = self.last_entry_on(today).map(|d| d.date);
        let field = self.fields.date(Field::LastContact).filter(|d| *d <= today);
        logged.max(field)
    }

    /// The person's name.
    pub fn name(&self) -> &str {
        self.fields.name()
    }

    /// The person's name, then their file name when `with_file` (the
    /// note's file name without `.md`), then their aliases.
    pub(crate) fn names(&self, with_file: bool) -> impl Iterator<Item = &str> {
        std::iter::once(self.name())
            .chain(with_file.then(|| crate::note::file_stem(&self.path)))
            .chain(self.fields.list(Field::Aliases).iter().map(String::as_str))
    }

    /// Whether the person has `tag` (case and a leading `#` ignored), or a
    /// tag nested in it (`client/active` has `client`).
    pub(crate) fn has_tag(&self, tag: &str) -> bool {
        let tag = tag.trim_start_matches('#').to_lowercase();
        self.fields
            .list(Field::Tags)
            .iter()
            .flat_map(|t| tag_and_parents(t))
            .any(|t| t.to_lowercase() == tag)
    }
}

/// The summary of the note `text` at `people/NAME.md` on 2026-11-24, with
/// the default kinds of outing: for tests.
#[cfg(test)]
pub(crate) fn of_note(name: &str, text: &str) -> Summary {
    let path = format!("people/{name}.md");
    match crate::note::parse(&path, text.as_bytes()) {
        crate::note::Parsed::Person(person) => {
            let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default();
            Summary::of(&person, &Config::default(), day)
        }
        other => panic!("not a person: {other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::cadence::parse_date;
    use crate::note::{Parsed, parse};

    fn day(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    fn summary(text: &str, as_of: &str) -> Summary {
        match parse("people/P.md", text.as_bytes()) {
            Parsed::Person(p) => Summary::of(&p, &Config::default(), day(as_of)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn splits_the_log_on_as_of() {
        let s = summary(
            "- 2026-12-05 Later dinner\n- 2026-12-01 Planned call\n- [x] 2026-11-10 Sent deck\n- 2026-11-01 Coffee\n- [ ] 2026-11-15 Send notes\n",
            "2026-11-24",
        );
        assert_eq!(s.last_entry.as_ref().unwrap().text, "Sent deck");
        let later: Vec<&str> = s.later.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(later, ["Planned call", "Later dinner"]);
        assert_eq!(s.promises.len(), 1);
        assert_eq!(
            s.last_contact_on(day("2026-11-24")),
            Some(day("2026-11-10"))
        );
        assert_eq!(
            s.last_contact_on(day("2026-12-02")),
            Some(day("2026-12-01"))
        );
        assert_eq!(
            s.last_entry_on(day("2026-12-31")).map(|d| d.text.as_str()),
            Some("Later dinner")
        );
    }

    #[test]
    fn same_day_entries_keep_the_first_written() {
        let s = summary(
            "- 2026-11-02 Second call\n- 2026-11-02 First call\n",
            "2026-11-24",
        );
        assert_eq!(s.last_entry.unwrap().text, "Second call");
    }

    #[test]
    fn future_last_contact_field_is_ignored_until_its_day() {
        let s = summary("---\nlast_contact: 2026-12-01\n---\n", "2026-11-24");
        assert_eq!(s.last_contact_on(day("2026-11-24")), None);
        assert_eq!(
            s.last_contact_on(day("2026-12-01")),
            Some(day("2026-12-01"))
        );
    }

    #[test]
    fn long_texts_are_shortened_on_a_character_boundary() {
        let long = "é".repeat(300);
        let s = summary(&format!("- 2026-11-02 {long}\n"), "2026-11-24");
        let text = s.last_entry.unwrap().text;
        assert_eq!(text.chars().count(), MAX_TEXT_CHARS + 1);
        assert!(text.ends_with('…'));
    }

    #[test]
    fn taking_a_person_gives_their_summary_and_body() {
        let text = "---\nname: Zoë\norg: Acme\ncadence: 6w\nbirthday: 1990-02-30\n---\ncompany:: Other Co\n\
                    Body with [[Ada]].\n- 2026-12-02 Lunch\n- 2026-11-02 ← Coffee\n- [ ] 2026-11-20 Send\n";
        let Parsed::Person(person) = parse("people/Zoë.md", text.as_bytes()) else {
            panic!("a person");
        };
        let config = Config::default();
        let of = Summary::of(&person, &config, day("2026-11-24"));
        let body = person.body.clone();
        assert!(!of.problems.is_empty() && !of.hints.is_empty(), "{of:?}");
        assert_eq!(
            Summary::taking(*person, &config, day("2026-11-24")),
            (of, body)
        );
    }

    #[test]
    fn summaries_round_trip_through_postcard() {
        let s = summary(
            "---\nname: Zoë\ncadence: 6w\nbirthday: --02-29\ntags: [a]\n---\n- 2026-11-02 Coffee\n- [ ] 2026-11-20 Send\n",
            "2026-11-24",
        );
        let bytes = postcard::to_stdvec(&s).unwrap();
        let back: Summary = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, s);
    }
}
