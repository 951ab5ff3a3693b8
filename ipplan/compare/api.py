"""The compare entry points: documents in, a `CompareResult` out (pure: no I/O, no printing)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..schema.models import Document
from . import VIEWS
from .items import CDoc, make_docs
from .model import CompareResult, DocRef


def _lexicon_names(lexicon) -> tuple[dict[str, str], list[str]]:
    if lexicon is None:
        from ..parse.indicators import load_lexicon

        lexicon = load_lexicon()
    return {k: i.name for k, i in lexicon.indicators.items()}, list(lexicon.indicators)


def compare_docs(docs: list[CDoc], views: Iterable[str] = VIEWS, key: str | None = None, min_sim: float | None = None,
                 tools_file: Path | None = None, themes_file: Path | None = None, lexicon=None) -> CompareResult:
    views = [v for v in VIEWS if v in set(views)]
    result = CompareResult(documents=[
        DocRef(id=d.id, source=d.doc.source, region=d.doc.meta.region, title=d.doc.meta.title,
               period=d.doc.meta.period, items=len(d.items)) for d in docs])
    if "targets" in views:
        from .targets import targets_view

        names, order = _lexicon_names(lexicon)
        result.targets = targets_view(docs, names, order, key)
    if "tools" in views:
        from .rules import load_tools
        from .tools import tools_view

        result.tools = tools_view(docs, *load_tools(tools_file))
    if "themes" in views:
        from .rules import load_themes
        from .themes import themes_view

        result.themes = themes_view(docs, load_themes(themes_file))
    if "units" in views:
        from .units import units_view

        result.units = units_view(docs)
    if "measures" in views:
        from .measures import DEFAULT_MIN_SIM, measures_view

        result.measures = measures_view(docs, DEFAULT_MIN_SIM if min_sim is None else min_sim)
    return result


def compare(documents: list[Document], views: Iterable[str] = VIEWS, **options) -> CompareResult:
    """Compare parsed documents; options as `compare_docs` (key, min_sim, tools_file, themes_file, lexicon)."""
    return compare_docs(make_docs(documents), views, **options)


def result_json(result: CompareResult) -> dict:
    """The JSON contract: `documents`, one key per view computed (its rows; measures: its pairs), and `extras`."""
    from .model import CompareOutput

    data = CompareOutput.of(result).model_dump(mode="json")
    data["extras"] = {k: v for k, v in data["extras"].items() if v is not None}
    return {k: v for k, v in data.items() if v is not None or k not in VIEWS}
