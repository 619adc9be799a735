//! The summary cache: used when nothing changed, rebuilt when a file's size or modification
//! time changes or the cache is corrupt, never written inside the corpus.

mod util;

use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

use util::{bin, Dir};

/// Runs `dossier --corpus CORPUS ARGS` with its cache in CACHE, returning stdout and whether
/// the summary (or, for `search`, the item list beside it) came from the cache.
fn run(corpus: &Dir, cache: &std::path::Path, args: &[&str]) -> (String, bool) {
    let out = command(corpus, cache, args).env("DOSSIER_TIMINGS", "1").output().expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        err.contains("summary from the cache") || err.contains("item list from the cache"),
    )
}

fn corpus() -> Dir {
    let d = Dir::new();
    d.file("a.txt", "Alpha title\n\nCEO Maria Lopez said so.\n");
    d.file("b.md", "---\ntitle: Beta\n---\nTom Baker, who runs sales, agreed.\n");
    d
}

#[test]
fn a_second_call_uses_the_cache_and_gives_the_same_output() {
    let (d, cache) = (corpus(), Dir::new());
    let (first, hit1) = run(&d, cache.path(), &["list", "people", "-o", "json"]);
    let (second, hit2) = run(&d, cache.path(), &["list", "people", "-o", "json"]);
    assert!(!hit1 && hit2);
    assert_eq!(first, second);
    let (s, hit) = run(&d, cache.path(), &["search", "lopez", "-o", "name"]);
    assert!(hit);
    assert_eq!(s, "Maria Lopez\n");
    let (_, nocache) = run(&d, cache.path(), &["--no-cache", "list"]);
    assert!(!nocache);
}

#[test]
fn a_changed_size_or_modification_time_rebuilds_it() {
    let (d, cache) = (corpus(), Dir::new());
    run(&d, cache.path(), &["list", "docs", "-o", "name"]);
    d.file("a.txt", "Alpha title changed\n\nCEO Maria Lopez said so.\n");
    let (s, hit) = run(&d, cache.path(), &["list", "docs", "-o", "name"]);
    assert!(!hit && s.contains("Alpha title changed"), "{s}");
    // Same size, new content and time.
    let f = d.file("a.txt", "Gamma title changed\n\nCEO Maria Lopez said so.\n");
    std::fs::File::options()
        .write(true)
        .open(&f)
        .and_then(|f| f.set_modified(SystemTime::now() + Duration::from_secs(5)))
        .expect("touch");
    let (s, hit) = run(&d, cache.path(), &["list", "docs", "-o", "name"]);
    assert!(!hit && s.contains("Gamma title changed"), "{s}");
    // A new file and a removed one change the list of files.
    d.file("c.txt", "Third\n");
    let (s, hit) = run(&d, cache.path(), &["list", "docs"]);
    assert!(!hit && s.contains('c'));
    std::fs::remove_file(d.path().join("c.txt")).expect("rm");
    let (_, hit) = run(&d, cache.path(), &["list", "docs"]);
    assert!(!hit);
}

#[test]
fn a_corrupt_cache_is_rebuilt_not_trusted() {
    let (d, cache) = (corpus(), Dir::new());
    let (good, _) = run(&d, cache.path(), &["list", "entities"]);
    for entry in std::fs::read_dir(cache.path()).expect("cache dir") {
        let p = entry.expect("entry").path();
        let mut bytes = std::fs::read(&p).expect("read");
        let half = bytes.len() / 2;
        bytes.truncate(half);
        bytes.extend_from_slice(b"\xff\xfe garbage");
        std::fs::write(&p, bytes).expect("corrupt");
    }
    let (again, hit) = run(&d, cache.path(), &["list", "entities"]);
    assert!(!hit);
    assert_eq!(good, again);
}

#[test]
fn the_cache_is_never_written_inside_the_corpus() {
    let d = corpus();
    let inside = d.path().join("cache-here");
    run(&d, &inside, &["list"]);
    let (_, hit) = run(&d, &inside, &["list"]);
    assert!(!hit, "a cache inside the corpus is not used");
    assert!(!inside.exists(), "nothing, not even the cache folder, is created inside the corpus");
}

