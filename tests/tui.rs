//! The explorer driven through its real event loop with injected keys, drawn on ratatui's
//! `TestBackend`; whole screens are compared with committed insta snapshots. No sleeps: the loop
//! runs until no message is waiting, and jump searches run inline.

use std::fmt::Write as _;
use std::sync::Arc;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use dossier::corpus::{Corpus, LoadOptions};
use dossier::model::Item;
use dossier::tui::app::{App, Focus, Outcome, Theme, View};
use dossier::tui::pane::PaneKind;
use dossier::tui::Msg;

mod util;
use util::harness::{corpus, Harness};

fn snapshot(name: &str, h: &Harness) {
    insta::assert_snapshot!(name, h.screen());
}

/// The views snapshotted, in the order the keys reach them from the start.
const VIEWS: [&str; 8] = ["panes", "reader", "card", "jump", "help", "find", "timeline", "chart"];

/// The screen at a size after the keys that lead to `view` (each view follows the one before).
fn screen_of(view: &str, w: u16, ht: u16) -> Harness {
    let mut h = Harness::new(w, ht);
    for step in VIEWS.iter().take_while(|&&v| v != view) {
        match *step {
            "panes" => h.key(KeyCode::Enter).key(KeyCode::Tab).key(KeyCode::Tab),
            "reader" => h.key(KeyCode::Enter),
            "card" => h.ctrl('p').typed("tra"),
            "jump" => h.key(KeyCode::Esc).key(KeyCode::Char('?')),
            "help" => h.key(KeyCode::Esc).key(KeyCode::Backspace).typed("/amazon"),
            "find" => h.key(KeyCode::Esc).key(KeyCode::Esc).key(KeyCode::Char('t')),
            "timeline" => h.key(KeyCode::Char('C')),
            _ => unreachable!("views are listed in VIEWS"),
        };
    }
    h
}

/// One test per view and size, so that one mismatch does not hide the others.
macro_rules! snapshots {
    ($($test:ident: $view:literal at $w:literal x $h:literal;)*) => {$(
        #[test]
        fn $test() {
            let h = screen_of($view, $w, $h);
            snapshot(&format!("{}_{}x{}", $view, $w, $h), &h);
        }
    )*};
}

snapshots! {
    snapshot_panes_120x40: "panes" at 120 x 40;
    snapshot_reader_120x40: "reader" at 120 x 40;
    snapshot_card_120x40: "card" at 120 x 40;
    snapshot_jump_120x40: "jump" at 120 x 40;
    snapshot_help_120x40: "help" at 120 x 40;
    snapshot_find_120x40: "find" at 120 x 40;
    snapshot_timeline_120x40: "timeline" at 120 x 40;
    snapshot_panes_80x24: "panes" at 80 x 24;
    snapshot_reader_80x24: "reader" at 80 x 24;
    snapshot_card_80x24: "card" at 80 x 24;
    snapshot_jump_80x24: "jump" at 80 x 24;
    snapshot_help_80x24: "help" at 80 x 24;
    snapshot_find_80x24: "find" at 80 x 24;
    snapshot_timeline_80x24: "timeline" at 80 x 24;
    snapshot_chart_120x40: "chart" at 120 x 40;
    snapshot_chart_80x24: "chart" at 80 x 24;
}

/// The jump with a document selected: at 120 columns its preview, with the query's words
/// highlighted; at 80, the list alone.
#[test]
fn snapshot_jump_preview() {
    for (w, ht) in [(120, 40), (80, 24)] {
        let mut h = Harness::new(w, ht);
        h.ctrl('p').typed("talent exodus");
        snapshot(&format!("jump_preview_{w}x{ht}"), &h);
    }
}

/// An entity's timeline cut to a year, named in the title, at both sizes.
#[test]
fn snapshot_timeline_filtered() {
    for (w, ht) in [(120, 40), (80, 24)] {
        let mut h = Harness::new(w, ht);
        h.ctrl('p').typed("^amazon$").key(KeyCode::Enter).key(KeyCode::Char('t'));
        h.key(KeyCode::Char('d')).typed("2025").key(KeyCode::Enter);
        assert!(h.screen().contains("Amazon"), "{}", h.screen());
        snapshot(&format!("timeline_filtered_{w}x{ht}"), &h);
    }
}

#[test]
fn the_chart_of_a_card_keeps_its_part_and_each_edge_opens_its_quote() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('C'));
    assert!(matches!(h.app.view(), View::Chart(None, _)));
    assert!(h.screen().contains("Frontier Model Research Team  led by"), "{}", h.screen());
    h.ctrl('p').typed("vasi").key(KeyCode::Enter).key(KeyCode::Char('C'));
    let vasi = h.entity("vasi-philomin");
    assert!(matches!(h.app.view(), View::Chart(Some(e), _) if *e == vasi));
    let s = h.screen();
    assert!(s.contains("succeeded by Rajesh Sheth") && !s.contains("Frontier Model Research"), "{s}");
    // The first row opens Vasi's card; the next, the quote that says he led Bedrock.
    h.key(KeyCode::Char('j')).key(KeyCode::Char('j')).key(KeyCode::Char('j'));
    h.key(KeyCode::Enter);
    let View::Doc(r) = h.app.view().clone() else { panic!("a document: {}", h.screen()) };
    let quote = &h.app.corpus.docs[r.doc].body[r.highlight.expect("highlighted")];
    assert!(quote.contains("Bedrock"), "{quote}");
}

#[test]
fn jump_desantis_enter_shows_his_card() {
    let mut h = Harness::new(120, 40);
    h.ctrl('p').typed("desantis").key(KeyCode::Enter);
    let pd = h.entity("peter-desantis");
    assert!(matches!(h.app.view(), View::Entity(e, _) if *e == pd));
    let s = h.screen();
    assert!(s.contains("Peter DeSantis") && s.contains("reports_to"), "{s}");
}

#[test]
fn following_a_link_and_coming_back_restores_scroll_and_link() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Enter);
    for _ in 0..35 {
        h.key(KeyCode::Tab);
    }
    let View::Doc(before) = h.app.view().clone() else { panic!("reader") };
    assert!(before.scroll > 0, "the 35th link is below the first screen");
    h.key(KeyCode::Enter);
    assert!(matches!(h.app.view(), View::Entity(..)));
    h.key(KeyCode::Backspace);
    let View::Doc(after) = h.app.view().clone() else { panic!("back in the reader") };
    assert_eq!((after.doc, after.scroll, after.link), (before.doc, before.scroll, before.link));
    h.key(KeyCode::Char(']'));
    assert!(matches!(h.app.view(), View::Entity(..)), "forward again");
    assert!(h.screen().contains(" › "), "a breadcrumb shows the trail");
}

#[test]
fn a_fact_opens_its_document_at_the_highlighted_quote() {
    let mut h = Harness::new(120, 40);
    h.ctrl('p').typed("rajesh").key(KeyCode::Enter);
    let rajesh = h.entity("rajesh-sheth");
    let card = dossier::analysis::card::EntityCard::build(&h.app.corpus, rajesh);
    let fact = h.app.corpus.facts[card.facts[0].fact].clone();
    // The first openable row is the first fact.
    h.key(KeyCode::Enter);
    let View::Doc(r) = h.app.view().clone() else { panic!("reader") };
    assert_eq!(r.doc, fact.doc, "the fact's document");
    let span = r.highlight.clone().expect("quote highlighted");
    assert_eq!(Some(span.clone()), fact.quote_span, "the quote's own span is highlighted");
    let body = &h.app.corpus.docs[r.doc].body;
    assert!(span.len() < body.len() / 4 && !body[span].trim().is_empty(), "a quote, not the whole body");
}

#[test]
fn find_counts_matches_and_n_moves() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Enter).typed("/amazon").key(KeyCode::Enter);
    let View::Doc(r) = h.app.view().clone() else { panic!("reader") };
    let f = r.find.expect("find kept");
    assert!(f.matches.len() > 5);
    assert!(h.screen().contains(&format!("1/{}", f.matches.len())));
    h.key(KeyCode::Char('n')).key(KeyCode::Char('n'));
    let View::Doc(r) = h.app.view().clone() else { panic!("reader") };
    assert_eq!(r.find.expect("find").current, 2);
    h.key(KeyCode::Esc);
    let View::Doc(r) = h.app.view().clone() else { panic!("reader") };
    assert!(r.find.is_none(), "Esc clears the search");
}

