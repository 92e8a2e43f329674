//! A person as other notes mention them: one [`Mention`] (a line of a
//! daily, meeting or project note linking to them, with its date) and
//! what mentions count for ([`Mentions`]: contacts, only listed, or
//! nothing), set by config `mentions` and a person's own `mentions:`.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::note::cadence::stored_date_option;
use crate::note::log::EntryKind;

/// What mentions of a person count for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Mentions {
    /// A dated mention is a contact (planned when in the future), an
    /// open task a promise; every mention is listed.
    #[default]
    Contact,
    /// Mentions are listed by `show`, never contacts or promises.
    Show,
    /// Mentions are not read (config) or not kept (a person's own).
    Off,
}

impl FromStr for Mentions {
    type Err = String;

    fn from_str(text: &str) -> Result<Mentions, String> {
        match text.trim().to_lowercase().as_str() {
            "contact" | "contacts" | "on" | "true" | "yes" => Ok(Mentions::Contact),
            "show" | "list" => Ok(Mentions::Show),
            "off" | "false" | "no" | "none" => Ok(Mentions::Off),
            _ => Err(format!("'{text}' is not contact, show or off")),
        }
    }
}

impl fmt::Display for Mentions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Mentions::Contact => "contact",
            Mentions::Show => "show",
            Mentions::Off => "off",
        })
    }
}

/// A line of another note that links to the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// The note's vault path.
    pub note: String,
    /// The line's 1-based number in it.
    pub line: usize,
    /// The line's own date, else the note's; `None` in an undated note.
    #[serde(with = "stored_date_option")]
    pub date: Option<NaiveDate>,
    /// A plain line (or property), an open task or a ticked one.
    pub kind: EntryKind,
    /// The line as it reads, links shown as their text.
    pub text: String,
}

impl Mention {
    /// A contact on its date: a dated plain line or ticked task.
    pub(crate) fn contact_date(&self) -> Option<NaiveDate> {
        self.date.filter(|_| self.kind != EntryKind::Open)
    }

    /// A promise due on its date: a dated open task.
    pub(crate) fn promise_date(&self) -> Option<NaiveDate> {
        promise_date(self.kind, self.date)
    }
}

/// The day a line of `kind` dated `date` promises something for: an open
/// task's date.
pub(crate) fn promise_date(kind: EntryKind, date: Option<NaiveDate>) -> Option<NaiveDate> {
    date.filter(|_| kind == EntryKind::Open)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_read_as_written_and_print_as_config_writes_them() {
        for (text, mode) in [
            ("contact", Mentions::Contact),
            (" Show ", Mentions::Show),
            ("OFF", Mentions::Off),
            ("false", Mentions::Off),
        ] {
            assert_eq!(text.parse::<Mentions>(), Ok(mode), "{text}");
        }
        assert!("sometimes".parse::<Mentions>().is_err());
        assert_eq!(Mentions::Show.to_string(), "show");
    }
}
