-- selon store, version 3: documents found by URL, so that a feed's or sitemap's article already stored
-- is not fetched again (Store.has_url).

CREATE INDEX documents_url ON documents (url);
