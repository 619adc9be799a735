//! Full-text search in the real explorer, in a pseudo-terminal: the index is built by the
//! search worker thread (in a temporary cache folder) and results arrive as messages.

mod util;

use util::pty::{assert_restored, Pty, ENTER};

#[test]
fn f_builds_the_index_on_its_worker_then_enter_opens_at_the_hit_and_n_moves() {
    let cache = util::Dir::new();
    let mut t = Pty::dossier_with_cache(cache.path(), &[], &[]);
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
