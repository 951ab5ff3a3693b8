"""The source form of a normalised string: the plan's own punctuation, width and script.

Normalisation folds `，（）：` to ASCII and traditional to simplified script so that
matching is simple; readers want the text as written. Every character of a `Span`
keeps its offset in the input, so a string derived from a span (a title cleaned of
a unit bracket, a text with layout spaces removed) is mapped back character by
character: each normalised character is looked up, in order, among the span's
characters, and the input character at that offset is used when it is a spelling
of the same character (full-width form, traditional form). A character with no such
source (a line break between joined paragraphs) stays as normalised.

`_as_written_loop` states that rule one character at a time; `as_written` computes the
same result a run at a time (see its docstring), which is what the parse calls.
"""
from __future__ import annotations

import functools
import re
from typing import Sequence

from .normalise import _GB2312_TRADITIONAL, _NOT_GB2312, _TABLE, _t2s, _traditional_chars
from .normalise import _offsets as _pooled_offsets
from .span import LineIndex, Span

_WINDOW = 12  # how far ahead a character is looked for (layout spaces and markdown marks sit between)
# Han characters outside the ranges traditional_chars.txt was made from: converted one by one, to be safe
_BEYOND_LIST = "\U0002a6e0"
# a character from there on; a search for one scans in C, where `max(text)` makes a str per character
_BEYOND = re.compile("[\U0002a6e0-\U0010ffff]")


@functools.lru_cache(maxsize=4096)
def _spells(source: str, normalised: str) -> bool:
    if source == normalised or source.translate(_TABLE) == normalised:
        return True
    if _han(source):  # a Han character: its simplified form
        return _t2s().convert(source) == normalised
    return False


@functools.lru_cache(maxsize=8192)
def _simplified_char(ch: str) -> str:
    """The simplified form of one Han character as t2s gives it alone (itself for any other character).

    A character not in the list of those t2s changes (checked complete by the tests) is its own
    simplified form, so simplified text never loads OpenCC here.
    """
    if not _han(ch) or (ch < _BEYOND_LIST and ch not in _traditional_chars()):
        return ch
    return _t2s().convert(ch)


def _han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0002ffff"


def _as_written_loop(normalised: str, span: Span, original: str) -> str:
    """The rule, one character at a time: the reference `as_written` must agree with (tests compare them)."""
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


def _common_run(a: Sequence[object], i: int, b: Sequence[object], j: int, limit: int | None = None,
                step: int = 16) -> int:
    """Length of the common prefix of a[i:] and b[j:] (at most `limit`), by slice comparisons.

    Slices of str and tuple compare in C; galloping from `step`, then halving, finds the first
    difference in a logarithmic number of comparisons instead of one Python step per element,
    and compares (and copies) O(length found) elements, never the whole rest: called once per
    stretch of a long text, anything more would be quadratic.
    """
    n = min(len(a) - i, len(b) - j)
    if limit is not None and limit < n:
        n = limit
    lo = 0
    while lo < n:
        hi = min(n, lo + step)
        if a[i + lo:i + hi] != b[j + lo:j + hi]:
            while hi - lo > 1:  # a[i:i+lo] == b[j:j+lo]; the first difference is in [lo, hi)
                mid = (lo + hi) // 2
                if a[i + lo:i + mid] == b[j + lo:j + mid]:
                    lo = mid
                else:
                    hi = mid
            return lo
        lo = hi
        step *= 2
    return lo


# 0, 1, 2, …: a stretch of positions is consecutive when it equals a slice of this (one C comparison);
# grown to the longest input seen, up to a cap, beyond which characters are read one by one
_OFFSETS: tuple[int, ...] = ()
_OFFSETS_CAP = 1 << 17


def _offsets(size: int) -> tuple[int, ...]:
    """0, 1, 2, … (at least `size` of them, up to the cap), taken from normalise's pool of offsets.

    A span's positions are slices of that pool (normalise cuts each line's from it), so comparing a
    stretch of them with a slice of this tuple meets the same int objects, which a tuple comparison
    settles by identity, several times faster than comparing equal ints made apart. Equal values
    are all the comparison needs: a pool replaced since (a longer input) only makes it slower.
    """
    global _OFFSETS
    if len(_OFFSETS) < min(size, _OFFSETS_CAP):
        _OFFSETS = _pooled_offsets(min(_OFFSETS_CAP, 1 << (size - 1).bit_length()))[:_OFFSETS_CAP]
    return _OFFSETS


