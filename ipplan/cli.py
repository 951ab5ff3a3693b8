"""Command line: a thin shell around `ipplan.parse`.

Exit codes (documented in the README, relied on by CI scripts):
  0  success; `check` found nothing to report
  1  `check` found warnings (the documents parsed, but something needs a look)
  2  bad input or usage: a file that is missing, empty, undecodable, scanned, encrypted or of a kind ipplan does not read,
     a wrong option, or output that cannot be written. With several inputs the good ones
     are still processed.
  130 interrupted
Every command shares one set of output options (`ipplan.output.output_options`) and one
set of input options (`ipplan.inputs.input_options`). Heavy imports (pydantic models, the
parser, rich) happen inside the commands, so `ipplan --version` and `--help` stay quick.

Commands are built when they are named and usage errors are one line: `ipplan/clikit.py`.
`app.registered_commands` lists every command; `typer.main.get_command(app).commands[name]`
gives the built command.
"""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import typer
from typer.models import CommandInfo

from . import __version__
from .inputs import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, Inputs, input_options, load_lexicon_or_exit
from .output import Column, OutputOptions, output_options

__all__ = ["app", "main", "Inputs", "EXIT_OK", "EXIT_FINDINGS", "EXIT_INPUT"]


from .clikit import _LOADERS, _CoerceWhenGiven, _coerce_when_given, _Pending, _register_lazily, app  # noqa: F401


# cli.py's own commands are defined on this Typer and registered on `app` to be built on first use
_own = typer.Typer()


