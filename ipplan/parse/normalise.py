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

import codecs
import functools
import operator
import re
from dataclasses import dataclass
from typing import Sequence

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


# The folding table: full-width ASCII forms, spaces, and the odd punctuation above (`fold` applies it).
_TABLE = str.maketrans({**{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)},
                        **{ch: " " for ch in _SPACES}, **_FOLD})
# The same mapping as (old, new) pairs without the identity (" " -> " "). No `new` is an `old`, so
# replacing pair after pair folds each character once, as the table does.
_FOLD_PAIRS = tuple((chr(old), new) for old, new in _TABLE.items() if chr(old) != new)
_FOLD_MAP = dict(_FOLD_PAIRS)
# every character folding changes, as one class for the standard library's `re` (a C-level scan);
# the full-width block written as a range compiles in a third of the time of its 94 characters
_FOLDABLE = re.compile("[\uff01-\uff5e" + "".join(re.escape(ch) for ch in _FOLD_MAP if not "\uff01" <= ch <= "\uff5e") + "]")


def _fold_char(ch: str) -> str:
    return _FOLD_MAP.get(ch, ch)


def fold(text: str) -> str:
    """`text.translate(_TABLE)`, by replacing only the characters the text holds.

    `str.translate` with a dict looks up every character of a CJK text (about 0.1 µs each, a
    miss raising KeyError inside); a scan for the next foldable character and a replace of each
    distinct one present is several times faster (and faster than an `in` test per foldable
    character: there are over a hundred, or than a list of every match: `，` can occur hundreds of times).
    """
    m = _FOLDABLE.search(text)
    while m is not None:
        # every `old` left of here is folded already and no `new` is an `old` (folding keeps lengths),
        # so the next one is found by a scan from here, without a list of every match
        old, at = m.group(), m.start()
        text = text.replace(old, _FOLD_MAP[old])
        m = _FOLDABLE.search(text, at + 1)
    return text


@functools.lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    """Every Han character t2s changes (scripts/make_traditional_chars.py).

    A set intersection with the text is one C-level pass, so a simplified notice never loads OpenCC.
    """
    from .._resources import files  # importlib.resources.files, cheaper at start-up

    return frozenset(files("ipplan.data").joinpath("traditional_chars.txt").read_text(encoding="utf-8").strip())


_HAN_RUN = regex.compile(r"[\u4e00-\u9fff]+")
# the traditional characters GB2312 can encode (tests/test_front_fast_paths.py checks this against the data)
_GB2312_TRADITIONAL = "乾吒夥後徵拚捱摺於榘菸薹袷醣麴麽"
# characters GB2312 lacks that notices use often (em space, em dash, no-break and thin spaces, bullets):
# none is Han, so none is traditional; dropping them first spares the error handler a call each
_NOT_GB2312 = "\u2003\u2002\u2009\u00a0\u200b\ufeff\u2014\u2022\u00b7"
_TRADITIONAL_MARK = b"\xff"  # never a byte of GB2312's output (its bytes are ASCII or 0xA1-0xFE)


def _mark_traditional(exc: UnicodeError) -> tuple[bytes, int]:
    """Codec error handler: one 0xFF byte for each traditional character among those GB2312 cannot encode."""
    assert isinstance(exc, UnicodeEncodeError)
    trad = _traditional_chars()
    return _TRADITIONAL_MARK * sum(ch in trad for ch in exc.object[exc.start:exc.end]), exc.end


codecs.register_error("ipplan-mark-traditional", _mark_traditional)


def _holds_traditional(text: str, need: int) -> bool:
    """Whether `text` holds at least `need` characters t2s changes (counting repeats).

    Testing each character against the set costs about 0.07 µs a character. GB2312 holds
    only simplified characters and 16 traditional ones: those 16 are counted with `str.count`,
    and the codec (in C) hands every other candidate, a run at a time, to an error handler
    that writes a byte GB2312 never produces for each traditional one; a simplified notice
    has a few such runs. Chunks growing fourfold let a traditional notice stop at its first
    few characters and a long simplified one make few calls.
    """
    found = 0
    for ch in _GB2312_TRADITIONAL:
        if ch in text:
            found += text.count(ch)
    if found >= need:
        return True
    for ch in _NOT_GB2312:
        if ch in text:
            text = text.replace(ch, "")
    at, size, n = 0, 64, len(text)
    while at < n:
        found += text[at:at + size].encode("gb2312", "ipplan-mark-traditional").count(_TRADITIONAL_MARK)
        if found >= need:
            return True
        at += size
        size *= 4
    return False


