//! The non-interactive commands: list, show, search, grep, refs, check, export.

use std::io::Write;

use serde_json::json;

use crate::analysis::summary::{Row, Summary};
use crate::analysis::timeline::{EventKind, When};
use crate::analysis::xref;
use crate::cli::args::{Command, ListWhat};
use crate::cli::{card, Exit, Settings};
use crate::corpus::Corpus;
use crate::model::Item;
use crate::model::ItemKind;
use crate::model::{EntityKind, Origin, Severity};
use crate::search::itemlist::ItemList;
use crate::search::lookup::{lookup, Lookup};
use crate::search::matcher::Matcher;
use crate::search::query::Query;
use crate::shared::output::format_row;
use crate::shared::output::Out;
use crate::shared::settings::Format;

use crate::shared::error::{Error, Result};

/// Runs `list`, which needs only the summary.
pub fn run_on_summary<W: Write>(command: &Command, sum: &Summary, s: &Settings, out: &mut Out<W>) -> Result<Exit> {
    match command {
        Command::List { what } => list(sum, *what, s, out),
        _ => unreachable!("only list runs on the summary"),
    }
}

/// Runs one command other than `check`, `completions`, `list` and `search`.
pub fn run<W: Write>(command: &Command, c: &Corpus, s: &Settings, out: &mut Out<W>) -> Result<Exit> {
    match command {
        Command::Show { item } => show(c, item, s, out),
        Command::Grep { pattern, fixed_strings, ignore_case, files_with_matches, count, context } => {
            let how = GrepHow {
                fixed: *fixed_strings,
                ignore_case: *ignore_case,
                files: *files_with_matches,
                count: *count,
                context: context.unwrap_or(0),
            };
            grep(c, pattern, &how, s, out)
        }
        Command::Refs { item, related } => refs(c, item, *related, s, out),
        Command::Timeline => timeline(c, s, out),
        Command::Chart { item } => chart(c, item.as_deref(), s, out),
        Command::Suggest => suggest(c, out),
        Command::Export => {
            out.json(&crate::analysis::export::Export(c))?;
            out.text("\n")?;
            Ok(Exit::Ok)
        }
        // Check, completions, list, search and the curation commands.
        _ => unreachable!("handled by the caller"),
    }
}

fn print_rows<W: Write>(rows: &[&Row], s: &Settings, out: &mut Out<W>) -> Result<Exit> {
    for r in rows {
        out.record(&format_row(r, s.format, s.raw))?;
    }
    Ok(if rows.is_empty() { Exit::NoMatch } else { Exit::Ok })
}

fn list<W: Write>(sum: &Summary, what: ListWhat, s: &Settings, out: &mut Out<W>) -> Result<Exit> {
    let kinds: &[EntityKind] = match what {
        ListWhat::Docs => return print_rows(&sum.rows.iter().filter(|r| r.is_doc).collect::<Vec<_>>(), s, out),
        ListWhat::Candidates => return candidates(sum, s, out),
        ListWhat::People => &[EntityKind::Person],
        ListWhat::Orgs => &[EntityKind::Org],
        ListWhat::Chips => &[EntityKind::Chip],
        ListWhat::Models => &[EntityKind::Model],
        ListWhat::Services => &[EntityKind::Service],
        ListWhat::Portfolio => &[EntityKind::Chip, EntityKind::Model, EntityKind::Service],
        ListWhat::Entities => &EntityKind::ALL,
    };
    print_rows(&sum.entities_of(kinds), s, out)
}

fn candidates<W: Write>(sum: &Summary, s: &Settings, out: &mut Out<W>) -> Result<Exit> {
    for cand in &sum.candidates {
        let line = match s.format {
            Format::Json => serde_json::to_string(&json!({
                "type": "candidate", "name": cand.name, "kind": cand.guess, "count": cand.count,
                "docs": cand.docs, "snippet": cand.snippet,
            }))?,
            Format::Tsv => format!("candidate\t{}\t{}\t{}", cand.name, cand.count, cand.snippet.replace('\t', " ")),
            _ => crate::text::sanitize::one_line(&cand.name),
        };
        out.record(&line)?;
    }
    Ok(if sum.candidates.is_empty() { Exit::NoMatch } else { Exit::Ok })
}

