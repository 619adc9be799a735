//! The one place the fuzzy matcher (fuzzy-matcher's skim algorithm) is used, so it can be
//! replaced here alone. Matches a [`Term`] against a text, with accent folding and smart case,
//! returning a score and the matched character positions.

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;

use crate::search::query::{Term, TermKind};
use crate::text::fold::{char_mask, fold, lower1};

/// A text prepared for matching: accent-folded, and a lowercased copy with the same number of
/// characters (so a character index means the same in both).
#[derive(Debug, Clone)]
pub struct Prepared {
    folded: String,
    lower: String,
    chars: usize,
    mask: u64,
    shape: Shape,
}

/// Where each ASCII letter and digit stands in a text, as skim's scorer sees it (bits as in
/// [`bit`]): what bounds its score without running it ([`Matcher::bound`]).
#[derive(Debug, Clone, Copy, Default)]
struct Shape {
    /// The first character.
    first: char,
    /// Characters after the first.
    rest: u64,
    /// … of them at the head of a word (after a space, `/`, brackets): skim's largest bonus.
    head: u64,
    /// … after other punctuation.
    brk: u64,
    /// … an uppercase letter after a lowercase letter or digit.
    camel: u64,
    /// Pairs of adjacent ASCII characters, case folded, hashed to 256 bits ([`pair`]).
    pairs: [u64; 4],
}

/// The bit of two adjacent characters, case folded; `None` when either is not ASCII.
fn pair(a: char, b: char) -> Option<(usize, u64)> {
    if !a.is_ascii() || !b.is_ascii() {
        return None;
    }
    let h = (a.to_ascii_lowercase() as usize).wrapping_mul(31).wrapping_add(b.to_ascii_lowercase() as usize) & 255;
    Some((h >> 6, 1 << (h & 63)))
}

/// A letter's or digit's bit, case kept: `a`–`z` 0–25, `A`–`Z` 26–51, `0`–`9` 52–61.
fn bit(c: char) -> Option<u64> {
    let b = match c {
        'a'..='z' => c as u32 - 'a' as u32,
        'A'..='Z' => 26 + c as u32 - 'A' as u32,
        '0'..='9' => 52 + c as u32 - '0' as u32,
        _ => return None,
    };
    Some(1 << b)
}

/// skim's character classes (fuzzy-matcher 0.3, `skim.rs`: `CharType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

const fn class(c: char) -> Class {
    match c {
        '\0' => Class::Empty,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => Class::HardSep,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => Class::SoftSep,
        '0'..='9' => Class::Number,
        'A'..='Z' => Class::Upper,
        _ => Class::Lower,
    }
}

/// [`class`] of each ASCII byte, looked up by [`skim_port`].
static ASCII_CLASS: [Class; 128] = {
    let mut t = [Class::Lower; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = class(i as u8 as char);
        i += 1;
    }
    t
};

/// [`in_place_bonus`] of two ASCII bytes.
fn in_place_bonus_ascii(prev: u8, cur: u8) -> i32 {
    let bonus = match (ASCII_CLASS[usize::from(prev & 127)], ASCII_CLASS[usize::from(cur & 127)]) {
        (Class::Empty | Class::HardSep, _) => BONUS_HEAD,
        (Class::SoftSep, _) => BONUS_HEAD - 1,
        (Class::Lower | Class::Number, Class::Upper) => BONUS_HEAD - 2,
        _ => 0,
    };
    bonus as i32
}

/// skim's bonus for matching a character after another (`CharRole`: head 8, break 7, camel 6).
fn in_place_bonus(prev: char, cur: char) -> i64 {
    match (class(prev), class(cur)) {
        (Class::Empty | Class::HardSep, _) => BONUS_HEAD,
        (Class::SoftSep, _) => BONUS_HEAD - 1,
        (Class::Lower | Class::Number, Class::Upper) => BONUS_HEAD - 2,
        _ => 0,
    }
}

/// skim's default scores: a matched character, the head-of-word bonus (doubled on the first
/// character), the smallest bonus of consecutive matches, the case-mismatch penalty and the
/// penalty of the first unmatched character before the first match.
const SCORE_MATCH: i64 = 16;
const BONUS_HEAD: i64 = 8;
const BONUS_CONSECUTIVE: i64 = 4;
const CASE_MISMATCH: i64 = 2;
const GAP_EXTENSION: i64 = 1;
const GAP_START: i64 = 3;

