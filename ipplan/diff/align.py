"""Pair the outline nodes of two versions of a plan before anything is compared.

A character diff of two versions makes every item after an inserted one look
changed. Here nodes are paired first by content (exact, then by character
bigram similarity, with the children already paired as evidence for headings),
so that an insertion, deletion or move leaves the later items *renumbered*,
not changed (BillTracer's title remap and indigo's stable ids, generalised).
Unpaired nodes whose content sits inside a paired one are recognised as the
pieces of a split (or merge) rather than as additions (or removals).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..schema.models import Document, Node

_SPACE = regex.compile(r"\s+")
_BRACKET = regex.compile(r"[(（]([^()（）]*)[)）]")
_UNIT_LINE = regex.compile(r"(?:牵头|责任|配合|参与|协办|主办)(?:单位|部门)\s*[:：][^\n。]*")
_ROLE_WORDS = regex.compile(r"(?:牵头|责任|配合|参与|协办|主办)(?:单位|部门)?|[、,，;；:：\s]|等")
_PUNCT = regex.compile(r"[\p{P}\p{S}\s]")

EXACT, SIMILAR = 1.0, 0.45  # a pair below SIMILAR is a removal plus an addition, as indigo marks it whole


def _strip_units(text: str, names: list[str]) -> str:
    """The text without its (责任单位: …) bracket, so a unit added is a unit change, not a rewording."""
    if not names:
        return text

    def drop(m: regex.Match[str]) -> str:
        inner = m.group(1) if m.groups() else m.group(0)
        rest = inner
        hit = False
        for name in sorted(names, key=len, reverse=True):
            if name in rest:
                hit = True
                rest = rest.replace(name, "")
        return "" if hit and not _ROLE_WORDS.sub("", rest) else m.group(0)

    text = _BRACKET.sub(drop, text)
    return _UNIT_LINE.sub(drop, text)


def content(node: Node, names: list[str] | None = None) -> str:
    """What a node says: its heading and own text, without spaces and without its unit bracket."""
    text = node.text if node.text.startswith(node.title) else f"{node.title}\n{node.text}"
    text = _strip_units(text, names if names is not None else [u.name for u in node.units])
    return _SPACE.sub("", text)


def grams(text: str) -> frozenset[str]:
    text = _PUNCT.sub("", text)
    if len(text) < 2:
        return frozenset([text]) if text else frozenset()
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


@dataclass(eq=False)
class Entry:
    node: Node
    index: int
    parent: "Entry | None"
    children: list["Entry"] = field(default_factory=list)
    text: str = ""
    grams: frozenset[str] = frozenset()
    tree_grams: frozenset[str] = frozenset()  # the subtree's, for split and merge containment

    @property
    def path(self) -> list[str]:
        return self.node.path

    def descendants(self):
        for child in self.children:
            yield child
            yield from child.descendants()


def flatten(doc: Document) -> list[Entry]:
    entries: list[Entry] = []

    def walk(node: Node, parent: Entry | None) -> Entry:
        entry = Entry(node, len(entries), parent)
        entries.append(entry)
        entry.text = content(node)
        entry.grams = grams(entry.text)
        entry.children = [walk(child, entry) for child in node.children]
        entry.tree_grams = entry.grams.union(*(c.tree_grams for c in entry.children))
        return entry

    for root in doc.outline:
        walk(root, None)
    return entries


@dataclass
class Alignment:
    old: list[Entry]
    new: list[Entry]
    pairs: dict[int, int] = field(default_factory=dict)  # old index -> new index
    back: dict[int, int] = field(default_factory=dict)  # new index -> old index
    splits: list[tuple[int, list[int]]] = field(default_factory=list)  # old -> new pieces (its match first)
    merges: list[tuple[list[int], int]] = field(default_factory=list)  # old pieces (the match first) -> new

    def pair(self, o: int, n: int) -> None:
        self.pairs[o] = n
        self.back[n] = o

    def split_of(self, n: int) -> int | None:
        """The old node a new node was split off from, if any."""
        return next((o for o, pieces in self.splits if n in pieces), None)

    def merged_into(self, o: int) -> int | None:
        return next((n for pieces, n in self.merges if o in pieces), None)

    def corresponds(self, old: Entry | None, new: Entry | None) -> bool:
        """Two parents count as the same place: paired, or related by a split or a merge."""
        if old is None or new is None:
            return old is None and new is None
        if self.pairs.get(old.index) == new.index:
            return True
        return self.split_of(new.index) == old.index or self.merged_into(old.index) == new.index


def _score(o: Entry, n: Entry, al: Alignment) -> float:
    own = EXACT if o.text == n.text else dice(o.grams, n.grams)
    if o.children and n.children:
        # a heading is its title and what is under it: a retitled section keeps its items, a split one loses some
        title = EXACT if o.node.title == n.node.title else dice(grams(o.node.title), grams(n.node.title))
        kids = {c.index for c in n.children}
        shared = sum(1 for c in o.children if al.pairs.get(c.index) in kids)
        score = 0.5 * title + 0.2 * own + 0.3 * shared / max(len(o.children), len(n.children))
    elif o.children or n.children:  # a heading that gained or lost all its items: its title says most
        title = EXACT if o.node.title == n.node.title else dice(grams(o.node.title), grams(n.node.title))
        score = 0.6 * title + 0.4 * own
    else:
        score = own
    if o.node.label == n.node.label:
        score += 0.03  # position breaks ties between equally similar candidates
    return score


def align(old: list[Entry], new: list[Entry]) -> Alignment:
    al = Alignment(old, new)
    # 1. identical content pairs in order (most of two versions of one plan)
    buckets: dict[tuple[str, str], list[Entry]] = {}
    for n in new:
        buckets.setdefault((n.node.kind, n.text), []).append(n)
    for o in old:
        if not o.text:
            continue
        queue = buckets.get((o.node.kind, o.text))
        if queue:
            al.pair(o.index, queue.pop(0).index)
    # 2. the rest by similarity, deepest kinds first so that headings can use their children as evidence
    depth = {"subitem": 0, "point": 0, "item": 1, "article": 1, "section": 2, "chapter": 3, "part": 4}
    for kind in sorted({e.node.kind for e in old + new}, key=lambda k: depth.get(k, 0)):
        left = [o for o in old if o.node.kind == kind and o.index not in al.pairs]
        right = [n for n in new if n.node.kind == kind and n.index not in al.back]
        if not left or not right:
            continue
        scored = []
        for o in left:
            for n in right:
                s = _score(o, n, al)
                if s >= SIMILAR:
                    rel = abs(o.index / max(len(old), 1) - n.index / max(len(new), 1))
                    scored.append((-s, rel, o.index, n.index))
        scored.sort()
        for _, _, oi, ni in scored:
            if oi not in al.pairs and ni not in al.back:
                al.pair(oi, ni)
    _splits_and_merges(al)
    return al


def _contained(piece: Entry, whole: Entry, al: Alignment, forward: bool) -> float:
    """How much of `piece` comes from `whole`: its paired children inside `whole`, else its text."""
    if piece.children:
        mapping = al.back if forward else al.pairs
        inside = {d.index for d in whole.descendants()}
        kids = [mapping.get(c.index) for c in piece.children]
        if any(k is not None for k in kids):
            return sum(1 for k in kids if k in inside) / len(kids)
    if not piece.tree_grams:
        return 0.0
    return len(piece.tree_grams & whole.tree_grams) / len(piece.tree_grams)


def _explains(whole: Entry, match: Entry | None, extra: list[Entry], al: Alignment, forward: bool) -> bool:
    """Do the unpaired pieces account for what the paired piece lost (or, unpaired, for the whole)?

    Pieces of another kind than the whole (items folded into their section's text, or a paragraph of
    a section made an item) are weighed against the whole's own text, not its subtree's.
    """
    mapping = al.back if forward else al.pairs
    inside = {whole.index} | {d.index for d in whole.descendants()}
    if any(mapping.get(c.index) in inside for e in extra for c in e.children):
        return True  # headings whose children came from under the whole: they show where they came from
    # a new chapter whose items are new too (一 主要目标 edited, 二 主要任务 added) is no piece of 一:
    # it goes on to the text test below
    own = any(e.node.kind != whole.node.kind for e in extra)
    have = (lambda e: e.grams) if own else (lambda e: e.tree_grams)
    missing = have(whole) - have(match) if match is not None else have(whole)
    if len(missing) < 4:
        return False
    covered = missing & frozenset().union(*(e.tree_grams for e in extra))
    return len(covered) / len(missing) >= (0.5 if match is not None else 0.6)


def _candidates(piece: Entry, others: list[Entry], counterpart: dict[int, int]) -> list[Entry]:
    """Where a piece may have come from (or gone to): entries of its kind, and its parent's counterpart."""
    out = [e for e in others if e.node.kind == piece.node.kind]
    if piece.parent is not None and piece.parent.index in counterpart:
        out.append(others[counterpart[piece.parent.index]])
    return out


