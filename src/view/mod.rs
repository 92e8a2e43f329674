//! People as the commands present them: one JSON object per person, the
//! page `show` prints, the rows of `list`, `share` and `intros` and the
//! lines of `search`. Pure text and data; the binary's one writer cleans
//! and prints them.

pub mod intros;
pub mod json;
pub mod list;
pub mod page;
pub mod search;
pub mod share;

/// How a piece of a line is meant to look; the binary decides whether
/// colour is used at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// As it is.
    Plain,
    /// A note's path.
    Path,
    /// A person's name.
    Name,
    /// Where a search matched.
    Match,
}
