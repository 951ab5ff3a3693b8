"""Word files (.docx): paragraphs in order, tables as tables, automatic numbering as shown.

python-docx opens the package and hands over the body, the styles and the numbering
part; the body is walked in order (paragraphs and tables interleave, which
`Document.paragraphs` would lose). Word's automatic numbering is not in the text: the
`一、` / `（一）` / `1.` a reader sees are drawn from `numbering.xml` at display time,
so they are rendered here, counter by counter, the way Word counts them.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

from ..read import InputError
from . import Extracted, Lines, Where, need

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_LABEL_ENDS = "、.．)）:：]】"


def _val(el, tag: str) -> str | None:
    child = el.find(W + tag) if el is not None else None
    return child.get(W + "val") if child is not None else None


# ---- number formats --------------------------------------------------------------------------
_CN = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


def _chinese(n: int, digits: str = _CN, ten: str = "十", hundred: str = "百") -> str:
    if n < 10:
        return digits[n]
    if n < 20:
        return ten + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + ten + (digits[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if not rest else (digits[0] + digits[rest] if rest < 10 else
                                    (digits[1] + ten + (digits[rest % 10] if rest % 10 else "")) if rest < 20
                                    else _chinese(rest, digits, ten, hundred))
        return digits[n // 100] + hundred + tail
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                       (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: a … z, aa … zz
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def format_number(n: int, fmt: str | None) -> str:
    """`n` as Word draws it in the number format `fmt` (ST_NumberFormat)."""
    fmt = fmt or "decimal"
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting"):
        return _chinese(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal"):
        return _chinese(n, _CN_LEGAL, "拾", "佰")
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt in ("decimalEnclosedParen",):
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


# ---- numbering definitions -------------------------------------------------------------------
@dataclass
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # w:lvlRestart; 0 = never restart
    legal: bool = False
    suff: str = "tab"
    style: str | None = None


@dataclass
class Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, Level] = field(default_factory=dict)


def _level(lvl) -> Level:
    start = _val(lvl, "start")
    restart = _val(lvl, "lvlRestart")
    return Level(fmt=_val(lvl, "numFmt") or "decimal", text=_val(lvl, "lvlText") or "",
                 start=int(start) if start and start.lstrip("-").isdigit() else 1,
                 restart=int(restart) if restart and restart.isdigit() else None,
                 legal=lvl.find(W + "isLgl") is not None and _val(lvl, "isLgl") not in ("0", "false"),
                 suff=_val(lvl, "suff") or "tab", style=_val(lvl, "pStyle"))


class Numbering:
    """Word's list counters: one set per abstract list, restarted by a num's startOverride."""

    def __init__(self, numbering_el, styles: dict[str, tuple[str | None, str | None, str | None]]) -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        self.style_link: dict[str, str] = {}
        self.nums: dict[str, Num] = {}
        self.styles = styles  # style id -> (numId, ilvl, basedOn)
        if numbering_el is not None:
            for ab in numbering_el.findall(W + "abstractNum"):
                aid = ab.get(W + "abstractNumId")
                self.abstract[aid] = {int(lv.get(W + "ilvl", "0")): _level(lv) for lv in ab.findall(W + "lvl")}
                link = _val(ab, "numStyleLink")
                if link:
                    self.style_link[aid] = link
            for num in numbering_el.findall(W + "num"):
                nid = num.get(W + "numId")
                entry = Num(_val(num, "abstractNumId") or "")
                for ov in num.findall(W + "lvlOverride"):
                    ilvl = int(ov.get(W + "ilvl", "0"))
                    so = _val(ov, "startOverride")
                    if so and so.isdigit():
                        entry.starts[ilvl] = int(so)
                    lv = ov.find(W + "lvl")
                    if lv is not None:
                        entry.levels[ilvl] = _level(lv)
                self.nums[nid] = entry
        self.counts: dict[str, dict[int, int]] = {}
        self.seen: set[str] = set()

    def _resolve(self, num_id: str) -> tuple[str, dict[int, Level]] | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        aid = num.abstract
        for _ in range(3):  # a list style points at another num through numStyleLink
            link = self.style_link.get(aid)
            if not link or link not in self.styles or not self.styles[link][0]:
                break
            other = self.nums.get(self.styles[link][0] or "")
            if other is None:
                break
            aid = other.abstract
        levels = dict(self.abstract.get(aid, {}))
        levels.update(num.levels)
        return aid, levels

    def _style_num(self, style: str | None) -> tuple[str | None, str | None]:
        seen = set()
        while style and style not in seen:
            seen.add(style)
            num_id, ilvl, based = self.styles.get(style, (None, None, None))
            if num_id is not None:
                return num_id, ilvl
            style = based
        return None, None

    def label(self, p) -> tuple[str, str] | None:
        """(label, suffix) Word draws before paragraph `p`, or None."""
        ppr = p.find(W + "pPr")
        style = _val(ppr, "pStyle") if ppr is not None else None
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        num_id = _val(numpr, "numId") if numpr is not None else None
        ilvl = _val(numpr, "ilvl") if numpr is not None else None
        if num_id is None:
            num_id, style_ilvl = self._style_num(style)
            ilvl = ilvl or style_ilvl
        if not num_id or num_id == "0":
            return None
        resolved = self._resolve(num_id)
        if resolved is None:
            return None
        aid, levels = resolved
        if ilvl is None:
            ilvl = next((str(k) for k, lv in levels.items() if style and lv.style == style), "0")
        level = int(ilvl) if ilvl.isdigit() else 0
        if level not in levels:
            return None
        counts = self.counts.setdefault(aid, {})
        if num_id not in self.seen:
            self.seen.add(num_id)
            for k, start in self.nums[num_id].starts.items():
                counts[k] = start - 1
                for deeper in [d for d in counts if d > k]:
                    del counts[deeper]
        lv = levels[level]
        counts[level] = counts[level] + 1 if level in counts else lv.start
        for deeper in [d for d in counts if d > level]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart != 0 and (restart is None or restart - 1 <= level):
                del counts[deeper]
        if lv.fmt == "bullet":
            return None
        text = lv.text
        for k in range(9, -1, -1):
            mark = f"%{k + 1}"
            if mark in text:
                other = levels.get(k, Level())
                n = counts.get(k, other.start)
                text = text.replace(mark, format_number(n, "decimal" if lv.legal and k != level else other.fmt))
        return text, lv.suff


def _styles(document) -> dict[str, tuple[str | None, str | None, str | None]]:
    out: dict[str, tuple[str | None, str | None, str | None]] = {}
    try:
        root = document.styles.element
    except Exception:  # a package without a styles part
        return out
    for st in root.findall(W + "style"):
        sid = st.get(W + "styleId")
        ppr = st.find(W + "pPr")
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        out[sid] = (_val(numpr, "numId") if numpr is not None else None,
                    _val(numpr, "ilvl") if numpr is not None else None, _val(st, "basedOn"))
    return out


# ---- text ------------------------------------------------------------------------------------
def _run_text(el, out: list[str]) -> None:
    """Text of a paragraph's content as Word shows it: no deleted text, no field codes, no fallbacks."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag == W + "t":
            out.append(child.text or "")
        elif tag == W + "tab" and el.tag == W + "r":
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        elif tag in (W + "del", W + "instrText", W + "delText", W + "pPr", W + "rPr", MC + "Fallback"):
            continue
        elif tag == W + "p":  # a paragraph inside a text box is a line of its own
            out.append("\n")
            _run_text(child, out)
            out.append("\n")
        else:
            _run_text(child, out)


