//! Lists of rows that can be opened: the entity card (attributes, facts with sources,
//! documents with snippets, related entities) and the timeline. Built once per subject and
//! width, outside the draw.

use std::ops::Range;

use crate::analysis::xref::{self, fact_object};
use crate::corpus::Corpus;
use crate::model::{DocIdx, EntIdx, EntityKind, FactObject};
use crate::text::sanitize::one_line;

/// How a piece of a row is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// The entity's name.
    Title,
    /// A section heading.
    Heading,
    /// Plain text.
    Text,
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
}

/// One line of the card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Pieces of text with their tone.
    pub parts: Vec<(String, Tone)>,
    /// Where Enter on this row goes, if anywhere.
    pub target: Option<Target>,
}

impl Row {
    fn text(s: impl Into<String>, tone: Tone) -> Self {
        Self { parts: vec![(s.into(), tone)], target: None }
    }

    fn blank() -> Self {
        Self { parts: Vec::new(), target: None }
    }
}

/// How many documents and related entities a card lists; the rest are a command away.
pub const CARD_LIMIT: usize = 200;

/// The rows of an entity card at a width.
#[must_use]
pub fn entity_rows(c: &Corpus, e: EntIdx, width: u16) -> Vec<Row> {
    let w = usize::from(width).max(10);
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
            parts: vec![("part of ".into(), Tone::Dim), (c.entities[p].name.clone(), Tone::Kind(c.entities[p].kind))],
            target: Some(Target::Entity(p)),
        });
    }
    if let Some(s) = &ent.summary {
        rows.push(Row::blank());
        for r in super::reader::wrap(&one_line(s), w) {
            rows.push(Row::text(one_line(s)[r].to_string(), Tone::Text));
        }
    }
    if !ent.attributes.is_empty() {
        rows.push(Row::blank());
        rows.push(Row::text("Attributes", Tone::Heading));
        for (k, v) in &ent.attributes {
            rows.push(Row { parts: vec![(format!("  {k}: "), Tone::Dim), (one_line(v), Tone::Text)], target: None });
        }
    }
    let facts: Vec<usize> =
        (0..c.facts.len()).filter(|&i| c.facts[i].subject == e || c.facts[i].object == FactObject::Entity(e)).collect();
    let contradictions = crate::analysis::timeline::contradictions(c);
    if !facts.is_empty() {
        rows.push(Row::blank());
        rows.push(Row::text(format!("Facts ({})", facts.len()), Tone::Heading));
        for i in facts {
            let f = &c.facts[i];
            let date = f.date.map(|d| format!(" [{d}]")).unwrap_or_default();
            let subject = &c.entities[f.subject];
            let target = f.quote_span.clone().map(|s| Target::Doc(f.doc, s));
            rows.push(Row {
                parts: vec![
                    ("  ".into(), Tone::Text),
                    (subject.name.clone(), Tone::Kind(subject.kind)),
                    (format!(" {} ", f.predicate), Tone::Dim),
                    (one_line(&fact_object(c, f)), Tone::Text),
                    (date, Tone::Dim),
                ],
                target: target.clone(),
            });
            let quote = format!("    \u{201c}{}\u{201d} — {}", one_line(&f.quote), c.docs[f.doc].id);
            let tone = if f.quote_span.is_some() { Tone::Quote } else { Tone::Warn };
            rows.push(Row { parts: vec![(quote, tone)], target: target.clone() });
            if let Some(k) = contradictions.iter().find(|k| k.facts.contains(&i)) {
                let others: Vec<String> = k.facts.iter().filter(|&&o| o != i).map(|&o| k.side(c, o)).collect();
                rows.push(Row {
                    parts: vec![(format!("    ⚠ contradiction: {} says {}", k.about, others.join("; ")), Tone::Warn)],
                    target,
                });
            }
        }
    }
    let docs = xref::entity_docs(c, e);
    rows.push(Row::blank());
    rows.push(Row::text(format!("Documents ({})", docs.len()), Tone::Heading));
    let more_docs = docs.len().saturating_sub(CARD_LIMIT);
    for r in docs.into_iter().take(CARD_LIMIT) {
        let d = &c.docs[r.doc];
        let count = if r.author { "author".to_string() } else { format!("×{}", r.count) };
        let target = Some(Target::Doc(r.doc, r.first.clone()));
        rows.push(Row {
            parts: vec![("  ".into(), Tone::Text), (one_line(&d.title), Tone::Text), (format!("  {count}"), Tone::Dim)],
            target: target.clone(),
        });
        rows.push(Row {
            parts: vec![(
                format!("    {}", crate::text::span::snippet(&d.body, &r.first, w.saturating_sub(6))),
                Tone::Quote,
            )],
            target,
        });
    }
    if more_docs > 0 {
        rows.push(Row::text(format!("  … {more_docs} more: dossier refs {}", ent.id), Tone::Dim));
    }
    let related = xref::related(c, e);
    if !related.is_empty() {
        rows.push(Row::blank());
        rows.push(Row::text(format!("Related ({})", related.len()), Tone::Heading));
        let more = related.len().saturating_sub(CARD_LIMIT);
        for r in related.into_iter().take(CARD_LIMIT) {
            let o = &c.entities[r.entity];
            let preds: Vec<&str> = r.facts.iter().map(|&f| c.facts[f].predicate.as_str()).collect();
            let mut why = preds.join(", ");
            if r.co_mentions > 0 {
                if !why.is_empty() {
                    why.push_str("; ");
                }
                let plural = if r.co_mentions == 1 { "" } else { "s" };
                why += &[r.co_mentions.to_string(), format!(" shared paragraph{plural}")].concat();
            }
            rows.push(Row {
                parts: vec![
                    ("  ".into(), Tone::Text),
                    (o.name.clone(), Tone::Kind(o.kind)),
                    (format!("  {} · {why}", o.kind), Tone::Dim),
                ],
                target: Some(Target::Entity(r.entity)),
            });
        }
        if more > 0 {
            rows.push(Row::text(format!("  … {more} more: dossier refs {} --related", ent.id), Tone::Dim));
        }
    }
    rows
}

