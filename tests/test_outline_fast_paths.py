"""Fast paths of the outline stage agree with the slow ways they stand for (they must, for byte-identical output).

read_label tries only the patterns whose first character class holds the character at the position;
the outline looks for inline labels only where a label can start; display widths and wrap widths are
counted without a Python loop per character. Each is compared here with the plain way on tricky input:
digits of other scripts, zero labels that fall through to a later family, damaged dots, brackets,
positions at and past the end.
"""
from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

import pytest

from ipplan.parse import labels
from ipplan.parse.labels import (Label, _all_forms, _key, _read_with, implied_key, read_bare_label, read_label,
                                 read_loose_label)

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))

TRICKY = [
    "一、总体要求", "十二、", "零、不是标题", "〇.", "二.5", "三\ue010推进", "三\ue010 推进", "百、", "两、",
    "壹、总则", "拾贰、", "貳.", "(一)主要任务", "( 十 )", "(零)", "(1)推进", "( 12 )", "(0)", "1)", "0)", "12)",
    "1))", "123)", "1.推进", "1.2亿元", "1..", "01、", "0、", "000.", "1\ufffd推进", "1\x07", "1\x07 ", "12 、",
    "第一章 总则", "第 3 章", "第二节", "第十条", "第十条款", "第一部分 ", "第一编", "第一部分", "第零章", "第0条",
    "①推进", "⑳", "⑴推进", "⒇", "⒈推进", "⒛", "١.推进", "١、", "１、推进", "１.", "٣)", "𑽑、", "߁.", "〇〇、",
    "", " ", "(", "第", "1", "①", "\t1.", ":一、", "一 、", "一  .", "1 .", "1\t.", "⑵⑶",
]


@lru_cache(maxsize=1)
def _texts() -> tuple[str, ...]:
    texts = list(TRICKY)
    rng = random.Random(7)
    alphabet = list("一二十零〇两百壹拾貳第章节条款编部分()、.:;。 \t\ue010\ufffd\x07①⑩⑴⒈0123９١") + ["推", "年"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8))) for _ in range(3000)]
    for path in SEEDS:
        texts += path.read_text(encoding="utf-8", errors="replace").splitlines()[:200]
    return tuple(texts)


def test_read_label_agrees_with_trying_every_pattern():
    for text in _texts():
        for at in range(-1, len(text) + 2):
            fast = read_label(text, at)
            slow = _read_with(_all_forms(), text, at) if 0 <= at else fast
            assert fast == slow, (text, at)


def test_remembered_label_reads_agree_with_reading_afresh():
    """read_label remembers a read by the text up to the first character no form can consume: the same
    prefix before many different continuations (a digit, a space, 款, a dot, the end, a long run) reads
    as the whole text does, in any order, at any position, and past the memo's bound."""
    rng = random.Random(23)
    alphabet = list("一二十零〇两百壹拾貳第章节条款编部分()、.:; \t\u3000\ue010\ufffd\x07①⑩⑴⒈0123９١𑽑") + [
        "推", "年", "a", "\uffff", "。"]
    prefixes = ["1.", "1", "(一)", "(一", "第一", "第一部", "第 十 条", "一 ", "12 ", "三\ue010", "(", "2025", "⑴", "壹"]
    texts = [p + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24))) for p in prefixes for _ in range(400)]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(4000)]
    texts += ["1." * 40, "1" * 40, " " * 30 + "1.", "(" + " " * 20 + "一)"]
    for round_ in range(2):
        labels._READ.clear(), labels._READ_TO_END.clear()
        rng.shuffle(texts)
        for text in texts:
            for at in range(len(text)):
                assert read_label(text, at) == _read_with(_all_forms(), text, at), (text, at, round_)
    for ch in labels._LABEL_CHARS:
        assert not labels._stops_labels(ch), repr(ch)


def test_every_pattern_starts_where_the_table_says():
    """No pattern matches at a character outside its first-character class (the table's premise)."""
    for text in _texts():
        for at in range(len(text)):
            candidates = labels._CANDIDATES.get(text[at]) or labels._candidates(text[at])
            for form in _all_forms():
                if form not in candidates:
                    assert form[1].match(text, at) is None, (text, at, form[0])


def test_loose_and_bare_labels_agree_with_their_patterns():
    """read_loose_label and read_bare_label try their pattern only on a line that starts with a digit."""
    import regex

    loose, bare = regex.compile(labels._LOOSE_ARABIC), regex.compile(labels._BARE_ARABIC)
    texts = list(_texts()) + _random_texts("0129١１٣. ,推年“一", 20000, 13)
    for text in texts:
        match = loose.match(text)
        assert read_loose_label(text) == (match and Label("arabic", int(match.group(1)), text[:match.end()].strip(),
                                                          match.end())), text
        match = bare.match(text)
        assert read_bare_label(text) == (match and Label("arabic", int(match.group(1)), text[:match.end()].strip(),
                                                         match.end())), text


