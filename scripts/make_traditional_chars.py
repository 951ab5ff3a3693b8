#!/usr/bin/env python3
"""Regenerate ipplan/data/traditional_chars.txt: every Han character that OpenCC's t2s changes.

Script detection reads this list so that a simplified notice (most of them) never loads
OpenCC; rerun after upgrading OpenCC: `python scripts/make_traditional_chars.py`.
"""
from __future__ import annotations

from pathlib import Path

import opencc

RANGES = [(0x3400, 0xA000), (0xF900, 0xFB00), (0x20000, 0x2A6E0)]


def main() -> None:
    chars = [chr(c) for lo, hi in RANGES for c in range(lo, hi)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    changed = "".join(a for a, b in zip(chars, converted) if a != b)
    out = Path(__file__).resolve().parent.parent / "ipplan" / "data" / "traditional_chars.txt"
    out.write_text(changed + "\n", encoding="utf-8")
    print(f"{len(changed)} characters -> {out}")


if __name__ == "__main__":
    main()
