"""A whole document as markdown (`ipplan parse --format md`): headings, items, a targets table."""
from __future__ import annotations

import io
from typing import Any

from .human import target_amount
from .text import by_part, label_text, part_heading, shown
from .writers import md_cell


def markdown(doc: Any, script: str = "simplified") -> str:
    """Headings and titles as written (full-width punctuation), so the page reads like the plan."""
    buf = io.StringIO()
    meta = doc.meta

    def say(norm: str | None, written: str | None) -> str:
        return shown(norm, written, meta.script, script) or ""

    title = say(meta.title, getattr(meta, "title_as_written", None))
    buf.write(f"# {title or doc.source or '(untitled)'}\n\n")
    facts = [("notice", meta.notice_title), ("issuer", meta.issuer), ("number", meta.doc_number),
             ("issued", meta.issued.isoformat() if meta.issued else None), ("region", meta.region),
             ("period", f"{meta.period[0] or ''}–{meta.period[1]}" if meta.period else None)]
    for key, value in facts:
        if value:
            buf.write(f"- **{key}**: {value}\n")
    buf.write("\n")

    def add(node: Any, depth: int, base: int = 0) -> None:
        units = f" *({'、'.join(u.name for u in node.units)})*" if node.units else ""
        label, _ = label_text(node, say(node.label_raw, getattr(node, "label_as_written", None)))
        name = say(node.title, getattr(node, "title_as_written", None))
        if depth - base <= 2:
            if not buf.getvalue().endswith("\n\n"):
                buf.write("\n")
            buf.write(f"{'#' * (depth + 1)} {label}{name}{units}\n\n")
        else:
            buf.write(f"{'  ' * (depth - base - 3)}- **{label}** {name}{units}\n")
        for child in node.children:
            add(child, depth + 1, base)

    for part, nodes in by_part(doc):
        base = 0
        if part is not None:  # a part is a heading of the title's level; its entries sit one level below
            if not buf.getvalue().endswith("\n\n"):
                buf.write("\n")
            buf.write(f"## {part_heading(part)}\n\n")
            base = 1
        for node in nodes:
            add(node, 1 + base, base)
    if doc.targets:
        buf.write("\n## Targets\n\n| indicator | amount | year | line |\n|---|---:|---:|---:|\n")
        for t in doc.targets:
            row = t.model_dump(mode="json")
            cells = [t.name, target_amount(row), t.year or "", t.line]
            buf.write("| " + " | ".join(md_cell(c) for c in cells) + " |\n")
    return buf.getvalue()
