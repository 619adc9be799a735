//! The user's corrections, written to the catalog: promote a name to an entity, reject an
//! entity or candidate, merge one entity into another, add an alias, change a kind, rename.
//!
//! Each edit is checked against the loaded corpus ([`Edit::check`]), applied to the catalog's
//! text with `toml_edit` (comments, order and formatting kept; [`apply_to_text`]), validated by
//! parsing the result as a catalog, and written atomically (a temporary file renamed over the
//! old one) under an exclusive lock, re-reading the file first, so two processes editing the
//! same catalog never lose an edit ([`write_edit`]). [`undo`] puts the previous text back.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use toml_edit::{value, Array, ArrayOfTables, DocumentMut, Item, Table};

use crate::corpus::Corpus;
use crate::model::{EntIdx, EntityKind, Origin};
use crate::recognize::catalog::Catalog;
use crate::shared::files::{write_atomic, Lock};

/// What the catalog must know of an entity to write it.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Its id.
    pub id: String,
    /// Its kind.
    pub kind: EntityKind,
    /// Its name.
    pub name: String,
    /// Its other names.
    pub aliases: Vec<String>,
    /// The rest of what the corpus knows of it (from the gazetteer, say), written with it when
    /// it gets a catalog entry so that nothing it had is lost: summary, attributes, matching
    /// rules, parent.
    pub entity: Option<Box<crate::model::Entity>>,
    /// Its parent's id and name.
    pub parent: Option<(String, String)>,
}

impl Snapshot {
    /// The entity as the corpus has it.
    #[must_use]
    pub fn of(c: &Corpus, e: EntIdx) -> Self {
        let ent = &c.entities[e];
        Self {
            id: ent.id.clone(),
            kind: ent.kind,
            name: ent.name.clone(),
            aliases: ent.aliases.clone(),
            parent: ent.parent.map(|p| (c.entities[p].id.clone(), c.entities[p].name.clone())),
            entity: Some(Box::new(ent.clone())),
        }
    }

    /// A new entity with only a name and a kind.
    #[must_use]
    pub fn named(id: String, kind: EntityKind, name: String) -> Self {
        Self { id, kind, name, aliases: Vec::new(), entity: None, parent: None }
    }
}

/// One correction.
#[derive(Debug, Clone)]
pub enum Edit {
    /// Make a name (a candidate, or any name) an entity of this kind.
    Promote {
        /// The name.
        name: String,
        /// The kind.
        kind: EntityKind,
    },
    /// Never make this name an entity or a candidate again; a catalog entry goes.
    Reject {
        /// The name.
        name: String,
        /// The entity, when it is one (not a candidate).
        entity: Option<Snapshot>,
    },
    /// Move an entity's names into another; the first's entry, if any, goes.
    Merge {
        /// Merged away.
        from: Snapshot,
        /// Kept.
        into: Snapshot,
    },
    /// Another name for an entity.
    Alias {
        /// The entity.
        entity: Snapshot,
        /// The new name.
        alias: String,
    },
    /// Another kind for an entity.
    Kind {
        /// The entity.
        entity: Snapshot,
        /// The new kind.
        kind: EntityKind,
    },
    /// Another name for an entity; the old one stays as an alias, so its mentions still link.
    Rename {
        /// The entity.
        entity: Snapshot,
        /// The new name.
        name: String,
    },
    /// Keep a fact read from the text: it goes into the catalog, its entities with it.
    AcceptFact(Box<FactSnapshot>),
    /// Drop a fact read from the text: the catalog lists it as rejected, and it is not read
    /// from that document again.
    RejectFact(Box<FactSnapshot>),
}

/// A fact as the catalog will hold it.
#[derive(Debug, Clone)]
pub struct FactSnapshot {
    /// Who or what it is about.
    pub subject: Snapshot,
    /// The predicate.
    pub predicate: String,
    /// The other entity, or a value.
    pub object: Result<Snapshot, String>,
    /// A title or amount.
    pub value: Option<String>,
    /// The date, when the sentence states one.
    pub date: Option<String>,
    /// The document's id.
    pub doc: String,
    /// The sentence, as written.
    pub quote: String,
}

