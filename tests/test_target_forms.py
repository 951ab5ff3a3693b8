"""Target forms read since issue 6: several targets in one statement, number-first goals, bounds, units as
written, magnitude classes, Chinese-numeral counts, committed sums, and what is no target.

Each form has a short real excerpt (from the corpus notices) and variants of my own.
"""
from __future__ import annotations

import pytest

from ipplan.parse import parse_text
from ipplan.parse.targets import targets_in_text


def read(text: str) -> list[tuple[str, str, str, str]]:
    return [(f.name, f.op, str(f.value) if f.op != "range" else f"{f.low}-{f.high}", f.unit)
            for f in targets_in_text(text)]


# ------------------------------------------------------------------ one statement, several targets

@pytest.mark.parametrize("text, want", [
    ("到2024年,全省与其他RCEP国家货物贸易、对外投资和实际利用外资分别占比达30%、20%和10%。",  # anhui_rcep
     [("其他RCEP国家货物贸易占比", "=", "30", "%"), ("对外投资占比", "=", "20", "%"),
      ("实际利用外资占比", "=", "10", "%")]),
    ("制修订国家标准、行业标准、地方标准各100项以上。",
     [("制修订国家标准", ">=", "100", "项"), ("制修订行业标准", ">=", "100", "项"),
      ("制修订地方标准", ">=", "100", "项")]),
    ("全省专利申请量、商标注册量均增长10%。",
     [("专利申请量增长", "=", "10", "%"), ("商标注册量增长", "=", "10", "%")]),
    ("新增国家级、省级专精特新企业各50家。",
     [("新增国家级专精特新企业", "=", "50", "家"), ("新增省级专精特新企业", "=", "50", "家")]),
    ("到2025年,营业收入亿元企业达330家、10亿元企业达25家。",
     [("营业收入亿元企业", "=", "330", "家"), ("10亿元企业", "=", "25", "家")]),
    ("到2026年,年营收5亿元企业达到80家、50亿元企业达到12家。",  # variant: another province, other numbers
     [("年营收5亿元企业", "=", "80", "家"), ("50亿元企业", "=", "12", "家")]),
])
def test_one_statement_several_targets(text, want):
    assert read(text) == want


def test_a_list_of_thresholds_before_one_noun_is_still_one_target():
    assert read("1亿元、5亿元、10亿元以上企业分别达到100家。") == [
        ("1亿元、5亿元、10亿元以上企业", "=", "100", "家")]


# ------------------------------------------------------------------ number-first goals

@pytest.mark.parametrize("text, want", [
    ("改造22个老旧小区。", ("改造老旧小区", "=", "22", "个")),
    ("年内完成加装电梯14台。", ("完成加装电梯", "=", "14", "台")),
    ("新开工改造城镇老旧小区1200个。", ("新开工改造城镇老旧小区", "=", "1200", "个")),
    ("新建800个智能工厂、数字化车间。", ("新建智能工厂、数字化车间", "=", "800", "个")),  # anhui_ii
    ("新建保障性租赁住房5000套(间)。", ("新建保障性租赁住房", "=", "5000", "套(间)")),
])
def test_number_first_goals(text, want):
    assert want in read(text)


def test_adverbs_alone_make_no_goal():
    assert read("加快三张数据目录清单认领和填报。") == []  # baotou: 加快 says how, not how many
    assert read("围绕11条产业链开展招商。") == []


# ------------------------------------------------------------------ bounds

@pytest.mark.parametrize("text, want", [
    ("城镇调查失业率控制在5.5%以内。", ("城镇调查失业率", "<=", "5.5", "%")),
    ("PM2.5年均浓度不高于29微克/立方米。", ("PM2.5年均浓度", "<=", "29", "微克/立方米")),
    ("单位GDP能耗不超过0.45吨标准煤。", ("单位GDP能耗", "<=", "0.45", "吨标准煤")),
    ("人工智能核心产业产值规模突破1000亿元。", ("人工智能核心产业产值规模", ">", "100000000000", "元")),
    ("应急避难人均避难面积大于1.7平方米。", ("应急避难人均避难面积", ">", "1.7", "平方米")),  # minhang
    ("新模式应用普及率超过30%。", ("新模式应用普及率", ">", "30", "%")),  # anhui_ii
])
def test_bounds(text, want):
    assert want in read(text)


# ------------------------------------------------------------------ units as written

@pytest.mark.parametrize("text, want", [
    ("研发投入强度提高0.2个百分点。", ("研发投入强度提高", "=", "0.2", "百分点")),
    ("研发投入强度提高0.2百分点。", ("研发投入强度提高", "=", "0.2", "百分点")),  # not 0.2 x 百 分
    ("粮食产量稳定在1100亿斤以上。", ("粮食产量", ">=", "110000000000", "斤")),
    ("新增装机容量200万千瓦。", ("新增装机容量", "=", "2000000", "千瓦")),
    ("至2030年,力争路网密度达4.15公里/平方公里。", ("路网密度", "=", "4.15", "公里/平方公里")),  # minhang
    ("全省算力规模达到14EFlops。", ("全省算力规模", "=", "14", "EFLOPS")),  # shandong_ai, as written in caps
    ("存储总量达到10EB。", ("存储总量", "=", "10", "EB")),  # qingdao
    ("产业基地内产业用地占比保持70%左右。", ("产业基地内产业用地占比", "=", "70", "%")),  # minhang: 保持 is an op
])
def test_units(text, want):
    got = read(text)
    assert want in got or (want[0].removeprefix("全省"), *want[1:]) in got


