//! Hostile and broken input: nothing reaches the terminal, nothing stops the rest, nothing is
//! written to the corpus.

mod util;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use util::{dossier_in, Dir};

const EVIL: &str = "Evil \x1b[31mred\x1b[0m title\n\nCEO Maria Lopez said: clear\x1b[2J title\x1b]0;pwned\x07 \
                    clip\x1b]52;c;aGVsbG8=\x07 link\x1b]8;;http://x\x1b\\here\x1b]8;;\x1b\\ c1\u{9b}31m \u{85}next bell\x07 \
                    del\x7f bs\x08 end\n";

/// Bytes that must never appear in safe output.
fn control_bytes(s: &str) -> Vec<char> {
    s.chars().filter(|&c| (c.is_control() && c != '\n' && c != '\t') || ('\u{80}'..='\u{9f}').contains(&c)).collect()
}

fn evil_dir() -> Dir {
    let d = Dir::new();
    d.file("evil.txt", EVIL);
    d
}

#[test]
fn show_grep_list_refs_search_and_timeline_print_placeholders_not_controls() {
    let d = evil_dir();
    for args in [
        &["show", "evil"][..],
        &["grep", "clear"],
        &["list", "docs", "-o", "name"],
        &["list", "people", "-o", "tsv"],
        &["refs", "maria-lopez", "-o", "name"],
        &["search", "evil", "-o", "name"],
        &["check"],
        &["timeline"],
    ] {
        let r = dossier_in(&d, args);
        assert!(control_bytes(&r.stdout).is_empty(), "{args:?} printed {:?}:\n{}", control_bytes(&r.stdout), r.stdout);
        assert!(control_bytes(&r.stderr).is_empty(), "{args:?} stderr {:?}", r.stderr);
    }
    let show = dossier_in(&d, &["show", "evil"]);
    assert!(
        show.stdout.contains("␛[2J") && show.stdout.contains("␛]52;c;") && show.stdout.contains('␇'),
        "{}",
        show.stdout
    );
}

#[test]
fn raw_passes_text_through_unchanged() {
    let d = evil_dir();
    let r = dossier_in(&d, &["show", "evil", "--raw"]);
    assert!(r.stdout.contains("\x1b[2J") && r.stdout.contains("\x1b]52;c;aGVsbG8=\x07"));
    let g = dossier_in(&d, &["grep", "clear", "--raw"]);
    assert!(g.stdout.contains("\x1b[2J"));
}

#[test]
fn broken_files_are_reported_with_path_and_reason_and_good_ones_load() {
    let d = Dir::new();
    d.file("good.md", "# Good one\n\nPeter Parker said hello.\n");
    d.file("latin1.txt", b"Caf\xe9 au lait with Maria Lopez.\n".as_slice());
    d.file("binary.txt", [0u8, 1, 2, 0, 0, 0, 0, 0, 255, 0, 0, 0, 7, 0, 0]);
    d.file("empty.md", "");
    d.file("only-front.md", "---\ntitle: Just a title\n---\n");
    d.file("unterminated.md", "---\ntitle: never closed\nbody text here\n");
    d.file("malformed.md", "---\ntitle: [unclosed\n---\nThe body still loads.\n");
    d.file("crlf.txt", "\u{feff}Windows line\r\nsecond line\r\n");
    d.file("with space.txt", "A file name with a space.\n");
    d.file("new\nline.txt", "A file name with a newline.\n");
    let bad_name = std::ffi::OsStr::from_bytes(b"bad\xffname.txt");
    std::fs::write(d.path().join(bad_name), "A file name that is not UTF-8.\n").expect("write");
    std::os::unix::fs::symlink(d.path().join("missing.txt"), d.path().join("dangling.txt")).expect("symlink");
    std::fs::create_dir(d.path().join("loop")).expect("mkdir");
    std::os::unix::fs::symlink(d.path(), d.path().join("loop/back")).expect("symlink loop");
    let r = dossier_in(&d, &["check"]);
    let out = &r.stdout;
    for (file, reason) in [
        ("latin1.txt", "invalid UTF-8"),
        ("binary.txt", "binary file"),
        ("empty.md", "empty file"),
        ("only-front.md", "front matter only"),
        ("unterminated.md:1:1", "no closing `---`"),
        ("dangling.txt", "dangling symlink"),
        ("back", "symlink loop"),
    ] {
        assert!(out.lines().any(|l| l.contains(file) && l.contains(reason)), "no {file}: {reason} in\n{out}");
    }
    assert!(out.lines().any(|l| l.contains("malformed.md:3:1") && l.contains("bad front matter")), "{out}");
    let docs = dossier_in(&d, &["list", "docs"]);
    let ids: Vec<&str> = docs.lines();
    for id in ["good", "latin1", "only-front", "unterminated", "malformed", "crlf", "with space", "bad\u{fffd}name"] {
        assert!(ids.contains(&id), "{id} not loaded: {ids:?}");
    }
    assert!(ids.contains(&"new␊line"), "a newline in a name is shown as a placeholder: {ids:?}");
    let summary = out.lines().last().expect("summary");
    assert!(summary.starts_with("9 documents loaded, 2 skipped"), "{summary}");
    let show = dossier_in(&d, &["show", "malformed"]);
    assert!(show.stdout.contains("The body still loads."));
    assert!(!dossier_in(&d, &["show", "crlf"]).stdout.contains('\r'));
}

