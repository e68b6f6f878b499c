"""Which language a document is in, so that only French and English are analysed.

The detector knows more languages than selon analyses: a German or Spanish article must be
recognised as such and skipped, not forced into the nearest of French and English.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

_LOCK = threading.Lock()
_CODES = ("en", "fr", "de", "es", "it", "pt", "nl", "ru", "uk", "pl", "ar", "zh", "ja", "tr")
_SAMPLE = 3000
_PARAGRAPH_SAMPLE = 400


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in _CODES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_preloaded_language_models().build()


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code of the text's language and the detector's confidence (0-1)."""
    sample = text[:_SAMPLE]
    if not any(ch.isalpha() for ch in sample):
        return None, 0.0
    with _LOCK:
        values = _detector().compute_language_confidence_values(sample)
    if not values:
        return None, 0.0
    best = values[0]
    return best.language.iso_code_639_1.name.lower(), float(best.value)


@lru_cache(maxsize=4)
def _screen(codes: tuple[str, ...]) -> Any:
    """A detector of the analysed languages only: four times cheaper than the full one, so that every
    long paragraph of every document can be screened; the full detector confirms what it finds."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    isos = [getattr(IsoCode639_1, c.upper()) for c in codes]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*isos).with_preloaded_language_models().build()


def other_language(text: str, main: str, languages: tuple[str, ...], min_confidence: float) -> str | None:
    """The language of ``text`` when it is clearly one of ``languages`` other than ``main``, else None.

    Clearly: both the screen over ``languages`` and the full detector give it at least ``min_confidence``.
    """
    codes = tuple(sorted(c for c in languages if c in _CODES))
    if len(codes) < 2 or main not in codes:
        return None
    sample = text[:_PARAGRAPH_SAMPLE]
    with _LOCK:
        values = _screen(codes).compute_language_confidence_values(sample)
    if not values:
        return None
    best = values[0]
    found = best.language.iso_code_639_1.name.lower()
    if found == main or float(best.value) < min_confidence:
        return None
    confirmed, confidence = detect_language(sample)
    return found if confirmed == found and confidence >= min_confidence else None
