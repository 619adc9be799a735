//! The relation chart: who leads what, who reports to whom and what is part of what, drawn as
//! a tree, with departures and successors marked on the people concerned. Every edge comes
//! from a fact (curated or extracted) and opens on its quote. Shared by `dossier chart` and
//! the explorer's chart view.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{json, Value};

use crate::analysis::card::{Row, Target, Tone};
use crate::corpus::Corpus;
use crate::model::{EntIdx, EntityKind, FactObject};
use crate::text::sanitize::one_line;

/// A point of the chart: an entity, or a value a fact names ("new organisation for AI").
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Node {
    /// An entity.
    Entity(EntIdx),
    /// A plain value.
    Value(String),
}

/// One edge: `above` leads `below`, `below` reports to `above`, or `below` is part of `above`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// The upper end.
    pub above: Node,
    /// The lower end.
    pub below: Node,
    /// How the lower end stands to the upper one: `led by`, `reports to`, `part of`, `member`.
    pub relation: &'static str,
    /// The fact it comes from (index into `Corpus::facts`).
    pub fact: usize,
}

/// The chart of a corpus, or of the part of it connected to one entity.
#[derive(Debug, Clone, Default)]
pub struct Chart {
    /// The edges, each pair of ends once.
    pub edges: Vec<Edge>,
    /// Departures and successions, per entity: (text, fact).
    pub marks: HashMap<EntIdx, Vec<(String, usize)>>,
    /// The entity the chart is about, if any.
    pub focus: Option<EntIdx>,
}

impl Chart {
    /// The chart of the whole corpus (`focus` `None`), or of what is connected to `focus`.
    #[must_use]
    pub fn build(c: &Corpus, focus: Option<EntIdx>) -> Self {
        let mut edges: Vec<Edge> = Vec::new();
        let mut seen: HashSet<(Node, Node)> = HashSet::new();
        let mut marks: HashMap<EntIdx, Vec<(String, usize)>> = HashMap::new();
        for (i, f) in c.facts.iter().enumerate() {
            let subject = Node::Entity(f.subject);
            let object = match &f.object {
                FactObject::Entity(e) => Node::Entity(*e),
                FactObject::Value(v) => Node::Value(v.clone()),
            };
            let (above, below, relation) = match f.predicate.as_str() {
                "leads" => (subject, object, "led by"),
                "reports_to" => (object, subject, "reports to"),
                "part_of" if c.entities[f.subject].kind == EntityKind::Person => (object, subject, "member"),
                "part_of" => (object, subject, "part of"),
                "leaves" | "succeeded_by" => {
                    let other = crate::analysis::xref::fact_object(c, f);
                    let when = f.date.map(|d| format!(" ({d})")).unwrap_or_default();
                    let text = if f.predicate == "leaves" {
                        format!("left {other}{when}")
                    } else {
                        format!("succeeded by {other}{when}")
                    };
                    marks.entry(f.subject).or_default().push((text, i));
                    if let FactObject::Entity(o) = f.object {
                        if f.predicate == "succeeded_by" {
                            let name = &c.entities[f.subject].name;
                            marks.entry(o).or_default().push((format!("succeeds {name}{when}"), i));
                        }
                    }
                    continue;
                }
                _ => continue,
            };
            if above != below && seen.insert((above.clone(), below.clone())) {
                edges.push(Edge { above, below, relation, fact: i });
            }
        }
        if let Some(e) = focus {
            let keep = component(&edges, &Node::Entity(e));
            edges.retain(|x| keep.contains(&x.above));
            marks.retain(|m, _| keep.contains(&Node::Entity(*m)) || *m == e);
        }
        Self { edges, marks, focus }
    }

