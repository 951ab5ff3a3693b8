#!/usr/bin/env python3
"""Batch throughput and memory: `ipplan parse DIR --format jsonl` with --jobs 1 and --jobs N over generated notices.

For each corpus size (--count, one or several) and each --jobs value, reports wall time,
documents per second, CPU time of the whole process tree, when the first output arrived
(streaming: long before the end), the peak RSS of the parent and of the largest worker (each
process's own high-water mark, VmHWM, sampled from /proc while it runs), the speed-up over the
first --jobs value, and whether every run of a size printed the same bytes. With several sizes
it compares the peaks (memory flat in the number of files: the same peak at 1,000 and 10,000).
Output is read through a pipe and hashed as it comes, never stored.

The corpus is `benchmarks/variants.py` (deterministic; file i is the same whatever the count),
generated once for the largest size; smaller sizes are hard links to its first files.

Figures only, no pass/fail. Usage:
    python benchmarks/bench_jobs.py [--count 400 …] [--jobs 1 2 …] [--repeat 3] [--command parse|targets]
                                    [--corpus DIR] [--engine local|dask] [--scheduler ADDR] [--quick]
    e.g. the issue's measures:  --count 400 --jobs 1 2 --repeat 3   and   --count 1000 10000 --jobs 2
With --repeat the runs alternate and the fastest of each counts (on a shared machine the minimum is
the run least disturbed by others).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from variants import write_corpus  # noqa: E402


def ipplan() -> str:
    script = Path(sys.executable).with_name("ipplan")
    return str(script) if script.exists() else "ipplan"


@dataclass
class Run:
    wall: float
    digest: str
    out_bytes: int
    out_lines: int
    cpu: float                  # user + system seconds of the parent and its workers
    first_output: float         # seconds from start to the first byte on stdout
    parent_mb: float            # the parent's own peak RSS
    worker_mb: float            # the largest worker's own peak RSS (0 without workers)
    workers: int                # worker processes seen
    returncode: int
    busiest_cpu: float = 0.0    # CPU seconds of the busiest single process (parent or a worker), sampled
    stderr: str = field(repr=False, default="")


def _hwm_kb(pid: int) -> int:
    """A process's peak RSS so far (VmHWM), 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu(pid: int) -> float:
    """A process's own user + system seconds so far (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICK  # utime, stime: fields 14 and 15 of stat
    except (OSError, ValueError, IndexError):
        return 0.0


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                found += [int(x) for x in fh.read().split()]
    except OSError:
        pass
    return found


def timed(args: list[str], interval: float = 0.1) -> Run:
    """Run `args`, hash its stdout as it streams, sample the memory of it and its workers until it ends."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    digest = hashlib.sha256()
    counts = {"bytes": 0, "lines": 0, "first": 0.0}
    err: list[bytes] = []

    def drain_out() -> None:
        for chunk in iter(lambda: proc.stdout.read1(1 << 20), b""):
            if not counts["bytes"]:
                counts["first"] = time.perf_counter() - start
            digest.update(chunk)
            counts["bytes"] += len(chunk)
            counts["lines"] += chunk.count(b"\n")

    def drain_err() -> None:
        for chunk in iter(lambda: proc.stderr.read1(1 << 16), b""):
            err.append(chunk)
            del err[:-16]  # the last lines are enough to say what went wrong

    readers = [threading.Thread(target=drain_out), threading.Thread(target=drain_err)]
    for t in readers:
        t.start()
    parent_kb, workers, cpu = 0, {}, {}
    status, usage = 0, None
    while True:
        parent_kb = max(parent_kb, _hwm_kb(proc.pid))
        cpu[proc.pid] = max(cpu.get(proc.pid, 0.0), _cpu(proc.pid))
        for child in _children(proc.pid):
            workers[child] = max(workers.get(child, 0), _hwm_kb(child))
            cpu[child] = max(cpu.get(child, 0.0), _cpu(child))
        # reaped here, so the rusage is the tree's (CPU only: its ru_maxrss counts the pages of this
        # process that the child had between fork and exec, hence VmHWM above)
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        time.sleep(interval)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    for t in readers:
        t.join()
    return Run(wall=wall, digest=digest.hexdigest(), out_bytes=counts["bytes"], out_lines=counts["lines"],
               cpu=usage.ru_utime + usage.ru_stime, first_output=counts["first"], parent_mb=parent_kb / 1024,
               worker_mb=max(workers.values(), default=0) / 1024, workers=len(workers),
               busiest_cpu=max(cpu.values(), default=0.0),
               returncode=proc.returncode,
               stderr=b"".join(err).decode("utf-8", "replace"))


