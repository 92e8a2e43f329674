//! Notes that try to break kith: each must end as a problem or a correct
//! person, never a panic, and never be modified.

use predicates::prelude::*;

use crate::util::{TestVault, section};

/// Runs check and report on the vault; neither may crash or touch a note.
fn survive(vault: &TestVault) -> (String, String) {
    let before = vault.snapshot("people");
    let check = vault.kith(&["check"]).output().unwrap();
    assert!(
        matches!(check.status.code(), Some(0 | 1)),
        "check crashed: {}",
        String::from_utf8_lossy(&check.stderr)
    );
    let report = vault.report();
    vault.kith(&["report"]).assert().code(0);
    assert_eq!(
        before,
        vault.snapshot("people"),
        "a person note was modified"
    );
    (String::from_utf8(check.stdout).unwrap(), report)
}

#[test]
fn broken_yaml_is_a_problem_and_the_log_still_counts() {
    let vault = TestVault::new();
    vault.person(
        "Broken",
        "---\nname: Broken\ntags: [a, b\ncadence: weekly\n---\n- 2026-11-01 Call\n",
    );
    let (check, report) = survive(&vault);
    assert!(check.starts_with("people/Broken.md:"), "{check}");
    assert!(check.contains("not valid YAML"), "{check}");
    assert!(section(&report, "Problems (1)").is_some(), "{report}");
}

#[test]
fn unterminated_front_matter_is_reported_on_line_one() {
    let vault = TestVault::new();
    vault.person(
        "Open",
        "---\nname: Open\ncadence: weekly\n\n# Open\n- 2026-11-01 Call\n",
    );
    let (check, _) = survive(&vault);
    assert!(
        check.starts_with("people/Open.md:1: front matter opened with '---' is never closed"),
        "{check}"
    );
}

#[test]
fn empty_file_is_a_person_named_after_the_file_and_check_says_it_is_empty() {
    let vault = TestVault::new();
    vault.person("Empty Person", "");
    vault.person("Blank", "\u{feff}\r\n  \n");
    vault.write(".kith/config.yaml", "default_cadence: monthly\n");
    let (check, report) = survive(&vault);
    let empty = "the note is empty, so it is a person named after the file and nothing more; \
                 write who they are, or delete it";
    assert_eq!(
        check,
        format!("people/Blank.md:1: {empty}\npeople/Empty Person.md:1: {empty}\n")
    );
    assert!(
        section(&report, "Never contacted")
            .unwrap()
            .contains("[[people/Empty Person|Empty Person]]"),
        "{report}"
    );
}

#[test]
fn non_utf8_note_is_skipped_with_a_problem() {
    let vault = TestVault::new();
    vault.person("Latin1", b"---\nname: Jos\xe9\n---\n".as_slice());
    vault.person("Ada", "---\ncadence: weekly\n---\n- 2026-11-01 Call\n");
    let (check, report) = survive(&vault);
    assert!(
        check.starts_with("people/Latin1.md:2: not UTF-8 (byte 0xE9)"),
        "{check}"
    );
    assert!(report.contains("[[people/Ada|Ada]]"), "{report}");
}

#[test]
fn binary_file_with_md_extension_is_a_problem() {
    let vault = TestVault::new();
    let mut bytes = vec![0u8, 159, 146, 150];
    bytes.extend((0..=255u8).cycle().take(4096));
    vault.person("Binary", bytes);
    let (check, _) = survive(&vault);
    assert!(check.contains("people/Binary.md:1: not UTF-8"), "{check}");
}

#[test]
fn bom_and_crlf_note_reads_like_any_other() {
    let vault = TestVault::new();
    vault.person(
        "Windows",
        "\u{feff}---\r\nname: Windows User\r\ncadence: weekly\r\n---\r\n# W\r\n\r\n## Log\r\n- 2026-11-01 Call\r\n- [ ] 2026-11-02 Send notes\r\n",
    );
    let (check, report) = survive(&vault);
    assert_eq!(check, "");
    assert!(
        report.contains(
            "- [ ] [[people/Windows|Windows User]] *16 days overdue · weekly · last 2026-11-01: Call*"
        ),
        "{report}"
    );
    assert!(
        report.contains("[[people/Windows|Windows User]] *2026-11-02 (22 days ago): Send notes*"),
        "{report}"
    );
}

#[test]
fn names_with_pipes_brackets_and_slashes_cannot_break_an_item() {
    let vault = TestVault::new();
    vault.person(
        "Pipe",
        "---\nname: \"A | B ]] [[Evil]] / C\"\ncadence: weekly\n---\n- 2026-11-01 Said \"x | y\" and [[link]] #tag\n",
    );
    vault.person("Bar|Name", "---\ncadence: weekly\n---\n- 2026-11-01 Call\n");
    let (_, report) = survive(&vault);
    let overdue = section(&report, "Overdue (2)").unwrap();
    let items: Vec<&str> = overdue
        .lines()
        .filter(|l| l.starts_with("- [ ] "))
        .collect();
    assert_eq!(items.len(), 2, "{overdue}");
    for line in items {
        assert!(line.ends_with('*'), "{line}");
        assert!(!line.contains("[[Evil"), "{line}");
        assert!(!line.contains("[[link"), "{line}");
    }
    assert!(
        overdue.contains("[A \\| B \\]\\] \\[\\[Evil\\]\\] / C](people/Pipe.md)"),
        "{overdue}"
    );
    assert!(
        overdue.contains("[Bar\\|Name](people/Bar%7CName.md)"),
        "{overdue}"
    );
    assert!(
        overdue.contains("Said \"x \\| y\" and \\[\\[link\\]\\] \\#tag"),
        "{overdue}"
    );
}

