//! Full-text search in the real explorer, in a pseudo-terminal: the index is built by the
//! search worker thread (in a temporary cache folder) and results arrive as messages.

mod util;

use portable_pty::CommandBuilder;
use util::pty::{assert_restored, Pty, ENTER};

#[test]
fn f_builds_the_index_on_its_worker_then_enter_opens_at_the_hit_and_n_moves() {
    let cache = util::Dir::new();
    let mut cmd = CommandBuilder::new(util::bin());
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    cmd.env("DOSSIER_DATA_DIR", util::empty_data_dir());
    cmd.env("DOSSIER_CONFIG_DIR", util::empty_config_dir());
    cmd.env("DOSSIER_CACHE_DIR", cache.path());
    let mut t = Pty::spawn(cmd, 120, 40);
    t.wait_for("People (9)");
    t.send(b"F").wait_for("5 documents indexed");
    t.send(b"trainium").wait_for("Search the text · 2 documents");
    t.send(ENTER).wait_for("/trainium  1/3");
    t.send(b"n").wait_for("/trainium  2/3");
    t.send(b"q");
    assert_eq!(t.wait_exit(), 0);
    assert_restored(&t.raw());
    assert!(cache.path().join("index").join("bundled").join("VERSION").is_file(), "the index is in the cache");
}
