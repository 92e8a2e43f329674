//! When each person is due: the effective cadence (note, tag or default),
//! last contact, snooze and archive, all computed for a given `today`.

use chrono::NaiveDate;

use crate::note::cadence::Cadence;
use crate::note::fields::{Field, FieldValues};
use crate::note::summary::Summary;
use crate::vault::config::Config;

/// Where a person stands on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// `archived: true`: never due.
    Archived,
    /// No cadence from the note, its tags or the default: never due.
    NoCadence,
    /// A cadence and no contact at all.
    NeverContacted,
    /// Never contacted, but snoozed until this date.
    SnoozedUntil(NaiveDate),
    /// Next contact is due on this date (before today: overdue).
    On(NaiveDate),
}

/// What set a due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueFrom {
    /// The last contact and the cadence.
    Cadence,
    /// The note's own next-contact date (`next_contact`, `next_follow_up`,
    /// …), earlier than the cadence's or without one.
    NextContact,
    /// `snooze_until`, later than the rest.
    Snooze,
}

/// A person's schedule on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    /// The cadence that applies: the note's, its tags' or the default.
    pub cadence: Option<Cadence>,
    /// The latest of the `last_contact` field and past log dates.
    pub last_contact: Option<NaiveDate>,
    /// Where the person stands.
    pub due: Due,
    /// What set the due date, when there is one.
    pub from: Option<DueFrom>,
}

/// The cadence that applies: the note's own, else the most frequent of its
/// tags' cadences (a nested tag, `coi/close`, counts as its parent too),
/// else the config default.
pub(crate) fn effective_cadence(person: &Summary, config: &Config) -> Option<Cadence> {
    person.fields.cadence().or_else(|| {
        person
            .fields
            .list(Field::Tags)
            .iter()
            .flat_map(|tag| tag_and_parents(tag))
            .filter_map(|tag| config.cadence_by_tag.get(&tag.to_lowercase()))
            .min_by_key(|cadence| cadence.approx_days())
            .copied()
            .or(config.default_cadence)
    })
}

/// A tag and every tag it is nested in: `client/active/eu`,
/// `client/active`, `client`.
pub(crate) fn tag_and_parents(tag: &str) -> impl Iterator<Item = &str> {
    std::iter::once(tag).chain(tag.rmatch_indices('/').map(move |(at, _)| &tag[..at]))
}

impl Status {
    /// Where `person` stands on `today` under `config`. The due date is
    /// the last contact plus the cadence, or the note's own next-contact
    /// date when that is earlier (or there is no cadence), and not before
    /// a snooze. A next-contact date is kept once a contact is made on or
    /// after it.
    pub fn of(person: &Summary, config: &Config, today: NaiveDate) -> Status {
        let cadence = effective_cadence(person, config);
        let last_contact = person.last_contact_on(today);
        let snooze = person.fields.date(Field::SnoozeUntil);
        let next = person
            .fields
            .date(Field::NextContact)
            .filter(|next| last_contact.is_none_or(|last| last < *next));
        let by_cadence = cadence
            .zip(last_contact)
            .map(|(cadence, last)| cadence.after(last).unwrap_or(NaiveDate::MAX));
        let planned = match (by_cadence, next) {
            (Some(by_cadence), Some(next)) if next < by_cadence => {
                Some((next, DueFrom::NextContact))
            }
            (Some(by_cadence), _) => Some((by_cadence, DueFrom::Cadence)),
            (None, Some(next)) => Some((next, DueFrom::NextContact)),
            (None, None) => None,
        };
        let (due, from) = match (person.fields.flag(Field::Archived), planned, cadence) {
            (true, _, _) => (Due::Archived, None),
            (false, Some((date, from)), _) => match snooze {
                Some(until) if until > date => (Due::On(until), Some(DueFrom::Snooze)),
                _ => (Due::On(date), Some(from)),
            },
            (false, None, None) => (Due::NoCadence, None),
            (false, None, Some(_)) => match snooze {
                Some(until) if until > today => (Due::SnoozedUntil(until), Some(DueFrom::Snooze)),
                _ => (Due::NeverContacted, None),
            },
        };
        Status {
            cadence,
            last_contact,
            due,
            from,
        }
    }

