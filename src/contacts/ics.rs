//! The calendar feed: an iCalendar (RFC 5545) of yearly birthdays, the
//! follow-ups due in the next days and open promises as to-dos, rendered
//! (purely) from the summaries, and written where config `ics` says.

use std::collections::HashSet;

use chrono::{Datelike, Days, NaiveDate};

use crate::contacts::contentline::{escape, fold_into, stable_uuid};
use crate::note::cadence::Birthday;
use crate::note::due::{Due, Status, days};
use crate::note::fields::Field;
use crate::note::summary::{Dated, Summary};
use crate::vault::Vault;
use crate::vault::config::Config;
use crate::write::generated::{self, Generated, GeneratedError};

/// How many days ahead due dates are put in the calendar by default.
pub const DEFAULT_DAYS: u32 = 30;

/// The calendar's `PRODID`, which marks a calendar kith wrote.
const PRODID: &str = concat!("PRODID:-//kith//kith ", env!("CARGO_PKG_VERSION"), "//EN");

/// Whether `bytes` are a calendar kith wrote (any version of kith).
pub(crate) fn is_kiths(bytes: &[u8]) -> bool {
    bytes
        .split(|&b| b == b'\n')
        .any(|line| line.starts_with(b"PRODID:-//kith//kith "))
}

/// Writes the calendar that config `ics` names, for `people` on `today`
/// with due dates [`DEFAULT_DAYS`] ahead: atomically, only when its bytes
/// changed, and only over a calendar kith wrote. `Ok(None)` when the vault
/// has no `ics` set, else `Ok(Some(written))`.
pub fn write_configured<'a>(
    vault: &Vault,
    people: impl IntoIterator<Item = &'a Summary>,
    today: NaiveDate,
) -> Result<Option<bool>, GeneratedError> {
    let Some(rel) = &vault.config.ics else {
        return Ok(None);
    };
    let text = render(people, &vault.config, today, DEFAULT_DAYS);
    generated::write(vault, Generated::Calendar, rel, text.as_bytes(), None).map(Some)
}

/// The calendar for `people` on `today`: a yearly all-day event on each
/// birthday, an all-day event for each person due within `days` days (on
/// today when overdue or never contacted) and a to-do for each open
/// promise. UIDs come from the note's path, the kind and the date, and
/// DTSTAMP is `today`, so the same notes on the same day give the same
/// bytes. Archived people are left out.
pub fn render<'a>(
    people: impl IntoIterator<Item = &'a Summary>,
    config: &Config,
    today: NaiveDate,
    days: u32,
) -> String {
    let mut people: Vec<&Summary> = people
        .into_iter()
        .filter(|p| !p.fields.flag(Field::Archived))
        .collect();
    people.sort_by(|a, b| a.path.cmp(&b.path));
    let mut calendar = Calendar {
        out: String::new(),
        stamp: format!("{}T000000Z", basic(today)),
        uids: HashSet::new(),
    };
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        PRODID,
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "NAME:kith",
        "X-WR-CALNAME:kith",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
    ] {
        calendar.line(line);
    }
    let last_day = today
        .checked_add_days(Days::new(days.into()))
        .unwrap_or(NaiveDate::MAX);
    for person in people {
        if let Some(birthday) = person.fields.birthday() {
            calendar.birthday(person, birthday);
        }
        let status = Status::of(person, config, today);
        let due_on = match status.due {
            Due::NeverContacted => Some((today, None)),
            Due::On(date) if date <= last_day => Some((date.max(today), Some(date))),
            _ => None,
        };
        if let Some((on, due)) = due_on {
            calendar.due(person, &status, on, due, today);
        }
        for promise in &person.promises {
            calendar.promise(person, promise);
        }
    }
    calendar.line("END:VCALENDAR");
    calendar.out
}

struct Calendar {
    out: String,
    stamp: String,
    uids: HashSet<String>,
}

