"""The numbered outline, one case per requirement, on small notices written for the test.

Expectations come from tests/data/gold/FORMAT.md: paths are the normalised labels from the
chapter down (`一`, `(一)`, `1`, `(1)`), a skipped level is skipped, a title is the heading
line when it stands alone and otherwise the first sentence up to `。`, and numbered text
that is not a heading is not an entry.
"""
from __future__ import annotations

import pytest

from ipplan.parse import parse_text
from ipplan.parse.normalise import normalise_text

TITLE = "某区知识产权工作方案"


def parse(body: str, title: str = TITLE):
    return parse_text(f"{title}\n{body}" if title else body)


def paths(doc) -> list[list[str]]:
    return [n.path for n in doc.iter_nodes()]


def entries(doc) -> list[tuple[tuple[str, ...], str]]:
    return [(tuple(n.path), n.title) for n in doc.iter_nodes()]


def node(doc, *path: str):
    for n in doc.iter_nodes():
        if n.path == list(path):
            return n
    raise AssertionError(f"no node {list(path)} in {paths(doc)}")


def line_of(text: str, needle: str, start: int = 1) -> int:
    """1-based number of the first input line, from `start` on, that contains `needle`."""
    for number, line in enumerate(text.split("\n"), 1):
        if number >= start and needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the text")


# ---- label families ----------------------------------------------------------------------

FAMILIES = """一、总体要求
坚持创新驱动。
二、主要任务
(一)加强知识产权创造
1.推进专利导航。开展专利导航工作。
2、强化商标品牌。推进商标品牌建设。
3．培育优势企业。培育一批优势企业。
4﹒加强人才培养。培养一批人才。
(1)开展培训。组织专题培训。
（2）建立人才库。建立知识产权人才库。
（二）强化知识产权保护
5. 完善保护体系。建设保护中心。
三、保障措施
加强组织领导。
"""


def test_label_families():
    doc = parse(FAMILIES)
    assert entries(doc) == [
        (("一",), "总体要求"),
        (("二",), "主要任务"),
        (("二", "(一)"), "加强知识产权创造"),
        (("二", "(一)", "1"), "推进专利导航"),
        (("二", "(一)", "2"), "强化商标品牌"),
        (("二", "(一)", "3"), "培育优势企业"),
        (("二", "(一)", "4"), "加强人才培养"),
        (("二", "(一)", "4", "(1)"), "开展培训"),
        (("二", "(一)", "4", "(2)"), "建立人才库"),
        (("二", "(二)"), "强化知识产权保护"),
        (("二", "(二)", "5"), "完善保护体系"),
        (("三",), "保障措施"),
    ]


def test_kinds_and_labels():
    doc = parse(FAMILIES)
    assert [n.kind for n in doc.outline] == ["chapter"] * 3
    assert node(doc, "二", "(一)").kind == "section"
    assert node(doc, "二", "(二)").label == "(二)"
    item = node(doc, "二", "(一)", "2")
    assert (item.kind, item.label, item.label_raw) == ("item", "2", "2、")
    assert node(doc, "二", "(一)", "3").label_raw == "3."     # full-width ．folded
    assert node(doc, "二", "(一)", "4").label_raw == "4."     # small full stop ﹒ folded
    sub = node(doc, "二", "(一)", "4", "(2)")
    assert (sub.kind, sub.label) == ("subitem", "(2)")
    assert node(doc, "一").label_raw == "一、"


def test_line_numbers_point_at_the_labels():
    text = f"{TITLE}\n{FAMILIES}"
    doc = parse_text(text)
    lines = normalise_text(text).split("\n")
    for n in doc.iter_nodes():  # every label here opens its line
        assert lines[n.line - 1].startswith(n.label_raw), (n.path, n.line, lines[n.line - 1])
    assert node(doc, "二", "(一)", "4").line == line_of(text, "4﹒加强人才培养")
    assert node(doc, "二", "(一)", "4", "(2)").line == line_of(text, "（2）建立人才库")
    assert node(doc, "二", "(二)", "5").line == line_of(text, "5. 完善保护体系")
    # a node ends where its last child ends
    assert node(doc, "二", "(一)", "4").end_line == line_of(text, "（2）建立人才库")
    assert node(doc, "二").end_line == line_of(text, "5. 完善保护体系")
    assert node(doc, "三").end_line == line_of(text, "加强组织领导")


def test_node_text_is_its_own_text_without_children():
    doc = parse(FAMILIES)
    assert node(doc, "一").text == "坚持创新驱动。"
    assert node(doc, "二", "(一)", "1").text == "推进专利导航。开展专利导航工作。"
    assert node(doc, "二").text == ""
    assert "组织专题培训" not in node(doc, "二", "(一)", "4").text


