"""--engine dask on a real cluster (a scheduler and two worker processes on 127.0.0.1): the local bytes."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

distributed = pytest.importorskip("dask.distributed")

sys.path.insert(0, str(ROOT / "benchmarks"))
from variants import write_corpus  # noqa: E402

COUNT = 200


def ipplan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).with_name("ipplan")), *args], capture_output=True, timeout=600)


@pytest.fixture(scope="module")
def scheduler():
    import logging

    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                       dashboard_address=None, silence_logs=logging.ERROR)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture(scope="module")
def notices(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("dask")
    paths = [str(p) for p in write_corpus(folder, COUNT, seed=7)]
    (folder / "page.txt").write_text("<html><body><div><p>一、总体要求</p><p>x</p></div></body></html>", encoding="utf-8")
    # failures in the middle: a missing file and an HTML page are reported, the rest still parsed
    return paths[:50] + [str(folder / "missing.txt")] + paths[50:120] + [str(folder / "page.txt")] + paths[120:]


def test_dask_output_is_byte_identical_to_local(scheduler, notices):
    local = ipplan("parse", *notices, "-f", "jsonl", "--jobs", "2")
    remote = ipplan("parse", *notices, "-f", "jsonl", "--engine", "dask", "--scheduler", scheduler)
    assert remote.returncode == local.returncode == 2
    assert remote.stderr.decode() == local.stderr.decode()
    assert len(remote.stderr.splitlines()) == 2
    assert remote.stdout.count(b"\n") == COUNT
    assert remote.stdout == local.stdout


def test_dask_index_and_targets_match_local(scheduler, notices, tmp_path):
    few = [n for n in notices[:6] if Path(n).exists()]
    local_db, remote_db = tmp_path / "local.db", tmp_path / "remote.db"
    assert ipplan("index", *few, "--db", str(local_db), "--jobs", "1").returncode == 0
    proc = ipplan("index", *few, "--db", str(remote_db), "--engine", "dask", "--scheduler", scheduler)
    assert proc.returncode == 0, proc.stderr.decode()
    dumps = [list(sqlite3.connect(db).iterdump()) for db in (local_db, remote_db)]
    assert dumps[0] == dumps[1]
    local = ipplan("targets", *few[:3], "-f", "csv", "--jobs", "1")
    remote = ipplan("targets", *few[:3], "-f", "csv", "--engine", "dask", "--scheduler", scheduler)
    assert remote.stdout == local.stdout and remote.returncode == 0


def test_unreachable_scheduler_is_one_line_exit_2(notices):
    proc = ipplan("parse", notices[0], "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith("ipplan: --engine:") and b"Traceback" not in proc.stderr


def test_local_cluster_when_no_address(notices):
    local = ipplan("parse", *notices[:2], "-f", "jsonl", "--jobs", "1")
    remote = ipplan("parse", *notices[:2], "-f", "jsonl", "--engine", "dask", "--jobs", "2")
    assert remote.returncode == 0, remote.stderr.decode()
    assert remote.stdout == local.stdout
