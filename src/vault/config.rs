//! `.kith/config.yaml`: the hand-edited settings, read strictly so that a
//! misspelt key or a bad cadence is an error naming the key.

use std::collections::BTreeMap;
use std::path::{Component, Path};

use serde::Deserialize;

use crate::note::cadence::Cadence;

/// The settings kith runs with; defaults where the file is silent.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Vault-relative folders holding person notes; `None`: `people/` when it
    /// exists, else the whole vault.
    pub people: Option<Vec<String>>,
    /// Vault-relative path of the report.
    pub report: String,
    /// The log text of an item ticked in the report (or `kith done`)
    /// without text typed after it.
    pub report_log_text: String,
    /// Vault-relative path of the calendar feed (`.ics`) written with the
    /// report; `None`: no feed.
    pub ics: Option<String>,
    /// How many days ahead the report's "Due" section looks.
    pub due_soon_days: u32,
    /// How many days ahead the report's birthdays section looks.
    pub birthday_window_days: u32,
    /// The cadence of notes without one (and without a tag's).
    pub default_cadence: Option<Cadence>,
    /// Lower-cased tag → cadence.
    pub cadence_by_tag: BTreeMap<String, Cadence>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            people: None,
            report: "Follow-ups.md".into(),
            report_log_text: DEFAULT_LOG_TEXT.into(),
            ics: None,
            due_soon_days: 7,
            birthday_window_days: 14,
            default_cadence: None,
            cadence_by_tag: BTreeMap::new(),
        }
    }
}

/// A config file kith will not run with.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ConfigError {
    /// The config file, as shown.
    pub path: String,
    /// What is wrong in it.
    pub message: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    people: Option<OneOrMany>,
    report: Option<String>,
    report_log_text: Option<String>,
    ics: Option<String>,
    due_soon_days: Option<u32>,
    birthday_window_days: Option<u32>,
    default_cadence: Option<String>,
    cadence_by_tag: Option<BTreeMap<String, String>>,
}

/// What a tick in the report logs when nothing was typed after it.
const DEFAULT_LOG_TEXT: &str = "Checked off in Follow-ups";

/// The largest window accepted, in days: ten years.
const MAX_WINDOW_DAYS: u32 = 3660;

/// The commented config `kith init` writes.
pub const TEMPLATE: &str = "\
# kith configuration. Every key is optional; delete a line to use its default.

# Folder (or list of folders) holding one note per person.
# Default: people/ when it exists, else the whole vault.
# people: people

# Where the follow-up report is written, relative to the vault.
report: Follow-ups.md

# What a ticked item of the report (and `kith done NAME`) logs in the note
# when nothing was typed after it.
# report_log_text: Checked off in Follow-ups

# A calendar (iCalendar) of birthdays, due dates and open promises, written
# with the report whenever it changes, for a calendar app to subscribe to.
# ics: Calendar/kith.ics

# Windows for the report's \"Due in the next N days\" and \"Birthdays\" sections.
due_soon_days: 7
birthday_window_days: 14

# Cadence for people whose note sets none: daily, weekly, biweekly, monthly,
# bimonthly, quarterly, semiannually, yearly, 10d, 6w, 3m, 1y, every 2 weeks.
# default_cadence: quarterly

# Cadence by tag, for notes without their own; the most frequent match wins.
# cadence_by_tag:
#   coi: weekly
#   client: monthly
";

impl Config {
    /// Reads the config file at `path` (shown in errors as `shown`); a missing
    /// file gives the defaults.
    pub fn load(path: &Path, shown: &str) -> Result<Config, ConfigError> {
        let error = |message: String| ConfigError {
            path: shown.to_string(),
            message,
        };
        let text = match std::fs::read(path) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|_| error("not UTF-8".into()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(error(format!("cannot read: {e}"))),
        };
        Config::parse(&text).map_err(error)
    }