impl Shape {
    fn of(text: &str) -> Self {
        let mut s = Self::default();
        let mut prev = '\0';
        for (i, c) in text.chars().enumerate() {
            let bonus = in_place_bonus(prev, c);
            if i == 0 {
                s.first = c;
            } else {
                if let Some((w, b)) = pair(prev, c) {
                    s.pairs[w] |= b;
                }
                if let Some(b) = bit(c) {
                    s.rest |= b;
                    match bonus {
                        BONUS_HEAD => s.head |= b,
                        7 => s.brk |= b,
                        6 => s.camel |= b,
                        _ => {}
                    }
                }
            }
            prev = c;
        }
        s
    }

    /// The characters of the text `p` matches, each with skim's score for the match: itself
    /// (16), and its uppercase form when the term ignores case (14).
    fn forms(p: char, case_sensitive: bool) -> [(char, i64); 2] {
        let upper = p.to_ascii_uppercase();
        if case_sensitive || upper == p {
            [(p, SCORE_MATCH), (p, SCORE_MATCH)]
        } else {
            [(p, SCORE_MATCH), (upper, SCORE_MATCH - CASE_MISMATCH)]
        }
    }

    /// An upper bound of skim's score for the first character of a pattern: its match, plus
    /// the bonus where it stands, after the gap before it (skim's first row of the matrix).
    fn first_row(&self, p: char, case_sensitive: bool) -> i64 {
        let mut best = i64::MIN;
        for (c, score) in Self::forms(p, case_sensitive) {
            let Some(b) = bit(c) else {
                // Not a letter or digit: any bonus, the largest being the first character's.
                return SCORE_MATCH - GAP_EXTENSION + 2 * BONUS_HEAD;
            };
            let bonus = if c == self.first {
                2 * BONUS_HEAD
            } else if self.head & b != 0 {
                BONUS_HEAD
            } else if self.brk & b != 0 {
                BONUS_HEAD - 1
            } else if self.camel & b != 0 {
                BONUS_HEAD - 2
            } else if self.rest & b != 0 {
                0
            } else {
                continue;
            };
            best = best.max(score - GAP_EXTENSION + bonus);
        }
        best
    }

    /// An upper bound of what a later character `p` of a pattern adds, after `prev`: its
    /// match plus either the consecutive bonus (only where `prev` and `p` stand side by side:
    /// the larger of 4 and the bonus where it stands, which there is the bonus of `p` after
    /// `prev`) or, after a gap (which costs at least 4), the bonus where it stands.
    /// Also returns the bound after a gap alone.
    fn later_row(&self, prev: char, p: char, case_sensitive: bool) -> (i64, i64) {
        let adjacent = pair(prev, p).is_none_or(|(w, b)| self.pairs[w] & b != 0);
        let mut best = i64::MIN;
        let mut gap = i64::MIN;
        for (c, score) in Self::forms(p, case_sensitive) {
            let bonus = match bit(c) {
                None => BONUS_HEAD,
                Some(b) if self.rest & b == 0 => continue,
                Some(b) if self.head & b != 0 => BONUS_HEAD,
                Some(b) if self.brk & b != 0 => BONUS_HEAD - 1,
                Some(b) if self.camel & b != 0 => BONUS_HEAD - 2,
                Some(_) => 0,
            };
            gap = gap.max(score + bonus - GAP_START - GAP_EXTENSION);
            if adjacent {
                // Beside the previous character, the bonus where `c` stands is the one of
                // `c` after that character.
                let beside = Self::forms(prev, case_sensitive).iter().map(|&(f, _)| in_place_bonus(f, c)).max();
                best = best.max(score + beside.unwrap_or(BONUS_HEAD).min(bonus).max(BONUS_CONSECUTIVE));
            }
        }
        (best.max(gap), gap)
    }
}

/// A cell of [`skim_port`]'s matrix, as skim's: the best score ending in a match, in a gap,
/// and the bonus cell skim reads back.
#[derive(Debug, Clone, Copy)]
struct Cell {
    m: i32,
    p: i32,
    bonus: i32,
}

/// skim's "minus infinity".
const NEG: i32 = i16::MIN as i32;

