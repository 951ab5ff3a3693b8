"""Outline and units of each corpus notice, as a careful reader gives them (FORMAT.md rules).

A few entries per notice, read off the text by hand: the path, the title, the units of its
brackets. They pin the judgements, not the parser's whole output.
"""
from __future__ import annotations

import pytest

RCEP_CO = "省推进“三地一区”建设领导小组改革开放新高地执行小组成员单位"
PLAN = "安徽省工业互联网创新发展行动计划(2021-2023年)"
POLICY = "支持工业互联网发展若干政策"

# (file, path, title or None, units or None)
ENTRIES = [
    # two documents in one notice: every path starts with its document's title
    ("anhui_industrial_internet_2021.txt", [POLICY, "一"], "支持工业互联网平台建设", ["省经济和信息化厅", "省财政厅"]),
    ("anhui_industrial_internet_2021.txt", [POLICY, "八"], "支持工业互联网利用资本市场加快发展", None),
    ("anhui_industrial_internet_2021.txt", [PLAN, "一", "(二)"], "发展目标", []),
    ("anhui_industrial_internet_2021.txt", [PLAN, "二", "(一)", "1"], "推进工业互联网外网建设",
     ["省通信管理局", "省铁塔公司", "各基础电信企业", "各市人民政府"]),
    ("anhui_industrial_internet_2021.txt", [PLAN, "二", "(九)", "24"], "促进区域协同发展", None),
    ("anhui_industrial_internet_2021.txt", [PLAN, "四", "(四)"], "营造良好社会氛围", None),
    # units without a label, items numbered straight through the sections
    ("anhui_rcep_opening_2022.txt", ["二", "(一)", "1"], "扩大优势产品出口", ["合肥海关", "省商务厅", "省农业农村厅"]),
    ("anhui_rcep_opening_2022.txt", ["二", "(六)", "15"], "推动产业链优化升级",
     ["省十大新兴产业推进组工作专班牵头单位", "省十大新兴产业推进组工作专班成员单位"]),
    ("anhui_rcep_opening_2022.txt", ["二", "(七)", "20"], "优化金融信保服务",
     ["人行合肥中心支行", "中国出口信用保险公司安徽分公司"]),
    ("anhui_rcep_opening_2022.txt", ["三", "22"], "加强组织领导", [RCEP_CO]),
    ("anhui_rcep_opening_2022.txt", ["三", "24"], "加强风险应对", ["省商务厅", "省外办", "省贸促会"]),
    # the attachment announced then repeated; weights out of titles; labels after a deadline
    ("baotou_digital_gov_eval_2022.txt", ["三", "(二)"], "实行百分制", []),
    ("baotou_digital_gov_eval_2022.txt", ["附件", "一"], '政务服务"一网通办"', []),
    ("baotou_digital_gov_eval_2022.txt", ["附件", "一", "(一)"], "一体化政务服务平台建设", []),
    ("baotou_digital_gov_eval_2022.txt", ["附件", "一", "(一)", "1"], None, ["市审批服务局"]),
    ("baotou_digital_gov_eval_2022.txt", ["附件", "一", "(四)", "8"], None, ["市住建局", "审批服务局"]),
    ("baotou_digital_gov_eval_2022.txt", ["附件", "二", "(五)", "53"], None, ["市发改委"]),
    ("baotou_digital_gov_eval_2022.txt", ["附件", "七", "(三)", "90"], None, None),
    # a regulation: chapters and articles
    ("guangdong_ip_protection_regulation_2022.md", ["第一章"], "总则", []),
    ("guangdong_ip_protection_regulation_2022.md", ["第一章", "第二条"], "本条例适用于本省行政区域内知识产权保护及相关工作", []),
    ("guangdong_ip_protection_regulation_2022.md", ["第二章", "第十三条", "(八)"], "法律、法规规定的其他措施", []),
    ("guangdong_ip_protection_regulation_2022.md", ["第六章", "第四十九条", "(三)"], "侵犯知识产权构成犯罪的", []),
    ("guangdong_ip_protection_regulation_2022.md", ["第七章", "第五十一条"], "本条例自2022年5月1日起施行", []),
    # sections numbered straight through chapters; lead and responsible units
    ("jinan_kechuang_measures_2021.txt", ["一", "(一)"], "高标准建设齐鲁科学城",
     ["市科技局", "市发展改革委", "市工业和信息化局", "市自然资源和规划局"]),
    ("jinan_kechuang_measures_2021.txt", ["二", "(六)"], "引导全社会加大研发投入", None),
    ("jinan_kechuang_measures_2021.txt", ["七", "(二十九)"], "加强数据资源开放共享", ["市大数据局"]),
    # YAML front matter, a flattened indicator table under 一
    ("minhang_urban_renewal_15th_2026.md", ["一"], "发展目标", []),
    ("minhang_urban_renewal_15th_2026.md", ["二", "(一)", "1"], "加强既有居住建筑改造", []),
    ("minhang_urban_renewal_15th_2026.md", ["三", "(九)"], "网球小镇", []),
    ("minhang_urban_renewal_15th_2026.md", ["四"], "保障措施", []),
    # items restart in each section; lead before the comma
    ("qingdao_ai_industry_action_2024.txt", ["二", "(一)", "1"], "统筹布局智算中心", None),
    ("qingdao_ai_industry_action_2024.txt", ["二", "(六)", "2"], "全面提升特色园区产业承载力",
     ["市工业和信息化局", "有关区、市政府"]),
    ("qingdao_ai_industry_action_2024.txt", ["二", "(七)", "1"], "人工智能+工业制造", ["市工业和信息化局"]),
    ("qingdao_ai_industry_action_2024.txt", ["三", "(四)"], "营造浓厚氛围", None),
    ("shandong_ai_scitech_action_2025.txt", ["二", "(一)", "1"], "强化前沿基础研究和技术预见", ["省科技厅", "省教育厅"]),
    ("shandong_ai_scitech_action_2025.txt", ["二", "(五)", "2"], "塑强人工智能全产业链",
     ["省发展改革委", "省科技厅", "省工业和信息化厅", "省商务厅"]),
    ("shandong_ai_scitech_action_2025.txt", ["三", "(四)"], "强化安全监管", []),
    ("shandong_mfg_innovation_action_2023.txt", ["二", "(五)", "15"], "健全制造业创新中心体系",
     ["省工业和信息化厅", "各市工业和信息化局"]),
    ("shandong_mfg_innovation_action_2023.txt", ["二", "(九)", "28"], "强化知识产权能力建设", None),
    ("shandong_mfg_innovation_action_2023.txt", ["三", "(四)"], "加大宣传推广", []),
    # traditional-script reports: labels split from their titles, items inline, a contents page
    ("taipei_culture_policy_report_2015_hant.txt", ["肆", "一", "(一)", "1", "(1)"], "2014台北爵士音乐节", []),
    ("taipei_culture_policy_report_2015_hant.txt", ["肆", "二", "(一)"], "2014台北文化护照", []),
    ("taipei_culture_policy_report_2015_hant.txt", ["肆", "三", "(十二)", "2"], None, []),
    ("taoyuan_mayor_policy_report_2015_hant.txt", ["贰", "一", "(一)", "1", "(1)"], "航空城捷运线(绿线)", []),
    ("taoyuan_mayor_policy_report_2015_hant.txt", ["贰", "二", "(二)", "1"], "长者活动假牙补助", []),
    ("taoyuan_mayor_policy_report_2015_hant.txt", ["贰", "二", "(三)", "1"], "生育津贴,每胎3万元", []),
    ("taoyuan_mayor_policy_report_2015_hant.txt", ["贰", "九", "(六)", "2"], "举办「桃园农业博览会」", []),
    ("taoyuan_mayor_policy_report_2015_hant.txt", ["参"], "104年度预算编列情形", []),
]


