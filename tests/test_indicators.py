import json
from collections import Counter
from pathlib import Path

import pytest

from ipplan.parse.indicators import key_form, load_lexicon, match_indicator

GOLD = Path(__file__).resolve().parent / "data" / "gold"


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def test_shipped_lexicon_is_real_and_consistent(lex):
    assert 30 <= len(lex) <= 80
    for ind in lex.indicators.values():
        assert ind.key.isascii() and ind.key == ind.key.lower() and " " not in ind.key
        assert ind.name and ind.aliases
    # no alias may point at two indicators, or exact matching could not decide
    forms = Counter(form for ind in lex.indicators.values() for form in {key_form(a) for a in (ind.name, *ind.aliases)})
    assert [f for f, n in forms.items() if n > 1] == []


@pytest.mark.parametrize("a, b", [
    ("每万人口高价值发明专利拥有量", "每万人高价值发明专利拥有量"),
    ("知识产权质押融资金额", "年知识产权质押融资登记金额"),
    ("知识产权质押融资金额", "知识产权年质押额"),
    ("知识产权质押融资金额", "专利、商标品牌质押融资总额"),
    ("PCT国际专利申请量", "新增 PCT 国际专利申请量"),
    ("每万人口发明专利拥有量", "每万人有效发明专利拥有量"),
    ("专利密集型产业增加值占GDP比重", "专利密集型产业增加值占地区生产总值比重"),
    ("商标品牌指导站", "品牌指导服务站"),
])
def test_aliases_share_a_key(lex, a, b):
    assert match_indicator(a, lex) is not None
    assert match_indicator(a, lex) == match_indicator(b, lex)


@pytest.mark.parametrize("a, b", [
    ("每万人有效发明专利拥有量", "有效发明专利拥有量"),
    ("每万人口高价值发明专利拥有量", "每万人口发明专利拥有量"),
    ("高价值发明专利拥有量", "有效发明专利拥有量"),
    ("国家知识产权优势示范企业", "各级知识产权优势示范企业"),
    ("知识产权质押融资金额", "年质押惠企"),
    ("知识产权保险金额", "知识产权保险金额年均增幅"),
    ("商标有效注册量", "商标申请注册量"),
    ("PCT国际专利申请量", "国外专利申请"),
])
def test_different_indicators_never_join(lex, a, b):
    ka, kb = match_indicator(a, lex), match_indicator(b, lex)
    assert ka is not None and kb is not None
    assert ka != kb


@pytest.mark.parametrize("name, key", [
    ("全市每万人口高价值发明专利拥有量(件)", "high_value_invention_patents_per_10k"),
    ("年知识产权质押融资登记额", "ip_pledge_financing_amount"),
])
def test_exact_after_normalisation(lex, name, key):
    assert lex.is_alias(name)
    assert match_indicator(name, lex) == key


@pytest.mark.parametrize("name, key", [
    ("万人高价值专利拥有量", "high_value_invention_patents_per_10k"),
    ("知识产权质押融资贷款额度", "ip_pledge_financing_amount"),
    ("专利商标质押融资规模", "ip_pledge_financing_amount"),
    ("PCT专利申请受理量", "pct_applications"),
    ("全市有效发明专利拥有总量", "invention_patents_in_force"),
    ("专利转让许可备案量", "patent_transfers_licences"),
])
def test_fuzzy_matches(lex, name, key):
    assert not lex.is_alias(name)  # really the scored path
    assert match_indicator(name, lex) == key


@pytest.mark.parametrize("name", [
    "每万人口高价值发明专利拥有量年均增幅",  # a growth rate, not the stock
    "高新技术企业",
    "省级知识产权优势示范企业",  # a tier the lexicon does not list
    "机构数",
    "",
])
def test_unmatched_is_none(lex, name):
    assert match_indicator(name, lex) is None


