"""Targets in one paragraph of prose: each live quantity named from its left or its right."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from .base import Found, _clause_end, _clause_start, _sentence_start, _Shelter, _strip_lead, clean_name
from .context import _year_marks, governing_year
from .quantities import _POST, _Q, _quantities
from .words import _BOUND, _FROM, _YEAR_TAIL, _lex, _words

# ---------------------------------------------------------------- names

@functools.lru_cache(maxsize=1)
def _from_tail() -> regex.Pattern:
    """A starting value closing a name: `有效发明专利拥有量从10件`, `…由2023年的10件`."""
    return regex.compile(_FROM + r"(?:" + _lex().qty.pattern + r")\s*(?:以上|左右)?\s*$")


@functools.lru_cache(maxsize=1)
def _qualifier_in_name() -> regex.Pattern:
    unit = _lex().qty.pattern
    return regex.compile(r"、?[^、,;。]*?(?:" + unit + r")\s*(?:以上|以下)?的")


def _right_name(text: str, start: int, stop: int, listed: bool) -> str:
    """What `N家` counts, from after the number to `stop`; `listed` when the next item of a list cut it."""
    r = text[start:stop]
    r = regex.sub(r"\([^()]*\d[^()]*\)", "", r)  # (或可运营专利数量1000件以上)
    r = _qualifier_in_name().sub("", r)
    r = regex.sub(r"(?:和|及|以及|与|或|、|等|\s)+$" if listed else r"(?:、|等|\s)+$", "", r)
    return r


_SUBJECT_CUT = regex.compile(r"已|将|要|(?:分别|累计|总数|总量)?(?:达到|达|为|超过|增至|提高|提升|突破)|由|从|比|较")


def _subject(text: str, start: int, end: int) -> str:
    """The subject of the nearest earlier clause in the sentence: `全市高新技术企业已达到5000家` -> `高新技术企业`."""
    pos = end
    while pos > start:
        cs = _clause_start(text, pos - 1)
        clause, _ = _strip_lead(text[cs:pos].rstrip(_BOUND))
        if m := _SUBJECT_CUT.search(clause):
            name = _words().trail.sub("", clause[:m.start()])
            if len(name) >= 2 and not regex.search(r"\d", name):
                return name
        pos = cs - 1
        if pos <= start:
            break
    return ""


def _shared_head(text: str, start: int, end: int) -> str:
    """The noun after the next list item's tier word: `150名省级科技人才` -> `科技人才`."""
    m = regex.match(r"\s*(?:以上|左右)?[^、,;。级]{0,4}级([^、,;。\d]+)", text[start:end])
    return m.group(1) if m else ""


def _verb_prefix(left: str) -> tuple[str, bool, int]:
    """Verbs just before `N家 X`: (those kept in the name, whether any verb was there, where they start)."""
    words = _words()
    found: list[str] = []
    rest = left.rstrip()
    while rest:
        m = words.verb_re.search(rest)
        if not m:
            break
        found.insert(0, m.group(0))
        rest = rest[:m.start()].rstrip()
    kept = "".join(w for w in found if w in words.keep_verbs)
    return kept, bool(found), len(rest) if found else len(left)


# ---------------------------------------------------------------- prose

@dataclass
class _Ctx:
    """What naming one quantity needs to know about the paragraph and the target before it."""

    text: str
    q: _Q
    nxt: _Q | None
    last: tuple[Found, str | None] | None  # previous target and its verb prefix (None for a left-named one)
    cstart: int
    cend: int
    prev_end: int  # where this quantity's phrase may begin: clause start or the previous target's end


def _name_from_left(c: _Ctx) -> tuple[str, int, bool] | None:
    """`每万人有效发明专利拥有量达172件`: the clause before the number names it.

    Returns (name, where the phrase starts, whether the number continues a list of
    values after the previous target: `分别达到20件、23件`), or None when it is no goal.
    """
    text, q = c.text, c.q
    raw = text[c.prev_end:q.op_start]
    name, gone = _strip_lead(raw)
    name = _from_tail().sub("", name)  # 从10件提高到15件: the name stops before the starting value
    trail = _words().trail
    while (cut := trail.sub("", _YEAR_TAIL.sub("", name))) != name:  # 2024年、2025年分别
        name = cut
    nstart = c.prev_end + gone
    joined = False
    if c.last and c.prev_end == c.last[0].end and _LIST_GAP.fullmatch(raw):
        name, nstart, joined = c.last[0].name, q.start, True  # 分别达到20件、23件
    elif not name:
        sent = _sentence_start(text, q.start)
        if c.last and c.last[0].end > sent:
            name = c.last[0].name  # 2024年达到20件,2025年达到23件
        else:
            name = _subject(text, sent, c.cstart)  # 高新技术企业已达5000家,力争到2025年达到8000家
    if regex.match(r"比|较|同比|环比", name):
        return None  # 比2020年增长1倍: a change against a base year, its subject lies elsewhere
    if q.chinese and q.op_start == q.start and q.end == q.m.end():
        return None  # 两个, 三项 with no verb and no 以上: an enumeration, not a goal
    return name, nstart, joined


