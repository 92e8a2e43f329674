//! Introductions worth making: pairs of people who share interests, or
//! where one's needs (`needs`) meet what the other offers (`offers`, their
//! role, their org), best first, each with the reason. Pairs already
//! connected are left out: either note links to the other, or its log
//! speaks of introducing them (`Introduced to [[Ada]]`, `promised an
//! intro to Grace`).
//!
//! Words are compared as the index compares them (folded and stemmed,
//! filler words left out); across the vault, a word more than a hundred
//! people share suggests no pair by itself. A pair scores 2 for each interest both have
//! and 1 for each interest that only shares a word ("single-origin coffee"
//! and "specialty coffee": `coffee`), and 3 for each need met, times the
//! share of the need's words the other's offers hold: a need met is the
//! introduction most worth making.

use std::collections::{BTreeMap, BTreeSet};

use crate::index::words;
use crate::note::fields::Field;
use crate::note::summary::Summary;

/// What an interest both have scores.
const SAME_INTEREST: f32 = 2.0;
/// What an interest sharing only some words scores.
const NEAR_INTEREST: f32 = 1.0;
/// What a need met in full scores.
const NEED_MET: f32 = 3.0;

/// Most people a word may be shared by and still suggest pairs across the
/// vault: "coffee" in a hundred notes is common ground, not a reason to
/// introduce two particular people (asked about one person, all count).
const MAX_COMMON: usize = 100;

/// A need of one that the other's offers meet.
#[derive(Debug, Clone)]
pub struct Need<'a> {
    /// Who needs it.
    pub needer: &'a Summary,
    /// The need as written.
    pub need: String,
    /// Whose offers meet it.
    pub giver: &'a Summary,
    /// The offers (or role, or org) that meet it, as written.
    pub offers: Vec<String>,
}

/// Two people worth introducing.
#[derive(Debug, Clone)]
pub struct Pair<'a> {
    /// The first of them (the one asked about, else one who needs).
    pub a: &'a Summary,
    /// The other.
    pub b: &'a Summary,
    /// How worth it it is; higher is better.
    pub score: f32,
    /// The interests both have, as the first writes them.
    pub both: Vec<String>,
    /// The needs met.
    pub needs: Vec<Need<'a>>,
}

impl Pair<'_> {
    /// The reason, for people: `both: sailing, fintech; Nadia needs: a CFO
    /// · Marcus: fractional CFO`.
    pub fn reason(&self) -> String {
        let mut parts = Vec::new();
        if !self.both.is_empty() {
            parts.push(format!("both: {}", self.both.join(", ")));
        }
        let (a, b) = short_names(self.a, self.b);
        let short = |person: &Summary| {
            if std::ptr::eq(person, self.a) {
                a.clone()
            } else {
                b.clone()
            }
        };
        for need in &self.needs {
            parts.push(format!(
                "{} needs: {} · {}: {}",
                short(need.needer),
                need.need,
                short(need.giver),
                need.offers.join(", ")
            ));
        }
        parts.join("; ")
    }
}

/// What `kith intro` logs in one note of a pair: `Introduced to [[Priya
/// Raman]] — TEXT`, linking the other's note (at `other_path`, named
/// `other_name`), so the pair is never suggested again.
pub fn intro_text(other_path: &str, other_name: &str, text: Option<&str>) -> String {
    let link = crate::report::markdown::short_link(other_path, other_name);
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => format!("Introduced to {link} — {text}"),
        None => format!("Introduced to {link}"),
    }
}

/// First names, or whole names when the first names are the same.
fn short_names(a: &Summary, b: &Summary) -> (String, String) {
    let first = |p: &Summary| {
        p.name()
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string()
    };
    let (fa, fb) = (first(a), first(b));
    if fa.is_empty() || fb.is_empty() || crate::text::fold(&fa) == crate::text::fold(&fb) {
        (a.name().to_string(), b.name().to_string())
    } else {
        (fa, fb)
    }
}

