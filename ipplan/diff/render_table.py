"""The 新旧对照表: old text on the left, new on the right, one row per changed entry, in document order.

Drafting offices print these, so nothing relies on colour: deleted words are
struck through on the old side, inserted words underlined (HTML) or bold
(markdown) on the new side, a removed entry reads (删除) on the new side and an
added one (新增) on the old side, and a renumbered label is marked on both sides
(a run of entries that were only renumbered is one row, as drafters write
“以下序号依次调整”).
"""
from __future__ import annotations

import html
from typing import Iterable

from .changes import Change, Diff, Row
from .words import clip

Cell = list[tuple[str, str]]  # (style, text): plain, del, ins, note, label-old, label-new, br
NOTE = {"added": "(新增)", "removed": "(删除)"}
META_NAMES = {"title": "标题", "doc_number": "文号", "issued": "印发日期", "period": "实施期限", "issuer": "发文机关",
              "region": "地区"}


def _value(v: object) -> str:
    if isinstance(v, list) and len(v) == 2:
        return f"{v[0]}—{v[1]}年"
    return "" if v is None else str(v)


def _text(text: str, context: int) -> str:
    text = text.replace("\n", " ")
    return text if context < 0 or len(text) <= 4 * context else text[:2 * context] + "…"


def _target_line(side: dict, marked: bool, pct: float | None = None) -> Cell:
    from ..output.human import human_amount

    # as the plan writes it (`48亿元`, `≥3家`): a 对照表 is read by people; the JSON keeps base values
    amount = human_amount(side["op"], side.get("value"), side.get("low"), side.get("high"), side["unit"]) or "?"
    year = f" {side['year']}年" if side.get("year") else ""
    cell: Cell = [("plain", f"{side['name']}{year}: "), ("ins" if marked else "plain", amount)]
    if pct is not None:
        cell.append(("note", f" ({pct:+.1f}%)"))
    return cell


def _whole(node) -> str:
    """A heading with children by its title; an entry by its text, after its title when the text does not
    start with it (`一、总体要求` over a paragraph: the 对照表 showed `一、以习近平…` without 总体要求)."""
    if node.children:
        return node.title
    text = node.text or ""
    if not text or not node.title or text.startswith(node.title):
        return text or node.title
    return f"{node.title} {text}"


def _labelled(label: str, text: str) -> str:
    return f"{label}{'' if label.endswith('、') else ' '}{text}"


