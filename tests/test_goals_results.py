"""Goals versus results: what a plan or report promises is a target, what it says was reached is a result.

Built from short real excerpts (Taipei and Taoyuan policy reports, a Shanghai district plan, provincial plans)
and from variants of my own (other provinces, years, numbers). A result never appears among the targets.
"""
from __future__ import annotations

import pytest

from ipplan.parse import parse_text
from ipplan.parse.targets import quantities_in_text, result_marker, result_year, targets_in_text, uses_roc_years
from ipplan.schema.models import Document, Result


def goals(doc: Document) -> set[tuple[str, str, str]]:
    return {(t.name, str(t.value), t.unit) for t in doc.targets}


def achieved(doc: Document) -> set[tuple[str, str, str, int | None]]:
    return {(r.name, str(r.value), r.unit, r.year) for r in doc.results}


# ------------------------------------------------------------------ the clause says it

@pytest.mark.parametrize("text, marker", [
    ("全市高新技术企业已达到5000家。", "已达到"),
    ("本市已建成5G基站3000个。", "已建成"),
    ("已核准开办37班褓母专业训练课程。", "已"),
    ("地区生产总值同比增长5.6%。", "同比"),
    ("研发投入比上年增长12%。", "比上年"),
    ("目前有机耕作面积为219.7公顷。", "目前"),
])
def test_a_clause_that_reports_a_reached_value_gives_a_result(text, marker):
    found = quantities_in_text(text)
    assert found and all(f.result for f in found)
    assert any(marker.startswith(f.result) or f.result.startswith(marker[:1]) for f in found)
    assert targets_in_text(text) == []


def test_a_baseline_and_a_goal_in_one_sentence():
    found = quantities_in_text("全市高新技术企业已达5000家,力争到2025年达到8000家。")
    assert [(str(f.value), bool(f.result)) for f in found] == [("5000", True), ("8000", False)]
    assert found[1].year == 2025


# ------------------------------------------------------------------ the year and the section say it

WORK_REPORT = """2024年政府工作报告
一、2023年工作回顾
2023年,全市地区生产总值增长5.6%,规上工业增加值增长7.1%。新建5G基站3000个。
二、2024年主要目标
地区生产总值增长6%左右,城镇调查失业率控制在5.5%以内。新建5G基站2000个。
"""


def test_a_work_report_review_gives_results_and_its_goals_targets():
    doc = parse_text(WORK_REPORT)
    assert ("城镇调查失业率", "5.5", "%") in goals(doc)
    assert ("新建5G基站", "2000", "个") in goals(doc)
    assert ("新建5G基站", "3000", "个", 2023) in achieved(doc)
    assert any(str(r.value) == "5.6" and r.unit == "%" and r.year == 2023 for r in doc.results)
    assert not any(str(t.value) in ("5.6", "7.1", "3000") for t in doc.targets)
    assert next(t for t in doc.targets if t.name == "城镇调查失业率").op == "<="


def test_a_past_year_in_the_sentence_makes_a_result_another_province():
    text = "2022年,全省专利授权量达到8.2万件。到2025年,全省专利授权量达到10万件。"
    assert result_marker(text, text.index("8.2万件") + 5, [], 2023) == "2022年"
    assert result_marker(text, len(text) - 1, [], 2023) is None
    assert result_year(text, text.index("8.2万件") + 5, []) == 2022


def test_a_date_before_the_plan_with_jiezhi_gives_a_result_one_in_the_plan_a_goal():
    text = "截至2023年底,全省累计建成智能工厂120个。截至2025年底,全省累计建成智能工厂200个。"
    assert result_marker(text, text.index("120个") + 4, [], 2024) == "2023年"
    assert result_marker(text, len(text) - 1, [], 2024) is None
    assert [str(f.value) for f in targets_in_text(text)] == ["120", "200"]  # the clause alone cannot tell


def test_a_comparison_year_is_no_past_year():
    text = "到2025年,全省研发经费投入比2020年增长50%。"
    assert result_marker(text, len(text) - 1, [], 2021) is None


