//! `kith search` and `kith index` on a real tantivy index in temporary
//! vaults: changes between searches, accents, typos, fields, bad queries,
//! damaged and outdated indexes, and concurrent processes.

use predicates::prelude::*;

use crate::util::TestVault;

/// Paths of the hits of `kith search QUERY…`, asserting the exit code.
fn hits(vault: &TestVault, args: &[&str], code: i32) -> Vec<String> {
    let mut full = vec!["search", "--json"];
    full.extend_from_slice(args);
    vault
        .stdout(&full, code)
        .lines()
        .map(|line| {
            let hit: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            hit["path"].as_str().expect("a path").to_string()
        })
        .collect()
}

fn people_vault() -> TestVault {
    let vault = TestVault::new();
    vault.person(
        "Ada Lovelace",
        "---\naliases: [Countess of Lovelace]\ntags: [mentor, referral-source]\norg: Analytical Engines\nrole: CTO\ninterests: [poetry, horses]\nlinkedin: ada-l\ncadence: monthly\n---\n## Log\n- 2026-09-14 Call about the board seat.\n",
    );
    vault.person(
        "Zoë Müller",
        "---\ntags: [client]\ncompany: Acme Roasters\ninterests: sailing\ncadence: weekly\n---\n## Log\n- 2026-11-20 Sailing trip planned with Ada Lovelace's team.\n",
    );
    vault.person(
        "Marcus Chen",
        "---\ntags: [coi]\norg: Acme Robotics\n---\n## Log\n- 2026-11-01 Lunch; he is hiring two engineers.\n",
    );
    vault
}

#[test]
fn accents_do_not_matter_either_way() {
    let vault = people_vault();
    assert_eq!(hits(&vault, &["zoe"], 0), ["people/Zoë Müller.md"]);
    assert_eq!(hits(&vault, &["MULLER"], 0), ["people/Zoë Müller.md"]);
    assert_eq!(hits(&vault, &["Zoë"], 0), ["people/Zoë Müller.md"]);
}

#[test]
fn names_match_by_prefix_and_with_a_typo() {
    let vault = people_vault();
    assert_eq!(hits(&vault, &["lovlace"], 0)[0], "people/Ada Lovelace.md");
    assert_eq!(hits(&vault, &["lov"], 0)[0], "people/Ada Lovelace.md");
    assert_eq!(hits(&vault, &["countess"], 0), ["people/Ada Lovelace.md"]);
    // Short words are not fuzzy: `ada` does not find every "Ad…".
    assert_eq!(hits(&vault, &["name:ada"], 0), ["people/Ada Lovelace.md"]);
}

