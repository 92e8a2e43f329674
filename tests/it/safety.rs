//! A careful user's worst day: concurrent writers take turns, the report
//! and calendar never replace a file kith did not write, nothing is written
//! outside the vault, a folder without `.kith/` and a vault kith cannot
//! write are only read, and hostile input ends in a clear error.

use std::process::{Output, Stdio};

use predicates::prelude::*;

use crate::util::{TestVault, repeated_clause};

/// Runs every command at once and waits for all of them.
fn all_at_once(vault: &TestVault, commands: &[Vec<String>]) -> Vec<Output> {
    let children: Vec<_> = commands
        .iter()
        .map(|args| {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            vault
                .process(&args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    children
        .into_iter()
        .map(|child| child.wait_with_output().unwrap())
        .collect()
}

fn log_args(text: &str, date: &str) -> Vec<String> {
    ["log", "Ada Lovelace", text, "--date", date]
        .map(String::from)
        .to_vec()
}

fn assert_all_succeeded(outputs: &[Output]) {
    for output in outputs {
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

const ADA: &str = "---\r\nname: Ada Lovelace\r\ncadence: weekly\r\n---\r\n# Ada\r\n\r\n## Log\r\n- 2026-09-01 First met\r\n";

#[test]
fn twenty_concurrent_logs_all_land_in_date_order() {
    let vault = TestVault::new();
    vault.person("Ada Lovelace", ADA);
    let commands: Vec<Vec<String>> = (1..=20)
        .map(|day| log_args(&format!("entry {day}"), &format!("2026-10-{day:02}")))
        .collect();
    assert_all_succeeded(&all_at_once(&vault, &commands));
    let lines: String = (1..=20)
        .rev()
        .map(|day| format!("- 2026-10-{day:02} entry {day}\r\n"))
        .collect();
    assert_eq!(
        vault.read("people/Ada Lovelace.md"),
        ADA.replace("- 2026-09-01", &format!("{lines}- 2026-09-01"))
    );
}

#[test]
fn concurrent_logs_of_one_day_land_in_the_order_the_journal_gives() {
    let vault = TestVault::new();
    vault.person("Ada Lovelace", ADA);
    let commands: Vec<Vec<String>> = (1..=12)
        .map(|i| log_args(&format!("call {i}"), "2026-11-24"))
        .collect();
    assert_all_succeeded(&all_at_once(&vault, &commands));
    let note = vault.read("people/Ada Lovelace.md");
    // The newest of a day goes on top: the note reads newest first.
    let in_note: Vec<&str> = note
        .lines()
        .filter_map(|line| line.strip_prefix("- 2026-11-24 "))
        .collect();
    let list = vault.stdout(&["undo", "--list"], 0);
    let in_journal: Vec<&str> = list
        .lines()
        .filter_map(|line| line.split(" 'Ada Lovelace' '").nth(1))
        .filter_map(|rest| rest.split('\'').next())
        .collect();
    assert_eq!(in_note.len(), 12, "{note}");
    assert_eq!(in_note, in_journal, "{list}");
}

#[test]
fn a_users_follow_ups_note_is_never_replaced_by_the_report() {
    let vault = TestVault::new();
    vault.person("Ada", "---\ncadence: weekly\n---\n");
    let mine = "# Follow-ups\n\n- [ ] call the bank\n";
    vault.write("Follow-ups.md", mine);
    vault.kith(&["report"]).assert().code(2).stderr(
        "kith: Follow-ups.md exists and kith did not write it, so kith leaves it alone: \
         rename or move that file, or set `report:` in .kith/config.yaml to another path\n",
    );
    assert_eq!(vault.read("Follow-ups.md"), mine);

    // Nor is a person's note, when the config points the report there.
    vault.write(".kith/config.yaml", "report: people/Ada.md\n");
    vault
        .kith(&["report"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "kith: people/Ada.md exists and kith did not write it",
        ));
    assert_eq!(vault.read("people/Ada.md"), "---\ncadence: weekly\n---\n");

    // Nor a calendar another program wrote.
    let calendar = "BEGIN:VCALENDAR\r\nPRODID:-//Apple Inc.//macOS 15//EN\r\nEND:VCALENDAR\r\n";
    vault.write("Birthdays.ics", calendar);
    vault.write(
        ".kith/config.yaml",
        "report: Reports/Due.md\nics: Birthdays.ics\n",
    );
    vault
        .kith(&["report"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "Birthdays.ics exists and kith did not write it, so kith leaves it alone: \
             rename or move that file, or set `ics:` in .kith/config.yaml",
        ));
    assert_eq!(vault.read("Birthdays.ics"), calendar);

    // Its own files it keeps rewriting.
    std::fs::remove_file(vault.path().join("Birthdays.ics")).unwrap();
    vault.kith(&["report"]).assert().code(0);
    vault
        .kith(&["--today", "2026-12-24", "report"])
        .assert()
        .code(0)
        .stderr("wrote Reports/Due.md\nwrote Birthdays.ics\n");
    assert!(vault.read("Reports/Due.md").contains("date: 2026-12-24"));
    assert_eq!(vault.read("Follow-ups.md"), mine);
}

#[cfg(unix)]
#[test]
fn a_report_or_calendar_path_leading_out_of_the_vault_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    let vault = TestVault::new();
    vault.person("Ada", "---\ncadence: weekly\n---\n");
    std::os::unix::fs::symlink(outside.path(), vault.path().join("Reports")).unwrap();
    let refused = |config: &str, shown: &str| {
        vault.write(".kith/config.yaml", config);
        vault
            .kith(&["report"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "{shown} leads outside the vault (to {}",
                outside.path().canonicalize().unwrap().display()
            )));
    };
    refused("report: Reports/Follow-ups.md\n", "Reports/Follow-ups.md");
    refused("report: Reports/deeper/Due.md\n", "Reports/deeper/Due.md");
    refused("ics: Reports/kith.ics\n", "Reports/kith.ics");
    // A link at the report's own path, to a file outside (there or not).
    std::fs::remove_file(vault.path().join("Follow-ups.md")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("x.md"),
        vault.path().join("Follow-ups.md"),
    )
    .unwrap();
    refused("", "Follow-ups.md");
    assert_eq!(
        std::fs::read_dir(outside.path()).unwrap().count(),
        0,
        "written outside the vault"
    );
}

#[test]
fn read_commands_in_a_folder_without_kith_leave_it_without_one() {
    let vault = TestVault::empty();
    vault.write("people/Ada.md", "---\norg: Acme\ncadence: weekly\n---\n");
    let first = vault.kith(&["list"]).output().unwrap();
    assert!(first.status.success());
    let notice = String::from_utf8(first.stderr).unwrap();
    let real = vault.path().canonicalize().unwrap();
    assert!(
        notice.starts_with(&format!(
            "kith: {} has no .kith/ folder, so kith keeps its index in {}/kith/vaults/",
            real.display(),
            vault.cache().display()
        )),
        "{notice}"
    );
    assert_eq!(notice.lines().count(), 1, "{notice}");
    // Said once: the next commands find their index where it was left.
    for args in [
        &["search", "acme"][..],
        &["show", "ada"],
        &["check"],
        &["list", "--json"],
    ] {
        vault
            .kith(args)
            .assert()
            .code(0)
            .stderr(predicate::str::contains("kith:").not());
    }
    assert!(!vault.path().join(".kith").exists());
    let vaults = vault.cache().join("kith/vaults");
    let cached: Vec<_> = std::fs::read_dir(&vaults).unwrap().collect();
    assert_eq!(cached.len(), 1);
    let home = cached[0].as_ref().unwrap().path();
    assert!(home.join("index/tantivy/meta.json").is_file());
    assert_eq!(
        std::fs::read_to_string(home.join("vault")).unwrap(),
        format!("{}\n", real.display())
    );
    // Writing the report is the one thing `report` does in the folder.
    vault.kith(&["report"]).assert().code(0);
    assert!(vault.path().join("Follow-ups.md").is_file());
    assert!(!vault.path().join(".kith").exists());
}

/// A vault made read-only for the commands run on it: as root, they run
/// as `nobody` (root may write anywhere); otherwise the folders lose their
/// write permission. Restored when dropped.
#[cfg(unix)]
struct ReadOnly<'a> {
    vault: &'a TestVault,
    /// Set when running as root: the user and group to run as.
    nobody: Option<u32>,
    cache: tempfile::TempDir,
}

#[cfg(unix)]
impl<'a> ReadOnly<'a> {
    fn new(vault: &'a TestVault) -> ReadOnly<'a> {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let root = std::fs::metadata(vault.path()).unwrap().uid() == 0;
        let cache = tempfile::tempdir().unwrap();
        let nobody = root.then_some(65534);
        if let Some(id) = nobody {
            std::os::unix::fs::chown(cache.path(), Some(id), Some(id)).unwrap();
        }
        for entry in walkdir::WalkDir::new(vault.path()) {
            let entry = entry.unwrap();
            let mode = if entry.file_type().is_dir() {
                0o555
            } else {
                0o444
            };
            std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode)).unwrap();
        }
        ReadOnly {
            vault,
            nobody,
            cache,
        }
    }

    /// Runs kith with `cache` as the user's cache folder.
    fn run(&self, cache: &std::path::Path, args: &[&str]) -> Output {
        use std::os::unix::process::CommandExt;
        let mut cmd = self.vault.process(args);
        cmd.env("XDG_CACHE_HOME", cache);
        if let Some(id) = self.nobody {
            cmd.uid(id).gid(id);
        }
        cmd.output().unwrap()
    }
}

#[cfg(unix)]
impl Drop for ReadOnly<'_> {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        for entry in walkdir::WalkDir::new(self.vault.path())
            .into_iter()
            .flatten()
        {
            let mode = if entry.file_type().is_dir() {
                0o755
            } else {
                0o644
            };
            let _ = std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode));
        }
    }
}

