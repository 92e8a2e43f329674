//! Which notes are people in vaults as people keep them: people folders in
//! any case and depth, marked notes anywhere, templates and dated notes
//! left out, the whole-vault fallback, config, `init` and `check`; and no
//! note ever changes.

use std::collections::BTreeMap;
use std::path::PathBuf;

use predicates::prelude::*;

use crate::util::TestVault;

/// The day the fixture vaults are read on.
const DAY: &str = "2026-11-25";

/// The names `kith list` shows, sorted.
fn people(vault: &TestVault) -> Vec<String> {
    let out = vault.stdout(&["list", "--sort", "name", "--today", DAY], 0);
    out.lines()
        .map(|line| line.split('\t').next().unwrap().to_string())
        .collect()
}

/// The paths `kith search` finds for `query`, or none (exit 1).
fn found(vault: &TestVault, query: &str) -> Vec<String> {
    let output = vault
        .kith(&["search", "--paths", "--today", DAY, query])
        .output()
        .unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let root = format!("{}/", vault.path().display());
    let mut paths: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|path| path.strip_prefix(&root).unwrap_or(path).to_string())
        .collect();
    paths.sort();
    paths
}

/// A vault without `.kith/` holding `files` (path, content).
fn vault_of(files: &[(&str, &str)]) -> TestVault {
    let vault = TestVault::empty();
    for (path, content) in files {
        vault.write(path, content);
    }
    vault
}

/// Every file of the vault but kith's own, with its bytes.
fn notes(vault: &TestVault) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = vault.snapshot("");
    files.retain(|path, _| !path.starts_with(vault.path().join(".kith")));
    files
}

/// Runs every reading command on the vault and asserts that no file
/// changed a byte.
fn read_everything_and_change_nothing(vault: &TestVault, name: &str) {
    let before = notes(vault);
    for args in [
        vec!["index"],
        vec!["list"],
        vec!["check"],
        vec!["search", "*"],
        vec!["report", "--stdout"],
        vec!["index", "--rebuild"],
    ] {
        let mut args = args;
        args.extend(["--today", DAY]);
        let code = vault.kith(&args).output().unwrap().status.code();
        assert!(matches!(code, Some(0 | 1)), "{args:?} on {name}");
    }
    assert_eq!(notes(vault), before, "a file of {name} changed");
}

#[test]
fn an_obsidian_vault_with_people_dashboards_journal_and_templates() {
    let vault = TestVault::fixture("obsidian-people");
    assert_eq!(
        people(&vault),
        ["Dmitri Vasquez-Lund", "Keiko Marsh", "Wren Castillo"]
    );
    vault
        .kith(&["check", "--today", DAY])
        .assert()
        .stderr(predicate::str::contains("3 notes,"));
    // Found in Wren's note, and in the company note and the meeting,
    // which are not people but mention Wren and Dmitri: found as them.
    assert_eq!(
        found(&vault, "studio"),
        ["People/Dmitri Vasquez-Lund.md", "People/Wren Castillo.md"]
    );
    assert_eq!(found(&vault, "kickoff"), ["People/Dmitri Vasquez-Lund.md"]);
    assert!(found(&vault, "samples").is_empty(), "the meeting's prose");
    assert_eq!(found(&vault, "*").len(), 3);
    let report = vault.stdout(&["report", "--stdout", "--today", DAY], 0);
    assert!(report.contains("from 3 notes."), "{report}");
    for not_people in ["Home", "README", "Fernway", "title", "Templates/Meeting"] {
        assert!(!report.contains(not_people), "{not_people} in\n{report}");
    }
    // The kickoff is linked as where Dmitri was last seen, never an item.
    assert!(report.contains("in [[Meetings/2026-11-12 Studio kickoff|"));
    assert!(!report.contains("- [ ] [[Meetings/"), "{report}");
    vault
        .kith(&["show", "Home", "--today", DAY])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no person is called 'Home'"));
    read_everything_and_change_nothing(&vault, "obsidian-people");
}

