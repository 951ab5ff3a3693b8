"""The command line: formats, inputs, exit codes (0 ok, 1 check findings, 2 bad input), stable output."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import goldscore
import ipplan
from conftest import SEEDS, SEEDS_DIR
from ipplan.cli import app

SEED = str(SEEDS_DIR / "000_16a45e86425a59f0.txt")
SEED_B = str(SEEDS_DIR / "001_b166df9dff158bba.txt")
GOLD = goldscore.load_gold("000_16a45e86425a59f0.txt")
TASKS_HEADER = ["file", "region", "path", "title", "text", "units", "lead", "line", "chapter", "role"]
TASKS_JSON = TASKS_HEADER + ["title_normalised", "text_normalised"]

runner = CliRunner()


def run(*args: str, input: bytes | str | None = None):
    result = runner.invoke(app, list(args), input=input)
    # a crash shows up as an exception other than the SystemExit typer raises for an exit code
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    return result


def console_script() -> str:
    script = Path(sys.executable).with_name("ipplan")
    found = str(script) if script.exists() else shutil.which("ipplan")
    assert found, "the ipplan console script is not installed"
    return found


def gold_entry(title_start: str) -> dict:
    return next(e for e in GOLD["outline"] if e["title"].startswith(title_start))


# ---- version ---------------------------------------------------------------------------

def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"ipplan {ipplan.__version__}"


def test_version_console_script():
    proc = subprocess.run([console_script(), "--version"], capture_output=True, timeout=60)
    assert proc.returncode == 0
    assert proc.stdout.decode().strip() == f"ipplan {ipplan.__version__}"
    assert proc.stderr == b""


# ---- parse -------------------------------------------------------------------------------

def test_parse_json_is_one_object():
    result = run("parse", SEED, "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert isinstance(doc, dict)
    assert {"schema_version", "meta", "outline", "targets"} <= set(doc)
    assert doc["meta"]["title"] == GOLD["meta"]["title"]
    assert doc["source"] == SEED
    assert len(goldscore.flatten(doc["outline"])) == len(GOLD["outline"])


def test_parse_json_is_the_default_format():
    assert run("parse", SEED).stdout == run("parse", SEED, "--format", "json").stdout


def test_parse_two_files_is_an_array_in_order():
    result = run("parse", SEED, SEED_B, "--format", "json")
    assert result.exit_code == 0
    docs = json.loads(result.stdout)
    assert isinstance(docs, list) and [d["source"] for d in docs] == [SEED, SEED_B]


def test_parse_jsonl_is_one_object_per_line():
    result = run("parse", SEED, SEED_B, "--format", "jsonl")
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    docs = [json.loads(line) for line in lines]
    assert [d["source"] for d in docs] == [SEED, SEED_B]
    assert docs[0] == json.loads(run("parse", SEED).stdout)


def test_parse_tree_shows_headings():
    result = run("parse", SEED, "--format", "tree")
    assert result.exit_code == 0
    assert GOLD["meta"]["title"][:10] in result.stdout
    chapter = gold_entry("重点工作")
    assert chapter["title"] in result.stdout
    assert "区府办(外办)" in result.stdout.replace("\n", "").replace("│", "").replace(" ", "")


def test_parse_md_shows_headings():
    result = run("parse", SEED, "--format", "md")
    assert result.exit_code == 0
    md = result.stdout
    assert md.startswith(f"# {GOLD['meta']['title']}\n")
    assert "\n## 三、重点工作\n" in md
    assert "\n### (一)集聚多方合力,提高知识产权保护能级\n" in md
    assert "- **1.** 坚持知识产权严保护政策导向" in md


def test_parse_directory(tmp_path):
    for name in SEEDS[:2]:
        shutil.copy(SEEDS_DIR / name, tmp_path / name)
    (tmp_path / "notes.md").write_text("某区工作方案\n一、总体要求\n坚持创新。\n", encoding="utf-8")
    (tmp_path / "ignored.json").write_text("{}", encoding="utf-8")
    result = run("parse", str(tmp_path), "--format", "jsonl")
    assert result.exit_code == 0
    sources = [json.loads(line)["source"] for line in result.stdout.splitlines()]
    assert sources == [str(tmp_path / name) for name in sorted([*SEEDS[:2], "notes.md"])]


def test_parse_seed_directory():
    result = run("parse", str(SEEDS_DIR), "--format", "jsonl")
    assert result.exit_code == 0
    assert [Path(json.loads(x)["source"]).name for x in result.stdout.splitlines()] == SEEDS


def test_parse_stdin():
    data = Path(SEED).read_bytes()
    result = run("parse", "-", input=data)
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["source"] == "<stdin>"
    from_file = json.loads(run("parse", SEED).stdout)
    assert doc["outline"] == from_file["outline"] and doc["meta"] == from_file["meta"]


def test_bad_inputs_among_good_ones(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    result = run("parse", SEED, str(missing), str(empty), SEED_B, "--format", "jsonl")
    assert result.exit_code == 2
    assert [json.loads(x)["source"] for x in result.stdout.splitlines()] == [SEED, SEED_B]
    errors = result.stderr.splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(f"ipplan: {missing}: ")
    assert errors[1].startswith(f"ipplan: {empty}: ") and "empty" in errors[1]


def test_bad_inputs_among_good_ones_json(tmp_path):
    missing = tmp_path / "missing.txt"
    result = run("parse", str(missing), SEED)
    assert result.exit_code == 2
    # several inputs asked for: always an array, however many of them could be read
    assert [d["source"] for d in json.loads(result.stdout)] == [SEED]
    assert result.stderr.splitlines() == [f"ipplan: {missing}: no such file"]


def test_json_shape_follows_the_arguments_not_the_successes(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "one.txt").write_text(Path(SEED).read_text("utf-8"), encoding="utf-8")
    assert isinstance(json.loads(run("parse", str(folder)).stdout), list)  # a directory: an array
    assert isinstance(json.loads(run("parse", SEED).stdout), dict)  # one file: an object


def test_cli_rejects_typos_and_bad_lexicons_in_one_line(tmp_path):
    assert run("targets", SEED, "--key", "no_such_indicator").exit_code == 2
    assert run("tasks", SEED, "--role", "nonsense").exit_code == 2
    bad = tmp_path / "lex.json"
    for content in ('{"foo": 1}', "not json", '[{"key": "a", "aliases": [1]}]'):
        bad.write_text(content, encoding="utf-8")
        result = run("targets", SEED, "--lexicon", str(bad))
        assert result.exit_code == 2
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_markup_in_plan_text_is_printed_not_interpreted(tmp_path):
    plan = tmp_path / "markup.txt"
    plan.write_text("一、主要任务\n1.推广[link=x]平台[/link]和[/]标准。开展工作。\n2.培育[red]品牌[/red]。开展工作。\n",
                    encoding="utf-8")
    result = run("tasks", str(plan))
    assert result.exit_code == 0
    assert "[red]品牌[/red]" in result.stdout.replace("\n", "").replace("│", "").replace(" ", "")


def test_closed_pipe_ends_quietly_like_cat(tmp_path):
    proc = subprocess.run(f"'{console_script()}' parse '{SEEDS_DIR}' --format jsonl | head -c 10 > /dev/null; "
                          "echo ${PIPESTATUS[0]}", shell=True, executable="/bin/bash", capture_output=True, text=True)
    assert proc.stdout.strip() in ("0", "141")  # 141 = killed by SIGPIPE, the Unix convention; never 1
    assert "Traceback" not in proc.stderr


def test_bad_inputs_through_the_console_script(tmp_path):
    (tmp_path / "page.html").write_text("<html><body><div><p>一、总体要求</p><p>坚持创新。</p></div></body></html>",
                                        encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10")
    proc = subprocess.run([console_script(), "parse", SEED, str(tmp_path / "page.html"), str(tmp_path / "image.png"),
                           str(tmp_path / "missing.txt"), "--format", "jsonl"], capture_output=True, timeout=60)
    assert proc.returncode == 2
    assert [json.loads(x)["source"] for x in proc.stdout.decode("utf-8").splitlines()] == [SEED]
    errors = proc.stderr.decode("utf-8").splitlines()
    assert len(errors) == 3 and all(e.startswith("ipplan: ") for e in errors)
    assert "HTML" in errors[0] and "not text" in errors[1] and "no such file" in errors[2]
    assert b"Traceback" not in proc.stderr


@pytest.mark.parametrize("content", [
    "<html><body><div><p>一、总体要求</p><p>坚持创新。</p></div></body></html>",
    "<tbody> <tr> <td><p>国务院关于加快推进农业机械化的指导意见</p> <p>一、总体要求</p></td></tr>",
])
def test_html_file_exit_2(tmp_path, content):
    page = tmp_path / "page.html"
    page.write_text(content, encoding="utf-8")
    result = run("parse", str(page))
    assert result.exit_code == 2
    assert result.stdout == ""
    errors = result.stderr.splitlines()
    assert len(errors) == 1 and errors[0].startswith(f"ipplan: {page}: ") and "HTML" in errors[0]


def test_empty_directory_and_empty_stdin(tmp_path):
    result = run("parse", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"ipplan: {tmp_path}: ")
    result = run("parse", "-", input=b"")
    assert result.exit_code == 2
    assert result.stderr.startswith("ipplan: -: ")


def test_usage_errors_exit_2():
    assert run("parse", SEED, "--format", "xml").exit_code == 2
    result = run("tasks", SEED, "--grep", "[")
    assert result.exit_code == 2
    assert result.stderr.startswith("ipplan: --grep: ")


def test_encoding_option(tmp_path):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(Path(SEED_B).read_text(encoding="utf-8").encode("gbk"))
    result = run("parse", str(gbk), "--encoding", "gbk")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["encoding"] == "gbk"
    assert doc["outline"] == json.loads(run("parse", SEED_B).stdout)["outline"]
    wrong = run("parse", str(gbk), "--encoding", "utf-8")
    assert wrong.exit_code == 2
    assert wrong.stderr.startswith(f"ipplan: {gbk}: cannot decode as utf-8")


# ---- stable output --------------------------------------------------------------------------

def test_json_is_stable_across_runs():
    first = run("parse", SEED, SEED_B).stdout_bytes
    assert first == run("parse", SEED, SEED_B).stdout_bytes
    assert "知识产权".encode("utf-8") in first      # UTF-8, not \\u-escaped


def test_json_is_stable_across_processes():
    cmd = [console_script(), "parse", SEED, "--format", "json"]
    one = subprocess.run(cmd, capture_output=True, timeout=60)
    two = subprocess.run(cmd, capture_output=True, timeout=60)
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    doc = json.loads(one.stdout.decode("utf-8"))
    assert {"meta", "outline", "targets"} <= set(doc)
    assert one.stdout == run("parse", SEED, "--format", "json").stdout_bytes


# ---- tasks -------------------------------------------------------------------------------

def tasks_json(*args: str) -> list[dict]:
    result = run("tasks", SEED, *args, "--format", "json")
    assert result.exit_code == 0
    return json.loads(result.stdout)


def test_tasks_unit_filter():
    rows = tasks_json("--unit", "区法院")
    want = ["/".join(e["path"]) for e in GOLD["outline"] if any("区法院" in u for u in e.get("units", []))]
    assert [r["path"] for r in rows] == want
    assert all(any("区法院" in u for u in r["units"]) for r in rows)


def test_tasks_grep_filter():
    entry = gold_entry("推动知识产权长三角")
    rows = tasks_json("--grep", "^推动知识产权长三角")
    assert [(r["path"], r["title"]) for r in rows] == [("/".join(entry["path"]), entry["title"])]
    assert tasks_json("--grep", "这段文字不会出现在任何条目里") == []


def test_tasks_role_filter():
    rows = tasks_json("--role", "tasks")
    items = ["/".join(e["path"]) for e in GOLD["outline"] if e["path"][0] == "三" and len(e["path"]) == 3]
    assert [r["path"] for r in rows] == items
    assert {r["role"] for r in rows} == {"tasks"} and {r["chapter"] for r in rows} == {"重点工作"}
    safeguards = tasks_json("--role", "safeguards")
    assert [r["path"] for r in safeguards] == ["/".join(e["path"]) for e in GOLD["outline"]
                                                if e["path"][0] == "四" and len(e["path"]) == 2]


def test_tasks_rows_carry_units_and_lines():
    rows = tasks_json()
    assert rows and all(list(r) == TASKS_JSON for r in rows)     # the documented columns, in order
    by_path = {r["path"]: r for r in rows}
    for entry in GOLD["outline"]:
        if "units" in entry:
            assert by_path["/".join(entry["path"])]["units"] == entry["units"]
    lines = Path(SEED).read_text(encoding="utf-8").split("\n")
    for row in rows:
        assert row["title"][:6] in lines[row["line"] - 1]


def test_tasks_csv_header_and_rows():
    result = run("tasks", SEED, "--format", "csv")
    assert result.exit_code == 0
    data = result.stdout_bytes
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" not in data
    table = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert table[0] == TASKS_HEADER
    assert len(table) - 1 == len(tasks_json())
    first = dict(zip(TASKS_HEADER, table[1]))
    assert first["units"] == "、".join(GOLD["outline"][4]["units"])


def test_tasks_csv_bom():
    result = run("tasks", SEED, "--format", "csv", "--bom")
    data = result.stdout_bytes
    assert data[:3] == b"\xef\xbb\xbf"
    assert data[3:].startswith(",".join(TASKS_HEADER).encode() + b"\r\n")   # CRLF for Excel


def test_tasks_csv_bom_console_script():
    proc = subprocess.run([console_script(), "tasks", SEED, "--format", "csv", "--bom"], capture_output=True,
                          timeout=60)
    assert proc.returncode == 0
    assert proc.stdout[:3] == b"\xef\xbb\xbf"
    assert proc.stdout == run("tasks", SEED, "--format", "csv", "--bom").stdout_bytes


@pytest.mark.parametrize("fmt", ["md", "jsonl"])
def test_tasks_other_formats(fmt):
    result = run("tasks", SEED, "--unit", "区府办", "--format", fmt)
    assert result.exit_code == 0
    rows = [line for line in result.stdout.splitlines() if "营造知识产权同保护优越环境" in line]
    assert len(rows) == 1 and "区府办(外办)" in rows[0]


def test_tasks_table_counts_rows():
    result = run("tasks", SEED, "--unit", "区府办", "--format", "table")
    assert result.exit_code == 0
    assert "tasks (1)" in result.stdout
    assert "tasks (0)" in run("tasks", SEED, "--unit", "不存在的单位", "--format", "table").stdout


# ---- check ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", SEEDS)
def test_check_clean_seed_exits_0(name):
    result = run("check", str(SEEDS_DIR / name))
    assert result.exit_code == 0
    assert result.stdout == ""


def test_check_json_report():
    result = run("check", SEED, SEED_B, "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert [r["file"] for r in report] == [SEED, SEED_B]
    assert report[0]["findings"] == [] and report[0]["outline_entries"] == len(GOLD["outline"])


JUMPS = {
    "sections": "某区工作方案\n一、主要任务\n（一）加强创造\n推进工作。\n（二）强化保护\n推进工作。\n（四）优化服务\n推进工作。\n",
    "chapters": "某区工作方案\n一、总体要求\n坚持创新。\n二、主要任务\n推进工作。\n四、保障措施\n加强领导。\n",
}


@pytest.mark.parametrize("kind", [
    "sections",
    "chapters",
])
def test_check_numbering_jump_exits_1(tmp_path, kind):
    path = tmp_path / f"{kind}.txt"
    path.write_text(JUMPS[kind], encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 1
    assert "numbering jumps" in result.stdout
    report = json.loads(run("check", str(path), "--format", "json").stdout)
    assert any("numbering jumps" in f["message"] for f in report[0]["findings"])


def test_check_bad_input_wins_over_findings(tmp_path):
    path = tmp_path / "jump.txt"
    path.write_text(JUMPS["sections"], encoding="utf-8")
    result = run("check", str(path), str(tmp_path / "missing.txt"))
    assert result.exit_code == 2


# ---- schema --------------------------------------------------------------------------------

def test_schema():
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["type"] == "object"
    assert {"schema_version", "meta", "outline", "targets"} <= set(schema["properties"])
    assert "Node" in schema["$defs"] and "Target" in schema["$defs"]


def test_targets_key_filter_finds_the_shared_indicator_in_four_regions():
    """Issue 3: Xuhui, Pudong, Putuo and Huzhou measure high-value patents per 10,000 people; one key."""
    result = run("targets", str(SEEDS_DIR), "--key", "high_value_invention_patents_per_10k", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert {r["region"] for r in rows} == {"徐汇区", "浦东新区", "普陀区", "湖州市"}
    assert all(r["unit"] == "件" and r["line"] > 0 and r["raw"] for r in rows)


def test_targets_csv_with_bom_and_year_filter():
    result = run("targets", str(SEEDS_DIR), "--year", "2024", "--format", "csv", "--bom")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert rows and {r["year"] for r in rows} == {"2024"}
    assert {r["region"] for r in rows} == {"普陀区"}  # only Putuo's table has a 2024 column


@pytest.mark.parametrize("table", [
    "| 序号 | 指标 | 2025年 | 2026年 |\n|---|---|---|---|\n| 1 | 每万人口高价值发明专利拥有量(件) | 20 | 23 |\n",
    "指标名称                      2025年      2026年\n每万人口高价值发明专利拥有量(件)   20          23\n",
], ids=["markdown", "space-aligned"])
def test_table_forms_give_one_target_per_year_column(table):
    from ipplan.parse import parse_text

    doc = parse_text(f"某区知识产权工作方案(2024—2026年)\n一、主要目标\n{table}二、主要任务\n1.推进工作。\n")
    got = sorted((t.year, int(t.value), t.key) for t in doc.targets)
    assert got == [(2025, 20, "high_value_invention_patents_per_10k"), (2026, 23, "high_value_invention_patents_per_10k")]
    assert [n.path for n in doc.iter_nodes()] == [["一"], ["二"], ["二", "1"]]
