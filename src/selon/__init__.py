"""selon: who claims what, according to whom, through which channel, how sure, with which figures."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from selon.errors import InputError, SelonError, UnsupportedLanguageError
from selon.model import Article, Claim, Entity, Figure, Source, Span

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Claim",
    "Entity",
    "Figure",
    "InputError",
    "SelonError",
    "Source",
    "Span",
    "UnsupportedLanguageError",
    "__version__",
    "analyze",
    "analyze_document",
    "analyze_documents",
]

if TYPE_CHECKING:  # pragma: no cover
    from selon.engine import analyze, analyze_document, analyze_documents

_LAZY = ("analyze", "analyze_document", "analyze_documents")


def __getattr__(name: str) -> Any:
    # the engine pulls in spaCy: import it only when asked for, so `import selon` stays cheap.
    if name in _LAZY:
        from selon import engine

        return getattr(engine, name)
    raise AttributeError(f"module 'selon' has no attribute {name!r}")
