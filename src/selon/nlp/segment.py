"""Sentence segmentation that survives real pages.

Runs before the parser (it needs only part-of-speech tags) and fixes every token's
``is_sent_start``, which the parser then respects. It finds what the statistical splitter
misses: headings run into the next sentence ("... plus performants Selon Boudanov, ..."),
heading lines with no final punctuation, and page furniture at the end of the text.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span, Token

from .lexicon import Lexicon, lexicon_for

END_PUNCT = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
CLOSERS = frozenset({"»", "\"", "”", "’", "'", ")", "]"})
OPENERS_PUNCT = frozenset({"«", "\"", "“", "—", "–", "-", "("})
LINE_END_PUNCT = frozenset(".!?…:;»\"”)'’")
MAX_HEADING_TOKENS = 18


def _is_finite_verb(token: Token) -> bool:
    if not token.pos_:  # English: the attribute ruler that maps tags to parts of speech runs later
        return token.tag_ in ("VBD", "VBZ", "VBP", "MD")
    if token.pos_ not in ("VERB", "AUX"):
        return False
    forms = token.morph.get("VerbForm")
    if forms:
        return "Fin" in forms
    return token.tag_ in ("VBD", "VBZ", "VBP", "MD")


def _line_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the text's lines (split on tokens that hold a newline)."""
    lines: list[tuple[int, int]] = []
    start = 0
    for tok in doc:
        if tok.is_space and "\n" in tok.text:
            if start < tok.i:
                lines.append((start, tok.i))
            start = tok.i + 1
        elif "\n" in tok.whitespace_:
            lines.append((start, tok.i + 1))
            start = tok.i + 1
    if start < len(doc):
        lines.append((start, len(doc)))
    return lines


def _content_tokens(doc: Doc, start: int, end: int) -> list[Token]:
    return [t for t in doc[start:end] if not t.is_space]


def _looks_like_heading_line(tokens: list[Token], is_last: bool) -> bool:
    if not tokens or len(tokens) > MAX_HEADING_TOKENS or is_last:
        return False
    last = tokens[-1].text[-1]
    if last in LINE_END_PUNCT or last == ",":
        return False
    return tokens[0].text[:1].isupper() or tokens[0].text[:1].isdigit()


def _run_in_heading_end(doc: Doc, start: int, end: int, lex: Lexicon) -> int | None:
    """Index of the first token after a heading glued to the sentence that follows it, or None."""
    first = doc[start]
    if not first.text[:1].isupper() or _is_finite_verb(first):
        return None
    for i in range(start + 2, min(end, start + MAX_HEADING_TOKENS + 1)):
        tok, prev = doc[i], doc[i - 1]
        if _is_finite_verb(prev) or prev.text in ("«", "\"", "“", "("):
            return None
        if prev.is_punct or prev.is_space or not tok.text[:1].isupper() or tok.text.isupper():
            continue
        if prev.pos_ in ("ADP", "DET", "CCONJ", "SCONJ", "PRON") or prev.lower_ in lex.openers:
            continue  # "sales of The Greatest Showman": a heading never ends on a function word
        if tok.lower_ not in lex.openers:
            continue
        if any(t.is_punct and t.text not in ("-", "—", "–", "'", "’") for t in doc[start:i]):
            return None
        if doc.lang_ == "en" and not _title_case(doc[start:i], lex):
            continue  # English headings are Title Case; "outlet The War Zone" is a name, not a cut
        return i
    return None


def _title_case(tokens: Span, lex: Lexicon) -> bool:
    """Most content words capitalised, as in an English headline."""
    words = [t for t in tokens if t.is_alpha and t.lower_ not in lex.openers and len(t) > 3]
    return bool(words) and sum(1 for t in words if t.text[:1].isupper()) >= 0.6 * len(words)


