//! Full-text search (`F`): the overlay's typing, the worker's reports, and opening a result in
//! the reader at its first hit, with `n` / `N` going from hit to hit.

use std::sync::Arc;

use super::{App, Effect, Layer, View};
use crate::search::fulltext;
use crate::tui::reader::{Find, Reader};
use crate::tui::textsearch::{Report, Request, Status, TextSearch};

impl App {
    /// `F`: opens the overlay (the index is opened, and built or updated, in the background).
    pub(super) fn open_text_search(&mut self) -> Effect {
        self.layers.push(Layer::TextSearch(TextSearch::default()));
        self.ask_text(true)
    }

    /// The open overlay.
    fn text_search_mut(&mut self) -> Option<&mut TextSearch> {
        self.layers.iter_mut().rev().find_map(|l| match l {
            Layer::TextSearch(t) => Some(t),
            _ => None,
        })
    }

    /// Asks the worker for the overlay's query (and to update the index first, with `sync`).
    pub(super) fn ask_text(&mut self, sync: bool) -> Effect {
        self.next_gen += 1;
        let gen = self.next_gen;
        let corpus = Arc::clone(&self.corpus);
        let source = self.text_source.clone();
        let Some(t) = self.text_search_mut() else { return Effect::None };
        t.asked_gen = gen;
        Effect::FindText(Request { gen, query: t.input.clone(), corpus, source, sync })
    }

    /// Takes what the worker reports; results of older generations are dropped.
    pub fn take_text(&mut self, r: Report) {
        match r {
            Report::Status(s) => self.text_status = s,
            Report::Results(gen, result) => {
                let Some(t) = self.text_search_mut() else { return };
                if gen < t.shown_gen || gen > t.asked_gen {
                    return;
                }
                t.shown_gen = gen;
                match result {
                    Ok((hits, total)) => {
                        t.hits = hits;
                        t.total = total;
                        t.error = None;
                    }
                    Err(e) => {
                        t.hits.clear();
                        t.total = 0;
                        t.error = Some(e);
                    }
                }
                t.selected = t.selected.min(t.hits.len().saturating_sub(1));
            }
        }
    }

    /// Enter: the selected document in the reader at its first hit; the reader's find holds
    /// every hit, so `n` / `N` go from one to the next.
    pub(super) fn open_text_hit(&mut self) {
        let Some(Layer::TextSearch(t)) = self.layers.last() else { return };
        let Some(hit) = t.hits.get(t.selected) else {
            self.message = Some(match (&self.text_status, t.pending()) {
                (Status::Indexing(..) | Status::Closed, _) | (_, true) => {
                    "no results yet: the search is running".into()
                }
                _ => "nothing matches".into(),
            });
            return;
        };
        let Some(d) = hit.doc.filter(|&d| d < self.corpus.docs.len()) else {
            self.message = Some("that document is still loading; try again in a moment".into());
            return;
        };
        let input = t.input.clone();
        let matches =
            fulltext::parse(&input).map(|q| fulltext::highlight(&q, &self.corpus.docs[d].body)).unwrap_or_default();
        self.layers.pop();
        let mut r = Reader::new(d);
        r.reveal = matches.first().map(|m| m.start);
        if !matches.is_empty() {
            r.find = Some(Find { query: input, matches, current: 0, editing: false });
        }
        self.visit(View::Doc(r));
    }

    /// Types into the overlay's line.
    pub(super) fn edit_text_query(&mut self, edit: impl FnOnce(&mut String)) -> Effect {
        let Some(t) = self.text_search_mut() else { return Effect::None };
        edit(&mut t.input);
        t.selected = 0;
        self.ask_text(false)
    }

    /// Moves the overlay's selection.
    pub(super) fn move_text_selection(&mut self, delta: isize) {
        if let Some(t) = self.text_search_mut() {
            let n = t.hits.len();
            t.selected = t.selected.saturating_add_signed(delta).min(n.saturating_sub(1));
        }
    }
}
