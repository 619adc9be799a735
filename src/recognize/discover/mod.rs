//! Discovery: names in the text that no catalog entry covers.
//!
//! Candidate names are runs of two to four capitalised words (an initial such as `B` may stand
//! between). Each occurrence is weighed by cues: a known first name, a title before it
//! (`CEO`, `co-founder`, `Dr.`), a verb of speech or `, who` after it, a company suffix
//! (`Labs`, `Inc`). Headings, navigation lines, month and day names and names the catalog
//! already covers are left out. The same full name across documents is one entity; a surname
//! alone later in a document folds into it through the linker's short forms.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::recognize::link::capitalised_runs;
use crate::text::ids::slug;
use rayon::prelude::*;

use crate::model::{Document, Entity, EntityKind, Mention, Origin};

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

mod words;

use words::{first_names, listed, AFTER_SET, BEFORE_SET, HONORIFIC_SET, NOT_NAME_SET, ORG_SUFFIX_SET, ROLE_SET};

/// Whether a word looks like part of a name: `Jassy`, `DeSantis`, `O'Neil`, an initial `B`/`B.`.
fn name_shaped(w: &str) -> bool {
    let mut cs = w.chars();
    let Some(first) = cs.next() else { return false };
    if !first.is_uppercase() {
        return false;
    }
    let rest: Vec<char> = cs.collect();
    if rest.is_empty() {
        return true; // an initial
    }
    // Words glued together by a lost space ("AcquisitionThis") are not names.
    let glued = rest.windows(5).any(|w| w[..4].iter().all(|c| c.is_lowercase()) && w[4].is_uppercase());
    !glued && rest.iter().any(|c| c.is_lowercase()) && rest.iter().all(|c| c.is_alphabetic() || *c == '\'' || *c == '-')
}

/// Up to three words before (nearest first) and after a span.
fn words_around<'t>(text: &'t str, span: &Range<usize>) -> (Vec<&'t str>, Vec<&'t str>) {
    let lo = text.floor_char_boundary(span.start.saturating_sub(40));
    let hi = text.ceil_char_boundary((span.end + 40).min(text.len()));
    let is_sep = |c: char| !(c.is_alphanumeric() || c == '-' || c == ',');
    let before = text[lo..span.start].rsplit(is_sep).filter(|w| !w.is_empty()).take(3).collect();
    let after = text[span.end..hi].split(is_sep).filter(|w| !w.is_empty()).take(3).collect();
    (before, after)
}

/// Whether most words of a line (at least four) are capitalised: a headline.
fn is_title_case(line: &str) -> bool {
    let (words, capitals) = line
        .split_whitespace()
        .filter_map(|w| w.chars().next().filter(|c| c.is_alphabetic()))
        .fold((0, 0), |(n, caps), c| (n + 1, caps + usize::from(c.is_uppercase())));
    words >= 4 && capitals * 10 >= words * 7
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
    person: i32,
    org: i32,
    count: usize,
    docs: Vec<usize>,
    snippet: String,
}

impl Tally {
    /// Adds another tally of the same name (from another thread's share of the documents).
    fn merge(&mut self, other: Self) {
        if other.first_seen < self.first_seen {
            self.first_seen = other.first_seen;
            self.first_span = other.first_span;
        }
        self.person += other.person;
        self.org += other.org;
        self.count += other.count;
        self.docs.extend(other.docs);
    }
}

