#!/usr/bin/env python3
"""Batch throughput: `ipplan parse DIR --format jsonl` with --jobs 1 and --jobs N over generated notices.

Reports wall time, documents per second, the speed-up of --jobs N over --jobs 1,
whether the outputs are byte-identical, and the peak RSS of the parent process
(workers are separate processes; the parent's memory is what grows with the
number of files if anything does). Figures only, no pass/fail. Usage:
    python benchmarks/bench_jobs.py [--count 400] [--jobs 2] [--repeat 3] [--engine local|dask] [--scheduler ADDR]
With --repeat, the two runs alternate and the fastest of each counts (on a shared machine the
minimum is the run least disturbed by others).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from variants import write_corpus  # noqa: E402


def ipplan() -> str:
    script = Path(sys.executable).with_name("ipplan")
    return str(script) if script.exists() else "ipplan"


def timed(args: list[str]) -> tuple[float, str, int, float]:
    """(wall seconds, sha256 of stdout, peak RSS in MB of the largest process, CPU seconds of all of them)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        # /usr/bin/time is not everywhere; wrap in python to read the child's own max RSS
        code = ("import resource, subprocess, sys; p = subprocess.run(sys.argv[1:], stdout=sys.stdout);"
                "r = resource.getrusage(resource.RUSAGE_CHILDREN);"
                "print(r.ru_utime + r.ru_stime, r.ru_maxrss, file=sys.stderr); sys.exit(p.returncode)")
        proc = subprocess.run([sys.executable, "-c", code, *args], stdout=out, stderr=subprocess.PIPE)
        seconds = time.perf_counter() - start
        out.seek(0)
        digest = hashlib.sha256(out.read()).hexdigest()
    if proc.returncode != 0:  # a failed run would time an error message: stop with what it said
        sys.exit(f"{' '.join(args)}: exit {proc.returncode}\n{proc.stderr.decode()}")
    cpu, rss_kb = proc.stderr.decode().strip().splitlines()[-1].split()
    return seconds, digest, int(rss_kb) // 1024, float(cpu)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=400)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--engine", default="local")
    ap.add_argument("--scheduler")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "notices"
        write_corpus(folder, args.count)
        base = [ipplan(), "parse", str(folder), "--format", "jsonl"]
        timed(base[:2] + [str(next(folder.iterdir()))])  # warm the file cache and the import cache
        extra = ["--engine", args.engine] + (["--scheduler", args.scheduler] if args.scheduler else [])
        ones, manys = [], []
        for _ in range(args.repeat):
            ones.append(timed(base + ["--jobs", "1"]))
            manys.append(timed(base + ["--jobs", str(args.jobs)] + extra))
        one, many = min(ones), min(manys)
        if len({r[1] for r in ones + manys}) != 1:
            print("OUTPUTS DIFFER between runs")
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; notices: {args.count}")
    print(f"--jobs 1            {one[0]:7.2f} s  {args.count / one[0]:6.1f} docs/s  CPU {one[3]:6.2f} s"
          f"  peak RSS {one[2]} MB")
    label = f"--jobs {args.jobs}" + (f" --engine {args.engine}" if args.engine != "local" else "")
    print(f"{label:<19} {many[0]:7.2f} s  {args.count / many[0]:6.1f} docs/s  CPU {many[3]:6.2f} s"
          f"  peak RSS {many[2]} MB")
    print(f"speed-up {one[0] / many[0]:.2f}x; CPU time ratio {many[3] / one[3]:.2f} (1.00 = no overhead); "
          f"output byte-identical: {one[1] == many[1]}")
    print("(a wall-time speed-up needs idle cores: under a load above the core count the workers share them)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
