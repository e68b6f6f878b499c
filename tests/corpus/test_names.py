"""Name keys, alias files and the pure parts of source resolution (no store, no model)."""

from __future__ import annotations

import pytest

from corpus.founding import french
from selon.corpus.aliases import load_aliases, parse_alias_file
from selon.corpus.names import fold, given_compatible, org_key, person_key, person_parts, translit
from selon.corpus.quantities import agree, unit_key
from selon.corpus.sources import Mention, document_links, global_links, resolve
from selon.errors import ConfigError


def test_person_keys_ignore_transliteration_and_accents():
    assert person_key("Kirill Boudanov") == person_key("Kyrylo Budanov") == person_key("KYRYLO BUDANOV")
    assert person_key("Volodymyr Zelensky") == person_key("Volodymyr Zelenskyy") == person_key("Volodymyr Zélenski")
    assert person_parts("M. Boudanov") == ("", "budanov")
    assert person_key("Hillary Clinton") != person_key("Bill Clinton")
    assert given_compatible("krl", "") and given_compatible("h", "hlr") and not given_compatible("hlr", "bl")


def test_org_keys_ignore_articles_and_word_order():
    assert org_key("le renseignement militaire ukrainien") == org_key("Renseignement militaire ukrainien")
    assert org_key("Ukraine's military intelligence") == org_key("military intelligence of Ukraine")
    assert org_key("GUR") == org_key("G.U.R.") == "a:GUR"
    assert fold("Biïsk, l’Altaï") == "biisk l altai"
    assert translit("boudanov") == translit("budanov")


def test_packaged_aliases_join_across_languages():
    aliases = load_aliases(use_env=False)
    gur = aliases.lookup(org_key("GUR"))
    assert gur is not None and gur is aliases.lookup(org_key("HUR"))
    assert aliases.lookup(org_key("le renseignement militaire ukrainien")) is gur
    assert aliases.lookup(org_key("Ukraine's military intelligence")) is gur
    assert aliases.lookup(org_key("Reuters")).kind == "relay"


def test_user_alias_file_extends_and_errors_say_where(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("# mine\nAcme Corp\torganization\tACME | Acme Corporation | la société Acme\n", encoding="utf-8")
    aliases = load_aliases([path], use_env=False)
    assert aliases.lookup(org_key("la société Acme")).canonical == "Acme Corp"
    with pytest.raises(ConfigError, match=r"bad.tsv:2: expected 3 TAB-separated columns"):
        parse_alias_file("# x\nonly two\tcolumns\n", "bad.tsv")
    with pytest.raises(ConfigError, match="unknown kind"):
        parse_alias_file("A\tplanet\tB\n", "bad.tsv")
    with pytest.raises(ConfigError, match="cannot read alias file"):
        load_aliases([tmp_path / "missing.tsv"], use_env=False)


def test_document_links_find_acronym_and_shorter_form():
    links = document_links(french())
    reasons = {(link.reason, link.key_a, link.key_b) for link in links}
    assert ("acronym", org_key("renseignement militaire ukrainien"), "a:GUR") in reasons
    assert (
        "containment",
        org_key("Le renseignement ukrainien"),
        org_key("renseignement militaire ukrainien"),
    ) in reasons
    assert any(link.reason == "surname" and link.key_a == person_key("Boudanov") for link in links)


def test_resolution_without_alias_file_uses_fuzzy_names_and_dominant_surnames():
    from selon.corpus.aliases import AliasTable

    mentions = [
        Mention("d1", "c1", person_key("Kirill Boudanov"), "person", "Kirill Boudanov"),
        Mention("d2", "c1", person_key("Kyrylo Budanoff"), "person", "Kyrylo Budanoff"),
        Mention("d3", "c1", person_key("Budanov"), "person", "Budanov"),
        Mention("d4", "c1", person_key("Hillary Clinton"), "person", "Hillary Clinton"),
        Mention("d5", "c1", person_key("Bill Clinton"), "person", "Bill Clinton"),
        Mention("d6", "c1", person_key("Clinton"), "person", "Clinton"),
    ]
    empty = AliasTable()
    links = global_links(mentions, empty)
    res = resolve(mentions, links, empty)
    budanov = {res.source_of[m.key] for m in mentions[:3]}
    assert len(budanov) == 1
    # 'Clinton' alone is Hillary for half of the full-name mentions only: not joined
    assert len({res.source_of[m.key] for m in mentions[3:]}) == 3
    assert {link.reason for link in links} >= {"fuzzy-name", "surname"}


def test_unit_keys_cross_languages_and_tolerance():
    assert unit_key("obus d'artillerie") == unit_key("artillery shells") == "shell"
    assert unit_key("munitions") == unit_key("additional munitions")
    assert unit_key("drones") == unit_key("drone")
    assert agree((2000, None), (2100, None), 0.10) and not agree((2000, None), (2700, None), 0.10)
    assert agree((2.0e6, 3.0e6), (2.9e6, None), 0.0)
