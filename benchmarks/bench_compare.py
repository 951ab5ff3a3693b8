#!/usr/bin/env python3
"""Measure `ipplan compare seeds/`: wall time of the command, and in-process time per step.

Reports figures only; nothing here is a pass/fail check (the issue's target: under a second
on this machine). Wall and CPU times are each also given as a ratio to `python -c "import
typer, pydantic"` measured in the same run, so figures from a loaded machine stay comparable.
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


def wall(cmd: list[str], repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of the command.

    CPU time is what the command costs when the machine is shared: on a loaded machine wall
    time waits for other processes, CPU time does not.
    """
    import resource

    times, cpu = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times), statistics.median(cpu)


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
    base, base_cpu = wall([sys.executable, "-c", "import typer, pydantic"], args.repeat)
    run, run_cpu = wall([ipplan, "compare", *args.paths], args.repeat)
    version, version_cpu = wall([ipplan, "--version"], args.repeat)
    print(f"{'command':<37}{'wall':>8}{'ratio':>8}{'cpu':>8}{'ratio':>8}")
    for name, w, c in (("python -c 'import typer, pydantic'", base, base_cpu), ("ipplan --version", version, version_cpu),
                       (f"ipplan compare {' '.join(Path(p).name for p in args.paths)}", run, run_cpu)):
        print(f"{name:<37}{w:>7.3f}s{w / base:>7.2f}×{c:>7.3f}s{c / base_cpu:>7.2f}×")
    for name, value in steps(args.paths, args.repeat).items():
        print(f"  {name:<34} {value:.0f}" if name == "items" else f"  {name:<34} {value * 1000:.0f} ms")


if __name__ == "__main__":
    main()
