"""Targets in one paragraph of prose: each live quantity named from its left or its right."""
from __future__ import annotations

import functools
from dataclasses import dataclass, replace

import regex

from .. import rx
from .base import Found, _clause_end, _clause_start, _sentence_start, _Shelter, _strip_lead, clean_name
from .context import _year_marks, governing_year
from .quantities import _POST, _Q, _clause_of, _counted, _quantities, _read_qty
from .words import _BOUND, _FROM, _SENT, _TRAILING_SPACE, _YEAR_TAIL, _lex, _words

# ---------------------------------------------------------------- names

@functools.lru_cache(maxsize=1)
def _from_tail() -> regex.Pattern:
    """A starting value closing a name: `有效发明专利拥有量从10件`, `…由2023年的10件`."""
    return regex.compile(_FROM + r"(?:" + _lex().qty.pattern + r")\s*(?:以上|左右)?\s*(?:\([^()]*\))?\s*$")


def _cut_from_tail(name: str) -> str:
    """`name` without a starting value closing it (see `_from_tail`).

    That pattern holds the whole quantity grammar and takes longer to compile than most documents take to
    read, so it is compiled only for a name it may match: one with 从 or 由 (where it starts) and a quantity
    (`qty` matches inside any match of it, its lookbehinds seeing the same text).
    """
    if ("从" in name or "由" in name) and _lex().qty.search(name):
        return _from_tail().sub("", name)
    return name


@functools.lru_cache(maxsize=1)
def _qualifier_in_name() -> regex.Pattern:
    unit = _lex().qty.pattern
    return regex.compile(r"、?[^、,;。]*?(?:" + unit + r")\s*(?:以上|以下)?的")


def _cut_qualifiers(r: str) -> str:
    """`r` without quantities that qualify a noun (`1000万元以上的`; see `_qualifier_in_name`).

    Only a text with 的 and a quantity may hold one; `_qualifiers_by_scan` removes them with `qty` alone, and
    the qualifier pattern (a second copy of the quantity grammar, as long to compile as most documents take to
    read) is compiled only when that scan cannot tell.
    """
    if "的" in r and _lex().qty.search(r):
        cut = _qualifiers_by_scan(r)
        return cut if cut is not None else _qualifier_in_name().sub("", r)
    return r


_QUALIFIER_END = regex.compile(r"(?:以上|以下)?的")
_STOPS = "、,;。"


def _qualifiers_by_scan(r: str) -> str | None:
    r"""What `_qualifier_in_name().sub("", r)` gives, found with `qty` alone; None when a case is left open.

    The pattern is `、?[^、,;。]*?QTY\s*(?:以上|以下)?的`, tried at each start p as `sub` does: after an
    optional 、, a quantity starts at the first k (lazily, across no 、,;。) where QTY and the tail match.
    Whether they do at k needs no backtracking into QTY: a quantity never takes in 以, 的, 、, ; or 。
    (`never_taken`), so every way QTY can match at k ends at or before j, the first of them from k, and the
    tail must find `以上的`/`以下的`/`的` exactly at j after whitespace (j being 以 or 的, else it fails). So QTY+tail matches at k when `qty`'s own match ends in the
    whitespace before j, and not at all when no way can end there (the character before each such end is no
    unit word's last character nor a multiplier). Any other case (another way of QTY might end there) is left
    open, and so is a unit table whose words hold 以 or 的.
    """
    lex = _lex()
    if lex.holds_yi_de:
        return None
    n = len(r)
    ends: dict[int, int | None] = {}  # k -> end of the match with the quantity at k; 0 for none; None for open

    def match_at(k: int) -> int | None:
        if k in ends:
            return ends[k]
        end: int | None = 0
        m = lex.qty.match(r, k)
        if m is not None:
            j = next((i for i in range(k, n) if r[i] in lex.never_taken), n)  # no way of QTY ends after j
            tail = _QUALIFIER_END.match(r, j) if j < n and r[j] in "以的" else None
            if m.end() > j:
                end = None  # cannot happen (a quantity takes in none of them); left open all the same
            elif tail is not None:
                space = _TRAILING_SPACE.search(r, k, j).start()  # the whitespace before j starts here
                if m.end() >= space:
                    end = tail.end()
                elif any(r[e - 1] in lex.last_chars or (ord(r[e - 1]) < 0x3000 and r[e - 1].isalpha())
                         for e in range(max(space, k + 1), j + 1)):
                    end = None  # another way of QTY (a shorter unit, a range) might end there
        ends[k] = end
        return end

    out: list[str] = []
    kept = 0  # r[kept:] is not yet copied to out
    p = 0
    while p < n:
        k = p + 1 if r[p] == "、" else p  # without the 、, nothing can follow it: QTY cannot start at 、
        end: int | None = 0
        while True:
            end = match_at(k)
            if end is None:
                return None
            if end or k >= n or r[k] in _STOPS:
                break
            k += 1
        if end:
            out.append(r[kept:p])
            kept = p = end
        else:
            p += 1
    out.append(r[kept:])
    return "".join(out)


