#!/usr/bin/env python3
"""Speed as ratios measured side by side in one run (this machine is shared and noisy).

Reports, never asserts:
- in-process parse of each seed against the floor no parser can beat (OpenCC t2s plus one
  `regex` pass over the same text) and against `jieba.lcut` of the same text;
- CLI wall time of `ipplan --version`, `ipplan targets SEED --format json` and
  `ipplan compare seeds/` against `python -c "import typer, pydantic"`, runs interleaved;
- peak RSS of one in-process parse of all seeds;
- batch: `ipplan parse DIR --format jsonl` over 400 generated notices with --jobs 1 and --jobs 2
  (speed-up, byte identity), then 10,000 notices streamed with --jobs 2 (peak RSS of the parent and
  of the largest worker, against 1,000 notices: memory flat in the number of files), as
  benchmarks/bench_jobs.py measures them;
- pathological inputs at 1x, 2x and 4x size (4x is the size the issue names): seconds per MB and
  the growth from 1x to 4x (linear time gives about 1.0; 4.0 would be quadratic).

The full run takes about 15 minutes on a loaded 2-core machine, most of it the 10,000 notices.
Usage: python benchmarks/bench_speed.py [--repeat N] [--quick] [--skip-batch] [--skip-stream]
                                        [--skip-pathological] [--batch-count 400] [--stream-count 10000]
--quick (for a check while working): 3 repeats, 40 and 200 notices, pathological inputs at a quarter size.
"""
from __future__ import annotations

import argparse
import os
import platform
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
        t_parse = t_floor = t_jieba = float("inf")
        for _ in range(repeat):  # interleaved, so a busy moment of the machine hits all three alike
            t_parse = min(t_parse, best_of(lambda: P.parse_bytes(data), 1))
            t_floor = min(t_floor, best_of(lambda: floor(text), 3))
            t_jieba = min(t_jieba, best_of(lambda: jieba.lcut(text), 1))
        ratios_floor.append(t_parse / t_floor)
        ratios_jieba.append(t_parse / t_jieba)
        print(f"{path.name[:36]:36} {len(data) / 1024:5.1f} {t_parse * 1e3:9.2f} {t_floor * 1e3:9.2f} "
              f"{t_jieba * 1e3:9.2f} {t_parse / t_floor:8.1f} {t_parse / t_jieba:8.2f}")
    print(f"{'geometric mean':36} {'':5} {'':9} {'':9} {'':9} {statistics.geometric_mean(ratios_floor):8.1f} "
          f"{statistics.geometric_mean(ratios_jieba):8.2f}")


MINIMAL_APP = """
import typer
from pydantic import BaseModel

class Item(BaseModel):
    name: str
    value: float | None = None

app = typer.Typer()

@app.command()
def targets(path: str, format: str = typer.Option("table", "--format", "-f")) -> None:
    print(Item(name=path, value=1.0).model_dump_json())

@app.command()
def other() -> None:
    pass

app()
"""


def cli(repeat: int) -> None:
    script = Path(sys.executable).with_name("ipplan")  # the console script users run; else python -m
    exe = [str(script)] if script.exists() else [sys.executable, "-m", "ipplan"]
    commands = {
        "import typer, pydantic (baseline)": [sys.executable, "-c", "import typer, pydantic"],
        # The least any typer command that returns a pydantic model can cost: typer builds pydantic
        # TypeAdapters for its options and the model needs pydantic's validation machinery, neither of
        # which `import typer, pydantic` loads.
        "minimal typer app + one pydantic model": [sys.executable, "-c", MINIMAL_APP, "targets", "x", "-f", "json"],
        "python -c 'import ipplan.parse'": [sys.executable, "-c", "import ipplan.parse"],
        "ipplan --version": exe + ["--version"],
        "ipplan targets SEED --format json": exe + ["targets", str(SEEDS[0]), "--format", "json"],
        "ipplan compare seeds/": exe + ["compare", str(ROOT / "seeds")],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    # An installed copy runs from cached bytecode, as typer and pydantic do in the baseline; a shell with
    # PYTHONDONTWRITEBYTECODE=1 would compile ipplan's sources on every run and time the compiler.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    available = {name: subprocess.run(cmd, capture_output=True, cwd=ROOT, env=env).returncode in (0, 1)
                 for name, cmd in commands.items()}  # also the warm-up that writes the bytecode
    for _ in range(repeat):  # interleaved, so a noisy moment hits every command alike
        for name, cmd in commands.items():
            if not available[name]:
                continue
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, cwd=ROOT, env=env)
            times[name].append(time.perf_counter() - start)
    base = min(times["import typer, pydantic (baseline)"])
    print(f"{'command':40} {'ms':>8} {'x baseline':>11}")
    for name, values in times.items():
        if not values:
            print(f"{name:40} {'n/a':>8}")
            continue
        print(f"{name:40} {min(values) * 1e3:8.1f} {min(values) / base:11.2f}")


