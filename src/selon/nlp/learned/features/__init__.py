"""The tagger's token features: as strings (``strings``) and as integer ids (``ids``)."""
