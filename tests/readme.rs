//! Every command example in the README's `sh` blocks runs as shown and prints what its comment
//! says: the line is taken from the README and run by bash with `dossier` on the `PATH`, from
//! the repository's folder (where the bundled corpus's `seeds/…` paths exist), with `~` a
//! temporary home holding a small `notes/ai-news` folder. Examples that open the explorer run
//! in a pseudo-terminal, with the keys their comment describes.

mod util;

use std::path::Path;
use std::process::{Command, Stdio};

use util::pty::Pty;

/// What an example must do: print these fragments on stdout (non-interactive), or, in a
/// terminal, be driven with these keys after the explorer has loaded, then show these
/// fragments once it has exited.
enum Expect {
    Prints(&'static [&'static str]),
    Keys(&'static [&'static [u8]], &'static [&'static str]),
}

/// One entry per README example, in README order. A README example missing here fails the
/// test, so a new example cannot go untested.
const EXAMPLES: &[(&str, Expect)] = &[
    ("dossier | xargs -n1 dossier show", Expect::Keys(&[b"p"], &["id: 000_81bc56f7dc5c9cfd", "mentions: Amazon"])),
    ("dossier -o json | jq .name", Expect::Keys(&[b" ", b"j", b" ", b"p"], &["\"Amazon puts AI models", "\""])),
    ("dossier -o path --print0 | xargs -0 wc -w", Expect::Keys(&[b"p"], &["seeds/000_81bc56f7dc5c9cfd.txt"])),
    ("dossier find 'trainium OR inferentia -\"nova\"'", Expect::Prints(&["seeds/001_8b8763c081a56482.txt:16:212:"])),
    ("dossier find 'launch* @person:andy-jassy' -o path", Expect::Prints(&["seeds/002_ad6a4f82e83b5067.txt\n"])),
    ("dossier list people", Expect::Prints(&["andy-jassy\n", "peter-desantis\n"])),
    ("dossier refs \"Andy Jassy\"", Expect::Prints(&["000_", "001_", "002_", "003_", "004_"])),
    ("dossier show trainium", Expect::Prints(&["Facts (1)", "“is in talks to sell its Trainium", "Documents (3)"])),
    ("dossier search desantis -o name", Expect::Prints(&["Peter DeSantis\n"])),
    ("dossier grep Annapurna", Expect::Prints(&["seeds/000_81bc56f7dc5c9cfd.txt:4:100:Peter DeSantis was"])),
    ("dossier check", Expect::Prints(&[])),
    (
        "dossier export | jq '.entities[] | select(.kind==\"person\") | .name'",
        Expect::Prints(&["\"Andy Jassy\"\n", "\"Peter DeSantis\"\n"]),
    ),
    ("dossier --corpus ~/notes/ai-news", Expect::Keys(&[b"q"], &[])),
    ("dossier --corpus ~/notes/ai-news list people", Expect::Prints(&["maria-lopes\n"])),
    ("dossier --corpus ~/notes/ai-news promote \"Ralf Habacker\" --kind person", Expect::Prints(&[])),
    ("dossier --corpus ~/notes/ai-news reject Debian", Expect::Prints(&[])),
    ("dossier --corpus ~/notes/ai-news merge \"Acme Energy\" --into \"Acme Energy Ltd\"", Expect::Prints(&[])),
    ("dossier --corpus ~/notes/ai-news catalog path", Expect::Prints(&["/.local/share/dossier/catalogs/ai-news-"])),
];

/// The command lines of the README's `sh` blocks that run dossier, without their comments.
fn readme_examples() -> Vec<String> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).expect("README");
    let mut out = Vec::new();
    let mut in_sh = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_sh = !in_sh && line.trim() == "```sh";
            continue;
        }
        if in_sh && line.starts_with("dossier") {
            let command = line.find("  #").map_or(line, |i| &line[..i]);
            out.push(command.trim_end().to_string());
        }
    }
    out
}

/// A home folder with `notes/ai-news` in it, and a `PATH` with dossier first.
struct Setting {
    home: util::Dir,
    cache: util::Dir,
    path: String,
}

