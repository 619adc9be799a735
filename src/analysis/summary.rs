//! One row per document and entity, with everything `list`, `search` and item output need:
//! built from a loaded corpus, or read back from the cache without loading it.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::corpus::{Corpus, LoadStats};
use crate::model::Item;
use crate::model::ItemKind;
use crate::model::{EntityKind, Severity};
use crate::recognize::discover::Candidate;

/// What is printed for one document or entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// A document (else an entity).
    pub is_doc: bool,
    /// Id.
    pub id: String,
    /// Name, or a document's title.
    pub name: String,
    /// `doc`, or the entity's kind.
    pub kind: String,
    /// A document's path.
    pub path: Option<String>,
    /// A document's date.
    pub date: Option<String>,
    /// A document's author.
    pub author: Option<String>,
    /// A document's kind (article, transcript, note).
    pub doc_kind: Option<String>,
    /// An entity's aliases.
    pub aliases: Vec<String>,
    /// An entity's origin.
    pub origin: Option<String>,
    /// Mentions (in the document, or of the entity).
    pub mentions: usize,
    /// Documents mentioning the entity.
    pub documents: usize,
}

impl Row {
    /// The row of one item of a corpus.
    #[must_use]
    pub fn of(c: &Corpus, item: Item) -> Self {
        match item {
            Item::Doc(d) => {
                let doc = &c.docs[d];
                Self {
                    is_doc: true,
                    id: doc.id.clone(),
                    name: doc.title.clone(),
                    kind: "doc".into(),
                    path: Some(doc.path.to_string_lossy().into_owned()),
                    date: doc.date.map(|d| d.to_string()),
                    author: doc.author.clone(),
                    doc_kind: Some(doc.kind.to_string()),
                    aliases: Vec::new(),
                    origin: None,
                    mentions: c.doc_mentions(d).len(),
                    documents: 0,
                }
            }
            Item::Entity(e) => {
                let ent = &c.entities[e];
                Self {
                    is_doc: false,
                    id: ent.id.clone(),
                    name: ent.name.clone(),
                    kind: ent.kind.as_str().into(),
                    path: None,
                    date: None,
                    author: None,
                    doc_kind: None,
                    aliases: ent.aliases.clone(),
                    origin: Some(ent.origin.to_string()),
                    mentions: c.mention_count(e),
                    documents: crate::analysis::xref::doc_count(c, e),
                }
            }
            Item::Candidate(i) => {
                let k = &c.candidates[i];
                Self {
                    is_doc: false,
                    id: k.name.clone(),
                    name: k.name.clone(),
                    kind: "candidate".into(),
                    path: None,
                    date: None,
                    author: None,
                    doc_kind: None,
                    aliases: Vec::new(),
                    origin: None,
                    mentions: k.count,
                    documents: k.docs.len(),
                }
            }
        }
    }

    /// The kind, for `@kind` filters.
    #[must_use]
    pub fn item_kind(&self) -> ItemKind {
        if self.is_doc {
            ItemKind::Doc
        } else {
            EntityKind::parse(&self.kind)
                .map_or(if self.kind == "candidate" { ItemKind::Candidate } else { ItemKind::Doc }, ItemKind::Entity)
        }
    }

    /// One JSON object: `type`, `id`, `name`, `kind`, and `path`, `date`, `author` for
    /// documents or `aliases`, `origin`, `mentions`, `documents` for entities.
    #[must_use]
    pub fn json(&self) -> serde_json::Value {
        if self.is_doc {
            json!({
                "type": "document", "id": self.id, "name": self.name, "kind": self.doc_kind, "path": self.path,
                "date": self.date, "author": self.author, "mentions": self.mentions,
            })
        } else {
            json!({
                "type": "entity", "id": self.id, "name": self.name, "kind": self.kind, "aliases": self.aliases,
                "origin": self.origin, "mentions": self.mentions, "documents": self.documents,
            })
        }
    }
}

/// Everything `list` and `search` print, for a whole corpus.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Summary {
    /// Documents in load order, then entities in corpus order.
    pub rows: Vec<Row>,
    /// Discovered names too unsure to be entities.
    pub candidates: Vec<Candidate>,
    /// What was loaded and skipped.
    pub stats: LoadStats,
    /// Problems with the input, as printed.
    pub problems: Vec<(Severity, String)>,
    /// The catalog had errors.
    pub catalog_failed: bool,
    /// The catalog file, if any.
    pub catalog_path: Option<String>,
}

impl Summary {
    /// The summary of a loaded corpus.
    #[must_use]
    pub fn of(c: &Corpus) -> Self {
        let items: Vec<Item> =
            (0..c.docs.len()).map(Item::Doc).chain((0..c.entities.len()).map(Item::Entity)).collect();
        Self {
            rows: items.par_iter().map(|&i| Row::of(c, i)).collect(),
            candidates: c.candidates.clone(),
            stats: c.stats,
            problems: c.problems.iter().map(|p| (p.severity, p.to_string())).collect(),
            catalog_failed: c.catalog_failed,
            catalog_path: c.catalog_path.as_ref().map(|p| p.display().to_string()),
        }
    }

    /// Entity rows of these kinds in pane order: by kind, most mentioned first, then by name.
    #[must_use]
    pub fn entities_of(&self, kinds: &[EntityKind]) -> Vec<&Row> {
        let mut v: Vec<(EntityKind, &Row)> = self
            .rows
            .iter()
            .filter(|r| !r.is_doc)
            .filter_map(|r| EntityKind::parse(&r.kind).filter(|k| kinds.contains(k)).map(|k| (k, r)))
            .collect();
        v.sort_by_cached_key(|(k, r)| crate::corpus::pane_order(*k, r.mentions, &r.name));
        v.into_iter().map(|(_, r)| r).collect()
    }
}
