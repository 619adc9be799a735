//! The architecture, checked: every module under `src/` imports only from its own layer or the
//! layers below it, and no modules under one parent import each other in a cycle.
//!
//! The layers, lowest first (the same list is in `src/lib.rs` and the README):
//! text → model → ingest → recognize → corpus → analysis → search → shared → tui → cli.
//! A scan of `crate::` and `super::` paths in the source is enough: the crate has no other way
//! to reach a module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const LAYERS: [&str; 10] =
    ["text", "model", "ingest", "recognize", "corpus", "analysis", "search", "shared", "tui", "cli"];

/// A module path such as `["tui", "app", "input"]`.
type ModPath = Vec<String>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let p = entry.expect("entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The module a file defines: `src/tui/app/mod.rs` → `tui::app`, `src/tui/jump.rs` → `tui::jump`.
fn module_of(src: &Path, file: &Path) -> ModPath {
    let rel = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let last = parts.pop().expect("a file name");
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" && stem != "main" {
        parts.push(stem.to_string());
    }
    parts
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The code of a file without comments and string literals, which could name paths that are
/// not imports.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut in_str = false;
        let mut prev = ' ';
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if in_str {
                if c == '"' && prev != '\\' {
                    in_str = false;
                }
                prev = if prev == '\\' && c == '\\' { ' ' } else { c };
                continue;
            }
            if c == '/' && chars.peek() == Some(&'/') {
                break;
            }
            // A quote inside a character literal (`'"'`) opens no string.
            if c == '"' && !(prev == '\'' && chars.peek() == Some(&'\'')) {
                in_str = true;
                prev = ' ';
                continue;
            }
            prev = c;
            out.push(c);
        }
        out.push('\n');
    }
    out
}

/// Every module path a file refers to, resolved to absolute paths: `crate::a::b`,
/// `crate::{a, b::c}`, `super::x` (from the file's module).
fn references(module: &ModPath, code: &str) -> BTreeSet<ModPath> {
    let mut refs = BTreeSet::new();
    for (prefix, base) in [("crate::", Vec::new()), ("super::", module[..module.len().saturating_sub(1)].to_vec())] {
        let mut at = 0;
        while let Some(i) = code[at..].find(prefix) {
            let start = at + i;
            at = start + prefix.len();
            if start > 0 && code[..start].chars().next_back().is_some_and(is_ident_char) {
                continue;
            }
            let rest = &code[at..];
            if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    let path: Vec<String> = item
                        .trim()
                        .split("::")
                        .map(|s| s.trim().chars().take_while(|&c| is_ident_char(c)).collect::<String>())
                        .take_while(|s| !s.is_empty())
                        .collect();
                    if !path.is_empty() {
                        refs.insert(base.iter().cloned().chain(path).collect());
                    }
                }
                continue;
            }
            let path: Vec<String> = rest
                .split("::")
                .map_while(|seg| {
                    let id: String = seg.chars().take_while(|&c| is_ident_char(c)).collect();
                    (!id.is_empty() && id.len() == seg.len().min(id.len())).then_some(id)
                })
                .collect();
            // Keep segments while each is followed by `::` (the last is a module or an item).
            let mut full = base.clone();
            let mut cursor = rest;
            for seg in path {
                full.push(seg.clone());
                cursor = &cursor[seg.len()..];
                match cursor.strip_prefix("::") {
                    Some(c) => cursor = c,
                    None => break,
                }
            }
            if full.len() > base.len() {
                refs.insert(full);
            }
        }
    }
    refs
}

/// The modules that exist, so a reference `crate::a::b::Item` is cut to the module `a::b`.
fn known_modules(src: &Path, files: &[PathBuf]) -> BTreeSet<ModPath> {
    files.iter().map(|f| module_of(src, f)).collect()
}

fn module_part(known: &BTreeSet<ModPath>, path: &ModPath) -> ModPath {
    (1..=path.len()).rev().map(|n| path[..n].to_vec()).find(|p| known.contains(p)).unwrap_or_default()
}

fn layer(m: &ModPath) -> Option<usize> {
    m.first().and_then(|top| LAYERS.iter().position(|l| l == top))
}

/// Edges between modules: file module → referenced module (both cut to known modules).
fn edges() -> (BTreeSet<ModPath>, BTreeMap<ModPath, BTreeSet<ModPath>>) {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let known = known_modules(&src, &files);
    let mut graph: BTreeMap<ModPath, BTreeSet<ModPath>> = BTreeMap::new();
    for f in &files {
        let module = module_of(&src, f);
        let code = code_only(&std::fs::read_to_string(f).expect("read"));
        for r in references(&module, &code) {
            let target = module_part(&known, &r);
            if !target.is_empty() && target != module {
                graph.entry(module.clone()).or_default().insert(target);
            }
        }
    }
    (known, graph)
}

