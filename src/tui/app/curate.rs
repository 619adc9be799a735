//! Curation from the explorer: the keys that promote, reject, merge, alias, rename and change
//! the kind of the entity or candidate in focus, the prompts they open, and undo. The catalog
//! is written at once ([`crate::shared::curate`]); linking again runs off the draw path
//! ([`Effect::Relink`]), and [`App::set_corpus`] carries the views over to the new model.

use std::collections::HashMap;

use super::{App, Effect, Layer, Place, View};
use crate::corpus::{CatalogChoice, Corpus, LoadOptions};
use crate::model::{DocIdx, EntIdx, EntityKind, Item};
use crate::shared::curate::{undo, write_edit, Applied, Edit, Snapshot};
use crate::tui::action::Action;
use crate::tui::card::Rows;
use crate::tui::jump::Jump;
use crate::tui::reader::Reader;

/// Where the explorer's edits go, and what can be undone.
#[derive(Debug, Clone)]
pub struct Curator {
    /// What the corpus was loaded with; the catalog choice follows the edits.
    pub load: LoadOptions,
    /// The catalog choice the user started with.
    original: CatalogChoice,
    /// The catalog text to start from when the edit target does not exist yet.
    seed: Option<&'static str>,
    /// Edits written, last last.
    done: Vec<Applied>,
}

impl Curator {
    /// A curator for a corpus loaded with `load`.
    #[must_use]
    pub fn new(load: LoadOptions) -> Self {
        let seed = crate::shared::curate::seed_for(&load);
        Self { original: load.catalog.clone(), load, seed, done: Vec::new() }
    }

    /// The catalog to load after the edits so far: the one edited, or the original choice
    /// when undo removed the file an edit had created.
    fn follow(&mut self) {
        let original = LoadOptions { catalog: self.original.clone(), ..self.load.clone() };
        self.load.catalog = match self.done.last() {
            Some(a) => CatalogChoice::File(a.path.clone()),
            None => crate::shared::places::resolve_catalog(&original),
        };
    }
}

/// What a prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// A new alias for an entity.
    Alias(EntIdx),
    /// A new name for an entity.
    Rename(EntIdx),
    /// A kind: for a candidate to promote, or an entity to change.
    Kind(Subject),
    /// The dates the timeline shows (not an edit).
    Dates,
}

/// A one-line prompt over the explorer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// What is asked.
    pub ask: Ask,
    /// What is typed.
    pub input: String,
}

/// What a curation key acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// An entity.
    Entity(EntIdx),
    /// A candidate (index into the corpus's candidates).
    Candidate(usize),
}

/// The kinds a prompt offers, with the letter that picks each.
pub const KIND_KEYS: [(char, EntityKind); 5] = [
    ('p', EntityKind::Person),
    ('o', EntityKind::Org),
    ('c', EntityKind::Chip),
    ('m', EntityKind::Model),
    ('s', EntityKind::Service),
];

impl Prompt {
    /// The prompt's title.
    #[must_use]
    pub fn title(&self, c: &Corpus) -> String {
        let name = |s: Subject| match s {
            Subject::Entity(e) => c.entities.get(e).map_or("?", |e| e.name.as_str()).to_string(),
            Subject::Candidate(i) => c.candidates.get(i).map_or("?", |k| k.name.as_str()).to_string(),
        };
        match self.ask {
            Ask::Alias(e) => format!("New alias for {}", name(Subject::Entity(e))),
            Ask::Rename(e) => format!("Rename {}", name(Subject::Entity(e))),
            Ask::Kind(s @ Subject::Candidate(_)) => format!("Promote {} as", name(s)),
            Ask::Kind(s) => format!("Change the kind of {}", name(s)),
            Ask::Dates => "Timeline dates: 2024, 2024-03..2025-01, ..2025 (empty: all)".to_string(),
        }
    }
}

impl App {
    /// Enter in the timeline's date prompt: the range typed, or every date when empty.
    fn answer_dates(&mut self, input: &str) {
        let range = if input.trim().is_empty() {
            None
        } else if let Some(r) = crate::analysis::timeline::DateRange::parse(input) {
            Some(r)
        } else {
            self.message = Some(format!("not a range of dates: {input} (try 2024, 2024-03..2025-01 or ..2025)"));
            return;
        };
        self.layers.pop();
        if let View::Timeline(f, rows) = self.view_mut() {
            f.range = range;
            *rows = Rows::default();
        }
    }

