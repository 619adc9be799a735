//! The tagger: finds the chunks of a document that can be names, and weighs each as a person,
//! an organisation or a product from its shape and the words around it.
//!
//! A chunk is a run of capitalised words, with initials ("Lina M. Khan"), hyphens and
//! apostrophes ("O'Brien", "Al-Masri"), connectors inside organisation names ("Department of
//! Health and Human Services", "Johnson & Johnson"), and model numbers ("Gaudi 3", "GPT-4o").
//! A chunk is then cut: words that open a sentence but are common words elsewhere in the
//! document ("Yesterday", "The"), titles before a person ("Health Secretary Maria Lopes" is
//! a person with a title cue), and connectors that join two names ("Microsoft and Google").
//! Everything is one pass over the text and a few fixed windows around each chunk.

use std::collections::HashSet;
use std::ops::Range;

use std::borrow::Cow;
use std::cell::Cell;

use super::lexicon::{class, Class};
use super::words::{listed, Low, Words, NOT_NAME_SET};
use crate::model::EntityKind;

/// How strongly the words around a name say it is a person, an organisation, or a product
/// of each kind.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) struct Evidence {
    pub person: i32,
    pub org: i32,
    pub chip: i32,
    pub model: i32,
    pub service: i32,
    /// The part of `org` that says a team named by its country ("Brazil beat Australia
    /// 2-0"): such a team is linked only near words of sport, not wherever the country is.
    pub team: i32,
}

impl Evidence {
    /// Evidence for each kind, strongest first.
    pub fn ranked(self) -> [(i32, EntityKind); 5] {
        let mut v = [
            (self.person, EntityKind::Person),
            (self.org, EntityKind::Org),
            (self.chip, EntityKind::Chip),
            (self.model, EntityKind::Model),
            (self.service, EntityKind::Service),
        ];
        v.sort_by_key(|(s, _)| std::cmp::Reverse(*s));
        v
    }

    /// Whether there is any.
    pub fn any(self) -> bool {
        self.ranked()[0].0 > 0
    }
}

impl std::ops::AddAssign for Evidence {
    fn add_assign(&mut self, o: Self) {
        self.person += o.person;
        self.org += o.org;
        self.chip += o.chip;
        self.model += o.model;
        self.service += o.service;
        self.team += o.team;
    }
}

/// One chunk and its evidence.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Weighed<'t> {
    /// The name as it will be shown: the text itself unless a line break is in it.
    pub name: Cow<'t, str>,
    /// Where it is.
    pub span: Range<usize>,
    /// What the words around it say.
    pub ev: Evidence,
    /// Whether a role follows it in apposition ("Jane Roe, project manager").
    pub role: bool,
    /// Shaped like a person's name but with no evidence yet: kept only while the chunks are
    /// read, for a list of people to lend it theirs ("Michael Feinstein, Lorne Michaels and
    /// Paul Simon").
    bare: bool,
    /// A model number with no evidence yet ("R1-0528"), kept for a list of products to lend
    /// it theirs ("three `DeepSeek` models (R1, R1-0528 and V3.1)").
    numbered: bool,
}

/// Sports, and the words of their names, before "team" in a team's name: "West Virginia
/// rifle team", "Kansas track and field team", "Spain national football team".
fn sport_word(w: &str) -> bool {
    matches!(
        w,
        "national"
            | "olympic"
            | "varsity"
            | "football"
            | "soccer"
            | "rugby"
            | "union"
            | "league"
            | "cricket"
            | "hockey"
            | "ice"
            | "field"
            | "basketball"
            | "wheelchair"
            | "baseball"
            | "softball"
            | "volleyball"
            | "beach"
            | "water"
            | "polo"
            | "lacrosse"
            | "tennis"
            | "golf"
            | "swimming"
            | "diving"
            | "track"
            | "and"
            | "cross"
            | "country"
            | "rifle"
            | "fencing"
            | "gymnastics"
            | "wrestling"
            | "rowing"
            | "sailing"
            | "cycling"
            | "ski"
            | "skiing"
            | "relay"
            | "netball"
            | "handball"
            | "bobsled"
            | "curling"
            | "athletics"
            | "badminton"
            | "squash"
            | "judo"
            | "boxing"
            | "esports"
            | "debate"
            | "chess"
            | "robotics"
    )
}

/// Heads of bodies named for what they work on: "Committee on Foreign Relations", "Task
/// Force on Intellectual Property" (not "Executive Order on AI").
fn heads_on(w: &str) -> bool {
    matches!(w, "Committee" | "Subcommittee" | "Commission" | "Council" | "Force" | "Caucus" | "Panel" | "Board")
}

/// Roles that, after a name and a comma, say it is a person's.
const ROLES: &[&str] = &[
    "manager",
    "engineer",
    "director",
    "minister",
    "secretary",
    "president",
    "professor",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "chairman",
    "chairwoman",
    "founder",
    "co-founder",
    "ceo",
    "cto",
    "cfo",
    "officer",
    "head",
    "leader",
    "scientist",
    "researcher",
    "analyst",
    "economist",
    "reporter",
    "correspondent",
    "editor",
    "administrator",
    "commissioner",
    "ambassador",
    "governor",
    "mayor",
    "senator",
    "coach",
    "captain",
    "astronaut",
    "lawyer",
    "attorney",
    "counsel",
    "adviser",
    "advisor",
    "lead",
    "chief",
    "executive",
];

/// The days of the week, as a name may be followed by one.
const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// Connectors that may stand inside a name.
const CONNECTORS: &[&str] = &[
    "of", "and", "&", "for", "de", "van", "von", "der", "den", "da", "del", "della", "di", "du", "la", "le", "bin",
    "ibn", "al", "el", "y", "the", "on",
];

/// A known given name (the exact spelling is in the first-names list).
const FIRST: u32 = 1 << 30;
/// The word's class has been looked up.
const LOOKED_UP: u32 = 1 << 31;

fn is_connector(w: &str) -> bool {
    CONNECTORS.contains(&w)
}

/// The connectors that stand inside a person's name: "Staffan de Mistura", "Vincent van Gogh".
fn name_particle(w: &str) -> bool {
    matches!(
        w,
        "de" | "van" | "von" | "der" | "den" | "da" | "del" | "della" | "di" | "du" | "la" | "le" | "bin" | "ibn"
    )
}

/// Whether a word is written as a common noun: in lower case, or an acronym ("GPU", `SoC`).
fn generic_noun(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_lowercase) || cs.next().is_some_and(char::is_uppercase)
}

/// A match's score: "2-0", "45–27".
fn is_score(w: &str) -> bool {
    w.split_once(['-', '\u{2013}']).is_some_and(|(x, y)| {
        let digits = |t: &str| (1..=2).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit());
        digits(x) && digits(y)
    })
}

/// A party and a state as written after a lawmaker's name: "D-CT", "R-Mo", "I-Vt".
fn party_tag(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    w.split_once('-').is_some_and(|(p, st)| {
        matches!(p, "D" | "R" | "I")
            && (2..=5).contains(&st.len())
            && st.starts_with(|c: char| c.is_ascii_uppercase())
            && st.chars().all(|c| c.is_ascii_alphabetic())
    })
}

/// A word's shape.
fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn all_caps(w: &str) -> bool {
    let mut letters = 0;
    for c in w.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

fn has_digit(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit())
}

fn is_number(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii_digit() || c == '.')
        && w.len() <= 4
        && w.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// An initial: `M`, or a single capital followed by a full stop in the text.
fn initial(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.next().is_none()
}

/// An Arabic surname written with its article in lower case: "al-Zarqawi", "el-Sisi".
fn particle_name(w: &str) -> bool {
    // Every particle is two or three letters and a hyphen: most words are out at once.
    let b = w.as_bytes();
    if !matches!(b, [_, _, b'-', ..] | [_, _, _, b'-', ..]) {
        return false;
    }
    ["al-", "el-", "ad-", "ash-", "as-", "at-", "az-", "ar-", "an-", "ud-", "ul-"]
        .iter()
        .any(|p| w.strip_prefix(p).is_some_and(|rest| rest.chars().next().is_some_and(char::is_uppercase)))
}

/// A word that can be part of a person's name: `Jassy`, `DeSantis`, `O'Brien`, `Al-Masri`,
/// `al-Zarqawi`, an initial, or the same in capitals (speaker labels).
pub(super) fn person_shaped(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    let w = if particle_name(w) { &w[w.find('-').map_or(0, |k| k + 1)..] } else { w };
    let mut cs = w.chars();
    let Some(first) = cs.next() else { return false };
    if !first.is_uppercase() {
        return false;
    }
    // Not glued words ("theCompany"): four lower-case letters, then a capital.
    let mut lower_run = 0;
    for c in cs {
        if !(c.is_alphabetic() || matches!(c, '\'' | '\u{2019}' | '-')) || (lower_run >= 4 && c.is_uppercase()) {
            return false;
        }
        lower_run = if c.is_lowercase() { lower_run + 1 } else { 0 };
    }
    true
}

/// The words of a text: letters and digits, with `'`, `’`, `-`, `&` and `.` inside a word
/// ("O'Brien", "GPT-4o", "AT&T", "U.S").
#[cfg(test)]
fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    words_into(text, &mut out);
    out
}

/// [`words`], into a buffer (emptied first).
fn words_into(text: &str, out: &mut Vec<Range<usize>>) {
    out.clear();
    let b = text.as_bytes();
    // Whether the character at byte `i` is a letter or digit; ASCII is not decoded.
    let alnum_at = |i: usize| match b.get(i) {
        Some(c) if c.is_ascii() => c.is_ascii_alphanumeric(),
        Some(_) => text.get(i..).and_then(|t| t.chars().next()).is_some_and(char::is_alphanumeric),
        None => false,
    };
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let (alnum, len, inner) = if c.is_ascii() {
            (c.is_ascii_alphanumeric(), 1, matches!(c, b'\'' | b'-' | b'&' | b'.'))
        } else {
            let ch = text.get(i..).and_then(|t| t.chars().next()).unwrap_or(' ');
            (ch.is_alphanumeric(), ch.len_utf8(), ch == '\u{2019}')
        };
        if alnum || (inner && start.is_some() && alnum_at(i + len)) {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push(without_possessive(text, s..i));
        }
        i += len;
    }
    if let Some(s) = start {
        out.push(without_possessive(text, s..b.len()));
    }
}

/// A word without its possessive `'s`: "AMD's" is "AMD" (and the gap after it is `'s `).
fn without_possessive(text: &str, r: Range<usize>) -> Range<usize> {
    let w = &text[r.clone()];
    for suffix in ["'s", "\u{2019}s"] {
        if w.len() > suffix.len() + 1 && w.ends_with(suffix) {
            return r.start..r.end - suffix.len();
        }
    }
    r
}

/// Whether the gap between two words lets a name go on: one space, a full stop after an
/// initial or abbreviation ("Lina M. Khan", "Dr. Fauci"), or one line break (names cut by a
/// line end) when `join_lines`.
fn joins(prev: &str, gap: &str, join_lines: bool) -> bool {
    match gap {
        " " | " & " => true,
        ". " => initial(prev) || class(prev).has(Class::ABBREVIATION),
        "\n" => join_lines,
        _ => false,
    }
}

/// Whether the text before `at` ends a sentence (or the text starts there).
fn sentence_start(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t', '"', '\u{201c}', '\'', '(', '[', '*', '#', '-', '•', '>']);
    before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':', '|', '\u{201d}'])
}

