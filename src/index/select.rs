//! Reading only the people a command needs: the report and `check` ask
//! fast fields for everyone who *may* appear (due by a day, never
//! contacted, open promises, a birthday in a window, problems, due an
//! outing) and read just those records; the exact status is computed from
//! them after.

use std::ops::Bound;

use chrono::{Datelike, Days, NaiveDate};
use tantivy::Term;
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, FuzzyTermQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

use super::schema::{Record, day_number};
use super::{IndexError, Snapshot};
use crate::note::file_stem;
use crate::resolve::same_name;
use crate::vault::config::Config;

/// Birthdays a command needs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Birthdays {
    /// None at all.
    #[default]
    None,
    /// Celebrated from the first day for this many more days.
    Within(NaiveDate, u32),
    /// Every one.
    All,
}

/// Which people a command needs; anyone else may be left unread.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Wanted {
    /// Due on or before this day (so the overdue too).
    pub(crate) due_by: Option<NaiveDate>,
    /// With a cadence and no contact yet (snoozed or not).
    pub(crate) never_contacted: bool,
    /// With open promises.
    pub(crate) promises: bool,
    /// With a birthday in the window.
    pub(crate) birthdays: Birthdays,
    /// With problems, and unreadable files.
    pub(crate) problems: bool,
    /// And what `check` says of links to people (names several people
    /// share, near misses).
    pub(crate) hints: bool,
    /// Who matters most and is due an outing on or before this day.
    pub(crate) outings_by: Option<NaiveDate>,
}

impl Wanted {
    /// Everyone the follow-up report may show on `today`.
    pub fn report(config: &Config, today: NaiveDate) -> Wanted {
        Wanted {
            due_by: Some(after(today, config.due_soon_days)),
            never_contacted: true,
            promises: true,
            birthdays: Birthdays::Within(today, config.birthday_window_days),
            problems: true,
            hints: false,
            outings_by: Some(today),
        }
    }

    /// Everyone the calendar feed may show: every birthday, whoever is due
    /// within `days` days, and open promises.
    pub fn calendar(today: NaiveDate, days: u32) -> Wanted {
        Wanted {
            due_by: Some(after(today, days)),
            never_contacted: true,
            promises: true,
            birthdays: Birthdays::All,
            problems: false,
            hints: false,
            outings_by: None,
        }
    }

    /// Everyone with a problem, and the hints about links.
    pub fn problems() -> Wanted {
        Wanted {
            problems: true,
            hints: true,
            ..Wanted::default()
        }
    }

    /// Everyone either wants.
    pub fn or(self, other: Wanted) -> Wanted {
        Wanted {
            due_by: self.due_by.max(other.due_by),
            never_contacted: self.never_contacted || other.never_contacted,
            promises: self.promises || other.promises,
            birthdays: match (self.birthdays, other.birthdays) {
                (Birthdays::All, _) | (_, Birthdays::All) => Birthdays::All,
                (Birthdays::None, b) | (b, Birthdays::None) => b,
                // Two windows: one covering both, a superset.
                (Birthdays::Within(a, m), Birthdays::Within(b, n)) => {
                    let from = a.min(b);
                    let to = after(a, m).max(after(b, n));
                    let days = u32::try_from((to - from).num_days()).unwrap_or(u32::MAX);
                    Birthdays::Within(from, days)
                }
            },
            problems: self.problems || other.problems,
            hints: self.hints || other.hints,
            outings_by: self.outings_by.max(other.outings_by),
        }
    }
}

fn after(day: NaiveDate, days: u32) -> NaiveDate {
    day.checked_add_days(Days::new(days.into()))
        .unwrap_or(NaiveDate::MAX)
}

/// A birthday as the number `MMDD`, which orders like the calendar year.
pub(super) fn month_day(month: u32, day: u32) -> u64 {
    u64::from(month * 100 + day)
}