# ---- levels and numbering ------------------------------------------------------------------

def test_item_directly_under_a_chapter_skips_the_section_level():
    doc = parse("一、主要任务\n1.推进专利导航。开展工作。\n2.强化商标品牌。推进工作。\n二、保障措施\n加强组织领导。\n")
    assert paths(doc) == [["一"], ["一", "1"], ["一", "2"], ["二"]]
    assert node(doc, "一", "1").kind == "item"


def test_skipped_level_with_continuous_numbers():
    # 五 chapters carrying items 1-50 under sections, then 六、 whose items 51-52 sit directly under it
    chapters = "一二三四五"
    body, number = [], 0
    for c, chapter in enumerate(chapters):
        body.append(f"{chapter}、第{chapter}部分任务")
        body.append(f"（{chapter}）第{chapter}组工作")
        for _ in range(10):
            number += 1
            body.append(f"{number}.推进第{number}项工作。开展相关工作。")
    body += ["六、保障措施", "51.加强组织领导。成立领导小组。", "52.强化经费保障。落实工作经费。"]
    doc = parse("\n".join(body) + "\n")
    assert node(doc, "五", "(五)", "50").title == "推进第50项工作"
    assert node(doc, "六", "51").title == "加强组织领导"
    assert node(doc, "六", "52").title == "强化经费保障"
    assert [n.path for n in node(doc, "六").children] == [["六", "51"], ["六", "52"]]


def test_items_numbered_continuously_across_sections():
    doc = parse("一、主要任务\n（一）加强创造\n1.推进专利导航。开展工作。\n2.强化商标品牌。推进工作。\n"
                "（二）强化保护\n3.完善保护体系。建设中心。\n4.加强执法。开展执法。\n"
                "二、保障措施\n5.加强组织领导。成立小组。\n")
    assert paths(doc) == [["一"], ["一", "(一)"], ["一", "(一)", "1"], ["一", "(一)", "2"], ["一", "(二)"],
                          ["一", "(二)", "3"], ["一", "(二)", "4"], ["二"], ["二", "5"]]


def test_items_restarting_in_each_section():
    doc = parse("一、主要任务\n（一）加强创造\n1.推进专利导航。开展工作。\n2.强化商标品牌。推进工作。\n"
                "（二）强化保护\n1.完善保护体系。建设中心。\n2.加强执法。开展执法。\n")
    assert paths(doc)[-2:] == [["一", "(二)", "1"], ["一", "(二)", "2"]]
    assert node(doc, "一", "(二)", "1").title == "完善保护体系"


