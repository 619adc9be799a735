//! fzf's extended search syntax, plus `@kind` filters.
//!
//! Space-separated terms must all match (AND); `|` between terms makes them alternatives (OR).
//! `'word` matches exactly, `^word` at the start, `word$` at the end, `^word$` the whole text,
//! `!word` must not occur (also `!^word`, `!word$`). Smart case: a term with an uppercase letter
//! is case-sensitive. Accents are ignored on both sides ("Kolner" finds "Kölner").
//! `@person`, `@org`, `@chip`, `@model`, `@service`, `@doc` (and `@portfolio`) keep items of
//! those kinds.

use crate::model::ItemKind;
use crate::text::fold::{char_mask, fold, lower1};

/// How a term matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// Characters in order, not necessarily together.
    Fuzzy,
    /// A substring (`'word`, or any negated term).
    Exact,
    /// At the start (`^word`).
    Prefix,
    /// At the end (`word$`).
    Suffix,
    /// The whole text (`^word$`).
    Equal,
}

/// One search term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The text, accent-folded (and lowercased unless case-sensitive).
    pub text: String,
    /// How it matches.
    pub kind: TermKind,
    /// The item must *not* match.
    pub negate: bool,
    /// Smart case: the term had an uppercase letter.
    pub case_sensitive: bool,
    /// The ASCII letters and digits it needs ([`crate::text::fold::char_mask`]).
    pub mask: u64,
}

/// A parsed query: every group must match; within a group, any term.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// AND of ORs.
    pub groups: Vec<Vec<Term>>,
    /// Item kinds kept; empty keeps every kind.
    pub kinds: Vec<ItemKind>,
    /// The text as typed.
    pub source: String,
}

impl Query {
    /// Parses a query. Any text parses; unknown `@words` are searched as text.
    #[must_use]
    pub fn parse(input: &str) -> Self {
        let mut q = Self { source: input.to_string(), ..Self::default() };
        let mut or_next = false;
        for token in tokens(input) {
            if token == "|" {
                or_next = !q.groups.is_empty();
                continue;
            }
            if let Some(kinds) = token.strip_prefix('@').and_then(ItemKind::parse_filter) {
                q.kinds.extend(kinds);
                continue;
            }
            let Some(term) = Term::parse(&token) else {
                continue;
            };
            match (or_next, q.groups.last_mut()) {
                (true, Some(g)) => g.push(term),
                _ => q.groups.push(vec![term]),
            }
            or_next = false;
        }
        q
    }

    /// Whether the query has no terms and no filter (everything matches).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.kinds.is_empty()
    }

    /// Whether every item this query matches is also matched by `previous` (so searching only
    /// the previous results is enough). True when this query adds terms or lengthens them.
    #[must_use]
    pub fn narrows(&self, previous: &Self) -> bool {
        if previous.groups.len() > self.groups.len() {
            return false;
        }
        if !previous.kinds.is_empty()
            && (self.kinds.is_empty() || self.kinds.iter().any(|k| !previous.kinds.contains(k)))
        {
            return false;
        }
        // Candidates are found only under `@candidate`: a query without it found none.
        if self.kinds.contains(&ItemKind::Candidate) && !previous.kinds.contains(&ItemKind::Candidate) {
            return false;
        }
        previous.groups.iter().zip(&self.groups).all(|(p, s)| match (p.as_slice(), s.as_slice()) {
            ([p], [s]) if !p.negate && !s.negate && p.kind == s.kind && p.case_sensitive == s.case_sensitive => {
                match p.kind {
                    TermKind::Fuzzy => is_subsequence(&p.text, &s.text),
                    TermKind::Exact => s.text.contains(&p.text),
                    TermKind::Prefix => s.text.starts_with(&p.text),
                    TermKind::Suffix => s.text.ends_with(&p.text),
                    TermKind::Equal => s.text == p.text,
                }
            }
            (p, s) => p == s,
        })
    }
}

fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut h = hay.chars();
    needle.chars().all(|c| h.any(|x| x == c))
}

/// Splits on spaces; `\ ` is a literal space.
fn tokens(input: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&' ') => {
                cur.push(' ');
                chars.next();
            }
            c if c.is_whitespace() => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

