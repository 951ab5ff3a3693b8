"""Responsible units named in an item's brackets (FORMAT.md: `units`, `unit_roles`)."""
from __future__ import annotations

import re

import pytest

from ipplan.parse import parse_text

TITLE = "某区知识产权工作方案"


def parse(items: str):
    return parse_text(f"{TITLE}\n一、主要任务\n{items}")


def item(doc, number: int):
    for n in doc.iter_nodes():
        if n.label == str(number) and n.kind == "item":
            return n
    raise AssertionError(f"no item {number} in {[n.path for n in doc.iter_nodes()]}")


def names(node) -> list[str]:
    return [u.name for u in node.units]


def roles(node) -> list[tuple[str, str]]:
    return [(u.name, u.role) for u in node.units]


# ---- labelled brackets -------------------------------------------------------------------

@pytest.mark.parametrize("bracket, want", [
    ("（落实单位：区知识产权局、区科委）", [("区知识产权局", "responsible"), ("区科委", "responsible")]),
    ("（责任单位：区市场监管局、公安分局）", [("区市场监管局", "responsible"), ("公安分局", "responsible")]),
    ("（责任部门：区司法局）", [("区司法局", "responsible")]),
    ("（牵头部门：办公室）", [("办公室", "lead")]),
    ("(牵头部门:办公室、保护处)", [("办公室", "lead"), ("保护处", "lead")]),
    ("（牵头单位：区人社局；配合单位：区教育局、区科委）",
     [("区人社局", "lead"), ("区教育局", "co"), ("区科委", "co")]),
])
def test_labelled_bracket(bracket, want):
    doc = parse(f"1.推进专利导航。开展专利导航工作。{bracket}\n")
    assert roles(item(doc, 1)) == want


def test_lead_and_responsible_become_lead_and_co():
    doc = parse("1.推进金融服务。开展质押融资。（牵头单位：区金融办、区知识产权局，责任单位：区财政局、区科委）\n")
    node = item(doc, 1)
    assert roles(node) == [("区金融办", "lead"), ("区知识产权局", "lead"), ("区财政局", "co"), ("区科委", "co")]
    assert node.unit_roles == {"lead": ["区金融办", "区知识产权局"], "co": ["区财政局", "区科委"]}


def test_lead_and_cooperating_units_with_semicolon():
    doc = parse("1.加强人才培养。培养人才。（牵头单位：区人社局；配合单位：区教育局、区科委）\n")
    assert item(doc, 1).unit_roles == {"lead": ["区人社局"], "co": ["区教育局", "区科委"]}


def test_without_a_lead_there_are_no_unit_roles():
    doc = parse("1.推进专利导航。开展工作。（责任单位：区知识产权局、区科委）\n2.加强宣传。开展宣传。（区委宣传部）\n")
    assert item(doc, 1).unit_roles is None
    assert item(doc, 2).unit_roles is None


def test_labelled_bracket_mid_item_counts():
    doc = parse("1.加强执法。开展执法检查（责任单位：区市场监管局），推进协同执法。\n")
    assert names(item(doc, 1)) == ["区市场监管局"]


# ---- bare brackets -----------------------------------------------------------------------

def test_bare_closing_bracket():
    doc = parse("1.加强宣传。开展知识产权宣传周活动。（区委宣传部、区知识产权局、区教育局）\n")
    assert roles(item(doc, 1)) == [("区委宣传部", "responsible"), ("区知识产权局", "responsible"),
                                   ("区教育局", "responsible")]


def test_bare_bracket_before_the_full_stop():
    doc = parse("1.加强宣传，开展知识产权宣传周活动（区委宣传部、区知识产权局）。\n")
    assert names(item(doc, 1)) == ["区委宣传部", "区知识产权局"]


def test_bare_bracket_naming_a_collective_body():
    doc = parse("1.加强统筹。发挥联席会议作用。（区知识产权联席会议各成员单位）\n")
    assert names(item(doc, 1)) == ["区知识产权联席会议各成员单位"]


