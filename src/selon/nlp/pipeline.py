"""Loading one spaCy pipeline per language, with selon's stages added, once per process."""

from __future__ import annotations

import threading

import spacy
from spacy.language import Language

from selon.errors import ModelNotFoundError
from selon.nlp.components import register
from selon.nlp.tokenizer import bound_tokenizer
from selon.settings import Settings

_LOCK = threading.Lock()
_CACHE: dict[tuple, Language] = {}


def _load_model(names: tuple[str, ...], language: str) -> Language:
    for name in names:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ModelNotFoundError(
        f"no spaCy model for '{language}' is installed (tried {', '.join(names) or 'none'}); "
        "run the set-up command of the README, or pip install one of them"
    )


def build_pipeline(language: str, settings: Settings) -> Language:
    """The model for ``language`` with selon's stages; cached per (language, models, options)."""
    key = (
        language,
        settings.models_for(language),
        settings.analysis_carry_on_sentences,
        settings.analysis_asserted_claims,
    )
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
        register()
        nlp = _load_model(settings.models_for(language), language)
        bound_tokenizer(nlp)  # spaCy's own is quadratic on a run of punctuation
        if "senter" in nlp.pipe_names:
            nlp.disable_pipe("senter")
        first_syntax = "parser" if "parser" in nlp.pipe_names else None
        nlp.add_pipe("selon_segmenter", before=first_syntax) if first_syntax else nlp.add_pipe("selon_segmenter")
        nlp.add_pipe("selon_entities")
        nlp.add_pipe("selon_figures")
        nlp.add_pipe(
            "selon_claims",
            config={
                "carry_on_sentences": settings.analysis_carry_on_sentences,
                "asserted_claims": settings.analysis_asserted_claims,
            },
        )
        _CACHE[key] = nlp
        return nlp