impl Term {
    /// Parses one token; `None` when nothing is left to match (`'`, `!`, `^`).
    #[must_use]
    pub fn parse(token: &str) -> Option<Self> {
        let (negate, t) = token.strip_prefix('!').map_or((false, token), |r| (true, r));
        let (kind, t) = if let Some(r) = t.strip_prefix('\'') {
            (TermKind::Exact, r)
        } else {
            let (prefix, t) = t.strip_prefix('^').map_or((false, t), |r| (true, r));
            let (suffix, t) = match t.strip_suffix('$') {
                Some(r) if !r.ends_with('\\') && !r.is_empty() => (true, r),
                _ => (false, t),
            };
            let kind = match (prefix, suffix) {
                (true, true) => TermKind::Equal,
                (true, false) => TermKind::Prefix,
                (false, true) => TermKind::Suffix,
                (false, false) if negate => TermKind::Exact,
                (false, false) => TermKind::Fuzzy,
            };
            (kind, t)
        };
        if t.is_empty() {
            return None;
        }
        let case_sensitive = t.chars().any(char::is_uppercase);
        let folded: String = t.chars().map(fold).collect();
        let text = if case_sensitive { folded } else { folded.chars().map(lower1).collect() };
        Some(Self { mask: char_mask(&text), text, kind, negate, case_sensitive })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityKind;

    fn t(text: &str, kind: TermKind, negate: bool) -> Term {
        Term {
            text: text.into(),
            kind,
            negate,
            case_sensitive: text.chars().any(char::is_uppercase),
            mask: char_mask(text),
        }
    }

    #[test]
    fn parses_fzf_extended_syntax() {
        let q = Query::parse("ama 'exact ^pre suf$ ^all$ !not !^np !ns$");
        let g: Vec<Term> = q.groups.into_iter().map(|mut g| g.remove(0)).collect();
        assert_eq!(
            g,
            [
                t("ama", TermKind::Fuzzy, false),
                t("exact", TermKind::Exact, false),
                t("pre", TermKind::Prefix, false),
                t("suf", TermKind::Suffix, false),
                t("all", TermKind::Equal, false),
                t("not", TermKind::Exact, true),
                t("np", TermKind::Prefix, true),
                t("ns", TermKind::Suffix, true),
            ]
        );
    }

    #[test]
    fn bar_makes_alternatives() {
        let q = Query::parse("nova | titan claude");
        assert_eq!(q.groups.len(), 2);
        assert_eq!(q.groups[0].len(), 2);
        assert_eq!(q.groups[0][1].text, "titan");
    }

    #[test]
    fn smart_case_and_accents() {
        let q = Query::parse("Kölner köl");
        assert_eq!(q.groups[0][0].text, "Kolner");
        assert!(q.groups[0][0].case_sensitive && q.groups[0][0].kind == TermKind::Fuzzy);
        assert_eq!(q.groups[1][0].text, "kol");
        assert!(!q.groups[1][0].case_sensitive);
    }

    #[test]
    fn kind_filters() {
        let q = Query::parse("@person jassy @doc @planet");
        assert_eq!(q.kinds, [ItemKind::Entity(EntityKind::Person), ItemKind::Doc]);
        assert_eq!(q.groups.len(), 2, "an unknown @word is text");
    }

    #[test]
    fn lone_operators_match_nothing_and_never_panic() {
        for s in ["'", "!", "^", "$", "^$", "!'", "|", "| |", "\\", "\\ "] {
            let _ = Query::parse(s);
        }
        assert!(Query::parse("' ! ^").groups.is_empty());
    }

    #[test]
    fn extending_a_query_narrows_it() {
        let p = Query::parse("jas");
        assert!(Query::parse("jass").narrows(&p));
        assert!(Query::parse("jas pe").narrows(&p));
        assert!(!Query::parse("ja").narrows(&p));
        assert!(!Query::parse("!jas").narrows(&p));
        assert!(!Query::parse("jas | x").narrows(&p));
        assert!(!Query::parse("@candidate jas").narrows(&p), "candidates are found only under @candidate");
        assert!(Query::parse("@candidate jass").narrows(&Query::parse("@candidate jas")));
    }
}
