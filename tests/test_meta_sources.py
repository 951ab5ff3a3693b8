"""Metadata read from wherever a notice holds it: furniture, signatures, 版记, speaker and adoption lines.

Each rule is tested on a short real excerpt (quoted from the corpus) and on variants written for
the test (other provinces, agencies, dates), so that the rule, not the file, is what passes.
"""
from __future__ import annotations

import pytest

from ipplan.parse import parse_text
from ipplan.parse.furniture import field_of
from ipplan.parse.region import admin_chain, region_in_text, region_in_title

BODY = "一、总体要求\n（一）指导思想。坚持创新驱动。\n二、重点任务\n（一）加强保护。到2025年，建成平台10个。\n"


def meta(text: str) -> dict:
    return parse_text(text).model_dump(mode="json")["meta"]


# ---- furniture ---------------------------------------------------------------------------------

PKULAW = """    【法宝引证码】 CLI.12.{code}
原文链接：https://www.pkulaw.com/lar/{code}abcdef.html
{org}关于印发{plan}的通知
{org}关于印发{plan2}的通知

（{no}）

各市人民政府，省政府各部门：

　　《{plan}》已经省政府同意，现印发给你们，请认真抓好落实。
{org}

　　{date}
{plan}

　　为加快发展，制定本方案。
""" + BODY


@pytest.mark.parametrize("org,plan,plan2,no,date,region", [
    ("安徽省人民政府办公厅", "安徽省工业互联网创新发展行动计划（2021—2023年）", "安徽省工业互联网创新发展行动计划(2021-2023年)",
     "皖政办秘〔2021〕82号", "2021年9月2日", "安徽省"),
    ("江苏省人民政府办公厅", "江苏省数字经济加速行动方案（2023—2025年）", "江苏省数字经济加速行动方案（2023—2025年）",
     "苏政办发〔2023〕12号", "2023年5月6日", "江苏省"),
    ("成都市人民政府", "成都市知识产权强市建设行动方案", "成都市知识产权强市建设行动方案", "成府发〔2022〕7号",
     "2022年3月1日", "成都市"),
])
def test_database_header_is_furniture_not_part_of_the_notice(org, plan, plan2, no, date, region):
    doc = parse_text(PKULAW.format(code="4638041", org=org, plan=plan, plan2=plan2, no=no, date=date))
    m = doc.meta
    assert m.notice_title.startswith(org + "关于印发")
    assert "法宝" not in m.notice_title and "http" not in m.notice_title
    assert m.issuer == org
    assert m.doc_number == no
    assert m.region == region
    furniture = [b for b in doc.preamble if (b.reason or "").startswith("source furniture")]
    assert [b.line for b in furniture] == [1, 2, 3], "citation code, link and the first of the repeated titles"


def test_yaml_front_matter_is_furniture_and_its_facts_are_a_fallback():
    text = ("---\n标题: 闵行区人民政府关于印发《闵行区城市更新“十五五”规划》的通知\n文号: 闵府发〔2026〕26号\n"
            "发布单位: 上海市闵行区人民政府\n发布日期: 2026-07-28\n层级: 区级\n---\n\n"
            "> 本文正文由脚本自上海市官方公开页面提取，仅供检索查阅。\n\n"
            "# 闵行区人民政府关于印发《闵行区城市更新“十五五”规划》的通知\n\n"
            "各镇人民政府、街道办事处：\n《闵行区城市更新“十五五”规划》已经区政府同意，现印发给你们。\n\n"
            "闵行区城市更新“十五五”规划\n\n" + BODY)
    m = meta(text)
    # the notice states neither number nor date: the front matter's are taken; its 发布单位 yields to the notice
    assert (m["doc_number"], m["issued"], m["issuer"]) == ("闵府发〔2026〕26号", "2026-07-28", "闵行区人民政府")
    assert (m["region"], m["parent_region"], m["period"]) == ("闵行区", "上海市", [2026, 2030])
    assert not m["notice_title"].startswith("标题")


def test_front_matter_with_english_keys_and_the_notice_date_wins():
    text = ("---\ntitle: 杭州市数字经济促进行动计划\ndate: 2023-03-09\nissuer: 杭州市人民政府办公厅\n---\n"
            "杭州市数字经济促进行动计划\n" + BODY + "杭州市人民政府办公厅\n2023年3月1日\n")
    m = meta(text)
    assert m["title"] == "杭州市数字经济促进行动计划"
    assert (m["issuer"], m["issued"], m["region"], m["period"]) == ("杭州市人民政府办公厅", "2023-03-01", "杭州市",
                                                                   [2023, 2025])