def _right_name(text: str, start: int, stop: int, listed: bool) -> str:
    r"""What `N家` counts, from after the number to `stop`; `listed` when the next item of a list cut it.

    Each substitution runs only when it can match: the bracket one on a text with `(`, the trailing one on a text
    ending in one of its words' last characters or whitespace (str.isspace holds all of regex's \s; `$` before a
    final newline needs that newline, itself whitespace).
    """
    r = text[start:stop]
    if "(" in r:
        r = rx.sub(r"\([^()]*\d[^()]*\)", "", r)  # (或可运营专利数量1000件以上)
    r = _cut_qualifiers(r)
    if r and (r[-1] in (_LISTED_LASTS if listed else "、等") or r[-1].isspace()):
        r = rx.sub(r"(?:和|及|以及|与|或|、|等|\s)+$" if listed else r"(?:、|等|\s)+$", "", r)
    return r


_LISTED_LASTS = "和及与或、等"  # the last characters of 和|及|以及|与|或|、|等


def _may_be_numeric(ch: str) -> bool:
    r"""Whether `[\d\s.,%、]` may match `ch`: not for a CJK ideograph, which opens most names. (str.isdigit is no
    test: `regex` knows digits of a later Unicode than `str` does; the test checks every character.)"""
    return not "\u4e00" <= ch <= "\u9fff"


# `_subject` is read only for a number with no name of its own: its patterns are compiled on first use (`rx`)
_SUBJECT_CUT = r"已|将|要|(?:分别|累计|总数|总量)?(?:达到|达|为|超过|增至|提高|提升|突破)|由|从|比|较"


_OBJECT = r"(?:增设|设置|新建|建成|设立|培育|打造|扩大|建设)(?P<obj>[^,;。、\d]{2,16})$"


def _subject(text: str, start: int, end: int) -> str:
    """The subject of the nearest earlier clause in the sentence: `全市高新技术企业已达到5000家` -> `高新技术企业`."""
    pos = end
    while pos > start:
        cs = _clause_start(text, pos - 1)
        clause, _ = _strip_lead(text[cs:pos].rstrip(_BOUND))
        if m := rx.search(_SUBJECT_CUT, clause):
            name = _words().trail.sub("", clause[:m.start()])
            if len(name) >= 2 and not rx.search(r"\d", name):
                return name
        if (o := rx.search(_OBJECT, clause)) and not rx.search(r"\d", o.group("obj")):
            return o.group("obj")  # 将持续增设公办托婴中心,并由2所提升至12所: what the clause before builds
        pos = cs - 1
        if pos <= start:
            break
    return ""


def _shared_head(text: str, start: int, end: int) -> str:
    """The noun after the next list item's tier word: `150名省级科技人才` -> `科技人才`."""
    m = rx.match(r"\s*(?:以上|左右)?[^、,;。级]{0,4}级([^、,;。\d]+)", text[start:end])
    return m.group(1) if m else ""


def _verb_prefix(left: str) -> tuple[str, bool, int]:
    """Verbs just before `N家 X`: (those kept in the name, whether one makes a goal, where they start)."""
    words = _words()
    found: list[str] = []
    rest = left.rstrip()
    while rest:
        start = words.verb_ending(rest)
        if start is None:
            break
        found.insert(0, rest[start:].rstrip("\n"))  # what `verb_re` matched: the verb, before a final newline
        rest = rest[:start].rstrip()
    kept = "".join(w for w in found if w in words.keep_verbs)
    # an adverb or scope word alone (加快, 全市) does not make the number after it a goal
    goal = any(w not in words.not_goal for w in found)
    return kept, goal, len(rest) if found else len(left)


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
    review: bool = False  # the paragraph stands under a review heading: numbers report, they need no goal verb


