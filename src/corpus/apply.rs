//! Applying a catalog and front matter: document overrides, curated entities with their rules
//! and parents, entities hinted in front matter, and curated facts with their quotes found.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::Corpus;
use crate::model::{
    DocIdx, EntIdx, Entity, EntityKind, Fact, FactObject, FactOrigin, MatchRule, Mention, Origin, Severity,
};
use crate::recognize::catalog::Catalog;
use crate::recognize::known;
use crate::text::date::PartialDate;
use crate::text::quote;

impl Corpus {
    pub(super) fn apply_overrides(&mut self, cat: &Catalog) {
        let by_id: HashMap<String, DocIdx> = self.docs.iter().enumerate().map(|(i, d)| (d.id.clone(), i)).collect();
        for o in &cat.documents {
            let Some(&i) = by_id.get(o.id.get_ref()) else {
                let mut p = cat.problem_at(&o.id, format!("document `{}` is not in the corpus", o.id.get_ref()));
                p.severity = Severity::Warning;
                self.problems.push(p);
                continue;
            };
            let d = &mut self.docs[i];
            self.originals.entry(i).or_insert_with(|| super::Original::of(d));
            if let Some(t) = &o.title {
                d.title.clone_from(t);
            }
            if let Some(date) = o.date.as_deref().and_then(PartialDate::parse) {
                d.date = Some(date);
            }
            if let Some(k) = o.kind {
                d.kind = k;
            }
            if let Some(a) = &o.author {
                d.author = Some(a.clone());
            }
        }
    }

    pub(super) fn add_catalog_entities(&mut self, cat: &Catalog) {
        for e in &cat.entities {
            let mut aliases = e.aliases.clone();
            let mut alias_rules = BTreeMap::new();
            for r in &e.alias_rules {
                if !aliases.contains(&r.alias) {
                    aliases.push(r.alias.clone());
                }
                alias_rules.insert(
                    r.alias.clone(),
                    MatchRule { case_sensitive: r.case_sensitive, context: r.context.clone() },
                );
            }
            self.entities.push(Entity {
                id: e.id.get_ref().clone(),
                kind: e.kind,
                name: e.name.clone(),
                aliases,
                summary: e.summary.clone(),
                attributes: e.attributes.clone(),
                origin: Origin::Catalog,
                rule: MatchRule { case_sensitive: e.case_sensitive, context: e.context.clone() },
                alias_rules,
                parent: None,
            });
        }
        let ids: HashMap<String, EntIdx> = self.entities.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
        for (i, e) in cat.entities.iter().enumerate() {
            self.entities[i].parent = e.parent.as_ref().and_then(|p| ids.get(p.get_ref()).copied());
        }
    }

    /// Entities named in front matter, unless an entity already has the name or it is rejected.
    pub(super) fn add_front_matter_entities(&mut self, rejected: &HashSet<String>) {
        let mut known: HashSet<String> =
            self.entities.iter().flat_map(|e| e.names().map(str::to_lowercase).collect::<Vec<_>>()).collect();
        known.extend(rejected.iter().cloned());
        let mut ids: HashSet<String> = self.entities.iter().map(|e| e.id.clone()).collect();
        let hints: Vec<(EntityKind, String)> = self.docs.iter().flat_map(|d| d.hints.iter().cloned()).collect();
        for (kind, name) in hints {
            let name = name.trim().to_string();
            if name.chars().count() < 2 || !known.insert(name.to_lowercase()) {
                continue;
            }
            let id = crate::text::ids::unique_id(&crate::text::ids::slug(&name), &mut ids);
            self.entities.push(Entity::named(id, kind, name, Origin::FrontMatter));
        }
    }

