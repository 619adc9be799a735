//! Typing: the jump's query (searched off the draw path) and the reader's find line.

use std::sync::Arc;

use super::{App, Effect, Layer, View};
use crate::search::query::Query;
use crate::tui::action::Context;
use crate::tui::jump::{Request, Results};
use crate::tui::reader::{Find, Reader};

impl App {
    pub(super) fn find_step(&mut self, ctx: Context, forward: bool) -> Effect {
        if ctx == Context::Find {
            if let View::Doc(Reader { find: Some(f), .. }) = self.view_mut() {
                f.editing = false;
            }
            return Effect::None;
        }
        let has_find = matches!(self.view(), View::Doc(r) if r.find.as_ref().is_some_and(|f| !f.matches.is_empty()));
        if !has_find {
            self.step_link(if forward { 1 } else { -1 });
            return Effect::None;
        }
        if let View::Doc(r) = self.view_mut() {
            if let Some(f) = &mut r.find {
                let n = f.matches.len();
                f.current = if forward { (f.current + 1) % n } else { (f.current + n - 1) % n };
                r.reveal = Some(f.matches[f.current].start);
            }
        }
        Effect::None
    }

    pub(super) fn type_char(&mut self, c: char) -> Effect {
        self.edit_line(|s| s.push(c))
    }

    pub(super) fn edit_input(&mut self, clear: bool) -> Effect {
        self.edit_line(|s| {
            if clear {
                s.clear();
            } else {
                s.pop();
            }
        })
    }

    /// Changes the line being typed: the jump's query, else the reader's find line.
    fn edit_line(&mut self, edit: impl FnOnce(&mut String)) -> Effect {
        if let Some(Layer::Prompt(p)) = self.layers.last_mut() {
            edit(&mut p.input);
            return Effect::None;
        }
        if self.context() == Context::Filter {
            let i = self.focus.pane.index();
            edit(&mut self.panes[i].filter);
            self.refill(i);
            return Effect::None;
        }
        if let Some(Layer::TextSearch(_)) = self.layers.last() {
            return self.edit_text_query(edit);
        }
        if let Some(Layer::Jump(j)) = self.layers.last_mut() {
            edit(&mut j.input);
            j.selected = 0;
            return self.ask_jump();
        }
        if let Some(mut q) = self.find_line().map(str::to_string) {
            edit(&mut q);
            self.refind(&q);
        }
        Effect::None
    }

    fn refind(&mut self, q: &str) {
        let corpus = Arc::clone(&self.corpus);
        let View::Doc(r) = self.view_mut() else { return };
        let mut f = Find::new(&corpus.docs[r.doc].body, q);
        f.editing = true;
        // Start at the first match at or after the text in view.
        let here = r.link.map_or(0, |l| corpus.doc_mentions(r.doc)[l].span().start);
        f.current = f.matches.iter().position(|m| m.start >= here).unwrap_or(0);
        r.reveal = f.matches.get(f.current).map(|m| m.start);
        r.find = Some(f);
    }

    pub(super) fn ask_jump(&mut self) -> Effect {
        let Some(Layer::Jump(j)) = self.layers.iter_mut().rev().find(|l| matches!(l, Layer::Jump(_))) else {
            return Effect::None;
        };
        self.next_gen += 1;
        j.asked_gen = self.next_gen;
        Effect::Search(Request { gen: self.next_gen, query: Query::parse(&j.input) })
    }

    /// Takes jump results; old generations are dropped.
    pub fn take_results(&mut self, r: Results) {
        if let Some(Layer::Jump(j)) = self.layers.iter_mut().rev().find(|l| matches!(l, Layer::Jump(_))) {
            if r.gen >= j.shown_gen && r.gen <= j.asked_gen {
                j.shown_gen = r.gen;
                j.hits = r.hits;
                j.total = r.total;
                j.selected = j.selected.min(j.hits.len().saturating_sub(1));
            }
        }
    }
}
