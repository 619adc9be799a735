//! The jump's search as the user types. An answer within a frame at 100,000 items comes from
//! not scoring most of them:
//!
//! 1. every candidate is tested and given an upper bound of its score without running the
//!    fuzzy scorer ([`items::bound`]): the set of matches, and their number, are exact;
//! 2. candidates are scored by fuzzy-matcher from the highest bound down, until the best
//!    [`SHOWN`] scores found are above every bound left: those rows are then exactly the
//!    rows, in the order, that scoring every candidate gives; they are the first answer;
//! 3. the rest is scored and the whole list sorted, then sent as a second answer, unless a
//!    newer query came (the search is abandoned as soon as one does).
//!
//! A query that narrows an earlier one (more characters, more terms) tests only that one's
//! matches; the last few queries' results are kept, so deleting a character answers at once.
//!
//! A query typed from an earlier one (characters added to its last term, or a new last term)
//! also starts from what that one learnt of each match: W, a bound of its best score with
//! its last term cut after any character (exact where it was scored), so the typed rows can
//! only add their own bound to it ([`items::growth`]); and where its last term ended in the
//! name, so a typed character is looked for only after it. Scores of terms typed a character
//! at a time are then bounded by what they scored a character earlier, which is tight for
//! the rows that matter (the best grow by the largest step a character can add).

use rayon::prelude::*;

use crate::search::items::{self, Entry, Hit, Place};
use crate::search::matcher::{Matcher, Resume};
use crate::search::query::{Query, TermKind};

/// How many entries are tested or scored between checks for a newer query.
const CHUNK: usize = 2048;

/// How many of the best rows the first answer ranks: more than a screen.
pub const SHOWN: usize = 200;

/// How many recent queries' results are kept (at most 3 MB each at 100,000 items: 30 bytes a
/// match, with its W and where it ended in the name).
const REMEMBERED: usize = 24;

/// One answer to a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The best matches, best first: every match when `complete`, else at least the best
    /// [`SHOWN`] (or all) in their final order.
    pub hits: Vec<Hit>,
    /// How many entries match.
    pub total: usize,
    /// Whether `hits` holds every match.
    pub complete: bool,
}

/// A recent query: its matches (sorted entry indices), and its whole ranked list once known
/// (entry, score and which text matched: 16 bytes a row).
#[derive(Debug)]
struct Found {
    query: Query,
    ids: Vec<usize>,
    /// Per match (as `ids`), when known: a bound of the best score of this query with its
    /// last term cut after any of its characters (W of [`items::growth`]); a typed
    /// character's bound then starts from it.
    tops: Option<Vec<i32>>,
    /// Per match, where the last term's greedy match ends in its name (with `tops`).
    ends: Vec<u16>,
    /// The first answer's rows, once known.
    first: Vec<(usize, i32, u32)>,
    hits: Option<Vec<(usize, i32, u32)>>,
}

/// Rows as remembered: entry, score and which text matched (16 bytes a row).
fn compact(hits: &[Hit]) -> Vec<(usize, i32, u32)> {
    hits.iter()
        .map(|h| (h.entry, i32::try_from(h.score).unwrap_or(i32::MIN), u32::try_from(h.text).unwrap_or(u32::MAX)))
        .collect()
}

/// Remembered rows as hits (positions are computed when drawn).
fn expand(rows: &[(usize, i32, u32)]) -> Vec<Hit> {
    rows.iter()
        .map(|&(entry, score, text)| Hit {
            entry,
            score: i64::from(score),
            positions: Vec::new(),
            text: usize::try_from(text).unwrap_or(usize::MAX),
        })
        .collect()
}

/// Remembers recent queries and their matches, to search only those when the next query
/// narrows one, and to answer a query seen again (a deleted character) at once.
#[derive(Debug)]
pub struct Narrowing {
    found: Vec<Found>,
    /// How many rows the first answer ranks: [`SHOWN`] (fewer in tests, so that a bound
    /// too low shows in the first rows).
    shown: usize,
}

impl Default for Narrowing {
    fn default() -> Self {
        Self { found: Vec::new(), shown: SHOWN }
    }
}

/// What an earlier query tells of a query's scores: each match's W ([`Found::tops`]) and the
/// first row of the last term that is new (`None`: the same query).
#[derive(Debug, Clone, Copy)]
struct Known<'a> {
    tops: &'a [i32],
    ends: &'a [u16],
    from: Option<usize>,
}