impl FactSnapshot {
    /// Fact `f` of the corpus (its quote as the text has it).
    #[must_use]
    pub fn of(c: &Corpus, f: usize) -> Self {
        let fact = &c.facts[f];
        let quote =
            fact.quote_span.clone().map_or_else(|| fact.quote.clone(), |s| c.docs[fact.doc].body[s].to_string());
        Self {
            subject: Snapshot::of(c, fact.subject),
            predicate: fact.predicate.clone(),
            object: match &fact.object {
                crate::model::FactObject::Entity(e) => Ok(Snapshot::of(c, *e)),
                crate::model::FactObject::Value(v) => Err(v.clone()),
            },
            value: fact.value.clone(),
            date: (fact.origin != crate::model::FactOrigin::ExtractedDatedByDocument)
                .then(|| fact.date.map(|d| d.to_string()))
                .flatten(),
            doc: c.docs[fact.doc].id.clone(),
            quote,
        }
    }

    /// "Tom Enders leads Airbus".
    fn said(&self) -> String {
        let object = match &self.object {
            Ok(o) => o.name.as_str(),
            Err(v) => v.as_str(),
        };
        format!("{} {} {object}", self.subject.name, self.predicate.replace('_', " "))
    }

    /// The fact's `[[fact]]` table.
    fn table(&self, rejected: bool) -> Table {
        let mut t = Table::new();
        t.insert("subject", value(self.subject.id.as_str()));
        t.insert("predicate", value(self.predicate.as_str()));
        t.insert(
            "object",
            value(match &self.object {
                Ok(o) => o.id.as_str(),
                Err(v) => v.as_str(),
            }),
        );
        if let Some(v) = &self.value {
            t.insert("value", value(v.as_str()));
        }
        if let Some(d) = &self.date {
            t.insert("date", value(d.as_str()));
        }
        t.insert("doc", value(self.doc.as_str()));
        t.insert("quote", value(self.quote.as_str()));
        if rejected {
            t.insert("rejected", value(true));
        }
        t
    }
}

/// A kind with its article: "a person", "an org".
fn a(kind: EntityKind) -> String {
    let k = kind.as_str();
    let article = if k.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} {k}")
}

/// A name a user typed, refused when empty, multi-line or holding control characters.
fn clean_name(name: &str) -> Result<String, String> {
    let t = name.trim();
    if t.is_empty() {
        return Err("the name is empty".into());
    }
    if t.chars().any(char::is_control) {
        return Err("the name has a control character (a tab, a line break or an escape)".into());
    }
    let invisible = |c: char| {
        matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
            || crate::text::sanitize::is_unsafe(c)
    };
    if t.chars().any(invisible) {
        return Err("the name has an invisible or direction-changing character".into());
    }
    Ok(t.to_string())
}

impl Edit {
    /// Refuses an edit that makes no sense in this corpus, with the reason.
    pub fn check(&self, c: &Corpus) -> Result<(), String> {
        let other_with_name = |name: &str, me: Option<&str>| {
            let n = name.trim().to_lowercase();
            c.entities.iter().find(|e| Some(e.id.as_str()) != me && e.names().any(|x| x.to_lowercase() == n))
        };
        match self {
            Self::Promote { name, .. } => {
                let name = clean_name(name)?;
                if let Some(e) =
                    c.entities.iter().find(|e| e.origin == Origin::Catalog && e.name.eq_ignore_ascii_case(&name))
                {
                    return Err(format!("\"{name}\" is already in the catalog ({}, {})", e.id, e.kind));
                }
                if let Some(e) = other_with_name(&name, None).filter(|e| !e.name.eq_ignore_ascii_case(&name)) {
                    return Err(format!("\"{name}\" already names {} ({}); add to it instead", e.name, e.id));
                }
            }
            Self::Reject { name, .. } => {
                clean_name(name)?;
            }
            Self::Merge { from, into } => {
                if from.id == into.id {
                    return Err(format!("cannot merge {} into itself", from.name));
                }
            }
            Self::Alias { entity, alias } => {
                let alias = clean_name(alias)?;
                if entity.name.eq_ignore_ascii_case(&alias)
                    || entity.aliases.iter().any(|a| a.eq_ignore_ascii_case(&alias))
                {
                    return Err(format!("{} is already called \"{alias}\"", entity.name));
                }
                if let Some(e) = other_with_name(&alias, Some(&entity.id)) {
                    return Err(format!("\"{alias}\" already names {} ({}); merge the two instead", e.name, e.id));
                }
            }
            Self::Rename { entity, name } => {
                let name = clean_name(name)?;
                if let Some(e) = other_with_name(&name, Some(&entity.id)) {
                    return Err(format!("\"{name}\" already names {} ({}); merge the two instead", e.name, e.id));
                }
            }
            Self::Kind { entity, kind } => {
                if entity.kind == *kind {
                    return Err(format!("{} is already {}", entity.name, a(*kind)));
                }
            }
            Self::AcceptFact(_) | Self::RejectFact(_) => {}
        }
        Ok(())
    }

