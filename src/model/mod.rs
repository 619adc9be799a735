//! The in-memory model: documents, entities, mentions and facts. No terminal code here.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

use serde::Serialize;

use crate::text::date::PartialDate;

mod item;
pub use item::{Item, ItemKind};

/// Index of a document in [`crate::Corpus::docs`].
pub type DocIdx = usize;
/// Index of an entity in [`crate::Corpus::entities`].
pub type EntIdx = usize;

/// What sort of text a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    /// A news article or blog post.
    Article,
    /// A transcript of a talk or video.
    Transcript,
    /// Anything else: notes, drafts.
    Note,
}

impl fmt::Display for DocKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Article => "article",
            Self::Transcript => "transcript",
            Self::Note => "note",
        })
    }
}

/// One document of the corpus.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// Stable id: the file stem, made unique with a suffix when two files share one.
    pub id: String,
    /// Where the document came from, as given (bundled documents: `seeds/…`).
    pub path: PathBuf,
    /// The path shown beside the title: relative to the folder it was found in (its file
    /// name when it was named directly).
    pub shown_path: String,
    /// Title (catalog override, front matter, heading, first line or first sentence).
    pub title: String,
    /// Date when known.
    pub date: Option<PartialDate>,
    /// Author when known.
    pub author: Option<String>,
    /// Source URL when known.
    pub url: Option<String>,
    /// Article, transcript or note.
    pub kind: DocKind,
    /// Keywords or tags from front matter.
    pub keywords: Vec<String>,
    /// The text after any front matter, with CRLF turned into LF. Mention spans index it.
    pub body: String,
    /// Entity names listed in front matter (`entities.companies` …), with the kind they suggest.
    #[serde(skip)]
    pub hints: Vec<(EntityKind, String)>,
    /// How many lines of its file come before the body (the front matter): line `n` of the
    /// body is line `n + body_line` of the file.
    #[serde(skip)]
    pub body_line: usize,
}

/// The kinds of entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A company, lab, team or publication.
    Org,
    /// A chip or hardware product.
    Chip,
    /// An AI model or model family.
    Model,
    /// A service or software product.
    Service,
}

impl EntityKind {
    /// Every kind, in display order.
    pub const ALL: [Self; 5] = [Self::Person, Self::Org, Self::Chip, Self::Model, Self::Service];

    /// The lowercase name used in the catalog, on the command line and in JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Org => "org",
            Self::Chip => "chip",
            Self::Model => "model",
            Self::Service => "service",
        }
    }

    /// Parses a kind name, accepting plurals and a few synonyms.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.to_ascii_lowercase().as_str() {
            "person" | "people" | "persons" => Self::Person,
            "org" | "orgs" | "organisation" | "organization" | "company" | "companies" => Self::Org,
            "chip" | "chips" => Self::Chip,
            "model" | "models" => Self::Model,
            "service" | "services" | "product" | "products" => Self::Service,
            _ => return None,
        })
    }

    /// Whether this kind belongs to the product portfolio (chips, models, services).
    #[must_use]
    pub fn is_portfolio(self) -> bool {
        matches!(self, Self::Chip | Self::Model | Self::Service)
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where an entity came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// The curated catalog.
    Catalog,
    /// A document's front matter (`entities.people` …).
    FrontMatter,
    /// The bundled background gazetteer of the technology industry, used where mentioned.
    Known,
    /// Found in the text by discovery.
    Discovered,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Catalog => "catalog",
            Self::FrontMatter => "front-matter",
            Self::Known => "known",
            Self::Discovered => "discovered",
        })
    }
}

/// When an alias may link: rules for names that are also ordinary words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct MatchRule {
    /// Link only when the text has exactly this case.
    pub case_sensitive: bool,
    /// Link only when one of these words occurs near the mention (same paragraph, within 200 bytes).
    pub context: Vec<String>,
}

/// A person, organisation or product.
#[derive(Debug, Clone, Serialize)]
pub struct Entity {
    /// Slug id, unique in the corpus.
    pub id: String,
    /// Person, org, chip, model or service.
    pub kind: EntityKind,
    /// Display name.
    pub name: String,
    /// Other names, including transcription mis-hearings.
    pub aliases: Vec<String>,
    /// One or two sentences.
    pub summary: Option<String>,
    /// Role, affiliation, maker, status, …
    pub attributes: BTreeMap<String, String>,
    /// Catalog, front matter or discovery.
    pub origin: Origin,
    /// Rule limiting when the name and aliases link.
    #[serde(skip)]
    pub rule: MatchRule,
    /// Aliases with a rule of their own (a mis-hearing that is also a word, say).
    #[serde(skip)]
    pub alias_rules: BTreeMap<String, MatchRule>,
    /// The family this entity is a generation or member of (Trainium 2 → Trainium).
    #[serde(skip)]
    pub parent: Option<EntIdx>,
}

impl Entity {
    /// An entity known only by its name (front matter, discovery): no aliases, summary or
    /// attributes, matched case-sensitively.
    #[must_use]
    pub fn named(id: String, kind: EntityKind, name: String, origin: Origin) -> Self {
        Self {
            id,
            kind,
            name,
            aliases: Vec::new(),
            summary: None,
            attributes: BTreeMap::new(),
            origin,
            rule: MatchRule { case_sensitive: true, context: Vec::new() },
            alias_rules: BTreeMap::new(),
            parent: None,
        }
    }

