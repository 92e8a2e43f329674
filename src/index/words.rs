//! Words compared as the index compares them, outside a query: split,
//! lower-cased, accent-folded and stemmed for English by the body's own
//! analyser, so `Sailing`, `sails` and `sail` are one word and `Zoë` is
//! `zoe`. What ranking people by a topic, matching interests, needs and
//! offers, and reading the kind of a log line are built on.

use std::cell::RefCell;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use tantivy::tokenizer::TextAnalyzer;

use super::schema::{WORD_LIMIT, stemmed_analyzer};
use super::tokens::Runs;

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// Its stem, as the index keeps it.
    pub(crate) stem: String,
    /// Where it is in the text, in bytes.
    pub(crate) at: Range<usize>,
}

impl Word {
    /// Whether it says little on its own (`the`, `her`, `for`).
    pub(crate) fn is_filler(&self) -> bool {
        FILLER_STEMS.contains(&self.stem)
    }
}

/// Words that carry no topic: Lucene's English stop words (tantivy's
/// list) with pronouns and a few more.
const FILLERS: &[&str] = &[
    "a", "about", "all", "an", "and", "any", "are", "as", "at", "be", "but", "by", "can", "do",
    "for", "from", "had", "has", "have", "he", "her", "him", "his", "i", "if", "in", "into", "is",
    "it", "its", "me", "my", "no", "not", "of", "on", "or", "our", "out", "she", "so", "some",
    "such", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "up",
    "us", "was", "we", "what", "who", "will", "with", "you", "your",
];

/// The stems of [`FILLERS`].
static FILLER_STEMS: LazyLock<HashSet<String>> =
    LazyLock::new(|| FILLERS.iter().filter_map(|word| stem(word)).collect());

thread_local! {
    static ANALYZER: RefCell<TextAnalyzer> = RefCell::new(stemmed_analyzer());
}

/// Every word of `text`, in order.
pub(crate) fn words(text: &str) -> Vec<Word> {
    spans(text)
        .filter_map(|at| {
            let stem = stem_of(&text[at.clone()])?;
            Some(Word { stem, at })
        })
        .collect()
}

/// Where the words of `text` are, in bytes, in order: the runs of letters
/// and digits the index splits it into, less those of `WORD_LIMIT` bytes
/// or more, which it leaves out. A word is stemmed on its own as it is
/// in the text, so a caller may stem only the words it needs.
pub(crate) fn spans(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    Runs::new(text)
        .map(|(run, _)| run)
        .filter(|run| run.len() < WORD_LIMIT)
}

/// The stems of the words of `text` that carry a topic, each once, in
/// order (all of them when every word is a filler: `The Who`).
pub(crate) fn topic_stems(text: &str) -> Vec<String> {
    let all = words(text);
    let content: Vec<&Word> = all.iter().filter(|w| !w.is_filler()).collect();
    let chosen: Vec<&Word> = if content.is_empty() {
        all.iter().collect()
    } else {
        content
    };
    let mut stems: Vec<String> = Vec::with_capacity(chosen.len());
    for word in chosen {
        if !stems.contains(&word.stem) {
            stems.push(word.stem.clone());
        }
    }
    stems
}

/// The stem of the first word of `text` as the index makes it (`Lunches`
/// → `lunch`); `None` when `text` holds no word.
pub(crate) fn stem(text: &str) -> Option<String> {
    let start = text.find(char::is_alphanumeric)?;
    let rest = &text[start..];
    let word = &rest[..rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len())];
    // A word too long for the index is no word to it.
    (word.len() < WORD_LIMIT).then(|| stem_of(word)).flatten()
}

/// The stem of `word`, one run of letters and digits shorter than
/// `WORD_LIMIT` bytes, as the index makes it.
fn stem_of(word: &str) -> Option<String> {
    if word.is_ascii() {
        // What the analyser does to it, without a token stream.
        let mut stem = word.to_ascii_lowercase();
        super::stem::stem_in_place(&mut stem);
        return Some(stem);
    }
    ANALYZER.with(|analyzer| {
        let mut analyzer = analyzer.borrow_mut();
        let mut stream = analyzer.token_stream(word);
        stream.advance().then(|| stream.token().text.clone())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fillers_are_words_with_their_stems() {
        for filler in FILLERS {
            let word = &words(filler)[0];
            assert!(word.is_filler(), "{filler}");
        }
        assert!(!words("sailing")[0].is_filler());
    }

    /// `text` through the index's own analyser.
    fn analysed(text: &str) -> Vec<Word> {
        let mut analyzer = stemmed_analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut found = Vec::new();
        while stream.advance() {
            let token = stream.token();
            found.push(Word {
                stem: token.text.clone(),
                at: token.offset_from..token.offset_to,
            });
        }
        found
    }

    #[test]
    fn words_are_what_the_analyser_makes_of_them() {
        let long = format!("a {} b {} c", "y".repeat(63), "z".repeat(64));
        let wide = format!("{} ü{}", "é".repeat(32), "é".repeat(30));
        for text in [
            "Sailing, sails & SAILED: 2026-11-02 ok",
            "  relational_relations--x9 Y ",
            "",
            "!!",
            long.as_str(),
            wide.as_str(),
            "Zoë Müller-Ås met ÆSIR at the Café; naïve résumés ﬁne Straße İstanbul ΣΟΦΙΑ",
            "日本語のテキスト and 中文 mixed ١٢٣ numbers ⅷ",
            "emoji 🎉 between words, tabs\tand\r\nCRLF lines",
        ] {
            assert_eq!(words(text), analysed(text), "{text:?}");
        }
    }

    #[test]
    fn words_are_folded_and_stemmed_with_their_place() {
        let text = "Sailing with Zoë's crew";
        let found = words(text);
        let stems: Vec<&str> = found.iter().map(|w| w.stem.as_str()).collect();
        assert_eq!(stems, ["sail", "with", "zoe", "s", "crew"]);
        assert_eq!(&text[found[2].at.clone()], "Zoë");
        assert_eq!(
            topic_stems("the sails of the Sailing club"),
            ["sail", "club"]
        );
        assert_eq!(topic_stems("The Who"), ["the", "who"]);
        assert_eq!(stem("Lunches at Zuni").as_deref(), Some("lunch"));
        assert_eq!(stem("  "), None);
        for text in [
            "Sailing",
            "CAFÉS",
            "naïve",
            "Zoë",
            "relational",
            "x".repeat(63).as_str(),
            "x".repeat(64).as_str(),
        ] {
            let analysed = analysed(text).into_iter().next().map(|w| w.stem);
            assert_eq!(stem(text), analysed, "{text}");
        }
    }
}
