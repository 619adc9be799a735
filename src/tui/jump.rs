//! The fuzzy jump: its overlay state, and the worker that matches off the draw path.
//!
//! Each keystroke sends the query to the worker with a new generation number. The worker
//! abandons a search as soon as a newer generation is asked for; the search itself, which
//! reuses the previous matches when a query narrows them, is [`crate::search::narrow`]. A
//! generation is answered twice when it has many matches: first its best rows (within a
//! frame), then every match.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread;

use crate::corpus::Corpus;
use crate::model::Item;
use crate::search::items::{Entry, Hit};
use crate::search::matcher::Matcher;
use crate::search::narrow::Narrowing;
use crate::search::query::Query;
use crate::text::sanitize::one_line;

/// The overlay's state.
#[derive(Debug, Clone, Default)]
pub struct Jump {
    /// What is typed.
    pub input: String,
    /// Results for `shown_gen`, best first: the best rows at first, then every match.
    pub hits: Vec<Hit>,
    /// How many items match `shown_gen`'s query.
    pub total: usize,
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
    /// The selected result's preview (wide screens), built before the draw.
    pub preview: Option<Preview>,
}

/// How a piece of preview text is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    /// The title or name.
    Title,
    /// An entity's name, in its kind's colour.
    Kind(crate::model::EntityKind),
    /// Plain text.
    Text,
    /// Metadata.
    Dim,
    /// A word of the query.
    Matched,
}

/// The preview of one jump result at one size: lines of styled parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// What it previews.
    pub item: Item,
    /// The query its words are highlighted for.
    pub query: String,
    /// Width and height it was built for.
    pub size: (u16, u16),
    /// The lines.
    pub lines: Vec<Vec<(String, Ink)>>,
}

/// How many lines of a document's body a preview shows at most.
const BODY_LINES: usize = 10;

impl Preview {
    /// The preview of `item` for `query`, `width` cells wide and at most `height` lines.
    /// Reads at most a few kilobytes of a document.
    #[must_use]
    pub fn build(c: &Corpus, item: Item, query: &str, width: u16, height: u16) -> Self {
        let w = usize::from(width).max(8);
        let mut lines: Vec<Vec<(String, Ink)>> = Vec::new();
        let wrapped = |text: &str, ink: Ink, out: &mut Vec<Vec<(String, Ink)>>| {
            for r in super::reader::wrap(text, w) {
                out.push(vec![(text[r].to_string(), ink)]);
            }
        };
        match item {
            Item::Doc(d) => {
                let doc = &c.docs[d];
                wrapped(&one_line(&doc.title), Ink::Title, &mut lines);
                let mut meta: Vec<String> = Vec::new();
                if let Some(date) = doc.date {
                    meta.push(date.to_string());
                }
                meta.push(one_line(&doc.shown_path));
                if let Some(a) = &doc.author {
                    meta.push(one_line(a));
                }
                wrapped(&meta.join(" · "), Ink::Dim, &mut lines);
                lines.push(Vec::new());
                let words = query_words(query);
                let head = &doc.body[..doc.body.floor_char_boundary(4096)];
                let text: String = head.chars().map(|ch| if ch == '\t' { ' ' } else { ch }).collect();
                // The opening lines, after any that only repeat the title (a heading).
                let title = one_line(&doc.title);
                let body: Vec<&str> = super::reader::wrap(&text, w)
                    .into_iter()
                    .map(|r| &text[r])
                    .skip_while(|l| l.trim().is_empty() || l.trim().trim_start_matches('#').trim() == title)
                    .take(BODY_LINES)
                    .collect();
                for l in body {
                    lines.push(highlight(&one_line(l), &words));
                }
            }
            Item::Entity(e) => {
                let ent = &c.entities[e];
                wrapped(&one_line(&ent.name), Ink::Kind(ent.kind), &mut lines);
                wrapped(&format!("{} · {}", ent.kind, one_line(&ent.id)), Ink::Dim, &mut lines);
                if let Some(summary) = &ent.summary {
                    lines.push(Vec::new());
                    wrapped(&one_line(summary), Ink::Text, &mut lines);
                }
                lines.push(Vec::new());
                let mentions = c.mention_count(e);
                let mut docs = 0;
                let mut last = None;
                for m in c.entity_mentions(e) {
                    if last != Some(m.doc()) {
                        docs += 1;
                        last = Some(m.doc());
                    }
                }
                let counts = format!(
                    "{} in {}",
                    crate::analysis::card::count(mentions, "mention", "mentions"),
                    crate::analysis::card::count(docs, "document", "documents")
                );
                lines.push(vec![(counts, Ink::Text)]);
                if !ent.aliases.is_empty() {
                    let aliases: Vec<String> = ent.aliases.iter().map(|a| one_line(a)).collect();
                    wrapped(&format!("aliases: {}", aliases.join(", ")), Ink::Dim, &mut lines);
                }
            }
            Item::Candidate(k) => {
                let cand = &c.candidates[k];
                wrapped(&one_line(&cand.name), Ink::Title, &mut lines);
                let docs = crate::analysis::card::count(cand.docs.len(), "document", "documents");
                wrapped(&format!("candidate · ×{} in {docs}", cand.count), Ink::Dim, &mut lines);
                lines.push(Vec::new());
                wrapped(&one_line(&cand.snippet), Ink::Text, &mut lines);
            }
        }
        lines.truncate(usize::from(height));
        Self { item, query: query.to_string(), size: (width, height), lines }
    }
}

