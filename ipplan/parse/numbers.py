"""Numbers and unit words as plans write them, read into exact values.

Plans mix Arabic digits (`1.8万件`, `1,000`), Chinese numerals (`两个`,
`二十五`, `三百`) and unit words that carry a multiplier (`亿元`, `万件`).
Values are `Decimal` throughout: targets are compared across documents and a
float turns `1.15` into `1.1499999…`. Chinese numerals are read only when the
caller has already isolated a quantity; approximations such as `两三个` are
refused (None) rather than guessed, because `两三` is not `23`.

Unit words and multipliers come from `ipplan/data/units.json`, read on first
use so importing this module costs no I/O.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation
from .. import _resources as resources  # importlib.resources.files, cheaper at start-up

import regex

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10**4, "亿": 10**8}
_CN_CHARS = "".join(_DIGITS) + "".join(_SMALL) + "".join(_BIG)

# `18万119`, `2亿6,000万`: Arabic digits split by 亿/万 (Taiwanese and statistical writing).
_COMPOUND = regex.compile(r"\s*(?:(?P<yi>\d+)\s*亿)?\s*(?:(?P<wan>[\d,]+)\s*万)?\s*(?P<rest>[\d,]+)?\s*")
_ARABIC_WITH_MULT = regex.compile(r"\s*(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?P<mult>[十百千万亿]*)\s*")


@dataclass(frozen=True)
class UnitTable:
    """The unit words ipplan knows, by kind, with multiplier prefixes."""

    multipliers: dict[str, int]
    kinds: dict[str, str]  # base unit word -> count / money / percent / measure / duration / score / session
    aliases: dict[str, str]
    not_followed_by: dict[str, str]  # 部 -> 分门…: 三部分 is no quantity

    def words(self) -> list[str]:
        """All unit words, longest first, so that `个百分点` wins over `个` (a new list each time)."""
        return list(self._words)

    @functools.cached_property
    def _words(self) -> tuple[str, ...]:
        # sorted once: the quantity grammar asks for the words several times while it is built, at first use
        return tuple(sorted(set(self.kinds) | set(self.aliases), key=lambda w: (-len(w), w)))

    def kind(self, unit: str) -> str | None:
        return self.kinds.get(self.aliases.get(unit, unit))


@functools.lru_cache(maxsize=1)
def unit_table() -> UnitTable:
    data = json.loads(resources.files("ipplan.data").joinpath("units.json").read_text("utf-8"))
    kinds: dict[str, str] = {}
    for kind, words in data["units"].items():
        for word in words:
            kinds.setdefault(word, kind)
    aliases = dict(data.get("aliases", {}))
    for alias, base in aliases.items():
        kinds.setdefault(base, kinds.get(alias, "count"))
    return UnitTable(multipliers={k: int(v) for k, v in data["multipliers"].items()}, kinds=kinds, aliases=aliases,
                     not_followed_by=dict(data.get("not_followed_by", {})))


# No plan states a number with more digits than these; a longer run of digits is an identifier, a table's digits
# run together, or damage, and is no quantity. Bounding what reaches Decimal keeps every value exact: with at
# most 18 whole and 8 decimal digits, times at most three multipliers (10**24), a value needs 50 digits, below
# the precision plain_decimal works at.
MAX_WHOLE_DIGITS = 18
MAX_DECIMALS = 8
_PRECISION = 60
_CONTEXT = Context(prec=_PRECISION)
_ONE = Decimal(1)


def _bounded(value: Decimal | None) -> Decimal | None:
    """The value when it is finite and within the digits a plan can state, else None."""
    if value is None or not value.is_finite():
        return None
    if value and value.adjusted() >= MAX_WHOLE_DIGITS:
        return None
    if value.as_tuple().exponent < -MAX_DECIMALS:  # type: ignore[operator]
        return None
    return value


def plain_decimal(value: Decimal) -> Decimal:
    """Whole numbers without a trailing `.0`; 18000, not 1.8E+4 or 18000.0.

    Works at a precision above any bounded number times its multipliers, so that
    quantize never fails (the default 28 digits would for `9…9亿亿`).
    """
    # One context made once (not a `localcontext()` per call): the precision is what matters, and at it these
    # operations are exact, so the rounding mode never applies; the traps are the default ones.
    if value == value.to_integral_value(context=_CONTEXT):
        return value.quantize(_ONE, context=_CONTEXT)
    return value.normalize(context=_CONTEXT)


def _chinese(s: str) -> Decimal | None:
    if not s or any(ch not in _CN_CHARS for ch in s):
        return None
    if not any(ch in _SMALL or ch in _BIG for ch in s):
        # A run of digits only: 二〇二五 is read digit by digit, 两三 is an approximation.
        if len(s) == 1:
            return Decimal(_DIGITS[s])
        values = [_DIGITS[ch] for ch in s]
        if len(s) == 2 and values[1] == values[0] + 1 and 0 not in values:
            return None
        return Decimal("".join(str(v) for v in values))
    for a, b in zip(s, s[1:]):
        # 三四十, 二十三四: two digits side by side next to a unit are an approximation.
        if a in _DIGITS and b in _DIGITS and _DIGITS[a] and _DIGITS[b]:
            return None
    total = 0  # finished sections above 万/亿
    section = 0  # the part below the current 万/亿
    digit: int | None = None
    for ch in s:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL:
            section += (1 if digit is None else digit) * _SMALL[ch]
            digit = None
        else:  # 万 / 亿
            section += digit or 0
            digit = None
            if section == 0 and total == 0:
                return None  # a bare 万 is a word, not a number
            if _BIG[ch] == 10**8:
                total = (total + section) * _BIG[ch]
            else:
                total += section * _BIG[ch]
            section = 0
    section += digit or 0
    return Decimal(total + section)


def _compound(m: regex.Match) -> Decimal | None:
    """Sections below 亿 and 万 hold at most four digits; `18万12345` is not a number."""
    total = 0
    for digits, scale in ((m.group("yi"), 10**8), (m.group("wan"), 10**4), (m.group("rest"), 1)):
        if digits is None:
            continue
        digits = digits.replace(",", "")
        if not digits or len(digits) > MAX_WHOLE_DIGITS:
            return None
        n = int(digits)
        if scale < 10**8 and n >= 10**4:
            return None
        total += n * scale
    return Decimal(total)


# Numbers recur (a plan writes 2025, 10 and 100 many times, and every document of a batch does), and reading one
# is a few microseconds of Decimal and regex work: short ones are remembered. Decimal values are immutable, so a
# remembered value is safe to hand out again; long strings (damage, a run of digits) are read each time, uncached.
_CACHED_LENGTH = 40


def parse_number(s: str) -> Decimal | None:
    """Read one number as written: `1.8`, `1,000`, `两`, `十`, `二十五`, `三百`, `1.5万`.

    A trailing multiplier (`1.5万`, `3千万`) is applied; unit words are the caller's
    business (see `to_base`). Anything that is not a single exact number gives None.
    """
    if s is None:
        return None
    if len(s) <= _CACHED_LENGTH:
        return _parse_short(s)
    return _parse_number(s)


@functools.lru_cache(maxsize=4096)
def _parse_short(s: str) -> Decimal | None:
    return _parse_number(s)


def _parse_number(s: str) -> Decimal | None:
    s = s.strip()
    if not s:
        return None
    if m := _ARABIC_WITH_MULT.fullmatch(s):
        digits = m.group("num").replace(",", "")
        whole, _, frac = digits.partition(".")
        if len(whole.lstrip("0")) > MAX_WHOLE_DIGITS or len(frac) > MAX_DECIMALS or len(m.group("mult")) > 3:
            return None  # checked before Decimal: a long or odd run of digits is no quantity
        try:
            value = Decimal(digits)
        except InvalidOperation:
            return None
        for ch in m.group("mult"):
            value *= {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}[ch]
        return _bounded(plain_decimal(value))
    m = _COMPOUND.fullmatch(s)
    if m and (m.group("rest") and (m.group("yi") or m.group("wan")) or m.group("yi") and m.group("wan")):
        return _bounded(_compound(m)) if len(s) <= 40 else None
    s = s.replace(" ", "")
    if s.startswith("百分之"):
        s = s[3:]
    if len(s) > 24:
        return None  # no Chinese numeral a plan writes is this long
    value = _chinese(s)
    return None if value is None else _bounded(plain_decimal(value))


def split_unit(unit_word: str) -> tuple[int, str]:
    """`亿美元` -> (10**8, `美元`); `千瓦` stays a unit of its own; unknown words keep their text."""
    if len(unit_word) <= _CACHED_LENGTH:
        return _split_short(unit_word)  # unit words recur; the table they are split by is read once (`unit_table`)
    return _split_unit(unit_word)


@functools.lru_cache(maxsize=1024)
def _split_short(unit_word: str) -> tuple[int, str]:
    return _split_unit(unit_word)


def _split_unit(unit_word: str) -> tuple[int, str]:
    table = unit_table()
    word = unit_word.strip()
    for i in range(len(word) + 1):
        prefix, rest = word[:i], word[i:]
        if any(ch not in table.multipliers for ch in prefix):
            break
        if rest in table.kinds or rest in table.aliases or rest == "":
            factor = 1
            for ch in prefix:
                factor *= table.multipliers[ch]
            return factor, table.aliases.get(rest, rest)
    return 1, word


def to_base(value: Decimal, unit_word: str) -> tuple[Decimal, str]:
    """Scale a value to its base unit: (1.8, "万件") -> (18000, "件"); (20, "%") -> (20, "%")."""
    factor, unit = split_unit(unit_word)
    return plain_decimal(Decimal(value) * factor), unit