    /// What the edit did, said in a line.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Self::Promote { name, kind } => format!("promoted \"{name}\" to {}", a(*kind)),
            Self::Reject { name, .. } => format!("rejected \"{name}\""),
            Self::Merge { from, into } => format!("merged \"{}\" into \"{}\"", from.name, into.name),
            Self::Alias { entity, alias } => format!("\"{alias}\" is now an alias of \"{}\"", entity.name),
            Self::Kind { entity, kind } => format!("\"{}\" is now {}", entity.name, a(*kind)),
            Self::Rename { entity, name } => format!("renamed \"{}\" to \"{name}\"", entity.name),
            Self::AcceptFact(f) => format!("kept the fact \"{}\" in the catalog", f.said()),
            Self::RejectFact(f) => format!("rejected the fact \"{}\"", f.said()),
        }
    }

    /// The id the edited entity has afterwards (to show it again), if any.
    #[must_use]
    pub fn result_id(&self, text: &str) -> Option<String> {
        match self {
            Self::Promote { name, .. } => {
                let doc: DocumentMut = text.parse().ok()?;
                let entities = doc.get("entity")?.as_array_of_tables()?;
                let id = entities
                    .iter()
                    .find(|t| t.get("name").and_then(Item::as_str).is_some_and(|n| n.eq_ignore_ascii_case(name.trim())))
                    .and_then(|t| t.get("id").and_then(Item::as_str).map(str::to_string));
                id
            }
            Self::Reject { .. } => None,
            Self::Merge { into, .. } => Some(into.id.clone()),
            Self::Alias { entity, .. } | Self::Kind { entity, .. } | Self::Rename { entity, .. } => {
                Some(entity.id.clone())
            }
            Self::AcceptFact(f) | Self::RejectFact(f) => Some(f.subject.id.clone()),
        }
    }
}

/// The array of `[[entity]]` tables, created when missing.
fn entities(doc: &mut DocumentMut) -> Result<&mut ArrayOfTables, String> {
    tables(doc, "entity")
}

/// The catalog's `[[key]]` tables, made when there are none.
fn tables<'d>(doc: &'d mut DocumentMut, key: &str) -> Result<&'d mut ArrayOfTables, String> {
    if doc.get(key).is_none() {
        doc.insert(key, Item::ArrayOfTables(ArrayOfTables::new()));
    }
    doc.get_mut(key).and_then(Item::as_array_of_tables_mut).ok_or_else(|| {
        format!(
            "the catalog writes its {key} entries as an inline list (`{key} = [...]`); dossier edits \
             only [[{key}]] tables, so edit this one by hand"
        )
    })
}

fn position(doc: &DocumentMut, id: &str) -> Option<usize> {
    doc.get("entity")?.as_array_of_tables()?.iter().position(|t| t.get("id").and_then(Item::as_str) == Some(id))
}

/// The catalog entry of an entity, written from what the corpus knows when there is none.
fn ensure<'d>(doc: &'d mut DocumentMut, e: &Snapshot) -> Result<&'d mut Table, String> {
    let at = if let Some(i) = position(doc, &e.id) {
        i
    } else {
        let mut t = Table::new();
        t.insert("id", value(e.id.as_str()));
        t.insert("kind", value(e.kind.as_str()));
        t.insert("name", value(e.name.as_str()));
        let ruled = |a: &String| e.entity.as_ref().is_some_and(|x| x.alias_rules.contains_key(a));
        let plain: Vec<&str> = e.aliases.iter().filter(|a| !ruled(a)).map(String::as_str).collect();
        if !plain.is_empty() {
            t.insert("aliases", value(plain.into_iter().collect::<Array>()));
        }
        if let Some(x) = &e.entity {
            write_known(&mut t, x, e.parent.as_ref(), doc);
        }
        let list = entities(doc)?;
        list.push(t);
        list.len() - 1
    };
    entities(doc)?.get_mut(at).ok_or_else(|| "the entry vanished".into())
}

