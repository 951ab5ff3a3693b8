"""Excel workbooks through xlsxwriter (imported only when --format xlsx is asked for).

One sheet per table; numbers are typed number cells (a sum works without
"convert to number"); text is always written as text, so a cell starting with
`=` is never run as a formula; the header row is frozen; column widths count a
Chinese character as two.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from typing import IO, Any, Sequence

MAX_WIDTH = 60
_BAD_SHEET = "[]:*?/\\"


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def sheet_name(name: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique (case-insensitive)."""
    base = "".join("_" if ch in _BAD_SHEET else ch for ch in name).strip("'") or "sheet"
    base = base[:31]
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate = base[:31 - len(suffix)] + suffix
        n += 1
    taken.add(candidate.lower())
    return candidate


def write_xlsx(sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[Any]]]], out: IO[bytes],
               headers: bool = True) -> None:
    """`sheets` is [(name, header, rows)]; lists in cells are joined with 、."""
    import xlsxwriter

    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                     "strings_to_numbers": False})
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    taken: set[str] = set()
    for name, header, rows in sheets:
        ws = book.add_worksheet(sheet_name(name, taken))
        widths = [display_width(str(h)) for h in header]
        first = 0
        if headers:
            for c, h in enumerate(header):
                ws.write_string(0, c, str(h), bold)
            ws.freeze_panes(1, 0)
            first = 1
        for r, row in enumerate(rows, start=first):
            for c, value in enumerate(row):
                text = _write(ws, r, c, value, wrap)
                if c < len(widths):
                    widths[c] = max(widths[c], max((display_width(p) for p in text.split("\n")), default=0))
        for c, w in enumerate(widths):
            ws.set_column(c, c, min(MAX_WIDTH, w + 2))
        if headers and rows:
            ws.autofilter(0, 0, len(rows), max(0, len(header) - 1))
    book.close()


def _write(ws: Any, r: int, c: int, value: Any, wrap: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        ws.write_boolean(r, c, value)
        return str(value)
    if isinstance(value, (int, float)):
        ws.write_number(r, c, value)
        return str(value)
    if isinstance(value, (list, tuple)):
        value = "、".join(str(v) for v in value)
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()
    text = str(value)
    if "\n" in text:
        ws.write_string(r, c, text, wrap)
    else:
        ws.write_string(r, c, text)
    return text
