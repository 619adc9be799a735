//! The explorer's state and how it changes: `handle` takes an action and returns an effect.
//! Typing in the jump and find lines is in `input.rs`, mouse events in `mouse.rs`, and the
//! layout computed before each draw in `prepare.rs`.

mod bookmarks;
mod curate;
mod input;
mod mouse;
mod prepare;
mod textsearch;

use std::sync::Arc;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::{Action, Context};
use super::card::{Rows, Subject};
use super::geometry::Geometry;
use super::history::History;
use super::jump::{Jump, Request};
use super::keymap::Keymap;
use super::pane::{Pane, PaneKind, PANES};
use super::reader::{Find, Layout, Mode, Reader};
use crate::analysis::card::{Row, Target, TimelineFilter};
use crate::corpus::{Corpus, Progress};
use crate::model::EntIdx;
use crate::model::Item;
use crate::search::items::{self, Entry};
use crate::search::matcher::Matcher;
pub use curate::{Ask, Curator, Prompt, Subject as CurationSubject, KIND_KEYS};

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
    /// Link the corpus again with this catalog choice (after an edit), off the draw path.
    Relink(crate::corpus::LoadOptions),
    /// Hand the terminal to the user's editor on this file at this line (1-based), then
    /// take it back.
    Editor(std::path::PathBuf, usize),
    /// Open a URL or file with the system opener, detached.
    OpenExternal(String),
    /// Put this text on the clipboard (OSC 52); the second part says what it is.
    Copy(String, String),
    /// Run a full-text search off the draw path.
    FindText(crate::tui::textsearch::Request),
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
    /// The timeline, whole or filtered.
    Timeline(TimelineFilter, Rows),
    /// The candidates.
    Candidates(Rows),
    /// The problems with the input.
    Problems(Rows),
    /// The relation chart, of everything or of what is connected to one entity.
    Chart(Option<EntIdx>, Rows),
    /// The bookmarks kept for this corpus.
    Bookmarks(Rows),
}

impl View {
    /// What a row list shows, and its state.
    #[must_use]
    pub fn rows(&self) -> Option<(Subject, &Rows)> {
        match self {
            Self::Entity(e, r) => Some((Subject::Entity(*e), r)),
            Self::Timeline(f, r) => Some((Subject::Timeline(*f), r)),
            Self::Candidates(r) => Some((Subject::Candidates, r)),
            Self::Problems(r) => Some((Subject::Problems, r)),
            Self::Chart(e, r) => Some((Subject::Chart(*e), r)),
            Self::Bookmarks(r) => Some((Subject::Bookmarks, r)),
            _ => None,
        }
    }

    /// The state of a list of rows, when the view is one.
    pub(super) fn rows_mut(&mut self) -> Option<&mut Rows> {
        match self {
            Self::Entity(_, r)
            | Self::Timeline(_, r)
            | Self::Candidates(r)
            | Self::Problems(r)
            | Self::Chart(_, r)
            | Self::Bookmarks(r) => Some(r),
            _ => None,
        }
    }

