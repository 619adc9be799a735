//! Finding documents: folders walked as ripgrep walks them (the `ignore` crate: `.gitignore`
//! and `.ignore` respected, hidden files skipped, `--glob` and `--type` filters), and text
//! told from binary by the first block of a file, as git and ripgrep do.

use std::io::Read as _;

use rayon::prelude::*;
use std::path::{Path, PathBuf};

use crate::model::{Problem, Severity};

/// How a walk chooses files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct WalkOptions {
    /// rg-style globs over paths relative to the folder: `*.md` keeps only those, `!drafts/**`
    /// leaves those out.
    pub globs: Vec<String>,
    /// File types to keep (`md`, `txt`, `rst`, … as ripgrep names them); empty keeps all.
    pub types: Vec<String>,
    /// Read files that `.gitignore` and `.ignore` files exclude too.
    pub no_ignore: bool,
}

/// A file's size and modification time (nanoseconds since 1970), as the walk saw them: what
/// every cache compares to tell an unchanged file (an edit that keeps the size still changes
/// the time).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct FileStamp {
    /// Size in bytes.
    pub len: u64,
    /// Modification time in nanoseconds since 1970 (0 when the system gives none).
    pub modified_ns: u64,
}

impl FileStamp {
    /// The stamp of a file's metadata.
    #[must_use]
    pub fn of(m: &std::fs::Metadata) -> Self {
        let ns =
            m.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
        Self { len: m.len(), modified_ns: u64::try_from(ns).unwrap_or(u64::MAX) }
    }

    /// The stamp of a file now; `None` when it cannot be read.
    #[must_use]
    pub fn now(path: &Path) -> Option<Self> {
        std::fs::metadata(path).ok().map(|m| Self::of(&m))
    }
}

/// The files a walk found, and what it skipped.
#[derive(Debug, Default)]
pub struct Scan {
    /// Document files, in a stable order (each folder's entries by name, depth first).
    pub files: Vec<PathBuf>,
    /// Each file's stamp, taken in the same pass as the walk (`files[i]` has `stamps[i]`).
    pub stamps: Vec<FileStamp>,
    /// Files skipped because they are not text (by name or by their first block).
    pub skipped_other: usize,
    /// Folders, links and filters that could not be used.
    pub problems: Vec<Problem>,
}

/// Extensions that are always read as documents.
pub const TEXT_EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "mdown", "mkd", "rst", "org", "adoc", "asciidoc", "text", "tex", "textile", "wiki", "srt",
    "vtt",
];

/// Extensions that are never documents, so their files are not even opened.
const BINARY_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "bmp", "ico", "webp", "tiff", "svgz", "pdf", "zip", "gz", "tgz", "bz2", "xz", "zst",
    "7z", "rar", "tar", "jar", "war", "exe", "dll", "so", "dylib", "a", "o", "obj", "class", "pyc", "wasm", "bin",
    "dat", "db", "sqlite", "mp3", "mp4", "m4a", "wav", "flac", "ogg", "avi", "mov", "mkv", "webm", "woff", "woff2",
    "ttf", "otf", "eot", "psd", "xls", "xlsx", "doc", "docx", "ppt", "pptx", "odt", "ods", "iso", "dmg", "deb", "rpm",
    "lock", "rlib", "rmeta", "idx", "pack",
];

/// Extensions of source code and data files: text, but not documents to read.
const CODE_EXTENSIONS: &[&str] = &[
    "rs", "py", "js", "mjs", "cjs", "ts", "jsx", "tsx", "c", "h", "cc", "cpp", "cxx", "hpp", "hh", "java", "go", "rb",
    "php", "pl", "pm", "sh", "bash", "zsh", "fish", "ps1", "bat", "cmd", "swift", "kt", "kts", "scala", "cs", "fs",
    "m", "mm", "r", "jl", "lua", "dart", "zig", "nim", "hs", "ml", "mli", "ex", "exs", "erl", "hrl", "clj", "cljs",
    "el", "vim", "toml", "json", "jsonl", "yaml", "yml", "xml", "ini", "cfg", "conf", "css", "scss", "sass", "less",
    "html", "htm", "xhtml", "svg", "csv", "tsv", "sql", "proto", "mod", "sum", "gradle", "cmake", "mk", "am", "in",
    "ac", "m4", "patch", "diff", "pem", "crt", "key", "asc", "sig", "map", "snap", "orig", "rej", "bak", "swp",
];

/// How much of a file is looked at to tell text from binary (git looks at 8,000 bytes).
pub const SNIFF: usize = 8192;

