//! Times building the linker and linking: `cargo run --release --example profile_link -- DIR CATALOG`.

use std::time::Instant;

use dossier::corpus::{CatalogChoice, Corpus, LoadOptions};
use dossier::recognize::link::Linker;

fn main() {
    let mut a = std::env::args().skip(1);
    let (dir, cat) = (a.next().expect("DIR"), a.next().expect("CATALOG"));
    let opts = LoadOptions {
        corpus: vec![dir.into()],
        catalog: CatalogChoice::File(cat.into()),
        discover: false,
        ..LoadOptions::default()
    };
    let c = Corpus::load(&opts, &|_| {});
    let t = Instant::now();
    let linker = Linker::new(&c.entities);
    eprintln!("build linker ({} entities): {:?}", c.entities.len(), t.elapsed());
    let t = Instant::now();
    let n: usize = c.docs.iter().enumerate().map(|(i, d)| linker.link_with(i, &d.body, false).len()).sum();
    eprintln!("link {} documents on one thread: {:?} ({n} mentions)", c.docs.len(), t.elapsed());
}
