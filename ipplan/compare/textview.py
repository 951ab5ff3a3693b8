"""Terminal views of a compare result: a one-screen summary and each view in full.

Plain text (no colour needed to read it), documents as columns labelled by region and
period, CJK-aware widths, numbers never split across lines. With many documents the
columns are cut to those that share most rows, and the screen says so.
"""
from __future__ import annotations

from .items import CDoc
from .model import CompareResult, TargetRow
from .render import fit_widths, grid, wrap

TYPE_NAMES = {"supply": "供给型 supply", "environment": "环境型 environment", "demand": "需求型 demand"}
MARK = "*"


def _cell_text(row: TargetRow, doc: str, final_only: bool) -> str:
    cells = row.cells.get(doc)
    if not cells:
        return "–"
    shown = cells[-1:] if final_only else cells
    parts = []
    for i, c in enumerate(shown):
        text = c.human
        if doc in row.best and c is cells[-1]:
            amount, _, year = text.partition(" ")
            text = f"{amount}{MARK} {year}".rstrip()
        parts.append(text)
    return " / ".join(parts) if final_only else "\n".join(parts)


def pick_columns(result: CompareResult, docs: list[CDoc], width: int, label: int = 18, col_min: int = 10) -> list[CDoc]:
    """As many documents as fit, those that share most target rows first, then in input order."""
    room = max(1, (width - label) // (col_min + 2))
    if len(docs) <= room:
        return docs
    shared: dict[str, int] = {d.id: 0 for d in docs}
    if result.targets:
        for row in result.targets.rows:
            if row.shared:
                for d in row.cells:
                    shared[d] += 1
    order = {d.id: i for i, d in enumerate(docs)}
    keep = sorted(docs, key=lambda d: (-shared[d.id], -len(d.items), order[d.id]))[:room]
    return sorted(keep, key=lambda d: order[d.id])


def _header(cols: list[CDoc]) -> list[str]:
    out = []
    for d in cols:
        region, _, period = d.label.partition(" ")
        out.append(f"{region} {period}".strip())
    return out


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def summary(result: CompareResult, docs: list[CDoc], width: int = 120, height: int = 40) -> str:
    """The one screen: as many shared target rows as leave the other views on it."""
    for rows in range(10, 2, -1):
        text = _summary(result, docs, width, rows)
        if text.count("\n") < height:
            break
    return text


def _summary(result: CompareResult, docs: list[CDoc], width: int, max_target_rows: int) -> str:
    cols = pick_columns(result, docs, width)
    ids = [d.id for d in cols]
    lab, colw = fit_widths(18, len(cols), width)
    out: list[str] = []
    total_items = sum(len(d.items) for d in docs)
    out.extend(wrap(f"ipplan compare: {len(docs)} document{'' if len(docs) == 1 else 's'}, {total_items} items"
               + (f"; showing {len(cols)} (those sharing most indicators), all in --format csv/json" if len(cols) < len(docs) else ""),
                    width))
    body: list[list[str]] = []

    def section(title: str) -> None:
        body.append([f"▸ {title}"])

    if result.targets is not None:
        shared = [r for r in result.targets.rows if sum(1 for d in ids if d in r.cells) >= 2]
        section(f"targets ({MARK} highest)")
        for row in shared[:max_target_rows]:
            body.append([row.name] + [_cell_text(row, d, final_only=True) for d in ids])
        rest = len(shared) - max_target_rows
        single = sum(1 for r in result.targets.rows if sum(1 for d in ids if d in r.cells) == 1)
        note = (f"+{rest} shared, " if rest > 0 else "") + f"{single} stated by one: --view targets"
        body.append([note])
    if result.tools is not None:
        section("instruments (share of codings)")
        for t, name in TYPE_NAMES.items():
            body.append([name] + [_pct(getattr(result.tools.shares[d], t)) for d in ids])
        body.append(["uncoded items"] + [f"{result.tools.shares[d].uncoded}/{len(c.items)}" for d, c in zip(ids, cols)])
        body.append(["domain 创运保管服"] + ["/".join(str(result.tools.domains[d].get(k, 0)) for k in ("创造", "运用", "保护", "管理", "服务"))
                                               for d in ids])
    if result.themes is not None:
        n = len(result.themes.rows)
        section("themes")
        body.append([f"addressed (of {n})"] + [str(n - len(result.themes.missing[d])) for d in ids])
        body.append(["top theme"] + [_top_theme(result, d) for d in ids])
        body.append(["not addressed"] + [_missing(result.themes.missing[d]) for d in ids])
    if result.units is not None:
        section("units")
        body.append(["agencies named"] + [str(sum(1 for r in result.units.rows if d in r.cells)) for d in ids])
        body.append(["most items"] + [_top_unit(result, d) for d in ids])
    if result.measures is not None:
        m = result.measures
        section(f"measures (similarity ≥ {m.min_sim:g})")
        with_pair = {d: set() for d in ids}
        for p in m.pairs:
            for side in (p.a, p.b):
                if side.doc in with_pair:
                    with_pair[side.doc].add(side.path)
        body.append(["with a counterpart"] + [str(len(with_pair[d])) for d in ids])
        body.append(["own"] + [str(len(m.own.get(d, []))) for d in ids])
    out.extend(grid([""] + _header(cols), body, [lab] + [colw] * len(cols)))
    out.extend(wrap("--view targets|tools|themes|units|measures for a view in full, --show for the items behind a count", width))
    return "\n".join(out)


def _top_theme(result: CompareResult, doc: str) -> str:
    best = max(result.themes.rows, key=lambda r: r.cells[doc].count if doc in r.cells else 0, default=None)
    if best is None or doc not in best.cells:
        return "–"
    return f"{best.theme} {best.cells[doc].count}"


def _missing(themes: list[str], shown: int = 2) -> str:
    if not themes:
        return "–"
    more = f" +{len(themes) - shown}" if len(themes) > shown else ""
    return "、".join(themes[:shown]) + more


def _top_unit(result: CompareResult, doc: str) -> str:
    rows = [r for r in result.units.rows if doc in r.cells]
    if not rows:
        return "–"
    best = max(rows, key=lambda r: r.cells[doc].count)
    return f"{best.unit} {best.cells[doc].count}"


# ------------------------------------------------------------------ full views

def _titles(docs: list[CDoc]) -> dict[str, dict[str, tuple[str, int]]]:
    return {d.id: {i.path: (i.title, i.line) for i in d.items} for d in docs}


def _items_lines(paths_by_doc: dict[str, list[str]], labels: dict[str, str], titles, width: int, indent: str = "    ") -> list[str]:
    out = []
    for doc, paths in paths_by_doc.items():
        for path in paths:
            title, line = titles.get(doc, {}).get(path, ("", 0))
            text = f"{labels[doc]}  {path}  {title}  L{line}"
            out.extend(indent + w for w in wrap(text, width - len(indent)))
    return out


def targets_full(result: CompareResult, docs: list[CDoc], width: int, show: bool) -> list[str]:
    cols = pick_columns(result, docs, width)
    ids = [d.id for d in cols]
    lab, colw = fit_widths(18, len(cols), width)
    rows = [r for r in result.targets.rows if any(d in r.cells for d in ids)]
    out = [f"targets: {sum(1 for r in rows if r.shared)} indicators shared, {sum(1 for r in rows if not r.shared)} stated by one"
           f" document ({MARK} highest promise)"]
    body = []
    labels = {d.id: d.label for d in docs}
    shared_done = False
    for row in rows:
        if not row.shared and not shared_done:
            shared_done = True
            body.append(["▸ stated by one document"])
        name = row.name if row.key else f"{row.name} (no key)"
        body.append([name] + [_cell_text(row, d, final_only=False) for d in ids])
    out.extend(grid([""] + _header(cols), body, [lab] + [colw] * len(cols)))
    if show:
        out.append("")
        out.append("sources:")
        for row in rows:
            out.append(f"  {row.name}")
            for doc, cells in row.cells.items():
                for c in cells:
                    out.extend("    " + w for w in wrap(f"{labels[doc]} L{c.line} → {c.human}: {c.raw}", width - 4))
    return out


def tools_full(result: CompareResult, docs: list[CDoc], width: int, show: bool) -> list[str]:
    tv = result.tools
    cols = pick_columns(result, docs, width)
    ids = [d.id for d in cols]
    lab, colw = fit_widths(22, len(cols), width)
    labels = {d.id: d.label for d in docs}
    titles = _titles(docs)
    out = ["tools: policy instruments (Rothwell & Zegveld) × IP chain domain; counts are items, an item may carry several tools"]
    body = []
    for t, name in TYPE_NAMES.items():
        body.append([name] + [f"{_pct(getattr(tv.shares[d], t))}" for d in ids])
    body.append(["coded / uncoded items"] + [f"{tv.shares[d].coded}/{tv.shares[d].uncoded}" for d in ids])
    for dom in next(iter(tv.domains.values()), {}):
        body.append([f"domain {dom}"] + [str(tv.domains[d].get(dom, 0)) for d in ids])
    out.extend(grid([""] + _header(cols), body, [lab] + [colw] * len(cols)))
    out.append("")
    out.extend(_matrix(result, ids, width))
    out.append("")
    body = [[f"{row.tool} · {row.domain}"] + [str(row.cells[d].count) if d in row.cells else "–" for d in ids]
            for row in tv.rows]
    out.extend(grid(["tool · domain"] + _header(cols), body, [lab] + [colw] * len(cols)))
    if show:
        out.append("")
        for row in tv.rows:
            counts = ", ".join(f"{labels[d]} {c.count}" for d, c in row.cells.items())
            out.append(f"{row.type}/{row.tool} · {row.domain}: {counts}")
            out.extend(_items_lines({d: c.items for d, c in row.cells.items()}, labels, titles, width))
    out.append("")
    out.append(f"uncoded items: {len(tv.uncoded)}")
    for u in tv.uncoded:
        out.extend("    " + w for w in wrap(f"{labels[u.doc]}  {u.path}  {u.title}  L{u.line}", width - 4))
    return out


def _matrix(result: CompareResult, ids: list[str], width: int) -> list[str]:
    """The tool × domain table papers print: items summed over the documents shown."""
    tv = result.tools
    domains = list(next(iter(tv.domains.values()), {}))
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for row in tv.rows:
        cell = counts.setdefault((row.type, row.tool), dict.fromkeys(domains, 0))
        cell[row.domain] = cell.get(row.domain, 0) + sum(row.cells[d].count for d in ids if d in row.cells)
    for gap in tv.unused:  # an instrument no plan uses is a finding, so it keeps its row
        counts[(gap.type, gap.tool)] = dict.fromkeys(domains, 0)
    order = {t: i for i, t in enumerate(TYPE_NAMES)}
    body = []
    for (kind, tool), cell in sorted(counts.items(), key=lambda kv: order[kv[0][0]]):
        body.append([f"{TYPE_NAMES[kind].split()[0]} {tool}"] + [str(cell.get(d, 0) or "·") for d in domains]
                    + [str(sum(cell.values()))])
    col = max(4, min(8, (width - 24) // (len(domains) + 1) - 2))
    return ["tool × domain (items, all documents shown)"] + grid([""] + domains + ["total"], body,
                                                                 [22] + [col] * (len(domains) + 1))


def themes_full(result: CompareResult, docs: list[CDoc], width: int, show: bool) -> list[str]:
    tv = result.themes
    cols = pick_columns(result, docs, width)
    ids = [d.id for d in cols]
    lab, colw = fit_widths(18, len(cols), width)
    labels = {d.id: d.label for d in docs}
    titles = _titles(docs)
    out = ["themes: items per theme (– not addressed)"]
    body = [[row.theme] + [str(row.cells[d].count) if d in row.cells else "–" for d in ids] for row in tv.rows]
    out.extend(grid([""] + _header(cols), body, [lab] + [colw] * len(cols)))
    out.append("")
    out.append("not addressed:")
    for d in docs:
        out.extend("    " + w for w in wrap(f"{d.label}: {'、'.join(tv.missing[d.id]) or 'none'}", width - 4))
    if show:
        for row in tv.rows:
            if row.cells:
                out.append(f"{row.theme}:")
                out.extend(_items_lines({d: c.items for d, c in row.cells.items()}, labels, titles, width))
    return out


def units_full(result: CompareResult, docs: list[CDoc], width: int, show: bool, limit: int | None = None) -> list[str]:
    uv = result.units
    cols = pick_columns(result, docs, width)
    ids = [d.id for d in cols]
    lab, colw = fit_widths(22, len(cols), width)
    labels = {d.id: d.label for d in docs}
    titles = _titles(docs)
    out = ["units: items naming each agency (lead n / co n where the text tells them apart)"]
    body = []
    rows = [r for r in uv.rows if any(d in r.cells for d in ids)]
    for row in rows[:limit]:
        cells = []
        for d in ids:
            if d not in row.cells:
                cells.append("–")
                continue
            extra = []
            if row.led.get(d):
                extra.append(f"lead {len(row.led[d])}")
            if row.co.get(d):
                extra.append(f"co {len(row.co[d])}")
            cells.append(f"{row.cells[d].count}" + (f" ({', '.join(extra)})" if extra else ""))
        body.append([row.unit] + cells)
    out.extend(grid([""] + _header(cols), body, [lab] + [colw] * len(cols)))
    if show:
        for row in rows[:limit]:
            out.append(f"{row.unit}:")
            out.extend(_items_lines({d: c.items for d, c in row.cells.items()}, labels, titles, width))
    return out


def measures_full(result: CompareResult, docs: list[CDoc], width: int, show: bool) -> list[str]:
    m = result.measures
    labels = {d.id: d.label for d in docs}
    out = [f"measures: {len(m.pairs)} pairs with similarity ≥ {m.min_sim:g} ({m.method}); "
           f"{len(m.boilerplate)} boiler-plate items set aside"]
    for p in m.pairs:
        out.append(f"{p.similarity:.2f}" + (f"  (issued first: {labels[p.earlier]})" if p.earlier else ""))
        for side in (p.a, p.b):
            out.extend("    " + w for w in wrap(f"{labels[side.doc]}  {side.path}  {side.title}  L{side.line}", width - 4))
        if p.edits:
            shown = "; ".join(f"{e.a or '∅'} → {e.b or '∅'}" for e in p.edits[:8])
            more = f" (+{len(p.edits) - 8})" if len(p.edits) > 8 else ""
            out.extend("      " + w for w in wrap(f"edits: {shown}{more}", width - 6))
    out.append("")
    out.append("own measures (no counterpart above --min-sim):")
    for d in docs:
        own = m.own.get(d.id, [])
        out.append(f"  {d.label}: {len(own)}")
        for side in own:
            out.extend("    " + w for w in wrap(f"{side.path}  {side.title}  L{side.line}", width - 4))
    if m.boilerplate:
        out.append("boiler-plate:")
        for side in m.boilerplate:
            out.extend("    " + w for w in wrap(f"{labels[side.doc]}  {side.path}  {side.title}", width - 4))
    return out


FULL = {"targets": targets_full, "tools": tools_full, "themes": themes_full, "units": units_full, "measures": measures_full}


def full(result: CompareResult, docs: list[CDoc], views: list[str], width: int, show: bool) -> str:
    out: list[str] = []
    for view in views:
        if out:
            out.append("")
        out.extend(FULL[view](result, docs, width, show))
    return "\n".join(out)

