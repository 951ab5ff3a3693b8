"""Sort normalised lines into what they are before any tree is built.

Outline detection goes wrong when it sees things that only look like text:
a table row `1 | 市级…`, a contents line `一、捷运城市 ....... 1`, a page
number left by PDF conversion, a web page's `分享:`. This stage sets those
aside (they are kept in the document, never dropped) and groups table rows
into tables, so the outline stage sees prose only.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from .. import _resources as resources  # importlib.resources.files, cheaper at start-up
from typing import Callable

import regex

from . import rx
from . import furniture
from .brackets import SentenceBrackets, open_in_sentence
from .span import Span

FINAL_PUNCT = "。!?;！？；"

# patterns kept as strings are compiled at first use (through rx): most notices never need them
_TOC_LEADER = r"(?:\.{3,}|…{2,}|·{3,}|-{4,}|\s\.{2,})\s*(?:\d{1,4}|[IVXLC]{1,6})\s*$"
_PAGE_NO = regex.compile(r"^[-—–]?\s*(\d{1,4})\s*[-—–]?$")
_PAGE_FOOTER = regex.compile(r"^[-—–]\s*\d{1,4}\s*[-—–]$|^第\s*\d+\s*页(\s*[/,]?\s*共\s*\d+\s*页)?$")
_ROMAN = regex.compile(r"^[IVXLC]{1,6}$")
_SEPARATOR = regex.compile(r"^(?:[-=*_—]\s*){3,}$")
_MD_TABLE_RULE = regex.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
_NOTE = r"^[(\[【]?\s*(注|说明|备注|以上指标|上述指标|表中)[^\n]{0,80}$"
# the first characters _SEPARATOR, _MD_TABLE_RULE, _PAGE_FOOTER and _ROMAN can start with (and white space)
_RULE_OR_NUMBER_START = frozenset("-=*_—|:–第IVXLC")


def _may_be_rule_or_number(first: str) -> bool:
    return first in _RULE_OR_NUMBER_START or first.isspace()


def _may_be_page_no(text: str) -> bool:
    """Whether `_PAGE_NO` can match: it starts with a dash, white space or a digit (str.isdigit covers \\d)."""
    first = text[:1]
    return first != "" and (first.isdigit() or first in "-—–" or first.isspace())


def _may_lead(text: str) -> bool:
    """Whether `_TOC_LEADER` can match: each of its leaders holds .., ……, ··· or ----."""
    return ".." in text or "……" in text or "···" in text or "----" in text


_TABLE_CAPTION = r"^(表\s*\d*[、.:]?.{0,40}|.{2,50}(指标|目标|一览表|任务表|分解表|清单|统计表|汇总表))$"


@dataclass(slots=True)
class Piece:
    """A physical line (kind text/artefact/contents/closing) or a table (kind table)."""

    kind: str
    span: Span  # the line; for a table, its first row
    reason: str | None = None
    rows: list[list[str]] = field(default_factory=list)
    row_spans: list[Span] = field(default_factory=list)
    caption: Span | None = None
    note: Span | None = None


@functools.lru_cache(maxsize=1)
def _boilerplate() -> dict[str, list[regex.Pattern[str]]]:
    raw = json.loads(resources.files("ipplan.data").joinpath("boilerplate.json").read_text("utf-8"))
    return {key: [regex.compile(rf"^(?:{p})$") for p in pats] for key, pats in raw.items() if not key.startswith("_")}


@functools.lru_cache(maxsize=1)
def _boilerplate_any() -> dict[str, Callable[[str], object]]:
    """Per list, one test whether any of its patterns matches a line (an alternation where that is safe);
    its answer is true or false as a condition (see `furniture.whole_line_matcher`'s `truthy`)."""
    raw = json.loads(resources.files("ipplan.data").joinpath("boilerplate.json").read_text("utf-8"))
    return {key: furniture.whole_line_matcher(pats, truthy=True) for key, pats in raw.items()
            if not key.startswith("_")}


def _any_line(key: str, text: str) -> bool:
    return bool(_boilerplate_any()[key](text))


def is_web_chrome(text: str) -> bool:
    return _any_line("web_chrome", text)


def is_closing_line(text: str) -> bool:
    return _any_line("closing", text)


def table_cells(text: str) -> list[str] | None:
    """Cells of a tab- or pipe-separated row; None when the line is not a row."""
    if "\t" in text:
        cells = [c.strip() for c in text.split("\t")]
    elif (bars := text.count("|")) >= 2 or (bars == 1 and not text.strip().startswith("|")):
        cells = [c.strip() for c in text.strip().strip("|").split("|")]
    else:
        return None
    if len([c for c in cells if c]) < 2:
        return None
    return cells


def _page_numbers(lines: list[Span], kinds: list[str | None]) -> set[int]:
    """Lone numbers that form a running sequence (page numbers), not a number a line break cut off."""
    # _may_be_page_no inline (a call per line otherwise): a dash, white space or a digit first, and
    # (the pattern's end is `\s*[-—–]?$`) last; \d and \s are within str.isdigit and str.isspace
    lone = [(i, int(m.group(1))) for i, (line, kind) in enumerate(zip(lines, kinds))
            if kind is None and (text := line.text)
            and ((first := text[0]).isdigit() or first in "-—–" or first.isspace())
            and ((last := text[-1]).isdigit() or last in "-—–" or last.isspace())
            and (m := _PAGE_NO.match(text))]
    values = {}
    for i, n in lone:
        values.setdefault(n, []).append(i)
    found: set[int] = set()
    for i, n in lone:
        after = any(j > i for j in values.get(n + 1, [])) or any(j > i for j in values.get(n + 2, []))
        before = any(j < i for j in values.get(n - 1, [])) or any(j < i for j in values.get(n - 2, []))
        if after or before:
            found.add(i)
    return found


_JOIN_GAP = (r"(?<=[\p{Han}。;:!?)”」》]|---)\s+(?=[\p{Han}“《(「#]|\d{1,3}[.、](?!\d)|-{3,}"
                          r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")
_MD_MARK = r"^#{1,6}\s*"
# no separator at all: a finished sentence or a closing bracket, then a label (`…措施。一、…`, `…)2.…`)
_GLUED_LABEL = (r"(?<=[。;!?”」)])(?=\(\s*[一二三四五六七八九十]{1,3}\s*\)|\d{1,3}[.、](?!\d)"
                             r"|[一二三四五六七八九十]{1,3}、)")


def unjoin(lines: list[Span], longest: int = 600) -> list[Span]:
    """Split lines that hold many paragraphs joined by spaces (a whole notice on one line).

    A space between CJK text, or after a finished sentence, is a paragraph break in such a
    line; spaces inside quotes, brackets or 《》 (a title's PDF artefact) are not.
    """
    out: list[Span] = []
    for line in lines:
        text = line.text
        if len(text) < longest:
            out.append(line)
            continue
        gaps = sorted(list(rx.finditer(_JOIN_GAP, text)) + list(rx.finditer(_GLUED_LABEL, text)),
                      key=lambda m: m.start())
        cuts = []
        state, done = SentenceBrackets(), 0  # open_in_sentence(text[:m.start()]), fed gap by gap: linear
        for m in gaps:
            state.feed(text[done:m.start()])
            done = m.start()
            if not state.open:
                cuts.append(m)
        if len(cuts) < 2:
            out.append(line)
            continue
        start = 0
        for m in cuts + [None]:
            piece = line[start:m.start() if m else len(text)]
            mark = rx.match(_MD_MARK, piece.text)
            if mark:
                piece = piece[mark.end():]
            if piece.text.strip():
                out.extend(_unglue(piece.strip(" ")))
            if m:
                start = m.end()
    return out


_HEAD_RUN = r"[^。;:!?,、()《》\d\s]{2,40}"


def _unglue(line: Span) -> list[Span]:
    """`二、重点任务(一)关键核心技术攻关行动1.强化产业基础技术攻关。…`: headings glued to what follows.

    In a notice run together without any separator, a label that follows a short unpunctuated run
    (a heading) starts a new line. Only in such long lines; `第(一)项` stays text.
    """
    from .labels import read_label

    pieces: list[Span] = []
    while True:
        text = line.text
        label = read_label(text)
        begin = label.end if label is not None else 0
        cut = None
        run = rx.match(_HEAD_RUN, text, pos=begin)
        if run is not None and not open_in_sentence(text[:run.end()]):
            for at in range(begin + 2, run.end() + 1):
                if text[at - 1] in "第条款项" or at >= len(text):
                    continue
                glued = read_label(text, at)
                if glued is not None and glued.family in ("paren_cn", "arabic", "paren_arabic"):
                    cut = at
                    break
        if cut is None:
            pieces.append(line)
            return pieces
        pieces.append(line[:cut])
        line = line[cut:]


def segment(lines: list[Span]) -> list[Piece]:
    lines = unjoin(lines)
    kinds: list[str | None] = [None] * len(lines)
    reasons: list[str | None] = [None] * len(lines)
    web_chrome = _boilerplate_any()["web_chrome"]  # is_web_chrome, looked up once rather than per line
    for i, line in enumerate(lines):
        text = line.text
        if not text:
            kinds[i] = "blank"
        elif not ((first := text[0]) in _RULE_OR_NUMBER_START or first.isspace()):  # _may_be_rule_or_number
            pass  # a separator, a table rule, a page footer or a roman page number starts otherwise
        elif _SEPARATOR.match(text) or _MD_TABLE_RULE.match(text):
            kinds[i], reasons[i] = "artefact", "separator"
        elif _PAGE_FOOTER.match(text) or _ROMAN.match(text):
            kinds[i], reasons[i] = "artefact", "page number"
        if kinds[i] is None and text and web_chrome(text):
            kinds[i], reasons[i] = "artefact", "web page chrome"
    # database and web furniture before the notice (furniture.py): set aside, later kept as preamble
    for i, reason in furniture.mark(lines, kinds).items():
        kinds[i], reasons[i] = "artefact", reason
    # A contents page: from its first to its last leader line, everything is contents.
    # (no leader spans a line break, so a text whose joined lines hold none has no leader line)
    joined = "\n".join([line.text for line in lines])
    toc = [i for i, line in enumerate(lines) if kinds[i] is None and _may_lead(line.text)
           and rx.search(_TOC_LEADER, line.text)] if _may_lead(joined) else []
    # a row has a tab or a bar (table_cells): without either in the whole text, no line is one
    may_have_rows = "\t" in joined or "|" in joined
    if len(toc) >= 3:
        for i in range(toc[0], toc[-1] + 1):
            if kinds[i] is None:
                kinds[i], reasons[i] = "contents", "table of contents"
        # a 目录 heading just before it
        j = toc[0] - 1
        while j >= 0 and kinds[j] == "blank":
            j -= 1
        if j >= 0 and kinds[j] is None and rx.fullmatch(r"目\s*录", lines[j].text):
            kinds[j], reasons[j] = "contents", "table of contents"
    for i in _page_numbers(lines, kinds):
        kinds[i], reasons[i] = "artefact", "page number"

    pieces: list[Piece] = []
    i = 0
    while i < len(lines):
        kind = kinds[i]
        if kind == "blank":
            i += 1
            continue
        if kind is None:
            if not may_have_rows:  # no table can start here: what the loop below ends with for a lone line
                pieces.append(Piece("text", lines[i]))
                i += 1
                continue
            j = i
            rows: list[list[str]] = []
            spans: list[Span] = []
            inside: list[Piece] = []  # page numbers and separators met between rows
            while j < len(lines):
                if kinds[j] is None and (cells := table_cells(lines[j].text)) is not None:
                    rows.append(cells)
                    spans.append(lines[j])
                    j += 1
                    continue
                # a page number, a separator or a blank line inside a table does not end it
                k = j
                while k < len(lines) and (kinds[k] == "blank" or kinds[k] == "artefact"
                                          and reasons[k] in ("separator", "page number")):
                    k += 1
                if rows and k > j and k < len(lines) and kinds[k] is None and table_cells(lines[k].text):
                    inside += [Piece("artefact", lines[n], reasons[n]) for n in range(j, k) if kinds[n] == "artefact"]
                    j = k
                    continue
                break
            rows = _align(rows)
            if len(rows) >= 2:
                piece = Piece("table", spans[0], rows=rows, row_spans=spans)
                _attach_caption(piece, pieces)
                k = j
                while k < len(lines) and kinds[k] == "blank":
                    k += 1
                if k < len(lines) and kinds[k] is None and rx.match(_NOTE, lines[k].text) and len(lines[k].text) <= 80:
                    piece.note = lines[k]
                    j = k + 1
                pieces.append(piece)
                pieces.extend(inside)
                i = j
                continue
            pieces.append(Piece("text", lines[i]))
        else:
            pieces.append(Piece(kind, lines[i], reasons[i]))
        i += 1
    return pieces


def _align(rows: list[list[str]]) -> list[list[str]]:
    """A row with fewer cells than the header lost its empty leading cells: numbers sit on the right."""
    if not rows:
        return rows
    width = len(rows[0])
    return [[""] * (width - len(row)) + row if len(row) < width and row and not row[0].replace(".", "").isdigit()
            else row for row in rows]


def _attach_caption(table: Piece, pieces: list[Piece]) -> None:
    """The short unnumbered line right above a table is its caption."""
    if not pieces or pieces[-1].kind != "text":
        return
    text = pieces[-1].span.text
    from .labels import read_label

    if len(text) <= 60 and text[-1] not in FINAL_PUNCT and rx.match(_TABLE_CAPTION, text) and read_label(text) is None:
        table.caption = pieces.pop().span
