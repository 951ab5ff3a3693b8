"""Alignment and change kinds on small plans: moves, splits, merges, metadata, targets, units, word tokens."""
from __future__ import annotations

from collections import Counter

import pytest

from ipplan.diff import as_json, compare
from ipplan.diff.words import tokens, word_diff
from ipplan.parse import parse_text

BASE = """某区知识产权工作方案（2024—2025年）
一、主要目标
到2025年，全区发明专利拥有量达到490件，知识产权质押融资金额突破48亿元。
二、主要任务
（一）加强知识产权创造
1.推进专利导航。围绕重点产业开展专利导航项目，形成导航报告。（区知识产权局）
2.培育高价值专利。支持企业开展高价值专利培育，建设高价值专利培育中心。（区知识产权局、区科委）
3.强化商标品牌建设。推动商标品牌指导站建设，打造区域品牌。（区市场监管局）
4.发展版权产业。推进版权示范园区建设，扶持优势版权企业。（区委宣传部）
（二）强化知识产权保护
5.加强行政执法。开展专项执法行动，严厉打击侵权假冒行为。（区市场监管局、区公安分局）
6.完善纠纷调解。建立知识产权纠纷人民调解委员会，推进诉调对接。（区司法局）
三、保障措施
1.加强组织领导。建立联席会议制度，统筹推进各项工作。
2.加强经费保障。将知识产权工作经费纳入财政预算。
"""
ITEM2 = "2.培育高价值专利。支持企业开展高价值专利培育，建设高价值专利培育中心。（区知识产权局、区科委）\n"
SPLIT = ("2.培育高价值专利。支持企业开展高价值专利培育。（区知识产权局）\n"
         "3.建设高价值专利培育中心。依托高校院所建设高价值专利培育中心。（区科委）\n")


def changes(old: str, new: str) -> list[dict]:
    return as_json(compare(parse_text(old, source="old"), parse_text(new, source="new")))["changes"]


def kinds(old: str, new: str) -> Counter:
    return Counter(c["kind"] for c in changes(old, new))


def renumber_items(text: str, start: int, delta: int) -> str:
    for n in (range(6, start - 1, -1) if delta > 0 else range(start, 7)):
        text = text.replace(f"\n{n}.", f"\n{n + delta}.")
    return text


def test_identical_plans_have_no_changes():
    assert changes(BASE, BASE) == []


def test_item_moved_to_another_section():
    item = "4.发展版权产业。推进版权示范园区建设，扶持优势版权企业。（区委宣传部）\n"
    new = BASE.replace(item, "").replace("（二）强化知识产权保护\n", "（二）强化知识产权保护\n" + item)
    found = changes(BASE, new)
    assert [c["kind"] for c in found] == ["moved"]
    assert found[0]["old"]["path"] == ["二", "(一)", "4"] and found[0]["new"]["path"] == ["二", "(二)", "4"]


def test_items_swapped_within_a_section():
    one = "1.推进专利导航。围绕重点产业开展专利导航项目，形成导航报告。（区知识产权局）\n"
    new = BASE.replace(one + ITEM2, "1" + ITEM2[1:] + "2" + one[1:])
    assert kinds(BASE, new) == {"moved": 1, "renumbered": 1}


def test_added_item_renumbers_the_rest():
    new = BASE.replace("（二）强化知识产权保护\n5.", "（二）强化知识产权保护\n5.加强知识产权宣传。开展知识产权宣传周活动，"
                       "提高全社会保护意识。（区委宣传部）\n6.")
    new = new.replace("\n6.完善纠纷", "\n7.完善纠纷")
    found = changes(BASE, new)
    assert Counter(c["kind"] for c in found) == {"added": 1, "renumbered": 2}
    added = next(c for c in found if c["kind"] == "added")
    assert added["old"] is None and added["new"]["path"] == ["二", "(二)", "5"]


def test_added_chapter_is_one_change_with_a_row_per_entry_in_the_table():
    from ipplan.diff.render_table import markdown

    new = BASE.replace("三、保障措施", "三、开放合作\n（一）加强区域合作\n1.深化长三角知识产权合作。开展联合执法。（区知识产权局）\n"
                       "2.拓展国际交流。组织企业参加国际展会。（区商务委）\n四、保障措施")
    diff = compare(parse_text(BASE, source="old"), parse_text(new, source="new"))
    assert Counter(c.kind for c in diff.changes) == {"added": 1, "renumbered": 1}
    added = next(c for c in diff.changes if c.kind == "added")
    assert added.new["path"] == ["三"] and added.new["nodes"] == 4
    rows = [line for line in markdown(diff, 20).splitlines() if line.startswith("| (新增) |")]
    assert rows == ["| (新增) | **三、开放合作** |", "| (新增) | **(一) 加强区域合作** |",
                    "| (新增) | **1. 深化长三角知识产权合作。开展联合执法。(区知识产权局)** |",
                    "| (新增) | **2. 拓展国际交流。组织企业参加国际展会。(区商务委)** |"]


