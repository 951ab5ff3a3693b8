"""Row output streams: each document's rows are written before the next document is read, in input
order, with the bytes the gathered output had; memory is one document's rows, whatever the file count.
Also: quoted PATH patterns (`'plans/**/*.txt'`) are expanded by ipplan, as a shell would."""
from __future__ import annotations

import io
import json
import os
import random
import sys

import pytest
from typer.testing import CliRunner

from conftest import SEEDS_DIR
from ipplan.cli import Inputs, app
from ipplan.output import Column, OutputOptions, dumps, write_json, write_json_array

runner = CliRunner()
SEEDS = sorted(SEEDS_DIR.glob("*.txt"))


def _random_value(rng: random.Random, depth: int = 0):
    kinds = ["str", "int", "float", "none", "bool"] + (["list", "dict"] if depth < 3 else [])
    kind = rng.choice(kinds)
    if kind == "str":
        return "".join(rng.choice(["a", "徐", "\n", '"', "\\", " ", "\u2028", "{", "]", ",", "\t"])
                       for _ in range(rng.randint(0, 6)))
    if kind == "int":
        return rng.randint(-10**12, 10**12)
    if kind == "float":
        return rng.random() * 1000
    if kind == "none":
        return None
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "list":
        return [_random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {f"k{i}\n": _random_value(rng, depth + 1) for i in range(rng.randint(0, 3))}


@pytest.mark.parametrize("seed", range(40))
def test_json_array_written_item_by_item_is_the_whole_list_dump(seed):
    rng = random.Random(seed)
    items = [_random_value(rng) for _ in range(rng.randint(0, 5))]
    if seed % 3 == 0:
        items = [{"a": v, "b": [], "c": {}} for v in items]
    streamed = io.StringIO()
    assert write_json_array(iter(items), streamed) == len(items)
    whole = io.StringIO()
    write_json(items, whole, single=False)
    assert streamed.getvalue() == whole.getvalue() == dumps(items) + "\n"


COLUMNS = [Column("file"), Column("n", numeric=True), Column("text")]


class _Probe:
    """Rows that look at what was already written each time one more is asked for."""

    def __init__(self, stream: io.StringIO, count: int) -> None:
        self.stream, self.count, self.seen_before = stream, count, []

    def __iter__(self):
        for i in range(self.count):
            self.seen_before.append(self.stream.getvalue())
            yield {"file": f"f{i}.txt", "n": i, "text": f"=row {i}\nnext"}


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv", "md"])
def test_emit_writes_each_row_before_the_next_is_made(fmt, monkeypatch):
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stream)
    probe = _Probe(stream, 6)
    out = OutputOptions(format=fmt)
    assert out.streams
    assert out.emit(iter(probe), COLUMNS, title="rows") == 6
    # when row i is asked for, every row before it is already out (rows 0..i-1): one row in memory at most
    for i, before in enumerate(probe.seen_before):
        assert all(f"f{j}.txt" in before for j in range(i)), (i, before)
        assert f"f{i}.txt" not in before
    # the first row is not preceded by any write: a header is only written once the first row exists
    assert probe.seen_before[0] == ""
    gathered = io.StringIO()
    monkeypatch.setattr(sys, "stdout", gathered)
    OutputOptions(format=fmt).emit(list(_Probe(io.StringIO(), 6)), COLUMNS, title="rows")
    assert gathered.getvalue() == stream.getvalue()


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_limit_stops_writing_but_reads_and_counts_every_row(fmt, monkeypatch):
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stream)
    probe = _Probe(stream, 7)
    assert OutputOptions(format=fmt, limit=2).emit(iter(probe), COLUMNS, title="rows") == 7
    assert len(probe.seen_before) == 7
    assert "f1.txt" in stream.getvalue() and "f2.txt" not in stream.getvalue()


def test_table_and_xlsx_gather_their_rows():
    assert not OutputOptions(format="table").streams and not OutputOptions(format="xlsx").streams


