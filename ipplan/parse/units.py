"""Responsible units named in an item's brackets.

Plans close an item with the bodies that must carry it out. The bracket is
read with one small grammar rather than a list of layouts:

    bracket  := clause ((,|;|。) clause)*
    clause   := label ":" names          (牵头单位:…, 牵头考核单位:…, 指导部门:…)
              | names [adverb] [verb]     (省商务厅牵头 / 省外办、省贸促会按职责分工配合 / …等负责)
              | schedule                  (5月底完成, 持续推进: said of the task, no unit)
              | 列第一位者为牵头单位        (the first-named unit leads)

A role comes from a verb, in a label or after the names: 牵头 leads, 配合/参与/协助
co-operate, 负责 is responsible (co-operating when another unit of the bracket
leads). The words are data (`ipplan/data/agencies.json`), so a province's own
verbs need no code. A bracket counts only when its names read as bodies
(局/厅/委/办/院/政府/中心/公司/协会/各区…); a bare bracket with neither label nor
verb counts only where it closes a sentence, so `中以(上海)创新园`, `党委(党组)`
or `(TISC)` stay text.
"""
from __future__ import annotations

import functools
import json
import re
from .. import _resources as resources  # importlib.resources.files, cheaper at start-up
from typing import Callable, NamedTuple, Sequence

import regex

from . import rx
from .span import Span


class FoundUnit(NamedTuple):
    """One unit a bracket names (immutable; a named tuple builds about three times faster than a frozen dataclass)."""

    name: str
    role: str  # lead / co / responsible
    pos: int | None  # offset in the original text


def _alternation(words: list[str]) -> str:
    return "|".join(map(regex.escape, sorted(words, key=lambda w: (-len(w), w))))


@functools.lru_cache(maxsize=1)
def _agencies() -> dict:
    data = json.loads(resources.files("ipplan.data").joinpath("agencies.json").read_text("utf-8"))
    verbs = [v for words in data["role_verbs"].values() for v in words]
    known = _alternation(list(data["role_labels"]))
    # a label is a known role word, or any short phrase holding a role verb and ending in a label noun
    generic = rf"\p{{Han}}{{0,4}}(?:{_alternation(verbs)})\p{{Han}}{{0,4}}(?:{_alternation(data['label_nouns'])})"
    data["_label_re"] = regex.compile(rf"(?:^|(?<=[,;。、\s]))({known}|{generic})\s*[:]")
    data["_other_label_re"] = regex.compile(r"(?:^|(?<=[,;。\s]))\p{Han}{2,6}\s*:")
    data["_joint_re"] = regex.compile(rf"(?<=\p{{Han}}{{2}})(?:{_alternation(data['joint_words'])})(?=\p{{Han}}{{2}})")
    data["_verb_re"] = regex.compile(
        rf"(?:{_alternation(data['adverbs'])})*(?P<verb>{_alternation(verbs)})(?:{_alternation(verbs)})*$")
    data["_verb_role"] = {v: role for role, words in data["role_verbs"].items() for v in words}
    first = rf"(?:{_alternation(data['first_is_lead'])}|{data.get('first_is_lead_pattern', '(?!)')})"
    data["_first_any_re"] = regex.compile(first)
    # the literal word lists as tuples, for str.endswith/startswith instead of an anchored alternation
    data["_suffixes"] = tuple(data["suffixes"])
    data["_not_unit_endings"] = tuple(data.get("not_unit_endings", []))
    data["_aside_prefixes"] = tuple(data["aside_prefixes"])
    data["_verbs"] = tuple(verbs)
    # What `_label_re` can match, for the prechecks below: a label is a known one or \p{Han}{0,4}
    # verb \p{Han}{0,4} noun, so it ends in the last character of a known label or of a noun and is
    # at most this long. Words holding ":" or ending in white space would void the reasoning.
    words = [*data["role_labels"], *verbs, *data["label_nouns"]]
    plain = all(w and ":" not in w and not w[-1].isspace() for w in words)
    data["_label_ends"] = frozenset(w[-1] for w in [*data["role_labels"], *data["label_nouns"]]) if plain else None
    data["_label_max"] = max([len(w) for w in data["role_labels"]]
                             + [8 + max(map(len, verbs)) + max(map(len, data["label_nouns"]))])
    return data


