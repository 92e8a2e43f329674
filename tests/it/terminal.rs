//! A note full of escape sequences, bidi overrides and zero-width
//! characters, in its file name, name, values and log: every command
//! prints it cleanly, and JSON keeps it exactly, as `\u` escapes.

use crate::util::TestVault;

/// A file name with an escape sequence and a right-to-left override.
pub(crate) const HOSTILE_FILE: &str = "people/Eve\u{1b}[31m\u{202e}.md";

/// The note: a red, reversed, zero-width-laden name that also sets the
/// window title, an org with an isolate, an unknown cadence that clears
/// the screen, and a log that blinks, reorders and hides a link.
pub(crate) fn hostile_note() -> String {
    "---\n\
     name: \"Eve\\e[31m Red\\u202e\\u200b\\e]0;pwned\\a\"\n\
     org: \"Acme\\u2066 Corp\\e[0m\"\n\
     role: \"Boss\\u2063\"\n\
     cadence: \"\\e[2Jsometimes\"\n\
     tags: [spy]\n\
     motto: \"trust\\e[8m me\\u2067\"\n\
     ---\n\
     ## Log\n\
     - 2026-11-01 Called about \u{1b}[5mhiring\u{202e} plans\u{200b}\n\
     - [ ] 2026-11-20 Send the \u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\ \u{2068}now\n"
        .to_string()
}

/// What the name, cleaned, looks like.
pub(crate) const CLEAN_NAME: &str = "Eve Red";

/// Asserts that `text` holds nothing a terminal would act on or hide,
/// other than the line breaks and `also` characters kith writes itself.
pub(crate) fn assert_printable(what: &str, text: &str, also: &[char]) {
    let bad: Vec<char> = text
        .chars()
        .filter(|c| *c != '\n' && !also.contains(c) && kith::text::is_unprintable(*c))
        .collect();
    assert!(bad.is_empty(), "{what} prints {bad:?}:\n{text}");
}

fn vault() -> TestVault {
    let vault = TestVault::new();
    vault.write(HOSTILE_FILE, hostile_note());
    vault
}

/// Runs kith, asserts the exit code and that both streams print cleanly;
/// returns stdout and stderr.
fn run(vault: &TestVault, args: &[&str], code: i32, also: &[char]) -> (String, String) {
    let output = vault.kith(args).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(code), "{args:?}: {stderr}");
    assert_printable(&format!("{args:?} stdout"), &stdout, also);
    assert_printable(&format!("{args:?} stderr"), &stderr, &[]);
    (stdout, stderr)
}

#[test]
fn check_prints_the_problem_cleanly() {
    let (stdout, stderr) = run(&vault(), &["check"], 1, &[]);
    assert_eq!(
        stdout,
        "people/Eve.md:5: cadence: unknown cadence 'sometimes' (try daily, weekly, biweekly, \
         monthly, quarterly, yearly, 10d, 6w, 3m, 1y or 'every 2 weeks')\n"
    );
    assert_eq!(stderr, "1 note, 1 problem\n");
}

#[test]
fn list_prints_cleanly_as_a_table_and_keeps_json_exact() {
    let vault = vault();
    let (stdout, stderr) = run(&vault, &["list"], 0, &['\t']);
    assert_eq!(
        stdout,
        format!("{CLEAN_NAME}\t\t2026-11-01\tno cadence\tAcme Corp\tspy\n")
    );
    assert_eq!(
        stderr,
        "kith: 1 problem in the notes; `kith check` lists them\n"
    );
    let (json, _) = run(&vault, &["list", "--json"], 0, &[]);
    let person: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        person["name"],
        "Eve\u{1b}[31m Red\u{202e}\u{200b}\u{1b}]0;pwned\u{7}"
    );
    assert_eq!(person["path"], HOSTILE_FILE);
    assert_eq!(person["other_fields"]["motto"], "trust\u{1b}[8m me\u{2067}");
}

