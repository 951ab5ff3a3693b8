"""The patterns compiled ahead of time (ipplan/data/patterns.bin, see ipplan/parse/rx.py).

The store only saves start-up time, so what matters is that a stored pattern is the very
pattern regex would compile, and that the store is not stale. When a test here fails after
patterns changed or regex was upgraded: `python scripts/build_patterns.py`.
"""
from __future__ import annotations

import marshal
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
import regex
from regex import _main

from ipplan.parse import rx

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _store() -> dict:
    return marshal.loads(zlib.decompress(rx.STORE.read_bytes()))


needs_store = pytest.mark.skipif(
    not rx.STORE.exists() or _store()["key"] != rx.store_key(),
    reason="the pattern store was written for another regex or Python (python scripts/build_patterns.py)")


def _canonical(args: tuple) -> list:
    """Compiler output up to the order of its code words: regex lists the characters of a branch's
    precheck from a Python set, so two processes can write them in different orders (which the
    matcher does not care about); everything else must be equal."""
    out = list(args)
    out[2] = sorted(out[2])
    return out


@needs_store
def test_stored_patterns_are_what_regex_compiles_now():
    for pattern, flags, args in _store()["patterns"]:
        assert _canonical(rx.compile_args(pattern, flags)) == _canonical(args), (pattern[:80], flags)


@needs_store
def test_precompiled_and_freshly_compiled_patterns_agree():
    """regex.compile finds the stored pattern, and it matches exactly as a freshly compiled one does."""
    text = SEEDS[0].read_text("utf-8")
    for pattern, flags, _ in _store()["patterns"]:
        cached = regex.compile(pattern, flags)
        fresh = _main._compile(pattern, flags, False, {}, False)
        assert cached is not fresh
        assert (cached.pattern, cached.flags, cached.groups, cached.groupindex) == (
            fresh.pattern, fresh.flags, fresh.groups, fresh.groupindex)
        sample = text if isinstance(pattern, str) else text.encode("utf-8")
        assert [m.span() for m in cached.finditer(sample)] == [m.span() for m in fresh.finditer(sample)], pattern[:80]


def _patterns_of_a_parse(hash_seed: str) -> set[tuple[object, int]]:
    """(pattern, flags) regex holds after importing the parser and parsing the seeds, in a fresh process."""
    code = ("import sys, regex\nfrom regex import _main\nregex.purge()\n_main._MAXCACHE = 100000\n"
            "import ipplan.parse as P\n"
            f"for p in {[str(s) for s in SEEDS]!r}: P.parse_bytes(open(p, 'rb').read())\n"
            "print(repr(sorted(((k[0], int(k[2])) for k in _main._cache if k[1] in (str, bytes) and not k[3]),"
            " key=repr)))")
    env = dict(os.environ, PYTHONHASHSEED=hash_seed)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300,
                         cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    import ast

    return set(ast.literal_eval(out.stdout.strip()))


@pytest.fixture(scope="module")
def two_runs() -> tuple[set, set]:
    return _patterns_of_a_parse("1"), _patterns_of_a_parse("2")


@needs_store
def test_store_holds_every_pattern_of_a_parse(two_runs):
    """Every pattern the parse of the seeds compiles is stored (those whose text is the same in every run)."""
    stored = {(p, f) for p, f, _ in _store()["patterns"]}
    first, second = two_runs
    missing = (first & second) - stored
    assert not missing, f"{len(missing)} patterns not in the store, e.g. {sorted(map(repr, missing))[:3]}; " \
                        f"run python scripts/build_patterns.py"


def test_pattern_texts_do_not_depend_on_the_hash_seed(two_runs):
    first, second = two_runs
    assert first == second, sorted(repr(p)[:80] for p in first ^ second)[:5]


@needs_store
def test_a_stored_pattern_is_built_when_first_looked_up():
    """Stored patterns are built on first lookup (rx._StoreCache); after regex.purge() regex compiles as usual."""
    code = ("import regex\nfrom regex import _main\nimport ipplan.parse.rx as rx\n"
            "cache = _main._cache\nassert isinstance(cache, rx._StoreCache)\n"
            "key = next(iter(cache.stored))\npattern, flags = key[0], key[2]\n"
            "assert key not in dict.keys(cache)\n"
            "first = regex.compile(pattern, flags)\nassert key not in cache.stored and dict.__getitem__(cache, key) is first\n"
            "assert regex.compile(pattern, flags) is first\n"
            "other = next(iter(cache.stored))\nregex.purge()\n"
            "again = regex.compile(other[0], other[2])\n"
            "fresh = _main._compile(other[0], other[2], False, {}, False)\n"
            "assert (again.pattern, again.flags, again.groups) == (fresh.pattern, fresh.flags, fresh.groups)\n"
            "assert regex.compile('(?:never stored)+x').search('never storedx')\n"
            "print('ok', len(cache.stored) > 0)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "ok True"
