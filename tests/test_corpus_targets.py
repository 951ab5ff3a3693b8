"""Whole corpus notices kept in tests/data/corpus: a few targets and results a careful reader gives, pinned.

The other corpus notices are pinned by excerpts in test_target_forms.py and test_goals_results.py.
"""
from __future__ import annotations


def rows(items) -> set[tuple]:
    return {(t.name, str(t.value) if t.op != "range" else f"{t.low}-{t.high}", t.unit, t.op, t.year) for t in items}


def test_jinan_targets(corpus_doc):
    doc = corpus_doc("jinan_kechuang_measures_2021.txt")
    got = rows(doc.targets)
    assert {("重大科技基础设施", "2-3", "个", "range", 2025), ("新培育技术经纪人", "1000", "人", "=", 2025),
            ("海外企业研发机构", "50", "家", "=", 2025)} <= got
    assert doc.results == []  # measures to take: nothing is reported as reached


def test_qingdao_targets(corpus_doc):
    doc = corpus_doc("qingdao_ai_industry_action_2024.txt")
    got = rows(doc.targets)
    assert {("算力总规模", "12", "EFLOPS", "=", 2026), ("存储总量", "10", "EB", "=", 2026),
            ("先进存储容量占比", "30", "%", ">=", 2026), ("揭榜国家人工智能创新任务", "15", "项", ">=", 2026)} <= got
    assert doc.results == []


def test_taipei_review_is_results_only(corpus_doc):
    doc = corpus_doc("taipei_culture_policy_report_2015_hant.txt")
    assert doc.targets == []  # 一、103年度下半年重要施政成果 reports; 三、未来施政重点 names no number
    got = {(r.name, str(r.value), r.unit, r.year) for r in doc.results}
    assert {("参观人数", "166511", "人", 2014), ("入园参观人次", "4852877", "人", 2014),
            ("古迹", "155", "处", 2014), ("历史建筑", "195", "处", 2014)} <= got
    assert any(r.unit == "新台币" and str(r.value) == "4000000000" for r in doc.results)  # 票房卖座超过40亿元
    assert all(r.line > 0 and r.raw for r in doc.results)


def test_taoyuan_goals_and_results(corpus_doc):
    doc = corpus_doc("taoyuan_mayor_policy_report_2015_hant.txt")
    got = rows(doc.targets)
    plan_end = doc.meta.period[1] if doc.meta.period else None  # no year of its own: the report's year
    assert ("增设公办托婴中心", "50", "所", "=", plan_end) in got
    assert ("道路坑洞4小时修复率", "95", "%", "=", 2018) in got  # 预计107年度达95%
    assert ("逐年增列预算员额至107年", "1569", "人", "=", 2018) in got or any(
        t.value == 1569 and t.year == 2018 for t in doc.targets)
    achieved = {(r.name, str(r.value), r.unit, r.year) for r in doc.results}
    assert ("103年每千名少年之少年犯罪人数仅", "4.65", "人", 2014) in achieved or any(
        str(r.value) == "4.65" and r.year == 2014 for r in doc.results)
    assert any(str(r.value) == "27726" and r.year == 2014 for r in doc.results)  # 累计接管户数, 103年底
    assert not any(str(t.value) in ("4.65", "27726", "35000") for t in doc.targets)  # 每胎3万5,000元 is support
    assert all(t.unit != "元" for t in doc.targets + doc.results)  # 新台币