def _documents(count: int):
    """A fake, slow document source: the seeds parsed again and again, recording what stdout held
    each time one more document was asked for."""
    from ipplan.parse import parse_bytes

    parsed = [parse_bytes(p.read_bytes(), source=str(p)) for p in SEEDS]
    record: list[tuple[int, int]] = []  # (documents given so far, lines on stdout then)

    def documents(self):
        for i in range(count):
            sys.stdout.flush()
            record.append((i, sys.stdout.buffer.getvalue().count(b"\n")))
            self.read += 1
            yield parsed[i % len(parsed)].model_copy(deep=True)

    return documents, record, parsed


@pytest.mark.parametrize("command,fmt", [("targets", "jsonl"), ("targets", "csv"), ("tasks", "json"),
                                         ("tasks", "tsv"), ("info", "md"), ("targets", "json")])
def test_commands_write_a_documents_rows_before_the_next_is_parsed(command, fmt, monkeypatch):
    count = 12
    documents, record, parsed = _documents(count)
    monkeypatch.setattr(Inputs, "documents", documents)
    result = runner.invoke(app, [command, "-f", fmt, *map(str, SEEDS)])
    assert result.exit_code == 0, result.output
    assert len(record) == count
    # before document i+1 is asked for, the output already grew past what it held before document i:
    # rows are not held back; and when the last document is asked for, much of the output is out
    grew = sum(1 for (_, before), (_, after) in zip(record, record[1:]) if after > before)
    assert grew >= count // 2
    assert record[-1][1] > result.stdout.count("\n") // 2


def test_rows_held_do_not_grow_with_the_number_of_documents(monkeypatch):
    """Structural, not timed: lines still unwritten when a document is asked for stay one document's worth,
    with 10 documents as with 40."""
    lag = {}
    for count in (10, 40):
        documents, record, parsed = _documents(count)
        monkeypatch.setattr(Inputs, "documents", documents)
        result = runner.invoke(app, ["targets", "-f", "jsonl", *map(str, SEEDS)])
        assert result.exit_code == 0
        per_doc = [len(parsed[i % len(parsed)].targets) for i in range(count)]
        # lines out when document i is asked for, against the rows of documents 0..i-1
        lag[count] = max(sum(per_doc[:i]) - lines for i, lines in record)
    assert lag[10] == lag[40]
    assert lag[40] <= max(len(d.targets) for d in parsed)


def test_table_still_gathers_and_says_so_in_help():
    result = runner.invoke(app, ["targets", "--help"], terminal_width=200)
    assert "are written as each file is read; table and xlsx after the last" in " ".join(result.stdout.split())


# -- patterns ------------------------------------------------------------------------------------

@pytest.fixture()
def tree(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ["a/x.txt", "a/b/y.txt", "a/b/z.md", "a/w.txt", "a/.hidden.txt", "a/notes.csv"]:
        (tmp_path / name).write_bytes(SEEDS[0].read_bytes())
    (tmp_path / "lit[1].txt").write_bytes(SEEDS[1].read_bytes())
    return tmp_path


def _files(*paths: str) -> tuple[list[str], int]:
    inputs = Inputs(list(paths), None)
    return list(inputs.files()), inputs.failed


def test_a_quoted_pattern_is_expanded_sorted(tree):
    a = str(tree / "a")
    assert _files(f"{a}/*.txt") == ([f"{a}/w.txt", f"{a}/x.txt"], 0)
    assert _files(f"{a}/**/*.txt") == ([f"{a}/b/y.txt", f"{a}/w.txt", f"{a}/x.txt"], 0)
    assert _files(f"{a}/**/*.[mt][dx]*") == ([f"{a}/b/y.txt", f"{a}/b/z.md", f"{a}/w.txt", f"{a}/x.txt"], 0)
    # a folder it matches is walked as a folder PATH is (the shell's unquoted a/* would pass b on): its
    # files of the kinds ipplan reads, its other files skipped; a file reached twice is read once
    assert _files(f"{a}/*") == ([f"{a}/b/y.txt", f"{a}/b/z.md", f"{a}/notes.csv", f"{a}/w.txt", f"{a}/x.txt"], 0)
    everything, failed = _files(f"{a}/**")  # a/ itself, walked, then what it holds: each file once
    assert sorted(everything) == sorted(_files(f"{a}/*")[0]) and len(set(everything)) == len(everything)
    assert _files(f"{a}/b*") == ([f"{a}/b/y.txt", f"{a}/b/z.md"], 0)


def test_a_file_whose_name_looks_like_a_pattern_is_read_as_named(tree):
    assert _files(str(tree / "lit[1].txt")) == ([str(tree / "lit[1].txt")], 0)
    assert Inputs([str(tree / "lit[1].txt")], None).single


def test_a_pattern_that_matches_nothing_is_one_error_line(tree):
    result = runner.invoke(app, ["targets", "-f", "jsonl", str(tree / "a" / "*.docx")])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"ipplan: {tree / 'a' / '*.docx'}: no such file, and nothing matches it as a pattern"]


