//! A problem found in a note or in the vault: where (`path:line`) and what.
//! Problems are values kept beside the people, never reasons to stop.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Something kith could not read, with the place to fix it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Problem {
    /// Vault-relative path with `/` separators.
    pub path: String,
    /// 1-based line in the file.
    pub line: usize,
    /// What is wrong and what to do.
    pub message: String,
}

impl Problem {
    /// A problem at `path:line` (line 0 counts as 1).
    pub fn new(path: &str, line: usize, message: impl Into<String>) -> Problem {
        Problem {
            path: path.to_string(),
            line: line.max(1),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.message)
    }
}