def test_section_split():
    new = BASE.replace("3.强化商标品牌建设", "（二）推进品牌和版权发展\n3.强化商标品牌建设").replace("（二）强化知识产权保护", "（三）强化知识产权保护")
    found = changes(BASE, new)
    assert Counter(c["kind"] for c in found) == {"split": 1, "renumbered": 1}
    split = next(c for c in found if c["kind"] == "split")
    assert split["old"]["path"] == ["二", "(一)"]
    assert [p["path"] for p in split["new"]["parts"]] == [["二", "(一)"], ["二", "(二)"]]


def test_section_merge():
    found = changes(BASE, BASE.replace("（二）强化知识产权保护\n", ""))
    assert [c["kind"] for c in found] == ["merged"]
    assert [p["path"] for p in found[0]["old"]["parts"]] == [["二", "(一)"], ["二", "(二)"]]


def test_item_split_and_merge():
    split = renumber_items(BASE, 3, 1).replace(ITEM2, SPLIT)
    assert kinds(BASE, split) == {"split": 1, "renumbered": 4}
    assert kinds(split, BASE) == {"merged": 1, "renumbered": 4}


def test_chapter_deleted_renumbers_chapters_not_their_items():
    goal = "一、主要目标\n到2025年，全区发明专利拥有量达到490件，知识产权质押融资金额突破48亿元。\n"
    new = BASE.replace(goal, "").replace("二、主要任务", "一、主要任务").replace("三、保障措施", "二、保障措施")
    assert kinds(BASE, new) == {"removed": 1, "renumbered": 2, "target-removed": 2}


def test_meta_changes():
    head = "某区人民政府办公室关于印发《某区知识产权工作方案（2024—{end}年）》的通知\n某府办〔2024〕{no}号\n"
    old = head.format(end=2025, no=11) + BASE
    new = head.format(end=2026, no=12) + BASE.replace("（2024—2025年）", "（2024—2026年）")
    found = {c["extra_field"] if "extra_field" in c else c["field"]: c for c in changes(old, new)}
    assert set(found) == {"title", "doc_number", "period"}
    assert all(c["kind"] == "meta-changed" for c in found.values())
    assert found["doc_number"]["old"]["value"] == "某府办〔2024〕11号" and found["doc_number"]["new"]["value"] == "某府办〔2024〕12号"
    assert found["period"]["old"]["value"] == [2024, 2025] and found["period"]["new"]["value"] == [2024, 2026]
    assert found["doc_number"]["old"]["line"] == 2


def test_prose_targets_compare_as_numbers_not_characters():
    found = changes(BASE, BASE.replace("490件", "486件").replace("48亿元", "128亿元"))
    assert [c["kind"] for c in found] == ["target-up", "target-down"]  # ranked: +166.7 % weighs more than -0.8 %
    up, down = found
    assert (down["old"]["value"], down["new"]["value"], down["change_pct"]) == (490, 486, -0.8)
    assert (up["old"]["value"], up["new"]["value"], up["old"]["unit"]) == (4800000000, 12800000000, "元")


def test_target_year_and_unit_change_is_target_changed():
    found = changes(BASE, BASE.replace("到2025年，全区", "到2026年，全区"))
    assert {c["kind"] for c in found} <= {"target-changed", "reworded"}
    assert any(c["kind"] == "target-changed" and c["old"]["year"] == 2025 and c["new"]["year"] == 2026 for c in found)


def test_unit_removed_and_lead_changed():
    found = changes(BASE, BASE.replace("（区市场监管局、区公安分局）", "（区公安分局）"))
    assert Counter(c["kind"] for c in found) == {"unit-removed": 1, "lead-changed": 1}
    lead = next(c for c in found if c["kind"] == "lead-changed")
    assert lead["old"]["lead"] == ["区市场监管局"] and lead["new"]["lead"] == ["区公安分局"]


