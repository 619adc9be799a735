//! Where everything goes on the screen: computed from the size alone, shared by drawing and by
//! mouse hit-testing so both agree.

use ratatui::layout::{Constraint, Layout, Rect};

use crate::tui::pane::PANES;

/// Below this width the explorer is one column with tabs.
pub const WIDE: u16 = 100;
/// Below this size only "terminal too small" is drawn.
pub const MIN_WIDTH: u16 = 20;
/// Below this height only "terminal too small" is drawn.
pub const MIN_HEIGHT: u16 = 6;

/// The screen's regions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Geometry {
    /// The whole screen.
    pub area: Rect,
    /// Too small to draw anything useful.
    pub too_small: bool,
    /// One column with tabs.
    pub narrow: bool,
    /// The tab bar (narrow only).
    pub tabs: Rect,
    /// Each tab in the bar, where a click selects it (set by [`Geometry::place_tabs`]).
    pub tab_hits: [Rect; PANES + 1],
    /// Documents, People, Organisations, Portfolio (in narrow mode all are the same body area).
    pub panes: [Rect; PANES],
    /// The detail view with its border.
    pub detail: Rect,
    /// The status line.
    pub status: Rect,
}

impl Geometry {
    /// Lays out a screen of `area`.
    #[must_use]
    pub fn new(area: Rect) -> Self {
        let mut g = Self { area, ..Self::default() };
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            g.too_small = true;
            return g;
        }
        let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
        g.status = status;
        if area.width < WIDE {
            g.narrow = true;
            let [tabs, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(main);
            g.tabs = tabs;
            g.panes = [body; PANES];
            g.detail = body;
            return g;
        }
        let left_w = (main.width * 38 / 100).clamp(32, 60);
        let [left, detail] = Layout::horizontal([Constraint::Length(left_w), Constraint::Min(1)]).areas(main);
        g.detail = detail;
        g.panes = Layout::vertical([Constraint::Ratio(1, PANES as u32); PANES]).areas(left);
        g
    }
}

impl Geometry {
    /// Places the tabs in the bar as they are drawn: each label padded by a space on both
    /// sides, one space between tabs, cut at the bar's right edge.
    pub fn place_tabs(&mut self, labels: &[String; PANES + 1]) {
        use unicode_width::UnicodeWidthStr;
        let mut x = self.tabs.x;
        let right = self.tabs.right();
        for (hit, label) in self.tab_hits.iter_mut().zip(labels) {
            let w = (label.width() as u16).saturating_add(2);
            let start = x.min(right);
            *hit = Rect { x: start, y: self.tabs.y, width: w.min(right - start), height: self.tabs.height };
            x = x.saturating_add(w + 1);
        }
    }
}

/// The reader's regions inside the detail border.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReaderRects {
    /// Breadcrumb.
    pub crumb: Rect,
    /// Title and metadata (two lines).
    pub header: Rect,
    /// The wrapped text.
    pub body: Rect,
    /// The find line (zero height when closed).
    pub find: Rect,
    /// Entities in this document.
    pub strip: Rect,
}

/// Splits the inside of the detail border for the reader.
#[must_use]
pub fn reader_rects(inner: Rect, find_open: bool) -> ReaderRects {
    let [crumb, header, body, find, strip] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Min(0),
        Constraint::Length(u16::from(find_open)),
        Constraint::Length(2),
    ])
    .areas(inner);
    ReaderRects { crumb, header, body, find, strip }
}

/// Splits the inside of the detail border for a card: breadcrumb, rows.
#[must_use]
pub fn card_rects(inner: Rect) -> (Rect, Rect) {
    let [crumb, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    (crumb, body)
}

/// The inside of a bordered block.
#[must_use]
pub fn inner(r: Rect) -> Rect {
    ratatui::widgets::Block::bordered().inner(r)
}

/// A centred rectangle of at most `w`×`h` inside `area`.
#[must_use]
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// Where the jump overlay goes on a screen of `area`.
#[must_use]
pub fn jump_area(area: Rect) -> Rect {
    centered(area, (area.width * 9 / 10).max(20), (area.height * 8 / 10).max(6))
}

/// The jump's regions on a screen of `area`, inside its border.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JumpRects {
    /// The query and the hint (two lines).
    pub input: Rect,
    /// The results.
    pub list: Rect,
    /// The rule between the results and the preview (wide screens).
    pub rule: Option<Rect>,
    /// The selected result's preview (wide screens: [`WIDE`] columns and more).
    pub preview: Option<Rect>,
}

/// Splits the jump overlay: input lines on top, the results below, and on wide screens the
/// preview beside them.
#[must_use]
pub fn jump_rects(area: Rect) -> JumpRects {
    let body = inner(jump_area(area));
    let top = body.height.min(2);
    let input = Rect { height: top, ..body };
    let below = Rect { y: body.y + top, height: body.height - top, ..body };
    if area.width < WIDE || below.width < 40 {
        return JumpRects { input, list: below, rule: None, preview: None };
    }
    let list_w = below.width / 2;
    let list = Rect { width: list_w, ..below };
    let rule = Rect { x: below.x + list_w, width: 1, ..below };
    let preview = Rect { x: rule.x + 2, width: below.width - list_w - 2, ..below };
    JumpRects { input, list, rule: Some(rule), preview: Some(preview) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_are_hit_where_they_are_drawn_not_in_equal_quarters() {
        let mut g = Geometry::new(Rect::new(0, 0, 80, 24));
        let labels =
            ["1 Documents (5)", "2 People (9)", "3 Orgs (7)", "4 Portfolio (21)", "5 Detail"].map(String::from);
        g.place_tabs(&labels);
        // " 1 Documents (5) " is 17 wide, then a space: People starts at 18.
        assert_eq!((g.tab_hits[0].x, g.tab_hits[0].width), (0, 17));
        assert_eq!(g.tab_hits[1].x, 18);
        // "5 Detail" starts at 18 + 14 + 1 + 12 + 1 + 18 + 1 = 65, not at 64 as fifths would have it.
        assert_eq!(g.tab_hits[4].x, 65);
        assert!(g.tab_hits[4].contains(ratatui::layout::Position { x: 67, y: 0 }));
    }

    #[test]
    fn wide_screens_have_three_panes_beside_the_detail() {
        let g = Geometry::new(Rect::new(0, 0, 120, 40));
        assert!(!g.narrow && !g.too_small);
        assert_eq!(g.panes[0].x, 0);
        assert!(g.detail.x >= g.panes[0].right());
        assert_eq!(g.status.y, 39);
    }

    #[test]
    fn narrow_screens_use_tabs() {
        let g = Geometry::new(Rect::new(0, 0, 80, 24));
        assert!(g.narrow);
        assert_eq!(g.tabs.height, 1);
    }

    #[test]
    fn tiny_screens_are_too_small() {
        for (w, h) in [(0, 0), (1, 1), (19, 40), (120, 5)] {
            assert!(Geometry::new(Rect::new(0, 0, w, h)).too_small);
        }
    }
}
