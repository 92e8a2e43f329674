//! Searching: the user's query in tantivy syntax, with field spellings
//! mapped (`company:` is `org:`, `linkedin:` an unknown front matter
//! field), bare words also matched against names by prefix and with one
//! typo, `--tag` and `--overdue` as filters, and snippets from the note.
//! A line of another note that mentions someone is found as them, under
//! their name (`marcus founders`), its snippet from that line.

use std::ops::{Bound, Range};
use std::path::Path;

use chrono::NaiveDate;
use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, FuzzyTermQuery, Occur, Query,
    QueryParser, QueryParserError, RangeQuery, TermQuery,
};
use tantivy::query_grammar::{
    Delimiter, Occur as UserOccur, UserInputAst, UserInputLeaf, UserInputLiteral,
};
use tantivy::schema::{Field as IndexField, IndexRecordOption};
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Score, Term};

use super::schema::{OTHER_FIELDS, Record, TEXT_FIELDS, WORD_LIMIT, day_number};
use super::{IndexError, Snapshot, shortened};
use crate::note::due::Status;
use crate::note::fields::{self, Field, Search};
use crate::note::summary::Summary;
use crate::vault::config::Config;

/// A search as the user asked for it.
#[derive(Debug, Clone)]
pub struct SearchRequest<'a> {
    /// The query, in tantivy syntax.
    pub query: &'a str,
    /// Most hits wanted.
    pub limit: usize,
    /// Only people with this tag.
    pub tag: Option<&'a str>,
    /// Only people whose due date has passed.
    pub overdue: bool,
    /// The day due dates are computed for.
    pub today: NaiveDate,
    /// Read the notes of the hits to show where they matched.
    pub snippets: bool,
}

/// One person found.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Hit {
    /// How well it matched; higher is better.
    pub score: Score,
    /// Who, their mentions counted in.
    pub person: Summary,
    /// Where the body matched: pieces of text, highlighted or not.
    pub snippet: Vec<(String, bool)>,
    /// The note and line the snippet is from (`Journal/2026-11-20.md:3`),
    /// when that is a line mentioning the person elsewhere.
    pub found_in: Option<String>,
}

/// What one document found says: whose, how well, and where.
struct Found {
    score: Score,
    person: String,
    /// A mention line: its note and line, and its text.
    line: Option<(String, String)>,
}

/// Shorter words are matched by prefix only when at least this long…
const PREFIX_MIN_CHARS: usize = 3;
/// …and with one typo only when at least this long, so `ada` does not
/// find every `Ad…`.
const FUZZY_MIN_CHARS: usize = 5;
/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 120;
/// Deepest nesting of parentheses (or run of `NOT`s) a query may have:
/// far more than anyone types, far less than what exhausts the stack of
/// the recursive parser.
pub(super) const MAX_NESTING: usize = 64;

