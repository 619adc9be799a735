//! The load pipeline: read the documents, choose and apply the catalog, link, discover names
//! no catalog covers, link again. Each phase reports its time through the progress callback.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use super::{CatalogChoice, Corpus, FileRead, LoadOptions, Original, Progress};
use crate::ingest::source;
use crate::model::{DocIdx, DocKind, Document, EntIdx, Fact, FactObject, Mention, Problem};
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
        Self::load_with(opts, progress, preview, &|_| None, None)
    }

    /// Loads again after some files changed: the files for which `unchanged` holds and that
    /// `old` read are taken from it as they were read (before ids were made unique and the
    /// catalog applied), the others are read; then everything is linked as by
    /// [`Corpus::load`], whose result this equals. With `trace` (what the build of `old`
    /// kept: [`Corpus::trace`]), only the changed documents are weighed and linked again when
    /// that cannot change the result.
    pub fn load_reusing(
        opts: &LoadOptions,
        progress: &(dyn Fn(Progress) + Sync),
        old: &Self,
        trace: Option<&Trace>,
        unchanged: &(dyn Fn(&std::path::Path) -> bool + Sync),
    ) -> Self {
        Self::reload(opts, progress, old, None, trace, unchanged)
    }

    /// Like [`Corpus::load_reusing`], but the unchanged documents' text is moved out of `old`
    /// instead of copied (`old` is left without its documents' text).
    pub fn load_taking(
        opts: &LoadOptions,
        progress: &(dyn Fn(Progress) + Sync),
        old: &mut Self,
        trace: Option<&Trace>,
        unchanged: &(dyn Fn(&std::path::Path) -> bool + Sync),
    ) -> Self {
        let texts: Vec<std::sync::Mutex<String>> =
            old.docs.iter_mut().map(|d| std::sync::Mutex::new(std::mem::take(&mut d.body))).collect();
        Self::reload(opts, progress, old, Some(&texts), trace, unchanged)
    }

    /// [`Corpus::load_reusing`], the texts taken from `texts` when given (one per old
    /// document), else copied from `old`.
    fn reload(
        opts: &LoadOptions,
        progress: &(dyn Fn(Progress) + Sync),
        old: &Self,
        texts: Option<&[std::sync::Mutex<String>]>,
        trace: Option<&Trace>,
        unchanged: &(dyn Fn(&std::path::Path) -> bool + Sync),
    ) -> Self {
        let by_path: HashMap<&std::path::Path, &FileRead> = old.files.iter().map(|f| (f.path.as_path(), f)).collect();
        let reuse = |path: &std::path::Path| {
            if !unchanged(path) {
                return None;
            }
            let f = by_path.get(path)?;
            let (outcome, from) = match &f.outcome {
                Ok(d) => {
                    let mut doc = old.as_read(*d)?;
                    if let Some(texts) = texts {
                        // Each file is taken once; a text that cannot be had is read again.
                        doc.body = std::mem::take(&mut *texts.get(*d)?.lock().ok()?);
                    }
                    (Ok(doc), Some(*d))
                }
                Err(p) => (Err(p.clone()), None),
            };
            Some((outcome, f.problems.clone(), from))
        };
        Self::load_with(opts, progress, &|_| {}, &reuse, Some((old, trace)))
    }

    fn load_with(
        opts: &LoadOptions,
        progress: &(dyn Fn(Progress) + Sync),
        preview: &dyn Fn(Self),
        reuse: &Reuse<'_>,
        old: Option<(&Self, Option<&Trace>)>,
    ) -> Self {
        let mut corpus = Self::default();
        progress(Progress::Scanning);
        let t = Timer::start(progress);
        let (docs, old_of) = if opts.corpus.is_empty() {
            let docs = read_bundled(&mut corpus);
            let none = vec![None; docs.len()];
            (docs, none)
        } else {
            read_folders(opts, &mut corpus, progress, reuse)
        };
        t.lap("read and parse documents");
        corpus.set_docs(docs);
        preview(corpus.preview());
        let catalog = corpus.choose_catalog(opts);
        progress(Progress::Linking);
        let prior = old.map(|(old, trace)| Prior { old, trace, old_of });
        corpus.build(catalog.as_ref(), opts.discover, progress, prior.as_ref());
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
            read_folders(opts, &mut corpus, &|_| {}, &|_| None).0
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
        corpus.build(catalog.as_ref(), opts.discover, &|_| {}, None);
        corpus
    }

    /// A corpus from documents already read (tests, generators), with an optional catalog.
    #[must_use]
    pub fn from_documents(docs: Vec<Document>, catalog: Option<&Catalog>, discover: bool) -> Self {
        let mut corpus = Self::default();
        corpus.set_docs(docs);
        corpus.build(catalog, discover, &|_| {}, None);
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

    /// Links the documents read: applies the catalog, discovers, links, extracts facts. With
    /// `prior` (the model before some files changed), what it holds of each unchanged
    /// document is taken instead of worked out again where the result cannot differ: the
    /// sightings discovery made in it when the entities before discovery are the same, its
    /// mentions when the entities linked with are, its author's entities and facts when the
    /// entities kept are too. The result is the same as without it.
    fn build(
        &mut self,
        catalog: Option<&Catalog>,
        discover: bool,
        progress: &(dyn Fn(Progress) + Sync),
        prior: Option<&Prior<'_>>,
    ) {
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
        let before_discovery = fingerprint(&self.entities, known_from, known_to);
        let trace = prior.and_then(|p| Some((p.old, p.trace.filter(|t| t.fits(p.old))?)));
        // The old document each document is, when the file is unchanged and so is what loading
        // made of it (the catalog may override its author, kind or date).
        let old_of: Vec<Option<DocIdx>> = match (prior, trace) {
            (Some(p), Some((old, tr))) if tr.before_discovery == before_discovery => self
                .docs
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    p.old_of.get(i).copied().flatten().filter(|&j| {
                        // Its text is the same (the file is unchanged; `old`'s may have been moved).
                        old.docs.get(j).is_some_and(|o| o.author == d.author && o.kind == d.kind && o.date == d.date)
                    })
                })
                .collect(),
            _ => vec![None; self.docs.len()],
        };
        let changed: Vec<bool> = old_of.iter().map(Option::is_none).collect();
        let changed_bytes: usize = self.docs.iter().zip(&changed).filter(|(_, c)| **c).map(|(d, _)| d.body.len()).sum();
        // Discovery's sightings, encoded: kept small until the cache writes them.
        let mut observed = Vec::new();
        if discover {
            // Discovery leaves out the spans of curated names (catalog, front matter) and every
            // name the gazetteer knows; the gazetteer is linked with everything else, once.
            let taken = if known_from > 0 {
                let linker = Linker::for_text(&self.entities[..known_from], changed_bytes);
                link_some(&linker, &self.docs, &|i| changed[i])
            } else {
                Vec::new()
            };
            t.lap("link curated names");
            let before = trace.and_then(|(old, tr)| {
                let o: discover::Observed = postcard::from_bytes(&tr.observed).ok()?;
                (o.len() == old.docs.len() && o.is_sound()).then_some(o)
            });
            let now = match before {
                Some(o) => o.updated(&self.docs, &old_of, &self.entities, &taken),
                None => discover::Observed::of(&self.docs, &self.entities, &taken),
            };
            t.lap("discover: read the documents");
            let mut found = discover::decide(&self.docs, &self.entities, &now);
            // Not encoded, the next update observes every document again.
            observed = postcard::to_stdvec(&now).unwrap_or_default();
            drop(now);
            t.lap("discover: weigh the names");
            let is_rejected = |name: &str| rejected.contains(&name.to_lowercase());
            found.entities.retain(|e| !is_rejected(&e.name));
            found.candidates.retain(|c| !is_rejected(&c.name));
            self.entities.extend(found.entities);
            self.candidates = found.candidates;
        }
        let prints: Vec<u64> = self.entities.par_iter().map(|e| fingerprint(std::slice::from_ref(e), 0, 0)).collect();
        // Each old entity's index now (before and after the gazetteer's unmentioned ones are
        // dropped), when the same entities are linked, perhaps in another order.
        let entity_match = trace.and_then(|(old, tr)| {
            let old_entity = |p: EntIdx| tr.kept.binary_search(&p).ok().and_then(|e| old.entities.get(e));
            let (now, words) = match_entities(&tr.linked, &prints, &self.entities, &old_entity)?;
            let renumber: Vec<EntIdx> = tr.kept.iter().map(|&e| now.get(e).copied().unwrap_or(usize::MAX)).collect();
            Some((renumber, words))
        });
        // The unchanged documents whose mentions are taken from the old model: those that
        // cannot mention an entity that came or went (no word of its names; transcripts may
        // by a near spelling).
        let keep_of: Vec<Option<DocIdx>> = match &entity_match {
            Some((_, words)) if !words.is_empty() => {
                let ac = aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(words).ok();
                self.docs
                    .par_iter()
                    .zip(&old_of)
                    .map(|(d, o)| {
                        o.filter(|_| {
                            d.kind != DocKind::Transcript && ac.as_ref().is_some_and(|ac| !ac.is_match(&d.body))
                        })
                    })
                    .collect()
            }
            _ => old_of.clone(),
        };
        let relinked_bytes: usize =
            self.docs.iter().zip(&keep_of).filter(|(_, k)| k.is_none()).map(|(d, _)| d.body.len()).sum();
        let renumber = entity_match.map(|(r, _)| r);
        let (mut matcher, mut mentions) = if let (Some((old, _)), Some(renumber)) = (trace, &renumber) {
            let matcher = Linker::for_text(&self.entities, relinked_bytes);
            let mentions = relink(&matcher, &self.docs, old, &keep_of, renumber);
            t.lap("link the changed documents");
            (matcher, mentions)
        } else {
            let matcher = Linker::for_text(&self.entities, text_bytes);
            let mentions = link_some(&matcher, &self.docs, &|_| true);
            t.lap("link");
            (matcher, mentions)
        };
        let count = self.entities.len();
        let kept = self.keep_mentioned(known_from..known_to, &mut mentions);
        // Each old entity's index now (`usize::MAX`: gone).
        let kept_now: Option<Vec<EntIdx>> = renumber.as_ref().map(|r| {
            let mut now = vec![usize::MAX; count];
            for (i, &e) in kept.iter().enumerate() {
                now[e] = i;
            }
            r.iter().map(|&e| now.get(e).copied().unwrap_or(usize::MAX)).collect()
        });
        // The same entities, perhaps numbered otherwise.
        let same = kept_now.as_ref().filter(|m| m.len() == kept.len() && m.iter().all(|&e| e != usize::MAX));
        if kept.len() != count {
            matcher = Linker::for_text(&self.entities, if same.is_some() { relinked_bytes } else { text_bytes });
        }
        self.set_mentions(mentions);
        t.lap("index mentions");
        let authors = |d: DocIdx| {
            let author = self.docs[d].author.as_deref().unwrap_or("");
            matcher.link(d, author).into_iter().map(move |m| (d, m.entity()))
        };
        self.authors = match (trace, same) {
            (Some((old, _)), Some(map)) => (0..self.docs.len())
                .flat_map(|d| match old_of[d] {
                    Some(j) => old_authors(old, j).map(|e| (d, map[e])).collect::<Vec<_>>(),
                    None => authors(d).collect(),
                })
                .collect(),
            _ => (0..self.docs.len()).flat_map(authors).collect(),
        };
        let rejected_facts = catalog.map(|cat| self.add_facts(cat)).unwrap_or_default();
        let reuse_facts = match (trace, &kept_now) {
            (Some((old, tr)), Some(map)) if self.same_fact_filter(old, tr, &old_of, map, &rejected_facts) => {
                Some(OldFacts { old, old_of: &keep_of, renumber: map })
            }
            _ => None,
        };
        self.add_extracted_facts(&rejected_facts, reuse_facts.as_ref());
        t.lap("extract facts");
        self.trace = Some(Box::new(Trace { observed, before_discovery, linked: prints, kept, rejected_facts }));
    }

    /// Whether the catalog's facts leave out the same extracted facts of the unchanged
    /// documents as they did in `old`: the same curated (subject, predicate, object), and the
    /// same rejected facts of unchanged documents.
    fn same_fact_filter(
        &self,
        old: &Self,
        trace: &Trace,
        old_of: &[Option<DocIdx>],
        renumber: &[EntIdx],
        rejected: &[(EntIdx, String, FactObject, DocIdx)],
    ) -> bool {
        let e = |i: EntIdx| renumber.get(i).copied().unwrap_or(usize::MAX);
        let curated = |facts: &[Fact], map: &dyn Fn(EntIdx) -> EntIdx| -> HashSet<(EntIdx, String, FactObject)> {
            facts
                .iter()
                .filter(|f| f.origin == crate::model::FactOrigin::Catalog)
                .map(|f| (map(f.subject), f.predicate.clone(), renumbered(&f.object, map)))
                .collect()
        };
        let now_of: HashMap<DocIdx, DocIdx> = old_of.iter().enumerate().filter_map(|(i, j)| Some(((*j)?, i))).collect();
        let then: HashSet<_> = trace
            .rejected_facts
            .iter()
            .map(|(s, p, o, j)| (e(*s), p.clone(), renumbered(o, &e), now_of.get(j).copied()))
            .collect();
        let now: HashSet<_> = rejected
            .iter()
            .map(|(s, p, o, i)| (*s, p.clone(), o.clone(), old_of.get(*i).copied().flatten().map(|_| *i)))
            .collect();
        curated(&self.facts, &|i| i) == curated(&old.facts, &e) && then == now
    }

    /// Facts read from the text, each document on its own thread; one that says what a
    /// curated fact says (same subject, predicate and object) is left out: the curated one
    /// wins; one the catalog rejects for its document too.
    ///
    /// With `old` (a model whose filter was the same, and the old document each unchanged
    /// document is), an unchanged document's facts are taken from it.
    fn add_extracted_facts(&mut self, rejected: &[(usize, String, FactObject, usize)], old: Option<&OldFacts<'_>>) {
        let key = |f: &Fact| (f.subject, f.predicate.clone(), f.object.clone());
        let curated: HashSet<_> = self.facts.iter().map(key).collect();
        let rejected: HashSet<_> = rejected.iter().collect();
        let keep = |f: &Fact| {
            !curated.contains(&key(f)) && !rejected.contains(&(f.subject, f.predicate.clone(), f.object.clone(), f.doc))
        };
        // The old model's extracted facts, in document order.
        let old_facts = old.map(|o| {
            let from = o.old.facts.partition_point(|f| f.origin == crate::model::FactOrigin::Catalog);
            &o.old.facts[from..]
        });
        let extracted: Vec<Fact> = (0..self.docs.len())
            .into_par_iter()
            .flat_map_iter(|d| {
                if let (Some(facts), Some(o)) = (old_facts, old) {
                    if let Some(j) = o.old_of.get(d).copied().flatten() {
                        let from = facts.partition_point(|f| f.doc < j);
                        let to = facts.partition_point(|f| f.doc <= j);
                        let e = |i: EntIdx| o.renumber.get(i).copied().unwrap_or(usize::MAX);
                        return facts[from..to]
                            .iter()
                            .map(|f| Fact {
                                doc: d,
                                subject: e(f.subject),
                                object: renumbered(&f.object, &e),
                                ..f.clone()
                            })
                            .collect::<Vec<_>>();
                    }
                }
                let doc = &self.docs[d];
                let found = facts::extract(d, &doc.body, doc.date, self.doc_mentions(d), &self.entities);
                found.into_iter().filter(keep).collect()
            })
            .collect();
        self.facts.extend(extracted);
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
/// document or why it was skipped, the problems reading it raised, and the old document's index.
type Reuse<'a> = dyn Fn(&std::path::Path) -> Option<Taken> + Sync + 'a;

/// What came of a file: the document or why it was skipped, the problems reading it raised,
/// and the old document it is when it was taken from an old model.
type Taken = (Result<Document, Problem>, Vec<Problem>, Option<DocIdx>);

/// The model before some files changed, and the old document each document read is (when its
/// file is unchanged).
struct Prior<'o> {
    old: &'o Corpus,
    trace: Option<&'o Trace>,
    old_of: Vec<Option<DocIdx>>,
}

