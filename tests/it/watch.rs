//! `kith watch` with the real file watcher on real temporary vaults. Each
//! test polls for the expected state with a generous deadline and never
//! asserts how fast it came.
#![cfg(unix)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::TestVault;

/// How long any expected state may take to appear on a slow machine.
const DEADLINE: Duration = Duration::from_secs(30);

/// A `kith watch` process on a vault, stopped when dropped.
pub(crate) struct Watcher {
    child: Option<Child>,
    log: PathBuf,
    clock: PathBuf,
    _files: tempfile::TempDir,
}

impl Watcher {
    /// Starts watching `vault` with the clock file set to `today`, and
    /// waits until the first report is written.
    pub(crate) fn start(vault: &TestVault, today: &str) -> Watcher {
        let files = tempfile::tempdir().unwrap();
        let log = files.path().join("watch.log");
        let clock = files.path().join("today");
        std::fs::write(&clock, today).unwrap();
        let child = Command::new(assert_cmd::cargo::cargo_bin("kith"))
            .arg("--vault")
            .arg(vault.path())
            .arg("watch")
            .env("KITH_CLOCK", &clock)
            .env_remove("KITH_VAULT")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let watcher = Watcher {
            child: Some(child),
            log,
            clock,
            _files: files,
        };
        watcher.wait_for_log("watching ");
        watcher
    }

