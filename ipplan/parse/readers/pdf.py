"""PDF text layers: printed lines in reading order, page furniture set aside.

pypdfium2 (PDFium, the engine of Chrome's viewer) reads the text layer: it is fast, a
wheel without system dependencies, maps CJK CID fonts to Unicode and tells encrypted
files apart. Each printed line becomes a line of text and keeps its page and its line
on the page; the pipeline's existing wrap logic joins wrapped lines, across pages too.
Page numbers (`— 3 —`, `第3页`) and headers or footers repeated on every page are set
aside as artefacts before the pipeline sees them, so they never cut a sentence in two.
Wide gaps between characters on one line separate table cells (tab-separated rows).
"""
from __future__ import annotations

from statistics import median

import regex

from .. import rx
from ..read import InputError
from . import Extracted, Lines, Where, need

_PAGE_NO = regex.compile(r"^(?:[-—–－―]\s*\d{1,4}\s*[-—–－―]|第\s*\d{1,4}\s*页(?:\s*[/,，]?\s*共\s*\d{1,4}\s*页)?"
                         r"|\d{1,4}\s*/\s*\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?|\d{1,4})$")
_SPACE = regex.compile(r"[ \u00a0\u3000]+")
_CELL_GAP = 2.2  # a gap wider than this many character heights separates table cells


def read_pdf(data: bytes) -> Extracted:
    pdfium = need("pypdfium2", "PDF files")
    if b"%PDF-" not in data[:1024]:
        raise InputError("not a PDF file (no %PDF- header)")
    tail = data[-4096:]
    if b"%%EOF" not in tail:
        raise InputError("a truncated PDF (it does not end with %%EOF); download it again")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower() or getattr(exc, "err_code", None) == 4:
            raise InputError("an encrypted PDF that needs a password; "
                             "save an unprotected copy (e.g. `qpdf --decrypt`) and read that") from None
        raise InputError(f"a damaged PDF that cannot be opened ({message})") from None
    try:
        pages = [_page_lines(pdf, i) for i in range(len(pdf))]
    finally:
        pdf.close()
    if not pages:
        raise InputError("the PDF has no pages")
    chars = sum(len(t) for page in pages for t, _ in page)
    if chars < 20:
        raise InputError("the PDF has no text layer (a scan?); ipplan does not do OCR: "
                         "run it through OCR first (e.g. `ocrmypdf`) and read the result")
    aside = _furniture(pages)
    _lone_rows(pages, aside)
    out = Lines()
    empty = []
    for p, page in enumerate(pages, 1):
        if not page:
            empty.append(p)
        for k, (text, number) in enumerate(page, 1):
            where = Where(page=p, line=number)
            if (p, k) in aside:
                out.set_aside(text, where, aside[(p, k)])
            else:
                out.add(text, where)
    result = out.result("pdf")
    result.warnings = [f"PDF page {p} has no text layer (a scanned page?); its content is not in the model"
                       for p in empty]
    return result


