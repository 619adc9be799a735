//! The hot paths, timed with divan: `cargo bench`. Loading and linking run on a corpus made
//! by the generator's rules in memory (no disk), so the figures compare across machines.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::LazyLock;

use dossier::corpus::{Corpus, LoadOptions};
use dossier::model::Document;
use dossier::recognize::link::Linker;
use dossier::search::items;
use dossier::search::matcher::Matcher;
use dossier::search::narrow::Narrowing;
use dossier::search::query::Query;
use dossier::tui::app::{App, Theme};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn main() {
    divan::main();
}

const FIRST: [&str; 8] = ["Maria", "James", "Priya", "Lars", "Elena", "Kofi", "Yuki", "Omar"];
const LAST: [&str; 8] = ["Lopez", "Chen", "Okafor", "Lindqvist", "Patel", "Novak", "Garcia", "Tanaka"];

/// `n` documents of about 4 KB naming recurring people.
fn documents(n: usize) -> Vec<Document> {
    (0..n)
        .map(|i| {
            let who = format!("{} {}", FIRST[i % 8], LAST[(i / 8) % 8]);
            let other = format!("{} {}", FIRST[(i / 3) % 8], LAST[(i / 5) % 8]);
            let mut body = format!("Report {i} on the quarter\n\n");
            while body.len() < 4000 {
                let surname = who.split(' ').nth(1).unwrap_or_default();
                writeln!(
                    body,
                    "{who}, chief executive of Lumora Labs, said demand was strong. {surname} added that {other}, who leads \
                     research, agreed. Analysts were divided on whether the move would pay off."
                )
                .expect("write to a string");
            }
            let mut p = Vec::new();
            dossier::ingest::source::parse(&PathBuf::from(format!("d{i}.txt")), body.as_bytes(), &mut p).expect("a document")
        })
        .collect()
}

static DOCS: LazyLock<Vec<Document>> = LazyLock::new(|| documents(2000));
static CORPUS: LazyLock<Corpus> = LazyLock::new(|| Corpus::from_documents(DOCS.clone(), None, true));

#[divan::bench(sample_count = 10)]
fn load_link_and_discover_2000_documents() -> Corpus {
    Corpus::from_documents(divan::black_box(DOCS.clone()), None, true)
}

#[divan::bench(sample_count = 20)]
fn link_2000_documents(b: divan::Bencher) {
    let linker = Linker::new(&CORPUS.entities);
    b.bench(|| DOCS.iter().enumerate().map(|(i, d)| linker.link(i, &d.body).len()).sum::<usize>());
}

#[divan::bench(args = ["a", "lop", "maria lop", "^rep !9"])]
fn search_all_items(b: divan::Bencher, q: &str) {
    let entries = items::entries(&CORPUS);
    let m = Matcher::default();
    let query = Query::parse(q);
    b.bench(|| items::search(&m, &query, &entries, None).len());
}

#[divan::bench]
fn jump_keystroke_extending_a_query(b: divan::Bencher) {
    let entries = items::entries(&CORPUS);
    let m = Matcher::default();
    let (q1, q2) = (Query::parse("rep"), Query::parse("repo"));
    b.with_inputs(|| {
        let mut n = Narrowing::default();
        n.search(&m, &entries, &q1, &|| false, &mut |_| {});
        n
    })
    .bench_local_refs(|n| {
        let mut rows = 0;
        n.search(&m, &entries, &q2, &|| false, &mut |a| rows = a.hits.len());
        rows
    });
}

#[divan::bench]
fn render_one_frame_120x40(b: divan::Bencher) {
    let corpus = std::sync::Arc::new(Corpus::load(&LoadOptions::default(), &|_| {}));
    let mut app = App::new(corpus, Theme::new(true), None);
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    app.handle(dossier::tui::action::Action::Open);
    app.prepare(ratatui::layout::Rect::new(0, 0, 120, 40));
    b.bench_local(|| {
        term.draw(|f| dossier::tui::render::draw(&app, f)).expect("draw");
    });
}
