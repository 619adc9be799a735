//! Full-text search: an on-disk tantivy index of the documents' text, kept up to date from file
//! stamps, and queries in [`parse`]'s language answered from it with the matching lines.
//!
//! The index lives in a folder the caller chooses (the cache, never the corpus). Beside
//! tantivy's files are `VERSION` (this format; another version is deleted and rebuilt) and
//! `stamps.bin` (a head with the hash of every path and stamp the index was built from, then
//! the path, size and modification time of every file, in walk order, with each document's id)
//! and `ids.bin` (the documents' ids sorted by path, for a query's few documents).
//! [`TextIndex::sync`] compares the hash alone when nothing changed, else re-reads only files
//! that are new or changed and deletes those that are gone; an index that cannot be opened or
//! read is deleted and rebuilt.

pub mod parse;

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;

use crate::ingest::walk::FileStamp;
use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query, RegexQuery, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TantivyDocument, TextFieldIndexing, TextOptions, Value, STORED, STRING,
};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer};
use tantivy::{Index, IndexReader, Term};

pub use parse::{parse, Atom, EntityFilter, FindQuery};

/// Changes whenever the schema, the tokenizer or the stamps file changes.
const FORMAT: &str = concat!("dossier-fulltext-2-", env!("CARGO_PKG_VERSION"));
const TOKENIZER: &str = "dossier_fold";
const VERSION_FILE: &str = "VERSION";
const STAMPS_FILE: &str = "stamps.bin";
const IDS_FILE: &str = "ids.bin";
/// Memory for the index writer (tantivy splits it between its threads).
const WRITER_MEMORY: usize = 96 << 20;

/// A file the index was built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// The path as walked.
    pub path: String,
    len: u64,
    modified_ns: u64,
    /// The id the file's name gives (before ids are made unique), `None` when the file is not
    /// a document.
    stem: Option<String>,
    /// The document's id (unique, as the corpus gives it), `None` when the file is not a
    /// document (binary, empty, unreadable).
    pub id: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct StampsHead {
    format: String,
    digest: u64,
    documents: u64,
}

/// How [`TextIndex::open`] found the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// There was none: an empty one was made.
    Created,
    /// It was usable.
    Reused,
    /// It was of another version or could not be read (the reason): deleted, made again.
    Rebuilt(String),
}

/// What [`TextIndex::sync`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Synced {
    /// Files read and indexed (new or changed).
    pub added: usize,
    /// Documents removed (changed or gone).
    pub removed: usize,
    /// Files in the corpus.
    pub files: usize,
}

/// A line of a document with the query's hits in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineHit {
    /// The line's number in the file, from 0 (front matter counted).
    pub line: usize,
    /// The line.
    pub text: String,
    /// The hits, as byte ranges of `text`.
    pub spans: Vec<Range<usize>>,
}

/// A document the query matched.
#[derive(Debug, Clone, PartialEq)]
pub struct DocHit {
    /// The file.
    pub path: PathBuf,
    /// The document's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// BM25 score.
    pub score: f32,
    /// Lines of the file before the body (front matter).
    pub body_line: usize,
    /// The lines with hits, in order.
    pub lines: Vec<LineHit>,
    /// How many hits (highlighted words or phrases) the document has.
    pub hits: usize,
}

/// The answer to a query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    /// How many documents match (entity filters applied), before the limit.
    pub total: usize,
    /// The best documents, best first.
    pub docs: Vec<DocHit>,
}

struct Fields {
    path: Field,
    title: Field,
    body: Field,
    body_line: Field,
}

/// An open index.
pub struct TextIndex {
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// What `stamps.bin` begins with: the digest of the files the index was built from, and
    /// how many documents it holds.
    head: StampsHead,
    /// The stamps, read from `stamps.bin` the first time they are needed (ids of documents
    /// found, or files changed); `Err` says why they could not be read.
    stamps: std::sync::OnceLock<Result<Vec<Stamp>, String>>,
    /// The documents are the bundled corpus's, embedded in the binary.
    bundled: bool,
}