def paragraph_text(p) -> str:
    out: list[str] = []
    _run_text(p, out)
    return "".join(out)


def read_docx(data: bytes) -> Extracted:
    docx = need("docx", "Word files (.docx)")
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, BadZipFile, XMLSyntaxError … for broken packages
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        if isinstance(exc, (KeyError, AttributeError, TypeError, IndexError)) or not detail:
            detail = "its parts are missing or malformed"  # python-docx's own message would name its internals
        raise InputError(f"a corrupt Word file (.docx) that cannot be opened: {detail}") from None
    try:
        numbering_el = document.part.numbering_part.element
    except (NotImplementedError, KeyError, AttributeError):
        numbering_el = None
    numbering = Numbering(numbering_el, _styles(document))
    out = Lines()
    counters = {"paragraph": 0, "table": 0}

    def paragraph(p) -> None:
        counters["paragraph"] += 1
        text = paragraph_text(p).replace("\t", " ")
        label = numbering.label(p)
        if label is not None and label[0]:
            mark, suff = label
            sep = "" if mark[-1] in _LABEL_ENDS or suff == "nothing" else " "
            text = mark + sep + text.lstrip()
        out.add(text.rstrip(), Where(paragraph=counters["paragraph"]))

    def table(tbl) -> None:
        counters["table"] += 1
        t = Table(tbl, document)
        number = counters["table"]
        for r, row in enumerate(t.rows, 1):
            try:
                cells = row.cells
            except Exception:  # a malformed grid: read the row's own cells
                cells = [c for c in row._tr.tc_lst]
                cells = [docx.table._Cell(c, t) for c in cells]
            texts: list[str] = []
            prev = None
            for cell in cells:
                if prev is not None and cell._tc is prev:
                    texts.append("")  # a cell spanning several grid columns
                    continue
                prev = cell._tc
                parts = []
                for block in cell._tc.iter(W + "p"):
                    label = numbering.label(block)
                    text = " ".join(paragraph_text(block).replace("\t", " ").split())
                    if label is not None and label[0]:
                        text = label[0] + text
                    if text:
                        parts.append(text)
                texts.append(" ".join(parts))
            filled = [c for c in texts if c]
            if filled:
                out.add("\t".join(texts) if len(filled) > 1 else filled[0], Where(table=number, row=r))

    def walk(parent) -> None:
        for el in parent:
            if el.tag == W + "p":
                paragraph(el)
            elif el.tag == W + "tbl":
                table(el)
            elif el.tag == W + "sdt":
                content = el.find(W + "sdtContent")
                if content is not None:
                    walk(content)
            elif el.tag in (W + "customXml", W + "ins", W + "smartTag"):
                walk(el)

    walk(document.element.body)
    if not any(line.strip() for line in out.text):
        raise InputError("the Word file holds no text")
    return out.result("docx")
