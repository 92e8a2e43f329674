//! Daily notes as Obsidian names them: a folder and a moment.js format
//! (`YYYY-MM-DD`, `DD.MM.YYYY`, `YYYY/MM/YYYY-MM-DD`, `dddd, MMMM Do
//! YYYY`), and the date a note's path gives by them or by a date written
//! in its file name (`2026-11-20 Board sync.md`).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::note::file_stem;
use crate::vault::scan::is_below;

/// Where daily notes go and how they are named, as a plugin's settings
/// say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DailyNotes {
    /// Vault-relative folder; `""` is the vault root.
    pub folder: String,
    /// The moment.js format of the path below the folder, without `.md`.
    pub format: String,
}

/// The format Obsidian uses when its settings give none.
pub(crate) const DEFAULT_FORMAT: &str = "YYYY-MM-DD";

impl DailyNotes {
    /// The date the vault-relative note `rel` is the daily note of, when
    /// it is below the folder and its path there has the format.
    pub(crate) fn date_of(&self, rel: &str) -> Option<NaiveDate> {
        let below = if self.folder.is_empty() {
            rel
        } else {
            is_below(rel, &self.folder).then(|| &rel[self.folder.len() + 1..])?
        };
        let name = below
            .get(..below.len().checked_sub(3)?)
            .filter(|_| below.is_char_boundary(below.len() - 3))
            .filter(|_| below[below.len() - 3..].eq_ignore_ascii_case(".md"))?;
        parse(&self.format, name)
    }
}

/// The date a note at `rel` is dated by: a date in its file name (see
/// [`date_in_name`]), else the daily-note format of one of `dailies`.
pub(crate) fn date_of_path(rel: &str, dailies: &[DailyNotes]) -> Option<NaiveDate> {
    date_in_name(rel).or_else(|| dailies.iter().find_map(|daily| daily.date_of(rel)))
}

/// The first real date `YYYY-MM-DD` (or with `_`, `.` or nothing between
/// the parts) in the file name of `rel`, not run into other digits:
/// `2026-11-18.md`, `2026-11-12 Studio kickoff.md`, `20261118 call.md`.
pub(crate) fn date_in_name(rel: &str) -> Option<NaiveDate> {
    date_in(file_stem(rel)).map(|(date, _)| date)
}

/// The first date in `stem` (see [`date_in_name`]) and where it is.
fn date_in(stem: &str) -> Option<(NaiveDate, std::ops::Range<usize>)> {
    let bytes = stem.as_bytes();
    (0..bytes.len()).find_map(|at| {
        let before_is_digit = at > 0 && bytes[at - 1].is_ascii_digit();
        if before_is_digit {
            None
        } else {
            date_at(&bytes[at..]).map(|(date, len)| (date, at..at + len))
        }
    })
}

/// The file name of `rel` without the date in it and the separators
/// around that (`2026-11-12 Studio kickoff.md` is `Studio kickoff`), or
/// the whole name when nothing else is left.
pub(crate) fn title(rel: &str) -> String {
    let stem = file_stem(rel);
    let Some((_, range)) = date_in(stem) else {
        return stem.to_string();
    };
    let rest = format!("{} {}", &stem[..range.start], &stem[range.end..]);
    let words: Vec<&str> = rest
        .split_whitespace()
        .map(|word| word.trim_matches(|c: char| c == '-' || c == '_' || c == '—' || c == '–'))
        .filter(|word| !word.is_empty())
        .collect();
    if words.is_empty() {
        stem.to_string()
    } else {
        words.join(" ")
    }
}

/// The real date `text` starts with: `YYYY-MM-DD` (or with `_`, `.` or
/// nothing between the parts), not followed by another digit; and its
/// length.
fn date_at(text: &[u8]) -> Option<(NaiveDate, usize)> {
    let digits = |from: usize, count: usize| -> Option<u32> {
        let part = text.get(from..from + count)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let year = digits(0, 4)?;
    let separator = match text.get(4) {
        Some(b'-' | b'_' | b'.') => 1,
        _ => 0,
    };
    if separator == 1 && text.get(7) != text.get(4) {
        return None;
    }
    let month = digits(4 + separator, 2)?;
    let day = digits(6 + 2 * separator, 2)?;
    let end = 8 + 2 * separator;
    if text.get(end).is_some_and(u8::is_ascii_digit) || !(1900..2200).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year as i32, month, day).map(|date| (date, end))
}

