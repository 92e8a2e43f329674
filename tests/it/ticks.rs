//! The report as a to-do list: ticks in `Follow-ups.md` recorded in the
//! notes by `report` and every command that refreshes, exactly once, byte
//! for byte; `kith done` and `kith snooze`.

use crate::util::{TestVault, section};

/// People in every section on 2026-11-24: Marcus overdue (with a promise),
/// Priya due soon, Nadia never contacted, Zoë with a birthday.
fn vault() -> TestVault {
    let vault = TestVault::new();
    vault.person(
        "Marcus Chen",
        "---\ncadence: weekly\n---\n# Marcus\n\n## Log\n- 2026-11-10 Lunch\n- [ ] 2026-11-17 Send him the one-pager\n",
    );
    vault.person(
        "Priya Raman",
        "---\ncadence: weekly\n---\n## Log\n- 2026-11-20 Video call\n",
    );
    vault.person("Nadia Haddad", "---\ncadence: monthly\n---\n# Nadia\n");
    vault.person(
        "Zoë Müller",
        "---\nbirthday: --12-01\n---\n## Log\n- 2026-06-01 Lunch\n",
    );
    vault
}

/// Ticks the unticked item of the report that mentions `needle`, typing
/// `typed` after it.
fn tick(vault: &TestVault, needle: &str, typed: &str) {
    let report = vault.read("Follow-ups.md");
    let mut done = false;
    let lines: Vec<String> = report
        .split_inclusive('\n')
        .map(|line| {
            if !done && line.starts_with("- [ ] ") && line.contains(needle) {
                done = true;
                let body = line.trim_end_matches('\n').replacen("- [ ] ", "- [x] ", 1);
                format!("{body}{typed}\n")
            } else {
                line.to_string()
            }
        })
        .collect();
    assert!(done, "no item for {needle} in\n{report}");
    vault.write("Follow-ups.md", lines.concat());
}

fn report_file(vault: &TestVault) -> String {
    vault.read("Follow-ups.md")
}

#[test]
fn ticking_a_person_logs_a_contact_today_and_the_report_drops_them() {
    let vault = vault();
    vault.kith(&["report"]).assert().code(0);
    tick(&vault, "[[people/Marcus Chen|", "");
    vault.kith(&["report"]).assert().code(0).stderr(
        "recorded people/Marcus Chen.md:7: - 2026-11-24 Checked off in Follow-ups\n\
             wrote Follow-ups.md\n",
    );
    assert_eq!(
        vault.read("people/Marcus Chen.md"),
        "---\ncadence: weekly\n---\n# Marcus\n\n## Log\n- 2026-11-24 Checked off in Follow-ups\n- 2026-11-10 Lunch\n- [ ] 2026-11-17 Send him the one-pager\n"
    );
    let report = report_file(&vault);
    assert!(section(&report, "Overdue").is_none(), "{report}");
    // Contacted today: not "due soon" either; the promise is still open.
    let due = section(&report, "Due in the next 7 days").unwrap();
    assert!(!due.contains("Marcus"), "{due}");
    assert!(
        section(&report, "Open follow-ups")
            .unwrap()
            .contains("- [ ] [[people/Marcus Chen|Marcus Chen]] *2026-11-17"),
        "{report}"
    );
    // Recorded once: the report holds no tick now, and a rerun changes nothing.
    assert!(!report.contains("[x]"), "{report}");
    let before = vault.snapshot("");
    vault
        .kith(&["report"])
        .assert()
        .code(0)
        .stderr("unchanged Follow-ups.md\n");
    assert_eq!(before, vault.snapshot(""));
}

