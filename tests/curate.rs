//! Curation from the command line: each edit written to the catalog the corpus uses, the
//! catalog loaded again and checked, comments kept, bad edits refused with nothing written,
//! nothing written inside the corpus, two processes editing at once losing nothing.

mod util;

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use util::{bin, Dir, Run};

const TEXT: &str = "Thandiwe Mokoena met Addresses Debian at the harbour on Monday.\n\n\
                    Ms Mokoena said Addresses Debian was late. Ralf Habacker wrote the patch, and \
                    Habacker said it was ready.\n";

/// Runs dossier on a corpus with its data folder (for catalogs) and cache in DATA.
fn run(corpus: &Path, data: &Path, args: &[&str]) -> Run {
    let mut all = vec![std::ffi::OsStr::new("--corpus"), corpus.as_os_str()];
    all.extend(args.iter().map(std::ffi::OsStr::new));
    run_args(data, &all)
}

/// Runs dossier with these arguments, its data folder and cache in DATA.
fn run_args(data: &Path, args: &[&std::ffi::OsStr]) -> Run {
    Command::new(bin())
        .args(args)
        .env("DOSSIER_DATA_DIR", data.join("data"))
        .env("DOSSIER_CONFIG_DIR", util::empty_config_dir())
        .env("DOSSIER_CACHE_DIR", data.join("cache"))
        .stdin(Stdio::null())
        .output()
        .expect("run")
        .into()
}

/// Every file under a folder with its bytes.
fn tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).expect("read"));
            }
        }
    }
    out
}

fn entities(corpus: &Path, data: &Path) -> Vec<String> {
    run(corpus, data, &["list", "entities", "-o", "tsv"])
        .stdout
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            format!("{}:{}:{}", f[1], f[2], f[3])
        })
        .collect()
}

#[test]
fn each_edit_goes_to_the_data_catalog_and_the_corpus_is_never_written() {
    let (corpus, data) = (Dir::new(), Dir::new());
    corpus.file("a.txt", TEXT);
    let before = tree(corpus.path());
    let path = run(corpus.path(), data.path(), &["catalog", "path"]);
    path.code(0);
    let catalog = PathBuf::from(path.stdout.trim());
    assert!(catalog.starts_with(data.path()), "{}", catalog.display());
    assert!(!catalog.exists(), "not made before the first edit");
    let list = run(corpus.path(), data.path(), &["list", "candidates"]);
    assert!(list.stdout.contains("Addresses Debian"), "{}", list.stdout);

    run(corpus.path(), data.path(), &["reject", "Addresses Debian"]).code(0);
    assert!(!run(corpus.path(), data.path(), &["list", "candidates"]).stdout.contains("Addresses Debian"));
    run(corpus.path(), data.path(), &["promote", "Thandiwe Mokoena", "--kind", "person"]).code(0);
    run(corpus.path(), data.path(), &["alias", "Thandiwe Mokoena", "T. Mokoena"]).code(0);
    run(corpus.path(), data.path(), &["merge", "Ralf Habacker", "--into", "thandiwe-mokoena"]).code(0);
    run(corpus.path(), data.path(), &["kind", "thandiwe-mokoena", "org"]).code(0);
    run(corpus.path(), data.path(), &["rename", "thandiwe-mokoena", "Mokoena Group"]).code(0);
    let now = entities(corpus.path(), data.path());
    assert!(now.contains(&"thandiwe-mokoena:Mokoena Group:org".to_string()), "{now:?}");
    assert!(!now.iter().any(|e| e.contains("Habacker") || e.contains("Addresses")), "{now:?}");
    let show = run(corpus.path(), data.path(), &["show", "Mokoena Group"]);
    for alias in ["Thandiwe Mokoena", "T. Mokoena", "Ralf Habacker"] {
        assert!(show.stdout.contains(alias), "{alias} missing:\n{}", show.stdout);
    }
    // Every mention moved: both names and the surname link to the one entity.
    let json = run(corpus.path(), data.path(), &["list", "entities", "-o", "json"]);
    let v: serde_json::Value = json
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .find(|v: &serde_json::Value| v["id"] == "thandiwe-mokoena")
        .expect("there");
    assert_eq!(v["mentions"], 2, "both names link to it: {v}");
    let text = std::fs::read_to_string(&catalog).expect("catalog");
    assert!(text.contains("reject = [\"Addresses Debian\"]"), "{text}");
    assert_eq!(tree(corpus.path()), before, "the corpus folder changed");
}

