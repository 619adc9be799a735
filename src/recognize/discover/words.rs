//! The word lists discovery weighs names by: cues for people and organisations, and words
//! that start capitalised runs without being names.

use std::collections::HashSet;

const FIRST_NAMES: &str = include_str!("../../../assets/first_names.txt");
const SURNAMES: &str = include_str!("../../../assets/surnames.txt");

/// Capitalised words that start runs but are not names.
pub(super) const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "in",
    "on",
    "at",
    "of",
    "for",
    "to",
    "by",
    "with",
    "from",
    "as",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "if",
    "when",
    "while",
    "after",
    "before",
    "since",
    "although",
    "however",
    "meanwhile",
    "moreover",
    "first",
    "second",
    "secondly",
    "finally",
    "also",
    "unlike",
    "together",
    "according",
    "analysis",
    "introduction",
    "conclusion",
    "faq",
    "q",
    "a",
    "key",
    "table",
    "contents",
    "share",
    "leave",
    "reply",
    "write",
    "comment",
    "continue",
    "reading",
    "trending",
    "posts",
    "read",
    "more",
    "subscribe",
    "sign",
    "log",
    "home",
    "menu",
    "search",
    "speaker",
    "photo",
    "image",
    "credit",
    "credits",
    "getty",
    "images",
    "advertisement",
    "related",
    "copyright",
    "mehr",
    "erfahren",
    "new",
    "era",
    "what",
    "how",
    "why",
    "who",
    "where",
    "next",
    "breaking",
    "update",
    "updated",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "early",
    "mid",
    "late",
    "generative",
    "artificial",
    "intelligence",
    "vice",
    "president",
    "senior",
    "chief",
    "executive",
    "officer",
    "strategic",
    "cutting",
    "edge",
    "global",
    "web",
    "services",
    "cloud",
    "data",
    "ethical",
    "role",
    "future",
    "balancing",
    "innovation",
    "departure",
    "competitive",
    "landscape",
    "jobs",
    "age",
    "considerations",
    "development",
    "enhancing",
    "customer",
    "experience",
    "investments",
    "figure",
    "talent",
    "race",
    "dynamics",
    "efficiency",
    "versus",
    "workforce",
    "size",
    "loss",
    "pivotal",
    "time",
    "expanding",
    "portfolio",
    "industry",
    "reshaping",
    "says",
    "said",
    "loses",
    "faces",
    "takes",
    "returns",
    "joins",
    "leaves",
    "yes",
    "okay",
    "ok",
    "thanks",
    "veteran",
    "former",
    "acting",
    "interim",
    // Determiners: "Neither API was documented".
    "neither",
    "either",
    "each",
    "every",
    "both",
    "any",
    "such",
    "which",
    "whose",
    "another",
    "several",
];

/// FNV-1a: a fast hash for the short words of the word lists (they are fixed, not chosen by
/// the input, so the hash needs no protection against collisions on purpose).
#[derive(Default)]
pub(super) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A set of words hashed with [`Fnv`].
pub(super) type Words<'a> = HashSet<&'a str, std::hash::BuildHasherDefault<Fnv>>;

/// A word in lower case, on the stack: ASCII words up to 32 bytes, without a final full stop (the only ones the word
/// lists hold); any other word is empty and matches nothing.
#[derive(Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Low {
    buf: [u8; 32],
    pub(super) len: u8,
}

/// Hashes the word's bytes only: the rest of the buffer is always zero, so equal words hash
/// alike, and a short word costs a few steps instead of 33.
impl std::hash::Hash for Low {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write(&self.buf[..usize::from(self.len)]);
    }
}

impl Low {
    pub(super) fn of(w: &str) -> Self {
        let w = w.trim_end_matches('.');
        let mut l = Self::default();
        if w.len() <= l.buf.len() && w.is_ascii() {
            for (b, c) in l.buf.iter_mut().zip(w.bytes()) {
                *b = c.to_ascii_lowercase();
            }
            l.len = w.len() as u8;
        }
        l
    }

    pub(super) fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..usize::from(self.len)]).unwrap_or("")
    }
}

impl std::ops::Deref for Low {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for Low {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

/// Whether a word (any ASCII case, without a final full stop) is in a lowercase word list,
/// without allocating.
pub(super) fn listed(list: &Words<'static>, word: &str) -> bool {
    let l = Low::of(word);
    l.len > 0 && list.contains(l.as_str())
}

/// Stop words, and the month names (sentence openers such as "In March").
pub(super) static NOT_NAME_SET: std::sync::LazyLock<Words<'static>> =
    std::sync::LazyLock::new(|| NOT_NAMES.iter().chain(&crate::text::date::MONTHS).copied().collect());

/// The given names, as a set built once.
pub(super) static FIRST_NAME_SET: std::sync::LazyLock<Words<'static>> = std::sync::LazyLock::new(|| {
    FIRST_NAMES.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
});

/// Frequent surnames (the US Census Bureau's 2010 list, less common words), in lower case
/// without apostrophes ("obrien").
pub(super) static SURNAME_SET: std::sync::LazyLock<Words<'static>> = std::sync::LazyLock::new(|| {
    SURNAMES.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
});

/// Whether a word is a frequent surname ("Fernando", "Moore", "O'Brien"), in any
/// case.
pub(super) fn surname(word: &str) -> bool {
    let mut buf = [0u8; 32];
    let mut n = 0;
    for b in word.bytes().filter(u8::is_ascii_alphabetic) {
        if n == buf.len() {
            return false;
        }
        buf[n] = b.to_ascii_lowercase();
        n += 1;
    }
    n > 0 && word.is_ascii() && std::str::from_utf8(&buf[..n]).is_ok_and(|w| SURNAME_SET.contains(w))
}
