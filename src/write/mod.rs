//! Changing notes without losing a byte. Every command that writes notes
//! goes through a [`transaction::Transaction`]: the lock between kith
//! processes (`lock`), the byte-preserving edits (a log line: [`edit`];
//! a ticked task: [`task`]; a front matter date: [`field`]; one line in
//! each of several notes: [`batch`]), the atomic
//! write ([`atomic`]) and the journal `kith undo` reverts from
//! ([`journal`], [`undo`]). Also new notes from a template ([`template`])
//! with values quoted for YAML ([`yaml`]), and the files kith generates
//! into the vault ([`generated`]).

pub mod atomic;
pub mod batch;
pub mod edit;
pub mod field;
pub mod generated;
pub mod journal;
pub(crate) mod lock;
pub mod task;
pub mod template;
pub mod transaction;
pub mod undo;
pub(crate) mod yaml;
