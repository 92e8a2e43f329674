//! Hints about how the vault is laid out: what kith noticed that may not
//! be what the user meant, such as a people folder beside one whose name
//! differs only by case. `kith check` says them; they are not problems.

use std::fmt;
use std::path::Path;

use crate::vault::people::{Rule, is_people_folder_name};
use crate::vault::scan::{Scan, is_below};

/// One hint, about a folder or note.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hint {
    /// Vault-relative; a folder ends with `/`.
    pub path: String,
    /// What kith noticed and what to do.
    pub message: String,
}

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: hint: {}", self.path, self.message)
    }
}

/// The hints about the layout `scan` found, with `rule` in effect.
pub(crate) fn layout(scan: &Scan, rule: &Rule) -> Vec<Hint> {
    let read = |folder: &String| rule.folders.contains(folder);
    let mut hints = Vec::new();
    for twins in &scan.case_twins {
        let named = twins.iter().any(|folder| {
            read(folder) || is_people_folder_name(folder.rsplit('/').next().unwrap_or(folder))
        });
        if !named {
            continue;
        }
        let (kept, left): (Vec<&String>, Vec<&String>) = twins.iter().partition(|f| read(f));
        let message = match (kept.as_slice(), left.as_slice()) {
            ([_, _, ..], []) => format!(
                "{} differ only by case; kith reads each as a people folder, but macOS and \
                 Windows see one folder: move the notes into one and delete the others",
                listed(&kept)
            ),
            ([], _) => continue,
            (_, _) => format!(
                "{} {} from the people folder {} only by case, and kith does not read {}: \
                 move any notes into {} and delete {}",
                listed(&left),
                if left.len() == 1 { "differs" } else { "differ" },
                listed(&kept),
                if left.len() == 1 { "it" } else { "them" },
                listed(&kept),
                if left.len() == 1 { "it" } else { "them" },
            ),
        };
        hints.push(Hint {
            path: format!("{}/", twins[0]),
            message,
        });
    }
    for folder in scan.people_folders_with_notes() {
        let read = rule
            .folders
            .iter()
            .any(|f| *f == folder || is_below(&folder, f));
        let said = hints
            .iter()
            .any(|hint: &Hint| hint.message.contains(&format!("'{folder}/'")));
        if !read && !said {
            hints.push(Hint {
                path: format!("{folder}/"),
                message: "holds notes and is named like a people folder, but config 'people' \
                          does not name it, so kith does not read its notes as people (unless \
                          marked): add it to 'people' if they are"
                    .to_string(),
            });
        }
    }
    hints.sort();
    hints
}

/// `'a/', 'b/'`.
fn listed(folders: &[&String]) -> String {
    folders
        .iter()
        .map(|folder| format!("'{folder}/'"))
        .collect::<Vec<_>>()
        .join(" and ")
}

/// The folder on disk that `folder` (vault-relative, missing) names but for
/// case, when there is exactly one such.
pub(crate) fn case_twin_on_disk(root: &Path, folder: &str) -> Option<String> {
    let mut found = String::new();
    for part in folder.split('/') {
        let parent = root.join(&found);
        let exact = parent.join(part);
        let name = if exact.is_dir() {
            part.to_string()
        } else {
            let mut twins = std::fs::read_dir(&parent).ok()?.filter_map(|entry| {
                let entry = entry.ok()?;
                let name = entry.file_name().into_string().ok()?;
                (name.eq_ignore_ascii_case(part) || name.to_lowercase() == part.to_lowercase())
                    .then_some(name)
                    .filter(|_| entry.path().is_dir())
            });
            let name = twins.next()?;
            if twins.next().is_some() {
                return None;
            }
            name
        };
        if !found.is_empty() {
            found.push('/');
        }
        found.push_str(&name);
    }
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(twins: &[&[&str]]) -> Scan {
        Scan {
            case_twins: twins
                .iter()
                .map(|group| group.iter().map(|f| f.to_string()).collect())
                .collect(),
            ..Scan::default()
        }
    }

    fn rule(folders: &[&str]) -> Rule {
        Rule::new(folders.iter().map(|f| f.to_string()).collect(), false)
    }

    #[test]
    fn an_empty_people_folder_beside_the_real_one_is_a_hint() {
        let hints = layout(
            &scan(&[&["People", "people"], &["Notes", "notes"]]),
            &rule(&["People"]),
        );
        assert_eq!(hints.len(), 1, "{hints:?}");
        assert_eq!(hints[0].path, "People/");
        assert!(
            hints[0].message.starts_with(
                "'people/' differs from the people folder 'People/' only by case, and kith \
                 does not read it: move any notes into 'People/' and delete it"
            ),
            "{}",
            hints[0]
        );
        let both = layout(
            &scan(&[&["CRM/Contacts", "CRM/contacts"]]),
            &rule(&["CRM/Contacts", "CRM/contacts"]),
        );
        assert!(both[0].message.contains("kith reads each"), "{}", both[0]);
        assert!(layout(&scan(&[&["People", "people"]]), &rule(&[])).is_empty());
    }

    #[test]
    fn a_people_folder_the_config_leaves_out_is_a_hint() {
        let scan = Scan {
            files: ["CRM/Contacts/Ada.md", "Clients/Bo.md", "People/Cy.md"]
                .iter()
                .map(|rel| crate::vault::scan::NoteFile {
                    rel: rel.to_string(),
                    stamp: Default::default(),
                    odd_path: None,
                })
                .collect(),
            people_folders: vec!["CRM/Contacts".into(), "People".into()],
            ..Scan::default()
        };
        let hints = layout(&scan, &rule(&["Clients", "CRM"]));
        assert_eq!(hints.len(), 1, "{hints:?}");
        assert_eq!(hints[0].path, "People/");
        assert!(
            hints[0]
                .message
                .contains("config 'people' does not name it")
        );
    }

    #[test]
    fn a_missing_folder_is_found_by_case() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("CRM/Contacts")).unwrap();
        assert_eq!(
            case_twin_on_disk(dir.path(), "crm/contacts").as_deref(),
            Some("CRM/Contacts")
        );
        assert_eq!(case_twin_on_disk(dir.path(), "crm/people"), None);
    }
}
