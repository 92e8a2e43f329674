//! Paths kith may write to: resolved through every symbolic link, and
//! refused unless they land inside the vault's real root. Notes, new
//! notes' folders, the report and the calendar all pass here.

use std::io;
use std::path::{Component, Path, PathBuf};

use crate::text::clean;

/// Why kith will not write at a path.
#[derive(Debug, thiserror::Error)]
pub enum PathError {
    /// A link leads outside the vault.
    #[error(
        "{shown} leads outside the vault (to {target}); kith never writes outside the vault",
        shown = clean(.shown), target = clean(.target)
    )]
    Outside {
        /// The path as asked for.
        shown: String,
        /// Where it leads.
        target: String,
    },
    /// A path with `..` in it.
    #[error("{shown} is not a path below the vault (it holds '..')", shown = clean(.shown))]
    NotBelow {
        /// The path as asked for.
        shown: String,
    },
    /// The path cannot be resolved.
    #[error("cannot open {shown}: {source}", shown = clean(.shown))]
    Io {
        /// The path as asked for.
        shown: String,
        /// What the file system said.
        source: io::Error,
    },
}

/// The real path of `path`, which need not exist yet, with every link on
/// the way resolved, when it lies inside the real vault `root`. `shown`
/// names the path in errors.
pub fn real_path(root: &Path, path: &Path, shown: &str) -> Result<PathBuf, PathError> {
    let io_error = |source| PathError::Io {
        shown: shown.to_string(),
        source,
    };
    if path.components().any(|c| c == Component::ParentDir) {
        return Err(PathError::NotBelow {
            shown: shown.to_string(),
        });
    }
    let real_root = root.canonicalize().map_err(io_error)?;
    let mut existing = path;
    let mut missing = Vec::new();
    let real_existing = loop {
        match existing.canonicalize() {
            Ok(real) => break real,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                if let Ok(target) = std::fs::read_link(existing) {
                    // A link to nothing: writing there would follow it.
                    return Err(PathError::Outside {
                        shown: shown.to_string(),
                        target: target.display().to_string(),
                    });
                }
                match (existing.file_name(), existing.parent()) {
                    (Some(name), Some(parent)) => {
                        missing.push(name.to_os_string());
                        existing = parent;
                    }
                    _ => return Err(io_error(error)),
                }
            }
            Err(error) => return Err(io_error(error)),
        }
    };
    let real = missing
        .iter()
        .rev()
        .fold(real_existing, |path, name| path.join(name));
    if !real.starts_with(&real_root) {
        return Err(PathError::Outside {
            shown: shown.to_string(),
            target: real.display().to_string(),
        });
    }
    Ok(real)
}

/// Makes the folder `dir` and those up to it, inside the vault only (see
/// [`real_path`]); the vault itself is never made. Returns its real path.
pub(crate) fn make_folders(root: &Path, dir: &Path, shown: &str) -> Result<PathBuf, PathError> {
    let real = real_path(root, dir, shown)?;
    std::fs::create_dir_all(&real).map_err(|source| PathError::Io {
        shown: shown.to_string(),
        source,
    })?;
    Ok(real)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_are_followed_and_must_stay_inside() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("Eve.md"), "x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("people")).unwrap();
        std::fs::write(root.join("notes.md"), "x").unwrap();
        symlink(outside.path().join("Eve.md"), root.join("people/Eve.md")).unwrap();
        symlink(root.join("notes.md"), root.join("people/Ada.md")).unwrap();
        symlink(outside.path(), root.join("out")).unwrap();
        symlink(outside.path().join("nothing"), root.join("dangling.md")).unwrap();
        let real_root = root.canonicalize().unwrap();

        let real = |rel: &str| real_path(root, &root.join(rel), rel);
        assert_eq!(real("people/Ada.md").unwrap(), real_root.join("notes.md"));
        assert_eq!(
            real("people/New.md").unwrap(),
            real_root.join("people/New.md")
        );
        assert_eq!(real("a/b/c.md").unwrap(), real_root.join("a/b/c.md"));
        for leading_out in [
            "people/Eve.md",
            "out/Follow-ups.md",
            "out/x/y.md",
            "dangling.md",
        ] {
            let error = real(leading_out).unwrap_err().to_string();
            assert!(
                error.starts_with(&format!("{leading_out} leads outside the vault")),
                "{error}"
            );
        }
        assert!(matches!(
            real("a/../../x.md").unwrap_err(),
            PathError::NotBelow { .. }
        ));
    }

    #[test]
    fn folders_are_made_inside_only_and_never_the_vault() {
        let outside = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        symlink(outside.path(), root.join("out")).unwrap();
        make_folders(root, &root.join("a/b"), "a/b").unwrap();
        assert!(root.join("a/b").is_dir());
        assert!(make_folders(root, &root.join("out/c"), "out/c").is_err());
        assert!(!outside.path().join("c").exists());
        let gone = root.join("gone");
        assert!(make_folders(&gone, &gone.join("x"), "x").is_err());
        assert!(!gone.exists());
    }
}
