"""French prepositional frames, and the contents of the adjuncts ("selon X", "d'après X") by the guidelines.

- "selon X, Y": the content is Y without its leading connective ("En effet", "Mais"); "Y, selon X,
  qui précise que ..." ends before the source's relative clause; "Y, selon X, Z" inside one clause is
  one content, the incise included (decision 6); only a quotation interrupted by it gives two.
- "pour X," anywhere a clause may open ("Mais pour le ministre, ...", "La réforme, pour lui, est ..."),
  "à ses yeux", "aux yeux de X", "si l'on en croit X": the same contents as "selon X".
- "comme l'a rappelé X", "ainsi que le souligne X": the verb group is the cue, X the source.
- "du côté de X, on estime que ...": X speaks, not "on".
- "de source policière": the cue is "de", the source "source policière".
``fr.french_constructions`` calls :func:`reshape_adjuncts` on the adjuncts and :func:`frames` after
the incises; the nominal frames are in ``fr_frames_nominal``, the words in ``lexicon.fr_frames``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from selon.nlp.attribution.fr_frames_nominal import clause_end, holder_like, nominal_frames, relative_frames, verb_group
from selon.nlp.attribution.fr_incises import infinitive, is_cue_form
from selon.nlp.attribution.shared import is_past, is_person_noun
from selon.nlp.attribution.span import QUOTE_CHARS, Attribution, noun_phrase, trim
from selon.nlp.doc_arrays import DocArrays
from selon.nlp.lexicon import COMPLEMENTIZERS, ORGANIZATION_HEADS, Lexicon
from selon.nlp.lexicon.fr import POUR_INDEFINITES, POUR_PRONOUNS
from selon.nlp.lexicon.fr_frames import (
    AS_SAID_CLITICS,
    AS_SAID_OPENERS,
    BODY_NOUNS,
    EYES_POSSESSIVES,
    FRAME_FIRST_WORDS,
    IF_ONE_BELIEVES,
    LEAD_CONNECTIVES,
    POUR_NOT_SOURCES,
    SELON_RELATIVES,
    SIDE_OPENERS,
    SOURCE_RELATIVES,
)

_ENDS = frozenset({",", ";", ".", "!", "?", ":"}) | QUOTE_CHARS
_OPEN_QUOTES = frozenset({"«", "“", '"'})
_CLOSE_QUOTES = frozenset({"»", "”", '"'})


def _match(doc: Doc, i: int, end: int, seq: tuple[str, ...]) -> bool:
    if i < 0 or i + len(seq) > end:
        return False
    lower = DocArrays.current(doc).lower_
    return all(lower[i + k] == w for k, w in enumerate(seq))


#: the connectives by their first word, and those of one word, for the scans below
_CONNECTIVES_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _seq in LEAD_CONNECTIVES:
    _CONNECTIVES_BY_FIRST.setdefault(_seq[0], []).append(_seq)
_ONE_WORD_CONNECTIVES = frozenset(seq[0] for seq in LEAD_CONNECTIVES if len(seq) == 1)


def _after_connectives(doc: Doc, start: int, end: int) -> int:
    """``start`` moved past the connectives that open a clause ("En effet,", "Mais")."""
    a = DocArrays.current(doc)
    lower, punct, space = a.lower_, a.is_punct, a.is_space
    moved = True
    while moved:
        moved = False
        while start < end and (punct[start] or space[start]):
            start += 1
        if start >= end:
            break
        for seq in _CONNECTIVES_BY_FIRST.get(lower[start], ()):
            if _match(doc, start, end, seq):
                start += len(seq)
                moved = True
                break
    return start


def _opens_clause(doc: Doc, sent: Span, i: int) -> bool:
    """Whether a frame at ``i`` stands where a clause may open: at the sentence's head, after its
    connectives, or after a comma, a semicolon or a colon (with a connective between, "..., mais pour X,")."""
    lower = DocArrays.current(doc).lower_
    k = i - 1
    while k >= sent.start and lower[k] in _ONE_WORD_CONNECTIVES:
        k -= 1
    return k < sent.start or doc[k].text in (",", ";", ":", "—", "–") or _after_connectives(doc, sent.start, i) == i


def _segment_end(doc: Doc, j: int, end: int) -> int:
    return next((k for k in range(j, end) if doc[k].text in (",", ";")), end)


def _describes_source(doc: Doc, lo: int, hi: int, src: tuple[int, int]) -> bool:
    """A comma segment after the source that is its apposition ("Jay Weatherill", "du Territoire de
    la capitale australienne", "président de l'IPSN (...)"), not the claim."""
    words = [t for t in doc[lo:hi] if not t.is_punct]
    if not words or doc[lo].text in QUOTE_CHARS or doc[lo].pos_ in ("CCONJ", "VERB", "AUX"):
        return (
            bool(words)
            and words[0].pos_ == "VERB"
            and "Pres" in words[0].morph.get("Tense", [])
            and "Part" in words[0].morph.get("VerbForm", [])
        )  # "..., selon X, et ambitionne ...", "X aurait, selon Y, avoué ...": the claim goes on
    if doc[lo].pos_ == "ADP" and doc[lo].lower_ not in ("de", "du", "des", "d'", "d’"):
        return False  # "selon Mediapart, avec cette double casquette, ...": a circumstance of the claim
    if any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []) for t in words):
        return False
    if doc[src[0] : src[1]].root.pos_ == "PROPN" and doc[lo].pos_ == "PROPN":
        return False  # "Pour Jacline Mouraud, Priscillia Ludosky, Eric Drouet et ... forment": a list, not a name
    role = next((t for t in words if t.pos_ == "NOUN"), None)
    if words[0].pos_ == "DET" and role is not None and is_person_noun(role) and hi < sent_end(doc, hi):
        return True  # "Pour Giovanni Barocco, le président de la Mont-Émilius, « ... »"
    roots = [t for t in words if not (lo <= t.head.i < hi)]
    return bool(roots) and all(src[0] <= t.head.i < src[1] for t in roots)