#[test]
fn regression_a_relative_and_an_absolute_corpus_path_share_the_cache() {
    let (d, cache) = (corpus(), Dir::new());
    let parent = d.path().parent().expect("parent");
    let name = d.path().file_name().expect("name");
    let relative = |args: &[&str]| {
        let out = Command::new(bin())
            .current_dir(parent)
            .arg("--corpus")
            .arg(name)
            .args(args)
            .env("DOSSIER_CACHE_DIR", cache.path())
            .env("DOSSIER_CONFIG_DIR", util::empty_config_dir())
            .env("DOSSIER_TIMINGS", "1")
            .stdin(Stdio::null())
            .output()
            .expect("run");
        String::from_utf8_lossy(&out.stderr).contains("summary from the cache")
    };
    assert!(!relative(&["list"]));
    let (_, hit) = run(&d, cache.path(), &["list"]);
    assert!(hit, "the absolute path uses the cache the relative one wrote");
    assert!(relative(&["list"]));
}

/// Runs with the cache in CACHE and returns stderr.
fn stderr_of(corpus: &Dir, cache: &std::path::Path, args: &[&str]) -> String {
    let r: util::Run = command(corpus, cache, args).output().expect("run").into();
    r.code(0);
    r.stderr
}

/// `dossier --corpus CORPUS ARGS` with its cache in CACHE and no stdin.
fn command(corpus: &Dir, cache: &std::path::Path, args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.arg("--corpus").arg(corpus.path()).args(args).env("DOSSIER_CACHE_DIR", cache).stdin(Stdio::null());
    c.env("DOSSIER_CONFIG_DIR", util::empty_config_dir());
    c
}

#[test]
fn a_warning_is_printed_once_then_counted_and_q_silences_it() {
    let (d, cache) = (corpus(), Dir::new());
    d.file("c.txt", "Broken \u{0}\u{1}\u{2} text\n");
    std::fs::write(d.path().join("d.txt"), b"Latin-1 caf\xe9 text\n").expect("write");
    let first = stderr_of(&d, cache.path(), &["list", "people"]);
    assert!(first.contains("c.txt") && first.contains("d.txt"), "{first}");
    let second = stderr_of(&d, cache.path(), &["list", "people"]);
    assert!(!second.contains("c.txt") && !second.contains("d.txt"), "{second}");
    assert!(second.contains("2 problems") && second.contains("dossier check"), "{second}");
    assert_eq!(stderr_of(&d, cache.path(), &["-q", "list", "people"]), "");
    assert_eq!(stderr_of(&d, cache.path(), &["-q", "--no-cache", "list", "docs"]), "");
    assert_eq!(stderr_of(&d, cache.path(), &["--quiet", "show", "maria-lopez"]), "");
}

// The model cache: the whole linked model, for `show`, `refs`, `timeline`, `export` and the
// explorer.

/// `dossier export` on a corpus with the model cache in CACHE: the JSON, the problems printed
/// (trace lines left out), and what the cache traced.
fn export(corpus: &Dir, cache: &std::path::Path, extra: &[&str]) -> (String, String, String) {
    let mut c = command(corpus, cache, extra);
    let out = c.arg("export").env("DOSSIER_TIMINGS", "1").env("DOSSIER_DATA_DIR", util::empty_data_dir()).output();
    let out = out.expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let err = String::from_utf8_lossy(&out.stderr);
    // Problems are printed as `dossier: warning: …`; the rest of `dossier: …` is the trace.
    let is_problem = |l: &&str| ["warning:", "error:", "note:"].iter().any(|p| l.contains(p));
    let problems: Vec<&str> = err.lines().filter(is_problem).collect();
    (String::from_utf8_lossy(&out.stdout).into_owned(), problems.join("\n"), err.into_owned())
}

