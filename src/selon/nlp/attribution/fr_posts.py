"""Who speaks where no sentence says so: an embedded social-media post and an interview's answers.

An embedded post comes out of a page as its text followed by a signature line,
"— Iván Duque (@IvanDuque) 17 juin 2018": the post is its author's, with no cue. An interview
("Entretien avec Marie Dupont, ...") alternates questions (paragraphs that end with "?") and
answers: each answer is the interviewee's, with no cue (docs/attribution-guidelines.md, "No source,
no cue"). Both are found here as character ranges; ``fr_quotes.QuotationPlan`` makes the attributions.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from selon.nlp.lexicon.fr_quotes import INTERVIEW_OPENERS

#: "— Name (@handle) date": the signature line of an embedded post (the dash and the handle, no words)
_SIGNATURE = re.compile(r"^[ \t]*[—–-][ \t]*(?P<author>[^\n(@]{2,80}?)[ \t]*\(@\w{1,40}\)[^\n]*$", re.MULTILINE)
#: links at the end of a post's text, which are not its words
_LINKS = re.compile(r"(?:\s*(?:https?://|pic\.twitter\.com/|www\.)\S+)+\s*$")

#: how far into the text an interview's introduction may stand, and how many questions make one
_INTRO_CHARS = 800
_MIN_QUESTIONS = 2


def _lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of the text's non-empty lines, without their surrounding spaces."""
    out: list[tuple[int, int]] = []
    at = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = at + line.index(stripped)
            out.append((start, start + len(stripped)))
        at += len(line) + 1
    return out


def embedded_posts(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(post, author) character ranges of the embedded posts: the line before each signature line."""
    lines = _lines(text)
    out: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for match in _SIGNATURE.finditer(text):
        before = [line for line in lines if line[1] <= match.start()]
        if not before:
            continue
        start, end = before[-1]
        link = _LINKS.search(text, start, end)
        end = link.start() if link is not None else end
        if end - start >= 10:
            out.append(((start, end), match.span("author")))
    return out


def interviewee(doc: Doc) -> tuple[int, int] | None:
    """The token range of the name after "Entretien avec", "Interview de" near the text's start."""
    limit = next((t.i for t in doc if t.idx > _INTRO_CHARS), len(doc))
    lower = [t.lower_ for t in doc[:limit]]
    for i in range(len(lower)):
        for opener in INTERVIEW_OPENERS:
            n = len(opener)
            if tuple(lower[i : i + n]) != opener:
                continue
            start = i + n
            end = start
            while end < len(doc) and doc[end].ent_type_ in ("PER", "PERSON"):
                end += 1
            if end > start:
                return start, end
    return None


def interview_answers(text: str) -> list[tuple[int, int]]:
    """Character ranges of the answers of an interview: the paragraphs after one that asks (ends with
    "?") and before the next; none when fewer than two questions are asked."""
    lines = _lines(text)
    asks = [text[e - 1] == "?" for _, e in lines]
    if sum(asks) < _MIN_QUESTIONS:
        return []
    out: list[tuple[int, int]] = []
    for k in range(1, len(lines)):
        if not asks[k] and any(asks[:k]) and (asks[k - 1] or (out and out[-1] == lines[k - 1])):
            out.append(lines[k])
    return out