def test_field_block_under_the_title_gives_number_and_date():
    text = ("宁波市人民政府关于印发宁波市专利导航工程实施方案的通知\n发布部门：宁波市人民政府\n发文字号：甬政发〔2020〕3号\n"
            "发布日期：2020.03.04\n时效性：现行有效\n各区县（市）人民政府：\n现将《宁波市专利导航工程实施方案》印发给你们。\n"
            "宁波市专利导航工程实施方案\n" + BODY)
    doc = parse_text(text)
    assert (doc.meta.doc_number, str(doc.meta.issued), doc.meta.issuer) == ("甬政发〔2020〕3号", "2020-03-04", "宁波市人民政府")
    assert doc.meta.title == "宁波市专利导航工程实施方案"
    assert sum(1 for b in doc.preamble if (b.reason or "").startswith("source furniture")) == 4


@pytest.mark.parametrize("line,want", [
    ("发文字号：皖政办秘〔2021〕82号", ("发文字号", "皖政办秘〔2021〕82号")),
    ("【发布部门】安徽省人民政府办公厅", ("发布部门", "安徽省人民政府办公厅")),
    ("title: 某某方案", ("标题", "某某方案")),
    ("联系人：张三", None),
    ("目标:到2025年建成10个平台", None),
])
def test_field_lines(line, want):
    assert field_of(line) == want


# ---- issuer and date outside the notice head ---------------------------------------------------

@pytest.mark.parametrize("org,date,iso", [
    ("安徽省人民政府办公厅", "2019年1月3日", "2019-01-03"),
    ("中共宁波市委办公厅", "2020年12月30日", "2020-12-30"),
])
def test_imprint_gives_issuer_and_date_when_nothing_else_does(org, date, iso):
    text = "某某行动方案\n" + BODY + f"抄送：省委各部门。\n{org} {date}印发\n"
    m = meta(text)
    assert (m["issuer"], m["issued"]) == (org, iso)


@pytest.mark.parametrize("title,where,speaker,issuer,region", [
    ("政府工作报告", "杭州市第十四届人民代表大会第三次会议", "市长 姚高员", "杭州市人民政府", "杭州市"),
    ("2024年政府工作报告", "浙江省第十四届人民代表大会第二次会议", "省长 王浩", "浙江省人民政府", "浙江省"),
    ("政府工作报告", "上海市徐汇区第十七届人民代表大会第四次会议", "区长 钟晓咏", "徐汇区人民政府", "徐汇区"),
])
def test_speaker_line_names_the_government_and_the_report_its_year(title, where, speaker, issuer, region):
    text = (f"{title}\n——2024年1月15日在{where}上\n{speaker}\n各位代表：\n现在，我代表市人民政府向大会报告工作。\n"
            "一、2023年工作回顾\n全年生产总值增长5.6%。\n二、2024年工作安排\n生产总值增长5.5%左右。\n")
    m = meta(text)
    assert (m["issuer"], m["issued"], m["region"], m["period"]) == (issuer, "2024-01-15", region, [2024, 2024])


def test_taiwanese_report_date_speaker_and_simplified_output():
    text = ("臺 中 市\n市 長 施 政 報 告\n市議會第 2 屆第 1 次定期會\n104.9.15\n市長 林佳龍\n"
            "壹、前言\n本府推動各項建設。\n貳、施政規劃\n一、交通建設\n（一）推動捷運建設。\n")
    m = meta(text)
    assert (m["title"], m["issuer"], m["issued"], m["region"]) == ("台中市市长施政报告", "台中市政府", "2015-09-15", "台中市")


