//! Cards: what is known about one entity or document, built once here and rendered by both
//! front ends: `dossier show` (text and JSON) and the explorer's card. The same facts, the same
//! contradiction flags, the same limits and the same wording everywhere.
//!
//! A card is first a structure ([`EntityCard`], [`DocCard`]), then lines of toned text
//! ([`Row`]) that open somewhere ([`Target`]). Tones are meanings, not colours: the explorer
//! styles them, the command line prints their text.

use std::ops::Range;

use serde_json::{json, Value};

use crate::analysis::timeline::{self, Contradiction};
use crate::analysis::xref::{self, fact_object, DocRef};
use crate::corpus::Corpus;
use crate::model::{DocIdx, EntIdx, EntityKind, FactObject, FactOrigin, Item};
use crate::text::sanitize::one_line;
use crate::text::span::snippet;

/// How many documents and related entities a card lists; the rest are a command away.
pub const CARD_LIMIT: usize = 200;

/// How a piece of a row is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// The item's name.
    Title,
    /// A section heading.
    Heading,
    /// Plain text.
    Text,
    /// A paragraph the renderer may wrap to its width (a summary).
    Prose,
    /// Secondary text.
    Dim,
    /// An entity name, coloured by kind.
    Kind(EntityKind),
    /// A quote or snippet.
    Quote,
    /// A warning (a contradiction, a missing quote).
    Warn,
}

/// Where a row leads when opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A document, scrolled to and highlighting a span.
    Doc(DocIdx, Range<usize>),
    /// An entity's card.
    Entity(EntIdx),
    /// A candidate (index into the corpus's candidates), opened at its first document.
    Candidate(usize, Option<DocIdx>),
    /// A bookmark (index into the bookmarks list), which may name something no longer there.
    Bookmark(usize),
    /// A fact (index into `Corpus::facts`): its document at its quote. Facts of one sentence
    /// share a quote, so their rows are told apart by this, not by the span.
    Fact(usize),
}

impl Target {
    /// A fact as the document and quote it opens; any other target as it is.
    #[must_use]
    pub fn resolved(self, c: &Corpus) -> Self {
        match self {
            Self::Fact(i) => {
                c.facts.get(i).map_or(Self::Fact(i), |f| Self::Doc(f.doc, f.quote_span.clone().unwrap_or(0..0)))
            }
            t => t,
        }
    }
}

/// One line of a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Pieces of text with their tone.
    pub parts: Vec<(String, Tone)>,
    /// Where Enter on this row goes, if anywhere.
    pub target: Option<Target>,
}

impl Row {
    /// A row of one piece.
    #[must_use]
    pub fn text(s: impl Into<String>, tone: Tone) -> Self {
        Self { parts: vec![(s.into(), tone)], target: None }
    }

    /// An empty row.
    #[must_use]
    pub fn blank() -> Self {
        Self { parts: Vec::new(), target: None }
    }

    /// The row's text, its pieces joined.
    #[must_use]
    pub fn plain(&self) -> String {
        self.parts.iter().map(|p| p.0.as_str()).collect()
    }
}

/// `1 mention`, `2 mentions`.
#[must_use]
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A fact on a card, with the contradiction it is part of, if any.
#[derive(Debug, Clone)]
pub struct CardFact {
    /// Index into `Corpus::facts`.
    pub fact: usize,
    /// "the date differs: 2023-12 in 003_…; 2024-12 in 004_…": what the other sources say.
    pub contradiction: Option<String>,
}

/// A related entity and why.
#[derive(Debug, Clone)]
pub struct CardRelated {
    /// The entity.
    pub entity: EntIdx,
    /// Its facts' predicates (each once) and shared paragraphs: "leads; 2 shared paragraphs".
    pub why: String,
}

/// Everything an entity's card shows.
#[derive(Debug, Clone)]
pub struct EntityCard {
    /// The entity.
    pub entity: EntIdx,
    /// Facts about it, as subject or object.
    pub facts: Vec<CardFact>,
    /// The first [`CARD_LIMIT`] documents mentioning it, most mentions first.
    pub documents: Vec<DocRef>,
    /// How many documents in all.
    pub documents_total: usize,
    /// The first [`CARD_LIMIT`] related entities, those with facts first.
    pub related: Vec<CardRelated>,
    /// How many related entities in all.
    pub related_total: usize,
}

