"""One target stated twice (a table row restated in prose, a goal repeated in a task) is listed once."""
from __future__ import annotations

import functools

import regex

from ..indicators import name_bigrams
from .base import Found

# A name's character pairs, remembered: `drop_repeats` compares each target with every earlier one of its number
# and unit, so the same names are paired again and again. A pure function of the name; the sets are shared, and
# `same_target` only reads them.
_grams = functools.lru_cache(maxsize=4096)(name_bigrams)

# ---------------------------------------------------------------- repeats

def same_target(a: Found, b: Found, strict: bool = False) -> bool:
    """The same number, unit, op, year and scope, and names alike.

    A table row restated in prose may use a much shorter name (`培训基地` for
    `市级知识产权培训基地数量`), so by default the shorter name need only lie mostly
    inside the longer. Two prose targets are the same only when their names nearly
    agree (`strict`): `培育专业化…服务机构` and `培育高端化…服务机构` both >=3家 are two goals.
    """
    if (a.value, a.low, a.high, a.unit) != (b.value, b.low, b.high, b.unit):
        return False
    if a.op != b.op and (strict or {a.op, b.op} not in ({"=", ">="}, {"=", ">"})):
        return False  # a table's ≥5000 restated in prose as 盘活5000亩 is the same goal; two prose ops are not
    if a.year is not None and b.year is not None and a.year != b.year:
        return False
    if (a.scope or None) != (b.scope or None) and a.scope and b.scope:
        return False
    x, y = _grams(a.name), _grams(b.name)
    if strict:
        return 2 * len(x & y) / (len(x) + len(y)) >= 0.8
    if not x or not y:
        return False
    if len(x & y) / min(len(x), len(y)) >= 0.6:
        return True
    # prose restating a table row may lead with how it counts: 累计商业设施更新 for 更新商业设施面积
    x, y = _grams(_without_lead_verb(a.name)), _grams(_without_lead_verb(b.name))
    return bool(x and y) and len(x & y) / min(len(x), len(y)) >= 0.6


_LEAD_VERB = regex.compile(r"^(?:累计|新增|完成|实现|总计)+")
_LEAD_VERB_FIRSTS = "累新完实总"  # what its words start with


def _without_lead_verb(name: str) -> str:
    """`_LEAD_VERB.sub("", name)`, tried only on a name opening with one of its words' first characters."""
    return _LEAD_VERB.sub("", name) if name[:1] in _LEAD_VERB_FIRSTS and name else name


def drop_repeats(primary: list[Found], others: list[Found]) -> list[Found]:
    """`others` without the targets that repeat one in `primary` or an earlier one in `others`.

    Plans restate a table's rows in prose (`培训基地达到15家`) and repeat a goal from
    the goals chapter inside a task; the first statement (the table's name) is kept.
    Only targets with the same number and unit can be the same (see `same_target`), so each is
    compared within its bucket: linear in the number of targets, not quadratic (20,000 items).
    """
    tables: dict[tuple, list[Found]] = {}
    for p in primary:
        tables.setdefault(_bucket(p), []).append(p)
    seen: dict[tuple, list[Found]] = {}
    kept: list[Found] = []
    for f in others:
        key = _bucket(f)
        if (any(same_target(p, f) for p in tables.get(key, ()))
                or any(same_target(k, f, strict=True) for k in seen.get(key, ()))):
            continue
        kept.append(f)
        seen.setdefault(key, []).append(f)
    return kept


def _bucket(f: Found) -> tuple:
    return (f.value, f.low, f.high, f.unit)
