//! kith's analysers in one pass over the text: words split where tantivy's
//! `SimpleTokenizer` splits them, words of 64 bytes or more left out,
//! lower-cased, accent-folded and, for the body, stemmed for English.
//! The ASCII words most notes are made of skip tantivy's chain of token
//! filters, which was an eighth of a full build; any other word goes
//! through that chain itself, so the terms are always the chain's.

use std::ops::Range;

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token,
    TokenStream, Tokenizer,
};

use super::schema::WORD_LIMIT;
use super::stem::{CachedStemmer, stem_in_place};

/// The analyser as tantivy's chain of filters: the reference [`Words`]
/// gives the same tokens as, and what it hands words that are not ASCII.
pub(super) fn chain(stem: bool) -> TextAnalyzer {
    let folded = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(WORD_LIMIT))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter);
    if stem {
        folded.filter(CachedStemmer).build()
    } else {
        folded.build()
    }
}

/// The one-pass tokenizer, stemming or not.
#[derive(Clone)]
pub(super) struct Words {
    stem: bool,
    chain: TextAnalyzer,
    token: Token,
}

impl Words {
    pub(super) fn new(stem: bool) -> Words {
        Words {
            stem,
            chain: chain(stem),
            token: Token::default(),
        }
    }
}

impl Tokenizer for Words {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream {
            runs: Runs::new(text),
            stem: self.stem,
            chain: &mut self.chain,
            token: &mut self.token,
        }
    }
}

pub(super) struct WordStream<'a> {
    runs: Runs<'a>,
    stem: bool,
    chain: &'a mut TextAnalyzer,
    token: &'a mut Token,
}

/// The runs of alphanumeric characters of a text, where tantivy's
/// `SimpleTokenizer` splits it: each as byte offsets, and what it is
/// made of.
pub(super) struct Runs<'a> {
    text: &'a str,
    /// Where the search for the next run starts, in bytes.
    at: usize,
}

impl<'a> Runs<'a> {
    pub(super) fn new(text: &'a str) -> Runs<'a> {
        Runs { text, at: 0 }
    }

    /// The character at `at`, a character boundary inside the text.
    fn char_at(&self, at: usize) -> char {
        // Never the default: `at` is where a character starts.
        self.text[at..].chars().next().unwrap_or(' ')
    }
}

/// What a run of letters and digits is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Letters {
    /// ASCII lower-case letters and digits: lower-cased already.
    Lower,
    /// ASCII, with capitals.
    Ascii,
    /// Some character beyond ASCII.
    Wide,
}

impl Iterator for Runs<'_> {
    type Item = (Range<usize>, Letters);

    // Inlined into the tokenizer, which calls it for every word.
    #[inline(always)]
    fn next(&mut self) -> Option<(Range<usize>, Letters)> {
        let bytes = self.text.as_bytes();
        let mut at = self.at;
        loop {
            match CLASS[usize::from(*bytes.get(at)?)] {
                WORD | CAPITAL => break,
                GAP => at += 1,
                _ => {
                    let c = self.char_at(at);
                    if c.is_alphanumeric() {
                        break;
                    }
                    at += c.len_utf8();
                }
            }
        }
        let start = at;
        let mut letters = Letters::Lower;
        while let Some(&byte) = bytes.get(at) {
            match CLASS[usize::from(byte)] {
                WORD => at += 1,
                CAPITAL => {
                    if letters == Letters::Lower {
                        letters = Letters::Ascii;
                    }
                    at += 1;
                }
                GAP => break,
                _ => {
                    let c = self.char_at(at);
                    if !c.is_alphanumeric() {
                        break;
                    }
                    letters = Letters::Wide;
                    at += c.len_utf8();
                }
            }
        }
        self.at = at;
        Some((start..at, letters))
    }
}

/// What a byte is to [`Runs`]: an ASCII lower-case letter or digit, an
/// ASCII capital, other ASCII, or part of a character beyond ASCII.
const WORD: u8 = 0;
const CAPITAL: u8 = 1;
const GAP: u8 = 2;
const WIDE: u8 = 3;
static CLASS: [u8; 256] = {
    let mut class = [WIDE; 256];
    let mut byte = 0;
    while byte < 128 {
        let ascii = byte as u8;
        class[byte] = if ascii.is_ascii_uppercase() {
            CAPITAL
        } else if ascii.is_ascii_alphanumeric() {
            WORD
        } else {
            GAP
        };
        byte += 1;
    }
    class
};

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let Some((run, letters)) = self.runs.next() else {
                return false;
            };
            // Positions count the words left out too, as the chain does.
            self.token.position = self.token.position.wrapping_add(1);
            if run.len() >= WORD_LIMIT {
                continue;
            }
            let token = &mut *self.token;
            token.offset_from = run.start;
            token.offset_to = run.end;
            let word = &self.runs.text[run];
            token.text.clear();
            if letters != Letters::Wide {
                token.text.push_str(word);
                if letters == Letters::Ascii {
                    token.text.make_ascii_lowercase();
                }
                if self.stem {
                    stem_in_place(&mut token.text);
                }
                return true;
            }
            let mut stream = self.chain.token_stream(word);
            if stream.advance() {
                token.text.push_str(&stream.token().text);
                return true;
            }
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(mut analyzer: TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    #[test]
    fn one_pass_gives_the_chains_tokens() {
        let long = format!(
            "a {} b {} c {}é",
            "y".repeat(63),
            "z".repeat(64),
            "w".repeat(62)
        );
        let texts = [
            "Sailing, sails & SAILED: 2026-11-02 ok",
            "Zoë Müller-Ås met ÆSIR at the Café; naïve résumés ﬁne Straße İstanbul ΣΟΦΙΑ",
            "  relational_relations--x9 Y ",
            "",
            "!!",
            "日本語のテキスト and 中文 mixed ١٢٣ numbers ⅷ",
            "emoji 🎉 between words, tabs\tand\r\nCRLF lines",
            long.as_str(),
        ];
        for stem in [false, true] {
            for text in texts {
                let one_pass = TextAnalyzer::from(Words::new(stem));
                assert_eq!(
                    tokens(one_pass, text),
                    tokens(chain(stem), text),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn a_reused_tokenizer_starts_each_text_afresh() {
        let mut analyzer = TextAnalyzer::from(Words::new(true));
        for _ in 0..2 {
            let mut stream = analyzer.token_stream("Sailing boats");
            assert!(stream.advance());
            assert_eq!(stream.token().position, 0);
            assert_eq!(stream.token().text, "sail");
        }
    }
}
