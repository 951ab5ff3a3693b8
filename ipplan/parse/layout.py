"""Layout tests on single lines: does it read as a heading, where did a PDF wrap, where does the closing start.

The outline builder asks these of every line; they need no numbering state, so they live apart.
"""
from __future__ import annotations

from operator import add

import regex

from .brackets import unbalanced
from .meta import DATE_LINE, ORG_LINE
from .segment import FINAL_PUNCT, Piece, is_closing_line, is_web_chrome

_WEAK_ENDS = "的和与及或对在向将把从为等了以并且之"
_THOUSANDS = regex.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_NARROW = regex.compile(r"[\x00-\u2e7f]+")  # the complement of the wide range [\u2e80-\U0010ffff]


def display_width(text: str) -> int:
    """Columns a line takes in print: CJK characters (U+2E80 and up) are two wide.

    Counted in C: in UTF-16 (big-endian) a character of the basic plane is one unit whose first
    byte is below 0x2E for every narrow one (U+0000–U+2DFF) and above it for every wide one
    (U+2F00 and up, lone surrogates included, as the regex counts them); deleting the low bytes
    leaves one byte per wide character. A text with astral characters (two units each) or a first
    byte of 0x2E (U+2E00–U+2EFF, either side of the line) is counted by the regex: cut out the
    runs of narrow characters, what is left is wide.
    """
    if text.isascii():
        return len(text)
    high = text.encode("utf-16-be", "surrogatepass")[::2]
    if len(high) == len(text) and 0x2E not in high:
        return len(text) + len(high.translate(None, _NARROW_HIGH))
    return len(text) + len(_NARROW.sub("", text))


_NARROW_HIGH = bytes(range(0x2E))  # first UTF-16 bytes of U+0000–U+2DFF
_SEPARATOR = "\u2d30"  # ⴰ (Tifinagh): its first UTF-16 byte, 0x2D, marks where a text ends in display_widths
_BELOW_SEPARATOR = bytes(range(0x2D))  # first UTF-16 bytes of U+0000–U+2CFF


def display_widths(texts: list[str]) -> list[int]:
    """`[display_width(text) for text in texts]`, counted in one pass over the texts joined.

    As in display_width, the first UTF-16 bytes of the wide characters are what is left when the
    narrow ones are deleted; the texts are joined with a character whose first byte (0x2D) is narrow
    but kept, so splitting there gives each text's wide bytes. When any text has a first byte of 0x2D
    or 0x2E itself, or an astral character, each is counted on its own.
    """
    joined = _SEPARATOR.join(texts)
    high = joined.encode("utf-16-be", "surrogatepass")[::2]
    if len(high) == len(joined) and 0x2E not in high:
        wide = high.translate(None, _BELOW_SEPARATOR).split(b"\x2d")
        if len(wide) == len(texts):  # no text holds a first byte of 0x2D itself
            return list(map(add, map(len, texts), map(len, wide)))
    return [display_width(text) for text in texts]


def closes_after_stop(text: str) -> bool:
    """`…行为。(区市场监管局)`: a bracket after a finished sentence ends the paragraph too."""
    if not text.endswith(")"):
        return False
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            depth -= 1
            if depth == 0:
                before = text[:i].rstrip()
                return not before or before[-1] in FINAL_PUNCT or closes_after_stop(before)
    return False


def heading_like(text: str) -> bool:
    """Short, unpunctuated text that stands as a heading rather than as a wrapped sentence."""
    text = text.strip()
    if "," in text:  # 4,000元: a digit group, not a clause break
        if len(text) - text.count(",") > 32:
            return False  # too long whatever the digit groups (removing them drops only commas)
        text = _THOUSANDS.sub("", text)
    if not text:
        return False
    if len(text) > 32:
        return False
    head = text[:-1]  # a sentence ends inside the text (four C-level searches, not a set test per character)
    if "。" in head or ";" in head or "!" in head or "?" in head:
        return False
    if ("," in text or "、" in text or ":" in text[:-1]) and len(text) > 22:
        return False
    if text[-1] in _WEAK_ENDS and len(text) > 8:
        return False
    return not unbalanced(text)


def wrap_width(pieces: list[Piece]) -> int | None:
    """The width PDF conversion wrapped lines at, when the text is hard-wrapped."""
    texts = [p.span.text for p in pieces if p.kind == "text"]
    if len(texts) < 20:
        return None
    # a line shorter than 15 characters is narrower than 30 columns whatever it holds: no width to count
    candidates = [text for text in texts if text[-1] not in FINAL_PUNCT and len(text) >= 15]
    if len(candidates) < 10:
        return None  # too few lines could be wrapped ones (the usual case outside PDF): no widths needed
    open_ended = [w for w in display_widths(candidates) if w >= 30]
    if len(open_ended) < 10:
        return None
    open_ended.sort()
    top = open_ended[int(len(open_ended) * 0.8)]
    near = [w for w in open_ended if top - 10 <= w <= top + 4]
    return top - 10 if len(near) >= 0.4 * len(open_ended) else None


def split_closing(pieces: list[Piece]) -> int:
    """Index where the closing matter (seals, dates, distribution lists) starts."""
    i = len(pieces)
    j = len(pieces) - 1
    saw_date = False
    while j >= 0:
        piece = pieces[j]
        if piece.kind in ("artefact", "contents"):
            j -= 1
            continue
        if piece.kind != "text":
            break
        text = piece.span.text
        if DATE_LINE.match(text):
            saw_date = True
        elif is_closing_line(text) or is_web_chrome(text):
            pass
        elif ORG_LINE.match(text) and saw_date:
            pass
        else:
            break
        i = j
        j -= 1
    return i
