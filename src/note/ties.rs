//! What a note says about the relationship beyond contact dates, digested
//! once with its summary: the last outing and the last share, who started
//! the latest contacts (a log text starting with `←` is one they started),
//! the notes it links to and the introductions its log records.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::index::words;
use crate::note::Person;
use crate::note::cadence::{parse_ymd, stored_date};
use crate::note::fields::Field;
use crate::note::log::{Entry, EntryKind};
use crate::vault::config::Outings;

/// How many of the latest contacts are remembered for who started them.
pub(crate) const LEAD_WINDOW: usize = 5;

/// How many of the latest contacts in a row they must have started for
/// the report to say so.
pub(crate) const LEAD_MARKED: usize = 3;

/// The generic outing tag, whatever the config's kinds: `#outing`.
pub(crate) const OUTING: &str = "outing";

/// What a log text starts with when they reached out.
pub(crate) const FROM_THEM: &str = "←";

/// The same, as typed on a keyboard without arrows.
const FROM_THEM_ASCII: &str = "<-";

/// First words (stemmed) of a log line that gave them something: `Shared
/// the report`, `Sent the article`; also as tags.
const SHARE_STEMS: &[&str] = &["share", "sent"];

/// Who started a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Starter {
    /// They reached out (`←`).
    Them,
    /// The user did.
    You,
}

/// Where a log line is: its date and line. (Its text is the note's: a
/// summary read for every report keeps no more.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct At {
    /// The line's date.
    #[serde(with = "stored_date")]
    pub date: NaiveDate,
    /// Its 1-based line in the note.
    pub line: usize,
}

impl At {
    fn of(entry: &Entry) -> At {
        At {
            date: entry.date,
            line: entry.line,
        }
    }
}

/// An outing: a contact of one of the kinds of config `outings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outing {
    /// Its kind (`lunch`), or `outing` for a plain `#outing`.
    pub kind: String,
    /// Its log line.
    pub at: At,
    /// The note it is written in when not the person's own (a daily or
    /// meeting note that mentions them).
    pub note: Option<String>,
}

/// What the log and links of a note say about the relationship.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ties {
    /// The newest outing on or before the summary's day.
    pub last_outing: Option<Outing>,
    /// The newest share (something given: `Shared: …`, `Sent …`) on or
    /// before the summary's day.
    pub last_share: Option<At>,
    /// Who started each of the latest contacts on or before the summary's
    /// day, newest first, at most five.
    pub started: Vec<Starter>,
    /// The notes it links to (wikilinks and Markdown links in the body,
    /// and whom `introduced_by` names), as folded file names: `marcus chen`.
    pub links: Vec<String>,
    /// The folded texts of the log lines that speak of an introduction
    /// (`Introduced to …`, `promised an intro to Grace`), open ones too.
    pub intros: Vec<String>,
}

/// What one log text says it was.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct LineKind {
    /// They reached out: the text starts with `←` (or `<-`).
    pub(crate) from_them: bool,
    /// The kind of outing it was.
    pub(crate) outing: Option<String>,
    /// Something given.
    pub(crate) share: bool,
}

