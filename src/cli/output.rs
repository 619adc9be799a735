//! Writing results to stdout: item formats, NUL or newline endings, and a closed pipe taken as
//! success.

use std::io::{self, Write};

use serde_json::json;

use crate::cli::args::Format;
use crate::corpus::Corpus;
use crate::search::Item;

/// Stdout, buffered, remembering whether the reader went away.
pub struct Out<W: Write> {
    w: W,
    print0: bool,
    closed: bool,
}

impl<W: Write> Out<W> {
    /// Wraps a writer.
    pub fn new(w: W, print0: bool) -> Self {
        Self { w, print0, closed: false }
    }

    /// Writes one record and its terminator. After the reader closed the pipe, does nothing.
    pub fn record(&mut self, s: &str) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let end: &[u8] = if self.print0 { b"\0" } else { b"\n" };
        let r = self.w.write_all(s.as_bytes()).and_then(|()| self.w.write_all(end));
        self.check(r)
    }

    /// Writes text as it is (cards, grep lines keep newlines).
    pub fn text(&mut self, s: &str) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let r = self.w.write_all(s.as_bytes());
        self.check(r)
    }

    /// Flushes; a closed pipe is fine.
    pub fn finish(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let r = self.w.flush();
        self.check(r)
    }

    fn check(&mut self, r: io::Result<()>) -> io::Result<()> {
        match r {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            r => r,
        }
    }
}

/// `document` or `entity`.
#[must_use]
pub fn type_name(item: Item) -> &'static str {
    match item {
        Item::Doc(_) => "document",
        Item::Entity(_) => "entity",
    }
}

/// One item as a JSON object: `type`, `id`, `name`, `kind`, and `path` for documents or
/// `aliases`, `origin`, `mentions`, `documents` for entities.
#[must_use]
pub fn item_json(c: &Corpus, item: Item) -> serde_json::Value {
    match item {
        Item::Doc(d) => {
            let doc = &c.docs[d];
            json!({
                "type": "document", "id": doc.id, "name": doc.title, "kind": doc.kind,
                "path": doc.path.to_string_lossy(), "date": doc.date, "author": doc.author,
                "mentions": c.doc_mentions(d).len(),
            })
        }
        Item::Entity(e) => {
            let ent = &c.entities[e];
            json!({
                "type": "entity", "id": ent.id, "name": ent.name, "kind": ent.kind, "aliases": ent.aliases,
                "origin": ent.origin, "mentions": c.mention_count(e),
                "documents": crate::xref::entity_docs(c, e).len(),
            })
        }
    }
}

/// One item in the chosen format. Text is made safe for a terminal unless `raw`.
#[must_use]
pub fn format_item(c: &Corpus, item: Item, format: Format, raw: bool) -> String {
    let safe = |s: &str| {
        if raw {
            s.to_string()
        } else {
            crate::sanitize::one_line(s)
        }
    };
    match format {
        Format::Id => safe(item.id(c)),
        Format::Name => safe(item.name(c)),
        Format::Path => match item {
            Item::Doc(d) => safe(&c.docs[d].path.to_string_lossy()),
            Item::Entity(_) => safe(item.id(c)),
        },
        Format::Json => item_json(c, item).to_string(),
        Format::Tsv => {
            let last = match item {
                Item::Doc(d) => c.docs[d].path.to_string_lossy().into_owned(),
                Item::Entity(e) => c.mention_count(e).to_string(),
            };
            let tsv = |s: &str| crate::sanitize::one_line(s).replace('\t', " ");
            format!(
                "{}\t{}\t{}\t{}\t{}",
                type_name(item),
                tsv(item.id(c)),
                tsv(item.name(c)),
                item.kind(c).as_str(),
                tsv(&last)
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Closed;
    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
    }

    #[test]
    fn a_closed_pipe_is_not_an_error() {
        let mut o = Out::new(Closed, false);
        assert!(o.record("a").is_ok() && o.record("b").is_ok() && o.finish().is_ok());
    }

    #[test]
    fn print0_ends_records_with_nul() {
        let mut buf = Vec::new();
        let mut o = Out::new(&mut buf, true);
        o.record("a").and_then(|()| o.record("b")).expect("writes");
        assert_eq!(buf, b"a\0b\0");
    }
}
