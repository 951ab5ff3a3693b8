"""Which year a target is for: year phrases in a paragraph and the year an opening clause sets."""
from __future__ import annotations

import functools

import regex

from .. import rx
from .base import _clause_start, _Shelter
from .words import _BOUND, _STARTS_FROM, _YEARS, _Words, _words, starts_from

# ---------------------------------------------------------------- years

_YEAR_MARK = regex.compile(
    r"(?:(?:到|至|截至|截止到|截止)\s*(?P<y>(?:19|20)\d{2})\s*年(?:底|末)?"
    r"|(?P<y>(?:19|20)\d{2})\s*年\s*(?:底|末)(?:前)?"
    r"|(?<=^|[" + regex.escape(_BOUND) + r"\s])(?P<y>(?:19|20)\d{2})\s*年(?=\s*[,:])"
    r"|(?P<y>(?:19|20)\d{2})\s*年(?=\s*(?:要|将|力争|争取|预计)?\s*(?:达到|达|为|实现|突破|超过|增至|提高到|新增))"
    r"|(?:到|至)?“?十(?P<k>[一二三四五六七八九])五”?\s*(?:期末|末|时期末|期间|时期))"
)
# A year opening a clause inside a paragraph sets the year of the goal after it: 2026年全面启动8个项目
# (not 2020年以来, 2024年3月, 2023年上半年, 2023年是…之年). It governs its clause's sentence, not the paragraph.
_YEAR_OPENS = regex.compile(
    r"(?<=^|[" + regex.escape(_BOUND) + r"])(?P<y>(?:19|20)\d{2})\s*年(?!\s*(?:以来|以前|来|前|度|是|[上下]半年|\d|"
    r"[一二三四五六七八九十]+月|[、和至到—\-]))"
)
_CN_SMALL = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


# Groups are taken by number: `regex` looks a group's name up at ~0.5 us a time. `y` is group 1 of both year
# patterns (a name repeated across alternatives is one group), `k` group 2 of `_YEAR_MARK`.
_Y, _K = 1, 2
assert _YEAR_MARK.groupindex == {"y": _Y, "k": _K} and _YEAR_OPENS.groupindex == {"y": _Y}


def _mark_year(m: regex.Match) -> int:
    """The year a match of `_YEAR_MARK` or `_YEAR_OPENS` names."""
    if y := m.group(_Y):
        return int(y)
    return 1955 + 5 * (10 + _CN_SMALL[m.group(_K)])  # 十四五 (the 14th plan) ends in 2025


# A list of years that sets one year per value: after 到, or followed by 分别/达到…, or opening a clause.
_YEAR_LIST = regex.compile(
    r"(?:(?:到|至|截至|截止到|截止)\s*(?P<list>" + _YEARS + r")"
    r"|(?<=^|[" + regex.escape(_BOUND) + r"\s])(?P<list>" + _YEARS + r")(?=\s*[,:])"
    r"|(?P<list>" + _YEARS + r")(?=\s*(?:要|将|力争|争取|预计)?\s*"
    r"(?:分别|依次|均|各|达到|达|为|实现|突破|超过|增至|提高到|新增)))"
)
_YEAR_NUM = regex.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
assert _YEAR_LIST.groupindex == {"list": 1}  # `list` taken as group 1


def _year_marks(text: str, shelter: _Shelter, before: int | None = None) -> list[tuple[int, tuple[int, ...]]]:
    """(position, years) of every phrase that sets target years, outside titles, in text order.

    One year mostly (`到2025年`); a list (`2024年、2025年分别达到…`) gives one year per
    value of the list that follows it (see `_split_list`). A year a target starts
    from (`由2023年底的10件`) sets nothing. Every phrase holds a year 19xx/20xx or a period 十…五, so a text
    with neither (a C-level `in` each) has none.

    With `before`, only the phrases starting before it (the caller asks about no later position): each scan stops
    at its first match from there. The matches before it are the same (a scan finds them left to right, and
    a list covering a year phrase starts no later than it), so the result is the full result's first entries.
    """
    if "20" not in text and "19" not in text and "十" not in text:
        return []
    # every form but the 十…五 period holds a year 19xx/20xx before whitespace and 年 (`_YEAR_LIST`, `_YEAR_OPENS`,
    # `_YEAR_MARK`'s others): a text without one is searched for the period alone, and not at all without 十
    dated = _year_before_nian(text)
    if not dated and "十" not in text:
        return []
    stop = len(text) + 1 if before is None else before
    lists = []
    if dated:
        for m in _YEAR_LIST.finditer(text):
            if m.start() >= stop:
                break
            if not shelter.covers(m.start()):
                lists.append((m.start(), m.end(), tuple(int(y) for y in _YEAR_NUM.findall(m.group(1)))))
    marks = [(a, ys) for a, _, ys in lists]
    for found in (_YEAR_MARK.finditer(text), _YEAR_OPENS.finditer(text) if dated else ()):
        for m in found:
            if m.start() >= stop:
                break
            if (shelter.covers(m.start()) or any(a <= m.start() < b for a, b, _ in lists)
                    or starts_from(text, max(0, m.start() - 3), m.start())):
                continue
            marks.append((m.start(), (_mark_year(m),)))
    return sorted(marks)


