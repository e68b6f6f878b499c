"""English attributions: the learned tagger's, completed by the rules where it says nothing.

The CRF (``selon.nlp.learned.tagger``) finds most attributions, cut the way PolNeAR's annotators
cut them; its contents are re-cut by the boundary reranker, and the shared rules of ``rules``
complete it without ever yielding two claims for one report: adjuncts ("according to X") wherever
their cue and source are free, the verb and incise rules where the tagger found a cue without
content or nothing in the sentence (verbs of saying only, ``SAY_LEMMAS``), and the colons of
headlines (``en_colon``). Each switch below names one step; why each is set as it is, with the
held-out measurements, is in ``docs/accuracy.md`` ("English attribution: what was tried").
Without a model file English runs on all the rules (``load_tagger`` logs why).

``find_attributions`` asks sentence by sentence; the tagger works on whole paragraphs (a quote
runs over several sentences), so the document is tagged once and its attributions are handed
out by the sentence holding their cue.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from selon.nlp.attribution.en_colon import colon_attributions
from selon.nlp.attribution.span import QUOTE_CHARS, Attribution
from selon.nlp.doc_arrays import DocArrays
from selon.nlp.learned.boundaries.candidates import DocView
from selon.nlp.learned.tagger import AttributionTagger, load_tagger, opens_quote, to_attribution
from selon.nlp.lexicon.en import DATE_LEAD, PRONOUN_SOURCES, SAY_LEMMAS

#: The rule attributions of a sentence; ``adjuncts_only=True`` may be passed when nothing else can be kept.
RuleFinder = Callable[..., list[Attribution]]


def _tokens(att: Attribution) -> set[int]:
    out: set[int] = set(range(*att.content))
    for part in (att.cue, att.source):
        if part is not None:
            out.update(range(*part))
    return out


#: Rule kinds kept beside the learned attributions (see the module docstring).
RULE_KINDS = frozenset({"adjunct"})

#: When the other rule attributions are kept: "cue" (their cue is one the tagger found but could
#: not give a content), "sentence" (also when the tagger found nothing in the sentence), "all"
#: (wherever they touch no learned attribution) or "none".
FALLBACK = "sentence"


#: Give a learned attribution without source the subject of its cue from the parse.
PARSE_SOURCE = True

#: Let ``boundaries.py`` re-cut learned contents (when its weights are there); otherwise an
#: unquoted content ends with its sentence (``_within_sentence``).
BOUNDARIES = True

#: Run a quotation on past its incise when it resumes in the same paragraph (``_resumed_quotation``).
RESUME = True

#: Give a source and cue between commas the whole sentence (``_parenthetical``).
PARENTHETICAL = True

#: Trim source spans to PolNeAR's cut (``tidy_source``).
TIDY_SOURCE = True

#: Add the colon attributions of headlines and roundups ("Poll: ...", "Clinton: “...”") the
#: tagger missed (``colon.py``).
COLON = True

_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass"})


def merge(
    learned: list[Attribution],
    rules: list[Attribution],
    covered: set[int] | None = None,
    bare_cues: set[int] | None = None,
    fallback: str | None = None,
) -> list[Attribution]:
    """The learned attributions plus the rule ones that do not repeat them.

    Adjuncts (``RULE_KINDS``) are kept unless their cue or source is a learned attribution's;
    the others only when they touch no learned attribution, following ``fallback`` (default
    ``FALLBACK``): when their cue is among ``bare_cues`` (cues the tagger found without content),
    when ``learned`` is empty (the tagger said nothing in the sentence) and their verb is one of
    saying, or always. ``covered`` (token indices of every learned attribution of the Doc)
    defaults to those of ``learned``; pass it when ``learned`` holds only part of the Doc's.
    """
    fallback = FALLBACK if fallback is None else fallback
    if covered is None:
        covered = set()
        for att in learned:
            covered |= _tokens(att)
    bare_cues = bare_cues or set()
    kept = []
    learned = list(learned)
    for att in rules:
        if att.kind in RULE_KINDS:
            own = set(range(*att.cue)) if att.cue else set()
            if att.source is not None:
                own.update(range(*att.source))
            if not own & covered:
                kept.append(att)
            else:
                _adjunct_over_learned(att, learned)
            continue
        if _tokens(att) & covered:
            continue
        if (
            fallback == "all"
            or (fallback in ("cue", "sentence") and att.cue is not None and bare_cues & set(range(*att.cue)))
            or (fallback == "sentence" and not learned and att.cue_lemma in SAY_LEMMAS)
        ):
            kept.append(att)
    return learned + kept


def _adjunct_over_learned(rule: Attribution, learned: list[Attribution]) -> None:
    """Replace, in ``learned``, an attribution on the same "according to" that took its source
    for content ("According to | the report, turnout rose"): the adjunct's parse is certain."""
    if rule.cue is None or rule.source is None:
        return
    for k, att in enumerate(learned):
        if att.cue == rule.cue and att.source is None and att.content[0] <= rule.source[0] < att.content[1]:
            learned[k] = rule
            return


