"""Finding documents and claims in the store: words (FTS5), outlet, language, dates, source; facet counts.

The REST API and the search page read through these, as the CLI reads through
:meth:`selon.store.Store.claims`: one place that turns filters into SQL, with every value
bound as a parameter and the words quoted for FTS5, so no input is ever read as SQL or as
FTS5 syntax.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

from selon.store.engine import engine_of
from selon.store.sql import execute, fetch_all, fetch_dicts, fetch_value, transaction

_WORD = re.compile(r"\w+", re.UNICODE)
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
#: Facets counted over the matching documents, each a column of ``documents`` or of ``claims``.
FACETS = ("language", "outlet", "published", "certainty", "source_kind")


def fold_words(text: str) -> list[str]:
    """The words of a text as FTS5's ``unicode61 remove_diacritics 2`` tokenizer indexes them: runs of
    letters and digits, lower-cased, accents removed (the PostgreSQL store's search index)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _TOKEN.findall(unicodedata.normalize("NFC", bare))


def index_document(conn: Any, doc_id: str, title: str | None, text: str) -> None:
    """Write one document's words into the PostgreSQL search index (inside the save's transaction)."""
    words = sorted(set(fold_words(f"{title or ''} {text}")))
    execute(conn, "DELETE FROM documents_search WHERE doc_id = ?", (doc_id,))
    execute(conn, "INSERT INTO documents_search (doc_id, words) VALUES (?, ?)", (doc_id, words))


def index_missing(conn: Any) -> int:
    """Index the documents the PostgreSQL search index lacks (written by ad-hoc SQL); how many."""
    missing = fetch_all(
        conn,
        "SELECT d.id, d.title, d.text FROM documents d LEFT JOIN documents_search s ON s.doc_id = d.id "
        "WHERE s.doc_id IS NULL ORDER BY d.id",
    )
    for doc_id, title, text in missing:
        with transaction(conn):
            index_document(conn, doc_id, title, text)
    return len(missing)


def fts_query(words: str) -> str | None:
    """The words as an FTS5 query: each one quoted (so none is an operator), all required; None if no word."""
    terms = _WORD.findall(words)
    return " AND ".join(f'"{t}"' for t in terms[:32]) or None


@dataclass(frozen=True)
class DocumentFilter:
    """What a document search asks for; every field is optional."""

    words: str | None = None
    outlet: str | None = None
    language: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    source: str | None = None
    certainty: str | None = None
    source_kind: str | None = None

    def where(self, engine: str = "sqlite") -> tuple[str, list[Any]]:
        """The WHERE clause over ``documents d`` and its parameters (the words' clause is the engine's)."""
        clauses: list[str] = []
        params: list[Any] = []
        query = fts_query(self.words or "")
        if self.words and query is None:
            clauses.append("1 = 0")  # words given, none searchable (punctuation only): nothing matches
        if query and engine == "postgresql":
            clauses.append("d.id IN (SELECT doc_id FROM documents_search WHERE words @> CAST(? AS TEXT[]))")
            params.append(sorted(set(fold_words(" ".join(_WORD.findall(self.words or "")[:32])))))
        elif query:
            clauses.append(
                "d.id IN (SELECT s.doc_id FROM documents_fts f JOIN documents_search s ON s.fts_rowid = f.rowid "
                "WHERE documents_fts MATCH ?)"
            )
            params.append(query)
        if self.outlet:
            clauses.append("d.outlet = ?")
            params.append(self.outlet)
        if self.language:
            clauses.append("d.language = ?")
            params.append(self.language.strip().lower())
        if self.date_from:
            clauses.append("d.published >= ?")
            params.append(self.date_from)
        if self.date_to:
            clauses.append("substr(d.published, 1, ?) <= ?")
            params += [len(self.date_to), self.date_to]
        claim: list[str] = []
        if self.source:
            claim.append("(selon_contains(c.source_name, ?) OR selon_contains(c.source_text, ?))")
            params += [self.source, self.source]
        if self.certainty:
            claim.append("c.certainty = ?")
            params.append(self.certainty)
        if self.source_kind:
            claim.append("c.source_kind = ?")
            params.append(self.source_kind)
        if claim:
            clauses.append("EXISTS (SELECT 1 FROM claims c WHERE c.doc_id = d.id AND " + " AND ".join(claim) + ")")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def search_documents(
    conn: sqlite3.Connection, flt: DocumentFilter, *, limit: int, offset: int = 0
) -> tuple[list[dict[str, Any]], int]:
    """One page of matching documents (newest first, undated last) and how many match in all."""
    where, params = flt.where(engine_of(conn))
    total = int(fetch_value(conn, f"SELECT COUNT(*) FROM documents d{where}", params) or 0)
    rows = fetch_dicts(
        conn,
        "SELECT d.id, d.title, d.language, d.outlet, d.url, d.published, d.ingested_at, "
        "(SELECT COUNT(*) FROM claims c WHERE c.doc_id = d.id) AS claims "
        f"FROM documents d{where} ORDER BY d.published IS NULL, d.published DESC, d.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return rows, total


def search_claims(
    conn: sqlite3.Connection, flt: DocumentFilter, *, limit: int, offset: int = 0
) -> tuple[list[dict[str, Any]], int]:
    """One page of the claims of the matching documents that have the words and the claim filters
    (source, certainty, source kind), in document order, and their total."""
    where, params = flt.where(engine_of(conn))
    claim: list[str] = [f"c.doc_id IN (SELECT d.id FROM documents d{where})"]
    for word in _WORD.findall(flt.words or "")[:8]:
        claim.append("selon_contains(c.content_text, ?)")
        params.append(word)
    if flt.source:
        claim.append("(selon_contains(c.source_name, ?) OR selon_contains(c.source_text, ?))")
        params += [flt.source, flt.source]
    for column in ("certainty", "source_kind"):
        if getattr(flt, column):
            claim.append(f"c.{column} = ?")
            params.append(getattr(flt, column))
    cond = " WHERE " + " AND ".join(claim)
    total = int(fetch_value(conn, f"SELECT COUNT(*) FROM claims c{cond}", params) or 0)
    rows = fetch_dicts(
        conn,
        "SELECT c.doc_id, c.claim_id, d.language, d.title, d.outlet, d.published, c.content_text, c.certainty, "
        "c.source_name, c.source_kind, c.source_text, c.cue_text FROM claims c JOIN documents d ON d.id = c.doc_id"
        f"{cond} ORDER BY d.published IS NULL, d.published DESC, c.doc_id, c.content_start LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return rows, total


def facets(conn: sqlite3.Connection, flt: DocumentFilter, *, top: int = 20) -> dict[str, list[dict[str, Any]]]:
    """Counts of the matching documents by language, outlet and year-month, and of their claims by
    certainty and source kind: what a search page shows beside its results.

    The matching documents are found once (their id, language, outlet and date only: never their
    text), then counted; their claims are counted by document id.
    """
    where, params = flt.where(engine_of(conn))
    rows = fetch_all(
        conn, f"SELECT d.id, d.language, d.outlet, substr(d.published, 1, 7) FROM documents d{where}", params
    )
    out: dict[str, list[dict[str, Any]]] = {}
    for name, column in (("language", 1), ("outlet", 2), ("published", 3)):
        counts = Counter(r[column] for r in rows if r[column] is not None)
        ordered = sorted(counts.items(), key=(lambda kv: kv[0]) if name == "published" else lambda kv: (-kv[1], kv[0]))
        if name == "published":
            ordered.reverse()
        out[name] = [{"value": v, "count": n} for v, n in ordered[:top]]
    ids = None if not where else json.dumps([r[0] for r in rows])
    for name in ("certainty", "source_kind"):
        within = "" if ids is None else "c.doc_id IN (SELECT value FROM json_each(?)) AND "
        out[name] = fetch_dicts(
            conn,
            f"SELECT c.{name} AS value, COUNT(*) AS count FROM claims c WHERE {within}c.{name} IS NOT NULL "
            "GROUP BY value ORDER BY count DESC, value LIMIT ?",
            ([ids] if ids is not None else []) + [top],
        )
    return out
