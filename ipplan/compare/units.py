"""Agencies carrying the work, per document: items they lead, co-operate on, or are named for.

Names are joined only where a document itself equates them: `市市场监管局〔市知识产权局〕` tells
that, in that plan, 市市场监管局 and 市知识产权局 are one body, so either bare name in the same
plan counts for it. Across plans names meet only when written the same (区知识产权局 of two
districts share a row, as analysts compare like offices), never by a guessed synonym.
"""
from __future__ import annotations

import regex

from .items import CDoc
from .model import CountCell, UnitRow, UnitsView

# 甲〔乙〕 or 甲(乙): one body under two names when the bracketed part is itself an agency name
_EQUATED = regex.compile(r"^(?P<a>.+?)[〔(（\[](?P<b>[^〔〕()（）]+?(?:局|委|办|院|部|厅|会|处|室|中心|办公室|委员会))[〕)）\]]$")


def split_equated(name: str) -> tuple[str, str] | None:
    m = _EQUATED.match(name)
    return (m["a"], m["b"]) if m else None


def _aliases(cdoc: CDoc) -> dict[str, str]:
    """Bare name -> the bracketed form that equates it, within one document."""
    out: dict[str, str] = {}
    for item in cdoc.items:
        for name, _ in item.units:
            pair = split_equated(name)
            if pair:
                out.setdefault(pair[0], name)
                out.setdefault(pair[1], name)
    return out


def units_view(docs: list[CDoc]) -> UnitsView:
    rows: dict[str, UnitRow] = {}
    for cdoc in docs:
        alias = _aliases(cdoc)
        for item in cdoc.items:
            seen: set[str] = set()
            for name, role in item.units:
                canon = alias.get(name, name)
                row = rows.get(canon)
                if row is None:
                    pair = split_equated(canon)
                    row = rows[canon] = UnitRow(unit=canon, aliases=list(pair) if pair else [], cells={})
                if canon not in seen:
                    seen.add(canon)
                    cell = row.cells.setdefault(cdoc.id, CountCell(count=0, items=[]))
                    cell.count += 1
                    cell.items.append(item.path)
                if role == "lead":
                    row.led.setdefault(cdoc.id, []).append(item.path)
                elif role == "co":
                    row.co.setdefault(cdoc.id, []).append(item.path)
    ordered = sorted(rows.values(), key=lambda r: (-len(r.cells), -sum(c.count for c in r.cells.values()), r.unit))
    return UnitsView(rows=ordered)