def _may_hold_label(text: str) -> bool:
    """Whether `_label_re` can find a label in `text`, by a look at the few colons.

    A label and the white space after it reach the colon; `str.rstrip` drops that white space
    (it strips all `\\s` does, and more), so the character left before some colon must be one
    a label ends in.
    """
    at = text.find(":")
    if at < 0:
        return False
    ends = _agencies()["_label_ends"]
    if ends is None:
        return True
    while at >= 0:
        if text[:at].rstrip()[-1:] in ends:
            return True
        at = text.find(":", at + 1)
    return False


def _may_start_with_label(line: str) -> bool:
    """Whether `_label_re.match(line)` can succeed, by the label's length.

    No label holds ":", so a label at the start reaches the line's first colon over white space
    only: what is left before that colon, right-stripped, is at most a label long.
    """
    ends = _agencies()["_label_ends"]
    if ends is None:
        return True
    at = line.find(":")
    if at < 0:
        return False
    head = line[:at].rstrip()
    return 0 < len(head) <= _agencies()["_label_max"] and head[-1] in ends


def first_is_lead(text: str) -> bool:
    return bool(_agencies()["_first_any_re"].search(text))


_HAN_PREFIX = regex.compile(r"\p{Han}{0,8}")


def _says_first_leads(clause: str) -> bool:
    """Whether the clause is `\\p{Han}{0,8}?` then a first-is-lead sentence (列第一位者为牵头单位), in full.

    Tried as that sentence's own pattern at each start the Han prefix allows (up to 8), and only
    when the sentence occurs at all: no second copy of the long pattern to compile.
    """
    first = _agencies()["_first_any_re"]
    if first.search(clause) is None:
        return False
    han = _HAN_PREFIX.match(clause).end()
    return any(first.fullmatch(clause, k) for k in range(han + 1))


_COLLECTIVE = regex.compile(r"^(各|有关|相关|所在)?[区县市旗镇乡]$")
_GOVERNMENT = regex.compile(r"^[区县市旗镇乡](\([^()]*\))?(人民)?政府")


def split_names(text: str) -> list[tuple[str, int]]:
    """Split on 、 and commas outside 〔〕/() so 市市场监管局〔市知识产权局〕 stays whole; (name, offset).

    `各区、市政府` and `各市、县(区)人民政府` name one kind of body (the governments of the districts
    and county-level cities), so the 、 inside them does not split.
    """
    return list(_split_names(text))


@functools.lru_cache(maxsize=2048)
def _split_names(text: str) -> tuple[tuple[str, int], ...]:
    """split_names, remembered: a bracket's names are split to judge the bracket, again to assign roles."""
    names: list[tuple[str, int]] = []
    depth = 0
    begin = 0
    joined_by_dunhao: list[bool] = []
    for i, ch in _marks(_NAME_MARKS, text, "、"):
        if ch in "(〔[【":
            depth += 1
        elif ch in ")〕]】":
            depth = max(0, depth - 1)
        elif depth == 0:  # 、 , ;
            piece = text[begin:i]
            stripped = piece.strip(" \n\t。.")
            if "等" in stripped:
                stripped = rx.sub(r"(?<=\p{Han}{2})等(部门|单位|机构|相关部门|有关部门)?$", "", stripped)
            if " " in stripped or not stripped.isprintable():  # every white space but " " is unprintable
                stripped = rx.sub(r"(?<=\p{Han})\s+(?=\p{Han})", "", stripped)
            if stripped:
                at = begin + (len(piece) - len(piece.lstrip(" \n\t。.")))
                # _COLLECTIVE names at most three characters (a fourth only a final newline `$` allows)
                if (names and joined_by_dunhao[-1] and len(names[-1][0]) <= 4 and _COLLECTIVE.match(names[-1][0])
                        and _GOVERNMENT.match(stripped)):
                    names[-1] = (names[-1][0] + "、" + stripped, names[-1][1])
                else:
                    names.append((stripped, at))
                joined_by_dunhao.append(ch == "、")
            begin = i + 1
    return tuple(names)


