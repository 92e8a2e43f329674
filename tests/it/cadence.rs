//! Cadence spellings and due arithmetic, seen through the report.

use crate::util::{TestVault, section};

/// A note last contacted on `last` with `cadence` as written.
fn note(cadence: &str, last: &str) -> String {
    format!("---\ncadence: {cadence}\n---\n## Log\n- {last} Call\n")
}

#[test]
fn every_cadence_spelling_gives_its_due_date() {
    // Last contact 2026-11-20; the due date for each spelling.
    let cases = [
        ("daily", "2026-11-21"),
        ("weekly", "2026-11-27"),
        ("biweekly", "2026-12-04"),
        ("fortnightly", "2026-12-04"),
        ("monthly", "2026-12-20"),
        ("bimonthly", "2027-01-20"),
        ("quarterly", "2027-02-20"),
        ("semiannually", "2027-05-20"),
        ("yearly", "2027-11-20"),
        ("annually", "2027-11-20"),
        ("10d", "2026-11-30"),
        ("6w", "2027-01-01"),
        ("3m", "2027-02-20"),
        ("1y", "2027-11-20"),
        ("every 10 days", "2026-11-30"),
        ("every 2 weeks", "2026-12-04"),
        ("every 3 months", "2027-02-20"),
        ("every 2 years", "2028-11-20"),
        ("Weekly", "2026-11-27"),
        ("EVERY 2 WEEKS", "2026-12-04"),
    ];
    for (cadence, due) in cases {
        let vault = TestVault::new();
        vault.person("Ada", note(cadence, "2026-11-20"));
        // The day after the due date, the person is exactly one day overdue.
        let day_after = chrono::NaiveDate::parse_from_str(due, "%Y-%m-%d")
            .unwrap()
            .succ_opt()
            .unwrap()
            .to_string();
        let report = vault
            .kith(&["--today", &day_after, "report", "--stdout"])
            .output()
            .unwrap();
        let report = String::from_utf8(report.stdout).unwrap();
        let overdue = section(&report, "Overdue")
            .unwrap_or_else(|| panic!("{cadence}: not overdue on {day_after}\n{report}"));
        assert!(
            overdue.contains("*1 day overdue · ") && overdue.contains(" · last 2026-11-20: Call*"),
            "{cadence}: expected due {due}\n{overdue}"
        );
    }
}

#[test]
fn january_31_plus_one_month_is_due_on_the_last_of_february() {
    let vault = TestVault::new();
    vault.person("Ada", note("monthly", "2026-01-31"));
    vault.person("Leap", note("monthly", "2028-01-31"));
    let report = vault.stdout(&["--today", "2026-02-26", "report", "--stdout"], 0);
    assert!(
        report.contains(
            "- [ ] [[people/Ada|Ada]] *due 2026-02-28 (in 2 days) · monthly · last 2026-01-31: Call*"
        ),
        "{report}"
    );
    let report = vault.stdout(&["--today", "2028-03-01", "report", "--stdout"], 0);
    assert!(
        report.contains("[[people/Leap|Leap]] *1 day overdue · monthly · last 2028-01-31: Call*"),
        "{report}"
    );
}

#[test]
fn snooze_later_than_due_hides_and_earlier_does_not() {
    let vault = TestVault::new();
    vault.person(
        "Later",
        "---\ncadence: weekly\nsnooze_until: 2026-12-15\n---\n- 2026-10-01 Call\n",
    );
    vault.person(
        "Earlier",
        "---\ncadence: weekly\nsnooze_until: 2026-10-05\n---\n- 2026-10-01 Call\n",
    );
    let report = vault.report();
    let overdue = section(&report, "Overdue").unwrap();
    assert!(overdue.contains("Earlier"));
    assert!(!report.contains("Later"), "{report}");
    let report = vault.stdout(&["--today", "2026-12-16", "report", "--stdout"], 0);
    assert!(
        section(&report, "Overdue")
            .unwrap()
            .contains("[[people/Later|Later]] *1 day overdue · weekly · last 2026-10-01: Call*"),
        "{report}"
    );
}

