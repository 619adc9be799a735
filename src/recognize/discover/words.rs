//! The word lists discovery weighs names by: cues for people and organisations, and words
//! that start capitalised runs without being names.

use std::collections::HashSet;

const FIRST_NAMES: &str = include_str!("../../../assets/first_names.txt");

/// Capitalised words that start runs but are not names.
const NOT_NAMES: &[&str] = &[
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
    "veteran",
    "former",
    "acting",
    "interim",
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

/// Whether a word is in a lowercase word list, ignoring ASCII case, without allocating.
pub(super) fn listed(list: &Words<'static>, word: &str) -> bool {
    let mut buf = [0u8; 32];
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() {
        return false;
    }
    for (b, w) in buf.iter_mut().zip(bytes) {
        *b = w.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..bytes.len()]).is_ok_and(|w| list.contains(w))
}

/// Stop words, and the month names (sentence openers such as "In March").
pub(super) static NOT_NAME_SET: std::sync::LazyLock<Words<'static>> =
    std::sync::LazyLock::new(|| NOT_NAMES.iter().chain(&crate::text::date::MONTHS).copied().collect());

pub(super) fn first_names() -> Words<'static> {
    FIRST_NAMES.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}
