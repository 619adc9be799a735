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
    let all: Vec<&str> = body.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let lines: Vec<&str> = all.iter().copied().filter(|l| !boilerplate(l)).collect();
    // A text of furniture only ("Menu") is its own title.
    let lines = if lines.is_empty() { all } else { lines };
    let bar = |l: &str| l.matches(" | ").count() >= 2 || l.contains(" \u{b7} ");
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
    // A block of header fields ("Format: …", "Upstream-Name: tzdata", "Subject: …"): its
    // name or subject field, else the first line after the block.
    let mut first = first;
    let block: Vec<&str> = std::iter::once(first).chain(lines.clone().take_while(|l| field(l).is_some())).collect();
    // Two field lines at least: one ("Update: the market fell") is a title.
    if field(first).is_some() && block.len() >= 2 {
        if let Some(v) = block.iter().filter_map(|l| field(l)).find_map(|(k, v)| {
            ["title", "subject", "upstream-name", "name", "package"].contains(&k.to_lowercase().as_str()).then_some(v)
        }) {
            return Some(clean_markup(v)).filter(|v| !v.is_empty());
        }
        let skip = block.len() - 1;
        first = lines.nth(skip).unwrap_or(first);
    }
    let first = first.trim_start_matches('\u{feff}');
    // A sentence wrapped by hand goes on in the next lines of its paragraph.
    let paragraph = wrapped_paragraph(body, first);
    let first = clean_markup(&paragraph);
    if first.is_empty() {
        return None;
    }
    if first.chars().count() <= SHORT_LINE && !paragraph.contains('\n') {
        return Some(first);
    }
    Some(cut(first_sentence(&first)))
}

/// A line of a web page's furniture or a caption file's numbering, never a title: "Skip to
/// main content", the US government banner, section labels over a listing ("Latest News",
/// "Press Releases"), "Displaying 1 - 20 of 4887", caption numbers and timings.
fn boilerplate(line: &str) -> bool {
    static FURNITURE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?ix)^(?:
                skip\ to\ (?:main\ )?(?:content|comments)\.? | search\ this\ blog | jump\ to\ (?:navigation|content|search)
                | an\ official\ website\ of\ the\ united\ states\ government.* | here'?’?s\ how\ you\ know
                | official\ websites\ use\ \.gov.* | a\ \.gov\ website\ belongs.* | secure\ \.gov\ websites.*
                | a\ lock\ \(.* | \)\ or\ https://.* | search\ form | search | menu | main\ menu | navigation | breadcrumbs?
                | you\ are\ here:?.* | share | print | email | other
                | latest\ news | news | news\ briefs | press\ releases? | press\ announcements
                | statements?\ (?:&|and)\ remarks | speeches\ (?:&|and)\ remarks | news\ releases?
                | this\ is\ historical\ material.* | there\ are\ no\ reviewed\ versions\ of\ this\ page.*
                | from\ wiki(?:pedia|news),\ the\ free\ .* | image\ removed\.? | listen\ to\ this\ (?:brief|story|article)
                | (?:image|photo|photograph|credit):\ .{1,80} | notice:\ due\ to\ a\ lapse\ in\ .*
                | back\ to\ top | back\ to\ .{1,40} | return\ to\ .{1,60} | this\ is\ a\ rush\ transcript.* | u\.s\.\ flag | you\ are\ viewing\ archived\ content.* | filter\ .{1,40}\ by\ year:?
                | displaying\ \d+\ -\ \d+\ of\ \d+ | \d+ | [\d:,.]+\ -->\ [\d:,.]+
                | (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\ )?
                  (?:january|february|march|april|may|june|july|august|september|october|november|december)
                  \ \d{1,2},?\ \d{4}
            )$",
        )
        .expect("a valid pattern")
    });
    FURNITURE.is_match(line)
}

/// A header field line, "Key: value" (a one-word key of letters and hyphens, a value).
fn field(line: &str) -> Option<(&str, &str)> {
    let (k, v) = line.split_once(": ")?;
    let key = !k.is_empty() && k.len() <= 30 && k.chars().all(|c| c.is_ascii_alphabetic() || c == '-');
    (key && !v.trim().is_empty() && k.starts_with(|c: char| c.is_ascii_uppercase())).then(|| (k, v.trim()))
}

