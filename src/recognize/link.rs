//! Finds the mentions of known entities in a document's text.
//!
//! Four ways, recorded on each mention: the entity's name (`exact`), one of its aliases
//! (`alias`), a person's surname after their full name appeared earlier in the same document
//! (`short-form`), and a near spelling of a capitalised name that exactly one entity fits
//! (`fuzzy`). Names that are also ordinary words carry a rule: exact case, or a context word
//! nearby.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::model::{DocIdx, EntIdx, Entity, MatchHow, MatchRule, Mention};

/// How far (bytes) around a mention a context word is looked for.
const CONTEXT_WINDOW: usize = 200;

#[derive(Debug, Clone)]
struct Target {
    entity: EntIdx,
    how: MatchHow,
    pattern: String,
    rule: MatchRule,
}

/// A linker built once for a set of entities and used on every document.
#[derive(Debug)]
pub struct Linker {
    ac: Option<AhoCorasick>,
    targets: Vec<Vec<Target>>,
    /// Normalised names by first letter, for fuzzy matching.
    fuzzy: HashMap<char, Vec<(String, EntIdx)>>,
    /// Entities from background knowledge: a near spelling of a curated name wins over them
    /// ("Chad GPT" is `ChatGPT` misheard, not the model family GPT).
    weak: Vec<bool>,
}

