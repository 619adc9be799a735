//! The prepared item list: what `dossier search` matches and ranks, for every summary row, in
//! one flat buffer that is read back without decoding it item by item.
//!
//! Per row it keeps the texts an item is found by as [`items::parts_of_row`] makes them (name,
//! aliases, id, each on one line), its kind and weight, and the row itself (postcard) to print
//! when it is a hit. A search tests every item's texts straight from the buffer (the
//! characters of each term in order, the test the matcher makes first), prepares entries
//! ([`items::entry_of_parts`]) only for the items that can match, and ranks them with
//! [`items::search`]: the same hits, in the same order, as searching entries of every row.
//!
//! Layout (little-endian): the magic, the number of items `n`, `n + 1` offsets of the records
//! (from where the records start), then the records. A record: kind (one byte), weight (one
//! byte and an `i64`), the number of texts (`u32`), the row's length (`u32`), each text as its
//! length (`u32`), whether it is ASCII (one byte) and its bytes, then the row's bytes. [`ItemList::new`]
//! checks all of it but the rows' encoding, which is checked when a row is read.

use rayon::prelude::*;

use crate::analysis::summary::Row;
use crate::model::{EntityKind, ItemKind};
use crate::search::items;
use crate::search::matcher::Matcher;
use crate::search::query::{Query, Term};

/// Starts every list; changes with the layout.
const MAGIC: &[u8; 8] = b"dsitems2";

/// How many rows are encoded, or items tested, together.
const CHUNK: usize = 4096;

/// A kind as one byte.
fn kind_code(k: ItemKind) -> u8 {
    match k {
        ItemKind::Doc => 0,
        ItemKind::Candidate => 1,
        ItemKind::Entity(e) => 2 + EntityKind::ALL.iter().position(|&x| x == e).map_or(0, |i| i as u8),
    }
}

fn kind_of(code: u8) -> Option<ItemKind> {
    match code {
        0 => Some(ItemKind::Doc),
        1 => Some(ItemKind::Candidate),
        c => EntityKind::ALL.get(usize::from(c - 2)).map(|&e| ItemKind::Entity(e)),
    }
}

/// One row's record.
fn record(r: &Row, out: &mut Vec<u8>) -> Result<(), postcard::Error> {
    let (kind, weight, texts) = items::parts_of_row(r);
    out.push(kind_code(kind));
    out.push(weight.0);
    out.extend_from_slice(&weight.1.to_le_bytes());
    let n = u32::try_from(texts.len()).map_err(|_| postcard::Error::SerializeBufferFull)?;
    out.extend_from_slice(&n.to_le_bytes());
    let row = postcard::to_stdvec(r)?;
    let len = u32::try_from(row.len()).map_err(|_| postcard::Error::SerializeBufferFull)?;
    out.extend_from_slice(&len.to_le_bytes());
    for t in &texts {
        let len = u32::try_from(t.len()).map_err(|_| postcard::Error::SerializeBufferFull)?;
        out.extend_from_slice(&len.to_le_bytes());
        out.push(u8::from(t.is_ascii()));
        out.extend_from_slice(t.as_bytes());
    }
    out.extend_from_slice(&row);
    Ok(())
}

/// Appends the list of these rows to `out` (rows encoded on every core); an error only when a
/// row cannot be encoded or is too large for the layout.
///
/// # Errors
/// When a row cannot be encoded, or has more texts or longer ones than the layout holds.
pub fn encode_into(rows: &[Row], out: &mut Vec<u8>) -> Result<(), postcard::Error> {
    let chunks: Vec<(Vec<u8>, Vec<u64>)> = rows
        .par_chunks(CHUNK)
        .map(|rows| {
            let mut bytes = Vec::new();
            let mut ends = Vec::with_capacity(rows.len());
            for r in rows {
                record(r, &mut bytes)?;
                ends.push(bytes.len() as u64);
            }
            Ok((bytes, ends))
        })
        .collect::<Result<_, postcard::Error>>()?;
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(rows.len() as u64).to_le_bytes());
    let mut at = 0u64;
    out.extend_from_slice(&at.to_le_bytes());
    for (bytes, ends) in &chunks {
        for e in ends {
            out.extend_from_slice(&(at + e).to_le_bytes());
        }
        at += bytes.len() as u64;
    }
    for (bytes, _) in chunks {
        out.extend_from_slice(&bytes);
    }
    Ok(())
}

