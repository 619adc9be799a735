//! The curated catalog: entities with aliases and rules, facts with quotes, document overrides.
//!
//! The bundled corpus's catalog is `assets/catalog.toml`, embedded in the binary. A user's folder
//! may have a `dossier.toml` at its root, or one is given with `--catalog FILE`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::model::{DocKind, EntityKind, Problem, Severity};
use crate::text::date::PartialDate;

/// The catalog embedded in the binary, for the bundled corpus.
pub const BUNDLED: &str = include_str!("../../assets/catalog.toml");
/// The name of a catalog at the root of a user's folder.
pub const FILE_NAME: &str = "dossier.toml";

/// A parsed, validated catalog.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// Where it was read from.
    pub path: PathBuf,
    /// Curated entities.
    pub entities: Vec<CatalogEntity>,
    /// Facts with quotes.
    pub facts: Vec<CatalogFact>,
    /// Title, date and kind overrides by document id.
    pub documents: Vec<DocumentOverride>,
    /// Names rejected by the user: never an entity or a candidate, whatever finds them.
    pub reject: Vec<String>,
    /// The source text, to turn byte offsets into line and column.
    source: String,
}

/// One curated entity.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogEntity {
    /// Slug id.
    pub id: Spanned<String>,
    /// Kind.
    pub kind: EntityKind,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Other names, including mis-hearings.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A sentence or two.
    pub summary: Option<String>,
    /// Link only with exactly this case (for names that are ordinary words).
    #[serde(default)]
    pub case_sensitive: bool,
    /// Link only with one of these words nearby.
    #[serde(default)]
    pub context: Vec<String>,
    /// Aliases with a rule of their own: `{ alias = "clad", case_sensitive = true, context = ["model"] }`.
    #[serde(default)]
    pub alias_rules: Vec<AliasRule>,
    /// The family this is a generation or member of.
    pub parent: Option<Spanned<String>>,
    /// Role, affiliation, maker, status, …
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
}

/// A rule for one alias, overriding the entity's.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasRule {
    /// The alias (added to the aliases if not already there).
    pub alias: String,
    /// Exact case only.
    #[serde(default)]
    pub case_sensitive: bool,
    /// One of these words nearby.
    #[serde(default)]
    pub context: Vec<String>,
}

/// One fact with its source.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogFact {
    /// Entity id of the subject.
    pub subject: Spanned<String>,
    /// Predicate.
    pub predicate: String,
    /// Entity id or value.
    pub object: String,
    /// An amount, title or other detail qualifying the fact (`$4 billion`).
    pub value: Option<String>,
    /// When.
    pub date: Option<String>,
    /// Id of the document quoted.
    pub doc: Spanned<String>,
    /// Verbatim quote from the document (whitespace and quote marks are compared loosely).
    pub quote: Spanned<String>,
    /// A remark.
    pub note: Option<String>,
    /// The value is a later, cumulative figure: not a contradiction of earlier ones.
    #[serde(default)]
    pub cumulative: bool,
    /// A fact read from the text that a person rejected: it is not read from that document
    /// again (and is not a fact).
    #[serde(default)]
    pub rejected: bool,
}

/// Metadata the catalog sets for a document.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentOverride {
    /// Document id.
    pub id: Spanned<String>,
    /// Title.
    pub title: Option<String>,
    /// Date.
    pub date: Option<String>,
    /// Kind.
    pub kind: Option<DocKind>,
    /// Author.
    pub author: Option<String>,
}

impl<'de> Deserialize<'de> for DocKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.as_str() {
            "article" => Ok(Self::Article),
            "transcript" => Ok(Self::Transcript),
            "note" => Ok(Self::Note),
            _ => Err(serde::de::Error::unknown_variant(&s, &["article", "transcript", "note"])),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    entity: Vec<CatalogEntity>,
    #[serde(default)]
    fact: Vec<CatalogFact>,
    #[serde(default)]
    document: Vec<DocumentOverride>,
    #[serde(default)]
    reject: Vec<String>,
}

impl Catalog {
    /// The embedded catalog of the bundled corpus.
    pub fn bundled() -> Result<Self, Vec<Problem>> {
        Self::parse(Path::new("assets/catalog.toml"), BUNDLED)
    }