    /// The chart as rows: each tree from its top, children indented under their parent, each
    /// edge's row opening its quote; a node met a second time is named, not repeated.
    #[must_use]
    pub fn rows(&self, c: &Corpus) -> Vec<Row> {
        // A node with several parents hangs under one (reporting lines first, then who leads
        // it, then what it is part of; curated before extracted); the other parents name it.
        let rank = |i: usize| {
            let e = &self.edges[i];
            let r = ["reports to", "led by", "part of", "member"].iter().position(|r| *r == e.relation);
            (c.facts[e.fact].origin.is_extracted(), r, i)
        };
        let mut primary: HashMap<&Node, usize> = HashMap::new();
        for (i, e) in self.edges.iter().enumerate() {
            let p = primary.entry(&e.below).or_insert(i);
            if rank(i) < rank(*p) {
                *p = i;
            }
        }
        let mut children: BTreeMap<&Node, Vec<usize>> = BTreeMap::new();
        let mut has_parent: HashSet<&Node> = HashSet::new();
        for (i, e) in self.edges.iter().enumerate() {
            children.entry(&e.above).or_default().push(i);
            has_parent.insert(&e.below);
        }
        let is_primary = |i: usize| primary.get(&self.edges[i].below) == Some(&i);
        let name = |n: &Node| match n {
            Node::Entity(e) => c.entities[*e].name.clone(),
            Node::Value(v) => v.clone(),
        };
        for list in children.values_mut() {
            list.sort_by_key(|&i| (self.edges[i].relation, name(&self.edges[i].below)));
        }
        // Tops: nodes with children and no parent, the largest trees first; then whatever a
        // cycle left out.
        let size = |n: &Node| children.get(n).map_or(0, Vec::len);
        let mut tops: Vec<&Node> = children.keys().copied().filter(|n| !has_parent.contains(n)).collect();
        tops.sort_by_key(|n| (std::cmp::Reverse(size(n)), name(n)));
        let mut rows = Vec::new();
        let mut visited: HashSet<&Node> = HashSet::new();
        // Trees deeper than the indent allows go on as trees of their own, after this one.
        let mut deferred: Vec<&Node> = Vec::new();
        for top in tops {
            self.tree(c, top, &children, &is_primary, &mut visited, &mut rows, &mut deferred);
            while let Some(n) = deferred.pop() {
                self.tree(c, n, &children, &is_primary, &mut visited, &mut rows, &mut deferred);
            }
        }
        for &n in children.keys() {
            if !visited.contains(n) {
                self.tree(c, n, &children, &is_primary, &mut visited, &mut rows, &mut deferred);
                while let Some(n) = deferred.pop() {
                    self.tree(c, n, &children, &is_primary, &mut visited, &mut rows, &mut deferred);
                }
            }
        }
        let mut lone: Vec<&EntIdx> = self.marks.keys().filter(|e| !visited.contains(&Node::Entity(**e))).collect();
        lone.sort_by_key(|e| c.entities[**e].name.clone());
        for e in lone {
            rows.push(Row::blank());
            rows.push(self.node_row(c, &Node::Entity(*e), String::new(), None));
            self.mark_rows(c, *e, "", &mut rows);
        }
        if rows.is_empty() {
            rows.push(Row::text("No fact says who leads, reports to or is part of what.", Tone::Dim));
        }
        rows
    }

