"""Metadata of a notice: what the plan is called, who issued it, when, for where and for which years.

The head of a notice mixes a page header, the covering notice (title, number,
recipients, body, signature, date) and the plan's own title. Fields are read
in order of reliability: the notice's own structure first (signature above
the date, the 《》-quoted title), loose patterns last, and each field records
the input line it came from.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import regex

from . import rx
from .labels import read_label
from .numbers import parse_number
from . import furniture as _furniture
from .region import admin_chain, region_in_text, region_in_title
from .span import LineIndex, Span

# a line that is only a date, or only an issuing body: the furniture of a notice (signature, seal)
DATE_LINE = regex.compile(r"^(?P<y>[\d〇零一二三四五六七八九]{4})\s*年\s*(?P<m>[\d〇零一二三四五六七八九十]{1,2})\s*月"
                      r"\s*(?P<d>[\d〇零一二三四五六七八九十]{1,3})\s*日(?:印发|发布|公布)?$")
_ISO_DATE = regex.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_DOC_NO = regex.compile(r"[\p{Han}]{1,14}[〔\[(【]\s*\d{4}\s*[〕\])】]\s*\d{1,4}\s*号")
_HEADER_KEYS = ("索引号", "文件编号", "发文字号", "文号", "发布机构", "发文机关", "公开类别", "发布时间", "发布日期",
                "成文日期", "主题分类", "公开方式", "有效性", "生效日期", "标题", "名称", "主题词", "信息来源")
# a header line `key: value`: no key holds white space, ":" or "|", so the key is all the text before
# them and a set lookup stands in for an alternation of the keys (cheaper to compile)
_HEADER_LINE = regex.compile(r"^([^\s:|]+)\s*[:|]\s*(.*?)\s*\|?$")
_HEADER_KEY_SET = frozenset(_HEADER_KEYS)
_NOTICE = regex.compile(r"(关于|印发|转发).{2,}(通知|批复|函)$")
ORG_LINE = regex.compile(r"^[\p{Han}()〔〕]{2,40}(政府|办公室|办公厅|委员会|局|厅|部|院|中心|小组|会|署|委|办)$")
# a line that names a plan or policy document (not the covering notice)
PLAN_TITLE = regex.compile(r"^[^。;]{4,80}(政策|措施|方案|意见|办法|计划|要点|规划|细则|规定|纲要|行动|报告|清单|决定|条例|规则)"
                           r"(\s*[(][^()]{2,24}[)])?$")
_PERIOD = regex.compile(r"(?<!\d)((?:19|20)\d{2})\s*年?\s*[-—–~至到]\s*((?:19|20)\d{2})\s*年?(?!\d)")
# a one-year plan: 2023年工作要点, 2024年徐汇区知识产权工作要点, 某区2024年度…工作计划 (no second year between)
_ONE_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(度)?[^\d。;,]{0,24}?(工作要点|工作计划|工作方案|要点|计划|行动计划|工作安排)$")
# a five-year plan named by its number: “十四五” is 2021-2025 (from the 11th plan on, 2006 + 5·(n-11))
# (this and the other plain-string patterns below are compiled at first use, through rx: few notices reach them)
_FIVE_YEAR = r"十([一二三四五六七八九])五”?[^《》。]{0,20}规划|第十([一二三四五六七八九])个五年规划"
_FIVE_YEAR_N = {"一": 11, "二": 12, "三": 13, "四": 14, "五": 15, "六": 16, "七": 17, "八": 18, "九": 19}
# a horizon year: 到2025年, 至2025年 (截至 is a baseline's date, not a goal's)
BY_YEAR = regex.compile(r"(?<!截)(?:到|至)\s*((?:19|20)\d{2})\s*年")
# BY_YEAR from one of its two first characters on (the look-behind is tested by hand)
_BY_YEAR_AT = regex.compile(r"[到至]\s*((?:19|20)\d{2})\s*年")


def by_year(text: str) -> list[str]:
    """`BY_YEAR.findall(text)`, about three times faster on a notice.

    regex scans a CJK text for 到/至 at several ns a character; `str.find` finds them at a
    fraction of that, and the pattern is tried only there. A match holds no 到/至 after its first
    character (only white space, digits and 年 follow), so matches at successive candidates never
    overlap and come out in findall's order.
    """
    starts = []
    for ch in "到至":
        at = text.find(ch)
        while at != -1:
            starts.append(at)
            at = text.find(ch, at + 1)
    if not starts:
        return []
    starts.sort()
    match = _BY_YEAR_AT.match
    return [m.group(1) for at in starts
            if (at == 0 or text[at - 1] != "截") and (m := match(text, at)) is not None]
# a Taiwanese (民国) date: 104.4.17, 中华民国104年4月17日
_ROC_DATE = r"^(?:中华民国)?(1\d{2}|[89]\d)\s*[.年/]\s*(\d{1,2})\s*[.月/]\s*(\d{1,2})\s*日?$"
_CN_DATE = r"[\d〇零一二三四五六七八九]{4}\s*年\s*[\d〇零一二三四五六七八九十]{1,2}\s*月\s*[\d〇零一二三四五六七八九十]{1,3}\s*日"
# a regulation's head: (2022年3月29日广东省第十三届人民代表大会常务委员会第四十一次会议通过)
_ADOPTED = regex.compile(r"^[(]?(?P<date>" + _CN_DATE + r")(?P<org>[\p{Han}]{2,40}?)第[\p{Han}\d]{1,8}次(?:全体)?会议"
                         r"(?:审议)?(?:通过|批准|修订|修正)")
# a government rule's head: 2020年5月1日 广东省人民政府令第270号公布
_DECREED = regex.compile(r"^[(]?(?P<date>" + _CN_DATE + r")(?P<org>[\p{Han}]{2,40}?)令?[(]?第\d+号[)]?(?:公布|发布)")


def _adopted_or_decreed(text: str) -> "regex.Match[str] | None":
    """`_ADOPTED.match(text) or _DECREED.match(text)`, each tried only on a text holding the literal it
    needs (…会议 of an adoption, 第N号 of a decree): most head lines hold neither."""
    return ((_ADOPTED.match(text) if "会议" in text else None)
            or (_DECREED.match(text) if "号" in text else None))


# an issuer that is the state, not a place: its notice names no region (国务院办公厅, 工业和信息化部)
_NATIONAL = r"^(国务院|中共中央|中央|全国|国家|中华人民共和国|最高人民)|部(办公厅)?$|总局$"
# a 版记: 安徽省人民政府办公厅 2019年1月3日印发
_IMPRINT = regex.compile(r"^(?P<org>[\p{Han}()〔〕]{2,40}?)\s*(?P<date>" + _CN_DATE + r")\s*印发$")
# a speech's date line: ——2024年1月15日在杭州市第十四届人民代表大会第三次会议上
_SPEECH = regex.compile(r"^[-—(]*\s*(?P<date>" + _CN_DATE + r")在(?P<where>.{2,60}?)会议上\)?$")
# the speaker: 市长 鄭文燦, 代省长 王某某
_SPEAKER = (r"^(?P<place>[\p{Han}]{2,12}?(?:省|市|区|县|州|盟|旗))?(?:代理|代)?"
            r"(?P<office>省长|市长|区长|县长|州长|盟长|旗长|主席)\s*[\p{Han}·]{2,5}$")
_OFFICE_LEVEL = {"省长": "省", "市长": "市", "区长": "区", "县长": "县", "州长": "州", "盟长": "盟", "旗长": "旗", "主席": "区"}
# a single year a plan's title is for: 包头市2022年数字政府建设考评办法 (not 到2025年, not 2035年远景目标)
_TITLE_YEAR = r"(?<![\d到至截])((?:19|20)\d{2})\s*年(?:度)?(?!\s*(?:远景|以来|以前|前|底|末|版))"
_REPORT = regex.compile(r"(工作报告|施政报告|政府报告)$")


_NOTICE_ENDS = ("通知", "批复", "函")


def _is_notice(text: str) -> bool:
    """`_NOTICE.search(text)`, tried only on a text that ends as its `(通知|批复|函)$` must (or before a final newline)."""
    if not (text.endswith(_NOTICE_ENDS) or text.endswith("\n") and text[:-1].endswith(_NOTICE_ENDS)):
        return False
    return _NOTICE.search(text) is not None


def tidy(text: str) -> str:
    """Drop spaces except between two ASCII letters or digits (PDF and web layouts insert them)."""
    text = text.strip()
    if " " in text or not text.isprintable():  # every white space but " " is unprintable: else nothing to drop
        text = rx.sub(r"(?<![A-Za-z0-9])\s+|\s+(?![A-Za-z0-9])", "", text)
    return text


def _cn_int(text: str) -> int | None:
    """Digits or Chinese numerals in a date (二〇二二, 九, 三十); numbers.py reads them all."""
    if text.isascii() and text.isdigit() and len(text) <= 18:
        return int(text)  # plain digits, well within what parse_number reads: the same value without Decimal
    value = parse_number(text)
    return int(value) if value is not None and value == value.to_integral_value() else None


# what DATE_LINE, _ISO_DATE and _ROC_DATE can start with besides a digit (str.isdigit covers \\d)
_DATE_START = frozenset("〇零一二三四五六七八九中")


def parse_date(text: str, roc: bool = False) -> dt.date | None:
    """A date standing alone (perhaps in brackets); `roc` also reads Taiwan's 民国 years (104.4.17 is 2015-04-17)."""
    first = text.lstrip()[:1]  # tidy keeps the first printing character: the test below, before tidying
    if first != "(" and not first.isdigit() and first not in _DATE_START:
        return None
    text = tidy(text)
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    if not text[:1].isdigit() and text[:1] not in _DATE_START:
        return None  # each pattern below opens with a digit, a Chinese numeral or 中华民国
    m = DATE_LINE.match(text)
    try:
        if roc and (r := rx.match(_ROC_DATE, text)):
            return dt.date(int(r.group(1)) + 1911, int(r.group(2)), int(r.group(3)))
        if m:
            y, mo, d = (_cn_int(m.group(k)) for k in ("y", "m", "d"))
            if y and mo and d:
                return dt.date(y, mo, d)
        m = _ISO_DATE.fullmatch(text)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return None