def _source(run: str, pos: tuple[int, ...], start: int, original: str) -> str:
    """The input characters at pos[start:start + len(run)], one slice per stretch of consecutive offsets.

    An offset outside the input stands for the normalised character itself (the rule keeps it).
    """
    offsets = _offsets(len(original))
    size = len(original)
    n = len(run)
    end = start + n
    p = pos[start]
    # the usual run: one stretch (its last offset, compared first, rules out most others at no cost)
    if 0 <= p and p + n <= min(size, len(offsets)) and pos[end - 1] == p + n - 1 and (
            (pos if start == 0 and end == len(pos) else pos[start:end]) == offsets[p:p + n]):
        return original[p:p + n]
    parts: list[str] = []
    k = start
    while k < end:
        p = pos[k]
        if 0 <= p < len(offsets) and p < size:  # pos[k] == offsets[p], so the stretch is at least 1 long
            m = _common_run(pos, k, offsets, p, min(end - k, size - p), 4)
            parts.append(original[p:p + m])
            k += m
        else:
            parts.append(original[p] if 0 <= p < size else run[k - start])
            k += 1
    return "".join(parts)


def _fold(text: str) -> str:
    """`text.translate(_TABLE)`, by replacing each foldable character the text has.

    `str.translate` with a dict raises and clears a KeyError inside for every character the
    table lacks (most of a Chinese text), which makes it slower than joining the characters
    one by one; a text holds a few distinct foldable characters, each replaced in one C pass.
    Replacing them one after another is the same as translating at once because no folded
    form is itself folded to something else (` ` folds to itself; the tests check this).
    """
    found = _FOLDABLE.findall(text)
    if not found:
        return text
    for ch in set(found):
        text = text.replace(ch, _FOLDS[ch])
    return text


_FOLDS = {chr(c): folded for c, folded in _TABLE.items()}
_FOLDABLE = re.compile("[" + "".join(map(re.escape, _FOLDS)) + "]")
# characters that fold or that something folds to: _simplify leaves them to the per-character check
_FOLD_TOUCHED = frozenset(_FOLDS).union(*_FOLDS.values())
_DENSE = 16  # mismatches closer than this on average are resolved in one pass
_VIEW_TABLE: list[int] = []  # see _view_table, filled on first use
# Building that table costs about as much as simplifying this many texts one by one (`_simplify`), so a
# process simplifies its first texts that way and builds the table only when it has more to do (a
# batch, or a long traditional notice), not for one short notice. Both give the same (tests check both).
_TABLE_AFTER = 120
_simplified_texts = 0


def _simplify_rest(folded: str, source: str) -> str:
    """`folded` (the folded `source`) with each character in its one-for-one normalised spelling."""
    global _simplified_texts
    if not _VIEW_TABLE:
        _simplified_texts += 1
        if _simplified_texts <= _TABLE_AFTER:
            return _simplify(folded, source)
    return source.translate(_view_table())


def _simplify(folded: str, source: str) -> str:
    """`folded` (the folded `source`) with each Han character t2s changes alone put in that one-character form.

    Where this gives the run's character, the rule keeps the source character (it spells the
    run's by converting); so for traditional script the mismatches left to check one by one are
    the few where the text's conversion (by phrase) or an edit differs, not every character.
    A character is replaced wherever `folded` has it, which are its own places because it is
    neither folded nor a folded form (`_FOLD_TOUCHED`); one that t2s turns into several stays as it is.
    """
    convert = _traditional_chars().intersection(source)
    if _BEYOND.search(source):
        convert = convert.union(ch for ch in source if ch >= _BEYOND_LIST and _han(ch))
    for ch in convert:
        if ch not in _FOLD_TOUCHED:
            simplified = _simplified_char(ch)
            if len(simplified) == 1:
                folded = folded.replace(ch, simplified)
    return folded