/// One piece of a moment.js format.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// Text that must be there as it is (`-`, `/`, `[Week]`).
    Literal(String),
    /// `YYYY`: four digits.
    Year,
    /// `YY`: two digits, 2000 on.
    ShortYear,
    /// `MM`, `M`: the month's number, two digits or one or two.
    Month { padded: bool },
    /// `MMMM`, `MMM`: the month's name, whole or short.
    MonthName { short: bool },
    /// `DD`, `D`: the day of the month.
    Day { padded: bool },
    /// `Do`: the day with its English ending (`1st`, `22nd`).
    DayOrdinal,
    /// `DDDD`, `DDD`: the day of the year.
    DayOfYear { padded: bool },
    /// `dddd`, `ddd`, `dd`: the weekday's name, read and checked.
    Weekday { letters: Option<usize> },
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The tokens of a moment.js format, longest first; `None` for a format
/// that names no day (weeks, quarters, times).
fn tokens(format: &str) -> Option<Vec<Token>> {
    const NAMED: &[(&str, Token)] = &[
        ("YYYY", Token::Year),
        ("YY", Token::ShortYear),
        ("MMMM", Token::MonthName { short: false }),
        ("MMM", Token::MonthName { short: true }),
        ("MM", Token::Month { padded: true }),
        ("M", Token::Month { padded: false }),
        ("DDDD", Token::DayOfYear { padded: true }),
        ("DDD", Token::DayOfYear { padded: false }),
        ("DD", Token::Day { padded: true }),
        ("Do", Token::DayOrdinal),
        ("D", Token::Day { padded: false }),
        ("dddd", Token::Weekday { letters: None }),
        ("ddd", Token::Weekday { letters: Some(3) }),
        ("dd", Token::Weekday { letters: Some(2) }),
    ];
    // Tokens kith cannot read as part of a day: weeks, quarters, times.
    const UNREAD: &[&str] = &[
        "gggg", "GGGG", "ww", "WW", "w", "W", "Q", "HH", "H", "hh", "h", "mm", "m", "ss", "s", "A",
        "a", "X", "x", "E", "e", "d",
    ];
    let mut out: Vec<Token> = Vec::new();
    let mut rest = format;
    let literal = |out: &mut Vec<Token>, text: &str| match out.last_mut() {
        Some(Token::Literal(last)) => last.push_str(text),
        _ => out.push(Token::Literal(text.to_string())),
    };
    while let Some(c) = rest.chars().next() {
        if c == '[' {
            let end = rest.find(']')?;
            literal(&mut out, &rest[1..end]);
            rest = &rest[end + 1..];
            continue;
        }
        if let Some((name, token)) = NAMED.iter().find(|(name, _)| rest.starts_with(name)) {
            out.push(token.clone());
            rest = &rest[name.len()..];
            continue;
        }
        if UNREAD.iter().any(|name| rest.starts_with(name)) {
            return None;
        }
        literal(&mut out, &rest[..c.len_utf8()]);
        rest = &rest[c.len_utf8()..];
    }
    Some(out)
}

/// What the tokens read so far say.
#[derive(Debug, Clone, Copy, Default)]
struct Parts {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    day_of_year: Option<u32>,
    weekday: Option<usize>,
}

impl Parts {
    fn date(self) -> Option<NaiveDate> {
        let year = self.year?;
        let date = match (self.month, self.day, self.day_of_year) {
            (Some(month), Some(day), _) => NaiveDate::from_ymd_opt(year, month, day)?,
            (None, None, Some(ordinal)) => NaiveDate::from_yo_opt(year, ordinal)?,
            _ => return None,
        };
        match self.weekday {
            Some(weekday) if date.weekday().num_days_from_monday() as usize != weekday => None,
            _ => Some(date),
        }
    }
}

