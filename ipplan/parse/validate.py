"""Checks on the finished document: what an analyst should look at before trusting it.

The parser never refuses a document, so doubts become warnings instead:
numbering that skips or repeats, a numbered line the sequence did not accept
(kept as text where it stood), a node without a title. `ipplan check` shows
these and sets its exit code from them.
"""
from __future__ import annotations

from ..schema.models import Document, Node
from .outline import OutlineResult
from .span import LineIndex


def _check_siblings(nodes: list[Node], warnings: list[str]) -> None:
    by_family: dict[str, list[Node]] = {}
    for node in nodes:
        by_family.setdefault(node.label_raw[:1] + node.kind, []).append(node)
    for group in by_family.values():
        numbers = [_number(n) for n in group]
        for prev, node, num in zip(group, group[1:], numbers[1:]):
            before = _number(prev)
            if num is not None and before is not None and num != before + 1:
                warnings.append(f"line {node.line}: numbering jumps from {prev.label} to {node.label} "
                                f"under {'/'.join(node.path[:-1]) or 'the top level'}")
    for node in nodes:
        if not node.title:
            warnings.append(f"line {node.line}: {'/'.join(node.path)} has no title")
        _check_siblings(node.children, warnings)


def _number(node: Node) -> int | None:
    from .labels import cn_number

    key = node.label.strip("()第章节条编")
    return cn_number(key)


def validate(doc: Document, result: OutlineResult, index: LineIndex) -> None:
    warnings: list[str] = []
    if not doc.outline:
        warnings.append("no numbered outline found: the whole text is kept as preamble")
    _check_siblings(doc.outline, warnings)
    seen: dict[tuple[str, ...], int] = {}
    for node in doc.iter_nodes():
        key = tuple(node.path)
        if key in seen:
            warnings.append(f"line {node.line}: path {'/'.join(key)} repeats the entry at line {seen[key]}")
        else:
            seen[key] = node.line
    for span, label in result.rejected:
        warnings.append(f"line {index.line_of(span.start)}: '{label.raw}' does not continue the numbering; "
                        f"kept as text")
    if doc.meta.title is None:
        warnings.append("no plan title found")
    doc.warnings = warnings
