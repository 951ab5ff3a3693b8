"""The compare views as flat rows for CSV and markdown: one line per row and document."""
from __future__ import annotations

from .model import CompareResult

COLUMNS = {
    "targets": ["view", "key", "name", "doc", "region", "human", "best", "op", "value", "low", "high", "unit", "year",
                "line", "raw"],
    "tools": ["view", "type", "tool", "domain", "doc", "region", "count", "items"],
    "themes": ["view", "theme", "doc", "region", "count", "items"],
    "units": ["view", "unit", "aliases", "doc", "region", "count", "led", "co", "items"],
    "measures": ["view", "similarity", "doc", "region", "path", "title", "line", "other_doc", "other_region",
                 "other_path", "other_title", "other_line", "earlier", "edits"],
}

NUMERIC = {"value", "low", "high", "year", "line", "count", "led", "co", "similarity", "other_line"}


def rows(result: CompareResult, view: str) -> list[dict]:
    region = {d.id: d.region for d in result.documents}
    out: list[dict] = []
    if view == "targets":
        for r in result.targets.rows:
            for doc, cells in r.cells.items():
                for c in cells:
                    out.append({"view": view, "key": r.key, "name": r.name, "doc": doc, "region": region[doc], "human": c.human,
                                "best": doc in r.best, **c.model_dump(mode="json", exclude={"human"})})
    elif view == "tools":
        for r in result.tools.rows:
            for doc, c in r.cells.items():
                out.append({"view": view, "type": r.type, "tool": r.tool, "domain": r.domain, "doc": doc, "region": region[doc],
                            "count": c.count, "items": " ".join(c.items)})
        for u in result.tools.uncoded:
            out.append({"view": view, "type": None, "tool": "(uncoded)", "domain": None, "doc": u.doc, "region": region[u.doc],
                        "count": 1, "items": u.path})
    elif view == "themes":
        for r in result.themes.rows:
            for doc in region:
                c = r.cells.get(doc)
                out.append({"view": view, "theme": r.theme, "doc": doc, "region": region[doc], "count": c.count if c else 0,
                            "items": " ".join(c.items) if c else ""})
    elif view == "units":
        for r in result.units.rows:
            for doc, c in r.cells.items():
                out.append({"view": view, "unit": r.unit, "aliases": "、".join(r.aliases), "doc": doc, "region": region[doc],
                            "count": c.count, "led": len(r.led.get(doc, [])), "co": len(r.co.get(doc, [])),
                            "items": " ".join(c.items)})
    elif view == "measures":
        m = result.measures
        for p in m.pairs:
            out.append({"view": view, "similarity": p.similarity, "doc": p.a.doc, "region": region[p.a.doc], "path": p.a.path,
                        "title": p.a.title, "line": p.a.line, "other_doc": p.b.doc, "other_region": region[p.b.doc],
                        "other_path": p.b.path, "other_title": p.b.title, "other_line": p.b.line,
                        "earlier": p.earlier, "edits": "; ".join(f"{e.a}→{e.b}" for e in p.edits)})
        for doc, sides in m.own.items():
            for s in sides:
                out.append({"view": view, "similarity": None, "doc": doc, "region": region[doc], "path": s.path,
                            "title": s.title, "line": s.line})
    return out


def header(views: list[str]) -> list[str]:
    cols: list[str] = []
    for v in views:
        cols.extend(c for c in COLUMNS[v] if c not in cols)
    return cols
