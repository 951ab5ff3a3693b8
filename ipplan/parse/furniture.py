"""Source furniture: what a database, a web page or an export script puts before a notice.

A notice copied from pkulaw starts with `【法宝引证码】…` and `原文链接:URL`; a scraped page with
YAML front matter (`标题:`, `文号:`, `发布日期:`) and a disclaimer; many exports repeat the title
line. None of it is the notice, and joined to the next line it corrupts the notice title and
the issuer. These lines are recognised here (only in the run of lines before the notice
starts), set aside with a reason, and their `key: value` fields are offered to the metadata
reader as a fallback source: they state facts, but the notice's own text comes first.
"""
from __future__ import annotations

import functools
import itertools
import json
import unicodedata
from .. import _resources as resources  # importlib.resources.files, cheaper at start-up
from typing import Callable

import regex

from . import rx
from .span import Span

REASON = "source furniture"


def whole_line_matcher(patterns: list[str], truthy: bool = False) -> Callable[[str], object]:
    """A test whether any of `patterns` matches a whole line (each as `^(?:p)$`).

    Plain patterns become one alternation `^(?:(?:a)|(?:b)|…)$`: one call instead of one per
    pattern, and cheaper to compile. A pattern with inline flags, named groups or
    backreferences (users may add any) could behave differently beside the others, so such
    a list is matched one pattern at a time. With `truthy` the test's answer is only true or
    false as a condition (the alternation's match or None): for a caller that tests it in an
    `if`, without a Python frame per line to turn it into a bool.
    """
    if patterns and all(regex.search(r"\(\?(?!:)|\\[0-9g]", p) is None for p in patterns):
        combined = regex.compile("^(?:" + "|".join(f"(?:{p})" for p in patterns) + ")$")
        if truthy:
            return combined.match
        return lambda text: combined.match(text) is not None
    compiled = [regex.compile(rf"^(?:{p})$") for p in patterns]
    return lambda text: any(p.match(text) for p in compiled)


@functools.lru_cache(maxsize=1)
def _data() -> dict:
    raw = json.loads(resources.files("ipplan.data").joinpath("furniture.json").read_text("utf-8"))
    aliases = raw.get("aliases", {})
    keys = sorted(list(raw["field_keys"]) + list(aliases), key=lambda w: (-len(w), w))
    # A key without white space, *, colons or 】, not starting with "-", is all the text between the
    # line's opening marks and what follows a key; a pattern capturing that text and a set lookup then
    # find what the alternation of all keys finds, and compile in a fraction of its time.
    plain = all(k and not k.startswith("-") and regex.search(r"[\s*:：】]", k) is None for k in keys)
    words = _KEY if plain else "|".join(map(regex.escape, keys))
    return {
        "lines": whole_line_matcher(raw["lines"], truthy=True),  # both only tested in an `if` (mark)
        "head_lines": whole_line_matcher(raw["head_lines"], truthy=True),
        "field": regex.compile(r"^\s*[-*]?\s*(?:\*\*)?(" + words + r")(?:\*\*)?\s*[:：]\s*(.*?)\s*$"),
        "bracketed": regex.compile(r"^\s*【(" + (_BRACKETED_KEY if plain else words) + r")】\s*[:：]?\s*(.*?)\s*$"),
        "keys": frozenset(keys) if plain else None,
        "aliases": aliases,
    }


_KEY = r"[^\s*:：]+"  # what can stand where a plain key stands in a field line
_BRACKETED_KEY = r"[^】]+"


def _keyed(pattern: regex.Pattern[str], text: str, keys: frozenset[str] | None) -> regex.Match[str] | None:
    """The pattern's match when its key (group 1) is a known key; `keys` None: the pattern lists the keys."""
    m = pattern.match(text)
    return m if m is not None and (keys is None or m.group(1) in keys) else None