def _splits_and_merges(al: Alignment) -> None:
    pieces: dict[int, list[int]] = {}
    for n in al.new:
        if n.index in al.back:
            continue
        best = max(_candidates(n, al.old, al.back), key=lambda o: _contained(n, o, al, True), default=None)
        if best is not None and _contained(n, best, al, True) >= 0.5:
            pieces.setdefault(best.index, []).append(n.index)
    for o, extra in pieces.items():
        match = al.new[al.pairs[o]] if o in al.pairs else None
        first = [match.index] if match is not None else []
        if len(first + extra) >= 2 and _explains(al.old[o], match, [al.new[i] for i in extra], al, True):
            al.splits.append((o, first + extra))
    split_sources = {o for o, _ in al.splits}
    gathered: dict[int, list[int]] = {}
    for o in al.old:
        if o.index in al.pairs or o.index in split_sources:
            continue
        best = max(_candidates(o, al.new, al.pairs), key=lambda n: _contained(o, n, al, False), default=None)
        if best is not None and _contained(o, best, al, False) >= 0.5:
            gathered.setdefault(best.index, []).append(o.index)
    for n, extra in gathered.items():
        match = al.old[al.back[n]] if n in al.back else None
        first = [match.index] if match is not None else []
        if len(first + extra) >= 2 and _explains(al.new[n], match, [al.old[i] for i in extra], al, False):
            al.merges.append((first + extra, n))
