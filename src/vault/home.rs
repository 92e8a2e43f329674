//! Where kith keeps its own files for a vault (index, locks, journal):
//! `.kith/` when `kith init` made it and it can be written, else a folder
//! in the user's cache keyed by the vault's real path, else a temporary
//! folder gone when kith exits. Decided here, once per command.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use sha2::{Digest, Sha256};

use super::{KITH_DIR, create_dir_if_missing};

/// The folder holding kith's `index/` and `state/` for one vault.
#[derive(Debug)]
pub struct Home {
    /// Holds `index/` and `state/`; it exists. Nothing above it is ever
    /// created, so a vault deleted meanwhile stays deleted.
    pub dir: PathBuf,
    /// Which kind of folder that is.
    pub place: Place,
    /// What to tell the user about the choice, once.
    notice: Mutex<Option<String>>,
}

/// Which kind of folder [`Home::dir`] is.
#[derive(Debug)]
pub enum Place {
    /// The vault's own `.kith/`.
    Vault,
    /// A folder of the user's cache, kept between runs.
    Cache,
    /// A temporary folder, removed when kith exits: nothing else could
    /// be written.
    Temporary(tempfile::TempDir),
}

/// The file that names the vault a cache folder belongs to.
const OWNER_FILE: &str = "vault";

impl Home {
    /// Decides where kith keeps its files for the vault at `root`,
    /// creating the folder when it is in the cache.
    pub(crate) fn decide(root: &Path) -> Home {
        let kith = root.join(KITH_DIR);
        let probe = kith.is_dir().then(|| writable(&kith));
        if let Some(Ok(())) = probe {
            return Home::at(kith, Place::Vault, None);
        }
        let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let (why_not_vault, hint) = match probe {
            Some(Err(error)) => (
                format!(
                    "{} cannot be written ({error})",
                    real_root.join(KITH_DIR).display()
                ),
                "",
            ),
            _ => (
                format!("{} has no {KITH_DIR}/ folder", real_root.display()),
                " (`kith init` there keeps it in the vault)",
            ),
        };
        let cache_error = match cache_dir(&real_root) {
            Some(dir) => match open_cache(&dir, &real_root) {
                Ok(created) => {
                    let notice = created.then(|| {
                        format!(
                            "{why_not_vault}, so kith keeps its index in {}{hint}",
                            dir.display()
                        )
                    });
                    return Home::at(dir, Place::Cache, notice);
                }
                Err(error) => format!(
                    "and the cache folder {} cannot be written either ({error})",
                    dir.display()
                ),
            },
            None => "and no cache folder is known (set XDG_CACHE_HOME or HOME)".into(),
        };
        let notice = format!("{why_not_vault} {cache_error}; using a temporary index for this run");
        match tempfile::Builder::new().prefix("kith-").tempdir() {
            Ok(temp) => Home::at(
                temp.path().to_path_buf(),
                Place::Temporary(temp),
                Some(notice),
            ),
            // Every command that needs the folder will say why it cannot
            // write there.
            Err(_) => Home::at(kith, Place::Vault, Some(notice)),
        }
    }

    fn at(dir: PathBuf, place: Place, notice: Option<String>) -> Home {
        Home {
            dir,
            place,
            notice: Mutex::new(notice),
        }
    }

    /// The disposable search index.
    pub(crate) fn index_dir(&self) -> PathBuf {
        self.dir.join("index")
    }

    /// Locks and the journal.
    pub(crate) fn state_dir(&self) -> PathBuf {
        self.dir.join("state")
    }

    /// What to tell the user about where the index is, the first time
    /// it is asked for.
    pub fn take_notice(&self) -> Option<String> {
        self.notice.lock().ok()?.take()
    }
}

/// Whether kith can keep its files in `dir`: its `state/` folder is made
/// and a lock file opened for writing there.
fn writable(dir: &Path) -> io::Result<()> {
    let state = dir.join("state");
    create_dir_if_missing(&state)?;
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(state.join("index.lock"))
        .map(drop)
}

/// Makes (when missing) the cache folder `dir` of the vault at
/// `real_root`; says whether it was made now.
fn open_cache(dir: &Path, real_root: &Path) -> io::Result<bool> {
    let created = !dir.is_dir();
    std::fs::create_dir_all(dir)?;
    writable(dir)?;
    if created {
        let mut owner = real_root.as_os_str().as_encoded_bytes().to_vec();
        owner.push(b'\n');
        std::fs::write(dir.join(OWNER_FILE), owner)?;
    }
    Ok(created)
}

/// The cache folder of the vault at `real_root`:
/// `$XDG_CACHE_HOME/kith/vaults/NAME-HASH` (else `~/.cache/…`), where HASH
/// is taken from the real path, so every way to the vault meets there.
fn cache_dir(real_root: &Path) -> Option<PathBuf> {
    let cache = user_cache()?;
    let hash = Sha256::digest(real_root.as_os_str().as_encoded_bytes());
    let hex: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
    let name: String = real_root
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        .take(40)
        .collect();
    let name = if name.is_empty() { "root".into() } else { name };
    Some(
        cache
            .join("kith")
            .join("vaults")
            .join(format!("{name}-{hex}")),
    )
}

/// The user's cache folder: `XDG_CACHE_HOME`, else `~/.cache`
/// (`%LOCALAPPDATA%` on Windows).
fn user_cache() -> Option<PathBuf> {
    let absolute = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|path| path.is_absolute())
    };
    if cfg!(windows) {
        return absolute("LOCALAPPDATA");
    }
    absolute("XDG_CACHE_HOME").or_else(|| absolute("HOME").map(|home| home.join(".cache")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_folders_are_named_after_the_vault_and_keyed_by_its_path() {
        let a = cache_dir(Path::new("/home/me/My Notes")).unwrap();
        let name = a.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("MyNotes-"), "{name}");
        assert_eq!(name.len(), "MyNotes-".len() + 16);
        assert_eq!(a, cache_dir(Path::new("/home/me/My Notes")).unwrap());
        assert_ne!(a, cache_dir(Path::new("/home/you/My Notes")).unwrap());
        let root = cache_dir(Path::new("/")).unwrap();
        assert!(
            root.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("root-")
        );
    }

    #[test]
    fn a_vault_with_a_writable_kith_folder_keeps_everything_there() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".kith")).unwrap();
        let home = Home::decide(dir.path());
        assert!(matches!(home.place, Place::Vault));
        assert_eq!(home.dir, dir.path().join(".kith"));
        assert_eq!(home.take_notice(), None);
    }
}
