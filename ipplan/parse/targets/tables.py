"""Targets in an indicator table: one per row and year (or value) column."""
from __future__ import annotations

from decimal import Decimal

import regex

from .. import rx
from ..numbers import parse_number, split_unit, to_base, unit_table
from .base import Found, clean_name
from .words import _words

# ---------------------------------------------------------------- tables

_YEAR_IN_HEAD = regex.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def _year_columns(head: list[str]) -> dict[int, int]:
    """Columns that hold the values for a year: `2024 年`, `2025年目标`, `目标值(2025年)`.

    A base-year column (`2020年(基期)`, `现状值`) holds no target; when some year columns
    say 目标 and others do not, the others are the base year (`2020年 | 2025年目标`).
    """
    words = _words()
    cols: dict[int, tuple[int, bool]] = {}
    for i, h in enumerate(head):
        years = _YEAR_IN_HEAD.findall(h)
        if years and len(h.strip()) <= 14 and not words.base_head.search(h):
            cols[i] = (int(years[-1]), bool(words.goal_head.search(h)))
    if any(goal for _, goal in cols.values()) and not all(goal for _, goal in cols.values()):
        cols = {i: yg for i, yg in cols.items() if yg[1]}
    return {i: y for i, (y, _) in cols.items()}


def _base_columns(head: list[str]) -> dict[int, int]:
    """Columns of values reached in a year before the plan: `2020年(基期)`, `“十四五”完成值`, or `2020年` beside
    `2025年目标`. They hold results, never targets."""
    words = _words()
    goals = _year_columns(head)
    out: dict[int, int] = {}
    for i, h in enumerate(head):
        years = _YEAR_IN_HEAD.findall(h)
        if years and len(h.strip()) <= 14 and i not in goals and (words.base_head.search(h) or goals):
            out[i] = int(years[-1])
    return out


def results_in_table(header: list[str], rows: list[list[str]], note: str | None = None) -> list[tuple[int, Found]]:
    """One result per (row, base-year column): what the table says was reached before the plan."""
    base = _base_columns(header)
    if not base:
        return []
    head = [f"{base[i]}年" if i in base else ("" if _YEAR_IN_HEAD.search(h) or _words().value_head.match(h) else h)
            for i, h in enumerate(header)]
    return targets_in_table(head, rows, note)


_SCOPE = regex.compile(r"^\s*其中\s*[:,]?\s*")


def _unit_word(word: str) -> str | None:
    """The unit a table states, or None: `亿元`, `%`; `件/万人` counts 件 (per 10,000 people)."""
    word = word.strip().replace("％", "%")
    if "/" in word:
        word = word.split("/")[0].strip()
    if not word:
        return None
    _, base = split_unit(word)
    table = unit_table()
    return word if base in table.kinds or base in table.aliases else None


def _name_and_unit(cell: str) -> tuple[str, str | None]:
    """`年知识产权质押融资登记金额(亿元)` -> (`年知识产权质押融资登记金额`, `亿元`)."""
    cell = cell.strip().strip("*★▲☆")
    if ")" in cell and (m := rx.search(r"\(\s*([^()]{1,8})\s*\)\s*$", cell)) and (word := _unit_word(m.group(1))):
        return clean_name(cell[:m.start()]), word
    return clean_name(cell), None


_Cell = tuple[str, Decimal | None, Decimal | None, Decimal | None, str]  # op, value, low, high, base unit


def _read_cell(cell: str, unit_word: str | None) -> _Cell | None:
    """`≥15`, `80以上`, `12-15`, `100%`: a value cell with its own op and unit, scaled by the row's unit."""
    words = _words()
    m = words.cell.match(cell.replace("％", "%"))
    if not m:
        return None
    pre, n1, u1, n2, unit_group, post = m.groups()  # `CELL_GROUPS` (by name each costs ~0.5 us)
    written = (unit_group or u1 or "").strip()
    word = _unit_word(written) if written else (unit_word or "")
    if word is None:
        return None  # `翻一番`, `15件/年`-like cells we cannot read safely
    v1 = parse_number(n1)
    if v1 is None:
        return None
    value, unit = to_base(v1, word) if word else (v1, "")
    op = words.cell_ops.get(pre or "", "=")
    if post == "以上":
        op = ">" if op == ">" else ">="
    elif post in ("以下", "以内"):
        op = "<="
    if n2:
        v2 = parse_number(n2)
        if v2 is None:
            return None
        high = to_base(v2, word)[0] if word else v2
        return "range", None, value, high, unit
    return op, value, None, None, unit


