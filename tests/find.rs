//! `dossier find`: full-text search through the on-disk index in the cache.

mod util;

use std::path::Path;
use std::process::{Command, Stdio};

use util::{bin, empty_config_dir, empty_data_dir, Dir, Run};

/// Runs `dossier --corpus CORPUS ARGS` with its cache in `cache`.
fn find(corpus: &Path, cache: &Path, args: &[&str]) -> Run {
    run(&mut command(corpus, cache, args))
}

/// The command `find` runs, for a test to add to.
fn command(corpus: &Path, cache: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.arg("--corpus")
        .arg(corpus)
        .args(args)
        .env_remove("NO_COLOR")
        .env("DOSSIER_DATA_DIR", empty_data_dir())
        .env("DOSSIER_CONFIG_DIR", empty_config_dir())
        .env("DOSSIER_CACHE_DIR", cache)
        .env("DOSSIER_TIMINGS", "1")
        .stdin(Stdio::null());
    c
}

fn run(c: &mut Command) -> Run {
    c.output().expect("run dossier").into()
}

/// The file names of the documents `find` printed with `-o path`, in order.
fn names(r: &Run) -> Vec<String> {
    r.lines()
        .iter()
        .map(|l| Path::new(l).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
        .collect()
}

fn corpus() -> Dir {
    let d = Dir::new();
    d.file("apple.md", "---\ntitle: Fruit notes\n---\nAn apple a day.\nPears are fine.\nThe apple tree in Köln.\n");
    d.file("pear.txt", "Only pears here, and a PEAR tart.\n");
    d.file("launch.txt", "The launch was delayed.\nLaunching again next week; launches are hard.\n");
    d.file("phrase.txt", "custom silicon matters\nsilicon custom is reversed\n");
    d.file("both.txt", "apple and pear together\n");
    d
}

#[test]
fn words_must_all_occur_and_lines_are_path_line_column_text() {
    let (d, cache) = (corpus(), Dir::new());
    let r = find(d.path(), cache.path(), &["find", "apple"]);
    r.code(0);
    let apple = d.path().join("apple.md").display().to_string();
    // Lines of the file, front matter counted; accents and case folded.
    assert!(r.lines().contains(&format!("{apple}:4:4:An apple a day.").as_str()), "{}", r.stdout);
    assert!(r.lines().contains(&format!("{apple}:6:5:The apple tree in Köln.").as_str()), "{}", r.stdout);
    let both = find(d.path(), cache.path(), &["find", "APPLE pear", "-o", "path"]);
    both.code(0);
    assert_eq!(names(&both), ["both.txt"], "{}", both.stdout);
    let koln = find(d.path(), cache.path(), &["find", "koln", "-o", "path"]);
    assert_eq!(names(&koln), ["apple.md"]);
}

#[test]
fn phrases_or_exclusions_and_prefixes() {
    let (d, cache) = (corpus(), Dir::new());
    let paths = |q: &str| {
        let r = find(d.path(), cache.path(), &["find", q, "-o", "path"]);
        let mut n = names(&r);
        n.sort();
        n
    };
    assert_eq!(paths("\"custom silicon\""), ["phrase.txt"]);
    assert!(paths("\"silicon matters custom\"").is_empty());
    assert_eq!(paths("apple OR tart"), ["apple.md", "both.txt", "pear.txt"]);
    assert_eq!(paths("apple -pear"), ["apple.md"]);
    assert_eq!(paths("launch*"), ["launch.txt"]);
    assert_eq!(paths("pear -\"pear tart\""), ["both.txt"]);
    // The title is searched too, and its line in the front matter shown.
    assert_eq!(paths("fruit"), ["apple.md"]);
    let title = find(d.path(), cache.path(), &["find", "fruit"]);
    let apple = d.path().join("apple.md").display().to_string();
    assert_eq!(title.lines(), [format!("{apple}:2:8:title: Fruit notes")], "{}", title.stdout);
    // The hits counted and given as ranges.
    let j = find(d.path(), cache.path(), &["find", "launch*", "-o", "json"]);
    let v: serde_json::Value = serde_json::from_str(j.lines()[0]).expect("json");
    assert_eq!(v["hits"], 3, "{v}");
    assert_eq!(v["lines"][1]["line"], 2);
    assert_eq!(v["lines"][1]["hits"][0], serde_json::json!([0, 9]));
}

#[test]
fn nothing_found_exits_1_and_a_bad_query_2_with_a_message() {
    let (d, cache) = (corpus(), Dir::new());
    let r = find(d.path(), cache.path(), &["find", "zzqxv"]);
    r.code(1);
    assert!(r.stdout.is_empty());
    for (bad, says) in [("\"open", "not closed"), ("-apple", "exclusions"), ("a @planet:x", "not a kind"), ("OR", "OR")]
    {
        let r = find(d.path(), cache.path(), &["find", bad]);
        r.code(2);
        assert!(r.stderr.contains("bad query") && r.stderr.contains(says), "{bad}: {}", r.stderr);
    }
}

#[test]
fn limit_keeps_the_best_and_ids_are_the_corpus_ids() {
    let (d, cache) = (corpus(), Dir::new());
    d.file("sub/apple.txt", "apple apple apple apple\n");
    let r = find(d.path(), cache.path(), &["find", "apple", "-o", "id"]);
    r.code(0);
    assert_eq!(r.lines().len(), 3, "{}", r.stdout);
    assert!(r.lines().contains(&"apple") && r.lines().contains(&"apple-2"), "{}", r.stdout);
    let one = find(d.path(), cache.path(), &["find", "apple", "--limit", "1", "-o", "path"]);
    assert_eq!(names(&one), ["apple.txt"], "the densest document first");
}

#[test]
fn the_index_follows_changed_new_and_deleted_files() {
    let (d, cache) = (corpus(), Dir::new());
    let first = find(d.path(), cache.path(), &["find", "pear", "-o", "path"]);
    assert!(first.stderr.contains("5 read"), "{}", first.stderr);
    let again = find(d.path(), cache.path(), &["find", "pear", "-o", "path"]);
    assert!(again.stderr.contains("0 read, 0 removed"), "nothing re-read: {}", again.stderr);
    d.file("pear.txt", "now about plums, and longer than before\n");
    std::fs::remove_file(d.path().join("both.txt")).expect("rm");
    d.file("new.txt", "a new pear\n");
    // --no-update answers from the index as it is: the new file is not seen yet.
    let stale = find(d.path(), cache.path(), &["find", "--no-update", "new", "-o", "path"]);
    stale.code(1);
    let r = find(d.path(), cache.path(), &["find", "pear", "-o", "path"]);
    assert!(r.stderr.contains("2 read, 2 removed"), "{}", r.stderr);
    let mut n = names(&r);
    n.sort();
    assert_eq!(n, ["new.txt"]);
    assert_eq!(names(&find(d.path(), cache.path(), &["find", "plums", "-o", "path"])), ["pear.txt"]);
}

#[test]
fn a_corrupt_index_or_one_of_another_version_is_made_again() {
    let (d, cache) = (corpus(), Dir::new());
    find(d.path(), cache.path(), &["find", "pear"]).code(0);
    let index = std::fs::read_dir(cache.path().join("index")).expect("index folder").next().expect("one").expect("e");
    let dir = index.path();
    // Every file of the index overwritten with garbage.
    for f in std::fs::read_dir(&dir).expect("files") {
        let p = f.expect("f").path();
        if p.is_file() && p.file_name().is_some_and(|n| n != "VERSION") {
            std::fs::write(&p, b"\x00garbage\xff").expect("corrupt");
        }
    }
    let r = find(d.path(), cache.path(), &["find", "pear", "-o", "path"]);
    r.code(0);
    assert!(r.stderr.contains("made again"), "{}", r.stderr);
    assert_eq!(names(&r).len(), 2, "{}", r.stdout);
    std::fs::write(dir.join("VERSION"), "dossier-fulltext-0").expect("old version");
    let r = find(d.path(), cache.path(), &["find", "pear", "-o", "path"]);
    assert!(r.stderr.contains("another version"), "{}", r.stderr);
    assert_eq!(names(&r).len(), 2);
    let r = find(d.path(), cache.path(), &["find", "pear", "-o", "path"]);
    assert!(!r.stderr.contains("made again"), "{}", r.stderr);
}

#[test]
fn nothing_is_written_in_the_corpus_and_a_cache_inside_it_is_refused() {
    let d = corpus();
    let before: Vec<_> =
        walkdir::WalkDir::new(d.path()).into_iter().filter_map(Result::ok).map(walkdir::DirEntry::into_path).collect();
    let cache = Dir::new();
    find(d.path(), cache.path(), &["find", "apple"]).code(0);
    let after: Vec<_> =
        walkdir::WalkDir::new(d.path()).into_iter().filter_map(Result::ok).map(walkdir::DirEntry::into_path).collect();
    assert_eq!(before, after);
    // --no-cache: an index of its own, in a temporary folder, and nothing left in the cache.
    let none = Dir::new();
    let r = find(d.path(), none.path(), &["--no-cache", "find", "apple", "-o", "path"]);
    assert_eq!(names(&r).len(), 2, "{}", r.stdout);
    assert_eq!(std::fs::read_dir(none.path()).expect("cache").count(), 0);
    let inside = d.path().join("cache");
    let r = find(d.path(), &inside, &["find", "apple"]);
    r.code(2);
    assert!(r.stderr.contains("inside the corpus"), "{}", r.stderr);
    assert!(!inside.exists());
}

#[test]
fn an_entity_filter_keeps_the_documents_that_mention_it() {
    let d = Dir::new();
    d.file(
        "dossier.toml",
        "[[entity]]\nid = \"jane-roe\"\nkind = \"person\"\nname = \"Jane Roe\"\n\n\
         [[entity]]\nid = \"acme\"\nkind = \"org\"\nname = \"Acme\"\n",
    );
    d.file("a.txt", "Jane Roe talked about the budget.\n");
    d.file("b.txt", "The budget of Acme grew.\n");
    d.file("c.txt", "Jane Roe joined Acme; the budget is hers.\n");
    let cache = Dir::new();
    let paths = |q: &str| {
        let mut n = names(&find(d.path(), cache.path(), &["find", q, "-o", "path"]));
        n.sort();
        n
    };
    assert_eq!(paths("budget"), ["a.txt", "b.txt", "c.txt"]);
    assert_eq!(paths("budget @person:jane-roe"), ["a.txt", "c.txt"]);
    assert_eq!(paths("budget @person:jane-roe @org:acme"), ["c.txt"]);
    let r = find(d.path(), cache.path(), &["find", "budget @person:nobody"]);
    r.code(2);
    assert!(r.stderr.contains("no person has the id or name `nobody`"), "{}", r.stderr);
}

#[test]
fn regression_a_temporary_folder_inside_the_corpus_is_refused() {
    // `find --no-cache` put its index in $TMPDIR; with $TMPDIR inside the corpus it wrote
    // there, then walked its own index files and printed them as results.
    let d = corpus();
    let tmp = d.path().join("tmp");
    std::fs::create_dir(&tmp).expect("tmp");
    let cache = Dir::new();
    let r = run(command(d.path(), cache.path(), &["--no-cache", "find", "apple OR version"]).env("TMPDIR", &tmp));
    r.code(2);
    assert!(r.stderr.contains("inside the corpus"), "{}", r.stderr);
    assert_eq!(std::fs::read_dir(&tmp).expect("tmp").count(), 0, "nothing written in the corpus");
}

#[cfg(unix)]
#[test]
fn regression_an_entity_filter_keeps_documents_under_a_linked_folder() {
    // The index names a file under a linked folder by the path walked ("root/linked/b.txt");
    // the filter looked for the link's target and dropped it.
    let d = Dir::new();
    d.file("dossier.toml", "[[entity]]\nid = \"jane-roe\"\nkind = \"person\"\nname = \"Jane Roe\"\n");
    d.file("a.txt", "Jane Roe talked about the budget.\n");
    let elsewhere = Dir::new();
    elsewhere.file("b.txt", "Jane Roe cut the budget.\n");
    std::os::unix::fs::symlink(elsewhere.path(), d.path().join("linked")).expect("symlink");
    let cache = Dir::new();
    // The folder as a relative path: the model has it as given, the index canonical.
    let name = Path::new(d.path().file_name().expect("a name"));
    let args = ["find", "budget @person:jane-roe", "-o", "path"];
    let r = run(command(name, cache.path(), &args).current_dir(d.path().parent().expect("a parent")));
    let mut n = names(&r);
    n.sort();
    assert_eq!(n, ["a.txt", "b.txt"], "{}", r.stderr);
}

#[test]
fn regression_a_phrase_across_a_line_break_prints_the_line_it_starts_on() {
    // The index matches a phrase across a line break; the lines were searched one by one, so
    // no line had a hit and a made-up line (the title at the body's first line) was printed.
    let d = Dir::new();
    d.file("w.md", "Wrapped\n\nWe think the custom\nsilicon plan is on track.\n");
    let cache = Dir::new();
    let r = find(d.path(), cache.path(), &["find", "\"custom silicon\""]);
    let line = r.code(0).lines().first().map(ToString::to_string).unwrap_or_default();
    assert!(line.ends_with("w.md:3:14:We think the custom"), "{line}");
}

/// Sets a file's modification time to `t`.
fn set_time(path: &Path, t: std::time::SystemTime) {
    std::fs::File::options().write(true).open(path).and_then(|f| f.set_modified(t)).expect("set time");
}

#[test]
fn no_stale_file_is_served_after_an_edit_in_the_same_nanosecond_size_or_an_ignore_change() {
    let (d, cache) = (corpus(), Dir::new());
    let pear = d.path().join("pear.txt");
    let was = std::fs::metadata(&pear).and_then(|m| m.modified()).expect("time");
    find(d.path(), cache.path(), &["find", "pear", "-o", "path"]).code(0);
    // Same size, one nanosecond later: read again.
    d.file("pear.txt", "Only plums here, and a PLUM tart..\n");
    set_time(&pear, was + std::time::Duration::from_nanos(1));
    let r = find(d.path(), cache.path(), &["find", "plum", "-o", "path"]);
    assert!(r.stderr.contains("1 read, 1 removed"), "{}", r.stderr);
    assert_eq!(names(&r), ["pear.txt"], "{}", r.stdout);
    // A .gitignore that leaves a file out removes it; removing the .gitignore brings it back.
    let ignore = d.file(".gitignore", "both.txt\n");
    let r = find(d.path(), cache.path(), &["find", "apple", "-o", "path"]);
    assert!(r.stderr.contains("0 read, 1 removed"), "{}", r.stderr);
    assert_eq!(names(&r), ["apple.md"], "{}", r.stdout);
    std::fs::remove_file(ignore).expect("rm");
    let mut n = names(&find(d.path(), cache.path(), &["find", "apple", "-o", "path"]));
    n.sort();
    assert_eq!(n, ["apple.md", "both.txt"]);
    // Unchanged: nothing read, and the same answer.
    let r = find(d.path(), cache.path(), &["find", "apple", "-o", "path"]);
    assert!(r.stderr.contains("0 read, 0 removed"), "{}", r.stderr);
}

#[test]
fn ids_follow_a_new_file_that_takes_an_unchanged_files_id() {
    let (d, cache) = (corpus(), Dir::new());
    let ids = |q: &str| {
        let r = find(d.path(), cache.path(), &["find", q, "-o", "tsv"]);
        let mut v: Vec<String> = r
            .lines()
            .iter()
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                format!("{} {}", f[0], Path::new(f[4]).strip_prefix(d.path()).unwrap_or(Path::new(f[4])).display())
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(ids("tart"), ["pear pear.txt"]);
    // Walked before `pear.txt`, the new file takes the id `pear`; the unchanged file is
    // `pear-2` now, as the corpus names them.
    d.file("a/pear.txt", "another tart\n");
    assert_eq!(ids("tart"), ["pear a/pear.txt", "pear-2 pear.txt"]);
    let corpus_ids = find(d.path(), cache.path(), &["list", "docs", "-o", "tsv"]).stdout;
    assert!(corpus_ids.contains("pear-2\t"), "{corpus_ids}");
    // The lookup file gone or damaged: the ids come from the stamps.
    let index = std::fs::read_dir(cache.path().join("index")).expect("index").next().expect("one").expect("e").path();
    std::fs::write(index.join("ids.bin"), b"\x01\x02damaged").expect("damage");
    assert_eq!(ids("tart"), ["pear a/pear.txt", "pear-2 pear.txt"]);
    std::fs::remove_file(index.join("ids.bin")).expect("rm");
    assert_eq!(ids("tart"), ["pear a/pear.txt", "pear-2 pear.txt"]);
    assert!(index.join("ids.bin").exists(), "written again");
}
