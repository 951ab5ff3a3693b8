"""`ipplan diff` shows amounts as the plan writes them (48亿元), like every other command; JSON keeps base units."""
from __future__ import annotations

from ipplan.diff import as_json, compare
from ipplan.diff.render_table import markdown
from ipplan.parse import parse_text

OLD = """某区知识产权工作方案（2024—2025年）
一、主要目标
到2025年，全区发明专利拥有量达到490件，知识产权质押融资金额突破48亿元。
"""


def test_terminal_summary_and_table_show_human_amounts():
    new = OLD.replace("48亿元", "128亿元") + "二、主要任务\n1.推进质押融资。到2025年，年质押融资额达到3亿元。\n"
    diff = compare(parse_text(OLD, source="old"), parse_text(new, source="new"))
    data = as_json(diff)["changes"]
    up = next(c for c in data if c["kind"] == "target-up")
    assert ">48亿元 → >128亿元" in up["summary"]  # was >4800000000元 → >12800000000元
    assert up["new"]["value"] == 12800000000 and up["new"]["unit"] == "元"  # machines keep base units
    added = next(c for c in data if c["kind"] == "target-added")
    assert added["summary"].endswith("3亿元 added")
    table = markdown(diff, 20)
    assert "**>128亿元**" in table and "12800000000" not in table


def test_a_new_chapter_with_new_items_is_added_not_split_off_the_edited_one():
    """A chapter added after an edited one was reported as `一 split into 一, 二`, hiding the target change."""
    new = OLD.replace("48亿元", "128亿元") + "二、主要任务\n1.推进质押融资。到2025年，年质押融资额达到3亿元。\n"
    data = as_json(compare(parse_text(OLD, source="old"), parse_text(new, source="new")))["changes"]
    assert sorted(c["kind"] for c in data) == ["added", "target-added", "target-up"]
    assert next(c for c in data if c["kind"] == "added")["new"]["path"] == ["二"]


def test_an_added_heading_over_a_paragraph_keeps_its_title_in_the_table():
    """Seed 002's `一、总体要求` over its paragraph showed in the 对照表 as `一、以习近平…`."""
    new = OLD + "二、保障措施\n加强组织领导，压实工作责任。\n"
    table = markdown(compare(parse_text(OLD, source="old"), parse_text(new, source="new")), 20)
    assert "**二、保障措施 加强组织领导" in table