/// The `MMDD` ranges of the birthdays celebrated in `days` days from
/// `from`, as (first, last) pairs; a 29 February birthday counts where 28
/// February is in range, as in years without it.
fn birthday_ranges(from: NaiveDate, days: u32) -> Vec<(u64, u64)> {
    if days >= 365 {
        return vec![(0, u64::MAX)];
    }
    let to = after(from, days);
    let start = month_day(from.month(), from.day());
    let mut end = month_day(to.month(), to.day());
    if end == month_day(2, 28) {
        end = month_day(2, 29);
    }
    if from.year() == to.year() {
        vec![(start, end)]
    } else {
        vec![(start, month_day(12, 31)), (month_day(1, 1), end)]
    }
}

/// Documents with `field` at 1 or more.
pub(super) fn at_least_one(field: Field) -> Box<dyn Query> {
    Box::new(RangeQuery::new(
        Bound::Included(Term::from_field_u64(field, 1)),
        Bound::Unbounded,
    ))
}

impl Snapshot {
    /// The records of everyone `wanted` may include (a superset: the caller
    /// computes the exact status), the overlay's in place of the index's.
    pub(crate) fn select(&self, wanted: &Wanted) -> Result<Vec<Record>, IndexError> {
        let fields = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (day, field) in [
            (wanted.due_by, fields.due),
            (wanted.outings_by, fields.outing_due),
        ] {
            let Some(day) = day else { continue };
            clauses.push((
                Occur::Should,
                Box::new(RangeQuery::new(
                    Bound::Unbounded,
                    Bound::Included(Term::from_field_i64(field, day_number(day))),
                )),
            ));
        }
        for (wanted, field) in [
            (wanted.never_contacted, fields.never),
            (wanted.promises, fields.promises),
            (wanted.problems, fields.problems),
        ] {
            if wanted {
                clauses.push((Occur::Should, at_least_one(field)));
            }
        }
        let ranges = match wanted.birthdays {
            Birthdays::None => Vec::new(),
            Birthdays::All => vec![(0, u64::MAX)],
            Birthdays::Within(from, days) => birthday_ranges(from, days),
        };
        for (first, last) in ranges {
            clauses.push((
                Occur::Should,
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_u64(fields.birthday, first)),
                    Bound::Included(Term::from_field_u64(fields.birthday, last)),
                )),
            ));
        }
        if clauses.is_empty() {
            return self.records_at(Vec::new());
        }
        let found = self
            .searcher
            .search(&BooleanQuery::new(clauses), &DocSetCollector)
            .map_err(|source| self.error(source))?;
        self.records_at(found.into_iter().collect())
    }

    /// How many notes have `field` set in the index, the overlay's in place
    /// of the index's (an overlay record counts when `counts` says so).
    pub(crate) fn count(
        &self,
        field: Field,
        counts: impl Fn(&Record) -> bool,
    ) -> Result<usize, IndexError> {
        let in_index = self
            .searcher
            .search(&*at_least_one(field), &Count)
            .map_err(|source| self.error(source))?;
        let mut hidden = 0;
        for path in &self.hidden {
            let query = BooleanQuery::new(vec![
                (
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_text(self.fields.path, path),
                        IndexRecordOption::Basic,
                    )) as Box<dyn Query>,
                ),
                (Occur::Must, at_least_one(field)),
            ]);
            hidden += self
                .searcher
                .search(&query, &Count)
                .map_err(|source| self.error(source))?;
        }
        let overlay = self.overlay.iter().filter(|r| counts(r)).count();
        Ok(in_index - hidden.min(in_index) + overlay)
    }
}

/// Most people offered as near misses for a name that matches no one.
const MAX_NEAR: usize = 200;

