"""Normalise decoded text so that later stages see one spelling of everything.

Notices arrive in traditional or simplified script, with full- or half-width
punctuation, markdown marks from PDF/HTML conversion and stray indentation.
Later stages match patterns; they should not have to know all spellings. Each
output character keeps its offset in the input (see `Span`), so nothing here
loses the way back to what the user gave.

Conventions after this stage (other modules rely on them):
- simplified script;
- ASCII forms for full-width letters, digits and the punctuation ( ) : , ; % | . ! ? [ ] + - ~;
- `。 、 “ ” 《 》 〈 〉 〔 〕 【 】 —` are left as they are;
- runs of spaces (incl. U+3000) collapse to one space; tabs are kept (table cells);
- markdown heading marks (`## `), bold/italic marks (`**`, `__`) and `<br>` are gone.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from .span import Span

_MD_HEADING = regex.compile(r"^\s*#{1,6}\s*")
_BR = regex.compile(r"<\s*br\s*/?\s*>", regex.I)  # markdown/pandoc line-break markup
_SPACES = " \u00a0\u2002\u2003\u2009\u200b\u3000\ufeff"
_FOLD = {
    "\ufe52": ".",  # small full stop
    "\u2024": ".",  # one dot leader
    "\uff61": "。",  # half-width ideographic full stop
    "\uff64": "、",  # half-width ideographic comma
    "\u2236": ":",  # ratio
    "\ufe55": ":",
    "\ufe50": ",",
    "\ufe51": "、",
    "\ufe54": ";",
}


@dataclass(frozen=True)
class Normalised:
    lines: list[Span]  # one per input line, in order; empty spans for blank lines
    script: str  # "simplified" or "traditional"


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc  # deferred to first use; script detection itself needs it, and it loads in about a millisecond

    return opencc.OpenCC("t2s")


# One translation table does the folding in C: full-width ASCII forms, spaces, and the odd punctuation above.
_TABLE = str.maketrans({**{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)},
                        **{ch: " " for ch in _SPACES}, **_FOLD})


def _fold_char(ch: str) -> str:
    return ch.translate(_TABLE)


@functools.lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    """Every Han character t2s changes (scripts/make_traditional_chars.py).

    A set intersection with the text is one C-level pass, so a simplified notice never loads OpenCC.
    """
    from importlib.resources import files

    return frozenset(files("ipplan.data").joinpath("traditional_chars.txt").read_text(encoding="utf-8").strip())


def detect_script(text: str) -> str:
    """Traditional when a noticeable share of Han characters change under t2s."""
    present = _traditional_chars().intersection(text)
    if sum(text.count(ch) for ch in present) < 3:
        return "simplified"  # fewer than 3 changed characters can never pass the test below
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not han:
        return "simplified"
    sample = "".join(han[:20000])
    converted = _t2s().convert(sample)
    if len(converted) != len(sample):
        changed = abs(len(converted) - len(sample)) + sum(a != b for a, b in zip(sample, converted))
    else:
        changed = sum(a != b for a, b in zip(sample, converted))
    return "traditional" if changed >= 3 and changed / len(sample) > 0.01 else "simplified"


def _convert_line(line: str, start: int, converted: str) -> tuple[str, list[int]]:
    positions = list(range(start, start + len(line)))
    if converted is line or not line:
        return line, positions
    if len(converted) == len(line):
        return converted, positions
    # A phrase conversion changed the length: spread positions proportionally; the line stays right.
    n, m = len(line), len(converted)
    return converted, [start + min(n - 1, i * n // m) for i in range(m)]


_GAP = regex.compile(r"(?<=\S)[ \u3000\u00a0]{2,}(?=\S)")


_MARKUP_CHARS = frozenset("#<*_")
_SPACE_RUN = regex.compile(" +")


def _normalise_line(line: str, positions: list[int]) -> Span:
    if not _MARKUP_CHARS.intersection(line) and not _GAP.search(line):
        return _fast_line(line, positions)
    return _slow_line(line, positions)


def _fast_line(line: str, positions: list[int]) -> Span:
    """The common line: no markup and no column gaps, so folding is one translate and a space squeeze."""
    folded = line.translate(_TABLE)
    if folded.startswith(" ") or "  " in folded or "\t " in folded:
        # a space is dropped at the line start or after a space or tab: keep one of each inner run
        text: list[str] = []
        pos: list[int] = []
        last = 0
        for m in _SPACE_RUN.finditer(folded):
            start, end = m.span()
            keep = 0 if start == 0 or folded[start - 1] == "\t" else 1
            text.append(folded[last:start + keep])
            pos.extend(positions[last:start + keep])
            last = end
        text.append(folded[last:])
        pos.extend(positions[last:])
        folded, positions = "".join(text), pos
    return Span(folded, tuple(positions)).strip(" ")


def _slow_line(line: str, positions: list[int]) -> Span:
    chars: list[str] = []
    pos: list[int] = []
    # Columns aligned with runs of spaces: two or more wide gaps make the line a table row.
    # (PDF justification also leaves double spaces in prose: a sentence stop or a long cell means prose)
    gaps: set[int] = set()
    if len(_GAP.findall(line)) >= 2 and "。" not in line:
        cells = _GAP.split(line.strip())
        if all(len(cell) <= 40 for cell in cells):
            gaps = {m.start() for m in _GAP.finditer(line)}
    heading = _MD_HEADING.match(line)
    skip_to = heading.end() if heading else 0
    markup = {i for m in _BR.finditer(line) for i in range(m.start(), m.end())}
    i = 0
    n = len(line)
    while i < n:
        ch = line[i]
        if i < skip_to or i in markup:
            i += 1
            continue
        if ch in "*_" and i + 1 < n and line[i + 1] == ch:  # **bold** / __bold__
            i += 2
            continue
        if i in gaps:
            chars.append("\t")
            pos.append(positions[i])
            while i < n and line[i] in _SPACES:
                i += 1
            continue
        folded = _fold_char(ch)
        if folded == " " and (not chars or chars[-1] in " \t"):
            i += 1
            continue
        chars.append(folded)
        pos.append(positions[i])
        i += 1
    span = Span("".join(chars), tuple(pos))
    return span.strip(" ")


def normalise(text: str, script: str | None = None) -> Normalised:
    """Split `text` into normalised lines; `text` must already have '\\n' line ends."""
    script = script or detect_script(text)
    lines: list[Span] = []
    offset = 0
    raw_lines = text.split("\n")
    targets = raw_lines
    if script == "traditional":
        # one call into OpenCC for the whole text; phrases never span a line break
        targets = _t2s().convert(text).split("\n")
        if len(targets) != len(raw_lines):
            targets = [_t2s().convert(line) for line in raw_lines]
    for raw_line, target in zip(raw_lines, targets):
        converted, positions = _convert_line(raw_line, offset, target)
        lines.append(_normalise_line(converted, positions))
        offset += len(raw_line) + 1
    return Normalised(lines=lines, script=script)


def normalise_text(text: str) -> str:
    """Convenience for tests and callers that need the normalised string only."""
    from .read import normalise_newlines

    return "\n".join(line.text for line in normalise(normalise_newlines(text)).lines)
