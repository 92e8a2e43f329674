//! Links a note makes to other notes: wikilinks (`[[Marcus Chen]]`,
//! `[[people/Marcus Chen#Log|Marc]]`) and Markdown links to notes in its
//! body, read with pulldown-cmark so that code, comments and embeds never
//! count, each with the line it stands on (its text as it reads, a task or
//! not, its own date); and wikilinks in a participants property
//! (`attendees: ["[[Grace Hopper]]"]`). Pure: no filesystem.

use chrono::NaiveDate;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};
use serde_yaml::Value;

use crate::note::cadence::{parse_log_date, split_dated_line};
use crate::note::fields::with_normal_key;
use crate::note::log::{EntryKind, Lines};

/// The properties whose links name the people a note is with.
const PARTICIPANTS: &[&str] = &["attendees", "participants", "with", "people", "from", "to"];

/// One link of a note, where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The note linked to as written: `people/Marcus Chen` of
    /// `[[people/Marcus Chen#Log|Marc]]`; a Markdown link's path decoded.
    pub target: String,
    /// Written as a Markdown link, whose path is relative to the note.
    pub markdown: bool,
    /// 1-based line in the file.
    pub line: usize,
    /// A plain line or property, an open task or a ticked one.
    pub kind: EntryKind,
    /// The date the line starts with (`- [ ] 2026-11-21 Send …`).
    pub date: Option<NaiveDate>,
    /// The line's text after that date, links shown as their text; empty
    /// for a property.
    pub text: String,
}

/// Whether `key` names the people a note is with (`attendees`, `With`).
pub(crate) fn is_participants_key(key: &str) -> bool {
    with_normal_key(key, |key| PARTICIPANTS.contains(&key))
}

/// The targets of the wikilinks in a property's value: quoted
/// (`"[[Grace Hopper]]"`, `"[[A]], [[B]]"`), in a list, or unquoted
/// (`[[Grace Hopper]]`, which YAML reads as a list in a list). Plain text
/// is not a link.
pub(crate) fn property_targets(value: &Value) -> Vec<String> {
    match value {
        Value::String(text) => wikilinks_in(text),
        Value::Sequence(items) => match items.as_slice() {
            [Value::Sequence(inner)] if inner.len() == 1 => match &inner[0] {
                Value::String(text) => target_of(text).into_iter().collect(),
                _ => Vec::new(),
            },
            _ => items.iter().flat_map(property_targets).collect(),
        },
        Value::Tagged(tagged) => property_targets(&tagged.value),
        _ => Vec::new(),
    }
}

/// The targets of the `[[…]]` in `text`.
fn wikilinks_in(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("[[") {
        let inner = &rest[open + 2..];
        let Some(close) = inner.find("]]") else {
            break;
        };
        found.extend(target_of(&inner[..close]));
        rest = &inner[close + 2..];
    }
    found
}

/// The note a wikilink's inside names: without `|display`, `#heading` or
/// `^block`, nor the `\` that escapes a `|` in a table; `None` when that
/// leaves nothing (a link to a heading of the same note).
fn target_of(inner: &str) -> Option<String> {
    let target = inner.split('|').next().unwrap_or(inner);
    let target = target.split('#').next().unwrap_or(target);
    let target = target.trim_end_matches('\\').trim();
    (!target.is_empty()).then(|| target.to_string())
}

/// The note a Markdown link's destination names: a path, decoded, without
/// `#heading`; `None` for web and mail addresses and for files that are
/// not notes (`photo.png`).
fn markdown_target(url: &str) -> Option<String> {
    let url = url.trim().trim_start_matches('<').trim_end_matches('>');
    if url.contains("://") || url.starts_with("mailto:") || url.starts_with('#') {
        return None;
    }
    let path = crate::text::percent_decode(url.split('#').next().unwrap_or(url))?;
    let name = path.rsplit('/').next().unwrap_or(&path);
    let note = match name.rsplit_once('.') {
        None => true,
        Some((_, extension)) => extension.eq_ignore_ascii_case("md"),
    };
    let path = path.trim();
    let path = match path.len().checked_sub(3) {
        Some(cut) if path.is_char_boundary(cut) && path[cut..].eq_ignore_ascii_case(".md") => {
            &path[..cut]
        }
        _ => path,
    };
    (note && !path.rsplit('/').next().unwrap_or(path).trim().is_empty()).then(|| path.to_string())
}

