"""Persistence of analysed documents in SQLite: :class:`Store`."""

from selon.store.db import Store

__all__ = ["Store"]