#[test]
fn space_marks_several_items_and_p_picks_them_in_order() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('2')).key(KeyCode::Char(' ')).key(KeyCode::Char(' '));
    h.key(KeyCode::Char('p'));
    let Some(Outcome::Pick(items)) = h.outcome.clone() else { panic!("picked: {:?}", h.outcome) };
    let people = &h.app.panes[1];
    let expect: Vec<Item> = people
        .rows
        .iter()
        .take(2)
        .filter_map(|r| match r {
            dossier::tui::pane::PaneRow::Item(i) => Some(*i),
            dossier::tui::pane::PaneRow::Heading(_) => None,
        })
        .collect();
    assert_eq!(items, expect);
}

#[test]
fn p_without_marks_picks_the_current_item_and_q_and_ctrl_c_end() {
    let mut h = Harness::new(120, 40);
    h.ctrl('p').typed("trainium").key(KeyCode::Enter).key(KeyCode::Char('p'));
    assert_eq!(h.outcome, Some(Outcome::Pick(vec![Item::Entity(h.entity("trainium"))])));
    let mut q = Harness::new(80, 24);
    q.key(KeyCode::Char('q'));
    assert_eq!(q.outcome, Some(Outcome::Quit));
    let mut c = Harness::new(80, 24);
    c.ctrl('p').ctrl('c');
    assert_eq!(c.outcome, Some(Outcome::Cancel));
}

/// A left click at a cell.
fn click(x: u16, y: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    })
}

#[test]
fn mouse_click_selects_and_wheel_scrolls() {
    let mut h = Harness::new(120, 40);
    let people = h.app.geometry.panes[1];
    h.send([click(people.x + 3, people.y + 3)]);
    assert_eq!(h.app.focus, Focus::on(PaneKind::People));
    assert_eq!(h.app.panes[1].selected, 2);
    let detail = h.app.geometry.detail;
    h.key(KeyCode::Char('1')).key(KeyCode::Enter);
    let wheel = Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: detail.x + 5,
        row: detail.y + 5,
        modifiers: KeyModifiers::NONE,
    });
    h.send([wheel]);
    let View::Doc(r) = h.app.view().clone() else { panic!("reader") };
    assert_eq!(r.scroll, 3);
}

/// At 80 columns the tabs are as wide as their labels: a click on the "5 Detail" tab focuses
/// the detail view (it used to select Portfolio, assuming four equal tabs).
#[test]
fn a_click_on_a_narrow_tab_focuses_that_tab() {
    let mut h = Harness::new(80, 24);
    let screen = h.screen();
    let tabs = screen.lines().next().expect("the tab bar");
    for (label, want_detail, want_pane) in [
        ("5 Detail", true, PaneKind::Docs),
        ("3 Orgs", false, PaneKind::Orgs),
        ("4 Portfolio", false, PaneKind::Portfolio),
        ("2 People", false, PaneKind::People),
    ] {
        let x = tabs.chars().collect::<String>().find(label).map(|b| tabs[..b].chars().count()).expect(label) as u16;
        h.send([click(x + 2, 0)]);
        assert_eq!(h.app.focus.detail, want_detail, "{label}");
        if !want_detail {
            assert_eq!(h.app.focus.pane, want_pane, "{label}");
        }
    }
}

#[test]
fn any_size_draws_without_panic_and_a_resize_redraws() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Enter).key(KeyCode::Tab);
    for (w, ht) in [(1, 1), (0, 0), (5, 2), (19, 5), (20, 6), (40, 10), (99, 30), (100, 30), (300, 100)] {
        h.resize(w, ht);
        assert_eq!(h.term.backend().buffer().area.width, w);
    }
    h.resize(10, 3);
    assert!(h.screen().contains("terminal"), "{}", h.screen());
    h.resize(120, 40);
    assert!(h.screen().contains("Documents"));
}

#[test]
fn without_colour_the_selection_is_reversed() {
    let h = Harness::new(120, 40);
    let buf = h.term.backend().buffer();
    let pane = h.app.geometry.panes[0];
    let cell = &buf[(pane.x + 3, pane.y + 1)];
    assert!(cell.modifier.contains(ratatui::style::Modifier::REVERSED), "{cell:?}");
}

#[test]
fn help_lists_every_key_binding() {
    let mut h = Harness::new(120, 60);
    h.key(KeyCode::F(1));
    // Every page of it, scrolled with Space.
    let mut s = h.screen();
    for _ in 0..4 {
        h.key(KeyCode::Char(' '));
        s.push_str(&h.screen());
    }
    for b in dossier::tui::action::BINDINGS.iter().filter(|b| !b.label.is_empty()) {
        assert!(s.contains(b.label), "help lacks {}\n{s}", b.label);
    }
}

#[test]
fn the_timeline_opens_a_source_at_its_quote_and_flags_the_contradiction() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('t'));
    assert!(matches!(h.app.view(), View::Timeline(..)));
    let s = h.screen();
    assert!(s.contains("⚠ Amazon launched Nova"), "{s}");
    h.key(KeyCode::Enter);
    let View::Doc(r) = h.app.view().clone() else { panic!("a document") };
    assert_eq!(h.app.corpus.docs[r.doc].id, "000_81bc56f7dc5c9cfd");
    let quote = &h.app.corpus.docs[r.doc].body[r.highlight.expect("highlighted")];
    assert!(quote.contains("2006"), "{quote}");
}

#[test]
fn an_entity_card_flags_contradicting_facts() {
    let mut h = Harness::new(120, 40);
    h.ctrl('p').typed("^nova$").key(KeyCode::Enter);
    assert!(h.screen().contains("⚠ contradiction: date says"), "{}", h.screen());
}

fn folder_corpus(files: &[(&str, String)]) -> Arc<Corpus> {
    let dir = tempfile::tempdir().expect("temp");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    Arc::new(Corpus::load(&LoadOptions { corpus: vec![dir.path().to_path_buf()], ..LoadOptions::default() }, &|_| {}))
}

/// Every row's right border is in the last column: wide and combining characters did not
/// shift it.
fn assert_borders_aligned(h: &Harness) {
    let buf = h.term.backend().buffer();
    let right = buf.area.width - 1;
    let detail = h.app.geometry.detail;
    for y in detail.y..detail.bottom() {
        let sym = buf[(right, y)].symbol();
        assert!(["┃", "│", "┓", "┛", "┐", "┘"].contains(&sym), "row {y} ends with {sym:?}:\n{}", h.screen());
    }
}

#[test]
fn wide_combining_emoji_and_rtl_text_draw_aligned() {
    let text = "Hard text\r\n\r\n日本語のテキストと漢字が続きます。Zoë and Ame\u{301}lie, 👩‍👩‍👧‍👦 family, 🇺🇳 flag, \
                عربي مع English و עברית mixed, and a bidi override \u{202e}reversed\u{202c} end. "
        .repeat(30);
    let c = folder_corpus(&[("hard.txt", format!("\u{feff}{text}"))]);
    for (w, ht) in [(120, 40), (80, 24), (33, 9)] {
        let mut h = Harness::with(Arc::clone(&c), w, ht);
        h.key(KeyCode::Enter);
        for _ in 0..5 {
            h.key(KeyCode::PageDown);
        }
        if !h.app.geometry.too_small {
            assert_borders_aligned(&h);
        }
        assert!(!h.screen().contains('\u{202e}'), "bidi overrides are shown as placeholders");
    }
}

#[test]
fn a_5mb_file_and_a_2mb_line_open_scroll_and_search() {
    let mut many_lines = String::new();
    for i in 0..200_000 {
        let word = if i == 150_000 { "NEEDLE" } else { "hay" };
        writeln!(many_lines, "line {i} of the long file {word}").expect("write to a string");
    }
    let one_line = format!("{}NEEDLE{}", "word ".repeat(200_000), " tail".repeat(200_000));
    assert!(many_lines.len() > 5_000_000 && one_line.len() > 2_000_000);
    let c = folder_corpus(&[("lines.txt", many_lines), ("oneline.txt", one_line)]);
    for doc in 0..2 {
        let mut h = Harness::with(Arc::clone(&c), 120, 40);
        for _ in 0..doc {
            h.key(KeyCode::Down);
        }
        h.key(KeyCode::Enter).key(KeyCode::End).key(KeyCode::Home).key(KeyCode::PageDown);
        h.typed("/NEEDLE").key(KeyCode::Enter);
        let View::Doc(r) = h.app.view().clone() else { panic!("reader") };
        assert_eq!(r.find.expect("find").matches.len(), 1);
        assert!(h.screen().contains("NEEDLE"), "scrolled to the match:\n{}", h.screen());
    }
}

