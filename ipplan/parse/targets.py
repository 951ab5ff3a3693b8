"""Quantified targets: an indicator and the number a plan says it must reach.

Plans state goals two ways, and the place of the number tells which:
- the indicator first, the number closing the clause: `每万人有效发明专利拥有量达172件,`;
- a verb, the number, then what is counted: `培育3家以上专业化…知识产权服务机构`.
So a number that ends its clause is named from its left, one followed by a noun
from its right (keeping the verbs that say what is counted: 新增, 累计, 培育).

Most numbers in a plan are not targets: dates, ordinals, document numbers,
titles in 《》, slogans in quotes, entity qualifiers (`1000万元以上的机构`),
support amounts (`给予最高500万元奖励`, a policy instrument), and the value a
target starts from (`从10件提高到15件`: only 15 is a goal). Those are
recognised by their context rather than listed, so unseen plans behave alike.
Unit words come from `ipplan/data/units.json` (see `numbers.py`); a number
without a known unit after it is never a target. The words that give that
context (comparison ops, verbs kept or dropped in names, support and baseline
cues, clause openers, table headers) come from `ipplan/data/target_words.json`,
which documents each list; both are read on first use.

One name may take several values: `X2024年、2025年分别达到20件、23件` gives a
target per year (see `_split_list` for lists without years).
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources

import regex

from .indicators import name_bigrams
from .numbers import parse_number, split_unit, to_base, unit_table


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


# ---------------------------------------------------------------- vocabulary

_NUM_AR = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
_NUM_CN = r"[一二两三四五六七八九十][〇零一二两三四五六七八九十百千万亿]*"
_SECTION = r"(?:\d,\d{3}|\d{1,4})(?![\d,])"
_NUM_MIX = (r"\d+\s*亿\s*" + _SECTION + r"\s*万(?:\s*" + _SECTION + r")?|\d+\s*亿\s*" + _SECTION
            + r"|\d+(?:\.\d+)?\s*万\s*" + _SECTION)  # 18万119, 2亿6,000万 (statistical writing)

# Years: one (`2025年`, `2025年底`) or a list (`2024年、2025年`, `2024、2025年`, `2024年和2025年`).
_YEAR_1 = r"(?<!\d)(?:19|20)\d{2}\s*年(?:底|末)?"
_YEARS = (r"(?:(?<!\d)(?:19|20)\d{2}\s*(?:年(?:底|末)?)?\s*(?:、|和|及|与|以及)\s*)*"
          r"(?<!\d)(?:19|20)\d{2}\s*年(?:底|末)?")

# The words (comparison ops, verbs, support and baseline cues, openers) are data:
# `ipplan/data/target_words.json`, read on first use (see `_words`). The grammar
# around them (years, numbering labels, brackets) stays here.
_LEAD_GRAMMAR = (
    r"[\s,、;:.]|——|—|-|"
    r"(?:\d+|[一二三四五六七八九十]+)[.、](?!\d)|\((?:\d+|[一二三四五六七八九十]+)\)|"
    r"(?:力争|争取|预计|计划|确保)?(?:到|至|截至|截止到|截止)?\s*" + _YEARS + r"(?:年底)?(?:前)?|"
    r"(?:到|至)?“?十[一二三四五六七八九]五”?(?:期末|末|时期末|期间|时期)?|"
    r"\d+\s*年内"
)

_YEAR_TAIL = regex.compile(r"\s*(?:到|至|在)?\s*" + _YEARS + r"\s*$")
# A value the target starts from: `从10件提高到15件`, `由2023年的10件`; cut from the name, never a target.
_FROM = r"(?:从|由)\s*(?:" + _YEAR_1 + r"\s*(?:的)?)?\s*"
_STARTS_FROM = regex.compile(_FROM + r"$")  # ends just before the starting value (or its year)

_BOUND = ",;。:!?\n"
_SENT = "。!?\n"


@dataclass(frozen=True)
class _Lex:
    qty: regex.Pattern


@functools.lru_cache(maxsize=1)
def _lex() -> _Lex:
    table = unit_table()
    cjk, ascii_ = [], []
    for word in table.words():
        if word.isascii() and word[0].isalpha():
            ascii_.append(regex.escape(word))
        else:
            stop = table.not_followed_by.get(word, "")
            cjk.append(regex.escape(word) + (f"(?![{regex.escape(stop)}])" if stop else ""))
    mult = "[" + "".join(table.multipliers) + "]"
    unit = (r"(?:" + mult + r"{0,3}(?:" + "|".join(cjk) + r")(?!性|级)|"
            r"(?i:" + "|".join(ascii_) + r")(?![A-Za-z]))")
    # A bare multiplier (`用户突破1亿`) is a unit-less quantity when nothing follows it.
    bare = mult + r"{1,3}(?=\s*(?:以上|以下|左右|[" + regex.escape(_BOUND) + r"、)]|$))"
    qty = regex.compile(
        r"(?P<n1>百分之" + _NUM_CN + r"|" + _NUM_MIX + r"|" + _NUM_AR + r"|" + _NUM_CN + r")"
        r"(?:(?:\s*(?P<u1>" + unit + r"))?\s*(?P<sep>[-—–~～至到])\s*(?P<n2>" + _NUM_AR + r"|" + _NUM_CN + r"))?"
        r"\s*(?P<approx>[多余])?\s*(?P<unit>" + unit + r"|" + bare + r")"
    )
    return _Lex(qty=qty)


_OP_NAMES = ("=", ">=", ">", "<=", "<")
_LISTS = ("keep_verbs", "drop_verbs", "not_goal_verbs", "support_money", "support_any", "baseline_after_already",
          "baseline_words", "clause_openers", "name_trailers", "table_base_headers", "table_goal_headers",
          "table_number_headers", "table_name_headers", "table_value_headers", "table_unit_headers", "table_kind_headers")


@dataclass(frozen=True)
class _Words:
    """`target_words.json` compiled: the op words and the patterns built from the word lists."""

    ops: dict[str, str]  # word before a number -> op
    op_re: regex.Pattern  # an op word ending where the number begins
    keep_verbs: frozenset[str]
    verb_re: regex.Pattern  # a keep or drop verb ending the text
    target_verb: regex.Pattern  # a verb that makes the number after it a goal
    verb_mod: regex.Pattern  # such a verb, then a `…的` modifier: 打造具有推广效应的
    lead: regex.Pattern  # clause openers that are no part of a name
    trail: regex.Pattern  # words between a name and its number
    support_money: regex.Pattern
    support_any: regex.Pattern
    baseline: regex.Pattern
    cell_ops: dict[str, str]
    cell: regex.Pattern  # a table value cell
    base_head: regex.Pattern
    goal_head: regex.Pattern
    number_head: regex.Pattern  # whole header cell
    name_head: regex.Pattern
    value_head: regex.Pattern  # whole header cell
    unit_head: regex.Pattern  # whole header cell
    kind_head: regex.Pattern


def _alt(words: object) -> str:
    """Words as one alternation, longest first so that 超过 wins over 超."""
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[arg-type]


def _word_lists(data: object, source: str) -> tuple[dict[str, str], dict[str, str], dict[str, list[str]]]:
    """(ops, cell ops, lists) from the parsed file, or ValueError naming `source` and what is wrong."""
    if not isinstance(data, dict):
        raise ValueError(f"{source}: the top level must be an object")

    def words(value: object, what: str) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
            raise ValueError(f"{source}: {what} must be a list of non-empty strings")
        return value

    def op_map(key: str) -> dict[str, str]:
        groups = data.get(key)
        if not isinstance(groups, dict) or set(groups) - set(_OP_NAMES):
            raise ValueError(f"{source}: {key} must map ops ({', '.join(_OP_NAMES)}) to word lists")
        out: dict[str, str] = {}
        for op, ws in groups.items():
            for w in words(ws, f"{key}[{op!r}]"):
                if out.setdefault(w, op) != op:
                    raise ValueError(f"{source}: {key}: {w!r} stands under two ops")
        return out

    missing = [k for k in ("ops", "cell_ops", *_LISTS) if k not in data]
    if missing:
        raise ValueError(f"{source}: missing {', '.join(missing)}")
    return op_map("ops"), op_map("cell_ops"), {k: words(data[k], k) for k in _LISTS}


def _compile_words(data: object, source: str = "target_words.json") -> _Words:
    ops, cell_ops, w = _word_lists(data, source)
    verbs = set(w["keep_verbs"]) | set(w["drop_verbs"])
    target_verb = regex.compile(r"(?:" + _alt(verbs - set(w["not_goal_verbs"])) + r")\s*$")
    cell = regex.compile(
        r"^\s*(?P<pre>" + _alt(cell_ops) + r")?\s*"
        r"(?P<n1>" + _NUM_AR + r"|" + _NUM_CN + r")\s*(?P<u1>[^\d\s\-—~～至]*?)\s*"
        r"(?:(?:-|—|–|~|～|至)\s*(?P<n2>" + _NUM_AR + r"|" + _NUM_CN + r"))?\s*"
        r"(?P<unit>[^\d\s]*?)\s*(?P<post>以上|以下|以内|左右)?\s*$"
    )
    return _Words(
        ops=ops,
        op_re=regex.compile(r"(?:" + _alt(ops) + r")\s*$"),
        keep_verbs=frozenset(w["keep_verbs"]),
        verb_re=regex.compile(r"(?:" + _alt(verbs) + r")$"),
        target_verb=target_verb,
        verb_mod=regex.compile(target_verb.pattern.replace(r")\s*$", r")(?P<mod>[^,;。、\d]{1,12}的)\s*$")),
        lead=regex.compile(r"^(?:" + _LEAD_GRAMMAR + r"|" + _alt(w["clause_openers"]) + r")"),
        trail=regex.compile(r"(?:" + _alt(w["name_trailers"]) + r"|[\s,、])+$"),
        support_money=regex.compile(_alt(w["support_money"])),
        support_any=regex.compile(_alt(w["support_any"])),
        baseline=regex.compile(r"已经?(?:" + _alt(w["baseline_after_already"]) + r")|" + _alt(w["baseline_words"])),
        cell_ops=cell_ops,
        cell=cell,
        base_head=regex.compile(_alt(w["table_base_headers"])),
        goal_head=regex.compile(_alt(w["table_goal_headers"])),
        number_head=regex.compile(r"^\s*(?:" + _alt(w["table_number_headers"]) + r")\s*$", regex.I),
        name_head=regex.compile(_alt(w["table_name_headers"])),
        value_head=regex.compile(r"^\s*(?:" + _alt(w["table_value_headers"]) + r")\s*$"),
        unit_head=regex.compile(r"^\s*(?:" + _alt(w["table_unit_headers"]) + r")\s*$"),
        kind_head=regex.compile(_alt(w["table_kind_headers"])),
    )


@functools.lru_cache(maxsize=1)
def _words() -> _Words:
    """The shipped word lists, read on first use (importing this module reads no file)."""
    text = resources.files("ipplan.data").joinpath("target_words.json").read_text("utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"target_words.json: not JSON ({exc.msg} at line {exc.lineno})") from None
    return _compile_words(data)


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


@dataclass(frozen=True)
class _Shelter:
    """Spans whose numbers are never targets: titles, slogans, bracketed qualifiers, document numbers."""

    spans: list[tuple[int, int]]

    @classmethod
    def of(cls, text: str) -> "_Shelter":
        spans = _pairs(text, "《", "》") + _pairs(text, "〔", "〕") + _pairs(text, "(", ")")
        spans += [(a, b) for a, b in _pairs(text, "“", "”") if b - a <= 22]
        spans += [(a, b) for a, b in _pairs(text, "\"", "\"") if b - a <= 22]
        return cls(spans)

    def covers(self, pos: int) -> bool:
        return any(a < pos < b for a, b in self.spans)


def _clause_start(text: str, pos: int) -> int:
    i = pos
    while i > 0 and text[i - 1] not in _BOUND:
        i -= 1
    return i


def _clause_end(text: str, pos: int) -> int:
    i = pos
    while i < len(text) and text[i] not in _BOUND:
        i += 1
    return i


def _sentence_start(text: str, pos: int) -> int:
    i = pos
    while i > 0 and text[i - 1] not in _SENT:
        i -= 1
    return i


def clean_name(name: str) -> str:
    """Drop spaces next to CJK (`新增 PCT 国际` -> `新增PCT国际`) and stray punctuation at the ends."""
    name = regex.sub(r"\s+", lambda m: " " if _ascii_both_sides(name, m) else "", name.strip())
    name = name.strip(" ,;:、.。")
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
    """Remove clause openers repeatedly; returns the rest and how many characters went."""
    gone = 0
    while name:
        m = _words().lead.match(name)
        if not m or not m.group(0):
            break
        gone += m.end()
        name = name[m.end():]
    return name, gone


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


# ---------------------------------------------------------------- quantities

@dataclass
class _Q:
    m: regex.Match
    start: int
    end: int  # after post-modifiers (以上, 左右)
    op: str
    op_start: int  # where the op word begins (== start when none)
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    unit: str
    kind: str | None
    chinese: bool
    skip: bool = False


_POST = regex.compile(r"\s*(以上|以下|以内|之内|左右|上下|内)?")


def _read_qty(text: str, m: regex.Match) -> _Q | None:
    n1, n2 = m.group("n1"), m.group("n2")
    unit_word = m.group("unit").strip()
    table = unit_table()
    pct = n1.startswith("百分之")
    if pct:
        n1, unit_word = n1[3:], "%" + unit_word
    v1 = parse_number(n1)
    if v1 is None:
        return None
    if unit_word.isascii() and unit_word[:1].isalpha():  # EFlops -> EFLOPS
        unit_word = next((w for w in table.kinds if w.lower() == unit_word.lower()), unit_word)
    if pct:
        unit_word = "%"
    value, unit = to_base(v1, unit_word)
    low = high = None
    if n2 is not None:
        v2 = parse_number(n2)
        if v2 is None:
            return None
        low, high = value, to_base(v2, unit_word)[0]
        if m.group("u1"):
            low = to_base(v1, m.group("u1").strip())[0]
        if high <= low:
            return None  # 2024-2025 reads as two years, 3-1 is no range
        value = None
    post = _POST.match(text, m.end())
    word = post.group(1) or ""
    kind = table.kind(unit) if unit else "count"
    if word == "内" and kind != "duration":
        word = ""
    end = m.end() if not word else post.end()
    window = max(0, m.start() - 12)  # op words are short; searching all of `before` is quadratic
    words = _words()
    opm = words.op_re.search(text, window, m.start())
    op = words.ops[opm.group(0).strip()] if opm else "="
    op_start = opm.start() if opm else m.start()
    if low is not None:
        op = "range"
    elif word in ("以上",):
        op = ">" if op == ">" else ">="
    elif word in ("以下", "以内", "之内", "内"):
        op = "<" if op == "<" else "<="
    elif word in ("左右", "上下"):
        op = "="
    elif m.group("approx"):
        op = ">"
    chinese = not regex.match(r"\d", n1)
    return _Q(m, m.start(), end, op, op_start, value, low, high, unit, kind, chinese)


def _is_qualifier(text: str, q: _Q, lex: _Lex) -> bool:
    """`1000万元以上(…)的机构`, `2000万元、5000万元的`: the number says which entities count."""
    i = q.end
    while True:
        rest = text[i:]
        if m := regex.match(r"\s*\([^()]*\)", rest):
            i += m.end()
            continue
        if m := regex.match(r"\s*[、和或]\s*", rest):
            nxt = lex.qty.match(text, i + m.end())
            if nxt:
                post = _POST.match(text, nxt.end())
                i = post.end()
                continue
        break
    rest = text[i:].lstrip()
    if rest.startswith("的") and not regex.match(r"的(?:目标|规模|水平|任务)", rest):
        left = text[_clause_start(text, q.start):q.op_start]
        return not (q.kind == "count" and _words().target_verb.search(left))
    return False


def _quantities(text: str, shelter: _Shelter | None = None) -> list[_Q]:
    """Every number with a unit in `text`, marked `skip` when its context rules it out as a goal."""
    lex, words = _lex(), _words()
    shelter = shelter or _Shelter.of(text)
    out: list[_Q] = []
    for m in lex.qty.finditer(text):
        q = _read_qty(text, m)
        if q is None:
            continue
        if q.chinese and m.group("n1") == "一" and not m.group("n2"):
            continue  # 形成一支队伍, 建设一个平台: an article, not a count
        prev = text[m.start() - 1] if m.start() else ""
        if (prev in "第每前号#/" or (prev.isascii() and (prev.isalnum() or prev in ".-_"))
                or shelter.covers(m.start())):
            q.skip = True
        elif _STARTS_FROM.search(text, max(0, q.start - 16), q.start):
            q.skip = True  # 从10件提高到15件: the value the target starts from
        elif q.kind in ("duration", "score") and q.op_start == q.start:
            q.skip = True  # 用3个月时间, (3分): a time or a weight, not a goal
        elif (q.kind == "session" and q.op_start == q.start
              and not words.target_verb.search(text, max(0, q.start - 6), q.start)):
            q.skip = True  # 分两批: 期/批 count only after a verb that counts them (举办10期)
        else:
            clause = text[_clause_start(text, q.start):_clause_end(text, q.end)]
            if q.kind in ("money", "percent") and words.support_money.search(clause):
                q.skip = True
            elif words.support_any.search(clause) or words.baseline.search(clause):
                q.skip = True
            elif _is_qualifier(text, q, lex):
                q.skip = True
        out.append(q)
    return out


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


# ---------------------------------------------------------------- tables

_YEAR_IN_HEAD = regex.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def _year_columns(head: list[str]) -> dict[int, int]:
    """Columns that hold the values for a year: `2024 年`, `2025年目标`, `目标值(2025年)`.

    A base-year column (`2020年(基期)`, `现状值`) holds no target; when some year columns
    say 目标 and others do not, the others are the base year (`2020年 | 2025年目标`).
    """
    words = _words()
    cols: dict[int, tuple[int, bool]] = {}
    for i, h in enumerate(head):
        years = _YEAR_IN_HEAD.findall(h)
        if years and len(h.strip()) <= 14 and not words.base_head.search(h):
            cols[i] = (int(years[-1]), bool(words.goal_head.search(h)))
    if any(goal for _, goal in cols.values()) and not all(goal for _, goal in cols.values()):
        cols = {i: yg for i, yg in cols.items() if yg[1]}
    return {i: y for i, (y, _) in cols.items()}


_SCOPE = regex.compile(r"^\s*其中\s*[:,]?\s*")


def _unit_word(word: str) -> str | None:
    """The unit a table states, or None: `亿元`, `%`; `件/万人` counts 件 (per 10,000 people)."""
    word = word.strip().replace("％", "%")
    if "/" in word:
        word = word.split("/")[0].strip()
    if not word:
        return None
    _, base = split_unit(word)
    table = unit_table()
    return word if base in table.kinds or base in table.aliases else None


def _name_and_unit(cell: str) -> tuple[str, str | None]:
    """`年知识产权质押融资登记金额(亿元)` -> (`年知识产权质押融资登记金额`, `亿元`)."""
    cell = cell.strip().strip("*★▲☆")
    if (m := regex.search(r"\(\s*([^()]{1,8})\s*\)\s*$", cell)) and (word := _unit_word(m.group(1))):
        return clean_name(cell[:m.start()]), word
    return clean_name(cell), None


_Cell = tuple[str, Decimal | None, Decimal | None, Decimal | None, str]  # op, value, low, high, base unit


def _read_cell(cell: str, unit_word: str | None) -> _Cell | None:
    """`≥15`, `80以上`, `12-15`, `100%`: a value cell with its own op and unit, scaled by the row's unit."""
    words = _words()
    m = words.cell.match(cell.replace("％", "%"))
    if not m:
        return None
    written = (m.group("unit") or m.group("u1") or "").strip()
    word = _unit_word(written) if written else (unit_word or "")
    if word is None:
        return None  # `翻一番`, `15件/年`-like cells we cannot read safely
    v1 = parse_number(m.group("n1"))
    if v1 is None:
        return None
    value, unit = to_base(v1, word) if word else (v1, "")
    op = words.cell_ops.get(m.group("pre") or "", "=")
    post = m.group("post")
    if post == "以上":
        op = ">" if op == ">" else ">="
    elif post in ("以下", "以内"):
        op = "<="
    if m.group("n2"):
        v2 = parse_number(m.group("n2"))
        if v2 is None:
            return None
        high = to_base(v2, word)[0] if word else v2
        return "range", None, value, high, unit
    return op, value, None, None, unit