#[test]
fn log_line_in_a_fenced_code_block_does_not_count() {
    let vault = TestVault::new();
    vault.person(
        "Coder",
        "---\ncadence: weekly\n---\n## Log\n- 2026-10-01 Call\n\n```\n- 2026-11-23 not a log entry\n```\n\n> - 2026-11-22 quoted\n",
    );
    let (_, report) = survive(&vault);
    assert!(
        section(&report, "Overdue")
            .unwrap()
            .contains("*47 days overdue · weekly · last 2026-10-01: Call*"),
        "{report}"
    );
}

#[test]
fn five_megabyte_note_is_read() {
    let vault = TestVault::new();
    let mut note = String::from("---\ncadence: weekly\n---\n# Big\n\n## Log\n- 2026-11-01 First\n");
    let filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ";
    while note.len() < 5 * 1024 * 1024 {
        note.push_str(filler);
        note.push('\n');
    }
    note.push_str("\n- 2026-11-10 Last\n");
    vault.person("Big", note);
    let (check, report) = survive(&vault);
    assert_eq!(check, "");
    assert!(
        report.contains("*7 days overdue · weekly · last 2026-11-10: Last*"),
        "{report}"
    );
}

#[test]
fn odd_values_are_problems_not_crashes() {
    let vault = TestVault::new();
    vault.person(
        "Odd",
        "---\nname: [[a, b], c]\ntags: {x: 1}\ncadence: 0d\nbirthday: 02-30\narchived: perhaps\nsnooze_until: tomorrow\nemail: [[a, b]]\n? [complex, key]\n: value\n---\n",
    );
    vault.person("List", "---\n- just\n- a list\n---\n");
    vault.person("Scalar", "---\njust text\n---\n");
    vault.person(
        "Deep",
        format!("---\nx: {}1{}\n---\n", "[".repeat(200), "]".repeat(200)),
    );
    let (check, _) = survive(&vault);
    for expected in [
        "people/Odd.md:2:",
        "people/Odd.md:3:",
        "people/Odd.md:4:",
        "people/Odd.md:5:",
        "people/Odd.md:6:",
        "people/Odd.md:7:",
        "people/List.md:2:",
        "people/Scalar.md:2:",
    ] {
        assert!(check.contains(expected), "missing {expected}\n{check}");
    }
}

#[test]
fn deep_folders_and_hidden_folders() {
    let vault = TestVault::new();
    let deep = (0..40)
        .map(|i| format!("d{i}"))
        .collect::<Vec<_>>()
        .join("/");
    vault.write(
        &format!("people/{deep}/Deep.md"),
        "---\ncadence: weekly\n---\n- 2026-11-01 Call\n",
    );
    vault.write(
        "people/.trash/Trashed.md",
        "---\ncadence: weekly\n---\n- 2020-11-01 Call\n",
    );
    vault.write(
        "people/.hidden.md",
        "---\ncadence: weekly\n---\n- 2020-11-01 Call\n",
    );
    vault.write("people/notes.txt", "not markdown");
    let (_, report) = survive(&vault);
    assert!(report.contains("Deep"), "{report}");
    assert!(!report.contains("Trashed"), "{report}");
    assert!(!report.contains("hidden"), "{report}");
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_vault_are_not_followed() {
    let vault = TestVault::new();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("Secret.md"),
        "---\ncadence: weekly\n---\n- 2020-01-01 x\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("Secret.md"),
        vault.path().join("people/Secret.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), vault.path().join("people/outside")).unwrap();
    vault.person("Inside", "---\ncadence: weekly\n---\n- 2026-11-01 Call\n");
    std::os::unix::fs::symlink(
        vault.path().join("people/Inside.md"),
        vault.path().join("people/Alias.md"),
    )
    .unwrap();
    let (check, report) = survive(&vault);
    assert!(
        check.contains("people/Secret.md:1: symbolic link leads outside the vault"),
        "{check}"
    );
    assert!(!report.contains("2020-01-01"), "{report}");
    assert!(report.contains("[[people/Alias|Alias]]"), "{report}");
}

#[cfg(unix)]
#[test]
fn writes_never_follow_a_people_folder_linking_out_of_the_vault() {
    let vault = TestVault::new();
    let outside = tempfile::tempdir().unwrap();
    std::fs::remove_dir(vault.path().join("people")).unwrap();
    std::os::unix::fs::symlink(outside.path(), vault.path().join("people")).unwrap();
    let card = vault.write("in/m.vcf", "BEGIN:VCARD\nFN:Mallory\nEND:VCARD\n");
    let card = card.to_str().unwrap();
    for args in [
        &["new", "Mallory"][..],
        &["import", "vcard", card],
        &["import", "vcard", "--merge", card],
    ] {
        vault
            .kith(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::starts_with(
                "kith: the people folder people leads outside the vault",
            ));
    }
    let left: Vec<_> = std::fs::read_dir(outside.path()).unwrap().collect();
    assert!(left.is_empty(), "written outside the vault: {left:?}");
}
