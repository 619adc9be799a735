//! dossier: a keyboard-driven terminal explorer for a folder of documents and the people,
//! organisations and products they mention.
//!
//! The crate is built in layers; each imports only from the layers above it in this list
//! (`tests/layers.rs` checks it):
//!
//! 1. [`text`]: helpers on plain strings (dates, sanitising, quotes, ids, spans);
//! 2. [`model`]: documents, entities, mentions, facts, problems, items;
//! 3. [`ingest`]: walking folders, reading files, front matter, titles;
//! 4. [`recognize`]: the catalog, the linker and discovery of names no catalog covers;
//! 5. [`corpus`]: the load pipeline and the indexed model it produces;
//! 6. [`analysis`]: cross-references, the timeline, cards, export, summary rows;
//! 7. [`search`]: queries, the fuzzy matcher, item search and the jump's narrowing;
//! 8. [`shared`]: what both front ends use: settings, exit codes, output, the cache;
//! 9. [`tui`], the explorer, and [`cli`], the command line (which opens the explorer).
//!
//! Nothing below [`shared`] knows about the terminal, stdout or the environment.

pub mod analysis;
pub mod cli;
pub mod corpus;
pub mod ingest;
pub mod model;
pub mod recognize;
pub mod search;
pub mod shared;
pub mod text;
pub mod tui;

pub use corpus::{Corpus, LoadOptions};
