"""One output layer for every command: formats, destinations, terminal tables.

- `output_options` / `OutputOptions` / `Column` (options.py): the shared command options and `emit`;
- writers.py: JSON, JSON Lines, CSV/TSV (formula-safe), markdown tables (`|` escaped);
- terminal.py: rich tables fitted to the terminal, and the outline tree (rich imported there only);
- xlsx.py: Excel workbooks (xlsxwriter imported there only);
- sink.py: stdout or `-o FILE`, written atomically; one-line errors;
- human.py: amounts as people read them (100亿元, ≥3家); text.py: text as written.

The names the first ipplan.output module had (`write_json`, `write_jsonl`, `write_csv`,
`write_table`, `write_tree`, `dumps`, `markdown`, `amount`) keep working from here.
"""
from __future__ import annotations

from typing import Any

from .human import amount, human_amount, target_amount
from .options import ROW_FORMATS, Column, OutputOptions, output_options
from .sink import OutputError, open_output
from .text import shown
from .writers import (dumps, flat, md_cell, spreadsheet_safe, write_csv, write_json, write_json_array, write_jsonl,
                      write_markdown_table, write_tsv)

__all__ = ["Column", "OutputOptions", "OutputError", "ROW_FORMATS", "amount", "dumps", "flat", "human_amount",
           "markdown", "md_cell", "open_output", "output_options", "shown", "spreadsheet_safe", "target_amount",
           "write_csv", "write_json", "write_json_array", "write_jsonl", "write_markdown_table", "write_table",
           "write_tree", "write_tsv", "write_xlsx"]


def write_table(*args: Any, **kwargs: Any) -> Any:
    """See `ipplan.output.terminal.write_table` (rich is imported only when a table is drawn)."""
    from .terminal import write_table as impl

    return impl(*args, **kwargs)


def write_tree(*args: Any, **kwargs: Any) -> Any:
    from .terminal import write_tree as impl

    return impl(*args, **kwargs)


def write_xlsx(*args: Any, **kwargs: Any) -> Any:
    from .xlsx import write_xlsx as impl

    return impl(*args, **kwargs)


def markdown(doc: Any, script: str = "simplified") -> str:
    from .document import markdown as impl

    return impl(doc, script)
