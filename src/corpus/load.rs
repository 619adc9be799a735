//! The load pipeline: read the documents, choose and apply the catalog, link, discover names
//! no catalog covers, link again. Each phase reports its time through the progress callback.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use super::{CatalogChoice, Corpus, FileRead, LoadOptions, Original, Progress};
use crate::ingest::source;
use crate::model::{DocIdx, DocKind, Document, Fact, FactObject, Mention, Problem};
use crate::recognize::catalog::Catalog;
use crate::recognize::link::Linker;
use crate::recognize::{discover, facts};

/// Reports how long each phase took through the progress callback.
struct Timer<'p> {
    at: std::cell::Cell<Instant>,
    progress: &'p (dyn Fn(Progress) + Sync),
}

impl<'p> Timer<'p> {
    fn start(progress: &'p (dyn Fn(Progress) + Sync)) -> Self {
        Self { at: std::cell::Cell::new(Instant::now()), progress }
    }

    fn lap(&self, what: &'static str) {
        (self.progress)(Progress::Timed(what, self.at.get().elapsed()));
        self.at.set(Instant::now());
    }
}

impl Corpus {
    /// Loads, links and indexes. Never fails: problems are recorded in [`Corpus::problems`].
    pub fn load(opts: &LoadOptions, progress: &(dyn Fn(Progress) + Sync)) -> Self {
        Self::load_staged(opts, progress, &|_| {})
    }

    /// Like [`Corpus::load`], and hands over a preview as soon as the documents are read:
    /// their ids, titles and metadata in final order, without their text (which the full
    /// corpus brings when linking ends), and no entities yet.
    pub fn load_staged(opts: &LoadOptions, progress: &(dyn Fn(Progress) + Sync), preview: &dyn Fn(Self)) -> Self {
        Self::load_with(opts, progress, preview, &|_| None)
    }

    /// Loads again after some files changed: the files for which `unchanged` holds and that
    /// `old` read are taken from it as they were read (before ids were made unique and the
    /// catalog applied), the others are read; then everything is linked as by
    /// [`Corpus::load`], whose result this equals.
    pub fn load_reusing(
        opts: &LoadOptions,
        progress: &(dyn Fn(Progress) + Sync),
        old: &Self,
        unchanged: &(dyn Fn(&std::path::Path) -> bool + Sync),
    ) -> Self {
        let by_path: HashMap<&std::path::Path, &FileRead> = old.files.iter().map(|f| (f.path.as_path(), f)).collect();
        let reuse = |path: &std::path::Path| {
            if !unchanged(path) {
                return None;
            }
            let f = by_path.get(path)?;
            let outcome = match &f.outcome {
                Ok(d) => Ok(old.as_read(*d)?),
                Err(p) => Err(p.clone()),
            };
            Some((outcome, f.problems.clone()))
        };
        Self::load_with(opts, progress, &|_| {}, &reuse)
    }

    fn load_with(
        opts: &LoadOptions,
        progress: &(dyn Fn(Progress) + Sync),
        preview: &dyn Fn(Self),
        reuse: &Reuse<'_>,
    ) -> Self {
        let mut corpus = Self::default();
        progress(Progress::Scanning);
        let t = Timer::start(progress);
        let docs = if opts.corpus.is_empty() {
            read_bundled(&mut corpus)
        } else {
            read_folders(opts, &mut corpus, progress, reuse)
        };
        t.lap("read and parse documents");
        corpus.set_docs(docs);
        preview(corpus.preview());
        let catalog = corpus.choose_catalog(opts);
        progress(Progress::Linking);
        corpus.build(catalog.as_ref(), opts.discover, progress);
        corpus
    }

    /// A document as its file was read: with the id and metadata loading changed put back.
    fn as_read(&self, d: DocIdx) -> Option<Document> {
        let mut doc = self.docs.get(d)?.clone();
        if let Some(o) = self.originals.get(&d) {
            o.restore(&mut doc);
        }
        Some(doc)
    }

    /// Takes the documents read, making their ids unique (and remembering the ids as read).
    fn set_docs(&mut self, mut docs: Vec<Document>) {
        let read: Vec<String> = docs.iter().map(|d| d.id.clone()).collect();
        source::dedupe_ids(&mut docs);
        for (i, (d, id)) in docs.iter().zip(read).enumerate() {
            if d.id != id {
                let mut o = Original::of(d);
                o.id = id;
                self.originals.insert(i, o);
            }
        }
        self.docs = docs;
        self.stats.loaded = self.docs.len();
    }

