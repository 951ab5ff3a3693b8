"""Task tables: a table whose rows are numbered measures with a unit column becomes items.

National notices publish their measures as a table (`序号 | 改革举措 | 主要内容 | 指导部门
| 推广范围`), with section rows (`一、知识产权保护方面`) spanning the table between the
numbered rows. Each numbered row is a task with its responsible units, exactly like an
item `1.…(责任单位:…)` in prose, so it becomes one: a line `1.改革举措。主要内容。推广范围:
全国。(指导部门:…)` built from the row's own characters (each keeps its input position;
the few joining marks take their neighbour's), which the outline and unit readers already
understand. The table itself stays in the document as a table too.
"""
from __future__ import annotations

import regex

from .segment import FINAL_PUNCT, Piece, table_cells
from .span import Span

_UNIT_COLUMN = regex.compile(r"^(?:指导|牵头|责任|主责|实施|承办|负责|落实|配合|协办|参与|主办)(?:单位|部门)$|^责任主体$")
_NUMBER_COLUMN = regex.compile(r"^(?:序号|编号|序|号)$")
_NUMBER = regex.compile(r"^\d{1,3}$")
_CONTENT_COLUMN = regex.compile(r"内容|措施|举措|说明|描述|要求|任务|事项")


def _squash(text: str) -> str:
    return "".join(text.split())


def _header(cells: list[str]) -> tuple[int, int] | None:
    """(unit column, title column) of a task table's header row, or None."""
    names = [_squash(c) for c in cells]
    if len(names) < 3 or not _NUMBER_COLUMN.match(names[0]):
        return None
    unit = next((k for k, n in enumerate(names) if _UNIT_COLUMN.match(n)), None)
    if unit is None or unit == 1:
        return None
    return unit, 1


def _cell_spans(row: Span) -> list[Span]:
    """The row's cells as spans of the row (tab- or pipe-separated, as segment reads them)."""
    text = row.text
    sep = "\t" if "\t" in text else "|"
    out, start = [], 0
    body = text
    if sep == "|":
        lead = len(text) - len(text.lstrip())
        body = text.strip()
        start = lead + (1 if body.startswith("|") else 0)
        body = body.strip("|")
    for part in body.split(sep):
        out.append(row[start:start + len(part)].strip())
        start += len(part) + 1
    return out


def _mark(text: str, at: int | None) -> Span:
    return Span(text, (at or 0,) * len(text))


def _item(row: Span, header: list[str], unit_col: int, title_col: int) -> Span | None:
    cells = _cell_spans(row)
    if len(cells) != len(header) or not _NUMBER.match(cells[0].text):
        return None
    number = cells[0]
    parts = [number, _mark(".", number.pos[-1])]
    title = cells[title_col]
    if not title.text:
        return None
    parts.append(title)
    last = title.pos[-1]
    for k, cell in enumerate(cells):
        if k in (0, title_col, unit_col) or not cell.text:
            continue
        if parts[-1].text[-1:] not in FINAL_PUNCT:
            parts.append(_mark("。", last))
        if not _CONTENT_COLUMN.search(_squash(header[k])):  # a deadline or a scope says what it is
            parts.append(_mark(f"{_squash(header[k])}:", cell.pos[0]))
        parts.append(cell)
        last = cell.pos[-1]
    if parts[-1].text[-1:] not in FINAL_PUNCT:
        parts.append(_mark("。", last))
    units = cells[unit_col]
    if units.text:
        parts += [_mark(f"({_squash(header[unit_col])}:", units.pos[0]), units, _mark(")", units.pos[-1])]
    return Span.join(parts)


_PROSE_ITEM = regex.compile(r"^\s*\d{1,3}\s*[.、]\s*(?P<title>[^。;]{2,60})")


def _repeats_prose(pieces: list[Piece], titles: list[str]) -> bool:
    """A 分工表 that lists items the prose already numbered: its rows are those items, not new ones.

    `1.推进专利导航。…` in the text, then a table row `1 | 推进专利导航 | 区知识产权局`: making the
    row an item would put 1 after 2 and hand row 1's units to item 2.
    """
    prose = {_squash(m.group("title")) for p in pieces if p.kind == "text"
             and (m := _PROSE_ITEM.match(p.span.text))}
    if not prose or not titles:
        return False
    same = sum(any(t == q or t in q or q in t for q in prose) for t in map(_squash, titles) if len(t) >= 2)
    return 2 * same >= len(titles)


_PROSE_UNITS = regex.compile(r"\((?:[^()]{0,20}(?:单位|部门)\s*:|[^()]{2,200}(?:负责|牵头))")


def task_rows(pieces: list[Piece]) -> list[Piece]:
    """Pieces with each numbered row of a task table added as an item line after its table.

    Only when the text names no units of its own: a plan whose items carry `(责任单位:…)` and that
    attaches a 任务分解表 repeats those items in the table, which stays a table.
    """
    # one search over the text pieces joined by ")": no match holds a ")" after its "(", so none
    # spans two pieces, and one is found exactly when some piece holds one
    if _PROSE_UNITS.search(")".join([p.span.text for p in pieces if p.kind == "text"])):
        return pieces
    out: list[Piece] = []
    header: list[str] | None = None
    cols: tuple[int, int] | None = None
    for piece in pieces:
        if piece.kind == "text":
            cells = table_cells(piece.span.text)
            if cells is not None and (found := _header(cells)) is not None:
                header, cols = cells, found  # a header row standing alone (section rows split the table)
                out.append(piece)
                continue
        if piece.kind != "table":
            out.append(piece)
            continue
        spans = piece.row_spans
        if (found := _header(piece.rows[0])) is not None:
            header, cols = piece.rows[0], found
            spans = spans[1:]
        out.append(piece)
        if header is None or cols is None:
            continue
        items = [_item(span, header, *cols) for span in spans]
        titles = [cells[cols[1]].text for span in spans if len(cells := _cell_spans(span)) > cols[1]]
        if items and all(item is not None for item in items) and not _repeats_prose(out, titles):
            out.extend(Piece("text", item) for item in items if item is not None)
    return out
