//! Times discovery alone, on one thread, after a load without it:
//! `cargo run --release --example profile_discover -- DIR [ROUNDS]`.

use std::time::Instant;

use dossier::corpus::{Corpus, LoadOptions};

fn main() {
    let dir = std::env::args().nth(1).expect("usage: profile_discover DIR [ROUNDS]");
    let rounds: usize = std::env::args().nth(2).and_then(|r| r.parse().ok()).unwrap_or(3);
    let opts = LoadOptions { discover: false, ..LoadOptions::without_catalog(vec![dir.into()]) };
    let c = Corpus::load(&opts, &|_| {});
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a pool");
    for _ in 0..rounds {
        let t = Instant::now();
        let found = pool.install(|| dossier::recognize::discover::discover(&c.docs, &c.entities, &c.mentions));
        eprintln!("discover, one thread: {:?} ({} entities)", t.elapsed(), found.entities.len());
    }
}
