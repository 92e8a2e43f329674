//! Interactions written elsewhere: a line of a daily, meeting or
//! interaction note linking to a person is a contact on its date (a task
//! there a promise, a future note planned), a link in an undated note is
//! listed by `show`; in the report, `list`, `show`, `search`, the calendar
//! and `check`, whatever edits come between commands.

use predicates::prelude::*;
use serde_json::{Value, json};

use crate::util::{TestVault, section};

/// A vault with Marcus (weekly, last seen 2026-10-01 in his own note, alias
/// Marc) and Ada (monthly, never contacted).
fn vault() -> TestVault {
    let vault = TestVault::new();
    vault.person(
        "Marcus Chen",
        "---\naliases: [Marc]\ncadence: weekly\n---\n# Marcus Chen\n\n## Log\n- 2026-10-01 Coffee\n",
    );
    vault.person("Ada Lovelace", "---\ncadence: monthly\n---\n# Ada\n");
    vault
}

/// `show NAME --json` as JSON.
fn shown(vault: &TestVault, name: &str) -> Value {
    serde_json::from_str(&vault.stdout(&["show", name, "--json"], 0)).unwrap()
}

/// The `(note, line)` of each of a person's mentions, as `show` has them.
fn mentioned(vault: &TestVault, name: &str) -> Vec<(String, u64)> {
    shown(vault, name)["mentioned"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["note"].as_str().unwrap().to_string(),
                m["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_lunch_written_only_in_a_daily_note_is_a_contact_show_shows_and_search_finds() {
    let vault = vault();
    assert!(
        section(&vault.report(), "Overdue (1)")
            .unwrap()
            .contains("Marcus Chen")
    );
    vault.write(
        "Daily/2026-11-20.md",
        "# Friday\n\n- Lunch with [[Marcus Chen]], he'll send two founders\n- Groceries\n",
    );
    let report = vault.report();
    assert!(!report.contains("## Overdue"), "{report}");
    assert!(
        report.contains(
            "- [ ] [[people/Marcus Chen|Marcus Chen]] *due 2026-11-27 (in 3 days) · weekly · \
             last 2026-11-20 in [[Daily/2026-11-20|2026-11-20]]: Lunch with Marcus Chen, he'll \
             send two founders*"
        ),
        "{report}"
    );
    let show = vault.stdout(&["show", "marcus"], 0);
    assert!(show.contains("  last contact  2026-11-20\n"), "{show}");
    assert!(
        show.contains(
            "Mentions\n  2026-11-20  Daily/2026-11-20.md:3  Lunch with Marcus Chen, he'll send two founders\n"
        ),
        "{show}"
    );
    vault
        .kith(&["search", "marcus founders"])
        .assert()
        .code(0)
        .stdout(
            "people/Marcus Chen.md  Marcus Chen · due 2026-11-27 (in 3 days)  …Lunch with Marcus \
             Chen, he'll send two founders… in Daily/2026-11-20.md:3\n",
        );
    vault.kith(&["search", "groceries"]).assert().code(1);
    let list = vault.stdout(&["list"], 0);
    assert!(
        list.contains("Marcus Chen\tweekly\t2026-11-20\tdue 2026-11-27"),
        "{list}"
    );
}

#[test]
fn every_link_form_and_an_alias_name_the_person() {
    let vault = vault();
    vault.write(
        "Daily/2026-11-20.md",
        "- call with [[Marcus Chen]]\n\
         - call with [[Marcus Chen|Marc]]\n\
         - call with [[people/Marcus Chen]]\n\
         - call with [[Marcus Chen#Log]]\n\
         - call with [[Marc]]\n\
         - call with [[marcus chen.md]]\n\
         - call with [Marcus](../people/Marcus%20Chen.md)\n\
         - call with [[Marcus Chen^x]]\n\n\
         | who | what |\n|---|---|\n| [[Marcus Chen\\|M]] | tea |\n",
    );
    let lines: Vec<u64> = mentioned(&vault, "marcus").iter().map(|m| m.1).collect();
    assert_eq!(lines, [1, 2, 3, 4, 5, 6, 7, 12]);
    let show = shown(&vault, "marcus");
    assert_eq!(show["mentioned"][1]["text"], "call with Marc");
    assert_eq!(show["mentioned"][7]["text"], "M · tea");
    assert_eq!(show["due"]["last_contact"], "2026-11-20");
}

#[test]
fn dates_come_from_obsidians_daily_note_formats_and_date_properties() {
    let vault = vault();
    vault.write(
        ".obsidian/daily-notes.json",
        r#"{"folder": "Journal", "format": "DD.MM.YYYY"}"#,
    );
    vault.write(
        ".obsidian/plugins/periodic-notes/data.json",
        r#"{"daily": {"enabled": true, "folder": "Days", "format": "dddd, MMMM Do YYYY"}}"#,
    );
    vault.write("Journal/19.11.2026.md", "- tea with [[Ada Lovelace]]\n");
    vault.write(
        "Days/Friday, November 20th 2026.md",
        "- call with [[Marcus Chen]]\n",
    );
    vault.write(
        "Notes/call about the lease.md",
        "---\ndate: 2026-11-21 10:00\n---\nWalked the space with [[Marcus Chen]].\n",
    );
    vault.write(
        "Notes/Ideas.md",
        "- ask [[Ada Lovelace]] about the engine\n",
    );
    let ada = shown(&vault, "ada");
    assert_eq!(ada["due"]["last_contact"], "2026-11-19");
    assert_eq!(ada["mentioned"][1]["date"], Value::Null, "an undated note");
    assert_eq!(shown(&vault, "marcus")["due"]["last_contact"], "2026-11-21");
    // Another format: the index is rebuilt, the journal note no longer dated.
    vault.write(
        ".obsidian/daily-notes.json",
        r#"{"folder": "Journal", "format": "YYYY-MM-DD"}"#,
    );
    let output = vault.kith(&["show", "ada", "--json"]).output().unwrap();
    let ada: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(ada["due"]["last_contact"], Value::Null);
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("rebuilt the index"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn everyone_in_a_participants_property_is_met_on_the_notes_date() {
    let vault = vault();
    vault.write(
        "Meetings/2026-11-18 Board sync.md",
        "---\nattendees:\n  - \"[[Marcus Chen]]\"\n  - \"[[Ada Lovelace|Ada]]\"\n  - \"[[Nobody]]\"\n---\n# Board sync\n",
    );
    vault.write(
        "Interactions/call Ada.md",
        "---\ndate: 2026-11-22\nwith: [[Ada Lovelace]]\n---\n",
    );
    let ada = shown(&vault, "ada");
    assert_eq!(ada["due"]["last_contact"], "2026-11-22");
    assert_eq!(
        ada["mentioned"],
        json!([
            {"date": "2026-11-22", "text": "call Ada", "line": 3,
             "note": "Interactions/call Ada.md", "kind": "line"},
            {"date": "2026-11-18", "text": "Board sync", "line": 2,
             "note": "Meetings/2026-11-18 Board sync.md", "kind": "line"},
        ])
    );
    let marcus = shown(&vault, "marcus");
    assert_eq!(marcus["last_log"]["text"], "Board sync");
    assert_eq!(marcus["due"]["date"], "2026-11-25");
}

#[test]
fn tasks_in_daily_notes_are_promises_and_ticking_one_in_the_report_ticks_it_there() {
    let vault = vault();
    vault.write(
        "Daily/2026-11-20.md",
        "# Friday\r\n\r\n- [ ] Send [[Marcus Chen]] the deck\r\n- [x] Sent [[Ada Lovelace]] the notes\r\n\
         - [ ] 2026-11-27 Call [[Ada Lovelace]] about the engine\r\n",
    );
    let report = vault.report();
    let open = section(&report, "Open follow-ups (2)").unwrap();
    assert!(
        open.contains(
            "- [ ] [[people/Marcus Chen|Marcus Chen]] *2026-11-20 (4 days ago) in \
             [[Daily/2026-11-20|2026-11-20]]: Send Marcus Chen the deck*"
        ),
        "{report}"
    );
    assert!(
        open.contains("*2026-11-27 (in 3 days) in [[Daily/2026-11-20|2026-11-20]]: Call Ada Lovelace about the engine*"),
        "{report}"
    );
    // The ticked task is a contact: Ada is no longer never contacted.
    assert!(!report.contains("## Never contacted"), "{report}");
    assert_eq!(shown(&vault, "ada")["due"]["last_contact"], "2026-11-20");

    vault.kith(&["report"]).assert().code(0);
    let written = vault.read("Follow-ups.md");
    vault.write(
        "Follow-ups.md",
        written.replacen(
            "- [ ] [[people/Marcus Chen|Marcus Chen]] *2026-11-20",
            "- [x] [[people/Marcus Chen|Marcus Chen]] *2026-11-20",
            1,
        ),
    );
    vault
        .kith(&["report"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "recorded Daily/2026-11-20.md:3: - [x] Send [[Marcus Chen]] the deck",
        ));
    assert_eq!(
        vault.read("Daily/2026-11-20.md"),
        "# Friday\r\n\r\n- [x] Send [[Marcus Chen]] the deck\r\n- [x] Sent [[Ada Lovelace]] the notes\r\n\
         - [ ] 2026-11-27 Call [[Ada Lovelace]] about the engine\r\n"
    );
    let report = vault.read("Follow-ups.md");
    assert!(
        section(&report, "Open follow-ups (1)").is_some(),
        "{report}"
    );
}

#[test]
fn a_daily_note_in_the_future_is_planned_not_contact() {
    let vault = vault();
    vault.write("Daily/2026-11-30.md", "- dinner with [[Marcus Chen]]\n");
    let marcus = shown(&vault, "marcus");
    assert_eq!(marcus["due"]["last_contact"], "2026-10-01");
    assert_eq!(marcus["due"]["status"], "overdue");
    let show = vault.stdout(&["show", "marcus"], 0);
    assert!(
        show.contains(
            "Planned\n  2026-11-30  dinner with Marcus Chen (in Daily/2026-11-30.md:1)\n"
        ),
        "{show}"
    );
    // Once the day has come it counts.
    let later = vault.stdout(&["--today", "2026-12-01", "show", "marcus", "--json"], 0);
    let later: Value = serde_json::from_str(&later).unwrap();
    assert_eq!(later["due"]["last_contact"], "2026-11-30");
}

#[test]
fn links_in_code_comments_quotes_of_code_and_embeds_are_not_mentions() {
    let vault = vault();
    vault.write(
        "Daily/2026-11-20.md",
        "`[[Marcus Chen]]` in code\n\n```\n- call [[Marcus Chen]]\n```\n\n\
         %% - call [[Marcus Chen]] %%\n<!-- [[Marcus Chen]] -->\n![[Marcus Chen]]\n",
    );
    assert_eq!(mentioned(&vault, "marcus"), []);
    assert_eq!(shown(&vault, "marcus")["due"]["status"], "overdue");
}

#[test]
fn nested_daily_notes_with_bom_crlf_accents_and_a_pipe_in_a_name_count() {
    let vault = TestVault::new();
    vault.person("José Núñez", "---\ncadence: weekly\naliases: [Pepe]\n---\n");
    vault.person(
        "Ops Team",
        "---\ncadence: weekly\nname: \"Ops | Team\"\n---\n",
    );
    vault.person("Zoë Park", "---\ncadence: weekly\n---\n");
    vault.write(
        ".obsidian/daily-notes.json",
        r#"{"folder": "Journal", "format": "YYYY/MM/YYYY-MM-DD"}"#,
    );
    vault.write(
        "Journal/2026/11/2026-11-20.md",
        "\u{feff}- lunch with [[José Núñez]]\r\n- [ ] send [[Pepe]] the menu\r\n",
    );
    vault.write(
        "Journal/2026/11/2026-11-21.md",
        "- tea with [[Zoe Park]]\n- sync with [[Ops Team|the ops crew]]\n",
    );
    vault.write("Archive/2026-11-23.md", "- walk with [[Zoë Park]]\n");
    vault.write(".kith/config.yaml", "exclude: [Archive]\n");
    let jose = shown(&vault, "jose");
    assert_eq!(jose["due"]["last_contact"], "2026-11-20");
    assert_eq!(jose["last_log"]["text"], "lunch with José Núñez");
    assert_eq!(jose["open_follow_ups"][0]["text"], "send Pepe the menu");
    assert_eq!(
        jose["open_follow_ups"][0]["note"],
        "Journal/2026/11/2026-11-20.md"
    );
    let ops = shown(&vault, "ops");
    assert_eq!(ops["name"], "Ops | Team");
    assert_eq!(ops["last_log"]["text"], "sync with the ops crew");
    // A link without the accent names no one (Obsidian does not fold
    // accents) but is a hint; the excluded folder is not read.
    let zoe = shown(&vault, "zoe");
    assert_eq!(zoe["due"]["status"], "never_contacted");
    assert_eq!(zoe["mentioned"], json!([]));
    vault.kith(&["check"]).assert().code(0).stdout(
        "Journal/2026/11/2026-11-21.md:1: hint: [[Zoe Park]] links to no note; did you mean \
         [[Zoë Park]]? (a link to a person counts as a contact on the note's date)\n",
    );
}

#[test]
fn a_link_in_an_undated_note_is_listed_as_mentioned_in() {
    let vault = vault();
    vault.write(
        "Companies/Analytical Engines.md",
        "# Analytical Engines\n\nFounded with [[Ada Lovelace]].\n\n- [ ] ask [[Ada Lovelace]] for the plans\n",
    );
    let show = vault.stdout(&["show", "ada"], 0);
    assert!(
        show.contains(
            "Mentions\n  mentioned in  Companies/Analytical Engines.md:3  Founded with Ada Lovelace.\n  \
             mentioned in  Companies/Analytical Engines.md:5  [ ] ask Ada Lovelace for the plans\n"
        ),
        "{show}"
    );
    // Neither a contact nor a promise.
    assert!(show.contains("status        never contacted"), "{show}");
    assert!(!show.contains("Open follow-ups"), "{show}");
}

#[test]
fn a_daily_note_edited_renamed_and_deleted_between_commands() {
    let vault = vault();
    vault.write("Daily/2026-11-20.md", "- lunch with [[Marcus Chen]]\n");
    assert_eq!(shown(&vault, "marcus")["due"]["last_contact"], "2026-11-20");
    vault.write("Daily/2026-11-20.md", "- lunch with [[Ada Lovelace]]\n");
    assert_eq!(shown(&vault, "marcus")["due"]["last_contact"], "2026-10-01");
    assert_eq!(shown(&vault, "ada")["due"]["last_contact"], "2026-11-20");
    std::fs::rename(
        vault.path().join("Daily/2026-11-20.md"),
        vault.path().join("Daily/2026-11-22.md"),
    )
    .unwrap();
    assert_eq!(shown(&vault, "ada")["due"]["last_contact"], "2026-11-22");
    std::fs::remove_file(vault.path().join("Daily/2026-11-22.md")).unwrap();
    assert_eq!(shown(&vault, "ada")["due"]["status"], "never_contacted");
    assert_eq!(mentioned(&vault, "ada"), []);
}

#[test]
fn a_renamed_person_keeps_mentions_by_alias_and_a_new_note_takes_links_to_its_name() {
    let vault = vault();
    vault.write(
        "Daily/2026-11-20.md",
        "- lunch with [[Marcus Chen]]\n- tea with [[Marc]]\n- call with [[Grace Hopper]]\n",
    );
    let both = [
        ("Daily/2026-11-20.md".to_string(), 1),
        ("Daily/2026-11-20.md".to_string(), 2),
    ];
    assert_eq!(mentioned(&vault, "marcus"), both);
    std::fs::rename(
        vault.path().join("people/Marcus Chen.md"),
        vault.path().join("people/Marcus C.md"),
    )
    .unwrap();
    // No note has his old name now: only his alias answers…
    assert_eq!(mentioned(&vault, "marcus"), both[1..]);
    // …until his note says the name.
    let text = vault
        .read("people/Marcus C.md")
        .replace("aliases: [Marc]", "name: Marcus Chen\naliases: [Marc]");
    vault.write("people/Marcus C.md", text);
    assert_eq!(mentioned(&vault, "marcus"), both);
    let text = vault
        .read("people/Marcus C.md")
        .replace("aliases: [Marc]\n", "");
    vault.write("people/Marcus C.md", text);
    assert_eq!(mentioned(&vault, "marcus"), both[..1]);
    // Grace was linked before her note was written.
    vault.person("Grace Hopper", "---\ncadence: yearly\n---\n");
    assert_eq!(shown(&vault, "grace")["due"]["last_contact"], "2026-11-20");
}

#[test]
fn an_alias_two_people_share_is_a_hint_and_a_near_miss_too() {
    let vault = vault();
    vault.person("Ada King", "---\naliases: [Countess]\n---\n");
    vault.person("Ada Byron", "---\naliases: [countess]\n---\n");
    vault.write(
        "Daily/2026-11-20.md",
        "- tea with the [[Countess]]\n- lunch with [[Marcus Chn]]\n- see [[Project X]]\n",
    );
    assert_eq!(mentioned(&vault, "ada king"), []);
    assert_eq!(mentioned(&vault, "ada byron"), []);
    vault.kith(&["check"]).assert().code(0).stdout(
        "Daily/2026-11-20.md:1: hint: [[Countess]] could be any of 2 people named so \
         (people/Ada Byron.md, people/Ada King.md), so it counts for none: link the one you \
         mean by their file name\n\
         Daily/2026-11-20.md:2: hint: [[Marcus Chn]] links to no note; did you mean \
         [[Marcus Chen]]? (a link to a person counts as a contact on the note's date)\n",
    );
}

#[test]
fn config_and_a_persons_own_mentions_say_what_mentions_count_for() {
    let vault = vault();
    vault.write(
        "Daily/2026-11-20.md",
        "- lunch with [[Marcus Chen]] and [[Ada Lovelace]]\n",
    );
    vault.write("Archive/2026-11-21.md", "- tea with [[Ada Lovelace]]\n");
    vault.write(".kith/config.yaml", "mentions: show\n");
    let marcus = shown(&vault, "marcus");
    assert_eq!(marcus["due"]["last_contact"], "2026-10-01", "listed only");
    assert_eq!(marcus["mentioned"].as_array().unwrap().len(), 1);
    vault.write(".kith/config.yaml", "mentions: off\n");
    assert_eq!(mentioned(&vault, "marcus"), []);
    vault.write(".kith/config.yaml", "mention_folders: Daily\n");
    assert_eq!(shown(&vault, "ada")["due"]["last_contact"], "2026-11-20");
    vault.write(".kith/config.yaml", "");
    assert_eq!(shown(&vault, "ada")["due"]["last_contact"], "2026-11-21");
    vault.person(
        "Ada Lovelace",
        "---\ncadence: monthly\nmentions: off\n---\n# Ada\n",
    );
    let ada = shown(&vault, "ada");
    assert_eq!(ada["mentioned"], json!([]));
    assert_eq!(ada["mentions"], "off");
    assert_eq!(ada["due"]["status"], "never_contacted");
    vault.write(".kith/config.yaml", "mentions: sometimes\n");
    vault
        .kith(&["list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "mentions: 'sometimes' is not contact, show or off",
        ));
}

#[test]
fn the_calendar_holds_a_promise_written_in_a_daily_note() {
    let vault = vault();
    vault.write(
        "Daily/2026-11-20.md",
        "- [ ] Send [[Marcus Chen]] the deck\n",
    );
    let ics = vault.stdout(&["export", "ics"], 0);
    assert!(
        ics.contains("SUMMARY:Marcus Chen: Send Marcus Chen the deck\r\n"),
        "{ics}"
    );
    assert!(
        ics.contains("DESCRIPTION:Daily/2026-11-20.md:1\r\n"),
        "{ics}"
    );
}

#[test]
fn reading_mentions_changes_no_byte_of_any_note() {
    let vault = vault();
    vault.write(
        "Daily/2026-11-20.md",
        "\u{feff}- [ ] Send [[Marcus Chen]] the deck\r\n- [[Marc]]\r\n",
    );
    vault.write(
        "Meetings/2026-11-18 Sync.md",
        "---\nwith: [[Ada Lovelace]]\n---\n",
    );
    let before = vault.snapshot("");
    for args in [
        &["list"][..],
        &["check"],
        &["report", "--stdout"],
        &["search", "deck"],
        &["show", "marcus"],
        &["export", "ics"],
    ] {
        vault.kith(args).output().unwrap();
    }
    assert_eq!(vault.snapshot(""), before);
}

#[test]
fn a_lunch_in_a_daily_note_is_an_outing_for_who_matters_most() {
    let vault = TestVault::new();
    vault.person(
        "Ada",
        "---\npriority: A\npurpose: Refers founders\ncadence: monthly\n---\n## Log\n- 2025-06-02 Dinner at Zuni\n",
    );
    let report = vault.report();
    assert!(
        section(&report, "Not taken out this year")
            .unwrap()
            .contains("[[people/Ada|Ada]]"),
        "{report}"
    );
    vault.write(
        "Journal/2026-11-20.md",
        "# Friday\r\n\r\n- Lunch with [[Ada]] at the market\r\n- Call with [[Ada]]\r\n",
    );
    let report = vault.report();
    assert!(
        section(&report, "Not taken out this year").is_none(),
        "{report}"
    );
    let ada = shown(&vault, "ada");
    assert_eq!(
        ada["last_outing"],
        json!({"date": "2026-11-20", "kind": "lunch", "line": 3, "note": "Journal/2026-11-20.md"})
    );
    let show = vault.stdout(&["show", "ada"], 0);
    assert!(
        show.contains("  last outing   2026-11-20 (lunch, in Journal/2026-11-20.md:3)\n"),
        "{show}"
    );
    // Listed only, a mention is no outing either.
    vault.write(".kith/config.yaml", "mentions: show\n");
    let ada = shown(&vault, "ada");
    assert_eq!(
        ada["last_outing"],
        json!({"date": "2025-06-02", "kind": "dinner", "line": 7, "note": "people/Ada.md"})
    );
    assert!(
        section(&vault.report(), "Not taken out this year").is_some(),
        "mentions: show"
    );
}
