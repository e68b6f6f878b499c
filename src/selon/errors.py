"""Domain errors: each message says what went wrong and what to do about it."""

from __future__ import annotations


class SelonError(Exception):
    """Base of every error selon raises on purpose; the CLI prints it as one line."""

    exit_code = 1


class InputError(SelonError):
    """The input cannot be read as a document (empty, binary, undecodable, too large, no article)."""

    exit_code = 2


class UnsupportedLanguageError(SelonError):
    """The document is in a language selon does not analyse."""

    exit_code = 3

    def __init__(self, language: str | None, message: str | None = None) -> None:
        self.language = language
        super().__init__(
            message
            or f"language {language or 'unknown'!s} is not supported: selon analyses French (fr) and English (en); "
            "pass --language fr|en if the detection is wrong"
        )


class ModelNotFoundError(SelonError):
    """No spaCy model is installed for a language."""

    exit_code = 4


class StoreError(SelonError):
    """The database cannot be opened, migrated or written."""

    exit_code = 5


class ConfigError(SelonError):
    """A settings file or value is invalid."""

    exit_code = 2
