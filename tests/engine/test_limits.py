"""Every document bounded: a hung or failing one is stopped, reported and skipped; each input yields once."""

from __future__ import annotations

import time

import pytest

import selon.engine_run as engine_run
from selon.errors import DocumentLimitError
from selon.ingest import RawDocument, Skipped
from selon.model import Article

pytestmark = pytest.mark.slow

_TEXTS = {
    "a": "The senator said the vote was fair.",
    "b": "The mayor said the road would be closed on Monday.",
    "c": "Officials said the bridge was safe, according to the report.",
    "d": "The minister said the budget would grow by 3 percent.",
}


def _docs(*names: str) -> list[RawDocument]:
    return [RawDocument(id=n, text=_TEXTS[n], origin=n) for n in names]


def _hook(monkeypatch: pytest.MonkeyPatch, word: str, action) -> None:
    """A stage that misbehaves on documents containing ``word`` (set before the worker forks)."""
    real = engine_run.to_article

    def to_article(doc, raw, language):
        if word in raw.text:
            action()
        return real(doc, raw, language)

    monkeypatch.setattr(engine_run, "to_article", to_article)


def _hang() -> None:
    time.sleep(600)


def _fail() -> None:
    raise RuntimeError("stage broke")


def _outcome(items) -> list[tuple[str, str]]:
    return [(x.id, "article") if isinstance(x, Article) else (x.origin, "skipped") for x in items]


@pytest.mark.parametrize("isolate", [True, False])
def test_a_failing_document_in_a_batch_yields_every_input_exactly_once(settings, monkeypatch, isolate) -> None:
    import selon

    _hook(monkeypatch, "BROKEN", _fail)
    docs = [*_docs("a", "b"), RawDocument(id="x", text="The BROKEN senator said it was fair.", origin="x")]
    docs += _docs("c", "d")
    out = list(selon.analyze_documents(docs, language="en", settings=settings.override(limits_isolate=isolate)))
    assert _outcome(out) == [("a", "article"), ("b", "article"), ("x", "skipped"), ("c", "article"), ("d", "article")]
    assert "stage broke" in out[2].reason


def test_a_hung_document_is_stopped_and_skipped_and_the_batch_goes_on(settings, monkeypatch) -> None:
    import selon

    _hook(monkeypatch, "HANGS", _hang)
    limited = settings.override(limits_document_seconds=4.0)
    docs = [*_docs("a", "b"), RawDocument(id="x", text="The HANGS senator said it was fair.", origin="x")]
    docs += _docs("c", "d")
    started = time.monotonic()
    out = list(selon.analyze_documents(docs, language="en", settings=limited))
    assert time.monotonic() - started < 120
    assert sorted(_outcome(out)) == sorted(
        [("a", "article"), ("b", "article"), ("x", "skipped"), ("c", "article"), ("d", "article")]
    )
    skipped = next(x for x in out if isinstance(x, Skipped))
    assert "stopped after 4 s" in skipped.reason and "document_seconds" in skipped.reason


def test_analyze_raises_a_limit_error_on_a_hung_document(settings, monkeypatch) -> None:
    import selon
    from selon.engine import stop_workers

    _hook(monkeypatch, "HANGS", _hang)
    stop_workers()  # the next single analysis forks a worker that has the hook
    try:
        with pytest.raises(DocumentLimitError, match="stopped after 3 s") as caught:
            selon.analyze(
                "The HANGS senator said it was fair.",
                language="en",
                settings=settings.override(limits_document_seconds=3.0),
            )
        assert caught.value.exit_code == 16
        # the worker was replaced: the next document is analysed as usual
        article = selon.analyze(_TEXTS["a"], language="en", settings=settings)
        assert [c.cue.text for c in article.claims if c.cue] == ["said"]
    finally:
        monkeypatch.undo()
        stop_workers()


def test_a_document_that_needs_too_much_memory_is_skipped(settings, monkeypatch) -> None:
    import selon

    _hook(monkeypatch, "GREEDY", lambda: bytearray(4_000_000_000))
    limited = settings.override(limits_memory_mb=500)
    docs = [*_docs("a"), RawDocument(id="x", text="The GREEDY senator said it was fair.", origin="x"), *_docs("b")]
    out = list(selon.analyze_documents(docs, language="en", settings=limited))
    assert _outcome(out) == [("a", "article"), ("x", "skipped"), ("b", "article")]
    assert "out of memory" in out[1].reason and "memory_mb" in out[1].reason


def test_an_error_inside_the_worker_reaches_analyze_as_itself(settings, monkeypatch) -> None:
    import selon
    from selon.engine import stop_workers

    _hook(monkeypatch, "BROKEN", _fail)
    stop_workers()
    try:
        with pytest.raises(RuntimeError, match="stage broke"):
            selon.analyze("The BROKEN senator said it was fair.", language="en", settings=settings)
    finally:
        monkeypatch.undo()
        stop_workers()
