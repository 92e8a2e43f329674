//! Building relationships: `share` ranks and spaces out, `share --log` and
//! `intro` write exactly their lines (one note failing leaves the others
//! written), `intros` suggests unconnected pairs, the report lists who was
//! not taken out, and `←` says who reached out.

use predicates::prelude::*;

use crate::util::{TestVault, added_lines, section};

/// The first column of a table's rows, after its header.
fn first_column(table: &str) -> Vec<&str> {
    table
        .lines()
        .skip(1)
        .map(|line| line.split("  ").next().unwrap_or_default())
        .collect()
}

/// A vault where each topic has an obvious answer.
fn sailors() -> TestVault {
    let vault = TestVault::new();
    vault.person(
        "Wren Aalto",
        "---\ninterests: [sail, jazz]\n---\n## Log\n- 2026-09-01 Call\n",
    );
    vault.person(
        "Kofi Mensah",
        "---\npurpose: Crews a Dragon-class boat; wants sailing contacts.\n---\n",
    );
    vault.person(
        "Ilse Brandt",
        "---\nrole: Harbour master\n---\n## Log\n- 2026-07-04 Sailed round the Fastnet with her\n- 2026-06-01 Call\n",
    );
    vault.person(
        "Noor Haddad",
        "---\ninterests: [Sailing]\n---\n## Log\n- 2026-11-20 Shared: the Vendée Globe piece\n",
    );
    vault.person("Teo Rossi", "---\ninterests: [bread, jazz]\n---\n");
    vault
}

#[test]
fn share_ranks_by_interests_purpose_then_log_and_spaces_out_recent_shares() {
    let vault = sailors();
    let out = vault.stdout(&["share", "sailing"], 0);
    assert_eq!(
        out,
        "NAME         LAST SHARE  WHY\n\
         Wren Aalto   never       interests: sail\n\
         Kofi Mensah  never       purpose: Crews a Dragon-class boat; wants sailing contacts.\n\
         Ilse Brandt  never       log 2026-07-04: Sailed round the Fastnet with her\n\
         \n\
         Given something in the last 14 days, so not ranked:\n\
         Noor Haddad  2026-11-20 (4 days ago)  interests: Sailing\n"
    );
    // With a shorter spacing she is ranked again, first (interests) by name.
    vault.write(".kith/config.yaml", "share_spacing: 3\n");
    let out = vault.stdout(&["share", "Sails"], 0);
    assert_eq!(
        first_column(&out),
        ["Wren Aalto", "Noor Haddad", "Kofi Mensah", "Ilse Brandt"]
    );
}

#[test]
fn accents_and_stems_match_either_way() {
    let vault = TestVault::new();
    vault.person("Zoë", "---\ninterests: [Café culture, sailed boats]\n---\n");
    let out = vault.stdout(&["share", "cafe sailing"], 0);
    assert!(
        out.contains("interests: Café culture, sailed boats"),
        "{out}"
    );
    let out = vault.stdout(&["share", "CAFÉS"], 0);
    assert!(out.contains("Zoë"), "{out}");
}

#[test]
fn a_tie_goes_to_who_got_something_longest_ago() {
    let vault = TestVault::new();
    vault.person(
        "Bea",
        "---\ninterests: [golf]\n---\n- 2026-10-01 Sent the club list\n",
    );
    vault.person(
        "Abe",
        "---\ninterests: [golf]\n---\n- 2026-06-01 Shared: a course review\n",
    );
    vault.person("Cy", "---\ninterests: [golf]\n---\n");
    let out = vault.stdout(&["share", "golf"], 0);
    assert_eq!(first_column(&out), ["Cy", "Abe", "Bea"]);
}

