//! Vaults written the way other tools and templates write people notes
//! (`tests/fixtures/vaults/`): Obsidian Properties, other key spellings,
//! lists and booleans, Dataview inline fields, body tags and comments.
//! Each field reads as its owner meant it, first run, and no note changes.

use std::collections::BTreeMap;

use predicates::prelude::*;
use serde_json::{Value, json};

use crate::util::{TestVault, readme_block, section};

/// `list --json`, keyed by name.
fn people(vault: &TestVault, args: &[&str]) -> BTreeMap<String, Value> {
    let mut all = vec!["list", "--json"];
    all.extend(args);
    vault
        .stdout(&all, 0)
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .map(|person| (person["name"].as_str().unwrap().to_string(), person))
        .collect()
}

/// Runs every reading command kith has on `vault` and asserts that no
/// file that was there before changed a byte.
fn assert_notes_untouched(vault: &TestVault, runs: &[&[&str]]) {
    let before = vault.snapshot("");
    for args in runs {
        vault.kith(args).output().unwrap();
    }
    for args in [
        &["index"][..],
        &["list"],
        &["check"],
        &["report"],
        &["report", "--stdout"],
        &["search", "a*"],
        &["export", "ics"],
    ] {
        vault.kith(args).output().unwrap();
    }
    let after = vault.snapshot("");
    for (path, bytes) in &before {
        assert!(after.get(path) == Some(bytes), "{} changed", path.display());
    }
}

#[test]
fn obsidian_properties_and_other_spellings_read_as_meant() {
    let vault = TestVault::fixture("obsidian-people");
    let people = people(&vault, &[]);
    let wren = &people["Wren Castillo"];
    assert_eq!(wren["org"], "Fernway Studio");
    assert_eq!(wren["role"], "Creative Director");
    assert_eq!(wren["email"], json!(["wren@fernway.example"]));
    assert_eq!(wren["phone"], json!(["+1 503 555 0117"]));
    assert_eq!(wren["tags"], json!(["person/client"]));
    assert_eq!(wren["cadence"], "monthly");
    assert_eq!(wren["last_contact"], "2026-09-02");
    assert_eq!(wren["other_fields"], json!({}));
    // Her last contact is the lunch in the journal, not her lastSeen.
    assert_eq!(wren["due"]["last_contact"], "2026-11-18");
    assert_eq!(wren["due"]["date"], "2026-12-18");
    assert_eq!(wren["last_log"]["note"], "Journal/2026-11-18.md");

    let dmitri = &people["Dmitri Vasquez-Lund"];
    assert_eq!(dmitri["org"], "Halden Research");
    assert_eq!(dmitri["cadence"], "quarterly");
    assert_eq!(dmitri["next_contact"], "2026-11-20");
    assert_eq!(dmitri["interests"], json!(["cycling", "ceramics"]));
    assert_eq!(dmitri["tags"], json!(["referral-source"]));
    // The kickoff he attended is a contact, so the next follow-up date
    // comes before the cadence's.
    assert_eq!(dmitri["due"]["last_contact"], "2026-11-12");
    assert_eq!(dmitri["due"]["date"], "2026-11-20");
    assert_eq!(dmitri["due"]["from"], "next_contact");

    let keiko = &people["Keiko Marsh"];
    assert_eq!(
        keiko["role"],
        Value::Null,
        "a title naming the file is the name"
    );
    assert_eq!(keiko["org"], Value::Null);
    assert_eq!(keiko["tags"], json!([]));
    assert_eq!(keiko["cadence"], "every 6 weeks");
    assert_eq!(keiko["due"]["status"], "never_contacted");

    vault.kith(&["check"]).assert().code(0).stdout("");
    let report = vault.report();
    let overdue = section(&report, "Overdue (1)").unwrap();
    assert!(
        overdue.contains(
            "- [ ] [[People/Dmitri Vasquez-Lund|Dmitri Vasquez-Lund]] *4 days overdue (from next\\_follow\\_up) · quarterly · last 2026-11-12 in [[Meetings/2026-11-12 Studio kickoff|2026-11-12 Studio kickoff]]: Studio kickoff*"
        ),
        "{report}"
    );
    assert!(
        section(&report, "Never contacted (1)")
            .unwrap()
            .contains("Keiko Marsh")
    );
    assert!(
        section(&report, "Birthdays in the next 14 days (1)").is_some(),
        "{report}"
    );
    assert!(!report.contains("no cadence"), "{report}");
}

