"""Build DOCX and PDF files from the seed notices, as an analyst would receive them.

The tests generate these into temporary folders (once per session) rather than
committing binaries. `python tests/readers_fixtures.py OUT` writes them to OUT/docx
and OUT/pdf under the seeds' own names (`000_….txt`: ipplan tells the format by the
bytes, not the name), so the project's gold scorer can be run over them:
`python ../shared/tools/score_gold.py --docs OUT/pdf --gold ../shared/gold`.

DOCX: one paragraph per line; table rows become a real Word table; chapter and section
labels (`一、`, `（一）`) and `1.` items become Word automatic numbering (the label is
removed from the text and drawn from numbering.xml), restarted where the text restarts.
PDF: reportlab with its built-in CJK font STSong-Light, lines wrapped at 34 characters,
the first line of a paragraph indented, tables drawn in columns, a running header on
every page and `— N —` at the foot.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"

_CN = "一二三四五六七八九十"
CHAPTER = regex.compile(r"^\s*([一二三四五六七八九十]{1,3})、")
SECTION = regex.compile(r"^\s*（([一二三四五六七八九十]{1,3})）")
ITEM = regex.compile(r"^\s*(\d{1,2})\.(?!\d)")


def cn_value(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN.index(text[1]) + 1
    if len(text) == 3 and text[1] == "十":
        return (_CN.index(text[0]) + 1) * 10 + _CN.index(text[2]) + 1
    if len(text) == 2 and text[1] == "十":
        return (_CN.index(text[0]) + 1) * 10
    return _CN.index(text) + 1


def seed_lines(name: str) -> list[str]:
    return (SEEDS_DIR / name).read_text(encoding="utf-8").splitlines()


def row_cells(line: str) -> list[str] | None:
    from ipplan.parse.segment import table_cells

    return table_cells(line)


def _blocks(lines: list[str]):
    """('p', text) and ('table', rows) in order; consecutive table rows make one table."""
    rows: list[list[str]] = []
    for line in lines:
        cells = row_cells(line)
        if cells is not None:
            rows.append(cells)
            continue
        if rows:
            yield "table", rows
            rows = []
        yield "p", line
    if rows:
        yield "table", rows


# ---- DOCX --------------------------------------------------------------------------------------
_ABSTRACT = """<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>"""


def build_docx(lines: list[str], numbering: bool = True) -> bytes:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering_el = document.part.numbering_part.element
    numbering_el.insert(0, parse_xml(_ABSTRACT))
    nums = [0]

    def new_num() -> str:
        nums[0] += 1
        num_id = str(900 + nums[0])
        xml = (f'<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:numId="{num_id}">'
               f'<w:abstractNumId w:val="90"/>'
               f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>')
        numbering_el.append(parse_xml(xml))
        return num_id

    state = {"num": None, "c": [0, 0, 0]}

    def numbered(text: str) -> tuple[str, int | None]:
        """(text without its label, level) when Word's counters would draw that label, else (text, None)."""
        if not numbering:
            return text, None
        c = state["c"]
        for level, pattern in enumerate((CHAPTER, SECTION, ITEM)):
            m = pattern.match(text)
            if not m:
                continue
            n = int(m.group(1)) if level == 2 else cn_value(m.group(1))
            if level == 0 and n == 1 and (state["num"] is None or c[0] >= 1):
                state["num"] = new_num()
                c[:] = [0, 0, 0]
            if state["num"] is None or n != c[level] + 1 or (level and not any(c[:level])):
                return text, None
            c[level] = n
            for deeper in range(level + 1, 3):
                c[deeper] = 0
            return text[m.end():], level
        return text, None

    for kind, value in _blocks(lines):
        if kind == "p":
            text, level = numbered(value.strip())
            para = document.add_paragraph(text)
            if level is not None:
                ppr = para._p.get_or_add_pPr()
                numpr = parse_xml('<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                                  f'<w:ilvl w:val="{level}"/><w:numId w:val="{state["num"]}"/></w:numPr>')
                ppr.append(numpr)
        else:
            width = max(len(r) for r in value)
            table = document.add_table(rows=0, cols=width)
            table.style = "Table Grid"
            for row in value:
                cells = table.add_row().cells
                for k, cell_text in enumerate(row + [""] * (width - len(row))):
                    cells[k].text = cell_text
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


# ---- PDF ---------------------------------------------------------------------------------------
HEADER = "内部资料 注意保存"


_NO_LINE_START = "）)，,。．.、；;：:！!？?”’》〉」』】"


def wrap(text: str, columns: int = 68) -> list[str]:
    """Cut a paragraph into printed lines of at most `columns` half-width columns (34 Chinese characters).

    As Word does (kinsoku), closing punctuation never starts a line: the character before it
    moves down with it. A line is also never one character long: PDFium drops a one-glyph text
    object of reportlab's non-embedded STSong-Light (its glyph box is empty), which says
    nothing about the reader.
    """
    out, current, used = [], [], 0
    for ch in text:
        w = 2 if ord(ch) > 0x2E80 else 1
        if used + w > columns and current:
            carry = []
            while ch in _NO_LINE_START and len(current) > 1 and len(carry) < 2 and current[-1] not in _NO_LINE_START:
                carry.insert(0, current.pop())
                break
            out.append("".join(current))
            current = carry
            used = sum(2 if ord(c) > 0x2E80 else 1 for c in current)
        current.append(ch)
        used += w
    if current:
        if len(current) == 1 and out and len(out[-1]) > 1:
            current.insert(0, out[-1][-1])
            out[-1] = out[-1][:-1]
        out.append("".join(current))
    return out or [""]


def build_pdf(lines: list[str], encrypt: str | None = None, header: str | None = HEADER, cell: int = 24) -> bytes:
    """The notice printed: `cell` is the widest a table column gets (half-width columns); longer cells wrap."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt=encrypt, invariant=1)
    width, height = A4
    size, leading, left, top, bottom = 11, 17, 64, height - 80, 80
    page = [1]
    y = [top]

    def start_page() -> None:
        c.setFont("STSong-Light", 9)
        if header:
            c.drawCentredString(width / 2, height - 45, header)
        c.setFont("STSong-Light", size)
        y[0] = top

    def end_page() -> None:
        c.setFont("STSong-Light", 10)
        c.drawCentredString(width / 2, 40, f"— {page[0]} —")
        c.showPage()
        page[0] += 1
        start_page()

    def put(text: str, x: float = left) -> None:
        if y[0] < bottom:
            end_page()
        c.drawString(x, y[0], text)
        y[0] -= leading

    start_page()
    for kind, value in _blocks(lines):
        if kind == "p":
            text = value.strip()
            if not text:
                continue
            indent = 2 * size
            first = True
            for piece in wrap(text, 68 - 4):
                put(piece, left + (indent if first else 0))
                first = False
        else:
            ncol = max(len(r) for r in value)
            wrapped = [[wrap(r[k], cell) if k < len(r) and r[k] else [] for k in range(ncol)] for r in value]
            cols = [max((pdfmetrics.stringWidth(piece, "STSong-Light", size) for r in wrapped for piece in r[k]),
                        default=0) for k in range(ncol)]
            xs, x = [], left
            for w in cols:
                xs.append(x)
                x += w + 3 * size
            for row in wrapped:
                height = max(len(pieces) for pieces in row)
                if y[0] - (height - 1) * leading < bottom:
                    end_page()
                for depth in range(height):  # a wrapped cell goes on under its own column, left-aligned
                    for k, pieces in enumerate(row):
                        if depth < len(pieces):
                            c.drawString(xs[k], y[0], pieces[depth])
                    y[0] -= leading
    c.setFont("STSong-Light", 10)
    c.drawCentredString(width / 2, 40, f"— {page[0]} —")
    c.showPage()
    c.save()
    return buf.getvalue()


def write_all(out: Path) -> None:
    for kind, build in (("docx", build_docx), ("pdf", build_pdf)):
        folder = out / kind
        folder.mkdir(parents=True, exist_ok=True)
        for seed in sorted(SEEDS_DIR.glob("*.txt")):
            (folder / seed.name).write_bytes(build(seed_lines(seed.name)))


if __name__ == "__main__":
    write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "generated"))
