"""Web pages: the notice without the site around it, lines as the page shows them.

A government page wraps the notice in navigation, breadcrumbs, share buttons and a
footer, often inside layout tables; Word-exported pages add `mso-` styling and `<o:p>`.
lxml parses the page (and tells each element's source line, which becomes the
provenance of every output line); the main content is the element that holds the bulk
of the page's non-link text, found by walking down from `<body>`; chrome inside it is
dropped by tag and by class/id words. Block elements and `<br>` end lines; a data
table's rows become tab-separated rows, which the table reader knows.
"""
from __future__ import annotations

import codecs

import regex

from ..read import InputError, decode
from . import Extracted, Lines, Where, need

_META_CHARSET = regex.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", regex.I)
_XML_DECL = regex.compile(r"^\s*<\?xml[^>]*\?>")
_HAN = regex.compile(r"\p{Han}")
_CHROME_TAGS = {"script", "style", "noscript", "template", "iframe", "nav", "footer", "aside", "form", "button",
                "select", "input", "textarea", "object", "embed", "svg", "canvas", "video", "audio", "map", "head",
                "title", "link", "meta"}
# class/id words of site furniture (matched as whole words of the attribute, lower case)
_CHROME_WORDS = regex.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|menus|footer|foot|breadcrumb|crumb|crumbs|share|bdshare|sharebox|social|"
    r"sidebar|side|toolbar|copyright|login|search|searchbox|topbar|header-nav|related|relate|comment|comments|"
    r"position|location|weizhi|dqwz|print|fontsize|font-size|qrcode|ewm|advert|ad|ads|banner)(?:$|[\s_-])",
    regex.I)
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
          "center", "section", "article", "main", "header", "address", "figure", "figcaption", "hr", "tr", "table",
          "tbody", "thead", "tfoot", "caption", "body", "html", "fieldset", "legend", "details", "summary"}
_SPACE = regex.compile(r"[ \t\r\f\v\u00a0\u3000\u2002\u2003\u2009\u200b]+")
_WRAP = regex.compile(r"(?<=[^\x00-\x7f])\s*\n\s*(?=[^\x00-\x7f])")
MIN_HAN = 60  # fewer Han characters than this outside links is no notice


def decode_page(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """A page's text: --encoding, a BOM, the `<meta charset>` the page declares, or the text trials."""
    if encoding:
        return decode(data, encoding)
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data)
    if m := _META_CHARSET.search(data[:4096]):
        name = m.group(1).decode("ascii").lower()
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            codec = None
        if codec in ("gb2312", "gbk", "gb18030"):
            name, codec = "gbk", "gb18030"  # pages declared GB2312 use GBK characters; GB18030 reads both
        if codec:
            try:
                return data.decode(codec), name
            except UnicodeDecodeError:
                pass  # a wrong declaration: fall back to the trials
    return decode(data)


def read_html(data: bytes, encoding: str | None = None) -> Extracted:
    lxml_html = need("lxml.html", "HTML")
    text, used = decode_page(data, encoding)
    text = _XML_DECL.sub("", text.lstrip("\ufeff"))
    if not text.strip():
        raise InputError("the page is empty")
    try:
        root = lxml_html.document_fromstring(text)
    except Exception as exc:  # lxml raises ParserError or ValueError for documents it cannot build
        raise InputError(f"cannot parse the page as HTML: {exc}") from None
    _drop_chrome(root)
    body = root.find("body")
    container = _main_content(body if body is not None else root)
    _drop_link_lists(container)
    out = Lines()
    for key, value, line in _fields_outside(container):
        out.add(f"{key}\t{value}", Where(line=line))  # rows of a header table, as the metadata reader knows them
    title = _title_outside(container)
    if title is not None:
        out.add(title[0], Where(line=title[1]))
    _Renderer(out, fields=True).render(container)
    result = out.result("html", used)
    han = sum(len(_HAN.findall(line)) for line in result.text.splitlines())
    if han < MIN_HAN:
        raise InputError(f"an HTML page with no notice in it (only {han} Chinese characters outside links "
                         "and menus); is it a listing or search page?")
    return result


