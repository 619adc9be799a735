//! Per-keystroke latency of the jump's search over every item of a folder, typing queries one
//! character at a time as the explorer's worker does (a query that extends the previous one
//! searches only the previous matches): `cargo run --release --example jump_latency -- DIR`.

use std::time::{Duration, Instant};

use dossier::corpus::{Corpus, LoadOptions};
use dossier::search::items;
use dossier::search::matcher::Matcher;
use dossier::search::narrow::Narrowing;
use dossier::search::query::Query;

const QUERIES: [&str; 8] =
    ["maria lopez", "quillon labs", "atlas edge", "chen", "rossi research", "voltara", "nadia berg takes", "edge ^q"];

/// The `p`th percentile (0–100) of sorted durations, in milliseconds.
fn pct(v: &[Duration], p: usize) -> f64 {
    v[(v.len() - 1) * p / 100].as_secs_f64() * 1e3
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: jump_latency DIR");
    let c = Corpus::load(&LoadOptions::without_catalog(vec![dir.into()]), &|_| {});
    let entries = items::entries(&c);
    let m = Matcher::default();
    let (mut first, mut extending) = (Vec::new(), Vec::new());
    for q in QUERIES {
        let mut n = Narrowing::default();
        for end in 1..=q.len() {
            let query = Query::parse(&q[..end]);
            let t = Instant::now();
            let hits = n.search(&m, &entries, &query, &|| false).expect("not stale");
            let el = t.elapsed();
            std::hint::black_box(hits);
            if end == 1 {
                first.push(el);
            } else {
                extending.push(el);
            }
        }
    }
    first.sort();
    extending.sort();
    println!("{} items", entries.len());
    println!("first keystroke (whole list): p50 {:.2} ms, max {:.2} ms", pct(&first, 50), pct(&first, 100));
    println!(
        "extending keystrokes ({}): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        extending.len(),
        pct(&extending, 50),
        pct(&extending, 99),
        pct(&extending, 100)
    );
}
