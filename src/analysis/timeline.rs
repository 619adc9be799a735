//! The timeline: dated facts, dated documents and dates found in the text, in order, each with
//! its source; and contradictions between sources about the same fact.
//!
//! Dates keep their precision (day, month, year). Relative forms ("yesterday", "earlier this
//! year") are resolved against the document's own date when it is known, else kept relative.

use crate::corpus::Corpus;
use crate::model::{DocIdx, EntIdx, FactObject, FactOrigin};
use crate::text::date::PartialDate;
pub use crate::text::date::{extract_dates, resolve, When};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// Where an event comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// A catalog fact (index into `Corpus::facts`).
    Fact(usize),
    /// A document's own date.
    Published,
    /// A date written in a document's text.
    Text,
}

/// One entry of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// When.
    pub when: When,
    /// What happened, in a line.
    pub text: String,
    /// Entities involved.
    pub entities: Vec<EntIdx>,
    /// The source document.
    pub doc: DocIdx,
    /// The span in the source to show (the quote, or the sentence with the date).
    pub span: Range<usize>,
    /// What kind of event.
    pub kind: EventKind,
    /// Index into [`Timeline::contradictions`] when this event is part of one.
    pub contradiction: Option<usize>,
}

/// Facts about the same subject, predicate and object that disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contradiction {
    /// The facts (indices into `Corpus::facts`), from at least two documents.
    pub facts: Vec<usize>,
    /// What differs: `date` or `value`.
    pub about: &'static str,
}

impl Contradiction {
    /// What one of its facts says about the point in dispute, and where: `2023-12 in "Amazon
    /// launches Nova" (2024-12)`.
    #[must_use]
    pub fn side(&self, c: &Corpus, fact: usize) -> String {
        let f = &c.facts[fact];
        let what = match self.about {
            "date" => f.date.map(|d| d.to_string()),
            "leader" => Some(c.entities[f.subject].name.clone()),
            _ => f.value.clone(),
        };
        format!("{} in \"{}\"", what.unwrap_or_default(), crate::analysis::xref::source_label(c, f.doc))
    }
}

/// The whole timeline.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    /// Events in date order; unresolved relative dates last.
    pub events: Vec<Event>,
    /// Disagreements between sources.
    pub contradictions: Vec<Contradiction>,
}

/// A range of dates to show: `2024`, `2024-03..2025-01`, `..2025`, `2024-06..`. Both ends are
/// inclusive at their precision (`..2025` reaches 2025-12-31).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateRange {
    /// The first date, when bounded.
    pub from: Option<PartialDate>,
    /// The last date, when bounded.
    pub to: Option<PartialDate>,
}

impl DateRange {
    /// Parses `DATE`, `DATE..DATE`, `..DATE` or `DATE..` (dates as [`PartialDate::parse`] reads
    /// them); `None` when a date does not parse or the range is empty.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let date = |t: &str| if t.trim().is_empty() { Some(None) } else { PartialDate::parse(t).map(Some) };
        let r = if let Some((a, b)) = s.split_once("..") {
            Self { from: date(a)?, to: date(b)? }
        } else {
            let d = PartialDate::parse(s)?;
            Self { from: Some(d), to: Some(d) }
        };
        if r.from.is_none() && r.to.is_none() {
            return None;
        }
        if let (Some(a), Some(b)) = (r.from, r.to) {
            if first_day(a) > last_day(b) {
                return None;
            }
        }
        Some(r)
    }

    /// Whether an event at `when` may fall in the range: its span of days (a month, a year)
    /// overlaps it. Unresolved relative dates do not.
    #[must_use]
    pub fn contains(&self, when: &When) -> bool {
        let When::Date(d) = when else { return false };
        self.from.is_none_or(|f| last_day(*d) >= first_day(f)) && self.to.is_none_or(|t| first_day(*d) <= last_day(t))
    }
}