class ChapterRole(str, Enum):
    requirements = "requirements"
    goals = "goals"
    tasks = "tasks"
    safeguards = "safeguards"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ipplan {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """ipplan: parse, list and compare Chinese policy plans."""


def _usage(option: str, message: str) -> None:
    typer.echo(f"ipplan: {option}: {message}", err=True)
    raise typer.Exit(EXIT_INPUT)


def _nothing_matched(what: str, counts: dict[str, int], total: int) -> None:
    """A filter that matches nothing says so (on stderr; the exit code stays 0)."""
    if not counts:
        return
    empty = [name for name, n in counts.items() if n == 0]
    if empty:
        typer.echo(f"ipplan: no {what} matches {' '.join(empty)} (of {total} {what}s read)", err=True)
    else:
        typer.echo(f"ipplan: no {what} matches {' and '.join(counts)} together "
                   f"(each matches some of the {total} {what}s read)", err=True)


def _grep(pattern: str | None) -> Any:
    from .query import TextFilter

    if not pattern:
        return None
    import regex

    try:
        return TextFilter.compile(pattern)
    except regex.error as exc:
        _usage("--grep", f"not a valid pattern: {exc}")


def _emit_rows(inputs: Inputs, out: OutputOptions, rows: Iterator[dict], columns: list[Column], title: str,
               json_extra: list[str] | None = None, done: Callable[[int], None] | None = None) -> None:
    """Write a command's rows as each document is parsed (`OutputOptions.streams`), or gathered for the
    terminal table and xlsx. `done(rows)` runs once every input was read (to say a filter matched
    nothing); it runs before a gathered table is drawn, after streamed rows were written."""
    if out.streams:
        count = out.emit(rows, columns, title=title, json_extra=json_extra or ())
        if done:
            done(count)
        return
    gathered = list(rows)
    if done:
        done(len(gathered))
    if gathered or not inputs.failed or out.format != "table":  # no empty table under the error lines
        out.emit(gathered, columns, title=title, json_extra=json_extra or ())


# -- parse -------------------------------------------------------------------------------------

@_own.command()
@output_options(formats=("json", "jsonl", "tree", "md", "xlsx"), default="json", rows=False)
@input_options(lexicon=True, engine=True)
def parse(inputs: Inputs, out: OutputOptions) -> None:
    """Parse notices into documents: metadata, outline, units, tables, targets."""
    import itertools

    from . import output

    fmt = out.format
    if fmt == "xlsx":
        from .output.sheets import document_sheets

        docs = list(inputs.documents())
        with out.open() as stream:
            output.write_xlsx(document_sheets(docs, out.script), stream)
    elif fmt == "json" and inputs.single:  # one object (or nothing, if it could not be read)
        docs = [d.model_dump(mode="json") for d in inputs.documents()]
        if docs:
            with out.open() as stream:
                output.write_json(docs, stream, single=True)
    elif fmt == "json":  # an array whenever several inputs were asked for, written as each document comes
        source = inputs.document_texts("json-item")  # written where each is parsed (a worker, with --jobs)
        first = list(itertools.islice(source, 1))  # nothing is written before the first document is read
        with out.open() as stream:
            output.write_json_array(itertools.chain(first, source), stream, dumped=True)
    elif fmt == "jsonl":
        with out.open() as stream:
            for line in inputs.document_texts("jsonl"):
                stream.write(line + "\n")
    else:
        with out.open() as stream:
            for doc in inputs.documents():
                if fmt == "tree":
                    output.write_tree(doc, stream, script=out.script)
                else:
                    stream.write(output.markdown(doc, out.script) + "\n")
    raise typer.Exit(inputs.exit_code())


# -- tasks -------------------------------------------------------------------------------------

TASK_COLUMNS = [
    Column("file", table=False), Column("doc", machine=False, priority=30, truncate=True, max_width=24),
    Column("region", priority=60), Column("path", priority=80, no_wrap=True),
    Column("title", priority=100, max_width=60, min_width=24),
    Column("text", table=False, max_width=80), Column("units", priority=70, max_width=40),
    Column("lead", table=False), Column("line", numeric=True, priority=50),
    Column("chapter", table=False), Column("role", table=False),
]


@_own.command()
@output_options(streams=True)
@input_options(db=True)
def tasks(
    inputs: Inputs,
    out: OutputOptions,
    unit: Optional[str] = typer.Option(None, "--unit", "-u", metavar="TEXT", help="Only items naming a unit that contains TEXT."),
    grep: Optional[str] = typer.Option(None, "--grep", "-g", metavar="REGEX",
                                       help="Only items whose title or text matches TEXT (a regex; "
                                            "typed as the source writes it or normalised)."),
    region: Optional[str] = typer.Option(None, "--region", "-r", metavar="TEXT",
                                         help="Only plans whose region, or the region above it, contains TEXT "
                                              "(上海 finds 徐汇区)."),
    role: Optional[ChapterRole] = typer.Option(None, "--role", help="Only items under chapters of this role."),
) -> None:
    """List the items (tasks) of one or many plans: title, text, responsible units, line."""
    from .query import contains, iter_tasks, region_matches, task_row

    out.check_show(TASK_COLUMNS)
    pattern = _grep(grep)
    filters: dict[str, Any] = {}
    if unit:
        filters[f"--unit {unit!r}"] = lambda doc, node: any(contains(unit, u.name) for u in node.units)
    if grep:
        filters[f"--grep {grep!r}"] = lambda doc, node: pattern.search(node.title, node.text)
    if region:
        filters[f"--region {region!r}"] = lambda doc, node: region_matches(region, doc)
    counts = dict.fromkeys(filters, 0)
    seen = [0]  # tasks read, matched or not

    def rows() -> Iterator[dict]:
        for doc in inputs.documents():
            for node, chapter in iter_tasks(doc, role.value if role else None):
                seen[0] += 1
                hits = [name for name, test in filters.items() if test(doc, node)]
                for name in hits:
                    counts[name] += 1
                if len(hits) == len(filters):
                    yield task_row(doc, node, chapter, out.script)

    _emit_rows(inputs, out, rows(), TASK_COLUMNS, "tasks", ["title_normalised", "text_normalised"],
               lambda written: _nothing_matched("task", counts, seen[0]) if not written and seen[0] else None)
    raise typer.Exit(inputs.exit_code())


# -- targets -----------------------------------------------------------------------------------

def _human(row: dict) -> str:
    from .output.human import target_amount

    return target_amount(row)


TARGET_COLUMNS = [
    Column("file", table=False), Column("doc", machine=False, table=False),
    Column("region", priority=70), Column("name", priority=100, max_width=40, min_width=20),
    Column("key", priority=30, no_wrap=True), Column("scope", table=False),
    Column("amount", numeric=True, machine=False, priority=95, display=_human),
    Column("op", table=False), Column("value", numeric=True, table=False),
    Column("low", numeric=True, table=False), Column("high", numeric=True, table=False),
    Column("unit", table=False), Column("year", numeric=True, priority=90),
    Column("kind", table=False), Column("source", priority=20), Column("line", numeric=True, priority=50),
    Column("path", table=False), Column("raw", table=False, max_width=60),
]


@_own.command()
@output_options(streams=True)
@input_options(lexicon=True, engine=True, db=True)
def targets(
    inputs: Inputs,
    out: OutputOptions,
    key: Optional[str] = typer.Option(None, "--key", "-k", metavar="KEY",
                                      help="Only targets of this indicator: a key, or a name or alias as plans "
                                           "write it (`ipplan indicators` lists them)."),
    year: Optional[int] = typer.Option(None, "--year", "-y", help="Only targets for this year."),
    region: Optional[str] = typer.Option(None, "--region", "-r", metavar="TEXT",
                                         help="Only plans whose region, or the region above it, contains TEXT."),
    grep: Optional[str] = typer.Option(None, "--grep", "-g", metavar="REGEX",
                                       help="Only targets whose name or source text matches TEXT (a regex)."),
) -> None:
    """Quantified targets (indicator, amount, year), one row per indicator and year.

    The terminal shows amounts as plans write them (100亿元, ≥3家, 3–5家); JSON, CSV and
    xlsx carry the base value (value or low/high), op and base unit.
    """
    from .query import region_matches, resolve_key, target_row

    out.check_show(TARGET_COLUMNS)
    pattern = _grep(grep)
    wanted = None
    if key is not None:
        from .parse.indicators import load_lexicon

        lexicon = load_lexicon_or_exit(inputs.lexicon_path) if inputs.lexicon_path else load_lexicon()
        wanted = resolve_key(key, lexicon)
        if wanted is None:
            _usage("--key", f"unknown indicator {key!r}; `ipplan indicators` lists the keys and names")
    filters: dict[str, Any] = {}
    if wanted:
        filters[f"--key {key!r}"] = lambda doc, t: t.key == wanted
    if year:
        filters[f"--year {year}"] = lambda doc, t: t.year == year
    if region:
        filters[f"--region {region!r}"] = lambda doc, t: region_matches(region, doc)
    if grep:
        filters[f"--grep {grep!r}"] = lambda doc, t: pattern.search(t.name, t.raw)
    counts = dict.fromkeys(filters, 0)
    seen = [0]  # targets read, matched or not

    def rows() -> Iterator[dict]:
        for doc in inputs.documents():
            for target in doc.targets:
                seen[0] += 1
                hits = [name for name, test in filters.items() if test(doc, target)]
                for name in hits:
                    counts[name] += 1
                if len(hits) == len(filters):
                    yield target_row(doc, target, out.script)

    _emit_rows(inputs, out, rows(), TARGET_COLUMNS, "targets", ["name_normalised"],
               lambda written: _nothing_matched("target", counts, seen[0]) if not written and seen[0] else None)
    raise typer.Exit(inputs.exit_code())


# -- info ----------------------------------------------------------------------------------------

INFO_COLUMNS = [  # one line per document: text is cut with … rather than wrapped
    Column("file", table=False), Column("doc", machine=False, priority=65, truncate=True, max_width=28),
    Column("region", priority=90, truncate=True), Column("parent_region", table=False),
    Column("title", priority=100, truncate=True, min_width=16), Column("period", numeric=True, priority=80),
    Column("issuer", priority=35, truncate=True, max_width=24), Column("doc_number", priority=30, no_wrap=True),
    Column("issued", numeric=True, priority=45), Column("items", numeric=True, priority=70),
    Column("units", numeric=True, priority=60), Column("targets", numeric=True, priority=75),
    Column("warnings", numeric=True, priority=55), Column("script", table=False), Column("encoding", table=False),
]


@_own.command()
@output_options(streams=True)
@input_options(db=True)
def info(inputs: Inputs, out: OutputOptions) -> None:
    """One line per document: region, title, period, issuer, 文号, date, items, units, targets, warnings."""
    from .query import info_row

    out.check_show(INFO_COLUMNS)
    _emit_rows(inputs, out, (info_row(doc, out.script) for doc in inputs.documents()), INFO_COLUMNS, "documents")
    raise typer.Exit(inputs.exit_code())


# -- indicators ------------------------------------------------------------------------------------

INDICATOR_COLUMNS = [Column("key", priority=90), Column("name", priority=100), Column("unit", priority=50),
                     Column("aliases", priority=30, max_width=60)]


@_own.command()
@output_options()
def indicators(
    out: OutputOptions,
    lexicon: Optional[Path] = typer.Option(None, "--lexicon", metavar="FILE",
                                           help="An extra indicator lexicon (JSON) to add."),
) -> None:
    """List the indicator keys targets are matched to (the shipped lexicon plus --lexicon)."""
    from .parse.indicators import load_lexicon

    lex = load_lexicon_or_exit(lexicon) if lexicon else load_lexicon()
    rows = [{"key": i.key, "name": i.name, "unit": i.unit, "aliases": list(i.aliases)} for i in lex.indicators.values()]
    out.emit(rows, INDICATOR_COLUMNS, title="indicators")


# -- schema ----------------------------------------------------------------------------------------

@_own.command()
@output_options(formats=("json",), default="json", rows=False, text=False)
def schema(
    out: OutputOptions,
    compare: bool = typer.Option(False, "--compare", help="The schema of `ipplan compare --format json` instead."),
) -> None:
    """Print the JSON Schema of the document `ipplan parse` emits (or, with --compare, of `ipplan compare`)."""
    from . import output

    if compare:
        from .compare.model import CompareOutput as Model
    else:
        from .schema.models import Document as Model
    with out.open() as stream:
        stream.write(output.dumps(Model.model_json_schema(mode="serialization")) + "\n")


# -- registration: cli.py's commands, then those that live in their own packages -----------------

def _own_command(info: CommandInfo) -> Callable[[], CommandInfo]:
    return lambda: info


for _info in _own.registered_commands:
    _register_lazily(_info.name or typer.main.get_command_name(_info.callback.__name__),  # type: ignore[union-attr]
                     _own_command(_info))

# (command, module whose `register(app)` defines it), in the order `ipplan --help` lists them
_PACKAGED = [("compare", "compare.cli"), ("check", "check.cli"), ("diff", "diff.cli"), ("text", "readout.cli"),
             ("index", "store.cli"), ("search", "store.cli")]
_registered: dict[str, list[CommandInfo]] = {}


def _packaged_command(name: str, module: str) -> Callable[[], CommandInfo]:
    def load() -> CommandInfo:
        if module not in _registered:
            import importlib

            holder = typer.Typer()
            importlib.import_module(f"{__package__}.{module}").register(holder)
            _registered[module] = holder.registered_commands
        return next(info for info in _registered[module]
                    if (info.name or typer.main.get_command_name(info.callback.__name__)) == name)  # type: ignore[union-attr]

    return load


for _name, _module in _PACKAGED:
    _register_lazily(_name, _packaged_command(_name, _module))


class _PipeGuard:
    """Standard output that ends ipplan as SIGPIPE would once its reader has gone (`ipplan … | head`).

    SIGPIPE itself stays ignored, as Python sets it: worker processes talk to the parent through pipes,
    and with SIGPIPE at its default a pipe to a worker that had just ended killed the whole run
    (`--jobs 2` exiting -13 on a busy machine, Ctrl-C ending in -13 instead of 130). Only a write to
    our own standard output that finds the reader gone ends the process, quietly, the way `cat` ends.
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, data: Any) -> Any:
        try:
            return self._stream.write(data)
        except BrokenPipeError:
            _end_by_sigpipe()

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            _end_by_sigpipe()

    @property
    def buffer(self) -> Any:
        return _PipeGuard(self._stream.buffer)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _end_by_sigpipe() -> None:
    import os
    import signal

    try:  # nothing more reaches the reader: let the interpreter's last flush go nowhere
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.__stdout__.fileno())
    except (OSError, AttributeError, ValueError):
        pass
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGPIPE)
    os._exit(0)


_INTERRUPTED = False


def _on_interrupt(signum: int, frame: Any) -> None:
    global _INTERRUPTED
    _INTERRUPTED = True
    raise KeyboardInterrupt


def main() -> None:
    import signal

    from ._startup import no_collection_at_exit, pause_gc, skip_pydantic_plugins

    skip_pydantic_plugins()  # before pydantic builds anything (ipplan/_startup.py says why)
    pause_gc()  # no cyclic GC until the first document is parsed (batch.run), for 1 s at most
    no_collection_at_exit()

    if sys.stdout is not None:  # None when started with standard output closed (`>&-`): the output layer says so
        sys.stdout = _PipeGuard(sys.stdout)  # type: ignore[assignment]
    # Ctrl-C must end in 130 whatever it interrupts: a KeyboardInterrupt inside worker-pool machinery can
    # surface as another exception (an EOFError that click turns into "Aborted!" and exit 1), so the
    # signal itself is remembered and decides the exit code.
    signal.signal(signal.SIGINT, _on_interrupt)
    try:
        app(prog_name="ipplan")
    except BrokenPipeError:
        _end_by_sigpipe()
    except KeyboardInterrupt:
        pass
    except BaseException:
        if not _INTERRUPTED:
            raise
    else:
        if not _INTERRUPTED:
            return
    typer.echo("ipplan: interrupted", err=True)
    _exit_now(130)


def _exit_now(code: int) -> None:
    """Exit without the interpreter's shutdown. A worker ended while it was writing its result leaves
    half a message in the pool's result pipe; the pool's manager thread then waits for the rest for
    ever, and the interpreter joins that thread before it exits (a hang after Ctrl-C, about one run
    in three with --jobs 2). Generators still suspended are closed first (their `finally` ends the
    workers and a Dask cluster); a worker still alive dies with this process (PR_SET_PDEATHSIG)."""
    import gc
    import os

    gc.collect()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


if __name__ == "__main__":
    main()