def _name_from_right(c: _Ctx, after_skip: int) -> tuple[str, int, int, str] | None:
    """`培育3家以上X`: what follows the number names it, with the verbs that say what is counted.

    Returns (name, phrase start, phrase end, verb prefix), or None when the number is no goal.
    """
    text, q, nxt = c.text, c.q, c.nxt
    if q.kind == "money":
        return None  # 设立100亿元基金, 5000万元以上企业: money before a noun qualifies it
    stop = min(c.cend, nxt.start if nxt else c.cend)
    listed = stop < c.cend
    if listed and not regex.search(r"(?:和|及|以及|与|或|、)\s*$", text[q.end:stop]):
        return None  # `1000人以上企业50家`: the first number qualifies the entity the second counts
    r = _right_name(text, q.end + after_skip, stop, listed)
    left = text[c.prev_end:q.op_start]
    kept, had_verb, vstart = _verb_prefix(left)
    nstart = c.prev_end + vstart
    if not had_verb and (mod := _words().verb_mod.search(left)):
        # 打造具有推广效应的100个算法产品: a modifier between the verb and the number
        lead_kept, had_verb, vstart = _verb_prefix(left[:mod.start("mod")])
        kept, nstart = lead_kept + mod.group("mod"), c.prev_end + vstart
    if (c.last and c.last[1] is not None and c.prev_end == c.last[0].end
            and regex.fullmatch(r"[\s、和及与]*", left)):
        kept, had_verb, nstart = c.last[1], True, q.start  # 新增3-5家X和5-10家Y: 新增 covers both
    has_op = q.op_start != q.start
    has_post = q.end != q.m.end()
    if q.kind == "percent" and not (has_op or has_post or had_verb):
        return None  # 税前100%加计扣除
    if not (had_verb or has_op or (has_post and not q.chinese)):
        return None  # 围绕11条产业链: a description, not a goal
    if not r:
        return None
    if listed and nxt and r.endswith("级"):
        r += _shared_head(text, nxt.end, c.cend)  # 新引育90名国家级、150名省级科技人才
    raw_r = text[q.end + after_skip:stop]
    pend = q.end + after_skip + len(regex.sub(r"(?:和|及|以及|与|或|、|\s)+$", "", raw_r))
    return kept + r, nstart, pend, kept


_LIST_SEP = regex.compile(r"\s*(?:、|和|及|以及|与|或)\s*")
_LIST_GAP = regex.compile(r"(?:[\s、和及与或]|以及)*")


def _list_ends_in_noun(text: str, pos: int, end: int) -> bool:
    """After `N、M、K`, does a noun follow the last number (so all of them qualify it)?"""
    lex = _lex()
    moved = False
    while m := _LIST_SEP.match(text[pos:end]):
        nxt = lex.qty.match(text, pos + m.end())
        if not nxt:
            break
        pos, moved = _POST.match(text, nxt.end()).end(), True
    rest = text[pos:end].lstrip()
    return moved and bool(rest) and rest[0] not in "、”)" and not rest.startswith("的")


