//! Cross-references: document → entities, entity → documents, entity ↔ entity; and looking
//! an item up by id or name.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use crate::corpus::Corpus;
use crate::matcher::Matcher;
use crate::model::{DocIdx, EntIdx, Fact, FactObject, Mention};
use crate::query::Query;
use crate::search::{self, Item};

/// A document that mentions an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRef {
    /// The document.
    pub doc: DocIdx,
    /// How many mentions (the entity's and its generations').
    pub count: usize,
    /// The first mention's span, for a snippet.
    pub first: Range<usize>,
    /// The entity is named in the document's author field.
    pub author: bool,
}

/// Documents that mention an entity or one of its generations, most mentions first.
#[must_use]
pub fn entity_docs(c: &Corpus, e: EntIdx) -> Vec<DocRef> {
    let mut by_doc: BTreeMap<DocIdx, DocRef> = BTreeMap::new();
    for member in family(c, e) {
        for m in c.entity_mentions(member) {
            let r = by_doc.entry(m.doc()).or_insert(DocRef { doc: m.doc(), count: 0, first: m.span(), author: false });
            r.count += 1;
            if m.span().start < r.first.start {
                r.first = m.span();
            }
        }
        for d in c.authored_by(member) {
            by_doc.entry(d).or_insert(DocRef { doc: d, count: 0, first: 0..0, author: true }).author = true;
        }
    }
    let mut v: Vec<DocRef> = by_doc.into_values().collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then(a.doc.cmp(&b.doc)));
    v
}

/// The entity and its generations or members, recursively.
fn family(c: &Corpus, e: EntIdx) -> Vec<EntIdx> {
    let mut family = vec![e];
    let mut i = 0;
    while i < family.len() {
        family.extend_from_slice(c.children(family[i]));
        i += 1;
    }
    family
}

/// How many documents mention an entity or its generations (or name it as author): the
/// length of [`entity_docs`], without building it.
#[must_use]
pub fn doc_count(c: &Corpus, e: EntIdx) -> usize {
    let mut docs: Vec<DocIdx> = Vec::new();
    for member in family(c, e) {
        docs.extend(c.entity_mentions(member).map(Mention::doc));
        docs.extend(c.authored_by(member));
    }
    // Mentions come in document order, so this is usually sorted already.
    docs.sort_unstable();
    docs.dedup();
    docs.len()
}

/// Entities a document mentions, with counts, most mentioned first.
#[must_use]
pub fn doc_entities(c: &Corpus, d: DocIdx) -> Vec<(EntIdx, usize)> {
    let mut counts: HashMap<EntIdx, usize> = HashMap::new();
    for m in c.doc_mentions(d) {
        *counts.entry(m.entity()).or_default() += 1;
    }
    let mut v: Vec<(EntIdx, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| c.entities[a.0].name.cmp(&c.entities[b.0].name)));
    v
}

/// An entity related to another: through facts, and by co-mentions in the same paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// The other entity.
    pub entity: EntIdx,
    /// Indices of facts linking the two (either direction).
    pub facts: Vec<usize>,
    /// Paragraphs that mention both.
    pub co_mentions: usize,
}

/// The paragraph (line) around a byte offset.
fn paragraph(body: &str, at: usize) -> Range<usize> {
    let s = body[..at].rfind('\n').map_or(0, |i| i + 1);
    let e = body[at..].find('\n').map_or(body.len(), |i| at + i);
    s..e
}

/// Related entities, those with facts first, then by co-mentions.
#[must_use]
pub fn related(c: &Corpus, e: EntIdx) -> Vec<Related> {
    let mut out: HashMap<EntIdx, Related> = HashMap::new();
    for (i, f) in c.facts.iter().enumerate() {
        let other = match (&f.object, f.subject == e) {
            (FactObject::Entity(o), true) => *o,
            (FactObject::Entity(o), false) if *o == e => f.subject,
            _ => continue,
        };
        if other != e {
            out.entry(other).or_insert(Related { entity: other, facts: Vec::new(), co_mentions: 0 }).facts.push(i);
        }
    }
    // Mentions come in document and position order: a paragraph's mentions are one slice of
    // the document's, found by binary search, and each paragraph is counted once.
    let mut seen_paras: HashSet<(DocIdx, usize)> = HashSet::new();
    for m in c.entity_mentions(e) {
        let p = paragraph(&c.docs[m.doc()].body, m.span().start);
        if !seen_paras.insert((m.doc(), p.start)) {
            continue;
        }
        let mentions = c.doc_mentions(m.doc());
        let from = mentions.partition_point(|o| o.span().start < p.start);
        let to = mentions.partition_point(|o| o.span().start < p.end);
        let mut in_para: Vec<EntIdx> = mentions[from..to]
            .iter()
            .filter(|o| o.span().end <= p.end && o.entity() != e)
            .map(Mention::entity)
            .collect();
        in_para.sort_unstable();
        in_para.dedup();
        for o in in_para {
            out.entry(o).or_insert(Related { entity: o, facts: Vec::new(), co_mentions: 0 }).co_mentions += 1;
        }
    }
    let mut v: Vec<Related> = out.into_values().collect();
    v.sort_by(|a, b| {
        b.facts
            .len()
            .cmp(&a.facts.len())
            .then(b.co_mentions.cmp(&a.co_mentions))
            .then_with(|| c.entities[a.entity].name.cmp(&c.entities[b.entity].name))
    });
    v
}

