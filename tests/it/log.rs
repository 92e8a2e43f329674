//! `kith log`: the added line is the only change, byte for byte, in the
//! right place; the write is atomic, keeps modes and refuses bad input.

use predicates::prelude::*;

use crate::util::TestVault;

/// Logs `Call` on TODAY to the note `people/{file}.md` holding `before`,
/// by `name`, and checks the whole file is then exactly `after` and that
/// the printed line is `line_number`.
fn assert_log(file: &str, name: &str, before: &str, after: &str, line_number: usize) {
    let vault = TestVault::new();
    vault.person(file, before);
    let out = vault.stdout(&["log", name, "Call"], 0);
    let first = out.lines().next().unwrap_or_default();
    let line = after.split_inclusive('\n').nth(line_number - 1).unwrap();
    assert_eq!(
        first,
        format!("people/{file}.md:{line_number}: {}", line.trim_end()),
        "{out}"
    );
    let written = std::fs::read(vault.path().join(format!("people/{file}.md"))).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&written),
        after,
        "only the new line may change"
    );
    assert_eq!(written, after.as_bytes());
}

#[test]
fn crlf_note_keeps_line_endings_after_log() {
    assert_log(
        "Crlf",
        "crlf",
        "---\r\nname: Crlf\r\n---\r\n# Crlf\r\n\r\n## Log\r\n- 2026-11-02 Coffee\r\n",
        "---\r\nname: Crlf\r\n---\r\n# Crlf\r\n\r\n## Log\r\n- 2026-11-24 Call\r\n- 2026-11-02 Coffee\r\n",
        7,
    );
}

#[test]
fn bom_is_kept_after_log() {
    assert_log(
        "Bom",
        "bom",
        "\u{feff}---\nname: Bom\n---\n## Log\n- 2026-11-02 Coffee\n",
        "\u{feff}---\nname: Bom\n---\n## Log\n- 2026-11-24 Call\n- 2026-11-02 Coffee\n",
        5,
    );
}

#[test]
fn missing_final_newline_stays_missing() {
    assert_log(
        "NoEol",
        "noeol",
        "## Log\n- 2026-12-02 Planned lunch",
        "## Log\n- 2026-12-02 Planned lunch\n- 2026-11-24 Call",
        3,
    );
}

#[test]
fn missing_log_section_is_added_at_the_end() {
    assert_log(
        "NoLog",
        "nolog",
        "---\nname: NoLog\ncadence: weekly\n---\n# NoLog\n\nMet at a conference.\n",
        "---\nname: NoLog\ncadence: weekly\n---\n# NoLog\n\nMet at a conference.\n\n## Log\n- 2026-11-24 Call\n",
        10,
    );
}

#[test]
fn log_between_other_sections_keeps_them() {
    assert_log(
        "Middle",
        "middle",
        "# Middle\n\n## About\nLikes sailing.\n\n## Log\n\n- 2026-11-02 Coffee\n\n## Ideas\n- 2026-12-01 idea, not a log entry\n",
        "# Middle\n\n## About\nLikes sailing.\n\n## Log\n\n- 2026-11-24 Call\n- 2026-11-02 Coffee\n\n## Ideas\n- 2026-12-01 idea, not a log entry\n",
        8,
    );
}

#[test]
fn headings_style_log_gets_a_dated_heading() {
    assert_log(
        "Headings",
        "headings",
        "## Log\n\n### 2026-11-02 Coffee\nShe is hiring.\n\n### 2026-09-14 Call\nBoard seat.\n",
        "## Log\n\n### 2026-11-24 Call\n### 2026-11-02 Coffee\nShe is hiring.\n\n### 2026-09-14 Call\nBoard seat.\n",
        3,
    );
}

#[test]
fn front_matter_comments_and_quoting_are_untouched() {
    let front = "---\n# who this is\nname:   'Odd ''Quote'''   # nickname\ntags: [ a,  \"b\" ]\ncadence: \"monthly\"\nempty:\n---\n";
    assert_log(
        "Odd",
        "odd 'quote'",
        &format!("{front}## Log\n- 2026-11-02 Coffee\n"),
        &format!("{front}## Log\n- 2026-11-24 Call\n- 2026-11-02 Coffee\n"),
        9,
    );
}

#[test]
fn log_heading_inside_a_code_block_is_not_the_log() {
    assert_log(
        "Fenced",
        "fenced",
        "# Fenced\n\n```markdown\n## Log\n- 2026-01-01 example\n```\n",
        "# Fenced\n\n```markdown\n## Log\n- 2026-01-01 example\n```\n\n## Log\n- 2026-11-24 Call\n",
        9,
    );
}

#[test]
fn empty_file_gets_a_log_section() {
    assert_log("Empty", "empty", "", "## Log\n- 2026-11-24 Call\n", 2);
}

#[test]
fn a_file_holding_only_a_bom_is_logged_to_like_an_empty_one() {
    assert_log(
        "Bom",
        "bom",
        "\u{feff}",
        "\u{feff}## Log\n- 2026-11-24 Call\n",
        2,
    );
}

