//! What both front ends use: settings, the user's config file, exit codes, the output writer,
//! the summary cache, where dossier keeps its files, writing them safely, edits to the catalog,
//! and bookmarks.

pub mod bookmarks;
pub mod cache;
pub mod config;
pub mod curate;
pub mod error;
pub mod files;
pub mod output;
pub mod places;
pub mod settings;
pub mod textindex;
