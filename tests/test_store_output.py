"""ipplan search on the shared output options, and the commands that read documents from --db."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from conftest import SEEDS_DIR
from test_store import Result, ipplan


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("seeds")
    for src in SEEDS_DIR.glob("*.txt"):
        shutil.copy(src, folder / src.name)
    return folder


@pytest.fixture(scope="module")
def db(seeds, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("db") / "plans.db"
    proc = ipplan("index", str(seeds), "--db", str(path))
    assert proc.returncode == 0, proc.stderr.decode()
    return path


def search(db: Path, *args: str) -> Result:
    proc = ipplan("search", *args, "--db", str(db))
    assert proc.returncode == 0, proc.stderr.decode()
    return proc


def test_search_writes_every_shared_format(db, tmp_path):
    hits = json.loads(search(db, "质押融资", "-f", "json", "-n", "0").stdout)
    assert len(hits) >= 4 and all("**质押融资**" in h["snippet"] for h in hits)
    assert list(hits[0]) == ["document", "region", "path", "title", "snippet", "line", "kind", "plan", "units",
                             "score"]
    lines = [json.loads(line) for line in search(db, "质押融资", "-f", "jsonl", "-n", "0").stdout.splitlines()]
    assert lines == hits
    rows = list(csv.reader(io.StringIO(search(db, "质押融资", "-f", "csv", "-n", "0").stdout.decode())))
    assert rows[0] == list(hits[0]) and [r[4] for r in rows[1:]] == [h["snippet"] for h in hits]
    assert rows[1][8] == "、".join(hits[0]["units"])
    tsv = search(db, "质押融资", "-f", "tsv", "--no-headers", "-n", "2").stdout.decode().splitlines()
    assert len(tsv) == 2 and tsv[0].split("\t")[0] == hits[0]["document"]
    bom = search(db, "质押融资", "-f", "csv", "--bom").stdout
    assert bom.startswith("\ufeff".encode()) and b"\r\n" in bom
    md = search(db, "质押融资", "-f", "md", "-n", "1").stdout.decode().splitlines()
    assert md[0].startswith("| document |") and len(md) == 3 and "**质押融资**" in md[2]
    out = tmp_path / "hits.xlsx"
    search(db, "质押融资", "-o", str(out), "-n", "0")  # the format from the file's extension
    from openpyxl import load_workbook

    sheet = load_workbook(out).active
    assert sheet.max_row == len(hits) + 1 and sheet.cell(2, 5).value == hits[0]["snippet"]


def test_search_limit_keeps_the_ranking(db):
    every = json.loads(search(db, "专利", "-f", "json", "--limit", "0").stdout)
    assert len(every) > 20
    assert json.loads(search(db, "专利", "-f", "json").stdout) == every[:20]  # the best 20 unless told
    assert json.loads(search(db, "专利", "-f", "json", "-n", "3").stdout) == every[:3]
    table = search(db, "专利", "-n", "3")
    assert b"hits (3)" in table.stdout and b"--limit 0 for all" in table.stderr


def test_table_marks_the_match_bold_and_reads_no_markup(tmp_path, monkeypatch):
    plan = tmp_path / "markup.txt"
    plan.write_text("某区知识产权工作方案\n一、主要任务\n（一）加强保护\n"
                    "1.开展[bold red]导航[/bold red]服务，推进[link=https://example.com]导航成果[/link]转化。"
                    "（责任单位：区市场监管局）\n", encoding="utf-8")
    db = tmp_path / "markup.db"
    assert ipplan("index", str(plan), "--db", str(db)).returncode == 0
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "240")
    table = search(db, "导航").stdout.decode()
    assert "[bold red]" in table and "[link=https://example.com]" in table  # shown as written
    assert "\x1b[1m导航\x1b[0m" in table and "**" not in table  # bold instead of the marks
    assert "\x1b]8;" not in table  # no hyperlink escape came from the plan's text
    raw = json.loads(search(db, "导航", "-f", "json").stdout)
    assert raw[0]["snippet"].count("**导航**") == 2 and "[bold red]" in raw[0]["snippet"]


def test_wrapped_snippet_keeps_its_highlight():
    from rich.text import Text

    from ipplan.output.terminal import TableColumn, write_table

    out = io.StringIO()
    snippet = "推进知识产权质押融资产品创新，支持知识产权 质押融资 模式，扩大专利商标质押融资规模"
    marked = snippet.replace("质押融资", "**质押融资**")
    write_table([[marked]], [TableColumn("snippet", marks=("**", "**"))], out, width=24)
    shown = out.getvalue()
    assert "**" not in shown and shown.count("质押") >= 3
    from ipplan.output.terminal import _bold, _unmark, wrap_cjk

    row = [marked]
    spans = _unmark(row, 0, ("**", "**"))
    assert row[0] == snippet and [snippet[a:b] for a, b in spans] == ["质押融资"] * 3
    text = Text(wrap_cjk(snippet, 10))
    _bold(text, snippet, spans)
    bold = "".join(text.plain[s.start:s.end] for s in text.spans)
    assert bold.replace("\n", "") == "质押融资" * 3


def test_no_hits_is_a_line_on_stderr_and_exit_0(db):
    proc = search(db, "量子纠缠")
    assert proc.stdout == b"" and proc.stderr.decode().strip() == "no hits"
    assert json.loads(search(db, "量子纠缠", "-f", "json").stdout) == []


def test_compare_from_the_index_equals_compare_from_the_files(seeds, db):
    files = ipplan("compare", str(seeds), "--format", "json")
    indexed = ipplan("compare", "--db", str(db), "--format", "json")
    assert files.returncode == indexed.returncode == 0, indexed.stderr.decode()
    a, b = json.loads(files.stdout), json.loads(indexed.stdout)
    for part in ("targets", "tools", "themes", "units", "measures"):
        assert a[part] == b[part] and a[part], part
    assert [(d["region"], d["title"], d["items"]) for d in a["documents"]] == \
        [(d["region"], d["title"], d["items"]) for d in b["documents"]]


def test_targets_and_tasks_read_the_index(seeds, db):
    key = "high_value_invention_patents_per_10k"
    keyed = ipplan("targets", "--db", str(db), "--key", key, "-f", "json")
    assert keyed.returncode == 0 and keyed.stdout == ipplan("targets", str(seeds), "--key", key, "-f", "json").stdout
    assert json.loads(keyed.stdout) and all(r["key"] == key for r in json.loads(keyed.stdout))
    tasks = ipplan("tasks", "--db", str(db), "--unit", "市场监管局", "-f", "json")
    assert tasks.returncode == 0 and json.loads(tasks.stdout)
    assert tasks.stdout == ipplan("tasks", str(seeds), "--unit", "市场监管局", "-f", "json").stdout


@pytest.mark.parametrize("command", ["compare", "targets", "tasks", "info"])
def test_db_with_paths_is_a_one_line_usage_error(seeds, db, command):
    proc = ipplan(command, str(seeds), "--db", str(db))
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1, proc.stderr.decode()
    assert proc.stderr.startswith(b"ipplan: --db:") and b"not both" in proc.stderr
