"""Colon attributions of headlines and roundups; quotations cut at their own incise or run on past it."""

from __future__ import annotations

import pytest

from selon.nlp.attribution.en import _parenthetical, _quote_before_incise, _resumed_quotation
from selon.nlp.attribution.en_colon import colon_attributions
from selon.nlp.attribution.span import Attribution
from selon.nlp.doc_arrays import DocArrays


def _spans(doc, atts):
    return [
        (doc[a.source[0] : a.source[1]].text, doc[a.cue[0] : a.cue[1]].text, doc[a.content[0] : a.content[1]].text)
        for a in atts
    ]


def test_headline_and_roundup_colons(nlp_en) -> None:
    doc = nlp_en(
        "Poll: Trump and Clinton Hold Narrow Leads in Pennsylvania\n\n"
        'The candidates spoke on Tuesday. Clinton: "Our goal is to defeat ISIS." Bush: "The mission '
        'is to destroy ISIS."\n'
    )
    found = _spans(doc, colon_attributions(DocArrays.of(doc)))
    assert ("Poll", ":", "Trump and Clinton Hold Narrow Leads in Pennsylvania") in found
    assert ("Clinton", ":", '"Our goal is to defeat ISIS."') in found
    assert ("Bush", ":", '"The mission is to destroy ISIS."') in found


def test_page_furniture_and_clauses_are_not_sources(nlp_en) -> None:
    doc = nlp_en(
        "Editor's note: This article was updated.\n\nEmail: desk@example.com\n\n"
        "He said one thing: the plan failed.\n\nAmong the votes: a ban on imports.\n"
    )
    assert colon_attributions(DocArrays.of(doc)) == []


def test_quotation_stops_at_its_own_incise(nlp_en) -> None:
    doc = nlp_en("“You called women fat pigs,” Kelly charged in her now-infamous assault.")
    kelly = next(t.i for t in doc if t.text == "Kelly")
    att = Attribution(
        sentence=(0, len(doc)),
        content=(1, len(doc) - 1),
        cue=(kelly + 1, kelly + 3),
        source=(kelly, kelly + 1),
        quote=True,
    )
    assert doc[slice(*_quote_before_incise(doc, att).content)].text == "You called women fat pigs"


def test_quotation_resumed_after_its_incise_is_kept(nlp_en) -> None:
    doc = nlp_en("“We will win,” she said. “And we will govern.”")
    said = next(t.i for t in doc if t.text == "said")
    she = said - 1
    att = Attribution(
        sentence=(0, len(doc)), content=(1, len(doc) - 1), cue=(said, said + 1), source=(she, she + 1), quote=True
    )
    assert _quote_before_incise(doc, att).content == (1, len(doc) - 1)


def _quotation_before_said(doc) -> Attribution:
    said = next(t.i for t in doc if t.text == "said")
    close = max(k for k in range(said) if doc[k].text == "”")
    return Attribution(
        sentence=(0, len(doc)), content=(1, close - 1), cue=(said, said + 1), source=(said - 1, said), quote=True
    )


def test_quotation_resumed_in_the_same_paragraph_runs_on(nlp_en) -> None:
    doc = nlp_en("“We will win,” she said on Monday. “And we will govern well.”\n\nThe crowd left.")
    att = _resumed_quotation(doc, _quotation_before_said(doc))
    assert doc[slice(*att.content)].text == "We will win,” she said on Monday. “And we will govern well"


def test_quotation_resumed_in_a_new_paragraph_is_left_alone(nlp_en) -> None:
    doc = nlp_en("“We will win,” she said on Monday.\n\n“And we will govern well.”")
    att = _quotation_before_said(doc)
    assert _resumed_quotation(doc, att).content == att.content
    doc = nlp_en("“We will win,” she said. The crowd cheered.")  # no quotation resumes
    att = _quotation_before_said(doc)
    assert _resumed_quotation(doc, att).content == att.content


def test_source_and_cue_between_commas_report_the_whole_sentence(nlp_en) -> None:
    doc = nlp_en("But in the long run, many economists say, this effect could ripple through the system.")
    say = next(t.i for t in doc if t.text == "say")
    att = Attribution(
        sentence=(0, len(doc)), content=(say + 2, len(doc) - 1), cue=(say, say + 1), source=(say - 2, say)
    )
    assert doc[slice(*_parenthetical(doc, att).content)].text == (
        "in the long run, many economists say, this effect could ripple through the system"
    )


def test_a_parenthetical_in_a_quotation_or_a_content_already_whole_is_left_alone(nlp_en) -> None:
    doc = nlp_en("He called it “a mess” in March and, she says, the plan failed.")
    says = next(t.i for t in doc if t.text == "says")
    att = Attribution(
        sentence=(0, len(doc)), content=(says + 2, len(doc) - 1), cue=(says, says + 1), source=(says - 1, says)
    )
    assert _parenthetical(doc, att).content == (says + 2, len(doc) - 1)  # quotation marks in the sentence
    doc = nlp_en("This campaign, he says, is different.")
    att = Attribution(sentence=(0, len(doc)), content=(0, len(doc) - 1), cue=(4, 5), source=(3, 4))
    assert _parenthetical(doc, att).content == (0, len(doc) - 1)


def test_rules_are_asked_for_verbs_only_where_merge_could_keep_them(nlp_en) -> None:
    from selon.nlp.attribution import en as combine

    doc = nlp_en("The senator said the vote was fair.")
    sent = next(doc.sents)
    learned = [Attribution(sentence=(sent.start, sent.end), content=(3, 7), cue=(2, 3), source=(0, 2))]
    assert combine._verbs_may_be_kept(sent, [], set())  # the tagger found nothing: the fallback may apply
    assert not combine._verbs_may_be_kept(sent, learned, set())  # only adjuncts could be kept
    assert combine._verbs_may_be_kept(sent, learned, {2})  # a bare cue of the tagger in the sentence


def test_without_the_reranker_contents_still_end_with_their_sentence(nlp_en, monkeypatch) -> None:
    from selon.nlp.attribution import en as combine

    if combine.load_tagger() is None:
        pytest.skip("no packaged English tagger")
    calls: list[str] = []

    def spy(name, real):
        def wrapped(doc, att):
            calls.append(name)
            return real(doc, att)

        return wrapped

    for name in ("_within_sentence", "_resumed_quotation", "_parenthetical"):
        monkeypatch.setattr(combine, name, spy(name, getattr(combine, name)))
    monkeypatch.setattr(combine, "BOUNDARIES", False)
    nlp_en("The senator said on Tuesday that the vote had been fair and open. Others disagreed.")
    assert {"_within_sentence", "_resumed_quotation", "_parenthetical"} <= set(calls)
    calls.clear()
    monkeypatch.setattr(combine, "BOUNDARIES", True)
    nlp_en("The governor said on Monday that the budget would pass. Few believed it.")
    assert "_within_sentence" not in calls and {"_resumed_quotation", "_parenthetical"} <= set(calls)