#[test]
fn the_timeline_is_built_off_the_draw_path_and_shown_when_it_arrives() {
    let mut h = Harness::new(120, 40);
    // A newly loaded model arrives: its timeline is still being built by the loader.
    let c = corpus();
    let entries = Arc::new(dossier::search::items::entries(&c));
    h.tx.send(Msg::Loaded(Arc::clone(&c), entries)).expect("send");
    h.key(KeyCode::Char('t'));
    assert!(h.screen().contains("building the timeline…"), "{}", h.screen());
    let (events, rows) = dossier::tui::timeline_of(&c);
    h.tx.send(Msg::Timeline(events, rows, 0)).expect("send");
    h.run();
    assert!(h.screen().contains("⚠ Amazon launched Nova"), "{}", h.screen());
}

/// `c` lists the candidates with counts and a snippet; Enter opens the first document.
#[test]
fn candidates_are_listed_with_counts_and_open_their_document() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/eval/dev");
    let opts = LoadOptions::without_catalog(vec![dir]);
    let mut h = Harness::with(Arc::new(Corpus::load(&opts, &|_| {})), 120, 40);
    let n = h.app.corpus.candidates.len();
    assert!(n > 0, "unsure names in real text");
    h.key(KeyCode::Char('c'));
    let s = h.screen();
    assert!(s.contains(&format!("Candidates ({n})")), "{s}");
    let first = h.app.corpus.candidates[0].clone();
    assert!(s.contains(&first.name) && s.contains(&format!("×{}", first.count)), "{s}");
    h.key(KeyCode::Enter);
    let View::Doc(r) = h.app.view().clone() else { panic!("the first document opens") };
    assert_eq!(h.app.corpus.docs[r.doc].id, first.docs[0]);
}

/// The jump finds candidates under `@candidate`, and only then; Enter opens the candidates.
#[test]
fn the_jump_finds_candidates_under_at_candidate() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/eval/dev");
    let opts = LoadOptions::without_catalog(vec![dir]);
    let mut h = Harness::with(Arc::new(Corpus::load(&opts, &|_| {})), 120, 40);
    let name = h.app.corpus.candidates[0].name.clone();
    h.ctrl('p').typed(&format!("@candidate {name}"));
    assert!(h.screen().contains(&format!("candidate {name}")), "{}", h.screen());
    h.key(KeyCode::Enter);
    assert!(matches!(h.app.view(), View::Candidates(_)));
    h.ctrl('p').typed(&name);
    assert!(!h.screen().contains("candidate "), "without @candidate no candidate is listed");
}

/// Enter acts on the query as typed even when no search result has arrived for the last
/// keystrokes (fast typing, scripts): "nova s", Backspace, Enter opens Nova, not Nova Sonic;
/// and pasted text is typed into the jump.
#[test]
fn enter_in_the_jump_acts_on_the_query_as_typed_and_paste_types() {
    let c = corpus();
    let mut app = App::new(Arc::clone(&c), Theme::new(false), None);
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    app.handle_key(&KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL));
    // No search is ever answered here: every keystroke leaves the jump waiting.
    for ch in "nova s".chars() {
        app.handle_key(&key(KeyCode::Char(ch)));
    }
    app.handle_key(&key(KeyCode::Backspace));
    app.handle_key(&key(KeyCode::Backspace));
    app.handle_key(&key(KeyCode::Enter));
    let nova = c.entity_by_id("nova").expect("nova");
    assert!(matches!(app.view(), View::Entity(e, _) if *e == nova), "{:?}", app.view());
    app.handle_key(&KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL));
    app.handle_event(&Event::Paste("desantis".into()));
    app.handle_key(&key(KeyCode::Enter));
    let pd = c.entity_by_id("peter-desantis").expect("there");
    assert!(matches!(app.view(), View::Entity(e, _) if *e == pd), "{:?}", app.view());
}

/// The help is reachable at any size: above the status line, with its scroll keys in its
/// border, scrolled by `PgDn`; the status line keeps `? help` and `q quit` at 80 columns.
#[test]
fn the_help_fits_above_the_status_line_and_scrolls() {
    let mut h = Harness::new(80, 24);
    let status = h.screen().lines().last().unwrap_or_default().to_string();
    assert!(status.starts_with("? help  q quit"), "{status}");
    h.key(KeyCode::Char('?'));
    let s = h.screen();
    assert!(s.lines().next().unwrap_or_default().contains("PgDn scroll"), "{s}");
    assert!(s.lines().last().unwrap_or_default().contains("closes the help"), "{s}");
    h.key(KeyCode::PageDown);
    let after = h.screen();
    assert_ne!(s, after, "PgDn scrolls the help");
    assert!(after.contains("Reader"), "a later section comes into view: {after}");
    // At the end, one step up moves at once (the position is kept within the help).
    h.key(KeyCode::Char('G'));
    let end = h.screen().lines().next().unwrap_or_default().to_string();
    h.key(KeyCode::Char('k'));
    let up = h.screen().lines().next().unwrap_or_default().to_string();
    assert_ne!(end, up, "k after G scrolls up");
}

/// Nothing is cut without a sign: a card's document rows keep their mention counts at 120
/// columns (the title is shortened with `…` instead).
#[test]
fn card_rows_keep_their_counts_and_cut_with_an_ellipsis() {
    let mut h = Harness::new(120, 40);
    h.ctrl('p').typed("andy jassy").key(KeyCode::Enter);
    let s = h.screen();
    let rows: Vec<&str> = s.lines().filter(|l| l.contains(".txt · ×")).collect();
    assert!(rows.len() >= 3, "{s}");
    assert!(
        rows.iter().all(|l| l.trim_end_matches(['┃', '│', ' ']).chars().last().is_some_and(|c| c.is_ascii_digit())),
        "{rows:#?}"
    );
    assert!(rows.iter().any(|l| l.contains('…')), "long titles are cut with a sign: {rows:#?}");
}

/// Load problems are on screen: counted in the status line, listed by `!` with file and
/// reason; a document that loaded despite its problem opens from the list.
#[test]
fn problems_are_counted_and_listed_in_the_explorer() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("good.md"), "# Good\n\nText.\n").expect("write");
    std::fs::write(dir.path().join("broken.md"), "---\ntitle: [unclosed\n---\nThe body still loads.\n").expect("write");
    std::fs::write(dir.path().join("binary.txt"), [0u8, 1, 2, 0, 9]).expect("write");
    let opts = LoadOptions::without_catalog(vec![dir.path().into()]);
    let mut h = Harness::with(Arc::new(Corpus::load(&opts, &|_| {})), 120, 40);
    let status = h.screen().lines().last().unwrap_or_default().to_string();
    assert!(status.contains("2 problems (!)"), "{status}");
    h.key(KeyCode::Char('!'));
    let s = h.screen();
    assert!(s.contains("Problems (2)") && s.contains("binary.txt") && s.contains("bad front matter"), "{s}");
    h.key(KeyCode::Enter);
    let View::Doc(r) = h.app.view().clone() else { panic!("the document with the problem opens: {:?}", h.app.view()) };
    assert_eq!(h.app.corpus.docs[r.doc].id, "broken");
}