/// Checks that the cached or updated model equals a fresh load's, and returns the trace.
fn same_as_fresh(d: &Dir, cache: &std::path::Path) -> String {
    let (cached, cached_problems, trace) = export(d, cache, &[]);
    let fresh_cache = Dir::new();
    let (fresh, fresh_problems, _) = export(d, fresh_cache.path(), &["--no-cache"]);
    assert!(cached == fresh, "the model differs from a fresh load's ({trace})");
    assert_eq!(cached_problems, fresh_problems, "{trace}");
    assert!(std::fs::read_dir(fresh_cache.path()).expect("dir").next().is_none(), "--no-cache writes nothing");
    trace
}

/// Documents whose names cross files: discovery is corpus-wide, so a name found in one file
/// is linked in the others.
fn linked_corpus() -> Dir {
    let d = Dir::new();
    d.file("one.md", "---\ntitle: One\ndate: 2024-03-01\n---\nCEO Maria Lopez said Vertex Labs would grow.\n");
    d.file("two.txt", "Two\n\nMaria Lopez met Dana Whitfield in March 2024. Whitfield agreed.\n");
    d.file("three.txt", "Three\n\nNothing about anyone here, on 2024-05-02.\n");
    d.file("sub/one.txt", "Another one\n\nTom Baker, who runs sales, agreed with Lopez.\n");
    d.file("gone.txt", "Gone\n\nChief executive Ada Quinn said hello.\n");
    d.file("bad.txt", b"Latin-1 caf\xe9 text\n");
    d
}

#[test]
fn a_reopened_unchanged_folder_gives_the_loaded_model_from_the_cache() {
    let (d, cache) = (linked_corpus(), Dir::new());
    let (first, first_problems, trace) = export(&d, cache.path(), &[]);
    assert!(!trace.contains("model from the cache"), "{trace}");
    let again = same_as_fresh(&d, cache.path());
    assert!(again.contains("model from the cache"), "{again}");
    let (second, second_problems, _) = export(&d, cache.path(), &[]);
    assert_eq!((first, first_problems), (second, second_problems));
    // The other commands answer from it too.
    for args in [&["show", "maria-lopez"][..], &["refs", "maria-lopez"], &["timeline"], &["list", "people"]] {
        let out = command(&d, cache.path(), args).env("DOSSIER_TIMINGS", "1").output().expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {err}");
        assert!(!err.contains("read and parse documents"), "{args:?} read the files again: {err}");
    }
}

#[test]
fn edited_added_and_removed_files_update_the_model_to_what_a_full_load_gives() {
    let (d, cache) = (linked_corpus(), Dir::new());
    export(&d, cache.path(), &[]);
    // An edit that names someone new, whom unchanged files mention too: the new name must be
    // linked in them.
    d.file("three.txt", "Three, edited\n\nChief executive Dana Whitfield said it, on 2024-05-02.\n");
    let trace = same_as_fresh(&d, cache.path());
    assert!(trace.contains("1 of 6 files changed or new, 0 removed; updating"), "{trace}");
    // A new file repeating a stem (its id becomes `one-3`), and a removed one whose person
    // then disappears.
    d.file("sub/deeper/one.txt", "Deeper one\n\nAda Quinn is not here; Vertex Labs is.\n");
    std::fs::remove_file(d.path().join("gone.txt")).expect("rm");
    let trace = same_as_fresh(&d, cache.path());
    assert!(trace.contains("1 of 6 files changed or new, 1 removed"), "{trace}");
    // The file with a problem stays reported after updates.
    let (_, problems, _) = export(&d, cache.path(), &[]);
    assert!(problems.contains("bad.txt"), "{problems}");
    // Then nothing changed: from the cache.
    assert!(same_as_fresh(&d, cache.path()).contains("model from the cache"));
}