/// The date `text` names in `format`, read as moment.js reads it in
/// English: every part of the text accounted for, case ignored.
pub(crate) fn parse(format: &str, text: &str) -> Option<NaiveDate> {
    let format = if format.trim().is_empty() {
        DEFAULT_FORMAT
    } else {
        format.trim()
    };
    let tokens = tokens(format)?;
    read(&tokens, &text.to_lowercase(), Parts::default())
}

/// Reads `text` by `tokens`, trying each length a token may take.
fn read(tokens: &[Token], text: &str, parts: Parts) -> Option<NaiveDate> {
    let Some((token, rest)) = tokens.split_first() else {
        return if text.is_empty() { parts.date() } else { None };
    };
    let digits = |min: usize, max: usize| -> Vec<(u32, usize)> {
        let run = text.bytes().take_while(u8::is_ascii_digit).count();
        (min..=max.min(run))
            .rev()
            .filter_map(|len| text[..len].parse().ok().map(|n| (n, len)))
            .collect()
    };
    let mut options: Vec<(Parts, usize)> = Vec::new();
    match token {
        Token::Literal(literal) => {
            if text.starts_with(&literal.to_lowercase()) {
                options.push((parts, literal.to_lowercase().len()));
            }
        }
        Token::Year => {
            for (year, len) in digits(4, 4) {
                options.push((
                    Parts {
                        year: Some(year as i32),
                        ..parts
                    },
                    len,
                ));
            }
        }
        Token::ShortYear => {
            for (year, len) in digits(2, 2) {
                options.push((
                    Parts {
                        year: Some(2000 + year as i32),
                        ..parts
                    },
                    len,
                ));
            }
        }
        Token::Month { padded } => {
            for (month, len) in digits(if *padded { 2 } else { 1 }, 2) {
                options.push((
                    Parts {
                        month: Some(month),
                        ..parts
                    },
                    len,
                ));
            }
        }
        Token::Day { padded } => {
            for (day, len) in digits(if *padded { 2 } else { 1 }, 2) {
                options.push((
                    Parts {
                        day: Some(day),
                        ..parts
                    },
                    len,
                ));
            }
        }
        Token::DayOfYear { padded } => {
            for (ordinal, len) in digits(if *padded { 3 } else { 1 }, 3) {
                options.push((
                    Parts {
                        day_of_year: Some(ordinal),
                        ..parts
                    },
                    len,
                ));
            }
        }
        Token::DayOrdinal => {
            for (day, len) in digits(1, 2) {
                let ending = match (day % 10, day % 100) {
                    (_, 11..=13) => "th",
                    (1, _) => "st",
                    (2, _) => "nd",
                    (3, _) => "rd",
                    _ => "th",
                };
                if text[len..].starts_with(ending) {
                    options.push((
                        Parts {
                            day: Some(day),
                            ..parts
                        },
                        len + 2,
                    ));
                }
            }
        }
        Token::MonthName { short } => {
            for (at, name) in MONTHS.iter().enumerate() {
                let name = if *short { &name[..3] } else { name };
                if text.starts_with(name) {
                    options.push((
                        Parts {
                            month: Some(at as u32 + 1),
                            ..parts
                        },
                        name.len(),
                    ));
                }
            }
        }
        Token::Weekday { letters } => {
            for (at, name) in WEEKDAYS.iter().enumerate() {
                let name = letters.map_or(*name, |n| &name[..n]);
                if text.starts_with(name) {
                    options.push((
                        Parts {
                            weekday: Some(at),
                            ..parts
                        },
                        name.len(),
                    ));
                }
            }
        }
    }
    options
        .into_iter()
        .find_map(|(parts, len)| read(rest, &text[len..], parts))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn moment_formats_read_as_obsidian_writes_them() {
        for (format, name, date) in [
            ("YYYY-MM-DD", "2026-11-20", "2026-11-20"),
            ("", "2026-11-20", "2026-11-20"),
            ("DD.MM.YYYY", "20.11.2026", "2026-11-20"),
            ("YYYY/MM/YYYY-MM-DD", "2026/11/2026-11-20", "2026-11-20"),
            (
                "dddd, MMMM Do YYYY",
                "Friday, November 20th 2026",
                "2026-11-20",
            ),
            ("ddd D MMM YY", "Sun 1 Nov 26", "2026-11-01"),
            ("YYYY-[W]ww", "2026-W47", ""),
            ("[Daily] YYYY-DDDD", "Daily 2026-324", "2026-11-20"),
            ("M/D/YYYY", "11/2/2026", "2026-11-02"),
            ("Do MMMM", "2nd November", ""),
        ] {
            let wanted = (!date.is_empty()).then(|| day(date));
            assert_eq!(parse(format, name), wanted, "{format} {name}");
        }
    }

    #[test]
    fn names_that_do_not_fit_the_format_are_no_date() {
        for (format, name) in [
            ("DD.MM.YYYY", "2026-11-20"),
            ("DD.MM.YYYY", "31.02.2026"),
            ("YYYY-MM-DD", "2026-11-20 extra"),
            ("dddd, MMMM Do YYYY", "Monday, November 20th 2026"),
            ("Do MMMM YYYY", "3st March 2026"),
            ("YYYY-MM-DD", "Ada Lovelace"),
            ("[unclosed", "x"),
        ] {
            assert_eq!(parse(format, name), None, "{format} {name}");
        }
    }

    #[test]
    fn a_daily_note_is_dated_by_its_path_below_the_folder() {
        let daily = DailyNotes {
            folder: "Journal".into(),
            format: "YYYY/MM/DD.MM.YYYY".into(),
        };
        assert_eq!(
            daily.date_of("Journal/2026/11/20.11.2026.md"),
            Some(day("2026-11-20"))
        );
        assert_eq!(daily.date_of("Other/2026/11/20.11.2026.md"), None);
        assert_eq!(daily.date_of("Journal/2026/11/20.11.2026.txt"), None);
        let root = DailyNotes {
            folder: String::new(),
            format: "DD.MM.YYYY".into(),
        };
        assert_eq!(root.date_of("20.11.2026.MD"), Some(day("2026-11-20")));
        assert_eq!(
            date_of_path("x/20.11.2026.md", std::slice::from_ref(&root)),
            None,
            "the format names the whole path"
        );
        assert_eq!(
            date_of_path("Meetings/2026-11-12 Kickoff.md", &[root]),
            Some(day("2026-11-12"))
        );
    }

    #[test]
    fn dates_in_file_names() {
        for (rel, date) in [
            ("Journal/2026-11-18.md", "2026-11-18"),
            ("Meetings/2026-11-12 Studio kickoff.md", "2026-11-12"),
            ("20261118.md", "2026-11-18"),
            ("Call 2026_11_02 with Ada.md", "2026-11-02"),
            ("2026.11.02.md", "2026-11-02"),
        ] {
            assert_eq!(date_in_name(rel), Some(day(date)), "{rel}");
        }
        for rel in [
            "People/Ada Lovelace.md",
            "2026-11/Ada.md",
            "Budget 2026.md",
            "2026-13-02.md",
            "12026-11-02.md",
            "2026-11-022.md",
            "2026-11_02.md",
            "Phone 4155550142.md",
        ] {
            assert_eq!(date_in_name(rel), None, "{rel}");
        }
    }

    #[test]
    fn titles_are_file_names_without_their_date() {
        for (rel, title_of) in [
            ("Meetings/2026-11-18 Board sync.md", "Board sync"),
            ("Interactions/call 2026-11-20 - Ada.md", "call Ada"),
            ("Journal/2026-11-18.md", "2026-11-18"),
            ("Ideas.md", "Ideas"),
        ] {
            assert_eq!(title(rel), title_of, "{rel}");
        }
    }
}
