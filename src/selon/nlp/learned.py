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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from .attribution import QUOTE_CHARS, Attribution
from .lexicon import EN

log = logging.getLogger(__name__)

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
    out: list[tuple[int, int]] = []
    start: int | None = None
    for tok in doc:
        if tok.is_space and "\n" in tok.text:
            if start is not None:
                out.append((start, tok.i))
            start = None
            continue
        if start is None:
            if tok.is_space:
                continue
            start = tok.i
        if "\n" in tok.whitespace_:
            out.append((start, tok.i + 1))
            start = None
    if start is not None:
        out.append((start, len(doc)))
    return out


def _quote_state(doc: Doc, start: int, end: int) -> list[int]:
    """Per token: 1 inside a quotation, 2 on an opening mark, 3 on a closing mark, 0 outside.

    Straight double quotes toggle; typographic ones open and close. Single quotes count only
    as a pair ‘...’ (a lone ’ is an apostrophe). A quote opened and never closed in the
    paragraph stays open to its end (multi-sentence quotes do that).
    """
    state = [0] * (end - start)
    inside = single = False
    for k in range(start, end):
        text = doc[k].text
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
    starts = [0] * len(doc)
    for sent in doc.sents:
        for k in range(sent.start, sent.end):
            starts[k] = sent.start
    return starts


class _Arrays:
    """The token attributes the features read, gathered in one pass over the Doc.

    Creating spaCy ``Token`` objects dominates the cost of featurizing; reading each attribute
    once into plain lists keeps tagging cheap beside the parse.
    """

    def __init__(self, doc: Doc, cue_lemmas: frozenset[str]) -> None:
        n = len(doc)
        self.lower = [""] * n
        self.lemma = [""] * n
        self.pos = [""] * n
        self.tag = [""] * n
        self.dep = [""] * n
        self.shape = [""] * n
        self.ent = [""] * n
        self.head = [0] * n
        self.left = [0] * n
        self.right = [0] * n
        self.n_lefts = [0] * n
        self.n_rights = [0] * n
        self.kids: list[set[str] | None] = [None] * n
        self.candidate = [False] * n
        for tok in doc:
            k = tok.i
            low = tok.lower_
            self.lower[k] = low
            lemma = self.lemma[k] = tok.lemma_.lower()
            pos = self.pos[k] = tok.pos_
            self.tag[k] = tok.tag_
            self.dep[k] = tok.dep_
            self.shape[k] = _shape(tok.text)
            self.ent[k] = (tok.ent_iob_ + tok.ent_type_) if tok.ent_type_ else "O"
            self.head[k] = tok.head.i
            self.left[k] = tok.left_edge.i
            self.right[k] = tok.right_edge.i
            self.n_lefts[k] = tok.n_lefts
            self.n_rights[k] = tok.n_rights
            if pos in _CUE_POS and lemma in cue_lemmas:
                self.candidate[k] = True
                self.kids[k] = {c.dep_ for c in tok.children}
        self.sent_starts = _sentence_starts(doc)

    def cue_path(self, k: int) -> tuple[str, str, int] | None:
        """The nearest cue-candidate ancestor: (relation below it on the path, side, ancestor)."""
        child, node = k, self.head[k]
        for _ in range(8):
            if node == child:
                return None
            if self.candidate[node]:
                return self.dep[child], ("L" if k < node else "R"), node
            child, node = node, self.head[node]
        return None

    def cue_relation(self, k: int, cues: Sequence[int]) -> tuple[str, str] | None:
        """How token ``k`` sits towards the nearest cue candidate of its sentence.

        "in" its subtree (a complement or subject), "sib" in the subtree of the cue's head but
        not the cue's (the clause an adjunct "according to X" or an incise "..., he said"
        attaches to), or "out"; with the side and the cue's relation, then its lemma.
        A projective parse makes every subtree a contiguous range, so edges suffice.
        """
        if not cues:
            return None
        c = min(cues, key=lambda c: abs(c - k))
        if c == k:
            return None
        side = "L" if k < c else "R"
        if self.left[c] <= k <= self.right[c]:
            rel = "in" + side
        else:
            h = self.head[c]
            rel = ("sib" if h != c and self.left[h] <= k <= self.right[h] else "out") + side + self.dep[c]
        return rel, rel + "|" + self.lemma[c]

    def path(self, k: int) -> str:
        """The token's relation and those of its first two ancestors."""
        h1 = self.head[k]
        if h1 == k:
            return self.dep[k] + ">"
        h2 = self.head[h1]
        if h2 == h1:
            return self.dep[k] + ">" + self.dep[h1]
        return self.dep[k] + ">" + self.dep[h1] + ">" + self.dep[h2]


