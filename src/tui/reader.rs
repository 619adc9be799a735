//! The document reader's state and its layout: the document rendered (Markdown) or reflowed
//! (plain text), or its raw source, wrapped at the view's width; computed once per document,
//! mode and width, outside the draw.

use std::ops::Range;
use std::sync::Arc;

use crate::corpus::Corpus;
use crate::model::DocIdx;
use crate::text::rich::{self, Block, Row};

pub use crate::text::wrap::{cell_width, wrap};

/// How a document is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Markdown rendered, plain text reflowed into paragraphs.
    #[default]
    Rendered,
    /// The source as it is.
    Raw,
}

/// Whether a document's file is Markdown (by its extension).
#[must_use]
pub fn is_markdown(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["md", "markdown", "mdown", "mkd"].iter().any(|m| e.eq_ignore_ascii_case(m)))
}

/// The blocks of a document in a mode, before they are wrapped.
#[must_use]
pub fn blocks(c: &Corpus, doc: DocIdx, mode: Mode) -> Vec<Block> {
    let d = &c.docs[doc];
    match mode {
        Mode::Raw => rich::plain::lines(&d.body),
        Mode::Rendered if is_markdown(&d.path) => rich::markdown::render(&d.body),
        Mode::Rendered => rich::plain::reflow(&d.body),
    }
}

/// The screen lines of one document in one mode at one width.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// The document.
    pub doc: DocIdx,
    /// The width wrapped at.
    pub width: u16,
    /// Rendered or raw.
    pub mode: Mode,
    /// The document's blocks, kept to wrap again at another width without parsing again.
    pub blocks: Arc<Vec<Block>>,
    /// One per screen line.
    pub lines: Vec<Row>,
    /// The entities the document mentions, most mentioned first (for the strip under the text).
    pub entities: Vec<(crate::model::EntIdx, usize)>,
}

impl Layout {
    /// Lays a document out.
    #[must_use]
    pub fn new(c: &Corpus, doc: DocIdx, mode: Mode, width: u16) -> Self {
        Self::with_blocks(c, doc, mode, Arc::new(blocks(c, doc, mode)), width)
    }

    /// The same document and mode at another width (nothing parsed again).
    #[must_use]
    pub fn rewrap(&self, c: &Corpus, width: u16) -> Self {
        Self::with_blocks(c, self.doc, self.mode, Arc::clone(&self.blocks), width)
    }

    fn with_blocks(c: &Corpus, doc: DocIdx, mode: Mode, blocks: Arc<Vec<Block>>, width: u16) -> Self {
        let d = &c.docs[doc];
        let mut lines = rich::lay_out(&blocks, &d.body, usize::from(width));
        // The header shows the title: a first line that only repeats it is not shown again.
        let skip = title_line_end(&d.body, &d.title);
        if skip > 0 && !d.body[skip..].trim().is_empty() {
            lines.retain(|l| l.start >= skip);
        }
        Self { doc, width, mode, blocks, lines, entities: crate::analysis::xref::doc_entities(c, doc) }
    }

    /// The screen line holding a byte offset.
    #[must_use]
    pub fn line_of(&self, byte: usize) -> usize {
        self.lines.partition_point(|l| l.start <= byte).saturating_sub(1)
    }
}

/// The body byte under column `x` of a screen line, if text is there.
#[must_use]
pub fn byte_at_column(body: &str, line: &Row, x: usize) -> Option<usize> {
    let mut col = 0;
    for seg in &line.segments {
        for (off, ch) in seg.text(body).char_indices() {
            col += cell_width(ch);
            if col > x {
                return seg.byte_at(off);
            }
        }
    }
    None
}

/// Where the body's first line ends, when that line (without Markdown's `#` marks) is the
/// title; 0 otherwise. Blank lines after it go too.
fn title_line_end(body: &str, title: &str) -> usize {
    let start = body.len() - body.trim_start().len();
    let end = body[start..].find('\n').map_or(body.len(), |i| start + i);
    let first = body[start..end].trim().trim_start_matches('#').trim();
    if first.is_empty() || first != title.trim() {
        return 0;
    }
    end + (body.len() - end - body[end..].trim_start().len())
}

