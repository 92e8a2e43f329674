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
    vault
        .kith(&["show", "ada"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "kith: 'ada' could be 2 people; name one by its full name or path:\n  \
         Ada King  (people/Ada King.md)\n  Ada Lovelace  (people/Ada Lovelace.md)\n",
        );
    vault.person("work/Ada King", "---\nname: Ada King\n---\n");
    let before = vault.snapshot("");
    vault
        .kith(&["log", "ada king", "Call"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "kith: 'ada king' could be 2 people; name one by its full name or path:\n  \
             Ada King  (people/Ada King.md)\n  Ada King  (people/work/Ada King.md)\n",
        );
    assert_eq!(before, vault.snapshot(""), "an ambiguous log wrote");
}

#[test]
fn log_needs_the_whole_name_and_suggests_the_people_it_starts() {
    let vault = TestVault::new();
    vault.person("Anna", "---\nname: Anna Schmidt\n---\n");
    let before = vault.snapshot("");
    for start in ["s", "ann"] {
        vault.kith(&["log", start, "x"]).assert().code(2).stdout("").stderr(format!(
            "kith: no person is called '{start}' (to change a note, give the full name or a whole \
             word of it, an alias, the file name or the path); did you mean:\n  \
             Anna Schmidt  (people/Anna.md)\n"
        ));
    }
    assert_eq!(before, vault.snapshot(""), "a log by a prefix wrote");
    assert_eq!(shown_path(&vault, "s"), "people/Anna.md");
    vault.stdout(&["log", "anna schmidt", "x"], 0);
    vault.stdout(&["log", "ANNA", "y"], 0);
    assert!(
        vault
            .read("people/Anna.md")
            .contains("- 2026-11-24 y\n- 2026-11-24 x\n")
    );
}

#[test]
fn names_from_notes_are_printed_without_control_characters() {
    let vault = TestVault::new();
    vault.person(
        "a",
        "---\nname: \"Sam\\e]0;owned\\a\"\naliases: [Cy]\n---\n",
    );
    vault.person("b", "---\nname: \"Sam\\e]0;owned\\a\"\n---\n");
    vault.person("Bo\u{1b}[2J", "---\nname: Bo\n---\n");
    for (args, code) in [
        (&["show", "sam"][..], 2),
        (&["log", "sa", "x"], 2),
        (&["show", "b\u{1b}"], 2),
        (&["new", "Bo"], 2),
        (&["new", "Cy"], 0),
    ] {
        let output = vault.kith(args).output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(
            !stderr.chars().any(|c| c.is_control() && c != '\n'),
            "{args:?}: {stderr:?}"
        );
    }
    vault
        .kith(&["show", "sam"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("\n  Sam  (people/a.md)\n"));
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