thread_local! {
    static CELLS: std::cell::RefCell<(Vec<Cell>, Vec<i32>)> = const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

/// The longest pattern [`skim_port`] takes.
const PORT_MAX: usize = 32;

/// skim's score without positions (fuzzy-matcher 0.3.7, `SkimMatcherV2::fuzzy` with
/// `with_pos` false) on a cleared matrix ([`clear`]), ported to ASCII bytes and without its
/// allocations, to rank candidates before skim scores the ones shown. [`Port::Skim`] when the
/// text or pattern is not ASCII or the pattern is long: then skim is asked.
fn skim_port(choice: &[u8], pattern: &[u8], case_sensitive: bool) -> Port {
    if pattern.is_empty() || pattern.len() > PORT_MAX || !pattern.is_ascii() || !choice.is_ascii() {
        return Port::Skim;
    }
    let eq = |c: u8, p: u8| if case_sensitive { c == p } else { c.eq_ignore_ascii_case(&p) };
    // The first place each pattern character can match (skim's `cheap_matches`).
    let mut first = [0usize; PORT_MAX];
    let mut k = 0;
    for (i, &c) in choice.iter().enumerate() {
        if k < pattern.len() && eq(c, pattern[k]) {
            first[k] = i;
            k += 1;
        }
    }
    if k < pattern.len() {
        return Port::NoMatch;
    }
    let n = choice.len();
    let cols = n + 1;
    let score = CELLS.with(|cells| {
        let (cells, bonuses) = &mut *cells.borrow_mut();
        // The bonus of matching each column, as skim's `build_in_place_bonus`.
        bonuses.clear();
        bonuses.push(0);
        let mut prev = 0u8;
        for &c in choice {
            bonuses.push(in_place_bonus_ascii(prev, c));
            prev = c;
        }
        if cols > 1 {
            bonuses[1] *= 2;
        }
        cells.clear();
        cells.resize(2 * cols, Cell { m: NEG, p: NEG, bonus: 0 });
        for c in &mut cells[..cols] {
            c.p = -1;
        }
        for (i, &p) in pattern.iter().enumerate() {
            let row = ((i + 1) & 1) * cols;
            let row_prev = (i & 1) * cols;
            for col in first[i] + 1..=n {
                let (cur, last, prev) = (row + col, row + col - 1, row_prev + col - 1);
                let c = choice[col - 1];
                if eq(c, p) {
                    let score = if !case_sensitive && c != p { 14 } else { 16 };
                    let in_place = bonuses[col];
                    let consecutive = cells[last].bonus.max(in_place.max(4));
                    cells[last].bonus = consecutive;
                    let matched = cells[prev].m + consecutive;
                    let skipped = cells[prev].p + in_place;
                    cells[cur].m = matched.max(skipped) + score;
                } else {
                    cells[cur].m = NEG;
                    cells[cur].bonus = 0;
                }
                cells[cur].p = (cells[last].m - 4).max(cells[last].p - 1);
            }
        }
        let last = (pattern.len() & 1) * cols;
        cells[last + first[pattern.len() - 1]..last + cols].iter().map(|c| c.m).max().unwrap_or(NEG)
    });
    Port::Score(score)
}

/// What [`Matcher::resume`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resume {
    /// The characters are found, the last one ending at this byte.
    End(usize),
    /// One is missing: the term does not match.
    Missing,
    /// Not known (a text that is not ASCII, a term that is not fuzzy): ask [`Matcher::matches`].
    Unknown,
}

/// What [`skim_port`] found.
enum Port {
    Score(i32),
    NoMatch,
    /// Not ported: ask skim.
    Skim,
}

impl Prepared {
    /// Prepares a text. ASCII text, the common case, takes one pass and two allocations.
    #[must_use]
    pub fn new(text: &str) -> Self {
        let (folded, lower) = if text.is_ascii() {
            (text.to_string(), text.to_ascii_lowercase())
        } else {
            let folded: String = text.chars().map(fold).collect();
            let lower = folded.chars().map(lower1).collect();
            (folded, lower)
        };
        Self { mask: char_mask(&folded), chars: folded.chars().count(), shape: Shape::of(&folded), folded, lower }
    }

    /// Length in characters.
    #[must_use]
    pub fn len(&self) -> usize {
        self.chars
    }

    /// Whether it is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.chars == 0
    }
}

/// Whether the characters of `needle` occur in `hay` in order.
fn in_order(needle: &str, hay: &str) -> bool {
    if needle.is_ascii() && hay.is_ascii() {
        let mut h = hay.bytes();
        return needle.bytes().all(|c| h.any(|x| x == c));
    }
    let mut h = hay.chars();
    needle.chars().all(|c| h.any(|x| x == c))
}

