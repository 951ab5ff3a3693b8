"""The tools view: coverage of the seeds, instrument mix, and the rules against a hand-coded sample."""
from __future__ import annotations

import json

import pytest

from ipplan.compare import compare
from ipplan.compare.items import Item
from ipplan.compare.rules import RulesError, load_tools
from ipplan.compare.tools import code_item, item_domain

from conftest import DATA_DIR, SEEDS


@pytest.fixture(scope="module")
def seeds_result(seed_doc):
    return compare([seed_doc(n) for n in SEEDS], views=["tools", "themes"])


def test_tools_code_most_seed_items(seeds_result):
    total = sum(d.items for d in seeds_result.documents)
    uncoded = len(seeds_result.tools.uncoded)
    assert total >= 100
    assert (total - uncoded) / total >= 0.8


def test_each_seed_uses_two_instrument_types(seeds_result):
    for doc in seeds_result.documents:
        share = seeds_result.tools.shares[doc.id]
        used = [t for t in ("supply", "environment", "demand") if getattr(share, t) > 0]
        assert len(used) >= 2, (doc.region, share)


def test_every_cell_lists_its_items_and_uncoded_are_listed(seeds_result):
    docs = {d.id: d for d in seeds_result.documents}
    for row in seeds_result.tools.rows:
        for doc, cell in row.cells.items():
            assert cell.count == len(cell.items) > 0
            assert doc in docs
    coded = {d: s.coded for d, s in seeds_result.tools.shares.items()}
    for d in docs.values():  # nothing dropped: coded + uncoded = items
        assert coded[d.id] + sum(1 for u in seeds_result.tools.uncoded if u.doc == d.id) == d.items


def test_hand_coded_sample_precision_recall(capsys):
    sample = json.loads((DATA_DIR / "compare_tools_sample.json").read_text("utf-8"))["items"]
    assert len(sample) >= 30
    assert any("corpus" in e["source"] for e in sample) and any("seeds" in e["source"] for e in sample)
    tools, _ = load_tools()
    known = {t.name for t in tools}
    tp = fp = fn = 0
    for entry in sample:
        assert set(entry["tools"]) <= known, entry["tools"]
        item = Item(doc="x", path=entry["path"], title="", text=entry["text"], line=1, context="")
        got = {t.name for t in code_item(item, tools)}
        want = set(entry["tools"])
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    with capsys.disabled():
        print(f"\ntools rules on {len(sample)} hand-coded items: precision {precision:.2f}, recall {recall:.2f}")
    assert precision >= 0.6
    assert recall >= 0.8


def test_domain_follows_the_item_and_its_heading():
    _, domains = load_tools()
    item = Item(doc="x", path="1", title="强化知识产权行政执法", text="加大侵权假冒查处力度", line=1, context="")
    assert item_domain(item, domains) == "保护"
    item = Item(doc="x", path="1", title="创新知识产权金融服务", text="推进知识产权质押融资产品创新", line=1, context="")
    assert item_domain(item, domains) == "运用"


def test_user_rules_add_a_tool(tmp_path):
    extra = tmp_path / "rules.json"
    extra.write_text(json.dumps({"tools": [{"type": "demand", "tool": "首版次", "keywords": ["首版次"]}]}), "utf-8")
    tools, _ = load_tools(extra)
    item = Item(doc="x", path="1", title="推广首版次软件", text="", line=1, context="")
    assert "首版次" in {t.name for t in code_item(item, tools)}
    extra.write_text(json.dumps({"tools": [{"type": "other", "tool": "x", "keywords": ["x"]}]}), "utf-8")
    with pytest.raises(RulesError):
        load_tools(extra)
