"""Hostile sizes: a sentence made of thousands of cues, a paragraph of thousands of reports.

The work and the output per sentence are bounded (``MAX_SENTENCE_TOKENS`` in the segmenter,
``MAX_ATTRIBUTIONS_PER_SENTENCE`` in the rules), so the output grows with the text, not with its square.
"""

from __future__ import annotations

import random

from selon.nlp.attribution.rules import MAX_ATTRIBUTIONS_PER_SENTENCE
from selon.nlp.learned.tagger import _MAX_LINK, _cost, _gap, link
from selon.nlp.segment import MAX_SENTENCE_TOKENS


def _claims_json(doc) -> int:
    return sum(len(c.model_dump_json()) for c in doc._.selon_claims)


def _check_bounded(doc, text: str) -> None:
    sentences = list(doc.sents)
    assert max(len(s) for s in sentences) <= MAX_SENTENCE_TOKENS
    claims = doc._.selon_claims
    per_sentence: dict[tuple[int, int], int] = {}
    for claim in claims:
        key = (claim.sentence.start, claim.sentence.end)
        per_sentence[key] = per_sentence.get(key, 0) + 1
    assert max(per_sentence.values()) <= MAX_ATTRIBUTIONS_PER_SENTENCE
    # before the bounds, 2,000 French cues gave 2,002 claims and 89 MB of JSON for 22 kB of text
    assert _claims_json(doc) < 40 * len(text)


def test_a_french_sentence_of_two_thousand_cues_has_bounded_output(nlp_fr) -> None:
    text = "Le projet est mort, " + "selon lui, " * 2000 + "a-t-il conclu."
    doc = nlp_fr(text)
    _check_bounded(doc, text)
    assert any(c.source is not None and c.cue.text == "selon" for c in doc._.selon_claims)


def test_an_english_sentence_of_two_thousand_cues_has_bounded_output(nlp_en) -> None:
    text = "The project is dead, " + "he said, " * 2000 + "the end."
    doc = nlp_en(text)
    _check_bounded(doc, text)


def test_a_long_sentence_is_cut_after_a_comma_and_short_ones_are_left_alone(nlp_fr) -> None:
    clause = "le ministre a visité la ville de Lyon avec ses conseillers, "
    text = "Hier, " + clause * 60 + "puis il est rentré à Paris. Le lendemain, il a parlé."
    doc = nlp_fr(text)
    sentences = list(doc.sents)
    assert all(len(s) <= MAX_SENTENCE_TOKENS for s in sentences)
    long_ones = [s for s in sentences if s.text.startswith(("Hier", "le ministre"))]
    assert len(long_ones) >= 2
    assert all(s[0].text == "le" for s in long_ones[1:])  # each piece starts after a comma
    assert sentences[-1].text == "Le lendemain, il a parlé."


def _link_by_pairs(sent_starts, spans):
    """``link`` as it was: every cue paired with every span (the reference the bisection must equal)."""

    def greedy(cues, targets, before_bonus):
        pairs = sorted(
            (_cost(sent_starts, c, s, before_bonus), ci, si)
            for ci, c in enumerate(cues)
            for si, s in enumerate(targets)
            if _gap(c, s) <= _MAX_LINK
        )
        used_c, used_s, out = set(), set(), {}
        for _, ci, si in pairs:
            if ci not in used_c and si not in used_s:
                used_c.add(ci)
                used_s.add(si)
                out[ci] = si
        return out

    cues = spans["CUE"]
    if not cues:
        return []
    links = [([c], None, []) for c in cues]
    sources = greedy(cues, spans["SOURCE"], True)
    assigned = greedy(cues, spans["CONTENT"], False)
    for ci, si in assigned.items():
        links[ci][2].append(spans["CONTENT"][si])
    for si, span in enumerate(spans["CONTENT"]):
        if si in set(assigned.values()):
            continue
        best = min(range(len(cues)), key=lambda ci: (_cost(sent_starts, cues[ci], span, False), ci))
        if _gap(cues[best], span) <= _MAX_LINK:
            links[best][2].append(span)
    return [(c[0], spans["SOURCE"][sources[ci]] if ci in sources else None, cs) for ci, (c, _, cs) in enumerate(links)]


def test_linking_by_bisection_equals_pairing_everything() -> None:
    rng = random.Random(7)
    for _ in range(200):
        n = rng.randint(1, 400)
        labels = [rng.choice(["CUE", "SOURCE", "CONTENT", None, None]) for _ in range(n)]
        spans: dict[str, list[tuple[int, int]]] = {"CUE": [], "SOURCE": [], "CONTENT": []}
        k = 0
        while k < n:  # runs of one label, as the tagger's BIO spans are
            j = k + 1
            while j < n and labels[j] == labels[k] and rng.random() < 0.7:
                j += 1
            if labels[k] is not None:
                spans[labels[k]].append((k, j))
            k = j
        sent_starts = []
        start = 0
        for i in range(n):
            if rng.random() < 0.05:
                start = i
            sent_starts.append(start)
        got = [(lk.cue, lk.source, lk.contents) for lk in link(sent_starts, spans, keep_empty=True)]
        assert got == _link_by_pairs(sent_starts, spans)
