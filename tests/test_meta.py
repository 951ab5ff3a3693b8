"""Notice metadata: the gold's fields per seed, and each rule on a notice written for the test."""
from __future__ import annotations

import datetime as dt

import pytest

import goldscore
from conftest import SEEDS, SEEDS_DIR
from ipplan.parse import parse_text
from ipplan.parse.normalise import normalise_text

FIELDS = ["title", "notice_title", "issuer", "doc_number", "issued", "region", "period"]


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("name", SEEDS)
def test_seed_meta_field_matches_gold(seed_doc, name, field):
    gold = goldscore.load_gold(name)["meta"]
    assert field in gold
    have = seed_doc(name).model_dump(mode="json")["meta"][field]
    if field == "period":
        assert have == gold[field]
    else:
        assert goldscore.norm(have) == goldscore.norm(gold[field]), f"{field}: want {gold[field]!r} got {have!r}"


@pytest.mark.parametrize("name", SEEDS)
def test_seed_meta_lines_point_at_the_field(seed_doc, name):
    meta = seed_doc(name).meta
    lines = normalise_text((SEEDS_DIR / name).read_text(encoding="utf-8")).split("\n")
    assert {"title", "issuer", "issued"} <= set(meta.lines)
    for key, number in meta.lines.items():
        line = goldscore.norm(lines[number - 1])
        if key == "issued":
            assert line.startswith(f"{meta.issued.year}年{meta.issued.month}月{meta.issued.day}日"), (key, line)
        elif key == "period":
            assert all(str(year) in line for year in meta.period), (key, meta.period, line)
        else:
            value = goldscore.norm(getattr(meta, key))
            # a value read from one line, or a title joined from this line and the next
            assert value in line or (value.startswith(line) and len(line) >= 8), (key, value, line)


@pytest.mark.parametrize("name, region, parent", [
    ("000_16a45e86425a59f0.txt", "徐汇区", "上海市"),
    ("001_b166df9dff158bba.txt", "浦东新区", "上海市"),
    ("002_16ba785a0e610339.txt", "普陀区", "上海市"),
    ("003_00c5e9fe007d877b.txt", "上海市", None),
    ("004_3ee95635a5469f0b.txt", "湖州市", None),
])
def test_seed_region_chain(seed_doc, name, region, parent):
    # the issuer names the chain: 上海市徐汇区人民政府, 上海市浦东新区知识产权局, 湖州市人民政府办公室
    meta = seed_doc(name).meta
    assert (meta.region, meta.parent_region) == (region, parent)
    assert meta.issuer.startswith((parent or "") + region)


def test_seed_header_fields(seed_doc):
    meta = seed_doc("001_b166df9dff158bba.txt").meta
    assert meta.header == {"索引号": "SY-310115-2023-03290", "文件编号": "沪浦知局〔2023〕18号", "发布机构": "知识产权局",
                           "公开类别": "主动公开", "发布时间": "2023-04-12"}
    assert meta.doc_number == "沪浦知局〔2023〕18号"
    assert meta.issuer == "上海市浦东新区知识产权局"     # the signature, not 发布机构


# ---- synthetic notices ---------------------------------------------------------------------

NOTICE = """上海市徐汇区人民政府关于印发《徐汇区知识产权工作方案(2024年—2026年)》的通知
徐府发〔2024〕5号
各街道、镇，区政府各委、办、局：
现将《徐汇区知识产权工作方案(2024年—2026年)》印发给你们，请认真按照执行。
上海市徐汇区人民政府
2024年2月29日
徐汇区知识产权工作方案(2024年—2026年)
一、总体要求
按照《国家知识产权局关于确定试点城市的通知》(国知发运字〔2022〕33号)要求，制定本方案。
二、主要任务
推进工作。
"""


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


