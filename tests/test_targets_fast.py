"""The fast paths of target extraction agree with the plain readings they replace.

Each fast path (one pass over the brackets, lines cut with `split`, cheap `in` prechecks
before a regex) must give exactly what the slower, obvious code gives; these inputs are
the awkward ones: nested, unclosed and crossed brackets, blank and whitespace lines,
texts with and without the characters a precheck looks for.
"""
from __future__ import annotations

import pytest

from ipplan.parse import extract
from ipplan.parse.span import Span
from ipplan.parse.targets import context
from ipplan.parse.targets.base import _pairs, _Shelter

TRICKY = [
    "",
    "无括号的段落,培育3家机构。",
    "《关于印发〈规划〉的通知》(京政发〔2024〕3号)",
    "((嵌套(三层)括号))和未闭合的(括号",
    "))先闭后开((",
    "“短口号”与“" + "很长的一段引用文字" * 5 + "”以及未闭合的“",
    "\"直引号\"不成对\"",
    "《书名(含括号〔年号〕)》“引号(内)”",
    "》》《《",
    "“”“”(《》)〔〕",
    "a(b)c“d”e《f》g〔h〕" * 20,
]


def _slow_shelter(text: str) -> list[tuple[int, int]]:
    """The five passes `_Shelter.of` made before it scanned once."""
    spans = _pairs(text, "《", "》") + _pairs(text, "〔", "〕") + _pairs(text, "(", ")")
    spans += [(a, b) for a, b in _pairs(text, "“", "”") if b - a <= 22]
    spans += [(a, b) for a, b in _pairs(text, "\"", "\"") if b - a <= 22]
    return spans


@pytest.mark.parametrize("text", TRICKY)
def test_shelter_in_one_pass_finds_the_pairs_of_five(text: str) -> None:
    assert _Shelter.of(text).spans == _slow_shelter(text)


def _slow_paragraphs(span: Span) -> list[Span]:
    out, start = [], 0
    for i, ch in enumerate(span.text + "\n"):
        if ch == "\n":
            if span.text[start:i].strip():
                out.append(span[start:i])
            start = i + 1
    return out


@pytest.mark.parametrize("text", ["", "\n", "一段", "一段\n", "\n\n一\n \n二\n\n", "  \n\t\n三 \n", "甲\n乙\n丙"])
def test_paragraphs_cut_with_split_agree_with_a_character_scan(text: str) -> None:
    span = Span(text, tuple(range(len(text))))
    assert extract._paragraphs(span) == _slow_paragraphs(span)


YEAR_TEXTS = ["到2025年,培育3家", "“十四五”期末,达到", "十四五期间", "2024年、2025年分别达到", "培育3家机构",
              "1. 到2026年底,", "(一)力争到2030年,", "19年", "到1999年", "二〇二五年", "无年份",
              "力争到2025年,", "计划2025年达到", "预计2025年底", "确保2025年", "争取到2025年", "五、2025年,",
              "2025年,培育", "十、到2027年,", "“十四五”期末达到100家", "十四五期末新增20家", "到十四五末", "加强2025年"]


def test_governing_year_strips_nothing_from_a_text_opening_with_another_ideograph() -> None:
    label = r"^(?:[\s—\-]|(?:\d+|[一二三四五六七八九十]+)[.、](?!\d)|\((?:\d+|[一二三四五六七八九十]+)\))+"
    for code in range(0x4E00, 0xA000):
        if chr(code) not in context._HEAD_FIRSTS:
            text = chr(code) + "到2025年"
            assert not context.rx.match(label, text) and not context.rx.match(r"^(?:力争|争取|预计|计划|确保)", text)


@pytest.mark.parametrize("text", YEAR_TEXTS)
def test_governing_year_precheck_agrees_with_the_patterns(text: str) -> None:
    head = context.rx.sub(r"^(?:[\s—\-]|(?:\d+|[一二三四五六七八九十]+)[.、](?!\d)|\((?:\d+|[一二三四五六七八九十]+)\))+",
                          "", text)
    head = context.rx.sub(r"^(?:力争|争取|预计|计划|确保)", "", head)
    if m := context._YEAR_LIST.match(head):
        slow = int(context._YEAR_NUM.findall(m.group("list"))[-1])
    else:
        m = context._YEAR_MARK.match(head)
        slow = context._mark_year(m) if m else None
    assert context.governing_year(text) == slow