impl Snapshot {
    /// The best-scoring people for `request` (their mentions counted in as
    /// `config` says), best first: from the index, and from the overlay's
    /// notes indexed in memory (scored with the index's statistics, so
    /// that the two compare).
    pub(crate) fn search(
        &self,
        request: &SearchRequest,
        vault_root: &Path,
        config: &Config,
    ) -> Result<Vec<Hit>, IndexError> {
        let query = self.build_query(request)?;
        let wanted = request.limit.max(1);
        let found = self.best(&*query, wanted)?;
        let overlaid = self.overlay.iter().filter(|record| {
            matches!(record, Record::Person(p) if found.iter().any(|hit| hit.person == p.path))
        });
        let people: Vec<Summary> = self
            .any_term(found.iter().map(|hit| (self.fields.path, &hit.person)))?
            .into_iter()
            .chain(overlaid.cloned())
            .filter_map(|record| match record {
                Record::Person(person) => Some(*person),
                _ => None,
            })
            .collect();
        let people = self.with_their_mentions(people, config, request.today)?;
        let snippets = request
            .snippets
            .then(|| SnippetGenerator::create(&self.searcher, &*query, self.fields.body).ok())
            .flatten()
            .map(|mut generator| {
                generator.set_max_num_chars(SNIPPET_CHARS);
                (generator, line_markers(&*query, self.fields.body))
            });
        let mut hits = Vec::with_capacity(found.len());
        for hit in found {
            let Some(person) = people.iter().find(|p| p.path == hit.person) else {
                continue;
            };
            let overdue = Status::of(person, config, request.today)
                .days_overdue(request.today)
                .is_some();
            if request.overdue && !overdue {
                continue;
            }
            let snippet = snippets
                .as_ref()
                .map(|(generator, markers)| match &hit.line {
                    Some((_, text)) => highlighted(&generator.snippet(text)),
                    None => snippet(generator, markers, &vault_root.join(&person.path)),
                })
                .unwrap_or_default();
            hits.push(Hit {
                score: hit.score,
                person: person.clone(),
                snippet,
                found_in: hit.line.map(|(at, _)| at),
            });
            if hits.len() == wanted {
                break;
            }
        }
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.person.path.cmp(&b.person.path))
        });
        Ok(hits)
    }

    /// The best document of each of the best-scoring people for `query`,
    /// best first: enough documents are read for `wanted` people, though
    /// many lines may mention one of them.
    fn best(&self, query: &dyn Query, wanted: usize) -> Result<Vec<Found>, IndexError> {
        // Hits the overlay hides are dropped: ask for as many more.
        let mut limit = wanted
            .saturating_mul(2)
            .saturating_add(8)
            .saturating_add(self.hidden.len());
        loop {
            let top = TopDocs::with_limit(limit).order_by_score();
            let docs = self
                .searcher
                .search(query, &top)
                .map_err(|source| self.error(source))?;
            let mut exhausted = docs.len() < limit;
            let mut scored: Vec<(Score, Record)> = Vec::with_capacity(docs.len());
            for (score, address) in docs {
                match self.record_at(address)? {
                    Some(Record::Person(person)) if !self.is_hidden(&person.path) => {
                        scored.push((score, Record::Person(person)));
                    }
                    Some(Record::Mention(line)) if !self.is_hidden(&line.note) => {
                        scored.push((score, Record::Mention(line)));
                    }
                    _ => {}
                }
            }
            if let Some((overlay, stores)) = &self.overlay_index {
                let docs = overlay
                    .search_with_statistics_provider(query, &top, &self.searcher)
                    .map_err(|source| self.error(source))?;
                exhausted &= docs.len() < limit;
                for (score, address) in docs {
                    let record = stores
                        .record(overlay, address)
                        .map_err(|source| self.error(source))?;
                    scored.extend(record.map(|record| (score, record)));
                }
            }
            scored.sort_by(|a, b| b.0.total_cmp(&a.0));
            let mut found: Vec<Found> = Vec::new();
            for (score, record) in scored {
                let hit = match record {
                    Record::Person(person) => Found {
                        score,
                        person: person.path,
                        line: None,
                    },
                    Record::Mention(line) => Found {
                        score,
                        person: line.person,
                        line: Some((format!("{}:{}", line.note, line.line), line.text)),
                    },
                    _ => continue,
                };
                if !found.iter().any(|f| f.person == hit.person) {
                    found.push(hit);
                }
            }
            if exhausted || found.len() >= wanted || limit >= usize::MAX / 4 {
                return Ok(found);
            }
            limit = limit.saturating_mul(4);
        }
    }

    fn build_query(&self, request: &SearchRequest) -> Result<Box<dyn Query>, IndexError> {
        let bad = |reason: String| IndexError::BadQuery {
            query: request.query.to_string(),
            reason,
        };
        let depth = nesting(request.query);
        if depth > MAX_NESTING {
            return Err(bad(format!(
                "it nests {depth} deep (parentheses or NOTs); kith takes at most {MAX_NESTING}"
            )));
        }
        let (ast, errors) = tantivy::query_grammar::parse_query_lenient(request.query);
        if let Some(error) = errors.first() {
            return Err(bad(format!(
                "{} (at character {})",
                error.message,
                error.pos + 1
            )));
        }
        let plain = rewrite(ast.clone(), false).map_err(bad)?;
        let ast = rewrite(ast, true).map_err(bad)?;
        let fields = &self.fields;
        let index = self.searcher.index();
        let mut parser = QueryParser::for_index(index, fields.text.clone());
        parser.set_conjunction_by_default();
        parser.set_field_boost(fields.name, 5.0);
        for name in ["tags", "org"] {
            if let Some(field) = fields.text_field(name) {
                parser.set_field_boost(field, 2.0);
            }
        }
        let parser_error = |error: QueryParserError| bad(error.to_string());
        // What the parser finds wrong (a query of NOTs only, …) it finds
        // in the query as written: the name alternatives change nothing.
        parser
            .build_query_from_user_input_ast(plain)
            .map_err(parser_error)?;
        let names = NameAlternatives {
            parser: &parser,
            name: fields.name,
            words: index
                .tokenizer_for_field(fields.name)
                .map_err(|error| bad(error.to_string()))?,
        };
        let user = names
            .query(ast)
            .map_err(parser_error)?
            .unwrap_or_else(|| Box::new(EmptyQuery));
        // Only people and lines mentioning them: not other notes, nor
        // unreadable files.
        let is = |field| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_u64(field, 1),
                IndexRecordOption::Basic,
            ))
        };
        let mut people = is(fields.person);
        if request.overdue {
            // A person overdue by their own note may not be once their
            // mentions count: that is decided on what is found.
            let before_today = RangeQuery::new(
                Bound::Unbounded,
                Bound::Excluded(Term::from_field_i64(fields.due, day_number(request.today))),
            );
            people = Box::new(BooleanQuery::new(vec![
                (Occur::Must, people),
                (Occur::Must, Box::new(before_today)),
            ]));
        }
        let people_or_lines = BooleanQuery::new(vec![
            (Occur::Should, people),
            (Occur::Should, is(fields.line)),
        ]);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, user), (Occur::Must, filter(people_or_lines))];
        if let Some(tag) = request.tag {
            let tag = crate::text::fold(tag.trim_start_matches('#'));
            let term = TermQuery::new(
                Term::from_field_text(fields.tag, &tag),
                IndexRecordOption::Basic,
            );
            clauses.push((Occur::Must, filter(term)));
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }
}