def test_reworded_heavily_is_removed_and_added():
    new = BASE.replace("6.完善纠纷调解。建立知识产权纠纷人民调解委员会，推进诉调对接。", "6.开展数据知识产权登记试点。探索数据资源确权路径。")
    assert kinds(BASE, new) == {"removed": 1, "added": 1}


def test_small_rewording_is_never_hidden():
    found = changes(BASE, BASE.replace("严厉打击侵权假冒行为", "严厉打击侵权假冒违法行为"))
    assert [c["kind"] for c in found] == ["reworded"]
    (edit,) = found[0]["edits"]  # jieba reads 违法行为 as one word: 行为 → 违法行为
    assert "违法" in edit["new"] and "违法" not in edit["old"] and len(edit["new"]) <= 4


@pytest.mark.parametrize("text, atom", [
    ("拥有量达到490件以上", "490件"),
    ("突破48亿元", "48亿元"),
    ("新增3-5家示范企业", "3-5家"),
    ("提高2个百分点", "2个百分点"),
    ("到2025年底", "2025年"),
    ("于2024年11月7日印发", "2024年11月7日"),
    ("普府办〔2024〕26号文件", "普府办〔2024〕26号"),
    ("按照(三)的要求", "(三)"),
])
def test_numbers_dates_and_labels_are_single_tokens(text, atom):
    assert atom in tokens(text)


def test_word_diff_never_splits_a_number():
    diff = word_diff("拥有量达到490件,融资突破48亿元", "拥有量达到486件,融资突破128亿元")
    assert [(e.old, e.new) for e in diff.edits] == [("490件", "486件"), ("48亿元", "128亿元")]
    assert all(e.numeric for e in diff.edits)


def test_every_change_follows_the_json_contract():
    """kind from the list; old/new present (null where absent); each side with path and line; JSON-serialisable."""
    import json

    from ipplan.diff import KINDS

    head = "某区人民政府办公室关于印发《某区知识产权工作方案（2024—2025年）》的通知\n某府办〔2024〕11号\n"
    variants = [
        renumber_items(BASE, 3, 1).replace(ITEM2, SPLIT),
        BASE.replace("（二）强化知识产权保护\n", ""),
        BASE.replace("490件", "486件").replace("（区市场监管局、区公安分局）", "（区公安分局）"),
        BASE.replace("三、保障措施", "三、开放合作\n1.拓展国际交流。组织企业参加国际展会。（区商务委）\n四、保障措施"),
    ]
    seen = set()
    for old, new in [(BASE, v) for v in variants] + [(v, BASE) for v in variants] + [(head + BASE, BASE)]:
        for change in json.loads(json.dumps(changes(old, new))):
            seen.add(change["kind"])
            assert change["kind"] in KINDS and isinstance(change["weight"], (int, float)) and change["summary"]
            assert "old" in change and "new" in change and (change["old"] or change["new"])
            for side in (change["old"], change["new"]):
                if side is not None:
                    assert "path" in side and "line" in side
                    assert side["path"] is None if change["kind"] == "meta-changed" else side["path"]
    assert seen >= {"split", "merged", "renumbered", "target-down", "target-up", "unit-removed", "unit-added",
                    "lead-changed", "added", "removed", "meta-changed"}


def test_items_folded_into_their_section_text_are_merged_not_reworded():
    new = BASE.replace("5.加强行政执法", "加强行政执法").replace("6.完善纠纷调解", "完善纠纷调解")
    found = changes(BASE, new)
    assert [c["kind"] for c in found] == ["merged"]
    assert [p["path"] for p in found[0]["old"]["parts"]] == [["二", "(二)"], ["二", "(二)", "5"], ["二", "(二)", "6"]]
    assert [c["kind"] for c in changes(new, BASE)] == ["split"]


def test_a_recurring_indicator_is_paired_by_place_not_by_order():
    plan = ("某区工作方案（2024—2025年）\n一、主要任务\n1.建设平台。到2025年，新增示范企业10家。\n"
            "2.培育企业。到2025年，新增示范企业20家。\n3.加强宣传。到2025年，新增示范企业30家。\n")
    new = plan.replace("2.培育企业。到2025年，新增示范企业20家。\n", "").replace("3.加强宣传", "2.加强宣传")
    found = changes(plan, new)
    assert Counter(c["kind"] for c in found) == {"removed": 1, "renumbered": 1, "target-removed": 1}
    removed = next(c for c in found if c["kind"] == "target-removed")
    assert removed["old"]["value"] == 20 and removed["old"]["path"] == ["一", "2"]