def _view_table() -> list[int]:
    """A `str.translate` table giving each character of the basic plane its one-for-one normalised spelling.

    That is the character folded (`_TABLE`), or for a Han character t2s changes alone (the list of
    those, checked complete by the tests) its simplified form when t2s gives one character, else
    the character itself: `_normalised_view`'s rule, so a character spells a normalised one when it
    is that character or translates to it. A list indexed by code point answers every character in
    C (a dict raises and clears a KeyError for each one it lacks); astral characters are past its
    end, which `translate` leaves as they are, for the caller to check one by one. Built once a
    process has simplified `_TABLE_AFTER` texts (traditional ones, so OpenCC is loaded anyway): one
    t2s call for all listed characters, each on a line of its own, since phrases never span a line
    break (the tests check the table character by character).
    """
    if not _VIEW_TABLE:
        table = list(range(0x10000))
        for ch, folded in _FOLDS.items():
            if len(folded) == 1:
                table[ord(ch)] = ord(folded)
        listed = [ch for ch in _traditional_chars() if ch < "\U00010000"]  # all Han
        converted = _t2s().convert("\n".join(listed)).split("\n")
        if len(converted) != len(listed):  # not one line per character: convert them one by one
            converted = [_t2s().convert(ch) for ch in listed]
        for ch, simplified in zip(listed, converted):
            if len(simplified) == 1:
                table[ord(ch)] = ord(simplified)
        _VIEW_TABLE[:] = table
    return _VIEW_TABLE


def _run_as_written(run: str, pos: tuple[int, ...], start: int, original: str) -> str:
    """`run` (equal to the span's text at pos[start:]) with each character spelled as the input writes it.

    A source character spells a normalised one when it is that character, folds to it (`_TABLE`
    maps every character to exactly one, so folding the joined source folds each character in
    place) or, for a Han character, converts to it on its own. So when the folded source equals
    the run, the source is the answer with no work per character; otherwise only the positions
    where the folded source differs (found by slice comparisons) are checked the remaining two
    ways. At the first character spelled by conversion (traditional script) the rest of the
    source is put in its one-for-one normalised form (`_simplify_rest`), which leaves the few places where
    the text's conversion by phrase differs; should they be dense, all are checked in one pass.
    """
    return _spell(run, _source(run, pos, start, original))


def _spell(run: str, source: str) -> str:
    """`run` spelled from `source`, its input characters one for one (see `_run_as_written`)."""
    if source == run:
        return run
    folded = _fold(source)
    if folded == run:
        return source
    out: list[str] = []
    n = len(run)
    i = last = found = 0
    simplified = False
    while True:
        i += _common_run(folded, i, run, i, None, 4)
        if i >= n:
            break
        found += 1
        if found > 8 and found * _DENSE > i:
            out.append(source[last:i])
            out.append("".join([s if f == c or s == c or _simplified_char(s) == c else c
                                for s, f, c in zip(source[i:], folded[i:], run[i:])]))
            return "".join(out)
        s, c = source[i], run[i]
        if s != c:
            if _simplified_char(s) != c:
                out.append(source[last:i])
                out.append(c)
                last = i + 1
            elif not simplified:  # a traditional character, which seldom comes alone: simplify the rest
                # (then only the places where the text's conversion, by phrase, or an edit differs from
                # the characters' own simplified forms are left to check one by one)
                simplified = True
                folded = folded[:i + 1] + _simplify_rest(folded[i + 1:], source[i + 1:])
        i += 1
    out.append(source[last:])
    return "".join(out)


# labels and short titles: `_spell` remembered (a pure function of two short strings; a notice spells
# （一）, （二）, … under every chapter, and notices share them)
_SHORT = 8
_spell_short = functools.lru_cache(maxsize=4096)(_spell)


