//! The query language of full-text search, parsed into [`FindQuery`]; the engine
//! ([`super::TextIndex`]) turns it into index queries.
//!
//! Words separated by spaces must all occur (AND); `"exact phrase"` occurs word for word;
//! `a OR b` accepts either (`OR` in capitals, between two terms); `-word` (or `-"phrase"`,
//! `-pre*`) must not occur; `pre*` is any word starting so; `@kind:id` keeps documents that
//! mention that entity (`@person:andy-jassy`, `@org:aws`; the kinds are the jump's). Case and
//! accents are ignored. Bad syntax is an `Err` with a sentence for the user, never a panic.

use crate::model::EntityKind;

/// One thing to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Atom {
    /// A word, as typed (the engine folds it; a word with inner punctuation such as
    /// `e-mail` becomes a phrase of its parts).
    Word(String),
    /// Words that occur together in this order.
    Phrase(String),
    /// A word starting with this.
    Prefix(String),
}

/// An entity a document must mention: `@person:andy-jassy`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityFilter {
    /// The kind named.
    pub kind: EntityKind,
    /// The entity's id (or name) as typed.
    pub id: String,
}

/// A parsed query: every group must match (within a group, any atom), no excluded atom may,
/// and every entity filter must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FindQuery {
    /// AND of ORs.
    pub groups: Vec<Vec<Atom>>,
    /// Atoms that must not occur.
    pub exclude: Vec<Atom>,
    /// Entities each document must mention.
    pub entities: Vec<EntityFilter>,
}

impl FindQuery {
    /// Every atom that must or may match (for highlighting), in query order.
    #[must_use]
    pub fn positive(&self) -> Vec<&Atom> {
        self.groups.iter().flatten().collect()
    }
}

/// A token of the query line.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Or,
    Term { negate: bool, atom: Atom },
    Entity(EntityFilter),
}

/// Parses a query; `Err` names what is wrong.
pub fn parse(input: &str) -> Result<FindQuery, String> {
    let mut q = FindQuery::default();
    let toks = tokens(input)?;
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            Tok::Or => return Err("OR needs a term on each side (as in `apple OR pear`)".into()),
            Tok::Entity(e) => q.entities.push(e.clone()),
            Tok::Term { negate: true, atom } => q.exclude.push(atom.clone()),
            Tok::Term { negate: false, atom } => {
                let mut group = vec![atom.clone()];
                while toks.get(i + 1) == Some(&Tok::Or) {
                    match toks.get(i + 2) {
                        Some(Tok::Term { negate: false, atom }) => group.push(atom.clone()),
                        Some(Tok::Term { negate: true, .. }) => {
                            return Err("OR cannot join an exclusion (`-word`); exclusions stand alone".into())
                        }
                        _ => return Err("OR needs a term on each side (as in `apple OR pear`)".into()),
                    }
                    i += 2;
                }
                q.groups.push(group);
            }
        }
        i += 1;
    }
    if q.groups.is_empty() {
        return Err(if q.exclude.is_empty() && q.entities.is_empty() {
            "the query is empty: type words, \"a phrase\", pre* or a OR b".into()
        } else {
            "the query needs a word, phrase or prefix to find, not only exclusions or @filters".into()
        });
    }
    Ok(q)
}

