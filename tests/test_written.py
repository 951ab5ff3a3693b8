"""The source spelling of normalised strings: the run-at-a-time `as_written` agrees with the per-character rule."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from ipplan.parse import assemble, written
from ipplan.parse.normalise import normalise
from ipplan.parse.span import LineIndex, Span
from ipplan.parse.written import (_as_written_loop, _normalised_view, _normalised_view_loop, as_written,
                                  joined_as_written, line_as_written, title_as_written)

from conftest import CORPUS, CORPUS_DIR, SEEDS, SEEDS_DIR

# full-width and odd punctuation, traditional characters (one whose phrase and per-character forms differ:
# 蕭乾 is 萧乾 as a phrase, 乾 alone is 干), spaces of every width, tabs, markdown marks
_TRICKY = [
    "（一）加強知識產權保護，推進專利轉化運用：到２０２５年，ＰＣＴ達到６００件。",
    "一、 主要 任务\n1．加强  知识产权保护（责任单位：市市场监管局，市科技局）\n（3分）",
    "蕭乾於是乎他們在這裡開會﹒乾隆﹐篤麼\u3000\u3000發展\ufe55\uff61\uff64",
    "## **标题**\n| 序号 | 指标 |\n<br>\t2025年\u00a0\u2003目标\ufeff",
    "𠀀𪜀𫝀𬺰\U0002f800\U0002f81a丽\uf900\uf902臺灣",
]


def _random_case(rng: random.Random) -> tuple[str, Span, str]:
    """An original text, a span over it (normalised, with joined lines, odd and out-of-range positions) and
    a string derived from the span by deleting, inserting and replacing characters."""
    original = "".join(rng.choice(_TRICKY)[rng.randrange(10):] for _ in range(rng.randrange(1, 4)))
    lines = normalise(original, script=rng.choice(["simplified", "traditional"])).lines
    span = Span.join([line for line in lines if line.text], rng.choice(["\n", "", " "]))
    if rng.random() < 0.3 and span.pos:  # positions a length-changing conversion spread, or out of range
        pos = list(span.pos)
        for _ in range(rng.randrange(1, 4)):
            pos[rng.randrange(len(pos))] = rng.choice([-1, len(original), len(original) + 5, pos[0], rng.randrange(
                len(original) or 1)])
        span = Span(span.text, tuple(pos))
    chars = list(span.text)
    for _ in range(rng.randrange(0, 8)):
        op = rng.random()
        at = rng.randrange(len(chars) + 1)
        if op < 0.4 and at < len(chars):
            del chars[at:at + rng.randrange(1, 4)]
        elif op < 0.7:
            chars.insert(at, rng.choice("\n 。,:()一乾于干国國ＡA"))
        elif at < len(chars):
            chars[at] = rng.choice("。,:()一乾于干国國ＡA\n")
    normalised = "".join(chars)
    if rng.random() < 0.2:  # a prefix, as a title is
        normalised = span.text[: rng.randrange(len(span.text) + 1)]
    return normalised, span, original


@pytest.mark.parametrize("table", [False, True])
@pytest.mark.parametrize("cap", [None, 8])
def test_as_written_agrees_with_the_per_character_rule_on_random_tricky_cases(cap, table, monkeypatch):
    if cap:  # offsets beyond the table of consecutive offsets are read one by one
        monkeypatch.setattr(written, "_OFFSETS", ())
        monkeypatch.setattr(written, "_OFFSETS_CAP", cap)
    # traditional text simplified one text at a time (a process's first texts), or by the table
    written._view_table()
    monkeypatch.setattr(written, "_VIEW_TABLE", written._VIEW_TABLE if table else [])
    monkeypatch.setattr(written, "_TABLE_AFTER", 0 if table else 10 ** 9)
    written._spell_short.cache_clear()  # short spellings remembered by the other way would hide this one
    rng = random.Random(20261201)
    for _ in range(3000):
        normalised, span, original = _random_case(rng)
        assert as_written(normalised, span, original) == _as_written_loop(normalised, span, original), (
            normalised, span, original)


@pytest.mark.parametrize("table", [False, True])
def test_joined_as_written_is_as_written_on_the_joined_span(table, monkeypatch):
    """Parts spelled one by one with the separators between them: the joined span's spelling, for empty
    parts, parts from anywhere in the input, separators of any length (one the input may spell, such as a
    full-width `，` where "," is joined) and positions out of range."""
    written._view_table()
    monkeypatch.setattr(written, "_VIEW_TABLE", written._VIEW_TABLE if table else [])
    monkeypatch.setattr(written, "_TABLE_AFTER", 0 if table else 10 ** 9)
    written._spell_short.cache_clear()  # short spellings remembered by the other way would hide this one
    rng = random.Random(20261202)
    for _ in range(3000):
        _, span, original = _random_case(rng)
        parts = []
        for _ in range(rng.randrange(1, 6)):
            a = rng.randrange(len(span.text) + 1)
            b = rng.choice([a, min(len(span.text), a + rng.randrange(1, 30))])
            parts.append(span[a:b])
        if rng.random() < 0.2:  # a position at or past the end, or before the start, as the first or last
            part = parts[rng.randrange(len(parts))]
            if part.pos:
                pos = list(part.pos)
                pos[rng.choice([0, -1])] = rng.choice([-1, len(original), len(original) + 3])
                parts[parts.index(part)] = Span(part.text, tuple(pos))
        sep = rng.choice(["\n", "", " ", ",", "\n\n", "。"])
        joined = Span.join(parts, sep)
        assert joined_as_written(parts, sep, original) == _as_written_loop(joined.text, joined, original), (
            parts, sep, original)


def test_text_with_layout_spaces_removed_agrees_with_the_rule(monkeypatch):
    """Runs of white space removed (as `tidy` does), kept, partly kept or too long for the window, in
    texts and their prefixes (titles): the stretch-at-a-time sources give the rule's spelling, and the
    shortcut is taken for most of them (it answers None, for the loop, where it cannot be sure)."""
    from ipplan.parse.assemble import tidy_text

    taken = []
    real = written._sources_without_spaces

    def spy(*args):
        out = real(*args)
        taken.append(out is not None)
        return out

    monkeypatch.setattr(written, "_sources_without_spaces", spy)
    rng = random.Random(20261203)
    words = ["加强", "知识产权", "ＰＣＴ", "2025", "AB", "（一）", "，", "。", "產權", "乾", "x", "\n"]
    spaces = [" ", "  ", "\u3000", "\t", "\u00a0", " \u3000 ", " " * 11, " " * 12, "\u3000" * 13]
    for _ in range(3000):
        original = "".join(rng.choice(words) + (rng.choice(spaces) if rng.random() < 0.4 else "")
                           for _ in range(rng.randrange(1, 12)))
        lines = normalise(original, script=rng.choice(["simplified", "traditional"])).lines
        span = Span.join([line for line in lines if line.text], "\n")
        if rng.random() < 0.5:  # layout spaces inside a line, as a joined PDF line keeps them
            run = rng.choice(["  \u3000", "\t", " " * 11, " " * 12, "\u3000" * 13])
            span = Span.join([span, Span(run, tuple(range(3, 3 + len(run)))), span], rng.choice(["", "\n"]))
        text = span.text
        op = rng.random()
        if op < 0.5:
            normalised = tidy_text(text)
        elif op < 0.8:  # some runs removed, others kept
            normalised = "".join(part if not part.isspace() or rng.random() < 0.3 else ""
                                 for part in __import__("re").split(r"([^\S\n]+)", text))
        else:  # a run partly kept, or a character replaced
            chars = list(tidy_text(text))
            if chars:
                chars[rng.randrange(len(chars))] = rng.choice([" ", "一", "\n"])
            normalised = "".join(chars)
        if rng.random() < 0.3:
            normalised = normalised[:rng.randrange(len(normalised) + 1)]
        assert as_written(normalised, span, original) == _as_written_loop(normalised, span, original), (
            normalised, span, original)
    assert sum(taken) > len(taken) / 2


def test_as_written_on_hand_made_cases():
    original = "（一）加強知識產權保護，蕭乾；\n２．推進"
    lines = normalise(original, script="traditional").lines
    span = Span.join(lines, "\n")
    assert span.text == "(一)加强知识产权保护,萧乾;\n2.推进"
    cases = [
        span.text,  # all of it: one run
        span.text[:8],  # a prefix (a title)
        "(一)加强知识产权保护",
        "加强知识产权保护,萧乾;2.推进",  # a joined line's break dropped
        "(一)加强 知识产权保护 ,萧乾",  # characters that have no source
        "萧干",  # 乾 alone is 干, so the source spells it
        "推进(一)",  # back to a place before the current one: no source
        "",
    ]
    for normalised in cases:
        assert as_written(normalised, span, original) == _as_written_loop(normalised, span, original), normalised
    assert as_written(span.text, span, original) == original
    # the window: a character 12 places after the last match is found, 13 places after it is not
    for gap, expected in ((11, "甲國"), (12, "甲国")):
        source = "甲" + "一二三四五六七八九十百千"[:gap] + "國"
        window = Span("甲" + source[1:-1] + "国", tuple(range(len(source))))
        assert as_written("甲国", window, source) == _as_written_loop("甲国", window, source) == expected
    # a span whose text was not folded (the loop's first test: the source is the character itself)
    unfolded = Span("（一）", (0, 1, 2))
    assert as_written("（一）", unfolded, "（一）") == _as_written_loop("（一）", unfolded, "（一）") == "（一）"
    # consecutive offsets that run past the end of the input
    past_end = Span("(一)x", (0, 1, 2, 3))
    assert as_written("(一)x", past_end, "（一）") == _as_written_loop("(一)x", past_end, "（一）") == "（一）x"
    out_of_range = Span(span.text[:4], (0, 1, 99, -1))
    assert as_written("(一)加", out_of_range, original) == _as_written_loop("(一)加", out_of_range, original) == "（一)加"


@pytest.mark.parametrize("name", SEEDS + CORPUS)
def test_as_written_agrees_with_the_rule_on_every_call_a_parse_makes(name, monkeypatch):
    """Seeds and corpus notices (two traditional): every label, title and text the assembler spells."""
    calls = []

    def spy(normalised: str, span: Span, original: str) -> str:
        calls.append((normalised, span, original))
        return as_written(normalised, span, original)

    joins = []

    def spy_joined(parts: list[Span], sep: str, original: str) -> str:
        joins.append((parts, sep, original))
        return joined_as_written(parts, sep, original)

    monkeypatch.setattr(assemble, "as_written", spy)
    monkeypatch.setattr(assemble, "joined_as_written", spy_joined)
    import ipplan.parse

    path = (SEEDS_DIR if name in SEEDS else CORPUS_DIR) / name
    ipplan.parse.parse_bytes(Path(path).read_bytes(), source=name)
    assert calls and joins
    for normalised, span, original in calls:
        assert as_written(normalised, span, original) == _as_written_loop(normalised, span, original)
    for parts, sep, original in joins:  # a node's text, its paragraphs joined
        span = Span.join(parts, sep)
        assert joined_as_written(parts, sep, original) == _as_written_loop(span.text, span, original)


def test_fold_is_the_translation_table():
    from ipplan.parse.normalise import _TABLE

    rng = random.Random(3)
    alphabet = [chr(c) for c in _TABLE] + list("加强知识产权，。、（）ab 1\n\t") + ["\U00020000"]
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        assert written._fold(text) == text.translate(_TABLE)
    # one replacement after another is one translation: no folded form is folded again (but to itself)
    assert all(ord(folded) not in _TABLE or _TABLE[ord(folded)] == folded for folded in _TABLE.values())


def test_normalised_view_agrees_with_the_per_character_rule():
    rng = random.Random(7)
    texts = _TRICKY + ["", "\n", "abc", "甲\n於是乎他們在這裡開會\n乙"]
    texts += ["".join(rng.choice(_TRICKY)) for _ in range(50)]
    # simplified lines (told apart without OpenCC) holding one traditional character GB2312 has (於, 乾) or
    # lacks (國), an astral one, or characters GB2312 lacks that are no Han (em dash, no-break space)
    simplified = "上海市知识产权局2023年工作要点，（一）推进—\u00a0"
    for _ in range(300):
        chars = [rng.choice(simplified) for _ in range(rng.randrange(0, 40))]
        if chars and rng.random() < 0.5:
            chars[rng.randrange(len(chars))] = rng.choice(["於", "乾", "國", "丽", "𠀀", "\U0002f800", "\u2003"])
        texts.append("".join(chars))
    for text in texts:
        assert _normalised_view(text) == _normalised_view_loop(text), text
        assert len(_normalised_view(text)) == len(text)


def test_traditional_list_is_every_character_t2s_changes_alone():
    """`_normalised_view` converts only listed characters, so the list must be complete, not only correct."""
    import opencc

    from ipplan.parse.normalise import _traditional_chars

    t2s = opencc.OpenCC("t2s")
    listed = _traditional_chars()
    ranges = [(0x3400, 0xA000), (0xF900, 0xFB00), (0x20000, 0x2A6E0)]
    chars = [chr(c) for lo, hi in ranges for c in range(lo, hi)]
    converted = t2s.convert("\n".join(chars)).split("\n")
    assert len(converted) == len(chars)
    assert {a for a, b in zip(chars, converted) if a != b} == listed
    # on its own line a character converts as it does alone (no phrase spans a line break)
    sample = sorted(listed)[::7] + ["乾", "麼", "於", "著"]
    assert [t2s.convert(ch) for ch in sample] == t2s.convert("\n".join(sample)).split("\n")


def test_title_as_written_reads_the_title_line_and_two_more():
    original = "关于印发\n《加强知识产权保护（２０２１—２０２５年）\n行动方案》的通知\n各区\n"
    index = LineIndex(original)
    assert title_as_written("关于印发《加强知识产权保护(2021—2025年)行动方案》的通知", 1, index) == (
        "关于印发《加强知识产权保护（２０２１—２０２５年）行动方案》的通知")
    assert title_as_written("各区", 4, index) == "各区"
    assert title_as_written("各区", 9, index) == "各区"  # past the end: as normalised
    assert title_as_written(None, 1, index) is None
    assert line_as_written("(一)", "（一）", 0, 3) == "（一）"


class _CountedTuple(tuple):  # type: ignore[type-arg]
    sliced = 0

    def __getitem__(self, item):  # type: ignore[no-untyped-def]
        if isinstance(item, slice):
            _CountedTuple.sliced += len(range(*item.indices(len(self))))
        return super().__getitem__(item)


class _CountedStr(str):
    sliced = 0

    def __getitem__(self, item):  # type: ignore[no-untyped-def]
        if isinstance(item, slice):
            _CountedStr.sliced += len(range(*item.indices(len(self))))
        return super().__getitem__(item)


def test_as_written_does_linear_work_on_a_text_of_many_lines():
    """Thousands of joined lines (a stretch of offsets each) and of removed spaces (a run each): the
    elements sliced for comparison grow with the text, not with its square (wall time is not asserted)."""
    lines = 4000
    original = "".join(f"推进 专利{i % 10}。\n" for i in range(lines))
    span = Span.join([line for line in normalise(original).lines if line.text], "\n")
    span = Span(span.text, _CountedTuple(span.pos))
    normalised = _CountedStr(span.text.replace(" ", ""))
    _CountedTuple.sliced = _CountedStr.sliced = 0
    assert as_written(normalised, span, original) == _as_written_loop(str(normalised), span, original)
    assert _CountedTuple.sliced + _CountedStr.sliced < 40 * len(span)


def test_view_table_is_the_one_for_one_spelling_of_every_character_it_holds():
    """`_spell`'s translate table gives what `_normalised_view_loop` gives, character by character,
    for every character t2s changes alone, every character that folds, and a sample of the rest."""
    from ipplan.parse.normalise import _TABLE, _traditional_chars

    table = written._view_table()
    assert len(table) == 0x10000
    chars = sorted(ch for ch in _traditional_chars() if ch < "\U00010000")
    chars += [chr(c) for c in _TABLE] + [chr(c) for c in range(0, 0x10000, 97) if not 0xD800 <= c < 0xE000]
    for ch in chars:
        assert ch.translate(table) == _normalised_view_loop(ch), (ch, hex(ord(ch)))


def test_short_prefixes_agree_with_the_rule():
    """The shortcut for a label (up to three characters written as they read, at consecutive offsets)."""
    rng = random.Random(44)
    # repeated characters let a gap or a repeat in the offsets read the same text as consecutive ones
    originals = ["(一)推进", "（一）推進", "1.加强", "1．加強", "一、主要", "(1)ab", "①发展", "(10)x", "1１1１", "(（(（", "11x１", "((x（"]
    for _ in range(4000):
        original = rng.choice(originals) * rng.randrange(1, 3)
        n = rng.randrange(1, 5)
        start = rng.randrange(len(original))
        pos = list(range(start, start + 6))
        if rng.random() < 0.4:  # a gap, a repeat, or an offset outside the input
            pos[rng.randrange(6)] = rng.choice([-1, start, start + 3, len(original), len(original) + 2])
        text = "".join(original[p] if 0 <= p < len(original) else "x" for p in pos)
        text = written._normalised_view(text) if rng.random() < 0.5 else text
        span = Span(text, tuple(pos))
        normalised = text[:n]
        assert as_written(normalised, span, original) == _as_written_loop(normalised, span, original), (
            normalised, span, original)


def test_no_traditional_character_passes_for_simplified_gb2312_text():
    """`_all_gb2312_simplified` says True only where the traditional list has no character of the text:
    every listed character (alone, among simplified text and beside a character GB2312 lacks) makes it
    False, as do astral characters; simplified text with em dashes and em spaces is True."""
    from ipplan.parse.normalise import _traditional_chars

    check = written._all_gb2312_simplified
    for ch in _traditional_chars():
        assert not check(ch) and not check("上海市—" + ch + "\u2003工作"), ch
    assert not check("\U0002f800") and not check("𠀀")
    assert check("上海市浦东新区知识产权局2023年工作要点—\u2003（一），“强化”") and check("")