/// `2024`, `2024-03..2025-01`, `..2025`.
impl std::fmt::Display for DateRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.from, self.to) {
            (Some(a), Some(b)) if a == b => write!(f, "{a}"),
            (a, b) => {
                if let Some(a) = a {
                    write!(f, "{a}")?;
                }
                f.write_str("..")?;
                if let Some(b) = b {
                    write!(f, "{b}")?;
                }
                Ok(())
            }
        }
    }
}

/// A date's first day as a number that orders like it (2024-03 → 20240301).
fn first_day(d: PartialDate) -> u32 {
    d.year.max(0).unsigned_abs() * 10_000 + u32::from(d.month.unwrap_or(1)) * 100 + u32::from(d.day.unwrap_or(1))
}

/// A date's last day, in the same numbers (2024-03 → 20240331, near enough: 31 for every month).
fn last_day(d: PartialDate) -> u32 {
    d.year.max(0).unsigned_abs() * 10_000 + u32::from(d.month.unwrap_or(12)) * 100 + u32::from(d.day.unwrap_or(31))
}

/// How far a sentence reaches either side of a date (transcripts have no full stops).
const REACH: usize = 140;

/// The sentence around a byte span, at most [`REACH`] bytes either side.
fn sentence(body: &str, span: &Range<usize>) -> Range<usize> {
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let lo = body.floor_char_boundary(span.start.saturating_sub(REACH));
    let hi = body.ceil_char_boundary((span.end + REACH).min(body.len()));
    let start = body[lo..span.start]
        .rfind(is_end)
        .map_or_else(|| body[lo..span.start].find(' ').map_or(lo, |i| lo + i), |i| lo + i + 1);
    let end = body[span.end..hi]
        .find(is_end)
        .map_or_else(|| body[span.end..hi].rfind(' ').map_or(hi, |i| span.end + i), |i| span.end + i + 1);
    let s = &body[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    start + lead..end - trail
}

/// The key facts are compared by: subject, predicate, object.
fn fact_key(c: &Corpus, i: usize) -> (EntIdx, String, String) {
    let f = &c.facts[i];
    let obj = match &f.object {
        FactObject::Entity(e) => format!("#{e}"),
        FactObject::Value(v) => v.to_lowercase(),
    };
    (f.subject, f.predicate.clone(), obj)
}

/// Facts that disagree: same subject, predicate and object, from different documents, with
/// dates that cannot describe the same moment or with different amounts; and different people
/// named as holding the same title of the same organisation at the same time. A fact marked
/// `cumulative` (a later running total) disagrees with nothing. Linear in the number of facts
/// (then a sort).
#[must_use]
pub fn contradictions(c: &Corpus) -> Vec<Contradiction> {
    let mut groups: BTreeMap<(EntIdx, String, String), Vec<usize>> = BTreeMap::new();
    for i in 0..c.facts.len() {
        if !c.facts[i].cumulative {
            groups.entry(fact_key(c, i)).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for facts in groups.into_values() {
        // A date read from the document rather than the sentence says when it was reported,
        // not when it happened.
        let dated: Vec<(usize, PartialDate)> = facts
            .iter()
            .filter(|&&i| c.facts[i].origin != FactOrigin::ExtractedDatedByDocument)
            .filter_map(|&i| c.facts[i].date.map(|d| (i, d)))
            .collect();
        let date_clash = incompatible_dates(&dated);
        // Values are compared when they are amounts; a title ("chair", "president") is a
        // detail, not a claim two sources can disagree on.
        let amounts: Vec<(usize, String)> = facts
            .iter()
            .filter_map(|&i| c.facts[i].value.as_ref().filter(|v| is_amount(v)).map(|v| (i, v.to_lowercase())))
            .collect();
        let distinct: std::collections::HashSet<&str> = amounts.iter().map(|(_, v)| v.as_str()).collect();
        let value_clash = if distinct.len() > 1 { amounts.iter().map(|(i, _)| *i).collect() } else { Vec::new() };
        for (v, about) in [(date_clash, "date"), (value_clash, "value")] {
            if from_two_documents(c, &v) {
                out.push(Contradiction { facts: v, about });
            }
        }
    }
    out.extend(leader_clashes(c));
    out
}

/// Whether facts come from at least two documents.
fn from_two_documents(c: &Corpus, facts: &[usize]) -> bool {
    facts.iter().any(|&i| c.facts[i].doc != c.facts[facts[0]].doc)
}

/// The facts whose date cannot be the same moment as some other's ("2024-03" and "2024-05";
/// "2024" agrees with both), counted per year, month and day rather than compared pairwise.
fn incompatible_dates(dated: &[(usize, PartialDate)]) -> Vec<usize> {
    let mut exact: HashMap<(i32, Option<u8>, Option<u8>), usize> = HashMap::new();
    let mut in_year: HashMap<i32, usize> = HashMap::new();
    let mut in_month: HashMap<(i32, u8), usize> = HashMap::new();
    for (_, d) in dated {
        *exact.entry((d.year, d.month, d.day)).or_default() += 1;
        *in_year.entry(d.year).or_default() += 1;
        if let Some(m) = d.month {
            *in_month.entry((d.year, m)).or_default() += 1;
        }
    }
    let get = |k: (i32, Option<u8>, Option<u8>)| exact.get(&k).copied().unwrap_or(0);
    let mut out: Vec<usize> = dated
        .iter()
        .filter(|(_, d)| {
            let y = d.year;
            let agreeing = match (d.month, d.day) {
                (None, _) => in_year[&y],
                (Some(m), None) => get((y, None, None)) + in_month[&(y, m)],
                (Some(m), Some(day)) => get((y, None, None)) + get((y, Some(m), None)) + get((y, Some(m), Some(day))),
            };
            agreeing < dated.len()
        })
        .map(|(i, _)| *i)
        .collect();
    out.sort_unstable();
    out
}

/// Whether a value is an amount (it has a digit).
fn is_amount(v: &str) -> bool {
    v.bytes().any(|b| b.is_ascii_digit())
}

/// Two sources that name different people as holding the same sole title (chief executive,
/// chair, president…) of the same organisation at the same time (dated documents of the same
/// month).
fn leader_clashes(c: &Corpus) -> Vec<Contradiction> {
    // Titles one person holds at a time; many are directors or managers of one company.
    const SOLE: &[&str] = &["chief executive", "chair", "president", "prime minister", "premier", "mayor", "governor"];
    type Month = Option<(i32, Option<u8>)>;
    let mut groups: BTreeMap<(EntIdx, String, Month), Vec<usize>> = BTreeMap::new();
    for (i, f) in c.facts.iter().enumerate() {
        let Some(date) = c.docs[f.doc].date else { continue };
        if let (FactObject::Entity(o), "leads", Some(title)) = (&f.object, f.predicate.as_str(), &f.value) {
            let title = title.to_lowercase();
            if SOLE.contains(&title.as_str()) {
                groups.entry((*o, title, Some((date.year, date.month)))).or_default().push(i);
            }
        }
    }
    groups
        .into_values()
        .filter(|facts| {
            let first = &c.facts[facts[0]];
            facts.iter().any(|&i| c.facts[i].subject != first.subject) && from_two_documents(c, facts)
        })
        .map(|facts| Contradiction { facts, about: "leader" })
        .collect()
}

/// Builds the timeline of a corpus, in time linear in the corpus's size (then a sort).
#[must_use]
pub fn build(c: &Corpus) -> Timeline {
    let contradictions = contradictions(c);
    let in_contradiction: std::collections::HashMap<usize, usize> =
        contradictions.iter().enumerate().flat_map(|(k, con)| con.facts.iter().map(move |&f| (f, k))).collect();
    let mut events = Vec::new();
    let mut fact_spans: Vec<Vec<Range<usize>>> = vec![Vec::new(); c.docs.len()];
    for (i, f) in c.facts.iter().enumerate() {
        let Some(date) = f.date else { continue };
        let mut entities = vec![f.subject];
        if let FactObject::Entity(o) = f.object {
            entities.push(o);
        }
        let text = format!(
            "{} {} {}{}",
            c.entities[f.subject].name,
            f.predicate.replace('_', " "),
            crate::analysis::xref::fact_object(c, f),
            if f.origin.is_extracted() { " (extracted)" } else { "" }
        );
        let span = f.quote_span.clone().unwrap_or(0..0);
        if let Some(spans) = fact_spans.get_mut(f.doc) {
            spans.push(span.clone());
        }
        events.push(Event {
            when: When::Date(date),
            text,
            entities,
            doc: f.doc,
            span,
            kind: EventKind::Fact(i),
            contradiction: in_contradiction.get(&i).copied(),
        });
    }
    for (d, doc) in c.docs.iter().enumerate() {
        if let Some(date) = doc.date {
            events.push(Event {
                when: When::Date(date),
                text: format!("published: {}", doc.title),
                entities: Vec::new(),
                doc: d,
                span: 0..0,
                kind: EventKind::Published,
                contradiction: None,
            });
        }
        let covered = Covered::new(std::mem::take(&mut fact_spans[d]));
        let mentions = c.doc_mentions(d);
        // Repeated boilerplate (a footer's dates) makes one event.
        let mut seen = std::collections::HashSet::new();
        for (span, when) in extract_dates(&doc.body, doc.date) {
            // A fact already stands for a date inside its quote.
            if covered.contains(&span) {
                continue;
            }
            let s = sentence(&doc.body, &span);
            // Mentions are in order: only those starting inside the sentence are looked at.
            let first = mentions.partition_point(|m| m.span().start < s.start);
            let mut entities: Vec<EntIdx> = mentions[first..]
                .iter()
                .take_while(|m| m.span().start < s.end)
                .filter(|m| m.span().end <= s.end)
                .map(crate::model::Mention::entity)
                .collect();
            entities.sort_unstable();
            entities.dedup();
            let text = crate::text::sanitize::one_line(&doc.body[s.clone()]);
            if !seen.insert((when.clone(), text.clone())) {
                continue;
            }
            events.push(Event { when, text, entities, doc: d, span: s, kind: EventKind::Text, contradiction: None });
        }
    }
    events.sort_by(|a, b| a.when.cmp(&b.when).then(a.doc.cmp(&b.doc)).then(a.span.start.cmp(&b.span.start)));
    Timeline { events, contradictions }
}

/// Byte spans (a document's fact quotes), asked whether one of them holds a given span in
/// logarithmic time: sorted by start, with the furthest end reached so far.
struct Covered {
    starts: Vec<usize>,
    reach: Vec<usize>,
}

impl Covered {
    fn new(mut spans: Vec<Range<usize>>) -> Self {
        spans.sort_unstable_by_key(|r| r.start);
        let starts = spans.iter().map(|r| r.start).collect();
        let reach = spans
            .iter()
            .scan(0, |far, r| {
                *far = (*far).max(r.end);
                Some(*far)
            })
            .collect();
        Self { starts, reach }
    }

    /// Whether a span lies inside one of the spans.
    fn contains(&self, span: &Range<usize>) -> bool {
        let n = self.starts.partition_point(|&s| s <= span.start);
        n > 0 && self.reach[n - 1] >= span.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_ranges_parse_and_contain_overlapping_dates() {
        let r = DateRange::parse("2024-03..2025-01").expect("a range");
        assert_eq!(r.to_string(), "2024-03..2025-01");
        let at = |s: &str| When::Date(PartialDate::parse(s).expect("a date"));
        assert!(r.contains(&at("2024-03-01")) && r.contains(&at("2025-01-31")) && r.contains(&at("2024")));
        assert!(!r.contains(&at("2024-02-29")) && !r.contains(&at("2025-02")));
        let y = DateRange::parse("2024").expect("a year");
        assert_eq!(y.to_string(), "2024");
        assert!(y.contains(&at("2024-12-04")) && !y.contains(&at("2023-12")));
        let upto = DateRange::parse("..2025").expect("open start");
        assert_eq!(upto.to_string(), "..2025");
        assert!(upto.contains(&at("1999")) && upto.contains(&at("2025-12")) && !upto.contains(&at("2026-01")));
        assert!(DateRange::parse("2024-06..").expect("open end").contains(&at("2030")));
        for bad in ["", "..", "soon", "2025..2024", "2024-13"] {
            assert_eq!(DateRange::parse(bad), None, "{bad}");
        }
        assert!(!y.contains(&When::Relative("last year".into())));
    }
    use crate::corpus::LoadOptions;
    use crate::text::date::PartialDate;

    fn dates(text: &str, doc: Option<PartialDate>) -> Vec<(String, When)> {
        extract_dates(text, doc).into_iter().map(|(r, w)| (text[r].to_string(), w)).collect()
    }

    #[test]
    fn absolute_dates_keep_their_precision() {
        let d =
            dates("On 2024-12-04, and in December 2023, then June 18, 2025 and 26 June 2025; founded in 2015.", None);
        assert_eq!(
            d,
            [
                ("2024-12-04".into(), When::Date(PartialDate::day(2024, 12, 4))),
                ("December 2023".into(), When::Date(PartialDate::month(2023, 12))),
                ("June 18, 2025".into(), When::Date(PartialDate::day(2025, 6, 18))),
                ("26 June 2025".into(), When::Date(PartialDate::day(2025, 6, 26))),
                ("2015".into(), When::Date(PartialDate::year(2015))),
            ]
        );
    }

    #[test]
    fn relative_dates_resolve_against_the_document_date() {
        let doc = Some(PartialDate::day(2024, 12, 4));
        assert_eq!(dates("launched yesterday", doc)[0].1, When::Date(PartialDate::day(2024, 12, 3)));
        assert_eq!(dates("earlier this year", doc)[0].1, When::Date(PartialDate::year(2024)));
        assert_eq!(dates("June 18 was", doc)[0].1, When::Date(PartialDate::day(2024, 6, 18)));
        assert_eq!(resolve("yesterday", Some(PartialDate::day(2024, 3, 1))), When::Date(PartialDate::day(2024, 2, 29)));
    }

    #[test]
    fn without_a_document_date_relative_forms_stay_relative() {
        assert_eq!(dates("earlier this year", None)[0].1, When::Relative("earlier this year".into()));
        assert_eq!(dates("on June 18 we", None)[0].1, When::Relative("June 18".into()));
        assert_eq!(dates("yesterday", Some(PartialDate::year(2024)))[0].1, When::Relative("yesterday".into()));
    }

    #[test]
    fn may_the_verb_is_not_a_date() {
        assert!(dates("It may 2 be", None).iter().all(|(s, _)| !s.starts_with("may")));
        assert!(dates("This may change", None).is_empty());
    }

    #[test]
    fn the_timeline_is_in_date_order_with_relative_ones_last() {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        let t = build(&c);
        assert!(t.events.len() > 20);
        assert!(t.events.windows(2).all(|w| w[0].when <= w[1].when));
    }

    #[test]
    fn nova_launch_dates_contradict_and_the_anthropic_total_does_not() {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        let k = contradictions(&c);
        let nova = c.entity_by_id("nova").expect("nova");
        let anthropic = c.entity_by_id("anthropic").expect("anthropic");
        let facts = &c.facts;
        let about =
            |e: EntIdx| k.iter().filter(|x| x.facts.iter().any(|&f| facts[f].object == FactObject::Entity(e))).count();
        assert_eq!(about(nova), 1, "{k:?}");
        assert_eq!(about(anthropic), 0, "the $8 billion is a cumulative total: {k:?}");
        let docs: Vec<&str> = k[0].facts.iter().map(|&f| c.docs[c.facts[f].doc].id.as_str()).collect();
        assert!(docs.contains(&"002_ad6a4f82e83b5067") && docs.contains(&"003_7b2376aefd1bc5c9"));
    }

    #[test]
    fn different_amounts_without_cumulative_do_contradict() {
        let mut c = Corpus::load(&LoadOptions::default(), &|_| {});
        for f in &mut c.facts {
            f.cumulative = false;
        }
        let k = contradictions(&c);
        assert!(k.iter().any(|x| x.about == "value"), "{k:?}");
    }
}