    /// The item shown.
    #[must_use]
    pub fn item(&self) -> Option<Item> {
        match self {
            Self::Empty
            | Self::Timeline(..)
            | Self::Candidates(_)
            | Self::Problems(_)
            | Self::Chart(..)
            | Self::Bookmarks(_) => None,
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

/// Which part has the keyboard: a list pane, or the detail view (remembering the pane that
/// had it last, where `h` and Esc return).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Focus {
    /// The pane focused, or focused last when `detail`.
    pub pane: PaneKind,
    /// The detail view has the keyboard.
    pub detail: bool,
}

impl Focus {
    /// A pane has the keyboard.
    #[must_use]
    pub fn on(pane: PaneKind) -> Self {
        Self { pane, detail: false }
    }

    /// The pane with the keyboard, if a pane has it.
    #[must_use]
    pub fn pane(self) -> Option<PaneKind> {
        (!self.detail).then_some(self.pane)
    }
}

/// An overlay, drawn over everything below it and getting keys first.
#[derive(Debug, Clone)]
pub enum Layer {
    /// The fuzzy jump.
    Jump(Jump),
    /// The help overlay, scrolled.
    Help(usize),
    /// A one-line prompt of a curation key.
    Prompt(Prompt),
    /// The full-text search.
    TextSearch(crate::tui::textsearch::TextSearch),
}

/// Colours or not, and which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Theme {
    /// Use colour; without it, selection and links are shown with reverse, bold and underline.
    pub color: bool,
    /// The colours, when `color`.
    pub palette: crate::shared::config::Palette,
}

impl Theme {
    /// The default colours, or none.
    #[must_use]
    pub fn new(color: bool) -> Self {
        Self { color, ..Self::default() }
    }
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
    /// Documents, People, Organisations, Portfolio.
    pub panes: [Pane; PANES],
    /// Who has the keyboard.
    pub focus: Focus,
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
    /// The keys in use: the defaults with the user's config over them.
    pub keymap: Keymap,
    /// Whether `y` may copy with OSC 52 (the config's `[defaults] clipboard`).
    pub clipboard: bool,
    /// The screen layout of the last `prepare`.
    pub geometry: Geometry,
    /// The open document wrapped at the detail's width (shared: handlers read it without copying).
    pub layout: Option<Arc<Layout>>,
    /// The open card's or timeline's rows at the detail's width.
    pub card_rows: Option<(Subject, u16, Arc<Vec<Row>>)>,
    /// The timeline's rows, built by the loader off the draw path; `None` while it works.
    pub timeline: Option<Arc<Vec<Row>>>,
    /// The timeline's events, for filtering it (by entity, by dates).
    pub timeline_events: Option<Arc<crate::analysis::timeline::Timeline>>,
    /// Warnings and errors about the input, counted once per corpus for the status line.
    pub problems: usize,
    /// What is wrong with the user's config file (the defaults are in use), for the status line
    /// and the problems view.
    pub config_problem: Option<String>,
    /// Where edits go, when the explorer may edit the catalog.
    pub curator: Option<Curator>,
    /// The bookmarks and marks kept for this corpus ([`App::set_bookmarks`]).
    pub bookmarks: crate::shared::bookmarks::Store,
    /// The marks kept have been put back (once the corpus is loaded); until then marks are
    /// not written, so that the kept ones are not lost.
    marks_restored: bool,
    /// The entity to show once linking after an edit ends (by id).
    show_after_relink: Option<String>,
    /// Edits (and undos) that asked for linking again so far.
    relinks: u64,
    /// The focused pane's filter line is open and takes what is typed.
    pub filtering: bool,
    /// Draw everything anew at the next frame (another program had the terminal).
    pub redraw: bool,
    /// Where the full-text index is (the runner sets the corpus's; tests a temporary folder).
    pub text_source: crate::tui::textsearch::Source,
    /// The full-text index's state.
    pub text_status: crate::tui::textsearch::Status,
    next_gen: u64,
}

impl App {
    /// An explorer over `corpus` (possibly still empty, with `loading` set).
    #[must_use]
    pub fn new(corpus: Arc<Corpus>, theme: Theme, loading: Option<Progress>) -> Self {
        let (events, rows) = super::timeline_of(&corpus);
        let timeline = Some(rows);
        let problems = corpus.problem_count();
        let mut app = Self {
            entries: Arc::new(items::entries(&corpus)),
            corpus,
            matcher: Matcher::default(),
            loading,
            panes: PaneKind::ALL.map(Pane::new),
            focus: Focus::on(PaneKind::Docs),
            history: History::new(Place { view: View::Empty, preview: true }, 200),
            layers: Vec::new(),
            marks: Vec::new(),
            message: None,
            theme,
            keymap: Keymap::default(),
            clipboard: true,
            geometry: Geometry::default(),
            layout: None,
            card_rows: None,
            timeline,
            timeline_events: Some(events),
            problems,
            config_problem: None,
            curator: None,
            bookmarks: crate::shared::bookmarks::Store::none(),
            marks_restored: false,
            show_after_relink: None,
            relinks: 0,
            filtering: false,
            redraw: false,
            text_source: crate::tui::textsearch::Source::default(),
            text_status: crate::tui::textsearch::Status::default(),
            next_gen: 0,
        };
        app.fill_panes();
        app
    }

