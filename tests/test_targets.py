import json
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from ipplan.parse.normalise import normalise_text
from ipplan.parse.targets import Found, drop_repeats, governing_year, targets_in_table, targets_in_text

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "gold"
SEEDS = ROOT / "seeds"


def one(text: str, year: int | None = 2025) -> Found:
    found = targets_in_text(text, year)
    assert len(found) == 1, [(f.name, f.value, f.low, f.high, f.unit, f.op) for f in found]
    return found[0]


# ------------------------------------------------------------------ prose forms

@pytest.mark.parametrize("text, name, value, unit, op", [
    ("每万人有效发明专利拥有量达172件,", "每万人有效发明专利拥有量", "172", "件", "="),
    ("专利、商标品牌质押融资总额超过20亿元,", "专利、商标品牌质押融资总额", "2000000000", "元", ">"),
    ("知识产权保险金额年均增幅超20%。", "知识产权保险金额年均增幅", "20", "%", ">"),
    ("到2025年,力争国外专利申请超过800件。", "国外专利申请", "800", "件", ">"),
    ("到2025年,累计实施市级以上项目40项以上。", "累计实施市级以上项目", "40", "项", ">="),
    ("有效发明专利拥有量达到1.8万件,", "有效发明专利拥有量", "18000", "件", "="),
    ("全市每万人高价值发明专利拥有量达到15件以上,", "每万人高价值发明专利拥有量", "15", "件", ">="),
    ("服务业务出口额增至1亿美元,", "服务业务出口额", "100000000", "美元", "="),
    ("研发经费投入强度提高到3%。", "研发经费投入强度", "3", "%", "="),
    ("每年实施不少于50项省级科技创新项目。", "每年实施省级科技创新项目", "50", "项", ">="),
    ("国家级平台至少5家。", "国家级平台", "5", "家", ">="),
    ("新增上市企业不超过3家。", "新增上市企业", "3", "家", "<="),
    ("单位GDP能耗控制在5%以内。", "单位GDP能耗", "5", "%", "<="),
    ("失业率低于5%。", "失业率", "5", "%", "<"),
    ("引进企业约100家。", "引进企业", "100", "家", "="),
    ("培育20家左右具有行业影响力的人工智能细分领域企业。", "培育具有行业影响力的人工智能细分领域企业", "20", "家", "="),
    ("新建商标品牌指导站3个。", "新建商标品牌指导站", "3", "个", "="),
    ("建成省级以上备案知识产权联盟6家,", "省级以上备案知识产权联盟", "6", "家", "="),
    ("全市力争建成2个省级以上专利导航服务基地。", "省级以上专利导航服务基地", "2", "个", "="),
    ("国家知识产权优势示范企业70家以上,", "国家知识产权优势示范企业", "70", "家", ">="),
    ("专利代理师总人数达到580人。", "专利代理师总人数", "580", "人", "="),
    ("企业年购买专利保险100单以上。", "企业年购买专利保险", "100", "单", ">="),
    ("算力总规模达到12EFLOPS。", "算力总规模", "12", "EFLOPS", "="),
    ("每年布局150项以上基础研究项目。", "每年布局基础研究项目", "150", "项", ">="),
    ("累计建立100家重点企业产品专利数据库,", "累计建立重点企业产品专利数据库", "100", "家", "="),
    ("企业数量达到100余家。", "企业数量", "100", "家", ">"),
    ("发明专利审查周期压缩至16个月。", "发明专利审查周期", "16", "个月", "<="),
])
def test_prose_forms(text, name, value, unit, op):
    f = one(text)
    assert (f.name, f.value, f.unit, f.op) == (name, Decimal(value), unit, op)
    assert f.low is None and f.high is None
    phrase = text[f.start:f.end]
    assert re.search(r"\d", phrase) and unit in phrase and name[-1] in phrase  # the phrase read, not the clause


@pytest.mark.parametrize("text, name, low, high, unit", [
    ("新增 3-5 家国家知识产权优势示范企业。", "新增国家知识产权优势示范企业", 3, 5, "家"),
    ("到2025年,创建1—2个知识产权强国建设试点示范园区。", "知识产权强国建设试点示范园区", 1, 2, "个"),
    ("谋划建设2-3个重大科技基础设施,", "重大科技基础设施", 2, 3, "个"),
    ("每年举办1~2场经验交流活动。", "每年举办经验交流活动", 1, 2, "场"),
])
def test_ranges(text, name, low, high, unit):
    f = one(text)
    assert (f.name, f.low, f.high, f.unit, f.op, f.value) == (name, Decimal(low), Decimal(high), unit, "range", None)


