-- 002: positions (who demands, offers, accepts or refuses what, on which issue).
--
-- Ids are derived from content like every other table (PositionRecord.position_id and the
-- document id), so re-ingesting adds nothing. Actors a position names are in actors and
-- document_actors, like event actors.

CREATE TABLE positions (
    id                   TEXT PRIMARY KEY,   -- content_id(PositionRecord.position_id, document id)
    document_id          TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    sentence_id          TEXT NOT NULL REFERENCES sentences (id) ON DELETE CASCADE,
    span_start           INTEGER NOT NULL,
    span_end             INTEGER NOT NULL,
    actor_id             TEXT NOT NULL REFERENCES actors (id),
    issue                TEXT NOT NULL,
    stance               TEXT NOT NULL,
    non_negotiable       INTEGER NOT NULL DEFAULT 0,
    object               TEXT NOT NULL,
    target_actor_id      TEXT REFERENCES actors (id),
    date                 TEXT,
    factuality           TEXT NOT NULL,
    attribution_actor_id TEXT REFERENCES actors (id),
    confidence           REAL NOT NULL,
    scale_value          REAL,                -- NULL when not placed on the issue's scale
    scale_evidence       TEXT,
    scale_confidence     REAL,
    cue_text             TEXT                 -- not in the output contract, kept for audits
);
CREATE INDEX positions_document ON positions (document_id);
CREATE INDEX positions_actor ON positions (actor_id);
CREATE INDEX positions_issue ON positions (issue);
CREATE INDEX positions_date ON positions (date);
