"""The change model: what changed between two versions of a plan, at the level of meaning.

One list of `Change`s feeds every renderer (terminal, 新旧对照表 in markdown and
HTML, JSON). Nothing is dropped for being small (BillTracer hid edits under 50
tokens); each change carries a `weight` instead, and renderers rank by it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..schema.models import Document, Node
from .align import Alignment, Entry, align, content, flatten, grams
from .targets import target_changes
from .words import word_diff

KINDS = ("added", "removed", "moved", "renumbered", "reworded", "split", "merged", "target-up", "target-down",
         "target-changed", "target-added", "target-removed", "unit-added", "unit-removed", "lead-changed",
         "meta-changed")
META_FIELDS = {"title": 2.0, "doc_number": 2.0, "issued": 1.5, "period": 3.0, "issuer": 1.5, "region": 1.5}


@dataclass
class Change:
    kind: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    weight: float
    summary: str
    extra: dict[str, Any] = field(default_factory=dict)
    pieces: list[tuple[str, str, str]] | None = None  # the word diff a reworded item is rendered from
    row: int = -1  # which row of the 对照表 (merged outline order) it belongs to; -1 = document level
    order: int = 0  # document order within the row

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "summary": self.summary, "weight": round(self.weight, 2),
                "old": self.old, "new": self.new, **self.extra}


@dataclass
class Row:
    """A line of the 新旧对照表: an old node, a new node, or a pair, in merged outline order."""

    old: Entry | None
    new: Entry | None
    changes: list[Change] = field(default_factory=list)


@dataclass
class Diff:
    old: Document
    new: Document
    alignment: Alignment
    changes: list[Change]
    rows: list[Row]

    def ranked(self) -> list[Change]:
        return sorted(self.changes, key=lambda c: (-c.weight, c.row, c.order))

    def in_order(self) -> list[Change]:
        return sorted(self.changes, key=lambda c: (c.row, c.order))


def side(entry: Entry | None, **values: Any) -> dict[str, Any] | None:
    if entry is None:
        return None
    node = entry.node
    return {"path": node.path, "line": node.line, "label": node.label_raw, "title": node.title, **values}


def _label(node: Node) -> str:
    return "/".join(node.path)


def _rows(al: Alignment) -> list[Row]:
    """Old and new nodes in one order: each new node, preceded by the unpaired old nodes before its pair."""
    rows: list[Row] = []
    placed: set[int] = set()
    cursor = 0

    def flush(upto: int) -> None:
        nonlocal cursor
        while cursor < upto:
            if cursor not in al.pairs and cursor not in placed:
                rows.append(Row(al.old[cursor], None))
                placed.add(cursor)
            cursor += 1

    for n in al.new:
        o = al.back.get(n.index)
        if o is not None and o >= cursor:
            flush(o)
            cursor = o + 1
        rows.append(Row(al.old[o] if o is not None else None, n))
    flush(len(al.old))
    return rows


def _moves(al: Alignment) -> set[int]:
    """Old indices of paired nodes that moved: to another parent, or out of order among their siblings."""
    moved: set[int] = set()
    groups: dict[int | None, list[tuple[int, int]]] = {}
    for o, n in al.pairs.items():
        old, new = al.old[o], al.new[n]
        if not al.corresponds(old.parent, new.parent):
            moved.add(o)
            continue
        groups.setdefault(old.parent.index if old.parent else None, []).append((o, n))
    for members in groups.values():
        members.sort()
        keep = _lis([n for _, n in members])
        moved.update(o for i, (o, _) in enumerate(members) if i not in keep)
    return moved


def _lis(seq: list[int]) -> set[int]:
    """Positions of one longest increasing subsequence: the siblings that kept their order."""
    import bisect

    tails: list[int] = []
    tail_at: list[int] = []
    prev = [-1] * len(seq)
    for i, x in enumerate(seq):
        k = bisect.bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
            tail_at.append(i)
        else:
            tails[k] = x
            tail_at[k] = i
        prev[i] = tail_at[k - 1] if k else -1
    out: set[int] = set()
    i = tail_at[-1] if tail_at else -1
    while i >= 0:
        out.add(i)
        i = prev[i]
    return out


def compare(old: Document, new: Document) -> Diff:
    al = align(flatten(old), flatten(new))
    rows = _rows(al)
    row_of_old = {r.old.index: i for i, r in enumerate(rows) if r.old is not None}
    row_of_new = {r.new.index: i for i, r in enumerate(rows) if r.new is not None}
    changes: list[Change] = []

    def add(change: Change, row: int) -> None:
        change.row = row
        change.order = len(changes)
        changes.append(change)
        if row >= 0:
            rows[row].changes.append(change)

    _meta(old, new, add)
    split_pieces = {n for _, pieces in al.splits for n in pieces}
    merged_pieces = {o for pieces, _ in al.merges for o in pieces}
    for o, pieces in al.splits:
        entry = al.old[o]
        parts = [side(al.new[n], text=al.new[n].node.text) for n in pieces]
        add(Change("split", side(entry, text=entry.node.text), {**parts[0], "parts": parts}, 3.0,
                   f"{_label(entry.node)} split into {', '.join('/'.join(p['path']) for p in parts)}"), row_of_new[pieces[0]])
    for pieces, n in al.merges:
        entry = al.new[n]
        parts = [side(al.old[o], text=al.old[o].node.text) for o in pieces]
        add(Change("merged", {**parts[0], "parts": parts}, side(entry, text=entry.node.text), 3.0,
                   f"{', '.join('/'.join(p['path']) for p in parts)} merged into {_label(entry.node)}"), row_of_new[n])

    split_sources = {o for o, _ in al.splits}
    _unpaired("removed", al.old, set(al.pairs) | merged_pieces | split_sources, row_of_old, rows, add)
    _unpaired("added", al.new, set(al.back) | split_pieces, row_of_new, rows, add)

    moved = _moves(al)
    numeric_rows: set[int] = set()
    target_list = target_changes(old, new, al, row_of_old, row_of_new)
    for change, row in target_list:
        if change.kind in ("target-up", "target-down", "target-changed"):
            numeric_rows.add(row)
    for o, n in sorted(al.pairs.items(), key=lambda p: p[1]):
        a, b = al.old[o], al.new[n]
        row = row_of_new[n]
        if o in moved:
            add(Change("moved", side(a), side(b), 1.5, f"{_label(a.node)} moved to {_label(b.node)}"), row)
        elif a.node.label != b.node.label:
            add(Change("renumbered", side(a), side(b), 0.2,
                       f"{_label(a.node)} renumbered {a.node.label_raw}→{b.node.label_raw}"), row)
        moved_out = _elsewhere(al, o, n)  # what a split carried to its other pieces (or a merge brought in)
        _reworded(a, b, row, row in numeric_rows, add, moved_out)
        _units(a, b, row, add, moved_out)
    for change, row in target_list:
        add(change, row)
    return Diff(old, new, al, changes, rows)


def _unpaired(kind: str, entries: list[Entry], accounted: set[int], row_of: dict[int, int], rows: list[Row],
              add) -> None:
    """One `removed` (or `added`) per top of an unpaired subtree; each entry under it still gets its own
    (删除)/(新增) row in the 对照表, sharing that one change."""
    tops: dict[int, Change] = {}
    for entry in entries:
        if entry.index in accounted:
            continue
        row = row_of[entry.index]
        if entry.parent is not None and entry.parent.index in tops:
            tops[entry.index] = tops[entry.parent.index]
            rows[row].changes.append(tops[entry.index])
            continue
        size = 1 + sum(1 for _ in entry.descendants())
        here = side(entry, text=entry.node.text, nodes=size)
        change = Change(kind, here if kind == "removed" else None, here if kind == "added" else None,
                        3.0 + min(len(entry.text) / 100, 3.0), f"{_label(entry.node)} {entry.node.title}")
        add(change, row)
        tops[entry.index] = change


def _elsewhere(al: Alignment, o: int, n: int) -> tuple[str, set[str]]:
    """Text and unit names of the other pieces of a split (or merge) this pair belongs to."""
    entries: list[Entry] = []
    for source, pieces in al.splits:
        if source == o:
            entries += [al.new[i] for i in pieces if i != n]
    for pieces, target in al.merges:
        if target == n:
            entries += [al.old[i] for i in pieces if i != o]
    return _punctless("".join(e.text for e in entries)), {u.name for e in entries for u in e.node.units}


def _punctless(text: str) -> str:
    import regex

    return regex.sub(r"[\p{P}\p{S}\s]", "", text)


def _covered(text: str, where: str) -> bool:
    """Is this text (labels and punctuation aside) found in `where`: a short word verbatim, a passage by bigrams?"""
    text = _punctless(text)
    if len(text) <= 4:
        return text in where
    mine = grams(text)
    return len(mine & grams(where)) / len(mine) >= 0.8


def _reworded(a: Entry, b: Entry, row: int, targets_changed: bool, add,
              elsewhere: tuple[str, set[str]] = ("", set())) -> None:
    if a.text == b.text:
        return
    old_text = content(a.node).strip()
    new_text = content(b.node).strip()
    diff = word_diff(old_text, new_text)
    edits = diff.edits
    if targets_changed:  # a number whose target change is reported already is not a rewording too
        edits = [e for e in edits if not (e.numeric and e.op == "replace")]
    if elsewhere[0]:  # words that went to (or came from) the other pieces of a split or merge
        edits = [e for e in edits if e.op == "replace" or not _covered(e.old or e.new, elsewhere[0])]
    if not edits:
        return
    numbers = sum(1 for e in edits if e.numeric)
    weight = 1.0 + 3.0 * diff.changed_share + numbers
    words = "; ".join(f"{e.old or '∅'}→{e.new or '∅'}" for e in edits[:3]) + (" …" if len(edits) > 3 else "")
    add(Change("reworded", side(a, text=a.node.text, words=[e.old for e in edits if e.old]),
               side(b, text=b.node.text, words=[e.new for e in edits if e.new]), weight,
               f"{_label(b.node)} reworded: {words}",
               {"edits": [e.as_dict() for e in edits]}, diff.pieces), row)


def _lead(node: Node) -> list[str]:
    if node.unit_roles and node.unit_roles.get("lead"):
        return list(node.unit_roles["lead"])
    return [node.units[0].name] if node.units else []


def _units(a: Entry, b: Entry, row: int, add, elsewhere: tuple[str, set[str]] = ("", set())) -> None:
    old_names = [u.name for u in a.node.units]
    new_names = [u.name for u in b.node.units]
    for name in new_names:
        if name not in old_names and name not in elsewhere[1]:
            unit = next(u for u in b.node.units if u.name == name)
            add(Change("unit-added", None, {**side(b), "line": unit.line, "unit": name, "role": unit.role}, 2.0,
                       f"{_label(b.node)} unit added: {name}"), row)
    for name in old_names:
        if name not in new_names and name not in elsewhere[1]:
            unit = next(u for u in a.node.units if u.name == name)
            add(Change("unit-removed", {**side(a), "line": unit.line, "unit": name, "role": unit.role}, None, 2.0,
                       f"{_label(a.node)} unit removed: {name}"), row)
    lead_old, lead_new = _lead(a.node), _lead(b.node)
    if lead_old and lead_new and lead_old != lead_new:
        add(Change("lead-changed", side(a, lead=lead_old), side(b, lead=lead_new), 3.0,
                   f"{_label(b.node)} lead {'、'.join(lead_old)}→{'、'.join(lead_new)}"), row)


def _meta_value(doc: Document, name: str) -> Any:
    value = getattr(doc.meta, name)
    if name == "issued" and value is not None:
        return value.isoformat()
    return value


def _meta(old: Document, new: Document, add) -> None:
    for name, weight in META_FIELDS.items():
        a, b = _meta_value(old, name), _meta_value(new, name)
        if a != b:
            add(Change("meta-changed", {"path": None, "line": old.meta.lines.get(name), "field": name, "value": a},
                       {"path": None, "line": new.meta.lines.get(name), "field": name, "value": b}, weight,
                       f"{name}: {a} → {b}", {"field": name}), -1)