@pytest.mark.parametrize("text, name, value, unit", [
    ("到2025年,建成两个国家级平台。", "国家级平台", 2, "个"),
    ("培育十家龙头企业。", "培育龙头企业", 10, "家"),
    ("国家级平台达到二十五家。", "国家级平台", 25, "家"),
    ("专利质押融资登记金额达到二十五亿元。", "专利质押融资登记金额", 2500000000, "元"),
])
def test_chinese_numerals(text, name, value, unit):
    f = one(text)
    assert (f.name, f.value, f.unit) == (name, Decimal(value), unit)


def test_a_list_under_one_verb_keeps_the_verb():
    found = targets_in_text("新增 3-5 家国家知识产权优势示范企业和 5-10 家上海市企事业专利工作试点示范单位。", 2025)
    assert [(f.name, f.low, f.high) for f in found] == [
        ("新增国家知识产权优势示范企业", 3, 5),
        ("新增上海市企事业专利工作试点示范单位", 5, 10),
    ]


def test_entity_qualifiers_are_not_targets_the_count_is():
    text = "培育3家以上专业化、年主营业务收入1000万元以上(或可运营专利数量1000件以上)的知识产权服务机构。"
    f = one(text)
    assert (f.name, f.value, f.unit, f.op) == ("培育专业化知识产权服务机构", 3, "家", ">=")
    f = one("营收超10亿元企业达到50家。")
    assert (f.value, f.unit) == (50, "家")
    f = one("培育年营收1亿元、5亿元、10亿元以上企业各10家。")
    assert (f.value, f.unit, f.name[-2:]) == (10, "家", "企业")


@pytest.mark.parametrize("text", [
    "2024年2月29日",
    "举办第8期企业总裁知识产权高级研修班,推出第3期课程,开展第二批专家库入库遴选。",
    "按照《国家知识产权局关于确定试点城市的通知》(国知发运字〔2022〕33号)要求,普府办〔2024〕26号。",
    "贯彻落实《知识产权强国建设纲要(2021—2035年)》和《专利转化运用专项行动实施方案(2023—2025 年)》。",
    "打造“1+N+X”体系,对接“12345”热线,参与长三角G60科创走廊,以漕宝路650号为核心。",
    "形成三大承载区,市、区、园区三级网络,三省一市合作,组建若干个中心,培育一批企业。",
    "实现各区及重点园区全覆盖,主要指标居于前列。",
    "对新认定的国家级孵化器给予每家最高500万元扶持。",
    "分别给予最高60万元、40万元扶持。",
    "年销售收入首次达到2000万元、5000万元、1亿元的,分别给予最高50万元、100万元、200万元创新扶持。",
    "按研发投入的30%给予补助。",
    "市财政每年安排知识产权专项资金不少于1亿元。",
    "聚焦“4210”产业体系和八大新兴产业链,助力“六个新湖州”建设,实施四大计划。",
    "重点支持获得A级以上评价的专利代理机构。",
    "“十四五”期间实现全覆盖。",
    "形成一支能力出众的人才队伍。",
    "围绕11条标志性产业链,落实研发费用税前100%加计扣除政策。",
    "全市高新技术企业已达到5000家。",
    "用3个月时间完成整改。",
    "实现两三个突破。",
])
def test_not_targets(text):
    assert targets_in_text(text, 2025) == []


# ------------------------------------------------------------------ years

@pytest.mark.parametrize("text, year", [
    ("到2026年,徐汇区国家知识产权强市建设示范城区目标任务如期完成", 2026),
    ("到2023年底,国家知识产权强市建设示范城区", 2023),
    ("“十四五”期末上述各类信息服务网点总数达到35家", 2025),
    ("——到“十四五”末,全市形成", 2025),
    ("1.到2027年,培育5家以上", 2027),
    ("2025年,全市", 2025),
    ("2023年是全面贯彻落实党的二十大精神的开局之年", None),
    ("组织开展2023年知识产权宣传周系列宣传活动", None),
])
def test_governing_year(text, year):
    assert governing_year(text) == year