/// Lowercase letters and digits only: how names are compared for fuzzy matching.
#[must_use]
pub fn normalise(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The largest edit distance accepted between names of this length.
fn fuzzy_budget(len: usize) -> usize {
    match len {
        0..=5 => 0,
        6..=8 => 1,
        _ => 2,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `span` starts and ends at word boundaries of `text`.
#[must_use]
pub fn at_word_boundaries(text: &str, span: &Range<usize>) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let first = text[span.clone()].chars().next();
    let last = text[span.clone()].chars().next_back();
    let glued_before = before.is_some_and(is_word_char) && first.is_some_and(is_word_char);
    let glued_after = after.is_some_and(is_word_char) && last.is_some_and(is_word_char);
    !glued_before && !glued_after
}

/// Whether `span` stands in a line in capitals: no lower case near it, and two of the two
/// words before and the two after in capitals ("(END VIDEO CLIP)", "THE ARM OF THE LAW").
fn shouted(text: &str, span: &Range<usize>) -> bool {
    // Only the few words around are read, however long the line.
    const AROUND: usize = 60;
    let mut from = span.start.saturating_sub(AROUND);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (span.end + AROUND).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let line_start = text[from..span.start].rfind('\n').map_or(from, |k| from + k + 1);
    let line_end = text[span.end..to].find('\n').map_or(to, |k| span.end + k);
    let caps = |w: &&str| {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        letters >= 2 && w.chars().all(|c| !c.is_lowercase())
    };
    let before =
        text[line_start..span.start].split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).rev().take(2);
    let after = text[span.end..line_end].split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(2);
    // A line with words in lower case is no shouting, whatever acronyms it holds ("the NASA
    // JPL YouTube channel").
    !text[line_start..line_end].chars().any(char::is_lowercase) && before.chain(after).filter(caps).count() >= 2
}

/// An acronym that ends a compound written with a hyphen ("ESP-IDF", "UTF-8" is not): it is
/// part of another name, not a mention of its own.
fn acronym_in_compound(text: &str, span: &Range<usize>, surface: &str) -> bool {
    let acronym = surface.len() >= 2 && surface.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    let before = text.as_bytes()[..span.start].iter().rev().take(2).copied().collect::<Vec<u8>>();
    acronym && matches!(before.as_slice(), [b'-', c, ..] if c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// Whether `s` overlaps one of `spans`, which are sorted by start and do not overlap each
/// other (so the one that can is found by binary search).
fn overlaps(spans: &[Range<usize>], s: &Range<usize>) -> bool {
    let at = spans.partition_point(|m| m.start < s.end);
    at > 0 && spans[at - 1].end > s.start
}

/// Whether one of the rule's context words occurs, as a word, near `span` in the same
/// paragraph.
fn context_ok(text: &str, span: &Range<usize>, rule: &MatchRule) -> bool {
    if rule.context.is_empty() {
        return true;
    }
    let lo = text.floor_char_boundary(span.start.saturating_sub(CONTEXT_WINDOW));
    let hi = text.ceil_char_boundary((span.end + CONTEXT_WINDOW).min(text.len()));
    let para_start = text[lo..span.start].rfind("\n\n").map_or(lo, |i| lo + i);
    let para_end = text[span.end..hi].find("\n\n").map_or(hi, |i| span.end + i);
    // Whole words, compared without case and without allocating: this runs for every match
    // of a name that needs context ("ai" is not found in "said").
    let window = &text.as_bytes()[para_start..para_end];
    let boundary = |i: usize| window.get(i).is_none_or(|b| !b.is_ascii_alphanumeric());
    rule.context.iter().any(|w| {
        let w = w.as_bytes();
        !w.is_empty()
            && window
                .windows(w.len())
                .enumerate()
                .any(|(i, x)| x.eq_ignore_ascii_case(w) && (i == 0 || boundary(i - 1)) && boundary(i + w.len()))
    })
}

/// The text size from which the linker builds a DFA.
const DFA_FROM_BYTES: usize = 150 << 20;

impl Linker {
    /// Builds the matcher over every name and alias of `entities`, for a little text.
    #[must_use]
    pub fn new(entities: &[Entity]) -> Self {
        Self::for_text(entities, 0)
    }

    /// Builds the matcher for searching about `text_bytes` of text: a DFA, which searches
    /// fastest but takes about 0.1 s to build over the bundled gazetteer, only when the text
    /// is large enough to repay it (measured: at 39 MB the contiguous NFA was faster overall).
    #[must_use]
    pub fn for_text(entities: &[Entity], text_bytes: usize) -> Self {
        let mut by_pattern: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut targets: Vec<Vec<Target>> = Vec::new();
        let mut fuzzy: HashMap<char, Vec<(String, EntIdx)>> = HashMap::new();
        // One pattern per spelling (any case); each may stand for several entities.
        let mut add = |target: Target| {
            let slot = *by_pattern.entry(target.pattern.to_lowercase()).or_insert_with(|| {
                patterns.push(target.pattern.clone());
                targets.push(Vec::new());
                targets.len() - 1
            });
            // An entity stands once per spelling among names and aliases (the name first), and
            // once among surnames.
            let surname = |t: &Target| t.how == MatchHow::ShortForm;
            // Case-sensitive spellings that differ in case ("Jason Rhodes", "JASON RHODES") are
            // each a target.
            let same = |t: &Target| {
                t.entity == target.entity
                    && surname(t) == surname(&target)
                    && (t.pattern == target.pattern || !t.rule.case_sensitive || !target.rule.case_sensitive)
            };
            if !targets[slot].iter().any(same) {
                targets[slot].push(target);
            }
        };
        for (idx, e) in entities.iter().enumerate() {
            for (i, name) in e.names().enumerate() {
                let name = name.trim();
                if name.chars().count() < 2 {
                    continue;
                }
                let how = if i == 0 { MatchHow::Exact } else { MatchHow::Alias };
                let rule = e.rule_for(name);
                add(Target { entity: idx, how, pattern: name.to_string(), rule: rule.clone() });
                // Near spellings are for curated and discovered names, not background knowledge.
                if rule.context.is_empty() && e.origin != crate::model::Origin::Known {
                    let n = normalise(name);
                    if let Some(first) = n.chars().next() {
                        fuzzy.entry(first).or_default().push((n, idx));
                    }
                }
            }
            // Surnames are searched in the same pass; one links only after its person was named.
            if let Some(surname) = e.surname() {
                let rule = MatchRule { case_sensitive: true, context: Vec::new() };
                add(Target { entity: idx, how: MatchHow::ShortForm, pattern: surname.to_string(), rule });
            }
        }
        let ac = (!patterns.is_empty()).then(|| {
            let kind = if text_bytes >= DFA_FROM_BYTES { AhoCorasickKind::DFA } else { AhoCorasickKind::ContiguousNFA };
            // A DFA over very many names can be too large to build: then an NFA, which always is.
            let build = |kind: Option<AhoCorasickKind>| {
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostLongest)
                    .kind(kind)
                    .build(&patterns)
            };
            build(Some(kind))
                .or_else(|_| build(Some(AhoCorasickKind::NoncontiguousNFA)))
                .expect("plain literal patterns build as an NFA")
        });
        let weak = entities.iter().map(|e| e.origin == crate::model::Origin::Known).collect();
        Self { ac, targets, fuzzy, weak }
    }

    /// Every mention of a known entity in `text`, in order, near spellings included.
    #[must_use]
    pub fn link(&self, doc: DocIdx, text: &str) -> Vec<Mention> {
        self.link_with(doc, text, true)
    }

    /// Like [`Linker::link`]; near spellings (`fuzzy`) only when asked: the corpus asks for
    /// them in transcripts, where mis-hearings happen, and not in edited text, where a near
    /// spelling is more often another name.
    #[must_use]
    pub fn link_with(&self, doc: DocIdx, text: &str, fuzzy: bool) -> Vec<Mention> {
        let mut found: Vec<Mention> = Vec::new();
        if let Some(ac) = &self.ac {
            // A name broken across a line ("Hannah\nBrooks") still matches: single newlines
            // are searched as spaces (same length, so spans are the same).
            let joined = join_single_newlines(text);
            let mut named: std::collections::HashSet<EntIdx> = std::collections::HashSet::new();
            for m in ac.find_iter(joined.as_ref()) {
                let span = m.start()..m.end();
                if !text.is_char_boundary(span.start)
                    || !text.is_char_boundary(span.end)
                    || !at_word_boundaries(text, &span)
                {
                    continue;
                }
                let surface = &joined[span.clone()];
                if acronym_in_compound(text, &span, surface) {
                    continue;
                }
                // Background knowledge written as a common word ("CLIP", "Arm") is not linked
                // inside a line in capitals: "(END VIDEO CLIP)".
                let weak_shouted = |t: &Target| {
                    t.rule.case_sensitive && self.weak.get(t.entity).copied().unwrap_or(false) && shouted(text, &span)
                };
                let fits = |t: &&Target| {
                    (!t.rule.case_sensitive || surface == t.pattern)
                        && context_ok(text, &span, &t.rule)
                        && !weak_shouted(t)
                };
                let targets = &self.targets[m.pattern().as_usize()];
                let mut direct = targets.iter().filter(|t| t.how != MatchHow::ShortForm).filter(fits);
                let chosen = match (direct.next(), direct.next()) {
                    (Some(t), None) => Some(t),
                    (Some(_), Some(_)) => None,
                    // A surname: only for a person already named here, and only one such person.
                    (None, _) => {
                        let mut short = targets
                            .iter()
                            .filter(|t| t.how == MatchHow::ShortForm && named.contains(&t.entity))
                            .filter(fits);
                        match (short.next(), short.next()) {
                            (Some(t), None) => Some(t),
                            _ => None,
                        }
                    }
                };
                if let Some(t) = chosen {
                    if t.how != MatchHow::ShortForm {
                        named.insert(t.entity);
                    }
                    found.push(Mention::new(t.entity, doc, span, t.how));
                }
            }
        }
        found.sort_by_key(|m| m.span().start);
        self.defined_acronyms(doc, text, &mut found);
        if fuzzy {
            self.fuzzy_matches(doc, text, &mut found);
            found.sort_by_key(|m| m.span().start);
        }
        found
    }

    /// An acronym the document defines after a name ("Singapore Airlines (SIA)") stands for
    /// that name throughout the document, not for the background entity it elsewhere stands
    /// for (the Semiconductor Industry Association). `found` is in text order; one pass, and
    /// one more over the mentions when a document defines such an acronym.
    fn defined_acronyms(&self, doc: DocIdx, text: &str, found: &mut [Mention]) {
        let weak = |m: &Mention| self.weak.get(m.entity()).copied().unwrap_or(false);
        let mut defined: HashMap<&str, EntIdx> = HashMap::new();
        for pair in found.windows(2) {
            let (name, acronym) = (pair[0].span(), pair[1].span());
            let surface = &text[acronym.clone()];
            if pair[0].entity() != pair[1].entity()
                && weak(&pair[1])
                && name.end <= acronym.start
                && &text[name.end..acronym.start] == " ("
                && text[acronym.end..].starts_with(')')
                && surface.len() >= 2
                && surface.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '&')
                && abbreviates(surface, &text[name.clone()])
            {
                defined.insert(surface, pair[0].entity());
            }
        }
        if defined.is_empty() {
            return;
        }
        for m in found.iter_mut() {
            let surface = &text[m.span()];
            if let Some(&entity) = defined.get(surface) {
                if weak(m) {
                    *m = Mention::new(entity, doc, m.span(), MatchHow::Alias);
                }
            }
        }
    }

    /// Capitalised names one or two letters away from exactly one known name.
    fn fuzzy_matches(&self, doc: DocIdx, text: &str, found: &mut Vec<Mention>) {
        let weak = |m: &Mention| self.weak.get(m.entity()).copied().unwrap_or(false);
        let mut taken: Vec<Range<usize>> = found.iter().filter(|m| !weak(m)).map(Mention::span).collect();
        taken.sort_by_key(|r| r.start);
        // Near spellings found in text order: sorted, so each is checked against the last.
        let mut fuzzy: Vec<Mention> = Vec::new();
        for run in capitalised_runs(text, false) {
            let mut i = 0;
            while i < run.len() {
                let mut advanced = false;
                for len in (1..=3.min(run.len() - i)).rev() {
                    let span = run[i].start..run[i + len - 1].end;
                    if overlaps(&taken, &span) || fuzzy.last().is_some_and(|m| m.span().end > span.start) {
                        continue;
                    }
                    if let Some(entity) = self.fuzzy_fit(&text[span.clone()]) {
                        fuzzy.push(Mention::new(entity, doc, span, MatchHow::Fuzzy));
                        i += len;
                        advanced = true;
                        break;
                    }
                }
                if !advanced {
                    i += 1;
                }
            }
        }
        if fuzzy.is_empty() {
            return;
        }
        // Background names that a near spelling covers give way, in one pass.
        let spans: Vec<Range<usize>> = fuzzy.iter().map(Mention::span).collect();
        found.retain(|m| !(weak(m) && overlaps(&spans, &m.span())));
        found.extend(fuzzy);
    }
    /// The one entity whose name is a near (not exact) spelling of `surface`.
    fn fuzzy_fit(&self, surface: &str) -> Option<EntIdx> {
        let n = normalise(surface);
        let first = n.chars().next()?;
        let len = n.chars().count();
        let mut fit: Option<EntIdx> = None;
        for (name, e) in self.fuzzy.get(&first)? {
            let budget = fuzzy_budget(len.max(name.chars().count()));
            if budget == 0 || name.chars().count().abs_diff(len) > budget {
                continue;
            }
            match strsim::levenshtein(&n, name) {
                0 => return None,
                d if d <= budget => match fit {
                    Some(other) if other != *e => return None,
                    _ => fit = Some(*e),
                },
                _ => {}
            }
        }
        fit
    }
}

/// Whether `acronym` can stand for `name`: the same first letter, and its letters in order
/// among the name's ("SIA" for "Singapore Airlines"; not "EU" for "Acme Software" in "Acme
/// Software (EU)").
fn abbreviates(acronym: &str, name: &str) -> bool {
    let mut letters = name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase());
    let mut wanted = acronym.chars().filter(char::is_ascii_alphanumeric);
    let (Some(first), Some(name_first)) = (wanted.next(), letters.next()) else { return false };
    first == name_first && wanted.all(|c| letters.any(|l| l == c))
}

