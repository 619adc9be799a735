//! Times reading facts alone, on one thread, after a no-catalog load:
//! `cargo run --release --example profile_facts -- DIR [ROUNDS]`.

use std::time::Instant;

use dossier::corpus::{Corpus, LoadOptions};
use dossier::recognize::facts;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: profile_facts DIR [ROUNDS]");
    let rounds: usize = std::env::args().nth(2).and_then(|r| r.parse().ok()).unwrap_or(3);
    let c = Corpus::load(&LoadOptions::without_catalog(vec![dir.into()]), &|_| {});
    for _ in 0..rounds {
        let t = Instant::now();
        let mut n = 0;
        for (d, doc) in c.docs.iter().enumerate() {
            n += facts::extract(d, &doc.body, doc.date, c.doc_mentions(d), &c.entities).len();
        }
        eprintln!("facts, one thread: {:?} ({n} facts, {} documents)", t.elapsed(), c.docs.len());
    }
}
