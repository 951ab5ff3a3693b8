"""Put quantified targets into the document: where each was found, for which year, under which key.

`targets.py` reads numbers out of one paragraph or one table; this stage
knows the document around them: the year a chapter's opening `到2026年,`
sets for everything under it, the plan's last year as the fallback, the
line and raw text each target came from, the outline node it sits in, and
which prose sentences merely repeat a table row.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

import regex

from ..schema.models import Document, Target
from .indicators import load_lexicon, match_indicator
from .meta import BY_YEAR
from .span import LineIndex, Span
from .targets import Found, drop_repeats, governing_year, targets_in_table, targets_in_text

if TYPE_CHECKING:
    from .assemble import Assembler


def _as_found(t: Target) -> Found:
    return Found(name=t.name, value=t.value, low=t.low, high=t.high, unit=t.unit, op=t.op, year=t.year,
                 start=0, end=0, scope=t.scope, kind=t.kind)


def _paragraphs(span: Span) -> list[Span]:
    out = []
    start = 0
    for i, ch in enumerate(span.text + "\n"):
        if ch == "\n":
            if span.text[start:i].strip():
                out.append(span[start:i])
            start = i + 1
    return out




def horizon(texts: Iterable[str]) -> int | None:
    """The year a plan aims at when it states no period: its most frequent 到YYYY年 (citations aside)."""
    counts: dict[int, int] = {}
    for text in texts:
        for year in BY_YEAR.findall(regex.sub(r"《[^《》]*》", "", text)):
            counts[int(year)] = counts.get(int(year), 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))


def _running_year(text: str) -> int | None:
    """A 到YYYY年 stated inside a paragraph carries on to the paragraphs after it."""
    found = BY_YEAR.findall(regex.sub(r"《[^《》]*》", "", text))
    return int(found[-1]) if found else None


def _target(found: Found, *, source: str, line: int, raw: str, path: list[str] | None, year: int | None,
            lexicon: object, kind: str | None = None) -> Target | None:
    try:
        return Target(
            name=found.name, key=match_indicator(found.name, lexicon), scope=found.scope,
            value=found.value, low=found.low, high=found.high, unit=found.unit, op=found.op,
            year=found.year or year, kind=found.kind or kind, source=source, line=line, raw=raw, path=path)
    except ValueError:
        return None  # a reading the model itself rejects (low > high, implausible year) is not reported


def extract_targets(doc: Document, assembler: "Assembler", index: LineIndex, lexicon: object | None) -> None:
    lexicon = lexicon if lexicon is not None else load_lexicon()
    plan_end = doc.meta.period[1] if doc.meta.period else None
    if plan_end is None:
        plan_end = horizon(span.text for _, span in assembler.node_spans)
    table_targets: list[Target] = []
    for piece, path in [(p, None) for p in assembler.result.head_tables] + assembler.tables:
        if len(piece.rows) < 2:
            continue
        note = piece.note.text if piece.note else None
        for row_index, found in targets_in_table(piece.rows[0], piece.rows[1:], note):
            row_span = piece.row_spans[min(row_index + 1, len(piece.row_spans) - 1)]
            line = index.line_of(row_span.start)
            target = _target(found, source="table", line=line, raw=index.line_text(line).strip(), path=path,
                             year=plan_end, lexicon=lexicon)
            if target is not None:
                table_targets.append(target)

    text_targets: list[Target] = []
    years: dict[tuple[str, ...], int | None] = {}
    sources: list[tuple[list[str] | None, Span]] = [(None, b.span) for b in assembler.preamble_paras]
    sources += [(model.path, span) for model, span in assembler.node_spans]
    for path, span in sources:
        paragraphs = _paragraphs(span)
        inherited = years.get(tuple(path[:-1])) if path else None
        own = governing_year(paragraphs[0].text) if paragraphs else None
        context = own or inherited
        if path:
            years[tuple(path)] = context
        for para in paragraphs:
            for found in targets_in_text(para.text, context or plan_end):
                piece = para[found.start:found.end] if found.end > found.start else para
                line = index.line_of(piece.start)
                target = _target(found, source="text", line=line, raw=index.raw(piece), path=path,
                                 year=context or plan_end, lexicon=lexicon)
                if target is not None:
                    text_targets.append(target)
            context = _running_year(para.text) or context

    # prose that restates a table row, or a task repeating a goal, is listed once (the first statement)
    found = [_as_found(t) for t in text_targets]
    kept = {id(f) for f in drop_repeats([_as_found(t) for t in table_targets], found)}
    doc.targets = table_targets + [t for t, f in zip(text_targets, found) if id(f) in kept]
