//! Markdown rendered with pulldown-cmark: headings, emphasis, lists, block quotes, code blocks,
//! tables, links as their text with the target after it, images and badges as their alt text;
//! HTML is left out. Each piece of text keeps the source bytes it came from.

use std::ops::Range;

use pulldown_cmark::{Alignment, Event, LinkType, Options, Parser, Tag, TagEnd};

use super::{Align, Block, Look, Para, Segment, Table};

/// Containers deeper than this are not drawn (their text still is).
const MAX_DEPTH: usize = 8;
/// Link targets longer than this are shortened with `…`.
const MAX_TARGET: usize = 40;

/// `body` rendered.
#[must_use]
pub fn render(body: &str) -> Vec<Block> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut r = Renderer { body, ..Renderer::default() };
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        r.event(event, range);
    }
    r.flush();
    if r.blank_last {
        r.blocks.pop();
    }
    r.blocks
}

#[derive(Debug)]
enum Container {
    Quote,
    /// A list, with the number of its next item when ordered.
    List(Option<u64>),
    /// A list item, with its marker.
    Item(String),
}

#[derive(Debug)]
struct Link {
    dest: String,
    range: Range<usize>,
    kind: LinkType,
    /// An image is inside (a badge): the target is not shown.
    image: bool,
    /// Where its text starts in the line.
    first: usize,
}

#[derive(Debug, Default)]
struct TableBuild {
    table: Table,
    row: Vec<Vec<Segment>>,
}

#[derive(Debug, Default)]
struct Renderer<'b> {
    body: &'b str,
    blocks: Vec<Block>,
    /// The text of the block being built (or of the table cell).
    line: Vec<Segment>,
    heading: u8,
    emphasis: u32,
    strong: u32,
    strike: u32,
    image: u32,
    code_block: bool,
    containers: Vec<Container>,
    /// How many of `containers` are quotes, lists, items (kept so that deep nesting costs no
    /// walk over the stack).
    quotes: usize,
    lists: usize,
    items: usize,
    /// The containers below this have drawn their items' markers (those not drawn yet are
    /// always the innermost).
    shown: usize,
    links: Vec<Link>,
    table: Option<TableBuild>,
    /// The last block is a blank line.
    blank_last: bool,
}

