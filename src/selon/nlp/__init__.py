"""selon's NLP layer: spaCy components and the pipelines that run them."""

from .components import STAGES, register

__all__ = ["STAGES", "register"]
