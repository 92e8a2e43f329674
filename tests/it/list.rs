//! `kith list`, `kith show` and `kith completions`: what they print for a
//! small vault, the filters and orders of list, and JSON that parses.

use predicates::prelude::*;

use crate::util::TestVault;

const ADA: &str = "---
name: Ada Lovelace
aliases: [Ada, Countess of Lovelace]
tags: [mentor, referral-source]
org: Analytical Engines Ltd
role: CTO
email: ada@example.com
phone: \"+44 20 7946 0000\"
location: London
cadence: monthly
priority: A
relationship: referral source
purpose: Sends us two clients a year; wants intros to investors.
interests: [mathematics, poetry, horses]
birthday: 1815-12-10
met: 2019 Royal Society dinner
introduced_by: \"[[Charles Babbage]]\"
linkedin: ada-l
snooze_until: someday
---
# Ada Lovelace

## Log
- 2026-12-10 Dinner at the Royal Society
- 2026-11-02 Coffee. Her team is hiring two engineers; promised an intro to Grace.
- [ ] 2026-11-20 Send her the Menabrea translation notes
- [ ] 2026-12-01 Intro to Grace
- 2026-09-14 Call about the board seat.
- [x] 2026-08-01 Sent the deck
- 2026-07-01 a
- 2026-06-01 b
- 2026-05-01 c
";

/// Six people, one of each due status, on TODAY (2026-11-24).
fn vault() -> TestVault {
    let vault = TestVault::new();
    vault.person("Ada Lovelace", ADA);
    vault.person(
        "Grace Hopper",
        "---\ncadence: weekly\ntags: [coi]\norg: US Navy\n---\n- 2026-11-01 Call\n",
    );
    vault.person(
        "Zoë Müller",
        "---\ntags: [friend]\n---\r\n- 2026-10-01 Drinks\n",
    );
    vault.person(
        "Old Friend",
        "---\ncadence: weekly\narchived: true\n---\n- 2020-01-01 Last call\n",
    );
    vault.person("Newbie", "---\ncadence: monthly\ntags: [coi]\n---\n");
    vault.person(
        "Snoozy",
        "---\ncadence: weekly\nsnooze_until: 2026-11-28\n---\n- 2026-10-01 Call\n",
    );
    vault
}

