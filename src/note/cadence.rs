//! Cadence grammar (`monthly`, `6w`, `every 3 months`, …), dates and
//! birthdays as written in notes, and the calendar arithmetic on them.
//! Everything here is pure: "today" is always a parameter.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// How often a person should be contacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Cadence {
    /// Every so many days.
    Days(u32),
    /// Every so many weeks.
    Weeks(u32),
    /// Every so many calendar months.
    Months(u32),
    /// Every so many years.
    Years(u32),
}

/// Why a cadence could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown cadence '{0}' (try daily, weekly, biweekly, monthly, quarterly, yearly, 10d, 6w, 3m, 1y or 'every 2 weeks')"
)]
pub struct BadCadence(pub String);

/// Largest count accepted in a cadence (`9999d`): anything bigger is a typo,
/// and the limit keeps the date arithmetic far from overflow.
const MAX_COUNT: u32 = 9999;

impl FromStr for Cadence {
    type Err = BadCadence;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || BadCadence(text.to_string());
        let lower = text.trim().to_lowercase();
        let named = match lower.as_str() {
            "daily" => Some(Cadence::Days(1)),
            "weekly" => Some(Cadence::Weeks(1)),
            "biweekly" | "fortnightly" => Some(Cadence::Weeks(2)),
            "monthly" => Some(Cadence::Months(1)),
            "bimonthly" => Some(Cadence::Months(2)),
            "quarterly" => Some(Cadence::Months(3)),
            "semiannually" | "semiannual" | "biannually" => Some(Cadence::Months(6)),
            "yearly" | "annually" | "annual" => Some(Cadence::Years(1)),
            _ => None,
        };
        if let Some(cadence) = named {
            return Ok(cadence);
        }
        let (count, unit) = if let Some(rest) = lower.strip_prefix("every ") {
            let mut words = rest.split_whitespace();
            let (Some(count), Some(unit), None) = (words.next(), words.next(), words.next()) else {
                return Err(bad());
            };
            // "every other week" is how people say "every 2 weeks".
            let count = if count == "other" { "2" } else { count };
            let unit = match unit {
                "day" | "days" => 'd',
                "week" | "weeks" => 'w',
                "month" | "months" => 'm',
                "year" | "years" => 'y',
                _ => return Err(bad()),
            };
            (count, unit)
        } else {
            let unit = lower.chars().last().ok_or_else(bad)?;
            (&lower[..lower.len() - unit.len_utf8()], unit)
        };
        let count: u32 = count.trim().parse().map_err(|_| bad())?;
        if count == 0 || count > MAX_COUNT {
            return Err(bad());
        }
        match unit {
            'd' => Ok(Cadence::Days(count)),
            'w' => Ok(Cadence::Weeks(count)),
            'm' => Ok(Cadence::Months(count)),
            'y' => Ok(Cadence::Years(count)),
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for Cadence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (count, unit) = match *self {
            Cadence::Days(1) => return f.write_str("daily"),
            Cadence::Weeks(1) => return f.write_str("weekly"),
            Cadence::Weeks(2) => return f.write_str("biweekly"),
            Cadence::Months(1) => return f.write_str("monthly"),
            Cadence::Months(2) => return f.write_str("bimonthly"),
            Cadence::Months(3) => return f.write_str("quarterly"),
            Cadence::Months(6) => return f.write_str("semiannually"),
            Cadence::Years(1) => return f.write_str("yearly"),
            Cadence::Days(n) => (n, "days"),
            Cadence::Weeks(n) => (n, "weeks"),
            Cadence::Months(n) => (n, "months"),
            Cadence::Years(n) => (n, "years"),
        };
        write!(f, "every {count} {unit}")
    }
}

