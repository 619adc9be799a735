//! Two caches for a large folder, both outside the corpus (`$DOSSIER_CACHE_DIR`, else
//! `$XDG_CACHE_HOME/dossier`, else `~/.cache/dossier`), one file each per corpus and options:
//!
//! - **The model** (`*.model`): the whole linked corpus (documents with their text,
//!   entities, mentions, facts, problems, and what each file read became; see
//!   `Corpus::write_snapshot`), with what it was built from: the format, this build of
//!   dossier, the folders and options, and the stamp (path, size, modification time) of every file and of the catalog.
//!   [`model`] checks the stamps (in parallel) and then either answers from the file (nothing
//!   changed), or reads again only the files whose stamp changed or that are new, drops the
//!   removed ones, and builds the model again from the documents already read
//!   ([`Corpus::load_reusing`]), whose result equals a full load's; a changed catalog is the
//!   same case with no file to read. The explorer opens the file first and checks the stamps
//!   after ([`open`], then [`refresh`]).
//! - **The trace** (`*.trace`, beside the model, tied to it by its key and stamps): what the
//!   build kept for the next update ([`corpus::Trace`]: discovery's sightings per document,
//!   entity fingerprints), so that an update observes, links and reads facts from only the
//!   changed documents when that cannot change the result. Read only for an update; without
//!   it (missing, damaged, another model's) an update works everything out again.
//! - **The summary** (`*.cache`): one row per item for `list` and `search`, used only when
//!   every file and the catalog are unchanged; on a miss the model (cached or not) is
//!   summarised.
//! - **The item list** (`*.items`, beside the summary, with the same key): what `search`
//!   matches and ranks, with the rows ([`ItemList`]), so that a search reads neither the
//!   summary nor prepares every item ([`for_search`]); built from the summary when missing.
//!
//! A cache that cannot be read, is damaged, is of another version or build, or is stale is
//! rebuilt, with a note under `--verbose`; it is never an error. Writing is atomic (a temporary
//! file renamed over the old one) and a failure to write only means the next call loads again.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::analysis::summary::Summary;
use crate::corpus::{self, CatalogChoice, Corpus, LoadOptions, Progress};
use crate::search::itemlist::{self, ItemList};

/// Changes whenever the cached format or what goes into it changes.
const FORMAT: &str = concat!("dossier-cache-4-", env!("CARGO_PKG_VERSION"));

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
    /// Per folder, how many files may be documents and the digest of their paths (relative to
    /// it) and stamps ([`crate::ingest::walk::fingerprint`]).
    files: Vec<(usize, u64)>,
}

/// How many summary rows are encoded together; the blocks are decoded on every core.
const ROWS_PER_BLOCK: usize = 4096;

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
    let files = opts.corpus.iter().map(|root| crate::ingest::walk::fingerprint(root, &opts.walk)).collect();
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
    // The key first: a stale summary is not decoded.
    let unreadable = |e: postcard::Error| trace(&format!("cache unreadable ({e}), rebuilding"));
    let (file_key, rest) = postcard::take_from_bytes::<Key>(&bytes).map_err(unreadable).ok()?;
    if file_key != *key {
        let what = if file_key.format != key.format {
            "another version"
        } else if file_key.files != key.files {
            "files changed"
        } else {
            "options or catalog changed"
        };
        trace(&format!("cache stale ({what}), rebuilding"));
        return None;
    }
    // The summary without its rows, the number of blocks of rows, then each block's length
    // and bytes.
    let (mut summary, rest) = postcard::take_from_bytes::<Summary>(rest).map_err(unreadable).ok()?;
    let (blocks, mut rest) = postcard::take_from_bytes::<u64>(rest).map_err(unreadable).ok()?;
    let mut parts = Vec::new();
    for _ in 0..blocks {
        let (len, after) = postcard::take_from_bytes::<u64>(rest).map_err(unreadable).ok()?;
        let len = usize::try_from(len).ok()?;
        if len > after.len() {
            trace("cache unreadable (a block is cut), rebuilding");
            return None;
        }
        let (block, after) = after.split_at(len);
        parts.push(block);
        rest = after;
    }
    let rows: Vec<Vec<crate::analysis::summary::Row>> =
        parts.par_iter().map(|b| postcard::from_bytes(b)).collect::<Result<_, _>>().map_err(unreadable).ok()?;
    summary.rows = rows.into_iter().flatten().collect();
    Some(summary)
}

