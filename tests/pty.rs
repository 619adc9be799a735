//! End-to-end tests of the real binary in a pseudo-terminal: keys in, screen out (parsed with
//! vt100), raw bytes checked. Waits poll the screen until it shows what is expected, with a
//! deadline; no fixed sleeps.

mod util;

use std::thread;
use std::time::{Duration, Instant};

use util::pty::{assert_restored, contains, Pty, BACKSPACE, CTRL_C, CTRL_P, DEADLINE, ENTER, TAB};

#[test]
fn open_jump_follow_a_link_and_come_back() {
    let mut t = Pty::dossier(&[]);
    // Loaded: documents come first, people when linking ends.
    t.wait_for("People (9)");
    t.send(ENTER).wait_for("5 Reader");
    // The first link is Amazon: following it shows Amazon's card.
    t.send(TAB).send(ENTER).wait_for("org · catalog · amazon");
    t.send(BACKSPACE).wait_for("In this document:");
    t.send(CTRL_P).wait_for("Jump");
    t.send(b"desantis").wait_for("person   Peter DeSantis");
    t.send(ENTER);
    let s = t.wait_for("reports_to");
    assert!(s.contains("Peter DeSantis"));
    t.send(b"q");
    assert_eq!(t.wait_exit(), 0);
    assert_restored(&t.raw());
}

#[test]
fn pick_with_stdout_a_pipe_prints_only_the_pick() {
    let dir = util::Dir::new();
    let out = dir.path().join("out");
    let script = format!("\"$DOSSIER\" -o id | cat > '{}'; echo \"exit=$?\"; sleep 2", out.display());
    let mut t = Pty::shell(&script);
    t.wait_for("People (9)");
    t.send(CTRL_P).wait_for("Jump");
    t.send(b"trainium").wait_for("chip     Trainium 3");
    t.send(ENTER).wait_for("5 Card");
    t.send(b"p");
    t.wait_for("exit=0");
    assert_eq!(std::fs::read_to_string(&out).expect("out"), "trainium\n");
    assert_restored(&t.raw());
}

#[test]
fn ctrl_c_exits_130_with_the_terminal_restored() {
    let mut t = Pty::shell("\"$DOSSIER\" </dev/null; echo \"exit=$?\"; stty -a; sleep 2");
    t.wait_for("Documents (5)");
    t.send(CTRL_C);
    let s = t.wait_for("exit=130");
    let after = t.wait_for("icanon");
    assert!(!after.contains("-icanon") && !after.contains("-echo "), "raw mode still on:\n{s}");
    assert_restored(&t.raw());
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut t = Pty::dossier(&[]);
    t.wait_for("Documents (5)");
    let pid = t.child.process_id().expect("pid");
    let killed = std::process::Command::new("kill").args(["-TERM", &pid.to_string()]).status().expect("kill");
    assert!(killed.success());
    assert_eq!(t.wait_exit(), 130);
    assert_restored(&t.raw());
}

#[test]
fn no_control_byte_from_a_document_reaches_the_terminal() {
    let dir = util::Dir::new();
    dir.file(
        "evil.txt",
        "Evil title\n\nclear\x1b[2J title\x1b]0;pwned\x07 clip\x1b]52;c;aGk=\x07 c1\u{9b}31m bell\x07 end\n",
    );
    let d = dir.path().to_string_lossy().into_owned();
    let mut t = Pty::dossier(&["--corpus", &d]);
    t.send(ENTER);
    // The screen can be read in the middle of a frame, and a frame draws its cells in order:
    // wait for the last of the shown controls, so the ones before it are drawn too.
    let s = t.wait_for("¤31m");
    assert!(s.contains("␛[2J") && s.contains("␛]0;pwned␇"), "{s}");
    t.send(b"q");
    t.wait_exit();
    let raw = t.raw();
    for bad in [&b"\x1b[2J"[..], b"\x1b]0;pwned", b"\x1b]52;", b"\xc2\x9b", b"\x07"] {
        assert!(!contains(&raw, bad), "{bad:?} reached the terminal");
    }
}