# ------------------------------------------------------------------ magnitude classes and Chinese numerals

def test_magnitude_classes_are_part_of_the_name():
    assert read("打造3个万亿级产业集群。") == [("万亿级产业集群", "=", "3", "个")]
    assert read("力争到2025年培育千亿级企业2家。") == [("培育千亿级企业", "=", "2", "家")]


def test_chinese_numeral_counts():
    assert read("建成数据中心并投运一个。")[0][1:] == ("=", "1", "个")
    assert read("打造两条发展轴线。") == [("发展轴线", "=", "2", "条")]  # minhang
    assert read("形成一支队伍。") == []  # an article
    assert read("开展二次供水设施改造接管工作。") == []  # 二次 is secondary; two of a thing is 两


# ------------------------------------------------------------------ sums the plan commits to, support it gives

@pytest.mark.parametrize("text, want", [
    ("设立总规模不少于100亿元的专项基金。", [("专项基金总规模", ">=", "10000000000", "元")]),
    ("设立50亿元产业引导基金。", [("产业引导基金规模", "=", "5000000000", "元")]),
    ("对认定的企业给予最高500万元奖励。", []),
    ("省级按该款产品首轮流片合同或掩膜版制作合同金额的30%,给予一次性奖补,单个企业最高300万元。", []),  # anhui_ii
    ("对年营业收入1000万元以上的企业给予支持。", []),
])
def test_committed_sums_and_support(text, want):
    assert read(text) == want


# ------------------------------------------------------------------ not targets

@pytest.mark.parametrize("text", [
    "2024年3月1日起施行。",
    "第8期培训班于5月举办。",
    "闵府发〔2026〕26号",
    "《闵行区城市更新“十五五”规划(2026—2030年)》",
    "(3分)",
    "实现全覆盖,居于全国前列。",
])
def test_not_targets(text):
    assert read(text) == []


# ------------------------------------------------------------------ a few corpus excerpts through the whole parse

def test_shandong_ai_excerpt():
    doc = parse_text("力争到2027年,在基础理论、关键核心技术等方面取得10项以上原创性重大科技成果;全省算力规模达到14EFlops"
                     "(每秒百亿亿次浮点运算),智能算力占比达到40%;新引育90名国家级、150名省级科技人才。")
    got = {(t.name, t.op, str(t.value), t.unit, t.year) for t in doc.targets}
    assert ("取得原创性重大科技成果", ">=", "10", "项", 2027) in got
    assert ("智能算力占比", "=", "40", "%", 2027) in got
    assert ("新引育省级科技人才", "=", "150", "名", 2027) in got
    assert doc.results == []


def test_baotou_excerpt_counts_and_cumulative_goal():
    doc = parse_text("59.新增5G基站1000座,累计建设5G基站4600个。(持续推进,牵头考核单位:市工信局)")
    got = {(t.name, str(t.value), t.unit) for t in doc.targets}
    assert got == {("新增5G基站", "1000", "座"), ("累计建设5G基站", "4600", "个")}


def test_jinan_excerpt():
    doc = parse_text("到2025年,在海外建设海外科技企业孵化器8家、海外企业研发机构50家。")
    got = {(t.name, str(t.value), t.unit) for t in doc.targets}
    assert {("海外企业研发机构", "50", "家")} <= got and any(t.value == 8 for t in doc.targets)


def test_qingdao_excerpt():
    doc = parse_text("——技术体系。推动算力基础设施高质量发展,算力总规模达到12EFLOPS。存储总量达到10EB,先进存储容量占比"
                     "达到30%以上,重点行业核心数据、重要数据灾备覆盖率达到100%。")
    got = {(t.name, t.op, str(t.value), t.unit) for t in doc.targets}
    assert {("算力总规模", "=", "12", "EFLOPS"), ("存储总量", "=", "10", "EB"),
            ("先进存储容量占比", ">=", "30", "%")} <= got


def test_shandong_mfg_excerpt_new_firms_per_revenue_class():
    doc = parse_text("培育新跨越企业,新培育年销售(营业)收入首次突破100亿元的企业15家、首次突破500亿元的企业5家、"
                     "首次突破1000亿元的企业3家左右。")
    values = sorted(int(t.value) for t in doc.targets)
    assert values == [3, 5, 15] and all(t.unit == "家" for t in doc.targets)


# ------------------------------------------------------------------ more that is no goal (Taoyuan excerpts and variants)

@pytest.mark.parametrize("text", [
    "双胞胎每胎 3 万 5,000 元。",  # taoyuan (after t2s): paid per child
    "男性补助7,500人,每案600元。",
    "3岁以下每月3千元。",
    "每户补贴2000元。",  # variant
])
def test_money_per_recipient_is_no_goal(text):
    assert not any(f.unit in ("元", "新台币") for f in targets_in_text(text))