    /// The entity or candidate a curation key acts on: the selected candidate in the
    /// candidates view, else the current item when it is an entity.
    fn curation_subject(&self) -> Option<Subject> {
        if self.focus.detail {
            if let View::Candidates(r) = self.view() {
                // The candidate of the selected row, as the rows name it.
                let rows = self.card_rows.as_ref().filter(|(s, _, _)| *s == crate::tui::card::Subject::Candidates)?;
                return match r.target(&rows.2) {
                    Some(crate::analysis::card::Target::Candidate(i, _)) if *i < self.corpus.candidates.len() => {
                        Some(Subject::Candidate(*i))
                    }
                    _ => None,
                };
            }
        }
        match self.current_item()? {
            Item::Entity(e) => Some(Subject::Entity(e)),
            Item::Candidate(i) => Some(Subject::Candidate(i)),
            Item::Doc(_) => None,
        }
    }

    /// The fact read from the text whose row is selected on a card, if any.
    fn selected_extracted_fact(&self) -> Option<usize> {
        let View::Entity(e, r) = self.view() else { return None };
        let rows = self.card_rows.as_ref().filter(|(s, _, _)| *s == crate::tui::card::Subject::Entity(*e))?;
        let Some(&crate::analysis::card::Target::Fact(f)) = r.target(&rows.2) else { return None };
        self.corpus.facts.get(f).filter(|fact| fact.origin.is_extracted()).map(|_| f)
    }

    /// A curation key.
    pub(super) fn curate(&mut self, action: Action) -> Effect {
        // One edit at a time: the next waits for the model the last one leads to.
        if self.loading.is_some() {
            self.message = Some("still linking; try again in a moment".into());
            return Effect::None;
        }
        if action == Action::Undo {
            return self.undo_last();
        }
        if self.curator.is_none() {
            self.message = Some("editing is not available here".into());
            return Effect::None;
        }
        let Some(subject) = self.curation_subject() else {
            self.message = Some("select an entity or a candidate first".into());
            return Effect::None;
        };
        // On a card, a fact read from the text is kept (+) or rejected (x) itself.
        if let Some(f) = self.selected_extracted_fact().filter(|_| self.focus.detail) {
            let fact = Box::new(crate::shared::curate::FactSnapshot::of(&self.corpus, f));
            return match action {
                Action::Promote => self.write(&Edit::AcceptFact(fact)),
                Action::Reject => self.write(&Edit::RejectFact(fact)),
                _ => {
                    self.message = Some("a fact read from the text can be kept (+) or rejected (x)".into());
                    Effect::None
                }
            };
        }
        let entity = match subject {
            Subject::Entity(e) => Some(e),
            Subject::Candidate(_) => None,
        };
        match (action, entity) {
            (Action::Promote, None) | (Action::ChangeKind, Some(_)) => {
                self.layers.push(Layer::Prompt(Prompt { ask: Ask::Kind(subject), input: String::new() }));
            }
            (Action::Promote, Some(_)) => {
                self.message = Some("already an entity: K changes its kind".into());
            }
            (Action::Reject, _) => {
                let edit = match subject {
                    Subject::Entity(e) => {
                        let s = Snapshot::of(&self.corpus, e);
                        Edit::Reject { name: s.name.clone(), entity: Some(s) }
                    }
                    Subject::Candidate(i) => {
                        Edit::Reject { name: self.corpus.candidates[i].name.clone(), entity: None }
                    }
                };
                return self.write(&edit);
            }
            (Action::Merge, Some(e)) => {
                self.layers.push(Layer::Jump(Jump { merge_from: Some(e), ..Jump::default() }));
                return self.ask_jump();
            }
            (Action::AddAlias, Some(e)) => {
                self.layers.push(Layer::Prompt(Prompt { ask: Ask::Alias(e), input: String::new() }));
            }
            (Action::Rename, Some(e)) => {
                let input = self.corpus.entities[e].name.clone();
                self.layers.push(Layer::Prompt(Prompt { ask: Ask::Rename(e), input }));
            }
            _ => self.message = Some("a candidate can be promoted (+) or rejected (x)".into()),
        }
        Effect::None
    }