/// What a build keeps for the next update, beside the model (the model cache writes it in a
/// file of its own, read only when files changed): what discovery saw in each document, and
/// fingerprints of the entities at each step, so that an update after a small change reads,
/// weighs and links again only the changed documents (see `Corpus::build`).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Trace {
    /// Discovery's sightings in each document (`discover::Observed`, none when discovery is
    /// off), encoded: much smaller than decoded, and only an update decodes them.
    observed: Vec<u8>,
    /// The entities before discovery (catalog, front matter, gazetteer).
    before_discovery: u64,
    /// A fingerprint of each entity linked with, before the gazetteer's unmentioned ones were
    /// dropped.
    linked: Vec<u64>,
    /// For each entity kept, its index among those.
    kept: Vec<EntIdx>,
    /// The catalog's rejected facts: (subject, predicate, object, document).
    rejected_facts: Vec<(EntIdx, String, FactObject, DocIdx)>,
}

impl Corpus {
    /// What the build that made this model kept for the next update (none for a model read
    /// from the cache: the cache keeps it apart).
    #[must_use]
    pub fn trace(&self) -> Option<&Trace> {
        self.trace.as_deref()
    }
}

impl Trace {
    /// Whether it can be the trace of the build that made `corpus` (one read from a damaged
    /// or foreign file may not, and is then not used).
    #[must_use]
    pub fn fits(&self, corpus: &Corpus) -> bool {
        self.kept.len() == corpus.entities.len()
            && self.kept.windows(2).all(|w| w[0] < w[1])
            && self.kept.last().is_none_or(|&e| e < self.linked.len())
    }
}

