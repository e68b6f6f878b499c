"""The second store engine: PostgreSQL behind the subset of :class:`sqlite3.Connection` selon uses.

Every statement of selon is written once, in SQLite's dialect; :class:`PgConnection` translates
each one (once, cached) into PostgreSQL's: ``?`` placeholders, ``INSERT OR IGNORE`` / ``OR
REPLACE``, ``GROUP_CONCAT``, ``json_each``, ``BEGIN IMMEDIATE`` and SQLite's NULL ordering (NULLs
first in ascending order), and returns the values SQLite would (ints for booleans and integral
numerics, ``bytes`` for BYTEA). Its errors are raised as :mod:`sqlite3` errors, so every caller's
``except sqlite3.Error`` keeps turning them into domain errors.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from selon.errors import StoreError, StoreUnreachableError

#: The advisory lock every writing transaction takes: writers are serialised as SQLite's are.
WRITE_LOCK = 0x5E10_0001
#: The advisory lock of the corpus update (:func:`selon.corpus.update.one_at_a_time`).
CORPUS_LOCK = 0x5E10_0002

_TOKEN = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|\w+|\s+|.", re.DOTALL)
_END_ORDER = {"LIMIT", "OFFSET", "UNION", "EXCEPT", "INTERSECT", "WINDOW"}


def is_url(where: object) -> bool:
    """Whether a ``--db`` value names a PostgreSQL database rather than a SQLite file."""
    return str(where).startswith(("postgresql://", "postgres://"))


def mask(where: object) -> str:
    """The store's name for messages: a URL without its password."""
    text = str(where)
    if not is_url(text):
        return text
    parts = urlsplit(text)
    if parts.password is None:
        return text
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))


def engine_of(conn: object) -> str:
    """``"postgresql"`` or ``"sqlite"``: what a connection speaks, for the few statements that differ."""
    return "postgresql" if isinstance(conn, PgConnection) else "sqlite"


def _tokens(sql: str) -> list[str]:
    return _TOKEN.findall(sql)


def _matching(tokens: list[str], start: int) -> int:
    """Index of the ``)`` closing the ``(`` at ``start``."""
    depth = 0
    for i in range(start, len(tokens)):
        depth += tokens[i] == "("
        depth -= tokens[i] == ")"
        if depth == 0:
            return i
    raise StoreError(f"unbalanced parentheses in SQL: {''.join(tokens)[:80]!r}")


def _null_order(term: str) -> str:
    """One ORDER BY term with SQLite's NULL placement (NULLs are the smallest values)."""
    stripped = term.rstrip()
    upper = stripped.upper()
    if not stripped or "NULLS" in upper.split():
        return term
    tail = term[len(stripped) :]
    return stripped + (" NULLS LAST" if upper.endswith(" DESC") else " NULLS FIRST") + tail


def _order_by(tokens: list[str]) -> list[str]:
    """Every ORDER BY (top level, subqueries, windows) with SQLite's NULL placement made explicit."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        out.append(tokens[i])
        if tokens[i].upper() == "BY" and _previous_word(out[:-1]) == "ORDER":
            i += 1
            depth, term = 0, ""
            while i < len(tokens):
                tok = tokens[i]
                if depth == 0 and (tok == ")" or tok.upper() in _END_ORDER or tok == ";"):
                    break
                if depth == 0 and tok == ",":
                    out.append(_null_order(term) + ",")
                    term = ""
                else:
                    depth += (tok == "(") - (tok == ")")
                    term += tok
                i += 1
            out.append(_null_order(term))
            continue
        i += 1
    return out


def _previous_word(tokens: list[str]) -> str:
    for tok in reversed(tokens):
        if tok.strip():
            return tok.upper()
    return ""


def _functions(tokens: list[str]) -> list[str]:
    """SQLite's GROUP_CONCAT and json_each as PostgreSQL's string_agg and json_array_elements_text."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        name = tokens[i].upper()
        if name in ("GROUP_CONCAT", "JSON_EACH") and i + 1 < len(tokens) and tokens[i + 1] == "(":
            end = _matching(tokens, i + 1)
            inner = "".join(_functions(tokens[i + 2 : end])).strip()
            if name == "JSON_EACH":
                out.append(f"json_array_elements_text(CAST({inner} AS json))")
            else:
                out.append(_string_agg(inner))
            i = end + 1
            continue
        out.append(tokens[i])
        i += 1
    return out


