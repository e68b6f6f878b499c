"""WordNet classes of English verbs and nouns, for the learned tagger's features.

PolNeAR's cues are a long tail ("blasts", "is eager", "renewed doubts about"): a tagger that
knows a word only by its spelling misses the ones it never saw in training. WordNet files every
sense under one of 45 lexicographer classes (verb.communication, noun.cognition, ...), so an unseen
verb of saying still shares its class with "say". The table (``data/wordnet-senses-en.tsv.gz``,
built by ``scripts/build_wordnet_senses.py``) keeps the classes of the first three senses of each
single-word lemma, most frequent first; it is read once per process.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Sequence
from pathlib import Path

#: WordNet's lexicographer files, by number (``lexnames`` in the WordNet database)
LEXNAMES = (
    "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body "
    "noun.cognition noun.communication noun.event noun.feeling noun.food noun.group noun.location "
    "noun.motive noun.object noun.person noun.phenomenon noun.plant noun.possession noun.process "
    "noun.quantity noun.relation noun.shape noun.state noun.substance noun.time verb.body verb.change "
    "verb.cognition verb.communication verb.competition verb.consumption verb.contact verb.creation "
    "verb.emotion verb.motion verb.perception verb.possession verb.social verb.stative verb.weather "
    "adj.ppl").split()
TABLE = Path(__file__).resolve().parents[1] / "data" / "wordnet-senses-en.tsv.gz"
#: parts of speech (spaCy's) looked up, and the WordNet column they read
POS_COLUMN = {"VERB": 0, "AUX": 0, "NOUN": 1}

Senses = dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
_LOADED: dict[Path, Senses] = {}
_LOCK = threading.Lock()


def load(path: Path = TABLE) -> Senses:
    """lemma -> (verb classes, noun classes), names not numbers; read once per process."""
    with _LOCK:
        table = _LOADED.get(path)
        if table is None:
            table = {}
            parsed: dict[str, tuple[str, ...]] = {}  # few distinct lists: each parsed once, shared

            def names(column: str) -> tuple[str, ...]:
                got = parsed.get(column)
                if got is None:
                    got = parsed[column] = tuple(LEXNAMES[int(x)] for x in column.split(",") if x)
                return got

            with gzip.open(path, "rt", encoding="utf-8") as f:
                for line in f:
                    if line[0] != "#":
                        lemma, verbs, nouns = line.rstrip("\n").split("\t")
                        table[lemma] = (names(verbs), names(nouns))
            _LOADED[path] = table
        return table


def classes(table: Senses, lemma: str, pos: str) -> tuple[str, ...]:
    """The classes of the first senses of ``lemma`` as a ``pos`` (empty when unknown or other)."""
    column = POS_COLUMN.get(pos)
    if column is None:
        return ()
    entry = table.get(lemma)
    return entry[column] if entry is not None else ()


#: Classes of words that report speech, thought, perception or feeling: an ancestor of one of
#: them ("uss") is what a content token hangs on, whether or not the word is a known cue.
ATTITUDE = frozenset({"verb.communication", "verb.cognition", "verb.perception", "verb.emotion",
                      "noun.communication", "noun.cognition", "noun.feeling"})
#: Relations of a word's complements that mark it as a possible cue ("doubts about", "plans to",
#: "said that"), and the complementizers read on a clause.
KID_DEPS = frozenset({"ccomp", "xcomp", "prep", "advcl"})
KID_MARKS = frozenset({"that", "to", "whether", "if"})
KID_POS = frozenset({"VERB", "NOUN", "ADJ"})
MAX_KIDS = 4
NONE = "N"  # the class of a word WordNet does not know (or of another part of speech)
_USS_STEPS = 6


class SenseKeys:
    """Per token of a Doc, what the sense features are made of (the same for both feature paths).

    ``classes[k]``: the distinct classes of the first senses, sorted, and ``first[k]`` the first
    one (``NONE`` without); ``uss[k]``: (relation, side, class) of the nearest ancestor within six
    steps whose first class is in ``ATTITUDE``, or None; ``kids[k]``: the complements of a verb,
    noun or adjective ("kid=ccomp|that", "kid=prep|about"), sorted, at most ``MAX_KIDS``.
    """

    def __init__(self, first: list[str], classes: list[tuple[str, ...]],
                 uss: list[tuple[str, str, str] | None], kids: list[tuple[str, ...]],
                 head: Sequence[int], dep: Sequence[str]) -> None:
        self.first, self.classes, self.uss, self.kids = first, classes, uss, kids
        self.head, self.dep = head, dep

    @classmethod
    def of(cls, lemmas: Sequence[str], pos: Sequence[str], deps: Sequence[str], head: Sequence[int],
           table: Senses | None = None) -> SenseKeys:
        """The keys of one Doc's tokens from their lemmas (lower case), parts of speech, relations
        and heads."""
        table = load() if table is None else table
        n = len(lemmas)
        made: dict[tuple[str, str], tuple[tuple[str, ...], str]] = {}
        classes_of: list[tuple[str, ...]] = []
        first: list[str] = []
        for key in zip(lemmas, pos):
            got = made.get(key)
            if got is None:
                senses = classes(table, *key)
                got = made[key] = (tuple(sorted(set(senses))), senses[0] if senses else NONE)
            classes_of.append(got[0])
            first.append(got[1])
        attitude = [c in ATTITUDE for c in first]
        uss: list[tuple[str, str, str] | None] = [None] * n
        for k in range(n):
            child, node = k, head[k]
            for _ in range(_USS_STEPS):
                if node == child:
                    break
                if attitude[node]:
                    uss[k] = (deps[child], "L" if k < node else "R", first[node])
                    break
                child, node = node, head[node]
        marks: dict[int, str] = {}
        for g in range(n):
            h = head[g]
            if h != g and h not in marks and deps[g] in ("mark", "aux") and lemmas[g] in KID_MARKS:
                marks[h] = lemmas[g]
        found: dict[int, set[str]] = {}
        for c in range(n):
            h, d = head[c], deps[c]
            if h == c or d not in KID_DEPS or pos[h] not in KID_POS:
                continue
            if d == "prep":
                kid = "kid=prep|" + lemmas[c]
            elif d == "advcl":
                kid = "kid=advcl"
            else:
                kid = "kid=" + d + "|" + marks.get(c, "-")
            found.setdefault(h, set()).add(kid)
        kids: list[tuple[str, ...]] = [()] * n
        for h, got_kids in found.items():
            kids[h] = tuple(sorted(got_kids))[:MAX_KIDS]
        return cls(first, classes_of, uss, kids, head, deps)
