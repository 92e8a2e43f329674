//! What Obsidian's settings in `.obsidian/` say about the vault: the
//! template folders of its core Templates plugin and of Templater.

use std::path::Path;

/// The settings files and the key naming a template folder in each.
const TEMPLATE_SETTINGS: &[(&str, &str)] = &[
    (".obsidian/templates.json", "folder"),
    (
        ".obsidian/plugins/templater-obsidian/data.json",
        "templates_folder",
    ),
];

/// The settings files that name template folders, vault-relative: a
/// change to one may change which notes are templates.
pub(crate) fn settings_files() -> impl Iterator<Item = &'static str> {
    TEMPLATE_SETTINGS.iter().map(|(file, _)| *file)
}

/// The vault-relative template folders Obsidian's settings name in the
/// vault at `root`; missing or unreadable settings name none.
pub(crate) fn template_folders(root: &Path) -> Vec<String> {
    TEMPLATE_SETTINGS
        .iter()
        .filter_map(|(file, key)| {
            let bytes = std::fs::read(root.join(file)).ok()?;
            let settings: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
            let folder = settings.get(key)?.as_str()?;
            let folder = folder.trim().trim_matches('/').trim_start_matches("./");
            (!folder.is_empty() && !folder.split('/').any(|part| part == ".."))
                .then(|| folder.to_string())
        })
        .collect()
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
}
