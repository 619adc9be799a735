//! Bookmarks and marks that last, from the explorer: `b` bookmarks what is in focus, `B` lists
//! the bookmarks, Enter opens one, `x` removes one; the marks are kept whenever they change and
//! put back once the corpus is loaded. The file is read and written by
//! [`crate::shared::bookmarks`], in the update, never in the draw.

use super::{App, View};
use crate::analysis::card::Target;
use crate::model::Item;
use crate::shared::bookmarks::{now, Bookmark, Found, Marked, Store};
use crate::text::sanitize::one_line;
use crate::tui::action::Context;
use crate::tui::reader::Reader;

impl App {
    /// Takes the bookmarks and marks kept for this corpus; the marks are put back at once when
    /// the corpus is loaded, else when it is ([`App::restore_marks`]). A file that cannot be
    /// read is said on the status line (and in the bookmarks view); the explorer goes on.
    pub fn set_bookmarks(&mut self, store: Store) {
        if let (Some(e), Some(_)) = (&store.error, &store.path) {
            self.message = Some(format!("bookmarks: {}", one_line(e)));
        }
        self.bookmarks = store;
        self.card_rows = None;
        if self.loading.is_none() {
            self.restore_marks();
        }
    }

    /// Puts back the marks kept, once, after the corpus is loaded: those still in the corpus,
    /// then any made while it loaded.
    pub fn restore_marks(&mut self) {
        if self.marks_restored {
            return;
        }
        self.marks_restored = true;
        let kept = &self.bookmarks.saved.marks;
        let mut marks: Vec<Item> = kept.iter().filter_map(|m| m.find(&self.corpus)).collect();
        let gone = kept.len() - marks.len();
        let made_meanwhile = self.marks.iter().any(|m| !marks.contains(m));
        for m in std::mem::take(&mut self.marks) {
            if !marks.contains(&m) {
                marks.push(m);
            }
        }
        self.marks = marks;
        if gone > 0 && self.message.is_none() {
            let n = crate::analysis::card::count(gone, "marked item is", "marked items are");
            self.message = Some(format!("{n} no longer in the corpus"));
        }
        if made_meanwhile {
            self.save_marks();
        }
    }

    /// Keeps the marks as they are now (after the kept ones are back).
    pub(super) fn save_marks(&mut self) {
        if !self.marks_restored || self.bookmarks.path.is_none() {
            return;
        }
        let marks = self.marks.iter().map(|&m| Marked::of(&self.corpus, m)).collect();
        if let Err(e) = self.bookmarks.set_marks(marks) {
            self.message = Some(format!("marks not kept: {}", one_line(&e)));
        }
    }

    /// `b`: a bookmark of what is in focus.
    pub(super) fn bookmark(&mut self, ctx: Context) {
        let c = &self.corpus;
        let when = now();
        let b = match ctx {
            Context::Reader => self.line_in_view().map(|(d, at)| Bookmark::doc(c, d, at, when)),
            Context::Card => match (self.view(), self.card_target()) {
                (&View::Entity(e, _), _) | (_, Some(Target::Entity(e))) => Some(Bookmark::entity(c, e, when)),
                (_, Some(Target::Doc(d, span))) => Some(Bookmark::doc(c, d, span.start, when)),
                _ => None,
            },
            Context::Panes => match self.current_item() {
                Some(Item::Doc(d)) => Some(Bookmark::doc(c, d, 0, when)),
                Some(Item::Entity(e)) => Some(Bookmark::entity(c, e, when)),
                _ => None,
            },
            _ => None,
        };
        let Some(b) = b else {
            self.message = Some("b bookmarks a document, an entity or a fact's source: select one first".into());
            return;
        };
        let what = match b.line.trim() {
            "" => format!("\"{}\"", one_line(&b.label)),
            line => format!("\"{}\" at \"{}\"", one_line(&b.label), one_line(line)),
        };
        self.message = Some(match self.bookmarks.add(b) {
            Ok(true) => format!("bookmarked {what} (B lists the bookmarks)"),
            Ok(false) => format!("already bookmarked: {what}, now the newest (B lists the bookmarks)"),
            // Why is in the bookmarks view, where it has room.
            Err(_) => format!("bookmarked until the explorer ends, not kept (B says why): {what}"),
        });
        self.card_rows = None;
    }

    /// The bookmark selected in the bookmarks view.
    fn selected_bookmark(&self) -> Option<Bookmark> {
        let View::Bookmarks(rows) = self.view() else { return None };
        let (_, _, built) = self.card_rows.as_ref()?;
        match rows.target(built) {
            Some(Target::Bookmark(i)) => self.bookmarks.saved.bookmarks.get(*i).cloned(),
            _ => None,
        }
    }

    /// Enter in the bookmarks view: the document with the bookmarked line at the top, or the
    /// entity's card.
    pub(super) fn open_bookmark(&mut self) {
        let Some(b) = self.selected_bookmark() else { return };
        match b.find(&self.corpus) {
            Some(Found::Doc(d, at)) => {
                let mut r = Reader::new(d);
                r.top = Some(at);
                self.visit(View::Doc(r));
            }
            Some(Found::Entity(e)) => self.open_item(Item::Entity(e)),
            None => {
                self.message =
                    Some(format!("\"{}\" is not in the corpus now; x removes the bookmark", one_line(&b.label)));
            }
        }
    }

    /// `x` in the bookmarks view: the selected bookmark is removed.
    pub(super) fn remove_bookmark(&mut self) {
        let Some(b) = self.selected_bookmark() else {
            self.message = Some("no bookmark selected".into());
            return;
        };
        self.message = Some(match self.bookmarks.remove(&b) {
            Ok(()) => format!("removed the bookmark \"{}\"", one_line(&b.label)),
            Err(e) => format!("not removed: {}", one_line(&e)),
        });
        self.card_rows = None;
    }
}