fn tokens(input: &str) -> Result<Vec<Tok>, String> {
    let mut out = Vec::new();
    let mut chars = input.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let negate = c == '-';
        if negate {
            chars.next();
            if chars.peek().is_none_or(|c| c.is_whitespace()) {
                return Err("`-` must be followed by what to leave out (as in `-draft`)".into());
            }
        }
        if chars.peek() == Some(&'"') {
            chars.next();
            let mut phrase = String::new();
            let mut closed = false;
            for c in chars.by_ref() {
                if c == '"' {
                    closed = true;
                    break;
                }
                phrase.push(c);
            }
            if !closed {
                return Err("a phrase is not closed: add the second `\"`".into());
            }
            if phrase.trim().is_empty() {
                return Err("an empty phrase `\"\"`: put words between the quotes".into());
            }
            out.push(Tok::Term { negate, atom: Atom::Phrase(phrase.trim().to_string()) });
            continue;
        }
        let mut word = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            if c == '"' {
                return Err(format!("a `\"` inside `{word}\"`: put spaces around a phrase"));
            }
            word.push(c);
            chars.next();
        }
        if word == "OR" && !negate {
            out.push(Tok::Or);
        } else if let Some(filter) = word.strip_prefix('@') {
            if negate {
                return Err(format!("`-@{filter}`: an entity filter cannot be excluded"));
            }
            out.push(Tok::Entity(entity_filter(filter)?));
        } else if let Some(prefix) = word.strip_suffix('*') {
            if prefix.is_empty() || prefix.contains('*') {
                return Err(format!("`{word}`: a prefix needs letters before one final `*` (as in `launch*`)"));
            }
            out.push(Tok::Term { negate, atom: Atom::Prefix(prefix.to_string()) });
        } else if word.contains('*') {
            return Err(format!("`{word}`: `*` is allowed only at the end of a word (as in `launch*`)"));
        } else {
            out.push(Tok::Term { negate, atom: Atom::Word(word) });
        }
    }
    Ok(out)
}

fn entity_filter(text: &str) -> Result<EntityFilter, String> {
    let usage = "use @KIND:ID, as in @person:andy-jassy (kinds: person, org, chip, model, service)";
    let Some((kind, id)) = text.split_once(':') else {
        return Err(format!("`@{text}`: {usage}"));
    };
    let Some(kind) = EntityKind::parse(kind) else {
        return Err(format!("`@{text}`: `{kind}` is not a kind; {usage}"));
    };
    if id.is_empty() {
        return Err(format!("`@{text}`: the entity's id is missing; {usage}"));
    }
    Ok(EntityFilter { kind, id: id.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Atom {
        Atom::Word(s.into())
    }

    #[test]
    fn words_phrases_or_exclusions_prefixes_and_filters() {
        let q = parse(r#"chips "custom silicon" trainium OR inferentia -draft launch* @person:andy-jassy"#)
            .expect("parses");
        assert_eq!(
            q.groups,
            vec![
                vec![w("chips")],
                vec![Atom::Phrase("custom silicon".into())],
                vec![w("trainium"), w("inferentia")],
                vec![Atom::Prefix("launch".into())],
            ]
        );
        assert_eq!(q.exclude, vec![w("draft")]);
        assert_eq!(q.entities, vec![EntityFilter { kind: EntityKind::Person, id: "andy-jassy".into() }]);
        let q = parse(r#"a OR b OR "c d" -"e f" -g*"#).expect("parses");
        assert_eq!(q.groups, vec![vec![w("a"), w("b"), Atom::Phrase("c d".into())]]);
        assert_eq!(q.exclude, vec![Atom::Phrase("e f".into()), Atom::Prefix("g".into())]);
        assert_eq!(parse("or").expect("lowercase or is a word").groups, vec![vec![w("or")]]);
    }

    #[test]
    fn bad_syntax_is_explained() {
        for (bad, says) in [
            ("", "empty"),
            ("   ", "empty"),
            ("\"open", "not closed"),
            ("\"\"", "empty phrase"),
            ("OR apple", "OR needs"),
            ("apple OR", "OR needs"),
            ("apple OR -pear", "exclusion"),
            ("- apple", "followed by"),
            ("-apple", "not only exclusions"),
            ("@person:x", "not only exclusions"),
            ("a @planet:x", "not a kind"),
            ("a @person", "@KIND:ID"),
            ("a @person:", "missing"),
            ("*", "prefix"),
            ("a*b", "only at the end"),
            ("a**", "prefix"),
            ("ab\"c d\"", "spaces around"),
        ] {
            let e = parse(bad).expect_err(bad);
            assert!(e.contains(says), "{bad:?} → {e}");
        }
    }
}
