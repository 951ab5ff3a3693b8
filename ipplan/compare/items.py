"""What compare works on: each document's id and label, and its task items as flat records.

Views never reach into the parser: they read the `Document` model only (outline nodes,
units, targets, meta). The parser has already folded traditional script into simplified,
so a Taipei report and a Shanghai plan compare on the same characters.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import regex

from ..query import iter_tasks
from ..schema.models import Document, Node

# chapters whose items are not measures: 指导思想, 工作目标, 保障措施 keep their own roles
NOT_TASKS = ("requirements", "goals", "safeguards")


@dataclass
class Item:
    """One task item: the unit every view counts, traceable by doc id, path and line."""

    doc: str
    path: str
    title: str
    text: str  # title, own text and the text of its sub-items, as one string
    line: int
    context: str  # titles of the chapter and section above it (for the IP-chain domain)
    units: list[tuple[str, str]] = field(default_factory=list)  # (name, role)
    chapter_role: str | None = None
    body: str = ""  # the text without its responsible-unit brackets: what coding rules read

    def __post_init__(self) -> None:
        if not self.body:
            self.body = strip_units(self.text, [u for u, _ in self.units])


_BRACKET = regex.compile(r"[(（][^()（）]{0,300}[)）]")


def strip_units(text: str, units: list[str]) -> str:
    """Drop the brackets naming who carries an item (责任单位:区金融办…), so an agency's name
    (金融办, 人力资源社会保障局) does not code the item as finance or talent policy."""
    def drop(m: regex.Match) -> str:
        inner = m.group(0)
        if regex.search(r"单位|部门|牵头|配合|负责", inner) or any(u and u in inner for u in units):
            return ""
        return inner

    return _BRACKET.sub(drop, text)


@dataclass
class CDoc:
    id: str
    doc: Document
    items: list[Item]
    unique_label: str | None = None  # set by make_docs where two documents would share `base_label`

    @property
    def label(self) -> str:
        """The column heading: `base_label`, lengthened only where another document of the comparison has the same."""
        return self.unique_label or self.base_label

    @property
    def base_label(self) -> str:
        """Region and period, as analysts name a plan: 徐汇区 2024–2026."""
        meta = self.doc.meta
        region = meta.region or (meta.title or self.id)[:6]
        if meta.period:
            start, end = meta.period
            if start is None:
                return f"{region} –{end}"  # only the target years say when the plan ends
            return f"{region} {start}" if start == end else f"{region} {start}–{end}"
        return region


def _full_text(node: Node) -> str:
    parts = [node.title, node.text]
    stack = list(reversed(node.children))
    while stack:
        child = stack.pop()
        parts.append(child.title)
        parts.append(child.text)
        stack.extend(reversed(child.children))
    parts = [p.strip() for p in parts if p and p.strip()]
    # a heading run into its text appears in both title and text: keep the text only
    kept = [p for i, p in enumerate(parts)
            if not any(p in q and (p != q or j < i) for j, q in enumerate(parts) if j != i)]
    return "\n".join(kept)


def task_items(doc: Document, doc_id: str) -> list[Item]:
    """Items under task chapters; a plan whose chapters carry no role gives all its items.

    A sub-item (1) belongs to its item 1.: its text joins the item's, so an item is counted once.
    """
    chosen = [(n, c) for n, c in iter_tasks(doc) if c.role not in NOT_TASKS]
    if not chosen:
        chosen = list(iter_tasks(doc))
    by_path = {tuple(n.path): n for n in doc.iter_nodes()}
    paths = {tuple(n.path) for n, _ in chosen}
    items = []
    for node, chapter in chosen:
        if any(tuple(node.path[:i]) in paths for i in range(1, len(node.path))):
            continue  # a sub-item is read as part of its item
        context = [by_path[tuple(node.path[:i])].title for i in range(1, len(node.path)) if tuple(node.path[:i]) in by_path]
        units = [(u.name, u.role) for u in node.units]
        items.append(Item(doc=doc_id, path="/".join(node.path), title=node.title, text=_full_text(node),
                          line=node.line, context=" ".join(context), units=units, chapter_role=chapter.role))
    return items


def make_docs(documents: list[Document]) -> list[CDoc]:
    """Ids unique per input: the file name without extension, then ~2, ~3 for repeats."""
    seen: dict[str, int] = {}
    out = []
    for i, doc in enumerate(documents, 1):
        base = Path(doc.source).stem if doc.source and doc.source != "<stdin>" else f"doc{i}"
        n = seen.get(base, 0) + 1
        seen[base] = n
        doc_id = base if n == 1 else f"{base}~{n}"
        out.append(CDoc(id=doc_id, doc=doc, items=task_items(doc, doc_id)))
    _unique_labels(out)
    return out


def _title_words(doc: Document) -> str:
    """The title without the region and the genre words every plan shares, so what is left tells plans apart."""
    title = doc.meta.title or doc.meta.notice_title or ""
    for cut in (doc.meta.region, doc.meta.parent_region):
        if cut:
            title = title.replace(cut, "")
    title = regex.sub(r"[(（《》)）\s\d\-–—年]+", "", title)
    title = regex.sub(r"^(关于|印发|进一步|加快|推进|推动|全面|深入|实施)+", "", title)
    return regex.sub(r"(的)?(若干|实施|工作|行动|三年)?(政策措施|政策|措施|方案|计划|意见|规划|办法|通知)+$", "", title)


def _unique_labels(docs: list[CDoc]) -> None:
    """Two plans of one region and period (two 山东省 plans, neither giving a start year) would get the same
    column heading; add, only to those, what first tells them apart: the issue year, then a few characters
    of the title, then the document's id."""
    groups: dict[str, list[CDoc]] = {}
    for d in docs:
        groups.setdefault(d.base_label, []).append(d)
    for base, same in groups.items():
        if len(same) < 2:
            continue
        years = [str(d.doc.meta.issued.year) if d.doc.meta.issued else "" for d in same]
        if all(years) and len(set(years)) == len(same):
            for d, year in zip(same, years):
                d.unique_label = f"{base} ({year})"
            continue
        words = [_title_words(d.doc) for d in same]
        for size in (4, 6, 8):
            short = [w[:size] for w in words]
            if all(short) and len(set(short)) == len(same):
                for d, w in zip(same, short):
                    d.unique_label = f"{base} {w}"
                break
        else:  # no title tells them apart: the ids do (unique already), without what they all start with
            ids = [d.id for d in same]
            lead = len(os.path.commonprefix(ids))
            short = [i[lead:lead + 10] or i[:10] for i in ids]  # a column is 16 cells at most: keep it short
            if len(set(short)) < len(same):
                short = [f"#{k}" for k in range(1, len(same) + 1)]
            for d, w in zip(same, short):
                d.unique_label = f"{base} {w}"
