"""The assembler's shortcuts give what the plain rules give (random and hand-made tricky strings)."""
from __future__ import annotations

import random

from ipplan.parse.assemble import (_SCORE, _SPACE, _SPACE_TITLE, _first_stop, _title_as_written, first_sentence,
                                   tidy_text)
from ipplan.parse.written import as_written
from ipplan.parse.meta import tidy
from ipplan.parse.span import Span

_PIECES = ["(", ")", "《", "》", "“", "”", "〔", "〕", "[", "]", "「", "」", "『", "』", "【", "】", "。", ":", "1", "2",
           "加强", "知识产权", "保护", " ", "\t", "\n", "\u3000", "\x1c", "\x1f", "\r", "\u00a0", "分", "%", "(3分)",
           "(满分5分)", "(权重10%)", "(责任单位:市科技局)", "的", "于"]


def _random_text(rng: random.Random) -> str:
    return "".join(rng.choice(_PIECES) for _ in range(rng.randrange(0, 30)))


def _first_stop_loop(text: str, openers: str, closers: str) -> int | None:
    depth = 0
    for i, ch in enumerate(text):
        if ch in openers:
            depth += 1
        elif ch in closers:
            depth = max(0, depth - 1)
        elif depth == 0 and ch == "。":
            return i
        elif depth == 0 and ch == ":" and 2 <= i <= 30 and not (text[i - 1].isdigit() and text[i + 1:i + 2].isdigit()):
            return i
    return None


def test_first_stop_visits_only_the_characters_that_matter():
    rng = random.Random(11)
    texts = [_random_text(rng) for _ in range(3000)]
    texts += ["到2025年12:30。", "目标:提高", "一二:三", "(说明:略)。后文", "《纲要》提出:", "12:30"]
    for text in texts:
        for openers, closers in (("(《“〔[「『【", ")》”〕]」』】"), ("(《〔[【", ")》〕]】")):
            assert _first_stop(text, openers, closers) == _first_stop_loop(text, openers, closers), text


def test_prechecks_do_not_change_titles_and_texts():
    rng = random.Random(12)
    texts = [_random_text(rng) for _ in range(3000)]
    texts += ["加强知识产权保护 开展执法行动新增维权站点5个推进运用开展质押融资", "一二\x1c三", "(3 分)", "(权重 10 %)"]
    for text in texts:
        assert tidy_text(text) == "\n".join(tidy(line) for line in text.split("\n")), repr(text)
        assert first_sentence(text) == _first_sentence_without_prechecks(text), repr(text)
        if "分" not in text and "%" not in text:  # what clean_title's precheck skips
            assert _SCORE.sub("", text) == text
        if not _SPACE.search(text.strip(), 0, 17):  # what first_sentence's precheck skips
            assert _SPACE_TITLE.match(text.strip()) is None


def _first_sentence_without_prechecks(text: str) -> str:
    from ipplan.parse.brackets import unbalanced

    text = text.strip()
    m = _SPACE_TITLE.match(text)
    if m and len(text) - m.end() >= 20 and not unbalanced(m.group(1)):
        return m.group(1)
    found = _first_stop_loop(text, "(《“〔[「『【", ")》”〕]」』】")
    if found is None and (text.count("“") > text.count("”") or text.count("「") > text.count("」")):
        found = _first_stop_loop(text, "(《〔[【", ")》〕]】")
    return text if found is None else text[:found]


def _join_loop(parts: list[Span], sep: str = "") -> Span:
    text: list[str] = []
    pos: list[int] = []
    for i, part in enumerate(parts):
        if i and sep:
            anchor = pos[-1] if pos else (part.pos[0] if part.pos else 0)
            text.append(sep)
            pos.extend([anchor] * len(sep))
        text.append(part.text)
        pos.extend(part.pos)
    return Span("".join(text), tuple(pos))


def test_span_join_and_slices_agree_with_the_plain_rule():
    import pickle

    rng = random.Random(13)
    for _ in range(5000):
        parts = []
        for _ in range(rng.randrange(0, 5)):
            n = rng.randrange(0, 4)
            parts.append(Span("x" * n, tuple(rng.randrange(0, 50) for _ in range(n))))
        sep = rng.choice(["", "\n", " ", "ab"])
        assert Span.join(parts, sep) == Span.join(iter(parts), sep) == _join_loop(parts, sep), (parts, sep)
    span = Span("abcdef", (1, 2, 3, 4, 5, 6))
    for i in range(-7, 8):
        for j in range(-7, 8):
            for step in (None, 2, -1):
                cut = span[i:j:step]
                assert type(cut) is Span and cut == Span("abcdef"[i:j:step], span.pos[i:j:step])
                assert pickle.loads(pickle.dumps(cut)) == cut and hash(cut) == hash(Span(cut.text, cut.pos))


