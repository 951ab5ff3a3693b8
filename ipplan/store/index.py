"""Building the index: skip what is unchanged, replace what changed, atomically.

Identity is the file's absolute path; a file is skipped when its bytes (sha256)
and the way it would be parsed (`parse_key`: ipplan version, --encoding,
--lexicon) are what the index already holds. Each document is deleted and
re-inserted inside a transaction, and transactions commit in small batches, so a
run that is killed leaves only whole documents behind and the next run finishes
the job: the result is the same database an uninterrupted run gives. WAL and a
busy timeout let two indexers (or a reader and an indexer) share the file.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from .schema import DOCUMENT_COLUMNS, NODE_COLUMNS, RESULT_COLUMNS, TARGET_COLUMNS, UNIT_COLUMNS

COMMIT_EVERY_S = 1.0
COMMIT_EVERY_DOCS = 200  # IPPLAN_INDEX_COMMIT_DOCS overrides it (smaller: less lost to a kill, slower builds)


@dataclass
class Stats:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    pruned: int = 0
    failed: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"added": self.added, "replaced": self.replaced, "unchanged": self.unchanged, "pruned": self.pruned,
                "failed": self.failed, "seconds": round(self.seconds, 3)}


def parse_key(encoding: str | None, lexicon_path: Path | None, input_format: str | None = None,
              errors: str = "strict") -> str:
    """What besides the bytes decides the parse: a new ipplan, another lexicon or reader re-parses the file."""
    from .. import __version__
    from ..schema.models import SCHEMA_VERSION

    lexicon = hashlib.sha256(lexicon_path.read_bytes()).hexdigest()[:16] if lexicon_path else "-"
    key = f"ipplan {__version__}; schema {SCHEMA_VERSION}; encoding {encoding or 'auto'}; lexicon {lexicon}"
    if input_format or errors != "strict":  # the default settings keep the key indexes already hold
        key += f"; format {input_format or 'auto'}; errors {errors}"
    return key


def stored(conn: sqlite3.Connection) -> dict[str, tuple[int, str, str]]:
    """path → (id, sha256, parse_key) of what the index holds."""
    return {path: (id_, sha, key) for id_, path, sha, key in conn.execute(
        "SELECT id, path, sha256, parse_key FROM documents")}


def file_digest(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None  # the parse job reports why, with the same words as every other command


class Writer:
    """Inserts records in input order, committing in batches; a rollback never leaves half a document."""

    def __init__(self, conn: sqlite3.Connection, key: str) -> None:
        self.conn = conn
        self.key = key
        self.pending = 0
        self.since = time.monotonic()
        try:
            self.every = max(1, int(os.environ.get("IPPLAN_INDEX_COMMIT_DOCS", COMMIT_EVERY_DOCS)))
        except ValueError:
            self.every = COMMIT_EVERY_DOCS

    def _begin(self) -> None:
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")
            self.since = time.monotonic()

    def put(self, path: str, source: str, rec: dict[str, Any]) -> str:
        """Add or replace one document; returns 'added', 'replaced' or 'unchanged'."""
        self._begin()
        conn = self.conn
        doc = rec["document"]
        row = conn.execute("SELECT id, sha256, parse_key FROM documents WHERE path = ?", (path,)).fetchone()
        if row and row[1] == doc["sha256"] and row[2] == self.key:
            return "unchanged"  # another indexer stored the same bytes meanwhile
        if row:
            doc_id = row[0]
            conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        else:
            doc_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM documents").fetchone()[0]
        values = {"id": doc_id, "path": path, "source": source, "name": Path(source).name, "parse_key": self.key, **doc}
        conn.execute(_insert("documents", DOCUMENT_COLUMNS), [values[c] for c in DOCUMENT_COLUMNS])
        base = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM nodes").fetchone()[0]
        node_id = [base + seq for seq in range(len(rec["nodes"]))]

        def nid(seq: int | None) -> int | None:
            return None if seq is None else node_id[seq]

        conn.executemany(_insert("nodes", NODE_COLUMNS),
                         [(node_id[n[1]], doc_id, nid(n[0]), *n[1:]) for n in rec["nodes"]])
        conn.executemany(_insert("units", UNIT_COLUMNS[1:]), [(doc_id, nid(u[0]), *u[1:]) for u in rec["units"]])
        conn.executemany(_insert("targets", TARGET_COLUMNS[1:]), [(doc_id, nid(t[0]), *t[1:]) for t in rec["targets"]])
        conn.executemany(_insert("results", RESULT_COLUMNS[1:]), [(doc_id, nid(r[0]), *r[1:]) for r in rec["results"]])
        self.pending += 1
        if self.pending >= self.every or time.monotonic() - self.since >= COMMIT_EVERY_S:
            self.commit()
        return "replaced" if row else "added"

    def prune(self, keep: set[str]) -> int:
        """Drop documents whose file is gone (not among `keep`, the files seen, and missing on disk)."""
        self._begin()
        gone = [(id_,) for id_, path in self.conn.execute("SELECT id, path FROM documents")
                if path not in keep and not Path(path).is_file()]
        self.conn.executemany("DELETE FROM documents WHERE id = ?", gone)
        return len(gone)

    def commit(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
        self.pending = 0

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self.pending = 0


def _insert(table: str, columns: Iterable[str]) -> str:
    cols = list(columns)
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"


def build(db: Path, names: list[str], *, encoding: str | None = None, lexicon_path: Path | None = None,
          lexicon: object | None = None, workers: int | None = None, engine: str = "local",
          scheduler: str | None = None, prune: bool = False, progress: bool | None = None,
          input_format: str | None = None, errors: str = "strict") -> Iterator[tuple[str, str | None]]:
    """Index files; yields (name, error) for each file that failed, and returns Stats via StopIteration.value."""
    from ..batch import Job, run
    from . import connect

    start = time.perf_counter()
    stats = Stats()
    conn = connect(db, write=True)
    key = parse_key(encoding, lexicon_path, input_format, errors)
    try:
        known = stored(conn)
        jobs: list[tuple[str, Job]] = []
        seen: set[str] = set()
        for name in names:
            path = str(Path(name).resolve())
            if path in seen:
                continue
            seen.add(path)
            have = known.get(path)
            if have and have[2] == key and have[1] == file_digest(name):
                stats.unchanged += 1
                continue
            jobs.append((path, Job(name=name, source=name, path=name, encoding=encoding, want="record",
                                   input_format=input_format, errors=errors)))
        writer = Writer(conn, key)
        try:
            outcomes = run([job for _, job in jobs], lexicon=lexicon, workers=workers, engine=engine,
                           scheduler=scheduler, progress=progress)
            for (path, job), outcome in zip(jobs, outcomes):
                if outcome.error is not None or outcome.record is None:
                    stats.failed += 1
                    yield job.name, outcome.error or "no record"
                    continue
                result = writer.put(path, job.source, outcome.record)
                setattr(stats, result, getattr(stats, result) + 1)
            if prune:
                stats.pruned = writer.prune(seen)
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        if stats.added or stats.replaced or stats.pruned:
            conn.execute("PRAGMA optimize")
    finally:
        conn.close()
    stats.seconds = time.perf_counter() - start
    return stats