def test_year_default_opening_and_override():
    text = "专利授权量达到100件。到2027年,培育5家以上专业科技企业孵化器。"
    found = targets_in_text(text, 2025)
    assert [(f.value, f.year) for f in found] == [(100, 2025), (5, 2027)]
    # an opening year governs the whole paragraph, beating the chapter's year
    found = targets_in_text("到2026年,专利授权量达到100件。专利申请量达到200件。", 2030)
    assert [f.year for f in found] == [2026, 2026]
    assert targets_in_text("专利授权量达到100件。", None)[0].year is None


def test_years_per_value_and_inherited_name():
    found = targets_in_text("专利申请量2024年达到20件,2025年达到23件。", 2025)
    assert [(f.name, f.value, f.year) for f in found] == [("专利申请量", 20, 2024), ("专利申请量", 23, 2025)]


@pytest.mark.parametrize("years", ["2024年、2025年", "2024年和2025年", "2024、2025年", "2024年及2025年"])
def test_a_list_of_years_pairs_with_a_list_of_values(years):
    text = f"每万人口高价值发明专利拥有量{years}分别达到20件、23件。"
    found = targets_in_text(text, 2026)
    assert [(f.name, f.value, f.year) for f in found] == [
        ("每万人口高价值发明专利拥有量", 20, 2024), ("每万人口高价值发明专利拥有量", 23, 2025)]
    assert all(text[f.start:f.end].startswith("每万人口") for f in found)  # raw shows the pairing


def test_years_opening_the_clause_pair_too_and_a_single_value_takes_the_last_year():
    found = targets_in_text("到2024年、2025年,专利申请量分别达到20件、23件。", 2026)
    assert [(f.name, f.value, f.year) for f in found] == [("专利申请量", 20, 2024), ("专利申请量", 23, 2025)]
    f = one("专利申请量2024年、2025年均达到20件。", 2026)
    assert (f.name, f.value, f.year) == ("专利申请量", 20, 2025)
    assert governing_year("到2024年、2025年,全市专利申请量分别达到20件、23件。") == 2025
    # past years that set no goal do not govern
    f = one("2022年、2023年连续两年获评先进,专利申请量达到100件。", 2026)
    assert f.year == 2026


def test_a_list_of_values_with_as_many_years():
    found = targets_in_text("知识产权质押融资金额2024年、2025年、2026年分别达到20亿元、30亿元和40亿元。", 2025)
    assert [(f.name, f.value, f.unit, f.year) for f in found] == [
        ("知识产权质押融资金额", 2000000000, "元", 2024),
        ("知识产权质押融资金额", 3000000000, "元", 2025),
        ("知识产权质押融资金额", 4000000000, "元", 2026)]


@pytest.mark.parametrize("text", ["知识产权质押融资金额达到20亿元、30亿元和40亿元。",
                                  "知识产权质押融资金额分别达到20亿元、30亿元和40亿元。",
                                  "知识产权质押融资金额达到20亿元和40亿元。"])
def test_a_list_of_values_without_years_is_one_target_the_last_value(text):
    f = one(text)
    assert (f.name, f.value, f.unit, f.year) == ("知识产权质押融资金额", 4000000000, "元", 2025)
    assert text[f.start:f.end] == text.rstrip("。")  # the whole list is the phrase read


def test_a_list_of_values_after_a_list_of_names_pairs_by_scope():
    found = targets_in_text("花生种植、收获机械化率分别达到65%和55%。", 2025)
    assert [(f.name, f.scope, f.value) for f in found] == [
        ("花生种植、收获机械化率", "花生种植", 65), ("花生种植、收获机械化率", "收获机械化率", 55)]
    # one name with 、 and no 分别 is one indicator
    f = one("专利、商标品牌质押融资总额达到20亿元、30亿元。")
    assert (f.name, f.value, f.scope) == ("专利、商标品牌质押融资总额", 3000000000, None)


@pytest.mark.parametrize("text", ["有效发明专利拥有量从10件提高到15件。",
                                  "有效发明专利拥有量由2023年的10件提高到15件。",
                                  "有效发明专利拥有量由2023年底的10件提高到15件。",
                                  "有效发明专利拥有量从 10 件增加到 15 件。"])