def corpus_for(root: Path, counts: list[int]) -> dict[int, Path]:
    """A folder per size: the largest generated, the others hard links to its first files."""
    biggest = max(counts)
    full = root / f"all{biggest}"
    names = [f"n{i:05d}.txt" for i in range(biggest)]
    start = time.perf_counter()
    write_corpus(full, biggest)
    size = sum((full / n).stat().st_size for n in names)
    print(f"corpus: {biggest} notices, {size / 1e6:.0f} MB, generated in {time.perf_counter() - start:.1f} s")
    folders = {}
    for count in counts:
        if count == biggest:
            folders[count] = full
            continue
        folder = root / f"first{count}"
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        for n in names[:count]:
            try:
                os.link(full / n, folder / n)
            except OSError:
                shutil.copyfile(full / n, folder / n)
        folders[count] = folder
    return folders


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, nargs="+", default=[400])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--command", choices=["parse", "targets"], default="parse")
    ap.add_argument("--corpus", type=Path, help="where to keep the generated notices (default: a temporary folder)")
    ap.add_argument("--engine", default="local")
    ap.add_argument("--scheduler")
    ap.add_argument("--quick", action="store_true", help="40 notices, --jobs 1 and 2, once (a check that it runs)")
    args = ap.parse_args()
    if args.quick:
        args.count, args.jobs, args.repeat = [40], [1, 2], 1
    counts = sorted(set(args.count))
    tmp = None
    root = args.corpus
    if root is None:
        tmp = tempfile.TemporaryDirectory()
        root = Path(tmp.name)
    print(f"# {time.strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; "
          f"ipplan {args.command} DIR --format jsonl")
    try:
        folders = corpus_for(root, counts)
        timed([ipplan(), args.command, str(folders[counts[0]] / "n00000.txt")])  # warm the file and import caches
        results: dict[tuple[int, int], Run] = {}
        identical: dict[int, bool] = {}
        for count in counts:
            base = [ipplan(), args.command, str(folders[count]), "--format", "jsonl"]
            digests = set()
            for _ in range(args.repeat):
                for jobs in args.jobs:
                    extra = (["--engine", args.engine] if args.engine != "local" and jobs > 1 else []) \
                        + (["--scheduler", args.scheduler] if args.scheduler and jobs > 1 else [])
                    load = os.getloadavg()[0]
                    run = timed(base + ["--jobs", str(jobs)] + extra)
                    if run.returncode != 0:  # a failed run would time an error message: say what it said
                        print(f"--jobs {jobs} over {count}: exit {run.returncode}\n{run.stderr}")
                        return 1
                    digests.add(run.digest)
                    print(f"  run: {count} notices --jobs {jobs}: {run.wall:.1f} s (load {load:.1f} at its start)",
                          flush=True)
                    if (count, jobs) not in results or run.wall < results[count, jobs].wall:
                        results[count, jobs] = run
            identical[count] = len(digests) == 1
    finally:
        if tmp is not None:
            tmp.cleanup()
    print(f"\n{'notices':>8} {'jobs':>4} {'wall s':>8} {'docs/s':>7} {'CPU s':>7} {'1st out s':>9} "
          f"{'parent MB':>9} {'worker MB':>9} {'workers':>7} {'out MB':>7} {'speed-up':>8}")
    for count in counts:
        first = results[count, args.jobs[0]]
        for jobs in args.jobs:
            r = results[count, jobs]
            print(f"{count:8} {jobs:4} {r.wall:8.2f} {count / r.wall:7.1f} {r.cpu:7.2f} {r.first_output:9.2f} "
                  f"{r.parent_mb:9.1f} {r.worker_mb:9.1f} {r.workers:7} {r.out_bytes / 1e6:7.1f} "
                  f"{first.wall / r.wall:7.2f}x")
        for jobs in args.jobs[1:]:
            r = results[count, jobs]
            idle = max(r.busiest_cpu, r.cpu / min(jobs, os.cpu_count() or 1))
            print(f"{'':8} --jobs {jobs} on idle cores (CPU-bound estimate, robust to load): about {idle:.1f} s, "
                  f"{first.cpu / idle:.2f}x --jobs {args.jobs[0]} (its CPU {first.cpu:.1f} s; busiest process "
                  f"{r.busiest_cpu:.1f} s of {r.cpu:.1f} s)")
        lines = {results[count, j].out_lines for j in args.jobs}
        ratio = "" if len(args.jobs) == 1 else (
            f"; CPU time ratio --jobs {args.jobs[-1]} / --jobs {args.jobs[0]}: "
            f"{results[count, args.jobs[-1]].cpu / first.cpu:.2f} (1.00 = no overhead)")
        print(f"{'':8} output byte-identical over {args.repeat * len(args.jobs)} run(s): {identical[count]}; "
              f"lines {'/'.join(str(n) for n in sorted(lines))}{ratio}")
    if len(counts) > 1:
        small, large = counts[0], counts[-1]
        for jobs in args.jobs:
            a, b = results[small, jobs], results[large, jobs]
            print(f"memory, --jobs {jobs}, {small} vs {large} notices: parent {a.parent_mb:.1f} vs {b.parent_mb:.1f} MB, "
                  f"largest worker {a.worker_mb:.1f} vs {b.worker_mb:.1f} MB")
    print(f"load at the end {os.getloadavg()[0]:.1f} (a wall-time speed-up needs idle cores: under a load above the "
          f"core count the workers share them)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
