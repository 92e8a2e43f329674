//! Files kith generates into the vault (the report, the calendar): written
//! atomically and only when their bytes change, only inside the vault
//! (every link resolved) and only over a file kith wrote itself.

use std::io;

use crate::vault::Vault;
use crate::vault::inside::{self, PathError};
use crate::write::atomic::{self, ReplaceError};

/// Which generated file, and how kith knows one it wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generated {
    /// `Follow-ups.md`: its front matter says `kith: report`.
    Report,
    /// The `ics` calendar: its `PRODID` is kith's.
    Calendar,
}

impl Generated {
    /// The config key that names the file.
    fn key(self) -> &'static str {
        match self {
            Generated::Report => "report",
            Generated::Calendar => "ics",
        }
    }

    /// Whether `bytes` are a file kith wrote as this.
    fn is_ours(self, bytes: &[u8]) -> bool {
        match self {
            Generated::Report => {
                matches!(crate::note::parse("", bytes), crate::note::Parsed::Report)
            }
            Generated::Calendar => crate::contacts::ics::is_kiths(bytes),
        }
    }
}

/// Why a generated file was not written.
#[derive(Debug, thiserror::Error)]
pub enum GeneratedError {
    /// The path leads outside the vault.
    #[error(transparent)]
    Path(#[from] PathError),
    /// A file kith did not write is there.
    #[error(
        "{rel} exists and kith did not write it, so kith leaves it alone: rename or move \
         that file, or set `{key}:` in .kith/config.yaml to another path"
    )]
    NotOurs {
        /// The file's vault path.
        rel: String,
        /// The config key that names it.
        key: &'static str,
    },
    /// A folder is there.
    #[error("{rel} is a folder, not a file; set `{key}:` in .kith/config.yaml to a file")]
    Folder {
        /// The folder's vault path.
        rel: String,
        /// The config key that names it.
        key: &'static str,
    },
    /// The file changed since its content was read for this write.
    #[error("{rel} changed while kith was writing it")]
    Changed {
        /// The file's vault path.
        rel: String,
    },
    /// Writing failed.
    #[error("cannot write {rel}: {source}")]
    Write {
        /// The file's vault path.
        rel: String,
        /// Why.
        source: ReplaceError,
    },
}

