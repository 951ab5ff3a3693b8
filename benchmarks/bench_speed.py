#!/usr/bin/env python3
"""Speed as ratios measured side by side in one run (this machine is shared and noisy).

Reports, never asserts:
- in-process parse of each seed against the floor no parser can beat (OpenCC t2s plus one
  `regex` pass over the same text) and against `jieba.lcut` of the same text;
- CLI wall time of `ipplan --version`, `ipplan targets SEED --format json` and
  `ipplan compare seeds/` against `python -c "import typer, pydantic"`, runs interleaved;
- peak RSS of one CLI parse of all seeds;
- pathological inputs at 1x, 2x and 4x size: seconds per MB and the growth from 1x to 4x
  (linear time gives about 1.0; 4.0 would be quadratic).

Usage: python benchmarks/bench_speed.py [--repeat N] [--skip-pathological]
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """Minimum over runs: on a shared machine the minimum is the least disturbed estimate."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def in_process(repeat: int) -> None:
    import jieba
    import opencc
    import regex

    import ipplan.parse as P

    jieba.setLogLevel(60)
    jieba.lcut("预热")
    t2s = opencc.OpenCC("t2s")
    one_pass = regex.compile(r"[\p{Han}]+|[0-9]+(?:\.[0-9]+)?|\S")

    def floor(text: str) -> None:
        sum(1 for _ in one_pass.finditer(t2s.convert(text)))

    print(f"{'seed':36} {'KB':>5} {'parse ms':>9} {'floor ms':>9} {'jieba ms':>9} {'x floor':>8} {'x jieba':>8}")
    ratios_floor, ratios_jieba = [], []
    for path in SEEDS:
        data = path.read_bytes()
        text = data.decode("utf-8")
        P.parse_bytes(data)
        t_parse = best_of(lambda: P.parse_bytes(data), repeat)
        t_floor = best_of(lambda: floor(text), repeat)
        t_jieba = best_of(lambda: jieba.lcut(text), repeat)
        ratios_floor.append(t_parse / t_floor)
        ratios_jieba.append(t_parse / t_jieba)
        print(f"{path.name[:36]:36} {len(data) / 1024:5.1f} {t_parse * 1e3:9.2f} {t_floor * 1e3:9.2f} "
              f"{t_jieba * 1e3:9.2f} {t_parse / t_floor:8.1f} {t_parse / t_jieba:8.2f}")
    print(f"{'geometric mean':36} {'':5} {'':9} {'':9} {'':9} {statistics.geometric_mean(ratios_floor):8.1f} "
          f"{statistics.geometric_mean(ratios_jieba):8.2f}")


def cli(repeat: int) -> None:
    exe = [sys.executable, "-m", "ipplan"]
    commands = {
        "import typer, pydantic (baseline)": [sys.executable, "-c", "import typer, pydantic"],
        "ipplan --version": exe + ["--version"],
        "ipplan targets SEED --format json": exe + ["targets", str(SEEDS[0]), "--format", "json"],
        "ipplan compare seeds/": exe + ["compare", str(ROOT / "seeds")],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    available = {name: subprocess.run(cmd, capture_output=True).returncode in (0, 1)
                 for name, cmd in commands.items()}
    for _ in range(repeat):  # interleaved, so a noisy moment hits every command alike
        for name, cmd in commands.items():
            if not available[name]:
                continue
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, cwd=ROOT)
            times[name].append(time.perf_counter() - start)
    base = min(times["import typer, pydantic (baseline)"])
    print(f"{'command':40} {'ms':>8} {'x baseline':>11}")
    for name, values in times.items():
        if not values:
            print(f"{name:40} {'n/a':>8}")
            continue
        print(f"{name:40} {min(values) * 1e3:8.1f} {min(values) / base:11.2f}")


def peak_rss() -> None:
    code = ("import resource, sys, ipplan.parse as P\n"
            f"for p in {[str(p) for p in SEEDS]!r}: P.parse_bytes(open(p, 'rb').read())\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    print(f"peak RSS, parse of all seeds in one process: {int(out.stdout.strip() or 0) / 1024:.1f} MB")


def pathological_inputs(scale: int) -> dict[str, str]:
    seed = SEEDS[0].read_text(encoding="utf-8")
    return {
        "one 5 MB line": ("推进专利导航，" * (5_000_000 // 21 // 4)) * scale,
        "200,000 short lines": "\n".join(f"第{i}行" for i in range(50_000 * scale)),
        "10,000 nested brackets": "（" * (2_500 * scale) + "责任单位：区知识产权局" + "）" * (2_500 * scale),
        "100,000-char 1.1.1.1…": "1." * (25_000 * scale),
        "50,000 unbalanced （": "一、任务\n" + "（推进" * (12_500 * scale),
        "1 MB of digits": "1" * (250_000 * scale),
        "20,000 numbered items": "一、任务\n" + "\n".join(f"{i}.推进第{i}项工作。（责任单位：区科委）"
                                                    for i in range(1, 5_000 * scale + 1)),
        "seed repeated": seed * (20 * scale),
    }


def pathological() -> None:
    from ipplan.parse import InputError, parse_text

    print(f"{'input':26} {'MB at 1x':>9} {'s/MB 1x':>8} {'s/MB 2x':>8} {'s/MB 4x':>8} {'growth':>7}")
    names = list(pathological_inputs(1))
    for name in names:
        rates = []
        size1 = 0.0
        for scale in (1, 2, 4):
            text = pathological_inputs(scale)[name]
            mb = len(text.encode("utf-8")) / 1e6
            size1 = size1 or mb
            start = time.perf_counter()
            try:
                parse_text(text)
            except InputError:
                pass
            rates.append((time.perf_counter() - start) / mb)
        print(f"{name:26} {size1:9.2f} {rates[0]:8.2f} {rates[1]:8.2f} {rates[2]:8.2f} {rates[2] / rates[0]:7.2f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--skip-pathological", action="store_true")
    args = ap.parse_args()
    print(f"# {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores, Python {sys.version.split()[0]}\n")
    in_process(args.repeat)
    print()
    cli(args.repeat)
    print()
    peak_rss()
    if not args.skip_pathological:
        print()
        pathological()
    return 0


if __name__ == "__main__":
    sys.exit(main())