@dataclass
class MetaResult:
    fields: dict = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    front_end: int = 0  # head paragraphs [0, front_end) are the covering notice and title


def first_quoted(text: str) -> str | None:
    """The first 《…》 title in a line, brackets balanced: 《A》和《B》 gives A, 《X〈Y〉Z》 gives X〈Y〉Z."""
    start = text.find("《")
    if start < 0:
        return None
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "《":
            depth += 1
        elif text[i] == "》":
            depth -= 1
            if depth == 0:
                return text[start + 1:i] or None
    return None


def _title_key(s: str) -> str:
    """A title as `_same_title` compares it: tidied, one kind of inner brackets and of quotes."""
    # str.replace per mark: translate with a dict costs a lookup for every character of a long head line
    return (tidy(s).replace("〈", "《").replace("〉", "》").replace("<", "《").replace(">", "》")
            .replace("“", '"').replace("”", '"'))


def _same_title(a: str, b: str) -> bool:
    """The heading names the quoted plan: the same words, perhaps with its period added or left out."""
    return _same_key(_title_key(a), _title_key(b))


def _same_key(x: str, y: str) -> bool:
    if x == y:
        return True
    short, long = (x, y) if len(x) <= len(y) else (y, x)  # as sorted by length (stable)
    return long.startswith(short) and bool(rx.fullmatch(r"\((19|20)\d{2}[^()]{0,12}\)", long[len(short):]))