def _subject(cue: Token) -> Token | None:
    """Who speaks through ``cue``: its subject, else that of the verb it hangs on ("..., he said,
    adding that", "Trump has said ... and thinks", "Cruz replied, before adding"), else the
    possessor of a noun cue ("her March comment that")."""
    node = cue
    for _ in range(3):
        subj = next((c for c in node.children if c.dep_ in _SUBJ_DEPS), None)
        if subj is not None:
            return subj
        if node.pos_ == "NOUN":
            return next((c for c in node.children if c.dep_ == "poss"), None)
        head = node.head
        if node.dep_ == "pcomp" and head.dep_ == "prep" and head.head.i != head.i:
            head = head.head
        elif node.dep_ not in ("advcl", "conj", "xcomp") or head.i == node.i:
            return None
        node = head
    return None


def parse_source(doc: Doc, att: Attribution) -> Attribution:
    """``att`` with the subject of its cue as source when the tagger linked none.

    PolNeAR marks a pronoun or a relative "who" itself, so they are kept as they are.
    """
    if att.source is not None or att.cue is None:
        return att
    root = doc[att.cue[0] : att.cue[1]].root
    subj = _subject(root)
    if subj is None or subj.lower_ in ("it", "that", "which", "there", "this"):
        return att
    if subj.pos_ == "PRON" or subj.lower_ in PRONOUN_SOURCES:
        span = (subj.i, subj.i + 1)
    else:
        end = subj.right_edge.i + 1
        if end - 1 > subj.left_edge.i and doc[end - 1].dep_ == "case":
            end -= 1  # "Trump's remarks": the source is Trump
        span = (subj.left_edge.i, end)
    lo, hi = att.content
    if (span[0] < hi and lo < span[1]) or (span[0] < att.cue[1] and att.cue[0] < span[1]):
        return att
    att.source, att.source_head = span, subj.i
    return att


def tidy_source(doc: Doc, att: Attribution) -> Attribution:
    """Cut what PolNeAR leaves out of a source: a trailing date ("X on Tuesday"), a leading "by"."""
    if not TIDY_SOURCE or att.source is None:
        return att
    start, end = att.source
    k = end
    while k > start and doc[k - 1].ent_type_ in ("DATE", "TIME"):
        k -= 1
    if k < end and k > start and doc[k].lower_ in DATE_LEAD and doc[k - 1].pos_ != "ADP":
        while k > start + 1 and doc[k - 1].lower_ in ("on", ","):
            k -= 1
        if doc[k - 1].pos_ in ("PROPN", "NOUN"):
            end = k
    if end - start > 1 and doc[start].lower_ == "by" and doc[start].pos_ == "ADP":
        start += 1
    if (start, end) != att.source:
        att.source = (start, end)
        if att.source_head is not None and not start <= att.source_head < end:
            att.source_head = doc[start:end].root.i
    return att


def _end_content_before(doc: Doc, att: Attribution, end: int) -> Attribution:
    """``att`` with its content ended before token ``end``, punctuation and spaces left out
    (unchanged when nothing would be left)."""
    c0 = att.content[0]
    while end > c0 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end > c0:
        att.content = (c0, end)
    return att