impl EntityCard {
    /// Builds the card of one entity.
    #[must_use]
    pub fn build(c: &Corpus, e: EntIdx) -> Self {
        let contradictions = timeline::contradictions(c);
        let facts = (0..c.facts.len())
            .filter(|&i| c.facts[i].subject == e || c.facts[i].object == FactObject::Entity(e))
            .map(|i| CardFact { fact: i, contradiction: contradiction_note(c, &contradictions, i) })
            .collect();
        let mut documents = xref::entity_docs(c, e);
        let documents_total = documents.len();
        documents.truncate(CARD_LIMIT);
        let related_all = xref::related(c, e);
        let related_total = related_all.len();
        let related = related_all
            .into_iter()
            .take(CARD_LIMIT)
            .map(|r| {
                let mut preds: Vec<&str> = Vec::new();
                for &f in &r.facts {
                    let p = c.facts[f].predicate.as_str();
                    if !preds.contains(&p) {
                        preds.push(p);
                    }
                }
                let mut why = preds.join(", ");
                if r.co_mentions > 0 {
                    if !why.is_empty() {
                        why.push_str("; ");
                    }
                    why.push_str(&count(r.co_mentions, "shared paragraph", "shared paragraphs"));
                }
                CardRelated { entity: r.entity, why }
            })
            .collect();
        Self { entity: e, facts, documents, documents_total, related, related_total }
    }

    /// The card as rows; snippets are cut to about `snippet_width` characters.
    #[must_use]
    pub fn rows(&self, c: &Corpus, snippet_width: usize) -> Vec<Row> {
        let e = self.entity;
        let ent = &c.entities[e];
        let mut rows = vec![
            Row::text(one_line(&ent.name), Tone::Title),
            Row::text(format!("{} · {} · {}", ent.kind, ent.origin, ent.id), Tone::Dim),
        ];
        if !ent.aliases.is_empty() {
            rows.push(Row::text(format!("also: {}", one_line(&ent.aliases.join(", "))), Tone::Dim));
        }
        if let Some(p) = ent.parent {
            rows.push(Row {
                parts: vec![
                    ("part of ".into(), Tone::Dim),
                    (one_line(&c.entities[p].name), Tone::Kind(c.entities[p].kind)),
                ],
                target: Some(Target::Entity(p)),
            });
        }
        if let Some(s) = &ent.summary {
            rows.push(Row::blank());
            rows.push(Row::text(one_line(s), Tone::Prose));
        }
        if !ent.attributes.is_empty() {
            rows.push(Row::blank());
            rows.push(Row::text("Attributes", Tone::Heading));
            for (k, v) in &ent.attributes {
                rows.push(Row {
                    parts: vec![(format!("  {k}: "), Tone::Dim), (one_line(v), Tone::Text)],
                    target: None,
                });
            }
        }
        if !self.facts.is_empty() {
            rows.push(Row::blank());
            rows.push(Row::text(format!("Facts ({})", self.facts.len()), Tone::Heading));
            for cf in &self.facts {
                let f = &c.facts[cf.fact];
                let date = match (f.date, f.origin) {
                    (Some(d), FactOrigin::ExtractedDatedByDocument) => format!(" [as of {d}]"),
                    (Some(d), _) => format!(" [{d}]"),
                    (None, _) => String::new(),
                };
                let origin = if f.origin.is_extracted() { " \u{b7} extracted" } else { "" };
                let subject = &c.entities[f.subject];
                let target = f.quote_span.is_some().then_some(Target::Fact(cf.fact));
                rows.push(Row {
                    parts: vec![
                        ("  ".into(), Tone::Text),
                        (one_line(&subject.name), Tone::Kind(subject.kind)),
                        (format!(" {} ", f.predicate), Tone::Dim),
                        (one_line(&fact_object(c, f)), Tone::Text),
                        (date, Tone::Dim),
                        (origin.into(), Tone::Dim),
                    ],
                    target: target.clone(),
                });
                let quote = format!("    \u{201c}{}\u{201d}", one_line(&f.quote));
                let tone = if f.quote_span.is_some() { Tone::Quote } else { Tone::Warn };
                rows.push(Row { parts: vec![(quote, tone)], target: target.clone() });
                let source = format!("    — {}", crate::analysis::xref::source_label(c, f.doc));
                rows.push(Row { parts: vec![(source, Tone::Dim)], target: target.clone() });
                if let Some(n) = &f.note {
                    rows.push(Row {
                        parts: vec![(format!("    note: {}", one_line(n)), Tone::Dim)],
                        target: target.clone(),
                    });
                }
                if let Some(k) = &cf.contradiction {
                    rows.push(Row { parts: vec![(format!("    ⚠ contradiction: {k}"), Tone::Warn)], target });
                }
            }
        }
        rows.push(Row::blank());
        rows.push(Row::text(format!("Documents ({})", self.documents_total), Tone::Heading));
        for r in &self.documents {
            let d = &c.docs[r.doc];
            let n = if r.author { "author".to_string() } else { format!("×{}", r.count) };
            let target = Some(Target::Doc(r.doc, r.first.clone()));
            rows.push(Row {
                parts: vec![
                    ("  ".into(), Tone::Text),
                    (one_line(&d.title), Tone::Text),
                    (format!("  {} · {n}", one_line(&d.shown_path)), Tone::Dim),
                ],
                target: target.clone(),
            });
            rows.push(Row {
                parts: vec![(format!("    {}", snippet(&d.body, &r.first, snippet_width)), Tone::Quote)],
                target,
            });
        }
        let more = self.documents_total - self.documents.len();
        if more > 0 {
            rows.push(Row::text(format!("  … {more} more: dossier refs {}", ent.id), Tone::Dim));
        }
        if self.related_total > 0 {
            rows.push(Row::blank());
            rows.push(Row::text(format!("Related ({})", self.related_total), Tone::Heading));
            for r in &self.related {
                let o = &c.entities[r.entity];
                rows.push(Row {
                    parts: vec![
                        ("  ".into(), Tone::Text),
                        (one_line(&o.name), Tone::Kind(o.kind)),
                        (format!("  {} · {}", o.kind, r.why), Tone::Dim),
                    ],
                    target: Some(Target::Entity(r.entity)),
                });
            }
            let more = self.related_total - self.related.len();
            if more > 0 {
                rows.push(Row::text(format!("  … {more} more: dossier refs {} --related", ent.id), Tone::Dim));
            }
        }
        rows
    }