/// The text with every newline that is not next to another newline turned into a space.
fn join_single_newlines(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\n') {
        return std::borrow::Cow::Borrowed(text);
    }
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    // Only the line ends are looked at (found with `memchr`), not every byte, and the text is
    // copied in slices between them (no UTF-8 check of the whole copy).
    for i in memchr::memchr_iter(b'\n', b) {
        if (i == 0 || b[i - 1] != b'\n') && b.get(i + 1) != Some(&b'\n') {
            out.push_str(&text[copied..i]);
            out.push(' ');
            copied = i + 1;
        }
    }
    out.push_str(&text[copied..]);
    std::borrow::Cow::Owned(out)
}

/// Runs of capitalised words separated by single spaces: the places a name can be. With
/// `join_lines`, a single capitalised word at the end of a line continues on the next line
/// ("Hannah\nBrooks").
pub(crate) fn capitalised_runs(text: &str, join_lines: bool) -> Vec<Vec<Range<usize>>> {
    let mut runs: Vec<Vec<Range<usize>>> = Vec::new();
    let mut current: Vec<Range<usize>> = Vec::new();
    let mut word_start: Option<usize> = None;
    let mut gap_ok = true;
    let mut last_end = 0;
    let flush = |current: &mut Vec<Range<usize>>, runs: &mut Vec<Vec<Range<usize>>>| {
        if !current.is_empty() {
            runs.push(std::mem::take(current));
        }
    };
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if c.is_alphanumeric() {
            if word_start.is_none() {
                word_start = Some(i);
            }
            continue;
        }
        if let Some(s) = word_start.take() {
            let capital = text[s..].chars().next().is_some_and(char::is_uppercase);
            let gap = &text[last_end..s];
            let line_break = join_lines && gap == "\n" && current.len() == 1;
            gap_ok = gap_ok && (gap == " " || line_break || current.is_empty());
            if capital {
                if !gap_ok {
                    flush(&mut current, &mut runs);
                }
                current.push(s..i);
            } else {
                flush(&mut current, &mut runs);
            }
            last_end = i;
            gap_ok = true;
        }
    }
    flush(&mut current, &mut runs);
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityKind, Origin};
    use std::collections::BTreeMap;

    fn ent(id: &str, kind: EntityKind, name: &str, aliases: &[&str], rule: MatchRule) -> Entity {
        Entity {
            id: id.into(),
            kind,
            name: name.into(),
            aliases: aliases.iter().map(|s| (*s).to_string()).collect(),
            summary: None,
            attributes: BTreeMap::new(),
            origin: Origin::Catalog,
            rule,
            alias_rules: BTreeMap::new(),
            parent: None,
        }
    }

    #[test]
    fn an_acronym_ending_a_hyphenated_name_is_not_a_mention() {
        let idf = ent("idf", EntityKind::Org, "Israel Defense Forces", &["IDF"], MatchRule::default());
        let l = Linker::new(&[idf]);
        let ms = l.link(0, "On ESP-IDF, the build differs. The IDF said so. Amazon-backed IDF too.");
        let at: Vec<usize> = ms.iter().map(|m| m.span().start).collect();
        assert_eq!(at, [35, 62], "{ms:?}");
    }

    #[test]
    fn an_acronym_a_document_defines_stands_for_its_name_there() {
        let mut sia = ent("sia", EntityKind::Org, "Semiconductor Industry Association", &["SIA"], MatchRule::default());
        sia.origin = Origin::Known;
        let mut airline = ent("sq", EntityKind::Org, "Singapore Airlines", &[], MatchRule::default());
        airline.origin = Origin::Known;
        let l = Linker::new(&[sia, airline]);
        let text = "Singapore Airlines (SIA) flew it. SIA said so.";
        let ms = l.link(0, text);
        let who: Vec<(&str, usize)> = ms.iter().map(|m| (&text[m.span()], m.entity())).collect();
        assert_eq!(who, [("Singapore Airlines", 1), ("SIA", 1), ("SIA", 1)]);
        // A region after a name is not its acronym: "Singapore Airlines (EU)".
        let mut eu = ent("eu", EntityKind::Org, "European Union", &["EU"], MatchRule::default());
        eu.origin = Origin::Known;
        let mut airline = ent("sq", EntityKind::Org, "Singapore Airlines", &[], MatchRule::default());
        airline.origin = Origin::Known;
        let l2 = Linker::new(&[eu, airline]);
        let text2 = "Singapore Airlines (EU) flew. The EU agreed.";
        let who: Vec<usize> = l2.link(0, text2).iter().map(Mention::entity).collect();
        assert_eq!(who, [1, 0, 0]);
        // Elsewhere the acronym keeps its meaning.
        let ms = l.link(1, "The SIA said chips were short.");
        assert_eq!(ms.iter().map(Mention::entity).collect::<Vec<_>>(), [0]);
    }

    fn people() -> Vec<Entity> {
        let cs = MatchRule { case_sensitive: true, context: vec![] };
        vec![
            ent("andy-jassy", EntityKind::Person, "Andy Jassy", &["Andy Jesse"], MatchRule::default()),
            ent("nova", EntityKind::Model, "Nova", &[], cs.clone()),
            ent(
                "make",
                EntityKind::Service,
                "Make",
                &[],
                MatchRule { case_sensitive: true, context: vec!["automation".into()] },
            ),
            ent("chatgpt", EntityKind::Model, "ChatGPT", &[], MatchRule::default()),
            ent("trainium", EntityKind::Chip, "Trainium", &["trinium"], MatchRule::default()),
            ent("trainium-2", EntityKind::Chip, "Trainium 2", &["trinium 2"], MatchRule::default()),
        ]
    }

    fn link(text: &str) -> Vec<(String, String, MatchHow)> {
        let es = people();
        Linker::new(&es)
            .link(0, text)
            .into_iter()
            .map(|m| (es[m.entity()].id.clone(), text[m.span()].to_string(), m.how))
            .collect()
    }

    #[test]
    fn names_and_aliases_link_with_how() {
        assert_eq!(
            link("Andy Jassy met Andy Jesse."),
            [
                ("andy-jassy".into(), "Andy Jassy".into(), MatchHow::Exact),
                ("andy-jassy".into(), "Andy Jesse".into(), MatchHow::Alias)
            ]
        );
    }

    #[test]
    fn a_surname_after_the_full_name_is_a_short_form() {
        let l = link("Jassy spoke. Then Andy Jassy wrote, and Jassy said so.");
        assert_eq!(l.len(), 2, "the first Jassy comes before the full name: {l:?}");
        assert_eq!(l[1], ("andy-jassy".into(), "Jassy".into(), MatchHow::ShortForm));
    }

    #[test]
    fn ordinary_words_do_not_link() {
        assert!(link("a nova exploded; make it so; sonic boom").is_empty());
        assert_eq!(link("Nova is new").len(), 1);
        assert!(link("Make sure").is_empty(), "Make needs a context word");
        assert_eq!(link("Make, the automation tool").len(), 1);
    }

    #[test]
    fn longest_name_wins_and_words_are_whole() {
        let l = link("the trinium 2 chip, then trinium 3; Trainiums");
        assert_eq!(l[0].0, "trainium-2");
        assert_eq!(l[1], ("trainium".into(), "trinium".into(), MatchHow::Alias));
        assert_eq!(l.len(), 2, "Trainiums is another word: {l:?}");
    }

    #[test]
    fn a_near_spelling_links_fuzzily_when_one_entity_fits() {
        let l = link("surprised by the launch of Chad GPT along with");
        assert_eq!(l, [("chatgpt".into(), "Chad GPT".into(), MatchHow::Fuzzy)]);
    }

    #[test]
    fn a_near_spelling_two_entities_fit_is_not_linked() {
        let mut es = people();
        es.push(ent("chadgps", EntityKind::Model, "ChadGPS", &[], MatchRule::default()));
        let ms = Linker::new(&es).link(0, "the launch of Chad GPT");
        assert!(ms.is_empty(), "ambiguous fuzzy match accepted: {ms:?}");
    }

    #[test]
    fn a_rule_rejected_exact_name_is_not_fuzzy_matched() {
        let mut es = people();
        es.push(ent("sonic", EntityKind::Model, "Sonicx", &[], MatchRule { case_sensitive: true, context: vec![] }));
        assert!(Linker::new(&es).link(0, "Sonicx").len() == 1);
        assert!(Linker::new(&es).link(0, "SONICX").is_empty());
    }

    #[test]
    fn background_knowledge_written_as_a_common_word_is_not_linked_in_a_line_in_capitals() {
        let mut clip = ent("clip", EntityKind::Model, "CLIP", &[], MatchRule { case_sensitive: true, context: vec![] });
        clip.origin = Origin::Known;
        let es = [clip];
        let l = Linker::new(&es);
        assert!(l.link(0, "(BEGIN VIDEO CLIP)\nShe spoke.\n(END VIDEO CLIP)").is_empty());
        assert_eq!(l.link(0, "OpenAI trained CLIP on images.").len(), 1);
        // Acronyms in a line of prose are no shouting.
        assert_eq!(l.link(0, "It ran NASA JPL CLIP models in the lab.").len(), 1);
    }

    #[test]
    fn word_boundaries_respect_unicode() {
        assert!(at_word_boundaries("é Nova é", &(3..7)));
        assert!(!at_word_boundaries("éNova", &(2..6)));
    }

    #[test]
    fn context_words_match_whole_words_only() {
        let rule = MatchRule { case_sensitive: true, context: vec!["ai".into()] };
        let e = ent("runway", EntityKind::Service, "Runway", &[], rule);
        let l = Linker::new(&[e]);
        assert!(l.link(0, "The Runway was closed, the captain said.").is_empty(), "'ai' is not in 'said'");
        assert_eq!(l.link(0, "Runway, the AI video tool, grew.").len(), 1);
    }

    #[test]
    fn near_spellings_in_a_long_transcript_cost_linear_time() {
        let e = ent(
            "chatgpt",
            EntityKind::Service,
            "ChatGPT",
            &[],
            MatchRule { case_sensitive: true, context: Vec::new() },
        );
        let l = Linker::new(&[e]);
        let text = |n: usize| "Speaker 1 (00:01): We use Chad GPT here today.\n".repeat(n);
        let time = |t: &str| {
            let at = std::time::Instant::now();
            let found = l.link_with(0, t, true);
            assert!(!found.is_empty());
            at.elapsed().as_secs_f64()
        };
        let (small, large) = (time(&text(4_000)), time(&text(16_000)));
        assert!(large < 10.0 * small + 0.05, "4× the text took {large:.3} s against {small:.3} s");
    }
}
