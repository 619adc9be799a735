//! Bookmarks and marks that last: a bookmark is a document position (the document's id and the
//! byte where the line at the top of the reader starts) or an entity (its id), with a label and
//! the time it was made; the marks are the items marked to pick. Both are kept per corpus in the
//! data folder (`bookmarks/NAME-HASH.json`, see [`crate::shared::places::bookmarks_file`]),
//! never in the corpus, by id rather than by index so that they survive linking again and a
//! restart. Each change re-reads the file under a lock and writes it atomically, so two
//! explorers on one corpus keep each other's bookmarks. A bookmark whose document or entity is
//! gone is kept and shown as missing.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::analysis::card::{Row, Target, Tone};
use crate::corpus::Corpus;
use crate::model::{DocIdx, EntIdx, Item};
use crate::shared::files::{write_atomic, Lock};
use crate::text::sanitize::one_line;

/// The format written; a file with a newer one is read as far as it can be.
const VERSION: u32 = 1;

/// Longest line text kept with a document bookmark, in bytes.
const LINE_BYTES: usize = 120;

/// Where a bookmark points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Spot {
    /// A document, at the line starting at this byte of its body.
    Doc {
        /// The document's id.
        id: String,
        /// The byte of its body where the line starts.
        offset: usize,
    },
    /// An entity's card.
    Entity {
        /// The entity's id.
        id: String,
    },
}

/// One bookmark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// What it points to.
    #[serde(flatten)]
    pub spot: Spot,
    /// The document's title or the entity's name, when it was made.
    pub label: String,
    /// A document's line at the offset, when it was made (found again by its text if the
    /// document changed).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub line: String,
    /// When it was made, in seconds since 1970 (UTC).
    #[serde(default)]
    pub made: u64,
}

/// Where a bookmark leads in the corpus loaded now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// A document, at this byte of its body.
    Doc(DocIdx, usize),
    /// An entity.
    Entity(EntIdx),
}

impl Bookmark {
    /// A bookmark of document `d` at the line starting at byte `offset` of its body.
    #[must_use]
    pub fn doc(c: &Corpus, d: DocIdx, offset: usize, made: u64) -> Self {
        let doc = &c.docs[d];
        let offset = doc.body.floor_char_boundary(offset.min(doc.body.len()));
        let rest = &doc.body[offset..];
        let line = rest[..rest.find('\n').unwrap_or(rest.len())].trim_end();
        let line = &line[..line.floor_char_boundary(LINE_BYTES)];
        Self { spot: Spot::Doc { id: doc.id.clone(), offset }, label: doc.title.clone(), line: line.to_string(), made }
    }

    /// A bookmark of entity `e`.
    #[must_use]
    pub fn entity(c: &Corpus, e: EntIdx, made: u64) -> Self {
        let x = &c.entities[e];
        Self { spot: Spot::Entity { id: x.id.clone() }, label: x.name.clone(), line: String::new(), made }
    }

    /// Where it leads now, if its document or entity is still there. A document's position is
    /// found again by the line's text when the text at the offset changed.
    #[must_use]
    pub fn find(&self, c: &Corpus) -> Option<Found> {
        match &self.spot {
            Spot::Entity { id } => c.entity_by_id(id).map(Found::Entity),
            Spot::Doc { id, offset } => {
                let d = c.doc_by_id(id)?;
                let body = &c.docs[d].body;
                let at = body.floor_char_boundary((*offset).min(body.len()));
                let moved = !self.line.is_empty() && !body[at..].starts_with(&self.line);
                let at = if moved {
                    // The nearest place the line is now.
                    body.match_indices(&self.line).map(|(i, _)| i).min_by_key(|i| i.abs_diff(at)).unwrap_or(at)
                } else {
                    at
                };
                Some(Found::Doc(d, at))
            }
        }
    }
}

/// A marked item, by id (a candidate by its name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Marked {
    /// A document's id.
    Doc(String),
    /// An entity's id.
    Entity(String),
    /// A candidate's name.
    Candidate(String),
}

impl Marked {
    /// An item of the corpus, by id.
    #[must_use]
    pub fn of(c: &Corpus, item: Item) -> Self {
        match item {
            Item::Doc(d) => Self::Doc(c.docs[d].id.clone()),
            Item::Entity(e) => Self::Entity(c.entities[e].id.clone()),
            Item::Candidate(k) => Self::Candidate(c.candidates[k].name.clone()),
        }
    }

    /// The item now, if it is still there.
    #[must_use]
    pub fn find(&self, c: &Corpus) -> Option<Item> {
        match self {
            Self::Doc(id) => c.doc_by_id(id).map(Item::Doc),
            Self::Entity(id) => c.entity_by_id(id).map(Item::Entity),
            Self::Candidate(name) => c.candidates.iter().position(|k| k.name == *name).map(Item::Candidate),
        }
    }
}

