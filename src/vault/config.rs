//! `.kith/config.yaml`: the hand-edited settings, read strictly so that a
//! misspelt key or a bad cadence is an error naming the key.

use std::collections::BTreeMap;
use std::path::{Component, Path};

use serde::Deserialize;

use crate::index::words;
use crate::note::cadence::Cadence;
use crate::note::mention::Mentions;
use crate::vault::exclude::Exclude;
use crate::vault::people::Marker;

/// The settings kith runs with; defaults where the file is silent.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Vault-relative folders holding person notes; `None`: the people
    /// folders found in the vault (see [`crate::vault::people`]).
    pub people: Option<Vec<String>>,
    /// What marks a note as a person anywhere; `None`: the defaults
    /// ([`Marker::defaults`]).
    pub person_marker: Option<Vec<Marker>>,
    /// Notes and folders left out.
    pub exclude: Exclude,
    /// Vault-relative template folders, beside those Obsidian's settings
    /// name and those named `Templates`.
    pub templates: Vec<String>,
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
    /// What links to people in other notes count for.
    pub mentions: Mentions,
    /// Vault-relative folders whose notes mention people; `None`: every
    /// note.
    pub mention_folders: Option<Vec<String>>,
    /// Days between two shares with one person: `kith share` lists whoever
    /// got one more recently apart.
    pub share_spacing: u32,
    /// The kinds of outing and the words that mark them in a log line.
    pub outings: Outings,
    /// Who matters most: taken out once a year, and with a purpose.
    pub outing_for: MattersMost,
}

/// The kinds of outing (config `outings`), each with the words that mark a
/// log line as one: a tag (`#lunch`) or the line's first word (`Lunch at
/// Zuni`), compared as the index compares words (any case and accents, any
/// ending: `#lunches`, `Walked`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outings {
    /// Each kind's name and its words (the name among them), lower-cased,
    /// in name order.
    kinds: Vec<(String, Vec<String>)>,
    /// The same words stemmed as the index stems them, each kind's once.
    stems: Vec<Vec<String>>,
}

impl Outings {
    /// The kinds `kinds` (name and words), in name order.
    fn new(mut kinds: Vec<(String, Vec<String>)>) -> Outings {
        kinds.sort();
        let stems = kinds
            .iter()
            .map(|(_, words)| {
                let mut stems: Vec<String> = words.iter().filter_map(|w| words::stem(w)).collect();
                stems.dedup();
                stems
            })
            .collect();
        Outings { kinds, stems }
    }

    /// Each kind's name and its words, in name order.
    pub fn kinds(&self) -> &[(String, Vec<String>)] {
        &self.kinds
    }

    /// Each kind's name with its words' stems, in name order.
    pub(crate) fn stemmed(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.kinds
            .iter()
            .zip(&self.stems)
            .map(|((kind, _), stems)| (kind.as_str(), stems.as_slice()))
    }
}

impl Default for Outings {
    fn default() -> Self {
        Outings::new(
            DEFAULT_OUTINGS
                .iter()
                .map(|kind| (kind.to_string(), vec![kind.to_string()]))
                .collect(),
        )
    }
}

/// Who matters most (config `outing_for`): anyone with one of the tags or
/// one of the priorities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MattersMost {
    /// Lower-cased tags, without `#`.
    pub tags: Vec<String>,
    /// Priorities, compared ignoring case.
    pub priorities: Vec<String>,
}

impl Default for MattersMost {
    fn default() -> Self {
        MattersMost {
            tags: vec!["coi".into()],
            priorities: vec!["A".into()],
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            people: None,
            person_marker: None,
            exclude: Exclude::default(),
            templates: Vec::new(),
            report: "Follow-ups.md".into(),
            report_log_text: DEFAULT_LOG_TEXT.into(),
            ics: None,
            due_soon_days: 7,
            birthday_window_days: 14,
            default_cadence: None,
            cadence_by_tag: BTreeMap::new(),
            mentions: Mentions::Contact,
            mention_folders: None,
            share_spacing: 14,
            outings: Outings::default(),
            outing_for: MattersMost::default(),
        }
    }
}