def as_written(normalised: str, span: Span, original: str) -> str:
    """`normalised` (derived from `span`) with each character spelled as the input writes it.

    Same result as `_as_written_loop`, a run at a time: while the next normalised
    characters equal the span's text at the current place, the per-character search
    finds each at its first try, so the whole common run maps to consecutive positions;
    only where they differ is one character looked for in the window, as the loop does.
    Each character is spelled from its own offset alone, so all runs are spelled at once.
    A normalised text equal to its span's (or a prefix of it, as titles are) is one run.
    """
    if not normalised or not span.pos:
        return normalised
    text, pos = span.text, span.pos
    if text.startswith(normalised):  # the span's text or a prefix of it (a title): one run
        n, p = len(normalised), pos[0]
        if p >= 0 and pos[n - 1] == p + n - 1:
            if n <= 3 and (n < 3 or pos[1] == p + 1) and original.startswith(normalised, p):
                return normalised  # a label written as it reads, at consecutive offsets: each character is its own source
            # `_source`'s usual case, inline: one stretch of consecutive offsets is one slice of the input
            size = len(original)
            offsets = _OFFSETS if len(_OFFSETS) >= min(size, _OFFSETS_CAP) else _offsets(size)
            if p + n <= size and p + n <= len(offsets) and (pos if n == len(pos) else pos[:n]) == offsets[p:p + n]:
                return (_spell_short if n <= _SHORT else _spell)(normalised, original[p:p + n])
        return _run_as_written(normalised, pos, 0, original)
    n = len(normalised)
    if n < len(text):  # layout spaces tidied away (a text, a title read from one): each kept stretch is one run
        joined = _sources_without_spaces(normalised, text, pos, original)
        if joined is not None:
            return _spell(normalised, joined)
    # the input characters each normalised one is read from (itself where there is none); each is
    # spelled from its own alone, so the whole string is spelled at once, not a run at a time
    sources: list[str] = []
    i = j = 0
    while i < n:
        run = _common_run(normalised, i, text, j)
        if not run:
            ch = normalised[i]
            k = text.find(ch, j, j + _WINDOW)
            if k < 0:
                sources.append(ch)
                i += 1
                continue
            j = k
            run = _common_run(normalised, i, text, j)
        sources.append(_source(normalised[i:i + run], pos, j, original))
        i += run
        j += run
    return _spell(normalised, "".join(sources))


# a run of layout white space on a line (`tidy` removes such runs; it keeps line breaks)
_SPACE_RUN = re.compile(r"[^\S\n]+")


def _sources_without_spaces(normalised: str, text: str, pos: tuple[int, ...], original: str) -> str | None:
    """The input characters `as_written` reads `normalised` from, when it is `text` (or a prefix of it)
    with whole runs of white space removed, each shorter than the search window; else None.

    Under the rule, every character is then found at its own place: within a stretch of text kept
    whole, each at its first try; after a removed run, the next character, which is no white space
    of the run's kind (a line break, or a printing character), at the run's end, within the window.
    A run that is kept must be kept whole, character for character. So the input characters are
    those of the kept stretches (one `_source` each), found without a per-character search; any
    other difference (a replaced character, a partly kept run) is left to the caller's loop.
    """
    n = len(normalised)
    first = text[0]
    if first != normalised[0] and (first == "\n" or not first.isspace()):
        return None  # neither the same first character nor a run before it (a label read off another line)
    i = t = start = 0  # where normalised and text have been matched to; where the kept stretch began
    parts: list[str] = []
    for m in _SPACE_RUN.finditer(text):
        a, b = m.span()
        if a > t:  # the printing stretch before the run: character for character
            take = min(a - t, n - i)
            if normalised[i:i + take] != text[t:t + take]:
                return None
            i += take
            t += take
        if i == n:
            break
        c = normalised[i]
        if c != "\n" and c.isspace():  # the run stays, whole
            if normalised[i:i + b - a] != text[a:b]:
                return None
            i += b - a
        else:  # the run is removed: the next character is found at its end if the window reaches it
            if b - a >= _WINDOW:
                return None
            if a > start:
                parts.append(_source(text[start:a], pos, start, original))
            start = b
        t = b
    if i < n:  # after the last run
        if normalised[i:] != text[t:t + n - i]:
            return None
        t += n - i
    if t > start:
        parts.append(_source(text[start:t], pos, start, original))
    return "".join(parts)


