//! The timeline: dated facts, dated documents and dates found in the text, in order, each with
//! its source; and contradictions between sources about the same fact.
//!
//! Dates keep their precision (day, month, year). Relative forms ("yesterday", "earlier this
//! year") are resolved against the document's own date when it is known, else kept relative.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::corpus::Corpus;
use crate::model::{DocIdx, EntIdx, FactObject};
use crate::text::date::{month_number, PartialDate};

/// When an event happened.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum When {
    /// A date, to some precision.
    Date(PartialDate),
    /// A relative expression that could not be resolved (the document has no date).
    Relative(String),
}

/// A date as written (`2024-12`), or a relative expression in brackets: `(earlier this year)`.
impl std::fmt::Display for When {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Date(d) => d.fmt(f),
            Self::Relative(r) => write!(f, "({r})"),
        }
    }
}

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
        let what = if self.about == "date" { f.date.map(|d| d.to_string()) } else { f.value.clone() };
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

const MONTH: &str = "(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)";

static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let m = MONTH;
    let pattern = [
        r"\b(?P<iso>\d{4}-\d{2}-\d{2})\b".to_string(),
        format!(r"\b(?P<mdy>{m}\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}})\b"),
        format!(r"\b(?P<dmy>\d{{1,2}} {m} \d{{4}})\b"),
        format!(r"\b(?P<my>{m} \d{{4}})\b"),
        format!(r"\b(?P<md>{m} \d{{1,2}})(?:st|nd|rd|th)?\b"),
        r"\b(?:in|since|by|until|from|early|late|mid-?)\s+(?P<year>(?:19|20)\d{2})\b".to_string(),
        r"(?i)\b(?P<rel>yesterday|(?:earlier |later )?this (?:year|month)|last (?:year|month)|(?:the )?next year|(?:the )?end of (?:this|the) year)\b"
            .to_string(),
    ]
    .join("|");
    // ASCII word boundaries, digits and spaces (dates are ASCII): with Unicode ones the regex
    // cannot use its fast engines on text that has any non-ASCII character.
    Regex::new(&format!("(?-u){pattern}")).expect("the date pattern is valid")
});

/// Days in a month (Gregorian).
fn days_in(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Resolves a relative expression against a document date.
#[must_use]
pub fn resolve(rel: &str, doc: Option<PartialDate>) -> When {
    let r = rel.to_lowercase();
    let keep = || When::Relative(rel.to_string());
    let Some(d) = doc else { return keep() };
    let resolved = match r.as_str() {
        "yesterday" => d.day.and_then(|day| {
            let m = d.month?;
            Some(if day > 1 {
                PartialDate::day(d.year, m, day - 1)
            } else if m > 1 {
                PartialDate::day(d.year, m - 1, days_in(d.year, m - 1))
            } else {
                PartialDate::day(d.year - 1, 12, 31)
            })
        }),
        s if s.ends_with("this year") => {
            if s.contains("end of") {
                Some(PartialDate::month(d.year, 12))
            } else {
                Some(PartialDate::year(d.year))
            }
        }
        s if s.ends_with("the year") => Some(PartialDate::month(d.year, 12)),
        "last year" => Some(PartialDate::year(d.year - 1)),
        // "within the next year" is a span of time, not a date.
        "next year" => Some(PartialDate::year(d.year + 1)),
        "the next year" => None,
        s if s.ends_with("this month") => d.month.map(|m| PartialDate::month(d.year, m)),
        "last month" => {
            d.month.map(|m| if m > 1 { PartialDate::month(d.year, m - 1) } else { PartialDate::month(d.year - 1, 12) })
        }
        _ => None,
    };
    resolved.map_or_else(keep, When::Date)
}

/// Every date expression in a text, with its span and what it means.
#[must_use]
pub fn extract_dates(text: &str, doc_date: Option<PartialDate>) -> Vec<(Range<usize>, When)> {
    let mut out = Vec::new();
    for caps in DATE_RE.captures_iter(text) {
        let (name, m) = ["iso", "mdy", "dmy", "my", "md", "year", "rel"]
            .iter()
            .find_map(|n| caps.name(n).map(|m| (*n, m)))
            .expect("one group matched");
        let s = m.as_str();
        let when = match name {
            "md" => {
                let mut it = s.split_whitespace();
                let (Some(mo), Some(day)) =
                    (it.next().and_then(month_number), it.next().and_then(|d| d.parse::<u8>().ok()))
                else {
                    continue;
                };
                if day == 0 || day > 31 {
                    continue;
                }
                match doc_date {
                    Some(d) => When::Date(PartialDate::day(d.year, mo, day)),
                    None => When::Relative(s.to_string()),
                }
            }
            "year" => match s.parse() {
                Ok(y) => When::Date(PartialDate::year(y)),
                Err(_) => continue,
            },
            "rel" if s.eq_ignore_ascii_case("the next year") => continue,
            "rel" => resolve(s, doc_date),
            _ => match PartialDate::parse(s) {
                Some(d) => When::Date(d),
                None => continue,
            },
        };
        out.push((m.range(), when));
    }
    out
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
/// dates that cannot describe the same moment or with different values. A fact marked
/// `cumulative` (a later running total) disagrees with nothing.
#[must_use]
pub fn contradictions(c: &Corpus) -> Vec<Contradiction> {
    let mut groups: BTreeMap<(EntIdx, String, String), Vec<usize>> = BTreeMap::new();
    for i in 0..c.facts.len() {
        groups.entry(fact_key(c, i)).or_default().push(i);
    }
    let mut out = Vec::new();
    for facts in groups.into_values() {
        let mut date_clash = Vec::new();
        let mut value_clash = Vec::new();
        for (a, &i) in facts.iter().enumerate() {
            for &j in &facts[a + 1..] {
                let (fi, fj) = (&c.facts[i], &c.facts[j]);
                if fi.doc == fj.doc || fi.cumulative || fj.cumulative {
                    continue;
                }
                if let (Some(di), Some(dj)) = (fi.date, fj.date) {
                    if !di.compatible(&dj) {
                        date_clash.extend([i, j]);
                    }
                }
                if let (Some(vi), Some(vj)) = (&fi.value, &fj.value) {
                    if !vi.eq_ignore_ascii_case(vj) {
                        value_clash.extend([i, j]);
                    }
                }
            }
        }
        for (mut v, about) in [(date_clash, "date"), (value_clash, "value")] {
            v.sort_unstable();
            v.dedup();
            if !v.is_empty() {
                out.push(Contradiction { facts: v, about });
            }
        }
    }
    out
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
            "{} {} {}",
            c.entities[f.subject].name,
            f.predicate.replace('_', " "),
            crate::analysis::xref::fact_object(c, f)
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
    use crate::corpus::LoadOptions;

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