    /// The card as one JSON object: the item's row fields, then `summary`, `attributes`,
    /// `facts` (each with its `contradiction`, or null), `documents_mentioning` (with
    /// `documents_total`) and `related` (with `related_total`).
    #[must_use]
    pub fn json(&self, c: &Corpus, snippet_width: usize) -> Value {
        let ent = &c.entities[self.entity];
        let facts: Vec<Value> = self
            .facts
            .iter()
            .map(|cf| {
                let mut v = crate::analysis::export::fact_json(c, &c.facts[cf.fact]);
                v["contradiction"] = json!(cf.contradiction);
                v
            })
            .collect();
        let docs: Vec<Value> = self
            .documents
            .iter()
            .map(|r| {
                json!({"id": c.docs[r.doc].id, "title": c.docs[r.doc].title, "count": r.count, "author": r.author,
                       "snippet": snippet(&c.docs[r.doc].body, &r.first, snippet_width)})
            })
            .collect();
        let related: Vec<Value> = self
            .related
            .iter()
            .map(|r| json!({"id": c.entities[r.entity].id, "name": c.entities[r.entity].name, "why": r.why}))
            .collect();
        json!({
            "summary": ent.summary, "attributes": ent.attributes, "parent": ent.parent.map(|p| &c.entities[p].id),
            "facts": facts, "documents_mentioning": docs, "documents_total": self.documents_total,
            "related": related, "related_total": self.related_total,
        })
    }
}

/// What the other sources of a contradiction say, for the card of one of its facts.
fn contradiction_note(c: &Corpus, all: &[Contradiction], fact: usize) -> Option<String> {
    let k = all.iter().find(|k| k.facts.contains(&fact))?;
    let others: Vec<String> = k.facts.iter().filter(|&&o| o != fact).map(|&o| k.side(c, o)).collect();
    Some(format!("{} says {}", k.about, others.join("; ")))
}

/// Everything a document's card shows (its text is the reader's, or printed after the card).
#[derive(Debug, Clone)]
pub struct DocCard {
    /// The document.
    pub doc: DocIdx,
    /// Entities it mentions, with counts, most first.
    pub entities: Vec<(EntIdx, usize)>,
}

impl DocCard {
    /// Builds the card of one document.
    #[must_use]
    pub fn build(c: &Corpus, d: DocIdx) -> Self {
        Self { doc: d, entities: xref::doc_entities(c, d) }
    }

