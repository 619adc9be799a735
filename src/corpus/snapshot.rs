//! The whole linked model in a form that can be written to a file and read back: documents
//! (with their text), entities, mentions, facts, candidates, problems, and what each file read
//! became, so that a reopened folder needs neither reading nor linking
//! (`crate::shared::cache` keeps it). Reading it back gives the same model a load gave: the
//! indexes (mentions by document and entity, ids) are rebuilt from it in linear time.
//!
//! The text is stored rather than read again from the files (the cache writes it after this,
//! and reads it straight into each document's buffer): reading one file is much faster than
//! opening 100,000, and mention spans index the text in memory.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Corpus, FileRead, LoadStats, Original};
use crate::model::{
    DocIdx, DocKind, Document, EntIdx, Entity, EntityKind, Fact, FactObject, FactOrigin, MatchHow, MatchRule, Mention,
    Origin, Problem,
};
use crate::recognize::discover::Candidate;
use crate::text::date::PartialDate;

/// The model as written to the cache, apart from the text and the mentions. Borrowed from a
/// corpus when written, owned when read.
#[derive(Serialize, Deserialize)]
struct Snapshot<'a> {
    docs: Vec<Doc<'a>>,
    entities: Vec<Ent<'a>>,
    facts: Vec<FactRow<'a>>,
    candidates: Cow<'a, [Candidate]>,
    problems: Cow<'a, [Problem]>,
    stats: LoadStats,
    catalog_failed: bool,
    catalog_path: Option<PathBuf>,
    authors: Cow<'a, [(DocIdx, EntIdx)]>,
    files: Vec<FileRow<'a>>,
    originals: Vec<(DocIdx, Orig<'a>)>,
}

/// Bytes per mention: entity, document, start, end (`u32` each) and how it matched.
const MENTION: usize = 17;

fn take_u64(b: &[u8]) -> Option<(u64, &[u8])> {
    let (head, rest) = b.split_first_chunk::<8>()?;
    Some((u64::from_le_bytes(*head), rest))
}

fn how_out(h: MatchHow) -> u8 {
    match h {
        MatchHow::Exact => 0,
        MatchHow::Alias => 1,
        MatchHow::ShortForm => 2,
        MatchHow::Fuzzy => 3,
    }
}

fn how_in(h: u8) -> MatchHow {
    match h {
        0 => MatchHow::Exact,
        1 => MatchHow::Alias,
        2 => MatchHow::ShortForm,
        _ => MatchHow::Fuzzy,
    }
}

/// A model decoded but for its text.
pub struct Decoded {
    snapshot: Snapshot<'static>,
    mentions: Vec<Mention>,
}

impl Decoded {
    /// The model with its documents' text (one per document, in order); `None` when they do
    /// not fit it.
    #[must_use]
    pub fn with_texts(self, bodies: Vec<String>) -> Option<Corpus> {
        Corpus::from_snapshot(self.snapshot, self.mentions, bodies)
    }
}

/// A date as (year, month, day): dates serialise as text for JSON.
type Date = (i32, Option<u8>, Option<u8>);

fn date_out(d: Option<PartialDate>) -> Option<Date> {
    d.map(|d| (d.year, d.month, d.day))
}

fn date_in(d: Option<Date>) -> Option<PartialDate> {
    d.map(|(year, month, day)| PartialDate { year, month, day })
}

/// A document's kind as a number (its text form is the catalog's).
type Kind = u8;

fn kind_out(k: DocKind) -> Kind {
    match k {
        DocKind::Article => 0,
        DocKind::Transcript => 1,
        DocKind::Note => 2,
    }
}

fn kind_in(k: Kind) -> DocKind {
    match k {
        0 => DocKind::Article,
        1 => DocKind::Transcript,
        _ => DocKind::Note,
    }
}

#[derive(Serialize, Deserialize)]
struct Doc<'a> {
    id: Cow<'a, str>,
    path: Cow<'a, std::path::Path>,
    shown_path: Cow<'a, str>,
    title: Cow<'a, str>,
    date: Option<Date>,
    author: Option<Cow<'a, str>>,
    url: Option<Cow<'a, str>>,
    kind: Kind,
    keywords: Cow<'a, [String]>,
    body: Cow<'a, str>,
    hints: Cow<'a, [(EntityKind, String)]>,
    body_line: usize,
}

