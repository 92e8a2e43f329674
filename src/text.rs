//! Folding text for matching: lower-cased and stripped of accents, so that
//! `zoe` matches `Zoë` and `MULLER` matches `Müller`.

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

#[cfg(test)]
mod tests {
    use super::fold;

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
}