#[test]
fn name_with_pipe_and_accents_in_a_crlf_note() {
    assert_log(
        "Zoë | Müller",
        "ZOE | MULLER",
        "---\r\nname: Zoë | Müller\r\n---\r\n## Log\r\n- [[2026-11-02]] Coffee\r\n",
        "---\r\nname: Zoë | Müller\r\n---\r\n## Log\r\n- [[2026-11-24]] Call\r\n- [[2026-11-02]] Coffee\r\n",
        5,
    );
}

#[test]
fn past_date_lands_in_sorted_place_below_planned_entries() {
    let vault = TestVault::new();
    let path = vault.person(
        "Ada",
        "---\ncadence: monthly\n---\n## Log\n- 2026-12-05 Dinner (planned)\n- 2026-11-02 Coffee\n- [ ] 2026-10-20 Send paper\n- 2026-09-14 Call\n",
    );
    vault
        .kith(&["log", "ada", "Board meeting", "--date", "2026-10-01"])
        .assert()
        .code(0)
        .stdout("people/Ada.md:8: - 2026-10-01 Board meeting\nAda: due 2026-12-02 (in 8 days)\n");
    vault
        .kith(&["log", "ada", "Lunch"])
        .assert()
        .code(0)
        .stdout("people/Ada.md:6: - 2026-11-24 Lunch\nAda: due 2026-12-24 (in 30 days)\n");
    vault
        .kith(&["log", "ada", "Second call today"])
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(path).unwrap(),
        "---\ncadence: monthly\n---\n## Log\n- 2026-12-05 Dinner (planned)\n- 2026-11-24 Second call today\n- 2026-11-24 Lunch\n- 2026-11-02 Coffee\n- [ ] 2026-10-20 Send paper\n- 2026-10-01 Board meeting\n- 2026-09-14 Call\n"
    );
}

#[test]
fn text_with_a_newline_is_refused_and_nothing_changes() {
    let vault = TestVault::new();
    vault.person("Ada", "## Log\n- 2026-11-02 Coffee\n");
    let before = vault.snapshot("");
    for text in ["two\nlines", "carriage\rreturn", "escape \u{1b}[31m", "   "] {
        vault
            .kith(&["log", "Ada", text])
            .assert()
            .code(2)
            .stderr(predicate::str::starts_with(
                "kith: nothing written to people/Ada.md: the log text",
            ));
    }
    assert_eq!(before, vault.snapshot(""));
}

#[test]
fn bad_date_is_refused() {
    let vault = TestVault::new();
    vault.person("Ada", "");
    vault
        .kith(&["log", "Ada", "x", "--date", "2026-02-30"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "'2026-02-30' is not a date (use YYYY-MM-DD, years 0001 to 9999)",
        ));
    assert_eq!(vault.read("people/Ada.md"), "");
}

#[test]
fn read_only_note_is_refused_and_leaves_no_temporary_file() {
    let vault = TestVault::new();
    let path = vault.person("Ada", "## Log\n- 2026-11-02 Coffee\n");
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions).unwrap();
    // Even root, who may write anything, is refused: kith checks the mode.
    let before = vault.snapshot("");
    vault
        .kith(&["log", "Ada", "Call"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("kith: cannot write people/Ada.md: it is read-only; make it writable to let kith change it\n");
    assert_eq!(
        before,
        vault.snapshot(""),
        "a file was changed or left behind"
    );
    assert!(std::fs::metadata(&path).unwrap().permissions().readonly());
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let vault = TestVault::new();
    let path = vault.person("Ada", "");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    vault.kith(&["log", "Ada", "Call"]).assert().code(0);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    assert_eq!(vault.read("people/Ada.md"), "## Log\n- 2026-11-24 Call\n");
}

#[cfg(unix)]
#[test]
fn a_linked_note_is_written_through_and_stays_a_link() {
    let vault = TestVault::new();
    let real = vault.write("notes/Real.md", "---\nname: Linked\n---\n");
    std::os::unix::fs::symlink(&real, vault.path().join("people/Linked.md")).unwrap();
    vault.kith(&["log", "linked", "Call"]).assert().code(0);
    let link = vault.path().join("people/Linked.md");
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert_eq!(
        vault.read("notes/Real.md"),
        "---\nname: Linked\n---\n\n## Log\n- 2026-11-24 Call\n"
    );
}

#[test]
fn a_note_ending_in_an_open_code_block_is_left_alone() {
    let vault = TestVault::new();
    vault.person("Ada", "# Ada\n```\nunclosed code\n");
    let before = vault.snapshot("");
    vault
        .kith(&["log", "Ada", "Call"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("add it by hand"));
    assert_eq!(before, vault.snapshot(""));
}

#[test]
fn log_to_an_unknown_person_writes_nothing() {
    let vault = TestVault::new();
    vault.person("Ada Lovelace", "");
    let before = vault.snapshot("");
    vault
        .kith(&["log", "Grace", "Call"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "kith: no person is called 'Grace'",
        ));
    assert_eq!(before, vault.snapshot(""));
}
