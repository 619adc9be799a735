//! Discovery: names in the text that no catalog entry covers.
//!
//! Candidate names are runs of two to four capitalised words (an initial such as `B` may stand
//! between). Each occurrence is weighed by cues: a known first name, a title before it
//! (`CEO`, `co-founder`, `Dr.`), a verb of speech or `, who` after it, a company suffix
//! (`Labs`, `Inc`). Headings, navigation lines, month and day names and names the catalog
//! already covers are left out. The same full name across documents is one entity; a surname
//! alone later in a document folds into it through the linker's short forms.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::text::ids::slug;
use rayon::prelude::*;

use crate::model::{DocKind, Document, Entity, EntityKind, MatchRule, Mention, Origin};

/// A name seen in the text that discovery could not classify with confidence.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Candidate {
    /// The name as written.
    pub name: String,
    /// The kind it leans towards, if any.
    pub guess: Option<EntityKind>,
    /// How many times it occurs.
    pub count: usize,
    /// Documents it occurs in (ids).
    pub docs: Vec<String>,
    /// A line of context from its first occurrence.
    pub snippet: String,
}

/// What discovery found.
#[derive(Debug, Default)]
pub struct Found {
    /// Confident new entities (origin `discovered`).
    pub entities: Vec<Entity>,
    /// Unsure names.
    pub candidates: Vec<Candidate>,
}

mod lexicon;
mod tagger;
mod words;

use tagger::Evidence;
use words::{Words, FIRST_NAME_SET};

/// Whether most words of a line (at least four) are capitalised: a headline.
fn is_title_case(line: &str) -> bool {
    let (words, capitals) = line
        .split_whitespace()
        .filter_map(|w| w.chars().next().filter(|c| c.is_alphabetic()))
        .fold((0, 0), |(n, caps), c| (n + 1, caps + usize::from(c.is_uppercase())));
    // A heading leaves only short words in lower case ("of", "and", "with"): a longer one
    // makes it prose ("Lori Glaze, director of NASA's Planetary Science Division").
    let prose = line.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.len() > 5 && w.chars().all(|c| c.is_ascii_lowercase())
    });
    words >= 4 && capitals * 10 >= words * 7 && !prose
}

/// Whether the line is a heading or navigation entry rather than prose: in title case, or
/// short, starting with the name and with no sentence end.
fn is_heading_line(line: &str, name: &str, title_case: bool) -> bool {
    if title_case {
        return true;
    }
    let l = line
        .trim()
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '•' || c == '#' || c == '-' || c == '*')
        .trim();
    l == name
        || (l.starts_with(name)
            && !l.ends_with(['.', '!', '?', '"', '\u{201d}'])
            && l.split_whitespace().nth(8).is_none())
}

#[derive(Default)]
struct Tally {
    /// Where the name first occurs: (document, byte offset); the author field counts as 0.
    first_seen: (usize, usize),
    /// The span of that first occurrence (`None` for an author field).
    first_span: Option<Range<usize>>,
    ev: Evidence,
    /// The strongest evidence for a person in a single sighting: weak cues repeated many times
    /// (a licence text copied into a thousand files) do not make a person.
    strongest: i32,
    count: usize,
    docs: Vec<usize>,
    snippet: String,
}

/// What discovery saw of one name in one document: the evidence of its sightings summed, the
/// strongest single sighting for a person, how many, and the first sighting's span (`None`:
/// the author field). Small, as there is one per name and document: numbers are `u32`, and a
/// span past 4 GiB into a text is not kept.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Seen {
    name: u32,
    ev: Evidence,
    strongest: i32,
    count: u32,
    first: Option<(u32, u32)>,
}

/// A name's number as kept in [`Seen`].
fn number_of(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Every document's sightings, by name: what discovery weighs across the corpus
/// ([`decide`]). Kept between loads (the model cache), so that after a change only the
/// changed documents are read again ([`Observed::updated`]).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Observed {
    /// Every name seen, in the order first seen.
    names: Vec<String>,
    /// Each document's sightings, one per name, in the order first seen.
    docs: Vec<Vec<Seen>>,
}

