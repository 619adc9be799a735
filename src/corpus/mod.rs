//! The loaded corpus: documents read, catalog applied, entities linked, facts resolved.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::ingest::source;
use crate::model::{
    DocIdx, DocKind, Document, EntIdx, Entity, EntityKind, Fact, FactObject, MatchRule, Mention, Origin, Problem,
    Severity,
};
use crate::recognize::catalog::Catalog;
use crate::recognize::discover;
use crate::recognize::link::Linker;
use crate::text::date::PartialDate;
use crate::text::quote;

/// Which catalog to use.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CatalogChoice {
    /// The bundled catalog for the bundled corpus; `dossier.toml` at the first folder's root otherwise.
    Auto,
    /// This file.
    File(PathBuf),
    /// None: only front matter and discovery.
    None,
}

/// What to load.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Folders or files; empty for the bundled corpus.
    pub corpus: Vec<PathBuf>,
    /// The catalog.
    pub catalog: CatalogChoice,
    /// Find names no catalog covers.
    pub discover: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self { corpus: Vec::new(), catalog: CatalogChoice::Auto, discover: true }
    }
}

/// How far loading has got, for a progress indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Walking folders.
    Scanning,
    /// Documents read so far of the total found.
    Reading(usize, usize),
    /// Linking mentions.
    Linking,
}

/// Counts of what was loaded and skipped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LoadStats {
    /// Documents loaded.
    pub loaded: usize,
    /// Document files skipped (binary, empty, unreadable).
    pub skipped: usize,
    /// Files of other types, not read.
    pub other_files: usize,
}