#[test]
fn templater_and_core_template_folders_come_from_obsidians_settings() {
    let vault = TestVault::fixture("obsidian-people");
    // Marked as a person, in the folder Templater's settings name.
    assert!(!people(&vault).contains(&"New contact".to_string()));
    vault.write(
        ".obsidian/plugins/templater-obsidian/data.json",
        r#"{"templates_folder": "Elsewhere"}"#,
    );
    assert!(people(&vault).contains(&"New contact".to_string()));
    vault.write(".kith/config.yaml", "templates: Extras/Scripts\n");
    assert!(!people(&vault).contains(&"New contact".to_string()));
}

#[test]
fn a_vault_of_marked_notes_lists_only_the_marked() {
    let vault = TestVault::fixture("marker-only");
    let listed = people(&vault);
    // Mirela is marked by a tag in her note's text; the sourdough recipe
    // mentions #person only in code.
    assert_eq!(
        listed,
        [
            "Anneliese Brandt",
            "Mirela Stan",
            "Ole Haugen",
            "Rafi Okonjo",
            "Tobias Ferreira"
        ]
    );
    assert!(found(&vault, "hydration").is_empty());
    assert_eq!(found(&vault, "audit"), ["notes/work/Anneliese Brandt.md"]);
    read_everything_and_change_nothing(&vault, "marker-only");
}

#[test]
fn people_folders_nested_in_other_folders_are_found() {
    let crm = TestVault::fixture("dataview-inline");
    assert_eq!(people(&crm), ["Lorenzo Bianchi", "Sunniva Dahl"]);
    read_everything_and_change_nothing(&crm, "dataview-inline");
    let community = TestVault::fixture("properties-lists");
    assert_eq!(
        people(&community),
        ["Bastian Krug", "Hana Sasaki", "Ines Okoro", "Yusuf Demir"]
    );
    // The dashboard's line is found as the person it mentions.
    assert_eq!(
        found(&community, "owes"),
        ["01 - Community/People/Ines Okoro.md"]
    );
    read_everything_and_change_nothing(&community, "properties-lists");
}

#[test]
fn without_a_folder_or_a_marker_every_note_but_dated_ones_is_a_person() {
    let vault = vault_of(&[
        (
            "Ada Lovelace.md",
            "---\ncadence: monthly\n---\n- 2026-11-02 Tea\n",
        ),
        ("friends/Grace Hopper.md", "# Grace\n"),
        (
            "2026-11-18.md",
            "## 2026-11-18\n- Lunch with [[Ada Lovelace]]\n",
        ),
        ("Calls/2026-11-02 Ada.md", "- [ ] 2026-11-03 send slides\n"),
        ("Templates/Person.md", "---\ncadence: monthly\n---\n"),
        ("Person template.md", "---\nname: \"{{title}}\"\n---\n"),
    ]);
    assert_eq!(people(&vault), ["Ada Lovelace", "Grace Hopper"]);
    let report = vault.stdout(&["report", "--stdout", "--today", DAY], 0);
    assert!(!report.contains("send slides"), "{report}");
    assert!(!report.contains("2026-11-18"), "{report}");
}

#[test]
fn the_first_marked_note_or_folder_ends_the_fallback_and_the_last_brings_it_back() {
    let vault = TestVault::empty();
    vault.write("Ada.md", "# Ada\n");
    vault.write("Recipe.md", "# Bread\n");
    // Sorted twice on a first build (no note is marked after all), and
    // counted once.
    vault
        .kith(&["index"])
        .assert()
        .stderr(predicate::str::contains(
            "indexed 2, removed 0, unchanged 0",
        ));
    assert_eq!(people(&vault), ["Ada", "Recipe"]);
    vault.write("Ada.md", "---\ntags: [person/mentor]\n---\n# Ada\n");
    assert_eq!(people(&vault), ["Ada"]);
    assert!(found(&vault, "bread").is_empty());
    vault.write("Ada.md", "# Ada\n");
    assert_eq!(people(&vault), ["Ada", "Recipe"]);
    vault.write("Contacts/Grace.md", "# Grace\n");
    assert_eq!(people(&vault), ["Grace"]);
    std::fs::remove_dir_all(vault.path().join("Contacts")).unwrap();
    assert_eq!(people(&vault), ["Ada", "Recipe"]);
    // The same from a fresh index, and without it.
    vault.write("Ada.md", "---\ntype: \"[[People]]\"\n---\n");
    vault.kith(&["index", "--rebuild"]).assert().code(0);
    assert_eq!(people(&vault), ["Ada"]);
}

