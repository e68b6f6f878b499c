"""Words that turn a statement into its opposite, as lowercase word tokens (``\\w+``: "isn't" is "isn", "t").

A claim that repeats another word for word except one of these is not the same claim
(:func:`selon.corpus.clusters.repeats`): such a pair goes to the encoder instead.
"""

from __future__ import annotations

NEGATION_WORDS = frozenset(
    # French: the two halves of "ne … pas" and their partners ("n'" is "n"); "plus" and "personne" have
    # other senses too, which only sends such a pair to the encoder
    "ne n pas jamais plus point guère nullement aucunement aucun aucune rien personne nul nulle sans ni non"
    # English: "not", the contracted "n't" (its "t": "isn't" against "is" differs by "isn" and "t"),
    # and the negative pronouns
    " not no never none nobody nothing nowhere neither nor without t cannot".split()
)
