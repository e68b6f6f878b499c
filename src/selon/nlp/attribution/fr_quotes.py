"""French quotations and continuations: what the sentence-by-sentence rules cannot see alone.

(The colon introductions that open many quotations are found sentence by sentence, in ``fr_colon``.)
- A quotation that runs over several sentences is one content; one interrupted by its incise
  ("« A, dit-il. B »", "« A », dit-il, « B »") gives two, with the same source and cue.
- A quotation with no cue in its sentence takes the previous speaker, and no cue.
- A journalistic conditional ("serait", "aurait") carries on the report before it in its paragraph,
  or stands as a hedged report with no source; the outlet's own supposition ("pourrait", "je
  serais", "S'il fallait ..., il serait") is no attribution (docs/attribution-guidelines.md).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from selon.model import Claim, Source
from selon.nlp.attribution.fr_colon import CLOSERS, OPENERS, REFLEXIVES, main_subject, only_marks, person_like
from selon.nlp.attribution.fr_posts import embedded_posts, interview_answers, interviewee
from selon.nlp.attribution.span import (
    QUOTE_CHARS,
    Attribution,
    noun_phrase,
    quotation_regions,
    quoted_tokens,
    trim,
)
from selon.nlp.claims.mood import is_french_conditional
from selon.nlp.doc_arrays import DocArrays
from selon.nlp.lexicon.fr_quotes import (
    CARRYING_ADJUNCTS,
    HYPOTHESIS_OPENERS,
    OUTLET_MODAL_STEMS,
    OUTLET_MODALS,
    WRITER_SUBJECTS,
)

#: the clauses whose verb is not the sentence's own statement
_SUBORDINATE = frozenset({"acl", "acl:relcl", "advcl", "ccomp", "csubj", "csubj:pass"})


def _clause_verb(token: Token) -> Token:
    """The verb that heads the clause of ``token`` (an auxiliary or copula hangs on it)."""
    return token.head if token.dep_.startswith(("aux", "cop")) else token


def _is_outlet_modal(token: Token) -> bool:
    form = token.lower_
    return token.lemma_.lower() in OUTLET_MODALS or form.startswith(OUTLET_MODAL_STEMS)


def _writer_speaks(verb: Token) -> bool:
    """ "je serais", "on se croirait": the subject is the writer (or anyone), not a reported source."""
    children = [*verb.children, *_clause_verb(verb).children]
    return any(c.dep_.startswith("nsubj") and c.lower_.lstrip("-") in WRITER_SUBJECTS for c in children)


def _hypothesis(sent: Span) -> bool:
    """ "S'il fallait ne retenir qu'une promesse, ce serait ...": a hypothesis in the imperfect or the
    pluperfect opens the sentence, and the conditional is its consequence. "Si les détails n'ont pas
    été donnés, elles viseraient ..." (a concession, in the perfect) is not one."""
    first = next((t for t in sent if not (t.is_punct or t.is_space)), None)
    if first is None or first.lower_ not in HYPOTHESIS_OPENERS:
        return False
    verb = first.head
    forms = [verb, *(c for c in verb.children if c.dep_.startswith("aux"))]
    return any("Imp" in t.morph.get("Tense", []) for t in forms)


def journalistic_conditional(sent: Span, content: tuple[int, int], hedges: list[Token]) -> tuple[int, int] | None:
    """The content of an uncued sentence that reports in the journalistic conditional ("seraient en
    cours de construction", "devrait passer"), carrying on an earlier report or standing as a hedged
    one with no source: ``content``, less an indicative clause coordinated after the conditional one.
    None when the hedges are the outlet's own supposition or doubt: a modal "pourrait", an adverb
    ("peut-être"), the writer's "je" or "on", a hypothesis."""
    if _hypothesis(sent):
        return None
    for token in hedges:
        verb = _clause_verb(token)  # "aurait pu être": the modal is the participle's
        if not is_french_conditional(token) or _is_outlet_modal(token) or _is_outlet_modal(verb):
            continue
        if verb.dep_ in _SUBORDINATE or _writer_speaks(token):
            continue
        # "Les deux groupes seraient composés de 30 000 combattants, et il est difficile de ...": the first
        others = [c for c in verb.rights if c.dep_ == "conj" and _own_clause(c) and not _conditional_in(c)]
        end = min([content[1], *(c.left_edge.i for c in others)])
        return trim(sent.doc, content[0], end)
    return None


def _own_clause(verb: Token) -> bool:
    return any(c.dep_.startswith(("nsubj", "expl")) for c in verb.children)


def _conditional_in(verb: Token) -> bool:
    return any(is_french_conditional(t) for t in (verb, *verb.children))