PAGE_BREAKS = """1. 推动专利转化，实现专利产业化。（区知识产权局、区教育局、

区科委)
2. 持续优化营商环境建设，加强知识产权保护。（区知识产权

局）
3. 突出质量导向，加大对企业知识产权工作扶持力度。

（区发改委、区知识产权局、区财政局）
4. 加强协调。建立协调机制。
（区府办、区发展改革委）
"""


@pytest.mark.parametrize("number, want", [
    (1, ["区知识产权局", "区教育局", "区科委"]),      # the bracket broken after 、
    (2, ["区知识产权局"]),                            # a unit name broken in two
    (3, ["区发改委", "区知识产权局", "区财政局"]),      # the whole bracket pushed to its own paragraph
    (4, ["区府办", "区发展改革委"]),                    # pushed onto the next line
])
def test_bracket_moved_by_a_page_break(number, want):
    doc = parse(PAGE_BREAKS)
    assert names(item(doc, number)) == want
    assert len(doc.outline[0].children) == 4


def test_unit_line_is_where_the_name_is_written():
    text = f"{TITLE}\n一、主要任务\n{PAGE_BREAKS}"
    doc = parse_text(text)
    lines = text.split("\n")
    for node in doc.iter_nodes():
        for unit in node.units:
            assert unit.name[:2] in lines[unit.line - 1], (unit.name, unit.line)
    ke_wei = next(u for u in item(doc, 1).units if u.name == "区科委")
    assert lines[ke_wei.line - 1] == "区科委)"


def test_several_brackets_merged_in_order_without_duplicates():
    # seed 001 item 16: two labelled brackets mid-item and one closing bracket repeating a unit
    doc = parse("1.营造良好知识产权文化氛围。组织开展宣传周系列活动（牵头部门：办公室）。深入开展“以案释法”工作"
                "（牵头部门：办公室）。积极开展知识产权保护进企业活动。（牵头部门：办公室、监管与预警处、保护处、"
                "发展促进处、保护中心）\n")
    assert names(item(doc, 1)) == ["办公室", "监管与预警处", "保护处", "发展促进处", "保护中心"]


def test_labelled_and_bare_brackets_merged():
    doc = parse("1.加强保护。开展保护工作（责任单位：保护处）。完善机制（责任单位：办公室、保护处）。"
                "推进建设。（发展促进处、保护中心）\n")
    assert names(item(doc, 1)) == ["保护处", "办公室", "发展促进处", "保护中心"]


# ---- names with brackets inside ----------------------------------------------------------

def test_bracket_inside_a_unit_name_stays():
    doc = parse("1.深化改革。推进改革。（市市场监管局〔市知识产权局〕、区司法局）\n"
                "2.加强合作。开展交流。（区府办（外办）、区商务委）\n"
                "3.强化保护。推进保护。（责任单位：市市场监管局〔市知识产权局〕、区府办(外办)）\n")
    assert names(item(doc, 1)) == ["市市场监管局〔市知识产权局〕", "区司法局"]
    assert names(item(doc, 2)) == ["区府办(外办)", "区商务委"]
    assert names(item(doc, 3)) == ["市市场监管局〔市知识产权局〕", "区府办(外办)"]


# ---- conventions ---------------------------------------------------------------------------

def test_qingdao_style_units_before_the_first_comma_lead():
    doc = parse("1.建设算力设施。推进算力设施建设。（责任单位：市工业和信息化局、市大数据局，青岛海洋科技中心）\n"
                "2.培育企业。推进企业培育。（责任单位：市工业和信息化局，有关区、市政府）\n")
    one = item(doc, 1)
    assert one.unit_roles == {"lead": ["市工业和信息化局", "市大数据局"], "co": ["青岛海洋科技中心"]}
    assert roles(one) == [("市工业和信息化局", "lead"), ("市大数据局", "lead"), ("青岛海洋科技中心", "co")]
    assert item(doc, 2).unit_roles["lead"] == ["市工业和信息化局"]


def test_units_that_share_a_duty():
    doc = parse("1.加强督查。开展督查。（区知识产权局、区司法局按职责分工负责）\n"
                "2.加强执法。开展执法。（区市场监管局、公安分局分别负责）\n")
    assert names(item(doc, 1)) == ["区知识产权局", "区司法局"]
    assert names(item(doc, 2)) == ["区市场监管局", "公安分局"]


