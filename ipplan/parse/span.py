"""Text that remembers where each character came from.

Every stage after reading works on `Span`s, not on bare strings, so that any
fact found late in the pipeline (a unit, a target, a heading) can still say
which line of the user's input it came from, even after lines were joined,
split, converted from traditional script or stripped of markdown.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from typing import Iterable

_ONE = 1
_new = object.__new__
_set = object.__setattr__  # how a frozen dataclass sets its fields


@dataclass(frozen=True, slots=True)
class Span:
    """A normalised string plus, per character, its offset in the original text."""

    text: str
    pos: tuple[int, ...]

    def __post_init__(self) -> None:
        if len(self.text) != len(self.pos):
            raise ValueError("Span text and positions differ in length")

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    def __getitem__(self, item: slice) -> "Span":
        if not isinstance(item, slice):
            raise TypeError("Span supports slicing only")
        # one slice of two equal-length sequences: the lengths agree, so no check (and no __init__ frame)
        span = _new(Span)
        _set(span, "text", self.text[item])
        _set(span, "pos", self.pos[item])
        return span

    def __add__(self, other: "Span") -> "Span":
        return _made(self.text + other.text, self.pos + other.pos)  # equal lengths added: equal lengths

    @property
    def start(self) -> int | None:
        return self.pos[0] if self.pos else None

    def strip(self, chars: str | None = None) -> "Span":
        text = self.text
        left = len(text) - len(text.lstrip(chars))
        right = len(text.rstrip(chars))
        if right <= left:
            return Span("", ())
        if left == 0 and right == len(text):  # nothing to strip: the span itself (it is immutable)
            return self
        return self[left:right]

    @staticmethod
    def join(parts: Iterable["Span"], sep: str = "") -> "Span":
        """Join spans; a separator gets the position of the character before it."""
        if isinstance(parts, list) and len(parts) == 1:  # one paragraph, the usual node: that span (immutable)
            return parts[0]
        text: list[str] = []
        pos: list[int] = []
        for i, part in enumerate(parts):
            if i and sep:
                anchor = pos[-1] if pos else (part.pos[0] if part.pos else 0)
                text.append(sep)
                pos.extend([anchor] * len(sep))
            text.append(part.text)
            pos.extend(part.pos)
        return _made("".join(text), tuple(pos))  # a position for every character joined, separators too


def _made(text: str, pos: tuple[int, ...]) -> Span:
    """A span whose text and positions are known to be as long as each other, without the check's frame."""
    span = _new(Span)
    _set(span, "text", text)
    _set(span, "pos", pos)
    return span


class LineIndex:
    """Maps offsets of the original text to 1-based line numbers and back to raw text."""

    def __init__(self, original: str) -> None:
        self.original = original
        # line k starts after the k - 1 lines before it and their newlines (computed in C, not per character)
        self._starts = [0, *accumulate(map(_ONE.__add__, map(len, original.split("\n")[:-1])))]

    def line_of(self, offset: int | None) -> int:
        if offset is None:
            return 0
        return bisect_right(self._starts, offset)

    def line_text(self, line: int) -> str:
        """The original line as the user wrote it (without its newline)."""
        if line < 1 or line > len(self._starts):
            return ""
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else len(self.original)
        return self.original[start:end].rstrip("\r")

    def lines_range(self, line: int, count: int) -> tuple[int, int]:
        """Offsets [start, end) of `count` lines from 1-based `line`, newlines included, capped at the text's end."""
        starts, original = self._starts, self.original
        if line < 1:  # what summing the lengths of the lines before it gives
            start = sum(len(x) + 1 for x in original.split("\n")[:line - 1])
            end = start + sum(len(part) + 1 for part in original[start:].split("\n")[:count])
            return start, min(end, len(original))
        if line > len(starts):  # past the last line: nothing
            return len(original), len(original)
        return starts[line - 1], starts[line - 1 + count] if line - 1 + count < len(starts) else len(original)

    def raw(self, span: Span) -> str:
        """The original characters a span covers, as written (script, width and all)."""
        if not span.pos:
            return ""
        lo, hi = min(span.pos), max(span.pos)
        # each line stripped, the empty ones left out, the rest joined by " " (in C: map/filter, no generator)
        return " ".join(filter(None, map(str.strip, self.original[lo : hi + 1].splitlines())))