/// Looks an item up, explaining on stderr when it is unknown or ambiguous.
pub(super) fn resolve(c: &Corpus, text: &str) -> Option<Item> {
    let mut err = std::io::stderr().lock();
    let choice =
        |i: Item| format!("  {}\t{} ({})", i.id(c), crate::text::sanitize::one_line(i.name(c)), i.kind(c).as_str());
    match lookup(c, text) {
        Lookup::Found(i) => return Some(i),
        Lookup::Ambiguous(items) => {
            let _ = writeln!(
                err,
                "dossier: \"{}\" is ambiguous; use one of these ids:",
                crate::text::sanitize::one_line(text)
            );
            for i in items {
                let _ = writeln!(err, "{}", choice(i));
            }
        }
        Lookup::NotFound(close) => {
            let _ =
                writeln!(err, "dossier: no document or entity is called \"{}\"", crate::text::sanitize::one_line(text));
            if !close.is_empty() {
                let _ = writeln!(err, "closest matches:");
                for i in close {
                    let _ = writeln!(err, "{}", choice(i));
                }
            }
        }
    }
    None
}

fn show<W: Write>(c: &Corpus, text: &str, s: &Settings, out: &mut Out<W>) -> Result<Exit> {
    let Some(item) = resolve(c, text) else {
        return Ok(Exit::NoMatch);
    };
    match s.format {
        Format::Json => out.record(&card::json(c, item).to_string())?,
        _ => out.text(&card::text(c, item, s.raw))?,
    }
    Ok(Exit::Ok)
}

/// `search`: the prepared item list matched and ranked, and the rows of the hits printed.
pub(super) fn search<W: Write>(
    list: &ItemList,
    q: &str,
    kind: Option<&str>,
    limit: Option<usize>,
    s: &Settings,
    out: &mut Out<W>,
) -> Result<Exit> {
    let mut query = Query::parse(q);
    if let Some(k) = kind {
        let Some(kinds) = ItemKind::parse_filter(k) else {
            return Err(Error::msg(format!(
                "unknown --kind `{k}`: use doc, person, org, chip, model, service or portfolio"
            )));
        };
        query.kinds.extend(kinds);
    }
    let t = std::time::Instant::now();
    let mut hits = list.search(&Matcher::default(), &query);
    s.trace(&format!("search: {} of {} items found in {:.2?}", hits.len(), list.len(), t.elapsed()));
    hits.truncate(limit.unwrap_or(usize::MAX));
    let t = std::time::Instant::now();
    let damaged = || Error::msg("the cached item list is damaged; run the search again with --no-cache");
    // Ids and names are printed as the list keeps them (one line each, as `-o id` and `-o
    // name` print them); other formats read the hits' rows, formatted on every core.
    if matches!(s.format, Format::Id | Format::Name) && !s.raw {
        for &i in &hits {
            let text = if s.format == Format::Id { list.id(i) } else { list.name(i) };
            out.record(text.ok_or_else(damaged)?)?;
        }
    } else {
        let lines: Vec<Option<String>> = {
            use rayon::prelude::*;
            hits.par_iter().with_min_len(1024).map(|&i| list.row(i).map(|r| format_row(&r, s.format, s.raw))).collect()
        };
        for line in &lines {
            out.record(line.as_deref().ok_or_else(damaged)?)?;
        }
        std::mem::forget(lines);
    }
    s.trace(&format!("search: {} rows printed in {:.2?}", hits.len(), t.elapsed()));
    Ok(if hits.is_empty() { Exit::NoMatch } else { Exit::Ok })
}

/// How `grep` searches and prints.
struct GrepHow {
    fixed: bool,
    ignore_case: bool,
    /// `-l`: only the files.
    files: bool,
    /// `-c`: files with their number of matching lines.
    count: bool,
    /// `-C N`: lines of context.
    context: usize,
}