    /// Takes the user's config: its keys and colours, or, when it is bad, the defaults and the
    /// error said in the status line (until the first key) and kept in the problems view.
    pub fn configure(
        &mut self,
        config: &crate::shared::config::Config,
        error: Option<&crate::shared::config::ConfigError>,
    ) {
        self.clipboard = config.defaults.clipboard;
        let checked = match error {
            Some(e) => Err(e.clone()),
            None => Keymap::from_config(config),
        };
        match checked {
            Ok(keymap) => {
                self.keymap = keymap;
                self.theme.palette = config.palette;
            }
            Err(e) => {
                self.keymap = Keymap::default();
                self.theme.palette = crate::shared::config::Palette::default();
                self.message = Some(format!("config error, the defaults are in use: {e}"));
                self.config_problem = Some(format!("config: {e} (the defaults are in use)"));
            }
        }
    }

    /// How many times an edit asked for linking again: the number the latest answer carries.
    #[must_use]
    pub fn relinks(&self) -> u64 {
        self.relinks
    }

    /// Replaces the model with the one linked again after an edit, carrying views, marks and
    /// selections over by entity id.
    pub fn set_relinked(&mut self, corpus: Arc<Corpus>, entries: Arc<Vec<Entry>>) -> Effect {
        self.carry_over(&corpus);
        self.set_corpus(corpus, entries)
    }

    /// Replaces a cached model with the one brought up to date with the files: documents
    /// and entities are carried over by path and id, as numbers may have changed.
    pub fn set_refreshed(&mut self, corpus: Arc<Corpus>, entries: Arc<Vec<Entry>>) -> Effect {
        self.carry_docs_over(&corpus);
        self.carry_over(&corpus);
        self.set_corpus(corpus, entries)
    }

    /// Replaces the model once loading ends, with its jump entries (prepared off the draw
    /// path by the loader).
    pub fn set_corpus(&mut self, corpus: Arc<Corpus>, entries: Arc<Vec<Entry>>) -> Effect {
        self.problems = corpus.problem_count();
        self.corpus = corpus;
        self.entries = entries;
        self.loading = None;
        self.layout = None;
        self.card_rows = None;
        self.timeline = None;
        self.timeline_events = None;
        self.fill_panes();
        match self.layers.iter().position(|l| matches!(l, Layer::Jump(_))) {
            Some(_) => self.ask_jump(),
            None => Effect::None,
        }
    }

    /// `e`: the current document in the editor, at the first line in view in the reader.
    fn open_editor(&mut self) -> Effect {
        let Some(Item::Doc(d)) = self.current_item() else {
            self.message = Some("e opens a document: select one first".into());
            return Effect::None;
        };
        let doc = &self.corpus.docs[d];
        if !doc.path.is_file() {
            self.message =
                Some(format!("{} is not a file on disk (the bundled corpus is inside dossier)", doc.shown_path));
            return Effect::None;
        }
        // The line in view: the byte at the top of the reader, counted in the file's lines
        // (front matter included, which the body leaves out).
        let byte = self.line_in_view().filter(|&(x, _)| x == d).map_or(0, |(_, b)| b);
        let body_line = doc.body[..doc.body.floor_char_boundary(byte)].matches('\n').count();
        // Lines before the body in the file (front matter): where its first line starts.
        let head = doc.body_line;
        Effect::Editor(doc.path.clone(), head + body_line + 1)
    }

    /// The reader's document and the body byte where the line at the top of the view starts.
    fn line_in_view(&self) -> Option<(crate::model::DocIdx, usize)> {
        let View::Doc(r) = self.view() else { return None };
        let byte = match &self.layout {
            Some(l) if l.doc == r.doc && l.mode == r.mode => l.lines.get(r.scroll).map_or(0, |x| x.start),
            _ => 0,
        };
        Some((r.doc, byte))
    }

