//! English stemming for the index, memoised: a vault repeats a small
//! vocabulary, and the Snowball stemmer was a fifth of a full build.
//! Stems are exactly what tantivy's own `Stemmer` gives (same algorithm).

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use frostem::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Words remembered per indexing thread before the memory is cleared.
const MAX_REMEMBERED: usize = 100_000;

thread_local! {
    // Keyed by kith's own words: a fast hash, not a DoS-proof one.
    static STEMS: RefCell<FxHashMap<String, Stem>> = RefCell::new(FxHashMap::default());
    static STEMMER: Stemmer = Stemmer::new(Algorithm::English);
}

/// A word's stem as remembered: most stems are the word cut short
/// (`sailing` → `sail`), which needs no copy of the stem.
enum Stem {
    /// The word's first so many bytes.
    Cut(usize),
    /// Another word (`happy` → `happi`).
    Word(String),
}

impl Stem {
    /// What `word` stems to as `stemmed`.
    fn of(word: &str, stemmed: &str) -> Stem {
        if word.starts_with(stemmed) {
            Stem::Cut(stemmed.len())
        } else {
            Stem::Word(stemmed.to_string())
        }
    }
}

/// `word` (lower-cased) replaced by its English stem, from memory when
/// seen before.
// Inlined into the tokenizer, which calls it for every word.
#[inline(always)]
pub(super) fn stem_in_place(word: &mut String) {
    if is_own_stem(word) {
        return;
    }
    STEMS.with(|stems| {
        let mut stems = stems.borrow_mut();
        match stems.get(word.as_str()) {
            Some(Stem::Cut(len)) => word.truncate(*len),
            Some(Stem::Word(stem)) => {
                word.clear();
                word.push_str(stem);
            }
            None => {
                let stemmed = STEMMER.with(|stemmer| stemmer.stem(word).into_owned());
                if stems.len() >= MAX_REMEMBERED {
                    stems.clear();
                }
                let stem = Stem::of(word, &stemmed);
                stems.insert(std::mem::replace(word, stemmed), stem);
            }
        }
    });
}

/// Words (lower-cased, as the tokenizer makes them) English stemming
/// leaves as they are, known without asking: two bytes or fewer, so two
/// letters or fewer (the algorithm's own rule), and words ending in a
/// digit (every rule ends in a letter) — the dates and numbers that are
/// a third of a log's words.
fn is_own_stem(word: &str) -> bool {
    word.len() <= 2 || word.ends_with(|c: char| c.is_ascii_digit())
}

/// A token filter stemming English words, like tantivy's `Stemmer`.
#[derive(Clone, Copy, Default)]
pub(super) struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
pub(super) struct CachedStemmerFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
        }
    }
}

pub(super) struct CachedStemmerStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        stem_in_place(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, TextAnalyzer};

    fn tokens(mut analyzer: TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn words_said_to_be_their_own_stem_are() {
        let stemmer = Stemmer::new(Algorithm::English);
        let alphabet: Vec<char> = ('a'..='z').chain('0'..='9').collect();
        let mut words: Vec<String> = Vec::new();
        for &a in &alphabet {
            words.push(a.to_string());
            for &b in &alphabet {
                words.push(format!("{a}{b}"));
                for end in ["0", "7", "9"] {
                    words.push(format!("{a}{b}{end}"));
                }
            }
        }
        let endings = [
            "sses", "ies", "ying", "eed", "ational", "ement", "ly", "s", "e", "y",
        ];
        for stem in [
            "generous", "skis", "news", "sky", "q", "2026", "abc", "ti", "mp",
        ] {
            for ending in endings {
                for digit in ["1", "42", "2026"] {
                    words.push(format!("{stem}{ending}{digit}"));
                }
            }
        }
        let mut own = 0;
        for word in words.iter().filter(|w| is_own_stem(w)) {
            assert_eq!(stemmer.stem(word), word.as_str(), "{word}");
            own += 1;
        }
        assert!(own > 4_000, "{own}");
    }

    #[test]
    fn stems_match_tantivys_stemmer_twice_over() {
        let text = "Sailing sailed sails; hiring engineers, generously generous \
                    relationships relational running runs ran \
                    σοφίες ΣΟΦΙΑ2 é ü1 naïvely büros2 日本語 日";
        let ours = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(CachedStemmer)
            .build();
        let theirs = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(tantivy::tokenizer::Stemmer::new(Language::English))
            .build();
        let expected = tokens(theirs, text);
        assert_eq!(tokens(ours.clone(), text), expected);
        // The second time the stems come from memory.
        assert_eq!(tokens(ours, text), expected);
        assert!(expected.contains(&"sail".to_string()));
    }
}
