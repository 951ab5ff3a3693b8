"""The `ipplan compare` command (and nothing else): options, reading, progress, output."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer


class CompareFormat(str, Enum):
    table = "table"
    json = "json"
    md = "md"
    csv = "csv"


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


def _count_files(paths: list[str]) -> int:
    """How many files the bar will count (a directory that cannot be listed counts as one: Inputs reports it)."""
    n = 0
    for raw in paths:
        p = Path(raw)
        try:
            n += sum(1 for f in p.iterdir() if f.suffix.lower() in (".txt", ".md")) if p.is_dir() else 1
        except OSError:
            n += 1
    return n


def _read(inputs, paths: list[str]) -> list:
    """Parse every input; a progress bar on stderr only when stderr is a terminal and there is much to read."""
    total = _count_files(paths) if sys.stderr.isatty() else 0
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


def register(app: typer.Typer) -> None:
    from ..cli import EXIT_INPUT, BomOpt, EncodingOpt, Inputs, PathsArg, _load_lexicon

    @app.command()
    def compare(
        paths: Optional[list[str]] = PathsArg,
        view: Optional[list[View]] = typer.Option(None, "--view", "-v", help="targets, tools, themes, units or measures (repeatable); default: a one-screen summary of all."),
        fmt: CompareFormat = typer.Option(CompareFormat.table, "--format", "-f", help="table, json, md or csv."),
        key: Optional[str] = typer.Option(None, "--key", "-k", help="Only this indicator key in the targets view."),
        min_sim: Optional[float] = typer.Option(None, "--min-sim", min=0.0, max=1.0, help="Least similarity for two measures to pair (default 0.1; 1 is the same text)."),
        show: bool = typer.Option(False, "--show", help="List the items behind every count (and the raw text behind every target)."),
        script: Script = typer.Option(Script.simplified, "--script", help="Output script: simplified or traditional (via OpenCC)."),
        rules: Optional[Path] = typer.Option(None, "--rules", help="Extra tool/domain coding rules (JSON, as ipplan/data/tools.json)."),
        themes_file: Optional[Path] = typer.Option(None, "--themes", help="Extra themes (JSON, as ipplan/data/themes.json)."),
        width: Optional[int] = typer.Option(None, "--width", min=40, help="Terminal width to lay the table out for (default: the terminal's)."),
        encoding: Optional[str] = EncodingOpt,
        lexicon: Optional[Path] = typer.Option(None, "--lexicon", help="An extra indicator lexicon (JSON)."),
        bom: bool = BomOpt,
    ) -> None:
        """Compare plans side by side: targets, policy instruments, themes, agencies and shared measures."""
        from .. import output
        from . import VIEWS, compare_docs, result_json
        from .flat import header, rows
        from .items import make_docs
        from .rules import RulesError, load_themes, load_tools

        lex = _load_lexicon(lexicon) if lexicon else None
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
        inputs = Inputs(paths or [], encoding, lexicon)
        docs = make_docs(_read(inputs, paths or ["-"]))
        if not docs:  # each unreadable input has had its line on stderr already
            if not inputs.failed:
                typer.echo("ipplan: no document to compare", err=True)
            raise typer.Exit(EXIT_INPUT)
        result = compare_docs(docs, views, key=key, min_sim=min_sim, tools_file=rules, themes_file=themes_file, lexicon=lex)
        convert = _converter(script)
        out = sys.stdout
        if fmt is CompareFormat.json:
            out.write(output.dumps(_to_traditional(result_json(result), convert)) + "\n")
        elif fmt in (CompareFormat.csv, CompareFormat.md):
            chosen = [v for v in VIEWS if v in views]
            if fmt is CompareFormat.csv:
                cols = header(chosen)
                flat = [_to_traditional(r, convert) for v in chosen for r in rows(result, v)]
                output.write_csv(([r.get(c) for c in cols] for r in flat), cols, out, bom=bom)
            else:
                for v in chosen:
                    cols = header([v])
                    out.write(f"## {v}\n\n| " + " | ".join(cols) + " |\n|" + "---|" * len(cols) + "\n")
                    for r in rows(result, v):
                        r = _to_traditional(r, convert)
                        out.write("| " + " | ".join("" if r.get(c) is None else str(r.get(c)).replace("|", "\\|").replace("\n", " ")
                                                    for c in cols) + " |\n")
                    out.write("\n")
        else:
            from .textview import full, summary

            w = _terminal_width(width)
            text = summary(result, docs, w) if not view else full(result, docs, views, w, show)
            out.write(convert(text) + "\n")
        raise typer.Exit(inputs.exit_code())


def _converter(script: Script):
    if script is Script.simplified:
        return lambda s: s
    import opencc

    cc = opencc.OpenCC("s2t")
    return cc.convert
