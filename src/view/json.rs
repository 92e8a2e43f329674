//! The JSON object of a person, the same for `list --json`, `search --json`,
//! `show --json` and `share --json`: the path, every field of the table
//! under its key (`null`, `[]` or `false` when the note has none), the
//! fields kith does not know, the schedule as it stands today, the open
//! follow-ups, the mentions in other notes (`mentioned`), whether they
//! matter most, their last outing and share and who started the latest
//! contacts. Every key is always there; dates are
//! `YYYY-MM-DD`.

use chrono::NaiveDate;
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::note::due::{DueFrom, Status};
use crate::note::fields::{FIELDS, Kind, Value};
use crate::note::log::EntryKind;
use crate::note::mention::Mention;
use crate::note::summary::{Dated, Summary};
use crate::note::ties::{At, Outing, Starter};
use crate::relate::matters::matters_most;
use crate::vault::config::Config;

/// A person as JSON on a given day.
#[derive(Debug, Clone, Copy)]
pub struct PersonJson<'a> {
    person: &'a Summary,
    status: Status,
    today: NaiveDate,
    matters_most: bool,
}

impl<'a> PersonJson<'a> {
    /// `person` as it stands on `today` under `config`.
    pub fn new(person: &'a Summary, config: &Config, today: NaiveDate) -> PersonJson<'a> {
        PersonJson {
            person,
            status: Status::of(person, config, today),
            today,
            matters_most: matters_most(&person.fields, &config.outing_for).is_some(),
        }
    }
}

impl Serialize for PersonJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let person = self.person;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("path", &person.path)?;
        for spec in FIELDS {
            map.serialize_entry(
                spec.key,
                &FieldJson(spec.kind, person.fields.get(spec.field)),
            )?;
        }
        map.serialize_entry("other_fields", &OtherJson(&person.fields.other))?;
        map.serialize_entry(
            "due",
            &DueJson {
                status: self.status.kind(self.today),
                date: self.status.due_date(),
                days_overdue: self.status.days_overdue(self.today),
                last_contact: self.status.last_contact,
                cadence: self.status.cadence.map(|c| c.to_string()),
                from: self.status.from.map(|from| match from {
                    DueFrom::Cadence => "cadence",
                    DueFrom::NextContact => "next_contact",
                    DueFrom::Snooze => "snooze_until",
                }),
            },
        )?;
        let dated = |d| DatedJson(d, &person.path);
        map.serialize_entry("last_log", &person.last_entry_on(self.today).map(dated))?;
        let promises: Vec<DatedJson> = person.promises.iter().map(dated).collect();
        map.serialize_entry("open_follow_ups", &promises)?;
        let mentions: Vec<MentionJson> = person.mentions.iter().map(MentionJson).collect();
        map.serialize_entry("mentioned", &mentions)?;
        let ties = &person.ties;
        map.serialize_entry("matters_most", &self.matters_most)?;
        map.serialize_entry(
            "last_outing",
            &ties
                .last_outing
                .as_ref()
                .map(|o| OutingJson(o, &person.path)),
        )?;
        map.serialize_entry("last_share", &ties.last_share.map(AtJson))?;
        let started: Vec<&str> = ties
            .started
            .iter()
            .map(|who| match who {
                Starter::Them => "them",
                Starter::You => "you",
            })
            .collect();
        map.serialize_entry("started_by", &started)?;
        map.end()
    }
}

/// A field's value, or its kind's empty value.
struct FieldJson<'a>(Kind, Option<&'a Value>);

impl Serialize for FieldJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.1 {
            Some(Value::Text(text)) => serializer.serialize_str(text),
            Some(Value::List(items)) => items.serialize(serializer),
            Some(Value::Flag) => serializer.serialize_bool(true),
            Some(other) => serializer.collect_str(other),
            None if self.0.is_list() => serializer.collect_seq(std::iter::empty::<&str>()),
            None if self.0 == Kind::Flag => serializer.serialize_bool(false),
            None => serializer.serialize_none(),
        }
    }
}

/// The fields kith does not know, as an object of texts.
struct OtherJson<'a>(&'a [(String, String)]);

impl Serialize for OtherJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(key, value)| (key, value)))
    }
}

/// Where a person stands on the day.
#[derive(serde::Serialize)]
struct DueJson {
    /// overdue, due, never_contacted, snoozed, no_cadence or archived.
    status: &'static str,
    date: Option<NaiveDate>,
    days_overdue: Option<i64>,
    /// The latest of the `last_contact` field and past log dates.
    last_contact: Option<NaiveDate>,
    /// The cadence that applies: the note's, its tags' or the default.
    cadence: Option<String>,
    /// What set the date: `cadence`, `next_contact` or `snooze_until`.
    from: Option<&'static str>,
}

/// A dated line, of the person's note (at the path given) or another.
struct DatedJson<'a>(&'a Dated, &'a str);

impl Serialize for DatedJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("date", &self.0.date)?;
        map.serialize_entry("text", &self.0.text)?;
        map.serialize_entry("line", &self.0.line)?;
        map.serialize_entry("note", self.0.note.as_deref().unwrap_or(self.1))?;
        map.end()
    }
}

/// A line of another note that links to the person.
struct MentionJson<'a>(&'a Mention);

