//! Searching every document and entity with a [`Query`]: shared by `dossier search` and the
//! explorer's jump.

use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::search::matcher::{Matcher, Prepared, Resume};

use crate::model::{Item, ItemKind};
use crate::search::query::Query;

/// One searchable item: its name first, then other texts it can be found by.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The item.
    pub item: Item,
    /// Its kind, for `@kind` filters.
    pub kind: ItemKind,
    /// Name (or title), then aliases and id.
    texts: Vec<Prepared>,
    /// Relevance among equal matches (and the order with no query): entities by mentions,
    /// before documents by date, newest first.
    weight: (u8, i64),
}

/// A match: which entry, its score, and the matched character positions in its name (empty
/// when it matched by an alias or id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into the entries.
    pub entry: usize,
    /// Higher is better.
    pub score: i64,
    /// Matched character positions in the name.
    pub positions: Vec<usize>,
    /// Which of the entry's texts matched best: 0 the name (or title), then aliases, then id.
    pub text: usize,
}

impl Entry {
    /// What the hit matched when it was not the name: an alias (`("alias", "AJ")`) or the id.
    #[must_use]
    pub fn matched_other<'c>(&self, c: &'c Corpus, hit: &Hit) -> Option<(&'static str, &'c str)> {
        if hit.text == 0 {
            return None;
        }
        match self.item {
            Item::Entity(e) => {
                let ent = c.entities.get(e)?;
                match ent.aliases.get(hit.text - 1) {
                    Some(a) => Some(("alias", a.as_str())),
                    None => Some(("id", ent.id.as_str())),
                }
            }
            Item::Doc(d) => c.docs.get(d).map(|d| ("id", d.id.as_str())),
            Item::Candidate(_) => None,
        }
    }

    /// An entry found by these texts, the name first.
    fn new<'a>(item: Item, kind: ItemKind, texts: impl Iterator<Item = &'a str>) -> Self {
        let texts = texts.map(|t| Prepared::new(&crate::text::sanitize::one_line(t))).collect();
        Self { item, kind, texts, weight: (0, 0) }
    }

    fn weighed(mut self, weight: (u8, i64)) -> Self {
        self.weight = weight;
        self
    }
}

/// Entries found by these texts (the name first) with these weights, as documents: for tests
/// of the search on generated lists.
#[cfg(test)]
pub(crate) fn of_texts(texts: &[(Vec<String>, i64)]) -> Vec<Entry> {
    texts
        .iter()
        .enumerate()
        .map(|(i, (t, w))| Entry::new(Item::Doc(i), ItemKind::Doc, t.iter().map(String::as_str)).weighed((1, *w)))
        .collect()
}

/// Every document (by title and id) and entity (by name, aliases and id), prepared for matching.
#[must_use]
pub fn entries(c: &Corpus) -> Vec<Entry> {
    let ents = c.entities.iter().enumerate().map(|(i, e)| {
        Entry::new(Item::Entity(i), ItemKind::Entity(e.kind), e.names().chain(std::iter::once(e.id.as_str())))
            .weighed((2, c.mention_count(i) as i64))
    });
    let docs = c.docs.iter().enumerate().map(|(i, d)| {
        let day = d.date.map_or(0, day_number);
        Entry::new(Item::Doc(i), ItemKind::Doc, [d.title.as_str(), &d.id].into_iter()).weighed((1, day))
    });
    let candidates = c
        .candidates
        .iter()
        .enumerate()
        .map(|(i, k)| Entry::new(Item::Candidate(i), ItemKind::Candidate, std::iter::once(k.name.as_str())));
    ents.chain(docs).chain(candidates).collect()
}

/// A date as a number that orders like it: 2024-12-04 is 20241204, 2024-12 is 20241200.
fn day_number(d: crate::text::date::PartialDate) -> i64 {
    i64::from(d.year) * 10_000 + i64::from(d.month.unwrap_or(0)) * 100 + i64::from(d.day.unwrap_or(0))
}

/// The same entries for summary rows; a hit's `entry` is the row's index.
#[must_use]
pub fn entries_of_rows(rows: &[crate::analysis::summary::Row]) -> Vec<Entry> {
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            let names = std::iter::once(r.name.as_str()).chain(r.aliases.iter().map(String::as_str));
            let weight = if r.is_doc {
                (1, r.date.as_deref().and_then(crate::text::date::PartialDate::parse).map_or(0, day_number))
            } else {
                (2, r.mentions as i64)
            };
            // Rows are found by position: the item is a placeholder, a hit's `entry` is the row.
            Entry::new(Item::Doc(i), r.item_kind(), names.chain(std::iter::once(r.id.as_str()))).weighed(weight)
        })
        .collect()
}

