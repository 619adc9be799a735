//! The command line: arguments resolved into settings, and the non-interactive commands.

pub mod args;
mod card;
mod commands;
pub mod curate;
mod find;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

pub use crate::shared::settings::{Exit, Format, Settings};
pub use args::{Args, ColorWhen, Command, ListWhat};

use crate::corpus::{CatalogChoice, Corpus, LoadOptions};
use crate::ingest::walk::WalkOptions;
use crate::model::Severity;
use crate::shared::config::{Config, ConfigError};
use crate::shared::error::Error;

/// Reads the user's config file and checks its keys as the explorer will read them.
pub fn load_config() -> Result<Config, ConfigError> {
    let config = crate::shared::config::load()?;
    crate::tui::keymap::Keymap::from_config(&config)?;
    Ok(config)
}

/// Resolves arguments over the config's defaults (a flag always wins): the corpus, the output
/// format, the catalog choice, and colour from `--color`, `NO_COLOR` and whether stdout is a
/// terminal.
#[must_use]
pub fn settings(args: &Args, config: &Config) -> Settings {
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
    let mut load = LoadOptions {
        corpus: if args.corpus.is_empty() { config.defaults.corpus.clone() } else { args.corpus.clone() },
        catalog,
        discover: !args.no_discover,
        walk: WalkOptions { globs: args.globs.clone(), types: args.types.clone(), no_ignore: args.no_ignore },
    };
    // A folder with no dossier.toml uses the catalog its edits made in the data folder.
    load.catalog = crate::shared::places::resolve_catalog(&load);
    Settings {
        load,
        format: args.output.or(config.defaults.output).unwrap_or_default(),
        format_chosen: args.output.or(config.defaults.output).is_some(),
        print0: args.print0,
        color_tty,
        color_stdout,
        raw: args.raw,
        quiet: args.quiet,
        use_cache: !args.no_cache,
        timings: std::env::var_os("DOSSIER_TIMINGS").is_some(),
    }
}

/// `dossier config`: the default file, the path, or a check of the file (exit 1 with its first
/// mistake).
pub fn config_command(
    default: bool,
    path: bool,
    config: &Result<Config, ConfigError>,
) -> crate::shared::error::Result<Exit> {
    let mut out = crate::shared::output::Out::new(std::io::stdout().lock(), false);
    let file = crate::shared::config::path();
    let shown = file
        .as_ref()
        .map_or_else(|| "(no config folder: set $XDG_CONFIG_HOME or $HOME)".into(), |p| p.display().to_string());
    let code = if default {
        out.text(&crate::tui::keymap::default_file())?;
        Exit::Ok
    } else if path {
        out.text(&format!("{shown}\n"))?;
        Exit::Ok
    } else {
        match config {
            Ok(_) if file.as_ref().is_some_and(|p| p.is_file()) => {
                out.text(&format!("{shown}: ok\n"))?;
                Exit::Ok
            }
            Ok(_) => {
                out.text(&format!("{shown}: no such file; the defaults are in use\n"))?;
                Exit::Ok
            }
            Err(e) => {
                eprintln!("error: {e}");
                Exit::NoMatch
            }
        }
    };
    out.finish()?;
    Ok(code)
}

/// Runs a non-interactive command; prints results on stdout and problems on stderr.
pub fn run_command(command: &Command, settings: &Settings) -> crate::shared::error::Result<Exit> {
    if let Command::Config { default, path, .. } = command {
        return config_command(*default, *path, &load_config());
    }
    if let Command::Completions { shell } = command {
        // Generated into memory, then written like any output: a closed pipe ends quietly.
        let mut cmd = <Args as clap::CommandFactory>::command();
        let mut script = Vec::new();
        clap_complete::generate(*shell, &mut cmd, "dossier", &mut script);
        let mut out = crate::shared::output::Out::new(std::io::stdout().lock(), false);
        out.text(&String::from_utf8_lossy(&script))?;
        out.finish()?;
        return Ok(Exit::Ok);
    }
    let stdout = std::io::stdout().lock();
    let mut out = crate::shared::output::Out::new(std::io::BufWriter::new(stdout), settings.print0);
    let code = match command {
        c if curate::is_curation(c) => curate::run(c, settings, &mut out)?,
        // The prepared item list, from the cache when it is valid: rows are read only for hits.
        Command::Search { query, kind, limit } => {
            let Some((found, source)) =
                crate::shared::cache::for_search(&settings.load, settings.use_cache, &|p| settings.progress(p), &|t| {
                    settings.trace(t);
                })
            else {
                return Err(crate::shared::error::Error::msg("the items could not be prepared for search"));
            };
            summary_usable(&found.head, source, settings)?;
            let code = commands::search(&found.list, query, kind.as_deref(), *limit, settings, &mut out)?;
            // The process ends next: the list is left to it.
            std::mem::forget(found);
            code
        }
        // These need only one row per item: from the cache when it is valid.
        Command::List { .. } => {
            let (summary, source) =
                crate::shared::cache::summary(&settings.load, settings.use_cache, &|p| settings.progress(p), &|t| {
                    settings.trace(t);
                });
            summary_usable(&summary, source, settings)?;
            let code = commands::run_on_summary(command, &summary, settings, &mut out)?;
            // The process ends next: 100,000 rows are left to it rather than freed one by one.
            std::mem::forget(summary);
            code
        }
        // The index answers; the corpus is loaded only for an entity filter.
        Command::Find { query, limit, no_update } => find::run(query, *limit, !*no_update, settings, &mut out)?,
        // Full text needs only the documents.
        Command::Grep { .. } => {
            let corpus = Corpus::load_documents(&settings.load);
            report_corpus_problems(&corpus, settings.quiet);
            usable(false, None, corpus.stats.loaded, settings)?;
            commands::run(command, &corpus, settings, &mut out)?
        }
        Command::Check => {
            let corpus = Corpus::load(&settings.load, &|p| settings.progress(p));
            let code = commands::check(&corpus, &mut out)?;
            // A folder with no documents is an error for `check` as for every command.
            usable(false, None, corpus.stats.loaded, settings)?;
            code
        }
        // The linked model: from the model cache once the files are checked.
        _ => {
            let (corpus, _) =
                crate::shared::cache::model(&settings.load, settings.use_cache, &|p| settings.progress(p), &|t| {
                    settings.trace(t);
                });
            report_corpus_problems(&corpus, settings.quiet);
            let catalog = corpus.catalog_path.as_ref().map(|p| p.display().to_string());
            usable(corpus.catalog_failed, catalog.as_deref(), corpus.stats.loaded, settings)?;
            commands::run(command, &corpus, settings, &mut out)?
        }
    };
    out.finish()?;
    Ok(code)
}

