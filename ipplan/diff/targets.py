"""Targets of two versions paired and compared by value: up, down, changed, added, removed.

Targets are compared as numbers in base units (1.8万件 is 18000 件), never as
text, so `490件→486件` is one lowered target with its change in per cent.
Pairs are found by indicator (lexicon key, else name) and scope, first for the
same year, then across years (a deadline moved), then by name similarity
within the same (aligned) outline node.
"""
from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..schema.models import Document, Target
from .align import Alignment, dice, grams

if TYPE_CHECKING:
    from .changes import Change


def _identity(t: Target) -> tuple[str, str]:
    return (t.key or t.name, t.scope or "")


def _side(t: Target) -> dict[str, Any]:
    data = t.model_dump(mode="json")
    return {"path": t.path, "line": t.line, **{k: data[k] for k in
            ("name", "key", "scope", "op", "value", "low", "high", "unit", "year", "source", "raw")}}


def _amount(t: Target) -> str:
    """As the plan writes it and as every other command shows it (`3亿元`, not `300000000元`); JSON keeps base values."""
    from ..output.human import human_amount

    return human_amount(t.op, t.value, t.low, t.high, t.unit) or "?"


def _mid(t: Target) -> Decimal | None:
    if t.op == "range" and t.low is not None and t.high is not None:
        return (t.low + t.high) / 2
    return t.value


def classify(a: Target, b: Target) -> tuple[str, float | None] | None:
    """(kind, change in %) for a paired target, None when nothing changed."""
    if a.unit != b.unit or a.year != b.year:
        return "target-changed", None
    if (a.value, a.low, a.high) == (b.value, b.low, b.high):
        return ("target-changed", None) if a.op != b.op else None
    old, new = _mid(a), _mid(b)
    if (a.op == "range") != (b.op == "range") or old is None or new is None:
        return "target-changed", None
    if a.op == "range":
        ups = (b.low > a.low) - (b.low < a.low), (b.high > a.high) - (b.high < a.high)
        if -1 in ups and 1 in ups:
            return "target-changed", None
    pct = float(round((new - old) / old * 100, 1)) if old else None
    if new > old:
        return "target-up", pct
    if new < old:
        return "target-down", pct
    return "target-changed", None


def _pairs(old: list[Target], new: list[Target], al: Alignment) -> list[tuple[int, int]]:
    taken_o: set[int] = set()
    taken_n: set[int] = set()
    pairs: list[tuple[int, int]] = []

    def run(same) -> None:
        for i, a in enumerate(old):
            if i in taken_o:
                continue
            for j, b in enumerate(new):
                if j not in taken_n and same(a, b):
                    pairs.append((i, j))
                    taken_o.add(i)
                    taken_n.add(j)
                    break

    old_paths = {tuple(e.path): e.index for e in reversed(al.old)}
    new_paths = {tuple(e.path): e.index for e in reversed(al.new)}

    def same_place(a: Target, b: Target) -> bool:
        if a.path is None or b.path is None:
            return a.path is None and b.path is None
        o, n = old_paths.get(tuple(a.path)), new_paths.get(tuple(b.path))
        return o is not None and al.pairs.get(o) == n

    def same(a: Target, b: Target) -> bool:
        return _identity(a) == _identity(b) and a.year == b.year

    # an indicator can recur (经费 under several items): its place and its value decide before order does
    run(lambda a, b: same(a, b) and same_place(a, b))
    run(lambda a, b: same(a, b) and (a.value, a.low, a.high, a.op, a.unit) == (b.value, b.low, b.high, b.op, b.unit))
    run(same)
    run(lambda a, b: _identity(a) == _identity(b))
    run(lambda a, b: a.year == b.year and same_place(a, b) and dice(grams(a.name), grams(b.name)) >= 0.6)
    return pairs


def target_changes(old_doc: Document, new_doc: Document, al: Alignment, row_of_old: dict[int, int],
                   row_of_new: dict[int, int]) -> list[tuple["Change", int]]:
    from .changes import Change

    old_paths = {tuple(e.path): e.index for e in reversed(al.old)}
    new_paths = {tuple(e.path): e.index for e in reversed(al.new)}

    def row(t: Target, newer: bool) -> int:
        if t.path is None:
            return -1
        if newer:
            i = new_paths.get(tuple(t.path))
            return row_of_new.get(i, -1) if i is not None else -1
        i = old_paths.get(tuple(t.path))
        return row_of_old.get(i, -1) if i is not None else -1

    out: list[tuple[Change, int]] = []
    old, new = old_doc.targets, new_doc.targets
    pairs = _pairs(old, new, al)
    for i, j in pairs:
        a, b = old[i], new[j]
        found = classify(a, b)
        if found is None:
            continue
        kind, pct = found
        year = f" {b.year}" if b.year else ""
        arrow = f"{_amount(a)}{'' if a.year == b.year else f' ({a.year})'} → {_amount(b)}"
        summary = f"{b.name}{year}: {arrow}" + (f" ({pct:+.1f}%)" if pct is not None else "")
        weight = 3.0 + min(abs(pct) / 10, 3.0) if pct is not None else 2.5
        extra = {"change_pct": pct} if kind in ("target-up", "target-down") else {}
        out.append((Change(kind, _side(a), _side(b), weight, summary, extra), row(b, True)))
    paired_o = {i for i, _ in pairs}
    paired_n = {j for _, j in pairs}
    for i, a in enumerate(old):
        if i not in paired_o:
            out.append((Change("target-removed", _side(a), None, 3.0,
                               f"{a.name}{f' {a.year}' if a.year else ''}: {_amount(a)} removed"), row(a, False)))
    for j, b in enumerate(new):
        if j not in paired_n:
            out.append((Change("target-added", None, _side(b), 3.0,
                               f"{b.name}{f' {b.year}' if b.year else ''}: {_amount(b)} added"), row(b, True)))
    return out