/// Writes the cache atomically (a temporary file renamed over the old one). Failure is not an
/// error: the next call simply loads again.
fn write(path: &Path, key: &Key, summary: &Summary) {
    // As [`read`] reads it: the key, the summary without its rows, the number of blocks of
    // rows, then each block's length and bytes.
    let head = Summary {
        rows: Vec::new(),
        candidates: summary.candidates.clone(),
        stats: summary.stats,
        problems: summary.problems.clone(),
        catalog_failed: summary.catalog_failed,
        catalog_path: summary.catalog_path.clone(),
    };
    let encoded = (|| -> Result<Vec<u8>, postcard::Error> {
        let blocks: Vec<Vec<u8>> =
            summary.rows.par_chunks(ROWS_PER_BLOCK).map(postcard::to_stdvec).collect::<Result<_, _>>()?;
        let mut bytes = postcard::to_extend(&head, postcard::to_stdvec(key)?)?;
        bytes = postcard::to_extend(&(blocks.len() as u64), bytes)?;
        for b in blocks {
            bytes = postcard::to_extend(&(b.len() as u64), bytes)?;
            bytes.extend_from_slice(&b);
        }
        Ok(bytes)
    })();
    let Ok(bytes) = encoded else { return };
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
    let load = || Summary::of(&model(opts, use_cache, progress, trace).0);
    if opts.corpus.is_empty() || !use_cache {
        return (load(), Source::Loaded);
    }
    let started = std::time::Instant::now();
    let key = key(opts);
    trace(&format!("summary cache: files walked, stamped and hashed in {:.2?}", started.elapsed()));
    let Some(path) = file_for(opts, &key) else { return (load(), Source::Loaded) };
    let started = std::time::Instant::now();
    if let Some(s) = read(&path, &key, trace) {
        trace(&format!("summary cache: read in {:.2?}", started.elapsed()));
        trace("summary from the cache");
        return (s, Source::Cache);
    }
    let s = load();
    write(&path, &key, &s);
    trace("summary loaded; cache written");
    (s, Source::Loaded)
}

/// What `dossier search` needs: the summary without its rows, and the prepared item list
/// ([`ItemList`]) that holds the rows with what matching and ranking them needs.
#[derive(Debug)]
pub struct ForSearch {
    /// The summary without its rows: problems, statistics, the catalog.
    pub head: Summary,
    /// Every row, prepared for search.
    pub list: ItemList,
}

impl ForSearch {
    /// The item list of a summary; with a key, in the buffer of the item list file
    /// ([`read_items`]) ready to be written.
    fn of(mut summary: Summary, key: Option<&Key>) -> Option<Self> {
        let rows = std::mem::take(&mut summary.rows);
        let mut bytes = match key {
            Some(k) => items_head(k, &summary).ok()?,
            None => Vec::new(),
        };
        let start = bytes.len();
        let encoded = itemlist::encode_into(&rows, &mut bytes);
        // The process ends soon: the rows are left to it rather than freed one by one.
        std::mem::forget(rows);
        encoded.ok()?;
        let end = bytes.len();
        Some(Self { head: summary, list: ItemList::new(bytes, start, end)? })
    }
}

/// The item list file beside a summary cache.
fn items_file(summary: &Path) -> PathBuf {
    summary.with_extension("items")
}

/// The checksum of a file's bytes, hashed in blocks on every core.
fn sum_of(bytes: &[u8]) -> u64 {
    let blocks: Vec<u64> = bytes.par_chunks(BLOCK).map(block_hash).collect();
    combine(&blocks, bytes.len())
}

