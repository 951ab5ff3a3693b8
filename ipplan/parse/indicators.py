"""Canonical indicator keys, so targets can be compared across cities.

Cities name one indicator many ways (`每万人口高价值发明专利拥有量` /
`每万人高价值发明专利拥有量`; `知识产权质押融资金额` / `知识产权年质押额`), and
name different indicators almost alike (`每万人有效发明专利拥有量` /
`有效发明专利拥有量`). A wrong join is worse than no join: a comparison built on
it silently mixes a per-capita rate with a total. So matching is exact on the
lexicon's aliases first, and fuzzy only between names that agree on every
distinguishing word (每万人, 高价值, PCT, 国外, 增幅, 比重, tiers such as 国家/各级)
and satisfy the entry's own `require`/`forbid` words; anything else is None.

The lexicon is data (`ipplan/data/indicators.json`); users extend it with a
file in the same format (see `load_lexicon`).
"""
from __future__ import annotations

import functools
import json
import unicodedata
from dataclasses import dataclass, field
from .. import _resources as resources  # importlib.resources.files, cheaper at start-up
from pathlib import Path

import regex
from . import rx

# Words that make two names different indicators however alike the rest is.
_MARKERS: list[tuple[str, str]] = [
    ("per_10k", r"万人"),
    ("high_value", r"高价值"),
    ("pct", r"PCT"),
    ("abroad", r"国外|海外|境外"),
    ("growth", r"增幅|增速|增长率|年均增长"),
    ("share", r"比重|占比|占GDP|占地区生产总值"),
    ("rate", r"率$"),
    ("invention", r"发明"),
    ("grant", r"授权"),
    ("application", r"申请"),
    ("software", r"软件"),
    ("tier_national", r"国家"),
    ("tier_province", r"省级"),
    ("tier_city", r"市级"),
    ("tier_district", r"区级|县级"),
    ("tier_all", r"各级"),
]
# The markers are words found anywhere in a name, except `rate`, a name ending in 率: `markers` looks them up with
# `in` (a C-level scan per word) rather than a search per compiled pattern, 16 compiles at import and 16 searches
# per alias; `_marker_patterns` keeps the patterns, which the tests hold the lookups to.
_MARKER_WORDS = [(k, tuple(p.split("|"))) for k, p in _MARKERS if not p.endswith("$")]
_WORD_MARKERS = [(w, k) for k, words in _MARKER_WORDS for w in words]
_MARKER_ENDS = [(k, p[:-1]) for k, p in _MARKERS if p.endswith("$")]


@functools.lru_cache(maxsize=1)
def _marker_patterns() -> list[tuple[str, "regex.Pattern[str]"]]:
    return [(k, regex.compile(p)) for k, p in _MARKERS]

_LEADING = regex.compile(r"^(?:全市|全区|全省|全县|本市|本区|力争|累计|新增|新建|各类|年(?![均度]))+")
_TRAILING = regex.compile(r"(?:总数|数量|总额|金额|数|量|额)+$")
_FUZZY_MIN = 0.6


@dataclass(frozen=True)
class Indicator:
    key: str
    name: str
    unit: str | None = None
    aliases: tuple[str, ...] = ()
    require: tuple[tuple[str, ...], ...] = ()
    forbid: tuple[str, ...] = ()


@dataclass
class Lexicon:
    indicators: dict[str, Indicator]
    _exact: dict[str, str | None] = field(default_factory=dict, repr=False)
    _forms: list[tuple[str, str, frozenset[str], frozenset[str]]] = field(default_factory=list, repr=False)
    # name -> key: a plan names one indicator many times, and a fuzzy match scans every alias
    _memo: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for ind in self.indicators.values():
            for alias in (ind.name, *ind.aliases):
                full = canon(alias)
                form = _key_form(full)
                if not form:
                    continue
                # An alias two entries share cannot decide between them.
                if form in self._exact and self._exact[form] != ind.key:
                    self._exact[form] = None
                else:
                    self._exact[form] = ind.key
                self._forms.append((ind.key, form, frozenset(name_bigrams(form)), markers(full)))

    def __contains__(self, key: str) -> bool:
        return key in self.indicators

    def __len__(self) -> int:
        return len(self.indicators)

    def get(self, key: str) -> Indicator | None:
        return self.indicators.get(key)

    def is_alias(self, name: str) -> bool:
        """Whether `name` matches an alias exactly (after normalisation), without scoring."""
        return key_form(name) in self._exact


