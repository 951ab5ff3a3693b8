"""The `ipplan compare` command (and nothing else): options, reading, progress, output."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

import typer

if TYPE_CHECKING:
    from ..output import OutputOptions
    from .model import CompareResult


class View(str, Enum):
    targets = "targets"
    tools = "tools"
    themes = "themes"
    units = "units"
    measures = "measures"


class Script(str, Enum):
    simplified = "simplified"
    traditional = "traditional"


def _terminal_width(asked: int | None) -> int:
    """--width, else the terminal's width, else COLUMNS, else 120 (a pipe gets the full screen)."""
    import os
    import shutil

    if asked:
        return asked
    if sys.stdout.isatty():
        return shutil.get_terminal_size((120, 40)).columns
    try:
        return int(os.environ.get("COLUMNS", "")) or 120
    except ValueError:
        return 120


def _count_files(paths: list[str], recursive: bool) -> int:
    """About how many files the bar will count (Inputs names what it skips; a folder it cannot list counts as one)."""
    from ..inputs import SUFFIXES

    n = 0
    for raw in paths:
        p = Path(raw)
        try:
            if raw != "-" and p.is_dir():
                found = p.rglob("*") if recursive else p.iterdir()
                n += sum(1 for f in found if f.suffix.lower() in SUFFIXES and not f.is_dir())
            else:
                n += 1
        except OSError:
            n += 1
    return n


def _read(inputs) -> list:
    """Parse every input; a progress bar on stderr only when stderr is a terminal and there is much to read."""
    total = _count_files(inputs.paths, inputs.recursive) if sys.stderr.isatty() else 0
    if total < 20:
        return list(inputs.documents())
    from rich.console import Console
    from rich.progress import Progress

    docs = []
    with Progress(console=Console(file=sys.stderr), transient=True) as bar:
        task = bar.add_task("reading", total=total)
        for doc in inputs.documents():
            docs.append(doc)
            bar.advance(task)
    return docs


KEEP = ("id", "doc", "other_doc", "source")  # they name documents and files: never converted


def _to_traditional(obj, convert):
    """Traditional-script output: every text value, but not ids, sources or dictionary keys (document ids)."""
    if isinstance(obj, str):
        return convert(obj)
    if isinstance(obj, list):
        return [_to_traditional(v, convert) for v in obj]
    if isinstance(obj, dict):
        return {k: (v if k in KEEP else _to_traditional(v, convert)) for k, v in obj.items()}
    return obj


FORMATS = ("table", "json", "csv", "tsv", "md", "xlsx")


