"""Numbering labels of Chinese official documents (GB/T 9704 and neighbours).

A label is recognised by its *family* (一、 / (一) / 1. / (1) / ① / 第X章 /
第X条 / 壹、) and its number. Families carry a rank: a label of a lower rank
closes every open node of equal or higher rank, so levels a document skips
cost nothing (`六、` directly followed by `51.` gives ["六", "51"]).

Whether a syntactic label really is a heading is decided elsewhere (outline),
by numbering sequence and layout; this module only reads labels.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex
from . import rx

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100}
# Financial numerals used for top-level parts in Taiwanese reports (after t2s some become simplified).
TW_DIGITS = {"壹": 1, "贰": 2, "貳": 2, "参": 3, "參": 3, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6,
             "柒": 7, "捌": 8, "玖": 9, "拾": 10}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

_CN = "零〇一二两三四五六七八九十百"
# a label's dot that PDF or web conversion replaced by a private-use, control or replacement character
_DAMAGED = r"[\p{Co}\p{Cc}\uFFFD]"
_TW = "".join(TW_DIGITS)

# family -> (rank, kind)
FAMILIES: dict[str, tuple[int, str]] = {
    "tw": (0, "part"),
    "zh_part": (0, "part"),
    "zh_chapter": (1, "chapter"),
    "zh_section": (2, "section"),
    "cn": (3, "chapter"),
    "zh_article": (4, "article"),
    "paren_cn": (5, "section"),
    "arabic": (6, "item"),
    "paren_arabic": (7, "subitem"),
    "arabic_rparen": (7, "subitem"),
    "circled": (8, "point"),
}

# (family, pattern, what it can start with: these characters, or None for any digit as `regex` reads
# `\d`, Unicode digits included). Tried in this order; the first that reads a number other than zero wins.
# Each is compiled when a label could first start with one of its characters: a document needs a few.
_FORMS: list[tuple[str, str, str | None]] = [
    ("zh_part", rf"第\s*([{_CN}\d]+)\s*(编|部分)(?=[\s\S])", "第"),
    ("zh_chapter", rf"第\s*([{_CN}\d]+)\s*章", "第"),
    ("zh_section", rf"第\s*([{_CN}\d]+)\s*节", "第"),
    ("zh_article", rf"第\s*([{_CN}\d]+)\s*条(?!款)", "第"),
    ("tw", rf"([{_TW}]{{1,2}})\s*[、.]", _TW),
    ("cn", rf"([{_CN}]{{1,3}})\s*(?:、|\.(?!\d)|{_DAMAGED}(?![\d\s]))", _CN),
    ("paren_cn", rf"\(\s*([{_CN}]{{1,3}})\s*\)", "("),
    ("arabic", rf"(\d{{1,3}})(?:\s*[、]|\s*\.(?![\d.])|{_DAMAGED}(?![\d\s]))", None),
    ("paren_arabic", r"\(\s*(\d{1,3})\s*\)", "("),
    ("arabic_rparen", r"(\d{1,2})\)(?![\d)])", None),
    ("circled", rf"([{CIRCLED}])", CIRCLED),
    # one-character forms a word processor writes: ⑴ ⑵ … ⒇ and ⒈ ⒉ … ⒛
    ("paren_arabic", r"([\u2474-\u2487])", "".join(map(chr, range(0x2474, 0x2488)))),
    ("arabic", r"([\u2488-\u249b])", "".join(map(chr, range(0x2488, 0x249C)))),
]
_ONE_CHAR = {**{chr(0x2473 + n): n for n in range(1, 21)}, **{chr(0x2487 + n): n for n in range(1, 21)}}


@dataclass(frozen=True)
class Label:
    family: str
    number: int
    raw: str  # as matched, e.g. "（一）" normalised to "(一)", "1." or "三、"
    end: int  # index in the text where the label ends (after trailing spaces)

    @property
    def rank(self) -> int:
        return FAMILIES[self.family][0]

    @property
    def kind(self) -> str:
        return FAMILIES[self.family][1]

    @property
    def key(self) -> str:
        """The normalised label used in paths: 一, (一), 1, (1), ①, 第一章, 壹."""
        return _key(self.family, self.number, self.raw)


@lru_cache(maxsize=4096)
def _key(family: str, number: int, raw: str) -> str:
    """Label.key, remembered: every path repeats its ancestors' keys, and a document repeats few labels."""
    if not raw or raw in _ONE_CHAR:
        return implied_key(family, number)
    raw = rx.sub(r"\s+", "", raw)
    if family in ("cn", "tw", "arabic"):
        return rx.sub(rf"(?:[、.,]|{_DAMAGED})+$", "", raw)
    return raw


