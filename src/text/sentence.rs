//! Sentences: where a text's sentences end, and the abbreviations after which a full stop
//! ends none.

use std::ops::Range;

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "corp", "co", "ltd", "no", "gen", "sen", "rep", "gov", "lt",
    "col", "capt", "sgt", "prof", "rev", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "fig", "mt", "ft", "approx", "dept", "est", "pres",
];

/// Sentences of a text, as trimmed byte ranges: ended by `.`, `!` or `?` before a space and
/// a capital (not after an abbreviation or an initial), by a blank line, or by a line break
/// after a short line (a heading, a list item, a speaker label).
#[must_use]
pub fn sentences(body: &str) -> Vec<Range<usize>> {
    let bytes = body.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut line_start = 0;
    let push = |out: &mut Vec<Range<usize>>, lo: usize, hi: usize| {
        let s = &body[lo..hi];
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lo + lead < hi - trail {
            out.push(lo + lead..hi - trail);
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                let line = body[line_start..i].trim();
                let next = body[i + 1..].lines().next().map_or("", str::trim);
                let item = next.starts_with(['-', '*', '\u{2022}', '#', '>', '|'])
                    || next
                        .split_once(['.', ')'])
                        .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
                if line.len() < 60 || next.is_empty() || item || line.ends_with(['.', '!', '?', ':']) {
                    push(&mut out, start, i);
                    start = i + 1;
                }
                line_start = i + 1;
            }
            b'.' | b'!' | b'?' => {
                let after = &bytes[i + 1..];
                let closes = after.iter().take_while(|&&c| c == b'"' || c == b'\'' || c == b')').count();
                let rest = &after[closes..];
                let spaced = rest.first().is_some_and(|&c| c == b' ' || c == b'\t');
                let next = rest.iter().find(|c| !c.is_ascii_whitespace());
                let capital =
                    next.is_none_or(|&c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'"' || c >= 0x80);
                if spaced && capital && !(bytes[i] == b'.' && is_abbreviation(&body[line_start.max(start)..i])) {
                    push(&mut out, start, i + 1 + closes);
                    start = i + 1 + closes;
                }
            }
            _ => {}
        }
        i += 1;
    }
    push(&mut out, start, body.len());
    out
}

/// Whether a full stop after the last word of `before` does not end a sentence: after an
/// initial ("Laura K."), a dotted abbreviation ("U.S.", "p.m."), or a title or short form
/// ("Mr.", "MS. PSAKI", "Inc.", "Jan."). Used for sentences here and for titles.
#[must_use]
pub fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    let w = word.trim_start_matches(['"', '\'']);
    let initial = w.chars().count() == 1 && w.chars().all(char::is_uppercase);
    let dotted = w.contains('.') && w.chars().all(|c| c.is_alphabetic() || c == '.');
    initial || dotted || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_stops_not_at_initials_or_titles() {
        let text = "Laura K. Whitfield met Mr. Lee at 3 p.m. today. Then she left!\nHeading\nBody text here.";
        let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            got,
            ["Laura K. Whitfield met Mr. Lee at 3 p.m. today.", "Then she left!", "Heading", "Body text here."]
        );
        let wrapped = "A paragraph that was wrapped by hand at a width near seventy\ncharacters goes on here.\n- a list item\n2. another";
        let got: Vec<&str> = sentences(wrapped).into_iter().map(|r| &wrapped[r]).collect();
        assert_eq!(
            got,
            [
                "A paragraph that was wrapped by hand at a width near seventy\ncharacters goes on here.",
                "- a list item",
                "2. another"
            ]
        );
    }

    #[test]
    fn abbreviations_initials_and_dotted_forms_end_no_sentence() {
        for w in ["Mr", "MS", "K", "U.S", "p.m", "Inc", "said Dr"] {
            assert!(is_abbreviation(w), "{w}");
        }
        for w in ["IBM", "deal", "$7.5B", "2024"] {
            assert!(!is_abbreviation(w), "{w}");
        }
    }
}