def _classes(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


def _drop_chrome(root) -> None:
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):  # comments, processing instructions (mso conditionals)
            doomed.append(el)
            continue
        tag = el.tag.lower()
        if tag in _CHROME_TAGS or (tag != "body" and _CHROME_WORDS.search(_classes(el)) and _is_furniture(el)):
            doomed.append(el)
        elif (el.get("style") or "").replace(" ", "").lower().find("display:none") >= 0:
            doomed.append(el)
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        # keep the tail: the text after a dropped element belongs to its parent
        if el.tail and el.tail.strip():
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)


def _drop_link_lists(container) -> None:
    """Inside the content box, a block that is nothing but links (a menu the class words missed, 相关链接) goes.

    Only lists, boxes and tables of three or more links that are almost all link text; an attachment
    list (`附件：…`) stays, it belongs to the notice.
    """
    doomed = []
    for el in container.iter("ul", "ol", "dl", "div", "table", "nav"):
        if el is container or any(d is el or el in d.iterancestors() for d in doomed):
            continue
        total, linked = _text_len(el)
        if total >= 4 and linked >= 0.8 * total and len(el.findall(".//a")) >= 3 and "附件" not in el.text_content():
            doomed.append(el)
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            if el.tail and el.tail.strip():
                prev = el.getprevious()
                if prev is not None:
                    prev.tail = (prev.tail or "") + el.tail
                else:
                    parent.text = (parent.text or "") + el.tail
            parent.remove(el)


def _text_len(el) -> tuple[int, int]:
    """(Han characters, Han characters inside links) under an element."""
    total = len(_HAN.findall(el.text_content()))
    linked = sum(len(_HAN.findall(a.text_content())) for a in el.iter("a"))
    return total, linked


def _is_furniture(el) -> bool:
    """Mostly links, or too little text to be the notice: a class word alone does not condemn a box."""
    total, linked = _text_len(el)
    return total < 40 or linked >= 0.3 * total


def _main_content(el):
    """Walk down while one child holds most of the non-link text: the tightest box around the notice."""
    while True:
        total, linked = _text_len(el)
        own = total - linked
        best, best_own = None, 0
        for child in el:
            if not isinstance(child.tag, str):
                continue
            t, l_ = _text_len(child)
            if t - l_ > best_own:
                best, best_own = child, t - l_
        if best is None or own <= 0 or best_own < 0.8 * own or _notice_beside(best):
            return el
        el = best


_DOC_NUMBER = regex.compile(r"[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*\d{1,4}\s*号")
_NOTICE_TITLE = regex.compile(r"关于.{2,80}(?:通知|意见|方案|决定|办法|规划|计划|要点|措施|批复|函)")
_DATE = regex.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")


def _notice_beside(child) -> bool:
    """The notice's own furniture stands next to its body: a 文号 or title above it, a dated signature below.

    Walking into the body alone would lose them, so the walk stops at the box that holds them all.
    """
    parent = child.getparent()
    before, after = True, False
    for sib in parent:
        if sib is child:
            before, after = False, True
            continue
        if not isinstance(sib.tag, str):
            continue
        text = "".join(sib.text_content().split())
        if not text or len(text) > 200 or _link_share_high(sib):
            continue
        if before and (_DOC_NUMBER.search(text) or _NOTICE_TITLE.search(text)):
            return True
        if after and _DATE.search(text) and len(text) <= 60:
            return True
    return False


def _link_share_high(el) -> bool:
    total, linked = _text_len(el)
    return total == 0 or linked >= 0.5 * total


_TITLE_CLASS = regex.compile(r"(?:^|[\s_-])(?:title|tit|bt|biaoti|headline|article-title|wztitle)(?:$|[\s_-])", regex.I)
_NOTICE_WORDS = regex.compile(r"关于|通知|方案|意见|办法|规划|计划|要点|措施|决定|公告|通告|细则|纲要")