#[test]
fn name_prefixes_and_typos_keep_the_shape_of_the_query() {
    let vault = people_vault();
    assert_eq!(hits(&vault, &["(lov)^2"], 0)[0], "people/Ada Lovelace.md");
    assert_eq!(
        hits(&vault, &["lovlace -sailing"], 0),
        ["people/Ada Lovelace.md"]
    );
    assert_eq!(
        hits(&vault, &["lovlace", "!!"], 0),
        hits(&vault, &["lovlace"], 0)
    );
    assert_eq!(hits(&vault, &["muller", "OR", "(marc)^0.5"], 0).len(), 2);
    vault
        .kith(&["search", "NOT", "lov"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("kith: "));
}

#[test]
fn names_rank_above_mentions_in_the_body() {
    let vault = people_vault();
    assert_eq!(
        hits(&vault, &["lovelace"], 0),
        ["people/Ada Lovelace.md", "people/Zoë Müller.md"]
    );
}

#[test]
fn field_queries_use_any_spelling_and_unknown_fields() {
    let vault = people_vault();
    let mut acme = hits(&vault, &["org:acme"], 0);
    acme.sort();
    assert_eq!(acme, ["people/Marcus Chen.md", "people/Zoë Müller.md"]);
    assert_eq!(
        hits(&vault, &["company:roasters"], 0),
        ["people/Zoë Müller.md"]
    );
    assert_eq!(hits(&vault, &["tags:coi"], 0), ["people/Marcus Chen.md"]);
    assert_eq!(
        hits(&vault, &["tags:referral-source"], 0),
        ["people/Ada Lovelace.md"]
    );
    assert_eq!(
        hits(&vault, &["interests:sailing"], 0),
        ["people/Zoë Müller.md"]
    );
    assert_eq!(
        hits(&vault, &["linkedin:ada-l"], 0),
        ["people/Ada Lovelace.md"]
    );
    // Words must all match.
    assert_eq!(
        hits(&vault, &["org:acme", "hiring"], 0),
        ["people/Marcus Chen.md"]
    );
    hits(&vault, &["org:acme", "poetry"], 1);
}

#[test]
fn body_text_is_stemmed() {
    let vault = people_vault();
    assert_eq!(hits(&vault, &["hire"], 0), ["people/Marcus Chen.md"]);
    assert_eq!(hits(&vault, &["engineer"], 0), ["people/Marcus Chen.md"]);
}

#[test]
fn no_hits_exit_one_and_print_nothing() {
    let vault = people_vault();
    vault
        .kith(&["search", "xylophone"])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn bad_query_exits_two_and_says_what_is_wrong() {
    let vault = people_vault();
    vault
        .kith(&["search", "org:("])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with("kith: bad query 'org:(': "));
    vault
        .kith(&["search", "birthday:1815"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'birthday' cannot be searched"));
}

#[test]
fn tag_and_overdue_filters() {
    let vault = people_vault();
    assert_eq!(
        hits(&vault, &["--tag", "Client", "acme"], 0),
        ["people/Zoë Müller.md"]
    );
    // Ada is monthly since 2026-09-14: overdue. Zoë is weekly since 11-20:
    // due on 11-27. Marcus has no cadence.
    assert_eq!(
        hits(&vault, &["--overdue", "*"], 0),
        ["people/Ada Lovelace.md"]
    );
    assert_eq!(
        hits(
            &vault,
            &["--overdue", "--today", "2026-11-28", "sailing"],
            0
        ),
        ["people/Zoë Müller.md"]
    );
}

#[test]
fn json_lines_carry_fields_and_due_status() {
    let vault = people_vault();
    let out = vault.stdout(&["search", "--json", "lovelace"], 0);
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["name"], "Ada Lovelace");
    assert_eq!(first["org"], "Analytical Engines");
    assert_eq!(first["cadence"], "monthly");
    assert_eq!(first["other_fields"]["linkedin"], "ada-l");
    assert_eq!(first["due"]["cadence"], "monthly");
    assert_eq!(first["due"]["status"], "overdue");
    assert_eq!(first["due"]["date"], "2026-10-14");
    assert_eq!(first["due"]["days_overdue"], 41);
    assert!(first["score"].as_f64().unwrap() > 0.0);
}

#[test]
fn human_output_has_path_name_work_status_and_snippet() {
    let vault = people_vault();
    let out = vault.stdout(&["search", "hiring"], 0);
    assert_eq!(
        out,
        "people/Marcus Chen.md  Marcus Chen · Acme Robotics · no cadence  …- 2026-11-01 Lunch; he is hiring two engineers…\n"
    );
}

#[test]
fn paths_are_relative_to_the_current_folder_when_below_it() {
    let vault = people_vault();
    let out = vault
        .kith(&["search", "--paths", "hiring"])
        .current_dir(vault.path())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "people/Marcus Chen.md\n"
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let out = vault
        .kith(&["search", "--paths", "hiring"])
        .current_dir(elsewhere.path())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("{}\n", vault.path().join("people/Marcus Chen.md").display())
    );
}

#[test]
fn edits_between_searches_are_always_seen() {
    let vault = people_vault();
    assert_eq!(hits(&vault, &["hiring"], 0), ["people/Marcus Chen.md"]);
    // Edit in place: the same size would not hide it (times change too).
    vault.person(
        "Marcus Chen",
        "---\ntags: [coi]\norg: Acme Robotics\n---\n## Log\n- 2026-11-01 Lunch; he is firing two engineers.\n",
    );
    hits(&vault, &["hiring"], 1);
    assert_eq!(hits(&vault, &["firing"], 0), ["people/Marcus Chen.md"]);
    // New note.
    vault.person(
        "Grace Hopper",
        "## Log\n- 2026-11-02 Talked about hiring.\n",
    );
    assert_eq!(hits(&vault, &["hiring"], 0), ["people/Grace Hopper.md"]);
    // Rename (as a move into a subfolder).
    std::fs::create_dir(vault.path().join("people/navy")).unwrap();
    std::fs::rename(
        vault.path().join("people/Grace Hopper.md"),
        vault.path().join("people/navy/Grace Hopper.md"),
    )
    .unwrap();
    assert_eq!(
        hits(&vault, &["hiring"], 0),
        ["people/navy/Grace Hopper.md"]
    );
    // Delete.
    std::fs::remove_file(vault.path().join("people/navy/Grace Hopper.md")).unwrap();
    hits(&vault, &["hiring"], 1);
}

#[test]
fn index_says_what_it_did() {
    let vault = people_vault();
    vault.kith(&["index"]).assert().code(0).stderr(
        predicate::str::is_match(r"^indexed 3, removed 0, unchanged 0 in \d+\.\d\d s\n$").unwrap(),
    );
    vault
        .kith(&["index"])
        .assert()
        .stderr(predicate::str::starts_with(
            "indexed 0, removed 0, unchanged 3 in",
        ));
    vault.person("New", "x");
    std::fs::remove_file(vault.path().join("people/Marcus Chen.md")).unwrap();
    vault
        .kith(&["index"])
        .assert()
        .stderr(predicate::str::starts_with(
            "indexed 1, removed 1, unchanged 2 in",
        ));
    vault
        .kith(&["index", "--rebuild"])
        .assert()
        .code(0)
        .stderr(predicate::str::starts_with(
            "indexed 3, removed 0, unchanged 0 in",
        ));
    // A full build stamps each note as it reads it, not in its walk: the
    // stamps hold for the next refresh all the same.
    vault
        .kith(&["index"])
        .assert()
        .stderr(predicate::str::starts_with(
            "indexed 0, removed 0, unchanged 3 in",
        ));
}

/// The files of the index's tantivy segments, largest first.
fn segment_files(vault: &TestVault) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(vault.path().join(".kith/index/tantivy"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| {
                ["store", "idx", "term", "pos", "fast"].contains(&e.to_str().unwrap())
            })
        })
        .collect();
    files.sort_by_key(|p| std::cmp::Reverse(std::fs::metadata(p).unwrap().len()));
    files
}

