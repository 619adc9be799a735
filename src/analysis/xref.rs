//! Cross-references: document → entities, entity → documents, entity ↔ entity.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use crate::corpus::Corpus;
use crate::model::{DocIdx, EntIdx, Fact, FactObject, Mention};
use crate::text::span::line_around;

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

/// The entity and its generations or members, recursively; each once, even if parents loop.
fn family(c: &Corpus, e: EntIdx) -> Vec<EntIdx> {
    let mut family = vec![e];
    let mut seen: HashSet<EntIdx> = HashSet::from([e]);
    let mut i = 0;
    while i < family.len() {
        for &k in c.children(family[i]) {
            if seen.insert(k) {
                family.push(k);
            }
        }
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
        let p = line_around(&c.docs[m.doc()].body, m.span().start..m.span().start);
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

/// A document as a source is named for people, not by its hash id: its title (cut to 48
/// characters) and its date when it has one: "Amazon's AI Chief Says… (2025-06)".
#[must_use]
pub fn source_label(c: &Corpus, doc: DocIdx) -> String {
    let d = &c.docs[doc];
    let title = crate::text::sanitize::one_line(&d.title);
    let mut short: String = title.chars().take(48).collect();
    if short.len() < title.len() {
        short = format!("{}…", short.trim_end());
    }
    match d.date {
        Some(date) => format!("{short} ({date})"),
        None => short,
    }
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
        let e = c.entity_by_id("andy-jassy").expect("andy jassy");
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
}