def test_a_starting_value_is_no_target_and_no_part_of_the_name(text):
    f = one(text, 2025)
    assert (f.name, f.value, f.unit, f.op, f.year) == ("有效发明专利拥有量", 15, "件", "=", 2025)


def test_offsets_point_at_the_phrase():
    text = "知识产权保护意识明显提升,知识产权典型案件查办达15件,满意度达到较高水平。"
    f = one(text)
    assert text[f.start:f.end] == "知识产权典型案件查办达15件"


def test_normalised_seed_text_with_spaces():
    text = normalise_text("６．强化…示范创建，新增 ３-５ 家国家知识产权优势示范企业。")
    f = one(text)
    assert (f.low, f.high, f.unit) == (3, 5, "家")


# ------------------------------------------------------------------ tables

HEADER = ["编号", "指标名称", "2024 年", "2025 年"]
ROWS = [
    ["1", "每万人口高价值发明专利拥有量(件)", "20", "23"],
    ["3", "年知识产权质押融资登记金额(亿元)", "2.5", "3"],
    ["4", "知识产权民事一审案件服判息诉率(%)", "97", "97"],
    ["其中:“中华武数”四平台", "新增发明专利申请量(件)", "30", "40"],
    ["", "新增商标申请注册量(件)", "30", "40"],
]


def test_table_one_target_per_row_and_year():
    got = targets_in_table(HEADER, ROWS, "(以上指标均为预期性指标)")
    assert len(got) == 10
    rows = [(i, f.name, f.value, f.unit, f.year, f.scope, f.op) for i, f in got]
    assert rows[0] == (0, "每万人口高价值发明专利拥有量", 20, "件", 2024, None, "=")
    assert rows[1] == (0, "每万人口高价值发明专利拥有量", 23, "件", 2025, None, "=")
    assert rows[2][1:4] == ("年知识产权质押融资登记金额", Decimal("250000000"), "元")
    assert rows[4][2:4] == (97, "%")
    assert rows[6][1] == "新增发明专利申请量" and rows[6][5] == "“中华武数”四平台"
    assert rows[8][1] == "新增商标申请注册量" and rows[8][5] == "“中华武数”四平台"  # empty first cell keeps the scope
    assert {f.kind for _, f in got} == {"预期性"}
    assert all(not name.isdigit() for _, name, *_ in rows)  # the numbering column is not a name


def test_table_scope_ends_at_next_numbered_row():
    got = targets_in_table(HEADER, ROWS[3:] + [["5", "PCT国际专利申请量(件)", "60", "65"]])
    assert [f.scope for _, f in got][-2:] == [None, None]


def test_table_units_from_cells_and_single_year():
    header = ["序号", "目标", "2025年"]
    rows = [["1", "市级知识产权培训基地数量(家)", "15"], ["4", "区级知识产权综合性公共服务机构覆盖率", "100%"]]
    got = targets_in_table(header, rows)
    assert [(i, f.name, f.value, f.unit, f.year) for i, f in got] == [
        (0, "市级知识产权培训基地数量", 15, "家", 2025),
        (1, "区级知识产权综合性公共服务机构覆盖率", 100, "%", 2025),
    ]
    assert all(f.kind is None for _, f in got)


def test_table_unit_column_ops_ranges_and_base_year():
    header = ["指标", "单位", "2020年(基期)", "2025年目标", "属性"]
    rows = [
        ["发明专利授权量", "件", "100", "≥150", "预期性"],
        ["专利密集型产业增加值占比", "%", "10", "12-15", "约束性"],
        ["技术合同成交额", "亿元", "50", "80以上", ""],
    ]
    got = targets_in_table(header, rows, "注:以上指标均为预期性指标")
    assert [(f.name, f.op, f.value, f.low, f.high, f.unit, f.year, f.kind) for _, f in got] == [
        ("发明专利授权量", ">=", 150, None, None, "件", 2025, "预期性"),
        ("专利密集型产业增加值占比", "range", None, 12, 15, "%", 2025, "约束性"),
        ("技术合同成交额", ">=", Decimal("8000000000"), None, None, "元", 2025, "预期性"),
    ]


