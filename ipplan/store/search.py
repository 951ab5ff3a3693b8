"""Full-text search over outline nodes: jieba words in FTS5, ranked by bm25, checked against the text.

SQLite's own tokenizers fail Chinese (unicode61 keeps a whole run of Han
characters as one token; trigram needs three characters, so 专利 never matches),
so the index stores jieba's search-mode words, space-separated, and a query is
cut the same way. FTS5 finds the candidates and ranks them (titles weigh more
than text); a hit is kept only when every query word also occurs in the node's
title or text as written, so a word jieba happened to cut differently never
gives a false match.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any, Iterator

SNIPPET_BEFORE, SNIPPET_AFTER = 24, 48
MARK = ("**", "**")


@dataclass
class Hit:
    document: str
    region: str | None
    title_doc: str | None
    path: str
    kind: str
    title: str
    snippet: str
    line: int
    score: float
    units: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {"document": self.document, "region": self.region, "plan": self.title_doc, "path": self.path,
                "kind": self.kind, "title": self.title, "snippet": self.snippet, "line": self.line,
                "score": round(self.score, 4), "units": self.units}


def fts_query(words: list[str]) -> str:
    """Every word must occur; each is a quoted FTS5 string, so no query syntax leaks in."""
    return " AND ".join('"' + w.replace('"', '""') + '"' for w in words)


def _terms(query: str) -> tuple[list[str], list[str]]:
    """(FTS words, literal strings every hit must contain). Space separates literals; jieba cuts each."""
    from ..parse.normalise import normalise_text
    from .records import query_words

    literals = [normalise_text(part).strip() for part in query.split()]  # same folding/script as the model's text
    literals = [lit for lit in literals if lit]
    words: list[str] = []
    for lit in literals:
        for word in query_words(lit):
            if word not in words:
                words.append(word)
    return words, literals


def search(conn: sqlite3.Connection, query: str, *, unit: str | None = None, region: str | None = None,
           key: str | None = None, year: int | None = None, limit: int | None = 20) -> Iterator[Hit]:
    """Ranked hits, best first; `limit` None or 0 gives all."""
    words, literals = _terms(query)
    if not words:
        raise ValueError("the query has no words to search for")
    where = ["nodes_fts MATCH ?"]
    args: list[Any] = [fts_query(words)]
    if unit:
        where.append("EXISTS (SELECT 1 FROM units u WHERE u.node_id = n.id AND instr(u.name, ?) > 0)")
        args.append(unit)
    if region:
        where.append("(instr(coalesce(d.region, ''), ?) > 0 OR instr(coalesce(d.parent_region, ''), ?) > 0)")
        args += [region, region]
    if key:
        where.append("EXISTS (SELECT 1 FROM targets t WHERE t.node_id = n.id AND t.key = ?)")
        args.append(key)
    if year:
        where.append("(CASE WHEN d.period_start IS NOT NULL THEN ? BETWEEN d.period_start AND d.period_end "
                     "ELSE CAST(substr(d.issued, 1, 4) AS INTEGER) = ? END)")
        args += [year, year]
    sql = f"""
        SELECT d.source, d.region, d.title, n.path, n.kind, n.title, n.text, n.line, n.id,
               bm25(nodes_fts, 3.0, 1.0) AS score
        FROM nodes_fts JOIN nodes n ON n.id = nodes_fts.rowid JOIN documents d ON d.id = n.document_id
        WHERE {' AND '.join(where)}
        ORDER BY score, d.id, n.seq
    """
    shown = 0
    for source, reg, plan, path, kind, title, text, line, node_id, score in conn.execute(sql, args):
        if not all(lit in title or lit in text for lit in literals):
            continue
        units = [u for (u,) in conn.execute("SELECT name FROM units WHERE node_id = ? ORDER BY id", (node_id,))]
        snippet, hit_line = _snippet(title, text, literals, line)
        yield Hit(source, reg, plan, path, kind, title, snippet, hit_line, score, units)
        shown += 1
        if limit and shown >= limit:
            return


def _snippet(title: str, text: str, literals: list[str], line: int) -> tuple[str, int]:
    """A window around the first match, matches marked **like this**, and the line it is on."""
    body = text
    pos = min((body.find(lit) for lit in literals if lit in body), default=-1)
    if pos < 0:  # only the title matches
        body, pos = title, min((title.find(lit) for lit in literals if lit in title), default=0)
        hit_line = line
    else:
        hit_line = line + body.count("\n", 0, pos)  # line breaks the model kept in the text
    start = max(0, pos - SNIPPET_BEFORE)
    end = min(len(body), pos + SNIPPET_AFTER)
    window = body[start:end].replace("\n", " ")
    for lit in sorted(set(literals), key=lambda w: (-len(w), w)):
        window = _mark(window, lit)
    return ("…" if start else "") + window + ("…" if end < len(body) else ""), hit_line


def _mark(window: str, lit: str) -> str:
    out, i = [], 0
    while True:
        j = window.find(lit, i)
        if j < 0:
            out.append(window[i:])
            return "".join(out)
        # do not mark inside an already marked longer literal
        if window.count(MARK[0], 0, j) % 2:
            out.append(window[i:j + len(lit)])
        else:
            out.append(window[i:j] + MARK[0] + lit + MARK[1])
        i = j + len(lit)