/// The whole model.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Documents, in load order.
    pub docs: Vec<Document>,
    /// Entities: catalog first, then front matter, then discovered.
    pub entities: Vec<Entity>,
    /// Every mention, sorted by document and position.
    pub mentions: Vec<Mention>,
    /// Facts with resolved quotes.
    pub facts: Vec<Fact>,
    /// Discovered names too unsure to be entities.
    pub candidates: Vec<discover::Candidate>,
    /// Everything wrong with the input.
    pub problems: Vec<Problem>,
    /// What was loaded and skipped.
    pub stats: LoadStats,
    /// Whether the catalog had errors (then no catalog is applied).
    pub catalog_failed: bool,
    /// The catalog file used, if any.
    pub catalog_path: Option<PathBuf>,
    /// Entities named in a document's `author` field: (document, entity).
    pub authors: Vec<(DocIdx, EntIdx)>,
    doc_mentions: Vec<Range<usize>>,
    entity_mentions: Vec<Vec<usize>>,
    doc_by_id: HashMap<String, DocIdx>,
    entity_by_id: HashMap<String, EntIdx>,
    children: Vec<Vec<EntIdx>>,
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
        let mut corpus = Self::default();
        progress(Progress::Scanning);
        let t = Timer::start();
        let mut docs = if opts.corpus.is_empty() {
            read_bundled(&mut corpus)
        } else {
            read_folders(&opts.corpus, &mut corpus, progress)
        };
        t.lap("read and parse documents");
        source::dedupe_ids(&mut docs);
        corpus.docs = docs;
        corpus.stats.loaded = corpus.docs.len();
        preview(corpus.preview());
        let catalog = corpus.choose_catalog(opts);
        progress(Progress::Linking);
        corpus.build(catalog.as_ref(), opts.discover);
        corpus
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
        let mut docs = if opts.corpus.is_empty() {
            read_bundled(&mut corpus)
        } else {
            read_folders(&opts.corpus, &mut corpus, &|_| {})
        };
        source::dedupe_ids(&mut docs);
        corpus.docs = docs;
        corpus.stats.loaded = corpus.docs.len();
        corpus.set_mentions(Vec::new());
        corpus
    }

    /// A corpus from documents already read (tests, generators), with an optional catalog.
    #[must_use]
    pub fn from_documents(docs: Vec<Document>, catalog: Option<&Catalog>, discover: bool) -> Self {
        let mut corpus = Self { docs, ..Self::default() };
        source::dedupe_ids(&mut corpus.docs);
        corpus.stats.loaded = corpus.docs.len();
        corpus.build(catalog, discover);
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

    fn build(&mut self, catalog: Option<&Catalog>, discover: bool) {
        if let Some(cat) = catalog {
            self.apply_overrides(cat);
            self.add_catalog_entities(cat);
        }
        self.add_front_matter_entities();
        let t = Timer::start();
        let mut linker = Linker::new(&self.entities);
        let mut mentions = link_all(&linker, &self.docs);
        t.lap("link");
        if discover {
            let found = discover::discover(&self.docs, &self.entities, &mentions);
            t.lap("discover");
            if !found.entities.is_empty() {
                self.entities.extend(found.entities);
                linker = Linker::new(&self.entities);
                mentions = link_all(&linker, &self.docs);
                t.lap("link again with discovered names");
            }
            self.candidates = found.candidates;
        }
        self.set_mentions(mentions);
        t.lap("index mentions");
        self.authors = (0..self.docs.len())
            .flat_map(|d| {
                let author = self.docs[d].author.as_deref().unwrap_or("");
                linker.link(d, author).into_iter().map(move |m| (d, m.entity()))
            })
            .collect();
        if let Some(cat) = catalog {
            self.add_facts(cat);
        }
    }

    fn apply_overrides(&mut self, cat: &Catalog) {
        let by_id: HashMap<String, DocIdx> = self.docs.iter().enumerate().map(|(i, d)| (d.id.clone(), i)).collect();
        for o in &cat.documents {
            let Some(&i) = by_id.get(o.id.get_ref()) else {
                let mut p = cat.problem_at(&o.id, format!("document `{}` is not in the corpus", o.id.get_ref()));
                p.severity = Severity::Warning;
                self.problems.push(p);
                continue;
            };
            let d = &mut self.docs[i];
            if let Some(t) = &o.title {
                d.title.clone_from(t);
            }
            if let Some(date) = o.date.as_deref().and_then(PartialDate::parse) {
                d.date = Some(date);
            }
            if let Some(k) = o.kind {
                d.kind = k;
            }
            if let Some(a) = &o.author {
                d.author = Some(a.clone());
            }
        }
    }

    fn add_catalog_entities(&mut self, cat: &Catalog) {
        for e in &cat.entities {
            let mut aliases = e.aliases.clone();
            let mut alias_rules = BTreeMap::new();
            for r in &e.alias_rules {
                if !aliases.contains(&r.alias) {
                    aliases.push(r.alias.clone());
                }
                alias_rules.insert(
                    r.alias.clone(),
                    MatchRule { case_sensitive: r.case_sensitive, context: r.context.clone() },
                );
            }
            self.entities.push(Entity {
                id: e.id.get_ref().clone(),
                kind: e.kind,
                name: e.name.clone(),
                aliases,
                summary: e.summary.clone(),
                attributes: e.attributes.clone(),
                origin: Origin::Catalog,
                rule: MatchRule { case_sensitive: e.case_sensitive, context: e.context.clone() },
                alias_rules,
                parent: None,
            });
        }
        let ids: HashMap<String, EntIdx> = self.entities.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
        for (i, e) in cat.entities.iter().enumerate() {
            self.entities[i].parent = e.parent.as_ref().and_then(|p| ids.get(p.get_ref()).copied());
        }
    }

    fn add_front_matter_entities(&mut self) {
        let mut known: HashSet<String> =
            self.entities.iter().flat_map(|e| e.names().map(str::to_lowercase).collect::<Vec<_>>()).collect();
        let mut ids: HashSet<String> = self.entities.iter().map(|e| e.id.clone()).collect();
        let hints: Vec<(EntityKind, String)> = self.docs.iter().flat_map(|d| d.hints.iter().cloned()).collect();
        for (kind, name) in hints {
            let name = name.trim().to_string();
            if name.chars().count() < 2 || !known.insert(name.to_lowercase()) {
                continue;
            }
            let id = crate::text::ids::unique_id(&crate::text::ids::slug(&name), &mut ids);
            self.entities.push(Entity::named(id, kind, name, Origin::FrontMatter));
        }
    }

    fn add_facts(&mut self, cat: &Catalog) {
        for f in &cat.facts {
            let (Some(&subject), Some(&doc)) =
                (self.entity_by_id.get(f.subject.get_ref()), self.doc_by_id.get(f.doc.get_ref()))
            else {
                if !self.doc_by_id.contains_key(f.doc.get_ref()) {
                    self.problems.push(cat.problem_at(
                        &f.doc,
                        format!("fact cites document `{}`, which is not in the corpus", f.doc.get_ref()),
                    ));
                }
                continue;
            };
            let quote_span = quote::find(&self.docs[doc].body, f.quote.get_ref());
            if quote_span.is_none() {
                self.problems.push(cat.problem_at(
                    &f.quote,
                    format!("quote not found in {}: \"{}\"", f.doc.get_ref(), f.quote.get_ref()),
                ));
            }
            let object = self
                .entity_by_id
                .get(&f.object)
                .map_or_else(|| FactObject::Value(f.object.clone()), |&e| FactObject::Entity(e));
            self.facts.push(Fact {
                subject,
                predicate: f.predicate.clone(),
                object,
                value: f.value.clone(),
                date: f.date.as_deref().and_then(PartialDate::parse),
                doc,
                quote: f.quote.get_ref().clone(),
                quote_span,
                note: f.note.clone(),
                cumulative: f.cumulative,
            });
        }
    }

    fn set_mentions(&mut self, mut mentions: Vec<Mention>) {
        mentions.sort_by_key(|m| (m.doc(), m.span().start));
        self.doc_mentions = vec![0..0; self.docs.len()];
        self.entity_mentions = vec![Vec::new(); self.entities.len()];
        let mut start = 0;
        for (i, m) in mentions.iter().enumerate() {
            if i > 0 && mentions[i - 1].doc() != m.doc() {
                start = i;
            }
            self.doc_mentions[m.doc()] = start..i + 1;
            self.entity_mentions[m.entity()].push(i);
        }
        self.mentions = mentions;
        self.doc_by_id = self.docs.iter().enumerate().map(|(i, d)| (d.id.clone(), i)).collect();
        self.entity_by_id = self.entities.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
        self.children = vec![Vec::new(); self.entities.len()];
        for (i, e) in self.entities.iter().enumerate() {
            if let Some(p) = e.parent {
                self.children[p].push(i);
            }
        }
    }

    /// The mentions in one document, in order.
    #[must_use]
    pub fn doc_mentions(&self, doc: DocIdx) -> &[Mention] {
        self.doc_mentions.get(doc).map_or(&[], |r| &self.mentions[r.clone()])
    }

    /// The mentions of one entity (not its generations), by document and position.
    pub fn entity_mentions(&self, e: EntIdx) -> impl Iterator<Item = &Mention> + '_ {
        self.entity_mentions.get(e).into_iter().flatten().map(|&i| &self.mentions[i])
    }

    /// Documents whose author field names the entity.
    pub fn authored_by(&self, e: EntIdx) -> impl Iterator<Item = DocIdx> + '_ {
        self.authors.iter().filter(move |(_, a)| *a == e).map(|(d, _)| *d)
    }

    /// How many times an entity is mentioned.
    #[must_use]
    pub fn mention_count(&self, e: EntIdx) -> usize {
        self.entity_mentions.get(e).map_or(0, Vec::len)
    }

    /// Generations or members of an entity (Trainium → Trainium 2, Trainium 3).
    #[must_use]
    pub fn children(&self, e: EntIdx) -> &[EntIdx] {
        self.children.get(e).map_or(&[], Vec::as_slice)
    }

    /// A document by id.
    #[must_use]
    pub fn doc_by_id(&self, id: &str) -> Option<DocIdx> {
        self.doc_by_id.get(id).copied()
    }

    /// An entity by id.
    #[must_use]
    pub fn entity_by_id(&self, id: &str) -> Option<EntIdx> {
        self.entity_by_id.get(id).copied()
    }

    /// Entities of one kind, most mentioned first, then by name.
    #[must_use]
    pub fn entities_of(&self, kinds: &[EntityKind]) -> Vec<EntIdx> {
        let mut v: Vec<EntIdx> = (0..self.entities.len()).filter(|&e| kinds.contains(&self.entities[e].kind)).collect();
        v.sort_by_cached_key(|&e| pane_order(self.entities[e].kind, self.mention_count(e), &self.entities[e].name));
        v
    }

    /// Whether any problem is an error.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}

