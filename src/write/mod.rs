//! Changing notes without losing a byte: the edit ([`edit`]), the atomic
//! write ([`atomic`]), the locks between kith processes ([`lock`]) and new
//! notes from a template ([`template`]), with values quoted for YAML
//! ([`yaml`]).

pub mod atomic;
pub mod edit;
pub mod lock;
pub mod template;
pub(crate) mod yaml;
