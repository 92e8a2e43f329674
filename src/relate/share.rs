//! Who would value a topic: people ranked by how well it matches what
//! their note says, each with why and when they last got something from
//! you; whoever got something within `share_spacing` days is set apart, so
//! nobody is flooded.
//!
//! Words are compared as the index compares them (folded and stemmed:
//! `sailing` finds `sail` and `Sails`), the topic's filler words left out.
//! Each field weighs what it says of a person: interests most, then
//! purpose and needs, tags, role and org, and the log and notes (the
//! index's stemmed body) least. A field scores its weight times the share
//! of the topic's words it holds; ties go to whoever got something from
//! you longest ago.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;

use crate::index::words;
use crate::note::Parsed;
use crate::note::fields::Field;
use crate::note::summary::Summary;
use crate::note::ties::At;
use crate::vault::config::Config;

/// The fields a topic is matched against, with their weights.
const WEIGHTS: &[(Field, f32)] = &[
    (Field::Interests, 5.0),
    (Field::Purpose, 4.0),
    (Field::Needs, 4.0),
    (Field::Tags, 3.0),
    (Field::Role, 2.0),
    (Field::Org, 2.0),
];

/// The weight of the log and notes (the note's body).
const BODY_WEIGHT: f32 = 1.0;

/// What a reason from a dated line of the body is called…
const LOG: &str = "log";
/// …and one from the rest of the body.
const NOTE: &str = "note";

/// Longest text quoted in a reason, in characters.
const QUOTED_CHARS: usize = 80;

/// A topic, as words to match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    text: String,
    stems: Vec<String>,
}

/// A topic with no word in it.
#[derive(Debug, thiserror::Error)]
#[error("the topic '{0}' holds no word to match")]
pub struct EmptyTopic(String);

impl Topic {
    /// The topic `text`: its words that carry a topic, stemmed.
    pub fn new(text: &str) -> Result<Topic, EmptyTopic> {
        let stems = words::topic_stems(text);
        if stems.is_empty() {
            return Err(EmptyTopic(text.to_string()));
        }
        Ok(Topic {
            text: text.trim().to_string(),
            stems,
        })
    }

    /// Its words, stemmed as the index stems a note's body.
    pub fn stems(&self) -> &[String] {
        &self.stems
    }

    /// The topic as given.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Which of the topic's words `text` holds.
    fn held_in(&self, text: &str) -> Vec<usize> {
        let stems: BTreeSet<String> = words::words(text).into_iter().map(|w| w.stem).collect();
        (0..self.stems.len())
            .filter(|&at| stems.contains(&self.stems[at]))
            .collect()
    }
}

/// Why someone would value the topic: a field and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// The field's key (`interests`), `log` (a dated line) or `note` (the
    /// rest of the body).
    pub field: &'static str,
    /// What in it matched: the items, the value, or the line (a log line
    /// as `DATE: text`).
    pub text: String,
}

impl std::fmt::Display for Reason {
    /// `interests: sailing`, `log 2026-08-14: Sailed to Angel Island`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field == LOG {
            write!(f, "{} {}", self.field, self.text)
        } else {
            write!(f, "{}: {}", self.field, self.text)
        }
    }
}

/// Someone the topic suits.
#[derive(Debug, Clone)]
pub struct Suited<'a> {
    /// Who.
    pub person: &'a Summary,
    /// How well it suits them; higher is better.
    pub score: f32,
    /// Why, field by field.
    pub why: Vec<Reason>,
    /// The last thing they got from you.
    pub last_share: Option<&'a At>,
}

/// Everyone a topic suits.
#[derive(Debug, Clone, Default)]
pub struct Ranking<'a> {
    /// Best first.
    pub ranked: Vec<Suited<'a>>,
    /// Those who got something within `share_spacing` days, not ranked:
    /// whoever is free again soonest first.
    pub spaced: Vec<Suited<'a>>,
}

