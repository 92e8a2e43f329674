//! One to-do item of the report, written and read back by the same rules:
//! `- [ ] LINK *DETAILS*`, where LINK opens the person's note and DETAILS
//! (escaped, so never holding a bare `*`) say why the item is there. What
//! a user types after the item is theirs: it becomes the log text.

use chrono::NaiveDate;

use crate::note::cadence::parse_ymd;

/// Said after an item whose tick kith could not record.
pub(crate) const NOT_RECORDED: &str = "⚠ not recorded:";

/// What a ticked item asks for, as its details say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Ask {
    /// A contact today (overdue, due soon, never contacted).
    Contact,
    /// Birthday wishes today.
    Birthday,
    /// An outing today.
    Outing,
    /// Tick the promise dated `date` whose text the report showed as
    /// `shown`, in the note `source` (else the person's own).
    Promise {
        date: NaiveDate,
        shown: String,
        source: Option<String>,
    },
}

/// A ticked line of the report, taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Ticked {
    /// The linked note's vault path, as the link names it (`.md` added).
    pub(crate) target: String,
    /// What the item asks for; `None` when its details were removed.
    pub(crate) ask: Option<Ask>,
    /// What the user typed after the item, cleaned of separators.
    pub(crate) comment: String,
    /// The line after its checkbox, without an earlier warning: what a
    /// report shows again when the tick is not recorded.
    pub(crate) shown: String,
}

/// A ticked line kith cannot read as an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unreadable {
    /// The line after its checkbox, without an earlier warning.
    pub(crate) shown: String,
}

/// An item line: `- [ ] LINK *DETAILS*`.
pub(crate) fn line(link: &str, details: &str) -> String {
    format!("- [ ] {link} *{details}*")
}

/// The details of a promise dated `date`, shown relative to today as
/// `relative`, of text `shown` (escaped); `source_link` when the promise is
/// written in another note than the person's.
pub(crate) fn promise_details(
    date: NaiveDate,
    relative: &str,
    source_link: Option<&str>,
    shown: &str,
) -> String {
    match source_link {
        Some(link) => format!("{date} ({relative}) in {link}: {shown}"),
        None => format!("{date} ({relative}): {shown}"),
    }
}

/// How an outing item's details start: `last outing 2025-06-12
/// (dinner)` (the kind escaped), or `no outing logged`.
pub(crate) fn outing_details(last: Option<(NaiveDate, &str)>) -> String {
    match last {
        Some((date, kind)) => format!("{LAST_OUTING}{date} ({kind})"),
        None => NO_OUTING.to_string(),
    }
}

/// The start of the details of an outing item with an outing logged…
const LAST_OUTING: &str = "last outing ";
/// …and without.
const NO_OUTING: &str = "no outing logged";

/// The details of a birthday on `date`.
pub(crate) fn birthday_details(date: NaiveDate, relative: &str, age: Option<i32>) -> String {
    match age {
        Some(age) => format!("birthday {date} ({relative}), turns {age}"),
        None => format!("birthday {date} ({relative})"),
    }
}

/// Reads one line of the report: `None` unless it is a ticked task (`- [x]`,
/// any bullet or number, `x` or `X`), else the item or why it is not one.
pub(crate) fn read_ticked(line: &str) -> Option<Result<Ticked, Unreadable>> {
    let rest = ticked_rest(line)?;
    let shown = match rest.find(NOT_RECORDED) {
        Some(at) => rest[..at].trim_end(),
        None => rest.trim_end(),
    };
    let unreadable = || {
        Some(Err(Unreadable {
            shown: shown.to_string(),
        }))
    };
    let Some((target, after)) = read_link(shown) else {
        return unreadable();
    };
    let after = after.trim_start();
    let (details, comment) = match after.strip_prefix('*') {
        Some(inner) => match closing_star(inner) {
            Some(end) => (Some(&inner[..end]), &inner[end + 1..]),
            None => return unreadable(),
        },
        None => (None, after),
    };
    Some(Ok(Ticked {
        target: note_path(&target),
        ask: details.map(ask_of),
        comment: clean_comment(comment),
        shown: shown.to_string(),
    }))
}

