//! The bodies most notes have, read line by line without a Markdown
//! parser: headings, `- ` items (tasks too) at the margin, their lines
//! continued at the margin, plain paragraphs. Anything that could make
//! the structure or an item's text read otherwise (indents, code, quotes,
//! HTML, markup, escapes, entities, …) is left to pulldown-cmark, which
//! was a twentieth of a full build. Where this reads a body at all it
//! reads it as pulldown-cmark does: a property test holds the two to it.

use std::borrow::Cow;

use crate::note::log::Line;

/// The list items and headings of `body` (whose first line is line
/// `first_line` of the file) as [`crate::note::log::lines`] reads them,
/// when the body is simple enough to be sure; `None` means: ask
/// pulldown-cmark.
pub(crate) fn lines(body: &str, first_line: usize) -> Option<Vec<Line<'_>>> {
    if !plain_bytes(body) || defines_a_link(body) {
        return None;
    }
    let inline = inline_bytes(body.as_bytes());
    let mut found = Vec::new();
    // The item whose paragraph a line at the margin continues.
    let mut open: Option<Line<'_>> = None;
    let mut start = 0;
    for (index, line) in crate::note::lines::split(body).enumerate() {
        // Only a line with a byte that may mean something inline needs a
        // closer look at its text.
        let marked = inline[inline.partition_point(|&at| at < start)..]
            .first()
            .is_some_and(|&at| at < start + line.len());
        start += line.len() + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        let number = first_line + index;
        match block(line, marked)? {
            Block::Blank => found.extend(open.take()),
            Block::Heading(text) => {
                found.extend(open.take());
                found.push(Line {
                    line: number,
                    text: Cow::Borrowed(text),
                    task: None,
                });
            }
            Block::Item(task, text) => {
                found.extend(open.take());
                open = Some(Line {
                    line: number,
                    text: Cow::Borrowed(text),
                    task,
                });
            }
            Block::Paragraph(text) => {
                if let Some(item) = &mut open {
                    if marked && !plain_inline(text) {
                        return None;
                    }
                    let joined = item.text.to_mut();
                    joined.push(' ');
                    joined.push_str(text);
                }
            }
        }
    }
    found.extend(open);
    Some(found)
}

/// What one line of a simple body is.
enum Block<'a> {
    /// Nothing but spaces.
    Blank,
    /// `# text`, its text trimmed.
    Heading(&'a str),
    /// `- text` or `- [ ] text`: whether it is a task and ticked, and its
    /// text, trimmed.
    Item(Option<bool>, &'a str),
    /// Any other line at the margin, trimmed: part of a paragraph.
    Paragraph(&'a str),
}

/// What `line` (without its line break) is; `None` when it may be
/// anything else (an indent, a fence, a quote, HTML, a rule, …). An
/// unmarked line has no byte that may mean something inline.
fn block(line: &str, marked: bool) -> Option<Block<'_>> {
    let reads_plain = |text| !marked || plain_inline(text);
    if line.bytes().all(|b| b == b' ') {
        return Some(Block::Blank);
    }
    if let Some(text) = heading(line) {
        // A closing run of `#` is not part of the text.
        return (!text.ends_with('#') && reads_plain(text)).then_some(Block::Heading(text));
    }
    if let Some(content) = line.strip_prefix("- ") {
        let (task, text) = match content.as_bytes() {
            [b'[', b' ', b']', b' ', ..] => (Some(false), &content[4..]),
            [b'[', b'x' | b'X', b']', b' ', ..] => (Some(true), &content[4..]),
            // A box with anything but a space after it is text, kept apart.
            [b'[', b' ' | b'x' | b'X', b']', ..] => return None,
            _ => (None, content),
        };
        let text = text.trim_end_matches(' ');
        return (starts_plain(text) && reads_plain(text)).then_some(Block::Item(task, text));
    }
    starts_plain(line).then(|| Block::Paragraph(line.trim_end_matches(' ')))
}

/// The text of `line` as an ATX heading (`## text`), trimmed.
fn heading(line: &str) -> Option<&str> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    let rest = &line[hashes..];
    ((1..=6).contains(&hashes) && (rest.is_empty() || rest.starts_with(' ')))
        .then(|| rest.trim_matches(' '))
}

/// Whether `text` (not blank) starts a paragraph and nothing else: not
/// indented, not a list item, quote, fence, rule, HTML or heading.
fn starts_plain(text: &str) -> bool {
    let Some(&first) = text.as_bytes().first() else {
        return false;
    };
    if matches!(
        first,
        b' ' | b'>' | b'<' | b'`' | b'~' | b'*' | b'_' | b'+' | b'=' | b'-' | b'\\'
    ) || heading(text).is_some()
    {
        return false;
    }
    // `1.` or `1)` starts an ordered list.
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    !(digits > 0 && matches!(text.as_bytes().get(digits), Some(b'.' | b')')))
}

