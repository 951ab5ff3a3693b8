"""Labels damaged by conversion and other outline shapes of real notices (issue 6, class 5).

Each rule is tested with a short real excerpt and with variants of my own.
"""
from __future__ import annotations

import pytest

from ipplan.parse import parse_text
from ipplan.parse.labels import implied_key

HEAD = "某省知识产权工作方案\n一、主要任务\n"


def outline(text: str) -> list[tuple[str, str]]:
    return [("/".join(n.path), n.title) for n in parse_text(text).iter_nodes()]


# ---- a dot replaced or lost ----------------------------------------------------------------

def test_small_full_stop_from_anhui():
    text = ("安徽省工业互联网创新发展行动计划\n二、行动步骤\n（一）网络体系强基行动。\n"
            "1﹒推进工业互联网外网建设。支持基础电信企业加强宽带网络基础设施建设。\n"
            "2﹒推进企业内网改造升级。支持工业企业运用5G改造建设企业内网。\n")
    assert outline(text)[-2:] == [("二/(一)/1", "推进工业互联网外网建设"), ("二/(一)/2", "推进企业内网改造升级")]


@pytest.mark.parametrize("mark", ["\ue010", "\uf06c", "\x07", "\ufffd"])
def test_dot_replaced_by_an_unprintable_character(mark):
    text = HEAD + f"1{mark}推进专利导航。开展工作。\n2{mark}加强宣传。开展宣传。\n3{mark}强化保护。加强执法。\n"
    assert outline(text)[1:] == [("一/1", "推进专利导航"), ("一/2", "加强宣传"), ("一/3", "强化保护")]


def test_chapter_dot_replaced_by_a_private_use_character():
    text = "某市实施方案\n一\ue010总体要求\n（一）指导思想\n二\ue010主要任务\n（一）加强创造\n"
    assert [p for p, _ in outline(text)] == ["一", "一/(一)", "二", "二/(一)"]


def test_one_character_labels_of_a_word_processor():
    text = HEAD + "⒈推进专利导航。开展工作：⑴建设导航中心；⑵培育导航机构。\n⒉加强宣传。开展宣传。\n"
    assert [p for p, _ in outline(text)] == ["一", "一/1", "一/1/(1)", "一/1/(2)", "一/2"]


def test_dot_lost():
    text = HEAD + "1推进专利导航。开展工作。\n2加强宣传。开展宣传。\n3强化保护。加强执法。\n"
    assert outline(text)[1:] == [("一/1", "推进专利导航"), ("一/2", "加强宣传"), ("一/3", "强化保护")]


@pytest.mark.parametrize("sep", [" ", ",", "，"])
def test_dot_turned_into_a_space_or_comma(sep):
    text = HEAD + f"1{sep}推进专利导航。开展工作。\n2{sep}加强宣传。开展宣传。\n"
    assert outline(text)[1:] == [("一/1", "推进专利导航"), ("一/2", "加强宣传")]


def test_dot_lost_in_one_item_of_a_list():
    text = HEAD + "1.推进专利导航。开展工作。\n2加强宣传。开展宣传。\n3.强化保护。加强执法。\n"
    assert [p for p, _ in outline(text)] == ["一", "一/1", "一/2", "一/3"]


@pytest.mark.parametrize("line", ["3家企业入选国家示范。", "2025年完成全部改造。", "10亿元基金投入运营。",
                                  "2个中心建成投用。", "2 个中心建成投用。", "1,200家企业完成改造。",
                                  "01 非營業特種基金賸餘繳。"])
def test_a_quantity_at_a_line_start_is_not_an_item(line):
    text = HEAD + f"1.推进专利导航。开展工作,培育\n{line}\n"
    assert [p for p, _ in outline(text)] == ["一", "一/1"]


# ---- letter-spaced text, labels in mid-line --------------------------------------------------

def test_letter_spaced_headings():
    text = ("某市方案\n一 、 总 体 要 求\n（ 一 ） 指 导 思 想\n坚持创新驱动。\n二 、 主 要 任 务\n"
            "1 . 推 进 专 利 导 航 。 开 展 工 作 。\n")
    assert outline(text) == [("一", "总体要求"), ("一/(一)", "指导思想"), ("二", "主要任务"), ("二/1", "推进专利导航")]


