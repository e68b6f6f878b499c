"""The corpus view: who said what across many articles and two languages.

One article tells who said what; the corpus tells whether a claim rests on several
independent sources or on one source relayed many times, which figures disagree, and how
a claim moved over time. Everything is derived from a selon store and kept in its corpus
tables, updated incrementally:

>>> from selon.corpus import Corpus              # doctest: +SKIP
>>> with Corpus("selon.db") as corpus:           # doctest: +SKIP
...     corpus.update()
...     for c in corpus.clusters(min_articles=2):
...         print(c["independent_sources"], c["label"])
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Any

from selon.corpus.aliases import AliasTable, load_aliases
from selon.corpus.embed import Embedder, default_embedder
from selon.corpus.update import Progress, UpdateReport
from selon.errors import NotFoundError
from selon.store import Store

__all__ = ["Corpus", "NotFoundError", "UpdateReport", "update"]


class Corpus:
    """The corpus view of one store; ``update()`` first, then the read methods."""

    def __init__(
        self,
        store: Store | str | Path,
        *,
        aliases: AliasTable | None = None,
        alias_paths: list[str | Path] | None = None,
        embedder: Embedder | None = None,
    ) -> None:
        self._own = not isinstance(store, Store)
        self.store: Store = store if isinstance(store, Store) else Store(store)
        self.aliases = aliases or load_aliases(alias_paths)
        self._embedder = embedder

    def __enter__(self) -> Corpus:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._own:
            self.store.close()

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = default_embedder()
        return self._embedder

    def update(self, progress: Progress | None = None) -> UpdateReport:
        """Take in new or changed documents; only the clusters they touch are recomputed."""
        from selon.corpus.update import update as run_update

        return run_update(self.store, self.aliases, self.embedder, progress)

    def sources(self, *, limit: int | None = None, min_claims: int = 1) -> list[dict[str, Any]]:
        from selon.corpus.views import list_sources

        return list_sources(self.store.conn, limit=limit, min_claims=min_claims)

    def explain(self, name: str) -> list[dict[str, Any]]:
        """Why the mentions of a source were joined: each piece of evidence with its article."""
        from selon.corpus.views import explain

        return explain(self.store.conn, name)

    def clusters(
        self,
        *,
        min_articles: int = 2,
        limit: int | None = None,
        single_source: bool | None = None,
        claims_per_cluster: int | None = None,
    ) -> list[dict[str, Any]]:
        from selon.corpus.views import list_clusters

        return list_clusters(
            self.store.conn,
            min_articles=min_articles,
            limit=limit,
            single_source=single_source,
            claims_per_cluster=claims_per_cluster,
        )

    def cluster(self, cid: int) -> dict[str, Any]:
        """One cluster with all its claims (:class:`NotFoundError` when there is none)."""
        from selon.corpus.views import get_cluster

        return get_cluster(self.store.conn, cid)

    def source(self, sid: str, *, limit: int = 200, offset: int = 0) -> dict[str, Any]:
        """One canonical source by id: names, why joined, roles, outlets, a page of its claims."""
        from selon.corpus.views import get_source

        return get_source(self.store.conn, sid, limit=limit, offset=offset)

    def pending(self) -> bool:
        """Whether documents of the store are not in the corpus tables yet (or changed since)."""
        from selon.corpus.update import pending_documents

        return bool(pending_documents(self.store.conn))

    def cluster_of(self, doc_id: str, claim_id: str) -> int | None:
        from selon.corpus.views import cluster_of

        return cluster_of(self.store.conn, doc_id, claim_id)

    def conflicts(self, *, tolerance: float | None = None, unit: str | None = None) -> list[dict[str, Any]]:
        from selon.corpus.conflicts import TOLERANCE, find_conflicts

        return find_conflicts(self.store.conn, tolerance=TOLERANCE if tolerance is None else tolerance, unit=unit)

    def timeline(self, query: str, *, limit: int = 500) -> dict[str, Any]:
        from selon.corpus.timeline import timeline

        return timeline(self.store.conn, query, limit=limit)

    def export(self, path: str | Path, fmt: str, table: str = "claims") -> int:
        from selon.corpus.export import export

        return export(self.store.conn, path, fmt, table)

    def stats(self) -> dict[str, int]:
        from selon.corpus.views import stats

        return stats(self.store.conn)


def update(
    store: Store | str | Path,
    *,
    alias_paths: list[str | Path] | None = None,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
) -> UpdateReport:
    """Bring the corpus tables of ``store`` up to date (see :class:`Corpus`)."""
    corpus = Corpus(store, alias_paths=alias_paths, embedder=embedder)
    try:
        return corpus.update(progress)
    finally:
        corpus.close()
