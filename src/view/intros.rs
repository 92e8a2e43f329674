//! `kith intros`'s rows (the pair, the reason) and JSON objects.

use serde::Serialize;

use crate::note::summary::Summary;
use crate::relate::intros::Pair;

/// The columns of the table.
pub const HEADER: [&str; 2] = ["INTRODUCE", "WHY"];

/// The cells of one row: `Ada Lovelace + Grace Hopper`, the reason.
pub fn cells(pair: &Pair) -> Vec<String> {
    vec![
        format!("{} + {}", pair.a.name(), pair.b.name()),
        pair.reason(),
    ]
}

/// A pair as `intros --json` prints it.
#[derive(Serialize)]
pub struct PairJson<'a> {
    a: WhoJson<'a>,
    b: WhoJson<'a>,
    score: f32,
    reason: String,
    both: &'a [String],
    needs: Vec<NeedJson<'a>>,
}

#[derive(Serialize)]
struct WhoJson<'a> {
    path: &'a str,
    name: &'a str,
}

impl<'a> WhoJson<'a> {
    fn of(person: &'a Summary) -> Self {
        WhoJson {
            path: &person.path,
            name: person.name(),
        }
    }
}

#[derive(Serialize)]
struct NeedJson<'a> {
    /// The path of whoever needs it.
    needer: &'a str,
    need: &'a str,
    /// The path of whoever offers it.
    giver: &'a str,
    offers: &'a [String],
}

impl<'a> PairJson<'a> {
    /// `pair` as JSON.
    pub fn new(pair: &'a Pair) -> Self {
        PairJson {
            a: WhoJson::of(pair.a),
            b: WhoJson::of(pair.b),
            score: pair.score,
            reason: pair.reason(),
            both: &pair.both,
            needs: pair
                .needs
                .iter()
                .map(|need| NeedJson {
                    needer: &need.needer.path,
                    need: &need.need,
                    giver: &need.giver.path,
                    offers: &need.offers,
                })
                .collect(),
        }
    }
}