#[test]
fn archived_people_are_never_due_nor_promised() {
    let vault = TestVault::new();
    vault.person(
        "Gone",
        "---\ncadence: weekly\narchived: true\nbirthday: --11-25\n---\n- 2020-01-01 Call\n- [ ] 2020-01-02 Send card\n",
    );
    let report = vault.report();
    assert!(!report.contains("Gone"), "{report}");
    assert!(report.contains("Nothing is due"), "{report}");
}

#[test]
fn never_contacted_needs_a_cadence() {
    let vault = TestVault::new();
    vault.person(
        "New",
        "---\ncadence: monthly\nrelationship: client\n---\n# New\n",
    );
    vault.person("Loose", "---\nrelationship: friend\n---\n# Loose\n");
    let report = vault.report();
    let never = section(&report, "Never contacted (1)").unwrap();
    assert!(
        never.contains("- [ ] [[people/New|New]] *never contacted · monthly · client*"),
        "{never}"
    );
    assert!(!report.contains("Loose"));
}

#[test]
fn cadence_by_tag_applies_unless_the_note_has_its_own() {
    let vault = TestVault::new();
    vault.write(
        ".kith/config.yaml",
        "default_cadence: yearly\ncadence_by_tag:\n  coi: weekly\n",
    );
    vault.person("Tagged", "---\ntags: [coi]\n---\n- 2026-11-10 Call\n");
    vault.person(
        "Own",
        "---\ntags: [coi]\ncadence: quarterly\n---\n- 2026-11-10 Call\n",
    );
    vault.person("Default", "---\ntags: [friend]\n---\n- 2025-11-10 Call\n");
    let report = vault.report();
    let overdue = section(&report, "Overdue").unwrap();
    assert!(
        overdue
            .contains("[[people/Tagged|Tagged]] *7 days overdue · weekly · last 2026-11-10: Call*"),
        "{overdue}"
    );
    assert!(
        overdue.contains(
            "[[people/Default|Default]] *14 days overdue · yearly · last 2025-11-10: Call*"
        ),
        "{overdue}"
    );
    assert!(!overdue.contains("Own"), "{overdue}");
}

#[test]
fn leap_day_birthdays_fall_on_february_28_in_common_years() {
    let vault = TestVault::new();
    vault.person("Leap", "---\nbirthday: 2000-02-29\n---\n");
    vault.person("NoYear", "---\nbirthday: --03-01\n---\n");
    vault.person("Short", "---\nbday: 03-10\n---\n");
    let report = vault.stdout(&["--today", "2027-02-20", "report", "--stdout"], 0);
    let birthdays = section(&report, "Birthdays").unwrap();
    assert!(
        birthdays.contains("[[people/Leap|Leap]] *birthday 2027-02-28 (in 8 days), turns 27*"),
        "{birthdays}"
    );
    assert!(
        birthdays.contains("[[people/NoYear|NoYear]] *birthday 2027-03-01 (in 9 days)*"),
        "{birthdays}"
    );
    assert!(!birthdays.contains("Short"), "{birthdays}");
    let report = vault.stdout(&["--today", "2028-02-29", "report", "--stdout"], 0);
    assert!(
        report.contains("[[people/Leap|Leap]] *birthday 2028-02-29 (today), turns 28*"),
        "{report}"
    );
}

#[test]
fn future_entries_are_planned_not_contact() {
    let vault = TestVault::new();
    vault.person(
        "Ada",
        "---\ncadence: weekly\n---\n- 2026-12-01 Dinner booked\n- 2026-11-01 Call\n",
    );
    let report = vault.report();
    assert!(
        section(&report, "Overdue")
            .unwrap()
            .contains("*16 days overdue · weekly · last 2026-11-01: Call*"),
        "{report}"
    );
}