/// How deep `query` nests, as the parser would recurse: parentheses
/// opened (closed or not) and runs of `NOT`, outside quotes.
fn nesting(query: &str) -> usize {
    let mut deepest = 0;
    let mut depth = 0usize;
    let mut nots = 0;
    let mut quoted = false;
    let mut escaped = false;
    let mut word = String::new();
    // The space added at the end ends the last word.
    for c in query.chars().chain([' ']) {
        if !quoted && !escaped && (c.is_whitespace() || c == '(' || c == ')') {
            nots = match word.as_str() {
                "NOT" => nots + 1,
                "" => nots,
                _ => 0,
            };
            word.clear();
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ => {}
            }
            deepest = deepest.max(depth + nots);
            continue;
        }
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '"' {
            quoted = !quoted;
        }
        word.push(c);
    }
    deepest
}

/// A query that selects without changing scores.
fn filter(query: impl Query) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(Box::new(query), 0.0))
}

/// Maps field names to the index's and, with `alternatives`, adds the
/// name alternatives.
fn rewrite(ast: UserInputAst, alternatives: bool) -> Result<UserInputAst, String> {
    Ok(match ast {
        UserInputAst::Clause(children) => UserInputAst::Clause(
            children
                .into_iter()
                .map(|(occur, child)| rewrite(child, alternatives).map(|child| (occur, child)))
                .collect::<Result<_, _>>()?,
        ),
        UserInputAst::Boost(inner, boost) => {
            UserInputAst::Boost(Box::new(rewrite(*inner, alternatives)?), boost)
        }
        UserInputAst::Leaf(leaf) => match *leaf {
            UserInputLeaf::Literal(mut literal) => {
                if let Some(word) = too_long(&literal.phrase) {
                    return Err(format!(
                        "'{}' is too long to search for: words of {WORD_LIMIT} bytes or more \
                         are left out of the index",
                        shortened(word)
                    ));
                }
                let field = literal
                    .field_name
                    .take()
                    .map(|f| index_field(&f))
                    .transpose()?;
                match field.as_deref() {
                    None | Some("name") if alternatives => with_name_alternatives(literal, field),
                    _ => {
                        literal.field_name = field;
                        leaf_of(UserInputLeaf::Literal(literal))
                    }
                }
            }
            UserInputLeaf::Range {
                field,
                lower,
                upper,
            } => leaf_of(UserInputLeaf::Range {
                field: field.map(|f| index_field(&f)).transpose()?,
                lower,
                upper,
            }),
            UserInputLeaf::Set { field, elements } => leaf_of(UserInputLeaf::Set {
                field: field.map(|f| index_field(&f)).transpose()?,
                elements,
            }),
            UserInputLeaf::Exists { field } => leaf_of(UserInputLeaf::Exists {
                field: index_field(&field)?,
            }),
            other => leaf_of(other),
        },
    })
}

