"""The vocabulary of targets: number and year grammar, unit words, and the word lists of `target_words.json`.

The grammar (numbers, years, numbering labels) stays in code; the words (comparison
ops, verbs kept or dropped in names, support and baseline cues, clause openers,
table headers) are data that users may extend, read on first use so that importing
the parser reads no file.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

import regex

from ..numbers import unit_table

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

_YEAR_TAIL = regex.compile(r"\s*(?:到|至|在)?\s*" + _YEARS + r"\s*$")
# A value the target starts from: `从10件提高到15件`, `由2023年的10件`; cut from the name, never a target.
_FROM = (r"(?:从|由)\s*(?:(?:" + _YEAR_1 + r"|(?<!\d)\d{2,3}\s*年(?:底|末|度)?)\s*(?:的)?)?"
         r"\s*(?:(?:现有|目前|原有|原本)\s*(?:的)?)?\s*")  # 由104年 (民国), 由现有的2所
_STARTS_FROM = regex.compile(_FROM + r"$")  # ends just before the starting value (or its year)

_BOUND = ",;。:!?\n"
_SENT = "。!?\n"


@dataclass(frozen=True)
class _Lex:
    qty: regex.Pattern
    per: regex.Pattern  # `/平方公里` after a unit: a rate per area, output or time, kept as written


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
    # 百 of 百分点 is no multiplier: 0.2百分点 is 0.2 points, not 20 分
    unit = (r"(?:(?:(?!百分点)" + mult + r"){0,3}(?:" + "|".join(cjk) + r")(?!性|级)|"
            r"(?i:" + "|".join(ascii_) + r")(?![A-Za-z]))")
    # A bare multiplier (`用户突破1亿`) is a unit-less quantity when nothing follows it.
    bare = mult + r"{1,3}(?=\s*(?:以上|以下|左右|[" + regex.escape(_BOUND) + r"、)]|$))"
    qty = regex.compile(
        # a number never starts inside another (the lookbehinds also keep a long digit run linear, not quadratic)
        r"(?P<n1>百分之" + _NUM_CN + r"|(?<!\d)(?:" + _NUM_MIX + r"|" + _NUM_AR + r")|(?<![〇零一二两三四五六七八九十百千万亿])"
        + _NUM_CN + r")"
        r"(?:(?:\s*(?P<u1>" + unit + r"))?\s*(?P<sep>[-—–~～至到])\s*(?P<n2>" + _NUM_AR + r"|" + _NUM_CN + r"))?"
        r"\s*(?P<approx>[多余])?\s*(?P<unit>" + unit + r"|" + bare + r")"
    )
    per = regex.compile(r"\s*/\s*(?P<per>" + unit + r"|年|日)")
    return _Lex(qty=qty, per=per)


_OP_NAMES = ("=", ">=", ">", "<=", "<")
_LISTS = ("keep_verbs", "drop_verbs", "not_goal_verbs", "support_money", "support_any", "baseline_after_already",
          "baseline_words", "clause_openers", "name_trailers", "table_base_headers", "table_goal_headers",
          "table_number_headers", "table_name_headers", "table_value_headers", "table_unit_headers", "table_kind_headers",
          "attribute_names", "fund_words", "result_before", "goal_words", "result_sections", "goal_sections", "past_year_blockers")


# Lists added after the first release (goals and results, committed sums, project attributes): a user's copy of
# target_words.json made before them takes the shipped lists.
_ADDED = ("attribute_names", "fund_words", "result_before", "goal_words", "result_sections", "goal_sections",
          "past_year_blockers")


@dataclass(frozen=True)
class _Words:
    """`target_words.json` compiled: the op words and the patterns built from the word lists."""

    ops: dict[str, str]  # word before a number -> op
    op_re: regex.Pattern  # an op word ending where the number begins
    keep_verbs: frozenset[str]
    not_goal: frozenset[str]
    verb_re: regex.Pattern  # a keep or drop verb ending the text
    target_verb: regex.Pattern  # a verb that makes the number after it a goal
    verb_first: regex.Pattern  # such a verb opening a clause: 制定标准10项
    verb_any: regex.Pattern  # such a verb anywhere: 全年共新增专利导航项目5项
    verb_mod: regex.Pattern  # such a verb, then a `…的` modifier: 打造具有推广效应的
    lead: regex.Pattern  # clause openers that are no part of a name
    trail: regex.Pattern  # words between a name and its number
    support_money: regex.Pattern
    support_any: regex.Pattern
    baseline: regex.Pattern
    attribute: regex.Pattern  # a name that describes a project: 全长, 经费
    fund: regex.Pattern  # a fund noun opening the text: money before it is a committed sum
    result_before: regex.Pattern  # a word in the clause before a number that reports it as reached: 已, 截至
    goal_words: regex.Pattern  # a word that makes a sentence speak of the future: 力争, 预计, 将
    result_sections: regex.Pattern
    goal_sections: regex.Pattern
    past_year_blockers: regex.Pattern  # a word just before a year that makes it a base of comparison: 比2020年
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

    missing = [k for k in ("ops", "cell_ops", *_LISTS) if k not in data and k not in _ADDED]
    if missing:
        raise ValueError(f"{source}: missing {', '.join(missing)}")
    shipped = _word_data() if any(k not in data for k in _ADDED) else {}
    lists = {k: words(data[k] if k in data else shipped[k], k) for k in _LISTS}  # type: ignore[index]
    return op_map("ops"), op_map("cell_ops"), lists


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
        not_goal=frozenset(w["not_goal_verbs"]),
        verb_re=regex.compile(r"(?:" + _alt(verbs) + r")$"),
        target_verb=target_verb,
        verb_first=regex.compile(r"^\s*(?:" + _alt(verbs - set(w["not_goal_verbs"])) + r")"),
        verb_any=regex.compile(_alt(verbs - set(w["not_goal_verbs"]))),
        verb_mod=regex.compile(target_verb.pattern.replace(r")\s*$", r")(?P<mod>[^,;。、\d]{1,12}的)\s*$")),
        lead=regex.compile(r"^(?:" + _LEAD_GRAMMAR + r"|" + _alt(w["clause_openers"]) + r")"),
        trail=regex.compile(r"(?:" + _alt(w["name_trailers"]) + r"|[\s,、])+$"),
        support_money=regex.compile(_alt(w["support_money"])),
        support_any=regex.compile(_alt(w["support_any"])),
        baseline=regex.compile(r"已经?(?:" + _alt(w["baseline_after_already"]) + r")|" + _alt(w["baseline_words"])),
        attribute=regex.compile(r"(?:" + _alt(w["attribute_names"]) + r")$"),
        fund=regex.compile(r"\s*(?:的)?[^,;。、\d]{0,6}?(?:" + _alt(w["fund_words"]) + r")"),
        result_before=regex.compile(_alt(w["result_before"])),
        goal_words=regex.compile(_alt(w["goal_words"])),
        result_sections=regex.compile(_alt(w["result_sections"])),
        goal_sections=regex.compile(_alt(w["goal_sections"])),
        past_year_blockers=regex.compile(r"(?:" + _alt(w["past_year_blockers"]) + r")\s*$"),
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