/// The head of an item list file: its key and the summary without rows.
fn items_head(key: &Key, head: &Summary) -> Result<Vec<u8>, postcard::Error> {
    let mut bytes = ITEMS_MAGIC.to_vec();
    let k = postcard::to_stdvec(key)?;
    bytes.extend_from_slice(&(k.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&k);
    postcard::to_extend(head, bytes)
}

/// Starts an item list file.
const ITEMS_MAGIC: &[u8; 8] = b"dsilist1";

/// Reads the item list file when it was written for `key` and is whole; `None` when it is
/// missing, of another version, stale, damaged or cut.
///
/// The file is: the magic, the key's length and the key (postcard, as the summary cache's),
/// the summary without rows (postcard), the list ([`itemlist`]), then a checksum of all before it.
fn read_items(path: &Path, key: &Key, trace: &dyn Fn(&str)) -> Option<ForSearch> {
    let bytes = std::fs::read(path).ok()?;
    let refuse = |why: &str| trace(&format!("item list cache {why}, rebuilding"));
    let Some((body, sum)) = bytes.split_last_chunk::<8>().filter(|(b, _)| b.starts_with(ITEMS_MAGIC)) else {
        refuse("unreadable (not an item list)");
        return None;
    };
    let mut at = ITEMS_MAGIC.len();
    let key_len = body.get(at..at + 8).and_then(|b| usize::try_from(u64::from_le_bytes(b.try_into().ok()?)).ok());
    at += 8;
    let Some(key_bytes) = key_len.and_then(|n| body.get(at..at.checked_add(n)?)) else {
        refuse("unreadable (cut)");
        return None;
    };
    // The key first: a stale list is not read further.
    if postcard::to_stdvec(key).ok().as_deref() != Some(key_bytes) {
        let what = match postcard::from_bytes::<Key>(key_bytes) {
            Ok(k) if k.format != key.format => "of another version",
            Ok(k) if k.files != key.files => "stale (files changed)",
            Ok(_) => "stale (options or catalog changed)",
            Err(_) => "unreadable (its key)",
        };
        refuse(what);
        return None;
    }
    at += key_bytes.len();
    if sum_of(body) != u64::from_le_bytes(*sum) {
        refuse("damaged (its checksum does not match)");
        return None;
    }
    let Ok((head, rest)) = postcard::take_from_bytes::<Summary>(&body[at..]) else {
        refuse("unreadable (its summary)");
        return None;
    };
    let start = body.len() - rest.len();
    let end = body.len();
    let Some(list) = ItemList::new(bytes, start, end) else {
        refuse("damaged (its list)");
        return None;
    };
    Some(ForSearch { head, list })
}

/// Writes the item list file atomically; a failure only means the next `search` builds it again.
fn write_items(path: &Path, found: &ForSearch) {
    let body = found.list.buffer();
    let tmp = path.with_extension(format!("tmp{}i", std::process::id()));
    let written = (|| -> std::io::Result<()> {
        use std::io::Write;
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(body)?;
        f.write_all(&sum_of(body).to_le_bytes())?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// What `dossier search` needs, from the item list file when it is valid (the same check of
/// every file as for the summary), else from the summary (cached or loaded), and the list then
/// written beside it. The bundled corpus and `use_cache = false` always load.
#[must_use]
pub fn for_search(
    opts: &LoadOptions,
    use_cache: bool,
    progress: &(dyn Fn(Progress) + Sync),
    trace: &dyn Fn(&str),
) -> Option<(ForSearch, Source)> {
    let load = || Summary::of(&model(opts, use_cache, progress, trace).0);
    if opts.corpus.is_empty() || !use_cache {
        return Some((ForSearch::of(load(), None)?, Source::Loaded));
    }
    let started = std::time::Instant::now();
    let key = key(opts);
    trace(&format!("summary cache: files walked, stamped and hashed in {:.2?}", started.elapsed()));
    let Some(path) = file_for(opts, &key) else { return Some((ForSearch::of(load(), None)?, Source::Loaded)) };
    let started = std::time::Instant::now();
    if let Some(found) = read_items(&items_file(&path), &key, trace) {
        trace(&format!("item list cache: read and checked in {:.2?}", started.elapsed()));
        trace("item list from the cache");
        return Some((found, Source::Cache));
    }
    let (summary, source) = if let Some(s) = read(&path, &key, trace) {
        trace("summary from the cache");
        (s, Source::Cache)
    } else {
        let s = load();
        write(&path, &key, &s);
        trace("summary loaded; cache written");
        (s, Source::Loaded)
    };
    let started = std::time::Instant::now();
    let found = ForSearch::of(summary, Some(&key))?;
    write_items(&items_file(&path), &found);
    trace(&format!("item list built and written in {:.2?}", started.elapsed()));
    Some((found, source))
}

/// Changes whenever the model cache's layout or what goes into the model changes.
const MODEL_FORMAT: &str = concat!("dossier-model-1-", env!("CARGO_PKG_VERSION"));

/// What a cached model was built by and from, apart from the files: it must match for any of
/// the file to be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct ModelKey {
    format: String,
    /// The folders as given and as resolved (documents keep the path they were found by).
    roots: Vec<(String, String)>,
    catalog: String,
    discover: bool,
    globs: Vec<String>,
    types: Vec<String>,
    no_ignore: bool,
}

/// The stamps of the catalog and of every file found, in the order they were found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamps {
    catalog: Option<Stamp>,
    files: Vec<Stamp>,
}

fn model_key(opts: &LoadOptions) -> ModelKey {
    let canonical =
        |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()).to_string_lossy().into_owned();
    ModelKey {
        format: format_of_this_build().replacen(FORMAT, MODEL_FORMAT, 1),
        roots: opts.corpus.iter().map(|p| (p.to_string_lossy().into_owned(), canonical(p))).collect(),
        catalog: format!("{:?}", opts.catalog),
        discover: opts.discover,
        globs: opts.walk.globs.clone(),
        types: opts.walk.types.clone(),
        no_ignore: opts.walk.no_ignore,
    }
}

/// The stamps of the files a load would read now, taken in parallel.
fn stamps_now(opts: &LoadOptions) -> Stamps {
    let found = crate::ingest::walk::scan(&opts.corpus, &opts.walk);
    let files = found
        .files
        .iter()
        .zip(&found.stamps)
        .map(|(p, s)| Stamp {
            path: p.to_string_lossy().into_owned(),
            len: s.len,
            modified_ns: u128::from(s.modified_ns),
        })
        .collect();
    let catalog = catalog_file(opts).and_then(|p| stamp(&p, p.to_string_lossy().into_owned()));
    Stamps { catalog, files }
}

fn model_file(opts: &LoadOptions) -> Option<PathBuf> {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (&opts.corpus, &opts.catalog, opts.discover, &opts.walk).hash(&mut h);
    let corpus = crate::shared::places::corpus_key(&opts.corpus);
    Some(dir(opts)?.join(format!("{corpus}-{:016x}.model", h.finish())))
}

/// How many model caches of one corpus (with different options or catalogs) are kept.
const MODELS_PER_CORPUS: usize = 3;

/// Removes a corpus's oldest model caches beyond [`MODELS_PER_CORPUS`]: each is as large as
/// the corpus's text, and a change of options or catalog would otherwise leave one behind
/// every time.
fn remove_older_models(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|s| s.to_str())) else { return };
    let Some((corpus, _)) = name.rsplit_once('-') else { return };
    let prefix = format!("{corpus}-");
    let mut models: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| {
            let p = e.path();
            p.extension().is_some_and(|x| x == "model")
                && p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&prefix))
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    models.sort_by_key(|m| std::cmp::Reverse(m.0));
    for (_, old) in models.into_iter().skip(MODELS_PER_CORPUS) {
        if old != path {
            let _ = std::fs::remove_file(trace_file(&old));
            let _ = std::fs::remove_file(old);
        }
    }
}

