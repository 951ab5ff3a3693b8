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
        for k, (text, _) in enumerate(page, 1):
            where = Where(page=p, line=k)
            if (p, k) in aside:
                out.set_aside(text, where, aside[(p, k)])
            else:
                out.add(text, where)
    result = out.result("pdf")
    result.warnings = [f"PDF page {p} has no text layer (a scanned page?); its content is not in the model"
                       for p in empty]
    return result


def _page_lines(pdf, index: int) -> list[tuple[str, float]]:
    """(text, top) of each printed line on a page; cells split by wide gaps are joined by tabs."""
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
        return [(_clean(t), 0.0) for t in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if _clean(t)]
    lines: list[tuple[str, float]] = []
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
    return [(t, top) for t, top in lines if t]


def _line(chars: list[tuple[str, tuple[float, float, float, float]]]) -> tuple[str, float]:
    real = [(c, b) for c, b in chars if not c.isspace() and b[2] > b[0]]
    if not real:
        return _clean("".join(c for c, _ in chars)), 0.0
    height = median(b[3] - b[1] for _, b in real) or 1.0
    out: list[str] = []
    prev_right = None
    for c, b in chars:
        if c.isspace() or b[2] <= b[0]:
            out.append(" " if c.isspace() else c)
            continue
        if prev_right is not None and b[0] - prev_right > _CELL_GAP * height:
            out.append("\t")
        out.append(c)
        prev_right = b[2]
    text = "\t".join(_clean(part) for part in "".join(out).split("\t"))
    return text.strip("\t "), max(b[3] for _, b in real)


def _lone_rows(pages: list[list[tuple[str, float]]], aside: dict[tuple[int, int], str]) -> None:
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
    han = len(regex.findall(_CJK, text))
    if gaps >= 3 and gaps >= 0.5 * (han - 1):
        return _SPACED.sub("", text)
    return text


def _mask(text: str) -> str:
    return regex.sub(r"\d+", "#", "".join(text.split()))


def _furniture(pages: list[list[tuple[str, float]]]) -> dict[tuple[int, int], str]:
    """Page numbers, and lines at a page's edge that repeat on most pages (running headers and footers)."""
    aside: dict[tuple[int, int], str] = {}
    for p, page in enumerate(pages, 1):
        for k in _edges(page):
            text = page[k - 1][0].replace("\t", " ")
            if _PAGE_NO.match(text.strip()) and (not text.strip().isdigit() or int(text.strip()) <= len(pages) + 20):
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


def _edges(page: list[tuple[str, float]]) -> list[int]:
    """1-based line numbers of the two lines at the top and the two at the foot of a page."""
    n = len(page)
    return sorted({k for k in (1, 2, n - 1, n) if 1 <= k <= n})
