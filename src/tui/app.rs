//! The explorer's state and how it changes: `handle` takes an action and returns an effect.

use std::sync::Arc;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::action::{lookup, Action, Context};
use super::card::{self, Row, Rows, Subject, Target};
use super::geometry::{card_rects, inner, reader_rects, Geometry};
use super::history::History;
use super::jump::{Jump, Request, Results};
use super::pane::{Pane, PaneKind};
use super::reader::{Find, Layout, Reader};
use crate::corpus::{Corpus, Progress};
use crate::matcher::Matcher;
use crate::model::EntIdx;
use crate::query::Query;
use crate::search::{self, Entry, Item};

/// How the explorer ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// `q`: exit 0, print nothing.
    Quit,
    /// `p`: print these items, exit 0.
    Pick(Vec<Item>),
    /// Ctrl-C or a signal: exit 130, print nothing.
    Cancel,
}

/// A side effect for the runner to carry out.
#[derive(Debug, Clone)]
pub enum Effect {
    /// Nothing.
    None,
    /// Run a jump search off the draw path.
    Search(Request),
    /// Leave the explorer.
    Exit(Outcome),
}

/// What the detail view shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// Nothing selected yet.
    Empty,
    /// A document in the reader.
    Doc(Reader),
    /// An entity's card.
    Entity(EntIdx, Rows),
    /// The timeline.
    Timeline(Rows),
}

impl View {
    /// What a row list shows, and its state.
    #[must_use]
    pub fn rows(&self) -> Option<(Subject, &Rows)> {
        match self {
            Self::Entity(e, r) => Some((Subject::Entity(*e), r)),
            Self::Timeline(r) => Some((Subject::Timeline, r)),
            _ => None,
        }
    }

    fn rows_mut(&mut self) -> Option<&mut Rows> {
        match self {
            Self::Entity(_, r) | Self::Timeline(r) => Some(r),
            _ => None,
        }
    }

    /// The item shown.
    #[must_use]
    pub fn item(&self) -> Option<Item> {
        match self {
            Self::Empty | Self::Timeline(_) => None,
            Self::Doc(r) => Some(Item::Doc(r.doc)),
            Self::Entity(e, _) => Some(Item::Entity(*e)),
        }
    }
}

/// A place in the history: a view, and whether it is only a preview of a pane's selection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The view.
    pub view: View,
    /// Shown because a pane's selection moved; replaced when it moves again.
    pub preview: bool,
}

/// Which part has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// One of the three list panes.
    Pane(usize),
    /// The detail view.
    Detail,
}

/// An overlay, drawn over everything below it and getting keys first.
#[derive(Debug, Clone)]
pub enum Layer {
    /// The fuzzy jump.
    Jump(Jump),
    /// The help overlay, scrolled.
    Help(usize),
    /// The find line of the reader; the text typed so far.
    Find(String),
}

/// Colours or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Use colour; without it, selection and links are shown with reverse, bold and underline.
    pub color: bool,
}

/// The explorer's state.
pub struct App {
    /// The model (empty while loading).
    pub corpus: Arc<Corpus>,
    /// Every document and entity, prepared for the jump.
    pub entries: Arc<Vec<Entry>>,
    /// The matcher, for highlighting visible jump rows.
    pub matcher: Matcher,
    /// Loading progress, while loading.
    pub loading: Option<Progress>,
    /// Documents, People, Portfolio.
    pub panes: [Pane; 3],
    /// Who has the keyboard.
    pub focus: Focus,
    /// The last pane focused.
    pub last_pane: usize,
    /// Back/forward over places; the current one is shown.
    pub history: History<Place>,
    /// Overlays, topmost last.
    pub layers: Vec<Layer>,
    /// Marked items, in the order marked.
    pub marks: Vec<Item>,
    /// A message for the status line.
    pub message: Option<String>,
    /// Colours.
    pub theme: Theme,
    /// The screen layout of the last `prepare`.
    pub geometry: Geometry,
    /// The open document wrapped at the detail's width.
    pub layout: Option<Layout>,
    /// The open card's or timeline's rows at the detail's width.
    pub card_rows: Option<(Subject, u16, Vec<Row>)>,
    next_gen: u64,
}

