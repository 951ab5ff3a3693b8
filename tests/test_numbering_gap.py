"""One item deleted from a plan numbered straight through its sections is a gap, not the end of the outline.

Seed 002 (普陀区) numbers its items 1–21 across sections (一)…(五). With item 6 deleted, items
7–21 were all refused ("does not continue the numbering") and glued into item 5's text: fifteen
measures lost for every command. A jump of one missing number, at a line start and with the
separator of the item before, is a gap (`ipplan check` reports numbering-gap on its line).
"""
from __future__ import annotations

from conftest import SEEDS, SEEDS_DIR
from ipplan.parse import parse_text

PUTUO = (SEEDS_DIR / SEEDS[2]).read_text(encoding="utf-8")


def numbered(doc) -> list[str]:
    return [n.path[-1] for n in doc.iter_nodes() if n.path[-1].isdigit()]


def test_seed_with_one_item_deleted_keeps_every_later_item():
    lines = [line for line in PUTUO.split("\n") if not line.startswith("6. 强化企业")]
    doc = parse_text("\n".join(lines))
    assert numbered(doc)[:20] == [str(n) for n in range(1, 22) if n != 6]
    gaps = [f for f in doc.findings if f.rule == "numbering-gap"]
    assert len(gaps) == 1 and "5 to 7" in gaps[0].message
    assert not [f for f in doc.findings if f.rule == "label-rejected"]


VARIANT = """某市知识产权工作方案
一、重点任务
（一）加强保护
1、健全快速维权机制，在全市布局建设三家快速维权中心，为重点产业提供快速预审、快速确权、快速维权一站式服务。
2、加大行政执法力度，组织开展专项执法行动，严厉打击商标侵权和专利假冒等违法行为，并公开曝光典型案件。
（二）促进运用
3、加强知识产权运营，支持建设知识产权运营服务平台，推动高校院所专利向中小企业转移转化和许可实施。
5、推进知识产权质押融资，鼓励银行业金融机构开发知识产权质押贷款产品，扩大惠及企业数量和融资规模。完善风险补偿机制，对合作银行发生的不良贷款按比例给予补偿。
6、开展专利导航，围绕主导产业开展产业规划类专利导航项目，为产业发展和招商引资提供决策参考和服务支撑。
"""


def test_variant_with_another_separator_across_sections():
    doc = parse_text(VARIANT)
    assert numbered(doc) == ["1", "2", "3", "5", "6"]
    assert [f.rule for f in doc.findings if f.rule.startswith("numbering")] == ["numbering-gap"]



def test_two_items_deleted_are_a_gap_when_the_next_item_follows_on():
    lines = [line for line in PUTUO.split("\n") if not line.startswith(("6. 强化企业", "7. 支持高校"))]
    doc = parse_text("\n".join(lines))
    assert numbered(doc)[:19] == [str(n) for n in range(1, 22) if n not in (6, 7)]
    assert [f.message for f in doc.findings if f.rule == "numbering-gap"] == ["numbering jumps from 5 to 8 under 三/(二)"]


def test_a_lone_number_that_nothing_follows_is_not_taken_for_a_gap():
    # 9. with no 10. after it and three numbers missing: left as text, as before
    text = VARIANT.replace("6、开展专利导航", "9、开展专利导航") + "二、保障措施\n加强组织领导。\n"
    doc = parse_text(text)
    assert "9" not in numbered(doc)
