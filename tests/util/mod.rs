//! Test harness: runs the real `dossier` binary in a temporary folder and shows expected and
//! actual output readably when an assertion fails.
#![allow(dead_code)]

pub mod harness;
pub mod pty;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Stdout lines.
    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }

    /// Asserts the exit code, printing both streams when it differs.
    #[track_caller]
    pub fn code(&self, want: i32) -> &Self {
        assert_eq!(self.code, want, "exit code\n--- stdout\n{}\n--- stderr\n{}", self.stdout, self.stderr);
        self
    }
}

/// A temporary folder to put documents in.
pub struct Dir {
    pub tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Self {
        Self { tmp: tempfile::tempdir().expect("temp dir") }
    }

    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    /// Writes a file (creating folders), returning its path.
    pub fn file(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.tmp.path().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, contents).expect("write");
        p
    }
}

/// The binary under test.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_dossier"))
}

/// A data directory of its own, empty: the tests never see catalogs the user made by curating
/// (a curated copy of the bundled catalog would change what the bundled corpus shows), nor the
/// bookmarks and marks an earlier run left (the explorer keeps marks in the data directory).
pub fn empty_data_dir() -> PathBuf {
    let dir = tempfile::Builder::new()
        .prefix("dossier-data-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("a temporary data directory");
    dir.keep()
}

/// A cache folder of its own, empty: the tests never write model or summary caches into the
/// developer's own cache folder, nor read ones an earlier run left.
pub fn empty_cache_dir() -> PathBuf {
    let dir = tempfile::Builder::new()
        .prefix("dossier-cache-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("a temporary cache directory");
    dir.keep()
}

/// A config folder with nothing in it: the tests never read the developer's own config.
pub fn empty_config_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("dossier-no-config")
}

impl From<std::process::Output> for Run {
    fn from(out: std::process::Output) -> Self {
        Self {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// Runs `dossier ARGS` with no stdin and returns what it printed.
pub fn dossier(args: &[&str]) -> Run {
    dossier_with_config(&empty_config_dir(), args)
}

/// Runs `dossier ARGS` reading its config file from `config_dir`.
pub fn dossier_with_config(config_dir: &Path, args: &[&str]) -> Run {
    Command::new(bin())
        .args(args)
        .env_remove("NO_COLOR")
        .env("DOSSIER_DATA_DIR", empty_data_dir())
        .env("DOSSIER_CACHE_DIR", empty_cache_dir())
        .env("DOSSIER_CONFIG_DIR", config_dir)
        .stdin(Stdio::null())
        .output()
        .expect("run dossier")
        .into()
}

/// Like [`dossier`] with `--corpus DIR` first.
pub fn dossier_in(dir: &Dir, args: &[&str]) -> Run {
    let d = dir.path().to_string_lossy().into_owned();
    let mut all = vec!["--corpus", d.as_str()];
    all.extend_from_slice(args);
    dossier(&all)
}