/// A cached model: the corpus, and the stamps it was built from.
pub struct Cached {
    /// The model as cached.
    pub corpus: Corpus,
    /// The stamps of the files it was built from.
    pub stamps: Stamps,
}

/// Reads the model cache when it was built by this build from these folders and options;
/// `None` when it is missing, damaged or of another kind. The stamps are not checked.
///
/// The file is: the key, the stamps and the model but its text (postcard and plain bytes,
/// see `Corpus::write_snapshot`), the number of documents and each text's length, the texts,
/// then where the lengths start and a checksum. The texts are read in parallel straight into
/// each document's buffer, and hashed as they come.
fn read_model(path: &Path, key: &ModelKey, trace: &dyn Fn(&str)) -> Option<Cached> {
    let t = std::time::Instant::now();
    let lap = |what: &str| trace(&format!("model cache: {what} at {:.2?}", t.elapsed()));
    let unreadable = |e: &dyn std::fmt::Display| trace(&format!("model cache unreadable ({e}), rebuilding"));
    let file = std::fs::File::open(path).ok()?;
    let size = file.metadata().ok()?.len();
    let Some(parts) = Parts::read(&file, size) else {
        unreadable(&"damaged: its parts do not fit");
        return None;
    };
    let (k, rest): (ModelKey, &[u8]) = match postcard::take_from_bytes(&parts.head[..parts.text_at]) {
        Ok(x) => x,
        Err(e) => {
            unreadable(&e);
            return None;
        }
    };
    if k != *key {
        let what = if k.format == key.format { "options changed" } else { "another version" };
        trace(&format!("model cache of {what}, rebuilding"));
        return None;
    }
    lap("head read");
    // The texts are read while the rest is decoded (decoding checks what it reads, so
    // damaged bytes never panic; the checksum then refuses them).
    let (texts, (head_blocks, decoded)) = rayon::join(
        || read_texts(path, parts.texts_from, &parts.lens),
        || {
            rayon::join(
                || parts.head.par_chunks(BLOCK).map(block_hash).collect::<Vec<u64>>(),
                || {
                    let (stamps, rest) = postcard::take_from_bytes::<Stamps>(rest).ok()?;
                    Some((stamps, Corpus::decode_snapshot(rest)?))
                },
            )
        },
    );
    let Some((bodies, body_hashes)) = texts else {
        unreadable(&"damaged: a text cannot be read");
        return None;
    };
    let blocks: Vec<u64> = head_blocks.into_iter().chain(body_hashes).collect();
    if combine(&blocks, usize::try_from(size - TRAILER).unwrap_or_default()) != parts.sum {
        unreadable(&"damaged: its checksum does not match");
        return None;
    }
    lap("texts read");
    let Some((stamps, decoded)) = decoded else {
        unreadable(&"damaged model");
        return None;
    };
    let Some(corpus) = decoded.with_texts(bodies) else {
        unreadable(&"damaged or inconsistent model");
        return None;
    };
    lap("model decoded");
    Some(Cached { corpus, stamps })
}