#[derive(Serialize, Deserialize)]
struct Ent<'a> {
    id: Cow<'a, str>,
    kind: EntityKind,
    name: Cow<'a, str>,
    aliases: Cow<'a, [String]>,
    summary: Option<Cow<'a, str>>,
    attributes: Cow<'a, BTreeMap<String, String>>,
    origin: Origin,
    rule: Cow<'a, MatchRule>,
    alias_rules: Cow<'a, BTreeMap<String, MatchRule>>,
    parent: Option<EntIdx>,
}

#[derive(Serialize, Deserialize)]
struct FactRow<'a> {
    subject: EntIdx,
    predicate: Cow<'a, str>,
    object: Cow<'a, FactObject>,
    value: Option<Cow<'a, str>>,
    date: Option<Date>,
    doc: DocIdx,
    quote: Cow<'a, str>,
    quote_span: Option<(usize, usize)>,
    note: Option<Cow<'a, str>>,
    cumulative: bool,
    origin: FactOrigin,
}

#[derive(Serialize, Deserialize)]
struct FileRow<'a> {
    path: Cow<'a, std::path::Path>,
    problems: Cow<'a, [Problem]>,
    outcome: Result<DocIdx, Cow<'a, Problem>>,
}

#[derive(Serialize, Deserialize)]
struct Orig<'a> {
    id: Cow<'a, str>,
    title: Cow<'a, str>,
    date: Option<Date>,
    kind: Kind,
    author: Option<Cow<'a, str>>,
}

fn opt(s: Option<&String>) -> Option<Cow<'_, str>> {
    s.map(|s| Cow::Borrowed(s.as_str()))
}

fn owned(s: Option<Cow<'_, str>>) -> Option<String> {
    s.map(Cow::into_owned)
}

impl Corpus {
    /// Writes the model but the documents' text: the small parts through serde (postcard),
    /// then the mentions as plain bytes, which read back many times faster than through serde.
    /// The text is written by the caller (the cache), from `docs[i].body`, and handed back to
    /// [`Corpus::read_snapshot`].
    pub fn write_snapshot(&self, w: &mut impl Write) -> std::io::Result<()> {
        postcard::to_io(&self.snapshot(), &mut *w).map_err(std::io::Error::other)?;
        w.write_all(&(self.mentions.len() as u64).to_le_bytes())?;
        for chunk in self.mentions.chunks(4096) {
            let mut buf = Vec::with_capacity(chunk.len() * MENTION);
            for m in chunk {
                for x in [m.entity() as u32, m.doc() as u32, m.span().start as u32, m.span().end as u32] {
                    buf.extend_from_slice(&x.to_le_bytes());
                }
                buf.push(how_out(m.how));
            }
            w.write_all(&buf)?;
        }
        Ok(())
    }

    /// Reads what [`Corpus::write_snapshot`] wrote, with the documents' text (one per
    /// document, in order); `None` when it is damaged or does not hang together.
    #[must_use]
    pub fn read_snapshot(bytes: &[u8], bodies: Vec<String>) -> Option<Self> {
        Self::decode_snapshot(bytes)?.with_texts(bodies)
    }

