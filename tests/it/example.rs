//! The shipped example vault: it reads as the README says, with exactly
//! its one deliberate problem.

use std::path::Path;

use crate::util::TestVault;

/// A copy of `example-vault/` in a temporary folder, so tests never write
/// into the repository.
fn example_copy() -> TestVault {
    let vault = TestVault::empty();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-vault");
    for entry in walkdir::WalkDir::new(&source) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&source).unwrap();
        let target = vault.path().join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else if rel != Path::new("Follow-ups.md") {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    vault
}

/// What the README shows after `command` (a `$ …` line), up to the end
/// of its code block.
fn readme_block(command: &str) -> String {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    readme
        .split(command)
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap_or_else(|| panic!("the README shows {command:?}"))
        .to_string()
}

#[test]
fn example_vault_check_lists_the_deliberate_problem_with_its_line() {
    let vault = example_copy();
    vault
        .kith(&["check"])
        .assert()
        .code(1)
        .stdout(
            "people/Olu Adeyemi.md:9: last_contact: '2026-11-31' is not a date (use YYYY-MM-DD)\n",
        )
        .stderr("13 notes, 1 problem\n");
}

#[test]
fn readme_check_output_is_the_real_output() {
    let block = readme_block("$ kith --vault example-vault check\n");
    let vault = example_copy();
    let output = vault.kith(&["check"]).output().unwrap();
    let shown = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(block, shown);
}

#[test]
fn example_vault_report_has_every_section() {
    let vault = example_copy();
    let report = vault.report();
    for title in [
        "## Overdue (4)",
        "## Due in the next 7 days (1)",
        "## Never contacted (1)",
        "## Open follow-ups (4)",
        "## Birthdays in the next 14 days (2)",
        "## Problems (1)",
    ] {
        assert!(report.contains(title), "missing {title}\n{report}");
    }
    assert!(!report.contains("Robert Blake"), "archived person shown");
    assert!(!report.contains("Leo Park"), "snoozed person shown");
}

#[test]
fn readme_json_of_a_person_is_the_real_output() {
    let block = readme_block("$ kith show marcus --json | jq\n");
    let shown: serde_json::Value = serde_json::from_str(&block).unwrap();
    let vault = example_copy();
    // As in the README, Marcus's coffee is logged first.
    vault
        .kith(&[
            "log",
            "Marcus Chen",
            "Coffee; he is sending two founders in December",
        ])
        .assert()
        .code(0);
    let json = vault.stdout(&["show", "marcus", "--json"], 0);
    let actual: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(shown, actual);
}