def _kind_from_note(note: str | None) -> tuple[str | None, str | None]:
    """(kind for all rows, kind for rows marked with */★) from a note under the table."""
    if not note:
        return None, None
    has_e, has_c = "预期性" in note, "约束性" in note
    if has_e and has_c:
        marked = "约束性" if regex.search(r"[*★▲☆][^,;。]*约束性", note) else "预期性"
        other = "预期性" if marked == "约束性" else "约束性"
        return other, marked
    return ("预期性" if has_e else "约束性" if has_c else None), None


def targets_in_table(header: list[str], rows: list[list[str]], note: str | None = None) -> list[tuple[int, Found]]:
    """One target per (row, year column) of an indicator table; start/end are 0.

    The unit comes from the cell (`100%`), a unit column, or the name's bracket
    suffix (`(亿元)`, removed from the name).

    Scope. `其中` marks part of something, and where it stands says of what:
    - `其中:X` in the first cell (a label beside the names) scopes that row and the
      following rows whose first cell is empty with X: `“中华武数”四平台`.
    - A bare `其中` there, with no label, makes the row a part of the row above it
      (the last row without a scope), like `其中:高价值…` in the name column: the
      scope is that row's name, for this row and the following rows whose first
      cell is empty (a sub-list ends at the next numbered row).
    - `其中:X` in the name column scopes X with the row above.
    - `其中:` alone in the name column opens a sub-list of the row above: with a
      column before the names (numbering) it lasts while that cell is empty;
      without one only the next row is known to belong to it, so only that row
      is scoped (a wrong scope is worse than none).
    """
    width = max([len(header)] + [len(r) for r in rows]) if rows else len(header)
    head = list(header) + [""] * (width - len(header))
    year_cols = _year_columns(head)
    words = _words()
    unit_col = next((i for i, h in enumerate(head) if words.unit_head.match(h)), None)
    kind_col = next((i for i, h in enumerate(head) if words.kind_head.search(h)), None)
    number_cols = {i for i, h in enumerate(head) if words.number_head.match(h)}
    value_cols: dict[int, int | None] = dict(year_cols)
    if not value_cols:
        value_cols = {i: None for i, h in enumerate(head) if words.value_head.match(h)}
    other = [i for i in range(width) if i not in value_cols and i not in number_cols
             and i != unit_col and i != kind_col]
    name_col = next((i for i in other if words.name_head.search(head[i])), None)
    if name_col is None:
        name_col = next((i for i in other if any(not _looks_numeric(r[i]) for r in rows if i < len(r))), None)
    if name_col is None or not value_cols:
        return []
    all_kind, marked_kind = _kind_from_note(note)
    out: list[tuple[int, Found]] = []
    group: str | None = None  # the label of a `其中:X` first cell, for the rows under it
    part_of: str | None = None  # the row a bare `其中` made the following rows part of
    part_lasts = False  # whether that holds while the first cell is empty (else for the next named row only)
    parent: str | None = None  # the last row without a scope
    for ri, row in enumerate(rows):
        row = list(row) + [""] * (width - len(row))
        first = row[0].strip()
        if name_col != 0 and first:  # the first cell beside the names: numbering, or `其中`
            if m := _SCOPE.match(first):
                group = clean_name(first[m.end():]) or None
                part_of, part_lasts = (None, False) if group else (parent, True)
            else:
                group, part_of = None, None
        raw_name = row[name_col].strip()
        sub = _SCOPE.match(raw_name)
        if sub and not raw_name[sub.end():].strip():
            part_of, part_lasts = parent, name_col != 0  # `其中:` alone: a sub-list of the row above follows
            continue
        if sub:
            raw_name, row_scope = raw_name[sub.end():], parent
        elif group:
            row_scope = group
        else:
            row_scope = part_of
        name, unit_word = _name_and_unit(raw_name)
        if not name:
            continue
        if part_of is not None and not part_lasts and not group:
            part_of = None
        if row_scope is None and not sub:
            parent = name
        if unit_col is not None and row[unit_col].strip():
            unit_word = _unit_word(row[unit_col]) or unit_word
        kind = all_kind
        if marked_kind and regex.search(r"[*★▲☆]", row[name_col]):
            kind = marked_kind
        if kind_col is not None and (k := regex.search(r"预期性|约束性", row[kind_col])):
            kind = k.group(0)
        for col, col_year in value_cols.items():
            cell = row[col].strip()
            if not cell:
                continue
            read = _read_cell(cell, unit_word)
            if read is None:
                continue
            op, value, low, high, unit = read
            if not unit and regex.search(r"率|比重|占比|比例", name):
                unit = "%"
            out.append((ri, Found(name=name, value=value, low=low, high=high, unit=unit, op=op,
                                  year=col_year, start=0, end=0, scope=row_scope, kind=kind)))
    return out


