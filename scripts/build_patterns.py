#!/usr/bin/env python3
"""Write ipplan/data/patterns.bin: the parser's patterns compiled ahead of time (see ipplan/parse/rx.py).

Run it after changing patterns or upgrading regex (`python scripts/build_patterns.py`); the
tests say when it is due. It parses the seeds and the test corpus, runs the commands that
compile patterns of their own, and stores every pattern regex then holds in its cache.
"""
from __future__ import annotations

import marshal
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORE = ROOT / "ipplan" / "data" / "patterns.bin"


def inputs() -> list[Path]:
    corpus = ROOT / "tests" / "data" / "corpus"
    return sorted((ROOT / "seeds").glob("*.txt")) + sorted(p for p in corpus.iterdir() if p.name != "README.md")


def patterns_in_use() -> set[tuple["str | bytes", int]]:
    """(pattern, flags) of every pattern regex has cached after parsing and running the commands."""
    import regex
    from regex import _main

    regex.purge()
    _main._MAXCACHE = 100_000  # keep every pattern while collecting
    from typer.testing import CliRunner

    import ipplan.parse as parse
    from ipplan.cli import app

    for path in inputs():
        parse.parse_bytes(path.read_bytes(), source=str(path))
    seeds = [str(p) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    runner = CliRunner()
    for args in (["targets", *seeds, "-f", "json"], ["tasks", *seeds, "-f", "json"], ["compare", *seeds],
                 ["check", *seeds], ["diff", seeds[0], seeds[1]]):
        runner.invoke(app, args)
    return {(key[0], int(key[2])) for key in _main._cache if key[1] in (str, bytes) and not key[3]}


def main() -> int:
    # collected without the old store, whose patterns would otherwise stay in it forever
    old = STORE.with_suffix(".old")
    if STORE.exists():
        STORE.replace(old)
    try:
        found = sorted(patterns_in_use(), key=lambda pf: (isinstance(pf[0], bytes), pf))
    except BaseException:
        if old.exists():
            old.replace(STORE)
        raise
    old.unlink(missing_ok=True)
    from ipplan.parse import rx

    patterns = []
    for pattern, flags in found:
        args = rx.compile_args(pattern, flags)
        if args is not None:
            patterns.append((pattern, flags, args))
    data = zlib.compress(marshal.dumps({"key": rx.store_key(), "patterns": patterns}), 9)
    rx.STORE.write_bytes(data)
    print(f"{rx.STORE.relative_to(ROOT)}: {len(patterns)} patterns, {len(data) // 1024} KB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