/// A block whose text is being collected: a list item, heading, table
/// row, or a paragraph outside them.
struct Block {
    /// A paragraph outside a list item, which its own end closes.
    paragraph: bool,
    text: String,
    task: Option<bool>,
    /// A nested block began: later text belongs to it, not here.
    closed: bool,
    /// This block's links: target, Markdown or not, offset.
    links: Vec<(String, bool, usize)>,
}

impl Block {
    fn new(paragraph: bool) -> Block {
        Block {
            paragraph,
            text: String::new(),
            task: None,
            closed: false,
            links: Vec::new(),
        }
    }
}

/// A link being read: what it shows is collected apart.
struct Open {
    /// `[[target]]` without a display text: shown as the target alone.
    bare_wikilink: bool,
    shown: String,
}

/// Every link in `body` (comments already blanked), whose first line is
/// line `first_line` of the file, in the order written. Links in code, in
/// HTML and embeds (`![[Template]]`) are not links to a note.
pub(crate) fn in_body(body: &str, first_line: usize) -> Vec<Link> {
    if !body.contains("[[") && !body.contains("](") {
        return Vec::new();
    }
    let lines = Lines::new(body, first_line);
    let mut found = Vec::new();
    let mut stack: Vec<Block> = Vec::new();
    let mut link: Option<Open> = None;
    let mut embed = 0usize;
    let mut in_code = false;
    let options = Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TABLES
        | Options::ENABLE_WIKILINKS;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Item | Tag::Heading { .. } | Tag::TableRow | Tag::TableHead) => {
                if let Some(parent) = stack.last_mut() {
                    parent.closed = true;
                }
                stack.push(Block::new(false));
            }
            Event::Start(Tag::Paragraph) if stack.is_empty() => stack.push(Block::new(true)),
            Event::End(TagEnd::Paragraph) => {
                if stack.last().is_some_and(|block| block.paragraph)
                    && let Some(block) = stack.pop()
                {
                    finish(block, &lines, &mut found);
                }
            }
            Event::End(
                TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableRow | TagEnd::TableHead,
            ) => {
                if let Some(block) = stack.pop() {
                    finish(block, &lines, &mut found);
                }
            }
            Event::Start(tag @ (Tag::List(_) | Tag::CodeBlock(_))) => {
                in_code |= matches!(tag, Tag::CodeBlock(_));
                if let Some(parent) = stack.last_mut() {
                    parent.closed = true;
                }
            }
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::End(TagEnd::TableCell) => {
                if let Some(block) = stack.last_mut()
                    && !block.closed
                {
                    block.text.push_str(" · ");
                }
            }
            Event::TaskListMarker(checked) => {
                if let Some(block) = stack.last_mut()
                    && block.text.is_empty()
                {
                    block.task = Some(checked);
                }
            }
            Event::Start(Tag::Image { .. }) => embed += 1,
            Event::End(TagEnd::Image) => embed = embed.saturating_sub(1),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if embed == 0 => {
                let target = match link_type {
                    LinkType::WikiLink { .. } => target_of(&dest_url).map(|t| (t, false)),
                    LinkType::Inline => markdown_target(&dest_url).map(|t| (t, true)),
                    _ => None,
                };
                if let Some((target, markdown)) = target
                    && let Some(block) = stack.last_mut()
                    && !block.closed
                {
                    block.links.push((target, markdown, range.start));
                }
                link = Some(Open {
                    bare_wikilink: matches!(link_type, LinkType::WikiLink { has_pothole: false }),
                    shown: String::new(),
                });
            }
            Event::End(TagEnd::Link) if embed == 0 => {
                if let Some(open) = link.take()
                    && let Some(block) = stack.last_mut()
                    && !block.closed
                {
                    let shown = if open.bare_wikilink {
                        // `[[Note#Heading]]` reads `Note`; `[[#Heading]]`, `Heading`.
                        let parts = open.shown.split('#').map(str::trim);
                        let mut parts = parts.filter(|part| !part.is_empty());
                        parts
                            .next()
                            .unwrap_or_default()
                            .trim_end_matches('\\')
                            .to_string()
                    } else {
                        open.shown
                    };
                    block.text.push_str(&shown);
                }
            }
            Event::Text(text) | Event::Code(text) if !in_code && embed == 0 => match &mut link {
                Some(open) => open.shown.push_str(&text),
                None => {
                    if let Some(block) = stack.last_mut()
                        && !block.closed
                    {
                        block.text.push_str(&text);
                    }
                }
            },
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