/// The text after a ticked checkbox, or `None` for any other line.
fn ticked_rest(line: &str) -> Option<&str> {
    let line = line.trim_start_matches('\u{feff}').trim_start();
    let after_marker = match line.as_bytes().first()? {
        b'-' | b'*' | b'+' => &line[1..],
        b'0'..=b'9' => {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            let rest = &line[digits..];
            rest.strip_prefix('.').or_else(|| rest.strip_prefix(')'))?
        }
        _ => return None,
    };
    let spaced = after_marker.trim_start_matches([' ', '\t']);
    if spaced.len() == after_marker.len() {
        return None;
    }
    let rest = spaced
        .strip_prefix("[x]")
        .or_else(|| spaced.strip_prefix("[X]"))?;
    (rest.is_empty() || rest.starts_with([' ', '\t'])).then(|| rest.trim_start())
}

/// Reads a link at the start of `text`: a wikilink (`[[path|label]]`, the
/// bar perhaps escaped) or a Markdown link (`[label](encoded path)`).
/// Returns its target and the text after it.
pub(crate) fn read_link(text: &str) -> Option<(String, &str)> {
    if let Some(inner) = text.strip_prefix("[[") {
        let end = inner.find("]]")?;
        let target = inner[..end].split('|').next()?.trim_end_matches('\\');
        let target = target.split('#').next()?.trim();
        return (!target.is_empty()).then(|| (target.to_string(), &inner[end + 2..]));
    }
    let inner = text.strip_prefix('[')?;
    let mut escaped = false;
    let mut label_end = None;
    for (at, c) in inner.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ']' => {
                label_end = Some(at);
                break;
            }
            _ => {}
        }
    }
    let url_part = inner[label_end?..].strip_prefix("](")?;
    let end = url_part.find(')')?;
    let url = url_part[..end]
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>');
    let target = crate::text::percent_decode(url)?;
    (!target.is_empty()).then(|| (target, &url_part[end + 1..]))
}

/// The vault path a link target names: `.md` added when missing.
fn note_path(target: &str) -> String {
    let target = target.trim_start_matches("./");
    if target.to_lowercase().ends_with(".md") {
        target.to_string()
    } else {
        format!("{target}.md")
    }
}

/// The offset of the first `*` in `text` that is not escaped.
fn closing_star(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (at, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '*' => return Some(at),
            _ => {}
        }
    }
    None
}

/// What details ask for: `birthday …`, an outing, `DATE (…): text`,
/// else a contact.
fn ask_of(details: &str) -> Ask {
    if details.starts_with("birthday ") {
        return Ask::Birthday;
    }
    if details.starts_with(LAST_OUTING) || details.starts_with(NO_OUTING) {
        return Ask::Outing;
    }
    let Some(date) = details.get(..10).and_then(parse_ymd) else {
        return Ask::Contact;
    };
    let rest = &details[10..];
    let after_relative = rest
        .trim_start()
        .strip_prefix('(')
        .and_then(|r| r.split_once(')'))
        .map_or(rest, |(_, after)| after);
    let (source, shown) = match after_relative.strip_prefix(" in ") {
        Some(linked) => match read_link(linked) {
            Some((target, after)) => (Some(note_path(&target)), after),
            None => (None, after_relative),
        },
        None => (None, after_relative),
    };
    let shown = shown.strip_prefix(':').unwrap_or(shown).trim();
    Ask::Promise {
        date,
        shown: shown.to_string(),
        source,
    }
}

