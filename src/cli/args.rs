//! The raw command-line arguments, as clap parses them. [`crate::cli::settings`] resolves them.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::model::EntityKind;
use crate::shared::settings::Format;

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorWhen {
    /// When writing to a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// What `list` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ListWhat {
    /// Documents.
    #[default]
    Docs,
    /// People.
    People,
    /// Organisations.
    Orgs,
    /// Chips.
    Chips,
    /// AI models.
    Models,
    /// Services.
    Services,
    /// Chips, models and services.
    Portfolio,
    /// Every entity.
    Entities,
    /// Discovered names too unsure to be entities.
    Candidates,
}

/// What `catalog` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Subcommand)]
pub enum CatalogCommand {
    /// Print the path of the catalog file edits go to (it may not exist yet).
    Path,
}

fn parse_kind(s: &str) -> Result<EntityKind, String> {
    EntityKind::parse(s).ok_or_else(|| format!("`{s}` is not a kind; use person, org, chip, model or service"))
}

/// dossier: explore a folder of documents and the people, organisations and products they mention.
#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version,
    about,
    long_about = "Explore a folder of documents and the people, organisations and products they mention.\n\n\
                  With no command, opens the explorer (drawn on the terminal; what you pick with `p` is \
                  printed on stdout). Without --corpus, works on the bundled corpus about Amazon's AI \
                  organisation.",
    after_help = "Exit codes: 0 success, 1 nothing matched or found, 2 error, 130 cancelled.\n\
                  Examples:\n  dossier list people\n  dossier refs \"Andy Jassy\"\n  dossier search desantis\n  \
                  dossier --corpus ~/notes -o json | jq .name"
)]
pub struct Args {
    /// A folder or file to read (repeatable). Default: the config's `[defaults] corpus`, else the
    /// bundled corpus.
    #[arg(long, global = true, value_name = "PATH")]
    pub corpus: Vec<PathBuf>,

    /// A catalog file (default: dossier.toml at the corpus root; the bundled one for the bundled corpus).
    #[arg(long, global = true, value_name = "FILE")]
    pub catalog: Option<PathBuf>,

    /// Use no catalog: only front matter and discovery.
    #[arg(long, global = true, conflicts_with = "catalog")]
    pub no_catalog: bool,

    /// Do not discover names the catalog does not cover.
    #[arg(long, global = true)]
    pub no_discover: bool,

    /// How to print items [default: the config's `[defaults] output`, else id].
    #[arg(short = 'o', long, global = true, value_enum)]
    pub output: Option<Format>,

    /// End items with NUL instead of newline.
    #[arg(long, global = true)]
    pub print0: bool,

    /// When to use colour (`NO_COLOR` is honoured with auto).
    #[arg(long, global = true, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Print document text unchanged, control characters included (for pipes).
    #[arg(long, global = true)]
    pub raw: bool,

    /// Read only files matching this glob, or leave out those matching `!GLOB` (repeatable;
    /// as ripgrep's --glob, relative to the folder).
    #[arg(short = 'g', long = "glob", global = true, value_name = "GLOB")]
    pub globs: Vec<String>,

    /// Read only files of this type (repeatable; ripgrep's names: md, txt, rst, org, …).
    #[arg(long = "type", global = true, value_name = "TYPE")]
    pub types: Vec<String>,

    /// Read files that .gitignore and .ignore files exclude too.
    #[arg(long, global = true)]
    pub no_ignore: bool,

    /// Print no warnings or notes about the input on stderr (errors are still printed).
    #[arg(short = 'q', long, global = true)]
    pub quiet: bool,

    /// Do not read or write the caches (the linked model, and the summary `list` and `search` use).
    #[arg(long, global = true)]
    pub no_cache: bool,

    /// Filter mode, like fzf's: same as `dossier search QUERY`.
    #[arg(short = 'f', long = "filter", value_name = "QUERY")]
    pub filter: Option<String>,