/// A fingerprint of the entities (and of where the gazetteer's are): when two builds' are
/// equal, linking gives the same mentions.
fn fingerprint(entities: &[crate::model::Entity], known_from: usize, known_to: usize) -> u64 {
    use std::hash::Hasher;
    struct Hashing(std::collections::hash_map::DefaultHasher);
    impl std::io::Write for Hashing {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.write(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut h = Hashing(std::collections::hash_map::DefaultHasher::new());
    h.0.write_usize(known_from);
    h.0.write_usize(known_to);
    if postcard::to_io(entities, &mut h).is_err() {
        // Not expected (the writer cannot fail); a fingerprint that matches nothing.
        h.0.write_u8(0xff);
    }
    h.0.finish()
}

/// Where an update takes the unchanged documents' facts from: the old model, the old document
/// each document is, and each old entity's index now.
struct OldFacts<'o> {
    old: &'o Corpus,
    old_of: &'o [Option<DocIdx>],
    renumber: &'o [EntIdx],
}

/// A fact's object with its entity renumbered.
fn renumbered(o: &FactObject, e: &dyn Fn(EntIdx) -> EntIdx) -> FactObject {
    match o {
        FactObject::Entity(i) => FactObject::Entity(e(*i)),
        v @ FactObject::Value(_) => v.clone(),
    }
}

/// The spellings the linker searches for an entity: names, aliases, surname.
fn spellings(e: &crate::model::Entity) -> Vec<&str> {
    e.names().chain(e.surname()).map(str::trim).collect()
}

/// How the entities linked with now (`entities`, with fingerprints `now`) match the old ones
/// (fingerprints `then`; `old(i)` is old entity `i` if the old model kept it): each old
/// entity's index now (`usize::MAX`: gone), and the longest word of each name of every entity
/// that came or went: a document with none of them cannot mention one. Linking does not depend
/// on the entities' order, except that of two spellings alike in lower case but not in ASCII
/// case ("Ölwerk", "ölwerk") the matcher searches the first one's: `None` when an entity that
/// moved, came or went has such a spelling (then every document is linked again).
fn match_entities<'o>(
    then: &[u64],
    now: &[u64],
    entities: &[crate::model::Entity],
    old: &dyn Fn(EntIdx) -> Option<&'o crate::model::Entity>,
) -> Option<(Vec<EntIdx>, Vec<String>)> {
    if then == now {
        return Some(((0..now.len()).collect(), Vec::new()));
    }
    let at: HashMap<u64, EntIdx> = now.iter().enumerate().map(|(i, h)| (*h, i)).collect();
    if at.len() != now.len() {
        return None;
    }
    let mut found = vec![false; now.len()];
    let mut map = Vec::with_capacity(then.len());
    let mut gone: Vec<String> = Vec::new();
    for (i, h) in then.iter().enumerate() {
        match at.get(h) {
            Some(&j) if !found[j] => {
                found[j] = true;
                map.push(j);
            }
            // Two old entities alike: not expected.
            Some(_) => return None,
            None => {
                gone.extend(spellings(old(i)?).into_iter().map(str::to_string));
                map.push(usize::MAX);
            }
        }
    }
    let came: Vec<String> =
        (0..now.len()).filter(|&j| !found[j]).flat_map(|j| spellings(&entities[j])).map(str::to_string).collect();
    let moved = map.iter().enumerate().filter(|&(was, &is)| is != usize::MAX && was != is);
    let touched: HashSet<String> = moved
        .flat_map(|(_, &is)| spellings(&entities[is]))
        .chain(came.iter().chain(&gone).map(String::as_str))
        .map(str::to_lowercase)
        .collect();
    let mut seen: HashMap<String, &str> = HashMap::new();
    for s in gone.iter().map(String::as_str).chain(entities.iter().flat_map(spellings)) {
        let lower = s.to_lowercase();
        if touched.contains(&lower) && !seen.entry(lower).or_insert(s).eq_ignore_ascii_case(s) {
            return None;
        }
    }
    let mut words: Vec<String> = came
        .iter()
        .chain(&gone)
        .filter_map(|s| s.split_whitespace().max_by_key(|w| w.len()))
        .map(str::to_string)
        .collect();
    words.sort_unstable();
    words.dedup();
    Some((map, words))
}