@pytest.mark.parametrize("head,issuer,issued,region", [
    # real: the guangdong regulation's head
    ("# 广东省知识产权保护条例\n\n2022年3月29日 广东省第十三届人民代表大会常务委员会第四十一次会议通过\n\n<!-- INFO END -->\n",
     "广东省人民代表大会常务委员会", "2022-03-29", "广东省"),
    ("浙江省知识产权保护和促进条例\n（2022年9月29日浙江省第十三届人民代表大会常务委员会第三十八次会议通过）\n",
     "浙江省人民代表大会常务委员会", "2022-09-29", "浙江省"),
    ("苏州市知识产权促进和保护条例\n（2021年10月28日苏州市第十七届人民代表大会常务委员会第三十五次会议通过"
     "　2021年11月30日江苏省第十三届人民代表大会常务委员会第二十七次会议批准）\n",
     "苏州市人民代表大会常务委员会", "2021-10-28", "苏州市"),
])
def test_regulation_head_gives_adopting_body_and_date(head, issuer, issued, region):
    text = head + "## 第一章 总 则\n第一条 为了加强知识产权保护，制定本条例。\n第二条 本条例适用于本省。\n"
    m = meta(text)
    assert (m["title"], m["issuer"], m["issued"], m["region"], m["period"]) == (
        head.lstrip("# ").split("\n")[0], issuer, issued, region, None)
    assert m["notice_title"] is None


def test_notice_that_publishes_nothing_is_its_own_title_and_national_issuer_has_no_region():
    text = ("国务院办公厅关于推广第二批支持创新相关改革举措的通知\n国办发〔2018〕126号\n"
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n按照党中央、国务院决策部署，湖北武汉、陕西西安等8个区域先行先试。"
            "现就有关事项通知如下：\n一、推广的改革举措\n（一）知识产权保护方面5项。\n二、高度重视推广工作\n各地区要加强组织领导。\n"
            "附件：第二批支持创新相关改革举措推广清单\n国务院办公厅\n2018年12月23日\n附件\n第二批支持创新相关改革举措推广清单\n")
    m = meta(text)
    assert m["title"] == m["notice_title"] == "国务院办公厅关于推广第二批支持创新相关改革举措的通知"
    assert (m["issuer"], m["issued"], m["doc_number"], m["region"]) == ("国务院办公厅", "2018-12-23", "国办发〔2018〕126号", None)


# ---- region --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name,chain", [
    ("上海市闵行区城市更新“十五五”规划", ["上海市", "闵行区"]),
    ("黄浦区城市更新行动方案", ["黄浦区"]),
    ("山东省科学技术厅", ["山东省"]),
    ("中共济南市委办公厅", ["济南市"]),
    ("济南市市中区人民政府", ["济南市", "市中区"]),
    ("城市更新行动方案", []),
    ("全市知识产权工作要点", []),
    ("某某市某某区人民政府办公室", ["某某市", "某某区"]),  # names newer than the data still count
])
def test_admin_chain_never_takes_a_common_noun(name, chain):
    assert admin_chain(name) == chain


@pytest.mark.parametrize("title,region", [
    ("关于加快“科创济南”建设全面提升科技创新能力的若干政策措施", "济南市"),
    ("关于支持“活力温州”建设的若干意见", "温州市"),
    ("关于加强知识产权保护的意见", None),
])
def test_region_a_title_names_by_its_short_form(title, region):
    assert region_in_title(title) == region


@pytest.mark.parametrize("text,region", [
    ("结合我市实际，制定本行动计划。深入贯彻总书记对山东、对青岛工作的重要指示。支持青岛西海岸新区。", "青岛市"),
    ("推进全省制造业高质量发展，推动“山东制造”品牌高端化。鼓励济南市、青岛市建设。", "山东省"),
    ("推进全省数字经济发展，打造“数字江苏”。支持南京、苏州建设。", "江苏省"),
    ("结合本区实际，推动闵行区城市更新。", "闵行区"),
    ("结合我市实际，制定本行动计划。", None),  # the level is known, the place is not named: null
    ("加强知识产权保护。", None),
])
def test_region_from_the_level_a_text_calls_itself_and_the_place_it_names(text, region):
    assert region_in_text(text) == region


# ---- period --------------------------------------------------------------------------------------

def test_period_without_issue_year_runs_to_the_last_target_year():
    text = ("为加快发展，结合我省实际，制定本行动计划。\n一、主要目标\n到2025年，全省建成平台10个；到2027年，建成平台20个。\n"
            "二、重点任务\n（一）对标《浙江省2035年远景目标》，推进建设。\n")
    m = meta(text)
    assert m["period"] == [None, 2027] and m["issued"] is None


def test_period_with_issue_year_and_single_year_titles():
    m = meta("某某市2023年知识产权保护考评办法\n" + BODY + "某某市人民政府办公室\n2023年2月1日\n")
    assert m["period"] == [2023, 2023]
    m = meta("某某市知识产权保护考评办法\n" + BODY + "某某市人民政府办公室\n2023年2月1日\n")
    assert m["period"] == [2023, 2025]
    # 到2025年 in a title is a horizon, not the year the plan is for
    m = meta("某某市到2025年基本建成知识产权强市的实施方案\n" + BODY + "某某市人民政府办公室\n2023年2月1日\n")
    assert m["period"] == [2023, 2025] and m["period_source"] == "inferred"


