//! Who matters most (config `outing_for`: a tag or a priority): they are
//! taken out at least once a year (who was not, most overdue first, each
//! with an idea from their interests) and have a clear purpose (a hint for
//! whoever has none).

use chrono::{Months, NaiveDate};

use crate::index::words;
use crate::note::Person;
use crate::note::due::tag_and_parents;
use crate::note::fields::{Field, FieldValues};
use crate::note::problem::Problem;
use crate::note::summary::Summary;
use crate::note::ties::Outing;
use crate::vault::config::{Config, MattersMost, Outings};

/// Why a person with `fields` matters most under `who`: `tag coi` (a
/// tag nested in it counts, `coi/tech`), `priority A`.
pub fn matters_most(fields: &FieldValues, who: &MattersMost) -> Option<String> {
    let same = |a: &str, b: &str| {
        a.eq_ignore_ascii_case(b) || (!a.is_ascii() && crate::text::fold(a) == crate::text::fold(b))
    };
    let tags = fields.list(Field::Tags);
    let tagged = |wanted: &&String| {
        tags.iter()
            .flat_map(|tag| tag_and_parents(tag))
            .any(|tag| same(tag, wanted))
    };
    if let Some(tag) = who.tags.iter().find(tagged) {
        return Some(format!("tag {tag}"));
    }
    let priority = fields.text(Field::Priority)?.trim();
    who.priorities
        .iter()
        .find(|wanted| same(priority, wanted))
        .map(|_| format!("priority {priority}"))
}

/// The hint for `person` when they matter most and have no purpose: the
/// relationship needs a reason to be kept up.
pub(crate) fn purpose_hint(person: &Person, who: &MattersMost) -> Option<Problem> {
    let fields = &person.fields;
    if fields.text(Field::Purpose).is_some() || fields.flag(Field::Archived) {
        return None;
    }
    let why = matters_most(fields, who)?;
    Some(Problem::new(
        &person.path,
        1,
        format!(
            "{} matters most ({why}) and has no purpose: a clear purpose is the base of \
             the connection; say in 'purpose:' why this relationship matters",
            person.name()
        ),
    ))
}

/// When `person` is next due an outing under `who`: twelve months after
/// their last one, or any day when they never had one; `None` when they
/// do not matter most or are archived.
pub(crate) fn outing_due(person: &Summary, who: &MattersMost) -> Option<NaiveDate> {
    if person.fields.flag(Field::Archived) {
        return None;
    }
    matters_most(&person.fields, who)?;
    Some(match &person.ties.last_outing {
        Some(outing) => outing
            .at
            .date
            .checked_add_months(Months::new(12))
            .unwrap_or(NaiveDate::MAX),
        None => NaiveDate::MIN,
    })
}

/// Someone who matters most, not taken out in the last twelve months.
#[derive(Debug, Clone)]
pub struct NotTakenOut<'a> {
    /// Who.
    pub person: &'a Summary,
    /// Their last outing, older than a year; `None`: none logged.
    pub last: Option<&'a Outing>,
    /// The kinds of outing their interests mention (`coffee` for
    /// "single-origin coffee").
    pub ideas: Vec<String>,
}

/// Everyone of `people` who matters most, is neither archived nor snoozed
/// on `today`, and had no outing in the twelve months up to `today`: those
/// never taken out first, then the longest since, then by name.
pub fn not_taken_out<'a>(
    people: impl IntoIterator<Item = &'a Summary>,
    config: &Config,
    today: NaiveDate,
) -> Vec<NotTakenOut<'a>> {
    let mut found: Vec<NotTakenOut> = people
        .into_iter()
        .filter(|p| outing_due(p, &config.outing_for).is_some_and(|due| due <= today))
        .filter(|p| {
            p.fields
                .date(Field::SnoozeUntil)
                .is_none_or(|until| until <= today)
        })
        .map(|person| NotTakenOut {
            person,
            last: person.ties.last_outing.as_ref(),
            ideas: ideas(person, &config.outings),
        })
        .collect();
    found.sort_by(|a, b| {
        let since = |n: &NotTakenOut| n.last.map(|o| o.at.date);
        since(a)
            .cmp(&since(b))
            .then_with(|| a.person.name().cmp(b.person.name()))
    });
    found
}

/// The kinds of outing `person`'s interests mention, in the order of the
/// interests: "single-origin coffee" suggests `coffee`, "golf" `golf`.
pub fn ideas(person: &Summary, outings: &Outings) -> Vec<String> {
    let mut ideas: Vec<String> = Vec::new();
    for interest in person.fields.list(Field::Interests) {
        for word in words::words(interest) {
            if let Some((kind, _)) = outings
                .stemmed()
                .find(|(_, stems)| stems.contains(&word.stem))
                && !ideas.iter().any(|idea| idea == kind)
            {
                ideas.push(kind.to_string());
            }
        }
    }
    ideas
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::cadence::parse_ymd;
    use crate::note::summary::of_note as summary;

    fn day(text: &str) -> NaiveDate {
        parse_ymd(text).unwrap()
    }

    #[test]
    fn who_matters_most_by_tag_or_priority() {
        let who = MattersMost::default();
        let coi = summary("A", "---\ntags: ['#COI/tech']\n---\n");
        assert_eq!(matters_most(&coi.fields, &who).as_deref(), Some("tag coi"));
        let a = summary("B", "---\npriority: a\n---\n");
        assert_eq!(matters_most(&a.fields, &who).as_deref(), Some("priority a"));
        assert_eq!(
            matters_most(&summary("C", "---\npriority: B\n---\n").fields, &who),
            None
        );
    }

    #[test]
    fn who_matters_most_without_a_purpose_gets_a_hint() {
        let hints = summary("Ada", "---\npriority: A\n---\n").hints;
        let [hint] = &hints[..] else {
            panic!("one hint: {hints:?}")
        };
        assert_eq!(hint.path, "people/Ada.md");
        assert!(
            hint.message
                .starts_with("Ada matters most (priority A) and has no purpose")
        );
        for quiet in [
            "---\npriority: A\npurpose: Sends us clients\n---\n",
            "---\npriority: A\narchived: true\n---\n",
            "---\npriority: B\n---\n",
        ] {
            assert!(summary("Ada", quiet).hints.is_empty(), "{quiet}");
        }
    }

    #[test]
    fn not_taken_out_in_a_year_most_overdue_first() {
        let people = [
            summary(
                "Recent",
                "---\ntags: [coi]\n---\n- 2026-06-02 #lunch at Zuni\n",
            ),
            summary(
                "Old",
                "---\ntags: [coi]\n---\n- 2025-11-24 Dinner\n- 2026-11-01 Call\n",
            ),
            summary("Older", "---\npriority: A\n---\n- 2024-01-02 Golf\n"),
            summary(
                "Never",
                "---\npriority: A\ninterests: [single-origin coffee, jazz, Golfing]\n---\n",
            ),
            summary("Archived", "---\npriority: A\narchived: true\n---\n"),
            summary(
                "Snoozed",
                "---\npriority: A\nsnooze_until: 2027-01-01\n---\n",
            ),
            summary("Minor", "---\npriority: B\n---\n"),
        ];
        let found = not_taken_out(&people, &Config::default(), day("2026-11-24"));
        let names: Vec<&str> = found.iter().map(|n| n.person.name()).collect();
        assert_eq!(names, ["Never", "Older", "Old"]);
        assert_eq!(found[0].ideas, ["coffee", "golf"]);
        assert_eq!(found[2].last.unwrap().kind, "dinner");
    }
}