/// The checksum and where the texts start, at the end of the file.
const TRAILER: u64 = 16;

/// The model cache file's parts before the texts.
struct Parts {
    /// Everything before the texts (key, stamps, model, lengths).
    head: Vec<u8>,
    /// Where the number of texts is in `head` (the model ends there).
    text_at: usize,
    /// Each text's length.
    lens: Vec<usize>,
    /// Where the texts start in the file.
    texts_from: u64,
    sum: u64,
}

impl Parts {
    fn read(file: &std::fs::File, size: u64) -> Option<Self> {
        use std::io::{Read, Seek, SeekFrom};
        let mut f = file;
        let body_end = size.checked_sub(TRAILER)?;
        let mut trailer = [0u8; 16];
        f.seek(SeekFrom::Start(body_end)).ok()?;
        f.read_exact(&mut trailer).ok()?;
        let (at, sum) = trailer.split_at(8);
        let text_at = u64::from_le_bytes(at.try_into().ok()?);
        let sum = u64::from_le_bytes(sum.try_into().ok()?);
        let n_end = text_at.checked_add(8).filter(|&e| e <= body_end)?;
        let mut head = vec![0u8; usize::try_from(n_end).ok()?];
        f.seek(SeekFrom::Start(0)).ok()?;
        f.read_exact(&mut head).ok()?;
        let n = u64::from_le_bytes(head[head.len() - 8..].try_into().ok()?);
        let texts_from = n.checked_mul(8).and_then(|b| n_end.checked_add(b)).filter(|&e| e <= body_end)?;
        head.resize(usize::try_from(texts_from).ok()?, 0);
        f.read_exact(&mut head[usize::try_from(n_end).ok()?..]).ok()?;
        let lens: Vec<usize> = head[usize::try_from(n_end).ok()?..]
            .chunks_exact(8)
            .map(|b| usize::try_from(u64::from_le_bytes(b.try_into().unwrap_or_default())).ok())
            .collect::<Option<_>>()?;
        let total = lens.iter().try_fold(0u64, |a, &l| a.checked_add(l as u64))?;
        if texts_from.checked_add(total)? != body_end {
            return None;
        }
        Some(Self { head, text_at: usize::try_from(text_at).ok()?, lens, texts_from, sum })
    }
}

/// The texts, read in parallel (each worker reads a run of them in order from its own handle)
/// straight into their buffers, with their hashes.
fn read_texts(path: &Path, from: u64, lens: &[usize]) -> Option<(Vec<String>, Vec<u64>)> {
    use std::io::{Read, Seek, SeekFrom};
    let runs = (rayon::current_num_threads() * 4).max(1);
    let per = lens.len().div_ceil(runs).max(1);
    let starts: Vec<u64> = lens
        .iter()
        .scan(from, |at, &l| {
            let s = *at;
            *at += l as u64;
            Some(s)
        })
        .collect();
    let read: Vec<Vec<(String, u64)>> = lens
        .par_chunks(per)
        .enumerate()
        .map(|(r, run)| {
            let mut f = std::fs::File::open(path).ok()?;
            f.seek(SeekFrom::Start(starts[r * per])).ok()?;
            run.iter()
                .map(|&len| {
                    // Read into spare capacity: no zeroing of what is overwritten at once.
                    let mut buf = Vec::with_capacity(len);
                    (&mut f).take(len as u64).read_to_end(&mut buf).ok()?;
                    if buf.len() != len {
                        return None;
                    }
                    let h = block_hash(&buf);
                    Some((String::from_utf8(buf).ok()?, h))
                })
                .collect::<Option<Vec<_>>>()
        })
        .collect::<Option<_>>()?;
    Some(read.into_iter().flatten().unzip())
}

/// Bytes hashed per block: blocks are hashed in parallel when read, then combined in order.
const BLOCK: usize = 1 << 20;

fn block_hash(block: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = K;
    let mut words = block.chunks_exact(8);
    for w in &mut words {
        let w = u64::from_le_bytes(w.try_into().unwrap_or_default());
        h = (h ^ w).wrapping_mul(K).rotate_left(31);
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(K).rotate_left(31);
    }
    h
}

/// A fast checksum against damage (not tampering): the part before the texts hashed in
/// blocks of [`BLOCK`] bytes, each text hashed on its own, all combined in order with the length.
fn combine(blocks: &[u64], len: usize) -> u64 {
    blocks.iter().fold(len as u64, |acc, &b| (acc ^ b).wrapping_mul(0xff51_afd7_ed55_8ccd).rotate_left(29))
}

/// A writer that hashes what goes through it as [`read_model`] checks it.
struct Summing<W> {
    inner: W,
    block: Vec<u8>,
    blocks: Vec<u64>,
    len: usize,
}