/// The text of a bundled document, when `path` names one.
fn bundled_text(path: &Path) -> Option<&'static str> {
    crate::ingest::source::BUNDLED.iter().find(|(p, _)| Path::new(p) == path).map(|(_, t)| *t)
}

/// Reads a document: from the binary for the bundled corpus, else from its file.
fn read_doc(path: &Path, bundled: bool) -> Option<crate::model::Document> {
    let mut problems = Vec::new();
    match bundled_text(path).filter(|_| bundled) {
        Some(text) => crate::ingest::source::parse(path, text.as_bytes(), &mut problems).ok(),
        None => crate::ingest::source::read(path, &mut problems).ok(),
    }
}

/// The size and modification time (ns) of a file; a bundled document's size and 0.
fn stat_doc(path: &Path, bundled: bool) -> Option<(u64, u64)> {
    match bundled_text(path).filter(|_| bundled) {
        Some(text) => Some((text.len() as u64, 0)),
        None => stat(path),
    }
}

/// The files of the bundled corpus, for [`TextIndex::sync`].
#[must_use]
pub fn bundled_files() -> Vec<PathBuf> {
    crate::ingest::source::BUNDLED.iter().map(|(p, _)| PathBuf::from(p)).collect()
}

/// The corpus folders as given, each with its canonical form (see [`index_path`]).
#[must_use]
pub fn canonical_roots(corpus: &[PathBuf]) -> Vec<(PathBuf, PathBuf)> {
    corpus.iter().map(|r| (r.clone(), std::fs::canonicalize(r).unwrap_or_else(|_| r.clone()))).collect()
}

/// A document's path as the index knows it: under the canonical form of the folder it was
/// found in (symbolic links inside the folder are kept as walked), or as it is (the bundled
/// corpus).
#[must_use]
pub fn index_path(path: &Path, roots: &[(PathBuf, PathBuf)]) -> PathBuf {
    roots
        .iter()
        .find_map(|(r, canon)| {
            let rel = path.strip_prefix(r).ok()?;
            Some(if rel.as_os_str().is_empty() { canon.clone() } else { canon.join(rel) })
        })
        .unwrap_or_else(|| path.to_path_buf())
}

/// The paths of the documents that mention every entity `filters` name (`@person:andy-jassy`),
/// as the index has them ([`index_path`]; `corpus` is the folders as given). `Err` names an
/// entity the corpus does not have.
pub fn mentioning(
    c: &crate::Corpus,
    corpus: &[PathBuf],
    filters: &[EntityFilter],
) -> Result<std::collections::HashSet<PathBuf>, String> {
    let mut keep: Option<std::collections::HashSet<usize>> = None;
    for f in filters {
        let e = c
            .entity_by_id(&f.id)
            .or_else(|| match crate::search::lookup::lookup(c, &f.id) {
                crate::search::lookup::Lookup::Found(crate::model::Item::Entity(e)) => Some(e),
                _ => None,
            })
            .filter(|&e| c.entities[e].kind == f.kind)
            .ok_or_else(|| {
                format!("no {} has the id or name `{}` (`dossier list` shows them)", f.kind.as_str(), f.id)
            })?;
        let docs: std::collections::HashSet<usize> =
            c.entity_mentions(e).map(crate::model::Mention::doc).chain(c.authored_by(e)).collect();
        keep = Some(match keep {
            None => docs,
            Some(k) => k.intersection(&docs).copied().collect(),
        });
    }
    let roots = canonical_roots(corpus);
    Ok(keep.unwrap_or_default().into_iter().map(|d| index_path(&c.docs[d].path, &roots)).collect())
}

fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default()).filter(LowerCaser).filter(AsciiFoldingFilter).build()
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |positions: bool| {
        let record = if positions { IndexRecordOption::WithFreqsAndPositions } else { IndexRecordOption::WithFreqs };
        TextOptions::default()
            .set_indexing_options(TextFieldIndexing::default().set_tokenizer(TOKENIZER).set_index_option(record))
    };
    let path = b.add_text_field("path", STRING | STORED);
    let title = b.add_text_field("title", text(true) | STORED);
    let body = b.add_text_field("body", text(true));
    let body_line = b.add_u64_field("body_line", STORED);
    (b.build(), Fields { path, title, body, body_line })
}

