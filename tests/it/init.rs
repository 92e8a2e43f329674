//! `kith init`: sets up a vault and never overwrites.

use crate::util::TestVault;

#[test]
fn init_creates_config_gitignore_and_people() {
    let dir = tempfile::tempdir().unwrap();
    assert_cmd::Command::cargo_bin("kith")
        .unwrap()
        .current_dir(dir.path())
        .env_remove("KITH_VAULT")
        .arg("init")
        .assert()
        .code(0)
        .stdout(predicates::str::contains("created .kith/config.yaml"));
    assert!(dir.path().join("people").is_dir());
    let ignore = std::fs::read_to_string(dir.path().join(".kith/.gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "index/"));
    // The written config is valid: check runs on the new vault.
    assert_cmd::Command::cargo_bin("kith")
        .unwrap()
        .current_dir(dir.path())
        .env_remove("KITH_VAULT")
        .arg("check")
        .assert()
        .code(0);
}

#[test]
fn init_keeps_existing_files() {
    let vault = TestVault::new();
    vault.write(".kith/config.yaml", "# mine\ndue_soon_days: 3\n");
    vault
        .kith(&["init"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("kept    .kith/config.yaml"));
    assert_eq!(
        vault.read(".kith/config.yaml"),
        "# mine\ndue_soon_days: 3\n"
    );
}
