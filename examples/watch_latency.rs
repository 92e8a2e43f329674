//! Measures how long `kith watch` takes from saving a note to rewriting
//! the report: `watch_latency KITH VAULT [SAVES [daily]]`. Prints each
//! latency in milliseconds and the median, e.g. `median 182.4 ms over 20
//! saves`.
//!
//! Each save flips a probe person between overdue and on track, so every
//! save changes the report; the report's modification time is polled.
//! The save is of the probe's own note, or with `daily` of a daily note
//! that mentions them or not (their own note says they are overdue).

use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant, SystemTime};

const PROBE: &str = "people/Latency Probe.md";
/// The daily note saved with `daily`: dated by its name, as a daily note.
const DAILY_PROBE: &str = "Journal/2026-11-23 Latency probe.md";
const TODAY: &str = "2026-11-24";

fn probe_note(overdue: bool) -> String {
    let last = if overdue { "2026-09-01" } else { "2026-11-23" };
    format!("---\ncadence: weekly\n---\n## Log\n- {last} Probe\n")
}

fn daily_note(overdue: bool) -> String {
    if overdue {
        "- Coffee alone\n".into()
    } else {
        "- Coffee with [[Latency Probe]]\n".into()
    }
}

/// The note a save writes, and what it holds for an overdue probe or not.
struct Save {
    path: &'static str,
    text: fn(bool) -> String,
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn wait_for(what: &str, timeout: Duration, mut done: impl FnMut() -> bool) -> Result<(), String> {
    let started = Instant::now();
    while !done() {
        if started.elapsed() > timeout {
            return Err(format!("gave up waiting for {what}"));
        }
        std::thread::sleep(Duration::from_micros(500));
    }
    Ok(())
}

fn measure(kith: &str, vault: &Path, saves: usize, save: &Save) -> Result<Vec<f64>, String> {
    let report = vault.join("Follow-ups.md");
    let probe = vault.join(PROBE);
    let saved = vault.join(save.path);
    if let Some(folder) = saved.parent() {
        std::fs::create_dir_all(folder).map_err(|e| e.to_string())?;
    }
    std::fs::write(&probe, probe_note(save.path != PROBE)).map_err(|e| e.to_string())?;
    std::fs::write(&saved, (save.text)(false)).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_file(&report);
    let mut child = Command::new(kith)
        .arg("--vault")
        .arg(vault)
        .args(["--today", TODAY, "watch", "--quiet"])
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {kith}: {e}"))?;
    let result = (|| {
        wait_for("the first report", Duration::from_secs(600), || {
            report.exists()
        })?;
        std::thread::sleep(Duration::from_millis(500));
        let mut latencies = Vec::with_capacity(saves);
        for i in 0..saves {
            let before = modified(&report);
            let overdue = i % 2 == 0;
            let started = Instant::now();
            std::fs::write(&saved, (save.text)(overdue)).map_err(|e| e.to_string())?;
            wait_for("the report", Duration::from_secs(30), || {
                modified(&report) != before
                    && std::fs::read_to_string(&report)
                        .is_ok_and(|text| text.contains("· last 2026-09-01: Probe*") == overdue)
            })?;
            latencies.push(started.elapsed().as_secs_f64() * 1000.0);
            // Let the watcher settle so saves do not run into each other.
            std::thread::sleep(Duration::from_millis(300));
        }
        Ok(latencies)
    })();
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_file(&probe);
    let _ = std::fs::remove_file(&saved);
    result
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(kith), Some(vault)) = (args.first(), args.get(1)) else {
        eprintln!("usage: watch_latency KITH VAULT [SAVES [daily]]");
        return ExitCode::from(2);
    };
    let saves = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(20);
    let save = match args.get(3).map(String::as_str) {
        Some("daily") => Save {
            path: DAILY_PROBE,
            text: daily_note,
        },
        _ => Save {
            path: PROBE,
            text: probe_note,
        },
    };
    match measure(kith, Path::new(vault), saves, &save) {
        Ok(mut latencies) => {
            for latency in &latencies {
                println!("{latency:.1}");
            }
            latencies.sort_by(f64::total_cmp);
            let median = latencies[latencies.len() / 2];
            println!("median {median:.1} ms over {saves} saves");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("watch_latency: {error}");
            ExitCode::from(2)
        }
    }
}