def cn_numeral(number: int) -> str:
    """一 … 九十九: the numeral a path uses for a label the text does not spell out."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(number, 10)
    if not tens:
        return digits[ones]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def implied_key(family: str, number: int) -> str:
    """The path key of a label known only from elsewhere (a contents page), not written in the line."""
    if family in ("cn", "zh_part"):
        return cn_numeral(number)
    if family == "paren_cn":
        return f"({cn_numeral(number)})"
    if family in ("paren_arabic", "arabic_rparen"):
        return f"({number})"
    if family == "tw":
        return next(k for k, v in TW_DIGITS.items() if v == number)
    if family == "circled":
        return CIRCLED[number - 1]
    return str(number)


def cn_number(text: str) -> int | None:
    """Value of a Chinese numeral up to the hundreds (一, 十一, 二十九, 一百零五) or of digits."""
    if text.isdigit():
        return int(text)
    if not text.lstrip(_TW):  # every character a financial numeral (str.lstrip with a set of characters, in C)
        if len(text) == 1:
            return TW_DIGITS[text]
        if text[0] == "拾":
            return 10 + TW_DIGITS.get(text[1], 0)
        return None
    total, current = 0, 0
    for ch in text:
        if ch in CN_DIGITS:
            current = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (current or 1) * CN_UNITS[ch]
            current = 0
        else:
            return None
    return total + current or None


_LOOSE_ARABIC = r"(\d{1,3})\s*\.(?=\d+(?![\d.,万亿千百%％倍元])[\p{Han}“「《])"


def read_loose_label(text: str) -> Label | None:
    """`11.121人才梯队项目`: an item label followed by digits, which read_label takes for a decimal.

    Only for the outline to try at a line start when this exact number is the next one expected.
    """
    match = rx.match(_LOOSE_ARABIC, text) if text and _is_digit(text[0]) else None
    if not match:
        return None
    return Label("arabic", int(match.group(1)), text[:match.end()].strip(), match.end())


# after a number, a word that counts or measures: `3家企业`, `2025年`, `10亿元` are quantities, not items
_MEASURE = "年月日号个家项件人名次元万亿千百十倍届期批类条所座台套种位户亩米吨季天周时分秒级岁余多款只株头辆部张本"
_BARE_ARABIC = rf"(?!0)(\d{{1,2}})(\s+|,)?(?![{_MEASURE}])(?=[\p{{Han}}“「《])"


def read_bare_label(text: str) -> Label | None:
    """`1推进专利导航。`, `1 推进…`, `1,推进…`: an item label whose dot a conversion lost or changed.

    Only for the outline to try at a line start when this exact number is the next one expected
    and the line reads like an item; anywhere else a number before a word is a quantity.
    """
    match = rx.match(_BARE_ARABIC, text) if text and _is_digit(text[0]) else None
    if not match:
        return None
    return Label("arabic", int(match.group(1)), text[:match.end()].strip(), match.end())


def _char_class(chars: str) -> str:
    """A regex character class of `chars` plus digits, runs written as ranges (`①-⒛`: quicker to compile)."""
    points = sorted(set(map(ord, chars)))
    parts: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        first, last = regex.escape(chr(points[i])), regex.escape(chr(points[j]))
        parts.append(first if j == i else first + last if j == i + 1 else f"{first}-{last}")
        i = j + 1
    return "[" + "".join(parts) + r"\d]"


# every character a label can start with, as a regex class (a superset would be safe, a subset is not)
START_CLASS = _char_class("".join(chars for *_, chars in _FORMS if chars))
_COMPILED: dict[int, tuple[str, "regex.Pattern[str]"]] = {}  # by index in _FORMS, on first use
# The forms that can match at a position, by the character there, filled on first sight of the character.
_CANDIDATES: dict[str, tuple[tuple[str, "regex.Pattern[str]"], ...]] = {}
_DIGITS: dict[str, bool] = {}  # whether `regex` reads a character as \d, on first sight


def _is_digit(ch: str) -> bool:
    """`ch` is a digit as `regex` reads \\d (Unicode digits included, which str.isdigit may not agree on)."""
    found = _DIGITS.get(ch)
    if found is None:
        found = _DIGITS[ch] = rx.match(r"\d", ch) is not None
    return found


def _form(index: int) -> tuple[str, "regex.Pattern[str]"]:
    """(family, compiled pattern) of _FORMS[index], compiled once."""
    found = _COMPILED.get(index)
    if found is None:
        family, pattern, _ = _FORMS[index]
        found = _COMPILED[index] = (family, regex.compile(pattern))
    return found


def _candidates(ch: str) -> tuple[tuple[str, "regex.Pattern[str]"], ...]:
    """The forms, in their order, that can start with `ch`.

    A character none of them starts with cannot start a label, so read_label tries no pattern there
    (the common case: most positions it is asked about hold ordinary text), and where one can, it
    tries only the forms that may match, in the same order, so the first that reads a number is the
    same as when trying them all. tests/test_outline_fast_paths.py checks this against trying every form.
    """
    digit = _is_digit(ch)
    found = _CANDIDATES[ch] = tuple(_form(i) for i, (*_, chars) in enumerate(_FORMS)
                                    if (digit if chars is None else ch in chars))
    return found


def _all_forms() -> tuple[tuple[str, "regex.Pattern[str]"], ...]:
    return tuple(_form(i) for i in range(len(_FORMS)))


# Every character a form of _FORMS can consume or look ahead at (款 in `(?!款)`), and the spaces and colon
# _read_with reads after a label, except what the classes \s, \d and _DAMAGED hold beyond those listed:
# `_stops_labels` asks the pattern below about any other character.
_LABEL_CHARS = "".join(sorted(set(
    "第编部分章节条款、.() \t:0123456789" + _CN + _TW + CIRCLED + "".join(_ONE_CHAR)
    + "\n\x0b\x0c\r\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B))))))
_CONSUMED_CLASS = r"[\s\d\p{Co}\p{Cc}\uFFFD]"  # the classes the forms use, beyond their listed characters
_STOPS: dict[str, bool] = {}  # whether no form can consume (or look ahead at) a character, on first sight
_MEMO_SPAN = 16  # how far a remembered label read may reach; longer ones (`1.1.1.1…`) are read each time
_READ: dict[str, "Label | None"] = {}  # remembered reads: text up to a stopping character, end at 0
_READ_TO_END: dict[str, "Label | None"] = {}  # remembered reads of a text's whole rest, end at 0


def _stops_labels(ch: str) -> bool:
    """No form of _FORMS consumes `ch` or looks ahead at it, nor does _read_with's loop after a label."""
    found = _STOPS.get(ch)
    if found is None:
        found = _STOPS[ch] = ch not in _LABEL_CHARS and rx.match(_CONSUMED_CLASS, ch) is None
    return found