impl Setting {
    fn new() -> Self {
        let home = util::Dir::new();
        home.file(
            "notes/ai-news/minister.md",
            "# Energy plan announced\n\nHealth Secretary Maria Lopes said on Monday that the \
             plan would be published in June. Lopes spoke to reporters in Lisbon.\n\nThe patch came \
             from Ralf Habacker. Addresses Debian was late again, said the Lisbon City Council, and \
             the council chair, Ms Jane Roe, agreed. Roe later joined Acme Energy. Acme Energy Ltd \
             said the CEO of Acme Energy Ltd would talk.\n",
        );
        let bin_dir = util::bin().parent().expect("bin dir").to_path_buf();
        let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
        Self { home, cache: util::Dir::new(), path }
    }

    fn env(&self) -> [(&'static str, String); 7] {
        [
            ("HOME", self.home.path().display().to_string()),
            // Catalogs made by editing go under this home, whatever the environment says.
            ("XDG_DATA_HOME", self.home.path().join(".local/share").display().to_string()),
            ("DOSSIER_DATA_DIR", String::new()),
            // The config too is this home's (none), whatever the environment says.
            ("XDG_CONFIG_HOME", self.home.path().join(".config").display().to_string()),
            ("DOSSIER_CONFIG_DIR", String::new()),
            ("DOSSIER_CACHE_DIR", self.cache.path().display().to_string()),
            ("PATH", self.path.clone()),
        ]
    }
}

fn needs_missing_program(command: &str) -> Option<&'static str> {
    let has = |p: &str| {
        Command::new("sh").args(["-c", &format!("command -v {p}")]).output().is_ok_and(|o| o.status.success())
    };
    ["jq", "xargs", "wc"].into_iter().find(|p| command.contains(&format!("| {p}")) && !has(p))
}

fn run_printing(s: &Setting, command: &str, want: &[&str]) {
    let out = Command::new("bash")
        .args(["-o", "pipefail", "-c", command])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .envs(s.env())
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .expect("bash");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "`{command}` failed\n--- stdout\n{stdout}\n--- stderr\n{stderr}");
    for w in want {
        assert!(stdout.contains(w), "`{command}` did not print {w:?}\n--- stdout\n{stdout}\n--- stderr\n{stderr}");
    }
}

fn run_in_terminal(s: &Setting, command: &str, keys: &[&[u8]], want: &[&str]) {
    let mut cmd = portable_pty::CommandBuilder::new("bash");
    cmd.args(["-o", "pipefail", "-c", &format!("{command}; echo \"exit=$?\"; sleep 1")]);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    for (k, v) in s.env() {
        cmd.env(k, v);
    }
    let mut t = Pty::spawn(cmd, 120, 40);
    // Loaded: the status line counts documents once reading ends.
    t.wait_for("? help");
    t.wait_for(" loaded · ");
    for k in keys {
        t.send(k);
    }
    t.wait_for("exit=");
    t.wait_exit();
    // Everything written to the terminal, scrolled off or not.
    let all = String::from_utf8_lossy(&t.raw()).into_owned();
    assert!(all.contains("exit=0"), "`{command}` failed:\n{}", t.screen());
    for w in want {
        assert!(all.contains(w), "`{command}` did not show {w:?}:\n{}", t.screen());
    }
}

#[test]
fn every_readme_example_runs_as_shown() {
    let listed: Vec<&str> = EXAMPLES.iter().map(|(c, _)| *c).collect();
    assert_eq!(readme_examples(), listed, "the README's examples and this test's list differ");
    let s = Setting::new();
    for (command, expect) in EXAMPLES {
        if let Some(p) = needs_missing_program(command) {
            eprintln!("skipped `{command}`: `{p}` is not installed (.ci/run installs it)");
            continue;
        }
        match expect {
            Expect::Prints(want) => run_printing(&s, command, want),
            Expect::Keys(keys, want) => run_in_terminal(&s, command, keys, want),
        }
    }
}