# `detect_script` first converts prefixes of its sample of these sizes, each taken from at most the
# given number of the text's characters (a traditional notice passes on the first)
_PREFIXES = ((256, 2 * (256 + 64)), (1024, 4 * (1024 + 64)))
_PREFIX = 1024  # the longest of them
# longer than any phrase in OpenCC's t2s dictionaries (the longest hold about a dozen characters)
_PHRASE_MARGIN = 64


def _changed_in_prefix(sample: str, size: int = _PREFIX) -> int:
    """Characters t2s changes in the first `size` characters of `sample`, as converting the whole
    sample would count them, or 0 when that cannot be told from the prefix alone.

    OpenCC segments by longest match from the left, so a segment that starts `_PHRASE_MARGIN`
    characters before the cut is the same whether the text goes on or not, and converts the same;
    while the conversion keeps lengths, positions line up and each difference is one that the
    whole sample's comparison counts too. The whole count is never smaller, so a prefix that
    passes `detect_script`'s test decides it, at a fraction of the cost of a 5,000-character sample.
    """
    head = sample[:size + _PHRASE_MARGIN]
    converted = _t2s().convert(head)
    if len(converted) != len(head):
        return 0
    a, b = head[:size], converted[:size]
    return 0 if a == b else sum(map(operator.ne, a, b))


def detect_script(text: str) -> str:
    """Traditional when a noticeable share of Han characters change under t2s.

    The share is counted until it passes the threshold (both of its tests only become true as
    the count grows, so stopping early gives the same answer), and blocks of the sample that
    t2s left alone are compared whole rather than character by character.
    """
    if not _holds_traditional(text, 3):
        return "simplified"  # fewer than 3 changed characters can never pass the test below
    bound = min(20000, len(text))
    # regex's pattern comes compiled from the pattern store; the standard library's `re` finds the runs
    # about 4 us sooner on a notice but compiles this class in about 0.8 ms (a map of the 21,000-character range)
    han_runs = _HAN_RUN.findall
    for size, reach in _PREFIXES:
        head = "".join(han_runs(text, 0, reach))
        if len(head) >= size + _PHRASE_MARGIN:
            # the sample starts with `head` (its last run may be cut short by the slice, at its end) and
            # holds at most min(20000, len(text)) characters: a count that passes against that bound
            # passes against the sample's own length too
            changed = _changed_in_prefix(head, size)
            if changed >= 3 and changed / bound > 0.01:
                return "traditional"
    sample = "".join(han_runs(text))[:20000]
    if not sample:
        return "simplified"
    n = len(sample)

    def passes(count: int) -> bool:
        return count >= 3 and count / n > 0.01

    converted = _t2s().convert(sample)
    changed = abs(len(converted) - n)
    if passes(changed):
        return "traditional"
    block = 64
    for at in range(0, min(n, len(converted)), block):
        a, b = sample[at:at + block], converted[at:at + block]
        if a != b:
            changed += sum(x != y for x, y in zip(a, b))
            if passes(changed):
                return "traditional"
    return "simplified"


# Offsets 0, 1, 2, ... as int objects made once: a line's positions are a slice of this tuple, which
# copies pointers, where `tuple(range(...))` made an int object for each character of each line
# (about 0.1 ms a notice). Only the integers are kept across calls; a huge text gets its own tuple.
_OFFSETS: tuple[int, ...] = ()
_POOLED_OFFSETS = 1 << 18


def _offsets(n: int) -> tuple[int, ...]:
    """A tuple holding at least 0 .. n-1 (each item equal to its index)."""
    global _OFFSETS
    if n <= len(_OFFSETS):
        return _OFFSETS
    if n > _POOLED_OFFSETS:
        return tuple(range(n))
    _OFFSETS = tuple(range(max(8192, 1 << (n - 1).bit_length())))
    return _OFFSETS