/// The curation keys, each written to the catalog (read back and checked after each), shown
/// at once, and undone one by one with `u` until the catalog is as the user left it.
#[test]
fn curation_keys_edit_the_catalog_the_explorer_follows_and_u_undoes_each() {
    use dossier::recognize::catalog::Catalog;
    let original = "# my own catalog\n";
    let (mut h, catalog, _dirs) = curating(
        "Thandiwe Mokoena met Addresses Debian at the harbour on Monday.\n\nMs Mokoena said Addresses \
         Debian was late. Ralf Habacker wrote the patch.\n",
        original,
    );
    let entity = |h: &Harness, name: &str| h.app.corpus.entities.iter().position(|e| e.name == name);
    let reread = || {
        let text = std::fs::read_to_string(&catalog).expect("catalog");
        let cat = Catalog::parse(&catalog, &text).expect("a valid catalog after each edit");
        (text, cat)
    };
    let open = |h: &mut Harness, name: &str| {
        h.ctrl('p').typed(name).key(KeyCode::Enter);
    };

    // Promote a candidate from the candidates view.
    h.key(KeyCode::Char('c'));
    assert!(h.screen().contains("Addresses Debian"), "{}", h.screen());
    h.key(KeyCode::Down).key(KeyCode::Down).key(KeyCode::Down);
    h.key(KeyCode::Char('+'));
    assert!(h.screen().contains("Promote Addresses Debian as"), "{}", h.screen());
    h.key(KeyCode::Char('o'));
    let (_, cat) = reread();
    assert!(cat.entities.iter().any(|e| e.name == "Addresses Debian"));
    let e = entity(&h, "Addresses Debian").expect("an entity at once");
    assert_eq!(h.app.corpus.entities[e].kind.as_str(), "org");
    assert!(h.screen().contains("promoted \"Addresses Debian\" to an org"), "{}", h.screen());

    // Reject an entity from its card: it leaves the panes.
    open(&mut h, "Ralf Habacker");
    h.key(KeyCode::Char('x'));
    assert!(entity(&h, "Ralf Habacker").is_none());
    assert!(h.screen().contains("People (1)"), "{}", h.screen());
    assert_eq!(reread().1.reject, ["Ralf Habacker"]);
    // Undo brings it back.
    h.key(KeyCode::Char('u'));
    assert!(entity(&h, "Ralf Habacker").is_some());
    assert!(reread().1.reject.is_empty());

    // An alias, typed in a prompt; one that names another entity is refused, nothing written.
    open(&mut h, "Thandiwe Mokoena");
    h.key(KeyCode::Char('a')).typed("Ralf Habacker").key(KeyCode::Enter);
    assert!(h.screen().contains("not done"), "{}", h.screen());
    let (before, _) = reread();
    h.ctrl('u').typed("T. Mokoena").key(KeyCode::Enter);
    let t = entity(&h, "Thandiwe Mokoena").expect("there");
    assert!(h.app.corpus.entities[t].aliases.contains(&"T. Mokoena".to_string()));
    assert_ne!(reread().0, before);

    // Merge, choosing the target with the jump: the card shown is the merged entity's.
    open(&mut h, "Ralf Habacker");
    h.key(KeyCode::Char('m')).typed("thandiwe").key(KeyCode::Enter);
    assert!(entity(&h, "Ralf Habacker").is_none());
    let t = entity(&h, "Thandiwe Mokoena").expect("there");
    assert!(h.app.corpus.entities[t].aliases.contains(&"Ralf Habacker".to_string()));
    assert!(matches!(h.app.view(), View::Entity(e, _) if *e == t), "{:?}", h.app.view());

    // Kind and rename.
    h.key(KeyCode::Char('K')).key(KeyCode::Char('o'));
    let t = entity(&h, "Thandiwe Mokoena").expect("there");
    assert_eq!(h.app.corpus.entities[t].kind.as_str(), "org");
    h.key(KeyCode::Char('R')).ctrl('u').typed("Mokoena Group").key(KeyCode::Enter);
    assert!(entity(&h, "Mokoena Group").is_some());
    assert!(h.screen().contains("Mokoena Group"), "{}", h.screen());
    reread();

    // Undo every edit, one key each: the catalog is as the user left it.
    for _ in 0..5 {
        h.key(KeyCode::Char('u'));
    }
    assert_eq!(reread().0, original);
    assert!(entity(&h, "Ralf Habacker").is_some() && entity(&h, "Thandiwe Mokoena").is_some());
    h.key(KeyCode::Char('u'));
    assert!(h.screen().contains("nothing to undo"), "{}", h.screen());
}

/// `/` in a pane filters it as you type, Enter keeps the filter, Esc clears it; `s` cycles
/// the order, named in the pane's title.
#[test]
fn a_pane_filters_as_you_type_and_sorts_by_name_and_date() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('2')).key(KeyCode::Char('/')).typed("pr");
    let s = h.screen();
    assert!(s.contains("People (1) /pr"), "{s}");
    let people = &h.app.panes[PaneKind::People.index()];
    assert_eq!(people.selected_item().map(|i| i.name(&h.app.corpus).to_string()).as_deref(), Some("Rohit Prasad"));
    // Typed letters went to the filter, not to the keys they are bound to.
    assert!(h.outcome.is_none());
    h.key(KeyCode::Enter).key(KeyCode::Char('s'));
    assert!(h.screen().contains("People (1) /pr · by name"), "{}", h.screen());
    h.key(KeyCode::Esc);
    assert!(h.screen().contains("People (9) · by name"), "{}", h.screen());
    let names: Vec<String> = h.app.panes[PaneKind::People.index()]
        .rows
        .iter()
        .filter_map(|r| match r {
            dossier::tui::pane::PaneRow::Item(i) => Some(i.name(&h.app.corpus).to_lowercase()),
            dossier::tui::pane::PaneRow::Heading(_) => None,
        })
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
    h.key(KeyCode::Char('1')).key(KeyCode::Char('s')).key(KeyCode::Char('s'));
    assert!(h.screen().contains("Documents (5) · newest first"), "{}", h.screen());
    let c = &h.app.corpus;
    let dates: Vec<_> = h.app.panes[0]
        .rows
        .iter()
        .filter_map(|r| match r {
            dossier::tui::pane::PaneRow::Item(Item::Doc(d)) => c.docs[*d].date,
            _ => None,
        })
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
}

/// `e` asks for the editor on the document's file at the line in view (tests run from the
/// repository's folder, where the bundled corpus's `seeds/` files exist).
#[test]
fn e_asks_for_the_editor_at_the_line_in_view() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Enter).key(KeyCode::Char('e'));
    assert!(h.screen().contains("editor: seeds/000_81bc56f7dc5c9cfd.txt:"), "{}", h.screen());
}

/// On a card, `x` on a fact read from the text rejects that fact (the catalog lists it, it is
/// not read again), `u` undoes it, and `+` keeps it in the catalog as a curated fact.
#[test]
fn a_fact_read_from_the_text_is_kept_or_rejected_from_its_card() {
    use dossier::recognize::catalog::Catalog;
    let (mut h, catalog, _dirs) = curating(
        "Airbus names a boss\n\nAirbus chief executive Tom Enders said on Monday that the plane was ready.\n",
        "# mine\n",
    );
    let leads =
        |h: &Harness| h.app.corpus.facts.iter().find(|f| f.predicate == "leads").map(|f| f.origin.label().to_string());
    let reread = || {
        let text = std::fs::read_to_string(&catalog).expect("catalog");
        Catalog::parse(&catalog, &text).expect("a valid catalog after each edit")
    };
    assert_eq!(leads(&h).as_deref(), Some("extracted"));
    h.ctrl('p').typed("tom enders").key(KeyCode::Enter);
    assert!(h.screen().contains("Tom Enders leads Airbus (chief executive) · extracted"), "{}", h.screen());
    h.key(KeyCode::Char('x'));
    assert!(h.screen().contains("rejected the fact \"Tom Enders leads Airbus\""), "{}", h.screen());
    assert_eq!(leads(&h), None, "not read from the text again");
    assert!(h.app.corpus.entity_by_id("tom-enders").is_some(), "the person stays");
    assert!(reread().facts.iter().any(|f| f.rejected && f.predicate == "leads"));
    h.key(KeyCode::Char('u'));
    assert_eq!(leads(&h).as_deref(), Some("extracted"));
    h.key(KeyCode::Char('+'));
    assert_eq!(leads(&h).as_deref(), Some("catalog"), "kept: now a curated fact");
    let cat = reread();
    assert!(cat
        .facts
        .iter()
        .any(|f| !f.rejected && f.predicate == "leads" && f.quote.get_ref().contains("Tom Enders")));
    assert!(cat.entities.iter().any(|e| e.name == "Airbus") && cat.entities.iter().any(|e| e.name == "Tom Enders"));
}

/// The Markdown fixture (heading, badges, emphasis, a link, lists, a quote, a table, code,
/// HTML) in a folder of its own.
/// Loaded by a relative path (tests run from the repository's folder) so screens show the same
/// path everywhere.
fn markdown_corpus() -> Arc<Corpus> {
    let opts = LoadOptions { corpus: vec!["tests/fixtures/markdown".into()], ..LoadOptions::default() };
    Arc::new(Corpus::load(&opts, &|_| {}))
}

/// The text of the cells in the reader's body that have all of `modifier` (a highlight
/// without colour), row by row.
fn cells_with(h: &Harness, modifier: ratatui::style::Modifier) -> Vec<String> {
    let buf = h.term.backend().buffer();
    let detail = h.app.geometry.detail;
    let mut out = Vec::new();
    for y in detail.y + 1..detail.bottom().saturating_sub(3) {
        let mut run = String::new();
        for x in detail.x + 1..detail.right().saturating_sub(1) {
            let cell = &buf[(x, y)];
            if cell.modifier.contains(modifier) {
                run.push_str(cell.symbol());
            } else if !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
        }
        if !run.is_empty() {
            out.push(run);
        }
    }
    out
}