/// `grep`, as rg prints: `path:line:column:text` (1-based; lines and columns of the file, front
/// matter counted), context lines as `path-line-text` with `--` between groups; ids instead of
/// paths with `-o id`.
fn grep<W: Write>(c: &Corpus, pattern: &str, how: &GrepHow, s: &Settings, out: &mut Out<W>) -> Result<Exit> {
    let pat = if how.fixed { regex::escape(pattern) } else { pattern.to_string() };
    let case_insensitive = how.ignore_case || !pattern.chars().any(char::is_uppercase);
    let re = regex::RegexBuilder::new(&pat)
        .case_insensitive(case_insensitive)
        .size_limit(1 << 24)
        .build()
        .map_err(|e| Error::msg(format!("bad pattern: {e}")))?;
    let ids = s.format == Format::Id && s.format_chosen;
    let mut any = false;
    for d in &c.docs {
        if !re.is_match(&d.body) {
            continue;
        }
        let lines: Vec<&str> = d.body.lines().collect();
        let hits: Vec<(usize, std::ops::Range<usize>)> =
            lines.iter().enumerate().filter_map(|(n, l)| re.find(l).map(|m| (n, m.range()))).collect();
        if hits.is_empty() {
            continue;
        }
        any = true;
        let path = d.path.to_string_lossy();
        let label = if ids { d.id.as_str() } else { path.as_ref() };
        let label = crate::text::sanitize::visible(label);
        if how.files || how.count {
            let record = match (s.format, how.count) {
                (Format::Json, true) => {
                    json!({"type": "count", "id": d.id, "path": path, "count": hits.len()}).to_string()
                }
                (Format::Json, false) => json!({"type": "file", "id": d.id, "path": path}).to_string(),
                (_, true) => format!("{label}:{}", hits.len()),
                (_, false) => label.to_string(),
            };
            out.record(&record)?;
            continue;
        }
        let head = d.body_line;
        let shown = |n: usize, m: Option<&std::ops::Range<usize>>| -> String {
            let line = lines[n];
            match (s.raw, m) {
                (true, _) => line.to_string(),
                (false, Some(m)) => card::excerpt(line, m.clone(), 400, s.color_stdout),
                (false, None) => crate::text::sanitize::one_line(&line.chars().take(400).collect::<String>()),
            }
        };
        // Lines to print: each hit with its context, in order, each once.
        let mut last: Option<usize> = None;
        for (k, (n, m)) in hits.iter().enumerate() {
            let from = n.saturating_sub(how.context).max(last.map_or(0, |l| l + 1));
            let to = (n + how.context).min(lines.len() - 1);
            let next_hit = hits.get(k + 1).map_or(usize::MAX, |h| h.0);
            let to = to.min(next_hit.saturating_sub(1)).max(*n);
            if how.context > 0 && last.is_some_and(|l| from > l + 1) && s.format != Format::Json {
                out.record("--")?;
            }
            for (i, text) in lines.iter().enumerate().take(to + 1).skip(from) {
                let hit = (i == *n).then_some(m);
                let record = match s.format {
                    Format::Json => json!({
                        "type": if hit.is_some() { "match" } else { "context" }, "id": d.id, "path": path,
                        "line": head + i + 1, "column": hit.map(|m| m.start + 1), "text": text,
                    })
                    .to_string(),
                    _ => match hit {
                        Some(m) => format!("{label}:{}:{}:{}", head + i + 1, m.start + 1, shown(i, Some(m))),
                        None => format!("{label}-{}-{}", head + i + 1, shown(i, None)),
                    },
                };
                out.record(&record)?;
            }
            last = Some(to);
        }
    }
    Ok(if any { Exit::Ok } else { Exit::NoMatch })
}

fn refs<W: Write>(c: &Corpus, text: &str, related: bool, s: &Settings, out: &mut Out<W>) -> Result<Exit> {
    let Some(item) = resolve(c, text) else {
        return Ok(Exit::NoMatch);
    };
    let rows: Vec<(Item, serde_json::Value)> = match item {
        Item::Entity(e) if related => xref::related(c, e)
            .into_iter()
            .map(|r| {
                let preds: Vec<&str> = r.facts.iter().map(|&f| c.facts[f].predicate.as_str()).collect();
                (Item::Entity(r.entity), json!({"facts": preds, "co_mentions": r.co_mentions}))
            })
            .collect(),
        Item::Entity(e) => xref::entity_docs(c, e)
            .into_iter()
            .map(|r| {
                let snip = crate::text::span::snippet(&c.docs[r.doc].body, &r.first, 80);
                (Item::Doc(r.doc), json!({"count": r.count, "snippet": snip}))
            })
            .collect(),
        Item::Doc(d) => {
            xref::doc_entities(c, d).into_iter().map(|(e, n)| (Item::Entity(e), json!({"count": n}))).collect()
        }
        Item::Candidate(i) => c.candidates[i]
            .docs
            .iter()
            .filter_map(|id| c.doc_by_id(id))
            .map(|d| (Item::Doc(d), json!({"count": 0})))
            .collect(),
    };
    for (i, extra) in &rows {
        let line = match s.format {
            Format::Json => {
                let mut v = Row::of(c, *i).json();
                if let (Some(o), Some(x)) = (v.as_object_mut(), extra.as_object()) {
                    o.extend(x.iter().map(|(k, v)| (format!("ref_{k}"), v.clone())));
                }
                v.to_string()
            }
            Format::Tsv => format!(
                "{}\t{}",
                format_row(&Row::of(c, *i), s.format, s.raw),
                extra.get("count").or(extra.get("co_mentions")).unwrap_or(&json!(0))
            ),
            f => format_row(&Row::of(c, *i), f, s.raw),
        };
        out.record(&line)?;
    }
    Ok(if rows.is_empty() { Exit::NoMatch } else { Exit::Ok })
}

