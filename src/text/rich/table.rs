//! Tables laid out as aligned text: columns as wide as their widest cell (in display cells),
//! narrowed from the widest down when the table is wider than the view, cells cut with `…`.

use super::{width_of, Segment};
use crate::text::wrap::cell_width;

/// A column's alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Left (the default).
    #[default]
    Left,
    /// Centred.
    Center,
    /// Right.
    Right,
}

/// A table: rows of cells of segments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// The prefix of every line (quote bars).
    pub prefix: Vec<Segment>,
    /// The columns' alignments.
    pub align: Vec<Align>,
    /// The rows, the header first when `header`.
    pub rows: Vec<Vec<Vec<Segment>>>,
    /// The first row is a header: a rule goes under it.
    pub header: bool,
}

/// Between columns.
const GAP: &str = " │ ";

impl Table {
    /// The table's lines at `width` cells.
    #[must_use]
    pub fn lay_out(&self, body: &str, width: usize) -> Vec<Vec<Segment>> {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        if columns == 0 {
            return Vec::new();
        }
        let cell_width = |cell: &[Segment]| cell.iter().map(|s| width_of(s.text(body))).sum::<usize>();
        let mut widths = vec![0; columns];
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell_width(cell));
            }
        }
        let prefix: usize = self.prefix.iter().map(|s| width_of(s.text(body))).sum();
        let room = width.saturating_sub(prefix + GAP.chars().count() * (columns - 1));
        fit(&mut widths, room);
        let mut lines = Vec::with_capacity(self.rows.len() + 1);
        for (i, row) in self.rows.iter().enumerate() {
            let mut line = self.prefix.clone();
            for (c, &w) in widths.iter().enumerate() {
                if c > 0 {
                    line.push(Segment::mark(GAP));
                }
                let cell = row.get(c).map_or(&[][..], Vec::as_slice);
                let (mut shown, used) = cut(cell, body, w);
                let pad = w - used;
                let (before, after) = match self.align.get(c).copied().unwrap_or_default() {
                    Align::Left => (0, pad),
                    Align::Right => (pad, 0),
                    Align::Center => (pad / 2, pad - pad / 2),
                };
                if before > 0 {
                    line.push(Segment::mark(&" ".repeat(before)));
                }
                line.append(&mut shown);
                if after > 0 && c + 1 < columns {
                    line.push(Segment::mark(&" ".repeat(after)));
                }
            }
            lines.push(line);
            if i == 0 && self.header {
                let mut rule = self.prefix.clone();
                let cells: Vec<String> = widths.iter().map(|&w| "─".repeat(w)).collect();
                rule.push(Segment::mark(&cells.join("─┼─")));
                lines.push(rule);
            }
        }
        lines
    }
}

/// Narrows the widest columns until the widths add up to at most `room` (each keeps a cell).
fn fit(widths: &mut [usize], room: usize) {
    if widths.iter().sum::<usize>() <= room {
        return;
    }
    // The largest cap that fits, found by halving: every column is cut to at most it.
    let (mut lo, mut hi) = (1, widths.iter().copied().max().unwrap_or(1));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if widths.iter().map(|&w| w.min(mid)).sum::<usize>() <= room {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    for w in widths.iter_mut() {
        *w = (*w).min(lo).max(1);
    }
}

/// A cell's segments cut to `width` cells (with `…` when cut), and the cells used.
fn cut(cell: &[Segment], body: &str, width: usize) -> (Vec<Segment>, usize) {
    let total: usize = cell.iter().map(|s| super::width_of(s.text(body))).sum();
    if total <= width {
        return (cell.to_vec(), total);
    }
    let room = width.saturating_sub(1);
    let mut out = Vec::new();
    let mut used = 0;
    'cells: for s in cell {
        let text = s.text(body);
        let mut end = 0;
        for (i, ch) in text.char_indices() {
            let w = cell_width(ch);
            if used + w > room {
                if end > 0 {
                    out.push(s.slice(text, 0, end));
                }
                break 'cells;
            }
            used += w;
            end = i + ch.len_utf8();
        }
        out.push(s.clone());
    }
    if width > 0 {
        out.push(Segment::mark("…"));
        used += 1;
    }
    (out, used)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::rich::Look;

    fn table(body: &str, cells: &[&[&str]]) -> Table {
        let rows = cells
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| {
                        let at = body.find(c).expect("in the body");
                        vec![Segment::source(at..at + c.len(), Look::default())]
                    })
                    .collect()
            })
            .collect();
        Table { prefix: Vec::new(), align: vec![Align::Left, Align::Right], rows, header: true }
    }

    fn text(lines: &[Vec<Segment>], body: &str) -> Vec<String> {
        lines.iter().map(|l| l.iter().map(|s| s.text(body)).collect()).collect()
    }

    #[test]
    fn columns_align_by_display_width() {
        let body = "Name Count 日本 7 Bob 12";
        let t = table(body, &[&["Name", "Count"], &["日本", "7"], &["Bob", "12"]]);
        assert_eq!(text(&t.lay_out(body, 80), body), ["Name │ Count", "─────┼──────", "日本 │     7", "Bob  │    12"]);
    }

    #[test]
    fn a_wide_table_is_cut_to_the_width() {
        let body = "Description A very long description of the item Qty 3";
        let t = table(body, &[&["Description", "Qty"], &["A very long description of the item", "3"]]);
        let lines = text(&t.lay_out(body, 20), body);
        assert!(lines.iter().all(|l| width_of(l) <= 20), "{lines:#?}");
        assert!(lines[2].contains('…'), "{lines:#?}");
    }
}