/// Whether two queries find the same (they differ at most in spaces).
fn same(a: &Query, b: &Query) -> bool {
    a.groups == b.groups && a.kinds == b.kinds
}

/// A bound as remembered.
fn narrow(v: i64) -> i32 {
    i32::try_from(v).unwrap_or(if v < 0 { i32::MIN } else { i32::MAX })
}

/// The first row of `q`'s last term that `prev` did not have, when `q` is `prev` with
/// characters typed at its end: more characters of its last term, or a new last term; that
/// term alone in its group, fuzzy and not negated. Then [`items::growth`] bounds how much a
/// score grew from `prev`'s W.
fn typed(prev: &Query, q: &Query) -> Option<usize> {
    // A first character is bounded as well by the text's masks, which are cheaper to read.
    if prev.kinds != q.kinds || (prev.groups.is_empty() && one_character(q)) {
        return None;
    }
    let n = q.groups.len();
    let [t] = q.groups.last()?.as_slice() else { return None };
    if t.negate || t.kind != TermKind::Fuzzy {
        return None;
    }
    if prev.groups.len() + 1 == n && prev.groups[..] == q.groups[..n - 1] {
        return Some(0);
    }
    if prev.groups.len() != n || prev.groups[..n - 1] != q.groups[..n - 1] {
        return None;
    }
    let [p] = prev.groups[n - 1].as_slice() else { return None };
    let grown = !p.negate
        && p.kind == TermKind::Fuzzy
        && p.case_sensitive == t.case_sensitive
        && t.text.len() > p.text.len()
        && t.text.starts_with(&p.text);
    grown.then(|| p.text.chars().count())
}

/// Whether a query is one fuzzy term of one character: its W is its score.
fn one_character(q: &Query) -> bool {
    match q.groups.as_slice() {
        [g] => matches!(g.as_slice(), [t] if !t.negate && t.kind == TermKind::Fuzzy && t.text.chars().count() == 1),
        _ => false,
    }
}

/// A name whose end of the last term is not known ([`Found::ends`]): every text is tested.
const UNKNOWN: u16 = u16::MAX;
/// A name the query does not match: only the other texts are tested.
const NOT_IN_NAME: u16 = u16::MAX - 1;
/// A name the query matches, its last term looked for again from the start.
const FROM_START: u16 = u16::MAX - 2;

/// A candidate tested: entry, bound, W before the last typed character, end in the name.
type Tested = (usize, i64, i32, u16);

/// Tests every candidate in parallel: the matches with their bounds, or `None` when stale.
/// With what an earlier query knew, a bound is its W plus the growth of the typed rows
/// ([`items::growth`]), and a typed character is looked for in the name only after where
/// the term ended ([`items::resume_in_name`]).
fn bounds(
    m: &Matcher,
    entries: &[Entry],
    q: &Query,
    ids: &[usize],
    known: Option<Known<'_>>,
    stale: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Tested>> {
    let first_key = one_character(q);
    let one = |i: usize, at: usize| -> Option<Tested> {
        let e = &entries[i];
        let shape = || items::bound(m, q, e);
        let Some(k) = known else {
            let b = shape()?;
            // A first character: whether the name has it (its masks say, for a letter).
            let end = match q.groups.first() {
                None => 0,
                Some(_) if first_key => {
                    if items::name_has(m, q, e) {
                        FROM_START
                    } else {
                        NOT_IN_NAME
                    }
                }
                Some(_) => UNKNOWN,
            };
            return Some((i, b, i32::MIN, end));
        };
        let w = i64::from(*k.tops.get(at)?);
        let end = k.ends.get(at).copied().unwrap_or(UNKNOWN);
        let Some(from) = k.from else { return Some((i, shape()?.min(w), narrow(w), end)) };
        // W and the typed rows' growth bound the score: the match alone is tested, in the
        // name from where the term ended there when that is known.
        let (matched, end) = match end {
            NOT_IN_NAME => (items::matches_after_name(m, q, e), NOT_IN_NAME),
            UNKNOWN => (items::matches(m, q, e), UNKNOWN),
            x => match if x == FROM_START {
                items::resume_in_name(m, q, e, 0, 0)
            } else {
                items::resume_in_name(m, q, e, from, if from == 0 { 0 } else { usize::from(x) })
            } {
                Resume::End(y) => (true, u16::try_from(y).ok().filter(|&y| y < FROM_START).unwrap_or(UNKNOWN)),
                Resume::Missing => (items::matches_after_name(m, q, e), NOT_IN_NAME),
                Resume::Unknown => (items::matches(m, q, e), UNKNOWN),
            },
        };
        if !matched {
            return None;
        }
        let (before_last, all) = items::growth(m, q, e, from);
        if all == i64::MIN {
            return Some((i, shape()?, i32::MAX, end));
        }
        // The last term had one character: W starts again with it.
        let single = from == 0 && q.groups.last().and_then(|g| g.first()).is_some_and(|t| t.text.chars().count() == 1);
        let base = if single { i32::MIN } else { narrow(w.saturating_add(before_last)) };
        Some((i, w.saturating_add(all), base, end))
    };
    let chunks: Option<Vec<Vec<Tested>>> = ids
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(c, chunk)| {
            (!stale()).then(|| chunk.iter().enumerate().filter_map(|(j, &i)| one(i, c * CHUNK + j)).collect())
        })
        .collect();
    Some(chunks?.into_iter().flatten().collect())
}

