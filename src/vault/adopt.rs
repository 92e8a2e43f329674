//! What `kith init` adopts from a vault it sets up: the people folders it
//! already has and the person markers its other notes carry, so that kith
//! reads people where they are and never makes a second place for them.

use rayon::prelude::*;

use crate::note::Parsed;
use crate::vault::Vault;
use crate::vault::config::Adopted;
use crate::vault::people::{Marker, Rule, is_template_note, markers_on};
use crate::vault::scan::is_below;

/// What a survey of the vault found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Survey {
    /// The folders and markers to write into the config.
    pub adopted: Adopted,
    /// How many notes each people folder holds, in `adopted.people` order.
    pub folder_notes: Vec<usize>,
    /// How many notes the vault holds in all.
    pub notes: usize,
}

impl Survey {
    /// Surveys `vault`: its people folders (the config's, else those found
    /// holding notes) and the markers on notes outside them (the config's,
    /// else the defaults), most used first.
    pub fn of(vault: &Vault) -> Survey {
        let scan = vault.scan();
        let folders = vault.people_folders(&scan);
        let rule = Rule::new(folders.clone(), true).with_dailies(scan.dailies.clone());
        let markers = vault.markers();
        let outside: Vec<_> = scan
            .files
            .iter()
            .filter(|file| !rule.in_folder(&file.rel) && !rule.is_dated(&file.rel))
            .collect();
        let found: Vec<Vec<usize>> = outside
            .par_iter()
            .map(
                |file| match crate::vault::read_note(&file.rel, &file.abs(&vault.root)) {
                    Parsed::Person(person) if !is_template_note(&person) => {
                        markers_on(markers, &person)
                            .into_iter()
                            .filter_map(|marker| markers.iter().position(|m| m == marker))
                            .collect()
                    }
                    _ => Vec::new(),
                },
            )
            .collect();
        let mut counts = vec![0usize; markers.len()];
        for at in found.into_iter().flatten() {
            counts[at] += 1;
        }
        let mut used: Vec<(Marker, usize)> = markers
            .iter()
            .cloned()
            .zip(counts)
            .filter(|(_, count)| *count > 0)
            .collect();
        used.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
        let folder_notes = folders
            .iter()
            .map(|folder| {
                scan.files
                    .iter()
                    .filter(|f| is_below(&f.rel, folder))
                    .count()
            })
            .collect();
        Survey {
            adopted: Adopted {
                people: folders,
                markers: used,
            },
            folder_notes,
            notes: scan.files.len(),
        }
    }
}
