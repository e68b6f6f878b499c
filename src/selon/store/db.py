"""The SQLite store of analysed documents.

``article_json`` keeps each :class:`~selon.model.Article` exactly as analysed, so reading a
document back never depends on how the columns flatten it; the claim, entity and figure
tables exist so that the CLI, the API and ad-hoc SQL can filter without parsing JSON.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, cast, get_args

from pydantic import ValidationError

from selon.errors import StoreError, UsageError
from selon.model import Article, Certainty
from selon.store.engine import PgConnection, is_url, mask
from selon.store.migrate import applied_version, load_migrations, migrate
from selon.store.rows import claim_row, entity_row, figure_row
from selon.store.search import DocumentFilter, facets, index_document, index_missing, search_claims, search_documents
from selon.store.sql import fetch_dicts, table_names, transaction, utc_now

SaveResult = Literal["added", "unchanged", "updated"]

CERTAINTIES: tuple[str, ...] = get_args(Certainty)
#: Seconds a connection waits for another's write lock before reporting the database busy.
BUSY_TIMEOUT = 30.0


def content_hash(article_json: str) -> str:
    """What decides whether a re-ingested document changed."""
    return hashlib.sha256(article_json.encode("utf-8")).hexdigest()


def _contains(haystack: str | None, needle: str | None) -> bool:
    """Unicode-aware case-insensitive substring test (SQLite's LIKE folds ASCII only)."""
    if haystack is None or needle is None:
        return False
    return needle.casefold() in haystack.casefold()


class Store:
    """One SQLite database of analysed documents; opening it applies pending migrations.

    The database is in WAL mode, so readers never wait for a writer nor fail while one writes,
    and every write is one short ``BEGIN IMMEDIATE`` transaction (one document at a time); a
    second writer waits for the lock up to :data:`BUSY_TIMEOUT` seconds instead of failing.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        #: The store's name in messages (a PostgreSQL URL without its password).
        self.label = mask(self.path)
        #: ``"sqlite"`` or ``"postgresql"``.
        self.engine = "postgresql" if is_url(self.path) else "sqlite"
        self._conn: sqlite3.Connection | None = None
        #: (document id, outcome) of the last save that reached its COMMIT: a Ctrl-C landing just after the
        #: commit (before save returns) can still be counted, once :meth:`has_version` confirms it.
        self.last_commit: tuple[str, str] | None = None
        if self.engine == "postgresql":
            self._conn = self._open_postgres()
            return
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT)
        except sqlite3.Error as exc:
            raise StoreError(
                f"cannot open database {self.label}: {exc}; check that its folder exists "
                "and is writable, or pass another --db"
            ) from exc
        try:
            self._open(conn)
        except BaseException:
            conn.close()
            raise
        self._conn = conn

    def _open_postgres(self) -> sqlite3.Connection:
        """A PostgreSQL store: the same checks and migrations, through :class:`~selon.store.engine.PgConnection`."""
        pg = PgConnection(self.path)
        try:
            conn = cast(sqlite3.Connection, pg)  # the subset of sqlite3.Connection selon uses
            tables = table_names(conn)
            if tables and "schema_migrations" not in tables:
                shown = ", ".join(sorted(tables)[:5])
                raise StoreError(
                    f"{self.label} is not a selon database: it holds other tables ({shown}) "
                    "and no schema_migrations; pass another --db"
                )
            migrate(conn, load_migrations("postgresql"), self.label)
            index_missing(conn)
        except sqlite3.Error as exc:
            pg.close()
            raise StoreError(f"cannot open database {self.label}: {exc}; pass another --db") from exc
        except BaseException:
            pg.close()
            raise
        return conn

    def _open(self, conn: sqlite3.Connection) -> None:
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables and "schema_migrations" not in tables:
                shown = ", ".join(sorted(tables)[:5])
                raise StoreError(
                    f"{self.label} is not a selon database: it holds other tables ({shown}) "
                    "and no schema_migrations; pass another --db"
                )
            migrations = load_migrations()
            if applied_version(conn) <= migrations[-1].version and self.path != ":memory:" and _wal(conn):
                conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn, migrations, self.path)
            conn.create_function("selon_contains", 2, _contains, deterministic=True)
        except sqlite3.DatabaseError as exc:
            if getattr(exc, "sqlite_errorname", "") == "SQLITE_NOTADB":
                raise StoreError(f"{self.label} is not a selon database: {exc}; pass another --db") from exc
            raise StoreError(f"cannot open database {self.label}: {exc}; pass another --db") from exc

    # -- lifecycle -----------------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the file; safe to call twice."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    @property
    def conn(self) -> sqlite3.Connection:
        """The open connection, for read-only SQL beyond this API."""
        if self._conn is None:
            raise StoreError(f"the store {self.label} is closed")
        return self._conn

    @property
    def schema_version(self) -> int:
        return applied_version(self.conn)

    # -- writing -------------------------------------------------------------------------------

    def save(self, article: Article, *, origin: str = "") -> SaveResult:
        """Store one analysed document; re-saving the same analysis writes nothing.

        Everything for the document happens in one transaction, so an interrupted save
        leaves the previous version (or nothing) rather than half of each.
        """
        conn = self.conn
        article_json = article.model_dump_json()
        digest = content_hash(article_json)
        _check_ids(article)
        try:
            with transaction(conn):
                row = conn.execute("SELECT content_hash FROM documents WHERE id = ?", (article.id,)).fetchone()
                if row is not None and row[0] == digest:
                    return "unchanged"
                if row is not None:
                    conn.execute("DELETE FROM documents WHERE id = ?", (article.id,))
                self._insert_document(article, article_json, digest, origin)
                self._insert_claims(article)
                self._insert_entities(article)
                self._insert_figures(article)
                if self.engine == "postgresql":
                    index_document(conn, article.id, article.title, article.text)
                self.last_commit = (article.id, "added" if row is None else "updated")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot save document {article.id} to {self.label}: {exc}") from exc
        return "added" if row is None else "updated"

    def save_many(self, articles: Iterable[Article], *, origin: str = "") -> dict[str, int]:
        """Save each document in its own transaction; count the outcomes."""
        counts = {"added": 0, "unchanged": 0, "updated": 0}
        for article in articles:
            counts[self.save(article, origin=origin)] += 1
        return counts

    def record_skip(self, origin: str, reason: str) -> None:
        """Remember an input that could not be analysed; the latest reason per origin wins."""
        try:
            with transaction(self.conn):
                self.conn.execute(
                    "INSERT INTO skips (origin, reason, at) VALUES (?, ?, ?) "
                    "ON CONFLICT (origin) DO UPDATE SET reason = excluded.reason, at = excluded.at",
                    (origin, reason, utc_now()),
                )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot record skipped input {origin} in {self.label}: {exc}") from exc

    def _insert_document(self, article: Article, article_json: str, digest: str, origin: str) -> None:
        self.conn.execute(
            "INSERT INTO documents (id, content_hash, schema_version, language, title, outlet, url, published, "
            "text, origin, ingested_at, article_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                digest,
                article.schema_version,
                article.language,
                article.title,
                article.outlet,
                article.url,
                article.published,
                article.text,
                origin,
                utc_now(),
                article_json,
            ),
        )

    def _insert_claims(self, article: Article) -> None:
        self.conn.executemany(
            "INSERT INTO claims (doc_id, claim_id, seq, content_start, content_end, content_text, source_name, "
            "source_kind, source_text, source_start, source_end, source_role, source_org, source_orgs, "
            "source_inherited, cue_text, cue_start, cue_end, certainty, certainty_cues, channel, quote, "
            "sentence_start, sentence_end) VALUES (" + ", ".join("?" * 24) + ")",
            [claim_row(article.id, seq, claim) for seq, claim in enumerate(article.claims)],
        )

    def _insert_entities(self, article: Article) -> None:
        self.conn.executemany(
            'INSERT INTO entities (doc_id, seq, "start", "end", text, kind, name, entity_id) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [entity_row(article.id, seq, e) for seq, e in enumerate(article.entities)],
        )

    def _insert_figures(self, article: Article) -> None:
        rows = [figure_row(article.id, None, seq, f) for seq, f in enumerate(article.quantities)]
        for claim in article.claims:
            rows.extend(figure_row(article.id, claim.id, seq, f) for seq, f in enumerate(claim.quantities))
        self.conn.executemany(
            'INSERT INTO figures (doc_id, claim_id, seq, "start", "end", text, value, value_max, unit, '
            "unit_mention, per, approximate, bound, kind, time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    # -- reading -------------------------------------------------------------------------------

    def get(self, doc_id: str) -> Article | None:
        """The document exactly as it was saved, or None."""
        found = self.get_version(doc_id)
        return None if found is None else found[0]

    def has_version(self, article: Article) -> bool:
        """Whether the store holds exactly this analysis of the document."""
        found = self._query("SELECT content_hash FROM documents WHERE id = ?", (article.id,))
        return bool(found) and found[0]["content_hash"] == content_hash(article.model_dump_json())

    def get_version(self, doc_id: str) -> tuple[Article, str] | None:
        """The document and its content hash, read together (one statement: the same version of both), or None.

        A reader that records which version it took in (the corpus) must not pair one version's
        hash with another's content while an ingest re-saves the document.
        """
        row = self._query("SELECT article_json, content_hash FROM documents WHERE id = ?", (doc_id,))
        if not row:
            return None
        try:
            return Article.model_validate_json(row[0]["article_json"]), str(row[0]["content_hash"])
        except ValidationError as exc:
            raise StoreError(
                f"document {doc_id} in {self.label} does not match this selon's model: "
                f"{exc.error_count()} error(s); re-ingest it"
            ) from exc

    def has_url(self, url: str) -> bool:
        """Whether a document of this URL is stored: a feed's or sitemap's article seen before is not fetched again."""
        return bool(self._query("SELECT 1 AS found FROM documents WHERE url = ? LIMIT 1", (url,)))

    def claims(
        self,
        *,
        source: str | None = None,
        certainty: str | None = None,
        language: str | None = None,
        document: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Claims as flat rows, ordered by document then position in the text.

        ``source`` matches, case-insensitively, part of the source's canonical name or of
        its mention in the text; ``offset`` skips that many rows first (pages of a list).
        """
        where, params = _claim_filter(source, certainty, language, document)
        sql = _CLAIMS_SELECT + where + " ORDER BY c.doc_id, c.content_start, c.seq"
        if limit is not None or offset:
            if limit is not None and limit < 0:
                raise UsageError(f"limit must be 0 or more, not {limit}: pass --limit N with N >= 0")
            sql += " LIMIT ? OFFSET ?"
            params += [-1 if limit is None else limit, max(offset, 0)]
        rows = self._query(sql, params)
        for row in rows:
            row["source_inherited"] = bool(row["source_inherited"])
            row["quote"] = bool(row["quote"])
        return rows

    def claims_page(
        self,
        *,
        source: str | None = None,
        certainty: str | None = None,
        language: str | None = None,
        document: str | None = None,
        limit: int,
        offset: int = 0,
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of :meth:`claims` and the total: with a source filter (matched in Python, a pass over
        every claim) from that one pass; else two indexed queries (the page stops early, the count is cheap)."""
        if not source:
            rows = self.claims(certainty=certainty, language=language, document=document, limit=limit, offset=offset)
            return rows, self.count_claims(certainty=certainty, language=language, document=document)
        where, params = _claim_filter(source, certainty, language, document)
        sql = (
            "WITH page AS (SELECT c.doc_id, c.claim_id, COUNT(*) OVER () AS total_rows "
            f"FROM claims c{where} "
            "ORDER BY c.doc_id, c.content_start, c.seq LIMIT ? OFFSET ?) "
            f"SELECT {_CLAIM_COLUMNS}, page.total_rows FROM page JOIN claims c USING (doc_id, claim_id) "
            "JOIN documents d ON d.id = c.doc_id ORDER BY c.doc_id, c.content_start, c.seq"
        )
        rows = self._query(sql, [*params, limit, max(offset, 0)])
        total = (
            int(rows[0]["total_rows"])
            if rows
            else self.count_claims(source=source, certainty=certainty, language=language, document=document)
        )
        for row in rows:
            del row["total_rows"]
            row["source_inherited"] = bool(row["source_inherited"])
            row["quote"] = bool(row["quote"])
        return rows, total

    def count_claims(
        self,
        *,
        source: str | None = None,
        certainty: str | None = None,
        language: str | None = None,
        document: str | None = None,
    ) -> int:
        """How many claims :meth:`claims` lists with the same filters (the total of a paged list)."""
        where, params = _claim_filter(source, certainty, language, document)
        rows = self._query("SELECT COUNT(*) AS n FROM claims c" + where, params)
        return int(rows[0]["n"])

    def search(self, flt: DocumentFilter, *, limit: int, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """One page of the documents matching ``flt`` and their total (see :mod:`selon.store.search`)."""
        try:
            return search_documents(self.conn, flt, limit=limit, offset=offset)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot search {self.label}: {exc}") from exc

    def search_claims(self, flt: DocumentFilter, *, limit: int, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """One page of the claims with the words, in the documents matching ``flt``, and their total."""
        try:
            return search_claims(self.conn, flt, limit=limit, offset=offset)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot search {self.label}: {exc}") from exc

    def facets(self, flt: DocumentFilter) -> dict[str, list[dict[str, Any]]]:
        """Counts of the documents matching ``flt`` by language, outlet, month, claim certainty, source kind."""
        try:
            return facets(self.conn, flt)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot search {self.label}: {exc}") from exc

    def documents(self) -> list[dict[str, Any]]:
        """One row per stored document with its number of claims, ordered by id."""
        return self._query(
            "SELECT d.id, d.title, d.language, d.outlet, d.url, d.published, d.origin, d.ingested_at, "
            "(SELECT COUNT(*) FROM claims c WHERE c.doc_id = d.id) AS claims "
            "FROM documents d ORDER BY d.id"
        )

    def skips(self) -> list[dict[str, Any]]:
        """Inputs that could not be analysed, most recent first."""
        return self._query("SELECT origin, reason, at FROM skips ORDER BY at DESC, origin")

    def stats(self) -> dict[str, Any]:
        """Counts for a summary line: documents, claims, skips, and claims by certainty and language."""

        def count(table: str) -> int:
            return int(self._query(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"])

        by_certainty = {name: 0 for name in CERTAINTIES}
        for row in self._query("SELECT certainty, COUNT(*) AS n FROM claims GROUP BY certainty"):
            by_certainty[row["certainty"]] = row["n"]
        by_language = {
            row["language"]: row["n"]
            for row in self._query("SELECT language, COUNT(*) AS n FROM documents GROUP BY language ORDER BY language")
        }
        return {
            "documents": count("documents"),
            "claims": count("claims"),
            "entities": count("entities"),
            "figures": count("figures"),
            "skips": count("skips"),
            "by_certainty": by_certainty,
            "documents_by_language": by_language,
        }

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        try:
            return fetch_dicts(self.conn, sql, tuple(params))
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read {self.label}: {exc}") from exc


def _wal(conn: sqlite3.Connection) -> bool:
    """Put the database in WAL mode (once for good: the mode is stored in the file); whether it is.

    Switching modes needs the database to itself, and SQLite reports "database is locked" at
    once rather than wait when another process opens the same new database at that moment (two
    ingests started together): so wait here, up to :data:`BUSY_TIMEOUT`, as any other lock waits.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT
    pause = 0.01
    while True:
        try:
            mode = conn.execute("PRAGMA journal_mode").fetchone()
            if mode and str(mode[0]).lower() == "wal":
                return True
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
            return bool(mode) and str(mode[0]).lower() == "wal"
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


_CLAIM_COLUMNS = (
    "c.doc_id, c.claim_id, d.language, d.title, c.content_start, c.content_end, c.content_text, "
    "c.certainty, c.source_name, c.source_kind, c.source_text, c.source_role, c.source_org, "
    "c.source_inherited, c.cue_text, c.channel, c.quote, "
    "(SELECT COUNT(*) FROM figures f WHERE f.doc_id = c.doc_id AND f.claim_id = c.claim_id) AS figures"
)
_CLAIMS_SELECT = f"SELECT {_CLAIM_COLUMNS} FROM claims c JOIN documents d ON d.id = c.doc_id"


def _claim_filter(
    source: str | None, certainty: str | None, language: str | None, document: str | None
) -> tuple[str, list[Any]]:
    """The WHERE clause of a claims listing (over ``claims c`` joined to ``documents d``)."""
    where: list[str] = []
    params: list[Any] = []
    if source:
        where.append("(selon_contains(c.source_name, ?) OR selon_contains(c.source_text, ?))")
        params += [source, source]
    if certainty:
        value = certainty.strip().lower()
        if value not in CERTAINTIES:
            raise UsageError(f"unknown certainty {certainty!r}: pass --certainty with one of {', '.join(CERTAINTIES)}")
        where.append("c.certainty = ?")
        params.append(value)
    if language:  # through the language index: no read of the (large) document rows
        where.append("c.doc_id IN (SELECT id FROM documents WHERE language = ?)")
        params.append(language.strip().lower())
    if document:
        where.append("c.doc_id = ?")
        params.append(document)
    return (" WHERE " + " AND ".join(where) if where else ""), params


def _check_ids(article: Article) -> None:
    """Claim ids key the claims table; say which one repeats rather than report a constraint name."""
    seen: set[str] = set()
    for claim in article.claims:
        if claim.id in seen:
            raise StoreError(f"document {article.id} has two claims with id {claim.id!r}; cannot store it")
        seen.add(claim.id)
