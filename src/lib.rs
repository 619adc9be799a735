//! dossier: a keyboard-driven terminal explorer for a folder of documents and the people,
//! organisations and products they mention.
//!
//! The model ([`corpus`], [`model`], [`link`], [`discover`], [`xref`], [`search`]) knows nothing
//! of the terminal; [`cli`] prints it for scripts and [`tui`] draws the explorer.

pub mod cache;
pub mod catalog;
pub mod cli;
pub mod corpus;
pub mod date;
pub mod discover;
pub mod export;
pub mod frontmatter;
pub mod link;
pub mod matcher;
pub mod model;
pub mod query;
pub mod quote;
pub mod sanitize;
pub mod search;
pub mod source;
pub mod summary;
pub mod timeline;
pub mod title;
pub mod tui;
pub mod xref;

pub use corpus::{Corpus, LoadOptions};
