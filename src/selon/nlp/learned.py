"""A learned English attribution finder: a linear-chain CRF over the spaCy parse.

The rules in ``attribution.py`` find the common constructions; PolNeAR shows many more (cues
such as "called", "found", "is expected", contents that run over several sentences of a
quote). This tagger labels every token of a paragraph with a BIO role (source, cue, content)
from features of the parse selon already computed, then groups each cue with its nearest
source and content. Features come from the same Doc the rest of the pipeline uses, so no
second parse is needed; training lives in ``selon.eval.train`` and shares ``featurize``.

The model is two files side by side: ``NAME.crfsuite`` (the CRF weights) and ``NAME.json``
(the cue lemmas learned with it and the training statistics), so the features seen at run
time are exactly those seen in training.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from spacy.tokens import Doc, Token

from .attribution import QUOTE_CHARS, Attribution
from .arrays import DocArrays
from .lexicon import EN

log = logging.getLogger(__name__)
_T = TypeVar("_T")

#: Bump when ``featurize`` changes: a model trained on other features is refused, not misread.
FEATURES_VERSION = 3
MODEL_NAME = "attribution-en"
DEFAULT_MODEL = Path(__file__).resolve().parents[1] / "data" / f"{MODEL_NAME}.crfsuite"

#: Words that introduce a source without a verb; always cue candidates.
ADJUNCT_WORDS = frozenset({"according", "accord", "per"})
BASE_CUE_LEMMAS = frozenset(EN.cue_verbs) | ADJUNCT_WORDS

ROLES = ("SOURCE", "CUE", "CONTENT")
_OPENING = frozenset({"“", "«"})
_CLOSING = frozenset({"”", "»"})
_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "expl"})
_CUE_POS = frozenset({"VERB", "AUX", "NOUN", "ADP", "ADJ"})
_MAX_LINK = 60  # tokens: a source or content further from its cue than this is not linked
SENTENCE_PENALTY = 8.0  # link cost (in tokens) of a span outside the cue's sentence
SIDE_PENALTY = 1.5  # link cost of a source after its cue, or a content before it


def _shape(text: str) -> str:
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
    a = abs(n)
    b = str(a) if a <= 3 else ("6" if a <= 6 else ("12" if a <= 12 else ("25" if a <= 25 else "far")))
    return ("-" if n < 0 else "+") + b


def paragraphs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the paragraphs: runs of non-space tokens between line breaks.

    A paragraph is the tagging unit because PolNeAR contents run across sentences
    (quotes of several sentences) but almost never across paragraphs.
    """
    return list(DocArrays.of(doc).paragraphs)


def _quote_state(texts: Sequence[str], start: int, end: int) -> list[int]:
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


def is_cue_candidate(tok: Token, cue_lemmas: frozenset[str]) -> bool:
    """Whether ``tok`` could head a cue: its lemma is a known cue and its part of speech fits."""
    return tok.pos_ in _CUE_POS and tok.lemma_.lower() in cue_lemmas


def _sentence_starts(doc: Doc) -> list[int]:
    """Per token, the index of its sentence's first token (``Token.sent`` is slow per token)."""
    return list(DocArrays.of(doc).sent_starts)


def _per_value(values: Sequence[str], make: Callable[[str], _T]) -> list[_T]:
    """``[make(v) for v in values]``, calling ``make`` once per distinct value."""
    made = {v: make(v) for v in set(values)}
    return [made[v] for v in values]


def _word_strings(w: str) -> tuple[str, ...]:
    return "w=" + w, "-2w=" + w, "-1w=" + w, "1w=" + w, "2w=" + w, "suf=" + w[-3:]


def _lemma_strings(lemma: str) -> tuple[str, ...]:
    return "l=" + lemma, "-1l=" + lemma, "1l=" + lemma


def _pos_strings(pos: str) -> tuple[str, ...]:
    return "p=" + pos, "-2p=" + pos, "-1p=" + pos, "1p=" + pos, "2p=" + pos


def _dep_strings(dep: str) -> tuple[str, ...]:
    return "d=" + dep, "-1d=" + dep, "1d=" + dep