@pytest.mark.parametrize("head,issuer,issued,region", [
    ("# 广东省专利条例实施办法\n\n2020年5月1日 广东省人民政府令第270号公布\n\n<!-- INFO END -->\n",
     "广东省人民政府", "2020-05-01", "广东省"),
    ("# 中华人民共和国专利法\n\n2008年12月27日 第十一届全国人民代表大会常务委员会第六次会议通过\n\n<!-- INFO END -->\n",
     "全国人民代表大会常务委员会", "2008-12-27", None),
])
def test_rule_and_national_law_heads(head, issuer, issued, region):
    m = meta(head + "## 第一章 总 则\n第一条 为了加强知识产权保护，制定本办法。\n第二条 本办法适用于本省。\n")
    assert (m["issuer"], m["issued"], m["region"]) == (issuer, issued, region)


def test_a_date_in_brackets_under_the_title_is_the_issue_date():
    m = meta("某某市知识产权保护行动方案\n（2023年6月8日）\n" + BODY)
    assert m["issued"] == "2023-06-08" and m["period"] == [2023, 2025]


@pytest.mark.parametrize("issuer,text,region", [
    ("市科技局", "结合我市实际，制定本方案。推动“数智温州”建设，支持温州高新区发展。", "温州市"),
    ("工业和信息化部", "结合我市实际，推动青岛建设。", None),
    ("国务院办公厅", "湖北武汉、陕西西安等8个区域先行先试，各市要抓好落实。", None),
])
def test_region_from_the_text_only_for_a_local_issuer(issuer, text, region):
    m = meta(f"关于推进数字经济发展的实施方案\n{text}\n" + BODY + f"{issuer}\n2023年2月1日\n")
    assert m["issuer"] == issuer
    assert m["region"] == region


def test_facts_from_furniture_point_at_their_field_line():
    text = ("---\ntitle: 杭州市数字经济促进行动计划\ndate: 2023-03-09\n文号: 杭政办函〔2023〕5号\n---\n" + BODY)
    doc = parse_text(text)
    assert (doc.meta.title, str(doc.meta.issued), doc.meta.doc_number) == ("杭州市数字经济促进行动计划", "2023-03-09",
                                                                          "杭政办函〔2023〕5号")
    assert doc.meta.lines["title"] == 2 and doc.meta.lines["issued"] == 3 and doc.meta.lines["doc_number"] == 4


def test_pkulaw_field_block_after_the_title_with_url_line():
    text = ("URL: https://www.pkulaw.com/lar/abc.html\n山东省人民政府办公厅关于印发山东省制造业创新能力提升三年行动计划的通知\n"
            "【法宝引证码】CLI.12.5555555\n制定机关：山东省人民政府办公厅\n发文字号：鲁政办字〔2023〕12号\n公布日期：2023.01.20\n"
            "施行日期：2023.01.20\n时效性：现行有效\n各市人民政府：\n现将《山东省制造业创新能力提升三年行动计划》印发给你们。\n"
            "山东省制造业创新能力提升三年行动计划\n" + BODY)
    doc = parse_text(text)
    m = doc.meta
    assert m.notice_title == "山东省人民政府办公厅关于印发山东省制造业创新能力提升三年行动计划的通知"
    assert (m.doc_number, str(m.issued), m.issuer, m.region) == ("鲁政办字〔2023〕12号", "2023-01-20", "山东省人民政府办公厅", "山东省")
    assert m.period == [2023, 2025]
    reasons = [b.reason for b in doc.preamble if b.reason]
    assert len(reasons) == 7 and [b.line for b in doc.preamble] == sorted(b.line for b in doc.preamble)


def test_amended_regulation_is_dated_by_its_adoption():
    # real head (LawRefBook, 上海市科学技术进步条例): adoption, amendment and revisions; the adoption dates it
    text = ("# 上海市科学技术进步条例\n\n1996年6月20日 上海市第十届人民代表大会常务委员会第二十八次会议通过\n\n"
            "2000年7月13日 上海市第十一届人民代表大会常务委员会第二十次会议《关于修改〈上海市科学技术进步条例〉的决定》修正　\n\n"
            "2024年5月10日 上海市第十六届人民代表大会常务委员会第十三次会议第二次修订）\n\n<!-- INFO END -->\n\n"
            "## 第一章 总 则\n\n第一条 为了全面促进科学技术进步，结合本市实际，制定本条例。\n")
    m = meta(text)
    assert (m["title"], m["issuer"], m["issued"], m["region"]) == ("上海市科学技术进步条例", "上海市人民代表大会常务委员会",
                                                                  "1996-06-20", "上海市")