/// The tagger's view of one document.
pub(super) struct Tagger<'t> {
    text: &'t str,
    words: Vec<Range<usize>>,
    /// Words written in lower case somewhere in the document that also open a sentence or
    /// stand in capitals: such a capitalised word is a common word, not a name.
    lowercase: LowSet,
    /// The words' text, by index.
    strs: Vec<&'t str>,
    firsts: &'t Words<'t>,
    /// Each word's lists ([`Class`] bits, with [`FIRST`]), looked up the first time they
    /// are asked for.
    classes: Vec<Cell<u32>>,
    /// The names of a roster's lines, by position (see [`roster`]).
    roster: Vec<Range<usize>>,
    /// Kept for the next document (see [`Scratch`]).
    openers: LowSet,
}

/// The name on a line shaped like a roster's entry, if it is one: two to four capitalised
/// words, then a count or an asterisk ("Terry Coe 563", "Billy Talagi *").
pub(super) fn roster_entry(line: &str) -> Option<Range<usize>> {
    if line.len() > 80 {
        return None;
    }
    let body = line.trim_end();
    let marked = body.ends_with('*') || body.trim_end_matches('.').ends_with(|c: char| c.is_ascii_digit());
    if !marked {
        return None;
    }
    let name = body.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '*' | '.' | ' ' | '\t'));
    let start = name.len() - name.trim_start().len();
    let words: Vec<&str> = name.split_whitespace().collect();
    ((2..=4).contains(&words.len())
        && words.iter().all(|w| person_shaped(w) && !listed(&NOT_NAME_SET, w) && w.chars().nth(1).is_some()))
    .then_some(start..name.len())
}

/// The names of roster lines ("Krypton Okesene 578" under "Terry Coe 563"): when at least
/// three lines of a text have a roster's shape and two of them start with a known given name,
/// the others of that shape are people too.
fn roster(text: &str, firsts: &Words) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut named = 0;
    let mut at = 0;
    for line in text.split('\n') {
        if let Some(r) = roster_entry(line) {
            let first = line[r.clone()].split_whitespace().next().unwrap_or("");
            named += usize::from(firsts.contains(first));
            out.push(at + r.start..at + r.end);
        }
        at += line.len() + 1;
    }
    if out.len() >= 3 && named >= 2 {
        out
    } else {
        Vec::new()
    }
}

/// A set of lower-case words.
type LowSet = HashSet<Low, std::hash::BuildHasherDefault<super::words::Fnv>>;

/// The buffers of a [`Tagger`], handed from one document's tagger to the next on the same
/// thread ([`Tagger::with`], [`Tagger::into_scratch`]): they are as long as a document's
/// words, and allocating them afresh for every document while the corpus's text fills the
/// heap made the allocator a fifth of the load at 100,000 documents.
#[derive(Default)]
pub(super) struct Scratch<'t> {
    words: Vec<Range<usize>>,
    strs: Vec<&'t str>,
    classes: Vec<Cell<u32>>,
    openers: LowSet,
    lowercase: LowSet,
}

impl<'t> Tagger<'t> {
    #[cfg(test)]
    pub(super) fn new(text: &'t str, firsts: &'t Words<'t>) -> Self {
        Self::with(text, firsts, Scratch::default())
    }

    /// The tagger of `text`, in the buffers of `scratch`.
    pub(super) fn with(text: &'t str, firsts: &'t Words<'t>, scratch: Scratch<'t>) -> Self {
        let Scratch { mut words, mut strs, mut classes, mut openers, mut lowercase } = scratch;
        words_into(text, &mut words);
        // Only capitalised words that open a sentence are looked up: the set holds the lower
        // case forms of those that also occur in lower case.
        openers.clear();
        // So are those right before a product's noun ("a Public API"): a common word there is
        // no product's name.
        openers.extend(
            words
                .iter()
                .enumerate()
                .filter(|&(i, r)| {
                    text[r.start..].starts_with(|c: char| c.is_uppercase())
                        && (sentence_start(text, r.start)
                            || all_caps(&text[r.clone()])
                            || words.get(i + 1).is_some_and(|n| {
                                // The nouns are 3 to 12 letters and start with one of these.
                                let w = &text[n.clone()];
                                (3..=12).contains(&w.len())
                                    && b"cgpaslmtbhCGPASLMTBH".contains(&w.as_bytes()[0])
                                    && generic_noun(w)
                                    && class(w).0 & Class::PRODUCT != 0
                            }))
                })
                .map(|(_, r)| Low::of(&text[r.clone()]))
                .filter(|l| l.len > 0),
        );
        // Most lower-case words share no length and first letter with an opener: a bit per
        // (length, first letter) of the openers rejects them before they are hashed.
        let mut shapes = [0u64; 33];
        for l in &openers {
            shapes[usize::from(l.len)] |= 1 << (l.as_bytes()[0] & 63);
        }
        lowercase.clear();
        lowercase.extend(
            words
                .iter()
                .map(|r| &text[r.clone()])
                .filter(|w| {
                    let b = w.trim_end_matches('.').as_bytes();
                    b.first().is_some_and(u8::is_ascii_lowercase)
                        && b.len() < shapes.len()
                        && shapes[b.len()] & (1 << (b[0] & 63)) != 0
                })
                .map(Low::of)
                .filter(|l| l.len > 0 && openers.contains(l)),
        );
        strs.clear();
        strs.extend(words.iter().map(|r| &text[r.clone()]));
        let roster = roster(text, firsts);
        classes.clear();
        classes.resize(words.len(), Cell::new(0));
        Self { text, words, lowercase, strs, firsts, classes, roster, openers }
    }

