#!/usr/bin/env python3
"""Measure `ipplan compare seeds/`: wall time of the command, and in-process time per step.

Reports figures only; nothing here is a pass/fail check (the issue's target: under a second
on this machine). The command's time is also given as a ratio to `python -c "import typer,
pydantic"` measured in the same run, so figures from a loaded machine stay comparable.
Usage:
    python benchmarks/bench_compare.py [PATHS…] [--repeat N]
With no paths it uses seeds/. Times are medians over --repeat runs.
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


def wall(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def steps(paths: list[str], repeat: int) -> dict[str, float]:
    import glob

    import ipplan.parse
    from ipplan.compare import VIEWS, compare_docs
    from ipplan.compare.items import make_docs
    from ipplan.compare.textview import summary

    files = []
    for p in paths:
        files.extend(sorted(glob.glob(str(Path(p) / "*.txt"))) if Path(p).is_dir() else [p])
    out: dict[str, float] = {}
    start = time.perf_counter()
    docs = [ipplan.parse.parse(f) for f in files]
    out["parse (all files)"] = time.perf_counter() - start
    cdocs = make_docs(docs)
    for view in VIEWS:
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            compare_docs(cdocs, [view])
            times.append(time.perf_counter() - t)
        out[f"view {view}"] = statistics.median(times)
    result = compare_docs(cdocs)
    t = time.perf_counter()
    summary(result, cdocs, 120)
    out["summary screen"] = time.perf_counter() - t
    out["items"] = float(sum(len(d.items) for d in cdocs))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", default=[str(HERE / "seeds")])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    exe = Path(sys.executable)
    ipplan = str(exe.with_name("ipplan")) if exe.with_name("ipplan").exists() else "ipplan"
    base = wall([sys.executable, "-c", "import typer, pydantic"], args.repeat)
    run = wall([ipplan, "compare", *args.paths], args.repeat)
    version = wall([ipplan, "--version"], args.repeat)
    print(f"python -c 'import typer, pydantic'   {base:.3f} s")
    print(f"ipplan --version                     {version:.3f} s  ({version / base:.2f}× the baseline)")
    print(f"ipplan compare {' '.join(Path(p).name for p in args.paths):<22}{run:.3f} s  ({run / base:.2f}× the baseline)")
    for name, value in steps(args.paths, args.repeat).items():
        print(f"  {name:<34} {value:.0f}" if name == "items" else f"  {name:<34} {value * 1000:.0f} ms")


if __name__ == "__main__":
    main()