    /// The name followed by every alias.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }

    /// The rule for one of its names.
    #[must_use]
    pub fn rule_for(&self, name: &str) -> &MatchRule {
        self.alias_rules.get(name).unwrap_or(&self.rule)
    }

    /// The surname of a person (last word of the name, at least three letters), if any.
    #[must_use]
    pub fn surname(&self) -> Option<&str> {
        if self.kind != EntityKind::Person {
            return None;
        }
        let mut words = self.name.split_whitespace();
        let last = words.next_back()?;
        (words.next().is_some() && last.chars().count() >= 3).then_some(last)
    }
}

/// How a mention was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchHow {
    /// The entity's name.
    Exact,
    /// One of its aliases.
    Alias,
    /// A surname (or other part) after the full name appeared in the same document.
    ShortForm,
    /// A near spelling that only this entity fits.
    Fuzzy,
}

impl fmt::Display for MatchHow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Exact => "exact",
            Self::Alias => "alias",
            Self::ShortForm => "short-form",
            Self::Fuzzy => "fuzzy",
        })
    }
}

/// One place where a document names an entity. Kept small (20 bytes): a large corpus has
/// millions of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Mention {
    entity: u32,
    doc: u32,
    start: u32,
    end: u32,
    /// How it was matched.
    pub how: MatchHow,
}

impl Mention {
    /// A mention of `entity` in `doc` at a byte span of its body (documents are under 4 GiB:
    /// larger ones are refused when read).
    #[must_use]
    pub fn new(entity: EntIdx, doc: DocIdx, span: Range<usize>, how: MatchHow) -> Self {
        let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        Self { entity: n(entity), doc: n(doc), start: n(span.start), end: n(span.end), how }
    }

    /// The entity named.
    #[must_use]
    pub fn entity(&self) -> EntIdx {
        self.entity as usize
    }

    /// The document naming it.
    #[must_use]
    pub fn doc(&self) -> DocIdx {
        self.doc as usize
    }

    /// Byte span in the document's body.
    #[must_use]
    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// The object of a fact: another entity or a plain value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub enum FactObject {
    /// Another entity.
    Entity(EntIdx),
    /// A value: an amount, a title, a team name.
    Value(String),
}

/// A statement about an entity, citing a quote from a document.
#[derive(Debug, Clone)]
pub struct Fact {
    /// Who or what the fact is about.
    pub subject: EntIdx,
    /// `leads`, `reports_to`, `joins`, … or free text.
    pub predicate: String,
    /// The other side.
    pub object: FactObject,
    /// An amount, title or other detail (`$4 billion`).
    pub value: Option<String>,
    /// When, if the source says.
    pub date: Option<PartialDate>,
    /// The document the quote comes from.
    pub doc: DocIdx,
    /// The quote as written in the catalog.
    pub quote: String,
    /// Where the quote is in the document body; `None` when it is missing (an error `check` reports).
    pub quote_span: Option<Range<usize>>,
    /// A remark, e.g. that an amount is a later cumulative total.
    pub note: Option<String>,
    /// This value revises or adds to earlier values of the same fact instead of contradicting them.
    pub cumulative: bool,
    /// Where the fact comes from: the catalog, or read from the text by dossier.
    pub origin: FactOrigin,
}

/// Where a fact comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FactOrigin {
    /// Written in a catalog by a person.
    Catalog,
    /// Read from the text of a document, its date stated there.
    Extracted,
    /// Read from the text, dated by its document (the sentence states no date).
    ExtractedDatedByDocument,
}

impl FactOrigin {
    /// Whether dossier read the fact from the text (not a person).
    #[must_use]
    pub fn is_extracted(self) -> bool {
        self != Self::Catalog
    }

    /// How it is shown: `catalog` or `extracted`.
    #[must_use]
    pub fn label(self) -> &'static str {
        if self.is_extracted() {
            "extracted"
        } else {
            "catalog"
        }
    }
}

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; nothing was lost.
    Note,
    /// Something was skipped or could not be trusted.
    Warning,
    /// Wrong input that `check` fails on.
    Error,
}

/// Something wrong with the input, reported with where and why.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Problem {
    /// How serious.
    pub severity: Severity,
    /// The file concerned.
    pub path: PathBuf,
    /// Line and column (1-based) when known.
    pub line_col: Option<(usize, usize)>,
    /// What is wrong.
    pub reason: String,
}

impl Problem {
    /// A problem with no position.
    pub fn new(severity: Severity, path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Self { severity, path: path.into(), line_col: None, reason: reason.into() }
    }

    /// The same problem at a line and column.
    #[must_use]
    pub fn at(mut self, line: usize, col: usize) -> Self {
        self.line_col = Some((line, col));
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{sev}: {}", crate::text::sanitize::visible(&self.path.to_string_lossy()))?;
        if let Some((l, c)) = self.line_col {
            write!(f, ":{l}:{c}")?;
        }
        write!(f, ": {}", crate::text::sanitize::visible(&self.reason))
    }
}
