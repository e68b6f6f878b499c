"""The English learned path: the CRF tagger (``tagger``, ``crf``), its features and the boundary reranker."""
