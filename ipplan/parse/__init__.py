"""The parsing pipeline: read → normalise → segment → outline → extract → validate.

`parse_text` is pure (text in, model out, no I/O, no printing); `parse`
also accepts a path. The package itself is callable, so `ipplan.parse(x)`
works while `ipplan.parse` stays the package the design card asks for.
"""
from __future__ import annotations

import gc
import sys
import types
from os import PathLike
from pathlib import Path
from typing import Iterator


from . import rx
from ..schema.models import Document, Meta
from .assemble import Assembler
from .extract import extract_targets
from .furniture import REASON as FURNITURE
from .meta import read_meta
from .normalise import normalise
from .outline import BuildNode, OutlineResult, build_outline
from .read import PARSED_SUFFIXES, InputError, check_text, normalise_newlines, read_document
from .readers.sniff import looks_like_html
from .segment import segment
from .span import LineIndex, Span
from .task_tables import task_rows
from .validate import validate
from .written import title_as_written

__all__ = ["parse", "parse_text", "parse_bytes", "InputError"]


def parse_text(text: str, source: str | None = None, encoding: str | None = None,
               lexicon: object | None = None) -> Document:
    """Parse one notice. Raises InputError only for input that is not a notice at all (HTML, empty).

    The cyclic garbage collector is paused while the notice is parsed, when it is on (and back
    on when this returns or raises; a caller who turned it off keeps it off): a parse makes tens
    of thousands of containers that reference counting frees (spans' offset tuples, paragraphs,
    models), and the collector's passes over them while they live cost a few percent of the parse.
    """
    if not gc.isenabled():
        return _parse_text(text, source, encoding, lexicon)
    gc.disable()
    try:
        return _parse_text(text, source, encoding, lexicon)
    finally:
        gc.enable()


def _parse_text(text: str, source: str | None, encoding: str | None, lexicon: object | None) -> Document:
    text = normalise_newlines(text)
    check_text(text)
    index = LineIndex(text)
    norm = normalise(text)
    pieces = task_rows(segment(norm.lines))
    result = build_outline(pieces)
    assembler = Assembler(result, index, "\n".join(line.text for line in norm.lines))

    header_rows = [row for piece in result.head_tables for row in piece.rows]
    head_spans = [p.span for p in result.head]
    tail = [p.span for p in result.closing if p.kind == "text"]
    furniture = [p for p in result.set_aside if (p.reason or "").startswith(FURNITURE)]
    # walked once for the body's text, its tables' years, validate's tables and the unlinking at the end
    # (nothing after build_outline changes the builder's tree)
    built = list(_builder_nodes(result))
    meta_res = read_meta(head_spans, header_rows, _body_text(result, built), index, _table_years(result, built), tail,
                         furniture=[p.span for p in furniture], script=norm.script,
                         body=_body_spans(result))
    # the plan title names the first document when a notice carries several
    assembler.first_title = meta_res.fields.get("title") or ""
    assembler.first_title_line = meta_res.lines.get("title", 0)
    outline, parts = assembler.nodes()

    front = result.head[:meta_res.front_end]
    preamble = result.head[meta_res.front_end:]
    assembler.preamble_paras = preamble
    tables = [assembler.table(piece, None) for piece in result.head_tables]
    tables += [assembler.table(piece, path) for piece, path in assembler.tables]
    fields = dict(meta_res.fields)
    meta = Meta(script=norm.script, lines=meta_res.lines, **fields)
    meta.title_as_written = title_as_written(meta.title, meta.lines.get("title"), index)
    doc = Document(
        source=source,
        encoding=encoding,
        meta=meta,
        front_matter=[assembler.block(p.span) for p in front],
        # source furniture (a database header, front matter) is kept in the preamble, with its reason
        preamble=sorted([assembler.block(p.span, p.reason) for p in furniture]
                        + [assembler.block(p.span) for p in preamble], key=lambda b: b.line),
        outline=outline,
        tables=tables,
        closing=[assembler.block(p.span, p.reason) for p in result.closing if p.kind != "table"],
        contents=[assembler.block(p.span, p.reason) for p in result.set_aside if p.kind == "contents"],
        artefacts=[assembler.block(p.span, p.reason) for p in result.set_aside
                   if p.kind == "artefact" and id(p) not in {id(f) for f in furniture}],
        parts=parts,
    )
    doc.tables += [assembler.table(p, None) for p in result.closing if p.kind == "table"]
    extract_targets(doc, assembler, index, lexicon)
    validate(doc, result, index, built)
    _unlink(result, built)
    return doc


