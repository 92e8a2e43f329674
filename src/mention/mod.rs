//! Interactions written elsewhere: the links to people in notes that are
//! not people — daily, meeting and interaction notes, projects, companies
//! — read with the note's date ([`read`]), resolved to the person they
//! name the way Obsidian resolves a link ([`resolve`]), and handed to
//! each person as [`Mention`]s, which their summary counts as contacts
//! and promises ([`Summary::with_mentions`](crate::note::summary::Summary::with_mentions)).

pub(crate) mod read;
pub(crate) mod resolve;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::note::cadence::stored_date_option;
use crate::note::links::Link;
use crate::note::mention::{Mention, promise_date};
use crate::note::problem::Problem;
use crate::note::summary::{Summary, short};
use resolve::Target;

/// What kith keeps of a note that is not a person: where it is, its date
/// and its links, each with what it names once resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherNote {
    /// Vault-relative path.
    pub path: String,
    /// Its date: a `date:` property, else a date in its file name or its
    /// daily-note name.
    #[serde(with = "stored_date_option")]
    pub date: Option<NaiveDate>,
    /// Its links to other notes, in the order written.
    pub links: Vec<Link>,
    /// What each link names, in `links` order; empty until resolved.
    pub targets: Vec<Target>,
}

impl OtherNote {
    /// A note without links (or whose links are not read).
    pub(crate) fn plain(path: &str) -> OtherNote {
        OtherNote {
            path: path.to_string(),
            date: None,
            links: Vec::new(),
            targets: Vec::new(),
        }
    }

    /// The links with what each names.
    pub(crate) fn resolved(&self) -> impl Iterator<Item = (&Link, &Target)> {
        self.links.iter().zip(&self.targets)
    }

    /// The people this note mentions, with each mention; a person linked
    /// on one line twice (by name and alias) once.
    pub fn mentions(&self) -> Vec<(&str, Mention)> {
        self.mentions_of(|_| true)
    }

    /// The mentions of the people `wanted` lets through, as
    /// [`mentions`](Self::mentions) has them: the others' are not made.
    fn mentions_of(&self, wanted: impl Fn(&str) -> bool) -> Vec<(&str, Mention)> {
        let mut found: Vec<(&str, Mention)> = Vec::new();
        for (link, target) in self.resolved() {
            let Target::Person(person) = target else {
                continue;
            };
            if !wanted(person) {
                continue;
            }
            if found
                .iter()
                .any(|(p, m)| *p == person.as_str() && m.line == link.line)
            {
                continue;
            }
            found.push((
                person,
                Mention {
                    note: self.path.clone(),
                    line: link.line,
                    date: self.date_of(link),
                    kind: link.kind,
                    text: short(&link.text),
                },
            ));
        }
        found
    }

    /// The people this note mentions, each once.
    pub(crate) fn people(&self) -> Vec<&str> {
        let mut people: Vec<&str> = self.mentions().into_iter().map(|(p, _)| p).collect();
        people.sort_unstable();
        people.dedup();
        people
    }

    /// How many open promises to people it holds: dated open tasks.
    pub(crate) fn promises(&self) -> usize {
        self.mentions()
            .iter()
            .filter(|(_, m)| m.promise_date().is_some())
            .count()
    }

    /// The people this note holds an open promise to, each as often as
    /// linked: the people of the mentions whose
    /// [`promise_date`](Mention::promise_date) is set, found without
    /// making the mentions.
    pub(crate) fn promised(&self) -> impl Iterator<Item = &str> {
        self.resolved().filter_map(|(link, target)| match target {
            Target::Person(person) if promise_date(link.kind, self.date_of(link)).is_some() => {
                Some(person.as_str())
            }
            _ => None,
        })
    }

    /// The date of the line `link` is on: its own, else the note's.
    fn date_of(&self, link: &Link) -> Option<NaiveDate> {
        link.date.or(self.date)
    }

    /// Whether a link names no note at all (it may be a near miss).
    pub(crate) fn has_loose_links(&self) -> bool {
        self.targets.contains(&Target::Nothing)
    }

    /// What kith noticed about its links: the ones that could mean
    /// several people.
    pub fn hints(&self) -> Vec<Problem> {
        self.resolved()
            .filter_map(|(link, target)| match target {
                Target::Ambiguous(people) => Some(Problem::new(
                    &self.path,
                    link.line,
                    format!(
                        "[[{}]] could be any of {} people named so ({}), so it counts for \
                         none: link the one you mean by their file name",
                        link.target,
                        people.len(),
                        people.join(", ")
                    ),
                )),
                _ => None,
            })
            .collect()
    }
}

impl OtherNote {
    /// The links to nothing that `near` (a link's loose key → the person
    /// it is a near miss of) finds to be near misses, as hints.
    pub(crate) fn near_misses<'a>(
        &self,
        near: &dyn Fn(&str) -> Option<&'a Summary>,
    ) -> Vec<Problem> {
        self.resolved()
            .filter(|(_, target)| **target == Target::Nothing)
            .filter_map(|(link, _)| {
                let person = near(&resolve::loose_key(&link.target)?)?;
                Some(Problem::new(
                    &self.path,
                    link.line,
                    resolve::near_miss(&link.target, person),
                ))
            })
            .collect()
    }
}

