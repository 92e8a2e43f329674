//! A temporary vault and a way to run kith on it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The date every test runs on unless it says otherwise.
pub(crate) const TODAY: &str = "2026-11-24";

/// A vault in a temporary folder, removed when dropped, with a cache
/// folder of its own (for a vault without `.kith/`).
pub(crate) struct TestVault {
    dir: tempfile::TempDir,
    cache: tempfile::TempDir,
}

impl TestVault {
    /// An empty vault with `.kith/` and `people/`.
    pub(crate) fn new() -> TestVault {
        let vault = TestVault::empty();
        std::fs::create_dir_all(vault.path().join(".kith")).unwrap();
        std::fs::create_dir_all(vault.path().join("people")).unwrap();
        vault
    }

    /// Like [`TestVault::new`], in a folder whose path is longer than a
    /// local socket's may be (108 bytes on Linux).
    pub(crate) fn with_long_path() -> TestVault {
        let vault = TestVault {
            dir: tempfile::Builder::new()
                .prefix(&"long-vault-path-".repeat(7))
                .tempdir()
                .expect("temporary folder"),
            cache: tempfile::tempdir().expect("temporary folder"),
        };
        std::fs::create_dir_all(vault.path().join(".kith")).unwrap();
        std::fs::create_dir_all(vault.path().join("people")).unwrap();
        vault
    }

    /// An empty temporary folder, without `.kith/` or `people/`.
    pub(crate) fn empty() -> TestVault {
        TestVault {
            dir: tempfile::tempdir().expect("temporary folder"),
            cache: tempfile::tempdir().expect("temporary folder"),
        }
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// What kith takes as the user's cache folder (`XDG_CACHE_HOME`).
    pub(crate) fn cache(&self) -> &Path {
        self.cache.path()
    }

    /// Writes a file (creating folders) and returns its path.
    pub(crate) fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, content).unwrap();
        path
    }

    /// A copy of the test vault `tests/fixtures/vaults/NAME` in a
    /// temporary folder (without `.kith/`), so tests never write into the
    /// repository.
    pub(crate) fn fixture(name: &str) -> TestVault {
        TestVault::copy_of(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/vaults")
                .join(name),
        )
    }

    /// A copy of the folder `source` in a temporary folder.
    pub(crate) fn copy_of(source: &Path) -> TestVault {
        let vault = TestVault::empty();
        for entry in walkdir::WalkDir::new(source) {
            let entry = entry.unwrap();
            let target = vault
                .path()
                .join(entry.path().strip_prefix(source).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
        vault
    }

    /// Writes `people/NAME.md`.
    pub(crate) fn person(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        self.write(&format!("people/{name}.md"), content)
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap()
    }

    /// `kith --vault VAULT ARGS…`, with `--today TODAY` unless ARGS set it.
    pub(crate) fn kith(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("kith").unwrap();
        cmd.arg("--vault").arg(self.path());
        if !args.contains(&"--today") {
            cmd.args(["--today", TODAY]);
        }
        cmd.args(args)
            .env_remove("KITH_VAULT")
            .env("XDG_CACHE_HOME", self.cache());
        cmd
    }

    /// Like [`TestVault::kith`], as a process to start without waiting.
    pub(crate) fn process(&self, args: &[&str]) -> std::process::Command {
        let kith = self.kith(args);
        let mut cmd = std::process::Command::new(kith.get_program());
        cmd.args(kith.get_args())
            .env_remove("KITH_VAULT")
            .env("XDG_CACHE_HOME", self.cache());
        cmd
    }

    /// Like [`TestVault::kith`], run by `sh` with `umask` set first.
    #[cfg(unix)]
    pub(crate) fn kith_with_umask(&self, umask: &str, args: &[&str]) -> Command {
        let kith = self.kith(args);
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
            .arg(kith.get_program())
            .args(kith.get_args())
            .env_remove("KITH_VAULT")
            .env("XDG_CACHE_HOME", self.cache());
        cmd
    }

    /// Runs kith and returns stdout, asserting the exit code.
    pub(crate) fn stdout(&self, args: &[&str], code: i32) -> String {
        let output = self.kith(args).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(code),
            "kith {args:?}\nstdout:\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    /// The report as `kith report --stdout` prints it.
    pub(crate) fn report(&self) -> String {
        self.stdout(&["report", "--stdout"], 0)
    }

    /// Every file's bytes, to prove commands leave notes alone; kith's
    /// disposable index and state are left out.
    pub(crate) fn snapshot(&self, under: &str) -> BTreeMap<PathBuf, Vec<u8>> {
        let disposable = [
            self.path().join(".kith/index"),
            self.path().join(".kith/state"),
        ];
        walkdir::WalkDir::new(self.path().join(under))
            .into_iter()
            .filter_entry(|e| !disposable.iter().any(|d| e.path() == d))
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
            .collect()
    }
}

/// The lines of `after` that `before` does not have, in order, asserting
/// that every line of `before` is still there, in order: what a command
/// added to a note, and proof it changed nothing else.
pub(crate) fn added_lines(before: &str, after: &str) -> Vec<String> {
    let mut old = before.lines().peekable();
    let mut added = Vec::new();
    for line in after.lines() {
        if old.peek() == Some(&line) {
            old.next();
        } else {
            added.push(line.to_string());
        }
    }
    assert_eq!(old.next(), None, "a line was lost:\n{after}");
    added
}

/// The `## NAME (N)` section of a report, up to the next section.
pub(crate) fn section<'a>(report: &'a str, title: &str) -> Option<&'a str> {
    let start = report.find(&format!("\n## {title}"))? + 1;
    let rest = &report[start..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 4);
    Some(&rest[..end])
}

/// The first clause said twice on a line of `stderr`, where clauses are
/// the parts an error chain joins with `: ` (an error repeating its cause).
pub(crate) fn repeated_clause(stderr: &str) -> Option<String> {
    stderr.lines().find_map(|line| {
        let clauses: Vec<&str> = line
            .trim_start_matches("kith: ")
            .split(": ")
            .map(str::trim)
            .collect();
        clauses
            .iter()
            .enumerate()
            .find(|(i, clause)| clauses[i + 1..].contains(clause))
            .map(|(_, clause)| clause.to_string())
    })
}

/// What the README shows after `command` (a `$ …` line, or any text that
/// opens a block), up to the end of its code block.
pub(crate) fn readme_block(command: &str) -> String {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    readme
        .split(command)
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap_or_else(|| panic!("the README shows {command:?}"))
        .to_string()
}
