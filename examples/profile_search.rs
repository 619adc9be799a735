//! Times the parts of a warm `dossier search`: `cargo run --release --example profile_search -- DIR QUERY`.

use std::time::Instant;

use dossier::corpus::LoadOptions;
use dossier::search::matcher::Matcher;
use dossier::search::query::Query;

fn main() {
    let mut a = std::env::args().skip(1);
    let (dir, q) = (a.next().expect("DIR"), a.next().expect("QUERY"));
    let opts = LoadOptions::without_catalog(vec![dir.into()]);
    let t = Instant::now();
    let scan = dossier::ingest::walk::scan(&opts.corpus, &opts.walk);
    eprintln!("scan: {:?} ({} files)", t.elapsed(), scan.files.len());
    let t = Instant::now();
    let (sum, from) = dossier::shared::cache::summary(&opts, true, &|_| {}, &|t| eprintln!("{t}"));
    eprintln!("summary ({from:?}, validated): {:?}", t.elapsed());
    let t = Instant::now();
    let entries = dossier::search::items::entries_of_rows(&sum.rows);
    eprintln!("prepare {} entries: {:?}", entries.len(), t.elapsed());
    let t = Instant::now();
    let hits = dossier::search::items::search(&Matcher::default(), &Query::parse(&q), &entries, None);
    eprintln!("search: {:?} ({} hits)", t.elapsed(), hits.len());
}