impl LineKind {
    /// Reads `text`, a log line's text after its date, with the kinds of
    /// outing `outings`: a kind is a tag anywhere (`#lunch`, `#food/lunch`)
    /// or the first word (`Lunch at Zuni`), compared stemmed.
    pub(crate) fn of(text: &str, outings: &Outings) -> LineKind {
        let (from_them, rest) = match strip_from_them(text) {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let marks = |word: &str| -> bool {
            // A word beyond ASCII may fold to anything, and is stemmed to see.
            !word.is_ascii() || marking_stems(outings).any(|stem| starts_alike(word, stem))
        };
        // Only words that may be a kind are stemmed: most first words are not.
        let first = first_word(rest)
            .filter(|word| marks(word))
            .and_then(words::stem);
        let tags: Vec<String> = if rest.contains('#') {
            tags(rest)
                .filter(|tag| marks(tag))
                .filter_map(words::stem)
                .collect()
        } else {
            Vec::new()
        };
        let marked = |stem: &str| first.as_deref() == Some(stem) || tags.iter().any(|t| t == stem);
        let outing = outings
            .stemmed()
            .find(|(_, stems)| stems.iter().any(|stem| marked(stem)))
            .map(|(kind, _)| kind.to_string())
            .or_else(|| marked(OUTING).then(|| OUTING.to_string()));
        LineKind {
            from_them,
            outing,
            share: SHARE_STEMS.iter().any(|stem| marked(stem)),
        }
    }
}

/// Every stem that makes a log line something: the kinds of outing's,
/// [`OUTING`] and the shares'.
fn marking_stems(outings: &Outings) -> impl Iterator<Item = &str> {
    outings
        .stemmed()
        .flat_map(|(_, stems)| stems.iter().map(String::as_str))
        .chain([OUTING])
        .chain(SHARE_STEMS.iter().copied())
}

/// Whether `word` may stem to `stem`: stemming changes only the end of an
/// English word, so the first letters agree (a word with other letters than
/// ASCII may fold to anything, and is stemmed to see).
fn may_stem_to(word: &str, stem: &str) -> bool {
    !word.is_ascii() || starts_alike(word, stem)
}

/// Whether the ASCII `word` starts with the first three letters of `stem`,
/// in any case (never when they are not ASCII).
fn starts_alike(word: &str, stem: &str) -> bool {
    let start = &stem.as_bytes()[..stem.len().min(3)];
    word.len() >= start.len() && word.as_bytes()[..start.len()].eq_ignore_ascii_case(start)
}

/// `text` as a log text of a contact they started: `← text` (unchanged
/// when it says so already, or says nothing).
pub fn from_them(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() || strip_from_them(text).is_some() {
        return text.to_string();
    }
    format!("{FROM_THEM} {text}")
}

/// The text after a leading `←` (or `<-`), when it has one.
fn strip_from_them(text: &str) -> Option<&str> {
    let text = text.trim_start();
    text.strip_prefix(FROM_THEM)
        .or_else(|| text.strip_prefix(FROM_THEM_ASCII))
        .map(str::trim_start)
}

/// The first run of letters and digits of `text`.
fn first_word(text: &str) -> Option<&str> {
    let start = text.find(char::is_alphanumeric)?;
    let rest = &text[start..];
    let end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

/// Each part of each tag of `text` (`#food/lunch` gives `food` and
/// `lunch`): a `#` at the start or after a space, then a letter.
fn tags(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices('#')
        .filter(move |(at, _)| {
            text[..*at]
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || c == '(')
        })
        .filter_map(move |(at, _)| {
            let rest = &text[at + 1..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '/')))
                .unwrap_or(rest.len());
            let tag = &rest[..end];
            tag.starts_with(char::is_alphabetic).then_some(tag)
        })
        .flat_map(|tag| tag.split('/'))
}

impl Ties {
    /// What `person`'s note says, its log split on `as_of`, outings read
    /// by `outings`.
    pub(crate) fn of(person: &Person, outings: &Outings, as_of: NaiveDate) -> Ties {
        let mut past: Vec<&Entry> = person
            .entries
            .iter()
            .filter(|e| e.kind != EntryKind::Open && e.date <= as_of)
            .collect();
        // Newest first; entries of one day keep the order they are written in.
        past.sort_by_key(|e| std::cmp::Reverse(e.date));
        let mut ties = Ties::default();
        for entry in past {
            let known = ties.started.len() == LEAD_WINDOW
                && ties.last_outing.is_some()
                && ties.last_share.is_some();
            if known {
                // Older contacts can change none of it.
                break;
            }
            let kind = LineKind::of(&entry.text, outings);
            if ties.started.len() < LEAD_WINDOW {
                ties.started.push(if kind.from_them {
                    Starter::Them
                } else {
                    Starter::You
                });
            }
            if ties.last_outing.is_none()
                && let Some(kind) = kind.outing
            {
                ties.last_outing = Some(Outing {
                    kind,
                    at: At::of(entry),
                    note: None,
                });
            }
            if ties.last_share.is_none() && kind.share {
                ties.last_share = Some(At::of(entry));
            }
        }
        ties.intros = person
            .entries
            .iter()
            .filter(|e| speaks_of_intro(&e.text))
            .map(|e| crate::text::fold(&e.text))
            .collect();
        let introduced_by = person.fields.text(Field::IntroducedBy);
        let mut links: Vec<String> = introduced_by
            .into_iter()
            .filter_map(link_name)
            .chain(links_in(&person.body))
            .collect();
        links.sort_unstable();
        links.dedup();
        ties.links = links;
        ties
    }