def sent_end(doc: Doc, i: int) -> int:
    """The end of the sentence token ``i`` belongs to."""
    return doc[i].sent.end if i < len(doc) else len(doc)


def _cut_gerund_report(doc: Doc, lo: int, hi: int, lex: Lexicon) -> int:
    """End a content before a report of its own in a gerund: "cela « reste un épiphénomène » |
    tout en ajoutant que ...", "..., | précisant que ..." (the verb rule reports it)."""
    for k in range(lo + 2, hi):
        t = doc[k]
        if t.pos_ != "VERB" or "Part" not in t.morph.get("VerbForm", []) or "Pres" not in t.morph.get("Tense", []):
            continue
        if not (t.lemma_.lower() in lex.cue_verbs or is_cue_form(t, lex)):
            continue
        start = k - 1 if doc[k - 1].lower_ == "en" else k
        start = start - 1 if start > lo and doc[start - 1].lower_ == "tout" else start
        if start > lo and (doc[start - 1].text == "," or start < k):
            return start
    return hi


def _drop_label(doc: Doc, lo: int, hi: int) -> int:
    """ "France : le chômage va repartir ..., selon l'Unédic": a heading's rubric is no content."""
    for k in range(lo + 1, min(hi, lo + 4)):
        if doc[k].text == ":":
            label = doc[lo:k]
            if all(t.pos_ in ("PROPN", "NOUN") and t.text[:1].isupper() for t in label):
                return k + 1
            break
    return lo


