#!/usr/bin/env python3
"""Route module-level `regex.sub/search/match/…(pattern, …)` calls of ipplan/parse through ipplan.parse.rx.

Idempotent: run it after merging parser changes (`python scripts/use_rx.py`), then the tests.
Calls with keyword arguments regex's functions take but rx does not (concurrent=, timeout=…)
are left alone, as are `regex.compile` and the constants.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "ipplan" / "parse"
CALL = re.compile(r"\bregex\.(sub|subn|search|match|fullmatch|findall|finditer|split)\(")


def main() -> int:
    changed = 0
    for path in sorted(ROOT.rglob("*.py")):
        if path.name == "rx.py":
            continue
        text = path.read_text(encoding="utf-8")
        new = CALL.sub(r"rx.\1(", text)
        if new == text:
            continue
        depth = len(path.relative_to(ROOT).parts) - 1
        dots = "." * (depth + 1)
        line = f"from {dots} import rx\n" if depth else "from . import rx\n"
        if line not in new:
            # before the module's first relative import (isort's place for it), else after `import regex`
            lines = new.split("\n")
            first = next((i for i, l in enumerate(lines) if l.startswith("from .")), None)
            if first is None:
                first = next(i for i, l in enumerate(lines) if l.startswith("import regex")) + 1
            lines.insert(first, line.rstrip("\n"))
            new = "\n".join(lines)
        if not re.search(r"\bregex\.", new.replace("import regex", "")):
            new = re.sub(r"^import regex\n", "", new, flags=re.M)
        path.write_text(new, encoding="utf-8")
        changed += 1
    print(f"{changed} module(s) changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
