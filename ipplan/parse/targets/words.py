"""The vocabulary of targets: number and year grammar, unit words, and the word lists of `target_words.json`.

The grammar (numbers, years, numbering labels) stays in code; the words (comparison
ops, verbs kept or dropped in names, support and baseline cues, clause openers,
table headers) are data that users may extend, read on first use so that importing
the parser reads no file.
"""
from __future__ import annotations

import functools
from bisect import bisect_left
import json
from ... import _resources as resources  # importlib.resources.files, cheaper at start-up

import regex

from .. import rx
from ..numbers import UnitTable, unit_table

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
    r"\d+\s*年内|"
    r"(?:力争|争取|预计|计划|确保)?(?:到|至|于)?\s*(?<!\d)\d{2,4}\s*年度|"  # 预计107年度 (民国), 2024年度
    r"(?:于|在)\s*(?<!\d)(?:[4-9]\d|1[0-4]\d)\s*年(?![\d度])|"  # 于104年 (民国)
    r"(?<!\d)(?:[4-9]\d|1[0-4]\d)\s*年\s*(?:预计|将|拟|要)|"  # 105年预计 (民国)
    r"(?:截至|截止|迄)\s*(?<!\d)(?:[4-9]\d|1[0-4]\d)\s*年(?:度|底)?(?:止)?"  # 截至103年度 (民国)
)

# The ideographs `_LEAD_GRAMMAR`'s alternatives can start with (whatever else they start with is no ideograph:
# whitespace, punctuation, digits, brackets, quotes); the test holds the grammar to this list.
_LEAD_IDEOGRAPHS = "一二三四五六七八九十力争预计确到至截于在迄"

_YEAR_TAIL = regex.compile(r"\s*(?:到|至|在)?\s*" + _YEARS + r"\s*$")
# A value the target starts from: `从10件提高到15件`, `由2023年的10件`; cut from the name, never a target.
_FROM = (r"(?:从|由)\s*(?:(?:" + _YEAR_1 + r"|(?<!\d)\d{2,3}\s*年(?:底|末|度)?)\s*(?:的)?)?"
         r"\s*(?:(?:现有|目前|原有|原本)\s*(?:的)?)?\s*")  # 由104年 (民国), 由现有的2所
_STARTS_FROM = regex.compile(_FROM + r"$")  # ends just before the starting value (or its year)


def starts_from(text: str, pos: int, endpos: int) -> bool:
    """`_STARTS_FROM.search(text, pos, endpos)` found: a match opens with 从 or 由 inside the span, so a span with
    neither (two C-level finds; most numbers) has none and is not searched."""
    if text.find("从", pos, endpos) < 0 and text.find("由", pos, endpos) < 0:
        return False
    return _STARTS_FROM.search(text, pos, endpos) is not None

_BOUND = ",;。:!?\n"
_SENT = "。!?\n"


class _Lex:
    """The quantity grammar built from the unit words: `qty` (a number with its unit) and `per`.

    `per` (`/平方公里` after a unit: a rate per area, output or time, kept as written) repeats the
    whole unit alternation, so it is compiled when first read: only a quantity followed by `/` reads it.
    """

    def __init__(self, qty: regex.Pattern, unit: str, table: UnitTable | None = None) -> None:
        self.qty = qty
        self._unit = unit
        words = table.words() if table is not None else []
        # characters a quantity can end with: a unit word's last, or a multiplier (a bare one, `1亿`)
        self.last_chars = frozenset(w[-1] for w in words) | frozenset(table.multipliers if table else ())
        # characters no quantity takes in: no unit word or multiplier holds them, nor does the rest of the grammar
        # (digits, numerals, `,` and `.` in numbers, whitespace, separators, 多/余)
        held = set("".join(words) + "".join(table.multipliers if table else ()))
        self.never_taken = frozenset("以的、;。") - held
        self.holds_yi_de = table is None or not {"以", "的"} <= self.never_taken

    @functools.cached_property
    def per(self) -> regex.Pattern:
        return regex.compile(r"\s*/\s*(?P<per>" + self._unit + r"|年|日)")


