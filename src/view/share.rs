//! `kith share`'s rows (name, last share, why) and JSON objects: the
//! person's object with what the ranking says.

use chrono::NaiveDate;
use serde::Serialize;

use crate::note::due::days;
use crate::relate::share::Suited;
use crate::vault::config::Config;
use crate::view::json::PersonJson;

/// The columns of the table.
pub const HEADER: [&str; 3] = ["NAME", "LAST SHARE", "WHY"];

/// The cells of one row.
pub fn cells(suited: &Suited, today: NaiveDate) -> Vec<String> {
    let last = match suited.last_share {
        Some(share) => match (today - share.date).num_days() {
            0 => format!("{} (today)", share.date),
            n => format!("{} ({} ago)", share.date, days(n)),
        },
        None => "never".into(),
    };
    let why: Vec<String> = suited.why.iter().map(ToString::to_string).collect();
    vec![suited.person.name().to_string(), last, why.join(" · ")]
}

/// One person as `share --json` prints it: their object, with `share`.
#[derive(Serialize)]
pub struct SuitedJson<'a> {
    #[serde(flatten)]
    person: PersonJson<'a>,
    share: ShareJson<'a>,
}

#[derive(Serialize)]
struct ShareJson<'a> {
    score: f32,
    /// Listed apart: they got something within `share_spacing` days.
    spaced: bool,
    why: Vec<ReasonJson<'a>>,
}

#[derive(Serialize)]
struct ReasonJson<'a> {
    field: &'a str,
    text: &'a str,
}

impl<'a> SuitedJson<'a> {
    /// `suited` on `today`; `spaced` when listed apart.
    pub fn new(suited: &'a Suited, spaced: bool, config: &Config, today: NaiveDate) -> Self {
        SuitedJson {
            person: PersonJson::new(suited.person, config, today),
            share: ShareJson {
                score: suited.score,
                spaced,
                why: suited
                    .why
                    .iter()
                    .map(|reason| ReasonJson {
                        field: reason.field,
                        text: &reason.text,
                    })
                    .collect(),
            },
        }
    }
}