/// A Markdown document is rendered: no `#`, `**`, badge URLs or HTML on screen; the table is
/// aligned; `r` shows the raw source and says so in the title.
#[test]
fn markdown_is_rendered_and_r_shows_the_raw_source() {
    for (w, ht) in [(120, 40), (80, 24)] {
        let mut h = Harness::with(markdown_corpus(), w, ht);
        h.key(KeyCode::Enter);
        let s = h.screen();
        snapshot(&format!("markdown_{w}x{ht}"), &h);
        assert!(s.contains("Who leads what") && !s.contains("## Who"), "{s}");
        assert!(s.contains("CI crates.io") && !s.contains("badge.svg"), "badges as their alt text: {s}");
        assert!(s.contains("• Peter DeSantis") && !s.contains("**"), "{s}");
        h.key(KeyCode::Char('r'));
        let raw = h.screen();
        snapshot(&format!("markdown_raw_{w}x{ht}"), &h);
        assert!(raw.contains("Reader · raw source") && raw.contains("[![CI]"), "{raw}");
        h.key(KeyCode::Char('r'));
        assert_eq!(h.screen(), s, "r again renders it again");
    }
    let mut h = Harness::with(markdown_corpus(), 120, 40);
    h.key(KeyCode::Enter);
    let s = h.screen();
    let table: Vec<&str> = s.lines().filter(|l| l.contains(" │ Annapurna Labs │ ")).collect();
    let bars: Vec<usize> = table.iter().map(|l| l.find(" │ Annapurna").map_or(0, |b| l[..b].chars().count())).collect();
    assert!(table.len() == 3 && bars.windows(2).all(|b| b[0] == b[1]), "columns aligned: {table:#?}");
}

/// An entity named in rendered text (a list item here) is a link: Tab focuses it, the focused
/// cells are its name, Enter opens its card.
#[test]
fn an_entity_link_in_rendered_markdown_is_followed() {
    let mut h = Harness::with(markdown_corpus(), 120, 40);
    let pd = h.entity("peter-desantis");
    h.key(KeyCode::Enter);
    for _ in 0..40 {
        h.key(KeyCode::Tab);
        let View::Doc(r) = h.app.view().clone() else { panic!("reader") };
        let m = &h.app.corpus.doc_mentions(r.doc)[r.link.expect("a link")];
        if m.entity() == pd {
            break;
        }
    }
    let focused = cells_with(&h, ratatui::style::Modifier::REVERSED | ratatui::style::Modifier::BOLD);
    assert_eq!(focused, ["Peter DeSantis"], "{}", h.screen());
    h.key(KeyCode::Enter);
    assert!(matches!(h.app.view(), View::Entity(e, _) if *e == pd), "{:?}", h.app.view());
}

/// `/` find highlights the words found in rendered text, inside emphasis and in a table cell.
#[test]
fn find_highlights_the_right_words_in_rendered_markdown() {
    let mut h = Harness::with(markdown_corpus(), 120, 40);
    h.key(KeyCode::Enter).typed("/platform team").key(KeyCode::Enter);
    assert_eq!(cells_with(&h, ratatui::style::Modifier::REVERSED), ["platform team"], "{}", h.screen());
    h.key(KeyCode::Esc).typed("/Inferentia").key(KeyCode::Enter);
    assert_eq!(cells_with(&h, ratatui::style::Modifier::REVERSED), ["Inferentia"], "{}", h.screen());
}

/// `e` on rendered Markdown opens the source line of the text at the top of the view.
#[test]
fn e_on_rendered_markdown_opens_the_source_line_in_view() {
    let c = markdown_corpus();
    let mut h = Harness::with(Arc::clone(&c), 80, 24);
    h.key(KeyCode::Enter);
    let s = h.screen();
    let top = s.lines().position(|l| l.contains("Who leads what")).expect("heading shown");
    let first = s.lines().position(|l| l.contains("CI crates.io")).expect("badges shown");
    for _ in first..top {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Char('e'));
    let source = c.docs[0].body.lines().position(|l| l == "## Who leads what").expect("in the source");
    let said = h.app.message.clone().unwrap_or_default();
    assert!(said.ends_with(&format!("field-notes.md:{}", source + 1)), "{said}\n{}", h.screen());
}

/// A hard-wrapped plain-text paragraph is reflowed: no orphan words at a width narrower than
/// its lines; `r` shows the lines as they are (with orphans).
#[test]
fn a_hard_wrapped_paragraph_is_reflowed() {
    let para = "The harbour commission met on Tuesday evening to consider the proposal\n\
                for the new breakwater in detail, and after a long and sometimes heated\n\
                debate it agreed that the works should begin in the spring, weather and\n\
                funding permitting, with a review of the costs at the end of the summer.\n";
    let c = folder_corpus(&[("minutes.txt", format!("Minutes\n\n{para}\nAdjourned.\n"))]);
    let mut h = Harness::with(c, 60, 24);
    h.key(KeyCode::Enter);
    let rows = |h: &Harness| -> Vec<String> {
        let s = h.screen();
        let lines: Vec<String> = s.lines().map(|l| l.trim_matches(['┃', '│', ' ']).to_string()).collect();
        let from = lines.iter().position(|l| l.starts_with("The harbour")).expect("shown");
        lines[from..].iter().take_while(|l| !l.is_empty()).cloned().collect()
    };
    let reflowed = rows(&h);
    assert!(reflowed[..reflowed.len() - 1].iter().all(|l| l.chars().count() > 45), "{reflowed:#?}");
    h.key(KeyCode::Char('r'));
    let raw = rows(&h);
    assert!(raw.len() > reflowed.len() && raw.iter().any(|l| l.chars().count() < 20), "{raw:#?}");
}

/// At 100 columns and more the jump previews the selected result: a document's opening lines
/// with the query's words highlighted, an entity's kind, counts and aliases.
#[test]
fn the_jump_previews_the_selected_document_and_entity() {
    let mut h = Harness::new(120, 40);
    h.ctrl('p').typed("@doc talent exodus");
    let Some(dossier::tui::app::Layer::Jump(j)) = h.app.layers.last().cloned() else { panic!("the jump") };
    let p = j.preview.expect("a preview at 120 columns");
    assert!(matches!(p.item, Item::Doc(_)));
    let text: Vec<String> = p.lines.iter().map(|l| l.iter().map(|(t, _)| t.as_str()).collect()).collect();
    assert!(text[0].starts_with("Amazon Faces Talent Exodus"), "{text:?}");
    let Item::Doc(d) = p.item else { unreachable!() };
    assert!(text[1].contains(&h.app.corpus.docs[d].shown_path), "date and path: {text:?}");
    assert_ne!(text[3], text[0], "the title is not repeated: {text:?}");
    let matched: Vec<&str> = p
        .lines
        .iter()
        .flatten()
        .filter(|(_, ink)| *ink == dossier::tui::jump::Ink::Matched)
        .map(|(t, _)| t.as_str())
        .collect();
    assert!(matched.iter().any(|t| t.eq_ignore_ascii_case("talent")), "{matched:?}");
    let s = h.screen();
    assert!(s.contains("│ Amazon Faces Talent Exodus"), "{s}");
    // An entity: kind, counts, aliases.
    h.ctrl('u').typed("jassy");
    let s = h.screen();
    let jassy = h.entity("andy-jassy");
    let mentions = h.app.corpus.mention_count(jassy);
    assert!(s.contains(&format!("{mentions} mentions in ")), "{s}");
    assert!(s.contains("person · andy-jassy") && s.contains("aliases: "), "{s}");
    // Below 100 columns there is no preview.
    h.resize(80, 24);
    let Some(dossier::tui::app::Layer::Jump(j)) = h.app.layers.last() else { panic!("the jump") };
    assert!(j.preview.is_none());
}

/// A result found by an alias says which.
#[test]
fn the_jump_says_which_alias_matched() {
    let mut h = Harness::new(120, 40);
    h.ctrl('p').typed("'jesse");
    let s = h.screen();
    let row = s.lines().find(|l| l.contains("Andy Jassy")).expect("Jassy's row");
    assert!(row.contains("matched alias: "), "{row}");
    h.key(KeyCode::Esc).ctrl('p').typed("jassy");
    let s = h.screen();
    let row = s.lines().find(|l| l.contains("Andy Jassy")).expect("Jassy's row");
    assert!(!row.contains("matched"), "found by the name: {row}");
}