    /// The line under a document's title, here and in the explorer's reader: date, author,
    /// kind, and the source address or else the path.
    #[must_use]
    pub fn meta(c: &Corpus, d: DocIdx) -> String {
        let doc = &c.docs[d];
        let mut meta: Vec<String> = Vec::new();
        meta.extend(doc.date.map(|d| d.to_string()));
        meta.extend(doc.author.as_deref().map(one_line));
        meta.push(doc.kind.to_string());
        meta.push(one_line(doc.url.as_deref().unwrap_or(&doc.path.to_string_lossy())));
        meta.join(" · ")
    }

    /// The card as rows: title, the meta line, id, path, source, keywords, mentions.
    #[must_use]
    pub fn rows(&self, c: &Corpus) -> Vec<Row> {
        let doc = &c.docs[self.doc];
        let mut rows =
            vec![Row::text(one_line(&doc.title), Tone::Title), Row::text(Self::meta(c, self.doc), Tone::Dim)];
        rows.push(Row::text(format!("id: {}", doc.id), Tone::Dim));
        rows.push(Row::text(format!("path: {}", one_line(&doc.path.to_string_lossy())), Tone::Dim));
        if let Some(u) = &doc.url {
            rows.push(Row::text(format!("source: {}", one_line(u)), Tone::Dim));
        }
        if !doc.keywords.is_empty() {
            rows.push(Row::text(format!("keywords: {}", one_line(&doc.keywords.join(", "))), Tone::Dim));
        }
        if !self.entities.is_empty() {
            let mut parts = vec![("mentions: ".to_string(), Tone::Dim)];
            for (i, (e, n)) in self.entities.iter().enumerate() {
                let sep = if i + 1 < self.entities.len() { ", " } else { "" };
                parts.push((one_line(&c.entities[*e].name), Tone::Kind(c.entities[*e].kind)));
                parts.push((format!(" ×{n}{sep}"), Tone::Dim));
            }
            rows.push(Row { parts, target: None });
        }
        rows
    }

    /// The card as one JSON object: `url`, `keywords`, `entities` (id and count), `body`.
    #[must_use]
    pub fn json(&self, c: &Corpus) -> Value {
        let doc = &c.docs[self.doc];
        let ents: Vec<Value> =
            self.entities.iter().map(|(e, n)| json!({"id": c.entities[*e].id, "count": n})).collect();
        json!({"url": doc.url, "keywords": doc.keywords, "entities": ents, "body": doc.body})
    }
}

/// The card of an item as rows.
#[must_use]
pub fn rows(c: &Corpus, item: Item, snippet_width: usize) -> Vec<Row> {
    match item {
        Item::Entity(e) => EntityCard::build(c, e).rows(c, snippet_width),
        Item::Doc(d) => DocCard::build(c, d).rows(c),
        Item::Candidate(i) => candidate_card(c, i),
    }
}

/// The card of an item as one JSON object: its summary row's fields and the card's.
#[must_use]
pub fn json(c: &Corpus, item: Item, snippet_width: usize) -> Value {
    let mut v = crate::analysis::summary::Row::of(c, item).json();
    let extra = match item {
        Item::Entity(e) => EntityCard::build(c, e).json(c, snippet_width),
        Item::Doc(d) => DocCard::build(c, d).json(c),
        Item::Candidate(i) => {
            let k = &c.candidates[i];
            json!({"guess": k.guess.map(EntityKind::as_str), "docs": k.docs, "snippet": k.snippet})
        }
    };
    if let (Some(o), Some(x)) = (v.as_object_mut(), extra.as_object()) {
        o.extend(x.clone());
    }
    v
}

/// One candidate's card: its name, the kind it leans to, its count, a snippet, its documents.
fn candidate_card(c: &Corpus, i: usize) -> Vec<Row> {
    let k = &c.candidates[i];
    let guess = k.guess.map_or_else(|| "no kind".to_string(), |g| format!("leans to {g}"));
    let mut rows = vec![
        Row::text(one_line(&k.name), Tone::Title),
        Row::text(
            format!("candidate · {guess} · ×{} in {}", k.count, count(k.docs.len(), "document", "documents")),
            Tone::Dim,
        ),
        Row::blank(),
        Row::text(format!("    {}", one_line(&k.snippet)), Tone::Quote),
        Row::blank(),
        Row::text(format!("Documents ({})", k.docs.len()), Tone::Heading),
    ];
    for id in &k.docs {
        if let Some(d) = c.doc_by_id(id) {
            rows.push(Row {
                parts: vec![("  ".into(), Tone::Text), (one_line(&c.docs[d].title), Tone::Text)],
                target: Some(Target::Doc(d, 0..0)),
            });
        }
    }
    rows
}

