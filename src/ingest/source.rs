//! Reading documents: the bundled corpus, or files found by [`crate::ingest::walk`].

use std::path::Path;

use crate::ingest::frontmatter;
use crate::ingest::title;
use crate::ingest::walk;
use crate::model::{DocKind, Document, Problem, Severity};

/// The bundled corpus, embedded in the binary: (path shown to users, contents).
pub const BUNDLED: [(&str, &str); 5] = [
    ("seeds/000_81bc56f7dc5c9cfd.txt", include_str!("../../seeds/000_81bc56f7dc5c9cfd.txt")),
    ("seeds/001_8b8763c081a56482.txt", include_str!("../../seeds/001_8b8763c081a56482.txt")),
    ("seeds/002_ad6a4f82e83b5067.txt", include_str!("../../seeds/002_ad6a4f82e83b5067.txt")),
    ("seeds/003_7b2376aefd1bc5c9.txt", include_str!("../../seeds/003_7b2376aefd1bc5c9.txt")),
    ("seeds/004_1af29cc7fe403a5b.txt", include_str!("../../seeds/004_1af29cc7fe403a5b.txt")),
];

/// Reads a file and turns it into a document. `Err` when it is skipped (unreadable, binary,
/// empty); warnings about a document that still loads go to `problems`.
pub fn read(path: &Path, problems: &mut Vec<Problem>) -> Result<Document, Problem> {
    use std::io::Read as _;
    let unreadable = |e: std::io::Error| Problem::new(Severity::Warning, path, format!("unreadable: {e}"));
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let len = file.metadata().map_err(unreadable)?.len();
    // Mentions store 32-bit offsets.
    if len > u64::from(u32::MAX) {
        return Err(Problem::new(Severity::Warning, path, "larger than 4 GiB, skipped"));
    }
    // Binary is decided from the first block, before the rest is read.
    let mut bytes = Vec::with_capacity(walk::SNIFF.min(usize::try_from(len).unwrap_or(0)));
    (&mut file).take(walk::SNIFF as u64).read_to_end(&mut bytes).map_err(unreadable)?;
    if walk::is_binary(&bytes) {
        return Err(binary(path));
    }
    bytes.reserve(usize::try_from(len).unwrap_or(0).saturating_sub(bytes.len()));
    file.read_to_end(&mut bytes).map_err(unreadable)?;
    parse_checked(path, &bytes, problems)
}

fn binary(path: &Path) -> Problem {
    Problem::new(Severity::Warning, path, "binary file (NUL or non-text bytes in its first block), skipped")
}

/// Turns the bytes of a file into a document (see [`read`]).
pub fn parse(path: &Path, bytes: &[u8], problems: &mut Vec<Problem>) -> Result<Document, Problem> {
    // Binary as git and ripgrep decide it: from the first block.
    if walk::is_binary(&bytes[..bytes.len().min(walk::SNIFF)]) {
        return Err(binary(path));
    }
    parse_checked(path, bytes, problems)
}

/// [`parse`] for bytes whose first block is known not to be binary.
fn parse_checked(path: &Path, bytes: &[u8], problems: &mut Vec<Problem>) -> Result<Document, Problem> {
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(e) => {
            problems.push(Problem::new(
                Severity::Warning,
                path,
                format!("invalid UTF-8 at byte {}, decoded with replacement characters", e.valid_up_to()),
            ));
            String::from_utf8_lossy(bytes)
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text = if text.contains('\r') { text.replace("\r\n", "\n") } else { text.to_string() };
    if text.trim().is_empty() {
        return Err(Problem::new(Severity::Note, path, "empty file, skipped"));
    }
    let split = frontmatter::split(&text);
    if let Some((line, col, reason)) = split.error {
        problems.push(
            Problem::new(Severity::Warning, path, format!("{reason}; the text is loaded without it")).at(line, col),
        );
    }
    // The body is the end of the text: the lines before it are the front matter's.
    let body_line = text[..text.len() - split.body.len()].matches('\n').count();
    let body = split.body.to_string();
    let fm = split.front;
    if body.trim().is_empty() {
        problems.push(Problem::new(Severity::Note, path, "front matter only: the document has no text"));
    }
    let stem =
        path.file_stem().map_or_else(|| "document".into(), |s| crate::text::sanitize::id_safe(&s.to_string_lossy()));
    let kind = if fm.looks_like_transcript() || looks_like_transcript(&body) {
        DocKind::Transcript
    } else if fm.url.is_some() || fm.author.is_some() || body.len() > 1500 {
        DocKind::Article
    } else {
        DocKind::Note
    };
    let title = fm.title.clone().or_else(|| title::extract(&body)).unwrap_or_else(|| stem.clone());
    Ok(Document {
        id: stem,
        shown_path: path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        path: path.to_path_buf(),
        title,
        date: fm.date,
        author: fm.author,
        url: fm.url,
        kind,
        keywords: fm.keywords,
        body,
        hints: fm.hints,
        body_line,
    })
}

/// Speaker labels with timestamps (`Speaker 1 (00:02):`), many `[00:01:02]` stamps, or a
/// caption file's timings (`00:00:01,567 --> 00:00:04,100`); a Markdown link (`[text](https://…)`)
/// is not a stamp.
fn looks_like_transcript(body: &str) -> bool {
    static STAMP: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^(?:\[\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?\]|\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,3})?\s|.{0,60}\(\d{1,2}:\d{2}(?::\d{2})?\)\s*:)",
        )
        .expect("a valid pattern")
    });
    let stamps = body.lines().take(200).filter(|l| STAMP.is_match(l.trim_start())).count();
    stamps >= 3
}

