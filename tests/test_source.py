"""The package's source compiles without warnings: an invalid escape such as `\\s` in a docstring
is a DeprecationWarning today and a SyntaxError in a later Python."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest

SOURCES = sorted((Path(__file__).resolve().parent.parent / "ipplan").rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(p.parents[len(p.parts) - 2])))
def test_module_compiles_without_warnings(path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        compile(path.read_text(encoding="utf-8"), str(path), "exec")


def test_a_bad_escape_is_caught() -> None:
    with warnings.catch_warnings(), pytest.raises((SyntaxError, DeprecationWarning, SyntaxWarning)):
        warnings.simplefilter("error")
        compile('"""a \\s b"""', "x.py", "exec")
