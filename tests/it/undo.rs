//! `kith undo`: the last command's writes are put back byte for byte where
//! the notes are as it left them; a note changed since is named and kept.

use predicates::prelude::*;

use crate::util::TestVault;

/// A note with a BOM, CRLF line endings and odd front matter: undo must
/// give back exactly these bytes.
const ADA: &str = "\u{feff}---\r\nname:  'Ada Lovelace'   # the countess\r\ncadence: weekly\r\n---\r\n# Ada\r\n\r\n## Log\r\n- 2026-09-01 First met\r\n";

fn log(vault: &TestVault, text: &str) {
    vault.kith(&["log", "Ada Lovelace", text]).assert().code(0);
}

#[test]
fn undo_after_log_gives_back_the_note_byte_for_byte() {
    let vault = TestVault::new();
    vault.person("Ada Lovelace", ADA);
    log(&vault, "Coffee; talked about engines");
    log(&vault, "Second coffee");
    vault
        .kith(&["undo"])
        .assert()
        .code(0)
        .stdout("reverted people/Ada Lovelace.md\n")
        .stderr(predicate::str::starts_with(
            "undid `kith log 'Ada Lovelace' 'Second coffee' --date 2026-11-24` of ",
        ));
    assert!(
        !vault
            .read("people/Ada Lovelace.md")
            .contains("Second coffee")
    );
    vault.kith(&["undo"]).assert().code(0);
    assert_eq!(vault.read("people/Ada Lovelace.md"), ADA);
    vault
        .kith(&["undo"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with("kith: nothing to undo"));
}

#[test]
fn undo_after_new_removes_the_note_it_made() {
    let vault = TestVault::new();
    let path = vault.stdout(&["new", "Grace Hopper", "--org", "Navy"], 0);
    assert!(std::path::Path::new(path.trim()).is_file());
    vault
        .kith(&["undo"])
        .assert()
        .code(0)
        .stdout("removed people/Grace Hopper.md\n");
    assert!(!vault.path().join("people/Grace Hopper.md").exists());
    // Gone for search too.
    vault.kith(&["search", "navy"]).assert().code(1);
}

#[test]
fn undo_after_import_merge_reverts_every_note_it_wrote() {
    let vault = TestVault::new();
    let ada = "---\nname: Ada Lovelace\n---\n# Ada\n";
    let grace = "---\nname: Grace Hopper\nemail: grace@navy.example\n---\n";
    vault.person("Ada Lovelace", ada);
    vault.person("Grace Hopper", grace);
    let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nORG:Engines\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nEMAIL:grace@navy.example\r\nTITLE:Admiral\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alan Turing\r\nEND:VCARD\r\n";
    let file = vault.write("cards.vcf", card);
    vault
        .kith(&["import", "vcard", "--merge", file.to_str().unwrap()])
        .assert()
        .code(0);
    assert!(
        vault
            .read("people/Ada Lovelace.md")
            .contains("org: Engines")
    );
    assert!(
        vault
            .read("people/Grace Hopper.md")
            .contains("role: Admiral")
    );
    let list = vault.stdout(&["undo", "--list"], 0);
    assert!(list.contains("kith import vcard "), "{list}");
    assert!(
        list.contains("\n    changed people/Ada Lovelace.md\n"),
        "{list}"
    );
    assert!(
        list.contains("\n    created people/Alan Turing.md"),
        "{list}"
    );

    let undone = vault.kith(&["undo"]).assert().code(0).get_output().clone();
    let stdout = String::from_utf8(undone.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 3, "{stdout}");
    assert!(
        stdout.contains("removed people/Alan Turing.md\n"),
        "{stdout}"
    );
    assert_eq!(vault.read("people/Ada Lovelace.md"), ada);
    assert_eq!(vault.read("people/Grace Hopper.md"), grace);
    assert!(!vault.path().join("people/Alan Turing.md").exists());
}

#[test]
fn undo_leaves_a_note_edited_since_and_names_it() {
    let vault = TestVault::new();
    vault.person("Ada Lovelace", ADA);
    vault.person("Grace", "# Grace\n");
    log(&vault, "Coffee");
    // The user edits the note after kith wrote it.
    let edited = vault
        .read("people/Ada Lovelace.md")
        .replace("# Ada", "# Ada, Countess of Lovelace");
    vault.person("Ada Lovelace", &edited);
    vault
        .kith(&["undo"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "kith: people/Ada Lovelace.md changed since; left as it is\n",
        ))
        .stderr(predicate::str::ends_with(
            "0 notes reverted, 1 left as it is\n",
        ));
    assert_eq!(vault.read("people/Ada Lovelace.md"), edited);
    // That command counts as undone: the next undo goes further back.
    vault
        .kith(&["undo"])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with("kith: nothing to undo"));
    let list = vault.stdout(&["undo", "--list"], 0);
    let lines: Vec<&str> = list.lines().collect();
    assert!(lines[0].ends_with("kith undo  (undid 1)"), "{list}");
    assert!(
        lines[1].ends_with("kith log 'Ada Lovelace' Coffee --date 2026-11-24  (undone)"),
        "{list}"
    );
    assert_eq!(lines[2], "    changed people/Ada Lovelace.md");
}

#[cfg(unix)]
#[test]
fn undo_through_a_link_reverts_the_file_it_wrote() {
    let vault = TestVault::new();
    vault.write("notes/ada.md", ADA);
    std::os::unix::fs::symlink(
        vault.path().join("notes/ada.md"),
        vault.path().join("people/Ada Lovelace.md"),
    )
    .unwrap();
    log(&vault, "Coffee");
    vault
        .kith(&["undo"])
        .assert()
        .code(0)
        .stdout("reverted notes/ada.md\n");
    assert_eq!(vault.read("notes/ada.md"), ADA);
    assert!(
        std::fs::symlink_metadata(vault.path().join("people/Ada Lovelace.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}