/// The problems with the input as rows: severity, file (with line and column) and reason;
/// opening one opens the document when it was loaded.
#[must_use]
pub fn problem_rows(c: &Corpus) -> Vec<Row> {
    let mut rows = vec![
        Row::text(format!("Problems ({})", c.problems.len()), Tone::Title),
        Row::text("Enter opens the document when it loaded; `dossier check` prints them", Tone::Dim),
        Row::blank(),
    ];
    if c.problems.is_empty() {
        rows.push(Row::text("  none: every file was read", Tone::Dim));
    }
    for p in &c.problems {
        let target = c.docs.iter().position(|d| d.path == p.path).map(|d| Target::Doc(d, 0..0));
        let tone = if p.severity == crate::model::Severity::Note { Tone::Dim } else { Tone::Warn };
        rows.push(Row { parts: vec![(format!("  {}", one_line(&p.to_string())), tone)], target });
    }
    rows
}

/// The candidates as rows: each unsure name with its count, the kind it leans to, how many
/// documents, and a snippet; opening one opens its first document.
#[must_use]
pub fn candidate_rows(c: &Corpus, snippet_width: usize) -> Vec<Row> {
    let mut rows = vec![
        Row::text(format!("Candidates ({})", c.candidates.len()), Tone::Title),
        Row::text(
            "Names discovery was unsure of; Enter opens the first document; `dossier suggest` prints them",
            Tone::Dim,
        ),
        Row::blank(),
    ];
    for (i, cand) in c.candidates.iter().enumerate() {
        let target = Some(Target::Candidate(i, cand.docs.first().and_then(|id| c.doc_by_id(id))));
        let tone = cand.guess.map_or(Tone::Text, Tone::Kind);
        let guess = cand.guess.map(|k| format!(" · {k}?")).unwrap_or_default();
        rows.push(Row {
            parts: vec![
                ("  ".into(), Tone::Text),
                (one_line(&cand.name), tone),
                (format!("  ×{}{guess} · {}", cand.count, count(cand.docs.len(), "document", "documents")), Tone::Dim),
            ],
            target: target.clone(),
        });
        let snip: String = one_line(&cand.snippet).chars().take(snippet_width.max(10)).collect();
        rows.push(Row { parts: vec![(format!("    {snip}"), Tone::Quote)], target });
    }
    rows
}

/// Which events the timeline shows: those of one entity (facts about it and dated sentences
/// that mention it, its generations included), those in a range of dates, or all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TimelineFilter {
    /// Only this entity's events.
    pub entity: Option<EntIdx>,
    /// Only events in these dates.
    pub range: Option<timeline::DateRange>,
}

impl TimelineFilter {
    /// Whether it keeps every event.
    #[must_use]
    pub fn is_all(&self) -> bool {
        self.entity.is_none() && self.range.is_none()
    }

    /// What it keeps, for a title: `Andy Jassy · 2024-03..2025-01`; empty when all.
    #[must_use]
    pub fn label(&self, c: &Corpus) -> String {
        let mut parts = Vec::new();
        if let Some(e) = self.entity.and_then(|e| c.entities.get(e)) {
            parts.push(one_line(&e.name));
        }
        if let Some(r) = self.range {
            parts.push(r.to_string());
        }
        parts.join(" · ")
    }
}

/// The timeline as rows: one per event, date first; contradictions flagged.
#[must_use]
pub fn timeline_rows(c: &Corpus) -> Vec<Row> {
    timeline_rows_of(c, &timeline::build(c), TimelineFilter::default())
}