#[test]
fn every_kind_of_item_records_what_it_says() {
    let vault = vault();
    vault.kith(&["report"]).assert().code(0);
    tick(&vault, "[[people/Priya Raman|", "");
    tick(&vault, "[[people/Nadia Haddad|", " — intro call, she's in");
    tick(
        &vault,
        "*2026-11-17 (7 days ago): Send him the one-pager*",
        "",
    );
    tick(&vault, "*birthday 2026-12-01", "");
    vault.kith(&["report"]).assert().code(0);
    assert!(
        vault
            .read("people/Priya Raman.md")
            .contains("## Log\n- 2026-11-24 Checked off in Follow-ups\n- 2026-11-20 Video call\n")
    );
    assert_eq!(
        vault.read("people/Nadia Haddad.md"),
        "---\ncadence: monthly\n---\n# Nadia\n\n## Log\n- 2026-11-24 intro call, she's in\n"
    );
    assert_eq!(
        vault.read("people/Marcus Chen.md"),
        "---\ncadence: weekly\n---\n# Marcus\n\n## Log\n- 2026-11-10 Lunch\n- [x] 2026-11-17 Send him the one-pager\n"
    );
    assert!(
        vault
            .read("people/Zoë Müller.md")
            .contains("- 2026-11-24 Birthday wishes\n- 2026-06-01 Lunch\n")
    );
    let report = report_file(&vault);
    for gone in ["Priya", "Nadia", "Zoë", "## Open follow-ups"] {
        assert!(!report.contains(gone), "{gone} still listed:\n{report}");
    }
    // The kept promise counts as contact on its date: Marcus is due today.
    assert!(
        section(&report, "Due in the next 7 days")
            .unwrap()
            .contains("[[people/Marcus Chen|Marcus Chen]] *due 2026-11-24 (today)"),
        "{report}"
    );
}

#[test]
fn a_comment_on_a_promise_is_logged_too_and_a_birthday_comment_follows_the_wishes() {
    let vault = vault();
    vault.kith(&["report"]).assert().code(0);
    tick(&vault, "Send him the one-pager*", " sent, he liked it");
    tick(&vault, "*birthday", ": sent a card");
    vault.kith(&["report"]).assert().code(0);
    assert!(
        vault
            .read("people/Marcus Chen.md")
            .contains("## Log\n- 2026-11-24 sent, he liked it\n- 2026-11-10 Lunch\n- [x] 2026-11-17 Send him the one-pager\n")
    );
    assert!(
        vault
            .read("people/Zoë Müller.md")
            .contains("- 2026-11-24 Birthday wishes: sent a card\n")
    );
    assert!(!report_file(&vault).contains("Birthdays"));
}

#[test]
fn report_log_text_sets_the_default_wording() {
    let vault = vault();
    vault.write(
        ".kith/config.yaml",
        "report_log_text: Called from the list\n",
    );
    vault.kith(&["report"]).assert().code(0);
    tick(&vault, "[[people/Priya Raman|", "");
    vault.kith(&["report"]).assert().code(0);
    assert!(
        vault
            .read("people/Priya Raman.md")
            .contains("- 2026-11-24 Called from the list\n")
    );
}

#[test]
fn a_tick_on_a_deleted_note_stays_ticked_with_why_and_check_lists_it() {
    let vault = vault();
    vault.kith(&["report"]).assert().code(0);
    tick(&vault, "[[people/Nadia Haddad|", " called");
    std::fs::remove_file(vault.path().join("people/Nadia Haddad.md")).unwrap();
    vault.kith(&["report"]).assert().code(0).stderr(
        "kith: 1 tick in Follow-ups.md not recorded; `kith check` says why\nwrote Follow-ups.md\n",
    );
    let report = report_file(&vault);
    let kept = section(&report, "Not recorded (1)").unwrap();
    assert!(
        kept.contains(
            "- [x] [[people/Nadia Haddad|Nadia Haddad]] *never contacted · monthly* called ⚠ not recorded: people/Nadia Haddad.md is gone\n"
        ),
        "{report}"
    );
    let check = vault.kith(&["check"]).output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(check.stdout).unwrap(),
        "Follow-ups.md:11: tick not recorded: people/Nadia Haddad.md is gone\n"
    );
    // Brought back, the next run records it, with the comment.
    vault.person("Nadia Haddad", "---\ncadence: monthly\n---\n# Nadia\n");
    vault.kith(&["report"]).assert().code(0);
    assert!(
        vault
            .read("people/Nadia Haddad.md")
            .ends_with("## Log\n- 2026-11-24 called\n")
    );
    assert!(!report_file(&vault).contains("Not recorded"));
}