def test_table_sub_row_in_the_name_column_is_scoped_by_its_parent():
    header = ["指标", "2025年"]
    rows = [["发明专利授权量(件)", "100"], ["其中:高价值发明专利授权量(件)", "50"], ["PCT国际专利申请量(件)", "60"]]
    got = [(f.name, f.scope, f.value) for _, f in targets_in_table(header, rows)]
    assert got == [("发明专利授权量", None, 100), ("高价值发明专利授权量", "发明专利授权量", 50),
                   ("PCT国际专利申请量", None, 60)]


def test_table_note_marks_binding_rows():
    header = ["序号", "指标", "2025年"]
    rows = [["1", "每万人口高价值发明专利拥有量(件)*", "15"], ["2", "商标有效注册量(万件)", "12"]]
    got = [(f.name, f.kind, f.value) for _, f in targets_in_table(header, rows, "注:带*为约束性指标,其余为预期性指标")]
    assert got == [("每万人口高价值发明专利拥有量", "约束性", 15), ("商标有效注册量", "预期性", 120000)]


def test_table_base_year_column_is_no_target():
    header = ["指标", "2020年", "2025年目标", "属性"]
    rows = [["每万人口高价值发明专利拥有量(件)", "6.3", "12", "预期性"]]
    got = [(f.value, f.year, f.kind) for _, f in targets_in_table(header, rows)]
    assert got == [(12, 2025, "预期性")]
    header = ["指标名称", "现状值(2020年)", "目标值(2025年)"]
    assert [(f.value, f.year) for _, f in targets_in_table(header, rows)] == [(12, 2025)]


def test_table_per_capita_units():
    header = ["指标", "单位", "2025年"]
    rows = [["每万人口高价值发明专利拥有量", "件/万人", "15"], ["有效发明专利拥有量(万件)", "", "1.8"]]
    got = [(f.name, f.value, f.unit) for _, f in targets_in_table(header, rows)]
    assert got == [("每万人口高价值发明专利拥有量", 15, "件"), ("有效发明专利拥有量", 18000, "件")]


def test_table_without_year_or_value_columns_gives_nothing():
    assert targets_in_table(["索引号", "SY-310115-2023-03290"], [["文件编号", "沪浦知局〔2023〕18号"]]) == []


def test_table_qizhong_in_the_numbering_column_makes_a_part_of_the_row_above():
    header = ["序号", "指标", "单位", "2023年", "2025年"]
    rows = [["1", "有效发明专利拥有量", "件", "1000", "1500"], ["其中", "高价值发明专利拥有量", "件", "2000", "3000"]]
    got = [(i, f.name, f.year, f.scope) for i, f in targets_in_table(header, rows)]
    assert got == [(0, "有效发明专利拥有量", 2023, None), (0, "有效发明专利拥有量", 2025, None),
                   (1, "高价值发明专利拥有量", 2023, "有效发明专利拥有量"),
                   (1, "高价值发明专利拥有量", 2025, "有效发明专利拥有量")]
    # the same scope as `其中:X` in the name column; the sub-list lasts while the numbering cell is empty
    rows = [["1", "发明专利授权量", "件", "", "100"], ["其中:", "高价值发明专利授权量", "件", "", "50"],
            ["", "PCT国际专利申请量", "件", "", "20"], ["2", "商标有效注册量", "件", "", "60"]]
    named = [["1", "发明专利授权量", "件", "", "100"], ["", "其中:高价值发明专利授权量", "件", "", "50"]]
    assert [f.scope for _, f in targets_in_table(header, rows)] == [None, "发明专利授权量", "发明专利授权量", None]
    assert [f.scope for _, f in targets_in_table(header, named)] == [None, "发明专利授权量"]


def test_table_qizhong_alone_in_the_name_column_opens_a_sub_list():
    with_numbers = (["序号", "指标", "2025年"], [
        ["1", "发明专利授权量(件)", "100"], ["", "其中:", ""], ["", "高价值发明专利授权量(件)", "50"],
        ["", "PCT国际专利申请量(件)", "20"], ["2", "商标有效注册量(件)", "60"]])
    got = [(f.name, f.scope) for _, f in targets_in_table(*with_numbers)]
    assert got == [("发明专利授权量", None), ("高价值发明专利授权量", "发明专利授权量"),
                   ("PCT国际专利申请量", "发明专利授权量"), ("商标有效注册量", None)]
    # without a numbering column only the next row is known to belong to it
    header, rows = ["指标", "2025年"], [["发明专利授权量(件)", "100"], ["其中:", ""],
                                        ["高价值发明专利授权量(件)", "50"], ["PCT国际专利申请量(件)", "60"]]
    got = [(f.name, f.scope) for _, f in targets_in_table(header, rows)]
    assert got == [("发明专利授权量", None), ("高价值发明专利授权量", "发明专利授权量"), ("PCT国际专利申请量", None)]


