"""Pathological files at the sizes an attacker or a broken converter produces them.

Each must parse (no exception but InputError for what is no notice at all), give a model that
validates again from its JSON, and lose no character. Their speed is not asserted here (this
machine is shared); `benchmarks/bench_speed.py` prints seconds per MB at 1x, 2x and 4x size, where
linear time shows as a growth near 1.0 and a pattern that backtracks catastrophically would not.
"""
from __future__ import annotations

import pytest

from ipplan.parse import InputError, parse_text
from ipplan.parse.normalise import normalise_text
from ipplan.schema.models import Document
from test_coverage import assert_nothing_lost, counted

CASES = {
    "a 5 MB single line": lambda: "推进专利导航，" * (5_000_000 // 21),
    "200,000 short lines": lambda: "\n".join(f"第{i}行" for i in range(200_000)),
    "10,000 nested brackets": lambda: "（" * 10_000 + "责任单位：区知识产权局" + "）" * 10_000,
    "a 100,000-character 1.1.1.1…": lambda: "1." * 50_000,
    "50,000 unbalanced （": lambda: "一、任务\n" + "（推进" * 50_000,
    "1 MB of digits": lambda: "1" * 1_000_000,
    "20,000 numbered items": lambda: "一、任务\n" + "\n".join(
        f"{i}.推进第{i}项工作，新增专利{i}件。（责任单位：区科委）" for i in range(1, 20_001)),
}


@pytest.mark.parametrize("name", list(CASES))
def test_pathological_file_parses_and_loses_nothing(name: str) -> None:
    text = CASES[name]()
    try:
        doc = parse_text(text)
    except InputError:
        return
    dumped = doc.model_dump_json()
    assert Document.model_validate_json(dumped).model_dump_json() == dumped
    if counted(normalise_text(text)):
        assert_nothing_lost(text, doc)


def test_twenty_thousand_items_keep_their_numbering_units_and_targets() -> None:
    doc = parse_text(CASES["20,000 numbered items"]())
    items = [n for n in doc.iter_nodes() if n.kind == "item"]
    # labels read up to three digits (a 2025. at a line start is a year, not item 2025): the rest is text
    assert [n.label for n in items] == [str(i) for i in range(1, len(items) + 1)] and len(items) >= 999
    assert all([u.name for u in n.units] == ["区科委"] for n in items[:-1])
    assert len(doc.targets) == 20_000 and {t.name for t in doc.targets} == {"新增专利"}