#[test]
fn a_damaged_index_is_rebuilt_with_a_notice() {
    let vault = people_vault();
    vault.kith(&["index"]).assert().code(0);
    for file in segment_files(&vault) {
        let len = std::fs::metadata(&file).unwrap().len();
        let truncated = std::fs::OpenOptions::new().write(true).open(&file).unwrap();
        truncated.set_len(len / 2).unwrap();
    }
    vault
        .kith(&["search", "hiring"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("people/Marcus Chen.md"))
        .stderr(predicate::str::contains("rebuil"));
    // And it stays healthy afterwards, without another notice.
    vault
        .kith(&["search", "hiring"])
        .assert()
        .code(0)
        .stderr("");
}

#[test]
fn a_damaged_manifest_or_meta_is_rebuilt_with_a_notice() {
    let vault = people_vault();
    vault.kith(&["index"]).assert().code(0);
    vault.write(".kith/index/tantivy/meta.json", "{ not json");
    vault
        .kith(&["search", "hiring"])
        .assert()
        .code(0)
        .stderr("kith: the index could not be read; rebuilt the index\n");
    vault.write(".kith/index/manifest", "garbage");
    vault
        .kith(&["list"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "another version of kith; rebuilt the index",
        ));
}

#[test]
fn a_missing_index_folder_or_file_is_named_in_words() {
    let vault = people_vault();
    vault.kith(&["index"]).assert().code(0);
    std::fs::remove_dir_all(vault.path().join(".kith/index/tantivy")).unwrap();
    vault
        .kith(&["search", "hiring"])
        .assert()
        .code(0)
        .stderr("kith: the index could not be opened (its folder is missing); rebuilt the index\n");
    std::fs::remove_file(vault.path().join(".kith/index/tantivy/meta.json")).unwrap();
    vault.kith(&["index"]).assert().code(0).stderr(predicate::str::starts_with(
        "kith: the index could not be opened (its file meta.json is missing); rebuilt the index\n",
    ));
}

#[test]
fn a_word_too_long_for_the_index_is_said_to_be() {
    let vault = people_vault();
    let word = "x".repeat(10_000);
    let output = vault.kith(&["search", &word]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("is too long to search for: words of 64 bytes or more"),
        "{stderr}"
    );
    assert!(stderr.len() < 300, "the query is shown whole: {stderr}");
    // 63 bytes is the longest word the index holds.
    vault.person("Long Word", format!("---\norg: {}\n---\n", "y".repeat(63)));
    assert_eq!(hits(&vault, &[&"y".repeat(63)], 0), ["people/Long Word.md"]);
}

#[test]
fn an_index_from_an_older_schema_is_rebuilt() {
    let vault = people_vault();
    vault.kith(&["index"]).assert().code(0);
    // The manifest starts with the schema version (a postcard varint).
    let path = vault.path().join(".kith/index/manifest");
    let mut bytes = std::fs::read(&path).unwrap();
    assert_eq!(bytes[0], 13, "schema version 13 expected first");
    bytes[0] = 12;
    std::fs::write(&path, bytes).unwrap();
    vault
        .kith(&["search", "hiring"])
        .assert()
        .code(0)
        .stderr("kith: the index was built by another version of kith; rebuilt the index\n");
}

#[test]
fn changed_cadence_settings_rebuild_the_due_dates() {
    let vault = people_vault();
    hits(&vault, &["--overdue", "name:marcus"], 1);
    vault.write(".kith/config.yaml", "cadence_by_tag:\n  coi: weekly\n");
    assert_eq!(
        hits(&vault, &["--overdue", "name:marcus"], 0),
        ["people/Marcus Chen.md"]
    );
}

#[test]
fn planned_entries_become_contact_when_their_day_comes() {
    let vault = TestVault::new();
    vault.person(
        "Ada",
        "---\ncadence: weekly\n---\n- 2026-12-01 Dinner booked\n- 2026-11-01 Call\n",
    );
    // On 11-24 the last contact is 11-01: overdue.
    assert_eq!(hits(&vault, &["--overdue", "ada"], 0), ["people/Ada.md"]);
    // On 12-03 the dinner happened on 12-01: due 12-08, not overdue.
    hits(&vault, &["--overdue", "--today", "2026-12-03", "ada"], 1);
    // And back again: an earlier day reads the note as it was then.
    assert_eq!(
        hits(&vault, &["--overdue", "--today", "2026-11-24", "ada"], 0),
        ["people/Ada.md"]
    );
}

#[test]
fn concurrent_processes_never_fail_or_corrupt_the_index() {
    let vault = people_vault();
    for i in 0..40 {
        vault.person(
            &format!("Extra {i}"),
            format!("## Log\n- 2026-11-01 note {i} hiring\n"),
        );
    }
    let mut children = Vec::new();
    for round in 0..6 {
        for args in [
            vec!["search", "hiring"],
            vec!["index"],
            vec!["list"],
            vec!["report", "--stdout"],
        ] {
            let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("kith"));
            cmd.arg("--vault")
                .arg(vault.path())
                .args(["--today", "2026-11-24"])
                .args(&args)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped());
            children.push((args.join(" "), cmd.spawn().unwrap()));
        }
        vault.person(&format!("Late {round}"), "## Log\n- 2026-11-01 hiring\n");
    }
    for (what, child) in children {
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "kith {what} failed: {stderr}");
        assert!(!stderr.contains("ock"), "kith {what} said: {stderr}");
    }
    assert_eq!(hits(&vault, &["hiring"], 0).len(), 20);
    assert_eq!(
        hits(&vault, &["--limit", "100", "hiring"], 0).len(),
        1 + 40 + 6
    );
}

#[test]
fn many_small_refreshes_do_not_pile_up_segments() {
    let vault = people_vault();
    for i in 0..15 {
        vault.person(
            &format!("Edit {i}"),
            format!("## Log\n- 2026-11-01 edit {i}\n"),
        );
        vault.kith(&["index"]).assert().code(0);
    }
    let segments = std::fs::read_dir(vault.path().join(".kith/index/tantivy"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension() == Some("store".as_ref()))
        .count();
    assert!(
        segments <= 9,
        "{segments} segments after 16 small refreshes"
    );
    assert_eq!(hits(&vault, &["--limit", "100", "edit"], 0).len(), 15);
}