_DOC_KEYS = ("文件编号", "发文字号", "文号", "发文编号")
_DATE_KEYS = ("成文日期", "发布日期", "发文日期", "印发日期", "公布日期", "发布时间")
_ISSUER_KEYS = ("发布机关", "发文机关", "发布单位", "发布部门", "发文单位", "制定机关", "发布机构")


def _may_be_header_line(text: str) -> bool:
    """Whether `_HEADER_LINE` can match with a known key, without running its lazy tail over a long line.

    No key holds white space, ":" or "|", so a matching key ends at the line's first ":" or "|"
    after white space only; `str.rstrip` drops that white space (all `\\s` is, and more), leaving the key.
    """
    colon, bar = text.find(":"), text.find("|")
    end = colon if bar < 0 or 0 <= colon < bar else bar
    return end > 0 and text[:end].rstrip() in _HEADER_KEY_SET


def _header(head: list[Span], header_rows: list[list[str]], furniture: list[Span],
            index: LineIndex) -> tuple[dict[str, str], dict[str, int]]:
    """Fields a header states (a `索引号 | …` table, `发布日期:` lines, the furniture's field lines), and their lines."""
    header: dict[str, str] = {}
    where: dict[str, int] = {}
    for row in header_rows:  # 索引号 | value | 主题分类 | value: keys and values alternate along a row
        cells = [c for c in row if c.strip()]
        for key, value in zip(cells, cells[1:]):
            key = tidy(key).rstrip(":")
            if key in _HEADER_KEYS and key not in header and tidy(value).rstrip(":") not in _HEADER_KEYS:
                header[key] = value.strip()
    for span in head:
        if not _may_be_header_line(span.text):
            continue
        m = _HEADER_LINE.match(span.text)
        if m and m.group(2) and m.group(1) in _HEADER_KEY_SET:
            header[m.group(1)] = m.group(2).strip()
            where[m.group(1)] = index.line_of(span.start)
    for span in furniture:
        for key, value in _furniture.pairs_of(span.text):
            if key not in header:
                header[key] = value
                where[key] = index.line_of(span.start)
    return header, where