/// What the file holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    /// The format.
    #[serde(default)]
    pub version: u32,
    /// The folders of the corpus, for whoever reads the file (not read back).
    #[serde(default)]
    pub corpus: Vec<String>,
    /// The bookmarks, oldest first.
    #[serde(default)]
    pub bookmarks: Vec<Bookmark>,
    /// The marked items, in the order marked.
    #[serde(default)]
    pub marks: Vec<Marked>,
}

/// Reads a bookmarks file: empty when there is none; `Err` says why it cannot be read (with
/// the line and column of a syntax error).
pub fn read(path: &Path) -> Result<Saved, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Saved::default()),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    if text.trim().is_empty() {
        return Ok(Saved::default());
    }
    serde_json::from_str(&text).map_err(|e| {
        let what = e.to_string();
        let what = what.strip_suffix(&format!(" at line {} column {}", e.line(), e.column())).unwrap_or(&what);
        format!(
            "the bookmarks file is not valid (line {}, column {}: {what}) and is left as it is: {}",
            e.line(),
            e.column(),
            path.display()
        )
    })
}

/// A corpus's bookmarks and marks, and the file they are kept in.
#[derive(Debug, Clone, Default)]
pub struct Store {
    /// The file, when there is one to keep them in.
    pub path: Option<PathBuf>,
    /// What the file held when last read or written.
    pub saved: Saved,
    /// Why the file cannot be read or written, if it cannot: nothing is written over a file
    /// that cannot be read.
    pub error: Option<String>,
}

impl Store {
    /// The bookmarks kept in `path` (or why there is nowhere to keep them), read now.
    #[must_use]
    pub fn open(path: Result<PathBuf, String>) -> Self {
        match path {
            Ok(p) => match read(&p) {
                Ok(saved) => Self { path: Some(p), saved, error: None },
                Err(e) => Self { path: Some(p), saved: Saved::default(), error: Some(e) },
            },
            Err(e) => Self { path: None, saved: Saved::default(), error: Some(e) },
        }
    }

    /// The bookmarks of the corpus in these folders (the bundled corpus when empty), in the
    /// data folder.
    #[must_use]
    pub fn for_corpus(roots: &[PathBuf]) -> Self {
        let mut s = Self::open(crate::shared::places::bookmarks_file(roots));
        s.saved.corpus = roots
            .iter()
            .map(|r| std::fs::canonicalize(r).unwrap_or_else(|_| r.clone()).display().to_string())
            .collect();
        s
    }

    /// A store that keeps nothing (the explorer in tests, or with nowhere to write).
    #[must_use]
    pub fn none() -> Self {
        Self::default()
    }

    /// Changes the file: locked, read again (another explorer may have changed it), changed by
    /// `f`, written atomically. Nothing is written when the file cannot be read.
    pub fn change(&mut self, f: impl FnOnce(&mut Saved)) -> Result<(), String> {
        let Some(path) = self.path.clone() else {
            // Nowhere to keep them: they last until the explorer ends.
            f(&mut self.saved);
            return Err(self.error.clone().unwrap_or_else(|| "bookmarks are not kept".into()));
        };
        let _lock = Lock::take(&path)?;
        let mut saved = read(&path).map_err(|e| {
            let why = format!("{e}; not changed (fix or remove the file)");
            self.error = Some(why.clone());
            why
        })?;
        if saved.corpus.is_empty() {
            saved.corpus.clone_from(&self.saved.corpus);
        }
        f(&mut saved);
        saved.version = VERSION;
        let text = serde_json::to_string_pretty(&saved).map_err(|e| format!("cannot write bookmarks: {e}"))?;
        write_atomic(&path, &(text + "\n"))?;
        self.saved = saved;
        self.error = None;
        Ok(())
    }

    /// Adds a bookmark; one of the same place is replaced (made again now). Returns whether it
    /// was new.
    pub fn add(&mut self, b: Bookmark) -> Result<bool, String> {
        let mut new = true;
        self.change(|s| {
            if let Some(i) = s.bookmarks.iter().position(|x| x.spot == b.spot) {
                s.bookmarks.remove(i);
                new = false;
            }
            s.bookmarks.push(b);
        })?;
        Ok(new)
    }

    /// Removes a bookmark (found by what it is, not where it is in the list, which another
    /// explorer may have changed).
    pub fn remove(&mut self, b: &Bookmark) -> Result<(), String> {
        self.change(|s| s.bookmarks.retain(|x| x != b))
    }

    /// Keeps these marks, in this order.
    pub fn set_marks(&mut self, marks: Vec<Marked>) -> Result<(), String> {
        self.change(|s| s.marks = marks)
    }
}

/// Seconds since 1970 now.
#[must_use]
pub fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// A time in seconds since 1970 as `YYYY-MM-DD HH:MM` (UTC).
#[must_use]
pub fn format_time(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let (hh, mm) = ((secs % 86_400) / 3600, (secs % 3600) / 60);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}")
}