@pytest.mark.parametrize("family,number,raw", [
    ("cn", 3, "三、"), ("cn", 3, "三 、"), ("arabic", 12, "12."), ("arabic", 1, "1\ue010"), ("arabic", 1, "⒈"),
    ("paren_arabic", 2, "⑵"), ("paren_cn", 1, "( 一 )"), ("tw", 2, "貳、"), ("zh_chapter", 1, "第 一 章"),
    ("arabic", 4, ""), ("cn", 21, ""), ("circled", 3, ""), ("tw", 3, ""),
])
def test_label_key_is_remembered_not_changed(family, number, raw):
    import regex

    expected = implied_key(family, number) if not raw or raw in labels._ONE_CHAR else regex.sub(r"\s+", "", raw)
    if raw and raw not in labels._ONE_CHAR and family in ("cn", "tw", "arabic"):
        expected = regex.sub(r"(?:[、.,]|[\p{Co}\p{Cc}\uFFFD])+$", "", expected)
    assert Label(family, number, raw, 0).key == expected == _key(family, number, raw)


def _random_texts(alphabet: str, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(count)]


def test_inline_boundary_finds_the_plain_boundaries_where_a_label_can_start():
    import regex

    from ipplan.parse.outline import _inline_starts

    plain = regex.compile(r"(?<=[。;:!?)”」])\s*|(?<=\S)\s+")
    # \x1c-\x1f are white space to `re` but not to `regex`; 𑵐 (U+11D50) is a digit to `regex` but not to `re`
    texts = list(_texts()) + _random_texts("。;:!?)”」 \t\u3000\x1c\x1f\x85\u200b一二(1١a第①x推\U00010d40𠀀、", 20000, 11)
    for path in SEEDS:
        texts.append(path.read_text(encoding="utf-8", errors="replace"))
    for text in texts:
        expected = [m.end() for m in plain.finditer(text) if 0 < m.end() < len(text)
                    and read_label(text, m.end()) is not None]
        found = [at for at in _inline_starts(text) if read_label(text, at) is not None]
        assert found == expected, text


def test_display_width_counts_wide_characters_twice():
    import regex

    from ipplan.parse.layout import display_width

    wide = regex.compile(r"[\u2e80-\U0010ffff]")
    rng = random.Random(3)
    points = [0x41, 0x7f, 0x80, 0x2014, 0x2dff, 0x2e00, 0x2e7f, 0x2e80, 0x2eff, 0x2f00, 0x3000, 0x4e00, 0xd800, 0xdfff, 0xff0c, 0x10000, 0x10ffff]
    texts = list(_texts()) + ["".join(chr(rng.choice(points)) for _ in range(rng.randint(0, 9))) for _ in range(5000)]
    for text in texts:
        assert display_width(text) == len(text) + len(wide.findall(text)), repr(text)


def test_display_widths_of_joined_texts_are_each_texts_width():
    """display_widths counts all texts in one pass, split at a separator whose first UTF-16 byte is 0x2D;
    texts holding such a character (ⴰ, ⴀ), one of 0x2E (⸀), an astral one or a lone surrogate agree too."""
    from ipplan.parse.layout import display_width, display_widths

    rng = random.Random(4)
    points = [0x41, 0x7f, 0x80, 0x2014, 0x2cff, 0x2d00, 0x2d30, 0x2dff, 0x2e00, 0x2e80, 0x2f00, 0x3000, 0x4e00,
              0xd800, 0xff0c, 0x10000]
    common = [0x41, 0x4e00, 0x3002, 0x201c, 0x31]
    for _ in range(3000):
        pool = points if rng.random() < 0.3 else common
        texts = ["".join(chr(rng.choice(pool)) for _ in range(rng.randint(0, 40))) for _ in range(rng.randint(0, 12))]
        assert display_widths(texts) == [display_width(text) for text in texts], texts


def test_wrap_width_counts_only_lines_that_can_reach_thirty_columns():
    from ipplan.parse.layout import display_width, wrap_width
    from ipplan.parse.segment import FINAL_PUNCT, Piece
    from ipplan.parse.span import Span

    def plain(pieces: list[Piece]) -> int | None:  # wrap_width as it was, every line measured
        widths = [display_width(p.span.text) for p in pieces if p.kind == "text"]
        if len(widths) < 20:
            return None
        open_ended = sorted(w for p, w in zip((p for p in pieces if p.kind == "text"), widths)
                            if p.span.text[-1] not in FINAL_PUNCT and w >= 30)
        if len(open_ended) < 10:
            return None
        top = open_ended[int(len(open_ended) * 0.8)]
        near = [w for w in open_ended if top - 10 <= w <= top + 4]
        return top - 10 if len(near) >= 0.4 * len(open_ended) else None

    rng = random.Random(5)
    for _ in range(300):
        lines = ["".join(rng.choice("推进a1,。 ") for _ in range(rng.randint(1, 40))) for _ in range(rng.randint(15, 40))]
        pieces = [Piece("text", Span(t, tuple(range(len(t))))) for t in lines]
        assert wrap_width(pieces) == plain(pieces)