/// What [`entries_of_rows`] makes of one row: its kind, its weight, and the texts it is found
/// by (name, aliases, id) made one line as matched; for the prepared item list
/// ([`crate::search::itemlist`]), which keeps them so that a search need not read the rows.
#[must_use]
pub fn parts_of_row(r: &crate::analysis::summary::Row) -> (ItemKind, (u8, i64), Vec<String>) {
    let names = std::iter::once(r.name.as_str()).chain(r.aliases.iter().map(String::as_str));
    let weight = if r.is_doc {
        (1, r.date.as_deref().and_then(crate::text::date::PartialDate::parse).map_or(0, day_number))
    } else {
        (2, r.mentions as i64)
    };
    let texts = names.chain(std::iter::once(r.id.as_str())).map(crate::text::sanitize::one_line).collect();
    (r.item_kind(), weight, texts)
}

/// The entry of row `row` from what [`parts_of_row`] made of it (texts already one line):
/// the same entry [`entries_of_rows`] makes.
#[must_use]
pub fn entry_of_parts<'a>(
    row: usize,
    kind: ItemKind,
    weight: (u8, i64),
    texts: impl Iterator<Item = &'a str>,
) -> Entry {
    Entry { item: Item::Doc(row), kind, texts: texts.map(Prepared::new).collect(), weight }
}

/// Scores one entry; `None` when the query does not match it.
#[must_use]
pub fn score(m: &Matcher, q: &Query, e: &Entry, positions: bool) -> Option<Hit> {
    let best = evaluate(
        q,
        e,
        |term, text, ti| m.score(term, text, positions && ti == 0),
        |term, text| m.score(term, text, false).is_some(),
    );
    best.map(|(score, ti, mut positions)| {
        positions.sort_unstable();
        positions.dedup();
        if ti != 0 {
            positions.clear();
        }
        Hit { entry: 0, score, positions, text: ti }
    })
}

/// Whether the query matches an entry (`None` when not, as [`score`]) and a score no smaller
/// than [`score`]'s, without running the fuzzy scorer ([`Matcher::bound`]).
#[must_use]
pub fn bound(m: &Matcher, q: &Query, e: &Entry) -> Option<i64> {
    let best = evaluate(
        q,
        e,
        |term, text, _| m.matches(term, text).then(|| (m.bound(term, text), Vec::new())),
        |term, text| m.matches(term, text),
    );
    best.map(|(score, _, _)| score)
}

/// How much an entry's score can have grown since the query's last term (a fuzzy term alone
/// in the last group) had only its first `from` characters ([`Matcher::growth`], the largest
/// over the texts the term can match): over the rows before the last one, and over all of them.
///
/// Let W be the best score of the query with its last term cut after any of its first
/// `from` characters (or, when `from` is 0, the best score of the query without that group):
/// the score with the term cut after its first k > `from` characters is at most W plus the
/// text's growth over rows `from..k`, since each text's total is the other groups' total
/// (at most W minus what the term scored there) plus the term's score.
#[must_use]
pub fn growth(m: &Matcher, q: &Query, e: &Entry, from: usize) -> (i64, i64) {
    let Some([term]) = q.groups.last().map(Vec::as_slice) else { return (i64::MAX, i64::MAX) };
    let mut best = (i64::MIN, i64::MIN);
    // Over every text the term can match (a text it does not match can only add `MIN`).
    for text in &e.texts {
        let (a, b) = m.growth(term, text, from);
        best = (best.0.max(a), best.1.max(b));
    }
    best
}

/// Whether the query matches an entry, as [`score`] and [`bound`] say, without bounding it.
#[must_use]
pub fn matches(m: &Matcher, q: &Query, e: &Entry) -> bool {
    let test = |term: &crate::search::query::Term, text: &Prepared| m.matches(term, text);
    evaluate(q, e, |term, text, _| test(term, text).then(|| (0, Vec::new())), test).is_some()
}

/// Whether the query matches one of an entry's texts after its name (its aliases or id).
#[must_use]
pub fn matches_after_name(m: &Matcher, q: &Query, e: &Entry) -> bool {
    let test = |term: &crate::search::query::Term, text: &Prepared| m.matches(term, text);
    evaluate_from(q, e, 1, |term, text, _| test(term, text).then(|| (0, Vec::new())), test).is_some()
}

/// Whether the query's only term occurs in an entry's name ([`Matcher::matches`]).
#[must_use]
pub fn name_has(m: &Matcher, q: &Query, e: &Entry) -> bool {
    match (q.groups.as_slice(), e.texts.first()) {
        ([g], Some(name)) => matches!(g.as_slice(), [t] if !t.negate && m.matches(t, name)),
        _ => false,
    }
}

