//! Writing results to stdout: NUL or newline endings, and a closed pipe taken as success. Items
//! are formatted by [`format_row`].

use std::io::{self, Write};

use crate::analysis::summary::Row;
use crate::shared::settings::Format;

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

    /// Writes a value as pretty JSON, as it is serialized (nothing is built in memory first).
    pub fn json<T: serde::Serialize>(&mut self, v: &T) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let r = serde_json::to_writer_pretty(&mut self.w, v).map_err(io::Error::from);
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

/// The row in an output format; text is made safe for a terminal unless `raw`.
#[must_use]
pub fn format_row(row: &Row, format: Format, raw: bool) -> String {
    let safe = |s: &str| if raw { s.to_string() } else { crate::text::sanitize::one_line(s) };
    let path_or_id = row.path.as_deref().unwrap_or(&row.id);
    match format {
        Format::Id => safe(&row.id),
        Format::Name => safe(&row.name),
        Format::Path => safe(path_or_id),
        Format::Json => row.json().to_string(),
        Format::Tsv => {
            let last = if row.is_doc { path_or_id.to_string() } else { row.mentions.to_string() };
            let tsv = |s: &str| crate::text::sanitize::one_line(s).replace('\t', " ");
            let kind = if row.is_doc { "doc" } else { row.kind.as_str() };
            let ty = if row.is_doc { "document" } else { "entity" };
            format!("{ty}\t{}\t{}\t{kind}\t{}", tsv(&row.id), tsv(&row.name), tsv(&last))
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