_LEADING_FIRSTS = "全本力累新各年"  # the first characters of `_LEADING`'s words
_TRAILING_LASTS = "数量额"  # the last characters of `_TRAILING`'s words


def canon(name: str) -> str:
    """One spelling for comparison: no spaces, quotes, brackets, `、` or `的`; 每万人口 = 每万人."""
    s = unicodedata.normalize("NFKC", name)
    if "(" in s or "（" in s:  # what the pattern removes starts with one of them
        s = rx.sub(r"\([^()]*\)|（[^（）]*）", "", s)
    s = rx.sub(r"[\s“”\"'‘’、的*★]", "", s)
    return s.replace("每万人口", "每万人").replace("万人口", "万人")


def key_form(name: str) -> str:
    """`canon` without openers and count words that say nothing about what is counted."""
    return _key_form(canon(name))


def _key_form(canonical: str) -> str:
    """`_LEADING` and `_TRAILING` removed; each only tried when the text opens (ends) with a character one of
    their words opens (ends) with (`$` may stand before a final newline: the text is looked at without them)."""
    s = _LEADING.sub("", canonical) if canonical[:1] in _LEADING_FIRSTS else canonical
    if s.rstrip("\n")[-1:] not in _TRAILING_LASTS:
        return s
    return _TRAILING.sub("", s) or s


def markers(name: str) -> frozenset[str]:
    found = {k for w, k in _WORD_MARKERS if w in name}
    # `$` ends the text or stands before a final newline
    found.update(k for k, end in _MARKER_ENDS if name.endswith(end) or name.endswith(end + "\n"))
    return frozenset(found)


def name_bigrams(name: str) -> set[str]:
    """The character pairs of a name, spaces ignored: what name similarity is measured on.

    Every character `regex` reads as whitespace (Unicode White_Space) but the space is unprintable (the test holds this
    over all of Unicode), so a name without a space that `str.isprintable` holds has no whitespace to remove.
    """
    s = name if " " not in name and name.isprintable() else rx.sub(r"\s", "", name)
    return set(map(str.__add__, s, s[1:])) or {s}  # each character joined to the next, in C


def _entry(raw: dict, base: Indicator | None = None) -> Indicator:
    def pick(name: str, default: object) -> object:
        return raw[name] if name in raw else (getattr(base, name) if base else default)

    return Indicator(
        key=raw["key"],
        name=str(pick("name", raw["key"])),
        unit=pick("unit", None),  # type: ignore[arg-type]
        aliases=tuple(pick("aliases", ())),  # type: ignore[arg-type]
        require=tuple(tuple(g) for g in pick("require", ())),  # type: ignore[union-attr]
        forbid=tuple(pick("forbid", ())),  # type: ignore[arg-type]
    )


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _what(value: object) -> str:
    return {str: "a string", dict: "an object", list: "a list", bool: "true/false", type(None): "null"}.get(
        type(value), "a number")


def _check_entry(item: object, n: int, source: str) -> dict:
    """One lexicon entry, or ValueError saying which entry is wrong and how (one line)."""
    if not isinstance(item, dict):
        raise ValueError(f"{source}: entry {n} must be an object, not {_what(item)}")
    key = item.get("key")
    if not isinstance(key, str) or not key.strip():
        raise ValueError(f"{source}: entry {n} has no \"key\" (a non-empty string)")
    where = f"{source}: entry {n} (key {key!r})"
    if "name" in item and not (isinstance(item["name"], str) and item["name"].strip()):
        raise ValueError(f"{where}: \"name\" must be a non-empty string, not {_what(item['name'])}")
    if item.get("unit") is not None and not isinstance(item["unit"], str):
        raise ValueError(f"{where}: \"unit\" must be a string or null, not {_what(item['unit'])}")
    for field_name in ("aliases", "forbid"):
        if field_name in item and not _strings(item[field_name]):
            value = item[field_name]
            got = _what(value) if not isinstance(value, list) else "a list with " + next(
                _what(v) for v in value if not isinstance(v, str))
            raise ValueError(f"{where}: \"{field_name}\" must be a list of strings, not {got}")
    if "require" in item and not (isinstance(item["require"], list) and all(_strings(g) for g in item["require"])):
        raise ValueError(f"{where}: \"require\" must be a list of lists of strings (one list per word group)")
    return item


