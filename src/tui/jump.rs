//! The fuzzy jump: its overlay state, and the worker that matches off the draw path.
//!
//! Each keystroke sends the query to the worker with a new generation number. The worker
//! abandons a search as soon as a newer generation is asked for; the search itself, which
//! reuses the previous matches when a query narrows them, is [`crate::search::narrow`].

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread;

use crate::search::items::{Entry, Hit};
use crate::search::matcher::Matcher;
use crate::search::narrow::Narrowing;
use crate::search::query::Query;

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
    /// Opened to choose the entity this one is merged into.
    pub merge_from: Option<crate::model::EntIdx>,
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
    use crate::search::items;

    #[test]
    fn the_worker_answers_the_newest_request() {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        let (tx, rx) = mpsc::channel();
        let w = Worker::start(Arc::new(items::entries(&c)), move |r| {
            let _ = tx.send(r);
        });
        w.ask(Request { gen: 1, query: Query::parse("jassy") });
        w.ask(Request { gen: 2, query: Query::parse("desantis") });
        // A timeout, so that a worker that never answers fails the test instead of hanging it.
        let wait = std::time::Duration::from_secs(20);
        let mut last = rx.recv_timeout(wait).expect("a result within 20 s");
        while last.gen < 2 {
            last = rx.recv_timeout(wait).expect("the newest result within 20 s");
        }
        assert!(!last.hits.is_empty());
    }
}
