//! The shipped example vault: it reads as the README says, with exactly
//! its one deliberate problem.

use std::path::Path;

use crate::util::{TestVault, readme_block};

/// A copy of `example-vault/` (without the report it ships) in a
/// temporary folder, so tests never write into the repository.
fn example_copy() -> TestVault {
    let vault = TestVault::copy_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("example-vault"));
    let report = vault.path().join("Follow-ups.md");
    if report.exists() {
        std::fs::remove_file(report).unwrap();
    }
    vault
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

#[test]
fn readme_log_and_show_by_a_first_name_are_the_real_output() {
    let block = readme_block("```console\n$ kith log marcus");
    let vault = example_copy();
    let before = vault.snapshot("people");
    let text = "Coffee; he is sending two founders in December";
    let logged = vault.stdout(&["log", "marcus", text], 0);
    let shown = vault.stdout(&["show", "marcus"], 0);
    assert_eq!(
        format!("$ kith log marcus{block}"),
        format!("$ kith log marcus \"{text}\"\n{logged}$ kith show marcus\n{shown}")
    );
    let after = vault.snapshot("people");
    let changed: Vec<_> = after
        .keys()
        .filter(|path| before.get(*path) != after.get(*path))
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].ends_with("Marcus Chen.md"));
}