    /// One tree, depth first, without recursion (a deep chain cannot overflow the stack).
    #[allow(clippy::too_many_arguments)]
    fn tree<'a>(
        &'a self,
        c: &Corpus,
        top: &'a Node,
        children: &BTreeMap<&'a Node, Vec<usize>>,
        is_primary: &dyn Fn(usize) -> bool,
        visited: &mut HashSet<&'a Node>,
        rows: &mut Vec<Row>,
        deferred: &mut Vec<&'a Node>,
    ) {
        if !rows.is_empty() {
            rows.push(Row::blank());
        }
        visited.insert(top);
        rows.push(self.node_row(c, top, String::new(), None));
        if let Node::Entity(e) = top {
            self.mark_rows(c, *e, "", rows);
        }
        // (edge, the prefix of its row, the prefix of its children's rows)
        let mut stack: Vec<(usize, String, String)> = Vec::new();
        let push_children = |stack: &mut Vec<(usize, String, String)>, node: &Node, indent: &str| {
            let Some(list) = children.get(node) else { return };
            for (k, &i) in list.iter().enumerate().rev() {
                let is_last = k + 1 == list.len();
                let (branch, below) =
                    if is_last { ("\u{2514}\u{2500} ", "   ") } else { ("\u{251c}\u{2500} ", "\u{2502}  ") };
                stack.push((i, format!("{indent}{branch}"), format!("{indent}{below}")));
            }
        };
        push_children(&mut stack, top, "");
        while let Some((i, prefix, indent)) = stack.pop() {
            let edge = &self.edges[i];
            // Another parent's child, or met before: named here, drawn where it hangs.
            let again = !is_primary(i) || !visited.insert(&edge.below);
            rows.push(self.node_row(c, &edge.below, prefix, Some((edge, again))));
            if again {
                continue;
            }
            if let Node::Entity(e) = &edge.below {
                self.mark_rows(c, *e, &indent, rows);
            }
            // Indents stay short (a long chain would make its rows grow with its depth).
            if indent.chars().count() >= 3 * MAX_DEPTH && children.contains_key(&edge.below) {
                rows.push(Row::text(format!("{indent}\u{2026} continued below"), Tone::Dim));
                deferred.push(&edge.below);
                continue;
            }
            push_children(&mut stack, &edge.below, &indent);
        }
    }

    /// A node's row: its name, how it stands to its parent and the fact's title, opening the
    /// fact's quote (a top opens its card).
    fn node_row(&self, c: &Corpus, node: &Node, prefix: String, edge: Option<(&Edge, bool)>) -> Row {
        let (name, tone) = match node {
            Node::Entity(e) => (one_line(&c.entities[*e].name), Tone::Kind(c.entities[*e].kind)),
            Node::Value(v) => (one_line(v), Tone::Text),
        };
        let mut parts = vec![(prefix, Tone::Dim), (name, tone)];
        if self.focus.is_some_and(|f| *node == Node::Entity(f)) {
            parts.push(("  \u{25c0}".into(), Tone::Heading));
        }
        let target = match edge {
            Some((edge, again)) => {
                let f = &c.facts[edge.fact];
                let title = f
                    .value
                    .as_deref()
                    .filter(|v| !v.eq_ignore_ascii_case(edge.relation))
                    .map(|v| format!(", {}", one_line(v)))
                    .unwrap_or_default();
                let origin = if f.origin.is_extracted() { " \u{b7} extracted" } else { "" };
                let see = if again { " \u{b7} also elsewhere in the chart" } else { "" };
                parts.push((format!("  {}{title}{origin}{see}", edge.relation), Tone::Dim));
                f.quote_span.is_some().then_some(Target::Fact(edge.fact))
            }
            None => match node {
                Node::Entity(e) => Some(Target::Entity(*e)),
                Node::Value(_) => None,
            },
        };
        Row { parts, target }
    }

    /// The departures and successions of an entity, under its row.
    fn mark_rows(&self, c: &Corpus, e: EntIdx, indent: &str, rows: &mut Vec<Row>) {
        for (text, fact) in self.marks.get(&e).into_iter().flatten() {
            let f = &c.facts[*fact];
            let target = f.quote_span.is_some().then_some(Target::Fact(*fact));
            let tone = if text.starts_with("left") { Tone::Warn } else { Tone::Dim };
            rows.push(Row {
                parts: vec![(format!("{indent}   \u{21b3} "), Tone::Dim), (one_line(text), tone)],
                target,
            });
        }
    }

    /// The edges as JSON records: ends (ids or values), relation, the fact's title, date,
    /// origin, document and quote.
    #[must_use]
    pub fn json(&self, c: &Corpus) -> Vec<Value> {
        let end = |n: &Node| match n {
            Node::Entity(e) => json!({"entity": c.entities[*e].id, "name": c.entities[*e].name}),
            Node::Value(v) => json!({"value": v}),
        };
        self.edges
            .iter()
            .map(|e| {
                let f = &c.facts[e.fact];
                json!({
                    "above": end(&e.above), "below": end(&e.below), "relation": e.relation, "title": f.value,
                    "date": f.date, "origin": f.origin.label(), "doc": c.docs[f.doc].id,
                    "quote": f.quote_span.as_ref().map_or(f.quote.as_str(), |s| &c.docs[f.doc].body[s.clone()]),
                })
            })
            .collect()
    }
}