# literal character classes: the standard library's `re` finds them a little faster than `regex`
_NAME_MARKS = re.compile(r"[(〔\[【)〕\]】、,;]")
_CLAUSE_MARKS = re.compile(r"[(〔\[【《“)〕\]】》”,;。]")


def _marks(pattern: re.Pattern[str], text: str, end: str) -> list[tuple[int, str]]:
    """(offset, character) of each character `pattern` matches, then `end` as a separator after the text.

    The splitting loops only change state at brackets and separators, so they visit those (found
    in C) instead of every character; the text reads as if it ended in one more separator.
    """
    out = [(m.start(), m.group()) for m in pattern.finditer(text)]
    out.append((len(text), end))
    return out


@functools.lru_cache(maxsize=4096)
def unit_like(name: str) -> bool:
    """Whether a name ends like a body (局, 委, 中心, …); remembered, as each name is judged two or three times."""
    # `$` ends a match at the end or before a final newline: only such names can lose a trailing bracket
    bare = rx.sub(r"[(〔][^()〔〕]*[)〕]$", "", name) if name.endswith((")", "〕", "\n")) else name
    if not 2 <= len(bare) <= 30 or rx.search(r"[,。;:\d%]", bare):
        return False
    agencies = _agencies()
    if _ends_with(bare, agencies["_not_unit_endings"]):
        return False  # (…按有关政策规定执行): 执行 ends like 银行 but says what to do, not who
    return _ends_with(bare, agencies["_suffixes"])


def _ends_with(text: str, words: tuple[str, ...]) -> bool:
    """Whether `(?:word|…)$` (literal words) matches: at the end, or before a final newline as `$` allows."""
    return text.endswith(words) or (text.endswith("\n") and text[:-1].endswith(words))


def _closes_sentence(text: str, end: int) -> bool:
    """Whether the next printing character after `end` ends the sentence (so does the paragraph's end)."""
    n = len(text)
    while end < n and text[end] != "\n" and text[end].isspace():
        end += 1
    return end >= n or text[end] in "\n。;.;"


def _clauses(inner: str) -> list[tuple[str, int]]:
    """The bracket's clauses, cut at top-level , ; 。 (a 、 joins names, it does not end a clause)."""
    out: list[tuple[str, int]] = []
    depth = 0
    begin = 0
    for i, ch in _marks(_CLAUSE_MARKS, inner, "。"):
        if ch in "(〔[【《“":
            depth += 1
        elif ch in ")〕]】》”":
            depth = max(0, depth - 1)
        elif depth == 0:  # , ; 。
            out.append((inner[begin:i], begin))
            begin = i + 1
    return out


def _is_schedule(clause: str) -> bool:
    """`5月底完成`, `持续推进`, `2022年底前`: when the task is due, not who does it."""
    clause = clause.strip()
    if not clause or len(clause) > 30 or unit_like(clause):
        return False
    agencies = _agencies()
    return bool(rx.search(r"\d{1,4}\s*(年|月|日)|[一二三四五六七八九十]+月", clause)) or any(
        w in clause for w in agencies["schedule_words"])