def _row_cells(row: Row, context: int) -> tuple[Cell, Cell]:
    old: Cell = []
    new: Cell = []
    kinds = {c.kind for c in row.changes}
    by_kind: dict[str, list[Change]] = {}
    for c in row.changes:
        by_kind.setdefault(c.kind, []).append(c)
    if "added" in kinds and row.old is None:
        old.append(("note", NOTE["added"]))
        node = row.new.node
        new += [("ins", _labelled(node.label_raw, _text(_whole(node), context)))]
        return old, new
    if "removed" in kinds and row.new is None:
        node = row.old.node
        old += [("del", _labelled(node.label_raw, _text(_whole(node), context)))]
        new.append(("note", NOTE["removed"]))
        return old, new
    if kinds & {"split", "merged"}:
        return _split_cells(next(c for c in row.changes if c.kind in ("split", "merged")), context)
    a = row.old.node if row.old else None
    b = row.new.node if row.new else None
    renumbered = "renumbered" in kinds or "moved" in kinds
    if a is not None:
        old.append(("label-old" if renumbered else "plain", a.label_raw))
        old.append(("plain", "" if a.label_raw.endswith("、") else " "))
    if b is not None:
        new.append(("label-new" if renumbered else "plain", b.label_raw))
        new.append(("plain", "" if b.label_raw.endswith("、") else " "))
    if "reworded" in kinds:
        change = by_kind["reworded"][0]
        pieces = change.pieces or []
        for i, (op, o, n) in enumerate(pieces):
            if op == "equal":
                kept = clip(o, context, i > 0, i < len(pieces) - 1)
                old.append(("plain", kept))
                new.append(("plain", kept))
            else:
                if o:
                    old.append(("del", o))
                if n:
                    new.append(("ins", n))
    else:
        if a is not None:
            old.append(("plain", _text(a.title, context)))
        if b is not None:
            new.append(("plain", _text(b.title, context)))
    if kinds & {"unit-added", "unit-removed", "lead-changed"} and a is not None and b is not None:
        old_names = [u.name for u in a.units]
        new_names = [u.name for u in b.units]
        old += [("br", ""), ("plain", "(责任单位: ")]
        for i, name in enumerate(old_names):
            old += [("plain", "、")] if i else []
            old.append(("del" if name not in new_names else "plain", name))
        old.append(("plain", ")"))
        new += [("br", ""), ("plain", "(责任单位: ")]
        for i, name in enumerate(new_names):
            new += [("plain", "、")] if i else []
            new.append(("ins" if name not in old_names else "plain", name))
        new.append(("plain", ")"))
        for c in by_kind.get("lead-changed", []):
            old += [("br", ""), ("plain", "牵头: "), ("del", "、".join(c.old["lead"]))]
            new += [("br", ""), ("plain", "牵头: "), ("ins", "、".join(c.new["lead"]))]
    for c in row.changes:
        if c.kind.startswith("target-"):
            old.append(("br", ""))
            new.append(("br", ""))
            old += _target_line(c.old, False) if c.old else [("note", NOTE["added"])]
            new += _target_line(c.new, True, c.extra.get("change_pct")) if c.new else [("note", NOTE["removed"])]
        elif c.kind == "moved":
            new += [("br", ""), ("note", f"(由 {'/'.join(c.old['path'])} 移至此处)")]
        elif c.kind == "renumbered":
            new += [("note", " (序号调整)")]
    return old, new


def _split_cells(change: Change, context: int) -> tuple[Cell, Cell]:
    """One entry became several (or several one): the whole of each side, with a note saying which."""
    olds = change.old["parts"] if change.kind == "merged" else [change.old]
    news = change.new["parts"] if change.kind == "split" else [change.new]

    def cell(sides: list[dict]) -> Cell:
        out: Cell = []
        for i, part in enumerate(sides):
            out += [("br", "")] if i else []
            out.append(("plain", _labelled(part["label"], _text(part.get("text") or part["title"], context))))
        return out

    old, new = cell(olds), cell(news)
    if change.kind == "split":
        new += [("br", ""), ("note", f"(由 {'/'.join(change.old['path'])} 拆分)")]
    else:
        new += [("br", ""), ("note", f"(由 {'、'.join('/'.join(p['path']) for p in olds)} 合并)")]
    return old, new


def _only_renumbered(row: Row) -> bool:
    return bool(row.changes) and all(c.kind == "renumbered" for c in row.changes)


def table_rows(diff: Diff, context: int) -> Iterable[tuple[Cell, Cell]]:
    """Cells of every row that changed: metadata first, then the outline in merged order."""
    for c in diff.in_order():
        if c.row >= 0:
            continue
        if c.kind == "meta-changed":
            name = META_NAMES.get(c.extra["field"], c.extra["field"])
            yield ([("plain", f"{name}: "), ("del", _value(c.old["value"]))],
                   [("plain", f"{name}: "), ("ins", _value(c.new["value"]))])
        elif c.kind.startswith("target-"):
            yield (_target_line(c.old, False) if c.old else [("note", NOTE["added"])],
                   _target_line(c.new, True, c.extra.get("change_pct")) if c.new else [("note", NOTE["removed"])])
    rows = diff.rows
    i = 0
    while i < len(rows):
        row = rows[i]
        if _only_renumbered(row):
            j = i
            kind = row.new.node.kind
            while j + 1 < len(rows) and (not rows[j + 1].changes or (
                    _only_renumbered(rows[j + 1]) and rows[j + 1].new.node.kind == kind)):
                j += 1
            run = [r for r in rows[i:j + 1] if r.changes]
            if len(run) > 2:
                first, last = run[0], run[-1]
                yield ([("label-old", first.old.node.label_raw), ("plain", f" {_text(first.old.node.title, 6)} … "),
                        ("label-old", last.old.node.label_raw), ("plain", f" {_text(last.old.node.title, 6)}")],
                       [("label-new", first.new.node.label_raw), ("plain", f" {_text(first.new.node.title, 6)} … "),
                        ("label-new", last.new.node.label_raw), ("plain", f" {_text(last.new.node.title, 6)}"),
                        ("note", f" (以上{len(run)}项序号依次调整, 内容未变)")])
                i = j + 1
                continue
        if row.changes:
            yield _row_cells(row, context)
        i += 1


