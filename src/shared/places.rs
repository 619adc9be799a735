//! Where dossier keeps its own files, outside every corpus: the cache
//! (`$DOSSIER_CACHE_DIR`, else `$XDG_CACHE_HOME/dossier`, else `~/.cache/dossier`) and the data
//! directory for catalogs of folders that have none of their own (`$DOSSIER_DATA_DIR`, else
//! `$XDG_DATA_HOME/dossier`, else `~/.local/share/dossier`), and the config folder with the
//! user's `config.toml` (`$DOSSIER_CONFIG_DIR`, else `$XDG_CONFIG_HOME/dossier`, else
//! `~/.config/dossier`). Also which catalog a corpus uses, which file edits go to, and where a
//! corpus's bookmarks are kept.

use std::path::{Path, PathBuf};

use crate::corpus::{CatalogChoice, LoadOptions};
use crate::recognize::catalog::FILE_NAME;

/// The cache folder, resolved (it may not exist yet).
#[must_use]
pub fn cache_dir() -> Option<PathBuf> {
    user_dir("DOSSIER_CACHE_DIR", "XDG_CACHE_HOME", ".cache")
}

/// The data folder, resolved (it may not exist yet).
#[must_use]
pub fn data_dir() -> Option<PathBuf> {
    user_dir("DOSSIER_DATA_DIR", "XDG_DATA_HOME", ".local/share")
}

/// The config folder, resolved (it may not exist).
#[must_use]
pub fn config_dir() -> Option<PathBuf> {
    user_dir("DOSSIER_CONFIG_DIR", "XDG_CONFIG_HOME", ".config")
}

fn user_dir(own: &str, xdg: &str, under_home: &str) -> Option<PathBuf> {
    let base = std::env::var_os(own)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os(xdg).filter(|v| !v.is_empty()).map(|d| PathBuf::from(d).join("dossier")))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(under_home).join("dossier")))?;
    resolved(&base)
}

/// Whether `dir` lies inside one of the corpus folders (then nothing may be written there).
#[must_use]
pub fn inside_corpus(dir: &Path, roots: &[PathBuf]) -> bool {
    roots.iter().filter_map(|r| std::fs::canonicalize(r).ok()).any(|r| dir.starts_with(r))
}

/// The absolute, symlink-free form of a path that may not exist yet: its nearest existing
/// ancestor resolved, then the rest.
#[must_use]
pub fn resolved(p: &Path) -> Option<PathBuf> {
    let abs = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().ok()?.join(p) };
    let mut rest = Vec::new();
    let mut at = abs.as_path();
    loop {
        if let Ok(real) = std::fs::canonicalize(at) {
            return Some(rest.iter().rev().fold(real, |acc: PathBuf, part| acc.join(part)));
        }
        rest.push(at.file_name()?.to_os_string());
        at = at.parent()?;
    }
}

/// The name of a corpus's own files in the data folder: `bundled` for the bundled corpus, else
/// `NAME-HASH` from the folders' absolute paths (the first folder's name, slugged, and a hash
/// of them all), so each folder has its own catalog and bookmarks.
#[must_use]
pub fn corpus_key(roots: &[PathBuf]) -> String {
    use std::hash::{Hash, Hasher};
    if roots.is_empty() {
        return "bundled".into();
    }
    let abs: Vec<PathBuf> = roots.iter().map(|r| std::fs::canonicalize(r).unwrap_or_else(|_| r.clone())).collect();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    abs.hash(&mut h);
    let name = abs.first().and_then(|p| p.file_stem()).map(|s| crate::text::ids::slug(&s.to_string_lossy()));
    let name = name.filter(|n| !n.is_empty()).unwrap_or_else(|| "corpus".into());
    format!("{name}-{:016x}", h.finish())
}

/// The per-corpus catalog in the data folder: `catalogs/bundled.toml` for the bundled corpus,
/// else `catalogs/NAME-HASH.toml` ([`corpus_key`]).
#[must_use]
pub fn data_catalog(roots: &[PathBuf]) -> Option<PathBuf> {
    Some(data_dir()?.join("catalogs").join(format!("{}.toml", corpus_key(roots))))
}

/// The per-corpus bookmarks and marks in the data folder: `bookmarks/NAME-HASH.json`
/// ([`corpus_key`]). `Err` says why there is none: no data folder, or one inside the corpus
/// (nothing is ever written there).
pub fn bookmarks_file(roots: &[PathBuf]) -> Result<PathBuf, String> {
    let dir = data_dir()
        .ok_or("no data folder for bookmarks: set $DOSSIER_DATA_DIR, $XDG_DATA_HOME or $HOME")?
        .join("bookmarks");
    if inside_corpus(&dir, roots) {
        return Err(format!("the data folder {} is inside the corpus; bookmarks are not kept", dir.display()));
    }
    Ok(dir.join(format!("{}.json", corpus_key(roots))))
}

/// The catalog file the user's own folder has: `dossier.toml` at the first folder's root
/// (it may not exist).
#[must_use]
pub fn root_catalog(roots: &[PathBuf]) -> Option<PathBuf> {
    roots.iter().find(|p| p.is_dir()).map(|r| r.join(FILE_NAME))
}

/// The catalog a load uses, made definite: with no `--catalog`, the corpus's own
/// `dossier.toml` when it has one, else the catalog in the data folder when the user has made
/// one there by editing, else the default (the bundled catalog for the bundled corpus).
#[must_use]
pub fn resolve_catalog(load: &LoadOptions) -> CatalogChoice {
    match &load.catalog {
        CatalogChoice::Auto => {
            if root_catalog(&load.corpus).is_some_and(|p| p.is_file()) {
                return CatalogChoice::Auto;
            }
            match data_catalog(&load.corpus) {
                Some(p) if p.is_file() => CatalogChoice::File(p),
                _ => CatalogChoice::Auto,
            }
        }
        other => other.clone(),
    }
}

/// Where edits go: `--catalog FILE`, else the corpus's own `dossier.toml` when it has one, else
/// the per-corpus catalog in the data folder. `Err` says why there is none.
pub fn edit_target(load: &LoadOptions) -> Result<PathBuf, String> {
    match &load.catalog {
        CatalogChoice::File(p) => Ok(p.clone()),
        CatalogChoice::None => Err("--no-catalog is set: there is no catalog to edit".into()),
        CatalogChoice::Auto => {
            if let Some(p) = root_catalog(&load.corpus).filter(|p| p.is_file()) {
                return Ok(p);
            }
            let p = data_catalog(&load.corpus)
                .ok_or("no data folder for a catalog: set $XDG_DATA_HOME or $HOME, or use --catalog FILE")?;
            if p.parent().is_some_and(|d| inside_corpus(d, &load.corpus)) {
                return Err(format!(
                    "the data folder {} is inside the corpus; use --catalog FILE outside it",
                    p.display()
                ));
            }
            Ok(p)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_folder_has_its_own_key_named_after_it() {
        assert_eq!(corpus_key(&[]), "bundled");
        let a = tempfile::tempdir().expect("tmp");
        let b = tempfile::tempdir().expect("tmp");
        let (ka, kb) = (corpus_key(&[a.path().to_path_buf()]), corpus_key(&[b.path().to_path_buf()]));
        assert_ne!(ka, kb);
        assert_eq!(ka, corpus_key(&[a.path().to_path_buf()]), "the same folder, the same key");
        let slug = crate::text::ids::slug(&a.path().file_name().expect("name").to_string_lossy());
        assert!(ka.starts_with(&format!("{slug}-")), "{ka}");
    }
}
