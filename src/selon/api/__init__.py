"""The HTTP layer of selon: a REST API and web pages over the store and the corpus view (``selon serve``).

>>> from selon.api import create_app       # doctest: +SKIP
>>> app = create_app("selon.db")           # any ASGI server runs it; `selon serve` uses uvicorn
"""

from selon.api.app import create_app

__all__ = ["create_app"]