fn err(what: &str) -> impl Fn(tantivy::TantivyError) -> String + '_ {
    move |e| format!("{what}: {e}")
}

/// The modification time of a file in nanoseconds, and its size.
/// Writes `ids.bin`, the documents' ids by path, for a query to look up the few it found
/// without reading every stamp: the digest of the stamps it goes with, the number of
/// documents, where each record starts (`u32`), then the records sorted by path (the path, a
/// NUL, the id). Failure (or paths too long for `u32` offsets) only removes it: the ids are
/// then read from the stamps.
fn write_ids(path: &Path, digest: u64, stamps: &[Stamp]) {
    let mut docs: Vec<(&str, &str)> = stamps.iter().filter_map(|s| Some((s.path.as_str(), s.id.as_deref()?))).collect();
    docs.par_sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let written = (|| -> Option<()> {
        let mut bytes = Vec::with_capacity(16 + docs.len() * 80);
        bytes.extend_from_slice(&digest.to_le_bytes());
        bytes.extend_from_slice(&(docs.len() as u64).to_le_bytes());
        let mut at = 0usize;
        for (p, id) in &docs {
            bytes.extend_from_slice(&u32::try_from(at).ok()?.to_le_bytes());
            at += p.len() + 1 + id.len();
        }
        for (p, id) in &docs {
            bytes.extend_from_slice(str::as_bytes(p));
            bytes.push(0);
            bytes.extend_from_slice(str::as_bytes(id));
        }
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path)).ok()
    })();
    if written.is_none() {
        let _ = std::fs::remove_file(path);
    }
}

/// The head of a stamps file, read without the stamps.
fn read_head(path: &Path) -> Result<StampsHead, String> {
    use std::io::Read as _;
    let mut first = Vec::with_capacity(512);
    std::fs::File::open(path)
        .and_then(|f| f.take(512).read_to_end(&mut first))
        .map_err(|e| format!("no stamps file ({e})"))?;
    postcard::take_from_bytes(&first).map(|(h, _)| h).map_err(|e| format!("stamps file unreadable ({e})"))
}

/// The stamps of a stamps file, after its head.
fn read_stamps(path: &Path) -> Result<Vec<Stamp>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("no stamps file ({e})"))?;
    let unreadable = |e: postcard::Error| format!("stamps file unreadable ({e})");
    let (_, rest) = postcard::take_from_bytes::<StampsHead>(&bytes).map_err(unreadable)?;
    postcard::from_bytes(rest).map_err(unreadable)
}

fn stat(path: &Path) -> Option<(u64, u64)> {
    let m = std::fs::metadata(path).ok()?;
    let ns = m.modified().ok()?.duration_since(UNIX_EPOCH).ok()?.as_nanos();
    Some((m.len(), u64::try_from(ns).unwrap_or(u64::MAX)))
}

impl TextIndex {
    /// Opens the index in `dir`, creating it when there is none; one of another version, or
    /// that cannot be opened, is deleted and made again. `Err` when the folder cannot be
    /// written.
    pub fn open(dir: &Path, bundled: bool) -> Result<(Self, Opened), String> {
        let version = std::fs::read_to_string(dir.join(VERSION_FILE)).ok();
        if version.is_none() && !dir.exists() {
            return Ok((Self::create(dir, bundled)?, Opened::Created));
        }
        let reason = if version.as_deref().map(str::trim) == Some(FORMAT) {
            match Self::open_existing(dir, bundled) {
                Ok(ix) => return Ok((ix, Opened::Reused)),
                Err(e) => e,
            }
        } else if version.is_none() {
            "no version marker".to_string()
        } else {
            "made by another version".to_string()
        };
        std::fs::remove_dir_all(dir).map_err(|e| format!("cannot remove the old index {}: {e}", dir.display()))?;
        Ok((Self::create(dir, bundled)?, Opened::Rebuilt(reason)))
    }

