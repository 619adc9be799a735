//! The list panes: Documents, People, and the Portfolio grouped into chips, models and services.

use crate::corpus::Corpus;
use crate::model::EntityKind;
use crate::model::Item;

/// Which list a pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaneKind {
    /// Documents, in load order.
    Docs,
    /// People, most mentioned first.
    People,
    /// Organisations, most mentioned first.
    Orgs,
    /// Chips, models and services, each under a heading.
    Portfolio,
}

impl PaneKind {
    /// The panes, in screen order (top to bottom, tabs 1 to 3).
    pub const ALL: [Self; PANES] = [Self::Docs, Self::People, Self::Orgs, Self::Portfolio];

    /// The pane's place in [`PaneKind::ALL`] (and in `App::panes`).
    #[must_use]
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|&k| k == self).unwrap_or(0)
    }

    /// The pane's title.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::Docs => "Documents",
            Self::People => "People",
            Self::Orgs => "Organisations",
            Self::Portfolio => "Portfolio",
        }
    }
}

/// How many list panes there are.
pub const PANES: usize = 4;

/// The tab labels of the narrow layout: the panes with their counts (Organisations as
/// "Orgs"), then the detail.
#[must_use]
pub fn tab_labels(panes: &[Pane; PANES]) -> [String; PANES + 1] {
    let short = |k: PaneKind| if k == PaneKind::Orgs { "Orgs" } else { k.title() };
    std::array::from_fn(|i| match panes.get(i) {
        Some(p) => format!("{} {} ({})", i + 1, short(p.kind), p.count()),
        None => format!("{} Detail", PANES + 1),
    })
}

/// The order of a pane's rows, cycled with `s`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Documents as loaded (by path); entities most mentioned first.
    #[default]
    Natural,
    /// By name (a document's title).
    Name,
    /// Newest first: a document's date, an entity's latest document.
    Date,
    /// By kind: a document's (article, transcript, note), an entity's, then as natural.
    Kind,
}

impl Sort {
    /// The next order.
    #[must_use]
    pub fn next(self) -> Self {
        match self {
            Self::Natural => Self::Name,
            Self::Name => Self::Date,
            Self::Date => Self::Kind,
            Self::Kind => Self::Natural,
        }
    }

    /// How the pane's title says it.
    #[must_use]
    pub fn label(self, pane: PaneKind) -> &'static str {
        match (self, pane) {
            (Self::Natural, PaneKind::Docs) => "by path",
            (Self::Natural, _) => "by mentions",
            (Self::Name, PaneKind::Docs) => "by title",
            (Self::Name, _) => "by name",
            (Self::Date, _) => "newest first",
            (Self::Kind, _) => "by kind",
        }
    }
}

/// One row of a pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaneRow {
    /// A group heading (Portfolio).
    Heading(EntityKind),
    /// An item.
    Item(Item),
}

/// A pane's rows and selection.
#[derive(Debug, Clone)]
pub struct Pane {
    /// What it lists.
    pub kind: PaneKind,
    /// Its rows.
    pub rows: Vec<PaneRow>,
    /// The selected row (never a heading when there are items).
    pub selected: usize,
    /// The first row shown.
    pub scroll: usize,
    /// Only rows whose name (a document's title or path, an entity's names) holds this, any
    /// case; empty for all.
    pub filter: String,
    /// The order of the rows.
    pub sort: Sort,
}

impl Pane {
    /// An empty pane.
    #[must_use]
    pub fn new(kind: PaneKind) -> Self {
        Self { kind, rows: Vec::new(), selected: 0, scroll: 0, filter: String::new(), sort: Sort::Natural }
    }

    /// Fills the rows from the corpus, keeping the selected item when it is still there.
    pub fn fill(&mut self, c: &Corpus) {
        let keep = self.selected_item();
        let wanted = self.filter.to_lowercase();
        let shown = |item: Item| wanted.is_empty() || matches(c, item, &wanted);
        let dates = if self.sort == Sort::Date && self.kind != PaneKind::Docs { latest_dates(c) } else { Vec::new() };
        let order = |items: &mut Vec<Item>| sort_items(c, items, self.sort, &dates);
        self.rows = match self.kind {
            PaneKind::Docs => {
                let mut items: Vec<Item> = (0..c.docs.len()).map(Item::Doc).filter(|&i| shown(i)).collect();
                order(&mut items);
                items.into_iter().map(PaneRow::Item).collect()
            }
            PaneKind::People | PaneKind::Orgs => {
                let kind = if self.kind == PaneKind::People { EntityKind::Person } else { EntityKind::Org };
                let mut items: Vec<Item> =
                    c.entities_of(&[kind]).into_iter().map(Item::Entity).filter(|&i| shown(i)).collect();
                order(&mut items);
                items.into_iter().map(PaneRow::Item).collect()
            }
            PaneKind::Portfolio => {
                let mut rows = Vec::new();
                for k in [EntityKind::Chip, EntityKind::Model, EntityKind::Service] {
                    let mut items: Vec<Item> =
                        c.entities_of(&[k]).into_iter().map(Item::Entity).filter(|&i| shown(i)).collect();
                    order(&mut items);
                    if !items.is_empty() {
                        rows.push(PaneRow::Heading(k));
                        rows.extend(items.into_iter().map(PaneRow::Item));
                    }
                }
                rows
            }
        };
        self.selected = keep
            .and_then(|k| self.rows.iter().position(|r| *r == PaneRow::Item(k)))
            .or_else(|| self.rows.iter().position(|r| matches!(r, PaneRow::Item(_))))
            .unwrap_or(0);
    }