_JOINERS = ("并", "且", "再", "同时", "并且")


def _name_from_left(c: _Ctx) -> tuple[str, int, bool] | None:
    """`每万人有效发明专利拥有量达172件`: the clause before the number names it.

    Returns (name, where the phrase starts, whether the number continues a list of
    values after the previous target: `分别达到20件、23件`), or None when it is no goal.
    """
    text, q = c.text, c.q
    raw = text[c.prev_end:q.op_start]
    name, gone = _strip_lead(raw)
    name = _cut_from_tail(name)  # 从10件提高到15件: the name stops before the starting value
    if name.strip() in _JOINERS:  # (the pattern holds nothing else: str.strip takes all of regex's \s)
        name = rx.sub(r"^\s*(?:并|且|再|同时|并且)\s*$", "", name)  # 并由现有的2所提升至12所: the subject is before
    if "有" in name and (have := rx.search(r"(?:计有|共有)(?!量)", name)) and len(name) - have.end() >= 2:
        name = name[have.end():]  # 辖内计有市区公车57条: what is had, not where
    words = _words()
    # `_YEAR_TAIL` ends in 年 or 年底/年末: a name without 年 has none (`strip_trail`: `trail.sub` for the rest)
    while (cut := words.strip_trail(_YEAR_TAIL.sub("", name) if "年" in name else name)) != name:  # 2024年、2025年分别
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
    elif m := _CHANGE_ONLY.fullmatch(name):
        # 使用率由104年12.7%,再提升10%至20%: a change with no subject of its own takes the clause's before it
        subject = _subject(text, _sentence_start(text, q.start), c.cstart)
        name = rx.sub(r"^(?:使|让|将)", "", subject) + m.group("verb") if subject else name
    if name.endswith("的") and q.op_start == q.start and not joined:
        return None  # 关税为零的2034种、…的2725种出口商品: the number qualifies what follows
    if name.startswith(("比", "较", "同比", "环比")):  # (what `比|较|同比|环比` matches at its start)
        return None  # 比2020年增长1倍: a change against a base year, its subject lies elsewhere
    if q.chinese and q.op_start == q.start and q.end == q.m.end() and not _counted(text, q):
        return None  # 两个, 三项 with no verb and no 以上: an enumeration, not a goal
    return name, nstart, joined


def _name_from_right(c: _Ctx, after_skip: int) -> tuple[str, int, int, str] | None:
    """`培育3家以上X`: what follows the number names it, with the verbs that say what is counted.

    Returns (name, phrase start, phrase end, verb prefix), or None when the number is no goal.
    """
    text, q, nxt = c.text, c.q, c.nxt
    if q.kind == "money":
        return _fund(c)  # 5000万元以上企业: money before a noun qualifies it, unless the noun is a fund
    stop = min(c.cend, nxt.start if nxt else c.cend)
    listed = stop < c.cend
    if listed and not rx.search(r"(?:和|及|以及|与|或|、)\s*$", text[q.end:stop]):
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
            and rx.fullmatch(r"[\s、和及与]*", left)):
        kept, had_verb, nstart = c.last[1], True, q.start  # 新增3-5家X和5-10家Y: 新增 covers both
    elif (c.last and c.last[1] is not None and not left.strip() and c.last[0].end <= q.start
          and rx.fullmatch(r"[\s,、]*", text[c.last[0].end:q.start])):
        kept, had_verb, nstart = c.last[1], True, q.start  # 培育3家X,20家Y,100家Z: the verb runs on past the comma
    has_op = q.op_start != q.start
    has_post = q.end != q.m.end()
    if q.kind == "percent" and not (has_op or has_post or had_verb):
        return None  # 税前100%加计扣除
    if not (had_verb or has_op or (has_post and not q.chinese) or q.result or (c.review and not q.chinese)):
        return None  # 围绕11条产业链: a description, not a goal
    if not r:
        return None
    if listed and nxt and r.endswith("级"):
        r += _shared_head(text, nxt.end, c.cend)  # 新引育90名国家级、150名省级科技人才
    raw_r = text[q.end + after_skip:stop]
    pend = q.end + after_skip + len(rx.sub(r"(?:和|及|以及|与|或|、|\s)+$", "", raw_r))
    return kept + r, nstart, pend, kept


