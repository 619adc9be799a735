//! Facts stated by a listing rather than by the words between two names: investments listed
//! as pairs ("three investments: Microsoft and `OpenAI`, Amazon and Anthropic") and the people
//! a statement's heading names with their titles, before their organisation ("Statement of
//! Chairwoman Edith Ramirez and Commissioner Julie Brill Federal Trade Commission").

use std::sync::LazyLock;

use regex::Regex;

use super::{Text, LEAD, ROLE};
use crate::model::{EntityKind, Fact, Mention};

/// The most pairs or people one listing may give.
const MAX_ITEMS: usize = 12;

/// The mentions inside `range`, in order (the mentions are sorted by position).
fn mentions_in<'a>(t: &'a Text, range: &std::ops::Range<usize>) -> &'a [Mention] {
    let lo = t.mentions.partition_point(|m| m.span().start < range.start);
    let hi = t.mentions.partition_point(|m| m.span().start < range.end);
    &t.mentions[lo..hi.max(lo)]
}

/// "multi-billion-dollar investments: Microsoft and `OpenAI`, Amazon and Anthropic, and
/// Google and Anthropic": after "investments" and a colon, organisations listed in pairs
/// ("A and B" or "A in B"), the pairs apart by commas or semicolons; the first of each pair
/// invested in the second. The listing ends at the first thing that is not a pair.
pub(super) fn investments_in_pairs(t: &Text) -> Vec<Fact> {
    static CUE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)investments(?-u:\b)[^:;.]{0,40}:").expect("the pattern is valid"));
    let mut out = Vec::new();
    for cue in CUE.find_iter(t.body) {
        let Some(sentence) = super::sentence_of(t.sentences, &cue.range()) else { continue };
        let from = cue.end();
        let listed: Vec<&Mention> = mentions_in(t, &(from..sentence.end))
            .iter()
            .filter(|m| m.span().end <= sentence.end)
            .take(2 * MAX_ITEMS)
            .collect();
        let mut prev_end = from;
        for pair in listed.chunks_exact(2) {
            let (a, b) = (pair[0], pair[1]);
            let org = |m: &Mention| t.entities[m.entity()].kind == EntityKind::Org;
            let before = t.body[prev_end.min(a.span().start)..a.span().start].trim();
            let between = t.body[a.span().end.min(b.span().start)..b.span().start].trim();
            let apart = prev_end == from && before.is_empty() || matches!(before, "," | ";" | ", and" | "; and");
            if !apart || !matches!(between, "and" | "in" | "&") || !org(a) || !org(b) || a.entity() == b.entity() {
                break;
            }
            out.extend(t.fact(sentence.start..sentence.end, (a.entity(), "invested_in", b.entity()), None));
            prev_end = b.span().end;
        }
    }
    out
}

/// "Statement of Chairwoman Edith Ramirez and Commissioner Julie Brill Federal Trade
/// Commission": a heading that opens a statement, remarks or testimony, names people each
/// after a title, then the organisation right after the last of them. A head's title
/// ("Chairwoman", "Director") leads it; another ("Commissioner" of a commission, "Counsel")
/// makes a member.
pub(super) fn statement_heading(t: &Text) -> Vec<Fact> {
    static CUE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)(?:(?:Joint |Dissenting |Concurring )?Statement|Remarks|Testimony)s? (?:of|by) ")
            .expect("the pattern is valid")
    });
    static TITLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:(?:,|and|, and) )?(?:the )?(?P<t>(?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+) $")
            .expect("the pattern is valid")
    });
    static HEAD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!("^(?:(?:acting|interim) )?(?:{LEAD})$")).expect("the pattern is valid"));
    static MEMBER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!("^(?:(?:acting|interim) )?(?:{ROLE})$")).expect("the pattern is valid"));
    let mut out = Vec::new();
    for cue in CUE.find_iter(t.body) {
        let Some(sentence) = super::sentence_of(t.sentences, &cue.range()) else { continue };
        let from = cue.end();
        let mut people: Vec<(&Mention, String)> = Vec::new();
        let mut prev_end = from;
        for m in mentions_in(t, &(from..sentence.end)).iter().take(MAX_ITEMS + 1) {
            let before = super::normalise_with(&t.body[prev_end.min(m.span().start)..m.span().start], false);
            match t.entities[m.entity()].kind {
                EntityKind::Person => {
                    let Some(c) = TITLE.captures(before.trim_start()) else { break };
                    people.push((m, c["t"].to_string()));
                    prev_end = m.span().end;
                }
                EntityKind::Org if !people.is_empty() && matches!(before.trim(), "" | "," | "-" | "of the") => {
                    let commission = t.entities[m.entity()].names().any(|n| n.to_lowercase().ends_with("commission"));
                    for (p, title) in &people {
                        let lower = title.to_lowercase();
                        let predicate = if HEAD.is_match(&lower) && !(commission && lower.ends_with("commissioner")) {
                            "leads"
                        } else if MEMBER.is_match(&lower) || lower.ends_with("commissioner") {
                            "part_of"
                        } else {
                            continue;
                        };
                        let at = p.span().start.saturating_sub(title.len() + 1).max(sentence.start);
                        let at = t.body.floor_char_boundary(at);
                        out.extend(t.fact(at..m.span().end, (p.entity(), predicate, m.entity()), Some(title.clone())));
                    }
                    break;
                }
                _ => break,
            }
        }
    }
    out
}