def _is_heading(el) -> bool:
    """An `<h1>`/`<h2>`, or a box a site styles as the title (`class="title"`) that reads like a notice's title."""
    if el.tag in ("h1", "h2"):
        return True
    if not _TITLE_CLASS.search(_classes(el)):
        return False
    text = "".join(el.text_content().split())
    return bool(_NOTICE_WORDS.search(text)) and not any(child.tag in _BLOCK for child in el.iter() if child is not el
                                                        and isinstance(child.tag, str) and child.tag not in ("br",))


def _title_outside(container) -> tuple[str, int] | None:
    """A page heading (`<h1>`, `class="title"`) just above the content box, when the box does not repeat it."""
    inside = "".join(container.text_content().split())[:400]
    node = container
    for _ in range(6):  # layout tables put the content a few boxes below the page's article
        parent = node.getparent()
        if parent is None:
            return None
        for sib in parent:
            if sib is node:
                break
            if not isinstance(sib.tag, str):
                continue
            heads = [h for h in sib.iter() if isinstance(h.tag, str) and _is_heading(h)]
            for h in heads:
                text = " ".join(h.text_content().split())
                if 4 <= len(text) <= 80 and _HAN.search(text) and "".join(text.split()) not in inside:
                    return text, h.sourceline or 0
        node = parent
    return None


# the fields of a page's information box (信息公开 metadata), as the metadata reader knows them
FIELD_KEYS = ("索引号", "主题分类", "发文机关", "发布机构", "发文字号", "文号", "文件编号", "成文日期", "发布日期",
              "发布时间", "公开类别", "公开方式", "有效性", "生效日期", "标题", "名称", "主题词", "信息来源")
_FIELD = regex.compile(r"^(" + "|".join(FIELD_KEYS) + r")\s*[:：]\s*(.*)$")
_FIELD_SPLIT = regex.compile(r"\s+(?=(?:" + "|".join(FIELD_KEYS) + r")\s*[:：])")


def _fields_outside(container) -> list[tuple[str, str, int]]:
    """The information box above the content (索引号, 发文字号, 成文日期 …): its fields, when the box is outside.

    Government sites print the document number and dates in such a box and not always in the
    notice itself; the metadata reader reads a header table of `key | value` rows, so the fields
    are given as such.
    """
    node = container
    for _ in range(6):  # layout tables put the content a few boxes below the page's article
        parent = node.getparent()
        if parent is None:
            return []
        for sib in parent:
            if sib is node:
                break
            if not isinstance(sib.tag, str):
                continue
            fields = _box_fields(sib)
            if len({k for k, _, _ in fields}) >= 2:
                return fields
        node = parent
    return []


def _is_info_box(el) -> bool:
    """A small box of two or more `索引号：…`-style fields (inside the content box this time)."""
    text = el.text_content()
    if len(text) > 800 or not any(key in "".join(text.split()) for key in FIELD_KEYS[:9]):
        return False
    return len({k for k, _, _ in _box_fields(el)}) >= 2


def _box_fields(box) -> list[tuple[str, str, int]]:
    lines = Lines()
    renderer = _Renderer(lines)
    renderer.render(box)
    renderer.brk()
    tokens: list[tuple[str, int]] = []
    for text, where in zip(lines.text, lines.where):
        for cell in text.split("\t"):
            # `索&nbsp;引&nbsp;号：`, `标　　题：`: letter-spaced keys are still keys
            tokens += [("".join(t.split()), where.line or 0) for t in _FIELD_SPLIT.split(cell) if t.strip()]
    fields: list[tuple[str, str, int]] = []
    seen: set[str] = set()
    i = 0
    while i < len(tokens):
        text, line = tokens[i]
        bare = text.rstrip(":： ")
        if (m := _FIELD.match(text)) and m.group(2).strip():
            key, value = m.group(1), m.group(2).strip()
        elif bare in FIELD_KEYS and i + 1 < len(tokens) and tokens[i + 1][0].rstrip(":： ") not in FIELD_KEYS:
            key, value = bare, tokens[i + 1][0]
            i += 1
        else:
            i += 1
            continue
        if key not in seen:
            seen.add(key)
            fields.append((key, value, line))
        i += 1
    return fields


