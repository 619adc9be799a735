//! `dossier show`: a readable card for an entity or a document, as text or JSON.

use std::fmt::Write as _;
use std::ops::Range;

use serde_json::json;

use crate::analysis::xref;
use crate::analysis::xref::fact_object;
use crate::corpus::Corpus;
use crate::model::Item;
use crate::model::{Fact, FactObject};

/// A line cut to about `width` characters around `m`, made safe for the terminal; the match
/// in bold red when `color`.
#[must_use]
pub fn excerpt(line: &str, m: Range<usize>, width: usize, color: bool) -> String {
    let start = if m.start > width / 2 { line.floor_char_boundary(m.start - width / 2) } else { 0 };
    let end = line.ceil_char_boundary((m.end + width / 2).min(line.len()).max(m.end));
    let safe = crate::text::sanitize::visible;
    let mut s = String::new();
    if start > 0 {
        s.push('…');
    }
    s.push_str(&safe(&line[start..m.start]));
    if color {
        let _ = write!(s, "\x1b[1;31m{}\x1b[0m", safe(&line[m.clone()]));
    } else {
        s.push_str(&safe(&line[m.clone()]));
    }
    s.push_str(&safe(&line[m.end..end]));
    if end < line.len() {
        s.push('…');
    }
    s
}

/// The card as text.
#[must_use]
pub fn text(c: &Corpus, item: Item, raw: bool) -> String {
    let safe = |s: &str| {
        if raw {
            s.to_string()
        } else {
            crate::text::sanitize::visible(s).into_owned()
        }
    };
    let mut s = String::new();
    match item {
        Item::Entity(e) => {
            let ent = &c.entities[e];
            let _ = writeln!(s, "{}\n{} · {} · id {}", safe(&ent.name), ent.kind, ent.origin, ent.id);
            if !ent.aliases.is_empty() {
                let _ = writeln!(s, "also: {}", safe(&ent.aliases.join(", ")));
            }
            if let Some(p) = ent.parent {
                let _ = writeln!(s, "part of: {}", c.entities[p].name);
            }
            if let Some(sum) = &ent.summary {
                let _ = writeln!(s, "\n{}", safe(sum));
            }
            if !ent.attributes.is_empty() {
                let _ = writeln!(s, "\nAttributes");
                for (k, v) in &ent.attributes {
                    let _ = writeln!(s, "  {k}: {}", safe(v));
                }
            }
            let facts: Vec<&Fact> =
                c.facts.iter().filter(|f| f.subject == e || f.object == FactObject::Entity(e)).collect();
            if !facts.is_empty() {
                let _ = writeln!(s, "\nFacts");
                for f in facts {
                    let date = f.date.map(|d| format!(" [{d}]")).unwrap_or_default();
                    let _ = writeln!(
                        s,
                        "  {} {} {}{date}",
                        c.entities[f.subject].name,
                        f.predicate,
                        safe(&fact_object(c, f))
                    );
                    let _ = writeln!(s, "    \u{201c}{}\u{201d} ({})", safe(&f.quote), c.docs[f.doc].id);
                    if let Some(n) = &f.note {
                        let _ = writeln!(s, "    note: {}", safe(n));
                    }
                }
            }
            let docs = xref::entity_docs(c, e);
            let _ = writeln!(s, "\nDocuments ({})", docs.len());
            for r in docs {
                let d = &c.docs[r.doc];
                let _ = writeln!(s, "  {} ×{}  {}", d.id, r.count, crate::text::sanitize::one_line(&d.title));
                let _ = writeln!(s, "    {}", crate::text::span::snippet(&d.body, &r.first, 90));
            }
            let related = xref::related(c, e);
            if !related.is_empty() {
                let _ = writeln!(s, "\nRelated");
                for r in related.iter().take(15) {
                    let preds: Vec<&str> = r.facts.iter().map(|&f| c.facts[f].predicate.as_str()).collect();
                    let why = match (preds.is_empty(), r.co_mentions) {
                        (false, 0) => preds.join(", "),
                        (false, n) => format!("{}; {n} shared paragraphs", preds.join(", ")),
                        (true, n) => format!("{n} shared paragraphs"),
                    };
                    let o = &c.entities[r.entity];
                    let _ = writeln!(s, "  {} ({}) — {why}", o.name, o.kind);
                }
            }
        }
        Item::Doc(d) => {
            let doc = &c.docs[d];
            let _ = writeln!(s, "{}", safe(&doc.title));
            let mut meta = vec![doc.id.clone(), doc.kind.to_string()];
            meta.extend(doc.date.map(|d| d.to_string()));
            meta.extend(doc.author.as_deref().map(safe));
            let _ = writeln!(s, "{}", meta.join(" · "));
            let _ = writeln!(s, "path: {}", safe(&doc.path.to_string_lossy()));
            if let Some(u) = &doc.url {
                let _ = writeln!(s, "source: {}", safe(u));
            }
            if !doc.keywords.is_empty() {
                let _ = writeln!(s, "keywords: {}", safe(&doc.keywords.join(", ")));
            }
            let ents = xref::doc_entities(c, d);
            if !ents.is_empty() {
                let names: Vec<String> = ents.iter().map(|(e, n)| format!("{} ×{n}", c.entities[*e].name)).collect();
                let _ = writeln!(s, "mentions: {}", names.join(", "));
            }
            let _ = writeln!(s, "\n{}", safe(doc.body.trim_end()));
        }
    }
    s
}

/// The card as one JSON object.
#[must_use]
pub fn json(c: &Corpus, item: Item) -> serde_json::Value {
    let mut v = crate::analysis::summary::Row::of(c, item).json();
    let extra = match item {
        Item::Entity(e) => {
            let ent = &c.entities[e];
            let facts: Vec<serde_json::Value> = c
                .facts
                .iter()
                .filter(|f| f.subject == e || f.object == FactObject::Entity(e))
                .map(|f| crate::analysis::export::fact_json(c, f))
                .collect();
            let docs: Vec<serde_json::Value> = xref::entity_docs(c, e)
                .iter()
                .map(|r| json!({"id": c.docs[r.doc].id, "count": r.count, "snippet": crate::text::span::snippet(&c.docs[r.doc].body, &r.first, 90)}))
                .collect();
            json!({"summary": ent.summary, "attributes": ent.attributes, "facts": facts, "documents_mentioning": docs})
        }
        Item::Doc(d) => {
            let doc = &c.docs[d];
            let ents: Vec<serde_json::Value> =
                xref::doc_entities(c, d).iter().map(|(e, n)| json!({"id": c.entities[*e].id, "count": n})).collect();
            json!({"url": doc.url, "keywords": doc.keywords, "entities": ents, "body": doc.body})
        }
    };
    if let (Some(o), Some(x)) = (v.as_object_mut(), extra.as_object()) {
        o.extend(x.clone());
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_safe_and_cut_around_the_match() {
        let line = format!("{}\u{1b}[2JNEEDLE{}", "a".repeat(300), "b".repeat(300));
        let at = line.find("NEEDLE").expect("there");
        let e = excerpt(&line, at..at + 6, 40, false);
        assert!(e.starts_with('…') && e.ends_with('…') && e.contains("␛[2JNEEDLE"), "{e}");
        assert!(!e.contains('\u{1b}'));
    }
}
