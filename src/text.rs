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

#[cfg(test)]
mod tests {
    use super::*;

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