/// Where the query's last term (a fuzzy term alone in its group) ends in an entry's name, as
/// [`Matcher::resume`] says, its characters from the `from`th on looked for from byte `at`.
#[must_use]
pub fn resume_in_name(m: &Matcher, q: &Query, e: &Entry, from: usize, at: usize) -> Resume {
    match (q.groups.last().map(Vec::as_slice), e.texts.first()) {
        (Some([term]), Some(name)) => m.resume(term, name, from, at),
        _ => Resume::Unknown,
    }
}

/// [`score`]'s hit without positions, from a port of the fuzzy scorer where it applies
/// ([`Matcher::estimate`]): for ranking candidates before the ones shown are scored.
#[must_use]
pub fn estimate(m: &Matcher, q: &Query, e: &Entry) -> Option<Hit> {
    let best = evaluate(
        q,
        e,
        |term, text, _| m.estimate(term, text).map(|s| (s, Vec::new())),
        |term, text| m.matches(term, text),
    );
    best.map(|(score, ti, _)| Hit { entry: 0, score, positions: Vec::new(), text: ti })
}

/// The best of an entry's texts by the query: its total, which text, and positions.
/// `term` scores one term on one text; `found` says whether a term occurs in a text.
fn evaluate(
    q: &Query,
    e: &Entry,
    term: impl Fn(&crate::search::query::Term, &Prepared, usize) -> Option<(i64, Vec<usize>)>,
    found: impl Fn(&crate::search::query::Term, &Prepared) -> bool,
) -> Option<(i64, usize, Vec<usize>)> {
    evaluate_from(q, e, 0, term, found)
}

/// [`evaluate`] on the entry's texts from the `first`th on.
fn evaluate_from(
    q: &Query,
    e: &Entry,
    first: usize,
    term: impl Fn(&crate::search::query::Term, &Prepared, usize) -> Option<(i64, Vec<usize>)>,
    found: impl Fn(&crate::search::query::Term, &Prepared) -> bool,
) -> Option<(i64, usize, Vec<usize>)> {
    if !q.kinds.is_empty() && !q.kinds.contains(&e.kind) {
        return None;
    }
    // Candidates are found only when asked for: `@candidate`.
    if e.kind == ItemKind::Candidate && !q.kinds.contains(&ItemKind::Candidate) {
        return None;
    }
    let mut best: Option<(i64, usize, Vec<usize>)> = None;
    for (ti, text) in e.texts.iter().enumerate().skip(first) {
        let mut total = 0;
        let mut pos = Vec::new();
        let ok = q.groups.iter().all(|group| {
            let mut matched = false;
            for t in group {
                if t.negate {
                    if !found(t, text) {
                        matched = true;
                        break;
                    }
                } else if let Some((s, p)) = term(t, text, ti) {
                    total += s;
                    pos.extend(p);
                    matched = true;
                    break;
                }
            }
            matched
        });
        // A negated term applies to every text: an alias containing it excludes the item.
        if !ok {
            if q.groups.iter().any(|g| g.len() == 1 && g[0].negate && found(&g[0], text)) {
                return None;
            }
            continue;
        }
        // Names rank above aliases and ids.
        let total = total - 4 * ti as i64;
        if best.as_ref().is_none_or(|b| total > b.0) {
            best = Some((total, ti, pos));
        }
    }
    best
}

/// Every matching entry, best first (score, then shorter name, then entry order).
#[must_use]
pub fn search(m: &Matcher, q: &Query, entries: &[Entry], within: Option<&[usize]>) -> Vec<Hit> {
    let all: Vec<usize>;
    let candidates = if let Some(w) = within {
        w
    } else {
        all = (0..entries.len()).collect();
        &all
    };
    // Scored and sorted on every core.
    let mut hits: Vec<Hit> = candidates
        .par_iter()
        .with_min_len(1024)
        .filter_map(|&i| score(m, q, &entries[i], false).map(|h| Hit { entry: i, ..h }))
        .collect();
    hits.par_sort_by(|a, b| order(a, b, entries));
    hits
}

/// Ranks hits: score, then relevance (an entity's mentions, a document's date), then shorter
/// name, then entry order. With no query every score is equal: relevance orders the list.
pub fn sort_hits(hits: &mut [Hit], entries: &[Entry]) {
    hits.sort_by(|a, b| order(a, b, entries));
}

/// The order of [`sort_hits`]: `Less` when `a` ranks first.
#[must_use]
pub fn order(a: &Hit, b: &Hit, entries: &[Entry]) -> std::cmp::Ordering {
    b.score
        .cmp(&a.score)
        .then_with(|| entries[b.entry].weight.cmp(&entries[a.entry].weight))
        .then_with(|| entries[a.entry].texts[0].len().cmp(&entries[b.entry].texts[0].len()))
        .then_with(|| a.entry.cmp(&b.entry))
}