#[test]
fn sighup_restores_the_terminal() {
    let mut t = Pty::dossier(&[]);
    t.wait_for("Documents (5)");
    let pid = t.child.process_id().expect("pid");
    std::process::Command::new("kill").args(["-HUP", &pid.to_string()]).status().expect("kill");
    t.wait_exit();
    assert_restored(&t.raw());
}

#[test]
fn a_panic_restores_the_terminal_before_its_message() {
    let t = Pty::shell("RUST_BACKTRACE=0 DOSSIER_TEST_PANIC=1 \"$DOSSIER\"; echo \"exit=$?\"; stty -a; sleep 2");
    let s = t.wait_for("exit=101");
    assert!(s.contains("panicking on purpose"), "the message is visible on the main screen:\n{s}");
    let after = t.wait_for("icanon");
    assert!(!after.contains("-icanon"), "raw mode still on:\n{after}");
    assert_restored(&t.raw());
}

fn tree(root: &std::path::Path) -> Vec<(String, Vec<u8>, std::time::SystemTime)> {
    let mut v: Vec<_> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let m = e.metadata().expect("metadata");
            let bytes = if m.is_file() { std::fs::read(e.path()).expect("read") } else { Vec::new() };
            (e.path().display().to_string(), bytes, m.modified().expect("mtime"))
        })
        .collect();
    v.sort();
    v
}

#[test]
fn a_whole_session_writes_nothing_to_the_corpus_and_reports_what_it_skipped() {
    let dir = util::Dir::new();
    dir.file("a.md", "---\ntitle: Alpha\n---\nCEO Maria Lopez met Tom Baker, who runs sales.\n");
    dir.file("b.txt", "Maria Lopez said so.\n");
    dir.file("c.txt", [0u8, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 0]);
    dir.file("dossier.toml", "[[entity]]\nid = \"ml\"\nkind = \"person\"\nname = \"Maria Lopez\"\n");
    let before = tree(dir.path());
    let d = dir.path().to_string_lossy().into_owned();
    let mut t = Pty::dossier(&["--corpus", &d]);
    t.wait_for("2 loaded · 1 skipped");
    t.send(ENTER).send(TAB).send(ENTER).wait_for("person · catalog · ml");
    t.send(b"t").wait_for("Timeline of Maria Lopez (");
    t.send(CTRL_P).send(b"tom").wait_for("person   Tom Baker");
    t.send(ENTER).send(b" ").send(b"q");
    assert_eq!(t.wait_exit(), 0);
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn the_first_frame_comes_before_loading_ends_the_documents_fill_in_and_q_works_while_loading() {
    let dir = util::Dir::new();
    let para = "Maria Lopez, chief executive of Lumora Labs, said demand was strong. Tom Baker agreed. ".repeat(40);
    for i in 0..4000 {
        dir.file(&format!("{:02}/doc{i}.txt", i % 50), format!("Report {i}\n\n{para}\n"));
    }
    let d = dir.path().to_string_lossy().into_owned();
    let mut t = Pty::dossier(&["--corpus", &d]);
    // The status line shows progress: the interface is up while documents are still read. (A
    // frame can be caught half-written: wait for its last line too.)
    let start = Instant::now();
    loop {
        let s = t.screen();
        if s.contains("Documents (0)") && (s.contains("scanning") || s.contains("loading")) {
            break;
        }
        assert!(start.elapsed() < DEADLINE && !s.contains("Documents (4000)"), "no progress shown first:\n{s}");
        thread::sleep(Duration::from_millis(2));
    }
    // The Documents pane fills as soon as they are read, while linking goes on.
    let start = Instant::now();
    while !(t.screen().contains("Documents (4000)") && t.screen().contains("linking…")) {
        assert!(start.elapsed() < DEADLINE, "never showed the documents while linking:\n{}", t.screen());
        thread::sleep(Duration::from_millis(5));
    }
    t.send(b"q");
    assert_eq!(t.wait_exit(), 0);
    assert_restored(&t.raw());
}

/// `e` hands the terminal to `$VISUAL` on the document at the line in view, then takes it back:
/// keys work again and the terminal is restored at the end.
#[test]
fn e_opens_the_document_in_the_editor_and_the_explorer_comes_back() {
    let dir = util::Dir::new();
    let lines = (1..=60).map(|i| format!("Line {i} of the text.")).collect::<Vec<_>>().join("\n");
    let text = format!("---\ntitle: Front\n---\n{lines}\n");
    let doc = dir.file("a.md", text);
    let out = dir.path().join("editor-args");
    let editor = dir.file("editor.sh", format!("#!/bin/sh\necho \"$@\" > '{}'\n", out.display()));
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).expect("chmod");
    let script = format!(
        "VISUAL='{}' \"$DOSSIER\" --corpus '{}'; echo \"exit=$?\"; sleep 2",
        editor.display(),
        dir.path().join("a.md").display()
    );
    let mut t = Pty::shell(&script);
    t.wait_for("1 loaded");
    t.send(ENTER).wait_for("5 Reader");
    t.send(b"e");
    let start = std::time::Instant::now();
    while !out.exists() {
        assert!(start.elapsed() < DEADLINE, "the editor never ran:\n{}", t.screen());
        thread::sleep(Duration::from_millis(20));
    }
    thread::sleep(Duration::from_millis(100));
    assert_eq!(std::fs::read_to_string(&out).expect("args").trim(), format!("+4 {}", doc.display()));
    // Back in the explorer: keys are read again.
    t.send(b"?").wait_for("dossier — keys");
    t.send(b"q").send(b"q");
    t.wait_for("exit=0");
    assert_restored(&t.raw());
}