    /// The buffers, for the next document's tagger.
    pub(super) fn into_scratch(self) -> Scratch<'t> {
        let Self { words, strs, classes, openers, lowercase, .. } = self;
        Scratch { words, strs, classes, openers, lowercase }
    }

    /// Whether word `k` is on the list `bit` ([`Class`] bits, or [`FIRST`]); false past the
    /// end.
    fn is(&self, k: usize, bit: u32) -> bool {
        let Some(cell) = self.classes.get(k) else { return false };
        let mut c = cell.get();
        if c & LOOKED_UP == 0 {
            let w = self.strs[k];
            c = class(w).0 | LOOKED_UP | if self.firsts.contains(w) { FIRST } else { 0 };
            cell.set(c);
        }
        c & bit != 0
    }

    /// The product kind word `k` gives a name next to it ("the Gaudi 3 accelerator", "H100
    /// GPUs"): a product noun in lower case, or an acronym ("GPU", `SoC`); a capitalised noun
    /// is part of a name ("Perforce Software", "Boost Software License").
    fn product_cue_at(&self, k: usize) -> Option<&'static str> {
        // In capitals, only an acronym: "GPU", not "CHIPS" (the CHIPS Act).
        let w = self.strs.get(k).copied().unwrap_or("");
        if !self.is(k, Class::PRODUCT) || !generic_noun(w) || (all_caps(w) && w.chars().count() > 4) {
            return None;
        }
        [(Class::CHIP, "chip"), (Class::MODEL, "model"), (Class::SERVICE, "service")]
            .into_iter()
            .find_map(|(bit, kind)| self.is(k, bit).then_some(kind))
    }

    /// Whether a role ("manager", "Minister") is among the four words from `k` on, in the
    /// same clause.
    fn role_follows(&self, k: usize) -> bool {
        for i in k..(k + 4).min(self.words.len()) {
            if i > k && self.text[self.words[i - 1].end..self.words[i].start].contains([',', '.', ';', ':', '\n', '('])
            {
                return false;
            }
            if ROLES.contains(&&*Low::of(self.w(i))) {
                return true;
            }
        }
        false
    }

    /// Whether word `a` is one of the names a plural title introduces: "Senators Durbin,
    /// Grassley, Klobuchar, and Lee", "Justices Scalia and Thomas" (at most ten names back).
    fn after_plural_title(&self, a: usize) -> bool {
        let title = |w: &str| {
            matches!(
                w.trim_end_matches('.'),
                "Senators"
                    | "Sens"
                    | "Representatives"
                    | "Reps"
                    | "Justices"
                    | "Judges"
                    | "Commissioners"
                    | "Secretaries"
                    | "Governors"
                    | "Govs"
                    | "Drs"
                    | "Messrs"
                    | "Congressmen"
                    | "Congresswomen"
                    | "Ministers"
                    | "Councilmembers"
                    | "Councilors"
                    | "Councillors"
                    | "Aldermen"
                    | "Trustees"
            )
        };
        let mut k = a;
        for _ in 0..20 {
            let Some(p) = k.checked_sub(1) else { return false };
            let gap = &self.text[self.words[p].end..self.words[k].start];
            let at_and = self.w(k) == "and";
            if !at_and && gap == " " && self.w(p) == "and" {
                k = p; // "… and Lee"
            } else if !at_and && gap == " " && title(self.w(p)) {
                return true; // "Senators Durbin"
            } else if !at_and && gap == " " && capitalised(self.w(p)) && capitalised(self.w(k)) {
                k = p; // a name of two words in the list: "Councilmembers Daysog, Ezzy Ashcraft, Oddie"
            } else if (gap == ", " || (at_and && gap == " ")) && capitalised(self.w(p)) && !title(self.w(p)) {
                k = p; // "Durbin, Grassley", "Scalia and"
            } else {
                return false;
            }
        }
        false
    }

    /// Whether word `a` is a country named for its team: a match verb beside it and a score
    /// in the sentence ("Brazil beat Australia 2-0", "Argentina defeated Wales 45-27").
    fn team_at(&self, a: usize) -> bool {
        // The words beside it first, as written: most capitalised words have neither.
        let next = self.strs.get(a + 1).copied().unwrap_or("");
        let prev = a.checked_sub(1).map_or("", |k| self.strs[k]);
        (matches!(
            next,
            "beat"
                | "beats"
                | "defeated"
                | "defeats"
                | "drew"
                | "edged"
                | "thrashed"
                | "routed"
                | "overcame"
                | "trounced"
        ) || matches!(prev, "against" | "beat" | "defeated" | "over" | "vs" | "v"))
            && capitalised(self.w(a))
            && self.is(a, Class::PLACE)
            && self.score_near(self.words[a].clone())
    }

    /// Whether words `a..b` are a team named by its nickname: "the" before a plural in
    /// capitals, with a word of sport near it ("home of the Jets and the Giants", "a pair of
    /// teams here today -- the Tar Heels", "the Springboks won").
    fn nicknamed_team(&self, a: usize, b: usize) -> bool {
        let last = self.w(b - 1);
        let plural = last.len() >= 4
            && last.bytes().all(|c| c.is_ascii_alphabetic())
            && last.ends_with('s')
            && !(last.ends_with("ss") || last.ends_with("us") || last.ends_with("is"))
            && !matches!(
                last,
                "Olympics"
                    | "Paralympics"
                    | "Games"
                    | "Finals"
                    | "Championships"
                    | "Nationals"
                    | "Masters"
                    | "Affairs"
                    | "Sciences"
                    | "Studies"
                    | "Services"
                    | "Relations"
                    | "Islands"
                    | "Alps"
                    | "Andes"
                    | "Rockies"
            );
        // Not a name before a noun or "of": "the Pygments team", "the Regents of the University".
        // (Tested last but one: most chunks fail the cheap tests before.)
        let noun_after = || {
            self.strs
                .get(b)
                .is_some_and(|w| w.starts_with(|c: char| c.is_lowercase()) && (*w == "of" || !is_connector(w)))
                && !self.function_word(b)
                && &self.text[self.words[b - 1].end..self.words[b].start] == " "
        };
        b - a <= 2
            && plural
            && a > 0
            && self.w(a - 1) == "the"
            && &self.text[self.words[a - 1].end..self.words[a].start] == " "
            && (a..b)
                .all(|k| capitalised(self.w(k)) && !all_caps(self.w(k)) && !self.is(k, Class::PLACE | Class::NOT_NAME))
            && !noun_after()
            && self.sport_near(self.words[a].start..self.words[b - 1].end)
    }

    /// Whether a word of sport stands within 150 bytes of `span`.
    fn sport_near(&self, span: Range<usize>) -> bool {
        let lo = self.text.floor_char_boundary(span.start.saturating_sub(150));
        let hi = self.text.ceil_char_boundary((span.end + 150).min(self.text.len()));
        let around = [&self.text[lo..span.start], &self.text[span.end..hi]];
        around.iter().flat_map(|t| t.split(|c: char| !c.is_ascii_alphabetic())).any(|w| {
            matches!(
                &*Low::of(w),
                "team"
                    | "teams"
                    | "coach"
                    | "season"
                    | "league"
                    | "playoff"
                    | "playoffs"
                    | "championship"
                    | "stadium"
                    | "scored"
                    | "quarterback"
                    | "tournament"
                    | "squad"
                    | "rugby"
                    | "soccer"
                    | "basketball"
                    | "baseball"
                    | "hockey"
                    | "football"
            )
        })
    }

    /// Whether a match's score ("2-0", "31–12") stands within the sentence around `span`
    /// (at most 120 bytes each way).
    fn score_near(&self, span: Range<usize>) -> bool {
        let lo = self.text.floor_char_boundary(span.start.saturating_sub(120));
        let hi = self.text.ceil_char_boundary((span.end + 120).min(self.text.len()));
        let before = self.text[lo..span.start].rsplit(['.', '\n', ';']).next().unwrap_or("");
        let after = self.text[span.end..hi].split(['.', '\n', ';']).next().unwrap_or("");
        [before, after].iter().any(|t| {
            let b = t.as_bytes();
            (0..b.len()).any(|i| {
                let digits = |from: usize, step_back: bool| {
                    let mut k = 0;
                    while k < 3 {
                        let j = if step_back { from.checked_sub(k + 1) } else { Some(from + k) };
                        match j.and_then(|j| b.get(j)) {
                            Some(c) if c.is_ascii_digit() => k += 1,
                            _ => break,
                        }
                    }
                    k
                };
                let dash = if b[i] == b'-' {
                    1
                } else if b[i..].starts_with("\u{2013}".as_bytes()) {
                    3
                } else {
                    0
                };
                dash > 0 && (1..=2).contains(&digits(i, true)) && (1..=2).contains(&digits(i + dash, false))
            })
        })
    }

    /// Whether the document also writes this word in lower case.
    fn is_lowercase_word(&self, w: &str) -> bool {
        let l = Low::of(w);
        l.len > 0 && self.lowercase.contains(&l)
    }

    fn w(&self, i: usize) -> &'t str {
        self.strs[i]
    }

    /// Whether word `k` is a preposition, conjunction or verb written with a capital, as
    /// headlines do ("Regarding", "With"): it ends a name. An acronym ("WHO") is not one.
    fn function_word(&self, k: usize) -> bool {
        self.is(k, Class::FUNCTION_WORD) && !all_caps(self.w(k))
    }

    /// Whether the line that ends at `end` is a short heading: a letterhead line, not a line
    /// of wrapped prose or of a caption ("both Will" over "Ferrell"), so a name does not go
    /// on past its end ("The White House" above "Office of the Press Secretary").
    fn short_line_ends(&self, end: usize) -> bool {
        const WRAPPED: usize = 40;
        let from = end.saturating_sub(WRAPPED);
        let from = (from..end).find(|&k| self.text.is_char_boundary(k)).unwrap_or(end);
        let Some(line) =
            self.text[from..end].rsplit('\n').next().filter(|_| from == 0 || self.text[from..end].contains('\n'))
        else {
            return false;
        };
        line.split_whitespace().all(|w| !w.starts_with(char::is_lowercase) || is_connector(w))
    }

    /// Whether word `j` is an organisation's head after a role's possessive: "U.S. Attorney's
    /// Office", "Sheriff's Office", "Children's Hospital" (not "Microsoft's Office").
    fn office_of_role(&self, j: usize, gap: &str) -> bool {
        matches!(gap, "'s " | "\u{2019}s ")
            && (self.is(j - 1, Class::TITLE)
                || matches!(self.w(j - 1), "Children" | "Women" | "People" | "Sheriff" | "Attorney" | "Prosecutor"))
            && self.is(j, Class::ORG_OF | Class::ORG_HEAD)
    }

    /// The end of a team named by its school, town or country and its sport, after a run
    /// of capitalised words ending before word `j`: "West Virginia rifle team", "Minnesota
    /// women's hockey team", "Spain national football team", "Kansas track and field team".
    fn team_after(&self, j: usize) -> Option<usize> {
        // (A possessive is not part of its word: "women" then "'s ".)
        let gap = |i: usize| &self.text[self.words[i - 1].end..self.words[i].start];
        let mut k = j;
        if self.strs.get(k).is_some_and(|w| matches!(*w, "women" | "men" | "girls" | "boys"))
            && k + 1 < self.words.len()
            && matches!(gap(k + 1), "'s " | "\u{2019}s " | "' " | "\u{2019} ")
        {
            k += 1;
        }
        let sport_from = k;
        while k < self.words.len() && k - sport_from < 5 && sport_word(self.w(k)) {
            k += 1;
        }
        let spaced = j > 0 && k < self.words.len() && (j..=k).all(|i| (i == sport_from && i > j) || gap(i) == " ");
        (k > sport_from
            && self.strs.get(k).is_some_and(|w| matches!(*w, "team" | "squad"))
            && spaced
            && self.w(k - 1) != "and")
            .then(|| self.words[k].end)
    }

    /// Names a team whose capitalised words are `a..b` and whose name ends at byte `end`:
    /// the run is cut as any other, and its last part (a place, a school) with the sport
    /// after it is the team's name.
    fn name_team(&self, a: usize, b: usize, end: usize, out: &mut Vec<Weighed<'t>>) {
        // Of two teams listed ("Burkina Faso and Slovakia national football team") the
        // sport names the last; the others are cut as any run.
        let a = match (a..b).rev().find(|&k| self.w(k) == "and") {
            Some(k) if k + 1 < b => {
                self.cut(a, k, out);
                k + 1
            }
            _ => a,
        };
        let before = out.len();
        self.cut(a, b, out);
        let start = match out.last() {
            Some(x) if out.len() > before && x.span.end == self.words[b - 1].end => {
                let start = x.span.start;
                out.pop();
                start
            }
            _ => {
                // A place alone is not weighed: the team starts after the common words.
                let Some(k) = (a..b)
                    .find(|&k| !self.is(k, Class::NOT_NAME) && !self.function_word(k) && !is_connector(self.w(k)))
                else {
                    return;
                };
                self.words[k].start
            }
        };
        let text = &self.text[start..end];
        if text.contains('\n') {
            return;
        }
        let ev = Evidence { org: 3, ..Evidence::default() };
        out.push(Weighed { name: Cow::Borrowed(text), span: start..end, ev, ..Weighed::default() });
    }

    /// Where a name goes on after a nickname in double quotes that starts at word `j`, between
    /// two words of a person's name: `Garrick "Gary" Johnson` (the nickname and the surname).
    fn nickname_at(&self, j: usize) -> Option<usize> {
        let gap = |k: usize| &self.text[self.words[k - 1].end..self.words[k].start];
        let name = |k: usize| capitalised(self.w(k)) && person_shaped(self.w(k));
        (j >= 1
            && j + 1 < self.words.len()
            && (matches!(gap(j), " \"" | " \u{201c}")
                || (matches!(gap(j), ". \"" | ". \u{201c}") && initial(self.w(j - 1))))
            && matches!(gap(j + 1), "\" " | "\u{201d} ")
            && name(j - 1)
            && name(j)
            && name(j + 1))
        .then_some(j + 2)
    }

    /// Every chunk in the text, weighed.
    pub(super) fn chunks(&self, join_lines: bool) -> Vec<Weighed<'t>> {
        let mut out = Vec::new();
        let n = self.words.len();
        let mut i = 0;
        while i < n {
            let w = self.w(i);
            if !capitalised(w) || self.function_word(i) {
                i += 1;
                continue;
            }
            // Extend: capitalised words, numbers after a name, connectors followed by a
            // capitalised word.
            let mut j = i + 1;
            while j < n {
                // A nickname in quotes inside a name: `Garrick "Gary" Johnson`, `J. "Bob" Balaram`.
                if let Some(next) = self.nickname_at(j) {
                    j = next;
                    continue;
                }
                let gap = &self.text[self.words[j - 1].end..self.words[j].start];
                if !(joins(self.w(j - 1), gap, join_lines) || self.office_of_role(j, gap))
                    || (gap == "\n" && (has_digit(self.w(j - 1)) || self.short_line_ends(self.words[j - 1].end)))
                {
                    break;
                }
                let wj = self.w(j);
                if self.product_cue_at(j).is_some() {
                    break;
                }
                if self.function_word(j) {
                    break;
                }
                if capitalised(wj)
                    || is_number(wj)
                    || (has_digit(wj) && wj.len() <= 6 && !is_score(wj))
                    || particle_name(wj)
                {
                    j += 1;
                } else if is_connector(wj) && j + 1 < n && capitalised(self.w(j + 1)) {
                    let gap2 = &self.text[self.words[j].end..self.words[j + 1].start];
                    if gap2 != " " {
                        break;
                    }
                    j += 2;
                } else if matches!(wj, "of" | "for")
                    && j + 2 < n
                    && self.w(j + 1) == "the"
                    && capitalised(self.w(j + 2))
                    && self.is(j - 1, Class::ORG_OF)
                    && &self.text[self.words[j].end..self.words[j + 2].start] == " the "
                {
                    // "National Endowment for the Arts", "Bank of the West".
                    j += 3;
                } else {
                    break;
                }
            }
            if let Some(end) = self.team_after(j) {
                self.name_team(i, j, end, &mut out);
            } else {
                self.cut(i, j, &mut out);
            }
            i = j;
        }
        self.lend_to_lists(&mut out);
        out
    }

    /// Names listed with people are people: in "Michael Feinstein, Lorne Michaels and Paul
    /// Simon" the name with no evidence of its own takes the others'. A list is names joined
    /// by ", ", " and " or ", and ", one join at least an "and" (a comma alone is as often an
    /// apposition: "Cary O'Dell, Boards Assistant"); it lends only when every name in it with
    /// evidence is a person's. The names still without evidence are dropped.
    fn lend_to_lists(&self, out: &mut Vec<Weighed<'t>>) {
        // A short remark in brackets may follow a name: "Cesar Palacio (incumbent), ".
        let joined = |x: &Weighed, y: &Weighed| {
            x.span.end <= y.span.start && {
                let gap = &self.text[x.span.end..y.span.start];
                let gap = match gap.strip_prefix(" (").and_then(|g| g.split_once(')')) {
                    Some((inside, rest)) if inside.len() <= 30 && !inside.contains('(') => rest,
                    _ => gap,
                };
                // A line end in a wrapped list is a space: "(R1, R1-0528\nand V3.1)".
                let is = |want: &str| {
                    gap.len() == want.len()
                        && gap.bytes().zip(want.bytes()).all(|(g, w)| g == w || (g == b'\n' && w == b' '))
                };
                [", ", " and ", ", and "].into_iter().any(is)
            }
        };
        let mut start = 0;
        while start < out.len() {
            let mut end = start + 1;
            while end < out.len() && joined(&out[end - 1], &out[end]) {
                end += 1;
            }
            let list = &out[start..end];
            let and = list.windows(2).any(|p| {
                let gap = &self.text[p[0].span.end..p[1].span.start];
                gap.ends_with("and ") || gap.ends_with("and\n")
            });
            let person = |x: &Weighed| x.ev.person >= 2 && x.ev.person > x.ev.org;
            // A name with no evidence, or only a weak cue for a person (a frequent surname).
            let weak = |x: &Weighed| {
                x.bare || (x.ev.person == 1 && x.ev.org == 0 && x.ev.chip + x.ev.model + x.ev.service == 0)
            };
            let people = list.iter().filter(|x| person(x)).count();
            let others = list.iter().filter(|x| !weak(x) && !person(x) && !x.numbered).count();
            // Not a town before its state ("Palo Alto, CA"), nor four names or more with no
            // initial between, as partners name a firm ("Wilson Sonsini Goodrich Rosati").
            let lendable = |x: &Weighed| {
                let after = &self.text.as_bytes()[x.span.end..];
                let state = after.len() >= 4
                    && after.starts_with(b", ")
                    && after[2].is_ascii_uppercase()
                    && after[3].is_ascii_uppercase()
                    && after.get(4).is_none_or(|b| !b.is_ascii_alphanumeric());
                let words = self.text[x.span.clone()].split_whitespace();
                let initial = words.clone().any(|w| initial(w.trim_end_matches('.')));
                !state && (words.count() <= 3 || initial)
            };
            if end - start >= 2 && and && people > 0 && others == 0 {
                for x in &mut out[start..end] {
                    if weak(x) && lendable(x) {
                        x.ev.person += 2;
                        x.bare = false;
                    }
                }
            }
            // Model numbers listed with a product are products of its kind.
            let list = &out[start..end];
            let numbered = end - start >= 2 && list.iter().any(|x| x.numbered);
            let product =
                list.iter().filter(|_| numbered).find(|x| x.ev.ranked()[0].1.is_portfolio() && x.ev.ranked()[0].0 >= 2);
            if let Some(kind) = product.map(|x| x.ev.ranked()[0].1) {
                if list.iter().all(|x| x.numbered || x.ev.ranked()[0].1.is_portfolio()) {
                    for x in &mut out[start..end] {
                        if x.numbered {
                            match kind {
                                EntityKind::Chip => x.ev.chip += 2,
                                EntityKind::Model => x.ev.model += 2,
                                _ => x.ev.service += 2,
                            }
                        }
                    }
                }
            }
            start = end;
        }
        out.retain(|x| !x.bare && (!x.numbered || x.ev.any()));
    }

    /// Cuts the chunk of words `a..b` into names and weighs each.
    fn cut(&self, mut a: usize, mut b: usize, out: &mut Vec<Weighed<'t>>) {
        // A count after a name at the end of a line is not part of it: "Terry Coe 563".
        if b - a >= 3
            && is_number(self.w(b - 1))
            && {
                let rest = self.text[self.words[b - 1].end..].trim_start_matches([' ', '.', '*', '\t']);
                rest.is_empty() || rest.starts_with(['\n', '\r'])
            }
            && (a..b - 1).all(|k| person_shaped(self.w(k)))
        {
            b -= 1;
        }
        // Common words opening a sentence ("The", "Yesterday", "However"); not "New" or
        // "South" in a place's name ("New York Field Office").
        while a < b
            && ((self.is(a, Class::NOT_NAME) && !(self.is(a, Class::DIRECTION) && self.is(a + 1, Class::PLACE)))
                || is_number(self.w(a))
                || (sentence_start(self.text, self.words[a].start)
                    && !self.is(a, FIRST)
                    && self.is_lowercase_word(self.w(a))
                    // A roster's name ("Organ Viliko 66") whatever the rest of the text says.
                    && self.roster.binary_search_by(|r| r.start.cmp(&self.words[a].start)).is_err()))
        {
            a += 1;
        }
        // An imperative or a verb before "the" opens a sentence, not a name: "Contact the
        // Office of Public Affairs", "Visit the White House" (not "Alexander the Great").
        if b - a >= 3 && self.w(a + 1) == "the" && !self.is(a, FIRST) && sentence_start(self.text, self.words[a].start)
        {
            a += 2;
        }
        // An adjective made with a hyphen: "UN-backed War Crimes Court", "Texas-based Dell".
        // Not a given name: "Jean-loup Gailly".
        let adjective = |w: &str| {
            w.rsplit_once('-').is_some_and(|(_, t)| {
                t.starts_with(|c: char| c.is_lowercase())
                    && (t.ends_with("ed") || matches!(t, "led" | "run" | "born" | "wide" | "owned" | "speaking"))
            })
        };
        while a < b && adjective(self.w(a)) {
            a += 1;
        }
        while a < b && is_connector(self.w(a)) {
            a += 1;
        }
        // A day after a name, and a connector left at the end: "Nicolas Sarkozy Monday",
        // "Bureau of Near Eastern Affairs on Tuesday".
        loop {
            while b > a && is_connector(self.w(b - 1)) {
                b -= 1;
            }
            if b > a + 1 && WEEKDAYS.contains(&self.w(b - 1)) {
                b -= 1;
            } else {
                break;
            }
        }
        if a >= b {
            return;
        }
        // A nationality before a name: "The Jamaican Usain Bolt", "American Tyson Gay".
        let mut nationality = false;
        // Not before an organisation: "Oregon State University", "Florida Power & Light".
        if b - a >= 3
            && self.is(a, Class::PLACE)
            && (a + 1..b).all(|k| person_shaped(self.w(k)) && !self.is(k, Class::ORG_HEAD))
            && !self.text[self.words[a].start..self.words[b - 1].end].contains(" & ")
        {
            a += 1;
            nationality = true;
        }
        // A name starts at a given name: "Veteran Peter DeSantis" is "Peter DeSantis" (unless
        // the words are an organisation's: "Johns Hopkins University").
        let ends_org = self.is(b - 1, Class::ORG_HEAD);
        if !ends_org && !self.is(a, FIRST) {
            if let Some(k) = (a + 1..b).find(|&k| self.is(k, FIRST)) {
                // Not a saint's name, which names a place: "Saint Louis Athletica".
                let saint = matches!(self.w(k - 1).trim_end_matches('.'), "Saint" | "St" | "San" | "Santa" | "Sainte");
                // Nor a given name that is a nickname: `Garrick "Gary" Johnson`.
                let nickname = self.text[self.words[a].end..self.words[k].start].contains(['"', '\u{201c}']);
                if b - k >= 2 && !saint && !nickname && (a..k).all(|i| !is_connector(self.w(i))) {
                    a = k;
                }
            }
        }
        let lw = &self.strs[a..b];
        // An organisation named with connectors stays whole.
        // "Bureau of Investigation", "University of Tokyo": an organisation's head before "of".
        let head_of = lw
            .iter()
            .position(|w| matches!(*w, "of" | "for" | "on"))
            .is_some_and(|k| k > 0 && self.is(a + k - 1, Class::ORG_OF) && (lw[k] != "on" || heads_on(lw[k - 1])));
        let only_and = lw.iter().all(|w| !is_connector(w) || *w == "and" || *w == "&");
        // Two people joined by "&" are not a firm: "Landon Curt Noll & Ronald S. Karr".
        let gap_before = |k: usize| &self.text[self.words[k - 1].end..self.words[k].start];
        // (The run's own tests are made once, not per "&": a run of many is linear.)
        let two_people = self.is(a, FIRST)
            && lw.iter().all(|w| person_shaped(w))
            && (a + 2..b.saturating_sub(1)).any(|k| gap_before(k) == " & " && self.is(k, FIRST));
        // A person's name with a particle stays whole, titles before it aside: "(Special Envoy)
        // Staffan de Mistura".
        let name_from = (a..b).rev().find(|&k| self.is(k, Class::TITLE)).map_or(a, |k| k + 1);
        let pw = &self.strs[name_from..b];
        let particle_person = (3..=5).contains(&pw.len())
            && !self.is(name_from, Class::PLACE)
            && !self.is(b - 1, Class::PLACE | Class::ORG_HEAD)
            && person_shaped(pw[0])
            && pw.last().is_some_and(|w| person_shaped(w))
            && pw.iter().any(|w| name_particle(w))
            && pw.iter().all(|w| name_particle(w) || (person_shaped(w) && !is_connector(w)));
        let org_whole = head_of
            || (self.is(b - 1, Class::ORG_HEAD) && only_and)
            || (self.text[self.words[a].start..self.words[b - 1].end].contains(" & ") && !two_people);
        // Headlines and listings in capitals.
        if (a..b).filter(|&k| all_caps(self.w(k))).count() > 3 {
            return;
        }
        // A run too long to be one name is cut at its connectors and line ends (and two people
        // at their "&"), and each part is cut again ("Deputy Assistant Secretary of State for
        // Western Hemisphere Affairs John Creamer"; a list of authors, one a line); a part
        // still too long is not a name. Every part is shorter than the run, so this ends.
        // A court or office named with its district is one name however long: "U.S. District
        // Court for the Southern District of New York", "U.S. Attorney's Office for the
        // Eastern District of Virginia".
        let district = head_of
            && b - a <= 14
            && (a + 1..b.saturating_sub(2)).any(|k| {
                self.w(k) == "District"
                    && self.w(k + 1) == "of"
                    && b - (k + 2) <= 3
                    && (k + 2..b).all(|i| capitalised(self.w(i)))
                    && (a..k).any(|i| matches!(self.w(i), "Court" | "Office" | "Attorney's" | "Attorney\u{2019}s"))
            });
        let long = b - a > 8 && !district;
        // A line that ends with an organisation's head, a short line that is only the run (a
        // byline: "John Kirby" over "Daily Press Briefing"; not a caption's "both Will" over
        // "Ferrell and Amy Poehler"), or a label on the next line ("Time:") ends the name there.
        let starts_line = self.text[..self.words[a].start].ends_with('\n') || self.words[a].start == 0;
        let line_ends_name = |k: usize| {
            gap_before(k).contains('\n')
                && !is_connector(self.w(k))
                && (self.is(k - 1, Class::ORG_HEAD)
                    || self.text[self.words[k].end..].starts_with(':')
                    || (starts_line
                        && self.words[k - 1].end - self.words[a].start < 40
                        && !self.text[self.words[a].start..self.words[k - 1].end].contains('\n')))
        };
        // Not at a particle between two words of a person's name ("Staffan de Mistura and
        // Charles de Gaulle" is cut at "and" only).
        let particle_at = |k: usize| {
            name_particle(self.w(k))
                && k > a
                && k + 1 < b
                && person_shaped(self.w(k - 1))
                && person_shaped(self.w(k + 1))
                && !self.is(k + 1, Class::PLACE | Class::ORG_HEAD)
        };
        // Two organisations joined by "and": "Lionsgate Films and Twisted Pictures" (not
        // "Department of Health and Human Services": "Health" heads nothing; nor "F & M Bank
        // and Trust Company": a head right after "and" goes on the same name).
        let two_orgs = |k: usize| {
            self.w(k) == "and"
                && k >= a + 2
                && self.is(k - 1, Class::ORG_HEAD)
                // A head that also describes ("Computer Systems and Communication Lab").
                && !matches!(
                    &*Low::of(self.w(k - 1)),
                    "systems" | "services" | "solutions" | "technologies" | "communications" | "research" | "sciences"
                        | "energy" | "electronics" | "software" | "industries" | "media" | "networks" | "security"
                )
                && !self.is(k + 1, Class::ORG_HEAD)
                && self.is(b - 1, Class::ORG_HEAD)
        };
        // A "The" inside a run starts another name: "Western Australia The Australian Bureau
        // of Meteorology".
        let inner_the = |k: usize| k > a && self.w(k) == "The";
        // The first cut is at those two (each part is cut again); else at connectors, line
        // ends and "&" between two people.
        let first_cut = (a..b).any(|k| inner_the(k) || two_orgs(k));
        let split_at = |k: usize| {
            if first_cut {
                return inner_the(k) || two_orgs(k);
            }
            (is_connector(self.w(k)) && !particle_at(k))
                || (k > a
                    && ((long && gap_before(k).contains('\n'))
                        || (two_people && gap_before(k) == " & ")
                        || line_ends_name(k)))
        };
        if (long || two_people || first_cut || !(org_whole || particle_person)) && (a..b).any(split_at) {
            let mut start = a;
            for k in a..b {
                if split_at(k) {
                    if k > start {
                        self.cut(start, k, out);
                    }
                    start = if is_connector(self.w(k)) { k + 1 } else { k };
                }
            }
            if start < b {
                self.cut(start, b, out);
            }
            return;
        }
        if long {
            return;
        }
        if nationality {
            // "Australian Olympian Steph Rice": a title after the nationality is cut as any.
            if self.is(a, Class::TITLE) {
                self.weigh_titled(a, b, out);
            } else {
                self.weigh(a, b, 2, out);
            }
            return;
        }
        if org_whole {
            if self.titled_person_before_org(a, b, out) {
                return;
            }
            // Titles in front of an organisation: "Secretary Comerica Bank". A place stays: it
            // is part of the name more often than not ("California Institute of Technology",
            // "New York Field Office", "Oregon State University").
            // ("U.S." and "UK" are titles before a person, part of an organisation's name.)
            let mut a = a;
            while b - a > 2 && self.is(a, Class::TITLE) && !all_caps(self.w(a)) {
                a += 1;
            }
            self.weigh_titled(a, b, out);
            return;
        }
        self.weigh_titled(a, b, out);
    }

    /// A titled person before an organisation, as a heading writes them: "Commissioner Julie
    /// Brill Federal Trade Commission". Weighs both and says so, or does nothing.
    fn titled_person_before_org(&self, a: usize, b: usize, out: &mut Vec<Weighed<'t>>) -> bool {
        let lw = &self.strs[a..b];
        if lw.len() < 5 || !self.is(a, Class::TITLE) || !self.is(a + 1, FIRST) {
            return false;
        }
        let m = if initial(lw[2].trim_end_matches('.')) { 4 } else { 3 };
        if lw.len() - m < 2 || !(1..m).all(|k| person_shaped(lw[k]) && !self.is(a + k, Class::ORG_HEAD)) {
            return false;
        }
        let strong = self.is(a, Class::HONORIFIC);
        self.weigh(a + 1, a + m, if strong { 3 } else { 2 }, out);
        self.weigh(a + m, b, 0, out);
        true
    }

    /// "Parliament of France", "University of Tokyo", "Supreme Court of the United States",
    /// "District Court for the Southern District of New York": an organisation's head, "of"
    /// or "for", and capitalised words to a place.
    fn head_of_place(&self, a: usize, b: usize) -> bool {
        b >= a + 3
            && self.is(b - 1, Class::PLACE)
            && self.strs[a..b].iter().position(|w| *w == "of" || *w == "for").is_some_and(|k| {
                k > 0
                    && self.is(a + k - 1, Class::ORG_OF | Class::ORG_HEAD)
                    && (a + k + 1..b).all(|i| matches!(self.w(i), "the" | "of") || capitalised(self.w(i)))
            })
    }

    /// Cuts titles off the front of a person's name, then weighs what is left.
    fn weigh_titled(&self, a: usize, b: usize, out: &mut Vec<Weighed<'t>>) {
        let lw = &self.strs[a..b];
        let title = |k: usize| self.is(a + k, Class::TITLE);
        // A title is cut off unless the name after it is an organisation's: it ends with a
        // head, or a head that is no title goes on with "of" or "for" and no title follows
        // ("U.S. District Court for the District of Columbia"; not "Department of Energy
        // Secretary Jennifer Granholm").
        let head_of = || {
            lw.iter().position(|w| *w == "of" || *w == "for").is_some_and(|k| {
                k > 1
                    && self.is(a + k - 1, Class::ORG_OF)
                    && !title(k - 1)
                    && (k + 1..lw.len()).all(|i| !title(i) && (matches!(lw[i], "the" | "of") || capitalised(lw[i])))
            })
        };
        let ends_org = b > a && (self.is(b - 1, Class::ORG_HEAD) || head_of());
        if ends_org && self.titled_person_before_org(a, b, out) {
            return;
        }
        if !ends_org {
            if let Some(k) = (0..lw.len()).rposition(title) {
                if k + 1 < lw.len() {
                    // The title run: back from k over title words; a run after a connector
                    // gives its first word back ("Department of Energy Secretary").
                    let mut j = k;
                    while j > 0 && title(j - 1) {
                        j -= 1;
                    }
                    if j > 0 && j < k && is_connector(lw[j - 1]) {
                        j += 1;
                    }
                    if j > 0 && !is_connector(lw[j - 1]) {
                        self.weigh(a, a + j, 0, out);
                    }
                    let strong = (a + j..=a + k).any(|i| self.is(i, Class::HONORIFIC)) || k > j;
                    self.weigh(a + k + 1, b, if strong { 3 } else { 2 }, out);
                    return;
                }
                if (0..lw.len()).all(|k| title(k) || is_connector(lw[k])) {
                    return; // titles alone: "Assistant Secretary", "Secretary of State"
                }
            }
        }
        let title_before = if a > 0 {
            let gap = &self.text[self.words[a - 1].end..self.words[a].start];
            // After a full stop only an abbreviation ("Gov. Newsom"): "The President. Yes." is
            // two sentences.
            let stop = gap == ". " && self.is(a - 1, Class::ABBREVIATION);
            let titled = (gap == " " || stop) && self.is(a - 1, Class::TITLE) && capitalised(self.w(a - 1));
            match (titled, self.is(a - 1, Class::HONORIFIC)) {
                (true, true) => 3,
                (true, false) => 2,
                _ => 0,
            }
        } else {
            0
        };
        self.weigh(a, b, title_before, out);
    }

    /// Weighs the name made of words `a..b`; `titled` is the evidence of a title before it.
    fn weigh(&self, mut a: usize, b: usize, titled: i32, out: &mut Vec<Weighed<'t>>) {
        while a < b && is_connector(self.w(a)) {
            a += 1;
        }
        if a >= b {
            return;
        }
        let ws = &self.strs[a..b];
        let lw = ws;
        let n = ws.len();
        // Most chunks are one capitalised word with no title before it: only a noun next to it
        // can make it something ("oil giant Shell", "Cortana, its assistant", "Acme Inc").
        if n == 1 && titled == 0 && !all_caps(ws[0]) && !has_digit(ws[0]) && !self.is(a, Class::SINGLE_ORG) {
            let next = self.strs.get(b).copied().unwrap_or("");
            let prev = a.checked_sub(1);
            let cue = self.product_cue_at(b).is_some()
                || prev.is_some_and(|k| self.product_cue_at(k).is_some() || self.is(k, Class::ORG_NOUN))
                || self.is(b, Class::ORG_AFTER)
                || next == "said"
                || self.team_at(a)
                || self.after_plural_title(a)
                || self.nicknamed_team(a, b);
            if !cue {
                return;
            }
        }
        // Places and words that are never names.
        // A known given name that is not a place's name opens a person's name even before a
        // place ("Jimmy Wales").
        let given = n >= 2 && self.is(a, FIRST);
        // "Parliament of France", "University of Tokyo": a head of an organisation, "of", a place.
        // Also "Supreme Court of the United States", "Bank of the West".
        let head_of_place = self.head_of_place(a, b);
        // A team named by its country, with a match verb beside it and a score in the
        // sentence: "Brazil beat Australia 2-0", "Argentina defeated Wales 45-27".
        let team = n == 1 && self.team_at(a);
        if (!team && (a..b).all(|k| self.is(k, Class::PLACE | Class::NOT_NAME)))
            || (n > 1
                && self.is(b - 1, Class::PLACE)
                && !self.is(b - 1, Class::ORG_HEAD)
                && !head_of_place
                && !(n == 2 && given && !self.is(a, Class::PLACE)))
        {
            return;
        }
        // Headline fragments: "Jane Roe Joins Board", "AI Chief Says Company".
        if n > 1 && (a..b).any(|k| self.is(k, Class::HEADLINE_VERB)) {
            return;
        }
        let span = self.words[a].start..self.words[b - 1].end;
        // The name is written out only for a chunk with some evidence (most have none).
        let mut x = Weighed { name: Cow::Borrowed(""), span: span.clone(), ..Weighed::default() };
        // The `i`th word before or after the name, in lower case, looked at only when needed.
        let low =
            |k: Option<usize>| k.filter(|&k| k < self.words.len()).map_or_else(Low::default, |k| Low::of(self.w(k)));
        let before = |i: usize| low(a.checked_sub(i + 1));
        let after = |i: usize| low(Some(b + i));
        let gap_after = if b < self.words.len() { &self.text[span.end..self.words[b].start] } else { "" };
        let gap_before = if a > 0 { &self.text[self.words[a - 1].end..span.start] } else { "" };
        // Part of an identifier ("man3/CPU_ALLOC.3", "MAX_SIZE") or of a fingerprint
        // ("DB:45:3D"): no name.
        let digit_at = |k: usize| self.strs.get(k).is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
        if gap_before.ends_with('_') || gap_after.starts_with('_') || (gap_after == ":" && digit_at(b)) {
            return;
        }
        // A party and state after a lawmaker's name: "(D-CT)", "(R-Mo.)".
        if n == 1 && party_tag(ws[0]) {
            return;
        }

        // Organisations.
        if team {
            x.ev.org += 3;
            x.ev.team += 3;
        }
        if self.nicknamed_team(a, b) {
            x.ev.org += 3;
        }
        if n >= 2 && self.is(b - 1, Class::ORG_HEAD) {
            x.ev.org += 3;
        }
        // A club named with its prefix: "Club Brugge", "FC Barcelona", "AC Milan".
        // (A two-letter prefix only before a town: not "AC Power".)
        if n >= 2
            && (matches!(ws[0], "Club" | "FC" | "Sporting" | "Olympique" | "Dynamo" | "Dinamo")
                || (matches!(ws[0], "AC" | "AS" | "SC" | "CF" | "SV") && self.is(a + 1, Class::PLACE)))
        {
            x.ev.org += 3;
        }
        if n >= 3 && self.is(a, Class::ORG_OF) && lw[1] == "of" {
            x.ev.org += 3;
        } else if let Some(k) =
            (1..n.saturating_sub(1)).find(|&k| matches!(lw[k], "of" | "for") || (lw[k] == "on" && heads_on(lw[k - 1])))
        {
            // "Federal Bureau of Investigation", "Supreme Court of the United States", "Center
            // for Strategic Studies", "Committee on Foreign Relations": an organisation's head
            // before "of", "for" or "on", after a capitalised word.
            if self.is(a + k - 1, Class::ORG_OF | Class::ORG_HEAD) {
                x.ev.org += 3;
            }
        }
        if self.text[span.clone()].contains(" & ") {
            x.ev.org += 3; // "Procter & Gamble", "Johnson & Johnson"
        }
        let acronym = n == 1 && all_caps(ws[0]) && ws[0].chars().filter(|c| c.is_alphabetic()).count() <= 5;
        // Not a word of a shouted phrase ("WITHOUT ANY WARRANTY") or a label ("FUNC:").
        let same_line = |gap: &str| !gap.contains('\n');
        let shouted = a.checked_sub(1).is_some_and(|k| all_caps(self.strs[k]) && same_line(gap_before))
            || self.strs.get(b).is_some_and(|w| all_caps(w) && same_line(gap_after));
        let label = gap_after.starts_with([':', '_', '=', '@']) || gap_before.ends_with(['_', '@', '.']);
        // Code: an identifier in backticks, called, indexed or ending a statement ("`NULL`",
        // "FOO(x)", "BUF[0]", "ERR;").
        // A state in a postal address: "Boston, MA 02110", "Cambridge, MA".
        let postal = ws[0].len() == 2
            && gap_before.trim_end() == ","
            && a.checked_sub(1).is_some_and(|k| self.strs[k].starts_with(|c: char| c.is_uppercase()));
        let code = postal
            || gap_before.ends_with('`')
            || gap_after.starts_with(['`', '[', ';', '<'])
            || (gap_after.starts_with('(') && !gap_before.ends_with('('));
        if acronym
            && !shouted
            && !label
            && !code
            && !self.is(a, Class::NOT_ORG_ACRONYM)
            && !has_digit(ws[0])
            && !ws[0].contains('.')
        {
            // Once is not enough, unless it is spelled out: "Federal Trade Commission (FTC)".
            x.ev.org += if gap_before.ends_with('(') && gap_after.starts_with(')') { 3 } else { 1 };
        }
        if n == 1 && self.is(a, Class::SINGLE_ORG) {
            x.ev.org += 3;
        }
        if a > 0 && self.is(a - 1, Class::ORG_NOUN) && gap_before == " " {
            x.ev.org += 2;
        }
        if self.is(b, Class::ORG_AFTER) || (*after(0) == *"said" && *after(1) == *"in" && *after(2) == *"a") {
            x.ev.org += 2;
        }

        // People.
        // A given name may also be a word ("Bill Foster") or a place ("Chad Tew").
        let person_like = n <= 5
            && ws.iter().enumerate().all(|(k, w)| person_shaped(w) || (k > 0 && k + 1 < n && name_particle(w)))
            && !lw
                .iter()
                .enumerate()
                .any(|(k, _)| self.is(a + k, Class::ORG_HEAD) || ((k > 0 || !given) && self.is(a + k, Class::NOT_PERSON_WORD)))
            && (given || !self.is(a, Class::PLACE))
            // An acronym among written-out words is not a person's ("Chad GPT"); all in
            // capitals is a speaker label ("JANE ROE").
            && (ws.iter().all(|w| all_caps(w) || initial(w.trim_end_matches('.'))) || !ws.iter().any(|w| all_caps(w)))
            // Not a title: "Chief Financial Officer".
            && !ROLES.contains(&&*Low::of(ws[n - 1]));
        if person_like {
            let first_known = self.is(a, FIRST) || {
                // Speaker labels in capitals: "JASON RHODES".
                let title: String =
                    ws[0].chars().enumerate().map(|(i, c)| if i == 0 { c } else { c.to_ascii_lowercase() }).collect();
                all_caps(ws[0]) && self.firsts.contains(title.as_str())
            };
            if n >= 2 && first_known {
                x.ev.person += 2;
            } else if (2..=3).contains(&n)
                && !self.text[span.clone()].contains('\n')
                && super::words::surname(ws[n - 1])
                && !self.is(b - 1, Class::LANDSCAPE)
                && !self.is(a, Class::PLACE_OPENER)
                && !self.is(b - 1, FIRST)
                && !all_caps(ws[0])
                && !self.is(a, Class::PLACE | Class::NOT_NAME | Class::TITLE | Class::ORG_NOUN)
            {
                // A given name not on the list before a frequent surname: "Tyronne Fernando",
                // "Quincy Jones"; not a place named like one ("Elm Grove", "San Diego").
                x.ev.person += 2;
            }
            if n >= 3 && ws[1..n - 1].iter().any(|w| initial(w.trim_end_matches('.'))) {
                x.ev.person += 1;
            }
            if n >= 2 && self.roster.binary_search_by(|r| r.start.cmp(&span.start).then(r.end.cmp(&span.end))).is_ok() {
                x.ev.person += 2;
            }
            if titled > 0 && (n >= 2 || titled >= 3) {
                x.ev.person += titled;
            }
            if n == 1 && self.after_plural_title(a) {
                x.ev.person += 3;
            }
            if n >= 2 || x.ev.person > 0 {
                let said = self.is(b, Class::PERSON_AFTER) && (gap_after == " " || gap_after == ", ");
                if said {
                    x.ev.person += 1;
                }
                if gap_after.starts_with(',') && *after(0) == *"who" {
                    x.ev.person += 1;
                }
                // A role in apposition: "MiMi Aung, Ingenuity project manager at JPL",
                // "Rona Ambrose, Minister of Environment".
                if n >= 2 && gap_after == ", " && self.role_follows(b) {
                    x.ev.person += 2;
                    x.role = true;
                }
                if *before(0) == *"by" && n >= 2 {
                    x.ev.person += 2;
                }
                // A short name defined for the rest of a release: "Wanzhou Meng (Meng)".
                if n >= 2
                    && gap_after == " ("
                    && self.strs.get(b) == Some(&ws[n - 1])
                    && self.text[self.words[b].end..].starts_with(')')
                {
                    x.ev.person += 2;
                }
                // "Contact: Jayna Legg", "Contact Information: Jayna Legg".
                if n >= 2
                    && gap_before == ": "
                    && (*before(0) == *"contact" || (*before(0) == *"information" && *before(1) == *"contact"))
                {
                    x.ev.person += 2;
                }
                // "epidemiologist Amanda DellaGrotta": an occupation in lower case before.
                if n >= 2
                    && gap_before == " "
                    && a > 0
                    && !capitalised(self.w(a - 1))
                    && self.is(a - 1, Class::OCCUPATION)
                {
                    x.ev.person += 2;
                }
                // "said Gay", "according to Maria Lopes".
                let said_before = matches!(&*before(0), "said" | "says" | "told" | "asked")
                    || (*before(0) == *"to" && *before(1) == *"according");
                if said_before && (gap_before == " " || gap_before == ", ") {
                    x.ev.person += 1;
                }
            }
            if n == 1 && x.ev.person < 3 {
                x.ev.person = 0; // a single word is a person only with a strong title
            }
        }

        // Products: a noun after ("the Gaudi 3 accelerator", "H100 GPUs") or before in
        // apposition ("its assistant, Cortana"; "the chatbot ChatGPT").
        // An API is named after what it serves ("the Crypto API", "Streams API"): a plain
        // word before it is no product.
        let plain = n == 1 && ws[0].chars().skip(1).all(|c| c.is_ascii_lowercase());
        let cue = |k: usize| {
            self.product_cue_at(k).filter(|_| !(plain && matches!(Low::of(self.w(k)).as_str(), "api" | "apis")))
        };
        let noun_after = (b..(b + 2).min(self.words.len())).find_map(cue);
        // A nationality before a product is no part of its name: "the Russian Soyuz
        // spacecraft", "the Chinese Tianwen rover" (not "China Mobile").
        let nationality = |w: &str| ["an", "ese", "ish", "ian"].iter().any(|s| w.ends_with(s));
        if n >= 2 && noun_after.is_some() && self.is(a, Class::PLACE) && nationality(ws[0]) && x.ev.org == 0 {
            return self.weigh(a + 1, b, titled, out);
        }
        let noun_before = a.checked_sub(1).and_then(cue);
        let alnum = ws.iter().any(|w| has_digit(w)) && ws.iter().any(|w| w.chars().any(char::is_alphabetic));
        // A word of the stop lists, or one opening a sentence or heading that the document
        // also writes in lower case ("Public API", "Permission Model"), names no product.
        // So does a verb opening a heading ("Specifying CPU Cores").
        let generic = n == 1
            && (self.is(a, Class::NOT_ORG_ACRONYM | Class::NOT_NAME)
                || (plain && self.is_lowercase_word(ws[0]))
                || (plain && ws[0].len() > 5 && ws[0].ends_with("ing") && sentence_start(self.text, span.start)));
        for (kind, weight) in [
            (noun_after, if gap_after == " " { 2 } else { 0 }),
            // A model number in brackets after its noun: "three DeepSeek models (R1, V3.1)".
            (noun_before, if matches!(gap_before, ", " | " ") || (gap_before == " (" && alnum) { 2 } else { 0 }),
        ] {
            if let (Some(k), false) = (kind, generic) {
                let w = weight + i32::from(alnum);
                match k {
                    "chip" => x.ev.chip += w,
                    "model" => x.ev.model += w,
                    _ => x.ev.service += w,
                }
            }
        }
        // A speaker label in capitals at the start of a line: "JANE ROE:", and with a role after
        // it as TV transcripts write them: "DARYN KAGAN, CNN ANCHOR:", "LT. GEN. KARL
        // EIKENBERRY, COMBINED FORCES COMMANDER, AFGHANISTAN:".
        let line_start = span.start == 0 || self.text[..span.start].ends_with('\n');
        let label_start = line_start || {
            let before = self.text[..span.start].rsplit('\n').next().unwrap_or("");
            before.len() <= 20 && before.bytes().all(|c| c.is_ascii_uppercase() || matches!(c, b'.' | b' '))
        };
        let role_label = || {
            let line = self.text[span.end..].split('\n').next().unwrap_or("");
            line.strip_prefix(", ").and_then(|l| l.split_once(':')).is_some_and(|(role, _)| {
                let role = role.split_once(" (").map_or(role, |(r, _)| r);
                role.len() <= 80
                    && role.bytes().any(|c| c.is_ascii_uppercase())
                    && role
                        .bytes()
                        .all(|c| c.is_ascii_uppercase() || matches!(c, b' ' | b',' | b'.' | b'\'' | b'&' | b'-' | b'/'))
            })
        };
        if label_start
            && (2..=4).contains(&n)
            && ws.iter().all(|w| all_caps(w) || initial(w))
            && (gap_after.starts_with(':') || (gap_after == ", " && role_label()))
        {
            x.ev.person += 3;
            // A label with a role is no heading, however short its line ("FACT SHEET:" is).
            x.role = gap_after == ", ";
        }
        // A word of the stop list ("API", "YAML") is never an organisation, whatever is near.
        if n == 1 && self.is(a, Class::NOT_ORG_ACRONYM) && all_caps(ws[0].strip_suffix('s').unwrap_or(ws[0])) {
            x.ev.org = 0;
        }
        if x.ev.person > 0 && x.ev.person >= x.ev.org {
            x.ev.chip = 0;
            x.ev.model = 0;
            x.ev.service = 0;
        }
        x.bare = !x.ev.any() && person_like && (2..=4).contains(&n);
        x.numbered = !x.ev.any() && alnum && n <= 2;
        if x.ev.any() || x.bare || x.numbered {
            let text = &self.text[span];
            x.name = if text.contains('\n') { Cow::Owned(text.replace('\n', " ")) } else { Cow::Borrowed(text) };
            out.push(x);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(text: &str) -> Vec<(String, i32, i32, i32)> {
        let firsts: Words = ["Maria", "Laura", "Jane", "John", "Lina", "Jennifer"].into_iter().collect();
        Tagger::new(text, &firsts)
            .chunks(true)
            .into_iter()
            .filter(|w| w.ev.any())
            .map(|w| (w.name.into_owned(), w.ev.person, w.ev.org, w.ev.chip + w.ev.model + w.ev.service))
            .collect()
    }

    /// The names tagged with evidence of 2 or more for the kind `ev` reads.
    fn named(t: &[(String, i32, i32, i32)], ev: impl Fn(&(String, i32, i32, i32)) -> i32) -> Vec<&str> {
        t.iter().filter(|x| ev(x) >= 2).map(|x| x.0.as_str()).collect()
    }

    fn orgs(text: &str) -> Vec<String> {
        tag(text).into_iter().filter(|x| x.2 >= 3 && x.2 > x.1).map(|x| x.0).collect()
    }

    #[test]
    fn a_short_heading_line_ends_a_name_and_a_line_of_prose_does_not() {
        let t = orgs("The White House\nOffice of the Press Secretary\nFor Immediate Release\n");
        assert_eq!(t, ["White House", "Office of the Press Secretary"]);
        // A caption's line ("both Will" over "Ferrell"), and wrapped prose, go on.
        let t = tag("initiative with both Jane\nRoe and Amy Poehler,\n");
        assert!(t.iter().any(|x| x.0 == "Jane Roe"), "{t:?}");
        let t = orgs("The agreement was signed yesterday by the representatives of Acme\nCorporation and the city.");
        assert_eq!(t, ["Acme Corporation"]);
    }

    #[test]
    fn courts_and_offices_are_named_with_their_district() {
        let t = orgs("It was filed in the U.S. District Court for the Southern District of New York on Monday.");
        assert_eq!(t, ["U.S. District Court for the Southern District of New York"]);
        let t = orgs("The U.S. Attorney\u{2019}s Office for the Eastern District of New York said so.");
        assert_eq!(t, ["U.S. Attorney\u{2019}s Office for the Eastern District of New York"]);
        let t = orgs("The Franklin County Sheriff's Office said Microsoft's Office suite was used.");
        assert_eq!(t, ["Franklin County Sheriff's Office"]);
        // A title before an office of a department is still a title.
        let t = tag("Department of Energy Secretary Jennifer Granholm agreed.");
        assert!(t.iter().any(|x| x.0 == "Jennifer Granholm" && x.1 >= 3), "{t:?}");
    }

    #[test]
    fn a_verb_before_the_and_a_day_after_a_connector_are_no_part_of_a_name() {
        assert_eq!(orgs("Contact the Office of Public Affairs today."), ["Office of Public Affairs"]);
        assert_eq!(orgs("Led by the Bureau of Near Eastern Affairs on Tuesday."), ["Bureau of Near Eastern Affairs"]);
        assert_eq!(orgs("The Task Force on Intellectual Property met."), ["Task Force on Intellectual Property"]);
    }

    #[test]
    fn a_team_is_named_by_its_school_or_country_and_its_sport() {
        let t = orgs(
            "And the West Virginia rifle team is here, with the Minnesota women\u{2019}s hockey team. The Kansas \
             track and field team ran, between the Burkina Faso and Slovakia national football team.",
        );
        assert_eq!(
            t,
            [
                "West Virginia rifle team",
                "Minnesota women\u{2019}s hockey team",
                "Kansas track and field team",
                "Slovakia national football team"
            ]
        );
        // No team without "team", nor across a line break, nor a sport alone.
        assert!(orgs("The Kansas track and field meet.\nStanford tennis\nteam won. The national team lost.").is_empty());
    }

    #[test]
    fn a_team_is_named_by_its_nickname_near_a_word_of_sport() {
        assert_eq!(orgs("Three schools sent a pair of teams here today -- the Tar Heels."), ["Tar Heels"]);
        assert_eq!(orgs("The stadium is home of the Jets and the Giants."), ["Jets", "Giants"]);
        // No sport near, a noun after, a place, an event or a surname ending in -us: none.
        assert!(orgs("He thanked the Tar Heels for dinner.").is_empty());
        assert!(orgs("The football team thanked the Pygments team and the Regents of the club.").is_empty());
        assert!(orgs("The team went to the Philippines for the Olympics with the Pistorius family.").is_empty());
    }

    #[test]
    fn clubs_players_and_venues_of_sport_pages() {
        assert_eq!(orgs("Club Brugge drew with FC Porto; AC Power failed."), ["Club Brugge", "FC Porto"]);
        let t = tag("Hyderabad custodian Laxmikant Kattimani saved it at the Estadio da Luz.");
        let people: Vec<&str> = named(&t, |x| x.1);
        assert_eq!(people, ["Laxmikant Kattimani"], "{t:?}");
        // A title after a nationality is cut like any title.
        let t = tag("The memorial was held. Australian Olympian Steph Rice announced it.");
        assert!(t.iter().any(|x| x.0 == "Steph Rice" && x.1 >= 2), "{t:?}");
    }

    #[test]
    fn a_nickname_in_quotes_stays_inside_the_name_and_a_plural_title_lists_names() {
        let t = tag("Jane Roe, Garrick \"Gary\" Johnson and J. \u{201c}Bob\u{201d} Balaram were charged. He said \"Hello\" Monday.");
        let people: Vec<&str> = named(&t, |x| x.1);
        assert_eq!(people, ["Jane Roe", "Garrick \"Gary\" Johnson", "J. \u{201c}Bob\u{201d} Balaram"], "{t:?}");
        let t = tag("Present: Councilmembers Daysog, Ezzy Ashcraft, Matarrese, Oddie and Mayor Spencer.");
        let people: Vec<&str> = named(&t, |x| x.1);
        assert_eq!(people, ["Ezzy Ashcraft", "Matarrese", "Oddie", "Spencer"], "{t:?}");
    }

    #[test]
    fn titles_are_cut_and_count_for_the_person() {
        let t =
            tag("Health Secretary Maria Lopes said it works. Department of Energy Secretary Jennifer Granholm agreed.");
        let names: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names, ["Maria Lopes", "Department of Energy", "Jennifer Granholm"], "{t:?}");
        assert!(t[0].1 >= 4 && t[1].2 >= 3 && t[2].1 >= 4, "{t:?}");
    }

    #[test]
    fn a_long_run_is_cut_at_its_connectors_and_line_ends() {
        let t = tag("Deputy Assistant Secretary of State for Western Hemisphere Affairs John Creamer led it.");
        assert!(t.iter().any(|x| x.0 == "John Creamer" && x.1 >= 2), "{t:?}");
        let t = tag("Authors:\nJane Roe\nJohn Poe\nMaria Lopes\nLaura Kim and Lina Park\n");
        let names: Vec<&str> = named(&t, |x| x.1);
        assert_eq!(names, ["Jane Roe", "John Poe", "Maria Lopes", "Laura Kim", "Lina Park"], "{t:?}");
    }

    #[test]
    fn a_heading_s_words_and_days_are_not_part_of_a_name() {
        let t = tag("Comment of Chair Lina M. Khan Regarding the Guidelines");
        assert!(t.iter().any(|x| x.0 == "Lina M. Khan"), "{t:?}");
        let t = tag("On the call, Jane Roe Monday said it was over.");
        assert!(t.iter().any(|x| x.0 == "Jane Roe"), "{t:?}");
        let t = tag("Statement of Commissioner Jane Roe Federal Trade Commission");
        let names: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert!(names.contains(&"Jane Roe") && names.contains(&"Federal Trade Commission"), "{t:?}");
    }

    #[test]
    fn two_people_joined_by_an_ampersand_are_not_a_firm() {
        let t = tag("Copyright 1988 Jane Roe & John S. Poe. Then Johnson & Johnson fell.");
        let people: Vec<&str> = named(&t, |x| x.1);
        assert_eq!(people, ["Jane Roe", "John S. Poe"], "{t:?}");
        assert!(t.iter().any(|x| x.0 == "Johnson & Johnson" && x.2 >= 3), "{t:?}");
    }

    #[test]
    fn a_role_in_apposition_makes_a_person() {
        let t = tag("Speakers include Mimo Aung, Ingenuity project manager at JPL, and Acme Widgets, a maker.");
        assert!(t.iter().any(|x| x.0 == "Mimo Aung" && x.1 >= 2), "{t:?}");
        assert!(t.iter().all(|x| x.0 != "Acme Widgets" || x.1 == 0), "{t:?}");
    }

    #[test]
    fn a_title_before_a_full_stop_does_not_make_the_next_sentence_a_person() {
        let t = tag("The President. Yes. Dr. Fauci agreed.");
        let names: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names, ["Fauci"], "{t:?}");
    }

    #[test]
    fn initials_hyphens_and_apostrophes_stay_in_names() {
        let t = tag("Chair Lina M. Khan met Siobhan O'Brien and Jean-Paul Sartre.");
        let names: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert!(names.contains(&"Lina M. Khan"), "{t:?}");
        let t = tag("Jane Abu al-Zarqawi was named.");
        assert!(t.iter().any(|x| x.0 == "Jane Abu al-Zarqawi"), "{t:?}");
    }

    #[test]
    fn organisations_by_head_acronym_and_context() {
        let t = tag("The Federal Trade Commission (FTC) sued. Oil giant Shell declined. Johnson & Johnson rose.");
        let orgs: Vec<&str> = t.iter().filter(|x| x.2 >= 2).map(|x| x.0.as_str()).collect();
        assert_eq!(orgs, ["Federal Trade Commission", "FTC", "Shell", "Johnson & Johnson"], "{t:?}");
    }

    #[test]
    fn acronyms_of_code_addresses_and_formats_are_not_organisations() {
        let t = tag("It returns `NULL` or FOO(x); the API took YAML from Boston, MA 02110, USA. The API \
             uses JSON, said the space agency (NASA).");
        let orgs: Vec<&str> = t.iter().filter(|x| x.2 > 0).map(|x| x.0.as_str()).collect();
        assert_eq!(orgs, ["NASA"], "{t:?}");
    }

    #[test]
    fn an_organisations_head_before_of_makes_it_one() {
        let t = tag("The Federal Bureau of Investigation and the National Institute of Standards said no.");
        let orgs: Vec<&str> = t.iter().filter(|x| x.2 >= 3).map(|x| x.0.as_str()).collect();
        assert_eq!(orgs, ["Federal Bureau of Investigation", "National Institute of Standards"], "{t:?}");
        let t = tag("The Parliament of France voted; the University of Tokyo agreed.");
        let orgs: Vec<&str> = t.iter().filter(|x| x.2 >= 3).map(|x| x.0.as_str()).collect();
        assert_eq!(orgs, ["Parliament of France", "University of Tokyo"], "{t:?}");
        let t = tag("The Center for Strategic Studies and the FDA Oncology Center of Excellence met.");
        let orgs: Vec<&str> = t.iter().filter(|x| x.2 >= 3).map(|x| x.0.as_str()).collect();
        assert_eq!(orgs, ["Center for Strategic Studies", "FDA Oncology Center of Excellence"], "{t:?}");
    }

    #[test]
    fn names_listed_with_people_are_people_an_apposition_is_not_a_list() {
        let people = |t: &[(String, i32, i32, i32)]| -> Vec<String> {
            t.iter().filter(|x| x.1 >= 2 && x.2 == 0).map(|x| x.0.clone()).collect()
        };
        let t = tag("The committee: Laura Feinstein, Lorne Michaels, Paul Simon and Allen Toussaint.");
        assert_eq!(people(&t), ["Laura Feinstein", "Lorne Michaels", "Paul Simon", "Allen Toussaint"], "{t:?}");
        // No "and": an apposition, not a list.
        let t = tag("Today's post is by Jane Dell, Boards Assistant to the Board.");
        assert!(!t.iter().any(|x| x.0 == "Boards Assistant"), "{t:?}");
        // A list with an organisation in it lends nothing.
        let t = tag("Morgan Stanley, Goldman Sachs and Acme Inc agreed.");
        assert!(!t.iter().any(|x| x.0 == "Goldman Sachs" && x.1 >= 2), "{t:?}");
    }

    #[test]
    fn a_frequent_surname_after_an_unknown_given_name_makes_a_person_not_a_place() {
        let t = tag("A former minister, Tyronne Fernando, spoke; Sonny Moore sang.");
        let people: Vec<&str> = named(&t, |x| x.1);
        assert_eq!(people, ["Tyronne Fernando", "Sonny Moore"], "{t:?}");
        let t = tag("Banks in Elm Grove, Harbor Springs and San Diego reopened.");
        assert!(t.iter().all(|x| x.1 == 0), "{t:?}");
    }

    #[test]
    fn bylines_contacts_captions_and_remarks_in_lists() {
        // A line that is only a name is not joined to the heading under it.
        let t = tag("Jane Kirby\nDaily Press Briefing\nWashington, DC\n");
        assert!(t.iter().any(|x| x.0 == "Jane Kirby"), "{t:?}");
        assert!(!t.iter().any(|x| x.0.contains("Daily")), "{t:?}");
        // A caption wraps a name across its short lines.
        let t = tag("initiative with both Jane\nFerrell and John Poehler,\n");
        assert!(t.iter().any(|x| x.0 == "Jane Ferrell"), "{t:?}");
        let t = tag("Contact Information: Xiu Legg, (312) 353-0562\n");
        assert!(t.iter().any(|x| x.0 == "Xiu Legg" && x.1 >= 2), "{t:?}");
        let t = tag("Candidates include Xiu Espinoza, Jane Bravo, Cesar Palacio (incumbent), and Tor Valdez.");
        let people: Vec<&str> = named(&t, |x| x.1);
        assert_eq!(people, ["Xiu Espinoza", "Jane Bravo", "Cesar Palacio", "Tor Valdez"], "{t:?}");
    }

    #[test]
    fn a_rosters_name_keeps_a_first_word_the_text_also_writes_in_lower_case() {
        let t = tag("The organ was loud.\nJohn Coe 563\nJane Roe 411\nOrgan Viliko 66\nLina Moe 12\n");
        assert!(t.iter().any(|x| x.0 == "Organ Viliko" && x.1 >= 2), "{t:?}");
    }

    #[test]
    fn particles_occupations_and_labels_around_names() {
        let t = tag("A talk with the UN Special Envoy Staffan de Mistura and Charles de Gaulle.");
        assert!(t.iter().any(|x| x.0 == "Staffan de Mistura" && x.1 >= 3), "{t:?}");
        assert!(t.iter().any(|x| x.0 == "Charles de Gaulle"), "{t:?}");
        let t = tag("We have state epidemiologist Amanda Dell on the line; the Banco de Chile agreed.");
        // ("Amanda" is not among this test's given names: the evidence is the occupation's.)
        assert!(t.iter().any(|x| x.0 == "Amanda Dell" && x.1 >= 2), "{t:?}");
        assert!(!t.iter().any(|x| x.0.contains("Chile") && x.1 > 0), "{t:?}");
        // A line ending with an organisation's head, or a label on the next line, ends the name.
        let t = tag("Ron Ecker, of the Northeast Ohio Coordinating Agency\nTime: 9 a.m.");
        assert!(t.iter().any(|x| x.0 == "Northeast Ohio Coordinating Agency" && x.2 >= 3), "{t:?}");
        let t = tag("The Chairman of the National Endowment for the Arts and the Supreme Court of the United States.");
        let orgs: Vec<&str> = t.iter().filter(|x| x.2 >= 3).map(|x| x.0.as_str()).collect();
        assert_eq!(orgs, ["National Endowment for the Arts", "Supreme Court of the United States"], "{t:?}");
    }

    #[test]
    fn a_place_in_an_organisations_name_stays_and_an_adjective_goes() {
        let t = tag("He left the California Institute of Technology, then Oregon State University. Agents of the \
             New York Field Office and the UN-backed Special Court met Texas-based Dell Technologies.");
        let orgs: Vec<&str> = t.iter().filter(|x| x.2 >= 3).map(|x| x.0.as_str()).collect();
        assert_eq!(
            orgs,
            [
                "California Institute of Technology",
                "Oregon State University",
                "New York Field Office",
                "Special Court",
                "Dell Technologies"
            ],
            "{t:?}"
        );
        // Two organisations joined by "and" are two; a "The" inside a run starts a name.
        let t = tag("A film by Lionsgate Films and Twisted Pictures; for Western Australia The Australian Bureau of Meteorology.");
        let orgs: Vec<&str> = t.iter().filter(|x| x.2 >= 3).map(|x| x.0.as_str()).collect();
        assert_eq!(orgs, ["Lionsgate Films", "Twisted Pictures", "Australian Bureau of Meteorology"], "{t:?}");
        // "U.S." before an organisation is part of its name.
        let t = tag("They met at the U.S. Space and Rocket Center and the U.S. Embassy.");
        let orgs: Vec<&str> = t.iter().filter(|x| x.2 >= 3).map(|x| x.0.as_str()).collect();
        assert_eq!(orgs, ["U.S. Space and Rocket Center", "U.S. Embassy"], "{t:?}");
        // A given name with a hyphen is not an adjective.
        let t = tag("The code is by Jean-loup Gailly and Mark Adler.");
        assert!(t.iter().any(|x| x.0 == "Jean-loup Gailly" && x.1 >= 2), "{t:?}");
    }

    #[test]
    fn products_by_their_nouns() {
        let t = tag("Intel showed the Gaudi 3 accelerator and AMD's MI300X GPUs; its assistant, Cortana, spoke.");
        let products: Vec<&str> = named(&t, |x| x.3);
        assert_eq!(products, ["Gaudi 3", "MI300X", "Cortana"], "{t:?}");
        let t = tag("With Proposed CHIPS Direct Funding, the plant grows.");
        assert!(t.iter().all(|x| x.3 == 0), "{t:?}");
        // Hardware that is no chip, and a nationality before it that is no part of its name.
        let t = tag("It ran on the Frontier supercomputer. Crews flew the Russian Soyuz spacecraft.");
        let products: Vec<&str> = named(&t, |x| x.3);
        assert_eq!(products, ["Frontier", "Soyuz"], "{t:?}");
        // Model numbers listed across a line end.
        let t = tag("It evaluated three DeepSeek models (R1, R1-0528\nand V3.1) last week.");
        let products: Vec<&str> = named(&t, |x| x.3);
        assert_eq!(products, ["DeepSeek", "R1", "R1-0528", "V3.1"], "{t:?}");
    }

    #[test]
    fn common_words_identifiers_and_apis_are_no_products() {
        // Headings and sentences opened by a word the document also writes in lower case, a
        // determiner, a verb, an API named after what it serves, identifiers, a fingerprint.
        let text = "## Public API\n\nThe public API is small. Neither API was documented. \
                    A Public API helps. * [Specifying CPU Cores](#x)\n\nUse the Crypto API and \
                    man3/CPU_ALLOC.3 or MAX_GPU; key DB:45:3D:1B. The Chrome browser runs the GPT-4o model.";
        let t = tag(text);
        let products: Vec<&str> = t.iter().filter(|x| x.3 > 0).map(|x| x.0.as_str()).collect();
        assert_eq!(products, ["Chrome", "GPT-4o"], "{t:?}");
        assert!(!t.iter().any(|x| x.0.contains("ALLOC") || x.0 == "DB"), "{t:?}");
        // The same word mid-sentence, never written in lower case, still is one.
        let t = tag("It runs on the Gaudi accelerator and the Crypto chip.");
        let products: Vec<&str> = t.iter().filter(|x| x.3 > 0).map(|x| x.0.as_str()).collect();
        assert_eq!(products, ["Gaudi", "Crypto"], "{t:?}");
    }

    #[test]
    fn releases_define_short_names_and_list_model_numbers() {
        let t = tag("It charged Huawei’s Chief Financial Officer (CFO) Wanzhou Meng (Meng) on Monday.");
        assert!(t.iter().any(|x| x.0 == "Wanzhou Meng" && x.1 >= 2), "{t:?}");
        assert!(!t.iter().any(|x| x.0.contains("Officer") && x.1 > 0), "{t:?}");
        let t = tag("Senators Richard Blumenthal (D-CT) and Josh Hawley (R-Mo.) will hold a hearing.");
        assert!(!t.iter().any(|x| x.0.contains("-CT") || x.0.contains("-Mo")), "{t:?}");
        let t = tag("It evaluated three DeepSeek models (R1, R1-0528 and V3.1) and Agent 7, R2 and Nina Ford.");
        let products: Vec<&str> = named(&t, |x| x.3);
        assert_eq!(products, ["DeepSeek", "R1", "R1-0528", "V3.1"], "{t:?}");
        // A changelog's author in brackets after "API" is no product.
        let t = tag("Fixed the stream API (Jane Roe) and the REPL (Chengzhong Wu).");
        assert!(t.iter().all(|x| x.3 == 0), "{t:?}");
    }

    #[test]
    fn a_plural_title_names_every_name_of_its_list() {
        let t = tag("The letter went to Senators Durbin, Grassley, Klobuchar, and Lee, and Justices Scalia and Thomas dissented.");
        let people: Vec<&str> = t.iter().filter(|x| x.1 >= 3).map(|x| x.0.as_str()).collect();
        assert_eq!(people, ["Durbin", "Grassley", "Klobuchar", "Lee", "Scalia", "Thomas"], "{t:?}");
        let t = tag("The Ottawa Senators beat Boston, Toronto and Montreal this week.");
        assert!(t.iter().all(|x| x.1 == 0), "{t:?}");
    }

    #[test]
    fn a_list_of_people_lends_nothing_to_towns_and_firms() {
        let t = tag("Counsel: Jane Roe and John Poe, Wilson Sonsini Goodrich Rosati, Palo Alto, CA, for the defence.");
        assert!(t.iter().any(|x| x.0 == "Jane Roe" && x.1 >= 2), "{t:?}");
        assert!(!t.iter().any(|x| (x.0 == "Palo Alto" || x.0.starts_with("Wilson")) && x.1 > 0), "{t:?}");
    }

    #[test]
    fn a_capitalised_noun_is_part_of_a_name_not_a_product_cue() {
        let t = tag("The code is by Perforce Software, Inc and others, on their H100 GPUs.");
        let names: Vec<(&str, bool)> = t.iter().map(|x| (x.0.as_str(), x.2 >= 2)).collect();
        assert!(names.contains(&("Perforce Software", true)), "{t:?}");
        assert!(t.iter().any(|x| x.0 == "H100" && x.3 >= 2), "{t:?}");
        assert!(!t.iter().any(|x| x.0 == "Software"), "{t:?}");
    }

    #[test]
    fn words_are_cut_in_one_pass() {
        let w = words("O'Brien, GPT-4o and AT&T. U.S. end");
        let s = "O'Brien, GPT-4o and AT&T. U.S. end";
        let got: Vec<&str> = w.iter().map(|r| &s[r.clone()]).collect();
        assert_eq!(got, ["O'Brien", "GPT-4o", "and", "AT&T", "U.S", "end"]);
    }
}