@pytest.mark.parametrize("text", YEAR_TEXTS + ["截至2023年", "至2024年", "到《2025年规划》", "到 2030 年"])
def test_running_year_precheck_agrees_with_the_pattern(text: str) -> None:
    found = extract.BY_YEAR.findall(extract.rx.sub(r"《[^《》]*》", "", text))
    assert extract._running_year(text) == (int(found[-1]) if found else None)


NAMES = ["有效发明专利拥有量从10件", "由2023年底的10件", "由现有的2所", "从 1.5万件以上(含)", "发明专利由", "从十件",
         "专业化、年主营业务收入1000万元以上的知识产权服务机构", "5000万元、1亿元的企业", "学校推动「一人一机」的数位学习模式",
         "100家以下的", "的10件", "从到", "由104年度的12.7%", "", "由3个百分点", "从20%左右(基期)", "、三个以上的平台"]


@pytest.mark.parametrize("name", NAMES)
def test_prechecks_before_the_quantity_patterns_change_nothing(name: str) -> None:
    from ipplan.parse.targets import prose

    assert prose._cut_from_tail(name) == prose._from_tail().sub("", name)
    assert prose._cut_qualifiers(name) == prose._qualifier_in_name().sub("", name)


@pytest.mark.parametrize("text", ["1.2万人/平方公里", "3吨 / 万元", "5件/年", "8家/", "10件 ", "20个百分点/年", "7万元/ 亩"])
def test_rate_precheck_agrees_with_the_rate_pattern(text: str) -> None:
    from ipplan.parse.targets import quantities, words

    for m in words._lex().qty.finditer(text):
        tail = m.end()
        assert bool(quantities._SLASH.match(text, tail)) or not words._lex().per.match(text, tail)


def test_lazy_word_patterns_are_the_ones_built_together() -> None:
    import regex

    from ipplan.parse.targets import prose, words

    w = words._words()
    assert w.verb_mod.pattern == w.target_verb.pattern.replace(r")\s*$", r")(?P<mod>[^,;。、\d]{1,12}的)\s*$")
    assert w.verb_any.pattern == w.target_verb.pattern.removeprefix("(?:").removesuffix(r")\s*$")
    old_any = regex.compile(w.target_verb.pattern.removesuffix(r"\s*$"))
    for text in ["新建绿道全长120公里", "全长约53.1公里", "培育3家", "建成", ""]:
        a, b = old_any.search(text), prose._any_goal_verb().search(text)
        assert (a and a.span()) == (b and b.span())


def _anchored_cases() -> list[str]:
    import random

    from ipplan.parse.targets import words

    w = words._words()
    pieces = sorted(w._verbs) + sorted(w.ops) + list(" \t\n\u3000,、。的在家3") + ["全市", "新增加", "达到或", "不少于 "]
    rnd = random.Random(7)
    return ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 6))) for _ in range(800)]


def test_anchored_word_lookups_agree_with_their_patterns() -> None:
    from ipplan.parse import rx
    from ipplan.parse.targets import words

    w = words._words()
    assert w._verb_words.usable and w._goal_words.usable and w._op_words.usable
    at_start = rx.compiled(r"(?:" + w.verb_re.pattern.rstrip("$") + r")")
    for text in _anchored_cases():
        m = w.verb_re.search(text)
        assert w.verb_ending(text) == (m.start() if m else None), text
        assert bool(w.target_verb.search(text)) == w.goal_verb_ends(text), text
        assert bool(w.verb_first.match(text)) == w.goal_verb_opens(text), text
        for pos in range(len(text) + 1):
            m = at_start.match(text[pos:])
            assert w.verb_at(text, pos) == (m.group(0) if m else None), (text, pos)
            for end in range(pos, len(text) + 2):
                m = w.op_re.search(text, pos, end)
                assert w.op_before(text, pos, end) == (m.start() if m else None), (text, pos, end)
                assert bool(w.target_verb.search(text, pos, end)) == w.goal_verb_ends(text, pos, end), (text, pos, end)