@functools.lru_cache(maxsize=1)
def _lex() -> _Lex:
    table = unit_table()
    qty, unit = _qty_pattern(table)
    compiled = regex.compile(qty)
    # readers take the groups by number (`QTY_GROUPS`): `regex` looks a group's name up at ~0.5 us a time
    assert compiled.groupindex == {name: i for i, name in enumerate(QTY_GROUPS, 1)}, compiled.groupindex
    return _Lex(qty=compiled, unit=unit, table=table)


# qty's groups in their order, taken by number (`m.group(Q_N1)`, or all at once with `m.groups()`)
QTY_GROUPS = ("n1", "u1", "sep", "n2", "approx", "unit")
Q_N1, Q_U1, Q_SEP, Q_N2, Q_APPROX, Q_UNIT = range(1, 7)
CELL_GROUPS = ("pre", "n1", "u1", "n2", "unit", "post")  # `_Words.cell`'s groups in their order


def _qty_pattern(table: UnitTable, guards: bool = True) -> tuple[str, str]:
    """(`qty`, the unit alternation) for the unit words of `table`; `guards=False` leaves out the lookaheads that
    only make it fail sooner (`_after_number`, `_range_guard`, `_NUMBER_START`): the test compares both."""
    cjk, ascii_ = [], []
    for word in table.words():
        if word.isascii() and word[0].isalpha():
            ascii_.append(_escape(word))
        else:
            stop = table.not_followed_by.get(word, "")
            cjk.append(_escape(word) + (f"(?![{regex.escape(stop)}])" if stop else ""))
    mult = "[" + "".join(table.multipliers) + "]"
    # 百 of 百分点 is no multiplier: 0.2百分点 is 0.2 points, not 20 分
    unit = (r"(?:(?:(?!百分点)" + mult + r"){0,3}(?:" + "|".join(cjk) + r")(?!性|级)|"
            r"(?i:" + "|".join(ascii_) + r")(?![A-Za-z]))")
    # A bare multiplier (`用户突破1亿`) is a unit-less quantity when nothing follows it.
    bare = mult + r"{1,3}(?=\s*(?:以上|以下|左右|[" + regex.escape(_BOUND) + r"、)]|$))"
    qty = (
        # a number never starts inside another (the lookbehinds also keep a long digit run linear, not quadratic)
        (_NUMBER_START if guards else "")
        + r"(?P<n1>百分之" + _NUM_CN + r"|(?<!\d)(?:" + (_arabic(table) if guards else _NUM_MIX + r"|" + _NUM_AR)
        + r")|(?<![〇零一二两三四五六七八九十百千万亿])"
        + _NUM_CN + r")" + (_after_number(table) if guards else "") +
        r"(?:" + (_range_guard(table) if guards else "") + r"(?:\s*(?P<u1>" + unit + r"))?\s*(?P<sep>" + _SEP
        + r")\s*(?P<n2>" + _NUM_AR + r"|" + _NUM_CN + r"))?"
        r"\s*(?P<approx>" + _APPROX + r")?\s*(?P<unit>" + unit + r"|" + bare + r")"
    )
    return qty, unit


# What a number starts with: 百 (百分之…), a digit, or the first character of a Chinese numeral (`_NUM_CN`). Said
# first, it changes no match (every way `n1` matches starts so) but lets the scan pass over most characters on one
# set test instead of trying the three forms of a number at each.
_NUMBER_START = r"(?=[\d百一二两三四五六七八九十])"
_SEP = "[-—–~～至到]"
_APPROX = "[多余]"