    fn create(dir: &Path, bundled: bool) -> Result<Self, String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create the index folder {}: {e}", dir.display()))?;
        let (schema, fields) = schema();
        let index = Index::create_in_dir(dir, schema).map_err(err("cannot create the index"))?;
        index.tokenizers().register(TOKENIZER, analyzer());
        let reader = index.reader().map_err(err("cannot read the new index"))?;
        let mut ix = Self {
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
            head: StampsHead { format: FORMAT.to_string(), digest: 0, documents: 0 },
            stamps: std::sync::OnceLock::from(Ok(Vec::new())),
            bundled,
        };
        ix.save_stamps(Vec::new(), &[], &[])?;
        std::fs::write(dir.join(VERSION_FILE), FORMAT)
            .map_err(|e| format!("cannot write {}: {e}", dir.join(VERSION_FILE).display()))?;
        Ok(ix)
    }

    fn open_existing(dir: &Path, bundled: bool) -> Result<Self, String> {
        let head = read_head(&dir.join(STAMPS_FILE))?;
        if head.format != FORMAT {
            return Err("stamps of another version".into());
        }
        let index = Index::open_in_dir(dir).map_err(err("index unreadable"))?;
        let (_, fields) = schema();
        if index.schema() != schema().0 {
            return Err("index of another schema".into());
        }
        index.tokenizers().register(TOKENIZER, analyzer());
        let reader = index.reader().map_err(err("index unreadable"))?;
        // Every segment's files are opened now, so damage shows here rather than in a query.
        let searcher = reader.searcher();
        let indexed: u64 = searcher.segment_readers().iter().map(|s| u64::from(s.num_docs())).sum();
        if indexed != head.documents {
            return Err(format!("the index has {indexed} documents, its stamps {}", head.documents));
        }
        Ok(Self { dir: dir.to_path_buf(), index, reader, fields, head, stamps: std::sync::OnceLock::new(), bundled })
    }

    /// The stamps, read once.
    fn stamps(&self) -> Result<&[Stamp], String> {
        self.stamps
            .get_or_init(|| read_stamps(&self.dir.join(STAMPS_FILE)))
            .as_ref()
            .map(Vec::as_slice)
            .map_err(Clone::clone)
    }

    /// The ids of documents found, from `ids.bin` (see [`write_ids`]); `None` when that file
    /// is missing, damaged or not of these stamps.
    fn ids_of(&self, found: &[DocHit]) -> Option<Vec<String>> {
        use std::os::unix::ffi::OsStrExt as _;
        let bytes = std::fs::read(self.dir.join(IDS_FILE)).ok()?;
        let (digest, rest) = bytes.split_first_chunk::<8>()?;
        let (n, rest) = rest.split_first_chunk::<8>()?;
        if u64::from_le_bytes(*digest) != self.head.digest {
            return None;
        }
        let n = usize::try_from(u64::from_le_bytes(*n)).ok()?;
        let (table, records) = rest.split_at_checked(n.checked_mul(4)?)?;
        let at = |i: usize| -> Option<usize> {
            let b = table.get(i * 4..i * 4 + 4)?;
            usize::try_from(u32::from_le_bytes(b.try_into().ok()?)).ok()
        };
        // Record `i`: the path, a NUL, the id; sorted by path.
        let record = |i: usize| -> Option<(&[u8], &[u8])> {
            let end = if i + 1 < n { at(i + 1)? } else { records.len() };
            let r = records.get(at(i)?..end)?;
            let nul = r.iter().position(|&b| b == 0)?;
            Some((&r[..nul], &r[nul + 1..]))
        };
        found
            .iter()
            .map(|d| {
                let want = d.path.as_os_str().as_bytes();
                let (mut lo, mut hi) = (0, n);
                while lo < hi {
                    let mid = lo + (hi - lo) / 2;
                    let (path, id) = record(mid)?;
                    match path.cmp(want) {
                        std::cmp::Ordering::Less => lo = mid + 1,
                        std::cmp::Ordering::Greater => hi = mid,
                        std::cmp::Ordering::Equal => return Some(String::from_utf8_lossy(id).into_owned()),
                    }
                }
                // A document found but not in the file: the file does not fit the index.
                None
            })
            .collect()
    }

    /// Writes `stamps.bin`: its head (format, digest of `files` and their `now` stamps, number
    /// of documents), then the stamps; atomically.
    fn save_stamps(&mut self, stamps: Vec<Stamp>, files: &[PathBuf], now: &[FileStamp]) -> Result<(), String> {
        let head = StampsHead {
            format: FORMAT.to_string(),
            digest: crate::ingest::walk::digest(files, now, None),
            documents: stamps.iter().filter(|s| s.id.is_some()).count() as u64,
        };
        let encode = |e: postcard::Error| format!("cannot encode the stamps: {e}");
        let bytes = postcard::to_stdvec(&head).map_err(encode)?;
        let bytes = postcard::to_extend(&stamps, bytes).map_err(encode)?;
        // The ids first: the stamps' head is what says they fit.
        write_ids(&self.dir.join(IDS_FILE), head.digest, &stamps);
        let path = self.dir.join(STAMPS_FILE);
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        std::fs::write(&tmp, bytes)
            .and_then(|()| std::fs::rename(&tmp, &path))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        self.head = head;
        self.stamps = std::sync::OnceLock::from(Ok(stamps));
        Ok(())
    }

    /// The folder the index is in.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// How many documents are indexed.
    #[must_use]
    pub fn len(&self) -> usize {
        usize::try_from(self.head.documents).unwrap_or(usize::MAX)
    }

    /// Whether no document is indexed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Brings the index up to date with `files` (in walk order): files whose size or
    /// modification time changed, and new ones, are read again; those gone are removed.
    /// `progress(done, total)` counts the files read.
    pub fn sync(
        &mut self,
        files: &[PathBuf],
        now: &[FileStamp],
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Synced, String> {
        // The usual case, checked against the head alone: the same files in the same order,
        // each with its size and time, hash to the same number.
        if files.len() == now.len() && crate::ingest::walk::digest(files, now, None) == self.head.digest {
            return Ok(Synced { added: 0, removed: 0, files: files.len() });
        }
        let bundled = self.bundled;
        // Stamps that cannot be read: every document is removed and every file read again.
        let (old_stamps, unreadable) = match self.stamps() {
            Ok(s) => (s.to_vec(), false),
            Err(_) => (Vec::new(), true),
        };
        let now: Vec<Option<(u64, u64)>> = files
            .iter()
            .zip(now.iter().map(Some).chain(std::iter::repeat(None)))
            .map(|(p, s)| match s {
                Some(s) if !bundled => Some((s.len, s.modified_ns)),
                _ => stat_doc(p, bundled),
            })
            .collect();
        let old: HashMap<&str, &Stamp> = old_stamps.iter().map(|s| (s.path.as_str(), s)).collect();
        let mut keep = vec![false; files.len()];
        let mut todo = Vec::new();
        for (i, (p, st)) in files.iter().zip(&now).enumerate() {
            let Some((len, modified_ns)) = *st else { continue };
            match old.get(p.to_string_lossy().as_ref()) {
                Some(s) if s.len == len && s.modified_ns == modified_ns => keep[i] = true,
                _ => todo.push(i),
            }
        }
        let kept: std::collections::HashSet<String> =
            files.iter().zip(&keep).filter(|(_, k)| **k).map(|(p, _)| p.to_string_lossy().into_owned()).collect();
        let gone: Vec<&Stamp> = old_stamps.iter().filter(|s| !kept.contains(&s.path)).collect();
        let removed = gone.iter().filter(|s| s.id.is_some()).count();
        let mut writer: tantivy::IndexWriter = self
            .index
            .writer(WRITER_MEMORY)
            .map_err(err("cannot update the index (is another dossier updating it?)"))?;
        if unreadable {
            writer.delete_all_documents().map_err(err("cannot clear the index"))?;
        }
        for s in &gone {
            writer.delete_term(Term::from_field_text(self.fields.path, &s.path));
        }
        let total = todo.len();
        let done = AtomicUsize::new(0);
        progress(0, total);
        let f = &self.fields;
        // Read in chunks so memory holds one chunk of texts, not the corpus.
        let mut read: Vec<(usize, Option<String>)> = Vec::with_capacity(total);
        for chunk in todo.chunks(512) {
            let docs: Vec<(usize, Option<TantivyDocument>, Option<String>)> = chunk
                .par_iter()
                .map(|&i| {
                    let r = read_doc(&files[i], bundled).map(|d| {
                        let mut doc = TantivyDocument::default();
                        doc.add_text(f.path, files[i].to_string_lossy());
                        doc.add_text(f.title, &d.title);
                        doc.add_text(f.body, &d.body);
                        doc.add_u64(f.body_line, d.body_line as u64);
                        (doc, d.id)
                    });
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if n.is_multiple_of(256) || n == total {
                        progress(n, total);
                    }
                    match r {
                        Some((doc, id)) => (i, Some(doc), Some(id)),
                        None => (i, None, None),
                    }
                })
                .collect();
            for (i, doc, id) in docs {
                if let Some(doc) = doc {
                    writer.add_document(doc).map_err(err("cannot add to the index"))?;
                }
                read.push((i, id));
            }
        }
        writer.commit().map_err(err("cannot write the index"))?;
        // Segments merged now rather than left to threads the process may end before.
        writer.wait_merging_threads().map_err(err("cannot merge the index"))?;
        // The new stamps, in walk order, with ids made unique as the corpus makes them.
        let by_path: HashMap<&str, &Stamp> = old_stamps.iter().map(|s| (s.path.as_str(), s)).collect();
        let mut fresh: HashMap<usize, Option<String>> = read.into_iter().collect();
        let mut seen = std::collections::HashSet::new();
        let mut stamps = Vec::with_capacity(files.len());
        for (i, p) in files.iter().enumerate() {
            let Some((len, modified_ns)) = now[i] else { continue };
            let path = p.to_string_lossy().into_owned();
            let stem = if keep[i] {
                by_path.get(path.as_str()).and_then(|s| s.stem.clone())
            } else {
                fresh.remove(&i).flatten()
            };
            let id = stem.as_deref().map(|s| crate::text::ids::unique_id(s, &mut seen));
            stamps.push(Stamp { path, len, modified_ns, stem, id });
        }
        let stamped: Vec<FileStamp> = now
            .iter()
            .map(|s| s.map_or_else(FileStamp::default, |(len, modified_ns)| FileStamp { len, modified_ns }))
            .collect();
        self.save_stamps(stamps, files, &stamped)?;
        self.reader.reload().map_err(err("cannot read the updated index"))?;
        Ok(Synced { added: total, removed, files: files.len() })
    }

    /// Answers a query: the best `limit` documents that `keep` accepts (by path), without
    /// their lines ([`TextIndex::add_lines`] reads them). `Err` names a query the index cannot
    /// run.
    pub fn search(
        &self,
        q: &FindQuery,
        limit: usize,
        keep: Option<&(dyn Fn(&Path) -> bool + Sync)>,
    ) -> Result<Found, String> {
        let mut a = analyzer();
        let query = self.query(q, &mut a)?;
        let searcher = self.reader.searcher();
        let all = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let want = if keep.is_some() { all } else { limit.min(all) };
        let (top, total) = searcher
            .search(&query, &(TopDocs::with_limit(want.max(1)).order_by_score(), Count))
            .map_err(err("the index could not be read"))?;
        let mut found = Vec::new();
        let mut kept = 0;
        for (score, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr).map_err(err("the index could not be read"))?;
            let path = doc.get_first(self.fields.path).and_then(|v| v.as_str()).unwrap_or_default().to_string();
            if keep.is_some_and(|k| !k(Path::new(&path))) {
                continue;
            }
            kept += 1;
            if found.len() >= limit {
                continue;
            }
            let title = doc.get_first(self.fields.title).and_then(|v| v.as_str()).unwrap_or_default().to_string();
            let body_line = doc.get_first(self.fields.body_line).and_then(|v| v.as_u64()).unwrap_or(0) as usize;
            found.push(DocHit {
                path: PathBuf::from(path),
                id: String::new(),
                title,
                score,
                body_line,
                lines: Vec::new(),
                hits: 0,
            });
        }
        // Ids from the ids file, else from the stamps in one pass over them.
        if let Some(ids) = (!found.is_empty()).then(|| self.ids_of(&found)).flatten() {
            for (d, id) in found.iter_mut().zip(ids) {
                d.id = id;
            }
        } else if !found.is_empty() {
            let at: HashMap<&Path, usize> = found.iter().enumerate().map(|(i, d)| (d.path.as_path(), i)).collect();
            let stamps = self.stamps().unwrap_or_default();
            // Written again for the next query (an index made before there was one).
            write_ids(&self.dir.join(IDS_FILE), self.head.digest, stamps);
            let ids: Vec<(usize, String)> =
                stamps.iter().filter_map(|s| Some((*at.get(Path::new(&s.path))?, s.id.clone()?))).collect();
            for (i, id) in ids {
                found[i].id = id;
            }
        }
        Ok(Found { total: if keep.is_some() { kept } else { total }, docs: found })
    }

    /// Reads the documents found and adds their lines with hits (every line of the file, front
    /// matter included, where a title may be), and the hits counted.
    pub fn add_lines(&self, q: &FindQuery, found: &mut Found) {
        let mut a = analyzer();
        let matcher = Highlighter::new(q, &mut a);
        found.docs.par_iter_mut().for_each(|d| {
            let mut a = analyzer();
            let text = match bundled_text(&d.path).filter(|_| self.bundled) {
                Some(t) => std::borrow::Cow::Borrowed(t),
                None => match std::fs::read(&d.path) {
                    Ok(bytes) => std::borrow::Cow::Owned(String::from_utf8_lossy(&bytes).into_owned()),
                    Err(_) => return,
                },
            };
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            d.lines.clear();
            d.hits = 0;
            // `lines` leaves out the `\r` of a `\r\n` ending, as the index does.
            for (n, line) in text.lines().enumerate() {
                let spans = matcher.spans(line, &mut a);
                if !spans.is_empty() {
                    d.hits += spans.len();
                    d.lines.push(LineHit { line: n, text: line.to_string(), spans });
                }
            }
            if d.lines.is_empty() {
                // A phrase the index matched across a line break ("the custom\nsilicon"):
                // each line is tried with the next one, and the hits that start on it are
                // kept, cut at its end.
                let lines: Vec<&str> = text.lines().collect();
                for (n, pair) in lines.windows(2).enumerate() {
                    let joined = format!("{} {}", pair[0], pair[1]);
                    let spans: Vec<_> = matcher
                        .spans(&joined, &mut a)
                        .into_iter()
                        .filter(|r| r.start < pair[0].len())
                        .map(|r| r.start..r.end.min(pair[0].len()))
                        .collect();
                    if !spans.is_empty() {
                        d.hits += spans.len();
                        d.lines.push(LineHit { line: n, text: pair[0].to_string(), spans });
                    }
                }
            }
        });
    }

    fn query(&self, q: &FindQuery, a: &mut TextAnalyzer) -> Result<Box<dyn Query>, String> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for group in &q.groups {
            let mut alts = Vec::new();
            for atom in group {
                alts.push((Occur::Should, self.atom(atom, a)?));
            }
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(alts))));
        }
        for atom in &q.exclude {
            clauses.push((Occur::MustNot, self.atom(atom, a)?));
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

    /// One atom, in the body or the title.
    fn atom(&self, atom: &Atom, a: &mut TextAnalyzer) -> Result<Box<dyn Query>, String> {
        let mut either: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for field in [self.fields.body, self.fields.title] {
            either.push((Occur::Should, one_field(atom, field, a)?));
        }
        Ok(Box::new(BooleanQuery::new(either)))
    }
}

