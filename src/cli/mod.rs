//! The command line: arguments resolved into settings, and the non-interactive commands.

pub mod args;
mod card;
mod commands;
pub mod output;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

pub use args::{Args, ColorWhen, Command, Format, ListWhat};

use crate::corpus::{CatalogChoice, Corpus, LoadOptions};

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

/// Settings resolved from the arguments and the environment.
#[derive(Debug, Clone)]
pub struct Settings {
    /// What to load.
    pub load: LoadOptions,
    /// How to print items.
    pub format: Format,
    /// NUL-terminated records.
    pub print0: bool,
    /// Colour for the explorer (the terminal) and for stdout.
    pub color_tty: bool,
    /// Colour on stdout.
    pub color_stdout: bool,
    /// Pass document text through unchanged.
    pub raw: bool,
}

impl Settings {
    /// Resolves arguments: the catalog choice, and colour from `--color`, `NO_COLOR` and
    /// whether stdout is a terminal.
    #[must_use]
    pub fn from_args(args: &Args) -> Self {
        let catalog = match (&args.catalog, args.no_catalog) {
            (_, true) => CatalogChoice::None,
            (Some(p), false) => CatalogChoice::File(p.clone()),
            (None, false) => CatalogChoice::Auto,
        };
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let (color_tty, color_stdout) = match args.color {
            ColorWhen::Always => (true, true),
            ColorWhen::Never => (false, false),
            ColorWhen::Auto => (!no_color, !no_color && std::io::stdout().is_terminal()),
        };
        Self {
            load: LoadOptions { corpus: args.corpus.clone(), catalog, discover: !args.no_discover },
            format: args.output,
            print0: args.print0,
            color_tty,
            color_stdout,
            raw: args.raw,
        }
    }
}

/// Runs a non-interactive command; prints results on stdout and problems on stderr.
pub fn run_command(command: &Command, settings: &Settings) -> anyhow::Result<Exit> {
    if let Command::Completions { shell } = command {
        let mut cmd = <Args as clap::CommandFactory>::command();
        clap_complete::generate(*shell, &mut cmd, "dossier", &mut std::io::stdout());
        return Ok(Exit::Ok);
    }
    let corpus = Corpus::load(&settings.load, &|_| {});
    let stdout = std::io::stdout().lock();
    let mut out = output::Out::new(std::io::BufWriter::new(stdout), settings.print0);
    if let Command::Check = command {
        let code = commands::check(&corpus, &mut out)?;
        out.finish()?;
        return Ok(code);
    }
    report_problems_brief(&corpus);
    if corpus.catalog_failed {
        anyhow::bail!(
            "the catalog {} has errors (listed above); fix them or run with --no-catalog",
            corpus.catalog_path.as_deref().map(PathBuf::from).unwrap_or_default().display()
        );
    }
    if corpus.docs.is_empty() && !settings.load.corpus.is_empty() {
        anyhow::bail!("no documents (.txt, .md, .markdown) found in {}", paths(&settings.load.corpus));
    }
    let code = commands::run(command, &corpus, settings, &mut out)?;
    out.finish()?;
    Ok(code)
}

fn paths(p: &[PathBuf]) -> String {
    p.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
}

/// Problems on stderr for commands other than `check`: warnings and errors each on a line,
/// notes counted.
fn report_problems_brief(corpus: &Corpus) {
    let mut err = std::io::stderr().lock();
    let mut notes = 0;
    for p in &corpus.problems {
        if p.severity == crate::model::Severity::Note {
            notes += 1;
        } else {
            let _ = writeln!(err, "dossier: {p}");
        }
    }
    if notes > 0 {
        let _ = writeln!(err, "dossier: {notes} more notes; `dossier check` lists them");
    }
}
