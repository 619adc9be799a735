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
        // Two short lines are a title and a date or byline; three or more are a menu.
        let third_short = lines.get(start + 2).is_some_and(|n| short(n) || bar(n));
        let in_menu = bar(l) || (short(l) && ((next_short && third_short) || start > 0));
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
    if let Some(h) = markdown_heading(body) {
        return Some(h);
    }
    let first = first.trim_start_matches('\u{feff}');
    let first = clean_markup(first);
    if first.is_empty() {
        return None;
    }
    if first.chars().count() <= SHORT_LINE {
        return Some(first);
    }
    Some(cut(first_sentence(&first)))
}

/// The first Markdown heading, outside code fences: `# Title` at the start of a line (a space
/// after the hashes: "#1025623" is not a heading), or a line underlined with `===` or `---`
/// (setext), whichever comes first; its markup removed (badges, links, emphasis, entities).
fn markdown_heading(body: &str) -> Option<String> {
    let mut fence = false;
    let mut prev: Option<&str> = None;
    for line in body.lines() {
        let t = line.trim_end();
        if t.trim_start().starts_with("```") || t.trim_start().starts_with("~~~") {
            fence = !fence;
            prev = None;
            continue;
        }
        if fence {
            continue;
        }
        // Setext: a text line, then a line of `=` or `-` only.
        let underline = !t.is_empty() && (t.chars().all(|c| c == '=') || (t.len() >= 3 && t.chars().all(|c| c == '-')));
        if let (true, Some(p)) = (underline, prev) {
            let h = clean_markup(p);
            if !h.is_empty() {
                return Some(h);
            }
        }
        // An HTML heading on one line: `<h1>bit-set</h1>`.
        if let Some(c) = HTML_HEADING.captures(t) {
            let h = clean_markup(&c[1]);
            if !h.is_empty() {
                return Some(h);
            }
        }
        // ATX: at the start of the line (up to three spaces), hashes, then a space.
        let indent = t.len() - t.trim_start_matches(' ').len();
        let rest = t.trim_start_matches(' ');
        if indent <= 3 && rest.starts_with('#') {
            let hashes = rest.len() - rest.trim_start_matches('#').len();
            let after = &rest[hashes..];
            if hashes <= 6 && (after.is_empty() || after.starts_with(' ')) {
                let h = clean_markup(after.trim().trim_end_matches('#').trim());
                if !h.is_empty() {
                    return Some(h);
                }
            }
        }
        prev = (!t.trim().is_empty()).then_some(t);
    }
    None
}

static HTML_HEADING: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"(?i)<h[1-6][^>]*>(.*?)</h[1-6]>").expect("a valid pattern"));

/// Markup removed from a title: images and badges dropped, links as their text, HTML
/// entities and tags, emphasis and code marks; spaces collapsed.
fn clean_markup(s: &str) -> String {
    static IMAGE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        // A badge (a linked image) or an image, inline or by reference.
        let image = r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])?";
        regex::Regex::new(&format!(r"\[{image}\](?:\([^)]*\)|\[[^\]]*\])|{image}")).expect("a valid pattern")
    });
    static LINK: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\[([^\]]*)\](\([^)]*\)|\[[^\]]*\])").expect("a valid pattern"));
    static ESCAPE: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\\([\\`*_{}\[\]()#+\-.!|])").expect("a valid pattern"));
    static HTML: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"<[^>]{1,200}>|&[a-zA-Z]{2,8};|&#[0-9]{1,6};").expect("a valid pattern")
    });
    let s = IMAGE.replace_all(s, "");
    let s = LINK.replace_all(&s, "$1");
    // A shortcut reference link ("[RustCrypto]: Block Buffer") and backslash escapes.
    let s = s.replace(['[', ']'], "");
    let s = ESCAPE.replace_all(&s, "$1");
    let s = HTML.replace_all(&s, " ");
    let s: String = s.chars().filter(|c| !matches!(c, '`' | '*')).collect();
    let s = s.trim();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
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
    fn setext_headings_count_and_come_before_later_atx_ones() {
        assert_eq!(extract("Serde\n=====\n\nText.\n\n### Usage\n").as_deref(), Some("Serde"));
        assert_eq!(extract("My Tool\n-------\n\nText.\n").as_deref(), Some("My Tool"));
    }

    #[test]
    fn an_indented_or_unspaced_hash_is_not_a_heading() {
        let log = "foo (1.2-3) unstable; urgency=low\n\n  * Fix crash. Closes: #1025623 and let us know\n";
        assert_eq!(extract(log).as_deref(), Some("foo (1.2-3) unstable; urgency=low"));
        assert_eq!(extract("Changes\n\n    # not a heading\n").as_deref(), Some("Changes"));
    }

    #[test]
    fn badges_links_and_entities_leave_titles() {
        let t = extract("# Serde &emsp; [![Build Status]][actions] [![Latest Version]][crates.io]\n\n[actions]: x\n");
        assert_eq!(t.as_deref(), Some("Serde"));
        let t = extract("# [ripgrep](https://x) `rg` *fast* [![CI](https://b.svg)](https://c)\n");
        assert_eq!(t.as_deref(), Some("ripgrep rg fast"));
    }

    #[test]
    fn html_headings_shortcut_links_and_escapes() {
        assert_eq!(extract("<div>\n  <h1><code>bit-set</code></h1>\n</div>\n").as_deref(), Some("bit-set"));
        assert_eq!(extract("# [RustCrypto]: Block Buffer\n").as_deref(), Some("RustCrypto: Block Buffer"));
        assert_eq!(extract("# Anyhow \\_(ツ)\\_\n").as_deref(), Some("Anyhow _(ツ)_"));
    }

    #[test]
    fn headings_in_code_fences_do_not_count() {
        assert_eq!(extract("Intro line\n\n```\n# comment\n```\n").as_deref(), Some("Intro line"));
    }

    #[test]
    fn a_short_title_over_a_date_or_byline_is_not_a_menu() {
        assert_eq!(extract("Meeting notes\n2024-05-01\n\nWe discussed the roadmap.").as_deref(), Some("Meeting notes"));
        assert_eq!(extract("Quarterly report\nBy Jane Doe\n\nText follows here.").as_deref(), Some("Quarterly report"));
    }

    #[test]
    fn blank_text_has_no_title() {
        assert_eq!(extract(" \n\t\n"), None);
    }
}
