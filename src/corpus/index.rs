//! The indexed queries on a loaded corpus: a document's mentions, an entity's, authors,
//! generations, ids; and the order of entities in panes.

use super::Corpus;
use crate::model::{DocIdx, EntIdx, EntityKind, Item, ItemKind, Mention};

impl Corpus {
    pub(super) fn set_mentions(&mut self, mut mentions: Vec<Mention>) {
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

    /// How many problems are warnings or errors (notes not counted).
    #[must_use]
    pub fn problem_count(&self) -> usize {
        self.problems.iter().filter(|p| p.severity != crate::model::Severity::Note).count()
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
}

/// The order of entities in panes and in `dossier list`: by kind, most mentioned first, then
/// by name.
#[must_use]
pub fn pane_order(kind: EntityKind, mentions: usize, name: &str) -> (EntityKind, std::cmp::Reverse<usize>, String) {
    (kind, std::cmp::Reverse(mentions), name.to_string())
}

impl Item {
    /// Its kind.
    #[must_use]
    pub fn kind(self, c: &Corpus) -> ItemKind {
        match self {
            Self::Doc(_) => ItemKind::Doc,
            Self::Entity(e) => ItemKind::Entity(c.entities[e].kind),
            Self::Candidate(_) => ItemKind::Candidate,
        }
    }

    /// Its id.
    #[must_use]
    pub fn id(self, c: &Corpus) -> &str {
        match self {
            Self::Doc(d) => &c.docs[d].id,
            Self::Entity(e) => &c.entities[e].id,
            Self::Candidate(i) => &c.candidates[i].name,
        }
    }

    /// Its display name (a document's title).
    #[must_use]
    pub fn name(self, c: &Corpus) -> &str {
        match self {
            Self::Doc(d) => &c.docs[d].title,
            Self::Entity(e) => &c.entities[e].name,
            Self::Candidate(i) => &c.candidates[i].name,
        }
    }
}