def test_words_with_spaces_fall_back_to_the_patterns() -> None:
    import json

    from ipplan.parse.targets import words

    data = json.loads(json.dumps(words._word_data()))
    data["keep_verbs"].append("新 增")
    w = words._compile_words(data)
    assert not w._verb_words.usable and not w._goal_words.usable
    assert w.verb_ending("培育新 增") == 2 and w.goal_verb_ends("拟新 增 ") and w.verb_at("新 增企业") == "新 增"
    assert w.goal_verb_opens(" 新 增10家")


@pytest.mark.parametrize("text", ["1.8E+4", "2.50", "0", "-0", "0.000", "1E-8", "9" * 18 + "E+24", "123.4500", "NaN",
                                  "1.0000000000000000000000000000000000001", "7", "1E+2", "-3.10"])
def test_plain_decimal_in_one_context_agrees_with_a_local_context(text: str) -> None:
    from decimal import Decimal, localcontext

    from ipplan.parse import numbers

    value = Decimal(text)
    with localcontext() as ctx:
        ctx.prec = numbers._PRECISION
        slow = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    assert str(numbers.plain_decimal(value)) == str(slow)


@pytest.mark.parametrize("text", ["2025", "1,000", " 1.5万 ", "二十五", "两三", "百分之十", "9" * 19, "1" * 45, "", "1.123456789"])
def test_remembered_numbers_are_read_as_before(text: str) -> None:
    from ipplan.parse import numbers

    first = numbers.parse_number(text)
    assert numbers.parse_number(text) == first == numbers._parse_number(text)
    assert str(first) == str(numbers._parse_number(text))


def _quantity_texts() -> list[str]:
    import random

    from ipplan.parse.numbers import unit_table

    table = unit_table()
    pieces = (table.words() + [w.lower() for w in table.words() if w.isascii()] + list("0123456789一二两三四五六七八九十百千万亿〇零")
              + list(".,-—–~～至到多余 \t/、)(%的年步统进以上下左右性级,;。") + ["百分之", "百分点", "1,000", "18万119", "2亿6,000万", "K", "ｋ"])
    rnd = random.Random(3)
    return ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 10))) for _ in range(6000)]


def test_the_lookaheads_around_a_number_change_no_quantity() -> None:
    import regex

    from ipplan.parse import rx
    from ipplan.parse.numbers import unit_table
    from ipplan.parse.targets import prose, words

    guarded = words._lex().qty
    plain = regex.compile(words._qty_pattern(unit_table(), guards=False)[0])
    assert words._range_guard(unit_table()) in guarded.pattern  # the shipped units allow the range guard
    assert plain.pattern != guarded.pattern
    groups = ("n1", "u1", "sep", "n2", "approx", "unit")
    qualifier = rx.compiled(r"、?[^、,;。]*?(?:" + plain.pattern + r")\s*(?:以上|以下)?的")
    # ranges with whitespace and units on both sides, where the range guard decides
    spaced = [a + s1 + b + s2 + c for a in ("5", "3万", "10 个", "2.5亿元", "十") for s1 in ("", " ", "\u3000 ")
              for b in ("-", "~", "至", "到", "—", "个-", "万 ~") for s2 in ("", " ", "\t") for c in ("8个", "10", "八家", "九万元")]
    spaced += ["3万元-5万元", "5百千万公里/平方公里-8公里/平方公里", "5百万亿个工作日 - 9个工作日", "2 EFLOPS～3 EFLOPS"]
    # numbers the digit forms tell apart (`_arabic`): 亿/万 compounds, decimals, thousands, years
    spaced += [a + b for a in ("2025", "3.14万", "18万 119", "18.5万119", "2亿 6,000万", "2 亿6,000", "1,0000", "1,000.5",
                               "3.", "12.5.6", "0.2百", "٣٤", "１２") for b in ("年底", "个", "亿元", "万元", "%", "-5个", "多家")]
    for text in _quantity_texts() + spaced:
        assert ([(m.span(), m.group(*groups)) for m in guarded.finditer(text)]
                == [(m.span(), m.group(*groups)) for m in plain.finditer(text)]), text
        assert prose._qualifier_in_name().sub("", text + "的机构") == qualifier.sub("", text + "的机构")