/// The links of a finished `block`, each once, with the block's text.
fn finish(block: Block, lines: &Lines, found: &mut Vec<Link>) {
    if block.links.is_empty() {
        return;
    }
    let text = without_callout(block.text.trim().trim_end_matches(" ·").trim());
    let (date, text) = match split_dated_line(text) {
        Some((date, rest)) => match parse_log_date(date) {
            Some(date) => (Some(date), rest),
            None => (None, text),
        },
        None => (None, text),
    };
    let kind = match block.task {
        None => EntryKind::Note,
        Some(false) => EntryKind::Open,
        Some(true) => EntryKind::Done,
    };
    let mut seen: Vec<String> = Vec::new();
    for (target, markdown, offset) in block.links {
        let key = target.to_lowercase();
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        found.push(Link {
            target,
            markdown,
            line: lines.line_of(offset),
            kind,
            date,
            text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        });
    }
}

/// `text` without the `[!note]` that opens an Obsidian callout.
fn without_callout(text: &str) -> &str {
    match text
        .strip_prefix("[!")
        .and_then(|rest| rest.split_once(']'))
    {
        Some((kind, rest)) if !kind.contains(char::is_whitespace) => {
            rest.trim_start_matches(['+', '-']).trim_start()
        }
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// Each link's target, line and the text of its line.
    fn shown(links: &[Link]) -> Vec<(&str, usize, &str)> {
        links
            .iter()
            .map(|l| (l.target.as_str(), l.line, l.text.as_str()))
            .collect()
    }

    fn targets(body: &str) -> Vec<String> {
        in_body(body, 1).into_iter().map(|l| l.target).collect()
    }

    #[test]
    fn every_wikilink_form_names_its_note() {
        let links = in_body(
            "- Lunch with [[Marcus Chen]], he'll send two founders\n\
             - Call: [[Marcus Chen|Marc]] and [[people/Ada Lovelace#Log]] and [[Grace^x]]\n\
             - [[Ada Lovelace#^block|the countess]] [[#Heading]] [[ Zoë ]]\n",
            5,
        );
        assert_eq!(
            shown(&links),
            [
                (
                    "Marcus Chen",
                    5,
                    "Lunch with Marcus Chen, he'll send two founders"
                ),
                (
                    "Marcus Chen",
                    6,
                    "Call: Marc and people/Ada Lovelace and Grace^x"
                ),
                (
                    "people/Ada Lovelace",
                    6,
                    "Call: Marc and people/Ada Lovelace and Grace^x"
                ),
                (
                    "Grace^x",
                    6,
                    "Call: Marc and people/Ada Lovelace and Grace^x"
                ),
                ("Ada Lovelace", 7, "the countess Heading Zoë"),
                ("Zoë", 7, "the countess Heading Zoë"),
            ]
        );
        assert!(
            links
                .iter()
                .all(|l| l.kind == EntryKind::Note && !l.markdown)
        );
    }

    #[test]
    fn tasks_and_dated_lines_keep_their_kind_and_date() {
        let links = in_body(
            "- [ ] Send [[Ada Lovelace]] the deck\n\
             - [x] 2026-11-21 Sent [[Grace]] the notes\n\
             - 2026-11-02: Coffee with [[Alan]]\n",
            1,
        );
        assert_eq!(links[0].kind, EntryKind::Open);
        assert_eq!(links[0].date, None);
        assert_eq!(links[0].text, "Send Ada Lovelace the deck");
        assert_eq!(links[1].kind, EntryKind::Done);
        assert_eq!(links[1].date, Some(day("2026-11-21")));
        assert_eq!(links[1].text, "Sent Grace the notes");
        assert_eq!(links[2].date, Some(day("2026-11-02")));
        assert_eq!(links[2].text, "Coffee with Alan");
    }

    #[test]
    fn code_html_and_embeds_are_not_links() {
        let body = "`[[Ada]]` and ![[Daily template]]\n\n```\n[[Grace]]\n```\n\n    [[Indented]]\n\n<div>[[Html]]</div>\n\n![photo](people/Alan.md)\n";
        assert!(targets(body).is_empty(), "{:?}", targets(body));
    }

    #[test]
    fn nested_items_paragraphs_tables_and_callouts_are_lines_of_their_own() {
        let links = in_body(
            "- Board sync with [[Ada]]\n  - follow up with [[Grace]]\n\n\
             A paragraph about\n[[Alan]] over two lines.\n\n\
             | who | what |\n|---|---|\n| [[Zoë\\|Z]] | coffee |\n\n\
             > [!note]- Call with [[Hana]]\n",
            1,
        );
        assert_eq!(
            shown(&links),
            [
                ("Grace", 2, "follow up with Grace"),
                ("Ada", 1, "Board sync with Ada"),
                ("Alan", 5, "A paragraph about Alan over two lines."),
                ("Zoë", 9, "Z · coffee"),
                ("Hana", 11, "Call with Hana"),
            ]
        );
    }

    #[test]
    fn markdown_links_to_notes_count_and_others_do_not() {
        assert_eq!(
            targets(
                "[Marc](people/Marcus%20Chen.md#Log) [x](https://a.example/b.md) \
                 [y](mailto:a@b) [z](photo.png) [w](Grace) [v](#top)\n"
            ),
            ["people/Marcus Chen", "Grace"]
        );
        assert!(in_body("[Marc](Marcus.md)\n", 1)[0].markdown);
    }

    #[test]
    fn a_person_linked_twice_on_a_line_is_one_link() {
        assert_eq!(
            targets("- [[Ada]] and [[ada|her]] and [[Bo]]\n"),
            ["Ada", "Bo"]
        );
    }

    #[test]
    fn crlf_bodies_keep_line_numbers() {
        let links = in_body("# Day\r\n\r\n- a\r\n- call [[Ada]]\r\n", 3);
        assert_eq!(links[0].line, 6);
        assert_eq!(links[0].text, "call Ada");
    }

    #[test]
    fn participants_properties_hold_wikilinks() {
        let yaml = |text: &str| serde_yaml::from_str::<Value>(text).unwrap();
        assert_eq!(
            property_targets(&yaml("[\"[[Grace Hopper]]\", \"[[Ada Lovelace|Ada]]\"]")),
            ["Grace Hopper", "Ada Lovelace"]
        );
        assert_eq!(property_targets(&yaml("[[Ada]]")), ["Ada"]);
        assert_eq!(
            property_targets(&yaml("- [[Ada]]\n- [[Bo]]\n")),
            ["Ada", "Bo"]
        );
        assert_eq!(property_targets(&yaml("\"[[A]], [[B#x]]\"")), ["A", "B"]);
        assert!(property_targets(&yaml("[Grace Hopper]")).is_empty());
        assert!(property_targets(&yaml("Grace")).is_empty());
        assert!(is_participants_key("Attendees"));
        assert!(is_participants_key("with"));
        assert!(!is_participants_key("withdrawn"));
    }
}
