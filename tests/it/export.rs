//! `kith export vcard|ics` and the feed `kith report` writes: output that
//! another parser reads, that round-trips into notes, and that stays the
//! same byte for byte while the notes and the day do.

use std::io::BufReader;

use kith::contacts::contact::Contact;
use kith::note::fields::Field;
use kith::note::{Parsed, parse};
use predicates::prelude::*;

use crate::util::TestVault;

const ADA: &str = "---
name: Ada Lovelace
aliases: [Ada, Countess of Lovelace]
tags: [mentor, referral-source]
org: Analytical Engines, Ltd.; London office
role: CTO
email: [ada@example.com, ada@work.example]
phone: \"+44 20 7946 0000\"
location: London, UK
cadence: monthly
purpose: \"Sends us two clients a year;\\nwants intros to investors.\"
birthday: 1815-12-10
---
# Ada Lovelace

## Log
- 2026-10-02 Coffee. Promised an intro to Grace.
- [ ] 2026-11-20 Send her the Menabrea translation notes
";

const ZOE: &str = "---
name: Zoë Müller
tags: [coi]
phone: [\"+49 30 1234567\", \"+49 30 7654321\"]
birthday: --02-29
cadence: weekly
---
- 2026-11-20 Call
";

fn vault_with_people() -> TestVault {
    let vault = TestVault::new();
    vault.person("Ada Lovelace", ADA);
    vault.person("Zoë Müller", ZOE);
    vault.person("Never", "---\ncadence: yearly\nemail: n@example.com\n---\n");
    vault.person(
        "Gone",
        "---\narchived: true\nbirthday: 1900-01-01\n---\n- [ ] 2026-01-01 Old promise\n",
    );
    vault
}

/// Every person note of `vault` as the contact fields it holds, by file.
fn contacts(vault: &TestVault) -> Vec<(String, Contact)> {
    let mut all: Vec<(String, Contact)> = std::fs::read_dir(vault.path().join("people"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            match parse(&name, &bytes) {
                Parsed::Person(p) => (name, Contact::of(&p.fields)),
                other => panic!("{other:?}"),
            }
        })
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

/// Checks RFC line rules: CRLF only, at most 75 octets a line.
fn assert_crlf_and_short_lines(text: &str) {
    assert!(text.ends_with("\r\n"));
    let physical: Vec<&str> = text.split("\r\n").collect();
    for line in &physical {
        assert!(!line.contains(['\r', '\n']), "bare line end in {line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
}

#[test]
fn note_to_vcard_to_note_keeps_every_field() {
    let from = vault_with_people();
    let vcf = from.path().join("out.vcf");
    from.kith(&["export", "vcard", "-o", vcf.to_str().unwrap()])
        .assert()
        .code(0)
        .stdout("")
        .stderr("exported 4 people\n");
    let into = TestVault::new();
    into.kith(&["import", "vcard", vcf.to_str().unwrap()])
        .assert()
        .code(0)
        .stderr("created 4, merged 0, skipped 0 (already present)\n");
    let (before, after) = (contacts(&from), contacts(&into));
    assert_eq!(before, after);
    // The fields that matter most, spelled out.
    let ada = &after[0].1;
    let ada = &ada.fields;
    assert_eq!(ada.list(Field::Aliases), ["Ada", "Countess of Lovelace"]);
    assert_eq!(
        ada.text(Field::Org),
        Some("Analytical Engines, Ltd.; London office")
    );
    assert_eq!(
        ada.list(Field::Email),
        ["ada@example.com", "ada@work.example"]
    );
    assert_eq!(ada.text(Field::Location), Some("London, UK"));
    assert_eq!(
        ada.text(Field::Purpose),
        Some("Sends us two clients a year;\nwants intros to investors.")
    );
    assert_eq!(after[3].1.fields.birthday().unwrap().to_string(), "--02-29");
}

#[test]
fn exported_vcards_are_read_by_another_parser() {
    let vault = vault_with_people();
    let text = vault.stdout(&["export", "vcard"], 0);
    assert_crlf_and_short_lines(&text);
    let cards: Vec<_> = ical::VcardParser::new(BufReader::new(text.as_bytes()))
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(cards.len(), 4);
    for card in &cards {
        let value = |name: &str| {
            card.properties
                .iter()
                .find(|p| p.name == name)
                .and_then(|p| p.value.clone())
        };
        assert_eq!(value("VERSION").as_deref(), Some("4.0"));
        assert!(value("FN").is_some() && value("N").is_some());
        assert!(value("UID").unwrap().starts_with("urn:uuid:"));
    }
    let ada = &cards[0];
    let props: Vec<(String, String)> = ada
        .properties
        .iter()
        .map(|p| (p.name.clone(), p.value.clone().unwrap_or_default()))
        .collect();
    for expected in [
        ("N", "Lovelace;Ada;;;"),
        ("ORG", "Analytical Engines\\, Ltd.\\; London office"),
        ("BDAY", "18151210"),
        ("CATEGORIES", "mentor,referral-source"),
        (
            "NOTE",
            "Sends us two clients a year\\;\\nwants intros to investors.",
        ),
        ("ADR", ";;;London\\, UK;;;"),
    ] {
        assert!(
            props.contains(&(expected.0.to_string(), expected.1.to_string())),
            "{expected:?} not in {props:?}"
        );
    }
    // UIDs follow the note's path: the same on every export.
    assert_eq!(text, vault.stdout(&["export", "vcard"], 0));
}

#[test]
fn the_calendar_is_read_by_another_parser_and_stable_across_runs() {
    let vault = vault_with_people();
    let text = vault.stdout(&["export", "ics"], 0);
    assert_crlf_and_short_lines(&text);
    assert_eq!(text, vault.stdout(&["export", "ics"], 0));
    let calendars: Vec<_> = ical::IcalParser::new(BufReader::new(text.as_bytes()))
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(calendars.len(), 1);
    let calendar = &calendars[0];
    let summaries = |props: &[ical::property::Property]| -> Vec<(String, String)> {
        props
            .iter()
            .map(|p| (p.name.clone(), p.value.clone().unwrap_or_default()))
            .collect()
    };
    let events: Vec<Vec<(String, String)>> = calendar
        .events
        .iter()
        .map(|e| summaries(&e.properties))
        .collect();
    let summary_of = |props: &[(String, String)]| {
        props
            .iter()
            .find(|(n, _)| n == "SUMMARY")
            .unwrap()
            .1
            .clone()
    };
    assert_eq!(
        events.iter().map(|e| summary_of(e)).collect::<Vec<_>>(),
        [
            "Birthday: Ada Lovelace",
            "Call Ada Lovelace — monthly\\, last 2026-10-02",
            "Call Never — yearly\\, never contacted",
            "Birthday: Zoë Müller",
            "Call Zoë Müller — weekly\\, last 2026-11-20",
        ]
    );
    for event in &events {
        for required in ["UID", "DTSTAMP", "DTSTART", "DTEND"] {
            assert!(
                event.iter().any(|(n, _)| n == required),
                "{required} missing: {event:?}"
            );
        }
        assert!(event.contains(&("DTSTAMP".into(), "20261124T000000Z".into())));
    }
    // Overdue since 2026-11-02: on today. Zoë: due a week after the call.
    assert!(events[1].contains(&("DTSTART".into(), "20261124".into())));
    assert!(events[4].contains(&("DTSTART".into(), "20261127".into())));
    assert!(events[3].contains(&("RRULE".into(), "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1".into())));
    assert_eq!(calendar.todos.len(), 1);
    let todo = summaries(&calendar.todos[0].properties);
    assert!(todo.contains(&("DUE".into(), "20261120".into())));
    assert!(todo.contains(&(
        "SUMMARY".into(),
        "Ada Lovelace: Send her the Menabrea translation notes".into()
    )));
    let mut uids: Vec<String> = calendar
        .events
        .iter()
        .map(|e| &e.properties)
        .chain(calendar.todos.iter().map(|t| &t.properties))
        .filter_map(|props| props.iter().find(|p| p.name == "UID")?.value.clone())
        .collect();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), 6);
    assert!(!text.contains("Gone") && !text.contains("Old promise"));
}

#[test]
fn days_decides_which_due_dates_are_in_the_calendar() {
    let vault = TestVault::new();
    vault.person("Far", "---\ncadence: monthly\n---\n- 2026-11-20 Call\n");
    let with = |days: &str| vault.stdout(&["export", "ics", "--days", days], 0);
    assert!(!with("25").contains("SUMMARY:Call Far"));
    assert!(with("26").contains("SUMMARY:Call Far — monthly\\, last 2026-11-20"));
    vault
        .kith(&["export", "ics", "--days", "-1"])
        .assert()
        .code(2);
}

#[test]
fn output_files_get_what_stdout_would() {
    let vault = vault_with_people();
    let out = vault.path().join("feed.ics");
    vault
        .kith(&["export", "ics", "-o", out.to_str().unwrap()])
        .assert()
        .code(0)
        .stdout("");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        vault.stdout(&["export", "ics"], 0)
    );
    vault
        .kith(&["export", "vcard", "-o", "/nonexistent-folder/x.vcf"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "kith: cannot write /nonexistent-folder/x.vcf: ",
        ));
}

#[test]
fn report_writes_the_configured_calendar_only_when_it_changes() {
    let vault = vault_with_people();
    vault.write(".kith/config.yaml", "ics: Calendar/kith.ics\n");
    vault
        .kith(&["report"])
        .assert()
        .code(0)
        .stderr("wrote Follow-ups.md\nwrote Calendar/kith.ics\n");
    let feed = vault.read("Calendar/kith.ics");
    assert_eq!(feed, vault.stdout(&["export", "ics"], 0));
    vault
        .kith(&["report"])
        .assert()
        .code(0)
        .stderr("unchanged Follow-ups.md\nunchanged Calendar/kith.ics\n");
    vault
        .kith(&["report", "--today", "2026-11-25"])
        .assert()
        .code(0)
        .stderr("wrote Follow-ups.md\nwrote Calendar/kith.ics\n");
    assert!(
        vault
            .read("Calendar/kith.ics")
            .contains("DTSTAMP:20261125T000000Z")
    );
}

#[test]
fn an_ics_path_outside_the_vault_or_not_ics_is_refused() {
    let vault = TestVault::new();
    for (config, message) in [
        (
            "ics: ../outside.ics\n",
            "ics: '../outside.ics' must be a relative path inside the vault",
        ),
        (
            "ics: Follow-ups.md\n",
            "ics: 'Follow-ups.md' must be a .ics file",
        ),
    ] {
        vault.write(".kith/config.yaml", config);
        vault
            .kith(&["report"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
    assert!(!vault.path().join("../outside.ics").exists());
}

#[test]
fn calendar_dates_stay_within_years_1_to_9999() {
    let vault = TestVault::new();
    vault.person("Late", "---\nbirthday: 9999-12-31\n---\n");
    vault.person("Zero", "---\nbirthday: 0000-03-01\n---\n");
    let text = vault.stdout(&["export", "ics"], 0);
    assert!(!text.contains("Birthday: Late"), "{text}");
    // Year 0000 means no year, as in a vCard: every year from 2000.
    assert!(text.contains("DTSTART;VALUE=DATE:20000301\r\n"), "{text}");
    assert!(!text.contains("Born 0"), "{text}");
    for bad in ["-0001-01-01", "+10000-01-01", "0000-01-01"] {
        assert_cmd::Command::cargo_bin("kith")
            .unwrap()
            .arg("--vault")
            .arg(vault.path())
            .arg(format!("--today={bad}"))
            .args(["export", "ics"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "'{bad}' is not a date (use YYYY-MM-DD, years 0001 to 9999)"
            )));
    }
}