impl Renderer<'_> {
    fn look(&self) -> Look {
        Look {
            heading: self.heading,
            emphasis: self.emphasis > 0,
            strong: self.strong > 0,
            strike: self.strike > 0,
            code: self.code_block,
            link: !self.links.is_empty() && self.image == 0,
            image: self.image > 0,
            ..Look::default()
        }
    }

    fn event(&mut self, event: Event, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(t) if self.code_block => self.code_text(&t, range),
            Event::Text(t) => self.text(&t, range, self.look()),
            Event::Code(t) => self.text(&t, range, Look { code: true, ..self.look() }),
            Event::SoftBreak => self.line.push(Segment::shown(" ", range, self.look())),
            Event::HardBreak => self.flush(),
            Event::Rule => {
                self.flush();
                self.push_block(Block::Rule(self.quote_prefix()));
                self.blank();
            }
            Event::TaskListMarker(done) => {
                self.line.push(Segment::shown(if done { "[x] " } else { "[ ] " }, range, Look::mark()));
            }
            Event::FootnoteReference(label) => {
                self.line.push(Segment::shown(&format!("[{label}]"), range, Look::mark()));
            }
            // HTML is left out; math and the rest are not enabled.
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag, range: Range<usize>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.flush();
                self.heading = level as u8;
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.open(Container::Quote);
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.code_block = true;
            }
            Tag::List(first) => {
                self.flush();
                self.open(Container::List(first));
            }
            Tag::Item => {
                self.flush();
                let depth = self.lists;
                let marker = match self.containers.last_mut() {
                    Some(Container::List(Some(n))) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => ["• ", "◦ ", "▪ "][depth.saturating_sub(1) % 3].to_string(),
                };
                self.open(Container::Item(marker));
            }
            Tag::Table(align) => {
                self.flush();
                let align = align
                    .iter()
                    .map(|a| match a {
                        Alignment::Center => Align::Center,
                        Alignment::Right => Align::Right,
                        Alignment::Left | Alignment::None => Align::Left,
                    })
                    .collect();
                let table = Table { prefix: self.quote_prefix(), align, ..Table::default() };
                self.table = Some(TableBuild { table, row: Vec::new() });
            }
            Tag::TableHead | Tag::TableRow | Tag::TableCell => self.line.clear(),
            Tag::Emphasis => self.emphasis += 1,
            Tag::Strong => self.strong += 1,
            Tag::Strikethrough => self.strike += 1,
            Tag::Link { link_type, dest_url, .. } => self.links.push(Link {
                dest: dest_url.to_string(),
                range,
                kind: link_type,
                image: false,
                first: self.line.len(),
            }),
            Tag::Image { .. } => {
                self.image += 1;
                if let Some(l) = self.links.last_mut() {
                    l.image = true;
                }
            }
            // Paragraphs, HTML blocks and the rest start on a line of their own.
            _ => self.flush(),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                self.flush();
                self.blank();
            }
            TagEnd::Heading(_) => {
                self.flush();
                self.heading = 0;
                self.blank();
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                // The blank line at the end of a quote is outside it.
                if self.blank_last {
                    self.blocks.pop();
                    self.blank_last = false;
                }
                self.close();
                self.blank();
            }
            TagEnd::CodeBlock => {
                self.code_block = false;
                self.blank();
            }
            TagEnd::List(_) => {
                self.flush();
                self.close();
                if self.items == 0 {
                    self.blank();
                }
            }
            TagEnd::Item => {
                self.flush();
                if matches!(self.containers.last(), Some(Container::Item(_))) && self.shown < self.containers.len() {
                    // An empty item: its marker alone.
                    self.push_line(true);
                }
                self.close();
            }
            TagEnd::TableCell => {
                let cell = std::mem::take(&mut self.line);
                if let Some(t) = &mut self.table {
                    t.row.push(cell);
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(t) = &mut self.table {
                    t.table.header |= tag == TagEnd::TableHead;
                    let row = std::mem::take(&mut t.row);
                    t.table.rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.push_block(Block::Table(t.table));
                }
                self.blank();
            }
            TagEnd::Emphasis => self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            TagEnd::Link => self.end_link(),
            TagEnd::Image => self.image = self.image.saturating_sub(1),
            _ => self.flush(),
        }
    }

    /// Text at `range` of the body: its own bytes when they are the text shown (the usual
    /// case), else the text shown standing for them (escapes, entities).
    fn text(&mut self, text: &str, range: Range<usize>, look: Look) {
        if text.is_empty() {
            return;
        }
        let at = self.body.get(range.clone()).and_then(|s| s.find(text)).map(|i| range.start + i);
        self.line.push(match at {
            Some(at) => Segment::source(at..at + text.len(), look),
            None => Segment::shown(text, range, look),
        });
    }

    /// A code block's text: each line its own line, found in the source one after the other
    /// (indented code in a list has its indent taken off).
    fn code_text(&mut self, text: &str, range: Range<usize>) {
        let look = self.look();
        let mut cursor = range.start;
        for line in text.split_inclusive('\n') {
            let content = line.strip_suffix('\n').unwrap_or(line);
            let found = self.body.get(cursor..range.end).and_then(|s| s.find(content)).map(|i| cursor + i);
            match found {
                Some(at) => {
                    cursor = at + content.len();
                    if !content.is_empty() {
                        self.line.push(Segment::source(at..cursor, look));
                    }
                }
                None => self.line.push(Segment::shown(content, cursor..cursor + 1, look)),
            }
            if line.ends_with('\n') {
                self.push_line(true);
            }
        }
    }

    fn end_link(&mut self) {
        let Some(link) = self.links.pop() else { return };
        let inline =
            matches!(link.kind, LinkType::Inline | LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut);
        let text: String = self.line[link.first.min(self.line.len())..].iter().map(|s| s.text(self.body)).collect();
        let short = link.dest.split_once("://").map_or(link.dest.as_str(), |(_, rest)| rest);
        let short = short.strip_prefix("mailto:").unwrap_or(short).trim_end_matches('/');
        if link.image || !inline || link.dest.is_empty() || link.dest.starts_with('#') || text.trim() == short {
            return;
        }
        let look = Look { target: true, ..Look::default() };
        let span = self
            .body
            .get(link.range.clone())
            .and_then(|s| s.rfind(&link.dest))
            .map_or(link.range.end.saturating_sub(1)..link.range.end, |i| {
                link.range.start + i..link.range.start + i + link.dest.len()
            });
        self.line.push(Segment::shown(" (", span.start..span.start, look));
        if short.chars().count() > MAX_TARGET {
            let cut: String = short.chars().take(MAX_TARGET - 1).chain(['…']).collect();
            self.line.push(Segment::shown(&cut, span.clone(), look));
        } else if self.body.get(span.clone()) == Some(link.dest.as_str()) && short.len() == link.dest.len() {
            self.line.push(Segment::source(span.clone(), look));
        } else {
            self.line.push(Segment::shown(short, span.clone(), look));
        }
        self.line.push(Segment::shown(")", span.end..span.end, look));
    }

    fn open(&mut self, c: Container) {
        match c {
            Container::Quote => self.quotes += 1,
            Container::List(_) => self.lists += 1,
            Container::Item(_) => self.items += 1,
        }
        self.containers.push(c);
    }

    fn close(&mut self) {
        match self.containers.pop() {
            Some(Container::Quote) => self.quotes -= 1,
            Some(Container::List(_)) => self.lists -= 1,
            Some(Container::Item(_)) => self.items -= 1,
            None => {}
        }
        self.shown = self.shown.min(self.containers.len());
    }

    /// The prefix of a line in the containers open now: quote bars, and a list item's marker
    /// (on its first line) or the indent under it. Only the innermost containers are drawn.
    fn prefix(&mut self, first_line: bool) -> Vec<Segment> {
        let mut out = Vec::new();
        let from = self.containers.len().saturating_sub(MAX_DEPTH);
        for (i, c) in self.containers.iter().enumerate().skip(from) {
            match c {
                Container::Quote => out.push(Segment::mark("│ ")),
                Container::Item(marker) if first_line && i >= self.shown => out.push(Segment::mark(marker)),
                Container::Item(marker) => out.push(Segment::mark(&" ".repeat(super::width_of(marker)))),
                Container::List(_) => {}
            }
        }
        if first_line {
            self.shown = self.containers.len();
        }
        if self.code_block {
            out.push(Segment::mark("  "));
        }
        out
    }

    fn quote_prefix(&self) -> Vec<Segment> {
        (0..self.quotes.min(MAX_DEPTH)).map(|_| Segment::mark("│ ")).collect()
    }

    /// Ends the line being built, if it has text.
    fn flush(&mut self) {
        if self.table.is_none() && !self.line.is_empty() {
            self.push_line(false);
        }
    }

    /// Ends the line being built, even without text.
    fn push_line(&mut self, even_empty: bool) {
        if self.line.is_empty() && !even_empty {
            return;
        }
        let rest = self.prefix(false);
        let first = self.prefix(true);
        let segments = std::mem::take(&mut self.line);
        self.push_block(Block::Para(Para { first, rest, segments }));
    }

    /// A blank line, unless there is one already (or nothing yet).
    fn blank(&mut self) {
        if self.blocks.is_empty() || self.blank_last {
            return;
        }
        let prefix = self.quote_prefix();
        self.blocks.push(Block::Para(Para { first: prefix.clone(), rest: prefix, segments: Vec::new() }));
        self.blank_last = true;
    }

    fn push_block(&mut self, block: Block) {
        self.blocks.push(block);
        self.blank_last = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::rich::lay_out;

    const DOC: &str = "# Title\n\nSome *emphasis*, **strong** and `code`, a [link](https://example.com/page) and \
                       [![build](https://img.shields.io/b.svg)](https://ci.example.com).\n\n\
                       - one\n- two\n  - nested\n\n> quoted\n\n```\nfn main() {}\n```\n\n\
                       | Name | Qty |\n|:-----|----:|\n| apple | 3 |\n| fig | 12 |\n\n<div>html</div>\n\nEnd &amp; more\n";

    fn screen(body: &str, width: usize) -> Vec<String> {
        lay_out(&render(body), body, width).iter().map(|r| r.segments.iter().map(|s| s.text(body)).collect()).collect()
    }

    #[test]
    fn renders_the_common_blocks() {
        let s = screen(DOC, 80);
        let expect = [
            "Title",
            "",
            "Some emphasis, strong and code, a link (example.com/page) and build.",
            "",
            "• one",
            "• two",
            "  ◦ nested",
            "",
            "│ quoted",
            "",
            "  fn main() {}",
            "",
            "Name  │ Qty",
            "──────┼────",
            "apple │   3",
            "fig   │  12",
            "",
            "End & more",
        ];
        assert_eq!(s, expect);
    }

    /// Every segment that shows the body's own bytes shows exactly them, and emphasis, links
    /// and code keep the bytes of their words.
    #[test]
    fn segments_map_back_to_the_body() {
        let blocks = render(DOC);
        let rows = lay_out(&blocks, DOC, 80);
        let mut seen = Vec::new();
        for s in rows.iter().flat_map(|r| &r.segments) {
            if s.shown.is_none() {
                assert_eq!(&DOC[s.src.clone()], s.text(DOC));
                seen.push((s.text(DOC).to_string(), s.look));
            }
        }
        let find = |t: &str| seen.iter().find(|(x, _)| x == t).map_or_else(|| panic!("{t} {seen:?}"), |(_, l)| *l);
        assert!(find("emphasis").emphasis);
        assert!(find("strong").strong);
        assert!(find("code").code);
        assert!(find("link").link);
        assert!(find("build").image);
        assert!(find("apple").eq(&Look::default()));
        // The character decoded from `&amp;` is within its source bytes.
        let amp = rows.iter().flat_map(|r| &r.segments).find(|s| s.text(DOC) == "&").expect("&");
        assert_eq!(amp.src.start, DOC.find("&amp;").expect("there"));
        // Row starts are in order.
        assert!(rows.windows(2).all(|w| w[0].start <= w[1].start));
    }

    #[test]
    fn a_badge_shows_its_alt_text_only() {
        let body = "[![CI](https://github.com/a/b/actions/workflows/ci.yml/badge.svg)](https://github.com/a/b/actions)";
        assert_eq!(screen(body, 80), ["CI"]);
    }

    #[test]
    fn long_targets_are_shortened_and_wrapped_items_hang() {
        let body = "- see [the guide](https://example.com/a/very/long/path/that/goes/on/and/on/forever.html) now\n";
        let s = screen(body, 30);
        assert!(s[0].starts_with("• see the guide"), "{s:#?}");
        assert!(s[1..].iter().all(|l| l.starts_with("  ")), "{s:#?}");
        assert!(s.concat().contains('…'), "{s:#?}");
    }

    #[test]
    fn deep_nesting_is_drawn_to_a_limit() {
        let body = format!("{}deep\n", "> ".repeat(50));
        let s = screen(&body, 80);
        assert_eq!(s, [format!("{}deep", "│ ".repeat(MAX_DEPTH))]);
    }
}
