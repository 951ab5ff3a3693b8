"""PATH arguments → parsed documents, with every skipped or failed file named on stderr.

Directories are read recursively (sorted, so runs are repeatable); a file ipplan does
not read is named with its reason and counted, never dropped in silence. Each bad
input is one line `ipplan: PATH: message` and makes the exit code 2, while the good
inputs are still processed. A quoted pattern (`'plans/**/*.txt'`, or any pattern on Windows,
whose shells do not expand them) is expanded here, sorted. `--meta KEY=VALUE` states what a
notice does not say.
"""
from __future__ import annotations

import datetime as dt
import functools
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

import typer

if TYPE_CHECKING:
    from .schema.models import Document

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2

# file endings read from a directory (any case: .TXT, .Md). .doc and .wps are picked up so that each
# gets its one line ("save it as .docx") instead of being skipped without a word.
SUFFIXES: set[str] = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf", ".doc", ".wps"}
INPUT_FORMATS = ("text", "html", "docx", "pdf")
# a collection's own documentation beside its notices (corpus/README.md), skipped in folders only
_PROJECT_FILE = re.compile(r"(?i)^(readme|license|licence|changelog|contributing|authors)([._-].*)?$")
META_KEYS = ("region", "parent_region", "title", "issuer", "doc_number", "issued", "period")


def is_pattern(raw: str) -> bool:
    """A PATH that is a glob (`*`, `?`, `[…]`) and not a file of that name: Windows shells pass
    `plans\\*.txt` on as typed, and a quoted pattern reaches ipplan on any system."""
    return raw != "-" and any(c in raw for c in "*?[") and not os.path.lexists(raw)


def parse_meta(items: list[str] | None) -> dict[str, Any]:
    """`--meta region=闵行区 --meta period=2024-2026` → fields; a bad item exits 2 with one line."""
    import regex

    fields: dict[str, Any] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or key not in META_KEYS or not value:
            _usage("--meta", f"expected KEY=VALUE with KEY one of {', '.join(META_KEYS)}, got {item!r}")
        if key == "period":
            m = regex.fullmatch(r"((?:19|20)\d{2})\s*(?:年)?\s*[-—–~至到]\s*((?:19|20)\d{2})\s*(?:年)?", value) \
                or regex.fullmatch(r"((?:19|20)\d{2})()", value)
            if not m:
                _usage("--meta", f"period: expected YEAR-YEAR (e.g. 2024-2026) or YEAR, got {value!r}")
            start, end = int(m.group(1)), int(m.group(2) or m.group(1))
            if end < start:
                _usage("--meta", f"period: {end} is before {start}")
            fields[key] = [start, end]
        elif key == "issued":
            try:
                fields[key] = dt.date.fromisoformat(value)
            except ValueError:
                _usage("--meta", f"issued: expected a date YYYY-MM-DD, got {value!r}")
        else:
            fields[key] = value
    return fields


def _usage(option: str, message: str) -> None:
    typer.echo(f"ipplan: {option}: {message}", err=True)
    raise typer.Exit(EXIT_INPUT)


def apply_meta(doc: "Document", fields: dict[str, Any]) -> None:
    meta = doc.meta
    for key, value in fields.items():
        setattr(meta, key, value)
        meta.lines.pop(key, None)  # no input line says it: the user did
        if key == "title":
            meta.title_as_written = value
        if key == "period":
            meta.period_source = "given"


