"""Word-level diff of two wordings of one item.

Characters are the wrong unit for Chinese plans: difflib and diff-match-patch
report `490件→486件` as `90→86`. Numbers with their units, dates, 文号 and
labels are cut out first as single tokens; the Chinese between them is cut by
jieba (imported here only, on first use, because loading its dictionary takes
a second). Punctuation stays a token of its own, so no change is too small to show.
"""
from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass

import regex

_UNIT = (r"(?:个百分点|万人次|人次|平方米|平方公里|公里|千米|万元|亿元|美元|[%‰倍件个家项元台次人所户亩吨座条套篇份名场期批栋处部])")
ATOM = regex.compile(
    r"(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?(?:\s*[-—–~至到]\s*(?:(?:19|20)\d{2}\s*年?))?"  # dates
    r"|[\p{Han}]{1,10}[〔\[【]\s*\d{4}\s*[〕\]】]\s*\d+\s*号"  # 文号
    r"|[(（]\s*[一二三四五六七八九十]+\s*[)）]|[一二三四五六七八九十]+、|第[一二三四五六七八九十百]+[章条节]"  # labels
    r"|\d+(?:\.\d+)?(?:\s*[-—–~至到]\s*\d+(?:\.\d+)?)?\s*[万亿千百]*\s*" + _UNIT + r"?"  # numbers with units
    r"|[一二三四五六七八九十百千万两]+" + _UNIT,
)
NUMERIC = regex.compile(r"\d|[一二三四五六七八九十百千万两]" + _UNIT)


@functools.lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def tokens(text: str) -> list[str]:
    out: list[str] = []
    pos = 0
    for m in ATOM.finditer(text):
        if m.start() > pos:
            out += _words(text[pos:m.start()])
        out.append(m.group(0))
        pos = m.end()
    if pos < len(text):
        out += _words(text[pos:])
    return out


def _words(text: str) -> list[str]:
    if not regex.search(r"\p{Han}", text):
        return [t for t in regex.split(r"(\s+|[\p{P}\p{S}])", text) if t]
    return [t for t in _jieba().lcut(text) if t]


@dataclass
class Edit:
    op: str  # replace, delete, insert
    old: str
    new: str
    numeric: bool  # a number (with its unit) changed: weighs more, and a target change may explain it

    def as_dict(self) -> dict[str, str]:
        return {"op": self.op, "old": self.old, "new": self.new}


@dataclass
class WordDiff:
    pieces: list[tuple[str, str, str]]  # (op, old, new) with op equal/replace/delete/insert, in order
    edits: list[Edit]

    @property
    def changed_share(self) -> float:
        changed = sum(max(len(e.old), len(e.new)) for e in self.edits)
        total = sum(max(len(o), len(n)) for _, o, n in self.pieces) or 1
        return changed / total


def word_diff(old: str, new: str) -> WordDiff:
    a, b = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    pieces: list[tuple[str, str, str]] = []
    edits: list[Edit] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        o, n = "".join(a[i1:i2]), "".join(b[j1:j2])
        pieces.append((op, o, n))
        if op != "equal":
            edits.append(Edit(op, o, n, bool(NUMERIC.search(o) or NUMERIC.search(n))))
    return WordDiff(pieces, edits)


def clip(text: str, context: int, left: bool, right: bool) -> str:
    """Unchanged text around a change, cut to `context` characters on the side(s) that touch a change."""
    if context < 0 or len(text) <= 2 * context + 1:
        return text
    if left and right:
        return text[:context] + "…" + text[-context:]
    if right:  # a change follows: keep the end
        return "…" + text[-context:]
    if left:
        return text[:context] + "…"
    return text