#[test]
fn a_catalog_change_links_the_documents_again_with_it() {
    let (d, cache) = (linked_corpus(), Dir::new());
    let catalog = "[[entity]]\nid = \"vertex\"\nkind = \"org\"\nname = \"Vertex Labs\"\naliases = [\"Vertex\"]\n\n\
                   [[document]]\nid = \"two\"\ntitle = \"Two, as the catalog calls it\"\n";
    d.file("dossier.toml", catalog);
    export(&d, cache.path(), &[]);
    let (json, _, _) = export(&d, cache.path(), &[]);
    assert!(json.contains("Two, as the catalog calls it"));
    // The override goes: the title is the one read from the file again, not the old override.
    d.file("dossier.toml", "[[entity]]\nid = \"whitfield\"\nkind = \"person\"\nname = \"Dana Whitfield\"\n");
    let trace = same_as_fresh(&d, cache.path());
    assert!(trace.contains("catalog changed") && trace.contains("0 of 6 files changed"), "{trace}");
    let (json, _, _) = export(&d, cache.path(), &[]);
    assert!(!json.contains("as the catalog calls it") && json.contains("\"whitfield\""), "{json}");
}

#[test]
fn a_damaged_model_cache_is_rebuilt_and_nothing_is_written_in_the_corpus() {
    let (d, cache) = (linked_corpus(), Dir::new());
    let listing = |p: &std::path::Path| {
        let mut v: Vec<_> = walkdir::WalkDir::new(p).into_iter().map(|e| e.expect("entry").into_path()).collect();
        v.sort();
        v
    };
    let before = listing(d.path());
    let (good, _, _) = export(&d, cache.path(), &[]);
    assert_eq!(listing(d.path()), before, "nothing is written inside the corpus");
    let models: Vec<_> = std::fs::read_dir(cache.path())
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "model"))
        .collect();
    assert_eq!(models.len(), 1);
    let bytes = std::fs::read(&models[0]).expect("read");
    // Cut short, then flipped bytes in the middle (where the model is, past the key).
    for damaged in [bytes[..bytes.len() / 2].to_vec(), {
        let mut b = bytes.clone();
        let mid = b.len() / 2;
        for x in &mut b[mid..mid + 64] {
            *x ^= 0x5a;
        }
        b
    }] {
        std::fs::write(&models[0], damaged).expect("damage");
        let (again, _, trace) = export(&d, cache.path(), &[]);
        assert_eq!(good, again, "{trace}");
        assert!(!trace.contains("model from the cache"), "{trace}");
    }
    // Rewritten: the next call uses it.
    let (_, _, trace) = export(&d, cache.path(), &[]);
    assert!(trace.contains("model from the cache"), "{trace}");
    assert_eq!(listing(d.path()), before);
}

/// A corpus with a catalog that curates a fact and rejects one read from the text.
fn facts_corpus() -> Dir {
    let d = Dir::new();
    d.file(
        "one.md",
        "---\ntitle: One\ndate: 2024-03-01\n---\nCEO Maria Lopez said Vertex Labs would grow. \
         Maria Lopez joined Vertex Labs in March 2024.\n",
    );
    d.file(
        "two.txt",
        "Two\n\nMaria Lopez met Dana Whitfield in March 2024. Dana Whitfield joined Orbital Systems in 2023. \
         Whitfield agreed.\n",
    );
    d.file("three.txt", "Three\n\nTom Baker, who runs sales, said Tom Baker joined Orbital Systems.\n");
    d.file("four.txt", "Four\n\nNothing about anyone here, on 2024-05-02.\n");
    d.file(
        "dossier.toml",
        "[[entity]]\nid = \"vertex\"\nkind = \"org\"\nname = \"Vertex Labs\"\n\n\
         [[fact]]\nsubject = \"vertex\"\npredicate = \"employs\"\nobject = \"Maria Lopez\"\ndoc = \"one\"\n\
         quote = \"Maria Lopez joined Vertex Labs\"\n\n\
         [[fact]]\nsubject = \"dana-whitfield\"\npredicate = \"joins\"\nobject = \"orbital-systems\"\n\
         doc = \"two\"\nquote = \"Dana Whitfield joined Orbital Systems\"\nrejected = true\n",
    );
    d
}

/// Whether an update linked only the changed documents (else it linked every document).
fn linked_only_changed(trace: &str) -> bool {
    assert!(trace.contains("updating"), "not an update: {trace}");
    let only = trace.contains("link the changed documents");
    assert!(only != trace.lines().any(|l| l.starts_with("dossier: link: ")), "{trace}");
    only
}

