"""The README documents every command and option, and its command reference is `--help` (cog)."""
from __future__ import annotations

from pathlib import Path

import pytest

from ipplan.clidoc import commands, reference

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_reference_matches_help():
    from cogapp import Cog

    status = Cog().main(["cog", "--check", str(README)])
    assert status == 0, "the README's command reference is stale: run `cog -r README.md`"
    assert reference() in README.read_text("utf-8")


@pytest.mark.parametrize("name", list(commands()))
def test_every_command_and_option_is_documented(name):
    text = README.read_text("utf-8")
    table = text[text.index("## Commands"):text.index("### Output")]
    assert f"`ipplan {name}" in table, f"`ipplan {name}` is missing from the README's command table"
    command = commands()[name]
    assert (command.help or "").strip(), f"`ipplan {name}` has no help text"
    for param in command.params:
        if param.param_type_name == "option":
            assert (param.help or "").strip(), f"`ipplan {name} {param.opts[0]}` has no help text"
        for opt in param.opts:
            if opt.startswith("--"):
                assert opt in text, f"{opt} of `ipplan {name}` is not in the README"
