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

from . import rx
from ..schema.models import Document, Result, Target
from .indicators import load_lexicon, match_indicator
from .meta import BY_YEAR
from .normalise import normalise
from .span import LineIndex, Span
from .targets import (Found, drop_repeats, goal_year, governing_year, quantities_in_text, report_year,
                      result_marker, result_year, review_heading,
                      results_in_table, targets_in_table, uses_roc_years)
from .targets.flat import flat_tables

if TYPE_CHECKING:
    from .assemble import Assembler


def _as_found(t: Target) -> Found:
    return Found(name=t.name, value=t.value, low=t.low, high=t.high, unit=t.unit, op=t.op, year=t.year,
                 start=0, end=0, scope=t.scope, kind=t.kind)


def _paragraphs(span: Span) -> list[Span]:
    """The non-blank lines of `span`, as spans (cut with `str.split`, not visited character by character)."""
    return [span[a:b] for a, b in _paragraph_bounds(span.text)]


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line of `text`: a paragraph's span is cut only when a target needs it."""
    if "\n" not in text:  # one line (most nodes): itself, unless blank
        return [(0, len(text))] if text and not text.isspace() else []
    out = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            out.append((start, end))
        start = end + 1
    return out


def horizon(texts: Iterable[str]) -> int | None:
    """The year a plan aims at when it states no period: its most frequent 到YYYY年 (citations aside)."""
    counts: dict[int, int] = {}
    for text in texts:
        if "到" not in text and "至" not in text:
            continue  # no 到/至, no match of BY_YEAR (see `_running_year`)
        for year in BY_YEAR.findall(rx.sub(r"《[^《》]*》", "", text) if "《" in text else text):
            counts[int(year)] = counts.get(int(year), 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))


def _running_year(text: str) -> int | None:
    """A 到YYYY年 stated inside a paragraph carries on to the paragraphs after it.

    `BY_YEAR` needs a 到 or 至, so a paragraph with neither (most) skips the two regex passes.
    """
    if "到" not in text and "至" not in text:
        return None
    found = BY_YEAR.findall(rx.sub(r"《[^《》]*》", "", text) if "《" in text else text)  # no 《, no citation
    return int(found[-1]) if found else None


# Targets and results validated from a dict by the model's own validator: the same validation and fields set as
# `Target(...)`, without a Python `__init__` frame per model (~2 us of ~6.5 a target).
_validate_target = Target.__pydantic_validator__.validate_python
_validate_result = Result.__pydantic_validator__.validate_python


def _target(found: Found, *, source: str, line: int, raw: str, path: list[str] | None, year: int | None,
            lexicon: object, kind: str | None = None) -> Target | None:
    try:
        return _validate_target({
            "name": found.name, "key": match_indicator(found.name, lexicon), "scope": found.scope,
            "value": found.value, "low": found.low, "high": found.high, "unit": found.unit, "op": found.op,
            "year": found.year or year, "kind": found.kind or kind, "source": source, "line": line, "raw": raw,
            "path": path})
    except ValueError:
        return None  # a reading the model itself rejects (low > high, implausible year) is not reported


def _result(found: Found, marker: str, *, line: int, raw: str, path: list[str] | None, year: int | None,
            lexicon: object, source: str = "text") -> Result | None:
    try:
        return _validate_result({
            "name": found.name, "key": match_indicator(found.name, lexicon), "scope": found.scope,
            "value": found.value, "low": found.low, "high": found.high, "unit": found.unit, "op": found.op,
            "year": year, "marker": marker, "line": line, "raw": raw, "path": path, "source": source})
    except ValueError:
        return None


_KIND_WORDS = ("预期性", "约束性", "預期性", "約束性")
_KIND_LINE = r"^[ \t　]*(?:" + "|".join(_KIND_WORDS) + r")[ \t　]*$"  # with regex.M, compiled on first use


