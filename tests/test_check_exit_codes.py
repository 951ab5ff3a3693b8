"""The exit codes the README's table promises, for every command (0 ok, 1 findings/differences, 2 bad input or usage)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SEEDS_DIR
from ipplan.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEED = str(SEEDS_DIR / "000_16a45e86425a59f0.txt")
OTHER = str(SEEDS_DIR / "001_b166df9dff158bba.txt")
GAP = "某区工作方案\n一、主要任务\n（一）创造\n推进。\n（二）保护\n推进。\n（四）服务\n推进。\n"


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("codes")
    (folder / "gap.txt").write_text(GAP, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    return {"gap": str(folder / "gap.txt"), "empty": str(folder / "empty.txt"), "missing": str(folder / "missing.txt"),
            "db": str(folder / "plans.db"), "nodb": str(folder / "none.db")}


CASES = [
    # (command line, expected code); {name} is filled from the files fixture
    (["--version"], 0),
    (["parse", SEED], 0), (["parse", "{missing}"], 2), (["parse", "{empty}"], 2), (["parse", SEED, "-f", "xml"], 2),
    (["tasks", SEED], 0), (["tasks", "{missing}"], 2), (["tasks", SEED, "--grep", "("], 2),
    (["targets", SEED], 0), (["targets", "{missing}"], 2), (["targets", SEED, "--key", "nope"], 2),
    (["info", SEED], 0), (["info", "{missing}"], 2),
    (["compare", SEED, OTHER], 0), (["compare", SEED, "{missing}"], 2), (["compare", SEED, "--view", "nope"], 2),
    (["text", SEED], 0), (["text", "{missing}"], 2), (["text", "{empty}"], 2),
    (["index", SEED, "--db", "{db}", "--jobs", "1"], 0), (["index", SEED, "{missing}", "--db", "{db}"], 2),
    (["index", "-", "--db", "{db}"], 2),
    (["search", "专利", "--db", "{db}"], 0), (["search", "没有这个词语", "--db", "{db}"], 0),
    (["search", "专利", "--db", "{nodb}"], 2),
    (["targets", "--db", "{db}"], 0), (["targets", SEED, "--db", "{db}"], 2),
    (["indicators"], 0), (["indicators", "-f", "xml"], 2),
    (["schema"], 0), (["schema", "extra"], 2),
    (["check", SEED], 0), (["check", "{gap}"], 1), (["check", "{gap}", "--severity", "error"], 0),
    (["check", "{gap}", "{missing}"], 2), (["check", SEED, "--severity", "loud"], 2),
    (["diff", SEED, SEED], 0), (["diff", SEED, OTHER], 1), (["diff", SEED, OTHER, "--fail-on", "split"], 0),
    (["diff", SEED, "{missing}"], 2), (["diff", SEED], 2), (["diff", SEED, OTHER, "--fail-on", "bogus"], 2),
    # the shared options: output that cannot be written, a bad --meta, a wrong format for the command
    (["compare", SEED, "-o", "/nonexistent/cmp.xlsx"], 2), (["compare", SEED, "--meta", "colour=red"], 2),
    (["check", "{gap}", "-o", "/nonexistent/r.sarif"], 2), (["check", SEED, "-f", "md"], 2),
    (["diff", SEED, OTHER, "-o", "/nonexistent/d.html"], 2), (["diff", SEED, OTHER, "--meta", "period=2026-2024"], 2),
    (["text", SEED, "-o", "/nonexistent/t.jsonl"], 2), (["text", SEED, "--errors", "ignore"], 2),
    (["nosuchcommand"], 2),
]


@pytest.mark.parametrize("args, code", CASES, ids=[" ".join(a) for a, _ in CASES])
def test_exit_code(files, args, code):
    argv = [a.format(**files) for a in args]
    result = CliRunner().invoke(app, argv)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == code, (argv, result.stdout[-300:], result.stderr[-300:])
    if code == 2 and "{" not in " ".join(args):
        assert result.stderr.strip(), "a usage error says why on stderr"


def test_every_command_has_a_row_in_the_readme_exit_code_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Exit codes by command", 1)[1].split("\n#", 1)[0]
    commands = {c.name for c in app.registered_commands if c.name} | {
        c.callback.__name__ for c in app.registered_commands if not c.name}
    for command in commands:
        assert re.search(rf"`{command}`", table), f"{command} has no row in the README's exit-code table"
    tested = {args[0] for args, _ in CASES}
    assert commands <= tested, commands - tested
