"""Unit brackets without a label: roles read from the verbs (issue 6, class 3).

Real excerpts first (Anhui RCEP opinions, Baotou evaluation rules, the State Council's
agricultural mechanisation guidance), then variants with other provinces, agencies and verbs,
so that the grammar is tested rather than one file.
"""
from __future__ import annotations

import pytest

from ipplan.parse import parse_text
from ipplan.parse.normalise import normalise_text
from ipplan.parse.span import Span
from ipplan.parse.units import read_bracket, split_names, units_in


def found(text: str, lead_first: bool = False) -> list[tuple[str, str]]:
    text = normalise_text(text)  # full-width brackets and colons as the pipeline sees them
    return [(u.name, u.role) for u in units_in(Span(text, tuple(range(len(text)))), lead_first=lead_first)]


# ---- real excerpts -------------------------------------------------------------------------

def test_rcep_lead_and_cooperating_by_verb():
    text = ("扩大汽车及零部件、电子信息出口。（省商务厅牵头，省外办、省贸促会按职责分工配合）")
    assert found(text) == [("省商务厅", "lead"), ("省外办", "co"), ("省贸促会", "co")]


def test_rcep_several_brackets_in_one_item():
    text = ("建立RCEP国别商品税率对比清单。（合肥海关负责）巩固传统产品出口优势。"
            "（省商务厅牵头，省农业农村厅配合）")
    # each bracket is read on its own: 合肥海关 alone is responsible for its sentence
    assert found(text) == [("合肥海关", "responsible"), ("省商务厅", "lead"), ("省农业农村厅", "co")]


def test_rcep_collective_body_ending_in_a_role_word():
    text = "实施串链行动。（省十大新兴产业推进组工作专班牵头单位牵头，省十大新兴产业推进组工作专班成员单位按职责分工配合）"
    assert found(text) == [("省十大新兴产业推进组工作专班牵头单位", "lead"),
                           ("省十大新兴产业推进组工作专班成员单位", "co")]


def test_rcep_responsible_units_after_a_lead_cooperate():
    text = "构建国际物流网络。（省发展改革委牵头，省交通运输厅、省民航机场集团、省港航集团按职责分工负责）"
    assert found(text) == [("省发展改革委", "lead"), ("省交通运输厅", "co"), ("省民航机场集团", "co"),
                           ("省港航集团", "co")]


def test_baotou_label_after_a_deadline():
    assert found("完成适老化改造。（5月底取得明显成效并持续推进，牵头考核单位：市审批服务局）") == [
        ("市审批服务局", "lead")]
    assert found("升级热线平台。（6月底完成，牵头考核单位：市政府办公室、市公安局）") == [
        ("市政府办公室", "lead"), ("市公安局", "lead")]
    assert found("推进数据共享。（持续推进，牵头考核单位：市委网信办）") == [("市委网信办", "lead")]


def test_national_first_named_unit_leads_below_too():
    # 国发〔2018〕42号: the first bracket says it, 下同 carries it to the brackets that follow
    first = "推动农机装备产业转型升级。（工业和信息化部、发展改革委、科技部、农业农村部等负责。列第一位者为牵头单位，下同）"
    assert found(first) == [("工业和信息化部", "lead"), ("发展改革委", "co"), ("科技部", "co"), ("农业农村部", "co")]
    later = "加强农机质量监管。（市场监管总局、工业和信息化部、农业农村部等负责）"
    assert found(later, lead_first=True) == [("市场监管总局", "lead"), ("工业和信息化部", "co"), ("农业农村部", "co")]
    assert found(later) == [("市场监管总局", "responsible"), ("工业和信息化部", "responsible"),
                            ("农业农村部", "responsible")]


def test_anhui_departments_then_city_governments():
    text = "加快推进5G网络建设。（责任单位：省通信管理局、省经济和信息化厅、省公安厅，各市人民政府）"
    assert [n for n, _ in found(text)] == ["省通信管理局", "省经济和信息化厅", "省公安厅", "各市人民政府"]


# ---- variants: other provinces, agencies, verbs --------------------------------------------

