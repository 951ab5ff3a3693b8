"""Indicator tables flattened one cell per line, as web pages and PDF converters leave them.

A plan's 主要指标表 copied from a web page often arrives as one cell per line:

    序号 / 指标 / 单位 / 属性 / “十四五” / 完成值 / “十五五” / 目标值
    1 / 旧住房成套改造任务 / 万平方米 / 预期性 / 25 / 1.4
    2 / 老旧小区整治改造面积 / 万平方米 / 预期性 / 240 / 300

Merged cells (a category, a first-level indicator spanning rows) come and go, and an
empty cell is an empty line, so rows cannot be cut by counting lines. What every row
keeps is its 属性 cell (预期性 / 约束性): the cells next to it are placed by the header
(unit before or after it, then one value per value column), and the name is the cell
beside the unit. The rebuilt table goes through `targets_in_table` like any other.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import rx

# compiled on first use (`rx`): most documents hold no flattened table
_KIND = r"^\s*(预期性|约束性)\s*$"
_VALUE_HEAD = r"值|目标|完成|现状|基期|预期|实际|(?:19|20)\d{2}"
_PERIOD = r"十([一二三四五六七八九])五"
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass
class FlatTable:
    header: list[str]  # 指标, 单位, 属性, then the value columns, years written out (`2030年目标值`)
    rows: list[list[str]]
    lines: list[int]  # 0-based index of the line each row's name stands on
    covered: set[int] = field(default_factory=set)  # 0-based lines of the rows' cells, which are no prose


def _label(text: str) -> str:
    """`“十五五”目标值` -> `2030年目标值` (the last year of the five-year period), so tables read years alike."""
    text = text.replace("“", "").replace("”", "").replace('"', "")
    if m := rx.search(_PERIOD, text):
        text = text[:m.start()] + f"{1955 + 5 * (10 + _CN[m.group(1)])}年" + text[m.end():]
    return text


def _header(lines: list[str], kind_at: int) -> tuple[int, list[str]] | None:
    """(offset of the unit cell from the 属性 cell, value column labels) from the header around line `kind_at`."""
    before = [line.strip() for line in lines[max(0, kind_at - 10):kind_at]]
    unit_offset = -1 if before and before[-1] in ("单位", "计量单位") else None
    labels: list[str] = []
    pending = ""
    i = kind_at + 1
    while i < len(lines) and len(labels) < 6:
        cell = lines[i].strip()
        if not cell or rx.fullmatch(r"\d+", cell):
            break
        if cell in ("单位", "计量单位") and unit_offset is None:
            unit_offset = i - kind_at
        elif (rx.search(_PERIOD, cell) or rx.fullmatch(r"(?:19|20)\d{2}\s*年?", cell)) and len(cell) <= 8 and (
                i + 1 < len(lines) and rx.search(_VALUE_HEAD, lines[i + 1].strip())
                and not rx.search(r"(?:19|20)\d{2}|十.五", lines[i + 1])):
            pending += cell  # “十四五” or 2020年 on its own line, 完成值 on the next
        elif rx.search(_VALUE_HEAD, cell):
            labels.append(_label(pending + cell))
            pending = ""
        else:
            break  # a category label before the first row
        i += 1
    if unit_offset is None or not labels:
        return None
    return unit_offset, labels


def flat_tables(lines: list[str]) -> list[FlatTable]:
    """Every flattened indicator table in `lines` (normalised text, one entry per input line, blanks kept)."""
    kinds = [i for i, line in enumerate(lines) if rx.match(_KIND, line)]
    if len(kinds) < 2:
        return []
    out: list[FlatTable] = []
    table: FlatTable | None = None
    layout: tuple[int, list[str]] | None = None
    for k in kinds:
        found = _header_for(lines, k)
        if found is not None:  # a 属性 header cell above this row: a new table starts
            layout = found
            table = FlatTable(header=["指标", "单位", "属性", *layout[1]], rows=[], lines=[])
            out.append(table)
        if table is None or layout is None:
            continue
        unit_offset, labels = layout
        name_at = k + unit_offset - 1 if unit_offset < 0 else k - 1
        unit_at = k + unit_offset
        first_value = k + 1 if unit_offset < 0 else k + unit_offset + 1
        if name_at < 0 or first_value + len(labels) > len(lines) + 1:
            continue
        name, unit = lines[name_at].strip(), lines[unit_at].strip()
        if not name or len(name) > 40:
            continue
        values = [lines[j].strip() if j < len(lines) else "" for j in range(first_value, first_value + len(labels))]
        table.rows.append([name, unit, lines[k].strip(), *values])
        table.lines.append(name_at)
        table.covered.update(range(min(name_at, unit_at), first_value + len(labels)))
    return [t for t in out if t.rows]


def _header_for(lines: list[str], k: int) -> tuple[int, list[str]] | None:
    """The layout of a table whose 属性 header cell stands within the 14 lines before the first row at `k`."""
    for j in range(k - 1, max(-1, k - 15), -1):
        cell = lines[j].strip()
        if rx.match(_KIND, cell):
            return None  # an earlier row of the same table
        if cell in ("属性", "指标属性", "性质"):
            return _header(lines, j)
    return None


__all__ = ["FlatTable", "flat_tables"]
