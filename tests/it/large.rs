//! A generated vault of thousands of people (and years of daily notes
//! mentioning them): what kith reads from its index (only the candidates,
//! for the report and check) must equal what a full reading of every note
//! gives, on any day and after any edit.

use chrono::NaiveDate;
use kith::vault::Vault;

use crate::genvault;
use crate::util::TestVault;

fn generated(people: usize) -> TestVault {
    generated_with_days(people, 0)
}

/// Like [`generated`], with the daily notes of the last `days` days (and
/// the week ahead) and a meeting a week mentioning the people.
fn generated_with_days(people: usize, days: usize) -> TestVault {
    let vault = TestVault::empty();
    let names = genvault::generate(vault.path(), people, 7).unwrap();
    if days > 0 {
        genvault::generate_dated(vault.path(), &names, days, 7).unwrap();
    }
    vault.write(
        ".kith/config.yaml",
        "default_cadence: quarterly\ncadence_by_tag:\n  coi: weekly\nbirthday_window_days: 30\n",
    );
    vault
}

/// Asserts that `report --stdout` on `today` is what a full reading of
/// every note renders.
fn assert_report_equals_full_reading(vault: &TestVault, opened: &Vault, today: &str) {
    let day = NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
    let loaded = opened.load(day);
    let expected = kith::report::render(
        &loaded.people,
        loaded.notes,
        loaded.never_due,
        &loaded.all_problems(),
        &[],
        &opened.config,
        day,
    );
    let actual = vault.stdout(&["--today", today, "report", "--stdout"], 0);
    assert!(actual == expected, "the report differs on {today}");
}

#[test]
fn the_report_from_the_index_equals_a_full_reading_on_any_day() {
    let vault = generated(1200);
    let opened = Vault::open(vault.path()).unwrap();
    // Year ends, 28/29 February, and days before the index was built.
    for today in [
        "2026-11-24",
        "2026-12-20",
        "2027-02-20",
        "2028-02-25",
        "2025-01-01",
    ] {
        assert_report_equals_full_reading(&vault, &opened, today);
    }
}

#[test]
fn the_count_of_people_without_a_cadence_from_the_index_equals_a_full_reading() {
    let vault = generated(1200);
    vault.write(".kith/config.yaml", "cadence_by_tag:\n  coi: weekly\n");
    let opened = Vault::open(vault.path()).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    assert!(
        opened.load(today).never_due > 10,
        "the generator leaves some without"
    );
    for today in ["2026-11-24", "2027-01-15"] {
        assert_report_equals_full_reading(&vault, &opened, today);
    }
}

#[test]
fn check_from_the_index_lists_every_problem_a_full_reading_finds() {
    let vault = generated(1200);
    let opened = Vault::open(vault.path()).unwrap();
    let loaded = opened.load(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
    let problems: String = loaded
        .all_problems()
        .iter()
        .map(|p| format!("{p}\n"))
        .collect();
    let hints: String = loaded
        .all_hints()
        .iter()
        .map(|h| format!("{}:{}: hint: {}\n", h.path, h.line, h.message))
        .collect();
    assert!(problems.lines().count() > 3, "the generator makes defects");
    assert!(hints.lines().count() > 3, "and values kith ignores");
    let output = vault.kith(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8(output.stdout).unwrap() == format!("{problems}{hints}"));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        format!(
            "1200 notes, {} problems, {} hints\n",
            problems.lines().count(),
            hints.lines().count()
        )
    );
}

#[test]
fn names_resolve_through_the_index_as_over_everyone() {
    use kith::index::Catalog;
    use kith::resolve::{Matching, ResolveError, resolve};

    let vault = generated(600);
    vault.person(
        "Ada Lovelace",
        "---\naliases: [Countess of Lovelace]\n---\n",
    );
    vault.person("Zoë Müller", "---\nname: Zoë Müller\n---\n");
    vault.write("people/work/O'Brien.md", "---\nname: Seán O'Brien\n---\n");
    let opened = Vault::open(vault.path()).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let everyone = opened.load(today).people;
    let mut queries: Vec<String> = [
        "ada lovelace",
        "Countess",
        "countess of love",
        "zoe",
        "MÜLLER",
        "muller",
        "o'brien",
        "o'b",
        "sean",
        "people/work/O'Brien.md",
        "people/work/o'brien",
        "lovelac",
        "lovelase",
        "grace hoper",
        "xyzzy",
        "a",
        "ada",
        "",
    ]
    .iter()
    .map(|q| q.to_string())
    .collect();
    for person in everyone.iter().step_by(37) {
        queries.push(person.name().to_string());
        queries.push(person.path.clone());
        let first_word = person.name().split(' ').next().unwrap().to_lowercase();
        queries.push(first_word.chars().take(3).collect());
        queries.push(person.name().replace(' ', "  ").to_uppercase());
    }
    let outcome = |result: Result<&kith::note::summary::Summary, ResolveError>| match result {
        Ok(person) => format!("ok {}", person.path),
        Err(ResolveError::Unknown { .. }) => "unknown".to_string(),
        Err(error) => error.to_string(),
    };
    let mut catalog = Catalog::new(&opened);
    for query in &queries {
        let candidates = catalog.named(today, query).unwrap();
        for matching in [Matching::Prefix, Matching::Exact] {
            assert_eq!(
                outcome(resolve(&candidates, query, matching)),
                outcome(resolve(&everyone, query, matching)),
                "{query:?} with {matching:?}"
            );
        }
    }
}

