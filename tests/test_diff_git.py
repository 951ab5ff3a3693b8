"""The git recipes in the README, run in a real temporary repository."""
from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from conftest import SEEDS_DIR
from ipplan.cli import app
from test_diff import SEED, revise

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
IPPLAN = f"{shlex.quote(sys.executable)} -m ipplan"


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    root = tmp_path_factory.mktemp("repo")
    env = {**os.environ, "HOME": str(root), "GIT_CONFIG_NOSYSTEM": "1", "NO_COLOR": "1",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    env.pop("GIT_EXTERNAL_DIFF", None)

    def git(*args: str, extra: dict | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], cwd=root, env={**env, **(extra or {})}, capture_output=True,
                              text=True, encoding="utf-8", timeout=120)

    assert git("init", "-q").returncode == 0
    (root / ".gitattributes").write_text("*.txt diff=ipplan\n", encoding="utf-8")
    plan = root / "plan.txt"
    plan.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert git("add", ".").returncode == 0 and git("commit", "-qm", "issued").returncode == 0
    plan.write_text(revise(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    return git


def test_diff_driver_command(repo):
    """.gitattributes `*.txt diff=ipplan` + `git config diff.ipplan.command 'ipplan diff'`."""
    proc = repo("-c", f"diff.ipplan.command={IPPLAN} diff", "diff")
    assert proc.returncode == 0, proc.stderr
    assert "ipplan diff a/plan.txt b/plan.txt" in proc.stdout
    for expected in ("removed", "target-down", "23件 → 21件", "unit-added", "[-加强-]{+深入企业+}", "50 items"):
        assert expected in proc.stdout


def test_git_external_diff(repo):
    proc = repo("diff", extra={"GIT_EXTERNAL_DIFF": f"{IPPLAN} diff"})
    assert proc.returncode == 0, proc.stderr
    assert "ipplan diff a/plan.txt b/plan.txt" in proc.stdout and "target-down" in proc.stdout


def test_textconv_recipe(repo):
    """`git config diff.ipplan.textconv 'ipplan parse --format md'`: a line diff of the outlines, for git log -p."""
    proc = repo("-c", f"diff.ipplan.textconv={IPPLAN} parse --format md", "diff")
    assert proc.returncode == 0, proc.stderr
    removed = [line for line in proc.stdout.splitlines() if line.startswith("-") and "促进高价值专利培育" in line]
    assert removed


def test_external_diff_arguments_with_dev_null(tmp_path):
    """A file git adds: the old side is /dev/null, every entry is added, and the exit code is 0 for git."""
    new = SEEDS_DIR / "004_3ee95635a5469f0b.txt"
    args = ["diff", "plan.txt", "/dev/null", "0" * 40, "100644", str(new), "1" * 40, "100644", "--format", "json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stdout
    report = json.loads(result.stdout)
    assert report["changes"] and {c["kind"] for c in report["changes"]} <= {"added", "target-added", "meta-changed"}


def test_git_mode_reports_a_file_it_cannot_read_and_lets_git_go_on(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    args = ["diff", "notes.txt", str(SEEDS_DIR / "004_3ee95635a5469f0b.txt"), "0" * 40, "100644", str(empty),
            "1" * 40, "100644"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0
    assert result.stderr.startswith(f"ipplan: {empty}: ")