/// Finds names no entity covers, in the text outside existing mentions.
#[must_use]
pub fn discover(docs: &[Document], entities: &[Entity], mentions: &[Mention]) -> Found {
    let firsts = first_names();
    let known: HashSet<String> =
        entities.iter().flat_map(|e| e.names().map(str::to_lowercase).collect::<Vec<_>>()).collect();
    let mut by_doc: HashMap<usize, Vec<Range<usize>>> = HashMap::new();
    for m in mentions {
        by_doc.entry(m.doc()).or_default().push(m.span());
    }
    // Documents are read in parallel, each thread keeping one tally per name; the tallies are
    // merged, and "first seen" is the smallest (document, offset), so the result does not
    // depend on scheduling.
    let mut tallies: HashMap<String, Tally> = docs
        .par_iter()
        .enumerate()
        .fold(HashMap::new, |mut map: HashMap<String, Tally>, (di, d)| {
            for o in observe(d, by_doc.get(&di).map_or(&[][..], Vec::as_slice), &firsts, &known) {
                let at = (di, o.span.as_ref().map_or(0, |s| s.start));
                let t = map.entry(o.name).or_insert_with(|| Tally {
                    first_seen: at,
                    first_span: o.span.clone(),
                    ..Tally::default()
                });
                t.person += o.person;
                t.org += o.org;
                t.count += 1;
                if t.docs.last() != Some(&di) {
                    t.docs.push(di);
                }
            }
            map
        })
        .reduce(HashMap::new, |mut a, b| {
            for (name, t) in b {
                match a.entry(name) {
                    std::collections::hash_map::Entry::Occupied(mut e) => e.get_mut().merge(t),
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert(t);
                    }
                }
            }
            a
        });
    for t in tallies.values_mut() {
        t.docs.sort_unstable();
        t.docs.dedup();
        let d = &docs[t.first_seen.0];
        t.snippet = match (&t.first_span, &d.author) {
            (Some(span), _) => crate::text::span::snippet(&d.body, span, 100),
            (None, Some(a)) => format!("author: {}", crate::text::sanitize::one_line(a)),
            (None, None) => String::new(),
        };
    }
    let mut order: Vec<String> = tallies.keys().cloned().collect();
    order.sort_by_key(|n| tallies[n].first_seen);
    let mut found = Found::default();
    let mut ids: HashSet<String> = entities.iter().map(|e| e.id.clone()).collect();
    let near = near_spellings(&tallies, &firsts);
    for (variant, canonical) in &near {
        let (person, count) = (tallies[variant].person, tallies[variant].count);
        if let Some(t) = tallies.get_mut(canonical) {
            t.person += person;
            t.count += count;
        }
    }
    for name in order {
        if near.contains_key(&name) {
            continue;
        }
        let t = &tallies[&name];
        let kind = if t.person >= 2 && t.person > t.org {
            Some(EntityKind::Person)
        } else if t.org >= 2 && t.org > t.person {
            Some(EntityKind::Org)
        } else {
            None
        };
        match kind {
            Some(kind) => {
                let id = crate::text::ids::unique_id(&slug(&name), &mut ids);
                found.entities.push(Entity::named(id, kind, name, Origin::Discovered));
            }
            None => found.candidates.push(Candidate {
                guess: (t.person > 0).then_some(EntityKind::Person).or((t.org > 0).then_some(EntityKind::Org)),
                count: t.count,
                docs: t.docs.iter().map(|&i| docs[i].id.clone()).collect(),
                snippet: t.snippet.clone(),
                name,
            }),
        }
    }
    found.candidates.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    found
}

/// One sighting of a possible name: its evidence, and where (`None` for the author field).
struct Observation {
    name: String,
    person: i32,
    org: i32,
    span: Option<Range<usize>>,
}

/// Every possible name in one document outside existing mentions, with its evidence.
fn observe(d: &Document, taken: &[Range<usize>], firsts: &HashSet<&str>, known: &HashSet<String>) -> Vec<Observation> {
    let mut out = Vec::new();
    let speakers = speaker_labels(&d.body);
    let mut title_case_lines: HashMap<usize, bool> = HashMap::new();
    for run in capitalised_runs(&d.body, true) {
        for (span, words) in name_spans(&d.body, &run, firsts) {
            if taken.iter().any(|t| t.start < span.end && span.start < t.end) {
                continue;
            }
            let name = words.join(" ");
            let heading = !firsts.contains(words[0]) && {
                let line = &d.body[crate::text::span::line_around(&d.body, span.clone())];
                let start = line.as_ptr() as usize - d.body.as_ptr() as usize;
                let title_case = *title_case_lines.entry(start).or_insert_with(|| is_title_case(line));
                is_heading_line(line, &name, title_case)
            };
            if heading || known.contains(&name.to_lowercase()) {
                continue;
            }
            let (before, after) = words_around(&d.body, &span);
            let mut t = Tally::default();
            score(&mut t, &words, &before, &after, firsts);
            if !speakers.is_empty() && speakers.contains(&name.to_uppercase()) {
                t.person += 2;
            }
            out.push(Observation { name, person: t.person, org: t.org, span: Some(span) });
        }
    }
    if let Some(author) = &d.author {
        let parts: Vec<&str> = author.split(['|', ',', ';']).map(str::trim).collect();
        for &part in &parts {
            let words: Vec<&str> = part.split_whitespace().collect();
            // "Show Name | Host Name": with several parts, the person's has a first name.
            let plausible = parts.len() == 1 || words.first().is_some_and(|w| firsts.contains(w));
            if plausible
                && (2..=4).contains(&words.len())
                && words.iter().all(|w| name_shaped(w))
                && !known.contains(&part.to_lowercase())
            {
                out.push(Observation { name: part.to_string(), person: 3, org: 0, span: None });
            }
        }
    }
    out
}

/// Upper-case speaker labels at the start of transcript lines (`INGRID JOHANSSON:`).
fn speaker_labels(body: &str) -> HashSet<String> {
    body.lines()
        .filter_map(|l| {
            let (label, _) = l.trim_start().split_once(':')?;
            let words: Vec<&str> = label.split_whitespace().collect();
            let shaped = (2..=4).contains(&words.len())
                && words.iter().all(|w| w.chars().all(|c| c.is_uppercase() || c == '.' || c == '\'' || c == '-'));
            shaped.then(|| words.join(" "))
        })
        .collect()
}

