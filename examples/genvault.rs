//! Generates a deterministic vault for the benchmark and for trying kith
//! on a large vault, `genvault DIR PEOPLE [SEED [DAYS]]`, or an address
//! book to import, `genvault --cards FILE CARDS [SEED]` (see
//! bench/genvault.rs); with DAYS, a daily note for each of the last DAYS
//! days (and the week ahead) and a meeting note a week that mention them.

use std::path::Path;
use std::process::ExitCode;

#[path = "../bench/genvault.rs"]
mod genvault;

const USAGE: &str = "usage: genvault DIR PEOPLE [SEED [DAYS]] | genvault --cards FILE CARDS [SEED]";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let cards = args.first().is_some_and(|a| a == "--cards");
    if cards {
        args.remove(0);
    }
    let (Some(path), Some(Ok(count))) = (args.first(), args.get(1).map(|n| n.parse::<usize>()))
    else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(42);
    let days: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(0);
    let made = if cards {
        std::fs::write(path, genvault::address_book(count, seed))
    } else {
        let dir = Path::new(path);
        genvault::generate(dir, count, seed).and_then(|names| match days {
            0 => Ok(()),
            days => genvault::generate_dated(dir, &names, days, seed),
        })
    };
    match made {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("genvault: {error}");
            ExitCode::from(2)
        }
    }
}
