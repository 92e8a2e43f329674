//! The note model: one note's bytes become a [`Person`] (the fields of
//! [`fields::FIELDS`], log and promises, problems), digested into a
//! [`summary::Summary`] and scheduled by its cadence ([`cadence`], [`due`]).
//! Pure: no filesystem.

pub mod cadence;
mod comments;
#[cfg(test)]
mod dice;
pub mod due;
pub mod fields;
pub(crate) mod frontmatter;
mod hints;
mod inline;
mod lines;
pub mod links;
pub(crate) mod log;
pub mod mention;
mod parse;
pub mod problem;
mod reader;
mod simple_log;
pub(crate) mod simple_yaml;
pub mod summary;
pub mod ties;

pub(crate) use comments::without_comments;
pub(crate) use parse::REPORT_MARKER;
pub use parse::{Parsed, Person, file_stem, parse};
