//! Generates a deterministic vault for the benchmark and for trying kith
//! on a large vault: `genvault DIR PEOPLE [SEED [DAYS]]` (see
//! bench/genvault.rs); with DAYS, a daily note for each of the last DAYS
//! days (and the week ahead) and a meeting note a week that mention them.

use std::path::Path;
use std::process::ExitCode;

#[path = "../bench/genvault.rs"]
mod genvault;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(Ok(people))) = (args.first(), args.get(1).map(|n| n.parse::<usize>()))
    else {
        eprintln!("usage: genvault DIR PEOPLE [SEED [DAYS]]");
        return ExitCode::from(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(42);
    let days: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(0);
    let dir = Path::new(dir);
    let written = genvault::generate(dir, people, seed).and_then(|names| match days {
        0 => Ok(()),
        days => genvault::generate_dated(dir, &names, days, seed),
    });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("genvault: {error}");
            ExitCode::from(2)
        }
    }
}
