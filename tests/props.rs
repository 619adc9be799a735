//! Property tests: arbitrary bytes and text never make the parsers, the linker, the query
//! parser or the wrapper panic, and what they return stays inside the input.

use std::path::Path;
use std::sync::LazyLock;

use dossier::analysis::timeline;
use dossier::corpus::{Corpus, LoadOptions};
use dossier::ingest::{frontmatter, source, title};
use dossier::recognize::link::Linker;
use dossier::search::items;
use dossier::search::matcher::Matcher;
use dossier::search::query::Query;
use dossier::tui;
use proptest::prelude::*;

static BUNDLED: LazyLock<Corpus> = LazyLock::new(|| Corpus::load(&LoadOptions::default(), &|_| {}));

/// Text with the characters that break things: controls, quotes, dashes, wide and combining.
fn nasty() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            any::<char>(),
            prop::sample::select(vec![
                '-', '\n', '\r', ':', '[', '{', '&', '*', '#', ' ', '\u{1b}', '\u{0}', 'é', '日', '\u{301}', 'A', 'a',
                '.'
            ]),
            Just('N'),
        ],
        0..200,
    )
    .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_parse_as_a_document_or_are_refused(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let mut problems = Vec::new();
        if let Ok(d) = source::parse(Path::new("x.md"), &bytes, &mut problems) {
            prop_assert!(!d.title.contains('\n'));
        }
    }

    #[test]
    fn front_matter_split_returns_a_suffix(text in nasty()) {
        let with = ["---\n", text.as_str()].concat();
        let s = frontmatter::split(&with);
        prop_assert!(with.ends_with(s.body));
        let t = frontmatter::split(&text);
        prop_assert!(text.ends_with(t.body));
    }

    #[test]
    fn titles_are_one_line(text in nasty()) {
        // Titles are shown on one terminal line: no newline, carriage return, escape or NUL.
        if let Some(t) = title::extract(&text) {
            prop_assert!(!t.chars().any(char::is_control), "{t:?}");
        }
    }

    #[test]
    fn linking_gives_spans_on_char_boundaries(text in nasty()) {
        let c = &*BUNDLED;
        let linker = Linker::new(&c.entities);
        for m in linker.link(0, &text) {
            prop_assert!(m.span().end <= text.len() && text.is_char_boundary(m.span().start) && text.is_char_boundary(m.span().end));
            prop_assert!(m.span().start < m.span().end);
        }
    }

    #[test]
    fn any_query_parses_and_searches(q in nasty()) {
        let entries = items::entries(&BUNDLED);
        let query = Query::parse(&q);
        let m = Matcher::default();
        for h in items::search(&m, &query, &entries, None).iter().take(5) {
            let _ = items::positions(&m, &query, &entries[h.entry]);
        }
    }

    #[test]
    fn wrapping_covers_the_text_in_order(text in nasty(), width in 0usize..50) {
        let lines = tui::reader::wrap(&text, width);
        let mut last = 0;
        for l in &lines {
            prop_assert!(l.start >= last && l.end <= text.len() && l.start <= l.end);
            prop_assert!(text.is_char_boundary(l.start) && text.is_char_boundary(l.end));
            last = l.end;
        }
    }

    #[test]
    fn date_extraction_and_snippets_stay_in_bounds(text in nasty(), a in 0usize..300, b in 0usize..300, w in 0usize..100) {
        for (span, _) in timeline::extract_dates(&text, None) {
            prop_assert!(span.end <= text.len());
        }
        let (a, b) = (text.floor_char_boundary(a.min(b)), text.floor_char_boundary(a.max(b)));
        let _ = dossier::text::span::snippet(&text, &(a..b), w);
    }

    #[test]
    fn any_catalog_text_is_parsed_or_refused_with_a_position(text in nasty()) {
        if let Err(problems) = dossier::recognize::catalog::Catalog::parse(Path::new("c.toml"), &text) {
            prop_assert!(!problems.is_empty());
            // Every refusal points into the text: a line that exists, a column on it.
            let lines: Vec<&str> = text.split('\n').collect();
            for p in &problems {
                let (line, col) = p.line_col.expect("a position");
                prop_assert!(line >= 1 && line <= lines.len(), "line {line} of {}", lines.len());
                prop_assert!(col >= 1 && col <= lines[line - 1].chars().count() + 1, "col {col} on {:?}", lines[line - 1]);
            }
        }
    }
}