@pytest.mark.parametrize("bracket, want", [
    ("（省科技厅牵头，省财政厅、省教育厅参与）", [("省科技厅", "lead"), ("省财政厅", "co"), ("省教育厅", "co")]),
    ("（市发展改革委牵头负责，市统计局协助）", [("市发展改革委", "lead"), ("市统计局", "co")]),
    ("（区人力资源社会保障局、区教育局分别负责）", [("区人力资源社会保障局", "responsible"),
                                                  ("区教育局", "responsible")]),
    ("（自治区工业和信息化厅牵头；自治区商务厅、呼和浩特海关配合）",
     [("自治区工业和信息化厅", "lead"), ("自治区商务厅", "co"), ("呼和浩特海关", "co")]),
    ("（省文化和旅游厅、省体育局按照职责分工负责）", [("省文化和旅游厅", "responsible"),
                                                    ("省体育局", "responsible")]),
    ("（市住房城乡建设委等部门负责）", [("市住房城乡建设委", "responsible")]),
    ("（2023年底前完成，责任单位：县农业农村局、县水利局）", [("县农业农村局", "responsible"),
                                                            ("县水利局", "responsible")]),
    ("（主责单位：市卫生健康委；协办单位：市医保局）", [("市卫生健康委", "lead"), ("市医保局", "co")]),
    ("（指导部门：科技部）", [("科技部", "responsible")]),
    ("（各区政府负责）", [("各区政府", "responsible")]),
    ("（各区政府，市有关部门）", [("各区政府", "responsible"), ("市有关部门", "responsible")]),
    ("（各地各部门按职责分工负责）", [("各地各部门", "responsible")]),
    ("（省委宣传部、省委网信办牵头，省直有关单位配合）", [("省委宣传部", "lead"), ("省委网信办", "lead"),
                                                       ("省直有关单位", "co")]),
    ("（责任单位：各县（市、区）人民政府，市直有关单位）", [("各县(市、区)人民政府", "responsible"),
                                                         ("市直有关单位", "responsible")]),
    ("（牵头单位：市科技局；完成时限：2024年12月）", [("市科技局", "lead")]),
    ("（1分）（按进度推进，牵头考核单位：市发改委）", [("市发改委", "lead")]),
    ("（市发展改革委会同市财政局负责）", [("市发展改革委", "lead"), ("市财政局", "co")]),
    ("（由市科技局负责）", [("市科技局", "responsible")]),
    ("（市科技局牵头，配合单位：市财政局、市教育局）", [("市科技局", "lead"), ("市财政局", "co"), ("市教育局", "co")]),
    ("（具体由区住房保障局负责）", [("区住房保障局", "responsible")]),
    ("（责任单位：市科技局；配合单位：各区县、功能区）", [("市科技局", "lead"), ("各区县", "co"), ("功能区", "co")]),
    ("（完成时限：2023年底；责任单位：市科技局）", [("市科技局", "responsible")]),
    ("【牵头单位：区科委；配合单位：区财政局、各街道】", [("区科委", "lead"), ("区财政局", "co"), ("各街道", "co")]),
    ("（长期坚持，责任单位：州民族宗教委、州教育局）", [("州民族宗教委", "responsible"), ("州教育局", "responsible")]),
])
def test_unit_bracket_variants(bracket, want):
    assert found(f"推进相关工作。{bracket}") == want


@pytest.mark.parametrize("bracket", [
    "（含）",
    "（以下简称“中心”）",
    "（2021—2035年）",
    "（RCEP）",
    "（时间敏感网络）",
    "（省级以上）",
    "（持续推进）",          # a deadline alone names nobody
    "（企业自主申报，政府择优支持）",
    "（每年7,500元）",
    "（6月底完成）",
    "（以下简称农博会）",      # 桃園: ends like a body (会) but names the event
    "（含区属公司）",
    "（简称市贸促会）",
    "（由企业负责）",
    "（企业自主申报，责任单位：见附件）",
    # national_innovation_reforms_batch2_2018, row 22: a note that ends like a bank (执行 / 银行)
    "（免税进口的科研仪器设备按有关政策规定执行）",
    "（进口设备按国家有关规定先行先试）",  # variant: 先行 ends like 分行
    "（依托省级公共服务平台）",             # variant: 平台 ends like 电视台
])
def test_ordinary_brackets_are_not_units(bracket):
    assert found(f"推进相关工作{bracket}。") == []


def test_dunhao_inside_a_collective_government_does_not_split():
    # 青岛: 区、市 are the districts and county-level cities; 各市、县(区) likewise
    assert [n for n, _ in split_names("市工业和信息化局,有关区、市政府")] == ["市工业和信息化局", "有关区、市政府"]
    assert [n for n, _ in split_names("省财政厅、各市、县(区)人民政府")] == ["省财政厅", "各市、县(区)人民政府"]
    assert [n for n, _ in split_names("市科技局、区政府")] == ["市科技局", "区政府"]