class Inputs:
    """Expands PATH arguments, reads and parses them, and remembers which ones failed.

    `Inputs(paths, encoding, lexicon)` is what every command (and other packages' commands)
    use; `.documents()` yields parsed documents, `.failed` counts bad inputs, `.skipped`
    files left out of directories, `.error(name, msg)` reports one more bad input.
    """

    def __init__(self, paths: list[str], encoding: str | None, lexicon: Path | None = None, *,
                 recursive: bool = True, errors: str = "strict", meta: dict[str, Any] | None = None,
                 input_format: Any = None, jobs: int | None = None, engine: str = "local",
                 scheduler: str | None = None, db: Path | None = None) -> None:
        if db is not None and paths:
            _usage("--db", "give PATHs or --db, not both")
        self.db = db  # --db: documents come from an index built by `ipplan index` (ipplan/store)
        self.jobs, self.engine, self.scheduler = jobs, getattr(engine, "value", engine), scheduler  # ipplan/batch.py
        self.paths = paths or ["-"]
        self.input_format: str | None = getattr(input_format, "value", input_format)
        self.encoding = encoding
        self.lexicon_path = lexicon
        self.recursive = recursive
        self.errors = errors
        self.meta = meta or {}
        self.failed = 0
        self.skipped = 0
        self.read = 0
        self._seen: set[Path] = set()  # folders already walked (a symlink loop is read once)
        self._globbed: dict[str, list[str]] = {}

    @property
    def single(self) -> bool:
        """One file (or stdin) was asked for: JSON output is one object, else always an array
        (for a folder or a pattern even when it holds one file, so a script reads one shape)."""
        if len(self.paths) != 1:
            return False
        raw = self.paths[0]
        if is_pattern(raw):  # one that matches nothing is answered as a missing file is
            return not self._glob(raw)
        return raw == "-" or not Path(raw).is_dir()

    def skip(self, name: str, reason: str) -> None:
        self.skipped += 1
        typer.echo(f"ipplan: {name}: skipped: {reason}", err=True)

    def _walk(self, folder: Path) -> Iterator[str]:
        """Readable files under `folder`, sorted; everything else named as skipped."""
        try:
            entries = sorted(folder.iterdir(), key=lambda p: p.name)
        except OSError as exc:
            self.error(str(folder), exc.strerror or str(exc))
            return
        files = [p for p in entries if not p.is_dir()]
        dirs = [p for p in entries if p.is_dir()]
        for path in files:
            if path.name.startswith("."):
                self.skip(str(path), "hidden file")
            elif _PROJECT_FILE.match(path.stem):
                self.skip(str(path), "a folder's README/LICENSE/CHANGELOG, not a notice (name it to read it)")
            elif path.suffix.lower() in SUFFIXES:
                yield str(path)
            else:
                kind = path.suffix.lower() or "no extension"
                self.skip(str(path), f"not a file type ipplan reads ({kind}; it reads {', '.join(sorted(SUFFIXES))})")
        for path in dirs:
            real = path.resolve()
            if real in self._seen:
                self.skip(str(path) + os.sep, "a link to a folder already read")
                continue
            if path.name.startswith("."):
                self.skip(str(path) + os.sep, "hidden folder")
            elif not self.recursive:
                self.skip(str(path) + os.sep, "a sub-folder (--no-recursive)")
            else:
                self._seen.add(real)
                yield from self._walk(path)

    def _files(self) -> Iterator[str]:
        for raw in self.paths:
            if raw == "-":
                if sys.stdin is None or sys.stdin.isatty():
                    self.error("-", "no input: give a PATH, or pipe a notice into standard input")
                    continue
                yield raw
                continue
            if is_pattern(raw):
                yield from self._matches(raw)
                continue
            yield from self._path(raw)

    def _path(self, raw: str) -> Iterator[str]:
        """A file as named, or a folder's files (walked, skips named)."""
        path = Path(raw)
        if path.is_dir():
            self._seen.add(path.resolve())
            before_skipped = self.skipped
            found = 0
            for name in self._walk(path):
                found += 1
                yield name
            if not found and self.skipped == before_skipped:
                self.error(raw, f"the folder holds no files ipplan reads ({', '.join(sorted(SUFFIXES))})")
            elif not found:
                self.error(raw, f"none of the folder's files is one ipplan reads "
                                f"({self.skipped - before_skipped} skipped)")
            elif self.skipped > before_skipped:
                typer.echo(f"ipplan: {raw}: {found} file(s) to read, "
                           f"{self.skipped - before_skipped} skipped (named above)", err=True)
        else:
            yield raw

    def _glob(self, pattern: str) -> list[str]:
        """What a quoted pattern matches, sorted, as a shell would have listed it (`**` crosses folders;
        a leading dot is matched only when written); looked up once per run."""
        import glob

        if pattern not in self._globbed:
            self._globbed[pattern] = sorted(glob.iglob(pattern, recursive=True))
        return self._globbed[pattern]

    def _matches(self, pattern: str) -> Iterator[str]:
        """The files a quoted pattern stands for: each file it matches as named, each folder it
        matches walked as a folder PATH is (`'plans/*'` reads `plans/上海/…` as the shell's `plans/*`
        would); a file reached twice (`'plans/**'` matches it and its folder) is read once. A pattern
        that matches nothing is one error line, worded for a file name that merely holds `[`, `*` or `?`."""
        names = self._glob(pattern)
        if not names:
            self.error(pattern, "no such file, and nothing matches it as a pattern")
            return
        given: set[str] = set()
        walked: list[Path] = []
        for name in names:
            if os.path.isdir(name):
                folder = Path(name).resolve()
                if any(folder == w or w in folder.parents for w in walked):
                    continue  # inside a folder this pattern already walked (`'plans/**'`)
                walked.append(folder)
            for found in self._path(name):
                key = os.path.normpath(found)
                if key not in given:
                    given.add(key)
                    yield found

    def files(self) -> Iterator[str]:
        """The file names the PATHs stand for (folders walked, skips named), for commands that read them their own way."""
        return self._files()

    def error(self, name: str, message: str) -> None:
        self.failed += 1
        typer.echo(f"ipplan: {name}: {message}", err=True)

    def _decode(self, name: str, data: bytes) -> tuple[str, str]:
        from .parse.read import decode_lossy

        text, used, bad = decode_lossy(data, self.encoding)
        if bad:
            lines = sorted({data.count(b"\n", 0, offset) + 1 for offset in bad})
            where = ", ".join(str(n) for n in lines[:10]) + (" …" if len(lines) > 10 else "")
            typer.echo(f"ipplan: {name}: {len(bad)} undecodable byte(s) replaced with U+FFFD "
                       f"(read as {used}), on line {where}", err=True)
        return text, used

    def documents(self) -> Iterator["Document"]:
        """Parsed documents in input order: in this process, from `--jobs` worker processes, from a Dask
        cluster (`--engine dask`), or from an index (`--db`). Every route runs `batch.parse_job`, so the
        output is the same byte for byte."""
        if self.db is not None:
            yield from self._from_index()
            return
        for outcome in self._outcomes("document"):
            doc = outcome.document
            if self.meta:
                apply_meta(doc, self.meta)
            yield doc

    def document_texts(self, want: str) -> Iterator[str]:
        """Each document as `ipplan parse` writes it (`output.writers.document_text`: "jsonl" or
        "json-item"), in input order. Where the documents are parsed (a worker) also writes them,
        unless --meta must change them or they come from an index: then they are written here."""
        if self.db is not None or self.meta:
            from .output.writers import document_text

            for doc in self.documents():
                yield document_text(doc, want)
            return
        for outcome in self._outcomes(want):
            yield outcome.text  # type: ignore[misc]  (set for every outcome _outcomes gives)

    def _outcomes(self, want: str) -> Iterator[Any]:
        """The outcomes that were read, in input order; a failure is named and counted here."""
        from .batch import EngineError, make_jobs, run

        lexicon = None
        if self.lexicon_path is not None:
            lexicon = load_lexicon_or_exit(self.lexicon_path)
        # The names are listed first (a few bytes each), so every folder's skipped files are named before
        # the first document, whatever --jobs; the jobs themselves are made as the workers take them.
        names = list(self._files())
        jobs = make_jobs(names, self.encoding, want=want, input_format=self.input_format, errors=self.errors)
        try:
            for outcome in run(jobs, lexicon=lexicon, workers=self.jobs, engine=self.engine,
                               scheduler=self.scheduler):
                if outcome.note:
                    typer.echo(f"ipplan: {outcome.name}: {outcome.note}", err=True)
                if outcome.error is not None or (outcome.document if want == "document" else outcome.text) is None:
                    self.error(outcome.name, outcome.error or "nothing was read")
                    continue
                self.read += 1
                yield outcome
        except EngineError as exc:
            _usage("--engine", str(exc))

    def _from_index(self) -> Iterator["Document"]:
        from .store import StoreError, documents

        try:
            for doc in documents(self.db):
                self.read += 1
                if self.meta:
                    apply_meta(doc, self.meta)
                yield doc
        except StoreError as exc:
            self.error(str(self.db), str(exc))

    def exit_code(self, code: int = EXIT_OK) -> int:
        return EXIT_INPUT if self.failed else code