/// The user's text after an item: separators they put first (`— called`)
/// and marks plugins add at the end (the Tasks plugin's `✅ DATE`, a block
/// id `^abc`) are dropped.
fn clean_comment(text: &str) -> String {
    let mut text = text.trim();
    loop {
        let before = text.len();
        if let Some((rest, last)) = text.rsplit_once(' ') {
            let done_date =
                rest.trim_end().strip_suffix('✅').is_some() && parse_ymd(last).is_some();
            let block_id = last.len() > 1
                && last.starts_with('^')
                && last[1..]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-');
            if done_date {
                text = rest.trim_end().trim_end_matches('✅').trim_end();
            } else if block_id {
                text = rest.trim_end();
            }
        } else if text == "✅" || (text.starts_with('^') && text.len() > 1) {
            text = "";
        }
        if text.len() == before {
            break;
        }
    }
    text.trim_start_matches(|c: char| c.is_whitespace() || "—–-:·,;".contains(c))
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        parse_ymd(text).unwrap()
    }

    fn ticked(line: &str) -> Ticked {
        read_ticked(line).unwrap().unwrap()
    }

    #[test]
    fn only_ticked_task_lines_are_read() {
        assert!(read_ticked("- [ ] [[people/A|A]] *x*").is_none());
        assert!(read_ticked("- people/A.md:3: bad").is_none());
        assert!(read_ticked("## Overdue (1)").is_none());
        assert!(read_ticked("-[x] [[A]]").is_none());
        assert!(read_ticked("- [x][[A]]").is_none());
        for line in [
            "- [x] [[A]]",
            "* [X] [[A]]",
            "+ [x] [[A]]",
            "  - [x] [[A]]",
            "12. [x] [[A]]",
            "3) [x] [[A]]",
            "\u{feff}- [x] [[A]]",
            "- [x] [[A]]\r",
        ] {
            assert_eq!(ticked(line).target, "A.md", "{line:?}");
        }
    }

    #[test]
    fn a_contact_item_gives_its_note_and_the_typed_comment() {
        let item = ticked(
            "- [x] [[people/Marcus Chen|Marcus Chen]] *7 days overdue · weekly · last 2026-11-10: Lunch — fine* — called, he's in",
        );
        assert_eq!(item.target, "people/Marcus Chen.md");
        assert_eq!(item.ask, Some(Ask::Contact));
        assert_eq!(item.comment, "called, he's in");
    }

    #[test]
    fn escaped_stars_and_links_in_the_details_do_not_end_them() {
        let item =
            ticked("- [x] [[people/A\\|A]] *last 2026-11-10: a \\*b\\* \\[\\[X\\]\\] c\\\\* ok*");
        assert_eq!(item.target, "people/A.md");
        assert_eq!(item.comment, "ok*");
    }

    #[test]
    fn markdown_links_are_decoded() {
        let item = ticked("- [x] [A\\|B \\] x](people/A%7CB%20%23.md) *monthly*");
        assert_eq!(item.target, "people/A|B #.md");
        assert_eq!(item.comment, "");
    }

    #[test]
    fn promises_give_their_date_text_and_source() {
        let item = ticked(
            "- [x] [[people/Ada|Ada]] *2026-11-20 (4 days ago): Send her the \\*notes\\** sent",
        );
        assert_eq!(
            item.ask,
            Some(Ask::Promise {
                date: day("2026-11-20"),
                shown: "Send her the \\*notes\\*".into(),
                source: None,
            })
        );
        assert_eq!(item.comment, "sent");
        let elsewhere = ticked(
            "- [x] [[people/Ada|Ada]] *2026-11-20 (today) in [[Daily/2026-11-20]]: Send the deck*",
        );
        assert_eq!(
            elsewhere.ask,
            Some(Ask::Promise {
                date: day("2026-11-20"),
                shown: "Send the deck".into(),
                source: Some("Daily/2026-11-20.md".into()),
            })
        );
    }

    #[test]
    fn outings_are_recognised() {
        for line in [
            "- [x] [[people/Ada|Ada]] *no outing logged · likes horses* lunch",
            "- [x] [[people/Ada|Ada]] *last outing 2025-06-12 (dinner) · likes horses*",
        ] {
            assert_eq!(ticked(line).ask, Some(Ask::Outing), "{line}");
        }
    }

    #[test]
    fn birthdays_are_recognised() {
        let item = ticked("- [x] [[people/Ada|Ada]] *birthday 2026-12-01 (in 7 days), turns 40*");
        assert_eq!(item.ask, Some(Ask::Birthday));
    }

    #[test]
    fn a_warning_from_an_earlier_run_is_not_part_of_the_comment() {
        let item = ticked(
            "- [x] [[people/Gone|Gone]] *weekly* called ⚠ not recorded: people/Gone.md is gone",
        );
        assert_eq!(item.comment, "called");
        assert_eq!(item.shown, "[[people/Gone|Gone]] *weekly* called");
    }

    #[test]
    fn plugin_marks_and_separators_are_not_log_text() {
        assert_eq!(clean_comment(" ✅ 2026-11-24"), "");
        assert_eq!(clean_comment(" — called ✅ 2026-11-24"), "called");
        assert_eq!(clean_comment(": called ^abc-1"), "called");
        assert_eq!(clean_comment(" - – · called, ok"), "called, ok");
        assert_eq!(clean_comment("^only"), "");
    }

    #[test]
    fn lines_without_a_link_or_with_broken_details_are_unreadable() {
        assert_eq!(
            read_ticked("- [x] buy milk"),
            Some(Err(Unreadable {
                shown: "buy milk".into()
            }))
        );
        assert!(matches!(
            read_ticked("- [x] [[people/A|A]] *never closed"),
            Some(Err(_))
        ));
        let bare = ticked("- [x] [[people/A|A]] called");
        assert_eq!(bare.ask, None);
        assert_eq!(bare.comment, "called");
    }
}