class _Renderer:
    """Walks the content box and writes lines: block ends and <br> break, inline text joins."""

    def __init__(self, out: Lines, fields: bool = False) -> None:
        self.out = out
        self.parts: list[str] = []
        self.line: int | None = None
        self.last_line = 0
        self.pre = 0  # depth of <pre> elements around the text
        self.fields = fields  # render an information box as header rows

    def text(self, s: str | None, line: int) -> None:
        if not s:
            return
        if self.pre:  # preformatted text keeps its line breaks
            first, *rest = s.split("\n")
            self._append(first, line)
            for k, part in enumerate(rest, 1):
                self.brk()
                self._append(part, line + k)
            return
        s = _WRAP.sub("", s)  # a source line wrap between Chinese characters is no space
        self._append(s.replace("\n", " "), line)

    def _append(self, s: str, line: int) -> None:
        if not s.strip() and not self.parts:
            return
        if self.line is None and s.strip():
            self.line = line
        self.parts.append(s)

    def brk(self) -> None:
        text = _SPACE.sub(" ", "".join(self.parts)).strip()
        if text:
            self.out.add(text, Where(line=self.line or self.last_line))
        self.parts = []
        self.line = None

    def render(self, el) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        line = el.sourceline or self.last_line
        self.last_line = max(self.last_line, line)
        if tag == "br":
            self.brk()
            return
        if tag in ("table", "div", "ul", "dl") and self.fields and _is_info_box(el):
            self.brk()
            for key, value, at in _box_fields(el):
                self.out.add(f"{key}\t{value}", Where(line=at))
            return
        if tag == "table" and _is_data_table(el):
            self.brk()
            self.table(el)
            return
        block = tag in _BLOCK or tag == "td" or tag == "th"
        if block:
            self.brk()
        self.pre += tag in ("pre", "textarea", "xmp")
        self.text(el.text, line)
        for child in el:
            self.render(child)
            self.text(child.tail, self.last_line)
        self.pre -= tag in ("pre", "textarea", "xmp")
        if block:
            self.brk()

    def table(self, table) -> None:
        carried: dict[int, tuple[str, int]] = {}  # column -> (text, rows left) of a rowspan
        for tr in table.iter("tr"):
            if _enclosing_table(tr) is not table:
                continue
            cells: list[str] = []
            col = 0
            for td in tr:
                if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th"):
                    continue
                while col in carried:
                    cells.append(self._carry(carried, col))
                    col += 1
                text = _cell_text(td)
                span = _int(td.get("colspan"))
                down = _int(td.get("rowspan"))
                for k in range(span):
                    cells.append(text if k == 0 else "")
                    if down > 1:
                        carried[col] = (text, down - 1)
                    col += 1
            while col in carried:
                cells.append(self._carry(carried, col))
                col += 1
            filled = [c for c in cells if c]
            if not filled:
                continue
            line = tr.sourceline or self.last_line
            self.last_line = max(self.last_line, line)
            # a row of one cell (a section title spanning the table) is a line of its own
            self.out.add("\t".join(cells) if len(filled) > 1 else filled[0], Where(line=line))

    @staticmethod
    def _carry(carried: dict[int, tuple[str, int]], col: int) -> str:
        text, left = carried[col]
        if left <= 1:
            del carried[col]
        else:
            carried[col] = (text, left - 1)
        return text


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 50))
    except ValueError:
        return 1


def _enclosing_table(el):
    parent = el.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _is_data_table(table) -> bool:
    """Rows of several cells and no table inside: data. A layout table's cells are rendered as blocks."""
    if any(True for _ in table.iter("table") if _ is not table):
        return False
    rows = [tr for tr in table.iter("tr")]
    multi = sum(1 for tr in rows if sum(1 for td in tr if isinstance(td.tag, str) and td.tag in ("td", "th")) >= 2)
    return multi >= 2


def _cell_text(td) -> str:
    """A cell's text on one line: its paragraphs and breaks joined by a space."""
    lines = Lines()
    renderer = _Renderer(lines)
    renderer.render(td)
    renderer.brk()
    return " ".join(t.replace("\t", " ") for t in lines.text if t).strip()
