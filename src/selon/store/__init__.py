"""Persistence of analysed documents in SQLite: :class:`Store`, and the helpers every statement goes through."""

from selon.store.db import Store
from selon.store.sql import require_database, transaction, utc_now

__all__ = ["Store", "require_database", "transaction", "utc_now"]
