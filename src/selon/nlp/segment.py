"""Sentence segmentation that survives real pages.

Runs before the parser (it needs only part-of-speech tags) and fixes every token's
``is_sent_start``, which the parser then respects. It finds what the statistical splitter
misses: headings run into the next sentence ("... plus performants Selon Boudanov, ..."),
heading lines with no final punctuation, and page furniture at the end of the text.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc, Token

from selon.nlp.doc_arrays import DocArrays
from selon.nlp.lexicon import Lexicon, lexicon_for

END_PUNCT = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
CLOSERS = frozenset({"»", '"', "”", "’", "'", ")", "]"})
OPENERS_PUNCT = frozenset({"«", '"', "“", "—", "–", "-", "("})
LINE_END_PUNCT = frozenset(".!?…:;»\"”)'’")
MAX_HEADING_TOKENS = 18
#: A sentence longer than this many tokens is cut, at its last comma, semicolon or colon of the
#: second half, else at the limit. Every rule after this stage works sentence by sentence, some of
#: them once per cue over the whole sentence, so an unbounded sentence ("selon lui, " twenty
#: thousand times) made the claims stage quadratic. News sentences stay well under it: the longest
#: of PolNeAR, the French Wikinews reports and the French pages has 223 tokens.
MAX_SENTENCE_TOKENS = 300
_CUT_AFTER = frozenset({",", ";", ":"})


def _is_finite_verb(token: Token) -> bool:
    if not token.pos_:  # English: the attribute ruler that maps tags to parts of speech runs later
        return token.tag_ in ("VBD", "VBZ", "VBP", "MD")
    if token.pos_ not in ("VERB", "AUX"):
        return False
    forms = token.morph.get("VerbForm", None)
    if forms:
        return "Fin" in forms
    return token.tag_ in ("VBD", "VBZ", "VBP", "MD")


def _finite_at(a: DocArrays, k: int) -> bool:
    """``_is_finite_verb(doc[k])``, making the Token only when its morphology must be read."""
    pos = a.pos_[k]
    if not pos:
        return a.tag_[k] in ("VBD", "VBZ", "VBP", "MD")
    if pos not in ("VERB", "AUX"):
        return False
    return _is_finite_verb(a.doc[k])


def _line_ranges(a: DocArrays) -> list[tuple[int, int]]:
    """Token ranges of the text's lines (split on tokens that hold a newline)."""
    texts, spaces, ws = a.text, a.is_space, a.whitespace_
    lines: list[tuple[int, int]] = []
    start = 0
    for i in range(a.n):
        if spaces[i] and "\n" in texts[i]:
            if start < i:
                lines.append((start, i))
            start = i + 1
        elif "\n" in ws[i]:
            lines.append((start, i + 1))
            start = i + 1
    if start < a.n:
        lines.append((start, a.n))
    return lines


def _content_tokens(a: DocArrays, start: int, end: int) -> list[int]:
    spaces = a.is_space
    return [i for i in range(start, end) if not spaces[i]]


def _looks_like_heading_line(texts: list[str], is_last: bool) -> bool:
    if not texts or len(texts) > MAX_HEADING_TOKENS or is_last:
        return False
    last = texts[-1][-1]
    if last in LINE_END_PUNCT or last == ",":
        return False
    return texts[0][:1].isupper() or texts[0][:1].isdigit()


def _run_in_heading_end(a: DocArrays, start: int, end: int, lex: Lexicon) -> int | None:
    """Index of the first token after a heading glued to the sentence that follows it, or None."""
    texts, punct = a.text, a.is_punct
    if not texts[start][:1].isupper() or _finite_at(a, start):
        return None
    for i in range(start + 2, min(end, start + MAX_HEADING_TOKENS + 1)):
        text, prev = texts[i], i - 1
        if _finite_at(a, prev) or texts[prev] in ("«", '"', "“", "("):
            return None
        if punct[prev] or a.is_space[prev] or not text[:1].isupper() or text.isupper():
            continue
        if a.pos_[prev] in ("ADP", "DET", "CCONJ", "SCONJ", "PRON") or a.lower_[prev] in lex.openers:
            continue  # "sales of The Greatest Showman": a heading never ends on a function word
        if a.lower_[i] not in lex.openers:
            continue
        if any(punct[k] and texts[k] not in ("-", "—", "–", "'", "’") for k in range(start, i)):
            return None
        if a.doc.lang_ == "en" and not _title_case(a, start, i, lex):
            continue  # English headings are Title Case; "outlet The War Zone" is a name, not a cut
        return i
    return None


def _title_case(a: DocArrays, start: int, end: int, lex: Lexicon) -> bool:
    """Most content words of tokens start..end capitalised, as in an English headline."""
    words = [
        a.text[k] for k in range(start, end) if a.is_alpha[k] and a.lower_[k] not in lex.openers and len(a.text[k]) > 3
    ]
    return bool(words) and sum(1 for t in words if t[:1].isupper()) >= 0.6 * len(words)


