//! Changing notes without losing a byte: the edit ([`edit`]), the atomic
//! write ([`atomic`]), the locks between kith processes ([`lock`]) and new
//! notes from a template ([`template`]).

pub mod atomic;
pub mod edit;
pub(crate) mod lock;
pub mod template;
