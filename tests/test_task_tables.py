"""Task tables: when a numbered table row is an outline item, and when it is not.

Decision (README, "Reading responsible units and unusual outlines"): a table whose first column is
序号 and that has a unit column (指导部门, 责任单位, 牵头单位 …) is the plan's list of measures
written as a table, so each numbered row is an item with that column as its units (issue 11: "the
指导部门 column of a national notice becomes responsible units"). FORMAT.md's "a numbered list
inside a table is not an outline entry" covers every other numbered table: an indicator table's
序号, a table without a unit column, and a 分工表 that repeats items the prose already numbered.
"""
from __future__ import annotations

from ipplan.parse import parse_text

# national_innovation_reforms_batch2_2018.html, its attachment as the HTML reader gives it
NATIONAL = """国务院办公厅关于推广第二批支持创新相关改革举措的通知
一、推广的改革举措（共23项）
（一）知识产权保护方面5项：知识产权民事、刑事、行政案件“三合一”审判。
二、认真抓好组织实施
各省（区、市）人民政府要把推广支持创新相关改革举措列为本地区重点工作。
附件
第二批支持创新相关改革举措推广清单
序号\t改革举措\t主 要 内 容\t指导部门\t推广范围
一、知识产权保护方面（共5项）
1\t知识产权民事、刑事、行政案件“三合一”审判\t整合分散的审判资源，提高审判效率。\t最高人民法院、最高人民检察院、国家知识产权局\t全国
2\t以降低侵权损失为核心的专利保险机制\t开发专利执行险等保险产品。\t国家知识产权局、中国银保监会\t全国
"""


def nodes(doc):
    return {"/".join(n.path): n for n in doc.iter_nodes()}


def test_national_task_table_rows_are_items_with_the_guiding_departments_as_units():
    doc = parse_text(NATIONAL)
    items = nodes(doc)
    assert "附件/一/1" in items and "附件/一/2" in items
    assert [u.name for u in items["附件/一/1"].units] == ["最高人民法院", "最高人民检察院", "国家知识产权局"]
    assert items["附件/一/2"].title == "以降低侵权损失为核心的专利保险机制"
    assert "推广范围:全国" in items["附件/一/2"].text
    assert len(doc.tables) == 1  # the table stays a table as well


def test_variant_with_a_responsible_unit_column_in_a_provincial_plan():
    text = NATIONAL.replace("指导部门", "责任单位").replace("最高人民法院、最高人民检察院、国家知识产权局", "省法院、省知识产权局")
    items = nodes(parse_text(text))
    assert [u.name for u in items["附件/一/1"].units] == ["省法院", "省知识产权局"]


def test_an_indicator_table_with_a_number_column_gives_no_items():
    text = ("某市知识产权工作方案\n一、主要目标\n到2025年，主要指标如下。\n序号\t指标\t单位\t2025年\n"
            "1\t每万人口高价值发明专利拥有量\t件\t20\n2\t知识产权质押融资金额\t亿元\t10\n"
            "二、主要任务\n1.推进专利导航。开展工作。\n")
    assert list(nodes(parse_text(text))) == ["一", "二", "二/1"]


def test_a_division_of_work_table_repeating_the_prose_items_adds_none_and_moves_no_units():
    text = ("某区知识产权工作方案\n一、主要任务\n1.推进专利导航。开展工作。\n2.强化商标品牌。推进工作。\n"
            "重点任务分工表\n序号\t任务\t责任单位\n1\t推进专利导航\t区知识产权局\n2\t强化商标品牌\t区市场监管局\n"
            "3\t加强执法\t区司法局\n二、保障措施\n加强组织领导。\n")
    doc = parse_text(text)
    items = nodes(doc)
    assert list(items) == ["一", "一/1", "一/2", "二"]
    # before: row 3 became item 3, and rows 1 and 2 were glued into item 2 with their units
    assert items["一/2"].units == [] and "区知识产权局" not in items["一/2"].text
    assert len(doc.tables) == 1


def test_one_search_over_joined_pieces_finds_what_a_search_per_piece_finds():
    """task_rows looks for prose unit brackets in all text pieces at once, joined by ")"."""
    import random

    from ipplan.parse.segment import Piece
    from ipplan.parse.span import Span
    from ipplan.parse.task_tables import _PROSE_UNITS

    rng = random.Random(8)
    words = ["(", ")", "责任单位", "单位", "部门", ":", " ", "市科技局", "负责", "牵头", "推进", "\n", "。"]
    for _ in range(3000):
        texts = ["".join(rng.choice(words) for _ in range(rng.randrange(0, 8))) for _ in range(rng.randrange(0, 5))]
        pieces = [Piece("text", Span(t, tuple(range(len(t))))) for t in texts]
        per_piece = any(_PROSE_UNITS.search(t) for t in texts)
        assert bool(_PROSE_UNITS.search(")".join(p.span.text for p in pieces))) == per_piece, texts
