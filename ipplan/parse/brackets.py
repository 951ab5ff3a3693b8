"""Brackets and quotes: which are open, and where the top-level groups are.

Several stages ask the same question of a line (is a bracket still open, so the
text goes on? where does the unit bracket closing an item start?); one module
answers it with one set of bracket pairs.
"""
from __future__ import annotations

import functools
import re

import regex

PAIRS = {"(": ")", "《": "》", "“": "”", "「": "」", "〈": "〉", "[": "]", "【": "】", "〔": "〕", "『": "』"}


_PAIR_ITEMS = tuple(PAIRS.items())


def unbalanced(text: str) -> bool:
    """A bracket or quote left open: the text goes on after this point.

    An opener the text does not hold (`in`, which stops at the first one found) cannot be left open, so its
    closers are not counted.
    """
    for opener, closer in _PAIR_ITEMS:
        if opener in text and text.count(opener) > text.count(closer):
            return True
    return False


def open_in_sentence(text: str) -> bool:
    """A bracket open in the current sentence; a source's own unclosed bracket stops mattering at 。."""
    return unbalanced(text[text.rfind("。") + 1:])


_BRACKET_CHARS = frozenset(PAIRS) | frozenset(PAIRS.values())
# one C-level scan for the brackets a piece holds: `frozenset.isdisjoint(text)` made a string object of each
# CJK character it looked at (about 5x slower on a line), then 18 `str.count` calls followed
_BRACKET_CLASS = re.compile("[" + re.escape("".join(sorted(_BRACKET_CHARS))) + "]")


class SentenceBrackets:
    """`open_in_sentence` for a text that only grows at its end, in time linear in what is added.

    Asking `open_in_sentence(text[:end])` at each of many points of a long line (or of a paragraph
    joined line by line) rescans the whole prefix each time: quadratic in a line of thousands of
    joins. Counts of each bracket since the last 。 answer the same question: `feed` adds a piece,
    and a 。 in it starts the counts afresh from what follows its last 。, as `open_in_sentence`
    looks only after the last 。.
    """

    __slots__ = ("counts",)

    def __init__(self, text: str = "") -> None:
        self.counts: dict[str, int] = {}
        self.feed(text)

    def feed(self, text: str) -> None:
        stop = text.rfind("。")
        if stop >= 0:
            self.counts = {}
            text = text[stop + 1:]
        found = _BRACKET_CLASS.findall(text) if text else None
        if not found:
            return
        counts = self.counts
        for ch in found:
            counts[ch] = counts.get(ch, 0) + 1

    def copy(self) -> "SentenceBrackets":
        other = SentenceBrackets()
        other.counts = dict(self.counts)
        return other

    @property
    def open(self) -> bool:
        """What `open_in_sentence` says of all the text fed so far."""
        counts = self.counts
        return bool(counts) and any(counts.get(o, 0) > counts.get(c, 0) for o, c in PAIRS.items())


def groups(text: str, opener: str = "(", closer: str = ")") -> list[tuple[int, int]]:
    """Top-level (…) groups as (start, end), end after the closing bracket; nested ones stay inside.

    Only the bracket characters are visited (found by one C-level scan), not every character of the text;
    a text without the opener has no group (a closer alone leaves the depth at 0).
    """
    if opener not in text:
        return []
    if len(opener) != 1 or len(closer) != 1:
        return _groups_by_character(text, opener, closer)
    found: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for m in _brackets(opener, closer).finditer(text):
        i = m.start()
        if m.group() == opener:
            if depth == 0:
                start = i
            depth += 1
        elif depth:  # the closer
            depth -= 1
            if depth == 0:
                found.append((start, i + 1))
    return found


@functools.lru_cache(maxsize=32)
def _brackets(opener: str, closer: str) -> "regex.Pattern[str]":
    return regex.compile("[" + regex.escape(opener + closer) + "]")


def _groups_by_character(text: str, opener: str, closer: str) -> list[tuple[int, int]]:
    """`groups` one character at a time (the reading the scan above must agree with)."""
    found: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch == opener:
            if depth == 0:
                start = i
            depth += 1
        elif ch == closer and depth:
            depth -= 1
            if depth == 0:
                found.append((start, i + 1))
    return found