/// About `width` characters of text around a span, on one line, with `…` where cut.
#[must_use]
pub fn snippet(body: &str, span: &Range<usize>, width: usize) -> String {
    let p = paragraph(body, span.start.min(body.len()));
    let (start, end) = (span.start.clamp(p.start, p.end), span.end.clamp(p.start, p.end));
    let end = end.max(start);
    let half = width.saturating_sub(body[start..end].chars().count()) / 2;
    let s = match half {
        0 => start,
        _ => body[p.start..start].char_indices().rev().nth(half - 1).map_or(p.start, |(i, _)| p.start + i),
    };
    let e = body[end..p.end].char_indices().nth(half).map_or(p.end, |(i, _)| end + i);
    let mut out = String::new();
    if s > p.start {
        out.push('…');
    }
    let text = crate::sanitize::one_line(body[s..e].trim());
    if text.chars().count() > width.max(1) {
        out.extend(text.chars().take(width.max(1)));
        out.push('…');
        return out;
    }
    out.push_str(&text);
    if e < p.end {
        out.push('…');
    }
    out
}

/// The object of a fact as text (an entity's name or the value), with its value if any.
#[must_use]
pub fn fact_object(c: &Corpus, f: &Fact) -> String {
    let obj = match &f.object {
        FactObject::Entity(e) => c.entities[*e].name.clone(),
        FactObject::Value(v) => v.clone(),
    };
    match &f.value {
        Some(v) => format!("{obj} ({v})"),
        None => obj,
    }
}

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
            let entries = search::entries(c);
            let hits = search::search(&Matcher::default(), &Query::parse(t), &entries, None);
            Lookup::NotFound(hits.iter().take(5).map(|h| entries[h.entry].item).collect())
        }
        _ => Lookup::Ambiguous(found),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::LoadOptions;

    fn corpus() -> Corpus {
        Corpus::load(&LoadOptions::default(), &|_| {})
    }

    #[test]
    fn andy_jassy_is_in_every_document() {
        let c = corpus();
        let Lookup::Found(Item::Entity(e)) = lookup(&c, "Andy Jassy") else { panic!("not found") };
        assert_eq!(entity_docs(&c, e).len(), 5);
    }

    #[test]
    fn a_family_includes_its_generations() {
        let c = corpus();
        let t = c.entity_by_id("trainium").expect("trainium");
        let docs: Vec<&str> = entity_docs(&c, t).iter().map(|r| c.docs[r.doc].id.as_str()).collect();
        assert!(docs.contains(&"002_ad6a4f82e83b5067"), "{docs:?}");
    }

    #[test]
    fn doc_count_agrees_with_entity_docs() {
        let c = corpus();
        for e in 0..c.entities.len() {
            assert_eq!(doc_count(&c, e), entity_docs(&c, e).len(), "{}", c.entities[e].id);
        }
    }

    #[test]
    fn related_entities_come_from_facts_and_paragraphs() {
        let c = corpus();
        let e = c.entity_by_id("vasi-philomin").expect("philomin");
        let r = related(&c, e);
        let names: Vec<&str> = r.iter().map(|r| c.entities[r.entity].id.as_str()).collect();
        assert!(names.contains(&"rajesh-sheth") && names.contains(&"bedrock"), "{names:?}");
        assert!(!r[0].facts.is_empty());
    }

    #[test]
    fn lookup_by_id_alias_and_unknown() {
        let c = corpus();
        assert!(matches!(lookup(&c, "andy jesse"), Lookup::Found(Item::Entity(_))));
        assert!(matches!(lookup(&c, "001_8b8763c081a56482"), Lookup::Found(Item::Doc(1))));
        assert!(matches!(lookup(&c, "zzqqxx"), Lookup::NotFound(v) if v.is_empty()));
    }

    #[test]
    fn regression_snippet_of_a_span_wider_than_the_width_does_not_panic() {
        let body = "a sentence that is much longer than the width asked for";
        assert!(snippet(body, &(2..body.len()), 10).contains("sentence"));
        assert!(snippet(body, &(0..0), 0).len() <= body.len() + 6);
    }

    #[test]
    fn snippets_are_one_line_and_cut_with_ellipses() {
        let body = "first line\nsome words before the NAME and some words after it\nlast";
        let at = body.find("NAME").expect("there");
        let s = snippet(body, &(at..at + 4), 20);
        assert!(s.contains("NAME") && s.starts_with('…') && s.ends_with('…') && !s.contains('\n'), "{s}");
    }
}
