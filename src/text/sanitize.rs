//! Keeps document text from reaching the terminal as control sequences.
//!
//! Every control character a document may contain (C0 except newline and tab, DEL, C1, and the
//! bidirectional overrides) is replaced by a visible placeholder of the same display width: C0
//! controls by their Unicode control pictures (ESC shows as `␛`), DEL as `␡`, C1 controls and
//! bidi overrides as `¤`. One character always maps to one character, so column counts stay true.

use std::borrow::Cow;

/// The placeholder for one character, or `None` when it is safe to print.
#[must_use]
pub fn placeholder(c: char) -> Option<char> {
    match c {
        '\n' | '\t' => None,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('␡'),
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some('¤'),
        _ => None,
    }
}

/// Whether a character needs a placeholder.
#[must_use]
pub fn is_unsafe(c: char) -> bool {
    placeholder(c).is_some()
}

/// The text with every control character replaced by a visible placeholder.
#[must_use]
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| placeholder(c).unwrap_or(c)).collect())
}

/// Like [`visible`], and tabs and newlines become spaces: for one-line cells in the explorer.
#[must_use]
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' | '\t' | '\r' => ' ',
            c => placeholder(c).unwrap_or(c),
        })
        .collect()
}

/// Every control character, newline and tab included, as its placeholder: for ids made from
/// file names, so that an id prints on one line and can be typed back.
#[must_use]
pub fn id_safe(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' => '␊',
            '\t' => '␉',
            c => placeholder(c).unwrap_or(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        let s = "a\u{1b}[2Jb\u{1b}]0;title\u{7}c\u{9b}31m";
        let v = visible(s);
        assert_eq!(v, "a␛[2Jb␛]0;title␇c¤31m");
        assert!(!v.chars().any(char::is_control), "{v:?}");
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(visible("Peter DeSantis\n\tsaid"), Cow::Borrowed(_)));
    }

    #[test]
    fn one_line_flattens_whitespace() {
        assert_eq!(one_line("a\tb\nc\0"), "a b c␀");
    }
}