/// Gives every document a unique id: a repeated stem gets `-2`, `-3`, … in load order.
pub fn dedupe_ids(docs: &mut [Document]) {
    let mut seen = std::collections::HashSet::new();
    for d in docs {
        d.id = crate::text::ids::unique_id(&d.id, &mut seen);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lines_before_the_body_are_counted_once_when_read() {
        let (d, _) = doc("---\ntitle: T\ndate: 2024-01-02\n---\nfirst line\n");
        let d = d.expect("a document");
        assert_eq!((d.body_line, d.body.as_str()), (4, "first line\n"));
        let (d, _) = doc("\u{feff}no front matter\r\nsecond\r\n");
        assert_eq!(d.expect("a document").body_line, 0);
    }

    #[test]
    fn transcripts_by_their_stamps_not_by_markdown_links() {
        assert!(looks_like_transcript("Ana (00:02): hi\nBo (00:05): hello\nAna (00:09): so\n"));
        assert!(looks_like_transcript("[00:01:02] a\n[00:01:09] b\n[00:02:00] c\n"));
        assert!(looks_like_transcript("1\n00:00:00,467 --> 00:00:01,567\nHi\n\n2\n00:00:01,567 --> 00:00:04,100\nYes\n\n3\n00:00:04,100 --> 00:00:05,000\nNo\n"));
        let readme = "[Aho-Corasick](https://en.wikipedia.org/wiki/Aho%E2%80%93Corasick_algorithm)\n[![Build](https://github.com/x/y/workflows/ci/badge.svg)](https://github.com/x)\n[![crates.io](https://img.shields.io/crates/v/a.svg)](https://crates.io/crates/a)\n";
        assert!(!looks_like_transcript(readme));
    }

    fn doc(text: &str) -> (Result<Document, Problem>, Vec<Problem>) {
        let mut p = Vec::new();
        (parse(Path::new("dir/x.md"), text.as_bytes(), &mut p), p)
    }

    #[test]
    fn the_id_is_the_file_stem_and_crlf_becomes_lf() {
        let (d, p) = doc("\u{feff}Title here\r\n\r\nBody.\r\n");
        let d = d.expect("loads");
        assert_eq!(d.id, "x");
        assert_eq!(d.title, "Title here");
        assert_eq!(d.body, "Title here\n\nBody.\n");
        assert!(p.is_empty());
    }

    #[test]
    fn binary_and_empty_files_are_skipped_with_a_reason() {
        let mut p = Vec::new();
        let e = parse(Path::new("a.png"), b"\x89PNG\0\0\0\rIHDR\0\0\0\x10", &mut p).expect_err("binary");
        assert!(e.reason.contains("binary"));
        // As git and ripgrep decide: one NUL in the first block makes a file binary.
        assert!(parse(Path::new("a.txt"), b"one stray \0 NUL in text", &mut p).is_err());
        assert!(doc("  \n").0.expect_err("empty").reason.contains("empty"));
    }

    #[test]
    fn invalid_utf8_loads_lossily_and_is_reported() {
        let mut p = Vec::new();
        let d = parse(Path::new("a.txt"), b"caf\xe9 text", &mut p).expect("loads");
        assert!(d.body.contains('\u{fffd}'));
        assert!(p[0].reason.contains("invalid UTF-8"), "{p:?}");
    }

    #[test]
    fn broken_front_matter_keeps_the_body() {
        let (d, p) = doc("---\ntitle: [x\n---\nHello world\n");
        assert_eq!(d.expect("loads").body, "Hello world\n");
        assert!(p[0].line_col.is_some());
    }

    #[test]
    fn duplicate_stems_get_suffixes() {
        let mut docs: Vec<Document> = ["a", "a", "b"].iter().map(|s| doc(s).0.expect("loads")).collect();
        dedupe_ids(&mut docs);
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["x", "x-2", "x-3"]);
    }
}
