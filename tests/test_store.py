"""ipplan index / search / --db: the SQLite index holds what the parser gives and stays consistent."""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CORPUS_DIR, ROOT, SEEDS_DIR

sys.path.insert(0, str(ROOT / "benchmarks"))
from variants import write_corpus  # noqa: E402

SHARED_CORPUS = ROOT.parent / "shared" / "corpus"


class Result:
    def __init__(self, returncode: int, stdout: bytes, stderr: bytes) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def ipplan(*args: str) -> Result:
    """The command run in this process (jieba and the parser load once for the module)."""
    from typer.testing import CliRunner

    from ipplan.cli import app

    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return Result(result.exit_code, result.stdout_bytes, result.stderr_bytes)


def dump(db: Path) -> list[str]:
    """The database's content as SQL (no timestamps are stored, so equal content gives equal dumps)."""
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture(scope="module")
def plans(tmp_path_factory) -> Path:
    """The seeds and the corpus copies in one folder, indexed once for the module."""
    folder = tmp_path_factory.mktemp("plans")
    for src in [*SEEDS_DIR.glob("*.txt"), *CORPUS_DIR.glob("*.txt")]:
        shutil.copy(src, folder / src.name)
    return folder


FIRST_RUN: dict[str, float] = {}


@pytest.fixture(scope="module")
def db(plans, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("db") / "plans.db"
    start = time.perf_counter()
    proc = ipplan("index", str(plans), "--db", str(path), "--jobs", "2")
    FIRST_RUN["seconds"] = time.perf_counter() - start
    assert proc.returncode == 0, proc.stderr.decode()
    return path


def test_index_holds_every_target_and_task_the_commands_print(plans, db):
    conn = sqlite3.connect(db)
    from_files = ipplan("targets", str(plans), "-f", "json")
    from_db = ipplan("targets", "--db", str(db), "-f", "json")
    assert from_db.returncode == 0, from_db.stderr.decode()
    assert from_db.stdout == from_files.stdout
    listed = json.loads(from_files.stdout)
    assert conn.execute("SELECT count(*) FROM targets").fetchone()[0] == len(listed) > 100
    key = "high_value_invention_patents_per_10k"
    keyed = json.loads(ipplan("targets", "--db", str(db), "-f", "json", "--key", key).stdout)
    assert keyed == [row for row in listed if row["key"] == key] and keyed
    tasks_files = ipplan("tasks", str(plans), "-f", "json")
    tasks_db = ipplan("tasks", "--db", str(db), "-f", "json")
    assert tasks_db.stdout == tasks_files.stdout
    assert conn.execute("SELECT count(*) FROM nodes WHERE is_task = 1").fetchone()[0] == len(json.loads(tasks_db.stdout))
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1


def test_documents_come_back_as_parsed(plans, db):
    import ipplan.parse
    from ipplan.store import documents

    docs = list(documents(db))
    assert len(docs) == len(list(plans.glob("*.txt")))
    for doc in docs[:3]:
        again = ipplan.parse.parse_bytes(Path(doc.source).read_bytes(), source=doc.source)
        assert doc.model_dump(mode="json") == again.model_dump(mode="json")
    assert {d.meta.region for d in documents(db, region="湖州")} == {"湖州市"}


def _search(db: Path, *args: str) -> list[dict]:
    proc = ipplan("search", *args, "--db", str(db), "-f", "json", "-n", "0")
    assert proc.returncode == 0, proc.stderr.decode()
    return json.loads(proc.stdout)


def test_two_character_words_are_found_in_every_plan_that_has_them(db):
    hits = _search(db, "专利")
    conn = sqlite3.connect(db)
    # every document with 专利 in an item's title or text: the seeds' IP plans and more
    expected = {src for (src,) in conn.execute(
        "SELECT DISTINCT d.source FROM nodes n JOIN documents d ON d.id = n.document_id "
        "WHERE instr(n.title, '专利') OR instr(n.text, '专利')")}
    assert {h["document"] for h in hits} == expected
    ip_seeds = {str(p) for p in expected if "知识产权" in (conn.execute(
        "SELECT title FROM documents WHERE source = ?", (p,)).fetchone()[0] or "")}
    assert len(ip_seeds) >= 4
    assert all("**专利**" in h["snippet"] or "专利" in h["title"] for h in hits)
    assert len(hits) == conn.execute("SELECT count(*) FROM nodes WHERE instr(title, '专利') OR instr(text, '专利')"
                                     ).fetchone()[0]


def test_pledge_financing_is_found_in_four_regions(db):
    hits = _search(db, "质押融资")
    regions = {h["region"] for h in hits if h["region"]}
    assert len(regions) >= 4, regions
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores)  # bm25: lower is better, best first


def test_search_filters(db):
    for hit in _search(db, "知识产权", "--unit", "市场监管局"):
        assert any("市场监管局" in u for u in hit["units"])
    assert {h["region"] for h in _search(db, "知识产权", "--region", "普陀")} == {"普陀区"}
    keyed = _search(db, "专利", "--key", "high_value_invention_patents_per_10k")
    assert keyed and all("专利" in h["title"] + h["snippet"] for h in keyed)
    in_2025 = {h["document"] for h in _search(db, "知识产权", "--year", "2025")}
    conn = sqlite3.connect(db)
    for source in in_2025:
        start, end, issued = conn.execute("SELECT period_start, period_end, issued FROM documents WHERE source = ?",
                                          (source,)).fetchone()
        assert (start is not None and start <= 2025 <= end) or (start is None and issued.startswith("2025"))
    bad = ipplan("search", "专利", "--db", str(db), "--key", "no_such_key")
    assert bad.returncode == 2 and bad.stderr.decode().startswith("ipplan: --key:")