def test_covering_notice_fields():
    meta = parse_text(NOTICE).meta
    assert meta.title == "徐汇区知识产权工作方案(2024年—2026年)"
    assert meta.notice_title == NOTICE.split("\n")[0]
    assert meta.issuer == "上海市徐汇区人民政府"
    assert meta.doc_number == "徐府发〔2024〕5号"
    assert meta.issued == dt.date(2024, 2, 29)
    assert (meta.region, meta.parent_region) == ("徐汇区", "上海市")
    assert meta.period == [2024, 2026] and meta.period_source == "stated"
    assert meta.recipients == "各街道、镇,区政府各委、办、局"
    assert meta.lines["doc_number"] == line_of(NOTICE, "徐府发")
    assert meta.lines["issued"] == line_of(NOTICE, "2024年2月29日")


def test_covering_notice_lines():
    meta = parse_text(NOTICE).meta
    lines = NOTICE.split("\n")
    assert lines[meta.lines["issuer"] - 1] == "上海市徐汇区人民政府"
    assert lines[meta.lines["title"] - 1] == "徐汇区知识产权工作方案(2024年—2026年)"
    assert lines[meta.lines["notice_title"] - 1].endswith("的通知")


def test_cited_document_number_is_not_the_notices():
    text = NOTICE.replace("徐府发〔2024〕5号\n", "")
    meta = parse_text(text).meta
    assert meta.doc_number is None          # 国知发运字〔2022〕33号 is cited in a sentence
    assert "doc_number" not in meta.lines


def test_document_number_cited_in_the_covering_letter_is_not_taken():
    text = ("各区县人民政府：\n根据《关于确定试点城市的通知》（国知发运字〔2022〕33号），现将《某市知识产权工作方案》印发给你们。\n"
            "某市人民政府办公室\n2022年9月30日\n某市知识产权工作方案\n一、总体要求\n坚持创新。\n")
    assert parse_text(text).meta.doc_number is None


@pytest.mark.parametrize("date_line, want", [
    ("2024年2月29日", dt.date(2024, 2, 29)),
    ("二〇二二年九月三十日", dt.date(2022, 9, 30)),
    ("二〇二三年十二月一日", dt.date(2023, 12, 1)),
    ("2023年4月12日印发", dt.date(2023, 4, 12)),
    ("2024 年 11 月 7 日", dt.date(2024, 11, 7)),
    ("２０２４年３月１日", dt.date(2024, 3, 1)),
    ("2023年2月29日", None),               # no such day
    ("2023年2月30日", None),
])
def test_issue_date(date_line, want):
    text = (f"关于印发《某区知识产权工作方案》的通知\n各街道、镇：\n现将《某区知识产权工作方案》印发给你们。\n"
            f"某区人民政府\n{date_line}\n某区知识产权工作方案\n一、总体要求\n坚持创新。\n")
    meta = parse_text(text).meta
    assert meta.issued == want
    if want is not None:
        assert meta.lines["issued"] == 5
        assert meta.issuer == "某区人民政府"


HEADER = """关于印发《浦东新区知识产权局2023年工作要点》的通知
索引号 | SY-310115-2023-03290 |
文件编号 | 沪浦知局〔2023〕18号 |
发布机构 | 知识产权局 |
公开类别 | 主动公开 |
发布时间 | 2023-04-12 |
局机关各处室、知识产权保护中心：
《浦东新区知识产权局2023年工作要点》已经局党组会研究同意，现印发给你们，请认真贯彻执行。
浦东新区知识产权局2023年工作要点
一、主要目标
到2023年底，取得明显成效。
"""


def test_header_fields_give_number_and_date():
    meta = parse_text(HEADER).meta
    assert meta.header["索引号"] == "SY-310115-2023-03290"
    assert meta.header["公开类别"] == "主动公开"
    assert meta.doc_number == "沪浦知局〔2023〕18号"
    assert meta.issued == dt.date(2023, 4, 12)    # from 发布时间: the notice has no date line
    assert meta.period == [2023, 2023]
    assert meta.title == "浦东新区知识产权局2023年工作要点"


def test_header_lines_are_not_text_of_the_plan():
    doc = parse_text(HEADER)
    assert doc.outline[0].title == "主要目标"
    assert not any("索引号" in b.text for b in doc.preamble)


