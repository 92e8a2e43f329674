//! Config `exclude`: globs over vault-relative paths naming notes and
//! folders kith leaves out, matched as a user of `.gitignore` expects.

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

/// The compiled `exclude` globs.
#[derive(Debug, Clone, Default)]
pub struct Exclude {
    /// As written in the config.
    patterns: Vec<String>,
    set: GlobSet,
}

impl PartialEq for Exclude {
    fn eq(&self, other: &Exclude) -> bool {
        self.patterns == other.patterns
    }
}

impl Exclude {
    /// Compiles `patterns`. A pattern without `/` matches a file or folder
    /// name at any depth (`Archive`, `*.excalidraw.md`); one with `/`
    /// matches from the vault root (`Areas/Old/**`). A folder matched is
    /// left out with everything in it. Case is ignored. The error names
    /// the pattern.
    pub fn new(patterns: Vec<String>) -> Result<Exclude, String> {
        let mut builder = GlobSetBuilder::new();
        for pattern in &patterns {
            let trimmed = pattern.trim().trim_end_matches('/');
            let anchored = trimmed.contains('/');
            let trimmed = trimmed.trim_start_matches('/');
            if trimmed.is_empty() || trimmed.contains('\\') {
                return Err(format!(
                    "'{pattern}' is not a glob over vault paths (use / between folders)"
                ));
            }
            let base = if anchored {
                trimmed.to_string()
            } else {
                format!("**/{trimmed}")
            };
            for glob in [base.clone(), format!("{base}/**")] {
                let glob = GlobBuilder::new(&glob)
                    .literal_separator(true)
                    .case_insensitive(true)
                    .build()
                    .map_err(|error| format!("'{pattern}' is not a glob: {}", error.kind()))?;
                builder.add(glob);
            }
        }
        let set = builder
            .build()
            .map_err(|error| format!("the globs cannot be used: {error}"))?;
        Ok(Exclude { patterns, set })
    }

    /// Whether nothing is excluded.
    pub(crate) fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Whether the note or folder at vault-relative `rel` is left out.
    pub(crate) fn excludes(&self, rel: &str) -> bool {
        !self.is_empty() && self.set.is_match(rel)
    }

    /// The patterns as written.
    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exclude(patterns: &[&str]) -> Exclude {
        Exclude::new(patterns.iter().map(|p| p.to_string()).collect()).unwrap()
    }

    #[test]
    fn names_match_at_any_depth_and_paths_from_the_root() {
        let ex = exclude(&["Archive", "*.excalidraw.md", "Areas/Old/", "/Inbox"]);
        assert!(ex.excludes("Archive"));
        assert!(ex.excludes("archive/Ada.md"));
        assert!(ex.excludes("Work/Archive/2019/Ada.md"));
        assert!(ex.excludes("Drawing 1.excalidraw.md"));
        assert!(ex.excludes("Deep/Down/Drawing.Excalidraw.md"));
        assert!(ex.excludes("Areas/Old/Ada.md"));
        assert!(!ex.excludes("Elsewhere/Areas/Old/Ada.md"));
        assert!(ex.excludes("Inbox/Ada.md"));
        assert!(!ex.excludes("Archived/Ada.md"));
        assert!(!ex.excludes("People/Ada.md"));
    }

    #[test]
    fn a_star_stays_within_a_folder() {
        let ex = exclude(&["People/*.md"]);
        assert!(ex.excludes("People/Ada.md"));
        assert!(!ex.excludes("People/Friends/Ada.md"));
        assert!(exclude(&["People/**/*.md"]).excludes("People/Friends/Ada.md"));
    }

    #[test]
    fn bad_globs_are_errors_naming_them() {
        let error = Exclude::new(vec!["[abc".into()]).unwrap_err();
        assert!(error.starts_with("'[abc' is not a glob"), "{error}");
        assert!(Exclude::new(vec![" ".into()]).is_err());
        assert!(Exclude::new(vec!["a\\b".into()]).is_err());
        assert!(exclude(&[]).is_empty());
        assert!(!exclude(&[]).excludes("Ada.md"));
    }
}
