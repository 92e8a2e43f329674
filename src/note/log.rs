//! Finds the dated log entries and promises in a note's Markdown body with
//! pulldown-cmark (a plain body with `simple_log`, which reads it alike),
//! so that code blocks and quotes never count as contact.

use std::borrow::Cow;

use chrono::NaiveDate;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

use crate::note::cadence::{parse_log_date, split_dated_line};
use crate::note::simple_log;

/// What a dated line in the body says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntryKind {
    /// A list item or heading: an interaction (planned when in the future).
    Note,
    /// `- [ ] DATE text`: a promise, open until ticked.
    Open,
    /// `- [x] DATE text`: a kept promise, which counts as contact.
    Done,
}

/// One dated line of a note's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub date: NaiveDate,
    pub text: String,
    /// 1-based line in the file.
    pub line: usize,
    pub kind: EntryKind,
}

/// A dated line whose date is not a real date (`2026-02-30`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BadEntryDate {
    pub line: usize,
    pub date: String,
}

/// A list item or heading whose text is being collected.
struct Block {
    start: usize,
    text: String,
    task: Option<bool>,
    /// A nested list or block began: later text belongs to it, not here.
    closed: bool,
}

/// Maps byte offsets in the body to 1-based file lines.
pub(crate) struct Lines {
    starts: Vec<usize>,
    first_line: usize,
}

impl Lines {
    pub(crate) fn new(body: &str, first_line: usize) -> Lines {
        let starts = std::iter::once(0)
            .chain(body.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { starts, first_line }
    }

    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.first_line + self.starts.partition_point(|&start| start <= offset) - 1
    }
}

/// A list item or heading of a note's body, as it reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    /// 1-based line in the file.
    pub line: usize,
    /// Its text, without nested items: borrowed from the body when it is
    /// one piece of it.
    pub text: Cow<'a, str>,
    /// A task: ticked or not.
    pub task: Option<bool>,
}

/// Reads every dated list item and heading of `body`, whose first line is
/// line `first_line` of the file. Entries inside code blocks, block quotes
/// and HTML are ignored.
pub(crate) fn entries(body: &str, first_line: usize) -> (Vec<Entry>, Vec<BadEntryDate>) {
    let mut found = Vec::new();
    let mut bad = Vec::new();
    for block in lines(body, first_line) {
        let Some((date_text, rest)) = split_dated_line(&block.text) else {
            continue;
        };
        let Some(date) = parse_log_date(date_text) else {
            bad.push(BadEntryDate {
                line: block.line,
                date: date_text.to_string(),
            });
            continue;
        };
        let kind = match block.task {
            None => EntryKind::Note,
            Some(false) => EntryKind::Open,
            Some(true) => EntryKind::Done,
        };
        found.push(Entry {
            date,
            text: rest.to_string(),
            line: block.line,
            kind,
        });
    }
    (found, bad)
}

/// Every list item and heading of `body` (whose first line is line
/// `first_line` of the file) outside code blocks, block quotes and HTML,
/// in the order they end (a nested item before its parent).
pub(crate) fn lines(body: &str, first_line: usize) -> Vec<Line<'_>> {
    simple_log::lines(body, first_line).unwrap_or_else(|| parsed_lines(body, first_line))
}