/// The kinds of outing when the config names none.
const DEFAULT_OUTINGS: &[&str] = &[
    "coffee", "dinner", "drinks", "event", "golf", "lunch", "walk",
];

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

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(one) => vec![one],
            OneOrMany::Many(many) => many,
        }
    }
}

/// A key that is present, with or without a value.
fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// Folders given under `key`, each inside the vault; `.` is the vault
/// itself (`""`).
fn folders(value: Option<OneOrMany>, key: &str) -> Result<Option<Vec<String>>, String> {
    value
        .map(|folders| {
            folders
                .into_vec()
                .into_iter()
                .map(|folder| match folder.trim() {
                    "." | "./" => Ok(String::new()),
                    _ => inside_vault(&folder, key),
                })
                .collect()
        })
        .transpose()
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    people: Option<OneOrMany>,
    /// `Some(None)` when the key is there without a value.
    #[serde(default, deserialize_with = "present")]
    person_marker: Option<Option<OneOrMany>>,
    exclude: Option<OneOrMany>,
    templates: Option<OneOrMany>,
    report: Option<String>,
    report_log_text: Option<String>,
    ics: Option<String>,
    due_soon_days: Option<u32>,
    birthday_window_days: Option<u32>,
    default_cadence: Option<String>,
    cadence_by_tag: Option<BTreeMap<String, String>>,
    mentions: Option<serde_yaml::Value>,
    mention_folders: Option<OneOrMany>,
    share_spacing: Option<u32>,
    outings: Option<RawOutings>,
    outing_for: Option<RawOutingFor>,
}

/// `outings:` as a list of kinds or a map of kinds to their words.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawOutings {
    Kinds(Vec<String>),
    Words(BTreeMap<String, Option<OneOrMany>>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutingFor {
    tags: Option<OneOrMany>,
    priority: Option<OneOrMany>,
}

/// What a tick in the report logs when nothing was typed after it.
const DEFAULT_LOG_TEXT: &str = "Checked off in Follow-ups";

/// The largest window accepted, in days: ten years.
const MAX_WINDOW_DAYS: u32 = 3660;

/// What `kith init` found in the vault, written into the config it makes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Adopted {
    /// People folders holding notes, vault-relative.
    pub people: Vec<String>,
    /// The person markers notes outside those folders carry, with how
    /// many notes carry each, most used first.
    pub markers: Vec<(Marker, usize)>,
}

/// The commented config `kith init` writes, with what it found in the
/// vault set (and said so) and everything else commented out.
pub fn template(adopted: &Adopted) -> String {
    let mut text = String::from(
        "# kith configuration. Every key is optional; delete a line to use its default.\n\n\
         # Folder (or list of folders) holding one note per person. Default: the\n\
         # folders named People or Contacts (any case, up to three levels deep, such\n\
         # as CRM/Contacts); without one, the notes marked as a person (below);\n\
         # without those, every note but dated ones (daily and meeting notes).\n",
    );
    match adopted.people.as_slice() {
        [] => text.push_str("# people: People\n"),
        folders => {
            text.push_str("# kith init found these people notes and reads them from here:\n");
            text.push_str(&format!("people: {}\n", yaml_list(folders)));
        }
    }
    text.push_str(
        "\n# What marks a note anywhere in the vault as a person: a tag (\"#person\", in\n\
         # quotes: YAML reads # as a comment) or a property (\"type: person\"); a list\n\
         # for several. Default: the tags #person, #people and #contact (nested ones\n\
         # too, such as #person/friends) and a type or categories of person, people\n\
         # or contact (\"[[People]]\" too).\n",
    );
    if adopted.markers.is_empty() {
        text.push_str("# person_marker: \"#person\"\n");
    } else {
        let counts: Vec<String> = adopted
            .markers
            .iter()
            .map(|(marker, notes)| {
                format!(
                    "{marker} on {notes} {}",
                    if *notes == 1 { "note" } else { "notes" }
                )
            })
            .collect();
        let markers: Vec<String> = adopted.markers.iter().map(|(m, _)| m.to_string()).collect();
        text.push_str(&format!(
            "# kith init found these markers ({}):\nperson_marker: {}\n",
            counts.join(", "),
            yaml_list(&markers)
        ));
    }
    text.push_str(REST);
    text
}

