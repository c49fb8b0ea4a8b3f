-- The official Python documentation, split into sections, for the concepts agent's full-text search
-- (knowledge/docs_index). Rebuilt as a whole when the docs (or the indexer) change: docs_index_meta holds the
-- checksum the rows were built from.
CREATE TABLE docs_sections (
    id        SERIAL PRIMARY KEY,
    page      TEXT NOT NULL CHECK (page ~ '^[a-z0-9_./-]+$'),           -- "library/stdtypes"
    anchor    TEXT NOT NULL CHECK (length(anchor) BETWEEN 1 AND 300),    -- "str.split"
    title     TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    kind      TEXT NOT NULL CHECK (kind IN ('section', 'api', 'glossary')),
    trail     TEXT NOT NULL DEFAULT '',                                  -- headings above the section
    terms     TEXT NOT NULL DEFAULT '',                                  -- title and anchor split into words
    body      TEXT NOT NULL DEFAULT '',
    examples  JSONB NOT NULL DEFAULT '[]'::jsonb,                        -- only examples verified in the sandbox
    search    TSVECTOR GENERATED ALWAYS AS (
                  setweight(to_tsvector('english', title || ' ' || terms), 'A') ||
                  setweight(to_tsvector('english', body), 'B') ||
                  setweight(to_tsvector('english', trail), 'C')) STORED,
    UNIQUE (page, anchor)
);
CREATE INDEX docs_sections_search ON docs_sections USING GIN (search);

CREATE TABLE docs_index_meta (
    singleton  BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    checksum   TEXT NOT NULL,
    sections   INTEGER NOT NULL CHECK (sections >= 0),
    examples   INTEGER NOT NULL CHECK (examples >= 0),
    built_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- How many sections contain each lexeme (from ts_stat at load time): ts_rank_cd knows no term rarity, so the
-- search weighs each query term by its inverse document frequency ("lambda" says more than "function").
CREATE TABLE docs_lexemes (
    word  TEXT PRIMARY KEY,
    ndoc  INTEGER NOT NULL CHECK (ndoc > 0)
);