def test_a_share_that_describes_is_a_result_not_a_goal():
    from ipplan.parse.targets import quantities_in_text

    found = quantities_in_text("河川流域污染源以生活污水约占60%,工业废水约占40%。")
    assert found and all(f.result for f in found)
    assert read("到2025年,数字经济核心产业增加值占GDP比重达到10%。")[0][1:] == ("=", "10", "%")


def test_a_list_run_into_one_line_names_nothing():
    text = ("30M雲梯消防車公尺以上(含救生氣墊及附屬裝備器材)1輛2、空壓車(含附屬裝備器材)1輛3、水庫消防車(含附屬裝備器材)"
            "5輛4、水箱消防車(含附屬裝備器材)6輛5、消防水帶500條")
    assert all(len(name) <= 50 for name, *_ in read(text))


@pytest.mark.parametrize("text", [
    "指导企业用好中日关税减让承诺,针对首年关税为零的2034种、5年内关税减让显著的2725种出口商品,加大市场开拓力度。",  # rcep
    "积极对接审计署、审计厅,推进信息化综合改造三期工程。",  # baotou: a phase, not three
    "突出重点、梯次培育,构建建设一批、培育一批、储备一批工作格局。",  # shandong_mfg: a batch
])
def test_qualifiers_phases_and_batches_are_no_goals(text):
    assert read(text) == []


@pytest.mark.parametrize("text, want", [
    ("汰换各式警用汽车32辆及警用机车181辆。", [("汰换各式警用汽车", "=", "32", "辆"), ("警用机车", "=", "181", "辆")]),  # taoyuan
    ("增设小汽车格4,525个、机车格398个及自行车格332个。",
     [("增设小汽车格", "=", "4525", "个"), ("机车格", "=", "398", "个"), ("自行车格", "=", "332", "个")]),
    ("新建充电桩1200个和换电站35座。", [("新建充电桩", "=", "1200", "个"), ("换电站", "=", "35", "座")]),  # variant
])
def test_name_number_pairs_joined_by_and(text, want):
    assert read(text) == want


def test_a_starting_value_in_a_minguo_year_and_a_bare_change():
    got = targets_in_text("使本市公共运输使用率由104年12.7%,再提升10%至20%。")  # taoyuan
    assert [(f.name, f.op, str(f.low), str(f.high)) for f in got] == [("本市公共运输使用率提升", "range", "10", "20")]
    assert read("全市GDP达到1万亿元,再增长6%。")[1] == ("GDP增长", "=", "6", "%")  # variant


def test_a_verb_runs_on_past_a_comma_to_numbers_that_open_their_clause():
    text = ("培育3家在国内具有较强影响力的跨行业、跨领域综合型工业互联网平台,20家行业型、专业型、区域型工业互联网平台,"
            "100家具有行业示范效应的企业级工业互联网平台。")  # anhui_ii
    assert [(v, u) for _, _, v, u in read(text)] == [("3", "家"), ("20", "家"), ("100", "家")]
    assert read("建成3个产业园,5个孵化器。") == [("产业园", "=", "3", "个"), ("孵化器", "=", "5", "个")]  # variant
    assert read("围绕11条产业链,5个集群开展招商。") == []  # no verb to run on


def test_a_year_opening_a_clause_sets_the_goal_year():
    got = targets_in_text("2026年全面启动8个整体改造项目动迁。", 2030)  # minhang
    assert [(f.name, f.year) for f in got] == [("启动整体改造项目动迁", 2026)]
    assert [f.year for f in targets_in_text("2020年以来,新增企业300家。", 2030)] == [2030]  # since 2020: no goal year
    assert [f.year for f in targets_in_text("到2025年,专利达到100件,2023年新增企业20家。")] == [2025, 2023]


def test_a_change_of_what_the_clause_before_builds():
    text = "104年度将持续增设公办托婴中心,并由现有的2所(龟山及中坜托婴中心)提升至12所。"  # taoyuan (after t2s)
    assert read(text) == [("公办托婴中心", "=", "12", "所")]
    assert read("新建社区养老服务站,并由现有的10个增加到30个。") == [("社区养老服务站", "=", "30", "个")]  # variant


def test_thousands_commas_bound_no_clause_and_project_attributes_are_no_goals():
    assert read("增设小汽车格 4,525 个、机车格 2,398 个及 自行车格 332 个,目前已完成现勘规划。") == [
        ("增设小汽车格", "=", "4525", "个"), ("机车格", "=", "2398", "个"), ("自行车格", "=", "332", "个")]  # taoyuan
    assert read("机场捷运线全长约53.1公里,计划经费约1,376亿元。") == []  # what a project is
    assert read("到2025年,新建绿道全长120公里。")[0][2:] == ("120", "公里")  # a goal verb: a goal
    assert [n for n, *_ in read("于新屋区、芦竹区各成立1家。")] == ["新屋区成立", "芦竹区成立"]