    /// Parses config text; the error names the offending key.
    pub fn parse(text: &str) -> Result<Config, String> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let raw: RawConfig = if text.trim().is_empty() {
            RawConfig::default()
        } else {
            serde_yaml::from_str::<Option<RawConfig>>(text)
                .map_err(|e| e.to_string())?
                .unwrap_or_default()
        };
        let defaults = Config::default();
        let people = raw
            .people
            .map(|people| match people {
                OneOrMany::One(one) => vec![one],
                OneOrMany::Many(many) => many,
            })
            .map(|folders| {
                folders
                    .into_iter()
                    .map(|folder| inside_vault(&folder, "people"))
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()?;
        let report = match raw.report {
            Some(report) => {
                let report = inside_vault(&report, "report")?;
                if !report.to_lowercase().ends_with(".md") {
                    return Err(format!("report: '{report}' must be a .md file"));
                }
                report
            }
            None => defaults.report,
        };
        let report_log_text = match raw.report_log_text {
            Some(text) if text.trim().is_empty() || text.chars().any(char::is_control) => {
                return Err(format!(
                    "report_log_text: '{text}' must be one line of text"
                ));
            }
            Some(text) => text.trim().to_string(),
            None => defaults.report_log_text,
        };
        let ics = raw
            .ics
            .map(|ics| {
                let ics = inside_vault(&ics, "ics")?;
                if !ics.to_lowercase().ends_with(".ics") {
                    return Err(format!("ics: '{ics}' must be a .ics file"));
                }
                Ok(ics)
            })
            .transpose()?;
        let window = |value: Option<u32>, key: &str, default: u32| match value {
            Some(days) if days > MAX_WINDOW_DAYS => {
                Err(format!("{key}: {days} is more than {MAX_WINDOW_DAYS} days"))
            }
            Some(days) => Ok(days),
            None => Ok(default),
        };
        let cadence =
            |text: &str, key: &str| text.parse::<Cadence>().map_err(|e| format!("{key}: {e}"));
        let default_cadence = raw
            .default_cadence
            .map(|text| cadence(&text, "default_cadence"))
            .transpose()?;
        let cadence_by_tag = raw
            .cadence_by_tag
            .unwrap_or_default()
            .into_iter()
            .map(|(tag, text)| {
                let value = cadence(&text, &format!("cadence_by_tag.{tag}"))?;
                Ok((tag.trim_start_matches('#').to_lowercase(), value))
            })
            .collect::<Result<_, String>>()?;
        Ok(Config {
            people,
            report,
            report_log_text,
            ics,
            due_soon_days: window(raw.due_soon_days, "due_soon_days", defaults.due_soon_days)?,
            birthday_window_days: window(
                raw.birthday_window_days,
                "birthday_window_days",
                defaults.birthday_window_days,
            )?,
            default_cadence,
            cadence_by_tag,
        })
    }
}

/// A relative path that stays inside the vault, with `/` separators.
fn inside_vault(path: &str, key: &str) -> Result<String, String> {
    let trimmed = path.trim().trim_end_matches('/');
    let escapes = Path::new(trimmed)
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if trimmed.is_empty() || escapes || trimmed.contains('\\') {
        return Err(format!(
            "{key}: '{path}' must be a relative path inside the vault"
        ));
    }
    Ok(trimmed.trim_start_matches("./").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_is_the_defaults() {
        assert_eq!(Config::parse("").unwrap(), Config::default());
        assert_eq!(
            Config::parse("# only comments\n").unwrap(),
            Config::default()
        );
    }

    #[test]
    fn the_init_template_parses() {
        assert_eq!(Config::parse(TEMPLATE).unwrap(), Config::default());
    }

    #[test]
    fn every_key_is_read() {
        let config = Config::parse(
            "people: [people, clients/]\nreport: Reports/Due.md\nreport_log_text: Called\nics: ./Calendar/kith.ics\ndue_soon_days: 3\nbirthday_window_days: 30\ndefault_cadence: yearly\ncadence_by_tag:\n  COI: weekly\n  '#client': 1m\n",
        )
        .unwrap();
        assert_eq!(config.people, Some(vec!["people".into(), "clients".into()]));
        assert_eq!(config.report, "Reports/Due.md");
        assert_eq!(config.report_log_text, "Called");
        assert_eq!(config.ics.as_deref(), Some("Calendar/kith.ics"));
        assert_eq!(config.due_soon_days, 3);
        assert_eq!(config.birthday_window_days, 30);
        assert_eq!(config.default_cadence, Some(Cadence::Years(1)));
        assert_eq!(config.cadence_by_tag["coi"], Cadence::Weeks(1));
        assert_eq!(config.cadence_by_tag["client"], Cadence::Months(1));
    }

    #[test]
    fn errors_name_the_key() {
        let unknown = Config::parse("peple: people\n").unwrap_err();
        assert!(unknown.contains("peple"), "{unknown}");
        let cadence = Config::parse("cadence_by_tag:\n  coi: sometimes\n").unwrap_err();
        assert!(cadence.starts_with("cadence_by_tag.coi:"), "{cadence}");
        let escape = Config::parse("report: ../outside.md\n").unwrap_err();
        assert!(escape.starts_with("report:"), "{escape}");
        let absolute = Config::parse("people: /etc\n").unwrap_err();
        assert!(absolute.starts_with("people:"), "{absolute}");
        let not_md = Config::parse("report: Follow-ups.txt\n").unwrap_err();
        assert!(not_md.contains(".md"), "{not_md}");
        let not_ics = Config::parse("ics: feed.md\n").unwrap_err();
        assert!(not_ics.contains(".ics"), "{not_ics}");
        let ics_escape = Config::parse("ics: /tmp/x.ics\n").unwrap_err();
        assert!(ics_escape.starts_with("ics:"), "{ics_escape}");
        let log_text = Config::parse("report_log_text: \"a\\nb\"\n").unwrap_err();
        assert!(log_text.starts_with("report_log_text:"), "{log_text}");
        let window = Config::parse("due_soon_days: -1\n").unwrap_err();
        assert!(window.contains("due_soon_days"), "{window}");
    }
}
