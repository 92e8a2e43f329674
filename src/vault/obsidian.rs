//! What Obsidian's settings in `.obsidian/` say about the vault: the
//! template folders of its core Templates plugin and of Templater, and
//! where daily notes go and how they are named (the core Daily notes
//! plugin and Periodic Notes).

use std::path::Path;

use crate::vault::daily::{DEFAULT_FORMAT, DailyNotes};

/// The settings files and the key naming a template folder in each.
const TEMPLATE_SETTINGS: &[(&str, &str)] = &[
    (".obsidian/templates.json", "folder"),
    (
        ".obsidian/plugins/templater-obsidian/data.json",
        "templates_folder",
    ),
];

/// The core Daily notes plugin's settings.
const DAILY_NOTES: &str = ".obsidian/daily-notes.json";
/// The Periodic Notes plugin's settings; its daily notes are under `daily`.
const PERIODIC_NOTES: &str = ".obsidian/plugins/periodic-notes/data.json";

/// The settings files kith reads, vault-relative: a change to one may
/// change which notes are templates or daily notes.
pub(crate) fn settings_files() -> impl Iterator<Item = &'static str> {
    TEMPLATE_SETTINGS
        .iter()
        .map(|(file, _)| *file)
        .chain([DAILY_NOTES, PERIODIC_NOTES])
}

/// Reads the JSON settings file `file` of the vault at `root`; missing or
/// unreadable settings are none.
fn settings(root: &Path, file: &str) -> Option<serde_json::Value> {
    let bytes = std::fs::read(root.join(file)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// A folder as the settings write it, vault-relative (`/Journal/` is
/// `Journal`, `/` the vault root); `None` for one leading out.
fn folder_of(text: &str) -> Option<String> {
    let folder = text.trim().trim_matches('/').trim_start_matches("./");
    (!folder.split('/').any(|part| part == "..")).then(|| folder.to_string())
}

/// The vault-relative template folders Obsidian's settings name in the
/// vault at `root`; missing or unreadable settings name none.
pub(crate) fn template_folders(root: &Path) -> Vec<String> {
    TEMPLATE_SETTINGS
        .iter()
        .filter_map(|(file, key)| {
            let folder = folder_of(settings(root, file)?.get(key)?.as_str()?)?;
            (!folder.is_empty()).then_some(folder)
        })
        .collect()
}

/// Where the vault at `root` keeps daily notes and how it names them, as
/// the Daily notes core plugin (when its settings exist) and Periodic
/// Notes (when its daily notes are on) say; the same twice counts once.
pub(crate) fn daily_notes(root: &Path) -> Vec<DailyNotes> {
    let read = |settings: &serde_json::Value| {
        let text = |key: &str| settings.get(key).and_then(serde_json::Value::as_str);
        let format = text("format").map(str::trim).filter(|f| !f.is_empty());
        Some(DailyNotes {
            folder: folder_of(text("folder").unwrap_or_default())?,
            format: format.unwrap_or(DEFAULT_FORMAT).to_string(),
        })
    };
    let core = settings(root, DAILY_NOTES).and_then(|s| read(&s));
    let periodic = settings(root, PERIODIC_NOTES).and_then(|s| {
        let daily = s.get("daily")?;
        let enabled = daily.get("enabled").and_then(serde_json::Value::as_bool);
        enabled.unwrap_or(true).then(|| read(daily)).flatten()
    });
    let mut all: Vec<DailyNotes> = core.into_iter().chain(periodic).collect();
    all.dedup();
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_templates_and_templater_folders_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert!(template_folders(root).is_empty());
        std::fs::create_dir_all(root.join(".obsidian/plugins/templater-obsidian")).unwrap();
        std::fs::write(
            root.join(".obsidian/templates.json"),
            r#"{"folder": "/Extras/Templates/"}"#,
        )
        .unwrap();
        std::fs::write(
            root.join(".obsidian/plugins/templater-obsidian/data.json"),
            r#"{"command_timeout": 5, "templates_folder": "Extras/Scripts"}"#,
        )
        .unwrap();
        assert_eq!(
            template_folders(root),
            ["Extras/Templates", "Extras/Scripts"]
        );
        for broken in [
            "not json",
            r#"{"folder": 3}"#,
            r#"{"folder": "/"}"#,
            r#"{"folder": "../x"}"#,
        ] {
            std::fs::write(root.join(".obsidian/templates.json"), broken).unwrap();
            assert_eq!(template_folders(root), ["Extras/Scripts"], "{broken}");
        }
    }

    #[test]
    fn daily_notes_settings_of_the_core_plugin_and_periodic_notes_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert!(daily_notes(root).is_empty());
        std::fs::create_dir_all(root.join(".obsidian/plugins/periodic-notes")).unwrap();
        std::fs::write(root.join(DAILY_NOTES), r#"{"folder": "/Journal/"}"#).unwrap();
        std::fs::write(
            root.join(PERIODIC_NOTES),
            r#"{"daily": {"enabled": true, "folder": "Days", "format": "DD.MM.YYYY"},
                "weekly": {"enabled": true, "format": "gggg-[W]ww"}}"#,
        )
        .unwrap();
        let daily = |folder: &str, format: &str| DailyNotes {
            folder: folder.into(),
            format: format.into(),
        };
        assert_eq!(
            daily_notes(root),
            [daily("Journal", "YYYY-MM-DD"), daily("Days", "DD.MM.YYYY")]
        );
        std::fs::write(
            root.join(PERIODIC_NOTES),
            r#"{"daily": {"enabled": false, "folder": "Days"}}"#,
        )
        .unwrap();
        std::fs::write(root.join(DAILY_NOTES), r#"{"folder": "../out"}"#).unwrap();
        assert!(daily_notes(root).is_empty());
        std::fs::write(root.join(DAILY_NOTES), "{}").unwrap();
        assert_eq!(daily_notes(root), [daily("", "YYYY-MM-DD")]);
    }
}