@pytest.mark.parametrize("text", YEAR_TEXTS + ["培育3家、5家", "“十四五”末达到", "力争120件", "到二〇二五年"])
def test_year_marks_precheck_agrees_with_the_patterns(text: str) -> None:
    shelter = _Shelter.of(text)
    lists = [(m.start(), m.end(), tuple(int(y) for y in context._YEAR_NUM.findall(m.group("list"))))
             for m in context._YEAR_LIST.finditer(text) if not shelter.covers(m.start())]
    marks = [(a, ys) for a, _, ys in lists]
    for m in [*context._YEAR_MARK.finditer(text), *context._YEAR_OPENS.finditer(text)]:
        if (shelter.covers(m.start()) or any(a <= m.start() < b for a, b, _ in lists)
                or context._STARTS_FROM.search(text, max(0, m.start() - 3), m.start())):
            continue
        marks.append((m.start(), (context._mark_year(m),)))
    assert context._year_marks(text, shelter) == sorted(marks)


def test_marker_lookups_agree_with_the_marker_patterns() -> None:
    import regex

    from ipplan.parse import indicators

    for _, words in indicators._MARKER_WORDS:
        assert all(regex.escape(w) == w for w in words)  # literal words, as the lookups take them
    assert all(regex.escape(end) == end for _, end in indicators._MARKER_ENDS)
    names = [a for ind in indicators.load_lexicon().indicators.values() for a in (ind.name, *ind.aliases)]
    names += ["每万人口高价值发明专利拥有量", "PCT国际专利申请量\n", "利用率\n", "率 ", "增长率", "省级、市级", "", "境外商标"]
    for name in names + [indicators.canon(n) for n in names]:
        slow = frozenset(k for k, p in indicators._marker_patterns() if p.search(name))
        assert indicators.markers(name) == slow, name


@pytest.mark.parametrize("pair", [("(", ")"), ("【", "】"), ("\"", "\""), ("[", "]"), ("^", "-"), ("((", "))")])
@pytest.mark.parametrize("text", TRICKY + ["(a(b)c)(d", "【一】【二【三】】", "a]b[c]d[[e]]", "^x-y^^z--", "((a))"])
def test_bracket_groups_by_scan_agree_with_a_character_walk(text: str, pair: tuple[str, str]) -> None:
    from ipplan.parse import brackets

    assert brackets.groups(text, *pair) == brackets._groups_by_character(text, *pair)


def test_headings_built_from_the_parent_agree_with_a_walk_up_the_path() -> None:
    import itertools

    titles = {("1",): "一、总体要求", ("1", "2"): "(二)主要目标", ("2",): "二、重点任务", ("2", "1", "3"): "3.细项",
              ("3", "1"): "(一)发展成效"}
    paths = [list(p) for n in range(0, 4) for p in itertools.product("1234", repeat=n)]
    memo: dict[tuple[str, ...], list[str]] = {}
    for path in paths + paths[::-1]:
        slow = [titles[tuple(path[:k])] for k in range(len(path), 0, -1) if tuple(path[:k]) in titles]
        assert extract._titles(path, titles, memo) == slow == extract._titles(path, titles)


def test_qualifiers_found_by_scan_agree_with_the_qualifier_pattern() -> None:
    import random

    from ipplan.parse.numbers import unit_table
    from ipplan.parse.targets import prose, words

    lex = words._lex()
    assert not lex.holds_yi_de
    pieces = (unit_table().words() + list("0123456789一二两三四五六七八九十百千万亿、,;。 \t的以上下左右性级企业机构所")
              + ["以上的", "以下的", "以内的", "1000万元", "3-5家", "百分之十", "1,000", "kw", "个百分点"])
    rnd = random.Random(9)
    scanned = 0
    for _ in range(20000):
        r = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 12)))
        if "的" in r and lex.qty.search(r):
            fast = prose._qualifiers_by_scan(r)
            if fast is not None:
                scanned += 1
                assert fast == prose._qualifier_in_name().sub("", r), r
            assert prose._cut_qualifiers(r) == prose._qualifier_in_name().sub("", r), r
    assert scanned > 1000
    for r in NAMES:
        assert prose._qualifiers_by_scan(r) in (None, prose._qualifier_in_name().sub("", r))
    assert prose._qualifiers_by_scan("专业化、年主营业务收入1000万元以上的知识产权服务机构") == "专业化知识产权服务机构"


