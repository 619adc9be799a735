//! A document's title when front matter and catalog give none.

/// The longest first line taken as a title as it is.
const SHORT_LINE: usize = 120;
/// Where a first sentence is cut (at a word boundary) when it is longer.
const CUT_AT: usize = 80;

/// The first markdown heading, else the first non-empty line when it is short, else the first
/// sentence cut at a word boundary with `…`. `None` for a text with no visible characters.
#[must_use]
pub fn extract(body: &str) -> Option<String> {
    // A title is shown on one terminal line: control characters (escapes, NULs, stray
    // carriage returns) are dropped.
    let t = extract_raw(body)?;
    let clean: String = t.chars().filter(|c| !c.is_control()).collect();
    let clean = clean.trim();
    (!clean.is_empty()).then(|| clean.to_string())
}

fn extract_raw(body: &str) -> Option<String> {
    // Navigation: a bar ("Home | World | Tech"), or a run of short lines ("Subscribe", "Log In").
    let lines: Vec<&str> = body.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let bar = |l: &str| l.matches(" | ").count() >= 2;
    let short = |l: &str| l.split_whitespace().nth(3).is_none();
    // A short line belongs to a menu when the next line is short too, or it ends one.
    let mut start = 0;
    while start < lines.len() {
        let l = lines[start];
        let next_short = lines.get(start + 1).is_some_and(|n| short(n) || bar(n));
        // Every line before `start` is in the menu already.
        let in_menu = bar(l) || (short(l) && (next_short || start > 0));
        if !in_menu {
            break;
        }
        start += 1;
    }
    if start == lines.len() {
        start = 0;
    }
    let mut lines = lines.into_iter().skip(start);
    let first = lines.next()?;
    if let Some(h) = body.lines().map(str::trim).find_map(|l| l.strip_prefix('#')) {
        let h = h.trim_start_matches('#').trim();
        if !h.is_empty() && !h.starts_with('!') {
            return Some(h.to_string());
        }
    }
    let first = first.trim_start_matches('\u{feff}');
    if first.chars().count() <= SHORT_LINE {
        return Some(first.to_string());
    }
    Some(cut(first_sentence(first)))
}

/// The text up to the first sentence end (`.`, `!`, `?` followed by a space or the end).
fn first_sentence(line: &str) -> &str {
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace) && i > 0 {
            return &line[..i];
        }
    }
    line
}

/// Cuts at the last word boundary before [`CUT_AT`] characters and adds `…`.
fn cut(s: &str) -> String {
    let s = s.trim_end_matches(['.', ' ']);
    if s.chars().count() <= CUT_AT {
        return s.to_string();
    }
    let end = s.char_indices().nth(CUT_AT).map_or(s.len(), |(i, _)| i);
    let head = &s[..end];
    let head = head.rfind(char::is_whitespace).map_or(head, |i| &head[..i]);
    format!("{}…", head.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_wins() {
        assert_eq!(extract("intro line\n\n# The Heading\ntext").as_deref(), Some("The Heading"));
    }

    #[test]
    fn a_short_first_line_is_the_title() {
        assert_eq!(
            extract("\n\nAmazon Loses Key AI Executive\n\nAWS\n").as_deref(),
            Some("Amazon Loses Key AI Executive")
        );
    }

    #[test]
    fn a_long_first_line_gives_its_first_sentence_cut_at_a_word() {
        let long = format!("{} Second sentence.", "word ".repeat(40).trim_end()) + ".";
        let t = extract(&long).expect("a title");
        assert!(t.ends_with('…'), "{t}");
        assert!(t.chars().count() <= CUT_AT + 1, "{t}");
        assert!(!t.contains("wor…"), "cut inside a word: {t}");
    }

    #[test]
    fn a_long_short_sentence_is_kept_whole() {
        let line = format!("This is the opening sentence. {}", "x ".repeat(80));
        assert_eq!(extract(&line).as_deref(), Some("This is the opening sentence"));
    }

    #[test]
    fn navigation_lines_are_skipped() {
        let body = "Home | World | Business | Tech\nSubscribe\nLog In\n\nRetailer posts record quarter\n\nText.";
        assert_eq!(extract(body).as_deref(), Some("Retailer posts record quarter"));
        assert_eq!(extract("Menu").as_deref(), Some("Menu"));
    }

    #[test]
    fn blank_text_has_no_title() {
        assert_eq!(extract(" \n\t\n"), None);
    }
}
