//! The jump's search as the user types: when a query narrows the previous one (more
//! characters, more terms), only the previous matches are scored; chunks are scored on every
//! core, and the search is abandoned as soon as a newer query makes it stale.

use rayon::prelude::*;

use crate::search::items::{self, Entry, Hit};
use crate::search::matcher::Matcher;
use crate::search::query::Query;

/// How many entries are scored between checks for a newer query.
const CHUNK: usize = 2048;

/// Remembers the last query and its hits, to search only those when the next query narrows.
#[derive(Debug, Default)]
pub struct Narrowing {
    last: Option<(Query, Vec<usize>)>,
}

impl Narrowing {
    /// Runs a query, reusing the previous matches when it narrows them. `stale` is checked
    /// between chunks; when it says so, the search is abandoned (`None`).
    pub fn search(
        &mut self,
        m: &Matcher,
        entries: &[Entry],
        q: &Query,
        stale: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Hit>> {
        let within: Option<Vec<usize>> = match &self.last {
            Some((prev, ids)) if q.narrows(prev) => Some(ids.clone()),
            _ => None,
        };
        let ids: Vec<usize> = within.unwrap_or_else(|| (0..entries.len()).collect());
        // Chunks are scored on every core; each checks first whether a newer query came.
        let chunks: Option<Vec<Vec<Hit>>> = ids
            .par_chunks(CHUNK)
            .map(|chunk| {
                (!stale()).then(|| {
                    chunk
                        .iter()
                        .filter_map(|&i| items::score(m, q, &entries[i], false).map(|h| Hit { entry: i, ..h }))
                        .collect()
                })
            })
            .collect();
        let mut hits: Vec<Hit> = chunks?.into_iter().flatten().collect();
        let mut ids: Vec<usize> = hits.iter().map(|h| h.entry).collect();
        ids.sort_unstable();
        self.last = Some((q.clone(), ids));
        items::sort_hits(&mut hits, entries);
        Some(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, LoadOptions};

    #[test]
    fn a_narrowing_query_gives_the_same_results_as_a_full_search() {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        let entries = items::entries(&c);
        let m = Matcher::default();
        let mut n = Narrowing::default();
        let never = || false;
        for q in ["a", "am", "ama", "ama z", "amaz"] {
            let q = Query::parse(q);
            let narrowed = n.search(&m, &entries, &q, &never).expect("not stale");
            assert_eq!(narrowed, items::search(&m, &q, &entries, None), "{}", q.source);
        }
    }

    #[test]
    fn a_stale_search_is_abandoned() {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        let entries = items::entries(&c);
        assert!(Narrowing::default().search(&Matcher::default(), &entries, &Query::parse("a"), &|| true).is_none());
    }
}
