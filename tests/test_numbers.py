from decimal import Decimal

import pytest

from ipplan.parse.numbers import parse_number, split_unit, to_base


@pytest.mark.parametrize("text, want", [
    ("1.8", "1.8"),
    ("172", "172"),
    ("1,000", "1000"),
    ("12,345.5", "12345.5"),
    ("两", "2"),
    ("十", "10"),
    ("二十五", "25"),
    ("三百", "300"),
    ("一百零五", "105"),
    ("一万二千", "12000"),
    ("五千万", "50000000"),
    ("三亿五千万", "350000000"),
    ("二〇二五", "2025"),
    ("1.5万", "15000"),
    ("3千万", "30000000"),
    ("18万119", "180119"),
    ("2亿6,000万", "260000000"),
    ("百分之十五", "15"),
])
def test_parse_number(text, want):
    got = parse_number(text)
    assert isinstance(got, Decimal)
    assert got == Decimal(want)
    assert str(got) == want  # exact, no exponent, no trailing .0


@pytest.mark.parametrize("text", [
    "", "abc", "万", "两三", "三四十", "二十三四", "十四五", "1,5", "18万12345", "若干", "几",
])
def test_not_a_number(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("value, word, want, unit", [
    ("1.8", "万件", "18000", "件"),
    ("100", "亿元", "10000000000", "元"),
    ("2.5", "亿元", "250000000", "元"),
    ("1", "亿美元", "100000000", "美元"),
    ("20", "%", "20", "%"),
    ("3", "千万元", "30000000", "元"),
    ("1.5", "万亿元", "1500000000000", "元"),
    ("5", "千瓦", "5", "千瓦"),  # a unit of its own, not 千 x 瓦
    ("3", "万千瓦", "30000", "千瓦"),
    ("2", "个百分点", "2", "百分点"),
    ("12", "万", "120000", ""),
])
def test_to_base(value, word, want, unit):
    got, base = to_base(Decimal(value), word)
    assert base == unit
    assert got == Decimal(want) and str(got) == want


def test_to_base_is_exact_where_floats_are_not():
    # 1.15 x 1e8 is 114999999.99999999 in binary floating point
    assert to_base(Decimal("1.15"), "亿元") == (Decimal("115000000"), "元")


def test_split_unit_keeps_unknown_words():
    assert split_unit("亿美元") == (10**8, "美元")
    assert split_unit("吨标煤") == (1, "吨标煤")


def test_the_decimal_helper_says_what_it_does():
    import ipplan.parse.numbers as numbers

    assert not hasattr(numbers, "tidy")  # ipplan.parse.meta.tidy tidies text; this one is about Decimals
    assert str(numbers.plain_decimal(Decimal("1.8E+4"))) == "18000"
    assert str(numbers.plain_decimal(Decimal("2.50"))) == "2.5"


# ------------------------------------------------------------------ long or odd numbers (issue 10, item 4)

@pytest.mark.parametrize("text", [
    "1" * 40,  # a run of digits no plan states as a quantity
    "9" * 30 + "亿",
    "1." + "5" * 40,  # more decimals than any plan writes
    "九" * 100,
    "1" * 19,
    "5,555,555,555,555,555,555,555",
    "3亿亿亿亿",
])
def test_long_or_odd_numbers_are_refused_not_raised(text):
    assert parse_number(text) is None


def test_the_largest_numbers_still_read_exactly():
    assert parse_number("9" * 18) == Decimal("9" * 18)
    assert parse_number("1.12345678") == Decimal("1.12345678")
    value, unit = to_base(parse_number("9" * 18), "亿亿亿元")  # quantize would fail at 28 digits of precision
    assert unit == "元" and value == Decimal("9" * 18 + "0" * 24)


def test_mutated_numbers_never_escape_as_exceptions():
    """Random long, odd or damaged numbers in a target sentence: no exception from any reader."""
    import random

    from ipplan.parse.targets import targets_in_table, targets_in_text

    rng = random.Random(6)
    pieces = ["9", "0", ".", ",", "亿", "万", "千", "十", "九", "〇", "%", "E", "e", "-", "—", "\u0663"]
    for _ in range(300):
        number = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 80)))
        parse_number(number)
        for text in (f"专利申请量达到{number}件。", f"新增{number}亿元以上企业{number}家。", f"增长{number}%"):
            for found in targets_in_text(text):
                assert found.value is None or found.value.is_finite()
        targets_in_table(["指标", "2025年"], [["专利申请量(件)", number]])


def test_a_notice_with_long_numbers_parses():
    from ipplan.parse import parse_text

    text = "一、目标\n到2025年,专利申请量达到" + "9" * 2000 + "件,资金" + "1." + "5" * 300 + "亿元。\n" + "8" * 500 + "亿元\n"
    doc = parse_text(text)
    assert all(t.value is None or len(str(t.value)) < 60 for t in doc.targets)
    doc.model_dump_json()