#[test]
fn lists_booleans_and_titles_as_obsidian_properties_write_them() {
    let vault = TestVault::fixture("properties-lists");
    // Tagged coi, Yusuf matters most and has no purpose: a hint, no problem.
    vault
        .kith(&["check"])
        .assert()
        .code(0)
        .stdout(
            "01 - Community/People/Yusuf Demir.md:1: hint: Yusuf Demir matters most (tag coi) \
             and has no purpose: a clear purpose is the base of the connection; say in \
             'purpose:' why this relationship matters\n",
        )
        .stderr(predicate::str::ends_with("4 notes, 0 problems, 1 hint\n"));
    let people = people(&vault, &[]);
    let bastian = &people["Bastian Krug"];
    assert_eq!(bastian["role"], "Head of Growth");
    assert_eq!(bastian["org"], "Pellucid, Krug Advisory");
    assert_eq!(bastian["archived"], true, "active: false");
    assert_eq!(bastian["due"]["status"], "archived");
    assert_eq!(people["Hana Sasaki"]["due"]["status"], "archived");
    assert_eq!(people["Hana Sasaki"]["aliases"], json!([]));

    let ines = &people["Ines Okoro"];
    assert_eq!(ines["path"], "01 - Community/People/Ines Okoro.md");
    assert_eq!(ines["role"], "Head of Research");
    assert_eq!(ines["org"], Value::Null);
    assert_eq!(
        ines["priority"],
        Value::Null,
        "priority: false is no priority"
    );
    assert_eq!(ines["phone"], json!(["+44 7700 900123"]));
    assert_eq!(ines["email"].as_array().unwrap().len(), 2);
    assert_eq!(ines["due"]["date"], "2026-10-01");

    let yusuf = &people["Yusuf Demir"];
    assert_eq!(yusuf["org"], "Tidewater Foods");
    assert_eq!(yusuf["location"], "Izmir");
    assert_eq!(yusuf["interests"], json!(["sailing", "natural wine"]));
    assert_eq!(yusuf["cadence"], Value::Null);
    assert_eq!(yusuf["due"]["date"], "2026-11-30");
    assert_eq!(yusuf["due"]["from"], "next_contact");

    let report = vault.report();
    let due = section(&report, "Due in the next 7 days (1)").unwrap();
    assert!(
        due.contains("*due 2026-11-30 (in 6 days, from nextContact) · last 2026-10-02: "),
        "{report}"
    );
    assert!(
        !report.contains("Bastian") && !report.contains("Hana"),
        "{report}"
    );
    // Values that were lists are found by search under their key.
    vault
        .kith(&["search", "org:krug"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Bastian Krug"));
    vault
        .kith(&["search", "location:izmir"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Yusuf Demir"));
}

#[test]
fn dataview_inline_fields_are_fields_and_comments_are_not_text() {
    let vault = TestVault::fixture("dataview-inline");
    let people = people(&vault, &[]);
    let lorenzo = &people["Lorenzo Bianchi"];
    assert_eq!(lorenzo["org"], "Vetro Labs");
    assert_eq!(lorenzo["role"], "Head of Partnerships");
    assert_eq!(lorenzo["interests"], json!(["sailing", "espresso"]));
    assert_eq!(lorenzo["birthday"], "1984-03-22");
    assert_eq!(lorenzo["email"], json!(["lorenzo@vetro.example"]));
    assert_eq!(lorenzo["tags"], json!(["client/active"]));
    assert_eq!(lorenzo["cadence"], "monthly", "not the daily in a comment");
    // A log line in a comment is no contact (it says 2026-11-24); the call
    // in the daily note is.
    assert_eq!(lorenzo["due"]["last_contact"], "2026-11-21");
    assert_eq!(lorenzo["last_log"]["note"], "Daily/2026-11-21.md");

    let sunniva = &people["Sunniva Dahl"];
    assert_eq!(sunniva["cadence"], "quarterly", "the front matter wins");
    assert_eq!(sunniva["org"], "Nordlys Energy");
    assert_eq!(sunniva["role"], "Analyst");
    assert_eq!(sunniva["interests"], json!(["skiing"]));
    assert_eq!(sunniva["met"], "Bergen energy forum");
    assert_eq!(sunniva["birthday"], Value::Null, "inline code is no field");
    assert_eq!(sunniva["last_contact"], Value::Null);
    assert_eq!(sunniva["other_fields"]["last_contact"], "2026-13-02");

    vault.kith(&["check"]).assert().code(1).stdout(
        "CRM/Contacts/Sunniva Dahl.md:19: last_contact:: '2026-13-02' is not a date (use YYYY-MM-DD)\n\
         CRM/Contacts/Sunniva Dahl.md:9: hint: 'frequency:: weekly' is ignored: the front matter's 'cadence' is read instead\n",
    ).stderr("2 notes, 1 problem, 1 hint\n");

    vault
        .kith(&["search", "sailing"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "CRM/Contacts/Lorenzo Bianchi.md",
        ));
    for hidden in ["setting", "HTML"] {
        vault.kith(&["search", hidden]).assert().code(1).stdout("");
    }
    // A snippet is cut from the text without its comments.
    vault
        .kith(&["search", "dashboard"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("dashboard").and(predicate::str::contains("comment").not()),
        );
    vault
        .kith(&["search", "--tag", "client", "*"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Lorenzo Bianchi"));
    vault
        .kith(&["list", "--tag", "client"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("Lorenzo Bianchi"));
}

#[test]
fn body_tags_count_nested_in_their_parent_but_not_in_code() {
    let vault = TestVault::fixture("marker-only");
    let tagged = people(&vault, &["--tag", "person"]);
    assert_eq!(tagged.keys().collect::<Vec<_>>(), ["Mirela Stan"]);
    assert_eq!(tagged["Mirela Stan"]["tags"], json!(["person/friends"]));
    let anneliese = vault.stdout(&["show", "anneliese", "--json"], 0);
    let anneliese: Value = serde_json::from_str(&anneliese).unwrap();
    assert_eq!(anneliese["cadence"], "bimonthly");
    assert_eq!(anneliese["org"], "Brandt & Söhne");
    // Two months from the call in the daily note.
    assert_eq!(anneliese["due"]["date"], "2027-01-20");
    vault.write(".kith/config.yaml", "cadence_by_tag:\n  person: monthly\n");
    let mirela = vault.stdout(&["show", "mirela", "--json"], 0);
    let mirela: Value = serde_json::from_str(&mirela).unwrap();
    assert_eq!(mirela["due"]["cadence"], "monthly");
    assert_eq!(mirela["due"]["date"], "2026-12-13");
}

#[test]
fn reading_the_dialect_vaults_changes_no_byte_of_any_note() {
    for name in [
        "obsidian-people",
        "properties-lists",
        "dataview-inline",
        "marker-only",
    ] {
        let vault = TestVault::fixture(name);
        assert_notes_untouched(
            &vault,
            &[
                &["show", "wren"],
                &["show", "ines"],
                &["show", "lorenzo"],
                &["show", "mirela"],
                &["search", "sailing"],
                &["list", "--tag", "person"],
            ],
        );
    }
}

#[test]
fn a_whole_word_names_a_person_to_write_but_a_start_of_one_does_not() {
    let vault = TestVault::fixture("obsidian-people");
    let before = vault.read("People/Dmitri Vasquez-Lund.md");
    vault
        .kith(&["log", "vasquez", "Call about the grant"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "People/Dmitri Vasquez-Lund.md:16: - 2026-11-24 Call about the grant\n",
        ));
    let after = vault.read("People/Dmitri Vasquez-Lund.md");
    assert_eq!(
        after,
        before.replace("## Log\n", "## Log\n- 2026-11-24 Call about the grant\n")
    );
    let unchanged = vault.snapshot("People");
    vault
        .kith(&["log", "dmit", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a whole word of it"));
    assert_eq!(unchanged, vault.snapshot("People"));
}

#[test]
fn file_names_with_dashes_are_their_spaced_names() {
    let vault = TestVault::new();
    vault.person("Adam-Tooze", "---\ncadence: monthly\n---\n");
    vault.person("mary_jane_watson", "");
    let list = vault.stdout(&["list", "--sort", "name"], 0);
    assert!(list.starts_with("Adam Tooze\t"), "{list}");
    assert!(list.contains("mary jane watson\t"), "{list}");
    vault.stdout(&["show", "Adam Tooze"], 0);
    vault.stdout(&["log", "adam tooze", "Lunch"], 0);
    vault.stdout(&["log", "Mary-Jane Watson", "Tea"], 0);
    assert!(
        vault
            .read("people/Adam-Tooze.md")
            .ends_with("- 2026-11-24 Lunch\n")
    );
    vault
        .kith(&["show", "Adam Toze"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "Adam Tooze  (people/Adam-Tooze.md)",
        ));
}

#[test]
fn typos_in_aliases_are_forgiven_like_typos_in_names() {
    let vault = TestVault::new();
    vault.person("Wren Castillo", "---\naliases: [Birdie]\n---\n");
    vault
        .kith(&["show", "Brdie"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean:\n  Wren Castillo"));
    vault
        .kith(&["search", "Birdei"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Wren Castillo"));
}

#[test]
fn show_keeps_a_notes_own_status_apart_from_kiths() {
    let vault = TestVault::new();
    vault.person(
        "Ada",
        "---\nstatus: active\ncadence: weekly\nlast contact: 2026-11-20\n---\n",
    );
    let shown = vault.stdout(&["show", "ada"], 0);
    assert!(shown.contains("\nstatus          active\n"), "{shown}");
    assert!(
        shown.contains("\nSchedule\n  cadence       weekly\n  last contact  2026-11-20\n  status        due 2026-11-27 (in 3 days)\n"),
        "{shown}"
    );
    assert_eq!(shown.matches("\nstatus").count(), 1, "{shown}");
}

#[test]
fn a_next_contact_date_says_where_it_came_from() {
    let vault = TestVault::new();
    vault.person(
        "Ada",
        "---\ncadence: yearly\nnext_follow_up: 2026-11-20\n---\n- 2026-09-01 Call\n",
    );
    vault.person("Grace", "---\nfollow_up: 2026-11-26\n---\n");
    let report = vault.report();
    assert!(
        section(&report, "Overdue (1)")
            .unwrap()
            .contains("[[people/Ada|Ada]] *4 days overdue (from next\\_follow\\_up) · yearly · last 2026-09-01: Call*"),
        "{report}"
    );
    assert!(
        section(&report, "Due in the next 7 days (1)")
            .unwrap()
            .contains("[[people/Grace|Grace]] *due 2026-11-26 (in 2 days, from follow\\_up)*"),
        "{report}"
    );
    let shown = vault.stdout(&["show", "ada"], 0);
    assert!(
        shown.contains("  next contact  2026-11-20 (from next_follow_up)\n"),
        "{shown}"
    );
    assert!(
        shown.contains("  status        overdue 4 days (from next_follow_up)\n"),
        "{shown}"
    );
    // A contact on or after the date keeps it.
    vault.stdout(&["log", "ada", "Call"], 0);
    let shown = vault.stdout(&["show", "ada"], 0);
    assert!(
        shown.contains("  next contact  2026-11-20 (from next_follow_up; kept: contacted since)\n"),
        "{shown}"
    );
    assert!(
        shown.contains("  status        due 2027-11-24 (in 365 days)\n"),
        "{shown}"
    );
}

#[test]
fn the_report_counts_who_has_no_cadence_and_says_how_to_set_one() {
    let vault = TestVault::new();
    vault.person("Ada", "---\ncadence: weekly\n---\n- 2026-11-20 Call\n");
    vault.person("Bo", "- 2026-11-20 Call\n");
    vault.person("Cy", "# Cy\n");
    vault.person("Di", "---\narchived: true\n---\n");
    let report = vault.report();
    assert!(
        report.ends_with(
            "\n---\n\n2 people have no cadence, so are never due: set `cadence: monthly` (or \
             another) in their notes, or `default_cadence: quarterly` in `.kith/config.yaml` for \
             everyone without one.\n"
        ),
        "{report}"
    );
    vault.write(".kith/config.yaml", "default_cadence: yearly\n");
    assert!(!vault.report().contains("no cadence"));
}

#[test]
fn check_hints_at_ignored_values_and_still_exits_zero() {
    let vault = TestVault::new();
    vault.person(
        "Ada",
        "---\nlast_called: 2026-10-01\ntouch_base: monthly\nstatus: inactive\ncadance: weekly\nlinkedin: ada\n---\n",
    );
    let output = vault.kith(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    assert!(
        lines[0].starts_with(
            "people/Ada.md:2: hint: 'last_called: 2026-10-01' looks like a last contact"
        )
    );
    assert!(
        lines[1].starts_with("people/Ada.md:3: hint: 'touch_base: monthly' looks like a cadence")
    );
    assert!(lines[2].contains("set 'archived: true'"));
    assert!(lines[3].contains("did you mean 'cadence'?"));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "1 note, 0 problems, 4 hints\n"
    );
    // Hints are not problems: the report has none.
    assert!(!vault.report().contains("## Problems"));
}

#[test]
fn the_readme_note_reads_as_the_readme_shows() {
    let note = readme_block("```markdown\n---\ntitle: Keiko Marsh");
    let vault = TestVault::new();
    vault.person("keiko-marsh", format!("---\ntitle: Keiko Marsh{note}"));
    let before = vault.snapshot("people");
    let show = readme_block("$ kith show keiko\n");
    assert_eq!(vault.stdout(&["show", "keiko"], 0), show);
    let check = readme_block("$ kith check\n");
    let output = vault.kith(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
        check
    );
    vault.kith(&["search", "lisbon"]).assert().code(1);
    assert_eq!(before, vault.snapshot("people"));
}

#[test]
fn values_kith_keeps_out_are_still_found_under_their_key() {
    let vault = TestVault::new();
    vault.person(
        "Ada",
        "---\norg: Analytical\ncompany: Babbage Works\nbirthday: someday\nlastCalled: 2026-10-09\n---\n",
    );
    for query in [
        "org:babbage",
        "company:babbage",
        "someday",
        "last_called:2026",
        "lastcalled:10",
    ] {
        vault
            .kith(&["search", query])
            .assert()
            .code(0)
            .stdout(predicate::str::starts_with("people/Ada.md"));
    }
    vault
        .kith(&["check"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "people/Ada.md:3: 'company' repeats 'org'",
        ));
}