    /// Counts a contact written in `note` (line `at`, reading `text`) that
    /// mentions the person: an outing, when it reads as one and is newer
    /// than the last.
    pub(crate) fn count_mention(&mut self, text: &str, at: At, note: &str, outings: &Outings) {
        if self
            .last_outing
            .as_ref()
            .is_some_and(|last| last.at.date >= at.date)
        {
            return;
        }
        if let Some(kind) = LineKind::of(text, outings).outing {
            self.last_outing = Some(Outing {
                kind,
                at,
                note: Some(note.to_string()),
            });
        }
    }

    /// Who started the latest contact, and how many in a row they started.
    pub fn streak(&self) -> Option<(Starter, usize)> {
        let first = *self.started.first()?;
        let count = self.started.iter().take_while(|s| **s == first).count();
        Some((first, count))
    }

    /// How many of the latest contacts in a row they started, when that is
    /// at least three: the user should take the lead.
    pub fn they_lead(&self) -> Option<usize> {
        self.streak()
            .filter(|(who, count)| *who == Starter::Them && *count >= LEAD_MARKED)
            .map(|(_, count)| count)
    }

    /// Who started the latest contacts, for people: "they reached out the
    /// last 3 times", "you reached out last time (they started 2 of the
    /// last 5)"; `None` without a contact.
    pub fn lead_text(&self) -> Option<String> {
        let (who, count) = self.streak()?;
        let mut text = reached_out(who, count);
        let theirs = self.started.iter().filter(|s| **s == Starter::Them).count();
        if count < self.started.len() && theirs > 0 {
            text.push_str(&format!(
                " (they started {theirs} of the last {})",
                self.started.len()
            ));
        }
        Some(text)
    }

    /// Whether this note links to the note named `stem` (folded), or its
    /// log speaks of introducing one of `names` (folded).
    pub(crate) fn connects(&self, stem: &str, names: &[String]) -> bool {
        self.links
            .binary_search_by(|l| l.as_str().cmp(stem))
            .is_ok()
            || self
                .intros
                .iter()
                .any(|text| names.iter().any(|name| has_words(text, name)))
    }
}

/// "they reached out the last 3 times", "you reached out last time".
pub(crate) fn reached_out(who: Starter, count: usize) -> String {
    let who = match who {
        Starter::Them => "they",
        Starter::You => "you",
    };
    match count {
        1 => format!("{who} reached out last time"),
        n => format!("{who} reached out the last {n} times"),
    }
}

/// Whether `text` (folded) holds `words` (folded) as whole words.
fn has_words(text: &str, words: &str) -> bool {
    let words = words.trim();
    !words.is_empty()
        && text.match_indices(words).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + words.len()..].chars().next();
            before.is_none_or(|c| !c.is_alphanumeric())
                && after.is_none_or(|c| !c.is_alphanumeric())
        })
}

/// What the stem of a word speaking of an introduction starts with.
const INTRO: &str = "intro";

/// Whether a log text speaks of an introduction (`intro`, `introduced`).
fn speaks_of_intro(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'i', b'I', bytes).any(|at| {
        bytes[at + 1..]
            .get(..4)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"ntro"))
    }) && words::spans(text).any(|at| {
        // Only a word that may stem to it is stemmed.
        let word = &text[at];
        may_stem_to(word, INTRO) && words::stem(word).is_some_and(|stem| stem.starts_with(INTRO))
    })
}

