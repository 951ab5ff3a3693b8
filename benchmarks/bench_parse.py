#!/usr/bin/env python3
"""Measure ipplan's speed: CLI start-up, whole-document parse time, and time per pipeline stage.

Reports figures only; nothing here is a pass/fail check. Usage:
    python benchmarks/bench_parse.py [FILES…] [--repeat N]
With no files it uses seeds/*.txt. Times are medians over --repeat runs.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def stages(text: str, repeat: int) -> dict[str, float]:
    from ipplan.parse.assemble import Assembler
    from ipplan.parse.normalise import normalise
    from ipplan.parse.outline import build_outline
    from ipplan.parse.segment import segment
    from ipplan.parse.span import LineIndex

    out: dict[str, float] = {}
    norm = normalise(text)
    out["normalise"] = median_time(lambda: normalise(text), repeat)
    pieces = segment(norm.lines)
    out["segment"] = median_time(lambda: segment(norm.lines), repeat)
    result = build_outline(pieces)
    out["outline"] = median_time(lambda: build_outline(pieces), repeat)
    index = LineIndex(text)

    def assemble() -> None:
        Assembler(build_outline(pieces), index, text).nodes()

    out["outline+assemble"] = median_time(assemble, repeat)
    del result
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    files = [Path(f) for f in args.files] or sorted((HERE / "seeds").glob("*.txt"))

    exe = [sys.executable, "-m", "ipplan"]
    start_up = median_time(lambda: subprocess.run(exe + ["--version"], capture_output=True, check=True), args.repeat)
    import_only = median_time(lambda: subprocess.run([sys.executable, "-c", "import ipplan.cli"], check=True),
                              args.repeat)
    bare = median_time(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), args.repeat)
    print(f"python start-up                 {bare * 1000:7.1f} ms")
    print(f"import ipplan.cli               {import_only * 1000:7.1f} ms")
    print(f"ipplan --version (subprocess)   {start_up * 1000:7.1f} ms")
    jieba_loaded = subprocess.run([sys.executable, "-c",
                                   "import sys, ipplan.parse as P; P('seeds/000_16a45e86425a59f0.txt');"
                                   "print('jieba' in sys.modules)"], capture_output=True, text=True, cwd=HERE)
    print(f"jieba imported by a parse       {jieba_loaded.stdout.strip()}")
    print()

    import ipplan.parse as P

    total_bytes = 0
    total_time = 0.0
    print(f"{'file':44} {'KB':>7} {'parse ms':>9} {'KB/s':>8}  stages (ms)")
    for path in files:
        data = path.read_bytes()
        P.parse_bytes(data)  # warm caches (OpenCC, data files)
        t = median_time(lambda: P.parse_bytes(data), args.repeat)
        text = data.decode("utf-8", errors="replace")
        st = stages(text, args.repeat)
        total_bytes += len(data)
        total_time += t
        parts = " ".join(f"{k}={v * 1000:.1f}" for k, v in st.items())
        print(f"{path.name[:44]:44} {len(data) / 1024:7.1f} {t * 1000:9.1f} {len(data) / 1024 / t:8.0f}  {parts}")
    print(f"{'total':44} {total_bytes / 1024:7.1f} {total_time * 1000:9.1f} {total_bytes / 1024 / total_time:8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