def _unlink(result: OutlineResult, built: list[BuildNode] | None = None) -> None:
    """Drop the builder nodes' links to their parents, once the parse is done with them.

    A node and its parent refer to each other, so without this the whole builder tree (nodes,
    paragraphs, spans and their offset tuples) is left for the cyclic garbage collector, whose
    passes over it cost more than this walk; without the cycles reference counting frees it.
    `built` is `list(_builder_nodes(result))` when the caller has it (the tree is final once built).
    """
    for node in _builder_nodes(result) if built is None else built:
        node.parent = None


def _builder_nodes(result: OutlineResult) -> Iterator[BuildNode]:
    stack = [root for part in result.parts for root in reversed(part.roots)]
    pop, extend = stack.pop, stack.extend
    while stack:
        node = pop()
        yield node
        if node.children:
            extend(node.children[::-1])


def _body_spans(result: OutlineResult) -> list[Span]:
    """The body's paragraphs in order, each part's intro first (a notice signed before its attachment)."""
    spans: list[Span] = []
    for part in result.parts:
        spans += [para.span for para in part.intro]
        stack = list(reversed(part.roots))
        while stack:
            node = stack.pop()
            spans += [para.span for para in node.paras]
            stack.extend(reversed(node.children))
    return spans


def _body_text(result: OutlineResult, built: list[BuildNode] | None = None) -> str:
    """The outline's text, for the years a plan aims at when its title states no period.

    `built` is `list(_builder_nodes(result))` when the caller has it."""
    nodes = _builder_nodes(result) if built is None else built
    return "\n".join([para.span.text for node in nodes for para in node.paras])


def _table_years(result: OutlineResult, built: list[BuildNode] | None = None) -> list[int]:
    """Year columns of the body's tables (a 2025年 column sets a plan's last year)."""
    pieces = [t for node in (_builder_nodes(result) if built is None else built) for t in node.tables]
    pieces += [t for part in result.parts for t in part.tables]
    years = []
    for piece in pieces:
        for cell in piece.rows[0] if piece.rows else []:
            if m := rx.search(r"((?:19|20)\d{2})\s*年?", cell):
                years.append(int(m.group(1)))
    return years




def parse_bytes(data: bytes, source: str | None = None, encoding: str | None = None,
                lexicon: object | None = None, input_format: str | None = None) -> Document:
    """Parse a file's bytes: text, an HTML page, a .docx or a PDF, told apart by content (see read_document)."""
    from .readers.locate import locate

    extracted = read_document(data, source, input_format, encoding)
    doc = parse_text(extracted.text, source=source, encoding=extracted.encoding, lexicon=lexicon)
    return locate(doc, extracted)


def parse(source: "str | bytes | PathLike[str]", encoding: str | None = None, lexicon: object | None = None,
          input_format: str | None = None) -> Document:
    """Parse a notice given as text, bytes, or a path to a file.

    A `str` that names an existing file (and has no line break) is read as a path;
    any other `str` is the notice itself.
    """
    if isinstance(source, bytes):
        return parse_bytes(source, encoding=encoding, lexicon=lexicon, input_format=input_format)
    if isinstance(source, PathLike) or (isinstance(source, str) and _looks_like_path(source)):
        path = Path(source)  # a missing file raises FileNotFoundError rather than being parsed as text
        return parse_bytes(path.read_bytes(), source=str(path), encoding=encoding, lexicon=lexicon,
                           input_format=input_format)
    if input_format == "html" or (input_format is None and looks_like_html(str(source)[:20000].encode("utf-8"))):
        return parse_bytes(str(source).encode("utf-8"), encoding="utf-8", lexicon=lexicon, input_format="html")
    return parse_text(str(source), lexicon=lexicon)


def _looks_like_path(text: str) -> bool:
    """A one-line string that names a file (existing, or ending in .txt/.md), not a notice's text."""
    if "\n" in text or len(text) > 1024 or not text.strip():
        return False
    return Path(text).is_file() or text.lower().endswith(PARSED_SUFFIXES)


class _CallablePackage(types.ModuleType):
    def __call__(self, source: "str | bytes | PathLike[str]", **kwargs: object) -> Document:
        return parse(source, **kwargs)  # type: ignore[arg-type]


sys.modules[__name__].__class__ = _CallablePackage