    /// What to do; none opens the explorer.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List documents or entities, one per line.
    List {
        /// What to list.
        #[arg(value_enum, default_value_t)]
        what: ListWhat,
    },
    /// Show an entity's card or a document's metadata and text.
    Show {
        /// An id, a name or an alias.
        item: String,
    },
    /// Search everything with the jump's matcher (fzf syntax, @kind filters), best first.
    Search {
        /// The query.
        query: String,
        /// Only items of this kind: doc, person, org, chip, model, service, portfolio.
        #[arg(long = "kind", value_name = "KIND")]
        kind: Option<String>,
        /// At most this many results.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// Full-text search through an index kept in the cache, best documents first:
    /// `path:line:column:text` for each line with hits. Words must all occur; "exact phrase",
    /// `a OR b`, `-word` (leave out), `pre*` (prefix), `@person:andy-jassy` (documents that
    /// mention that entity).
    Find {
        /// The query (it may start with `-`).
        #[arg(allow_hyphen_values = true)]
        query: String,
        /// At most this many documents.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Use the index as it is, without checking the files for changes (faster on large
        /// folders; misses edits made since the last `find` or explorer search).
        #[arg(long)]
        no_update: bool,
    },
    /// Search the full text of every document: `id:line: text`.
    Grep {
        /// A regular expression (smart case: case-sensitive when it has an uppercase letter).
        pattern: String,
        /// Take the pattern as a plain string.
        #[arg(short = 'F', long)]
        fixed_strings: bool,
        /// Ignore case.
        #[arg(short = 'i', long)]
        ignore_case: bool,
        /// Print only the files that match.
        #[arg(short = 'l', long, conflicts_with_all = ["count", "context"])]
        files_with_matches: bool,
        /// Print each matching file with its number of matching lines.
        #[arg(short = 'c', long, conflicts_with = "context")]
        count: bool,
        /// Print N lines of context around each match (`path-line-text`, groups apart with `--`).
        #[arg(short = 'C', long, value_name = "N")]
        context: Option<usize>,
    },
    /// Cross-references: the documents mentioning an entity, or the entities a document mentions.
    Refs {
        /// An id, a name or an alias.
        item: String,
        /// For an entity, list related entities (facts and co-mentions) instead of documents.
        #[arg(long)]
        related: bool,
    },
    /// Validate corpus and catalog; exits 1 when there are errors.
    Check,
    /// Print ready-to-paste catalog entries for discovered names (and, commented out, candidates).
    Suggest,
    /// Print the whole model as one JSON document.
    Export,
    /// Dated facts, documents and dates in the text, in order; contradictions flagged.
    Timeline,
    /// Who leads what, who reports to whom and what is part of what, as a tree, with
    /// departures and successors marked; `-o json` gives each edge with its quote.
    Chart {
        /// Only what is connected to this entity (an id, a name or an alias).
        item: Option<String>,
    },
    /// Make a name an entity of a kind: a candidate, or any name the documents use.
    Promote {
        /// The name, as the documents write it.
        name: String,
        /// person, org, chip, model or service.
        #[arg(long, value_parser = parse_kind)]
        kind: EntityKind,
    },
    /// Reject an entity or a candidate: it leaves every list and is not found again.
    Reject {
        /// An id, a name or an alias (or a candidate's name).
        item: String,
    },
    /// Merge an entity into another: its mentions move, its names become aliases.
    Merge {
        /// The entity merged away.
        item: String,
        /// The entity kept.
        #[arg(long, value_name = "ITEM")]
        into: String,
    },
    /// Add another name an entity goes by.
    Alias {
        /// The entity.
        item: String,
        /// The new alias.
        alias: String,
    },
    /// Rename an entity (the old name stays as an alias, so its mentions still link).
    Rename {
        /// The entity.
        item: String,
        /// The new name.
        name: String,
    },
    /// Change an entity's kind.
    Kind {
        /// The entity.
        item: String,
        /// person, org, chip, model or service.
        #[arg(value_parser = parse_kind)]
        kind: EntityKind,
    },
    /// The catalog: `dossier catalog path` prints the file edits go to.
    Catalog {
        /// What to do.
        #[command(subcommand)]
        what: CatalogCommand,
    },
    /// The config file (keys, colours, default options): print the default file, where it is
    /// read from, or check it.
    #[command(group(clap::ArgGroup::new("what").required(true).args(["default", "path", "check"])))]
    Config {
        /// Print the commented default file (every action with its keys, every colour).
        #[arg(long)]
        default: bool,
        /// Print where the config file is read from (it may not exist).
        #[arg(long)]
        path: bool,
        /// Check the config file: exit 1 with the first mistake, at its line and column.
        #[arg(long)]
        check: bool,
    },
    /// Print shell completions.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}
