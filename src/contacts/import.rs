//! Planning an import of contacts: which become new notes and which belong
//! to a person already in the vault (same email, else same name), with
//! cards for the same person folded into one. Pure: nothing is written;
//! linear in the cards and notes, so a whole address book plans at once.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::contacts::contact::Contact;
use crate::note::fields::Field;
use crate::note::file_stem;
use crate::note::summary::Summary;
use crate::resolve::{Candidate, normal};
use crate::text::fold;
use crate::write::template::file_stem_for;

/// Where a card was read: `contacts.vcf:12`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The file, as given.
    pub file: String,
    /// The 1-based line the card begins on.
    pub line: usize,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// What to do with one person's contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A new note `STEM.md` in the people folder.
    Create {
        /// The file name, without `.md`.
        stem: String,
    },
    /// The person of this existing note (vault-relative path).
    Existing {
        /// The note's vault path.
        path: String,
    },
    /// The person of more than one existing note (same email, else same
    /// name): which one is for the user to say.
    Ambiguous {
        /// Those notes' people.
        candidates: Vec<Candidate>,
    },
}

/// One person to import: the contact (several cards folded together) and
/// where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// What the cards say.
    pub contact: Contact,
    /// The first card of this person.
    pub source: Source,
    /// Where it goes.
    pub action: Action,
}

/// The steps, and a message for each card folded into another.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// One per person, in the order of their first card.
    pub steps: Vec<Step>,
    /// What the user should hear about the folding.
    pub notes: Vec<String>,
}

/// An email as matched: ASCII letters in any case are the same.
fn email_key(email: &str) -> String {
    email.to_ascii_lowercase()
}

/// Where each email and name was seen: matching a contact is a few map
/// look-ups, so a plan is linear in the number of cards and notes.
#[derive(Default)]
struct Seen {
    emails: HashMap<String, Vec<usize>>,
    names: HashMap<String, Vec<usize>>,
}

impl Seen {
    fn add(&mut self, index: usize, emails: &[String], names: &[&str]) {
        // Repeats are dropped when looked up; this only keeps them short.
        let note = |map: &mut HashMap<String, Vec<usize>>, key: String| {
            let at = map.entry(key).or_default();
            if at.last() != Some(&index) {
                at.push(index);
            }
        };
        for email in emails {
            note(&mut self.emails, email_key(email));
        }
        for name in names {
            note(&mut self.names, normal(name));
        }
    }

