"""Readers for the files analysts actually receive: web pages, Word files and PDFs.

Each reader turns a file into the text the pipeline already reads (one line per
paragraph or printed line, tables as tab-separated rows) and remembers, for every
line of that text, where it sits in the original file, so a fact found late in the
pipeline can still point at a PDF page or a DOCX paragraph. Heavy libraries are
imported inside the readers only (the `formats` extra), so `ipplan --version` and
plain-text parsing never load them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..read import InputError

FORMATS_EXTRA = "pip install 'ipplan[formats]'"


@dataclass(frozen=True, slots=True)
class Where:
    """Where one line of the extracted text came from (the model's `Origin`, without pydantic)."""

    page: int | None = None
    line: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None


@dataclass
class Extracted:
    """Text for the pipeline plus, per line, its place in the original file.

    `artefacts` holds what the reader set aside before the pipeline saw it (a PDF's
    page numbers and running headers): (index of the text line it stood before, where,
    text, reason). They go into the document's artefacts, so nothing is lost.
    """

    text: str
    input_format: str
    where: list[Where] = field(default_factory=list)
    artefacts: list[tuple[int, Where, str, str]] = field(default_factory=list)
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)  # what the reader could not read (a scanned page)

    def at(self, line: int) -> Where | None:
        """The origin of a 1-based line of the extracted text."""
        if 1 <= line <= len(self.where):
            return self.where[line - 1]
        return None


class Lines:
    """Collects output lines with their origins; a reader's one way of writing text."""

    def __init__(self) -> None:
        self.text: list[str] = []
        self.where: list[Where] = []
        self.artefacts: list[tuple[int, Where, str, str]] = []

    def add(self, text: str, where: Where) -> None:
        # a line of the extracted text is one line: stray breaks inside it would shift every line number after it
        for part in text.replace("\r", "\n").split("\n"):
            self.text.append(part)
            self.where.append(where)

    def set_aside(self, text: str, where: Where, reason: str) -> None:
        self.artefacts.append((len(self.text), where, text, reason))

    def result(self, input_format: str, encoding: str | None = None) -> Extracted:
        return Extracted("\n".join(self.text), input_format, list(self.where), list(self.artefacts), encoding)


def need(module: str, what: str):
    """Import a reader's library, or say in one line which extra provides it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(f"reading {what} needs the optional readers: {FORMATS_EXTRA}") from None
