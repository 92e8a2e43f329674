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
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
    static STEMMER: Stemmer = Stemmer::new(Algorithm::English);
}

/// What a thread remembers of the stems it found.
struct Memo {
    /// The last short word seen at each place its bytes hash to, when it
    /// stems to itself cut short: most words of a vault are a few hundred
    /// common ones, found here with a multiplication and two comparisons.
    recent: Box<[Recent]>,
    /// Every word seen, up to [`MAX_REMEMBERED`]. Keyed by kith's own
    /// words: a fast hash, not a DoS-proof one.
    stems: FxHashMap<String, Stem>,
}

impl Default for Memo {
    fn default() -> Memo {
        Memo {
            recent: vec![Recent::default(); RECENT].into_boxed_slice(),
            stems: FxHashMap::default(),
        }
    }
}

/// Places in [`Memo::recent`]: a power of two.
const RECENT: usize = 1 << 11;

/// A word of at most 16 bytes (zero-padded, so that its length is the
/// rest of its identity) and the length of its stem.
#[derive(Clone, Copy, Default)]
struct Recent {
    word: [u64; 2],
    len: u8,
    cut: u8,
}

impl Recent {
    /// `word` as the two padded halves it is kept as, when it is short.
    fn halves(word: &str) -> Option<[u64; 2]> {
        let bytes = word.as_bytes();
        if bytes.len() > 16 {
            return None;
        }
        let mut padded = [0u8; 16];
        padded[..bytes.len()].copy_from_slice(bytes);
        let (low, high) = padded.split_at(8);
        Some([
            u64::from_le_bytes(low.try_into().ok()?),
            u64::from_le_bytes(high.try_into().ok()?),
        ])
    }

    /// Where the word of padded `halves` is kept.
    fn place(halves: [u64; 2]) -> usize {
        let mixed = (halves[0] ^ halves[1].rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (mixed >> (64 - RECENT.trailing_zeros())) as usize
    }
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
    MEMO.with(|memo| {
        let memo = &mut *memo.borrow_mut();
        let word_len = word.len();
        let short = Recent::halves(word).map(|halves| (halves, Recent::place(halves)));
        if let Some((halves, at)) = short {
            let recent = memo.recent[at];
            if recent.word == halves && usize::from(recent.len) == word_len {
                word.truncate(usize::from(recent.cut));
                return;
            }
        }
        let cut = match memo.stems.get(word.as_str()) {
            Some(Stem::Cut(len)) => {
                word.truncate(*len);
                true
            }
            Some(Stem::Word(stem)) => {
                word.clear();
                word.push_str(stem);
                false
            }
            None => {
                let stemmed = STEMMER.with(|stemmer| stemmer.stem(word).into_owned());
                if memo.stems.len() >= MAX_REMEMBERED {
                    memo.stems.clear();
                }
                let stem = Stem::of(word, &stemmed);
                let cut = matches!(stem, Stem::Cut(_));
                memo.stems.insert(std::mem::replace(word, stemmed), stem);
                cut
            }
        };
        // Cut short: remembered in front for next time.
        if cut && let Some((halves, at)) = short {
            // A short word and its stem fit a byte (16 bytes at most).
            memo.recent[at] = Recent {
                word: halves,
                len: word_len as u8,
                cut: word.len() as u8,
            };
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
    fn remembered_stems_are_the_stemmers_whatever_the_order() {
        let stemmer = Stemmer::new(Algorithm::English);
        let mut words: Vec<String> = Vec::new();
        for stem in [
            "sail",
            "happ",
            "generous",
            "relation",
            "hire",
            "connect",
            "run",
            "sky",
            "news",
            "internationalis",
            "abcdefghijklmn",
            "q",
        ] {
            for ending in [
                "", "s", "ing", "ed", "y", "ies", "ational", "ement", "ly", "ness", "ization",
                "fulness", "e", "er",
            ] {
                // Short and long words (more than 16 bytes pass by the front
                // of the memory), more than its places (they collide).
                for prefix in [
                    "", "re", "un", "over", "counter", "pre", "anti", "sub", "inter", "mis", "non",
                    "out", "post", "super", "trans",
                ] {
                    words.push(format!("{prefix}{stem}{ending}"));
                }
            }
        }
        assert!(words.len() > RECENT, "{}", words.len());
        let expected: Vec<String> = words.iter().map(|w| stemmer.stem(w).into_owned()).collect();
        let mut order: Vec<usize> = (0..words.len()).collect();
        for pass in 0..3 {
            if pass == 2 {
                order.reverse();
            }
            for &i in &order {
                let mut word = words[i].clone();
                stem_in_place(&mut word);
                assert_eq!(word, expected[i], "{} (pass {pass})", words[i]);
            }
        }
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