/// What the corpus knew of an entity beyond its names, into its new catalog entry: summary,
/// matching rules, attributes, and its parent when the catalog has it (else its name as the
/// `part_of` attribute).
fn write_known(t: &mut Table, x: &crate::model::Entity, parent: Option<&(String, String)>, doc: &DocumentMut) {
    if let Some(s) = &x.summary {
        t.insert("summary", value(s.as_str()));
    }
    if x.rule.case_sensitive {
        t.insert("case_sensitive", value(true));
    }
    if !x.rule.context.is_empty() {
        t.insert("context", value(x.rule.context.iter().map(String::as_str).collect::<Array>()));
    }
    let mut attributes = x.attributes.clone();
    match parent {
        Some((id, _)) if position(doc, id).is_some() => {
            t.insert("parent", value(id.as_str()));
        }
        Some((_, name)) => {
            attributes.entry("part_of".into()).or_insert_with(|| name.clone());
        }
        None => {}
    }
    if !attributes.is_empty() {
        let mut inline = toml_edit::InlineTable::new();
        for (k, v) in &attributes {
            inline.insert(k, v.as_str().into());
        }
        t.insert("attributes", value(inline));
    }
    if !x.alias_rules.is_empty() {
        let mut rules = Array::new();
        for (alias, rule) in &x.alias_rules {
            let mut r = toml_edit::InlineTable::new();
            r.insert("alias", alias.as_str().into());
            if rule.case_sensitive {
                r.insert("case_sensitive", true.into());
            }
            if !rule.context.is_empty() {
                r.insert("context", rule.context.iter().map(String::as_str).collect::<Array>().into());
            }
            rules.push(r);
        }
        t.insert("alias_rules", value(rules));
    }
}

/// Adds names to a table's `aliases`, leaving out its name and names already there.
fn add_aliases(t: &mut Table, names: &[String]) {
    let name = t.get("name").and_then(Item::as_str).unwrap_or_default().to_lowercase();
    if t.get("aliases").and_then(Item::as_array).is_none() {
        t.insert("aliases", value(Array::new()));
    }
    if let Some(list) = t.get_mut("aliases").and_then(Item::as_array_mut) {
        let mut have: HashSet<String> = list.iter().filter_map(|v| v.as_str().map(str::to_lowercase)).collect();
        have.insert(name);
        for n in names {
            if have.insert(n.to_lowercase()) {
                list.push(n.as_str());
            }
        }
    }
}

/// Removes an entity's entry; facts about it go to `into` (a merge) or go (a reject), and
/// `parent` references follow or go. Returns how many facts went.
fn remove_entity(doc: &mut DocumentMut, id: &str, into: Option<&str>) -> usize {
    if let Some(i) = position(doc, id) {
        if let Some(list) = doc.get_mut("entity").and_then(Item::as_array_of_tables_mut) {
            // Comments above the entry (a file's header, a section's title) stay: they go to
            // the entry that follows, or to the end of the file.
            let comments = list
                .get(i)
                .and_then(|t| t.decor().prefix())
                .and_then(|p| p.as_str())
                .filter(|p| p.contains('#'))
                .map(str::to_string);
            list.remove(i);
            if let Some(c) = comments {
                if let Some(next) = list.get_mut(i) {
                    let own = next.decor().prefix().and_then(|p| p.as_str()).unwrap_or_default().to_string();
                    next.decor_mut().set_prefix(format!("{c}{own}"));
                } else {
                    let trailing = doc.trailing().as_str().unwrap_or_default().to_string();
                    doc.set_trailing(format!("{trailing}{c}"));
                }
            }
        }
    }
    if let Some(list) = doc.get_mut("entity").and_then(Item::as_array_of_tables_mut) {
        for t in list.iter_mut() {
            if t.get("parent").and_then(Item::as_str) == Some(id) {
                // The kept entity cannot be its own parent.
                let own = t.get("id").and_then(Item::as_str) == into;
                match into.filter(|_| !own) {
                    Some(new) => {
                        t.insert("parent", value(new));
                    }
                    None => {
                        t.remove("parent");
                    }
                }
            }
        }
    }
    let mut dropped = 0;
    if let Some(facts) = doc.get_mut("fact").and_then(Item::as_array_of_tables_mut) {
        let mut i = 0;
        while i < facts.len() {
            let Some(f) = facts.get_mut(i) else { break };
            let about = f.get("subject").and_then(Item::as_str) == Some(id)
                || f.get("object").and_then(Item::as_str) == Some(id);
            match (about, into) {
                (false, _) => i += 1,
                (true, Some(new)) => {
                    for key in ["subject", "object"] {
                        if f.get(key).and_then(Item::as_str) == Some(id) {
                            f.insert(key, value(new));
                        }
                    }
                    i += 1;
                }
                (true, None) => {
                    facts.remove(i);
                    dropped += 1;
                }
            }
        }
    }
    dropped
}