def test_missing_or_foreign_database_is_one_line_exit_2(tmp_path):
    for args in (["search", "专利", "--db", str(tmp_path / "none.db")], ["targets", "--db", str(tmp_path / "none.db")]):
        proc = ipplan(*args)
        assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1 and b"Traceback" not in proc.stderr
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t(x)").connection.commit()
    proc = ipplan("index", str(SEEDS_DIR), "--db", str(other))
    assert proc.returncode == 2 and b"not an ipplan index" in proc.stderr
    both = ipplan("targets", str(SEEDS_DIR), "--db", str(other))
    assert both.returncode == 2 and b"not both" in both.stderr
    nowhere = ipplan("index", str(SEEDS_DIR), "--db", str(tmp_path / "no" / "dir" / "x.db"))
    assert nowhere.returncode == 2 and b"cannot open the database" in nowhere.stderr
    assert ipplan("index", "-").returncode == 2


def _wait_for_documents(db: Path, proc: subprocess.Popen, at_least: int) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
                n = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
                conn.close()
                if n >= at_least:
                    return n
            except sqlite3.OperationalError:
                pass
        time.sleep(0.05)
    return -1


def test_index_killed_mid_run_then_rerun_equals_an_uninterrupted_run(tmp_path):
    folder = tmp_path / "many"
    write_corpus(folder, 20)
    whole, killed = tmp_path / "whole.db", tmp_path / "killed.db"
    assert ipplan("index", str(folder), "--db", str(whole), "--jobs", "2").returncode == 0
    script = str(Path(sys.executable).with_name("ipplan"))
    env = {**os.environ, "IPPLAN_INDEX_COMMIT_DOCS": "2"}  # commits early and often, so a kill lands mid-run
    proc = subprocess.Popen([script, "index", str(folder), "--db", str(killed), "--jobs", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    seen = _wait_for_documents(killed, proc, 1)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert 0 < seen < 20, "the run should be killed after its first commit and before its end"
    conn = sqlite3.connect(killed)
    left = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert left < 20 and conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # only whole documents: every stored document has all its nodes
    assert conn.execute("SELECT count(*) FROM documents d WHERE nodes != "
                        "(SELECT count(*) FROM nodes n WHERE n.document_id = d.id)").fetchone()[0] == 0
    conn.close()
    assert ipplan("index", str(folder), "--db", str(killed), "--jobs", "2").returncode == 0
    assert dump(killed) == dump(whole)


def test_two_indexers_at_once_share_the_file(plans, tmp_path):
    db = tmp_path / "shared.db"
    files = sorted(str(p) for p in plans.glob("*.txt"))[:5]
    script = str(Path(sys.executable).with_name("ipplan"))
    procs = [subprocess.Popen([script, "index", *part, "--db", str(db), "--jobs", "1"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE) for part in (files[:3], files[2:])]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1] for o in outs]
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("SELECT count(*), count(DISTINCT path) FROM documents").fetchone() == (len(files), len(files))
    assert conn.execute("SELECT sum(nodes) FROM documents").fetchone()[0] == conn.execute(
        "SELECT count(*) FROM nodes").fetchone()[0]


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="the shared corpus is not next to the repository")
def test_seeds_and_shared_corpus(tmp_path):
    db = tmp_path / "all.db"
    proc = ipplan("index", str(SEEDS_DIR), str(SHARED_CORPUS), "--db", str(db), "--jobs", "2")
    assert proc.returncode == 0, proc.stderr.decode()
    listed = json.loads(ipplan("targets", str(SEEDS_DIR), str(SHARED_CORPUS), "-f", "json").stdout)
    assert sqlite3.connect(db).execute("SELECT count(*) FROM targets").fetchone()[0] == len(listed)
    assert len({h["region"] for h in _search(db, "质押融资") if h["region"]}) >= 4


def test_reindex_skips_unchanged_replaces_changed_prunes_removed(plans, db):
    """Last in the module: it changes the module's files."""
    before = dump(db)
    start = time.perf_counter()
    again = ipplan("index", str(plans), "--db", str(db), "-f", "json")
    again_s = time.perf_counter() - start
    stats = json.loads(again.stdout)
    assert stats["unchanged"] == len(list(plans.glob("*.txt"))) and stats["added"] == stats["replaced"] == 0
    assert dump(db) == before
    assert again_s < FIRST_RUN["seconds"] / 2, (again_s, FIRST_RUN)

    seed = sorted(plans.glob("0*.txt"))[0]
    seed.write_text(seed.read_text(encoding="utf-8").replace("知识产权", "知识产权区块链存证"), encoding="utf-8")
    removed = sorted(plans.glob("0*.txt"))[1]
    removed.unlink()
    stats = json.loads(ipplan("index", str(plans), "--db", str(db), "-f", "json", "--prune").stdout)
    assert (stats["replaced"], stats["pruned"], stats["added"]) == (1, 1, 0)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM documents WHERE path = ?", (str(removed.resolve()),)).fetchone()[0] == 0
    conn.execute("INSERT INTO nodes_fts(nodes_fts, rank) VALUES ('integrity-check', 1)")  # raises if out of step
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("SELECT count(*) FROM units u LEFT JOIN nodes n ON n.id = u.node_id WHERE n.id IS NULL"
                        ).fetchone()[0] == 0
    hits = _search(db, "区块链存证")
    assert hits and {h["document"] for h in hits} == {str(seed)}