/// What kith noticed about the links of `notes` to `people` (in path
/// order): names several people share and near misses, in path and line
/// order.
pub(crate) fn hints(notes: &[OtherNote], people: &[Summary]) -> Vec<Problem> {
    let keyed: Vec<(&Summary, Vec<String>)> = people
        .iter()
        .map(|person| (person, resolve::near_keys(person)))
        .collect();
    let near = |loose: &str| {
        keyed
            .iter()
            .find(|(_, keys)| keys.iter().any(|key| resolve::is_near(loose, key)))
            .map(|(person, _)| *person)
    };
    let mut hints: Vec<Problem> = notes
        .iter()
        .flat_map(|note| note.hints().into_iter().chain(note.near_misses(&near)))
        .collect();
    hints.sort();
    hints
}

/// Every mention `notes` make, by the path of the person mentioned.
pub fn by_person<'a>(
    notes: impl IntoIterator<Item = &'a OtherNote>,
) -> FxHashMap<&'a str, Vec<Mention>> {
    let notes: Vec<&OtherNote> = notes.into_iter().collect();
    by_person_among(&notes, |_| true)
}

/// The mentions `notes` make of the people `wanted` lets through, by the
/// path of the person mentioned: the report reads every note that
/// mentions anyone but counts only those it may show. The notes are read
/// side by side.
pub(crate) fn by_person_among<'a>(
    notes: &[&'a OtherNote],
    wanted: impl Fn(&str) -> bool + Sync,
) -> FxHashMap<&'a str, Vec<Mention>> {
    type ByPerson<'a> = FxHashMap<&'a str, Vec<Mention>>;
    notes
        .par_iter()
        .fold(ByPerson::default, |mut all, note| {
            for (person, mention) in note.mentions_of(&wanted) {
                all.entry(person).or_default().push(mention);
            }
            all
        })
        // Joined in order: each person's mentions stay in note order.
        .reduce(ByPerson::default, |mut all, more| {
            for (person, mut mentions) in more {
                all.entry(person).or_default().append(&mut mentions);
            }
            all
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::{Parsed, parse};

    /// The note at `rel` read from `text`, each link naming the person
    /// `people/<target>.md` (a link to "Nobody" names no one).
    fn resolved(rel: &str, text: &str) -> OtherNote {
        let Parsed::Person(person) = parse(rel, text.as_bytes()) else {
            panic!("a note");
        };
        let mut note = read::read(rel, &person, &[]);
        note.targets = note
            .links
            .iter()
            .map(|link| match link.target.as_str() {
                "Nobody" => Target::Nothing,
                target => Target::Person(format!("people/{target}.md")),
            })
            .collect();
        note
    }

    #[test]
    fn the_people_promised_are_those_of_the_mentions_that_are_promises() {
        let text = "- [ ] Send [[Ada]] and [[Ada]] the deck\n- [x] Sent [[Grace]] the notes\n\
                    - Lunch with [[Linus]]\n- [ ] 2026-12-01 Call [[Grace]]\n- [ ] Ask [[Nobody]]\n";
        let promised_by_mentions = |note: &OtherNote| {
            let mut people: Vec<String> = note
                .mentions()
                .into_iter()
                .filter(|(_, mention)| mention.promise_date().is_some())
                .map(|(person, _)| person.to_string())
                .collect();
            people.sort();
            people.dedup();
            people
        };
        let promised = |note: &OtherNote| {
            let mut people: Vec<String> = note.promised().map(str::to_string).collect();
            people.sort();
            people.dedup();
            people
        };
        // In a daily note every open task is dated; in an undated note only
        // the one with a date of its own is a promise.
        let daily = resolved("Daily/2026-11-20.md", text);
        assert_eq!(promised(&daily), ["people/Ada.md", "people/Grace.md"]);
        assert_eq!(promised(&daily), promised_by_mentions(&daily));
        let undated = resolved("Projects/Engine.md", text);
        assert_eq!(promised(&undated), ["people/Grace.md"]);
        assert_eq!(promised(&undated), promised_by_mentions(&undated));
    }

    #[test]
    fn mentions_of_some_people_are_theirs_among_everyones() {
        let notes = [
            resolved(
                "Daily/2026-11-20.md",
                "- Lunch with [[Ada]] and [[Linus]]\n",
            ),
            resolved(
                "Daily/2026-11-21.md",
                "- [ ] Send [[Ada]] the deck\n- [[Grace]]\n",
            ),
        ];
        let all = by_person(&notes);
        let some = by_person_among(&notes.iter().collect::<Vec<_>>(), |person| {
            person != "people/Linus.md"
        });
        assert_eq!(some.len(), 2);
        for (person, mentions) in &some {
            assert_eq!(&all[person], mentions);
        }
        assert_eq!(all["people/Ada.md"].len(), 2);
    }
}