/// The words of a query worth highlighting: its plain terms of two characters or more, lower
/// case, without the `'`, `^`, `$` and `!` of the syntax or `@kind` filters.
fn query_words(query: &str) -> Vec<String> {
    query
        .split_whitespace()
        .filter(|w| !w.starts_with('!') && !w.starts_with('@') && *w != "|")
        .map(|w| w.trim_start_matches(['\'', '^']).trim_end_matches('$').to_lowercase())
        .filter(|w| w.chars().count() >= 2)
        .collect()
}

/// A line with every occurrence of `words` (ignoring case) marked.
fn highlight(line: &str, words: &[String]) -> Vec<(String, Ink)> {
    let lower = line.to_lowercase();
    // Lower-casing can change byte lengths outside ASCII: then nothing is marked.
    let mut hit = vec![false; line.len()];
    if lower.len() == line.len() {
        for w in words {
            let mut from = 0;
            while let Some(at) = lower[from..].find(w.as_str()) {
                let start = from + at;
                hit[start..start + w.len()].iter_mut().for_each(|h| *h = true);
                from = start + w.len();
            }
        }
    }
    let mut parts: Vec<(String, Ink)> = Vec::new();
    for (i, ch) in line.char_indices() {
        let ink = if hit[i] { Ink::Matched } else { Ink::Text };
        match parts.last_mut() {
            Some((t, k)) if *k == ink => t.push(ch),
            _ => parts.push((ch.to_string(), ink)),
        }
    }
    parts
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
    /// Best first: the best rows, final, or every match when `complete`.
    pub hits: Vec<Hit>,
    /// How many items match.
    pub total: usize,
    /// Whether `hits` holds every match (a second answer for the same generation follows
    /// the first when it does not).
    pub complete: bool,
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
            // The list with no query, which opening the jump asks for, is ranked at once (off
            // the draw path, while nothing is asked): opening then answers from memory.
            let opening = || seen.load(Ordering::Relaxed) > 0;
            narrowing.search(&m, &entries, &Query::default(), &opening, &mut |_| {});
            while let Ok(mut req) = rx.recv() {
                // Only the newest request matters.
                while let Ok(newer) = rx.try_recv() {
                    req = newer;
                }
                let stale = || seen.load(Ordering::Relaxed) > req.gen;
                let gen = req.gen;
                narrowing.search(&m, &entries, &req.query, &stale, &mut |a| {
                    deliver(Results { gen, hits: a.hits, total: a.total, complete: a.complete });
                });
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
