"""Round 4's fast paths of target extraction agree with the readings they replace (random and awkward texts)."""
from __future__ import annotations

import random

import pytest

from ipplan.parse import extract
from ipplan.parse.targets import base, context
from ipplan.parse.targets.base import _Shelter
from ipplan.parse.targets.words import _words

# digits of several scripts (isdigit but not isdecimal too), every clause and sentence mark, commas between digits
_PIECES = list(",;。:!?\n12０²①ab 年,,") + ["3,000", "1,2", ",5", "9,"]


def _texts(n: int, seed: int, pieces: list[str], longest: int = 14) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, longest))) for _ in range(n)]


def test_starts_by_split_agree_with_a_match_per_mark() -> None:
    for text in _texts(20000, 1, _PIECES):
        base._LAST_STARTS = ("", [], [])
        assert base._starts(text) == base._starts_by_match(text), text


def test_clause_end_by_bisection_agrees_with_the_walk() -> None:
    for text in _texts(8000, 2, _PIECES):
        for pos in range(len(text) + 2):
            assert base._clause_end(text, pos) == base._clause_end_walk(text, pos), (text, pos)


_YEAR_PIECES = list("。,;:甲乙 \n(《》)") + ["2025年", "到2024年、2025年", "“十四五”期末", "2026年全面", "由2023年底的",
                                            "截至2023年", "2024年和2025年分别达到", "十四五", "达到5家"]


def test_year_marks_before_a_position_are_the_first_of_all_marks() -> None:
    for text in _texts(3000, 3, _YEAR_PIECES, 10):
        shelter = _Shelter.of(text)
        full = context._year_marks(text, shelter)
        for before in range(len(text) + 2):
            assert context._year_marks(text, shelter, before) == [m for m in full if m[0] < before], (text, before)


@pytest.mark.parametrize("text", ["", "性", "期性", "预期性", "预期性约束性", "預期性\n約束性", "性期性", "期性性束性",
                                  "属性特性", "预期性" * 3, "约束性指标", "\n预期性\n约束性\n"])
def test_kind_word_precheck_is_necessary(text: str) -> None:
    if extract._fewer_than_two_kind_ends(text):
        assert sum(map(text.count, extract._KIND_WORDS)) < 2


def test_kind_word_precheck_on_random_texts() -> None:
    for text in _texts(20000, 4, list("预期约束性預約甲\n") + ["预期性", "约束性", "預期性", "約束性"], 8):
        if extract._fewer_than_two_kind_ends(text):
            assert sum(map(text.count, extract._KIND_WORDS)) < 2, text


def test_review_heading_remembered_per_title_agrees_with_the_patterns() -> None:
    words = _words()

    def plain(titles: list[str]) -> str | None:
        for title in titles:
            if words.goal_sections.search(title):
                return None
            if m := words.result_sections.search(title):
                return m.group(0)
        return None

    pool = ["一、发展基础", "二、主要目标", "(一)工作成效", "过去一年", "重点任务", "三、保障措施", "总体要求", "", "回顾与展望"]
    rnd = random.Random(5)
    for _ in range(2000):
        titles = [rnd.choice(pool) for _ in range(rnd.randint(0, 4))]
        assert context.review_heading(titles) == plain(titles), titles


def test_regex_whitespace_lies_within_str_isspace() -> None:
    import regex

    space = regex.compile(r"\s")
    for cp in range(0x110000):
        ch = chr(cp)
        if space.match(ch):
            assert ch.isspace(), hex(cp)


def test_starts_from_agrees_with_the_pattern() -> None:
    from ipplan.parse.targets.words import _STARTS_FROM, starts_from

    pieces = list("从由的年底末度 \n甲") + ["2023年", "104年", "现有", "目前的", "10件", "由现有的", "从2020年底的"]
    for text in _texts(20000, 6, pieces, 8):
        for pos in range(0, len(text) + 1, 2):
            for end in (len(text), max(pos, len(text) - 1)):
                assert starts_from(text, pos, end) == bool(_STARTS_FROM.search(text, pos, end)), (text, pos, end)


