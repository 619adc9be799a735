//! Items: what panes list, the jump finds and `p` prints: a document, an entity, or a
//! candidate (a name discovery was unsure of).

use super::{DocIdx, EntIdx, EntityKind};

/// A document or an entity: what panes list, the jump finds, and `p` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Item {
    /// A document.
    Doc(DocIdx),
    /// An entity.
    Entity(EntIdx),
    /// A name discovery was unsure of (index into the corpus's candidates).
    Candidate(usize),
}

/// The kind of a searchable item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// A document.
    Doc,
    /// An entity of this kind.
    Entity(EntityKind),
    /// A candidate.
    Candidate,
}

impl ItemKind {
    /// `doc`, `person`, `org`, …
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Doc => "doc",
            Self::Entity(k) => k.as_str(),
            Self::Candidate => "candidate",
        }
    }

    /// Parses a kind filter name (without the `@`).
    #[must_use]
    pub fn parse_filter(s: &str) -> Option<Vec<Self>> {
        match s.to_ascii_lowercase().as_str() {
            "doc" | "docs" | "document" | "documents" => Some(vec![Self::Doc]),
            "portfolio" | "product" | "products" => Some(vec![
                Self::Entity(EntityKind::Chip),
                Self::Entity(EntityKind::Model),
                Self::Entity(EntityKind::Service),
            ]),
            "candidate" | "candidates" => Some(vec![Self::Candidate]),
            "entity" | "entities" => Some(EntityKind::ALL.iter().map(|&k| Self::Entity(k)).collect()),
            other => EntityKind::parse(other).map(|k| vec![Self::Entity(k)]),
        }
    }
}
