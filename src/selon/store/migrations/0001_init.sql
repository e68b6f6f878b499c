-- selon store, version 1.
-- article_json holds the exact analysed document (the source of truth for `get`);
-- the other tables repeat its parts in columns so that they can be filtered in SQL.
-- Offsets ("start", "end") are Python string offsets into documents.text.

CREATE TABLE documents (
    id             TEXT PRIMARY KEY,
    content_hash   TEXT NOT NULL,          -- sha256 of article_json: unchanged re-ingests write nothing
    schema_version TEXT NOT NULL,          -- Article.schema_version of article_json
    language       TEXT NOT NULL,
    title          TEXT,
    outlet         TEXT,
    url            TEXT,
    published      TEXT,
    text           TEXT NOT NULL,
    origin         TEXT NOT NULL DEFAULT '',  -- where the document was read from (path, URL, line)
    ingested_at    TEXT NOT NULL,          -- UTC, ISO 8601; set when added or updated
    article_json   TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX documents_language ON documents (language);
CREATE INDEX documents_outlet ON documents (outlet);
CREATE INDEX documents_published ON documents (published);

CREATE TABLE claims (
    doc_id           TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    claim_id         TEXT NOT NULL,
    seq              INTEGER NOT NULL,     -- index in Article.claims
    content_start    INTEGER NOT NULL,
    content_end      INTEGER NOT NULL,
    content_text     TEXT NOT NULL,
    source_name      TEXT,                 -- NULL: unnamed source, or no source (the outlet's own statement)
    source_kind      TEXT,
    source_text      TEXT,
    source_start     INTEGER,
    source_end       INTEGER,
    source_role      TEXT,
    source_org       TEXT,
    source_orgs      TEXT,                 -- all organisations, joined with '; '
    source_inherited INTEGER NOT NULL DEFAULT 0,
    cue_text         TEXT,
    cue_start        INTEGER,
    cue_end          INTEGER,
    certainty        TEXT NOT NULL,
    certainty_cues   TEXT,                 -- cue words, joined with '; '
    channel          TEXT,                 -- channel names, joined with '; '
    quote            INTEGER NOT NULL DEFAULT 0,
    sentence_start   INTEGER,
    sentence_end     INTEGER,
    PRIMARY KEY (doc_id, claim_id)
) WITHOUT ROWID;

CREATE INDEX claims_position ON claims (doc_id, content_start, seq);
CREATE INDEX claims_certainty ON claims (certainty);
CREATE INDEX claims_source_name ON claims (source_name COLLATE NOCASE);
CREATE INDEX claims_source_kind ON claims (source_kind);

CREATE TABLE entities (
    doc_id    TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,            -- index in Article.entities
    "start"   INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    text      TEXT NOT NULL,
    kind      TEXT NOT NULL,
    name      TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    PRIMARY KEY (doc_id, seq)
) WITHOUT ROWID;

CREATE INDEX entities_name ON entities (name COLLATE NOCASE);
CREATE INDEX entities_kind ON entities (kind);

-- claim_id NULL: a figure of the whole document (Article.quantities);
-- claim_id set: a figure attached to that claim (Claim.quantities), usually also listed at document level.
CREATE TABLE figures (
    id           INTEGER PRIMARY KEY,
    doc_id       TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    claim_id     TEXT,
    seq          INTEGER NOT NULL,         -- index in its list
    "start"      INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    text         TEXT NOT NULL,
    value        REAL NOT NULL,
    value_max    REAL,
    unit         TEXT,
    unit_mention TEXT,
    per          TEXT,
    approximate  INTEGER NOT NULL DEFAULT 0,
    bound        TEXT NOT NULL,
    kind         TEXT NOT NULL,
    time         TEXT,
    FOREIGN KEY (doc_id, claim_id) REFERENCES claims (doc_id, claim_id) ON DELETE CASCADE
);

CREATE INDEX figures_doc_claim ON figures (doc_id, claim_id);
CREATE INDEX figures_unit ON figures (unit);

-- Inputs that could not be analysed, one row per origin (the latest reason wins).
CREATE TABLE skips (
    origin TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    at     TEXT NOT NULL
) WITHOUT ROWID;
