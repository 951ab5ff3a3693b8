"""`ipplan index` and `ipplan search`: registered on the main app by ipplan/cli.py.

Heavy imports (the parser, jieba, rich, sqlite) happen inside the commands so
`ipplan --version` stays quick.
"""

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

DEFAULT_DB = Path("ipplan.db")
EXIT_OK, EXIT_INPUT = 0, 2


class IndexFormat(str, Enum):
    text = "text"
    json = "json"


class SearchFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    md = "md"


SEARCH_COLUMNS = ["document", "region", "path", "title", "snippet", "line", "kind", "plan", "units", "score"]
SEARCH_COMPACT = ["document", "region", "path", "title", "snippet", "line"]


def register(app: typer.Typer) -> None:
    from ..inputs import Inputs, input_options, load_lexicon_or_exit

    @app.command()
    @input_options(lexicon=True, engine=True)
    def index(
        inputs: Inputs,
        db: Path = typer.Option(DEFAULT_DB, "--db", help="The SQLite file to create or update."),
        prune: bool = typer.Option(False, "--prune", help="Drop documents whose file no longer exists."),
        fmt: IndexFormat = typer.Option(IndexFormat.text, "--format", "-f", help="text or json (the run's counts)."),
    ) -> None:
        """Parse plans into one SQLite file (documents, nodes, units, targets, full text); re-runs are incremental."""
        from . import StoreError
        from .index import build

        if "-" in inputs.paths:
            typer.echo("ipplan: index: give files or directories (standard input has no file to track)", err=True)
            raise typer.Exit(EXIT_INPUT)
        if inputs.meta:
            typer.echo("ipplan: --meta: the index keeps what the notices say; state it when you query "
                       "(ipplan targets --db FILE --meta …)", err=True)
            raise typer.Exit(EXIT_INPUT)
        lex = load_lexicon_or_exit(inputs.lexicon_path) if inputs.lexicon_path else None
        names = list(inputs.files())
        from ..batch import _isatty

        # index prints nothing on stdout, so the bar shows whenever stderr is a terminal
        run = build(db, names, encoding=inputs.encoding, lexicon_path=inputs.lexicon_path, lexicon=lex,
                    workers=inputs.jobs, engine=inputs.engine, scheduler=inputs.scheduler, prune=prune,
                    progress=_isatty(sys.stderr) or None, input_format=inputs.input_format, errors=inputs.errors)
        try:
            while True:
                name, message = next(run)
                inputs.error(name, message)
        except StopIteration as stop:
            stats = stop.value
        except StoreError as exc:
            typer.echo(f"ipplan: {db}: {exc}", err=True)
            raise typer.Exit(EXIT_INPUT)
        except _sqlite_error() as exc:  # disk full, read-only file system: one line, and the run was rolled back
            typer.echo(f"ipplan: {db}: {exc}; the database keeps its last committed state", err=True)
            raise typer.Exit(EXIT_INPUT)
        except _engine_error() as exc:
            typer.echo(f"ipplan: --engine: {exc}", err=True)
            raise typer.Exit(EXIT_INPUT)
        stats.failed = inputs.failed
        if fmt is IndexFormat.json:
            from ..output import dumps

            sys.stdout.write(dumps({"db": str(db), **stats.as_dict()}) + "\n")
        else:
            typer.echo(f"{db}: {stats.added} added, {stats.replaced} replaced, {stats.unchanged} unchanged, "
                       f"{stats.pruned} pruned, {stats.failed} failed in {stats.seconds:.2f} s", err=True)
        raise typer.Exit(inputs.exit_code())

    @app.command()
    def search(
        query: str = typer.Argument(..., help="Words to find (all must occur); spaces separate words."),
        db: Path = typer.Option(DEFAULT_DB, "--db", help="The index built by `ipplan index`."),
        unit: Optional[str] = typer.Option(None, "--unit", "-u", help="Only items naming a unit that contains TEXT."),
        region: Optional[str] = typer.Option(None, "--region", "-r", help="Only plans whose region contains TEXT."),
        key: Optional[str] = typer.Option(None, "--key", "-k", help="Only items holding a target of this indicator key."),
        year: Optional[int] = typer.Option(None, "--year", "-y", help="Only plans in force that year (period, else issue year)."),
        limit: int = typer.Option(20, "--limit", "-n", min=0, help="At most N hits, best first; 0 for all."),
        fmt: SearchFormat = typer.Option(SearchFormat.table, "--format", "-f", help="table, json, jsonl, csv or md."),
        bom: bool = typer.Option(False, "--bom", help="Start CSV output with a UTF-8 BOM so Excel opens it correctly."),
    ) -> None:
        """Full-text search of item titles and text across every indexed plan, ranked, with the match highlighted."""
        from . import StoreError, connect
        from .search import search as run_search

        if key is not None:
            from ..parse.indicators import load_lexicon

            if key not in load_lexicon().indicators:
                typer.echo(f"ipplan: --key: unknown indicator key {key!r}; `ipplan indicators` lists the keys", err=True)
                raise typer.Exit(EXIT_INPUT)
        try:
            conn = connect(db)
        except StoreError as exc:
            typer.echo(f"ipplan: {db}: {exc}", err=True)
            raise typer.Exit(EXIT_INPUT)
        try:
            hits = [h.as_dict() for h in run_search(conn, query, unit=unit, region=region, key=key, year=year,
                                                      limit=limit or None)]
        except ValueError as exc:
            typer.echo(f"ipplan: search: {exc}", err=True)
            raise typer.Exit(EXIT_INPUT)
        finally:
            conn.close()
        _write(hits, fmt, bom)
        if not hits:
            typer.echo("no hits", err=True)


def _sqlite_error() -> type[Exception]:
    import sqlite3

    return sqlite3.Error


def _engine_error() -> type[Exception]:
    from ..batch import EngineError

    return EngineError


def _write(rows: list[dict], fmt: SearchFormat, bom: bool) -> None:
    from .. import output

    out = sys.stdout
    if fmt is SearchFormat.json:
        out.write(output.dumps(rows) + "\n")
        return
    if fmt is SearchFormat.jsonl:
        output.write_jsonl(rows, out)
        return
    header = SEARCH_COMPACT if fmt is SearchFormat.table else SEARCH_COLUMNS
    flat = [["、".join(r[h]) if isinstance(r.get(h), list) else r.get(h) for h in header] for r in rows]
    if fmt is SearchFormat.csv:
        output.write_csv(flat, header, out, bom=bom)
    elif fmt is SearchFormat.md:
        out.write("| " + " | ".join(header) + " |\n|" + "---|" * len(header) + "\n")
        for row in flat:
            out.write("| " + " | ".join("" if v is None else str(v).replace("|", "\\|") for v in row) + " |\n")
    else:
        _table(rows, header, out)


def _table(rows: list[dict], header: list[str], out) -> None:
    """The terminal view: the matched words in bold instead of the ** marks (plain Text, so no markup is read)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from .search import MARK

    table = Table(title=f"hits ({len(rows)})", header_style="bold")
    for name in header:
        table.add_column(name, overflow="fold")
    for row in rows:
        cells = []
        for name in header:
            value = row.get(name)
            if name == "snippet" and value:
                text = Text()
                for i, part in enumerate(str(value).split(MARK[0])):
                    text.append(part, style="bold yellow" if i % 2 else None)
                cells.append(text)
            else:
                cells.append(Text("" if value is None else str(value)))
        table.add_row(*cells)
    Console(file=out, soft_wrap=False).print(table)