fn timeline<W: Write>(c: &Corpus, s: &Settings, out: &mut Out<W>) -> Result<Exit> {
    let t = crate::analysis::timeline::build(c);
    for e in &t.events {
        let (date, precision, relative) = match &e.when {
            When::Date(d) => (Some(d.to_string()), Some(d.precision()), None),
            When::Relative(r) => (None, None, Some(r.as_str())),
        };
        let shown = e.when.to_string();
        let text = if s.raw { e.text.clone() } else { crate::text::sanitize::one_line(&e.text) };
        let doc = &c.docs[e.doc];
        let flag = e.contradiction.map(|k| format!("contradiction: {} differs", t.contradictions[k].about));
        let line = match s.format {
            Format::Json => json!({
                "date": date, "precision": precision, "relative": relative, "text": text,
                "entities": e.entities.iter().map(|&x| c.entities[x].id.as_str()).collect::<Vec<_>>(),
                "source": {"doc": doc.id, "path": doc.path.to_string_lossy(), "start": e.span.start, "end": e.span.end,
                           "quote": &doc.body[e.span.clone()]},
                "kind": match e.kind { EventKind::Fact(_) => "fact", EventKind::Published => "published", EventKind::Text => "text" },
                "contradiction": flag,
            })
            .to_string(),
            Format::Tsv => format!("{shown}\t{}\t{}\t{}\t{}", text.replace('\t', " "), doc.id, e.entities.iter().map(|&x| c.entities[x].id.as_str()).collect::<Vec<_>>().join(","), flag.unwrap_or_default()),
            _ => format!("{shown:<12} {text}  [{}]{}", doc.id, flag.map(|f| format!("  ⚠ {f}")).unwrap_or_default()),
        };
        out.record(&line)?;
    }
    Ok(if t.events.is_empty() { Exit::NoMatch } else { Exit::Ok })
}

fn chart<W: Write>(c: &Corpus, item: Option<&str>, s: &Settings, out: &mut Out<W>) -> Result<Exit> {
    let focus = match item.map(|text| (text, resolve(c, text))) {
        None => None,
        Some((_, Some(Item::Entity(e)))) => Some(e),
        Some((text, Some(_))) => {
            return Err(Error::msg(format!(
                "`{text}` is not an entity: the chart is of people, organisations and products"
            )))
        }
        Some((_, None)) => return Ok(Exit::NoMatch),
    };
    let chart = crate::analysis::chart::Chart::build(c, focus);
    if chart.edges.is_empty() && chart.marks.is_empty() {
        eprintln!(
            "dossier: no fact says who leads, reports to or is part of what{}",
            match item {
                Some(i) => format!(" for `{}`", crate::text::sanitize::one_line(i)),
                None => String::new(),
            }
        );
        return Ok(Exit::NoMatch);
    }
    match s.format {
        Format::Json => {
            for v in chart.json(c) {
                out.record(&v.to_string())?;
            }
        }
        _ => {
            for row in chart.rows(c) {
                out.record(&row.plain())?;
            }
        }
    }
    Ok(Exit::Ok)
}

