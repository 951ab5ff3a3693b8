"""The output options every command shares, defined once (as sqlite-utils' `output_options`).

A command in any module adopts them with one decorator line:

    from ipplan.output import Column, OutputOptions, output_options

    @app.command()
    @output_options()                      # --format/-f, -o/--output, --no-headers, --bom, --limit, --show, --script
    def compare(paths: list[str], out: OutputOptions) -> None:
        rows = [{"region": "徐汇区", "value": 20}]
        out.emit(rows, [Column("region"), Column("value", numeric=True)], title="compare")

The decorator removes the `out` parameter from what typer sees, adds the options in its
place and hands the command one `OutputOptions`. `out.emit` writes rows in the chosen
format to standard output or, atomically, to `-o FILE`; a write that fails (full disk,
closed output) becomes one line on stderr and exit 2. `out.open()` gives the stream for
commands that write whole documents themselves.
"""
from __future__ import annotations

import functools
import inspect
import itertools
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator, Optional, Sequence

import typer

from .sink import OutputError, open_output
from .text import SCRIPTS, shown
from .writers import flat, write_csv, write_json_array, write_jsonl, write_markdown_table

ROW_FORMATS = ("table", "json", "jsonl", "csv", "tsv", "md", "xlsx")
STREAMED = ("json", "jsonl", "csv", "tsv", "md")  # row formats written a row at a time (`OutputOptions.streams`)
BINARY = ("xlsx",)
EXIT_OUTPUT = 2


class _Counted:
    """An iterator that counts what it has given."""

    def __init__(self, items: Iterator[Any]) -> None:
        self._items, self.count = items, 0

    def __iter__(self) -> "_Counted":
        return self

    def __next__(self) -> Any:
        item = next(self._items)
        self.count += 1
        return item


@dataclass(frozen=True)
class Column:
    """One column of a command's rows.

    `table`: shown in the terminal table without `--show`; `machine`: written in the machine
    formats (JSON, CSV, TSV, markdown, xlsx); `priority`: the lowest is left out first when the
    terminal is narrow; `display`: how the terminal shows the row's value (e.g. a human amount).
    """

    name: str
    numeric: bool = False
    priority: int = 50
    table: bool = True
    machine: bool = True
    heading: str | None = None
    display: Callable[[dict], Any] | None = None
    max_width: int | None = None
    no_wrap: bool = False
    truncate: bool = False  # the terminal shows one line of it, ending in …
    min_width: int = 12  # display cells kept before less useful columns are left out
    marks: tuple[str, str] | None = None  # the terminal shows text between these bold (machine formats keep them)


