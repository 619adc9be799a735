//! Times each phase of loading a folder: `cargo run --release --example profile_load -- DIR`.

use std::time::Instant;

use dossier::corpus::{Corpus, LoadOptions};
use dossier::recognize::link::Linker;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: profile_load DIR");
    let t = Instant::now();
    let scan = dossier::ingest::walk::scan(&[dir.clone().into()], &dossier::ingest::walk::WalkOptions::default());
    eprintln!("scan: {:?} ({} files)", t.elapsed(), scan.files.len());
    let t = Instant::now();
    let opts = LoadOptions { discover: false, ..LoadOptions::without_catalog(vec![dir.clone().into()]) };
    let c = Corpus::load(&opts, &|_| {});
    eprintln!("load without discovery: {:?} ({} mentions)", t.elapsed(), c.mentions.len());
    let t = Instant::now();
    let linker = Linker::new(&c.entities);
    let n: usize = c.docs.iter().enumerate().map(|(i, d)| linker.link(i, &d.body).len()).sum();
    eprintln!("link again, one thread: {:?} ({n} mentions)", t.elapsed());
    let t = Instant::now();
    let found = dossier::recognize::discover::discover(&c.docs, &c.entities, &c.mentions);
    eprintln!("discover, one thread: {:?} ({} entities)", t.elapsed(), found.entities.len());
    let t = Instant::now();
    let opts = LoadOptions::without_catalog(vec![dir.into()]);
    let c = Corpus::load(&opts, &|_| {});
    eprintln!("full load: {:?} ({} entities, {} mentions)", t.elapsed(), c.entities.len(), c.mentions.len());
}
