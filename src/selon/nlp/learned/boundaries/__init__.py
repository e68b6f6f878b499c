"""The content boundary reranker: candidate spans, their scores, and batched choice."""