/// The rows of the bookmarks view at a width: a heading, why the file cannot be read (if it
/// cannot, wrapped to the width), then one row per bookmark, newest first, each opening it
/// ([`Target::Bookmark`]); one whose document or entity is gone is dimmed and says so.
#[must_use]
pub fn rows(c: &Corpus, store: &Store, width: usize) -> Vec<Row> {
    let list = &store.saved.bookmarks;
    let mut rows = vec![Row::text(crate::analysis::card::count(list.len(), "bookmark", "bookmarks"), Tone::Heading)];
    if let Some(e) = &store.error {
        let e = one_line(e);
        rows.extend(crate::text::wrap::wrap(&e, width.max(10)).into_iter().map(|r| Row::text(&e[r], Tone::Warn)));
    }
    rows.push(Row::text("Enter opens · x removes · b bookmarks what is in focus", Tone::Dim));
    rows.push(Row::text("", Tone::Text));
    if list.is_empty() {
        rows.push(Row::text("No bookmarks yet.", Tone::Dim));
    }
    for (i, b) in list.iter().enumerate().rev() {
        let target = Some(Target::Bookmark(i));
        let mut parts = vec![(when(b.made), Tone::Dim)];
        let found = b.find(c);
        match (found, &b.spot) {
            (Some(Found::Doc(..)), _) => parts.push((one_line(&b.label), Tone::Title)),
            (Some(Found::Entity(e)), _) => {
                let x = &c.entities[e];
                parts.extend([(one_line(&x.name), Tone::Kind(x.kind)), (format!("  {}", x.kind.as_str()), Tone::Dim)]);
            }
            (None, spot) => {
                let (what, id) = match spot {
                    Spot::Doc { id, .. } => ("document", id),
                    Spot::Entity { id } => ("entity", id),
                };
                parts.extend([(one_line(&b.label), Tone::Dim), (format!("  missing: no {what} {id} now"), Tone::Dim)]);
            }
        }
        rows.push(Row { parts, target: target.clone() });
        // A document's line, under its title.
        if !b.line.trim().is_empty() {
            let quote = format!("\u{201c}{}\u{201d}", one_line(b.line.trim()));
            let tone = if found.is_some() { Tone::Quote } else { Tone::Dim };
            rows.push(Row { parts: vec![(" ".repeat(TIME_WIDTH), Tone::Text), (quote, tone)], target });
        }
    }
    rows
}

/// The width of the time column: `YYYY-MM-DD HH:MM` and two spaces.
const TIME_WIDTH: usize = 18;

/// When a bookmark was made, as the view's first column shows it (blank when unknown).
fn when(made: u64) -> String {
    if made == 0 {
        " ".repeat(TIME_WIDTH)
    } else {
        format!("{}  ", format_time(made))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_as_utc_dates() {
        assert_eq!(format_time(0), "1970-01-01 00:00");
        assert_eq!(format_time(1_709_210_096), "2024-02-29 12:34");
        assert_eq!(format_time(951_782_400), "2000-02-29 00:00");
    }

    #[test]
    fn the_file_is_json_with_spots_tagged_by_kind() {
        let saved = Saved {
            version: VERSION,
            corpus: vec![],
            bookmarks: vec![Bookmark {
                spot: Spot::Doc { id: "d1".into(), offset: 12 },
                label: "A title".into(),
                line: "the line".into(),
                made: 5,
            }],
            marks: vec![Marked::Entity("amazon".into())],
        };
        let text = serde_json::to_string(&saved).expect("json");
        assert!(text.contains(r#"{"kind":"doc","id":"d1","offset":12,"label":"A title","line":"the line","made":5}"#));
        assert!(text.contains(r#""marks":[{"entity":"amazon"}]"#));
        assert_eq!(serde_json::from_str::<Saved>(&text).expect("read back"), saved);
    }

    #[test]
    fn a_corrupt_file_is_an_error_with_its_place_and_is_never_written_over() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("b.json");
        std::fs::write(&path, "{\"bookmarks\": [").expect("write");
        let mut s = Store::open(Ok(path.clone()));
        let e = s.error.clone().expect("an error");
        assert!(e.contains("(line 1, column 15: EOF while parsing a list)"), "{e}");
        assert!(s.saved.bookmarks.is_empty());
        assert!(s.set_marks(vec![Marked::Doc("x".into())]).is_err());
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "{\"bookmarks\": [");
    }

    #[test]
    fn a_change_keeps_what_another_explorer_wrote_meanwhile() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("sub").join("b.json");
        let mut a = Store::open(Ok(path.clone()));
        let mut b = Store::open(Ok(path.clone()));
        let mk = |id: &str| Bookmark {
            spot: Spot::Entity { id: id.into() },
            label: id.into(),
            line: String::new(),
            made: 1,
        };
        assert!(a.add(mk("one")).expect("written"));
        assert!(b.add(mk("two")).expect("written"));
        assert!(!b.add(mk("two")).expect("written"), "the same place is not added twice");
        let read_back = read(&path).expect("read");
        assert_eq!(read_back.bookmarks.len(), 2);
        a.remove(&mk("one")).expect("removed");
        assert_eq!(read(&path).expect("read").bookmarks, vec![mk("two")]);
    }
}
