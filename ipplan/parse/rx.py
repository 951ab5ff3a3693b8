"""`regex`'s module functions, with the compiled pattern looked up in a plain dict.

`regex.sub(pattern_string, …)` and friends look the pattern up in regex's own cache on
every call, with flag arithmetic on enums on the way: in a profile of the parse that was
about a fifth of the time, for some 1,300 calls per notice. Here the compiled pattern is
found by one dict lookup on (pattern, flags), so a stage can keep its patterns where they
are read (beside the code that uses them) and still pay for compiling them once.
"""
from __future__ import annotations

from typing import Any, Callable, Iterator

import regex

_CACHE: dict[tuple[Any, int], "regex.Pattern[str]"] = {}


def compiled(pattern: Any, flags: int = 0) -> "regex.Pattern[str]":
    key = (pattern, flags)
    found = _CACHE.get(key)
    if found is None:
        found = _CACHE[key] = pattern if isinstance(pattern, regex.Pattern) and not flags else regex.compile(
            pattern, flags)
    return found


def search(pattern: Any, string: str, flags: int = 0, pos: int | None = None, endpos: int | None = None) -> Any:
    return compiled(pattern, flags).search(string, pos, endpos)


def match(pattern: Any, string: str, flags: int = 0, pos: int | None = None, endpos: int | None = None) -> Any:
    return compiled(pattern, flags).match(string, pos, endpos)


def fullmatch(pattern: Any, string: str, flags: int = 0, pos: int | None = None, endpos: int | None = None) -> Any:
    return compiled(pattern, flags).fullmatch(string, pos, endpos)


def findall(pattern: Any, string: str, flags: int = 0, pos: int | None = None, endpos: int | None = None,
            overlapped: bool = False) -> list[Any]:
    return compiled(pattern, flags).findall(string, pos, endpos, overlapped=overlapped)


def finditer(pattern: Any, string: str, flags: int = 0, pos: int | None = None, endpos: int | None = None,
             overlapped: bool = False) -> Iterator[Any]:
    return compiled(pattern, flags).finditer(string, pos, endpos, overlapped=overlapped)


def split(pattern: Any, string: str, maxsplit: int = 0, flags: int = 0) -> list[str]:
    return compiled(pattern, flags).split(string, maxsplit)


def sub(pattern: Any, repl: "str | Callable[[Any], str]", string: str, count: int = 0, flags: int = 0) -> str:
    return compiled(pattern, flags).sub(repl, string, count)


def subn(pattern: Any, repl: "str | Callable[[Any], str]", string: str, count: int = 0,
         flags: int = 0) -> tuple[str, int]:
    return compiled(pattern, flags).subn(repl, string, count)
