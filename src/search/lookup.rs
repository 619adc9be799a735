//! Looking an item up by what a user typed: an id, a name or alias, a title; else the closest
//! fuzzy matches to suggest.

use crate::corpus::Corpus;
use crate::model::Item;
use crate::search::items;
use crate::search::matcher::Matcher;
use crate::search::query::Query;

/// What looking up an item found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// Exactly one item.
    Found(Item),
    /// Several items have that name.
    Ambiguous(Vec<Item>),
    /// Nothing; the closest matches, if any.
    NotFound(Vec<Item>),
}

/// Finds an item by id, then by name or alias (any case), then by document title.
#[must_use]
pub fn lookup(c: &Corpus, text: &str) -> Lookup {
    let t = text.trim();
    if let Some(e) = c.entity_by_id(t) {
        return Lookup::Found(Item::Entity(e));
    }
    if let Some(d) = c.doc_by_id(t) {
        return Lookup::Found(Item::Doc(d));
    }
    let lower = t.to_lowercase();
    let mut found: Vec<Item> = c
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.names().any(|n| n.to_lowercase() == lower))
        .map(|(i, _)| Item::Entity(i))
        .collect();
    if found.is_empty() {
        found = c
            .docs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.title.to_lowercase() == lower)
            .map(|(i, _)| Item::Doc(i))
            .collect();
    }
    match found.len() {
        1 => Lookup::Found(found[0]),
        0 => {
            let entries = items::entries(c);
            let hits = items::search(&Matcher::default(), &Query::parse(t), &entries, None);
            Lookup::NotFound(hits.iter().take(5).map(|h| entries[h.entry].item).collect())
        }
        _ => Lookup::Ambiguous(found),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::LoadOptions;

    #[test]
    fn lookup_by_id_alias_and_unknown() {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        assert!(matches!(lookup(&c, "andy jesse"), Lookup::Found(Item::Entity(_))));
        assert!(matches!(lookup(&c, "001_8b8763c081a56482"), Lookup::Found(Item::Doc(1))));
        assert!(matches!(lookup(&c, "zzqqxx"), Lookup::NotFound(v) if v.is_empty()));
    }
}
