"""English attributions: the learned tagger's, completed by the rules where it says nothing.

The CRF of ``learned.py`` was trained on PolNeAR and finds far more attributions, with spans
cut the way annotators cut them. Of the rules in ``attribution.py``, the adjuncts ("according
to X", "per X") stay: their content is the rest of the sentence, which a tagger that sees a few
tokens around each word misses when the adjunct comes last. On a held-out part of PolNeAR train
adding them raised every score a little, while adding the verb rules traded precision for as
much recall. A rule attribution is kept only when it touches no token of a learned attribution,
so one report never yields two claims. Without a model file English runs on all the rules
(``load_tagger`` logs why).

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


#: Rule kinds kept beside the learned attributions (see the module docstring).
RULE_KINDS = frozenset({"adjunct"})


def merge(learned: list[Attribution], rules: list[Attribution], covered: set[int] | None = None) -> list[Attribution]:
    """The learned attributions plus the rule ones of ``RULE_KINDS`` that touch none of them.

    ``covered`` (token indices of every learned attribution of the Doc) defaults to those of
    ``learned``; pass it when ``learned`` holds only part of the Doc's.
    """
    if covered is None:
        covered = set()
        for att in learned:
            covered |= _tokens(att)
    kept = [att for att in rules if att.kind in RULE_KINDS and not (_tokens(att) & covered)]
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
            found = merge(learned_by.get(sent.start, []), rules(doc, sent), covered)
            if found:
                self.by_sentence[sent.start] = found


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
