-- selon store, version 2: the corpus view (selon.corpus).
-- Everything here is derived from the tables of version 1 and can be rebuilt from them.
-- Rows keyed on a document or a claim cascade away when the document is re-saved or deleted,
-- which is how the corpus update notices what changed.

-- One row per document the corpus has taken in, with the content hash it saw.
CREATE TABLE corpus_documents (
    doc_id       TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,
    minhash      BLOB NOT NULL,              -- datasketch MinHash hash values (uint64, little-endian)
    group_id     TEXT NOT NULL,              -- syndication group: the id of the group's earliest document
    linked       INTEGER NOT NULL DEFAULT 0, -- 1 once compared with the rest of the corpus for syndication
    processed_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX corpus_documents_group ON corpus_documents (group_id);

-- Near-duplicate document pairs found by MinHash LSH and confirmed on shingles.
CREATE TABLE corpus_near_duplicates (
    doc_a   TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    doc_b   TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    jaccard REAL NOT NULL,
    PRIMARY KEY (doc_a, doc_b)
) WITHOUT ROWID;

-- Source mention keys (transliteration-insensitive) and the canonical source they resolve to.
CREATE TABLE corpus_source_keys (
    key       TEXT PRIMARY KEY,             -- 'p:krl|budanov', 'o:militaire renseignement ukrainien', 'a:GUR'
    kind      TEXT NOT NULL,                -- person, organization, anonymous, outlet
    label     TEXT NOT NULL,                -- the most frequent surface form
    source_id TEXT NOT NULL                 -- the canonical source (the key of its representative)
) WITHOUT ROWID;

CREATE INDEX corpus_source_keys_source ON corpus_source_keys (source_id);

-- Why two keys were joined: one row per piece of evidence.
CREATE TABLE corpus_source_links (
    key_a  TEXT NOT NULL,
    key_b  TEXT NOT NULL,
    reason TEXT NOT NULL,                   -- alias-file, acronym, containment, fuzzy-name, surname, role
    detail TEXT NOT NULL,                   -- a sentence a reader can check
    doc_id TEXT REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (key_a, key_b, reason, detail)
) WITHOUT ROWID;

-- Canonical sources with their display name and kind.
CREATE TABLE corpus_sources (
    id       TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    relay    INTEGER NOT NULL DEFAULT 0     -- a wire service or outlet: relays others' claims
) WITHOUT ROWID;

-- One row per claim the corpus has taken in.
CREATE TABLE corpus_claims (
    doc_id      TEXT NOT NULL,
    claim_id    TEXT NOT NULL,
    source_key  TEXT NOT NULL,              -- corpus_source_keys.key of the claim's source
    cluster_id  INTEGER,                    -- NULL: too short to cluster
    embedding   BLOB,                       -- float16 vector of the claim text
    model       TEXT,                       -- the embedding model that made it
    entity_keys TEXT NOT NULL DEFAULT '',   -- canonical entity keys in the claim, joined with '|'
    PRIMARY KEY (doc_id, claim_id),
    FOREIGN KEY (doc_id, claim_id) REFERENCES claims (doc_id, claim_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX corpus_claims_cluster ON corpus_claims (cluster_id);
CREATE INDEX corpus_claims_source ON corpus_claims (source_key);

-- Claim clusters and their corroboration summary (recomputed when their members change).
CREATE TABLE corpus_clusters (
    id                  INTEGER PRIMARY KEY,
    label               TEXT NOT NULL,      -- the member claim closest to the centroid
    centroid            BLOB NOT NULL,      -- float32, normalised
    claims              INTEGER NOT NULL,
    articles            INTEGER NOT NULL,
    groups              INTEGER NOT NULL,   -- syndication groups: articles counted once per copy set
    independent_sources INTEGER NOT NULL,
    outlets             TEXT NOT NULL,      -- JSON list
    languages           TEXT NOT NULL,      -- JSON list
    sources             TEXT NOT NULL,      -- JSON list of canonical source ids counted as independent
    certainty_mix       TEXT NOT NULL,      -- JSON object certainty -> count
    first_seen          TEXT,
    last_seen           TEXT,
    single_source       INTEGER NOT NULL,
    state               TEXT NOT NULL       -- digest of members, their sources and groups: unchanged, not recomputed
);

CREATE INDEX corpus_clusters_articles ON corpus_clusters (articles);

-- Key/value state of the corpus view (model name, parameters in force).
CREATE TABLE corpus_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