    fn pid(&self) -> u32 {
        self.child.as_ref().unwrap().id()
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    pub(crate) fn wait_for_log(&self, text: &str) {
        wait_until(&format!("the watcher to say {text:?}"), || {
            self.log().contains(text)
        });
    }

    /// Lines reporting an update (they start with a time).
    fn update_lines(&self) -> usize {
        self.log()
            .lines()
            .filter(|l| l.len() > 9 && l.as_bytes()[2] == b':' && l.contains(" overdue"))
            .count()
    }

    fn set_today(&self, today: &str) {
        std::fs::write(&self.clock, today).unwrap();
    }

    fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args([signal, &self.pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits for the process to end and returns its exit code.
    fn wait(&mut self) -> Option<i32> {
        let mut child = self.child.take().unwrap();
        let started = Instant::now();
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                return status.code();
            }
            if started.elapsed() > DEADLINE {
                let _ = child.kill();
                panic!("the watcher did not stop\n{}", self.log());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < DEADLINE, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn report(vault: &TestVault) -> String {
    std::fs::read_to_string(vault.path().join("Follow-ups.md")).unwrap_or_default()
}

pub(crate) fn wait_for_report(vault: &TestVault, what: &str, done: impl Fn(&str) -> bool) {
    wait_until(what, || done(&report(vault)));
}

/// A vault with two people: Ada overdue, Grace on track.
fn two_people() -> TestVault {
    let vault = TestVault::new();
    vault.person(
        "Ada",
        "---\ncadence: weekly\n---\n## Log\n- 2026-11-01 Call\n",
    );
    vault.person(
        "Grace",
        "---\ncadence: monthly\n---\n## Log\n- 2026-11-20 Lunch\n",
    );
    vault
}

#[test]
fn an_edit_in_place_reaches_the_report() {
    let vault = two_people();
    let watcher = Watcher::start(&vault, "2026-11-24");
    assert!(report(&vault).contains("## Overdue (1)"));
    let mut note = std::fs::OpenOptions::new()
        .append(true)
        .open(vault.path().join("people/Ada.md"))
        .unwrap();
    writeln!(note, "- 2026-11-23 Coffee").unwrap();
    drop(note);
    wait_for_report(&vault, "Ada to be on track", |r| !r.contains("## Overdue"));
    watcher.wait_for_log("updated people/Ada.md");
}

#[test]
fn watch_lines_about_a_hostile_note_print_cleanly() {
    use crate::terminal::{HOSTILE_FILE, assert_printable, hostile_note};
    let vault = two_people();
    let watcher = Watcher::start(&vault, "2026-11-24");
    vault.write(HOSTILE_FILE, hostile_note());
    watcher.wait_for_log("updated people/Eve.md");
    assert_printable("watch", &watcher.log(), &[]);
}

#[test]
fn an_atomic_rename_save_reaches_the_report() {
    let vault = two_people();
    let _watcher = Watcher::start(&vault, "2026-11-24");
    // What vim, VS Code and many tools do: write a temporary file, then
    // rename it over the note.
    let temp = vault.write(
        "people/.Ada.md.tmp",
        "---\ncadence: weekly\n---\n## Log\n- 2026-11-22 Saved atomically\n",
    );
    std::fs::rename(temp, vault.path().join("people/Ada.md")).unwrap();
    wait_for_report(&vault, "Ada to be due soon", |r| {
        r.contains(
            "- [ ] [[people/Ada|Ada]] *due 2026-11-29 (in 5 days) · weekly · last 2026-11-22",
        )
    });
}

#[test]
fn deletes_moves_and_new_folders_reach_the_report() {
    let vault = two_people();
    let watcher = Watcher::start(&vault, "2026-11-24");
    std::fs::create_dir(vault.path().join("people/mentors")).unwrap();
    std::fs::rename(
        vault.path().join("people/Ada.md"),
        vault.path().join("people/mentors/Ada.md"),
    )
    .unwrap();
    wait_for_report(&vault, "Ada's new path", |r| {
        r.contains("[[people/mentors/Ada|Ada]]")
    });
    // A whole folder of notes appears at once.
    let staging = tempfile::tempdir().unwrap();
    for i in 0..5 {
        std::fs::write(
            staging.path().join(format!("Friend {i}.md")),
            "---\ncadence: weekly\n---\n- 2026-10-01 Met\n",
        )
        .unwrap();
    }
    let moved_in = vault.path().join("people/friends");
    copy_folder(staging.path(), &moved_in);
    wait_for_report(&vault, "five friends overdue", |r| {
        r.contains("## Overdue (6)")
    });
    std::fs::remove_file(vault.path().join("people/mentors/Ada.md")).unwrap();
    wait_for_report(&vault, "Ada to be gone", |r| {
        r.contains("## Overdue (5)") && !r.contains("Ada")
    });
    watcher.wait_for_log("removed people/mentors/Ada.md");
}

fn copy_folder(from: &Path, to: &Path) {
    let staging = to.with_extension("incoming");
    std::fs::create_dir(&staging).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), staging.join(entry.file_name())).unwrap();
    }
    std::fs::rename(staging, to).unwrap();
}

#[test]
fn a_burst_of_a_thousand_files_ends_right_with_few_updates() {
    let vault = two_people();
    let watcher = Watcher::start(&vault, "2026-11-24");
    for i in 0..1000 {
        vault.write(
            &format!("people/burst/{:02}/Person {i}.md", i % 20),
            format!(
                "---\ncadence: weekly\n---\n- 2026-10-{:02} Met\n",
                1 + i % 28
            ),
        );
    }
    wait_for_report(&vault, "all 1,002 notes", |r| {
        r.contains("from 1002 notes") && r.contains("## Overdue (1001)")
    });
    // Settle, then count: a burst is coalesced into a handful of updates.
    std::thread::sleep(Duration::from_millis(500));
    let updates = watcher.update_lines();
    assert!(
        (1..=25).contains(&updates),
        "{updates} updates for one burst\n{}",
        watcher.log()
    );
}

#[test]
fn a_bad_note_is_a_problem_until_fixed_and_never_stops_the_watch() {
    let vault = two_people();
    let _watcher = Watcher::start(&vault, "2026-11-24");
    vault.person(
        "Ada",
        "---\ncadence: weekly\ntags: [a, b\n---\n- 2026-11-01 Call\n",
    );
    wait_for_report(&vault, "a problem for Ada", |r| {
        r.contains("## Problems (1)")
            && r.contains("people/Ada.md:4: front matter is not valid YAML")
    });
    vault.person("Bytes", b"\xff\xfe not text".as_slice());
    wait_for_report(&vault, "a problem for Bytes", |r| {
        r.contains("## Problems (2)")
    });
    vault.person(
        "Ada",
        "---\ncadence: weekly\ntags: [a, b]\n---\n- 2026-11-01 Call\n",
    );
    std::fs::remove_file(vault.path().join("people/Bytes.md")).unwrap();
    wait_for_report(&vault, "the problems to go", |r| {
        !r.contains("## Problems") && r.contains("## Overdue (1)")
    });
}

#[test]
fn its_own_report_never_feeds_back_even_inside_the_people_folder() {
    let vault = two_people();
    vault.write(".kith/config.yaml", "report: people/Follow-ups.md\n");
    let watcher = Watcher::start(&vault, "2026-11-24");
    let report_path = vault.path().join("people/Follow-ups.md");
    wait_until("the report", || report_path.exists());
    vault.person("Ada", "---\ncadence: weekly\n---\n- 2026-11-23 Call\n");
    wait_until("the update", || {
        std::fs::read_to_string(&report_path)
            .unwrap()
            .contains("2026-11-30")
    });
    std::thread::sleep(Duration::from_secs(1));
    let text = std::fs::read_to_string(&report_path).unwrap();
    assert!(text.contains("from 2 notes"), "{text}");
    assert_eq!(watcher.update_lines(), 1, "{}", watcher.log());
}

#[test]
fn sigint_stops_cleanly_and_leaves_a_usable_index() {
    let vault = two_people();
    let mut watcher = Watcher::start(&vault, "2026-11-24");
    vault.person("Charles", "---\norg: Engines\n---\n");
    wait_for_report(&vault, "Charles", |r| r.contains("from 3 notes"));
    watcher.signal("-INT");
    assert_eq!(watcher.wait(), Some(0), "{}", watcher.log());
    assert!(watcher.log().contains("stopped; the index is saved"));
    vault
        .kith(&["index"])
        .assert()
        .code(0)
        .stderr(predicates::str::starts_with(
            "indexed 0, removed 0, unchanged 3",
        ));
    vault
        .kith(&["search", "engines"])
        .assert()
        .code(0)
        .stdout(predicates::str::starts_with("people/Charles.md"));
}

#[test]
fn sigterm_stops_cleanly_too() {
    let vault = two_people();
    let mut watcher = Watcher::start(&vault, "2026-11-24");
    watcher.signal("-TERM");
    assert_eq!(watcher.wait(), Some(0), "{}", watcher.log());
}

#[test]
fn a_second_watcher_is_refused_and_a_killed_ones_lock_is_taken_over() {
    let vault = two_people();
    let mut first = Watcher::start(&vault, "2026-11-24");
    vault
        .kith(&["watch"])
        .timeout(DEADLINE)
        .assert()
        .code(2)
        .stderr(format!(
            "kith: kith watch is already running on this vault (pid {}); stop it first\n",
            first.pid()
        ));
    first.signal("-KILL");
    first.wait();
    let second = Watcher::start(&vault, "2026-11-24");
    vault.person("Charles", "---\norg: Engines\n---\n");
    wait_for_report(&vault, "Charles", |r| r.contains("from 3 notes"));
    drop(second);
}

#[test]
fn other_commands_read_the_watchers_index_without_writing() {
    let vault = two_people();
    let watcher = Watcher::start(&vault, "2026-11-24");
    vault.kith(&["index"]).assert().code(0).stderr(format!(
        "kith watch (pid {}) keeps the index up to date; nothing to do\n",
        watcher.pid()
    ));
    let rebuild = vault.kith(&["index", "--rebuild"]).output().unwrap();
    assert_eq!(rebuild.status.code(), Some(2));
    let said = String::from_utf8_lossy(&rebuild.stderr);
    assert!(
        said.contains("owns the index; stop it to rebuild"),
        "{said}"
    );
    assert_eq!(crate::util::repeated_clause(&said), None, "{said}");
    // list answers from the notes as they are, caught up or not.
    vault.person("Ada", "---\ncadence: weekly\n---\n- 2026-11-23 Call\n");
    let list = vault.stdout(&["list", "--overdue"], 0);
    assert_eq!(list, "", "{list}");
    vault
        .kith(&["search", "name:grace"])
        .assert()
        .code(0)
        .stdout(predicates::str::starts_with("people/Grace.md"));
}

#[test]
fn a_new_day_recomputes_the_report_without_any_edit() {
    let vault = two_people();
    let watcher = Watcher::start(&vault, "2026-11-24");
    assert!(report(&vault).contains("date: 2026-11-24"));
    assert!(report(&vault).contains("## Overdue (1)"));
    watcher.set_today("2026-12-21");
    wait_for_report(&vault, "the next day's report", |r| {
        r.contains("date: 2026-12-21") && r.contains("## Overdue (2)")
    });
    watcher.wait_for_log("new day 2026-12-21");
}

#[test]
fn a_vanished_vault_ends_the_watch_with_a_clear_error() {
    let vault = two_people();
    let mut watcher = Watcher::start(&vault, "2026-11-24");
    // Gone at once, as when a drive is unplugged or the folder is moved.
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::rename(vault.path(), elsewhere.path().join("moved")).unwrap();
    assert_eq!(watcher.wait(), Some(2), "{}", watcher.log());
    assert!(
        watcher.log().contains("is gone; stopped watching"),
        "{}",
        watcher.log()
    );
}

#[test]
fn a_config_change_is_picked_up() {
    let vault = two_people();
    let _watcher = Watcher::start(&vault, "2026-11-24");
    vault.person("Charles", "---\ntags: [coi]\n---\n- 2026-11-01 Call\n");
    wait_for_report(&vault, "Charles", |r| r.contains("from 3 notes"));
    vault.write(".kith/config.yaml", "cadence_by_tag:\n  coi: weekly\n");
    wait_for_report(&vault, "Charles overdue by tag", |r| {
        r.contains("## Overdue (2)")
    });
}

#[test]
fn the_calendar_feed_follows_the_notes() {
    let vault = two_people();
    vault.write(".kith/config.yaml", "ics: Calendar/kith.ics\n");
    let _watcher = Watcher::start(&vault, "2026-11-24");
    let calendar = vault.path().join("Calendar/kith.ics");
    wait_until("the calendar", || calendar.exists());
    assert!(
        !std::fs::read_to_string(&calendar)
            .unwrap()
            .contains("Charles")
    );
    vault.person(
        "Charles",
        "---\ncadence: weekly\n---\n- [ ] 2026-11-30 Send the deck\n",
    );
    wait_until("Charles's promise in the calendar", || {
        std::fs::read_to_string(&calendar).is_ok_and(|text| text.contains("Send the deck"))
    });
}

/// The exit code of `kith search --paths ARGS` (ARGS split at spaces),
/// and the paths it prints, relative to the vault.
fn found(vault: &TestVault, args: &str) -> (Option<i32>, String) {
    let mut search = vec!["search", "--paths"];
    search.extend(args.split(' '));
    let output = vault.kith(&search).timeout(DEADLINE).output().unwrap();
    let root = format!("{}/", vault.path().display());
    let paths = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|path| format!("{}\n", path.strip_prefix(&root).unwrap_or(path)))
        .collect();
    (output.status.code(), paths)
}

#[test]
fn a_logged_entry_is_found_by_the_next_search_every_time() {
    let vault = two_people();
    let _watcher = Watcher::start(&vault, "2026-11-24");
    for i in 0..100 {
        let word = format!("regatta{i}");
        vault
            .kith(&["log", "Ada", &format!("met at the {word}")])
            .assert()
            .code(0);
        let (code, paths) = found(&vault, &word);
        assert_eq!(code, Some(0), "iteration {i}: nothing found for {word}");
        assert!(paths.ends_with("people/Ada.md\n"), "{paths}");
    }
}

#[test]
fn an_edit_and_a_removal_are_seen_by_the_very_next_search() {
    let vault = two_people();
    let _watcher = Watcher::start(&vault, "2026-11-24");
    for i in 0..10 {
        let word = format!("harbour{i}");
        vault.person(
            "Grace",
            format!("---\ncadence: monthly\n---\n## Log\n- 2026-11-20 Lunch at the {word}\n"),
        );
        assert_eq!(found(&vault, &word).0, Some(0), "iteration {i}");
        std::fs::remove_file(vault.path().join("people/Grace.md")).unwrap();
        assert_eq!(found(&vault, &word).0, Some(1), "iteration {i}");
    }
}

#[test]
fn an_atomic_save_and_a_note_in_a_new_folder_are_seen_by_the_very_next_search() {
    let vault = two_people();
    let _watcher = Watcher::start(&vault, "2026-11-24");
    for i in 0..10 {
        let word = format!("quay{i}");
        // As editors save: a temporary file renamed over the note.
        let temporary = vault.path().join("people/.Ada.md.tmp");
        std::fs::write(
            &temporary,
            format!("---\ncadence: weekly\n---\n## Log\n- 2026-11-20 Walk along the {word}\n"),
        )
        .unwrap();
        std::fs::rename(&temporary, vault.path().join("people/Ada.md")).unwrap();
        assert_eq!(
            found(&vault, &word),
            (Some(0), "people/Ada.md\n".into()),
            "iteration {i}"
        );
        // A folder made and filled at once, before the watcher can watch it.
        let team = format!("people/team{i}");
        std::fs::create_dir(vault.path().join(&team)).unwrap();
        vault.write(
            &format!("{team}/Hedy.md"),
            format!("---\ncadence: weekly\norg: Frequency{i}\n---\n"),
        );
        assert_eq!(
            found(&vault, &format!("frequency{i}")),
            (Some(0), format!("{team}/Hedy.md\n")),
            "iteration {i}"
        );
    }
}

#[test]
fn every_write_kith_makes_is_found_by_the_next_search() {
    let vault = two_people();
    vault.person(
        "Charles",
        "---\ncadence: weekly\n---\n## Log\n- 2026-10-01 Rowing\n",
    );
    let watcher = Watcher::start(&vault, "2026-11-24");
    let ok = |args: &[&str]| {
        vault.kith(args).timeout(DEADLINE).assert().code(0);
    };
    let only = |path: &str| (Some(0), format!("{path}\n"));
    ok(&["new", "Hedy Lamarr", "--org", "Frequencyhop"]);
    assert_eq!(found(&vault, "frequencyhop"), only("people/Hedy Lamarr.md"));
    ok(&["done", "Grace", "Sextant lesson"]);
    assert_eq!(found(&vault, "sextant"), only("people/Grace.md"));
    ok(&["log", "Grace", "Fixed the Harrier"]);
    assert_eq!(found(&vault, "harrier"), only("people/Grace.md"));
    let overdue_rowing = || found(&vault, "--overdue rowing").0;
    assert_eq!(overdue_rowing(), Some(0));
    ok(&["snooze", "Charles", "2026-12-31"]);
    assert_eq!(overdue_rowing(), Some(1));
    ok(&["intro", "Grace", "Hedy Lamarr", "both love astrolabes"]);
    let (code, paths) = found(&vault, "astrolabes");
    let mut paths: Vec<&str> = paths.lines().collect();
    paths.sort_unstable();
    assert_eq!(
        (code, paths),
        (Some(0), vec!["people/Grace.md", "people/Hedy Lamarr.md"])
    );
    ok(&["undo"]);
    assert_eq!(found(&vault, "astrolabes").0, Some(1));
    let cards = vault.write(
        "cards/one.vcf",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Katherine Johnson\r\nORG:Trajectories\r\nEND:VCARD\r\n",
    );
    ok(&["import", "vcard", cards.to_str().unwrap()]);
    assert_eq!(
        found(&vault, "trajectories"),
        only("people/Katherine Johnson.md")
    );
    // A tick saved in the report: the search sees the line it records,
    // whichever of it and the watcher records it, and it is recorded once.
    let ticked: String = report(&vault)
        .lines()
        .map(|line| match line.strip_prefix("- [ ] [[people/Ada|Ada]]") {
            Some(rest) => format!("- [x] [[people/Ada|Ada]]{rest} — radio patents\n"),
            None => format!("{line}\n"),
        })
        .collect();
    assert!(ticked.contains("- [x] "), "{ticked}");
    std::fs::write(vault.path().join("Follow-ups.md"), ticked).unwrap();
    assert_eq!(found(&vault, "patents"), only("people/Ada.md"));
    let ada = vault.read("people/Ada.md");
    assert_eq!(ada.matches("radio patents").count(), 1, "{ada}");
    assert!(!watcher.log().contains("kith: "), "{}", watcher.log());
}

#[test]
fn a_watcher_that_cannot_listen_says_so_and_searches_stay_fresh() {
    let vault = TestVault::with_long_path();
    let socket = vault.path().join(".kith/state/watch.sock");
    assert!(socket.as_os_str().len() > 108, "{}", socket.display());
    vault.person(
        "Ada",
        "---\ncadence: weekly\n---\n## Log\n- 2026-11-01 Call\n",
    );
    let watcher = Watcher::start(&vault, "2026-11-24");
    watcher.wait_for_log("other kith commands will read changed notes themselves");
    for i in 0..5 {
        let word = format!("marina{i}");
        vault
            .kith(&["log", "Ada", &format!("Sailed from the {word}")])
            .timeout(DEADLINE)
            .assert()
            .code(0);
        assert_eq!(
            found(&vault, &word),
            (Some(0), "people/Ada.md\n".into()),
            "iteration {i}"
        );
    }
    // Still watching: it takes in the logs itself.
    watcher.wait_for_log("updated people/Ada.md");
    wait_for_report(&vault, "Ada no longer overdue", |r| {
        !r.contains("## Overdue")
    });
}

#[test]
fn beside_a_watcher_that_cannot_listen_a_search_finds_daily_note_lines_just_written() {
    let vault = TestVault::with_long_path();
    vault.person("Ada", "---\ncadence: weekly\n---\n");
    vault.person("Bo", "---\ncadence: weekly\n---\n");
    let watcher = Watcher::start(&vault, "2026-11-24");
    watcher.wait_for_log("other kith commands will read changed notes themselves");
    for i in 0..3 {
        let word = format!("harbour{i}");
        vault.write(
            &format!("Journal/2026-11-2{i}.md"),
            format!("- walked the {word} with [[Ada]]\n"),
        );
        assert_eq!(
            found(&vault, &format!("ada {word}")),
            (Some(0), "people/Ada.md\n".into()),
            "iteration {i}"
        );
    }
    // Rewritten to name Bo: the line is his now, not Ada's.
    vault.write(
        "Journal/2026-11-20.md",
        "- walked the harbour0 with [[Bo]]\n",
    );
    assert_eq!(
        found(&vault, "harbour0"),
        (Some(0), "people/Bo.md\n".into())
    );
    assert_eq!(found(&vault, "ada harbour0").0, Some(1));
}

#[test]
fn a_suspended_watcher_holding_the_index_lock_leaves_every_answer_fresh() {
    let vault = two_people();
    let watcher = Watcher::start(&vault, "2026-11-24");
    watcher.signal("-STOP");
    // As if it had been stopped halfway through writing the index.
    let lock = std::fs::File::open(vault.path().join(".kith/state/index.lock")).unwrap();
    lock.lock().unwrap();
    vault
        .kith(&["log", "Ada", "Talked about the lighthouse"])
        .timeout(DEADLINE)
        .assert()
        .code(0);
    vault.person(
        "Charles",
        "---\ncadence: weekly\n---\n## Log\n- 2026-11-23 Lighthouse tour\n",
    );
    let (code, paths) = found(&vault, "lighthouse");
    assert_eq!(code, Some(0));
    assert!(
        paths.contains("people/Ada.md") && paths.contains("people/Charles.md"),
        "{paths}"
    );
    std::fs::remove_file(vault.path().join("people/Grace.md")).unwrap();
    assert_eq!(found(&vault, "name:grace").0, Some(1));
    let list = vault.kith(&["list"]).timeout(DEADLINE).output().unwrap();
    let list = String::from_utf8_lossy(&list.stdout);
    assert!(
        list.contains("Charles") && !list.contains("Grace"),
        "{list}"
    );
    drop(lock);
    watcher.signal("-CONT");
    wait_for_report(&vault, "the watcher to catch up", |r| {
        r.contains("Charles") && !r.contains("Grace")
    });
    let (code, paths) = found(&vault, "lighthouse");
    assert_eq!(code, Some(0));
    assert_eq!(paths.lines().count(), 2, "{paths}");
}

#[test]
fn a_search_for_another_day_than_the_watchers_reads_the_notes_as_of_that_day() {
    let vault = two_people();
    vault.person(
        "Charles",
        "---\ncadence: monthly\n---\n## Log\n- 2026-12-10 Dinner at the observatory\n- 2026-11-01 Call\n",
    );
    let _watcher = Watcher::start(&vault, "2026-11-24");
    let overdue_on = |day: &str| {
        vault
            .kith(&["search", "--overdue", "--today", day, "observatory"])
            .timeout(DEADLINE)
            .output()
            .unwrap()
            .status
            .code()
    };
    // Due on 2026-12-01 as the watcher sees it; by 2026-12-20 the planned
    // dinner has happened and the next contact is due in January.
    assert_eq!(overdue_on("2026-12-02"), Some(0));
    assert_eq!(overdue_on("2026-12-20"), Some(1));
}

#[test]
fn a_deleted_or_reverted_report_is_written_again() {
    let vault = two_people();
    let watcher = Watcher::start(&vault, "2026-11-24");
    let written = report(&vault);
    assert!(written.contains("## Overdue (1)"));
    std::fs::remove_file(vault.path().join("Follow-ups.md")).unwrap();
    wait_for_report(&vault, "the report back", |r| r == written);
    // What `git checkout` of an older version would leave.
    let old = written.replace("## Overdue (1)", "## Overdue (7)");
    std::fs::write(vault.path().join("Follow-ups.md"), &old).unwrap();
    wait_for_report(&vault, "the report healed", |r| r == written);
    // Its own writes do not set it off again.
    std::thread::sleep(Duration::from_secs(1));
    let lines = watcher.update_lines();
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(watcher.update_lines(), lines, "{}", watcher.log());
    assert_eq!(report(&vault), written);
}

/// Searches beside the watcher (which answers from its index) until
/// `query` finds `path`.
fn wait_for_search(vault: &TestVault, query: &str, path: &str) {
    wait_until(&format!("search {query} to find {path}"), || {
        let output = vault.kith(&["search", query]).output().unwrap();
        String::from_utf8_lossy(&output.stdout).starts_with(path)
    });
}

#[test]
fn the_people_folder_deleted_and_made_again_is_watched_again() {
    let vault = two_people();
    let _watcher = Watcher::start(&vault, "2026-11-24");
    let people = vault.path().join("people");
    // `rm -rf people && mkdir people && cp …`
    std::fs::remove_dir_all(&people).unwrap();
    std::fs::create_dir(&people).unwrap();
    vault.person("Bob", "---\norg: Bakery\ncadence: weekly\n---\n");
    wait_for_report(&vault, "only Bob", |r| {
        r.contains("from 1 note.") && r.contains("[[people/Bob|Bob]]")
    });
    wait_for_search(&vault, "bakery", "people/Bob.md");
    // Still listening: a later save in the new folder is seen too.
    vault.person("Carol", "---\norg: Cannery\ncadence: weekly\n---\n");
    wait_for_report(&vault, "Bob and Carol", |r| r.contains("from 2 notes"));
    wait_for_search(&vault, "cannery", "people/Carol.md");

    // `mv people people.old && mkdir people && cp …`
    std::fs::rename(&people, vault.path().join("people.old")).unwrap();
    std::fs::create_dir(&people).unwrap();
    vault.person("Dora", "---\norg: Dairy\ncadence: weekly\n---\n");
    wait_for_report(&vault, "only Dora", |r| {
        r.contains("from 1 note.") && r.contains("[[people/Dora|Dora]]")
    });
    vault.person("Eve", "---\norg: Eatery\ncadence: weekly\n---\n");
    wait_for_report(&vault, "Dora and Eve", |r| r.contains("from 2 notes"));
    wait_for_search(&vault, "eatery", "people/Eve.md");
    // The folder moved away is no longer the people folder.
    vault.write(
        "people.old/Carol.md",
        "---\norg: Moved\ncadence: daily\n---\n",
    );
    std::thread::sleep(Duration::from_millis(500));
    assert!(report(&vault).contains("from 2 notes"));
}

#[test]
fn a_configured_people_folder_is_watched_again_when_its_parent_comes_back() {
    let vault = TestVault::new();
    vault.write(".kith/config.yaml", "people: [work/people]\n");
    vault.write("work/people/Ada.md", "---\ncadence: weekly\n---\n");
    let _watcher = Watcher::start(&vault, "2026-11-24");
    std::fs::remove_dir_all(vault.path().join("work")).unwrap();
    wait_for_report(&vault, "nobody", |r| r.contains("from 0 notes"));
    vault.write("work/people/Bob.md", "---\ncadence: weekly\n---\n");
    wait_for_report(&vault, "Bob", |r| r.contains("from 1 note."));
    vault.write("work/people/Carol.md", "---\ncadence: weekly\n---\n");
    wait_for_report(&vault, "Bob and Carol", |r| r.contains("from 2 notes"));
}

#[test]
fn concurrent_logs_beside_the_watcher_all_land() {
    let vault = two_people();
    let watcher = Watcher::start(&vault, "2026-11-24");
    let children: Vec<_> = (1..=10)
        .map(|day| {
            vault
                .process(&[
                    "log",
                    "Ada",
                    &format!("call {day}"),
                    "--date",
                    &format!("2026-11-{day:02}"),
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let expected: String = (1..=10)
        .rev()
        .map(|day| format!("- 2026-11-{day:02} call {day}\n"))
        .collect();
    assert_eq!(
        vault.read("people/Ada.md"),
        format!("---\ncadence: weekly\n---\n## Log\n{expected}- 2026-11-01 Call\n")
    );
    wait_for_report(&vault, "Ada's last call", |r| {
        r.contains("- [ ] [[people/Ada|Ada]] *7 days overdue · weekly · last 2026-11-10: call 10*")
    });
    assert!(!watcher.log().contains("kith: "), "{}", watcher.log());
}

#[test]
fn the_watcher_keeps_a_users_follow_ups_note_and_says_why() {
    let vault = two_people();
    let mine = "# Follow-ups\n- [ ] call the plumber\n";
    vault.write("Follow-ups.md", mine);
    let watcher = Watcher::start(&vault, "2026-11-24");
    assert!(
        watcher.log().contains(
            "kith: Follow-ups.md exists and kith did not write it, so kith leaves it alone"
        ),
        "{}",
        watcher.log()
    );
    assert!(
        watcher.log().contains("not writing Follow-ups.md"),
        "{}",
        watcher.log()
    );
    vault.person("Charles", "---\ncadence: weekly\n---\n");
    watcher.wait_for_log("updated people/Charles.md");
    assert_eq!(vault.read("Follow-ups.md"), mine);
    // Said once, not at every update.
    assert_eq!(watcher.log().matches("leaves it alone").count(), 1);
    // Once the file is moved away, the report is written again.
    std::fs::rename(
        vault.path().join("Follow-ups.md"),
        vault.path().join("people/My list.md"),
    )
    .unwrap();
    wait_for_report(&vault, "kith's own report", |r| r.contains("kith: report"));
}

#[test]
fn the_watcher_writes_no_report_through_a_link_out_of_the_vault() {
    let outside = tempfile::tempdir().unwrap();
    let vault = two_people();
    std::os::unix::fs::symlink(outside.path(), vault.path().join("Reports")).unwrap();
    vault.write(".kith/config.yaml", "report: Reports/Follow-ups.md\n");
    let watcher = Watcher::start(&vault, "2026-11-24");
    assert!(
        watcher
            .log()
            .contains("Reports/Follow-ups.md leads outside the vault"),
        "{}",
        watcher.log()
    );
    vault.person("Charles", "---\ncadence: weekly\n---\n");
    watcher.wait_for_log("updated people/Charles.md");
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
}

#[test]
fn a_tick_saved_in_the_report_is_recorded_and_named_by_the_watcher() {
    let vault = two_people();
    let watcher = Watcher::start(&vault, "2026-11-24");
    let ticked = report(&vault).replace("- [ ] [[people/Ada|Ada]]", "- [x] [[people/Ada|Ada]]");
    assert!(ticked.contains("- [x] "), "{ticked}");
    // As an editor saves: a temporary file renamed over the report.
    let temporary = vault.path().join(".Follow-ups.md.tmp");
    std::fs::write(&temporary, format!("{} — called\n", ticked.trim_end())).unwrap();
    std::fs::rename(&temporary, vault.path().join("Follow-ups.md")).unwrap();
    wait_for_report(&vault, "Ada to be recorded", |r| {
        !r.contains("[x]") && !r.contains("## Overdue")
    });
    assert!(
        vault
            .read("people/Ada.md")
            .ends_with("## Log\n- 2026-11-24 called\n- 2026-11-01 Call\n")
    );
    watcher.wait_for_log("recorded people/Ada.md:5: - 2026-11-24 called");
    assert!(!watcher.log().contains("kith: "), "{}", watcher.log());
}

#[test]
fn daily_notes_written_renamed_edited_and_deleted_under_watch_reach_the_report() {
    let vault = two_people();
    let watcher = Watcher::start(&vault, "2026-11-24");
    assert!(report(&vault).contains("## Overdue (1)"));
    vault.write(
        "Journal/2026-11-23.md",
        "# Monday\n\n- coffee with [[Ada]]\n",
    );
    wait_for_report(&vault, "Ada met in the journal", |r| {
        !r.contains("## Overdue")
            && r.contains("last 2026-11-23 in [[Journal/2026-11-23|2026-11-23]]: coffee with Ada*")
    });
    watcher.wait_for_log("updated Journal/2026-11-23.md");
    std::fs::rename(
        vault.path().join("Journal/2026-11-23.md"),
        vault.path().join("Journal/2026-11-22.md"),
    )
    .unwrap();
    wait_for_report(&vault, "the renamed day", |r| {
        r.contains("last 2026-11-22 in [[Journal/2026-11-22|2026-11-22]]")
    });
    vault.write("Journal/2026-11-22.md", "- [ ] send [[Grace]] the slides\n");
    wait_for_report(&vault, "Ada overdue again and a promise to Grace", |r| {
        r.contains("## Overdue (1)")
            && r.contains("in [[Journal/2026-11-22|2026-11-22]]: send Grace the slides*")
    });
    // Grace's note renamed: the link names no one, the promise goes.
    std::fs::rename(
        vault.path().join("people/Grace.md"),
        vault.path().join("people/Grace Hopper.md"),
    )
    .unwrap();
    wait_for_report(&vault, "the promise gone with the name", |r| {
        !r.contains("send Grace the slides")
    });
    std::fs::remove_file(vault.path().join("Journal/2026-11-22.md")).unwrap();
    vault.write(
        "Journal/2026-11-21.md",
        "- [ ] send [[Grace Hopper]] the slides\n",
    );
    wait_for_report(&vault, "the promise back under her new name", |r| {
        r.contains("in [[Journal/2026-11-21|2026-11-21]]: send Grace Hopper the slides*")
    });
}

#[test]
fn beside_a_watcher_a_new_daily_note_counts_at_once() {
    let vault = two_people();
    let _watcher = Watcher::start(&vault, "2026-11-24");
    vault.write("Journal/2026-11-23.md", "- coffee with [[Ada]]\n");
    // Whether or not the watcher has caught up, the answer is the same.
    let listed = vault.stdout(&["list"], 0);
    assert!(listed.contains("Ada\tweekly\t2026-11-23\t"), "{listed}");
    let shown = vault.stdout(&["show", "ada"], 0);
    assert!(
        shown.contains("2026-11-23  Journal/2026-11-23.md:1  coffee with Ada"),
        "{shown}"
    );
}

/// Everything `kith search ARGS` prints (ARGS split at spaces), and how it
/// exits.
fn search_output(vault: &TestVault, args: &str) -> (Option<i32>, String) {
    let mut search = vec!["search"];
    search.extend(args.split(' '));
    let output = vault.kith(&search).timeout(DEADLINE).output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn a_search_the_watcher_answers_prints_what_a_search_without_it_prints() {
    let vault = TestVault::new();
    vault.person(
        "Ada Lovelace",
        "---\ncadence: weekly\ntags: [sailing, crew]\norg: Analytical Engines\n---\n## Log\n- 2026-10-01 Regatta on the lake, then tea\n",
    );
    vault.person(
        "Grace | Hopper",
        "---\ncadence: monthly\ntags: [navy]\n---\n## Log\n- 2026-11-20 Talked about the regatta and compilers\n",
    );
    vault.person(
        "Élodie Brun",
        "---\ncadence: yearly\n---\nLoves regattas.\n",
    );
    vault.write(
        "Journal/2026-11-21.md",
        "- Sailed past the lighthouse with [[Ada Lovelace]]\n",
    );
    let queries = [
        "regatta",
        "--json regatta",
        "--tag sailing regatta",
        "--overdue regatta",
        "lighthouse",
        "--json lighthouse",
        "name:élodie",
        "--limit 1 regatta",
        "nobody-has-this",
        "bad:(query",
    ];
    let alone: Vec<_> = queries.iter().map(|q| search_output(&vault, q)).collect();
    let watcher = Watcher::start(&vault, "2026-11-24");
    watcher.wait_for_log("watching");
    for (query, expected) in queries.iter().zip(&alone) {
        assert_eq!(
            &search_output(&vault, query),
            expected,
            "kith search {query}"
        );
    }
    // And it stays so after a change the watcher takes in.
    vault
        .kith(&["log", "Élodie Brun", "Regatta debrief"])
        .timeout(DEADLINE)
        .assert()
        .code(0);
    let served = search_output(&vault, "--json regatta");
    drop(watcher);
    assert_eq!(served, search_output(&vault, "--json regatta"));
}