def field_of(text: str) -> tuple[str, str] | None:
    """(key, value) of a `发文字号:皖政办〔2021〕8号` field line, else None."""
    if ":" not in text and "：" not in text and "【" not in text:
        return None  # every form below needs a colon after its key, or the key in 【】
    data = _data()
    # a key letter-spaced to a column's width (索 引 号：, 标　　题：) is the same key
    spaced = rx.match(r"^\s*((?:\p{Han}\s+){1,4}\p{Han})\s*([:：].*)$", text)
    if spaced:
        text = rx.sub(r"\s+", "", spaced.group(1)) + spaced.group(2)
    m = _keyed(data["field"], text, data["keys"]) or _keyed(data["bracketed"], text, data["keys"])
    if m is None or (m.group(1) in data["aliases"] and not rx.match(r"^\s*[A-Za-z_]+\s*:", text)):
        return None  # an English key counts only as written at the start of a line (title: …)
    return data["aliases"].get(m.group(1), m.group(1)), m.group(2)


def pairs_of(text: str) -> list[tuple[str, str]]:
    """All (key, value) facts of a field line; a row of a header table holds several (索引号:⇥…⇥主题分类:⇥…)."""
    if "\t" not in text:
        kv = field_of(text)
        return [kv] if kv is not None and kv[1] else []
    cells = [c.strip() for c in text.split("\t") if c.strip()]
    out = []
    for key, value in zip(cells, cells[1:]):
        kv = field_of(key + value if key.endswith((":", "：")) else key + ":" + value)
        if kv is not None and kv[1] and field_of(value) is None:
            out.append(kv)
    return out


def _key(text: str) -> str:
    """Two lines repeat each other when they differ only in width, spaces and dashes."""
    text = unicodedata.normalize("NFKC", text)
    text = rx.sub(r"[\s#>*]", "", text)
    return rx.sub(r"[—–－-]+", "-", text)


def mark(lines: list[Span], kinds: list[str | None]) -> dict[int, str]:
    """Indexes of the furniture lines that open the text, with the reason each is set aside.

    The scan stops at the first line that is neither furniture nor blank, so a field line
    inside a notice (`联系人:…`) is never taken for a header. A line repeated by the next one
    (a title printed twice) is furniture wherever it stands in that run.
    """
    data = _data()
    found: dict[int, str] = {}
    i = 0
    n = len(lines)
    # YAML front matter: --- … --- at the very top
    first = next((k for k in range(n) if lines[k].text.strip()), None)
    if first is not None and lines[first].text.strip() == "---":
        end = next((k for k in range(first + 1, min(n, first + 60)) if lines[k].text.strip() == "---"), None)
        if end is not None:
            for k in range(first, end + 1):
                if lines[k].text.strip():
                    found[k] = f"{REASON}: front matter"
            i = end + 1
    while i < n:
        text = lines[i].text.strip()
        if not text or kinds[i] == "blank":
            i += 1
            continue
        nxt = next((k for k in range(i + 1, min(n, i + 4)) if lines[k].text.strip()), None)
        if data["lines"](text):
            found[i] = f"{REASON}: source header"
        elif field_of(text) is not None:
            found[i] = f"{REASON}: field line"
        elif nxt is not None and len(text) >= 6 and _key(text) == _key(lines[nxt].text):
            found[i] = f"{REASON}: repeated title line"
        else:
            break
        i += 1
    # near the top: unmistakable furniture (a citation code, a markup comment), and blocks of field lines
    near = list(itertools.islice((k for k in range(i, n) if lines[k].text.strip() and kinds[k] != "blank"), 15))
    for k in near:
        if data["head_lines"](lines[k].text.strip()):
            found[k] = f"{REASON}: source header"
    for a, b in zip(near, near[1:]):
        if field_of(lines[a].text) is not None and field_of(lines[b].text) is not None:
            found[a] = found[b] = f"{REASON}: field line"
    return found


def fields(spans: list[Span]) -> dict[str, str]:
    """The `key: value` facts the furniture states (front matter and field lines)."""
    out: dict[str, str] = {}
    for span in spans:
        for key, value in pairs_of(span.text):
            out.setdefault(key, value)
    return out