/// Whether `needle` stands whole in `hay` (as `str::contains`, without its searcher's set-up,
/// which costs more than the search in a short text).
fn has(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else { return true };
    let Some(last) = hay.len().checked_sub(needle.len()) else { return false };
    hay[..=last].iter().enumerate().any(|(i, &b)| b == first && hay[i + 1..i + needle.len()] == *rest)
}

/// Whether skim finds `needle` in `hay`: its characters in order, compared as skim compares
/// them (ignoring ASCII case only, when the term ignores case).
fn skim_finds(needle: &str, hay: &Prepared, case_sensitive: bool) -> bool {
    if case_sensitive {
        return in_order(needle, &hay.folded);
    }
    if hay.folded.is_ascii() {
        // The lowercase copy of an ASCII text is its ASCII lowercase: the same comparison.
        return in_order(needle, &hay.lower);
    }
    let mut h = hay.folded.chars();
    needle.chars().all(|c| h.any(|x| x.eq_ignore_ascii_case(&c)))
}

/// The matcher, built once and shared.
///
/// skim reuses its matrix from one text to the next without clearing it, and reads back
/// bonuses an earlier text left in it: a score could depend on the texts scored before on the
/// same thread, so the order of results on how work fell on the cores (and its option not to
/// reuse the matrix panics in fuzzy-matcher 0.3.7). So before each score, a text of the same
/// length matched by one character clears every cell the score can read ([`clear`]): each
/// score is then a function of the text and the term alone, which [`Matcher::bound`] needs.
pub struct Matcher {
    sensitive: SkimMatcherV2,
    insensitive: SkimMatcherV2,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Matcher")
    }
}

impl Default for Matcher {
    fn default() -> Self {
        Self { sensitive: SkimMatcherV2::default().respect_case(), insensitive: SkimMatcherV2::default().ignore_case() }
    }
}

/// A text whose first character alone matches `x`.
const PAD: &str = concat!(
    "x",
    "                                                               ",
    "                                                               ",
    "                                                               ",
    "                                                               ",
);

/// Clears the cells of skim's reused matrix that scoring a text of `chars` characters can
/// read: matching `x` against `x` and `chars − 1` spaces zeroes the bonus of every cell of
/// the row it reuses from the third column on (skim's first row is reset on every call, and
/// the first two columns of the second are never read after its first pass).
fn clear(m: &SkimMatcherV2, chars: usize) {
    if chars <= PAD.len() {
        let _ = m.fuzzy_match(&PAD[..chars], "x");
    } else {
        let long = format!("x{}", " ".repeat(chars - 1));
        let _ = m.fuzzy_match(&long, "x");
    }
}

/// Score given per character of an exact, prefix, suffix or whole match.
const EXACT_PER_CHAR: i64 = 16;

impl Matcher {
    /// Whether `term` matches `text` (ignoring negation): the same answer as [`Self::score`],
    /// without running the scorer.
    #[must_use]
    pub fn matches(&self, term: &Term, text: &Prepared) -> bool {
        if term.mask & !text.mask != 0 {
            return false;
        }
        if term.kind == TermKind::Fuzzy {
            let hay = if term.case_sensitive { &text.folded } else { &text.lower };
            let mut one = term.text.chars();
            if let (Some(c), None) = (one.next(), one.next()) {
                // One letter or digit: the masks answer without reading the text.
                let bits = Shape::forms(c, term.case_sensitive).map(|(f, _)| bit(f));
                if let [Some(a), Some(b)] = bits {
                    let first = bit(text.shape.first).unwrap_or(0);
                    return (text.shape.rest | first) & (a | b) != 0;
                }
            }
            return in_order(&term.text, hay)
                && (text.folded.is_ascii() || skim_finds(&term.text, text, term.case_sensitive));
        }
        self.score(term, text, false).is_some()
    }

    /// [`Self::score`]'s score, from a port of skim's scorer ([`skim_port`]) where it applies:
    /// for ranking candidates before the ones shown are scored by skim. `None` when the term
    /// does not match.
    #[must_use]
    pub fn estimate(&self, term: &Term, text: &Prepared) -> Option<i64> {
        if term.kind == TermKind::Fuzzy && term.mask & !text.mask == 0 {
            match skim_port(text.folded.as_bytes(), term.text.as_bytes(), term.case_sensitive) {
                Port::Score(s) => return Some(i64::from(s)),
                Port::NoMatch => return None,
                Port::Skim => {}
            }
        }
        self.score(term, text, false).map(|(s, _)| s)
    }

