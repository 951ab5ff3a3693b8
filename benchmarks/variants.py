"""A deterministic corpus of varied notices made from the seeds (and any other notices given).

Used by the batch, store and Dask tests and benchmarks: the same N gives the
same files byte for byte on every machine. A variant changes numbers, the
region and year, drops or repeats a chapter, and now and then is converted to
traditional script or carries page breaks, so the parser takes different paths.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGIONS = ["徐汇区", "浦东新区", "普陀区", "湖州市", "杭州市", "南京市", "苏州市", "合肥市", "济南市", "青岛市",
           "成都市", "武汉市", "长沙市", "西安市", "厦门市", "宁波市"]
_REGION = re.compile("|".join(REGIONS[:4]))
_NUMBER = re.compile(r"(?<![\d.])(\d{1,4})(?![\d.])")
_CHAPTER = re.compile(r"(?m)^[一二三四五六七八九十]+、")


def sources(extra: list[Path] | None = None) -> list[str]:
    files = sorted((ROOT / "seeds").glob("*.txt")) + list(extra or [])
    return [f.read_text(encoding="utf-8") for f in files]


def variant(text: str, rng: random.Random) -> str:
    region = rng.choice(REGIONS)
    text = _REGION.sub(region, text)

    def number(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if 2000 <= n <= 2100:  # years shift together, not one by one
            return str(n)
        return str(max(1, n + rng.randint(-n // 3 if n > 3 else 0, n // 2 + 1)))

    text = _NUMBER.sub(number, text)
    starts = [m.start() for m in _CHAPTER.finditer(text)]
    if len(starts) >= 3 and rng.random() < 0.3:  # drop one middle chapter
        i = rng.randrange(1, len(starts) - 1)
        text = text[:starts[i]] + text[starts[i + 1]:]
    if rng.random() < 0.15:
        lines = text.split("\n")
        for _ in range(3):
            lines.insert(rng.randrange(1, len(lines)), "\f")
        text = "\n".join(lines)
    if rng.random() < 0.1:
        import opencc

        text = opencc.OpenCC("s2t").convert(text)
    return text


def write_corpus(folder: Path, count: int, seed: int = 12, extra: list[Path] | None = None) -> list[Path]:
    """`count` notices in `folder` (n00000.txt …), the same bytes for the same arguments."""
    rng = random.Random(seed)
    texts = sources(extra)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"n{i:05d}.txt"
        path.write_text(variant(texts[i % len(texts)], rng), encoding="utf-8")
        paths.append(path)
    return paths