/// Lowers the remembered W of scored matches to the larger of their score and their W
/// before the last typed character. Linear in the matches and the scored (the complete list
/// is refined after a newer key may have come, so it must not take long).
fn refine(tops: &mut [i32], ids: &[usize], base: &[i32], scored: &[(usize, i64)]) {
    // Where each entry stands among the matches (`ids` is sorted).
    let (lo, hi) = (ids.first().copied().unwrap_or(0), ids.last().copied().unwrap_or(0));
    let mut at = vec![u32::MAX; hi - lo + 1];
    for (k, &i) in ids.iter().enumerate() {
        at[i - lo] = u32::try_from(k).unwrap_or(u32::MAX);
    }
    for &(entry, s) in scored {
        let k = entry.checked_sub(lo).and_then(|j| at.get(j)).map_or(usize::MAX, |&k| k as usize);
        if let (Some(t), Some(b)) = (tops.get_mut(k), base.get(k)) {
            *t = (*b).max(narrow(s)).min(*t);
        }
    }
}

/// Candidates with a score or bound: entry and score.
type Scored = Vec<(usize, i64)>;

/// How a candidate is scored: by fuzzy-matcher, or by the port of its scorer.
type Scorer = fn(&Matcher, &Query, &Entry) -> Option<Hit>;

fn skim(m: &Matcher, q: &Query, e: &Entry) -> Option<Hit> {
    items::score(m, q, e, false)
}