def test_a_missing_file_named_like_a_pattern_is_answered_as_a_missing_file(tree):
    """`plan[1].txt` that does not exist: the same output shape as any missing file (nothing on
    standard output for parse -f json, exit 2), with a message that covers both readings."""
    missing = runner.invoke(app, ["parse", "-f", "json", str(tree / "gone.txt")])
    bracketed = runner.invoke(app, ["parse", "-f", "json", str(tree / "gone[1].txt")])
    assert missing.exit_code == bracketed.exit_code == 2
    assert missing.stdout == bracketed.stdout == ""
    assert bracketed.stderr.strip() == f"ipplan: {tree / 'gone[1].txt'}: no such file, and nothing matches it as a pattern"


def test_a_pattern_gives_what_the_files_named_one_by_one_give(tree):
    a = tree / "a"
    by_pattern = runner.invoke(app, ["targets", "-f", "json", str(a / "**" / "*.txt")])
    by_name = runner.invoke(app, ["targets", "-f", "json", str(a / "b" / "y.txt"), str(a / "w.txt"), str(a / "x.txt")])
    assert by_pattern.exit_code == by_name.exit_code == 0
    assert by_pattern.stdout == by_name.stdout and json.loads(by_pattern.stdout)
    # parse of a pattern is an array even when it names one file, as for a folder
    one = runner.invoke(app, ["parse", "-f", "json", str(a / "w.*")])
    assert one.exit_code == 0 and isinstance(json.loads(one.stdout), list) and len(json.loads(one.stdout)) == 1
    assert not Inputs([str(a / "w.*")], None).single


def test_pattern_when_the_shell_left_it_is_relative_to_the_working_folder(tree, monkeypatch):
    monkeypatch.chdir(tree)
    assert _files(os.path.join("a", "*.txt")) == ([os.path.join("a", "w.txt"), os.path.join("a", "x.txt")], 0)


# -- the batch runner reads its jobs as the work goes ------------------------------------------------

@pytest.mark.parametrize("workers", [1, 2])
def test_run_takes_jobs_from_a_generator_as_it_needs_them(workers):
    from ipplan.batch import Job, run

    pulled: list[int] = []
    count = 16

    def jobs():
        for i in range(count):
            pulled.append(i)
            name = str(SEEDS[i % len(SEEDS)])
            yield Job(name=name, source=name, path=name)

    outcomes = run(jobs(), workers=workers, progress=False)
    first = next(outcomes)
    assert first.ok and first.document is not None
    assert len(pulled) <= workers * 4 + 2 < count  # a window ahead, not the whole list
    rest = list(outcomes)
    assert [o.name for o in [first, *rest]] == [str(SEEDS[i % len(SEEDS)]) for i in range(count)]
    assert all(o.ok for o in rest)