/// Whether the first block of a file is binary: a NUL byte (as git and ripgrep decide), or
/// mostly bytes that are neither text nor UTF-8.
#[must_use]
pub fn is_binary(head: &[u8]) -> bool {
    if head.contains(&0) {
        return true;
    }
    // A block may end inside a character: only complete characters are judged.
    let valid = match std::str::from_utf8(head) {
        Ok(s) => s,
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or(""),
        Err(_) => {
            let lossy = String::from_utf8_lossy(head);
            let bad = lossy.chars().filter(|&c| c == '\u{fffd}').count();
            // Latin-1 text has a few such bytes; binary data has many.
            return bad * 3 > lossy.chars().count().max(1);
        }
    };
    // Counted on bytes: characters are the bytes that start one, and the control characters
    // are C0 and DEL (one byte each) and C1 (`C2 80` to `C2 9F`).
    let b = valid.as_bytes();
    let chars = b.iter().filter(|&&x| x & 0xC0 != 0x80).count();
    let c0 =
        b.iter().filter(|&&x| (x < 0x20 && !matches!(x, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b)) || x == 0x7f).count();
    let c1 = b.windows(2).filter(|w| w[0] == 0xC2 && (0x80..=0x9F).contains(&w[1])).count();
    (c0 + c1) * 10 > chars.max(1)
}

/// Whether a file is a document: a text extension ("notes.md", "guide.rst"), else, when its
/// name is not that of binary, code or data ("README", "NEWS", "README.Debian"), text in
/// its first block.
fn is_text_file(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some(e) if TEXT_EXTENSIONS.contains(&e) => true,
        Some(e) if BINARY_EXTENSIONS.contains(&e) || CODE_EXTENSIONS.contains(&e) => false,
        _ => first_block(path).is_some_and(|head| !head.is_empty() && !is_binary(&head)),
    }
}

/// The first [`SNIFF`] bytes of a file.
#[must_use]
pub fn first_block(path: &Path) -> Option<Vec<u8>> {
    let mut f = std::fs::File::open(path).ok()?;
    let mut buf = vec![0; SNIFF];
    let mut n = 0;
    while n < SNIFF {
        match f.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(_) => return None,
        }
    }
    buf.truncate(n);
    Some(buf)
}

/// Walks each root. A root that is a file is read whatever its name (it was asked for); in a
/// folder, files are documents by extension or by content, hidden files and folders are
/// skipped, `.gitignore` and `.ignore` are respected unless `no_ignore`, symlinks are followed
/// without looping, and `globs` and `types` filter what is left. Every file found is stamped
/// in the same pass; the folders are walked on all cores, then put in order.
#[must_use]
pub fn scan(roots: &[PathBuf], opts: &WalkOptions) -> Scan {
    let mut out = Scan::default();
    for root in roots {
        if !root.exists() {
            out.problems.push(Problem::new(Severity::Error, root, "no such file or folder"));
            continue;
        }
        if root.is_file() {
            if let Some(stamp) = FileStamp::now(root) {
                out.files.push(root.clone());
                out.stamps.push(stamp);
            }
            continue;
        }
        let walk = walker(root, opts, &mut out.problems);
        let found = std::sync::Mutex::new(Found::default());
        walk.build_parallel().run(|| {
            let found = &found;
            // Each thread keeps its own lists and hands them over when it ends.
            let mut flush = Flush(found, Found::default());
            Box::new(move |entry| {
                flush.1.add(entry, root);
                ignore::WalkState::Continue
            })
        });
        let mut found = found.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        // Sorted by a key compared as plain bytes (`memcmp`), made once per file.
        let mut keyed: Vec<(Vec<u8>, PathBuf, FileStamp)> =
            found.files.into_par_iter().map(|(p, s)| (order_key(&p), p, s)).collect();
        keyed.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        found.problems.sort_by_cached_key(|p| order_key(&p.path));
        out.skipped_other += found.skipped;
        out.problems.extend(found.problems);
        out.files.reserve(keyed.len());
        out.stamps.reserve(keyed.len());
        for (_, p, s) in keyed {
            out.files.push(p);
            out.stamps.push(s);
        }
    }
    out
}

