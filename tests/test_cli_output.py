"""Issue 7: the shared output layer, human tables, honest filters, inputs, text as written."""
from __future__ import annotations

import csv
import functools
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from conftest import SEEDS_DIR
from ipplan.cli import Inputs, app
from ipplan.output import Column, OutputOptions, human_amount, output_options, spreadsheet_safe

SEED_PUTUO = str(SEEDS_DIR / "002_16ba785a0e610339.txt")  # full-width punctuation
SEED_SH = str(SEEDS_DIR / "003_00c5e9fe007d877b.txt")  # traditional script
runner = CliRunner()


def run(*args: str, env: dict | None = None, input: bytes | None = None):
    result = runner.invoke(app, list(args), env=env, input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    return result


def ipplan_bin() -> str:
    found = Path(sys.executable).with_name("ipplan")
    return str(found) if found.exists() else shutil.which("ipplan")


def json_rows(*args: str) -> list[dict]:
    return json.loads(_json_text(*args))


@functools.lru_cache(maxsize=64)
def _json_text(*args: str) -> str:
    """The JSON of a command (cached: several tests compare against the same rows; the seeds do not change)."""
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return result.stdout


# ---- terminal tables ---------------------------------------------------------------------

@pytest.mark.parametrize("width", [80, 200])
def test_targets_table_shows_human_amounts_never_split(width):
    from rich.cells import cell_len

    from ipplan.output import target_amount

    result = run("targets", str(SEEDS_DIR), env={"COLUMNS": str(width)})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(cell_len(line) <= width for line in lines)
    assert "100亿元" in result.stdout and "10000000000" not in result.stdout
    for row in json_rows("targets", str(SEEDS_DIR)):  # every amount and line number whole, on one line
        assert target_amount(row) in result.stdout
        assert any(f" {row['line']} " in line for line in lines)


def test_targets_through_a_pipe_is_80_columns_with_amounts():
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    proc = subprocess.run(f"'{ipplan_bin()}' targets '{SEEDS_DIR}' | cat", shell=True, capture_output=True,
                          env=env, timeout=60)
    text = proc.stdout.decode("utf-8")
    assert proc.returncode == 0 and "100亿元" in text and "≥3家" in text
    from rich.cells import cell_len

    assert max(cell_len(line) for line in text.splitlines()) <= 80
    assert "left out" in proc.stderr.decode("utf-8")  # the note names the columns that did not fit


@pytest.mark.parametrize("args,want", [
    (("=", 10000000000, None, None, "元"), "100亿元"), (("=", 18000, None, None, "件"), "1.8万件"),
    ((">=", 3, None, None, "家"), "≥3家"), (("range", None, 3, 5, "家"), "3–5家"),
    (("=", 12345, None, None, "件"), "1.2345万件"), (("=", 123456789, None, None, "元"), "12345.6789万元"),
    ((">", 20, None, None, "%"), ">20%"), (("=", 1.5, None, None, "亿元"), "1.5亿元"),
    (("range", None, 300000000, 500000000, "元"), "3–5亿元"), (("=", 50000, None, None, "%"), "50000%"),
])
def test_human_amounts_are_exact(args, want):
    assert human_amount(*args) == want


def test_limit_and_show_raw():
    result = run("targets", SEED_PUTUO, "--limit", "2", "--show", "raw", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "targets (2 of" in result.stdout and "(--limit)" in result.stderr
    raw = json_rows("targets", SEED_PUTUO)[0]["raw"]
    assert raw.split("\t")[1][:6] in result.stdout
    assert len(json_rows("targets", SEED_PUTUO, "--limit", "3")) == 3
    bad = run("targets", SEED_PUTUO, "--show", "nonsense")
    assert bad.exit_code == 2 and bad.stderr.startswith("ipplan: --show: ")


# ---- formats ---------------------------------------------------------------------------------

def test_xlsx_has_typed_numbers_and_the_rows_of_json(tmp_path):
    import openpyxl

    out = tmp_path / "out.xlsx"
    result = run("targets", str(SEEDS_DIR), "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    sheet = openpyxl.load_workbook(out).active
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(values_only=True))
    header, body = list(rows[0]), rows[1:]
    data = json_rows("targets", str(SEEDS_DIR))
    assert header == [k for k in data[0] if k != "name_normalised"]  # JSON adds the normalised name
    assert len(body) == len(data)
    for cells, want in zip(body, data):
        got = dict(zip(header, cells))
        for key in ("value", "low", "high", "line", "year"):
            assert got[key] == want[key]
            assert want[key] is None or isinstance(got[key], (int, float))
        assert got["name"] == want["name"] and got["op"] == want["op"]  # text, never a formula
    assert sheet.column_dimensions["C"].width >= 2 * max(len(r["name"]) for r in data[:5]) / 2


def test_tasks_xlsx_matches_json(tmp_path):
    import openpyxl

    out = tmp_path / "tasks.xlsx"
    assert run("tasks", SEED_PUTUO, "-f", "xlsx", "-o", str(out)).exit_code == 0
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    data = json_rows("tasks", SEED_PUTUO)
    assert [r[rows[0].index("title")] for r in rows[1:]] == [d["title"] for d in data]
    assert [r[rows[0].index("text")] for r in rows[1:]] == [d["text"] or None for d in data]


def test_parse_xlsx_has_a_sheet_per_table(tmp_path):
    import openpyxl

    out = tmp_path / "doc.xlsx"
    assert run("parse", SEED_PUTUO, "-f", "xlsx", "-o", str(out)).exit_code == 0
    book = openpyxl.load_workbook(out)
    doc = json.loads(run("parse", SEED_PUTUO).stdout)
    assert book.sheetnames[:3] == ["documents", "outline", "targets"]
    assert len(book.sheetnames) == 3 + len(doc["tables"])


def test_csv_is_safe_from_formulas_and_tsv_no_headers():
    text = run("targets", SEED_PUTUO, "-f", "csv").stdout
    table = list(csv.DictReader(io.StringIO(text)))
    assert table and all(not v.startswith(("=", "+", "@")) for row in table for v in row.values())
    assert {r["op"] for r in table} >= {"'="}
    assert spreadsheet_safe("=1+1") == "'=1+1" and spreadsheet_safe("-5") == "-5" and spreadsheet_safe(-5) == -5
    tsv = run("targets", SEED_PUTUO, "-f", "tsv", "--no-headers").stdout.splitlines()
    assert len(tsv) == len(table) and "\t" in tsv[0] and not tsv[0].startswith("file")


def test_markdown_escapes_pipes(tmp_path):
    plan = tmp_path / "pipe.txt"
    plan.write_text("某区工作方案\n一、主要任务\n1.推进A|B两类平台建设。开展工作。\n", encoding="utf-8")
    md = run("tasks", str(plan), "-f", "md").stdout
    row = [line for line in md.splitlines() if "两类平台" in line][0]
    assert "A\\|B" in row
    assert row.count(" | ") == md.splitlines()[0].count(" | ")


def test_output_file_is_written_atomically_and_failures_are_one_line(tmp_path):
    small = tmp_path / "small.txt"
    small.write_text("某区工作方案\n一、主要任务\n1.推进工作，落实责任。\n", encoding="utf-8")
    target = tmp_path / "rows.csv"
    target.write_text("old", encoding="utf-8")
    assert run("tasks", SEED_PUTUO, "-f", "csv", "-o", str(target)).exit_code == 0
    assert target.read_text("utf-8").startswith("file,region,path,title,text")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rows.csv", "small.txt"]  # no temporary file left
    missing = run("tasks", SEED_PUTUO, "-f", "csv", "-o", str(tmp_path / "no" / "x.csv"))
    assert missing.exit_code == 2 and len(missing.stderr.splitlines()) == 1
    if Path("/dev/full").exists():
        full = subprocess.run([ipplan_bin(), "tasks", str(small), "-f", "csv", "-o", "/dev/full"],
                              capture_output=True, timeout=60)
        assert full.returncode == 2 and full.stderr.decode().splitlines() == [
            "ipplan: /dev/full: cannot write: no space left on the device"]
        with open("/dev/full", "wb") as sink:
            piped = subprocess.run([ipplan_bin(), "tasks", str(small), "-f", "json"], stdout=sink,
                                   stderr=subprocess.PIPE, timeout=60)
        assert piped.returncode == 2 and len(piped.stderr.splitlines()) == 1
    closed = subprocess.run(f"'{ipplan_bin()}' tasks '{small}' -f csv >&-", shell=True, capture_output=True,
                            timeout=60)
    assert closed.returncode == 2 and len(closed.stderr.splitlines()) == 1


def test_bom_is_a_flag():
    result = run("tasks", SEED_PUTUO, "-f", "csv", "--bom", "true")
    assert result.exit_code == 2  # `true` is a PATH, not a value of --bom
    assert "ipplan: true: no such file" in result.stderr


# ---- filters --------------------------------------------------------------------------------------

def test_grep_typed_as_the_source_writes_it():
    rows = json_rows("tasks", str(SEEDS_DIR), "--grep", "质量导向，落实")
    assert [(Path(r["file"]).name, r["path"]) for r in rows] == [("002_16ba785a0e610339.txt", "三/(一)/2")]
    assert "质量导向，落实" in rows[0]["title"]  # shown with the source's punctuation
    assert "质量导向,落实" in rows[0]["title_normalised"]


def test_traditional_query_finds_both_scripts():
    rows = json_rows("tasks", str(SEEDS_DIR), "--grep", "知識產權公共服務")
    files = {Path(r["file"]).name for r in rows}
    assert "003_00c5e9fe007d877b.txt" in files and "002_16ba785a0e610339.txt" in files


def test_grep_full_width_bracket_is_literal(tmp_path):
    plan = tmp_path / "p.txt"
    plan.write_text("某区工作方案\n一、主要任务\n1.建设平台（一期）。开展工作。\n2.建设平台一期。开展工作。\n",
                    encoding="utf-8")
    rows = json_rows("tasks", str(plan), "--grep", "平台（一期）")
    assert [r["path"] for r in rows] == ["一/1"]


def test_region_matches_the_parent_region():
    rows = json_rows("tasks", str(SEEDS_DIR), "--region", "上海")
    assert {r["region"] for r in rows} >= {"徐汇区", "普陀区", "浦东新区"}
    assert "湖州市" not in {r["region"] for r in rows}
    assert {r["region"] for r in json_rows("targets", str(SEEDS_DIR), "--region", "上海")} >= {"徐汇区", "普陀区"}


def test_unit_and_key_filters_are_normalised():
    rows = json_rows("tasks", SEED_PUTUO, "--unit", "区知识产权局")
    assert rows and len(json_rows("tasks", SEED_PUTUO, "--unit", "區知識產權局")) == len(rows)
    by_key = json_rows("targets", str(SEEDS_DIR), "--key", "high_value_invention_patents_per_10k")
    by_name = json_rows("targets", str(SEEDS_DIR), "--key", "每萬人口高價值發明專利擁有量")
    assert by_key and by_name == by_key


def test_a_filter_that_matches_nothing_says_so():
    result = run("tasks", str(SEEDS_DIR), "--grep", "这段文字不会出现", "--unit", "区知识产权局", "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    assert result.stderr.splitlines() == [
        f"ipplan: no task matches --grep '这段文字不会出现' (of {len(json_rows('tasks', str(SEEDS_DIR)))} tasks read)"]
    assert "no target matches --year 1999" in run("targets", SEED_PUTUO, "--year", "1999").stderr


# ---- inputs ---------------------------------------------------------------------------------------

def test_folder_with_subfolder_and_html_is_read_whole_or_every_skip_named(tmp_path):
    (tmp_path / "sub").mkdir()
    shutil.copy(SEED_PUTUO, tmp_path / "a.txt")
    shutil.copy(SEED_SH, tmp_path / "sub" / "b.TXT")
    (tmp_path / "sub" / "c.text").write_text("某区工作方案\n一、主要任务\n1.推进工作。\n", encoding="utf-8")
    (tmp_path / "page.html").write_text("<html><body><p>某区工作方案</p><p>一、主要任务</p></body></html>",
                                        encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    result = run("info", str(tmp_path), "-f", "json")
    read = {Path(r["file"]).relative_to(tmp_path).as_posix() for r in json.loads(result.stdout)}
    assert {"a.txt", "sub/b.TXT", "sub/c.text"} <= read
    for name in ("page.html", "notes.json"):
        assert name in read or any(line.startswith(f"ipplan: {tmp_path / name}: ") for line in result.stderr.splitlines())
    if "notes.json" not in read:
        assert "skipped" in result.stderr
    flat = run("info", str(tmp_path), "--no-recursive", "-f", "json")
    assert {Path(r["file"]).name for r in json.loads(flat.stdout)} == {"a.txt"} | ({"page.html"} & read)
    assert f"ipplan: {tmp_path / 'sub'}{os.sep}: skipped: a sub-folder (--no-recursive)" in flat.stderr


def test_errors_replace_reads_and_reports_bad_bytes(tmp_path):
    data = Path(SEED_PUTUO).read_bytes().split(b"\n")
    data[4] = data[4][:6] + b"\xff\xfe" + data[4][6:]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\n".join(data))
    strict = run("parse", str(bad))
    assert strict.exit_code == 2
    lossy = run("parse", str(bad), "--errors", "replace")
    assert lossy.exit_code == 0
    assert json.loads(lossy.stdout)["meta"]["region"] == "普陀区"
    assert lossy.stderr.splitlines() == [f"ipplan: {bad}: 2 undecodable byte(s) replaced with U+FFFD "
                                         f"(read as utf-8), on line 5"]


def test_meta_states_what_the_notice_does_not(tmp_path):
    plan = tmp_path / "p.txt"
    plan.write_text("城市更新工作方案\n一、主要任务\n1.推进工作。\n", encoding="utf-8")
    doc = json.loads(run("parse", str(plan), "--meta", "region=闵行区", "--meta", "period=2024-2026").stdout)
    assert doc["meta"]["region"] == "闵行区" and doc["meta"]["period"] == [2024, 2026]
    assert doc["meta"]["period_source"] == "given"
    assert json_rows("tasks", str(plan), "--meta", "region=闵行区", "--region", "闵行")[0]["region"] == "闵行区"
    for bad in ("region", "colour=red", "period=2026-2024", "issued=yesterday"):
        result = run("parse", str(plan), "--meta", bad)
        assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1


# ---- text as written, commands ----------------------------------------------------------------

def test_text_as_written_in_outputs_and_json():
    doc = json.loads(run("parse", SEED_SH).stdout)
    node = doc["outline"][0]["children"][0]
    assert node["title"] == "指导思想" and node["title_as_written"] == "指導思想"
    assert doc["meta"]["title_as_written"].startswith("關于加強上海市")  # the source mixes 于 into traditional
    simplified = json_rows("tasks", SEED_SH)
    original = json_rows("tasks", SEED_SH, "--script", "original")
    assert simplified[0]["title"] == "指导思想" and original[0]["title"] == "指導思想"
    md = run("parse", SEED_PUTUO, "-f", "md").stdout
    assert "### （一）完善鼓励创新创造的政策导向" in md
    assert md.startswith("# 普陀区落实《上海市知识产权强市建设纲要和“十四五”规划实施推进计划（2024-2025）》行动方案\n")
    putuo = json.loads(run("parse", SEED_PUTUO).stdout)["meta"]
    assert "(2024-2025)" in putuo["title"] and "（2024-2025）" in putuo["title_as_written"]


def test_tasks_export_their_text():
    rows = json_rows("tasks", SEED_PUTUO)
    row = next(r for r in rows if r["path"] == "三/(一)/2")
    assert "加大对企业知识产权工作扶持力度" in row["text"]
    header = next(csv.reader(io.StringIO(run("tasks", SEED_PUTUO, "-f", "csv").stdout)))
    assert "text" in header


def test_info_one_line_per_document():
    rows = json_rows("info", str(SEEDS_DIR))
    assert [r["region"] for r in rows] == ["徐汇区", "浦东新区", "普陀区", "上海市", "湖州市"]
    assert rows[0]["period"] == "2024-2026" and rows[2]["targets"] == len(json_rows("targets", SEED_PUTUO))
    assert {"title", "issuer", "doc_number", "issued", "items", "units", "warnings"} <= set(rows[0])
    table = run("info", str(SEEDS_DIR), env={"COLUMNS": "200"}).stdout
    assert "documents (5)" in table and "2024-2026" in table


def test_usage_errors_are_one_line_with_a_hint():
    for args in (["tasks", "--nope"], ["nosuchcommand"], ["tasks", "--format", "xml"], ["targets", "--limit", "x"]):
        result = run(*args)
        assert result.exit_code == 2
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and "-h'" in lines[0], lines


def test_dash_h_and_completion():
    assert run("-h").exit_code == 0 and "Commands" in run("-h").stdout
    assert "--format" in run("tasks", "-h").stdout
    env = {**os.environ, "_IPPLAN_COMPLETE": "complete_bash", "COMP_WORDS": "ipplan ta", "COMP_CWORD": "1"}
    proc = subprocess.run([ipplan_bin()], capture_output=True, env=env, timeout=60)
    assert proc.returncode == 0 and set(proc.stdout.decode().split()) == {"tasks", "targets"}
    assert "--install-completion" in run("--help").stdout


# ---- the layer as other commands use it -----------------------------------------------------------

def test_output_options_adopted_in_one_line(tmp_path):
    extra = typer.Typer()

    @extra.command()
    @output_options()
    def demo(out: OutputOptions, n: int = typer.Option(2, "--n")) -> None:
        out.emit([{"region": "徐汇区", "value": v} for v in range(n)], [Column("region"), Column("value", numeric=True)],
                 title="demo")

    res = CliRunner().invoke(extra, ["--n", "3", "-f", "jsonl"])
    assert res.exit_code == 0 and [json.loads(x)["value"] for x in res.stdout.splitlines()] == [0, 1, 2]
    res = CliRunner().invoke(extra, ["-f", "csv", "--no-headers", "-o", str(tmp_path / "d.csv")])
    assert res.exit_code == 0 and (tmp_path / "d.csv").read_text("utf-8") == "徐汇区,0\n徐汇区,1\n"


def test_inputs_keeps_its_api(tmp_path):
    inputs = Inputs([SEED_PUTUO, str(tmp_path / "missing.txt")], None)
    docs = list(inputs.documents())
    assert [d.meta.region for d in docs] == ["普陀区"] and inputs.failed == 1
    inputs.error("x", "bad")
    assert inputs.failed == 2 and inputs.exit_code() == 2


@pytest.mark.parametrize("width", [8, 12, 17, 28])
def test_cjk_wrapping_follows_chinese_line_breaking(width):
    from rich.cells import cell_len

    from ipplan.output.terminal import wrap_cjk

    text = ("突出质量导向，落实《普陀区促进质量提升实施意见》，加大对企业知识产权工作扶持力度，"
            "优化对知识产权创造、保护、运用（含服务）等相关奖项的资助，到2025年达到10000000000元。")
    lines = wrap_cjk(text, width).split("\n")
    assert "".join(lines) == text
    assert all(cell_len(line) <= width for line in lines)
    assert not any(line[0] in "，。、）》" for line in lines[1:])
    assert not any(line[-1] in "（《" for line in lines)
    assert any("2025" in line for line in lines)  # a number is never cut when it fits a line


def test_a_folder_link_loop_is_read_once(tmp_path):
    (tmp_path / "sub").mkdir()
    shutil.copy(SEED_PUTUO, tmp_path / "sub" / "a.txt")
    (tmp_path / "sub" / "back").symlink_to(tmp_path, target_is_directory=True)
    result = run("info", str(tmp_path), "-f", "jsonl")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1
    assert "a link to a folder already read" in result.stderr


def test_no_arguments_prints_the_help_and_a_failed_input_no_empty_table(tmp_path):
    alone = run()
    assert alone.exit_code == 2 and "Commands:" in alone.stderr and "tasks" in alone.stderr
    missing = run("tasks", str(tmp_path / "missing.txt"))
    assert missing.exit_code == 2 and missing.stdout == ""
    assert missing.stderr.splitlines() == [f"ipplan: {tmp_path / 'missing.txt'}: no such file"]


def test_output_file_extension_chooses_the_format(tmp_path):
    import openpyxl

    assert run("targets", SEED_PUTUO, "-o", str(tmp_path / "t.xlsx")).exit_code == 0
    assert openpyxl.load_workbook(tmp_path / "t.xlsx").active.max_row == len(json_rows("targets", SEED_PUTUO)) + 1
    assert run("targets", SEED_PUTUO, "-o", str(tmp_path / "t.csv")).exit_code == 0
    assert (tmp_path / "t.csv").read_text("utf-8").startswith("file,region,name")
    assert run("targets", SEED_PUTUO, "-o", str(tmp_path / "t.json"), "-f", "csv").exit_code == 0
    assert (tmp_path / "t.json").read_text("utf-8").startswith("file,")  # an explicit --format wins
    assert run("targets", SEED_PUTUO, "-o", str(tmp_path / "t.txt")).exit_code == 0
    assert "targets (" in (tmp_path / "t.txt").read_text("utf-8")


def test_a_folders_readme_is_skipped_and_named_but_read_when_named(tmp_path):
    """A collection of notices often carries its own README.md: in a folder it is no notice."""
    import shutil

    from typer.testing import CliRunner

    from conftest import SEEDS, SEEDS_DIR
    from ipplan.cli import app

    shutil.copy(SEEDS_DIR / SEEDS[0], tmp_path / SEEDS[0])
    (tmp_path / "README.md").write_text("# 说明\n本文件夹收录各地知识产权工作方案。\n", encoding="utf-8")
    (tmp_path / "LICENSE").write_text("MIT\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["info", str(tmp_path), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert [r["file"] for r in json.loads(result.stdout)] == [str(tmp_path / SEEDS[0])]
    assert "README.md: skipped: a folder's README" in result.stderr
    named = CliRunner().invoke(app, ["info", str(tmp_path / "README.md"), "-f", "json"])
    assert named.exit_code == 0 and "README.md" in named.stdout
