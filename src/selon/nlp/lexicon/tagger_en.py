"""English words the learned attribution tagger's features read (``selon.nlp.learned``).

Beside the other word lists, so that the vocabulary the model was trained with can be read in
one place; a change here changes the features, and so needs a retrained model.
"""

from __future__ import annotations

#: Complementizers read on a complement clause ("said that", "plans to", "asked whether"): the
#: "kid" sense features name the one that introduces it.
COMPLEMENTIZERS = frozenset({"that", "to", "whether", "if"})