def _year_before_nian(text: str) -> bool:
    r"""Whether `text` may hold `(?:19|20)\d{2}\s*年`: a 年 with 19 or 20 three and four characters before the
    whitespace before it (str.isspace holds all of regex's \s, and no digit is whitespace). One C-level find per 年;
    a paragraph with 年 but no year (每年, 年度, 三年) is then not scanned for year phrases."""
    i = text.find("年")
    while i >= 0:
        j = i - 1
        while j >= 0 and text[j].isspace():
            j -= 1
        if j >= 3 and text[j - 3:j - 1] in ("19", "20"):
            return True
        i = text.find("年", i + 1)
    return False


# The ideographs the label and 力争-word prefixes `governing_year` strips can start with (the rest of what they
# start with is whitespace, dashes, digits and brackets, none of them ideographs); the test holds them to it.
_HEAD_FIRSTS = "一二三四五六七八九十力争预计确"
# What `_YEAR_LIST` and `_YEAR_MARK` matches start with: 到, 至, 截 (截至, 截止), a year's first digit (`(?:19|20)` is
# ASCII), or the period's optional “ and 十 (`(?:到|至)?“?十`); the test holds the patterns to it.
_YEAR_FIRSTS = "到至截12“十"


def governing_year(text: str) -> int | None:
    """The year an opening clause (`到2026年,`, `到2023年底,`, `“十四五”期末`) sets for what follows.

    Every form names a year 19xx/20xx or a period 十…五, so a text with neither (one C-level `in` each) sets none.
    """
    if "\u4e00" <= text[:1] <= "\u9fff" and text[0] not in _HEAD_FIRSTS:
        # an ideograph neither pattern below starts with: nothing to strip (most paragraphs); and the year patterns
        # match at the start only on one of `_YEAR_FIRSTS` (to 到, 至, 截, a year's 1 or 2, “ or 十)
        if text[0] not in _YEAR_FIRSTS:
            return None
        head = text
    elif "20" not in text and "19" not in text and "十" not in text:
        return None
    else:
        head = rx.sub(r"^(?:[\s—\-]|(?:\d+|[一二三四五六七八九十]+)[.、](?!\d)|\((?:\d+|[一二三四五六七八九十]+)\))+",
                      "", text)
        head = rx.sub(r"^(?:力争|争取|预计|计划|确保)", "", head)
    if not head or head[0] not in _YEAR_FIRSTS:
        return None
    if m := _YEAR_LIST.match(head):
        return int(_YEAR_NUM.findall(m.group(1))[-1])  # 到2024年、2025年,: the last
    m = _YEAR_MARK.match(head)
    return _mark_year(m) if m else None


# ---------------------------------------------------------------- goals and results

# A year as written: Gregorian (`2023年`), or in a Taiwanese text a 民国 year (`103年`, `104年度`) that the caller
# says to read (`roc`): 民国 N is N + 1911.
_GREGORIAN = regex.compile(r"(?<![\d.])((?:19|20)\d{2})(?=\s*年)")
_ROC = r"(?<![\d.,])(\d{2,3})(?=\s*年)"  # read in traditional texts only: compiled on first use
_ROC_LOW, _ROC_HIGH = 38, 150  # 1949 to 2061
_BY_YEAR = regex.compile(r"(?<!截|截止)(?:到|至)\s*(?P<y>(?:19|20)\d{2}|\d{2,3})\s*年")  # not 截至2023年


_CLAUSE_GOAL = regex.compile(r"(?<![重主需只必])要(?![求素点害])|(?<![预])计划(?=\s*(?:新增|建成|完成|实现|达))")


def _by_year(m: regex.Match, roc: bool) -> int:
    y = int(m.group(1))  # `y`
    return y + 1911 if roc and y < 1000 else y if y >= 1000 else 0


def years_written(text: str, roc: bool = False) -> list[tuple[int, int]]:
    """(position, year) of each year in `text`; with `roc`, 民国 years (`103年`) as Gregorian (2014)."""
    found = [(m.start(), int(m.group(1))) for m in _GREGORIAN.finditer(text)]
    if roc:
        found += [(m.start(), int(m.group(1)) + 1911) for m in rx.finditer(_ROC, text)
                  if _ROC_LOW <= int(m.group(1)) <= _ROC_HIGH]
    return sorted(found)


def uses_roc_years(text: str, traditional: bool) -> bool:
    """A Taiwanese text counts years from 1912 (民国): `104年度`. Read so only in traditional script, and only
    when such years outnumber Gregorian ones (a Hong Kong text writes 2015年)."""
    if not traditional:
        return False
    roc = sum(1 for m in rx.finditer(_ROC, text) if _ROC_LOW <= int(m.group(1)) <= _ROC_HIGH)
    return roc > len(_GREGORIAN.findall(text))


