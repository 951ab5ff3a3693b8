"""Start-up shortcuts of ipplan/cli.py: commands built on first use, no pydantic adapter for an unset option.

Both only save time, so these tests check that nothing else changes: every command is still
registered and built in full when looked up, and an unset option comes out of the shortcut
exactly as out of typer's own coercion.
"""
from __future__ import annotations

import subprocess
import sys

import pytest
import typer
from typer.main import get_command

from ipplan import cli
from ipplan.cli import app

NAMES = ["parse", "tasks", "targets", "info", "indicators", "schema", "compare", "check", "diff", "text", "index",
         "search"]


def test_every_command_is_registered_in_order():
    assert [c.name for c in app.registered_commands] == NAMES
    group = get_command(app)
    assert list(group.commands) == NAMES
    assert group.list_commands(None) == NAMES


def test_a_command_is_built_in_full_when_looked_up():
    group = get_command(app)
    assert isinstance(group.commands._commands["compare"], cli._Pending)  # nothing built yet
    compare = group.commands["compare"]
    assert not isinstance(compare, cli._Pending)
    assert "--format" in {opt for p in compare.params for opt in p.opts}
    assert group.get_command(None, "compare") is compare
    assert all(not isinstance(c, cli._Pending) for c in dict(group.commands).values())


def test_running_one_command_imports_no_other_command_module():
    code = ("import sys\nfrom typer.testing import CliRunner\nfrom ipplan.cli import app\n"
            "r = CliRunner().invoke(app, ['indicators', '-f', 'json'])\nassert r.exit_code == 0, r.output\n"
            "print(sorted(m for m in sys.modules if m.startswith('ipplan.') and m.endswith('.cli') and m != 'ipplan.cli'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("name", NAMES)
def test_unset_and_given_options_coerce_as_typer_does(name):
    from typer._coercion import build_runtime_param

    group = get_command(app)
    command = group.commands[name]
    ctx = typer.Context(command, info_name=name)
    params = command.get_params(ctx)
    cli._coerce_when_given(params)
    for param in params:
        shortcut = param._runtime_param
        assert isinstance(shortcut, cli._CoerceWhenGiven), param.name
        own = build_runtime_param(param.type_descriptor)
        assert shortcut.coerce(None, param=param, ctx=ctx) == own.coerce(None, param=param, ctx=ctx), param.name
        if param.default is not None and not callable(param.default):
            value = param.default
            assert shortcut.coerce(value, param=param, ctx=ctx) == own.coerce(value, param=param, ctx=ctx), param.name
