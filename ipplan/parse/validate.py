"""Checks on the finished document: what an analyst should look at before trusting it.

The parser never refuses a document, so doubts become warnings instead:
numbering that skips or repeats, a numbered line the sequence did not accept
(kept as text where it stood), a node without a title. `ipplan check` shows
these and sets its exit code from them.
"""
from __future__ import annotations

from ..schema.models import Document, Node
from .labels import read_label
from .outline import OutlineResult
from .span import LineIndex


def _check_numbering(doc: Document, warnings: list[str]) -> None:
    """Siblings of one family under one parent should count 1, 2, 3 … without gaps or repeats."""
    groups: dict[tuple[tuple[str, ...], str], list[tuple[int, Node]]] = {}
    before: dict[tuple[tuple[str, ...], str], int] = {}  # the family's last number before the group began
    last: dict[tuple[str, str], int] = {}  # per part (attachment, second document) and family, in order
    part_keys = {p.key for p in doc.parts}
    for node in doc.iter_nodes():
        # a label the text lost (numbered from the contents page) has only its key
        raw = node.label_raw or (node.label if node.label.startswith("(") else node.label + "、")
        label = read_label(raw + " ")
        if label is None:
            continue
        key = (tuple(node.path[:-1]), label.family)
        part = (node.path[0] if node.path[0] in part_keys else "", label.family)
        if key not in groups:
            before[key] = last.get(part, 0)
        groups.setdefault(key, []).append((label.number, node))
        last[part] = label.number
    for key, members in groups.items():
        first, node = members[0]
        if first not in (1, before[key] + 1):
            where = "/".join(key[0]) or "the top level"
            warnings.append(f"line {node.line}: numbering starts at {node.label} under {where}")
    for (parent, _), members in groups.items():
        for (before, prev), (number, node) in zip(members, members[1:]):
            if number != before + 1:
                where = "/".join(parent) or "the top level"
                warnings.append(f"line {node.line}: numbering jumps from {prev.label} to {node.label} under {where}")
    for node in doc.iter_nodes():
        if not node.label_raw:
            warnings.append(f"line {node.line}: {'/'.join(node.path)} has no label in the text; "
                            f"numbered from the contents page")
        if not node.title:
            warnings.append(f"line {node.line}: {'/'.join(node.path)} has no title")


def validate(doc: Document, result: OutlineResult, index: LineIndex) -> None:
    warnings: list[str] = []
    if not doc.outline:
        warnings.append("no numbered outline found: the whole text is kept as preamble")
    _check_numbering(doc, warnings)
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
    doc.warnings = sorted(warnings, key=_line_of)


def _line_of(warning: str) -> int:
    return int(warning.split(":")[0][5:]) if warning.startswith("line ") else 0