#[test]
fn deeply_nested_yaml_and_alias_bombs_are_refused_quickly() {
    let d = Dir::new();
    d.file("deep.md", format!("---\na: {}1{}\n---\nDeep body.\n", "[".repeat(10_000), "]".repeat(10_000)));
    let mut bomb =
        String::from("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for i in 0..9 {
        let prev = if i == 0 { "a".to_string() } else { format!("b{}", i - 1) };
        let refs = vec![format!("*{prev}"); 9].join(",");
        writeln!(bomb, "b{i}: &b{i} [{refs}]").expect("write to a string");
    }
    bomb.push_str("---\nBomb body.\n");
    d.file("bomb.md", bomb);
    let r = dossier_in(&d, &["check"]);
    assert!(r.stdout.contains("deep.md") && r.stdout.contains("recursion limit"), "{}", r.stdout);
    assert!(r.stdout.contains("bomb.md") && r.stdout.contains("repetition limit"), "{}", r.stdout);
    assert_eq!(dossier_in(&d, &["list", "docs"]).lines().len(), 2);
}

#[test]
fn a_bad_catalog_lists_every_problem_with_line_and_column() {
    let d = Dir::new();
    d.file("a.txt", "Jordan Lee runs the lab.\n");
    d.file(
        "dossier.toml",
        "[[entity]]\nid = \"jl\"\nkind = \"person\"\nname = \"Jordan Lee\"\n\n\
         [[entity]]\nid = \"x\"\nkind = \"person\"\nname = \"\"\n\n\
         [[fact]]\nsubject = \"jl\"\npredicate = \"leads\"\nobject = \"lab\"\ndoc = \"nope\"\nquote = \"runs\"\n\n\
         [[fact]]\nsubject = \"jl\"\npredicate = \"leads\"\nobject = \"lab\"\ndoc = \"a\"\nquote = \"runs the zoo\"\n",
    );
    let r = dossier_in(&d, &["check"]);
    r.code(1);
    assert!(r.stdout.contains("dossier.toml:7:6: entity `x` has no name"), "{}", r.stdout);
    let unknown = Dir::new();
    unknown.file("a.txt", "x\n");
    unknown.file("dossier.toml", "[[entity]]\nid = \"p\"\nkind = \"planet\"\nname = \"P\"\n");
    let u = dossier_in(&unknown, &["check"]);
    u.code(1);
    assert!(u.stdout.contains("dossier.toml:3:8") && u.stdout.contains("planet"), "{}", u.stdout);
    let syntax = Dir::new();
    syntax.file("a.txt", "x\n");
    syntax.file("dossier.toml", "[[entity]\nid = 1\n");
    let s = dossier_in(&syntax, &["check"]);
    s.code(1);
    assert!(s.stdout.contains("dossier.toml:1:"), "{}", s.stdout);
    // With the bad entity fixed, the fact problems show: a missing document and a missing quote.
    d.file(
        "dossier.toml",
        "[[entity]]\nid = \"jl\"\nkind = \"person\"\nname = \"Jordan Lee\"\n\n\
         [[fact]]\nsubject = \"jl\"\npredicate = \"leads\"\nobject = \"lab\"\ndoc = \"nope\"\nquote = \"runs\"\n\n\
         [[fact]]\nsubject = \"jl\"\npredicate = \"leads\"\nobject = \"lab\"\ndoc = \"a\"\nquote = \"runs the zoo\"\n",
    );
    let f = dossier_in(&d, &["check"]);
    f.code(1);
    assert!(f.stdout.contains("dossier.toml:10:7: fact cites document `nope`"), "{}", f.stdout);
    assert!(f.stdout.contains("dossier.toml:18:9: quote not found in a"), "{}", f.stdout);
}

