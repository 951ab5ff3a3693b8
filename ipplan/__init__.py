"""ipplan: read Chinese policy plans into validated models.

`import ipplan` stays light; `ipplan.parse` (the parsing package, which is also
callable: `ipplan.parse(path_or_text)`) is imported on first use.
"""
from __future__ import annotations

__version__ = "0.1.0"


def __getattr__(name: str):
    if name == "parse":
        import importlib

        return importlib.import_module("ipplan.parse")
    raise AttributeError(f"module 'ipplan' has no attribute {name!r}")