    /// Enter (or a kind's letter) in a prompt.
    pub(super) fn answer_prompt(&mut self, letter: Option<char>) -> Effect {
        let Some(Layer::Prompt(p)) = self.layers.last().cloned() else { return Effect::None };
        let edit = match p.ask {
            Ask::Dates => {
                self.answer_dates(&p.input);
                return Effect::None;
            }
            Ask::Kind(subject) => {
                let typed = letter.or_else(|| p.input.trim().chars().next()).map(|c| c.to_ascii_lowercase());
                let Some(kind) = typed.and_then(|l| KIND_KEYS.iter().find(|(k, _)| *k == l).map(|(_, kind)| *kind))
                else {
                    self.message = Some("press p, o, c, m or s (Esc cancels)".into());
                    return Effect::None;
                };
                match subject {
                    Subject::Candidate(i) => {
                        let Some(k) = self.corpus.candidates.get(i) else { return Effect::None };
                        Edit::Promote { name: k.name.clone(), kind }
                    }
                    Subject::Entity(e) => Edit::Kind { entity: Snapshot::of(&self.corpus, e), kind },
                }
            }
            Ask::Alias(e) => Edit::Alias { entity: Snapshot::of(&self.corpus, e), alias: p.input.clone() },
            Ask::Rename(e) => Edit::Rename { entity: Snapshot::of(&self.corpus, e), name: p.input.clone() },
        };
        let effect = self.write(&edit);
        // A refused edit keeps the prompt open to correct it; a written one closes it.
        if !matches!(effect, Effect::None) {
            self.layers.retain(|l| !matches!(l, Layer::Prompt(_)));
        }
        effect
    }

    /// Enter in the jump opened by `m`: merges into the chosen entity.
    pub(super) fn merge_into(&mut self, from: EntIdx, item: Item) -> Effect {
        let Item::Entity(into) = item else {
            self.message = Some("merge into an entity, not a document or candidate".into());
            return Effect::None;
        };
        let edit = Edit::Merge { from: Snapshot::of(&self.corpus, from), into: Snapshot::of(&self.corpus, into) };
        let effect = self.write(&edit);
        if !matches!(effect, Effect::None) {
            self.layers.retain(|l| !matches!(l, Layer::Jump(_)));
        }
        effect
    }

    /// Checks and writes an edit; on success, asks for linking again.
    fn write(&mut self, edit: &Edit) -> Effect {
        let Some(curator) = &mut self.curator else { return Effect::None };
        if let Err(why) = edit.check(&self.corpus) {
            self.message = Some(format!("not done: {why}"));
            return Effect::None;
        }
        let target = match crate::shared::places::edit_target(&curator.load) {
            Ok(t) => t,
            Err(why) => {
                self.message = Some(format!("not done: {why}"));
                return Effect::None;
            }
        };
        match write_edit(&target, curator.seed, edit) {
            Ok(applied) => {
                let said = format!("{} · u undoes · {}", applied.message, applied.path.display());
                self.show_after_relink = edit.result_id(&applied.after);
                curator.done.push(applied);
                self.relink(said)
            }
            Err(why) => {
                self.message = Some(format!("not done: {why}"));
                Effect::None
            }
        }
    }

    /// After an edit or an undo: says what happened and asks for linking again with the
    /// catalog the edits so far lead to.
    fn relink(&mut self, said: String) -> Effect {
        let Some(curator) = &mut self.curator else { return Effect::None };
        curator.follow();
        self.message = Some(said);
        self.loading = Some(crate::corpus::Progress::Linking);
        self.relinks += 1;
        Effect::Relink(curator.load.clone())
    }

