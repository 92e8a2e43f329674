//! kith: a personal relationship manager inside a folder of Markdown notes.
//!
//! Data flows one way: the vault is walked ([`vault`]), each note parsed into
//! a [`note::Person`] ([`note`], [`frontmatter`], [`log`]), scheduled
//! ([`cadence`], [`due`]) and rendered ([`report`]).

pub mod atomic;
pub mod cadence;
pub mod config;
pub mod contact;
pub mod contentline;
pub mod due;
pub mod edit;
pub mod frontmatter;
pub mod ics;
pub mod import;
pub mod index;
pub mod lock;
pub mod log;
pub mod markdown;
pub mod note;
pub mod problem;
pub mod report;
pub mod resolve;
pub mod scan;
pub mod summary;
pub mod template;
pub mod text;
pub mod vault;
pub mod vcard;
pub mod watch;
