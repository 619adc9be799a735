//! The command line over the bundled corpus and over temporary folders.

mod util;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use util::{bin, dossier, dossier_in, dossier_with_config, Dir};

const ALL_DOCS: [&str; 5] = [
    "000_81bc56f7dc5c9cfd",
    "001_8b8763c081a56482",
    "002_ad6a4f82e83b5067",
    "003_7b2376aefd1bc5c9",
    "004_1af29cc7fe403a5b",
];

fn set(lines: Vec<&str>) -> BTreeSet<String> {
    lines.into_iter().map(String::from).collect()
}

#[test]
fn clap_definition_is_consistent() {
    use clap::CommandFactory;
    dossier::cli::Args::command().debug_assert();
}

#[test]
fn refs_andy_jassy_lists_all_five_documents_including_the_transcripts_mishearing() {
    let r = dossier(&["refs", "Andy Jassy", "-o", "id"]);
    r.code(0);
    assert_eq!(set(r.lines()), set(ALL_DOCS.to_vec()));
}

#[test]
fn refs_trainium_and_annapurna_include_the_transcript() {
    for name in ["Trainium", "Annapurna Labs"] {
        let r = dossier(&["refs", name]);
        r.code(0);
        assert!(r.lines().contains(&"002_ad6a4f82e83b5067"), "{name}: {:?}", r.lines());
    }
}