/// [`lines`] as pulldown-cmark reads them, for any body.
pub(super) fn parsed_lines(body: &str, first_line: usize) -> Vec<Line<'static>> {
    let lines = Lines::new(body, first_line);
    let mut found = Vec::new();
    let mut stack: Vec<Block> = Vec::new();
    let mut quote_depth = 0usize;
    let mut in_code = false;

    let options = Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Item | Tag::Heading { .. }) => {
                if let Some(parent) = stack.last_mut() {
                    parent.closed = true;
                }
                stack.push(Block {
                    start: range.start,
                    text: String::new(),
                    task: None,
                    closed: false,
                });
            }
            Event::Start(tag @ (Tag::List(_) | Tag::CodeBlock(_) | Tag::BlockQuote(_))) => {
                match tag {
                    Tag::CodeBlock(_) => in_code = true,
                    Tag::BlockQuote(_) => quote_depth += 1,
                    _ => {}
                }
                if let Some(parent) = stack.last_mut() {
                    parent.closed = true;
                }
            }
            Event::End(TagEnd::Item | TagEnd::Heading(_)) => {
                let Some(block) = stack.pop() else { continue };
                if quote_depth > 0 {
                    continue;
                }
                found.push(Line {
                    line: lines.line_of(block.start),
                    text: Cow::Owned(block.text),
                    task: block.task,
                });
            }
            Event::TaskListMarker(checked) => {
                if let Some(block) = stack.last_mut()
                    && block.text.is_empty()
                {
                    block.task = Some(checked);
                }
            }
            Event::Text(text) | Event::Code(text) if !in_code => {
                if let Some(block) = stack.last_mut()
                    && !block.closed
                {
                    block.text.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(block) = stack.last_mut()
                    && !block.closed
                {
                    block.text.push(' ');
                }
            }
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(body: &str) -> Entry {
        let (found, bad) = entries(body, 1);
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(found.len(), 1, "{found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn list_items_with_dates_are_entries() {
        let entry = one("## Log\n- 2026-11-02 Coffee. Her team is hiring.\n");
        assert_eq!(entry.date.to_string(), "2026-11-02");
        assert_eq!(entry.text, "Coffee. Her team is hiring.");
        assert_eq!(entry.line, 2);
        assert_eq!(entry.kind, EntryKind::Note);
    }

    #[test]
    fn tasks_are_promises_open_or_done() {
        let (found, _) = entries(
            "- [ ] 2026-11-20 Send notes\n- [x] 2026-10-01 Sent deck\n",
            1,
        );
        assert_eq!(found[0].kind, EntryKind::Open);
        assert_eq!(found[0].text, "Send notes");
        assert_eq!(found[1].kind, EntryKind::Done);
        assert_eq!(found[1].line, 2);
    }

    #[test]
    fn headings_and_wikilinked_dates_count() {
        let (found, _) = entries(
            "### [[2026-10-01]] Review\nText\n\n- [[2026-09-01]]: Call\n",
            10,
        );
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].text, "Review");
        assert_eq!(found[0].line, 10);
        assert_eq!(found[1].text, "Call");
        assert_eq!(found[1].line, 13);
    }

    #[test]
    fn code_blocks_quotes_and_prose_do_not_count() {
        let body = "```\n- 2026-11-23 not a log entry\n```\n\n> - 2026-11-22 quoted\n\n    - 2026-11-21 indented code\n\n2026-11-20 a paragraph\n";
        let (found, bad) = entries(body, 1);
        assert!(found.is_empty(), "{found:?}");
        assert!(bad.is_empty());
    }

    #[test]
    fn code_block_inside_a_list_item_does_not_count() {
        let body = "- Shared a snippet\n  ```\n  2026-11-23 not an entry\n  ```\n";
        assert!(entries(body, 1).0.is_empty());
    }

    #[test]
    fn nested_items_are_separate_entries() {
        let body = "- 2026-11-02 Coffee\n  - 2026-11-03 Follow-up call\n  - details\n";
        let (found, _) = entries(body, 1);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].text, "Follow-up call");
        assert_eq!(found[1].text, "Coffee");
    }

    #[test]
    fn impossible_dates_are_reported_with_their_line() {
        let (found, bad) = entries("- 2026-11-02 ok\n- 2026-02-30 bad\n", 5);
        assert_eq!(found.len(), 1);
        assert_eq!(
            bad,
            vec![BadEntryDate {
                line: 6,
                date: "2026-02-30".into()
            }]
        );
    }

    #[test]
    fn crlf_bodies_keep_line_numbers() {
        let (found, _) = entries("# A\r\n\r\n- 2026-11-02 a\r\n- 2026-11-03 b\r\n", 1);
        assert_eq!(found[1].line, 4);
        assert_eq!(found[1].text, "b");
    }

    #[test]
    fn inline_markup_keeps_its_text() {
        let entry = one("- 2026-11-02 Lunch with **Grace** at `Cafe` about [the paper](x)\n");
        assert_eq!(entry.text, "Lunch with Grace at Cafe about the paper");
    }
}