@pytest.mark.parametrize("text,region", [
    ("推动全区数字经济发展，建设数字广西。支持南宁、柳州建设，广西各市要抓好落实。", "广西壮族自治区"),
    ("结合全州实际，推进恩施州建设。恩施土家族苗族自治州各县市要落实。", "恩施土家族苗族自治州"),
])
def test_region_of_autonomous_regions_and_prefectures(text, region):
    assert region_in_text(text) == region


def test_speaker_line_that_names_the_place():
    text = ("政府工作报告\n——2023年1月12日在第十五届人民代表大会第一次会议上\n宁波市市长　汤飞帆\n各位代表：\n"
            "一、2022年工作回顾\n全年生产总值增长3.5%。\n二、2023年工作安排\n生产总值增长5%以上。\n")
    m = meta(text)
    assert (m["issuer"], m["issued"], m["region"], m["period"]) == ("宁波市人民政府", "2023-01-12", "宁波市", [2023, 2023])


SH_FRONT = ("---\n标题: {title}\n文号: {no}\n发布单位: {org}\n发布日期: {date}\n层级: 区级\n官方链接: https://www.shanghai.gov.cn/x\n---\n\n"
            "> 本文正文由脚本自上海市官方公开页面提取，仅供检索查阅。\n\n")


def test_markdown_heading_repeated_as_a_line_and_a_notice_without_issuer_prefix():
    # real shape (Shanghai-Gov-Docs-Index): the notice title as a # heading and again as a line
    text = (SH_FRONT.format(title="关于印发《2026年上海市城市更新规划资源行动方案》的通知", no="", org="上海市规划和自然资源局",
                            date="2026-03-12")
            + "# 关于印发《2026年上海市城市更新规划资源行动方案》的通知\n\n关于印发《2026年上海市城市更新规划资源行动方案》的通知\n"
              "沪规划资源更〔2026〕83号\n各区规划资源局、各有关单位:\n现将《2026年上海市城市更新规划资源行动方案》印发给你们。\n"
              "上海市规划和自然资源局\n2026年3月12日\n2026年上海市城市更新规划资源行动方案\n制定本方案。\n" + BODY)
    doc = parse_text(text)
    m = doc.meta
    assert (m.title, m.issuer, m.doc_number, str(m.issued), m.region, m.period) == (
        "2026年上海市城市更新规划资源行动方案", "上海市规划和自然资源局", "沪规划资源更〔2026〕83号", "2026-03-12", "上海市",
        [2026, 2026])
    assert any(b.reason == "source furniture: repeated title line" for b in doc.preamble)


@pytest.mark.parametrize("name,period", [
    ("上海市长宁区国民经济和社会发展第十五个五年规划纲要", [2026, 2030]),
    ("杭州市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", [2021, 2025]),
])
def test_five_year_plan_named_in_full_and_printed_in_title_marks(name, period):
    text = (SH_FRONT.format(title=f"《{name}》", no="-", org="某某发展和改革委员会", date="-")
            + f"# 《{name}》\n\n“十五五”时期是关键时期。\n一、发展基础\n到2035年基本建成。\n二、发展目标\n到2030年取得新成效。\n")
    m = meta(text)
    assert (m["title"], m["period"], m["issued"]) == (name, period, None)


GOVCN_BODY = ("各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n现将有关事项通知如下。\n一、总体要求\n（一）指导思想。坚持创新。\n"
              "二、主要任务\n（一）加强保护。到2025年，建成平台10个。\n")


def test_letter_spaced_header_keys_of_a_government_site():
    # the gov.cn header block (索 引 号 / 发文机关 / 成文日期 / 标　　题 / 发文字号), here as lines before the title
    text = ("索 引 号：000014349/2018-00222\n主题分类：卫生、体育\\医药管理\n发文机关：国务院\n成文日期：2018年12月25日\n"
            "标　　题：国务院关于加强知识产权保护的决定\n发文字号：国发〔2018〕43号\n发布日期：2018年12月29日\n"
            "国务院关于加强知识产权保护的决定\n" + GOVCN_BODY)
    m = meta(text)
    assert (m["doc_number"], m["issued"], m["issuer"], m["region"]) == ("国发〔2018〕43号", "2018-12-25", "国务院", None)
    assert m["header"]["索引号"] == "000014349/2018-00222"