def _kind_from_note(note: str | None) -> tuple[str | None, str | None]:
    """(kind for all rows, kind for rows marked with */★) from a note under the table."""
    if not note:
        return None, None
    has_e, has_c = "预期性" in note, "约束性" in note
    if has_e and has_c:
        marked = "约束性" if rx.search(r"[*★▲☆][^,;。]*约束性", note) else "预期性"
        other = "预期性" if marked == "约束性" else "约束性"
        return other, marked
    return ("预期性" if has_e else "约束性" if has_c else None), None


def targets_in_table(header: list[str], rows: list[list[str]], note: str | None = None) -> list[tuple[int, Found]]:
    """One target per (row, year column) of an indicator table; start/end are 0.

    The unit comes from the cell (`100%`), a unit column, or the name's bracket
    suffix (`(亿元)`, removed from the name).

    Scope. `其中` marks part of something, and where it stands says of what:
    - `其中:X` in the first cell (a label beside the names) scopes that row and the
      following rows whose first cell is empty with X: `“中华武数”四平台`.
    - A bare `其中` there, with no label, makes the row a part of the row above it
      (the last row without a scope), like `其中:高价值…` in the name column: the
      scope is that row's name, for this row and the following rows whose first
      cell is empty (a sub-list ends at the next numbered row).
    - `其中:X` in the name column scopes X with the row above.
    - `其中:` alone in the name column opens a sub-list of the row above: with a
      column before the names (numbering) it lasts while that cell is empty;
      without one only the next row is known to belong to it, so only that row
      is scoped (a wrong scope is worse than none).
    """
    width = max([len(header)] + [len(r) for r in rows]) if rows else len(header)
    head = list(header) + [""] * (width - len(header))
    year_cols = _year_columns(head)
    words = _words()
    unit_col = next((i for i, h in enumerate(head) if words.unit_head.match(h)), None)
    kind_col = next((i for i, h in enumerate(head) if words.kind_head.search(h)), None)
    number_cols = {i for i, h in enumerate(head) if words.number_head.match(h)}
    value_cols: dict[int, int | None] = dict(year_cols)
    if not value_cols:
        value_cols = {i: None for i, h in enumerate(head) if words.value_head.match(h)}
    other = [i for i in range(width) if i not in value_cols and i not in number_cols
             and i != unit_col and i != kind_col]
    name_col = next((i for i in other if words.name_head.search(head[i])), None)
    if name_col is None:
        name_col = next((i for i in other if any(not _looks_numeric(r[i]) for r in rows if i < len(r))), None)
    if name_col is None or not value_cols:
        return []
    all_kind, marked_kind = _kind_from_note(note)
    out: list[tuple[int, Found]] = []
    group: str | None = None  # the label of a `其中:X` first cell, for the rows under it
    part_of: str | None = None  # the row a bare `其中` made the following rows part of
    part_lasts = False  # whether that holds while the first cell is empty (else for the next named row only)
    parent: str | None = None  # the last row without a scope
    for ri, row in enumerate(rows):
        row = list(row) + [""] * (width - len(row))
        first = row[0].strip()
        if name_col != 0 and first:  # the first cell beside the names: numbering, or `其中`
            if m := _SCOPE.match(first):
                group = clean_name(first[m.end():]) or None
                part_of, part_lasts = (None, False) if group else (parent, True)
            else:
                group, part_of = None, None
        raw_name = row[name_col].strip()
        sub = _SCOPE.match(raw_name)
        if sub and not raw_name[sub.end():].strip():
            part_of, part_lasts = parent, name_col != 0  # `其中:` alone: a sub-list of the row above follows
            continue
        if sub:
            raw_name, row_scope = raw_name[sub.end():], parent
        elif group:
            row_scope = group
        else:
            row_scope = part_of
        name, unit_word = _name_and_unit(raw_name)
        if not name:
            continue
        if part_of is not None and not part_lasts and not group:
            part_of = None
        if row_scope is None and not sub:
            parent = name
        if unit_col is not None and row[unit_col].strip():
            unit_word = _unit_word(row[unit_col]) or unit_word
        kind = all_kind
        if marked_kind and rx.search(r"[*★▲☆]", row[name_col]):
            kind = marked_kind
        if kind_col is not None and (k := rx.search(r"预期性|约束性", row[kind_col])):
            kind = k.group(0)
        for col, col_year in value_cols.items():
            cell = row[col].strip()
            if not cell:
                continue
            read = _read_cell(cell, unit_word)
            if read is None:
                continue
            op, value, low, high, unit = read
            if not unit and rx.search(r"率|比重|占比|比例", name):
                unit = "%"
            out.append((ri, Found(name=name, value=value, low=low, high=high, unit=unit, op=op,
                                  year=col_year, start=0, end=0, scope=row_scope, kind=kind)))
    return out


def _looks_numeric(cell: str) -> bool:
    return bool(rx.fullmatch(r"\s*[\d.,%\-—~≥≤<>]*\s*", cell))
