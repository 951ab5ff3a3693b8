"""Responsible units named in an item's brackets.

Plans close an item with the bodies that must carry it out, in a bracket
that is either labelled (`(牵头单位:…;配合单位:…)`, `(落实单位:…)`) or bare
(`(区知识产权局、区教育局)`). A labelled bracket counts wherever it stands
(each sentence may name its own lead); a bare bracket counts only where it
closes a sentence and reads as a list of agency names, so `中以(上海)创新园`
or `党委(党组)` stay text.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

import regex

from .brackets import groups as bracket_groups
from .span import Span


@dataclass(frozen=True)
class FoundUnit:
    name: str
    role: str  # lead / co / responsible
    pos: int | None  # offset in the original text


@functools.lru_cache(maxsize=1)
def _agencies() -> dict:
    data = json.loads(resources.files("ipplan.data").joinpath("agencies.json").read_text("utf-8"))
    labels = sorted(data["role_labels"], key=len, reverse=True)
    data["_label_re"] = regex.compile(r"(?:^|(?<=[,;。、\s]))(" + "|".join(map(regex.escape, labels)) + r")\s*[:]")
    data["_suffix_re"] = regex.compile(r"(?:" + "|".join(map(regex.escape, sorted(data["suffixes"], key=len, reverse=True)))
                                       + r")$")
    return data


def first_is_lead(text: str) -> bool:
    return any(phrase in text for phrase in _agencies()["first_is_lead"])


def split_names(text: str) -> list[tuple[str, int]]:
    """Split on 、 and commas outside 〔〕/() so 市市场监管局〔市知识产权局〕 stays whole; (name, offset)."""
    names: list[tuple[str, int]] = []
    depth = 0
    begin = 0
    for i, ch in enumerate(text + "、"):
        if ch in "(〔[【":
            depth += 1
        elif ch in ")〕]】":
            depth = max(0, depth - 1)
        elif ch in "、,;" and depth == 0:
            piece = text[begin:i]
            stripped = piece.strip(" \n\t。.")
            if stripped.endswith("等") and len(stripped) > 2:
                stripped = stripped[:-1]
            stripped = regex.sub(r"(?<=\p{Han})\s+(?=\p{Han})", "", stripped)
            if stripped:
                names.append((stripped, begin + (len(piece) - len(piece.lstrip(" \n\t。.")))))
            begin = i + 1
    return names


def unit_like(name: str) -> bool:
    bare = regex.sub(r"[(〔][^()〔〕]*[)〕]$", "", name)
    if not 2 <= len(bare) <= 30 or regex.search(r"[,。;:\d%]", bare):
        return False
    return bool(_agencies()["_suffix_re"].search(bare))


def _closes_sentence(text: str, end: int) -> bool:
    rest = text[end:].split("\n", 1)[0].lstrip()  # the end of a paragraph ends its sentence
    return not rest or rest[0] in "。;.;"


def units_in(span: Span, lead_first: bool = False) -> list[FoundUnit]:
    """Units named in the brackets of one node's own text, in order, duplicates dropped."""
    text = span.text
    agencies = _agencies()
    found: list[FoundUnit] = []
    for start, end in bracket_groups(text):
        inner = text[start + 1:end - 1]
        inner_at = start + 1
        labels = list(agencies["_label_re"].finditer(inner))
        groups: list[tuple[str, str, int]] = []  # (role, text, offset)
        if labels:
            if inner[:labels[0].start()].strip(" ,;"):
                continue  # text before the first role word: an aside, not a unit bracket
            roles = [agencies["role_labels"][m.group(1)] for m in labels]
            has_lead = "lead" in roles
            for k, m in enumerate(labels):
                stop = labels[k + 1].start() if k + 1 < len(labels) else len(inner)
                role = roles[k]
                if role == "responsible" and has_lead:
                    role = "co"
                groups.append((role, inner[m.end():stop], inner_at + m.end()))
        else:
            body = inner
            responsible = regex.search(r"(等)?(按职责分工|按职能分工|按职责|分别)?(负责|牵头)[。.]?.*$", body)
            if responsible:
                body = body[:responsible.start()]
            names = split_names(body)
            if not names or not _closes_sentence(text, end) and not responsible:
                continue
            if sum(unit_like(n) for n, _ in names) < max(1, (len(names) + 1) // 2 + (len(names) > 2)):
                continue
            if not all(unit_like(n) or len(n) <= 15 and not regex.search(r"[,。;:]", n) for n, _ in names):
                continue
            before = text[:start].rstrip()
            if len(names) == 1 and before and before[-1] not in "。;" and (
                    len(names[0][0]) <= 3 or before.endswith(names[0][0][-2:])):
                continue  # 保护中心(分中心): a bracket qualifying the noun before it, not a unit
            groups.append(("lead-first" if lead_first else "responsible", body, inner_at))
        for role, group, offset in groups:
            group_text = group.rstrip(" ,;。")
            lead_split = None
            if role == "responsible" and lead_first and not any(r == "lead" for r, _, _ in groups):
                role = "lead-first"  # the notice says the first-named unit leads
            if role == "responsible" and not any(r == "lead" for r, _, _ in groups):
                # (责任单位:甲,乙、丙): the unit before the comma leads (Qingdao style)
                # (责任单位:甲、乙,丙、丁): the units before the first comma lead (Qingdao style)
                comma = group_text.find(",")
                if 0 < comma and "、" in group_text:
                    lead_split = comma
            for name, at in split_names(group_text):
                if role == "lead-first":
                    this_role = "lead" if not any(u.role == "lead" for u in found) else "co"
                elif lead_split is not None:
                    this_role = "lead" if at < lead_split else "co"
                else:
                    this_role = role
                pos = span.pos[offset + at] if offset + at < len(span.pos) else span.start
                found.append(FoundUnit(name, this_role, pos))
    unique: list[FoundUnit] = []
    seen: set[str] = set()
    for unit in found:
        if unit.name not in seen:
            seen.add(unit.name)
            unique.append(unit)
    return unique
