//! `dossier find QUERY`: full-text search through the on-disk index, best documents first.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::Path;

use serde_json::json;

use crate::cli::{Exit, Settings};
use crate::search::fulltext::{self, DocHit, Opened};
use crate::shared::error::{Error, Result};
use crate::shared::output::Out;
use crate::shared::settings::Format;

/// Longest part of a line printed around its hits.
const LINE_WIDTH: usize = 400;

/// Runs `find`: the index is opened (built or updated first unless `update` is false, with
/// progress on a terminal's stderr), the query answered; an `@kind:id` filter loads the corpus
/// to know its mentions.
pub fn run<W: Write>(query: &str, limit: Option<usize>, update: bool, s: &Settings, out: &mut Out<W>) -> Result<Exit> {
    let q = fulltext::parse(query).map_err(|e| Error::msg(format!("bad query: {e}")))?;
    let tty = std::io::stderr().is_terminal() && !s.quiet;
    let progress = |done: usize, total: usize| {
        if tty && total > 0 {
            eprint!("\rdossier: indexing {done} / {total}\x1b[K");
            if done == total {
                eprint!("\r\x1b[K");
            }
        }
    };
    let t = std::time::Instant::now();
    // With --no-cache, an index of its own in a temporary folder, removed at the end.
    let scratch = (!s.use_cache).then(|| std::env::temp_dir().join(format!("dossier-find-{}", std::process::id())));
    let inside = |d: &std::path::PathBuf| {
        let d = crate::shared::places::resolved(d).unwrap_or_else(|| d.clone());
        crate::shared::places::inside_corpus(&d, &s.load.corpus)
    };
    if let Some(dir) = scratch.as_ref().filter(|d| inside(d)) {
        return Err(Error::msg(format!(
            "the temporary folder {} is inside the corpus; nothing is written there (set $TMPDIR elsewhere)",
            dir.display()
        )));
    }
    let _cleanup = scratch.as_ref().map(|d| Remove(d.clone()));
    let ready = match &scratch {
        Some(dir) => crate::shared::textindex::open_in(dir, &s.load, true, &progress),
        None => crate::shared::textindex::open(&s.load, update, &progress),
    }
    .map_err(Error::msg)?;
    if let (Opened::Rebuilt(why), false) = (&ready.opened, s.quiet) {
        eprintln!("dossier: the search index was made again ({why})");
    }
    s.trace(&format!(
        "index {}: {} files, {} read, {} removed, {:.1} ms",
        ready.index.dir().display(),
        ready.synced.files,
        ready.synced.added,
        ready.synced.removed,
        t.elapsed().as_secs_f64() * 1e3
    ));
    if ready.index.is_empty() && !s.load.corpus.is_empty() {
        let roots: Vec<String> = s.load.corpus.iter().map(|p| p.display().to_string()).collect();
        return Err(Error::msg(format!("no documents (text files) found in {}", roots.join(", "))));
    }
    let keep = if q.entities.is_empty() {
        None
    } else {
        // The mentions come from the model cache, as for `show` and `refs`.
        let (corpus, _) = crate::shared::cache::model(&s.load, s.use_cache, &|p| s.progress(p), &|t| s.trace(t));
        Some(fulltext::mentioning(&corpus, &s.load.corpus, &q.entities).map_err(Error::msg)?)
    };
    let keep_fn = keep.as_ref().map(|k| move |p: &Path| k.contains(p));
    let keep_ref: Option<&(dyn Fn(&Path) -> bool + Sync)> = keep_fn.as_ref().map(|f| f as _);
    let t = std::time::Instant::now();
    let mut found = ready.index.search(&q, limit.unwrap_or(usize::MAX), keep_ref).map_err(Error::msg)?;
    // Lists of ids, paths or titles need no lines: the files are not read.
    let listing = matches!((s.format, s.format_chosen), (Format::Id, true) | (Format::Path | Format::Name, _));
    if !listing {
        ready.index.add_lines(&q, &mut found);
    }
    s.trace(&format!("query: {} documents, {:.1} ms", found.total, t.elapsed().as_secs_f64() * 1e3));
    let cwd = std::env::current_dir().ok().and_then(|d| std::fs::canonicalize(d).ok());
    for d in &found.docs {
        print_doc(d, cwd.as_deref(), s, out)?;
    }
    Ok(if found.docs.is_empty() { Exit::NoMatch } else { Exit::Ok })
}

/// Removes a folder when dropped.
struct Remove(std::path::PathBuf);

impl Drop for Remove {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn print_doc<W: Write>(d: &DocHit, cwd: Option<&Path>, s: &Settings, out: &mut Out<W>) -> Result<()> {
    let path = cwd.and_then(|c| d.path.strip_prefix(c).ok()).unwrap_or(&d.path).to_string_lossy();
    let safe = |t: &str| if s.raw { t.to_string() } else { crate::text::sanitize::one_line(t) };
    match (s.format, s.format_chosen) {
        (Format::Json, _) => {
            let lines: Vec<_> = d
                .lines
                .iter()
                .map(|l| {
                    let spans: Vec<[usize; 2]> = l.spans.iter().map(|r| [r.start, r.end]).collect();
                    json!({"line": l.line + 1, "column": l.spans.first().map_or(1, |r| r.start + 1), "text": l.text, "hits": spans})
                })
                .collect();
            let record = json!({
                "type": "document", "id": d.id, "path": path, "title": d.title, "score": d.score,
                "hits": d.hits, "lines": lines,
            });
            out.record(&record.to_string())?;
        }
        (Format::Id, true) => out.record(&safe(&d.id))?,
        (Format::Path, _) => out.record(&safe(&path))?,
        (Format::Name, _) => out.record(&safe(&d.title))?,
        (Format::Tsv, _) => {
            let tsv = |t: &str| crate::text::sanitize::one_line(t).replace('\t', " ");
            out.record(&format!("{}\t{:.3}\t{}\t{}\t{}", tsv(&d.id), d.score, d.hits, tsv(&d.title), tsv(&path)))?;
        }
        // As `grep` prints: `path:line:column:text`, the hits highlighted on a terminal; a
        // document matched only by its title prints its first line.
        (Format::Id, false) => {
            let label = crate::text::sanitize::visible(&path);
            if d.lines.is_empty() {
                out.record(&format!("{label}:{}:1:{}", d.body_line + 1, safe(&d.title)))?;
            }
            for l in &d.lines {
                let col = l.spans.first().map_or(0, |r| r.start) + 1;
                out.record(&format!("{label}:{}:{col}:{}", l.line + 1, shown(&l.text, &l.spans, s)))?;
            }
        }
    }
    Ok(())
}

/// A line with its hits highlighted (on a colour terminal), cut to [`LINE_WIDTH`] bytes.
fn shown(line: &str, spans: &[std::ops::Range<usize>], s: &Settings) -> String {
    if s.raw {
        return line.to_string();
    }
    let end = line.floor_char_boundary(LINE_WIDTH.min(line.len()));
    let safe = crate::text::sanitize::visible;
    let mut out = String::new();
    let mut at = 0;
    for r in spans.iter().filter(|r| r.end <= end) {
        out.push_str(&safe(&line[at..r.start]));
        if s.color_stdout {
            let _ = write!(out, "\x1b[1;31m{}\x1b[0m", safe(&line[r.clone()]));
        } else {
            out.push_str(&safe(&line[r.clone()]));
        }
        at = r.end;
    }
    out.push_str(&safe(&line[at..end]));
    if end < line.len() {
        out.push('…');
    }
    out
}