def test_regulation_with_letter_spaced_chapter_titles():
    # 广东省知识产权保护条例: `## 第一章 总 则`, articles 第X条, a list (一)…(四) on one line
    text = ("# 广东省知识产权保护条例\n\n## 第一章 总 则\n\n第一条 为了加强知识产权保护，制定本条例。\n\n"
            "第二条 本条例适用于本省行政区域内知识产权保护及相关工作。\n\n## 第二章 法律责任\n\n"
            "第三条 自然人有下列情形之一的，三年内不得申请政府财政性资金项目：\n\n"
            "（一）故意侵犯知识产权的； （二）侵犯知识产权构成犯罪的。\n")
    assert outline(text) == [("第一章", "总则"), ("第一章/第一条", "为了加强知识产权保护,制定本条例"),
                             ("第一章/第二条", "本条例适用于本省行政区域内知识产权保护及相关工作"),
                             ("第二章", "法律责任"), ("第二章/第三条", "自然人有下列情形之一的,三年内不得申请政府财政性资金项目"),
                             ("第二章/第三条/(一)", "故意侵犯知识产权的"), ("第二章/第三条/(二)", "侵犯知识产权构成犯罪的")]


def test_label_after_a_closing_bracket_in_mid_line():
    text = HEAD + ("1.推进专利导航。开展工作。（责任单位：市科技局）2.加强宣传。开展宣传。（责任单位：市委宣传部）\n"
                   "（二）强化保护。加强执法。\n")
    got = outline(text)
    assert ("一/1", "推进专利导航") in got and ("一/2", "加强宣传") in got


def test_label_split_from_its_title_by_a_pdf_wrap():
    # 臺北市 policy report: `(1)2014` / `臺北爵士音樂節：…` — the year was cut from its title
    text = ("肆、文 化\n一、103 年度下半年重要施政成果\n(一)文化臺北計畫\n1、表演臺北\n(1)2014\n"
            "臺北爵士音樂節：103 年 7 月 19 日、20 日於大安森林公園辦理 7\n場露天爵士音樂會。\n"
            "(2)第9\n屆臺北數位藝術節：11 月14 日至11 月23 日假松山文創園區舉辦。\n")
    got = dict(outline(text))
    assert got["肆/一/(一)/1/(1)"] == "2014台北爵士音乐节"
    assert got["肆/一/(一)/1/(2)"] == "第9届台北数位艺术节"


# ---- a contents page restores a lost label -------------------------------------------------------

TAOYUAN = """市長施政報告
壹、前言................................................. 1
貳、施政規劃與執行....................................... 1
一、樂活城市 ......................................... 12
(一) 老人福利.................................... 13
1、長者活動假牙補助........................... 13
2、65 歲以上老人健保免費 ...................... 13
(二) 兒少福利.................................... 15
1、生育津貼，每胎 3 萬元....................... 16
壹、前言
本府團隊執政已 3 個月。
貳、施政規劃與執行
一、樂活城市
(一) 老人福利
隨著高齡化及快速老化，相關福利之規劃刻不容緩。
長者活動假牙補助
104 年度本府將延續辦理 65 歲以上長者免費裝置活動假牙。
2、65 歲以上老人健保免費
104 年度規劃擴大辦理。
(二) 兒少福利
本府秉持以家庭為中心的理念。
生育津貼，每胎 3 萬元
為鼓勵本市市民生育，每胎可獲得 3 萬元生育津貼補助。
2、育兒津貼，3 歲以下每月 3 千元
基於保障兒童健康成長權。
"""


def test_contents_page_numbers_a_heading_the_body_left_unnumbered():
    doc = parse_text(TAOYUAN)
    got = {"/".join(n.path): n for n in doc.iter_nodes()}
    assert got["贰/一/(一)/1"].title == "长者活动假牙补助"
    assert got["贰/一/(一)/1"].label_raw == ""  # nothing is invented in the text
    assert got["贰/一/(一)/2"].title == "65岁以上老人健保免费"
    assert got["贰/一/(二)/1"].title == "生育津贴,每胎3万元"
    assert got["贰/一/(二)/2"].title == "育儿津贴,3岁以下每月3千元"


def test_a_label_numbered_from_the_contents_is_reported_and_its_siblings_raise_no_warning():
    doc = parse_text(TAOYUAN)
    assert any("贰/一/(一)/1 has no label in the text" in w for w in doc.warnings)
    assert not any("numbering starts at 2" in w for w in doc.warnings)


