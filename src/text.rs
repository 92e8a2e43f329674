//! Text helpers: folding for matching (lower-cased and stripped of accents,
//! so that `zoe` matches `Zoë`), decoding link targets, and note text made
//! safe to print.

use std::borrow::Cow;
use std::iter::Peekable;
use std::str::Chars;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `text` lower-cased with accents removed (`Zoë Müller` → `zoe muller`).
/// Letters without a decomposition (`ø`, `ß`, `ł`) are kept as they are.
pub(crate) fn fold(text: &str) -> String {
    if text.is_ascii() {
        // Nothing to decompose: what the general path gives, without it
        // (a full build folds every log line that speaks of an intro).
        return text.to_ascii_lowercase();
    }
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Decodes the `%XX` escapes of a link target; `None` when they do not
/// make UTF-8.
pub(crate) fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%'
            && let Some(hex) = text.get(at + 1..at + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            at += 3;
        } else {
            out.push(bytes[at]);
            at += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Whether `c` must not reach a terminal as it is: a control character
/// (C0, DEL, C1), a line or paragraph separator, or an invisible
/// formatting character (`is_invisible_format`: bidi controls, which
/// reorder what follows them, zero-width spaces and the like).
pub fn is_unprintable(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') || is_invisible_format(c)
}

/// Whether `c` is an invisible formatting character (Unicode category
/// Cf): the bidirectional controls (U+202E reverses the text after it),
/// zero-width spaces, soft hyphens, tag characters. The zero-width
/// joiner and non-joiner are kept: emoji sequences and scripts such as
/// Persian and Hindi need them.
pub(crate) fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// `text` made safe to print as one line: escape sequences (7- and 8-bit:
/// CSI such as `ESC [31m`, OSC such as a window title, and the rest)
/// removed whole, other control characters, bidi controls and invisible
/// characters removed, tabs and line breaks shown as a space. No note can
/// then drive the terminal, reorder or hide text, or split a line of
/// output or of an error message.
pub fn clean(text: &str) -> Cow<'_, str> {
    if is_printable(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    // Once a control string found no terminator, none after it will.
    let mut terminators = true;
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars, &mut terminators),
            '\u{9b}' => skip_control_sequence(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => {
                skip_string(&mut chars, &mut terminators)
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\t' | '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                out.push(' ')
            }
            c if is_unprintable(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether `text` holds nothing [`is_unprintable`]; printable ASCII, most
/// of what is printed, is settled a byte at a time.
pub fn is_printable(text: &str) -> bool {
    text.bytes().all(|b| (0x20..0x7f).contains(&b)) || !text.chars().any(is_unprintable)
}

/// Skips what follows an ESC: a control sequence (`[`), a control string
/// (`]`, `P`, `X`, `^`, `_`), or intermediates and a final character.
fn skip_escape(chars: &mut Peekable<Chars<'_>>, terminators: &mut bool) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_control_sequence(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars, terminators);
        }
        Some(' '..='/') => {
            while chars.next_if(|c| matches!(c, ' '..='/')).is_some() {}
            chars.next_if(|c| matches!(c, '0'..='~'));
        }
        Some('0'..='~') => {
            chars.next();
        }
        _ => {}
    }
}

/// Skips the parameters, intermediates and final character of a control
/// sequence, stopping early at anything that cannot be part of one.
fn skip_control_sequence(chars: &mut Peekable<Chars<'_>>) {
    while chars
        .next_if(|c| matches!(c, '0'..='?' | ' '..='/'))
        .is_some()
    {}
    chars.next_if(|c| matches!(c, '@'..='~'));
}

/// Skips a control string up to and including its terminator (BEL, ST or
/// `ESC \`). An unterminated one would hide the rest of the text on a
/// terminal; here only its opening is dropped and the rest shows as text.
/// `terminators` is cleared once a search finds none, so that a text of
/// many openings is not searched again and again.
fn skip_string(chars: &mut Peekable<Chars<'_>>, terminators: &mut bool) {
    if !*terminators {
        return;
    }
    let mut ahead = chars.clone();
    let mut count = 0;
    while let Some(c) = ahead.next() {
        count += 1;
        let ends = match c {
            '\u{07}' | '\u{9c}' => true,
            '\u{1b}' => ahead.next_if_eq(&'\\').is_some_and(|_| {
                count += 1;
                true
            }),
            _ => false,
        };
        if ends {
            for _ in 0..count {
                chars.next();
            }
            return;
        }
    }
    *terminators = false;
}

/// An error and its causes on one line, `what: why: deeper why`, each
/// cause left out when the words before already say it: many errors quote
/// their cause in their own message, and no clause is said twice.
pub fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut message = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        let text = inner.to_string();
        if !text.is_empty() && !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        cause = inner.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An error whose message quotes its cause, as thiserror's
    /// `#[error("… {source}")]` does.
    #[derive(Debug, thiserror::Error)]
    #[error("cannot write the index in /v/.kith/index: {source}")]
    struct Quoting {
        source: std::io::Error,
    }

    /// An error that wraps without quoting.
    #[derive(Debug, thiserror::Error)]
    #[error("kith watch (pid 7) owns the index; stop it to rebuild")]
    struct Plain;

    #[derive(Debug, thiserror::Error)]
    #[error("{0}")]
    struct Transparent(#[source] Plain);

    /// Clauses of a message, split where causes are joined.
    fn clauses(message: &str) -> Vec<&str> {
        message.split(": ").collect()
    }

    fn repeats(message: &str) -> bool {
        let clauses = clauses(message);
        clauses
            .iter()
            .enumerate()
            .any(|(i, clause)| clauses[i + 1..].contains(clause))
    }

    #[test]
    fn no_clause_of_an_error_chain_is_said_twice() {
        let io = || std::io::Error::from(std::io::ErrorKind::NotFound);
        let quoting = anyhow::Error::new(Quoting { source: io() }).context("cannot search");
        let message = error_chain(quoting.as_ref());
        assert_eq!(
            message,
            format!(
                "cannot search: cannot write the index in /v/.kith/index: {}",
                io()
            )
        );
        let transparent = anyhow::Error::new(Transparent(Plain));
        assert_eq!(
            error_chain(transparent.as_ref()),
            "kith watch (pid 7) owns the index; stop it to rebuild"
        );
        let wrapped = anyhow::Error::new(io())
            .context("cannot read people/Ada.md")
            .context("nothing written");
        assert_eq!(
            error_chain(wrapped.as_ref()),
            format!("nothing written: cannot read people/Ada.md: {}", io())
        );
        for message in [message, error_chain(wrapped.as_ref())] {
            assert!(!repeats(&message), "{message}");
        }
        // Without the fix, `{:#}` says the quoted cause twice.
        let plain = format!("{:#}", anyhow::Error::new(Quoting { source: io() }));
        assert!(repeats(&plain), "{plain}");
    }

    #[test]
    fn ascii_folds_as_the_general_path_does() {
        let ascii: String = (0u8..128).map(char::from).collect();
        let general: String = ascii
            .nfd()
            .filter(|c| !is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .collect();
        assert_eq!(fold(&ascii), general);
    }

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Zoë Müller"), "zoe muller");
        assert_eq!(fold("JOSÉ Ñúñez"), "jose nunez");
        assert_eq!(fold("Ada"), "ada");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn letters_without_decomposition_stay() {
        assert_eq!(fold("Søren"), "søren");
        assert_eq!(fold("Łukasz"), "łukasz");
    }

    #[test]
    fn escape_sequences_go_whole() {
        assert_eq!(clean("a\u{1b}[31mb\u{1b}[0m"), "ab");
        assert_eq!(clean("\u{1b}[2J\u{1b}[1;1Hx"), "x");
        assert_eq!(clean("t\u{1b}]0;pwned\u{07}u"), "tu");
        assert_eq!(
            clean("t\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\"),
            "tlink"
        );
        assert_eq!(clean("a\u{9b}31mb"), "ab");
        assert_eq!(clean("a\u{1b}(Bb\u{1b}c"), "ab");
        assert_eq!(clean("end\u{1b}"), "end");
    }

    #[test]
    fn an_unterminated_string_drops_only_its_opening() {
        assert_eq!(clean("a\u{1b}]title"), "atitle");
    }

    #[test]
    fn controls_bidi_and_invisible_characters_go() {
        assert_eq!(clean("a\tb\nc\r\nd"), "a b c d");
        assert_eq!(clean("a\u{7}\u{7f}\u{85}b"), "a b");
        assert_eq!(clean("\u{202e}evil\u{202c}"), "evil");
        assert_eq!(clean("\u{2067}x\u{2069}\u{200f}"), "x");
        assert_eq!(clean("A\u{200b}d\u{2063}a\u{2060}\u{feff}"), "Ada");
        // Joiners stay: emoji sequences and Persian or Hindi need them.
        assert_eq!(
            clean("👩\u{200d}💻 می\u{200c}خواهم"),
            "👩\u{200d}💻 می\u{200c}خواهم"
        );
        assert!(matches!(clean("Zoë | x"), Cow::Borrowed("Zoë | x")));
        assert!(matches!(clean("李小龍 🙂"), Cow::Borrowed(_)));
    }
}
