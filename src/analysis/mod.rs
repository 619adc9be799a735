//! What is computed from a loaded corpus: cross-references, the timeline and contradictions,
//! the relation chart,
//! cards, export, and the summary rows that `list` prints.

pub mod card;
pub mod chart;
pub mod export;
pub mod summary;
pub mod timeline;
pub mod xref;
