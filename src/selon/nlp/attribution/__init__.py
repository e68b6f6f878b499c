"""Attribution: who is said to claim what, and through which words.

``span`` is the shared data type; ``rules`` finds attributions for either language; ``fr``/``fr_incises``
hold the French constructions and ``en``/``en_colon`` the English cascade over the learned tagger.
"""
