#!/usr/bin/env python3
"""Where a parse spends its time: each pipeline stage's share of the whole parse, measured in one run.

The parse that is timed is the real one (`ipplan.parse.parse_bytes`, as the CLI and the batch
engine call it), so the stages add up to the whole: the public entry point of each stage is
wrapped, wherever it was imported, by a clock that charges the time to the innermost stage running
(exclusive times, no double counting):

  read       read_document (bytes → text), normalise_newlines, check_text, LineIndex, locate
  normalise  normalise
  segment    segment, task_rows
  outline    build_outline
  assemble   Assembler (nodes, blocks, tables) apart from the units and models it makes
  units      units_in (responsible units of each node)
  meta       read_meta, title_as_written
  targets    extract_targets apart from the units and models it makes
  validate   validate (the parse's own checks)
  model      pydantic validation and construction of every model (Document, Node, Target, …)
  residual   parse_text's own lines between the stages

and then, outside the parse, `JSON`: `Document.model_dump_json()` and the CLI's jsonl writing
(`model_dump(mode="json")` + `json.dumps`). A stage entry point that no longer exists (another
change renamed it) is listed as not found and its time falls into the stage that called it. The
instrumented parse is slower than a plain one (a clock call per wrapped call); the overhead is
printed beside it, and the shares are of the instrumented run.

Reports figures only, nothing is a pass/fail check. Usage:
    python benchmarks/bench_parse.py [FILES…] [--repeat N] [--quick]
With no files it uses seeds/*.txt. Each stage's time is its minimum over the repeats (the least
disturbed on a shared machine: another process taking the core lands in one stage of one run),
and the whole parse is the sum of those minima; the plain parse is the minimum of uninstrumented runs.
"""
from __future__ import annotations

import argparse
import functools
import importlib
import inspect
import io
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (stage, module, name): the public entry points, in the order parse_bytes runs them. A class is
# timed through the methods named (Class.method), so isinstance checks still hold.
ENTRY_POINTS: list[tuple[str, str, str]] = [
    ("read", "ipplan.parse.read", "read_document"),
    ("read", "ipplan.parse.read", "normalise_newlines"),
    ("read", "ipplan.parse.read", "check_text"),
    ("read", "ipplan.parse.span", "LineIndex.__init__"),
    ("normalise", "ipplan.parse.normalise", "normalise"),
    ("segment", "ipplan.parse.segment", "segment"),
    ("segment", "ipplan.parse.task_tables", "task_rows"),
    ("outline", "ipplan.parse.outline", "build_outline"),
    ("assemble", "ipplan.parse.assemble", "Assembler.__init__"),
    ("assemble", "ipplan.parse.assemble", "Assembler.nodes"),
    ("assemble", "ipplan.parse.assemble", "Assembler.block"),
    ("assemble", "ipplan.parse.assemble", "Assembler.table"),
    ("meta", "ipplan.parse.meta", "read_meta"),
    ("meta", "ipplan.parse.written", "title_as_written"),
    ("units", "ipplan.parse.units", "units_in"),
    ("targets", "ipplan.parse.extract", "extract_targets"),
    ("validate", "ipplan.parse.validate", "validate"),
    ("read", "ipplan.parse.readers.locate", "locate"),
]
STAGES = ["read", "normalise", "segment", "outline", "assemble", "units", "meta", "targets", "validate", "model",
          "residual"]


