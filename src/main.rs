//! The `kith` binary: parse the arguments, run one command, report an error
//! once as `kith: message` and exit with 0, 1 (nothing found or problems)
//! or 2 (error).

mod cli;
mod commands;

use std::io;
use std::process::ExitCode;

use clap::Parser;

use crate::commands::output::Output;

/// Parsing thousands of notes allocates many small strings, often freed on
/// another thread; mimalloc does that faster than the system allocator
/// (measured: no-op refresh, search and full builds all gain).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let output = Output::new(cli.color);
    match commands::run(cli, output) {
        Ok(code) => code,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // Messages quote names and values from notes: the writer
            // cleans them like every other line.
            output.warn(kith::text::error_chain(error.as_ref()));
            ExitCode::from(2)
        }
    }
}

/// `kith check | head` closes our stdout early; that is not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|cause| cause.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}