impl Observed {
    /// The sightings of every document: `mentions` are those discovery leaves out (the
    /// curated names', sorted by document and position, not overlapping).
    #[must_use]
    pub fn of(docs: &[Document], entities: &[Entity], mentions: &[Mention]) -> Self {
        Self::default().updated(docs, &vec![None; docs.len()], entities, mentions)
    }

    /// How many documents it covers.
    #[must_use]
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether it covers no document.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Whether every sighting names a name it has (a damaged cache's may not).
    #[must_use]
    pub fn is_sound(&self) -> bool {
        self.docs.iter().flatten().all(|s| (s.name as usize) < self.names.len())
    }

    /// The sightings of `docs`: document `i`'s are this one's document `old[i]` when that is
    /// given (the document is unchanged, and so are the entities and the curated mentions
    /// outside it); the others' are observed, in parallel, with `mentions` (which need only
    /// cover them). Names no document sights any more are dropped.
    #[must_use]
    pub fn updated(&self, docs: &[Document], old: &[Option<usize>], entities: &[Entity], mentions: &[Mention]) -> Self {
        let reused = |i: usize| old.get(i).copied().flatten().and_then(|j| self.docs.get(j));
        let firsts: &Words = &FIRST_NAME_SET;
        let known: HashSet<String> =
            entities.iter().flat_map(|e| e.names().map(str::to_lowercase).collect::<Vec<_>>()).collect();
        let mut by_doc: HashMap<usize, Vec<Range<usize>>> = HashMap::new();
        for m in mentions {
            by_doc.entry(m.doc()).or_default().push(m.span());
        }
        // Names are numbered in the order first seen, documents in order: the table does not
        // depend on scheduling, nor on what was read again.
        let mut out = Self { names: Vec::new(), docs: Vec::with_capacity(docs.len()) };
        let mut number: HashMap<String, usize> = HashMap::new();
        let mut renumber = vec![usize::MAX; self.names.len()];
        // A chunk of documents at a time: what is observed is numbered before the next chunk,
        // so that only a chunk's sightings are held with their names as text.
        for from in (0..docs.len()).step_by(CHUNK) {
            let fresh: Vec<Option<Sightings<'_>>> = (from..(from + CHUNK).min(docs.len()))
                .into_par_iter()
                .map_init(tagger::Scratch::default, |scratch, di| {
                    if reused(di).is_some() {
                        return None;
                    }
                    let taken = by_doc.get(&di).map_or(&[][..], Vec::as_slice);
                    let seen;
                    (seen, *scratch) = observe(&docs[di], taken, firsts, &known, std::mem::take(scratch));
                    Some(per_name(seen))
                })
                .collect();
            for (di, f) in (from..).zip(fresh) {
                let seen = match (f, reused(di)) {
                    (Some(f), _) => f
                        .into_iter()
                        .map(|(name, s)| {
                            let id = if let Some(&id) = number.get(&*name) {
                                id
                            } else {
                                out.names.push(name.clone().into_owned());
                                number.insert(name.into_owned(), out.names.len() - 1);
                                out.names.len() - 1
                            };
                            Seen { name: number_of(id), ..s }
                        })
                        .collect(),
                    (None, Some(old)) => old
                        .iter()
                        .map(|s| {
                            let was = self.names.get(s.name as usize).map_or("", String::as_str);
                            let id = match renumber.get(s.name as usize).copied() {
                                Some(id) if id != usize::MAX => id,
                                _ => {
                                    let id = *number.entry(was.to_string()).or_insert_with(|| {
                                        out.names.push(was.to_string());
                                        out.names.len() - 1
                                    });
                                    if let Some(r) = renumber.get_mut(s.name as usize) {
                                        *r = id;
                                    }
                                    id
                                }
                            };
                            Seen { name: number_of(id), ..s.clone() }
                        })
                        .collect(),
                    (None, None) => Vec::new(),
                };
                out.docs.push(seen);
            }
        }
        out
    }
}

/// How many documents are observed before their names are numbered.
const CHUNK: usize = 4096;

/// One document's sightings by name, before the names are numbered.
type Sightings<'d> = Vec<(Cow<'d, str>, Seen)>;