_CLAUSES = {"WHERE", "GROUP", "ORDER", "LIMIT", "OFFSET", "JOIN", "LEFT", "INNER", "CROSS", "ON", "UNION"}
_CLAUSES |= {"EXCEPT", "INTERSECT", "HAVING", "WINDOW", "NATURAL", "FULL", "RIGHT"}


def _aliases(tokens: list[str]) -> list[str]:
    """A name for every subquery in FROM, which PostgreSQL (before 16) requires and SQLite does not."""
    out = list(tokens)
    count = 0
    i = 0
    while i < len(out):
        if out[i] == "(" and _previous_word(out[:i]) in ("FROM", "JOIN"):
            end = _matching(out, i)
            following = next((t for t in out[end + 1 :] if t.strip()), "")
            if not following or following in (")", ",", ";") or following.upper() in _CLAUSES:
                count += 1
                out.insert(end + 1, f" AS selon_subquery_{count}")
        i += 1
    return out


def _string_agg(inner: str) -> str:
    """GROUP_CONCAT([DISTINCT] x): the distinct values sorted, so that both engines list them alike."""
    distinct = inner.upper().startswith("DISTINCT ")
    expr = inner[len("DISTINCT ") :].strip() if distinct else inner
    value = f"CAST({expr} AS TEXT)"
    if distinct:
        return f"string_agg(DISTINCT {value}, ',' ORDER BY {value})"
    return f"string_agg({value}, ',')"


_INSERT_OR = re.compile(r"^\s*INSERT\s+OR\s+(IGNORE|REPLACE)\s+INTO\s+(\w+)\s*\(([^)]*)\)", re.IGNORECASE)


def _upsert(sql: str, keys: Callable[[str], list[str]]) -> str:
    """``INSERT OR IGNORE`` / ``OR REPLACE`` as ``INSERT … ON CONFLICT`` (the key from the catalog)."""
    match = _INSERT_OR.match(sql)
    if not match:
        return sql
    kind, table, columns = match.group(1).upper(), match.group(2), match.group(3)
    body = "INSERT INTO " + sql[match.start(2) :].rstrip().rstrip(";")
    if kind == "IGNORE":
        return body + " ON CONFLICT DO NOTHING"
    key = keys(table)
    rest = [c.strip() for c in columns.split(",") if c.strip().strip('"') not in key]
    if not rest:
        return body + f" ON CONFLICT ({', '.join(key)}) DO NOTHING"
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in rest)
    return body + f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}"


def translate(sql: str, keys: Callable[[str], list[str]], *, bound: bool) -> str:
    """A statement in SQLite's dialect as PostgreSQL's (``bound``: parameters are passed, so ``%`` is escaped)."""
    if sql.strip().upper() == "BEGIN IMMEDIATE":
        return "BEGIN"
    tokens = []
    for tok in _tokens(_upsert(sql, keys)):
        if tok == "?":
            tokens.append("%s")
        elif bound and "%" in tok:
            tokens.append(tok.replace("%", "%%"))
        else:
            tokens.append(tok)
    return "".join(_aliases(_functions(_order_by(tokens))))


_DDL = (
    (re.compile(r"\bINTEGER PRIMARY KEY\b"), "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bWITHOUT ROWID\b"), ""),
    (re.compile(r"\s+COLLATE NOCASE\b"), ""),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    (re.compile(r"\bTEXT\b(?! COLLATE)"), 'TEXT COLLATE "C"'),
)


def translate_ddl(sql: str) -> str:
    """A migration statement's types as PostgreSQL's: 64-bit integers, doubles, BYTEA, and TEXT compared
    bytewise (``COLLATE "C"``) as SQLite compares it, so that ORDER BY gives the same rows on both."""
    for pattern, replacement in _DDL:
        sql = pattern.sub(replacement, sql)
    return sql


