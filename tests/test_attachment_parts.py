"""An attachment announced in the notice and then repeated as its heading is one attachment (issue 6, class 4)."""
from __future__ import annotations

from ipplan.parse import parse_text

BAOTOU = """包头市人民政府办公室关于印发《包头市2022年数字政府建设考评办法》的通知
包头市2022年数字政府建设考评办法
一、考评对象
各旗县区人民政府、稀土高新区管委会。
二、考评结果应用
考评结果全市通报。
附件：
包头市数字政府建设考评指标
附件
包头市数字政府建设考评指标
一、政务服务"一网通办"（25分）
（一）一体化政务服务平台建设（3分）
1．各级政务服务事项全部开通全程网办。（5月底取得明显成效并持续推进，牵头考核单位：市审批服务局）
2．强化审批智能化。（持续推进，牵头考核单位：市审批服务局）
（二）政务服务便民热线升级（2分）
3．全面提升政务热线服务水平。（6月底完成，牵头考核单位：市政府办公室、市公安局）
二、政府治理“一网统管”（20分）
（一）建设城市大脑能力平台（3分）
4．完成经济运行领域云图等模块建设。（10月底完成，牵头考核单位：市发改委）
"""


def paths(doc) -> list[list[str]]:
    return [n.path for n in doc.iter_nodes()]


def test_baotou_announced_then_repeated():
    doc = parse_text(BAOTOU)
    assert [p.key for p in doc.parts] == ["附件"]
    assert doc.parts[0].title == "包头市数字政府建设考评指标"
    assert doc.parts[0].line == 9  # the heading, not the announcement
    got = paths(doc)
    assert ["附件", "一", "(一)", "1"] in got and ["附件", "二", "(一)", "4"] in got
    # items numbered straight through the sections stay under their sections
    assert ["附件", "一", "(二)", "3"] in got
    titles = {tuple(n.path): n.title for n in doc.iter_nodes()}
    assert titles[("附件", "一")] == '政务服务"一网通办"'  # the (25分) weight is not in the title
    assert titles[("附件", "一", "(一)")] == "一体化政务服务平台建设"
    # the announcement stays where it stands, in the text of the chapter before it
    assert doc.outline[1].text.endswith("附件:\n包头市数字政府建设考评指标")


def test_announced_on_one_line_then_repeated_variant():
    text = ("某县2023年知识产权工作要点\n一、工作目标\n完成各项任务。\n二、组织保障\n加强领导。\n"
            "附件：重点任务分工表\n附件\n重点任务分工表\n一、创造\n1.提升专利质量。（县市场监管局）\n"
            "2.培育商标品牌。（县市场监管局、县农业农村局）\n二、保护\n3.加强执法。（县公安局）\n")
    doc = parse_text(text)
    assert [p.key for p in doc.parts] == ["附件"]
    assert paths(doc)[-5:] == [["附件", "一"], ["附件", "一", "1"], ["附件", "一", "2"], ["附件", "二"],
                               ["附件", "二", "3"]]


def test_two_attachments_listed_then_each_heading_keeps_its_number():
    text = ("某市实施方案\n一、主要任务\n1.推进建设。开展建设。\n附件：1.重点任务分工表\n2.主要指标表\n"
            "附件1\n重点任务分工表\n一、创造\n1.提升专利质量。（市市场监管局）\n"
            "附件2\n主要指标表\n一、指标\n1.发明专利拥有量。\n")
    doc = parse_text(text)
    assert [p.key for p in doc.parts] == ["附件1", "附件2"]
    assert ["附件1", "一", "1"] in paths(doc) and ["附件2", "一", "1"] in paths(doc)


def test_announced_with_book_title_marks_then_repeated_without():
    text = ("某市实施方案\n一、主要任务\n1.推进建设。开展建设。\n附件：《某市重点任务清单》\n"
            "附件\n某市重点任务清单\n一、创造\n1.提升专利质量。（市市场监管局）\n")
    doc = parse_text(text)
    assert [p.key for p in doc.parts] == ["附件"]
    assert ["附件", "一", "1"] in paths(doc)


def test_an_unclosed_quote_does_not_hide_the_first_full_stop():
    # 包头: `全面提升“12345"政务热线服务水平。…` — the conversion closed “ with an ASCII quote
    doc = parse_text(BAOTOU.replace("3．全面提升政务热线服务水平。", '3．全面提升“12345"政务热线服务水平。对标全国一流，加快升级热线平台。'))
    item = next(n for n in doc.iter_nodes() if n.path == ["附件", "一", "(二)", "3"])
    assert item.title == '全面提升“12345"政务热线服务水平'


# national_innovation_reforms_batch2_2018: the announcement stands above the signature, so the
# signature, the date and an editor's note come between it and the heading that repeats it
NATIONAL = """国务院办公厅关于推广第二批支持创新相关改革举措的通知
国办发〔2018〕126号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
现就有关事项通知如下：
一、推广的改革举措
（一）知识产权保护方面：知识产权民事、刑事、行政案件“三合一”审判。
二、认真抓好组织实施
各省（区、市）人民政府要把推广支持创新相关改革举措列为本地区重点工作。
附件：第二批支持创新相关改革举措推广清单
国务院办公厅
2018年12月23日
（本文有删减）
附件
第二批支持创新相关改革举措推广清单
一、知识产权保护方面（共5项）
1．知识产权民事、刑事、行政案件“三合一”审判。
2．知识产权案件审判中引入技术调查官制度。
"""


def test_announced_above_the_signature_is_one_attachment():
    doc = parse_text(NATIONAL)
    assert [p.key for p in doc.parts] == ["附件"]
    assert ["附件", "一", "1"] in paths(doc)
    # the signature is the notice's closing, not the attachment's text nor the last chapter's
    assert [b.text for b in doc.closing] == ["国务院办公厅", "2018年12月23日", "(本文有删减)"]
    last = next(n for n in doc.outline if n.path == ["二"])
    assert "国务院办公厅" not in last.text and "附件:第二批" in last.text
    assert doc.meta.issuer == "国务院办公厅" and str(doc.meta.issued) == "2018-12-23"


def test_announced_above_a_signature_variant_with_a_numbered_attachment():
    text = NATIONAL.replace("附件：第二批", "附件1：第二批").replace("附件\n第二批", "附件1\n第二批") \
        .replace("国务院办公厅\n2018年12月23日\n（本文有删减）", "山东省人民政府办公厅\n2021年3月5日\n（此件公开发布）")
    doc = parse_text(text)
    assert len(doc.parts) == 1 and doc.parts[0].kind == "attachment"
    assert [b.text for b in doc.closing][:2] == ["山东省人民政府办公厅", "2021年3月5日"]