impl Cadence {
    /// Rough length in days, for comparing cadences.
    pub(crate) fn approx_days(self) -> u64 {
        let n = u64::from(match self {
            Cadence::Days(n) | Cadence::Weeks(n) | Cadence::Months(n) | Cadence::Years(n) => n,
        });
        match self {
            Cadence::Days(_) => n,
            Cadence::Weeks(_) => n * 7,
            Cadence::Months(_) => n * 30,
            Cadence::Years(_) => n * 365,
        }
    }

    /// The date one cadence after `date`. Months and years are calendar
    /// months: 31 January + 1 month is the last day of February.
    /// `None` only past the end of chrono's calendar (year 262143).
    pub fn after(self, date: NaiveDate) -> Option<NaiveDate> {
        match self {
            Cadence::Days(n) => date.checked_add_days(Days::new(n.into())),
            Cadence::Weeks(n) => date.checked_add_days(Days::new(u64::from(n) * 7)),
            Cadence::Months(n) => date.checked_add_months(Months::new(n)),
            Cadence::Years(n) => date.checked_add_months(Months::new(n.checked_mul(12)?)),
        }
    }
}

/// Reads a date as written in a note: `2026-11-02`, optionally followed by a
/// time (`2026-11-02 14:30`, `2026-11-02T14:30:00Z`), optionally as an
/// Obsidian link (`[[2026-11-02]]`).
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = strip_wikilink(text.trim());
    let date_part = text.get(..10)?;
    let rest = &text[10..];
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    parse_ymd(date_part)
}

/// Strictly `YYYY-MM-DD` (four-digit year, so 0000 to 9999), a real
/// calendar date.
pub fn parse_ymd(text: &str) -> Option<NaiveDate> {
    if !looks_like_ymd(text) {
        return None;
    }
    // By hand: chrono's format-string parser was a few percent of a full
    // build, which reads every log line's date.
    let number = |range: std::ops::Range<usize>| {
        text.as_bytes()[range]
            .iter()
            .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'))
    };
    let year = i32::try_from(number(0..4)).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7), number(8..10))
}

/// Shaped like `YYYY-MM-DD`, whether or not it is a real date.
fn looks_like_ymd(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
}

/// `[[target]]` or `[[target|alias]]` → `target`; anything else (two
/// links, `[[a]], [[b]]`, too) unchanged.
pub(crate) fn strip_wikilink(text: &str) -> &str {
    match text.strip_prefix("[[").and_then(|t| t.strip_suffix("]]")) {
        Some(inner) if !inner.contains("[[") && !inner.contains("]]") => {
            inner.split('|').next().unwrap_or(inner).trim()
        }
        _ => text,
    }
}

/// Splits a log line that starts with a date (`2026-11-02 Coffee`,
/// `[[2026-11-02]]: Call`, `2026-11-02 — Lunch`) into the date text and the
/// rest. Returns `None` when the line does not start with something shaped
/// like a date; the date text may still be an impossible date (`2026-02-30`),
/// which the caller reports.
pub(crate) fn split_dated_line(line: &str) -> Option<(&str, &str)> {
    let line = line.trim_start();
    let (date, rest) = if let Some(linked) = line.strip_prefix("[[") {
        let end = linked.find("]]")?;
        let inner = &linked[..end];
        (inner.split('|').next().unwrap_or(inner), &linked[end + 2..])
    } else {
        (line.get(..10)?, &line[10..])
    };
    if !looks_like_ymd(date) {
        return None;
    }
    // The date must stand alone: `2026-11-02x` is not a dated line.
    if let Some(next) = rest.chars().next()
        && next.is_alphanumeric()
    {
        return None;
    }
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix(':')
        .or_else(|| rest.strip_prefix("—"))
        .or_else(|| rest.strip_prefix("–"))
        .or_else(|| rest.strip_prefix('-'))
        .unwrap_or(rest);
    Some((date, rest.trim()))
}

/// Parses the date part returned by [`split_dated_line`].
pub(crate) fn parse_log_date(date: &str) -> Option<NaiveDate> {
    parse_ymd(date)
}