/// The words of some text as the index has them (lowercased, accents folded).
fn words(text: &str, a: &mut TextAnalyzer) -> Vec<String> {
    let mut out = Vec::new();
    let mut s = a.token_stream(text);
    while s.advance() {
        out.push(s.token().text.clone());
    }
    out
}

fn shown(atom: &Atom) -> String {
    match atom {
        Atom::Word(w) => format!("`{w}`"),
        Atom::Phrase(p) => format!("`\"{p}\"`"),
        Atom::Prefix(p) => format!("`{p}*`"),
    }
}

fn one_field(atom: &Atom, field: Field, a: &mut TextAnalyzer) -> Result<Box<dyn Query>, String> {
    let (Atom::Word(text) | Atom::Phrase(text) | Atom::Prefix(text)) = atom;
    let ws = words(text, a);
    let nothing = || format!("{} has no letters or digits to search for", shown(atom));
    match (atom, ws.as_slice()) {
        (_, []) => Err(nothing()),
        (Atom::Prefix(_), [w]) => {
            // Folded words are letters and digits, escaped all the same.
            let re = RegexQuery::from_pattern(&format!("{}.*", regex::escape(w)), field)
                .map_err(|e| format!("{}: {e}", shown(atom)))?;
            Ok(Box::new(re))
        }
        (Atom::Prefix(_), _) => Err(format!("{}: a prefix is one word (no spaces or punctuation)", shown(atom))),
        (_, [w]) => Ok(Box::new(TermQuery::new(Term::from_field_text(field, w), IndexRecordOption::WithFreqs))),
        (_, ws) => Ok(Box::new(PhraseQuery::new(ws.iter().map(|w| Term::from_field_text(field, w)).collect()))),
    }
}