def test_without_a_contents_page_an_unnumbered_line_stays_text():
    body = TAOYUAN.split("壹、前言\n本府")[1]
    doc = parse_text("市長施政報告\n壹、前言\n本府" + body)
    assert "贰/一/(一)/1" not in {"/".join(n.path) for n in doc.iter_nodes()}


def test_a_heading_wrapped_over_two_lines_is_joined_when_the_contents_lists_it_whole():
    text = ("市長施政報告\n壹、前言.......... 1\n貳、施政規劃與執行.......... 1\n一、捷運城市 .......... 1\n"
            "1、推動捷運建設.......... 1\n(1)航空城捷運線(綠線).......... 1\n"
            "(2)綠線 G01 站延伸至大溪、龍潭先進公共運輸系統發\n展委託可行性研究 .......... 5\n"
            "壹、前言\n本府團隊執政已 3 個月。\n貳、施政規劃與執行\n一、捷運城市\n1、推動捷運建設\n"
            "(1)航空城捷運線(綠線)\n總長約 27.8 公里。\n(2)綠線 G01 站延伸至大溪、龍潭先進公\n"
            "共運輸系統發展委託可行性研究\n本計畫可串聯桃園捷運綠線 G01\n站之先進公共運輸服務路線。\n")
    got = dict(outline(text))
    assert got["贰/一/1/(2)"] == "绿线G01站延伸至大溪、龙潭先进公共运输系统发展委托可行性研究"
    assert got["贰/一/1/(1)"] == "航空城捷运线(绿线)"


def test_heading_with_a_thousands_separator_or_ending_in_letters_stands_alone():
    # 桃園: `(2)補貼每月 4,000 元青年房屋租金(含中低收入戶及弱勢家庭)` is a heading, not a wrapped sentence
    text = ("市長施政報告\n壹、施政規劃\n一、樂活城市\n1、提供青年多元住宅方案\n(1)提供 2 萬戶社會住宅\n"
            "本府已規劃興建社會住宅。\n(2)補貼每月 4,000 元青年房屋租金(含中低收入戶及弱勢家庭)\n"
            "本府配合內政部辦理之「住宅補貼-租金補貼」方案，凡 20 歲以\n上青年族群，符合資格者每戶每月最高補貼 4,000 元。\n")
    got = dict(outline(text))
    assert got["壹/一/1/(2)"] == "补贴每月4,000元青年房屋租金(含中低收入户及弱势家庭)"
    contents = ("市長施政報告\n壹、施政規劃.......... 1\n一、安全城市.......... 1\n1、善用科技產品.......... 1\n"
                "(1)天眼雙雄.......... 1\n(2)警網勤務派遣系統派案 PDA .......... 2\n")
    body = ("壹、施政規劃\n一、安全城市\n1、善用科技產品\n(1)天眼雙雄\n全市建置監視器。\n(2)警網勤務派遣系統派案 PDA\n"
            "為推動警政 E 化建置工作，將於 104 年度增購警用汽車衛星定位系統。\n")
    got = dict(outline(contents + body))
    assert got["壹/一/1/(2)"] == "警网勤务派遣系统派案PDA"


@pytest.mark.parametrize("family, number, key", [("cn", 12, "十二"), ("paren_cn", 3, "(三)"), ("arabic", 7, "7"),
                                                 ("paren_arabic", 2, "(2)"), ("cn", 20, "二十"), ("tw", 2, "贰")])
def test_implied_keys(family, number, key):
    assert implied_key(family, number) == key


def test_a_list_nested_in_a_table_laid_out_as_prose_is_not_the_outline():
    # 桃園 表18: rows `1、婚後孕前檢查` / `(1)男性補助7,500人，每案600元` are the table's, not headings
    text = ("市長施政報告\n壹、施政規劃\n一、健康城市\n(一)醫療服務\n1、婚後孕前健檢補助\n本府提供補助，詳下表 18。\n"
            "表18、104年度婚後孕前健檢補助一覽表：\n年度\n104年\n預計達成目標\n1、婚後孕前檢查\n"
            "(1)男性補助7,500人，每案600元\n(2)女性補助7,500人，每案1,600元\n2、 孕期檢查：每案2,000元。\n"
            "(二) 提供營養午餐\n本府推動有機午餐。\n")
    assert [p for p, _ in outline(text)] == ["壹", "壹/一", "壹/一/(一)", "壹/一/(一)/1", "壹/一/(二)"]