/// The first column of `kith list ARGS…`.
fn names(vault: &TestVault, args: &[&str]) -> Vec<String> {
    let mut all = vec!["list"];
    all.extend(args);
    vault
        .stdout(&all, 0)
        .lines()
        .map(|line| line.split('\t').next().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn piped_list_is_tab_separated_without_header_sorted_by_name() {
    let vault = vault();
    vault.kith(&["list"]).assert().code(0).stdout(
        "Ada Lovelace\tmonthly\t2026-11-02\tdue 2026-12-02 (in 8 days)\tAnalytical Engines Ltd\tmentor, referral-source\n\
         Grace Hopper\tweekly\t2026-11-01\toverdue 16 days\tUS Navy\tcoi\n\
         Newbie\tmonthly\t\tnever contacted\t\tcoi\n\
         Old Friend\tweekly\t2020-01-01\tarchived\t\t\n\
         Snoozy\tweekly\t2026-10-01\tdue 2026-11-28 (in 4 days)\t\t\n\
         Zoë Müller\t\t2026-10-01\tno cadence\t\tfriend\n",
    );
}

#[test]
fn list_sorts_by_due_and_by_last_contact() {
    let vault = vault();
    assert_eq!(
        names(&vault, &["--sort", "due"]),
        [
            "Grace Hopper",
            "Newbie",
            "Snoozy",
            "Ada Lovelace",
            "Zoë Müller",
            "Old Friend"
        ]
    );
    assert_eq!(
        names(&vault, &["--sort", "last"]),
        [
            "Newbie",
            "Old Friend",
            "Snoozy",
            "Zoë Müller",
            "Grace Hopper",
            "Ada Lovelace"
        ]
    );
}

#[test]
fn list_filters_overdue_due_within_and_tags() {
    let vault = vault();
    assert_eq!(names(&vault, &["--overdue"]), ["Grace Hopper"]);
    let week = ["Grace Hopper", "Newbie", "Snoozy"];
    assert_eq!(names(&vault, &["--due-within", "7d"]), week);
    assert_eq!(names(&vault, &["--due-within", "1w"]), week);
    assert_eq!(names(&vault, &["--due-within", "7"]), week);
    assert_eq!(
        names(&vault, &["--due-within", "8d", "--sort", "due"]),
        ["Grace Hopper", "Newbie", "Snoozy", "Ada Lovelace"]
    );
    assert_eq!(
        names(&vault, &["--due-within", "0"]),
        ["Grace Hopper", "Newbie"]
    );
    assert_eq!(
        names(&vault, &["--tag", "#COI"]),
        ["Grace Hopper", "Newbie"]
    );
    assert!(names(&vault, &["--tag", "coi", "--tag", "mentor"]).is_empty());
    assert_eq!(
        names(&vault, &["--tag", "coi", "--overdue"]),
        ["Grace Hopper"]
    );
    vault
        .kith(&["list", "--due-within", "soon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'soon' is not a window"));
}

#[test]
fn list_json_is_one_parsable_object_per_line() {
    let vault = vault();
    let out = vault.stdout(&["list", "--json", "--sort", "due"], 0);
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(rows.len(), 6);
    let grace = &rows[0];
    assert_eq!(grace["name"], "Grace Hopper");
    assert_eq!(grace["path"], "people/Grace Hopper.md");
    assert_eq!(grace["due"]["status"], "overdue");
    assert_eq!(grace["due"]["date"], "2026-11-08");
    assert_eq!(grace["due"]["days_overdue"], 16);
    assert_eq!(grace["due"]["last_contact"], "2026-11-01");
    assert_eq!(grace["tags"], serde_json::json!(["coi"]));
    let statuses: Vec<&str> = rows
        .iter()
        .map(|r| r["due"]["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        [
            "overdue",
            "never_contacted",
            "due",
            "due",
            "no_cadence",
            "archived"
        ]
    );
    assert_eq!(
        rows[3]["aliases"],
        serde_json::json!(["Ada", "Countess of Lovelace"])
    );
}

#[test]
fn list_warns_about_problems_on_stderr_only() {
    let vault = vault();
    vault
        .kith(&["list", "--overdue"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("Grace Hopper\t"))
        .stderr("kith: 1 problem in the notes; `kith check` lists them\n");
}

#[test]
fn control_characters_in_notes_never_reach_the_terminal() {
    let vault = TestVault::new();
    vault.person(
        "Evil",
        "---\nname: \"Evil\\e[31m\\tName\"\norg: \"a\\nb\"\n---\n- 2026-11-01 Call\n",
    );
    let list = vault.stdout(&["list"], 0);
    assert_eq!(list, "Evil Name\t\t2026-11-01\tno cadence\ta b\t\n");
    let show = vault.stdout(&["show", "evil"], 0);
    assert!(!show.contains('\u{1b}'), "{show}");
    assert!(show.starts_with("Evil Name\n"), "{show}");
}

#[test]
fn show_prints_fields_status_log_plans_promises_and_problems() {
    let vault = vault();
    vault
        .kith(&["show", "countess of lovelace"])
        .assert()
        .code(0)
        .stdout(
            "Ada Lovelace
people/Ada Lovelace.md

aliases         Ada, Countess of Lovelace
tags            mentor, referral-source
org             Analytical Engines Ltd
role            CTO
email           ada@example.com
phone           +44 20 7946 0000
location        London
birthday        1815-12-10
priority        A
relationship    referral source
purpose         Sends us two clients a year; wants intros to investors.
met             2019 Royal Society dinner
introduced by   Charles Babbage
interests       mathematics, poetry, horses
linkedin        ada-l
snooze_until    someday

Schedule
  cadence       monthly
  last contact  2026-11-02
  status        due 2026-12-02 (in 8 days)
  last outing   2026-11-02 (coffee)
  last share    2026-08-01
  reaching out  you reached out the last 5 times

Recent log
  2026-11-02  Coffee. Her team is hiring two engineers; promised an intro to Grace.
  2026-09-14  Call about the board seat.
  2026-08-01  Sent the deck
  2026-07-01  a
  2026-06-01  b

Planned
  2026-12-10  Dinner at the Royal Society

Open follow-ups
  2026-11-20  Send her the Menabrea translation notes (overdue 4 days)
  2026-12-01  Intro to Grace (in 7 days)

Problems
  people/Ada Lovelace.md:19: snooze_until: 'someday' is not a date (use YYYY-MM-DD)
",
        );
}

#[test]
fn show_of_a_bare_note_says_where_it_stands() {
    let vault = vault();
    vault.write(
        ".kith/config.yaml",
        "cadence_by_tag:\n  friend: quarterly\n",
    );
    vault.kith(&["show", "zoe"]).assert().code(0).stdout(
        "Zoë Müller
people/Zoë Müller.md

tags            friend

Schedule
  cadence       quarterly (from config)
  last contact  2026-10-01
  status        due 2027-01-01 (in 38 days)
  last outing   2026-10-01 (drinks)
  reaching out  you reached out last time

Recent log
  2026-10-01  Drinks
",
    );
}

#[test]
fn show_puts_each_line_of_a_value_on_its_own_indented_line() {
    let vault = TestVault::new();
    vault.person(
        "Ada",
        "---\npurpose: |\n  Sends us clients.\n\n  Wants intros.\nhistory: \"one\\r\\ntwo\\e[2J\"\n---\n",
    );
    vault.kith(&["show", "ada"]).assert().code(0).stdout(
        "Ada
people/Ada.md

purpose         Sends us clients.

                Wants intros.
history         one
                two

Schedule
  cadence       none
  last contact  never
  status        no cadence
",
    );
}

#[test]
fn completions_are_printed_for_each_shell() {
    let vault = TestVault::new();
    for shell in ["bash", "zsh", "fish"] {
        vault
            .kith(&["completions", shell])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("kith").and(predicate::str::contains("due-within")));
    }
    vault
        .kith(&["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'tcsh'"));
}