/// What a list of rows shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// An entity's card.
    Entity(EntIdx),
    /// The timeline.
    Timeline,
}

/// The timeline: one row per event, date first; contradictions flagged.
#[must_use]
pub fn timeline_rows(c: &Corpus) -> Vec<Row> {
    let t = crate::analysis::timeline::build(c);
    let mut rows = vec![
        Row::text(
            format!("Timeline ({} events, {} contradictions)", t.events.len(), t.contradictions.len()),
            Tone::Title,
        ),
        Row::text("Enter opens the source at the quote; ⚠ marks sources that disagree", Tone::Dim),
        Row::blank(),
    ];
    for e in &t.events {
        let date = match &e.when {
            crate::analysis::timeline::When::Date(d) => d.to_string(),
            crate::analysis::timeline::When::Relative(r) => format!("({r})"),
        };
        let mut parts = vec![(format!("{date:<11}"), Tone::Heading)];
        if e.contradiction.is_some() {
            parts.push(("⚠ ".into(), Tone::Warn));
        }
        parts.push((one_line(&e.text), Tone::Text));
        parts.push((format!("  — {}", c.docs[e.doc].id), Tone::Dim));
        if let Some(k) = e.contradiction {
            parts.push((format!("  contradiction: the {} differs", t.contradictions[k].about), Tone::Warn));
        }
        let at = if e.span.is_empty() { 0..0 } else { e.span.clone() };
        rows.push(Row { parts, target: Some(Target::Doc(e.doc, at)) });
    }
    rows
}

/// A list of rows' state: which row is selected, how far it is scrolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows {
    /// Index of the selected row (always a row with a target, when there is one).
    pub selected: usize,
    /// First row shown.
    pub scroll: usize,
}

impl Default for Rows {
    fn default() -> Self {
        Self { selected: usize::MAX, scroll: 0 }
    }
}

impl Rows {
    /// Moves the selection by `delta` openable rows, then keeps it in view.
    pub fn step(&mut self, rows: &[Row], delta: isize) {
        let openable: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].target.is_some()).collect();
        if openable.is_empty() {
            self.scroll = self.scroll.saturating_add_signed(delta);
            return;
        }
        // Two rows (a fact and its quote) share a target: step over whole targets.
        let groups: Vec<usize> =
            openable.iter().copied().filter(|&i| i == 0 || rows[i - 1].target != rows[i].target).collect();
        let next = match groups.iter().rposition(|&g| g <= self.selected) {
            Some(at) => at.saturating_add_signed(delta),
            None => usize::from(delta > 0).saturating_sub(1),
        };
        let next = next.min(groups.len() - 1);
        self.selected = groups[next];
    }

    /// Keeps the selection valid and visible in a view of `height` rows.
    pub fn settle(&mut self, rows: &[Row], height: usize) {
        if self.selected >= rows.len() || rows[self.selected].target.is_none() {
            if let Some(first) = rows.iter().position(|r| r.target.is_some()) {
                if self.selected == usize::MAX || self.selected >= rows.len() {
                    self.selected = first;
                }
            }
        }
        let height = height.max(1);
        if self.selected < rows.len() {
            if self.selected < self.scroll {
                self.scroll = self.selected.saturating_sub(1);
            } else if self.selected + 2 > self.scroll + height {
                self.scroll = (self.selected + 2).saturating_sub(height);
            }
        }
        self.scroll = self.scroll.min(rows.len().saturating_sub(1));
    }

    /// The selected row's target.
    #[must_use]
    pub fn target<'r>(&self, rows: &'r [Row]) -> Option<&'r Target> {
        rows.get(self.selected).and_then(|r| r.target.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::LoadOptions;

    #[test]
    fn a_card_lists_facts_documents_and_related_entities_that_open() {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        let e = c.entity_by_id("peter-desantis").expect("there");
        let rows = entity_rows(&c, e, 80);
        let text = |r: &Row| r.parts.iter().map(|p| p.0.as_str()).collect::<String>();
        assert_eq!(text(&rows[0]), "Peter DeSantis");
        assert!(rows.iter().any(|r| text(r).starts_with("Facts (")));
        assert!(rows.iter().any(|r| matches!(r.target, Some(Target::Entity(x)) if c.entities[x].id == "andy-jassy")));
        let mut card = Rows::default();
        card.settle(&rows, 20);
        assert!(matches!(card.target(&rows), Some(Target::Doc(..))), "the first openable row is a fact");
        let first = card.selected;
        card.step(&rows, 1);
        assert!(card.selected > first + 1, "a fact and its quote are one step");
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
        let rows = entity_rows(&c, e, 80);
        let text: Vec<String> = rows.iter().map(|r| r.parts.iter().map(|p| p.0.as_str()).collect()).collect();
        assert!(text.iter().any(|t| t == &format!("Documents ({})", CARD_LIMIT + 50)));
        assert!(text.iter().any(|t| t == "  … 50 more: dossier refs maria-lopez"), "{text:?}");
        assert_eq!(rows.iter().filter(|r| matches!(r.target, Some(Target::Doc(..)))).count(), 2 * CARD_LIMIT);
    }
}
