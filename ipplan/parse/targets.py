"""Quantified targets: an indicator and the number a plan says it must reach.

Plans state goals two ways, and the place of the number tells which:
- the indicator first, the number closing the clause: `每万人有效发明专利拥有量达172件,`;
- a verb, the number, then what is counted: `培育3家以上专业化…知识产权服务机构`.
So a number that ends its clause is named from its left, one followed by a noun
from its right (keeping the verbs that say what is counted: 新增, 累计, 培育).

Most numbers in a plan are not targets: dates, ordinals, document numbers,
titles in 《》, slogans in quotes, entity qualifiers (`1000万元以上的机构`),
and support amounts (`给予最高500万元奖励`, a policy instrument). Those are
recognised by their context rather than listed, so unseen plans behave alike.
Unit words come from `ipplan/data/units.json` (see `numbers.py`); a number
without a known unit after it is never a target.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal

import regex

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

# Words before a number that state the comparison; longest first so 超过 wins over 超.
_OPS: dict[str, str] = {
    "达到或超过": ">=", "不少于": ">=", "不低于": ">=", "至少": ">=", "不小于": ">=",
    "超过": ">", "超出": ">", "高于": ">", "大于": ">", "多于": ">", "逾": ">", "突破": ">", "超": ">",
    "不超过": "<=", "不高于": "<=", "不大于": "<=", "控制在": "<=", "压缩至": "<=", "压缩到": "<=",
    "缩短至": "<=", "缩短到": "<=", "降低至": "<=", "降低到": "<=", "下降至": "<=", "下降到": "<=",
    "降至": "<=", "少于": "<", "低于": "<",
    "达到": "=", "达": "=", "为": "=", "增至": "=", "增加到": "=", "增加至": "=", "增长到": "=",
    "增长至": "=", "提高到": "=", "提高至": "=", "提升到": "=", "提升至": "=", "扩大到": "=",
    "扩大至": "=", "上升到": "=", "上升至": "=", "稳定在": "=", "保持在": "=", "维持在": "=",
    "约": "=", "近": "=", "累计达": "=", "总计": "=", "共计": "=", "合计": "=",
}
_OP_RE = regex.compile(r"(?:" + "|".join(sorted(map(regex.escape, _OPS), key=len, reverse=True)) + r")\s*$")

# Verbs in front of `N家 X`: kept when they say what is counted, dropped when they only say "have".
_KEEP_VERBS = [
    "新增", "新建", "新认定", "认定", "累计", "培育", "新培育", "培养", "引进", "新引进", "引育", "新引育",
    "招引", "引入", "集聚", "转化", "布局", "实施", "组织实施", "建立", "组建", "设立", "新设", "孵化",
    "遴选", "评选", "推介", "支持", "服务", "开展", "举办", "取得", "攻克", "突破", "揭榜", "制定",
    "制修订", "发布", "推广", "每年", "年均", "梯度培育",
]
_DROP_VERBS = [
    "建成", "建设", "创建", "形成", "打造", "争创", "谋划", "谋划建设", "实现", "拥有", "达到", "力争",
    "争取", "确保", "全力", "积极", "着力", "大力", "加快", "努力", "进一步", "重点", "再", "共", "有",
    "新", "组织", "推动", "全市", "全区", "全省", "全县", "本市", "本区", "以上", "左右", "约",
]
_VERB_RE = regex.compile(r"(?:" + "|".join(sorted(map(regex.escape, set(_KEEP_VERBS + _DROP_VERBS)),
                                                   key=len, reverse=True)) + r")$")
_TARGET_VERB = regex.compile(r"(?:" + "|".join(sorted(map(regex.escape, set(_KEEP_VERBS + _DROP_VERBS) - {
    "全市", "全区", "全省", "全县", "本市", "本区", "以上", "左右", "约", "有", "再", "共", "新", "重点"}),
    key=len, reverse=True)) + r")\s*$")

_VERB_MOD = regex.compile(_TARGET_VERB.pattern.replace(r")\s*$", r")(?P<mod>[^,;。、\d]{1,12}的)\s*$"))

# Clause openers that are not part of an indicator's name.
_LEAD = regex.compile(
    r"^(?:[\s,、;:.]|——|—|-|"
    r"(?:\d+|[一二三四五六七八九十]+)[.、](?!\d)|\((?:\d+|[一二三四五六七八九十]+)\)|"
    r"(?:力争|争取|预计|计划|确保)?(?:到|至|截至|截止到|截止)?\s*(?:19|20)\d{2}\s*年(?:底|末|年底)?(?:前)?|"
    r"(?:到|至)?“?十[一二三四五六七八九]五”?(?:期末|末|时期末|期间|时期)?|"
    r"\d+\s*年内|"
    r"其中|同时|此外|另外|并且|以及|全市|全区|全省|全县|全州|全国范围内|本市|本区|本省|"
    r"力争|争取|确保|努力|预计|计划|实现|推动|上述|建成|建设|创建|形成|打造|争创|达到|拥有|基本|总体)"
)
_TRAIL = regex.compile(r"(?:分别|均|各|累计|总计|共计|合计|将|要|可|力争|争取|预计|能够|[\s,、])+$")

_YEAR_TAIL = regex.compile(r"\s*(?:到|至|在)?\s*(?:19|20)\d{2}\s*年(?:底|末)?\s*$")

# Context that makes a number a policy instrument (support given to firms) or a baseline, not a goal.
_SUPPORT = regex.compile(r"给予|奖励|补助|补贴|资助|贴息|最高|一次性|奖补|予以支持|扶持|补偿|返还|减免|报销|专项资金|财政资金|安排")
_BASELINE = regex.compile(r"已经?(?:建成|达到|拥有|形成|累计|获批|认定|培育|突破|超过)|现有|目前|截至目前|截止目前|去年|上年|同比|比上年|较上年")

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
        m = _LEAD.match(name)
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


def _year_marks(text: str, shelter: _Shelter) -> list[tuple[int, int]]:
    """(position, year) of every phrase that sets a target year, outside titles."""
    return [(m.start(), _mark_year(m)) for m in _YEAR_MARK.finditer(text) if not shelter.covers(m.start())]


def governing_year(text: str) -> int | None:
    """The year an opening clause (`到2026年,`, `到2023年底,`, `“十四五”期末`) sets for what follows."""
    head = regex.sub(r"^(?:[\s—\-]|(?:\d+|[一二三四五六七八九十]+)[.、](?!\d)|\((?:\d+|[一二三四五六七八九十]+)\))+",
                     "", text)
    head = regex.sub(r"^(?:力争|争取|预计|计划|确保)", "", head)
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
    opm = _OP_RE.search(text, window, m.start())
    op = _OPS[opm.group(0).strip()] if opm else "="
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
        return not (q.kind == "count" and _TARGET_VERB.search(left))
    return False


def _quantities(text: str, shelter: _Shelter | None = None) -> list[_Q]:
    """Every number with a unit in `text`, marked `skip` when its context rules it out as a goal."""
    lex = _lex()
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
        elif q.kind in ("duration", "score") and q.op_start == q.start:
            q.skip = True  # 用3个月时间, (3分): a time or a weight, not a goal
        elif (q.kind == "session" and q.op_start == q.start
              and not _TARGET_VERB.search(text, max(0, q.start - 6), q.start)):
            q.skip = True  # 分两批: 期/批 count only after a verb that counts them (举办10期)
        else:
            clause = text[_clause_start(text, q.start):_clause_end(text, q.end)]
            if q.kind in ("money", "percent") and _SUPPORT.search(clause):
                q.skip = True
            elif "给予" in clause or _BASELINE.search(clause):
                q.skip = True
            elif _is_qualifier(text, q, lex):
                q.skip = True
        out.append(q)
    return out


# ---------------------------------------------------------------- names

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
            name = _TRAIL.sub("", clause[:m.start()])
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
    words: list[str] = []
    rest = left.rstrip()
    while rest:
        m = _VERB_RE.search(rest)
        if not m:
            break
        words.insert(0, m.group(0))
        rest = rest[:m.start()].rstrip()
    kept = "".join(w for w in words if w in _KEEP_VERBS)
    return kept, bool(words), len(rest) if words else len(left)


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


def _name_from_left(c: _Ctx) -> tuple[str, int] | None:
    """`每万人有效发明专利拥有量达172件`: the clause before the number names it."""
    text, q = c.text, c.q
    raw = text[c.prev_end:q.op_start]
    name, gone = _strip_lead(raw)
    name = _TRAIL.sub("", _YEAR_TAIL.sub("", name))
    nstart = c.prev_end + gone
    if not name and c.last and c.prev_end == c.last[0].end and regex.fullmatch(r"[\s、和及]*", raw):
        name, nstart = c.last[0].name, q.start  # 分别达到20件、23件
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
    return name, nstart


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
    if not had_verb and (mod := _VERB_MOD.search(left)):
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


def _list_ends_in_noun(text: str, pos: int, end: int) -> bool:
    """After `N、M、K`, does a noun follow the last number (so all of them qualify it)?"""
    lex = _lex()
    moved = False
    while m := regex.match(r"\s*[、和或]\s*", text[pos:end]):
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
    """
    shelter = _Shelter.of(text)
    live = [q for q in _quantities(text, shelter) if not q.skip]
    marks = _year_marks(text, shelter)
    opening = governing_year(text)
    found: list[Found] = []
    last: tuple[Found, str | None] | None = None
    for idx, q in enumerate(live):
        cstart, cend = _clause_start(text, q.start), _clause_end(text, q.end)
        prev_end = last[0].end if last and cstart < last[0].end <= q.op_start else cstart
        c = _Ctx(text, q, live[idx + 1] if idx + 1 < len(live) else None, last, cstart, cend, prev_end)
        after = text[q.end:cend]
        after_skip = regex.match(r"\s*(?:/[^\s,;。、\d]{1,3}(?=[\s,;。、]|$))?(?:\([^()]*\))?\s*", after).end()
        tail = after[after_skip:]
        if tail.startswith("、") and _list_ends_in_noun(text, q.end + after_skip, cend):
            continue  # 1亿元、5亿元、10亿元以上企业: a list of thresholds qualifying a noun
        # Nothing but punctuation after the number: the indicator stands before it.
        if not tail or tail[0] in "、”)" or regex.match(r"的(?:目标|规模|水平|任务)|并|且|等", tail):
            named = _name_from_left(c)
            if named is None:
                continue
            (name, nstart), pend, verbs = named, q.end, None
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
        found.append(f)
        last = (f, verbs)
    return found


