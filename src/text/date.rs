//! Dates that keep their precision: a year, a month or a day.

use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use serde::{Serialize, Serializer};

/// A calendar date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Year, e.g. 2024.
    pub year: i32,
    /// Month 1–12 when known.
    pub month: Option<u8>,
    /// Day 1–31 when known (only with a month).
    pub day: Option<u8>,
}

/// English month names, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month number (1–12) of a full or three-letter English month name.
#[must_use]
pub fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)) || (w == "sept" && *m == "september"))
        .map(|i| i as u8 + 1)
}

impl PartialDate {
    /// A date known to the year.
    #[must_use]
    pub fn year(year: i32) -> Self {
        Self { year, month: None, day: None }
    }

    /// A date known to the month.
    #[must_use]
    pub fn month(year: i32, month: u8) -> Self {
        Self { year, month: Some(month), day: None }
    }

    /// A date known to the day.
    #[must_use]
    pub fn day(year: i32, month: u8, day: u8) -> Self {
        Self { year, month: Some(month), day: Some(day) }
    }

    /// `day`, `month` or `year`.
    #[must_use]
    pub fn precision(&self) -> &'static str {
        match (self.month, self.day) {
            (Some(_), Some(_)) => "day",
            (Some(_), None) => "month",
            _ => "year",
        }
    }

    /// Parses `2024-12-04`, `2024-12`, `2024`, `December 2023`, `Dec 4, 2024`, `4 December 2024`
    /// and ISO timestamps (the time is dropped). Returns `None` for anything else.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim().trim_matches('"');
        let iso = s.split(['T', ' ']).next().unwrap_or(s);
        let parts: Vec<&str> = iso.split('-').collect();
        if parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
            let d = match parts.as_slice() {
                [y] if y.len() == 4 => Some(Self::year(y.parse().ok()?)),
                [y, m] if y.len() == 4 => Some(Self::month(y.parse().ok()?, m.parse().ok()?)),
                [y, m, d] if y.len() == 4 => Some(Self::day(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)),
                _ => None,
            };
            if let Some(d) = d {
                return d.valid().then_some(d);
            }
        }
        let words: Vec<&str> = s.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
        let num = |w: &str| -> Option<u32> { w.trim_end_matches(|c: char| c.is_ascii_alphabetic()).parse().ok() };
        let d = match words.as_slice() {
            [m, y] => Self::month(num(y)? as i32, month_number(m)?),
            [m, d, y] if month_number(m).is_some() => {
                Self::day(num(y)? as i32, month_number(m)?, u8::try_from(num(d)?).ok()?)
            }
            [d, m, y] => Self::day(num(y)? as i32, month_number(m)?, u8::try_from(num(d)?).ok()?),
            _ => return None,
        };
        d.valid().then_some(d)
    }

    fn valid(self) -> bool {
        (1000..=9999).contains(&self.year)
            && self.month.is_none_or(|m| (1..=12).contains(&m))
            && self.day.is_none_or(|d| (1..=31).contains(&d))
    }

    /// Whether two dates can describe the same moment (one is a coarser form of the other).
    #[must_use]
    pub fn compatible(&self, other: &Self) -> bool {
        self.year == other.year
            && (self.month.is_none() || other.month.is_none() || self.month == other.month)
            && (self.day.is_none() || other.day.is_none() || self.day == other.day)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_forms_with_their_precision() {
        assert_eq!(PartialDate::parse("2024-12-04"), Some(PartialDate::day(2024, 12, 4)));
        assert_eq!(PartialDate::parse("2024-12"), Some(PartialDate::month(2024, 12)));
        assert_eq!(PartialDate::parse("2024").map(|d| d.precision()), Some("year"));
        assert_eq!(PartialDate::parse("2024-12-04T10:00:00Z"), Some(PartialDate::day(2024, 12, 4)));
    }

    #[test]
    fn parses_english_forms() {
        assert_eq!(PartialDate::parse("December 2023"), Some(PartialDate::month(2023, 12)));
        assert_eq!(PartialDate::parse("Dec 4, 2024"), Some(PartialDate::day(2024, 12, 4)));
        assert_eq!(PartialDate::parse("26 June 2025"), Some(PartialDate::day(2025, 6, 26)));
    }

    #[test]
    fn rejects_nonsense() {
        for s in ["", "soon", "2024-13-01", "12-04", "June", "99999"] {
            assert_eq!(PartialDate::parse(s), None, "{s}");
        }
    }

    #[test]
    fn coarse_dates_are_compatible_with_finer_ones() {
        let m = PartialDate::month(2024, 12);
        assert!(m.compatible(&PartialDate::day(2024, 12, 4)));
        assert!(!m.compatible(&PartialDate::month(2023, 12)));
    }
}