def _after_number(table: UnitTable) -> str:
    """A lookahead for the character that must follow a number (after any whitespace) for a quantity to go on.

    After the number, `qty` reads a range separator, 多/余, a multiplier or a unit word, each after optional
    whitespace, so the first other character is one of theirs. Saying so first changes no match (the condition
    holds on every way the rest can match, and a lookahead consumes nothing), but a number followed by anything
    else (年, 的, 步 in 进一步: most of them) fails at once instead of after trying every unit word at every length
    of the number: about a third of the scan of a paragraph.
    """
    chars = _after_chars(table)
    letters = sorted({w[0] for w in table.words() if w.isascii() and w[0].isalpha()})
    # letters as the unit words have them, matched case-insensitively the same way (`(?i:…)` literals)
    ascii_ = r"|(?i:" + "|".join(_escape(c) for c in letters) + r")" if letters else ""
    return r"(?=\s*(?:[" + regex.escape("".join(sorted(chars))) + r"]" + ascii_ + r"))"


# `_NUM_AR` without giving back digits, and the lookahead every `_NUM_MIX` form needs (see `_arabic`)
_NUM_AR_FIRM = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d++)(?:\.\d++)?"
_MIX_GUARD = r"(?=\d++(?:\.\d++)?\s*+[亿万])"
_DIGIT_OR_POINT = regex.compile(r"[\d.]")


def _after_chars(table: UnitTable) -> set[str]:
    """The characters other than unit letters that can follow a number in `qty` (see `_after_number`)."""
    firsts = {w[0] for w in table.words() if not (w.isascii() and w[0].isalpha())}
    return firsts | set(table.multipliers) | set(_SEP[1:-1]) | set(_APPROX[1:-1])


def _arabic(table: UnitTable) -> str:
    """`_NUM_MIX|_NUM_AR` as `qty` tries them after its lookbehind, failing sooner on a plain number (2025年, 100个).

    Every `_NUM_MIX` form reads the whole run of digits (and decimals) before whitespace and 亿 or 万, so
    `_MIX_GUARD` asks for that first: a plain number no longer tries the three forms at every length of its digits.
    And after a number `qty` needs one of the `_after_number` characters: when no digit or `.` is among them, a
    number that gives back a digit or its decimals (then followed by a digit or `.`) cannot go on, so the digits
    are read possessively (`_NUM_AR_FIRM`). Both are necessary conditions: no match changes (the test compares
    `qty` with and without them).
    """
    firm = not _DIGIT_OR_POINT.search("".join(_after_chars(table)))
    return _MIX_GUARD + r"(?:" + _NUM_MIX + r")|" + (_NUM_AR_FIRM if firm else _NUM_AR)


def _range_guard(table: UnitTable) -> str:
    """A lookahead at the start of the optional range (`5-10个`, `3万-5万元`) for the separator it needs.

    The range reads whitespace, an optional first unit (up to three multipliers and a unit word), whitespace and
    a separator. When no unit word or multiplier holds whitespace or a separator character, that first unit is
    the run of characters that are neither, so the separator stands after whitespace, at most the longest such
    unit of those characters, and whitespace: a necessary condition, so no match changes. Without it every
    quantity tried the unit alternation once more before finding no separator, about half the cost of a match.
    Returns "" (no guard) for a unit table that breaks the condition.
    """
    held = "".join(table.words()) + "".join(table.multipliers)
    seps = _SEP[1:-1]
    if _SPACE.search(held) or any(ch in held for ch in seps):
        return ""
    longest = 3 + max((len(w) for w in table.words()), default=0)  # `{0,3}` multipliers, then the word
    return r"(?=\s*+[^\s" + regex.escape(seps) + r"]{0," + str(longest) + r"}+\s*+" + _SEP + r")"


_OP_NAMES = ("=", ">=", ">", "<=", "<")
_LISTS = ("keep_verbs", "drop_verbs", "not_goal_verbs", "support_money", "support_any", "baseline_after_already",
          "baseline_words", "clause_openers", "name_trailers", "table_base_headers", "table_goal_headers",
          "table_number_headers", "table_name_headers", "table_value_headers", "table_unit_headers", "table_kind_headers",
          "attribute_names", "fund_words", "result_before", "goal_words", "result_sections", "goal_sections", "past_year_blockers")


# Lists added after the first release (goals and results, committed sums, project attributes): a user's copy of
# target_words.json made before them takes the shipped lists.
_ADDED = ("attribute_names", "fund_words", "result_before", "goal_words", "result_sections", "goal_sections",
          "past_year_blockers")