def test_span_strip_agrees_with_the_plain_rule():
    rng = random.Random(14)
    for _ in range(3000):
        text = "".join(rng.choice(" \t\nab、") for _ in range(rng.randrange(0, 8)))
        span = Span(text, tuple(range(len(text))))
        for chars in (None, " ", "、 "):
            left = len(text) - len(text.lstrip(chars))
            right = len(text.rstrip(chars))
            expected = Span("", ()) if right <= left else Span(text[left:right], span.pos[left:right])
            assert span.strip(chars) == expected


def test_title_as_written_from_the_text_agrees_with_the_rule() -> None:
    """A title spelled from its text's spelling is what `as_written` gives the title on its own span."""
    rng = random.Random(11)
    written = "第一章　總則，（一）加強知識產權保護：推進“創新”。\n二、發展目標：到2025年，專利數量達到10件。\n\u3000\u3000說明"
    normalised = ("第一章 总则,(一)加强知识产权保护:推进\"创新\"。\n二、发展目标:到2025年,专利数量达到10件。\n  说明")
    # the same text twice, as written and already normalised: where a character is read from matters
    original, normalised = written + normalised, normalised + normalised
    assert len(normalised) == len(original)
    for _ in range(3000):
        a, b = sorted(rng.sample(range(len(original) + 1), 2))
        c, d = sorted(rng.sample(range(len(original) + 1), 2))
        if rng.random() < 0.5:  # the same characters in the other copy
            half = len(written)
            c, d = (a + half, b + half) if b <= half else (max(0, a - half), b - half)
        pos = list(range(a, b))
        if rng.random() < 0.3 and pos:  # a gap or an offset out of range, as joins and layout leave
            pos[rng.randrange(len(pos))] = rng.choice([len(original) + 5, -1, rng.randrange(len(original))])
        text = "".join(normalised[p] if 0 <= p < len(normalised) else "x" for p in pos)
        first = Span(text, tuple(pos))
        second = Span(normalised[c:d], tuple(range(c, d)))
        same_start = rng.random() < 0.8
        text_span = Span.join([first, second], "\n") if same_start else second
        whole = text_span.text
        node_text = rng.choice([whole[:rng.randrange(len(whole) + 1)], whole.replace(" ", ""), whole.replace("一", "二")])
        cut = rng.randrange(len(first.text) + 1)
        title = rng.choice([first.text[:cut], first.text[:cut].strip(" ,"), node_text[:cut],
                           node_text[:cut + 5]])
        text_written = as_written(node_text, text_span, original)
        assert (_title_as_written(title, first, node_text, text_written, same_start, original)
                == as_written(title, first, original)), (title, first, node_text, text_span)


def test_a_parse_leaves_no_builder_tree_to_the_cycle_collector() -> None:
    """The outline builder's nodes point at their parents; parse_text unlinks them so reference counting frees them."""
    import gc
    from pathlib import Path

    import ipplan.parse
    from conftest import SEEDS, SEEDS_DIR

    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        ipplan.parse.parse_bytes(Path(SEEDS_DIR / SEEDS[0]).read_bytes())
        gc.collect()
        left = [type(o).__name__ for o in gc.garbage if type(o).__name__ in ("BuildNode", "Para", "Span")]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was_enabled:
            gc.enable()
    assert not left


def test_parse_text_leaves_the_cycle_collector_as_it_found_it() -> None:
    """parse_text pauses the collector while it parses; on again after a parse or an error, off if it was off."""
    import gc

    import pytest

    import ipplan.parse
    from ipplan.parse import InputError

    was_enabled = gc.isenabled()
    try:
        gc.enable()
        ipplan.parse.parse_text("一、总体要求\n加强知识产权保护。")
        assert gc.isenabled()
        with pytest.raises(InputError):
            ipplan.parse.parse_text("")
        assert gc.isenabled()
        gc.disable()
        ipplan.parse.parse_text("一、总体要求\n加强知识产权保护。")
        assert not gc.isenabled()
    finally:
        (gc.enable if was_enabled else gc.disable)()


def test_line_index_raw_is_each_line_stripped_and_the_empty_ones_left_out() -> None:
    """`LineIndex.raw` (map/filter in C) against the generator it replaced, on white space of every kind
    that splitlines breaks at or strip removes."""
    from ipplan.parse.span import LineIndex

    rng = random.Random(12)
    pieces = ["a", " ", "\n", "\r\n", "\u3000", "加强", "\t", "\x0b", "\x1c", "\u2028", "\x85", "  x  "]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 12)))
        pos = tuple(rng.randrange(len(text)) for _ in range(rng.randrange(0, 5)))
        want = "" if not pos else " ".join(
            part.strip() for part in text[min(pos):max(pos) + 1].splitlines() if part.strip())
        assert LineIndex(text).raw(Span("x" * len(pos), pos)) == want, (text, pos)
