-- selon store, version 3 on PostgreSQL: full-text search over the documents, for `selon serve`.
-- SQLite's version is an FTS5 index kept by triggers; here each document's words, tokenised and folded
-- (case and accents) by selon itself (selon.store.search.fold_words, as FTS5's unicode61 tokenizer with
-- remove_diacritics 2 does), are an array under a GIN index, written by the store in the same transaction
-- as the document and deleted with it. A search for some words is the documents holding all of them, as
-- on SQLite. Ad-hoc SQL writing documents does not update the words (`selon migrate` rebuilds them).

CREATE TABLE documents_search (
    doc_id TEXT COLLATE "C" PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    words  TEXT[] NOT NULL
);

CREATE INDEX documents_search_words ON documents_search USING GIN (words);

-- SQLite's selon_contains is a Python function on the connection: a case-insensitive substring test
-- (Unicode case folding, whatever the database's locale).
CREATE FUNCTION selon_contains(haystack TEXT, needle TEXT) RETURNS BOOLEAN
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT COALESCE(strpos(lower(haystack COLLATE "und-x-icu"), lower(needle COLLATE "und-x-icu")) > 0, false) $$;