/// One document's sightings gathered by name, in the order first seen.
fn per_name(seen: Vec<Observation<'_>>) -> Sightings<'_> {
    let mut out: Vec<(Cow<'_, str>, Seen)> = Vec::new();
    let mut at: HashMap<Cow<'_, str>, usize> = HashMap::new();
    for o in seen {
        let i = *at.entry(o.name.clone()).or_insert_with(|| {
            let first = o.span.as_ref().and_then(|s| Some((u32::try_from(s.start).ok()?, u32::try_from(s.end).ok()?)));
            let s = Seen { name: 0, ev: Evidence::default(), strongest: 0, count: 0, first };
            out.push((o.name.clone(), s));
            out.len() - 1
        });
        let s = &mut out[i].1;
        s.ev += o.ev;
        s.strongest = s.strongest.max(o.ev.person);
        s.count = s.count.saturating_add(1);
    }
    out
}

/// Finds names no entity covers, in the text outside existing mentions (as the linker gives
/// them: sorted by document and position, not overlapping).
#[must_use]
pub fn discover(docs: &[Document], entities: &[Entity], mentions: &[Mention]) -> Found {
    decide(docs, entities, &Observed::of(docs, entities, mentions))
}

/// What the sightings of every document make: each name's sightings are weighed together,
/// "first seen" is the first sighting in the first document that has one.
#[must_use]
pub fn decide(docs: &[Document], entities: &[Entity], observed: &Observed) -> Found {
    let firsts: &Words = &FIRST_NAME_SET;
    let mut by_name: Vec<Tally> = observed.names.iter().map(|_| Tally::default()).collect();
    for (di, seen) in observed.docs.iter().enumerate() {
        for s in seen {
            let Some(t) = by_name.get_mut(s.name as usize) else { continue };
            if t.count == 0 {
                t.first_seen = (di, s.first.map_or(0, |f| f.0 as usize));
                t.first_span = s.first.map(|(a, b)| a as usize..b as usize);
            }
            t.ev += s.ev;
            t.strongest = t.strongest.max(s.strongest);
            t.count += s.count as usize;
            t.docs.push(di);
        }
    }
    let mut tallies: HashMap<String, Tally> =
        observed.names.iter().zip(by_name).filter(|(_, t)| t.count > 0).map(|(n, t)| (n.clone(), t)).collect();
    for t in tallies.values_mut() {
        let Some(d) = docs.get(t.first_seen.0) else { continue };
        t.snippet = match (&t.first_span, &d.author) {
            (Some(span), _) if d.body.get(span.clone()).is_some() => crate::text::span::snippet(&d.body, span, 100),
            (None, Some(a)) => format!("author: {}", crate::text::sanitize::one_line(a)),
            _ => String::new(),
        };
    }
    // Two names can be first seen at one place (two authors of a document): then by name.
    let mut order: Vec<String> = tallies.keys().cloned().collect();
    order.sort_by(|a, b| tallies[a].first_seen.cmp(&tallies[b].first_seen).then_with(|| a.cmp(b)));
    let mut found = Found::default();
    let mut ids: HashSet<String> = entities.iter().map(|e| e.id.clone()).collect();
    let near = near_spellings(&tallies, firsts, |d| docs.get(d).is_some_and(|d| d.kind == DocKind::Transcript));
    for (variant, canonical) in &near {
        let (person, count) = (tallies[variant].ev.person, tallies[variant].count);
        if let Some(t) = tallies.get_mut(canonical) {
            t.ev.person += person;
            t.count += count;
        }
    }
    let folded = fold_short_forms(&tallies);
    // A near spelling is another writing of the same name ("Marcia Fudge" of "Marcia L.
    // Fudge"): an alias, so its mentions link in edited text too, not only in transcripts.
    let mut aliases: HashMap<&str, Vec<String>> = HashMap::new();
    for (variant, canonical) in folded.iter().chain(&near) {
        aliases.entry(canonical.as_str()).or_default().push(variant.clone());
    }
    // The map's order changes from run to run; the aliases' must not.
    for v in aliases.values_mut() {
        v.sort_unstable();
        v.dedup();
    }
    for name in order {
        if near.contains_key(&name) || folded.contains_key(&name) {
            continue;
        }
        let t = &tallies[&name];
        match t.kind() {
            Some(kind) => {
                let id = crate::text::ids::unique_id(&slug(&name), &mut ids);
                // Names in capitals are title-cased for people (speaker labels); an
                // organisation's capitals may be its own ("HSBC").
                let shown = if kind == EntityKind::Person { display_name(&name) } else { name.clone() };
                let mut e = Entity::named(id, kind, shown, Origin::Discovered);
                // A team named by its country is that team only where sport is written of.
                if kind == EntityKind::Org && t.ev.team > 0 && 2 * t.ev.team >= t.ev.org {
                    e.rule = MatchRule {
                        case_sensitive: true,
                        context: SPORT_WORDS.iter().map(|w| (*w).to_string()).collect(),
                    };
                }
                e.aliases = aliases.remove(name.as_str()).unwrap_or_default();
                if e.name != name {
                    e.aliases.push(name.clone());
                }
                found.entities.push(e);
            }
            None => found.candidates.push(Candidate {
                guess: t.guess(),
                count: t.count,
                docs: t.docs.iter().filter_map(|&i| Some(docs.get(i)?.id.clone())).collect(),
                snippet: t.snippet.clone(),
                name,
            }),
        }
    }
    found.candidates.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    found
}

/// Words of a match, one of which must stand near a team named by its country for the
/// country's name to stand for the team (in the same paragraph, within 200 bytes).
const SPORT_WORDS: &[&str] =
    &["beat", "beats", "defeated", "drew", "match", "matches", "goals", "scored", "semi-final", "quarter-final"];

/// A name written in capitals (a speaker label, "JASON RHODES") shown in title case.
fn display_name(name: &str) -> String {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 4 || letters.iter().any(|c| c.is_lowercase()) || !name.contains(' ') {
        return name.to_string();
    }
    name.split(' ')
        .map(|w| {
            let cap = |w: &str| {
                let mut cs = w.chars();
                cs.next().map_or_else(String::new, |f| f.to_string() + &cs.as_str().to_lowercase())
            };
            // "O'BRIEN" is "O'Brien", "D'ANGELO" "D'Angelo".
            match w.split_once(['\'', '\u{2019}']) {
                Some((o, rest)) if o.chars().count() == 1 && rest.chars().count() >= 2 => {
                    format!("{o}{}{}", &w[o.len()..w.len() - rest.len()], cap(rest))
                }
                _ => cap(w),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Short and capitalised forms of a person's name that fold into the full name: "Granholm"
/// and "GRANHOLM" into "Jennifer Granholm", "JASON RHODES" into "Jason Rhodes", when exactly
/// one full name in the corpus fits (whether or not they share a file, so that the same text
/// split into files or joined into one gives the same people).
fn fold_short_forms(tallies: &HashMap<String, Tally>) -> HashMap<String, String> {
    let person = |t: &Tally| t.kind() == Some(EntityKind::Person);
    let mut by_last: HashMap<String, Vec<&String>> = HashMap::new();
    let mut by_lower: HashMap<String, Vec<&String>> = HashMap::new();
    for (name, t) in tallies {
        if person(t) && name.contains(' ') && name.chars().any(char::is_lowercase) {
            let last = name.rsplit(' ').next().unwrap_or("").to_lowercase();
            by_last.entry(last).or_default().push(name);
            by_lower.entry(name.to_lowercase()).or_default().push(name);
        }
    }
    // Full names of people (a given name, not an initial, first), in any case.
    let mut full_by_last: HashMap<String, Vec<&String>> = HashMap::new();
    for (name, t) in tallies {
        if let Some((first, last)) = name.split_once(' ') {
            if person(t) && first.trim_end_matches('.').chars().count() > 1 {
                full_by_last.entry(last.rsplit(' ').next().unwrap_or(last).to_lowercase()).or_default().push(name);
            }
        }
    }
    let mut out = HashMap::new();
    for (name, t) in tallies {
        if !person(t) || by_lower.get(&name.to_lowercase()).is_some_and(|v| v.contains(&name)) {
            continue;
        }
        let fits =
            if name.contains(' ') { by_lower.get(&name.to_lowercase()) } else { by_last.get(&name.to_lowercase()) };
        if let Some([full]) = fits.map(Vec::as_slice) {
            out.insert(name.clone(), (*full).clone());
            continue;
        }
        // An initial and a surname, as a transcript labels a speaker again: "S. O'BRIEN" is
        // "Soledad O'Brien" when she is the one such name (written in capitals or not).
        let Some((first, last)) = name.split_once(' ') else { continue };
        if first.trim_end_matches('.').chars().count() != 1 || last.contains(' ') {
            continue;
        }
        let initial = first.chars().next().map(|c| c.to_lowercase().to_string());
        let mut fits: Vec<String> = full_by_last
            .get(&last.to_lowercase())
            .into_iter()
            .flatten()
            .filter(|full| full.chars().next().map(|c| c.to_lowercase().to_string()) == initial)
            .map(|full| full.to_lowercase())
            .collect();
        fits.sort_unstable();
        fits.dedup();
        if let [full] = fits.as_slice() {
            // The name as written in lower case if it is, else in capitals (shown title-cased).
            let written = by_lower
                .get(full)
                .and_then(|v| v.iter().min())
                .or_else(|| full_by_last.get(&last.to_lowercase())?.iter().filter(|f| f.to_lowercase() == *full).min());
            if let Some(written) = written {
                out.insert(name.clone(), (*written).clone());
            }
        }
    }
    out
}

/// One sighting of a possible name: its evidence, and where (`None` for the author field).
struct Observation<'d> {
    name: Cow<'d, str>,
    ev: Evidence,
    span: Option<Range<usize>>,
}

impl Tally {
    /// The kind the evidence makes it: at least 2, more than any other kind's, and for a
    /// person one sighting with evidence of 2 or more.
    fn kind(&self) -> Option<EntityKind> {
        let [(best, kind), (second, _), ..] = self.ev.ranked();
        (best >= 2 && best > second && (kind != EntityKind::Person || self.strongest >= 2)).then_some(kind)
    }

    /// The kind it leans towards, for a candidate.
    fn guess(&self) -> Option<EntityKind> {
        let [(best, kind), ..] = self.ev.ranked();
        (best > 0).then_some(kind)
    }
}

/// Every possible name in one document outside existing mentions, with its evidence.
/// The tagger's buffers come from the previous document and go on to the next.
fn observe<'d>(
    d: &'d Document,
    taken: &[Range<usize>],
    firsts: &'d Words,
    known: &HashSet<String>,
    scratch: tagger::Scratch<'d>,
) -> (Vec<Observation<'d>>, tagger::Scratch<'d>) {
    let mut out = Vec::new();
    let mut title_case_lines: HashMap<usize, bool> = HashMap::new();
    let tagger = tagger::Tagger::with(&d.body, firsts, scratch);
    for w in tagger.chunks(true) {
        let tagger::Weighed { name, span, ev, role, .. } = w;
        // `taken` is sorted and its spans do not overlap: only the last one starting before
        // `span.end` can overlap it.
        let to = taken.partition_point(|t| t.start < span.end);
        if to > 0 && taken[to - 1].end > span.start {
            continue;
        }
        let first = name.split(' ').next().unwrap_or("");
        // A name with a known given name, or a role after it ("MiMi Aung, project manager" in a
        // list), counts even there.
        // An office named alone on its line is a letterhead's, not a heading's: "Office of the
        // Press Secretary" under "The White House".
        let office = ev.org >= 3
            && ["Office of ", "Bureau of ", "Department of ", "Ministry of ", "Embassy of "]
                .iter()
                .any(|p| name.starts_with(p));
        let heading = !firsts.contains(first) && !role && !office && {
            // A heading is short: a longer line is prose, and is not scanned again per name.
            let line = &d.body[crate::text::span::line_around(&d.body, span.clone())];
            line.len() <= MAX_HEADING && {
                let start = line.as_ptr() as usize - d.body.as_ptr() as usize;
                let title_case = *title_case_lines.entry(start).or_insert_with(|| is_title_case(line));
                // A roster's entry ("Krypton Okesene 578") is a line of its own, not a heading.
                let entry = ev.person >= 2 && tagger::roster_entry(line).is_some();
                !entry && is_heading_line(line, &name, title_case)
            }
        };
        if heading || (!known.is_empty() && known.contains(&name.to_lowercase())) {
            continue;
        }
        out.push(Observation { name, ev, span: Some(span) });
    }
    let scratch = tagger.into_scratch();
    if let Some(author) = &d.author {
        let parts: Vec<&str> = author.split(['|', ',', ';']).map(str::trim).collect();
        for &part in &parts {
            let words: Vec<&str> = part.split_whitespace().collect();
            // "Show Name | Host Name": with several parts, the person's has a first name.
            let plausible = parts.len() == 1 || words.first().is_some_and(|w| firsts.contains(w));
            if plausible
                && (2..=4).contains(&words.len())
                && words.iter().all(|w| tagger::person_shaped(w))
                && !known.contains(&part.to_lowercase())
            {
                out.push(Observation {
                    name: Cow::Borrowed(part),
                    ev: Evidence { person: 3, ..Evidence::default() },
                    span: None,
                });
            }
        }
    }
    (out, scratch)
}

/// The longest line taken for a heading or a navigation entry.
const MAX_HEADING: usize = 300;

/// How many of the most frequent names sharing a first name a name is compared with.
const NEAR_SPELLING_PEERS: usize = 32;

/// Person-like names that are a near spelling (same first name, surname one or two letters
/// off) of exactly one more frequent name: the linker folds them in as fuzzy matches.
/// Whether two names sharing a first name are spellings of one (`an`, `bn`: their normalised
/// forms): at most two edits, and a surname that differs is long enough for an edit to be a
/// slip ("Raikonnen", "Raikkonen"), not another family ("Moss", "Ross"; "Smith", "Smyth").
fn near(a: &str, an: &str, b: &str, bn: &str) -> bool {
    if strsim::levenshtein(an, bn) > 2 {
        return false;
    }
    let last = |s: &str| crate::recognize::link::normalise(s.rsplit(' ').next().unwrap_or(s));
    let (la, lb) = (last(a), last(b));
    let shorter = la.chars().count().min(lb.chars().count());
    la == lb || (shorter >= 6 && strsim::levenshtein(&la, &lb) <= if shorter < 9 { 1 } else { 2 })
}

fn near_spellings(
    tallies: &HashMap<String, Tally>,
    firsts: &Words,
    transcript: impl Fn(usize) -> bool,
) -> HashMap<String, String> {
    // Only names with the same first name are compared: group them first.
    let mut groups: HashMap<&str, Vec<(&String, &Tally, String)>> = HashMap::new();
    for (name, t) in tallies {
        let first = name.split(' ').next().unwrap_or("");
        if t.ev.person >= 1 || firsts.contains(first) {
            groups.entry(first).or_default().push((name, t, crate::recognize::link::normalise(name)));
        }
    }
    let mut out = HashMap::new();
    for group in groups.values_mut() {
        // The variant is the rarer spelling; on a tie, the one with less evidence, then the
        // later one. Each name is compared with the most frequent names of its group only, so
        // the cost stays linear however many names share a first name.
        let rank = |t: &Tally| (t.count, t.ev.person, std::cmp::Reverse(t.first_seen));
        group.sort_by(|a, b| rank(b.1).cmp(&rank(a.1)).then_with(|| a.0.cmp(b.0)));
        let top = &group[..group.len().min(NEAR_SPELLING_PEERS)];
        for (name, t, n) in group.iter() {
            let fits: Vec<&String> = top
                .iter()
                .filter(|(other, ot, on)| {
                    other != name
                        && rank(ot) > rank(t)
                        && (near(name, n, other, on)
                            // What is heard is misspelt more: in transcripts, any two edits
                            // ("Andy Jesse" for "Andy Jassy"), as the linker allows there.
                            || (t.docs.iter().all(|&d| transcript(d)) && strsim::levenshtein(n, on) <= 2))
                })
                .map(|(o, _, _)| *o)
                .collect();
            if let [canonical] = fits.as_slice() {
                out.insert((*name).clone(), (*canonical).clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn doc(body: &str) -> Document {
        let mut p = Vec::new();
        crate::ingest::source::parse(&PathBuf::from("t.txt"), body.as_bytes(), &mut p).expect("loads")
    }

    fn people(bodies: &[&str]) -> Vec<String> {
        let docs: Vec<Document> = bodies.iter().map(|b| doc(b)).collect();
        let f = discover(&docs, &[], &[]);
        f.entities.into_iter().filter(|e| e.kind == EntityKind::Person).map(|e| e.name).collect()
    }

    #[test]
    fn a_first_name_or_a_cue_makes_a_person() {
        assert_eq!(
            people(&["Yesterday Maria Lopez said the plan works. CEO Tom Baker agreed."]),
            ["Maria Lopez", "Tom Baker"]
        );
        assert_eq!(people(&["The memo from Xiu Qarnet, who runs the lab, was short."]), ["Xiu Qarnet"]);
    }

    #[test]
    fn a_name_without_its_middle_initial_is_an_alias_of_the_name_with_it() {
        let docs: Vec<Document> =
            ["Secretary Marcia L. Fudge spoke. Marcia L. Fudge agreed.", "HUD was led by Marcia Fudge at the time."]
                .iter()
                .map(|b| doc(b))
                .collect();
        let f = discover(&docs, &[], &[]);
        let people: Vec<(&str, &[String])> = f
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .map(|e| (e.name.as_str(), &e.aliases[..]))
            .collect();
        assert_eq!(people, [("Marcia L. Fudge", &["Marcia Fudge".to_string()][..])]);
    }

    #[test]
    fn a_tv_transcript_s_speaker_labels_name_people_and_fold_into_their_full_names() {
        let p = people(&[
            "SOLEDAD O'BRIEN, CNN ANCHOR: Good morning.\nI'm Soledad O'Brien.\n\nDARYN KAGAN, CNN ANCHOR: Hello.\n\n\
             S. O'BRIEN: And in New Orleans, what is going on?\n\nKAGAN: We will see.\n",
        ]);
        assert_eq!(p, ["Soledad O'Brien", "Daryn Kagan"]);
    }

    #[test]
    fn an_office_alone_on_its_line_is_a_letterhead_s_not_a_heading() {
        let docs = [doc("THE WHITE HOUSE\nOffice of the Press Secretary\nFor Immediate Release\n\nBoard of Directors\n\nThe press secretary spoke.\n")];
        let f = discover(&docs, &[], &[]);
        let orgs: Vec<&str> =
            f.entities.iter().filter(|e| e.kind == EntityKind::Org).map(|e| e.name.as_str()).collect();
        assert_eq!(orgs, ["WHITE HOUSE", "Office of the Press Secretary"]);
    }

    #[test]
    fn headings_months_and_stop_words_are_not_people() {
        let p = people(&[
            "Key Highlights\n\nTable of Contents\n\nIn December Amazon grew. The Future of Jobs in the Age of AI\n",
        ]);
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn an_author_in_front_matter_is_a_person() {
        let p = people(&["---\nauthor: \"AI News & Strategy Daily | Nate B Jones\"\n---\nText about things.\n"]);
        assert_eq!(p, ["Nate B Jones"]);
    }

    /// Everything discovery decides, as text to compare.
    fn decided(docs: &[Document], observed: &Observed) -> String {
        let f = decide(docs, &[], observed);
        format!("{:?}\n{:?}", f.entities, f.candidates)
    }

    #[test]
    fn sightings_kept_for_unchanged_documents_decide_what_observing_all_decides() {
        let texts = [
            "CEO Maria Lopez said the plan works. Lopez agreed.",
            "Tom Baker, who runs sales, met Maria Lopez.",
            "We met Badger Technologies at the show. JASON RHODES: hello.",
            "Jason Rhodes said so. Dr. Nadia Berg agreed.",
        ];
        let docs: Vec<Document> = texts.iter().map(|t| doc(t)).collect();
        let before = Observed::of(&docs, &[], &[]);
        // The second document edited, the third removed, a new one first: Nadia Berg is now
        // first seen elsewhere, Tom Baker is gone, Ada Quinn is new.
        let now: Vec<Document> = [
            "Nadia Berg, who runs research, met Ada Quinn.",
            texts[0],
            "Chief executive Ada Quinn said hello.",
            texts[3],
        ]
        .iter()
        .map(|t| doc(t))
        .collect();
        let old = [None, Some(0), None, Some(3)];
        let updated = before.updated(&now, &old, &[], &[]);
        let fresh = Observed::of(&now, &[], &[]);
        assert_eq!(format!("{updated:?}"), format!("{fresh:?}"), "the same names, numbered alike");
        assert_eq!(decided(&now, &updated), decided(&now, &fresh));
        assert!(decided(&now, &updated).contains("Ada Quinn") && !decided(&now, &updated).contains("Tom Baker"));
        // Unchanged documents are not read again: their sightings are the old ones even where
        // the text says otherwise.
        let stale = before.updated(&now, &[Some(1), Some(0), None, Some(3)], &[], &[]);
        assert!(decided(&now, &stale).contains("Tom Baker"));
    }

    #[test]
    fn a_line_with_a_long_word_in_lower_case_is_prose_not_a_heading() {
        assert!(is_title_case("Commerce Department Announces New Rules for Chip Exports"));
        assert!(!is_title_case("Lori Glaze, director of NASA's Planetary Science Division at NASA Headquarters"));
    }

    #[test]
    fn a_slip_folds_into_the_common_spelling_another_surname_does_not() {
        let near =
            |a: &str, b: &str| near(a, &crate::recognize::link::normalise(a), b, &crate::recognize::link::normalise(b));
        assert!(near("Kimi Raikonnen", "Kimi Raikkonen"));
        assert!(near("Michael G. Schwern", "Michael G Schwern"));
        assert!(!near("Andrew Moss", "Andrew Ross"));
        assert!(!near("John Smith", "John Smyth"));
        assert!(!near("Kimi Raikonnen", "Kimi Raikkonenus"));
        let found = people(&["Notes\n\nAndrew Ross said so. Andrew Ross left.", "Notes\n\nAndrew Moss said no."]);
        assert!(found.contains(&"Andrew Moss".to_string()) && found.contains(&"Andrew Ross".to_string()), "{found:?}");
    }

    #[test]
    fn company_suffixes_make_orgs() {
        let docs = vec![doc("We met Badger Technologies at the show.")];
        let f = discover(&docs, &[], &[]);
        assert_eq!(f.entities[0].kind, EntityKind::Org);
    }

    #[test]
    fn a_country_named_for_its_team_is_linked_only_near_a_match() {
        let docs = vec![doc(
            "Brazil beat Australia 2-0 in Munich. Argentina defeated Wales 45-27.\n\nAustralia's economy grew.",
        )];
        let f = discover(&docs, &[], &[]);
        let teams: Vec<&str> =
            f.entities.iter().filter(|e| e.kind == EntityKind::Org).map(|e| e.name.as_str()).collect();
        assert_eq!(teams, ["Brazil", "Australia", "Argentina", "Wales"]);
        assert!(f.entities.iter().all(|e| e.rule.context.contains(&"beat".to_string())));
        let linker = crate::recognize::link::Linker::new(&f.entities);
        let text = &docs[0].body;
        let named: Vec<&str> = linker.link(0, text).iter().map(|m| &text[m.span()]).collect();
        assert_eq!(named, ["Brazil", "Australia", "Argentina", "Wales"], "not the economy's Australia");
        // No score, no team: "Brazil beat inflation".
        let f = discover(&[doc("Brazil beat Australia on tariffs, officials said.")], &[], &[]);
        assert!(f.entities.is_empty(), "{:?}", f.entities);
    }
}
