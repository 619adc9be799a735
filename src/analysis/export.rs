//! `dossier export`: the whole model as one JSON document. The schema is in the README.

use serde_json::{json, Value};

use crate::corpus::Corpus;
use crate::model::{Fact, FactObject, FactOrigin};

/// The version of the export schema; bumped when a field changes meaning or goes away.
pub const SCHEMA_VERSION: u32 = 1;

/// One fact as JSON: the object is `{"entity": id}` or `{"value": text}`; `start`/`end` give
/// the quote's byte span in the document body (null when the quote is missing).
#[must_use]
pub fn fact_json(c: &Corpus, f: &Fact) -> Value {
    let object = match &f.object {
        FactObject::Entity(e) => json!({"entity": c.entities[*e].id}),
        FactObject::Value(v) => json!({"value": v}),
    };
    // The quote is the text as it stands in the document (`body[start..end]`); the catalog's
    // spelling, when it differs (a straight apostrophe for a curly one), is `catalog_quote`.
    let in_text = f.quote_span.as_ref().map(|s| &c.docs[f.doc].body[s.clone()]);
    let catalog_quote = in_text.filter(|t| *t != f.quote).map(|_| f.quote.as_str());
    json!({
        "subject": c.entities[f.subject].id, "predicate": f.predicate, "object": object, "value": f.value,
        "date": f.date, "doc": c.docs[f.doc].id, "quote": in_text.unwrap_or(&f.quote), "catalog_quote": catalog_quote,
        "start": f.quote_span.as_ref().map(|s| s.start), "end": f.quote_span.as_ref().map(|s| s.end),
        "note": f.note, "cumulative": f.cumulative, "origin": f.origin.label(),
        "dated_by_document": f.origin == FactOrigin::ExtractedDatedByDocument,
    })
}

/// The whole model.
#[must_use]
pub fn export(c: &Corpus) -> Value {
    let documents: Vec<Value> = c
        .docs
        .iter()
        .map(|d| {
            json!({
                "id": d.id, "path": d.path.to_string_lossy(), "title": d.title, "date": d.date,
                "author": d.author, "url": d.url, "kind": d.kind, "keywords": d.keywords, "body": d.body,
            })
        })
        .collect();
    let entities: Vec<Value> = c
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| {
            json!({
                "id": e.id, "kind": e.kind, "name": e.name, "aliases": e.aliases, "summary": e.summary,
                "attributes": e.attributes, "origin": e.origin,
                "parent": e.parent.map(|p| c.entities[p].id.clone()), "mentions": c.mention_count(i),
            })
        })
        .collect();
    let mentions: Vec<Value> = c
        .mentions
        .iter()
        .map(|m| {
            json!({
                "entity": c.entities[m.entity()].id, "doc": c.docs[m.doc()].id, "start": m.span().start,
                "end": m.span().end, "surface": &c.docs[m.doc()].body[m.span()], "how": m.how,
            })
        })
        .collect();
    let facts: Vec<Value> = c.facts.iter().map(|f| fact_json(c, f)).collect();
    json!({
        "schema_version": SCHEMA_VERSION,
        "stats": c.stats,
        "documents": documents,
        "entities": entities,
        "mentions": mentions,
        "facts": facts,
        "candidates": c.candidates,
        "problems": c.problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::LoadOptions;

    #[test]
    fn mention_spans_slice_the_body_to_the_surface() {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        let v = export(&c);
        let docs = v["documents"].as_array().expect("documents");
        let mentions = v["mentions"].as_array().expect("mentions");
        assert!(mentions.len() > 100);
        for m in mentions {
            let doc = docs.iter().find(|d| d["id"] == m["doc"]).expect("doc exists");
            let body = doc["body"].as_str().expect("body");
            let (s, e) = (m["start"].as_u64().expect("start") as usize, m["end"].as_u64().expect("end") as usize);
            assert_eq!(&body[s..e], m["surface"].as_str().expect("surface"));
        }
    }
}