def _fund(c: _Ctx) -> tuple[str, int, int, str] | None:
    """`设立总规模不少于100亿元的专项基金`: a sum the plan commits to, named after the fund (`专项基金总规模`)."""
    text, q = c.text, c.q
    m = _words().fund.match(text, q.end, c.cend)
    left = text[c.prev_end:q.op_start]
    kept, had_verb, vstart = _verb_prefix(rx.sub(r"(?:总)?规模\s*$", "", left))
    if not m or not (had_verb or q.op_start != q.start):
        return None
    fund = m.group(0).strip().lstrip("的")
    size = "总规模" if "总规模" in left else "规模"
    return fund + size, c.prev_end + vstart, m.end(), kept


def _embedded(text: str, f: Found, q: _Q) -> tuple[Found, Found] | None:
    """`汽车32辆及警用机车181辆`: a left name that holds a target of its own in the same unit, then 及/和/、 and
    the name of this one. Returns (the embedded target, this one renamed), or None."""
    seg = text[f.start:q.op_start]
    found = None
    for m in _lex().qty.finditer(seg):
        sep = _LIST_SEP.match(seg, m.end())
        read = _read_qty(seg, m)
        if sep and read is not None and read.value is not None and (read.unit == f.unit or read.kind == q.kind == "count"):
            found = (m, sep, read)
    if found is None:
        return None
    m, sep, read = found
    first = clean_name(_strip_lead(seg[:m.start()])[0])
    second = clean_name(seg[sep.end():])
    if not (2 <= len(first) <= _LONGEST_NAME and 2 <= len(second)) or _lex().qty.search(first):
        return None
    return (replace(f, name=first, value=read.value, unit=read.unit, op=read.op, end=f.start + m.end()),
            replace(f, name=second, start=f.start + sep.end()))


_CHANGE_ONLY = regex.compile(r"(?:再|进一步|继续)?(?P<verb>提升|提高|增长|增加|下降|降低|减少)")
_LIST_SEP = regex.compile(r"\s*(?:、|和|及|以及|与|或)\s*")
_LIST_GAP = regex.compile(r"(?:[\s、和及与或]|以及)*")


def _list_ends_in_noun(text: str, pos: int, end: int, unit: str) -> bool:
    """After `N、M、K` in one unit, does a noun follow the last number (so all of them qualify it)?"""
    lex = _lex()
    moved = False
    while m := _LIST_SEP.match(text[pos:end]):
        nxt = lex.qty.match(text, pos + m.end())
        if not nxt or (read := _read_qty(text, nxt)) is None or read.unit != unit:
            break
        pos, moved = _POST.match(text, nxt.end()).end(), True
    rest = text[pos:end].lstrip()
    return moved and bool(rest) and rest[0] not in "、”)" and not rest.startswith("的")


def targets_in_text(text: str, year: int | None = None) -> list[Found]:
    """Targets stated in one paragraph (what its own words report as reached left out: see `quantities_in_text`)."""
    return [f for f in quantities_in_text(text, year) if not f.result]


