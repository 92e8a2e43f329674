//! Byte-preserving edits to a person note: one dated line added to its
//! `## Log`, every other byte (BOM, line endings, front matter) kept. Pure.

use chrono::{Datelike, NaiveDate};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::note::frontmatter;
use crate::note::log::{self, Entry, EntryKind};
use crate::note::without_comments;

/// A note with its new line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    /// The note's new bytes.
    pub bytes: Vec<u8>,
    /// The line as written, without its line ending.
    pub line: String,
    /// Its 1-based line number in the new note.
    pub line_number: usize,
}

/// Why a line was not added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The note is not UTF-8.
    #[error("the note is not UTF-8 text; kith only changes UTF-8 notes")]
    NotUtf8,
    /// Nothing to log.
    #[error("the log text is empty")]
    EmptyText,
    /// The text would not stay one line.
    #[error("the log text holds a line break or control character ({0:?}); give it on one line")]
    ControlChar(char),
    /// A date a note cannot hold.
    #[error("{0} is outside the years 0001 to 9999 that a log date can have")]
    DateOutOfRange(NaiveDate),
    /// The insertion would change how the rest reads.
    #[error(
        "the new line would change how the rest of the note reads (a code block or HTML left open?); add it by hand"
    )]
    Unsafe,
}

/// Adds `- DATE TEXT` to the note's Log section, newest first: above the
/// first entry of the same date or older, below newer (planned) ones. Open
/// promises (`- [ ]`) carry deadlines, not contact dates, so they do not
/// decide the place. The line copies its neighbour's style: bullet and
/// indent, `### DATE` headings, `[[DATE]]` links. Without a Log heading,
/// `## Log` is added at the end of the note.
pub fn insert_log_entry(bytes: &[u8], date: NaiveDate, text: &str) -> Result<Added, EditError> {
    let text = checked_text(text)?;
    if !(1..=9999).contains(&date.year()) {
        return Err(EditError::DateOutOfRange(date));
    }
    let source = std::str::from_utf8(bytes).map_err(|_| EditError::NotUtf8)?;
    let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let content = &source[bom..];
    let eol = line_ending(content);
    let body = frontmatter::split(content).body;
    let body_start = bom + content.len() - body.len();

    // Comments are not text: a Log heading or entry inside one is not the
    // note's. Blanking keeps every offset, so places found in the visible
    // body are places in the note.
    let (at, new_text) = match log_section(&without_comments(body)) {
        Some(section) => {
            let (at, line) = section.place(date, text);
            (body_start + at, line)
        }
        None => {
            let blank = if content.is_empty() || ends_with_blank_line(content) {
                ""
            } else {
                eol
            };
            let line = format!("{blank}## Log{eol}- {date} {text}");
            (source.len(), line)
        }
    };
    let expected = expected_entry(date, text)?;
    [false, true]
        .into_iter()
        .map(|blank_after| splice(source, at, &new_text, eol, blank_after))
        .find(|added| reads_as_one_more_entry(content, &added.bytes[bom..], &expected, added))
        .ok_or(EditError::Unsafe)
}

/// The text trimmed, refused when empty or when it would span lines.
fn checked_text(text: &str) -> Result<&str, EditError> {
    let text = text.trim();
    if let Some(c) = text
        .chars()
        .find(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}'))
    {
        return Err(EditError::ControlChar(c));
    }
    if text.is_empty() {
        return Err(EditError::EmptyText);
    }
    Ok(text)
}

/// The file's line ending: that of its first line, else `\n`.
pub(crate) fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(at) if text[..at].ends_with('\r') => "\r\n",
        _ => "\n",
    }
}

fn ends_with_blank_line(text: &str) -> bool {
    text.strip_suffix('\n')
        .map(|t| t.strip_suffix('\r').unwrap_or(t))
        .is_some_and(|t| t.ends_with('\n'))
}

/// The offset where the line holding `offset` starts.
fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |at| at + 1)
}