def _page_lines(pdf, index: int) -> list[tuple[str, int]]:
    """(text, line number on the page) of each printed line; cells split by wide gaps are joined by tabs."""
    page = pdf[index]
    try:
        tp = page.get_textpage()
        try:
            n = tp.count_chars()
            text = tp.get_text_range(0, n) if n > 0 else ""
            boxes = [tp.get_charbox(i, loose=True) for i in range(n)] if len(text) == n else None
        finally:
            tp.close()
    finally:
        page.close()
    if boxes is None:  # characters outside the BMP make indices drift: lines without cell detection
        plain = [_clean(t) for t in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        return [(t, k) for k, t in enumerate((t for t in plain if t), 1)]
    lines: list[_Printed] = []
    current: list[tuple[str, tuple[float, float, float, float]]] = []
    for ch, box in zip(text, boxes):
        if ch in "\r\n":
            if current:
                lines.append(_line(current))
            current = []
            continue
        current.append((ch, box))
    if current:
        lines.append(_line(current))
    printed = [ln for ln in lines if ln.cells]
    for k, ln in enumerate(printed, 1):
        ln.number = k
    return [(line.text, line.number) for line in _join_wrapped_cells(printed)]


class _Printed:
    """One printed line: its cells (x where each starts, text), its top and its character height."""

    __slots__ = ("cells", "top", "height", "number", "rights")

    def __init__(self, cells: list[tuple[float, str]], top: float, height: float) -> None:
        self.cells, self.top, self.height = cells, top, height
        self.number = 0  # the line's place on the page, counting every printed line
        self.rights: list[float] = [0.0] * len(cells)  # where each cell's text ends

    @property
    def text(self) -> str:
        return "\t".join(t for _, t in self.cells)


def _line(chars: list[tuple[str, tuple[float, float, float, float]]]) -> _Printed:
    real = [(c, b) for c, b in chars if not c.isspace() and b[2] > b[0]]
    if not real:
        text = _clean("".join(c for c, _ in chars))
        return _Printed([(0.0, text)] if text else [], 0.0, 1.0)
    height = median(b[3] - b[1] for _, b in real) or 1.0
    cells: list[tuple[float, list[str]]] = []
    rights: list[float] = []
    prev_right = None
    for c, b in chars:
        if c.isspace() or b[2] <= b[0]:
            if cells:
                cells[-1][1].append(" " if c.isspace() else c)
            continue
        if prev_right is None or b[0] - prev_right > _CELL_GAP * height:
            cells.append((b[0], []))
            rights.append(b[2])
        cells[-1][1].append(c)
        prev_right = rights[-1] = b[2]
    out = [(x, _clean("".join(parts)), r) for (x, parts), r in zip(cells, rights)]
    line = _Printed([(x, t) for x, t, _ in out if t], max(b[3] for _, b in real), height)
    line.rights = [r for _, t, r in out if t]
    return line


_NUMERIC = regex.compile(r"^[-+]?\d[\d.,%]*$")


def _join_wrapped_cells(lines: list[_Printed]) -> list[_Printed]:
    """A table cell too long for its column wraps onto the next printed line: put the pieces back in their cells.

    A line right under a table row (no wider gap than the row spacing) whose pieces all start inside
    the row's columns (right of its first cell) and hold no number of their own continues the row.
    """
    out: list[_Printed] = []
    for line in lines:
        row = out[-1] if out else None
        if row is not None and len(row.cells) >= 2 and _continues(row, line):
            cells = [list(c) for c in row.cells]
            for x, text in line.cells:
                k = max(j for j, (start, _) in enumerate(row.cells) if start <= x + 2)
                cells[k][1] = cells[k][1] + text
            row.cells = [(x, t) for x, t in cells]
            row.top = line.top  # the next continuation is measured from here
            continue
        out.append(line)
    return out


def _continues(row: _Printed, line: _Printed) -> bool:
    """Close under the row, every piece starting where one of its cells starts and ending before the next cell."""
    if not 0 < row.top - line.top <= 1.6 * row.height or len(line.cells) >= len(row.cells):
        return False  # a line filling every column of the row is the next row
    starts = [x for x, _ in row.cells]
    for (x, text), right in zip(line.cells, line.rights):
        if _NUMERIC.match(text):
            return False
        k = next((j for j, start in enumerate(starts) if abs(x - start) <= 0.5 * row.height), None)
        if k is None or (k + 1 < len(starts) and right > starts[k + 1] - row.height):
            return False
    return True


def _lone_rows(pages: list[list[tuple[str, int]]], aside: dict[tuple[int, int], str]) -> None:
    """A gap splits cells only in a table: a lone line with a wide gap (`某局      2024年1月1日`) is prose."""
    flat = [(p, k) for p, page in enumerate(pages, 1) for k in range(1, len(page) + 1) if (p, k) not in aside]
    has_tab = [("\t" in pages[p - 1][k - 1][0]) for p, k in flat]
    for i, (p, k) in enumerate(flat):
        if has_tab[i] and not (i > 0 and has_tab[i - 1]) and not (i + 1 < len(flat) and has_tab[i + 1]):
            text, top = pages[p - 1][k - 1]
            pages[p - 1][k - 1] = (text.replace("\t", " "), top)


_CJK = r"[\p{Han}，。、；：！？（）《》“”]"
_SPACED = regex.compile(rf"(?<={_CJK}) (?={_CJK})")


def _clean(text: str) -> str:
    text = _SPACE.sub(" ", text).strip()
    return unspace(text)


def unspace(text: str) -> str:
    """`关 于 印 发`: a letter-spaced line (titles, justified lines) comes out with a space per gap; close them.

    Only when most neighbouring Chinese characters are spaced apart, so the one meaningful space
    of `国务院办公厅 2018年12月23日` or `新增 PCT 申请` stays.
    """
    gaps = len(_SPACED.findall(text))
    han = len(rx.findall(_CJK, text))
    if gaps >= 3 and gaps >= 0.5 * (han - 1):
        return _SPACED.sub("", text)
    return text


def _mask(text: str) -> str:
    return rx.sub(r"\d+", "#", "".join(text.split()))


def _furniture(pages: list[list[tuple[str, int]]]) -> dict[tuple[int, int], str]:
    """Page numbers, and lines at a page's edge that repeat on most pages (running headers and footers)."""
    aside: dict[tuple[int, int], str] = {}
    bare: list[tuple[int, int, int]] = []  # a lone number: a page number only if it runs with the pages
    for p, page in enumerate(pages, 1):
        for k in _edges(page):
            text = page[k - 1][0].replace("\t", " ").strip()
            if text.isdigit():
                bare.append((p, k, int(text)))
            elif _PAGE_NO.match(text):
                aside[(p, k)] = "page number"
    offsets: dict[int, set[int]] = {}
    for p, _, n in bare:
        offsets.setdefault(n - p, set()).add(p)
    for p, k, n in bare:
        on = offsets[n - p]
        if len(on) >= 2 or (len(pages) == 1 and n <= 2):
            aside[(p, k)] = "page number"
    if len(pages) >= 2:
        counts: dict[tuple[str, str], set[int]] = {}
        for p, page in enumerate(pages, 1):
            for k in _edges(page):
                if (p, k) in aside:
                    continue
                side = "header" if k <= 2 else "footer"
                counts.setdefault((side, _mask(page[k - 1][0])), set()).add(p)
        for p, page in enumerate(pages, 1):
            for k in _edges(page):
                if (p, k) in aside:
                    continue
                side = "header" if k <= 2 else "footer"
                found = counts.get((side, _mask(page[k - 1][0])), set())
                if len(found) >= max(2, (len(pages) + 1) // 2):
                    aside[(p, k)] = f"running {side}"
    return aside


def _edges(page: list[tuple[str, int]]) -> list[int]:
    """1-based line numbers of the two lines at the top and the two at the foot of a page."""
    n = len(page)
    return sorted({k for k in (1, 2, n - 1, n) if 1 <= k <= n})