def test_a_future_word_keeps_a_goal_in_a_review_section():
    assert result_marker("预计107年度达95%", 10, ["重要施政成果"], 2015, roc=True) is None
    assert result_marker("参观人数达16万6,511人", 14, ["103年度下半年重要施政成果", "文化"], 2015, roc=True) == "施政成果"
    assert result_marker("参观人数达16万6,511人", 14, ["未来施政重点"], 2015, roc=True) is None


def test_the_nearest_heading_decides():
    assert result_marker("新建基站3000个", 9, ["2024年主要目标", "过去一年工作回顾"], None) is None
    assert result_marker("新建基站3000个", 9, ["过去一年工作回顾", "政府工作报告"], None) == "过去一年"


TAIPEI = """肆、文化
一、103年度下半年重要施政成果
(一)文化臺北計畫
1、藝術臺北
(1)2016世界設計之都：103 年 10 月舉辦臺北設計城市展，展出國際設計城市社會設計經典案例，參觀人數達 16 萬 6,511 人。
(2)北投溫泉博物館：103 年辦理館慶活動，參訪人數計 50 萬 4,010 人。
二、未來施政重點
(一)書院臺北：104 年度串連館所 80 處。
"""


def test_taipei_results_carry_their_minguo_year_and_goals_stay_targets():
    doc = parse_text(TAIPEI)
    assert ("参观人数", "166511", "人", 2014) in achieved(doc)
    assert any(r.value == 504010 and r.year == 2014 for r in doc.results)
    assert not any(t.value in (166511, 504010) for t in doc.targets)
    assert any(t.value == 80 and t.unit == "处" for t in doc.targets)


def test_minguo_years_are_read_only_in_taiwanese_text():
    assert uses_roc_years("103年辦理,104年度預計", traditional=True)
    assert not uses_roc_years("103年辦理,104年度預計", traditional=False)  # simplified mainland text
    assert not uses_roc_years("2015年施政報告,2016年目標,103年", traditional=True)  # Hong Kong writes 2015年


TAOYUAN = """桃園市市長施政報告
貳、施政規劃與執行
一、教育城市（104 年度）
經本府各機關共同努力，本市 103 年每千名少年之少年犯罪人數僅 4.65 人，為全國最低。
本市道路坑洞修復率為 85%，預計 107 年度達 95%。
本府於 104 年編列新臺幣 3,829 萬元，新增巡邏車 2 輛。
"""


def test_taoyuan_past_year_result_goal_year_and_new_taiwan_dollars():
    doc = parse_text(TAOYUAN)
    assert any(str(r.value) == "4.65" and r.unit == "人" and r.year == 2014 for r in doc.results)
    target95 = next(t for t in doc.targets if t.value == 95)
    assert target95.year == 2018 and target95.unit == "%" and target95.name == "道路坑洞修复率"
    money = [t for t in doc.targets + doc.results if t.value == 38290000]
    assert money and all(m.unit == "新台币" for m in money)  # 元 in a Taiwanese report is 新台币
    assert not any(str(t.value) == "4.65" for t in doc.targets)


def test_a_mainland_report_keeps_yuan():
    doc = parse_text("到2025年,设立总规模不少于100亿元的专项基金。")
    assert [(t.name, t.unit, t.op) for t in doc.targets] == [("专项基金总规模", "元", ">=")]


# ------------------------------------------------------------------ tables

MINHANG_FLAT = """主要指标表
类别
序号
一级指标
二级指标
单位
属性
“十四五”
完成值
“十五五”
目标值

建设全龄友好宜居城区
1
既有居住建筑改造
旧住房成套改造任务
万平方米
预期性
25
1.4

2
推进老旧小区整治改造
老旧小区整治改造面积
万平方米
预期性
240
300

8
老旧街区改造数量
个
预期性

≥5

9
加强城市基础设施建设改造
燃气老化管道改造数量
公里
约束性
355
421
"""


