"""Which reporting verb of the table a French form is, and the senses of it that report nothing.

Read by the complements (``fr_complements``) and by the speech-verb rule (``rules``); kept apart so
that both can ask without importing each other. ``closed_quote`` keeps a content's closing mark.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from selon.nlp.attribution.shared import subject
from selon.nlp.attribution.span import quotation_regions, trim
from selon.nlp.lexicon.fr_verbs import (
    CAUSE_VERBS,
    REFLEXIVE_CLITICS,
    SE_CLITICS,
    THING_PRONOUNS,
    entries_for,
    reporting_verbs,
)


def table_lemma(verb: Token) -> str | None:
    """The verb's entry in the reporting-verb table: its lemma, or the infinitive its ending gives
    (French lemmas are often wrong: "demande" -> "demande"), with "se" for a pronominal verb. A
    reflexive verb whose pronominal form is not in the table reports nothing ("s'assurer que",
    "se rappeler", "s'appeler")."""
    entries = entries_for(verb.lower_, verb.lemma_.lower())
    if not entries:
        return None  # the common case, decided from the cache
    table = reporting_verbs()
    reflexive = is_reflexive(verb)
    for inf in entries:
        if reflexive:
            for form in (f"se {inf}", f"s'{inf}"):
                if form in table:
                    return form
        elif inf in table:
            return inf
    return None


def is_reflexive(verb: Token) -> bool:
    """ "se demande", "s'est félicité": a third-person reflexive clitic on the verb."""
    return any(c.lower_ in SE_CLITICS and c.i < verb.i for c in verb.children) and any(
        c.lower_ in REFLEXIVE_CLITICS and c.dep_ in ("expl:pv", "expl:comp", "obj", "iobj", "expl") and c.i < verb.i
        for c in verb.children
    )


def closed_quote(doc: Doc, content: tuple[int, int], end: int) -> tuple[int, int]:
    """A content that opens a quotation or a parenthesis keeps its closing mark: "accuse d'« insultes »"."""
    start, stop = content
    opened = sum(1 for t in doc[start:stop] if t.text == "«") - sum(1 for t in doc[start:stop] if t.text == "»")
    if opened > 0:
        # "a dit mettre « en garde le gouvernement, si on ... »": a quotation the content opens runs
        # to its close, past the commas the phrase stopped at (the sentence still bounds it)
        inner = next((e for s, e in quotation_regions(doc) if start < s <= stop and e >= stop), None)
        if inner is not None and stop < inner:
            stop = min(inner, end)
    if opened > 0 and stop < end and doc[stop].text == "»":
        return start, stop + 1
    parens = sum(1 for t in doc[start:stop] if t.text == "(") - sum(1 for t in doc[start:stop] if t.text == ")")
    if parens > 0 and stop < end and doc[stop].text == ")":
        return start, stop + 1  # "des quotas explicites (60 % hutu vs 40 % tutsi)"
    return content if stop == content[1] else trim(doc, start, stop)


def other_sense(verb: Token) -> bool:
    """The senses of a reporting verb that report nothing, for the speech-verb rule: a reflexive verb
    whose pronominal form is no report ("s'assurer que", "se rappeler"), and "expliquer" with a
    thing for subject, a cause ("ce qui explique que ...", "cela explique que ...")."""
    if verb.lang_ != "fr" or not entries_for(verb.lower_, verb.lemma_.lower()):
        return False
    lemma = table_lemma(verb)
    if lemma is None:
        return is_reflexive(verb)
    if lemma not in CAUSE_VERBS:
        return False
    subj = subject(verb) or next((c for c in verb.children if c.dep_.startswith("nsubj")), None)
    return subj is not None and subj.lower_ in THING_PRONOUNS