#: the feature strings of the quote state (``_quote_state``): own, then as seen from -2, -1, +1, +2
_Q = [(f"q={q}", f"-2q={q}", f"-1q={q}", f"1q={q}", f"2q={q}") for q in range(4)]
_SI = [f"si={k}" for k in range(4)]
_SFIRST = {True: "sfirst=True", False: "sfirst=False"}
_SLAST = {True: "slast=True", False: "slast=False"}
_SCUE = {True: "scue=True", False: "scue=False"}
_DCUE = {d: "dcue=" + _bucket(d) for d in range(-26, 27)}


def _dcue(distance: int) -> str:
    """The "dcue" feature: beyond 25 tokens every distance is "far"."""
    return _DCUE[distance if -26 <= distance <= 26 else (26 if distance > 0 else -26)]
_CLAUSE_KIDS = frozenset({"ccomp", "xcomp", "parataxis"})


class _DocFeatures:
    """What the features read, per token of one Doc, and the strings that do not depend on the
    paragraph, each built once: featurizing formats millions of strings per hundred articles,
    so none is formatted twice and as few objects as possible are made per token."""

    def __init__(self, a: DocArrays, cue_lemmas: frozenset[str]) -> None:
        n = a.n
        self.texts = a.text
        self.lower = lower = a.lower_
        self.lemma = lemma = a.lemma_lower
        self.pos = pos = a.pos_
        self.dep = dep = a.dep_
        self.head = head = a.head
        self.left, self.right = left, right = a.left_edge, a.right_edge
        self.sent_starts = a.sent_starts
        self.candidate = candidate = [pos[k] in _CUE_POS and lemma[k] in cue_lemmas for k in range(n)]
        self.w = _per_value(lower, _word_strings)
        self.l = _per_value(lemma, _lemma_strings)
        self.p = _per_value(pos, _pos_strings)
        self.d = _per_value(dep, _dep_strings)
        tokens = range(n)
        head_lemma = ["ROOT" if head[k] == k else lemma[head[k]] for k in tokens]
        first_edge = [str(left[head[k]] == k) for k in tokens]
        last_edge = [str(right[head[k]] == k) for k in tokens]
        self.le1 = ["-1le=" + v for v in first_edge]  # "le" as seen from the next token
        self.re1 = ["1re=" + v for v in last_edge]  # "re" as seen from the previous token
        #: the features before the quote state (after "bias"), and those after the sentence ones
        self.first = list(zip(
            [s[0] for s in self.w], [s[0] for s in self.l], [s[0] for s in self.p],
            _per_value(a.tag_, lambda t: "t=" + t), [s[0] for s in self.d],
            _per_value(self.texts, lambda t: "s=" + _shape(t)),
            ["hl=" + v for v in head_lemma], ["hp=" + pos[h] for h in head],
            ["hd=" + ("ROOT" if head[k] == k else dep[head[k]]) for k in tokens],
            ["dhl=" + dep[k] + "|" + head_lemma[k] for k in tokens],
            ["e=" + ((iob + kind) if kind else "O") for iob, kind in zip(a.ent_iob_, a.ent_type_)],
        ))
        self.middle = list(zip(
            [s[5] for s in self.w], ["pre=" + ("L" if k < head[k] else ("R" if k > head[k] else "=")) for k in tokens],
            ["le=" + v for v in first_edge], ["re=" + v for v in last_edge],
            ["nl=" + str(min(v, 3)) for v in a.n_lefts], ["nr=" + str(min(v, 3)) for v in a.n_rights],
        ))
        #: per token: the cue features (candidates only), then "under" and "under_l", and the
        #: start of "under_q" that the quote state completes; empty or None without them
        self.extra: list[tuple[str, ...]] = [()] * n
        self.under_q: list[str | None] = [None] * n
        for k in tokens:
            extra: tuple[str, ...] = ()
            if candidate[k]:
                kids = {dep[c] for c in a.children(k)}
                extra = ("cue=1", "cue_ccomp=" + str(bool(kids & _CLAUSE_KIDS)),
                         "cue_subj=" + str(bool(kids & _SUBJ_DEPS)))
            under = self._cue_path(k)
            if under is not None:
                rel, side, anc = under
                extra += ("under=" + rel + side, "under_l=" + lemma[anc] + "|" + rel)
                self.under_q[k] = "under_q=" + rel + side
            if extra:
                self.extra[k] = extra
        self.path = ["path=" + self._path(k) for k in tokens]

    def _cue_path(self, k: int) -> tuple[str, str, int] | None:
        """The nearest cue-candidate ancestor: (relation below it on the path, side, ancestor)."""
        head, candidate = self.head, self.candidate
        child, node = k, head[k]
        for _ in range(8):
            if node == child:
                return None
            if candidate[node]:
                return self.dep[child], ("L" if k < node else "R"), node
            child, node = node, head[node]
        return None

    def _path(self, k: int) -> str:
        """The token's relation and those of its first two ancestors."""
        dep = self.dep
        h1 = self.head[k]
        if h1 == k:
            return dep[k] + ">"
        h2 = self.head[h1]
        if h2 == h1:
            return dep[k] + ">" + dep[h1]
        return dep[k] + ">" + dep[h1] + ">" + dep[h2]

    def cue_relation(self, k: int, c: int) -> tuple[str, str] | None:
        """How token ``k`` sits towards ``c``, the nearest cue candidate of its sentence.

        "in" its subtree (a complement or subject), "sib" in the subtree of the cue's head but
        not the cue's (the clause an adjunct "according to X" or an incise "..., he said"
        attaches to), or "out"; with the side and the cue's relation, then its lemma.
        A projective parse makes every subtree a contiguous range, so edges suffice.
        """
        if c == k:
            return None
        side = "L" if k < c else "R"
        if self.left[c] <= k <= self.right[c]:
            rel = "in" + side
        else:
            h = self.head[c]
            rel = ("sib" if h != c and self.left[h] <= k <= self.right[h] else "out") + side + self.dep[c]
        return "crel=" + rel, "crel_l=" + rel + "|" + self.lemma[c]

    def paragraph(self, start: int, end: int) -> list[list[str]]:
        """Each token's feature strings, its own then its neighbours' within the paragraph.

        The nearest cue candidate of each token (of the paragraph: "dcue"; of its sentence:
        "crel", ties to the earlier one) is followed with a pointer, the tokens coming in order.
        """
        sent_starts, candidate = self.sent_starts, self.candidate
        qs = [_Q[q] for q in _quote_state(self.texts, start, end)]
        cues = [k for k in range(start, end) if candidate[k]]
        sent_cues: dict[int, list[int]] = {}
        for c in cues:
            sent_cues.setdefault(sent_starts[c], []).append(c)
        w, l, p, d, pos, lower = self.w, self.l, self.p, self.d, self.pos, self.lower
        first, middle, extra, under_q, path = self.first, self.middle, self.extra, self.under_q, self.path
        out: list[list[str]] = []
        sent_index = 0
        current = sent_starts[start]
        si = _SI[0]
        scues = sent_cues.get(current, ())
        near_s = 0
        n_cues = len(cues)
        cue_pos = 0
        for k in range(start, end):
            i = k - start
            s_start = sent_starts[k]
            if s_start != current:
                current = s_start
                sent_index += 1
                si = _SI[min(sent_index, 3)]
                scues = sent_cues.get(s_start, ())
                near_s = 0
            q = qs[i]
            feats = ["bias", *first[k], q[0], _SFIRST[k == s_start],
                     _SLAST[k + 1 >= end or sent_starts[k + 1] != s_start], si, *middle[k], *extra[k]]
            if under_q[k] is not None:
                feats.append(under_q[k] + q[0][2:])
            if n_cues:
                # |c1 - k| <= |c0 - k| for c0 < c1 is 2k >= c0 + c1
                while cue_pos + 1 < n_cues and 2 * k >= cues[cue_pos] + cues[cue_pos + 1]:
                    cue_pos += 1
                near = cues[cue_pos]
                if near != k:
                    feats += (_dcue(k - near), _SCUE[sent_starts[near] == s_start])
            feats.append(path[k])
            if scues:
                while near_s + 1 < len(scues) and 2 * k > scues[near_s] + scues[near_s + 1]:
                    near_s += 1
                rel = self.cue_relation(k, scues[near_s])
                if rel is not None:
                    feats += rel
            if i >= 2:
                j = k - 2
                feats += (w[j][1], p[j][1], qs[i - 2][1])
            else:
                feats.append("-2=PAD")
            if i >= 1:
                j = k - 1
                feats += (w[j][2], l[j][1], p[j][2], d[j][1], qs[i - 1][2], self.le1[j])
            else:
                feats.append("-1=PAD")
            if k + 1 < end:
                j = k + 1
                feats += (w[j][3], l[j][2], p[j][3], d[j][2], qs[i + 1][3], self.re1[j])
            else:
                feats.append("1=PAD")
            if k + 2 < end:
                j = k + 2
                feats += (w[j][4], p[j][4], qs[i + 2][4])
            else:
                feats.append("2=PAD")
            if i > 0:
                feats += ("p-1p0=" + pos[k - 1] + "|" + pos[k], "w-1w0=" + lower[k - 1] + "|" + lower[k])
            if k + 1 < end:
                feats += ("p0p1=" + pos[k] + "|" + pos[k + 1], "w0w1=" + lower[k] + "|" + lower[k + 1])
            out.append(feats)
        return out