/// What find is looking for in the open document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Find {
    /// The text typed (case-insensitive unless it has an uppercase letter).
    pub query: String,
    /// Byte ranges of every match.
    pub matches: Vec<Range<usize>>,
    /// The current match.
    pub current: usize,
    /// The find line is open and takes what is typed.
    pub editing: bool,
}

impl Find {
    /// Finds every occurrence of `query` in `body`: smart case, plain text.
    #[must_use]
    pub fn new(body: &str, query: &str) -> Self {
        let mut matches = Vec::new();
        if !query.is_empty() {
            let sensitive = query.chars().any(char::is_uppercase);
            let re = regex::RegexBuilder::new(&regex::escape(query)).case_insensitive(!sensitive).build();
            if let Ok(re) = re {
                matches = re.find_iter(body).map(|m| m.range()).collect();
            }
        }
        Self { query: query.to_string(), matches, current: 0, editing: false }
    }
}

/// The reader's state: which document, where, which link is focused, what is found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    /// The document.
    pub doc: DocIdx,
    /// First screen line shown.
    pub scroll: usize,
    /// Index into the document's mentions of the focused link.
    pub link: Option<usize>,
    /// A span to highlight (a fact's quote).
    pub highlight: Option<Range<usize>>,
    /// Find state, when searching.
    pub find: Option<Find>,
    /// A byte offset to bring into view at the next layout.
    pub reveal: Option<usize>,
    /// A byte offset to put on the first line in view at the next layout (after a change of
    /// mode, so the same text stays in view).
    pub top: Option<usize>,
    /// Rendered or raw.
    pub mode: Mode,
}

impl Reader {
    /// A reader at the top of a document.
    #[must_use]
    pub fn new(doc: DocIdx) -> Self {
        Self { doc, scroll: 0, link: None, highlight: None, find: None, reveal: None, top: None, mode: Mode::Rendered }
    }

    /// Scrolls so that the `reveal` offset is visible in a view of `height` lines, and keeps
    /// the scroll in range.
    pub fn settle(&mut self, layout: &Layout, height: usize) {
        let height = height.max(1);
        if let Some(b) = self.top.take() {
            self.scroll = layout.line_of(b);
        }
        if let Some(b) = self.reveal.take() {
            let line = layout.line_of(b);
            if line < self.scroll || line >= self.scroll + height {
                self.scroll = line.saturating_sub(height / 3);
            }
        }
        self.scroll = self.scroll.min(layout.lines.len().saturating_sub(height));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_is_smart_case() {
        assert_eq!(Find::new("Nova nova NOVA", "nova").matches.len(), 3);
        assert_eq!(Find::new("Nova nova NOVA", "Nova").matches.len(), 1);
    }

    #[test]
    fn a_first_line_that_is_the_title_is_not_shown_twice() {
        assert_eq!(title_line_end("# Title\n\nBody", "Title"), 9);
        assert_eq!(title_line_end("Title\nBody", "Title"), 6);
        assert_eq!(title_line_end("Other\nBody", "Title"), 0);
    }

    #[test]
    fn line_of_finds_the_wrapped_line() {
        let text = "the quick brown fox";
        let lines = rich::lay_out(&rich::plain::lines(text), text, 10);
        let l = Layout { lines, ..Layout::default() };
        assert_eq!(l.line_of(0), 0);
        assert_eq!(l.line_of(12), 1);
    }

    #[test]
    fn markdown_is_known_by_its_extension() {
        assert!(is_markdown(std::path::Path::new("a/README.md")));
        assert!(is_markdown(std::path::Path::new("notes.Markdown")));
        assert!(!is_markdown(std::path::Path::new("seeds/000.txt")));
    }
}
