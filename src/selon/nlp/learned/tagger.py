"""A learned English attribution finder: a linear-chain CRF over the spaCy parse.

The rules in ``attribution.py`` find the common constructions; PolNeAR shows many more (cues
such as "called", "found", "is expected", contents that run over several sentences of a
quote). This tagger labels every token of a paragraph with a BIO role (source, cue, content)
from features of the parse selon already computed, then groups each cue with its nearest
source and content. Features come from the same Doc the rest of the pipeline uses, so no
second parse is needed; training lives in ``selon.train.crf`` and shares ``featurize``.

The model is two files side by side: ``NAME.crfsuite`` (the CRF weights) and ``NAME.json``
(the cue lemmas learned with it and the training statistics), so the features seen at run
time are exactly those seen in training.
"""

from __future__ import annotations

import json
import logging
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc, Token

from selon.nlp.attribution.span import QUOTE_CHARS, Attribution
from selon.nlp.doc_arrays import DocArrays
from selon.nlp.learned.boundaries.reranker import ContentBoundaries, boundaries_path
from selon.nlp.learned.crf import CrfModel, crfsuite_reads_alike
from selon.nlp.learned.features.ids import FeatureIds
from selon.nlp.learned.features.strings import DocFeatures
from selon.nlp.learned.features.vocab import CUE_POS
from selon.nlp.lexicon import EN

log = logging.getLogger(__name__)

#: Bump when the features (``features/strings.py``) change: a model trained on others is refused, not misread.
FEATURES_VERSION = 4
MODEL_NAME = "attribution-en"
#: the packaged model, in ``selon/data`` (a real path: the package is installed as files)
DEFAULT_MODEL = Path(str(resources.files("selon").joinpath("data", f"{MODEL_NAME}.crfsuite"))).resolve()

#: Words that introduce a source without a verb; always cue candidates.
ADJUNCT_WORDS = frozenset({"according", "accord", "per"})
BASE_CUE_LEMMAS = frozenset(EN.cue_verbs) | ADJUNCT_WORDS

ROLES = ("SOURCE", "CUE", "CONTENT")
#: Per token, the probability that it begins a content and that it is part of one.
Probs = tuple[list[float], list[float]]
_MAX_LINK = 60  # tokens: a source or content further from its cue than this is not linked
SENTENCE_PENALTY = 8.0  # link cost (in tokens) of a span outside the cue's sentence
SIDE_PENALTY = 1.5  # link cost of a source after its cue, or a content before it


def paragraphs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the paragraphs: runs of non-space tokens between line breaks.

    A paragraph is the tagging unit because PolNeAR contents run across sentences
    (quotes of several sentences) but almost never across paragraphs.
    """
    return list(DocArrays.of(doc).paragraphs)


def is_cue_candidate(tok: Token, cue_lemmas: frozenset[str]) -> bool:
    """Whether ``tok`` could head a cue: its lemma is a known cue and its part of speech fits."""
    return tok.pos_ in CUE_POS and tok.lemma_.lower() in cue_lemmas


def _sentence_starts(doc: Doc) -> list[int]:
    """Per token, the index of its sentence's first token (``Token.sent`` is slow per token)."""
    return list(DocArrays.of(doc).sent_starts)


def featurize(doc: Doc, cue_lemmas: frozenset[str] = BASE_CUE_LEMMAS) -> list[tuple[tuple[int, int], list[list[str]]]]:
    """Per paragraph: its token range and each token's feature strings.

    Shared by training and inference so that both see exactly the same features.
    """
    return _featurize(DocArrays.of(doc), cue_lemmas)


def _featurize(a: DocArrays, cue_lemmas: frozenset[str]) -> list[tuple[tuple[int, int], list[list[str]]]]:
    features = DocFeatures(a, cue_lemmas)
    return [((start, end), features.paragraph(start, end)) for start, end in a.paragraphs]


# -- from labels to attributions ---------------------------------------------------------------