fn hash_tree(root: &Path) -> BTreeMap<String, (u64, std::time::SystemTime, Vec<u8>)> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(root).into_iter().filter_map(Result::ok) {
        let m = e.path().symlink_metadata().expect("metadata");
        let content = if m.is_file() { std::fs::read(e.path()).expect("read") } else { Vec::new() };
        out.insert(e.path().to_string_lossy().into_owned(), (m.len(), m.modified().expect("mtime"), content));
    }
    out
}

#[test]
fn the_corpus_is_never_written_to() {
    let d = evil_dir();
    d.file("notes/a.md", "---\ntitle: A\n---\nCEO Maria Lopez met Tom Baker, who runs sales.\n");
    d.file("dossier.toml", "[[entity]]\nid = \"ml\"\nkind = \"person\"\nname = \"Maria Lopez\"\n");
    let before = hash_tree(d.path());
    for args in [
        &["list"][..],
        &["show", "ml"],
        &["search", "a"],
        &["grep", "Maria"],
        &["refs", "ml"],
        &["check"],
        &["export"],
        &["timeline"],
    ] {
        dossier_in(&d, args);
    }
    assert_eq!(hash_tree(d.path()), before, "the corpus changed");
}

/// Files named explicitly load whatever their name; in folders, text is found by content too
/// (README, NEWS, .rst), `.gitignore` is respected (`--no-ignore` turns it off), and `--glob`
/// and `--type` filter as ripgrep's do.
#[test]
fn any_text_file_loads_and_the_walk_filters_like_ripgrep() {
    let d = Dir::new();
    d.file("README", "Project readme\n\nMaria Lopez wrote it.\n");
    d.file("NEWS", "Version 2\n");
    d.file("guide.rst", "Guide\n=====\n\nText.\n");
    d.file("code.rs", "fn main() {}\n");
    d.file(".gitignore", "private.md\n");
    d.file("private.md", "# Private\n");
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["list", "docs"];
        all.extend_from_slice(args);
        dossier_in(&d, &all).stdout.lines().map(str::to_string).collect()
    };
    assert_eq!(ids(&[]), ["NEWS", "README", "guide"]);
    assert!(ids(&["--no-ignore", "--no-cache"]).contains(&"private".to_string()));
    assert_eq!(ids(&["--glob", "!NEWS", "--no-cache"]), ["README", "guide"]);
    assert_eq!(ids(&["--type", "rst", "--no-cache"]), ["guide"]);
    // Named explicitly, a file without a text extension loads.
    let readme = d.path().join("README").to_string_lossy().into_owned();
    let r = util::dossier(&["--corpus", &readme, "list", "docs"]);
    r.code(0);
    assert_eq!(r.lines(), ["README"]);
}

/// A large binary file is refused from its first block, without reading the rest.
#[test]
fn a_large_sparse_binary_file_is_refused_without_being_read() {
    let d = Dir::new();
    d.file("a.txt", "Some text.\n");
    let f = std::fs::File::create(d.path().join("huge.txt")).expect("create");
    f.set_len(2 * 1024 * 1024 * 1024).expect("a sparse 2 GiB file");
    let t = std::time::Instant::now();
    let r = dossier_in(&d, &["check"]);
    assert!(t.elapsed() < std::time::Duration::from_secs(5), "took {:?}", t.elapsed());
    assert!(r.stdout.lines().any(|l| l.contains("huge.txt") && l.contains("binary")), "{}", r.stdout);
}

