//! `kith search`'s line for one hit: `path  Name · role, org · status
//! …snippet…` (`in NOTE:LINE` when the snippet is a line of another note
//! mentioning them), in styled pieces.

use chrono::NaiveDate;

use crate::index::Hit;
use crate::note::due::Status;
use crate::note::fields::Field;
use crate::view::Style;

/// The pieces of the line for `hit`, whose status on `today` is `status`.
pub fn line(hit: &Hit, status: &Status, today: NaiveDate) -> Vec<(Style, String)> {
    let person = &hit.person;
    let mut pieces = vec![
        (Style::Path, person.path.clone()),
        (Style::Plain, "  ".into()),
        (Style::Name, person.name().to_string()),
    ];
    let work: Vec<&str> = [Field::Role, Field::Org]
        .into_iter()
        .filter_map(|field| person.fields.text(field))
        .collect();
    if !work.is_empty() {
        pieces.push((Style::Plain, format!(" · {}", work.join(", "))));
    }
    pieces.push((Style::Plain, format!(" · {}", status.describe(today))));
    if !hit.snippet.is_empty() {
        pieces.push((Style::Plain, "  …".into()));
        for (piece, highlighted) in &hit.snippet {
            let style = if *highlighted {
                Style::Match
            } else {
                Style::Plain
            };
            pieces.push((style, piece.clone()));
        }
        pieces.push((Style::Plain, "…".into()));
        if let Some(found_in) = &hit.found_in {
            pieces.push((Style::Plain, " in ".into()));
            pieces.push((Style::Path, found_in.clone()));
        }
    }
    pieces
}