/// Reports a summary's problems (shown in full when the folder was read; a cached call only
/// counts them) and refuses it as [`usable`] does.
fn summary_usable(
    summary: &crate::analysis::summary::Summary,
    source: crate::shared::cache::Source,
    settings: &Settings,
) -> crate::shared::error::Result<()> {
    let problems = summary.problems.iter().map(|(s, p)| (*s, p.as_str()));
    if source == crate::shared::cache::Source::Cache {
        report_problems_counted(problems, settings.quiet);
    } else {
        report_problems_brief(problems, settings.quiet);
    }
    usable(summary.catalog_failed, summary.catalog_path.as_deref(), summary.stats.loaded, settings)
}

/// Refuses a corpus whose catalog is broken, or a folder with no documents.
fn usable(
    catalog_failed: bool,
    catalog: Option<&str>,
    loaded: usize,
    settings: &Settings,
) -> crate::shared::error::Result<()> {
    if catalog_failed {
        return Err(Error::msg(format!(
            "the catalog {} has errors (listed above); fix them or run with --no-catalog",
            catalog.unwrap_or_default()
        )));
    }
    if loaded == 0 && !settings.load.corpus.is_empty() {
        return Err(Error::msg(format!("no documents (text files) found in {}", paths(&settings.load.corpus))));
    }
    Ok(())
}

fn paths(p: &[PathBuf]) -> String {
    p.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
}

fn report_corpus_problems(corpus: &Corpus, quiet: bool) {
    let lines: Vec<(Severity, String)> = corpus.problems.iter().map(|p| (p.severity, p.to_string())).collect();
    report_problems_brief(lines.iter().map(|(s, p)| (*s, p.as_str())), quiet);
}

/// Problems on stderr for commands other than `check`: errors each on a line; warnings too
/// unless `quiet`; notes counted unless `quiet`.
fn report_problems_brief<'a>(problems: impl Iterator<Item = (Severity, &'a str)>, quiet: bool) {
    let mut err = std::io::stderr().lock();
    let mut notes = 0;
    for (severity, line) in problems {
        match severity {
            Severity::Note => notes += 1,
            Severity::Warning if quiet => {}
            Severity::Warning | Severity::Error => {
                let _ = writeln!(err, "dossier: {line}");
            }
        }
    }
    if notes > 0 && !quiet {
        let _ = writeln!(
            err,
            "dossier: {}; `dossier check` lists them",
            crate::analysis::card::count(notes, "more note", "more notes")
        );
    }
}

/// Problems on stderr for a call answered from the cache: they were printed when the folder
/// was read, so errors are printed again (they still matter) and the rest only counted.
fn report_problems_counted<'a>(problems: impl Iterator<Item = (Severity, &'a str)>, quiet: bool) {
    let mut err = std::io::stderr().lock();
    let mut others = 0;
    for (severity, line) in problems {
        if severity == Severity::Error {
            let _ = writeln!(err, "dossier: {line}");
        } else {
            others += 1;
        }
    }
    if others > 0 && !quiet {
        let what = crate::analysis::card::count(others, "problem", "problems");
        let _ = writeln!(err, "dossier: {what} with the input, reported when it was read; `dossier check` lists them");
    }
}
