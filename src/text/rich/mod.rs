//! Documents as styled lines that know where each piece came from: Markdown rendered
//! ([`markdown`]) and plain text reflowed into paragraphs ([`plain`]), then laid out at a width
//! ([`lay_out`]). Every segment carries the bytes of the body it shows, so that spans of the
//! body (mentions, find matches, quotes) land on the rendered words. Pure text: no terminal
//! types; the reader styles segments by their [`Look`].

pub mod markdown;
pub mod plain;
mod table;

use std::ops::Range;

pub use table::{Align, Table};

use crate::text::wrap::{cell_width, wrap};

/// How a segment looks, as a set of traits the reader turns into a terminal style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Look {
    /// A heading's level (1 to 6), 0 outside headings.
    pub heading: u8,
    /// Emphasis (`*a*`).
    pub emphasis: bool,
    /// Strong emphasis (`**a**`).
    pub strong: bool,
    /// Struck through (`~~a~~`).
    pub strike: bool,
    /// Code, inline or in a block.
    pub code: bool,
    /// A link's text.
    pub link: bool,
    /// A link's target, shown dimmed after its text.
    pub target: bool,
    /// An image's alt text (badges included).
    pub image: bool,
    /// Decoration that is not in the text: bullets, quote bars, table rules, padding.
    pub mark: bool,
}

impl Look {
    /// Decoration.
    #[must_use]
    pub fn mark() -> Self {
        Self { mark: true, ..Self::default() }
    }
}

/// A run of text in one look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The text shown when it is not the body's own bytes at `src` (a space for a line break,
    /// a bullet, a shortened link target).
    pub shown: Option<Box<str>>,
    /// The bytes of the body shown; for `shown` text, the bytes it stands for (empty for pure
    /// decoration).
    pub src: Range<usize>,
    /// How it looks.
    pub look: Look,
}

impl Segment {
    /// The body's own bytes.
    #[must_use]
    pub fn source(src: Range<usize>, look: Look) -> Self {
        Self { shown: None, src, look }
    }

    /// Text that stands for the bytes at `src` (or for nothing, when `src` is empty).
    #[must_use]
    pub fn shown(text: &str, src: Range<usize>, look: Look) -> Self {
        Self { shown: Some(text.into()), src, look }
    }

    /// Decoration, standing for no bytes of the body.
    #[must_use]
    pub fn mark(text: &str) -> Self {
        Self::shown(text, 0..0, Look::mark())
    }

    /// The text shown.
    #[must_use]
    pub fn text<'a>(&'a self, body: &'a str) -> &'a str {
        match &self.shown {
            Some(s) => s,
            None => body.get(self.src.clone()).unwrap_or(""),
        }
    }

    /// The byte of the body under the character at byte `offset` of the text shown: exact for
    /// the body's own bytes, the start of what it stands for otherwise, none for decoration.
    #[must_use]
    pub fn byte_at(&self, offset: usize) -> Option<usize> {
        if self.src.is_empty() {
            None
        } else if self.shown.is_none() {
            Some(self.src.start + offset)
        } else {
            Some(self.src.start)
        }
    }

    /// Its part from byte `a` to byte `b` of the text shown.
    fn slice(&self, text: &str, a: usize, b: usize) -> Self {
        match &self.shown {
            None => Self::source(self.src.start + a..self.src.start + b, self.look),
            Some(_) => Self::shown(&text[a..b], self.src.clone(), self.look),
        }
    }
}

/// One paragraph, heading, list item's line or code line: segments wrapped together, each
/// screen line after a prefix (quote bars, a bullet and the indent under it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Para {
    /// The prefix of the first screen line.
    pub first: Vec<Segment>,
    /// The prefix of the following screen lines (as wide as `first`).
    pub rest: Vec<Segment>,
    /// The text.
    pub segments: Vec<Segment>,
}

/// What a document is made of, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Text to wrap (an empty one is a blank line).
    Para(Para),
    /// A table, aligned at the width.
    Table(Table),
    /// A horizontal rule across the width, after a prefix.
    Rule(Vec<Segment>),
}

/// One screen line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    /// What it shows, left to right.
    pub segments: Vec<Segment>,
    /// The first body byte it shows (for a line without text, where the text before it ends);
    /// never less than the row before's, so rows can be searched by byte.
    pub start: usize,
}

