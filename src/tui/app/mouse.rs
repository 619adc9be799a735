//! Mouse: a click selects a row, a link or a card row; the wheel scrolls what is under it.

use std::sync::Arc;

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::{App, Focus, View};
use crate::tui::geometry::{card_rects, inner, reader_rects};
use crate::tui::pane::{PaneKind, PANES};

impl App {
    /// Handles a mouse event.
    pub(super) fn handle_mouse(&mut self, m: MouseEvent) {
        let at = Position { x: m.column, y: m.row };
        let g = self.geometry;
        if g.too_small || !self.layers.is_empty() {
            return;
        }
        let pane =
            (0..PANES).find(|&i| g.panes[i].contains(at) && (!g.narrow || self.focus.pane() == Some(PaneKind::ALL[i])));
        let in_detail = g.detail.contains(at) && (!g.narrow || self.focus.detail);
        match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let delta = if m.kind == MouseEventKind::ScrollDown { 3 } else { -3 };
                if let Some(i) = pane {
                    self.panes[i].scroll_by(delta);
                } else if in_detail {
                    let view = self.view_mut();
                    if let View::Doc(r) = view {
                        r.scroll = r.scroll.saturating_add_signed(delta);
                    } else if let Some(c) = view.rows_mut() {
                        c.scroll = c.scroll.saturating_add_signed(delta);
                    }
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                if let Some(i) = pane {
                    let row = usize::from(at.y.saturating_sub(inner(g.panes[i]).y));
                    if self.panes[i].click(row) {
                        self.focus = Focus::on(PaneKind::ALL[i]);
                        self.preview_selection(i);
                    }
                } else if in_detail {
                    self.focus.detail = true;
                    self.click_detail(at);
                } else if let Some(tab) = g.narrow.then(|| g.tab_hits.iter().position(|r| r.contains(at))).flatten() {
                    self.focus_pane(tab as u8 + 1);
                }
            }
            _ => {}
        }
    }

    fn click_detail(&mut self, at: Position) {
        let detail = inner(self.geometry.detail);
        let corpus = Arc::clone(&self.corpus);
        let layout = self.layout.clone();
        let rows = self.card_rows.as_ref().map(|(_, _, r)| Arc::clone(r));
        let find_open = self.find_line().is_some();
        match self.view_mut() {
            View::Doc(r) => {
                let body = reader_rects(detail, find_open).body;
                let Some(l) = layout.filter(|l| l.doc == r.doc && l.mode == r.mode) else { return };
                if !body.contains(at) {
                    return;
                }
                let Some(line) = l.lines.get(r.scroll + usize::from(at.y - body.y)) else { return };
                let text = &corpus.docs[r.doc].body;
                let byte = crate::tui::reader::byte_at_column(text, line, usize::from(at.x - body.x));
                let Some(b) = byte else { return };
                if let Some(k) = corpus.doc_mentions(r.doc).iter().position(|m| m.span().contains(&b)) {
                    r.link = Some(k);
                }
            }
            view => {
                let Some(c) = view.rows_mut() else { return };
                let (_, body) = card_rects(detail);
                let Some(rows) = rows else { return };
                let row = c.scroll + usize::from(at.y.saturating_sub(body.y));
                if rows.get(row).is_some_and(|r| r.target.is_some()) {
                    c.selected = row;
                }
            }
        }
    }
}