def test_a_unit_word_holding_de_leaves_qualifiers_to_the_pattern(monkeypatch) -> None:
    from ipplan.parse.numbers import unit_table
    from ipplan.parse.targets import prose, words

    lex = words._Lex(words._lex().qty, "", unit_table())
    monkeypatch.setattr(lex, "holds_yi_de", True)
    monkeypatch.setattr(prose, "_lex", lambda: lex)
    assert prose._qualifiers_by_scan("1000万元以上的机构") is None


@pytest.mark.parametrize("text", TRICKY + ["(", ")", "“引号", "”", "【标题", "《书", "》", "「」『", "a[b]c", "。(前句", "(前句。后句"])
def test_unbalanced_agrees_with_counting_every_pair(text: str) -> None:
    from ipplan.parse import brackets

    slow = any(text.count(o) > text.count(c) for o, c in brackets.PAIRS.items())
    assert brackets.unbalanced(text) == slow
    assert brackets.open_in_sentence(text) == any(
        text[text.rfind("。") + 1:].count(o) > text[text.rfind("。") + 1:].count(c) for o, c in brackets.PAIRS.items())


@pytest.mark.parametrize("text", TRICKY)
def test_shelter_covers_agrees_with_any_span(text: str) -> None:
    shelter = _Shelter.of(text)
    for pos in range(len(text) + 2):
        assert shelter.covers(pos) == any(a < pos < b for a, b in _slow_shelter(text))
    assert _Shelter.of(text).covers(len(text) // 2) == shelter.covers(len(text) // 2)  # before its spans are found


def test_remembered_amounts_read_quantities_as_a_fresh_reading() -> None:
    from ipplan.parse.targets import quantities, words

    lex = words._lex()
    texts = _quantity_texts()[:1500] + ["百分之三十", "3 EFlops", "1.2万人/平方公里", "2024-2025年", "3-1家"]
    matches = [(t, m) for t in texts for m in lex.qty.finditer(t)]
    quantities._amount.cache_clear()
    fresh = [quantities._read_qty(t, m) for t, m in matches]
    again = [quantities._read_qty(t, m) for t, m in matches]  # every reading now remembered
    assert quantities._amount.cache_info().hits >= len(matches)
    assert [q and (q.value, q.low, q.high, q.unit, q.kind, q.op, q.end, q.chinese) for q in fresh] == \
           [q and (q.value, q.low, q.high, q.unit, q.kind, q.op, q.end, q.chinese) for q in again]
    assert [str(q.value) for q in fresh if q and q.value is not None] == \
           [str(q.value) for q in again if q and q.value is not None]  # the same digits, not only equal values


@pytest.mark.parametrize("titles", [[], ["主要成果"], ["发展目标", "回顾"], ["一年来的工作"], ["其他"]])
def test_result_marker_with_the_heading_given_agrees_with_reading_the_titles(titles: list[str]) -> None:
    texts = ["2023年新增专利100件。", "到2025年,新增专利100件。", "过去一年,新增专利100件", "截至目前已建成3个",
             "每年要降埋6,500座", "新增专利100件"]
    for text in texts:
        for plan_start in (None, 2024):
            asked = context.result_marker(text, len(text), titles, plan_start)
            given = context.result_marker(text, len(text), titles, plan_start,
                                          heading=context.review_heading(titles))
            assert asked == given, (text, titles)


def test_lead_firsts_hold_every_ideograph_an_opener_starts_with() -> None:
    """Every CJK ideograph outside `lead_firsts` fails `lead` at once, and `_strip_lead` strips as the plain loop."""
    from ipplan.parse.targets import base, words

    w = words._words()
    lead = w.lead
    suffixes = ("", "2025年", "到2025年,", "五”期末", "争取", "年内", "3年度", "、")
    for code in range(0x4E00, 0xA000):
        ch = chr(code)
        if ch not in w.lead_firsts:
            assert not any(lead.match(ch + s) for s in suffixes), ch

    def plain(name: str) -> tuple[str, int]:
        gone = 0
        while name:
            m = lead.match(name)
            if not m or not m.group(0):
                break
            gone += m.end()
            name = name[m.end():]
        return name, gone

    import random
    rnd = random.Random(11)
    pieces = (sorted(w._lists["clause_openers"]) + list(words._LEAD_IDEOGRAPHS + " ,、;:.—-(1)2“”的专利企业")
              + ["到2025年", "力争到2030年底前", "“十四五”期末", "3年内", "于104年", "105年预计", "截至103年度止", "1.", "(二)"])
    for _ in range(4000):
        name = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 6)))
        assert base._strip_lead(name) == plain(name), name