/// Tab marks and moves down, Shift-Tab unmarks and moves up (as in fzf); with marks, Enter
/// prints them as `p` does, and the hint line says so.
#[test]
fn tab_marks_in_the_jump_and_enter_picks_the_marked() {
    let mut h = Harness::new(120, 40);
    h.ctrl('p').typed("@person");
    let hits = |h: &Harness| {
        let Some(dossier::tui::app::Layer::Jump(j)) = h.app.layers.last() else { panic!("the jump") };
        (j.selected, j.hits.iter().map(|x| h.app.entries[x.entry].item).collect::<Vec<_>>())
    };
    let (_, items) = hits(&h);
    h.key(KeyCode::Tab).key(KeyCode::Tab).key(KeyCode::Tab);
    assert_eq!(hits(&h).0, 3);
    assert_eq!(h.app.marks, items[..3].to_vec());
    h.key(KeyCode::BackTab);
    assert_eq!(hits(&h).0, 2, "Shift-Tab moves up");
    assert_eq!(h.app.marks, items[..2].to_vec(), "and unmarks the third");
    let s = h.screen();
    assert!(s.contains("● 2 marked · Enter prints them and exits (like p)"), "{s}");
    assert_eq!(s.matches("● person").count(), 2, "{s}");
    h.key(KeyCode::Enter);
    assert_eq!(h.outcome, Some(Outcome::Pick(items[..2].to_vec())));
}

/// Tab in the reader focuses the first link in view, not the document's first; Shift-Tab the
/// last in view.
#[test]
fn tab_in_the_reader_focuses_the_first_link_in_view() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Enter).key(KeyCode::PageDown);
    let View::Doc(r) = h.app.view().clone() else { panic!("reader") };
    let layout = h.app.layout.clone().expect("laid out");
    let top = layout.lines[r.scroll].start;
    let mentions = h.app.corpus.doc_mentions(r.doc).to_vec();
    let first_in_view = mentions.iter().position(|m| m.span().start >= top).expect("a link below");
    assert!(first_in_view > 0, "scrolled past some links");
    h.key(KeyCode::Tab);
    let View::Doc(after) = h.app.view().clone() else { panic!("reader") };
    assert_eq!(after.link, Some(first_in_view));
    assert_eq!(after.scroll, r.scroll, "the view stays where it was");
    // Tab again: the next link.
    h.key(KeyCode::Tab);
    let View::Doc(after) = h.app.view().clone() else { panic!("reader") };
    assert_eq!(after.link, Some(first_in_view + 1));
    // Scrolled back to the top, away from the focused link, Shift-Tab takes the last link in view.
    h.key(KeyCode::Char('g'));
    let View::Doc(r) = h.app.view().clone() else { panic!("reader") };
    let height = usize::from(h.app.geometry.detail.height) - 2 - 5;
    // The view ends where the first line below it starts.
    let end = layout.lines.get(r.scroll + height).map_or(usize::MAX, |l| l.start);
    let last_in_view = mentions.iter().rposition(|m| m.span().start < end).expect("a link above");
    assert!(last_in_view < first_in_view, "the focused link is out of view");
    h.key(KeyCode::BackTab);
    let View::Doc(after) = h.app.view().clone() else { panic!("reader") };
    assert_eq!(after.link, Some(last_in_view));
    assert_eq!(after.scroll, r.scroll, "the view stays where it was");
}

/// `o` asks for the system opener on the document's file (the bundled documents have no URL);
/// `y` copies the id in a pane, the path in the reader, a fact's quote on a card.
#[test]
fn o_opens_the_source_and_y_copies_the_id_path_or_quote() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('o'));
    let s = h.screen();
    assert!(s.contains("open: /") && s.contains("seeds/000_81bc56f7dc5c9cfd.txt"), "{s}");
    h.key(KeyCode::Char('y'));
    assert!(h.screen().contains("copied the id to the clipboard: 000_81bc56f7dc5c9cfd"), "{}", h.screen());
    h.key(KeyCode::Enter).key(KeyCode::Char('y'));
    assert!(h.screen().contains("copied the path to the clipboard: seeds/000_81bc56f7dc5c9cfd.txt"), "{}", h.screen());
    // On a card, the first fact's row: its quote.
    h.ctrl('p').typed("rajesh").key(KeyCode::Enter).key(KeyCode::Char('y'));
    assert!(h.screen().contains("copied the quote to the clipboard: "), "{}", h.screen());
    // A person in the People pane: its id; `o` has no document to open.
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('2')).key(KeyCode::Char('y'));
    let Some(Item::Entity(e)) = h.app.current_item() else { panic!("a person") };
    let id = h.app.corpus.entities[e].id.clone();
    assert!(h.screen().contains(&format!("copied the id to the clipboard: {id}")), "{}", h.screen());
    h.key(KeyCode::Char('o'));
    assert!(h.screen().contains("o opens a document's source"), "{}", h.screen());
}

/// The events a timeline view shows (its dated rows' dates and texts).
fn timeline_events(h: &Harness) -> Vec<String> {
    let Some((_, _, rows)) = &h.app.card_rows else { panic!("rows") };
    rows.iter().skip(3).map(|r| r.parts.iter().map(|(t, _)| t.as_str()).collect::<String>()).collect()
}

/// `t` on a card shows that entity's timeline (facts about it and dated sentences that mention
/// it); `d` keeps a range of dates; both are named in the title and Esc clears them in turn.
#[test]
fn the_timeline_filters_by_entity_and_by_dates() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('t'));
    let all = timeline_events(&h).len();
    h.ctrl('p').typed("^amazon$").key(KeyCode::Enter).key(KeyCode::Char('t'));
    let amazon = h.entity("amazon");
    assert!(matches!(h.app.view(), View::Timeline(f, _) if f.entity == Some(amazon)));
    let s = h.screen();
    assert!(s.contains("5 Timeline · Amazon · Esc clears") && s.contains("Timeline of Amazon ("), "{s}");
    let his = timeline_events(&h);
    assert!(!his.is_empty() && his.len() < all, "{} of {all}", his.len());
    // Every event kept involves it or one of its parts (AWS).
    let events = h.app.timeline_events.clone().expect("events");
    let family = [&[amazon][..], h.app.corpus.children(amazon)].concat();
    let kept = events.events.iter().filter(|e| e.entities.iter().any(|x| family.contains(x))).count();
    assert_eq!(his.len(), kept);
    // Dates: only 2024.
    h.key(KeyCode::Char('d')).typed("2024").key(KeyCode::Enter);
    let s = h.screen();
    assert!(s.contains("5 Timeline · Amazon · 2024 · Esc clears"), "{s}");
    let in_2024 = timeline_events(&h);
    assert!(!in_2024.is_empty() && in_2024.len() < his.len(), "{in_2024:?}");
    assert!(in_2024.iter().all(|e| e.starts_with("2024")), "{in_2024:?}");
    // A range across years, and a bad one said so.
    h.key(KeyCode::Char('d')).ctrl('u').typed("2025..").key(KeyCode::Enter);
    assert!(timeline_events(&h).iter().all(|e| e.starts_with("2025") || e.starts_with("2026")));
    h.key(KeyCode::Char('d')).ctrl('u').typed("soon").key(KeyCode::Enter);
    assert!(h.screen().contains("not a range of dates: soon"), "{}", h.screen());
    h.key(KeyCode::Esc);
    // Esc clears the dates, then the entity.
    h.key(KeyCode::Esc);
    assert_eq!(timeline_events(&h).len(), his.len());
    h.key(KeyCode::Esc);
    assert_eq!(timeline_events(&h).len(), all);
    assert!(h.screen().contains(" 5 Timeline "), "{}", h.screen());
    // The whole timeline by dates: `..2023`.
    h.key(KeyCode::Char('d')).typed("..2023").key(KeyCode::Enter);
    let early = timeline_events(&h);
    assert!(!early.is_empty() && early.iter().all(|e| e[..4].parse::<i32>().is_ok_and(|y| y <= 2023)), "{early:?}");
}

fn config(text: &str) -> dossier::shared::config::Config {
    dossier::shared::config::parse(std::path::Path::new("config.toml"), text).expect("a config")
}

fn shift(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT))
}

