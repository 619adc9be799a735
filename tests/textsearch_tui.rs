//! Full-text search in the explorer (`F`), driven through the real event loop on ratatui's
//! `TestBackend` with searches run inline; the index lives in a temporary cache folder.

use std::sync::Arc;

use crossterm::event::KeyCode;
use dossier::corpus::{Corpus, LoadOptions};
use dossier::tui::app::{App, Theme, View};
use dossier::tui::textsearch::{Source, Status};

mod util;
use util::harness::Harness;

/// The explorer on the bundled corpus, its full-text index in a temporary cache folder.
fn harness(w: u16, h: u16) -> Harness {
    let corpus = Arc::new(Corpus::load(&LoadOptions::default(), &|_| {}));
    let cache = tempfile::tempdir().expect("cache");
    let mut app = App::new(corpus, Theme::new(false), None);
    app.text_source = Source { load: LoadOptions::default(), dir: Ok(cache.path().join("index")) };
    let mut hs = Harness::with_app(app, w, h);
    hs.keep = Some(cache);
    hs
}

/// The reader's find: its matches and the current one.
fn find(h: &Harness) -> (usize, usize, String) {
    match h.app.view() {
        View::Doc(r) => {
            let f = r.find.as_ref().expect("the reader's find is seeded");
            (f.matches.len(), f.current, h.app.corpus.docs[r.doc].body[f.matches[f.current].clone()].to_string())
        }
        other => panic!("not the reader: {other:?}"),
    }
}

#[test]
fn typing_searches_the_index_and_results_follow_the_query() {
    let mut h = harness(120, 40);
    h.key(KeyCode::Char('F'));
    assert!(matches!(h.app.text_status, Status::Ready(5)), "{:?}", h.app.text_status);
    assert!(h.screen().contains("5 documents indexed"), "{}", h.screen());
    h.typed("trainium");
    let with_word = h.screen();
    assert!(with_word.contains("Search the text · "), "{with_word}");
    assert!(with_word.contains("×"), "hits counted: {with_word}");
    h.typed(" -zzqxv \"custom chips\"");
    let phrase = h.screen();
    assert_ne!(with_word, phrase, "results follow the query");
    h.key(KeyCode::Backspace);
    assert!(h.screen().contains("not closed"), "a bad query is explained: {}", h.screen());
    h.key(KeyCode::Esc);
    assert!(!h.screen().contains("Search the text"), "Esc closes it");
}

#[test]
fn search_view_snapshots() {
    for (w, ht) in [(120, 40), (80, 24)] {
        let mut h = harness(w, ht);
        h.key(KeyCode::Char('F')).typed("trainium OR inferentia");
        insta::assert_snapshot!(format!("textsearch_{w}x{ht}"), h.screen());
    }
}

#[test]
fn enter_opens_the_reader_at_the_first_hit_and_n_moves_between_hits() {
    for (w, ht) in [(120, 40), (80, 24)] {
        let mut h = harness(w, ht);
        h.key(KeyCode::Char('F')).typed("trainium").key(KeyCode::Enter);
        let (n, current, text) = find(&h);
        assert!(n >= 2, "several hits to move between: {n}");
        assert_eq!((current, text.to_lowercase().as_str()), (0, "trainium"));
        insta::assert_snapshot!(format!("textsearch_reader_{w}x{ht}"), h.screen());
        h.key(KeyCode::Char('n'));
        assert_eq!(find(&h).1, 1, "n goes to the next hit");
        h.key(KeyCode::Char('N')).key(KeyCode::Char('N'));
        assert_eq!(find(&h).1, n - 1, "N goes back, round to the last");
    }
}

#[test]
fn an_entity_filter_keeps_the_documents_that_mention_it() {
    let mut h = harness(120, 40);
    h.key(KeyCode::Char('F')).typed("amazon");
    let all = h.screen().matches('×').count();
    h.typed(" @person:peter-desantis");
    let some = h.screen().matches('×').count();
    assert!(some > 0 && some < all, "{all} → {some}\n{}", h.screen());
    h.typed("x");
    assert!(h.screen().contains("no person has the id"), "{}", h.screen());
}