/// One number for a list of files and their stamps, in order: any file added, removed,
/// renamed, reordered, resized or touched changes it (but for a 64-bit collision). Paths are
/// hashed from after `under` when they start with it, so that a folder named two ways gives
/// the same number. Hashed in blocks on all cores, without allocating per file.
#[must_use]
pub fn digest(files: &[PathBuf], stamps: &[FileStamp], under: Option<&Path>) -> u64 {
    use std::hash::{Hash, Hasher};
    use std::os::unix::ffi::OsStrExt as _;
    const BLOCK: usize = 4096;
    let blocks: Vec<u64> = files
        .par_chunks(BLOCK)
        .zip(stamps.par_chunks(BLOCK))
        .map(|(files, stamps)| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            for (p, s) in files.iter().zip(stamps) {
                let p = under.and_then(|u| p.strip_prefix(u).ok()).unwrap_or(p);
                p.as_os_str().as_bytes().hash(&mut h);
                s.hash(&mut h);
            }
            h.finish()
        })
        .collect();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (files.len(), stamps.len(), blocks).hash(&mut h);
    h.finish()
}

/// A digest of the files under `root` that a walk could read as documents, for telling
/// whether anything changed, and how many there are: the same walk as [`scan`] (ignore files,
/// hidden files, globs, types, links), without what a freshness check does not need. Files are
/// not opened to tell text from binary (a file that is not a document by its name alone is
/// counted: its change costs a reload, never a stale answer), no list is kept or sorted, and
/// each file's path (relative to `root`) and stamp are hashed on the walking thread and
/// summed, so the order the threads meet them does not matter. Any file added, removed,
/// renamed, resized or touched changes it (but for a 64-bit collision).
#[must_use]
pub fn fingerprint(root: &Path, opts: &WalkOptions) -> (usize, u64) {
    if root.is_file() {
        return FileStamp::now(root).map_or((0, 0), |s| (1, file_hash(b"", s)));
    }
    if !root.exists() {
        return (0, 0);
    }
    let walk = walker(root, opts, &mut Vec::new());
    let total = std::sync::Mutex::new((0usize, 0u64));
    let under = root.as_os_str().len();
    walk.build_parallel().run(|| {
        let mut mine = Tally(&total, 0, 0);
        Box::new(move |entry| {
            if let Ok(e) = entry {
                if e.file_type().is_some_and(|t| t.is_file()) && may_be_text_file(e.path()) {
                    if let Some(stamp) = e.metadata().ok().map(|m| FileStamp::of(&m)) {
                        use std::os::unix::ffi::OsStrExt as _;
                        let p = e.path().as_os_str().as_bytes();
                        let rel = p.get(under..).map_or(p, |r| r.strip_prefix(b"/").unwrap_or(r));
                        mine.add(rel, stamp);
                    }
                }
            }
            ignore::WalkState::Continue
        })
    });
    let (n, sum) = total.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    (n, sum ^ (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// One file's part of a [`fingerprint`].
fn file_hash(rel: &[u8], s: FileStamp) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    rel.hash(&mut h);
    s.hash(&mut h);
    h.finish()
}

/// A thread's count and sum for [`fingerprint`], added to the total when its visitor is dropped.
struct Tally<'a>(&'a std::sync::Mutex<(usize, u64)>, usize, u64);

impl Tally<'_> {
    /// Counts one file (a method, so that the visitor owns the whole tally and drops it last).
    fn add(&mut self, rel: &[u8], s: FileStamp) {
        self.1 += 1;
        self.2 = self.2.wrapping_add(file_hash(rel, s));
    }
}

impl Drop for Tally<'_> {
    fn drop(&mut self) {
        let mut all = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        all.0 += self.1;
        all.1 = all.1.wrapping_add(self.2);
    }
}

/// Whether a file can be a document by its name alone: [`is_text_file`] without reading it.
fn may_be_text_file(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    !matches!(ext.as_deref(), Some(e) if BINARY_EXTENSIONS.contains(&e) || CODE_EXTENSIONS.contains(&e))
}

/// What one walking thread found.
#[derive(Default)]
struct Found {
    files: Vec<(PathBuf, FileStamp)>,
    skipped: usize,
    problems: Vec<Problem>,
}

impl Found {
    fn add(&mut self, entry: Result<ignore::DirEntry, ignore::Error>, root: &Path) {
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                if !is_text_file(e.path()) {
                    self.skipped += 1;
                    return;
                }
                // With links followed, the entry's metadata is its target's.
                match e.metadata() {
                    Ok(m) => self.files.push((e.into_path(), FileStamp::of(&m))),
                    Err(err) => {
                        let path = e.path().to_path_buf();
                        self.problems.push(Problem::new(Severity::Warning, path, err.to_string()));
                    }
                }
            }
            Ok(_) => {}
            Err(err) => {
                let reason = err.to_string();
                let reason = if reason.contains("File system loop") {
                    "symlink loop, not followed".to_string()
                } else if reason.contains("No such file") {
                    "dangling symlink".to_string()
                } else {
                    reason
                };
                let path = error_path(&err).unwrap_or_else(|| root.to_path_buf());
                self.problems.push(Problem::new(Severity::Warning, path, reason));
            }
        }
    }
}

