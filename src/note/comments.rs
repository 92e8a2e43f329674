//! What of a note's body is text. Obsidian comments (`%% … %%`) and HTML
//! comments (`<!-- … -->`) are not: they are blanked before anything reads
//! the body (the log, search, snippets). The prose inline fields and tags
//! are read from leaves out code and HTML as well.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

/// Comment delimiters: the opening and the closing.
const COMMENTS: [(&str, &str); 2] = [("%%", "%%"), ("<!--", "-->")];

/// `body` with its comments blanked: every byte of a comment but line
/// breaks becomes a space, so offsets and line numbers stay. Comment
/// marks inside code are text; a comment never closed runs to the end,
/// as Obsidian shows it.
pub(crate) fn without_comments(body: &str) -> Cow<'_, str> {
    // Most bodies have no byte a comment opens with: memchr says so at
    // once, where looking for each opening took a searcher each.
    let opens_with = |at: usize| COMMENTS[at].0.as_bytes()[0];
    if memchr::memchr2(opens_with(0), opens_with(1), body.as_bytes()).is_none()
        || !COMMENTS.iter().any(|(open, _)| body.contains(open))
    {
        return Cow::Borrowed(body);
    }
    let code = code_ranges(body);
    let in_code = |at: usize| code.iter().any(|range| range.contains(&at));
    let mut comments = Vec::new();
    let mut at = 0;
    while let Some((start, open, close)) = next_opening(body, at) {
        if in_code(start) {
            at = start + open.len();
            continue;
        }
        let after = start + open.len();
        let end = body[after..]
            .find(close)
            .map_or(body.len(), |found| after + found + close.len());
        comments.push(start..end);
        at = end;
    }
    if comments.is_empty() {
        return Cow::Borrowed(body);
    }
    Cow::Owned(blank(body, &comments))
}

/// The first comment opening at or after `from`: where, and its marks.
fn next_opening(body: &str, from: usize) -> Option<(usize, &'static str, &'static str)> {
    COMMENTS
        .iter()
        .filter_map(|&(open, close)| {
            body[from..]
                .find(open)
                .map(|found| (from + found, open, close))
        })
        .min_by_key(|(start, _, _)| *start)
}

/// The prose of a body already without comments: code blocks, inline
/// code and HTML blanked as well (borrowed when there are none).
pub(crate) fn prose(body: &str) -> Cow<'_, str> {
    let mut hidden = Vec::new();
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock)
            | Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_) => hidden.push(range),
            _ => {}
        }
    }
    if hidden.is_empty() {
        Cow::Borrowed(body)
    } else {
        Cow::Owned(blank(body, &hidden))
    }
}

fn options() -> Options {
    Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH
}

/// Where code is: code blocks (fences included) and inline code spans.
fn code_ranges(body: &str) -> Vec<Range<usize>> {
    Parser::new_ext(body, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => Some(range),
            _ => None,
        })
        .collect()
}

/// `text` with every byte in `ranges` but line breaks made a space. The
/// ranges lie on character boundaries, so the result is still UTF-8.
fn blank(text: &str, ranges: &[Range<usize>]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for range in ranges {
        for byte in &mut bytes[range.start.min(text.len())..range.end.min(text.len())] {
            if !matches!(*byte, b'\n' | b'\r') {
                *byte = b' ';
            }
        }
    }
    // Whole characters were replaced by as many spaces as they had bytes.
    String::from_utf8(bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obsidian_and_html_comments_are_blanked_and_lines_kept() {
        let body = "a %% hidden %% b\n<!--\n- 2026-11-24 gone\n-->\nc\n";
        let visible = without_comments(body);
        assert_eq!(visible.len(), body.len());
        assert_eq!(visible.lines().count(), body.lines().count());
        assert!(!visible.contains("hidden"));
        assert!(!visible.contains("gone"));
        assert!(visible.starts_with("a "));
        assert!(visible.contains(" b\n"));
        assert!(visible.ends_with("c\n"));
    }

    #[test]
    fn comment_marks_in_code_are_text() {
        let body = "`%% not a comment` and\n```\n<!-- code -->\n```\n%% real %%\n";
        let visible = without_comments(body);
        assert!(visible.contains("%% not a comment"));
        assert!(visible.contains("<!-- code -->"));
        assert!(!visible.contains("real"));
    }

    #[test]
    fn an_unclosed_comment_runs_to_the_end() {
        let visible = without_comments("kept\n%% from here\nall hidden\n");
        assert_eq!(visible.trim_end(), "kept");
        assert_eq!(visible.lines().count(), 3);
    }

    #[test]
    fn multibyte_text_in_comments_stays_utf8_of_the_same_length() {
        let body = "Zoë %% Müller — 李 %% ok";
        let visible = without_comments(body);
        assert_eq!(visible.len(), body.len());
        assert!(visible.starts_with("Zoë "));
        assert!(visible.ends_with(" ok"));
    }

    #[test]
    fn prose_leaves_out_code_and_html() {
        let body = "a `code #x` b\n\n```\nkey:: v\n```\n<span>#y</span> c\n";
        let prose = prose(body);
        assert!(!prose.contains("#x"));
        assert!(!prose.contains("key::"));
        assert!(!prose.contains("span"));
        assert!(prose.contains("#y"));
        assert!(prose.contains(" b"));
    }

    #[test]
    fn text_without_comments_is_borrowed() {
        assert!(matches!(without_comments("plain"), Cow::Borrowed(_)));
        assert!(matches!(prose("plain *text*"), Cow::Borrowed(_)));
    }
}