def _header_date(header: dict[str, str]) -> tuple[dt.date | None, str | None]:
    for key in _DATE_KEYS:
        if header.get(key) and (d := parse_date(header[key].split()[0])):
            return d, key
    return None, None


def _doc_number_in(text: str) -> str | None:
    """A document number standing on its own line, perhaps in brackets: (皖政办秘〔2021〕82号)."""
    text = text.strip("()[]【】")
    if "号" not in text:
        return None  # both forms end in 号
    m = _DOC_NO.fullmatch(text) or (_DOC_NO.match(text) if len(text) <= 30 else None)
    if m is None:  # a decree's number: 安徽省人民政府令第280号, 广东省人民代表大会常务委员会公告(第104号)
        m = rx.fullmatch(r"[\p{Han}]{2,30}(?:令|公告)\s*\(?第\s*\d{1,4}\s*号\)?", text)
    return tidy(m.group(0)).replace("(", "").replace(")", "") if m else None


def _adopting_body(org: str) -> str:
    """广东省第十三届人民代表大会常务委员会 → 广东省人民代表大会常务委员会: the body, not its term."""
    return rx.sub(r"第[\p{Han}\d]{1,6}届", "", org)


def _first_roc_date(text: str) -> dt.date | None:
    """A Taiwanese date (104.4.17) that opens a line the paragraph joiner ran into the next one."""
    m = rx.match(r"^(1\d{2})\.(\d{1,2})\.(\d{1,2})(?![\d.])", text)
    try:
        return dt.date(int(m.group(1)) + 1911, int(m.group(2)), int(m.group(3))) if m else None
    except ValueError:
        return None


