//! Where the full-text index of a corpus lives, and opening it up to date: one folder per
//! corpus in the cache (`CACHE/index/NAME-HASH/`, [`crate::shared::places::corpus_key`]), never
//! inside the corpus. The engine is [`crate::search::fulltext`].

use std::path::PathBuf;

use crate::corpus::LoadOptions;
use crate::ingest::walk::FileStamp;
use crate::search::fulltext::{bundled_files, Opened, Synced, TextIndex};

/// The index folder of a corpus. `Err` says why there is none: no cache folder, or one inside
/// the corpus (nothing is ever written there).
pub fn index_dir(roots: &[PathBuf]) -> Result<PathBuf, String> {
    let base = crate::shared::places::cache_dir()
        .ok_or("no cache folder for the search index: set $DOSSIER_CACHE_DIR, $XDG_CACHE_HOME or $HOME")?;
    if crate::shared::places::inside_corpus(&base, roots) {
        return Err(format!("the cache folder {} is inside the corpus; the search index is not kept", base.display()));
    }
    Ok(base.join("index").join(crate::shared::places::corpus_key(roots)))
}

/// An index brought up to date, and how.
pub struct Ready {
    /// The index.
    pub index: TextIndex,
    /// How it was found.
    pub opened: Opened,
    /// What updating it did.
    pub synced: Synced,
}

/// The files of a corpus as the index names them, with their stamps taken in the same walk:
/// walked from the folders' canonical paths (so `notes` and `/home/me/notes` agree), or the
/// bundled corpus's.
#[must_use]
pub fn corpus_files(load: &LoadOptions) -> (Vec<PathBuf>, Vec<FileStamp>) {
    if load.corpus.is_empty() {
        let stamps = crate::ingest::source::BUNDLED
            .iter()
            .map(|(_, t)| FileStamp { len: t.len() as u64, modified_ns: 0 })
            .collect();
        return (bundled_files(), stamps);
    }
    let roots: Vec<PathBuf> =
        load.corpus.iter().map(|r| std::fs::canonicalize(r).unwrap_or_else(|_| r.clone())).collect();
    let scan = crate::ingest::walk::scan(&roots, &load.walk);
    (scan.files, scan.stamps)
}

/// Opens the corpus's index and brings it up to date with its files; `progress(done, total)`
/// counts files read. An index of another version or that cannot be read is made again. With
/// `update` false, an index that exists is used as it is, without walking the folders
/// (`dossier find --no-update`).
pub fn open(load: &LoadOptions, update: bool, progress: &(dyn Fn(usize, usize) + Sync)) -> Result<Ready, String> {
    open_in(&index_dir(&load.corpus)?, load, update, progress)
}

/// [`open`] with the index in `dir` (the explorer's tests keep theirs in a temporary folder).
pub fn open_in(
    dir: &std::path::Path,
    load: &LoadOptions,
    update: bool,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Ready, String> {
    // One process at a time opens and updates an index: between another's commit and its
    // stamps being saved, the index looks damaged and would be made again under it. The lock
    // is on the folder of every index (an index's own folder may be removed and made again).
    let _lock = crate::shared::files::Lock::take(dir)?;
    let (mut index, opened) = TextIndex::open(dir, load.corpus.is_empty())?;
    if !update && opened == Opened::Reused {
        return Ok(Ready { index, opened, synced: Synced::default() });
    }
    let (files, stamps) = corpus_files(load);
    let synced = index.sync(&files, &stamps, progress)?;
    Ok(Ready { index, opened, synced })
}
