"""What the server keeps between requests: its settings, one store connection per worker thread,
the corpus tables kept up to date with the store.

SQLite connections belong to the thread that opened them, and the server answers from a pool
of threads, so each thread opens its own :class:`~selon.store.Store` once and keeps it. The
corpus update (clusters, canonical sources) runs at most every ``[serve]
corpus_refresh_seconds``, one at a time, only when the store has documents the corpus has
not taken in, in a thread of its own (requests never wait for it): documents ingested while
the server runs show up without a restart.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from selon.corpus import Corpus
from selon.corpus.aliases import AliasTable, load_aliases
from selon.corpus.embed import Embedder
from selon.errors import AccessDeniedError
from selon.settings import Settings
from selon.store import Store, require_database
from selon.store.sql import fetch_one

log = logging.getLogger("selon.api")
#: Corpus views kept (each a whole list: sources, clusters with given filters, conflicts, a timeline).
CACHE_SIZE = 32
#: What changes whenever the corpus tables do: documents taken in (and when), clusters, source keys.
_STAMP = (
    "SELECT (SELECT COUNT(*) FROM corpus_documents), (SELECT MAX(processed_at) FROM corpus_documents), "
    "(SELECT COUNT(*) FROM corpus_clusters), (SELECT MAX(id) FROM corpus_clusters), "
    "(SELECT COUNT(*) FROM corpus_source_keys), (SELECT COUNT(*) FROM corpus_claims)"
)


class AppState:
    """The server's settings and its per-thread stores; built once by :func:`selon.api.create_app`."""

    def __init__(self, settings: Settings, db: str | Path, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.db = str(require_database(db))
        self._local = threading.local()
        self._stores: list[Store] = []
        self._stores_lock = threading.Lock()
        self._cache: OrderedDict[tuple[str, tuple[Any, ...]], tuple[Any, Any]] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._refresher: threading.Thread | None = None
        self._stop = threading.Event()
        self._aliases: AliasTable | None = None
        self._embedder = embedder

    # -- stores -----------------------------------------------------------------------------------

    def store(self) -> Store:
        """This thread's store, opened on first use (migrating the database if it is older)."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.db)
            self._local.store = store
            with self._stores_lock:
                self._stores.append(store)
        return store

    def close(self) -> None:
        """Close every store the threads opened (at shutdown; a thread of the pool may still hold one)."""
        with self._stores_lock:
            stores, self._stores = self._stores, []
        for store in stores:
            with contextlib.suppress(Exception):  # another thread's connection: closing it may be refused
                store.close()

    # -- the corpus ---------------------------------------------------------------------------------

    def corpus(self) -> Corpus:
        """The corpus view over this thread's store, as the refresher last left it (never waited for)."""
        if self._aliases is None:
            self._aliases = load_aliases(None)
        return Corpus(self.store(), aliases=self._aliases, embedder=self._embedder)

    def start_refresher(self) -> None:
        """Keep the corpus tables up to date in a background thread, so that no request waits for an update."""
        if self._refresher is not None:
            return
        self._stop.clear()
        self._refresher = threading.Thread(target=self._refresh_loop, name="selon-corpus-refresh", daemon=True)
        self._refresher.start()

    def stop_refresher(self) -> None:
        """Stop the refresher (it finishes the update it is in, if any)."""
        self._stop.set()
        if self._refresher is not None:
            self._refresher.join(timeout=60)
            self._refresher = None

    def _refresh_loop(self) -> None:
        if self.settings.serve_corpus_refresh_seconds <= 0:  # no refresh: only the views of the corpus as it is
            with contextlib.suppress(Exception):
                self.warm()
            return
        warm = True
        while not self._stop.is_set():
            try:
                if self.refresh_corpus() or warm:
                    self.warm()
                    warm = False
            except Exception:  # reported in the log; the pages show the corpus as it was
                log.exception("corpus update failed; retrying in %s s", self.settings.serve_corpus_refresh_seconds)
            self._stop.wait(self.settings.serve_corpus_refresh_seconds)

    def warm(self) -> None:
        """Compute the default corpus views now (at start and after each update), so no reader waits for them."""
        self.corpus_view("sources", lambda c: c.sources())
        self.corpus_view("clusters", lambda c: c.clusters(min_articles=2, claims_per_cluster=20), 2, None)
        self.corpus_view("conflicts", lambda c: c.conflicts(tolerance=0.10, unit=None), 0.10, None)

    def refresh_corpus(self) -> bool:
        """Take in the documents the corpus has not seen yet; whether there were any."""
        corpus = self.corpus()
        if not corpus.pending():
            return False
        corpus.update()
        self._embedder = corpus.embedder  # loaded once, kept for the next update
        return True

    def corpus_view(self, name: str, compute: Callable[[Corpus], Any], *key: Any) -> Any:
        """A whole corpus view (all sources, clusters, conflicts…), computed once per state of the corpus tables.

        The views are computed whole and then paged; recomputing one per page of a large corpus would
        take seconds. The state is read from the corpus tables on each call (cheap), so an update by
        this server's refresher or by any other process shows at once.
        """
        corpus = self.corpus()
        stamp = fetch_one(corpus.store.conn, _STAMP)
        wanted = (name, key)
        with self._cache_lock:
            hit = self._cache.get(wanted)
            if hit is not None and hit[0] == stamp:
                self._cache.move_to_end(wanted)
                return hit[1]
        value = compute(corpus)
        with self._cache_lock:
            self._cache[wanted] = (stamp, value)
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return value

    # -- writes -------------------------------------------------------------------------------------

    @property
    def writable(self) -> bool:
        """Whether analysing or storing over HTTP is on: a token is set."""
        return bool(self.settings.serve_token)

    def check_token(self, header: str | None) -> None:
        """Refuse a write unless ``Authorization: Bearer TOKEN`` carries the configured token."""
        if not self.writable:
            raise AccessDeniedError(
                "this server is read-only: analysing or storing documents over HTTP needs a token; "
                "set [serve] token in a settings file or SELON_SERVE_TOKEN and restart selon serve"
            )
        scheme, _, given = (header or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip(), self.settings.serve_token):
            raise AccessDeniedError("missing or wrong token: send the header 'Authorization: Bearer TOKEN'")

    def info(self) -> dict[str, Any]:
        """What the health endpoint reports."""
        from selon import __version__

        stats = self.store().stats()
        return {
            "status": "ok",
            "version": __version__,
            "documents": stats["documents"],
            "claims": stats["claims"],
            "writable": self.writable,
        }
