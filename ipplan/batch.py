"""Parse many files on all cores, or on a Dask cluster, with output in input order.

Everything that runs on a worker is one pure, picklable, deterministic function,
`parse_job(job, lexicon)`: a `Job` (a path read on the worker, or bytes for
standard input) in, an `Outcome` (the Document, or an index record, or an error
message) out. Errors come back as values so one bad file never stops the others
and a worker never prints. The same function serves `--jobs 1` (in process),
`--jobs N` (a process pool) and `--engine dask`, which is why their outputs are
byte-identical.

Memory stays flat in the number of files: at most a small window of jobs is in
flight, and results are yielded (in input order) as soon as the head of the
window is done.
"""
from __future__ import annotations

import hashlib
import itertools
import os
import sys
from collections import deque
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from ._startup import resume_gc

if TYPE_CHECKING:
    from .schema.models import Document

ENGINES = ("local", "dask")
# wants answered with the output's own text of the document: with --jobs the worker writes it, so the
# parent neither rebuilds the model from JSON nor dumps it again (that was most of the parent's work,
# as much as a third of a worker's parse, and what kept --jobs 2 from using both cores)
TEXTS = ("jsonl", "json-item")


@dataclass(frozen=True)
class Job:
    """One file to parse. `path` is read where the job runs; `data` carries standard input."""

    name: str                      # as the user gave it, for error messages
    source: str                    # what Document.source says
    path: str | None = None
    data: bytes | None = None
    encoding: str | None = None
    input_format: str | None = None  # text, html, docx, pdf; None: told by content
    errors: str = "strict"         # "replace": undecodable bytes of a text file become U+FFFD (and a note says where)
    want: str = "document"         # "document"; "json" (the Document as JSON text: cheaper to send between
                                   # processes than a pickled model); "record" (index rows, ipplan.store.records);
                                   # "jsonl" / "json-item": the text `ipplan parse` writes for the document
                                   # (ipplan.output.writers.document_text), made where the document is parsed


@dataclass
class Outcome:
    name: str
    document: "Document | None" = None
    document_json: str | None = None
    text: str | None = None        # for want "jsonl" / "json-item": the document as the output writes it
    record: dict[str, Any] | None = None
    error: str | None = None
    note: str | None = None        # something the user should hear about a file that was read (bytes replaced)
    sha256: str | None = None
    size: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None


def parse_job(job: Job, lexicon: object | None = None) -> Outcome:
    """Read and parse one file; every failure is returned, never raised.

    Pure apart from reading `job.path`: no printing, no global state beyond
    import-time caches, the same output for the same bytes.
    """
    from .parse import InputError, parse_bytes, parse_text
    from .parse.read import decode_lossy
    from .parse.readers.sniff import sniff

    try:
        if job.data is not None:
            data = job.data
        elif job.path is not None:
            with open(job.path, "rb") as fh:
                data = fh.read()
        else:
            return Outcome(job.name, error="nothing to read")
    except FileNotFoundError:
        return Outcome(job.name, error="no such file")
    except IsADirectoryError:
        return Outcome(job.name, error="is a directory")
    except PermissionError:
        return Outcome(job.name, error="permission denied")
    except OSError as exc:
        return Outcome(job.name, error=exc.strerror or str(exc))
    digest = hashlib.sha256(data).hexdigest()
    note = None
    try:
        if job.errors == "replace" and (job.input_format or sniff(data, job.name)) == "text":
            text, used, bad = decode_lossy(data, job.encoding)
            if bad:
                lines = sorted({data.count(b"\n", 0, offset) + 1 for offset in bad})
                where = ", ".join(str(n) for n in lines[:10]) + (" …" if len(lines) > 10 else "")
                note = f"{len(bad)} undecodable byte(s) replaced with U+FFFD (read as {used}), on line {where}"
            doc = parse_text(text, source=job.source, encoding=used, lexicon=lexicon)
        else:
            doc = parse_bytes(data, source=job.source, encoding=job.encoding, lexicon=lexicon,
                              input_format=job.input_format)
    except InputError as exc:
        return Outcome(job.name, error=str(exc), sha256=digest, size=len(data))
    except RecursionError:
        return Outcome(job.name, error="the parser failed: the input nests too deeply", sha256=digest, size=len(data))
    except Exception as exc:  # a parser bug must cost one file, not the batch; the message names it
        first = str(exc).splitlines()[0] if str(exc) else ""
        return Outcome(job.name, error=f"the parser failed: {type(exc).__name__}: {first}".rstrip(": "),
                       sha256=digest, size=len(data))
    if job.want == "record":
        from .store.records import record

        return Outcome(job.name, record=record(doc, digest, len(data)), sha256=digest, size=len(data), note=note)
    if job.want == "json":
        return Outcome(job.name, document_json=doc.model_dump_json(), sha256=digest, size=len(data), note=note)
    if job.want in TEXTS:
        from .output.writers import document_text

        return Outcome(job.name, text=document_text(doc, job.want), sha256=digest, size=len(data), note=note)
    return Outcome(job.name, document=doc, sha256=digest, size=len(data), note=note)


