//! `kith new`: a note from the template, its path alone on stdout, never
//! an overwrite, never a file outside the people folder.

use predicates::prelude::*;

use crate::util::TestVault;

#[test]
fn new_prints_the_absolute_path_of_a_note_that_reads_back() {
    let vault = TestVault::new();
    let out = vault.stdout(
        &[
            "new",
            "Ada: \"x\"",
            "--org",
            "#1 Engines",
            "--role",
            "CTO | founder",
            "--tags",
            "mentor,#coi, a b",
            "--cadence",
            "6w",
            "--email",
            "ada@example.com",
        ],
        0,
    );
    let expected = vault
        .path()
        .canonicalize()
        .unwrap()
        .join("people/Ada: \"x\".md");
    assert_eq!(out, format!("{}\n", expected.display()));
    assert_eq!(
        std::fs::read_to_string(&expected).unwrap(),
        "---\nname: \"Ada: \\\"x\\\"\"\norg: \"#1 Engines\"\nrole: CTO | founder\nemail: ada@example.com\ntags: [mentor, coi, a b]\ncadence: 6w\n---\n# Ada: \"x\"\n\n## Log\n"
    );
    // Tagged coi, she matters most and has no purpose yet: a hint, not a
    // problem.
    vault
        .kith(&["check"])
        .assert()
        .code(0)
        .stderr("1 note, 0 problems, 1 hint\n");
    let show = vault.stdout(&["show", "ada: \"x\""], 0);
    for line in [
        "tags            mentor, coi, a b",
        "org             #1 Engines",
        "role            CTO | founder",
        "email           ada@example.com",
        "  cadence       every 6 weeks",
        "  status        never contacted",
    ] {
        assert!(show.contains(line), "{line:?} not in:\n{show}");
    }
}

#[test]
fn names_that_would_escape_or_hide_are_refused() {
    let vault = TestVault::new();
    let before = vault.snapshot("");
    for name in [
        "../x",
        "a/b",
        "/etc/passwd",
        "a\\b",
        "..",
        ".hidden",
        "bell\u{7}",
        "two\nlines",
        "",
    ] {
        vault
            .kith(&["new", name])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::starts_with("kith: "));
    }
    assert_eq!(before, vault.snapshot(""), "a file was created");
    assert!(!vault.path().join("x.md").exists());
    assert!(!vault.path().parent().unwrap().join("x.md").exists());
}