    /// The key of the note's own next-contact date when that set the due
    /// date (`next_follow_up`, as the note spells it): for saying where a
    /// date came from.
    pub fn set_by<'a>(&self, person: &'a FieldValues) -> Option<&'a str> {
        (self.from == Some(DueFrom::NextContact)).then(|| person.spelling(Field::NextContact))
    }

    /// The due date, when there is one (snoozed: the end of the snooze).
    pub(crate) fn due_date(&self) -> Option<NaiveDate> {
        match self.due {
            Due::On(date) | Due::SnoozedUntil(date) => Some(date),
            _ => None,
        }
    }

    /// Days past the due date, when overdue.
    pub fn days_overdue(&self, today: NaiveDate) -> Option<i64> {
        match self.due {
            Due::On(date) if date < today => Some((today - date).num_days()),
            _ => None,
        }
    }

    /// Due today or within `days` days (not yet overdue).
    pub(crate) fn is_due_within(&self, today: NaiveDate, days: u32) -> bool {
        match self.due {
            Due::On(date) => date >= today && (date - today).num_days() <= i64::from(days),
            _ => false,
        }
    }

    /// One word for programs: overdue, due, never_contacted, snoozed,
    /// no_cadence or archived.
    pub fn kind(&self, today: NaiveDate) -> &'static str {
        match self.due {
            Due::Archived => "archived",
            Due::NoCadence => "no_cadence",
            Due::NeverContacted => "never_contacted",
            Due::SnoozedUntil(_) => "snoozed",
            Due::On(date) if date < today => "overdue",
            Due::On(_) => "due",
        }
    }

    /// One phrase for people: "overdue 3 days", "due 2026-12-01 (in 7 days)".
    pub fn describe(&self, today: NaiveDate) -> String {
        match self.due {
            Due::Archived => "archived".into(),
            Due::NoCadence => "no cadence".into(),
            Due::NeverContacted => "never contacted".into(),
            Due::SnoozedUntil(date) => format!("snoozed until {date}"),
            Due::On(date) if date < today => {
                format!("overdue {}", days((today - date).num_days()))
            }
            Due::On(date) if date == today => "due today".into(),
            Due::On(date) => format!("due {date} (in {})", days((date - today).num_days())),
        }
    }
}

/// Whether `person` is never due on `today` under `config`: not archived,
/// without a cadence (from the note, a tag or the default) and without a
/// next-contact date to keep.
pub(crate) fn never_due(person: &Summary, config: &Config, today: NaiveDate) -> bool {
    Status::of(person, config, today).due == Due::NoCadence
}