/// The root `reject = [...]` list, created when missing.
fn reject_list(doc: &mut DocumentMut) -> Result<&mut Array, String> {
    if doc.get("reject").is_none() {
        // Written before the tables: the file's opening comment, which belongs to the first
        // table as written, moves above it so that it stays at the top.
        let header =
            doc.get_mut("entity").and_then(Item::as_array_of_tables_mut).and_then(|l| l.get_mut(0)).and_then(|t| {
                let p = t.decor().prefix().and_then(|p| p.as_str()).filter(|p| p.contains('#'))?.to_string();
                t.decor_mut().set_prefix("\n");
                Some(p)
            });
        doc.insert("reject", value(Array::new()));
        if let (Some(h), Some(mut key)) = (header, doc.as_table_mut().key_mut("reject")) {
            key.leaf_decor_mut().set_prefix(h);
        }
    }
    doc.get_mut("reject").and_then(Item::as_array_mut).ok_or_else(|| "`reject` is not a list of names".into())
}

fn unreject(doc: &mut DocumentMut, name: &str) {
    if let Some(list) = doc.get_mut("reject").and_then(Item::as_array_mut) {
        list.retain(|v| !v.as_str().is_some_and(|n| n.eq_ignore_ascii_case(name)));
    }
}

/// Applies an edit to a catalog's text, keeping the rest of it as it was. Returns the new text
/// and a line saying what happened.
pub fn apply_to_text(text: &str, edit: &Edit) -> Result<(String, String), String> {
    let mut doc: DocumentMut =
        text.parse().map_err(|e: toml_edit::TomlError| format!("the catalog is not valid TOML: {}", e.message()))?;
    let mut said = edit.describe();
    match edit {
        Edit::Promote { name, kind } => {
            let name = clean_name(name)?;
            let mut ids: HashSet<String> = doc
                .get("entity")
                .and_then(Item::as_array_of_tables)
                .map(|l| l.iter().filter_map(|t| t.get("id").and_then(Item::as_str).map(str::to_string)).collect())
                .unwrap_or_default();
            let base = crate::text::ids::slug(&name);
            let id = crate::text::ids::unique_id(if base.is_empty() { "entity" } else { &base }, &mut ids);
            unreject(&mut doc, &name);
            ensure(&mut doc, &Snapshot::named(id, *kind, name))?;
        }
        Edit::Reject { name, entity } => {
            let name = clean_name(name)?;
            if let Some(e) = entity {
                let in_catalog = e.entity.as_ref().is_some_and(|x| x.origin == Origin::Catalog);
                if in_catalog && position(&doc, &e.id).is_none() {
                    entities(&mut doc)?;
                    return Err(format!("`{}` is not an [[entity]] of this catalog; edit it by hand", e.id));
                }
                let dropped = remove_entity(&mut doc, &e.id, None);
                if dropped > 0 {
                    said = format!("{said} and its {}", crate::analysis::card::count(dropped, "fact", "facts"));
                }
            }
            let list = reject_list(&mut doc)?;
            if !list.iter().any(|v| v.as_str().is_some_and(|n| n.eq_ignore_ascii_case(&name))) {
                list.push(name.as_str());
            }
        }
        Edit::Merge { from, into } => {
            let mut names = vec![from.name.clone()];
            names.extend(from.aliases.iter().cloned());
            // The merged entry's own aliases, when it has a catalog entry.
            if let Some(i) = position(&doc, &from.id) {
                if let Some(t) = doc.get("entity").and_then(Item::as_array_of_tables).and_then(|l| l.get(i)) {
                    if let Some(a) = t.get("aliases").and_then(Item::as_array) {
                        names.extend(a.iter().filter_map(|v| v.as_str().map(str::to_string)));
                    }
                }
            }
            remove_entity(&mut doc, &from.id, Some(&into.id));
            for n in &names {
                unreject(&mut doc, n);
            }
            add_aliases(ensure(&mut doc, into)?, &names);
        }
        Edit::Alias { entity, alias } => {
            let alias = clean_name(alias)?;
            unreject(&mut doc, &alias);
            add_aliases(ensure(&mut doc, entity)?, &[alias]);
        }
        Edit::Kind { entity, kind } => {
            ensure(&mut doc, entity)?.insert("kind", value(kind.as_str()));
        }
        Edit::Rename { entity, name } => {
            let name = clean_name(name)?;
            let t = ensure(&mut doc, entity)?;
            let old = t.get("name").and_then(Item::as_str).unwrap_or_default().to_string();
            t.insert("name", value(name.as_str()));
            if let Some(list) = t.get_mut("aliases").and_then(Item::as_array_mut) {
                list.retain(|v| !v.as_str().is_some_and(|n| n.eq_ignore_ascii_case(&name)));
            }
            if !old.is_empty() && !old.eq_ignore_ascii_case(&name) {
                add_aliases(t, &[old]);
            }
        }
        Edit::AcceptFact(f) => {
            ensure(&mut doc, &f.subject)?;
            if let Ok(o) = &f.object {
                ensure(&mut doc, o)?;
            }
            tables(&mut doc, "fact")?.push(f.table(false));
        }
        Edit::RejectFact(f) => tables(&mut doc, "fact")?.push(f.table(true)),
    }
    Ok((doc.to_string(), said))
}

