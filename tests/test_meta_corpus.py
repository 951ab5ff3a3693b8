"""The metadata a careful reader gives each corpus notice (tests/data/corpus, copies of ../shared/corpus).

Each expectation was written from reading the notice, not from the parser's output; the
reason for the less obvious values is noted beside them.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from ipplan.parse import parse

DATA = Path(__file__).parent / "data"


def corpus_path(name: str) -> Path:
    return DATA / "corpus" / name

EXPECTED = {
    # pkulaw export: citation code, 原文链接 and the title twice are furniture; the number in brackets is the notice's;
    # the notice carries two documents, the first is the title; the second's (2021-2023年) is the period it states
    "anhui_industrial_internet_2021.txt": dict(
        title="支持工业互联网发展若干政策",
        notice_title="安徽省人民政府办公厅关于印发支持工业互联网发展若干政策和安徽省工业互联网创新发展行动计划(2021-2023年)的通知",
        issuer="安徽省人民政府办公厅", doc_number="皖政办秘〔2021〕82号", issued="2021-09-02", region="安徽省",
        period=[2021, 2023]),
    # no stated period: from the issue year to 到2024年, the goal's year
    "anhui_rcep_opening_2022.txt": dict(
        title="安徽省关于加快对接《区域全面经济伙伴关系协定》(RCEP)经贸新规则扎实推进高水平开放实施意见",
        notice_title="安徽省推进“三地一区”建设领导小组改革开放新高地执行小组办公室关于印发安徽省关于加快对接区域全面经济伙伴关系"
                     "协定(RCEP)经贸新规则扎实推进高水平开放实施意见的通知",
        issuer="安徽省推进“三地一区”建设领导小组改革开放新高地执行小组办公室", doc_number="皖开放办〔2022〕6号",
        issued="2022-03-23", region="安徽省", period=[2022, 2024]),
    # the 2022 evaluation rules: the title's one year is the period
    "baotou_digital_gov_eval_2022.txt": dict(
        title="包头市2022年数字政府建设考评办法",
        notice_title="包头市人民政府办公室关于印发《包头市2022年数字政府建设考评办法》的通知",
        issuer="包头市人民政府办公室", doc_number="包府办发〔2022〕43号", issued="2022-04-14", region="包头市",
        period=[2022, 2022]),
    # a regulation: adopted by the standing committee on 2022-03-29; it states no period and sets no target year
    "guangdong_ip_protection_regulation_2022.md": dict(
        title="广东省知识产权保护条例", notice_title=None, issuer="广东省人民代表大会常务委员会", doc_number=None,
        issued="2022-03-29", region="广东省", period=None),
    # measures without notice, issuer or date; 科创济南 in the title names the city; 到2025年 is the last goal year
    "jinan_kechuang_measures_2021.txt": dict(
        title="关于加快“科创济南”建设全面提升科技创新能力的若干政策措施", notice_title=None, issuer=None,
        doc_number=None, issued=None, region="济南市", period=[None, 2025]),
    # YAML front matter is furniture; the notice's own heading says 闵行区人民政府 (the front matter's 上海市… is
    # only a fallback); 闵行区城市更新 must not give the region 城市
    "minhang_urban_renewal_15th_2026.md": dict(
        title="闵行区城市更新“十五五”规划",
        notice_title="闵行区人民政府关于印发《闵行区城市更新“十五五”规划》的通知",
        issuer="闵行区人民政府", doc_number="闵府发〔2026〕26号", issued="2026-07-28", region="闵行区",
        period=[2026, 2030]),
    # the plan text alone: 结合我市实际 … 对青岛工作 names the city; no issue year, goals 到2026年
    "qingdao_ai_industry_action_2024.txt": dict(
        title=None, notice_title=None, issuer=None, doc_number=None, issued=None, region="青岛市",
        period=[None, 2026]),
    "shandong_ai_scitech_action_2025.txt": dict(
        title=None, notice_title=None, issuer=None, doc_number=None, issued=None, region="山东省",
        period=[None, 2027]),
    "shandong_mfg_innovation_action_2023.txt": dict(
        title=None, notice_title=None, issuer=None, doc_number=None, issued=None, region="山东省",
        period=[None, 2025]),
    # one chapter of a report: 本市 and 臺北 name the city (output simplified); no title, signature or date
    "taipei_culture_policy_report_2015_hant.txt": dict(
        title=None, notice_title=None, issuer=None, doc_number=None, issued=None, region="台北市", period=None),
    # the mayor's report: 市長 鄭文燦 speaks for 桃園市政府 (the name the report itself ends with); 104.4.17 is 民国
    # 104 = 2015; a report is for the year it is given
    "taoyuan_mayor_policy_report_2015_hant.txt": dict(
        title="桃园市市长施政报告", notice_title=None, issuer="桃园市政府", doc_number=None, issued="2015-04-17",
        region="桃园市", period=[2015, 2015]),
}


@pytest.fixture(scope="module")
def corpus_meta() -> dict[str, dict]:
    return {name: parse(corpus_path(name)).model_dump(mode="json")["meta"] for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_notice_metadata(corpus_meta, name):
    have = corpus_meta[name]
    want = EXPECTED[name]
    assert {k: have[k] for k in want} == want


@pytest.mark.parametrize("name", ["anhui_industrial_internet_2021.txt", "minhang_urban_renewal_15th_2026.md"])
def test_furniture_is_kept_as_preamble_with_a_reason(name):
    doc = parse(corpus_path(name))
    furniture = [b for b in doc.preamble if b.reason and b.reason.startswith("source furniture")]
    assert furniture, "the header lines are kept, not dropped"
    texts = "\n".join(b.text for b in furniture)
    assert "法宝引证码" in texts or "官方链接" in texts
    assert not any(b.reason and b.reason.startswith("source furniture") for b in doc.artefacts)
