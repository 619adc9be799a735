//! The summary cache: used when nothing changed, rebuilt when a file's size or modification
//! time changes or the cache is corrupt, never written inside the corpus.

mod util;

use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

use util::{bin, Dir};

/// Runs `dossier --corpus CORPUS ARGS` with its cache in CACHE, returning stdout and whether
/// the summary came from the cache.
fn run(corpus: &Dir, cache: &std::path::Path, args: &[&str]) -> (String, bool) {
    let out = command(corpus, cache, args).env("DOSSIER_TIMINGS", "1").output().expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    (String::from_utf8_lossy(&out.stdout).into_owned(), err.contains("summary from the cache"))
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