def read_meta(head: list[Span], header_rows: list[list[str]], body_text: str, index: LineIndex,
              table_years: list[int] | None = None, tail: list[Span] | None = None,
              furniture: list[Span] | None = None, script: str = "simplified",
              body: list[Span] | None = None) -> MetaResult:
    """Metadata from the head (notice and title), the tail (signature, 版记), and furniture as a fallback."""
    res = MetaResult()
    f = res.fields
    texts = [tidy(s.text) for s in head]
    lines = [index.line_of(s.start) for s in head]
    tail = tail or []
    tail_texts = [tidy(span.text) for span in tail]
    roc = script == "traditional"

    def put(key: str, value, i: int | None) -> None:
        f[key] = value
        if i is not None and value is not None:
            res.lines[key] = lines[i]

    def put_tail(key: str, value, j: int) -> None:
        f[key] = value
        res.lines[key] = index.line_of(tail[j].start)

    header, header_lines = _header(head, header_rows, furniture or [], index)

    def from_header(field_key: str, header_key: str | None) -> None:
        if header_key in header_lines:
            res.lines[field_key] = header_lines[header_key]
    f["header"] = header
    title_key = next((k for k in ("标题", "名称", "文件名称") if header.get(k)), None)
    header_title = tidy(header[title_key]) if title_key else None

    # notice title: the fullest line that announces a notice
    notice_i, notice = None, None
    for i, text in enumerate(texts[:40]):
        candidate = text
        if not _is_notice(text) and "关于" in text and i + 1 < len(texts) and _is_notice(text + texts[i + 1]):
            candidate = text + texts[i + 1]  # a notice title wrapped over two lines
        if candidate.startswith("关于") and i > 0 and ORG_LINE.match(texts[i - 1]) and _is_notice(candidate):
            candidate = texts[i - 1] + candidate  # the issuer on a line above: 某某区人民政府 / 关于印发…的通知
        if _is_notice(candidate) and len(candidate) <= 160 and not candidate.startswith(("现将", "经", "根据")):
            if notice is None or len(candidate) > len(notice):
                notice_i, notice = i, candidate
    if notice is None and header_title and _NOTICE.search(header_title):
        notice = header_title
        from_header("notice_title", title_key)
    put("notice_title", notice, notice_i)

    # document number: a line of its own in the head, else a header field
    doc_no, doc_i = None, None
    for i, text in enumerate(texts[:30]):
        joined = text + texts[i + 1] if (i + 1 < len(texts) and "号" in texts[i + 1]
                                         and rx.fullmatch(r"\(?第\d{1,4}号\)?", texts[i + 1])) else text
        if (found := _doc_number_in(joined)) is not None:
            doc_no, doc_i = found, i
            break
    if doc_no is None:
        for key in _DOC_KEYS:
            if key in header and (m := _DOC_NO.search(header[key])):
                doc_no = tidy(m.group(0))
                from_header("doc_number", key)
                break
    put("doc_number", doc_no, doc_i)

    # issue date: a date standing alone in the head; a regulation's adoption; a speech's date line
    issued, date_i = None, None
    adopted_org, adopted_i = None, None
    for i, text in enumerate(texts):
        if (d := parse_date(text, roc)) is not None or (roc and i < 12 and (d := _first_roc_date(text))):
            issued, date_i = d, i
            break
    for i, text in enumerate(texts[:12]):
        if m := _adopted_or_decreed(text):
            adopted_org, adopted_i = _adopting_body(m.group("org")), i
            if issued is None:
                issued, date_i = parse_date(m.group("date")), i
            break
    speech_where = None
    for i, text in enumerate(texts[:12]):
        if "会议上" in text and (m := _SPEECH.match(text)):  # the literal every speech line holds
            speech_where = m.group("where")
            if issued is None:
                issued, date_i = parse_date(m.group("date")), i
            break
    put("issued", issued, date_i)
    # a notice whose body runs on signs it before its attachments: a body line and a date line
    signed = None
    if issued is None and body:
        body_texts = [tidy(span.text) for span in body]
        signed = next((k for k in range(1, len(body)) if ORG_LINE.match(body_texts[k - 1])
                       and parse_date(body_texts[k], roc) is not None), None)
        if signed is not None:
            issued = f["issued"] = parse_date(body_texts[signed], roc)
            res.lines["issued"] = index.line_of(body[signed].start)
    tail_date = None
    if issued is None:  # a plan without covering notice signs and dates at its end
        for j in range(len(tail_texts) - 1, -1, -1):
            if (d := parse_date(tail_texts[j], roc)) is not None:
                issued, tail_date = d, j
                put_tail("issued", d, j)
                break
    imprint = next(((j, m) for j, t in enumerate(tail_texts) if (m := _IMPRINT.match(t))), None)
    if issued is None and imprint is not None:
        issued = parse_date(imprint[1].group("date"))
        put_tail("issued", issued, imprint[0])
    if issued is None:  # the notice dates itself nowhere: a header's or the furniture's 发布日期
        issued, key = _header_date(header)
        f["issued"] = issued
        from_header("issued", key)

    # issuer: the signature above the date, the notice title before 关于, a 文件 header, the adopting body
    issuer, issuer_i = None, None
    if date_i is not None and date_i > 0 and ORG_LINE.match(texts[date_i - 1]):
        issuer, issuer_i = texts[date_i - 1], date_i - 1
    elif notice is not None and "关于" in notice and not notice.startswith("关于"):
        issuer, issuer_i = notice.split("关于")[0], notice_i
    elif adopted_org is not None:
        issuer, issuer_i = adopted_org, adopted_i
    else:
        for i, text in enumerate(texts[:10]):
            if text.endswith("文件") and ORG_LINE.match(text[:-2]):
                issuer, issuer_i = text[:-2], i
                break
    put("issuer", issuer, issuer_i)
    if issuer is None and signed is not None and body:
        issuer = f["issuer"] = tidy(body[signed - 1].text)
        res.lines["issuer"] = index.line_of(body[signed - 1].start)
    if issuer is None and tail_date is not None and tail_date > 0 and ORG_LINE.match(tail_texts[tail_date - 1]):
        issuer = tail_texts[tail_date - 1]
        put_tail("issuer", issuer, tail_date - 1)
    if issuer is None and imprint is not None:
        issuer = tidy(imprint[1].group("org"))
        put_tail("issuer", issuer, imprint[0])

    title, title_i, quoted = _read_title(texts, notice, notice_i)
    if title is None and header_title and not _NOTICE.search(header_title):
        title = header_title
        from_header("title", title_key)
    if title is None and notice is not None and not rx.search(r"印发|转发|批转|颁布", notice):
        title, title_i = notice, notice_i  # 关于推广…举措的通知: the notice is the document itself
    elif title is None and notice is not None and (m := rx.search(r"(?:印发|转发|批转|颁布)(.{4,80}?)的?(?:通知|函)$", notice)):
        title, title_i = m.group(1), notice_i  # the carried plan, named only in the notice title
    if title and title.startswith("《") and first_quoted(title) == title[1:-1]:
        title = title[1:-1]  # a heading printed as 《…纲要》: the name, without the marks
    put("title", title, title_i)
    res.front_end = _front_end(title_i, title, texts, date_i, notice_i)

    # recipients
    for i, text in enumerate(texts[: max(res.front_end, 12)]):
        if text.endswith(":") and ("," in text or "、" in text or text.startswith("各")) and len(text) < 120:
            put("recipients", text.rstrip(":"), i)
            break

    # region: the issuer's or title's place, else a place the title names, else the text's own place
    sources = [(issuer, res.lines.get("issuer")), (title, res.lines.get("title")),
               (notice, res.lines.get("notice_title")), (speech_where, None)]
    sources += [(header.get(k), None) for k in _ISSUER_KEYS]
    sources += [(t[:-2], lines[i]) for i, t in enumerate(texts[:5]) if t.endswith("文件")]
    located = [(c, line) for s, line in sources if s and (c := admin_chain(tidy(s)))]
    chains = [c for c, _ in located]
    if located and located[0][1]:
        res.lines["region"] = located[0][1]
    region = chains[0][-1] if chains else None
    if region is None and (title or notice):
        region = region_in_title(title or notice or "")
        if region and res.lines.get("title" if title else "notice_title"):
            res.lines["region"] = res.lines["title" if title else "notice_title"]
    if region is None and not (issuer and rx.search(_NATIONAL, issuer)):  # 国务院办公厅's notice is national
        region = region_in_text("\n".join(texts) + "\n" + body_text)
    parent = None
    for chain in chains:  # 某某市某某区人民政府办公室文件 names the city the issuer leaves out
        if region in chain and chain.index(region) >= 1:
            parent = chain[chain.index(region) - 1]
            break
    f["region"] = region
    f["parent_region"] = parent

    # a speech signed by its speaker (市长 XXX): the government of the place the speaker heads
    if f["issuer"] is None:
        for i, text in enumerate(texts[:15]):
            if not (m := rx.match(_SPEAKER, text)):
                continue
            place = (admin_chain(m.group("place"))[-1:] or [None])[0] if m.group("place") else region
            if place and place.endswith(_OFFICE_LEVEL[m.group("office")]):
                put("issuer", place + ("政府" if roc else "人民政府"), i)
                if region is None:
                    f["region"] = region = place
                break
    if f["issuer"] is None:
        for key in _ISSUER_KEYS[:-1]:  # 发布机构 alone is often a shortened name (知识产权局)
            if header.get(key):
                f["issuer"] = tidy(header[key])
                from_header("issuer", key)
                break

    period, source, line = _read_period(title, notice, quoted, res.lines, lines, texts, issued, body_text,
                                        table_years or [])
    if line:
        res.lines["period"] = line
    f["period"] = period
    f["period_source"] = source
    return res