def test_a_flattened_indicator_table_gives_targets_and_base_column_results():
    doc = parse_text(MINHANG_FLAT)
    got = {(t.name, str(t.value), t.unit, t.op, t.year, t.kind) for t in doc.targets}
    assert ("旧住房成套改造任务", "14000", "平方米", "=", 2030, "预期性") in got
    assert ("老旧小区整治改造面积", "3000000", "平方米", "=", 2030, "预期性") in got
    assert ("老旧街区改造数量", "5", "个", ">=", 2030, "预期性") in got  # the empty 完成值 cell is a blank line
    assert ("燃气老化管道改造数量", "421", "公里", "=", 2030, "约束性") in got
    assert ("燃气老化管道改造数量", "355", "公里", 2025) in achieved(doc)
    assert ("旧住房成套改造任务", "250000", "平方米", 2025) in achieved(doc)
    assert all(t.source == "table" and t.line > 0 for t in doc.targets)


def test_a_flattened_table_of_another_district_with_years():
    text = "\n".join(["指标", "单位", "属性", "2020年", "基期值", "2025年", "目标值",
                      "1", "每万人高价值发明专利拥有量", "件", "预期性", "3.2", "8",
                      "2", "技术合同成交额", "亿元", "预期性", "50", "100"])
    doc = parse_text(text)
    got = {(t.name, str(t.value), t.unit, t.year) for t in doc.targets}
    assert got == {("每万人高价值发明专利拥有量", "8", "件", 2025), ("技术合同成交额", "10000000000", "元", 2025)}
    assert ("技术合同成交额", "5000000000", "元", 2020) in achieved(doc)


def test_a_markdown_table_base_year_column_gives_results():
    text = ("| 指标 | 2020年(基期) | 2025年目标 |\n|---|---|---|\n"
            "| 有效发明专利拥有量(件) | 1200 | 2000 |\n")
    doc = parse_text(text)
    assert [(t.name, str(t.value), t.year) for t in doc.targets] == [("有效发明专利拥有量", "2000", 2025)]
    assert [(r.name, str(r.value), r.year, r.source) for r in doc.results] == [
        ("有效发明专利拥有量", "1200", 2020, "table")]


# ------------------------------------------------------------------ the model

def test_results_are_documented_in_the_schema():
    schema = Document.model_json_schema()
    assert "results" in schema["properties"] and "never targets" in schema["properties"]["results"]["description"]
    fields = Result.model_json_schema()["properties"]
    assert {"name", "value", "unit", "year", "line", "raw", "marker"} <= set(fields)
    with pytest.raises(ValueError):
        Result(name="x", unit="件", op="=", line=1, raw="x")  # no value


def test_a_present_value_is_for_the_year_the_notice_was_written():
    doc = parse_text("关于印发某市知识产权强市建设方案的通知\n2022年3月1日\n一、发展目标\n"
                     "目前全市有效发明专利拥有量为1.2万件,到2025年达到2万件。")
    assert [(str(t.value), t.year) for t in doc.targets] == [("20000", 2025)]
    assert [(str(r.value), r.marker) for r in doc.results] == [("12000", "目前")]
    assert doc.results[0].year in (2022, None) and (doc.meta.issued is None or doc.results[0].year == 2022)


def test_a_flattened_tables_cells_are_not_read_again_as_prose():
    text = "\n".join(["主要指标表", "序号", "二级指标", "单位", "属性", "“十四五”", "完成值", "“十五五”", "目标值", "",
                      "4", "推动城中村改造项目数量", "个", "约束性", "启动8个城中村整体改造项目", "全面完成整体改造", "",
                      "5", "更新商业设施面积", "万平方米", "预期性", "-", "≥50", "",
                      "二、重点任务", "到2030年,累计完成50万平方米以上商业设施更新。"])
    doc = parse_text(text)
    assert not any(t.value == 8 for t in doc.targets)  # a 完成值 cell, and no number in the 目标值 cell
    assert [(t.name, str(t.value), t.source) for t in doc.targets] == [("更新商业设施面积", "500000", "table")]


def test_a_work_report_speaks_for_the_year_of_its_title():
    text = ("2024年政府工作报告\n一、工作情况\n2023年,全市地区生产总值增长5.6%。2023年新建5G基站3000个。"
            "2023年完成固定资产投资增长8%。\n二、主要任务\n2024年地区生产总值增长6%左右。")
    doc = parse_text(text)
    assert [str(t.value) for t in doc.targets] == ["6"]
    assert {str(r.value) for r in doc.results} == {"5.6", "3000", "8"}


