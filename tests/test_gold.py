"""The seeds against their hand-made gold (tests/data/gold, see FORMAT.md), scored as the reference scorer does."""
from __future__ import annotations

import pytest

import goldscore
from conftest import SEEDS


def test_every_seed_has_a_gold_file():
    gold = sorted(p.name.replace(".gold.json", ".txt") for p in goldscore.gold_files())
    assert len(SEEDS) == 5
    assert gold == SEEDS


@pytest.fixture(scope="module")
def scores(seed_doc):
    return {name: goldscore.score(goldscore.load_gold(name), seed_doc(name).model_dump(mode="json"))
            for name in SEEDS}


@pytest.mark.parametrize("name", SEEDS)
def test_outline_matches_gold(scores, name):
    s = scores[name]
    precision, recall, _ = s.outline
    assert (precision, recall) == (1.0, 1.0), f"{name}: {s.report()}"


@pytest.mark.parametrize("name", SEEDS)
def test_units_match_gold(scores, name):
    s = scores[name]
    assert s.units[2] >= 0.98, f"{name}: {s.report()}"


@pytest.mark.parametrize("name", SEEDS)
def test_meta_matches_gold(scores, name):
    s = scores[name]
    assert s.meta >= 0.95, f"{name}: {s.report()}"


# ---- the scorer itself: a broken scorer would let every test above pass ----------------

def _gold_as_output(gold: dict) -> dict:
    """The gold written the way the parser writes a document, with tree-shaped outline."""
    nodes: dict[tuple, dict] = {}
    roots: list[dict] = []
    for entry in gold["outline"]:
        node = {"path": entry["path"], "title": entry["title"],
                "units": [{"name": u} for u in entry.get("units", [])], "children": []}
        parent = next((nodes[tuple(entry["path"][:k])] for k in range(len(entry["path"]) - 1, 0, -1)
                       if tuple(entry["path"][:k]) in nodes), None)
        (parent["children"] if parent else roots).append(node)
        nodes[tuple(entry["path"])] = node
    return {"meta": dict(gold["meta"]), "outline": roots}


@pytest.mark.parametrize("name", SEEDS)
def test_gold_fed_back_scores_one(name):
    # FORMAT/NOTES: feeding the gold back through the scorer scores 1.00 on every measure
    gold = goldscore.load_gold(name)
    s = goldscore.score(gold, _gold_as_output(gold))
    assert (s.meta, s.outline, s.units, s.misses) == (1.0, (1.0, 1.0, 1.0), (1.0, 1.0, 1.0), [])


def test_scorer_counts_misses_and_extras():
    gold = goldscore.load_gold(SEEDS[0])
    got = _gold_as_output(gold)
    chapter = got["outline"][0]
    chapter["title"] = "完全不同的标题内容"          # a wrong title is a miss and an extra
    got["outline"].append({"path": ["九"], "title": "多出来的章节", "children": []})
    got["meta"]["issuer"] = "别的机关"
    s = goldscore.score(gold, got)
    n = len(gold["outline"])
    assert s.outline[1] == pytest.approx((n - 1) / n)
    assert s.outline[0] == pytest.approx((n - 1) / (n + 1))
    assert s.meta == pytest.approx(1 - 1 / len(gold["meta"]))
    assert any(m.startswith("outline missing 一 ") for m in s.misses)
    assert any(m.startswith("outline extra 九 ") for m in s.misses)
    assert any(m.startswith("meta.issuer") for m in s.misses)


@pytest.mark.parametrize("gold, got, agree", [
    ("重点工作", "重点工作", True),
    ("重点工作", "重点工作安排", True),               # the prediction extends the gold
    ("坚持知识产权严保护政策导向", "坚持知识产权严保护", True),   # a 6+ character prefix of the gold
    ("坚持知识产权严保护政策导向", "坚持知识", False),       # too short a prefix
    ("集聚多方合力,提高知识产权保护能级", "集聚多方合力，提高知识产权保护能级", True),  # width folds
    ("总体 目标", "总体目标", True),                 # whitespace is ignored
    ("", "anything", True),                          # no gold title: any title agrees
    ("加强统筹推进", "做好经费保障", False),
])
def test_titles_agree(gold, got, agree):
    assert goldscore.titles_agree(gold, got) is agree


def test_norm_and_labels():
    assert goldscore.norm("（2024年—2026年）") == "(2024年-2026年)"
    assert goldscore.norm("“中华武数” 四平台") == '"中华武数"四平台'
    assert goldscore.norm(None) == ""
    assert goldscore.path_key(["三、", "（一）", "1．", "(1)"]) == ("三", "(一)", "1", "(1)")