def _read(text: str, source: str) -> list[dict]:
    """The entries of a lexicon file; ValueError with a one-line message (`source: what is wrong`) otherwise."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{source}: not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    if isinstance(data, dict):
        if "indicators" not in data:
            raise ValueError(f"{source}: no \"indicators\" list in the top-level object")
        items = data["indicators"]
        if not isinstance(items, list):
            raise ValueError(f"{source}: \"indicators\" must be a list of entries, not {_what(items)}")
    elif isinstance(data, list):
        items = data
    else:
        raise ValueError(f"{source}: the top level must be an object with an \"indicators\" list, not {_what(data)}")
    return [_check_entry(item, n, source) for n, item in enumerate(items, 1)]


@functools.lru_cache(maxsize=1)
def _shipped() -> tuple[Indicator, ...]:
    text = resources.files("ipplan.data").joinpath("indicators.json").read_text("utf-8")
    return tuple(_entry(item) for item in _read(text, "indicators.json"))


@functools.lru_cache(maxsize=1)
def _shipped_lexicon() -> Lexicon:
    return Lexicon({ind.key: ind for ind in _shipped()})


def load_lexicon(extra: str | Path | None = None) -> Lexicon:
    """The shipped lexicon, plus a user file in the same format.

    A user entry with a new key is added; one with an existing key replaces the
    fields it gives (giving `aliases` replaces the alias list, so repeat the
    shipped aliases you want to keep).

    A file that cannot be used raises ValueError with a one-line message naming
    the file and what is wrong: not UTF-8 or not JSON, no `indicators` list, an
    entry without `key`, `aliases`/`forbid` that are not lists of strings (a bare
    string is refused rather than read as a list of characters), `require` that
    is not a list of word lists. A file that cannot be opened raises OSError.
    """
    if extra is None:
        return _shipped_lexicon()
    path = Path(extra)
    try:
        text = path.read_text(encoding="utf-8-sig")  # a BOM from a Windows editor is harmless
    except UnicodeDecodeError:
        raise ValueError(f"{path.name}: not UTF-8 text") from None
    entries = {ind.key: ind for ind in _shipped()}
    for raw in _read(text, path.name):
        entries[raw["key"]] = _entry(raw, entries.get(raw["key"]))
    return Lexicon(entries)


def _allowed(ind: Indicator, name: str) -> bool:
    if any(word in name for word in ind.forbid):
        return False
    return all(any(word in name for word in group) for group in ind.require)


def match_indicator(name: str, lexicon: Lexicon) -> str | None:
    """The lexicon key of the indicator `name` measures, or None when no entry is safe to claim it."""
    if not name:
        return None
    if name not in lexicon._memo:
        if len(lexicon._memo) > 100_000:
            lexicon._memo.clear()
        lexicon._memo[name] = _match(name, lexicon)
    return lexicon._memo[name]


def _match(name: str, lexicon: Lexicon) -> str | None:
    full = canon(name)
    form = _key_form(full)
    if form in lexicon._exact:
        return lexicon._exact[form]
    sig = markers(full)
    grams = name_bigrams(form)
    best: dict[str, float] = {}
    for key, alias_form, alias_grams, alias_sig in lexicon._forms:
        if alias_sig != sig:
            continue
        ind = lexicon.indicators[key]
        if not _allowed(ind, full):
            continue
        score = 2 * len(grams & alias_grams) / (len(grams) + len(alias_grams))
        if score > best.get(key, 0.0):
            best[key] = score
    if not best:
        return None
    ranked = sorted(best.items(), key=lambda kv: kv[1], reverse=True)
    top_key, top = ranked[0]
    if top < _FUZZY_MIN:
        return None
    if len(ranked) > 1 and top - ranked[1][1] < 0.05:
        return None  # two entries fit about equally: do not guess
    return top_key


__all__ = ["Indicator", "Lexicon", "load_lexicon", "match_indicator", "canon", "key_form", "markers", "name_bigrams"]
