"""Shared fixtures: the seeds, the corpus copies, and each of them parsed once per session."""
from __future__ import annotations

import functools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
DATA_DIR = Path(__file__).resolve().parent / "data"
CORPUS_DIR = DATA_DIR / "corpus"

SEEDS = sorted(p.name for p in SEEDS_DIR.glob("*.txt"))
CORPUS = sorted(p.name for p in CORPUS_DIR.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")


@functools.cache
def parsed(path: str):
    """The Document of one file, parsed once however many tests ask for it."""
    import ipplan.parse

    return ipplan.parse.parse_bytes(Path(path).read_bytes(), source=Path(path).name)


@pytest.fixture(scope="session")
def seed_doc():
    """seed_doc(name) -> the parsed Document of seeds/NAME."""
    return lambda name: parsed(str(SEEDS_DIR / name))


@pytest.fixture(scope="session")
def corpus_doc():
    return lambda name: parsed(str(CORPUS_DIR / name))