def featurize(doc: Doc, cue_lemmas: frozenset[str] = BASE_CUE_LEMMAS) -> list[tuple[tuple[int, int], list[list[str]]]]:
    """Per paragraph: its token range and each token's feature strings.

    Shared by training and inference so that both see exactly the same features.
    """
    return _featurize(DocArrays.of(doc), cue_lemmas)


def _featurize(a: DocArrays, cue_lemmas: frozenset[str]) -> list[tuple[tuple[int, int], list[list[str]]]]:
    features = _DocFeatures(a, cue_lemmas)
    return [((start, end), features.paragraph(start, end)) for start, end in a.paragraphs]


# -- from labels to attributions ---------------------------------------------------------------


def label_spans(labels: Sequence[str], offset: int = 0) -> dict[str, list[tuple[int, int]]]:
    """Role spans ``[start, end)`` (shifted by ``offset``) of a BIO sequence; a stray I- opens a span."""
    spans: dict[str, list[tuple[int, int]]] = {role: [] for role in ROLES}
    role: str | None = None
    start = 0
    for k, label in enumerate(list(labels) + ["O"]):
        kind, _, name = label.partition("-")
        if role is not None and (kind != "I" or name != role):
            spans[role].append((offset + start, offset + k))
            role = None
        if kind == "B" or (kind == "I" and role is None):
            role, start = name, k
    return spans


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Tokens strictly between two ranges (0 when they touch or overlap)."""
    return max(0, b[0] - a[1], a[0] - b[1])


@dataclass
class Link:
    """One cue with the source and content fragments grouped to it (token ranges)."""

    cue: tuple[int, int]
    source: tuple[int, int] | None = None
    contents: list[tuple[int, int]] = field(default_factory=list)

    def content(self) -> tuple[int, int] | None:
        """The extent of the content fragments (an interrupted quote is one content)."""
        if not self.contents:
            return None
        return min(s for s, _ in self.contents), max(e for _, e in self.contents)


def _cost(sent_starts: list[int], cue: tuple[int, int], span: tuple[int, int], before_bonus: bool) -> float:
    """How unlikely ``span`` belongs to ``cue``: token gap, plus sentence and side penalties."""
    cost = float(_gap(cue, span))
    cue_sent = sent_starts[cue[0]]
    if cue_sent != sent_starts[span[0]] and cue_sent != sent_starts[span[1] - 1]:
        cost += SENTENCE_PENALTY
    before = span[1] <= cue[0]
    if before != before_bonus:
        cost += SIDE_PENALTY
    return cost


def _greedy(sent_starts: list[int], cues: list[tuple[int, int]], spans: list[tuple[int, int]],
            before_bonus: bool) -> dict[int, int]:
    """One-to-one cue -> span assignment, cheapest pairs first (ties: earlier cue, earlier span)."""
    pairs = sorted((_cost(sent_starts, c, s, before_bonus), ci, si)
                   for ci, c in enumerate(cues) for si, s in enumerate(spans) if _gap(c, s) <= _MAX_LINK)
    used_c: set[int] = set()
    used_s: set[int] = set()
    out: dict[int, int] = {}
    for _, ci, si in pairs:
        if ci in used_c or si in used_s:
            continue
        used_c.add(ci)
        used_s.add(si)
        out[ci] = si
    return out


def link(sent_starts: list[int], spans: dict[str, list[tuple[int, int]]], keep_empty: bool = False) -> list[Link]:
    """Group the tagged spans of one paragraph into attributions, one per cue.

    Sources mostly precede their cue and contents follow it, so each role is assigned one-to-one
    by distance with a small penalty for the unusual side; content fragments left over are
    joined to the nearest cue (an interrupted quote: "A," she said. "B.").
    """
    cues = spans["CUE"]
    if not cues:
        return []
    links = [Link(cue=c) for c in cues]
    for ci, si in _greedy(sent_starts, cues, spans["SOURCE"], before_bonus=True).items():
        links[ci].source = spans["SOURCE"][si]
    contents = spans["CONTENT"]
    assigned = _greedy(sent_starts, cues, contents, before_bonus=False)
    for ci, si in assigned.items():
        links[ci].contents.append(contents[si])
    taken = set(assigned.values())
    for si, span in enumerate(contents):
        if si in taken:
            continue
        best = min(range(len(cues)), key=lambda ci: (_cost(sent_starts, cues[ci], span, False), ci))
        if _gap(cues[best], span) <= _MAX_LINK:
            links[best].contents.append(span)
    return links if keep_empty else [lk for lk in links if lk.contents]


def link_paragraphs(sent_starts: list[int], tagged: Sequence[tuple[tuple[int, int], dict[str, list[tuple[int, int]]]]],
                    keep_empty: bool = False) -> list[Link]:
    """``link`` paragraph by paragraph, then let a quote run into the next paragraphs.

    "Cruz continued:" followed by a quoted paragraph is tagged as a cue without content and a
    content without cue; when a paragraph ends with such a cue, the contents opening the
    following cue-less paragraphs are its content. ``keep_empty`` also returns the cues that
    got no content (the combiner completes them with the rules).
    """
    found: list[Link] = []
    pending: Link | None = None
    for (start, _end), spans in tagged:
        if pending is not None:
            if spans["CUE"] or not spans["CONTENT"] or spans["CONTENT"][0][0] > start + 1:
                pending = None
            else:
                if not pending.contents and not keep_empty:
                    found.append(pending)
                pending.contents.extend(spans["CONTENT"])
                continue
        links = link(sent_starts, spans, keep_empty=True)
        found.extend(lk for lk in links if lk.contents or keep_empty)
        last = links[-1] if links else None
        if last is not None and not last.contents and not any(s >= last.cue[1] for s, _ in spans["CONTENT"]):
            pending = last
    return found if not keep_empty else sorted(found, key=lambda lk: lk.cue)


# -- the model ---------------------------------------------------------------------------------


class AttributionTagger:
    """A loaded CRF and the cue lemmas it was trained with; tags parsed English Docs."""

    def __init__(self, model_path: Path, meta: dict[str, Any]) -> None:
        import pycrfsuite

        self.path = Path(model_path)
        self.meta = meta
        # the set the model was trained with, not today's lexicon: the features must not drift
        self.cue_lemmas = frozenset(meta.get("cue_lemmas", ())) or BASE_CUE_LEMMAS
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(self.path))
        self._lock = threading.Lock()  # a crfsuite tagger holds per-call state

    @classmethod
    def load(cls, model_path: Path) -> AttributionTagger:
        """Open ``NAME.crfsuite`` with its ``NAME.json``; raise ValueError on a mismatch."""
        model_path = Path(model_path)
        meta_path = model_path.with_suffix(".json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        version = meta.get("features_version")
        if version != FEATURES_VERSION:
            raise ValueError(f"{model_path} was trained on features version {version}, "
                             f"this code computes version {FEATURES_VERSION}; retrain with `selon train polnear`")
        return cls(model_path, meta)

    def labels(self, doc: Doc) -> list[str]:
        """One BIO label per token of ``doc`` (``O`` outside paragraphs)."""
        return self._labels(DocArrays.of(doc))

    def _labels(self, a: DocArrays) -> list[str]:
        out = ["O"] * a.n
        with self._lock:
            for (start, _end), seq in _featurize(a, self.cue_lemmas):
                out[start:start + len(seq)] = self._tagger.tag(seq)
        return out

    def links(self, doc: Doc, keep_empty: bool = False) -> list[Link]:
        """The tagged attributions of ``doc``, grouped paragraph by paragraph.

        ``keep_empty`` also returns the cues the linker found no content for.
        """
        a = DocArrays.of(doc)
        labels = self._labels(a)
        sent_starts = list(a.sent_starts)
        tagged = [((start, end), label_spans(labels[start:end], offset=start)) for start, end in a.paragraphs]
        return link_paragraphs(sent_starts, tagged, keep_empty=keep_empty)

    def attributions(self, doc: Doc) -> list[Attribution]:
        """The tagged attributions as the records the claim builder reads."""
        return [to_attribution(doc, lk) for lk in self.links(doc)]


def to_attribution(doc: Doc, lk: Link) -> Attribution:
    """A grouped cue as an ``Attribution`` of the sentence holding its cue."""
    content = lk.content()
    assert content is not None
    cue_tok = doc[lk.cue[0]]
    head = doc[lk.cue[0]:lk.cue[1]].root
    sent = cue_tok.sent
    source_head = doc[lk.source[0]:lk.source[1]].root.i if lk.source else None
    quote = doc[content[0]].text in QUOTE_CHARS or (content[0] > 0 and doc[content[0] - 1].text in QUOTE_CHARS)
    past = any(t.tag_ in ("VBD", "VBN") for t in doc[lk.cue[0]:lk.cue[1]])
    return Attribution(sentence=(sent.start, sent.end), content=content, cue=lk.cue, source=lk.source,
                       source_head=source_head, kind="learned", quote=quote, cue_lemma=head.lemma_.lower(),
                       cue_past=past)


_LOADED: dict[str, AttributionTagger | None] = {}
_LOAD_LOCK = threading.Lock()


def load_tagger(model_path: Path | None = None) -> AttributionTagger | None:
    """The packaged (or given) model, loaded once; None, with one warning, when it is unusable."""
    path = Path(model_path) if model_path is not None else DEFAULT_MODEL
    key = str(path)
    with _LOAD_LOCK:
        if key not in _LOADED:
            try:
                if not path.exists():
                    raise FileNotFoundError(f"{path} does not exist")
                _LOADED[key] = AttributionTagger.load(path)
            except (OSError, ValueError, ImportError) as exc:
                log.warning("English attribution model unavailable (%s); English uses the rules only. "
                            "Rebuild it with `selon train polnear`.", exc)
                _LOADED[key] = None
        return _LOADED[key]


def learn_cue_lemmas(pairs: Iterable[tuple[Doc, list[str]]], min_count: int = 3,
                     min_ratio: float = 0.15) -> list[str]:
    """Lemmas that head a gold cue often enough, absolutely and relative to their frequency.

    ``pairs`` holds each parsed Doc with its gold BIO labels. The head of a cue is the
    syntactic root of the cue span; a lemma is kept when it heads ``min_count`` cues and at
    least ``min_ratio`` of its occurrences (with a cue part of speech) are cue heads.
    """
    heads: dict[str, int] = {}
    seen: dict[str, int] = {}
    for doc, labels in pairs:
        for tok in doc:
            if tok.pos_ in _CUE_POS:
                lemma = tok.lemma_.lower()
                seen[lemma] = seen.get(lemma, 0) + 1
        for start, end in label_spans(labels)["CUE"]:
            root = doc[start:end].root
            if root.pos_ in _CUE_POS:
                lemma = root.lemma_.lower()
                heads[lemma] = heads.get(lemma, 0) + 1
    return sorted(lemma for lemma, n in heads.items()
                  if n >= min_count and n >= min_ratio * seen.get(lemma, n) and lemma.isalpha())