#[cfg(unix)]
#[test]
fn a_vault_kith_cannot_write_is_read_from_an_index_elsewhere() {
    let vault = TestVault::new();
    vault.write(".kith/config.yaml", "default_cadence: monthly\n");
    vault.person(
        "Ada Lovelace",
        "---\norg: Acme\ncadence: weekly\n---\n- 2026-11-01 Call\n",
    );
    vault.person("Grace", "---\norg: Navy\n---\n- 2026-11-20 Lunch\n");
    let before = vault.snapshot("");
    let reader = ReadOnly::new(&vault);
    let stdout = |output: &Output| String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = |output: &Output| String::from_utf8_lossy(&output.stderr).into_owned();

    // The user's cache folder takes the index, said once.
    let cache = reader.cache.path();
    let list = reader.run(cache, &["list", "--overdue"]);
    assert_eq!(list.status.code(), Some(0), "{}", stderr(&list));
    assert_eq!(stdout(&list).lines().count(), 1, "{}", stdout(&list));
    let notice = stderr(&list);
    assert_eq!(notice.lines().count(), 1, "{notice}");
    assert!(
        notice.contains(".kith cannot be written (Permission denied"),
        "{notice}"
    );
    assert!(notice.contains(", so kith keeps its index in "), "{notice}");
    for (args, found) in [
        (&["search", "acme"][..], "people/Ada Lovelace.md"),
        (&["show", "grace"], "Navy"),
        (&["list"], "Grace"),
    ] {
        let output = reader.run(cache, args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(stdout(&output).contains(found), "{}", stdout(&output));
        assert_eq!(stderr(&output), "");
    }
    assert_eq!(reader.run(cache, &["check"]).status.code(), Some(0));

    // No cache folder either: a temporary index, said every time.
    let nowhere = vault.path().join("people");
    let search = reader.run(&nowhere, &["search", "navy"]);
    assert_eq!(search.status.code(), Some(0), "{}", stderr(&search));
    assert!(stdout(&search).starts_with("people/Grace.md"));
    assert!(
        stderr(&search).contains("; using a temporary index for this run"),
        "{}",
        stderr(&search)
    );

    // Writing commands fail clearly, and write nothing.
    let report = reader.run(cache, &["report"]);
    assert_eq!(report.status.code(), Some(2));
    assert!(
        stderr(&report).contains("cannot write Follow-ups.md: Permission denied"),
        "{}",
        stderr(&report)
    );
    let log = reader.run(cache, &["log", "Grace", "Coffee"]);
    assert_eq!(log.status.code(), Some(2), "{}", stderr(&log));
    drop(reader);
    assert_eq!(before, vault.snapshot(""));
    assert!(!vault.path().join(".kith/index").exists());
}

#[test]
fn a_deeply_nested_query_is_refused_before_it_is_parsed() {
    let vault = TestVault::new();
    vault.person("Ada", "---\norg: Acme\n---\n");
    for query in [
        format!("{}acme{}", "(".repeat(3000), ")".repeat(3000)),
        "(".repeat(100_000),
        format!("{}acme", "NOT ".repeat(5000)),
    ] {
        vault
            .kith(&["search", "--", &query])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(
                "deep (parentheses or NOTs); kith takes at most 64",
            ));
    }
    let deep_enough = format!("{}acme{}", "(".repeat(64), ")".repeat(64));
    vault
        .kith(&["search", &deep_enough])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("people/Ada.md"));
}