def _within_sentence(doc: Doc, att: Attribution) -> Attribution:
    """An unquoted content ends with the sentence of its cue. Only a quotation runs on over
    several sentences; a paraphrase that seems to ("X said the missiles could improve. In 2024,
    Russia produced ...") has swallowed the outlet's next statement, or someone else's."""
    s, e = att.sentence
    c0, c1 = att.content
    if opens_quote(doc, c0) or not (s <= c0 < e < c1):
        return att
    return _end_content_before(doc, att, e)


_CLOSING_MARKS = frozenset({"”", '"', "''"})
_OPENING_MARKS = frozenset({"“", '"', "``", "‘", "'"})
_ANY_MARKS = QUOTE_CHARS | _OPENING_MARKS | _CLOSING_MARKS


def _only_source_between(doc: Doc, att: Attribution, lo: int, hi: int) -> bool:
    """Whether tokens [lo, hi), between a quotation and its cue, hold nothing but punctuation,
    spaces and ``att``'s source."""
    source = range(*att.source) if att.source is not None else range(0)
    return not any(not (doc[k].is_punct or doc[k].is_space) and k not in source for k in range(lo, hi))


def _quote_before_incise(doc: Doc, att: Attribution) -> Attribution:
    """A quotation does not run on past its own incise: "“A,” Cruz said at a rally, hinting at B"
    is cut after A, unless a second quotation resumes it ("“A,” she said. “B.”")."""
    c0, c1 = att.content
    if att.cue is None or not c0 <= att.cue[0] < c1 or not opens_quote(doc, c0):
        return att
    if any(doc[k].text in _OPENING_MARKS for k in range(att.cue[1], c1)):
        return att
    close = next((k for k in range(att.cue[0] - 1, c0, -1) if doc[k].text in _CLOSING_MARKS), None)
    if close is None:
        return att
    if not _only_source_between(doc, att, close + 1, att.cue[0]):
        return att
    return _end_content_before(doc, att, close)


_CLAUSE_ENDS = frozenset({".", "?", "!"})


def _resumed_quotation(doc: Doc, att: Attribution) -> Attribution:
    """“A,” she said. “B.”: one content from A to the end of B, when B opens right after the
    incise's sentence in the same paragraph (PolNeAR train: 444 of 459 such quotations run on
    to B; only 25 of 150 do when B opens a new paragraph)."""
    if att.cue is None:
        return att
    c0, c1 = att.content
    q0, q1 = att.cue
    if c1 > q0 or not opens_quote(doc, c0):
        return att
    if not _only_source_between(doc, att, c1, q0):
        return att
    n = len(doc)
    stop = next(
        (
            k
            for k in range(q1, min(n, q1 + 30))
            if doc[k].text in _CLAUSE_ENDS or doc[k].text in QUOTE_CHARS or "\n" in doc[k].text_with_ws
        ),
        None,
    )
    if stop is None or doc[stop].text not in _CLAUSE_ENDS or "\n" in doc[stop].whitespace_:
        return att  # the incise runs on, or ends its paragraph
    opening = stop + 1
    if opening >= n or doc[opening].text not in _OPENING_MARKS:
        return att
    for k in range(opening + 1, n):
        if "\n" in doc[k - 1].whitespace_ or doc[k].is_space:
            return att  # no closing mark in the paragraph
        if doc[k].text in _CLOSING_MARKS:
            return _end_content_before(doc, att, k) if k > opening + 1 else att
    return att


def _parenthetical(doc: Doc, att: Attribution) -> Attribution:
    """ "This campaign, he says, is different": a source and cue set between commas inside a
    sentence without quotation marks report the whole sentence, not the side the tagger took
    (PolNeAR train: 134 of 171 such reports)."""
    if att.cue is None or att.source is None:
        return att
    lo, hi = min(att.cue[0], att.source[0]), max(att.cue[1], att.source[1])
    s0, s1 = att.sentence
    c0, c1 = att.content
    if hi - lo > 8 or lo - 1 <= s0 or hi >= s1 - 1 or doc[lo - 1].text != "," or doc[hi].text != ",":
        return att
    if not (c1 <= lo - 1 or c0 > hi):
        return att  # the content already holds the incise
    if any(doc[k].text in _ANY_MARKS for k in range(s0, s1)):
        return att
    start = s0
    while start < lo and (doc[start].is_punct or doc[start].is_space or doc[start].pos_ == "CCONJ"):
        start += 1  # "But there is a risk, some Democrats said, that ...": the "But" is the outlet's
    att.content = (start, s1)
    return _end_content_before(doc, att, s1)


