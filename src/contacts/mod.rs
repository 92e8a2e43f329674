//! Address books and calendars: content lines, vCard in and out, contacts
//! merged into notes, import planning and carrying out, and the ICS feed.

pub mod apply;
pub mod contact;
pub(crate) mod contentline;
pub mod ics;
pub mod import;
pub mod vcard;
pub use contentline::stable_uuid;