def content_around(
    doc: Doc, sent: Span, first: int, last: int, src: tuple[int, int], lex: Lexicon
) -> list[tuple[int, int]]:
    """The content(s) of a frame ``doc[first:last]`` (cue and source) by the guidelines: the clause
    after it, the one before it, or, when it stands inside one clause, that clause whole."""
    s, e = sent.start, sent.end
    lead = _after_connectives(doc, s, first)
    before = trim(doc, lead, first)
    k = first - 1
    while k > lead and (doc[k].is_punct or doc[k].is_space):
        k -= 1
    if k >= lead and (doc[k].pos_ in ("SCONJ", "CCONJ") or doc[k].lower_ in COMPLEMENTIZERS):
        before = (before[1], before[1])  # "Il a dit que, selon lui, ...", "..., mais pour X, ...": the clause after
    j = last
    while j < e and doc[j].text == ",":
        seg = _segment_end(doc, j + 1, e)
        first_word = doc[j + 1] if j + 1 < e else None
        if first_word is not None and first_word.lower_ in SOURCE_RELATIVES:
            j = e if seg == e else seg  # "selon la SNCF, qui précise que ...": about the source
        elif _describes_source(doc, j + 1, seg, src):
            j = seg
        else:
            break
    after = trim(doc, _after_connectives(doc, j, e), e) if j < e else (e, e)
    parts: list[tuple[int, int]]
    if before[1] - before[0] >= 2 and after[1] - after[0] >= 2:
        quoted = doc[before[1]].text in _CLOSE_QUOTES and doc[after[0] - 1].text in _OPEN_QUOTES
        parts = [before, after] if quoted else [(before[0], after[1])]
    elif before[1] - before[0] >= 2:
        parts = [before]
    elif after[1] - after[0] >= 2:
        parts = [after]
    else:
        return []
    out = []
    for lo, hi in parts:
        lo = _drop_label(doc, lo, hi)
        part = trim(doc, lo, _cut_gerund_report(doc, lo, hi, lex))
        if part[1] - part[0] >= 2:
            out.append(part)
    return out


def _adjunct_phrase_end(doc: Doc, src: tuple[int, int], e: int) -> int:
    """Where an adjunct phrase ends: at the first punctuation mark after its source, else the sentence's end."""
    return next((k for k in range(src[1], e) if doc[k].text in _ENDS), e)


def reshape_adjuncts(doc: Doc, sent: Span, lex: Lexicon, found: list[Attribution]) -> list[Attribution]:
    """The shared rule's adjuncts with French contents by the guidelines (:func:`content_around`);
    "selon laquelle" is left to the relative frame, and "de source policière" gets "de" as its cue."""
    out: list[Attribution] = []
    seen: set[tuple[int, int]] = set()
    for att in found:
        if att.kind != "adjunct" or att.cue is None or att.source is None:
            out.append(att)
            continue
        if att.source_head is not None and doc[att.source_head].lower_ in SELON_RELATIVES:
            continue
        if att.cue in seen:
            continue  # the other part of a split content: rebuilt below
        seen.add(att.cue)
        cue, src, head = att.cue, att.source, att.source_head
        if cue[1] - cue[0] == 2 and doc[cue[1] - 1].lower_ == "source":
            continue  # "de source policière": :func:`_from_source` reads it whole
        parts = content_around(doc, sent, att.cue[0], _adjunct_phrase_end(doc, src, sent.end), src, lex)
        for part in parts or [att.content]:
            out.append(
                Attribution(
                    sentence=att.sentence,
                    content=part,
                    cue=cue,
                    source=src,
                    source_head=head,
                    kind="adjunct",
                    quote=_quoted(doc, sent, part),
                    cue_lemma=att.cue_lemma,
                    cue_past=att.cue_past,
                    extra=dict(att.extra),
                )
            )
    return out


def _quoted(doc: Doc, sent: Span, part: tuple[int, int]) -> bool:
    """Whether a content is a quotation: quotation marks right around it."""
    return (
        part[0] > sent.start
        and part[1] < sent.end
        and doc[part[0] - 1].text in _OPEN_QUOTES
        and doc[part[1]].text in _CLOSE_QUOTES
    )


def _adjunct(
    doc: Doc,
    sent: Span,
    cue: tuple[int, int],
    src: tuple[int, int],
    head: int,
    last: int,
    lex: Lexicon,
    lemma: str,
    first: int | None = None,
) -> list[Attribution]:
    """One attribution per content of the frame ``doc[first:last]`` (``first``: the cue's start)."""
    first = cue[0] if first is None else first
    return [
        Attribution(
            sentence=(sent.start, sent.end),
            content=part,
            cue=cue,
            source=src,
            source_head=head,
            kind="adjunct",
            quote=_quoted(doc, sent, part),
            cue_lemma=lemma,
        )
        for part in content_around(doc, sent, first, last, src, lex)
    ]