def joined_as_written(parts: Sequence[Span], sep: str, original: str) -> str:
    """`as_written(joined.text, joined, original)` for `joined = Span.join(parts, sep)`, a part at a time.

    A string that is its span's whole text is spelled character by character from that
    character's own offset (the rule finds each at its first try), so the joined text's
    spelling is its parts' spellings with the separators' between them; a separator character
    has the position `Span.join` gives it (the last character joined before it). Each part is
    usually one stretch of consecutive offsets (one slice of the input and one comparison),
    where the joined text's stretches and separators are found one by one in between.
    """
    if len(parts) == 1:
        return as_written(parts[0].text, parts[0], original)
    out: list[str] = []
    last = -1  # the position of the last character joined so far (none yet: -1)
    joined = False
    size = len(original)
    for i, part in enumerate(parts):
        pos = part.pos
        if i and sep:
            anchor = last if joined else (pos[0] if pos else 0)
            source = original[anchor] if 0 <= anchor < size else ""
            out.append(sep if not source else "".join([_spelled(source, ch) for ch in sep]))
            last, joined = anchor, True
        if pos:
            out.append(as_written(part.text, part, original))
            last, joined = pos[-1], True
    return "".join(out)


def _spelled(source: str, ch: str) -> str:
    """`ch` as the input character `source` spells it: the source when it is, folds or simplifies to `ch`."""
    return source if source == ch or _FOLDS.get(source) == ch or _simplified_char(source) == ch else ch


def line_as_written(normalised: str, original: str, start: int, end: int) -> str:
    """The same for a string read from input lines [start, end) offsets, when no span was kept."""
    chunk = original[start:end]
    offsets = _offsets(len(original))  # the pooled ints (see _offsets), sliced rather than made anew
    pos = offsets[start:start + len(chunk)] if start + len(chunk) <= len(offsets) else tuple(
        range(start, start + len(chunk)))
    return as_written(normalised, Span(_normalised_view(chunk), pos), original)


def _normalised_view(chunk: str) -> str:
    """Each input character in its normalised spelling, one for one (so offsets stay aligned).

    Folding is `_fold`; a Han character takes its simplified form when t2s gives
    one character for it alone. Only characters t2s changes (the list script detection
    uses, checked against OpenCC by the tests) and any beyond the ranges that list covers
    are converted, so a simplified line needs no OpenCC at all.
    """
    folded = _fold(chunk)
    if _all_gb2312_simplified(chunk):  # (GB2312 has no character beyond the list's ranges either)
        return folded  # no character t2s changes (told in C, not by a set built of every character)
    convert = _traditional_chars().intersection(chunk)
    if _BEYOND.search(chunk):
        convert = convert.union(ch for ch in chunk if ch >= _BEYOND_LIST and _han(ch))
    if not convert:
        return folded
    if _VIEW_TABLE and all(ch < "\U00010000" for ch in convert):  # the basic plane: one translate
        return chunk.translate(_VIEW_TABLE)
    table = {}
    for ch in convert:
        converted = _simplified_char(ch)  # t2s of the character alone, remembered
        table[ord(ch)] = converted if len(converted) == 1 else ch
    return folded.translate(table)


def _all_gb2312_simplified(text: str) -> bool:
    """Whether GB2312 encodes every character of `text` (once the non-Han characters it lacks that
    notices use are set aside) and none is one of the 16 traditional characters it holds: then no
    character is in the traditional list (normalise's `_holds_traditional` rests on the same facts,
    which the tests check against the data). A strict encode in C, which stops at a traditional notice's
    first traditional character; False says only "look closer"."""
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        for ch in _NOT_GB2312:
            if ch in text:
                text = text.replace(ch, "")
        try:
            text.encode("gb2312")
        except UnicodeEncodeError:
            return False
    for ch in _GB2312_TRADITIONAL:
        if ch in text:
            return False
    return True


def _normalised_view_loop(chunk: str) -> str:
    """The rule `_normalised_view` computes, one character at a time (tests compare them)."""
    out = []
    for ch in chunk:
        folded = ch.translate(_TABLE)
        if _han(ch):
            converted = _t2s().convert(ch)
            folded = converted if len(converted) == 1 else ch
        out.append(folded)
    return "".join(out)


def title_as_written(title: str | None, line: int | None, index: LineIndex) -> str | None:
    """The plan title as written; it is read from its line and, when it wraps, the two after it."""
    if not title or not line:
        return title
    start, end = index.lines_range(line, 3)
    return line_as_written(title, index.original, start, end)
