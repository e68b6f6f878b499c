"""Attribution: who is said to claim what, and through which words.

``span`` is the shared data type; ``rules`` finds attributions for either language, with the helpers
of ``shared``; ``fr``/``fr_incises`` hold the French constructions, ``en_rules`` the English-only
tests of the shared rules, and ``en``/``en_colon`` the English cascade over the learned tagger.
"""