def _year_for(pos: int, text: str, marks: list[tuple[int, int]], opening: int | None,
              default: int | None) -> int | None:
    """The last year phrase before `pos` in its sentence, else the paragraph's opening year, else the default."""
    sent = _sentence_start(text, pos)
    inside = [y for p, y in marks if sent <= p < pos]
    if inside:
        return inside[-1]
    return opening if opening is not None else default


# ---------------------------------------------------------------- tables

_YEAR_IN_HEAD = regex.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_BASE_HEAD = regex.compile(r"基期|现状|基准|实际|完成|基数|基础值|现值")
_GOAL_HEAD = regex.compile(r"目标|预期|计划")


def _year_columns(head: list[str]) -> dict[int, int]:
    """Columns that hold the values for a year: `2024 年`, `2025年目标`, `目标值(2025年)`.

    A base-year column (`2020年(基期)`, `现状值`) holds no target; when some year columns
    say 目标 and others do not, the others are the base year (`2020年 | 2025年目标`).
    """
    cols: dict[int, tuple[int, bool]] = {}
    for i, h in enumerate(head):
        years = _YEAR_IN_HEAD.findall(h)
        if years and len(h.strip()) <= 14 and not _BASE_HEAD.search(h):
            cols[i] = (int(years[-1]), bool(_GOAL_HEAD.search(h)))
    if any(goal for _, goal in cols.values()) and not all(goal for _, goal in cols.values()):
        cols = {i: yg for i, yg in cols.items() if yg[1]}
    return {i: y for i, (y, _) in cols.items()}


