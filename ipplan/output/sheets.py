"""A workbook of whole documents (`ipplan parse --format xlsx`): one sheet per table.

Sheets: `documents` (one row per notice), `outline` (every entry), `targets`, then each
table the plans hold, as written, with its caption and outline path in the sheet's first rows.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence


def document_sheets(docs: Sequence[Any], script: str = "simplified") -> list[tuple[str, list[str], list[list]]]:
    from ..query import info_row, target_row
    from .text import shown

    info_cols = ["file", "region", "parent_region", "title", "period", "issuer", "doc_number", "issued", "items",
                 "units", "targets", "warnings"]
    sheets: list[tuple[str, list[str], list[list]]] = [
        ("documents", info_cols, [[info_row(d, script).get(c) for c in info_cols] for d in docs])]
    outline_cols = ["file", "path", "kind", "label", "title", "text", "units", "role", "line", "end_line"]
    outline = []
    for d in docs:
        for n in d.iter_nodes():
            outline.append([d.source, "/".join(n.path), n.kind, n.label,
                            shown(n.title, n.title_as_written, d.meta.script, script),
                            shown(n.text, n.text_as_written, d.meta.script, script),
                            [u.name for u in n.units], n.role, n.line, n.end_line])
    sheets.append(("outline", outline_cols, outline))
    target_cols = ["file", "region", "name", "key", "scope", "op", "value", "low", "high", "unit", "year", "kind",
                   "source", "line", "path", "raw"]
    sheets.append(("targets", target_cols,
                   [[target_row(d, t, script).get(c) for c in target_cols] for d in docs for t in d.targets]))
    for d in docs:
        for i, table in enumerate(d.tables, start=1):
            width = max([len(table.header)] + [len(r) for r in table.rows])
            rows: list[list] = [[c for c in r] + [""] * (width - len(r)) for r in table.rows]
            name = f"{Path(d.source or 'doc').stem[:20]} T{i}"
            sheets.append((name, list(table.header) + [""] * (width - len(table.header)), rows))
    return sheets