def test_a_bracket_read_as_groups_with_roles():
    read = read_bracket("省商务厅牵头,合肥海关、省贸促会按职责分工配合")
    assert read is not None and read.marked
    assert [(role, body) for role, body, _ in read.groups] == [("lead", "省商务厅"),
                                                               ("co", "合肥海关、省贸促会")]
    assert read_bracket("中以(上海)创新园") is None


def test_whole_notice_unit_roles_from_verbs():
    doc = parse_text("某省对外开放实施意见\n一、重点任务\n"
                     "1.扩大进口。推动采购来源多元化。（省商务厅牵头，合肥海关配合）\n"
                     "2.加强培训。开展培训。（省商务厅负责）\n")
    one, two = doc.outline[0].children
    assert one.unit_roles == {"lead": ["省商务厅"], "co": ["合肥海关"]}
    assert [u.name for u in two.units] == ["省商务厅"] and two.unit_roles is None
    assert one.title == "扩大进口"


def test_unit_bracket_closing_a_heading_is_not_in_the_title():
    doc = parse_text("某市考评办法\n一、政务服务\n"
                     "1.推进全程网办。（6月底完成，牵头考核单位：市审批服务局）\n")
    item = doc.outline[0].children[0]
    assert item.title == "推进全程网办"
    assert [u.name for u in item.units] == ["市审批服务局"]


def test_units_on_a_line_of_their_own_without_a_bracket():
    doc = parse_text("某区科技创新行动方案\n一、重点任务\n"
                     "1.建设创新平台。支持企业建设研发机构。\n牵头单位：区科委\n配合单位：区财政局、区发展改革委\n"
                     "2.培育科技企业。开展高企培育。\n责任单位：区科委、各街道办事处。\n")
    one, two = doc.outline[0].children
    assert one.unit_roles == {"lead": ["区科委"], "co": ["区财政局", "区发展改革委"]}
    assert [u.name for u in two.units] == ["区科委", "各街道办事处"]
    assert one.title == "建设创新平台"


def test_a_label_inside_a_sentence_is_not_a_unit_line():
    doc = parse_text("某区方案\n一、重点任务\n1.明确责任。各责任单位要加强协作，责任单位:要按时报送进展。\n")
    assert doc.outline[0].children[0].units == []


@pytest.mark.parametrize("sentence", ["列第一位者为牵头单位", "排在第一位的为牵头单位", "列首位的为牵头单位",
                                      "排名第一的单位为牵头单位", "第一个单位为牵头部门", "以上任务列第一位的为牵头单位"])
def test_ways_to_say_the_first_named_unit_leads(sentence):
    text = f"推进农机装备创新。（工业和信息化部、农业农村部、科技部等负责。{sentence}）"
    assert found(text) == [("工业和信息化部", "lead"), ("农业农村部", "co"), ("科技部", "co")]
    from ipplan.parse.units import first_is_lead
    assert first_is_lead(normalise_text(f"各有关部门要抓好落实。{sentence}。"))
    assert not first_is_lead("排在第一位的是质量")


def test_a_note_in_a_task_table_row_is_not_a_unit():
    """national_innovation_reforms_batch2_2018: the content cell of row 22 ends in a bracketed note."""
    text = ("关于推广改革举措的通知\n一、推广的改革举措\n改革举措见附件。\n附件\n推广清单\n"
            "序号\t改革举措\t主要内容\t指导部门\t推广范围\n"
            "1\t科研仪器设备开放共享机制\t授权专业服务机构运营，提高科研仪器设备使用效率"
            "（免税进口的科研仪器设备按有关政策规定执行）。\t科技部、财政部、国务院国资委\t全国\n")
    doc = parse_text(text)
    item = next(n for n in doc.iter_nodes() if n.path[-1] == "1")
    assert [u.name for u in item.units] == ["科技部", "财政部", "国务院国资委"]
    # a bank in the same column is still a unit
    doc = parse_text(text.replace("科技部、财政部", "中国人民银行、中国银保监会"))
    item = next(n for n in doc.iter_nodes() if n.path[-1] == "1")
    assert [u.name for u in item.units] == ["中国人民银行", "中国银保监会", "国务院国资委"]