/// A note that sets every field of the table, in other spellings too, and
/// fields kith does not know.
const EVERY_FIELD: &str = "---
full_name: Ada Lovelace
alias: [Ada, Countess of Lovelace]
tag: '#mentor, referral-source'
company: Analytical Engines Ltd
job_title: CTO
emails: [ada@example.com, ada@work.example]
phones: \"+44 20 7946 0000\"
city: London
frequency: every 5 weeks
lastContact: 2026-10-01
bday: 1815-12-10
priority: A
relationship: referral source
purpose: |
  Sends us two clients a year.
  Wants intros to investors.
met: 2019 Royal Society dinner
introduced_by: \"[[Charles Babbage]]\"
interests: mathematics, poetry
snooze_until: 2026-12-01
archived: no
linkedin: ada-l
website: [a.example, b.example]
---
## Log
- 2026-11-02 Coffee
- [ ] 2026-11-20 Send the notes
";

/// `list --json` as objects, keyed by path.
fn listed(vault: &TestVault) -> Vec<serde_json::Value> {
    vault
        .stdout(&["list", "--json"], 0)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// What `list --json` must print, from a full reading of every note.
fn oracle(opened: &Vault, today: NaiveDate) -> Vec<serde_json::Value> {
    use kith::view::json::PersonJson;
    use kith::view::list::{Filter, Order, rows};
    let loaded = opened.load(today);
    rows(
        &loaded.people,
        &opened.config,
        today,
        &Filter::default(),
        Order::Name,
    )
    .into_iter()
    .map(|(person, _)| {
        serde_json::to_value(PersonJson::new(person, &opened.config, today)).unwrap()
    })
    .collect()
}

#[test]
fn every_field_read_through_the_index_equals_a_full_reading() {
    let vault = generated(900);
    vault.person("Ada Lovelace", EVERY_FIELD);
    vault.write(
        "people/more/Grace.md",
        "---\nname: Grace\nphone: [\"1\", \"2\"]\nmet: at sea\n---\n",
    );
    let opened = Vault::open(vault.path()).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let first = listed(&vault);
    assert_eq!(first.len(), 902);
    assert!(first == oracle(&opened, today), "list --json differs");
    let ada = first.iter().find(|p| p["name"] == "Ada Lovelace").unwrap();
    assert_eq!(ada["phone"], serde_json::json!(["+44 20 7946 0000"]));
    assert_eq!(ada["location"], "London");
    assert_eq!(ada["other_fields"]["website"], "a.example, b.example");

    // Edited, added and removed notes: the refreshed index still agrees.
    vault.person(
        "Ada Lovelace",
        EVERY_FIELD.replace("city: London", "city: Paris"),
    );
    vault.write("people/more/Alan.md", "---\nemail: alan@example.com\n---\n");
    std::fs::remove_file(vault.path().join("people/more/Grace.md")).unwrap();
    let second = listed(&vault);
    assert!(
        second == oracle(&opened, today),
        "list --json differs after edits"
    );
    let ada = second.iter().find(|p| p["name"] == "Ada Lovelace").unwrap();
    assert_eq!(ada["location"], "Paris");
}

#[test]
fn vcards_exported_through_the_index_equal_a_full_reading() {
    use kith::contacts::contact::Contact;
    use kith::contacts::stable_uuid;
    use kith::contacts::vcard::render_into;

    let vault = generated(500);
    vault.person("Ada Lovelace", EVERY_FIELD);
    let opened = Vault::open(vault.path()).unwrap();
    let loaded = opened.load(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
    let mut expected = String::new();
    for person in &loaded.people {
        render_into(
            &mut expected,
            &Contact::of(&person.fields),
            &stable_uuid(&person.path),
        );
    }
    let actual = vault.stdout(&["export", "vcard"], 0);
    assert!(actual == expected, "the vCards differ");
    assert!(actual.contains("\r\nTEL:+44 20 7946 0000\r\n"));
    assert!(actual.contains("\r\nADR:;;;London;;;\r\n"));
}

/// `check`'s output (problems, then hints) as a full reading finds it.
fn full_check(opened: &Vault, today: NaiveDate) -> String {
    let loaded = opened.load(today);
    let problems = loaded.all_problems();
    let hints = loaded.all_hints();
    let mut out: String = problems.iter().map(|p| format!("{p}\n")).collect();
    for hint in &hints {
        out.push_str(&format!(
            "{}:{}: hint: {}\n",
            hint.path, hint.line, hint.message
        ));
    }
    out
}

/// Asserts that `list --json`, the report on a few days and `check` equal
/// what a full reading gives, saying `after` what.
fn assert_everything_equals_full_reading(vault: &TestVault, opened: &Vault, after: &str) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    assert!(
        listed(vault) == oracle(opened, today),
        "list --json differs {after}"
    );
    for day in ["2026-11-24", "2026-11-28", "2026-06-01"] {
        assert_report_equals_full_reading(vault, opened, day);
    }
    let checked = vault.kith(&["check"]).output().unwrap();
    assert!(
        String::from_utf8(checked.stdout).unwrap() == full_check(opened, today),
        "check differs {after}"
    );
}

#[test]
fn mentions_in_daily_and_meeting_notes_through_the_index_equal_a_full_reading() {
    let vault = generated_with_days(800, 500);
    vault.write(
        "Meetings/2026-11-23 Twins.md",
        "---\nwith: \"[[Twin]]\"\n---\nWhich one?\n",
    );
    let opened = Vault::open(vault.path()).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let loaded = opened.load(today);
    let mentioned = loaded
        .people
        .iter()
        .filter(|p| !p.mentions.is_empty())
        .count();
    assert!(
        mentioned > 300,
        "the generator mentions most people: {mentioned}"
    );
    assert!(
        loaded
            .people
            .iter()
            .any(|p| p.promises.iter().any(|d| d.note.is_some())),
        "and promises them things in daily notes"
    );
    let hints = full_check(&opened, today);
    assert!(hints.contains("did you mean"), "near misses: {hints}");
    assert!(hints.contains("Twin"), "a shared alias: {hints}");
    assert_everything_equals_full_reading(&vault, &opened, "at first");

    // A daily note edited: one person's lunch becomes another's.
    let daily = "Journal/2026-11-22.md";
    let first = &loaded.people[0];
    let second = &loaded.people[1];
    let stem = |p: &kith::note::summary::Summary| kith::note::file_stem(&p.path).to_string();
    vault.write(
        daily,
        format!(
            "# Sunday\n\n- Lunch with [[{}]] at the harbour\n- [ ] Send [[{}]] the founders' list\n",
            stem(first),
            stem(second)
        ),
    );
    assert_everything_equals_full_reading(&vault, &opened, "after a daily note was edited");

    // A person renamed: links by the old name now name no one, and the
    // new name was linked before anyone had it.
    let old = vault.path().join(&first.path);
    let new = old.with_file_name("Someone Not Yet Written.md");
    std::fs::rename(&old, &new).unwrap();
    assert_everything_equals_full_reading(&vault, &opened, "after a person was renamed");

    // An alias changed, a meeting deleted, a person deleted.
    let twin = loaded
        .people
        .iter()
        .find(|p| p.fields.list(kith::note::fields::Field::Aliases) == ["Twin"])
        .unwrap();
    let text = vault
        .read(&twin.path)
        .replace("aliases: [Twin]", "aliases: [Solo]");
    vault.write(&twin.path, text);
    let meeting = std::fs::read_dir(vault.path().join("Meetings"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::remove_file(meeting).unwrap();
    std::fs::remove_file(vault.path().join(&second.path)).unwrap();
    assert_everything_equals_full_reading(&vault, &opened, "after an alias changed and deletes");
}

#[test]
fn a_promise_elsewhere_to_someone_the_report_would_leave_out_is_read_as_in_a_full_reading() {
    let vault = generated_with_days(300, 60);
    // Not due for a year, no promise of their own, no birthday: only the
    // task in a meeting note brings Grace into the report.
    vault.person(
        "Grace Hopper",
        "---\ncadence: yearly\n---\n# Grace\n\n- 2026-11-01 Tea\n",
    );
    vault.write(
        "Meetings/2026-11-21 Compilers.md",
        "# Compilers\n\n- [ ] Send [[Grace Hopper]] the compiler notes\n",
    );
    vault.write(
        "Meetings/2026-11-22 Tea.md",
        "# Tea\n\n- Tea with [[Grace Hopper]], she'll review the draft\n",
    );
    let opened = Vault::open(vault.path()).unwrap();
    let report = vault.stdout(&["--today", "2026-11-24", "report", "--stdout"], 0);
    assert!(
        report.contains("Grace Hopper]] *2026-11-21 (3 days ago)"),
        "{report}"
    );
    assert_report_equals_full_reading(&vault, &opened, "2026-11-24");

    vault.write(
        "Meetings/2026-11-21 Compilers.md",
        "# Compilers\n\n- [x] Send [[Grace Hopper]] the compiler notes\n",
    );
    let report = vault.stdout(&["--today", "2026-11-24", "report", "--stdout"], 0);
    assert!(!report.contains("Grace Hopper"), "{report}");
    assert_report_equals_full_reading(&vault, &opened, "2026-11-24");
}