def test_a_paragraph_that_opens_with_a_review_phrase_reports_results():
    text = "过去一年,全市新增高新技术企业800家,研发投入增长12%。\n今年,力争新增高新技术企业1000家。"
    doc = parse_text(text)
    assert [str(t.value) for t in doc.targets] == ["1000"]
    assert {str(r.value) for r in doc.results} == {"800", "12"}


def test_a_plans_foundation_chapter_reports_results_and_its_goals_chapter_targets():
    text = ("某省知识产权强省建设规划(2021—2025年)\n一、发展基础\n全省有效发明专利拥有量达到5.6万件,"
            "技术合同成交额1200亿元。\n二、发展目标\n到2025年,全省有效发明专利拥有量达到8万件。")
    doc = parse_text(text)
    assert [(str(t.value), t.year) for t in doc.targets] == [("80000", 2025)]
    assert {(str(r.value), r.marker) for r in doc.results} == {("56000", "发展基础"), ("120000000000", "发展基础")}


def test_a_task_about_research_results_is_no_review():
    text = "某市科技创新行动方案\n二、重点任务\n(三)强化科技成果转化\n到2025年,技术合同成交额达到300亿元,新建中试基地10个。"
    doc = parse_text(text)
    assert {str(t.value) for t in doc.targets} == {"30000000000", "10"} and doc.results == []


def test_a_baseline_word_in_a_clause_that_looks_ahead_is_a_goal():
    assert [bool(f.result) for f in quantities_in_text("力争规上工业增加值同比增长10%。")] == [False]
    assert [bool(f.result) for f in quantities_in_text("到2025年,数字经济增加值约占GDP比重10%。")] == [False]
    assert [bool(f.result) for f in quantities_in_text("生活污水约占60%。")] == [True]


def test_a_base_year_of_comparison_is_no_past_year():
    text = "专利申请量在2020年基础上增长50%。"
    assert result_marker(text, len(text) - 1, [], 2021) is None
    assert result_marker("研发投入较2020年水平提高1倍。", 14, [], 2021) is None


def test_a_clause_that_looks_ahead_after_past_years_is_a_goal():
    text = "101年至103年每年降埋约5,000座,截至103年度已调降1万5,000座,每年要降埋6,500座。"  # taoyuan
    assert result_marker(text, text.index("6,500座") + 6, [], 2015, roc=True) is None
    assert result_marker(text, text.index("5,000座") + 6, [], 2015, roc=True) == "2014年"
    assert [(f.name, str(f.value)) for f in targets_in_text("105年预计汰换各式警用汽车41辆及警用机车187辆。")] == [
        ("汰换各式警用汽车", "41"), ("警用机车", "187")]


def test_a_flattened_table_with_the_unit_after_the_kind():
    text = "\n".join(["指标", "属性", "单位", "2025年目标值", "1", "规上工业增加值年均增速", "预期性", "%", "7",
                      "2", "单位GDP能耗下降", "约束性", "%", "13.5"])
    got = [(t.name, str(t.value), t.unit, t.year, t.kind) for t in parse_text(text).targets]
    assert got == [("规上工业增加值年均增速", "7", "%", 2025, "预期性"), ("单位GDP能耗下降", "13.5", "%", 2025, "约束性")]


@pytest.mark.parametrize("text, want", [
    ("本市道路坑洞4小时修复率为85%,预计107年度达95%。", [("85", "现状"), ("95", None)]),  # taoyuan
    ("全市高新技术企业3000家,到2025年达到5000家。", [("3000", "现状"), ("5000", None)]),  # variant
    ("专利申请量2024年达到20件,2025年达到23件。", [("20", None), ("23", None)]),  # two goals
    ("到2024年专利申请量达到20件,到2025年达到23件。", [("20", None), ("23", None)]),
])
def test_a_value_then_a_goal_for_the_same_indicator(text, want):
    assert [(str(f.value), f.result) for f in quantities_in_text(text)] == want


def test_a_result_is_named_after_what_is_had():
    assert [(f.name, f.result) for f in quantities_in_text("目前本市辖内计有市区公车57条。")] == [("市区公车", "目前")]
    assert [f.name for f in quantities_in_text("每万人口高价值发明专利拥有量达到20件。")] == ["每万人口高价值发明专利拥有量"]