    fn undo_last(&mut self) -> Effect {
        let Some(curator) = &mut self.curator else {
            self.message = Some("nothing to undo".into());
            return Effect::None;
        };
        let Some(last) = curator.done.last().cloned() else {
            self.message = Some("nothing to undo".into());
            return Effect::None;
        };
        match undo(&last) {
            Ok(said) => {
                curator.done.pop();
                self.relink(said)
            }
            Err(why) => {
                self.message = Some(format!("not undone: {why}"));
                Effect::None
            }
        }
    }

    /// Carries the explorer over to a model brought up to date with the files (a cached model
    /// replaced once the stamps are checked): documents may have come, gone or changed, so on
    /// top of [`Self::carry_over`] they follow their paths. A reader stays where it was if its
    /// text is the same, starts again at the top if the text changed, and gives way to
    /// nothing if the file is gone; full-text results, numbered in the old model, close.
    pub(super) fn carry_docs_over(&mut self, new: &Corpus) {
        let by_path: HashMap<&std::path::Path, DocIdx> =
            new.docs.iter().enumerate().map(|(i, d)| (d.path.as_path(), i)).collect();
        let old = &self.corpus;
        let map: Vec<Option<DocIdx>> = old.docs.iter().map(|d| by_path.get(d.path.as_path()).copied()).collect();
        let same_text = |o: DocIdx, n: DocIdx| old.docs[o].body == new.docs[n].body;
        self.layers.retain(|l| !matches!(l, Layer::TextSearch(_)));
        for place in self.history.places_mut() {
            if let View::Doc(r) = &mut place.view {
                match map.get(r.doc).copied().flatten() {
                    Some(n) if same_text(r.doc, n) => r.doc = n,
                    Some(n) => *r = Reader::new(n),
                    None => place.view = View::Empty,
                }
            }
        }
        self.marks.retain_mut(|m| match m {
            Item::Doc(d) => match map.get(*d).copied().flatten() {
                Some(n) => {
                    *d = n;
                    true
                }
                None => false,
            },
            _ => true,
        });
    }

    /// Carries the explorer over to a model linked again after an edit: entities in history,
    /// marks and panes follow their ids; a rejected one's card gives way to nothing, a merged
    /// one's to the entity it went into (or the edited entity's card is shown).
    pub(super) fn carry_over(&mut self, new: &Corpus) {
        let ids: HashMap<&str, EntIdx> = new.entities.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
        let old = &self.corpus;
        let map: Vec<Option<EntIdx>> = old.entities.iter().map(|e| ids.get(e.id.as_str()).copied()).collect();
        let show = self.show_after_relink.take().and_then(|id| ids.get(id.as_str()).copied());
        // Prompts and a merge's jump name entities by their old numbers: they close.
        self.layers.retain(|l| match l {
            Layer::Prompt(_) => false,
            Layer::Jump(j) => j.merge_from.is_none(),
            // Documents keep their numbers when the catalog changes.
            Layer::Help(_) | Layer::TextSearch(_) => true,
        });
        for place in self.history.places_mut() {
            match &mut place.view {
                View::Entity(e, rows) => match map.get(*e).copied().flatten().or(show) {
                    Some(n) => {
                        if n != *e {
                            *rows = Rows::default();
                        }
                        *e = n;
                    }
                    None => place.view = View::Empty,
                },
                View::Chart(Some(e), _) => {
                    let focus = map.get(*e).copied().flatten();
                    place.view = View::Chart(focus, Rows::default());
                }
                View::Timeline(f, rows) if f.entity.is_some() => {
                    f.entity = f.entity.and_then(|e| map.get(e).copied().flatten());
                    *rows = Rows::default();
                }
                // Mentions are numbered anew: the focused link is let go.
                View::Doc(r) => r.link = None,
                _ => {}
            }
        }
        if let Some(n) = show {
            if !matches!(self.history.current().view, View::Entity(e, _) if e == n) {
                self.history.replace(Place { view: View::Entity(n, Rows::default()), preview: false });
            }
        }
        self.marks.retain_mut(|m| match m {
            Item::Entity(e) => match map.get(*e).copied().flatten() {
                Some(n) => {
                    *e = n;
                    true
                }
                None => false,
            },
            Item::Candidate(_) => false,
            Item::Doc(_) => true,
        });
        for p in &mut self.panes {
            p.remap(&map);
        }
    }
}