#[test]
fn ticks_kith_cannot_act_on_are_kept_with_why() {
    let vault = vault();
    vault.person("Broken", "---\ncadence: sometimes\n---\n");
    vault.kith(&["report"]).assert().code(0);
    let report = report_file(&vault).replace("- people/Broken.md:2:", "- [x] people/Broken.md:2:");
    vault.write(
        "Follow-ups.md",
        report.replace("## Overdue", "- [x] buy milk\n\n## Overdue"),
    );
    vault.kith(&["report"]).assert().code(0);
    let report = report_file(&vault);
    let kept = section(&report, "Not recorded (2)").unwrap();
    assert!(
        kept.contains("- [x] buy milk ⚠ not recorded: kith cannot tell whom"),
        "{kept}"
    );
    assert!(
        kept.contains("⚠ not recorded: a problem goes away when its note is fixed"),
        "{kept}"
    );
}

#[test]
fn a_report_edited_otherwise_is_read_only_for_its_ticks() {
    let vault = vault();
    vault.kith(&["report"]).assert().code(0);
    let original = report_file(&vault);
    tick(&vault, "[[people/Priya Raman|", "");
    // Lines added, an item deleted, the sections reordered, CRLF and a BOM
    // from a Windows editor.
    let edited = report_file(&vault).replace(
        "## Never contacted",
        "My own note here\n\n## Never contacted",
    );
    let edited = edited
        .lines()
        .filter(|line| !line.contains("Nadia"))
        .collect::<Vec<_>>();
    let mut reordered = edited.clone();
    let priya = reordered.iter().position(|l| l.contains("Priya")).unwrap();
    let line = reordered.remove(priya);
    reordered.insert(reordered.len() - 1, line);
    vault.write(
        "Follow-ups.md",
        format!("\u{feff}{}\r\n", reordered.join("\r\n")),
    );
    vault.kith(&["report"]).assert().code(0);
    assert!(
        vault
            .read("people/Priya Raman.md")
            .contains("- 2026-11-24 Checked off in Follow-ups\n")
    );
    let report = report_file(&vault);
    assert!(!report.contains("My own note"), "{report}");
    assert!(report.contains("Nadia"), "{report}");
    assert_eq!(
        report,
        original.replace(
            "\n## Due in the next 7 days (1)\n\n- [ ] [[people/Priya Raman|Priya Raman]] *due 2026-11-27 (in 3 days) · weekly · last 2026-11-20: Video call*\n",
            ""
        )
    );
}

#[test]
fn a_reverted_report_does_not_record_its_ticks_twice() {
    let vault = vault();
    vault.kith(&["report"]).assert().code(0);
    tick(&vault, "[[people/Marcus Chen|", "");
    tick(&vault, "Send him the one-pager*", "");
    let ticked = report_file(&vault);
    vault.kith(&["report"]).assert().code(0);
    let marcus = vault.read("people/Marcus Chen.md");
    // `git checkout Follow-ups.md`, the same day and the next.
    vault.write("Follow-ups.md", &ticked);
    vault.kith(&["report"]).assert().code(0);
    vault.write("Follow-ups.md", &ticked);
    vault
        .kith(&["--today", "2026-11-25", "report"])
        .assert()
        .code(0);
    assert_eq!(vault.read("people/Marcus Chen.md"), marcus);
    assert!(!report_file(&vault).contains("[x]"));
}

#[test]
fn ticked_then_unticked_records_nothing() {
    let vault = vault();
    vault.kith(&["report"]).assert().code(0);
    let before = vault.snapshot("people");
    let original = report_file(&vault);
    tick(&vault, "[[people/Marcus Chen|", " called");
    vault.write(
        "Follow-ups.md",
        report_file(&vault).replace("- [x] ", "- [ ] "),
    );
    vault.kith(&["report"]).assert().code(0);
    assert_eq!(before, vault.snapshot("people"));
    assert_eq!(report_file(&vault), original);
}

