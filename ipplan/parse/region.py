"""The place whose plan it is, read from names the text gives.

A region comes first from the title or the issuer (`山东省科学技术厅` → 山东省,
`上海市徐汇区人民政府` → 徐汇区). A word that only ends like a place (`城市`, `园区`,
`全市`) is never one. A plan with neither title nor issuer still says where it is for:
it calls itself `我市`/`全省`/`本区` and names its place (`青岛`, `山东`) in the text; the
level it calls itself and the place of that level it names most often give the region.
Place names come from ipplan/data/regions.json, which users may extend.
"""
from __future__ import annotations

import functools
import json
from .. import _resources as resources  # importlib.resources.files, cheaper at start-up

import regex
from . import rx

_ADMIN_UNIT = regex.compile(r"[\p{Han}]{1,8}?(?:特别行政区|自治区|自治州|自治县|自治旗|新区|地区|省|市|区|县|旗|盟)")
# the first characters of _ADMIN_UNIT's suffixes: a match has one of them 1 to 8 characters after its start
_UNIT_SUFFIX_FIRST = frozenset("特自新地省市区县旗盟")
_LEVEL_WORDS = {
    # 各市人民政府 in a province's recipients is not the text calling itself a city
    "province": regex.compile(r"[我本全该]省|(?<!各)省(?:委|政府|人民政府)"),
    "city": regex.compile(r"[我本全该][市州盟]|(?<![各县])市(?:委|政府|人民政府)|(?<!各)州人民政府|盟行政公署"),
    "county": regex.compile(r"[我本全该][区县旗]|(?<![各市])[区县](?:委|政府|人民政府)"),
}


@functools.lru_cache(maxsize=1)
def places() -> dict:
    raw = json.loads(resources.files("ipplan.data").joinpath("regions.json").read_text("utf-8"))
    known = set(raw["provinces"]) | set(raw["cities"]) | set(raw["counties"])
    # the first two characters of the known names (for _best_unit); one set comprehension, where the lengths
    # by first two characters took a Python loop and a sort per pair: ~4 ms of every run's first notice
    return {"provinces": list(raw["provinces"]), "cities": dict(raw["cities"]), "counties": dict(raw["counties"]),
            "known": known, "not_places": set(raw["not_places"]), "heads": {name[:2] for name in known}}


def is_place(name: str) -> bool:
    """A known place, or a name shaped like one (a district newer than the data) that is not a common noun."""
    data = places()
    if name in data["not_places"]:
        return False
    return name in data["known"] or len(name) >= 3


def admin_chain(text: str) -> list[str]:
    """Administrative places that open a name: 上海市徐汇区人民政府 -> [上海市, 徐汇区]."""
    # rx.sub(r"^(中共|中国共产党)", "", text): only a match at the very start is removed
    if text.startswith("中共"):
        text = text[2:]
    elif text.startswith("中国共产党"):
        text = text[5:]
    chain: list[str] = []
    at = 0
    while True:
        m = _best_unit(text, at)
        if m is None or not is_place(m):
            break
        chain.append(m)
        at += len(m)
    return chain


def _best_unit(text: str, at: int) -> str | None:
    """The place name at `at`: a known name if one starts here (the longest), else the pattern's shortest."""
    data = places()
    # a known name can start here only if one starts with these two characters (most places tried do not)
    if text[at:at + 2] in data["heads"]:
        known = data["known"]
        for size in range(min(12, len(text) - at), 1, -1):
            if text[at:at + size] in known:
                return text[at:at + size]
    if _UNIT_SUFFIX_FIRST.isdisjoint(text[at + 1:at + 9]):
        return None  # no suffix where _ADMIN_UNIT needs one (most texts after the places: 人民政府关于…)
    m = _ADMIN_UNIT.match(text, at)
    return m.group(0) if m else None


@functools.lru_cache(maxsize=4096)
def _short(name: str) -> str | None:
    """The short form a text uses: 山东省 → 山东, 青岛市 → 青岛, 广西壮族自治区 → 广西."""
    m = rx.match(r"^(.{2,}?)(?:壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$", name)
    return m.group(1) if m else None


def region_in_text(text: str) -> str | None:
    """The place a text without title or issuer is for: the level it calls itself, its most-named place."""
    counts = {level: len(p.findall(text)) for level, p in _LEVEL_WORDS.items()}
    level = max(counts, key=lambda k: counts[k])
    if counts[level] == 0:
        return None
    data = places()
    # (name, whether its short form counts): short forms only for provinces and prefecture-level cities,
    # whose short names (青岛, 山东) are how texts name them; a county's short name is too often a word
    if level == "province":
        names = [(n, True) for n in data["provinces"]]
    elif level == "city":
        names = [(n, True) for n in data["cities"]] + [(n, True) for n in data["provinces"] if n.endswith("市")]
        names += [(n, False) for n in data["counties"] if n.endswith("市")]  # 义乌市, a county-level city
    else:  # 全区 is also what an autonomous region (广西, 内蒙古) calls itself
        names = [(n, False) for n in data["counties"] if len(n) >= 3]
        names += [(n, True) for n in data["provinces"] if n.endswith("自治区")]
    best, best_n = None, 0
    # with hundreds of names (cities, ~2,800 counties), a name is counted only when its first two characters
    # stand together somewhere in the text: one set of the text's character pairs spares most full scans
    pairs = {text[i:i + 2] for i in range(len(text) - 1)} if len(names) > 200 else None
    for name, use_short in names:
        short = _short(name) if use_short else None
        word = short if short and len(short) >= 2 else name
        n = text.count(word) if pairs is None or len(word) < 2 or word[:2] in pairs else 0
        if n > best_n:
            best, best_n = name, n
    return best


def region_in_title(title: str) -> str | None:
    """A province or city the title names by its short form: 关于加快“科创济南”建设… → 济南市."""
    data = places()
    title = rx.sub(r"《[^《》]*》", lambda m: "#" * len(m.group(0)), title)  # a cited document's place is not ours
    found = []
    for name in list(data["cities"]) + data["provinces"]:
        short = _short(name)
        if short and len(short) >= 2 and short in title:
            at = title.index(short)
            if rx.search(r"(学习|借鉴|对口|支援|援助|帮扶|协作|对接|赴)$", title[max(0, at - 4):at]):
                continue  # 学习借鉴浙江经验, 对口支援新疆: another place the plan turns to
            found.append((at, -len(short), name))
    if not found:
        return None
    found.sort()
    return found[0][2]
