"""Build ``src/selon/data/wordnet-senses-en.tsv.gz``: the WordNet classes of English lemmas.

The English tagger reads, for each verb and noun, the lexicographer classes ("supersenses":
verb.communication, noun.cognition, ...) of its first senses, so that a cue it never saw in
training ("blasts", "is eager", "doubts about") still looks like the ones it did. The table is
built once from the WordNet 3.0 database files and shipped with the package; nothing reads
WordNet at run time.

Usage: ``python scripts/build_wordnet_senses.py [WORDNET_DICT_DIR]`` (default
``/usr/share/wordnet``, Debian's ``wordnet-base`` package).
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

#: senses kept per lemma and part of speech, most frequent first (WordNet's index order)
SENSES = 3
OUT = Path(__file__).resolve().parents[1] / "src" / "selon" / "data" / "wordnet-senses-en.tsv.gz"
NOTICE = """\
# WordNet lexicographer classes of English lemmas (verbs, nouns): lemma, verb classes, noun classes;
# each a comma-separated list of lexicographer file numbers of the first senses, most frequent first.
# Derived from WordNet 3.0 by scripts/build_wordnet_senses.py.
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR
# WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE
# USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS,
# COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS. The name of Princeton University or Princeton may not be used
# in advertising or publicity pertaining to distribution of the software and/or database. Title to
# copyright in this software, database and any associated documentation shall at all times remain
# with Princeton University and LICENSEE agrees to preserve same.
"""


def lexicographer_numbers(wordnet: Path, pos: str) -> dict[str, int]:
    """Synset offset -> lexicographer file number, from ``data.POS``."""
    numbers: dict[str, int] = {}
    with open(wordnet / f"data.{pos}", encoding="latin-1") as f:
        for line in f:
            if not line.startswith("  "):
                offset, lex_file, _rest = line.split(" ", 2)
                numbers[offset] = int(lex_file)
    return numbers


def senses(wordnet: Path, pos: str) -> dict[str, list[int]]:
    """Single-word lemma -> classes of its first ``SENSES`` senses, from ``index.POS``."""
    numbers = lexicographer_numbers(wordnet, pos)
    out: dict[str, list[int]] = {}
    with open(wordnet / f"index.{pos}", encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            fields = line.split()
            lemma = fields[0]
            if not lemma.isalpha():  # collocations ("make_clear") and odd entries
                continue
            pointers = int(fields[3])
            offsets = fields[4 + pointers + 2 :]  # after the pointer symbols, sense_cnt and tagsense_cnt
            out[lemma] = [numbers[o] for o in offsets[:SENSES]]
    return out


def main(argv: list[str]) -> int:
    wordnet = Path(argv[1] if len(argv) > 1 else "/usr/share/wordnet")
    if not (wordnet / "index.verb").exists():
        print(
            f"no WordNet database in {wordnet}: install Debian's wordnet-base or pass its dict folder", file=sys.stderr
        )
        return 1
    verbs, nouns = senses(wordnet, "verb"), senses(wordnet, "noun")
    lines = [
        f"{lemma}\t{','.join(map(str, verbs.get(lemma, [])))}\t{','.join(map(str, nouns.get(lemma, [])))}"
        for lemma in sorted(set(verbs) | set(nouns))
    ]
    # a fixed mtime keeps the file byte-identical from one build to the next
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write((NOTICE + "\n".join(lines) + "\n").encode("utf-8"))
    print(f"{OUT}: {len(lines)} lemmas, {OUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