/// Issue 16.6: a config that rebinds a key and changes a colour.
#[test]
fn a_config_rebinds_a_key_and_changes_a_colour() {
    let mut h = Harness::new(120, 40);
    let c = config("[keys]\ntimeline = [\"T\"]\nquit = [\"ctrl-q\"]\n[theme]\nperson = \"#ff8000\"\n");
    h.app.configure(&c, None);
    h.app.theme.color = true;
    h.key(KeyCode::Char('2'));
    // The status line shows the user's key, the help too.
    let s = h.screen();
    assert!(s.contains("Ctrl-Q quit"), "{s}");
    // People's names are drawn in the user's colour.
    let pane = h.app.geometry.panes[1];
    let buf = h.term.backend().buffer();
    let orange = (pane.x..pane.right())
        .flat_map(|x| (pane.y..pane.bottom()).map(move |y| (x, y)))
        .filter(|&p| buf[p].fg == ratatui::style::Color::Rgb(255, 128, 0))
        .count();
    assert!(orange > 10, "no person drawn in #ff8000:\n{s}");
    // `t` does nothing now; `T` opens the timeline.
    h.key(KeyCode::Char('t'));
    assert!(!matches!(h.app.view(), View::Timeline(..)));
    h.send([shift('T')]);
    assert!(matches!(h.app.view(), View::Timeline(..)), "T opens the timeline");
    h.key(KeyCode::F(1));
    let help = h.screen();
    assert!(help.lines().any(|l| l.contains("  T ") && l.contains("timeline: dated events")), "{help}");
    assert!(help.lines().any(|l| l.contains("Ctrl-Q") && l.contains("quit: exit 0")), "{help}");
    assert!(!help.lines().any(|l| l.contains("  t ") && l.contains("timeline:")), "{help}");
    h.key(KeyCode::Esc);
    h.ctrl('q');
    assert_eq!(h.outcome, Some(Outcome::Quit));
}

/// Issue 16.6: a bad config does not keep the explorer from opening: the defaults are used, and
/// the status line and the problems view say what is wrong, where.
#[test]
fn a_bad_config_opens_with_the_defaults_and_says_so() {
    let mut h = Harness::new(120, 40);
    let err = dossier::shared::config::parse(std::path::Path::new("config.toml"), "[keys]\ntimeline = [\"hyper-t\"]\n")
        .expect_err("a bad key");
    h.app.configure(&dossier::shared::config::Config::default(), Some(&err));
    h.run();
    let s = h.screen();
    assert!(s.contains("config error, the defaults are in use: config.toml:2:13"), "{s}");
    assert!(s.contains("1 problem (!)"), "{s}");
    h.key(KeyCode::Char('t'));
    assert!(matches!(h.app.view(), View::Timeline(..)), "the default t still opens the timeline");
    h.key(KeyCode::Char('!'));
    let s = h.screen();
    assert!(s.contains("config: config.toml:2:13: `hyper-t` is not a key"), "{s}");
}

/// The bookmarks kept in `data` (a temporary data folder), as the explorer takes them at start.
fn keep_bookmarks_in(h: &mut Harness, data: &std::path::Path) {
    h.app.set_bookmarks(dossier::shared::bookmarks::Store::open(Ok(data.join("bookmarks").join("corpus.json"))));
    h.run();
}

/// A reader position bookmarked with `b` lasts: a new explorer on the same data folder lists
/// it under `B`, and Enter opens the document with that line at the top.
#[test]
fn a_bookmarked_reader_line_survives_a_restart_and_opens_at_that_line() {
    let data = tempfile::tempdir().expect("tmp");
    let mut h = Harness::new(120, 40);
    keep_bookmarks_in(&mut h, data.path());
    h.key(KeyCode::Enter);
    for _ in 0..6 {
        h.key(KeyCode::Char('j'));
    }
    let View::Doc(before) = h.app.view().clone() else { panic!("the reader: {:?}", h.app.view()) };
    assert!(before.scroll > 0);
    h.key(KeyCode::Char('b'));
    assert!(h.screen().contains("bookmarked \""), "{}", h.screen());
    let top_line = h.screen().lines().nth(h.app.geometry.detail.y as usize + 4).unwrap_or_default().to_string();

    let mut again = Harness::new(120, 40);
    keep_bookmarks_in(&mut again, data.path());
    again.key(KeyCode::Char('B'));
    let title = &again.app.corpus.docs[before.doc].title;
    assert!(again.screen().contains("1 bookmark"), "{}", again.screen());
    assert!(again.screen().contains(&title.chars().take(20).collect::<String>()), "{}", again.screen());
    again.key(KeyCode::Enter);
    let View::Doc(after) = again.app.view() else { panic!("the reader: {:?}", again.app.view()) };
    assert_eq!((after.doc, after.scroll), (before.doc, before.scroll));
    assert!(again.screen().contains(top_line.trim()), "{top_line}\n{}", again.screen());
}

/// `b` on a card bookmarks the entity; `x` in the bookmarks view removes it, from the file too.
#[test]
fn an_entity_is_bookmarked_from_its_card_and_x_removes_it() {
    let data = tempfile::tempdir().expect("tmp");
    let mut h = Harness::new(120, 40);
    keep_bookmarks_in(&mut h, data.path());
    h.ctrl('p').typed("trainium").key(KeyCode::Enter).key(KeyCode::Char('b'));
    h.key(KeyCode::Char('B'));
    assert!(h.screen().contains("5 Bookmarks"), "{}", h.screen());
    assert!(h.screen().contains("Trainium"), "{}", h.screen());
    h.key(KeyCode::Enter);
    assert!(matches!(h.app.view(), View::Entity(e, _) if *e == h.entity("trainium")), "{:?}", h.app.view());
    h.key(KeyCode::Char('B')).key(KeyCode::Char('x'));
    assert!(h.screen().contains("removed the bookmark \"Trainium\""), "{}", h.screen());
    assert!(h.screen().contains("No bookmarks yet"), "{}", h.screen());
    let kept = dossier::shared::bookmarks::read(&data.path().join("bookmarks").join("corpus.json")).expect("read");
    assert!(kept.bookmarks.is_empty());
    // `x` here removed a bookmark; it rejected nothing (no catalog was written).
    assert!(h.entity("trainium") < h.app.corpus.entities.len());
}

/// A bookmarks file that is not JSON: a message, an empty list, no panic, and the file is not
/// written over.
#[test]
fn a_corrupt_bookmarks_file_is_reported_and_the_explorer_goes_on() {
    let data = tempfile::tempdir().expect("tmp");
    let file = data.path().join("bookmarks").join("corpus.json");
    std::fs::create_dir_all(file.parent().expect("dir")).expect("mkdir");
    std::fs::write(&file, "{\"bookmarks\": [ oops").expect("write");
    let mut h = Harness::new(120, 40);
    keep_bookmarks_in(&mut h, data.path());
    assert!(h.screen().contains("bookmarks: the bookmarks file is not valid (line 1, column"), "{}", h.screen());
    h.key(KeyCode::Char('B'));
    assert!(h.screen().contains("0 bookmarks"), "{}", h.screen());
    assert!(h.screen().contains("(line 1, column 17: expected value)"), "{}", h.screen());
    h.key(KeyCode::Char('1')).key(KeyCode::Char('b'));
    assert!(h.screen().contains("until the explorer ends"), "{}", h.screen());
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "{\"bookmarks\": [ oops");
}

/// Space marks are kept: a new explorer on the same data folder has the same marks, in order.
#[test]
fn space_marks_survive_a_restart() {
    let data = tempfile::tempdir().expect("tmp");
    let mut h = Harness::new(120, 40);
    keep_bookmarks_in(&mut h, data.path());
    h.key(KeyCode::Char('2')).key(KeyCode::Char(' ')).key(KeyCode::Char(' '));
    h.key(KeyCode::Char('1')).key(KeyCode::Char(' '));
    let marks = h.app.marks.clone();
    assert_eq!(marks.len(), 3);
    let mut again = Harness::new(120, 40);
    keep_bookmarks_in(&mut again, data.path());
    assert_eq!(again.app.marks, marks);
    again.key(KeyCode::Char('p'));
    assert_eq!(again.outcome, Some(Outcome::Pick(marks)));
}

/// Bookmarks and marks go to the data folder: the corpus folder has the same files after.
#[test]
fn bookmarking_writes_nothing_in_the_corpus() {
    let corpus_dir = tempfile::tempdir().expect("tmp");
    std::fs::write(corpus_dir.path().join("a.txt"), "A note\n\nAda Lovelace met Charles Babbage in London.\n")
        .expect("write");
    let files = || {
        let mut v: Vec<_> =
            walkdir::WalkDir::new(corpus_dir.path()).into_iter().map(|e| e.expect("entry").into_path()).collect();
        v.sort();
        v
    };
    let before = files();
    let load = LoadOptions { corpus: vec![corpus_dir.path().to_path_buf()], ..LoadOptions::default() };
    let data = tempfile::tempdir().expect("tmp");
    let mut h = Harness::with(Arc::new(Corpus::load(&load, &|_| {})), 120, 40);
    keep_bookmarks_in(&mut h, data.path());
    h.key(KeyCode::Char(' ')).key(KeyCode::Enter).key(KeyCode::Char('b'));
    assert!(h.screen().contains("bookmarked \"A note\""), "{}", h.screen());
    assert_eq!(files(), before);
    let kept = dossier::shared::bookmarks::read(&data.path().join("bookmarks").join("corpus.json")).expect("read");
    assert_eq!((kept.bookmarks.len(), kept.marks.len()), (1, 1));
}