def _flat_tables(index: LineIndex, script: str) -> tuple[list[list[tuple[Found, int, bool]]], set[int]]:
    """(found, 1-based line, whether a goal) per row value of each indicator table flattened one cell per line,
    and the 1-based lines its cells stand on (no prose: a 完成值 cell `启动8个项目` is no goal).

    Only a text with two lines that hold nothing but 预期性/约束性 can hold one, so the
    rest pay one search.
    """
    text = index.original
    # each such line holds one of the words: fewer than two of them (one C-level count each) rule the table out;
    # each of them ends in 期性 or 束性, so fewer than two of those (a walk over the 性 of the text) rule it out sooner
    if (_fewer_than_two_kind_ends(text) or sum(map(text.count, _KIND_WORDS)) < 2
            or len(rx.findall(_KIND_LINE, text, regex.M)) < 2):
        return [], set()
    lines = [span.text for span in normalise(index.original, script).lines]
    out, covered = [], set()
    for flat in flat_tables(lines):
        row = [(f, flat.lines[i] + 1, True) for i, f in targets_in_table(flat.header, flat.rows)]
        row += [(f, flat.lines[i] + 1, False) for i, f in results_in_table(flat.header, flat.rows)]
        out.append(row)
        covered |= {i + 1 for i in flat.covered}
    return out, covered


def _fewer_than_two_kind_ends(text: str) -> bool:
    """Fewer than two 性 after 期 or 束 in `text`: then it holds fewer than two of `_KIND_WORDS`, each of which ends so
    (two occurrences cannot end at one 性: the words differ before it). One C-level find per 性, where the four
    counts scan the whole text four times."""
    seen = 0
    i = text.find("性", 1)
    while i > 0:
        if text[i - 1] in "期束":
            seen += 1
            if seen == 2:
                return False
        i = text.find("性", i + 1)
    return True


def _path_at(line: int, assembler: "Assembler") -> list[str] | None:
    """The innermost outline node whose lines hold `line`."""
    best: list[str] | None = None
    for model, _ in assembler.node_spans:
        if model.line <= line <= model.end_line and (best is None or len(model.path) > len(best)):
            best = model.path
    return best


_NOW = ("目前", "现有", "截至目前", "截止目前", "现阶段", "迄今")


def _titles(path: list[str] | None, titles: dict[tuple[str, ...], str],
            memo: dict[tuple[str, ...], list[str]] | None = None) -> list[str]:
    """The headings above a paragraph, innermost first.

    With `memo` (one per document), each node's list is its own heading before its parent's list, computed
    once: siblings share their parent's, so a document costs one step per node, not one per level per node.
    The lists are shared: callers read them only.
    """
    if not path:
        return []
    return _headings(tuple(path), titles, {} if memo is None else memo)


def _headings(key: tuple[str, ...], titles: dict[tuple[str, ...], str],
              memo: dict[tuple[str, ...], list[str]]) -> list[str]:
    if not key:
        return []
    found = memo.get(key)
    if found is None:
        above = _headings(key[:-1], titles, memo)
        own = titles.get(key)
        found = memo[key] = above if own is None else [own, *above]
    return found