/// How deep a tree is drawn before its lower levels go on as a tree of their own.
const MAX_DEPTH: usize = 16;

/// The nodes connected to `start` by any edge, either way.
fn component(edges: &[Edge], start: &Node) -> HashSet<Node> {
    let mut next: HashMap<&Node, Vec<&Node>> = HashMap::new();
    for e in edges {
        next.entry(&e.above).or_default().push(&e.below);
        next.entry(&e.below).or_default().push(&e.above);
    }
    let mut seen: HashSet<Node> = HashSet::from([start.clone()]);
    let mut todo = vec![start];
    while let Some(n) = todo.pop() {
        for &m in next.get(n).into_iter().flatten() {
            if seen.insert(m.clone()) {
                todo.push(m);
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::LoadOptions;

    fn text(rows: &[Row]) -> String {
        rows.iter().map(Row::plain).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn the_bundled_chart_shows_who_leads_and_reports_to_whom() {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        let chart = text(&Chart::build(&c, None).rows(&c));
        let line = |s: &str| chart.lines().position(|l| l.contains(s)).unwrap_or_else(|| panic!("{s}:\n{chart}"));
        // Andy Jassy above Peter DeSantis, who is above the organisation he leads.
        assert!(line("Andy Jassy") < line("Peter DeSantis  reports to"), "{chart}");
        assert!(line("Peter DeSantis  reports to") < line("new organisation for AI models"), "{chart}");
        assert!(chart.contains("Pieter Abbeel"), "{chart}");
        assert!(chart.contains("left Amazon"), "{chart}");
        assert!(chart.contains("succeeded by Rajesh Sheth"), "{chart}");
        // Each edge's row opens its quote.
        let rows = Chart::build(&c, None).rows(&c);
        let desantis = rows.iter().find(|r| r.plain().contains("Peter DeSantis  reports to")).expect("row");
        assert!(matches!(desantis.target.clone().map(|t| t.resolved(&c)), Some(Target::Doc(..))));
    }

    #[test]
    fn a_long_chain_is_drawn_in_linear_space() {
        use crate::model::{DocKind, Document};
        let n = 400;
        let mut body = String::new();
        for i in 0..n {
            body += &["Unit", &i.to_string(), " Agency, part of Unit", &(i + 1).to_string(), " Agency.\n"].concat();
        }
        let doc = Document {
            id: "d".into(),
            path: "d.txt".into(),
            shown_path: "d.txt".into(),
            title: "d".into(),
            date: None,
            author: None,
            url: None,
            kind: DocKind::Note,
            keywords: Vec::new(),
            body,
            hints: Vec::new(),
            body_line: 0,
        };
        let c = Corpus::from_documents(vec![doc], None, true);
        let chart = Chart::build(&c, None);
        assert!(chart.edges.len() > n / 2, "{} edges", chart.edges.len());
        let rows = chart.rows(&c);
        let longest = rows.iter().map(|r| r.plain().chars().count()).max().unwrap_or(0);
        assert!(longest < 3 * MAX_DEPTH + 80, "a row of {longest} characters");
        let text: usize = rows.iter().map(|r| r.plain().len()).sum();
        assert!(text < 200 * n, "{text} bytes for {n} links");
    }

    #[test]
    fn a_chart_of_one_entity_keeps_only_what_is_connected_to_it() {
        let c = Corpus::load(&LoadOptions::default(), &|_| {});
        let vasi = c.entities.iter().position(|e| e.name == "Vasi Philomin").expect("Vasi");
        let chart = text(&Chart::build(&c, Some(vasi)).rows(&c));
        assert!(chart.contains("Vasi Philomin") && chart.contains("succeeded by Rajesh Sheth"), "{chart}");
        assert!(!chart.contains("Pieter Abbeel"), "{chart}");
    }
}