def _convert_line(line: str, start: int, converted: str,
                  offsets: tuple[int, ...] | None = None) -> tuple[str, Sequence[int]]:
    positions = range(start, start + len(line)) if offsets is None else offsets[start:start + len(line)]
    if converted is line or not line:
        return line, positions
    if len(converted) == len(line):
        return converted, positions
    # A phrase conversion changed the length: spread positions proportionally; the line stays right.
    n, m = len(line), len(converted)
    return converted, [start + min(n - 1, i * n // m) for i in range(m)]


_GAP = regex.compile(r"(?<=\S)[ \u3000\u00a0]{2,}(?=\S)")


_MARKUP_CHARS = "#<*_"
_SPACE_RUN = regex.compile(" +")
_BOLD = regex.compile(r"\*\*|__")


def _normalise_line(line: str, positions: Sequence[int], folded: str | None = None, marks: str = _MARKUP_CHARS,
                    gap: bool = True) -> Span:
    """One line, normalised.

    `folded` is `fold(line)` when the caller has it; `marks` are the markup characters worth
    looking for (those the whole text holds) and `gap` False says the text has no column gap.
    """
    if folded is None:
        folded = fold(line)
    if not any(ch in line for ch in marks) and (not gap or not _GAP.search(line)):
        return _fast_line(folded, positions)
    return _slow_line(line, positions, folded)


_new = object.__new__
_set = object.__setattr__  # how a frozen dataclass sets its fields


def _empty_span() -> Span:
    """`Span("", ())` without `Span.__init__`'s length check (a blank line's span; each line gets its own)."""
    span = _new(Span)
    _set(span, "text", "")
    _set(span, "pos", ())
    return span


def _fast_line(folded: str, positions: Sequence[int]) -> Span:
    """The common line: no markup and no column gaps, so folding was one translate; squeeze the spaces.

    Outer spaces go first (a leading run is dropped whole by the squeeze and a trailing one by the
    final strip, so stripping first gives the same text); only a line with an inner double space
    or a space after a tab needs the squeeze. The span is built without `Span.__init__`'s length
    check: text and positions are slices of the same range, or built in step below.
    """
    if not folded:
        return _empty_span()
    if folded[0] == " " or folded[-1] == " ":  # most lines have no outer space: no strip, no slices
        left = len(folded) - len(folded.lstrip(" "))
        right = len(folded.rstrip(" "))
        if right <= left:
            return _empty_span()
        folded = folded[left:right]
        positions = positions[left:right]
    if "  " in folded or "\t " in folded:
        # a space is dropped after a space or tab: keep one of each inner run, none after a tab
        text: list[str] = []
        pos: list[int] = []
        last = 0
        for m in _SPACE_RUN.finditer(folded):
            start, end = m.span()
            keep = 0 if folded[start - 1] == "\t" else 1
            text.append(folded[last:start + keep])
            pos.extend(positions[last:start + keep])
            last = end
        text.append(folded[last:])
        pos.extend(positions[last:])
        folded, positions = "".join(text), pos
    span = _new(Span)
    _set(span, "text", folded)
    _set(span, "pos", positions if type(positions) is tuple else tuple(positions))
    return span


def _slow_line(line: str, positions: Sequence[int], folded: str | None = None) -> Span:
    # Columns aligned with runs of spaces: two or more wide gaps make the line a table row.
    # (PDF justification also leaves double spaces in prose: a sentence stop or a long cell means prose)
    gaps: set[int] = set()
    if len(_GAP.findall(line)) >= 2 and "。" not in line:
        cells = _GAP.split(line.strip())
        if all(len(cell) <= 40 for cell in cells):
            gaps = {m.start() for m in _GAP.finditer(line)}
    heading = _MD_HEADING.match(line)
    skip_to = heading.end() if heading else 0
    markup = {i for m in _BR.finditer(line) for i in range(m.start(), m.end())} if "<" in line else set()
    if not gaps and not markup:
        return _marked_line(line, positions, skip_to, fold(line) if folded is None else folded)
    chars: list[str] = []
    pos: list[int] = []
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
        folded_ch = _fold_char(ch)
        if folded_ch == " " and (not chars or chars[-1] in " \t"):
            i += 1
            continue
        chars.append(folded_ch)
        pos.append(positions[i])
        i += 1
    span = Span("".join(chars), tuple(pos))
    return span.strip(" ")


def _marked_line(line: str, positions: Sequence[int], skip_to: int, folded: str) -> Span:
    """A markdown line without gaps or `<br>`: drop the heading mark and the `**`/`__` pairs, then squeeze.

    The character loop of `_slow_line` drops the pairs left to right, each pair's first character
    where the scan stands; `_BOLD.finditer` from the same place finds the same pairs. What is left
    is folded and squeezed exactly as a plain line (`_fast_line`), slicing the folded line.
    """
    if "*" not in line and "_" not in line:
        return _fast_line(folded[skip_to:], positions[skip_to:])
    text: list[str] = []
    pos: list[int] = []
    last = skip_to
    for m in _BOLD.finditer(line, skip_to):
        text.append(folded[last:m.start()])
        pos.extend(positions[last:m.start()])
        last = m.end()
    text.append(folded[last:])
    pos.extend(positions[last:])
    return _fast_line("".join(text), pos)


def normalise(text: str, script: str | None = None) -> Normalised:
    """Split `text` into normalised lines; `text` must already have '\\n' line ends.

    Folding is 1:1 and never touches a line break, so the whole (converted) text is folded at
    once and each line takes its slice; markup and column gaps are looked for in the whole text
    first (a gap never spans lines), so most notices skip the per-line checks.
    """
    script = script or detect_script(text)
    lines: list[Span] = []
    offset = 0
    raw_lines = text.split("\n")
    targets = raw_lines
    whole = text
    if script == "traditional":
        # one call into OpenCC for the whole text; phrases never span a line break
        whole = _t2s().convert(text)
        targets = whole.split("\n")
        if len(targets) != len(raw_lines):
            targets = [_t2s().convert(line) for line in raw_lines]
            whole = "\n".join(targets)
    folded_whole = fold(whole)
    folded_lines = folded_whole.split("\n")
    marks = "".join(ch for ch in _MARKUP_CHARS if ch in whole)
    # _GAP's spaces all fold to " " (one for one): no double space folded, no gap (one short scan)
    gap = "  " in folded_whole and _GAP.search(whole) is not None
    # no line has markup or a column gap: each goes straight to _fast_line; otherwise a line without
    # markup characters (one C-level scan for them) and, when the text has gaps, without a gap does
    marked = _marks_in(marks).search if marks else None
    offsets = _offsets(len(text))
    append = lines.append
    if targets is raw_lines and marked is None and not gap:
        # the common notice: no conversion, no markup, no gaps; folding keeps lengths, so each folded
        # line's length is its raw line's and the loop below reduces to this
        for folded in folded_lines:
            n = len(folded)
            append(_fast_line(folded, offsets[offset:offset + n]))
            offset += n + 1
        return Normalised(lines=lines, script=script)
    for raw_line, target, folded in zip(raw_lines, targets, folded_lines):
        n = len(raw_line)
        if len(target) == n:
            # what _convert_line answers for a conversion that kept the length (or no conversion):
            # the target itself (an empty line's target is the empty string) and the offsets' slice
            converted, positions = target, offsets[offset:offset + n]
        else:
            converted, positions = _convert_line(raw_line, offset, target, offsets)
            if converted is not target:
                folded = fold(converted)
        if (marked is None or marked(converted) is None) and (not gap or not _GAP.search(converted)):
            append(_fast_line(folded, positions))
        else:
            append(_slow_line(converted, positions, folded))
        offset += n + 1
    return Normalised(lines=lines, script=script)


@functools.lru_cache(maxsize=None)
def _marks_in(marks: str) -> "re.Pattern[str]":
    """A class of the markup characters a text holds (at most 2**4 of them: `_MARKUP_CHARS`' subsets)."""
    return re.compile("[" + re.escape(marks) + "]")


def normalise_text(text: str) -> str:
    """Convenience for tests and callers that need the normalised string only."""
    from .read import normalise_newlines

    return "\n".join(line.text for line in normalise(normalise_newlines(text)).lines)
