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
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, LEMMA, POS

from selon.nlp.doc_arrays import DocArrays, nearest_marked_ancestor
from selon.nlp.lexicon.tagger_en import COMPLEMENTIZERS

#: WordNet's lexicographer files, by number (``lexnames`` in the WordNet database)
LEXNAMES = (
    "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body "
    "noun.cognition noun.communication noun.event noun.feeling noun.food noun.group noun.location "
    "noun.motive noun.object noun.person noun.phenomenon noun.plant noun.possession noun.process "
    "noun.quantity noun.relation noun.shape noun.state noun.substance noun.time verb.body verb.change "
    "verb.cognition verb.communication verb.competition verb.consumption verb.contact verb.creation "
    "verb.emotion verb.motion verb.perception verb.possession verb.social verb.stative verb.weather "
    "adj.ppl"
).split()
#: the packaged table, in ``selon/data`` (a real path: the package is installed as files)
TABLE = Path(str(resources.files("selon").joinpath("data", "wordnet-senses-en.tsv.gz"))).resolve()
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
ATTITUDE = frozenset(
    {
        "verb.communication",
        "verb.cognition",
        "verb.perception",
        "verb.emotion",
        "noun.communication",
        "noun.cognition",
        "noun.feeling",
    }
)
#: Relations of a word's complements that mark it as a possible cue ("doubts about", "plans to",
#: "said that"); the complementizers read on a clause are ``lexicon.tagger_en.COMPLEMENTIZERS``.
KID_DEPS = frozenset({"ccomp", "xcomp", "prep", "advcl"})
KID_POS = frozenset({"VERB", "NOUN", "ADJ"})
MAX_KIDS = 4
NONE = "N"  # the class of a word WordNet does not know (or of another part of speech)
_USS_STEPS = 6


#: the class names by id, and the id of ``NONE``
CLASS_NAMES = (*LEXNAMES, NONE)
NONE_ID = len(LEXNAMES)
_CLASS_ID = {name: k for k, name in enumerate(LEXNAMES)}
_ATTITUDE_IDS = [_CLASS_ID[c] for c in sorted(ATTITUDE)]
#: (lemma, part of speech) -> (classes, first class id), kept across Docs for the packaged table
_PAIRS: dict[tuple[str, str], tuple[tuple[str, ...], int]] = {}
_PAIRS_LIMIT = 200_000


class SenseKeys:
    """Per token of a Doc, what the sense features are made of (the same for both feature paths).

    ``first[k]``: the id (in ``CLASS_NAMES``) of the class of the token's first sense, ``NONE_ID``
    without; ``classes[pair_of[k]]``: its distinct classes, sorted (one entry per distinct lemma
    and part of speech); ``anchor[k]`` and ``below[k]``: the nearest ancestor within six steps
    whose first class is in ``ATTITUDE``, and the node under it on the path (-1 without);
    ``kids``: per verb, noun or adjective with any, its complements ("kid=ccomp|that",
    "kid=prep|about"), sorted, at most ``MAX_KIDS``.
    """

    def __init__(
        self,
        first: np.ndarray,
        pair_of: np.ndarray,
        classes: list[tuple[str, ...]],
        anchor: np.ndarray,
        below: np.ndarray,
        kids: dict[int, tuple[str, ...]],
    ) -> None:
        self.first, self.pair_of, self.classes = first, pair_of, classes
        self.anchor, self.below, self.kids = anchor, below, kids

    @classmethod
    def of(cls, a: DocArrays, table: Senses | None = None) -> SenseKeys:
        """The keys of the tokens of the snapshot ``a``: numpy work, and Python only per distinct
        lemma and per complement."""
        table = load() if table is None else table
        n = a.n
        lemmas, lemma_of = a.codes(LEMMA)
        tags, tag_of = a.codes(POS)
        pairs, pair_of = np.unique(lemma_of * len(tags) + tag_of, return_inverse=True)
        pair_of = pair_of.reshape(-1)
        classes_of: list[tuple[str, ...]] = []
        firsts: list[int] = []
        known = _PAIRS if table is _LOADED.get(TABLE) else {}
        if len(known) > _PAIRS_LIMIT:
            known.clear()
        for u in pairs.tolist():
            key = (lemmas[u // len(tags)], tags[u % len(tags)])
            got = known.get(key)
            if got is None:
                found = classes(table, key[0].lower(), key[1])
                got = known[key] = (tuple(sorted(set(found))), _CLASS_ID[found[0]] if found else NONE_ID)
            classes_of.append(got[0])
            firsts.append(got[1])
        first = np.array(firsts, dtype=np.intp)[pair_of] if n else np.zeros(0, dtype=np.intp)
        head = np.array(a.head, dtype=np.intp)
        anchor, below = nearest_marked_ancestor(head, np.isin(first, _ATTITUDE_IDS), _USS_STEPS)
        return cls(first, pair_of, classes_of, anchor, below, _kids(a, head, lemma_of, tags, tag_of))


def _kids(
    a: DocArrays, head: np.ndarray, lemma_of: np.ndarray, tags: list[str], tag_of: np.ndarray
) -> dict[int, tuple[str, ...]]:
    """The complements of each verb, noun or adjective that has any (see ``SenseKeys``)."""
    n = a.n
    if not n:
        return {}
    lemmas = a.codes(LEMMA)[0]
    deps, dep_of = a.codes(DEP)
    tokens = np.arange(n)
    attached = head != tokens
    kid_pos = np.array([t in KID_POS for t in tags], dtype=bool)[tag_of]
    kid_dep = np.array([d in KID_DEPS for d in deps], dtype=bool)[dep_of]
    mark_dep = np.array([d in ("mark", "aux") for d in deps], dtype=bool)[dep_of]
    mark_lemma = np.array([lemma.lower() in COMPLEMENTIZERS for lemma in lemmas], dtype=bool)[lemma_of]
    marks: dict[int, str] = {}
    for g in np.flatnonzero(attached & mark_dep & mark_lemma).tolist():
        marks.setdefault(int(head[g]), lemmas[lemma_of[g]].lower())  # the first, in the order of the words
    found: dict[int, set[str]] = {}
    for c in np.flatnonzero(attached & kid_dep & kid_pos[head]).tolist():
        d = deps[dep_of[c]]
        if d == "prep":
            kid = "kid=prep|" + lemmas[lemma_of[c]].lower()
        elif d == "advcl":
            kid = "kid=advcl"
        else:
            kid = "kid=" + d + "|" + marks.get(c, "-")
        found.setdefault(int(head[c]), set()).add(kid)
    return {h: tuple(sorted(got))[:MAX_KIDS] for h, got in found.items()}
