"""The store's schema, as an ordered list of migrations.

Each migration runs once, inside a transaction, and is recorded in ``schema_migrations``
(``PRAGMA user_version`` follows the latest). Never edit a migration that has shipped: add a new one.

Tables keep the names of the record (docs/record.md): ``articles``, ``entities``, ``mentions``,
``quotes``, ``times``, ``events``, ``quantities``. Character offsets are ``char_start``/``char_end``
(``start``/``end`` in the record). Every child row names its article by ``article_id`` with a foreign key
that cascades on delete. ``articles_fts`` (headline, body) and ``quotes_fts`` (quote text) are FTS5
tables over external content, kept in sync by triggers.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


_V1 = """
CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,               -- stable integer key for the FTS index
    id TEXT NOT NULL UNIQUE,               -- content id: hash of the canonical URL or the normalized body
    url TEXT,
    outlet TEXT,
    language TEXT,
    headline TEXT,
    published TEXT,                        -- ISO date
    published_basis TEXT,
    dateline_place TEXT,
    dateline_agency TEXT,
    dateline_text TEXT,
    body TEXT,                             -- NULL when withheld under the rights policy
    body_withheld INTEGER NOT NULL DEFAULT 0,
    rights_holder TEXT,
    rights_year INTEGER,
    ai_use_reserved INTEGER NOT NULL DEFAULT 0,
    rights_notice TEXT,
    credits TEXT,                          -- JSON object, as in the record
    sources TEXT,                          -- JSON list of origin agencies
    warnings TEXT,                         -- JSON list
    input_path TEXT,
    input_record INTEGER,
    n_entities INTEGER NOT NULL DEFAULT 0,
    n_quotes INTEGER NOT NULL DEFAULT 0,
    n_events INTEGER NOT NULL DEFAULT 0,
    record TEXT NOT NULL,                  -- the whole warta/1 record as JSON
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_language ON articles(language);

CREATE TABLE entities (
    seq INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,               -- "e1", unique within its article
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    country TEXT,
    code TEXT,
    role TEXT,
    kb_id TEXT,
    n_mentions INTEGER NOT NULL DEFAULT 0,
    UNIQUE (article_id, entity_id)
);
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);

CREATE TABLE mentions (
    seq INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    FOREIGN KEY (article_id, entity_id) REFERENCES entities(article_id, entity_id) ON DELETE CASCADE
);
CREATE INDEX mentions_entity ON mentions(article_id, entity_id);

CREATE TABLE quotes (
    seq INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    quote_no INTEGER NOT NULL,             -- position in the record's list, from 0
    text TEXT NOT NULL,
    direct INTEGER NOT NULL,
    speaker_name TEXT,
    speaker_entity TEXT,
    speaker_role TEXT,
    cue TEXT,
    channel TEXT,
    char_start INTEGER,
    char_end INTEGER,
    UNIQUE (article_id, quote_no)
);
CREATE INDEX quotes_speaker ON quotes(speaker_name COLLATE NOCASE);

CREATE TABLE times (
    seq INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    time_no INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT,                            -- TIMEX3 value
    type TEXT NOT NULL,
    mod TEXT,
    char_start INTEGER,
    char_end INTEGER,
    UNIQUE (article_id, time_no)
);
CREATE INDEX times_value ON times(value);

CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event_no INTEGER NOT NULL,
    code TEXT NOT NULL,                    -- CAMEO event code
    root TEXT NOT NULL,                    -- CAMEO root (two digits)
    label TEXT,
    quad_class INTEGER,
    goldstein REAL,
    source_name TEXT,
    source_code TEXT,                      -- CAMEO actor code ("QATGOV")
    source_entity TEXT,
    source_country TEXT,
    target_name TEXT,
    target_code TEXT,
    target_entity TEXT,
    target_country TEXT,
    location_name TEXT,
    location_country TEXT,
    location_entity TEXT,
    date TEXT,                             -- TIMEX3 value of when it happened
    modality TEXT,
    trigger TEXT,
    sentence INTEGER,
    in_quote INTEGER NOT NULL DEFAULT 0,
    quoted_by TEXT,
    fatalities INTEGER,
    injured INTEGER,
    char_start INTEGER,
    char_end INTEGER,
    UNIQUE (article_id, event_no)
);
CREATE INDEX events_code ON events(code);
CREATE INDEX events_root ON events(root);
CREATE INDEX events_source ON events(source_code);
CREATE INDEX events_target ON events(target_code);

CREATE TABLE quantities (
    seq INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    quantity_no INTEGER NOT NULL,
    text TEXT NOT NULL,
    value REAL,
    approx TEXT,
    counts TEXT,
    unit TEXT,
    char_start INTEGER,
    char_end INTEGER,
    UNIQUE (article_id, quantity_no)
);

-- Which inputs an ingest has already handled: makes a killed ingest resumable without re-analyzing.
CREATE TABLE ingested_inputs (
    input_key TEXT PRIMARY KEY,            -- hash of the input's URL and text
    article_id TEXT,                       -- NULL when the article was skipped by the rights policy
    outcome TEXT NOT NULL,                 -- stored | duplicate | skipped-reserved
    input_path TEXT,
    input_record INTEGER
);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    headline, body, content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, headline, body) VALUES (new.seq, new.headline, new.body);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, headline, body) VALUES ('delete', old.seq, old.headline, old.body);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF headline, body ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, headline, body) VALUES ('delete', old.seq, old.headline, old.body);
    INSERT INTO articles_fts(rowid, headline, body) VALUES (new.seq, new.headline, new.body);
END;

CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, content='quotes', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text) VALUES (new.seq, new.text);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.seq, old.text);
END;
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.seq, old.text);
    INSERT INTO quotes_fts(rowid, text) VALUES (new.seq, new.text);
END;

-- Views for the common joins (pleasant in Datasette or DuckDB).
CREATE VIEW events_in_articles AS
SELECT e.*, a.headline, a.published, a.outlet, a.language, a.url
FROM events e JOIN articles a ON a.id = e.article_id;

CREATE VIEW quotes_with_speakers AS
SELECT q.*, en.name AS speaker_entity_name, en.type AS speaker_entity_type, en.country AS speaker_country,
       a.headline, a.published, a.outlet, a.language
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN entities en ON en.article_id = q.article_id AND en.entity_id = q.speaker_entity;

CREATE VIEW entity_mentions AS
SELECT m.*, en.name, en.type, en.country, a.published, a.outlet
FROM mentions m
JOIN entities en ON en.article_id = m.article_id AND en.entity_id = m.entity_id
JOIN articles a ON a.id = m.article_id;

CREATE VIEW entity_index AS
SELECT en.name, en.type, max(en.country) AS country, max(en.code) AS code,
       count(DISTINCT en.article_id) AS articles, sum(en.n_mentions) AS mentions,
       min(a.published) AS first_seen, max(a.published) AS last_seen
FROM entities en JOIN articles a ON a.id = en.article_id
GROUP BY en.name, en.type;

CREATE VIEW actor_pairs AS
SELECT coalesce(source_code, source_name) AS source, coalesce(target_code, target_name) AS target,
       quad_class, root, count(*) AS events
FROM events
GROUP BY 1, 2, 3, 4;
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, entities, mentions, quotes, times, events, quantities; FTS5; views", _V1),
)

LATEST = MIGRATIONS[-1].version