def _token_features(a: _Arrays, start: int, end: int, quotes: list[int]) -> list[dict[str, str]]:
    """Features of each token of a paragraph on its own (``featurize`` adds the neighbours')."""
    sent_starts, candidate = a.sent_starts, a.candidate
    cues = [k for k in range(start, end) if candidate[k]]
    sent_cues: dict[int, list[int]] = {}
    for c in cues:
        sent_cues.setdefault(sent_starts[c], []).append(c)
    out: list[dict[str, str]] = []
    sent_index = 0
    current = sent_starts[start]
    cue_pos = 0
    for k in range(start, end):
        s_start = sent_starts[k]
        if s_start != current:
            current = s_start
            sent_index += 1
        s_end_last = k + 1 >= end or sent_starts[k + 1] != s_start
        h = a.head[k]
        root = h == k
        head_lemma = "ROOT" if root else a.lemma[h]
        q = str(quotes[k - start])
        f = {
            "w": a.lower[k],
            "l": a.lemma[k],
            "p": a.pos[k],
            "t": a.tag[k],
            "d": a.dep[k],
            "s": a.shape[k],
            "hl": head_lemma,
            "hp": a.pos[h],
            "hd": "ROOT" if root else a.dep[h],
            "dhl": a.dep[k] + "|" + head_lemma,
            "e": a.ent[k],
            "q": q,
            "sfirst": str(k == s_start),
            "slast": str(s_end_last),
            "si": str(min(sent_index, 3)),
            "suf": a.lower[k][-3:],
            "pre": "L" if k < h else ("R" if k > h else "="),
            "le": str(a.left[h] == k),
            "re": str(a.right[h] == k),
            "nl": str(min(a.n_lefts[k], 3)),
            "nr": str(min(a.n_rights[k], 3)),
        }
        if candidate[k]:
            kids = a.kids[k] or set()
            f["cue"] = "1"
            f["cue_ccomp"] = str(bool(kids & {"ccomp", "xcomp", "parataxis"}))
            f["cue_subj"] = str(bool(kids & _SUBJ_DEPS))
        path = a.cue_path(k)
        if path is not None:
            dep, side, anc = path
            f["under"] = dep + side
            f["under_l"] = a.lemma[anc] + "|" + dep
            f["under_q"] = dep + side + q
        while cue_pos + 1 < len(cues) and abs(cues[cue_pos + 1] - k) <= abs(cues[cue_pos] - k):
            cue_pos += 1
        if cues and cues[cue_pos] != k:
            near = cues[cue_pos]
            f["dcue"] = _bucket(k - near)
            f["scue"] = str(sent_starts[near] == s_start)
        f["path"] = a.path(k)
        rel = a.cue_relation(k, sent_cues.get(s_start, ()))
        if rel:
            f["crel"] = rel[0]
            f["crel_l"] = rel[1]
        out.append(f)
    return out


_WINDOW = {
    -2: ("w", "p", "q"),
    -1: ("w", "l", "p", "d", "q", "le"),
    1: ("w", "l", "p", "d", "q", "re"),
    2: ("w", "p", "q"),
}


def featurize(doc: Doc, cue_lemmas: frozenset[str] = BASE_CUE_LEMMAS) -> list[tuple[tuple[int, int], list[list[str]]]]:
    """Per paragraph: its token range and each token's feature strings.

    Shared by training and inference so that both see exactly the same features.
    """
    arrays = _Arrays(doc, cue_lemmas)
    out = []
    for start, end in paragraphs(doc):
        base = _token_features(arrays, start, end, _quote_state(doc, start, end))
        n = len(base)
        own = [["bias"] + [f"{key}={val}" for key, val in f.items()] for f in base]
        window = {offset: [[f"{offset}{key}={f[key]}" for key in keys] for f in base]
                  for offset, keys in _WINDOW.items()}
        seq: list[list[str]] = []
        for k in range(n):
            feats = own[k]
            for offset in _WINDOW:
                j = k + offset
                if 0 <= j < n:
                    feats.extend(window[offset][j])
                else:
                    feats.append(f"{offset}=PAD")
            w, p = base[k]["w"], base[k]["p"]
            if k > 0:
                feats.append(f"p-1p0={base[k - 1]['p']}|{p}")
                feats.append(f"w-1w0={base[k - 1]['w']}|{w}")
            if k + 1 < n:
                feats.append(f"p0p1={p}|{base[k + 1]['p']}")
                feats.append(f"w0w1={w}|{base[k + 1]['w']}")
            seq.append(feats)
        out.append(((start, end), seq))
    return out


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

    def tag(self, doc: Doc, marginals: bool = False) -> tuple[list[str], tuple[list[float], list[float]] | None]:
        """One BIO label per token of ``doc`` (``O`` outside paragraphs) and, with ``marginals``,
        per token the probability that it begins a content and that it is part of one (computed
        in the paragraphs holding a cue only; 0 elsewhere), which ``boundaries.py`` reads."""
        n = len(doc)
        out = ["O"] * n
        probs = ([0.0] * n, [0.0] * n) if marginals else None
        with self._lock:
            for (start, _end), seq in featurize(doc, self.cue_lemmas):
                labels = self._tagger.tag(seq)
                out[start:start + len(seq)] = labels
                if probs is not None and any(label.endswith("-CUE") for label in labels):
                    begin, content = probs
                    marginal = self._tagger.marginal
                    for j in range(len(seq)):
                        b = marginal("B-CONTENT", j)
                        begin[start + j] = b
                        content[start + j] = b + marginal("I-CONTENT", j)
        return out, probs

    def labels(self, doc: Doc) -> list[str]:
        """One BIO label per token of ``doc`` (``O`` outside paragraphs)."""
        return self.tag(doc)[0]

    def links(self, doc: Doc, keep_empty: bool = False, labels: list[str] | None = None) -> list[Link]:
        """The tagged attributions of ``doc``, grouped paragraph by paragraph.

        ``keep_empty`` also returns the cues the linker found no content for; ``labels`` are
        those of ``tag`` when already computed.
        """
        labels = self.labels(doc) if labels is None else labels
        sent_starts = _sentence_starts(doc)
        tagged = [((start, end), label_spans(labels[start:end], offset=start)) for start, end in paragraphs(doc)]
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