@dataclass
class OutputOptions:
    format: str = "table"
    output: Optional[Path] = None
    headers: bool = True
    bom: bool = False
    limit: Optional[int] = None
    show: list[str] = field(default_factory=list)
    script: str = "simplified"

    # -- streams -------------------------------------------------------------------------
    @contextmanager
    def open(self, binary: bool | None = None) -> Iterator[IO]:
        """The destination stream (stdout or -o FILE, atomically); write errors exit 2 with one line."""
        binary = self.format in BINARY if binary is None else binary
        try:
            with open_output(self.output, binary=binary) as stream:
                yield stream
        except OutputError as exc:
            typer.echo(f"ipplan: {exc}", err=True)
            raise typer.Exit(EXIT_OUTPUT) from None

    def text(self, normalised: str | None, as_written: str | None, doc_script: str = "simplified") -> str | None:
        """A text as this output shows it: as written, in simplified script unless --script original."""
        return shown(normalised, as_written, doc_script, self.script)

    def check_show(self, columns: Sequence[Column]) -> None:
        names = [c.name for c in columns]
        unknown = [s for s in self.show if s not in names]
        if unknown:
            typer.echo(f"ipplan: --show: unknown column {unknown[0]!r}; choose from {', '.join(names)}", err=True)
            raise typer.Exit(EXIT_OUTPUT)

    # -- rows --------------------------------------------------------------------------------
    @property
    def streams(self) -> bool:
        """Whether `emit` writes each row as it arrives (json, jsonl, csv, tsv, md) rather than
        gathering them all first: the terminal table sizes its columns to every row and says how
        many there are in its title, and a workbook is written whole."""
        return self.format in STREAMED

    def emit(self, rows: Iterable[dict], columns: Sequence[Column], title: str, json_extra: Sequence[str] = (),
             sheet: str | None = None) -> int:
        """Write rows in the chosen format and return how many there were (before --limit).

        JSON rows carry the machine columns plus `json_extra` keys. `rows` may be a generator: the
        formats that stream (`streams`) write each row when it comes, so `ipplan targets DIR` shows its
        first rows while later files are still being parsed and holds one document at a time, and
        --limit stops writing (not reading: every input is still read, its errors named, and counted
        in the return value). Nothing is written before the first row, or the end, has come, so an
        error raised while the first documents are read (a bad --engine) leaves the output untouched.
        """
        self.check_show(columns)
        machine = [c for c in columns if c.machine]
        header = [c.name for c in machine]
        fmt = self.format
        if fmt not in STREAMED:
            rows = list(rows)
            total = len(rows)
            if self.limit is not None:
                rows = rows[:self.limit]
            if fmt == "table":
                self._table(rows, columns, title, total)
            elif fmt == "xlsx":
                from .xlsx import write_xlsx

                with self.open() as out:
                    write_xlsx([(sheet or title, header, [[r.get(h) for h in header] for r in rows])], out,
                               headers=self.headers)
            else:  # pragma: no cover - the format enum allows nothing else
                raise ValueError(fmt)
            return total
        source = iter(rows)
        first = list(itertools.islice(source, 1))  # read up to the first row before writing anything
        counted = _Counted(itertools.chain(first, source))
        kept: Iterable[dict] = counted if self.limit is None else itertools.islice(counted, self.limit)
        with self.open() as out:
            if fmt in ("json", "jsonl"):
                keys = header + [k for k in json_extra if k not in header]
                clean = ({k: r.get(k) for k in keys} for r in kept)
                if fmt == "json":
                    write_json_array(clean, out)
                else:
                    write_jsonl(clean, out)
            else:
                values = ([r.get(h) for h in header] for r in kept)
                if fmt in ("csv", "tsv"):
                    write_csv(values, header, out, bom=self.bom, headers=self.headers, tab=fmt == "tsv")
                else:
                    write_markdown_table(values, header, out, headers=self.headers,
                                         right=[c.numeric for c in machine])
        for _ in counted:  # rows past --limit: read (and counted), not written
            pass
        return counted.count

    def _table(self, rows: list[dict], columns: Sequence[Column], title: str, total: int) -> None:
        from .terminal import TableColumn, write_table

        shown_cols = [c for c in columns if c.table or c.name in self.show]
        spec = [TableColumn(c.heading or c.name, numeric=c.numeric,
                            priority=1000 if c.name in self.show else c.priority, max_width=c.max_width,
                            no_wrap=c.no_wrap, truncate=c.truncate, min_width=c.min_width,
                            marks=c.marks)
                for c in shown_cols]
        cells = [[flat(c.display(r) if c.display else r.get(c.name)) for c in shown_cols] for r in rows]
        count = f"{len(rows)} of {total}" if len(rows) < total else str(total)
        note = f"showing {len(rows)} of {total} rows (--limit)" if len(rows) < total else None
        with self.open(binary=False) as out:
            write_table(cells, spec, out, title=f"{title} ({count})", headers=self.headers, note=note)


# -- the decorator ---------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def format_enum(formats: tuple[str, ...]) -> type[Enum]:
    name = "Format_" + "_".join(formats)
    return Enum(name, {f: f for f in formats}, type=str)  # type: ignore[return-value]


@functools.lru_cache(maxsize=1)
def _script_enum() -> type[Enum]:
    return Enum("Script", {s: s for s in SCRIPTS}, type=str)  # type: ignore[return-value]


def _streaming_note(formats: tuple[str, ...]) -> str:
    streamed = [f for f in formats if f in STREAMED]
    gathered = [f for f in formats if f not in STREAMED]
    if not streamed or not gathered:
        return ""
    return (f" {', '.join(streamed)} are written as each file is read; {' and '.join(gathered)} "
            f"after the last (they need every row).")