/// `items` as a YAML value: one quoted text, or a flow list of them.
fn yaml_list(items: &[String]) -> String {
    // A JSON string is a YAML double-quoted scalar.
    let quoted: Vec<String> = items
        .iter()
        .map(|item| serde_json::Value::from(item.as_str()).to_string())
        .collect();
    match quoted.as_slice() {
        [one] => one.clone(),
        _ => format!("[{}]", quoted.join(", ")),
    }
}

/// The config template after the keys `kith init` may set.
const REST: &str = "
# Notes and folders to leave out: globs over paths in the vault; a name
# without / matches at any depth. Hidden folders (.obsidian, .trash) are
# always left out.
# exclude: [Archive, \"*.excalidraw.md\"]

# Template folders, never people. Default: the folders set in Obsidian's
# Templates and Templater settings, and folders named Templates or
# _templates; notes whose fields or title are placeholders ({{title}},
# <% tp.file.title %>) are templates wherever they are.
# templates: Extras/Templates

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

# Links to people in other notes: a line of a daily or meeting note (a date
# in its file name, its daily-note name or a date: property) that links to
# someone is a contact on that date, an open task there a promise, and a link
# in an undated note is listed by `kith show`. contact (the default), show
# (only listed) or off. A person's own `mentions: off` leaves them out.
# mentions: contact

# Only notes in these folders mention people. Default: every note.
# mention_folders: [Journal, Meetings]

# Days to leave between two shares with one person: `kith share` lists
# whoever got something from you more recently apart.
share_spacing: 14

# Kinds of outing, each with the words that mark a log line as one: a tag
# (`- 2026-06-02 #lunch at Zuni`) or the line's first word (`Lunch at Zuni`).
# outings:
#   coffee: [coffee]
#   dinner: [dinner, supper]
#   drinks: [drinks]
#   event: [event, concert, match]
#   golf: [golf]
#   lunch: [lunch, brunch]
#   walk: [walk, hike]

# Who matters most: taken out at least once a year (the report lists who
# was not), and `kith check` hints when one has no purpose.
# outing_for:
#   tags: [coi]
#   priority: [A]
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
        let people = folders(raw.people, "people")?;
        let templates = folders(raw.templates, "templates")?.unwrap_or_default();
        let person_marker = match raw.person_marker {
            None => None,
            Some(None) => {
                return Err(
                    "person_marker: no marker given (a tag starts with #, which YAML \
                     reads as a comment: write it in quotes, \"#person\")"
                        .into(),
                );
            }
            Some(Some(markers)) => Some(
                markers
                    .into_vec()
                    .iter()
                    .map(|marker| Marker::parse(marker).map_err(|e| format!("person_marker: {e}")))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };
        let exclude = Exclude::new(raw.exclude.map(OneOrMany::into_vec).unwrap_or_default())
            .map_err(|e| format!("exclude: {e}"))?;
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
        let mentions = match raw.mentions {
            None | Some(serde_yaml::Value::Null) => defaults.mentions,
            Some(serde_yaml::Value::Bool(false)) => Mentions::Off,
            Some(serde_yaml::Value::Bool(true)) => Mentions::Contact,
            Some(serde_yaml::Value::String(text)) => {
                text.parse().map_err(|e| format!("mentions: {e}"))?
            }
            Some(_) => return Err("mentions: write contact, show or off".into()),
        };
        let mention_folders = folders(raw.mention_folders, "mention_folders")?;
        Ok(Config {
            people,
            person_marker,
            exclude,
            templates,
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
            mentions,
            mention_folders,
            share_spacing: window(raw.share_spacing, "share_spacing", defaults.share_spacing)?,
            outings: raw
                .outings
                .map(outings)
                .transpose()?
                .unwrap_or(defaults.outings),
            outing_for: raw
                .outing_for
                .map(outing_for)
                .transpose()?
                .unwrap_or(defaults.outing_for),
        })
    }
}