def read_label(text: str, at: int = 0) -> Label | None:
    """The label that starts exactly at `at` in `text`, if any.

    Reads are remembered by what they depend on: a form matches, fails or looks ahead only through
    characters it can consume, so the first character from `at` on that none can consume (`_stops_labels`)
    ends what the read looks at. The text up to it (`1.`, `(一)`, `2025`, `(`: labels and their
    false starts recur across lines and documents) decides the read, its end counted from `at`; so does the
    whole rest of a text that ends first. A read that would reach further than _MEMO_SPAN is not remembered.
    tests/test_outline_fast_paths.py checks remembered reads against reading afresh.
    """
    if 0 <= at < len(text):
        ch = text[at]
        patterns = _CANDIDATES.get(ch)
        if patterns is None:
            patterns = _candidates(ch)
        if not patterns:
            return None
        head = text[at:at + _MEMO_SPAN]
        rest = head.lstrip(_LABEL_CHARS)
        if rest:
            stop = rest[0]
            if not (_STOPS.get(stop) or _stops_labels(stop)):
                return _read_with(patterns, text, at)  # a digit of another script, a private-use character
            memo = _READ
            key = head[:len(head) - len(rest)]
        elif at + _MEMO_SPAN >= len(text):
            memo, key = _READ_TO_END, head
        else:
            return _read_with(patterns, text, at)
        if key in memo:
            label = memo[key]
        else:
            if len(memo) >= 4096:
                memo.clear()  # bounded whatever the input
            label = memo[key] = _read_with(patterns, key if memo is _READ_TO_END else text[at:at + len(key) + 1], 0)
        if label is None or not at:
            return label
        return Label(label.family, label.number, label.raw, label.end + at)
    patterns = _all_forms()  # no character there (or a position counted from the end): try them all
    return _read_with(patterns, text, at)


def _read_with(patterns: tuple[tuple[str, "regex.Pattern[str]"], ...], text: str, at: int) -> Label | None:
    """The first of `patterns` that matches at `at` with a number other than zero, as a Label."""
    for family, pattern in patterns:
        match = pattern.match(text, at)
        if not match:
            continue
        digits = match.group(1)
        if family == "circled":
            number: int | None = CIRCLED.index(digits) + 1
        elif digits in _ONE_CHAR:
            number = _ONE_CHAR[digits]
        else:
            number = cn_number(digits)
        if not number:
            continue
        end = match.end()
        while end < len(text) and text[end] in " \t:":
            end += 1
        return Label(family, number, text[match.start():match.end()].strip(), end)
    return None
