//! Integration tests: each builds a vault in a temporary folder, runs the
//! `kith` binary on it and checks its output and the files it leaves.

mod cadence;
mod check;
mod dialects;
mod example;
mod export;
#[path = "../../bench/genvault.rs"]
mod genvault;
mod hostile;
mod import;
mod init;
mod large;
mod list;
mod log;
mod mentions;
mod names;
mod new;
mod people;
mod relate;
mod report;
mod safety;
mod search;
mod terminal;
mod ticks;
mod undo;
mod util;
mod watch;