/// How many cells `text` takes.
#[must_use]
pub fn width_of(text: &str) -> usize {
    text.chars().map(cell_width).sum()
}

/// Lays blocks out in screen lines of at most `width` cells (wider only where a prefix alone
/// is wider).
#[must_use]
pub fn lay_out(blocks: &[Block], body: &str, width: usize) -> Vec<Row> {
    let width = width.max(1);
    let mut out = Rows::default();
    for block in blocks {
        match block {
            Block::Para(p) => wrap_para(p, body, width, &mut out),
            Block::Table(t) => {
                for segments in t.lay_out(body, width) {
                    out.push(segments);
                }
            }
            Block::Rule(prefix) => {
                let room = width.saturating_sub(prefix.iter().map(|s| width_of(s.text(body))).sum());
                let mut segments = prefix.clone();
                segments.push(Segment::mark(&"─".repeat(room.min(80))));
                out.push(segments);
            }
        }
    }
    out.rows
}

/// Rows with their starts kept in order.
#[derive(Default)]
struct Rows {
    rows: Vec<Row>,
    /// Where the text shown so far ends.
    end: usize,
}

impl Rows {
    fn push(&mut self, segments: Vec<Segment>) {
        let floor = self.rows.last().map_or(0, |r| r.start);
        let mut start = None;
        for s in segments.iter().filter(|s| !s.src.is_empty()) {
            start = Some(start.map_or(s.src.start, |x: usize| x.min(s.src.start)));
            self.end = self.end.max(s.src.end);
        }
        let start = start.unwrap_or(self.end).max(floor);
        self.rows.push(Row { segments, start });
    }
}

fn wrap_para(p: &Para, body: &str, width: usize, out: &mut Rows) {
    let prefix_width: usize = p.first.iter().map(|s| width_of(s.text(body))).sum();
    let room = width.saturating_sub(prefix_width).max(width.min(8));
    if p.segments.is_empty() {
        out.push(p.first.clone());
        return;
    }
    // The text as one string, wrapped, then cut back into segments.
    let mut text = String::new();
    let mut starts = Vec::with_capacity(p.segments.len());
    for s in &p.segments {
        starts.push(text.len());
        text.push_str(s.text(body));
    }
    for (i, line) in wrap(&text, room).into_iter().enumerate() {
        let mut segments = if i == 0 { p.first.clone() } else { p.rest.clone() };
        let mut k = starts.partition_point(|&st| st <= line.start).saturating_sub(1);
        while k < p.segments.len() && starts[k] < line.end {
            let s = &p.segments[k];
            let shown = s.text(body);
            let a = line.start.max(starts[k]) - starts[k];
            let b = line.end.min(starts[k] + shown.len()) - starts[k];
            if a < b {
                segments.push(s.slice(shown, a, b));
            }
            k += 1;
        }
        out.push(segments);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(rows: &[Row], body: &str) -> Vec<String> {
        rows.iter().map(|r| r.segments.iter().map(|s| s.text(body)).collect()).collect()
    }

    #[test]
    fn a_paragraph_wraps_across_segments_and_keeps_its_prefix() {
        let body = "alpha beta gamma";
        let p = Para {
            first: vec![Segment::mark("• ")],
            rest: vec![Segment::mark("  ")],
            segments: vec![
                Segment::source(0..5, Look::default()),
                Segment::shown(" ", 5..6, Look::default()),
                Segment::source(6..16, Look { strong: true, ..Look::default() }),
            ],
        };
        let rows = lay_out(&[Block::Para(p)], body, 12);
        assert_eq!(shown(&rows, body), ["• alpha beta", "  gamma"]);
        assert_eq!(rows[1].segments[1].src, 11..16, "a cut segment keeps its own bytes");
        assert_eq!((rows[0].start, rows[1].start), (0, 11));
    }

    #[test]
    fn rows_without_text_start_where_the_text_before_ends() {
        let body = "one\n\ntwo";
        let rows = lay_out(&plain::lines(body), body, 20);
        assert_eq!(rows.iter().map(|r| r.start).collect::<Vec<_>>(), [0, 3, 5]);
    }
}
