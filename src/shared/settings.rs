//! Settings both front ends run with, resolved from the command line by [`crate::cli`], and the
//! exit codes they end with.

use clap::ValueEnum;

use crate::corpus::{LoadOptions, Progress};

/// fzf's exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success.
    Ok = 0,
    /// Nothing matched or found.
    NoMatch = 1,
    /// An error.
    Error = 2,
    /// Cancelled by the user (Ctrl-C).
    Cancelled = 130,
}

/// How items are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// The item's id.
    #[default]
    Id,
    /// The item's name (a document's title).
    Name,
    /// A document's path (an entity's id).
    Path,
    /// One JSON object per line.
    Json,
    /// Tab-separated: type, id, name, kind, path or mention count.
    Tsv,
}

/// Settings resolved from the arguments and the environment.
#[derive(Debug, Clone)]
pub struct Settings {
    /// What to load.
    pub load: LoadOptions,
    /// How to print items.
    pub format: Format,
    /// Whether the user chose the format (`-o`, or the config's default) rather than getting
    /// the default: `grep` prints paths unless ids were asked for.
    pub format_chosen: bool,
    /// NUL-terminated records.
    pub print0: bool,
    /// Colour for the explorer (the terminal) and for stdout.
    pub color_tty: bool,
    /// Colour on stdout.
    pub color_stdout: bool,
    /// Pass document text through unchanged.
    pub raw: bool,
    /// Print no warnings or notes about the input (`-q`).
    pub quiet: bool,
    /// Read and write the summary cache.
    pub use_cache: bool,
    /// Print how long each load phase took and what the cache did on stderr
    /// (`DOSSIER_TIMINGS`, for benchmarks).
    pub timings: bool,
}

impl Settings {
    /// What the command line does with load progress: with `timings`, each phase's time and
    /// the cache's decisions on stderr; nothing otherwise.
    pub fn progress(&self, p: Progress) {
        if let (true, Progress::Timed(what, took)) = (self.timings, p) {
            eprintln!("dossier: {what}: {:.1} ms", took.as_secs_f64() * 1e3);
        }
    }

    /// Reports what the cache did, with `timings`.
    pub fn trace(&self, what: &str) {
        if self.timings {
            eprintln!("dossier: {what}");
        }
    }
}