def _by_path(doc) -> dict[tuple[str, ...], object]:
    return {tuple(n.path): n for n in doc.iter_nodes()}


@pytest.mark.parametrize("name, path, title, units", ENTRIES, ids=lambda v: "/".join(v) if isinstance(v, list) else None)
def test_corpus_entry(corpus_doc, name, path, title, units):
    node = _by_path(corpus_doc(name)).get(tuple(path))
    assert node is not None, f"{name}: no entry {'/'.join(path)}"
    if title is not None:
        assert node.title == title
    if units is not None:
        assert [u.name for u in node.units] == units


def test_baotou_is_one_attachment_numbered_1_to_90(corpus_doc):
    doc = corpus_doc("baotou_digital_gov_eval_2022.txt")
    assert [p.key for p in doc.parts] == ["附件"]
    items = [n for n in doc.iter_nodes() if n.kind == "item"]
    assert [int(n.label) for n in items] == list(range(1, 91))
    assert all(n.path[0] == "附件" for n in items)
    assert sum(1 for n in items if n.units) >= 88  # every item names its 牵头考核单位


def test_rcep_items_run_1_to_24_and_name_their_units(corpus_doc):
    doc = corpus_doc("anhui_rcep_opening_2022.txt")
    items = [n for n in doc.iter_nodes() if n.kind == "item"]
    assert [int(n.label) for n in items] == list(range(1, 25))
    assert all(n.units for n in items)
    lead = _by_path(doc)[("二", "(五)", "13")]
    assert lead.unit_roles == {"lead": ["省商务厅"], "co": ["省外办", "省贸促会"]}


def test_anhui_two_documents_no_boxes_as_entries(corpus_doc):
    doc = corpus_doc("anhui_industrial_internet_2021.txt")
    heads = {n.path[0] for n in doc.iter_nodes()}
    assert heads == {POLICY, PLAN}
    assert not any("专栏" in n.title for n in doc.iter_nodes())


def test_regulation_has_51_articles(corpus_doc):
    doc = corpus_doc("guangdong_ip_protection_regulation_2022.md")
    articles = [n for n in doc.iter_nodes() if n.kind == "article"]
    assert len(articles) == 51
    assert [n.path[0] for n in doc.outline] == ["第一章", "第二章", "第三章", "第四章", "第五章", "第六章", "第七章"]