#[test]
fn show_prints_cleanly_and_its_json_equals_lists() {
    let vault = vault();
    let (stdout, _) = run(&vault, &["show", "eve"], 0, &[]);
    assert!(
        stdout.starts_with(&format!("{CLEAN_NAME}\npeople/Eve.md\n\n")),
        "{stdout}"
    );
    for line in [
        "org             Acme Corp\n",
        "role            Boss\n",
        "motto           trust me\n",
        "  2026-11-01  Called about hiring plans\n",
        "  2026-11-20  Send the link now (overdue 4 days)\n",
        "  people/Eve.md:5: cadence: unknown cadence 'sometimes'",
    ] {
        assert!(stdout.contains(line), "{line:?} in:\n{stdout}");
    }
    let (json, _) = run(&vault, &["show", "eve", "--json"], 0, &[]);
    let (listed, _) = run(&vault, &["list", "--json"], 0, &[]);
    assert_eq!(json, listed, "show --json and list --json print one object");
}

#[test]
fn search_prints_cleanly_with_and_without_colour() {
    let vault = vault();
    // An escape sequence glued to a word is part of it for the index
    // (`[5mhiring`): search the word after it.
    let (plain, _) = run(&vault, &["search", "plans"], 0, &[]);
    assert_eq!(
        plain,
        format!(
            "people/Eve.md  {CLEAN_NAME} · Boss, Acme Corp · no cadence  …- 2026-11-01 Called about hiring plans…\n"
        )
    );
    let output = vault
        .kith(&["--color", "always", "search", "plans"])
        .output()
        .unwrap();
    let colored = String::from_utf8(output.stdout).unwrap();
    // Only kith's own colours: path, name and the match.
    let own = ["\u{1b}[35m", "\u{1b}[1m", "\u{1b}[1;31m", "\u{1b}[0m"];
    let mut rest = colored.clone();
    for code in own {
        rest = rest.replace(code, "");
    }
    assert_eq!(rest, plain);
    assert!(
        colored.contains("\u{1b}[1;31mplans\u{1b}[0m"),
        "{colored:?}"
    );
    let (json, _) = run(&vault, &["search", "--json", "plans"], 0, &[]);
    let hit: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(hit["org"], "Acme\u{2066} Corp\u{1b}[0m");
}

#[test]
fn colour_only_when_asked_for_or_on_a_terminal() {
    let vault = vault();
    for args in [
        vec!["search", "plans"],
        vec!["--color", "never", "search", "plans"],
    ] {
        let output = vault.kith(&args).output().unwrap();
        assert!(!output.stdout.contains(&0x1b), "{args:?}");
    }
    // An explicit `always` wins over NO_COLOR, as no-color.org asks.
    let output = vault
        .kith(&["--color", "always", "search", "plans"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(output.stdout.contains(&0x1b));
}

#[test]
fn errors_quote_names_and_queries_cleanly() {
    let vault = vault();
    vault.write(
        "people/Eve 2.md",
        "---\nname: \"Eve\\e[31m Red\\u202e\"\n---\n",
    );
    let (_, stderr) = run(&vault, &["show", "eve"], 2, &[]);
    assert_eq!(
        stderr,
        format!(
            "kith: 'eve' could be 2 people; name one by its full name or path:\n  \
             {CLEAN_NAME}  (people/Eve.md)\n  {CLEAN_NAME}  (people/Eve 2.md)\n"
        )
    );
    let (_, stderr) = run(
        &vault,
        &["log", "nobody\u{1b}[2J\u{202e}\u{200b}", "x"],
        2,
        &[],
    );
    assert!(
        stderr.starts_with("kith: no person is called 'nobody'"),
        "{stderr}"
    );
}

#[test]
fn the_printed_report_is_clean_too() {
    let (stdout, _) = run(&vault(), &["report", "--stdout"], 0, &[]);
    assert!(stdout.contains("Send the link now"), "{stdout}");
}