    /// `r`: the raw source or the rendered document, keeping the text at the top of the view.
    fn toggle_raw(&mut self) {
        let layout = self.layout.clone();
        let View::Doc(r) = self.view_mut() else { return };
        r.top =
            layout.filter(|l| l.doc == r.doc && l.mode == r.mode).and_then(|l| l.lines.get(r.scroll).map(|x| x.start));
        r.mode = match r.mode {
            Mode::Rendered => Mode::Raw,
            Mode::Raw => Mode::Rendered,
        };
    }

    /// The selected card row's target, when a list of rows has the keyboard.
    fn card_target(&self) -> Option<Target> {
        match (self.view().rows(), &self.card_rows) {
            (Some((subject, c)), Some((s, _, rows))) if *s == subject => {
                c.target(rows).cloned().map(|t| t.resolved(&self.corpus))
            }
            _ => None,
        }
    }

    /// `o`: the document's source URL (from its front matter), else its file, with the system
    /// opener. On a card, the selected fact's document.
    fn open_source(&mut self, ctx: Context) -> Effect {
        let doc = match (ctx, self.card_target()) {
            (Context::Card, Some(Target::Doc(d, _) | Target::Candidate(_, Some(d)))) => Some(d),
            _ => match self.current_item() {
                Some(Item::Doc(d)) => Some(d),
                _ => None,
            },
        };
        let Some(d) = doc else {
            self.message = Some("o opens a document's source: select a document or a fact".into());
            return Effect::None;
        };
        let doc = &self.corpus.docs[d];
        // Only web addresses are handed to the opener from a document's front matter.
        let url = doc.url.as_deref().map(str::trim).filter(|u| u.starts_with("https://") || u.starts_with("http://"));
        if let Some(u) = url {
            return Effect::OpenExternal(u.to_string());
        }
        if doc.path.is_file() {
            let path = std::fs::canonicalize(&doc.path).unwrap_or_else(|_| doc.path.clone());
            return Effect::OpenExternal(path.to_string_lossy().into_owned());
        }
        self.message = Some(format!("{} has no source URL and is not a file on disk", doc.shown_path));
        Effect::None
    }

    /// `y`: what is in focus, on the clipboard: a fact's quote on a card row with one, the
    /// document's path in the reader, else the item's id.
    fn copy(&mut self, ctx: Context) -> Effect {
        let c = &self.corpus;
        let id = |item: Item| match item {
            Item::Doc(d) => (c.docs[d].id.clone(), "id"),
            Item::Entity(e) => (c.entities[e].id.clone(), "id"),
            Item::Candidate(k) => (c.candidates[k].name.clone(), "name"),
        };
        let (text, what) = match ctx {
            Context::Reader => match self.view() {
                View::Doc(r) => (c.docs[r.doc].path.to_string_lossy().into_owned(), "path"),
                _ => return Effect::None,
            },
            Context::Card => match self.card_target() {
                Some(Target::Doc(d, span)) if !span.is_empty() && c.docs[d].body.get(span.clone()).is_some() => {
                    (c.docs[d].body[span].to_string(), "quote")
                }
                Some(Target::Entity(e)) => id(Item::Entity(e)),
                Some(Target::Candidate(k, _)) if k < c.candidates.len() => id(Item::Candidate(k)),
                _ => {
                    let Some(item) = self.current_item() else {
                        self.message = Some("nothing to copy here".into());
                        return Effect::None;
                    };
                    id(item)
                }
            },
            _ => {
                let Some(item) = self.current_item() else {
                    self.message = Some("nothing to copy: select an item".into());
                    return Effect::None;
                };
                id(item)
            }
        };
        Effect::Copy(text, what.to_string())
    }