def test_start_class_holds_exactly_the_characters_a_label_can_start_with():
    import regex

    start = regex.compile(labels.START_CLASS)
    listed = "".join(chars for *_, chars in labels._FORMS if chars)
    points = list(range(0x20, 0x3000)) + list(range(0x3000, 0xA000, 7)) + [0x11F50, 0x1D7CE, 0xFF11]
    points += [ord(ch) + step for ch in listed for step in (-1, 0, 1)]
    for ch in map(chr, points):
        assert bool(start.match(ch)) == bool(labels._CANDIDATES.get(ch) or labels._candidates(ch)), repr(ch)


def test_heading_like_agrees_with_the_plain_tests():
    import regex

    from ipplan.parse.brackets import unbalanced
    from ipplan.parse.layout import _WEAK_ENDS, heading_like

    def plain(text: str) -> bool:  # heading_like as it was written before its shortcuts
        text = regex.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text.strip())
        if not text:
            return False
        if len(text) > 32 or any(p in text[:-1] for p in "。;!?"):
            return False
        if ("," in text or "、" in text or ":" in text[:-1]) and len(text) > 22:
            return False
        if text[-1] in _WEAK_ENDS and len(text) > 8:
            return False
        return not unbalanced(text)

    texts = list(_texts()) + _random_texts("推进的,,、:。;!?()4000 1", 5000, 17)
    texts += ["".join(random.Random(n).choice("推4,0") for _ in range(n % 40)) for n in range(2000)]
    for text in texts:
        assert heading_like(text) == plain(text), text


def test_anchored_outline_patterns_are_tried_only_where_they_can_match():
    import regex

    from ipplan.parse import outline

    texts = list(_texts()) + _random_texts("附件表专栏1: 一。推", 5000, 19) + ["附件", "附件1", "附 件 2:分解表", "附表3 指标",
                                                                     "表1、任务一览表:", "专栏3 重点工程", "专栏"]
    for pattern in (outline._ATTACHMENT_MARK, outline._ATTACHMENT, outline._BOX, outline._PROSE_TABLE):
        plain = regex.compile(pattern)
        for text in texts:
            found, expected = outline._starting(pattern, text), plain.match(text)
            assert (found and found.group(0)) == (expected and expected.group(0)), (pattern, text)
            if text[:1] not in outline._ANCHOR_FIRSTS:  # the build loop's precheck: none of the four is tried
                assert expected is None, (pattern, text)


def test_last_printing_character_is_what_rstrip_leaves_last():
    from ipplan.parse.labels import cn_number
    from ipplan.parse.outline import _last_printing

    for text in _random_texts("推 \t\u3000\x1c\x1f\x85\u200b\n。a", 5000, 21) + [""]:
        assert _last_printing(text) == text.rstrip()[-1:], repr(text)
    # cn_number's test for financial numerals, done with str.lstrip: as the per-character test
    def cn_number_plain(text: str) -> int | None:
        if text.isdigit():
            return int(text)
        if all(ch in labels.TW_DIGITS for ch in text):
            if len(text) == 1:
                return labels.TW_DIGITS[text]
            if text[0] == "拾":
                return 10 + labels.TW_DIGITS.get(text[1], 0)
            return None
        total, current = 0, 0
        for ch in text:
            if ch in labels.CN_DIGITS:
                current = labels.CN_DIGITS[ch]
            elif ch in labels.CN_UNITS:
                total += (current or 1) * labels.CN_UNITS[ch]
                current = 0
            else:
                return None
        return total + current or None

    for text in _random_texts("壹贰貳参參叁肆伍陆陸柒捌玖拾一二十百零1", 5000, 22):
        if text:
            assert cn_number(text) == cn_number_plain(text), text


def test_plan_title_precheck_is_a_necessary_condition():
    """`_maybe_part` tries PLAN_TITLE only on a line ending in a plan word or ")": the words are its own."""
    import regex

    from ipplan.parse.meta import PLAN_TITLE
    from ipplan.parse.outline import _PLAN_TITLE_ENDS, _PLAN_WORDS

    words = regex.search(r"\{4,80\}\(([^()]+)\)", PLAN_TITLE.pattern).group(1).split("|")
    assert sorted(words) == sorted(_PLAN_WORDS)
    texts = _random_texts("关于印发实施方案(2021-2025年)。;规划 行动a\n", 20000, 31)
    texts += [line for path in SEEDS for line in path.read_text(encoding="utf-8").split("\n")]
    for text in texts:
        if PLAN_TITLE.match(text) and "\n" not in text:
            assert text.endswith(_PLAN_TITLE_ENDS), text