/// An entry's place with a score, as a value: keys compare as [`order`] orders their entries
/// (`Less` ranks first), without reading the entries again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    score: std::cmp::Reverse<i64>,
    weight: std::cmp::Reverse<(u8, i64)>,
    len: usize,
    /// The entry.
    pub entry: usize,
}

impl Place {
    /// The place of entry `entry` with this score.
    #[must_use]
    pub fn of(entries: &[Entry], entry: usize, score: i64) -> Self {
        let e = &entries[entry];
        let len = e.texts.first().map_or(0, Prepared::len);
        Self { score: std::cmp::Reverse(score), weight: std::cmp::Reverse(e.weight), len, entry }
    }

    /// The score it was placed with.
    #[must_use]
    pub fn score(&self) -> i64 {
        self.score.0
    }
}

/// The matched positions in an entry's name, for highlighting a visible row.
#[must_use]
pub fn positions(m: &Matcher, q: &Query, e: &Entry) -> Vec<usize> {
    score(m, q, e, true).map(|h| h.positions).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::LoadOptions;

    fn names(q: &str) -> Vec<String> {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        let es = entries(&c);
        search(&Matcher::default(), &Query::parse(q), &es, None)
            .iter()
            .map(|h| es[h.entry].item.name(&c).to_string())
            .collect()
    }

    #[test]
    fn with_no_query_the_most_mentioned_come_first_then_the_newest_documents() {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        let es = entries(&c);
        let hits = search(&Matcher::default(), &Query::parse(""), &es, None);
        let items: Vec<Item> = hits.iter().map(|h| es[h.entry].item).collect();
        let counts: Vec<usize> = items
            .iter()
            .filter_map(|i| if let Item::Entity(e) = i { Some(c.mention_count(*e)) } else { None })
            .collect();
        assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
        assert_eq!(items[0].name(&c), "Amazon");
        let first_doc = items.iter().position(|i| matches!(i, Item::Doc(_))).expect("documents");
        assert!(items[first_doc..].iter().all(|i| matches!(i, Item::Doc(_))));
        let dates: Vec<_> =
            items[first_doc..].iter().map(|i| if let Item::Doc(d) = i { c.docs[*d].date } else { None }).collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    }

    #[test]
    fn places_compare_as_hits_are_ordered() {
        // Equal and different scores, weights and name lengths, both ways.
        let texts: Vec<(Vec<String>, i64)> =
            (0..12usize).map(|i| (vec!["n".repeat(1 + i % 3)], i64::try_from(i % 2).expect("small"))).collect();
        let es = of_texts(&texts);
        let hit = |entry: usize| Hit {
            entry,
            score: i64::try_from(entry % 4).expect("small"),
            positions: Vec::new(),
            text: 0,
        };
        for a in 0..es.len() {
            for b in 0..es.len() {
                let (ha, hb) = (hit(a), hit(b));
                let places = Place::of(&es, a, ha.score).cmp(&Place::of(&es, b, hb.score));
                assert_eq!(places, order(&ha, &hb, &es), "{a} {b}");
            }
        }
    }

    #[test]
    fn entries_from_parts_are_the_entries_of_rows() {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        let mut rows = crate::analysis::summary::Summary::of(&c).rows;
        rows[0].name = "A\ttitle\u{1b}[31m".into();
        let of_rows = entries_of_rows(&rows);
        let of_parts: Vec<Entry> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let (kind, weight, texts) = parts_of_row(r);
                entry_of_parts(i, kind, weight, texts.iter().map(String::as_str))
            })
            .collect();
        assert_eq!(format!("{of_rows:?}"), format!("{of_parts:?}"));
    }

    #[test]
    fn desantis_finds_peter_desantis_first() {
        assert_eq!(names("desantis")[0], "Peter DeSantis");
    }

    #[test]
    fn kind_filters_and_negation() {
        let people = names("@person");
        assert!(people.contains(&"Andy Jassy".to_string()) && !people.contains(&"Amazon".to_string()));
        let r = names("@chip trainium !^trainium$");
        assert!(!r.is_empty() && !r.contains(&"Trainium".to_string()), "{r:?}");
    }

    #[test]
    fn aliases_find_items() {
        assert_eq!(names("'jesse")[0], "Andy Jassy");
    }

    #[test]
    fn or_groups() {
        let r = names("^titan$ | ^bard$");
        assert_eq!(r.len(), 2, "{r:?}");
    }

    #[test]
    fn documents_are_found_by_title_and_id() {
        assert!(names("@doc talent exodus")[0].starts_with("Amazon Faces Talent Exodus"));
        assert_eq!(names("'002_ad6a").len(), 1);
    }
}