/// The entities named in an old document's author field.
fn old_authors(old: &Corpus, d: DocIdx) -> impl Iterator<Item = EntIdx> + '_ {
    let from = old.authors.partition_point(|a| a.0 < d);
    old.authors[from..].iter().take_while(move |a| a.0 == d).map(|a| a.1)
}

fn read_folders(
    opts: &LoadOptions,
    corpus: &mut Corpus,
    progress: &(dyn Fn(Progress) + Sync),
    reuse: &Reuse<'_>,
) -> (Vec<Document>, Vec<Option<DocIdx>>) {
    let scan = crate::ingest::walk::scan(&opts.corpus, &opts.walk);
    corpus.problems.extend(scan.problems);
    corpus.stats.other_files = scan.skipped_other;
    let total = scan.files.len();
    let done = AtomicUsize::new(0);
    progress(Progress::Reading(0, total));
    let results: Vec<Taken> = scan
        .files
        .par_iter()
        .map(|path| {
            let (r, problems, from) = reuse(path).unwrap_or_else(|| {
                let mut problems = Vec::new();
                (source::read(path, &mut problems), problems, None)
            });
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if n.is_multiple_of(256) || n == total {
                progress(Progress::Reading(n, total));
            }
            (r, problems, from)
        })
        .collect();
    let mut docs = Vec::with_capacity(total);
    let mut old_of = Vec::with_capacity(total);
    corpus.files = Vec::with_capacity(total);
    for ((r, problems, from), path) in results.into_iter().zip(scan.files) {
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
                old_of.push(from);
            }
            Err(p) => {
                corpus.stats.skipped += 1;
                corpus.problems.push(p);
            }
        }
    }
    (docs, old_of)
}