/// A text of a note with its words' stems.
struct Item<'a> {
    text: &'a str,
    stems: Vec<String>,
    words: Vec<words::Word>,
}

impl<'a> Item<'a> {
    fn new(text: &'a str) -> Item<'a> {
        let all = words::words(text);
        let content: Vec<words::Word> = all.iter().filter(|w| !w.is_filler()).cloned().collect();
        let words = if content.is_empty() { all } else { content };
        let mut stems: Vec<String> = words.iter().map(|w| w.stem.clone()).collect();
        stems.sort_unstable();
        stems.dedup();
        Item { text, stems, words }
    }

    /// The words of this item whose stems are in `stems`, as written.
    fn words_in(&self, stems: &[String]) -> String {
        let mut shown: Vec<&str> = Vec::new();
        for word in &self.words {
            let text = &self.text[word.at.clone()];
            if stems.contains(&word.stem) && !shown.contains(&text) {
                shown.push(text);
            }
        }
        shown.join(" ")
    }
}

/// What a person brings to an introduction.
struct Profile<'a> {
    person: &'a Summary,
    /// Their note's file name, folded, as links name it.
    stem: String,
    /// Their names as a log may speak of them, folded: name, aliases,
    /// first name.
    names: Vec<String>,
    interests: Vec<Item<'a>>,
    needs: Vec<Item<'a>>,
    offers: Vec<Item<'a>>,
}

impl<'a> Profile<'a> {
    fn new(person: &'a Summary) -> Profile<'a> {
        let fields = &person.fields;
        let items = |field: Field| -> Vec<Item<'a>> {
            fields.list(field).iter().map(|t| Item::new(t)).collect()
        };
        let mut names: Vec<String> = std::iter::once(person.name())
            .chain(fields.list(Field::Aliases).iter().map(String::as_str))
            .chain(person.name().split_whitespace().next())
            .map(crate::text::fold)
            .filter(|name| !name.trim().is_empty())
            .collect();
        names.sort_unstable();
        names.dedup();
        let offers = fields
            .list(Field::Offers)
            .iter()
            .map(String::as_str)
            .chain(fields.text(Field::Role))
            .chain(fields.text(Field::Org))
            .map(Item::new)
            .collect();
        Profile {
            person,
            stem: crate::text::fold(crate::note::file_stem(&person.path)),
            names,
            interests: items(Field::Interests),
            needs: items(Field::Needs),
            offers,
        }
    }

    fn connects(&self, other: &Profile) -> bool {
        self.person.ties.connects(&other.stem, &other.names)
    }
}

/// The introductions worth making among `people` (archived ones left
/// out), best first; with `only`, those of the person at that path, who
/// comes first in each pair.
pub fn suggest<'a>(people: &'a [Summary], only: Option<&str>) -> Vec<Pair<'a>> {
    let profiles: Vec<Profile> = people
        .iter()
        .filter(|p| !p.fields.flag(Field::Archived))
        .map(Profile::new)
        .collect();
    let mut by_interest: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut by_need: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut by_offer: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (at, profile) in profiles.iter().enumerate() {
        for (items, map) in [
            (&profile.interests, &mut by_interest),
            (&profile.needs, &mut by_need),
            (&profile.offers, &mut by_offer),
        ] {
            let stems: BTreeSet<&str> = items
                .iter()
                .flat_map(|item| item.stems.iter().map(String::as_str))
                .collect();
            for stem in stems {
                map.entry(stem).or_default().push(at);
            }
        }
    }
    let mut candidates: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (at, profile) in profiles.iter().enumerate() {
        if only.is_some_and(|path| profile.person.path != path) {
            continue;
        }
        // Who shares an interest, offers what this one needs, or needs
        // what this one offers.
        let lookups = [
            (&profile.interests, &by_interest),
            (&profile.needs, &by_offer),
            (&profile.offers, &by_need),
        ];
        for (items, map) in lookups {
            // Across the vault, a word more than `MAX_COMMON` people share
            // singles out no pair of them (and would make millions).
            let others = items
                .iter()
                .flat_map(|item| item.stems.iter())
                .filter_map(|stem| map.get(stem.as_str()))
                .filter(|sharing| only.is_some() || sharing.len() <= MAX_COMMON)
                .flatten();
            for &other in others.filter(|other| **other != at) {
                candidates.insert((at.min(other), at.max(other)));
            }
        }
    }
    let mut pairs: Vec<Pair> = candidates
        .into_iter()
        .filter_map(|(i, j)| {
            let (p, q) = match only {
                Some(path) if profiles[j].person.path == path => (&profiles[j], &profiles[i]),
                _ => (&profiles[i], &profiles[j]),
            };
            if p.connects(q) || q.connects(p) {
                return None;
            }
            evaluate(p, q, only.is_some())
        })
        .collect();
    pairs.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| x.a.name().cmp(y.a.name()))
            .then_with(|| x.b.name().cmp(y.b.name()))
    });
    pairs
}

