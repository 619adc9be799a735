//! Full-text search in the explorer (`F`): the overlay's state, and the worker that owns the
//! on-disk index. The first request opens the index, building or updating it with progress
//! reported; each keystroke asks with a new generation number and only the newest request is
//! answered, off the draw path.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread;

use crate::corpus::{Corpus, LoadOptions};
use crate::model::DocIdx;
use crate::search::fulltext::{self, LineHit, TextIndex};

/// How many documents a search shows at most.
pub const SHOWN: usize = 200;

/// Where the explorer's index is: the corpus it indexes and its folder (or why there is none).
#[derive(Debug, Clone)]
pub struct Source {
    /// What the explorer loaded.
    pub load: LoadOptions,
    /// The index folder.
    pub dir: Result<PathBuf, String>,
}

impl Source {
    /// The index of the corpus `load` names, in the cache.
    #[must_use]
    pub fn of(load: &LoadOptions) -> Self {
        Self { load: load.clone(), dir: crate::shared::textindex::index_dir(&load.corpus) }
    }
}

impl Default for Source {
    fn default() -> Self {
        Self::of(&LoadOptions::default())
    }
}

/// The state of the index, as the status line and the overlay tell it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Status {
    /// Not opened yet this session.
    #[default]
    Closed,
    /// Being built or updated: files read of those to read.
    Indexing(usize, usize),
    /// Up to date, with this many documents.
    Ready(usize),
    /// It cannot be used (why).
    Failed(String),
}

/// A document found, for the overlay.
#[derive(Debug, Clone, PartialEq)]
pub struct TextHit {
    /// The document in the model, when it is loaded.
    pub doc: Option<DocIdx>,
    /// Its title.
    pub title: String,
    /// Its path as shown.
    pub path: String,
    /// Hits counted in it.
    pub hits: usize,
    /// Its lines with hits.
    pub lines: Vec<LineHit>,
}

/// The overlay's state.
#[derive(Debug, Clone, Default)]
pub struct TextSearch {
    /// What is typed.
    pub input: String,
    /// Results for `shown_gen`, best first.
    pub hits: Vec<TextHit>,
    /// How many documents match in all.
    pub total: usize,
    /// What is wrong with the query typed, if anything.
    pub error: Option<String>,
    /// Selected result.
    pub selected: usize,
    /// The generation last asked for.
    pub asked_gen: u64,
    /// The generation `hits` answer.
    pub shown_gen: u64,
}

impl TextSearch {
    /// Whether results for the latest input are still to come.
    #[must_use]
    pub fn pending(&self) -> bool {
        self.asked_gen != self.shown_gen
    }
}

/// A search request.
#[derive(Debug, Clone)]
pub struct Request {
    /// Generation number; larger is newer.
    pub gen: u64,
    /// The query as typed.
    pub query: String,
    /// The model (for `@kind:id` filters and to find the documents found).
    pub corpus: Arc<Corpus>,
    /// Where the index is.
    pub source: Source,
    /// Bring the index up to date with the files first (when the overlay opens).
    pub sync: bool,
}

/// What the worker reports.
#[derive(Debug, Clone)]
pub enum Report {
    /// The index's state changed.
    Status(Status),
    /// Results for one generation: documents and how many match in all, or what is wrong.
    Results(u64, Result<(Vec<TextHit>, usize), String>),
}

/// Answers requests, keeping the index open between them.
#[derive(Default)]
pub struct Answerer {
    index: Option<TextIndex>,
    /// The model the paths were mapped for (a weak reference: it does not keep an old model
    /// alive, and its address cannot be taken by another while it is held), and the index's
    /// path → document.
    docs: Option<(std::sync::Weak<Corpus>, HashMap<PathBuf, DocIdx>)>,
}

impl Answerer {
    /// Answers one request, reporting through `report` (the index's progress first, when it
    /// is built or updated).
    pub fn answer(&mut self, req: &Request, report: &(dyn Fn(Report) + Sync)) {
        if self.index.is_none() || req.sync {
            let dir = match &req.source.dir {
                Ok(d) => d.clone(),
                Err(e) => return report(Report::Status(Status::Failed(e.clone()))),
            };
            self.index = None;
            let progress = |done: usize, total: usize| report(Report::Status(Status::Indexing(done, total)));
            match crate::shared::textindex::open_in(&dir, &req.source.load, true, &progress) {
                Ok(r) => {
                    report(Report::Status(Status::Ready(r.index.len())));
                    self.index = Some(r.index);
                }
                Err(e) => return report(Report::Status(Status::Failed(e))),
            }
        }
        let Some(index) = &self.index else { return };
        if req.query.trim().is_empty() {
            return report(Report::Results(req.gen, Ok((Vec::new(), 0))));
        }
        let result = fulltext::parse(&req.query).and_then(|q| {
            let keep = if q.entities.is_empty() {
                None
            } else {
                Some(fulltext::mentioning(&req.corpus, &req.source.load.corpus, &q.entities)?)
            };
            let keep_fn = keep.as_ref().map(|k| move |p: &std::path::Path| k.contains(p));
            let keep_ref: Option<&(dyn Fn(&std::path::Path) -> bool + Sync)> = keep_fn.as_ref().map(|f| f as _);
            let mut found = index.search(&q, SHOWN, keep_ref)?;
            index.add_lines(&q, &mut found);
            Ok(found)
        });
        let found = match result {
            Ok(f) => f,
            Err(e) => return report(Report::Results(req.gen, Err(e))),
        };
        if self.docs.as_ref().is_none_or(|(c, _)| !std::sync::Weak::ptr_eq(c, &Arc::downgrade(&req.corpus))) {
            self.docs = Some((Arc::downgrade(&req.corpus), doc_paths(&req.corpus, &req.source.load)));
        }
        let docs = self.docs.as_ref().map(|(_, m)| m);
        let hits = found
            .docs
            .into_iter()
            .map(|d| {
                let doc = docs.and_then(|m| m.get(&d.path)).copied();
                // The model's title and path when it has the document (its catalog may retitle it).
                let (title, path) = match doc {
                    Some(i) => (req.corpus.docs[i].title.clone(), req.corpus.docs[i].shown_path.clone()),
                    None => (d.title, d.path.display().to_string()),
                };
                TextHit { doc, title, path, hits: d.hits, lines: d.lines }
            })
            .collect();
        report(Report::Results(req.gen, Ok((hits, found.total))));
    }
}

