//! Safe Markdown for generated notes: text that cannot break a table or
//! inject links, and links to person notes that Obsidian opens.

use crate::text::{clean, is_unprintable};

/// Escapes `text` so that it renders as itself: Markdown and Obsidian
/// punctuation is backslash-escaped; escape sequences, bidi controls and
/// invisible characters are removed and line breaks become spaces, as
/// [`clean`] does for the terminal.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in clean(text).chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '$' | '~' | '%' | '^'
            | '=' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Characters that cannot appear in an Obsidian wikilink's target or label.
fn breaks_wikilink(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '[' | ']' | '|' | '#' | '^' | '\\') || is_unprintable(c))
}

/// A link to the note at vault-relative `path`, labelled `name`. A wikilink
/// (`[[people/Ada|Ada]]`, with `\|` inside tables) when both are plain; a
/// Markdown link with an encoded path when they hold characters a wikilink
/// cannot carry.
pub(crate) fn note_link(path: &str, name: &str, in_table: bool) -> String {
    let target = path.strip_suffix(".md").unwrap_or(path);
    if breaks_wikilink(target) || breaks_wikilink(name) {
        return format!("[{}]({})", escape(name), encode_path(path));
    }
    let bar = if in_table { "\\|" } else { "|" };
    if target == name {
        format!("[[{target}]]")
    } else {
        format!("[[{target}{bar}{name}]]")
    }
}

/// A link to the note at `path` as a user types it in a note: `[[Ada
/// Lovelace]]`, by file name (Obsidian finds it wherever it is); a
/// Markdown link to the path when the file name cannot be a wikilink.
pub(crate) fn short_link(path: &str, name: &str) -> String {
    let stem = crate::note::file_stem(path);
    if breaks_wikilink(stem) {
        note_link(path, name, false)
    } else {
        format!("[[{stem}]]")
    }
}

/// Percent-encodes a path for a Markdown link, keeping `/`.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len() * 3 / 2);
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'/' | b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_tables_links_and_tags() {
        assert_eq!(escape("a | b"), "a \\| b");
        assert_eq!(escape("[[Evil]]"), "\\[\\[Evil\\]\\]");
        assert_eq!(escape("#tag *bold* `x`"), "\\#tag \\*bold\\* \\`x\\`");
        assert_eq!(escape("line\nbreak\t"), "line break ");
        assert_eq!(escape("red\u{1b}[31m \u{202e}x"), "red x");
        assert_eq!(escape("Zoë Müller"), "Zoë Müller");
        assert_eq!(escape("![img](x)"), "\\!\\[img\\](x)");
    }

    #[test]
    fn plain_names_get_wikilinks() {
        assert_eq!(
            note_link("people/Ada Lovelace.md", "Ada Lovelace", true),
            "[[people/Ada Lovelace\\|Ada Lovelace]]"
        );
        assert_eq!(
            note_link("people/Ada Lovelace.md", "Ada", false),
            "[[people/Ada Lovelace|Ada]]"
        );
        assert_eq!(note_link("Zoë.md", "Zoë", true), "[[Zoë]]");
    }

    #[test]
    fn short_links_name_the_file() {
        assert_eq!(short_link("people/Zoë Müller.md", "Zoë"), "[[Zoë Müller]]");
        assert_eq!(
            short_link("people/A|B.md", "A|B"),
            "[A\\|B](people/A%7CB.md)"
        );
    }

    #[test]
    fn awkward_names_get_encoded_markdown_links() {
        assert_eq!(
            note_link("people/A|B.md", "A|B", true),
            "[A\\|B](people/A%7CB.md)"
        );
        assert_eq!(
            note_link("people/Evil.md", "x]] [[Other", true),
            "[x\\]\\] \\[\\[Other](people/Evil.md)"
        );
        assert_eq!(
            note_link("people/Zoë #1.md", "Zoë", false),
            "[Zoë](people/Zo%C3%AB%20%231.md)"
        );
    }
}
