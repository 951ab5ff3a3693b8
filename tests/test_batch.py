"""--jobs: worker processes give the same bytes as one process, in input order, and fail per file."""
from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS_DIR

sys.path.insert(0, str(ROOT / "benchmarks"))
from variants import write_corpus  # noqa: E402

from ipplan.batch import Job, Outcome, parse_job, run  # noqa: E402


def console_script() -> str:
    return str(Path(sys.executable).with_name("ipplan"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    write_corpus(folder, 24)
    (folder / "n00013.txt").write_text("<html><body><div><p>一、总体要求</p><p>x</p></div></body></html>", encoding="utf-8")
    (folder / "n00017.txt").write_bytes(b"")
    return folder


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([console_script(), *args], capture_output=True, timeout=300)


@pytest.mark.parametrize("command", [
    ["parse", "-f", "jsonl"],
    ["parse", "-f", "json"],
    ["parse", "-f", "jsonl", "--meta", "region=测试市"],
    ["targets", "-f", "csv"],
    ["tasks", "-f", "json"],
    ["check", "-f", "json"],
])
def test_jobs_2_gives_the_bytes_of_jobs_1(corpus, command):
    # parse over the whole corpus; the other commands over a third of it (same machinery, less CI time)
    files = sorted(str(p) for p in corpus.glob("*.txt"))
    files = files if command[0] == "parse" else files[9:18]
    one = _run(*command, *files, "--jobs", "1")
    two = _run(*command, *files, "--jobs", "2")
    assert one.stdout == two.stdout and one.stdout
    assert one.stderr.decode() == two.stderr.decode()
    assert one.returncode == two.returncode == 2  # the two bad files are counted, the others still printed
    errors = two.stderr.decode().splitlines()
    assert [e.split(":")[1].strip() for e in errors] == [str(corpus / "n00013.txt"), str(corpus / "n00017.txt")]
    if command[:3] == ["parse", "-f", "jsonl"]:
        assert two.stdout.count(b"\n") == 22
    if "--meta" in command:
        assert two.stdout.count("测试市".encode()) >= 22


def test_workers_write_the_parse_output_and_the_parent_builds_no_model(corpus, monkeypatch):
    """With --jobs, `ipplan parse -f json/jsonl` gets each document's text from the worker that parsed it:
    the parent would otherwise rebuild every model from JSON and dump it again (most of its work)."""
    from ipplan.output.writers import document_text
    from ipplan.schema.models import Document

    names = sorted(str(p) for p in corpus.glob("n0000*.txt"))[:6]
    local = {n: parse_job(Job(name=n, source=n, path=n)).document for n in names}

    def refuse(*args, **kwargs):
        raise AssertionError("a model was rebuilt in the parent")

    monkeypatch.setattr(Document, "model_validate_json", refuse)
    for want in ("jsonl", "json-item"):
        outcomes = list(run([Job(name=n, source=n, path=n, want=want) for n in names], workers=2, progress=False))
        assert [o.name for o in outcomes] == names
        assert all(o.document is None and o.document_json is None for o in outcomes)
        assert [o.text for o in outcomes] == [document_text(local[n], want) for n in names]


def test_parse_job_is_picklable_pure_and_returns_errors(tmp_path):
    seed = str(sorted(SEEDS_DIR.glob("*.txt"))[0])
    job = Job(name=seed, source=seed, path=seed)
    assert pickle.loads(pickle.dumps(parse_job)) is parse_job
    first, second = parse_job(job), parse_job(pickle.loads(pickle.dumps(job)))
    assert first.ok and first.document.model_dump_json() == second.document.model_dump_json()
    assert pickle.loads(pickle.dumps(first)).document == first.document
    missing = parse_job(Job(name="nope.txt", source="nope.txt", path=str(tmp_path / "nope.txt")))
    assert missing.error == "no such file" and missing.document is None
    assert "empty" in parse_job(Job(name="-", source="<stdin>", data=b"  ")).error
    assert parse_job(Job(name="d", source="d", path=str(tmp_path))).error == "is a directory"


def test_a_parser_crash_costs_one_file(monkeypatch):
    import ipplan.parse

    def boom(*args, **kwargs):
        raise ZeroDivisionError("bad luck")

    monkeypatch.setattr(ipplan.parse, "parse_bytes", boom)
    out = parse_job(Job(name="x", source="x", data="一、总体要求\n".encode()))
    assert out.error == "the parser failed: ZeroDivisionError: bad luck"


def test_results_stream_in_order_with_few_jobs_in_flight(corpus, monkeypatch):
    import concurrent.futures

    submitted: list[int] = []
    real = concurrent.futures.ProcessPoolExecutor

    class Counting(real):  # type: ignore[misc, valid-type]
        def submit(self, fn, *args, **kwargs):
            submitted.append(1)
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counting)
    names = sorted(str(p) for p in corpus.glob("*.txt"))
    jobs = [Job(name=n, source=n, path=n) for n in names]
    stream = run(jobs, workers=2, progress=False)
    first = next(stream)
    assert first.name == names[0]
    assert len(submitted) <= 2 * 4 + 1  # a window, not the whole list: memory stays flat
    rest = list(stream)
    assert [o.name for o in [first, *rest]] == names
    assert all(isinstance(o, Outcome) for o in rest)


def test_progress_bar_does_not_change_results(corpus, capsys):
    names = sorted(str(p) for p in corpus.glob("*.txt"))[:4]
    jobs = [Job(name=n, source=n, path=n) for n in names]
    shown = [o.document.model_dump_json() for o in run(jobs, workers=1, progress=True)]
    plain = [o.document.model_dump_json() for o in run(jobs, workers=1, progress=False)]
    assert shown == plain
    assert capsys.readouterr().out == ""  # the bar goes to stderr only


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(x) for x in text]
    return found


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc to see worker processes")
def test_ctrl_c_ends_every_worker_and_exits_130(corpus):
    proc = subprocess.Popen([console_script(), "parse", str(corpus), str(corpus), str(corpus), "-f", "jsonl",
                             "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert proc.stdout.readline()  # the workers are busy
        workers = _children(proc.pid)
        assert len(workers) >= 2
        proc.send_signal(signal.SIGINT)
        proc.stdout.read()
        rc = proc.wait(timeout=20)
        err = proc.stderr.read().decode()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert rc == 130
    assert "Traceback" not in err
    time.sleep(0.2)
    alive = [pid for pid in workers if Path(f"/proc/{pid}").exists()
             and "Z" not in Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]]
    assert alive == []


def test_a_worker_that_dies_costs_only_its_file(corpus, monkeypatch):
    import ipplan.parse

    real = ipplan.parse.parse_bytes

    def dies_on_n00005(data, source=None, **kwargs):
        if source and source.endswith("n00005.txt"):
            os._exit(3)  # as a segfault or the OOM killer would end the worker
        return real(data, source=source, **kwargs)

    monkeypatch.setattr(ipplan.parse, "parse_bytes", dies_on_n00005)  # forked workers inherit it
    names = sorted(str(p) for p in corpus.glob("*.txt"))[:10]
    outcomes = list(run([Job(name=n, source=n, path=n) for n in names], workers=2, progress=False))
    assert [o.name for o in outcomes] == names
    failed = {Path(o.name).name: o.error for o in outcomes if o.error}
    assert failed == {"n00005.txt": "the worker process died while parsing it"}


@pytest.mark.parametrize("broken_at", [3, 9, 12])
def test_a_pool_that_breaks_at_submit_loses_no_file(corpus, monkeypatch, broken_at):
    """A worker's death shows at the next `submit` as often as at a result: the job being submitted and
    the outcome just read must still come out, in order (they were lost, about one run in three)."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    real = ProcessPoolExecutor.submit
    calls = [0]

    def submit(self, *args, **kwargs):
        calls[0] += 1
        if calls[0] == broken_at:
            raise BrokenProcessPool("simulated")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", submit)
    names = sorted(str(p) for p in corpus.glob("n000*.txt"))[:12]
    outcomes = list(run([Job(name=n, source=n, path=n) for n in names], workers=2, progress=False))
    assert [o.name for o in outcomes] == names
    assert all(o.document is not None for o in outcomes if Path(o.name).name not in ("n00013.txt", "n00017.txt"))


def test_documents_cross_processes_as_json_and_fall_back_to_a_local_parse():
    from ipplan.batch import _as_models, _on_the_wire

    seed = str(sorted(SEEDS_DIR.glob("*.txt"))[1])
    job = Job(name=seed, source=seed, path=seed)
    wire = _on_the_wire([job])[0]
    sent = parse_job(wire)
    assert sent.document is None and sent.document_json
    [back] = _as_models([job], [sent], None)
    assert back.document.model_dump(mode="json") == parse_job(job).document.model_dump(mode="json")
    [fallback] = _as_models([job], [Outcome(seed, document_json='{"not": "a document"}')], None)
    assert fallback.ok and fallback.document.source == seed


def test_jobs_default_to_the_cores(corpus, monkeypatch):
    import concurrent.futures

    import ipplan.batch

    pools: list[int] = []
    real = concurrent.futures.ProcessPoolExecutor

    class Recording(real):  # type: ignore[misc, valid-type]
        def __init__(self, max_workers=None, **kwargs):
            pools.append(max_workers)
            super().__init__(max_workers=max_workers, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Recording)
    monkeypatch.setattr(ipplan.batch, "default_jobs", lambda: 3)
    names = sorted(str(p) for p in corpus.glob("*.txt"))[:ipplan.batch.SMALL_BATCH + 1]
    jobs = [Job(name=n, source=n, path=n) for n in names]
    assert [o.name for o in run(jobs, progress=False)] == names
    assert pools == [3]  # no --jobs: as many workers as cores
    pools.clear()
    assert [o.name for o in run(jobs, workers=1, progress=False)] == names
    assert pools == []  # --jobs 1 parses in the process itself
    few = jobs[:ipplan.batch.SMALL_BATCH]
    assert [o.name for o in run(few, progress=False)] == names[:len(few)]
    assert pools == []  # no --jobs and a few files: in the process itself (a pool would cost more than it saves)
    assert [o.name for o in run(few, workers=2, progress=False)] == names[:len(few)]
    assert pools == [2]  # an explicit --jobs is always honoured
    if hasattr(os, "sched_getaffinity"):
        monkeypatch.undo()
        assert ipplan.batch.default_jobs() == len(os.sched_getaffinity(0))


def test_a_folder_with_the_default_jobs_gives_the_bytes_of_one_process(corpus):
    files = sorted(str(p) for p in corpus.glob("*.txt"))
    folder = _run("parse", str(corpus), "-f", "jsonl")  # a folder, --jobs left to its default (the cores)
    one = _run("parse", *files, "-f", "jsonl", "--jobs", "1")
    assert folder.stdout == one.stdout and folder.stdout.count(b"\n") == 22
    assert folder.returncode == one.returncode == 2
    assert folder.stderr == one.stderr


def _with_terminal(args: list[str], stdout_too: bool) -> tuple[bytes, bytes, int]:
    """Run ipplan with stderr (and stdout, if asked) on a pseudo-terminal: (what the terminal got, stdout, exit)."""
    import pty
    import threading

    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    env.pop("FORCE_COLOR", None)
    proc = subprocess.Popen([console_script(), *args], stdout=slave if stdout_too else subprocess.PIPE,
                            stderr=slave, env=env)
    os.close(slave)
    seen: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the terminal's last writer has gone
                return
            if not chunk:
                return
            seen.append(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    out = b"" if stdout_too else proc.stdout.read()
    rc = proc.wait(timeout=300)
    reader.join(timeout=30)
    os.close(master)
    return b"".join(seen), out, rc


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs a pseudo-terminal")
def test_progress_bar_only_when_stderr_is_a_terminal(corpus):
    files = sorted(str(p) for p in corpus.glob("*.txt"))[:6]
    plain = _run("parse", *files, "-f", "jsonl", "--jobs", "2")
    assert plain.returncode == 0 and b"parsing" not in plain.stderr  # stderr a pipe: no bar
    terminal, out, rc = _with_terminal(["parse", *files, "-f", "jsonl", "--jobs", "2"], stdout_too=False)
    assert rc == 0 and out == plain.stdout  # the bar changes nothing on stdout
    assert b"parsing" in terminal and b"/6" in terminal  # drawn on stderr: "parsing ━━━ 3/6"
    both, _, rc = _with_terminal(["parse", *files[:2], "-f", "jsonl", "--jobs", "2"], stdout_too=True)
    assert rc == 0 and b'"outline"' in both and b"parsing" not in both  # output on the terminal: no bar


def test_progress_bar_leaves_standard_output_alone(corpus, monkeypatch, capsys):
    import io

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setenv("TERM", "xterm")
    names = sorted(str(p) for p in corpus.glob("*.txt"))[:3]
    for outcome in run([Job(name=n, source=n, path=n) for n in names], workers=1, progress=True):
        print(Path(outcome.name).name)  # as a command writes each document while the bar is drawn
    assert capsys.readouterr().out.split() == [Path(n).name for n in names]
    assert "parsing" in terminal.getvalue()


def test_generated_corpus_is_deterministic_and_varied_as_the_issue_asks(tmp_path):
    from variants import describe

    a = write_corpus(tmp_path / "a", 60)
    b = write_corpus(tmp_path / "b", 30)
    assert [p.read_bytes() for p in a[:30]] == [p.read_bytes() for p in b]  # file i whatever the count
    assert [p.read_bytes() for p in write_corpus(tmp_path / "c", 60)] == [p.read_bytes() for p in a]
    seen = describe(300)
    for path in ("region varied", "numbers varied", "chapter dropped", "chapters swapped", "chapter borrowed",
                 "traditional", "page breaks"):
        assert seen.get(path, 0) >= 5, (path, seen)
    texts = [p.read_text(encoding="utf-8") for p in a]
    assert len(set(texts)) == len(texts)