    /// Decodes what [`Corpus::write_snapshot`] wrote, to be joined with the texts (which can
    /// be read meanwhile) by [`Decoded::with_texts`]; `None` when it is damaged.
    #[must_use]
    pub fn decode_snapshot(bytes: &[u8]) -> Option<Decoded> {
        let (snapshot, rest): (Snapshot<'static>, &[u8]) = postcard::take_from_bytes(bytes).ok()?;
        let (n, rest) = take_u64(rest)?;
        let (raw, rest) = rest.split_at_checked(usize::try_from(n).ok()?.checked_mul(MENTION)?)?;
        if !rest.is_empty() {
            return None;
        }
        let mentions: Vec<Mention> = raw
            .par_chunks_exact(MENTION)
            .map(|r| {
                let u = |i: usize| u32::from_le_bytes([r[i], r[i + 1], r[i + 2], r[i + 3]]) as usize;
                Mention::new(u(0), u(4), u(8)..u(12), how_in(r[16]))
            })
            .collect();
        Some(Decoded { snapshot, mentions })
    }

    /// The model as it is written to the cache, borrowing from this corpus (the text and the
    /// mentions apart).
    fn snapshot(&self) -> Snapshot<'_> {
        let docs = self
            .docs
            .iter()
            .map(|d| Doc {
                id: Cow::Borrowed(&d.id),
                path: Cow::Borrowed(&d.path),
                shown_path: Cow::Borrowed(&d.shown_path),
                title: Cow::Borrowed(&d.title),
                date: date_out(d.date),
                author: opt(d.author.as_ref()),
                url: opt(d.url.as_ref()),
                kind: kind_out(d.kind),
                keywords: Cow::Borrowed(&d.keywords),
                body: Cow::Borrowed(""),
                hints: Cow::Borrowed(&d.hints),
                body_line: d.body_line,
            })
            .collect();
        let entities = self
            .entities
            .iter()
            .map(|e| Ent {
                id: Cow::Borrowed(&e.id),
                kind: e.kind,
                name: Cow::Borrowed(&e.name),
                aliases: Cow::Borrowed(&e.aliases),
                summary: opt(e.summary.as_ref()),
                attributes: Cow::Borrowed(&e.attributes),
                origin: e.origin,
                rule: Cow::Borrowed(&e.rule),
                alias_rules: Cow::Borrowed(&e.alias_rules),
                parent: e.parent,
            })
            .collect();
        let facts = self
            .facts
            .iter()
            .map(|f| FactRow {
                subject: f.subject,
                predicate: Cow::Borrowed(&f.predicate),
                object: Cow::Borrowed(&f.object),
                value: opt(f.value.as_ref()),
                date: date_out(f.date),
                doc: f.doc,
                quote: Cow::Borrowed(&f.quote),
                quote_span: f.quote_span.as_ref().map(|r| (r.start, r.end)),
                note: opt(f.note.as_ref()),
                cumulative: f.cumulative,
                origin: f.origin,
            })
            .collect();
        let files = self
            .files
            .iter()
            .map(|f| FileRow {
                path: Cow::Borrowed(&f.path),
                problems: Cow::Borrowed(&f.problems),
                outcome: f.outcome.as_ref().map(|&d| d).map_err(Cow::Borrowed),
            })
            .collect();
        let mut originals: Vec<(DocIdx, Orig<'_>)> = self
            .originals
            .iter()
            .map(|(&d, o)| {
                (
                    d,
                    Orig {
                        id: Cow::Borrowed(&o.id),
                        title: Cow::Borrowed(&o.title),
                        date: date_out(o.date),
                        kind: kind_out(o.kind),
                        author: opt(o.author.as_ref()),
                    },
                )
            })
            .collect();
        originals.sort_by_key(|(d, _)| *d);
        Snapshot {
            docs,
            entities,
            facts,
            candidates: Cow::Borrowed(&self.candidates),
            problems: Cow::Borrowed(&self.problems),
            stats: self.stats,
            catalog_failed: self.catalog_failed,
            catalog_path: self.catalog_path.clone(),
            authors: Cow::Borrowed(&self.authors),
            files,
            originals,
        }
    }

    /// The model a snapshot holds, with its indexes rebuilt; `None` when it does not hang
    /// together (an index out of range: a damaged or foreign file), so that nothing later
    /// panics on it.
    fn from_snapshot(s: Snapshot<'_>, mentions: Vec<Mention>, bodies: Vec<String>) -> Option<Self> {
        if bodies.len() != s.docs.len() {
            return None;
        }
        let docs: Vec<Document> = s
            .docs
            .into_iter()
            .zip(bodies)
            .map(|(d, body)| Document {
                id: d.id.into_owned(),
                path: d.path.into_owned(),
                shown_path: d.shown_path.into_owned(),
                title: d.title.into_owned(),
                date: date_in(d.date),
                author: owned(d.author),
                url: owned(d.url),
                kind: kind_in(d.kind),
                keywords: d.keywords.into_owned(),
                body,
                hints: d.hints.into_owned(),
                body_line: d.body_line,
            })
            .collect();
        let entities: Vec<Entity> = s
            .entities
            .into_iter()
            .map(|e| Entity {
                id: e.id.into_owned(),
                kind: e.kind,
                name: e.name.into_owned(),
                aliases: e.aliases.into_owned(),
                summary: owned(e.summary),
                attributes: e.attributes.into_owned(),
                origin: e.origin,
                rule: e.rule.into_owned(),
                alias_rules: e.alias_rules.into_owned(),
                parent: e.parent,
            })
            .collect();
        let facts: Vec<Fact> = s
            .facts
            .into_iter()
            .map(|f| Fact {
                subject: f.subject,
                predicate: f.predicate.into_owned(),
                object: f.object.into_owned(),
                value: owned(f.value),
                date: date_in(f.date),
                doc: f.doc,
                quote: f.quote.into_owned(),
                quote_span: f.quote_span.map(|(a, b)| a..b),
                note: owned(f.note),
                cumulative: f.cumulative,
                origin: f.origin,
            })
            .collect();
        let files: Vec<FileRead> = s
            .files
            .into_iter()
            .map(|f| FileRead {
                path: f.path.into_owned(),
                problems: f.problems.into_owned(),
                outcome: f.outcome.map_err(Cow::into_owned),
            })
            .collect();
        let originals: std::collections::HashMap<DocIdx, Original> = s
            .originals
            .into_iter()
            .map(|(d, o)| {
                let o = Original {
                    id: o.id.into_owned(),
                    title: o.title.into_owned(),
                    date: date_in(o.date),
                    kind: kind_in(o.kind),
                    author: owned(o.author),
                };
                (d, o)
            })
            .collect();
        let (nd, ne) = (docs.len(), entities.len());
        let in_text = |d: DocIdx, start: usize, end: usize| {
            docs.get(d).is_some_and(|doc| {
                start <= end
                    && doc.body.is_char_boundary(start)
                    && doc.body.is_char_boundary(end)
                    && end <= doc.body.len()
            })
        };
        let sound = mentions.par_iter().all(|m| m.entity() < ne && in_text(m.doc(), m.span().start, m.span().end))
            && entities.iter().all(|e| e.parent.is_none_or(|p| p < ne))
            && facts.iter().all(|f| {
                f.subject < ne
                    && f.doc < nd
                    && !matches!(f.object, FactObject::Entity(o) if o >= ne)
                    && f.quote_span.as_ref().is_none_or(|r| in_text(f.doc, r.start, r.end))
            })
            && s.authors.iter().all(|&(d, e)| d < nd && e < ne)
            && files.iter().all(|f| f.outcome.as_ref().is_err() || f.outcome.as_ref().is_ok_and(|&d| d < nd))
            && originals.keys().all(|&d| d < nd);
        if !sound {
            return None;
        }
        let mut c = Self {
            docs,
            entities,
            facts,
            candidates: s.candidates.into_owned(),
            problems: s.problems.into_owned(),
            stats: s.stats,
            catalog_failed: s.catalog_failed,
            catalog_path: s.catalog_path,
            authors: s.authors.into_owned(),
            files,
            originals,
            ..Self::default()
        };
        c.set_mentions(mentions);
        Some(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::LoadOptions;

    fn bytes(c: &Corpus) -> Vec<u8> {
        let mut b = Vec::new();
        c.write_snapshot(&mut b).expect("written to memory");
        b
    }

    /// Everything a model holds, as text to compare.
    fn model(c: &Corpus) -> String {
        format!(
            "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
            c.docs, c.entities, c.mentions, c.facts, c.candidates, c.problems, c.authors, c.stats
        )
    }

    fn bodies(c: &Corpus) -> Vec<String> {
        c.docs.iter().map(|d| d.body.clone()).collect()
    }

    #[test]
    fn a_model_read_back_is_the_model_written() {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        let back = Corpus::read_snapshot(&bytes(&c), bodies(&c)).expect("read back");
        assert_eq!(model(&back), model(&c));
        assert!(!c.mentions.is_empty() && !c.facts.is_empty() && c.docs.iter().any(|d| !d.hints.is_empty()));
        assert_eq!(
            (back.doc_mentions(2), back.entity_mentions(3).count()),
            (c.doc_mentions(2), c.entity_mentions(3).count())
        );
        assert!(back.docs.iter().zip(&c.docs).all(|(a, b)| a.hints == b.hints && a.body_line == b.body_line));
    }

    #[test]
    fn damaged_bytes_are_refused_or_read_without_panicking() {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        let good = bytes(&c);
        for cut in (0..good.len()).step_by(97) {
            assert!(Corpus::read_snapshot(&good[..cut], bodies(&c)).is_none(), "cut at {cut}");
        }
        // Flipped bytes: refused, or read into a model that hangs together (the cache's
        // checksum refuses those); never a panic.
        for at in (0..good.len()).step_by(89) {
            let mut b = good.clone();
            b[at] ^= 0xa5;
            if let Some(m) = Corpus::read_snapshot(&b, bodies(&c)) {
                // Every span it holds can be cut from its text.
                let cut: usize = m.mentions.iter().map(|x| m.docs[x.doc()].body[x.span()].len()).sum();
                let quotes = m.facts.iter().filter_map(|f| f.quote_span.clone().map(|s| m.docs[f.doc].body[s].len()));
                let _ = (cut, quotes.sum::<usize>(), model(&m));
            }
        }
    }
}