/// The reader's wrapping, `/` find and the timeline cost time linear in a document's length,
/// with or without line breaks: four times the text takes well under ten times as long.
#[test]
fn wrapping_find_and_the_timeline_cost_linear_time() {
    use dossier::corpus::Corpus;
    let sentence = "Health Secretary Maria Lopes said on March 3, 2024 that Acme Corp would open \
                    a plant in Lisbon in June 2025, and Lopes thanked the mayor yesterday. ";
    let text = |n: usize, sep: &str| {
        let mut s = String::new();
        let mut i = 0usize;
        while s.len() < n {
            s.push_str(sentence);
            i += 1;
            if i.is_multiple_of(7) {
                s.push_str(sep);
            }
        }
        s
    };
    let time = |body: String| {
        let mut problems = Vec::new();
        let doc = dossier::ingest::source::parse(Path::new("t.txt"), body.as_bytes(), &mut problems).expect("a doc");
        let c = Corpus::from_documents(vec![doc], None, true);
        let t = std::time::Instant::now();
        let lines = dossier::tui::reader::wrap(&c.docs[0].body, 80);
        let wrap = t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        let found = dossier::tui::reader::Find::new(&c.docs[0].body, "lopes");
        let find = t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        let timeline = dossier::analysis::timeline::build(&c);
        let tl = t.elapsed().as_secs_f64();
        assert!(lines.len() > 100 && found.matches.len() > 100 && !timeline.events.is_empty());
        [wrap, find, tl]
    };
    let small = time(text(500_000, "\n"));
    let one_line = time(text(500_000, " "));
    let large = time(text(2_000_000, " "));
    println!("500 kB with breaks {small:?}, without {one_line:?}; 2 MB without {large:?} (wrap, find, timeline, s)");
    for (i, what) in ["wrapping", "find", "the timeline"].iter().enumerate() {
        assert!(one_line[i] < 4.0 * small[i] + 0.05, "{what}: one line {:.3} s against {:.3} s", one_line[i], small[i]);
        assert!(
            large[i] < 10.0 * one_line[i] + 0.05,
            "{what}: 4× the text {:.3} s against {:.3} s",
            large[i],
            one_line[i]
        );
    }
}

/// The Markdown renderer and the plain-text reflow never panic and cost time linear in the
/// input on hostile Markdown: deep nesting of lists and quotes, a 1 MB line, unclosed emphasis
/// and links, a huge table. Four times the input takes well under ten times as long, and every
/// rendered segment that shows the body's bytes slices the body at character boundaries.
#[test]
fn the_markdown_renderer_is_linear_and_never_panics_on_hostile_input() {
    use dossier::text::rich::{lay_out, markdown, plain};
    /// A kind of input, made at a size in bytes.
    type Maker = fn(usize) -> String;
    let inputs: [(&str, Maker); 7] = [
        ("nested lists", |n| {
            (0..n / 40).fold(String::new(), |mut s, i| {
                let _ = writeln!(s, "{}- item {i}", "  ".repeat(i % 200));
                s
            })
        }),
        ("nested quotes", |n| format!("{} deep\n", ">".repeat(n))),
        ("quotes and lists", |n| "> - > 1. > * ".repeat(n / 13) + "end\n"),
        ("one line", |n| "word *em **strong [link](http://x) `code` ".repeat(n / 42)),
        ("unclosed", |n| "[[[***___``` <a href=".repeat(n / 22)),
        ("table", |n| {
            let mut s = String::from("| a | b | c |\n|---|:-:|--:|\n");
            while s.len() < n {
                s.push_str("| Ünïcödé 日本 | 12 | [x](y) |\n");
            }
            s
        }),
        ("hard-wrapped text", |n| {
            "Plain words filling a line to about seventy columns, as editors do it\n".repeat(n / 70)
        }),
    ];
    for (what, make) in inputs {
        let time = |n: usize| {
            let body = make(n);
            let t = std::time::Instant::now();
            let rows = lay_out(&markdown::render(&body), &body, 80);
            let reflowed = lay_out(&plain::reflow(&body), &body, 80);
            let took = t.elapsed().as_secs_f64();
            for s in rows.iter().chain(&reflowed).flat_map(|r| &r.segments).filter(|s| s.shown.is_none()) {
                assert!(body.get(s.src.clone()).is_some(), "{what}: a segment off the body's characters");
            }
            assert!(!rows.is_empty() && !reflowed.is_empty(), "{what}");
            took
        };
        let small = time(250_000);
        let large = time(1_000_000);
        println!("{what}: 250 kB {small:.3} s, 1 MB {large:.3} s");
        assert!(large < 10.0 * small + 0.1, "{what}: 4× the input {large:.3} s against {small:.3} s");
    }
}
