//! The fuzzy jump: its overlay state, and the worker that matches off the draw path.
//!
//! Each keystroke sends the query to the worker with a new generation number. The worker
//! abandons a search as soon as a newer generation is asked for, and when a query narrows the
//! previous one (more characters, more terms) it searches only the previous matches.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread;

use rayon::prelude::*;

use crate::search::items::{self, Entry, Hit};
use crate::search::matcher::Matcher;
use crate::search::query::Query;

/// How many entries are scored between checks for a newer query.
const CHUNK: usize = 2048;

/// The overlay's state.
#[derive(Debug, Clone, Default)]
pub struct Jump {
    /// What is typed.
    pub input: String,
    /// Results for `shown_gen`, best first.
    pub hits: Vec<Hit>,
    /// Selected result.
    pub selected: usize,
    /// First result shown.
    pub scroll: usize,
    /// The generation last asked for.
    pub asked_gen: u64,
    /// The generation `hits` answer.
    pub shown_gen: u64,
}

impl Jump {
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
    /// The query.
    pub query: Query,
}

/// Search results for one generation.
#[derive(Debug, Clone)]
pub struct Results {
    /// Which request these answer.
    pub gen: u64,
    /// Best first.
    pub hits: Vec<Hit>,
}

/// Remembers the last query and its hits, to search only those when the next query narrows.
#[derive(Debug, Default)]
pub struct Narrowing {
    last: Option<(Query, Vec<usize>)>,
}

impl Narrowing {
    /// Runs a query, reusing the previous matches when it narrows them. `stale` is checked
    /// between chunks; when it says so, the search is abandoned (`None`).
    pub fn search(
        &mut self,
        m: &Matcher,
        entries: &[Entry],
        q: &Query,
        stale: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Hit>> {
        let within: Option<Vec<usize>> = match &self.last {
            Some((prev, ids)) if q.narrows(prev) => Some(ids.clone()),
            _ => None,
        };
        let ids: Vec<usize> = within.unwrap_or_else(|| (0..entries.len()).collect());
        // Chunks are scored on every core; each checks first whether a newer query came.
        let chunks: Option<Vec<Vec<Hit>>> = ids
            .par_chunks(CHUNK)
            .map(|chunk| {
                (!stale()).then(|| {
                    chunk
                        .iter()
                        .filter_map(|&i| items::score(m, q, &entries[i], false).map(|h| Hit { entry: i, ..h }))
                        .collect()
                })
            })
            .collect();
        let mut hits: Vec<Hit> = chunks?.into_iter().flatten().collect();
        let mut ids: Vec<usize> = hits.iter().map(|h| h.entry).collect();
        ids.sort_unstable();
        self.last = Some((q.clone(), ids));
        items::sort_hits(&mut hits, entries);
        Some(hits)
    }
}

/// The worker thread's handle.
#[derive(Debug)]
pub struct Worker {
    tx: Sender<Request>,
    latest: Arc<AtomicU64>,
}

impl Worker {
    /// Starts a worker over `entries`; results are passed to `deliver`.
    pub fn start(entries: Arc<Vec<Entry>>, deliver: impl Fn(Results) + Send + 'static) -> Self {
        let (tx, rx): (Sender<Request>, Receiver<Request>) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let seen = Arc::clone(&latest);
        thread::spawn(move || {
            let m = Matcher::default();
            let mut narrowing = Narrowing::default();
            while let Ok(mut req) = rx.recv() {
                // Only the newest request matters.
                while let Ok(newer) = rx.try_recv() {
                    req = newer;
                }
                let stale = || seen.load(Ordering::Relaxed) > req.gen;
                if let Some(hits) = narrowing.search(&m, &entries, &req.query, &stale) {
                    deliver(Results { gen: req.gen, hits });
                }
            }
        });
        Self { tx, latest }
    }

    /// Asks for a search; older searches still running are abandoned.
    pub fn ask(&self, req: Request) {
        self.latest.fetch_max(req.gen, Ordering::Relaxed);
        let _ = self.tx.send(req);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, LoadOptions};

    #[test]
    fn a_narrowing_query_gives_the_same_results_as_a_full_search() {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        let entries = items::entries(&c);
        let m = Matcher::default();
        let mut n = Narrowing::default();
        let never = || false;
        for q in ["a", "am", "ama", "ama z", "amaz"] {
            let q = Query::parse(q);
            let narrowed = n.search(&m, &entries, &q, &never).expect("not stale");
            assert_eq!(narrowed, items::search(&m, &q, &entries, None), "{}", q.source);
        }
    }

    #[test]
    fn a_stale_search_is_abandoned() {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        let entries = items::entries(&c);
        assert!(Narrowing::default().search(&Matcher::default(), &entries, &Query::parse("a"), &|| true).is_none());
    }

    #[test]
    fn the_worker_answers_the_newest_request() {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        let (tx, rx) = mpsc::channel();
        let w = Worker::start(Arc::new(items::entries(&c)), move |r| {
            let _ = tx.send(r);
        });
        w.ask(Request { gen: 1, query: Query::parse("jassy") });
        w.ask(Request { gen: 2, query: Query::parse("desantis") });
        let mut last = rx.recv().expect("a result");
        while last.gen < 2 {
            last = rx.recv().expect("the newest result");
        }
        assert!(!last.hits.is_empty());
    }
}