#[test]
fn small_changes_link_again_only_the_changed_documents_and_the_model_equals_a_full_load() {
    let (d, cache) = (facts_corpus(), Dir::new());
    let (json, _, _) = export(&d, cache.path(), &[]);
    assert!(json.contains("\"origin\": \"extracted\"") && json.contains("\"origin\": \"catalog\""), "{json}");
    let traces: Vec<_> = std::fs::read_dir(cache.path())
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "trace"))
        .collect();
    assert_eq!(traces.len(), 1, "the trace is written beside the model");
    // An edit that names no one new, in the document whose fact the catalog rejects.
    d.file(
        "two.txt",
        "Two\n\nMaria Lopez met Dana Whitfield in March 2024. Dana Whitfield joined Orbital Systems in 2023. \
         Whitfield agreed. It rained.\n",
    );
    let trace = same_as_fresh(&d, cache.path());
    assert!(linked_only_changed(&trace), "{trace}");
    // A new file, first in order, naming someone known: the entities are the same, in
    // another order (Dana Whitfield is now first seen there).
    d.file("a-first.txt", "First\n\nDana Whitfield, who runs research, met Tom Baker.\n");
    let trace = same_as_fresh(&d, cache.path());
    assert!(linked_only_changed(&trace), "{trace}");
    // A removed file whose person is still named elsewhere.
    std::fs::remove_file(d.path().join("four.txt")).expect("rm");
    let trace = same_as_fresh(&d, cache.path());
    assert!(linked_only_changed(&trace), "{trace}");
    // A name with no cue (not someone yet) in one file; then an edit elsewhere makes her
    // someone: the unchanged file that names her is linked again too, and she goes again.
    // (Not in a list with people, which would make him one.)
    d.file(
        "two.txt",
        "Two\n\nMaria Lopez met Dana Whitfield in March 2024. Zorvath Quell was there. Whitfield agreed.\n",
    );
    let trace = same_as_fresh(&d, cache.path());
    assert!(linked_only_changed(&trace), "{trace}");
    let (json, _, _) = export(&d, cache.path(), &[]);
    assert!(!json.contains("\"zorvath-quell\""), "not someone yet");
    let three = "Three\n\nTom Baker, who runs sales, said Tom Baker joined Orbital Systems.";
    d.file("three.txt", format!("{three} CEO Zorvath Quell, who runs the lab, agreed.\n"));
    let trace = same_as_fresh(&d, cache.path());
    assert!(linked_only_changed(&trace), "{trace}");
    let (json, _, _) = export(&d, cache.path(), &[]);
    let mentions = json.matches("\"entity\": \"zorvath-quell\"").count();
    assert!(mentions >= 2, "named in both files: {mentions}");
    d.file("three.txt", format!("{three}\n"));
    let trace = same_as_fresh(&d, cache.path());
    assert!(linked_only_changed(&trace), "{trace}");
    // A removed file whose fact the catalog curated: the curated fact goes, everything is
    // worked out again where it must be.
    std::fs::remove_file(d.path().join("one.md")).expect("rm");
    same_as_fresh(&d, cache.path());
}

#[test]
fn a_damaged_or_missing_trace_means_linking_everything_not_a_wrong_model() {
    let (d, cache) = (facts_corpus(), Dir::new());
    export(&d, cache.path(), &[]);
    let trace_file = std::fs::read_dir(cache.path())
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|x| x == "trace"))
        .expect("a trace");
    let mut bytes = std::fs::read(&trace_file).expect("read");
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x21;
    std::fs::write(&trace_file, bytes).expect("damage");
    d.file("four.txt", "Four\n\nNothing about anyone here, on 2024-05-03.\n");
    let trace = same_as_fresh(&d, cache.path());
    assert!(trace.contains("no usable trace") && !linked_only_changed(&trace), "{trace}");
    // Written again with the model: the next update uses it.
    d.file("four.txt", "Four\n\nNothing about anyone here, on 2024-05-04.\n");
    assert!(linked_only_changed(&same_as_fresh(&d, cache.path())));
    std::fs::remove_file(&trace_file).expect("rm");
    d.file("four.txt", "Four\n\nNothing about anyone here, on 2024-05-05.\n");
    let trace = same_as_fresh(&d, cache.path());
    assert!(trace.contains("no usable trace"), "{trace}");
}

