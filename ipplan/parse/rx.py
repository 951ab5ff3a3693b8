"""`regex`'s module functions, with the compiled pattern looked up in a plain dict.

`regex.sub(pattern_string, …)` and friends look the pattern up in regex's own cache on
every call, with flag arithmetic on enums on the way: in a profile of the parse that was
about a fifth of the time, for some 1,300 calls per notice. Here the compiled pattern is
found by one dict lookup on (pattern, flags), so a stage can keep its patterns where they
are read (beside the code that uses them) and still pay for compiling them once.

Compiling is what a cold start pays most for: regex parses and compiles a pattern in Python
(its C part is about 3% of that), some 250 patterns for the first notice, 40% of the time of
`ipplan targets SEED`. So the parser's patterns are also compiled ahead of time:
`ipplan/data/patterns.bin` holds, for each, what regex's Python compiler hands its C compiler,
and importing this module (the first thing `ipplan.parse` imports) makes them known to regex's
own cache, where `regex.compile(p)`, `regex.search(p, …)` and `compiled(p)` all find them (each
is built from the store when first looked up). The store is used only with the regex and Python
versions that wrote it; a pattern it lacks (new code, a --lexicon of one's own) is compiled as
before. `python scripts/build_patterns.py` rewrites it; tests/test_rx_store.py checks that it matches regex and covers the parse of the seeds.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable, Iterator

import regex

_CACHE: dict[tuple[Any, int], "regex.Pattern[str]"] = {}
STORE = Path(__file__).resolve().parent.parent / "data" / "patterns.bin"


def store_key() -> tuple[Any, ...]:
    """What the stored compiler output depends on: regex's version, Python's, regex's default version."""
    from regex import _main

    return (regex.__version__, tuple(sys.version_info[:2]), int(_main.DEFAULT_VERSION))


def compile_args(pattern: "str | bytes", flags: int = 0) -> tuple[Any, ...] | None:
    """What regex's Python compiler hands its C compiler for `pattern` (None: not to be stored).

    For scripts/build_patterns.py and the tests only: it swaps regex's C module for a recorder
    while it compiles (not thread-safe). A locale-dependent pattern is not stored.
    """
    from regex import _main

    real = _main._regex
    seen: list[tuple[Any, ...]] = []

    class _Recorder:
        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

        def compile(self, *args: Any) -> Any:
            seen.append(args)
            return real.compile(*args)

    _main._regex = _Recorder()
    try:
        _main._compile(pattern, flags, False, {}, False)
    finally:
        _main._regex = real
    if len(seen) != 1 or flags & regex.LOCALE or _main._locale_sensitive.get((type(pattern), pattern), True):
        return None
    return _plain(seen[0])


def _plain(value: Any) -> Any:
    """The same value with regex's flag enums as plain ints (what marshal stores; the C compiler reads ints)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    return value


class _StoreCache(dict):
    """regex's pattern cache, holding the stored patterns not compiled yet: one is built the first time regex
    looks it up (a notice uses about half of them; building all at import was ~1.5 ms of every run).

    regex finds a cached pattern by `_cache[key]` after checking `_named_args` and `_locale_sensitive`, which
    `load_store` fills for every stored pattern; a miss here ends in `__missing__`, which builds the pattern
    from its stored compiler output, keeps it as regex would have and returns it. A key not stored raises
    KeyError, as a plain dict would, and regex compiles the pattern itself. `regex.purge()` and regex's own
    shrinking of a full cache clear `_named_args`/`_locale_sensitive`, after which regex compiles as usual.
    """

    def __init__(self, entries: dict) -> None:
        super().__init__(entries)
        self.stored: dict[tuple[Any, ...], tuple[Any, ...]] = {}

    def __missing__(self, key: tuple[Any, ...]) -> Any:
        args = self.stored.pop(key, None)
        if args is None:
            raise KeyError(key)
        from regex import _main

        compiled = self[key] = _main._regex.compile(*args)
        return compiled


def load_store(path: Path = STORE) -> int:
    """Make the patterns compiled ahead of time known to regex's cache; how many (0: no usable store).

    A pattern is found by regex's usual lookup and built from the store when first looked up (`_StoreCache`),
    exactly as `regex.compile(pattern, flags)` leaves it after compiling a pattern that takes no named lists
    and does not depend on the locale. Anything unexpected (no file, other versions, a regex that keeps its
    cache differently) leaves the cache alone: patterns are then compiled as before.
    """
    try:
        import marshal
        import zlib

        from regex import _main

        data = marshal.loads(zlib.decompress(path.read_bytes()))
        if data["key"] != store_key() or not isinstance(_main._cache, dict):
            return 0
        version = _main.DEFAULT_VERSION
        none = frozenset()
        stored = {(pattern, type(pattern), flags, none, version, None): args for pattern, flags, args in data["patterns"]}
        with _main._cache_lock:
            cache = _main._cache if isinstance(_main._cache, _StoreCache) else _StoreCache(_main._cache)
            for key in stored:
                if key not in cache:
                    cache.stored[key] = stored[key]
                    _main._named_args[key[0], key[1], key[2]] = none
                    _main._locale_sensitive[key[1], key[0]] = False
            _main._cache = cache
        return len(stored)
    except Exception:  # the store only saves time; without it every pattern compiles as usual
        return 0


load_store()


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