    /// Everyone sharing one of `emails`, in the order they were added.
    fn by_email(&self, emails: &[String]) -> Vec<usize> {
        let mut found: Vec<usize> = emails
            .iter()
            .filter_map(|email| self.emails.get(&email_key(email)))
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// Everyone named `name` (as `resolve::same_name` compares), in order.
    fn by_name(&self, name: &str) -> &[usize] {
        self.names.get(&normal(name)).map_or(&[], Vec::as_slice)
    }
}

/// Plans the import of `cards` (in file order) into a vault holding
/// `people`. Cards of the same person (same email, else same name) are
/// folded into the first: lists joined, other fields filled where the
/// first is empty. Each person then either has a note already (same
/// email, else same name or file name), has several (ambiguous), or gets
/// a new file name, numbered (`Name (2)`) when another new note took it.
///
/// `reserved` are file names (without `.md`) that no new note may take,
/// such as the report's when it is written into the people folder.
pub fn plan(cards: Vec<(Source, Contact)>, people: &[Summary], reserved: &[String]) -> Plan {
    let mut plan = Plan::default();
    let mut incoming: Vec<(Source, Contact)> = Vec::new();
    let mut seen = Seen::default();
    for (source, contact) in cards {
        // The first card sharing an email or the name with this one.
        let first_by_email = seen.by_email(contact.emails()).first().copied();
        let first_by_name = seen.by_name(contact.name()).first().copied();
        let Some(index) = first_by_email.into_iter().chain(first_by_name).min() else {
            seen.add(incoming.len(), contact.emails(), &[contact.name()]);
            incoming.push((source, contact));
            continue;
        };
        let why = if first_by_email == Some(index) {
            "same email"
        } else {
            "same name"
        };
        let (first, into) = &mut incoming[index];
        plan.notes.push(format!(
            "{source}: '{}' taken as the person of {first} ({why}); their cards are merged",
            contact.name()
        ));
        let emails = contact.emails().to_vec();
        for field in into.absorb(contact) {
            plan.notes.push(format!(
                "{source}: kept the {field} of {first}, left out this card's"
            ));
        }
        seen.add(index, &emails, &[]);
    }

    let mut notes = Seen::default();
    for (index, person) in people.iter().enumerate() {
        let names = [person.name(), file_stem(&person.path)];
        notes.add(index, person.fields.list(Field::Email), &names);
    }
    // File names of notes already there are taken too (a note whose name
    // field differs from its file name).
    let mut taken: HashSet<String> = people
        .iter()
        .map(|p| file_stem(&p.path))
        .chain(reserved.iter().map(String::as_str))
        .map(fold)
        .collect();
    // The next number worth trying for a file name once it was taken.
    let mut numbered: HashMap<String, usize> = HashMap::new();
    let mut merged_into: HashMap<String, usize> = HashMap::new();
    for (source, contact) in incoming {
        // The notes of the contact's person: those with one of its
        // emails, else those with its name (or file name).
        let mut found = notes.by_email(contact.emails());
        if found.is_empty() {
            found = notes.by_name(contact.name()).to_vec();
        }
        if found.len() > 1 {
            let candidates = found
                .iter()
                .map(|&i| Candidate {
                    name: people[i].name().to_string(),
                    path: people[i].path.clone(),
                })
                .collect();
            plan.steps.push(Step {
                contact,
                source,
                action: Action::Ambiguous { candidates },
            });
            continue;
        }
        if let Some(&person) = found.first() {
            let path = people[person].path.clone();
            match merged_into.get(&path) {
                Some(&step) => {
                    let step = &mut plan.steps[step];
                    plan.notes.push(format!(
                        "{source}: '{}' is also {path}, like {}; their cards are merged",
                        contact.name(),
                        step.source
                    ));
                    step.contact.absorb(contact);
                }
                None => {
                    merged_into.insert(path.clone(), plan.steps.len());
                    plan.steps.push(Step {
                        contact,
                        source,
                        action: Action::Existing { path },
                    });
                }
            }
            continue;
        }
        let base = file_stem_for(contact.name());
        let key = fold(&base);
        let mut n = numbered.get(&key).copied().unwrap_or(1);
        let stem = loop {
            let stem = match n {
                1 => base.clone(),
                n => format!("{base} ({n})"),
            };
            if !taken.contains(&fold(&stem)) {
                break stem;
            }
            n += 1;
        };
        numbered.insert(key, n + 1);
        taken.insert(fold(&stem));
        plan.steps.push(Step {
            contact,
            source,
            action: Action::Create { stem },
        });
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(line: usize, name: &str, email: &str) -> (Source, Contact) {
        let source = Source {
            file: "c.vcf".into(),
            line,
        };
        let emails: &[&str] = if email.is_empty() { &[] } else { &[email] };
        let contact = Contact::sample(&[(Field::Name, &[name]), (Field::Email, emails)]);
        (source, contact)
    }

    fn person(path: &str, name: &str, email: &str) -> Summary {
        let contact = Contact::sample(&[(Field::Name, &[name]), (Field::Email, &[email])]);
        Summary {
            path: path.into(),
            fields: contact.fields,
            ..Summary::default()
        }
    }

    #[test]
    fn email_wins_over_name_and_names_match_folded() {
        let people = [
            person("people/Ada.md", "Ada Lovelace", "ada@example.com"),
            person("people/Zoë Müller.md", "Zoë Müller", "z@example.com"),
        ];
        let plan = plan(
            vec![
                card(1, "Countess", "ADA@example.com"),
                card(5, "zoe  MULLER", ""),
                card(9, "New Person", ""),
            ],
            &people,
            &[],
        );
        let actions: Vec<&Action> = plan.steps.iter().map(|s| &s.action).collect();
        assert_eq!(
            actions,
            [
                &Action::Existing {
                    path: "people/Ada.md".into()
                },
                &Action::Existing {
                    path: "people/Zoë Müller.md".into()
                },
                &Action::Create {
                    stem: "New Person".into()
                },
            ]
        );
        assert!(plan.notes.is_empty());
    }

    #[test]
    fn cards_of_one_person_are_folded_and_say_so() {
        let plan = plan(
            vec![
                card(1, "John Smith", "j@example.com"),
                card(8, "Johnny", "j@example.com"),
                card(15, "john smith", "other@example.com"),
            ],
            &[],
            &[],
        );
        assert_eq!(plan.steps.len(), 1);
        assert_eq!(
            plan.steps[0].contact.emails(),
            ["j@example.com", "other@example.com"]
        );
        assert_eq!(plan.notes.len(), 2);
        assert!(
            plan.notes[0]
                .starts_with("c.vcf:8: 'Johnny' taken as the person of c.vcf:1 (same email)"),
            "{:?}",
            plan.notes
        );
    }

    #[test]
    fn a_card_joins_the_first_card_it_shares_an_email_or_the_name_with() {
        let plan = plan(
            vec![
                card(1, "Ann", "ann@example.com"),
                card(2, "Bob", "bob@example.com"),
                card(3, "Bob", "ANN@example.com"),
                card(4, "Cy", "bob@example.com"),
                // An email learnt from a card taken in finds later ones.
                card(5, "ann", "ann@home.example"),
                card(6, "Annie", "ann@HOME.example"),
            ],
            &[],
            &[],
        );
        assert_eq!(plan.steps.len(), 2);
        assert_eq!(
            plan.steps[0].contact.emails(),
            ["ann@example.com", "ann@home.example"]
        );
        let taken: Vec<&str> = plan
            .notes
            .iter()
            .filter_map(|note| note.split_once(" taken as the person of "))
            .map(|(_, rest)| rest)
            .collect();
        assert_eq!(
            taken,
            [
                "c.vcf:1 (same email); their cards are merged",
                "c.vcf:2 (same email); their cards are merged",
                "c.vcf:1 (same name); their cards are merged",
                "c.vcf:1 (same email); their cards are merged",
            ]
        );
    }

    #[test]
    fn names_that_share_a_file_name_are_numbered() {
        let people = [person("people/AC-DC.md", "Angus", "a@example.com")];
        let plan = plan(
            vec![
                card(1, "AC/DC", ""),
                card(2, "AC\\DC", ""),
                card(3, "ac-dc", ""),
            ],
            &people,
            &[],
        );
        let actions: Vec<&Action> = plan.steps.iter().map(|s| &s.action).collect();
        assert_eq!(
            actions,
            [
                &Action::Create {
                    stem: "AC-DC (2)".into()
                },
                &Action::Create {
                    stem: "AC-DC (3)".into()
                },
                &Action::Existing {
                    path: "people/AC-DC.md".into()
                },
            ]
        );
    }

    #[test]
    fn a_person_with_several_notes_is_ambiguous_not_the_first() {
        let people = [
            person("people/a/Sam.md", "Sam", "sam@a.example"),
            person("people/b/Sam.md", "Sam", "sam@b.example"),
            person("people/Pat.md", "Pat", "shared@example.com"),
            person("people/Pat 2.md", "Patricia", "shared@example.com"),
        ];
        let action = |card| plan(vec![card], &people, &[]).steps.remove(0).action;
        let candidates = |pairs: &[(&str, &str)]| Action::Ambiguous {
            candidates: pairs
                .iter()
                .map(|(name, path)| Candidate {
                    name: name.to_string(),
                    path: path.to_string(),
                })
                .collect(),
        };
        assert_eq!(
            action(card(1, "sam", "")),
            candidates(&[("Sam", "people/a/Sam.md"), ("Sam", "people/b/Sam.md")])
        );
        // An email that only one of them has decides.
        assert_eq!(
            action(card(2, "Sam", "sam@b.example")),
            Action::Existing {
                path: "people/b/Sam.md".into()
            }
        );
        assert_eq!(
            action(card(3, "P", "shared@example.com")),
            candidates(&[("Pat", "people/Pat.md"), ("Patricia", "people/Pat 2.md")])
        );
    }

    #[test]
    fn reserved_file_names_are_numbered_around() {
        let plan = plan(
            vec![card(1, "follow-ups", "")],
            &[],
            &["Follow-ups".to_string()],
        );
        assert_eq!(
            plan.steps[0].action,
            Action::Create {
                stem: "follow-ups (2)".into()
            }
        );
    }
}