/// Person-like names that are a near spelling (same first name, surname one or two letters
/// off) of exactly one more frequent name: the linker folds them in as fuzzy matches.
fn near_spellings(tallies: &HashMap<String, Tally>, firsts: &HashSet<&str>) -> HashMap<String, String> {
    // Only names with the same first name are compared: group them first.
    let mut groups: HashMap<&str, Vec<(&String, &Tally, String)>> = HashMap::new();
    for (name, t) in tallies {
        let first = name.split(' ').next().unwrap_or("");
        if t.person >= 1 || firsts.contains(first) {
            groups.entry(first).or_default().push((name, t, crate::recognize::link::normalise(name)));
        }
    }
    let mut out = HashMap::new();
    for group in groups.values() {
        for (name, t, n) in group {
            // The variant is the rarer spelling; on a tie, the one with less evidence, then the
            // later one.
            let rank = |t: &Tally| (t.count, t.person, std::cmp::Reverse(t.first_seen));
            let fits: Vec<&String> = group
                .iter()
                .filter(|(other, ot, on)| other != name && rank(ot) > rank(t) && strsim::levenshtein(n, on) <= 2)
                .map(|(o, _, _)| *o)
                .collect();
            if let [canonical] = fits.as_slice() {
                out.insert((*name).clone(), (*canonical).clone());
            }
        }
    }
    out
}

/// The name-shaped sub-runs of a capitalised run: two to four words, no stop words.
fn name_spans<'t>(text: &'t str, run: &[Range<usize>], firsts: &HashSet<&str>) -> Vec<(Range<usize>, Vec<&'t str>)> {
    let mut out = Vec::new();
    let mut cur: Vec<&Range<usize>> = Vec::new();
    let mut flush = |cur: &mut Vec<&Range<usize>>| {
        // A name starts at a first name: "Veteran Peter DeSantis" is "Peter DeSantis".
        // Only when a whole name is left: "Lin Wei" stays, though "Wei" is a given name too.
        if let Some(k) = cur.iter().skip(1).position(|r| firsts.contains(&text[(*r).clone()])) {
            if !firsts.contains(&text[cur[0].clone()]) && cur.len() - (k + 1) >= 2 {
                cur.drain(..=k);
            }
        }
        // An initial may not start or end a name.
        while cur.first().is_some_and(|r| r.len() == 1) {
            cur.remove(0);
        }
        while cur.last().is_some_and(|r| r.len() == 1) {
            cur.pop();
        }
        if (2..=4).contains(&cur.len()) {
            let span = cur[0].start..cur[cur.len() - 1].end;
            out.push((span, cur.iter().map(|r| &text[(*r).clone()]).collect()));
        }
        cur.clear();
    };
    for r in run {
        let w = &text[r.clone()];
        if listed(&NOT_NAME_SET, w) || !name_shaped(w) {
            flush(&mut cur);
        } else {
            cur.push(r);
        }
    }
    flush(&mut cur);
    out
}

fn score(t: &mut Tally, words: &[&str], before: &[&str], after: &[&str], firsts: &HashSet<&str>) {
    if firsts.contains(words[0]) {
        t.person += 2;
    }
    if listed(&ORG_SUFFIX_SET, words[words.len() - 1]) {
        t.org += 3;
        return;
    }
    let bare = |w: &&str| w.trim_end_matches(',').trim_end_matches('.').to_string();
    if before.first().is_some_and(|w| listed(&HONORIFIC_SET, &bare(w))) {
        t.person += 2;
    } else if before.iter().any(|w| listed(&BEFORE_SET, &bare(w))) {
        t.person += 1;
    }
    if let Some(&a) = after.first() {
        let appositive_who = a == "," && after.get(1).is_some_and(|w| w.eq_ignore_ascii_case("who"));
        // ", a researcher at …", ", the company's chief …"
        let appositive_role = a == ","
            && after
                .get(1)
                .is_some_and(|w| ["a", "an", "the", "its", "his", "her"].iter().any(|x| w.eq_ignore_ascii_case(x)))
            && after.get(2).is_some_and(|w| listed(&ROLE_SET, w.trim_end_matches("'s").trim_end_matches("’s")));
        if appositive_who || appositive_role {
            t.person += 2;
        } else if listed(&AFTER_SET, a) {
            t.person += 1;
        }
    }
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

    #[test]
    fn company_suffixes_make_orgs() {
        let docs = vec![doc("We met Badger Technologies at the show.")];
        let f = discover(&docs, &[], &[]);
        assert_eq!(f.entities[0].kind, EntityKind::Org);
    }
}