#[test]
fn mentions_record_how_they_matched() {
    let r = dossier(&["export"]);
    r.code(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let how = |surface: &str| -> Vec<String> {
        v["mentions"]
            .as_array()
            .expect("mentions")
            .iter()
            .filter(|m| m["surface"] == surface)
            .map(|m| m["how"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(how("Andy Jesse"), ["alias"]);
    assert!(how("Jassy").iter().all(|h| h == "short-form") && !how("Jassy").is_empty());
    assert_eq!(how("Chad GPT"), ["fuzzy"]);
    assert!(how("Peter DeSantis").iter().all(|h| h == "exact"));
    assert!(how("nova").is_empty() && how("make").is_empty() && how("sonic").is_empty());
}

#[test]
fn show_and_refs_of_an_unknown_name_fail_with_1_and_a_message() {
    for cmd in ["show", "refs"] {
        let r = dossier(&[cmd, "Nobody Atall"]);
        r.code(1);
        assert!(r.stdout.is_empty());
        assert!(r.stderr.contains("no document or entity is called \"Nobody Atall\""), "{}", r.stderr);
    }
}

#[test]
fn an_ambiguous_name_lists_the_choices() {
    let d = Dir::new();
    d.file("a.txt", "Jordan Lee met Jordan Lee.\n");
    d.file(
        "dossier.toml",
        "[[entity]]\nid = \"jordan-1\"\nkind = \"person\"\nname = \"Jordan Lee\"\n\n\
         [[entity]]\nid = \"jordan-2\"\nkind = \"person\"\nname = \"Jordan Lee\"\n",
    );
    let r = dossier_in(&d, &["show", "jordan lee"]);
    r.code(1);
    assert!(
        r.stderr.contains("ambiguous") && r.stderr.contains("jordan-1") && r.stderr.contains("jordan-2"),
        "{}",
        r.stderr
    );
}

#[test]
fn search_ranks_and_exits_1_when_nothing_matches() {
    let r = dossier(&["search", "desantis"]);
    r.code(0);
    assert_eq!(r.lines()[0], "peter-desantis");
    let none = dossier(&["search", "zzqxv"]);
    none.code(1);
    assert!(none.stdout.is_empty());
    let f = dossier(&["-f", "desantis", "-o", "name"]);
    assert_eq!(f.code(0).lines()[0], "Peter DeSantis");
}

#[test]
fn search_type_and_limit() {
    let r = dossier(&["search", "a", "--kind", "chip", "--limit", "2", "-o", "json"]);
    r.code(0);
    assert_eq!(r.lines().len(), 2);
    for l in r.lines() {
        let v: serde_json::Value = serde_json::from_str(l).expect("json line");
        assert_eq!(v["kind"], "chip");
    }
    dossier(&["search", "a", "--kind", "planet"]).code(2);
}

#[test]
fn json_output_has_the_documented_fields() {
    let r = dossier(&["list", "entities", "-o", "json"]);
    r.code(0);
    for l in r.lines() {
        let v: serde_json::Value = serde_json::from_str(l).expect("one object per line");
        for k in ["type", "id", "name", "kind", "aliases", "mentions"] {
            assert!(v.get(k).is_some(), "{k} missing in {l}");
        }
    }
    let docs = dossier(&["list", "docs", "-o", "json"]);
    for l in docs.lines() {
        let v: serde_json::Value = serde_json::from_str(l).expect("json");
        assert_eq!(v["type"], "document");
        assert!(v["path"].as_str().is_some_and(|p| p.starts_with("seeds/")));
    }
}

#[test]
fn tsv_and_print0() {
    let r = dossier(&["list", "people", "-o", "tsv"]);
    assert!(r.lines().iter().all(|l| l.split('\t').count() == 5), "{}", r.stdout);
    let z = dossier(&["list", "chips", "--print0"]);
    assert!(z.stdout.ends_with('\0') && !z.stdout.contains('\n'));
    assert!(z.stdout.split('\0').any(|s| s == "trainium"));
}

#[test]
fn list_docs_into_a_closed_pipe_ends_quietly() {
    let mut child = Command::new(bin())
        .args(["list", "entities"])
        .env("DOSSIER_CONFIG_DIR", util::empty_config_dir())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("a line");
    // The reader is dropped here: the pipe closes like `| head -1`.
    let out = child.wait_with_output().expect("wait");
    assert!(!first.is_empty());
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn grep_prints_path_line_column_text_as_rg_does() {
    let r = dossier(&["grep", "Annapurna"]);
    r.code(0);
    let l = r.lines()[0];
    let parts: Vec<&str> = l.splitn(4, ':').collect();
    assert_eq!(parts[..3], ["seeds/000_81bc56f7dc5c9cfd.txt", "4", "100"], "{l}");
    assert!(parts[3].contains("Annapurna"), "{l}");
    let ids = dossier(&["grep", "Annapurna", "-o", "id"]);
    assert!(ids.lines().iter().all(|l| l.starts_with("000_81bc56f7dc5c9cfd:4:")), "{}", ids.stdout);
    dossier(&["grep", "zzqxv"]).code(1);
    dossier(&["grep", "("]).code(2);
}

/// Lines and columns are the file's (front matter counted), so an editor opens the match;
/// `-l`, `-c` and `-C N` print as rg does; `.gitignore` is respected unless `--no-ignore`.
#[test]
fn grep_lists_counts_and_shows_context_in_the_files_own_lines() {
    let dir = Dir::new();
    dir.file("a.md", "---\ntitle: Notes\n---\nfirst line\nthe Needle here\nthird\nfourth\nfifth\nneedle again\n");
    dir.file("b.txt", "nothing to see\n");
    dir.file("skipped.txt", "a needle that git ignores\n");
    dir.file(".gitignore", "skipped.txt\n");
    std::fs::create_dir(dir.path().join(".git")).expect("a repository, as rg wants for .gitignore");
    let corpus = dir.path().to_str().expect("utf-8");
    let r = dossier(&["--corpus", corpus, "grep", "needle"]);
    r.code(0);
    let a = dir.path().join("a.md").display().to_string();
    assert_eq!(r.lines(), [format!("{a}:5:5:the Needle here"), format!("{a}:9:1:needle again")], "{}", r.stdout);
    assert_eq!(dossier(&["--corpus", corpus, "grep", "-l", "needle"]).lines(), std::slice::from_ref(&a));
    assert_eq!(dossier(&["--corpus", corpus, "grep", "-c", "needle"]).lines(), [format!("{a}:2")]);
    let context = dossier(&["--corpus", corpus, "grep", "-C", "1", "needle"]);
    assert_eq!(
        context.lines(),
        [
            format!("{a}-4-first line"),
            format!("{a}:5:5:the Needle here"),
            format!("{a}-6-third"),
            "--".to_string(),
            format!("{a}-8-fifth"),
            format!("{a}:9:1:needle again"),
        ],
        "{}",
        context.stdout
    );
    let all = dossier(&["--corpus", corpus, "--no-ignore", "grep", "-l", "needle"]);
    assert_eq!(all.lines().len(), 2, "{}", all.stdout);
}

#[test]
fn show_prints_a_card_with_facts_and_sources() {
    let r = dossier(&["show", "trainium"]);
    r.code(0);
    assert!(r.stdout.starts_with("Trainium\nchip · catalog"), "{}", r.stdout);
    assert!(r.stdout.contains("plans_to_sell") && r.stdout.contains("001_8b8763c081a56482"));
    let d = dossier(&["show", "002_ad6a4f82e83b5067"]);
    assert!(d.code(0).stdout.contains("2024-12-04") && d.stdout.contains("Nate B Jones"));
}

#[test]
fn check_verifies_every_fact_quote_of_the_bundled_catalog() {
    let r = dossier(&["check"]);
    r.code(0);
    assert!(r.stdout.contains("0 errors"), "{}", r.stdout);
    let v: serde_json::Value = serde_json::from_str(&dossier(&["export"]).stdout).expect("json");
    let facts = v["facts"].as_array().expect("facts");
    assert!(facts.len() >= 20);
    assert!(facts.iter().all(|f| f["start"].is_u64()));
}

#[test]
fn check_lists_every_catalog_problem_with_line_and_column_and_exits_1() {
    let d = Dir::new();
    d.file("a.txt", "Some text about Jordan Lee.\n");
    d.file(
        "dossier.toml",
        "[[entity]]\nid = \"a\"\nkind = \"person\"\nname = \"Jordan Lee\"\n\n[[entity]]\nid = \"a\"\nkind = \"org\"\n\n\
         [[fact]]\nsubject = \"a\"\npredicate = \"x\"\nobject = \"y\"\ndoc = \"a\"\nquote = \"q\"\n",
    );
    let r = dossier_in(&d, &["check"]);
    r.code(1);
    assert!(r.stdout.contains("dossier.toml:7:6: duplicate entity id `a`"), "{}", r.stdout);
    assert!(r.stdout.contains("has no name"), "{}", r.stdout);
    // Other commands refuse a bad catalog with exit 2 and say why.
    let l = dossier_in(&d, &["list"]);
    l.code(2);
    assert!(l.stderr.contains("catalog") && l.stderr.contains("--no-catalog"), "{}", l.stderr);
}

#[test]
fn a_missing_quote_is_an_error_check_reports() {
    let d = Dir::new();
    d.file("a.txt", "Jordan Lee leads the lab.\n");
    d.file(
        "dossier.toml",
        "[[entity]]\nid = \"jl\"\nkind = \"person\"\nname = \"Jordan Lee\"\n\n\
         [[fact]]\nsubject = \"jl\"\npredicate = \"leads\"\nobject = \"lab\"\ndoc = \"a\"\nquote = \"leads the zoo\"\n",
    );
    let r = dossier_in(&d, &["check"]);
    r.code(1);
    assert!(r.stdout.contains("quote not found in a: \"leads the zoo\""), "{}", r.stdout);
}

#[test]
fn a_folder_with_no_catalog_still_lists_its_people() {
    let d = Dir::new();
    d.file("news/one.md", "---\ntitle: One\n---\nCEO Maria Lopez said the deal was done. Lopez added more.\n");
    d.file("two.txt", "Later, Maria Lopez spoke again, and Tom Baker, who runs sales, agreed.\n");
    d.file(".hidden/three.txt", "Hidden Person said nothing.\n");
    d.file("image.png", [0u8, 1, 2]);
    let r = dossier_in(&d, &["list", "people", "-o", "name"]);
    r.code(0);
    assert_eq!(r.lines(), ["Maria Lopez", "Tom Baker"]);
    let refs = dossier_in(&d, &["refs", "Maria Lopez", "-o", "json"]);
    assert_eq!(refs.code(0).lines().len(), 2);
    let docs = dossier_in(&d, &["list", "docs"]);
    assert_eq!(set(docs.lines()), set(vec!["one", "two"]));
}

#[test]
fn export_has_documents_entities_mentions_and_facts() {
    let r = dossier(&["export"]);
    let v: serde_json::Value = serde_json::from_str(&r.code(0).stdout).expect("json");
    for k in ["documents", "entities", "mentions", "facts"] {
        assert!(v[k].as_array().is_some_and(|a| !a.is_empty()), "{k}");
    }
    assert_eq!(v["schema_version"], 1);
}

#[test]
fn completions_are_printed() {
    let r = dossier(&["completions", "bash"]);
    assert!(r.code(0).stdout.contains("dossier"));
}

#[test]
fn regression_filter_with_a_command_is_an_error_not_ignored() {
    let r = dossier(&["-f", "x", "list"]);
    r.code(2);
    assert!(r.stderr.contains("-f/--filter"));
}

#[test]
fn timeline_is_in_date_order_with_sources_and_json_fields() {
    let r = dossier(&["timeline", "-o", "json"]);
    r.code(0);
    let events: Vec<serde_json::Value> = r.lines().iter().map(|l| serde_json::from_str(l).expect("json")).collect();
    assert!(events.len() > 20);
    for e in &events {
        for k in ["date", "text", "entities", "source"] {
            assert!(e.get(k).is_some(), "{k} missing in {e}");
        }
    }
    let dates: Vec<&str> = events.iter().filter_map(|e| e["date"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    let nova: Vec<&serde_json::Value> = events.iter().filter(|e| e["text"] == "Amazon launched Nova").collect();
    assert_eq!(nova.len(), 2);
    assert!(nova.iter().all(|e| e["contradiction"].as_str().is_some_and(|c| c.contains("date"))));
}

#[test]
fn check_flags_the_nova_contradiction_but_not_the_anthropic_total() {
    let r = dossier(&["check"]);
    let lines: Vec<&str> = r.lines().into_iter().filter(|l| l.contains("contradiction")).collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains("Nova")
            && lines[0].contains("\"Amazon Loses Key AI Executive Amid Intensifying… (2025-06)\"")
            && lines[0].contains("\"Here's How AWS re:Invent is Showing Amazon's AI… (2024-12-04)\""),
        "sources by title and date: {}",
        lines[0]
    );
    assert!(!r.stdout.contains("Anthropic: the value differs"));
}

#[test]
fn without_a_catalog_the_bundled_corpus_yields_its_people_and_no_false_ones() {
    let r = dossier(&["--no-catalog", "list", "people", "-o", "name"]);
    r.code(0);
    let want = [
        "Andy Jassy",
        "Peter DeSantis",
        "Rohit Prasad",
        "Pieter Abbeel",
        "Vasi Philomin",
        "Rajesh Sheth",
        "Nate B Jones",
        "Marc Lore",
        "Alex Rodriguez",
    ];
    assert_eq!(set(r.lines()), set(want.to_vec()));
    let refs = dossier(&["--no-catalog", "refs", "Andy Jassy"]);
    assert_eq!(set(refs.code(0).lines()), set(ALL_DOCS.to_vec()), "Andy Jesse folds in as a near spelling");
}

#[test]
fn suggest_prints_catalog_entries_that_load_back() {
    let d = Dir::new();
    d.file("a.txt", "CEO Maria Lopez said the deal was done. Later, in Las Vegas, Lopez added more.\n");
    let r = dossier_in(&d, &["suggest"]);
    r.code(0);
    assert!(
        r.stdout.contains("[[entity]]\nid = \"maria-lopez\"\nkind = \"person\"\nname = \"Maria Lopez\""),
        "{}",
        r.stdout
    );
    d.file("dossier.toml", &r.stdout);
    let check = dossier_in(&d, &["check"]);
    check.code(0);
    let people = dossier_in(&d, &["list", "people", "-o", "json"]);
    assert!(people.stdout.contains("\"origin\":\"catalog\""), "the pasted entry is now curated: {}", people.stdout);
}

/// One card, two renderings: `dossier show` prints the same rows the explorer draws (at the
/// width where both cut snippets alike), and its JSON carries the same facts, contradiction
/// flags and limits.
#[test]
fn show_and_the_explorer_render_the_same_card() {
    use dossier::corpus::{Corpus, LoadOptions};
    let c = Corpus::load(&LoadOptions::default(), &|_| {});
    for id in ["nova", "peter-desantis", "trainium"] {
        let e = c.entity_by_id(id).expect("in the catalog");
        let shown = dossier(&["show", id]);
        shown.code(0);
        // 96 columns: the explorer's snippets are 6 narrower than the card, as `show`'s 90.
        let explorer: Vec<String> =
            dossier::tui::card::entity_rows(&c, e, 200).iter().map(|r| r.plain().trim_end().to_string()).collect();
        let explorer_96: Vec<String> =
            dossier::tui::card::entity_rows(&c, e, 96).iter().map(|r| r.plain().trim_end().to_string()).collect();
        let cli: Vec<&str> = shown.stdout.lines().collect();
        // Every line but the wrapped summary is the same, in the same order.
        let summary = c.entities[e].summary.clone().unwrap_or_default();
        let not_summary = |l: &&str| summary.is_empty() || !summary.contains(l.trim()) || l.trim().is_empty();
        let cli_rows: Vec<&str> = cli.iter().copied().filter(not_summary).collect();
        let tui_rows: Vec<&str> = explorer_96.iter().map(String::as_str).filter(not_summary).collect();
        assert_eq!(cli_rows, tui_rows, "{id}: show and the explorer differ");
        assert_eq!(
            explorer.iter().filter(|l| l.contains("⚠ contradiction")).count(),
            cli.iter().filter(|l| l.contains("⚠ contradiction")).count(),
            "{id}"
        );
        let json = dossier(&["show", id, "-o", "json"]);
        let v: serde_json::Value = serde_json::from_str(json.stdout.trim()).expect("json");
        let facts = v["facts"].as_array().expect("facts");
        assert_eq!(facts.len(), cli.iter().filter(|l| l.starts_with("    \u{201c}")).count(), "{id}: facts");
        let flagged = facts.iter().filter(|f| !f["contradiction"].is_null()).count();
        assert_eq!(flagged, cli.iter().filter(|l| l.contains("⚠ contradiction")).count(), "{id}: flags");
        let docs_heading = format!("Documents ({})", v["documents_total"]);
        assert!(cli.contains(&docs_heading.as_str()), "{id}: {docs_heading}");
    }
    let nova = dossier(&["show", "nova"]);
    assert!(nova.stdout.contains("⚠ contradiction"), "show flags the Nova launch dates");
    assert!(!nova.stdout.contains("launched, launched") && !nova.stdout.contains(" 1 shared paragraphs"));
}

/// Bad starts say what is wrong and exit 2: a mistyped folder (before anything is drawn), no
/// terminal for the explorer, an empty folder for `check` as for `list`.
#[test]
fn bad_starts_are_refused_with_a_reason_and_exit_2() {
    let missing = dossier(&["--corpus", "/no/such/folder/anywhere"]);
    missing.code(2);
    assert!(missing.stderr.contains("/no/such/folder/anywhere: no such file or folder"), "{}", missing.stderr);
    // Tests run with no controlling terminal: the explorer says it needs one.
    let no_tty = Command::new(bin())
        .stdin(Stdio::null())
        .env_remove("TERM")
        .env("DOSSIER_CONFIG_DIR", util::empty_config_dir())
        .output()
        .expect("run");
    if std::fs::OpenOptions::new().read(true).write(true).open("/dev/tty").is_err() {
        assert_eq!(no_tty.status.code(), Some(2));
        let err = String::from_utf8_lossy(&no_tty.stderr);
        assert!(err.contains("needs a terminal") && err.contains("dossier list docs"), "{err}");
    }
    let d = Dir::new();
    for args in [&["check"][..], &["list", "docs"]] {
        let r = dossier_in(&d, args);
        r.code(2);
        assert!(r.stderr.contains("no documents"), "{args:?}: {}", r.stderr);
    }
}

/// `dossier completions bash | head -1` ends quietly (it once panicked on the closed pipe):
/// here the reading end is closed before dossier writes anything.
#[test]
fn completions_into_a_closed_pipe_end_quietly() {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let out =
        Command::new(bin()).args(["completions", "bash"]).stdout(writer).stderr(Stdio::piped()).output().expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// `export` keeps its contract: for every fact, `body[start..end]` is its quote.
#[test]
fn export_spans_are_the_quotes_as_written() {
    let r = dossier(&["export"]);
    r.code(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let bodies: std::collections::HashMap<&str, &str> = v["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| (d["id"].as_str().expect("id"), d["body"].as_str().expect("body")))
        .collect();
    let facts = v["facts"].as_array().expect("facts");
    assert!(facts.len() >= 30);
    let mut respelled = 0;
    for f in facts {
        let (Some(s), Some(e)) = (f["start"].as_u64(), f["end"].as_u64()) else { continue };
        let body = bodies[f["doc"].as_str().expect("doc")];
        assert_eq!(&body[s as usize..e as usize], f["quote"].as_str().expect("quote"), "{f}");
        respelled += usize::from(!f["catalog_quote"].is_null());
    }
    assert!(respelled > 0, "the catalog spells some quotes differently (straight apostrophes)");
}

#[test]
fn chart_draws_who_leads_and_reports_to_whom_and_its_edges_cite_quotes() {
    let r = dossier(&["chart"]);
    r.code(0);
    let lines = r.lines();
    let at = |s: &str| lines.iter().position(|l| l.contains(s)).unwrap_or_else(|| panic!("{s}: {lines:#?}"));
    assert!(at("Andy Jassy") < at("Peter DeSantis  reports to"));
    assert!(at("Peter DeSantis  reports to") < at("new organisation for AI models"));
    assert!(r.stdout.contains("left Amazon") && r.stdout.contains("succeeded by Rajesh Sheth"), "{}", r.stdout);
    let json = dossier(&["chart", "Peter DeSantis", "-o", "json"]);
    json.code(0);
    for line in json.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON record per edge");
        assert!(v["quote"].as_str().is_some_and(|q| !q.is_empty()), "{v}");
    }
    assert!(json.stdout.contains("\"relation\":\"reports to\""), "{}", json.stdout);
    let none = dossier(&["chart", "Nobody Atall"]);
    none.code(1);
}

#[test]
fn a_folder_with_no_catalog_gets_facts_from_its_text_marked_extracted() {
    let dir = Dir::new();
    dir.file(
        "news.txt",
        "Airbus names a new boss\n\nAirbus chief executive Tom Enders said on Monday that the A380 was ready. \
         Enders joined Airbus in 2005.\n",
    );
    let corpus = dir.path().to_str().expect("utf-8");
    let show = dossier(&["--corpus", corpus, "show", "Tom Enders"]);
    show.code(0);
    assert!(show.stdout.contains("Tom Enders leads Airbus (chief executive) · extracted"), "{}", show.stdout);
    assert!(show.stdout.contains("Tom Enders joins Airbus [2005] · extracted"), "{}", show.stdout);
    let chart = dossier(&["--corpus", corpus, "chart"]);
    chart.code(0);
    assert!(chart.stdout.contains("Tom Enders\n└─ Airbus  led by, chief executive · extracted"), "{}", chart.stdout);
    let export = dossier(&["--corpus", corpus, "export"]);
    let v: serde_json::Value = serde_json::from_str(&export.stdout).expect("json");
    let facts = v["facts"].as_array().expect("facts");
    assert!(facts.iter().all(|f| f["origin"] == "extracted"), "{facts:?}");
    // Every quote is where the fact says: `check` verifies them.
    dossier(&["--corpus", corpus, "check"]).code(0);
}

/// Issue 16.6: `dossier config --default` prints a file that, used as the config, changes
/// nothing, and `--check` and `--path` say where and whether it is good.
#[test]
fn the_default_config_file_checks_and_changes_nothing() {
    let d = Dir::new();
    let default = dossier_with_config(d.path(), &["config", "--default"]);
    default.code(0);
    assert!(default.stdout.contains("[keys]\n") && default.stdout.contains("timeline = [\"t\"]"), "{}", default.stdout);
    assert!(default.stdout.contains("[theme]\n") && default.stdout.contains("[defaults]\n"), "{}", default.stdout);
    let path = dossier_with_config(d.path(), &["config", "--path"]);
    path.code(0);
    assert_eq!(path.stdout.trim_end(), d.path().join("config.toml").display().to_string());
    let none = dossier_with_config(d.path(), &["config", "--check"]);
    none.code(0);
    assert!(none.stdout.contains("no such file; the defaults are in use"), "{}", none.stdout);
    d.file("config.toml", &default.stdout);
    let check = dossier_with_config(d.path(), &["config", "--check"]);
    check.code(0);
    assert!(check.stdout.ends_with("config.toml: ok\n"), "{}", check.stdout);
    let with = dossier_with_config(d.path(), &["list", "people"]);
    assert_eq!(with.code(0).stdout, dossier(&["list", "people"]).code(0).stdout);
}

/// Issue 16.6: `[defaults] output` changes how items are printed, and `-o` still wins.
#[test]
fn the_configs_output_format_applies_under_the_flag() {
    let d = Dir::new();
    d.file("config.toml", "[defaults]\noutput = \"name\"\n");
    let names = dossier_with_config(d.path(), &["list", "people"]);
    assert!(names.code(0).lines().contains(&"Andy Jassy"), "{}", names.stdout);
    let ids = dossier_with_config(d.path(), &["-o", "id", "list", "people"]);
    assert_eq!(ids.code(0).stdout, dossier(&["list", "people"]).stdout);
    assert!(!ids.stdout.contains("Andy Jassy"), "{}", ids.stdout);
}

/// Issue 16.6: a bad key name is an error with the file, line and column: commands stop with
/// exit 2, `config --check` exits 1.
#[test]
fn a_bad_config_is_an_error_with_line_and_column() {
    let d = Dir::new();
    d.file("config.toml", "# mine\n[keys]\ntimeline = [\"T\", \"hyper-t\"]\n");
    let want = format!("error: {}:3:18: `hyper-t` is not a key", d.path().join("config.toml").display());
    let list = dossier_with_config(d.path(), &["list", "people"]);
    list.code(2);
    assert!(list.stderr.starts_with(&want), "{}", list.stderr);
    assert!(list.stdout.is_empty());
    let check = dossier_with_config(d.path(), &["config", "--check"]);
    check.code(1);
    assert!(check.stderr.starts_with(&want), "{}", check.stderr);
    d.file("config.toml", "[keys]\ntimeline = [\"j\"]\n");
    let twice = dossier_with_config(d.path(), &["config", "--check"]);
    twice.code(1);
    assert!(
        twice.stderr.contains("config.toml:2:13: `j` means both timeline and down in the panes"),
        "{}",
        twice.stderr
    );
}

#[test]
fn regression_export_is_the_same_on_every_run() {
    // Short forms folded into a discovered name became its aliases in a hash map's order,
    // which changes from run to run ("LANDER", "Lander").
    let dev = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/eval/dev");
    let run = || dossier(&["--corpus", dev, "--no-catalog", "--no-cache", "export"]).code(0).stdout.clone();
    let first = run();
    for _ in 0..3 {
        assert!(run() == first, "export differs between runs");
    }
}
