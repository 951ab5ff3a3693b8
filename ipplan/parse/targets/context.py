"""Which year a target is for: year phrases in a paragraph and the year an opening clause sets."""
from __future__ import annotations

import regex

from .base import _Shelter
from .words import _BOUND, _STARTS_FROM, _YEARS

# ---------------------------------------------------------------- years

_YEAR_MARK = regex.compile(
    r"(?:(?:到|至|截至|截止到|截止)\s*(?P<y>(?:19|20)\d{2})\s*年(?:底|末)?"
    r"|(?P<y>(?:19|20)\d{2})\s*年\s*(?:底|末)(?:前)?"
    r"|(?<=^|[" + regex.escape(_BOUND) + r"\s])(?P<y>(?:19|20)\d{2})\s*年(?=\s*[,:])"
    r"|(?P<y>(?:19|20)\d{2})\s*年(?=\s*(?:要|将|力争|争取|预计)?\s*(?:达到|达|为|实现|突破|超过|增至|提高到|新增))"
    r"|(?:到|至)?“?十(?P<k>[一二三四五六七八九])五”?\s*(?:期末|末|时期末|期间|时期))"
)
_CN_SMALL = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _mark_year(m: regex.Match) -> int:
    if m.group("y"):
        return int(m.group("y"))
    return 1955 + 5 * (10 + _CN_SMALL[m.group("k")])  # 十四五 (the 14th plan) ends in 2025


# A list of years that sets one year per value: after 到, or followed by 分别/达到…, or opening a clause.
_YEAR_LIST = regex.compile(
    r"(?:(?:到|至|截至|截止到|截止)\s*(?P<list>" + _YEARS + r")"
    r"|(?<=^|[" + regex.escape(_BOUND) + r"\s])(?P<list>" + _YEARS + r")(?=\s*[,:])"
    r"|(?P<list>" + _YEARS + r")(?=\s*(?:要|将|力争|争取|预计)?\s*"
    r"(?:分别|依次|均|各|达到|达|为|实现|突破|超过|增至|提高到|新增)))"
)
_YEAR_NUM = regex.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _year_marks(text: str, shelter: _Shelter) -> list[tuple[int, tuple[int, ...]]]:
    """(position, years) of every phrase that sets target years, outside titles, in text order.

    One year mostly (`到2025年`); a list (`2024年、2025年分别达到…`) gives one year per
    value of the list that follows it (see `_split_list`). A year a target starts
    from (`由2023年底的10件`) sets nothing.
    """
    lists = [(m.start(), m.end(), tuple(int(y) for y in _YEAR_NUM.findall(m.group("list"))))
             for m in _YEAR_LIST.finditer(text) if not shelter.covers(m.start())]
    marks = [(a, ys) for a, _, ys in lists]
    for m in _YEAR_MARK.finditer(text):
        if (shelter.covers(m.start()) or any(a <= m.start() < b for a, b, _ in lists)
                or _STARTS_FROM.search(text, max(0, m.start() - 3), m.start())):
            continue
        marks.append((m.start(), (_mark_year(m),)))
    return sorted(marks)


def governing_year(text: str) -> int | None:
    """The year an opening clause (`到2026年,`, `到2023年底,`, `“十四五”期末`) sets for what follows."""
    head = regex.sub(r"^(?:[\s—\-]|(?:\d+|[一二三四五六七八九十]+)[.、](?!\d)|\((?:\d+|[一二三四五六七八九十]+)\))+",
                     "", text)
    head = regex.sub(r"^(?:力争|争取|预计|计划|确保)", "", head)
    if m := _YEAR_LIST.match(head):
        return int(_YEAR_NUM.findall(m.group("list"))[-1])  # 到2024年、2025年,: the last
    m = _YEAR_MARK.match(head)
    return _mark_year(m) if m else None