# Without --jobs, this many files or fewer are parsed in this process: for a few files a pool costs more
# than it saves (starting it, and in each worker the first parse, which loads the word lists; then every
# document crosses back as JSON). `ipplan compare` of the six seeds: 0.47 s in process, 0.53 s with two workers.
SMALL_BATCH = 8


def default_jobs() -> int:
    """Cores this process may use (a container's CPU set, not the host's core count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def make_jobs(names: Iterable[str], encoding: str | None, want: str = "document",
              stdin: Callable[[], bytes] | None = None, input_format: str | None = None,
              errors: str = "strict") -> Iterator[Job]:
    """Jobs for PATH arguments already expanded to files; `-` is read here, once."""
    for name in names:
        if name == "-":
            data = stdin() if stdin else sys.stdin.buffer.read()
            yield Job(name="-", source="<stdin>", data=data, encoding=encoding, want=want,
                      input_format=input_format, errors=errors)
        else:
            yield Job(name=name, source=name, path=name, encoding=encoding, want=want,
                      input_format=input_format, errors=errors)


def run(jobs: Iterable[Job], *, lexicon: object | None = None, workers: int | None = None,
        engine: str = "local", scheduler: str | None = None, progress: bool | None = None) -> Iterator[Outcome]:
    """Outcomes of `parse_job` over `jobs`, in input order, from the chosen engine.

    `workers` is the number of processes (default: the cores, or 1 for up to `SMALL_BATCH`
    jobs); 1 parses in this process. `progress` None shows a bar on stderr only when stderr is a terminal
    and stdout is not (output scrolling on the terminal is progress enough).

    `jobs` is read as the work goes: a few ahead to choose the route, then one more each time a
    result is given, so a generator of 10,000 jobs is never held whole (only the progress bar,
    which must know the total, lists them first).
    """
    source: Iterator[Job] = iter(jobs)
    total = 0
    if progress is not False and (progress or (_isatty(sys.stderr) and not _isatty(sys.stdout))):
        listed = list(source)  # the bar says "12/10000": it needs the total
        total, source = len(listed), iter(listed)
        progress = progress or total > 1
    if workers:
        count = workers
        head = list(itertools.islice(source, max(2, count)))  # enough to tell one job from several
    else:  # a few files parse here (a worker would pay its own first parse); more, on every core
        head = list(itertools.islice(source, SMALL_BATCH + 1))
        count = default_jobs() if len(head) > SMALL_BATCH else 1
    source = itertools.chain(head, source)
    if engine == "dask":
        sent, kept = itertools.tee(source)
        stream = _as_models(kept, _dask(map(_wire, sent), lexicon, scheduler, workers), lexicon)
    elif count <= 1 or len(head) <= 1:
        stream = (parse_job(job, lexicon) for job in source)
    else:
        sent, kept = itertools.tee(source)  # tee holds only the jobs in flight (the pool's window)
        stream = _as_models(kept, _pool(map(_wire, sent), lexicon, min(count, len(head))), lexicon)
    if progress:
        stream = _with_progress(stream, total)
    first = True
    for outcome in stream:
        yield outcome
        if first:  # start-up is over: the collector back on (it is off while the CLI starts, ipplan/_startup.py)
            first = False
            resume_gc()


def _wire(job: Job) -> Job:
    """Documents travel from workers as JSON text: pydantic-core writes and reads it in about a third
    of the time pickle takes for a nested model."""
    return replace(job, want="json") if job.want == "document" else job


def _on_the_wire(jobs: list[Job]) -> list[Job]:
    return [_wire(job) for job in jobs]


def _as_models(jobs: Iterable[Job], outcomes: Iterable[Outcome], lexicon: object | None) -> Iterator[Outcome]:
    from .schema.models import Document

    for job, outcome in zip(jobs, outcomes):
        if outcome.document_json is not None and job.want == "document":
            try:
                outcome.document = Document.model_validate_json(outcome.document_json)
            except ValueError:  # a model that does not survive its own JSON: parse here, as --jobs 1 would
                outcome = parse_job(job, lexicon)
            outcome.document_json = None
        yield outcome


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (ValueError, AttributeError):
        return False


def _with_progress(stream: Iterator[Outcome], total: int) -> Iterator[Outcome]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("parsing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    # The bar is drawn only when stdout is not the terminal, so stdout is left alone: rich's default
    # (redirect_stdout) would send whatever is printed to sys.stdout meanwhile to the bar's console,
    # stderr, and out of a pipe or file. stderr lines (a failed file) are printed above the bar.
    with Progress(*columns, console=Console(stderr=True), transient=True, redirect_stdout=False) as bar:
        task = bar.add_task("parse", total=total)
        for outcome in stream:
            bar.advance(task)
            yield outcome


def _worker_init(parent: int) -> None:
    """Workers leave Ctrl-C to the parent, which ends them, and die with it.

    A parent killed outright (SIGPIPE from `| head`, SIGKILL) runs no cleanup; on Linux
    the kernel then kills the workers (PR_SET_PDEATHSIG), so none is left holding the
    caller's pipes open.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _warm(records: bool) -> None:
    """Import the parser (and load jieba for index records) once here, so forked workers inherit them."""
    import ipplan.parse  # noqa: F401  (imported for its side effect: loaded before fork)

    if records:
        from .store.records import _jieba

        _jieba()


