"""A parsed Document as the rows the index stores: pure, so it runs on the parse workers.

Segmenting text with jieba costs about as much as parsing it, so it is done here,
next to the parse (in `--jobs` workers or on Dask workers), and the process that
writes the database only inserts rows. Ids are local (`seq`); the writer turns
them into row ids.
"""
from __future__ import annotations

import functools
import json
from typing import Any, Iterator

from ..schema.models import Document, Node


@functools.cache
def _jieba() -> Any:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict" chatter on stderr
    jieba.initialize()
    return jieba


def segment(text: str) -> str:
    """Words for the full-text column: jieba's search mode gives 发明专利 and also 发明, 专利."""
    if not text:
        return ""
    return " ".join(tok for tok in _jieba().lcut_for_search(text) if tok.strip())


def query_words(query: str) -> list[str]:
    """The words of a query, cut the way `segment` cut the text (precise mode, punctuation dropped)."""
    import regex

    words: list[str] = []
    for tok in _jieba().lcut(query):
        tok = tok.strip()
        if tok and regex.search(r"[\p{L}\p{N}]", tok):
            words.append(tok)
    return words


def _walk(nodes: list[Node], parent: int | None, top: Node | None,
          depth: int) -> Iterator[tuple[Node, int | None, Node, int]]:
    """(node, id() of its parent, its top-level node, depth), depth first in document order."""
    for node in nodes:
        head = top or node
        yield node, parent, head, depth
        yield from _walk(node.children, id(node), head, depth + 1)


def record(doc: Document, sha256: str, size: int) -> dict[str, Any]:
    """Rows for one document; node references are positions in `nodes` (0-based)."""
    from ..query import iter_tasks

    tasks = {id(node) for node, _ in iter_tasks(doc)}
    seq_of: dict[int, int] = {}
    by_path: dict[tuple[str, ...], int] = {}
    nodes: list[tuple] = []
    units: list[tuple] = []
    for node, parent, top, depth in _walk(doc.outline, None, None, 0):
        seq = len(nodes)
        seq_of[id(node)] = seq
        by_path.setdefault(tuple(node.path), seq)
        parent_seq = seq_of.get(parent) if parent is not None else None
        nodes.append((parent_seq, seq, "/".join(node.path), depth, node.kind, node.label, node.label_raw, node.title,
                      node.text, node.role, top.title, top.role, int(id(node) in tasks), node.line, node.end_line,
                      segment(node.title), segment(node.text)))
        for unit in node.units:
            units.append((seq, unit.name, unit.role, unit.line))
    targets: list[tuple] = []
    for i, target in enumerate(doc.targets):
        data = target.model_dump(mode="json")
        node_seq = by_path.get(tuple(target.path)) if target.path else None
        targets.append((node_seq, i, data["name"], data["key"], data["scope"], data["op"], data["value"], data["low"],
                        data["high"], data["unit"], data["year"], data["kind"], data["source"], data["line"],
                        data["raw"], "/".join(target.path) if target.path else None))
    results: list[tuple] = []
    for i, result in enumerate(getattr(doc, "results", None) or []):  # present once the model has results
        data = result.model_dump(mode="json") if hasattr(result, "model_dump") else dict(result)
        path = data.get("path")
        path_list = path if isinstance(path, list) else None
        node_seq = by_path.get(tuple(path_list)) if path_list else None
        name = data.get("name") or data.get("title")
        results.append((node_seq, i, name if isinstance(name, str) else None,
                        data.get("line") if isinstance(data.get("line"), int) else None,
                        "/".join(path_list) if path_list else (path if isinstance(path, str) else None),
                        json.dumps(data, ensure_ascii=False)))
    meta = doc.meta
    document = {
        "sha256": sha256, "size": size, "schema_version": doc.schema_version, "encoding": doc.encoding,
        "title": meta.title, "notice_title": meta.notice_title, "issuer": meta.issuer, "doc_number": meta.doc_number,
        "issued": meta.issued.isoformat() if meta.issued else None, "region": meta.region,
        "parent_region": meta.parent_region,
        "period_start": meta.period[0] if meta.period else None, "period_end": meta.period[1] if meta.period else None,
        "period_source": meta.period_source, "script": meta.script, "nodes": len(nodes), "targets": len(targets),
        "warnings": len(doc.warnings), "document": doc.model_dump_json(),
    }
    return {"document": document, "nodes": nodes, "units": units, "targets": targets, "results": results}