/// A word of `phrase` that the index cannot hold (see [`WORD_LIMIT`]).
fn too_long(phrase: &str) -> Option<&str> {
    phrase
        .split(|c: char| !c.is_alphanumeric())
        .find(|word| word.len() >= WORD_LIMIT)
}

fn leaf_of(leaf: UserInputLeaf) -> UserInputAst {
    UserInputAst::Leaf(Box::new(leaf))
}

/// A single bare word also matches names by prefix and with a typo.
fn with_name_alternatives(literal: UserInputLiteral, field: Option<String>) -> UserInputAst {
    let word = literal.phrase.clone();
    let chars = word.chars().count();
    let single_word = literal.delimiter == Delimiter::None
        && !literal.prefix
        && chars >= PREFIX_MIN_CHARS
        && word.chars().all(char::is_alphanumeric);
    let original = leaf_of(UserInputLeaf::Literal(UserInputLiteral {
        field_name: field,
        ..literal
    }));
    if !single_word {
        return original;
    }
    let on = |field: &str| {
        (
            Some(UserOccur::Should),
            leaf_of(UserInputLeaf::Literal(UserInputLiteral {
                field_name: Some(field.to_string()),
                phrase: word.clone(),
                delimiter: Delimiter::None,
                slop: 0,
                prefix: false,
            })),
        )
    };
    let mut alternatives = vec![(Some(UserOccur::Should), original), on(PREFIX)];
    if chars >= FUZZY_MIN_CHARS {
        alternatives.push(on(TYPO));
    }
    UserInputAst::Clause(alternatives)
}

/// The pseudo fields a name alternative is written on in a rewritten
/// query: no field of the index has these names, nor does any field a
/// user names map to them ([`index_field`]).
const PREFIX: &str = "name_prefix";
const TYPO: &str = "name_fuzzy";

/// Makes a rewritten query with name alternatives a tantivy query. The
/// parser cannot: it makes every word on a field alike, and the
/// alternatives match the one name field three ways (scored, by prefix,
/// by prefix with a typo). So this makes the query as the parser would
/// (the same clauses and boosts, a part that finds no word dropped),
/// each leaf by the parser and each alternative itself, as the parser
/// did when the alternatives were fields of their own.
struct NameAlternatives<'a> {
    parser: &'a QueryParser,
    name: IndexField,
    /// The name field's tokenizer.
    words: TextAnalyzer,
}