def _md_cell(cell: Cell) -> str:
    out = []
    for style, text in cell:
        text = text.replace("|", "\\|").replace("\n", " ")
        if style == "br":
            out.append("<br>")
        elif not text.strip():
            out.append(text)
        elif style in ("del", "label-old"):
            out.append(f"~~{text}~~")
        elif style in ("ins", "label-new"):
            out.append(f"**{text}**")
        else:
            out.append(text)
    return "".join(out)


def markdown(diff: Diff, context: int) -> str:
    old_name = diff.old.source or "旧"
    new_name = diff.new.source or "新"
    lines = [f"# 新旧对照表: {diff.new.meta.title or new_name}", "",
             f"旧: `{old_name}` — 新: `{new_name}`; {_counts(diff)}", "",
             "删除和被替换的文字加删除线, 新增和修改后的文字加粗; 序号调整的标号两侧均标出.", "",
             f"| 原文 ({old_name}) | 修改后 ({new_name}) |", "|---|---|"]
    for old, new in table_rows(diff, context):
        lines.append(f"| {_md_cell(old)} | {_md_cell(new)} |")
    return "\n".join(lines) + "\n"


def _counts(diff: Diff) -> str:
    counts: dict[str, int] = {}
    for c in diff.changes:
        counts[c.kind] = counts.get(c.kind, 0) + 1
    if not counts:
        return "无差异 (no difference)"
    return ", ".join(f"{k} {n}" for k, n in sorted(counts.items()))


def _html_cell(cell: Cell) -> str:
    tags = {"del": ("<del>", "</del>"), "ins": ("<ins>", "</ins>"), "note": ('<span class="note">', "</span>"),
            "label-old": ('<del class="label">', "</del>"), "label-new": ('<ins class="label">', "</ins>")}
    out = []
    for style, text in cell:
        if style == "br":
            out.append("<br>")
            continue
        start, end = tags.get(style, ("", ""))
        out.append(f"{start}{html.escape(text)}{end}")
    return "".join(out)


_CSS = """body{font-family:"Songti SC","SimSun","Noto Serif CJK SC",serif;margin:2em}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #000;padding:.4em;vertical-align:top;width:50%}
del{text-decoration:line-through}ins{text-decoration:underline;font-weight:bold}
.label{text-decoration-style:double}.note{font-style:italic}
@media print{body{margin:0}tr{break-inside:avoid}}"""


def html_page(diff: Diff, context: int) -> str:
    title = html.escape(diff.new.meta.title or diff.new.source or "")
    old_name = html.escape(diff.old.source or "旧")
    new_name = html.escape(diff.new.source or "新")
    rows = "\n".join(f"<tr><td>{_html_cell(o)}</td><td>{_html_cell(n)}</td></tr>" for o, n in table_rows(diff, context))
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>新旧对照表 {title}</title>'
            f"<style>{_CSS}</style></head><body>\n<h1>新旧对照表: {title}</h1>\n"
            f"<p>旧: {old_name} — 新: {new_name}; {html.escape(_counts(diff))}</p>\n"
            f"<table><thead><tr><th>原文</th><th>修改后</th></tr></thead><tbody>\n{rows}\n</tbody></table>"
            "</body></html>\n")