def _names_ok(names: "Sequence[tuple[str, int]]", verb: bool) -> bool:
    """Most names end like a body; the rest are short and unpunctuated (`有关企业`, `各高校`)."""
    if not names:
        return False
    likes = [unit_like(n) for n, _ in names]
    need = 1 if verb else max(1, (len(names) + 1) // 2 + (len(names) > 2))
    if sum(likes) < need:
        return False
    return all(like or len(n) <= 15 and not rx.search(r"[,。;:]", n) for like, (n, _) in zip(likes, names))


Group = tuple[str, str, int]  # (role, names text, offset in the bracket)


def _labelled(inner: str, labels: list[regex.Match[str]]) -> list[Group] | None:
    agencies = _agencies()
    before = inner[:labels[0].start()]
    out: list[Group] = []
    if before.strip(" ,;") and not all(_is_schedule(c) for c, _ in _clauses(before) if c.strip()):
        # (市科技局牵头,配合单位:市财政局): names with a verb before the first label read as usual
        read = read_bracket(before.rstrip(" ,;"), closes=False)
        if read is None or not read.marked:
            return None  # text before the first role word: an aside, not a unit bracket
        out += read.groups
    for k, m in enumerate(labels):
        stop = labels[k + 1].start() if k + 1 < len(labels) else len(inner)
        body = inner[m.end():stop]
        other = agencies["_other_label_re"].search(body)
        if other:  # (牵头单位:…;完成时限:…): another kind of label ends the list
            body = body[:other.start()]
        out.append((_label_role(m.group(1)), body, m.end()))
    return out


def _label_role(label: str) -> str:
    agencies = _agencies()
    if label in agencies["role_labels"]:
        return agencies["role_labels"][label]
    for role in ("lead", "co", "responsible"):
        if any(v in label for v in agencies["role_verbs"][role]):
            return role
    return "responsible"


class Bracket(NamedTuple):
    """What one bracket says: its unit groups, whether the first unit leads, whether a label or verb marks them."""

    groups: tuple[Group, ...]  # a tuple: a reading is remembered and shared (`_read_bracket`)
    lead_first: bool  # the bracket says its first-named unit leads
    marked: bool  # a label or a verb says these are units (not only names that look like bodies)


def read_bracket(inner: str, closes: bool = True) -> Bracket | None:
    """The unit groups of one bracket's content.

    None when the bracket is ordinary text. `closes`: the bracket ends its sentence (a bare
    list of names counts only there; a label or a verb says enough wherever it stands).
    """
    return _read_bracket(inner, closes)[0]


@functools.lru_cache(maxsize=4096)
def _read_bracket(inner: str, closes: bool = True) -> tuple[Bracket | None, bool]:
    """`read_bracket`, and whether the bracket holds a role label (`units_in` needs both; the label
    search is the one that decides the reading, not a second one). The flag means nothing with None.

    Remembered (a pure function of a short string; the reading is immutable): a plan repeats its
    unit brackets, `(市科技局牵头)` under item after item, and each is also read to judge a title.
    """
    agencies = _agencies()
    if inner.lstrip().startswith(agencies["_aside_prefixes"]):
        return None, False  # (以下简称农博会), (含区属公司): an aside about the text, not who does it
    # a label ends in ":" (the pattern's last character): without one there is nothing to look for
    labels = list(agencies["_label_re"].finditer(inner)) if _may_hold_label(inner) else []
    if labels:
        found = _labelled(inner, labels)
        return (Bracket(tuple(found), False, True) if found else None), True
    groups: list[Group] = []
    lead_first = False
    any_verb = False
    for clause, at in _clauses(inner):
        text = clause.strip()
        if not text:
            continue
        if _says_first_leads(text):
            lead_first = True
            continue
        if text in agencies["filler_clauses"]:
            continue  # 下同: the rule above holds for the brackets that follow
        # the verb pattern ends at `$` with a role verb: a clause not ending in one cannot match
        verb = agencies["_verb_re"].search(text) if _ends_with(text, agencies["_verbs"]) else None
        body = text[:verb.start()] if verb else text
        names = _split_names(body)
        if verb and names and _names_ok(names, verb=True):
            any_verb = True
            offset = at + clause.find(text)
            role = agencies["_verb_role"][verb.group("verb")]
            joint = agencies["_joint_re"].search(body)
            if joint and role == "responsible":  # 市发展改革委会同市财政局负责: the first leads
                groups.append(("lead", body[:joint.start()], offset))
                groups.append(("co", body[joint.end():], offset + joint.end()))
            else:
                groups.append((role, body, offset))
            continue
        if _is_schedule(text):
            continue
        if names and _names_ok(names, verb=False):
            groups.append(("responsible", body, at + clause.find(text)))
            continue
        return None, False  # a clause that is neither names nor a deadline: ordinary text
    if not groups or not (any_verb or closes):
        return None, False
    return Bracket(tuple(groups), lead_first, any_verb), False


def _regions(text: str) -> list[tuple[int, int, int, int]]:
    """Where units may be named: (start, end, inner start, inner end), in text order.

    A bracket `(…)` or `【…】`, or a line of its own that starts with a role label
    (`责任单位:市科技局、市财政局` under an item, no bracket at all).
    """
    colon = text.find(":")
    if colon < 0 and "(" not in text and "【" not in text:
        return []  # no bracket and no label line (most paragraphs)
    found = [(s, e, s + 1, e - 1) for s, e in _top_groups(text, "(", ")")]
    if "【" in text:
        found += [(s, e, s + 1, e - 1) for s, e in _top_groups(text, "【", "】")]
    if colon >= 0:  # a role label ends in ":"; only the lines holding one are looked at, in order
        label_re = _agencies()["_label_re"]
        while colon >= 0:
            at = text.rfind("\n", 0, colon) + 1  # the line's start
            stop = text.find("\n", colon)
            if stop < 0:
                stop = len(text)
            line = text[at:stop]
            stripped = line.lstrip()
            start = at + len(line) - len(stripped)
            if (_may_start_with_label(stripped) and label_re.match(stripped)
                    and not any(s <= start < e for s, e, _, _ in found)):
                end = at + len(line.rstrip(" 。."))
                found.append((start, stop, start, end))
            colon = text.find(":", stop)
    return sorted(found) if len(found) > 1 else found


def _top_groups(text: str, opener: str, closer: str) -> list[tuple[int, int]]:
    """`brackets.groups`, stepping from bracket to bracket with str.find instead of visiting every character.

    Most paragraphs hold no bracket at all, and those that do hold a few; the depth
    bookkeeping is the same as in `brackets.groups`, which the tests compare it with.
    """
    if opener not in text:
        return []
    found: list[tuple[int, int]] = []
    depth = 0
    start = 0
    i = text.find(opener)
    j = text.find(closer)
    while i >= 0 or j >= 0:
        if i >= 0 and (j < 0 or i < j):  # the next bracket opens
            if depth == 0:
                start = i
            depth += 1
            i = text.find(opener, i + 1)
        else:  # the next bracket closes (a closer at depth 0 closes nothing)
            if depth:
                depth -= 1
                if depth == 0:
                    found.append((start, j + 1))
            j = text.find(closer, j + 1)
    return found


def units_in(span: Span, lead_first: bool | Callable[[], bool] = False) -> list[FoundUnit]:
    """Units named in the brackets of one node's own text, in order, duplicates dropped.

    `lead_first`: the notice says the first-named unit leads, or a function that tells (asked only
    when a bracket's roles leave it to decide: a search of the whole notice, which most need not make).
    """
    text = span.text
    found: list[FoundUnit] = []
    for start, end, inner_start, inner_end in _regions(text):
        inner = text[inner_start:inner_end]
        read, labelled = _read_bracket(inner, _closes_sentence(text, end))
        if read is None:
            continue
        if not read.marked and len(read.groups) == 1:
            names = _split_names(read.groups[0][1])
            before = text[:start].rstrip()
            if len(names) == 1 and before and before[-1] not in "。;" and (
                    len(names[0][0]) <= 3 or before.endswith(names[0][0][-2:])):
                continue  # 保护中心(分中心): a bracket qualifying the noun before it, not a unit
        first_leads = read.lead_first or (
            lead_first if not callable(lead_first) else _lead_first_matters(read.groups) and lead_first())
        found += _assign(read.groups, first_leads, labelled, span, inner_start)
    unique: list[FoundUnit] = []
    seen: set[str] = set()
    for unit in found:
        if unit.name not in seen:
            seen.add(unit.name)
            unique.append(unit)
    return unique


def _lead_first_matters(groups: "Sequence[Group]") -> bool:
    """Whether `_assigned` gives other roles with `lead_first` than without: only a merely responsible
    group with no lead or co-operating group beside it takes its roles from it."""
    roles = [role for role, _, _ in groups]
    return "responsible" in roles and "lead" not in roles and "co" not in roles


_LEADING_VERB = regex.compile(r"^\s*(?:具体)?(?:由|请|交由|责成)(?=\p{Han}{2})")


def _assign(groups: "Sequence[Group]", lead_first: bool, labelled: bool, span: Span, inner_at: int) -> list[FoundUnit]:
    """Roles for one bracket's names: a lead in the bracket makes the merely responsible co-operate."""
    pos = span.pos
    n = len(pos)
    start = span.start
    return [_found_unit((name, role, pos[inner_at + at] if inner_at + at < n else start))
            for name, role, at in _assigned(tuple(groups), bool(lead_first), labelled)]


# `FoundUnit(name, role, pos)` without the named tuple's Python `__new__` frame (the same tuple, built in C)
_found_unit = functools.partial(tuple.__new__, FoundUnit)


@functools.lru_cache(maxsize=4096)
def _assigned(groups: tuple[Group, ...], lead_first: bool, labelled: bool) -> tuple[tuple[str, str, int], ...]:
    """`_assign` without the positions: (name, role, offset in the bracket) of each unit, remembered
    (a pure function of the bracket's reading, which a plan repeats under item after item)."""
    has_lead = any(role == "lead" for role, _, _ in groups)
    has_co = any(role == "co" for role, _, _ in groups)
    out: list[tuple[str, str, int]] = []
    for role, group, offset in groups:
        group_text = group.rstrip(" ,;。")
        if "由" in group_text or "请" in group_text or "责成" in group_text:  # each leading verb holds one of these
            group_text = _LEADING_VERB.sub("", group_text)
        skipped = len(group.rstrip(" ,;。")) - len(group_text)
        offset += skipped
        lead_split = None
        if role == "responsible" and has_lead:
            role = "co"
        elif role == "responsible" and has_co:
            role = "lead"  # (责任单位:…;配合单位:…): the responsible unit leads those that co-operate
        elif role == "responsible" and lead_first:
            role = "lead-first"  # the notice says the first-named unit leads
        elif role == "responsible" and labelled:
            # (责任单位:甲,乙、丙) / (责任单位:甲、乙,丙、丁): the units before the first comma lead (Qingdao style)
            top = group_text
            # masking keeps every character outside the brackets and adds no "," or "、": a text
            # without both cannot split, masked or not
            if "," in top and "、" in top:
                if "(" in top or "〔" in top:
                    top = rx.sub(r"\([^()]*\)|〔[^〔〕]*〕", lambda m: "_" * len(m.group()), top)
                comma = top.find(",")
                if 0 < comma and "、" in top:
                    lead_split = comma
        for name, at in _split_names(group_text):
            if not unit_like(name) and _is_schedule(name):
                continue  # (牵头单位:市审批服务局,6月底完成): the deadline after the names
            if role == "lead-first":
                this_role = "lead" if not any(r == "lead" for _, r, _ in out) else "co"
            elif lead_split is not None:
                this_role = "lead" if at < lead_split else "co"
            else:
                this_role = role
            out.append((name, this_role, offset + at))
    return tuple(out)
