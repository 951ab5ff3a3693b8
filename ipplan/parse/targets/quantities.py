"""Numbers with units in prose, each with its op and whether its context rules it out as a goal."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal

import regex

from .. import rx
from ..numbers import parse_number, to_base, unit_table
from .base import _clause_end, _clause_start, _sentence_start, _Shelter, _strip_lead
from .words import _BOUND, _NUMBER_START, Q_APPROX, Q_N1, Q_N2, _Lex, _lex, _words, starts_from

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
    result: str | None = None  # the word that reports the number as reached
    cstart: int | None = None  # where its clause starts in the text it was read from, once asked (`_clause_of`)


def _clause_of(text: str, q: _Q) -> int:
    """`_clause_start(text, q.start)`, walked once per quantity: its readers ask for it up to five times.
    Only for the text `q` was read from (`_quantities`, `quantities_in_text`)."""
    if q.cstart is None:
        q.cstart = _clause_start(text, q.start)
    return q.cstart


_SLASH = regex.compile(r"\s*/")
_POST = regex.compile(r"\s*(以上|以下|以内|之内|左右|上下|内)?")
_POST_FIRSTS = "以之左上内"  # the first characters of `_POST`'s words
_CN_FIRSTS = frozenset("百一二两三四五六七八九十")  # what n1 of `qty` starts with when it is no digit


@functools.lru_cache(maxsize=2048)
def _amount(n1: str, unit_group: str) -> tuple[Decimal, str, Decimal, str, bool, str | None] | None:
    """The first number and its unit as `_read_qty` reads them: (number, unit word, value in the base unit, base
    unit, whether written 百分之…, the base unit's kind: "count" for none), or None for no number.

    A pure function of the two strings (the unit table is read once per process), so it is remembered: the same
    `3家`, `10亿元` recur through a document, and each reading costs a parse, a unit split and Decimal arithmetic.
    """
    unit_word = unit_group.strip()
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
    return v1, unit_word, value, unit, pct, table.kind(unit) if unit else "count"


def _read_qty(text: str, m: regex.Match) -> _Q | None:
    n1, u1, _, n2, approx, unit_group = m.groups()  # in `QTY_GROUPS` order (by name each costs ~0.5 us)
    read = _amount(n1, unit_group)
    if read is None:
        return None
    v1, unit_word, value, unit, pct, kind = read
    start, tail = m.span()
    # `per` starts with `\s*/`: the cheap pattern rules it out (and its compile) for all but rates, and the
    # character after the quantity rules the cheap pattern out for most (neither `/` nor whitespace)
    nxt = text[tail:tail + 1]
    per = (None if pct or not unit or not (nxt == "/" or nxt.isspace()) or not _SLASH.match(text, tail)
           else _lex().per.match(text, tail))
    if per:  # 1.2万人/平方公里: a rate, its unit as written (公里/平方公里 and the like are listed whole)
        unit, tail = f"{unit}/{per.group(1)}", per.end()  # group 1: `per`
    low = high = None
    if n2 is not None:
        v2 = parse_number(n2)
        if v2 is None:
            return None
        low, high = value, to_base(v2, unit_word)[0]
        if u1:
            low = to_base(v1, u1.strip())[0]
        if high <= low:
            return None  # 2024-2025 reads as two years, 3-1 is no range
        value = None
    # `_POST` reads whitespace and a word starting with one of _POST_FIRSTS: else it reads nothing
    nxt = text[tail:tail + 1]
    post = _POST.match(text, tail) if nxt and (nxt in _POST_FIRSTS or nxt.isspace()) else None
    word = (post.group(1) or "") if post else ""
    if per:
        kind = unit_table().kind(unit) or "measure"  # (the rate's own unit; else the kind read with the number)
    if word == "内" and kind != "duration":
        word = ""
    end = tail if not word or post is None else post.end()
    window = max(0, start - 12)  # op words are short; searching all of `before` is quadratic
    words = _words()
    opm = words.op_before(text, window, start)
    op = words.ops[text[opm:start].strip()] if opm is not None else "="
    op_start = opm if opm is not None else start
    if low is not None:
        op = "range"
    elif word in ("以上",):
        op = ">" if op == ">" else ">="
    elif word in ("以下", "以内", "之内", "内"):
        op = "<" if op == "<" else "<="
    elif word in ("左右", "上下"):
        op = "="
    elif approx:
        op = ">"
    chinese = n1[0] in _CN_FIRSTS  # (not a digit: `qty`'s n1 starts with a digit, 百 of 百分之 or a numeral)
    return _Q(m, start, end, op, op_start, value, low, high, unit, kind, chinese)


_PAREN_AFTER = regex.compile(r"\s*\([^()]*\)")
_AND_AFTER = regex.compile(r"\s*[、和或]\s*")
_DE_GOAL = regex.compile(r"的(?:目标|规模|水平|任务)")
_COLON_AFTER = regex.compile(r"\s*[)\]]?\s*:")


def _is_qualifier(text: str, q: _Q, lex: _Lex) -> bool:
    """`1000万元以上(…)的机构`, `2000万元、5000万元的`: the number says which entities count.

    The patterns are matched at positions in `text` (none of them looks behind), not on a copy of the rest of the
    paragraph per step.
    """
    i = q.end
    n = len(text)
    while i < n:  # (at the end neither pattern matches: each needs a character)
        # each pattern opens with \s* and then needs `(` or one of 、和或: after any other character (str.isspace
        # holds all of regex's \s) it fails, and is not tried (most quantities are followed by a noun or a comma)
        ch = text[i]
        space = ch.isspace()
        if (space or ch == "(") and (m := _PAREN_AFTER.match(text, i)):
            i = m.end()
            continue
        if (space or ch in "、和或") and (m := _AND_AFTER.match(text, i)):
            nxt = lex.qty.match(text, m.end())
            if nxt:
                i = _POST.match(text, nxt.end()).end()
                continue
        break
    while i < len(text) and text[i].isspace():  # what str.lstrip() strips
        i += 1
    if (text.startswith("的", i) and not _DE_GOAL.match(text, i)
            and not (q.kind == "money" and _words().fund.match(text, i))):  # 不少于100亿元的专项基金: a committed sum
        left = text[_clause_of(text, q):q.op_start]
        return not (q.kind == "count" and _words().goal_verb_ends(left))
    return False


_BY_YEAR_AHEAD = regex.compile(r"(?<!截|截止)(?:到|至)\s*(?:19|20)\d{2}\s*年")


def _counted(text: str, q: _Q) -> bool:
    """`投运一个`: 一 is a count when a goal verb stands just before it and nothing follows it in its clause."""
    if text[q.m.start():q.m.start() + 1] != "一" or q.kind != "count":
        return False  # 一批, 一期: a batch, a phase, never a count
    rest = text[q.end:q.end + 1]
    return (not rest or rest in _BOUND or rest in "、") and bool(
        _words().goal_verb_ends(text, max(0, q.start - 6), q.start))


_HEADING_PUNCT = regex.compile(r"[。;!?,:]")
_MEASURE_COUNTS = frozenset({"项", "条", "类"})  # units a heading counts its measures in


def _counts_a_list(text: str, q: _Q) -> bool:
    """`(一)知识产权保护方面5项:…`, a heading `科技金融创新方面5项`: the number counts the measures listed, no goal.

    It introduces a list when `:` follows it, or closes a heading: a line with no sentence punctuation, or a lone
    sentence with no counting verb in it (军民深度融合方面6项。). 共/合计 just before it makes it a total of what is
    listed. Otherwise any word that states a goal keeps it: an op (达到), a bound (以上), a counting verb just before
    it (新增5项) or opening the clause (制定标准10项), 力争 or 到2025年 in the sentence; so `制定标准10项以上` and
    `新增专利导航项目5项。` stay targets. A word that reports a value (目前, 已) leaves it to be read as a result.
    """
    if q.kind != "count" or q.op_start != q.start or q.end != q.m.end() or q.m.group(Q_APPROX):
        return False
    colon = _COLON_AFTER.match(text, q.end)
    if not colon and q.unit not in _MEASURE_COUNTS:
        return False  # the first case of the test below, before the clause is read: most quantities
    rest = text[q.end:]
    words = _words()
    clause, _ = _strip_lead(rx.sub(r"^\s*(?:\(?[一二三四五六七八九十\d]+[)、.]\s*)", "", text[_clause_of(text, q):q.start]))
    if not colon and (
            q.unit not in _MEASURE_COUNTS or _HEADING_PUNCT.search(text, 0, q.start)
            or (rest.strip(" \t)]") and (rest.strip(" \t)]") != "。" or words.verb_any.search(clause)))):
        return False  # a heading's own goal (增设公办托婴中心50所) counts things, not the measures under it;
        # a sentence of its own (全年共新增专利导航项目5项。) is a heading only with no counting verb in it
    before = text[_sentence_start(text, q.start):q.start]
    if words.goal_words.search(before) or _BY_YEAR_AHEAD.search(before):
        return False
    if rest.strip(" \t)]") != "。" and rx.search(r"(?:共|共计|合计|总计)\s*$", before):
        return True  # 推广的改革举措共23项: a heading's total of what it lists, whatever verb opens it
    return not (words.goal_verb_ends(text, max(0, q.start - 6), q.start) or words.goal_verb_opens(clause)
                or words.baseline.search(before) or words.result_before.search(before))  # 目前…计有57条: a result


_NUMBER_CHAR = regex.compile(_NUMBER_START[3:-1])  # the class of `(?=[…])`
assert _NUMBER_START == "(?=" + _NUMBER_CHAR.pattern + ")"


def _quantities(text: str, shelter: _Shelter | None = None) -> list[_Q]:
    """Every number with a unit in `text`, marked `skip` when its context rules it out as a goal."""
    # every quantity starts with a character of `_NUMBER_START`'s set: one search for the first (a character-class
    # scan, faster than `qty`'s step per position) answers for a paragraph with none (most), and `qty` is scanned
    # from there (its lookbehinds still see the text before; no match can start earlier)
    first = _NUMBER_CHAR.search(text)
    if first is None:
        return []
    lex, words = _lex(), _words()
    shelter = shelter or _Shelter.of(text)
    out: list[_Q] = []
    for m in lex.qty.finditer(text, first.start()):
        q = _read_qty(text, m)
        if q is None:
            continue
        if q.chinese and m.group(Q_N1) in ("一", "二") and not m.group(Q_N2) and not _counted(text, q):
            continue  # 形成一支队伍, 建设一个平台: an article; 二次供水: secondary (two of a thing is 两)
        prev = text[m.start() - 1] if m.start() else ""
        if (prev in "第每前号#/" or (prev.isascii() and (prev.isalnum() or prev in ".-_"))
                or shelter.covers(m.start())):
            q.skip = True
        elif _counts_a_list(text, q):
            q.skip = True
        elif starts_from(text, max(0, q.start - 16), q.start):
            q.skip = True  # 从10件提高到15件: the value the target starts from
        elif q.kind in ("duration", "score") and q.op_start == q.start:
            q.skip = True  # 用3个月时间, (3分): a time or a weight, not a goal
        elif (q.kind == "session" and q.op_start == q.start
              and (not words.goal_verb_ends(text, max(0, q.start - 6), q.start)
                   or rx.match(r"\s*(?:工程|项目)", text[q.end:]))):
            q.skip = True  # 分两批: 期/批 count only after a verb that counts them (举办10期); 三期工程 is a phase
        else:
            cs = _clause_of(text, q)
            clause = text[cs:_clause_end(text, q.end)]
            if q.kind in ("money", "percent") and words.support_money.search(clause):
                q.skip = True
            elif q.kind == "percent" and rx.search(r"按[^,;。]*的\s*$", text[cs:q.op_start]):
                q.skip = True  # 按合同金额的30%: a rate a payment is reckoned at, not a goal
            elif q.kind == "money" and rx.search(r"每(?!年)[^\d,;。、]{1,3}\s*$", text[cs:q.op_start]):
                q.skip = True  # 每胎3万元, 每案600元: paid per recipient, a policy instrument
            elif words.support_any.search(clause):
                q.skip = True
            elif _is_qualifier(text, q, lex):
                q.skip = True
            elif m := (next((b for b in words.baseline.finditer(clause)  # not 由现有的10个: a starting value
                             if not rx.search(r"(?:从|由)\s*$", clause[:b.start()])), None)
                       or words.result_before.search(text, cs, q.op_start)):
                before = text[_sentence_start(text, q.start):q.op_start]
                if m.group(0).startswith("已") or not (words.goal_words.search(before) or _BY_YEAR_AHEAD.search(before)):
                    q.result = m.group(0)  # 已建成3个, 约占60%, 同比增长5.6%: reached, reported as a result
                # else 力争同比增长10%, 到2025年,…约占10%: the sentence looks ahead, a goal
        out.append(q)
    return out
