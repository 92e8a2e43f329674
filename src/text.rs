//! Text helpers: folding for matching (lower-cased and stripped of accents,
//! so that `zoe` matches `Zoë`), and note text made safe to print.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `text` lower-cased with accents removed (`Zoë Müller` → `zoe muller`).
/// Letters without a decomposition (`ø`, `ß`, `ł`) are kept as they are.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// `text` with control characters (escape sequences, tabs, line breaks)
/// shown as `�`, so that no note can drive the terminal or split a line of
/// output or of an error message.
pub fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_control) {
        Cow::Owned(
            text.chars()
                .map(|c| if c.is_control() { '\u{fffd}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
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
    fn control_characters_are_neutralised() {
        assert_eq!(clean("a\u{1b}[31mb\tc\nd"), "a�[31mb�c�d");
        assert!(matches!(clean("Zoë | x"), Cow::Borrowed("Zoë | x")));
    }
}
