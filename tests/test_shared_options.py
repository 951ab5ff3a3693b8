"""compare, check, diff and text take the shared input and output options, as every other command does.

The input options (folders read recursively, --errors replace, --meta, --input-format, --encoding,
- for stdin) and the output options (-o FILE written atomically, --format with the formats that
fit the command, --no-headers, --bom, xlsx where the output is tabular) come from one place
(`ipplan.inputs.input_options`, `ipplan.output.output_options`); these tests hold each command to them.
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from conftest import SEEDS_DIR
from ipplan.cli import app

SEED = SEEDS_DIR / "000_16a45e86425a59f0.txt"
OTHER = SEEDS_DIR / "002_16ba785a0e610339.txt"
PLAIN = ("知识产权工作方案\n一、主要任务\n（一）加强保护\n推进专利保护工作。到2025年，专利授权量达到500件，"
         "知识产权质押融资金额达到10亿元。\n（二）强化运用|转化\n推动成果转化运营。\n")
GAP = "某区工作方案\n一、主要任务\n（一）创造\n推进。\n（二）保护\n推进。\n（四）服务\n推进。\n"

INPUT_OPTIONS = {"--encoding", "--errors", "--input-format", "--recursive", "--meta"}
OUTPUT_OPTIONS = {"--format", "--output"}
FORMATS = {
    "compare": {"table", "json", "csv", "tsv", "md", "xlsx"},
    "check": {"text", "json", "sarif"},
    "diff": {"text", "json", "md", "html"},
    "text": {"text", "jsonl"},
}


def run(*args: str | Path, input: bytes | None = None):
    result = CliRunner().invoke(app, [str(a) for a in args], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    return result


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_command_has_the_shared_options(name):
    command = get_command(app).commands[name]
    options = {opt for p in command.params for opt in p.opts}
    assert INPUT_OPTIONS | OUTPUT_OPTIONS <= options
    fmt = next(p for p in command.params if "--format" in p.opts)
    listed = fmt.help.split(":", 1)[1].split(".", 1)[0]  # "Output format: text, json, sarif. Default: …"
    assert {f.strip() for f in listed.split(",")} == FORMATS[name]
    assert run(name, "--format", "xml").exit_code == 2
    if name == "compare":  # tabular: the row options too
        assert {"--no-headers", "--bom"} <= options


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """A folder with a plan at the top and one in a sub-folder."""
    folder = tmp_path / "plans"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SEED, folder / "a.txt")
    (folder / "sub" / "gap.txt").write_text(GAP, "utf-8")
    return folder


def _replaced_atomically(target: Path, write) -> None:
    """-o FILE replaces FILE by a rename (a new file), never by truncating the old one in place."""
    target.write_text("yesterday's good report", "utf-8")
    keep = target.with_name("old-link")
    os.link(target, keep)  # a second name for the old file: it must keep the old bytes
    result = write()
    assert result.stdout == ""
    assert keep.read_text("utf-8") == "yesterday's good report"
    assert target.stat().st_ino != keep.stat().st_ino
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
    return result


# -- compare -----------------------------------------------------------------------------------

def test_compare_meta_names_the_region_in_column_labels(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAIN, "utf-8")
    assert "闵行区" not in run("compare", plan, "-v", "targets", "--width", "100").stdout
    table = run("compare", plan, "-v", "targets", "--width", "100", "--meta", "region=闵行区")
    assert table.exit_code == 0, table.stderr
    assert "闵行区" in table.stdout.splitlines()[1]  # the column label, under the title line
    data = json.loads(run("compare", plan, "-f", "json", "--meta", "region=闵行区").stdout)
    assert [d["region"] for d in data["documents"]] == ["闵行区"]


def test_compare_xlsx_has_a_sheet_per_view_with_typed_numbers(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "cmp.xlsx"
    _replaced_atomically(target, lambda: run("compare", SEED, OTHER, "-o", target))  # format from the extension
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["targets", "tools", "themes", "units", "measures"]
    sheet = book["targets"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    data = json.loads(run("compare", SEED, OTHER, "-f", "json").stdout)
    assert len(rows) == sum(len(cells) for r in data["targets"] for cells in r["cells"].values())
    assert all(isinstance(r["value"], (int, float)) for r in rows if r["op"] != "range")
    assert all(isinstance(r["year"], int) for r in rows if r["year"] is not None)
    assert any(r["human"].endswith("亿元 (2026)") for r in rows)  # human amounts beside the base values
    themes = book["themes"]
    theme_header = [c.value for c in themes[1]]
    count_col = theme_header.index("count")
    assert all(isinstance(row[count_col].value, int) for row in themes.iter_rows(min_row=2))


def test_compare_md_uses_the_shared_writer_and_csv_the_row_options(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAIN, "utf-8")
    md = run("compare", plan, SEED, "-v", "measures", "-f", "md", "--min-sim", "0").stdout
    table = [line for line in md.splitlines() if line.startswith("|")]
    assert table[1].startswith("|---") and "---:" in table[1]  # numeric columns right-aligned
    for line in table:  # a | in a title is escaped, so every row has the header's cells
        assert line.replace("\\|", "").count("|") == table[0].count("|")
    assert any("强化运用\\|转化" in line for line in table)
    plain = run("compare", SEED, OTHER, "-v", "themes", "-f", "csv").stdout
    bare = run("compare", SEED, OTHER, "-v", "themes", "-f", "csv", "--no-headers").stdout
    assert plain.splitlines()[1:] == bare.splitlines()
    bom = run("compare", SEED, OTHER, "-v", "themes", "-f", "tsv", "--bom").stdout_bytes.decode("utf-8")
    assert bom.startswith("\ufeffview\t") and "\r\n" in bom
    rows = list(csv.reader(io.StringIO(bom.lstrip("\ufeff")), dialect="excel-tab"))
    assert {r[0] for r in rows[1:]} == {"themes"}


def test_compare_reads_folders_recursively(tree):
    data = json.loads(run("compare", tree, "-f", "json").stdout)
    assert len(data["documents"]) == 2
    flat = run("compare", tree, "-f", "json", "--no-recursive")
    assert len(json.loads(flat.stdout)["documents"]) == 1 and "sub-folder" in flat.stderr


# -- check --------------------------------------------------------------------------------------

def test_check_reads_folders_recursively_and_writes_sarif_to_a_file(tree, tmp_path):
    result = run("check", tree)
    assert result.exit_code == 1 and "gap.txt" in result.stdout  # the finding is in the sub-folder
    target = tmp_path / "report.sarif"
    result = _replaced_atomically(target, lambda: run("check", tree, "-o", target))
    assert result.exit_code == 1
    sarif = json.loads(target.read_text("utf-8"))
    assert sarif["version"] == "2.1.0"
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert any(u.endswith("gap.txt") for u in uris)
    assert run("check", tree, "--no-recursive").exit_code == 0


def test_check_errors_replace_and_stdin(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(GAP.encode("utf-8").replace("推进".encode("utf-8"), b"\xff\xfe", 1))
    assert run("check", bad).exit_code == 2
    result = run("check", bad, "--errors", "replace", "-f", "json")
    assert result.exit_code == 1 and "undecodable" in result.stderr
    assert json.loads(result.stdout)[0]["findings"]
    piped = run("check", "-", "-f", "json", input=GAP.encode("utf-8"))
    assert piped.exit_code == 1 and json.loads(piped.stdout)[0]["findings"]


# -- diff -----------------------------------------------------------------------------------------

def test_diff_writes_its_formats_to_a_file_and_keeps_its_exit_codes(tmp_path):
    target = tmp_path / "changes.json"
    result = _replaced_atomically(target, lambda: run("diff", SEED, OTHER, "-o", target))
    assert result.exit_code == 1  # differences
    data = json.loads(target.read_text("utf-8"))
    assert data["changes"] and {"old", "new", "changes"} <= set(data)
    page = tmp_path / "对照表.html"
    assert run("diff", SEED, OTHER, "-o", page, "--fail-on", "split").exit_code == 0
    assert page.read_text("utf-8").lstrip().lower().startswith("<!doctype html")


def test_diff_takes_the_input_options(tmp_path):
    old = tmp_path / "old.txt"
    old.write_bytes(PLAIN.encode("gb18030"))
    new = tmp_path / "new.txt"
    new.write_bytes(PLAIN.replace("500件", "600件").encode("gb18030"))
    result = run("diff", old, new, "-f", "json", "--encoding", "gb18030", "--fail-on", "target-up")
    assert result.exit_code == 1, result.stderr
    assert [c["kind"] for c in json.loads(result.stdout)["changes"]] == ["target-up"]
    # --meta states the same for both sides: no meta change appears
    same = run("diff", old, new, "-f", "json", "--meta", "region=闵行区", "--fail-on", "meta-changed")
    assert same.exit_code == 0
    piped = run("diff", old, "-", "-f", "json", "-e", "gb18030", input=PLAIN.encode("gb18030"))
    assert piped.exit_code == 0 and json.loads(piped.stdout)["changes"] == []
    assert run("diff", tmp_path, new).exit_code == 2


# -- text -----------------------------------------------------------------------------------------

def test_text_reads_folders_recursively_to_a_file(tree, tmp_path):
    target = tmp_path / "lines.jsonl"
    _replaced_atomically(target, lambda: run("text", tree, "-o", target))
    rows = [json.loads(line) for line in target.read_text("utf-8").splitlines()]
    assert {Path(r["source"]).name for r in rows} == {"a.txt", "gap.txt"}
    shown = run("text", tree, "--origins", "--no-recursive")
    assert "gap.txt" not in shown.stdout and "sub-folder" in shown.stderr


def test_text_errors_replace_and_meta_is_not_dropped_silently(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xe7\x9f\xa5\xe8\xaf\x86 \xff\xfe ok\n")
    assert run("text", bad).exit_code == 2
    result = run("text", bad, "--errors", "replace")
    assert result.exit_code == 0 and "\ufffd" in result.stdout and "line 1" in result.stderr
    noted = run("text", SEED, "--meta", "region=闵行区")
    assert noted.exit_code == 0 and "--meta" in noted.stderr