def test_governing_mark_without_the_walk_agrees_with_it() -> None:
    import random

    from ipplan.parse.targets import prose

    rnd = random.Random(13)
    pieces = list("。!?\n,;到年甲乙") + ["2025年", "到2024年、2025年", "“十四五”期末"]
    for _ in range(1500):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        marks = context._year_marks(text, _Shelter.of(text))
        fake = sorted((rnd.randrange(len(text) + 1), (2020 + rnd.randrange(9),)) for _ in range(rnd.randrange(4)))
        for ms in (marks, fake):
            for pos in range(len(text) + 1):
                assert prose._governing_mark(pos, text, ms) == prose._governing_mark_walk(pos, text, ms), (text, ms, pos)


def test_clause_starts_kept_on_quantities_are_those_of_their_text() -> None:
    from ipplan.parse.targets import base, quantities

    texts = _quantity_texts()[:2000] + ["到2025年,每胎3万元,按合同金额的30%,已建成3个,新增专利导航项目5项。",
                                        "全市高新技术企业已达到5000家,力争到2025年达到8000家"]
    kept = 0
    for text in texts:
        for q in quantities._quantities(text):
            if q.cstart is not None:
                kept += 1
                assert q.cstart == base._clause_start(text, q.start), text
            assert quantities._clause_of(text, q) == base._clause_start(text, q.start)
    assert kept


def test_lexicon_translations_agree_with_the_patterns_they_replace() -> None:
    """`canon`, `_key_form` and `name_bigrams` without pattern substitutions give what the patterns gave."""
    import random

    import regex

    from ipplan.parse import indicators as ind
    from ipplan.parse import rx

    white = regex.compile(r"\s")
    assert all(not chr(c).isprintable() for c in range(0x110000) if white.match(chr(c)) and c != 0x20)

    def canon(name: str) -> str:
        s = ind.unicodedata.normalize("NFKC", name)
        s = rx.sub(r"\([^()]*\)|（[^（）]*）", "", s)
        s = rx.sub(r"[\s“”\"'‘’、的*★]", "", s)
        return s.replace("每万人口", "每万人").replace("万人口", "万人")

    def key_form(canonical: str) -> str:
        s = ind._LEADING.sub("", canonical)
        return ind._TRAILING.sub("", s) or s

    def bigrams(name: str) -> set[str]:
        s = rx.sub(r"\s", "", name)
        return {s[i:i + 2] for i in range(len(s) - 1)} or {s}

    pieces = (["全市", "全区", "本市", "力争", "累计", "新增", "各类", "年", "年均", "年度", "总数", "数量", "金额", "数", "量",
               "额", "每万人口", "万人口", "发明专利", "拥有量", "(含)", "（注）", "“", "”", "的", "、", "★", "*", "\n", " ",
               "\u3000", "\x1c", "\u200b", "\xa0", "PCT", "ＰＣＴ", "率"])
    rnd = random.Random(17)
    names = ["", "\n", "数\n", "数\n\n", "量 ", "年"] + ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 7)))
                                                     for _ in range(6000)]
    for name in names:
        assert ind.canon(name) == canon(name), repr(name)
        assert ind._key_form(name) == key_form(name), repr(name)
        assert ind._key_form(canon(name)) == key_form(canon(name)), repr(name)
        assert ind.name_bigrams(name) == bigrams(name), repr(name)
    for entry in ind._shipped():
        for alias in (entry.name, *entry.aliases):
            assert ind._key_form(ind.canon(alias)) == key_form(canon(alias))