#[test]
fn config_sets_the_folders_marker_exclusions_and_templates() {
    let vault = TestVault::new();
    vault.person("Ada", "# Ada\n");
    vault.write("clients/Bo.md", "# Bo\n");
    vault.write("notes/Cy.md", "---\ntags: [friend/close]\n---\n");
    vault.write("notes/Di.md", "---\ntags: [person]\n---\n");
    vault.write("clients/archive/Old.md", "# Old\n");
    vault.write("clients/drafts/Draft.md", "# Draft\n");
    assert_eq!(people(&vault), ["Ada", "Di"]);
    vault.write(
        ".kith/config.yaml",
        "people: [people, clients]\nperson_marker: \"#friend\"\nexclude: archive\ntemplates: clients/drafts\n",
    );
    assert_eq!(people(&vault), ["Ada", "Bo", "Cy"]);
    // An excluded note is no longer a note at all: not even a problem.
    vault.write("clients/archive/Broken.md", b"\xff\xfe");
    vault.kith(&["check"]).assert().code(0).stdout("");
    // A people folder the config leaves out is a hint.
    vault.write(
        ".kith/config.yaml",
        "people: clients\nexclude: archive\ntemplates: clients/drafts\n",
    );
    assert_eq!(people(&vault), ["Bo", "Di"]);
    let out = vault.stdout(&["check"], 0);
    assert!(
        out.starts_with("people/: hint: holds notes and is named like a people folder"),
        "{out}"
    );
}

