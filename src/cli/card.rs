//! `dossier show`: the card of an entity or a document ([`crate::analysis::card`]) as text or
//! JSON; and the excerpt of a matching line that `grep` prints.

use std::fmt::Write as _;
use std::ops::Range;

use crate::analysis::card;
use crate::corpus::Corpus;
use crate::model::Item;

/// A line cut to about `width` characters around `m`, made safe for the terminal; the match
/// in bold red when `color`.
#[must_use]
pub fn excerpt(line: &str, m: Range<usize>, width: usize, color: bool) -> String {
    let start = if m.start > width / 2 { line.floor_char_boundary(m.start - width / 2) } else { 0 };
    let end = line.ceil_char_boundary((m.end + width / 2).min(line.len()).max(m.end));
    let safe = crate::text::sanitize::visible;
    let mut s = String::new();
    if start > 0 {
        s.push('…');
    }
    s.push_str(&safe(&line[start..m.start]));
    if color {
        let _ = write!(s, "\x1b[1;31m{}\x1b[0m", safe(&line[m.clone()]));
    } else {
        s.push_str(&safe(&line[m.clone()]));
    }
    s.push_str(&safe(&line[m.end..end]));
    if end < line.len() {
        s.push('…');
    }
    s
}

/// How wide a card's snippets are on the command line.
const SNIPPET_WIDTH: usize = 90;

/// The card as text: the card's rows, then a document's text.
#[must_use]
pub fn text(c: &Corpus, item: Item, raw: bool) -> String {
    let mut s = String::new();
    for row in card::rows(c, item, SNIPPET_WIDTH) {
        let _ = writeln!(s, "{}", row.plain().trim_end());
    }
    if let Item::Doc(d) = item {
        let body = c.docs[d].body.trim_end();
        let body = if raw { body.into() } else { crate::text::sanitize::visible(body) };
        let _ = writeln!(s, "\n{body}");
    }
    s
}

/// The card as one JSON object.
#[must_use]
pub fn json(c: &Corpus, item: Item) -> serde_json::Value {
    card::json(c, item, SNIPPET_WIDTH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_safe_and_cut_around_the_match() {
        let line = format!("{}\u{1b}[2JNEEDLE{}", "a".repeat(300), "b".repeat(300));
        let at = line.find("NEEDLE").expect("there");
        let e = excerpt(&line, at..at + 6, 40, false);
        assert!(e.starts_with('…') && e.ends_with('…') && e.contains("␛[2JNEEDLE"), "{e}");
        assert!(!e.contains('\u{1b}'));
    }
}
