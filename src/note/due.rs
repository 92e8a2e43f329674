//! When each person is due: the effective cadence (note, tag or default),
//! last contact, snooze and archive, all computed for a given `today`.

use chrono::NaiveDate;

use crate::note::cadence::Cadence;
use crate::note::fields::Field;
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

/// A person's schedule on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    /// The cadence that applies: the note's, its tags' or the default.
    pub cadence: Option<Cadence>,
    /// The latest of the `last_contact` field and past log dates.
    pub last_contact: Option<NaiveDate>,
    /// Where the person stands.
    pub due: Due,
}

/// The cadence that applies: the note's own, else the most frequent of its
/// tags' cadences, else the config default.
pub(crate) fn effective_cadence(person: &Summary, config: &Config) -> Option<Cadence> {
    person.fields.cadence().or_else(|| {
        person
            .fields
            .list(Field::Tags)
            .iter()
            .filter_map(|tag| config.cadence_by_tag.get(&tag.to_lowercase()))
            .min_by_key(|cadence| cadence.approx_days())
            .copied()
            .or(config.default_cadence)
    })
}

impl Status {
    /// Where `person` stands on `today` under `config`.
    pub fn of(person: &Summary, config: &Config, today: NaiveDate) -> Status {
        let cadence = effective_cadence(person, config);
        let last_contact = person.last_contact_on(today);
        let snooze = person.fields.date(Field::SnoozeUntil);
        let due = match (person.fields.flag(Field::Archived), cadence, last_contact) {
            (true, _, _) => Due::Archived,
            (false, None, _) => Due::NoCadence,
            (false, Some(_), None) => match snooze {
                Some(until) if until > today => Due::SnoozedUntil(until),
                _ => Due::NeverContacted,
            },
            (false, Some(cadence), Some(last)) => {
                let next = cadence.after(last).unwrap_or(NaiveDate::MAX);
                Due::On(snooze.map_or(next, |until| next.max(until)))
            }
        };
        Status {
            cadence,
            last_contact,
            due,
        }
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
            Parsed::Person(p) => Summary::of(&p, day(as_of)),
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
