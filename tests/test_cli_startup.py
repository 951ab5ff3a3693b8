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


# -- ipplan/_startup.py: no search for pydantic plugins unless asked for -------------------------

_PLUGIN_PROBE = """
import os, sys
from ipplan._startup import skip_pydantic_plugins
skip_pydantic_plugins()
from pydantic import BaseModel
class A(BaseModel):
    x: int = 0
A(x=1)
from pydantic.plugin._loader import get_plugins
print(repr(os.environ.get("PYDANTIC_DISABLE_PLUGINS")), "importlib.metadata" in sys.modules, list(get_plugins()))
"""


@pytest.mark.parametrize("given, expected", [
    (None, "'__all__' False []"),  # unset: the CLI switches plugins off, and nothing is searched or imported
    ("1", "'1' False []"),  # switched off by the user: kept
    ("", "'' True []"),  # exported empty: pydantic's own loader searches the entry points (none installed here)
    ("some_plugin", "'some_plugin' True []"),  # only some plugins left out: pydantic's own loader
])
def test_the_cli_turns_pydantic_plugins_off_only_when_unset(given, expected):
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if given is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = given
    out = subprocess.run([sys.executable, "-c", _PLUGIN_PROBE], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == expected


def test_plugins_allowed_later_in_the_process_use_pydantics_loader():
    import os

    code = ("import os, sys\nfrom ipplan._startup import skip_pydantic_plugins\nskip_pydantic_plugins()\n"
            "from pydantic.plugin._loader import get_plugins\nassert list(get_plugins()) == []\n"
            "os.environ['PYDANTIC_DISABLE_PLUGINS'] = ''\nassert list(get_plugins()) == []\n"
            "import pydantic.plugin._loader as real\nprint(type(real).__name__, real._plugins)")
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "module {}"  # the real loader, which has searched (and found nothing)


def test_targets_as_json_imports_nothing_it_does_not_need():
    """`ipplan targets FILE --format json` leaves out rich, pydantic's plugin search, importlib.resources,
    typer's pydantic adapters for options (`_CoerceWhenGiven._quick`), OpenCC for a simplified notice, the
    worker pool for one file, and the readers and writers of other formats."""
    from pathlib import Path

    seed = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))[0]
    code = ("import atexit, os, sys, runpy\n"
            f"sys.argv = ['ipplan', 'targets', {str(seed)!r}, '--format', 'json']\n"
            "atexit.register(lambda: print(os.environ.get('PYDANTIC_DISABLE_PLUGINS'), sorted(m for m in sys.modules if "
            "m.split('.')[0] in ('rich', 'email', 'jieba', 'sqlite3', 'zipfile', 'tempfile', 'opencc', 'multiprocessing', "
            "'concurrent', 'openpyxl', 'docx', 'pypdfium2', 'csv') or m.startswith("
            "('importlib.metadata', 'importlib.resources', 'typer._adapters'))), file=sys.stderr))\n"
            "runpy.run_module('ipplan', run_name='__main__')")
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.startswith("[")
    assert out.stderr.strip().splitlines()[-1] == "__all__ []"


# -- ipplan/_resources.py: importlib.resources.files without its import ---------------------------

def test_data_files_are_found_as_importlib_resources_finds_them():
    from importlib import resources

    from ipplan import _resources

    ours, theirs = _resources.files("ipplan.data"), resources.files("ipplan.data")
    assert ours == theirs and type(ours) is type(theirs)
    names = sorted(p.name for p in theirs.iterdir() if p.suffix in (".json", ".txt"))
    assert len(names) >= 10
    for name in names:
        assert ours.joinpath(name).read_text("utf-8") == theirs.joinpath(name).read_text(encoding="utf-8")


def test_a_package_in_a_zip_is_left_to_importlib_resources(tmp_path, monkeypatch):
    import zipfile
    from importlib import resources

    from ipplan import _resources

    archive = tmp_path / "pkgs.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("zipped_data_pkg/__init__.py", "")
        z.writestr("zipped_data_pkg/words.json", '{"a": 1}')
    monkeypatch.syspath_prepend(str(archive))
    found, theirs = _resources.files("zipped_data_pkg"), resources.files("zipped_data_pkg")
    assert type(found) is type(theirs) and str(found) == str(theirs)  # a zipfile.Path, not a folder
    assert found.joinpath("words.json").read_text("utf-8") == '{"a": 1}'


# -- _CoerceWhenGiven._quick: typer's answer for choices and lists of texts without its adapter -----

def _outcome(coercion, value, param, ctx):
    try:
        return ("ok", type(value).__name__, coercion.coerce(value, param=param, ctx=ctx))
    except Exception as exc:  # the same error, with the same message, either way
        return ("error", type(exc).__name__, str(exc))