#[test]
fn a_topic_nobody_shares_exits_1_and_says_so() {
    let vault = sailors();
    vault
        .kith(&["share", "cryptozoology"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("speak of 'cryptozoology'"));
    vault
        .kith(&["share", "--", "--- !"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("holds no word to match"));
}

#[test]
fn share_json_is_the_person_with_the_ranking() {
    let vault = sailors();
    let out = vault.stdout(&["share", "sailing", "--json"], 0);
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["name"], "Wren Aalto");
    assert_eq!(rows[0]["share"]["why"][0]["field"], "interests");
    assert_eq!(rows[0]["share"]["spaced"], false);
    assert_eq!(rows[2]["share"]["why"][0]["field"], "log");
    assert_eq!(rows[3]["name"], "Noor Haddad");
    assert_eq!(rows[3]["share"]["spaced"], true);
    assert_eq!(rows[3]["last_share"]["date"], "2026-11-20");
}

#[test]
fn share_log_writes_one_line_in_each_chosen_note_and_nothing_else() {
    let vault = sailors();
    vault.person(
        "Wren Aalto",
        "\u{feff}---\r\ninterests: [sail, jazz]\r\n---\r\n## Log\r\n- 2026-09-01 Call\r\n",
    );
    let before = vault.snapshot("people");
    vault
        .kith(&[
            "share",
            "sailing",
            "--log",
            "Fastnet race report",
            "--top",
            "2",
        ])
        .assert()
        .code(0)
        .stdout(
            "people/Wren Aalto.md:5: - 2026-11-24 Shared: Fastnet race report\n\
             people/Kofi Mensah.md:6: - 2026-11-24 Shared: Fastnet race report\n",
        )
        .stderr("logged the share in 2 notes\n");
    assert_eq!(
        vault.read("people/Wren Aalto.md"),
        "\u{feff}---\r\ninterests: [sail, jazz]\r\n---\r\n## Log\r\n- 2026-11-24 Shared: Fastnet race report\r\n- 2026-09-01 Call\r\n"
    );
    let after = vault.snapshot("people");
    let changed: Vec<_> = after
        .iter()
        .filter(|(path, bytes)| before[*path] != **bytes)
        .map(|(path, _)| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(changed, ["Kofi Mensah.md", "Wren Aalto.md"]);
    // Now both are spaced out: Ilse is the best to give it to.
    let out = vault.stdout(&["share", "sailing"], 0);
    assert!(out.starts_with("NAME"), "{out}");
    assert_eq!(first_column(&out)[0], "Ilse Brandt");
    // One undo takes both back.
    vault.kith(&["undo"]).assert().code(0);
    assert_eq!(vault.snapshot("people"), before);
}

#[test]
fn share_log_to_names_writes_the_others_when_one_note_is_read_only() {
    let vault = sailors();
    let locked = vault.path().join("people/Kofi Mensah.md");
    let mut permissions = std::fs::metadata(&locked).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&locked, permissions).unwrap();
    let kofi = vault.read("people/Kofi Mensah.md");
    let teo = vault.read("people/Teo Rossi.md");
    vault
        .kith(&[
            "share",
            "bread",
            "--log",
            "Tartine's recipe",
            "--to",
            "Teo Rossi",
            "Kofi Mensah",
            "Teo Rossi",
        ])
        .assert()
        .code(1)
        .stdout("people/Teo Rossi.md:6: - 2026-11-24 Shared: Tartine's recipe\n")
        .stderr(
            "kith: people/Kofi Mensah.md: not written: cannot write people/Kofi Mensah.md: it is \
             read-only; make it writable to let kith change it\n\
             kith: logged the share in 1 of 2 notes; not written: people/Kofi Mensah.md\n",
        );
    assert_eq!(vault.read("people/Kofi Mensah.md"), kofi);
    assert_eq!(
        added_lines(&teo, &vault.read("people/Teo Rossi.md")),
        ["", "## Log", "- 2026-11-24 Shared: Tartine's recipe"]
    );
}

#[test]
fn share_log_needs_whom_and_an_unknown_name_writes_nothing() {
    let vault = sailors();
    let before = vault.snapshot("people");
    vault
        .kith(&["share", "sailing", "--log", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--to"));
    vault
        .kith(&["share", "sailing", "--top", "2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--log"));
    vault
        .kith(&[
            "share",
            "sailing",
            "--log",
            "x",
            "--to",
            "Wren Aalto",
            "Nobody Here",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Nobody Here"));
    vault
        .kith(&["share", "cryptozoology", "--log", "x", "--top", "1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nobody to log the share for"));
    assert_eq!(vault.snapshot("people"), before);
}

/// People whose interests, needs and offers meet.
fn networkers() -> TestVault {
    let vault = TestVault::new();
    vault.person(
        "Ama Owusu",
        "---\ninterests: [fintech, sailing, jazz]\nneeds: [a fractional CFO]\n---\n",
    );
    vault.person(
        "Björn Lind",
        "---\ninterests: [Sailing, FinTech]\noffers: [fractional CFO work]\n---\n",
    );
    vault.person("Chidi Eze", "---\ninterests: [jazz]\nrole: CFO\n---\n");
    vault.person("Dana Levi", "---\ninterests: [pottery]\n---\n");
    vault
}

#[test]
fn intros_rank_needs_met_and_shared_interests_with_the_reason() {
    let vault = networkers();
    vault.kith(&["intros"]).assert().code(0).stdout(
        "INTRODUCE               WHY\n\
         Ama Owusu + Björn Lind  both: fintech, sailing; Ama needs: a fractional CFO · Björn: fractional CFO work\n\
         Ama Owusu + Chidi Eze   both: jazz; Ama needs: a fractional CFO · Chidi: CFO\n",
    );
    vault.kith(&["intros", "chidi"]).assert().code(0).stdout(
        "INTRODUCE              WHY\n\
         Chidi Eze + Ama Owusu  both: jazz; Ama needs: a fractional CFO · Chidi: CFO\n",
    );
    vault
        .kith(&["intros", "dana"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("no introduction to suggest"));
    let json = vault.stdout(&["intros", "--json", "--limit", "1"], 0);
    let pair: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert_eq!(pair["a"]["path"], "people/Ama Owusu.md");
    assert_eq!(pair["b"]["name"], "Björn Lind");
    assert_eq!(pair["both"], serde_json::json!(["fintech", "sailing"]));
    assert_eq!(
        pair["needs"][0]["offers"],
        serde_json::json!(["fractional CFO work"])
    );
}

#[test]
fn intros_skip_pairs_already_connected() {
    let vault = networkers();
    // A link either way, or a log line speaking of the introduction.
    vault.person(
        "Chidi Eze",
        "---\ninterests: [jazz]\nrole: CFO\n---\nPlays with [[Ama Owusu|Ama]] on Fridays.\n",
    );
    vault.person(
        "Björn Lind",
        "---\ninterests: [Sailing, FinTech]\noffers: [fractional CFO work]\n---\n\
         - [ ] 2026-12-01 Intro to Ama\n",
    );
    vault.kith(&["intros"]).assert().code(1).stdout("");
}

#[test]
fn intro_writes_both_notes_byte_for_byte_and_the_pair_is_not_suggested_again() {
    let vault = networkers();
    vault.person(
        "Björn Lind",
        "\u{feff}---\r\ninterests: [Sailing, FinTech]\r\noffers: [fractional CFO work]\r\n---\r\n# Björn\r\n\r\nNotes.",
    );
    let ama = vault.read("people/Ama Owusu.md");
    let bjorn = vault.read("people/Björn Lind.md");
    let others = (
        vault.read("people/Chidi Eze.md"),
        vault.read("people/Dana Levi.md"),
    );
    vault
        .kith(&["intro", "Ama Owusu", "bjorn lind", "she is raising a seed round"])
        .assert()
        .code(0)
        .stdout(
            "people/Ama Owusu.md:7: - 2026-11-24 Introduced to [[Björn Lind]] — she is raising a seed round\n\
             people/Björn Lind.md:10: - 2026-11-24 Introduced to [[Ama Owusu]] — she is raising a seed round\n",
        );
    assert_eq!(
        added_lines(&ama, &vault.read("people/Ama Owusu.md")),
        [
            "",
            "## Log",
            "- 2026-11-24 Introduced to [[Björn Lind]] — she is raising a seed round"
        ]
    );
    assert_eq!(
        vault.read("people/Björn Lind.md"),
        format!(
            "{bjorn}\r\n\r\n## Log\r\n- 2026-11-24 Introduced to [[Ama Owusu]] — she is raising a seed round"
        )
    );
    assert_eq!(
        (
            vault.read("people/Chidi Eze.md"),
            vault.read("people/Dana Levi.md")
        ),
        others
    );
    let out = vault.stdout(&["intros"], 0);
    assert!(!out.contains("Björn"), "{out}");
    vault
        .kith(&["intro", "Ama Owusu", "ama owusu"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("introduce two people"));
}

#[test]
fn the_report_lists_who_matters_most_and_was_not_taken_out() {
    let vault = TestVault::new();
    vault.write(
        ".kith/config.yaml",
        "outings:\n  lunch: [lunch, brunch]\n  golf: golf\nouting_for:\n  tags: [vip]\n",
    );
    vault.person(
        "Tagged",
        "---\ntags: [vip]\n---\n- 2026-06-02 Catch-up over #brunch\n",
    );
    vault.person(
        "Worded",
        "---\ntags: [vip]\n---\n- 2026-03-02 Lunches at Zuni\n",
    );
    vault.person(
        "Lapsed",
        "---\ntags: [VIP]\ninterests: [golf, crime novels]\n---\n- 2025-11-24 #golf at Lincoln Park\n- 2026-11-01 Call\n",
    );
    vault.person(
        "Never",
        "---\ntags: [vip]\n---\n- 2026-11-01 ← Call\n- 2026-10-01 ← Call\n- 2026-09-01 ← Call\n",
    );
    vault.person(
        "Coffee only",
        "---\ntags: [vip]\n---\n- 2026-11-01 Coffee\n",
    );
    vault.person("Not vip", "---\npriority: A\n---\n");
    let report = vault.report();
    let outings = section(&report, "Not taken out this year").unwrap();
    let outings = outings.split("\n---\n").next().unwrap();
    assert_eq!(
        outings,
        "## Not taken out this year (3)\n\n\
         - [ ] [[people/Coffee only|Coffee only]] *no outing logged · no interests noted: ask what they enjoy*\n\
         - [ ] [[people/Never|Never]] *no outing logged · no interests noted: ask what they enjoy · they reached out the last 3 times*\n\
         - [ ] [[people/Lapsed|Lapsed]] *last outing 2025-11-24 (golf) · likes golf, crime novels · idea: golf*\n"
    );
}

#[test]
fn a_ticked_outing_is_logged_as_one_and_leaves_the_section() {
    let vault = TestVault::new();
    vault.person("Ada", "---\npriority: A\n---\n## Log\n- 2026-11-01 Call\n");
    vault.person("Bo", "---\npriority: A\n---\n## Log\n- 2026-11-01 Call\n");
    vault.kith(&["report"]).assert().code(0);
    let report = vault.read("Follow-ups.md");
    let ticked = report
        .replace("- [ ] [[people/Ada|Ada]] *no outing logged", "- [x] [[people/Ada|Ada]] *no outing logged")
        .replace(
            "[[people/Bo|Bo]] *no outing logged · no interests noted: ask what they enjoy*",
            "[[people/Bo|Bo]] *no outing logged · no interests noted: ask what they enjoy* — lunch at Zuni",
        )
        .replacen("- [ ] [[people/Bo|Bo]]", "- [x] [[people/Bo|Bo]]", 1);
    vault.write("Follow-ups.md", ticked);
    vault.kith(&["report"]).assert().code(0).stderr(
        "recorded people/Ada.md:5: - 2026-11-24 #outing Checked off in Follow-ups\n\
             recorded people/Bo.md:5: - 2026-11-24 lunch at Zuni\n\
             wrote Follow-ups.md\n",
    );
    let report = vault.read("Follow-ups.md");
    assert!(!report.contains("Not taken out"), "{report}");
}

#[test]
fn the_arrow_and_log_them_say_who_reached_out() {
    let vault = TestVault::new();
    vault.person(
        "Ada",
        "## Log\n- 2026-11-01 <- She called\n- 2026-10-01 Coffee\n",
    );
    vault
        .kith(&["log", "Ada", "Asked for the deck", "--them"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "people/Ada.md:2: - 2026-11-24 ← Asked for the deck\n",
        ));
    let show = vault.stdout(&["show", "Ada"], 0);
    assert!(
        show.contains(
            "reaching out  they reached out the last 2 times (they started 2 of the last 3)"
        ),
        "{show}"
    );
    let json = vault.stdout(&["show", "Ada", "--json"], 0);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        json["started_by"],
        serde_json::json!(["them", "them", "you"])
    );
    assert_eq!(json["last_outing"]["kind"], "coffee");
}

#[test]
fn check_hints_at_who_matters_most_without_a_purpose_and_still_passes() {
    let vault = TestVault::new();
    vault.person("Ada", "---\ntags: [coi]\n---\n");
    vault.person("Bo", "---\ntags: [coi]\npurpose: Refers clients\n---\n");
    vault.person("Cy", "---\npriority: B\n---\n");
    vault
        .kith(&["check"])
        .assert()
        .code(0)
        .stdout(
            "people/Ada.md:1: hint: Ada matters most (tag coi) and has no purpose: a clear purpose \
             is the base of the connection; say in 'purpose:' why this relationship matters\n",
        )
        .stderr("3 notes, 0 problems, 1 hint\n");
    let show = vault.stdout(&["show", "Ada"], 0);
    assert!(
        show.contains("\nHints\n  people/Ada.md:1: Ada matters most (tag coi)"),
        "{show}"
    );
    // A purpose, and the hint is gone.
    vault.person("Ada", "---\ntags: [coi]\npurpose: Sends us founders\n---\n");
    vault
        .kith(&["check"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("3 notes, 0 problems\n");
}

#[test]
fn changing_the_kinds_of_outing_or_who_matters_most_is_seen_at_once() {
    let vault = TestVault::new();
    vault.person(
        "Ada",
        "---\npriority: A\npurpose: Refers\n---\n- 2026-06-02 Brunch at Zuni\n",
    );
    vault.person("Bo", "---\ntags: [vip]\npurpose: Refers\n---\n");
    let report = vault.report();
    let outings = section(&report, "Not taken out this year").unwrap();
    assert!(outings.contains("[[people/Ada|Ada]]"), "{report}");
    assert!(!outings.contains("Bo"), "{report}");
    vault.write(
        ".kith/config.yaml",
        "outings:\n  lunch: [lunch, brunch]\nouting_for:\n  tags: [vip]\n  priority: [A]\n",
    );
    let output = vault.kith(&["report", "--stdout"]).output().unwrap();
    let report = String::from_utf8(output.stdout.clone()).unwrap();
    let outings = section(&report, "Not taken out this year").unwrap();
    assert!(!outings.contains("Ada"), "{report}");
    assert!(outings.contains("[[people/Bo|Bo]]"), "{report}");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("outings or outing_for settings"),
        "{output:?}"
    );
}
