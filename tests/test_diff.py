"""`ipplan diff`: a seed revised by script gives exactly the changes made, in every renderer; exit codes."""
from __future__ import annotations

import html.parser
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SEEDS_DIR
from ipplan.cli import app

SEED = SEEDS_DIR / "002_16ba785a0e610339.txt"
runner = CliRunner()
CLEAN_ENV = {"NO_COLOR": None, "FORCE_COLOR": None}


def run(*args: str, env: dict | None = None):
    result = runner.invoke(app, list(args), env={**CLEAN_ENV, **(env or {})})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    return result


def revise(text: str) -> str:
    """The revision under test: item 3 deleted (4…53 renumbered), one target lowered, one unit added, one word changed."""
    out = []
    for line in text.split("\n"):
        m = re.match(r"^(\d+)\. ", line)
        if m and int(m.group(1)) == 3:
            continue
        if m and int(m.group(1)) > 3:
            line = f"{int(m.group(1)) - 1}. " + line[m.end():]
        out.append(line)
    new = "\n".join(out)
    replacements = [
        ("1\t每万人口高价值发明专利拥有量（件）\t20\t23", "1\t每万人口高价值发明专利拥有量（件）\t20\t21"),
        ("加强走访调研，回应切实需求", "深入企业走访调研，及时回应企业需求"),
        ("（区发改委、区知识产权局、区财政局、区投促办、区委宣传部）", "（区发改委、区知识产权局、区财政局、区投促办、区委宣传部、区经委）"),
    ]
    for old, repl in replacements:
        assert new.count(old) == 1, old
        new = new.replace(old, repl)
    return new


@pytest.fixture(scope="module")
def pair(tmp_path_factory) -> tuple[str, str]:
    folder = tmp_path_factory.mktemp("revised")
    old, new = folder / "old.txt", folder / "new.txt"
    text = SEED.read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    new.write_text(revise(text), encoding="utf-8")
    return str(old), str(new)


@pytest.fixture(scope="module")
def report(pair) -> dict:
    result = run("diff", *pair, "--format", "json")
    assert result.exit_code == 1
    return json.loads(result.stdout)


# ---- the revised seed: exactly the changes made -------------------------------------------------

def test_json_has_exactly_the_changes_made(report):
    assert set(report) == {"old", "new", "changes"}
    assert report["old"]["source"].endswith("old.txt") and report["new"]["title"] == report["old"]["title"]
    changes = report["changes"]
    assert Counter(c["kind"] for c in changes) == {"removed": 1, "renumbered": 50, "target-down": 1,
                                                   "unit-added": 1, "reworded": 1}
    by_kind = {c["kind"]: c for c in changes}
    removed = by_kind["removed"]
    assert removed["new"] is None and removed["old"]["path"] == ["三", "(一)", "3"] and removed["old"]["line"] == 54
    renumbered = [c for c in changes if c["kind"] == "renumbered"]
    assert sorted(int(c["old"]["path"][-1]) for c in renumbered) == list(range(4, 54))
    assert all(int(c["new"]["path"][-1]) == int(c["old"]["path"][-1]) - 1 for c in renumbered)
    down = by_kind["target-down"]
    assert (down["old"]["value"], down["new"]["value"], down["old"]["year"], down["old"]["unit"]) == (23, 21, 2025, "件")
    assert down["change_pct"] == -8.7 and down["old"]["line"] == 34 and down["new"]["line"] == 34
    unit = by_kind["unit-added"]
    assert unit["old"] is None and unit["new"]["unit"] == "区经委" and unit["new"]["path"] == ["三", "(一)", "2"]
    reworded = by_kind["reworded"]
    assert reworded["old"]["path"] == reworded["new"]["path"] == ["三", "(一)", "1"]
    assert reworded["edits"] == [{"op": "replace", "old": "加强", "new": "深入企业"},
                                 {"op": "insert", "old": "", "new": "及时"},
                                 {"op": "replace", "old": "切实", "new": "企业"}]
    assert reworded["old"]["words"] == ["加强", "切实"] and reworded["new"]["words"] == ["深入企业", "及时", "企业"]


def test_json_changes_are_ranked_by_weight(report):
    weights = [c["weight"] for c in report["changes"]]
    assert weights == sorted(weights, reverse=True)
    assert report["changes"][-1]["kind"] == "renumbered"  # never hidden, only ranked last


def test_terminal_shows_each_change_and_folds_renumbering(pair):
    result = run("diff", *pair)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    body = [line for line in lines[2:] if line.strip()]
    assert [line.split()[1] for line in body] == ["removed", "target-down", "unit-added", "reworded", "renumbered"]
    assert "[-加强-]{+深入企业+}走访调研,{+及时+}回应[-切实-]{+企业+}需求" in result.stdout  # plain marks when piped
    assert "23件 → 21件 (-8.7%)" in result.stdout and "区经委" in result.stdout
    assert "50 items: 三/(一)/4 … 六/53 → 三/(一)/3 … 六/52" in result.stdout
    assert "\x1b[" not in result.stdout