fn show(m: &ModPath) -> String {
    m.join("::")
}

#[test]
fn every_module_belongs_to_a_layer() {
    let (known, _) = edges();
    let stray: Vec<String> = known.iter().filter(|m| !m.is_empty() && layer(m).is_none()).map(show).collect();
    assert!(stray.is_empty(), "modules outside the layers {LAYERS:?}: {stray:?}");
}

#[test]
fn no_module_imports_from_a_layer_above_it() {
    let (_, graph) = edges();
    let mut wrong = Vec::new();
    for (from, tos) in &graph {
        let Some(lf) = layer(from) else { continue };
        for to in tos {
            if layer(to).is_some_and(|lt| lt > lf) {
                wrong.push(format!("{} imports {}", show(from), show(to)));
            }
        }
    }
    assert!(wrong.is_empty(), "imports from a higher layer:\n{}", wrong.join("\n"));
}

#[test]
fn sibling_modules_do_not_import_each_other_in_a_cycle() {
    let (known, graph) = edges();
    // For each parent, the graph among its children: child A → child B when anything inside A
    // refers to anything inside B.
    let parents: BTreeSet<ModPath> =
        known.iter().filter(|m| !m.is_empty()).map(|m| m[..m.len() - 1].to_vec()).collect();
    let mut cycles = Vec::new();
    for parent in parents {
        let child_of = |m: &ModPath| -> Option<String> {
            (m.len() > parent.len() && m[..parent.len()] == parent[..]).then(|| m[parent.len()].clone())
        };
        let mut sub: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (from, tos) in &graph {
            let Some(a) = child_of(from) else { continue };
            for to in tos {
                if let Some(b) = child_of(to) {
                    if a != b {
                        sub.entry(a.clone()).or_default().insert(b);
                    }
                }
            }
        }
        if let Some(cycle) = find_cycle(&sub) {
            let names: Vec<String> = cycle.iter().map(|c| show(&[parent.clone(), vec![c.clone()]].concat())).collect();
            cycles.push(names.join(" → "));
        }
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

/// One cycle in a directed graph, if there is one (depth-first search with colours).
fn find_cycle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        stack.push(n.to_string());
        for m in g.get(n).into_iter().flatten() {
            match state.get(m.as_str()).copied().unwrap_or(0) {
                1 => {
                    let at = stack.iter().position(|s| s == m).unwrap_or(0);
                    let mut c = stack[at..].to_vec();
                    c.push(m.clone());
                    return Some(c);
                }
                0 => {
                    if let Some(c) = visit(m, g, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in g.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0 {
            if let Some(c) = visit(n, g, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

/// The checker itself finds what it must: an upward import and a cycle in made-up code.
#[test]
fn the_scan_finds_upward_imports_and_cycles() {
    let m: ModPath = vec!["model".into()];
    let refs = references(&m, &code_only("use crate::tui::app::App; // crate::cli\nlet s = \"crate::cli\";"));
    assert_eq!(refs.into_iter().collect::<Vec<_>>(), vec![vec!["tui".to_string(), "app".into(), "App".into()]]);
    let refs = references(&vec!["model".into()], &code_only("let q = '\"'; use crate::cli::Exit;"));
    assert!(
        refs.contains(&vec!["cli".to_string(), "Exit".into()]),
        "a quote in a char literal hides nothing: {refs:?}"
    );
    let refs = references(&vec!["tui".into(), "app".into(), "input".into()], "use super::{App, Layer};");
    assert!(refs.contains(&vec!["tui".to_string(), "app".into(), "App".into()]), "{refs:?}");
    let g: BTreeMap<String, BTreeSet<String>> = [
        ("a".to_string(), BTreeSet::from(["b".to_string()])),
        ("b".to_string(), BTreeSet::from(["c".to_string()])),
        ("c".to_string(), BTreeSet::from(["a".to_string()])),
    ]
    .into();
    assert_eq!(find_cycle(&g).map(|c| c.len()), Some(4));
    let acyclic: BTreeMap<String, BTreeSet<String>> = [("a".to_string(), BTreeSet::from(["b".to_string()]))].into();
    assert_eq!(find_cycle(&acyclic), None);
}