def _pour_source(doc: Doc, first: int, comma: int, lex: Lexicon) -> Token | None:
    """The head of X in "pour X," when X names someone whose view it is: a person or a body with its
    article, a person's name, a stressed pronoun; never a time or a share ("pour l'instant", "pour sa part")."""
    words = doc[first + 1 : comma]
    head = words.root
    low = head.lemma_.lower()
    if any(t.pos_ in ("VERB", "AUX") or t.lower_ in POUR_NOT_SOURCES or t.lemma_ in POUR_NOT_SOURCES for t in words):
        return None
    if len(words) == 1 and words[0].lower_ in POUR_PRONOUNS:
        return head
    last = words[-1]
    if len(words) <= 2 and last.lower_ in POUR_INDEFINITES and all(t.pos_ in ("DET", "ADP") for t in words[:-1]):
        return last  # "pour certains, ...", "pour d'autres, ..."
    with_article = words[0].pos_ == "DET" and "Poss=Yes" not in str(words[0].morph)
    possessive = words[0].pos_ == "DET" and not with_article
    bodies = low in ORGANIZATION_HEADS or low in BODY_NOUNS or low in lex.media_words
    if head.pos_ == "NOUN" and with_article and (is_person_noun(head) or bodies):
        return head
    if head.pos_ == "NOUN" and possessive and "Plur" in head.morph.get("Number", []) and is_person_noun(head):
        return head  # "pour ses opposants, ...", not "pour sa part" nor "pour son fils" (a beneficiary)
    if head.ent_type_ in ("PER", "PERSON") or (head.ent_type_ == "ORG" and head.pos_ == "PROPN"):
        return head
    return None


def _pour(doc: Doc, sent: Span, i: int, lex: Lexicon) -> list[Attribution]:
    """ "Pour le toxicologue, les agences ...", "Mais pour elle, « c'est une opportunité »", "La
    réforme, pour le ministre, est indispensable": an opinion ascribed by "pour X,"."""
    e = sent.end
    if not _opens_clause(doc, sent, i):
        return []
    comma = next((t.i for t in doc[i + 1 : min(e, i + 8)] if t.text == ","), None)
    if comma is None or comma - i < 2:
        return []
    head = _pour_source(doc, i, comma, lex)
    if head is None:
        return []
    return _adjunct(doc, sent, (i, i + 1), (i + 1, comma), head.i, comma, lex, "pour")