/// `first` and, when it is a sentence wrapped by hand (it ends without a full stop, and it
/// is filled to a width or the next line of its paragraph starts in lower case), the lines
/// that go on with it, up to 400 bytes.
fn wrapped_paragraph(body: &str, first: &str) -> String {
    let Some(at) = body.find(first) else { return first.to_string() };
    let mut out = first.to_string();
    // A line that stops mid-sentence (on a lower-case word or a comma) goes on; a headline
    // ("… Windows: Vista") does not.
    let last = first.split_whitespace().last().unwrap_or("");
    let mid_sentence = last.ends_with(',') || last.starts_with(|c: char| c.is_lowercase());
    for line in body[at + first.len()..].lines().skip(1) {
        let l = line.trim();
        let ends = out.ends_with(['.', '!', '?', ':']);
        let goes_on = l.starts_with(|c: char| c.is_lowercase()) || (mid_sentence && first.chars().count() >= 40);
        // A source line ("justice.gov ^ | August 4, 2020") does not go on with a sentence.
        if l.is_empty() || ends || !goes_on || boilerplate(l) || l.contains(" | ") || out.len() > 400 {
            break;
        }
        out.push('\n');
        out.push_str(l);
    }
    out
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

/// The text up to the first sentence end (`.`, `!`, `?` followed by a space or the end), not
/// after an initial or a title ("MS. PSAKI", "Laura K. Whitfield", "Dr. Lee", "U.S.").
fn first_sentence(line: &str) -> &str {
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace) && i > 0 {
            if b == b'.' && crate::text::sentence::is_abbreviation(&line[..i]) {
                continue;
            }
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
    fn header_fields_and_wrapped_sentences() {
        let dep5 = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: tzdata\nSource: https://www.iana.org/time-zones\n\nFiles: *\n";
        assert_eq!(extract(dep5).as_deref(), Some("tzdata"));
        let headers = "Format: https://example.org/1.0/\nSource: x\n\nThis package holds the tools.\n";
        assert_eq!(extract(headers).as_deref(), Some("This package holds the tools."));
        let wrapped =
            "This is the Debian GNU/Linux prepackaged version of the GNU assembler,\nlinker, and binary utilities.\n";
        assert_eq!(
            extract(wrapped).as_deref(),
            Some("This is the Debian GNU/Linux prepackaged version of the GNU assembler, linker…")
        );
        // One line shaped like a field is a title.
        assert_eq!(extract("Update: the market fell\n\nText.\n").as_deref(), Some("Update: the market fell"));
    }

    #[test]
    fn web_furniture_and_caption_numbers_are_not_titles() {
        let page = "Skip to main content\n\nAn official website of the United States government\nHere's how you know\n\nLatest News\n\nTreasury Statement Following IMF Article IV Consultation\n\nWASHINGTON — Text.";
        assert_eq!(extract(page).as_deref(), Some("Treasury Statement Following IMF Article IV Consultation"));
        let srt = "1\n00:00:00,467 --> 00:00:01,567\nWelcome to another episode\n";
        assert_eq!(extract(srt).as_deref(), Some("Welcome to another episode"));
        assert_eq!(
            extract("Displaying 1 - 20 of 4887\nFTC Approves Final Order\n").as_deref(),
            Some("FTC Approves Final Order")
        );
        let dated = "Sunday, May 1, 2005\n\nOn April 30th the island of Niue held its eleventh general election.\n";
        assert_eq!(
            extract(dated).as_deref(),
            Some("On April 30th the island of Niue held its eleventh general election.")
        );
        let headline =
            "Microsoft announces name of new version of Windows: Vista\nThere are no reviewed versions of this page.\n";
        assert_eq!(extract(headline).as_deref(), Some("Microsoft announces name of new version of Windows: Vista"));
        let forum = "Free Republic\nBrowse \u{b7} Search\nGeneral/Chat\nTopics \u{b7} Post Article\n\nSkip to comments.\n\nFormer Uber Executive Sentenced\njustice.gov ^ | August 4, 2020\n";
        assert_eq!(extract(forum).as_deref(), Some("Former Uber Executive Sentenced"));
        assert_eq!(extract("Search This Blog\n\nSEC Charges Two CEOs\n").as_deref(), Some("SEC Charges Two CEOs"));
        let cnn = "Return to Transcripts main page\n\nAmerican Morning\n\nIraq on Eve of Democracy\n";
        assert_eq!(extract(cnn).as_deref(), Some("American Morning"));
        let speaker =
            format!("MS. PSAKI:  Hi, everyone.  Okay.  {}", "We have another member joining us today. ".repeat(4));
        assert_eq!(extract(&speaker).as_deref(), Some("MS. PSAKI: Hi, everyone"));
    }

    #[test]
    fn blank_text_has_no_title() {
        assert_eq!(extract(" \n\t\n"), None);
    }
}
