-- 001: first parley schema.
--
-- Every id is derived from content (parley.records.content_id), so storing the same result twice
-- hits the primary keys and adds nothing. No column holds a wall-clock time: re-ingesting a corpus
-- must leave the database byte-for-byte unchanged, and two clean builds of one corpus must be equal.
-- (schema_migrations itself is created by the store before any migration runs.)

CREATE TABLE documents (
    id          TEXT PRIMARY KEY,            -- content_id(doc_id, text)
    doc_id      TEXT NOT NULL,               -- the id given by the input
    title       TEXT,
    date        TEXT,                        -- publication date, YYYY-MM-DD, NULL when unknown
    date_source TEXT NOT NULL DEFAULT 'none',
    url         TEXT,
    source      TEXT,                        -- publisher
    path        TEXT,                        -- file first read from
    line        INTEGER,                     -- line in a JSON Lines file
    text        TEXT NOT NULL,
    text_hash   TEXT NOT NULL                -- Document.content_hash
);
CREATE INDEX documents_doc_id ON documents (doc_id, text_hash);
CREATE INDEX documents_date ON documents (date);

CREATE TABLE sentences (
    id          TEXT PRIMARY KEY,            -- content_id(document id, index, text)
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,            -- position of the sentence in its document
    text        TEXT NOT NULL,
    start_char  INTEGER,                     -- offsets in the document text; NULL when unknown
    end_char    INTEGER
);
CREATE INDEX sentences_document ON sentences (document_id, idx);

CREATE TABLE actors (
    id          TEXT PRIMARY KEY,            -- content_id(text, country, sector, entry id, name)
    text        TEXT NOT NULL,               -- as written in the article
    name        TEXT,                        -- canonical name
    country     TEXT,                        -- ISO alpha-3 or organisation code
    sector      TEXT,                        -- PLOVER sector code
    entry_id    TEXT                         -- dictionary entry id (Actor.id)
);
CREATE INDEX actors_country ON actors (country);

-- Which actors each document names (DocumentResult.actors and every party of its events).
CREATE TABLE document_actors (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    actor_id    TEXT NOT NULL REFERENCES actors (id),
    PRIMARY KEY (document_id, actor_id)
) WITHOUT ROWID;
CREATE INDEX document_actors_actor ON document_actors (actor_id);

CREATE TABLE events (
    id                   TEXT PRIMARY KEY,   -- content_id(EventRecord.event_id, document id)
    document_id          TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    sentence_id          TEXT NOT NULL REFERENCES sentences (id) ON DELETE CASCADE,
    record               TEXT NOT NULL DEFAULT 'event',
    span_start           INTEGER NOT NULL,
    span_end             INTEGER NOT NULL,
    event_type           TEXT NOT NULL,
    mode                 TEXT,
    context              TEXT,
    cameo                TEXT NOT NULL,
    quad_class           INTEGER,
    goldstein            REAL,
    source_actor_id      TEXT REFERENCES actors (id),
    target_actor_id      TEXT REFERENCES actors (id),
    date                 TEXT,               -- event date; NULL when the text gives none
    date_text            TEXT,
    location_name        TEXT,               -- NULL name means no location
    location_country     TEXT,
    location_lat         REAL,
    location_lon         REAL,
    factuality           TEXT NOT NULL,
    attribution_actor_id TEXT REFERENCES actors (id),
    confidence           REAL NOT NULL,
    trigger_text         TEXT                -- not in the output contract, kept for audits
);
CREATE INDEX events_document ON events (document_id);
CREATE INDEX events_sentence ON events (sentence_id);
CREATE INDEX events_source ON events (source_actor_id);
CREATE INDEX events_target ON events (target_actor_id);
CREATE INDEX events_attribution ON events (attribution_actor_id);
CREATE INDEX events_type ON events (event_type);
CREATE INDEX events_date ON events (date);
