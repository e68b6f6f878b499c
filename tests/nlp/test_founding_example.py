"""The founding example: every `must` item of its expectations file, and most `should` items."""

from __future__ import annotations

import pytest

from selon.eval.examples import check_article, summarize

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def results(founding_article, founding_expected):
    return check_article(founding_article, founding_expected)


def test_offsets_index_the_file(founding_article, founding_text):
    assert founding_article.text == founding_text
    spans = [e for e in founding_article.entities] + list(founding_article.quantities)
    for claim in founding_article.claims:
        spans += [claim.content, *claim.channel, *claim.evidence, *claim.quantities, *claim.certainty_cues]
        spans += [s for s in (claim.source, claim.cue) if s is not None]
    for span in spans:
        assert founding_text[span.start : span.end] == span.text


def test_every_must_item(results):
    failed = {r.id: r.problems for r in results if r.level == "must" and not r.passed}
    assert not failed


def test_most_should_items(results):
    summary = summarize(results)["should"]
    assert summary["passed"] >= 0.75 * summary["total"]


@pytest.mark.shared
def test_every_shared_example_meets_its_must_items(settings):
    """Any article with an expectations file in ../shared/examples, not only the founding one."""
    import json

    import selon
    from helpers import shared_path

    folder = shared_path("examples")
    for expected_path in sorted(folder.glob("*.expected.json")):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        text_path = folder / expected["document"]
        article = selon.analyze(
            text_path.read_text(encoding="utf-8"),
            id=text_path.stem,
            language=expected.get("language"),
            settings=settings,
        )
        failed = {r.id: r.problems for r in check_article(article, expected) if r.level == "must" and not r.passed}
        assert not failed, f"{text_path.name}: {failed}"
