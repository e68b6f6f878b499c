"""WordNet classes: the packaged table, and the keys the tagger's sense features are made of."""

from __future__ import annotations

import gzip

from selon.nlp.doc_arrays import DocArrays
from selon.nlp.learned import senses
from selon.nlp.learned.features.strings import DocFeatures
from selon.nlp.learned.tagger import BASE_CUE_LEMMAS


def test_table_gives_the_classes_of_first_senses_by_part_of_speech() -> None:
    table = senses.load()
    assert senses.classes(table, "say", "VERB")[0] == "verb.communication"
    assert senses.classes(table, "doubt", "NOUN")[0] == "noun.cognition"
    assert senses.classes(table, "say", "ADJ") == ()  # adjectives carry no useful class
    assert senses.classes(table, "qwxzzt", "VERB") == ()
    assert senses.load() is table  # read once per process


def test_table_keeps_the_wordnet_notice() -> None:
    with gzip.open(senses.TABLE, "rt", encoding="utf-8") as f:
        head = "".join(next(f) for _ in range(5))
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in head


def test_keys_of_a_parsed_report(nlp_en) -> None:
    doc = nlp_en("He said that the plan was unfounded.")
    keys = senses.SenseKeys.of(DocArrays.of(doc))
    said = next(t.i for t in doc if t.lower_ == "said")
    assert senses.CLASS_NAMES[keys.first[said]] == "verb.communication"
    assert "kid=ccomp|that" in keys.kids[said]
    assert keys.classes[keys.pair_of[said]] == ("verb.communication",)
    plan = next(t.i for t in doc if t.lower_ == "plan")
    assert keys.anchor[plan] == said and doc[int(keys.below[plan])].head.i == said  # under "said", on the right
    assert keys.anchor[said] == -1
    assert keys.first[next(t.i for t in doc if t.lower_ == "he")] == senses.NONE_ID


def test_sense_strings_follow_the_keys(nlp_en) -> None:
    doc = nlp_en("She told reporters that the deal was dead.")
    features = DocFeatures(DocArrays.of(doc), BASE_CUE_LEMMAS)
    told = next(t.i for t in doc if t.lower_ == "told")
    strings = features.sense[told]
    assert "ss1=verb.communication" in strings
    assert "kid=ccomp|that" in strings and "verb.communication|kid=ccomp|that" in strings
    dead = next(t.i for t in doc if t.lower_ == "dead")
    assert any(s.startswith("uss=ccompR") for s in features.sense[dead])
