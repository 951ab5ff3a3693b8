"""Point every fact of a model read from HTML, DOCX or PDF back into the original file.

The pipeline counts lines of the text a reader produced; this adds, to each node, unit,
table, target and kept block, the PDF page (`page`) and the full origin (`origin`: page
and line on the page, DOCX paragraph or table row, HTML source line). It also puts the
lines a reader set aside (page numbers, running headers) among the document's artefacts.
"""
from __future__ import annotations

from ...schema.models import Block, Document, Origin
from . import Extracted, Where


def _origin(where: Where | None) -> Origin | None:
    if where is None:
        return None
    return Origin(page=where.page, line=where.line, paragraph=where.paragraph, table=where.table, row=where.row)


def locate(doc: Document, extracted: Extracted) -> Document:
    doc.input_format = extracted.input_format  # type: ignore[assignment]
    if extracted.input_format == "text":
        return doc

    def mark(item) -> None:
        where = extracted.at(item.line)
        item.page = where.page if where else None
        if hasattr(item, "origin"):
            item.origin = _origin(where)

    for node in doc.iter_nodes():
        mark(node)
        for unit in node.units:
            mark(unit)
    for item in doc.tables + doc.targets:
        mark(item)
    for blocks in (doc.front_matter, doc.preamble, doc.closing, doc.contents, doc.artefacts, doc.unplaced):
        for block in blocks:
            mark(block)
    last = max(1, len(extracted.where))
    for before, where, text, reason in extracted.artefacts:
        # a set-aside line has no line of its own in the text: it is placed at the line it stood before
        doc.artefacts.append(Block(line=min(before + 1, last), text=text, reason=reason, page=where.page,
                                   origin=_origin(where)))
    doc.artefacts.sort(key=lambda b: (b.line, b.page or 0))
    if extracted.input_format == "pdf":
        for item in doc.findings:  # the PDF is what the analyst opens: name its page
            where = extracted.at(item.line) if item.line else None
            item.page = where.page if where else None
    from ...check.rules import finding

    doc.findings.extend(finding("page-without-text", message) for message in extracted.warnings)
    return doc