/// `20261124`.
fn basic(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

/// `date` as an iCalendar DATE, `None` outside the four-digit years
/// 0001 to 9999 that RFC 5545 can write (its event is then left out).
fn ical_date(date: NaiveDate) -> Option<String> {
    (1..=9999).contains(&date.year()).then(|| basic(date))
}

/// DTSTART and DTEND of an all-day event on `on`, when both can be
/// written.
fn all_day_dates(on: NaiveDate) -> Option<(String, String)> {
    Some((ical_date(on)?, ical_date(on.succ_opt()?)?))
}

impl Calendar {
    fn line(&mut self, line: &str) {
        fold_into(&mut self.out, line);
    }

    /// A UID from `parts`, made unique within the calendar.
    fn uid(&mut self, parts: &[&str]) -> String {
        let base = stable_uuid(&parts.join("\n"));
        let mut uid = format!("{base}@kith");
        let mut count = 1;
        while !self.uids.insert(uid.clone()) {
            count += 1;
            uid = format!("{base}-{count}@kith");
        }
        uid
    }

    /// Opens a component with its UID and DTSTAMP.
    fn begin(&mut self, kind: &str, uid: &str) {
        self.line(&format!("BEGIN:{kind}"));
        self.line(&format!("UID:{uid}"));
        let stamp = format!("DTSTAMP:{}", self.stamp);
        self.line(&stamp);
    }

    fn all_day(&mut self, (start, end): &(String, String)) {
        self.line(&format!("DTSTART;VALUE=DATE:{start}"));
        self.line(&format!("DTEND;VALUE=DATE:{end}"));
    }

    fn text(&mut self, name: &str, text: &str) {
        self.line(&format!("{name}:{}", escape(text)));
    }

    /// Every year from the birth year (or 2000 when unknown). 29 February
    /// falls on the last day of February, as in the report.
    fn birthday(&mut self, person: &Summary, birthday: Birthday) {
        let leap_day = (birthday.month, birthday.day) == (2, 29);
        let start =
            NaiveDate::from_ymd_opt(birthday.year.unwrap_or(2000), birthday.month, birthday.day)
                .or_else(|| NaiveDate::from_ymd_opt(2000, birthday.month, birthday.day));
        let Some(dates) = start.and_then(all_day_dates) else {
            return;
        };
        let uid = self.uid(&[&person.path, "birthday"]);
        self.begin("VEVENT", &uid);
        self.all_day(&dates);
        self.line(if leap_day {
            "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
        } else {
            "RRULE:FREQ=YEARLY"
        });
        self.text("SUMMARY", &format!("Birthday: {}", person.name()));
        let born = birthday
            .year
            .map(|year| format!("Born {year}. "))
            .unwrap_or_default();
        self.text("DESCRIPTION", &format!("{born}{}", person.path));
        self.line("TRANSP:TRANSPARENT");
        self.line("END:VEVENT");
    }

    /// "Call Ada Lovelace — monthly, last 2026-10-02" on `on`; `due` is
    /// the due date (`None`: never contacted).
    fn due(
        &mut self,
        person: &Summary,
        status: &Status,
        on: NaiveDate,
        due: Option<NaiveDate>,
        today: NaiveDate,
    ) {
        let Some(dates) = all_day_dates(on) else {
            return;
        };
        let due_text = due.map_or("never".to_string(), |d| d.to_string());
        let uid = self.uid(&[&person.path, "due", &due_text]);
        let cadence = status.cadence.map(|c| c.to_string()).unwrap_or_default();
        let last = status
            .last_contact
            .map_or("never contacted".to_string(), |d| format!("last {d}"));
        self.begin("VEVENT", &uid);
        self.all_day(&dates);
        self.text(
            "SUMMARY",
            &format!("Call {} — {cadence}, {last}", person.name()),
        );
        let state = match due {
            Some(date) if date < today => {
                format!("Overdue {} (due {date}).", days((today - date).num_days()))
            }
            Some(date) => format!("Due {date}."),
            None => "Never contacted.".to_string(),
        };
        let mut description = vec![state];
        description.extend(person.fields.text(Field::Purpose).map(str::to_string));
        description.extend(
            person
                .last_entry_on(today)
                .map(|entry| format!("Last: {} {}", entry.date, entry.text)),
        );
        description.push(person.path.clone());
        self.text("DESCRIPTION", &description.join("\n"));
        self.line("TRANSP:TRANSPARENT");
        self.line("END:VEVENT");
    }

    /// An open promise to `person`, due on its date, described by where it
    /// is written (their note or another).
    fn promise(&mut self, person: &Summary, promise: &Dated) {
        let Some(due) = ical_date(promise.date) else {
            return;
        };
        let text = &promise.text;
        let date = promise.date.to_string();
        let uid = self.uid(&[&person.path, "promise", &date, text]);
        self.begin("VTODO", &uid);
        self.line(&format!("DUE;VALUE=DATE:{due}"));
        self.text("SUMMARY", &format!("{}: {text}", person.name()));
        let note = promise.note.as_deref().unwrap_or(&person.path);
        self.text("DESCRIPTION", &format!("{note}:{}", promise.line));
        self.line("STATUS:NEEDS-ACTION");
        self.line("END:VTODO");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contacts::contentline::{self, MAX_LINE_OCTETS};
    use crate::note::cadence::parse_date;
    use crate::note::{Parsed, parse};

    fn day(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    fn summary(path: &str, text: &str) -> Summary {
        match parse(path, text.as_bytes()) {
            Parsed::Person(p) => Summary::of(
                &p,
                &crate::vault::config::Config::default(),
                day("2026-11-24"),
            ),
            other => panic!("{other:?}"),
        }
    }

    fn people() -> Vec<Summary> {
        vec![
            summary(
                "people/Ada Lovelace.md",
                "---\nname: Ada Lovelace\ncadence: monthly\nbirthday: 1815-12-10\npurpose: Intros; investors, maybe\n---\n- 2026-10-02 Coffee\n- [ ] 2026-11-20 Send notes\n- [ ] 2026-11-20 Send notes\n",
            ),
            summary(
                "people/Leap.md",
                "---\nbirthday: --02-29\ncadence: weekly\nlast_contact: 2026-11-20\n---\n",
            ),
            summary("people/Never.md", "---\ncadence: yearly\n---\n"),
            summary(
                "people/Far.md",
                "---\ncadence: yearly\nlast_contact: 2026-06-01\n---\n",
            ),
            summary(
                "people/Gone.md",
                "---\narchived: true\nbirthday: 1900-01-01\ncadence: weekly\n---\n- [ ] 2026-01-01 x\n",
            ),
        ]
    }

    /// Components as (kind, unfolded properties).
    fn components(text: &str) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        for raw in contentline::unfold(text.as_bytes()) {
            let line = String::from_utf8(raw.bytes).unwrap();
            if let Some(kind) = line.strip_prefix("BEGIN:") {
                out.push((kind.to_string(), Vec::new()));
            } else if let Some((_, props)) = out.last_mut() {
                props.push(line);
            }
        }
        out
    }

    #[test]
    fn renders_birthdays_due_dates_and_promises() {
        let text = render(&people(), &Config::default(), day("2026-11-24"), 30);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(text.split("\r\n").all(|l| l.len() <= MAX_LINE_OCTETS));
        assert!(!text.replace("\r\n", "").contains(['\r', '\n']));
        let all = components(&text);
        let kinds: Vec<&str> = all.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            kinds,
            [
                "VCALENDAR",
                "VEVENT",
                "VEVENT",
                "VTODO",
                "VTODO",
                "VEVENT",
                "VEVENT",
                "VEVENT"
            ]
        );
        let has = |i: usize, prop: &str| all[i].1.iter().any(|p| p == prop);
        // Ada: birthday from 1815, overdue since 2026-11-02, so on today.
        assert!(has(1, "DTSTART;VALUE=DATE:18151210"));
        assert!(has(1, "RRULE:FREQ=YEARLY"));
        assert!(has(1, "SUMMARY:Birthday: Ada Lovelace"));
        assert!(has(2, "DTSTART;VALUE=DATE:20261124"));
        assert!(has(2, "DTEND;VALUE=DATE:20261125"));
        assert!(has(
            2,
            "SUMMARY:Call Ada Lovelace — monthly\\, last 2026-10-02"
        ));
        assert!(all[2].1.iter().any(|p| p.starts_with(
            "DESCRIPTION:Overdue 22 days (due 2026-11-02).\\nIntros\\; investors\\, maybe"
        )));
        assert!(has(3, "DUE;VALUE=DATE:20261120"));
        assert!(has(3, "SUMMARY:Ada Lovelace: Send notes"));
        // Two identical promises keep distinct UIDs.
        let uid = |i: usize| {
            all[i]
                .1
                .iter()
                .find(|p| p.starts_with("UID:"))
                .unwrap()
                .clone()
        };
        assert_ne!(uid(3), uid(4));
        // Leap: 29 February on the last day of February, due 2026-11-27.
        assert!(has(5, "DTSTART;VALUE=DATE:20000229"));
        assert!(has(5, "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"));
        assert!(has(6, "DTSTART;VALUE=DATE:20261127"));
        // Never contacted: today. Far (due 2027) and Gone (archived): nothing.
        assert!(has(7, "SUMMARY:Call Never — yearly\\, never contacted"));
        assert!(!text.contains("Far") && !text.contains("Gone"));
    }

    #[test]
    fn same_notes_same_day_same_bytes_and_uids_follow_the_note() {
        let config = Config::default();
        let a = render(&people(), &config, day("2026-11-24"), 30);
        let mut reversed = people();
        reversed.reverse();
        assert_eq!(a, render(&reversed, &config, day("2026-11-24"), 30));
        let b = render(&people(), &config, day("2026-11-25"), 30);
        assert!(b.contains("DTSTAMP:20261125T000000Z"));
        let uids = |text: &str| -> Vec<String> {
            text.split("\r\n")
                .filter(|l| l.starts_with("UID:"))
                .map(str::to_string)
                .collect()
        };
        // The overdue event moves to the new today but keeps its UID.
        assert_eq!(uids(&a), uids(&b));
    }

    #[test]
    fn events_with_dates_outside_years_1_to_9999_are_left_out() {
        let late = day("9999-12-31");
        let people = vec![
            summary("people/Late.md", "---\nbirthday: 9999-12-31\n---\n"),
            summary(
                "people/Never.md",
                "---\ncadence: weekly\n---\n- [ ] 0000-01-01 Zero\n- [ ] 9999-12-31 Last\n",
            ),
            summary("people/Ok.md", "---\nbirthday: 9999-12-30\n---\n"),
        ];
        let text = render(&people, &Config::default(), late, 30);
        for line in contentline::unfold(text.as_bytes()) {
            let line = String::from_utf8(line.bytes).unwrap();
            if let Some((_, value)) = line.split_once(";VALUE=DATE:") {
                assert!(
                    value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit()),
                    "{line}"
                );
                assert_ne!(&value[..4], "0000", "{line}");
            }
        }
        let kinds: Vec<String> = components(&text).into_iter().map(|(k, _)| k).collect();
        // Ok's birthday and the promise due on the last day; not Late's
        // birthday, nor Never's due event (it would end in year 10000),
        // nor the promise of year 0.
        assert_eq!(kinds, ["VCALENDAR", "VTODO", "VEVENT"], "{text}");
        assert!(text.contains("DUE;VALUE=DATE:99991231"));
        assert!(text.contains("DTSTART;VALUE=DATE:99991230"));
    }

    #[test]
    fn an_empty_vault_is_a_valid_empty_calendar() {
        let text = render(&[], &Config::default(), day("2026-11-24"), 0);
        assert_eq!(components(&text).len(), 1);
    }
}
