//! What is computed before each draw (never during it): the screen layout, documents wrapped
//! at the detail's width, card rows, and scroll positions that keep selections in view.

use std::sync::Arc;

use ratatui::layout::Rect;

use super::{App, Layer, View};
use crate::tui::card::{self, Subject};
use crate::tui::geometry::{card_rects, inner, reader_rects, Geometry};
use crate::tui::jump::Preview;
use crate::tui::pane::tab_labels;
use crate::tui::reader::Layout;

impl App {
    /// Recomputes layouts for a screen of `area` and keeps selections in view. Called before
    /// each draw, never from the draw.
    pub fn prepare(&mut self, area: Rect) {
        self.geometry = Geometry::new(area);
        if self.geometry.too_small {
            return;
        }
        self.geometry.place_tabs(&tab_labels(&self.panes));
        for (i, p) in self.panes.iter_mut().enumerate() {
            p.settle(usize::from(inner(self.geometry.panes[i]).height));
        }
        let detail = inner(self.geometry.detail);
        let corpus = Arc::clone(&self.corpus);
        match self.history.current().view.clone() {
            View::Doc(mut r) => {
                let rects = reader_rects(detail, self.find_line().is_some());
                let w = rects.body.width;
                self.layout = match self.layout.take() {
                    Some(l) if l.doc == r.doc && l.mode == r.mode && l.width == w => Some(l),
                    // Only the width changed: wrapped again, not parsed again.
                    Some(l) if l.doc == r.doc && l.mode == r.mode => Some(Arc::new(l.rewrap(&corpus, w))),
                    _ => Some(Arc::new(Layout::new(&corpus, r.doc, r.mode, w))),
                };
                if let Some(l) = &self.layout {
                    r.settle(l, usize::from(rects.body.height));
                }
                *self.view_mut() = View::Doc(r);
            }
            View::Empty => {}
            view => {
                let (_, body) = card_rects(detail);
                let Some((subject, mut c)) = view.rows().map(|(s, c)| (s, c.clone())) else { return };
                if self.card_rows.as_ref().is_none_or(|(s, w, _)| *s != subject || *w != body.width) {
                    self.card_rows = match subject {
                        Subject::Entity(e) => {
                            Some((subject, body.width, Arc::new(card::entity_rows(&corpus, e, body.width))))
                        }
                        // Built by the loader; until it arrives the view says so.
                        Subject::Timeline(f) if f.is_all() => {
                            self.timeline.as_ref().map(|t| (subject, body.width, Arc::clone(t)))
                        }
                        // Filtered once per filter (linear in the events), not at each draw.
                        Subject::Timeline(f) => self.timeline_events.as_ref().map(|t| {
                            (subject, body.width, Arc::new(crate::analysis::card::timeline_rows_of(&corpus, t, f)))
                        }),
                        Subject::Bookmarks => Some((
                            subject,
                            body.width,
                            Arc::new(crate::shared::bookmarks::rows(&corpus, &self.bookmarks, usize::from(body.width))),
                        )),
                        Subject::Problems => {
                            let mut rows = crate::analysis::card::problem_rows(&corpus);
                            if let Some(p) = &self.config_problem {
                                let tone = crate::analysis::card::Tone::Warn;
                                rows.insert(
                                    3,
                                    crate::analysis::card::Row { parts: vec![(format!("  {p}"), tone)], target: None },
                                );
                            }
                            Some((subject, body.width, Arc::new(rows)))
                        }
                        Subject::Chart(focus) => Some((
                            subject,
                            body.width,
                            Arc::new(crate::analysis::chart::Chart::build(&corpus, focus).rows(&corpus)),
                        )),
                        Subject::Candidates => Some((
                            subject,
                            body.width,
                            Arc::new(crate::analysis::card::candidate_rows(
                                &corpus,
                                usize::from(body.width).saturating_sub(6),
                            )),
                        )),
                    };
                }
                if let Some((_, _, rows)) = &self.card_rows {
                    c.settle(rows, usize::from(body.height));
                }
                if let Some(r) = self.view_mut().rows_mut() {
                    *r = c;
                }
            }
        }
        let rects = crate::tui::geometry::jump_rects(area);
        let jump_rows = usize::from(rects.list.height).max(1);
        let entries = Arc::clone(&self.entries);
        if let Some(Layer::Jump(j)) = self.layers.last_mut() {
            if j.selected < j.scroll {
                j.scroll = j.selected;
            } else if j.selected >= j.scroll + jump_rows {
                j.scroll = j.selected + 1 - jump_rows;
            }
            // The selected result's preview, built once per result, query and size.
            let item = j.hits.get(j.selected).and_then(|h| entries.get(h.entry)).map(|e| e.item);
            j.preview = match (rects.preview, item) {
                (Some(p), Some(item)) => {
                    let size = (p.width, p.height);
                    match j.preview.take() {
                        Some(old) if old.item == item && old.query == j.input && old.size == size => Some(old),
                        _ => Some(Preview::build(&corpus, item, &j.input, p.width, p.height)),
                    }
                }
                _ => None,
            };
        }
    }
}
