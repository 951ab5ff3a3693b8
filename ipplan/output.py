"""Writing results: JSON, JSON Lines, CSV, markdown and rich terminal views.

Kept apart from the CLI so every command shares one behaviour per format
(raw UTF-8 JSON, an optional BOM for Excel, CJK-safe table columns), and so
rich is imported only when a terminal view is actually asked for.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable, Sequence, TextIO

from .schema.models import Document, Node


def dumps(obj: Any, indent: int | None = 2) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=indent)


def write_json(items: list[dict], out: TextIO, single: bool) -> None:
    out.write(dumps(items[0] if single and len(items) == 1 else items) + "\n")


def write_jsonl(items: Iterable[dict], out: TextIO) -> None:
    for item in items:
        out.write(json.dumps(item, ensure_ascii=False) + "\n")


def write_csv(rows: Iterable[Sequence[Any]], header: Sequence[str], out: TextIO, bom: bool = False) -> None:
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n" if bom else "\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])


def write_table(rows: Iterable[Sequence[Any]], header: Sequence[str], out: TextIO, title: str | None = None) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=escape(title) if title else None, show_lines=False, header_style="bold")
    for name in header:
        table.add_column(escape(name), overflow="fold")
    for row in rows:  # plan text may hold [brackets] that rich would read as markup
        table.add_row(*("" if v is None else escape(str(v)) for v in row))
    Console(file=out, soft_wrap=False).print(table)


def write_tree(doc: Document, out: TextIO) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.tree import Tree

    meta = doc.meta
    period = f" {meta.period[0] or ''}–{meta.period[1]}" if meta.period else ""
    root = Tree(f"[bold]{escape(meta.title or doc.source or '(untitled)')}[/bold]"
                f" [dim]{escape(meta.region or '')}{period} {escape(meta.issuer or '')}[/dim]")

    def add(branch: Tree, node: Node) -> None:
        units = f" [cyan]({escape('、'.join(u.name for u in node.units))})[/cyan]" if node.units else ""
        role = f" [magenta]<{node.role}>[/magenta]" if node.role else ""
        child = branch.add(f"[bold]{escape(node.label_raw)}[/bold] {escape(node.title)}{role}{units}"
                           f" [dim]L{node.line}[/dim]")
        for sub in node.children:
            add(child, sub)

    for node in doc.outline:
        add(root, node)
    if doc.targets:
        targets = root.add("[bold]targets[/bold]")
        for t in doc.targets:
            targets.add(escape(f"{t.name} {t.op} {_amount(t)} {t.unit} ({t.year}) L{t.line}"))
    if doc.warnings:
        warn = root.add("[yellow]warnings[/yellow]")
        for w in doc.warnings:
            warn.add(escape(w))
    Console(file=out, soft_wrap=False).print(root)


def amount(data: dict) -> str:
    """A target's number as an analyst reads it: 3–5, >=15, 172."""
    if data.get("op") == "range":
        return f"{data.get('low')}–{data.get('high')}"
    return f"{'' if data.get('op') == '=' else data.get('op')}{data.get('value')}"


def _amount(t: Any) -> str:
    return amount(t.model_dump(mode="json"))


def markdown(doc: Document) -> str:
    buf = io.StringIO()
    meta = doc.meta
    buf.write(f"# {meta.title or doc.source or '(untitled)'}\n\n")
    facts = [("notice", meta.notice_title), ("issuer", meta.issuer), ("number", meta.doc_number),
             ("issued", meta.issued.isoformat() if meta.issued else None), ("region", meta.region),
             ("period", f"{meta.period[0] or ''}–{meta.period[1]}" if meta.period else None)]
    for key, value in facts:
        if value:
            buf.write(f"- **{key}**: {value}\n")
    buf.write("\n")

    def add(node: Node, depth: int) -> None:
        units = f" *({'、'.join(u.name for u in node.units)})*" if node.units else ""
        if depth <= 2:
            if not buf.getvalue().endswith("\n\n"):
                buf.write("\n")
            buf.write(f"{'#' * (depth + 1)} {node.label_raw}{node.title}{units}\n\n")
        else:
            buf.write(f"{'  ' * (depth - 3)}- **{node.label_raw}** {node.title}{units}\n")
        for child in node.children:
            add(child, depth + 1)

    for node in doc.outline:
        add(node, 1)
    if doc.targets:
        buf.write("\n## Targets\n\n| indicator | op | value | unit | year | line |\n|---|---|---|---|---|---|\n")
        for t in doc.targets:
            buf.write(f"| {t.name} | {t.op} | {_amount(t)} | {t.unit} | {t.year or ''} | {t.line} |\n")
    return buf.getvalue()