/// A TOML string literal.
fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn suggest<W: Write>(c: &Corpus, out: &mut Out<W>) -> Result<Exit> {
    let discovered: Vec<usize> = (0..c.entities.len()).filter(|&e| c.entities[e].origin != Origin::Catalog).collect();
    out.text("# Entries dossier found with no catalog entry. Review them, then paste into dossier.toml.\n")?;
    for &e in &discovered {
        let ent = &c.entities[e];
        let docs: Vec<String> = xref::entity_docs(c, e).iter().map(|r| c.docs[r.doc].id.clone()).collect();
        // Near spellings found as fuzzy mentions become aliases.
        let mut aliases: Vec<String> = c
            .entity_mentions(e)
            .filter(|m| m.how == crate::model::MatchHow::Fuzzy)
            .map(|m| toml_str(&c.docs[m.doc()].body[m.span()].replace('\n', " ")))
            .collect();
        aliases.sort();
        aliases.dedup();
        out.text(&format!(
            "\n# {} ({}), {} mentions in {}\n[[entity]]\nid = {}\nkind = {}\nname = {}\naliases = [{}]\n",
            ent.origin,
            ent.kind,
            c.mention_count(e),
            crate::text::sanitize::one_line(&docs.join(", ")),
            toml_str(&ent.id),
            toml_str(ent.kind.as_str()),
            toml_str(&ent.name),
            aliases.join(", "),
        ))?;
    }
    if !c.candidates.is_empty() {
        out.text("\n# Candidates: names dossier is unsure about. Uncomment the right ones and fix the kind.\n")?;
    }
    for cand in &c.candidates {
        let kind = cand.guess.map_or("org", EntityKind::as_str);
        out.text(&format!(
            "\n# {}× — {}\n# [[entity]]\n# id = {}\n# kind = {}\n# name = {}\n",
            cand.count,
            cand.snippet,
            toml_str(&crate::text::ids::slug(&cand.name)),
            toml_str(kind),
            toml_str(&cand.name)
        ))?;
    }
    Ok(if discovered.is_empty() && c.candidates.is_empty() { Exit::NoMatch } else { Exit::Ok })
}

/// One line per contradiction: what, and each source side by side.
fn contradiction_lines(c: &Corpus) -> Vec<String> {
    crate::analysis::timeline::contradictions(c)
        .iter()
        .map(|k| {
            let f0 = &c.facts[k.facts[0]];
            let sides: Vec<String> = k
                .facts
                .iter()
                .map(|&i| {
                    format!("{} (\u{201c}{}\u{201d})", k.side(c, i), crate::text::sanitize::one_line(&c.facts[i].quote))
                })
                .collect();
            format!(
                "warning: contradiction: {} {} {}: the {} differs: {}",
                c.entities[f0.subject].name,
                f0.predicate,
                xref::fact_object(c, f0),
                k.about,
                sides.join(" vs ")
            )
        })
        .collect()
}

/// `dossier check`: every problem at once, then a summary. Exit 1 when there are errors.
pub fn check<W: Write>(c: &Corpus, out: &mut Out<W>) -> Result<Exit> {
    let mut lines: Vec<String> = c.problems.iter().map(ToString::to_string).collect();
    for (i, e) in c.entities.iter().enumerate() {
        if e.origin == Origin::Catalog && xref::doc_count(c, i) == 0 {
            let at = c.catalog_path.as_deref().map_or_else(String::new, |p| format!("{}: ", p.display()));
            lines.push(format!("warning: {at}catalog entity `{}` ({}) is never mentioned", e.id, e.kind));
        }
    }
    lines.extend(contradiction_lines(c));
    for cand in &c.candidates {
        lines.push(format!(
            "note: candidate \"{}\" ({}×, in {}): {}",
            crate::text::sanitize::one_line(&cand.name),
            cand.count,
            cand.docs.join(", "),
            cand.snippet
        ));
    }
    for l in &lines {
        out.record(l)?;
    }
    let errors = c.problems.iter().filter(|p| p.severity == Severity::Error).count();
    let warnings = lines.iter().filter(|l| l.starts_with("warning")).count();
    let n = crate::analysis::card::count;
    out.record(&format!(
        "{} loaded, {} skipped, {} ignored; {}, {}, {}; {}, {}",
        n(c.stats.loaded, "document", "documents"),
        c.stats.skipped,
        n(c.stats.other_files, "other file", "other files"),
        n(c.entities.len(), "entity", "entities"),
        n(c.mentions.len(), "mention", "mentions"),
        n(c.facts.len(), "fact", "facts"),
        n(errors, "error", "errors"),
        n(warnings, "warning", "warnings"),
    ))?;
    Ok(if errors > 0 { Exit::NoMatch } else { Exit::Ok })
}
