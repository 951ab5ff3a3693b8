"""What every target reader shares: the `Found` record, sheltered spans, clause bounds, name cleaning."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal

import regex

from .. import rx
from .words import _BOUND, _SENT, _words

@dataclass
class Found:
    name: str  # the indicator as the text names it, shortest form that still says what is counted
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    unit: str  # base unit: 件 家 个 项 人 名 单 次 元 美元 % ...
    op: str  # "=", ">=", ">", "<=", "<", "range"
    year: int | None
    start: int  # offsets into the text passed in: the phrase the target was read from
    end: int
    scope: str | None = None
    kind: str | None = None  # 预期性 / 约束性
    result: str | None = None  # what reports it as reached (已, 截至, a past year, a review section): not a goal




# ---------------------------------------------------------------- small helpers

def _pairs(text: str, open_: str, close: str) -> list[tuple[int, int]]:
    """(start, end) of each closed bracket pair; an unclosed one (a page break cut it) shelters nothing."""
    out, stack = [], []
    for i, ch in enumerate(text):
        if ch == open_:
            stack.append(i)
        elif ch == close and stack:
            out.append((stack.pop(), i + 1))
    return out


# The bracket pairs that shelter what they enclose, and which of them shelter only a short run (a slogan in quotes
# is short; a long quoted passage is prose). A straight `"` opens and closes alike, so a scan that tells openers by
# their character alone never closes it: it shelters nothing, and is not scanned for.
_SHELTER_PAIRS = (("《", "》", None), ("〔", "〕", None), ("(", ")", None), ("“", "”", 22))
_SHELTER_CHAR = regex.compile("[" + regex.escape("".join(o + c for o, c, _ in _SHELTER_PAIRS)) + "]")
_SHELTER_ROLE = {ch: (k, ch == o) for k, (o, c, _) in enumerate(_SHELTER_PAIRS) for ch in (o, c)}
assert {o for o, _, _ in _SHELTER_PAIRS} == set("《(“〔")  # the openers `_Shelter.covers` looks for


class _Shelter:
    """Spans whose numbers are never targets: titles, slogans, bracketed qualifiers, document numbers.

    The spans are found when first asked for: most paragraphs hold no number for `covers` to be asked about.
    """

    __slots__ = ("_text", "_spans")

    def __init__(self, text: str) -> None:
        self._text = text
        self._spans: list[tuple[int, int]] | None = None

    @classmethod
    def of(cls, text: str) -> "_Shelter":
        return cls(text)

    @property
    def spans(self) -> list[tuple[int, int]]:
        """The closed pairs of every kind (`_pairs` per kind, in that order), found in one pass over the brackets.

        Only the bracket characters are visited (one C-level scan finds them), instead of every character of the
        text once per kind; a paragraph without brackets costs one search.
        """
        if self._spans is None:
            self._spans = _shelter_spans(self._text)
        return self._spans

    def covers(self, pos: int) -> bool:
        spans = self._spans
        if spans is None:
            text = self._text
            # a span covering `pos` opens before it: with no opener before `pos` (a C-level find each), the spans
            # are not needed yet (a paragraph whose numbers all come before its brackets never finds them)
            if (text.find("《", 0, pos) < 0 and text.find("(", 0, pos) < 0 and text.find("“", 0, pos) < 0
                    and text.find("〔", 0, pos) < 0):
                return False
            spans = self.spans
        for a, b in spans:  # a loop: no generator per call
            if a < pos < b:
                return True
        return False


def _shelter_spans(text: str) -> list[tuple[int, int]]:
    if not _SHELTER_CHAR.search(text):
        return []
    found: list[list[tuple[int, int]]] = [[] for _ in _SHELTER_PAIRS]
    stacks: list[list[int]] = [[] for _ in _SHELTER_PAIRS]
    for m in _SHELTER_CHAR.finditer(text):
        kind, opens = _SHELTER_ROLE[m.group()]
        if opens:
            stacks[kind].append(m.start())
        elif stacks[kind]:
            found[kind].append((stacks[kind].pop(), m.start() + 1))
    spans: list[tuple[int, int]] = []
    for (_, _, longest), pairs in zip(_SHELTER_PAIRS, found):
        spans += pairs if longest is None else [(a, b) for a, b in pairs if b - a <= longest]
    return spans


def _digit_comma(text: str, i: int) -> bool:
    """A comma between digits (2,398) separates thousands, not clauses."""
    return text[i] == "," and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def _clause_start(text: str, pos: int) -> int:
    starts = _starts(text)[1]
    k = bisect_right(starts, pos)
    return starts[k - 1] if k else 0


def _clause_end(text: str, pos: int) -> int:
    """The first clause mark at or after `pos` (a comma between digits is none), else the text's end.

    The marks are the clause starts `_starts` found for the text (each just after its mark), so this is a bisection
    instead of a walk character by character; `_clause_end_walk` is the walk (for the test and odd positions).
    """
    if not 0 <= pos < len(text):
        return _clause_end_walk(text, pos)
    clauses = _starts(text)[1]
    k = bisect_right(clauses, pos)  # the first start after pos: its mark stands at or after pos
    return clauses[k] - 1 if k < len(clauses) else len(text)


def _clause_end_walk(text: str, pos: int) -> int:
    i = pos
    while i < len(text) and (text[i] not in _BOUND or _digit_comma(text, i)):
        i += 1
    return i


def _sentence_start(text: str, pos: int) -> int:
    starts = _starts(text)[0]
    k = bisect_right(starts, pos)
    return starts[k - 1] if k else 0


_SENT_MARK = re.compile("[" + re.escape(_SENT) + "]")
_BOUND_MARK = re.compile("[" + re.escape(_BOUND) + "]")
_LAST_STARTS: tuple[str, list[int], list[int]] = ("", [], [])


def _starts(text: str) -> tuple[list[int], list[int]]:
    """Where each sentence and each clause of `text` starts (just after its mark), found once per text.

    A quantity asks for the start of its sentence and clause, and a long sentence holds many
    quantities: walking back character by character from each made one sentence of n quantities
    cost n² (a 24 KB list of `新增专利5件,` took seconds). One C-level scan of the text, then a
    bisection per question, gives the same positions. The last text's answer is kept (a tuple,
    replaced whole) because a paragraph asks about all its quantities in a row.
    """
    global _LAST_STARTS
    last = _LAST_STARTS
    if last[0] is text or last[0] == text:
        return last[1], last[2]
    # each mark character found with str.find (C), from one hit to the next: a few calls per character and one per
    # mark, where a regex split or a match object per mark cost twice as much
    sentences: list[int] = []
    for ch in _SENT:
        i = text.find(ch)
        while i >= 0:
            sentences.append(i + 1)
            i = text.find(ch, i + 1)
    clauses = sentences[:]
    sentences.sort()
    for ch in _CLAUSE_ONLY:
        i = text.find(ch)
        while i >= 0:
            clauses.append(i + 1)
            i = text.find(ch, i + 1)
    last = len(text) - 1
    i = text.find(",")
    while i >= 0:
        if not (0 < i < last and text[i - 1].isdigit() and text[i + 1].isdigit()):  # not `_digit_comma`
            clauses.append(i + 1)
        i = text.find(",", i + 1)
    clauses.sort()
    _LAST_STARTS = (text, sentences, clauses)
    return sentences, clauses


# the clause marks other than the sentence marks and the comma (which `_starts` checks for digits either side)
_CLAUSE_ONLY = "".join(ch for ch in _BOUND if ch not in _SENT and ch != ",")
assert "," in _BOUND and "," not in _SENT and set(_SENT) <= set(_BOUND)


def _starts_by_match(text: str) -> tuple[list[int], list[int]]:
    """What `_starts` finds, from a match per mark (for the test)."""
    return ([m.end() for m in _SENT_MARK.finditer(text)],
            [m.end() for m in _BOUND_MARK.finditer(text) if not _digit_comma(text, m.start())])


def clean_name(name: str) -> str:
    """Drop spaces next to CJK (`新增 PCT 国际` -> `新增PCT国际`) and stray punctuation at the ends."""
    stripped = name.strip()
    if " " in stripped or not stripped.isprintable():  # every White_Space character but " " is unprintable
        stripped = rx.sub(r"\s+", lambda m: " " if _ascii_both_sides(name, m) else "", stripped)
    name = stripped.strip(" ,;:、.。")
    if name.endswith("“") or (name.count("“") > name.count("”") and name.startswith("“")):
        name = name.rstrip("“").lstrip("“") if name.count("”") == 0 else name.rstrip("“")
    if name.startswith("”"):
        name = name[1:]
    if name.startswith(")") or (name.endswith("(") ):
        name = name.strip("()")
    return name


def _ascii_both_sides(s: str, m: regex.Match) -> bool:
    a = s[m.start() - 1] if m.start() > 0 else ""
    b = s[m.end()] if m.end() < len(s) else ""
    return a.isascii() and a.isalnum() and b.isascii() and b.isalnum()


def _strip_lead(name: str) -> tuple[str, int]:
    """Remove clause openers repeatedly; returns the rest and how many characters went.

    A name opening with an ideograph no opener starts with (`_Words.lead_firsts`) is left as it is without trying
    the pattern: the usual last step of the loop, a failing match of a long alternation.
    """
    gone = 0
    words = _words()
    firsts = words.lead_firsts
    while name:
        if "\u4e00" <= name[0] <= "\u9fff" and name[0] not in firsts:
            break
        m = words.lead.match(name)
        if not m or not m.group(0):
            break
        gone += m.end()
        name = name[m.end():]
    return name, gone