def _value(value: Any) -> Any:
    """A PostgreSQL value as SQLite returns it."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, memoryview):
        return bytes(value)
    return value


class PgCursor:
    """The result of one statement: rows as tuples of SQLite-like values, and their column names."""

    def __init__(self, rows: list[tuple[Any, ...]], description: Sequence[Any] | None) -> None:
        self._rows = rows
        self.description = description
        self._at = 0

    def fetchone(self) -> tuple[Any, ...] | None:
        if self._at >= len(self._rows):
            return None
        self._at += 1
        return self._rows[self._at - 1]

    def fetchall(self) -> list[tuple[Any, ...]]:
        rows, self._at = self._rows[self._at :], len(self._rows)
        return rows

    def __iter__(self) -> Any:
        return iter(self.fetchall())


@contextmanager
def held_lock(url: str, key: int, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold a PostgreSQL advisory lock for a block, on a connection of its own: the server releases it
    when that connection ends, however the process ends, as the system releases SQLite's file lock."""
    conn = PgConnection(url)
    try:
        if not conn.advisory_lock(key, wait=False):
            if on_wait:
                on_wait()
            conn.advisory_lock(key, wait=True)
        try:
            yield
        finally:
            conn.advisory_unlock(key)
    finally:
        conn.close()


def _sqlite_error(exc: Exception) -> sqlite3.Error:
    import psycopg

    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, psycopg.IntegrityError):
        return sqlite3.IntegrityError(message)
    return sqlite3.OperationalError(message)


class PgConnection:
    """A psycopg connection in autocommit mode speaking the part of :class:`sqlite3.Connection` selon uses."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.url = url
        try:
            self._conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreUnreachableError(
                f"cannot connect to PostgreSQL at {mask(url)}: {first.replace(url, mask(url))}; "
                "start the server or fix the --db URL (postgresql://user:password@host:port/database)"
            ) from exc
        self._keys: dict[str, list[str]] = {}

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self._conn.info.transaction_status != TransactionStatus.IDLE

    def _translate(self, sql: str, bound: bool) -> str:
        return _translated(sql, bound, self._table_keys)

    def _table_keys(self, table: str) -> list[str]:
        if table not in self._keys:
            rows = self._conn.execute(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = CAST(%s AS regclass) AND i.indisprimary "
                "ORDER BY array_position(i.indkey, a.attnum)",
                (table,),
            ).fetchall()
            self._keys[table] = [r[0] for r in rows]
        return self._keys[table]

    def execute(self, sql: str, params: Sequence[Any] = ()) -> PgCursor:
        import psycopg

        try:
            if sql.strip().upper() == "BEGIN IMMEDIATE":
                self._conn.execute("BEGIN")
                self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                return PgCursor([], None)
            bound = bool(params)
            cursor = self._conn.execute(self._translate(sql, bound), tuple(params) if bound else None)
            rows = cursor.fetchall() if cursor.description else []
            return PgCursor([tuple(_value(v) for v in row) for row in rows], cursor.description)
        except psycopg.Error as exc:
            raise _sqlite_error(exc) from exc

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        import psycopg

        batch = [tuple(r) for r in rows]
        if not batch:
            return
        try:
            with self._conn.cursor() as cursor:
                cursor.executemany(self._translate(sql, True), batch)
        except psycopg.Error as exc:
            raise _sqlite_error(exc) from exc

    def advisory_lock(self, key: int, *, wait: bool) -> bool:
        """Take a session-level advisory lock (held until :meth:`advisory_unlock` or the connection ends)."""
        if wait:
            self._conn.execute("SELECT pg_advisory_lock(%s)", (key,))
            return True
        row = self._conn.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()
        return bool(row and row[0])

    def advisory_unlock(self, key: int) -> None:
        self._conn.execute("SELECT pg_advisory_unlock(%s)", (key,))

    def close(self) -> None:
        self._conn.close()


def _translated(sql: str, bound: bool, keys: Callable[[str], list[str]]) -> str:
    """:func:`translate`, remembered per statement (the table keys are the same in every selon database)."""
    found = _CACHE.get((sql, bound))
    if found is None:
        found = translate(sql, keys, bound=bound)
        if len(_CACHE) < 4096:
            _CACHE[(sql, bound)] = found
    return found


_CACHE: dict[tuple[str, bool], str] = {}
