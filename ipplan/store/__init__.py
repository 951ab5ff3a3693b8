"""Many plans in one SQLite file: build it (`ipplan index`), search it, read Documents back.

The file is plain SQLite (tables documents, nodes, units, targets, results and
the full-text table nodes_fts; see schema.py), so Datasette, DuckDB, pandas and
the sqlite3 shell open it as it is. Every document row keeps the whole Document
JSON, so any command can work from the index instead of re-parsing.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .schema import STORE_VERSION

if TYPE_CHECKING:  # sqlite3 and the models load when an index is opened, not with `ipplan --version`
    import sqlite3

    from ..schema.models import Document

__all__ = ["StoreError", "connect", "documents", "STORE_VERSION"]

BUSY_TIMEOUT_MS = 60_000


class StoreError(RuntimeError):
    """An index that cannot be used (missing, not SQLite, another schema version): one line for stderr."""


def connect(db: str | Path, write: bool = False) -> sqlite3.Connection:
    """A connection with foreign keys on, WAL and a busy timeout, so two indexers wait for each other."""
    import sqlite3

    path = Path(db)
    if not write and not path.is_file():
        raise StoreError("no such index; build it with `ipplan index PATH… --db FILE`")
    try:
        if write:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        else:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                                   isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the database: {exc}") from None
    try:
        version = _settle(conn, write)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if "unable to open" in str(exc):
            raise StoreError(f"cannot open the database: {exc}") from None
        raise StoreError(f"not an ipplan index: {exc}") from None
    if version == 0 and write:
        _create(conn)
    elif version != STORE_VERSION:
        conn.close()
        if version == 0:
            raise StoreError("not an ipplan index (no ipplan tables); build it with `ipplan index`")
        raise StoreError(f"index schema version {version}, this ipplan reads version {STORE_VERSION}; "
                         "rebuild the index into a new file")
    return conn


def _settle(conn: sqlite3.Connection, write: bool) -> int:
    """Connection settings, then the schema version. Switching a new file to WAL takes a lock that SQLite's
    busy handler does not wait for, so a second indexer starting at the same moment retries here instead
    of calling the file no index."""
    import sqlite3
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.02
    while True:
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            if write:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            return conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


def _create(conn: sqlite3.Connection) -> None:
    import sqlite3

    from .. import __version__
    from .schema import DDL

    try:
        conn.execute("BEGIN IMMEDIATE")
        if conn.execute("PRAGMA user_version").fetchone()[0] == 0:  # another indexer may have just created it
            if conn.execute("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchone()[0]:
                raise StoreError("the file is an SQLite database but not an ipplan index; choose another --db")
            for statement in _statements(DDL):
                conn.execute(statement)
            conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)",
                             [("store_version", str(STORE_VERSION)), ("created_by", f"ipplan {__version__}")])
            conn.execute(f"PRAGMA user_version = {STORE_VERSION}")
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        conn.execute("ROLLBACK")
        if "fts5" in str(exc):
            raise StoreError("this Python's SQLite has no FTS5 full-text search; use a build with FTS5") from None
        raise
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _statements(ddl: str) -> Iterator[str]:
    """DDL split at statement ends (a trigger body holds `;` too: sqlite3.complete_statement knows)."""
    import sqlite3

    buf = ""
    for line in ddl.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                yield buf.strip()
            buf = ""


def documents(db: str | Path, region: str | None = None, sources: list[str] | None = None) -> Iterator["Document"]:
    """The Documents stored in an index, in the order they were indexed, rebuilt from their JSON.

    The same models `ipplan.parse` returns, so tasks, targets and compare work from the
    index without re-parsing. `region` keeps plans whose region contains the text;
    `sources` keeps documents with these source labels.
    """
    from ..schema.models import Document

    conn = connect(db)
    try:
        sql = "SELECT document FROM documents"
        where, args = [], []
        if region:
            where.append("(instr(coalesce(region, ''), ?) > 0 OR instr(coalesce(parent_region, ''), ?) > 0)")
            args += [region, region]
        if sources:
            where.append(f"source IN ({','.join('?' * len(sources))})")
            args += sources
        if where:
            sql += " WHERE " + " AND ".join(where)
        for (text,) in conn.execute(sql + " ORDER BY id", args):
            yield Document.model_validate_json(text)
    finally:
        conn.close()