#[test]
fn existing_files_and_names_are_never_overwritten() {
    let vault = TestVault::new();
    vault.person("Grace Hopper", "my own notes\n");
    vault.person("Bin", b"\xff\xfe not a person\n".as_slice());
    let before = vault.snapshot("");
    vault
        .kith(&["new", "Grace Hopper"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "'Grace Hopper' is already the name of people/Grace Hopper.md",
        ));
    vault
        .kith(&["new", "grace HOPPER"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already the name of"));
    // Not readable as a person, but the file is there all the same.
    vault
        .kith(&["new", "Bin"])
        .assert()
        .code(2)
        .stderr("kith: people/Bin.md already exists; kith never overwrites a note\n");
    assert_eq!(before, vault.snapshot(""));
}

#[test]
fn an_alias_of_someone_else_is_allowed_with_a_note() {
    let vault = TestVault::new();
    vault.person("Ada Lovelace", "---\naliases: [Ada]\n---\n");
    vault
        .kith(&["new", "Ada"])
        .assert()
        .code(0)
        .stderr("kith: note: 'Ada' is also an alias of Ada Lovelace (people/Ada Lovelace.md)\n");
    assert!(vault.path().join("people/Ada.md").is_file());
}

#[test]
fn bad_cadence_and_control_characters_in_fields_are_refused() {
    let vault = TestVault::new();
    vault
        .kith(&["new", "Ada", "--cadence", "sometimes"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown cadence 'sometimes'"));
    vault
        .kith(&["new", "Ada", "--org", "a\nb"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("control character"));
    assert!(!vault.path().join("people/Ada.md").exists());
}

#[test]
fn the_vault_template_is_used_with_its_placeholders() {
    let vault = TestVault::new();
    vault.write(
        ".kith/template.md",
        "---\nname: {{name}}\ncompany: {{org}}\ncreated: {{date}}\ntags: {{tags}}\nphone:\n---\n# {{title}}\n\nWorks at {{org}}. {{unknown}}\n\n## Log\n",
    );
    let out = vault.stdout(&["new", "Zoë | Müller", "--org", "Acme: Inc"], 0);
    let path = out.trim_end();
    assert!(path.ends_with("/people/Zoë | Müller.md"), "{path}");
    assert_eq!(
        std::fs::read_to_string(path).unwrap(),
        "---\nname: Zoë | Müller\ncompany: \"Acme: Inc\"\ncreated: 2026-11-24\nphone:\n---\n# Zoë | Müller\n\nWorks at Acme: Inc. {{unknown}}\n\n## Log\n"
    );
    vault.kith(&["check"]).assert().code(0);
}

#[test]
fn new_goes_into_the_first_configured_people_folder() {
    let vault = TestVault::new();
    vault.write(".kith/config.yaml", "people: [team, others]\n");
    std::fs::create_dir_all(vault.path().join("team")).unwrap();
    std::fs::create_dir_all(vault.path().join("others")).unwrap();
    let out = vault.stdout(&["new", "Grace"], 0);
    assert!(out.trim_end().ends_with("/team/Grace.md"), "{out}");
    assert_eq!(
        vault.read("team/Grace.md"),
        "---\nname: Grace\n---\n# Grace\n\n## Log\n"
    );
}

#[test]
fn a_note_where_the_report_goes_is_refused() {
    let vault = TestVault::new();
    vault.write(".kith/config.yaml", "report: people/Follow-ups.md\n");
    vault
        .kith(&["new", "Follow-ups"])
        .assert()
        .code(2)
        .stderr("kith: people/Follow-ups.md is where kith writes its report; give the person another name\n");
    assert!(!vault.path().join("people/Follow-ups.md").exists());
}

#[cfg(unix)]
#[test]
fn new_notes_and_the_report_follow_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let vault = TestVault::new();
    let mode = |rel: &str| {
        let meta = std::fs::metadata(vault.path().join(rel)).unwrap();
        meta.permissions().mode() & 0o777
    };
    vault
        .kith_with_umask("077", &["new", "Private Person"])
        .assert()
        .code(0);
    vault.kith_with_umask("077", &["report"]).assert().code(0);
    assert_eq!(mode("people/Private Person.md"), 0o600);
    assert_eq!(mode("Follow-ups.md"), 0o600);

    vault
        .kith_with_umask("022", &["new", "Open Person"])
        .assert()
        .code(0);
    assert_eq!(mode("people/Open Person.md"), 0o644);
    // An existing file keeps its own mode, whatever the umask.
    vault
        .kith_with_umask("022", &["log", "Private Person", "Call"])
        .assert()
        .code(0);
    vault
        .kith_with_umask("022", &["report", "--today", "2026-11-25"])
        .assert()
        .code(0);
    assert_eq!(mode("people/Private Person.md"), 0o600);
    assert_eq!(mode("Follow-ups.md"), 0o600);
}

#[test]
fn a_template_with_a_placeholder_inside_a_front_matter_value_is_refused() {
    let vault = TestVault::new();
    vault.write(
        ".kith/template.md",
        "---\nname: {{name}}\nsummary: \"Works at {{org}}\"\n---\n# {{name}}\n",
    );
    let card = vault.write("in/a.vcf", "BEGIN:VCARD\nFN:Ada\nORG:x\nEND:VCARD\n");
    let before = vault.snapshot("");
    for args in [
        &["new", "Ada", "--org", "Acme\", evil: \"1"][..],
        &["import", "vcard", card.to_str().unwrap()],
    ] {
        vault.kith(args).assert().code(2).stdout("").stderr(
            "kith: .kith/template.md:3: {{org}} must be the whole value of its front matter line, \
             as in `org: {{org}}`, for kith to write it as YAML; inside quotes, lists or other \
             text it works only below the front matter\n",
        );
    }
    assert_eq!(before, vault.snapshot(""));
}

#[test]
fn a_name_starting_with_a_date_is_refused_as_it_would_be_a_log_entry() {
    let vault = TestVault::new();
    let card = vault.write("in/d.vcf", "BEGIN:VCARD\nFN:2026-01-01 Bob\nEND:VCARD\n");
    let before = vault.snapshot("");
    vault
        .kith(&["new", "2026-01-01 Bob"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "kith: '2026-01-01 Bob' starts with a date, so the note's '# 2026-01-01 Bob' heading \
             would read as a log entry (any heading or list item that starts with a date is one); \
             put the date after the name\n",
        );
    vault
        .kith(&["import", "vcard", card.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "d.vcf:1: not imported: '2026-01-01 Bob' starts with a date",
        ));
    assert_eq!(before, vault.snapshot(""));
    vault.stdout(&["new", "Bob 2026-01-01"], 0);
}

#[test]
fn warnings_about_a_new_note_name_the_template_it_came_from() {
    let vault = TestVault::new();
    vault.write(
        ".kith/template.md",
        "---\nname: {{name}}\ncadence: sometimes\n---\n",
    );
    vault.kith(&["new", "Ada"]).assert().code(0).stderr(
        "kith: warning: people/Ada.md:3: cadence: unknown cadence 'sometimes' (try daily, weekly, \
         biweekly, monthly, quarterly, yearly, 10d, 6w, 3m, 1y or 'every 2 weeks') (made from \
         .kith/template.md)\n",
    );
}