/// Ranks `people` (not archived) by `topic` on `today`; `in_body` holds,
/// for each of the topic's stems, the paths of the notes whose body holds
/// it (from the index). Log reasons are read from the notes under `root`.
pub fn rank<'a>(
    people: &'a [Summary],
    topic: &Topic,
    in_body: &[BTreeSet<String>],
    root: &Path,
    config: &Config,
    today: NaiveDate,
) -> Ranking<'a> {
    let mut ranking = Ranking::default();
    for person in people.iter().filter(|p| !p.fields.flag(Field::Archived)) {
        let Some(mut suited) = suited(person, topic, in_body) else {
            continue;
        };
        if let Some(reason) = suited.why.iter_mut().find(|reason| reason.field == NOTE) {
            *reason = body_reason(&root.join(&person.path), topic);
        }
        let spaced = suited
            .last_share
            .is_some_and(|share| (today - share.date).num_days() < i64::from(config.share_spacing));
        if spaced {
            ranking.spaced.push(suited);
        } else {
            ranking.ranked.push(suited);
        }
    }
    let shared = |s: &Suited| s.last_share.map(|share| share.date);
    ranking.ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| shared(a).cmp(&shared(b)))
            .then_with(|| a.person.name().cmp(b.person.name()))
    });
    ranking.spaced.sort_by(|a, b| {
        shared(a)
            .cmp(&shared(b))
            .then_with(|| a.person.name().cmp(b.person.name()))
    });
    ranking
}

/// How well `topic` suits `person` and why, when it does at all.
fn suited<'a>(
    person: &'a Summary,
    topic: &Topic,
    in_body: &[BTreeSet<String>],
) -> Option<Suited<'a>> {
    let share_of = |held: usize| held as f32 / topic.stems.len() as f32;
    let mut score = 0.0;
    let mut why = Vec::new();
    for &(field, weight) in WEIGHTS {
        let mut held: BTreeSet<usize> = BTreeSet::new();
        let mut matched: Vec<String> = Vec::new();
        let items: Vec<&str> = if field.spec().kind.is_list() {
            person
                .fields
                .list(field)
                .iter()
                .map(String::as_str)
                .collect()
        } else {
            person.fields.text(field).into_iter().collect()
        };
        for item in items {
            let found = topic.held_in(item);
            if !found.is_empty() {
                held.extend(found);
                matched.push(quoted(item));
            }
        }
        if !held.is_empty() {
            score += weight * share_of(held.len());
            why.push(Reason {
                field: field.key(),
                text: matched.join(", "),
            });
        }
    }
    let in_log = in_body
        .iter()
        .filter(|paths| paths.contains(&person.path))
        .count();
    if in_log > 0 {
        score += BODY_WEIGHT * share_of(in_log);
        why.push(Reason {
            field: NOTE,
            text: MENTIONS.into(),
        });
    }
    (score > 0.0).then_some(Suited {
        person,
        score,
        why,
        last_share: person.ties.last_share.as_ref(),
    })
}

/// What a reason from the body says when no line can be shown.
const MENTIONS: &str = "mentions it";

/// Where the note at `note` speaks of the topic: its newest dated line
/// that does (`log 2026-08-14: Sailed…`), else its first line of prose
/// that does (`note: …`); read from the note as it is now.
fn body_reason(note: &Path, topic: &Topic) -> Reason {
    let person = match crate::vault::read_note("", note) {
        Parsed::Person(person) => person,
        _ => {
            return Reason {
                field: NOTE,
                text: MENTIONS.into(),
            };
        }
    };
    let mut entries: Vec<_> = person.entries.iter().collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.date));
    if let Some(entry) = entries.iter().find(|e| !topic.held_in(&e.text).is_empty()) {
        return Reason {
            field: LOG,
            text: format!("{}: {}", entry.date, quoted(&entry.text)),
        };
    }
    let line = person
        .body
        .lines()
        .map(|line| {
            line.trim()
                .trim_start_matches(['#', '-', '*', '+', '>', ' '])
        })
        .find(|line| !topic.held_in(line).is_empty());
    Reason {
        field: NOTE,
        text: line.map_or_else(|| MENTIONS.into(), quoted),
    }
}