impl App {
    /// An explorer over `corpus` (possibly still empty, with `loading` set).
    #[must_use]
    pub fn new(corpus: Arc<Corpus>, theme: Theme, loading: Option<Progress>) -> Self {
        let mut app = Self {
            entries: Arc::new(search::entries(&corpus)),
            corpus,
            matcher: Matcher::default(),
            loading,
            panes: [Pane::new(PaneKind::Docs), Pane::new(PaneKind::People), Pane::new(PaneKind::Portfolio)],
            focus: Focus::Pane(0),
            last_pane: 0,
            history: History::new(Place { view: View::Empty, preview: true }, 200),
            layers: Vec::new(),
            marks: Vec::new(),
            message: None,
            theme,
            geometry: Geometry::default(),
            layout: None,
            card_rows: None,
            next_gen: 0,
        };
        app.fill_panes();
        app
    }

    /// Replaces the model once loading ends, with its jump entries (prepared off the draw
    /// path by the loader).
    pub fn set_corpus(&mut self, corpus: Arc<Corpus>, entries: Arc<Vec<Entry>>) -> Effect {
        self.corpus = corpus;
        self.entries = entries;
        self.loading = None;
        self.layout = None;
        self.card_rows = None;
        self.fill_panes();
        match self.layers.iter().position(|l| matches!(l, Layer::Jump(_))) {
            Some(_) => self.ask_jump(),
            None => Effect::None,
        }
    }

    fn fill_panes(&mut self) {
        for p in &mut self.panes {
            p.fill(&self.corpus);
        }
        if self.history.current().view == View::Empty {
            self.preview_selection(0);
        }
    }

    /// The view shown.
    #[must_use]
    pub fn view(&self) -> &View {
        &self.history.current().view
    }

    fn view_mut(&mut self) -> &mut View {
        &mut self.history.current_mut().view
    }

    /// Where keys go now.
    #[must_use]
    pub fn context(&self) -> Context {
        match self.layers.last() {
            Some(Layer::Jump(_)) => Context::Jump,
            Some(Layer::Find(_)) => Context::Find,
            Some(Layer::Help(_)) => Context::Help,
            None => match (self.focus, self.view()) {
                (Focus::Detail, View::Doc(_)) => Context::Reader,
                (Focus::Detail, View::Entity(..) | View::Timeline(_)) => Context::Card,
                _ => Context::Panes,
            },
        }
    }

    /// The item `p` prints and Space marks when nothing is marked.
    #[must_use]
    pub fn current_item(&self) -> Option<Item> {
        match self.focus {
            Focus::Pane(i) => self.panes[i].selected_item(),
            Focus::Detail => self.view().item(),
        }
    }

    /// Handles a terminal event.
    pub fn handle_event(&mut self, ev: &Event) -> Effect {
        match ev {
            Event::Key(k) if k.kind != KeyEventKind::Release => self.handle_key(k),
            Event::Mouse(m) => {
                self.handle_mouse(*m);
                Effect::None
            }
            _ => Effect::None,
        }
    }