/// What `p` and `q` have to meet about, when anything; `p` first when
/// `keep_order`, else whoever needs.
fn evaluate<'a>(p: &Profile<'a>, q: &Profile<'a>, keep_order: bool) -> Option<Pair<'a>> {
    let mut score = 0.0;
    let mut both: Vec<(String, f32)> = Vec::new();
    for x in &p.interests {
        for y in &q.interests {
            let shared: Vec<String> = x
                .stems
                .iter()
                .filter(|stem| y.stems.contains(stem))
                .cloned()
                .collect();
            if shared.is_empty() {
                continue;
            }
            let (label, worth) = if x.stems == y.stems {
                (x.text.trim().to_string(), SAME_INTEREST)
            } else {
                (x.words_in(&shared), NEAR_INTEREST)
            };
            if !both
                .iter()
                .any(|(known, _)| crate::text::fold(known) == crate::text::fold(&label))
            {
                both.push((label, worth));
                score += worth;
            }
        }
    }
    // Interests both have before those that only share a word.
    both.sort_by(|x, y| y.1.total_cmp(&x.1));
    let both: Vec<String> = both.into_iter().map(|(label, _)| label).collect();
    let mut needs = Vec::new();
    for (needer, giver) in [(p, q), (q, p)] {
        for need in &needer.needs {
            let offers: Vec<&Item> = giver
                .offers
                .iter()
                .filter(|offer| offer.stems.iter().any(|s| need.stems.contains(s)))
                .collect();
            if offers.is_empty() {
                continue;
            }
            let met: BTreeSet<&String> = offers
                .iter()
                .flat_map(|offer| offer.stems.iter())
                .filter(|s| need.stems.contains(s))
                .collect();
            score += NEED_MET * met.len() as f32 / need.stems.len() as f32;
            needs.push(Need {
                needer: needer.person,
                need: need.text.trim().to_string(),
                giver: giver.person,
                offers: offers.iter().map(|o| o.text.trim().to_string()).collect(),
            });
        }
    }
    if score <= 0.0 {
        return None;
    }
    let (a, b) = match needs.first() {
        Some(need) if !keep_order && std::ptr::eq(need.needer, q.person) => (q.person, p.person),
        _ => (p.person, q.person),
    };
    Some(Pair {
        a,
        b,
        score,
        both,
        needs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::summary::of_note as summary;

    fn shown(pairs: &[Pair]) -> Vec<String> {
        pairs
            .iter()
            .map(|p| format!("{} + {}: {}", p.a.name(), p.b.name(), p.reason()))
            .collect()
    }

    #[test]
    fn shared_interests_and_needs_met_are_suggested_best_first() {
        let people = [
            summary(
                "Marcus Chen",
                "---\ninterests: [sailing, single-origin coffee]\noffers: [fractional CFO]\n---\n",
            ),
            summary("Nadia Haddad", "---\nneeds: a CFO\n---\n"),
            summary(
                "Zoë Müller",
                "---\ninterests: [specialty coffee, Sailing]\n---\n",
            ),
            summary("Sam Whitaker", "---\ninterests: [bread]\n---\n"),
        ];
        assert_eq!(
            shown(&suggest(&people, None)),
            [
                "Marcus Chen + Zoë Müller: both: sailing, coffee",
                "Nadia Haddad + Marcus Chen: Nadia needs: a CFO · Marcus: fractional CFO",
            ]
        );
        assert_eq!(
            shown(&suggest(&people, Some("people/Zoë Müller.md"))),
            ["Zoë Müller + Marcus Chen: both: Sailing, coffee"]
        );
        assert!(suggest(&people, Some("people/Sam Whitaker.md")).is_empty());
    }

    #[test]
    fn a_word_everyone_shares_suggests_no_pair_but_for_one_person() {
        let mut people: Vec<Summary> = (0..=MAX_COMMON)
            .map(|n| summary(&format!("P{n:03}"), "---\ninterests: [coffee]\n---\n"))
            .collect();
        people.push(summary("Rare", "---\ninterests: [coffee, falconry]\n---\n"));
        people.push(summary("Also", "---\ninterests: [Falconry]\n---\n"));
        assert_eq!(
            shown(&suggest(&people, None)),
            ["Rare + Also: both: falconry"]
        );
        let one = suggest(&people, Some("people/P000.md"));
        assert_eq!(one.len(), MAX_COMMON + 1);
        assert_eq!(one[0].reason(), "both: coffee");
    }

    #[test]
    fn role_and_org_are_offers_too() {
        let people = [
            summary("Olu", "---\nneeds: [an audit firm, a lawyer]\n---\n"),
            summary("Marcus", "---\nrole: Audit partner\norg: Chen CPA\n---\n"),
        ];
        let pairs = suggest(&people, None);
        assert_eq!(
            shown(&pairs),
            ["Olu + Marcus: Olu needs: an audit firm · Marcus: Audit partner"]
        );
        assert_eq!(pairs[0].score, NEED_MET / 2.0);
    }

    #[test]
    fn an_introduction_links_the_other_so_the_pair_is_connected() {
        let text = intro_text("people/Grace Hopper.md", "Grace Hopper", Some(" hiring "));
        assert_eq!(text, "Introduced to [[Grace Hopper]] — hiring");
        assert_eq!(
            intro_text("people/Grace Hopper.md", "Grace Hopper", None),
            "Introduced to [[Grace Hopper]]"
        );
        let people = [
            summary(
                "Ada",
                &format!("---\ninterests: [horses]\n---\n- 2026-11-24 {text}\n"),
            ),
            summary("Grace Hopper", "---\ninterests: [horses]\n---\n"),
        ];
        assert!(suggest(&people, None).is_empty());
    }

    #[test]
    fn connected_pairs_are_left_out() {
        let linked = [
            summary(
                "Ada",
                "---\ninterests: [horses]\n---\nMet through [[Grace]].\n",
            ),
            summary("Grace", "---\ninterests: [horses]\n---\n"),
        ];
        assert!(suggest(&linked, None).is_empty());
        let introduced = [
            summary(
                "Ada Lovelace",
                "---\ninterests: [horses]\n---\n- [ ] 2026-11-20 intro to Grace\n",
            ),
            summary("Grace Hopper", "---\ninterests: [horses]\n---\n"),
        ];
        assert!(suggest(&introduced, None).is_empty());
        let by = [
            summary(
                "Ada",
                "---\ninterests: [horses]\nintroduced_by: Grace\n---\n",
            ),
            summary("Grace", "---\ninterests: [horses]\n---\n"),
        ];
        assert!(suggest(&by, None).is_empty());
        let archived = [
            summary("Ada", "---\ninterests: [horses]\n---\n"),
            summary("Grace", "---\ninterests: [horses]\narchived: true\n---\n"),
        ];
        assert!(suggest(&archived, None).is_empty());
    }
}
