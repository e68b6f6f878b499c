"""Every error selon raises on purpose, in one catalogue: each type has its own exit code.

Each message says what went wrong and what to do about it. The command line prints an error
as one line on stderr (``error: MESSAGE``) and exits with the type's :attr:`SelonError.exit_code`;
with ``--format json`` it prints :func:`error_payload` instead, one JSON object on stdout,
the shape a REST API returns as well::

    {"error": {"type": "DatabaseNotFoundError", "message": "...", "exit_code": 10}}

========  ==========================  ===========================================================
exit      type                        when
========  ==========================  ===========================================================
1         SelonError                  any other failure selon reports (the base of all below)
2         UsageError                  options that are missing, unknown or do not go together
3         InputError                  an input cannot be read as a document
4         UnsupportedLanguageError    the document is in a language selon does not analyse
5         ModelNotFoundError          no spaCy model is installed for the language
6         StoreError                  the database cannot be opened, read or written
7         GateFailed                  a measured metric is below its pinned floor
8         ConfigError                 a settings or alias file, or a value in it, is invalid
9         NotFoundError               a document, source, cluster or query matches nothing
10        DatabaseNotFoundError       the database named by ``--db`` does not exist
11        NothingAnalysedError        every input of a batch was skipped
12        EmbeddingError              the claim embedding model cannot be loaded or run
13        ExportError                 an export cannot be written (format, table, target)
14        GateError                   the gate's floors cannot be read or changed as asked
15        PolnearFormatError          a PolNeAR annotation file is not in the brat layout
16        DocumentLimitError          a document passed a limit of ``[limits]``: too long, too slow
17        AccessDeniedError           a write over HTTP without the ``[serve] token``
18        RequestLimitError           an HTTP request passed a limit of ``[serve]``: body, query, page
========  ==========================  ===========================================================
"""

from __future__ import annotations

from typing import Any


class SelonError(Exception):
    """Base of every error selon raises on purpose; the CLI prints it as one line and exits with ``exit_code``."""

    exit_code = 1

    @property
    def message(self) -> str:
        """The message on one line (newlines and runs of spaces folded)."""
        return " ".join(str(self).split())

    def to_dict(self) -> dict[str, Any]:
        """The JSON error shape: ``{"error": {"type": ..., "message": ..., "exit_code": ...}}``."""
        return {"error": {"type": type(self).__name__, "message": self.message, "exit_code": self.exit_code}}


class UsageError(SelonError):
    """Options that are missing, unknown, malformed or do not go together."""

    exit_code = 2


class InputError(SelonError):
    """The input cannot be read as a document (empty, binary, undecodable, too large, no article)."""

    exit_code = 3


class UnsupportedLanguageError(SelonError):
    """The document is in a language selon does not analyse."""

    exit_code = 4

    def __init__(self, language: str | None, message: str | None = None) -> None:
        self.language = language
        super().__init__(
            message
            or f"language {language or 'unknown'!s} is not supported: selon analyses French (fr) and English (en); "
            "pass --language fr|en if the detection is wrong"
        )


class ModelNotFoundError(SelonError):
    """No spaCy model is installed for a language."""

    exit_code = 5


class StoreError(SelonError):
    """The database cannot be opened, migrated, read or written."""

    exit_code = 6


class GateFailed(SelonError):
    """At least one measured metric is below its floor."""

    exit_code = 7


class ConfigError(SelonError):
    """A settings file, an alias file or a value in one is invalid."""

    exit_code = 8


class NotFoundError(SelonError):
    """A document, name, cluster or query matches nothing in the store or the corpus."""

    exit_code = 9


class DatabaseNotFoundError(StoreError):
    """The database a command reads does not exist (see :func:`selon.store.require_database`)."""

    exit_code = 10


class NothingAnalysedError(InputError):
    """Every input of a batch was skipped: nothing was analysed."""

    exit_code = 11


class EmbeddingError(SelonError):
    """The embedding model cannot be loaded or run."""

    exit_code = 12


class ExportError(SelonError):
    """An export cannot be written: unknown format or table, missing folder, writer failure."""

    exit_code = 13


class GateError(SelonError):
    """A floor cannot be changed as asked (no reason, not a lowering, unknown metric) or the floors file is bad."""

    exit_code = 14


class PolnearFormatError(InputError):
    """An annotation file does not follow the brat standoff layout PolNeAR uses."""

    exit_code = 15


class DocumentLimitError(InputError):
    """A document passed one of the ``[limits]``: more characters than ``max_chars``, longer than
    ``document_seconds``, more memory than ``memory_mb``; its analysis was refused or stopped."""

    exit_code = 16


class AccessDeniedError(SelonError):
    """A request that analyses or stores documents came without the server's token (or none is set)."""

    exit_code = 17


class RequestLimitError(UsageError):
    """An HTTP request passed one of the ``[serve]`` limits: body size, query length, page size."""

    exit_code = 18


class StoreUnreachableError(StoreError):
    """The PostgreSQL server of a ``--db`` URL does not answer or refuses the connection."""

    exit_code = 19


def error_payload(exc: SelonError) -> dict[str, Any]:
    """The JSON object a failed command prints with ``--format json`` (and a REST API returns)."""
    return exc.to_dict()


def catalogue() -> list[type[SelonError]]:
    """Every error type, by exit code."""
    found: list[type[SelonError]] = [SelonError]
    for cls in found:
        found.extend(sub for sub in cls.__subclasses__() if sub not in found)
    return sorted(found, key=lambda cls: cls.exit_code)