def _params(formats: tuple[str, ...], default: str, rows: bool, text: bool, show: bool = True,
            limit: bool = True, streams: bool = False) -> list[inspect.Parameter]:
    kw = inspect.Parameter.KEYWORD_ONLY
    fmt_enum = format_enum(formats)
    params = [
        inspect.Parameter("out_format", kw, annotation=Optional[fmt_enum], default=typer.Option(
            None, "--format", "-f", show_default=False,
            help=f"Output format: {', '.join(formats)}. Default: the -o FILE's extension when it names "
                 f"one of them, else {default}.{_streaming_note(formats) if streams else ''}")),
        inspect.Parameter("out_output", kw, annotation=Optional[Path], default=typer.Option(
            None, "--output", "-o", metavar="FILE", dir_okay=False,
            help="Write to FILE (replaced atomically: a temporary file in its folder, then renamed) "
                 "instead of standard output.")),
    ]
    if rows:
        params += [
            inspect.Parameter("out_no_headers", kw, annotation=bool, default=typer.Option(
                False, "--no-headers", help="Leave out the header row (table, csv, tsv, md, xlsx).")),
            inspect.Parameter("out_bom", kw, annotation=bool, default=typer.Option(
                False, "--bom", help="CSV/TSV for Excel on Windows: a UTF-8 BOM and CRLF line ends.")),
        ]
    if rows and limit:
        params += [
            inspect.Parameter("out_limit", kw, annotation=Optional[int], default=typer.Option(
                None, "--limit", "-n", min=0, metavar="N", help="Only the first N rows.")),
        ]
    if rows and show:
        params += [
            inspect.Parameter("out_show", kw, annotation=Optional[list[str]], default=typer.Option(
                None, "--show", metavar="COLUMN",
                help="Add a column to the terminal table (repeat, or separate with commas), e.g. --show raw.")),
        ]
    if not text:
        return params
    params.append(inspect.Parameter("out_script", kw, annotation=_script_enum(), default=typer.Option(
        _script_enum()("simplified"), "--script",
        help="Script of the text shown: simplified, or original (as the source writes it). "
             "Punctuation is always the source's.")))
    return params


def _format(given: Any, output: Path | None, formats: tuple[str, ...], default: str) -> str:
    """--format when given, else what `-o rows.xlsx` says, else the command's default."""
    if given is not None:
        return given.value
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    return suffix if suffix in formats and suffix not in ("table", "text", "tree") else default


def output_options(formats: Sequence[str] = ROW_FORMATS, default: str = "table", rows: bool = True,
                   text: bool = True, show: bool = True, limit: bool = True,
                   streams: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Give a typer command the shared output options; it receives them as `out: OutputOptions`.

    `formats` restricts --format (the first row formats are the usual choice); `rows=False`
    leaves out the row-only options (--no-headers, --bom, --limit, --show) for commands that
    write whole documents; `text=False` leaves out --script for output that holds no plan text
    (or whose command has a --script of its own); `show=False` / `limit=False` leave out --show /
    --limit for a command whose output is not one list of rows (compare has a --show of its own);
    `streams` says in --format's help which formats are written as each file is read (for a command
    that hands `emit` its rows as the documents come).
    """
    formats = tuple(formats)
    if default not in formats:
        raise ValueError(f"default format {default!r} is not among {formats}")

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        sig = inspect.signature(fn)
        if "out" not in sig.parameters:
            raise TypeError(f"{fn.__name__} needs an `out: OutputOptions` parameter")
        kept = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in sig.parameters.values() if p.name != "out"]

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            show: list[str] = []
            for item in kwargs.pop("out_show", None) or []:
                show += [s.strip() for s in item.split(",") if s.strip()]
            script = kwargs.pop("out_script", "simplified")
            options = OutputOptions(
                format=_format(kwargs.pop("out_format"), kwargs.get("out_output"), formats, default),
                output=kwargs.pop("out_output"),
                headers=not kwargs.pop("out_no_headers", False),
                bom=kwargs.pop("out_bom", False),
                limit=kwargs.pop("out_limit", None),
                show=show,
                script=getattr(script, "value", script),
            )
            if options.format in BINARY and options.output is None and sys.stdout is not None and sys.stdout.isatty():
                typer.echo(f"ipplan: --format {options.format}: a binary format; give -o FILE", err=True)
                raise typer.Exit(EXIT_OUTPUT)
            return fn(*args, out=options, **kwargs)

        params = kept + _params(formats, default, rows, text, show, limit, streams)
        wrapper.__signature__ = sig.replace(parameters=params)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {k: v for k, v in fn.__annotations__.items() if k != "out"}
        return wrapper

    return decorate