def _with_content(doc: Doc, att: Attribution, content: tuple[int, int]) -> Attribution:
    """``att`` with a new content span, its quotation flag following it."""
    if content != att.content:
        att.content = content
        att.quote = opens_quote(doc, content[0])
    return att


class _DocPlan:
    """The combined attributions of one Doc, by the start token of the sentence of their cue."""

    def __init__(self, doc: Doc, tagger: AttributionTagger, rules: RuleFinder) -> None:
        self.doc = doc
        self.by_sentence: dict[int, list[Attribution]] = {}
        boundaries = tagger.boundaries if BOUNDARIES else None
        a = DocArrays.current(doc)  # the claims stage took it on entry
        labels, probs = tagger.tag_arrays(a, marginals=boundaries is not None)
        links = tagger.links(doc, keep_empty=True, labels=labels, arrays=a)
        view = DocView(doc, a) if boundaries is not None and any(lk.contents for lk in links) else None
        learned = [to_attribution(doc, lk) for lk in links if lk.contents]
        if boundaries is not None and view is not None:
            spans = boundaries.choose_all(view, learned, probs)
            learned = [_quote_before_incise(doc, _with_content(doc, att, span)) for att, span in zip(learned, spans)]
        else:
            learned = [_within_sentence(doc, att) for att in learned]
        if RESUME:
            learned = [_resumed_quotation(doc, att) for att in learned]
        if PARENTHETICAL:
            learned = [_parenthetical(doc, att) for att in learned]
        if PARSE_SOURCE:
            learned = [parse_source(doc, att) for att in learned]
        bare_cues = {i for lk in links if not lk.contents for i in range(*lk.cue)}
        if COLON:
            learned += _free_colons(a, learned)
        learned_by: dict[int, list[Attribution]] = {}
        for att in learned:
            learned_by.setdefault(att.sentence[0], []).append(att)
        covered: set[int] = set()
        for att in learned:
            covered |= _tokens(att)
        for sent in doc.sents:
            here = learned_by.get(sent.start, [])
            rule_atts = rules(doc, sent, adjuncts_only=not _verbs_may_be_kept(sent, here, bare_cues))
            found = [tidy_source(doc, att) for att in merge(here, rule_atts, covered, bare_cues)]
            if found:
                self.by_sentence[sent.start] = found


def _verbs_may_be_kept(sent: Span, learned: list[Attribution], bare_cues: set[int]) -> bool:
    """Whether ``merge`` could keep a verb or incise rule of ``sent`` (see ``FALLBACK``): else only
    its adjuncts are worth finding."""
    if FALLBACK == "all":
        return True
    if FALLBACK not in ("cue", "sentence"):
        return False
    return (FALLBACK == "sentence" and not learned) or any(sent.start <= i < sent.end for i in bare_cues)


def _free_colons(a: DocArrays, learned: list[Attribution]) -> list[Attribution]:
    """The colon attributions whose source and colon no learned attribution holds as cue or source."""
    taken: set[int] = set()
    for att in learned:
        for part in (att.cue, att.source):
            if part is not None:
                taken.update(range(*part))
    return [
        att
        for att in colon_attributions(a)
        if att.cue is not None and att.source is not None and not taken.intersection(range(att.source[0], att.cue[1]))
    ]


_LOCAL = threading.local()


def english_attributions(doc: Doc, sent: Span, rules: RuleFinder) -> list[Attribution]:
    """Attributions of ``sent``: learned ones whose cue it holds, plus the rules' where none overlap.

    The Doc's plan is computed on the first sentence asked and kept for the following ones
    (the last Doc per thread only).
    """
    plan: _DocPlan | None = getattr(_LOCAL, "plan", None)
    if plan is not None and plan.doc is doc:  # the tagger loaded for the first sentence
        return list(plan.by_sentence.get(sent.start, []))
    tagger = load_tagger()
    if tagger is None:
        return rules(doc, sent)
    plan = _LOCAL.plan = _DocPlan(doc, tagger, rules)
    return list(plan.by_sentence.get(sent.start, []))
