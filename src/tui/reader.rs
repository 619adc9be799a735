//! The document reader's state and its wrapped layout (computed once per document and width,
//! outside the draw).

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

use crate::corpus::Corpus;
use crate::model::DocIdx;

/// Display width of one character as the reader draws it (tabs and controls are one cell).
#[must_use]
pub fn cell_width(c: char) -> usize {
    if c == '\t' || crate::text::sanitize::is_unsafe(c) {
        1
    } else {
        c.width().unwrap_or(0)
    }
}

/// Wraps `text` into lines of at most `width` cells, breaking at spaces where possible. Each
/// line is a byte range of `text` (newlines excluded, trailing break spaces excluded).
#[must_use]
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut para_start = 0;
    for para in text.split('\n') {
        let base = para_start;
        para_start += para.len() + 1;
        if para.is_empty() {
            lines.push(base..base);
            continue;
        }
        let mut start = 0; // line start within para
        let mut cells = 0;
        let mut last_space: Option<usize> = None; // byte index of a space in the current line
        let mut i = 0;
        let bytes = para.len();
        while i < bytes {
            let c = para[i..].chars().next().unwrap_or(' ');
            let w = cell_width(c);
            if cells + w > width && i > start {
                let (end, next) = match last_space {
                    Some(s) if s > start => (s, s + 1),
                    _ => (i, i),
                };
                lines.push(base + start..base + end);
                start = next;
                last_space = None;
                cells = para[start..i].chars().map(cell_width).sum();
                continue;
            }
            if c == ' ' {
                last_space = Some(i);
            }
            cells += w;
            i += c.len_utf8();
        }
        lines.push(base + start..base + bytes);
    }
    lines
}

/// The wrapped lines of one document at one width.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// The document.
    pub doc: DocIdx,
    /// The width wrapped at.
    pub width: u16,
    /// Byte ranges of the body, one per screen line.
    pub lines: Vec<Range<usize>>,
    /// The entities the document mentions, most mentioned first (for the strip under the text).
    pub entities: Vec<(crate::model::EntIdx, usize)>,
}

impl Layout {
    /// Wraps a document.
    #[must_use]
    pub fn new(c: &Corpus, doc: DocIdx, width: u16) -> Self {
        let d = &c.docs[doc];
        let mut lines = wrap(&d.body, usize::from(width));
        // The header shows the title: a first line that only repeats it is not shown again.
        let skip = title_line_end(&d.body, &d.title);
        if skip > 0 && !d.body[skip..].trim().is_empty() {
            lines.retain(|l| l.start >= skip);
        }
        Self { doc, width, lines, entities: crate::analysis::xref::doc_entities(c, doc) }
    }

    /// The screen line holding a byte offset.
    #[must_use]
    pub fn line_of(&self, byte: usize) -> usize {
        self.lines.partition_point(|l| l.start <= byte).saturating_sub(1)
    }
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
}

impl Reader {
    /// A reader at the top of a document.
    #[must_use]
    pub fn new(doc: DocIdx) -> Self {
        Self { doc, scroll: 0, link: None, highlight: None, find: None, reveal: None }
    }

    /// Scrolls so that the `reveal` offset is visible in a view of `height` lines, and keeps
    /// the scroll in range.
    pub fn settle(&mut self, layout: &Layout, height: usize) {
        let height = height.max(1);
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

    fn lines(text: &str, w: usize) -> Vec<&str> {
        wrap(text, w).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(lines("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(lines("a\n\nb", 10), ["a", "", "b"]);
    }

    #[test]
    fn breaks_long_words() {
        assert_eq!(lines("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn wide_characters_count_two_cells() {
        assert_eq!(lines("日本語テキスト", 6), ["日本語", "テキス", "ト"]);
    }

    #[test]
    fn zero_width_never_loops() {
        assert_eq!(lines("abc", 0).len(), 3);
    }

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
        let l = Layout { doc: 0, width: 10, lines: wrap("the quick brown fox", 10), entities: Vec::new() };
        assert_eq!(l.line_of(0), 0);
        assert_eq!(l.line_of(12), 1);
    }
}
