"""The source form of a normalised string: the plan's own punctuation, width and script.

Normalisation folds `，（）：` to ASCII and traditional to simplified script so that
matching is simple; readers want the text as written. Every character of a `Span`
keeps its offset in the input, so a string derived from a span (a title cleaned of
a unit bracket, a text with layout spaces removed) is mapped back character by
character: each normalised character is looked up, in order, among the span's
characters, and the input character at that offset is used when it is a spelling
of the same character (full-width form, traditional form). A character with no such
source (a line break between joined paragraphs) stays as normalised.
"""
from __future__ import annotations

import functools

from .normalise import _fold_char, _t2s
from .span import LineIndex, Span

_WINDOW = 12  # how far ahead a character is looked for (layout spaces and markdown marks sit between)


@functools.lru_cache(maxsize=4096)
def _spells(source: str, normalised: str) -> bool:
    if source == normalised or _fold_char(source) == normalised:
        return True
    if _han(source):  # a Han character: its simplified form
        return _t2s().convert(source) == normalised
    return False


def _han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0002ffff"


def as_written(normalised: str, span: Span, original: str) -> str:
    """`normalised` (derived from `span`) with each character spelled as the input writes it."""
    if not normalised or not span.pos:
        return normalised
    out: list[str] = []
    text, pos = span.text, span.pos
    j = 0
    for ch in normalised:
        k = text.find(ch, j, j + _WINDOW)
        if k < 0:
            out.append(ch)
            continue
        p = pos[k]
        source = original[p] if 0 <= p < len(original) else ch
        out.append(source if _spells(source, ch) else ch)
        j = k + 1
    return "".join(out)


def line_as_written(normalised: str, original: str, start: int, end: int) -> str:
    """The same for a string read from input lines [start, end) offsets, when no span was kept."""
    chunk = original[start:end]
    return as_written(normalised, Span(_normalised_view(chunk), tuple(range(start, start + len(chunk)))), original)


def _normalised_view(chunk: str) -> str:
    """Each input character in its normalised spelling, one for one (so offsets stay aligned)."""
    out = []
    for ch in chunk:
        folded = _fold_char(ch)
        if _han(ch):
            converted = _t2s().convert(ch)
            folded = converted if len(converted) == 1 else ch
        out.append(folded)
    return "".join(out)


def title_as_written(title: str | None, line: int | None, index: LineIndex) -> str | None:
    """The plan title as written; it is read from its line and, when it wraps, the two after it."""
    if not title or not line:
        return title
    start = sum(len(x) + 1 for x in index.original.split("\n")[:line - 1])
    end = start
    for part in index.original[start:].split("\n")[:3]:
        end += len(part) + 1
    return line_as_written(title, index.original, start, min(end, len(index.original)))