def carries_on(text: str, report: Claim | None, start: int) -> bool:
    """Whether a conditional sentence at character ``start`` may carry on ``report``: inside its
    paragraph, or past a paragraph break from a "selon X" / "d'après X" report (a source of facts; a
    speaker's words, quoted, end with their paragraph)."""
    if report is None or report.source is None:
        return False
    if "\n" not in text[report.content.end : start]:
        return True
    quoted = report.quote or any(mark in report.content.text for mark in QUOTE_CHARS)
    return report.cue is not None and report.cue.text.lower() in CARRYING_ADJUNCTS and not quoted


# -- Quotations over several sentences, resumed after their incise, or with no cue -----------------


class QuotationPlan:
    """The attributions of a French document's sentences, found once, with its quotations joined:
    a quotation over several sentences is one content, the part after an incise takes the incise's
    source and cue, a quotation with no cue takes the previous speaker. The sentences a joined
    quotation holds are ``absorbed``: they yield no claim of their own."""

    def __init__(
        self, doc: Doc, sentences: list[tuple[Span, bool]], find: Callable[[Doc, Span], list[Attribution]]
    ) -> None:
        """``sentences``: the document's, each with whether it is left out (a heading, furniture); a
        left-out line that holds an embedded post is planned all the same."""
        self.doc, self.find = doc, find
        text = DocArrays.current(doc).doc_text
        posts = embedded_posts(text)
        self.sentences = [
            s for s, out in sentences if not out or any(p[0] < s.end_char and s.start_char < p[1] for p, _ in posts)
        ]
        self.starts = [s.start for s in self.sentences]
        self.found: dict[int, list[Attribution]] = {s.start: find(doc, s) for s in self.sentences}
        self.absorbed: set[int] = set()
        self.sources: dict[int, Source | None] = {}  # id of an attribution -> the source its claim got
        for region in quotation_regions(doc):
            self._join(region, text)
        for post, author in posts:
            self._voice(self._tokens(post), self._tokens(author))
        guest = interviewee(doc)
        for answer in interview_answers(text) if guest is not None else []:
            self._voice(self._tokens(answer), guest)

    def absorbs(self, sent: Span) -> bool:
        """Whether ``sent`` is words of a quotation a claim of another sentence holds, and nothing else
        (a report nested in it still makes its claim)."""
        return sent.start in self.absorbed and not self.found.get(sent.start)

    def attributions(self, sent: Span) -> list[Attribution]:
        """The attributions of ``sent`` (found afresh for a sentence outside the plan, a headline)."""
        return self.found[sent.start] if sent.start in self.found else self.find(self.doc, sent)

    # -- posts and interviews ----------------------------------------------------------------
    def _tokens(self, chars: tuple[int, int]) -> tuple[int, int] | None:
        span = self.doc.char_span(*chars, alignment_mode="expand")
        return (span.start, span.end) if span is not None and len(span) else None

    def _voice(self, words: tuple[int, int] | None, speaker: tuple[int, int] | None) -> None:
        """The words of a post or an answer, its author's or the interviewee's, with no cue; the
        sentences they hold and the post's signature yield no claim of their own."""
        sent = self._sentence_of(words[0]) if words is not None else None
        if words is None or speaker is None or sent is None or self._own_cues(sent, None):
            return
        head = self.doc[speaker[0] : speaker[1]].root.i
        content = trim(self.doc, *self._reach(sent, *words, None))
        att = Attribution(sentence=(sent.start, sent.end), content=content, source=speaker, source_head=head)
        att.kind, att.quote = "quote", True
        self._add(sent, att)
        signature = self._sentence_of(speaker[0])
        if signature is not None and speaker[0] >= words[1] and not self._own_cues(signature, None):
            self.absorbed.add(signature.start)

    # -- joining -----------------------------------------------------------------------------
    def _sentence_of(self, i: int) -> Span | None:
        k = bisect_right(self.starts, i) - 1
        if k < 0 or i >= self.sentences[k].end:
            return None
        return self.sentences[k]

    def _touching(self, lo: int, hi: int) -> list[Attribution]:
        """The attributions of the planned sentences over tokens [lo, hi) whose content overlaps it."""
        out: list[Attribution] = []
        for sent in self.sentences[max(0, bisect_right(self.starts, lo) - 1) :]:
            if sent.start >= hi:
                break
            out += [a for a in self.found[sent.start] if a.content[0] < hi and lo < a.content[1]]
        return out

    def _join(self, region: tuple[int, int], text: str) -> None:
        lo, hi = region
        first, last = self._sentence_of(lo), self._sentence_of(hi - 1)
        if first is None or last is None:
            return
        # a report nested in the quotation ("« Je pense que ... »") is neither its speaker nor an incise
        touching = [a for a in self._touching(lo, hi) if not (a.kind != "incise" and a.cue and lo <= a.cue[0] < hi)]
        incises = [a for a in touching if a.cue is not None and lo <= a.cue[0] < hi]
        segments = _segments(self.doc, lo, hi, incises)
        before = self._incise_before(lo)
        for n, (gs, ge) in enumerate(segments):
            anchors = [a for a in touching if a.cue is not None and a.content[0] < ge and gs < a.content[1]]
            previous = next((a for a in reversed(incises) if a.cue is not None and a.cue[1] <= gs), None)
            if anchors:
                self._extend(max(anchors, key=lambda a: _overlap(a.content, (gs, ge))), gs, ge, hi)
            elif previous is not None:
                self._continue(previous, gs, ge, "incise")
            elif n == 0 and before is not None:
                self._continue(before, gs, ge, "incise")
            elif n == 0 and len(segments) == 1:
                self._uncued(gs, ge, text)

    def _incise_before(self, lo: int) -> Attribution | None:
        """ "« A », dit-il, « B »": the incise of the same sentence that ends just before the quotation
        opening at ``lo``, which the quotation resumes."""
        sent = self._sentence_of(lo)
        if sent is None:
            return None
        for att in reversed(self.found[sent.start]):
            if att.kind != "incise" or att.cue is None or not att.quote:
                continue
            end = max(att.cue[1], att.source[1] if att.source is not None else 0)
            if end < lo and all(t.is_punct or t.is_space for t in self.doc[end:lo]):
                return att
        return None

    def _own_cues(self, sent: Span, keep: Attribution | None) -> bool:
        """Whether ``sent`` speaks through a cue of its own, besides ``keep`` and the reports nested
        in a quotation ("« Je pense que ... »", which the quotation holds)."""
        quoted = quoted_tokens(self.doc)
        return any(
            a is not keep and a.cue is not None and not (a.kind != "incise" and a.cue[0] in quoted)
            for a in self.found[sent.start]
        )

    def _reach(self, sent: Span, lo: int, hi: int, keep: Attribution | None) -> tuple[int, int]:
        """[lo, hi) cut to the planned sentences around ``sent`` that speak through no cue of their
        own; the sentences wholly inside it, ``sent`` apart, are absorbed."""
        k = self.starts.index(sent.start)
        first = last = k
        while first > 0 and lo < self.sentences[first].start and self._next_to(first - 1, keep):
            first -= 1
        while last + 1 < len(self.sentences) and hi > self.sentences[last].end and self._next_to(last + 1, keep):
            last += 1
        lo, hi = max(lo, self.sentences[first].start), min(hi, self.sentences[last].end)
        for j in range(first, last + 1):
            other = self.sentences[j]
            words = trim(self.doc, other.start, other.end)
            if j != k and lo <= words[0] and words[1] <= hi:
                self.absorbed.add(other.start)
                self.found[other.start] = [a for a in self.found[other.start] if a.cue is not None]  # nested
        return lo, hi

    def _next_to(self, j: int, keep: Attribution | None) -> bool:
        """Whether planned sentence ``j`` follows on from its neighbour and has no cue of its own."""
        sent = self.sentences[j]
        neighbours = (j > 0 and self.sentences[j - 1].end == sent.start) or (
            j + 1 < len(self.sentences) and self.sentences[j + 1].start == sent.end
        )
        return neighbours and not self._own_cues(sent, keep)

    def _extend(self, anchor: Attribution, gs: int, ge: int, hi: int) -> None:
        """The anchor's content over the whole quotation segment [gs, ge), when the segment runs past
        the anchor's sentence and the content reaches that sentence's edge."""
        doc, (s, e) = self.doc, anchor.sentence
        start, end = anchor.content
        if gs < s and trim(doc, s, start)[1] == trim(doc, s, start)[0]:
            start = gs
        if ge > e and only_marks(doc, end, e):
            end = ge
        if (start, end) == anchor.content:
            return
        sent = self._sentence_of(anchor.content[0])
        if sent is not None:
            anchor.content = trim(doc, *self._reach(sent, start, end, anchor))

    def _continue(self, incise: Attribution, gs: int, ge: int, kind: str) -> None:
        """The part of a quotation after its incise: the incise's source and cue."""
        sent = self._sentence_of(gs)
        if sent is None:
            return
        content = trim(self.doc, *self._reach(sent, gs, ge, None))
        if content[1] - content[0] < 2:
            return
        att = replace(incise, sentence=(sent.start, sent.end), content=content, kind=kind, quote=True)
        att.extra = dict(incise.extra)
        self._add(sent, att)

    def _uncued(self, gs: int, ge: int, text: str) -> None:
        """A quotation that opens its sentence with no cue: the previous speaker's words, no cue."""
        doc = self.doc
        sent = self._sentence_of(gs)
        if sent is None or not only_marks(doc, sent.start, gs) or self._own_cues(sent, None):
            return
        words = [t for t in doc[gs:ge] if not (t.is_punct or t.is_space)]
        if len(words) < 4 or not any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []) for t in words):
            return
        if _incise_follows(doc, ge, sent.end):
            return
        att = Attribution(sentence=(sent.start, sent.end), content=(gs, ge), kind="quote", quote=True)
        ref = self._previous_speaker(sent, text)
        if ref is not None:
            att.extra["speaker"] = ref
        else:  # "Eric Drouet a appelé les Gj à ... . « ... »": the person the sentence before is about
            before = self._previous_subject(sent, text)
            if before is None:
                return
            att.source, att.source_head = before, self.doc[before[0] : before[1]].root.i
        att.content = trim(doc, *self._reach(sent, gs, ge, None))
        self._add(sent, att)

    def _previous_speaker(self, sent: Span, text: str) -> Attribution | None:
        """The last attribution with a speaker in the three sentences before ``sent``, inside its
        paragraph."""
        k = self.starts.index(sent.start)
        later = sent
        for j in range(k - 1, max(-1, k - 4), -1):
            prev = self.sentences[j]
            if _paragraph_break(self.doc, text, prev, later):
                return None
            speakers = [a for a in self.found[prev.start] if a.source is not None or "speaker" in a.extra]
            if speakers:
                return max(speakers, key=lambda a: a.content[0])
            later = prev
        return None

    def _previous_subject(self, sent: Span, text: str) -> tuple[int, int] | None:
        """The subject of the sentence just before ``sent`` in its paragraph, when it names someone."""
        k = self.starts.index(sent.start)
        if k == 0 or _paragraph_break(self.doc, text, self.sentences[k - 1], sent):
            return None
        prev = self.sentences[k - 1]
        subj = main_subject(self.doc, prev, prev.end)
        if subj is None or not person_like(subj) or subj.pos_ == "PRON":
            return None
        hi = subj.head.i if subj.head.i > subj.i else prev.end
        start, end = noun_phrase(self.doc, subj, prev.start, hi)
        opened = [t.i for t in self.doc[start : end + 1] if t.text in OPENERS]
        if opened and not any(t.text in CLOSERS for t in self.doc[opened[-1] : end]):
            end = next((t.i + 1 for t in self.doc[end:hi] if t.text in CLOSERS), end)  # "« Gilet jaune officiel »"
        return start, end

    def source_for(self, att: Attribution, make: Callable[[Attribution], Source | None]) -> Source | None:
        """The source of the claim of ``att``: the speaker's, inherited, for a quotation that
        continues one, else what ``make`` builds from its tokens; recorded for what follows."""
        ref = att.extra.get("speaker")
        if ref is not None:
            source = self.sources.get(id(ref))
            source = source.model_copy(update={"inherited": True}) if source is not None else None
        else:
            source = make(att)
        self.sources[id(att)] = source
        return source

    def _add(self, sent: Span, att: Attribution) -> None:
        self.absorbed.discard(sent.start)
        atts = self.found[sent.start]
        atts.append(att)
        atts.sort(key=lambda a: a.content[0])


