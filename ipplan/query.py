"""Questions asked of a parsed document, shared by the CLI and library users.

Filters are honest: a query is normalised the way the document is (full-width
punctuation folded, traditional script converted, layout spaces dropped), so a
query typed as the source writes it (`质量导向，落实`, `知識產權`) finds its rows.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

import regex

if TYPE_CHECKING:
    from .schema.models import Document, Node

TASK_KINDS = ("item", "subitem", "point", "article")
_META_CHARS = set("\\.^$*+?{}[]()|")


def iter_tasks(doc: "Document", role: str | None = None) -> Iterator[tuple["Node", "Node"]]:
    """(task, its chapter) for what a plan asks someone to do.

    A task is a numbered item, or a section that has no items under it (plans such as
    Jinan's number their measures as (一)…(二十九) directly under chapters). With `role`,
    only tasks under chapters of that role.
    """
    def walk(nodes: list["Node"], chapter: "Node | None") -> Iterator[tuple["Node", "Node"]]:
        for node in nodes:
            top = chapter or node
            if node.kind in TASK_KINDS or (not node.children and node is not top):
                if role is None or top.role == role:
                    yield node, top
            yield from walk(node.children, top)

    yield from walk(doc.outline, None)


# -- query normalisation ------------------------------------------------------------------

def _tidy(text: str) -> str:
    """Drop spaces except between two ASCII letters or digits, as the parser does to titles and text."""
    return regex.sub(r"(?<![A-Za-z0-9])\s+|\s+(?![A-Za-z0-9])", "", text.strip())


@functools.lru_cache(maxsize=4096)
def fold_query(text: str, script: str = "traditional") -> str:
    """A literal query in the document's normalised spelling (width, script, spaces)."""
    from .parse.normalise import normalise

    lines = normalise(text.replace("\n", " "), script=script).lines
    return _tidy(" ".join(line.text for line in lines))


def _fold_pattern(pattern: str, script: str) -> str:
    """A regex in the normalised spelling; a full-width （ ） ． etc. stays a literal, not a group or a wildcard."""
    from .parse.normalise import normalise

    out: list[str] = []
    for line in normalise(pattern.replace("\n", " "), script=script).lines:
        for ch, pos in zip(line.text, line.pos):
            written = pattern[pos] if 0 <= pos < len(pattern) else ch
            if ch in _META_CHARS and written != ch and written.isascii() is False:
                out.append("\\" + ch)
            else:
                out.append(ch)
        out.append(" ")
    return _tidy("".join(out))


@dataclass(frozen=True)
class TextFilter:
    """A --grep regex, matched in the normalised spelling (and, if it differs, in the query's own script)."""

    query: str
    patterns: tuple[Any, ...]

    @classmethod
    def compile(cls, query: str) -> "TextFilter":
        """Raises regex.error for a pattern that is not a valid regex."""
        forms = dict.fromkeys([_fold_pattern(query, "traditional"), _fold_pattern(query, "simplified")])
        return cls(query, tuple(regex.compile(f) for f in forms if f))

    def search(self, *texts: str | None) -> bool:
        return any(p.search(t) for p in self.patterns for t in texts if t)


def contains(query: str, *texts: str | None) -> bool:
    """Whether a literal query (a unit, a region) occurs in one of `texts`, both normalised."""
    forms = {fold_query(query, "traditional"), fold_query(query, "simplified")}
    targets = [fold_query(t, "simplified") for t in texts if t]
    return any(f and f in t for f in forms for t in targets)


def region_matches(query: str, doc: "Document") -> bool:
    """--region: the plan's region or the region above it (上海 finds 徐汇区 in 上海市)."""
    return contains(query, doc.meta.region, doc.meta.parent_region)


def resolve_key(query: str, lexicon: Any) -> str | None:
    """--key accepts a key or an indicator's name or alias as the source writes it (width, script)."""
    from .parse.indicators import match_indicator

    if query in lexicon.indicators:
        return query
    lowered = query.strip().lower()
    for key in lexicon.indicators:
        if key.lower() == lowered:
            return key
    name = fold_query(query)
    if not name:
        return None
    for ind in lexicon.indicators.values():
        if name == fold_query(ind.name, "simplified"):
            return ind.key
    return match_indicator(name, lexicon)


# -- rows --------------------------------------------------------------------------------

def _shown(norm: str | None, written: str | None, doc_script: str, script: str) -> str | None:
    from .output.text import shown

    return shown(norm, written, doc_script, script)


def task_row(doc: "Document", node: "Node", chapter: "Node", script: str = "simplified") -> dict:
    """One `ipplan tasks` row: title, text and chapter as written; the normalised forms alongside."""
    meta = doc.meta
    return {
        "file": doc.source, "doc": Path(doc.source or "-").name, "region": meta.region,
        "path": "/".join(node.path),
        "title": _shown(node.title, node.title_as_written, meta.script, script),
        "text": _shown(node.text, node.text_as_written, meta.script, script),
        "units": [u.name for u in node.units], "lead": (node.unit_roles or {}).get("lead", []),
        "line": node.line,
        "chapter": _shown(chapter.title, chapter.title_as_written, meta.script, script),
        "role": chapter.role,
        "title_normalised": node.title, "text_normalised": node.text,
    }


def target_row(doc: "Document", target: Any, script: str = "simplified") -> dict:
    """One `ipplan targets` row: the name as the source writes it (from `raw`), the normalised name alongside."""
    from .parse.written import line_as_written

    data = target.model_dump(mode="json")
    data["path"] = "/".join(target.path) if target.path else None
    written = line_as_written(target.name, target.raw, 0, len(target.raw)) if target.raw else None
    data["name"] = _shown(target.name, written, doc.meta.script, script)
    data["name_normalised"] = target.name
    return {"file": doc.source, "doc": Path(doc.source or "-").name, "region": doc.meta.region, **data}


def info_row(doc: "Document", script: str = "simplified") -> dict:
    """One line per document, for a quick look at a folder."""
    meta = doc.meta
    nodes = list(doc.iter_nodes())
    units = {u.name for n in nodes for u in n.units}
    return {
        "file": doc.source, "doc": Path(doc.source or "-").name, "region": meta.region,
        "parent_region": meta.parent_region,
        "title": _shown(meta.title, meta.title_as_written, meta.script, script),
        "period": f"{meta.period[0] or ''}-{meta.period[1]}" if meta.period else None,
        "issuer": meta.issuer, "doc_number": meta.doc_number,
        "issued": meta.issued.isoformat() if meta.issued else None,
        # the tasks `ipplan tasks` lists: a national guidance numbers its measures (三)…(二十) as sections
        "items": sum(1 for _ in iter_tasks(doc)), "units": len(units),
        "targets": len(doc.targets), "warnings": len(doc.warnings), "script": meta.script,
        "encoding": doc.encoding,
    }