/// A thread's findings, handed to the shared list when the thread's visitor is dropped.
struct Flush<'a>(&'a std::sync::Mutex<Found>, Found);

impl Drop for Flush<'_> {
    fn drop(&mut self) {
        let mine = std::mem::take(&mut self.1);
        let mut all = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        all.files.extend(mine.files);
        all.skipped += mine.skipped;
        all.problems.extend(mine.problems);
    }
}

/// What orders paths as a walk that visits each folder's entries by name, depth first: the
/// path's bytes with the separator made NUL, below every other byte (a path has no NUL), so
/// that `a/z` comes before `a.md`; compared as bytes, that is comparing the components in turn.
fn order_key(p: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt as _;
    p.as_os_str().as_bytes().iter().map(|&c| if c == b'/' { 0 } else { c }).collect()
}

/// The walker of one folder with the options' filters; a bad filter is a problem.
fn walker(root: &Path, opts: &WalkOptions, problems: &mut Vec<Problem>) -> ignore::WalkBuilder {
    let mut walk = ignore::WalkBuilder::new(root);
    walk.follow_links(true)
        .hidden(true)
        .git_ignore(!opts.no_ignore)
        .git_global(false)
        .git_exclude(!opts.no_ignore)
        .ignore(!opts.no_ignore)
        .parents(!opts.no_ignore)
        .require_git(false);
    if !opts.globs.is_empty() {
        let mut b = ignore::overrides::OverrideBuilder::new(root);
        for g in &opts.globs {
            if let Err(e) = b.add(g) {
                problems.push(Problem::new(Severity::Error, root, format!("bad --glob `{g}`: {e}")));
            }
        }
        match b.build() {
            Ok(o) => {
                walk.overrides(o);
            }
            Err(e) => problems.push(Problem::new(Severity::Error, root, format!("bad --glob: {e}"))),
        }
    }
    if !opts.types.is_empty() {
        let mut b = ignore::types::TypesBuilder::new();
        b.add_defaults();
        for t in &opts.types {
            b.select(t);
        }
        match b.build() {
            Ok(t) => {
                walk.types(t);
            }
            Err(e) => problems.push(Problem::new(Severity::Error, root, format!("bad --type: {e}"))),
        }
    }
    walk
}