/// The rows of the events of a built timeline that `filter` keeps. Linear in the events.
#[must_use]
pub fn timeline_rows_of(c: &Corpus, t: &timeline::Timeline, filter: TimelineFilter) -> Vec<Row> {
    let family: Vec<EntIdx> = filter.entity.map(|e| [&[e][..], c.children(e)].concat()).unwrap_or_default();
    let kept: Vec<&timeline::Event> = t
        .events
        .iter()
        .filter(|e| filter.entity.is_none() || e.entities.iter().any(|x| family.contains(x)))
        .filter(|e| filter.range.is_none_or(|r| r.contains(&e.when)))
        .collect();
    let contradictions: std::collections::BTreeSet<usize> = kept.iter().filter_map(|e| e.contradiction).collect();
    let of = if filter.is_all() { String::new() } else { format!(" of {}", filter.label(c).replace(" · ", ", ")) };
    let mut rows = vec![
        Row::text(
            format!(
                "Timeline{of} ({}, {})",
                count(kept.len(), "event", "events"),
                count(
                    if filter.is_all() { t.contradictions.len() } else { contradictions.len() },
                    "contradiction",
                    "contradictions"
                )
            ),
            Tone::Title,
        ),
        Row::text("Enter opens the source at the quote; ⚠ marks sources that disagree", Tone::Dim),
        Row::blank(),
    ];
    for e in kept {
        let mut parts = vec![(format!("{:<11}", e.when.to_string()), Tone::Heading)];
        if e.contradiction.is_some() {
            parts.push(("⚠ ".into(), Tone::Warn));
        }
        parts.push((one_line(&e.text), Tone::Text));
        parts.push((format!("  — {}", crate::analysis::xref::source_label(c, e.doc)), Tone::Dim));
        if let Some(k) = e.contradiction {
            parts.push((format!("  contradiction: the {} differs", t.contradictions[k].about), Tone::Warn));
        }
        let at = if e.span.is_empty() { 0..0 } else { e.span.clone() };
        rows.push(Row { parts, target: Some(Target::Doc(e.doc, at)) });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::LoadOptions;

    #[test]
    fn each_candidate_has_rows_of_its_own_even_when_they_share_a_document() {
        let mut c = Corpus::load(&LoadOptions::default(), &|_| {});
        let doc = c.docs[0].id.clone();
        c.candidates = ["Acme Robotics", "GNOME", "XFCE"]
            .map(|n| crate::recognize::discover::Candidate {
                name: n.into(),
                guess: None,
                count: 1,
                docs: vec![doc.clone()],
                snippet: n.into(),
            })
            .into();
        let rows = candidate_rows(&c, 40);
        let targets: Vec<usize> = rows
            .iter()
            .filter_map(|r| match r.target {
                Some(Target::Candidate(i, _)) => Some(i),
                _ => None,
            })
            .collect();
        let expected: Vec<usize> = (0..c.candidates.len()).flat_map(|i| [i, i]).collect();
        assert_eq!(targets, expected);
    }

    #[test]
    fn a_card_lists_facts_documents_and_related_entities_that_open() {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        let e = c.entity_by_id("peter-desantis").expect("there");
        let rows = EntityCard::build(&c, e).rows(&c, 74);
        assert_eq!(rows[0].plain(), "Peter DeSantis");
        assert!(rows.iter().any(|r| r.plain().starts_with("Facts (")));
        assert!(rows.iter().any(|r| matches!(r.target, Some(Target::Entity(x)) if c.entities[x].id == "andy-jassy")));
    }

    #[test]
    fn related_predicates_are_listed_once_and_paragraphs_counted_in_words() {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        for e in 0..c.entities.len() {
            for r in EntityCard::build(&c, e).related {
                let preds: Vec<&str> = r.why.split(';').next().unwrap_or("").split(", ").collect();
                let mut unique = preds.clone();
                unique.dedup();
                assert_eq!(preds, unique, "{}: {}", c.entities[e].id, r.why);
                assert!(
                    !r.why.contains(" 1 shared paragraphs") && !r.why.starts_with("1 shared paragraphs"),
                    "{}",
                    r.why
                );
            }
        }
    }

    #[test]
    fn a_card_lists_at_most_card_limit_documents_and_points_to_the_rest() {
        let mut problems = Vec::new();
        let docs = (0..CARD_LIMIT + 50)
            .map(|i| {
                let text = format!("Report {i}\n\nCEO Maria Lopez said so.\n");
                crate::ingest::source::parse(std::path::Path::new(&format!("d{i}.txt")), text.as_bytes(), &mut problems)
                    .expect("a document")
            })
            .collect();
        let c = Corpus::from_documents(docs, None, true);
        let e = c.entity_by_id("maria-lopez").expect("discovered");
        let rows = EntityCard::build(&c, e).rows(&c, 74);
        let text: Vec<String> = rows.iter().map(Row::plain).collect();
        assert!(text.iter().any(|t| t == &format!("Documents ({})", CARD_LIMIT + 50)));
        assert!(text.iter().any(|t| t == "  … 50 more: dossier refs maria-lopez"), "{text:?}");
        assert_eq!(rows.iter().filter(|r| matches!(r.target, Some(Target::Doc(..)))).count(), 2 * CARD_LIMIT);
        let j = json(&c, Item::Entity(e), 74);
        assert_eq!(j["documents_mentioning"].as_array().map(Vec::len), Some(CARD_LIMIT));
        assert_eq!(j["documents_total"], CARD_LIMIT + 50);
    }
}