/// The query's hits in a text, line by line, as byte ranges of `text` (the reader's find
/// matches after a full-text search).
#[must_use]
pub fn highlight(q: &FindQuery, text: &str) -> Vec<Range<usize>> {
    let mut a = analyzer();
    let h = Highlighter::new(q, &mut a);
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        out.extend(h.spans(line, &mut a).into_iter().map(|r| at + r.start..at + r.end));
        at += line.len();
    }
    out
}

/// Finds the query's hits in a line, as the index tokenises it.
struct Highlighter {
    /// Each positive atom: its words, and whether the last is a prefix.
    atoms: Vec<(Vec<String>, bool)>,
}

impl Highlighter {
    fn new(q: &FindQuery, a: &mut TextAnalyzer) -> Self {
        let atoms = q
            .positive()
            .into_iter()
            .map(|atom| {
                let (Atom::Word(t) | Atom::Phrase(t) | Atom::Prefix(t)) = atom;
                (words(t, a), matches!(atom, Atom::Prefix(_)))
            })
            .filter(|(w, _)| !w.is_empty())
            .collect();
        Self { atoms }
    }

    /// The byte ranges of hits in `line`, in order, not overlapping.
    fn spans(&self, line: &str, a: &mut TextAnalyzer) -> Vec<Range<usize>> {
        let mut toks = Vec::new();
        let mut s = a.token_stream(line);
        while s.advance() {
            let t = s.token();
            toks.push((t.text.clone(), t.offset_from..t.offset_to));
        }
        let mut out: Vec<Range<usize>> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let hit = self.atoms.iter().find_map(|(ws, prefix)| {
                let n = ws.len();
                let fits = i + n <= toks.len()
                    && ws.iter().enumerate().all(|(k, w)| {
                        let t = &toks[i + k].0;
                        if *prefix && k + 1 == n {
                            t.starts_with(w.as_str())
                        } else {
                            t == w
                        }
                    });
                fits.then_some(n)
            });
            match hit {
                Some(n) => {
                    out.push(toks[i].1.start..toks[i + n - 1].1.end);
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }
}
