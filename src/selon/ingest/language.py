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