@pytest.mark.parametrize("title, period", [
    ("某区知识产权工作方案(2024年—2026年)", [2024, 2026]),
    ("某市推进知识产权强市建设工作方案(2022—2025年)", [2022, 2025]),
    ("某区知识产权行动方案(2024-2025)", [2024, 2025]),
    ("某区知识产权行动方案（2024－2025年）", [2024, 2025]),
    ("某区知识产权局2023年工作要点", [2023, 2023]),
    ("某区2024年度工作计划", [2024, 2024]),
])
def test_stated_period(title, period):
    meta = parse_text(f"{title}\n一、总体要求\n坚持创新。\n二、主要任务\n到2030年，取得成效。\n").meta
    assert meta.period == period
    assert meta.period_source == "stated"


@pytest.mark.parametrize("title", ["2024年徐汇区知识产权工作要点", "徐汇区2024年知识产权工作要点",
                                   "某区2024年度知识产权工作计划"])
def test_one_year_period_with_words_between_year_and_plan(title):
    meta = parse_text(f"{title}\n一、总体要求\n坚持创新。\n").meta
    assert meta.title == title
    assert meta.period == [2024, 2024]


def test_period_inferred_from_issue_year_to_last_target_year():
    text = ("某区知识产权局\n2023年4月12日\n某区知识产权工作意见\n一、总体要求\n到2025年，发明专利达到100件。\n"
            "二、主要任务\n到2027年，发明专利达到200件。\n")
    meta = parse_text(text).meta
    assert meta.period == [2023, 2027]
    assert meta.period_source == "inferred"


def test_no_period_without_a_statement_or_a_date():
    meta = parse_text("某区知识产权工作意见\n一、总体要求\n坚持创新。\n").meta
    assert meta.period is None and meta.period_source is None


@pytest.mark.parametrize("issuer, region, parent", [
    ("上海市徐汇区人民政府", "徐汇区", "上海市"),
    ("上海市浦东新区知识产权局", "浦东新区", "上海市"),
    ("湖州市人民政府办公室", "湖州市", None),
    ("浙江省湖州市人民政府", "湖州市", "浙江省"),
    ("山东省科学技术厅", "山东省", None),
])
def test_region_chain_from_the_issuer(issuer, region, parent):
    text = (f"各有关单位：\n现将《知识产权工作方案》印发给你们。\n{issuer}\n2024年3月1日\n知识产权工作方案\n"
            "一、总体要求\n坚持创新。\n")
    meta = parse_text(text).meta
    assert meta.issuer == issuer
    assert (meta.region, meta.parent_region) == (region, parent)


def test_plan_without_covering_notice():
    meta = parse_text("某区知识产权工作方案(2024—2026年)\n一、总体要求\n坚持创新。\n").meta
    assert meta.title == "某区知识产权工作方案(2024—2026年)"
    assert meta.notice_title is None and meta.issuer is None and meta.issued is None and meta.doc_number is None


def test_title_joined_from_two_lines():
    # seed 004: the plan title is broken over two lines
    text = ("各区县人民政府：\n《湖州市推进国家知识产权强市建设试点城市工作方案(2022—2025年)》已经市政府同意，现印发给你们。\n"
            "湖州市人民政府办公室\n2022年9月30日\n湖州市推进国家知识产权强市建设\n试点城市工作方案(2022—2025年)\n"
            "一、指导思想\n坚持创新。\n")
    meta = parse_text(text).meta
    assert meta.title == "湖州市推进国家知识产权强市建设试点城市工作方案(2022—2025年)"
    assert meta.lines["title"] == 5


def test_notice_with_file_header_attachment_table_and_closing():
    """A district notice shaped unlike the seeds: 文件 header, number, seal note, attachment table, 抄送."""
    from pathlib import Path

    doc = parse_text((Path(__file__).parent / "data" / "notice_with_attachment_table.txt").read_text("utf-8"))
    meta = doc.meta
    assert (meta.doc_number, meta.issued.isoformat(), meta.issuer) == ("某府办发〔2023〕12号", "2023-05-18", "某某区人民政府办公室")
    assert (meta.region, meta.parent_region, meta.period) == ("某某区", "某某市", [2023, 2025])
    assert meta.title == "某某区知识产权强区建设三年行动方案(2023—2025年)"
    assert [p.key for p in doc.parts] == ["附件"]
    assert [t.path for t in doc.tables] == [["附件"]]
    assert doc.closing[0].text.startswith("抄送")
    item1 = doc.outline[1].children[0].children[0]
    assert item1.unit_roles == {"lead": ["区市场监管局"], "co": ["区科技局", "区工信局"]}


