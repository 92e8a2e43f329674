//! A generated vault of thousands of people: what kith reads from its
//! index (only the candidates, for the report and check) must equal what
//! a full reading of every note gives, on any day.

use chrono::NaiveDate;
use kith::vault::Vault;

use crate::genvault;
use crate::util::TestVault;

fn generated(people: usize) -> TestVault {
    let vault = TestVault::empty();
    genvault::generate(vault.path(), people, 7).unwrap();
    vault.write(
        ".kith/config.yaml",
        "default_cadence: quarterly\ncadence_by_tag:\n  coi: weekly\nbirthday_window_days: 30\n",
    );
    vault
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
        let day = NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
        let loaded = opened.load(day);
        let expected = kith::report::render(
            &loaded.people,
            loaded.notes,
            &loaded.all_problems(),
            &opened.config,
            day,
        );
        let actual = vault.stdout(&["--today", today, "report", "--stdout"], 0);
        assert!(actual == expected, "the report differs on {today}");
    }
}

#[test]
fn check_from_the_index_lists_every_problem_a_full_reading_finds() {
    let vault = generated(1200);
    let opened = Vault::open(vault.path()).unwrap();
    let loaded = opened.load(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
    let expected: String = loaded
        .all_problems()
        .iter()
        .map(|p| format!("{p}\n"))
        .collect();
    assert!(expected.lines().count() > 3, "the generator makes defects");
    let output = vault.kith(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8(output.stdout).unwrap() == expected);
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        format!("1200 notes, {} problems\n", expected.lines().count())
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
        queries.push(person.name.clone());
        queries.push(person.path.clone());
        let first_word = person.name.split(' ').next().unwrap().to_lowercase();
        queries.push(first_word.chars().take(3).collect());
        queries.push(person.name.replace(' ', "  ").to_uppercase());
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
