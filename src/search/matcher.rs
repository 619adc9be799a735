//! The one place the fuzzy matcher (fuzzy-matcher's skim algorithm) is used, so it can be
//! replaced here alone. Matches a [`Term`] against a text, with accent folding and smart case,
//! returning a score and the matched character positions.

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;

use crate::search::query::{Term, TermKind};
use crate::text::fold::{char_mask, fold, lower1};

/// A text prepared for matching: accent-folded, and a lowercased copy with the same number of
/// characters (so a character index means the same in both).
#[derive(Debug, Clone)]
pub struct Prepared {
    folded: String,
    lower: String,
    chars: usize,
    mask: u64,
}

impl Prepared {
    /// Prepares a text. ASCII text, the common case, takes one pass and two allocations.
    #[must_use]
    pub fn new(text: &str) -> Self {
        let (folded, lower) = if text.is_ascii() {
            (text.to_string(), text.to_ascii_lowercase())
        } else {
            let folded: String = text.chars().map(fold).collect();
            let lower = folded.chars().map(lower1).collect();
            (folded, lower)
        };
        Self { mask: char_mask(&folded), chars: folded.chars().count(), folded, lower }
    }

    /// Length in characters.
    #[must_use]
    pub fn len(&self) -> usize {
        self.chars
    }

    /// Whether it is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.chars == 0
    }
}

/// Whether the characters of `needle` occur in `hay` in order.
fn in_order(needle: &str, hay: &str) -> bool {
    if needle.is_ascii() && hay.is_ascii() {
        let mut h = hay.bytes();
        return needle.bytes().all(|c| h.any(|x| x == c));
    }
    let mut h = hay.chars();
    needle.chars().all(|c| h.any(|x| x == c))
}

/// The matcher, built once and shared.
pub struct Matcher {
    sensitive: SkimMatcherV2,
    insensitive: SkimMatcherV2,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Matcher")
    }
}

impl Default for Matcher {
    fn default() -> Self {
        Self { sensitive: SkimMatcherV2::default().respect_case(), insensitive: SkimMatcherV2::default().ignore_case() }
    }
}

/// Score given per character of an exact, prefix, suffix or whole match.
const EXACT_PER_CHAR: i64 = 16;

impl Matcher {
    /// Whether `term` matches `text` (ignoring negation), with its score and, when `positions`
    /// is asked for, the matched character indices.
    #[must_use]
    pub fn score(&self, term: &Term, text: &Prepared, positions: bool) -> Option<(i64, Vec<usize>)> {
        if term.mask & !text.mask != 0 {
            return None;
        }
        if term.kind == TermKind::Fuzzy {
            // The characters must appear in order before the scorer is worth running.
            let hay = if term.case_sensitive { &text.folded } else { &text.lower };
            if !in_order(&term.text, hay) {
                return None;
            }
            let m = if term.case_sensitive { &self.sensitive } else { &self.insensitive };
            return if positions {
                m.fuzzy_indices(&text.folded, &term.text)
            } else {
                m.fuzzy_match(&text.folded, &term.text).map(|s| (s, Vec::new()))
            };
        }
        let hay = if term.case_sensitive { &text.folded } else { &text.lower };
        let needle = term.text.as_str();
        let at = match term.kind {
            TermKind::Prefix => hay.starts_with(needle).then_some(0)?,
            TermKind::Suffix => hay.ends_with(needle).then(|| hay.len() - needle.len())?,
            TermKind::Equal => (hay == needle).then_some(0)?,
            _ => hay.find(needle)?,
        };
        let start = hay[..at].chars().count();
        let n = needle.chars().count();
        let boundary = hay[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let score = EXACT_PER_CHAR * n as i64 + if boundary { 8 } else { 0 };
        Some((score, if positions { (start..start + n).collect() } else { Vec::new() }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(q: &str, text: &str) -> Option<Vec<usize>> {
        let term = Term::parse(q).expect("a term");
        Matcher::default().score(&term, &Prepared::new(text), true).map(|(_, p)| p)
    }

    #[test]
    fn the_prefilter_rejects_only_impossible_matches() {
        assert_eq!(char_mask("Ab1"), char_mask("ba1"));
        assert!(hit("xq", "Peter DeSantis").is_none());
        assert!(hit("DESANTIS", "Peter DeSantis").is_none(), "smart case still applies after the prefilter");
        assert!(hit("kölner", "Kolner").is_some(), "non-ASCII characters are not filtered on");
    }

    #[test]
    fn fuzzy_positions_are_character_indices() {
        assert_eq!(hit("pds", "Peter DeSantis"), Some(vec![0, 6, 8]));
        assert_eq!(hit("kolner", "Kölner Stadt"), Some(vec![0, 1, 2, 3, 4, 5]));
    }

    #[test]
    fn smart_case() {
        assert!(hit("desantis", "Peter DeSantis").is_some());
        assert!(hit("Desantis", "Peter DeSantis").is_none());
    }

    #[test]
    fn exact_prefix_suffix_equal() {
        assert_eq!(hit("'santis", "Peter DeSantis"), Some((8..14).collect()));
        assert!(hit("'pds", "Peter DeSantis").is_none());
        assert!(hit("^pet", "Peter DeSantis").is_some());
        assert!(hit("^des", "Peter DeSantis").is_none());
        assert!(hit("tis$", "Peter DeSantis").is_some());
        assert!(hit("^nova$", "Nova").is_some());
        assert!(hit("^nova$", "Nova 2").is_none());
        assert!(hit("longer$", "long").is_none(), "regression: a suffix longer than the text underflowed");
    }
}
