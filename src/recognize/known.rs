//! The bundled background gazetteer of the technology industry (`assets/known.tsv`):
//! companies, labs, chips, AI models, cloud and software services, with aliases and their
//! maker or parent. Its entities have origin `known`; the corpus keeps only those mentioned,
//! below a user's catalog (which wins on the same name) and above discovery.
//!
//! The file is tab-separated: `kind`, `name`, `aliases` (`;`-separated), `parent` (another
//! row's name), `context`: empty for a distinctive name; `CASE` for a name that links only as
//! written; else `;`-separated words one of which must stand in the same paragraph (for names
//! that are also ordinary words: "Gemini", "Claude", "Nova").

use std::collections::{BTreeMap, HashMap};

use crate::model::{Entity, EntityKind, MatchRule, Origin};
use crate::text::ids::{slug, unique_id};

/// The gazetteer as shipped.
pub const BUNDLED: &str = include_str!("../../assets/known.tsv");

/// The bundled gazetteer, parsed once.
pub static ROWS: std::sync::LazyLock<Vec<Row>> = std::sync::LazyLock::new(|| parse(BUNDLED));

/// One row of the gazetteer, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Kind.
    pub kind: EntityKind,
    /// Name.
    pub name: String,
    /// Other written forms.
    pub aliases: Vec<String>,
    /// The maker or parent's name.
    pub parent: Option<String>,
    /// Words one of which must be near (empty: none needed).
    pub context: Vec<String>,
}

/// Parses the gazetteer; lines that do not parse are skipped (the bundled file is checked by
/// a test).
#[must_use]
pub fn parse(text: &str) -> Vec<Row> {
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let [kind, name, aliases, parent, context] = cols.as_slice() else { return None };
            let list = |s: &str| s.split(';').map(str::trim).filter(|a| !a.is_empty()).map(str::to_string).collect();
            Some(Row {
                kind: EntityKind::parse(kind)?,
                name: (*name).to_string(),
                aliases: list(aliases),
                parent: (!parent.is_empty()).then(|| (*parent).to_string()),
                context: if *context == "CASE" { Vec::new() } else { list(context) },
            })
            .filter(|r| !r.name.is_empty())
        })
        .collect()
}

/// The gazetteer's entities, parents resolved among them (indices relative to the returned
/// list), ids unique against `taken`.
#[must_use]
pub fn entities<S: std::hash::BuildHasher>(
    rows: &[Row],
    taken: &mut std::collections::HashSet<String, S>,
) -> Vec<Entity> {
    let mut out: Vec<Entity> = rows
        .iter()
        .map(|r| {
            let mut e = Entity::named(unique_id(&slug(&r.name), taken), r.kind, r.name.clone(), Origin::Known);
            e.aliases.clone_from(&r.aliases);
            e.rule = MatchRule { case_sensitive: true, context: r.context.clone() };
            if let Some(p) = &r.parent {
                e.attributes = BTreeMap::from([("maker".to_string(), p.clone())]);
            }
            e
        })
        .collect();
    let by_name: HashMap<&str, usize> = rows.iter().enumerate().map(|(i, r)| (r.name.as_str(), i)).collect();
    for (i, r) in rows.iter().enumerate() {
        out[i].parent = r.parent.as_deref().and_then(|p| by_name.get(p).copied()).filter(|&p| p != i);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_bundled_gazetteer_parses_whole_and_its_parents_exist() {
        let lines = BUNDLED.lines().skip(1).filter(|l| !l.trim().is_empty()).count();
        let rows = parse(BUNDLED);
        assert_eq!(rows.len(), lines, "every line parses");
        assert!(rows.len() >= 1000, "at least 1,000 entries: {}", rows.len());
        let names: HashSet<String> = rows.iter().map(|r| r.name.to_lowercase()).collect();
        assert_eq!(names.len(), rows.len(), "names are unique");
        for r in &rows {
            if let Some(p) = &r.parent {
                assert!(rows.iter().any(|o| &o.name == p), "{}: parent {p} is a row", r.name);
            }
        }
        let es = entities(&rows, &mut HashSet::new());
        assert!(es.iter().all(|e| e.origin == Origin::Known));
    }

    #[test]
    fn rows_parse_kinds_aliases_parents_and_context() {
        let rows = parse("kind\tname\taliases\tparent\tcontext\nchip\tH100\tNvidia H100;H100 GPU\tNvidia\t\norg\tNvidia\tNVIDIA\t\tCASE\nmodel\tGemini\t\tGoogle\tgoogle;model\nbad line\n");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].aliases, ["Nvidia H100", "H100 GPU"]);
        let es = entities(&rows, &mut HashSet::new());
        assert_eq!(es[0].parent, Some(1));
        assert_eq!(es[2].rule.context, ["google", "model"]);
        assert_eq!(es[2].parent, None, "a parent not in the gazetteer is kept as the maker only");
        assert_eq!(es[2].attributes["maker"], "Google");
    }
}
