//! Dates that keep their precision: a year, a month or a day.

use std::fmt;

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