def extract_targets(doc: Document, assembler: "Assembler", index: LineIndex, lexicon: object | None) -> None:
    """Targets (goals) and results (quantities reported as reached) into `doc.targets` and `doc.results`.

    A number is a result when its own clause says so (已建成, 截至, 同比: see
    `targets.quantities`), or when `targets.context.result_marker` finds a past year
    in its sentence or a review heading above it; everything else read is a goal.
    """
    lexicon = lexicon if lexicon is not None else load_lexicon()
    plan_start = doc.meta.period[0] if doc.meta.period else None
    traditional = doc.meta.script == "traditional"
    report = plan_start is None and "报告" in (doc.meta.title or "")
    # the body is read only for 民国 years (traditional script) or a report's year: most documents never join it
    body = "\n".join(span.text for _, span in assembler.node_spans) if traditional or report else ""
    roc = uses_roc_years(body, traditional)
    if report:
        # a report speaks for the year its title names (2024年政府工作报告), else the year it names most
        plan_start = report_year(doc.meta.title or "", roc) or report_year(body, roc)
    # headings that may say what a section is for; an item's title is its first sentence, which says nothing of that
    titles = {tuple(model.path): model.title for model, _ in assembler.node_spans
              if model.kind in ("part", "chapter", "section") and len(model.title) <= 24}
    plan_end = doc.meta.period[1] if doc.meta.period else None
    if plan_end is None:
        plan_end = horizon(span.text for _, span in assembler.node_spans)
    table_targets: list[Target] = []
    results: list[Result] = []
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
        for row_index, found in results_in_table(piece.rows[0], piece.rows[1:], note):
            line = index.line_of(piece.row_spans[min(row_index + 1, len(piece.row_spans) - 1)].start)
            if done := _result(found, "table base column", line=line, raw=index.line_text(line).strip(), path=path,
                               year=found.year, lexicon=lexicon, source="table"):
                results.append(done)
    flats, cell_lines = _flat_tables(index, doc.meta.script)
    in_tables = {index.line_of(span.start) for piece, _ in assembler.tables for span in piece.row_spans}
    for flat in flats:
        for found, line, goal in flat:
            if line in in_tables:
                continue  # the segmenter already read this table
            raw = index.line_text(line).strip()
            path = _path_at(line, assembler)
            if goal:
                if target := _target(found, source="table", line=line, raw=raw, path=path, year=plan_end,
                                     lexicon=lexicon):
                    table_targets.append(target)
            elif done := _result(found, "table base column", line=line, raw=raw, path=path, year=found.year,
                                 lexicon=lexicon, source="table"):
                results.append(done)

    text_targets: list[Target] = []
    years: dict[tuple[str, ...], int | None] = {}
    heads_memo: dict[tuple[str, ...], list[str]] = {}
    reviews: dict[tuple[str, ...], str | None] = {}
    sources: list[tuple[list[str] | None, Span]] = [(None, b.span) for b in assembler.preamble_paras]
    sources += [(model.path, span) for model, span in assembler.node_spans]
    for path, span in sources:
        paragraphs = _paragraph_bounds(span.text)
        key = tuple(path) if path else None  # the node's path as a key, made once
        inherited = years.get(key[:-1]) if key else None
        own = governing_year(span.text[paragraphs[0][0]:paragraphs[0][1]]) if paragraphs else None
        context = own or inherited
        if key:
            years[key] = context
        if not paragraphs:
            continue  # a node with no text of its own (a bare heading): its year above is all it passes on
        heads = _headings(key, titles, heads_memo) if key else []  # (`_titles`) the headings above every paragraph
        said = tuple(heads)  # what they say, read once for all the nodes under the same headings
        if said in reviews:
            heading = reviews[said]
        else:
            heading = reviews[said] = review_heading(heads)
        review = bool(heading)
        for a, b in paragraphs:
            text = span.text[a:b]
            para = None  # the paragraph's span, cut for its first target
            for found in quantities_in_text(text, context or plan_end, review=review):
                if para is None:
                    para = span[a:b]
                piece = para[found.start:found.end] if found.end > found.start else para
                line = index.line_of(piece.start)
                if line in cell_lines:
                    continue  # a cell of a flattened table, read with its row
                marker = found.result or result_marker(text, found.end, heads, plan_start, roc, heading=heading)
                if roc:
                    found.unit = "新台币" if found.unit == "元" else found.unit  # 元 in Taiwan is 新台币
                if marker:
                    year = result_year(text, found.end, heads, roc)
                    if year is None and marker in _NOW:
                        year = doc.meta.issued.year if doc.meta.issued else plan_start  # 目前: when it was written
                    done = _result(found, marker, line=line, raw=index.raw(piece), path=path, lexicon=lexicon,
                                   year=year)
                    if done is not None:
                        results.append(done)
                    continue
                if roc and found.year in (None, context or plan_end):
                    # 预计107年度达95%: a 民国 year of its own wins over the report's year taken as default
                    found.year = goal_year(text, found.end, roc, plan_start) or found.year
                target = _target(found, source="text", line=line, raw=index.raw(piece), path=path,
                                 year=context or plan_end, lexicon=lexicon)
                if target is not None:
                    text_targets.append(target)
            if "到" in text or "至" in text:  # (what `_running_year` needs before it reads anything)
                context = _running_year(text) or context

    # prose that restates a table row, or a task repeating a goal, is listed once (the first statement)
    found = [_as_found(t) for t in text_targets]
    kept = {id(f) for f in drop_repeats([_as_found(t) for t in table_targets], found)}
    doc.targets = table_targets + [t for t, f in zip(text_targets, found) if id(f) in kept]
    doc.results = results
