"""Persistence of analysed documents in SQLite: :class:`Store`, and the helpers every statement goes through."""

from selon.store.db import Store
from selon.store.search import DocumentFilter
from selon.store.sql import require_database, transaction, utc_now

__all__ = ["DocumentFilter", "Store", "require_database", "transaction", "utc_now"]