#[test]
fn any_command_that_refreshes_records_ticks_first() {
    let vault = vault();
    vault.kith(&["report"]).assert().code(0);
    tick(&vault, "[[people/Marcus Chen|", "");
    let listed = vault.stdout(&["list", "--overdue"], 0);
    assert!(!listed.contains("Marcus"), "{listed}");
    assert!(
        vault
            .read("people/Marcus Chen.md")
            .contains("- 2026-11-24 Checked off in Follow-ups\n")
    );
    assert!(
        !report_file(&vault).contains("[x]"),
        "the report is rewritten"
    );
    for args in [
        &["search", "marcus"][..],
        &["show", "nadia"],
        &["index"],
        &["log", "Priya Raman", "Lunch"],
    ] {
        vault.kith(&["report"]).assert().code(0);
        tick(&vault, "[[people/Nadia Haddad|", "");
        vault.kith(args).assert().success();
        assert!(
            vault.read("people/Nadia Haddad.md").contains("Checked off"),
            "kith {args:?} did not record the tick"
        );
        vault.person("Nadia Haddad", "---\ncadence: monthly\n---\n# Nadia\n");
    }
}

#[test]
fn crlf_and_bom_notes_keep_every_other_byte() {
    let vault = vault();
    let marcus = "\u{feff}---\r\ncadence: weekly\r\n---\r\n# Marcus\r\n\r\n## Log\r\n- 2026-11-10 Lunch\r\n- [ ] 2026-11-17 Send him the one-pager\r\n";
    vault.person("Marcus Chen", marcus);
    vault.kith(&["report"]).assert().code(0);
    tick(&vault, "[[people/Marcus Chen|", "");
    tick(&vault, "Send him the one-pager*", "");
    vault.kith(&["report"]).assert().code(0);
    assert_eq!(
        vault.read("people/Marcus Chen.md"),
        "\u{feff}---\r\ncadence: weekly\r\n---\r\n# Marcus\r\n\r\n## Log\r\n- 2026-11-24 Checked off in Follow-ups\r\n- 2026-11-10 Lunch\r\n- [x] 2026-11-17 Send him the one-pager\r\n"
    );
}

#[test]
fn a_promise_moved_down_by_an_edit_above_it_is_still_found() {
    let vault = vault();
    vault.kith(&["report"]).assert().code(0);
    tick(&vault, "Send him the one-pager*", "");
    vault.person(
        "Marcus Chen",
        "---\ncadence: weekly\n---\n# Marcus\n\nNew paragraph.\n\n## Log\n- [ ] 2026-11-17 Send him the deck\n- 2026-11-10 Lunch\n- [ ] 2026-11-17 Send him the one-pager\n",
    );
    vault.kith(&["report"]).assert().code(0);
    assert!(
        vault
            .read("people/Marcus Chen.md")
            .ends_with("- [ ] 2026-11-17 Send him the deck\n- 2026-11-10 Lunch\n- [x] 2026-11-17 Send him the one-pager\n")
    );
}

#[test]
fn a_promise_in_another_note_is_ticked_there() {
    // What the report shows for a promise written in a daily note.
    let vault = vault();
    vault.write(
        "Daily/2026-11-20.md",
        "# Friday\n\n- [ ] 2026-11-21 Send [[Marcus Chen]] the deck\n",
    );
    vault.kith(&["report"]).assert().code(0);
    let report = report_file(&vault);
    vault.write("Follow-ups.md", format!("{report}\n## Open follow-ups (1)\n\n- [x] [[people/Marcus Chen|Marcus Chen]] *2026-11-21 (3 days ago) in [[Daily/2026-11-20]]: Send \\[\\[Marcus Chen\\]\\] the deck*\n"));
    vault.kith(&["report"]).assert().code(0);
    assert_eq!(
        vault.read("Daily/2026-11-20.md"),
        "# Friday\n\n- [x] 2026-11-21 Send [[Marcus Chen]] the deck\n"
    );
}

#[test]
fn a_link_obsidian_rewrote_to_the_shortest_form_still_finds_the_person() {
    let vault = vault();
    vault.kith(&["report"]).assert().code(0);
    let report = report_file(&vault).replace(
        "- [ ] [[people/Priya Raman|Priya Raman]]",
        "- [x] [[Priya Raman]]",
    );
    vault.write("Follow-ups.md", report);
    vault.kith(&["report"]).assert().code(0);
    assert!(vault.read("people/Priya Raman.md").contains("Checked off"));
}