    /// A score no smaller than [`Self::score`]'s for a text `term` matches, found without
    /// running skim's scorer: exact for exact, prefix, suffix and whole terms; for a fuzzy
    /// term, the first character's match and bonus where it stands, then for each later
    /// character its match and a bonus ([`Shape::later_row`]). The proof follows skim's
    /// matrix (fuzzy-matcher 0.3.7, cleared as [`clear`] does): a cell of row i is its match
    /// plus the larger of the cell before it in row i−1 plus the consecutive bonus (finite
    /// only where the two characters are side by side) and the gap score of row i−1 (at most
    /// its best minus 4) plus the bonus where it stands; the first row starts from −1 and can
    /// use the doubled first bonus. The consecutive bonus is meant to carry a run's first
    /// bonus, but skim keeps it in a cell that only ever holds 0 or the bonus of the same
    /// column (it reads and writes the cell before the current one): on a cleared matrix it
    /// is the larger of 4 and the bonus where the character stands. Where the term does not
    /// stand whole in the text, some row after the first follows a gap: the bound loses what
    /// the row that loses least by a gap loses. Every value is at most the bound of its row
    /// (older rows' values, which skim reads back, have smaller bounds);
    /// `the_fast_path_ranks_as_scoring_everything` checks it on generated texts.
    #[must_use]
    pub fn bound(&self, term: &Term, text: &Prepared) -> i64 {
        if term.kind != TermKind::Fuzzy {
            return self.score(term, text, false).map_or(0, |(s, _)| s);
        }
        let shape = &text.shape;
        let mut chars = term.text.chars();
        let Some(first) = chars.next() else { return 0 };
        let cs = term.case_sensitive;
        let (mut total, mut prev) = (shape.first_row(first, cs), first);
        // What the row that loses least by a gap loses.
        let mut least_loss = None::<i64>;
        for p in chars {
            let (best, gap) = shape.later_row(prev, p, cs);
            total += best;
            least_loss = Some(least_loss.map_or(best - gap, |l| l.min(best - gap)));
            prev = p;
        }
        // Every row after the first can follow the one before only where the term stands whole
        // in the text; elsewhere at least one row comes after a gap.
        let hay = if cs { &text.folded } else { &text.lower };
        match least_loss {
            Some(loss) if !has(hay.as_bytes(), term.text.as_bytes()) => total - loss,
            _ => total,
        }
    }

    /// Where the greedy match of a fuzzy term's characters from the `from`th on ends in
    /// `text` (a byte index into the text as the term compares it), looking from byte `at`:
    /// when the term's first `from` characters end there, the term matches exactly when they
    /// are found ([`Self::matches`]'s answer, for ASCII texts), and the end is where the next
    /// character is looked for.
    #[must_use]
    pub fn resume(&self, term: &Term, text: &Prepared, from: usize, at: usize) -> Resume {
        if term.kind != TermKind::Fuzzy || !text.folded.is_ascii() {
            return Resume::Unknown;
        }
        let hay = if term.case_sensitive { text.folded.as_bytes() } else { text.lower.as_bytes() };
        let Some(mut rest) = hay.get(at..) else { return Resume::Unknown };
        let mut end = at;
        for c in term.text.chars().skip(from) {
            let Ok(b) = u8::try_from(c) else { return Resume::Missing };
            match rest.iter().position(|&x| x == b) {
                Some(i) => {
                    end += i + 1;
                    rest = &rest[i + 1..];
                }
                None => return Resume::Missing,
            }
        }
        Resume::End(end)
    }

