//! The command line: every command, flag and environment variable, defined
//! once with clap's derive API (doc comments become the help text).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

/// A personal relationship manager inside a folder of plain Markdown notes.
///
/// One note per person, YAML front matter on top. kith reads the notes,
/// tells you whom you owe a call, and writes a follow-up report back into
/// the vault. It never changes what you typed.
#[derive(Debug, Parser)]
#[command(name = "kith", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    /// The vault folder [default: nearest folder above holding .kith/]
    #[arg(long, global = true, env = "KITH_VAULT", value_name = "PATH")]
    pub vault: Option<PathBuf>,

    /// Compute due dates as if today were this date (YYYY-MM-DD)
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_day)]
    pub today: Option<NaiveDate>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Set up .kith/ and people/ in a vault (never overwrites anything)
    Init {
        /// The folder to set up [default: --vault, else the current folder]
        path: Option<PathBuf>,
    },
    /// Lint every note: print `path:line: message` for each problem
    ///
    /// Exits 1 when there is any problem, 0 when every note reads cleanly.
    Check,
    /// Write the follow-up report (Follow-ups.md) into the vault
    ///
    /// The file is only rewritten when its content changes.
    Report {
        /// Print the report instead of writing it
        #[arg(long)]
        stdout: bool,
    },
}

/// Parses a `YYYY-MM-DD` command-line date.
pub fn parse_day(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("'{text}' is not a date (use YYYY-MM-DD)"))
}
