//! The shipped example vault: it reads as the README says, with exactly
//! its one deliberate problem and its one hint.

use std::path::Path;

use crate::util::{TestVault, added_lines, readme_block};

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
            "people/Olu Adeyemi.md:9: last_contact: '2026-11-31' is not a date (use YYYY-MM-DD)\n\
             people/Olu Adeyemi.md:1: hint: Olu Adeyemi matters most (priority A) and has no \
             purpose: a clear purpose is the base of the connection; say in 'purpose:' why this \
             relationship matters\n",
        )
        .stderr("13 notes, 1 problem, 1 hint\n");
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
        "## Not taken out this year (3)",
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

/// What the README shows after each `$ command` line of `block`, in order.
fn outputs(block: &str) -> Vec<(String, String)> {
    let mut steps: Vec<(String, String)> = Vec::new();
    for line in block.lines() {
        match line.strip_prefix("$ ") {
            Some(command) => steps.push((command.to_string(), String::new())),
            None => {
                if let Some((_, output)) = steps.last_mut() {
                    output.push_str(line);
                    output.push('\n');
                }
            }
        }
    }
    steps
}

/// The README's code block that starts with `first`, whole.
fn readme_code_block(first: &str) -> String {
    format!("{first}{}", readme_block(first))
}

/// Runs one README step (`kith …` or `grep PATTERN Follow-ups.md`) in the
/// vault and returns what it prints, stdout then stderr.
fn run_step(vault: &TestVault, command: &str) -> String {
    if let Some(pattern) = command.strip_prefix("grep \"") {
        let pattern = pattern.trim_end_matches("\" Follow-ups.md");
        return vault
            .read("Follow-ups.md")
            .lines()
            .filter(|line| line.contains(pattern))
            .map(|line| format!("{line}\n"))
            .collect();
    }
    let words = shell_words(command.strip_prefix("kith ").unwrap());
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let output = vault.kith(&words).output().unwrap();
    assert!(output.status.success(), "{command}: {output:?}");
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Words of a command line with double-quoted parts.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

#[test]
fn readme_ticking_tour_is_the_real_output() {
    let vault = example_copy();
    let before = readme_code_block("$ kith report\nwrote Follow-ups.md\n$ grep");
    for (command, shown) in outputs(&before) {
        assert_eq!(run_step(&vault, &command), shown, "{command}");
    }
    // The tick, as the README shows it typed.
    let ticked = readme_code_block("- [x] [[people/Marcus Chen|");
    let ticked = ticked.trim_end();
    let report = vault.read("Follow-ups.md");
    let unticked = ticked
        .replacen("- [x] ", "- [ ] ", 1)
        .split(" — ")
        .next()
        .unwrap()
        .to_string();
    assert!(report.contains(&format!("{unticked}\n")), "{report}");
    vault.write("Follow-ups.md", report.replacen(&unticked, ticked, 1));
    let after = readme_code_block("$ kith report\nrecorded ");
    let snooze = readme_code_block("$ kith snooze ");
    for (command, shown) in outputs(&after).into_iter().chain(outputs(&snooze)) {
        assert_eq!(run_step(&vault, &command), shown, "{command}");
    }
    assert_eq!(
        vault
            .read("people/Marcus Chen.md")
            .matches("called, two founders")
            .count(),
        1
    );
}

#[test]
fn readme_report_lines_are_the_real_report_lines() {
    let block = readme_block("$ kith --vault example-vault report --stdout\n");
    let report = example_copy().report();
    let lines: Vec<&str> = report.lines().collect();
    for line in block.lines().filter(|line| *line != "…") {
        assert!(lines.contains(&line), "not in the report: {line}\n{report}");
    }
}

#[test]
fn readme_daily_note_tour_is_the_real_output() {
    let vault = example_copy();
    let daily = readme_code_block("# Saturday\n");
    vault.write("Journal/2026-11-21.md", &daily);
    let tour = readme_code_block("$ kith search --overdue \"*\"\n");
    let steps = outputs(&tour);
    assert!(steps.len() >= 5, "{tour}");
    for (command, shown) in steps {
        assert_eq!(run_step(&vault, &command), shown, "{command}");
    }
    // Grace is overdue before the daily note is saved.
    std::fs::remove_file(vault.path().join("Journal/2026-11-21.md")).unwrap();
    let overdue = vault.stdout(&["search", "--overdue", "*"], 0);
    assert!(overdue.contains("Grace Hopper"), "{overdue}");
}

#[test]
fn readme_relationship_tour_is_the_real_output() {
    let vault = example_copy();
    let blocks = [
        readme_code_block("$ kith share sailing\nNAME"),
        readme_code_block("$ kith intros\nINTRODUCE"),
        readme_code_block("$ kith log \"Tomás Álvarez\" --them"),
    ];
    let before = vault.snapshot("people");
    for block in &blocks {
        for (command, shown) in outputs(block) {
            assert_eq!(run_step(&vault, &command), shown, "{command}");
        }
    }
    // The lines promised, and nothing else: each note holds its old lines
    // in order, with only these between them.
    let after = vault.snapshot("people");
    let mut added: Vec<String> = Vec::new();
    for (path, bytes) in &after {
        let old = String::from_utf8(before[path].clone()).unwrap();
        added.extend(added_lines(
            &old,
            &String::from_utf8(bytes.clone()).unwrap(),
        ));
    }
    added.sort();
    assert_eq!(
        added,
        [
            "",
            "## Log",
            "- 2026-11-24 Introduced to [[Nadia Haddad]] — her clients are raising seed rounds",
            "- 2026-11-24 Introduced to [[Priya Raman]] — her clients are raising seed rounds",
            "- 2026-11-24 Shared: Piece on the economics of the America's Cup",
            "- 2026-11-24 Shared: Piece on the economics of the America's Cup",
            "- 2026-11-24 ← Called about the board deck template",
        ]
    );
}
