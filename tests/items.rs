//! The prepared item list `dossier search` reads beside the summary cache: the same output as a
//! search without any cache, in every format; a damaged list rebuilt, never trusted; a changed,
//! added or removed file never served stale.

mod util;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

use util::{bin, Dir};

/// What a run printed: stdout, exit code, and stderr (the trace included).
struct Out {
    stdout: String,
    code: i32,
    trace: String,
}

impl Out {
    fn read_list(&self) -> bool {
        self.trace.contains("item list from the cache")
    }
}

/// `dossier --corpus CORPUS ARGS` with its cache in CACHE and timings traced.
fn run(corpus: &Dir, cache: &Path, args: &[&str]) -> Out {
    let out = Command::new(bin())
        .arg("--corpus")
        .arg(corpus.path())
        .args(args)
        .env("DOSSIER_CACHE_DIR", cache)
        .env("DOSSIER_CONFIG_DIR", util::empty_config_dir())
        .env("DOSSIER_DATA_DIR", util::empty_data_dir())
        .env("DOSSIER_TIMINGS", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run");
    Out {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        code: out.status.code().unwrap_or(-1),
        trace: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Documents with aliases, dates, non-ASCII and control characters in titles, and a folder.
fn corpus() -> Dir {
    let d = Dir::new();
    d.file("a.txt", "Alpha report on Quillon Labs\n\nCEO Maria Lopez said Quillon Labs would grow.\n");
    d.file(
        "b.md",
        "---\ntitle: \"Beta \\u001b[31m red\\ttabbed\"\ndate: 2024-03-01\nentities:\n  people: [Tom Baker]\n---\n\
         Tom Baker, who runs sales at Quillon Labs, agreed with Maria Lopez.\n",
    );
    d.file("sub/c.md", "# Kölner Straße notes\n\nNadia Berg met Maria Lopez in Köln on 2024-05-02.\n");
    d.file("sub/d.txt", "Edge cases\n\nLindqvist Research and Atlas Edge were named by Nadia Berg.\n");
    d.file(
        "dossier.toml",
        "[[entity]]\nid = \"quillon\"\nname = \"Quillon Labs\"\nkind = \"org\"\naliases = [\"QL\", \"Quillon\"]\n",
    );
    d
}

const QUERIES: &[&str] = &[
    "r",
    "la",
    "edge",
    "lindqvis",
    "kolner",
    "köln",
    "Lopez",
    "'labs",
    "^quil",
    "ql$",
    "lopez !maria",
    "berg | baker",
    "@person a",
    "@doc e",
    "zzz",
    "",
];
const FORMATS: &[&str] = &["id", "name", "path", "json", "tsv"];

/// Every query in every format (and `--raw`, `--limit`): what each printed and its exit code.
fn all_outputs(d: &Dir, cache: &Path, extra: &[&str]) -> Vec<(String, String, i32)> {
    let mut all = Vec::new();
    for q in QUERIES {
        for f in FORMATS {
            let mut args = extra.to_vec();
            args.extend(["-o", f, "search", q]);
            let o = run(d, cache, &args);
            all.push((format!("{q} -o {f}"), o.stdout, o.code));
        }
        let mut args = extra.to_vec();
        args.extend(["--raw", "-o", "name", "search", q, "--limit", "2"]);
        let o = run(d, cache, &args);
        all.push((format!("{q} --raw --limit 2"), o.stdout, o.code));
    }
    all
}

#[test]
fn search_prints_the_same_from_the_item_list_as_without_any_cache() {
    let (d, cache) = (corpus(), Dir::new());
    let fresh = all_outputs(&d, cache.path(), &["--no-cache"]);
    assert!(fresh.iter().any(|(_, out, _)| out.contains("Kölner")), "{fresh:?}");
    assert!(fresh.iter().any(|(_, out, code)| out.is_empty() && *code == 1), "a query that finds nothing");
    assert!(std::fs::read_dir(cache.path()).expect("cache dir").next().is_none(), "--no-cache writes nothing");
    // The first call writes the summary and the list; the next ones read the list.
    let first = run(&d, cache.path(), &["search", "r"]);
    assert!(!first.read_list(), "{}", first.trace);
    let warm = all_outputs(&d, cache.path(), &[]);
    assert!(run(&d, cache.path(), &["search", "r"]).read_list());
    for (a, b) in fresh.iter().zip(&warm) {
        assert_eq!(a, b, "the item list changed the output of `{}`", a.0);
    }
    // With only the summary cached (the list removed before each call): rebuilt from it.
    let summary_only: Vec<_> = QUERIES
        .iter()
        .map(|q| {
            remove_lists(cache.path());
            let o = run(&d, cache.path(), &["-o", "json", "search", q]);
            assert!(o.trace.contains("summary from the cache") && !o.read_list(), "{}", o.trace);
            (format!("{q} -o json"), o.stdout, o.code)
        })
        .collect();
    let json: Vec<_> = fresh.iter().filter(|(what, _, _)| what.ends_with("-o json")).cloned().collect();
    assert_eq!(summary_only, json);
}

fn lists(cache: &Path) -> Vec<std::path::PathBuf> {
    let files = std::fs::read_dir(cache).expect("cache dir").map(|e| e.expect("entry").path());
    files.filter(|p| p.extension().is_some_and(|x| x == "items")).collect()
}

fn remove_lists(cache: &Path) {
    for p in lists(cache) {
        std::fs::remove_file(p).expect("remove");
    }
}

#[test]
fn a_damaged_item_list_is_rebuilt_not_trusted() {
    let (d, cache) = (corpus(), Dir::new());
    let want = run(&d, cache.path(), &["-o", "json", "search", "la"]);
    assert!(want.code == 0 && want.stdout.lines().count() > 1, "{}", want.stdout);
    let list = lists(cache.path()).pop().expect("an item list beside the summary");
    let good = std::fs::read(&list).expect("read");
    let damages: Vec<(&str, Vec<u8>)> = vec![
        ("cut in half", good[..good.len() / 2].to_vec()),
        ("cut by one byte", good[..good.len() - 1].to_vec()),
        ("empty", Vec::new()),
        ("garbage", b"\xff\xfe not an item list at all".to_vec()),
        ("a byte changed in the middle", {
            let mut b = good.clone();
            let mid = b.len() / 2;
            b[mid] ^= 0x20;
            b
        }),
        ("a byte changed in the key", {
            let mut b = good.clone();
            b[20] ^= 0x01;
            b
        }),
    ];
    for (what, bytes) in damages {
        std::fs::write(&list, &bytes).expect("damage");
        let o = run(&d, cache.path(), &["-o", "json", "search", "la"]);
        assert!(!o.read_list(), "{what}: {}", o.trace);
        assert!(o.trace.contains("item list cache"), "{what}: the rebuild is traced: {}", o.trace);
        assert_eq!((o.stdout, o.code), (want.stdout.clone(), 0), "{what}");
        // Rebuilt: the next call reads it.
        let again = run(&d, cache.path(), &["-o", "json", "search", "la"]);
        assert!(again.read_list(), "{what}: {}", again.trace);
        assert_eq!(again.stdout, want.stdout, "{what}");
    }
}

fn touch(p: &Path, secs: u64) {
    let f = std::fs::File::options().write(true).open(p).expect("open");
    f.set_modified(SystemTime::now() + Duration::from_secs(secs)).expect("touch");
}

#[test]
fn an_edited_added_or_removed_file_is_never_served_stale() {
    let (d, cache) = (corpus(), Dir::new());
    let search = |q: &str| run(&d, cache.path(), &["-o", "name", "search", q]);
    search("alpha");
    let o = search("alpha");
    assert!(o.read_list() && o.stdout.contains("Alpha report"), "{} {}", o.stdout, o.trace);
    // The same size, another title, a new modification time.
    let a = d.file("a.txt", "Omega report on Quillon Labs\n\nCEO Maria Lopez said Quillon Labs would grow.\n");
    touch(&a, 5);
    let o = search("report");
    assert!(!o.read_list(), "{}", o.trace);
    assert!(o.stdout.contains("Omega report") && !o.stdout.contains("Alpha report"), "{}", o.stdout);
    assert!(search("report").read_list());
    // An added file.
    d.file("sub/new.txt", "Zephyr memo\n\nNothing much.\n");
    let o = search("zephyr");
    assert!(!o.read_list() && o.stdout == "Zephyr memo\n", "{} {}", o.stdout, o.trace);
    assert!(search("zephyr").read_list());
    // A removed one.
    std::fs::remove_file(d.path().join("sub/new.txt")).expect("rm");
    let o = search("zephyr");
    assert!(!o.read_list() && o.stdout.is_empty() && o.code == 1, "{} {}", o.stdout, o.trace);
    // Each answer equals a search without any cache.
    for q in ["report", "zephyr", "la"] {
        let fresh = run(&d, cache.path(), &["--no-cache", "-o", "name", "search", q]);
        assert_eq!(search(q).stdout, fresh.stdout, "{q}");
    }
}