/// Writes `bytes` as the generated file at vault path `rel`, making its
/// folders (inside the vault only). With `read`, the file must still hold
/// exactly those bytes (what the caller read from it before deciding
/// what to write). Returns whether the file changed.
pub fn write(
    vault: &Vault,
    what: Generated,
    rel: &str,
    bytes: &[u8],
    read: Option<&[u8]>,
) -> Result<bool, GeneratedError> {
    let write_error = |source: ReplaceError| GeneratedError::Write {
        rel: rel.to_string(),
        source,
    };
    let path = vault.root.join(rel);
    if let Some(parent) = path.parent() {
        inside::make_folders(&vault.root, parent, rel)?;
    }
    let target = inside::real_path(&vault.root, &path, rel)?;
    if target.is_dir() {
        return Err(GeneratedError::Folder {
            rel: rel.to_string(),
            key: what.key(),
        });
    }
    let changed = || GeneratedError::Changed {
        rel: rel.to_string(),
    };
    match std::fs::read(&target) {
        Ok(existing) if read.is_some_and(|read| read != existing) => Err(changed()),
        Ok(existing) if existing == bytes => Ok(false),
        Ok(existing) if what.is_ours(&existing) => {
            match atomic::replace_unchanged(&target, &existing, bytes) {
                Err(ReplaceError::Changed) => Err(changed()),
                other => other.map(|()| true).map_err(write_error),
            }
        }
        Ok(_) => Err(GeneratedError::NotOurs {
            rel: rel.to_string(),
            key: what.key(),
        }),
        Err(error) if error.kind() == io::ErrorKind::NotFound && read.is_some() => Err(changed()),
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            match atomic::create_new(&target, bytes) {
                // Someone made it meanwhile: theirs, unless proven ours.
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
                    Err(GeneratedError::NotOurs {
                        rel: rel.to_string(),
                        key: what.key(),
                    })
                }
                other => other.map(|()| true).map_err(|e| write_error(e.into())),
            }
        }
        Err(error) => Err(write_error(error.into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &[u8] = b"---\nkith: report\ndate: 2026-11-24\n---\n# Follow-ups\n";

    fn vault() -> (tempfile::TempDir, Vault) {
        let dir = tempfile::tempdir().unwrap();
        let vault = Vault::open(dir.path()).unwrap();
        (dir, vault)
    }

    #[test]
    fn the_report_replaces_only_a_report() {
        let (dir, vault) = vault();
        let path = dir.path().join("Follow-ups.md");
        assert!(write(&vault, Generated::Report, "Follow-ups.md", REPORT, None).unwrap());
        assert!(!write(&vault, Generated::Report, "Follow-ups.md", REPORT, None).unwrap());
        let newer = b"---\nkith: report\ndate: 2026-11-25\n---\n";
        assert!(write(&vault, Generated::Report, "Follow-ups.md", newer, None).unwrap());
        assert_eq!(std::fs::read(&path).unwrap(), newer);

        std::fs::write(&path, "# My follow-ups\n- call mum\n").unwrap();
        let error = write(&vault, Generated::Report, "Follow-ups.md", REPORT, None).unwrap_err();
        assert!(matches!(error, GeneratedError::NotOurs { .. }), "{error}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "# My follow-ups\n- call mum\n"
        );
    }

    #[test]
    fn a_report_saved_since_it_was_read_is_not_overwritten() {
        let (dir, vault) = vault();
        let path = dir.path().join("Follow-ups.md");
        write(&vault, Generated::Report, "Follow-ups.md", REPORT, None).unwrap();
        let ticked = b"---\nkith: report\ndate: 2026-11-24\n---\n- [x] [[people/A|A]] *x*\n";
        std::fs::write(&path, ticked).unwrap();
        let newer = b"---\nkith: report\ndate: 2026-11-25\n---\n";
        let error = write(
            &vault,
            Generated::Report,
            "Follow-ups.md",
            newer,
            Some(REPORT),
        );
        assert!(matches!(error, Err(GeneratedError::Changed { .. })));
        assert_eq!(std::fs::read(&path).unwrap(), ticked);
        assert!(
            write(
                &vault,
                Generated::Report,
                "Follow-ups.md",
                newer,
                Some(ticked)
            )
            .unwrap()
        );
        std::fs::remove_file(&path).unwrap();
        let error = write(
            &vault,
            Generated::Report,
            "Follow-ups.md",
            newer,
            Some(ticked),
        );
        assert!(matches!(error, Err(GeneratedError::Changed { .. })));
    }

    #[test]
    fn the_calendar_replaces_only_a_calendar_kith_wrote() {
        let (dir, vault) = vault();
        let ours = crate::contacts::ics::render(
            Vec::new(),
            &vault.config,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            30,
        );
        write(
            &vault,
            Generated::Calendar,
            "cal/kith.ics",
            ours.as_bytes(),
            None,
        )
        .unwrap();
        assert!(
            write(
                &vault,
                Generated::Calendar,
                "cal/kith.ics",
                b"BEGIN:VCALENDAR\r\n",
                None
            )
            .is_ok()
        );
        std::fs::write(
            dir.path().join("cal/kith.ics"),
            "BEGIN:VCALENDAR\r\nPRODID:-//Apple Inc.//macOS//EN\r\nEND:VCALENDAR\r\n",
        )
        .unwrap();
        let error = write(
            &vault,
            Generated::Calendar,
            "cal/kith.ics",
            ours.as_bytes(),
            None,
        );
        assert!(matches!(error, Err(GeneratedError::NotOurs { .. })));
    }
}
