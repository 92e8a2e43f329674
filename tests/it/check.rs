//! `kith check`: problems as `path:line: message`, exit 1 when any.

use predicates::prelude::*;

use crate::util::TestVault;

#[test]
fn clean_vault_exits_zero_and_says_so() {
    let vault = TestVault::new();
    vault.person(
        "Ada",
        "---\nname: Ada\ncadence: weekly\n---\n- 2026-11-01 Call\n",
    );
    vault
        .kith(&["check"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("1 note, 0 problems\n");
}

#[test]
fn problems_are_listed_with_path_and_line_and_exit_one() {
    let vault = TestVault::new();
    vault.person(
        "Ada",
        "---\nname: Ada\ncadence: sometimes\nlast_contact: 2026-13-40\n---\n# Ada\n\n- 2026-02-30 typo\n",
    );
    vault.person("Fine", "---\ncadence: weekly\n---\n");
    let out = vault.stdout(&["check"], 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].starts_with("people/Ada.md:3: cadence: unknown cadence 'sometimes'"),
        "{out}"
    );
    assert!(
        lines[1].starts_with("people/Ada.md:4: last_contact: '2026-13-40' is not a date"),
        "{out}"
    );
    assert!(
        lines[2].starts_with("people/Ada.md:8: log entry date '2026-02-30'"),
        "{out}"
    );
}

#[test]
fn missing_vault_is_a_clear_error_with_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    assert_cmd::Command::cargo_bin("kith")
        .unwrap()
        .current_dir(dir.path())
        .env_remove("KITH_VAULT")
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "kith: no vault found: pass --vault PATH",
        ));
    assert_cmd::Command::cargo_bin("kith")
        .unwrap()
        .args(["--vault", "/definitely/not/here", "check"])
        .assert()
        .code(2)
        .stderr("kith: vault folder '/definitely/not/here' does not exist\n");
}

#[test]
fn vault_is_found_from_env_and_from_a_subfolder() {
    let vault = TestVault::new();
    vault.person("Ada", "---\ncadence: sometimes\n---\n");
    assert_cmd::Command::cargo_bin("kith")
        .unwrap()
        .current_dir(vault.path().join("people"))
        .env_remove("KITH_VAULT")
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("people/Ada.md:2:"));
    assert_cmd::Command::cargo_bin("kith")
        .unwrap()
        .current_dir("/")
        .env("KITH_VAULT", vault.path())
        .arg("check")
        .assert()
        .code(1);
}

#[test]
fn bad_config_names_the_key_and_exits_two() {
    let vault = TestVault::new();
    vault.write(".kith/config.yaml", "cadence_by_tag:\n  coi: sometimes\n");
    vault
        .kith(&["check"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "kith: .kith/config.yaml: cadence_by_tag.coi: unknown cadence 'sometimes'",
        ));
    vault.write(".kith/config.yaml", "peple: people\n");
    vault
        .kith(&["check"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field `peple`"));
    vault.write(".kith/config.yaml", "people: clients\n");
    vault.kith(&["check"]).assert().code(2).stderr(
        "kith: people folder 'clients' (from config 'people') does not exist in the vault\n",
    );
}

#[test]
fn bad_today_is_a_usage_error() {
    let vault = TestVault::new();
    vault
        .kith(&["--today", "2026-02-30", "check"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'2026-02-30' is not a date"));
}

#[test]
fn people_folder_defaults_to_the_whole_vault_without_people() {
    let vault = TestVault::empty();
    vault.write("Ada.md", "---\ncadence: never\n---\n");
    vault.write(".obsidian/x.md", "---\ncadence: never\n---\n");
    vault
        .kith(&["check"])
        .assert()
        .code(1)
        .stdout("Ada.md:2: cadence: unknown cadence 'never' (try daily, weekly, biweekly, monthly, quarterly, yearly, 10d, 6w, 3m, 1y or 'every 2 weeks')\n");
}