_GOAL_AT: tuple = (None, None, [])  # (words, text, [(positions, length)]) of the last text asked about
_SHORT_SPAN = 160  # `goal_word_in` searches a span this long or shorter with the pattern
_SPACE = regex.compile(r"\s")
_LEADING_SPACE = regex.compile(r"\s*")
_TRAILING_SPACE = regex.compile(r"\s*$")


class _Literals:
    r"""Literal words found where an alternation of them, anchored at one end of a text, finds them.

    `(?:w1|w2|…)\s*$` searched in `text[pos:endpos]` matches at the leftmost start from which a word runs
    up to where the trailing whitespace begins; as no word holds whitespace, that is the longest word
    ending there. `(?:w1|w2|…)` matched at a position finds the longest word there (`_alt` puts longer
    words first, and two words of one length cannot both match). A few slices looked up in a set answer
    both, where `regex` takes about 2 ms to compile an alternation of a hundred verbs. Only for words
    without whitespace (`usable`); the callers fall back to the compiled pattern otherwise.
    """

    def __init__(self, words: object) -> None:
        self.words = frozenset(words)  # type: ignore[arg-type]
        self.lengths = sorted({len(w) for w in self.words}, reverse=True)
        self.usable = bool(self.words) and not any(_SPACE.search(w) for w in self.words)
        self.lasts = frozenset(w[-1] for w in self.words)  # a word ends `text` only if its last character does

    def ending(self, text: str, pos: int = 0, endpos: int | None = None, space: bool = True) -> int | None:
        """Where the word starts that ends `text[pos:endpos]` (before its trailing whitespace with `space`, else
        at `$`: the end, or before a final newline), or None."""
        endpos = len(text) if endpos is None else min(endpos, len(text))
        if pos > endpos:
            return None
        if space:
            if endpos > pos and not text[endpos - 1].isspace():
                end = endpos  # the common case: no whitespace before `endpos`, no search back for where it starts
                # (str.isspace holds all of regex's \s: a character it rejects is no whitespace to the search)
            else:
                end = _TRAILING_SPACE.search(text, pos, endpos).start()
        else:
            end = endpos - 1 if endpos > pos and text[endpos - 1] == "\n" else endpos
        if end <= pos or text[end - 1] not in self.lasts:
            return None  # no word ends there: one set test instead of a slice per length
        for n in self.lengths:
            if end - n < pos:
                continue
            if text[end - n:end] in self.words:
                return end - n
        return None

    def at(self, text: str, pos: int = 0) -> str | None:
        """The longest word starting at `pos`, or None."""
        for n in self.lengths:
            if text[pos:pos + n] in self.words and pos + n <= len(text):
                return text[pos:pos + n]
        return None