/// Dates kept in the index as their day number (three bytes), not as
/// text (eleven): for `#[serde(with = "stored_date")]`.
pub(crate) mod stored_date {
    use chrono::{Datelike, NaiveDate};
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(date.num_days_from_ce())
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let day = i32::deserialize(d)?;
        NaiveDate::from_num_days_from_ce_opt(day).ok_or_else(|| D::Error::custom("not a day"))
    }
}

/// Like [`stored_date`], for a date that may be missing: for
/// `#[serde(with = "stored_date_option")]`.
pub(crate) mod stored_date_option {
    use chrono::{Datelike, NaiveDate};
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        date: &Option<NaiveDate>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => s.serialize_some(&date.num_days_from_ce()),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<i32>::deserialize(d)? {
            Some(day) => NaiveDate::from_num_days_from_ce_opt(day)
                .map(Some)
                .ok_or_else(|| D::Error::custom("not a day")),
            None => Ok(None),
        }
    }
}

/// A birthday, with or without the year of birth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Birthday {
    /// The year of birth, when known.
    pub year: Option<i32>,
    /// 1 to 12.
    pub month: u32,
    /// 1 to 31.
    pub day: u32,
}

impl Birthday {
    /// Reads `YYYY-MM-DD`, `--MM-DD` or `MM-DD`. 29 February is accepted
    /// without a year; year 0000 means no year, as in vCards.
    pub fn parse(text: &str) -> Option<Birthday> {
        let text = strip_wikilink(text.trim());
        if let Some(date) = parse_date(text) {
            return Some(Birthday {
                year: Some(date.year()).filter(|year| *year != 0),
                month: date.month(),
                day: date.day(),
            });
        }
        let month_day = text.strip_prefix("--").unwrap_or(text);
        let (month, day) = month_day.split_once('-')?;
        if month.len() != 2 || day.len() != 2 {
            return None;
        }
        let month: u32 = month.parse().ok()?;
        let day: u32 = day.parse().ok()?;
        // 2000 is a leap year, so this accepts 29 February.
        NaiveDate::from_ymd_opt(2000, month, day)?;
        Some(Birthday {
            year: None,
            month,
            day,
        })
    }

    /// The first celebration on or after `today`. In years without
    /// 29 February, a 29 February birthday is celebrated on 28 February.
    pub(crate) fn next_on_or_after(self, today: NaiveDate) -> NaiveDate {
        let this_year = self.in_year(today.year());
        if this_year >= today {
            this_year
        } else {
            self.in_year(today.year() + 1)
        }
    }

    fn in_year(self, year: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
            .or_else(|| NaiveDate::from_ymd_opt(year, self.month, self.day - 1))
            .unwrap_or(NaiveDate::MIN)
    }

    /// The age reached on `date`, when the year of birth is known.
    pub(crate) fn age_on(self, date: NaiveDate) -> Option<i32> {
        let year = self.year?;
        let age = date.year() - year;
        (age > 0).then_some(age)
    }
}

