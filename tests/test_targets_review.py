"""Target-extraction fixes from review: counts of a notice's own measures (B2), per-area units and 二次 (B3).

Each rule has the real excerpt (corpus notices) and a variant of my own.
"""
from __future__ import annotations

import pytest

from ipplan.parse import parse_text
from ipplan.parse.targets import targets_in_text


def read(text: str) -> list[tuple[str, str, str, str]]:
    return [(f.name, f.op, str(f.value) if f.op != "range" else f"{f.low}-{f.high}", f.unit)
            for f in targets_in_text(text)]


# ------------------------------------------------------------------ B2: N项 counting the measures listed

NATIONAL_BATCH2 = (  # national_innovation_reforms_batch2_2018
    "国务院办公厅关于推广第二批支持创新相关改革举措的通知\n"
    "一、推广的改革举措（共23项）\n"
    "（一）知识产权保护方面5项：知识产权民事、刑事、行政案件“三合一”审判；省级行政区内专利等专业技术性较强的"
    "知识产权案件跨市（区）审理。\n"
    "（四）军民深度融合方面6项。\n"
)


def test_national_excerpt_counts_of_measures_are_no_targets():
    doc = parse_text(NATIONAL_BATCH2)
    assert [n.title for n in doc.outline[0].children] == ["知识产权保护方面5项", "军民深度融合方面6项"]
    assert doc.targets == []


def test_variant_list_counts_in_another_plan_and_a_real_goal_beside_them():
    doc = parse_text("某省知识产权强省建设实施方案\n一、重点任务（共12条）\n"
                     "（一）专利转化运用方面4条：推进专利开放许可；开展专利导航。\n"
                     "（二）商标品牌建设方面3条\n"
                     "1.到2026年，新增专利导航项目5项，制定标准10项以上。\n")
    got = {(t.name, str(t.value), t.unit) for t in doc.targets}
    assert got == {("新增专利导航项目", "5", "项"), ("制定标准", "10", "项")}


@pytest.mark.parametrize("text", [
    "知识产权保护方面5项:知识产权民事、刑事、行政案件“三合一”审判。",  # national, normalised colon
    "(一)科技成果转化激励方面4项",  # a heading alone: 转化 inside a noun is no counting verb
    "(四)军民深度融合方面6项。",
    "重点任务共5项:一是完善制度,二是强化保护。",  # variant
    "其做法分成以下3种:",  # taoyuan: a count of the kinds listed after it
    "推广的改革举措共23项",  # a heading's total, whatever verb opens it
    "二、重点任务(共8条)",
])
def test_counts_introducing_a_list_or_closing_a_heading(text):
    assert read(text) == []


@pytest.mark.parametrize("text, want", [
    ("制定标准10项以上。", [("制定标准", ">=", "10", "项")]),
    ("新增专利导航项目5项。", [("新增专利导航项目", "=", "5", "项")]),
    ("(二)制定标准10项", [("制定标准", "=", "10", "项")]),  # a heading that opens with a counting verb
    ("新增5项:", [("新增", "=", "5", "项")]),  # a verb just before the number
    ("到2025年,完成地方标准8项:", [("完成地方标准", "=", "8", "项")]),  # a year ahead makes it a goal
    ("增设公办托婴中心50所", [("增设公办托婴中心", "=", "50", "所")]),  # taoyuan heading: 所 counts no measures
    ("全年共新增专利导航项目5项。", [("共新增专利导航项目", "=", "5", "项")]),  # a lone sentence with a counting verb
])
def test_goals_stay_targets(text, want):
    assert read(text) == want


def test_a_reported_count_stays_a_result():
    from ipplan.parse.targets import quantities_in_text
    got = [(str(f.value), f.unit, f.result) for f in quantities_in_text("目前本区已有专利导航项目5项。")]
    assert got == [("5", "项", "目前")]  # a result, not dropped as a heading's count


# ------------------------------------------------------------------ B3: units per area as written; 二次 is a noun

MINHANG = ("某区城市更新规划\n一、主要任务\n"
           "1.加强城市基础设施建设。至2030年，力争路网密度达4.15公里/平方公里。有序开展二次供水设施改造接管工作。\n")


def test_minhang_excerpt_rate_unit_as_written_and_no_secondary_count():
    got = [(t.name, str(t.value), t.unit) for t in parse_text(MINHANG).targets]
    assert got == [("路网密度", "4.15", "公里/平方公里")]


@pytest.mark.parametrize("text, want", [
    # a rate whose compound is listed nowhere: the unit after `/` joins the unit before it, as written
    ("到2030年,人口密度控制在1.2万人/平方公里以内。", [("人口密度", "<=", "12000", "人/平方公里")]),
    ("污水处理能力达到50万吨/日。", [("污水处理能力", "=", "500000", "吨/日")]),
    ("单位面积产值达到5亿元/平方公里以上。", [("单位面积产值", ">=", "500000000", "元/平方公里")]),
    ("完成二次供水设施改造200个。", [("完成二次供水设施改造", "=", "200", "个")]),  # 二次 in a name, 200 the goal
])
def test_rate_units_and_secondary(text, want):
    assert read(text) == want


def test_a_fraction_is_no_rate():
    assert read("完成3/4的任务。") == []
    assert read("开展二次供水设施改造接管工作。") == []