/// Prints how long each phase took, when `DOSSIER_TIMINGS` is set (for benchmarks).
struct Timer(Option<std::cell::Cell<std::time::Instant>>);

impl Timer {
    fn start() -> Self {
        Self(std::env::var_os("DOSSIER_TIMINGS").map(|_| std::cell::Cell::new(std::time::Instant::now())))
    }

    fn lap(&self, what: &str) {
        if let Some(c) = &self.0 {
            eprintln!("dossier: {what}: {:.1} ms", c.get().elapsed().as_secs_f64() * 1e3);
            c.set(std::time::Instant::now());
        }
    }
}

/// The order of entities in panes and in `dossier list`: by kind, most mentioned first, then
/// by name.
#[must_use]
pub fn pane_order(kind: EntityKind, mentions: usize, name: &str) -> (EntityKind, std::cmp::Reverse<usize>, String) {
    (kind, std::cmp::Reverse(mentions), name.to_string())
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

fn read_folders(roots: &[PathBuf], corpus: &mut Corpus, progress: &(dyn Fn(Progress) + Sync)) -> Vec<Document> {
    let scan = source::scan(roots);
    corpus.problems.extend(scan.problems);
    corpus.stats.other_files = scan.skipped_other;
    let total = scan.files.len();
    let done = AtomicUsize::new(0);
    progress(Progress::Reading(0, total));
    let results: Vec<(Result<Document, Problem>, Vec<Problem>)> = scan
        .files
        .par_iter()
        .map(|path| {
            let mut problems = Vec::new();
            let r = source::read(path, &mut problems);
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if n.is_multiple_of(256) || n == total {
                progress(Progress::Reading(n, total));
            }
            (r, problems)
        })
        .collect();
    let mut docs = Vec::with_capacity(total);
    for (r, problems) in results {
        corpus.problems.extend(problems);
        match r {
            Ok(d) => docs.push(d),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_corpus_loads_without_errors() {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        assert_eq!(c.docs.len(), 5);
        let errors: Vec<String> =
            c.problems.iter().filter(|p| p.severity == Severity::Error).map(ToString::to_string).collect();
        assert!(errors.is_empty(), "{errors:#?}");
        assert!(c.facts.iter().all(|f| f.quote_span.is_some()));
    }

    #[test]
    fn front_matter_hints_become_entities_unless_known() {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        assert!(c.entities.iter().all(|e| e.origin != Origin::FrontMatter), "every hint is in the catalog");
        let nc = Corpus::load(&LoadOptions { catalog: CatalogChoice::None, ..LoadOptions::default() }, &|_| {});
        let fm: Vec<&str> =
            nc.entities.iter().filter(|e| e.origin == Origin::FrontMatter).map(|e| e.name.as_str()).collect();
        assert!(fm.contains(&"Nvidia") && fm.contains(&"Make"), "{fm:?}");
    }
}

impl crate::model::Item {
    /// Its kind.
    #[must_use]
    pub fn kind(self, c: &Corpus) -> crate::model::ItemKind {
        match self {
            Self::Doc(_) => crate::model::ItemKind::Doc,
            Self::Entity(e) => crate::model::ItemKind::Entity(c.entities[e].kind),
        }
    }

    /// Its id.
    #[must_use]
    pub fn id(self, c: &Corpus) -> &str {
        match self {
            Self::Doc(d) => &c.docs[d].id,
            Self::Entity(e) => &c.entities[e].id,
        }
    }

    /// Its display name (a document's title).
    #[must_use]
    pub fn name(self, c: &Corpus) -> &str {
        match self {
            Self::Doc(d) => &c.docs[d].title,
            Self::Entity(e) => &c.entities[e].name,
        }
    }
}