impl fmt::Display for Birthday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(year) => write!(f, "{year:04}-{:02}-{:02}", self.month, self.day),
            None => write!(f, "--{:02}-{:02}", self.month, self.day),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn cadence(text: &str) -> Cadence {
        text.parse().unwrap()
    }

    #[test]
    fn dates_read_by_hand_are_chronos_dates() {
        for year in [
            "0000", "0001", "1815", "1900", "2000", "2024", "2026", "9999",
        ] {
            for month in 0..=13 {
                for day in 0..=32 {
                    let text = format!("{year}-{month:02}-{day:02}");
                    let chrono = NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok();
                    assert_eq!(parse_ymd(&text), chrono, "{text}");
                }
            }
        }
        for bad in [
            "2026-1-02",
            "2026/11/02",
            "+2026-11-02",
            "2026-11-0x",
            "20261-1-02",
        ] {
            assert_eq!(parse_ymd(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_named_cadence_spelling_parses() {
        let cases = [
            ("daily", Cadence::Days(1)),
            ("weekly", Cadence::Weeks(1)),
            ("biweekly", Cadence::Weeks(2)),
            ("fortnightly", Cadence::Weeks(2)),
            ("monthly", Cadence::Months(1)),
            ("bimonthly", Cadence::Months(2)),
            ("quarterly", Cadence::Months(3)),
            ("semiannually", Cadence::Months(6)),
            ("yearly", Cadence::Years(1)),
            ("annually", Cadence::Years(1)),
            ("Monthly", Cadence::Months(1)),
            ("  QUARTERLY ", Cadence::Months(3)),
        ];
        for (text, expected) in cases {
            assert_eq!(cadence(text), expected, "{text}");
        }
    }

    #[test]
    fn short_and_long_count_forms_parse() {
        let cases = [
            ("10d", Cadence::Days(10)),
            ("6w", Cadence::Weeks(6)),
            ("3m", Cadence::Months(3)),
            ("1y", Cadence::Years(1)),
            ("6W", Cadence::Weeks(6)),
            ("every 10 days", Cadence::Days(10)),
            ("every 1 week", Cadence::Weeks(1)),
            ("Every 2 Weeks", Cadence::Weeks(2)),
            ("every 3 months", Cadence::Months(3)),
            ("every  2   years", Cadence::Years(2)),
            ("every other week", Cadence::Weeks(2)),
            ("Every Other Month", Cadence::Months(2)),
        ];
        for (text, expected) in cases {
            assert_eq!(cadence(text), expected, "{text}");
        }
    }

    #[test]
    fn nonsense_cadences_are_errors_not_panics() {
        for text in [
            "",
            "sometimes",
            "0d",
            "-3d",
            "d",
            "3x",
            "every",
            "every week",
            "every 3 fortnights",
            "every 3 weeks please",
            "every other",
            "every another week",
            "99999999999d",
            "10000d",
            "ñ",
            "3é",
        ] {
            assert!(
                text.parse::<Cadence>().is_err(),
                "{text:?} should not parse"
            );
        }
    }

    #[test]
    fn cadence_display_round_trips() {
        for text in [
            "daily",
            "weekly",
            "biweekly",
            "monthly",
            "bimonthly",
            "quarterly",
            "semiannually",
            "yearly",
            "every 10 days",
            "every 6 weeks",
            "every 5 months",
            "every 2 years",
        ] {
            assert_eq!(cadence(text).to_string(), text);
        }
    }

    #[test]
    fn january_31_plus_one_month_is_end_of_february() {
        assert_eq!(
            Cadence::Months(1).after(date("2026-01-31")),
            Some(date("2026-02-28"))
        );
        assert_eq!(
            Cadence::Months(1).after(date("2028-01-31")),
            Some(date("2028-02-29"))
        );
        assert_eq!(
            Cadence::Months(3).after(date("2026-11-30")),
            Some(date("2027-02-28"))
        );
        assert_eq!(
            Cadence::Years(1).after(date("2028-02-29")),
            Some(date("2029-02-28"))
        );
    }

    #[test]
    fn days_and_weeks_are_exact() {
        assert_eq!(
            Cadence::Weeks(1).after(date("2026-12-28")),
            Some(date("2027-01-04"))
        );
        assert_eq!(
            Cadence::Days(10).after(date("2026-02-25")),
            Some(date("2026-03-07"))
        );
    }

    #[test]
    fn dates_accept_times_and_wikilinks_only() {
        assert_eq!(parse_date("2026-11-02"), Some(date("2026-11-02")));
        assert_eq!(parse_date("2026-11-02 14:30"), Some(date("2026-11-02")));
        assert_eq!(parse_date("2026-11-02T14:30:00Z"), Some(date("2026-11-02")));
        assert_eq!(parse_date("[[2026-11-02]]"), Some(date("2026-11-02")));
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("2026-13-01"), None);
        assert_eq!(parse_date("2026-1-2"), None);
        assert_eq!(parse_date("2026-11-02x"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("2026-11-0é"), None);
    }

    #[test]
    fn dated_lines_split_into_date_and_text() {
        assert_eq!(
            split_dated_line("2026-11-02 Coffee."),
            Some(("2026-11-02", "Coffee."))
        );
        assert_eq!(
            split_dated_line("2026-11-02: Call"),
            Some(("2026-11-02", "Call"))
        );
        assert_eq!(
            split_dated_line("2026-11-02 - Call"),
            Some(("2026-11-02", "Call"))
        );
        assert_eq!(
            split_dated_line("2026-11-02 — Lunch"),
            Some(("2026-11-02", "Lunch"))
        );
        assert_eq!(
            split_dated_line("[[2026-11-02]] Lunch"),
            Some(("2026-11-02", "Lunch"))
        );
        assert_eq!(
            split_dated_line("[[2026-11-02|Monday]]: Lunch"),
            Some(("2026-11-02", "Lunch"))
        );
        assert_eq!(split_dated_line("2026-11-02"), Some(("2026-11-02", "")));
        assert_eq!(
            split_dated_line("2026-02-30 impossible"),
            Some(("2026-02-30", "impossible"))
        );
        assert_eq!(split_dated_line("Coffee on 2026-11-02"), None);
        assert_eq!(split_dated_line("20261102 Coffee"), None);
        assert_eq!(split_dated_line("2026-11-02x"), None);
        assert_eq!(split_dated_line("ñññññ"), None);
    }

    #[test]
    fn birthdays_with_and_without_year() {
        assert_eq!(
            Birthday::parse("1815-12-10"),
            Some(Birthday {
                year: Some(1815),
                month: 12,
                day: 10
            })
        );
        let no_year = Birthday {
            year: None,
            month: 12,
            day: 10,
        };
        assert_eq!(Birthday::parse("--12-10"), Some(no_year));
        assert_eq!(Birthday::parse("12-10"), Some(no_year));
        assert_eq!(Birthday::parse("02-29").map(|b| b.day), Some(29));
        assert_eq!(Birthday::parse("02-30"), None);
        assert_eq!(Birthday::parse("13-01"), None);
        assert_eq!(Birthday::parse("December 10"), None);
        assert_eq!(Birthday::parse("2026-02-29"), None);
        // Year 0000 is "no year", as a vCard's BDAY reads it.
        assert_eq!(
            Birthday::parse("0000-03-01").map(|b| b.to_string()),
            Some("--03-01".into())
        );
        assert_eq!(
            Birthday::parse("0000-02-29").map(|b| b.to_string()),
            Some("--02-29".into())
        );
    }

    #[test]
    fn leap_day_birthday_falls_on_february_28_in_common_years() {
        let leap = Birthday::parse("2000-02-29").unwrap();
        assert_eq!(
            leap.next_on_or_after(date("2026-02-01")),
            date("2026-02-28")
        );
        assert_eq!(
            leap.next_on_or_after(date("2028-02-01")),
            date("2028-02-29")
        );
        assert_eq!(
            leap.next_on_or_after(date("2026-03-01")),
            date("2027-02-28")
        );
        assert_eq!(leap.age_on(date("2026-02-28")), Some(26));
    }

    #[test]
    fn next_birthday_wraps_into_next_year() {
        let birthday = Birthday::parse("--01-03").unwrap();
        assert_eq!(
            birthday.next_on_or_after(date("2026-12-30")),
            date("2027-01-03")
        );
        assert_eq!(
            birthday.next_on_or_after(date("2027-01-03")),
            date("2027-01-03")
        );
        assert_eq!(birthday.age_on(date("2027-01-03")), None);
    }
}
