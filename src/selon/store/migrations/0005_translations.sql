-- selon store, version 5: an article and its translation are a copy across languages.
-- corpus_near_duplicates now says which kind of copy a pair is: 'copy' (MinHash, jaccard is the
-- shingle Jaccard) or 'translation' (claims aligned in order, jaccard is the share of the shorter
-- article's claims aligned). Both kinds put their documents in one syndication group.

ALTER TABLE corpus_near_duplicates ADD COLUMN kind TEXT NOT NULL DEFAULT 'copy';
