-- selon store, version 3: full-text search over the documents (SQLite FTS5), for `selon serve`.
-- The index is contentless (the text stays in documents.text only); documents_search maps each
-- document to its row of the index. Triggers keep both in step with documents, so every writer
-- (the store, ad-hoc SQL) updates the index in the same transaction as the document.
-- Accents and case are folded (remove_diacritics 2): "defense" finds "défense".

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content = '', tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE documents_search (
    fts_rowid INTEGER PRIMARY KEY,
    doc_id    TEXT NOT NULL UNIQUE
);

CREATE TRIGGER documents_search_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_search (doc_id) VALUES (new.id);
    INSERT INTO documents_fts (rowid, title, text) VALUES (last_insert_rowid(), COALESCE(new.title, ''), new.text);
END;

CREATE TRIGGER documents_search_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
        SELECT 'delete', fts_rowid, COALESCE(old.title, ''), old.text FROM documents_search WHERE doc_id = old.id;
    DELETE FROM documents_search WHERE doc_id = old.id;
END;

CREATE TRIGGER documents_search_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
        SELECT 'delete', fts_rowid, COALESCE(old.title, ''), old.text FROM documents_search WHERE doc_id = old.id;
    INSERT INTO documents_fts (rowid, title, text)
        SELECT fts_rowid, COALESCE(new.title, ''), new.text FROM documents_search WHERE doc_id = new.id;
END;

-- documents stored before this version
INSERT INTO documents_search (doc_id) SELECT id FROM documents ORDER BY id;
INSERT INTO documents_fts (rowid, title, text)
    SELECT s.fts_rowid, COALESCE(d.title, ''), d.text FROM documents_search s JOIN documents d ON d.id = s.doc_id;
