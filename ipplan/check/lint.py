"""Lint rules that need only the document model: units, targets, period, 文号, dates, unplaced text.

These judge the plan as published rather than the parser's reading of it, so
they are written against `Document` alone (no parser internals) and can run on
a model loaded back from JSON.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from ..schema.models import Block, Document, Finding, Node
from .rules import finding

# Patterns are compiled on first use (by _compiled): lint runs in every parse, but a document without
# a 文号 or header dates needs only some of them, and a command that never lints none. (Not through
# ipplan.parse.rx: importing the parser here would make a cycle, ipplan.parse.validate imports lint.)
_compiled = lru_cache(maxsize=None)(regex.compile)
# GB/T 9704-2012: 机关代字〔年份〕序号, 六角括号, no 虚位 (leading zero) in the number
_DOC_NO_STRICT = r"[\p{Han}A-Za-z]{1,14}〔(?:19|20)\d{2}〕[1-9]\d{0,3}号"
_DOC_NO_LOOSE = r"^[\p{Han}A-Za-z]{1,14}\s*[〔\[(【（]\s*\d{2,4}\s*[〕\])】）]\s*\d{1,4}\s*号$"
_DATE_LIKE = (r"^[\d〇零一二三四五六七八九]{2,4}\s*年\s*[\d〇零一二三四五六七八九十]{1,3}\s*月"
              r"\s*[\d〇零一二三四五六七八九十]{1,3}\s*日(?:印发|发布|公布)?$|^\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}$")
_DATE_FIRST = frozenset("〇零一二三四五六七八九")  # with a digit, what a _DATE_LIKE line can start with
_DATE_LEAD = r"[\d〇零一二三四五六七八九十年月日/.\-\s]+"
_DATE_HEADERS = ("成文日期", "发布时间", "发布日期", "生效日期")
_DOC_NO_HEADERS = ("文件编号", "发文字号", "文号")


def lint(doc: Document) -> list[Finding]:
    out: list[Finding] = []
    for block in doc.unplaced:
        out.append(finding("unplaced-text", f"text the parser could not place: '{_clip(block.text)}'", block.line))
    _units(doc, out)
    _targets(doc, out)
    _doc_number(doc, out)
    _dates(doc, out)
    return out


def _clip(text: str, size: int = 30) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= size else text[:size] + "…"


def _units(doc: Document, out: list[Finding]) -> None:
    """An item without units is worth a note only in a chapter whose other items name theirs."""
    for chapter in doc.outline:
        items: list[tuple[Node, bool]] = []  # (item, covered by its own, an ancestor's or a child's units)
        for child in chapter.children:
            _walk_items(child, bool(chapter.units), items)
        named = sum(1 for _, covered in items if covered)
        if named < 2 or named < len(items) / 2:
            continue  # a chapter that names no (or few) units is not expected to
        for node, covered in items:
            if not covered:
                out.append(finding("units-missing", f"{'/'.join(node.path)} names no responsible unit, "
                                   f"unlike {named} of the {len(items)} items of its chapter", node.line, None, node.path))


def _walk_items(node: Node, inherited: bool, items: list[tuple[Node, bool]]) -> None:
    """The items under `node`, in order, each with whether units cover it.

    A module-level function, not a closure: a closure that calls itself refers to itself through
    its cell, and that cycle kept the list of items (and their nodes) for the cyclic collector.
    """
    has = inherited or bool(node.units)
    if node.kind == "item":
        # (most items have no children: no generator of descendants to make for them)
        items.append((node, has or (bool(node.children) and any(n.units for n in _descendants(node)))))
        return
    for child in node.children:
        _walk_items(child, has, items)


def _descendants(node: Node):
    for child in node.children:
        yield child
        yield from _descendants(child)


def _targets(doc: Document, out: list[Finding]) -> None:
    period = doc.meta.period if doc.meta.period_source == "stated" else None
    for t in doc.targets:
        if t.year is None:
            out.append(finding("target-no-year", f"target '{t.name}' has no year", t.line, None, t.path))
        if not t.unit:
            out.append(finding("target-no-unit", f"target '{t.name}' has no unit", t.line, None, t.path))
        if period and t.year is not None and not period[0] <= t.year <= period[1]:
            out.append(finding("period-mismatch", f"target '{t.name}' aims at {t.year}, outside the stated period "
                               f"{period[0]}–{period[1]}", t.line, None, t.path))


def _lines(blocks: list[Block]):
    for block in blocks:
        for i, text in enumerate(block.text.split("\n")):
            yield block.line + i, text.strip()


def _doc_number(doc: Document, out: list[Finding]) -> None:
    meta = doc.meta
    number = meta.doc_number
    if number and not _compiled(_DOC_NO_STRICT).fullmatch(number):
        out.append(finding("doc-number-format", f"文号 '{number}' does not read 机关代字〔年份〕序号号 "
                           "(六角括号, no leading zero)", meta.lines.get("doc_number")))
    for key in _DOC_NO_HEADERS:
        value = meta.header.get(key)
        if value and not _compiled(_DOC_NO_LOOSE).match(value.replace(" ", "")) and value != number:
            out.append(finding("doc-number-format", f"header {key} '{_clip(value)}' is not a 文号", None))
    if number is None:
        for line, text in _lines(doc.front_matter):
            if _compiled(_DOC_NO_LOOSE).match(text.replace(" ", "")):
                out.append(finding("doc-number-format", f"'{text}' looks like a 文号 but could not be read", line))


def _dates(doc: Document, out: list[Finding]) -> None:
    from ..parse.meta import parse_date  # the parser's own reading, so the two never disagree

    header = doc.meta.header
    for key in _DATE_HEADERS:
        value = header.get(key)
        if not value:
            continue
        lead = _compiled(_DATE_LEAD).match(value)
        if lead is None or parse_date(lead.group(0).strip()) is None:
            out.append(finding("date-format", f"header {key} '{_clip(value)}' is not a date ipplan can read", None))
    date_like = None
    for line, text in _lines(doc.front_matter + doc.closing + doc.preamble):
        # both forms of _DATE_LIKE start with a digit (\d, a decimal digit: isdigit is a superset) or
        # a Chinese numeral; a stripped line's first character is its first after removing spaces
        first = text[:1]
        if not first or not (first.isdigit() or first in _DATE_FIRST):
            continue
        if date_like is None:
            date_like = _compiled(_DATE_LIKE).match
        if date_like(text.replace(" ", "")) and parse_date(text) is None:
            out.append(finding("date-format", f"'{text}' looks like a date but is not a valid one", line))