    /// Carries the rows over to a model whose entities were renumbered (`map`: old index to new,
    /// `None` when gone). The selection stays on its entity, or, when that went, on the row
    /// that took its place.
    pub fn remap(&mut self, map: &[Option<crate::model::EntIdx>]) {
        let moved = |r: &PaneRow| match r {
            PaneRow::Item(Item::Entity(e)) => map.get(*e).copied().flatten().map(|n| PaneRow::Item(Item::Entity(n))),
            other => Some(*other),
        };
        let keep =
            self.rows.iter().skip(self.selected).find_map(|r| moved(r).filter(|r| matches!(r, PaneRow::Item(_))));
        self.rows = self.rows.iter().filter_map(moved).collect();
        self.selected = keep.and_then(|k| self.rows.iter().position(|r| *r == k)).unwrap_or(0);
    }

    /// How many items (not headings).
    #[must_use]
    pub fn count(&self) -> usize {
        self.rows.iter().filter(|r| matches!(r, PaneRow::Item(_))).count()
    }

    /// The selected item.
    #[must_use]
    pub fn selected_item(&self) -> Option<Item> {
        match self.rows.get(self.selected) {
            Some(PaneRow::Item(i)) => Some(*i),
            _ => None,
        }
    }

    /// Moves the selection by `delta` items, skipping headings, stopping at the ends.
    pub fn step(&mut self, delta: isize) {
        let items: Vec<usize> = (0..self.rows.len()).filter(|&i| matches!(self.rows[i], PaneRow::Item(_))).collect();
        if items.is_empty() {
            return;
        }
        let at = items.iter().position(|&i| i >= self.selected).unwrap_or(0);
        let next = at.saturating_add_signed(delta).min(items.len() - 1);
        self.selected = items[next];
    }

    /// Scrolls without moving the selection (mouse wheel).
    pub fn scroll_by(&mut self, delta: isize) {
        self.scroll = self.scroll.saturating_add_signed(delta).min(self.rows.len().saturating_sub(1));
    }

    /// Selects the item on a visible row; false on a heading or past the end.
    pub fn click(&mut self, visible_row: usize) -> bool {
        let i = self.scroll + visible_row;
        if matches!(self.rows.get(i), Some(PaneRow::Item(_))) {
            self.selected = i;
            true
        } else {
            false
        }
    }

    /// Keeps the selection in a view of `height` rows.
    pub fn settle(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.scroll {
            self.scroll = self.selected.saturating_sub(usize::from(
                self.selected > 0 && matches!(self.rows.get(self.selected - 1), Some(PaneRow::Heading(_))),
            ));
        } else if self.selected >= self.scroll + height {
            self.scroll = self.selected + 1 - height;
        }
        self.scroll = self.scroll.min(self.rows.len().saturating_sub(height));
    }
}

/// Whether an item's names hold `lower` (already lower case).
fn matches(c: &Corpus, item: Item, lower: &str) -> bool {
    match item {
        Item::Doc(d) => {
            let doc = &c.docs[d];
            doc.title.to_lowercase().contains(lower) || doc.shown_path.to_lowercase().contains(lower)
        }
        Item::Entity(e) => c.entities[e].names().any(|n| n.to_lowercase().contains(lower)),
        Item::Candidate(k) => c.candidates[k].name.to_lowercase().contains(lower),
    }
}

/// Each entity's latest document date, in one pass over the mentions.
fn latest_dates(c: &Corpus) -> Vec<Option<crate::text::date::PartialDate>> {
    let mut out = vec![None; c.entities.len()];
    for m in &c.mentions {
        let d = c.docs[m.doc()].date;
        if let Some(slot) = out.get_mut(m.entity()) {
            if d > *slot {
                *slot = d;
            }
        }
    }
    out
}

/// Puts items (already in natural order) in the pane's order; ties keep natural order.
fn sort_items(c: &Corpus, items: &mut [Item], sort: Sort, dates: &[Option<crate::text::date::PartialDate>]) {
    let date = |i: &Item| match *i {
        Item::Doc(d) => c.docs[d].date,
        Item::Entity(e) => dates.get(e).copied().flatten(),
        Item::Candidate(_) => None,
    };
    match sort {
        Sort::Natural => {}
        Sort::Name => items.sort_by_cached_key(|i| i.name(c).to_lowercase()),
        Sort::Date => items.sort_by_key(|i| std::cmp::Reverse(date(i))),
        Sort::Kind => items.sort_by_key(|i| match *i {
            Item::Doc(d) => c.docs[d].kind as usize,
            Item::Entity(e) => c.entities[e].kind as usize,
            Item::Candidate(_) => 0,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::LoadOptions;

    #[test]
    fn the_portfolio_is_grouped_and_headings_are_never_selected() {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        let mut p = Pane::new(PaneKind::Portfolio);
        p.fill(&c);
        assert_eq!(p.rows[0], PaneRow::Heading(EntityKind::Chip));
        assert!(p.selected_item().is_some());
        for _ in 0..p.rows.len() {
            p.step(1);
            assert!(p.selected_item().is_some());
        }
        assert_eq!(p.count(), c.entities.iter().filter(|e| e.kind.is_portfolio()).count());
        assert!(!p.click(usize::MAX / 2));
    }
}