/// `o` runs `$DOSSIER_OPENER` with the document's front-matter URL, detached, and the explorer
/// goes on; `y` writes an OSC 52 sequence with the base64 of the id to the terminal, and
/// `DOSSIER_NO_OSC52=1` turns that off.
#[test]
fn o_runs_the_opener_with_the_url_and_y_copies_with_osc52() {
    let dir = util::Dir::new();
    dir.file("docs/a.md", "---\ntitle: Alpha\nurl: https://example.com/alpha\n---\nMaria Lopez met Tom Baker.\n");
    let out = dir.path().join("opener-args");
    let opener = dir.file("opener.sh", format!("#!/bin/sh\necho \"$@\" > '{}'\n", out.display()));
    std::fs::set_permissions(&opener, std::os::unix::fs::PermissionsExt::from_mode(0o755)).expect("chmod");
    let docs = dir.path().join("docs");
    let script = format!(
        "DOSSIER_OPENER='{}' \"$DOSSIER\" --corpus '{}'; echo \"exit=$?\"; sleep 2",
        opener.display(),
        docs.display()
    );
    let mut t = Pty::shell(&script);
    t.wait_for("1 loaded");
    t.send(b"o");
    let start = Instant::now();
    while !out.exists() {
        assert!(start.elapsed() < DEADLINE, "the opener never ran:\n{}", t.screen());
        thread::sleep(Duration::from_millis(20));
    }
    thread::sleep(Duration::from_millis(100));
    assert_eq!(std::fs::read_to_string(&out).expect("args").trim(), "https://example.com/alpha");
    t.send(b"y").wait_for("copied the id to the clipboard: a");
    t.send(b"q");
    t.wait_for("exit=0");
    // "a" in base64.
    assert!(contains(&t.raw(), b"\x1b]52;c;YQ==\x07"), "no OSC 52 sequence");
    assert_restored(&t.raw());

    let script = format!("DOSSIER_NO_OSC52=1 \"$DOSSIER\" --corpus '{}'; echo \"exit=$?\"; sleep 2", docs.display());
    let mut t = Pty::shell(&script);
    t.wait_for("1 loaded");
    t.send(b"y").wait_for("not copied: copying to the clipboard is off");
    t.send(b"q");
    t.wait_for("exit=0");
    assert!(!contains(&t.raw(), b"\x1b]52;"), "copied although turned off");
}