def _boilerplate_start(doc: Doc, sents: list[tuple[int, int]], lex: Lexicon) -> int | None:
    """First sentence of the trailing page furniture (comment boxes, subscribe calls), if any."""
    if len(sents) < 2:
        return None
    window = max(4, len(sents) // 3)
    first_tail = max(1, len(sents) - window)
    for k in range(first_tail, len(sents)):
        s, e = sents[k]
        text = doc[s:e].text.lower().strip()
        if any(text.startswith(marker) for marker in lex.boilerplate):
            return k
    return None


def _short_boilerplate(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    """Furniture inside the page: a "see also" line, a short call to action ("Je passe à l'Attac !")."""
    text = doc[s:e].text.lower().strip()
    if text.startswith(lex.see_also) or any(call in text for call in lex.calls_to_action):
        return True
    words = [t for t in doc[s:e] if not t.is_punct and not t.is_space]
    if len(words) <= 8 and text.endswith("!") and _own_line(doc, s, e):
        return True
    if len(words) > 6 and text[-1:] not in LINE_END_PUNCT and not any(_is_finite_verb(t) for t in words) \
            and _own_line(doc, s, e):
        return True  # a line of form options or links: no sentence, no verb, no full stop
    return (e - s) <= 8 and any(marker in text for marker in lex.boilerplate)


def _own_line(doc: Doc, s: int, e: int) -> bool:
    """The sentence is a whole line of the text (a button, a caption), not part of a paragraph."""
    before = s == 0 or "\n" in doc[s - 1].text or "\n" in doc[s - 1].whitespace_
    after = e >= len(doc) or "\n" in doc[e - 1].whitespace_ or "\n" in doc[e - 1].text or \
        (e < len(doc) and "\n" in doc[e].text)
    return before and after


def segment(doc: Doc, heading_chars: list[tuple[int, int]] | None = None) -> Doc:
    """Set sentence starts on every token; record headings and boilerplate as character spans."""
    lex = lexicon_for(doc.lang_)
    n = len(doc)
    if n == 0:
        doc._.selon_headings = []
        doc._.selon_boilerplate = []
        return doc
    starts = [False] * n
    starts[0] = True
    headings: list[tuple[int, int]] = []
    lines = _line_ranges(doc)
    for idx, (ls, le) in enumerate(lines):
        toks = _content_tokens(doc, ls, le)
        if not toks:
            continue
        starts[toks[0].i] = True
        if _looks_like_heading_line(toks, is_last=idx == len(lines) - 1):
            headings.append((toks[0].i, toks[-1].i + 1))
            if toks[-1].i + 1 < n:
                starts[toks[-1].i + 1] = True
    for tok in doc:
        if tok.text in END_PUNCT or (tok.text[-1:] in ("!", "?") and tok.is_punct):
            j = tok.i + 1
            while j < n and (doc[j].text in CLOSERS or doc[j].is_space):
                j += 1
            if j < n:
                nxt = doc[j]
                if nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.text in OPENERS_PUNCT:
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
        if starts[i] and doc[i].is_space:
            starts[i] = False
            j = i + 1
            while j < n and doc[j].is_space:
                j += 1
            if j < n:
                starts[j] = True
    heading_tokens = {i for s, e in headings for i in range(s, e)}
    bounds = [i for i in range(n) if starts[i]] + [n]
    sents = [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)]
    for s, e in sents:
        if s in heading_tokens:
            continue
        cut = _run_in_heading_end(doc, s, e, lex)
        if cut is not None:
            headings.append((s, cut))
            starts[cut] = True
    bounds = [i for i in range(n) if starts[i]] + [n]
    sents = [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)]
    boiler: list[tuple[int, int]] = []
    tail = _boilerplate_start(doc, sents, lex)
    if tail is not None:
        boiler.append((sents[tail][0], n))
        sents = sents[:tail]
    for s, e in sents:
        if _short_boilerplate(doc, s, e, lex):
            boiler.append((s, e))
    _set_sent_starts(doc, starts)
    doc._.selon_headings = sorted(_to_chars(doc, headings))
    doc._.selon_boilerplate = sorted(_to_chars(doc, boiler))
    return doc


def _set_sent_starts(doc: Doc, starts: list[bool]) -> None:
    """All sentence starts in one write: ``token.is_sent_start = x`` rescans the whole Doc for a
    parse on every call, which made segmentation quadratic in the article's length."""
    if doc.has_annotation("DEP"):
        doc[0].is_sent_start = True  # raises spaCy's own error: boundaries must come before the parse
    values = numpy.array([1 if s else -1 for s in starts], dtype=numpy.int64).astype(numpy.uint64)
    doc.from_array([SENT_START], values)


def _to_chars(doc: Doc, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for s, e in spans:
        toks = [t for t in doc[s:e] if not t.is_space]
        if toks:
            out.append((toks[0].idx, toks[-1].idx + len(toks[-1].text)))
    return sorted(set(out))