/// The folded file name a link target names: `people/Marcus Chen.md#Log`
/// is `marcus chen`; `None` for a date (a daily note) or nothing.
fn link_name(target: &str) -> Option<String> {
    let target = target.split(['|', '#', '^']).next()?.trim();
    let file = target.rsplit('/').next()?;
    let stem = crate::note::file_stem(file).trim();
    (!stem.is_empty() && parse_ymd(stem).is_none()).then(|| crate::text::fold(stem))
}

/// The notes `text` links to: `[[target]]`, `[[target|label]]`,
/// `![[target]]` and Markdown links to `.md` files (percent-decoded).
fn links_in(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    for at in memchr::memmem::find_iter(bytes, b"[[") {
        let inner = &text[at + 2..];
        if let Some(end) = inner.find("]]")
            && !inner[..end].contains('\n')
            && let Some(name) = link_name(&inner[..end])
        {
            found.push(name);
        }
    }
    for at in memchr::memmem::find_iter(bytes, b"](") {
        let rest = &text[at + 2..];
        let Some(end) = rest.find(')') else { continue };
        let url = rest[..end]
            .trim()
            .trim_start_matches('<')
            .trim_end_matches('>');
        let decoded = crate::text::percent_decode(url).unwrap_or_else(|| url.to_string());
        let path = decoded.split('#').next().unwrap_or_default();
        if path.to_lowercase().ends_with(".md")
            && !path.contains("://")
            && let Some(name) = link_name(path)
        {
            found.push(name);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::{Parsed, parse};

    fn day(text: &str) -> NaiveDate {
        parse_ymd(text).unwrap()
    }

    fn ties(text: &str) -> Ties {
        match parse("people/P.md", text.as_bytes()) {
            Parsed::Person(p) => Ties::of(&p, &Outings::default(), day("2026-11-24")),
            other => panic!("{other:?}"),
        }
    }

    fn kind(text: &str) -> LineKind {
        LineKind::of(text, &Outings::default())
    }

    #[test]
    fn outings_are_tags_or_first_words_in_any_form() {
        assert_eq!(kind("#lunch at Zuni").outing.as_deref(), Some("lunch"));
        assert_eq!(kind("Lunch at Zuni").outing.as_deref(), Some("lunch"));
        assert_eq!(
            kind("Walked the Embarcadero").outing.as_deref(),
            Some("walk")
        );
        assert_eq!(kind("Great round (#golf)").outing.as_deref(), Some("golf"));
        assert_eq!(
            kind("Quick #food/Dinners").outing.as_deref(),
            Some("dinner")
        );
        assert_eq!(
            kind("← Coffee, her treat").outing.as_deref(),
            Some("coffee")
        );
        assert_eq!(kind("#outing to the zoo").outing.as_deref(), Some("outing"));
        for not in ["Call about lunch", "Sent coffee beans", "Issue#lunch", ""] {
            assert_eq!(kind(not).outing, None, "{not}");
        }
        let config = crate::vault::config::Config::parse("outings:\n  lunch: [brunch]\n").unwrap();
        assert_eq!(
            LineKind::of("Brunches at Zuni", &config.outings)
                .outing
                .as_deref(),
            Some("lunch")
        );
        assert_eq!(LineKind::of("Golf", &config.outings).outing, None);
    }

    #[test]
    fn a_word_may_stem_to_a_stem_it_starts_like() {
        assert!(may_stem_to("Lunches", "lunch"));
        assert!(may_stem_to("WALKED", "walk"));
        assert!(may_stem_to("go", "go"));
        assert!(!may_stem_to("go", "golf"));
        assert!(!may_stem_to("Call", "coffe"));
        assert!(may_stem_to("Ästhetik", "golf"));
        assert!(!may_stem_to("cafe", "caé"));
        assert!(!may_stem_to("abcdef", "日本"));
    }

    #[test]
    fn shares_and_who_started() {
        assert!(kind("Shared: the regatta piece").share);
        assert!(kind("Sent the article").share);
        assert!(kind("Article #shared").share);
        assert!(kind("← Called about the board").from_them);
        assert!(kind("<- called").from_them);
        assert!(!kind("Called ← later").from_them);
    }

    #[test]
    fn the_log_gives_the_last_outing_share_and_starters() {
        let t = ties(
            "## Log\n- 2026-12-01 #dinner planned\n- 2026-11-20 ← Call\n- 2026-11-20 Sent the deck\n\
             - [ ] 2026-11-01 #lunch promised\n- [x] 2026-10-01 Lunch at Zuni\n- 2026-09-01 ← Coffee\n\
             - 2026-08-01 ← Call\n- 2026-07-01 ← Call\n",
        );
        let outing = t.last_outing.clone().unwrap();
        assert_eq!(
            (outing.kind.as_str(), outing.at.date),
            ("lunch", day("2026-10-01"))
        );
        assert_eq!(t.last_share.unwrap().line, 4);
        use Starter::*;
        assert_eq!(t.started, [Them, You, You, Them, Them]);
        assert_eq!(t.streak(), Some((Them, 1)));
        assert_eq!(t.they_lead(), None);
        assert_eq!(
            t.lead_text().as_deref(),
            Some("they reached out last time (they started 3 of the last 5)")
        );
    }

    #[test]
    fn introductions_are_the_words_stemmed_to_intro() {
        let texts = [
            "Promised an intro to Sam",
            "INTRODUCED Zoë to the Müller family",
            "Zoë: introductions, intros",
            "#intro pending",
            "reintroduced the idea",
            "Intr o; in tro; nointro",
            "Introspection, introvert",
            "Ïntro café",
            "",
        ];
        for text in texts {
            let stemmed = crate::index::words::words(text)
                .iter()
                .any(|word| word.stem.starts_with(INTRO));
            let memchr_says = text.to_lowercase().contains("intro");
            assert_eq!(speaks_of_intro(text), stemmed && memchr_says, "{text}");
        }
        assert!(speaks_of_intro("INTRODUCED Zoë to the Müller family"));
        assert!(!speaks_of_intro("reintroduced the idea"));
    }

    #[test]
    fn from_them_marks_once() {
        assert_eq!(from_them(" Called "), "← Called");
        assert_eq!(from_them("← Called"), "← Called");
        assert_eq!(from_them("<- Called"), "<- Called");
        assert_eq!(from_them("  "), "");
    }

    #[test]
    fn three_in_a_row_from_them_is_marked() {
        let t = ties("- 2026-11-20 ← a\n- 2026-11-10 ← b\n- 2026-11-01 <- c\n- 2026-10-01 d\n");
        assert_eq!(t.they_lead(), Some(3));
        assert_eq!(
            t.lead_text().as_deref(),
            Some("they reached out the last 3 times (they started 3 of the last 4)")
        );
        let mine = ties("- 2026-11-20 a\n- 2026-11-10 b\n");
        assert_eq!(
            mine.lead_text().as_deref(),
            Some("you reached out the last 2 times")
        );
        assert_eq!(ties("").lead_text(), None);
    }

    #[test]
    fn links_and_introductions_connect() {
        let t = ties(
            "---\nintroduced_by: \"[[Ada Lovelace]]\"\n---\n\
             Works with [[Zoë Müller#Log|Zoë]] and [Tom](../people/Tom%C3%A1s%20%C3%81lvarez.md),\n\
             ![[people/Grace Hopper|GH]].\n\
             - 2026-11-02 Daily [[2026-11-02]]\n- [ ] 2026-11-20 Promised an intro to Sam\n",
        );
        assert_eq!(
            t.links,
            [
                "ada lovelace",
                "grace hopper",
                "tomas alvarez",
                "zoe muller"
            ]
        );
        assert!(t.connects("zoe muller", &[]));
        assert!(t.connects("sam whitaker", &["sam whitaker".into(), "sam".into()]));
        assert!(!t.connects("samuel", &["samuel".into()]));
        assert!(!t.connects("priya raman", &["priya".into()]));
    }
}
