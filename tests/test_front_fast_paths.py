"""The front stages' fast paths agree with the plain loops they replace.

Reading, normalising and the unit grammar skip work with C-level checks (a character
that must be present, a translate over the whole text, a scan of bracket characters
only). Each test here keeps the straightforward version as the reference and compares
the two on tricky inputs: brackets left open or closed twice, separators inside
brackets, trailing newlines that `$` treats specially, markup and wide spaces.
"""
from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from ipplan.parse import rx
from ipplan.parse.brackets import groups as bracket_groups
from ipplan.parse.units import _agencies, _clauses, _top_groups, split_names, unit_like

# characters the unit grammar and the normaliser treat specially, plus some ordinary ones
_ALPHABET = "()〔〕[]【】《》“”、,;。.:: \n\t\u3000\u00a0\u200b局委办市区县等执行银行第一号#*_<>brｂ１（）"
_TEXTS = st.text(alphabet=_ALPHABET, max_size=40)


def _split_names_reference(text: str) -> list[tuple[str, int]]:
    """split_names as a loop over every character (the code before the fast path)."""
    collective = regex.compile(r"^(各|有关|相关|所在)?[区县市旗镇乡]$")
    government = regex.compile(r"^[区县市旗镇乡](\([^()]*\))?(人民)?政府")
    names: list[tuple[str, int]] = []
    depth = 0
    begin = 0
    joined_by_dunhao: list[bool] = []
    for i, ch in enumerate(text + "、"):
        if ch in "(〔[【":
            depth += 1
        elif ch in ")〕]】":
            depth = max(0, depth - 1)
        elif ch in "、,;" and depth == 0:
            piece = text[begin:i]
            stripped = piece.strip(" \n\t。.")
            stripped = rx.sub(r"(?<=\p{Han}{2})等(部门|单位|机构|相关部门|有关部门)?$", "", stripped)
            stripped = rx.sub(r"(?<=\p{Han})\s+(?=\p{Han})", "", stripped)
            if stripped:
                at = begin + (len(piece) - len(piece.lstrip(" \n\t。.")))
                if names and joined_by_dunhao[-1] and collective.match(names[-1][0]) and government.match(stripped):
                    names[-1] = (names[-1][0] + "、" + stripped, names[-1][1])
                else:
                    names.append((stripped, at))
                joined_by_dunhao.append(ch == "、")
            begin = i + 1
    return names


def _clauses_reference(inner: str) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    depth = 0
    begin = 0
    for i, ch in enumerate(inner + "。"):
        if ch in "(〔[【《“":
            depth += 1
        elif ch in ")〕]】》”":
            depth = max(0, depth - 1)
        elif ch in ",;。" and depth == 0:
            out.append((inner[begin:i], begin))
            begin = i + 1
    return out


def _alternation(words: list[str]) -> str:
    return "|".join(map(regex.escape, sorted(words, key=len, reverse=True)))


def _unit_like_reference(name: str) -> bool:
    """unit_like with the anchored alternations it had before `str.endswith`."""
    data = _agencies()
    suffix_re = regex.compile(rf"(?:{_alternation(data['suffixes'])})$")
    not_unit_re = regex.compile(rf"(?:{_alternation(data.get('not_unit_endings', []) or ['(?!)'])})$")
    bare = rx.sub(r"[(〔][^()〔〕]*[)〕]$", "", name)
    if not 2 <= len(bare) <= 30 or rx.search(r"[,。;:\d%]", bare):
        return False
    if not_unit_re.search(bare):
        return False
    return bool(suffix_re.search(bare))


TRICKY = [
    "", "(", ")", ")(", "((a)", "(a))b(c", "【甲】(乙)【", "市科技局、市财政局(牵头)", "各区、市政府",
    "各市、县(区)人民政府", "市局 \n", "甲局\n(乙)\n", "甲局(乙)", "甲局〔乙〕\n", "市政府等部门", "执行\n",
    "市 财政 局", "a\u3000 b局", "银行\n\n", "局\n", "(a,b);c、d", "《a,b》,c", "“a;b”;c", "[a、b]、c",
]


def test_bracket_groups_match_the_loop():
    for text in TRICKY:
        for opener, closer in (("(", ")"), ("【", "】")):
            assert _top_groups(text, opener, closer) == bracket_groups(text, opener, closer), text


def test_splitting_matches_the_loops():
    for text in TRICKY:
        assert split_names(text) == _split_names_reference(text), text
        assert _clauses(text) == _clauses_reference(text), text


def test_unit_like_matches_the_patterns():
    for text in TRICKY + ["市科技局", "有关单位", "市场监管局(知识产权局)", "按规定执行", "平台", "1局", "区"]:
        assert unit_like(text) == _unit_like_reference(text), text


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_unit_helpers_agree_on_random_text(text):
    for opener, closer in (("(", ")"), ("【", "】")):
        assert _top_groups(text, opener, closer) == bracket_groups(text, opener, closer)
    assert split_names(text) == _split_names_reference(text)
    assert _clauses(text) == _clauses_reference(text)
    assert unit_like(text) == _unit_like_reference(text)