def _looks_numeric(cell: str) -> bool:
    return bool(regex.fullmatch(r"\s*[\d.,%\-—~≥≤<>]*\s*", cell))


# ---------------------------------------------------------------- repeats

def same_target(a: Found, b: Found, strict: bool = False) -> bool:
    """The same number, unit, op, year and scope, and names alike.

    A table row restated in prose may use a much shorter name (`培训基地` for
    `市级知识产权培训基地数量`), so by default the shorter name need only lie mostly
    inside the longer. Two prose targets are the same only when their names nearly
    agree (`strict`): `培育专业化…服务机构` and `培育高端化…服务机构` both >=3家 are two goals.
    """
    if (a.value, a.low, a.high, a.unit, a.op) != (b.value, b.low, b.high, b.unit, b.op):
        return False
    if a.year is not None and b.year is not None and a.year != b.year:
        return False
    if (a.scope or None) != (b.scope or None) and a.scope and b.scope:
        return False
    x, y = name_bigrams(a.name), name_bigrams(b.name)
    if strict:
        return 2 * len(x & y) / (len(x) + len(y)) >= 0.8
    return len(x & y) / min(len(x), len(y)) >= 0.6


def drop_repeats(primary: list[Found], others: list[Found]) -> list[Found]:
    """`others` without the targets that repeat one in `primary` or an earlier one in `others`.

    Plans restate a table's rows in prose (`培训基地达到15家`) and repeat a goal from
    the goals chapter inside a task; the first statement (the table's name) is kept.
    """
    kept: list[Found] = []
    for f in others:
        if any(same_target(p, f) for p in primary) or any(same_target(k, f, strict=True) for k in kept):
            continue
        kept.append(f)
    return kept


__all__ = ["Found", "targets_in_text", "targets_in_table", "governing_year", "drop_repeats", "same_target",
           "clean_name"]
