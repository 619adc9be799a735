//! What both front ends use: settings, exit codes, the output writer, the summary cache.

pub mod cache;
pub mod error;
pub mod output;
pub mod settings;
