//! Discovery evaluation: twelve short labelled documents (news, transcripts, noisy pages) in
//! `tests/discovery/docs` with labels in `tests/discovery/expected.toml` (the development set,
//! used while building discovery), and six held-out ones in `tests/discovery/heldout` (written
//! before discovery ran on them, never used to tune it). Loaded with no catalog; prints
//! precision and recall of people (and, for information, organisations) and every error.
//! Fails when people fall below 0.9 on the development set, or below 0.8 on the held-out set
//! (a floor against regressions; its figure is reported in BENCHMARKS.md).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use dossier::corpus::{Corpus, LoadOptions};
use dossier::model::EntityKind;

/// (document id, name) pairs.
type Pairs = BTreeSet<(String, String)>;

#[derive(serde::Deserialize)]
struct Labels {
    people: Vec<String>,
    orgs: Vec<String>,
    #[allow(dead_code)]
    products: Vec<String>,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/discovery")
}

/// (doc id, name) pairs found and expected for one kind.
fn pairs(c: &Corpus, labels: &BTreeMap<String, Labels>, kind: EntityKind) -> (Pairs, Pairs) {
    let mut found = BTreeSet::new();
    for (d, doc) in c.docs.iter().enumerate() {
        for m in c.doc_mentions(d) {
            if c.entities[m.entity()].kind == kind {
                found.insert((doc.id.clone(), c.entities[m.entity()].name.clone()));
            }
        }
        for (ad, e) in &c.authors {
            if *ad == d && c.entities[*e].kind == kind {
                found.insert((doc.id.clone(), c.entities[*e].name.clone()));
            }
        }
    }
    let expected = labels
        .iter()
        .flat_map(|(id, l)| {
            let names = if kind == EntityKind::Person { &l.people } else { &l.orgs };
            names.iter().map(move |n| (id.clone(), n.clone()))
        })
        .collect();
    (found, expected)
}

#[allow(clippy::cast_precision_loss)] // counts of a few dozen
fn report(what: &str, found: &Pairs, expected: &Pairs) -> (f64, f64) {
    let right = found.intersection(expected).count() as f64;
    let precision = if found.is_empty() { 1.0 } else { right / found.len() as f64 };
    let recall = if expected.is_empty() { 1.0 } else { right / expected.len() as f64 };
    println!(
        "{what}: precision {precision:.3} ({right}/{}), recall {recall:.3} ({right}/{})",
        found.len(),
        expected.len()
    );
    for (d, n) in found.difference(expected) {
        println!("  {what} false positive: {d}: {n}");
    }
    for (d, n) in expected.difference(found) {
        println!("  {what} missed: {d}: {n}");
    }
    (precision, recall)
}

/// Loads one labelled set and prints its figures; returns people's (precision, recall).
fn evaluate(set: &str) -> (f64, f64) {
    let dir = root().join(set);
    let labels: BTreeMap<String, Labels> =
        toml::from_str(&std::fs::read_to_string(dir.join("expected.toml")).expect("labels")).expect("valid labels");
    let c = Corpus::load(&LoadOptions::without_catalog(vec![dir.join("docs")]), &|_| {});
    assert_eq!(c.docs.len(), labels.len(), "every document is labelled");
    println!("== {set} ({} documents)", c.docs.len());
    let (found, expected) = pairs(&c, &labels, EntityKind::Person);
    let pr = report("people", &found, &expected);
    let (of, oe) = pairs(&c, &labels, EntityKind::Org);
    report("orgs (for information)", &of, &oe);
    pr
}

#[test]
fn people_discovery_precision_and_recall_are_at_least_0_9() {
    for (set, bar) in [(".", 0.9), ("heldout", 0.8)] {
        let (p, r) = evaluate(set);
        assert!(p >= bar && r >= bar, "{set}: people precision {p:.3}, recall {r:.3}: below {bar}");
    }
}