/// Reads a little-endian number at `at`, moving past it.
fn take<const N: usize>(b: &[u8], at: &mut usize) -> Option<[u8; N]> {
    let v = b.get(*at..at.checked_add(N)?)?.try_into().ok()?;
    *at += N;
    Some(v)
}

/// One item as the list holds it.
struct Item<'a> {
    kind: ItemKind,
    weight: (u8, i64),
    texts: Texts<'a>,
    row: &'a [u8],
}

/// The texts of a record, in order: each one's bytes and whether it is ASCII.
#[derive(Clone)]
struct Texts<'a> {
    rest: &'a [u8],
    left: u32,
}

impl<'a> Iterator for Texts<'a> {
    type Item = (&'a [u8], bool);

    fn next(&mut self) -> Option<Self::Item> {
        if self.left == 0 {
            return None;
        }
        let mut at = 0;
        let len = usize::try_from(u32::from_le_bytes(take(self.rest, &mut at)?)).ok()?;
        let ascii = take::<1>(self.rest, &mut at)?[0] != 0;
        let text = self.rest.get(at..at.checked_add(len)?)?;
        self.rest = &self.rest[at + len..];
        self.left -= 1;
        Some((text, ascii))
    }
}

/// Reads a record; `None` when it does not hold together (its texts are checked by
/// [`checked`]).
fn item(rec: &[u8]) -> Option<Item<'_>> {
    let mut at = 0;
    let kind = kind_of(take::<1>(rec, &mut at)?[0])?;
    let w0 = take::<1>(rec, &mut at)?[0];
    let w1 = i64::from_le_bytes(take(rec, &mut at)?);
    let n = u32::from_le_bytes(take(rec, &mut at)?);
    let row_len = usize::try_from(u32::from_le_bytes(take(rec, &mut at)?)).ok()?;
    // The row ends the record; the texts are between.
    let row_at = rec.len().checked_sub(row_len).filter(|&r| r >= at)?;
    let texts = Texts { rest: rec.get(at..row_at)?, left: n };
    Some(Item { kind, weight: (w0, w1), texts, row: rec.get(row_at..)? })
}

/// Whether an item's texts are all there and fill their place, UTF-8, and ASCII exactly when
/// they say so.
fn checked(it: &Item<'_>) -> bool {
    let mut texts = it.texts.clone();
    let mut n = 0usize;
    for (t, ascii) in texts.by_ref() {
        if std::str::from_utf8(t).is_err() || t.is_ascii() != ascii {
            return false;
        }
        n += 1;
    }
    texts.rest.is_empty() && usize::try_from(it.texts.left).is_ok_and(|left| left == n)
}

/// A prepared item list, checked, over the bytes it was read from.
#[derive(Debug)]
pub struct ItemList {
    bytes: Vec<u8>,
    /// Where the offsets start.
    offsets: usize,
    /// Where the records start.
    records: usize,
    /// Where the list ends.
    end: usize,
    n: usize,
}

impl ItemList {
    /// The list at `bytes[start..end]`, checked (every offset and record but the rows'
    /// encoding); `None` when it is not one.
    #[must_use]
    pub fn new(bytes: Vec<u8>, start: usize, end: usize) -> Option<Self> {
        let b = bytes.get(start..end)?;
        let mut at = 0;
        if take::<8>(b, &mut at)? != *MAGIC {
            return None;
        }
        let n = usize::try_from(u64::from_le_bytes(take(b, &mut at)?)).ok()?;
        let offsets = at;
        let records = n.checked_add(1)?.checked_mul(8)?.checked_add(offsets)?;
        let size = b.len().checked_sub(records)?;
        let list = Self { bytes, offsets: start + offsets, records: start + records, end, n };
        // Offsets that rise from 0 to the end of the records, each record whole.
        let ok = list.offset(0) == Some(0)
            && list.offset(n) == Some(size)
            && (0..n).into_par_iter().with_min_len(CHUNK).all(|i| list.item(i).is_some_and(|it| checked(&it)));
        ok.then_some(list)
    }

    /// The buffer the list was read from, up to the list's end (with what came before it).
    #[must_use]
    pub fn buffer(&self) -> &[u8] {
        self.bytes.get(..self.end).unwrap_or_default()
    }

