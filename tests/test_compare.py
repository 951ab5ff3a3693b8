"""`ipplan compare`: the one-screen summary, the JSON contract, flat formats, scripts and bad input."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import regex
from typer.testing import CliRunner

from conftest import CORPUS_DIR, SEEDS, SEEDS_DIR
from ipplan.cli import app
from ipplan.compare import compare_docs
from ipplan.compare.items import make_docs
from ipplan.compare.render import cell_len, human_target, wrap
from ipplan.output import human_amount
from ipplan.compare.textview import summary

runner = CliRunner()
SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def run(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture(scope="module")
def seeds_json():
    result = run("compare", str(SEEDS_DIR), "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_summary_fits_one_screen_with_all_seeds_side_by_side():
    result = run("compare", str(SEEDS_DIR), "--width", "120")
    assert result.exit_code == 0
    lines = result.stdout.rstrip("\n").split("\n")
    assert len(lines) <= 40
    assert max(cell_len(line) for line in lines) <= 120
    header = next(line for line in lines if "徐汇区" in line)
    for region in ("徐汇区", "浦东新区", "普陀区", "上海市", "湖州市"):
        assert region in header
    row = next(line for line in lines if line.startswith("每万人口高价值发明专"))
    # the high-value invention patents per 10,000 people: one row, four plans state it
    assert len(regex.findall(r"\d+件", row)) == 4
    assert "83件" in row and "75件" in row and "23件" in row and "15件" in row


def test_summary_at_80_columns_splits_no_number(seeds_json):
    result = run("compare", str(SEEDS_DIR), "--width", "80")
    lines = result.stdout.rstrip("\n").split("\n")
    assert max(cell_len(line) for line in lines) <= 80
    whole = set()
    for row in seeds_json["targets"]:
        for cells in row["cells"].values():
            for cell in cells:
                amount, _, year = cell["human"].partition(" ")
                whole.update({amount, amount + "*", year})
    start = next(i for i, line in enumerate(lines) if line.startswith("▸ targets"))
    end = next(i for i, line in enumerate(lines) if i > start and line.startswith("▸"))
    shown = [tok for line in lines[start + 1:end - 1] for tok in regex.findall(r"\S*\d\S*", line)]
    assert len(shown) >= 12  # at least three shared rows of four plans, amount and year
    assert set(shown) <= whole, set(shown) - whole  # every number on screen is a whole amount or year


def test_wrap_never_breaks_inside_a_number():
    for width in range(4, 16):
        for line in wrap("≥172件* (2026) / 1.8万件 (2025) 每万人口高价值发明专利拥有量", width):
            for token in regex.findall(r"\S*\d\S*", line):
                assert token in {"≥172件*", "(2026)", "1.8万件", "(2025)"}


def test_human_amounts():
    assert human_amount(">=", 15, None, None, "件") == "≥15件"
    assert human_amount("=", 10_000_000_000, None, None, "元") == "100亿元"
    assert human_amount("range", None, 3, 5, "家") == "3–5家"
    assert human_amount("=", 18000, None, None, "件") == "1.8万件"
    assert human_amount(">", 20, None, None, "%") == ">20%"


def test_compare_cells_read_as_plans_write_them():
    """compare's cells use the output layer's amounts: the year after the amount, '?' without a number."""
    assert human_target({"op": ">=", "value": 15, "unit": "件", "year": 2025}) == "≥15件 (2025)"
    assert human_target({"op": "=", "value": 10_000_000_000, "unit": "元", "year": None}) == "100亿元"
    assert human_target({"op": "range", "low": 3, "high": 5, "unit": "家"}) == "3–5家"
    assert human_target({"op": "=", "value": None, "unit": "件", "year": 2025}) == "? (2025)"


def test_json_contract(seeds_json):
    docs = seeds_json["documents"]
    assert [set(d) >= {"id", "source", "region", "title", "period"} for d in docs] == [True] * 5
    ids = {d["id"] for d in docs}
    assert len(ids) == 5
    assert set(seeds_json) == {"schema_version", "documents", "targets", "tools", "themes", "units", "measures", "extras"}
    row = next(r for r in seeds_json["targets"] if r["key"] == "high_value_invention_patents_per_10k")
    assert len(row["cells"]) == 4 and set(row["cells"]) <= ids
    cell = row["cells"][next(iter(row["cells"]))][0]
    assert set(cell) >= {"value", "low", "high", "op", "unit", "year", "line", "raw"}
    tool = seeds_json["tools"][0]
    assert tool["type"] in ("supply", "demand", "environment") and tool["tool"] and tool["domain"]
    for view in ("tools", "themes", "units"):
        for r in seeds_json[view]:
            for c in r["cells"].values():
                assert set(c) == {"count", "items"} and c["count"] == len(c["items"])
    assert seeds_json["measures"]
    for pair in seeds_json["measures"]:
        assert set(pair["a"]) == {"doc", "path", "title", "line"} and 0 <= pair["similarity"] <= 1
    assert set(seeds_json["extras"]) == {"tools", "themes", "measures"}
    assert len(seeds_json["extras"]["tools"]["shares"]) == 5


def test_shared_rows_first_and_best_marked(seeds_json):
    rows = seeds_json["targets"]
    shared = [r["shared"] for r in rows]
    assert shared == sorted(shared, reverse=True)
    row = next(r for r in rows if r["key"] == "high_value_invention_patents_per_10k")
    xuhui = next(d["id"] for d in seeds_json["documents"] if d["region"] == "徐汇区")
    assert row["best"] == [xuhui]


def test_units_equated_only_by_the_text(seeds_json):
    rows = {r["unit"]: r for r in seeds_json["units"]}
    huzhou = next(d["id"] for d in seeds_json["documents"] if d["region"] == "湖州市")
    assert "市市场监管局〔市知识产权局〕" in rows
    assert rows["市市场监管局〔市知识产权局〕"]["aliases"] == ["市市场监管局", "市知识产权局"]
    assert huzhou not in rows.get("市知识产权局", {"cells": {}})["cells"]
    assert "区知识产权局" in rows and len(rows["区知识产权局"]["cells"]) >= 2


def test_views_key_and_show():
    result = run("compare", str(SEEDS_DIR), "--view", "targets", "--key", "pct_applications", "--show")
    assert result.exit_code == 0
    assert "PCT国际专利申请量" in result.stdout and "每万人口" not in result.stdout.split("sources:")[0]
    assert "L29" in result.stdout  # where Xuhui states it
    result = run("compare", str(SEEDS_DIR), "-v", "tools", "--show")
    assert "三/(二)/3" in result.stdout and "uncoded items" in result.stdout
    result = run("compare", str(SEEDS_DIR), "-v", "measures", "-v", "themes")
    assert "own measures" in result.stdout and "not addressed" in result.stdout


def test_csv_and_md_are_flat():
    result = run("compare", str(SEEDS_DIR), "-v", "themes", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {r["view"] for r in rows} == {"themes"}
    assert len(rows) == len({(r["theme"], r["doc"]) for r in rows})  # one line per row and document
    result = run("compare", str(SEEDS_DIR), "-f", "md")
    for view in ("targets", "tools", "themes", "units", "measures"):
        assert f"## {view}" in result.stdout


def test_traditional_output():
    result = run("compare", str(SEEDS_DIR), "-v", "themes", "--script", "traditional")
    assert "商標品牌" in result.stdout and "商标品牌" not in result.stdout


def test_traditional_input_compares_with_simplified(seeds_json):
    shanghai = next(d for d in seeds_json["documents"] if d["region"] == "上海市")  # a traditional-script seed
    rows = [r for r in seeds_json["themes"] if shanghai["id"] in r["cells"]]
    assert any(r["theme"] == "公共服务" for r in rows)


def test_schema_compare():
    result = run("schema", "--compare")
    schema = json.loads(result.stdout)
    assert {"documents", "targets", "tools", "themes", "units", "measures", "extras"} <= set(schema["properties"])
    assert schema["properties"]["measures"]["anyOf"][0]["type"] == "array"


def test_bad_input():
    assert run("compare", str(SEEDS_DIR), "--key", "nonsense").exit_code == 2
    result = run("compare", str(SEEDS_DIR / "missing.txt"))
    assert result.exit_code == 2 and "missing.txt" in result.stderr
    result = run("compare", str(SEEDS_DIR / SEEDS[0]), "/nonexistent.txt", "-f", "json")
    assert result.exit_code == 2 and len(json.loads(result.stdout)["documents"]) == 1


def test_bad_rules_file(tmp_path):
    bad = tmp_path / "rules.json"
    bad.write_text("{not json", "utf-8")
    result = run("compare", str(SEEDS_DIR), "--rules", str(bad))
    assert result.exit_code == 2 and str(bad) in result.stderr


def test_corpus_and_seeds_compare_without_error(tmp_path):
    dirs = [str(SEEDS_DIR), str(CORPUS_DIR)]  # tests/data/corpus holds copies of part of shared/corpus
    html = []
    if SHARED_CORPUS.is_dir():
        dirs = [str(SEEDS_DIR), str(SHARED_CORPUS)]
        html = [str(p) for p in SHARED_CORPUS.glob("*.html")]
    result = run("compare", *dirs, *html, "-f", "json")
    data = json.loads(result.stdout)
    assert len(data["documents"]) >= len(SEEDS) + 4
    assert len({d["id"] for d in data["documents"]}) == len(data["documents"])
    for name in html:  # a file the reader refuses is named on stderr, the rest compared
        if Path(name).name not in {Path(d["source"]).name for d in data["documents"]}:
            assert Path(name).name in result.stderr
    assert result.exit_code in (0, 2)


def test_two_hundred_plans_still_give_a_readable_screen(seed_doc):
    docs = make_docs([seed_doc(SEEDS[i % len(SEEDS)]) for i in range(200)])
    result = compare_docs(docs, views=["targets", "units"])  # the views whose rows grow with the plans
    text = summary(result, docs, width=120)
    lines = text.split("\n")
    assert len(lines) <= 40 and max(cell_len(line) for line in lines) <= 120
    assert "showing" in lines[0] and "200 documents" in lines[0]


def test_user_themes_file_adds_a_row(tmp_path):
    extra = tmp_path / "themes.json"
    extra.write_text(json.dumps({"themes": [{"theme": "老字号", "keywords": ["老字号"]}]}, ensure_ascii=False), "utf-8")
    result = run("compare", str(SEEDS_DIR), "-v", "themes", "--themes", str(extra), "-f", "json")
    rows = {r["theme"]: r for r in json.loads(result.stdout)["themes"]}
    assert "老字号" in rows and rows["老字号"]["cells"]  # Xuhui and Putuo name 老字号 in their items
    assert "商标品牌" in rows  # the shipped themes stay


def test_an_increment_is_shown_as_one_and_never_ranked_against_a_level():
    """普陀 `新增 3-5 家国家知识产权优势示范企业` (seed 002) beside 湖州 `国家知识产权优势示范企业…70家` (seed 004)."""
    from ipplan.compare.targets import measure, targets_view
    from ipplan.parse import parse_text

    head = "关于印发{0}知识产权工作方案的通知\n{0}知识产权工作方案\n一、主要目标\n"
    putuo = parse_text(head.format("普陀区") + "到2025年，新增3-5家国家知识产权优势示范企业。\n", source="a.txt")
    huzhou = parse_text(head.format("湖州市") + "到2025年，国家知识产权优势示范企业达到70家以上。\n", source="b.txt")
    shaoxing = parse_text(head.format("绍兴市") + "到2025年，国家知识产权优势示范企业达到80家。\n", source="c.txt")
    NAMES = {"national_ip_advantage_demo_enterprises": "国家知识产权优势示范企业"}
    docs = make_docs([putuo, huzhou])
    row = next(r for r in targets_view(docs, NAMES, []).rows if r.shared)
    cells = {d: c[0] for d, c in row.cells.items()}
    assert cells[docs[0].id].human.startswith("新增3–5家") and cells[docs[0].id].measure == "新增"
    assert row.best == []  # 70 is not "higher" than an increment of 3-5
    # two levels still rank
    docs = make_docs([huzhou, shaoxing])
    row = next(r for r in targets_view(docs, NAMES, []).rows if r.shared)
    assert row.best == [docs[1].id]
    assert measure("年知识产权质押融资登记金额", "元") == "每年" and measure("知识产权保险金额年均增幅", "%") == ""