/// The bookmarks view of a file written before: a document line, an entity, and a bookmark
/// whose document is gone (dimmed, said missing), newest first.
#[test]
fn snapshot_bookmarks() {
    use dossier::shared::bookmarks::{Bookmark, Saved, Spot};
    let c = corpus();
    let d = 0;
    let at = c.docs[d].body.find('\n').map_or(0, |i| i + 1);
    let saved = Saved {
        version: 1,
        corpus: vec![],
        bookmarks: vec![
            Bookmark::doc(&c, d, at, 1_735_000_000),
            Bookmark::entity(&c, c.entity_by_id("trainium").expect("trainium"), 1_735_100_000),
            Bookmark {
                spot: Spot::Doc { id: "gone-0000".into(), offset: 10 },
                label: "A document since deleted".into(),
                line: "Its line".into(),
                made: 1_735_200_000,
            },
        ],
        marks: vec![],
    };
    for (w, ht) in [(120, 40), (80, 24)] {
        let data = tempfile::tempdir().expect("tmp");
        let file = data.path().join("bookmarks").join("corpus.json");
        std::fs::create_dir_all(file.parent().expect("dir")).expect("mkdir");
        std::fs::write(&file, serde_json::to_string(&saved).expect("json")).expect("write");
        let mut h = Harness::with(Arc::clone(&c), w, ht);
        keep_bookmarks_in(&mut h, data.path());
        h.key(KeyCode::Char('B'));
        snapshot(&format!("bookmarks_{w}x{ht}"), &h);
    }
}

/// Tab in rendered Markdown passes over mentions the text does not show (inside an HTML block
/// or a badge's address) and lands on one that is drawn.
#[test]
fn tab_passes_over_mentions_the_rendered_text_hides() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(
        dir.path().join("notes.md"),
        "# Notes\n\n<div>Andy Jassy in an HTML block</div>\n\n[![build](https://ci.example/Andy-Jassy.svg)](https://ci.example)\n\nThe memo from Andy Jassy went out.\n",
    )
    .expect("write");
    let opts = LoadOptions { corpus: vec![dir.path().to_path_buf()], ..LoadOptions::default() };
    let mut h = Harness::with(Arc::new(Corpus::load(&opts, &|_| {})), 120, 40);
    h.key(KeyCode::Enter).key(KeyCode::Tab);
    let View::Doc(r) = h.app.view().clone() else { panic!("reader: {}", h.screen()) };
    let body = &h.app.corpus.docs[r.doc].body;
    let link = r.link.expect("a link focused");
    let m = &h.app.corpus.doc_mentions(r.doc)[link];
    assert!(body[..m.span().start].ends_with("The memo from "), "focused a hidden mention at {:?}", m.span());
}

/// Two facts read from one sentence share its quote; each is still selected and rejected on
/// its own.
#[test]
fn facts_of_one_sentence_are_curated_one_at_a_time() {
    let (mut h, _catalog, _dirs) = curating(
        "Crew news\n\nNASA astronauts Bob Behnken and Doug Hurley flew to the station on Saturday.\n",
        "# mine\n",
    );
    let members = |h: &Harness| {
        let c = &h.app.corpus;
        let mut m: Vec<String> =
            c.facts.iter().filter(|f| f.predicate == "part_of").map(|f| c.entities[f.subject].name.clone()).collect();
        m.sort();
        m
    };
    assert_eq!(members(&h), ["Bob Behnken", "Doug Hurley"]);
    h.ctrl('p').typed("^nasa$").key(KeyCode::Enter);
    h.key(KeyCode::Char('j')).key(KeyCode::Char('x'));
    assert!(h.screen().contains("rejected the fact \"Doug Hurley part of NASA\""), "{}", h.screen());
    assert_eq!(members(&h), ["Bob Behnken"]);
}

/// `clipboard = false` in the config's `[defaults]` turns `y` off, and says so.
#[test]
fn the_config_turns_copying_off() {
    let mut h = Harness::new(120, 40);
    h.app.configure(&config("[defaults]\nclipboard = false\n"), None);
    h.key(KeyCode::Char('y'));
    assert!(h.screen().contains("not copied: copying to the clipboard is off"), "{}", h.screen());
    h.app.configure(&config(""), None);
    h.key(KeyCode::Char('y'));
    assert!(h.screen().contains("copied the id to the clipboard"), "{}", h.screen());
}

/// An explorer on a folder holding `text` (as `a.txt`) that edits its own catalog file, which
/// starts as `catalog_text`: the harness, the catalog's path, and the folders (kept alive).
fn curating(text: &str, catalog_text: &str) -> (Harness, std::path::PathBuf, [tempfile::TempDir; 2]) {
    use dossier::corpus::CatalogChoice;
    let corpus_dir = tempfile::tempdir().expect("tmp");
    let own = tempfile::tempdir().expect("tmp");
    std::fs::write(corpus_dir.path().join("a.txt"), text).expect("write");
    let catalog = own.path().join("mine.toml");
    std::fs::write(&catalog, catalog_text).expect("write");
    let load = LoadOptions {
        corpus: vec![corpus_dir.path().to_path_buf()],
        catalog: CatalogChoice::File(catalog.clone()),
        ..LoadOptions::default()
    };
    let mut h = Harness::with(Arc::new(Corpus::load(&load, &|_| {})), 120, 40);
    h.app.curator = Some(dossier::tui::app::Curator::new(load));
    (h, catalog, [corpus_dir, own])
}

/// The help's own keys are in the config too (`[keys.help_overlay]`): rebound, `n` scrolls it
/// and `j`, no longer its key, closes it.
#[test]
fn the_help_scrolls_with_the_users_keys() {
    let mut h = Harness::new(80, 24);
    h.app.configure(&config("[keys.help_overlay]\ndown = [\"n\"]\n"), None);
    h.key(KeyCode::Char('?'));
    assert!(h.screen().contains("Help 1/"), "{}", h.screen());
    h.key(KeyCode::Char('n'));
    assert!(h.screen().contains("Help 2/"), "{}", h.screen());
    assert!(h.screen().contains("n/k/PgDn/PgUp scroll"), "{}", h.screen());
    h.key(KeyCode::Char('j'));
    assert!(!h.screen().contains("Help 2/"), "{}", h.screen());
}

#[test]
fn regression_a_refreshed_model_with_a_file_gone_keeps_the_reader_on_its_document() {
    // A cached model is shown, then replaced by one brought up to date with the files; with a
    // file deleted the documents are numbered anew, and the reader kept the old number (an
    // index out of bounds on the next frame, or another document's text).
    let dir = tempfile::tempdir().expect("temp");
    let load = LoadOptions { corpus: vec![dir.path().to_path_buf()], discover: false, ..LoadOptions::default() };
    for (name, text) in [("a.md", "Alpha text."), ("b.md", "Bravo text."), ("c.md", "Charlie NEEDLE text.")] {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let cached = Arc::new(Corpus::load(&load, &|_| {}));
    let mut h = Harness::with(Arc::clone(&cached), 100, 30);
    let c_old = cached.docs.iter().position(|d| d.path.ends_with("c.md")).expect("c.md");
    for _ in 0..c_old {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter).typed("/NEEDLE").key(KeyCode::Enter);
    std::fs::remove_file(dir.path().join("a.md")).expect("remove");
    let fresh = Arc::new(Corpus::load(&load, &|_| {}));
    let entries = Arc::new(dossier::search::items::entries(&fresh));
    h.tx.send(Msg::Refreshed(Arc::clone(&fresh), entries)).expect("send");
    h.run();
    let View::Doc(r) = h.app.view().clone() else { panic!("still the reader:\n{}", h.screen()) };
    assert!(fresh.docs[r.doc].path.ends_with("c.md"), "the reader follows its file");
    assert_eq!(r.find.expect("the find is kept: same text").matches.len(), 1);
    assert!(h.screen().contains("Charlie NEEDLE"), "{}", h.screen());
}