def _pool(jobs: Iterable[Job], lexicon: object | None, workers: int) -> Iterator[Outcome]:
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pending = iter(jobs)
    first = next(pending, None)
    if first is None:
        return
    pending = itertools.chain([first], pending)
    # fork starts a worker in milliseconds with the parser already imported; elsewhere the platform default
    method = "fork" if sys.platform.startswith("linux") else None
    if method == "fork":
        _warm(first.want == "record")  # every job of a run wants the same
    resume_gc()  # workers collect as usual (and share what start-up made, frozen)
    context = multiprocessing.get_context(method)
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init,
                                   initargs=(os.getpid(),))
    window: deque[tuple[Job, Future]] = deque()
    limit = workers * 4
    # A job enters the window before it is submitted: `submit` raises BrokenProcessPool once a worker
    # has died, and a job taken from `pending` but in no window would be lost without a word.
    try:
        for job in pending:
            window.append((job, None))
            window[-1] = (job, executor.submit(parse_job, job, lexicon))
            if len(window) >= limit:
                break
        while window:
            job, future = window.popleft()
            try:
                outcome = future.result()  # type: ignore[union-attr]  (None only in the window left by a raise)
            except BrokenProcessPool:
                window.appendleft((job, future))
                raise
            except Exception as exc:  # the result could not come back (e.g. not picklable): this file only
                outcome = Outcome(job.name, error=f"the worker failed: {type(exc).__name__}: {exc}")
            broken = False
            for nxt in pending:
                window.append((nxt, None))
                try:
                    window[-1] = (nxt, executor.submit(parse_job, nxt, lexicon))
                except BrokenProcessPool:
                    broken = True  # this outcome is given first: it was read before the pool broke
                break
            yield outcome
            if broken:
                raise BrokenProcessPool("a worker process died")
        executor.shutdown(wait=True)  # all done: workers exit on their own, nothing to kill
        executor = None
    except BrokenProcessPool:
        # a worker died (a crash in C code, the OOM killer): retry each file that was in flight alone,
        # so only the one that kills its process is reported, then go on with a fresh pool
        lost = [job for job, _ in window]
        _terminate(executor)
        executor = None
        for job in lost:
            yield _isolated(job, lexicon, context)
        yield from _pool(pending, lexicon, workers)
    finally:
        if executor is not None:
            _terminate(executor)