    /// The documents without their text, and nothing else: what [`Corpus::load_staged`]
    /// hands over early.
    fn preview(&self) -> Self {
        let docs = self.docs.iter().map(|d| Document { body: String::new(), hints: Vec::new(), ..d.clone() }).collect();
        let mut p = Self { docs, stats: self.stats, ..Self::default() };
        p.set_mentions(Vec::new());
        p
    }

    /// Only the documents, read and parsed, with no catalog, linking or discovery: for full-text
    /// search, which needs nothing else.
    #[must_use]
    pub fn load_documents(opts: &LoadOptions) -> Self {
        let mut corpus = Self::default();
        let docs = if opts.corpus.is_empty() {
            read_bundled(&mut corpus)
        } else {
            read_folders(opts, &mut corpus, &|_| {}, &|_| None)
        };
        corpus.set_docs(docs);
        corpus.set_mentions(Vec::new());
        corpus
    }

    /// The same documents linked again with the catalog `opts` names (after the user edited it):
    /// nothing is read again but the catalog. Problems about the documents are kept; those
    /// about the old catalog are replaced by the new one's.
    #[must_use]
    pub fn relinked(&self, opts: &LoadOptions) -> Self {
        let old_catalog = self.catalog_path.as_deref();
        let mut corpus = Self {
            problems: self.problems.iter().filter(|p| Some(p.path.as_path()) != old_catalog).cloned().collect(),
            stats: self.stats,
            files: self.files.clone(),
            ..Self::default()
        };
        // As read: the old catalog's overrides are not the new one's.
        corpus.set_docs((0..self.docs.len()).filter_map(|d| self.as_read(d)).collect());
        let catalog = corpus.choose_catalog(opts);
        corpus.build(catalog.as_ref(), opts.discover, &|_| {});
        corpus
    }

    /// A corpus from documents already read (tests, generators), with an optional catalog.
    #[must_use]
    pub fn from_documents(docs: Vec<Document>, catalog: Option<&Catalog>, discover: bool) -> Self {
        let mut corpus = Self::default();
        corpus.set_docs(docs);
        corpus.build(catalog, discover, &|_| {});
        corpus
    }

    fn choose_catalog(&mut self, opts: &LoadOptions) -> Option<Catalog> {
        let result = match &opts.catalog {
            CatalogChoice::None => return None,
            CatalogChoice::File(p) => Catalog::read(p),
            CatalogChoice::Auto if opts.corpus.is_empty() => Catalog::bundled(),
            CatalogChoice::Auto => {
                let root = opts.corpus.iter().find(|p| p.is_dir())?;
                let p = root.join(crate::recognize::catalog::FILE_NAME);
                if !p.is_file() {
                    return None;
                }
                Catalog::read(&p)
            }
        };
        match result {
            Ok(c) => {
                self.catalog_path = Some(c.path.clone());
                Some(c)
            }
            Err(problems) => {
                self.catalog_failed = true;
                self.catalog_path = problems.first().map(|p| p.path.clone());
                self.problems.extend(problems);
                None
            }
        }
    }

    fn build(&mut self, catalog: Option<&Catalog>, discover: bool, progress: &(dyn Fn(Progress) + Sync)) {
        let rejected = catalog.map(Catalog::rejected).unwrap_or_default();
        if let Some(cat) = catalog {
            self.apply_overrides(cat);
            self.add_catalog_entities(cat);
        }
        self.add_front_matter_entities(&rejected);
        let known_from = self.add_known_entities(&rejected);
        let known_to = self.entities.len();
        let t = Timer::start(progress);
        let text_bytes: usize = self.docs.iter().map(|d| d.body.len()).sum();
        if discover {
            // Discovery leaves out the spans of curated names (catalog, front matter) and every
            // name the gazetteer knows; the gazetteer is linked with everything else, once.
            let taken = if known_from > 0 {
                link_all(&Linker::for_text(&self.entities[..known_from], text_bytes), &self.docs)
            } else {
                Vec::new()
            };
            t.lap("link curated names");
            let mut found = discover::discover(&self.docs, &self.entities, &taken);
            t.lap("discover");
            let is_rejected = |name: &str| rejected.contains(&name.to_lowercase());
            found.entities.retain(|e| !is_rejected(&e.name));
            found.candidates.retain(|c| !is_rejected(&c.name));
            self.entities.extend(found.entities);
            self.candidates = found.candidates;
        }
        let mut linker = Linker::for_text(&self.entities, text_bytes);
        let mut mentions = link_all(&linker, &self.docs);
        if self.keep_mentioned(known_from..known_to, &mut mentions) {
            linker = Linker::for_text(&self.entities, text_bytes);
        }
        t.lap("link");
        self.set_mentions(mentions);
        t.lap("index mentions");
        self.authors = (0..self.docs.len())
            .flat_map(|d| {
                let author = self.docs[d].author.as_deref().unwrap_or("");
                linker.link(d, author).into_iter().map(move |m| (d, m.entity()))
            })
            .collect();
        let rejected_facts = catalog.map(|cat| self.add_facts(cat)).unwrap_or_default();
        self.add_extracted_facts(&rejected_facts);
        t.lap("extract facts");
    }