/// An edit written to a file, with what it replaced (for [`undo`]).
#[derive(Debug, Clone)]
pub struct Applied {
    /// The catalog file.
    pub path: PathBuf,
    /// Its text before, or `None` when the edit created it.
    pub before: Option<String>,
    /// Its text after.
    pub after: String,
    /// What happened, in a line.
    pub message: String,
}

/// The catalog's current text: the file, or `seed` when there is no file yet (the bundled
/// catalog, copied on the first edit of the bundled corpus), or nothing.
fn current(path: &Path, seed: Option<&str>) -> Result<Option<String>, String> {
    match std::fs::read_to_string(path) {
        Ok(t) => Ok(Some(t)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(seed.map(str::to_string)),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

/// The catalog text to start from when the edit target does not exist yet: the bundled
/// catalog for the bundled corpus (so that its curation is kept), else nothing.
#[must_use]
pub fn seed_for(load: &crate::corpus::LoadOptions) -> Option<&'static str> {
    load.corpus.is_empty().then_some(crate::recognize::catalog::BUNDLED)
}

/// Applies an edit to the catalog file `path` (created from `seed`, or empty, when missing):
/// locked, re-read, edited, validated, written atomically. Nothing is written when any step
/// fails.
pub fn write_edit(path: &Path, seed: Option<&str>, edit: &Edit) -> Result<Applied, String> {
    let _lock = Lock::take(path)?;
    let existing = std::fs::read_to_string(path).ok();
    let before = current(path, seed)?;
    let text = before.clone().unwrap_or_default();
    if let Err(problems) = Catalog::parse(path, &text) {
        let first = problems.first().map(ToString::to_string).unwrap_or_default();
        return Err(format!("the catalog has errors, so it was not changed: {first}"));
    }
    let (after, message) = apply_to_text(&text, edit)?;
    if let Err(problems) = Catalog::parse(path, &after) {
        let first = problems.first().map(ToString::to_string).unwrap_or_default();
        return Err(format!("the edit would make the catalog invalid, so it was not made: {first}"));
    }
    write_atomic(path, &after)?;
    Ok(Applied { path: path.to_path_buf(), before: existing, after, message })
}

/// Puts back the text an edit replaced (removing a catalog file the edit created), unless the
/// file changed since. Returns what was undone.
pub fn undo(applied: &Applied) -> Result<String, String> {
    let _lock = Lock::take(&applied.path)?;
    let now = std::fs::read_to_string(&applied.path).ok();
    if now.as_deref() != Some(applied.after.as_str()) {
        return Err(format!("{} changed since that edit; not undone", applied.path.display()));
    }
    match &applied.before {
        Some(t) => write_atomic(&applied.path, t)?,
        None => {
            std::fs::remove_file(&applied.path)
                .map_err(|e| format!("cannot remove {}: {e}", applied.path.display()))?;
        }
    }
    Ok(format!("undone: {}", applied.message))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CATALOG: &str = "# top comment\n\n[[entity]]\nid = \"a\"  # keep me\nkind = \"person\"\nname = \"Ann Lee\"\n\
                           aliases = [\"A. Lee\"]\n\n[[entity]]\nid = \"b\"\nkind = \"org\"\nname = \"Bee Corp\"\n\
                           parent = \"a\"\n\n[[fact]]\nsubject = \"a\"\npredicate = \"leads\"\nobject = \"b\"\n\
                           doc = \"d1\"\nquote = \"Ann Lee leads Bee Corp\"\n";

    fn snap(id: &str, name: &str, kind: EntityKind) -> Snapshot {
        Snapshot::named(id.into(), kind, name.into())
    }

    fn parsed(text: &str) -> Catalog {
        Catalog::parse(Path::new("t.toml"), text).expect("valid")
    }

    #[test]
    fn merging_moves_names_facts_and_parents_and_keeps_comments() {
        let edit = Edit::Merge {
            from: snap("a", "Ann Lee", EntityKind::Person),
            into: snap("c", "Ann C. Lee", EntityKind::Person),
        };
        let (text, _) = apply_to_text(CATALOG, &edit).expect("applied");
        assert!(text.starts_with("# top comment\n"), "{text}");
        let cat = parsed(&text);
        let c = cat.entities.iter().find(|e| e.id.get_ref() == "c").expect("written from the corpus");
        assert_eq!(c.aliases, ["Ann Lee", "A. Lee"]);
        assert!(cat.entities.iter().all(|e| e.id.get_ref() != "a"));
        assert_eq!(cat.facts[0].subject.get_ref(), "c");
        let b = cat.entities.iter().find(|e| e.id.get_ref() == "b").expect("b");
        assert_eq!(b.parent.as_ref().map(|p| p.get_ref().as_str()), Some("c"));
    }

    #[test]
    fn rejecting_a_catalog_entity_removes_it_its_facts_and_references_and_lists_its_name() {
        let edit = Edit::Reject { name: "Ann Lee".into(), entity: Some(snap("a", "Ann Lee", EntityKind::Person)) };
        let (text, said) = apply_to_text(CATALOG, &edit).expect("applied");
        assert_eq!(said, "rejected \"Ann Lee\" and its 1 fact");
        let cat = parsed(&text);
        assert_eq!(cat.reject, ["Ann Lee"]);
        assert!(cat.facts.is_empty() && cat.entities.len() == 1 && cat.entities[0].parent.is_none());
        // Promoting the name again takes it off the list.
        let (text, _) =
            apply_to_text(&text, &Edit::Promote { name: "Ann Lee".into(), kind: EntityKind::Person }).expect("applied");
        assert!(parsed(&text).reject.is_empty());
    }

    #[test]
    fn renaming_keeps_the_old_name_as_an_alias() {
        let edit = Edit::Rename { entity: snap("a", "Ann Lee", EntityKind::Person), name: "A. Lee".into() };
        let (text, _) = apply_to_text(CATALOG, &edit).expect("applied");
        let cat = parsed(&text);
        assert_eq!(cat.entities[0].name, "A. Lee");
        assert_eq!(cat.entities[0].aliases, ["Ann Lee"]);
        assert!(text.contains("id = \"a\"  # keep me"), "{text}");
    }

    #[test]
    fn merging_into_a_child_leaves_no_entity_its_own_parent() {
        // b's parent is a; merging a into b must not make b its own parent.
        let edit = Edit::Merge {
            from: snap("a", "Ann Lee", EntityKind::Person),
            into: snap("b", "Bee Corp", EntityKind::Org),
        };
        let (text, _) = apply_to_text(CATALOG, &edit).expect("applied");
        let cat = parsed(&text);
        assert!(cat.entities.iter().all(|e| e.parent.is_none()), "{text}");
    }

    #[test]
    fn the_files_opening_comment_stays_on_top_when_a_reject_list_is_added() {
        let edit = Edit::Reject { name: "Zed".into(), entity: None };
        let (text, _) = apply_to_text(CATALOG, &edit).expect("applied");
        assert!(text.starts_with("# top comment\n\nreject = [\"Zed\"]\n"), "{text}");
        assert_eq!(parsed(&text).entities.len(), 2);
    }

    #[test]
    fn invalid_toml_is_refused() {
        let edit = Edit::Promote { name: "X".into(), kind: EntityKind::Org };
        assert!(apply_to_text("[[entity]\n", &edit).is_err());
    }
}