    /// Fills one pane again (its filter or order changed), showing its new selection.
    pub(super) fn refill(&mut self, i: usize) {
        self.panes[i].fill(&self.corpus);
        self.preview_selection(i);
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

    /// The reader's find line, when it is open and takes what is typed.
    #[must_use]
    pub fn find_line(&self) -> Option<&str> {
        match self.view() {
            View::Doc(r) if self.focus.detail => r.find.as_ref().filter(|f| f.editing).map(|f| f.query.as_str()),
            _ => None,
        }
    }

    /// Where keys go now.
    #[must_use]
    pub fn context(&self) -> Context {
        match self.layers.last() {
            Some(Layer::Jump(_)) => Context::Jump,
            Some(Layer::Help(_)) => Context::Help,
            Some(Layer::Prompt(_)) => Context::Prompt,
            Some(Layer::TextSearch(_)) => Context::TextSearch,
            None if self.filtering && !self.focus.detail => Context::Filter,
            None if self.find_line().is_some() => Context::Find,
            None => match (self.focus.detail, self.view()) {
                (true, View::Doc(_)) => Context::Reader,
                (true, View::Bookmarks(_)) => Context::Bookmarks,
                // Every other list of rows: a card, the timeline, the chart, …
                (true, view) if view.rows().is_some() => Context::Card,
                _ => Context::Panes,
            },
        }
    }

    /// The item `p` prints and Space marks when nothing is marked.
    #[must_use]
    pub fn current_item(&self) -> Option<Item> {
        match self.focus.pane() {
            Some(p) => self.panes[p.index()].selected_item(),
            None => self.view().item(),
        }
    }

    /// Handles a terminal event.
    pub fn handle_event(&mut self, ev: &Event) -> Effect {
        match ev {
            // Pasted text is typed into the jump or the find line, character by character.
            Event::Paste(text) => {
                let mut effect = Effect::None;
                for c in text.chars().filter(|c| !c.is_control()) {
                    if matches!(self.context(), Context::Jump | Context::Find | Context::Prompt | Context::Filter) {
                        effect = self.type_char(c);
                    }
                }
                effect
            }
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
            let action = self.keymap.lookup(ctx, key);
            return if let Some(Action::Cancel) = action {
                Effect::Exit(Outcome::Cancel)
            } else {
                let page = usize::from(self.geometry.area.height.saturating_sub(4)).max(1);
                // The help's own keys (`[keys.help]`) scroll it; any other closes it.
                match (action, self.layers.last_mut()) {
                    (Some(Action::Down), Some(Layer::Help(s))) => *s += 1,
                    (Some(Action::Up), Some(Layer::Help(s))) => *s = s.saturating_sub(1),
                    (Some(Action::PageDown), Some(Layer::Help(s))) => *s += page,
                    (Some(Action::PageUp), Some(Layer::Help(s))) => *s = s.saturating_sub(page),
                    (Some(Action::Top), Some(Layer::Help(s))) => *s = 0,
                    (Some(Action::Bottom), Some(Layer::Help(s))) => *s = usize::MAX,
                    _ => {
                        self.layers.pop();
                    }
                }
                // Kept within what the help can scroll at this size (as drawn: above the status
                // line, in a bordered box).
                let shown = usize::from(self.geometry.area.height.saturating_sub(3));
                let most = self.keymap.help().len().saturating_sub(shown);
                if let Some(Layer::Help(s)) = self.layers.last_mut() {
                    *s = (*s).min(most);
                }
                Effect::None
            };
        }
        match self.keymap.lookup(ctx, key) {
            Some(a) => self.handle(a),
            None => match key.code {
                // A kind's letter answers a kind prompt at once.
                KeyCode::Char(c)
                    if matches!(self.layers.last(), Some(Layer::Prompt(Prompt { ask: Ask::Kind(_), .. }))) =>
                {
                    self.answer_prompt(Some(c))
                }
                KeyCode::Char(c)
                    if matches!(
                        ctx,
                        Context::Jump | Context::Find | Context::Prompt | Context::Filter | Context::TextSearch
                    ) && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
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
            Action::OpenTextSearch => return self.open_text_search(),
            Action::Escape => self.escape(),
            Action::ToggleMark => self.toggle_mark(ctx, Action::Down),
            Action::ToggleMarkUp => self.toggle_mark(ctx, Action::Up),
            Action::Bookmark => self.bookmark(ctx),
            Action::OpenBookmarks => self.visit(View::Bookmarks(Rows::default())),
            Action::RemoveBookmark => self.remove_bookmark(),
            Action::Back => self.go_back(),
            Action::Forward => {
                if self.history.forward().is_none() {
                    self.message = Some("no later place in history".into());
                }
            }
            Action::FocusPane(n) => self.focus_pane(n),
            // From a card, that entity's timeline; else (or again) the whole timeline.
            Action::Timeline => {
                let entity = match self.view() {
                    View::Entity(e, _) => Some(*e),
                    _ => None,
                };
                self.visit(View::Timeline(TimelineFilter { entity, range: None }, Rows::default()));
            }
            Action::DateRange => match self.view() {
                View::Timeline(f, _) => {
                    let input = f.range.map(|r| r.to_string()).unwrap_or_default();
                    self.layers.push(Layer::Prompt(Prompt { ask: Ask::Dates, input }));
                }
                _ => self.message = Some("d filters the timeline by dates: t shows it".into()),
            },
            Action::Candidates => self.visit(View::Candidates(Rows::default())),
            Action::Problems => self.visit(View::Problems(Rows::default())),
            // From a card, the chart of what that entity is connected to; else (or again) all.
            Action::Chart => {
                let focus = match self.view() {
                    View::Entity(e, _) => Some(*e),
                    _ => None,
                };
                self.visit(View::Chart(focus, Rows::default()));
            }
            Action::FocusLeft => self.focus.detail = false,
            Action::NextPane | Action::PrevPane => self.cycle_focus(action == Action::NextPane),
            Action::NextLink => self.step_link(1),
            Action::PrevLink => self.step_link(-1),
            Action::OpenFind => {
                if let View::Doc(r) = self.view_mut() {
                    r.find.get_or_insert_with(Find::default).editing = true;
                }
            }
            Action::ToggleRaw => self.toggle_raw(),
            Action::FindNext | Action::FindPrev => return self.find_step(ctx, action == Action::FindNext),
            Action::DeleteChar | Action::ClearInput => return self.edit_input(action == Action::ClearInput),
            Action::Open if ctx == Context::Prompt => return self.answer_prompt(None),
            Action::Open if ctx == Context::Filter => self.filtering = false,
            Action::OpenFilter => self.filtering = true,
            Action::OpenEditor => return self.open_editor(),
            Action::OpenSource => return self.open_source(ctx),
            Action::Copy => return self.copy(ctx),
            Action::CycleSort => {
                let i = self.focus.pane.index();
                self.panes[i].sort = self.panes[i].sort.next();
                self.refill(i);
            }
            Action::Open => return self.open(ctx),
            Action::Promote
            | Action::Reject
            | Action::Merge
            | Action::AddAlias
            | Action::Rename
            | Action::ChangeKind
            | Action::Undo => return self.curate(action),
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => {
                self.move_in(ctx, action);
            }
        }
        Effect::None
    }

    fn escape(&mut self) {
        if self.layers.pop().is_some() {
            return;
        }
        // A pane's filter: Esc clears it (and closes its line).
        let i = self.focus.pane.index();
        if !self.focus.detail && (self.filtering || !self.panes[i].filter.is_empty()) {
            self.filtering = false;
            self.panes[i].filter.clear();
            self.refill(i);
            return;
        }
        let detail = self.focus.detail;
        match self.view_mut() {
            // The timeline's filters: the dates first, then the entity.
            View::Timeline(f, rows) if detail && !f.is_all() => {
                if f.range.is_some() {
                    f.range = None;
                } else {
                    f.entity = None;
                }
                *rows = Rows::default();
            }
            View::Doc(r) if r.find.as_ref().is_some_and(|f| f.editing) => r.find = None,
            View::Doc(r) if r.find.is_some() || r.highlight.is_some() => {
                r.find = None;
                r.highlight = None;
            }
            _ if detail => self.focus.detail = false,
            _ => {}
        }
    }

    /// Space in a pane and Tab in the jump mark or unmark, then move down; Shift-Tab in the jump
    /// moves up, then marks or unmarks: it undoes a Tab.
    fn toggle_mark(&mut self, ctx: Context, then: Action) {
        if then == Action::Up {
            self.move_in(ctx, Action::Up);
        }
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
        self.save_marks();
        if then == Action::Down && matches!(ctx, Context::Panes | Context::Jump) {
            self.move_in(ctx, Action::Down);
        }
    }

    fn go_back(&mut self) {
        if self.history.back().is_none() {
            self.message = Some("nothing earlier in history".into());
        } else {
            self.focus.detail = true;
        }
    }

    /// Focuses pane `n` (1 to 4), or the detail view (5).
    fn focus_pane(&mut self, n: u8) {
        match PaneKind::ALL.get(usize::from(n).wrapping_sub(1)) {
            Some(&p) => self.focus = Focus::on(p),
            None => self.focus.detail = true,
        }
    }

    /// Documents → People → Organisations → Portfolio → detail, and round.
    fn cycle_focus(&mut self, forward: bool) {
        let n = PaneKind::ALL.len() + 1;
        let at = if self.focus.detail { n - 1 } else { self.focus.pane.index() };
        let next = if forward { (at + 1) % n } else { (at + n - 1) % n };
        self.focus_pane(next as u8 + 1);
    }

    /// Shows an item in the detail view as a new place in history.
    pub fn visit(&mut self, view: View) {
        if self.history.current().view.item() == view.item() && view.item().is_some() && self.history.current().preview
        {
            self.history.replace(Place { view, preview: false });
        } else {
            self.history.visit(Place { view, preview: false });
        }
        self.focus.detail = true;
    }

    fn preview_selection(&mut self, pane: usize) {
        let Some(item) = self.panes[pane].selected_item() else { return };
        if self.view().item() == Some(item) {
            return;
        }
        let view = match item {
            Item::Doc(d) => View::Doc(Reader::new(d)),
            Item::Candidate(_) => View::Candidates(Rows::default()),
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
            Item::Candidate(i) => {
                // The candidates view, with this one selected (its rows start after three).
                self.visit(View::Candidates(Rows { selected: 3 + 2 * i, scroll: 0 }));
            }
            Item::Entity(e) => self.visit(View::Entity(e, Rows::default())),
        }
    }

    fn open(&mut self, ctx: Context) -> Effect {
        match ctx {
            Context::Prompt => return self.answer_prompt(None),
            Context::Filter => self.filtering = false,
            Context::Jump => {
                let Some(Layer::Jump(j)) = self.layers.last() else { return Effect::None };
                // With marks, Enter prints them as `p` does (as fzf does with its marks).
                if j.merge_from.is_none() && !self.marks.is_empty() {
                    return Effect::Exit(Outcome::Pick(self.marks.clone()));
                }
                // Enter acts on the query as typed: when the worker has not answered the last
                // keystroke yet (fast typing, a paste, a script), the search runs here.
                let item = if j.pending() {
                    let q = crate::search::query::Query::parse(&j.input);
                    let (hits, _) = crate::search::narrow::best(&self.matcher, &self.entries, &q, 1);
                    hits.first().map(|h| self.entries[h.entry].item)
                } else {
                    j.hits.get(j.selected).map(|h| self.entries[h.entry].item)
                };
                let Some(item) = item else {
                    self.message = Some("nothing matches".into());
                    return Effect::None;
                };
                if let Some(from) = j.merge_from {
                    return self.merge_into(from, item);
                }
                self.layers.pop();
                self.open_item(item);
            }
            Context::Panes => {
                self.preview_selection(self.focus.pane.index());
                self.history.current_mut().preview = false;
                self.focus.detail = true;
            }
            Context::Reader => {
                let View::Doc(r) = self.view() else { return Effect::None };
                let Some(m) = r.link.and_then(|l| self.corpus.doc_mentions(r.doc).get(l)) else {
                    self.message = Some("no link focused: Tab moves to the next one".into());
                    return Effect::None;
                };
                self.open_item(Item::Entity(m.entity()));
            }
            Context::Card => match self.card_target() {
                Some(Target::Doc(d, span)) => {
                    let mut r = Reader::new(d);
                    r.reveal = Some(span.start);
                    r.highlight = Some(span);
                    self.visit(View::Doc(r));
                }
                Some(Target::Entity(e)) => self.open_item(Item::Entity(e)),
                Some(Target::Candidate(_, Some(d))) => self.visit(View::Doc(Reader::new(d))),
                Some(Target::Candidate(_, None) | Target::Bookmark(_) | Target::Fact(_)) | None => {}
            },
            Context::Bookmarks => self.open_bookmark(),
            Context::TextSearch => self.open_text_hit(),
            Context::Find | Context::Help => {}
        }
        Effect::None
    }

    /// Tab and Shift-Tab in the reader: the next or previous link; when no link in view has
    /// the focus, the first (Tab) or last (Shift-Tab) link in view, else the next one after
    /// (before) the view.
    fn step_link(&mut self, delta: isize) {
        let corpus = Arc::clone(&self.corpus);
        let height = usize::from(
            crate::tui::geometry::reader_rects(crate::tui::geometry::inner(self.geometry.detail), false).body.height,
        )
        .max(1);
        let layout = self.layout.clone();
        let View::Doc(r) = self.view_mut() else { return };
        let mentions = corpus.doc_mentions(r.doc);
        let n = mentions.len();
        if n == 0 {
            return;
        }
        // The bytes in view, when the layout is this document's.
        let view = layout.as_ref().filter(|l| l.doc == r.doc && l.mode == r.mode && !l.lines.is_empty()).map(|l| {
            let top = r.scroll.min(l.lines.len() - 1);
            // Up to where the first line below the view starts.
            let end = l.lines.get(top + height).map_or(usize::MAX, |x| x.start);
            l.lines[top].start..end.max(l.lines[top].start + 1)
        });
        let in_view = |i: usize| view.as_ref().is_none_or(|v| v.contains(&mentions[i].span().start));
        let next = match r.link {
            Some(l) if l < n && in_view(l) => (l + n).saturating_add_signed(delta) % n,
            _ => match view {
                None if delta > 0 => 0,
                None => n - 1,
                // The first link starting in view or after it.
                Some(v) if delta > 0 => mentions.partition_point(|m| m.span().start < v.start).min(n - 1),
                // The last link starting in view or before it.
                Some(v) => mentions.partition_point(|m| m.span().start < v.end).saturating_sub(1),
            },
        };
        // Mentions the rendered text does not show (inside a badge's address, an HTML block)
        // are passed over.
        let shown: Option<Vec<std::ops::Range<usize>>> =
            layout.as_ref().filter(|l| l.doc == r.doc && l.mode == r.mode).map(|l| {
                let mut v: Vec<std::ops::Range<usize>> = l
                    .lines
                    .iter()
                    .flat_map(|row| row.segments.iter())
                    .filter(|s| s.shown.is_none() && !s.src.is_empty())
                    .map(|s| s.src.clone())
                    .collect();
                v.sort_by_key(|x| x.start);
                v
            });
        let is_shown = |i: usize| {
            shown.as_ref().is_none_or(|v| {
                let at = mentions[i].span().start;
                let k = v.partition_point(|x| x.start <= at);
                k > 0 && v[k - 1].contains(&at)
            })
        };
        let step = if delta > 0 { 1 } else { -1 };
        let next = std::iter::successors(Some(next), |&i| Some((i + n).saturating_add_signed(step) % n))
            .take(n)
            .find(|&i| is_shown(i))
            .unwrap_or(next);
        r.link = Some(next);
        r.reveal = Some(mentions[next].span().start);
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
            Context::Panes | Context::Filter => {
                let i = self.focus.pane.index();
                self.panes[i].step(delta);
                self.preview_selection(i);
            }
            Context::Reader => {
                if let View::Doc(r) = self.view_mut() {
                    r.scroll = r.scroll.saturating_add_signed(delta);
                }
            }
            Context::Card | Context::Bookmarks => {
                let rows = self.card_rows.as_ref().map_or_else(|| Arc::new(Vec::new()), |(_, _, r)| Arc::clone(r));
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
            Context::TextSearch => self.move_text_selection(delta),
            Context::Find | Context::Help | Context::Prompt => {}
        }
    }

    fn page_height(&self) -> usize {
        usize::from(self.geometry.detail.height.saturating_sub(6)).max(1)
    }
}