    /// Adds the catalog's facts; returns those it lists as rejected (subject, predicate,
    /// object, document), which are read from the text no more.
    pub(super) fn add_facts(&mut self, cat: &Catalog) -> Vec<(EntIdx, String, FactObject, DocIdx)> {
        let mut rejected = Vec::new();
        for f in &cat.facts {
            let (Some(&subject), Some(&doc)) =
                (self.entity_by_id.get(f.subject.get_ref()), self.doc_by_id.get(f.doc.get_ref()))
            else {
                if !self.doc_by_id.contains_key(f.doc.get_ref()) {
                    self.problems.push(cat.problem_at(
                        &f.doc,
                        format!("fact cites document `{}`, which is not in the corpus", f.doc.get_ref()),
                    ));
                }
                continue;
            };
            // A rejected fact's quote is not shown: it is not looked for.
            let quote_span = if f.rejected { None } else { quote::find(&self.docs[doc].body, f.quote.get_ref()) };
            if quote_span.is_none() && !f.rejected {
                self.problems.push(cat.problem_at(
                    &f.quote,
                    format!("quote not found in {}: \"{}\"", f.doc.get_ref(), f.quote.get_ref()),
                ));
            }
            let object = self
                .entity_by_id
                .get(&f.object)
                .map_or_else(|| FactObject::Value(f.object.clone()), |&e| FactObject::Entity(e));
            if f.rejected {
                rejected.push((subject, f.predicate.clone(), object, doc));
                continue;
            }
            self.facts.push(Fact {
                subject,
                predicate: f.predicate.clone(),
                object,
                value: f.value.clone(),
                date: f.date.as_deref().and_then(PartialDate::parse),
                doc,
                quote: f.quote.get_ref().clone(),
                quote_span,
                note: f.note.clone(),
                cumulative: f.cumulative,
                origin: FactOrigin::Catalog,
            });
        }
        rejected
    }

    /// Adds the gazetteer's entities whose names no entity already has (a catalog or front
    /// matter wins); returns where they start. `keep_mentioned` later drops those
    /// the text never mentions.
    pub(super) fn add_known_entities(&mut self, rejected: &HashSet<String>) -> usize {
        let from = self.entities.len();
        let taken: HashSet<String> =
            self.entities.iter().flat_map(|e| e.names().map(str::to_lowercase).collect::<Vec<_>>()).collect();
        let rows: Vec<known::Row> = known::ROWS
            .iter()
            .filter(|r| !rejected.contains(&r.name.to_lowercase()))
            .filter(|r| std::iter::once(&r.name).chain(&r.aliases).all(|n| !taken.contains(&n.to_lowercase())))
            .cloned()
            .collect();
        let mut ids: HashSet<String> = self.entities.iter().map(|e| e.id.clone()).collect();
        for mut e in known::entities(&rows, &mut ids) {
            e.parent = e.parent.map(|p| p + from);
            self.entities.push(e);
        }
        from
    }

    /// Drops the gazetteer's entities (those in `known`) that no mention names, and renumbers
    /// the mentions and parents that remain. Returns the index each entity kept had before
    /// (all of them when nothing was dropped).
    pub(super) fn keep_mentioned(&mut self, known: std::ops::Range<usize>, mentions: &mut [Mention]) -> Vec<EntIdx> {
        let mut used = vec![false; self.entities.len()];
        for m in mentions.iter() {
            used[m.entity()] = true;
        }
        // A mentioned entity's parents stay too, all the way up: "Trainium" brings AWS, and
        // AWS brings Amazon.
        for i in known.clone() {
            if used[i] {
                let mut p = self.entities[i].parent;
                while let Some(q) = p.filter(|&q| !used[q]) {
                    used[q] = true;
                    p = self.entities[q].parent;
                }
            }
        }
        if known.clone().all(|i| used[i]) {
            return (0..self.entities.len()).collect();
        }
        let mut map = vec![usize::MAX; self.entities.len()];
        let mut kept = Vec::with_capacity(self.entities.len());
        let mut was = Vec::with_capacity(self.entities.len());
        for (i, e) in std::mem::take(&mut self.entities).into_iter().enumerate() {
            if !known.contains(&i) || used[i] {
                map[i] = kept.len();
                kept.push(e);
                was.push(i);
            }
        }
        for e in &mut kept {
            e.parent = e.parent.map(|p| map[p]).filter(|&p| p != usize::MAX);
        }
        self.entities = kept;
        for m in mentions.iter_mut() {
            *m = Mention::new(map[m.entity()], m.doc(), m.span(), m.how);
        }
        was
    }
}