/// "1 day", "12 days".
pub fn days(count: i64) -> String {
    if count == 1 {
        "1 day".into()
    } else {
        format!("{count} days")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::cadence::parse_date;
    use crate::note::summary::Summary;
    use crate::note::{Parsed, parse};

    fn day(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    fn person(text: &str) -> Summary {
        summary_on(text, "2026-11-24")
    }

    fn summary_on(text: &str, as_of: &str) -> Summary {
        match parse("people/P.md", text.as_bytes()) {
            Parsed::Person(p) => {
                Summary::of(&p, &crate::vault::config::Config::default(), day(as_of))
            }
            other => panic!("{other:?}"),
        }
    }

    fn status(text: &str, config: &Config, today: &str) -> Status {
        Status::of(&summary_on(text, today), config, day(today))
    }

    #[test]
    fn due_is_last_contact_plus_cadence() {
        let s = status(
            "---\ncadence: monthly\n---\n- 2026-01-31 Call\n",
            &Config::default(),
            "2026-03-05",
        );
        assert_eq!(s.due, Due::On(day("2026-02-28")));
        assert_eq!(s.days_overdue(day("2026-03-05")), Some(5));
    }

    #[test]
    fn latest_of_field_and_log_wins() {
        let s = status(
            "---\ncadence: weekly\nlast_contact: 2026-11-20\n---\n- 2026-11-02 Call\n",
            &Config::default(),
            "2026-11-24",
        );
        assert_eq!(s.last_contact, Some(day("2026-11-20")));
        assert_eq!(s.due, Due::On(day("2026-11-27")));
        assert!(s.is_due_within(day("2026-11-24"), 7));
        assert!(!s.is_due_within(day("2026-11-24"), 2));
    }

    #[test]
    fn snooze_later_than_due_pushes_it_and_earlier_does_not() {
        let later = status(
            "---\ncadence: weekly\nsnooze_until: 2026-12-15\n---\n- 2026-10-01 Call\n",
            &Config::default(),
            "2026-11-24",
        );
        assert_eq!(later.due, Due::On(day("2026-12-15")));
        assert_eq!(later.days_overdue(day("2026-11-24")), None);
        let earlier = status(
            "---\ncadence: weekly\nsnooze_until: 2026-10-02\n---\n- 2026-10-01 Call\n",
            &Config::default(),
            "2026-11-24",
        );
        assert_eq!(earlier.due, Due::On(day("2026-10-08")));
    }

    #[test]
    fn archived_and_cadenceless_are_never_due() {
        let archived = status(
            "---\ncadence: weekly\narchived: true\n---\n- 2020-01-01 Call\n",
            &Config::default(),
            "2026-11-24",
        );
        assert_eq!(archived.due, Due::Archived);
        let none = status("- 2020-01-01 Call\n", &Config::default(), "2026-11-24");
        assert_eq!(none.due, Due::NoCadence);
    }

    #[test]
    fn never_contacted_unless_snoozed() {
        let never = status(
            "---\ncadence: weekly\n---\n",
            &Config::default(),
            "2026-11-24",
        );
        assert_eq!(never.due, Due::NeverContacted);
        let snoozed = status(
            "---\ncadence: weekly\nsnooze_until: 2026-12-01\n---\n",
            &Config::default(),
            "2026-11-24",
        );
        assert_eq!(snoozed.due, Due::SnoozedUntil(day("2026-12-01")));
        let open_promise_only = status(
            "---\ncadence: weekly\n---\n- [ ] 2026-11-01 Send deck\n- 2026-12-01 Planned\n",
            &Config::default(),
            "2026-11-24",
        );
        assert_eq!(open_promise_only.due, Due::NeverContacted);
    }

    #[test]
    fn tag_cadence_applies_only_without_the_notes_own() {
        let config = Config::parse(
            "default_cadence: yearly\ncadence_by_tag:\n  coi: weekly\n  client: monthly\n",
        )
        .unwrap();
        let by_tag = person("---\ntags: [client, coi]\n---\n");
        assert_eq!(effective_cadence(&by_tag, &config), Some(Cadence::Weeks(1)));
        let own = person("---\ntags: [coi]\ncadence: quarterly\n---\n");
        assert_eq!(effective_cadence(&own, &config), Some(Cadence::Months(3)));
        let default = person("---\ntags: [friend]\n---\n");
        assert_eq!(
            effective_cadence(&default, &config),
            Some(Cadence::Years(1))
        );
    }

    #[test]
    fn a_next_contact_date_earlier_than_the_cadence_sets_the_due_date() {
        let config = Config::default();
        let earlier = status(
            "---\ncadence: quarterly\nnext_follow_up: 2026-11-20\n---\n- 2026-10-01 Call\n",
            &config,
            "2026-11-24",
        );
        assert_eq!(earlier.due, Due::On(day("2026-11-20")));
        assert_eq!(earlier.from, Some(DueFrom::NextContact));
        let summary = summary_on("---\nnextContact: 2026-11-20\n---\n", "2026-11-24");
        let alone = Status::of(&summary, &config, day("2026-11-24"));
        assert_eq!(alone.due, Due::On(day("2026-11-20")));
        assert_eq!(alone.set_by(&summary.fields), Some("nextContact"));
        assert_eq!(alone.days_overdue(day("2026-11-24")), Some(4));
        let later = status(
            "---\ncadence: weekly\nnext_contact: 2026-12-20\n---\n- 2026-11-20 Call\n",
            &config,
            "2026-11-24",
        );
        assert_eq!(later.due, Due::On(day("2026-11-27")));
        assert_eq!(later.from, Some(DueFrom::Cadence));
        let never = status(
            "---\ncadence: weekly\nnext_contact: 2026-12-01\n---\n",
            &config,
            "2026-11-24",
        );
        assert_eq!(never.due, Due::On(day("2026-12-01")));
    }

    #[test]
    fn a_next_contact_date_is_kept_by_a_contact_on_or_after_it() {
        let config = Config::default();
        let kept = status(
            "---\nnext_contact: 2026-11-20\n---\n- 2026-11-20 Call\n",
            &config,
            "2026-11-24",
        );
        assert_eq!(kept.due, Due::NoCadence);
        let with_cadence = status(
            "---\ncadence: monthly\nnext_contact: 2026-11-20\n---\n- 2026-11-22 Call\n",
            &config,
            "2026-11-24",
        );
        assert_eq!(with_cadence.due, Due::On(day("2026-12-22")));
        let snoozed = status(
            "---\nnext_contact: 2026-11-20\nsnooze_until: 2026-12-01\n---\n",
            &config,
            "2026-11-24",
        );
        assert_eq!(snoozed.due, Due::On(day("2026-12-01")));
        assert_eq!(snoozed.from, Some(DueFrom::Snooze));
        let archived = status(
            "---\nnext_contact: 2026-11-20\nactive: false\n---\n",
            &config,
            "2026-11-24",
        );
        assert_eq!(archived.due, Due::Archived);
    }

    #[test]
    fn a_nested_tag_takes_its_parents_cadence() {
        let config = Config::parse("cadence_by_tag:\n  client: monthly\n").unwrap();
        let nested = person("---\ntags: [client/active]\n---\n");
        assert_eq!(
            effective_cadence(&nested, &config),
            Some(Cadence::Months(1))
        );
        let in_body = person("# P\n\n#client/eu/north\n");
        assert_eq!(
            effective_cadence(&in_body, &config),
            Some(Cadence::Months(1))
        );
        let prefix_only = person("---\ntags: [clientele]\n---\n");
        assert_eq!(effective_cadence(&prefix_only, &config), None);
    }

    #[test]
    fn describe_reads_naturally() {
        let s = status(
            "---\ncadence: weekly\n---\n- 2026-11-16 Call\n",
            &Config::default(),
            "2026-11-21",
        );
        assert_eq!(s.describe(day("2026-11-24")), "overdue 1 day");
        assert_eq!(s.describe(day("2026-11-23")), "due today");
        assert_eq!(s.describe(day("2026-11-21")), "due 2026-11-23 (in 2 days)");
    }
}