    /// How much skim's score of a fuzzy term on `text` can grow from its rows `from..` (its
    /// characters from the `from`th on): the sum of those rows' bounds of [`Self::bound`]
    /// (the first row's when `from` is 0, then [`Shape::later_row`]'s), without the gap
    /// loss. Returns the sum over the rows before the last and over all of them (`i64::MIN`
    /// when a character is missing).
    ///
    /// Why a score grows by at most its row's bound from the best score of its shorter terms
    /// (fuzzy-matcher 0.3.7 on a cleared matrix, as in [`Self::bound`]): let C be the largest
    /// match value skim wrote in rows 0..=i (every row's values are within the cells its own
    /// score reads, so C is at most the best score of a term cut after one of its first i+1
    /// characters). A match value of row i+1 is its match score plus either a value of row
    /// i at most C plus the consecutive bonus (only where the two characters stand side by
    /// side, and at most the larger of 4 and the bonus where it stands), or a gap value (at
    /// most C − 4, or −2 from the initial −1) plus the bonus where it stands; values skim
    /// reads back from an older row are at most C too. So every value of row i+1, and the
    /// score, is at most C plus the row's bound.
    #[must_use]
    pub fn growth(&self, term: &Term, text: &Prepared, from: usize) -> (i64, i64) {
        if term.mask & !text.mask != 0 {
            return (i64::MIN, i64::MIN);
        }
        let (cs, shape) = (term.case_sensitive, &text.shape);
        let (mut before_last, mut all) = (0, 0);
        let mut prev = None;
        let n = term.text.chars().count();
        for (r, p) in term.text.chars().enumerate() {
            if r >= from {
                let row = match prev {
                    None => shape.first_row(p, cs),
                    Some(q) => shape.later_row(q, p, cs).0,
                };
                all = row.saturating_add(all);
                if r + 1 < n {
                    before_last = row.saturating_add(before_last);
                }
            }
            prev = Some(p);
        }
        (before_last, all)
    }

    /// Whether `term` matches `text` (ignoring negation), with its score and, when `positions`
    /// is asked for, the matched character indices.
    #[must_use]
    pub fn score(&self, term: &Term, text: &Prepared, positions: bool) -> Option<(i64, Vec<usize>)> {
        if term.mask & !text.mask != 0 {
            return None;
        }
        if term.kind == TermKind::Fuzzy {
            // The characters must appear in order before the scorer is worth running.
            let hay = if term.case_sensitive { &text.folded } else { &text.lower };
            if !in_order(&term.text, hay) {
                return None;
            }
            let m = if term.case_sensitive { &self.sensitive } else { &self.insensitive };
            clear(m, text.chars);
            return if positions {
                m.fuzzy_indices(&text.folded, &term.text)
            } else {
                m.fuzzy_match(&text.folded, &term.text).map(|s| (s, Vec::new()))
            };
        }
        let hay = if term.case_sensitive { &text.folded } else { &text.lower };
        let needle = term.text.as_str();
        let at = match term.kind {
            TermKind::Prefix => hay.starts_with(needle).then_some(0)?,
            TermKind::Suffix => hay.ends_with(needle).then(|| hay.len() - needle.len())?,
            TermKind::Equal => (hay == needle).then_some(0)?,
            _ => hay.find(needle)?,
        };
        let start = hay[..at].chars().count();
        let n = needle.chars().count();
        let boundary = hay[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let score = EXACT_PER_CHAR * n as i64 + if boundary { 8 } else { 0 };
        Some((score, if positions { (start..start + n).collect() } else { Vec::new() }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(q: &str, text: &str) -> Option<Vec<usize>> {
        let term = Term::parse(q).expect("a term");
        Matcher::default().score(&term, &Prepared::new(text), true).map(|(_, p)| p)
    }

    #[test]
    fn the_prefilter_rejects_only_impossible_matches() {
        assert_eq!(char_mask("Ab1"), char_mask("ba1"));
        assert!(hit("xq", "Peter DeSantis").is_none());
        assert!(hit("DESANTIS", "Peter DeSantis").is_none(), "smart case still applies after the prefilter");
        assert!(hit("kölner", "Kolner").is_some(), "non-ASCII characters are not filtered on");
    }

    #[test]
    fn fuzzy_positions_are_character_indices() {
        assert_eq!(hit("pds", "Peter DeSantis"), Some(vec![0, 6, 8]));
        assert_eq!(hit("kolner", "Kölner Stadt"), Some(vec![0, 1, 2, 3, 4, 5]));
    }

    #[test]
    fn smart_case() {
        assert!(hit("desantis", "Peter DeSantis").is_some());
        assert!(hit("Desantis", "Peter DeSantis").is_none());
    }

    #[test]
    fn exact_prefix_suffix_equal() {
        assert_eq!(hit("'santis", "Peter DeSantis"), Some((8..14).collect()));
        assert!(hit("'pds", "Peter DeSantis").is_none());
        assert!(hit("^pet", "Peter DeSantis").is_some());
        assert!(hit("^des", "Peter DeSantis").is_none());
        assert!(hit("tis$", "Peter DeSantis").is_some());
        assert!(hit("^nova$", "Nova").is_some());
        assert!(hit("^nova$", "Nova 2").is_none());
        assert!(hit("longer$", "long").is_none(), "regression: a suffix longer than the text underflowed");
    }
}