impl Serialize for MentionJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mention = self.0;
        let mut map = serializer.serialize_map(Some(5))?;
        map.serialize_entry("date", &mention.date)?;
        map.serialize_entry("text", &mention.text)?;
        map.serialize_entry("line", &mention.line)?;
        map.serialize_entry("note", &mention.note)?;
        let kind = match mention.kind {
            EntryKind::Note => "line",
            EntryKind::Open => "open_task",
            EntryKind::Done => "done_task",
        };
        map.serialize_entry("kind", kind)?;
        map.end()
    }
}

/// An outing: its date, kind, line and the note it is written in (the
/// person's own, the second, unless a daily note says it).
struct OutingJson<'a>(&'a Outing, &'a str);

impl Serialize for OutingJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("date", &self.0.at.date)?;
        map.serialize_entry("kind", &self.0.kind)?;
        map.serialize_entry("line", &self.0.at.line)?;
        map.serialize_entry("note", self.0.note.as_deref().unwrap_or(self.1))?;
        map.end()
    }
}

/// A line of the note: its date and line.
struct AtJson(At);

impl Serialize for AtJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("date", &self.0.date)?;
        map.serialize_entry("line", &self.0.line)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::{Parsed, parse};

    fn json(text: &str) -> serde_json::Value {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let Parsed::Person(person) = parse("people/Ada.md", text.as_bytes()) else {
            panic!("a person");
        };
        let summary = Summary::of(&person, &crate::vault::config::Config::default(), today);
        serde_json::to_value(PersonJson::new(&summary, &Config::default(), today)).unwrap()
    }

    #[test]
    fn every_field_is_there_typed_even_when_empty() {
        let empty = json("");
        let object = empty.as_object().unwrap();
        for spec in FIELDS {
            assert!(object.contains_key(spec.key), "{}", spec.key);
        }
        assert_eq!(empty["name"], "Ada");
        assert_eq!(empty["tags"], serde_json::json!([]));
        assert_eq!(empty["org"], serde_json::Value::Null);
        assert_eq!(empty["archived"], false);
        assert_eq!(empty["other_fields"], serde_json::json!({}));
        assert_eq!(empty["due"]["status"], "no_cadence");
        assert_eq!(empty["last_log"], serde_json::Value::Null);
        assert_eq!(empty["matters_most"], false);
        assert_eq!(empty["last_outing"], serde_json::Value::Null);
        assert_eq!(empty["last_share"], serde_json::Value::Null);
        assert_eq!(empty["started_by"], serde_json::json!([]));
    }

    #[test]
    fn outings_shares_and_who_started_are_there() {
        let ada = json(
            "---\ntags: [coi]\nneeds: [investors]\n---\n- 2026-11-20 ← Call\n\
             - 2026-11-10 Shared: the report\n- 2026-06-02 #lunch at Zuni\n",
        );
        assert_eq!(ada["matters_most"], true);
        assert_eq!(ada["needs"], serde_json::json!(["investors"]));
        assert_eq!(ada["offers"], serde_json::json!([]));
        assert_eq!(ada["last_outing"]["kind"], "lunch");
        assert_eq!(ada["last_outing"]["date"], "2026-06-02");
        assert_eq!(ada["last_share"]["date"], "2026-11-10");
        assert_eq!(ada["last_share"]["line"], 6);
        assert_eq!(ada["started_by"], serde_json::json!(["them", "you", "you"]));
    }

    #[test]
    fn the_due_date_says_what_set_it() {
        let next =
            json("---\ncadence: yearly\nnext_follow_up: 2026-12-01\n---\n- 2026-11-02 Coffee\n");
        assert_eq!(next["next_contact"], "2026-12-01");
        assert_eq!(next["due"]["date"], "2026-12-01");
        assert_eq!(next["due"]["from"], "next_contact");
        let cadence = json("---\ncadence: weekly\n---\n- 2026-11-02 Coffee\n");
        assert_eq!(cadence["due"]["from"], "cadence");
    }

    #[test]
    fn values_keep_their_types_and_dates_read_yyyy_mm_dd() {
        let ada = json(
            "---\nemail: ada@example.com\nbirthday: --12-10\nsnooze_until: 2026-12-01\n\
             archived: yes\ncadence: 6w\nlinkedin: ada-l\n---\n- 2026-11-02 Coffee\n\
             - [ ] 2026-11-20 Send notes\n",
        );
        assert_eq!(ada["email"], serde_json::json!(["ada@example.com"]));
        assert_eq!(ada["birthday"], "--12-10");
        assert_eq!(ada["snooze_until"], "2026-12-01");
        assert_eq!(ada["archived"], true);
        assert_eq!(ada["cadence"], "every 6 weeks");
        assert_eq!(ada["other_fields"]["linkedin"], "ada-l");
        assert_eq!(ada["due"]["status"], "archived");
        assert_eq!(ada["due"]["from"], serde_json::Value::Null);
        assert_eq!(ada["due"]["last_contact"], "2026-11-02");
        assert_eq!(ada["last_log"]["text"], "Coffee");
        assert_eq!(ada["open_follow_ups"][0]["date"], "2026-11-20");
        assert_eq!(ada["open_follow_ups"][0]["line"], 10);
        assert_eq!(ada["open_follow_ups"][0]["note"], "people/Ada.md");
        assert_eq!(ada["mentions"], serde_json::Value::Null);
        assert_eq!(ada["mentioned"], serde_json::json!([]));
    }
}
