"""selon: who claims what, according to whom, through which channel, how sure, with which figures."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import InputError, SelonError, UnsupportedLanguageError
from .model import Article, Claim, Entity, Figure, Source, Span

__version__ = "0.1.0"

__all__ = [
    "Article", "Claim", "Entity", "Figure", "InputError", "SelonError", "Source", "Span",
    "UnsupportedLanguageError", "analyze", "__version__",
]

if TYPE_CHECKING:  # pragma: no cover
    from .analyze import analyze


def __getattr__(name: str) -> Any:
    # analyze pulls in spaCy: import it only when asked for, so `import selon` stays cheap.
    if name == "analyze":
        from .analyze import analyze

        return analyze
    raise AttributeError(name)