def quantities_in_text(text: str, year: int | None = None, review: bool = False) -> list[Found]:
    """Targets and results stated in one paragraph; `year` is the year the surrounding chapter sets, if any.

    A number its clause reports as reached (已建成, 截至, 同比) comes with `result` set
    to the word that says so; the document-level reading (a past year, a review section)
    is `context.result_marker`'s.

    An explicit year in the text (`到2025年`) governs from where it stands to the end of
    its sentence; one that opens the paragraph governs the whole paragraph.

    A list of values after one name is read by `_split_list`.
    """
    shelter = _Shelter.of(text)
    live = [q for q in _quantities(text, shelter) if not q.skip]
    if not live:
        return []  # most paragraphs state no live quantity: their year phrases would name nothing
    marks = _year_marks(text, shelter, live[-1].start)  # years are asked for only before a live quantity
    opening = governing_year(text)
    runs: list[list[tuple[Found, _Q]]] = []  # each target, with the targets a list of values joined to it
    last: tuple[Found, str | None] | None = None
    lex = _lex()
    for idx, q in enumerate(live):
        cstart, cend = _clause_of(text, q), _clause_end(text, q.end)
        prev_end = last[0].end if last and cstart < last[0].end <= q.op_start else cstart
        c = _Ctx(text, q, live[idx + 1] if idx + 1 < len(live) else None, last, cstart, cend, prev_end, review)
        after = text[q.end:cend]
        # the pattern reads whitespace, a /unit or a bracket: after anything else it reads nothing (isspace holds
        # all of regex's \s), so most quantities (a comma or a noun after them) skip the match
        after_skip = (rx.match(r"\s*(?:/[^\s,;。、\d]{1,3}(?=[\s,;。、]|$))?(?:\([^()]*\))?\s*", after).end()
                      if after and (after[0] in "/(" or after[0].isspace()) else 0)
        tail = after[after_skip:]
        # `_LIST_SEP` needs, after whitespace, one of 、和及以与或 (isspace holds all of regex's \s)
        sep = _LIST_SEP.match(tail) if tail and (tail[0] in "、和及以与或" or tail[0].isspace()) else None
        nxt_q = lex.qty.match(text, q.end + after_skip + sep.end()) if sep else None
        # 20亿元、30亿元和40亿元 (one unit); not 330家、10亿元企业达25家, where the next number starts a new target
        in_list = bool(nxt_q and (nxt_read := _read_qty(text, nxt_q)) is not None and nxt_read.unit == q.unit)
        if (in_list or tail.startswith("、")) and _list_ends_in_noun(text, q.end + after_skip, cend, q.unit):
            continue  # 1亿元、5亿元、10亿元以上企业: a list of thresholds qualifying a noun
        joined = False
        # Nothing but punctuation after the number: the indicator stands before it.
        if (not tail or tail[0] in "、”)" or in_list
                or (tail[0] in "的并且等" and rx.match(r"的(?:目标|规模|水平|任务)|并|且|等", tail))):
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
        if (verbs is None and q.op == "=" and not q.result and _words().attribute.search(name)
                and not _any_goal_verb().search(name)):
            continue  # 全长约53.1公里, 经费约982亿元: what a project is (新建绿道全长120公里 is a goal)
        if len(name) < 2 or len(name) > _LONGEST_NAME or (_may_be_numeric(name[0])
                                                          and rx.fullmatch(r"[\d\s.,%、]+", name)):
            continue  # a name longer than any indicator's is a list or a table run into one line
        f = Found(name=name, value=q.value, low=q.low, high=q.high, unit=q.unit, op=q.op,
                  year=_year_for(q.start, text, marks, opening, year),
                  start=min(nstart, q.start), end=max(pend, q.end), result=q.result)
        if verbs is None and not joined and (pair := _embedded(text, f, q)):
            runs.append([(pair[0], q)])  # 资讯可变标志60处及停车导引资讯板62处: two targets
            f = pair[1]
        if joined and runs and runs[-1][-1][0].unit == f.unit and bool(runs[-1][-1][0].result) == bool(f.result):
            runs[-1].append((f, q))  # 20亿元、30亿元: one more value for the name before
        else:
            runs.append([(f, q)])
        last = (f, verbs)
    out = []
    for run in runs:
        if len(run) == 1 and run[0][0].start < run[0][1].op_start:
            out += _each(text, *run[0])
        else:
            out += _split_list(run, text, marks)
    _present_before_goal(text, out)
    return out


_AHEAD = regex.compile(r"预计|力争|争取|计划|将|(?<!截|截止)(?:到|至)\s*\d{2,4}\s*年")


def _present_before_goal(text: str, found: list[Found]) -> None:
    """`修复率为85%,预计107年度达95%`: a value stated, then a goal for the same indicator in the same sentence that
    looks ahead: the first is where the indicator stands now, a result."""
    for a, b in zip(found, found[1:]):
        if (a.result or b.result or a.name != b.name or a.unit != b.unit or a.op == "range"
                or _sentence_start(text, b.start) > a.start):
            continue
        if _AHEAD.search(text, a.end, b.end) and not _AHEAD.search(text, _sentence_start(text, a.start), a.end):
            a.result = "现状"


