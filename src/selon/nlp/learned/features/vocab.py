"""What both paths of the tagger's features share: the slots, the labels they read and the
strings of few values.

``strings.py`` spells the features as strings (training, and the reference), ``ids.py`` computes
their attribute ids directly (the tagger at run time); they must agree string for string, so the
parts both build from are defined here once.
"""

from __future__ import annotations

from collections.abc import Sequence

from selon.nlp.learned.senses import MAX_KIDS

#: Opening and closing typographic quotation marks (straight ones toggle).
_OPENING = frozenset({"“", "«"})
_CLOSING = frozenset({"”", "»"})
#: Relations of a cue candidate's children that mark a subject ("cue_subj") or a clause ("cue_ccomp").
SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "expl"})
CLAUSE_KIDS = frozenset({"ccomp", "xcomp", "parataxis"})
#: Parts of speech a cue candidate may have (with a cue lemma).
CUE_POS = frozenset({"VERB", "AUX", "NOUN", "ADP", "ADJ"})


def shape(text: str) -> str:
    """The "s" feature: the token's shape (digits, capitals, lower case, mixed, or its first marks)."""
    if text.isdigit():
        return "d"
    if text.isupper() and len(text) > 1:
        return "XX"
    if text[:1].isupper():
        return "Xx"
    if text.isalpha():
        return "x"
    if any(c.isalnum() for c in text):
        return "mix"
    return text[:2]


def _bucket(n: int) -> str:
    """A signed distance: exact up to 3, then up to 6, 12, 25, and "far"."""
    a = abs(n)
    b = str(a) if a <= 3 else ("6" if a <= 6 else ("12" if a <= 12 else ("25" if a <= 25 else "far")))
    return ("-" if n < 0 else "+") + b


def quote_state(texts: Sequence[str], start: int, end: int) -> list[int]:
    """Per token of ``texts[start:end]``: 1 inside a quotation, 2 on an opening mark, 3 on a
    closing mark, 0 outside.

    Straight double quotes toggle; typographic ones open and close. Single quotes count only
    as a pair ‘...’ (a lone ’ is an apostrophe). A quote opened and never closed in the
    paragraph stays open to its end (multi-sentence quotes do that).
    """
    state = [0] * (end - start)
    inside = single = False
    for k in range(start, end):
        text = texts[k]
        if text in _OPENING or (text == '"' and not inside):
            state[k - start] = 2
            inside = True
        elif text in _CLOSING or (text == '"' and inside):
            state[k - start] = 3
            inside = single = False
        elif text == "‘" and not single:
            state[k - start] = 2
            single = True
        elif text == "’" and single:
            state[k - start] = 3
            single = False
        elif inside or single:
            state[k - start] = 1
    return state


#: The feature strings of the quote state (``quote_state``): own, then as seen from -2, -1, +1, +2.
Q = [(f"q={q}", f"-2q={q}", f"-1q={q}", f"1q={q}", f"2q={q}") for q in range(4)]
#: "si": the index of the sentence in the paragraph, 3 for the fourth and later.
SI = [f"si={k}" for k in range(4)]
#: "sfirst", "slast": whether the token begins or ends its sentence.
SFIRST = {True: "sfirst=True", False: "sfirst=False"}
SLAST = {True: "slast=True", False: "slast=False"}
#: "scue": whether the nearest cue candidate is in the same sentence.
SCUE = {True: "scue=True", False: "scue=False"}
#: "dcue": the distance to the nearest cue candidate, by distance -26..26.
DCUE = {d: "dcue=" + _bucket(d) for d in range(-26, 27)}
#: "nl", "nr": the number of left and right children, 3 for three or more.
NL = ("nl=0", "nl=1", "nl=2", "nl=3")
NR = ("nr=0", "nr=1", "nr=2", "nr=3")

#: the WordNet-class slots (``DocFeatures._sense_strings``): own first class and classes, the
#: attitude ancestor's, the head's, the neighbours', the complements and their conjunctions
SENSE_SLOTS = (
    "ss1",
    "ssa0",
    "ssa1",
    "ssa2",
    "uss",
    "hss",
    "dhss",
    "-1ss",
    "1ss",
    *(f"kid{j}" for j in range(MAX_KIDS)),
    *(f"kidc{j}" for j in range(MAX_KIDS)),
)
#: the feature slots of a token, in the order of ``DocFeatures.add_paragraph``
SLOTS = (
    "bias",
    "w",
    "l",
    "p",
    "t",
    "d",
    "s",
    "hl",
    "hp",
    "hd",
    "dhl",
    "e",
    "q",
    "sfirst",
    "slast",
    "si",
    "suf",
    "pre",
    "le",
    "re",
    "nl",
    "nr",
    "cue",
    "cue_ccomp",
    "cue_subj",
    "under",
    "under_l",
    "under_q",
    "dcue",
    "scue",
    "path",
    *SENSE_SLOTS,
    "crel",
    "crel_l",
    "-2w",
    "-2p",
    "-2q",
    "-1w",
    "-1l",
    "-1p",
    "-1d",
    "-1q",
    "-1le",
    "1w",
    "1l",
    "1p",
    "1d",
    "1q",
    "1re",
    "2w",
    "2p",
    "2q",
    "p-1p0",
    "w-1w0",
    "p0p1",
    "w0w1",
)