class Clock:
    """Exclusive time per stage: a call charges its time to its own stage, minus the stages it calls."""

    def __init__(self) -> None:
        self.spent: dict[str, int] = defaultdict(int)
        self._stack: list[list[Any]] = []

    def reset(self) -> None:
        self.spent.clear()
        self._stack.clear()

    def timed(self, stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        clock = time.perf_counter_ns
        stack = self._stack
        spent = self.spent

        @functools.wraps(fn)
        def run(*args: Any, **kwargs: Any) -> Any:
            now = clock()
            if stack:
                outer = stack[-1]
                spent[outer[0]] += now - outer[1]
            frame = [stage, now]
            stack.append(frame)
            try:
                return fn(*args, **kwargs)
            finally:
                end = clock()
                stack.pop()
                spent[stage] += end - frame[1]
                if stack:
                    stack[-1][1] = end

        return run


class _TimedValidator:
    """Stands in for a model class's pydantic-core validator: the same calls, timed as `model`."""

    def __init__(self, real: Any, clock: Clock) -> None:
        self._real = real
        self.validate_python = clock.timed("model", real.validate_python)
        self.validate_assignment = clock.timed("model", real.validate_assignment)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def instrument(clock: Clock) -> tuple[list[Callable[[], None]], list[str]]:
    """Wrap every entry point wherever it was imported; returns (undo actions, entry points not found)."""
    import ipplan.parse  # noqa: F401  (loads the pipeline's modules, so their imported names can be found)

    undo: list[Callable[[], None]] = []
    missing: list[str] = []
    for stage, module_name, name in ENTRY_POINTS:
        owner_name, _, method = name.partition(".")
        try:
            owner = getattr(importlib.import_module(module_name), owner_name)
            original = vars(owner)[method] if method else owner
        except (ImportError, AttributeError, KeyError):
            missing.append(f"{module_name}.{name}")
            continue
        if method:
            setattr(owner, method, clock.timed(stage, original))
            undo.append(functools.partial(setattr, owner, method, original))
            continue
        if inspect.isgeneratorfunction(original):
            missing.append(f"{module_name}.{name} (a generator: its time is its caller's)")
        wrapped = clock.timed(stage, original)
        name = owner_name
        for module in [m for n, m in list(sys.modules.items()) if n.startswith("ipplan") and m is not None]:
            if vars(module).get(name) is original:
                setattr(module, name, wrapped)
                undo.append(functools.partial(setattr, module, name, original))
    from pydantic import BaseModel
    from pydantic_core import SchemaValidator

    import ipplan.schema.models as models

    for cls in vars(models).values():
        if inspect.isclass(cls) and issubclass(cls, BaseModel) and "__pydantic_validator__" in vars(cls):
            real = vars(cls)["__pydantic_validator__"]
            if isinstance(real, SchemaValidator):  # an abstract base has a stand-in that raises
                type.__setattr__(cls, "__pydantic_validator__", _TimedValidator(real, clock))
                undo.append(functools.partial(type.__setattr__, cls, "__pydantic_validator__", real))
    return undo, missing


def best_of(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(files: list[Path], repeat: int) -> None:
    import ipplan.parse as P

    datas = [(path, path.read_bytes()) for path in files]
    for _, data in datas:
        P.parse_bytes(data)  # first use: patterns compiled, data files loaded (not what is measured here)
    plain = {path: best_of(lambda: P.parse_bytes(data), repeat) for path, data in datas}

    clock = Clock()
    undo, missing = instrument(clock)
    whole = clock.timed("residual", P.parse_bytes)
    rows: dict[Path, dict[str, float]] = {}
    docs = {}
    try:
        for path, data in datas:
            best: dict[str, float] = {}
            for _ in range(repeat):
                clock.reset()
                docs[path] = whole(data)
                for stage, ns in clock.spent.items():
                    best[stage] = min(best.get(stage, float("inf")), ns / 1e6)
            best["total"] = sum(best.values())
            rows[path] = best
    finally:
        for action in reversed(undo):
            action()
    from ipplan.output.writers import write_jsonl

    for path, _ in datas:
        doc = docs[path]
        rows[path]["JSON"] = best_of(doc.model_dump_json, repeat) * 1e3
        rows[path]["jsonl"] = best_of(lambda: write_jsonl([doc.model_dump(mode="json")], io.StringIO()),
                                            repeat) * 1e3

    cols = STAGES + ["total", "JSON", "jsonl"]
    width = max(len(p.name[:28]) for p in files)
    print("ms per stage (exclusive, best of the repeats), instrumented; JSON and jsonl are after the parse")
    print(f"{'file':{width}} " + " ".join(f"{c[:9]:>9}" for c in cols) + f" {'plain':>9} {'/plain':>9}")
    sums: dict[str, float] = defaultdict(float)
    for path, row in rows.items():
        for c in cols:
            sums[c] += row.get(c, 0.0)
        sums["plain"] += plain[path] * 1e3
        print(f"{path.name[:28]:{width}} " + " ".join(f"{row.get(c, 0.0):9.2f}" for c in cols)
              + f" {plain[path] * 1e3:9.2f} {row['total'] / (plain[path] * 1e3):9.0%}")
    print(f"{'all':{width}} " + " ".join(f"{sums[c]:9.2f}" for c in cols)
          + f" {sums['plain']:9.2f} {sums['total'] / sums['plain']:9.0%}")
    print()
    print("share of the whole parse (all files, instrumented); JSON as a ratio to the parse")
    staged = sum(sums[s] for s in STAGES)
    for stage in STAGES:
        print(f"  {stage:12} {sums[stage]:8.2f} ms {sums[stage] / sums['total']:7.1%}")
    print(f"  {'whole parse':12} {staged:8.2f} ms (the sum of each stage's best run)")
    print(f"  {'JSON':12} {sums['JSON']:8.2f} ms {sums['JSON'] / sums['total']:7.1%} of the parse "
          f"(model_dump_json); the CLI's jsonl writing {sums['jsonl']:.2f} ms, {sums['jsonl'] / sums['total']:.1%}")
    print(f"  plain parse (not instrumented, best of {repeat}) {sums['plain']:.2f} ms; the stages' sum is "
          f"{sums['total'] / sums['plain']:.0%} of it (the clocks cost a little; each stage's best run may be "
          f"a different run)")
    if missing:
        print(f"  not found (renamed?): {', '.join(missing)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--quick", action="store_true", help="two seeds, 2 repeats (a check that it runs)")
    args = ap.parse_args()
    files = [Path(f) for f in args.files] or sorted((ROOT / "seeds").glob("*.txt"))
    if args.quick:
        files, args.repeat = files[:2], 2
    print(f"# {time.strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, "
          f"Python {sys.version.split()[0]}")
    jieba_loaded = subprocess.run([sys.executable, "-c",
                                   "import sys, ipplan.parse as P; P.parse_bytes(open(sys.argv[1], 'rb').read());"
                                   "print('jieba' in sys.modules, 'opencc' in sys.modules)", str(files[0])],
                                  capture_output=True, text=True, cwd=ROOT)
    print(f"after one parse of {files[0].name}: jieba imported, opencc imported = {jieba_loaded.stdout.strip()}")
    print()
    measure(files, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
