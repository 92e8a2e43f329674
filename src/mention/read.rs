//! What a note that is not a person says about people: its date (a
//! `date:` property, else its file name or daily-note name) and its
//! links, from its participants properties and its body.

use crate::mention::OtherNote;
use crate::note::Person;
use crate::note::cadence::parse_date;
use crate::note::fields::normal_key;
use crate::note::links::{self, Link};
use crate::note::log::EntryKind;
use crate::vault::daily::{DailyNotes, date_of_path, title};

/// The date and links of the note at `rel`, read as `note`, with daily
/// notes named as `dailies` say. A link in a participants property reads
/// as the note's title (its file name without the date).
pub(crate) fn read(rel: &str, note: &Person, dailies: &[DailyNotes]) -> OtherNote {
    let property = note
        .fields
        .other
        .iter()
        .find(|(key, _)| normal_key(key) == "date")
        .and_then(|(_, value)| parse_date(value));
    let title = title(rel);
    let participants = note.participants.iter().map(|(target, line)| Link {
        target: target.clone(),
        markdown: false,
        line: *line,
        kind: EntryKind::Note,
        date: None,
        text: title.clone(),
    });
    OtherNote {
        path: rel.to_string(),
        date: property.or_else(|| date_of_path(rel, dailies)),
        links: participants
            .chain(links::in_body(&note.body, note.body_line))
            .collect(),
        targets: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::{Parsed, parse};
    use chrono::NaiveDate;

    fn note(rel: &str, text: &str) -> OtherNote {
        let Parsed::Person(person) = parse(rel, text.as_bytes()) else {
            panic!("a note");
        };
        read(rel, &person, &[])
    }

    fn day(text: &str) -> Option<NaiveDate> {
        Some(NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap())
    }

    #[test]
    fn a_meeting_note_is_dated_and_its_attendees_are_links() {
        let meeting = note(
            "Meetings/2026-11-18 Board sync.md",
            "---\nattendees:\n  - \"[[Grace Hopper]]\"\n  - \"[[Ada Lovelace|Ada]]\"\n---\n\
             # Board sync\n\n- [ ] Send [[Ada Lovelace]] the deck\n",
        );
        assert_eq!(meeting.date, day("2026-11-18"));
        let links: Vec<(&str, usize, &str)> = meeting
            .links
            .iter()
            .map(|l| (l.target.as_str(), l.line, l.text.as_str()))
            .collect();
        assert_eq!(
            links,
            [
                ("Grace Hopper", 2, "Board sync"),
                ("Ada Lovelace", 2, "Board sync"),
                ("Ada Lovelace", 8, "Send Ada Lovelace the deck"),
            ]
        );
        assert_eq!(meeting.links[2].kind, EntryKind::Open);
    }

    #[test]
    fn a_date_property_dates_a_note_whatever_its_name() {
        let call = note(
            "Interactions/call with Ada.md",
            "---\ndate: 2026-11-20T14:00\nwith: \"[[Ada Lovelace]]\"\n---\n",
        );
        assert_eq!(call.date, day("2026-11-20"));
        assert_eq!(call.links[0].text, "call with Ada");
        let undated = note("Companies/Fernway.md", "Contact: [[Wren]]\n");
        assert_eq!(undated.date, None);
        assert_eq!(undated.links[0].line, 1);
    }

    #[test]
    fn links_in_comments_are_not_read_and_lines_stay_true() {
        let daily = note(
            "Journal/2026-11-18.md",
            "---\ntags: [daily]\n---\n%% [[Hidden]] %%\n<!-- [[Also hidden]] -->\n- Lunch with [[Wren]]\n",
        );
        assert_eq!(daily.links.len(), 1);
        assert_eq!(daily.links[0].line, 6);
    }
}
