"""French pseudo-clefts of report: "Ce que révèle cette crise, c'est une classe moyenne déclassée",
"Ce qu'on nous annonce, c'est la fin de l'université". The reporting verb sits in the relative
"ce que ..."; what it reports is what "c'est" names, and its subject (before or after it) is the source.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from selon.nlp.attribution.fr_verb_table import table_lemma
from selon.nlp.attribution.shared import subject
from selon.nlp.attribution.span import Attribution, noun_phrase, quotation_regions, trim
from selon.nlp.doc_arrays import DocArrays
from selon.nlp.lexicon.fr import CLEFT_ENDS, CLEFT_OPENERS, CLEFT_PRESENTERS


def pseudo_clefts(doc: Doc, sent: Span, found: list[Attribution]) -> list[Attribution]:
    """The pseudo-cleft reports of ``sent`` whose cue no attribution of ``found`` holds."""
    used = {i for a in found for r in (a.cue, a.source) if r for i in range(*r)}
    out: list[Attribution] = []
    lower = DocArrays.current(doc).lower_
    for i in range(sent.start, sent.end - 4):
        if lower[i] != "ce" or lower[i + 1] not in CLEFT_OPENERS:
            continue
        att = _cleft_at(doc, sent, i)
        if att is not None and att.cue is not None and not any(k in used for k in range(*att.cue)):
            out.append(att)
    return out


def _cleft_at(doc: Doc, sent: Span, i: int) -> Attribution | None:
    """The report of "ce que <verb> <subject>, c'est <content>" opening at token ``i``."""
    presenter = next((k for k in range(i + 3, min(sent.end - 1, i + 14)) if _presents(doc, k)), None)
    if presenter is None:
        return None
    verb = next((t for t in doc[i + 2 : presenter] if t.pos_ == "VERB" and table_lemma(t) is not None), None)
    if verb is None:
        return None
    subj = subject(verb)
    if subj is None or not (i < subj.i < presenter):
        return None
    start = presenter + 2 if doc[presenter].lower_ in ("c'", "c’") else presenter + 1
    end = next((k for k in range(start + 1, sent.end) if _ends_content(doc, k)), sent.end)
    end = min([end, *(e for s, e in quotation_regions(doc) if s <= i < e)])  # « Ce qu'on annonce, c'est X »
    content = trim(doc, start, end)
    if content[1] - content[0] < 2:
        return None
    aux = [c.i for c in verb.lefts if c.dep_.startswith("aux")]
    return Attribution(
        sentence=(sent.start, sent.end),
        content=content,
        cue=(min([*aux, verb.i]), verb.i + 1),
        source=noun_phrase(doc, subj, i + 2, presenter),
        source_head=subj.i,
        kind="verb",
        cue_lemma=table_lemma(verb) or verb.lemma_.lower(),
    )


def _presents(doc: Doc, k: int) -> bool:
    """ "c'est" / "c’est" / "ce sont" at ``k``."""
    pair = (doc[k].lower_, doc[k + 1].lower_)
    return pair in CLEFT_PRESENTERS


def _ends_content(doc: Doc, k: int) -> bool:
    """A semicolon, a colon, or a comma before a frame of its own (", pour reprendre ...", ", selon X")."""
    tok = doc[k]
    if tok.text in (";", ":"):
        return True
    return tok.text == "," and k + 1 < len(doc) and doc[k + 1].lower_ in CLEFT_ENDS