/// The mentions in the documents `which` selects.
fn link_some(linker: &Linker, docs: &[Document], which: &(dyn Fn(DocIdx) -> bool + Sync)) -> Vec<Mention> {
    docs.par_iter()
        .enumerate()
        .filter(|(i, _)| which(*i))
        .flat_map_iter(|(i, d)| linker.link_with(i, &d.body, d.kind == DocKind::Transcript))
        .collect()
}

/// The mentions in every document: an unchanged one's (`old_of`) taken from `old`, with its
/// entities renumbered (`renumber`: each old entity's index now), the others linked.
fn relink(
    linker: &Linker,
    docs: &[Document],
    old: &Corpus,
    old_of: &[Option<DocIdx>],
    renumber: &[EntIdx],
) -> Vec<Mention> {
    docs.par_iter()
        .enumerate()
        .flat_map_iter(|(i, d)| {
            let kept = old_of.get(i).copied().flatten().and_then(|j| {
                let now = |e: EntIdx| renumber.get(e).copied().filter(|&e| e != usize::MAX);
                old.doc_mentions(j).iter().map(|m| Some(Mention::new(now(m.entity())?, i, m.span(), m.how))).collect()
            });
            // A mention of an entity gone: linked again (not expected, as it names the entity).
            kept.unwrap_or_else(|| linker.link_with(i, &d.body, d.kind == DocKind::Transcript))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, EntityKind, Origin};

    fn entity(name: &str) -> Entity {
        Entity::named(crate::text::ids::slug(name), EntityKind::Org, name.to_string(), Origin::Discovered)
    }

    fn prints(entities: &[Entity]) -> Vec<u64> {
        entities.iter().map(|e| fingerprint(std::slice::from_ref(e), 0, 0)).collect()
    }

    #[test]
    fn entities_are_matched_by_content_unless_their_order_can_change_a_match() {
        let then = [entity("Vertex Labs"), entity("Orbital Systems"), entity("Badger Inc")];
        let now = [entity("Badger Inc"), entity("Vertex Labs"), entity("Orbital Systems")];
        let none = |_: EntIdx| None;
        let same = |then: &[Entity], now: &[Entity]| match_entities(&prints(then), &prints(now), now, &none);
        assert_eq!(same(&then, &then), Some((vec![0, 1, 2], vec![])));
        assert_eq!(same(&then, &now), Some((vec![1, 2, 0], vec![])));
        // One entity more: the others renumbered, and a word of its name to look for.
        assert_eq!(same(&then[..2], &now), Some((vec![1, 2], vec!["Badger".to_string()])));
        // One gone: its name is looked for too (when the old model has it).
        let old = |i: EntIdx| then.get(i);
        let gone = match_entities(&prints(&then), &prints(&then[..2]), &then[..2], &old);
        assert_eq!(gone, Some((vec![0, 1, usize::MAX], vec!["Badger".to_string()])));
        assert_eq!(same(&then, &then[..2]), None, "without it, not");
        // Spellings alike in lower case but not in ASCII case: the matcher searches the first
        // one's, so an order change is refused; alike in ASCII case, it is not.
        let then = [entity("Ölwerk"), entity("ölwerk"), entity("Vertex Labs")];
        let now = [entity("ölwerk"), entity("Ölwerk"), entity("Vertex Labs")];
        assert_eq!(same(&then, &now), None);
        assert_eq!(same(&then[1..], &now), None, "one that came has such a spelling");
        let then = [entity("Oelwerk"), entity("OELWERK"), entity("Vertex Labs")];
        let now = [entity("OELWERK"), entity("Oelwerk"), entity("Vertex Labs")];
        assert_eq!(same(&then, &now), Some((vec![1, 0, 2], vec![])));
    }
}