impl<W: std::io::Write> std::io::Write for Summing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        let mut rest = &buf[..n];
        self.len += n;
        while !rest.is_empty() {
            let take = (BLOCK - self.block.len()).min(rest.len());
            self.block.extend_from_slice(&rest[..take]);
            rest = &rest[take..];
            if self.block.len() == BLOCK {
                self.blocks.push(block_hash(&self.block));
                self.block.clear();
            }
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl<W: std::io::Write> Summing<W> {
    /// Ends the blocked part: what follows is hashed one text at a time.
    fn end_blocks(&mut self) {
        if !self.block.is_empty() {
            self.blocks.push(block_hash(&self.block));
            self.block.clear();
        }
    }

    /// Writes one text, hashed on its own.
    fn text(&mut self, t: &[u8]) -> std::io::Result<()> {
        self.inner.write_all(t)?;
        self.blocks.push(block_hash(t));
        self.len += t.len();
        Ok(())
    }
}

/// Writes the model cache atomically, with a checksum at the end; failure (no space, a path
/// that is not UTF-8) only means there is no cache.
fn write_model(path: &Path, key: &ModelKey, stamps: &Stamps, corpus: &Corpus) -> bool {
    use std::io::Write;
    remove_leftovers(path);
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let written = (|| -> Option<()> {
        let file = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp).ok()?);
        let mut w = Summing { inner: file, block: Vec::with_capacity(BLOCK), blocks: Vec::new(), len: 0 };
        postcard::to_io(key, &mut w).ok()?;
        postcard::to_io(stamps, &mut w).ok()?;
        corpus.write_snapshot(&mut w).ok()?;
        let text_at = w.len as u64;
        w.write_all(&(corpus.docs.len() as u64).to_le_bytes()).ok()?;
        for d in &corpus.docs {
            w.write_all(&(d.body.len() as u64).to_le_bytes()).ok()?;
        }
        w.end_blocks();
        for d in &corpus.docs {
            w.text(d.body.as_bytes()).ok()?;
        }
        let sum = combine(&w.blocks, w.len);
        let mut file = w.inner;
        file.write_all(&text_at.to_le_bytes()).ok()?;
        file.write_all(&sum.to_le_bytes()).ok()?;
        file.flush().ok()?;
        drop(file);
        std::fs::rename(&tmp, path).ok()
    })();
    if written.is_none() {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(trace_file(path));
    } else {
        write_trace(path, key, stamps, corpus);
        remove_older_models(path);
    }
    written.is_some()
}

/// Removes temporary files an interrupted write of this cache left (the explorer quit while
/// writing, say): a model cache's are as large as the corpus.
fn remove_leftovers(path: &Path) {
    let (Some(dir), Some(stem)) = (path.parent(), path.file_stem().and_then(|s| s.to_str())) else { return };
    let prefix = format!("{stem}.tmp");
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if entry.file_name().to_str().is_some_and(|n| n.starts_with(&prefix)) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Where a model came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelSource {
    /// The cache was valid.
    Cache,
    /// Some files or the catalog changed: only those files were read, and the model linked again.
    Updated,
    /// Loaded from scratch.
    Loaded,
}

/// The linked model of a corpus, from the model cache when nothing changed, updated from it
/// when some files or the catalog changed, else loaded; the cache is written when it was not
/// valid. The bundled corpus and `use_cache = false` always load (and write nothing).
#[must_use]
pub fn model(
    opts: &LoadOptions,
    use_cache: bool,
    progress: &(dyn Fn(Progress) + Sync),
    trace: &dyn Fn(&str),
) -> (Corpus, ModelSource) {
    if opts.corpus.is_empty() || !use_cache {
        return (Corpus::load(opts, progress), ModelSource::Loaded);
    }
    let Some(path) = model_file(opts) else { return (Corpus::load(opts, progress), ModelSource::Loaded) };
    let key = model_key(opts);
    // The files are stamped while the cache is read.
    let said = std::sync::Mutex::new(Vec::new());
    let say = |t: &str| said.lock().map_or((), |mut v| v.push(t.to_string()));
    let (now, mut cached) = rayon::join(
        || {
            let started = std::time::Instant::now();
            let now = stamps_now(opts);
            say(&format!("model cache: {} files stamped in {:.2?}", now.files.len(), started.elapsed()));
            now
        },
        || {
            let started = std::time::Instant::now();
            let cached = read_model(&path, &key, &say);
            say(&format!("model cache read in {:.2?}", started.elapsed()));
            cached
        },
    );
    for t in said.into_inner().unwrap_or_default() {
        trace(&t);
    }
    if let Some(c) = &cached {
        if c.stamps == now {
            trace("model from the cache");
            return (cached.map(|c| c.corpus).unwrap_or_default(), ModelSource::Cache);
        }
    }
    let (corpus, source) = match &mut cached {
        Some(old) => {
            let (same, kept) = changes(opts, &old.corpus, &old.stamps, &now, trace);
            let unchanged = |p: &Path| same.contains(p.to_string_lossy().as_ref());
            (Corpus::load_taking(opts, progress, &mut old.corpus, kept.as_ref(), &unchanged), ModelSource::Updated)
        }
        None => (Corpus::load(opts, progress), ModelSource::Loaded),
    };
    drop(cached);
    let started = std::time::Instant::now();
    if write_model(&path, &key, &now, &corpus) {
        trace(&format!("model cache written in {:.2?}", started.elapsed()));
    }
    (corpus, source)
}

/// What changed since `old` was built: the files whose stamps are the same (the others are
/// read again), and the trace of its build when it is there and fits.
fn changes<'n>(
    opts: &LoadOptions,
    old: &Corpus,
    old_stamps: &Stamps,
    now: &'n Stamps,
    trace: &dyn Fn(&str),
) -> (std::collections::HashSet<&'n str>, Option<corpus::Trace>) {
    use std::collections::{HashMap, HashSet};
    let before: HashMap<&str, &Stamp> = old_stamps.files.iter().map(|s| (s.path.as_str(), s)).collect();
    let same: HashSet<&str> =
        now.files.iter().filter(|s| before.get(s.path.as_str()) == Some(s)).map(|s| s.path.as_str()).collect();
    let found: HashSet<&str> = now.files.iter().map(|s| s.path.as_str()).collect();
    let removed = old_stamps.files.iter().filter(|s| !found.contains(s.path.as_str())).count();
    trace(&format!(
        "model cache stale: {} of {} files changed or new, {removed} removed{}; updating",
        now.files.len() - same.len(),
        now.files.len(),
        if old_stamps.catalog == now.catalog { "" } else { ", catalog changed" }
    ));
    let started = std::time::Instant::now();
    let kept = model_file(opts).and_then(|p| read_trace(&p, &model_key(opts), old_stamps)).filter(|t| t.fits(old));
    trace(&match &kept {
        Some(_) => format!("model cache: trace read in {:.2?}", started.elapsed()),
        None => "model cache: no usable trace, every document is weighed and linked again".to_string(),
    });
    (same, kept)
}

