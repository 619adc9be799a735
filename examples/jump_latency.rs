//! Per-keystroke latency of the jump, measured in the explorer's own path: the jump worker
//! (`dossier::tui::jump::Worker`) is asked for each query as the overlay asks for it, and the
//! time is taken from the request to the first answer the overlay can draw (the best rows,
//! final, and the number of matches), and to the complete list.
//!
//! `cargo run --release --example jump_latency -- DIR [CATALOG]`: with a catalog, it is loaded
//! with discovery off; without, with no catalog (discovery on).
//!
//! Each query is typed into a fresh overlay (a new worker, started half a second before, as
//! the explorer starts it when the folder is loaded: nothing remembered but the list with no
//! query), opened with the empty query, one character at a time, then deleted one character at a time. Two paces:
//! `paced`, where each keystroke waits for the complete list before the next (slow typing),
//! and `fast`, where the next key is sent as soon as the first answer arrives (the worker
//! abandons the rest of the previous search).

use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use dossier::corpus::{CatalogChoice, Corpus, LoadOptions};
use dossier::search::items;
use dossier::search::query::Query;
use dossier::tui::jump::{Request, Results, Worker};

const QUERIES: [&str; 10] = [
    "maria lopez",
    "quillon labs",
    "atlas edge",
    "chen",
    "rossi research",
    "voltara",
    "nadia berg takes",
    "edge ^q",
    "@person ma",
    "@doc 'edge !atlas",
];

/// Latencies by kind of keystroke.
#[derive(Default)]
struct Times {
    open: Vec<Duration>,
    first: Vec<Duration>,
    extending: Vec<Duration>,
    deleting: Vec<Duration>,
    complete: Vec<Duration>,
}

/// The `p`th percentile (0–100) of durations, in milliseconds.
fn pct(v: &mut [Duration], p: usize) -> f64 {
    v.sort();
    v.get((v.len().saturating_sub(1)) * p / 100).map_or(f64::NAN, |d| d.as_secs_f64() * 1e3)
}

fn line(name: &str, v: &mut [Duration]) {
    println!(
        "  {name:<34} n={:<4} p50 {:>6.2} ms  p99 {:>6.2} ms  max {:>6.2} ms",
        v.len(),
        pct(v, 50),
        pct(v, 99),
        pct(v, 100)
    );
}

/// Asks for `query` as generation `gen`; returns the time to the first answer and, when
/// `wait` is set, to the complete one.
fn ask(w: &Worker, rx: &mpsc::Receiver<(Results, Instant)>, gen: u64, query: &str, wait: bool) -> (Duration, Duration) {
    let t = Instant::now();
    w.ask(Request { gen, query: Query::parse(query) });
    let limit = Duration::from_secs(30);
    let mut first = None;
    loop {
        let (r, at) = rx.recv_timeout(limit).expect("an answer within 30 s");
        if r.gen != gen {
            continue;
        }
        let el = at - t;
        let first = *first.get_or_insert(el);
        if std::env::var_os("JUMP_TRACE").is_some() {
            eprintln!(
                "{query:?}: {:.2} ms, {} rows of {}, complete {}",
                el.as_secs_f64() * 1e3,
                r.hits.len(),
                r.total,
                r.complete
            );
        }
        if r.complete || !wait {
            return (first, el);
        }
    }
}

fn run(entries: &Arc<Vec<items::Entry>>, wait: bool) -> Times {
    let mut times = Times::default();
    for q in QUERIES {
        let (tx, rx) = mpsc::channel();
        let w = Worker::start(Arc::clone(entries), move |r| {
            let _ = tx.send((r, Instant::now()));
        });
        // The worker starts when the folder is loaded, long before the jump is opened.
        std::thread::sleep(Duration::from_millis(500));
        let mut gen = 1;
        let (open, done) = ask(&w, &rx, gen, "", wait);
        times.open.push(open);
        times.complete.push(done);
        let chars: Vec<(usize, char)> = q.char_indices().collect();
        let prefixes: Vec<&str> = chars.iter().map(|&(i, c)| &q[..i + c.len_utf8()]).collect();
        for (n, p) in prefixes.iter().enumerate() {
            gen += 1;
            let (first, done) = ask(&w, &rx, gen, p, wait);
            if n == 0 { &mut times.first } else { &mut times.extending }.push(first);
            times.complete.push(done);
        }
        for p in prefixes.iter().rev().skip(1) {
            gen += 1;
            let (first, done) = ask(&w, &rx, gen, p, wait);
            times.deleting.push(first);
            times.complete.push(done);
        }
        // Let the last search end before the next worker starts.
        std::thread::sleep(Duration::from_millis(200));
    }
    times
}

/// The load average, to report with the figures (the machine may be shared).
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map_or_else(|_| "unknown".into(), |l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: jump_latency DIR [CATALOG]");
    let opts = match args.next() {
        Some(cat) => LoadOptions {
            corpus: vec![dir.into()],
            catalog: CatalogChoice::File(cat.into()),
            discover: false,
            ..LoadOptions::default()
        },
        None => LoadOptions::without_catalog(vec![dir.into()]),
    };
    let c = Corpus::load(&opts, &|_| {});
    let entries = Arc::new(items::entries(&c));
    println!("{} items ({} documents, {} entities)", entries.len(), c.docs.len(), c.entities.len());
    for (name, wait) in
        [("paced (each keystroke's complete list awaited)", true), ("fast (next key at the first answer)", false)]
    {
        // One run to warm up, one measured.
        let _ = run(&entries, wait);
        let before = load();
        let mut t = run(&entries, wait);
        println!("{name}: time to the first answer (the rows drawn and the count)");
        println!("  load average {before} before, {} after", load());
        line("open (empty query)", &mut t.open);
        line("first keystroke", &mut t.first);
        line("extending keystrokes", &mut t.extending);
        line("deleting keystrokes", &mut t.deleting);
        let mut all: Vec<Duration> = t.first.iter().chain(&t.extending).chain(&t.deleting).copied().collect();
        line("every keystroke", &mut all);
        if wait {
            line("complete list (every request)", &mut t.complete);
        }
    }
}
