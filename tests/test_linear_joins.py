"""Long lines and long joined paragraphs are read in time linear in their size.

Wall time is not asserted (the machine is shared): these tests count the characters the bracket
check reads and the characters of the Spans built, which grew with the square of the input when
every cut of a space-joined line or every line of a joined paragraph rescanned (or copied) all the
text before it; and they check that the incremental bracket state and the lazily joined paragraph
agree with the whole-text functions they stand in for.
"""
from __future__ import annotations

import random

import pytest

from ipplan.parse import brackets, parse_text
from ipplan.parse.brackets import SentenceBrackets, open_in_sentence
from ipplan.parse.outline import Para, _concat
from ipplan.parse.span import Span

TRICKY = ["", "。", "(", ")", "(。", "。(", "(推进", "推进)", "《", "》", "“", "”", "【", "】", "(《", "》)",
          "推进。(", ")。", "((", "))", "〔", "〕", "「", "」", "『", "』", "[", "]", "〈", "〉", " ", "推进工作"]


@pytest.mark.parametrize("seed", range(30))
def test_fed_piece_by_piece_agrees_with_open_in_sentence(seed: int) -> None:
    rng = random.Random(seed)
    state, text = SentenceBrackets(), ""
    for _ in range(60):
        piece = "".join(rng.choice(TRICKY) for _ in range(rng.randint(0, 4)))
        state.feed(piece)
        text += piece
        assert state.open == open_in_sentence(text), repr(text)
        assert SentenceBrackets(text).open == open_in_sentence(text)


def _chars_read(text: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """Characters `unbalanced` and `SentenceBrackets.feed` are given while `text` is parsed."""
    read = [0]
    unbalanced, feed = brackets.unbalanced, SentenceBrackets.feed

    def counting_unbalanced(s: str) -> bool:
        read[0] += len(s)
        return unbalanced(s)

    def counting_feed(self: SentenceBrackets, s: str) -> None:
        read[0] += len(s)
        feed(self, s)

    with monkeypatch.context() as m:
        m.setattr(brackets, "unbalanced", counting_unbalanced)
        m.setattr(SentenceBrackets, "feed", counting_feed)
        parse_text(text)
    return read[0]


CASES = {
    "a line of Han words joined by spaces": lambda n: "一、任务 " + "推进 工作 " * n,
    "a line of unbalanced ( joined by spaces": lambda n: "一、任务 " + "(推进 工作 " * n,
    "an item's lines joined at commas": lambda n: "一、任务\n1.推进工作,\n" + "推进工作,\n" * n,
    "an item's lines inside an open bracket": lambda n: "一、任务\n1.推进工作(\n" + "推进工作\n" * n,
}


@pytest.mark.parametrize("name", list(CASES))
def test_bracket_checks_read_each_character_a_bounded_number_of_times(
        name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    small, large = (_chars_read(CASES[name](n), monkeypatch) for n in (500, 2000))
    # linear: four times the input reads about four times the characters (it read ~16x before)
    assert large <= 5 * small, (small, large)


def _span_chars_built(text: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """Characters of all the Spans made while `text` is parsed: a paragraph copied whole at every
    line it joins makes this grow with the square of its length."""
    built = [0]
    post_init = Span.__post_init__

    def counting(self: Span) -> None:
        built[0] += len(self.text)
        post_init(self)

    with monkeypatch.context() as m:
        m.setattr(Span, "__post_init__", counting)
        parse_text(text)
    return built[0]


@pytest.mark.parametrize("name", list(CASES))
def test_spans_built_grow_linearly(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    small, large = (_span_chars_built(CASES[name](n), monkeypatch) for n in (500, 2000))
    assert large <= 5 * small, (small, large)


@pytest.mark.parametrize("seed", range(20))
def test_para_joined_lazily_is_the_span_joined_line_by_line(seed: int) -> None:
    rng = random.Random(seed)
    words = ["", " ", "a", "Ab", "1", "9 ", "推进", "工作。", "(", "z)", " x", "2025"]
    offset = 0

    def line() -> Span:
        nonlocal offset
        text = "".join(rng.choice(words) for _ in range(rng.randint(0, 3)))
        offset += len(text) + 1
        return Span(text, tuple(range(offset - len(text) - 1, offset - 1)))

    first = line()
    para, span = Para(first), first
    for _ in range(rng.randint(1, 12)):
        nxt = line()
        para, span = para.joined(nxt, False), _concat(span, nxt)
        assert (para.last, para.end is None) == (span.text.rstrip()[-1:], not span.text)
        if rng.random() < 0.3:
            assert para.span == span  # put together midway, then joined on further
    assert para.span == span and para.tail == nxt