/// The trace file beside a model cache (see [`write_trace`]).
fn trace_file(model: &Path) -> PathBuf {
    model.with_extension("trace")
}

/// What ties a trace to the model written with it: the key and stamps the model was built
/// from (the same key and stamps make the same model).
fn tie(key: &ModelKey, stamps: &Stamps) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    postcard::to_stdvec(&(key, stamps)).unwrap_or_default().hash(&mut h);
    h.finish()
}

/// Writes the trace of the build that made `corpus` (`Corpus::trace`: what an update
/// needs to read, weigh and link again only the changed documents) beside its model cache:
/// the tie to the model, the trace, and a checksum. Read only when files changed, so that a
/// reopen does not pay for it. Without a trace, an old one is removed.
fn write_trace(model: &Path, key: &ModelKey, stamps: &Stamps, corpus: &Corpus) {
    let path = trace_file(model);
    let Some(trace) = corpus.trace() else {
        let _ = std::fs::remove_file(&path);
        return;
    };
    let mut bytes = tie(key, stamps).to_le_bytes().to_vec();
    let Ok(mut bytes) = postcard::to_extend(trace, std::mem::take(&mut bytes)) else { return };
    let sum = trace_sum(&bytes);
    bytes.extend_from_slice(&sum.to_le_bytes());
    let tmp = model.with_extension(format!("tmp{}t", std::process::id()));
    if std::fs::write(&tmp, bytes).is_err() || std::fs::rename(&tmp, &path).is_err() {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(&path);
    }
}

fn trace_sum(bytes: &[u8]) -> u64 {
    let blocks: Vec<u64> = bytes.par_chunks(BLOCK).map(block_hash).collect();
    combine(&blocks, bytes.len())
}

/// The trace written with the model cache built from `key` and `stamps`; `None` when it is
/// missing, damaged or another model's.
fn read_trace(model: &Path, key: &ModelKey, stamps: &Stamps) -> Option<corpus::Trace> {
    let bytes = std::fs::read(trace_file(model)).ok()?;
    let (body, sum) = bytes.split_last_chunk::<8>()?;
    if trace_sum(body) != u64::from_le_bytes(*sum) {
        return None;
    }
    let (t, rest) = body.split_first_chunk::<8>()?;
    if u64::from_le_bytes(*t) != tie(key, stamps) {
        return None;
    }
    postcard::from_bytes(rest).ok()
}