#[test]
fn edits_keep_the_users_comments_and_order_in_their_own_catalog() {
    let (corpus, data) = (Dir::new(), Dir::new());
    corpus.file("a.txt", TEXT);
    let mine = "# My catalog — hand-written.\n\n[[entity]]\nid = \"tm\"   # short id on purpose\nkind = \"person\"\n\
                name = \"Thandiwe Mokoena\"\n\n# Habacker is next\n";
    let file = corpus.file("dossier.toml", mine);
    let path = run(corpus.path(), data.path(), &["catalog", "path"]);
    assert_eq!(PathBuf::from(path.stdout.trim()), file);
    run(corpus.path(), data.path(), &["alias", "tm", "Ms Mokoena"]).code(0);
    run(corpus.path(), data.path(), &["promote", "Ralf Habacker", "--kind", "person"]).code(0);
    let text = std::fs::read_to_string(&file).expect("read");
    assert!(
        text.starts_with("# My catalog — hand-written.\n\n[[entity]]\nid = \"tm\"   # short id on purpose\n"),
        "{text}"
    );
    assert!(text.contains("# Habacker is next"), "{text}");
    assert!(text.contains("aliases = [\"Ms Mokoena\"]"), "{text}");
    assert!(text.find("id = \"tm\"") < text.find("id = \"ralf-habacker\""), "{text}");
    let got = entities(corpus.path(), data.path());
    assert!(got.contains(&"ralf-habacker:Ralf Habacker:person".to_string()), "{got:?}");
    // No stray files next to it: the lock lives in the data folder, the temporary file is renamed.
    let names: Vec<String> = std::fs::read_dir(corpus.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let mut names = names;
    names.sort();
    assert_eq!(names, ["a.txt", "dossier.toml"]);
}

#[test]
fn bad_edits_are_refused_with_a_reason_and_nothing_is_written() {
    let (corpus, data) = (Dir::new(), Dir::new());
    corpus.file("a.txt", TEXT);
    let file = corpus.file("dossier.toml", "[[entity]]\nid = \"tm\"\nkind = \"person\"\nname = \"Thandiwe Mokoena\"\n\n[[entity]]\nid = \"rh\"\nkind = \"person\"\nname = \"Ralf Habacker\"\n");
    let before = std::fs::read(&file).expect("read");
    let refused = |args: &[&str], why: &str| {
        let r = run(corpus.path(), data.path(), args);
        r.code(2);
        assert!(r.stderr.contains(why), "{args:?}: {}", r.stderr);
        assert_eq!(std::fs::read(&file).expect("read"), before, "{args:?} wrote");
    };
    refused(&["merge", "tm", "--into", "Thandiwe Mokoena"], "into itself");
    refused(&["alias", "tm", "Ralf Habacker"], "already names Ralf Habacker");
    refused(&["alias", "tm", "  "], "empty");
    refused(&["alias", "tm", "bad\u{1b}[31mname"], "control character");
    refused(&["rename", "rh", "Thandiwe Mokoena"], "already names");
    refused(&["promote", "Ralf Habacker", "--kind", "org"], "already in the catalog");
    refused(&["reject", "nobody at all"], "no document or entity");
    refused(&["kind", "tm", "person"], "already a person");
    // The catalog changed on disk into invalid TOML: refused, and left as the user wrote it.
    std::fs::write(&file, "[[entity]\nid = ").expect("write");
    let r = run(corpus.path(), data.path(), &["alias", "tm", "TM"]);
    r.code(2);
    assert!(r.stderr.contains("dossier.toml"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "[[entity]\nid = ");
    // A mistyped corpus is refused, and no catalog is made for it.
    let typo = corpus.path().join("no-such-folder");
    let r = run(&typo, data.path(), &["promote", "X Y", "--kind", "person"]);
    r.code(2);
    assert!(r.stderr.contains("no such file or folder"), "{}", r.stderr);
    run(&typo, data.path(), &["catalog", "path"]).code(2);
    assert!(!data.path().join("data/catalogs").exists());
    // --no-catalog has nothing to edit.
    let r = run(corpus.path(), data.path(), &["--no-catalog", "alias", "tm", "TM"]);
    r.code(2);
    assert!(r.stderr.contains("--no-catalog"), "{}", r.stderr);
}

#[test]
fn an_ambiguous_name_lists_the_choices_and_fails() {
    let (corpus, data) = (Dir::new(), Dir::new());
    corpus.file("a.txt", TEXT);
    corpus.file(
        "dossier.toml",
        "[[entity]]\nid = \"jr1\"\nkind = \"person\"\nname = \"Jane Roe\"\n\n[[entity]]\nid = \"jr2\"\nkind = \"org\"\nname = \"Roe Ltd\"\naliases = [\"Jane Roe\"]\n",
    );
    let r = run(corpus.path(), data.path(), &["reject", "jane roe"]);
    r.code(2);
    assert!(r.stderr.contains("ambiguous") && r.stderr.contains("jr1") && r.stderr.contains("jr2"), "{}", r.stderr);
}

#[test]
fn two_processes_editing_at_once_lose_no_edit() {
    let (corpus, data) = (Dir::new(), Dir::new());
    corpus.file("a.txt", TEXT);
    let file = corpus.file("dossier.toml", "[[entity]]\nid = \"tm\"\nkind = \"person\"\nname = \"Thandiwe Mokoena\"\n");
    let children: Vec<_> = (0..12)
        .map(|i| {
            Command::new(bin())
                .arg("--corpus")
                .arg(corpus.path())
                .args(["alias", "tm", &format!("Alias Number {i}")])
                .env("DOSSIER_DATA_DIR", data.path().join("data"))
                .env("DOSSIER_CONFIG_DIR", util::empty_config_dir())
                .stdin(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().expect("wait");
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let text = std::fs::read_to_string(&file).expect("read");
    for i in 0..12 {
        assert!(text.contains(&format!("\"Alias Number {i}\"")), "alias {i} lost:\n{text}");
    }
}

#[test]
fn the_bundled_corpus_is_curated_in_a_copy_of_its_catalog() {
    let data = Dir::new();
    let run_bundled = |args: &[&str]| run_args(data.path(), &args.iter().map(std::ffi::OsStr::new).collect::<Vec<_>>());
    run_bundled(&["alias", "andy-jassy", "AJ"]).code(0);
    let path = run_bundled(&["catalog", "path"]).stdout;
    let text = std::fs::read_to_string(path.trim()).expect("the copy");
    assert!(text.starts_with("# The curated catalog of the bundled corpus"), "the bundled catalog was copied");
    assert!(text.contains("aliases = [\"Andy Jesse\", \"AJ\"]"), "{text}");
    let show = run_bundled(&["show", "AJ"]).stdout;
    assert!(show.starts_with("Andy Jassy"), "{show}");
    // Facts still come with it.
    let show = run_bundled(&["show", "trainium"]).stdout;
    assert!(show.contains("Facts (1)"), "{show}");
}

#[test]
fn a_missing_catalog_file_named_with_catalog_is_made_and_a_symlinked_one_followed() {
    let (corpus, data, elsewhere) = (Dir::new(), Dir::new(), Dir::new());
    corpus.file("a.txt", TEXT);
    let new = elsewhere.path().join("new.toml");
    let new_s = new.to_string_lossy().into_owned();
    run(corpus.path(), data.path(), &["--catalog", &new_s, "promote", "Ralf Habacker", "--kind", "person"]).code(0);
    assert!(std::fs::read_to_string(&new).expect("made").contains("name = \"Ralf Habacker\""));

    // dossier.toml a symbolic link to a private file elsewhere: the file is edited, the link
    // stays, the permissions are kept.
    let real = elsewhere.file("real.toml", "[[entity]]\nid = \"tm\"\nkind = \"person\"\nname = \"Thandiwe Mokoena\"\n");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    std::os::unix::fs::symlink(&real, corpus.path().join("dossier.toml")).expect("symlink");
    run(corpus.path(), data.path(), &["alias", "tm", "TM"]).code(0);
    assert!(std::fs::symlink_metadata(corpus.path().join("dossier.toml")).expect("meta").file_type().is_symlink());
    assert!(std::fs::read_to_string(&real).expect("read").contains("aliases = [\"TM\"]"));
    assert_eq!(std::fs::metadata(&real).expect("meta").permissions().mode() & 0o777, 0o600);
}

#[test]
fn promoting_an_alias_and_rejecting_an_inline_entity_are_refused() {
    let (corpus, data) = (Dir::new(), Dir::new());
    corpus.file("a.txt", TEXT);
    let file = corpus.file(
        "dossier.toml",
        "entity = [{ id = \"tm\", kind = \"person\", name = \"Thandiwe Mokoena\", aliases = [\"Mokoena\"] }]\n",
    );
    let before = std::fs::read(&file).expect("read");
    let r = run(corpus.path(), data.path(), &["promote", "Mokoena", "--kind", "person"]);
    r.code(2);
    assert!(r.stderr.contains("already names Thandiwe Mokoena"), "{}", r.stderr);
    let r = run(corpus.path(), data.path(), &["reject", "tm"]);
    r.code(2);
    assert!(r.stderr.contains("inline list"), "{}", r.stderr);
    assert_eq!(std::fs::read(&file).expect("read"), before);
}

#[test]
fn a_merge_into_a_child_does_not_make_a_catalog_that_hangs() {
    let (corpus, data) = (Dir::new(), Dir::new());
    corpus.file("a.txt", "Acme Corp and Globex Corp both said so. Globex Corp agreed with Acme Corp.\n");
    corpus.file(
        "dossier.toml",
        "[[entity]]\nid = \"acme\"\nkind = \"org\"\nname = \"Acme Corp\"\n\n\
         [[entity]]\nid = \"globex\"\nkind = \"org\"\nname = \"Globex Corp\"\nparent = \"acme\"\n",
    );
    run(corpus.path(), data.path(), &["merge", "acme", "--into", "globex"]).code(0);
    let r = run(corpus.path(), data.path(), &["check"]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(!std::fs::read_to_string(corpus.path().join("dossier.toml")).expect("read").contains("parent"));
}

#[test]
fn editing_a_known_entity_keeps_its_rules_and_maker() {
    let (corpus, data) = (Dir::new(), Dir::new());
    corpus.file(
        "a.txt",
        "Google released Gemini, a large language model, on Tuesday.\n\nMy zodiac sign is Gemini, she said.\n",
    );
    let before = run(corpus.path(), data.path(), &["show", "gemini"]);
    before.code(0);
    run(corpus.path(), data.path(), &["alias", "gemini", "Gemini Pro"]).code(0);
    let after = run(corpus.path(), data.path(), &["show", "gemini"]);
    assert!(after.stdout.contains("Gemini Pro"), "{}", after.stdout);
    let count = |s: &str| s.lines().find(|l| l.contains("a.txt")).map(str::to_string);
    assert_eq!(count(&before.stdout), count(&after.stdout), "the zodiac sign must not link:\n{}", after.stdout);
    let maker = |s: &str| s.lines().any(|l| l.contains("Google"));
    assert_eq!(maker(&before.stdout), maker(&after.stdout), "{}\n{}", before.stdout, after.stdout);
}