class _Words:
    """`target_words.json` compiled: the op words and the patterns built from the word lists.

    Each pattern is compiled when first read (`cached_property`): `regex` takes a few milliseconds per
    alternation of a hundred verbs, and a document that has no table, no fund or no `…的` modifier never
    reads the patterns for them. The word lists are checked when the object is made (`_word_lists`).
    """

    def __init__(self, ops: dict[str, str], cell_ops: dict[str, str], lists: dict[str, list[str]]) -> None:
        self.ops = ops  # word before a number -> op
        self.cell_ops = cell_ops
        self.keep_verbs = frozenset(lists["keep_verbs"])
        self.not_goal = frozenset(lists["not_goal_verbs"])
        self._lists = lists
        self._verbs = set(lists["keep_verbs"]) | set(lists["drop_verbs"])
        self._goal_verbs = self._verbs - self.not_goal
        self._verb_words = _Literals(self._verbs)
        self._goal_words = _Literals(self._goal_verbs)
        self._op_words = _Literals(self.ops)

    # The anchored alternations (op_re, verb_re, target_verb, verb_first) as set lookups (see `_Literals`); each
    # gives what a search or match with the pattern gives.

    def op_before(self, text: str, pos: int, endpos: int) -> int | None:
        """Where an op word starts that ends `text[pos:endpos]`, whitespace after it allowed (`op_re`).

        Most numbers follow a character that is neither whitespace nor an op word's last: that answers None here, as
        `_Literals.ending` would after its own checks (one call fewer per quantity).
        """
        words = self._op_words
        if words.usable:
            if pos < endpos <= len(text):
                ch = text[endpos - 1]
                if ch not in words.lasts and not ch.isspace():
                    return None
            return words.ending(text, pos, endpos)
        m = self.op_re.search(text, pos, endpos)
        return m.start() if m else None

    def verb_ending(self, text: str) -> int | None:
        """Where a keep or drop verb starts that ends `text` (`verb_re`)."""
        if self._verb_words.usable:
            return self._verb_words.ending(text, space=False)
        m = self.verb_re.search(text)
        return m.start() if m else None

    def verb_at(self, text: str, pos: int = 0) -> str | None:
        """The keep or drop verb `text[pos:]` opens with (`verb_re` unanchored, matched there)."""
        if self._verb_words.usable:
            return self._verb_words.at(text, pos)
        m = rx.match(r"(?:" + _alt(self._verbs) + r")", text[pos:])
        return m.group(0) if m else None

    def goal_verb_ends(self, text: str, pos: int = 0, endpos: int | None = None) -> bool:
        """A verb that makes the number after it a goal ends `text[pos:endpos]`, whitespace after it allowed
        (`target_verb`)."""
        if self._goal_words.usable:
            return self._goal_words.ending(text, pos, endpos) is not None
        return bool(self.target_verb.search(text, pos, endpos))

    def goal_verb_opens(self, text: str) -> bool:
        """Such a verb opens `text`, whitespace before it allowed (`verb_first`)."""
        if self._goal_words.usable:
            return self._goal_words.at(text, _LEADING_SPACE.match(text).end()) is not None
        return bool(self.verb_first.match(text))

    def _alt_of(self, name: str) -> str:
        return _alt(self._lists[name])

    @functools.cached_property
    def op_re(self) -> regex.Pattern:
        """An op word ending where the number begins."""
        return regex.compile(r"(?:" + _alt(self.ops) + r")\s*$")

    @functools.cached_property
    def verb_re(self) -> regex.Pattern:
        """A keep or drop verb ending the text."""
        return regex.compile(r"(?:" + _alt(self._verbs) + r")$")

    @functools.cached_property
    def target_verb(self) -> regex.Pattern:
        """A verb that makes the number after it a goal."""
        return regex.compile(r"(?:" + _alt(self._goal_verbs) + r")\s*$")

    @functools.cached_property
    def verb_first(self) -> regex.Pattern:
        """Such a verb opening a clause: 制定标准10项."""
        return regex.compile(r"^\s*(?:" + _alt(self._goal_verbs) + r")")

    @functools.cached_property
    def verb_any(self) -> regex.Pattern:
        """Such a verb anywhere: 全年共新增专利导航项目5项."""
        return regex.compile(_alt(self._goal_verbs))

    @functools.cached_property
    def verb_mod(self) -> regex.Pattern:
        """Such a verb, then a `…的` modifier: 打造具有推广效应的."""
        return regex.compile(r"(?:" + _alt(self._goal_verbs) + r")(?P<mod>[^,;。、\d]{1,12}的)\s*$")

    @functools.cached_property
    def lead(self) -> regex.Pattern:
        """Clause openers that are no part of a name."""
        return regex.compile(r"^(?:" + _LEAD_GRAMMAR + r"|" + self._alt_of("clause_openers") + r")")

    @functools.cached_property
    def lead_firsts(self) -> frozenset[str]:
        """The CJK ideographs a `lead` match can start with: those opening its grammar (numerals, 力争, 到, 截至, 于,
        在, 迄 and the rest of `_LEAD_GRAMMAR`) and the first of each clause opener. A name opening with any other
        ideograph (most of them) has no opener to strip, and `_strip_lead` need not try the pattern."""
        return frozenset(_LEAD_IDEOGRAPHS) | {w[0] for w in self._lists["clause_openers"]}

    @functools.cached_property
    def trail(self) -> regex.Pattern:
        """Words between a name and its number."""
        return regex.compile(r"(?:" + self._alt_of("name_trailers") + r"|[\s,、])+$")

    @functools.cached_property
    def _trail_lasts(self) -> frozenset[str]:
        return frozenset(w[-1] for w in self._lists["name_trailers"]) | frozenset(",、")

    def strip_trail(self, name: str) -> str:
        """`trail.sub("", name)`. A match ends the name (or stands before its final newline), so a name whose last
        character ends no trailer and is no whitespace or `,`/`、` keeps its words without a search from every
        position (str.isspace holds all of regex's whitespace)."""
        if not name or (name[-1] not in self._trail_lasts and not name[-1].isspace()):
            return name
        return self.trail.sub("", name)

    @functools.cached_property
    def support_money(self) -> regex.Pattern:
        return regex.compile(self._alt_of("support_money"))

    @functools.cached_property
    def support_any(self) -> regex.Pattern:
        return regex.compile(self._alt_of("support_any"))

    @functools.cached_property
    def baseline(self) -> regex.Pattern:
        return regex.compile(r"已经?(?:" + self._alt_of("baseline_after_already") + r")|"
                             + self._alt_of("baseline_words"))

    @functools.cached_property
    def attribute(self) -> regex.Pattern:
        """A name that describes a project: 全长, 经费."""
        return regex.compile(r"(?:" + self._alt_of("attribute_names") + r")$")

    @functools.cached_property
    def fund(self) -> regex.Pattern:
        """A fund noun opening the text: money before it is a committed sum."""
        return regex.compile(r"\s*(?:的)?[^,;。、\d]{0,6}?(?:" + self._alt_of("fund_words") + r")")

    @functools.cached_property
    def result_before(self) -> regex.Pattern:
        """A word in the clause before a number that reports it as reached: 已, 截至."""
        return regex.compile(self._alt_of("result_before"))

    @functools.cached_property
    def goal_words(self) -> regex.Pattern:
        """A word that makes a sentence speak of the future: 力争, 预计, 将."""
        return regex.compile(self._alt_of("goal_words"))

    def goal_word_in(self, text: str, start: int, end: int) -> bool:
        """`goal_words.search(text[start:end])`, without a slice and a scan per question.

        Every quantity asks whether its sentence before it holds a goal word, so a sentence of n
        quantities scanned its prefix n times (n² on a long list with no 。). The pattern is an
        alternation of escaped words, so it matches in `text[start:end]` exactly when one of the
        words occurs wholly inside; each word's occurrences are found once per text (C-level
        `str.find`), and the question is a bisection per word. A short span (most sentences) is searched
        with the pattern instead: a search of at most `_SHORT_SPAN` characters costs less than finding every
        word in a new text, and bounds the work per question all the same.
        """
        if end - start <= _SHORT_SPAN:
            return self.goal_words.search(text, start, end) is not None
        global _GOAL_AT
        cached = _GOAL_AT
        if cached[0] is not self or not (cached[1] is text or cached[1] == text):
            found = []
            for word in set(self._lists["goal_words"]):
                at, i = [], text.find(word)
                while i >= 0:
                    at.append(i)
                    i = text.find(word, i + 1)
                if at:
                    found.append((at, len(word)))
            cached = _GOAL_AT = (self, text, found)
        for at, size in cached[2]:
            k = bisect_left(at, start)
            if k < len(at) and at[k] + size <= end:
                return True
        return False

    @functools.cached_property
    def result_sections(self) -> regex.Pattern:
        return regex.compile(self._alt_of("result_sections"))

    @functools.cached_property
    def result_firsts(self) -> frozenset[str]:
        """The characters a `result_sections` word starts with (its matches start with one)."""
        return frozenset(w[0] for w in self._lists["result_sections"])

    @functools.cached_property
    def goal_sections(self) -> regex.Pattern:
        return regex.compile(self._alt_of("goal_sections"))

    @functools.cached_property
    def past_year_blockers(self) -> regex.Pattern:
        """A word just before a year that makes it a base of comparison: 比2020年."""
        return regex.compile(r"(?:" + self._alt_of("past_year_blockers") + r")\s*$")

    @functools.cached_property
    def cell(self) -> regex.Pattern:
        """A table value cell; its groups in `CELL_GROUPS` order (read with `m.groups()`, not by name)."""
        cell = regex.compile(
            r"^\s*(?P<pre>" + _alt(self.cell_ops) + r")?\s*"
            r"(?P<n1>" + _NUM_AR + r"|" + _NUM_CN + r")\s*(?P<u1>[^\d\s\-—~～至]*?)\s*"
            r"(?:(?:-|—|–|~|～|至)\s*(?P<n2>" + _NUM_AR + r"|" + _NUM_CN + r"))?\s*"
            r"(?P<unit>[^\d\s]*?)\s*(?P<post>以上|以下|以内|左右)?\s*$"
        )
        assert cell.groupindex == {name: i for i, name in enumerate(CELL_GROUPS, 1)}, cell.groupindex
        return cell

    @functools.cached_property
    def base_head(self) -> regex.Pattern:
        return regex.compile(self._alt_of("table_base_headers"))

    @functools.cached_property
    def goal_head(self) -> regex.Pattern:
        return regex.compile(self._alt_of("table_goal_headers"))

    @functools.cached_property
    def number_head(self) -> regex.Pattern:
        """A whole header cell."""
        return regex.compile(r"^\s*(?:" + self._alt_of("table_number_headers") + r")\s*$", regex.I)

    @functools.cached_property
    def name_head(self) -> regex.Pattern:
        return regex.compile(self._alt_of("table_name_headers"))

    @functools.cached_property
    def value_head(self) -> regex.Pattern:
        """A whole header cell."""
        return regex.compile(r"^\s*(?:" + self._alt_of("table_value_headers") + r")\s*$")

    @functools.cached_property
    def unit_head(self) -> regex.Pattern:
        """A whole header cell."""
        return regex.compile(r"^\s*(?:" + self._alt_of("table_unit_headers") + r")\s*$")

    @functools.cached_property
    def kind_head(self) -> regex.Pattern:
        return regex.compile(self._alt_of("table_kind_headers"))