impl Snapshot {
    /// Everyone a command-line NAME may mean, for `resolve` to choose
    /// from: people with a name, alias or file name each of whose words
    /// starts a word of NAME (of its last path component, for a path);
    /// failing that, people whose names are a typo or two away. A superset:
    /// the exact rules are `resolve`'s.
    pub(crate) fn named(&self, name: &str) -> Result<Vec<Record>, IndexError> {
        let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let stem = stem
            .strip_suffix(".md")
            .or_else(|| stem.strip_suffix(".MD"))
            .unwrap_or(stem);
        let words = self.name_words(stem)?;
        if words.is_empty() {
            return self.by_file_name(stem);
        }
        let fields = &self.fields;
        let all_start = |field, distance| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(
                words
                    .iter()
                    .map(|word| {
                        let term = Term::from_field_text(field, word);
                        let query: Box<dyn Query> =
                            Box::new(FuzzyTermQuery::new_prefix(term, distance, true));
                        (Occur::Must, query)
                    })
                    .collect(),
            ))
        };
        let mut found = self
            .searcher
            .search(&*all_start(fields.name, 0), &DocSetCollector)
            .map_err(|source| self.error(source))?;
        if found.is_empty() {
            let near = BooleanQuery::new(
                words
                    .iter()
                    .map(|word| {
                        let term = Term::from_field_text(fields.name, word);
                        let query: Box<dyn Query> = Box::new(FuzzyTermQuery::new(term, 2, true));
                        (Occur::Should, query)
                    })
                    .collect(),
            );
            found = self
                .searcher
                .search(&near, &TopDocs::with_limit(MAX_NEAR).order_by_score())
                .map_err(|source| self.error(source))?
                .into_iter()
                .map(|(_, address)| address)
                .collect();
        }
        self.records_at(found.into_iter().collect())
    }

    /// People whose file name is `stem` but for case, accents and spacing:
    /// those a name without words (`---`, `🎉`) means, found by going
    /// through the indexed paths.
    fn by_file_name(&self, stem: &str) -> Result<Vec<Record>, IndexError> {
        let mut paths = Vec::new();
        for segment in self.searcher.segment_readers() {
            let index = segment
                .inverted_index(self.fields.path)
                .map_err(|source| self.error(source))?;
            let mut terms = index
                .terms()
                .stream()
                .map_err(|source| self.error(source.into()))?;
            while terms.advance() {
                if let Ok(path) = std::str::from_utf8(terms.key())
                    && same_name(file_stem(path), stem)
                {
                    paths.push(path.to_string());
                }
            }
        }
        let mut found = Vec::new();
        for path in paths {
            let query = TermQuery::new(
                Term::from_field_text(self.fields.path, &path),
                IndexRecordOption::Basic,
            );
            found.extend(
                self.searcher
                    .search(&query, &DocSetCollector)
                    .map_err(|source| self.error(source))?,
            );
        }
        self.records_at(found)
    }

    /// `text` split and folded as names are in the index.
    fn name_words(&self, text: &str) -> Result<Vec<String>, IndexError> {
        let mut analyzer = self
            .searcher
            .index()
            .tokenizer_for_field(self.fields.name)
            .map_err(|source| self.error(source))?;
        let mut stream = analyzer.token_stream(text);
        let mut words = Vec::new();
        while stream.advance() {
            words.push(stream.token().text.clone());
        }
        Ok(words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn birthday_ranges_wrap_the_year_and_keep_leap_days() {
        assert_eq!(birthday_ranges(day("2026-11-24"), 14), [(1124, 1208)]);
        assert_eq!(
            birthday_ranges(day("2026-12-24"), 14),
            [(1224, 1231), (101, 107)]
        );
        // 28 February ends the window in a common year: 29 February
        // birthdays are celebrated then.
        assert_eq!(birthday_ranges(day("2027-02-20"), 8), [(220, 229)]);
        assert_eq!(birthday_ranges(day("2026-01-01"), 400), [(0, u64::MAX)]);
    }

    #[test]
    fn wants_combine_into_a_superset() {
        let report = Wanted {
            due_by: Some(day("2026-12-01")),
            birthdays: Birthdays::Within(day("2026-11-24"), 14),
            ..Wanted::default()
        };
        let both = report.or(Wanted::problems());
        assert!(both.problems);
        assert_eq!(both.due_by, Some(day("2026-12-01")));
        let outings = both.or(Wanted {
            outings_by: Some(day("2026-11-24")),
            ..Wanted::default()
        });
        assert_eq!(outings.outings_by, Some(day("2026-11-24")));
        assert_eq!(outings.due_by, Some(day("2026-12-01")));
        let windows = report.or(Wanted {
            birthdays: Birthdays::Within(day("2026-11-20"), 30),
            ..Wanted::default()
        });
        assert_eq!(windows.birthdays, Birthdays::Within(day("2026-11-20"), 30));
        assert_eq!(
            report
                .or(Wanted {
                    birthdays: Birthdays::All,
                    ..Wanted::default()
                })
                .birthdays,
            Birthdays::All
        );
    }
}