def test_first_named_unit_leads_when_the_notice_says_so():
    text = ("国务院关于加快推进农业机械化的指导意见\n一、主要任务\n"
            "（一）推进农机装备创新。加强创新。（工业和信息化部、农业农村部、科技部等按职责分工负责）\n"
            "（二）推动农机作业。推进作业。（农业农村部、财政部负责）\n"
            "各有关部门要按照职责分工抓好落实。以上任务列第一位者为牵头单位。\n")
    doc = parse_text(text)
    first = doc.outline[0].children[0]
    assert first.unit_roles == {"lead": ["工业和信息化部"], "co": ["农业农村部", "科技部"]}


# ---- brackets that are not unit brackets -----------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "推进中以（上海）创新园建设，打造创新高地。",
    "加强党委（党组）对知识产权工作的领导。",
    "支持园区（基地）建设知识产权服务平台。",
    "推动靠谱（普）商标品牌建设。",
    "贯彻落实《知识产权强国建设纲要（2021—2035年）》。",
    "建设技术与创新支持中心（TISC）。",
    "培育3家以上年主营业务收入1000万元以上（或可运营专利数量1000件以上）的服务机构。",
])
def test_brackets_that_name_no_unit(sentence):
    doc = parse(f"1.推进园区建设。{sentence}\n")
    assert item(doc, 1).units == []


# ---- the corpus: expectations read off each bracket ------------------------------------------------

def _split(group: str) -> list[str]:
    names = [n.strip() for n in re.split(r"[、,]", group) if n.strip()]
    # 各区、市政府 / 有关区、市政府: the governments of the districts and county-level cities, one unit
    for i in range(len(names) - 1, 0, -1):
        if re.fullmatch(r"(各|有关)?[区县市]", names[i - 1]) and re.match(r"[区县市](人民)?政府", names[i]):
            names[i - 1:i + 1] = [names[i - 1] + "、" + names[i]]
    return names


def test_jinan_lead_and_responsible(corpus_doc):
    doc = corpus_doc("jinan_kechuang_measures_2021.txt")
    checked = 0
    for node in doc.iter_nodes():
        found = re.findall(r"\(牵头单位:([^()]*?)[,;]责任单位:([^()]*)\)", node.text)
        if len(found) != 1 or node.text.count("单位:") != 2:
            continue
        lead, co = (_split(g) for g in found[0])
        assert node.unit_roles == {"lead": lead, "co": co}, node.path
        checked += 1
    assert checked >= 10


def test_qingdao_lead_before_the_comma(corpus_doc):
    doc = corpus_doc("qingdao_ai_industry_action_2024.txt")
    checked = 0
    for node in doc.iter_nodes():
        found = re.findall(r"\(责任单位:([^()]*)\)", node.text)
        if len(found) != 1 or node.text.count("单位:") != 1:
            continue
        group = found[0]
        if "," in group:
            lead, co = group.split(",", 1)
            assert node.unit_roles == {"lead": _split(lead), "co": _split(co)}, node.path
        else:
            assert node.unit_roles is None, node.path
            assert names(node) == _split(group), node.path
        checked += 1
    assert checked >= 20


def test_bracket_qualifying_the_noun_before_it_is_not_a_unit():
    from ipplan.parse.span import Span
    from ipplan.parse.units import units_in

    def names(text: str) -> list[str]:
        return [u.name for u in units_in(Span(text, tuple(range(len(text)))))]

    assert names("推进建设知识产权保护中心(分中心)。") == []
    assert names("加强执法协作(区知识产权局)。") == ["区知识产权局"]
    assert names("加强执法协作。(区法院)") == ["区法院"]


def test_first_named_unit_leads_when_the_preamble_says_so():
    from ipplan.parse import parse_text

    doc = parse_text("（以下各项任务中，列第一位者为牵头单位）\n一、主要任务\n"
                     "1.加强执法。开展专项行动。（责任单位：市市场监管局、市公安局、市司法局）\n")
    item = doc.outline[0].children[0]
    assert [(u.name, u.role) for u in item.units] == [("市市场监管局", "lead"), ("市公安局", "co"), ("市司法局", "co")]


