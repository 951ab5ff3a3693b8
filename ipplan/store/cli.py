"""`ipplan index` and `ipplan search`: registered on the main app by ipplan/cli.py.

Heavy imports (the parser, jieba, rich, sqlite) happen inside the commands so
`ipplan --version` stays quick.
"""

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

if TYPE_CHECKING:
    from ..output import Column

DEFAULT_DB = Path("ipplan.db")
EXIT_INPUT = 2


class IndexFormat(str, Enum):
    text = "text"
    json = "json"


SEARCH_LIMIT = 20  # hits shown when --limit is not given


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

    from ..output import OutputOptions, output_options

    @app.command()
    @output_options(text=False)
    def search(
        out: OutputOptions,
        query: str = typer.Argument(..., metavar="QUERY", help="Words to find (all must occur); spaces separate words."),
        db: Path = typer.Option(DEFAULT_DB, "--db", metavar="FILE", help="The index built by `ipplan index`."),
        unit: Optional[str] = typer.Option(None, "--unit", "-u", metavar="TEXT", help="Only items naming a unit that contains TEXT."),
        region: Optional[str] = typer.Option(None, "--region", "-r", metavar="TEXT", help="Only plans whose region contains TEXT."),
        key: Optional[str] = typer.Option(None, "--key", "-k", metavar="KEY", help="Only items holding a target of this indicator key."),
        year: Optional[int] = typer.Option(None, "--year", "-y", metavar="YEAR", help="Only plans in force that year (period, else issue year)."),
    ) -> None:
        """Full-text search of item titles and text across every indexed plan, ranked, with the match highlighted.

        The best 20 hits unless --limit N says otherwise (--limit 0: all). The terminal table shows
        the matched words bold; the other formats mark them **like this**; --show units, plan, kind
        or score adds that column to the table.
        """
        from . import StoreError, connect
        from .search import search as run_search

        if key is not None:
            from ..parse.indicators import load_lexicon

            if key not in load_lexicon().indicators:
                typer.echo(f"ipplan: --key: unknown indicator key {key!r}; `ipplan indicators` lists the keys", err=True)
                raise typer.Exit(EXIT_INPUT)
        limit = SEARCH_LIMIT if out.limit is None else out.limit or None
        try:
            conn = connect(db)
        except StoreError as exc:
            typer.echo(f"ipplan: {db}: {exc}", err=True)
            raise typer.Exit(EXIT_INPUT)
        try:  # one hit past the limit tells whether there were more
            hits = [h.as_dict() for h in run_search(conn, query, unit=unit, region=region, key=key, year=year,
                                                      limit=limit + 1 if limit else None)]
        except ValueError as exc:
            typer.echo(f"ipplan: search: {exc}", err=True)
            raise typer.Exit(EXIT_INPUT)
        finally:
            conn.close()
        more = limit is not None and len(hits) > limit
        out.limit = None  # the search applied it, best first
        if hits or out.format != "table" or out.output is not None:  # no empty table above "no hits"
            out.emit(hits[:limit], _columns(), title="hits")
        if not hits:
            typer.echo("no hits", err=True)
        elif more and out.format == "table":
            typer.echo(f"ipplan: showing the best {limit} hits; --limit N for more, --limit 0 for all", err=True)


def _sqlite_error() -> type[Exception]:
    import sqlite3

    return sqlite3.Error


def _engine_error() -> type[Exception]:
    from ..batch import EngineError

    return EngineError


def _columns() -> list["Column"]:
    """The hit columns; the snippet's ** marks become bold in the terminal table."""
    from ..output import Column
    from .search import MARK

    return [
        Column("document", priority=40, truncate=True, max_width=28), Column("region", priority=60),
        Column("path", priority=70, no_wrap=True), Column("title", priority=80, truncate=True, max_width=24),
        Column("snippet", priority=100, min_width=24, marks=MARK), Column("line", numeric=True, priority=50),
        Column("kind", table=False), Column("plan", table=False), Column("units", table=False),
        Column("score", numeric=True, table=False),
    ]
