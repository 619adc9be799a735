//! The loaded corpus: documents read, catalog applied, entities linked, facts resolved.
//!
//! [`load`] is the pipeline (read, apply the catalog, link, discover, link again), `apply`
//! turns a catalog and front matter into entities, facts and document overrides, and `index`
//! answers the indexed queries (a document's mentions, an entity's, ids).

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;

use crate::model::{DocIdx, Document, EntIdx, Entity, Fact, Mention, Problem};
use crate::recognize::discover;

mod apply;
mod index;
mod load;
mod snapshot;

pub use load::Trace;
pub use snapshot::Decoded;

pub use index::pane_order;

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
    /// Which files of the folders to read.
    pub walk: crate::ingest::walk::WalkOptions,
}

impl LoadOptions {
    /// These folders or files, with no catalog (discovery on).
    #[must_use]
    pub fn without_catalog(corpus: Vec<std::path::PathBuf>) -> Self {
        Self { corpus, catalog: CatalogChoice::None, ..Self::default() }
    }
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            corpus: Vec::new(),
            catalog: CatalogChoice::Auto,
            discover: true,
            walk: crate::ingest::walk::WalkOptions::default(),
        }
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
    /// A phase ended and took this long (for `DOSSIER_TIMINGS`; the front ends decide whether
    /// to print it).
    Timed(&'static str, std::time::Duration),
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
    /// Every file read, in reading order, and what came of it (for reading again only the
    /// files that changed).
    files: Vec<FileRead>,
    /// Documents whose id or metadata loading changed (a repeated stem, a catalog override),
    /// with their values as read.
    originals: HashMap<DocIdx, Original>,
    doc_mentions: Vec<Range<usize>>,
    entity_mentions: Vec<Vec<usize>>,
    doc_by_id: HashMap<String, DocIdx>,
    entity_by_id: HashMap<String, EntIdx>,
    children: Vec<Vec<EntIdx>>,
    /// What the build that made it kept for the next update (not part of the model).
    trace: Option<Box<Trace>>,
}

/// One file read from the folders: the problems reading it raised, and the document it became
/// (its index: documents are in the order of their files) or why it was skipped.
#[derive(Debug, Clone)]
struct FileRead {
    path: PathBuf,
    problems: Vec<Problem>,
    outcome: Result<DocIdx, Problem>,
}

/// A document's id and metadata as read from its file, before ids were made unique and the
/// catalog's overrides applied.
#[derive(Debug, Clone, PartialEq)]
struct Original {
    id: String,
    title: String,
    date: Option<crate::text::date::PartialDate>,
    kind: crate::model::DocKind,
    author: Option<String>,
}

impl Original {
    fn of(d: &Document) -> Self {
        Self { id: d.id.clone(), title: d.title.clone(), date: d.date, kind: d.kind, author: d.author.clone() }
    }

    fn restore(&self, d: &mut Document) {
        d.id.clone_from(&self.id);
        d.title.clone_from(&self.title);
        d.date = self.date;
        d.kind = self.kind;
        d.author.clone_from(&self.author);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Origin, Severity};

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