def label_spans(labels: Sequence[str], offset: int = 0) -> dict[str, list[tuple[int, int]]]:
    """Role spans ``[start, end)`` (shifted by ``offset``) of a BIO sequence; a stray I- opens a span."""
    spans: dict[str, list[tuple[int, int]]] = {role: [] for role in ROLES}
    role: str | None = None
    start = 0
    for k, label in enumerate([*labels, "O"]):
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


class _Near:
    """The ranges of a list within some tokens of a given range, found by bisection when the list
    runs in order (as the tagged spans of one role do): pairing every cue of a paragraph with
    every span was quadratic in the paragraph's reports."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in ranges]
        self.ends = [e for _, e in ranges]
        self.ordered = all(
            self.starts[k] <= self.starts[k + 1] and self.ends[k] <= self.ends[k + 1] for k in range(len(ranges) - 1)
        )

    def within(self, span: tuple[int, int], reach: float) -> range:
        """Indices of the ranges that may lie within ``reach`` tokens of ``span`` (a superset
        of those whose ``_gap`` to it is at most ``reach``)."""
        if not self.ordered:
            return range(len(self.starts))
        return range(bisect_left(self.ends, span[0] - reach), bisect_right(self.starts, span[1] + reach))


def _greedy(
    sent_starts: list[int], cues: list[tuple[int, int]], spans: list[tuple[int, int]], before_bonus: bool
) -> dict[int, int]:
    """One-to-one cue -> span assignment, cheapest pairs first (ties: earlier cue, earlier span)."""
    near = _Near(spans)
    pairs = sorted(
        (_cost(sent_starts, c, spans[si], before_bonus), ci, si)
        for ci, c in enumerate(cues)
        for si in near.within(c, _MAX_LINK)
        if _gap(c, spans[si]) <= _MAX_LINK
    )
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
    near_cues = _Near(cues)
    for si, span in enumerate(contents):
        if si in taken:
            continue
        # a cue further than this costs more than any within _MAX_LINK: it can neither win nor link
        around = near_cues.within(span, _MAX_LINK + SENTENCE_PENALTY + SIDE_PENALTY)
        if not around:
            continue
        best = min(around, key=lambda ci: (_cost(sent_starts, cues[ci], span, False), ci))
        if _gap(cues[best], span) <= _MAX_LINK:
            links[best].contents.append(span)
    return links if keep_empty else [lk for lk in links if lk.contents]


def link_paragraphs(
    sent_starts: list[int],
    tagged: Sequence[tuple[tuple[int, int], dict[str, list[tuple[int, int]]]]],
    keep_empty: bool = False,
) -> list[Link]:
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

    def __init__(self, model_path: Path, meta: dict[str, Any], boundaries: ContentBoundaries | None = None) -> None:
        import pycrfsuite

        self.path = Path(model_path)
        self.meta = meta
        #: the content boundary reranker trained for this tagger (``boundaries.py``), if any
        self.boundaries = boundaries
        # the set the model was trained with, not today's lexicon: the features must not drift
        self.cue_lemmas = frozenset(meta.get("cue_lemmas", ())) or BASE_CUE_LEMMAS
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(self.path))
        self._lock = threading.Lock()  # a crfsuite tagger holds per-call state
        try:  # the same model, tagging a whole Doc at once (pycrfsuite remains for what it cannot read)
            self._model: CrfModel | None = CrfModel.read(self.path)
        except (OSError, ValueError) as exc:
            log.info("tagging with pycrfsuite: %s", exc)
            self._model = None
        #: the features as the model's attribute ids, made without their strings
        self._ids = FeatureIds(self._model, self.cue_lemmas) if self._model is not None else None

    @classmethod
    def load(cls, model_path: Path, boundaries: bool = True) -> AttributionTagger:
        """Open ``NAME.crfsuite`` with its ``NAME.json``; raise ValueError on a mismatch.

        ``boundaries`` also opens the reranker beside it (``NAME.boundaries.json``); without a
        usable one, learned contents keep the tagger's spans (one warning says why).
        """
        model_path = Path(model_path)
        meta_path = model_path.with_suffix(".json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        version = meta.get("features_version")
        if version != FEATURES_VERSION:
            raise ValueError(
                f"{model_path} was trained on features version {version}, "
                f"this code computes version {FEATURES_VERSION}; retrain with `selon train polnear`"
            )
        reranker = None
        if boundaries:
            try:
                reranker = ContentBoundaries.load(boundaries_path(model_path))
            except (OSError, ValueError, KeyError) as exc:
                log.warning(
                    "content boundary model unavailable (%s); learned contents keep the tagger's "
                    "spans. Rebuild it with `selon train polnear`.",
                    exc,
                )
        return cls(model_path, meta, reranker)

    def tag(self, doc: Doc, marginals: bool = False) -> tuple[list[str], Probs | None]:
        """One BIO label per token of ``doc`` (``O`` outside paragraphs) and, with ``marginals``,
        per token the probability that it begins a content and that it is part of one (computed
        in the paragraphs where a cue was tagged; 0 elsewhere), which ``boundaries.py`` reads."""
        return self._tag(DocArrays.of(doc), marginals)

    def tag_arrays(self, a: DocArrays, marginals: bool = False) -> tuple[list[str], Probs | None]:
        """``tag`` of the Doc of the snapshot ``a`` (a stage's own, taken on entry)."""
        return self._tag(a, marginals)

    def _tag(self, a: DocArrays, marginals: bool = False) -> tuple[list[str], Probs | None]:
        out = ["O"] * a.n
        probs = ([0.0] * a.n, [0.0] * a.n) if marginals else None
        if (
            self._model is not None
            and self._ids is not None
            and crfsuite_reads_alike(a.doc_text + "".join(set(a.lemma_)))
        ):
            scores = self._model.state_scores_ids(self._ids.table(a))
            rows: list[tuple[int, int]] = []
            for start, end in a.paragraphs:
                first = rows[-1][1] if rows else 0
                rows.append((first, first + end - start))
            tagged = self._model.viterbi(scores, rows)
            for (start, end), (first, last) in zip(a.paragraphs, rows):
                out[start:end] = tagged[first:last]
            if probs is not None:
                cued = [
                    (k, row)
                    for k, row in enumerate(rows)
                    if any(lab.endswith("-CUE") for lab in tagged[row[0] : row[1]])
                ]
                p = self._model.marginals(scores, [row for _, row in cued])
                b, i = self._model.labels.index("B-CONTENT"), self._model.labels.index("I-CONTENT")
                begin, content = probs
                for k, (first, last) in cued:
                    start = a.paragraphs[k][0]
                    begin[start : start + last - first] = p[first:last, b].tolist()
                    content[start : start + last - first] = (p[first:last, b] + p[first:last, i]).tolist()
            return out, probs
        with self._lock:
            for (start, _end), seq in _featurize(a, self.cue_lemmas):
                labels = self._tagger.tag(seq)
                out[start : start + len(seq)] = labels
                if probs is not None and any(label.endswith("-CUE") for label in labels):
                    begin, content = probs
                    marginal = self._tagger.marginal
                    for j in range(len(seq)):
                        b_j = marginal("B-CONTENT", j)
                        begin[start + j] = b_j
                        content[start + j] = b_j + marginal("I-CONTENT", j)
        return out, probs

    def string_scores(self, a: DocArrays) -> np.ndarray:
        """The state scores of the feature strings (as ``featurize`` spells them, row after row of
        ``a.paragraphs``): the reference the id path of ``_tag`` must equal."""
        assert self._model is not None
        if not a.paragraphs:
            return np.zeros((0, len(self._model.labels)))
        features = DocFeatures(a, self.cue_lemmas)
        flat: list[str] = []
        ends: list[int] = []
        for start, end in a.paragraphs:
            features.add_paragraph(start, end, flat, ends)
        return self._model.state_scores(flat, ends)

    def labels(self, doc: Doc) -> list[str]:
        """One BIO label per token of ``doc`` (``O`` outside paragraphs)."""
        return self.tag(doc)[0]

    def links(
        self, doc: Doc, keep_empty: bool = False, labels: list[str] | None = None, arrays: DocArrays | None = None
    ) -> list[Link]:
        """The tagged attributions of ``doc``, grouped paragraph by paragraph.

        ``keep_empty`` also returns the cues the linker found no content for; ``labels`` are
        those of ``tag`` when already computed, ``arrays`` the snapshot of ``doc`` in use.
        """
        a = DocArrays.of(doc) if arrays is None else arrays
        labels = self._tag(a)[0] if labels is None else labels
        sent_starts = list(a.sent_starts)
        tagged = [((start, end), label_spans(labels[start:end], offset=start)) for start, end in a.paragraphs]
        return link_paragraphs(sent_starts, tagged, keep_empty=keep_empty)

    def attributions(self, doc: Doc) -> list[Attribution]:
        """The tagged attributions as the records the claim builder reads."""
        return [to_attribution(doc, lk) for lk in self.links(doc)]


def opens_quote(doc: Doc, start: int) -> bool:
    """Whether a span starting at token ``start`` is a quotation: it starts on or after a mark."""
    return any(doc[i].text in QUOTE_CHARS for i in (start, start - 1) if 0 <= i < len(doc))


def to_attribution(doc: Doc, lk: Link) -> Attribution:
    """A grouped cue as an ``Attribution`` of the sentence holding its cue (read from the token
    arrays: the sentence, roots and tags as ``Token.sent``, ``Span.root`` and ``Token.tag_``)."""
    content = lk.content()
    assert content is not None
    a = DocArrays.current(doc)
    c0, c1 = lk.cue
    source_head = a.span_root(*lk.source) if lk.source else None
    quote = opens_quote(doc, content[0])
    past = any(a.tag_[i] in ("VBD", "VBN") for i in range(c0, c1))
    return Attribution(
        sentence=(a.sent_starts[c0], a.sent_ends[c0]),
        content=content,
        cue=lk.cue,
        source=lk.source,
        source_head=source_head,
        kind="learned",
        quote=quote,
        cue_lemma=a.lemma_lower[a.span_root(c0, c1)],
        cue_past=past,
    )


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
                log.warning(
                    "English attribution model unavailable (%s); English uses the rules only. "
                    "Rebuild it with `selon train polnear`.",
                    exc,
                )
                _LOADED[key] = None
        return _LOADED[key]


def learn_cue_lemmas(pairs: Iterable[tuple[Doc, list[str]]], min_count: int = 3, min_ratio: float = 0.15) -> list[str]:
    """Lemmas that head a gold cue often enough, absolutely and relative to their frequency.

    ``pairs`` holds each parsed Doc with its gold BIO labels. The head of a cue is the
    syntactic root of the cue span; a lemma is kept when it heads ``min_count`` cues and at
    least ``min_ratio`` of its occurrences (with a cue part of speech) are cue heads.
    """
    heads: dict[str, int] = {}
    seen: dict[str, int] = {}
    for doc, labels in pairs:
        for tok in doc:
            if tok.pos_ in CUE_POS:
                lemma = tok.lemma_.lower()
                seen[lemma] = seen.get(lemma, 0) + 1
        for start, end in label_spans(labels)["CUE"]:
            root = doc[start:end].root
            if root.pos_ in CUE_POS:
                lemma = root.lemma_.lower()
                heads[lemma] = heads.get(lemma, 0) + 1
    return sorted(
        lemma
        for lemma, n in heads.items()
        if n >= min_count and n >= min_ratio * seen.get(lemma, n) and lemma.isalpha()
    )
