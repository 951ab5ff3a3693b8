#!/usr/bin/env python3
"""The index: build time per 1,000 notices, re-index time, query times; optionally Dask throughput.

Generates N notices (benchmarks/variants.py), runs `ipplan index` on them, runs it
again (nothing changed), then times searches and `targets --db` queries. With
--dask it starts a real cluster the way the README shows (`dask scheduler`, then
`dask worker … --nworkers 2 --nthreads 1`) and times `ipplan parse` and
`ipplan index` with `--engine dask` on it. Figures only. Usage:
    python benchmarks/bench_store.py [--count 300] [--jobs 2] [--dask]
"""
from __future__ import annotations

import argparse
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from variants import write_corpus  # noqa: E402

QUERIES = [("专利", {}), ("质押融资", {}), ("知识产权 金融", {}), ("专利", {"region": "湖州"}),
           ("知识产权", {"unit": "市场监管局"}), ("高价值发明专利", {"year": 2025})]


def tool(name: str) -> str:
    script = Path(sys.executable).with_name(name)
    return str(script) if script.exists() else name


def wall(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--dask", action="store_true", help="also time --engine dask on a scheduler and two workers")
    args = ap.parse_args()
    from ipplan.store import connect
    from ipplan.store.search import search

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "notices"
        write_corpus(folder, args.count)
        db = Path(tmp) / "plans.db"
        build = wall([tool("ipplan"), "index", str(folder), "--db", str(db), "--jobs", str(args.jobs)])
        again = wall([tool("ipplan"), "index", str(folder), "--db", str(db)])
        size = db.stat().st_size / 1e6
        conn = sqlite3.connect(db)
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "nodes", "targets")}
        conn.close()
        print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; notices: {args.count}; "
              f"--jobs {args.jobs}; {counts}; file {size:.1f} MB")
        print(f"index build     {build:7.2f} s  = {build / args.count * 1000:7.1f} s per 1,000 notices")
        print(f"re-index (same) {again:7.2f} s  = {again / build:.1%} of the build")
        conn = connect(db)
        list(search(conn, "专利", limit=1))  # jieba loaded once, as in a long-lived process
        for query, filters in QUERIES:
            times, hits = [], 0
            for _ in range(5):
                start = time.perf_counter()
                hits = len(list(search(conn, query, limit=None, **filters)))
                times.append(time.perf_counter() - start)
            label = query + "".join(f" --{k} {v}" for k, v in filters.items())
            print(f"search {label:<28} {statistics.median(times) * 1000:7.1f} ms  {hits} hits (all, ranked)")
        conn.close()
        cli = [wall([tool("ipplan"), "search", "质押融资", "--db", str(db), "-f", "json"]) for _ in range(3)]
        print(f"`ipplan search 质押融资` CLI wall {statistics.median(cli):.2f} s (start-up and jieba's dictionary included)")
        tq = [wall([tool("ipplan"), "targets", "--db", str(db), "--key", "ip_pledge_financing_amount", "-f", "csv"])
              for _ in range(3)]
        print(f"`ipplan targets --db --key` CLI wall {statistics.median(tq):.2f} s (every Document rebuilt from JSON)")
        if args.dask:
            dask_run(folder, Path(tmp), args.count)
    return 0


def dask_run(folder: Path, tmp: Path, count: int) -> None:
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [subprocess.Popen([tool("dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    time.sleep(2)
    procs.append(subprocess.Popen([tool("dask"), "worker", address, "--nworkers", "2", "--nthreads", "1",
                                   "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    try:
        from dask.distributed import Client

        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
        parse = wall([tool("ipplan"), "parse", str(folder), "-f", "jsonl", "--engine", "dask", "--scheduler", address])
        local = wall([tool("ipplan"), "parse", str(folder), "-f", "jsonl", "--jobs", "2"])
        index = wall([tool("ipplan"), "index", str(folder), "--db", str(tmp / "dask.db"), "--engine", "dask",
                      "--scheduler", address])
        print(f"dask scheduler + 2 workers: parse {count / parse:6.1f} docs/s ({parse:.2f} s; --jobs 2 locally "
              f"{count / local:.1f} docs/s); index {count / index:6.1f} docs/s ({index:.2f} s)")
    finally:
        for proc in reversed(procs):
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