def _isolated(job: Job, lexicon: object | None, context: Any) -> Outcome:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    executor = ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_worker_init,
                                   initargs=(os.getpid(),))
    try:
        return executor.submit(parse_job, job, lexicon).result()
    except BrokenProcessPool:
        return Outcome(job.name, error="the worker process died while parsing it")
    finally:
        _terminate(executor)


def _terminate(executor: Any) -> None:
    """End every worker now: on Ctrl-C, on early exit, after a crash. Nothing is left running."""
    processes = list(getattr(executor, "_processes", {}).values())
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
    executor.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        proc.join(timeout=5)


def _dask(jobs: Iterable[Job], lexicon: object | None, scheduler: str | None, workers: int | None) -> Iterator[Outcome]:
    """The same `parse_job` on a Dask cluster; a local one (processes, one thread each) without an address."""
    import logging

    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise EngineError("--engine dask needs Dask: pip install 'ipplan[dask]'") from None

    resume_gc()
    cluster = None
    client = None
    try:
        try:
            if scheduler:
                _reachable(scheduler)
                client = Client(scheduler, timeout="10s")
            else:
                cluster = LocalCluster(n_workers=workers or default_jobs(), threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR)
                client = Client(cluster)
        except OSError as exc:
            raise EngineError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {exc}") from None
        threads = sum(client.nthreads().values()) or 1
        lex = client.scatter(lexicon, broadcast=True) if lexicon is not None else None
        window: deque[tuple[Job, Any]] = deque()
        limit = max(8, threads * 4)
        pending = iter(jobs)

        def submit(job: Job) -> None:
            window.append((job, client.submit(parse_job, job, lex, pure=False)))

        for job in pending:
            submit(job)
            if len(window) >= limit:
                break
        while window:
            job, future = window.popleft()
            try:
                outcome = future.result()
            except Exception as exc:  # a worker died or the result was lost: this file only
                outcome = Outcome(job.name, error=f"the Dask task failed: {type(exc).__name__}: {exc}")
            future.release()
            for nxt in pending:
                submit(nxt)
                break
            yield outcome
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()


def _reachable(address: str) -> None:
    """A refused connection is said at once, not after Dask's retries time out."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme not in ("tcp", "tls") or not parts.hostname:
        return  # other comm schemes (inproc, ucx, ws): let Dask judge them
    try:
        socket.create_connection((parts.hostname, parts.port or 8786), timeout=10).close()
    except OSError as exc:
        raise EngineError(f"cannot reach the Dask scheduler {address}: {exc.strerror or exc}") from None


class EngineError(RuntimeError):
    """The engine could not start (Dask missing, scheduler unreachable): one line, exit 2."""