/// The kinds of outing as configured: each kind's words lower-cased,
/// without `#`, one word each, the kind's name among them.
fn outings(raw: RawOutings) -> Result<Outings, String> {
    let listed: Vec<(String, Vec<String>)> = match raw {
        RawOutings::Kinds(kinds) => kinds.into_iter().map(|kind| (kind, Vec::new())).collect(),
        RawOutings::Words(map) => map
            .into_iter()
            .map(|(kind, words)| (kind, words.map(OneOrMany::into_vec).unwrap_or_default()))
            .collect(),
    };
    let mut kinds: Vec<(String, Vec<String>)> = Vec::new();
    for (kind, words) in listed {
        let name = one_word(&kind, "outings")?;
        let mut all = vec![name.clone()];
        for word in words {
            let word = one_word(&word, &format!("outings.{name}"))?;
            if !all.contains(&word) {
                all.push(word);
            }
        }
        match kinds.iter_mut().find(|(known, _)| *known == name) {
            Some((_, known)) => {
                for word in all {
                    if !known.contains(&word) {
                        known.push(word);
                    }
                }
            }
            None => kinds.push((name, all)),
        }
    }
    Ok(Outings::new(kinds))
}

/// A word of `outings`: lower-cased, without `#`, no spaces.
fn one_word(text: &str, key: &str) -> Result<String, String> {
    let word = text.trim().trim_start_matches('#').to_lowercase();
    if word.is_empty() || word.contains(char::is_whitespace) || word.chars().any(char::is_control) {
        return Err(format!(
            "{key}: '{text}' must be one word (a tag, or the first word of a log line)"
        ));
    }
    Ok(word)
}