def load_lexicon_or_exit(path: Path) -> Any:
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


@functools.lru_cache(maxsize=1)
def _choice_enums() -> tuple[Any, Any, Any]:
    """The enums of --errors, --input-format and --engine, made once for every command (an Enum costs 0.1 ms)."""
    from enum import Enum

    return (Enum("Errors", {"strict": "strict", "replace": "replace"}, type=str),
            Enum("InputFormat", {f: f for f in INPUT_FORMATS}, type=str),
            Enum("Engine", {"local": "local", "dask": "dask"}, type=str))


def input_options(lexicon: bool = False, metavar: str = "PATH...", paths_help: str | None = None,
                  batch: bool = True, db: bool = False, engine: bool = False):
    """Give a typer command the PATH arguments and input options; it receives `inputs: Inputs`.

    Adds PATH…, --encoding/-e, --errors, --input-format, --no-recursive, --meta KEY=VALUE, and
    --jobs/-j for a command that reads many files (`batch`), --engine/--scheduler where the work may
    go to a Dask cluster (`engine`), --db where documents may come from an index (`db`), and --lexicon
    (`lexicon`), in one line (`metavar`/`paths_help` describe the PATHs of a command that takes
    particular ones, as diff's OLD NEW):

        @app.command()
        @output_options()
        @input_options()
        def compare(inputs: Inputs, out: OutputOptions) -> None: ...
    """
    import functools
    import inspect
    from typing import Optional

    errors_enum, format_enum, engine_enum = _choice_enums()

    def decorate(fn):
        sig = inspect.signature(fn)
        if "inputs" not in sig.parameters:
            raise TypeError(f"{fn.__name__} needs an `inputs: Inputs` parameter")
        kept = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in sig.parameters.values() if p.name != "inputs"]
        pos, kw = inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY
        head = [inspect.Parameter("in_paths", pos, annotation=Optional[list[str]], default=typer.Argument(
            None, metavar=metavar, show_default=False,
            help=paths_help or "Files, folders (read recursively: .txt, .text, .md, .markdown, .html, .htm, "
                               ".docx, .pdf in any case), patterns ('plans/**/*.txt', sorted) or - for "
                               "standard input."))]
        extra = [
            inspect.Parameter("in_encoding", kw, annotation=Optional[str], default=typer.Option(
                None, "--encoding", "-e", metavar="NAME", help="Input encoding; default: detect UTF-8/UTF-16/GB18030/Big5.")),
            inspect.Parameter("in_errors", kw, annotation=errors_enum, default=typer.Option(
                errors_enum("strict"), "--errors",
                help="strict: refuse a file with undecodable bytes; replace: read it with U+FFFD "
                     "in their place and say on which lines they were.")),
            inspect.Parameter("in_format", kw, annotation=Optional[format_enum], default=typer.Option(
                None, "--input-format", help="Read every input as text, html, docx or pdf; default: tell each "
                                             "file's format by its content.")),
            inspect.Parameter("in_recursive", kw, annotation=bool, default=typer.Option(
                True, "--recursive/--no-recursive", help="Read sub-folders of a folder (default) or not.")),
            inspect.Parameter("in_meta", kw, annotation=Optional[list[str]], default=typer.Option(
                None, "--meta", metavar="KEY=VALUE",
                help=f"State what a notice does not say, e.g. --meta region=闵行区 --meta period=2024-2026 "
                     f"(keys: {', '.join(META_KEYS)}).")),
        ]
        if batch:
            extra.append(inspect.Parameter("in_jobs", kw, annotation=Optional[int], default=typer.Option(
                None, "--jobs", "-j", min=1, metavar="N",
                help="Worker processes for a folder of files; default: the number of cores (up to 8 files: this "
                     "process). Output is the same whatever N.")))
        if engine:
            extra.append(inspect.Parameter("in_engine", kw, annotation=engine_enum, default=typer.Option(
                engine_enum("local"), "--engine", help="local (worker processes) or dask (a Dask cluster: "
                                                       "pip install 'ipplan[dask]').")))
            extra.append(inspect.Parameter("in_scheduler", kw, annotation=Optional[str], default=typer.Option(
                None, "--scheduler", metavar="ADDRESS",
                help="With --engine dask: the scheduler (tcp://HOST:8786); default: a local cluster.")))
        if db:
            extra.append(inspect.Parameter("in_db", kw, annotation=Optional[Path], default=typer.Option(
                None, "--db", metavar="FILE", help="Read the documents from an index built by `ipplan index` "
                                                  "instead of PATHs.")))
        if lexicon:
            extra.append(inspect.Parameter("in_lexicon", kw, annotation=Optional[Path], default=typer.Option(
                None, "--lexicon", metavar="FILE", help="An extra indicator lexicon (JSON, the format of "
                                                        "ipplan/data/indicators.json).")))

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            errors = kwargs.pop("in_errors")
            inputs = Inputs(kwargs.pop("in_paths") or [], kwargs.pop("in_encoding"), kwargs.pop("in_lexicon", None),
                            recursive=kwargs.pop("in_recursive"), errors=getattr(errors, "value", errors),
                            meta=parse_meta(kwargs.pop("in_meta")), input_format=kwargs.pop("in_format"),
                            jobs=kwargs.pop("in_jobs", None), engine=kwargs.pop("in_engine", "local"),
                            scheduler=kwargs.pop("in_scheduler", None), db=kwargs.pop("in_db", None))
            return fn(*args, inputs=inputs, **kwargs)

        wrapper.__signature__ = sig.replace(parameters=head + kept + extra)
        wrapper.__annotations__ = {k: v for k, v in fn.__annotations__.items() if k != "inputs"}
        return wrapper

    return decorate
