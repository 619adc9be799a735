//! Plain text as paragraphs: a hard-wrapped paragraph (lines broken near one width, the way an
//! editor or a mail client fills them) is joined into one, so the reader wraps it again at its
//! own width without orphan words. Everything else keeps its lines: short lines, list items,
//! indented lines (code, tables), rosters, lines longer than any fill width.

use std::ops::Range;

use super::{width_of, Block, Look, Para, Segment};

/// The narrowest and widest fill widths recognised.
const FILL: std::ops::RangeInclusive<usize> = 40..=120;

/// Every line of `body` as it is, one block each (the raw source).
#[must_use]
pub fn lines(body: &str) -> Vec<Block> {
    line_ranges(body)
        .map(|r| {
            let segments = if r.is_empty() { Vec::new() } else { vec![Segment::source(r, Look::default())] };
            Block::Para(Para { segments, ..Para::default() })
        })
        .collect()
}

/// `body` with hard-wrapped paragraphs joined.
#[must_use]
pub fn reflow(body: &str) -> Vec<Block> {
    let all: Vec<Range<usize>> = line_ranges(body).collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < all.len() {
        if body[all[i].clone()].trim().is_empty() {
            blocks.push(Block::Para(Para::default()));
            i += 1;
            continue;
        }
        // A run of lines with text, and the widest of them.
        let end = (i..all.len()).find(|&j| body[all[j].clone()].trim().is_empty()).unwrap_or(all.len());
        let fill = all[i..end].iter().map(|r| width_of(&body[r.clone()])).max().unwrap_or(0);
        let mut para = vec![Segment::source(all[i].clone(), Look::default())];
        for j in i + 1..end {
            let (prev, next) = (&body[all[j - 1].clone()], &body[all[j].clone()]);
            if joins(prev, next, fill) {
                let newline = all[j - 1].end..all[j].start;
                para.push(Segment::shown(" ", newline, Look::default()));
            } else {
                blocks.push(Block::Para(Para { segments: std::mem::take(&mut para), ..Para::default() }));
            }
            para.push(Segment::source(all[j].clone(), Look::default()));
        }
        blocks.push(Block::Para(Para { segments: para, ..Para::default() }));
        i = end;
    }
    blocks
}

/// The byte ranges of the lines of `body`, newlines excluded.
fn line_ranges(body: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    body.split('\n').map(move |l| {
        let r = at..at + l.len();
        at += l.len() + 1;
        r
    })
}

/// Whether `next` continues the paragraph `prev` is in, for lines filled to `fill` cells: the
/// line before was broken because `next`'s first word did not fit.
fn joins(prev: &str, next: &str, fill: usize) -> bool {
    if !FILL.contains(&fill) {
        return false;
    }
    let indented = |l: &str| l.starts_with(char::is_whitespace);
    let tabular = |l: &str| l.contains('\t') || l.contains('|') || l.contains("   ");
    let p = prev.trim_end();
    if indented(prev) || indented(next) || tabular(p) || tabular(next) || item(next) || next.starts_with(['#', '>']) {
        return false;
    }
    // Rosters and scores ("Smith 12"), and lines that announce what follows ("as follows:").
    if p.ends_with(|c: char| c.is_ascii_digit() || c == ':') {
        return false;
    }
    let word = next.split_whitespace().next().map_or(0, width_of);
    (width_of(p) + 1 + word) * 5 > fill * 4
}

/// A list item: `- a`, `* a`, `+ a`, `• a`, `1. a`, `2) a`, `a) b`.
fn item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '*' | '+' | '•' | '·' | '–') => chars.next() == Some(' '),
        Some(c) if c.is_ascii_alphanumeric() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            let rest = if rest.len() == line.len() { &line[c.len_utf8()..] } else { rest };
            rest.starts_with(". ") && line.starts_with(|c: char| c.is_ascii_digit()) || rest.starts_with(") ")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::rich::lay_out;

    fn paras(body: &str) -> Vec<String> {
        reflow(body)
            .iter()
            .map(|b| match b {
                Block::Para(p) => p.segments.iter().map(|s| s.text(body)).collect(),
                _ => String::from("?"),
            })
            .collect()
    }

    const FILLED: &str = "The committee met on Tuesday to consider the proposal in detail, and\n\
                          after a long debate it agreed that the harbour works should begin in\n\
                          the spring.\n\nA second paragraph.";

    #[test]
    fn a_hard_wrapped_paragraph_is_one_paragraph() {
        let p = paras(FILLED);
        assert_eq!(p.len(), 3, "{p:#?}");
        assert!(p[0].starts_with("The committee") && p[0].ends_with("in the spring."), "{p:#?}");
        assert_eq!(p[2], "A second paragraph.");
    }

    #[test]
    fn reflowed_text_wraps_without_orphans_and_maps_to_the_body() {
        let rows = lay_out(&reflow(FILLED), FILLED, 50);
        for r in &rows {
            for s in r.segments.iter().filter(|s| s.shown.is_none()) {
                assert!(!FILLED[s.src.clone()].contains('\n'));
            }
        }
        let texts: Vec<String> = rows.iter().map(|r| r.segments.iter().map(|s| s.text(FILLED)).collect()).collect();
        let first: Vec<&String> = texts.iter().take_while(|t| !t.is_empty()).collect();
        assert!(first.len() < 5, "fewer lines than the source's lines wrapped one by one: {texts:#?}");
        assert!(first[..first.len() - 1].iter().all(|t| t.len() > 40), "no orphan words: {texts:#?}");
    }

    #[test]
    fn lists_rosters_short_lines_and_indented_lines_keep_their_lines() {
        for text in [
            "Shopping list for the long weekend at the lake house with everyone\n- apples and pears from the market\n- bread",
            "Results of the regional qualifying round held on Saturday morning: 12\nAnna Kowalska of the northern club team 11",
            "Dear Sam,\nThanks.\nBest,\nAlex",
            "Run the following command from the root of the repository you cloned\n    cargo build --release --locked now",
            "One very long line of prose that goes on and on well past any width an editor would fill a paragraph to, and then some more words.\nNext line.",
        ] {
            assert_eq!(paras(text).len(), text.lines().count(), "{text}");
        }
    }

    #[test]
    fn items_are_recognised() {
        for l in ["- a", "* a", "1. a", "12) a", "a) b", "• a"] {
            assert!(item(l), "{l}");
        }
        for l in ["-a", "1.5 million", "Hello there", "a.b"] {
            assert!(!item(l), "{l}");
        }
    }
}
