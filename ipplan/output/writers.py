"""Machine formats: JSON, JSON Lines, CSV, TSV and markdown tables.

One writer per format, so every command gives the same bytes for the same rows:
raw UTF-8 JSON with a stable key order, CSV that a spreadsheet opens without
running anything, markdown whose cells cannot break the table. Standard library
only, and csv and json are imported by the writers that use them, so `ipplan --version`
does not load them.
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Sequence, TextIO

# A cell a spreadsheet would run as a formula (OWASP "CSV injection"): = + - @, or a tab/CR that hides one.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?([eE][-+]?\d+)?")


def dumps(obj: Any, indent: int | None = 2) -> str:
    import json

    return json.dumps(obj, ensure_ascii=False, indent=indent)


def write_json(items: list[dict], out: TextIO, single: bool) -> None:
    """One object when one input was asked for and read, else an array (even of one or none)."""
    out.write(dumps(items[0] if single and len(items) == 1 else items) + "\n")


def document_text(doc: Any, want: str) -> str:
    """The text `ipplan parse` writes for one document: a JSON Lines line ("jsonl", without its line
    break) or an item of the indented array ("json-item", as `dumps` gives it). Made where the
    document is parsed (a worker, with --jobs), so the parent only writes it."""
    import json

    item = doc.model_dump(mode="json")
    if want == "jsonl":
        return json.dumps(item, ensure_ascii=False)
    if want == "json-item":
        return dumps(item)
    raise ValueError(want)


def write_json_array(items: Iterable[Any], out: TextIO, dumped: bool = False) -> int:
    """`dumps(list(items))` written an item at a time, so a long list streams; returns the item count.

    The bytes are those of the whole list: `json.dumps(..., indent=2)` puts each item on its own
    lines indented one level, and the only line breaks in a dump are its indentation (a newline
    inside a string is written `\\n`), so indenting every line of the item's own dump by two
    spaces gives the same text.
    """
    count = 0
    for item in items:
        text = item if dumped else dumps(item)  # `dumped`: the items are `dumps` texts already
        out.write(("[\n  " if count == 0 else ",\n  ") + text.replace("\n", "\n  "))
        count += 1
    out.write("\n]\n" if count else "[]\n")
    return count


def write_jsonl(items: Iterable[dict], out: TextIO) -> None:
    import json

    for item in items:
        out.write(json.dumps(item, ensure_ascii=False) + "\n")


def flat(value: Any) -> Any:
    """A list cell as one string (units joined by 、 as the plans write them); None as empty."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return value


def spreadsheet_safe(value: Any) -> Any:
    """Text that would start a formula gets a leading apostrophe, which Excel and LibreOffice show as text.

    A number stays a number (-5 is not a formula); so `=` in the op column arrives as `'=`.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def write_csv(rows: Iterable[Sequence[Any]], header: Sequence[str], out: TextIO, bom: bool = False,
              headers: bool = True, tab: bool = False) -> None:
    """CSV (or TSV with `tab`), formula-safe. `bom` adds a UTF-8 BOM and CRLF for Excel on Windows."""
    import csv

    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, dialect="excel-tab" if tab else "excel", lineterminator="\r\n" if bom else "\n")
    if headers:
        writer.writerow(header)
    for row in rows:
        writer.writerow([spreadsheet_safe(flat(v)) for v in row])


def write_tsv(rows: Iterable[Sequence[Any]], header: Sequence[str], out: TextIO, bom: bool = False,
              headers: bool = True) -> None:
    write_csv(rows, header, out, bom=bom, headers=headers, tab=True)


def md_cell(value: Any) -> str:
    """A markdown table cell: `|` and `\\` escaped, line breaks as <br>, so plan text cannot split a row."""
    text = str(flat(value))
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return text.replace("\r\n", "<br>").replace("\n", "<br>")


def write_markdown_table(rows: Iterable[Sequence[Any]], header: Sequence[str], out: TextIO,
                         headers: bool = True, right: Sequence[bool] | None = None) -> None:
    """A GitHub-flavoured markdown table; `right` marks numeric columns (aligned right)."""
    align = ["---:" if right and right[i] else "---" for i in range(len(header))]
    if headers:
        out.write("| " + " | ".join(md_cell(h) for h in header) + " |\n")
        out.write("|" + "|".join(align) + "|\n")
    for row in rows:
        out.write("| " + " | ".join(md_cell(v) for v in row) + " |\n")
