//! Wrapping text to a width in terminal cells, breaking at spaces where possible.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

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
                    // A line filled to the width exactly breaks at the space after it.
                    _ if c == ' ' => (i, i + 1),
                    Some(s) if s > start => (s, s + 1),
                    _ => (i, i),
                };
                lines.push(base + start..base + end);
                start = next;
                i = i.max(next);
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
        assert_eq!(lines("alpha beta gamma", 10), ["alpha beta", "gamma"], "a line may fill the width");
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
}
