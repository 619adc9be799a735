//! The curation commands: `promote`, `reject`, `merge`, `alias`, `rename`, `kind` and
//! `catalog path`. Each resolves its items in the loaded corpus, refuses with a reason (exit 2,
//! nothing written) or writes the catalog and says what it did on stderr.

use std::io::Write;
use std::path::Path;

use super::args::{CatalogCommand, Command};
use super::commands::resolve;
use crate::corpus::Corpus;
use crate::model::Item;
use crate::shared::curate::{seed_for, write_edit, Edit, Snapshot};
use crate::shared::error::{Error, Result};
use crate::shared::output::Out;
use crate::shared::settings::{Exit, Settings};

/// Whether a command edits the catalog (or names its file).
#[must_use]
pub fn is_curation(c: &Command) -> bool {
    matches!(
        c,
        Command::Promote { .. }
            | Command::Reject { .. }
            | Command::Merge { .. }
            | Command::Alias { .. }
            | Command::Rename { .. }
            | Command::Kind { .. }
            | Command::Catalog { .. }
    )
}

/// Runs a curation command.
pub fn run<W: Write>(command: &Command, settings: &Settings, out: &mut Out<W>) -> Result<Exit> {
    if let Some(missing) = settings.load.corpus.iter().find(|p| !p.exists()) {
        return Err(Error::msg(format!("{}: no such file or folder", missing.display())));
    }
    let target = crate::shared::places::edit_target(&settings.load).map_err(Error::msg)?;
    if let Command::Catalog { what: CatalogCommand::Path } = command {
        out.record(&target.display().to_string())?;
        return Ok(Exit::Ok);
    }
    // A catalog named with --catalog that does not exist yet is made by this edit.
    let mut load = settings.load.clone();
    if load.catalog == crate::corpus::CatalogChoice::File(target.clone()) && !target.exists() {
        load.catalog = crate::corpus::CatalogChoice::None;
    }
    let corpus = Corpus::load(&load, &|p| settings.progress(p));
    if corpus.catalog_failed {
        return Err(Error::msg(format!(
            "the catalog {} has errors; fix them before editing it",
            corpus.catalog_path.as_deref().map(Path::display).map(|d| d.to_string()).unwrap_or_default()
        )));
    }
    let entity = |text: &str| -> Result<Snapshot> {
        match resolve(&corpus, text) {
            Some(Item::Entity(e)) => Ok(Snapshot::of(&corpus, e)),
            Some(_) => Err(Error::msg(format!("\"{text}\" is a document, not an entity"))),
            None => Err(Error::msg(format!("no single entity is called \"{text}\" (see above)"))),
        }
    };
    let edit = match command {
        Command::Promote { name, kind } => Edit::Promote { name: name.clone(), kind: *kind },
        Command::Reject { item } => {
            let candidate = corpus.candidates.iter().find(|c| c.name.eq_ignore_ascii_case(item.trim()));
            let unknown =
                matches!(crate::search::lookup::lookup(&corpus, item), crate::search::lookup::Lookup::NotFound(_));
            if let (true, Some(c)) = (unknown, candidate) {
                Edit::Reject { name: c.name.clone(), entity: None }
            } else {
                let e = entity(item)?;
                Edit::Reject { name: e.name.clone(), entity: Some(e) }
            }
        }
        Command::Merge { item, into } => Edit::Merge { from: entity(item)?, into: entity(into)? },
        Command::Alias { item, alias } => Edit::Alias { entity: entity(item)?, alias: alias.clone() },
        Command::Rename { item, name } => Edit::Rename { entity: entity(item)?, name: name.clone() },
        Command::Kind { item, kind } => Edit::Kind { entity: entity(item)?, kind: *kind },
        _ => return Ok(Exit::Error),
    };
    edit.check(&corpus).map_err(Error::msg)?;
    let applied = write_edit(&target, seed_for(&settings.load), &edit).map_err(Error::msg)?;
    eprintln!("dossier: {} (in {})", applied.message, applied.path.display());
    Ok(Exit::Ok)
}
