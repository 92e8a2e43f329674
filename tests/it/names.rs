//! NAME on the command line: names, aliases and file names, ignoring case
//! and accents; ambiguous names list candidates, unknown ones suggest.

use predicates::prelude::*;

use crate::util::TestVault;

fn people() -> TestVault {
    let vault = TestVault::new();
    vault.person(
        "Ada Lovelace",
        "---\naliases: [Countess of Lovelace]\n---\n",
    );
    vault.person("Ada King", "---\nname: Ada King\n---\n");
    vault.person("zoe", "---\nname: Zoë Müller\n---\n");
    vault.person("A|B", "---\nname: \"A | B\"\n---\n");
    vault
}

/// The path `kith show NAME` finds (its second line).
fn shown_path(vault: &TestVault, name: &str) -> String {
    let out = vault.stdout(&["show", name], 0);
    out.lines().nth(1).unwrap_or_default().to_string()
}

#[test]
fn accents_and_case_do_not_matter() {
    let vault = people();
    assert_eq!(shown_path(&vault, "zoe muller"), "people/zoe.md");
    assert_eq!(shown_path(&vault, "ZOË MÜLLER"), "people/zoe.md");
    assert_eq!(shown_path(&vault, "müller"), "people/zoe.md");
}

#[test]
fn aliases_file_names_and_paths_resolve() {
    let vault = people();
    assert_eq!(
        shown_path(&vault, "countess of lovelace"),
        "people/Ada Lovelace.md"
    );
    assert_eq!(shown_path(&vault, "ZOE"), "people/zoe.md");
    assert_eq!(
        shown_path(&vault, "people/Ada King.md"),
        "people/Ada King.md"
    );
    assert_eq!(shown_path(&vault, "a|b"), "people/A|B.md");
    assert_eq!(shown_path(&vault, "a | b"), "people/A|B.md");
}

#[test]
fn ambiguous_name_lists_the_candidates_with_paths() {
    let vault = people();
    let before = vault.snapshot("");
    for command in ["show", "log"] {
        let mut args = vec![command, "ada"];
        if command == "log" {
            args.push("Call");
        }
        vault.kith(&args).assert().code(2).stdout("").stderr(
            "kith: 'ada' could be 2 people; name one by its full name or path:\n  \
             Ada King  (people/Ada King.md)\n  Ada Lovelace  (people/Ada Lovelace.md)\n",
        );
    }
    assert_eq!(before, vault.snapshot(""), "an ambiguous log wrote");
}

#[test]
fn unknown_name_suggests_close_names() {
    let vault = people();
    vault
        .kith(&["show", "Ada Lovelase"])
        .assert()
        .code(2)
        .stderr(
            "kith: no person is called 'Ada Lovelase'; did you mean:\n  \
             Ada Lovelace  (people/Ada Lovelace.md)\n",
        );
    vault
        .kith(&["show", "Zeo"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Zoë Müller  (people/zoe.md)"));
    vault
        .kith(&["show", "Nobody At All"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`kith list` shows everyone"));
}
