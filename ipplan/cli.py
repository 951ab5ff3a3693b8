"""Command line: a thin shell around `ipplan.parse`.

Exit codes (documented in the README, relied on by CI scripts):
  0  success; `check` found nothing to report
  1  `check` found warnings (the documents parsed, but something needs a look)
  2  bad input or usage: a file that is missing, empty, not text, undecodable or HTML,
     or a wrong option. With several inputs the good ones are still processed.
Heavy imports (pydantic models, the parser, rich) happen inside the commands,
so `ipplan --version` and `--help` stay quick.
"""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Optional

import typer

from . import __version__

if TYPE_CHECKING:
    from .schema.models import Document

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Read Chinese policy plans (工作方案, 行动方案, 实施意见…) into validated structures.",
)


class ParseFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    tree = "tree"
    md = "md"


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    md = "md"


class ChapterRole(str, Enum):
    requirements = "requirements"
    goals = "goals"
    tasks = "tasks"
    safeguards = "safeguards"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ipplan {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """ipplan: parse, list and compare Chinese policy plans."""


class Inputs:
    """Expands PATH arguments, reads and parses them, and remembers which ones failed."""

    def __init__(self, paths: list[str], encoding: str | None, lexicon: Path | None = None, *,
                 jobs: int | None = None, engine: str = "local", scheduler: str | None = None,
                 db: Path | None = None) -> None:
        # store: --db reads documents from an index instead of PATHs
        if db is not None and paths:
            typer.echo("ipplan: --db: give PATHs or --db, not both", err=True)
            raise typer.Exit(EXIT_INPUT)
        self.paths = paths or ["-"]
        self.encoding = encoding
        self.lexicon_path = lexicon
        self.failed = 0
        self.jobs, self.engine, self.scheduler, self.db = jobs, engine, scheduler, db  # batch: see ipplan/batch.py

    @property
    def single(self) -> bool:
        """One file (or stdin) was asked for: JSON output is one object, else always an array."""
        return len(self.paths) == 1 and (self.paths[0] == "-" or not Path(self.paths[0]).is_dir())

    def _files(self) -> Iterator[str]:
        for raw in self.paths:
            if raw == "-":
                if sys.stdin is None or sys.stdin.isatty():
                    self.error("-", "no input: give a PATH, or pipe a notice into standard input")
                    continue
                yield raw
                continue
            path = Path(raw)
            if path.is_dir():
                found = sorted(p for p in path.iterdir() if p.suffix.lower() in (".txt", ".md") and not p.is_dir())
                if not found:
                    self.error(raw, "the directory holds no .txt or .md files")
                yield from (str(p) for p in found)
            else:
                yield raw

    def error(self, name: str, message: str) -> None:
        self.failed += 1
        typer.echo(f"ipplan: {name}: {message}", err=True)

    def documents(self) -> Iterator["Document"]:
        """Parsed documents in input order, from `--jobs` worker processes, a Dask cluster or an index (`--db`)."""
        if self.db is not None:
            from .store import StoreError, documents

            try:
                yield from documents(self.db)
            except StoreError as exc:
                self.error(str(self.db), str(exc))
            return
        from .batch import EngineError, make_jobs, run

        lexicon = None
        if self.lexicon_path is not None:
            lexicon = _load_lexicon(self.lexicon_path)
        names = list(self._files())
        try:
            for outcome in run(list(make_jobs(names, self.encoding)), lexicon=lexicon, workers=self.jobs,
                               engine=self.engine, scheduler=self.scheduler):
                if outcome.error is not None:
                    self.error(outcome.name, outcome.error)
                else:
                    yield outcome.document
        except EngineError as exc:
            typer.echo(f"ipplan: --engine: {exc}", err=True)
            raise typer.Exit(EXIT_INPUT)

    def exit_code(self, code: int = EXIT_OK) -> int:
        return EXIT_INPUT if self.failed else code


def _load_lexicon(path: Path):
    from .parse.indicators import load_lexicon

    try:
        return load_lexicon(path)
    except Exception as exc:  # any failure to read a user's lexicon is their input's fault: one line, exit 2
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if isinstance(exc, ValueError):  # the lexicon reader's messages already start with the file name
            typer.echo(f"ipplan: --lexicon: {message}", err=True)
        else:
            typer.echo(f"ipplan: {path}: cannot read the lexicon: {message}", err=True)
        raise typer.Exit(EXIT_INPUT)


PathsArg = typer.Argument(None, help="Files, directories (their .txt/.md files) or - for standard input.")
EncodingOpt = typer.Option(None, "--encoding", "-e", help="Input encoding; default: detect UTF-8/UTF-16/GB18030.")
BomOpt = typer.Option(False, "--bom", help="Start CSV output with a UTF-8 BOM so Excel opens it correctly.")
# batch and store options (ipplan/batch.py, ipplan/store/)
JobsOpt = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes; default: the number of cores.")


class Engine(str, Enum):
    local = "local"
    dask = "dask"


EngineOpt = typer.Option(Engine.local, "--engine", help="local (worker processes) or dask (a Dask cluster).")
SchedulerOpt = typer.Option(None, "--scheduler", help="Dask scheduler address (tcp://HOST:8786); default: a local cluster.")
DbOpt = typer.Option(None, "--db", help="Read the documents from an index built by `ipplan index` instead of PATHs.")


@app.command()
def parse(
    paths: Optional[list[str]] = PathsArg,
    fmt: ParseFormat = typer.Option(ParseFormat.json, "--format", "-f", help="json, jsonl (one document per line), tree or md."),
    encoding: Optional[str] = EncodingOpt,
    lexicon: Optional[Path] = typer.Option(None, "--lexicon", help="An extra indicator lexicon (JSON)."),
    jobs: Optional[int] = JobsOpt,
    engine: Engine = EngineOpt,
    scheduler: Optional[str] = SchedulerOpt,
) -> None:
    """Parse notices into documents: metadata, outline, units, tables, targets."""
    from . import output

    inputs = Inputs(paths or [], encoding, lexicon, jobs=jobs, engine=engine.value, scheduler=scheduler)
    out = sys.stdout
    if fmt is ParseFormat.jsonl:
        output.write_jsonl((d.model_dump(mode="json") for d in inputs.documents()), out)
    elif fmt is ParseFormat.json:
        docs = [d.model_dump(mode="json") for d in inputs.documents()]
        if inputs.single:
            if docs:
                output.write_json(docs, out, single=True)
        else:
            output.write_json(docs, out, single=False)  # an array whenever several inputs were asked for
    elif fmt is ParseFormat.tree:
        for doc in inputs.documents():
            output.write_tree(doc, out)
    else:
        for doc in inputs.documents():
            out.write(output.markdown(doc) + "\n")
    raise typer.Exit(inputs.exit_code())


@app.command()
def tasks(
    paths: Optional[list[str]] = PathsArg,
    unit: Optional[str] = typer.Option(None, "--unit", "-u", help="Only items naming a unit that contains TEXT."),
    grep: Optional[str] = typer.Option(None, "--grep", "-g", help="Only items whose title or text matches TEXT (a regex)."),
    role: Optional[ChapterRole] = typer.Option(None, "--role", help="Only items under chapters of this role."),
    fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table, json, jsonl, csv or md."),
    encoding: Optional[str] = EncodingOpt,
    bom: bool = BomOpt,
    jobs: Optional[int] = JobsOpt,
    db: Optional[Path] = DbOpt,
) -> None:
    """List the items (tasks) of one or many plans with their responsible units."""
    import regex

    try:
        pattern = regex.compile(grep) if grep else None
    except regex.error as exc:
        typer.echo(f"ipplan: --grep: not a valid pattern: {exc}", err=True)
        raise typer.Exit(EXIT_INPUT)
    from .query import iter_tasks

    inputs = Inputs(paths or [], encoding, jobs=jobs, db=db)
    rows = []
    for doc in inputs.documents():
        for node, chapter in iter_tasks(doc, role.value if role else None):
            names = [u.name for u in node.units]
            if unit and not any(unit in n for n in names):
                continue
            if pattern and not (pattern.search(node.title) or pattern.search(node.text)):
                continue
            rows.append({
                "file": doc.source, "doc": Path(doc.source or "-").name, "region": doc.meta.region, "path": "/".join(node.path), "title": node.title,
                "units": names, "lead": (node.unit_roles or {}).get("lead", []), "line": node.line,
                "chapter": chapter.title, "role": chapter.role,
            })
    header = ["file", "region", "path", "title", "units", "lead", "line", "chapter", "role"]
    _emit(rows, header, fmt, bom, title="tasks", compact=["doc", "region", "path", "title", "units", "line"])
    raise typer.Exit(inputs.exit_code())


def _emit(rows: list[dict], header: list[str], fmt: ListFormat, bom: bool, title: str,
          compact: list[str] | None = None) -> None:
    """Rows in the chosen format; the terminal table shows the `compact` columns only."""
    from . import output

    out = sys.stdout
    if fmt is ListFormat.table and compact:
        header = compact
    if fmt in (ListFormat.json, ListFormat.jsonl):
        clean = [{h: r.get(h) for h in header} for r in rows]
        if fmt is ListFormat.json:
            out.write(output.dumps(clean) + "\n")
        else:
            output.write_jsonl(clean, out)
    else:
        flat = [[("、".join(r[h]) if isinstance(r.get(h), list) else r.get(h)) for h in header] for r in rows]
        if fmt is ListFormat.csv:
            output.write_csv(flat, header, out, bom=bom)
        elif fmt is ListFormat.md:
            out.write("| " + " | ".join(header) + " |\n|" + "---|" * len(header) + "\n")
            for row in flat:
                out.write("| " + " | ".join("" if v is None else str(v).replace("|", "\\|") for v in row) + " |\n")
        else:
            output.write_table(flat, header, out, title=f"{title} ({len(rows)})")


def _lexicon_keys(lexicon) -> list[str]:
    return list(lexicon.indicators)


@app.command()
def indicators(
    fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table, json, jsonl, csv or md."),
    lexicon: Optional[Path] = typer.Option(None, "--lexicon", help="An extra indicator lexicon (JSON) to add."),
    bom: bool = BomOpt,
) -> None:
    """List the indicator keys targets are matched to (the shipped lexicon plus --lexicon)."""
    from .parse.indicators import load_lexicon

    lex = _load_lexicon(lexicon) if lexicon else load_lexicon()
    rows = [{"key": i.key, "name": i.name, "unit": i.unit, "aliases": list(i.aliases)} for i in lex.indicators.values()]
    _emit(rows, ["key", "name", "unit", "aliases"], fmt, bom, title="indicators")


TARGET_COLUMNS = ["file", "region", "name", "key", "scope", "op", "value", "low", "high", "unit", "year", "kind",
                  "source", "line", "path", "raw"]


@app.command()
def targets(
    paths: Optional[list[str]] = PathsArg,
    key: Optional[str] = typer.Option(None, "--key", "-k", help="Only targets of this indicator key (see the lexicon)."),
    year: Optional[int] = typer.Option(None, "--year", "-y", help="Only targets for this year."),
    region: Optional[str] = typer.Option(None, "--region", "-r", help="Only plans whose region contains TEXT."),
    fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table, json, jsonl, csv or md."),
    encoding: Optional[str] = EncodingOpt,
    bom: bool = BomOpt,
    lexicon: Optional[Path] = typer.Option(None, "--lexicon", help="An extra indicator lexicon (JSON) to match names against."),
    jobs: Optional[int] = JobsOpt,
    engine: Engine = EngineOpt,
    scheduler: Optional[str] = SchedulerOpt,
    db: Optional[Path] = DbOpt,
) -> None:
    """Extract quantified targets (indicator, number, unit, year) from plans, as a table, JSON or CSV."""
    from . import output

    if key is not None:
        from .parse.indicators import load_lexicon

        known = _lexicon_keys(_load_lexicon(lexicon) if lexicon else load_lexicon())
        if key not in known:
            typer.echo(f"ipplan: --key: unknown indicator key {key!r}; `ipplan indicators` lists the keys", err=True)
            raise typer.Exit(EXIT_INPUT)
    inputs = Inputs(paths or [], encoding, lexicon, jobs=jobs, engine=engine.value, scheduler=scheduler, db=db)
    rows = []
    for doc in inputs.documents():
        if region and region not in (doc.meta.region or ""):
            continue
        for target in doc.targets:
            if key and target.key != key:
                continue
            if year and target.year != year:
                continue
            data = target.model_dump(mode="json")
            data["path"] = "/".join(target.path) if target.path else None
            row = {"file": doc.source, "region": doc.meta.region, **{c: data.get(c) for c in TARGET_COLUMNS[2:]}}
            row["amount"] = output.amount(row)
            rows.append(row)
    _emit(rows, TARGET_COLUMNS, fmt, bom, title="targets",
          compact=["region", "name", "amount", "unit", "year", "key", "source", "line"])
    raise typer.Exit(inputs.exit_code())


@app.command()
def check(
    paths: Optional[list[str]] = PathsArg,
    fmt: CheckFormat = typer.Option(CheckFormat.text, "--format", "-f", help="text or json."),
    encoding: Optional[str] = EncodingOpt,
    jobs: Optional[int] = JobsOpt,
) -> None:
    """Report what the parser doubted: numbering gaps, lines it kept as text, missing titles. Exit 1 if any."""
    from . import output

    inputs = Inputs(paths or [], encoding, jobs=jobs)
    found = 0
    report = []
    for doc in inputs.documents():
        found += len(doc.warnings)
        report.append({"file": doc.source, "warnings": doc.warnings, "outline_entries": sum(1 for _ in doc.iter_nodes()),
                       "targets": len(doc.targets)})
        if fmt is CheckFormat.text:
            for warning in doc.warnings:
                typer.echo(f"{doc.source}: {warning}")
    if fmt is CheckFormat.json:
        sys.stdout.write(output.dumps(report) + "\n")
    elif not found and not inputs.failed:
        typer.echo(f"ok: {len(report)} document(s), nothing to report", err=True)
    raise typer.Exit(inputs.exit_code(EXIT_FINDINGS if found else EXIT_OK))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the document `ipplan parse` emits."""
    from . import output
    from .schema.models import Document

    sys.stdout.write(output.dumps(Document.model_json_schema(mode="serialization")) + "\n")


def main() -> None:
    import signal

    if hasattr(signal, "SIGPIPE"):  # `ipplan parse … | head`: end quietly, like cat, not with exit 1
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("ipplan: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)


if __name__ == "__main__":
    main()

from .store.cli import register as _register_store  # noqa: E402
_register_store(app)