def _old_clause_start(text: str, pos: int) -> int:
    from ipplan.parse.targets import base
    i = pos
    while i > 0 and (text[i - 1] not in base._BOUND or base._digit_comma(text, i - 1)):
        i -= 1
    return i


def _old_sentence_start(text: str, pos: int) -> int:
    from ipplan.parse.targets import base
    i = pos
    while i > 0 and text[i - 1] not in base._SENT:
        i -= 1
    return i


def test_sentence_and_clause_starts_found_by_bisection_agree_with_the_walk_back():
    """_sentence_start/_clause_start look the start up in marks found once per text (linear on a long
    list of quantities with no 。); the answer must be the character walk's, digit commas included."""
    import random

    from ipplan.parse.targets import base
    rng = random.Random(7)
    alphabet = "。!?\n,;:12a新增 "
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        for pos in range(len(text) + 1):
            assert base._sentence_start(text, pos) == _old_sentence_start(text, pos), (text, pos)
            assert base._clause_start(text, pos) == _old_clause_start(text, pos), (text, pos)


def test_goal_word_in_agrees_with_searching_the_slice():
    """goal_word_in answers goal_words.search(text[start:end]) from word positions found once per text;
    overlapping words (将/将来), words cut by the end and empty ranges included."""
    import random

    from ipplan.parse.targets.words import _words
    words = _words()
    rng = random.Random(5)
    alphabet = list("力争预计将来拟今后未期望。,新增5")
    for _ in range(1500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1):
                assert words.goal_word_in(text, start, end) == bool(words.goal_words.search(text[start:end])), (
                    text, start, end)


def test_targets_validated_from_a_dict_equal_the_models_built_by_init() -> None:
    from decimal import Decimal

    from ipplan.parse import extract
    from ipplan.parse.indicators import load_lexicon
    from ipplan.parse.targets import Found
    from ipplan.schema.models import Result, Target

    lexicon = load_lexicon()
    founds = [Found(name="有效发明专利拥有量", value=Decimal("100"), low=None, high=None, unit="件", op=">=", year=2025,
                    start=0, end=5),
              Found(name="研发投入", value=None, low=Decimal("2.5"), high=Decimal("3"), unit="%", op="range", year=None,
                    start=0, end=5, scope="企业", kind="预期性"),
              Found(name="反的范围", value=None, low=Decimal("5"), high=Decimal("3"), unit="个", op="range", year=None,
                    start=0, end=5),  # low above high: rejected
              Found(name="年份不对", value=Decimal("1"), low=None, high=None, unit="个", op="=", year=1800, start=0, end=5)]
    for found in founds:
        kw = dict(name=found.name, scope=found.scope, value=found.value, low=found.low, high=found.high,
                  unit=found.unit, op=found.op, line=3, raw="原文", path=["1", "2"])
        key = extract.match_indicator(found.name, lexicon)
        try:
            slow: object = Target(**kw, key=key, year=found.year or 2025, kind=found.kind or None, source="text")
        except ValueError:
            slow = None
        fast = extract._target(found, source="text", line=3, raw="原文", path=["1", "2"], year=2025, lexicon=lexicon)
        assert (fast is None) == (slow is None), found
        if fast is not None:
            assert fast == slow and fast.model_fields_set == slow.model_fields_set  # type: ignore[union-attr]
            assert fast.model_dump_json() == slow.model_dump_json()  # type: ignore[union-attr]
        try:
            slow = Result(**kw, key=key, year=found.year, marker="已", source="table")
        except ValueError:
            slow = None
        fast = extract._result(found, "已", line=3, raw="原文", path=["1", "2"], year=found.year, lexicon=lexicon,
                               source="table")
        assert (fast is None) == (slow is None), found
        if fast is not None:
            assert fast == slow and fast.model_fields_set == slow.model_fields_set  # type: ignore[union-attr]
            assert fast.model_dump_json() == slow.model_dump_json()  # type: ignore[union-attr]