def _incise_follows(doc: Doc, end: int, stop: int) -> bool:
    """ "« ... » s'est félicité Trump": a verb right after the quotation is an incise the rules missed,
    whose speaker is not the previous one."""
    k = end
    while k < stop and (doc[k].is_punct or doc[k].is_space):
        k += 1
    return k < stop and (doc[k].pos_ in ("VERB", "AUX") or doc[k].lower_ in REFLEXIVES)


def _paragraph_break(doc: Doc, text: str, before: Span, after: Span) -> bool:
    """A line break between the last word of ``before`` and the start of ``after``."""
    end = trim(doc, before.start, before.end)[1]
    last = doc[end - 1] if end > before.start else doc[before.start]
    return "\n" in text[last.idx + len(last) : after.start_char]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _segments(doc: Doc, lo: int, hi: int, incises: list[Attribution]) -> list[tuple[int, int]]:
    """The quotation [lo, hi) cut at the incises inside it ("« A, dit-il. B »": A and B)."""
    gaps: list[tuple[int, int]] = []
    for att in incises:
        assert att.cue is not None
        start = att.content[1] if att.content[1] <= att.cue[0] else att.cue[0]
        end = max(att.cue[1], att.source[1] if att.source is not None else 0)
        while end < hi and (doc[end].is_punct or doc[end].is_space):
            end += 1
        gaps.append((max(lo, start), min(hi, end)))
    pieces: list[tuple[int, int]] = []
    at = lo
    for start, end in sorted(gaps):
        if start > at:
            pieces.append(trim(doc, at, start))
        at = max(at, end)
    if at < hi:
        pieces.append(trim(doc, at, hi))
    return [p for p in pieces if p[1] - p[0] >= 2]
