"""Persistence of analysed documents in SQLite: :class:`Store`."""

from .db import Store

__all__ = ["Store"]