/// Whether `text` reads as itself: no emphasis, code, strikethrough, HTML,
/// autolink, escape, inline link or image, nor entity.
fn plain_inline(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Most bytes mean nothing inline: look closer only at those that may.
    bytes.iter().enumerate().all(|(at, &b)| {
        !INLINE[usize::from(b)]
            || match b {
                b']' => bytes.get(at + 1) != Some(&b'('),
                b'&' => {
                    let name = bytes[at + 1..]
                        .iter()
                        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'#')
                        .count();
                    bytes.get(at + 1 + name) != Some(&b';')
                }
                _ => false,
            }
    })
}

/// The bytes [`plain_inline`] looks at: those that may begin something
/// inline (`]` and `&` only may).
static INLINE: [bool; 256] = {
    let mut inline = [false; 256];
    let special = b"*_`~<\\]&";
    let mut i = 0;
    while i < special.len() {
        inline[special[i] as usize] = true;
        i += 1;
    }
    inline
};

/// Where in `body` the [`INLINE`] bytes are, in order. Few lines have
/// any: memchr finds them all a vector at a time, rather than each line's
/// every byte being looked at.
fn inline_bytes(body: &[u8]) -> Vec<usize> {
    let mut found: Vec<usize> = memchr::memchr3_iter(b'*', b'_', b'`', body)
        .chain(memchr::memchr3_iter(b'~', b'<', b'\\', body))
        .chain(memchr::memchr2_iter(b']', b'&', body))
        .collect();
    found.sort_unstable();
    found
}

/// Whether `body` has only bytes that mean themselves to a Markdown
/// parser's blocks: no tab, no other control character, and no carriage
/// return but before a line feed.
fn plain_bytes(body: &str) -> bool {
    let bytes = body.as_bytes();
    // One pass without a branch a byte: the compiler makes it wide.
    let control = bytes.iter().fold(false, |found, &b| {
        found | ((b < 0x20) & (b != b'\n') & (b != b'\r')) | (b == 0x7f)
    });
    !control && memchr::memchr_iter(b'\r', bytes).all(|at| bytes.get(at + 1) == Some(&b'\n'))
}