def _own_years(text: str, start: int, pos: int, roc: bool) -> list[int]:
    """Years between `start` and `pos` that say when something happened, not a base of comparison (`比2020年`)."""
    if text.find("年", start, pos) < 0:
        return []  # every year as written (`_GREGORIAN`, `_ROC`) is followed by 年 inside the span
    blockers = _words().past_year_blockers
    return [y for p, y in years_written(text[start:pos], roc)
            if not blockers.search(text, max(start, start + p - 3), start + p)
            and not rx.match(_BASE_AFTER, text, pos=start + p)]


# 在2020年基础上增长50%; read only for results: compiled on first use
_BASE_AFTER = r"\d+\s*年(?:底|末)?\s*(?:的)?\s*(?:基础上|基数|水平|基期)"


_ASK = object()  # `result_marker`'s `heading` not given: read it from `titles`


def result_marker(text: str, end: int, titles: list[str], plan_start: int | None, roc: bool = False,
                  heading: "str | None | object" = _ASK) -> str | None:
    """Why a number read as a goal (its phrase ending at `end` in `text`) is a result, or None when it is a goal.

    The sentence decides first: a word of the future (力争, 预计, 将, `到2025年`) keeps it a
    goal; a year before the plan's first year (`2023年…增长5.6%` in a 2024 report) makes it
    a result. Else the nearest heading (`titles`, innermost first) that names a review
    (成果, 回顾, 过去一年) or a goal (目标, 任务, 未来) decides. `heading` is `review_heading(titles)` when the
    caller has it (one per node, where this is asked once per number).
    """
    words = _words()
    sent = text.rfind("。", 0, end) + 1
    before = text[sent:end]
    if words.goal_word_in(text, sent, end) or (("到" in before or "至" in before)  # no 到/至, no match of _BY_YEAR
                                           and any(_by_year(m, roc) >= (plan_start or 0) for m in _BY_YEAR.finditer(before))):
        return None  # 到2025年 in a plan from 2021 looks ahead; 下滑至101年 in a report of 民国104 looks back
    cstart = _clause_start(text, end)  # `_CLAUSE_GOAL` matches 要 or 计划: a clause with neither is not searched
    if ((text.find("要", cstart, end) >= 0 or text.find("计划", cstart, end) >= 0)
            and _CLAUSE_GOAL.search(text, cstart, end)):
        return None  # 每年要降埋6,500座 after a sentence of past years: its own clause looks ahead
    if plan_start is not None:
        past = [y for y in _own_years(text, sent, end, roc) if y < plan_start]
        if past:
            return f"{past[-1]}年"
    # the leftmost review word in the first 12 characters must start within the first three: a text whose first
    # three characters start no review word (`result_firsts`, set tests) has none there
    if (not words.result_firsts.isdisjoint(text[:3]) and (m := words.result_sections.search(text, 0, 12))
            and m.start() <= 2):
        return m.group(0)  # a paragraph that opens 过去一年,… / 一年来,… reviews, whatever the heading
    return review_heading(titles) if heading is _ASK else heading  # type: ignore[return-value]


def review_heading(titles: list[str]) -> str | None:
    """The review word of the nearest heading that says what its section is for, or None (see `result_marker`)."""
    words = _words()
    for title in titles:
        said = _section_word(words, title)
        if said is not None:
            return said or None
    return None


@functools.lru_cache(maxsize=1024)
def _section_word(words: "_Words", title: str) -> str | None:
    """What one heading says of its section: "" for a goal section, the review word for a review, None for neither.

    A pure function of the word lists and the heading, remembered: a heading stands above every node under it,
    and each distinct list of headings above a node asks about all of them again.
    """
    if words.goal_sections.search(title):
        return ""
    if m := words.result_sections.search(title):
        return m.group(0)
    return None


def result_year(text: str, end: int, titles: list[str], roc: bool = False) -> int | None:
    """The year a result is for: the last year its sentence names up to its phrase's `end`, else its heading's."""
    sent = max(text.rfind("。", 0, end) + 1, 0)
    own = _own_years(text, sent, end, roc)
    if own:
        return own[-1]
    for title in titles:
        if ys := years_written(title, roc):
            return ys[-1][1]
    return None


def report_year(text: str, roc: bool = False) -> int | None:
    """The year a report speaks for when nothing states it: the year its text names most often.

    A mayor's policy report of 民国104年 names 104 more than any other year; used only for
    reports (a plan names its target year most often, which is no start).
    """
    counts: dict[int, int] = {}
    for _, y in years_written(text, roc):
        counts[y] = counts.get(y, 0) + 1
    return max(counts, key=lambda y: (counts[y], y)) if counts else None


def goal_year(text: str, end: int, roc: bool, not_before: int | None) -> int | None:
    """In a text that counts years from 民国, the year a goal names in its sentence (`107年度达95%`), up to `end`."""
    sent = text.rfind("。", 0, end) + 1
    own = [y for y in _own_years(text, sent, end, roc) if not_before is None or y >= not_before]
    return own[-1] if own else None