    /// How many items.
    #[must_use]
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether there is none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    fn offset(&self, i: usize) -> Option<usize> {
        let mut at = self.offsets.checked_add(i.checked_mul(8)?)?;
        usize::try_from(u64::from_le_bytes(take(&self.bytes, &mut at)?)).ok()
    }

    fn record(&self, i: usize) -> Option<&[u8]> {
        let (from, to) = (self.offset(i)?, self.offset(i + 1)?);
        self.bytes.get(self.records.checked_add(from)?..self.records.checked_add(to)?)
    }

    fn item(&self, i: usize) -> Option<Item<'_>> {
        self.record(i).and_then(item)
    }

    /// Row `i`, decoded; `None` when there is no such row or it is damaged.
    #[must_use]
    pub fn row(&self, i: usize) -> Option<Row> {
        postcard::from_bytes(self.item(i)?.row).ok()
    }

    /// Text `which` of item `i` (0 the name; the last is the id), as [`items::parts_of_row`]
    /// made it.
    fn text(&self, i: usize, which: Which) -> Option<&str> {
        let texts = self.item(i)?.texts;
        let t = match which {
            Which::Name => texts.clone().next(),
            Which::Id => texts.last(),
        };
        std::str::from_utf8(t?.0).ok()
    }

    /// Item `i`'s name (a document's title) on one line, as `-o name` prints it.
    #[must_use]
    pub fn name(&self, i: usize) -> Option<&str> {
        self.text(i, Which::Name)
    }

    /// Item `i`'s id on one line, as `-o id` prints it.
    #[must_use]
    pub fn id(&self, i: usize) -> Option<&str> {
        self.text(i, Which::Id)
    }

    /// The rows the query matches, best first: the hits of [`items::search`] over the entries
    /// of every row ([`items::entries_of_rows`]), in its order, as row indices.
    #[must_use]
    pub fn search(&self, m: &Matcher, q: &Query) -> Vec<usize> {
        let negated = q.groups.iter().flatten().any(|t| t.negate);
        // The items that can match, in order, with the texts to prepare.
        let maybe: Vec<(usize, u64)> = (0..self.n)
            .into_par_iter()
            .with_min_len(CHUNK)
            .filter_map(|i| Some((i, may_match(q, negated, &self.item(i)?)?)))
            .collect();
        let entries: Vec<items::Entry> = maybe
            .par_iter()
            .with_min_len(CHUNK / 4)
            .filter_map(|&(i, keep)| {
                let it = self.item(i)?;
                let texts = it.texts.enumerate().map(|(ti, (t, _))| {
                    let kept = ti >= 64 || keep & (1 << ti) != 0;
                    if kept {
                        std::str::from_utf8(t).unwrap_or_default()
                    } else {
                        ""
                    }
                });
                Some(items::entry_of_parts(i, it.kind, it.weight, texts))
            })
            .collect();
        if entries.len() != maybe.len() {
            return Vec::new();
        }
        // Scored as `items::search` scores, and sorted by places, which order as its hits are
        // ordered (score, weight, name length, entry) without reading the entries again.
        let mut places: Vec<items::Place> = (0..entries.len())
            .into_par_iter()
            .with_min_len(1024)
            .filter_map(|e| items::score(m, q, &entries[e], false).map(|h| items::Place::of(&entries, e, h.score)))
            .collect();
        places.par_sort_unstable();
        let hits = places.iter().map(|p| maybe[p.entry].0).collect();
        // The process ends after the search: the entries are left to it rather than freed one
        // by one.
        std::mem::forget(entries);
        hits
    }
}

/// Which text of an item.
#[derive(Clone, Copy)]
enum Which {
    Name,
    Id,
}

/// Whether the characters of `needle` occur in order in the ASCII text `hay` (compared in
/// lowercase unless `case_sensitive`): what the matcher tests before scoring a fuzzy term, and
/// what an exact, prefix or suffix match implies.
fn in_order(needle: &[u8], hay: &[u8], case_sensitive: bool) -> bool {
    let mut h = hay.iter();
    if case_sensitive {
        needle.iter().all(|&c| h.any(|&x| x == c))
    } else {
        needle.iter().all(|&c| h.any(|&x| x.to_ascii_lowercase() == c))
    }
}

/// Whether a term can match an ASCII text: its characters in the text in order, as the matcher
/// compares them (an ASCII text's lowercase copy is its ASCII lowercase; a case-insensitive
/// term is in lowercase already).
fn term_may_match(t: &Term, text: &[u8]) -> bool {
    t.negate || in_order(t.text.as_bytes(), text, t.case_sensitive)
}