def test_lead_first_asked_only_where_a_bracket_leaves_roles_to_it():
    """`units_in` with the notice's lead-first fact as a function: the same units as with the fact itself,
    and the function is called only for a bracket whose roles it decides (a merely responsible group
    with no lead or co-operating group beside it); where it is not called, either answer gives the same."""
    from ipplan.parse.span import Span
    from ipplan.parse.units import _assigned, _lead_first_matters, _read_bracket, units_in

    texts = [
        "加强保护。(责任单位:市市场监管局、市科技局)",
        "加强保护。(牵头单位:市市场监管局;配合单位:市科技局、市财政局)",
        "加强保护。(市市场监管局牵头,市科技局配合)",
        "加强保护。(市市场监管局、市科技局负责)",
        "加强保护(责任单位:市市场监管局,市科技局、市财政局)。推进转化。(市财政局)",
        "加强保护。(列第一位者为牵头单位,市市场监管局、市科技局)",
        "没有括号的段落。",
        "建设中心(分中心)。(市发展改革委会同市财政局负责)",
    ]
    for text in texts:
        span = Span(text, tuple(range(len(text))))
        for fact in (False, True):
            asked = []

            def tell(fact: bool = fact) -> bool:
                asked.append(True)
                return fact

            assert units_in(span, lead_first=tell) == units_in(span, lead_first=fact), text
            if not asked:  # never needed: the other answer changes nothing
                assert units_in(span, lead_first=not fact) == units_in(span, lead_first=fact), text
    for text in texts:
        for inner in [text[text.find("(") + 1:text.rfind(")")]]:
            read = _read_bracket(inner)[0]
            if read is not None and not _lead_first_matters(read.groups):
                for labelled in (False, True):
                    assert _assigned(read.groups, True, labelled) == _assigned(read.groups, False, labelled), inner


def _regions_plain(text: str) -> list[tuple[int, int, int, int]]:
    """`units._regions` as it was written before its shortcuts: every line split off and looked at."""
    from ipplan.parse import units as U

    if "(" not in text and "【" not in text and ":" not in text:
        return []
    found = [(s, e, s + 1, e - 1) for s, e in U._top_groups(text, "(", ")")]
    found += [(s, e, s + 1, e - 1) for s, e in U._top_groups(text, "【", "】")]
    if ":" in text:
        label_re = U._agencies()["_label_re"]
        at = 0
        for line in text.split("\n"):
            if ":" in line:
                stripped = line.lstrip()
                start = at + len(line) - len(stripped)
                if (U._may_start_with_label(stripped) and label_re.match(stripped)
                        and not any(s <= start < e for s, e, _, _ in found)):
                    end = at + len(line.rstrip(" 。."))
                    found.append((start, at + len(line), start, end))
            at += len(line) + 1
    return sorted(found)


def test_regions_visit_only_lines_with_a_colon():
    """Label lines found from the colons alone: the same regions as splitting every line, on random texts
    of brackets, label lines (first, last, indented, inside a bracket), colons and line breaks."""
    import random

    from ipplan.parse import units as U

    pieces = ["责任单位:市科技局、市财政局", "牵头单位:区发改委", "  配合单位:区财政局。", "时间:2025年", "(", ")",
              "【", "】", "\n", ":", " ", "。", "加强保护", "(责任单位:市科技局)", "【牵头单位:市商务局】", "1:2",
              "\n责任单位:市商务局\n", "(一)", "说明:"]
    rng = random.Random(1202)
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 9)))
        assert U._regions(text) == _regions_plain(text), text


def test_found_units_built_in_c_are_the_named_tuples():
    from ipplan.parse.units import FoundUnit, _found_unit

    unit = _found_unit(("市科技局", "lead", 12))
    assert type(unit) is FoundUnit and unit == FoundUnit("市科技局", "lead", 12)
    assert (unit.name, unit.role, unit.pos) == ("市科技局", "lead", 12) and unit._replace(pos=None).pos is None
