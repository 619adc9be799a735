//! Folding text for matching: accents off one character for one, lowercase one for one, and
//! a bit mask of the ASCII letters and digits a text contains.

/// A character without its accent, keeping one character for one (`ö` → `o`, `ß` stays).
#[must_use]
pub fn fold(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    let s = deunicode::deunicode_char(c).unwrap_or("");
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(f), None) if f.is_ascii_alphanumeric() => f,
        _ => c,
    }
}

/// A character's lowercase form, one character for one.
#[must_use]
pub fn lower1(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// A bit per ASCII letter and digit a text contains (case folded): the cheap prefilter that
/// runs before the fuzzy matcher. A term whose bits are not all in the text cannot match it.
#[must_use]
pub fn char_mask(s: &str) -> u64 {
    s.bytes().fold(0, |m, b| match b.to_ascii_lowercase() {
        c @ b'a'..=b'z' => m | 1 << (c - b'a'),
        c @ b'0'..=b'9' => m | 1 << (26 + c - b'0'),
        _ => m,
    })
}