    /// Reads and validates a catalog file.
    pub fn read(path: &Path) -> Result<Self, Vec<Problem>> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| vec![Problem::new(Severity::Error, path, format!("cannot read catalog: {e}"))])?;
        Self::parse(path, &text)
    }

    /// Parses and validates catalog text. Every problem found is returned at once.
    pub fn parse(path: &Path, text: &str) -> Result<Self, Vec<Problem>> {
        let file: File = toml::from_str(text).map_err(|e| {
            let mut p = Problem::new(Severity::Error, path, e.message().to_string());
            if let Some(span) = e.span() {
                let (l, c) = line_col(text, span.start);
                p = p.at(l, c);
            }
            vec![p]
        })?;
        let cat = Self {
            path: path.to_path_buf(),
            entities: file.entity,
            facts: file.fact,
            documents: file.document,
            reject: file.reject,
            source: text.to_string(),
        };
        let problems = cat.validate();
        if problems.is_empty() {
            Ok(cat)
        } else {
            Err(problems)
        }
    }

    /// The rejected names, folded to lower case.
    #[must_use]
    pub fn rejected(&self) -> HashSet<String> {
        self.reject.iter().map(|n| n.trim().to_lowercase()).collect()
    }

    /// A problem at the position of a spanned value.
    #[must_use]
    pub fn problem_at<T>(&self, at: &Spanned<T>, reason: impl Into<String>) -> Problem {
        let (l, c) = line_col(&self.source, at.span().start);
        Problem::new(Severity::Error, &self.path, reason).at(l, c)
    }

    fn validate(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut ids = HashSet::new();
        for e in &self.entities {
            if !ids.insert(e.id.get_ref().as_str()) {
                problems.push(self.problem_at(&e.id, format!("duplicate entity id `{}`", e.id.get_ref())));
            }
            if e.id.get_ref().trim().is_empty() {
                problems.push(self.problem_at(&e.id, "entity with an empty id"));
            }
            if e.name.trim().is_empty() {
                problems.push(self.problem_at(&e.id, format!("entity `{}` has no name", e.id.get_ref())));
            }
        }
        let parents: HashMap<&str, &str> = self
            .entities
            .iter()
            .filter_map(|e| e.parent.as_ref().map(|p| (e.id.get_ref().as_str(), p.get_ref().as_str())))
            .collect();
        for e in &self.entities {
            if let Some(p) = &e.parent {
                if !ids.contains(p.get_ref().as_str()) {
                    problems.push(self.problem_at(p, format!("parent `{}` is not an entity id", p.get_ref())));
                } else if loops(&parents, e.id.get_ref()) {
                    problems.push(
                        self.problem_at(
                            p,
                            format!("the parents of `{}` lead back to it (a parent loop)", e.id.get_ref()),
                        ),
                    );
                }
            }
        }
        for f in &self.facts {
            // A rejected fact names what dossier found in the text, catalogued or not.
            if !f.rejected && !ids.contains(f.subject.get_ref().as_str()) {
                problems.push(
                    self.problem_at(&f.subject, format!("fact subject `{}` is not an entity id", f.subject.get_ref())),
                );
            }
            if f.quote.get_ref().trim().is_empty() {
                problems.push(self.problem_at(&f.quote, "fact with an empty quote"));
            }
            if let Some(d) = &f.date {
                if PartialDate::parse(d).is_none() {
                    problems.push(self.problem_at(
                        &f.subject,
                        format!("fact date `{d}` is not a date (use 2024, 2024-12 or 2024-12-04)"),
                    ));
                }
            }
        }
        for d in &self.documents {
            if let Some(date) = &d.date {
                if PartialDate::parse(date).is_none() {
                    problems.push(self.problem_at(&d.id, format!("document date `{date}` is not a date")));
                }
            }
        }
        problems
    }
}

#[cfg(test)]
mod loop_tests {
    use super::*;

    #[test]
    fn a_parent_loop_is_an_error_not_a_hang() {
        let text = "[[entity]]\nid = \"a\"\nkind = \"org\"\nname = \"A\"\nparent = \"b\"\n\n\
                    [[entity]]\nid = \"b\"\nkind = \"org\"\nname = \"B\"\nparent = \"a\"\n\n\
                    [[entity]]\nid = \"c\"\nkind = \"org\"\nname = \"C\"\nparent = \"c\"\n";
        let problems = Catalog::parse(Path::new("t.toml"), text).expect_err("loops");
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems.iter().all(|p| p.reason.contains("parent loop")), "{problems:?}");
    }
}

/// Whether following parents from `id` comes back to it (at most one step per entity).
fn loops(parents: &HashMap<&str, &str>, id: &str) -> bool {
    let mut at = id;
    for _ in 0..=parents.len() {
        match parents.get(at) {
            Some(&p) if p == id => return true,
            Some(&p) => at = p,
            None => return false,
        }
    }
    false
}

/// The 1-based line and column of a byte offset.
#[must_use]
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..text.floor_char_boundary(offset.min(text.len()))];
    let line = before.matches('\n').count() + 1;
    let col = before.rfind('\n').map_or(before.chars().count(), |i| before[i + 1..].chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        Catalog::parse(Path::new("c.toml"), text).expect_err("invalid").iter().map(ToString::to_string).collect()
    }

    #[test]
    fn the_bundled_catalog_is_valid() {
        let c = Catalog::bundled().expect("valid");
        assert!(c.entities.len() >= 40);
        assert!(c.facts.len() >= 20);
    }

    #[test]
    fn a_syntax_error_has_line_and_column() {
        let p = problems("[[entity]]\nid = \"a\"\nkind = \n");
        assert!(p[0].starts_with("error: c.toml:3:"), "{p:?}");
    }

    #[test]
    fn an_unknown_kind_is_named() {
        let p = problems("[[entity]]\nid = \"a\"\nname = \"A\"\nkind = \"planet\"\n");
        assert!(p[0].contains("planet") && p[0].contains("c.toml:4:"), "{p:?}");
    }

    #[test]
    fn every_semantic_problem_is_listed_at_once() {
        let p = problems(
            "[[entity]]\nid = \"a\"\nkind = \"org\"\nname = \"A\"\n\n[[entity]]\nid = \"a\"\nkind = \"org\"\n\n\
             [[fact]]\nsubject = \"zz\"\npredicate = \"leads\"\nobject = \"a\"\ndoc = \"d\"\nquote = \"q\"\n",
        );
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p[0].contains("c.toml:7:") && p[0].contains("duplicate entity id"), "{p:?}");
        assert!(p[1].contains("has no name"), "{p:?}");
        assert!(p[2].contains("c.toml:11:") && p[2].contains("`zz`"), "{p:?}");
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncdé f", 7), (2, 4));
    }
}