#[test]
fn undo_takes_a_recorded_tick_back() {
    let vault = vault();
    let before = vault.read("people/Marcus Chen.md");
    vault.kith(&["report"]).assert().code(0);
    tick(&vault, "[[people/Marcus Chen|", "");
    vault.kith(&["report"]).assert().code(0);
    let list = vault.stdout(&["undo", "--list"], 0);
    assert!(
        list.contains("kith report (ticks in Follow-ups.md)"),
        "{list}"
    );
    vault.kith(&["undo"]).assert().code(0);
    assert_eq!(vault.read("people/Marcus Chen.md"), before);
}

#[test]
fn concurrent_kith_processes_record_a_tick_exactly_once() {
    let vault = vault();
    vault.kith(&["report"]).assert().code(0);
    tick(&vault, "[[people/Marcus Chen|", "");
    let mut children: Vec<std::process::Child> = (0..6)
        .map(|i| {
            let args: &[&str] = match i % 3 {
                0 => &["report"],
                1 => &["list", "--overdue"],
                _ => &["log", "Marcus Chen", "Voice note"],
            };
            vault
                .process(args)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in &mut children {
        assert!(child.wait().unwrap().success());
    }
    let marcus = vault.read("people/Marcus Chen.md");
    assert_eq!(
        marcus.matches("Checked off in Follow-ups").count(),
        1,
        "{marcus}"
    );
    assert_eq!(marcus.matches("Voice note").count(), 2, "{marcus}");
}

#[test]
fn done_logs_a_contact_and_refreshes_the_report() {
    let vault = vault();
    vault.kith(&["report"]).assert().code(0);
    vault
        .kith(&["done", "marcus chen"])
        .assert()
        .code(0)
        .stdout(
            "people/Marcus Chen.md:7: - 2026-11-24 Checked off in Follow-ups\n\
             Marcus Chen: due 2026-12-01 (in 7 days)\n",
        );
    assert!(section(&report_file(&vault), "Overdue").is_none());
    vault
        .kith(&["done", "Nadia Haddad", "Intro call"])
        .assert()
        .code(0);
    assert!(
        vault
            .read("people/Nadia Haddad.md")
            .ends_with("- 2026-11-24 Intro call\n")
    );
    assert!(!report_file(&vault).contains("Nadia"));
    vault.kith(&["done", "nobody"]).assert().code(2);
}

#[test]
fn snooze_changes_only_its_line_and_refreshes_the_report() {
    let vault = vault();
    let marcus = "\u{feff}---\r\n# who\r\nname: Marcus Chen\r\nsnooze_until: 2026-01-01 # old\r\ncadence: weekly\r\n---\r\n- 2026-11-10 Lunch\r\n";
    vault.person("Marcus Chen", marcus);
    vault.kith(&["report"]).assert().code(0);
    vault
        .kith(&["snooze", "Marcus Chen", "2w"])
        .assert()
        .code(0)
        .stdout(
            "people/Marcus Chen.md:4: snooze_until: 2026-12-08 # old\n\
             Marcus Chen: due 2026-12-08 (in 14 days)\n",
        );
    assert_eq!(
        vault.read("people/Marcus Chen.md"),
        marcus.replace("2026-01-01", "2026-12-08")
    );
    assert!(!report_file(&vault).contains("Marcus"));
    // Added where missing, with front matter where there is none.
    vault.person("Priya Raman", "# Priya\n- 2026-11-20 Call\n");
    vault
        .kith(&["snooze", "Priya Raman", "2027-01-05"])
        .assert()
        .code(0);
    assert_eq!(
        vault.read("people/Priya Raman.md"),
        "---\nsnooze_until: 2027-01-05\n---\n# Priya\n- 2026-11-20 Call\n"
    );
    vault
        .kith(&["snooze", "Nadia Haddad", "soon"])
        .assert()
        .code(2);
    vault.kith(&["undo"]).assert().code(0);
    assert_eq!(
        vault.read("people/Priya Raman.md"),
        "# Priya\n- 2026-11-20 Call\n"
    );
}
