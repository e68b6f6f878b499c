"""English attributions: the learned tagger's, completed by the rules where it says nothing.

The CRF of ``learned.py`` was trained on PolNeAR and finds far more attributions, with spans
cut the way annotators cut them; the rules of ``attribution.py`` stay for what the tagger
misses. A rule attribution is kept only when its cue and content touch no token of a learned
attribution, so one report never yields two claims. Without a model file English runs on the
rules alone (``load_tagger`` logs why).

``find_attributions`` asks sentence by sentence; the tagger works on whole paragraphs (a quote
runs over several sentences), so the document is tagged once and its attributions are handed
out by the sentence holding their cue.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from spacy.tokens import Doc, Span

from .attribution import Attribution
from .learned import AttributionTagger, load_tagger

RuleFinder = Callable[[Doc, Span], list[Attribution]]


def _tokens(att: Attribution) -> set[int]:
    out: set[int] = set(range(*att.content))
    for part in (att.cue, att.source):
        if part is not None:
            out.update(range(*part))
    return out


def merge(learned: list[Attribution], rules: list[Attribution]) -> list[Attribution]:
    """The learned attributions plus every rule attribution that touches none of them."""
    covered: set[int] = set()
    for att in learned:
        covered |= _tokens(att)
    kept = [att for att in rules if not (_tokens(att) & covered)]
    return learned + kept


class _DocPlan:
    """The combined attributions of one Doc, by the start token of the sentence of their cue."""

    def __init__(self, doc: Doc, tagger: AttributionTagger, rules: RuleFinder) -> None:
        self.doc = doc
        self.by_sentence: dict[int, list[Attribution]] = {}
        learned = tagger.attributions(doc)
        learned_by: dict[int, list[Attribution]] = {}
        for att in learned:
            learned_by.setdefault(att.sentence[0], []).append(att)
        covered: set[int] = set()
        for att in learned:
            covered |= _tokens(att)
        for sent in doc.sents:
            own = learned_by.get(sent.start, [])
            extra = [att for att in rules(doc, sent) if not (_tokens(att) & covered)]
            if own or extra:
                self.by_sentence[sent.start] = own + extra


_LOCAL = threading.local()


def english_attributions(doc: Doc, sent: Span, rules: RuleFinder) -> list[Attribution]:
    """Attributions of ``sent``: learned ones whose cue it holds, plus the rules' where none overlap.

    The Doc's plan is computed on the first sentence asked and kept for the following ones
    (the last Doc per thread only).
    """
    tagger = load_tagger()
    if tagger is None:
        return rules(doc, sent)
    plan: _DocPlan | None = getattr(_LOCAL, "plan", None)
    if plan is None or plan.doc is not doc:
        plan = _DocPlan(doc, tagger, rules)
        _LOCAL.plan = plan
    return list(plan.by_sentence.get(sent.start, []))
