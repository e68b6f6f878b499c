"""The learned English attribution tagger: span decoding, linking, features, model loading, fallback."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from selon.nlp.attribution.en import merge
from selon.nlp.attribution.span import Attribution
from selon.nlp.learned import tagger as learned
from selon.nlp.learned.tagger import Link, label_spans, link


def test_label_spans_decodes_bio() -> None:
    labels = ["B-SOURCE", "I-SOURCE", "B-CUE", "B-CONTENT", "I-CONTENT", "O", "I-CONTENT", "B-CONTENT"]
    spans = label_spans(labels, offset=10)
    assert spans["SOURCE"] == [(10, 12)]
    assert spans["CUE"] == [(12, 13)]
    # a stray I- opens a span; a B- right after a span closes it
    assert spans["CONTENT"] == [(13, 15), (16, 17), (17, 18)]
    assert label_spans([]) == {"SOURCE": [], "CUE": [], "CONTENT": []}


def test_link_groups_interrupted_quote_and_nearest_source() -> None:
    # "A , " she said , " B ." He added more .   (one sentence per clause)
    # tokens:  0-3 content, 4 source "she", 5 cue "said", 7-9 content, 11 source "He", 12 cue, 13-14 content
    sent_starts = [0] * 11 + [11] * 5
    spans = {"CONTENT": [(0, 3), (7, 10), (13, 15)], "SOURCE": [(4, 5), (11, 12)], "CUE": [(5, 6), (12, 13)]}
    links = link(sent_starts, spans)
    assert [lk.cue for lk in links] == [(5, 6), (12, 13)]
    first, second = links
    assert first.source == (4, 5) and sorted(first.contents) == [(0, 3), (7, 10)]
    assert first.content() == (0, 10)  # the extent of the interrupted quote
    assert second.source == (11, 12) and second.content() == (13, 15)


def test_link_drops_cues_without_content() -> None:
    assert link([0] * 5, {"CONTENT": [], "SOURCE": [(0, 1)], "CUE": [(1, 2)]}) == []
    assert Link(cue=(0, 1)).content() is None


def _att(
    content: tuple[int, int],
    cue: tuple[int, int],
    source: tuple[int, int] | None = None,
    kind: str = "learned",
    cue_lemma: str = "",
) -> Attribution:
    return Attribution(sentence=(0, 50), content=content, cue=cue, source=source, kind=kind, cue_lemma=cue_lemma)


def test_merge_keeps_rules_only_where_the_tagger_is_silent() -> None:
    learned_atts = [_att((5, 12), (3, 4), (0, 2))]
    repeated = _att((6, 10), (3, 4), kind="adjunct")  # its cue is the learned one: dropped
    nesting = _att((0, 12), (13, 15), (15, 17), kind="adjunct")  # holds the learned attribution: kept
    apart = _att((30, 40), (28, 29), (25, 27), kind="adjunct")
    verb = _att((45, 49), (44, 45), (42, 43), kind="verb", cue_lemma="say")  # verb rules give way to the tagger
    assert merge(learned_atts, [repeated, nesting, apart, verb]) == [*learned_atts, nesting, apart]
    assert merge([], [apart], covered={26}) == []


def test_merge_falls_back_to_the_rules_where_the_tagger_finds_nothing() -> None:
    verb = _att((45, 49), (44, 45), (42, 43), kind="incise", cue_lemma="say")
    # a sentence where the tagger found nothing: the rules' "..., Warren said" stands
    assert merge([], [verb], covered={3, 4}) == [verb]
    assert merge([], [verb], covered={3, 4}, fallback="none") == []
    said = Attribution(sentence=(0, 50), content=(45, 49), cue=(44, 45), kind="verb", cue_lemma="say")
    assert merge([], [said]) == [said]
    # a verb of thinking is left to the tagger: PolNeAR mostly nests it in a larger report
    thinks = _att((45, 49), (44, 45), (42, 43), kind="verb", cue_lemma="think")
    assert merge([], [thinks]) == []
    # a cue the tagger found without content: the rule attribution with that cue completes it
    learned_atts = [_att((5, 12), (3, 4), (0, 2))]
    assert merge(learned_atts, [verb], bare_cues={44}, fallback="cue") == [*learned_atts, verb]
    assert merge(learned_atts, [verb], fallback="cue") == learned_atts


def test_link_paragraphs_can_keep_cues_without_content() -> None:
    from selon.nlp.learned.tagger import link_paragraphs

    tagged = [((0, 5), {"SOURCE": [(0, 1)], "CUE": [(1, 2)], "CONTENT": []})]
    assert link_paragraphs([0] * 5, tagged) == []
    links = link_paragraphs([0] * 5, tagged, keep_empty=True)
    assert [(lk.cue, lk.source, lk.contents) for lk in links] == [((1, 2), (0, 1), [])]


@pytest.mark.slow
def test_parse_source_gives_the_subject_of_the_cue(nlp_en) -> None:
    from selon.nlp.attribution.en import parse_source

    doc = nlp_en("The governor of Ohio said the vote was fair. He said it was over.")
    said = [t.i for t in doc if t.text == "said"]
    att = parse_source(doc, _att((said[0] + 1, said[0] + 5), (said[0], said[0] + 1)))
    assert doc[slice(*att.source)].text == "The governor of Ohio"
    att = parse_source(doc, _att((said[1] + 1, said[1] + 4), (said[1], said[1] + 1)))
    assert doc[slice(*att.source)].text == "He"  # PolNeAR marks the pronoun itself
    kept = _att((said[1] + 1, said[1] + 4), (said[1], said[1] + 1), source=(0, 2))
    assert parse_source(doc, kept).source == (0, 2)


def test_missing_model_warns_and_returns_none(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="selon.nlp.learned.tagger"):
        assert learned.load_tagger(tmp_path / "absent.crfsuite") is None
    assert "rules only" in caplog.text


def test_model_of_other_features_version_is_refused(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    model = tmp_path / "old.crfsuite"
    model.write_bytes(b"not a model")
    model.with_suffix(".json").write_text('{"features_version": -1}', encoding="utf-8")
    with pytest.raises(ValueError, match="features version"):
        learned.AttributionTagger.load(model)
    with caplog.at_level(logging.WARNING, logger="selon.nlp.learned.tagger"):
        assert learned.load_tagger(model) is None


# -- on parsed text (spaCy model needed) -------------------------------------------------------

TEXT = (
    "The senator said the vote was fair.\n\n"
    "“We will win,” she told reporters. “Nobody doubts it.”\n\n"
    "According to the report, turnout rose by 4 percent."
)


@pytest.mark.slow
def test_features_cover_every_paragraph_token(nlp_en) -> None:
    doc = nlp_en(TEXT)
    paragraphs = learned.paragraphs(doc)
    assert len(paragraphs) == 3
    assert all(not doc[s].is_space and not doc[e - 1].is_space for s, e in paragraphs)
    featurized = learned.featurize(doc)
    assert [rng for rng, _ in featurized] == paragraphs
    for (start, end), seq in featurized:
        assert len(seq) == end - start
        assert all(f[0] == "bias" and all(isinstance(x, str) for x in f) for f in seq)
    said = next(t for t in doc if t.text == "said")
    feats = featurized[0][1][said.i]
    assert "cue=1" in feats and "l=say" in feats
    # the opening quote of the second paragraph is state 2, the words inside it 1
    (start, _end), seq = featurized[1]
    assert "q=2" in seq[0] and "q=1" in seq[1]


@pytest.mark.slow
def test_packaged_model_tags_plain_reports(nlp_en) -> None:
    tagger = learned.load_tagger()
    if tagger is None:
        pytest.skip("no packaged English attribution model (run `selon train polnear`)")
    doc = nlp_en(TEXT)
    found = {
        (doc[slice(*a.cue)].text, doc[slice(*a.source)].text if a.source else None, doc[slice(*a.content)].text)
        for a in tagger.attributions(doc)
    }
    assert ("said", "The senator", "the vote was fair") in found
    assert "told" in {cue for cue, _, _ in found}
    # the claims combine the tagger with the adjunct rule, which covers a sentence-initial "According to"
    claims = {(c.cue.text, c.source.text if c.source else None) for c in doc._.selon_claims if c.cue}
    assert {("said", "The senator"), ("According to", "the report")} <= claims


@pytest.mark.slow
def test_english_claims_fall_back_to_rules_without_model(nlp_en, monkeypatch, caplog) -> None:
    from selon.nlp.attribution import en as combine

    monkeypatch.setattr(combine, "load_tagger", lambda: None)
    doc = nlp_en("The senator said the vote was fair.")
    claims = [c for c in doc._.selon_claims if c.cue is not None]
    assert [(c.cue.text, c.source.text if c.source else None) for c in claims] == [("said", "The senator")]


def test_quote_runs_into_the_next_paragraph() -> None:
    from selon.nlp.learned.tagger import link_paragraphs

    # "Cruz continued:" | “You look ... .” | “And more .” | Then he left , he said so .
    sent_starts = [0] * 3 + [3] * 6 + [9] * 4 + [13] * 7
    empty = {"SOURCE": [], "CUE": [], "CONTENT": []}
    tagged = [
        ((0, 3), {**empty, "SOURCE": [(0, 1)], "CUE": [(1, 2)]}),
        ((3, 9), {**empty, "CONTENT": [(3, 9)]}),
        ((9, 13), {**empty, "CONTENT": [(9, 13)]}),
        ((13, 20), {"SOURCE": [(17, 18)], "CUE": [(18, 19)], "CONTENT": [(13, 16)]}),
    ]
    links = link_paragraphs(sent_starts, tagged)
    assert [(lk.cue, lk.source, lk.content()) for lk in links] == [
        ((1, 2), (0, 1), (3, 13)),
        ((18, 19), (17, 18), (13, 16)),
    ]
    # a paragraph with its own cue stops the run
    tagged[1] = ((3, 9), {**empty, "CUE": [(5, 6)], "CONTENT": [(3, 5)]})
    assert [lk.cue for lk in link_paragraphs(sent_starts, tagged)] == [(5, 6), (18, 19)]


def test_a_cue_without_subject_speaks_through_the_verb_it_hangs_on(nlp_en) -> None:
    from selon.nlp.attribution.en import _subject

    doc = nlp_en("Mr. Ackman spoke for an hour, adding that investors had been patient.")
    adding = next(t for t in doc if t.text == "adding")
    assert adding.dep_ == "advcl" and _subject(adding) is not None and _subject(adding).text == "Ackman"
    remarks = nlp_en("Her remarks angered the council.")
    assert _subject(remarks[1]).text == "Her"  # the possessor of a noun cue


def test_per_is_a_source_only_before_a_source(nlp_en) -> None:
    from selon.nlp.attribution.rules import find_attributions

    rate = nlp_en("The office rents at $120 per square foot in the tower.")
    assert not [a for s in rate.sents for a in find_attributions(rate, s, rules_only=True) if a.kind == "adjunct"]
    report = nlp_en("Per the report, the council spent $2 million on the stadium.")
    found = [a for s in report.sents for a in find_attributions(report, s, rules_only=True) if a.kind == "adjunct"]
    assert found and report[found[0].source[0] : found[0].source[1]].text.endswith("report")


@pytest.mark.slow
def test_attributions_read_from_the_arrays_as_from_tokens(nlp_en) -> None:
    from helpers import FIXTURES

    tagger = learned.load_tagger()
    if tagger is None:
        pytest.skip("no packaged English attribution model")
    folder = FIXTURES / "polnear" / "dev" / "text"
    texts = [TEXT] + [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    seen = 0
    for doc in nlp_en.pipe(texts):
        for lk in tagger.links(doc, keep_empty=True):
            if not lk.contents:
                continue
            got = learned.to_attribution(doc, lk)
            sent = doc[lk.cue[0]].sent
            cue = doc[lk.cue[0] : lk.cue[1]]
            assert got.sentence == (sent.start, sent.end)
            assert got.source_head == (doc[lk.source[0] : lk.source[1]].root.i if lk.source else None)
            assert got.cue_lemma == cue.root.lemma_.lower()
            assert got.cue_past == any(t.tag_ in ("VBD", "VBN") for t in cue)
            assert got.quote == learned.opens_quote(doc, got.content[0])
            seen += 1
    assert seen > 30