/// Whether the query can match an item: `None` only when [`items::score`] finds no match (its
/// kind is filtered out, or no text has the characters of a term of every group in order);
/// else a bit per text (up to 64) that can be matched. Texts that are not ASCII, and groups
/// with a negated term, are not judged here; the name, and every text of a query with a
/// negated term (which reads every text), are always kept.
///
/// A text no term of some group can match, left out (an empty text instead), changes nothing
/// in [`items::score`] for a query without negated terms: neither it nor the empty text
/// matches every group, and the name, whose length orders hits, is kept.
fn may_match(q: &Query, negated: bool, it: &Item<'_>) -> Option<u64> {
    if !q.kinds.is_empty() && !q.kinds.contains(&it.kind) {
        return None;
    }
    let mut keep = 0u64;
    let mut any = false;
    for (ti, (text, ascii)) in it.texts.clone().enumerate() {
        let ok = !ascii || q.groups.iter().all(|g| g.iter().any(|t| term_may_match(t, text)));
        any |= ok;
        if (ok || negated || ti == 0) && ti < 64 {
            keep |= 1 << ti;
        }
    }
    any.then_some(keep)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::summary::Summary;
    use crate::corpus::{Corpus, LoadOptions};

    fn rows() -> Vec<Row> {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        let mut rows = Summary::of(&c).rows;
        // Text the matcher folds, and a control character.
        rows[0].name = "Kölner Straße \u{1b}[31m talks".into();
        rows[1].aliases = vec!["Ünïcödé".into(), "AWS\tre:Invent".into()];
        rows
    }

    fn list(rows: &[Row]) -> ItemList {
        let mut bytes = b"prefix".to_vec();
        encode_into(rows, &mut bytes).expect("encode");
        let end = bytes.len();
        bytes.extend_from_slice(b"suffix");
        ItemList::new(bytes, 6, end).expect("a list")
    }

    /// The rows every row's entries find, best first, as `dossier search` found them before.
    fn by_entries(rows: &[Row], q: &str) -> Vec<usize> {
        let es = items::entries_of_rows(rows);
        items::search(&Matcher::default(), &Query::parse(q), &es, None).iter().map(|h| h.entry).collect()
    }

    #[test]
    fn the_list_finds_what_every_row_s_entries_find_in_the_same_order() {
        let rows = rows();
        let l = list(&rows);
        assert_eq!(l.len(), rows.len());
        for q in [
            "",
            "a",
            "r",
            "la",
            "edge",
            "jassy",
            "Jassy",
            "JASSY",
            "'ama",
            "^amaz",
            "zon$",
            "^amazon$",
            "!a",
            "aws !jassy",
            "trn | nova",
            "@person a",
            "@doc talent",
            "kolner",
            "kölner",
            "strasse",
            "unicode",
            "re:invent",
            "'re:inv",
            "@portfolio",
            "@candidate",
            "xqz",
            "ama zon",
            "^A",
            "s$ | ^t",
        ] {
            assert_eq!(l.search(&Matcher::default(), &Query::parse(q)), by_entries(&rows, q), "query {q:?}");
        }
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(l.row(i).as_ref(), Some(r));
        }
        assert!(l.row(rows.len()).is_none());
    }

    #[test]
    fn a_damaged_list_is_refused_without_panicking() {
        let rows = rows();
        let mut bytes = Vec::new();
        encode_into(&rows, &mut bytes).expect("encode");
        let len = bytes.len();
        assert!(ItemList::new(bytes.clone(), 0, len).is_some());
        for cut in [0, 7, 8, 15, 16, 40, len / 2, len - 1] {
            assert!(ItemList::new(bytes.clone(), 0, cut).is_none(), "cut at {cut}");
        }
        assert!(ItemList::new(bytes.clone(), 0, len + 1).is_none());
        // Each byte of the offsets and of the first records changed in turn: refused, or still
        // a list whose search and rows answer without panicking.
        for at in 0..len.min(4000) {
            let mut b = bytes.clone();
            b[at] ^= 0x5a;
            if let Some(l) = ItemList::new(b, 0, len) {
                let _ = l.search(&Matcher::default(), &Query::parse("a"));
                for i in 0..l.len() {
                    let _ = (l.row(i), l.id(i), l.name(i));
                }
            }
        }
    }
}