def _alt(words: object) -> str:
    """Words as one alternation, longest first so that 超过 wins over 超."""
    return "|".join(_escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))  # type: ignore[arg-type]


def _escape(word: str) -> str:
    """`regex.escape(word)`, at once for a word of letters and digits (CJK words: most), which it leaves as they
    are (it escapes only its special characters and whitespace; the test checks every such character). The
    patterns built from the word lists escape a few hundred words at first use, at ~1 us each."""
    return word if word.isalnum() else regex.escape(word)


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

    missing = [k for k in ("ops", "cell_ops", *_LISTS) if k not in data and k not in _ADDED]
    if missing:
        raise ValueError(f"{source}: missing {', '.join(missing)}")
    shipped = _word_data() if any(k not in data for k in _ADDED) else {}
    lists = {k: words(data[k] if k in data else shipped[k], k) for k in _LISTS}  # type: ignore[index]
    return op_map("ops"), op_map("cell_ops"), lists


def _compile_words(data: object, source: str = "target_words.json") -> _Words:
    """The word lists checked (ValueError naming `source` otherwise); their patterns compile on first use."""
    ops, cell_ops, w = _word_lists(data, source)
    return _Words(ops, cell_ops, w)


def _word_data() -> object:
    """The shipped `target_words.json`, parsed."""
    text = resources.files("ipplan.data").joinpath("target_words.json").read_text("utf-8")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"target_words.json: not JSON ({exc.msg} at line {exc.lineno})") from None


@functools.lru_cache(maxsize=1)
def _words() -> _Words:
    """The word lists, read on first use (importing this module reads no file)."""
    return _compile_words(_word_data())
