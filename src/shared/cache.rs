//! A cache of [`Summary`] for repeated `list` and `search` calls on the same large folder.
//!
//! It lives outside the corpus (`$DOSSIER_CACHE_DIR`, else `$XDG_CACHE_HOME/dossier`, else
//! `~/.cache/dossier`), one file per corpus and options. It is used only when every document
//! file (the same list, each with the same size and modification time) and the catalog are
//! unchanged; a cache that cannot be read, is of another version, or is stale is rebuilt.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::analysis::summary::Summary;
use crate::corpus::{CatalogChoice, Corpus, LoadOptions, Progress};

/// Changes whenever the cached format or what goes into it changes.
const FORMAT: &str = concat!("dossier-cache-2-", env!("CARGO_PKG_VERSION"));

/// A file's identity for the cache: path, size, modification time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    path: String,
    len: u64,
    modified_ns: u128,
}

/// What the cached summary was built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Key {
    format: String,
    roots: Vec<String>,
    catalog: Option<Stamp>,
    discover: bool,
    files: Vec<Stamp>,
}

#[derive(Serialize, Deserialize)]
struct File {
    key: Key,
    summary: Summary,
}

/// The cache format and this build of dossier (its executable's size and time): a summary
/// made by another build, whose recogniser may find other names, is not used.
fn format_of_this_build() -> String {
    let exe = std::env::current_exe().ok().and_then(|p| stamp(&p, String::new()));
    exe.map_or_else(|| FORMAT.to_string(), |s| format!("{FORMAT}-{}-{}", s.len, s.modified_ns))
}

/// The stamp of a file, named by `name` (its path relative to the root it was found under, so
/// that `--corpus notes` and `--corpus /home/me/notes` agree).
fn stamp(path: &Path, name: String) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    let modified_ns = m.modified().ok()?.duration_since(UNIX_EPOCH).ok()?.as_nanos();
    Some(Stamp { path: name, len: m.len(), modified_ns })
}

/// The catalog the corpus would use, as `Corpus::load` chooses it.
fn catalog_file(opts: &LoadOptions) -> Option<PathBuf> {
    match &opts.catalog {
        CatalogChoice::None => None,
        CatalogChoice::File(p) => Some(p.clone()),
        CatalogChoice::Auto => crate::shared::places::root_catalog(&opts.corpus),
    }
}

fn key(opts: &LoadOptions) -> Key {
    let mut files = Vec::new();
    for (i, root) in opts.corpus.iter().enumerate() {
        let found = crate::ingest::walk::scan(std::slice::from_ref(root), &opts.walk).files;
        files.par_extend(found.par_iter().filter_map(|p| {
            let rel = p.strip_prefix(root).unwrap_or(p);
            stamp(p, format!("{i}/{}", rel.to_string_lossy()))
        }));
    }
    let canonical =
        |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()).to_string_lossy().into_owned();
    Key {
        format: format_of_this_build(),
        roots: opts.corpus.iter().map(|p| canonical(p)).collect(),
        catalog: catalog_file(opts).and_then(|p| stamp(&p, canonical(&p))),
        discover: opts.discover,
        files,
    }
}

/// The cache folder, if one can be used: never inside a corpus folder.
fn dir(opts: &LoadOptions) -> Option<PathBuf> {
    // Decide before creating anything: nothing is ever written inside a corpus.
    let base = crate::shared::places::cache_dir()?;
    if crate::shared::places::inside_corpus(&base, &opts.corpus) {
        return None;
    }
    std::fs::create_dir_all(&base).ok()?;
    Some(base)
}

/// The cache file for a corpus and options.
fn file_for(opts: &LoadOptions, key: &Key) -> Option<PathBuf> {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (&key.roots, &opts.catalog, key.discover, &opts.walk).hash(&mut h);
    Some(dir(opts)?.join(format!("{:016x}.cache", h.finish())))
}

/// Reads a cached summary when it matches `key`; `None` for a missing, unreadable, corrupt
/// or stale cache.
fn read(path: &Path, key: &Key, trace: &dyn Fn(&str)) -> Option<Summary> {
    let bytes = std::fs::read(path).ok()?;
    let file: File = match postcard::from_bytes(&bytes) {
        Ok(f) => f,
        Err(e) => {
            trace(&format!("cache unreadable ({e}), rebuilding"));
            return None;
        }
    };
    if file.key != *key {
        let what = if file.key.format != key.format {
            "another version"
        } else if file.key.files != key.files {
            "files changed"
        } else {
            "options or catalog changed"
        };
        trace(&format!("cache stale ({what}), rebuilding"));
        return None;
    }
    Some(file.summary)
}

/// Writes the cache atomically (a temporary file renamed over the old one). Failure is not an
/// error: the next call simply loads again.
fn write(path: &Path, key: Key, summary: &Summary) {
    let Ok(bytes) = postcard::to_stdvec(&File { key, summary: summary.clone() }) else { return };
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    if std::fs::write(&tmp, bytes).is_ok() && std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// Where a summary came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The cache was valid.
    Cache,
    /// The corpus was loaded (and the cache written when possible).
    Loaded,
}

/// The summary of a corpus: from the cache when it is valid, else by loading (and caching).
/// The bundled corpus and `use_cache = false` always load.
#[must_use]
pub fn summary(
    opts: &LoadOptions,
    use_cache: bool,
    progress: &(dyn Fn(Progress) + Sync),
    trace: &dyn Fn(&str),
) -> (Summary, Source) {
    let load = || Summary::of(&Corpus::load(opts, progress));
    if opts.corpus.is_empty() || !use_cache {
        return (load(), Source::Loaded);
    }
    let key = key(opts);
    let Some(path) = file_for(opts, &key) else { return (load(), Source::Loaded) };
    if let Some(s) = read(&path, &key, trace) {
        trace("summary from the cache");
        return (s, Source::Cache);
    }
    let s = load();
    write(&path, key, &s);
    trace("summary loaded; cache written");
    (s, Source::Loaded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_corrupt_cache_is_not_trusted() {
        let dir = tempfile::tempdir().expect("temp");
        let p = dir.path().join("x.cache");
        std::fs::write(&p, b"\xff\x00garbage").expect("write");
        let key = Key { format: FORMAT.into(), roots: vec![], catalog: None, discover: true, files: vec![] };
        assert!(read(&p, &key, &|_| {}).is_none());
    }
}
