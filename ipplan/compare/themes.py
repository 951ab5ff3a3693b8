"""IP policy themes against documents: which items address each theme, and what each plan leaves out."""
from __future__ import annotations

from .items import CDoc
from .model import CountCell, ThemeRow, ThemesView
from .rules import Rule


def themes_view(docs: list[CDoc], themes: list[Rule]) -> ThemesView:
    rows = []
    missing: dict[str, list[str]] = {d.id: [] for d in docs}
    for theme in themes:
        cells = {}
        for cdoc in docs:
            paths = [i.path for i in cdoc.items if theme.matches(i.title + "\n" + i.body)]
            if paths:
                cells[cdoc.id] = CountCell(count=len(paths), items=paths)
            else:
                missing[cdoc.id].append(theme.name)
        rows.append(ThemeRow(theme=theme.name, cells=cells))
    return ThemesView(rows=rows, missing=missing)
