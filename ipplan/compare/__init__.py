"""`ipplan compare`: several parsed plans side by side, every count traceable to its clauses.

    from ipplan.compare import compare
    result = compare([ipplan.parse(p) for p in paths], views=["targets", "tools"])
    result.model_dump(mode="json")          # the JSON contract of `ipplan compare --format json`

One module per view (targets, tools, themes, units, measures); `model` holds the result
models, `render`/`textview`/`flat` the output, `cli` the command.

`ipplan.compare` itself imports nothing heavy, so registering the command keeps
`ipplan --version` fast; the functions load on first use.
"""
from __future__ import annotations

VIEWS = ("targets", "tools", "themes", "units", "measures")
_API = ("compare", "compare_docs", "result_json")


def __getattr__(name: str):
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'ipplan.compare' has no attribute {name!r}")
