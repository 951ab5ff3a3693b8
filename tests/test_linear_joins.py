"""Long lines and long joined paragraphs are read in time linear in their size.

Wall time is not asserted (the machine is shared): these tests count the characters the bracket
check reads, which grew with the square of the input when every cut of a space-joined line or every
line of a joined paragraph rescanned all the text before it; and they check that the incremental
bracket state says what `open_in_sentence` says of the whole prefix.
"""
from __future__ import annotations

import random

import pytest

from ipplan.parse import brackets, parse_text
from ipplan.parse.brackets import SentenceBrackets, open_in_sentence

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
