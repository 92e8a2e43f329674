//! Planning an import of contacts: which become new notes and which belong
//! to a person already in the vault (same email, else same name), with
//! cards for the same person folded into one. Pure: nothing is written.

use std::fmt;

use crate::contacts::contact::Contact;
use crate::note::fields::Field;
use crate::note::file_stem;
use crate::note::summary::Summary;
use crate::resolve::{Candidate, same_name};
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

/// Why two contacts are taken to be the same person.
fn same_person(a: &Contact, b: &Contact) -> Option<&'static str> {
    let shares_email = a
        .emails()
        .iter()
        .any(|x| b.emails().iter().any(|y| x.eq_ignore_ascii_case(y)));
    if shares_email {
        Some("same email")
    } else if same_name(a.name(), b.name()) {
        Some("same name")
    } else {
        None
    }
}

/// The notes of the contact's person: those with one of its emails, else
/// those with its name (or file name).
fn existing<'a>(people: &'a [Summary], contact: &Contact) -> Vec<&'a Summary> {
    let by_email: Vec<&Summary> = people
        .iter()
        .filter(|p| {
            p.fields
                .list(Field::Email)
                .iter()
                .any(|e| contact.emails().iter().any(|c| c.eq_ignore_ascii_case(e)))
        })
        .collect();
    if !by_email.is_empty() {
        return by_email;
    }
    people
        .iter()
        .filter(|p| {
            same_name(p.name(), contact.name()) || same_name(file_stem(&p.path), contact.name())
        })
        .collect()
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
    for (source, contact) in cards {
        let found = incoming
            .iter_mut()
            .find_map(|(first, into)| same_person(into, &contact).map(|why| (&*first, into, why)));
        let Some((first, into, why)) = found else {
            incoming.push((source, contact));
            continue;
        };
        plan.notes.push(format!(
            "{source}: '{}' taken as the person of {first} ({why}); their cards are merged",
            contact.name()
        ));
        for field in into.absorb(contact) {
            plan.notes.push(format!(
                "{source}: kept the {field} of {first}, left out this card's"
            ));
        }
    }

    // File names of notes already there are taken too (a note whose name
    // field differs from its file name).
    let mut taken: Vec<String> = people
        .iter()
        .map(|p| file_stem(&p.path))
        .chain(reserved.iter().map(String::as_str))
        .map(fold)
        .collect();
    for (source, contact) in incoming {
        let found = existing(people, &contact);
        if found.len() > 1 {
            let candidates = found
                .iter()
                .map(|p| Candidate {
                    name: p.name().to_string(),
                    path: p.path.clone(),
                })
                .collect();
            plan.steps.push(Step {
                contact,
                source,
                action: Action::Ambiguous { candidates },
            });
            continue;
        }
        if let Some(person) = found.first() {
            let path = person.path.clone();
            match plan
                .steps
                .iter_mut()
                .find(|s| s.action == (Action::Existing { path: path.clone() }))
            {
                Some(step) => {
                    plan.notes.push(format!(
                        "{source}: '{}' is also {path}, like {}; their cards are merged",
                        contact.name(),
                        step.source
                    ));
                    step.contact.absorb(contact);
                }
                None => plan.steps.push(Step {
                    contact,
                    source,
                    action: Action::Existing { path },
                }),
            }
            continue;
        }
        let base = file_stem_for(contact.name());
        let stem = (1..)
            .map(|n| match n {
                1 => base.clone(),
                n => format!("{base} ({n})"),
            })
            .find(|stem| !taken.contains(&fold(stem)))
            .unwrap_or(base);
        taken.push(fold(&stem));
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