def peak_rss() -> None:
    """VmHWM of a fresh process (ru_maxrss would also count the pages this process had before exec)."""
    code = ("import ipplan.parse as P\n"
            f"for p in {[str(p) for p in SEEDS]!r}: P.parse_bytes(open(p, 'rb').read())\n"
            "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if out.returncode == 0:
        print(f"peak RSS, parse of all seeds in one process: {int(out.stdout.strip()) / 1024:.1f} MB")
    else:
        print("peak RSS: n/a (needs /proc)")


def batch(batch_count: int, stream_counts: list[int]) -> None:
    """--jobs 1 against --jobs 2 over `batch_count` notices; then `stream_counts` (e.g. 1,000 and 10,000) with
    --jobs 2 for peak RSS. The same corpus serves both (file i is the same whatever the count)."""
    import tempfile

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_jobs import corpus_for, ipplan, timed

    with tempfile.TemporaryDirectory() as tmp:
        counts = sorted({c for c in [batch_count, *stream_counts] if c})
        folders = corpus_for(Path(tmp), counts)
        timed([ipplan(), "parse", str(folders[counts[0]] / "n00000.txt")])  # warm the caches
        if batch_count:
            base = [ipplan(), "parse", str(folders[batch_count]), "--format", "jsonl"]
            load = os.getloadavg()[0]
            one = timed(base + ["--jobs", "1"])
            two = timed(base + ["--jobs", "2"])
            print(f"--jobs 1 / --jobs 2 over {batch_count} notices (load {load:.1f}): {one.wall:.1f} s / {two.wall:.1f} s"
                  f" wall, {batch_count / one.wall:.1f} / {batch_count / two.wall:.1f} docs/s: "
                  f"{one.wall / two.wall:.2f}x; CPU {one.cpu:.1f} s / {two.cpu:.1f} s; output byte-identical: "
                  f"{one.digest == two.digest and one.returncode == two.returncode == 0}")
            idle = max(two.busiest_cpu, two.cpu / min(2, os.cpu_count() or 1))
            print(f"  on two idle cores (CPU-bound estimate, robust to load): {one.cpu / idle:.2f}x "
                  f"(--jobs 1 CPU {one.cpu:.1f} s; --jobs 2 busiest process {two.busiest_cpu:.1f} s of {two.cpu:.1f} s)")
        runs = {}
        for count in [c for c in stream_counts if c]:
            load = os.getloadavg()[0]
            runs[count] = r = timed([ipplan(), "parse", str(folders[count]), "--format", "jsonl", "--jobs", "2"])
            print(f"{count} notices streamed, --jobs 2 (load {load:.1f}): {r.wall:.0f} s, {count / r.wall:.1f} docs/s, "
                  f"first output after {r.first_output:.1f} s, {r.out_lines} lines ({r.out_bytes / 1e6:.0f} MB), "
                  f"exit {r.returncode}; peak RSS parent {r.parent_mb:.1f} MB, largest worker {r.worker_mb:.1f} MB "
                  f"({r.workers} workers)")
        if len(runs) > 1:
            (a, ra), (b, rb) = list(runs.items())[0], list(runs.items())[-1]
            print(f"memory flat in the number of files: parent {ra.parent_mb:.1f} MB at {a} vs {rb.parent_mb:.1f} MB "
                  f"at {b}; largest worker {ra.worker_mb:.1f} vs {rb.worker_mb:.1f} MB")


def pathological_inputs(scale: float) -> dict[str, str]:
    """At scale 4 the sizes the issue names (a 5 MB line, 200,000 lines, …); 1 and 2 show the growth."""
    seed = SEEDS[0].read_text(encoding="utf-8")
    def n(count: int) -> int:
        return int(count * scale)

    return {
        "one 5 MB line": "推进专利导航，" * n(5_000_000 // 21 // 4),
        "200,000 short lines": "\n".join(f"第{i}行" for i in range(n(50_000))),
        "10,000 nested brackets": "（" * n(2_500) + "责任单位：区知识产权局" + "）" * n(2_500),
        "100,000-char 1.1.1.1…": "1." * n(12_500),
        "50,000 unbalanced （": "一、任务\n" + "（推进" * n(12_500),
        "1 MB of digits": "1" * n(250_000),
        "20,000 numbered items": "一、任务\n" + "\n".join(f"{i}.推进第{i}项工作。（责任单位：区科委）"
                                                    for i in range(1, n(5_000) + 1)),
        "seed repeated": seed * n(20),
    }


def pathological(base: float = 1.0) -> None:
    from ipplan.parse import InputError, parse_text

    print(f"{'input':26} {'MB at 1x':>9} {'s/MB 1x':>8} {'s/MB 2x':>8} {'s/MB 4x':>8} {'growth':>7}"
          + ("" if base == 1 else f"   (sizes x{base:g})"))
    names = list(pathological_inputs(base))
    for name in names:
        rates = []
        size1 = 0.0
        for scale in (1, 2, 4):
            text = pathological_inputs(scale * base)[name]
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
    ap.add_argument("--quick", action="store_true", help="fewer repeats, notices and bytes: a check while working")
    ap.add_argument("--skip-batch", action="store_true", help="no --jobs 1/--jobs 2 comparison")
    ap.add_argument("--skip-stream", action="store_true", help="no 1,000 vs 10,000 notices memory measure")
    ap.add_argument("--skip-pathological", action="store_true")
    ap.add_argument("--batch-count", type=int, default=400)
    ap.add_argument("--stream-count", type=int, default=10_000)
    args = ap.parse_args()
    if args.quick:
        args.repeat, args.batch_count, args.stream_count = 3, 40, 200
    print(f"# {time.strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores ({platform.machine()}), "
          f"Python {sys.version.split()[0]}, load {os.getloadavg()[0]:.1f}\n")
    in_process(args.repeat)
    print()
    cli(args.repeat)
    print()
    peak_rss()
    streams = [] if args.skip_stream else [args.stream_count // 10, args.stream_count]
    if not args.skip_batch or streams:
        print()
        batch(0 if args.skip_batch else args.batch_count, streams)
    if not args.skip_pathological:
        print()
        pathological(0.25 if args.quick else 1.0)
    print(f"\nload at the end {os.getloadavg()[0]:.1f} (other work on the machine slows every figure; ratios less)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
