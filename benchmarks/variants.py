#!/usr/bin/env python3
"""A deterministic corpus of varied notices made from the seeds (and any other notices given).

Used by the batch, store and Dask tests and by the benchmarks: the same arguments give the
same files byte for byte on every machine and Python version. Each variant of a source notice
- has its region replaced by one of REGIONS and its numbers varied (years stay, so periods hold);
- has its chapters (一、二、…) recombined now and then: a middle chapter dropped, two middle chapters
  swapped, or a chapter of another notice put in, the chapter labels then renumbered in order;
- is sometimes converted to traditional script (OpenCC s2t), sometimes carries page breaks
  (form feeds on lines of their own, as text extracted from a PDF does),
so that the parser takes its different paths (scripts, numbering, regions, furniture).

Every file has its own random generator, seeded by (seed, index): file i is the same whatever
`count` is, so the first 1,000 files of a 10,000-file corpus are the 1,000-file corpus. About
1.5 ms per file (10,000 files in about 15 s), most of it the regex passes and the s2t conversion.

    python benchmarks/variants.py OUT --count 10000 [--seed 12]   # writes OUT/n00000.txt …, prints a summary
"""
from __future__ import annotations

import argparse
import functools
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
REGIONS = ["徐汇区", "浦东新区", "普陀区", "湖州市", "杭州市", "南京市", "苏州市", "合肥市", "济南市", "青岛市",
           "成都市", "武汉市", "长沙市", "西安市", "厦门市", "宁波市"]
_REGION = re.compile("|".join(REGIONS[:4]))  # the regions the seeds name
_NUMBER = re.compile(r"(?<![\d.])(\d{1,4})(?![\d.])")
# a chapter label at the start of a line, indented (em spaces too) or a Markdown heading, maybe bold,
# as the seeds have them
_CHAPTER = re.compile(r"(?m)^([^\S\n]*(?:#+[^\S\n]*)?(?:\*\*)?)([一二三四五六七八九十]+)、")
_NUMERALS = "一二三四五六七八九十"

# shares of the variants that take each path (per file, independently)
P_DROP, P_SWAP, P_DONOR, P_BREAKS, P_TRADITIONAL = 0.25, 0.2, 0.2, 0.15, 0.1


def sources(extra: list[Path] | None = None) -> list[str]:
    files = sorted((ROOT / "seeds").glob("*.txt")) + list(extra or [])
    return [f.read_text(encoding="utf-8") for f in files]


@functools.lru_cache(maxsize=None)
def _s2t():
    """One converter for the whole corpus (building one takes about 80 ms; converting a notice 2 ms)."""
    import opencc

    return opencc.OpenCC("s2t")


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 14 → 十四, 20 → 二十 (chapter labels go no further than 九十九)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _NUMERALS[tens - 1] + "十")
    return head + (_NUMERALS[ones - 1] if ones else "")


def chapters(text: str) -> tuple[str, list[str]]:
    """(the text before the first chapter, each chapter's text up to the next one); the last chapter
    runs to the end (signature, attachments and all)."""
    starts = [m.start() for m in _CHAPTER.finditer(text)]
    if not starts:
        return text, []
    ends = starts[1:] + [len(text)]
    return text[:starts[0]], [text[a:b] for a, b in zip(starts, ends)]


def _renumber(parts: list[str]) -> list[str]:
    """Each chapter's own label becomes its place in the new order (二、 after 一、, whatever it was)."""
    return [_CHAPTER.sub(lambda m, i=i: f"{m.group(1)}{chinese_numeral(i)}、", part, count=1)
            for i, part in enumerate(parts, 1)]


def recombine(text: str, rng: random.Random, donors: list[str], done: set[str] | None = None) -> str:
    """Drop, swap or borrow middle chapters (never the first, never the last, which carries the
    notice's end), then renumber the labels so the outline stays in order."""
    head, parts = chapters(text)
    if len(parts) < 3:
        return text
    done = set() if done is None else done
    if rng.random() < P_DROP and len(parts) >= 4:
        del parts[rng.randrange(1, len(parts) - 1)]
        done.add("chapter dropped")
    if rng.random() < P_SWAP and len(parts) >= 4:
        i = rng.randrange(1, len(parts) - 2)
        parts[i], parts[i + 1] = parts[i + 1], parts[i]
        done.add("chapters swapped")
    if rng.random() < P_DONOR and donors:
        donor = rng.choice(donors)
        _, theirs = chapters(donor)
        if len(theirs) >= 3 and donor != text:
            borrowed = theirs[rng.randrange(1, len(theirs) - 1)]
            parts.insert(rng.randrange(1, len(parts)), borrowed if borrowed.endswith("\n") else borrowed + "\n")
            done.add("chapter borrowed")
    return head + "".join(_renumber(parts)) if done else text


def make_variant(text: str, rng: random.Random, donors: list[str] | None = None) -> tuple[str, set[str]]:
    """(the variant, what was done to it: "region varied", "chapter dropped", "page breaks", …)."""
    done: set[str] = set()
    region = rng.choice(REGIONS)
    text, replaced = _REGION.subn(region, text)
    if replaced:
        done.add("region varied")

    def number(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if 2000 <= n <= 2100:  # years shift together, not one by one
            return str(n)
        return str(max(1, n + rng.randint(-n // 3 if n > 3 else 0, n // 2 + 1)))

    text, numbers = _NUMBER.subn(number, text)
    if numbers:
        done.add("numbers varied")
    text = recombine(text, rng, donors or [], done)
    if rng.random() < P_BREAKS:
        lines = text.split("\n")
        for _ in range(3):
            lines.insert(rng.randrange(1, len(lines)), "\f")
        text = "\n".join(lines)
        done.add("page breaks")
    if rng.random() < P_TRADITIONAL:
        text = _s2t().convert(text)
        done.add("traditional")
    return text, done


def variant(text: str, rng: random.Random, donors: list[str] | None = None) -> str:
    return make_variant(text, rng, donors)[0]


def _variants(count: int, seed: int, extra: list[Path] | None) -> Iterator[tuple[int, str, set[str]]]:
    texts = sources(extra)
    for i in range(count):
        rng = random.Random(f"{seed}/{i}")  # str seeds hash with SHA-512: the same on every machine
        yield i, *make_variant(texts[i % len(texts)], rng, texts)


def write_corpus(folder: Path, count: int, seed: int = 12, extra: list[Path] | None = None) -> list[Path]:
    """`count` notices in `folder` (n00000.txt …), the same bytes for the same arguments.

    Files already there with the same name are overwritten; a larger `count` extends a smaller one."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text, _ in _variants(count, seed, extra):
        path = folder / f"n{i:05d}.txt"
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths


def describe(count: int, seed: int = 12, extra: list[Path] | None = None) -> dict[str, int]:
    """How many of the first `count` variants took each path (for reports and the coverage test)."""
    seen: Counter[str] = Counter()
    for _, _, done in _variants(count, seed, extra):
        seen.update(done)
        seen["chapters recombined"] += bool(done & {"chapter dropped", "chapters swapped", "chapter borrowed"})
    return dict(sorted(seen.items()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--count", type=int, default=400)
    ap.add_argument("--seed", type=int, default=12)
    args = ap.parse_args()
    start = time.perf_counter()
    paths = write_corpus(args.folder, args.count, args.seed)
    took = time.perf_counter() - start
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} notices, {size / 1e6:.1f} MB, written in {took:.1f} s to {args.folder}")
    print(", ".join(f"{k} {v}" for k, v in describe(args.count, args.seed).items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