def targets_in_text(text: str, year: int | None = None) -> list[Found]:
    """Targets stated in one paragraph; `year` is the year the surrounding chapter sets, if any.

    An explicit year in the text (`到2025年`) governs from where it stands to the end of
    its sentence; one that opens the paragraph governs the whole paragraph.

    A list of values after one name is read by `_split_list`.
    """
    shelter = _Shelter.of(text)
    live = [q for q in _quantities(text, shelter) if not q.skip]
    marks = _year_marks(text, shelter)
    opening = governing_year(text)
    runs: list[list[tuple[Found, _Q]]] = []  # each target, with the targets a list of values joined to it
    last: tuple[Found, str | None] | None = None
    lex = _lex()
    for idx, q in enumerate(live):
        cstart, cend = _clause_start(text, q.start), _clause_end(text, q.end)
        prev_end = last[0].end if last and cstart < last[0].end <= q.op_start else cstart
        c = _Ctx(text, q, live[idx + 1] if idx + 1 < len(live) else None, last, cstart, cend, prev_end)
        after = text[q.end:cend]
        after_skip = regex.match(r"\s*(?:/[^\s,;。、\d]{1,3}(?=[\s,;。、]|$))?(?:\([^()]*\))?\s*", after).end()
        tail = after[after_skip:]
        sep = _LIST_SEP.match(tail)
        in_list = bool(sep and lex.qty.match(text, q.end + after_skip + sep.end()))  # 20亿元、30亿元和40亿元
        if (in_list or tail.startswith("、")) and _list_ends_in_noun(text, q.end + after_skip, cend):
            continue  # 1亿元、5亿元、10亿元以上企业: a list of thresholds qualifying a noun
        joined = False
        # Nothing but punctuation after the number: the indicator stands before it.
        if not tail or tail[0] in "、”)" or in_list or regex.match(r"的(?:目标|规模|水平|任务)|并|且|等", tail):
            named = _name_from_left(c)
            if named is None:
                continue
            (name, nstart, joined), pend, verbs = named, q.end, None
        else:
            right = _name_from_right(c, after_skip)
            if right is None:
                continue
            name, nstart, pend, verbs = right
        name = clean_name(name)
        if len(name) < 2 or regex.fullmatch(r"[\d\s.,%、]+", name):
            continue
        f = Found(name=name, value=q.value, low=q.low, high=q.high, unit=q.unit, op=q.op,
                  year=_year_for(q.start, text, marks, opening, year),
                  start=min(nstart, q.start), end=max(pend, q.end))
        if joined and runs and runs[-1][-1][0].unit == f.unit:
            runs[-1].append((f, q))  # 20亿元、30亿元: one more value for the name before
        else:
            runs.append([(f, q)])
        last = (f, verbs)
    return [f for run in runs for f in _split_list(run, text, marks)]


_NAME_ITEMS = regex.compile(r"以及|、|和|及|与")


def _split_list(run: list[tuple[Found, _Q]], text: str, marks: list[tuple[int, tuple[int, ...]]]) -> list[Found]:
    """The targets a list of values after one name states: `X分别达到20亿元、30亿元和40亿元`.

    - As many years before the list as values pair them in order, one target per
      value, all named X: `X2024年、2025年、2026年分别达到…` (also `2024年和2025年`).
    - Else, after `分别`/`依次`, a name that lists as many items as values
      (`花生种植、收获机械化率分别达到65%和55%`) pairs them with its items: one target
      per value named X, with the item it belongs to as its scope. Splitting X into
      full names (花生种植机械化率) would mean guessing which words the items share.
    - Else the values cannot all hold for one indicator in one year, so one target
      is reported: the last value, which in a plan's ascending list is the goal the
      others lead up to; its phrase covers the whole list, so `raw` shows every
      value. Nothing is named after a value (`30亿元和`).

    Each target's phrase (start..end) runs from the name to its own value.
    """
    if len(run) == 1:
        return [run[0][0]]
    first, first_q = run[0]
    targets = [f for f, _ in run]
    for f in targets:
        f.start = first.start  # the phrase of each runs from the name, so `raw` shows what pairs it
    years = _governing_mark(first_q.start, text, marks)
    if years and len(years) == len(run):
        for f, y in zip(targets, years):
            f.year = y
        return targets
    items = [i.strip() for i in _NAME_ITEMS.split(first.name)]
    said_each = regex.search(r"分别|依次", text[_clause_start(text, first_q.start):first_q.op_start])
    if (said_each and len(items) == len(run)
            and all(items) and not regex.search(r"[()“”\"《》]", first.name)):
        for f, item in zip(targets, items):
            f.scope = item
        return targets
    return [targets[-1]]


def _governing_mark(pos: int, text: str, marks: list[tuple[int, tuple[int, ...]]]) -> tuple[int, ...] | None:
    """The years of the last year phrase before `pos` in its sentence."""
    sent = _sentence_start(text, pos)
    inside = [ys for p, ys in marks if sent <= p < pos]
    return inside[-1] if inside else None


def _year_for(pos: int, text: str, marks: list[tuple[int, tuple[int, ...]]], opening: int | None,
              default: int | None) -> int | None:
    """The last year phrase before `pos` in its sentence, else the paragraph's opening year, else the default.

    A list of years (`2024年、2025年`) that is not paired value by value gives its last year.
    """
    years = _governing_mark(pos, text, marks)
    if years:
        return years[-1]
    return opening if opening is not None else default