/// Whether `body` may define a link reference (`[label]: url`), which
/// makes `[label]` elsewhere a link.
fn defines_a_link(body: &str) -> bool {
    let bytes = body.as_bytes();
    memchr::memmem::find_iter(bytes, b"]:").any(|at| at == 0 || bytes[at - 1] != b']')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::dice::Dice;
    use crate::note::log::parsed_lines;

    /// Pieces of a line's text: mostly what log lines hold, now and then
    /// any that matters to Markdown.
    const PLAIN: &[&str] = &[
        "2026-11-02",
        "2026-02-30",
        "[[2026-10-01]]",
        "[[2026-10-01|Oct]]:",
        "Coffee",
        "a",
        " ",
        "Zoë",
        "R&D",
        "←",
        "#lunch",
        "#",
        ":",
        "—",
        "-",
        ".",
        "[x]",
        "[ ]",
        "[",
        "]",
        "(",
        ")",
        "!",
        "|",
        "=",
        "+",
        "1.",
        "'",
        "\"",
        "%",
        "::",
        "\u{a0}",
        "\u{feff}",
        "\u{85}",
    ];
    const TROUBLE: &[&str] = &[
        "**b**",
        "*",
        "_",
        "`c`",
        "`",
        "~~s~~",
        "~",
        "<b>",
        "<!-- c -->",
        "<http://x.y>",
        "&amp;",
        "&#35;",
        "&copy",
        "&;",
        "\\",
        "\\*",
        "[t](u)",
        "![i](s)",
        "[t]: /u",
        "]:",
        "[t][]",
        "\t",
        "  ",
        "    ",
        "\0",
        "\r",
        "```",
        "<-",
    ];
    /// How a line starts.
    const STARTS: &[&str] = &[
        "", "- ", "- ", "- ", "- [ ] ", "- [x] ", "- [X] ", "- [ ]", "- [x]", "- [ ]  ", "# ",
        "## ", "###### ", "####### ", "#", "  ", "    ", "  - ", "    - ", "   ", "* ", "+ ",
        "1. ", "1) ", "> ", "```", "~~~", "---", "- - -", "***", "===", "<div>", "-", "[t]: /u ",
        "- # ", "- > ", "-     ", "\u{feff}",
    ];
    /// How a line ends.
    const ENDS: &[&str] = &[
        "\n", "\n", "\n", "\r\n", "  \n", " \n", "\\\n", "\r", "\n\n",
    ];

    #[test]
    fn the_fast_path_reads_what_pulldown_cmark_reads() {
        let mut dice = Dice(0x2545_F491_4F6C_DD1D);
        let mut agreed = 0;
        for _ in 0..40_000 {
            let mut body = String::new();
            for _ in 0..1 + dice.below(6) {
                // Mostly well-formed, so that most bodies test the fast
                // path, with every kind of trouble now and then.
                let start = match dice.below(3) {
                    0 => dice.pick(STARTS),
                    1 => "",
                    _ => "- ",
                };
                body.push_str(start);
                body.push_str(&dice.text(PLAIN, TROUBLE));
                body.push_str(dice.pick(ENDS));
            }
            if let Some(fast) = lines(&body, 3) {
                assert_eq!(fast, parsed_lines(&body, 3), "{body:?}");
                agreed += 1;
            }
        }
        // The fast path is taken often enough for the test to mean something.
        assert!(agreed > 3_000, "only {agreed} read fast");
    }

    /// The fast path reads `body` (first line 1), as pulldown-cmark does.
    fn read_fast(body: &str) -> Vec<Line<'_>> {
        let fast = lines(body, 1).unwrap_or_else(|| panic!("not read fast: {body:?}"));
        assert_eq!(fast, parsed_lines(body, 1), "{body:?}");
        fast
    }

    #[test]
    fn a_typical_log_is_read_fast_with_lines_and_tasks() {
        let found = read_fast(
            "# Ada\n\nLikes tea.\n\n## Log\n- 2026-11-02 Coffee; R&D talk.\n\
             - [ ] 2026-11-20 Send notes\n- [x] 2026-10-01 Sent deck\n- [X] 2026-09-01 Done\n",
        );
        let read: Vec<(usize, &str, Option<bool>)> =
            found.iter().map(|l| (l.line, &*l.text, l.task)).collect();
        assert_eq!(
            read,
            [
                (1, "Ada", None),
                (5, "Log", None),
                (6, "2026-11-02 Coffee; R&D talk.", None),
                (7, "2026-11-20 Send notes", Some(false)),
                (8, "2026-10-01 Sent deck", Some(true)),
                (9, "2026-09-01 Done", Some(true)),
            ]
        );
    }

    #[test]
    fn crlf_wikilinked_dates_and_continued_items_read_fast() {
        let found = read_fast(
            "## Log\r\n- [[2026-11-02]]: Coffee  \r\nand a walk\r\n#tag\r\n\r\nAfter.\r\n",
        );
        assert_eq!(found[1].text, "[[2026-11-02]]: Coffee and a walk #tag");
        assert_eq!(found[1].line, 2);
        read_fast("- 2026-11-02 Coffee\nwith Ada\n# Next\nText\n- 2026-11-03 Call\n");
    }

    #[test]
    fn anything_that_may_read_otherwise_is_left_to_pulldown_cmark() {
        for body in [
            "```\n- 2026-11-23 not a log entry\n```\n",
            "~~~\n- 2026-11-23 not a log entry\n~~~\n",
            "    - 2026-11-21 indented code\n",
            "- 2026-11-02 Coffee\n  - 2026-11-03 nested\n",
            "- 2026-11-02 Coffee\n  continued, indented\n",
            "> - 2026-11-22 quoted\n",
            "<div>\n- 2026-11-22 in HTML\n</div>\n",
            "- 2026-11-02 Lunch with **Grace**\n",
            "- 2026-11-02 Lunch at `Cafe`\n",
            "- 2026-11-02 about [the paper](x)\n",
            "- 2026-11-02 Tom &amp; Ada\n",
            "- 2026-11-02 a\\\nb\n",
            "- 2026-11-02\tTabbed\n",
            "- 2026-11-02 old Mac\rline\n",
            "Title\n---\n- 2026-11-02 a\n",
            "Title\n===\n",
            "1. 2026-11-02 numbered\n",
            "* 2026-11-02 starred\n",
            "- [x]2026-11-02 no space after the box\n",
            "# Closed #\n",
            "[x]: https://example.com\n- 2026-11-02 [x]\n",
        ] {
            assert_eq!(lines(body, 1), None, "{body:?}");
        }
    }

    #[test]
    fn the_inline_bytes_are_found_as_they_are_looked_at() {
        for b in 0..=u8::MAX {
            let expected: &[usize] = if INLINE[usize::from(b)] { &[1] } else { &[] };
            assert_eq!(inline_bytes(&[b'a', b, b'z']), expected, "{b}");
        }
        assert_eq!(inline_bytes(b"&a_b*c]"), [0, 2, 4, 6]);
    }

    #[test]
    fn a_bom_before_a_dash_makes_it_text() {
        assert!(read_fast("\u{feff}- 2026-11-02 a\n").is_empty());
    }
}