def _eyes(doc: Doc, sent: Span, i: int, lex: Lexicon) -> list[Attribution]:
    """ "À ses yeux, ...", "aux yeux du ministre, ...": the cue is the locution, the source the
    possessive (resolved as a pronoun) or the noun phrase after it."""
    e = sent.end
    if i + 3 >= e or (doc[i + 2].lower_ != "yeux" and doc[i + 1].lower_ != "yeux"):
        return []
    if doc[i].lower_ == "à" and doc[i + 1].lower_ in EYES_POSSESSIVES and doc[i + 2].lower_ == "yeux":
        atts = _adjunct(doc, sent, (i, i + 3), (i + 1, i + 2), i + 1, i + 3, lex, "selon")
        for att in atts:
            att.extra["possessive"] = True
        return atts
    if (
        doc[i].lower_ != "aux"
        or doc[i + 1].lower_ != "yeux"
        or doc[i + 2].lower_ not in ("de", "d'", "d’", "du", "des")
    ):
        return []
    head = next((t for t in doc[i + 3 : min(e, i + 8)] if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if head is None or not (holder_like(head, lex) or head.pos_ == "PRON"):
        return []
    src = noun_phrase(doc, head, i + 3, e)
    return _adjunct(doc, sent, (i, i + 3), src, head.i, _segment_end(doc, src[1], e), lex, "selon")


def _cue_verb(doc: Doc, k: int, e: int, lex: Lexicon) -> Token | None:
    """The speech verb at ``k``, past the auxiliaries of its group ("a rappelé", "avait souligné")."""
    while k < e and doc[k].pos_ == "AUX":
        k += 1
    if k >= e:
        return None
    verb = doc[k]
    if verb.pos_ not in ("VERB", "NOUN") or not (verb.lemma_.lower() in lex.cue_verbs or is_cue_form(verb, lex)):
        return None
    return verb


def _as_said(doc: Doc, sent: Span, i: int, lex: Lexicon) -> list[Attribution]:
    """ "..., comme l'a rappelé le gouverneur", "Ainsi que le souligne le rapport, ...", "comme il
    l'a dit, ...": the clause the incise belongs to is the content, the speech verb group the cue."""
    e = sent.end
    opener = next((seq for seq in AS_SAID_OPENERS if _match(doc, i, e, seq)), None)
    if opener is None or not _opens_clause(doc, sent, i):
        return []
    k = i + len(opener)
    subj: tuple[int, int] | None = None
    if k < e and doc[k].lower_ not in AS_SAID_CLITICS and doc[k].pos_ in ("PRON", "DET", "PROPN", "NOUN"):
        first = doc[k] if doc[k].pos_ in ("PRON", "PROPN", "NOUN") else doc[k].head
        subj = noun_phrase(doc, first, k, e)  # "comme le ministre l'a rappelé"
        k = subj[1]
    if k >= e or doc[k].lower_ not in AS_SAID_CLITICS:
        return []
    verb = _cue_verb(doc, k + 1, e, lex)
    if verb is None or (verb.i + 1 < e and doc[verb.i + 1].lower_ in COMPLEMENTIZERS):
        return []
    group = verb_group(doc, sent, verb)
    group = (max(group[0], k + 1), group[1])
    if subj is None:
        after = next((t for t in doc[verb.i + 1 : min(e, verb.i + 6)] if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
        if after is None or any(t.text in _ENDS for t in doc[verb.i + 1 : after.i]):
            return []
        subj = noun_phrase(doc, after, verb.i + 1, e)
    head = max(range(*subj), key=lambda t: (doc[t].pos_ in ("NOUN", "PROPN", "PRON"), -t))
    if doc[head].lemma_.lower() in lex.rule_nouns:
        return []  # "comme le prévoit la loi"
    last = _segment_end(doc, max(subj[1], verb.i + 1), e)
    atts = _adjunct(doc, sent, group, subj, head, last, lex, infinitive(verb, lex), first=i)
    for att in atts:
        att.kind = "verb"
        att.cue_past = is_past(verb) or any(is_past(doc[t]) for t in range(*group))
    return atts


def _if_one_believes(doc: Doc, sent: Span, i: int, lex: Lexicon) -> list[Attribution]:
    """ "Si l'on en croit la presse locale, ...": a source adjunct, as "selon"."""
    e = sent.end
    seq = next((q for q in IF_ONE_BELIEVES if _match(doc, i + 1, e, q)), None)
    if seq is None:
        return []
    k = i + 1 + len(seq)
    head = next((t for t in doc[k : min(e, k + 5)] if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if head is None:
        return []
    src = noun_phrase(doc, head, k, e)
    return _adjunct(doc, sent, (i, k), src, head.i, _segment_end(doc, src[1], e), lex, "selon")


def _side_of(doc: Doc, sent: Span, i: int, lex: Lexicon) -> list[Attribution]:
    """ "Du côté de l'Élysée, on estime que ...": the side named speaks through "on"."""
    e = sent.end
    seq = next((q for q in SIDE_OPENERS if _match(doc, i, e, q)), None)
    if seq is None or _after_connectives(doc, sent.start, i) != i:
        return []
    k = i + len(seq) if seq[-1] not in ("du", "des") else i + len(seq) - 1
    comma = next((t.i for t in doc[k : min(e, k + 10)] if t.text == ","), None)
    if comma is None or comma + 2 >= e or doc[comma + 1].lower_ != "on":
        return []
    head = next((t for t in doc[k:comma] if t.pos_ in ("NOUN", "PROPN")), None)
    verb = next((t for t in doc[comma + 2 : min(e, comma + 6)] if t.pos_ == "VERB"), None)
    if head is None or verb is None or not (verb.lemma_.lower() in lex.cue_verbs or is_cue_form(verb, lex)):
        return []
    que = next((t for t in doc[verb.i + 1 : min(e, verb.i + 4)] if t.lower_ in COMPLEMENTIZERS), None)
    if que is None:
        return []
    content = trim(doc, que.i, clause_end(doc, sent, que.i, verb, que.head))
    src = trim(doc, k + 1 if doc[k].lower_ in ("du", "des") else k, comma)
    return [
        Attribution(
            sentence=(sent.start, e),
            content=content,
            cue=verb_group(doc, sent, verb),
            source=src,
            source_head=head.i,
            kind="verb",
            cue_lemma=infinitive(verb, lex),
            cue_past=is_past(verb),
        )
    ]


def frames(doc: Doc, sent: Span, lex: Lexicon, found: list[Attribution]) -> list[Attribution]:
    """The frames of ``sent`` that no attribution of ``found`` already holds: "selon laquelle",
    the nominal frames, "pour X,", "à ses yeux", "comme l'a dit X", "si l'on en croit X", "du côté de X"."""
    used = {i for att in found for r in (att.cue, att.source) if r for i in range(*r)}
    out = relative_frames(doc, sent, used)
    out += nominal_frames(doc, sent, lex, used)
    lower = DocArrays.current(doc).lower_
    for i in range(sent.start, sent.end):
        if lower[i] not in FRAME_FIRST_WORDS or i in used:
            continue
        atts = _frame_at(doc, sent, i, lex)
        if not atts or any(k in used for att in atts for r in (att.cue, att.source) if r for k in range(*r)):
            continue
        if atts[0].cue_lemma == "pour":
            # "Pour certains, A, pour d'autres, B": the second view ends the first
            earlier = [a for a in out if a.cue_lemma == "pour" and a.content[0] < i < a.content[1]]
            for prev in earlier:
                prev.content = trim(doc, prev.content[0], i)
            for att in atts if earlier else []:
                if att.source is not None and att.content[0] < i:
                    att.content = trim(doc, att.source[1], att.content[1])
            # "Pour lui, « ... », a-t-il dit": the incise says it already (a report inside the view,
            # "pour X, ce que révèle Y, c'est Z", is a second level and keeps it)
            taken = [att.content for att in found + out if att.kind != "verb" or att.quote]
            if any(c[0] < a.content[1] and a.content[0] < c[1] for c in taken for a in atts):
                continue
        out += atts
        used.update(k for att in atts for r in (att.cue, att.source) if r for k in range(*r))
    return out


def _from_source(doc: Doc, sent: Span, i: int, lex: Lexicon) -> list[Attribution]:
    """ "..., de source policière", "De sources proches du dossier, ...": the cue is "de", the
    source "source policière", as "selon une source policière" would name it."""
    e = sent.end
    if i + 2 >= e or doc[i + 1].lower_ not in ("source", "sources") or not _opens_clause(doc, sent, i):
        return []
    src = noun_phrase(doc, doc[i + 1], i + 1, e)
    if src[1] - src[0] < 2:
        return []  # "de source sûre" names no one, "de source" alone even less
    return _adjunct(doc, sent, (i, i + 1), src, i + 1, _segment_end(doc, src[1], e), lex, "selon")


def _frame_at(doc: Doc, sent: Span, i: int, lex: Lexicon) -> list[Attribution]:
    low = doc[i].lower_
    if low in ("de", "d'", "d’"):
        return _from_source(doc, sent, i, lex)
    if low == "pour":
        return _pour(doc, sent, i, lex)
    if low in ("à", "aux"):
        return _eyes(doc, sent, i, lex)
    if low == "si":
        return _if_one_believes(doc, sent, i, lex)
    if low == "du":
        return _side_of(doc, sent, i, lex)
    if low in ("comme", "ainsi"):
        return _as_said(doc, sent, i, lex)
    return []