/// Who matters most as configured.
fn outing_for(raw: RawOutingFor) -> Result<MattersMost, String> {
    let items = |value: Option<OneOrMany>, key: &str| {
        value
            .map(OneOrMany::into_vec)
            .unwrap_or_default()
            .into_iter()
            .map(|item| {
                let item = item.trim().trim_start_matches('#').trim().to_string();
                if item.is_empty() || item.chars().any(char::is_control) {
                    Err(format!(
                        "outing_for.{key}: '{item}' must be one line of text"
                    ))
                } else {
                    Ok(item)
                }
            })
            .collect::<Result<Vec<String>, String>>()
    };
    Ok(MattersMost {
        tags: items(raw.tags, "tags")?
            .into_iter()
            .map(|tag| tag.to_lowercase())
            .collect(),
        priorities: items(raw.priority, "priority")?,
    })
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
        assert_eq!(
            Config::parse(&template(&Adopted::default())).unwrap(),
            Config::default()
        );
    }

    #[test]
    fn the_init_template_sets_what_was_found() {
        let adopted = Adopted {
            people: vec![
                "01 - Community/People".into(),
                "CRM/Contacts: \"old\"".into(),
            ],
            markers: vec![
                (Marker::tag("person"), 5),
                (Marker::parse("type: person").unwrap(), 1),
            ],
        };
        let text = template(&adopted);
        assert!(
            text.contains("#person on 5 notes, type: person on 1 note"),
            "{text}"
        );
        let config = Config::parse(&text).unwrap();
        assert_eq!(config.people, Some(adopted.people.clone()));
        assert_eq!(
            config.person_marker,
            Some(adopted.markers.iter().map(|(m, _)| m.clone()).collect())
        );
        let one = template(&Adopted {
            people: vec!["People".into()],
            markers: Vec::new(),
        });
        assert!(one.contains("\npeople: \"People\"\n"), "{one}");
    }

    #[test]
    fn markers_excludes_and_templates_are_read() {
        let config = Config::parse(
            "person_marker: [\"#Friend\", \"kind: [[Humans]]\"]\nexclude: Archive\ntemplates: [Extras/Templates/, .]\n",
        )
        .unwrap();
        assert_eq!(
            config.person_marker,
            Some(vec![
                Marker::tag("friend"),
                Marker::property("kind", "humans")
            ])
        );
        assert!(config.exclude.excludes("Old/Archive/Ada.md"));
        assert_eq!(config.templates, ["Extras/Templates", ""]);
        let bare = Config::parse("person_marker: person\n").unwrap();
        assert_eq!(bare.person_marker, Some(vec![Marker::tag("person")]));
    }

    #[test]
    fn every_key_is_read() {
        let config = Config::parse(
            "people: [people, clients/]\nreport: Reports/Due.md\nreport_log_text: Called\nics: ./Calendar/kith.ics\ndue_soon_days: 3\nbirthday_window_days: 30\ndefault_cadence: yearly\ncadence_by_tag:\n  COI: weekly\n  '#client': 1m\nmentions: show\nmention_folders: Journal\n",
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
        assert_eq!(config.mentions, Mentions::Show);
        assert_eq!(config.mention_folders, Some(vec!["Journal".into()]));
        for (text, mode) in [("off", Mentions::Off), ("false", Mentions::Off)] {
            let config = Config::parse(&format!("mentions: {text}\n")).unwrap();
            assert_eq!(config.mentions, mode, "{text}");
        }
    }

    #[test]
    fn outings_and_who_matters_most_are_read_in_either_form() {
        let config = Config::parse(
            "share_spacing: 30\noutings: [Lunch, '#golf']\nouting_for:\n  tags: '#COI'\n  priority: [A, B]\n",
        )
        .unwrap();
        assert_eq!(config.share_spacing, 30);
        assert_eq!(
            config.outings.kinds(),
            [
                ("golf".to_string(), vec!["golf".to_string()]),
                ("lunch".to_string(), vec!["lunch".to_string()]),
            ]
        );
        assert_eq!(config.outing_for.tags, ["coi"]);
        assert_eq!(config.outing_for.priorities, ["A", "B"]);
        let words = Config::parse("outings:\n  lunch: [brunch, Lunch]\n  walk: hike\n  golf:\n")
            .unwrap()
            .outings;
        assert_eq!(
            words.kinds(),
            [
                ("golf".to_string(), vec!["golf".to_string()]),
                (
                    "lunch".to_string(),
                    vec!["lunch".to_string(), "brunch".to_string()]
                ),
                (
                    "walk".to_string(),
                    vec!["walk".to_string(), "hike".to_string()]
                ),
            ]
        );
        let nobody = Config::parse("outing_for: {}\noutings: []\n").unwrap();
        assert!(nobody.outing_for.tags.is_empty() && nobody.outing_for.priorities.is_empty());
        assert!(nobody.outings.kinds().is_empty());
    }

    #[test]
    fn errors_name_the_key() {
        let spaced = Config::parse("outings:\n  lunch: [ice cream]\n").unwrap_err();
        assert!(spaced.starts_with("outings.lunch:"), "{spaced}");
        let unknown_who = Config::parse("outing_for:\n  tag: [coi]\n").unwrap_err();
        assert!(unknown_who.contains("tag"), "{unknown_who}");
        let spacing = Config::parse("share_spacing: 99999\n").unwrap_err();
        assert!(spacing.starts_with("share_spacing:"), "{spacing}");
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
        // `#person` unquoted is a YAML comment: no value at all.
        let comment = Config::parse("person_marker: #person\n").unwrap_err();
        assert!(comment.starts_with("person_marker:"), "{comment}");
        assert!(comment.contains("in quotes"), "{comment}");
        let marker = Config::parse("person_marker: two words\n").unwrap_err();
        assert!(marker.starts_with("person_marker:"), "{marker}");
        let glob = Config::parse("exclude: \"[abc\"\n").unwrap_err();
        assert!(glob.starts_with("exclude:"), "{glob}");
        let templates = Config::parse("templates: ../elsewhere\n").unwrap_err();
        assert!(templates.starts_with("templates:"), "{templates}");
        let mentions = Config::parse("mentions: sometimes\n").unwrap_err();
        assert!(mentions.starts_with("mentions:"), "{mentions}");
        let folders = Config::parse("mention_folders: ../x\n").unwrap_err();
        assert!(folders.starts_with("mention_folders:"), "{folders}");
    }
}
