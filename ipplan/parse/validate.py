"""Checks on the finished document: what an analyst should look at before trusting it.

The parser never refuses a document, so doubts become findings instead:
numbering that skips, repeats or goes back, a numbered line the sequence did
not accept (kept as text where it stood), a node without a title, a table row
that gave no target. Each finding names a rule of `ipplan.check.rules`, so
`ipplan check` can print it as text, JSON or SARIF. The checks that need only
the model (units, targets, 文号, dates) live in `ipplan.check.lint` and run here
too, so `doc.findings` is the whole list whether it comes from the API or the CLI.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterator, Mapping

from ..check.lint import lint
from ..check.rules import finding
from ..schema.models import Document, Finding, Node
from . import rx
from .labels import Label, read_label
from .outline import BuildNode, OutlineResult
from .segment import Piece
from .span import LineIndex

# compiled (through rx) on first use: only a document with tables needs them
_NUMBER = r"\d"
_YEAR_CELL = r"\s*(?:19|20)\d{2}\s*年?度?\s*(?:目标|预期|计划)?值?\s*"


def _column(index: LineIndex, offset: int | None) -> int | None:
    """1-based column of an input offset (so SARIF and editors can point at the label itself)."""
    if offset is None:
        return None
    return offset - (index.original.rfind("\n", 0, offset) + 1) + 1


@lru_cache(maxsize=1024)
def _read_written(raw: str) -> Label | None:
    """The label of a node's label as written, read as at a line start; remembered, since a document
    repeats few labels (1. 2. 3. under every section) and Label is immutable."""
    return read_label(raw + " ")


class _Columns:
    """Column of each build node's label, by path, worked out on first use: most documents have no
    numbering finding to place, and then no path needs walking."""

    def __init__(self, result: OutlineResult, index: LineIndex, built: list[BuildNode] | None = None) -> None:
        self.result, self.index, self.built = result, index, built
        self.columns: dict[tuple[str, ...], int | None] | None = None

    def get(self, path: tuple[str, ...]) -> int | None:
        if self.columns is None:
            nodes = _build_nodes(self.result) if self.built is None else self.built
            self.columns = {tuple(b.path()): _column(self.index, b.start.start) for b in nodes}
        return self.columns.get(path)


def _build_nodes(result: OutlineResult) -> Iterator[BuildNode]:
    stack = [root for part in result.parts for root in reversed(part.roots)]
    pop, extend = stack.pop, stack.extend
    while stack:
        node = pop()
        yield node
        if node.children:
            extend(node.children[::-1])


def _check_numbering(doc: Document, out: list[Finding],
                     columns: "Mapping[tuple[str, ...], int | None] | _Columns",
                     nodes: list[Node] | None = None) -> None:
    """Siblings of one family under one parent should count 1, 2, 3 … without gaps, repeats or steps back.

    `nodes` is `list(doc.iter_nodes())` when the caller has it.
    """
    groups: dict[tuple[tuple[str, ...], str], list[tuple[int, Node]]] = {}
    before: dict[tuple[tuple[str, ...], str], int] = {}  # the family's last number before the group began
    last: dict[tuple[str, str], int] = {}  # per part (attachment, second document) and family, in order
    part_keys = {p.key for p in doc.parts}
    if nodes is None:
        nodes = list(doc.iter_nodes())
    for node in nodes:
        # a label the text lost (numbered from the contents page) has only its key
        raw = node.label_raw or (node.label if node.label.startswith("(") else node.label + "、")
        label = _read_written(raw)
        if label is None:
            continue
        path, family = node.path, label.family
        key = (tuple(path[:-1]), family)
        part = (path[0] if path[0] in part_keys else "", family)
        members = groups.get(key)
        if members is None:
            before[key] = last.get(part, 0)
            members = groups[key] = []
        members.append((label.number, node))
        last[part] = label.number

    def add(rule: str, message: str, node: Node) -> None:
        out.append(finding(rule, message, node.line, columns.get(tuple(node.path)), node.path))

    for key, members in groups.items():
        first, node = members[0]
        if first not in (1, before[key] + 1):
            add("numbering-start", f"numbering starts at {node.label} under {'/'.join(key[0]) or 'the top level'}", node)
    for (parent, _), members in groups.items():
        where = "/".join(parent) or "the top level"
        for (previous, prev), (number, node) in zip(members, members[1:]):
            if number == previous:
                add("numbering-duplicate", f"numbering repeats {node.label} under {where}", node)
            elif number < previous:
                add("numbering-order", f"numbering goes back from {prev.label} to {node.label} under {where}", node)
            elif number != previous + 1:
                add("numbering-gap", f"numbering jumps from {prev.label} to {node.label} under {where}", node)
    for node in nodes:
        if not node.label_raw:
            add("label-from-contents", f"{'/'.join(node.path)} has no label in the text; "
                f"numbered from the contents page", node)
        if not node.title:
            add("missing-title", f"{'/'.join(node.path)} has no title", node)


def _check_paths(doc: Document, out: list[Finding], nodes: list[Node] | None = None) -> None:
    """A path names one entry; two entries with one path make every reference to it ambiguous."""
    seen: dict[tuple[str, ...], int] = {}
    for node in doc.iter_nodes() if nodes is None else nodes:
        key = tuple(node.path)
        if key in seen:
            out.append(finding("path-duplicate", f"path {'/'.join(key)} repeats the entry at line {seen[key]}",
                               node.line, None, node.path))
        else:
            seen[key] = node.line


def _check_rejected(doc: Document, result: OutlineResult, index: LineIndex, out: list[Finding],
                    nodes: list[Node] | None = None) -> None:
    """A label the numbering did not accept: a repeat or a step back of the entry before it, or just kept as text."""
    if not result.rejected:
        return  # the accepted entries below are only compared with rejected labels
    accepted: list[tuple[int, str, int, str]] = []  # (line, family, number, label) of the outline's entries
    for node in doc.iter_nodes() if nodes is None else nodes:
        if (label := _read_written(node.label_raw)) is not None:
            accepted.append((node.line, label.family, label.number, node.label))
    for span, label in result.rejected:
        line = index.line_of(span.start)
        before = [a for a in accepted if a[0] <= line and a[1] == label.family]
        kept = "is kept as text"
        if before and before[-1][2] == label.number:
            rule, message = "numbering-duplicate", f"'{label.raw}' repeats the label of line {before[-1][0]}; {kept}"
        elif before and 1 < label.number < before[-1][2]:
            rule, message = "numbering-order", f"'{label.raw}' comes after {before[-1][3]} (line {before[-1][0]}); {kept}"
        else:
            rule, message = "label-rejected", f"'{label.raw}' does not continue the numbering; kept as text"
        out.append(finding(rule, message, line, _column(index, span.start)))


def _table_pieces(result: OutlineResult, built: list[BuildNode] | None = None) -> Iterator[Piece]:
    yield from result.head_tables
    for node in _build_nodes(result) if built is None else built:
        yield from node.tables
    for part in result.parts:
        yield from part.tables
    yield from (p for p in result.closing if p.kind == "table")


def _check_tables(doc: Document, result: OutlineResult, index: LineIndex, out: list[Finding],
                  built: list[BuildNode] | None = None) -> None:
    """In a table that holds targets (or has year columns), a row with numbers but no target was misread."""
    target_lines = {t.line for t in doc.targets if t.source == "table"}
    for piece in _table_pieces(result, built):
        if len(piece.rows) < 2 or len(piece.row_spans) < len(piece.rows):
            continue
        lines = [index.line_of(span.start) for span in piece.row_spans[:len(piece.rows)]]
        has_targets = any(line in target_lines for line in lines[1:])
        year_columns = any(rx.fullmatch(_YEAR_CELL, cell) for cell in piece.rows[0][1:])
        if not (has_targets or year_columns):
            continue
        for row, line in zip(piece.rows[1:], lines[1:]):
            values = [cell for cell in row[1:] if rx.search(_NUMBER, cell)]
            if values and line not in target_lines:
                name = next((c for c in row if c and not rx.fullmatch(_NUMBER, c.strip())), row[0])
                out.append(finding("table-row-unparsed", f"table row '{name[:30]}' holds numbers but gave no target",
                                   line))


def validate(doc: Document, result: OutlineResult, index: LineIndex, built: list[BuildNode] | None = None) -> None:
    """`built` is the outline builder's nodes in `_build_nodes` order when the caller has them listed
    (the builder's tree is final once the outline is built)."""
    findings: list[Finding] = []
    columns = _Columns(result, index, built)
    if not doc.outline:
        findings.append(finding("no-outline", "no numbered outline found: the whole text is kept as preamble"))
    nodes = list(doc.iter_nodes())  # walked once for the three checks below
    _check_numbering(doc, findings, columns, nodes)
    _check_paths(doc, findings, nodes)
    _check_rejected(doc, result, index, findings, nodes)
    _check_tables(doc, result, index, findings, built)
    if doc.meta.title is None:
        findings.append(finding("no-title", "no plan title found"))
    findings += lint(doc)
    doc.findings = sorted(findings, key=lambda f: (f.line or 0, f.column or 0))