    /// Facts read from the text, each document on its own thread; one that says what a
    /// curated fact says (same subject, predicate and object) is left out: the curated one
    /// wins; one the catalog rejects for its document too.
    fn add_extracted_facts(&mut self, rejected: &[(usize, String, FactObject, usize)]) {
        let extracted: Vec<Fact> = (0..self.docs.len())
            .into_par_iter()
            .flat_map_iter(|d| {
                let doc = &self.docs[d];
                facts::extract(d, &doc.body, doc.date, self.doc_mentions(d), &self.entities)
            })
            .collect();
        let key = |f: &Fact| (f.subject, f.predicate.clone(), f.object.clone());
        let curated: HashSet<_> = self.facts.iter().map(key).collect();
        let rejected: HashSet<_> = rejected.iter().collect();
        self.facts.extend(extracted.into_iter().filter(|f| {
            !curated.contains(&key(f)) && !rejected.contains(&(f.subject, f.predicate.clone(), f.object.clone(), f.doc))
        }));
    }
}

fn read_bundled(corpus: &mut Corpus) -> Vec<Document> {
    source::BUNDLED
        .iter()
        .filter_map(|(path, text)| match source::parse(path.as_ref(), text.as_bytes(), &mut corpus.problems) {
            Ok(d) => Some(d),
            Err(p) => {
                corpus.problems.push(p);
                None
            }
        })
        .collect()
}

/// What a file read before became, when it can be taken instead of reading the file: the
/// document or why it was skipped, and the problems reading it raised.
type Reuse<'a> = dyn Fn(&std::path::Path) -> Option<(Result<Document, Problem>, Vec<Problem>)> + Sync + 'a;

fn read_folders(
    opts: &LoadOptions,
    corpus: &mut Corpus,
    progress: &(dyn Fn(Progress) + Sync),
    reuse: &Reuse<'_>,
) -> Vec<Document> {
    let scan = crate::ingest::walk::scan(&opts.corpus, &opts.walk);
    corpus.problems.extend(scan.problems);
    corpus.stats.other_files = scan.skipped_other;
    let total = scan.files.len();
    let done = AtomicUsize::new(0);
    progress(Progress::Reading(0, total));
    let results: Vec<(Result<Document, Problem>, Vec<Problem>)> = scan
        .files
        .par_iter()
        .map(|path| {
            let (r, problems) = reuse(path).unwrap_or_else(|| {
                let mut problems = Vec::new();
                (source::read(path, &mut problems), problems)
            });
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if n.is_multiple_of(256) || n == total {
                progress(Progress::Reading(n, total));
            }
            (r, problems)
        })
        .collect();
    let mut docs = Vec::with_capacity(total);
    corpus.files = Vec::with_capacity(total);
    for ((r, problems), path) in results.into_iter().zip(scan.files) {
        corpus.problems.extend(problems.iter().cloned());
        corpus.files.push(FileRead { path, problems, outcome: r.as_ref().map(|_| docs.len()).map_err(Clone::clone) });
        match r {
            Ok(mut d) => {
                if let Some(rel) = opts.corpus.iter().find_map(|root| d.path.strip_prefix(root).ok()) {
                    if !rel.as_os_str().is_empty() {
                        d.shown_path = rel.to_string_lossy().into_owned();
                    }
                }
                docs.push(d);
            }
            Err(p) => {
                corpus.stats.skipped += 1;
                corpus.problems.push(p);
            }
        }
    }
    docs
}

fn link_all(linker: &Linker, docs: &[Document]) -> Vec<Mention> {
    docs.par_iter()
        .enumerate()
        .flat_map_iter(|(i, d)| linker.link_with(i, &d.body, d.kind == DocKind::Transcript))
        .collect()
}
