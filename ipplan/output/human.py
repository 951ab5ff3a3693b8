"""Amounts as an analyst reads them: 100亿元, 1.8万件, ≥3家, 3–5家.

Targets are stored in base units (10000000000 元) so scripts can compare them;
a person misreads such a number by a factor of ten. The terminal shows the plans'
own way of writing it, exactly: a value is scaled to 万 or 亿 only when that
loses no digit, never rounded.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

_OPS = {"=": "", ">=": "≥", ">": ">", "<=": "≤", "<": "<"}
_NO_SCALE = ("%", "‰", "百分点", "个百分点", "倍")
_SCALES = ((Decimal(100000000), "亿", 4), (Decimal(10000), "万", 4))


def _dec(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _scale(values: list[Decimal], unit: str) -> tuple[Decimal, str]:
    """The largest of 亿/万 that writes every value with at most four decimals (exactly)."""
    if unit in _NO_SCALE or not values:
        return Decimal(1), ""
    for factor, word, places in _SCALES:
        if all(abs(v) >= factor for v in values) and all(
                (v / factor) == (v / factor).quantize(Decimal(1).scaleb(-places)) for v in values):
            return factor, word
    return Decimal(1), ""


def human_amount(op: str | None, value: Any = None, low: Any = None, high: Any = None, unit: str | None = None) -> str:
    """`100亿元`, `≥3家`, `3–5家`, `50%`; an empty string when there is no number."""
    unit = unit or ""
    if op == "range":
        lo, hi = _dec(low), _dec(high)
        if lo is None or hi is None:
            return ""
        factor, word = _scale([lo, hi], unit)
        return f"{_plain(lo / factor)}–{_plain(hi / factor)}{word}{unit}"
    number = _dec(value)
    if number is None:
        return ""
    factor, word = _scale([number], unit)
    return f"{_OPS.get(op or '=', op or '')}{_plain(number / factor)}{word}{unit}"


def target_amount(row: dict) -> str:
    return human_amount(row.get("op"), row.get("value"), row.get("low"), row.get("high"), row.get("unit"))


def amount(data: dict) -> str:
    """A target's number without its unit, in base units: 3–5, >=15, 172 (kept for callers of the old API)."""
    if data.get("op") == "range":
        return f"{data.get('low')}–{data.get('high')}"
    return f"{'' if data.get('op') == '=' else data.get('op')}{data.get('value')}"