def test_after_a_table_laid_out_as_prose_the_outline_goes_on_at_a_lower_level():
    # 桃園: 表1 (rows `1、 6月…`) sits under (1); the next heading `(2)機場捷運線(藍線)` continues the outline
    text = ("市長施政報告\n壹、施政規劃\n一、捷運城市\n1、推動捷運建設\n(1)航空城捷運線(綠線)\n詳如下表 1。\n"
            "表1、航空城捷運線施政重點一覽表：\n年度\n104\n1、 6月：專案管理技術服務決標。\n2、 10月：統包工程招標。\n"
            "(2)機場捷運線(藍線)\n全長約 53.1 公里。\n")
    assert [p for p, _ in outline(text)][-2:] == ["壹/一/1/(1)", "壹/一/1/(2)"]


# ---- documents, numbering, weights ---------------------------------------------------------------

def test_items_numbered_straight_through_sections():
    # 安徽 RCEP opinions: items 1.–24. run on across sections (一)…(七) and into chapter 三
    text = ("安徽省实施意见\n二、重点任务\n（一）大力发展货物贸易\n1.扩大优势产品出口。建立清单。（合肥海关负责）\n"
            "2.积极扩大进口。推动多元化。（省商务厅负责）\n（二）推进服务贸易升级\n3.深化服务贸易合作。推进落实。（省商务厅负责）\n"
            "三、保障措施\n4.加强组织领导。加大协调力度。（省商务厅牵头，省外办配合）\n")
    assert [p for p, _ in outline(text)] == ["二", "二/(一)", "二/(一)/1", "二/(一)/2", "二/(二)", "二/(二)/3",
                                             "三", "三/4"]


def test_paragraphs_joined_by_spaces():
    # 济南: a spreadsheet cell holds the whole notice, paragraphs joined by spaces
    lines = ["关于加快“科创济南”建设的若干政策措施", "为深入实施创新驱动发展战略，制定如下政策措施。",
             "一、全力争创综合性国家科学中心",
             "（一）高标准建设齐鲁科学城。依托齐鲁科创大走廊建设齐鲁科学城，打造核心承载区。"
             "（牵头单位：市科技局、市发展改革委，责任单位：市工业和信息化局）",
             "（二）构建大科学装置群。加强设施建设运行统筹布局，提升基础研究能力。（责任单位：市科技局）",
             "二、提升科创主体创新能力", "（三）引导全社会加大研发投入。将研发经费投入纳入考核。（责任单位：市科技局）"]
    lines[3] = lines[3] * 3
    joined = parse_text(" ".join(lines))
    split = parse_text("\n".join(lines))
    assert [(n.path, n.title, [u.name for u in n.units]) for n in joined.iter_nodes()] == \
        [(n.path, n.title, [u.name for u in n.units]) for n in split.iter_nodes()]
    assert [n.path for n in joined.iter_nodes()][:3] == [["一"], ["一", "(一)"], ["一", "(二)"]]


@pytest.mark.parametrize("name", ["shandong_mfg_innovation_action_2023.txt", "qingdao_ai_industry_action_2024.txt",
                                  "anhui_rcep_opening_2022.txt"])
def test_a_notice_run_together_without_any_separator(name):
    # a spreadsheet cell may hold the whole notice with no newline and no space between paragraphs:
    # `二、重点任务(一)关键核心技术攻关能力提升行动1.强化产业基础技术攻关。…`
    from pathlib import Path

    raw = (Path(__file__).parent / "data" / "corpus" / name).read_text("utf-8")
    lines = [line.strip() for line in raw.split("\n") if line.strip()]
    split, glued = parse_text("\n".join(lines)), parse_text("".join(lines))

    def entries(doc):
        return [(n.path, [u.name for u in n.units]) for n in doc.iter_nodes()]
    assert entries(glued) == entries(split)
    titles = {tuple(n.path): n.title for n in split.iter_nodes()}
    for node in glued.iter_nodes():  # a heading glued to its own text cannot be told apart: it still starts the title
        assert node.title.startswith(titles[tuple(node.path)]), node.path