#[cfg(unix)]
#[test]
fn no_error_message_says_a_clause_twice() {
    use std::os::unix::fs::PermissionsExt;
    let vault = TestVault::new();
    vault.person("Ada", "---\norg: Acme\n---\n");
    vault.person("Locked", "# Locked\n");
    let locked = vault.path().join("people/Locked.md");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).unwrap();
    vault.write("Follow-ups.md", "mine\n");
    let failing: Vec<Vec<&str>> = vec![
        vec!["import", "vcard", "/no/such/file.vcf"],
        vec!["export", "ics", "-o", "/no/such/folder/x.ics"],
        vec!["report"],
        vec!["log", "Locked", "x"],
        vec!["log", "Nobody", "x"],
        vec!["new", "Ada"],
        vec!["new", "Eve\u{202e}"],
        vec![
            "search",
            "(((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((",
        ],
        vec!["search", "org:"],
    ];
    let mut said = String::new();
    for args in &failing {
        let output = vault.kith(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        said.push_str(&String::from_utf8_lossy(&output.stderr));
    }
    // The index cannot be written: `.kith/index` is a file.
    std::fs::remove_dir_all(vault.path().join(".kith/index")).unwrap();
    vault.write(".kith/index", "not a folder");
    let output = vault.kith(&["search", "acme"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    said.push_str(&String::from_utf8_lossy(&output.stderr));
    let missing = assert_cmd::Command::cargo_bin("kith")
        .unwrap()
        .args(["--vault", "/definitely/not/here", "list"])
        .env("XDG_CACHE_HOME", vault.cache())
        .output()
        .unwrap();
    said.push_str(&String::from_utf8_lossy(&missing.stderr));

    assert_eq!(repeated_clause(&said), None, "{said}");
    assert!(
        said.contains("cannot read /no/such/file.vcf: No such file"),
        "{said}"
    );
    assert!(said.contains("cannot write the index in "), "{said}");
}

#[test]
fn names_without_letters_are_reachable_by_file_name_and_path() {
    let vault = TestVault::new();
    for name in ["---", "!!!", "🎉", "Ada"] {
        vault.kith(&["new", "--", name]).assert().code(0);
    }
    for (query, path) in [
        ("---", "people/---.md"),
        ("people/---.md", "people/---.md"),
        ("people/!!!", "people/!!!.md"),
        ("!!!", "people/!!!.md"),
        ("🎉", "people/🎉.md"),
    ] {
        vault
            .kith(&["show", "--", query])
            .assert()
            .code(0)
            .stdout(predicate::str::contains(format!("\n{path}\n")));
    }
    vault
        .kith(&["log", "--", "🎉", "Party planning"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "people/🎉.md:7: - 2026-11-24 Party planning",
        ));
    vault
        .kith(&["show", "--", "?"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("kith: no person is called '?'"));
}

#[test]
fn invisible_formatting_characters_are_refused_in_new() {
    let vault = TestVault::new();
    for name in ["Eve\u{202e}gnp.exe", "\u{200f}Ada", "Zo\u{200b}e"] {
        vault
            .kith(&["new", name])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("holds the invisible character U+"));
    }
    assert_eq!(
        std::fs::read_dir(vault.path().join("people"))
            .unwrap()
            .count(),
        0
    );
    vault.kith(&["new", "Sam 👩\u{200d}💻"]).assert().code(0);
}