/// Scores, in parallel, the candidates whose bound is in `range` and that `skip` does not
/// exclude; `None` when stale.
#[allow(clippy::too_many_arguments)]
fn score_range(
    m: &Matcher,
    entries: &[Entry],
    q: &Query,
    cands: &[(usize, i64)],
    range: std::ops::Range<i64>,
    skip: &(dyn Fn(usize) -> bool + Sync),
    by: Scorer,
    stale: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Hit>> {
    let one = |chunk: &[(usize, i64)]| -> Option<Vec<Hit>> {
        (!stale()).then(|| {
            chunk
                .iter()
                .filter(|c| range.contains(&c.1) && !skip(c.0))
                .filter_map(|&(i, _)| by(m, q, &entries[i]).map(|h| Hit { entry: i, ..h }))
                .collect()
        })
    };
    // One chunk is scored on this thread: handing it to the pool would cost more than the
    // work on a loaded machine (the pool's threads wait for a core to wake up).
    if cands.len() <= CHUNK {
        return one(cands);
    }
    let chunks: Option<Vec<Vec<Hit>>> = cands.par_chunks(CHUNK).map(one).collect();
    Some(chunks?.into_iter().flatten().collect())
}

/// The best `shown` matches among candidates with their bounds, scoring as few as it can:
/// first ranked by the port of the scorer (fast), then those shown scored by fuzzy-matcher;
/// should the two ever disagree on one of them, everything is ranked again by fuzzy-matcher.
/// Returns the best `shown` (or all) hits, final and sorted, and the number of matches.
fn best_of(
    m: &Matcher,
    entries: &[Entry],
    q: &Query,
    cands: &[(usize, i64)],
    shown: usize,
    stale: &(dyn Fn() -> bool + Sync),
) -> Option<(Vec<Hit>, Scored)> {
    let (mut hits, sure) = rank(m, entries, q, cands, shown, items::estimate, stale)?;
    let mut scored: Vec<(usize, i64)> = hits[sure..].iter().map(|h| (h.entry, h.score)).collect();
    hits.truncate(sure);
    for h in &mut hits {
        match items::score(m, q, &entries[h.entry], false) {
            Some(s) if s.score == h.score && s.text == h.text => h.positions = s.positions,
            _ => {
                let (mut hits, sure) = rank(m, entries, q, cands, shown, skim, stale)?;
                scored = hits[sure..].iter().map(|h| (h.entry, h.score)).collect();
                hits.truncate(sure);
                return Some((hits, scored));
            }
        }
    }
    Some((hits, scored))
}

/// The threshold search of [`best_of`] with one scorer: returns the scored hits, the best
/// `shown` (or all of them) sorted first, and how many are first.
///
/// Candidates are taken from the highest bound down, and within one bound in the order ties
/// are broken (relevance, shorter name, entry): a candidate's place with its bound as score
/// is never below its place with its real score, so once the `shown`th best scored so far
/// ranks before the next candidate so placed, no candidate left can enter the first rows.
/// A tie on the best score among thousands then costs `shown` scores, not thousands.
fn rank(
    m: &Matcher,
    entries: &[Entry],
    q: &Query,
    cands: &[(usize, i64)],
    shown: usize,
    by: Scorer,
    stale: &(dyn Fn() -> bool + Sync),
) -> Option<(Vec<Hit>, usize)> {
    // Bounds are small integers: the candidates by bound, highest first, each with its
    // place with its bound as score (what ties are broken by, read once).
    let lo = cands.iter().map(|c| c.1).min().unwrap_or(0);
    let hi = cands.iter().map(|c| c.1).max().unwrap_or(0);
    let at = |b: i64| usize::try_from(hi - b).unwrap_or(0);
    let mut starts = vec![0usize; at(lo) + 2];
    for c in cands {
        starts[at(c.1) + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut fill = starts.clone();
    let mut by_bound = vec![Place::default(); cands.len()];
    for &(i, b) in cands {
        by_bound[fill[at(b)]] = Place::of(entries, i, b);
        fill[at(b)] += 1;
    }
    let mut hits: Vec<Hit> = Vec::new();
    // The hits' places, as `hits`.
    let mut places: Vec<Place> = Vec::new();
    for level in 0..starts.len() - 1 {
        // The best bound below this one, if any.
        let below = by_bound.get(starts[level + 1]).map(Place::score);
        let mut rest = &mut by_bound[starts[level]..starts[level + 1]];
        while !rest.is_empty() {
            let n = shown.max(hits.len()).min(rest.len());
            if n < rest.len() {
                rest.select_nth_unstable(n - 1);
            }
            let (batch, after) = rest.split_at_mut(n);
            let batch: Vec<(usize, i64)> = batch.iter().map(|p| (p.entry, p.score())).collect();
            let scored = score_range(m, entries, q, &batch, i64::MIN..i64::MAX, &|_| false, by, stale)?;
            places.extend(scored.iter().map(|h| Place::of(entries, h.entry, h.score)));
            hits.extend(scored);
            rest = after;
            if hits.len() < shown {
                continue;
            }
            // The best candidate left: in this bound, else the best bound below.
            let next = rest.iter().min().copied();
            if next.is_none() && below.is_none() {
                break;
            }
            let mut firsts = places.clone();
            let (_, kth, _) = firsts.select_nth_unstable(shown - 1);
            // Below this bound any candidate ranks after a `shown`th best scoring above it.
            let done = match (next, below) {
                (Some(c), _) => *kth < c,
                (None, Some(b)) => kth.score() > b,
                (None, None) => false,
            };
            if done {
                let sure = rank_first(&mut hits, &places, shown);
                return Some((hits, sure));
            }
        }
    }
    let n = shown.min(hits.len());
    let sure = rank_first(&mut hits, &places, n);
    Some((hits, sure))
}

/// Sorts the best `n` hits to the front, in order, by their places (as `hits`); returns `n`.
fn rank_first(hits: &mut Vec<Hit>, places: &[Place], n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    let mut by_place: Vec<(Place, usize)> = places.iter().copied().zip(0..).collect();
    if n < by_place.len() {
        by_place.select_nth_unstable(n - 1);
    }
    by_place[..n].sort_unstable();
    let mut old: Vec<Option<Hit>> = std::mem::take(hits).into_iter().map(Some).collect();
    hits.extend(by_place.iter().filter_map(|&(_, i)| old.get_mut(i).and_then(Option::take)));
    n
}

/// The best `shown` matches of a query over every entry, in order (or all, when fewer),
/// scoring as few as it can; with their total.
#[must_use]
pub fn best(m: &Matcher, entries: &[Entry], q: &Query, shown: usize) -> (Vec<Hit>, usize) {
    let ids: Vec<usize> = (0..entries.len()).collect();
    let never = || false;
    let cands: Vec<(usize, i64)> =
        bounds(m, entries, q, &ids, None, &never).unwrap_or_default().iter().map(|t| (t.0, t.1)).collect();
    let (hits, _) = best_of(m, entries, q, &cands, shown.max(1), &never).unwrap_or_default();
    (hits.into_iter().take(shown).collect(), cands.len())
}

impl Narrowing {
    /// Runs a query: `deliver` gets the first answer (the best rows, final) as soon as it is
    /// known, then the complete list. `stale` is checked between chunks; when it says so, the
    /// search is abandoned (and nothing more is delivered). Returns whether it was completed.
    pub fn search(
        &mut self,
        m: &Matcher,
        entries: &[Entry],
        q: &Query,
        stale: &(dyn Fn() -> bool + Sync),
        deliver: &mut dyn FnMut(Answer),
    ) -> bool {
        // Seen before (a deleted character): at once.
        if let Some(i) = self.found.iter().position(|f| same(&f.query, q) && f.hits.is_some()) {
            let f = self.found.remove(i);
            let hits = expand(f.hits.as_deref().unwrap_or_default());
            deliver(Answer { total: hits.len(), hits, complete: true });
            self.found.push(f);
            return true;
        }
        // Seen, but its complete list was abandoned: its first answer at once, then the rest.
        let seen =
            self.found.iter().position(|f| same(&f.query, q) && !f.first.is_empty()).map(|i| self.found.remove(i));
        if let Some(f) = &seen {
            deliver(Answer { hits: expand(&f.first), total: f.ids.len(), complete: false });
        }
        // The query this one is typed from, whose W bounds the scores (or its own); else the
        // fewest matches of an earlier query this one narrows; else every entry.
        let all: Vec<usize>;
        let typed_from = || {
            self.found
                .iter()
                .filter_map(|f| Some((f, typed(&f.query, q)?, f.tops.as_deref()?)))
                .min_by_key(|(f, from, _)| (f.ids.len(), std::cmp::Reverse(*from)))
        };
        let (within, prior) = if let Some(f) = &seen {
            (f.ids.as_slice(), f.tops.as_deref().map(|tops| Known { tops, ends: &f.ends, from: None }))
        } else if let Some((f, from, tops)) = typed_from() {
            (f.ids.as_slice(), Some(Known { tops, ends: &f.ends, from: Some(from) }))
        } else if let Some(f) = self.found.iter().filter(|f| q.narrows(&f.query)).min_by_key(|f| f.ids.len()) {
            (f.ids.as_slice(), None)
        } else {
            all = (0..entries.len()).collect();
            (all.as_slice(), None)
        };
        let Some(tested) = bounds(m, entries, q, within, prior, stale) else { return false };
        let cands: Vec<(usize, i64)> = tested.iter().map(|t| (t.0, t.1)).collect();
        let base: Vec<i32> = tested.iter().map(|t| t.2).collect();
        // W is known where an earlier query's was, with no terms (every score is 0), and for
        // one character (the score: at most its bound).
        let with_tops = prior.is_some() || q.groups.is_empty() || one_character(q);
        let tops = with_tops.then(|| tested.iter().map(|t| t.2.max(narrow(t.1))).collect::<Vec<i32>>());
        let ends = if with_tops { tested.iter().map(|t| t.3).collect() } else { Vec::new() };
        drop(tested);
        let total = cands.len();
        let first = seen.map(|f| f.first).unwrap_or_default();
        let known = !first.is_empty();
        let ids = cands.iter().map(|c| c.0).collect();
        self.remember(Found { query: q.clone(), ids, tops, ends, first, hits: None });
        let mut hits = if known {
            expand(self.found.last().map_or(&[][..], |f| &f.first))
        } else {
            let Some((hits, mut scored)) = best_of(m, entries, q, &cands, self.shown, stale) else { return false };
            if let Some(Found { tops: Some(tops), ids, .. }) = self.found.last_mut() {
                scored.extend(hits.iter().map(|h| (h.entry, h.score)));
                refine(tops, ids, &base, &scored);
            }
            hits
        };
        if hits.len() < total {
            if !known {
                if let Some(f) = self.found.last_mut() {
                    f.first = compact(&hits);
                }
                deliver(Answer { hits: hits.clone(), total, complete: false });
            }
            // Every other match ranks after the first ones: score, sort and append them.
            let mut first: Vec<usize> = hits.iter().map(|h| h.entry).collect();
            first.sort_unstable();
            let skip = |i: usize| first.binary_search(&i).is_ok();
            let all = i64::MIN..i64::MAX;
            let Some(mut rest) = score_range(m, entries, q, &cands, all, &skip, skim, stale) else { return false };
            if stale() {
                return false;
            }
            items::sort_hits(&mut rest, entries);
            hits.extend(rest);
        }
        debug_assert_eq!(hits.len(), total, "the bound pass and the scorer disagree on a match");
        if let Some(f) = self.found.last_mut() {
            f.hits = Some(compact(&hits));
            if let Some(tops) = &mut f.tops {
                let all: Vec<(usize, i64)> = hits.iter().map(|h| (h.entry, h.score)).collect();
                refine(tops, &f.ids, &base, &all);
            }
        }
        deliver(Answer { total: hits.len(), hits, complete: true });
        true
    }

    fn remember(&mut self, f: Found) {
        self.found.retain(|old| !same(&old.query, &f.query));
        if self.found.len() >= REMEMBERED {
            self.found.remove(0);
        }
        self.found.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, LoadOptions};
    use proptest::prelude::*;

    /// Every answer a query gets.
    fn answers(n: &mut Narrowing, m: &Matcher, entries: &[Entry], q: &Query) -> Vec<Answer> {
        let mut out = Vec::new();
        assert!(n.search(m, entries, q, &|| false, &mut |a| out.push(a)));
        out
    }

    /// Checks each answer against scoring every entry: the first answer's rows are the first
    /// rows of the full ranking, the last is the full ranking, both with the exact total.
    fn check(n: &mut Narrowing, m: &Matcher, entries: &[Entry], q: &Query) {
        let full = items::search(m, q, entries, None);
        let got = answers(n, m, entries, q);
        let last = got.last().expect("an answer");
        assert!(last.complete);
        assert_eq!(last.hits, full, "complete answer for {:?}", q.source);
        for a in &got {
            assert_eq!(a.total, full.len(), "{:?}", q.source);
            assert_eq!(a.hits[..], full[..a.hits.len()], "first answer for {:?}", q.source);
            assert!(a.hits.len() >= full.len().min(n.shown), "{:?}", q.source);
        }
        // W bounds every match's score.
        if let Some(Found { tops: Some(tops), ids, .. }) = n.found.iter().find(|f| same(&f.query, q)) {
            for (&i, &w) in ids.iter().zip(tops) {
                let s = items::score(m, q, &entries[i], false).map_or(i64::MIN, |h| h.score);
                assert!(i64::from(w) >= s, "W {w} < score {s} of {:?} for {:?}", entries[i], q.source);
            }
        }
        let (best, total) = best(m, entries, q, 3);
        assert_eq!(best[..], full[..full.len().min(3)]);
        assert_eq!(total, full.len());
    }

    #[test]
    fn typing_deleting_and_filtering_give_the_rows_a_full_search_gives() {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        let entries = items::entries(&c);
        let m = Matcher::default();
        let mut n = Narrowing::default();
        let typed = ["", "a", "am", "ama", "ama z", "amaz", "ama", "am", "a", "", "@person", "@person j", "@person ja"];
        for q in typed.iter().chain(&["@doc a", "a | ^t", "e !amazon", "'ama", "Am", "s$", "^a"]) {
            check(&mut n, &m, &entries, &Query::parse(q));
        }
    }

    #[test]
    fn a_query_whose_list_was_abandoned_answers_its_first_rows_at_once() {
        let texts: Vec<(Vec<String>, i64)> = (0..3000usize).map(|i| (vec![format!("name {i} a")], 0)).collect();
        let entries = items::of_texts(&texts);
        let (m, q) = (Matcher::default(), Query::parse("a"));
        let mut n = Narrowing::default();
        // Stale as soon as the first answer is out: the complete list is abandoned.
        let delivered = std::sync::atomic::AtomicBool::new(false);
        let stale = || delivered.load(std::sync::atomic::Ordering::Relaxed);
        let mut first = Vec::new();
        assert!(!n.search(&m, &entries, &q, &stale, &mut |a| {
            delivered.store(true, std::sync::atomic::Ordering::Relaxed);
            first.push(a);
        }));
        assert_eq!(first.len(), 1);
        // Asked again: the same first answer before anything is scored, then the whole list.
        let got = answers(&mut n, &m, &entries, &q);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0], first[0]);
        assert_eq!(got[1].hits, items::search(&m, &q, &entries, None));
    }

    #[test]
    fn a_stale_search_is_abandoned() {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        let entries = items::entries(&c);
        let mut got = 0;
        let done =
            Narrowing::default().search(&Matcher::default(), &entries, &Query::parse("a"), &|| true, &mut |_| {
                got += 1;
            });
        assert!(!done && got == 0);
    }

    #[test]
    fn many_matches_are_answered_first_by_their_best_rows() {
        // 3,000 names that all match `a`: the first answer ranks only the best rows.
        let texts: Vec<(Vec<String>, i64)> = (0..3000usize)
            .map(|i| (vec![format!("name {i} with a{}", "x".repeat(i % 7))], i64::try_from(i % 5).expect("small")))
            .collect();
        let entries = items::of_texts(&texts);
        let got = answers(&mut Narrowing::default(), &Matcher::default(), &entries, &Query::parse("a"));
        assert_eq!(got.len(), 2);
        assert!(!got[0].complete && got[0].hits.len() == SHOWN && got[0].total == 3000);
        assert_eq!(got[1].hits.len(), 3000);
    }

    /// Names of a few letters in both cases, digits, spaces and punctuation, so that heads of
    /// words, camel case, breaks and repeated letters all occur.
    fn text() -> impl Strategy<Value = String> {
        proptest::string::string_regex("[aAbBcé1 ._/(-]{0,24}").expect("regex")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn the_fast_path_ranks_as_scoring_everything(
            texts in proptest::collection::vec((proptest::collection::vec(text(), 1..3), 0i64..3), 1..400),
            queries in proptest::collection::vec("[aAbBcé1 ._!^$'|-]{0,5}", 1..6),
            words in "[abcAB é.]{0,12}",
        ) {
            let entries = items::of_texts(&texts);
            let m = Matcher::default();
            let mut n = Narrowing::default();
            for q in &queries {
                let q = Query::parse(q);
                for e in &entries {
                    let exact = items::score(&m, &q, e, false);
                    // A score does not depend on what was scored before (skim's reused matrix).
                    let alone = items::score(&Matcher::default(), &q, e, false);
                    prop_assert_eq!(exact.as_ref().map(|h| h.score), alone.map(|h| h.score));
                    // The port of the scorer gives its scores.
                    let port = items::estimate(&m, &q, e);
                    prop_assert_eq!(exact.as_ref().map(|h| (h.score, h.text)), port.map(|h| (h.score, h.text)));
                    let bound = items::bound(&m, &q, e);
                    prop_assert_eq!(exact.is_some(), bound.is_some());
                    if let (Some(h), Some(b)) = (exact, bound) {
                        prop_assert!(b >= h.score, "bound {} < score {} for {:?}", b, h.score, q.source);
                    }
                }
                check(&mut n, &m, &entries, &q);
            }
            // Typed a character at a time, then deleted, ranking only the first few rows:
            // each bound from the previous query's W must hold.
            let mut typing = Narrowing { shown: 3, ..Narrowing::default() };
            for q in queries.iter().chain(std::iter::once(&words)) {
                let chars: Vec<(usize, char)> = q.char_indices().collect();
                let prefixes = chars.iter().map(|&(i, c)| &q[..i + c.len_utf8()]);
                let typed: Vec<&str> = std::iter::once("").chain(prefixes).collect();
                for p in typed.iter().chain(typed.iter().rev()) {
                    check(&mut typing, &m, &entries, &Query::parse(p));
                }
            }
        }
    }
}