def test_plan_signed_at_its_end_takes_issuer_and_date_from_there():
    doc = parse_text("某区市场监督管理局2024年知识产权工作要点\n一、主要任务\n1.加强保护。开展执法。\n2.推进运用。开展质押。\n"
                     "某区市场监督管理局\n2024年3月1日\n")
    assert (doc.meta.issuer, doc.meta.issued.isoformat()) == ("某区市场监督管理局", "2024-03-01")
    assert (doc.meta.lines["issuer"], doc.meta.lines["issued"]) == (5, 6)


def test_notice_of_two_documents_with_a_wrapped_title():
    doc = parse_text("某区人民政府办公室关于印发《某区知识产权保护工作方案》\n和《某区商标品牌培育计划》的通知\n各街道:\n"
                     "现将《某区知识产权保护工作方案》和《某区商标品牌培育计划》印发给你们。\n某区人民政府办公室\n2024年3月1日\n"
                     "某区知识产权保护工作方案\n一、主要任务\n1.加强保护。开展执法。\n"
                     "某区商标品牌培育计划\n一、主要任务\n1.培育品牌。开展活动。\n")
    assert doc.meta.notice_title.endswith("和《某区商标品牌培育计划》的通知")
    assert doc.meta.title == "某区知识产权保护工作方案"
    assert [n.path for n in doc.iter_nodes()][0] == ["某区知识产权保护工作方案", "一"]
    assert [(p.key, p.kind) for p in doc.parts] == [("某区知识产权保护工作方案", "document"), ("某区商标品牌培育计划", "document")]


@pytest.mark.parametrize("title, period", [
    ("某市知识产权事业发展“十四五”规划", [2021, 2025]),
    ("某市“十三五”知识产权保护和运用规划", [2016, 2020]),
    ("某区落实《“十四五”国家知识产权保护和运用规划》实施方案", None),  # a plan that cites the 规划
])
def test_five_year_plan_names_state_their_period(title, period):
    assert parse_text(f"{title}\n一、发展基础\n成效显著。\n").meta.period == period


def test_plan_heading_with_its_period_added_is_the_title():
    doc = parse_text("某区人民政府关于印发《某区知识产权强区建设行动方案》的通知\n各街道:\n现将《某区知识产权强区建设行动方案》印发给你们。\n"
                     "某区人民政府\n2023年5月18日\n某区知识产权强区建设行动方案(2023—2025年)\n为推进工作,制定本方案。\n"
                     "一、总体要求\n坚持创新。\n")
    assert doc.meta.title == "某区知识产权强区建设行动方案(2023—2025年)"
    assert (doc.meta.period, doc.meta.period_source) == ([2023, 2025], "stated")
    assert [b.text for b in doc.preamble] == ["为推进工作,制定本方案。"]


def test_notice_listing_its_attachments_before_the_plan():
    doc = parse_text("某区知识产权局关于印发2023年知识产权工作方案的通知\n各街道：\n现将有关文件印发给你们，请认真贯彻执行。\n"
                     "附件：1.某区2023年知识产权工作方案\n2.某区2023年知识产权重点任务清单\n某区知识产权局\n2023年3月1日\n"
                     "附件1\n某区2023年知识产权工作方案\n一、工作目标\n到2023年底，全区发明专利授权量达到500件。\n"
                     "二、重点任务\n1.加强专利培育。开展工作。（区知识产权局）\n")
    assert doc.meta.title == "某区2023年知识产权工作方案"
    assert (doc.meta.issuer, doc.meta.issued.isoformat(), doc.meta.period) == ("某区知识产权局", "2023-03-01", [2023, 2023])
    assert [n.path for n in doc.iter_nodes()] == [["一"], ["二"], ["二", "1"]]
    assert doc.warnings == []