def test_terminal_colour_and_no_color(pair):
    coloured = run("diff", *pair, env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert "\x1b[" in coloured.stdout and "[-加强-]" not in coloured.stdout
    plain = run("diff", *pair, env={"FORCE_COLOR": "1", "NO_COLOR": "1", "TERM": "xterm-256color"})
    assert "[-加强-]{+深入企业+}" in plain.stdout
    assert not re.search(r"\x1b\[[0-9;]*3[1-7]m", plain.stdout)  # no foreground colour


def test_markdown_duizhao_table(pair):
    result = run("diff", *pair, "--format", "md")
    assert result.exit_code == 1
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ") and not line.startswith("| 原文")]
    assert len(rows) == 5, rows
    cells = [[c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows]
    assert all(len(c) == 2 for c in cells)
    target, reworded, unit, removed, renumbered = cells
    assert "23件" in target[0] and "**21件**" in target[1] and "-8.7%" in target[1]
    assert "~~加强~~走访调研,回应~~切实~~需求" in reworded[0] and "深入" not in reworded[0]
    assert "**深入企业**走访调研,**及时**回应**企业**需求" in reworded[1] and "切实" not in reworded[1]
    assert "区经委" not in unit[0] and "**区经委**" in unit[1]
    assert removed[0].startswith("~~3. 促进高价值专利培育") and removed[1] == "(删除)"
    assert renumbered[0].startswith("~~4.~~") and renumbered[1].startswith("**3.**") and "以上50项序号依次调整" in renumbered[1]


class _Table(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.tags: Counter[str] = Counter()
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def test_html_duizhao_table_is_print_safe(pair):
    result = run("diff", *pair, "--format", "html")
    assert result.exit_code == 1
    page = _Table()
    page.feed(result.stdout)
    header, *rows = page.rows
    assert header == ["原文", "修改后"] and len(rows) == 5 and all(len(r) == 2 for r in rows)
    assert rows[3][1] == "(删除)"
    assert "<del>加强</del>" in result.stdout and "<ins>深入企业</ins>" in result.stdout and "<ins>区经委</ins>" in result.stdout
    assert not re.search(r"(?<![-\w])(color|background)\s*:", result.stdout)  # marks are strike/underline, not colour


# ---- exit codes ---------------------------------------------------------------------------------

def test_fail_on_listed_kinds_only(pair):
    assert run("diff", *pair, "--fail-on", "target-down", "-f", "json").exit_code == 1
    assert run("diff", *pair, "--fail-on", "moved,target-up", "-f", "json").exit_code == 0
    assert run("diff", *pair, "--fail-on", "moved, removed", "-f", "json").exit_code == 1


def test_identical_files_exit_0(pair):
    result = run("diff", pair[0], pair[0], "--fail-on", "target-down")
    assert result.exit_code == 0
    assert "no difference" in result.stdout
    plain = run("diff", pair[0], pair[0], "-f", "json")
    assert plain.exit_code == 0 and json.loads(plain.stdout)["changes"] == []


@pytest.mark.parametrize("args, message", [
    (["--fail-on", "target-dwon"], "unknown change kind target-dwon"),
    (["--fail-on", ","], "unknown change kind"),
])
def test_bad_fail_on_exits_2(pair, args, message):
    result = run("diff", *pair, *args)
    assert result.exit_code == 2 and message in result.stderr and result.stdout == ""


def test_bad_inputs_exit_2(pair, tmp_path):
    missing = run("diff", pair[0], str(tmp_path / "nope.txt"))
    assert missing.exit_code == 2 and missing.stderr.startswith("ipplan: ") and "no such file" in missing.stderr
    assert run("diff", pair[0], str(tmp_path)).exit_code == 2
    assert run("diff", pair[0]).exit_code == 2
    assert run("diff", pair[0], pair[1], pair[0]).exit_code == 2
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert run("diff", str(empty), pair[1]).exit_code == 2
    assert run("diff", pair[0], pair[1], "--format", "xml").exit_code == 2


def test_stdin_as_one_side(pair):
    result = runner.invoke(app, ["diff", pair[0], "-", "-f", "json"], input=Path(pair[1]).read_bytes(), env=CLEAN_ENV)
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)["changes"]) == 54


def test_traditional_script_version_gives_no_difference(tmp_path):
    import opencc

    text = SEED.read_text(encoding="utf-8")
    trad = tmp_path / "trad.txt"
    trad.write_text(opencc.OpenCC("s2t").convert(text).replace("（", "(").replace("）", ")"), encoding="utf-8")
    assert trad.read_text(encoding="utf-8") != text
    result = run("diff", str(SEED), str(trad), "-f", "json")
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["changes"] == []


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS_DIR.glob("*.txt")))
def test_every_seed_in_traditional_script_is_the_same_plan(name):
    import opencc

    from ipplan.diff import compare
    from ipplan.parse import parse_text

    text = (SEEDS_DIR / name).read_text(encoding="utf-8")
    trad = opencc.OpenCC("s2t").convert(text)
    assert trad != text
    assert compare(parse_text(text), parse_text(trad)).changes == []