/// Issue 16.6: the real binary with a bad config file still opens the explorer, with the
/// default keys, and says what is wrong and where.
#[test]
fn a_bad_config_still_opens_the_explorer() {
    let d = util::Dir::new();
    d.file("config.toml", "[theme]\nperson = \"mauve\"\n");
    let mut t = Pty::dossier_with_config(d.path(), &[]);
    t.wait_for("config.toml:2:10");
    t.wait_for("People (9)");
    t.send(b"q");
    assert_eq!(t.wait_exit(), 0);
    assert_restored(&t.raw());
}

#[test]
fn a_reopened_folder_comes_from_the_model_cache_and_then_shows_the_files_changed_since() {
    let (corpus, cache) = (util::Dir::new(), util::Dir::new());
    corpus.file("a.txt", "Alpha\n\nChief executive Maria Lopez said so.\n");
    let corpus_arg = corpus.path().to_string_lossy().into_owned();
    let open = || Pty::dossier_with_cache(cache.path(), &["--corpus", &corpus_arg], &[]);
    let models = || model_files(cache.path());
    let mut t = open();
    t.wait_for("Maria Lopez");
    // The explorer writes the model cache after loading.
    let start = Instant::now();
    while models() == 0 {
        assert!(start.elapsed() < DEADLINE, "no model cache written");
        thread::sleep(Duration::from_millis(20));
    }
    t.send(b"q");
    assert_eq!(t.wait_exit(), 0);
    // An edit that keeps the size and the time is not seen by the stamps: the name shown is
    // the cached one, so the model came from the cache, not from the files.
    let a = corpus.path().join("a.txt");
    let modified = std::fs::metadata(&a).and_then(|m| m.modified()).expect("time");
    std::fs::write(&a, "Alpha\n\nChief executive Mario Lopez said so.\n").expect("write");
    std::fs::File::options().write(true).open(&a).and_then(|f| f.set_modified(modified)).expect("time back");
    let mut t = open();
    let s = t.wait_for("Maria Lopez");
    assert!(!s.contains("Mario Lopez"), "{s}");
    t.send(b"q");
    assert_eq!(t.wait_exit(), 0);
    // A file added since: the cached model is shown, then the update with the new person.
    corpus.file("b.txt", "Beta\n\nChief executive Dana Whitfield said hello to Maria Lopez.\n");
    let mut t = open();
    let s = t.wait_for("Dana Whitfield");
    assert!(s.contains("Maria Lopez"), "{s}");
    t.wait_for("People (2)");
    t.send(b"q");
    assert_eq!(t.wait_exit(), 0);
    assert!(!corpus.path().join(".cache").exists() && models() == 1);
}

#[test]
fn quitting_at_once_after_the_first_load_waits_for_the_model_cache_with_the_terminal_restored() {
    let (corpus, cache) = (util::Dir::new(), util::Dir::new());
    corpus.file("a.txt", "Alpha\n\nChief executive Maria Lopez said so.\n");
    // The write starts a second and a half after the load ends: well after the quit.
    let corpus_arg = corpus.path().to_string_lossy().into_owned();
    let mut t =
        Pty::dossier_with_cache(cache.path(), &["--corpus", &corpus_arg], &[("DOSSIER_TEST_CACHE_DELAY_MS", "1500")]);
    t.wait_for("Maria Lopez");
    t.send(b"q");
    assert_eq!(t.wait_exit(), 0);
    let raw = t.raw();
    assert_restored(&raw);
    let said = raw.windows(b"writing the model cache".len()).rposition(|w| w == b"writing the model cache");
    let left = raw.windows(b"\x1b[?1049l".len()).rposition(|w| w == b"\x1b[?1049l");
    assert!(said.is_some_and(|s| left.is_some_and(|l| s > l)), "said after the terminal was restored");
    assert!(contains(&raw, b" done"), "{}", String::from_utf8_lossy(&raw));
    assert_eq!(model_files(cache.path()), 1, "the model cache was written before the explorer ended");
}

/// How many model caches a cache folder holds.
fn model_files(cache: &std::path::Path) -> usize {
    std::fs::read_dir(cache)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "model"))
        .count()
}