def test_glued_label_inside_a_reference_is_not_a_break():
    para = "依照本条例第（一）项的规定处理，" * 40
    doc = parse_text("某省条例\n第一章 总则\n第一条 " + para + "。\n第二条 本条例自公布之日起施行。\n")
    assert [n.path for n in doc.iter_nodes()] == [["第一章"], ["第一章", "第一条"], ["第一章", "第二条"]]


def test_two_documents_in_one_notice():
    text = ("安徽省人民政府办公厅关于印发支持工业互联网发展若干政策和行动计划的通知\n各市人民政府：\n现印发给你们。\n"
            "安徽省人民政府办公厅\n2021年9月2日\n支持工业互联网发展若干政策\n一、支持工业互联网平台建设\n"
            "培育各类平台。（责任单位：省经济和信息化厅、省财政厅）\n二、支持企业转型\n加快技术改造。\n"
            "安徽省工业互联网创新发展行动计划（2021-2023年）\n一、总体要求\n（一）指导思想\n坚持创新。\n"
            "二、行动步骤\n（一）网络体系强基行动\n1.推进外网建设。支持基础电信企业。（责任单位：省通信管理局，各市人民政府）\n")
    paths = [n.path for n in parse_text(text).iter_nodes()]
    assert ["支持工业互联网发展若干政策", "一"] in paths
    assert ["安徽省工业互联网创新发展行动计划(2021-2023年)", "二", "(一)", "1"] in paths


def test_two_documents_variant_paths_use_each_title_line():
    text = ("某市人民政府关于印发某市促进数字经济发展若干措施和某市数字经济三年行动计划的通知\n各区人民政府：\n现印发给你们。\n"
            "某市人民政府\n2023年3月1日\n某市促进数字经济发展若干措施（试行）\n一、支持平台建设\n给予奖励。（责任单位：市工信局）\n"
            "二、支持人才引进\n给予补贴。\n某市数字经济三年行动计划（2023—2025年）\n一、总体要求\n坚持创新。\n二、重点任务\n"
            "1.建设数据中心。推进建设。（市大数据局负责）\n")
    doc = parse_text(text)
    paths = [n.path for n in doc.iter_nodes()]
    assert paths[0] == ["某市促进数字经济发展若干措施(试行)", "一"]
    assert ["某市数字经济三年行动计划(2023—2025年)", "二", "1"] in paths
    assert [p.kind for p in doc.parts] == ["document", "document"]


@pytest.mark.parametrize("weight", ["（3分）", "(25分)", "（满分5分）", "（权重10%）"])
def test_score_in_a_heading_is_not_in_the_title(weight):
    text = f"某市考评办法\n一、考评内容\n附件\n考评指标\n一、政务服务{weight}\n（一）平台建设{weight}\n1.开通全程网办。\n"
    got = dict(outline(text))
    assert got["附件/一"] == "政务服务" and got["附件/一/(一)"] == "平台建设"


def test_numbered_list_inside_a_box_is_not_the_outline():
    # 十四五 plans: 专栏 boxes beside the text list their projects 1. 2. or (1) (2)
    text = ("某省数字经济发展规划\n二、重点任务\n（一）夯实数字基础设施\n1.建设5G网络。加快建设。\n"
            "2.建设数据中心。推进建设。\n专栏1  新型基础设施重点工程\n（1）5G精品网络工程。建成5G基站10万个。\n"
            "（2）算力枢纽工程。建设数据中心集群。\n3.推进工业互联网。建设标识解析节点。\n"
            "（二）发展数字产业\n专栏2 数字产业化工程\n1.集成电路工程。\n2.软件名城工程。\n"
            "1.培育软件产业。推进建设。\n（三）推进产业数字化\n1.推动企业上云。推进建设。\n专栏3 企业上云工程\n"
            "推动10万家企业上云。\n2.建设工业互联网平台。推进建设。\n")
    got = outline(text)
    assert [p for p, _ in got] == ["二", "二/(一)", "二/(一)/1", "二/(一)/2", "二/(一)/3", "二/(二)", "二/(二)/1",
                                   "二/(三)", "二/(三)/1", "二/(三)/2"]
    titles = dict(got)
    assert titles["二/(一)/3"] == "推进工业互联网" and titles["二/(二)/1"] == "培育软件产业"