impl NameAlternatives<'_> {
    /// `ast` as a query; `None` when no part of it has a word to find.
    fn query(&self, ast: UserInputAst) -> Result<Option<Box<dyn Query>>, QueryParserError> {
        match ast {
            UserInputAst::Clause(children) => {
                let mut clauses = Vec::new();
                for (occur, child) in children {
                    if let Some(query) = self.query(child)? {
                        // The parser is set to conjunction by default.
                        clauses.push((occur.unwrap_or(Occur::Must), query));
                    }
                }
                Ok((!clauses.is_empty())
                    .then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>))
            }
            UserInputAst::Boost(inner, boost) => {
                let query = self.query(*inner)?;
                let boost = boost.into_inner() as Score;
                if (boost - 1.0).abs() < Score::EPSILON {
                    return Ok(query);
                }
                let query = query.unwrap_or_else(|| Box::new(EmptyQuery));
                Ok(Some(Box::new(BoostQuery::new(query, boost))))
            }
            UserInputAst::Leaf(leaf) => match *leaf {
                UserInputLeaf::Literal(literal)
                    if literal.field_name.as_deref() == Some(PREFIX) =>
                {
                    Ok(self.on_name(&literal.phrase, 0, false, 3.0))
                }
                UserInputLeaf::Literal(literal) if literal.field_name.as_deref() == Some(TYPO) => {
                    Ok(self.on_name(&literal.phrase, 1, true, 2.0))
                }
                leaf => {
                    let query = self
                        .parser
                        .build_query_from_user_input_ast(UserInputAst::Leaf(Box::new(leaf)))?;
                    Ok((!query.is::<EmptyQuery>()).then_some(query))
                }
            },
        }
    }

    /// Names starting with `word` but for `distance` typos, scored `boost`
    /// whatever they are; `None` unless `word` is one word of the name
    /// field's (a word of letters and digits always is).
    fn on_name(
        &self,
        word: &str,
        distance: u8,
        transposition_is_one: bool,
        boost: Score,
    ) -> Option<Box<dyn Query>> {
        let mut words = self.words.clone();
        let mut stream = words.token_stream(word);
        let mut terms = Vec::new();
        while stream.advance() {
            terms.push(Term::from_field_text(self.name, &stream.token().text));
        }
        let [term] = <[Term; 1]>::try_from(terms).ok()?;
        let fuzzy = FuzzyTermQuery::new_prefix(term, distance, transposition_is_one);
        Some(Box::new(BoostQuery::new(Box::new(fuzzy), boost)))
    }
}

/// The index field a field name in a query means: a front matter key in
/// any spelling, or an unknown key (searched among the extra fields).
fn index_field(name: &str) -> Result<String, String> {
    let lower = name.to_lowercase();
    if TEXT_FIELDS.contains(&lower.as_str()) || lower == "path" {
        return Ok(lower);
    }
    match fields::lookup(&lower) {
        Some(spec) => match spec.search {
            Search::Names => Ok(Field::Name.key().into()),
            Search::Own => Ok(spec.key.into()),
            Search::No => Err(format!(
                "'{name}' cannot be searched; use `kith list` for dates (searchable: {})",
                searchable().join(", ")
            )),
        },
        None => {
            let key = lower.strip_prefix("extra.").unwrap_or(&lower);
            Ok(format!("extra.{}", fields::normal_key(key)))
        }
    }
}

/// The fields a query may name, as the help and errors list them.
pub fn searchable() -> Vec<&'static str> {
    TEXT_FIELDS
        .iter()
        .copied()
        .filter(|f| *f != OTHER_FIELDS)
        .collect()
}

/// What a line of a note must contain to be worth handing to the snippet
/// generator: each body term of the query less its last letter, since a
/// stem may end unlike the word it came from (`hiring` gives `hire`).
fn line_markers(query: &dyn Query, body: tantivy::schema::Field) -> Vec<String> {
    let mut markers = Vec::new();
    query.query_terms(&mut |term, _| {
        if term.field() == body
            && let Some(text) = term.value().as_str()
        {
            let keep = text.char_indices().nth(3).map_or(text.len(), |_| {
                text.char_indices().last().map_or(0, |(last, _)| last)
            });
            markers.push(text[..keep].to_string());
        }
    });
    markers.sort();
    markers.dedup();
    markers
}

