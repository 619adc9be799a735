//! What both front ends use: settings, the user's config file, exit codes, the output writer,
//! the summary cache, where dossier keeps its files, and edits to the catalog.

pub mod cache;
pub mod config;
pub mod curate;
pub mod error;
pub mod output;
pub mod places;
pub mod settings;