/// The cached model without checking whether the files changed (the explorer shows it at
/// once, then calls [`refresh`]); `None` when there is no usable cache.
#[must_use]
pub fn open(opts: &LoadOptions, use_cache: bool, trace: &dyn Fn(&str)) -> Option<Cached> {
    if opts.corpus.is_empty() || !use_cache {
        return None;
    }
    read_model(&model_file(opts)?, &model_key(opts), trace)
}

/// Checks an opened cache (its model and stamps) against the files: `None` when nothing
/// changed, else the model updated and the stamps it was built from, for [`store`] to write.
/// Progress is reported only once something changed.
#[must_use]
pub fn refresh(
    opts: &LoadOptions,
    corpus: &Corpus,
    stamps: &Stamps,
    progress: &(dyn Fn(Progress) + Sync),
) -> Option<(Corpus, Stamps)> {
    let now = stamps_now(opts);
    if now == *stamps {
        return None;
    }
    let (same, kept) = changes(opts, corpus, stamps, &now, &|_| {});
    let unchanged = |p: &Path| same.contains(p.to_string_lossy().as_ref());
    let corpus = Corpus::load_reusing(opts, progress, corpus, kept.as_ref(), &unchanged);
    Some((corpus, now))
}

/// Writes the model cache for a corpus just loaded (the explorer, after a load): the stamps
/// are taken first, so that a file changed meanwhile is read again next time.
pub fn store(opts: &LoadOptions, stamps: &Stamps, corpus: &Corpus) {
    if opts.corpus.is_empty() {
        return;
    }
    if let Some(path) = model_file(opts) {
        write_model(&path, &model_key(opts), stamps, corpus);
    }
}

/// The stamps of the files now, to take before a load whose model [`store`] will cache.
#[must_use]
pub fn stamps(opts: &LoadOptions) -> Stamps {
    stamps_now(opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_newest_models_of_a_corpus_are_kept() {
        let dir = tempfile::tempdir().expect("temp");
        let t0 = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
        let mut paths = Vec::new();
        for (i, name) in
            ["notes-ab-1.model", "notes-ab-2.model", "notes-ab-3.model", "notes-ab-4.model", "other-cd-1.model"]
                .iter()
                .enumerate()
        {
            let p = dir.path().join(name);
            std::fs::write(&p, b"x").expect("write");
            let f = std::fs::File::options().write(true).open(&p).expect("open");
            f.set_modified(t0 + std::time::Duration::from_secs(i as u64)).expect("time");
            paths.push(p);
        }
        remove_older_models(&paths[3]);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["notes-ab-2.model", "notes-ab-3.model", "notes-ab-4.model", "other-cd-1.model"]);
    }

    #[test]
    fn a_corrupt_cache_is_not_trusted() {
        let dir = tempfile::tempdir().expect("temp");
        let p = dir.path().join("x.cache");
        std::fs::write(&p, b"\xff\x00garbage").expect("write");
        let key = Key { format: FORMAT.into(), roots: vec![], catalog: None, discover: true, files: vec![] };
        assert!(read(&p, &key, &|_| {}).is_none());
    }

    #[test]
    fn a_model_cache_of_another_version_or_damaged_is_not_used() {
        let dir = tempfile::tempdir().expect("temp");
        let p = dir.path().join("x.model");
        let opts = LoadOptions::default();
        let corpus = Corpus::load(&opts, &|_| {});
        let stamps = Stamps { catalog: None, files: Vec::new() };
        let key = model_key(&opts);
        assert!(write_model(&p, &key, &stamps, &corpus));
        let traced = std::cell::RefCell::new(String::new());
        let trace = |t: &str| traced.borrow_mut().push_str(t);
        let leftover = dir.path().join("x.tmp999999");
        std::fs::write(&leftover, b"an interrupted write").expect("write");
        assert!(write_model(&p, &key, &stamps, &corpus));
        assert!(!leftover.exists(), "an interrupted write's file is removed");
        let back = read_model(&p, &key, &trace).expect("read back");
        assert_eq!(crate::analysis::export::export(&back.corpus), crate::analysis::export::export(&corpus));
        let other = ModelKey { format: "dossier-model-0".into(), ..key.clone() };
        assert!(read_model(&p, &other, &trace).is_none());
        assert!(traced.borrow().contains("another version"), "{}", traced.borrow());
        // A flipped byte in the text: still valid, but the checksum refuses it.
        let mut bytes = std::fs::read(&p).expect("read");
        let at =
            (0..bytes.len() - 16).rev().find(|&i| bytes[i].is_ascii_lowercase()).expect("a letter of the last text");
        bytes[at] ^= 0x01;
        std::fs::write(&p, bytes).expect("write");
        assert!(read_model(&p, &key, &trace).is_none());
        assert!(traced.borrow().contains("checksum"), "{}", traced.borrow());
    }
}