def test_right_name_with_prechecks_agrees_with_the_substitutions() -> None:
    from ipplan.parse import rx
    from ipplan.parse.targets import prose

    def plain(text: str, start: int, stop: int, listed: bool) -> str:
        r = text[start:stop]
        r = rx.sub(r"\([^()]*\d[^()]*\)", "", r)
        r = prose._cut_qualifiers(r)
        return rx.sub(r"(?:和|及|以及|与|或|、|等|\s)+$" if listed else r"(?:、|等|\s)+$", "", r)

    pieces = list("和及与或、等 \n\u3000()甲乙的5") + ["以及", "(含3家)", "(说明)", "1000万元以上的", "企业"]
    for text in _texts(20000, 7, pieces, 8):
        for listed in (False, True):
            assert prose._right_name(text, 0, len(text), listed) == plain(text, 0, len(text), listed), text


def test_numeric_name_precheck_is_necessary() -> None:
    from ipplan.parse import rx
    from ipplan.parse.targets import prose

    for cp in range(0x110000):
        ch = chr(cp)
        if rx.fullmatch(r"[\d\s.,%、]+", ch):
            assert prose._may_be_numeric(ch), hex(cp)


def test_shelter_covers_without_its_spans_agrees_with_the_spans() -> None:
    pieces = list("《》〔〕()“”\"甲乙5") + ["“短语”", "(3家)"]
    for text in _texts(6000, 8, pieces, 12):
        spans = _Shelter.of(text).spans
        for pos in range(len(text) + 1):
            fresh = _Shelter.of(text)  # spans not yet found: the precheck answers first
            assert fresh.covers(pos) == any(a < pos < b for a, b in spans), (text, pos)


def test_is_qualifier_with_prechecks_agrees_with_the_patterns() -> None:
    from ipplan.parse.targets import quantities as Q
    from ipplan.parse.targets.words import _lex

    lex = _lex()

    def plain(text: str, q: Q._Q) -> bool:
        i = q.end
        while True:
            if m := Q._PAREN_AFTER.match(text, i):
                i = m.end()
                continue
            if m := Q._AND_AFTER.match(text, i):
                nxt = lex.qty.match(text, m.end())
                if nxt:
                    i = Q._POST.match(text, nxt.end()).end()
                    continue
            break
        while i < len(text) and text[i].isspace():
            i += 1
        if (text.startswith("的", i) and not Q._DE_GOAL.match(text, i)
                and not (q.kind == "money" and _words().fund.match(text, i))):
            left = text[Q._clause_of(text, q):q.op_start]
            return not (q.kind == "count" and _words().goal_verb_ends(left))
        return False

    pieces = ["1000万元", "5家", "20%", "以上", "(含)", "、", "和", "或", " ", "\u3000", "的", "的目标", "机构", "新增",
              "企业", ",", "。", "3个", "专项基金", "\n"]
    seen = 0
    for text in _texts(6000, 9, pieces, 8):
        for q in Q._quantities(text):
            seen += 1
            assert Q._is_qualifier(text, q, lex) == plain(text, q), text
    assert seen > 4000


def test_year_patterns_start_only_with_the_listed_characters() -> None:
    tails = ["2025年,", "025年底,", "0年、2025年分别达到", "十四五”期末", "四五期间", "至2025年", "2024年和2025年,",
             "止到2023年底", "“十四五”期末", "", "年,"]
    for cp in range(0x30000):
        ch = chr(cp)
        if ch in context._YEAR_FIRSTS:
            continue
        for tail in tails:
            assert not context._YEAR_LIST.match(ch + tail) and not context._YEAR_MARK.match(ch + tail), hex(cp)


