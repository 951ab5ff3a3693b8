"""`ipplan check`: structured findings (rule, severity, message, line, column) for planted faults; exit codes."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import CORPUS, CORPUS_DIR, SEEDS, SEEDS_DIR, parsed
from ipplan.check.lint import lint
from ipplan.check.rules import RULES, SEVERITIES, at_least
from ipplan.cli import app
from ipplan.parse import parse_text
from ipplan.schema.models import SCHEMA_VERSION, Block, Document, Finding, Meta

runner = CliRunner()
PLAN = "某区知识产权工作方案（2024—2025年）\n"
TABLE = "一、主要目标\n发展指标\n序号\t指标\t2024年\t2025年\n1\t发明专利拥有量（件）\t490\t500\n"

PLANTED = {
    # rule: (text, line, column or None)
    "numbering-gap": (PLAN + "一、主要任务\n（一）创造\n推进。\n（二）保护\n推进。\n（四）服务\n推进。\n", 7, 1),
    "numbering-start": ("二、主要任务\n1.推进。开展工作。\n三、保障措施\n加强领导。\n", 1, 1),
    "label-rejected": (PLAN + "一、主要任务\n1.推进专利导航。开展工作。\n2.强化商标品牌。推进工作。\n  1.加强执法检查。开展行动。\n", 5, 3),
    "numbering-duplicate": (PLAN + "一、主要任务\n1.推进专利导航。开展工作。\n2.强化商标品牌。推进工作。\n2.加强保护。开展执法。\n", 5, 1),
    "numbering-order": (PLAN + "一、主要任务\n（一）创造\n推进。\n（三）保护\n推进。\n（二）运用\n推进。\n", 7, 1),
    "units-missing": (PLAN + "一、主要任务\n1.推进专利导航。开展工作。（区知识产权局）\n2.强化商标品牌。推进工作。（区市场监管局）\n"
                      "3.加强保护。开展执法。\n", 5, None),
    "target-no-year": ("某区工作方案\n一、主要任务\n1.推进专利导航。新增发明专利100件。\n", 3, None),
    "target-no-unit": (PLAN + "一、主要目标\n到2025年，标识注册总量突破50亿。\n", 3, None),
    "period-mismatch": (PLAN + "一、主要目标\n到2027年，全区发明专利拥有量达到490件。\n", 3, None),
    "doc-number-format": ("某区人民政府办公室关于印发某区知识产权工作方案的通知\n某府办[2024]026号\n各街道：\n现印发给你们。\n"
                          "某区人民政府办公室\n2024年3月5日\n某区知识产权工作方案\n一、主要任务\n1.推进专利导航。开展工作。\n", 2, None),
    "date-format": ("某区人民政府办公室关于印发某区知识产权工作方案的通知\n某府办〔2024〕26号\n各街道：\n现印发给你们。\n"
                    "某区人民政府办公室\n2024年13月5日\n某区知识产权工作方案\n一、主要任务\n1.推进专利导航。开展工作。\n", 6, None),
    "table-row-unparsed": (PLAN + TABLE + "2\t商标注册量（件）\t2024年底前完成\t2025年6月底前完成\n二、主要任务\n1.推进。开展工作。\n",
                           6, None),
    "no-outline": ("这是一段没有编号的文字。\n只是文字。\n", None, None),
    "no-title": ("这是一段没有编号的文字。\n只是文字。\n", None, None),
}


@pytest.mark.parametrize("rule", sorted(PLANTED))
def test_planted_fault_is_found_on_its_line(rule):
    text, line, column = PLANTED[rule]
    doc = parse_text(text)
    hits = [f for f in doc.findings if f.rule == rule]
    assert hits, doc.findings
    assert hits[0].line == line and hits[0].column == column and hits[0].severity == RULES[rule].severity
    assert all(f.rule in RULES for f in doc.findings)


def test_clean_variants_have_no_findings():
    """The same plans without the fault: every finding above needs its fault."""
    assert parse_text(PLAN + "一、主要任务\n（一）创造\n推进。\n（二）保护\n推进。\n（三）服务\n推进。\n").findings == []
    assert parse_text(PLAN + TABLE + "2\t商标注册量（件）\t20\t30\n二、主要任务\n1.推进。开展工作。\n").findings == []
    assert parse_text(PLAN + "一、主要目标\n到2025年，全区发明专利拥有量达到490件。\n").findings == []
    assert parse_text(PLAN + "一、主要任务\n1.推进专利导航。开展工作。\n2.强化商标品牌。推进工作。\n3.加强保护。开展执法。\n").findings == []


def test_unplaced_text_and_header_fields_are_linted():
    doc = Document(meta=Meta(doc_number="某府办〔2024〕26号", header={"发布日期": "2024年2月30日", "文号": "第二十六号"},
                             lines={"doc_number": 3}),
                   unplaced=[Block(line=12, text="无法归类的文字")])
    found = {(f.rule, f.line) for f in lint(doc)}
    assert found == {("unplaced-text", 12), ("date-format", None), ("doc-number-format", None)}


@pytest.mark.parametrize("name", SEEDS)
def test_seeds_have_no_warnings(name):
    doc = parsed(str(SEEDS_DIR / name))
    assert [f for f in doc.findings if f.severity != "note"] == []
    assert doc.warnings == []


@pytest.mark.parametrize("name", CORPUS)
def test_every_finding_names_a_known_rule_and_a_real_line(name):
    path = CORPUS_DIR / name
    doc = parsed(str(path))
    lines = path.read_bytes().count(b"\n") + 1
    for f in doc.findings:
        assert f.rule in RULES and f.severity in SEVERITIES and f.message
        assert f.line is None or 1 <= f.line <= lines
        assert f.column is None or f.column >= 1


def test_model_findings_replace_string_warnings():
    doc = parse_text(PLANTED["numbering-gap"][0])
    data = doc.model_dump(mode="json")
    assert SCHEMA_VERSION == "2.0" and "warnings" not in data
    assert data["findings"][0] == {"rule": "numbering-gap", "severity": "warning", "line": 7, "column": 1,
                                   "message": "numbering jumps from (二) to (四) under 一", "path": ["一", "(四)"],
                                   "page": None}
    assert doc.warnings == ["line 7: numbering jumps from (二) to (四) under 一"]  # the pre-2.0 strings, for old scripts
    assert str(Finding(rule="no-title", severity="warning", message="no plan title found")) == "no plan title found"


def test_severity_order():
    assert at_least("error", "warning") and at_least("warning", "warning") and not at_least("note", "warning")


# ---- the command ----------------------------------------------------------------------------

def run(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture()
def files(tmp_path):
    out = {}
    for rule in ("numbering-gap", "units-missing", "label-rejected"):
        path = tmp_path / f"{rule}.txt"
        path.write_text(PLANTED[rule][0], encoding="utf-8")
        out[rule] = str(path)
    return out


def test_text_format_is_file_line_column(files):
    result = run("check", files["numbering-gap"])
    assert result.exit_code == 1
    assert result.stdout == f"{files['numbering-gap']}:7:1: warning: numbering jumps from (二) to (四) under 一 [numbering-gap]\n"


def test_severity_threshold_decides_output_and_exit(files):
    note_only = files["units-missing"]
    assert run("check", note_only).exit_code == 0
    noted = run("check", note_only, "--severity", "note")
    assert noted.exit_code == 1 and "[units-missing]" in noted.stdout and ":5: note:" in noted.stdout
    assert run("check", files["numbering-gap"], "--severity", "error").exit_code == 0
    bad = run("check", note_only, "--severity", "fatal")
    assert bad.exit_code == 2 and bad.stdout == ""


def test_json_format(files):
    result = run("check", files["label-rejected"], files["units-missing"], "--format", "json", "--severity", "note")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [r["file"] for r in report] == [files["label-rejected"], files["units-missing"]]
    finding = report[0]["findings"][0]
    assert finding == {"file": files["label-rejected"], "rule": "label-rejected", "severity": "warning", "line": 5,
                       "column": 3, "message": "'1.' does not continue the numbering; kept as text", "path": None,
                       "page": None}
    assert report[1]["findings"][0]["rule"] == "units-missing"


def test_exit_codes(files, tmp_path):
    assert run("check", str(SEEDS_DIR / SEEDS[0])).exit_code == 0
    assert run("check", files["numbering-gap"]).exit_code == 1
    missing = run("check", files["numbering-gap"], str(tmp_path / "missing.txt"))
    assert missing.exit_code == 2 and "no such file" in missing.stderr  # bad input wins over findings
    assert run("check", str(SEEDS_DIR / SEEDS[0]), "--format", "yaml").exit_code == 2


def test_untitled_entries_and_repeated_paths():
    """Neither happens with today's outline builder; the rules guard the model against a future one."""
    from ipplan.parse.validate import _check_numbering, _check_paths
    from ipplan.schema.models import Node

    def node(label: str, line: int, title: str = "推进") -> Node:
        return Node(kind="chapter", label=label, label_raw=f"{label}、", path=[label], title=title, text=title,
                    line=line, end_line=line)

    doc = Document(meta=Meta(title="某方案"), outline=[node("一", 2), node("二", 3, title=""), node("二", 4)])
    found: list[Finding] = []
    _check_numbering(doc, found, {})
    _check_paths(doc, found)
    assert {(f.rule, f.line) for f in found} >= {("missing-title", 3), ("path-duplicate", 4), ("numbering-duplicate", 4)}


def test_rules_are_listed():
    result = run("check", "--rules")
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == list(RULES)
    listed = json.loads(run("check", "--rules", "--format", "json").stdout)
    assert [r["id"] for r in listed] == list(RULES) and all(r["help"] for r in listed)