/// The offset just after the last line of `range` that is not blank, or
/// `range.start` when all of it is blank.
fn end_of_content(text: &str, range: std::ops::Range<usize>) -> usize {
    match text[range.clone()].trim_end().len() {
        0 => range.start,
        len => {
            let last = range.start + len;
            text[last..]
                .find('\n')
                .map_or(text.len(), |at| last + at + 1)
        }
    }
}

/// A heading or list item at the top level of the body (not quoted, not
/// nested in another list).
struct Block {
    /// `Some(level)` for headings, `None` for list items.
    heading: Option<usize>,
    range: std::ops::Range<usize>,
    text: String,
}

/// Every top-level heading and list item of `body`, in order.
fn blocks(body: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut quotes = 0usize;
    let mut lists = 0usize;
    let mut in_heading = false;
    let options = Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let top = quotes == 0 && lists == 0;
        match event {
            Event::Start(Tag::BlockQuote(_)) => quotes += 1,
            Event::End(TagEnd::BlockQuote(_)) => quotes = quotes.saturating_sub(1),
            Event::Start(Tag::List(_)) => lists += 1,
            Event::End(TagEnd::List(_)) => lists = lists.saturating_sub(1),
            Event::Start(Tag::Item) if quotes == 0 && lists == 1 => blocks.push(Block {
                heading: None,
                range,
                text: String::new(),
            }),
            Event::Start(Tag::Heading { level, .. }) if top => {
                in_heading = true;
                blocks.push(Block {
                    heading: Some(level as usize),
                    range,
                    text: String::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(text) | Event::Code(text) if in_heading => {
                if let Some(block) = blocks.last_mut() {
                    block.text.push_str(&text);
                }
            }
            _ => {}
        }
    }
    blocks
}

fn is_log_heading(text: &str) -> bool {
    text.trim()
        .trim_end_matches(':')
        .trim_end()
        .eq_ignore_ascii_case("log")
}

/// A dated entry of the Log section that a new line can go beside.
struct Spot {
    kind: EntryKind,
    date: NaiveDate,
    /// Where its first line starts.
    start: usize,
    /// Just after its last non-blank line.
    end: usize,
    /// What a sibling line starts with: `- `, `  * `, `### `.
    lead: String,
    /// Its date is written as a link, `[[2026-11-02]]`.
    linked: bool,
}

impl Spot {
    fn sibling(&self, date: NaiveDate, text: &str) -> String {
        if self.linked {
            format!("{}[[{date}]] {text}", self.lead)
        } else {
            format!("{}{date} {text}", self.lead)
        }
    }
}

/// The Log section: where its content starts and its dated entries.
struct Section {
    content: usize,
    spots: Vec<Spot>,
}

impl Section {
    /// Where the new line goes and the line itself.
    fn place(&self, date: NaiveDate, text: &str) -> (usize, String) {
        let contacts: Vec<&Spot> = self
            .spots
            .iter()
            .filter(|s| s.kind != EntryKind::Open)
            .collect();
        if let Some(older) = contacts.iter().find(|s| s.date <= date) {
            (older.start, older.sibling(date, text))
        } else if let Some(newer) = contacts.last() {
            (newer.end, newer.sibling(date, text))
        } else if let Some(first) = self.spots.first() {
            (first.start, first.sibling(date, text))
        } else {
            (self.content, format!("- {date} {text}"))
        }
    }
}

/// Finds the first top-level heading named "Log" and the dated list items
/// and sub-headings under it, up to the next heading of its level or above.
fn log_section(body: &str) -> Option<Section> {
    let blocks = blocks(body);
    let at = blocks
        .iter()
        .position(|b| b.heading.is_some() && is_log_heading(&b.text))?;
    let level = blocks[at].heading?;
    let inside = &blocks[at + 1..];
    let section_len = inside
        .iter()
        .position(|b| b.heading.is_some_and(|l| l <= level))
        .unwrap_or(inside.len());
    let inside = &inside[..section_len];
    let section_end = blocks
        .get(at + 1 + section_len)
        .map_or(body.len(), |b| line_start(body, b.range.start));

    let heading = &blocks[at].range;
    let content = end_of_content(body, heading.clone());
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(body.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let (entries, _) = log::entries(body, 1);
    let entry_at = |offset: usize| -> Option<&Entry> {
        let line = line_starts.partition_point(|&s| s <= offset);
        entries.iter().find(|e| e.line == line)
    };

    let mut spots = Vec::new();
    for (index, block) in inside.iter().enumerate() {
        if block.heading.is_some_and(|l| l <= level) {
            continue;
        }
        let Some(entry) = entry_at(block.range.start) else {
            continue;
        };
        let start = line_start(body, block.range.start);
        let line = &body[start..];
        let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        if start + indent.len() < block.range.start {
            // Something other than blanks comes first on the line.
            continue;
        }
        let (lead, end) = match block.heading {
            Some(own) => {
                let next = inside[index + 1..]
                    .iter()
                    .find(|b| b.heading.is_some_and(|l| l <= own))
                    .map_or(section_end, |b| line_start(body, b.range.start));
                let end = end_of_content(body, block.range.start..next);
                (format!("{indent}{} ", "#".repeat(own)), end)
            }
            None => {
                let marker = match line.as_bytes().get(indent.len()) {
                    Some(&bullet @ (b'-' | b'*' | b'+')) => bullet as char,
                    _ => '-',
                };
                let end = end_of_content(body, block.range.clone());
                (format!("{indent}{marker} "), end)
            }
        };
        let first_line = &body[block.range.start..end];
        spots.push(Spot {
            kind: entry.kind,
            date: entry.date,
            start,
            end,
            lead,
            linked: first_line
                .lines()
                .next()
                .is_some_and(|l| l.contains(&format!("[[{}", entry.date))),
        });
    }
    Some(Section { content, spots })
}

/// Inserts `new_text` (one or more lines, no final line ending) at `at`, a
/// line start. At the end of a file without a final newline the file stays
/// without one; a file that holds nothing (but perhaps a BOM) has no last
/// line to end.
fn splice(source: &str, at: usize, new_text: &str, eol: &str, blank_after: bool) -> Added {
    let (before, after) = source.split_at(at);
    let text_before = before.strip_prefix('\u{feff}').unwrap_or(before);
    let unterminated = after.is_empty() && !text_before.is_empty() && !before.ends_with('\n');
    let mut out = String::with_capacity(source.len() + new_text.len() + 4);
    out.push_str(before);
    if unterminated {
        out.push_str(eol);
    }
    let last_line_offset = new_text.rfind('\n').map_or(0, |at| at + 1);
    let entry_at = out.len() + last_line_offset;
    out.push_str(new_text);
    if !unterminated {
        out.push_str(eol);
        if blank_after && !after.is_empty() {
            out.push_str(eol);
        }
        out.push_str(after);
    }
    Added {
        line: new_text[last_line_offset..].to_string(),
        line_number: out[..entry_at].matches('\n').count() + 1,
        bytes: out.into_bytes(),
    }
}

/// What the log parser reads from `- DATE TEXT` on its own.
pub(crate) fn expected_entry(date: NaiveDate, text: &str) -> Result<Entry, EditError> {
    let (mut entries, _) = log::entries(&format!("- {date} {text}\n"), 1);
    match entries.pop() {
        Some(entry) if entries.is_empty() && entry.date == date => Ok(entry),
        _ => Err(EditError::Unsafe),
    }
}

/// Whether `new` (without BOM) reads as `old` with the front matter
/// untouched and exactly one more log entry, `expected`, on the added line.
fn reads_as_one_more_entry(old: &str, new: &[u8], expected: &Entry, added: &Added) -> bool {
    let Ok(new) = std::str::from_utf8(new) else {
        return false;
    };
    let (old_split, new_split) = (frontmatter::split(old), frontmatter::split(new));
    if old_split.yaml != new_split.yaml {
        return false;
    }
    let old_entries = log::entries(&without_comments(old_split.body), old_split.body_line).0;
    let mut new_entries = log::entries(&without_comments(new_split.body), new_split.body_line).0;
    let Some(at) = new_entries.iter().position(|e| e.line == added.line_number) else {
        return false;
    };
    let mine = new_entries.remove(at);
    let same = |a: &Entry, b: &Entry| a.date == b.date && a.text == b.text && a.kind == b.kind;
    same(&mine, expected)
        && old_entries.len() == new_entries.len()
        && old_entries
            .iter()
            .zip(&new_entries)
            .all(|(a, b)| same(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn add(note: &str, date: &str, text: &str) -> String {
        let added = insert_log_entry(note.as_bytes(), day(date), text).unwrap();
        String::from_utf8(added.bytes).unwrap()
    }

    #[test]
    fn newest_first_goes_on_top() {
        let note = "# Ada\n\n## Log\n- 2026-11-02 Coffee\n- 2026-09-14 Call\n";
        assert_eq!(
            add(note, "2026-11-24", "Lunch"),
            "# Ada\n\n## Log\n- 2026-11-24 Lunch\n- 2026-11-02 Coffee\n- 2026-09-14 Call\n"
        );
    }

    #[test]
    fn past_dates_land_in_order_and_above_the_same_day() {
        let note = "## Log\n- 2026-11-02 Coffee\n- 2026-09-14 Call\n";
        assert_eq!(
            add(note, "2026-10-01", "Mid"),
            "## Log\n- 2026-11-02 Coffee\n- 2026-10-01 Mid\n- 2026-09-14 Call\n"
        );
        assert_eq!(
            add(note, "2026-09-14", "Same day"),
            "## Log\n- 2026-11-02 Coffee\n- 2026-09-14 Same day\n- 2026-09-14 Call\n"
        );
        assert_eq!(
            add(note, "2020-01-01", "Oldest"),
            "## Log\n- 2026-11-02 Coffee\n- 2026-09-14 Call\n- 2020-01-01 Oldest\n"
        );
    }

    #[test]
    fn planned_entries_stay_above_and_open_promises_do_not_decide() {
        let note = "## Log\n- 2026-12-05 Dinner planned\n- [ ] 2026-10-01 Send deck\n- 2026-11-02 Coffee\n";
        assert_eq!(
            add(note, "2026-11-24", "Call"),
            "## Log\n- 2026-12-05 Dinner planned\n- [ ] 2026-10-01 Send deck\n- 2026-11-24 Call\n- 2026-11-02 Coffee\n"
        );
        let only_planned = "## Log\n- 2026-12-05 Dinner\n  more about it\n\n## Notes\n";
        assert_eq!(
            add(only_planned, "2026-11-24", "Call"),
            "## Log\n- 2026-12-05 Dinner\n  more about it\n- 2026-11-24 Call\n\n## Notes\n"
        );
        let only_promises = "## Log\n- [ ] 2026-10-01 Send deck\n";
        assert_eq!(
            add(only_promises, "2026-11-24", "Call"),
            "## Log\n- 2026-11-24 Call\n- [ ] 2026-10-01 Send deck\n"
        );
    }

    #[test]
    fn nested_details_stay_with_their_entry() {
        let note = "## Log\n- 2026-12-05 Dinner\n  - 2026-12-06 follow-up call\n  - wine\n- 2026-11-02 Coffee\n";
        assert_eq!(
            add(note, "2026-11-30", "Call"),
            "## Log\n- 2026-12-05 Dinner\n  - 2026-12-06 follow-up call\n  - wine\n- 2026-11-30 Call\n- 2026-11-02 Coffee\n"
        );
    }

    #[test]
    fn bullet_indent_and_links_follow_the_neighbour() {
        assert_eq!(
            add("## Log\n * [[2026-11-02]] Coffee\n", "2026-11-24", "Call"),
            "## Log\n * [[2026-11-24]] Call\n * [[2026-11-02]] Coffee\n"
        );
        assert_eq!(
            add("## Log\n1. 2026-11-02 Coffee\n", "2026-11-24", "Call"),
            "## Log\n- 2026-11-24 Call\n1. 2026-11-02 Coffee\n"
        );
    }

    #[test]
    fn heading_style_logs_get_a_heading() {
        let note = "## Log\n### 2026-12-01 Offsite\nAgenda.\n\n### 2026-11-02 Coffee\nHiring.\n\n## Notes\nx\n";
        assert_eq!(
            add(note, "2026-11-24", "Call"),
            "## Log\n### 2026-12-01 Offsite\nAgenda.\n\n### 2026-11-24 Call\n### 2026-11-02 Coffee\nHiring.\n\n## Notes\nx\n"
        );
        assert_eq!(
            add(note, "2026-01-01", "First"),
            "## Log\n### 2026-12-01 Offsite\nAgenda.\n\n### 2026-11-02 Coffee\nHiring.\n### 2026-01-01 First\n\n## Notes\nx\n"
        );
    }

    #[test]
    fn missing_log_section_is_added_at_the_end() {
        assert_eq!(add("", "2026-11-24", "Met"), "## Log\n- 2026-11-24 Met\n");
        assert_eq!(
            add("\u{feff}", "2026-11-24", "Met"),
            "\u{feff}## Log\n- 2026-11-24 Met\n"
        );
        assert_eq!(
            add("---\nname: A\n---\n# A\n", "2026-11-24", "Met"),
            "---\nname: A\n---\n# A\n\n## Log\n- 2026-11-24 Met\n"
        );
        assert_eq!(
            add("# A\n\n", "2026-11-24", "Met"),
            "# A\n\n## Log\n- 2026-11-24 Met\n"
        );
        assert_eq!(
            add("# A", "2026-11-24", "Met"),
            "# A\n\n## Log\n- 2026-11-24 Met"
        );
    }

    #[test]
    fn empty_log_section_takes_the_line_under_its_heading() {
        assert_eq!(
            add("## Log\n\n## Next\n", "2026-11-24", "Met"),
            "## Log\n- 2026-11-24 Met\n\n## Next\n"
        );
        assert_eq!(
            add("## Log", "2026-11-24", "Met"),
            "## Log\n- 2026-11-24 Met"
        );
        assert_eq!(
            add("Log\n===\n", "2026-11-24", "Met"),
            "Log\n===\n- 2026-11-24 Met\n"
        );
    }

    #[test]
    fn prose_under_the_heading_is_not_swallowed_into_the_entry() {
        assert_eq!(
            add("## Log\nNewest first.\n", "2026-11-24", "Met"),
            "## Log\n- 2026-11-24 Met\n\nNewest first.\n"
        );
    }

    #[test]
    fn crlf_bom_and_no_final_newline_are_kept() {
        assert_eq!(
            add(
                "\u{feff}---\r\nname: A\r\n---\r\n## Log\r\n- 2026-11-02 Coffee",
                "2026-10-01",
                "Call"
            ),
            "\u{feff}---\r\nname: A\r\n---\r\n## Log\r\n- 2026-11-02 Coffee\r\n- 2026-10-01 Call"
        );
    }

    #[test]
    fn a_log_in_a_comment_is_not_the_section() {
        let note = "# Ada\n%%\n## Log\n- 2026-01-01 old draft\n%%\n<!-- ## Log -->\n\n## Log\n- 2026-11-01 Call\n";
        assert_eq!(
            add(note, "2026-11-24", "Coffee"),
            note.replace(
                "## Log\n- 2026-11-01",
                "## Log\n- 2026-11-24 Coffee\n- 2026-11-01"
            )
        );
        let only_commented = "# Ada\n%% ## Log\n- 2026-01-01 old %%\n";
        assert_eq!(
            add(only_commented, "2026-11-24", "Coffee"),
            format!("{only_commented}\n## Log\n- 2026-11-24 Coffee\n")
        );
    }

    #[test]
    fn log_heading_in_code_or_quotes_is_not_the_section() {
        let note = "```\n## Log\n- 2026-01-01 x\n```\n> ## Log\n";
        assert_eq!(
            add(note, "2026-11-24", "Met"),
            format!("{note}\n## Log\n- 2026-11-24 Met\n")
        );
    }

    #[test]
    fn the_first_log_section_is_used_and_its_end_respected() {
        let note = "## Log\n- 2026-01-01 a\n## Other\n- 2026-12-01 not the log\n## Log\n";
        assert_eq!(
            add(note, "2025-01-01", "b"),
            "## Log\n- 2026-01-01 a\n- 2025-01-01 b\n## Other\n- 2026-12-01 not the log\n## Log\n"
        );
    }

    #[test]
    fn added_line_and_its_number_are_reported() {
        let added = insert_log_entry(
            b"---\na: 1\n---\n## Log\n- 2026-11-02 x\n",
            day("2026-11-24"),
            " Hi ",
        )
        .unwrap();
        assert_eq!(added.line, "- 2026-11-24 Hi");
        assert_eq!(added.line_number, 5);
        let appended = insert_log_entry(b"x", day("2026-11-24"), "Hi").unwrap();
        assert_eq!(appended.line_number, 4);
    }

    #[test]
    fn bad_text_and_dates_are_refused() {
        let refuse = |text: &str| insert_log_entry(b"", day("2026-11-24"), text).unwrap_err();
        assert_eq!(refuse("a\nb"), EditError::ControlChar('\n'));
        assert_eq!(refuse("a\rb"), EditError::ControlChar('\r'));
        assert_eq!(refuse("a\u{2028}b"), EditError::ControlChar('\u{2028}'));
        assert_eq!(refuse("  "), EditError::EmptyText);
        assert!(matches!(
            insert_log_entry(b"", NaiveDate::from_ymd_opt(10000, 1, 1).unwrap(), "x"),
            Err(EditError::DateOutOfRange(_))
        ));
        assert_eq!(
            insert_log_entry(b"\xff", day("2026-11-24"), "x").unwrap_err(),
            EditError::NotUtf8
        );
    }

    #[test]
    fn a_note_ending_in_an_open_code_block_is_refused_not_corrupted() {
        let error = insert_log_entry(b"```\ncode\n", day("2026-11-24"), "x").unwrap_err();
        assert_eq!(error, EditError::Unsafe);
    }

    #[test]
    fn text_with_markup_and_pipes_is_written_as_given() {
        assert_eq!(
            add("## Log\n", "2026-11-24", "Met **Zoë** | a|b [[Grace]]"),
            "## Log\n- 2026-11-24 Met **Zoë** | a|b [[Grace]]\n"
        );
    }

    /// Every pasting of awkward fragments either is refused or differs from
    /// the original by one inserted run of bytes: nothing else ever moves.
    #[test]
    fn awkward_notes_only_ever_gain_an_insertion() {
        let fragments = [
            "---\n",
            "name: x\n",
            "## Log\n",
            "- 2026-11-02 a\n",
            "### 2026-10-01 h\n",
            "```\n",
            "> ## Log\n",
            "\r\n",
            "text",
            "- [ ] 2026-12-01 p\n",
            "1. 2026-01-01 o\n",
            "\u{feff}",
            "Log\n===\n",
            "  - 2026-11-30 n\n",
            "<!--\n",
            "\n",
        ];
        let mut seed = 12345u64;
        for _ in 0..3000 {
            let mut note = String::new();
            for _ in 0..5 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                note.push_str(fragments[(seed >> 33) as usize % fragments.len()]);
            }
            let Ok(added) = insert_log_entry(note.as_bytes(), day("2026-11-24"), "Call") else {
                continue;
            };
            let (old, new) = (note.as_bytes(), added.bytes.as_slice());
            let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
            let suffix = old[prefix..]
                .iter()
                .rev()
                .zip(new[prefix..].iter().rev())
                .take_while(|(a, b)| a == b)
                .count();
            assert_eq!(
                prefix + suffix,
                old.len(),
                "{note:?} became {:?}",
                added.line
            );
        }
    }
}