/// The path a walk error is about, looking inside the layers the walker wraps it in.
fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        ignore::Error::Partial(errs) => errs.iter().find_map(error_path),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_is_decided_by_the_first_block() {
        assert!(is_binary(b"text\0more"));
        assert!(!is_binary("plain text, caf\u{e9}\n".as_bytes()));
        let noise: Vec<u8> = (0..4000u32).map(|i| ((i * 7919 + 13) % 251 + 1) as u8).collect();
        assert!(is_binary(&noise), "mixed binary bytes without NUL");
        // A block cut inside a character is still text.
        let cut = "é".repeat(10);
        assert!(!is_binary(&cut.as_bytes()[..cut.len() - 1]));
    }

    #[test]
    fn the_parallel_walk_keeps_the_order_of_a_sorted_walk_and_stamps_every_file() {
        let d = tempfile::tempdir().expect("tmp");
        let names = ["a.md", "a/z.md", "a/b/c.md", "a-b.md", "A.md", "ab/x.md", "a.b/y.md", "é.md", "z/a.md", "0.md"];
        for n in names {
            let path = d.path().join(n);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, n).expect("write");
        }
        let found = scan(&[d.path().to_path_buf()], &WalkOptions::default());
        let sorted: Vec<PathBuf> = walkdir::WalkDir::new(d.path())
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(walkdir::DirEntry::into_path)
            .collect();
        assert_eq!(found.files, sorted);
        assert_eq!(found.stamps.len(), found.files.len());
        for (p, s) in found.files.iter().zip(&found.stamps) {
            assert_eq!(Some(*s), FileStamp::now(p), "{}", p.display());
        }
        // The digest sees a change of one nanosecond, and does not depend on the folder's name.
        let sum = digest(&found.files, &found.stamps, Some(d.path()));
        assert_eq!(sum, digest(&found.files, &found.stamps, Some(d.path())));
        let mut later = found.stamps.clone();
        later[3].modified_ns += 1;
        assert_ne!(sum, digest(&found.files, &later, Some(d.path())));
        let moved: Vec<PathBuf> = found
            .files
            .iter()
            .map(|p| Path::new("/elsewhere").join(p.strip_prefix(d.path()).expect("under")))
            .collect();
        assert_eq!(sum, digest(&moved, &found.stamps, Some(Path::new("/elsewhere"))));
        assert_ne!(sum, digest(&found.files[1..], &found.stamps[1..], Some(d.path())));
    }

    #[test]
    fn the_fingerprint_sees_every_change_and_not_the_folder_s_name() {
        let d = tempfile::tempdir().expect("tmp");
        let w = |p: &str, b: &[u8]| {
            let path = d.path().join(p);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(&path, b).expect("write");
            path
        };
        for n in ["a.md", "b/c.txt", "b/d/e.md", "README", "x.png", "ignored.txt"] {
            w(n, n.as_bytes());
        }
        w(".gitignore", b"ignored.txt\n");
        let o = WalkOptions::default();
        let fp = || fingerprint(d.path(), &o);
        let first = fp();
        // Documents and files that may be documents by name; not the image or ignored file.
        assert_eq!(first.0, 4);
        assert_eq!(first, fp(), "the same each time, whatever order the threads walk in");
        let slash = PathBuf::from(format!("{}/", d.path().display()));
        assert_eq!(fingerprint(&slash, &o), first, "the folder named another way");
        // One nanosecond later, same size.
        let e = d.path().join("b/d/e.md");
        let was = std::fs::metadata(&e).and_then(|m| m.modified()).expect("time");
        let f = std::fs::File::options().write(true).open(&e).expect("open");
        f.set_modified(was + std::time::Duration::from_nanos(1)).expect("touch");
        let touched = fp();
        assert_ne!(touched, first);
        // Renamed, added, removed.
        std::fs::rename(d.path().join("a.md"), d.path().join("a2.md")).expect("mv");
        let renamed = fp();
        assert!(renamed != touched && renamed.0 == 4);
        let new = w("b/new.md", b"new");
        assert_eq!(fp().0, 5);
        std::fs::remove_file(new).expect("rm");
        assert_eq!(fp(), renamed);
        assert_eq!(fingerprint(&d.path().join("README"), &o).0, 1);
        assert_eq!(fingerprint(&d.path().join("nothing here"), &o), (0, 0));
    }

    #[test]
    fn files_without_text_extensions_are_read_by_content_and_ignore_files_respected() {
        let d = tempfile::tempdir().expect("tmp");
        let w = |p: &str, b: &[u8]| {
            let path = d.path().join(p);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, b).expect("write");
        };
        w("README", b"A readme\n");
        w("NEWS", b"Version 2\n");
        w("notes.rst", b"Title\n=====\n");
        w("image.png", b"\x89PNG\r\n");
        w("data.bin", b"\x00\x01\x02");
        w("dossier.toml", b"[[entity]]\n");
        w("README.Debian", b"Debian notes\n");
        w("LICENSE-DATA", b"\x00binary\x01");
        w("secret.txt", b"ignored\n");
        w(".gitignore", b"secret.txt\nbuild/\n");
        w("build/out.txt", b"built\n");
        let names = |o: &WalkOptions| -> Vec<String> {
            scan(&[d.path().to_path_buf()], o)
                .files
                .iter()
                .map(|p| p.strip_prefix(d.path()).expect("under").to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(names(&WalkOptions::default()), ["NEWS", "README", "README.Debian", "notes.rst"]);
        let all = names(&WalkOptions { no_ignore: true, ..WalkOptions::default() });
        assert!(all.contains(&"secret.txt".to_string()) && all.contains(&"build/out.txt".to_string()), "{all:?}");
        assert_eq!(
            names(&WalkOptions { globs: vec!["!NEWS".into(), "!*.Debian".into()], ..WalkOptions::default() }),
            ["README", "notes.rst"]
        );
        assert_eq!(names(&WalkOptions { types: vec!["rst".into()], ..WalkOptions::default() }), ["notes.rst"]);
        let bad = scan(
            &[d.path().to_path_buf()],
            &WalkOptions { types: vec!["nosuchtype".into()], ..WalkOptions::default() },
        );
        assert!(bad.problems.iter().any(|p| p.reason.contains("--type")), "{:?}", bad.problems);
    }
}