/// Lines of `body` holding a marker (folded as the index folds), or the
/// whole body when none does: the snippet generator stems every word it
/// is given, and notes are mostly lines that cannot match.
fn matching_lines(body: &str, markers: &[String]) -> Option<String> {
    const MAX_LINES: usize = 4;
    let holds = |line: &str| {
        let folded = if line.is_ascii() {
            line.to_ascii_lowercase()
        } else {
            crate::text::fold(line)
        };
        markers.iter().any(|m| folded.contains(m.as_str()))
    };
    let lines: Vec<&str> = body.lines().filter(|l| holds(l)).take(MAX_LINES).collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// Where `note` matches, read from the note as it is now.
fn snippet(generator: &SnippetGenerator, markers: &[String], note: &Path) -> Vec<(String, bool)> {
    let Ok(bytes) = std::fs::read(note) else {
        return Vec::new();
    };
    let text = String::from_utf8_lossy(&bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let body = crate::note::without_comments(crate::note::frontmatter::split(text).body);
    let body: &str = &body;
    let lines = matching_lines(body, markers);
    let mut snippet = generator.snippet(lines.as_deref().unwrap_or(body));
    if snippet.highlighted().is_empty() && lines.is_some() {
        snippet = generator.snippet(body);
    }
    highlighted(&snippet)
}

/// The pieces of `snippet`, or none when nothing in it is highlighted.
fn highlighted(snippet: &Snippet) -> Vec<(String, bool)> {
    if snippet.highlighted().is_empty() {
        return Vec::new();
    }
    pieces(snippet.fragment(), snippet.highlighted())
}

/// Splits `text` into plain and highlighted pieces, white space folded.
fn pieces(text: &str, highlighted: &[Range<usize>]) -> Vec<(String, bool)> {
    let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    let mut at = 0;
    for range in highlighted {
        if range.start > at
            && let Some(plain) = text.get(at..range.start)
        {
            let folded = fold(plain);
            let spaced = match (plain.starts_with(char::is_whitespace), at > 0) {
                (true, true) => format!(" {folded}"),
                _ => folded,
            };
            let spaced = if plain.ends_with(char::is_whitespace) && !spaced.is_empty() {
                format!("{spaced} ")
            } else {
                spaced
            };
            out.push((spaced, false));
        }
        if let Some(hit) = text.get(range.clone()) {
            out.push((fold(hit), true));
        }
        at = range.end;
    }
    if let Some(rest) = text.get(at..) {
        let folded = fold(rest);
        if !folded.is_empty() {
            let lead = if rest.starts_with(char::is_whitespace) {
                " "
            } else {
                ""
            };
            out.push((format!("{lead}{folded}"), false));
        }
    }
    out.retain(|(piece, _)| !piece.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_counts_parentheses_and_nots_outside_quotes() {
        assert_eq!(nesting("ada lovelace"), 0);
        assert_eq!(nesting("(a OR (b AND c)) (d)"), 2);
        assert_eq!(nesting("((((a"), 4);
        assert_eq!(nesting("NOT NOT NOT a"), 3);
        assert_eq!(nesting("NOT a NOT b"), 1);
        assert_eq!(nesting("\"((((\" \\( a"), 0);
        assert_eq!(
            nesting(&format!("{}a{}", "(".repeat(3000), ")".repeat(3000))),
            3000
        );
    }

    #[test]
    fn field_spellings_map_to_index_fields() {
        assert_eq!(index_field("company").unwrap(), "org");
        assert_eq!(index_field("Tag").unwrap(), "tags");
        assert_eq!(index_field("alias").unwrap(), "name");
        assert_eq!(index_field("LinkedIn").unwrap(), "extra.linkedin");
        assert_eq!(index_field("last_called").unwrap(), "extra.lastcalled");
        assert_eq!(
            index_field("extra.Last-Called").unwrap(),
            "extra.lastcalled"
        );
        assert_eq!(index_field("Company").unwrap(), "org");
        assert_eq!(index_field("body").unwrap(), "body");
        assert!(
            index_field("birthday")
                .unwrap_err()
                .contains("cannot be searched")
        );
    }

    #[test]
    fn only_lines_that_can_match_go_to_the_snippet() {
        let body = "# Zoë\n\n## Log\n- 2026-11-02 Hiring two engineers\n- 2026-10-01 Lunch\n- 2026-09-01 Zoë's sailing trip\n";
        let markers = vec!["hir".to_string(), "zoe".to_string()];
        assert_eq!(
            matching_lines(body, &markers).as_deref(),
            Some("# Zoë\n- 2026-11-02 Hiring two engineers\n- 2026-09-01 Zoë's sailing trip")
        );
        assert_eq!(matching_lines(body, &["xyz".to_string()]), None);
    }

    #[test]
    fn snippet_pieces_fold_white_space_and_keep_highlights() {
        let text = "Lunch at\nthe  sailing club\n\nwith Ada";
        let sailing = text.find("sailing").unwrap();
        let ada = text.find("Ada").unwrap();
        let pieces = pieces(text, &[sailing..sailing + 7, ada..ada + 3]);
        assert_eq!(
            pieces,
            vec![
                ("Lunch at the ".to_string(), false),
                ("sailing".to_string(), true),
                (" club with ".to_string(), false),
                ("Ada".to_string(), true),
            ]
        );
    }
}
