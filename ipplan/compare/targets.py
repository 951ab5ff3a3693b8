"""Canonical indicators side by side: one row per indicator, one cell list per document."""
from __future__ import annotations

from decimal import Decimal

import regex

from ..schema.models import Target
from .items import CDoc
from .model import TargetCell, TargetRow, TargetsView
from .render import human_target

LOWER_IS_BETTER = ("<=", "<")  # a ceiling (审查周期压减至…) promises more the lower it is


_INCREMENT = regex.compile(r"^(?:累计)?新增|^新(?:培育|认定|建|引进|设立)")
_ANNUAL = regex.compile(r"^(?:每年|年度|年)(?!均)")


def measure(name: str, unit: str) -> str:
    """What the number counts: `新增` (added over the plan), `每年` (per year) or `` (a level reached).

    One indicator key holds `新增3–5家国家知识产权优势示范企业` beside `国家知识产权优势示范企业70家`;
    the analyst must see that they count different things, and neither may be ranked above the other.
    """
    if unit == "%":
        return ""
    if _INCREMENT.search(name):
        return "新增"
    if _ANNUAL.search(name):
        return "每年"
    return ""


def _cell(t: Target) -> TargetCell:
    data = t.model_dump(mode="json")
    kind = measure(t.name, t.unit)
    return TargetCell(value=data["value"], low=data["low"], high=data["high"], op=t.op, unit=t.unit, year=t.year,
                      line=t.line, raw=t.raw, human=kind + human_target(data), measure=kind)


def _promise(cells: list[TargetCell]) -> tuple[str, Decimal] | None:
    """The document's final-year promise: (unit, number) for ranking, the high end of a range."""
    dated = sorted(cells, key=lambda c: (c.year or 0))
    last = dated[-1]
    number = last.high if last.op == "range" else last.value
    return None if number is None else (last.unit, Decimal(str(number)))


def _best(cells: dict[str, list[TargetCell]]) -> list[str]:
    promises = {d: _promise(c) for d, c in cells.items()}
    promises = {d: p for d, p in promises.items() if p}
    units = {p[0] for p in promises.values()}
    kinds = {cells[d][-1].measure for d in promises}
    if len(promises) < 2 or len(units) != 1 or len(kinds) != 1:
        return []  # nothing to rank, or units or measures (新增 beside a level) that do not compare
    lower = all(cells[d][-1].op in LOWER_IS_BETTER for d in promises)
    pick = min if lower else max
    top = pick(p[1] for p in promises.values())
    if all(p[1] == top for p in promises.values()):
        return []
    return [d for d, p in promises.items() if p[1] == top]


def targets_view(docs: list[CDoc], names: dict[str, str], order: list[str], key: str | None = None) -> TargetsView:
    """`names`/`order`: the lexicon's display names and order, so rows read like the lexicon."""
    grouped: dict[tuple[str | None, str], dict[str, list[TargetCell]]] = {}
    for cdoc in docs:
        for t in cdoc.doc.targets:
            if key is not None and t.key != key:
                continue
            row_key = (t.key, names.get(t.key, t.name) if t.key else t.name)
            grouped.setdefault(row_key, {}).setdefault(cdoc.id, []).append(_cell(t))
    rank = {k: i for i, k in enumerate(order)}
    rows = []
    for (k, name), cells in grouped.items():
        for doc_cells in cells.values():
            doc_cells.sort(key=lambda c: (c.year or 0, c.line))
        rows.append(TargetRow(key=k, name=name, shared=len(cells) > 1, best=_best(cells), cells=cells))
    rows.sort(key=lambda r: (not r.shared, r.key is None, -len(r.cells), rank.get(r.key or "", len(rank)), r.name))
    return TargetsView(rows=rows)
