//! `dossier export`: the whole model as one JSON document. The schema is in the README.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
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

/// The whole model, written as the serializer asks for it: each document, entity, mention
/// and fact is turned into JSON and written one at a time, so memory stays that of the model
/// (a tree of every mention first took 12.9 GB at 100,000 documents). Keys come out sorted,
/// as in a `serde_json::Value`.
pub struct Export<'a>(pub &'a Corpus);

impl Serialize for Export<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let mut m = s.serialize_map(Some(8))?;
        m.serialize_entry("candidates", &sorted::<_, S::Error>(&c.candidates)?)?;
        m.serialize_entry(
            "documents",
            &Seq(|| {
                c.docs.iter().map(|d| {
                    json!({
                        "id": d.id, "path": d.path.to_string_lossy(), "title": d.title, "date": d.date,
                        "author": d.author, "url": d.url, "kind": d.kind, "keywords": d.keywords, "body": d.body,
                    })
                })
            }),
        )?;
        m.serialize_entry(
            "entities",
            &Seq(|| {
                c.entities.iter().enumerate().map(|(i, e)| {
                    json!({
                        "id": e.id, "kind": e.kind, "name": e.name, "aliases": e.aliases, "summary": e.summary,
                        "attributes": e.attributes, "origin": e.origin,
                        "parent": e.parent.map(|p| c.entities[p].id.clone()), "mentions": c.mention_count(i),
                    })
                })
            }),
        )?;
        m.serialize_entry("facts", &Seq(|| c.facts.iter().map(|f| fact_json(c, f))))?;
        m.serialize_entry(
            "mentions",
            &Seq(|| {
                c.mentions.iter().map(|m| {
                    json!({
                        "entity": c.entities[m.entity()].id, "doc": c.docs[m.doc()].id, "start": m.span().start,
                        "end": m.span().end, "surface": &c.docs[m.doc()].body[m.span()], "how": m.how,
                    })
                })
            }),
        )?;
        m.serialize_entry("problems", &sorted::<_, S::Error>(&c.problems)?)?;
        m.serialize_entry("schema_version", &SCHEMA_VERSION)?;
        m.serialize_entry("stats", &sorted::<_, S::Error>(&c.stats)?)?;
        m.end()
    }
}

/// A sequence whose items are made only as they are written.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// A small part of the model as a `serde_json::Value`, so that its keys come out sorted like
/// the rest of the export.
fn sorted<T: Serialize, E: serde::ser::Error>(v: &T) -> Result<Value, E> {
    serde_json::to_value(v).map_err(E::custom)
}

/// The whole model as one `serde_json::Value` (for tests and small folders).
#[must_use]
pub fn export(c: &Corpus) -> Value {
    serde_json::to_value(Export(c)).unwrap_or(Value::Null)
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