def test_gold_high_value_and_pledge_targets_share_keys(lex):
    """000, 001, 002, 004 each state high-value patents per 10k and a pledge-financing amount."""
    keys: dict[str, set[str]] = {"hv": set(), "pledge": set()}
    seen: dict[str, set[str]] = {"hv": set(), "pledge": set()}
    for path in sorted(GOLD.glob("*.gold.json")):
        for t in json.loads(path.read_text(encoding="utf-8"))["targets"]:
            group = "hv" if "高价值发明专利拥有量" in t["name"] and "万人" in t["name"] else \
                "pledge" if "质押" in t["name"] and t["unit"] == "元" else None
            if group:
                keys[group].add(match_indicator(t["name"], lex))
                seen[group].add(path.name[:3])
    assert seen["hv"] >= {"000", "001", "002", "004"} and seen["pledge"] >= {"000", "001", "002", "004"}
    assert keys["hv"] == {"high_value_invention_patents_per_10k"}
    assert keys["pledge"] == {"ip_pledge_financing_amount"}


def test_user_file_adds_and_overrides(tmp_path):
    extra = tmp_path / "mine.json"
    extra.write_text(json.dumps({"indicators": [
        {"key": "unicorns", "name": "独角兽企业", "unit": "家", "aliases": ["独角兽企业数"]},
        {"key": "pct_applications", "aliases": ["国际专利申请量"]},
    ]}, ensure_ascii=False), encoding="utf-8")
    lex = load_lexicon(extra)
    assert match_indicator("独角兽企业数", lex) == "unicorns"
    assert match_indicator("国际专利申请量", lex) == "pct_applications"
    assert lex.get("pct_applications").name == "PCT国际专利申请量"  # fields not given are kept
    assert match_indicator("PCT国际专利申请量", lex) == "pct_applications"  # via the display name
    assert "unicorns" not in load_lexicon()  # the shipped lexicon is untouched


def test_user_file_without_key_is_refused(tmp_path):
    extra = tmp_path / "bad.json"
    extra.write_text('{"indicators": [{"name": "x"}]}', encoding="utf-8")
    with pytest.raises(ValueError):
        load_lexicon(extra)


@pytest.mark.parametrize("content, problem", [
    ('{"indicators": [', "not JSON"),
    ("indicators: []", "not JSON"),
    ('{"entries": []}', 'no "indicators" list'),
    ('{"indicators": {"key": "x"}}', '"indicators" must be a list'),
    ('"x"', "the top level must be an object"),
    ('{"indicators": [{"name": "x"}]}', 'entry 1 has no "key"'),
    ('{"indicators": [{"key": "a", "aliases": ["a"]}, {"key": ""}]}', 'entry 2 has no "key"'),
    ('{"indicators": ["x"]}', "entry 1 must be an object"),
    ('{"indicators": [{"key": "x", "aliases": "abc"}]}', '"aliases" must be a list of strings, not a string'),
    ('{"indicators": [{"key": "x", "aliases": ["a", 3]}]}', '"aliases" must be a list of strings, not a list with a number'),
    ('{"indicators": [{"key": "x", "aliases": ["a", null]}]}', '"aliases" must be a list of strings'),
    ('{"indicators": [{"key": "x", "forbid": "高价值"}]}', '"forbid" must be a list of strings'),
    ('{"indicators": [{"key": "x", "require": ["每万人"]}]}', '"require" must be a list of lists'),
    ('{"indicators": [{"key": "x", "name": 5}]}', '"name" must be a non-empty string'),
])
def test_bad_lexicon_files_are_refused_in_one_line(tmp_path, content, problem):
    path = tmp_path / "mine.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as err:
        load_lexicon(path)
    message = str(err.value)
    assert message.startswith("mine.json: ") and problem in message and "\n" not in message


def test_bad_lexicon_entry_names_its_key(tmp_path):
    path = tmp_path / "mine.json"
    path.write_text('{"indicators": [{"key": "ok"}, {"key": "bad", "aliases": "abc"}]}', encoding="utf-8")
    with pytest.raises(ValueError, match=r"^mine.json: entry 2 \(key 'bad'\)"):
        load_lexicon(path)


def test_lexicon_file_not_utf8_or_with_a_bom(tmp_path):
    path = tmp_path / "gbk.json"
    path.write_bytes('{"indicators": [{"key": "x", "name": "独角兽企业"}]}'.encode("gbk"))
    with pytest.raises(ValueError, match=r"^gbk.json: not UTF-8"):
        load_lexicon(path)
    path = tmp_path / "bom.json"
    path.write_bytes('{"indicators": [{"key": "unicorns", "aliases": ["独角兽企业"]}]}'.encode("utf-8-sig"))
    assert match_indicator("独角兽企业", load_lexicon(path)) == "unicorns"