def test_header_table_with_keys_and_values_alternating():
    text = ("索 引 号：\t000014349/2018-00222\t主题分类：\t卫生、体育\n发文机关：\t国务院\t成文日期：\t2018年12月25日\n"
            "发文字号：\t国发〔2018〕43号\t发布日期：\t2018年12月29日\n国务院关于加强知识产权保护的决定\n" + GOVCN_BODY)
    m = meta(text)
    assert (m["doc_number"], m["issued"]) == ("国发〔2018〕43号", "2018-12-25")


@pytest.mark.parametrize("text,region", [
    ("结合我市实际，推动义乌市国际贸易综合改革，义乌市各镇街要落实。", "义乌市"),
    ("结合本市实际，推动上海国际金融中心建设，服务上海“五个中心”。", "上海市"),
])
def test_region_of_county_level_cities_and_municipalities(text, region):
    assert region_in_text(text) == region


@pytest.mark.parametrize("org", ["上海市徐汇区人民政府", "杭州市市场监督管理局"])
def test_notice_title_whose_issuer_stands_on_the_line_above(org):
    text = (f"{org}\n关于印发《知识产权强区建设行动方案》的通知\n各有关单位：\n现将《知识产权强区建设行动方案》印发给你们。\n"
            f"{org}\n2024年2月29日\n知识产权强区建设行动方案\n" + BODY)
    m = meta(text)
    assert m["notice_title"] == f"{org}关于印发《知识产权强区建设行动方案》的通知"
    assert (m["issuer"], m["issued"], m["title"]) == (org, "2024-02-29", "知识产权强区建设行动方案")


@pytest.mark.parametrize("notice,title", [
    ("上海市经济信息化委关于发布2024年度重点推进城市更新的产业区域的通知", "上海市经济信息化委关于发布2024年度重点推进城市更新的产业区域的通知"),
    ("某某市人民政府关于公布第三批市级文物保护单位的通知", "某某市人民政府关于公布第三批市级文物保护单位的通知"),
    ("某某市人民政府办公厅关于印发知识产权强市建设方案的通知", "知识产权强市建设方案"),  # the carried plan, named once
])
def test_notice_as_its_own_title_unless_it_carries_a_document(notice, title):
    text = f"{notice}\n各有关单位：\n现将有关事项通知如下。\n" + BODY + "某某市人民政府\n2024年3月1日\n"
    assert meta(text)["title"] == title


@pytest.mark.parametrize("title", [
    "关于学习借鉴浙江“千万工程”经验推进乡村振兴的实施意见",
    "关于做好对口支援新疆工作的实施方案",
    "贯彻落实《上海市知识产权强市建设纲要》的行动方案",
])
def test_a_place_the_title_turns_to_is_not_the_region(title):
    assert region_in_title(title) is None


def test_recipients_of_a_province_do_not_make_it_a_city():
    text = "各市人民政府，各县（市、区）人民政府，省政府各部门：推动全省发展，打造“数字浙江”。支持杭州、宁波建设。"
    assert region_in_text(text) == "浙江省"


@pytest.mark.parametrize("head,doc_number,issuer,region", [
    ("安徽省人民政府令\n第280号\n《安徽省专利保护办法》已经2018年1月2日省人民政府第3次常务会议通过，现予公布，自2018年3月1日起施行。\n"
     "省长　李国英\n2018年1月10日\n安徽省专利保护办法\n", "安徽省人民政府令第280号", "安徽省人民政府", "安徽省"),
    ("杭州市人民政府令（第335号）\n《杭州市专利促进办法》已经市人民政府常务会议审议通过，现予公布，自2022年1月1日起施行。\n"
     "市长　刘忻\n2021年11月20日\n杭州市专利促进办法\n", "杭州市人民政府令第335号", "杭州市人民政府", "杭州市"),
])
def test_government_decree_number_and_the_signing_governor(head, doc_number, issuer, region):
    m = meta(head + "第一章 总则\n第一条 为了促进专利工作，制定本办法。\n第二条 本办法适用于本省。\n")
    assert (m["doc_number"], m["issuer"], m["region"]) == (doc_number, issuer, region)