/// Each document by the path the index knows it by: under the canonical form of the folder it
/// was found in (the bundled corpus's as they are).
fn doc_paths(c: &Corpus, load: &LoadOptions) -> HashMap<PathBuf, DocIdx> {
    let roots = fulltext::canonical_roots(&load.corpus);
    c.docs.iter().enumerate().map(|(i, d)| (fulltext::index_path(&d.path, &roots), i)).collect()
}

/// The worker thread's handle.
pub struct Worker {
    tx: Sender<Request>,
}

impl Worker {
    /// Starts the worker; its reports are passed to `deliver`.
    pub fn start(deliver: impl Fn(Report) + Send + 'static) -> Self {
        let (tx, rx): (Sender<Request>, Receiver<Request>) = mpsc::channel();
        let deliver = Mutex::new(deliver);
        thread::spawn(move || {
            let mut answerer = Answerer::default();
            let report = |r: Report| {
                if let Ok(d) = deliver.lock() {
                    d(r);
                }
            };
            while let Ok(mut req) = rx.recv() {
                // Only the newest request matters (but a sync asked for is kept).
                while let Ok(newer) = rx.try_recv() {
                    let sync = req.sync || newer.sync;
                    req = newer;
                    req.sync = sync;
                }
                answerer.answer(&req, &report);
            }
        });
        Self { tx }
    }

    /// Asks for a search.
    pub fn ask(&self, req: Request) {
        let _ = self.tx.send(req);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_request_builds_the_index_with_progress_then_answers() {
        let folder = tempfile::tempdir().expect("folder");
        let cache = tempfile::tempdir().expect("cache");
        for (name, text) in
            [("a.txt", "apple pie\n"), ("b.txt", "pear tart\n"), ("c.md", "# Apples\n\napple and pear\n")]
        {
            std::fs::write(folder.path().join(name), text).expect("write");
        }
        let load = LoadOptions::without_catalog(vec![folder.path().to_path_buf()]);
        let corpus = Arc::new(Corpus::load(&load, &|_| {}));
        let source = Source { load, dir: Ok(cache.path().join("index")) };
        let reports = Mutex::new(Vec::new());
        let report = |r: Report| reports.lock().expect("lock").push(r);
        let req = |gen: u64, query: &str| Request {
            gen,
            query: query.into(),
            corpus: Arc::clone(&corpus),
            source: source.clone(),
            sync: gen == 1,
        };
        let mut answerer = Answerer::default();
        answerer.answer(&req(1, "apple"), &report);
        answerer.answer(&req(2, "apple -pear"), &report);
        answerer.answer(&req(3, "\"open"), &report);
        let reports = reports.into_inner().expect("reports");
        let statuses: Vec<&Status> =
            reports.iter().filter_map(|r| if let Report::Status(s) = r { Some(s) } else { None }).collect();
        assert_eq!(statuses.first(), Some(&&Status::Indexing(0, 3)), "{statuses:?}");
        assert!(statuses.contains(&&Status::Indexing(3, 3)), "{statuses:?}");
        assert_eq!(statuses.last(), Some(&&Status::Ready(3)), "built once: {statuses:?}");
        let results: Vec<(u64, Result<Vec<String>, String>)> = reports
            .iter()
            .filter_map(|r| match r {
                Report::Results(g, res) => Some((
                    *g,
                    res.clone().map(|(hits, _)| {
                        let mut titles: Vec<String> = hits.iter().map(|h| h.path.clone()).collect();
                        titles.sort();
                        titles
                    }),
                )),
                Report::Status(_) => None,
            })
            .collect();
        assert_eq!(results[0], (1, Ok(vec!["a.txt".to_string(), "c.md".to_string()])));
        assert_eq!(results[1], (2, Ok(vec!["a.txt".to_string()])));
        assert!(matches!(&results[2], (3, Err(e)) if e.contains("not closed")), "{:?}", results[2]);
        // The documents found are the model's, so Enter can open them.
        let Report::Results(_, Ok((hits, _))) =
            &reports.iter().rev().find(|r| matches!(r, Report::Results(2, _))).expect("2")
        else {
            panic!("results");
        };
        assert_eq!(hits[0].doc.map(|d| corpus.docs[d].id.as_str()), Some("a"));
    }
}
