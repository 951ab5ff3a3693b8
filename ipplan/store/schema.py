"""The index's tables, in one place, with the version a database file was written with.

The schema is part of the contract with analysts' SQL, Datasette and DuckDB
queries: a change that renames or removes a column bumps STORE_VERSION (kept in
`PRAGMA user_version` and in the `meta` table), and ipplan refuses to write into
a file of another version rather than mix two layouts.
"""
from __future__ import annotations

STORE_VERSION = 1

# Column order here is the order of the tuples ipplan.store.records builds.
DOCUMENT_COLUMNS = ("id", "path", "source", "name", "sha256", "size", "parse_key", "schema_version", "encoding",
                    "title", "notice_title", "issuer", "doc_number", "issued", "region", "parent_region",
                    "period_start", "period_end", "period_source", "script", "nodes", "targets", "warnings",
                    "document")
NODE_COLUMNS = ("id", "document_id", "parent_id", "seq", "path", "depth", "kind", "label", "label_raw", "title",
                "text", "role", "chapter", "chapter_role", "is_task", "line", "end_line", "title_seg", "text_seg")
UNIT_COLUMNS = ("id", "document_id", "node_id", "name", "role", "line")
TARGET_COLUMNS = ("id", "document_id", "node_id", "seq", "name", "key", "scope", "op", "value", "low", "high",
                  "unit", "year", "kind", "source", "line", "raw", "path")
RESULT_COLUMNS = ("id", "document_id", "node_id", "seq", "name", "line", "path", "data")

DDL = """
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    id             INTEGER PRIMARY KEY,
    path           TEXT NOT NULL UNIQUE,   -- absolute path of the file: the identity re-indexing goes by
    source         TEXT NOT NULL,          -- the path as given to `ipplan index` (Document.source)
    name           TEXT NOT NULL,          -- file name
    sha256         TEXT NOT NULL,          -- of the file's bytes: unchanged files are skipped
    size           INTEGER NOT NULL,
    parse_key      TEXT NOT NULL,          -- ipplan version, encoding option and lexicon the document was parsed with
    schema_version TEXT NOT NULL,          -- of the document model in `document`
    encoding       TEXT,
    title          TEXT,
    notice_title   TEXT,
    issuer         TEXT,
    doc_number     TEXT,                   -- 文号
    issued         TEXT,                   -- YYYY-MM-DD
    region         TEXT,
    parent_region  TEXT,
    period_start   INTEGER,
    period_end     INTEGER,
    period_source  TEXT,
    script         TEXT,                   -- simplified / traditional, as the source was written
    nodes          INTEGER NOT NULL,
    targets        INTEGER NOT NULL,
    warnings       INTEGER NOT NULL,
    document       TEXT NOT NULL           -- the whole Document as `ipplan parse` prints it (JSON)
);
CREATE INDEX IF NOT EXISTS documents_region ON documents(region);
CREATE INDEX IF NOT EXISTS documents_period ON documents(period_start, period_end);

CREATE TABLE IF NOT EXISTS nodes (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    parent_id    INTEGER REFERENCES nodes(id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,         -- order in the document (depth first)
    path         TEXT NOT NULL,            -- labels joined by /: 三/(一)/1
    depth        INTEGER NOT NULL,
    kind         TEXT NOT NULL,            -- part, chapter, section, item, subitem, point, article
    label        TEXT NOT NULL,
    label_raw    TEXT NOT NULL,
    title        TEXT NOT NULL,
    text         TEXT NOT NULL,
    role         TEXT,                     -- a chapter's role
    chapter      TEXT,                     -- title of the top-level node it sits under
    chapter_role TEXT,
    is_task      INTEGER NOT NULL,         -- 1 for what `ipplan tasks` lists
    line         INTEGER NOT NULL,
    end_line     INTEGER NOT NULL,
    title_seg    TEXT NOT NULL,            -- jieba-segmented title, words separated by spaces (full-text search)
    text_seg     TEXT NOT NULL             -- jieba-segmented text
);
CREATE INDEX IF NOT EXISTS nodes_document ON nodes(document_id, seq);
CREATE INDEX IF NOT EXISTS nodes_parent ON nodes(parent_id);
CREATE INDEX IF NOT EXISTS nodes_kind ON nodes(kind);

CREATE TABLE IF NOT EXISTS units (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    node_id     INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL,             -- lead, co, responsible
    line        INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS units_name ON units(name);
CREATE INDEX IF NOT EXISTS units_node ON units(node_id);
CREATE INDEX IF NOT EXISTS units_document ON units(document_id);

CREATE TABLE IF NOT EXISTS targets (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    node_id     INTEGER REFERENCES nodes(id) ON DELETE SET NULL,  -- the node its path names, if any
    seq         INTEGER NOT NULL,
    name        TEXT NOT NULL,
    key         TEXT,
    scope       TEXT,
    op          TEXT NOT NULL,
    value       REAL,
    low         REAL,
    high        REAL,
    unit        TEXT NOT NULL,
    year        INTEGER,
    kind        TEXT,
    source      TEXT NOT NULL,             -- table / text
    line        INTEGER NOT NULL,
    raw         TEXT NOT NULL,
    path        TEXT
);
CREATE INDEX IF NOT EXISTS targets_key_year ON targets(key, year);
CREATE INDEX IF NOT EXISTS targets_document ON targets(document_id);
CREATE INDEX IF NOT EXISTS targets_node ON targets(node_id);

CREATE TABLE IF NOT EXISTS results (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    node_id     INTEGER REFERENCES nodes(id) ON DELETE SET NULL,
    seq         INTEGER NOT NULL,
    name        TEXT,
    line        INTEGER,
    path        TEXT,
    data        TEXT NOT NULL              -- the result as JSON (json_extract(data, '$.field'))
);
CREATE INDEX IF NOT EXISTS results_document ON results(document_id);

-- Full text over item titles and text. External content: the words live in nodes.title_seg/text_seg,
-- so Datasette finds this table for `nodes` and offers ?_search= on it.
CREATE VIRTUAL TABLE IF NOT EXISTS nodes_fts USING fts5(
    title_seg, text_seg, content="nodes", content_rowid="id", tokenize="unicode61"
);
CREATE TRIGGER IF NOT EXISTS nodes_fts_insert AFTER INSERT ON nodes BEGIN
    INSERT INTO nodes_fts(rowid, title_seg, text_seg) VALUES (new.id, new.title_seg, new.text_seg);
END;
CREATE TRIGGER IF NOT EXISTS nodes_fts_delete AFTER DELETE ON nodes BEGIN
    INSERT INTO nodes_fts(nodes_fts, rowid, title_seg, text_seg) VALUES ('delete', old.id, old.title_seg, old.text_seg);
END;
"""