def _boilerplate_start(a: DocArrays, sents: list[tuple[int, int]], lex: Lexicon) -> int | None:
    """First sentence of the trailing page furniture (comment boxes, subscribe calls), if any."""
    if len(sents) < 2:
        return None
    window = max(4, len(sents) // 3)
    first_tail = max(1, len(sents) - window)
    for k in range(first_tail, len(sents)):
        s, e = sents[k]
        text = a.span_text(s, e).lower().strip()
        if any(text.startswith(marker) for marker in lex.boilerplate):
            return k
    return None


def _short_boilerplate(a: DocArrays, s: int, e: int, lex: Lexicon) -> bool:
    """Furniture inside the page: a "see also" line, a short call to action ("Je passe à l'Attac !")."""
    text = a.span_text(s, e).lower().strip()
    if text.startswith(lex.see_also) or any(call in text for call in lex.calls_to_action):
        return True
    words = [k for k in range(s, e) if not a.is_punct[k] and not a.is_space[k]]
    if len(words) <= 8 and text.endswith("!") and _own_line(a, s, e):
        return True
    if (
        len(words) > 6
        and text[-1:] not in LINE_END_PUNCT
        and not any(_finite_at(a, k) for k in words)
        and _own_line(a, s, e)
    ):
        return True  # a line of form options or links: no sentence, no verb, no full stop
    return (e - s) <= 8 and any(marker in text for marker in lex.boilerplate)


def _own_line(a: DocArrays, s: int, e: int) -> bool:
    """The sentence is a whole line of the text (a button, a caption), not part of a paragraph."""
    texts, ws = a.text, a.whitespace_
    before = s == 0 or "\n" in texts[s - 1] or "\n" in ws[s - 1]
    after = e >= a.n or "\n" in ws[e - 1] or "\n" in texts[e - 1] or (e < a.n and "\n" in texts[e])
    return before and after


def segment(doc: Doc, heading_chars: list[tuple[int, int]] | None = None) -> Doc:
    """Set sentence starts on every token; record headings and boilerplate as character spans."""
    lex = lexicon_for(doc.lang_)
    n = len(doc)
    if n == 0:
        doc._.selon_headings = []
        doc._.selon_boilerplate = []
        return doc
    a = DocArrays.of(doc)
    texts, spaces = a.text, a.is_space
    starts = [False] * n
    starts[0] = True
    headings: list[tuple[int, int]] = []
    lines = _line_ranges(a)
    for idx, (ls, le) in enumerate(lines):
        toks = _content_tokens(a, ls, le)
        if not toks:
            continue
        starts[toks[0]] = True
        if _looks_like_heading_line([texts[k] for k in toks], is_last=idx == len(lines) - 1):
            headings.append((toks[0], toks[-1] + 1))
            if toks[-1] + 1 < n:
                starts[toks[-1] + 1] = True
    for i in range(n):
        text = texts[i]
        if text in END_PUNCT or (text[-1:] in ("!", "?") and a.is_punct[i]):
            j = i + 1
            while j < n and (texts[j] in CLOSERS or spaces[j]):
                j += 1
            if j < n:
                nxt = texts[j]
                if nxt[:1].isupper() or nxt[:1].isdigit() or nxt in OPENERS_PUNCT:
                    starts[j] = True
    for start_char, end_char in heading_chars or []:
        span = doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is not None and len(span):
            headings.append((span.start, span.end))
            starts[span.start] = True
            if span.end < n:
                starts[span.end] = True
    # Spaces never start a sentence: move the start to the next real token.
    for i in range(n):
        if starts[i] and spaces[i]:
            starts[i] = False
            j = i + 1
            while j < n and spaces[j]:
                j += 1
            if j < n:
                starts[j] = True
    heading_tokens = {i for s, e in headings for i in range(s, e)}
    bounds = [i for i in range(n) if starts[i]] + [n]
    sents = [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)]
    for s, e in sents:
        if s in heading_tokens:
            continue
        cut = _run_in_heading_end(a, s, e, lex)
        if cut is not None:
            headings.append((s, cut))
            starts[cut] = True
    _cut_long_sentences(a, starts)
    bounds = [i for i in range(n) if starts[i]] + [n]
    sents = [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)]
    boiler: list[tuple[int, int]] = []
    tail = _boilerplate_start(a, sents, lex)
    if tail is not None:
        boiler.append((sents[tail][0], n))
        sents = sents[:tail]
    for s, e in sents:
        if _short_boilerplate(a, s, e, lex):
            boiler.append((s, e))
    _set_sent_starts(doc, starts)
    doc._.selon_headings = sorted(_to_chars(a, headings))
    doc._.selon_boilerplate = sorted(_to_chars(a, boiler))
    return doc


def _cut_long_sentences(a: DocArrays, starts: list[bool]) -> None:
    """Add sentence starts so that no sentence has more than ``MAX_SENTENCE_TOKENS`` tokens."""
    texts, spaces, n = a.text, a.is_space, a.n
    bounds = [i for i in range(n) if starts[i]] + [n]
    for k in range(len(bounds) - 1):
        pos, end = bounds[k], bounds[k + 1]
        while end - pos > MAX_SENTENCE_TOKENS:
            limit = pos + MAX_SENTENCE_TOKENS
            half = pos + MAX_SENTENCE_TOKENS // 2
            cut = next((j for j in range(limit, half, -1) if texts[j - 1] in _CUT_AFTER), limit)
            while cut < end and spaces[cut]:
                cut += 1  # spaces never start a sentence
            if cut >= end:
                break
            starts[cut] = True
            pos = cut


def _set_sent_starts(doc: Doc, starts: list[bool]) -> None:
    """All sentence starts in one write: ``token.is_sent_start = x`` rescans the whole Doc for a
    parse on every call, which made segmentation quadratic in the article's length."""
    if doc.has_annotation("DEP"):
        doc[0].is_sent_start = True  # raises spaCy's own error: boundaries must come before the parse
    values = numpy.array([1 if s else -1 for s in starts], dtype=numpy.int64).astype(numpy.uint64)
    # spaCy reads one attribute from a 1-d array; its stub only knows thinc's Ints2d
    doc.from_array([SENT_START], values)  # type: ignore[arg-type]


def _to_chars(a: DocArrays, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for s, e in spans:
        toks = _content_tokens(a, s, e)
        if toks:
            out.append((a.idx[toks[0]], a.end_char[toks[-1]]))
    return sorted(set(out))
