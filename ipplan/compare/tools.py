"""Policy-instrument coding (Rothwell & Zegveld) crossed with the IP chain domain.

Researchers code each clause by hand in NVivo; here each task item is coded by the rules in
tools.json, and every cell of the tool × domain matrix keeps the items that produced it, so
a reader can check any count. An item may carry several tools; one no rule codes is listed.
"""
from __future__ import annotations

from .items import CDoc, Item
from .model import CountCell, ToolName, ToolRow, ToolShare, ToolsView, UncodedItem
from .rules import TYPES, Rule

OTHER_DOMAIN = "其他"


def code_item(item: Item, tools: list[Rule]) -> list[Rule]:
    text = item.title + "\n" + item.body
    return [t for t in tools if t.matches(text)]


def item_domain(item: Item, domains: list[Rule]) -> str:
    """The domain with most hits: title counts double, the text once, headings above break ties."""
    best, best_score = OTHER_DOMAIN, 0.0
    for d in domains:
        score = 2 * d.hits(item.title) + d.hits(item.body) + 0.5 * d.hits(item.context)
        if score > best_score:
            best, best_score = d.name, score
    return best


def tools_view(docs: list[CDoc], tools: list[Rule], domains: list[Rule]) -> ToolsView:
    cells: dict[tuple[str, str, str], dict[str, list[str]]] = {}
    shares: dict[str, ToolShare] = {}
    per_domain: dict[str, dict[str, int]] = {}
    uncoded: list[UncodedItem] = []
    for cdoc in docs:
        counts = dict.fromkeys(TYPES, 0)
        coded = 0
        per_domain[cdoc.id] = {d.name: 0 for d in domains} | {OTHER_DOMAIN: 0}
        for item in cdoc.items:
            found = code_item(item, tools)
            domain = item_domain(item, domains)
            per_domain[cdoc.id][domain] += 1
            if not found:
                uncoded.append(UncodedItem(doc=cdoc.id, path=item.path, title=item.title, line=item.line))
                continue
            coded += 1
            for tool in found:
                counts[tool.type] += 1
                cells.setdefault((tool.type, tool.name, domain), {}).setdefault(cdoc.id, []).append(item.path)
        total = sum(counts.values())
        shares[cdoc.id] = ToolShare(**{t: round(counts[t] / total, 4) if total else 0.0 for t in TYPES},
                                    coded=coded, uncoded=len(cdoc.items) - coded, codings=total)
    order_tool = {(t.type, t.name): i for i, t in enumerate(tools)}
    order_domain = {d.name: i for i, d in enumerate(domains)} | {OTHER_DOMAIN: len(domains)}
    rows = [ToolRow(type=k[0], tool=k[1], domain=k[2],
                    cells={d: CountCell(count=len(p), items=p) for d, p in v.items()})
            for k, v in sorted(cells.items(), key=lambda kv: (TYPES.index(kv[0][0]), order_tool.get(kv[0][:2], 99),
                                                               order_domain.get(kv[0][2], 99)))]
    used = {(r.type, r.tool) for r in rows}
    unused = [ToolName(type=t.type, tool=t.name) for t in tools if (t.type, t.name) not in used]
    return ToolsView(rows=rows, shares=shares, domains=per_domain, uncoded=uncoded, unused=unused)