def _read_title(texts: list[str], notice: str | None, notice_i: int | None) -> tuple[str | None, int | None, str | None]:
    """(plan title, its head index, the 《》 name the notice quotes): the quoted name found again as a heading."""
    quoted = None
    for i in ([notice_i] if notice_i is not None else []) + list(range(min(len(texts), 40))):
        text = notice if i == notice_i else texts[i]
        found = first_quoted(text or "")
        if found and (i == notice_i or rx.search(r"(现将|印发|已经|予以|转发)", text)):
            quoted = found
            break
    if quoted:
        wanted = _title_key(quoted)  # `_same_title(text, quoted)`, with the quoted side's key made once
        for i, text in enumerate(texts):
            if i == notice_i or text == notice:
                continue
            # Equal keys, or one a prefix of the other, start alike. A key starts with the text's first
            # printing character (tidy drops only white space), so a line starting otherwise matches
            # neither alone nor joined to the next: no keys to make.
            head = text.lstrip()[:1]
            if head and wanted and _title_key(head) != wanted[0]:
                continue
            if _same_key(_title_key(text), wanted):
                return text, i, quoted
            if i + 1 < len(texts) and _same_key(_title_key(text + texts[i + 1]), wanted):
                return text + texts[i + 1], i, quoted
        return tidy(quoted), None, quoted
    for i, text in enumerate(texts[:12]):
        if i == notice_i or DATE_LINE.match(text) or ORG_LINE.match(text) or text.endswith(":") \
                or text.startswith("附件") or read_label(text) is not None:
            continue  # an attachment list or a numbered line is not the plan's heading
        candidate = text
        if (i + 1 < len(texts) and not PLAN_TITLE.match(text) and len(text) <= 30
                and PLAN_TITLE.match(text + texts[i + 1])):
            candidate = text + texts[i + 1]
        bare = candidate[1:-1] if candidate.startswith("《") and first_quoted(candidate) == candidate[1:-1] else candidate
        if PLAN_TITLE.match(bare) and "。" not in candidate and not candidate.endswith(("。", ":")):
            return candidate, i, None
    return None, None, None