def _any_goal_verb() -> regex.Pattern:
    """A verb anywhere in a name that makes its number a goal (新建, 建成, 培育): `verb_any`, the same alternation
    as `target_verb` without its anchor, compiled once for both uses."""
    return _words().verb_any


_LONGEST_NAME = 50
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
    items = _items(first.name)
    said_each = rx.search(r"分别|依次", text[_clause_start(text, first_q.start):first_q.op_start])
    if (said_each and len(items) == len(run)
            and all(items) and not rx.search(r"[()“”\"《》]", first.name)):
        shared = _EACH.search(items[-1])
        for f, item in zip(targets, items):
            if shared and shared.group("tail"):  # A、B和C分别占比达…: each item with the words after 分别
                f.name = _EACH.sub("", item) + shared.group("tail")
            else:
                f.scope = item
        return targets
    return [targets[-1]]


_EACH = regex.compile(r"(?:分别|均|各)(?P<tail>[^、,;。]*)$")


def _items(name: str) -> list[str]:
    """`与A、B和C` -> [A, B, C]: the items of a listed name (a leading 与/同 joins it to the clause before)."""
    name = rx.sub(r"^(?:与|同|和|于|在)", "", name)
    return [i.strip() for i in _NAME_ITEMS.split(name)]


def _each(text: str, f: Found, q: _Q) -> list[Found]:
    """One statement, several targets: `A、B、C各100项以上` is three, `A、B均增长10%` two.

    The words between the list and the number (`各`, `均`, `分别` and a shared tail such as
    `增长`) say the value holds for every item; each target is named item + tail.
    """
    phrase = text[f.start:q.op_start].rstrip()
    # the word and at most 8 characters after it end the phrase (rstripped: no final newline for `$` to stand
    # before), so it lies in the last 10: a phrase without one there (most) is not searched
    end = phrase[-10:]
    if len(phrase) > 60 or ("各" not in end and "均" not in end and "分别" not in end):
        return [f]
    m = rx.search(r"(?:各|均|分别)(?P<tail>[^、,;。\d]{0,8})$", phrase)
    if not m:
        return [f]
    items = _items(clean_name(_strip_lead(phrase[:m.start()])[0]))
    if len(items) < 2 or not all(2 <= len(i) <= 24 for i in items) or rx.search(r"[()“”\"《》\d]", phrase):
        return [f]
    tail = _words().trail.sub("", m.group("tail")) if m.group("tail") else ""
    kept, _, vstart = _verb_prefix_at_start(items[0])
    items[0] = items[0][vstart:]
    head = rx.search(r"级(.+)$", items[-1])
    if head:  # 国家级、省级专精特新企业: the tiers share the last item's noun
        items = [i + head.group(1) if i.endswith("级") else i for i in items]
    return [replace(f, name=kept + item + tail) for item in items if item]


def _verb_prefix_at_start(item: str) -> tuple[str, bool, int]:
    """Verbs opening the first item of a list (`新增国家级`): those kept in names, whether any, where they end."""
    words = _words()
    kept, found, pos = "", False, 0
    while verb := words.verb_at(item, pos):
        if len(verb) < 2 or len(item) - pos - len(verb) < 2:
            break  # one-character words (新, 再) begin names too: 新屋区
        found = True
        if verb in words.keep_verbs:
            kept += verb
        pos += len(verb)
    return kept, found, pos


def _governing_mark(pos: int, text: str, marks: list[tuple[int, tuple[int, ...]]]) -> tuple[int, ...] | None:
    """The years of the last year phrase before `pos` in its sentence.

    `marks` is in text order (`_year_marks`): the last phrase before `pos` is the one, unless a sentence ends between
    it and `pos` (then none of them is in the sentence). No walk back to the sentence's start, and none at all for
    a paragraph without year phrases. `_governing_mark_walk` is what it replaces (for the test).
    """
    last = None
    for mark in marks:
        if mark[0] >= pos:
            break
        last = mark
    if last is None:
        return None
    between = text[last[0]:pos]
    return None if any(end in between for end in _SENT) else last[1]


def _governing_mark_walk(pos: int, text: str, marks: list[tuple[int, tuple[int, ...]]]) -> tuple[int, ...] | None:
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
