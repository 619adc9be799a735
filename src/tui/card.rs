//! Lists of rows that can be opened, the entity card and the timeline, and which row is
//! selected. The rows are built in [`crate::analysis::card`], once per subject and width,
//! outside the draw.

use crate::analysis::card::{Row, Target, Tone};
use crate::corpus::Corpus;
use crate::model::EntIdx;

/// The rows of an entity card at a width: the card's rows ([`crate::analysis::card`]) with
/// snippets cut to the width and summaries wrapped to it.
#[must_use]
pub fn entity_rows(c: &Corpus, e: EntIdx, width: u16) -> Vec<Row> {
    let w = usize::from(width).max(10);
    let mut rows = Vec::new();
    for row in crate::analysis::card::EntityCard::build(c, e).rows(c, w.saturating_sub(6)) {
        match row.parts.as_slice() {
            [(text, Tone::Prose)] => {
                rows.extend(super::reader::wrap(text, w).into_iter().map(|r| Row::text(&text[r], Tone::Text)));
            }
            _ => rows.push(row),
        }
    }
    rows
}

/// What a list of rows shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// An entity's card.
    Entity(EntIdx),
    /// The timeline, whole or filtered.
    Timeline(crate::analysis::card::TimelineFilter),
    /// The candidates.
    Candidates,
    /// The problems.
    Problems,
    /// The relation chart, of everything or of one entity's connections.
    Chart(Option<EntIdx>),
    /// The bookmarks.
    Bookmarks,
}

/// A list of rows' state: which row is selected, how far it is scrolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows {
    /// Index of the selected row (always a row with a target, when there is one).
    pub selected: usize,
    /// First row shown.
    pub scroll: usize,
}

impl Default for Rows {
    fn default() -> Self {
        Self { selected: usize::MAX, scroll: 0 }
    }
}

impl Rows {
    /// Moves the selection by `delta` openable rows, then keeps it in view.
    pub fn step(&mut self, rows: &[Row], delta: isize) {
        let openable: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].target.is_some()).collect();
        if openable.is_empty() {
            self.scroll = self.scroll.saturating_add_signed(delta);
            return;
        }
        // Two rows (a fact and its quote) share a target: step over whole targets.
        let groups: Vec<usize> =
            openable.iter().copied().filter(|&i| i == 0 || rows[i - 1].target != rows[i].target).collect();
        let next = match groups.iter().rposition(|&g| g <= self.selected) {
            Some(at) => at.saturating_add_signed(delta),
            None => usize::from(delta > 0).saturating_sub(1),
        };
        let next = next.min(groups.len() - 1);
        self.selected = groups[next];
    }

    /// Keeps the selection valid and visible in a view of `height` rows.
    pub fn settle(&mut self, rows: &[Row], height: usize) {
        if self.selected >= rows.len() || rows[self.selected].target.is_none() {
            if let Some(first) = rows.iter().position(|r| r.target.is_some()) {
                if self.selected == usize::MAX || self.selected >= rows.len() {
                    self.selected = first;
                }
            }
        }
        let height = height.max(1);
        if self.selected < rows.len() {
            if self.selected < self.scroll {
                self.scroll = self.selected.saturating_sub(1);
            } else if self.selected + 2 > self.scroll + height {
                self.scroll = (self.selected + 2).saturating_sub(height);
            }
        }
        self.scroll = self.scroll.min(rows.len().saturating_sub(1));
    }

    /// The selected row's target.
    #[must_use]
    pub fn target<'r>(&self, rows: &'r [Row]) -> Option<&'r Target> {
        rows.get(self.selected).and_then(|r| r.target.as_ref())
    }
}