def _front_end(title_i: int | None, title: str | None, texts: list[str], date_i: int | None,
               notice_i: int | None) -> int:
    """Where the covering notice ends: after the title heading, else after the notice's signature/date."""
    if title_i is not None and title is not None:
        return title_i + (1 if title == texts[title_i] else 2)
    if date_i is not None:
        return date_i + 1
    if notice_i is not None:
        return notice_i + 1
    return 0


def _stated_period(text: str, whole: str | None) -> list[int] | None:
    """The years a title states: 2024年—2026年, 2023年工作要点, “十四五”规划."""
    if (m := _PERIOD.search(text)) and int(m.group(1)) <= int(m.group(2)):
        return [int(m.group(1)), int(m.group(2))]
    if m := _ONE_YEAR.search(text):
        return [int(m.group(1)), int(m.group(1))]
    source = whole if whole is not None else text
    # every form of _FIVE_YEAR ends in 规划: a text without it needs no 《》 removed
    if "规划" in source and (m := rx.search(_FIVE_YEAR, rx.sub(r"《[^《》]*》", "", source))):
        start = 2006 + 5 * (_FIVE_YEAR_N[m.group(1) or m.group(2)] - 11)
        return [start, start + 4]
    return None


def _read_period(title: str | None, notice: str | None, quoted: str | None, field_lines: dict[str, int],
                 lines: list[int], texts: list[str], issued: dt.date | None, body_text: str,
                 table_years: list[int]) -> tuple[list | None, str | None, int | None]:
    """(period, stated/inferred, line): what the title states, else issue year to the last target year."""
    for text, line in ((title, field_lines.get("title")), (notice, field_lines.get("notice_title")), (quoted, None)):
        if not text:
            continue
        period = _stated_period(text, (quoted or "") if text is notice else None)
        if period is None and text is title:
            years = {int(y) for y in rx.findall(_TITLE_YEAR, rx.sub(r"《[^《》]*》", "", text))}
            if len(years) == 1:  # 包头市2022年数字政府建设考评办法, 2024年政府工作报告
                period = [years.pop()] * 2
        if period is not None:
            if line:
                # a title joined from two lines: point at the one that holds the years
                first = lines.index(line) if line in lines else None
                if first is not None and first + 1 < len(texts) and str(period[0]) not in texts[first]:
                    line = lines[first + 1]
            return period, "stated", line
    if title and _REPORT.search(title) and issued is not None:
        return [issued.year, issued.year], "stated", field_lines.get("title")
    text = rx.sub(r"《[^《》]*》", "", body_text) if "《" in body_text else body_text  # the pattern needs a 《
    years = [int(y) for y in by_year(text)]
    if "十四五" in text and rx.search(r"“?十四五”?\s*(期末|末)", text):
        years.append(2025)
    years += table_years
    if issued is not None:
        years = [y for y in years if issued.year <= y <= issued.year + 15]
        return ([issued.year, max(years)], "inferred", None) if years else (None, None, None)
    years = [y for y in years if 2000 <= y <= 2100]
    return ([None, max(years)], "inferred", None) if years else (None, None, None)
