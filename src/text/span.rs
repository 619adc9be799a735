//! The text around a span: its line, and a one-line snippet cut to a width.

use std::ops::Range;

/// How far [`line_around`] looks for a line's ends on each side.
pub const LINE_WINDOW: usize = 4096;

/// The line around a span: from the newline before its start to the newline after its end,
/// at most [`LINE_WINDOW`] bytes away on each side (so that a text with no line breaks costs
/// the same as one with them).
#[must_use]
pub fn line_around(text: &str, span: Range<usize>) -> Range<usize> {
    let lo = text.floor_char_boundary(span.start.saturating_sub(LINE_WINDOW));
    let hi = text.ceil_char_boundary(span.end.saturating_add(LINE_WINDOW).min(text.len()));
    let s = text[lo..span.start].rfind('\n').map_or(lo, |i| lo + i + 1);
    let e = text[span.end..hi].find('\n').map_or(hi, |i| span.end + i);
    s..e
}

/// About `width` characters of text around a span, on one line, with `…` where cut.
#[must_use]
pub fn snippet(body: &str, span: &Range<usize>, width: usize) -> String {
    let at = span.start.min(body.len());
    let p = line_around(body, at..at);
    let (start, end) = (span.start.clamp(p.start, p.end), span.end.clamp(p.start, p.end));
    let end = end.max(start);
    let half = width.saturating_sub(body[start..end].chars().count()) / 2;
    let s = match half {
        0 => start,
        _ => body[p.start..start].char_indices().rev().nth(half - 1).map_or(p.start, |(i, _)| p.start + i),
    };
    let e = body[end..p.end].char_indices().nth(half).map_or(p.end, |(i, _)| end + i);
    let mut out = String::new();
    if s > p.start {
        out.push('…');
    }
    let text = crate::text::sanitize::one_line(body[s..e].trim());
    if text.chars().count() > width.max(1) {
        out.extend(text.chars().take(width.max(1)));
        out.push('…');
        return out;
    }
    out.push_str(&text);
    if e < p.end {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_snippet_of_a_span_wider_than_the_width_does_not_panic() {
        let body = "a sentence that is much longer than the width asked for";
        assert!(snippet(body, &(2..body.len()), 10).contains("sentence"));
        assert!(snippet(body, &(0..0), 0).len() <= body.len() + 6);
    }

    #[test]
    fn snippets_are_one_line_and_cut_with_ellipses() {
        let body = "first line\nsome words before the NAME and some words after it\nlast";
        let at = body.find("NAME").expect("there");
        let s = snippet(body, &(at..at + 4), 20);
        assert!(s.contains("NAME") && s.starts_with('…') && s.ends_with('…') && !s.contains('\n'), "{s}");
    }
}