/// Random edits, additions and removals of files built from a few names and sentences: after
/// each, the updated model equals a full load's.
#[test]
fn random_changes_update_the_model_to_what_a_full_load_gives() {
    let names = [
        "Maria Lopez",
        "Dana Whitfield",
        "Tom Baker",
        "Ada Quinn",
        "Vertex Labs",
        "Orbital Systems",
        "Lopez",
        "Whitfield",
        "Nadia Berg",
        "Berg Technologies",
        "JASON RHODES",
        "Jason Rhodes",
        "Maria Lopes",
    ];
    let frames = [
        "CEO {} said the plan works.",
        "{}, who runs sales, agreed.",
        "{} joined {} in March 2024.",
        "Yesterday {} met {}.",
        "{} acquired {} for $2 billion.",
        "The weather was fine.",
        "{}",
        "According to {}, {} will grow.",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        usize::try_from(seed % n as u64).expect("small")
    };
    let text = |next: &mut dyn FnMut(usize) -> usize| {
        let mut t = format!("Title {}\n\n", next(1000));
        for _ in 0..=next(5) {
            let mut s = frames[next(frames.len())].to_string();
            while s.contains("{}") {
                s = s.replacen("{}", names[next(names.len())], 1);
            }
            t.push_str(&s);
            t.push(if next(3) == 0 { '\n' } else { ' ' });
        }
        t
    };
    let (d, cache) = (Dir::new(), Dir::new());
    let mut files: Vec<String> = (0..8).map(|i| format!("f{i}.txt")).collect();
    for f in &files {
        d.file(f, text(&mut next));
    }
    export(&d, cache.path(), &[]);
    let mut reused = 0;
    for round in 0..24 {
        match next(4) {
            0 if files.len() > 3 => {
                let f = files.remove(next(files.len()));
                std::fs::remove_file(d.path().join(f)).expect("rm");
            }
            1 => {
                let f = format!("n{round}.txt");
                d.file(&f, text(&mut next));
                files.push(f);
            }
            _ => {
                let f = &files[next(files.len())];
                d.file(f, text(&mut next));
            }
        }
        let trace = same_as_fresh(&d, cache.path());
        reused += usize::from(trace.contains("updating") && linked_only_changed(&trace));
    }
    assert!(reused > 0, "no update linked only the changed documents");
}

#[test]
fn search_never_answers_from_a_stale_summary() {
    let (d, cache) = (corpus(), Dir::new());
    let (s, _) = run(&d, cache.path(), &["search", "alpha", "-o", "name"]);
    assert_eq!(s, "Alpha title\n");
    let (_, hit) = run(&d, cache.path(), &["search", "alpha", "-o", "name"]);
    assert!(hit, "unchanged: from the cache");
    // Same size, one nanosecond later.
    let a = d.path().join("a.txt");
    let was = std::fs::metadata(&a).and_then(|m| m.modified()).expect("time");
    d.file("a.txt", "Alpine title\n\nCEO Maria Lopez said so.\n");
    std::fs::File::options()
        .write(true)
        .open(&a)
        .and_then(|f| f.set_modified(was + Duration::from_nanos(1)))
        .expect("touch");
    let (s, hit) = run(&d, cache.path(), &["search", "alpine", "-o", "name"]);
    assert!(!hit && s == "Alpine title\n", "{s}");
    // A .gitignore leaving a document out, then taken away.
    let ignore = d.file(".gitignore", "b.md\n");
    let (s, hit) = run(&d, cache.path(), &["search", "beta", "-o", "name"]);
    assert!(!hit && s.is_empty(), "{s}");
    std::fs::remove_file(ignore).expect("rm");
    let (s, hit) = run(&d, cache.path(), &["search", "beta", "-o", "name"]);
    assert!(!hit && s == "Beta\n", "{s}");
    let (_, hit) = run(&d, cache.path(), &["search", "beta", "-o", "name"]);
    assert!(hit);
}