_NUMBER_HEAD = regex.compile(r"^\s*(?:编号|序号|序|No\.?|#)\s*$", regex.I)
_NAME_HEAD = regex.compile(r"指标|名称|项目|内容|目标")
_VALUE_HEAD = regex.compile(r"^\s*(?:目标值|预期值|指标值|目标|数值|预期目标|规划目标)\s*$")
_CELL = regex.compile(
    r"^\s*(?P<pre>≥|>=|≤|<=|>|<|约|不低于|不少于|超过|达到|大于|小于|不超过)?\s*"
    r"(?P<n1>" + _NUM_AR + r"|" + _NUM_CN + r")\s*(?P<u1>[^\d\s\-—~～至]*?)\s*"
    r"(?:(?:-|—|–|~|～|至)\s*(?P<n2>" + _NUM_AR + r"|" + _NUM_CN + r"))?\s*"
    r"(?P<unit>[^\d\s]*?)\s*(?P<post>以上|以下|以内|左右)?\s*$"
)
_CELL_OPS = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", ">": ">", "<": "<", "约": "=",
             "不低于": ">=", "不少于": ">=", "超过": ">", "达到": "=", "大于": ">", "小于": "<", "不超过": "<="}
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
    m = _CELL.match(cell.replace("％", "%"))
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
    op = _CELL_OPS.get(m.group("pre") or "", "=")
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
    suffix (`(亿元)`, removed from the name). `其中:X` in the first cell scopes that
    row and the following rows whose first cell is empty.
    """
    width = max([len(header)] + [len(r) for r in rows]) if rows else len(header)
    head = list(header) + [""] * (width - len(header))
    year_cols = _year_columns(head)
    unit_col = next((i for i, h in enumerate(head) if regex.fullmatch(r"\s*(?:计量)?单位\s*", h)), None)
    kind_col = next((i for i, h in enumerate(head) if regex.search(r"属性|性质|类型", h)), None)
    number_cols = {i for i, h in enumerate(head) if _NUMBER_HEAD.match(h)}
    value_cols: dict[int, int | None] = dict(year_cols)
    if not value_cols:
        value_cols = {i: None for i, h in enumerate(head) if _VALUE_HEAD.match(h)}
    other = [i for i in range(width) if i not in value_cols and i not in number_cols
             and i != unit_col and i != kind_col]
    name_col = next((i for i in other if _NAME_HEAD.search(head[i])), None)
    if name_col is None:
        name_col = next((i for i in other if any(not _looks_numeric(r[i]) for r in rows if i < len(r))), None)
    if name_col is None or not value_cols:
        return []
    all_kind, marked_kind = _kind_from_note(note)
    out: list[tuple[int, Found]] = []
    scope: str | None = None
    parent: str | None = None
    for ri, row in enumerate(rows):
        row = list(row) + [""] * (width - len(row))
        first = row[0].strip()
        if name_col != 0:  # a `其中:X` cell beside the names scopes the rows that follow it
            if m := _SCOPE.match(first):
                scope = clean_name(first[m.end():]) or None
            elif first:
                scope = None
        raw_name = row[name_col].strip()
        row_scope = scope
        if m := _SCOPE.match(raw_name):
            raw_name, row_scope = raw_name[m.end():], parent
        name, unit_word = _name_and_unit(raw_name)
        if not name:
            continue
        if row_scope is None and not _SCOPE.match(row[name_col]):
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

def _bigrams(s: str) -> set[str]:
    s = regex.sub(r"\s", "", s)
    return {s[i:i + 2] for i in range(len(s) - 1)} or {s}


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
    x, y = _bigrams(a.name), _bigrams(b.name)
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
