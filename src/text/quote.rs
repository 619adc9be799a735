//! Finding a quote in a document loosely: runs of whitespace and the kinds of quote mark and
//! dash compare equal, so a catalog can be written with plain ASCII.

use std::ops::Range;

/// The character a quote is compared by.
fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{2032}' | '`' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// Folded characters with the byte offset each came from; whitespace runs collapse to one.
fn folded(s: &str) -> Vec<(usize, char)> {
    let mut out: Vec<(usize, char)> = Vec::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        let f = fold(c);
        if f == ' ' && out.last().is_some_and(|&(_, p)| p == ' ') {
            continue;
        }
        out.push((i, f));
    }
    out
}

/// The byte span of `quote` in `text`, compared loosely; `None` when it is not there.
#[must_use]
pub fn find(text: &str, quote: &str) -> Option<Range<usize>> {
    let q: Vec<char> = folded(quote.trim()).into_iter().map(|(_, c)| c).collect();
    if q.is_empty() {
        return None;
    }
    let t = folded(text);
    let hit = t.windows(q.len()).position(|w| w.iter().map(|&(_, c)| c).eq(q.iter().copied()))?;
    let start = t[hit].0;
    let (last_at, _) = t[hit + q.len() - 1];
    let end = last_at + text[last_at..].chars().next().map_or(0, char::len_utf8);
    Some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_quotes_and_whitespace_compare_loosely() {
        let text = "Sheth has assumed some of Philomin\u{2019}s\n duties.";
        let span = find(text, "some of Philomin's duties").expect("found");
        assert_eq!(&text[span], "some of Philomin\u{2019}s\n duties");
    }

    #[test]
    fn a_missing_quote_is_none() {
        assert_eq!(find("abc", "abd"), None);
        assert_eq!(find("abc", "  "), None);
    }
}