def test_chinese_numbers_above_ten():
    body = "".join(f"（{n}）第{n}项措施。推进相关工作。\n" for n in
                   ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"])
    doc = parse("一、政策措施\n" + body)
    assert [n.label for n in node(doc, "一").children][-3:] == ["(十)", "(十一)", "(十二)"]


# ---- headings inside a line ----------------------------------------------------------------

MIDLINE = """一、主要任务
（一）加强创造
1.推进专利导航。开展工作。
2.强化商标品牌。推进工作。
3.培育优势企业。到2025年，培育知识产权优势企业34家以上。 4.打造金融服务体系。推进知识产权质押融资。
四、工作保障 (一)强化组织保障。成立领导小组。 (二)强化经费保障。落实工作经费。
"""


def test_item_label_after_a_sentence_in_the_same_line():
    text = f"{TITLE}\n{MIDLINE}"
    doc = parse_text(text)
    three, four = node(doc, "一", "(一)", "3"), node(doc, "一", "(一)", "4")
    assert three.title == "培育优势企业"
    assert three.text == "培育优势企业。到2025年,培育知识产权优势企业34家以上。"
    assert four.title == "打造金融服务体系"
    assert four.text == "打造金融服务体系。推进知识产权质押融资。"
    assert three.line == four.line == line_of(text, "4.打造金融")


def test_section_label_after_a_chapter_heading_in_the_same_line():
    text = f"{TITLE}\n{MIDLINE}"
    doc = parse_text(text)
    chapter = node(doc, "四")
    assert chapter.title == "工作保障"
    assert chapter.role == "safeguards"
    assert [(n.path, n.title) for n in chapter.children] == [
        (["四", "(一)"], "强化组织保障"), (["四", "(二)"], "强化经费保障")]
    assert node(doc, "四", "(二)").text == "强化经费保障。落实工作经费。"
    assert chapter.line == node(doc, "四", "(二)").line == line_of(text, "四、工作保障")


def test_paragraphs_joined_by_spaces():
    body = ("一、强化创新主体\n"
            "（一）支持企业研发。对企业研发投入给予补助。（牵头单位：市科技局，责任单位：市财政局） "
            "（二）支持平台建设。对新建平台给予奖励。 （三）支持人才引进。对人才给予补贴。\n"
            "二、优化创新环境 （四）加强知识产权保护。建立快速维权机制。 （五）完善金融服务。设立科创基金。\n")
    doc = parse(body)
    assert entries(doc) == [
        (("一",), "强化创新主体"), (("一", "(一)"), "支持企业研发"), (("一", "(二)"), "支持平台建设"),
        (("一", "(三)"), "支持人才引进"), (("二",), "优化创新环境"), (("二", "(四)"), "加强知识产权保护"),
        (("二", "(五)"), "完善金融服务")]
    assert [u.name for u in node(doc, "一", "(一)").units] == ["市科技局", "市财政局"]
    assert node(doc, "一", "(二)").text == "支持平台建设。对新建平台给予奖励。"


SPACED = ("为深入实施创新驱动发展战略，制定如下措施。 一、强化创新主体 （一）支持企业研发。对企业研发投入给予补助。 "
          "（二）支持平台建设。对新建平台给予奖励。 二、优化创新环境 （三）加强知识产权保护。建立快速维权机制。")


def test_whole_notice_on_one_line():
    doc = parse(SPACED)
    assert entries(doc) == entries(parse(SPACED.replace(" ", "\n")))
    assert len(paths(doc)) == 5


def test_whole_notice_with_line_breaks_for_comparison():
    # the same notice with its paragraphs on their own lines: the outline the one-line form should give
    doc = parse(SPACED.replace(" ", "\n"))
    assert entries(doc) == [(("一",), "强化创新主体"), (("一", "(一)"), "支持企业研发"), (("一", "(二)"), "支持平台建设"),
                            (("二",), "优化创新环境"), (("二", "(三)"), "加强知识产权保护")]


# ---- page breaks ----------------------------------------------------------------------------

PAGE_BREAK = """一、主要任务
14. 加强地理标志保护。推进地理标志产品保护。（区市场监管局）
15. 加强版权保护。推进软件正版化。（区委宣传部）
16. 加强商标品牌保护，鼓励区内知名品牌开展上海市重点

商标保护名录和老字号品牌认定。（区知识产权局、区商务委）
17. 加强海外维权。建立海外维权援助机制。（区商务委）
"""


def _page_break_text() -> str:
    items = "".join(f"{n}. 推进第{n}项任务。开展相关工作。（区知识产权局）\n" for n in range(1, 14))
    return f"{TITLE}\n" + PAGE_BREAK.replace("一、主要任务\n", "一、主要任务\n" + items)


def test_title_split_over_a_page_break():
    text = _page_break_text()
    doc = parse_text(text)
    item = node(doc, "一", "16")
    assert item.title == "加强商标品牌保护,鼓励区内知名品牌开展上海市重点商标保护名录和老字号品牌认定"
    assert [u.name for u in item.units] == ["区知识产权局", "区商务委"]
    assert item.line == line_of(text, "16. 加强商标品牌保护")
    assert item.end_line == line_of(text, "商标保护名录和老字号")
    assert node(doc, "一", "17").line == line_of(text, "17. 加强海外维权")
    assert [n.label for n in node(doc, "一").children] == [str(n) for n in range(1, 18)]


# ---- attachments and several documents ---------------------------------------------------------

ATTACHMENTS = """一、主要任务
1.推进专利导航。开展工作。
2.强化商标品牌。推进工作。
二、保障措施
加强组织领导。
附件1
重点任务分工表
一、专利工作
1.专利导航。由区知识产权局负责。
二、商标工作
1.商标品牌。由区市场监管局负责。
附件2
联系人名单
一、联系方式
1.请各单位报送联系人。
"""


def test_numbered_attachments_restart_their_numbering():
    text = f"{TITLE}\n{ATTACHMENTS}"
    doc = parse_text(text)
    assert paths(doc) == [["一"], ["一", "1"], ["一", "2"], ["二"],
                          ["附件1", "一"], ["附件1", "一", "1"], ["附件1", "二"], ["附件1", "二", "1"],
                          ["附件2", "一"], ["附件2", "一", "1"]]
    assert node(doc, "附件1", "二", "1").title == "商标品牌"
    assert [(p.key, p.kind, p.line) for p in doc.parts] == [
        ("附件1", "attachment", line_of(text, "附件1")), ("附件2", "attachment", line_of(text, "附件2"))]
    assert node(doc, "附件2", "一").line == line_of(text, "一、联系方式")
    # the body's chapters do not swallow the attachments
    assert node(doc, "二").end_line < line_of(text, "附件1")


def test_single_attachment_paths_start_with_fujian():
    doc = parse("一、主要任务\n1.推进专利导航。开展工作。\n二、保障措施\n加强组织领导。\n"
                "附件：重点任务清单\n一、专利工作\n1.专利导航。由区知识产权局负责。\n")
    assert paths(doc)[-2:] == [["附件", "一"], ["附件", "一", "1"]]
    assert [(p.key, p.title) for p in doc.parts] == [("附件", "重点任务清单")]


TWO_DOCUMENTS = """市人民政府关于印发支持工业互联网发展若干政策等两个文件的通知
各区人民政府，市政府各部门：
现将有关文件印发给你们，请认真贯彻执行。
支持工业互联网发展若干政策
一、支持平台建设
对新建平台给予支持。
二、支持应用推广
对应用企业给予补助。
支持软件产业发展若干措施
一、支持企业做大
对企业给予奖励。
二、支持人才引进
对人才给予补贴。
"""


def test_two_documents_in_one_notice():
    doc = parse_text(TWO_DOCUMENTS)
    first, second = "支持工业互联网发展若干政策", "支持软件产业发展若干措施"
    assert entries(doc) == [((first, "一"), "支持平台建设"), ((first, "二"), "支持应用推广"),
                            ((second, "一"), "支持企业做大"), ((second, "二"), "支持人才引进")]
    assert any(p.key == second and p.kind == "document" for p in doc.parts)
    assert node(doc, second, "一").line == line_of(TWO_DOCUMENTS, "一、支持企业做大")


# ---- other label systems -----------------------------------------------------------------------

def test_financial_numerals_above_chinese_chapters():
    doc = parse("壹、市政建设\n一、交通建设\n（一）捷运建设\n推进捷运建设。\n（二）道路建设\n推进道路建设。\n"
                "二、住宅建设\n推进住宅建设。\n贰、文化建设\n一、文化设施\n推进文化设施建设。\n", title="市长施政报告")
    assert entries(doc) == [(("壹",), "市政建设"), (("壹", "一"), "交通建设"), (("壹", "一", "(一)"), "捷运建设"),
                            (("壹", "一", "(二)"), "道路建设"), (("壹", "二"), "住宅建设"), (("贰",), "文化建设"),
                            (("贰", "一"), "文化设施")]
    assert node(doc, "壹").kind == "part"


def test_traditional_financial_numerals():
    doc = parse_text("市長施政報告\n壹、市政建設\n一、交通建設\n推進捷運建設。\n貳、文化建設\n一、文化設施\n推進建設。\n")
    assert paths(doc) == [["壹"], ["壹", "一"], ["贰"], ["贰", "一"]]
    assert node(doc, "贰").title == "文化建设"


def test_chapters_and_articles():
    text = ("某市知识产权保护办法\n第一章 总则\n第一条 为了加强知识产权保护，促进创新，根据有关法律法规，结合本市实际，制定本办法。\n"
            "第二条 本办法适用于本市行政区域内的知识产权保护工作。\n第二章 保护措施\n"
            "第三条 市知识产权局负责全市知识产权保护工作。\n")
    doc = parse_text(text)
    assert paths(doc) == [["第一章"], ["第一章", "第一条"], ["第一章", "第二条"], ["第二章"], ["第二章", "第三条"]]
    assert node(doc, "第一章").title == "总则"
    assert node(doc, "第二章").kind == "chapter"
    assert node(doc, "第二章", "第三条").kind == "article"
    assert node(doc, "第一章", "第一条").title == "为了加强知识产权保护,促进创新,根据有关法律法规,结合本市实际,制定本办法"
    assert node(doc, "第二章", "第三条").line == line_of(text, "第三条")


def test_full_width_space_indentation():
    indented = "\n".join("\u3000\u3000" + line for line in FAMILIES.split("\n"))
    assert entries(parse(indented)) == entries(parse(FAMILIES))


def test_markdown_headings_and_bold():
    doc = parse("## 一、**总体要求**\n坚持创新。\n## 二、主要任务\n### （一）加强创造\n**1.推进专利导航。**开展工作。\n")
    assert entries(doc) == [(("一",), "总体要求"), (("二",), "主要任务"), (("二", "(一)"), "加强创造"),
                            (("二", "(一)", "1"), "推进专利导航")]


# ---- numbered text that is not a heading ---------------------------------------------------------

NEGATIVES = """一、主要目标
到2025年，全区有效发明专利拥有量达到
1.8万件，商标有效注册量12万件以上。
深入贯彻《知识产权强国建设纲要
(2021—2035年)》和相关规划。
建设技术与创新支持中心
(TISC)，完善信息服务网点。
第8期知识产权培训班于3月举办。
二、主要任务
（一）加强知识产权创造
1.推进专利导航。组织开展第8期专利导航培训。
2.强化商标品牌。推进商标品牌建设。
"""


def test_numbers_that_are_not_headings():
    text = f"{TITLE}\n{NEGATIVES}"
    doc = parse_text(text)
    assert paths(doc) == [["一"], ["二"], ["二", "(一)"], ["二", "(一)", "1"], ["二", "(一)", "2"]]
    goals = node(doc, "一").text
    for piece in ("1.8万件", "(2021—2035年)", "(TISC)", "第8期知识产权培训班"):
        assert piece in goals


def test_numbered_rows_inside_a_table_are_not_headings():
    for sep in ("\t", " | "):
        rows = [sep.join(r) for r in (["序号", "指标名称", "2025年"], ["1", "有效发明专利拥有量(件)", "18000"],
                                      ["2", "商标有效注册量(件)", "120000"], ["3", "PCT国际专利申请量(件)", "600"])]
        body = ("一、主要目标\n到2025年，主要指标如下。\n" + "\n".join(rows) +
                "\n二、主要任务\n1.推进专利导航。开展工作。\n2.强化商标品牌。推进工作。\n")
        doc = parse(body)
        assert paths(doc) == [["一"], ["二"], ["二", "1"], ["二", "2"]], sep
        assert len(doc.tables) == 1 and doc.tables[0].path == ["一"]
        assert [r[0] for r in doc.tables[0].rows] == ["1", "2", "3"]


def test_numbered_list_inside_a_table_with_numbered_cells():
    body = ("一、主要任务\n1.推进专利导航。开展工作。\n2.强化商标品牌。推进工作。\n"
            "重点任务分工表\n序号\t任务\t责任单位\n1.\t推进专利导航\t区知识产权局\n2.\t强化商标品牌\t区市场监管局\n"
            "3.\t加强执法\t区司法局\n二、保障措施\n加强组织领导。\n")
    doc = parse(body)
    assert paths(doc) == [["一"], ["一", "1"], ["一", "2"], ["二"]]


def test_numbered_list_inside_a_prose_table_is_not_outline():
    body = ("一、主要任务\n1.推进重点项目建设。开展工作。\n2.加强项目管理。推进工作。\n"
            "表1、重点项目一览表\n1、知识产权运营平台\n2、商标品牌指导站\n3、专利导航服务基地\n"
            "二、保障措施\n加强组织领导。\n")
    doc = parse(body)
    assert paths(doc) == [["一"], ["一", "1"], ["一", "2"], ["二"]]


def test_numbered_list_inside_a_bracket_is_not_outline():
    body = ("一、主要任务\n（一）加强创造\n"
            "1.推进专利导航。依托重点高校院所(1.中国科学院上海分院;2.上海交通大学)开展专利导航。\n"
            "2.强化商标品牌。推进商标品牌建设。\n")
    doc = parse(body)
    assert entries(doc) == [(("一",), "主要任务"), (("一", "(一)"), "加强创造"), (("一", "(一)", "1"), "推进专利导航"),
                            (("一", "(一)", "2"), "强化商标品牌")]
    assert "2.上海交通大学" in node(doc, "一", "(一)", "1").text


def test_numbered_list_inside_a_bracket_mid_sentence_with_commas():
    body = ("一、主要任务\n（一）加强创造\n"
            "1.推进专利导航。依托重点高校院所(1.中国科学院上海分院、2.上海交通大学)开展专利导航。\n"
            "2.强化商标品牌。推进商标品牌建设。\n")
    doc = parse(body)
    assert [n.title for n in node(doc, "一", "(一)").children] == ["推进专利导航", "强化商标品牌"]
    assert "(1.中国科学院上海分院、2.上海交通大学)" in node(doc, "一", "(一)", "1").text


def test_a_label_out_of_sequence_stays_text_and_is_reported():
    text = f"{TITLE}\n一、主要任务\n1.推进专利导航。开展工作。\n2.强化商标品牌。推进工作。\n" \
           "7.加强执法检查，开展专项行动，严厉打击侵犯知识产权行为，维护公平竞争市场秩序。\n"
    doc = parse_text(text)
    assert paths(doc) == [["一"], ["一", "1"], ["一", "2"]]
    assert "7.加强执法检查" in node(doc, "一", "2").text
    assert any(f"line {line_of(text, '7.加强')}" in w and "7." in w for w in doc.warnings)


# ---- titles -----------------------------------------------------------------------------

def test_title_is_the_first_sentence():
    doc = parse("一、主要任务\n1.强化商标品牌建设，推动品牌发展。开展品牌培育工作。\n"
                "2.落实《关于强化知识产权保护的意见》要求。推进保护工作。\n")
    assert node(doc, "一", "1").title == "强化商标品牌建设,推动品牌发展"
    assert node(doc, "一", "2").title == "落实《关于强化知识产权保护的意见》要求"


def test_title_is_the_heading_line_when_it_stands_alone():
    doc = parse("一、总体要求\n以习近平新时代中国特色社会主义思想为指导。\n二、主要任务\n（一）加强知识产权创造\n"
                "推进专利导航。\n1.推进专利导航\n开展专利导航工作，建设专利导航服务基地。\n")
    assert node(doc, "一").title == "总体要求"
    assert node(doc, "二", "(一)").title == "加强知识产权创造"
    item = node(doc, "二", "(一)", "1")
    assert item.title == "推进专利导航"
    assert item.text == "开展专利导航工作,建设专利导航服务基地。"


def test_heading_ended_by_a_space():
    doc = parse("一、工作目标\n（一）总体目标 深入实施知识产权“五大工程”，着力打造知识产权高质量发展高地，推动经济社会发展。\n"
                "（二）具体目标\n到2025年，发明专利拥有量达到1000件。\n")
    assert node(doc, "一", "(一)").title == "总体目标"
    assert node(doc, "一", "(二)").title == "具体目标"


def test_score_in_brackets_is_not_part_of_the_title():
    doc = parse("一、重点任务（60分）\n（一）加强知识产权创造（20分）\n1.推进专利导航（5分）。开展专利导航工作。\n"
                "2.强化商标品牌(3分)\n推进商标品牌建设。\n二、组织实施（10分）\n加强组织领导。\n")
    assert entries(doc) == [(("一",), "重点任务"), (("一", "(一)"), "加强知识产权创造"), (("一", "(一)", "1"), "推进专利导航"),
                            (("一", "(一)", "2"), "强化商标品牌"), (("二",), "组织实施")]
    # the weight is kept in the node's text, not dropped
    assert "(5分)" in node(doc, "一", "(一)", "1").text
    assert "(60分)" in node(doc, "一").text


def test_unit_bracket_is_not_part_of_the_title():
    doc = parse("一、主要任务\n1.加强知识产权宣传（区委宣传部、区知识产权局）\n"
                "2.开展执法检查，打击侵权行为（责任单位：区市场监管局）。推进执法工作。\n")
    assert node(doc, "一", "1").title == "加强知识产权宣传"
    assert node(doc, "一", "2").title == "开展执法检查,打击侵权行为"


# ---- chapter roles -------------------------------------------------------------------------

@pytest.mark.parametrize("heading, role", [
    ("总体要求", "requirements"),
    ("指导思想", "requirements"),
    ("基本原则", "requirements"),
    ("工作目标", "goals"),
    ("主要目标", "goals"),
    ("重点任务", "tasks"),
    ("主要任务", "tasks"),
    ("保障措施", "safeguards"),
    ("组织实施", "safeguards"),
    ("工作保障", "safeguards"),
])
def test_chapter_role_from_heading(heading, role):
    doc = parse(f"一、{heading}\n推进相关工作。\n")
    assert node(doc, "一").role == role


def test_theme_chapters_between_goals_and_safeguards_are_tasks():
    doc = parse("一、指导思想\n坚持创新。\n二、工作目标\n到2025年，取得成效。\n三、推进知识产权高质量创造\n"
                "（一）加强专利导航\n推进工作。\n四、促进知识产权高效益运用\n（一）推进质押融资\n推进工作。\n"
                "五、保障措施\n加强组织领导。\n")
    assert [n.role for n in doc.outline] == ["requirements", "goals", "tasks", "tasks", "safeguards"]
    assert node(doc, "三", "(一)").role is None     # roles belong to chapters


def test_chapter_without_a_role_word():
    doc = parse("一、关于专利\n推进工作。\n二、关于商标\n推进工作。\n")
    assert [n.role for n in doc.outline] == [None, None]


# ---- numbering checks (the warnings `ipplan check` prints) -------------------------------------

def test_clean_outline_has_no_warnings():
    assert parse(FAMILIES).warnings == []


@pytest.mark.parametrize("body", [
    pytest.param("一、主要任务\n（一）加强创造\n推进工作。\n（二）强化保护\n推进工作。\n（四）优化服务\n推进工作。\n", id="sections"),
    pytest.param("一、总体要求\n坚持创新。\n二、主要任务\n推进工作。\n四、保障措施\n加强领导。\n", id="chapters"),
    pytest.param("一、主要任务\n1.推进专利导航。开展工作。\n2.强化商标品牌。推进工作。\n4.加强保护。开展执法。\n", id="items"),
])
def test_numbering_jump_is_reported(body):
    doc = parse(body)
    assert len(doc.outline) >= 1
    assert any("numbering jumps" in w for w in doc.warnings), doc.warnings


def test_ten_or_more_items_are_not_a_jump():
    doc = parse("一、主要任务\n" + "".join(f"{n}.推进第{n}项工作。开展相关工作。\n" for n in range(1, 13)))
    assert len(node(doc, "一").children) == 12
    assert doc.warnings == []


@pytest.mark.parametrize("text", [f"{TITLE}\n{ATTACHMENTS}", TWO_DOCUMENTS], ids=["attachments", "two-documents"])
def test_restart_in_an_attachment_or_second_document_is_not_a_jump(text):
    doc = parse_text(text)
    assert not [w for w in doc.warnings if "numbering" in w]


# ---- text outside the outline ---------------------------------------------------------------

OUTSIDE = """上海市某区人民政府关于印发《某区知识产权工作方案(2024—2026年)》的通知
各街道、镇：
现将《某区知识产权工作方案(2024—2026年)》印发给你们，请认真执行。
上海市某区人民政府
2024年2月29日
某区知识产权工作方案(2024—2026年)
为推进知识产权强区建设，制定本方案。
一、主要目标
到2025年，主要指标如下。
2025年主要指标
序号\t指标名称\t2025年
1\t有效发明专利拥有量(件)\t18000
2\tPCT国际专利申请量(件)\t600
(以上指标均为预期性指标)
- 2 -
二、主要任务
1.推进专利导航。开展工作。
- 3 -
2.强化商标品牌。推进工作。
抄送：区委办公室。
上海市某区人民政府办公室2024年3月1日印发
"""


def test_text_outside_the_outline_is_kept_where_it_belongs():
    doc = parse_text(OUTSIDE)
    preamble = line_of(OUTSIDE, "为推进")
    # the covering notice and the plan title, then the plan's preamble
    assert [b.line for b in doc.front_matter] == list(range(1, preamble))
    assert [(b.line, b.text) for b in doc.preamble] == [(preamble, "为推进知识产权强区建设,制定本方案。")]
    assert [(b.line, b.text, b.reason) for b in doc.artefacts] == [
        (line_of(OUTSIDE, "- 2 -"), "- 2 -", "page number"), (line_of(OUTSIDE, "- 3 -"), "- 3 -", "page number")]
    assert [b.line for b in doc.closing] == [line_of(OUTSIDE, "抄送"), line_of(OUTSIDE, "2024年3月1日印发")]
    table = doc.tables[0]
    assert (table.caption, table.note, table.path) == ("2025年主要指标", "(以上指标均为预期性指标)", ["一"])
    assert (table.line, table.end_line) == (line_of(OUTSIDE, "2025年主要指标"), line_of(OUTSIDE, "以上指标均为预期性指标"))
    assert node(doc, "二", "2").text == "强化商标品牌。推进工作。"      # the closing lines are not item text
    assert node(doc, "二", "1").text == "推进专利导航。开展工作。"      # nor the page number


@pytest.mark.parametrize("name", ["jinan_kechuang_measures_2021.txt", "qingdao_ai_industry_action_2024.txt"])
def test_notice_joined_onto_one_line_keeps_its_outline_and_units(name):
    """Some sources join paragraphs with spaces: the outline must not depend on the line breaks."""
    from pathlib import Path

    text = (Path(__file__).parent / "data" / "corpus" / name).read_text("utf-8")
    one_line = " ".join(line.strip() for line in text.split("\n") if line.strip())

    def outline(doc):
        return [(tuple(n.path), n.title, tuple(u.name for u in n.units)) for n in doc.iter_nodes()]

    expected = outline(parse_text(text))
    assert len(expected) > 30
    assert outline(parse_text(one_line)) == expected


def test_forward_jump_in_item_numbering_is_still_an_item_and_is_reported():
    """Excerpts and deleted items leave gaps; an item-shaped line after a gap is still an item."""
    body = ("一、主要任务\n（一）产业人才\n1.企业家培养项目。引进100名人才。\n2.高技能人才项目。培训人才。\n"
            "（二）科技人才\n9.“百人计划”拓展项目。引进领军人才。\n10.博士后培养项目。培养博士后。\n"
            "二、保障措施\n据统计 15. 这样的数字不是标题。\n")
    doc = parse(body)
    assert ["一", "(二)", "9"] in paths(doc) and ["一", "(二)", "10"] in paths(doc)
    assert any("numbering jumps" in w for w in doc.warnings) is False  # 2 -> 9 continues across sections
    assert not any(p[-1] == "15" for p in paths(doc))


def test_item_label_followed_by_digits_opens_only_when_expected():
    body = ("一、主要任务\n1.羊城学者项目。设立岗位。\n2.121人才梯队项目。培养后备人才。\n3.博士后项目。培养博士后。\n"
            "二、主要目标\n1.8万件发明专利是目标。\n")
    doc = parse(body)
    assert node(doc, "一", "2").title == "121人才梯队项目"
    assert node(doc, "一", "3").title == "博士后项目"
    assert ["二", "1"] not in paths(doc)


def test_decimal_at_a_wrapped_line_start_is_not_an_item():
    """`4.65 人` at the start of a wrapped line is a rate, not item 4 (the real item 4 follows)."""
    body = ("一、主要任务\n1.推进工作。开展工作。\n2.加强保护。开展执法。\n3.强化宣传。本市103年每千名少年之少年犯罪人数仅\n"
            "4.65 人，为全国最低，未来将赓续执行各项防制作为。\n4、鼓励各校教师成立工作圈\n本府将协助各校成立学习社群。\n")
    doc = parse(body)
    assert node(doc, "一", "4").title == "鼓励各校教师成立工作圈"
    assert "4.65人" in node(doc, "一", "3").text.replace(" ", "")


def test_unit_bracket_after_a_finished_sentence_ends_the_paragraph():
    body = ("一、主要任务\n（一）加强保护\n1.开展专项执法行动，严厉打击侵权假冒行为。（区市场监管局、区公安分局）\n"
            "各街道要结合实际，制定具体措施，确保各项任务落到实处。\n2.推进纠纷调解。（区司法局）\n")
    item = node(parse(body), "一", "(一)", "1")
    assert [u.name for u in item.units] == ["区市场监管局", "区公安分局"]
    assert item.text.split("\n")[1].startswith("各街道要结合实际")


def test_unit_bracket_broken_after_a_semicolon_is_joined():
    doc = parse("一、主要任务\n1.加强保护（牵头单位：区市场监管局；\n配合单位：区公安分局）\n2.推进运用。开展工作。\n")
    item = node(doc, "一", "1")
    assert item.title == "加强保护"
    assert [(u.name, u.role) for u in item.units] == [("区市场监管局", "lead"), ("区公安分局", "co")]


def test_sentence_starting_with_fujian_is_not_an_attachment():
    doc = parse("某区知识产权工作方案\n一、主要目标\n发展指标如下。\n附件所列指标均为预期性指标。\n"
                "二、主要任务\n1.加强保护。开展执法。\n三、保障措施\n加强领导。\n")
    assert paths(doc) == [["一"], ["二"], ["二", "1"], ["三"]]
    assert doc.parts == []


def test_list_of_attachments_is_text_and_attachments_take_their_title_line():
    doc = parse("某区知识产权工作方案\n一、主要任务\n1.加强保护。开展执法。\n2.推进运用。开展质押。\n"
                "附件：1.重点任务分解表\n2.指标表\n附件1\n重点任务分解表\n一、保护任务\n1.执法。开展行动。\n"
                "附件2\n指标表\n一、创造指标\n1.专利。达到100件。\n")
    assert paths(doc) == [["一"], ["一", "1"], ["一", "2"], ["附件1", "一"], ["附件1", "一", "1"],
                          ["附件2", "一"], ["附件2", "一", "1"]]
    assert [(p.key, p.title) for p in doc.parts] == [("附件1", "重点任务分解表"), ("附件2", "指标表")]
    assert doc.warnings == []


def test_numbering_that_starts_late_is_reported_but_continuation_is_not():
    assert any("numbering starts at 二" in w for w in parse("二、主要任务\n1.推进。开展工作。\n三、保障措施\n加强领导。\n").warnings)
    continued = parse("一、主要任务\n（一）创造\n1.推进。开展工作。\n2.加强。开展工作。\n（二）保护\n3.执法。开展行动。\n")
    assert not [w for w in continued.warnings if "numbering" in w]


def test_right_parenthesis_labels_are_sub_items():
    doc = parse("一、主要任务\n1.推进工作。开展工作。\n1)组织培训。\n2)开展宣传。\n2.加强保护。开展执法。\n")
    assert paths(doc) == [["一"], ["一", "1"], ["一", "1", "1)"], ["一", "1", "2)"], ["一", "2"]]
