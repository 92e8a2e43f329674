//! kith: a personal relationship manager inside a folder of Markdown notes.
//!
//! Data flows one way: the vault is walked ([`vault`]), each note parsed into
//! a [`note::Person`] ([`note`]; its fields are declared once, in
//! [`note::fields::FIELDS`]), indexed ([`index`]), scheduled
//! ([`note::due`]) and rendered ([`report`]; for the terminal, [`view`]),
//! kept current by [`watch`]. The one way back: ticks in the report are
//! recorded in the notes ([`report::harvest`]). Beyond keeping in touch,
//! [`relate`] ranks whom a topic suits, suggests introductions and finds
//! who matters most and was not taken out.
//! Notes are changed only through [`write`](mod@write); address books and calendars
//! live in [`contacts`].

pub mod contacts;
pub mod index;
pub mod mention;
pub mod note;
pub mod relate;
pub mod report;
pub mod resolve;
pub mod text;
pub mod vault;
pub mod view;
pub mod watch;
pub mod write;
