"""Hostile input: mutated seeds and corpus notices never crash the parser or lose text.

Each example takes a real notice and damages it the way conversion, copy-paste or an
attacker would (lines deleted, duplicated, swapped or joined; punctuation width swapped;
script converted; random Unicode, combining marks, private-use characters, NUL, CR and
form feeds inserted; the text cut anywhere). The properties:

- parsing raises nothing but `InputError` (a notice that is no notice at all: empty);
- the model validates again from its own JSON, byte for byte;
- no character of the input is lost (the coverage property of test_coverage.py).

The examples are derandomised and bounded so CI stays quick and a failure is reproducible.
"""
from __future__ import annotations

from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPUS, CORPUS_DIR, SEEDS, SEEDS_DIR
from ipplan.parse import InputError, parse_text
from ipplan.schema.models import Document
from ipplan.parse.normalise import normalise_text
from test_coverage import assert_nothing_lost, counted

SOURCES = [SEEDS_DIR / n for n in SEEDS] + [CORPUS_DIR / n for n in CORPUS]
# the largest corpus notice is slow to parse hundreds of times; its first 400 lines keep its shapes
MAX_LINES = 400

FULL_HALF = str.maketrans("，：；（）！？", ",:;()!?") 
HALF_FULL = str.maketrans(",:;()!?", "，：；（）！？")
HOSTILE_CHARS = ["\x00", "\r", "\x0c", "\u0301", "\u200b", "\ue000", "\uf8ff", "\ufeff", "\u3000", "\t",
                 "（", "）", "〔", "《", "1.", "一、", "(一)", "%", "亿元", "\U0001F600", "\ud7ff"]
SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@cache
def source_lines(index: int) -> tuple[str, ...]:
    return tuple(SOURCES[index].read_text(encoding="utf-8").split("\n")[:MAX_LINES])


@cache
def to_traditional():
    import opencc

    return opencc.OpenCC("s2t")


@st.composite
def mutated(draw) -> str:
    lines = list(source_lines(draw(st.integers(0, len(SOURCES) - 1))))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "width", "script", "insert", "cut", "join"]))
        n = len(lines)
        if n == 0:
            break
        i = draw(st.integers(0, n - 1))
        if op == "delete":
            j = draw(st.integers(i, min(n, i + 5)))
            del lines[i:j + 1]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, n - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "width":
            table = draw(st.sampled_from([FULL_HALF, HALF_FULL]))
            lines = [line.translate(table) for line in lines]
        elif op == "script":
            lines = to_traditional().convert("\n".join(lines)).split("\n")
        elif op == "insert":
            line = lines[i]
            at = draw(st.integers(0, len(line)))
            junk = draw(st.one_of(st.sampled_from(HOSTILE_CHARS), st.text(min_size=1, max_size=4)))
            lines[i] = line[:at] + junk + line[at:]
        elif op == "cut":
            text = "\n".join(lines)
            at = draw(st.integers(0, len(text)))
            lines = text[:at].split("\n")
        elif op == "join":
            lines = ["".join(lines)]
    return "\n".join(lines)


def parse_or_none(text: str) -> Document | None:
    try:
        return parse_text(text)
    except InputError:
        return None


@SETTINGS
@given(mutated())
def test_mutated_notice_parses_serialises_and_loses_nothing(text: str) -> None:
    doc = parse_or_none(text)
    if doc is None:
        return
    dumped = doc.model_dump_json()
    assert Document.model_validate_json(dumped).model_dump_json() == dumped
    if counted(normalise_text(text)):
        assert_nothing_lost(text, doc)


@pytest.mark.parametrize("junk", ["\x00" * 50, "\ue000\ue001", "\u0301" * 20, "\r\r\r", "1" * 5000,
                                  "9" * 400 + "亿元", "0." + "0" * 300 + "1%", "1e999999件", "（" * 3000])
def test_hostile_fragments_inside_a_seed(junk: str) -> None:
    text = (SEEDS_DIR / SEEDS[0]).read_text(encoding="utf-8")
    middle = len(text) // 2
    damaged = text[:middle] + junk + text[middle:]
    doc = parse_text(damaged)
    Document.model_validate_json(doc.model_dump_json())
    assert_nothing_lost(damaged, doc)