    /// Handles one key press.
    pub fn handle_key(&mut self, key: &KeyEvent) -> Effect {
        let ctx = self.context();
        if ctx == Context::Help {
            return if let Some(Action::Cancel) = lookup(ctx, key) {
                Effect::Exit(Outcome::Cancel)
            } else {
                match (key.code, self.layers.last_mut()) {
                    (KeyCode::Down | KeyCode::Char('j'), Some(Layer::Help(s))) => *s += 1,
                    (KeyCode::Up | KeyCode::Char('k'), Some(Layer::Help(s))) => *s = s.saturating_sub(1),
                    _ => {
                        self.layers.pop();
                    }
                }
                Effect::None
            };
        }
        match lookup(ctx, key) {
            Some(a) => self.handle(a),
            None => match key.code {
                KeyCode::Char(c)
                    if matches!(ctx, Context::Jump | Context::Find)
                        && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    self.type_char(c)
                }
                _ => Effect::None,
            },
        }
    }

    /// Carries out an action.
    pub fn handle(&mut self, action: Action) -> Effect {
        self.message = None;
        let ctx = self.context();
        match action {
            Action::Quit => return Effect::Exit(Outcome::Quit),
            Action::Cancel => return Effect::Exit(Outcome::Cancel),
            Action::Pick => {
                let items =
                    if self.marks.is_empty() { self.current_item().into_iter().collect() } else { self.marks.clone() };
                if items.is_empty() {
                    self.message = Some("nothing to pick".into());
                    return Effect::None;
                }
                return Effect::Exit(Outcome::Pick(items));
            }
            Action::Help => self.layers.push(Layer::Help(0)),
            Action::OpenJump => {
                self.layers.push(Layer::Jump(Jump::default()));
                return self.ask_jump();
            }
            Action::Escape => self.escape(),
            Action::ToggleMark => self.toggle_mark(ctx),
            Action::Back => self.go_back(),
            Action::Forward => {
                if self.history.forward().is_none() {
                    self.message = Some("no later place in history".into());
                }
            }
            Action::FocusPane(n) => self.focus_pane(n),
            Action::Timeline => self.visit(View::Timeline(Rows::default())),
            Action::FocusLeft => self.focus = Focus::Pane(self.last_pane),
            Action::FocusDetail => self.focus = Focus::Detail,
            Action::NextPane | Action::PrevPane => self.cycle_focus(action == Action::NextPane),
            Action::NextLink => self.step_link(1),
            Action::PrevLink => self.step_link(-1),
            Action::OpenFind => {
                if let View::Doc(r) = self.view() {
                    let q = r.find.as_ref().map(|f| f.query.clone()).unwrap_or_default();
                    self.layers.push(Layer::Find(q));
                }
            }
            Action::FindNext | Action::FindPrev => return self.find_step(ctx, action == Action::FindNext),
            Action::DeleteChar | Action::ClearInput => return self.edit_input(action == Action::ClearInput),
            Action::Open => return self.open(ctx),
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => {
                self.move_in(ctx, action);
            }
        }
        Effect::None
    }

    fn escape(&mut self) {
        if let Some(layer) = self.layers.pop() {
            if let (Layer::Find(_), View::Doc(r)) = (layer, self.view_mut()) {
                r.find = None;
            }
            return;
        }
        let detail = self.focus == Focus::Detail;
        match self.view_mut() {
            View::Doc(r) if r.find.is_some() || r.highlight.is_some() => {
                r.find = None;
                r.highlight = None;
            }
            _ if detail => self.focus = Focus::Pane(self.last_pane),
            _ => {}
        }
    }

    fn toggle_mark(&mut self, ctx: Context) {
        let item = match (ctx, self.layers.last()) {
            (Context::Jump, Some(Layer::Jump(j))) => j.hits.get(j.selected).map(|h| self.entries[h.entry].item),
            _ => self.current_item(),
        };
        let Some(item) = item else { return };
        if let Some(i) = self.marks.iter().position(|m| *m == item) {
            self.marks.remove(i);
        } else {
            self.marks.push(item);
        }
        if ctx == Context::Panes {
            self.move_in(ctx, Action::Down);
        }
    }

    fn go_back(&mut self) {
        if self.history.back().is_none() {
            self.message = Some("nothing earlier in history".into());
        } else {
            self.focus = Focus::Detail;
        }
    }

    fn focus_pane(&mut self, n: u8) {
        if (1..=3).contains(&n) {
            self.focus = Focus::Pane(usize::from(n - 1));
            self.last_pane = usize::from(n - 1);
        } else {
            self.focus = Focus::Detail;
        }
    }

    fn cycle_focus(&mut self, forward: bool) {
        let order = [Focus::Pane(0), Focus::Pane(1), Focus::Pane(2), Focus::Detail];
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward { (at + 1) % 4 } else { (at + 3) % 4 };
        self.focus = order[next];
        if let Focus::Pane(i) = self.focus {
            self.last_pane = i;
        }
    }

    /// Shows an item in the detail view as a new place in history.
    pub fn visit(&mut self, view: View) {
        if self.history.current().view.item() == view.item() && view.item().is_some() && self.history.current().preview
        {
            self.history.replace(Place { view, preview: false });
        } else {
            self.history.visit(Place { view, preview: false });
        }
        self.focus = Focus::Detail;
    }

    fn preview_selection(&mut self, pane: usize) {
        let Some(item) = self.panes[pane].selected_item() else { return };
        if self.view().item() == Some(item) {
            return;
        }
        let view = match item {
            Item::Doc(d) => View::Doc(Reader::new(d)),
            Item::Entity(e) => View::Entity(e, Rows::default()),
        };
        if self.history.current().preview {
            self.history.replace(Place { view, preview: true });
        } else {
            self.history.visit(Place { view, preview: true });
        }
    }

    /// Opens an item the way a link does.
    pub fn open_item(&mut self, item: Item) {
        match item {
            Item::Doc(d) => self.visit(View::Doc(Reader::new(d))),
            Item::Entity(e) => self.visit(View::Entity(e, Rows::default())),
        }
    }

    fn open(&mut self, ctx: Context) -> Effect {
        match ctx {
            Context::Jump => {
                let Some(Layer::Jump(j)) = self.layers.last() else { return Effect::None };
                let Some(item) = j.hits.get(j.selected).map(|h| self.entries[h.entry].item) else {
                    return Effect::None;
                };
                self.layers.pop();
                self.open_item(item);
            }
            Context::Panes => {
                if let Focus::Pane(i) = self.focus {
                    self.preview_selection(i);
                    self.history.current_mut().preview = false;
                }
                self.focus = Focus::Detail;
            }
            Context::Reader => {
                let View::Doc(r) = self.view() else { return Effect::None };
                let Some(m) = r.link.and_then(|l| self.corpus.doc_mentions(r.doc).get(l)) else {
                    self.message = Some("no link focused: Tab moves to the next one".into());
                    return Effect::None;
                };
                self.open_item(Item::Entity(m.entity()));
            }
            Context::Card => {
                let target = match (self.view().rows(), &self.card_rows) {
                    (Some((subject, c)), Some((s, _, rows))) if *s == subject => c.target(rows).cloned(),
                    _ => None,
                };
                match target {
                    Some(Target::Doc(d, span)) => {
                        let mut r = Reader::new(d);
                        r.reveal = Some(span.start);
                        r.highlight = Some(span);
                        self.visit(View::Doc(r));
                    }
                    Some(Target::Entity(e)) => self.open_item(Item::Entity(e)),
                    None => {}
                }
            }
            Context::Find | Context::Help => {}
        }
        Effect::None
    }

    fn step_link(&mut self, delta: isize) {
        let corpus = Arc::clone(&self.corpus);
        let View::Doc(r) = self.view_mut() else { return };
        let n = corpus.doc_mentions(r.doc).len();
        if n == 0 {
            return;
        }
        let next = match r.link {
            None if delta > 0 => 0,
            None => n - 1,
            Some(l) => (l + n).saturating_add_signed(delta) % n,
        };
        r.link = Some(next);
        r.reveal = Some(corpus.doc_mentions(r.doc)[next].span().start);
    }

    fn find_step(&mut self, ctx: Context, forward: bool) -> Effect {
        if ctx == Context::Find {
            self.layers.pop();
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

    fn type_char(&mut self, c: char) -> Effect {
        match self.layers.last_mut() {
            Some(Layer::Jump(j)) => {
                j.input.push(c);
                j.selected = 0;
                self.ask_jump()
            }
            Some(Layer::Find(q)) => {
                q.push(c);
                let q = q.clone();
                self.refind(&q);
                Effect::None
            }
            _ => Effect::None,
        }
    }

    fn edit_input(&mut self, clear: bool) -> Effect {
        let edit = |s: &mut String| {
            if clear {
                s.clear();
            } else {
                s.pop();
            }
        };
        match self.layers.last_mut() {
            Some(Layer::Jump(j)) => {
                edit(&mut j.input);
                j.selected = 0;
                self.ask_jump()
            }
            Some(Layer::Find(q)) => {
                edit(q);
                let q = q.clone();
                self.refind(&q);
                Effect::None
            }
            _ => Effect::None,
        }
    }

    fn refind(&mut self, q: &str) {
        let corpus = Arc::clone(&self.corpus);
        let View::Doc(r) = self.view_mut() else { return };
        let mut f = Find::new(&corpus.docs[r.doc].body, q);
        // Start at the first match at or after the text in view.
        let here = r.link.map_or(0, |l| corpus.doc_mentions(r.doc)[l].span().start);
        f.current = f.matches.iter().position(|m| m.start >= here).unwrap_or(0);
        r.reveal = f.matches.get(f.current).map(|m| m.start);
        r.find = Some(f);
    }

    fn ask_jump(&mut self) -> Effect {
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
                j.selected = j.selected.min(j.hits.len().saturating_sub(1));
            }
        }
    }

    /// Whether a jump search is outstanding.
    #[must_use]
    pub fn jump_pending(&self) -> bool {
        self.layers.iter().any(|l| matches!(l, Layer::Jump(j) if j.pending()))
    }

    fn move_in(&mut self, ctx: Context, action: Action) {
        let page = self.page_height() as isize;
        let delta: isize = match action {
            Action::Up => -1,
            Action::Down => 1,
            Action::PageUp => -page,
            Action::PageDown => page,
            Action::Top => isize::MIN / 2,
            _ => isize::MAX / 2,
        };
        match ctx {
            Context::Panes => {
                if let Focus::Pane(i) = self.focus {
                    self.panes[i].step(delta);
                    self.preview_selection(i);
                }
            }
            Context::Reader => {
                if let View::Doc(r) = self.view_mut() {
                    r.scroll = r.scroll.saturating_add_signed(delta);
                }
            }
            Context::Card => {
                let rows = self.card_rows.as_ref().map(|(_, _, r)| r.clone()).unwrap_or_default();
                if let Some(c) = self.view_mut().rows_mut() {
                    c.step(&rows, delta.clamp(-(rows.len() as isize), rows.len() as isize));
                }
            }
            Context::Jump => {
                if let Some(Layer::Jump(j)) = self.layers.last_mut() {
                    let n = j.hits.len();
                    j.selected = j.selected.saturating_add_signed(delta).min(n.saturating_sub(1));
                }
            }
            Context::Find | Context::Help => {}
        }
    }

    fn page_height(&self) -> usize {
        usize::from(self.geometry.detail.height.saturating_sub(6)).max(1)
    }

    /// Recomputes layouts for a screen of `area` and keeps selections in view. Called before
    /// each draw, never from the draw.
    pub fn prepare(&mut self, area: Rect) {
        self.geometry = Geometry::new(area);
        if self.geometry.too_small {
            return;
        }
        for (i, p) in self.panes.iter_mut().enumerate() {
            p.settle(usize::from(inner(self.geometry.panes[i]).height));
        }
        let detail = inner(self.geometry.detail);
        let corpus = Arc::clone(&self.corpus);
        match self.history.current().view.clone() {
            View::Doc(mut r) => {
                let rects = reader_rects(detail, matches!(self.layers.last(), Some(Layer::Find(_))));
                let w = rects.body.width;
                if self.layout.as_ref().is_none_or(|l| l.doc != r.doc || l.width != w) {
                    self.layout = Some(Layout::new(&corpus, r.doc, w));
                }
                if let Some(l) = &self.layout {
                    r.settle(l, usize::from(rects.body.height));
                }
                *self.view_mut() = View::Doc(r);
            }
            view @ (View::Entity(..) | View::Timeline(_)) => {
                let (_, body) = card_rects(detail);
                let Some((subject, mut c)) = view.rows().map(|(s, c)| (s, c.clone())) else { return };
                if self.card_rows.as_ref().is_none_or(|(s, w, _)| *s != subject || *w != body.width) {
                    self.card_rows = Some((subject, body.width, card::rows(&corpus, subject, body.width)));
                }
                if let Some((_, _, rows)) = &self.card_rows {
                    c.settle(rows, usize::from(body.height));
                }
                if let Some(r) = self.view_mut().rows_mut() {
                    *r = c;
                }
            }
            View::Empty => {}
        }
        let jump_rows = usize::from(super::render::jump_area(area).height.saturating_sub(4));
        if let Some(Layer::Jump(j)) = self.layers.last_mut() {
            if j.selected < j.scroll {
                j.scroll = j.selected;
            } else if j.selected >= j.scroll + jump_rows.max(1) {
                j.scroll = j.selected + 1 - jump_rows.max(1);
            }
        }
    }

    fn handle_mouse(&mut self, m: MouseEvent) {
        let at = Position { x: m.column, y: m.row };
        let g = self.geometry;
        if g.too_small || !self.layers.is_empty() {
            return;
        }
        let pane = (0..3).find(|&i| g.panes[i].contains(at) && (!g.narrow || self.focus == Focus::Pane(i)));
        let in_detail = g.detail.contains(at) && (!g.narrow || self.focus == Focus::Detail);
        match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let delta = if m.kind == MouseEventKind::ScrollDown { 3 } else { -3 };
                if let Some(i) = pane {
                    self.panes[i].scroll_by(delta);
                } else if in_detail {
                    match self.view_mut() {
                        View::Doc(r) => r.scroll = r.scroll.saturating_add_signed(delta),
                        View::Entity(_, c) | View::Timeline(c) => c.scroll = c.scroll.saturating_add_signed(delta),
                        View::Empty => {}
                    }
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                if let Some(i) = pane {
                    let row = usize::from(at.y.saturating_sub(inner(g.panes[i]).y));
                    if self.panes[i].click(row) {
                        self.focus = Focus::Pane(i);
                        self.last_pane = i;
                        self.preview_selection(i);
                    }
                } else if in_detail {
                    self.focus = Focus::Detail;
                    self.click_detail(at);
                } else if g.narrow && g.tabs.contains(at) {
                    let tab = usize::from((at.x - g.tabs.x) / (g.tabs.width / 4).max(1)).min(3);
                    self.focus = if tab == 3 { Focus::Detail } else { Focus::Pane(tab) };
                }
            }
            _ => {}
        }
    }

    fn click_detail(&mut self, at: Position) {
        let detail = inner(self.geometry.detail);
        let corpus = Arc::clone(&self.corpus);
        let layout = self.layout.clone();
        let rows = self.card_rows.as_ref().map(|(_, _, r)| r.clone());
        let find_open = matches!(self.layers.last(), Some(Layer::Find(_)));
        match self.view_mut() {
            View::Doc(r) => {
                let body = reader_rects(detail, find_open).body;
                let Some(l) = layout.filter(|l| l.doc == r.doc) else { return };
                if !body.contains(at) {
                    return;
                }
                let Some(line) = l.lines.get(r.scroll + usize::from(at.y - body.y)) else { return };
                let text = &corpus.docs[r.doc].body[line.clone()];
                let mut col = 0;
                let mut byte = None;
                for (i, ch) in text.char_indices() {
                    col += super::reader::cell_width(ch);
                    if col > usize::from(at.x - body.x) {
                        byte = Some(line.start + i);
                        break;
                    }
                }
                let Some(b) = byte else { return };
                if let Some(k) = corpus.doc_mentions(r.doc).iter().position(|m| m.span().contains(&b)) {
                    r.link = Some(k);
                }
            }
            View::Entity(_, c) | View::Timeline(c) => {
                let (_, body) = card_rects(detail);
                let Some(rows) = rows else { return };
                let row = c.scroll + usize::from(at.y.saturating_sub(body.y));
                if rows.get(row).is_some_and(|r| r.target.is_some()) {
                    c.selected = row;
                }
            }
            View::Empty => {}
        }
    }
}