/// `text` cut to [`QUOTED_CHARS`] characters.
fn quoted(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(QUOTED_CHARS) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::cadence::parse_ymd;
    use crate::note::summary::of_note as summary;

    fn day(text: &str) -> NaiveDate {
        parse_ymd(text).unwrap()
    }

    fn names<'a>(suited: &'a [Suited]) -> Vec<&'a str> {
        suited.iter().map(|s| s.person.name()).collect()
    }

    #[test]
    fn interests_weigh_most_and_every_field_says_why() {
        let people = [
            summary("Role", "---\nrole: Sailing coach\n---\n"),
            summary("Interest", "---\ninterests: [Sail, jazz]\n---\n"),
            summary(
                "Purpose",
                "---\npurpose: Crews his boat; sails every summer.\n---\n",
            ),
            summary("Nobody", "---\ninterests: [jazz]\n---\n"),
            summary("Gone", "---\ninterests: [sailing]\narchived: true\n---\n"),
        ];
        let topic = Topic::new("sailing").unwrap();
        let ranking = rank(
            &people,
            &topic,
            &[BTreeSet::new()],
            Path::new("/nowhere"),
            &Config::default(),
            day("2026-11-24"),
        );
        assert_eq!(names(&ranking.ranked), ["Interest", "Purpose", "Role"]);
        assert_eq!(ranking.ranked[0].why[0].to_string(), "interests: Sail");
        assert_eq!(
            ranking.ranked[1].why[0].to_string(),
            "purpose: Crews his boat; sails every summer."
        );
        assert!(ranking.spaced.is_empty());
    }

    #[test]
    fn more_of_the_topic_ranks_higher_and_ties_go_to_the_least_recently_given() {
        let people = [
            summary("Both", "---\ninterests: [climate tech]\n---\n"),
            summary("Half", "---\ninterests: [climate]\n---\n"),
            summary(
                "Given",
                "---\ninterests: [climate]\n---\n- 2026-10-01 Shared: a piece\n",
            ),
            summary(
                "Recent",
                "---\ninterests: [climate tech]\n---\n- 2026-11-20 Sent a piece\n",
            ),
        ];
        let topic = Topic::new("the climate of tech").unwrap();
        assert_eq!(topic.stems(), ["climat", "tech"]);
        let ranking = rank(
            &people,
            &topic,
            &[BTreeSet::new(), BTreeSet::new()],
            Path::new("/nowhere"),
            &Config::default(),
            day("2026-11-24"),
        );
        assert_eq!(names(&ranking.ranked), ["Both", "Half", "Given"]);
        assert_eq!(names(&ranking.spaced), ["Recent"]);
        assert_eq!(
            ranking.spaced[0].last_share.map(|d| d.date),
            Some(day("2026-11-20"))
        );
    }

    #[test]
    fn a_body_match_says_where_the_note_speaks_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Log.md");
        std::fs::write(
            &path,
            "# Log\nLoves the sea.\n\n## Log\n- 2026-10-01 Call\n- 2026-08-14 Sailed to Angel Island\n- 2026-07-01 Sailing again\n",
        )
        .unwrap();
        let topic = Topic::new("sailing").unwrap();
        assert_eq!(
            body_reason(&path, &topic).to_string(),
            "log 2026-08-14: Sailed to Angel Island"
        );
        assert_eq!(
            body_reason(&path, &Topic::new("sea").unwrap()).to_string(),
            "note: Loves the sea."
        );
        assert_eq!(
            body_reason(&path, &Topic::new("zebra").unwrap()).to_string(),
            "note: mentions it"
        );
        let note = summary("Log", "");
        let in_body = [BTreeSet::from([note.path.clone()])];
        let found = suited(&note, &topic, &in_body).unwrap();
        assert_eq!(found.score, BODY_WEIGHT);
    }

    #[test]
    fn a_topic_without_words_is_refused() {
        assert!(Topic::new(" -- ").is_err());
        assert_eq!(Topic::new("The Who").unwrap().stems(), ["the", "who"]);
    }
}