@pytest.mark.parametrize("name", NAMES)
def test_quick_coercion_gives_typers_answer(name):
    from enum import Enum

    from typer._coercion import build_runtime_param

    group = get_command(app)
    command = group.commands[name]
    ctx = typer.Context(command, info_name=name)
    params = command.get_params(ctx)
    cli._coerce_when_given(params)
    tried = 0
    for param in params:
        annotation = param.type_descriptor.annotation
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            members = list(annotation)
            values = [m.value for m in members] + members + [m.value.upper() for m in members] + [
                "nope", "", " json", members[0].value + "\n", 3]
        elif annotation == list[str]:
            values = [("a.txt",), ("规划/甲.txt", "b c.md", "-"), ("a\udcffb.txt",), (), ["x"], ("x", 1), "x"]
        else:
            continue
        for value in values:
            fresh = cli._CoerceWhenGiven(param.type_descriptor, None, build_runtime_param)  # no adapter built yet
            own = build_runtime_param(param.type_descriptor)
            assert _outcome(fresh, value, param, ctx) == _outcome(own, value, param, ctx), (param.name, value)
            tried += 1
    assert tried or name in ("schema",)


# -- the cyclic garbage collector is off while the CLI starts (ipplan/_startup.py) ---------------------

def _python(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip()


def test_the_cli_collects_nothing_until_its_first_document_then_as_usual():
    import json
    from pathlib import Path

    seeds = [str(p) for p in sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))[:3]]
    code = ("import gc, json, sys\nimport ipplan.batch as B\nfrom ipplan.cli import main\n"
            "collections = []\ngc.callbacks.append(lambda phase, info: phase == 'start' and collections.append(1))\n"
            "real, state = B.parse_job, []\n"
            "def spy(job, lexicon=None):\n"
            "    state.append([gc.isenabled(), gc.get_freeze_count() > 0, len(collections)])\n"
            "    return real(job, lexicon)\n"
            "B.parse_job = spy\nstarted = len(collections)\n"
            f"sys.argv = ['ipplan', 'targets', *{seeds!r}, '--format', 'json', '--jobs', '1']\n"
            "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
            "print(json.dumps({'started': started, 'files': state, 'on_at_exit': gc.isenabled()}), file=sys.stderr)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr[-2000:]
    seen = json.loads(out.stderr.strip().splitlines()[-1])
    first, *others = seen["files"]
    assert first == [False, False, seen["started"]]  # off, nothing frozen, no collection since main() began
    assert all(on and frozen for on, frozen, _ in others)  # then on, with what start-up made frozen
    assert seen["on_at_exit"] and len(others) == 2


def test_workers_collect_as_usual():
    """Workers are forked after start-up ends: their collector is on (they parse thousands of files)."""
    from pathlib import Path

    seeds = [str(p) for p in sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))[:3]]
    code = ("import gc\nimport ipplan.parse as P\nimport ipplan._startup as S\nfrom ipplan.batch import Job, run\n"
            "def probe(*args, **kwargs):\n    raise RuntimeError(f'collector on: {gc.isenabled()}')\n"
            "P.parse_bytes = probe\nS.pause_gc()\nassert not gc.isenabled()\n"
            f"jobs = [Job(name=n, source=n, path=n) for n in {seeds!r}]\n"
            "print(sorted({o.error for o in run(jobs, workers=2, progress=False)}), gc.isenabled())")
    assert _python(code) == "['the parser failed: RuntimeError: collector on: True'] True"


def test_pause_and_resume_leave_a_collector_that_was_off_alone():
    code = ("import gc\nimport ipplan._startup as S\ngc.disable()\nS.pause_gc()\nS.resume_gc()\n"
            "print(gc.isenabled(), gc.get_freeze_count())")
    assert _python(code) == "False 0"


def test_the_collector_comes_back_after_a_while_whatever_the_command_does():
    code = ("import gc, time\nimport ipplan._startup as S\nS.RESUME_AFTER = 0.2\nS.pause_gc()\n"
            "before = gc.isenabled()\ntime.sleep(1.0)\nprint(before, gc.isenabled(), gc.get_freeze_count() > 0)")
    assert _python(code) == "False True True"


def test_resuming_ends_the_timer_thread():
    code = ("import gc, threading\nimport ipplan._startup as S\nS.pause_gc()\nn = threading.active_count()\n"
            "S.resume_gc()\nprint(n, threading.active_count(), gc.isenabled())")
    assert _python(code) == "2 1 True"


def test_the_cli_skips_the_last_collection_at_exit():
    """Everything alive is frozen by an atexit hook, so the interpreter's last collection passes over nothing."""
    code = ("import atexit, gc, sys\n"
            "atexit.register(lambda: print('frozen at exit', gc.get_freeze_count() > 10000, file=sys.stderr))\n"
            "sys.argv = ['ipplan', '--version']\nfrom ipplan.cli import main\nmain()\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.startswith("ipplan ") and out.stderr.strip() == "frozen at exit True"


def test_any_other_name_of_the_plugin_loader_comes_from_pydantics():
    code = ("import sys\nfrom ipplan._startup import skip_pydantic_plugins\nimport os\n"
            "os.environ.pop('PYDANTIC_DISABLE_PLUGINS', None)\nskip_pydantic_plugins()\n"
            "import pydantic.plugin\nstub = sys.modules['pydantic.plugin._loader']\nprint(stub.PYDANTIC_ENTRY_POINT_GROUP, type(stub).__name__, "
            "type(sys.modules['pydantic.plugin._loader']).__name__, hasattr(stub, '__path__'))")
    assert _python(code) == "pydantic _NoPluginLoader module False"
