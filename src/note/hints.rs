//! Hints: values kith ignores that look as if they were meant for it (a
//! date under an unknown key that reads like a last contact, a misspelt
//! key, a cadence kith does not see). `kith check` says them; they never
//! make it fail.

use crate::note::cadence::{Cadence, parse_date};
use crate::note::fields::{self, FIELDS, Field, normal_key};

/// Words in a key that speak of the last contact (with `last`).
const LAST_WORDS: &[&str] = &[
    "contact",
    "seen",
    "met",
    "meet",
    "spoke",
    "spoken",
    "talk",
    "call",
    "chat",
    "touch",
    "interaction",
    "catchup",
    "visit",
    "ping",
];

/// Words in a key that speak of the next contact.
const NEXT_WORDS: &[&str] = &[
    "next", "followup", "remind", "reachout", "catchup", "checkin", "due",
];

/// Words in a key that speak of how often.
const CADENCE_WORDS: &[&str] = &[
    "contact", "touch", "reach", "follow", "freq", "cadence", "interval", "remind", "ping",
    "checkin", "catchup", "often", "every", "rhythm",
];

/// Values of a `status` that mean the person is no longer followed up.
const ARCHIVED_WORDS: &[&str] = &[
    "archived", "inactive", "dormant", "former", "closed", "lost", "ended", "paused",
];

/// What to tell a user who wrote `value` under `key`, a key kith does not
/// read, when it looks meant for kith; `None` when it does not. `shown`
/// is the field as written (`key: value`, or `key:: value` in the body).
pub(crate) fn ignored_field(key: &str, value: &str, shown: &str) -> Option<String> {
    let normal = normal_key(key);
    let has = |words: &[&str]| words.iter().any(|word| normal.contains(word));
    let shown = format!("'{shown}'");
    if parse_date(value).is_some() {
        if normal.contains("last") && has(LAST_WORDS) {
            return Some(use_instead(&shown, "a last contact", Field::LastContact));
        }
        if has(NEXT_WORDS) {
            return Some(use_instead(&shown, "a next contact", Field::NextContact));
        }
    }
    if value.parse::<Cadence>().is_ok() && has(CADENCE_WORDS) {
        return Some(use_instead(&shown, "a cadence", Field::Cadence));
    }
    if matches!(normal.as_str(), "status" | "state")
        && ARCHIVED_WORDS.contains(&value.trim().to_lowercase().as_str())
    {
        return Some(format!(
            "{shown}: kith does not read '{key}'; to stop follow-ups, set 'archived: true'"
        ));
    }
    near_spelling(key)
        .map(|spelling| format!("{shown}: kith does not read '{key}'; did you mean '{spelling}'?"))
}

fn use_instead(shown: &str, what: &str, field: Field) -> String {
    format!(
        "{shown} looks like {what}; kith reads those as '{}' (see `kith --help` for other spellings)",
        field.key()
    )
}

/// The key or spelling of a field that `key` misspells by a letter (two
/// for long keys).
fn near_spelling(key: &str) -> Option<&'static str> {
    let normal = normal_key(key);
    // `phone2`, `email_2`: a second one on purpose, not a typo.
    if fields::lookup(normal.trim_end_matches(|c: char| c.is_ascii_digit())).is_some() {
        return None;
    }
    let allowed = match normal.chars().count() {
        0..5 => return None,
        5..8 => 1,
        _ => 2,
    };
    FIELDS
        .iter()
        .flat_map(|spec| std::iter::once(&spec.key).chain(spec.spellings))
        .map(|spelling| {
            (
                strsim::damerau_levenshtein(&normal, &normal_key(spelling)),
                *spelling,
            )
        })
        .filter(|(distance, _)| *distance <= allowed)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, spelling)| spelling)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(key: &str, value: &str) -> String {
        ignored_field(key, value, &format!("{key}: {value}")).unwrap_or_default()
    }

    #[test]
    fn dates_that_read_like_contacts_are_hinted() {
        assert!(hint("lastCalled", "2026-10-01").contains("a last contact"));
        assert!(hint("last_talked_to", "2026-10-01").contains("'last_contact'"));
        assert!(hint("reminder_date", "2026-12-01").contains("'next_contact'"));
        assert!(hint("checkin", "2026-12-01 10:00").contains("a next contact"));
    }

    #[test]
    fn cadences_under_contact_keys_are_hinted() {
        assert!(hint("touch_base", "monthly").contains("a cadence"));
        assert!(hint("ping every", "6w").contains("'cadence'"));
    }

    #[test]
    fn a_status_that_means_archived_is_hinted() {
        assert!(hint("status", "Inactive").contains("archived: true"));
        assert_eq!(hint("status", "active"), "");
    }

    #[test]
    fn misspelt_keys_are_hinted() {
        assert!(hint("cadance", "monthly").contains("did you mean 'cadence'"));
        assert!(hint("birthdy", "1990-01-01").contains("'birthday'"));
    }

    #[test]
    fn ordinary_fields_are_left_alone() {
        for (key, value) in [
            ("newsletter", "weekly"),
            ("created", "2026-01-01"),
            ("linkedin", "ada-l"),
            ("type", "person"),
            ("website", "https://x.example"),
            ("last_name", "Lovelace"),
            ("date", "2026-01-01"),
            ("phone2", "+1 555"),
            ("email_2", "a@b.example"),
            ("type", "person"),
            ("categories", "People"),
        ] {
            assert_eq!(hint(key, value), "", "{key}: {value}");
        }
    }
}
