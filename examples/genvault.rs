//! Generates a deterministic vault for the benchmark and for trying kith
//! on a large vault: `genvault DIR PEOPLE [SEED]` (see bench/genvault.rs).

use std::path::Path;
use std::process::ExitCode;

#[path = "../bench/genvault.rs"]
mod genvault;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(Ok(people))) = (args.first(), args.get(1).map(|n| n.parse::<usize>()))
    else {
        eprintln!("usage: genvault DIR PEOPLE [SEED]");
        return ExitCode::from(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(42);
    match genvault::generate(Path::new(dir), people, seed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("genvault: {error}");
            ExitCode::from(2)
        }
    }
}
