"""selon's NLP layer: spaCy components and the pipelines that run them."""

from selon.nlp.components import STAGES, register

__all__ = ["STAGES", "register"]