@pytest.mark.parametrize("text", ["到2025年,培育", "至2024年底", "截至2023年底,已", "2025年,全市", "1. 到2026年,",
                                  "(一)力争到2030年,", "“十四五”期末,达到", "十四五期间", "力争到2025年,", "一、2025年",
                                  "培育3家", "全市2025年", "到", "", " 到2025年,", "十、到2027年,", "确保2025年底前"])
def test_governing_year_prechecks_agree_with_the_patterns(text: str) -> None:
    from ipplan.parse import rx

    head = rx.sub(r"^(?:[\s—\-]|(?:\d+|[一二三四五六七八九十]+)[.、](?!\d)|\((?:\d+|[一二三四五六七八九十]+)\))+", "", text)
    head = rx.sub(r"^(?:力争|争取|预计|计划|确保)", "", head)
    if m := context._YEAR_LIST.match(head):
        expected = int(context._YEAR_NUM.findall(m.group(1))[-1])
    else:
        expected = context._mark_year(m) if (m := context._YEAR_MARK.match(head)) else None
    assert context.governing_year(text) == expected


def test_op_before_agrees_with_the_op_pattern() -> None:
    words = _words()
    ops = sorted(words.ops, key=len)[:40]
    pieces = list("达到为超过不少于 \n甲,") + ops
    for text in _texts(4000, 10, pieces, 6):
        for endpos in range(len(text) + 1):
            pos = max(0, endpos - 12)
            m = words.op_re.search(text, pos, endpos)
            assert words.op_before(text, pos, endpos) == (m.start() if m else None), (text, pos, endpos)


def test_each_and_list_separator_prechecks_agree_with_the_patterns() -> None:
    from ipplan.parse import rx
    from ipplan.parse.targets import prose

    pieces = list("各均、和及与或 \n甲乙,") + ["分别", "以及", "增长", "企业", "国家级", "省级"]
    for text in _texts(6000, 11, pieces, 10):
        phrase = text.rstrip()
        m = rx.search(r"(?:各|均|分别)(?P<tail>[^、,;。\d]{0,8})$", phrase)
        end = phrase[-10:]
        if m and len(phrase) <= 60:
            assert "各" in end or "均" in end or "分别" in end, text
        sep = prose._LIST_SEP.match(text)
        if sep:
            assert text[0] in "、和及以与或" or text[0].isspace(), text


def test_year_before_nian_is_necessary_for_a_year() -> None:
    import regex

    year = regex.compile(r"(?:19|20)\d{2}\s*年")
    pieces = list("年 \u3000\n12090０٢甲") + ["2025", "19", "20", "每年", "三年"]
    for text in _texts(30000, 12, pieces, 8):
        if year.search(text):
            assert context._year_before_nian(text), text


def test_quantity_scan_from_the_first_number_character_finds_every_match() -> None:
    from ipplan.parse.targets import quantities as Q
    from ipplan.parse.targets.words import _lex

    qty = _lex().qty
    pieces = list("个家件亿万元%年 ,、和到-~多余") + ["3", "10", "٣", "２", "2,398", "百分之五", "一", "两", "十二",
                                             "新增", "达到", "以上", "1.5", "18万119", "3-5"]
    for text in _texts(20000, 13, pieces, 10):
        first = Q._NUMBER_CHAR.search(text)
        everything = [(m.span(), m.groups()) for m in qty.finditer(text)]
        if first is None:
            assert not everything, text
        else:
            assert [(m.span(), m.groups()) for m in qty.finditer(text, first.start())] == everything, text


def test_repeats_helpers_agree_with_the_plain_readings() -> None:
    from ipplan.parse.indicators import name_bigrams
    from ipplan.parse.targets import repeats

    pieces = ["累计", "新增", "完成", "实现", "总计", "累", "新", "专利", "企业", " ", "PCT", "数量"]
    for name in _texts(6000, 14, pieces, 5):
        assert repeats._without_lead_verb(name) == repeats._LEAD_VERB.sub("", name), name
        assert repeats._grams(name) == name_bigrams(name), name