#[test]
fn config_errors_name_the_key() {
    for (config, key) in [
        ("person_marker: #person\n", "person_marker:"),
        ("person_marker: [\"two words\"]\n", "person_marker:"),
        ("exclude: \"[oops\"\n", "exclude:"),
        ("templates: ../outside\n", "templates:"),
        ("templates: Nowhere\n", "'templates'"),
    ] {
        let vault = TestVault::new();
        vault.write(".kith/config.yaml", config);
        vault
            .kith(&["list"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(key));
    }
}

#[test]
fn a_configured_folder_that_differs_by_case_says_which_folder_there_is() {
    let vault = TestVault::empty();
    std::fs::create_dir_all(vault.path().join(".kith")).unwrap();
    vault.write("People/Ada.md", "# Ada\n");
    vault.write(".kith/config.yaml", "people: people\n");
    if vault.path().join("people").is_dir() {
        // A file system that ignores case: the folder is found as written.
        return;
    }
    vault
        .kith(&["list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "people folder 'people' (from config 'people') does not exist in the vault; there is 'People': write `people: People`",
        ));
}

/// `People/` with a note and an empty `people/` beside it (as an old
/// `kith init` left it); `None` where the file system ignores case.
fn people_beside_an_empty_twin() -> Option<TestVault> {
    let vault = TestVault::empty();
    vault.write(
        "People/Ada.md",
        "---\ncadence: weekly\nlast_contact: 2026-11-20\n---\n",
    );
    std::fs::create_dir_all(vault.path().join("people")).unwrap();
    (!vault.path().join("PEOPLE").is_dir()).then_some(vault)
}

#[test]
fn check_hints_at_a_people_folder_beside_its_case_twin() {
    let Some(vault) = people_beside_an_empty_twin() else {
        return;
    };
    let out = vault.stdout(&["check"], 0);
    assert_eq!(
        out,
        "People/: hint: 'people/' differs from the people folder 'People/' only by case, and \
         kith does not read it: move any notes into 'People/' and delete it\n"
    );
    vault
        .kith(&["check"])
        .assert()
        .stderr("1 note, 0 problems, 1 hint\n");
    assert_eq!(people(&vault), ["Ada"]);
}

fn init(vault: &TestVault) -> String {
    vault.stdout(&["init"], 0)
}

#[test]
fn init_beside_an_existing_people_folder_adopts_it() {
    let vault = TestVault::fixture("obsidian-people");
    let before = notes(&vault);
    let out = init(&vault);
    assert!(
        out.starts_with("found   People/ (3 notes): kith reads people there\n"),
        "{out}"
    );
    assert!(!vault.path().join("people").exists(), "{out}");
    let config = vault.read(".kith/config.yaml");
    assert!(
        config.contains(
            "# kith init found these people notes and reads them from here:\npeople: \"People\"\n"
        ),
        "{config}"
    );
    assert_eq!(
        people(&vault),
        ["Dmitri Vasquez-Lund", "Keiko Marsh", "Wren Castillo"]
    );
    let made = vault.stdout(&["new", "Ola Nordmann"], 0);
    assert!(
        made.trim_end().ends_with("People/Ola Nordmann.md"),
        "{made}"
    );
    let mut after = notes(&vault);
    after.remove(&vault.path().join("People/Ola Nordmann.md"));
    assert_eq!(after, before);
}

#[test]
fn init_in_a_marked_vault_writes_the_markers_it_found() {
    let vault = TestVault::fixture("marker-only");
    let out = init(&vault);
    assert!(out.starts_with("found   person markers ("), "{out}");
    assert!(!vault.path().join("people").exists(), "{out}");
    let config = vault.read(".kith/config.yaml");
    let line = config
        .lines()
        .find(|line| line.starts_with("person_marker: "))
        .expect(&config);
    for marker in [
        "\"type: person\"",
        "\"#contact\"",
        "\"#person\"",
        "\"categories: people\"",
        "\"type: people\"",
    ] {
        assert!(line.contains(marker), "{marker} in {line}");
    }
    assert!(people(&vault).contains(&"Tobias Ferreira".to_string()));
    assert!(!people(&vault).contains(&"Sourdough".to_string()));
    // A new person is marked too, at the vault's root.
    vault.write(".kith/config.yaml", "person_marker: \"#contact\"\n");
    let made = vault.stdout(&["new", "Ola Nordmann"], 0);
    assert!(made.trim_end().ends_with("/Ola Nordmann.md"), "{made}");
    assert!(vault.read("Ola Nordmann.md").contains("contact"));
    assert!(people(&vault).contains(&"Ola Nordmann".to_string()));
}

#[test]
fn init_in_a_folder_of_notes_without_folder_or_marker_makes_no_people_folder() {
    let vault = TestVault::empty();
    vault.write("Ada.md", "# Ada\n");
    let out = init(&vault);
    assert!(
        out.starts_with("found   1 note and no people folder"),
        "{out}"
    );
    assert!(!vault.path().join("people").exists());
    assert_eq!(people(&vault), ["Ada"]);
}

#[test]
fn non_person_notes_never_take_a_persons_place_in_results() {
    let vault = TestVault::new();
    vault.person("Ada", "---\ntags: [sailing]\n---\nLoves sailing.\n");
    for i in 0..30 {
        vault.write(
            &format!("Logbook/Trip {i}.md"),
            "Sailing sailing sailing.\n",
        );
    }
    assert_eq!(found(&vault, "sailing"), ["people/Ada.md"]);
    let first = vault.stdout(&["search", "--limit", "1", "*"], 0);
    assert!(first.starts_with("people/Ada.md "), "{first}");
    vault
        .kith(&["check"])
        .assert()
        .stderr("1 note, 0 problems\n");
}

#[cfg(unix)]
#[test]
fn watch_follows_markers_new_people_folders_and_template_settings() {
    use crate::watch::{Watcher, wait_for_report};
    let vault = TestVault::empty();
    vault.write("Ada.md", "---\ncadence: weekly\n---\n- 2026-11-01 Call\n");
    vault.write(
        "Bread.md",
        "---\ncadence: weekly\n---\n- 2026-11-02 Fed the starter\n",
    );
    let _watcher = Watcher::start(&vault, "2026-11-24");
    let has = |report: &str, path: &str| {
        ["]]", "|", "\\|"]
            .iter()
            .any(|end| report.contains(&format!("[[{path}{end}")))
    };
    wait_for_report(&vault, "both notes as people", |r| {
        r.contains("from 2 notes.") && has(r, "Ada") && has(r, "Bread")
    });
    // Ada is marked: only marked notes are people now.
    vault.write(
        "Ada.md",
        "---\ntags: [person]\ncadence: weekly\n---\n- 2026-11-01 Call\n",
    );
    wait_for_report(&vault, "only Ada", |r| {
        r.contains("from 1 note.") && has(r, "Ada") && !has(r, "Bread")
    });
    // The marker goes: everyone again.
    vault.write("Ada.md", "---\ncadence: weekly\n---\n- 2026-11-01 Call\n");
    wait_for_report(&vault, "both again", |r| {
        r.contains("from 2 notes.") && has(r, "Bread")
    });
    // A People folder is made: only its notes are people.
    vault.write(
        "People/Grace.md",
        "---\ncadence: weekly\n---\n- 2026-11-03 Lunch\n",
    );
    wait_for_report(&vault, "only Grace", |r| {
        r.contains("from 1 note.") && has(r, "People/Grace") && !has(r, "Ada")
    });
    // Obsidian's Templates setting names the folder: Grace is a template.
    vault.write(".obsidian/templates.json", r#"{"folder": "People"}"#);
    wait_for_report(&vault, "no people folder left", |r| {
        r.contains("from 2 notes.") && has(r, "Ada") && !has(r, "People/Grace")
    });
}

#[test]
fn the_readme_shows_init_and_check_as_they_are() {
    let Some(vault) = people_beside_an_empty_twin() else {
        return;
    };
    let block = crate::util::readme_block("$ kith init\n");
    let (init, check) = block.split_once("$ kith check\n").unwrap();
    // All but the last line, which names the vault's folder.
    let lines = |text: &str| {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        lines[..lines.len() - 1].to_vec()
    };
    let real = vault.stdout(&["init"], 0);
    assert_eq!(
        lines(&init.replace("(212 notes)", "(1 note)")),
        lines(&real)
    );
    let output = vault.kith(&["check"]).output().unwrap();
    let shown = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(check.replace("212 notes", "1 note"), shown);
}

#[test]
fn people_imported_into_a_marked_vault_are_marked() {
    let vault = TestVault::fixture("marker-only");
    vault.write(
        ".kith/config.yaml",
        "person_marker: [\"type: person\", \"#contact\"]\n",
    );
    let card = vault.write(
        "inbox/ola.vcf",
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ola Nordmann\nCATEGORIES:sailing\nEND:VCARD\n",
    );
    vault
        .kith(&["import", "vcard", card.to_str().unwrap()])
        .assert()
        .code(0);
    let note = vault.read("Ola Nordmann.md");
    assert!(
        note.contains("sailing") && note.contains("contact"),
        "{note}"
    );
    assert!(people(&vault).contains(&"Ola Nordmann".to_string()));
}

#[test]
fn markers_survive_bom_crlf_and_broken_neighbours() {
    let vault = vault_of(&[
        (
            "notes/Zoë Müller.md",
            "\u{feff}---\r\ntype: Person\r\ncadence: monthly\r\n---\r\n- 2026-11-02 Call\r\n",
        ),
        ("notes/Broken.md", "---\ntags: [person\n---\n"),
        ("notes/Empty.md", ""),
        (
            "notes/Pipe | Slash.md",
            "---\ntags: [\"#people/family\"]\n---\n",
        ),
    ]);
    vault.write("notes/Bytes.md", b"---\ntype: person\n---\n\xff\xfe");
    let before = notes(&vault);
    assert_eq!(people(&vault), ["Pipe | Slash", "Zoë Müller"]);
    // The broken and empty notes are not people here, so not their
    // problems; a file that is not text may be anyone's, so it is said.
    let out = vault.stdout(&["check"], 1);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("notes/Bytes.md:4: not UTF-8"), "{out}");
    assert_eq!(notes(&vault), before);
}