def register(app: typer.Typer) -> None:
    from ..inputs import EXIT_INPUT, Inputs, input_options
    from ..output import OutputOptions, output_options

    @app.command()
    @output_options(formats=FORMATS, default="table", text=False, show=False, limit=False)
    @input_options(lexicon=True, db=True)
    def compare(
        inputs: Inputs,
        out: OutputOptions,
        view: Optional[list[View]] = typer.Option(None, "--view", "-v", help="targets, tools, themes, units or measures (repeatable); default: a one-screen summary of all."),
        key: Optional[str] = typer.Option(None, "--key", "-k", help="Only this indicator key in the targets view."),
        min_sim: Optional[float] = typer.Option(None, "--min-sim", min=0.0, max=1.0, help="Least similarity for two measures to pair (default 0.1; 1 is the same text)."),
        show: bool = typer.Option(False, "--show", help="List the items behind every count (and the raw text behind every target)."),
        script: Script = typer.Option(Script.simplified, "--script", help="Output script: simplified or traditional (via OpenCC)."),
        rules: Optional[Path] = typer.Option(None, "--rules", help="Extra tool/domain coding rules (JSON, as ipplan/data/tools.json)."),
        themes_file: Optional[Path] = typer.Option(None, "--themes", help="Extra themes (JSON, as ipplan/data/themes.json)."),
        width: Optional[int] = typer.Option(None, "--width", min=40, help="Terminal width to lay the table out for (default: the terminal's)."),
    ) -> None:
        """Compare plans side by side: targets, policy instruments, themes, agencies and shared measures.

        json is the contract `ipplan schema --compare` describes; csv, tsv, md and xlsx hold the
        views as flat rows (one per row and document; xlsx and md: one sheet or section per view).
        """
        from ..inputs import load_lexicon_or_exit
        from . import VIEWS, compare_docs
        from .items import make_docs
        from .rules import RulesError, load_themes, load_tools

        lex = load_lexicon_or_exit(inputs.lexicon_path) if inputs.lexicon_path else None
        if key is not None:
            from ..parse.indicators import load_lexicon

            if key not in (lex or load_lexicon()).indicators:
                typer.echo(f"ipplan: --key: unknown indicator key {key!r}; `ipplan indicators` lists the keys", err=True)
                raise typer.Exit(EXIT_INPUT)
        try:  # a bad rules file is refused before any plan is read
            load_tools(rules)
            load_themes(themes_file)
        except RulesError as exc:
            typer.echo(f"ipplan: {exc}", err=True)
            raise typer.Exit(EXIT_INPUT)
        views = [v.value for v in view] if view else list(VIEWS)
        docs = make_docs(_read(inputs))
        if not docs:  # each unreadable input has had its line on stderr already
            if not inputs.failed:
                typer.echo("ipplan: no document to compare", err=True)
            raise typer.Exit(EXIT_INPUT)
        result = compare_docs(docs, views, key=key, min_sim=min_sim, tools_file=rules, themes_file=themes_file, lexicon=lex)
        _write(out, result, docs, views, bool(view), show, width, _converter(script))
        raise typer.Exit(inputs.exit_code())


def _write(out: "OutputOptions", result: "CompareResult", docs: list, views: list[str], asked: bool, show: bool,
           width: int | None, convert: Callable[[str], str]) -> None:
    """The result in the chosen format, through the shared output layer (stdout or -o FILE, atomically).

    The terminal shows the views asked for in the order asked (or the one-screen summary);
    the flat formats hold them in the contract's order.
    """
    from .. import output
    from . import VIEWS, result_json
    from .flat import NUMERIC, header, rows

    chosen = [v for v in VIEWS if v in views]
    fmt = out.format
    if fmt == "table":
        from .textview import full, summary

        w = _terminal_width(width)
        text = full(result, docs, views, w, show) if asked else summary(result, docs, w)
        with out.open() as stream:
            stream.write(convert(text) + "\n")
        return
    if fmt == "json":
        with out.open() as stream:
            stream.write(output.dumps(_to_traditional(result_json(result), convert)) + "\n")
        return
    per_view = [(v, header([v]), [_to_traditional(r, convert) for r in rows(result, v)]) for v in chosen]
    with out.open() as stream:
        if fmt in ("csv", "tsv"):  # one table: every view's columns, each row naming its view
            cols = header(chosen)
            values = ([r.get(c) for c in cols] for _, _, flat in per_view for r in flat)
            output.write_csv(values, cols, stream, bom=out.bom, headers=out.headers, tab=fmt == "tsv")
        elif fmt == "md":
            for v, cols, flat in per_view:
                stream.write(f"## {v}\n\n")
                output.write_markdown_table(([r.get(c) for c in cols] for r in flat), cols, stream,
                                            headers=out.headers, right=[c in NUMERIC for c in cols])
                stream.write("\n")
        else:  # xlsx: one sheet per view, numbers as number cells
            output.write_xlsx([(v, cols, [[r.get(c) for c in cols] for r in flat]) for v, cols, flat in per_view],
                              stream, headers=out.headers)


def _converter(script: Script) -> Callable[[str], str]:
    if script is Script.simplified:
        return lambda s: s
    import opencc

    cc = opencc.OpenCC("s2t")
    return cc.convert