# ------------------------------------------------------------------ the seeds' gold

def _norm(t: object) -> str:
    if t is None:
        return ""
    t = unicodedata.normalize("NFKC", str(t)).replace("“", '"').replace("”", '"').replace("—", "-")
    return "".join(t.split())


def _alike(a: str, b: str) -> float:
    def grams(s: str) -> set[str]:
        s = _norm(s)
        return {s[i:i + 2] for i in range(len(s) - 1)} or {s}
    x, y = grams(a), grams(b)
    return 2 * len(x & y) / (len(x) + len(y))


def _same(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is None and b is None
    a, b = float(a), float(b)  # the gold stores JSON numbers
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _matches(g: dict, p: Found) -> bool:
    """As /work/shared/tools/score_gold.py target_matches: same number, unit, op, year; names alike."""
    if _norm(g.get("unit")) != _norm(p.unit) or (g.get("op") or "=") != p.op:
        return False
    if g.get("op") == "range":
        if not (_same(g.get("low"), p.low) and _same(g.get("high"), p.high)):
            return False
    elif not _same(g.get("value"), p.value):
        return False
    if g.get("year") is not None and p.year is not None and int(g["year"]) != p.year:
        return False
    gname, pname = _norm(g["name"]) + _norm(g.get("scope")), _norm(p.name) + _norm(p.scope)
    return _alike(gname, pname) >= 0.5 or _norm(g["name"]) in pname


def _is_row(line: str) -> bool:
    return "\t" in line or line.count("|") >= 2


def _cells(line: str) -> list[str]:
    cells = [c.strip() for c in (line.split("\t") if "\t" in line else line.split("|"))]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def seed_targets(text: str, default_year: int) -> list[Found]:
    """What the pipeline does with targets: tables first, then each paragraph, repeats dropped."""
    lines = normalise_text(text).split("\n")
    table, prose = [], []
    i = 0
    while i < len(lines):
        if _is_row(lines[i]):
            j = i
            while j < len(lines) and _is_row(lines[j]):
                j += 1
            block = [_cells(line) for line in lines[i:j]]
            note = next((line for line in lines[j:j + 3] if line.strip()), None)
            if note and not (note.startswith("(") and re.search("指标|注", note)):
                note = None
            table += [f for _, f in targets_in_table(block[0], block[1:], note)]
            i = j
            continue
        if lines[i].strip():
            prose += targets_in_text(lines[i], default_year)
        i += 1
    return table + drop_repeats(table, prose)


PLAN_END = {"000": 2026, "001": 2023, "002": 2025, "003": 2025, "004": 2025}


@pytest.mark.parametrize("gold_file", sorted(GOLD.glob("*.gold.json")), ids=lambda p: p.name[:3])
def test_seed_gold_precision_recall(gold_file):
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    text = (SEEDS / gold["file"]).read_text(encoding="utf-8")
    pred = seed_targets(text, PLAN_END[gold["file"][:3]])
    used = [False] * len(pred)
    missed = []
    for g in gold["targets"]:
        for i, p in enumerate(pred):
            if not used[i] and _matches(g, p):
                used[i] = True
                break
        else:
            missed.append(g)
    extra = [p for i, p in enumerate(pred) if not used[i] and not any(_matches(g, p) for g in gold["targets"])]
    hits = len(gold["targets"]) - len(missed)
    precision = hits / (hits + len(extra)) if hits + len(extra) else 1.0
    recall = hits / len(gold["targets"]) if gold["targets"] else 1.0
    report = "\n".join([f"missed {g}" for g in missed] +
                       [f"extra {p.name} {p.op} {p.value if p.op != 'range' else (p.low, p.high)} {p.unit} {p.year}"
                        for p in extra])
    assert precision >= 0.93 and recall >= 0.93, f"P={precision:.2f} R={recall:.2f}\n{report}"


def test_table_survives_a_page_number_and_a_row_that_lost_its_empty_first_cell():
    """A PDF page break inside a table, and a sub-row whose leading empty cell was stripped."""
    from ipplan.parse import parse_text

    text = ("某区知识产权工作方案(2024—2025年)\n一、主要目标\n发展指标\n编号\t指标名称\t2024年\t2025年\n"
            "1\t每万人口高价值发明专利拥有量(件)\t20\t23\n- 2 -\n"
            "其中:“某某”平台\t新增发明专利申请量(件)\t30\t40\n新增商标申请注册量(件)\t30\t40\n二、主要任务\n1.推进工作。\n")
    doc = parse_text(text)
    assert len(doc.tables) == 1
    got = {(t.name, t.year, int(t.value), t.scope) for t in doc.targets}
    assert ("新增商标申请注册量", 2025, 40, "“某某”平台") in got
    assert ("新增发明专利申请量", 2024, 30, "“某某”平台") in got
    assert any(a.reason == "page number" for a in doc.artefacts)


# ------------------------------------------------------------------ the word lists

def test_word_lists_are_data_with_a_doc_for_each():
    import ipplan.parse.targets as targets

    data = json.loads((ROOT / "ipplan" / "data" / "target_words.json").read_text(encoding="utf-8"))
    lists = [k for k in data if not k.startswith("_")]
    assert {"ops", "cell_ops", "keep_verbs", "drop_verbs", "support_money", "baseline_words"} <= set(lists)
    assert set(lists) <= set(data["_doc"]) and all(data["_doc"][k] for k in lists)
    for name in ("_OPS", "_OP_RE", "_KEEP_VERBS", "_DROP_VERBS", "_SUPPORT", "_BASELINE", "_CELL_OPS", "_LEAD", "_TRAIL"):
        for module in (targets, targets.words, targets.prose, targets.quantities, targets.tables):
            assert not hasattr(module, name), name


def test_word_lists_are_read_on_first_use():
    import subprocess
    import sys

    code = ("import ipplan.parse.targets as t; a = t.words._words.cache_info().currsize; "
            "t.targets_in_text('专利申请量达到100件。'); print(a, t.words._words.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0", "1"]


def test_a_word_added_to_the_lists_takes_effect(monkeypatch):
    import ipplan.parse.targets as targets

    data = json.loads((ROOT / "ipplan" / "data" / "target_words.json").read_text(encoding="utf-8"))
    assert one("专利申请量跃升至100件。").name == "专利申请量跃升至"
    data["ops"]["="].append("跃升至")
    monkeypatch.setattr(targets.words, "_word_data", lambda: data)
    targets.words._words.cache_clear()
    try:
        assert one("专利申请量跃升至100件。").name == "专利申请量"
    finally:
        monkeypatch.undo()
        targets.words._words.cache_clear()


@pytest.mark.parametrize("change, message", [
    (lambda d: d.pop("keep_verbs"), "missing keep_verbs"),
    (lambda d: d.__setitem__("support_money", "给予"), "support_money must be a list"),
    (lambda d: d["ops"].__setitem__("~", ["约"]), "ops must map ops"),
    (lambda d: d["ops"][">"].append("达到"), "stands under two ops"),
])
def test_bad_word_lists_are_refused_in_one_line(change, message):
    import ipplan.parse.targets as targets

    data = json.loads((ROOT / "ipplan" / "data" / "target_words.json").read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(ValueError, match=message) as err:
        targets.words._compile_words(data)
    assert str(err.value).startswith("target_words.json: ") and "\n" not in str(err.value)


def test_one_bigram_helper_for_names():
    import ipplan.parse.indicators as indicators
    import ipplan.parse.targets as targets

    assert not hasattr(targets, "_bigrams") and not hasattr(indicators, "_bigrams")
    assert indicators.name_bigrams("新增 PCT") == indicators.name_bigrams("新增PCT")


def test_an_older_word_list_without_the_result_lists_still_loads():
    import ipplan.parse.targets as targets

    data = json.loads((ROOT / "ipplan" / "data" / "target_words.json").read_text(encoding="utf-8"))
    for key in ("result_before", "goal_words", "result_sections", "goal_sections", "past_year_blockers",
                "fund_words", "attribute_names"):
        del data[key]
    words = targets.words._compile_words(data)
    assert words.result_sections.search("一、2023年工作回顾")