def test_result_marker_prechecks_agree_with_the_patterns() -> None:
    import random

    pieces = ["要", "计划", "计划新增", "重要", "需要", "预计划", "年", "2023年", "103年", "2023", "比2020年", "在2020年基础上",
              "增长", "5%", ",", "。", " ", "到", "实现", "已"]
    rnd = random.Random(11)
    blockers = context._words().past_year_blockers
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 8)))
        start = rnd.randint(0, len(text))
        pos = rnd.randint(start, len(text))
        if context._CLAUSE_GOAL.search(text, start, pos):
            assert "要" in text[start:pos] or "计划" in text[start:pos], text
        for roc in (False, True):
            slow = [y for p, y in context.years_written(text[start:pos], roc)
                    if not blockers.search(text, max(start, start + p - 3), start + p)
                    and not context.rx.match(context._BASE_AFTER, text, pos=start + p)]
            assert context._own_years(text, start, pos, roc) == slow, (text, start, pos)


def test_escape_leaves_letters_and_digits_as_regex_escape_does() -> None:
    import regex

    from ipplan.parse.numbers import unit_table
    from ipplan.parse.targets import words

    for code in range(0x110000):
        ch = chr(code)
        if ch.isalnum():
            assert regex.escape(ch) == ch, hex(code)
    lists = words._words()._lists
    for word in [w for ws in lists.values() for w in ws] + unit_table().words() + ["a b", "3.5", "套(间)", "%", "-"]:
        assert words._escape(word) == regex.escape(word), word


def test_read_qty_prechecks_hold() -> None:
    """`_read_qty` tries `_SLASH` and `_POST` only after `/`, whitespace or a first letter of a `_POST` word, and
    tells a Chinese numeral by its first character: each holds for what the patterns see."""
    import regex

    from ipplan.parse.targets import quantities, words

    space = regex.compile(r"\s")
    assert all(chr(c).isspace() for c in range(0x110000) if space.match(chr(c)))  # regex's \s within isspace
    post_words = regex.search(r"\((.*)\)", quantities._POST.pattern).group(1).split("|")
    assert {w[0] for w in post_words} == set(quantities._POST_FIRSTS)
    digit = regex.compile(r"\d")
    for text in _quantity_texts():
        for m in words._lex().qty.finditer(text):
            n1 = m.group(words.Q_N1)
            assert (n1[0] in quantities._CN_FIRSTS) == (not digit.match(n1)), text


def test_trail_and_name_prechecks_agree_with_the_patterns() -> None:
    import random

    import regex

    from ipplan.parse.targets import words

    space = regex.compile(r"\s")
    assert all(chr(c) == " " or not chr(c).isprintable() for c in range(0x110000) if space.match(chr(c)))  # clean_name
    w = words._words()
    pieces = list(w._lists["name_trailers"]) + ["高新技术企业", "达", ",", "、", " ", "\n", "\u3000", "x", "年", "2025年"]
    rnd = random.Random(9)
    for _ in range(4000):
        name = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 5)))
        assert w.strip_trail(name) == w.trail.sub("", name), name


def test_goal_word_in_agrees_with_the_pattern_on_short_and_long_spans() -> None:
    import random

    from ipplan.parse.targets import words

    w = words._words()
    pieces = list(w._lists["goal_words"])[:12] + ["新增", "专利", "5件", ",", "。", "力", "争", "将来", "x" * 40, "知识产权" * 12]
    rnd = random.Random(4)
    long = 0
    for _ in range(1500):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 90)))
        for _ in range(5):
            start = rnd.randint(0, len(text))
            end = rnd.randint(start, len(text))
            long += end - start > words._SHORT_SPAN  # these take the cached positions
            assert w.goal_word_in(text, start, end) == bool(w.goal_words.search(text[start:end])), (text, start, end)
    assert long > 300
