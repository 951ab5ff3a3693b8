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

from .labels import read_label
from .numbers import parse_number
from .span import LineIndex, Span

# a line that is only a date, or only an issuing body: the furniture of a notice (signature, seal)
DATE_LINE = regex.compile(r"^(?P<y>[\d〇零一二三四五六七八九]{4})\s*年\s*(?P<m>[\d〇零一二三四五六七八九十]{1,2})\s*月"
                      r"\s*(?P<d>[\d〇零一二三四五六七八九十]{1,3})\s*日(?:印发|发布|公布)?$")
_ISO_DATE = regex.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_DOC_NO = regex.compile(r"[\p{Han}]{1,14}[〔\[(【]\s*\d{4}\s*[〕\])】]\s*\d{1,4}\s*号")
_HEADER_KEYS = ("索引号", "文件编号", "发文字号", "文号", "发布机构", "发文机关", "公开类别", "发布时间", "发布日期",
                "成文日期", "主题分类", "公开方式", "有效性", "生效日期", "标题", "名称", "主题词", "信息来源")
_HEADER_LINE = regex.compile(r"^(" + "|".join(_HEADER_KEYS) + r")\s*[:|]\s*(.*?)\s*\|?$")
_NOTICE = regex.compile(r"(关于|印发|转发).{2,}(通知|批复|函)$")
ORG_LINE = regex.compile(r"^[\p{Han}()〔〕]{2,40}(政府|办公室|办公厅|委员会|局|厅|部|院|中心|小组|会|署|委|办)$")
# a line that names a plan or policy document (not the covering notice)
PLAN_TITLE = regex.compile(r"^[^。;]{4,80}(政策|措施|方案|意见|办法|计划|要点|规划|细则|规定|纲要|行动|报告|清单|决定)"
                           r"(\s*[(][^()]{2,24}[)])?$")
_PERIOD = regex.compile(r"(?<!\d)((?:19|20)\d{2})\s*年?\s*[-—–~至到]\s*((?:19|20)\d{2})\s*年?(?!\d)")
# a one-year plan: 2023年工作要点, 2024年徐汇区知识产权工作要点, 某区2024年度…工作计划 (no second year between)
_ONE_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(度)?[^\d。;,]{0,24}?(工作要点|工作计划|工作方案|要点|计划|行动计划|工作安排)$")
# a five-year plan named by its number: “十四五” is 2021-2025 (from the 11th plan on, 2006 + 5·(n-11))
_FIVE_YEAR = regex.compile(r"十([一二三四五六七八九])五”?[^《》。]{0,20}规划")
_FIVE_YEAR_N = {"一": 11, "二": 12, "三": 13, "四": 14, "五": 15, "六": 16, "七": 17, "八": 18, "九": 19}
# a horizon year: 到2025年, 至2025年 (截至 is a baseline's date, not a goal's)
BY_YEAR = regex.compile(r"(?<!截)(?:到|至)\s*((?:19|20)\d{2})\s*年")
_ADMIN_UNIT = regex.compile(r"[\p{Han}]{1,6}?(?:特别行政区|自治区|自治州|自治县|新区|地区|省|市|区|县|旗|盟)")


def tidy(text: str) -> str:
    """Drop spaces except between two ASCII letters or digits (PDF and web layouts insert them)."""
    text = regex.sub(r"(?<![A-Za-z0-9])\s+|\s+(?![A-Za-z0-9])", "", text.strip())
    return text


def _cn_int(text: str) -> int | None:
    """Digits or Chinese numerals in a date (二〇二二, 九, 三十); numbers.py reads them all."""
    value = parse_number(text)
    return int(value) if value is not None and value == value.to_integral_value() else None


def parse_date(text: str) -> dt.date | None:
    text = tidy(text)
    m = DATE_LINE.match(text)
    try:
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


def admin_chain(text: str) -> list[str]:
    """Administrative places that open a name: 上海市徐汇区人民政府 -> [上海市, 徐汇区]."""
    text = regex.sub(r"^(中共|中国共产党)", "", tidy(text))
    chain: list[str] = []
    at = 0
    while True:
        m = _ADMIN_UNIT.match(text, at)
        if not m:
            break
        chain.append(m.group(0))
        at = m.end()
    return chain


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


def _same_title(a: str, b: str) -> bool:
    """The heading names the quoted plan: the same words, perhaps with its period added or left out."""
    def key(s: str) -> str:
        return tidy(s).translate(str.maketrans("〈〉<>", "《》《》")).replace("“", '"').replace("”", '"')
    x, y = key(a), key(b)
    if x == y:
        return True
    short, long = sorted((x, y), key=len)
    return long.startswith(short) and bool(regex.fullmatch(r"\((19|20)\d{2}[^()]{0,12}\)", long[len(short):]))


def read_meta(head: list[Span], header_rows: list[list[str]], body_text: str, index: LineIndex,
              table_years: list[int] | None = None, tail: list[Span] | None = None) -> MetaResult:
    res = MetaResult()
    f = res.fields
    texts = [tidy(s.text) for s in head]
    lines = [index.line_of(s.start) for s in head]

    def put(key: str, value, i: int | None) -> None:
        f[key] = value
        if i is not None and value is not None:
            res.lines[key] = lines[i]

    header: dict[str, str] = {}
    for row in header_rows:
        cells = [c for c in row if c.strip()]
        if len(cells) >= 2 and tidy(cells[0]) in _HEADER_KEYS:
            header[tidy(cells[0])] = cells[1].strip()
    for i, text in enumerate(texts):
        m = _HEADER_LINE.match(head[i].text)
        if m and m.group(2):
            header[m.group(1)] = m.group(2).strip()
    f["header"] = header

    # notice title: the fullest line that announces a notice
    notice_i, notice = None, None
    for i, text in enumerate(texts[:40]):
        candidate = text
        if not _NOTICE.search(text) and "关于" in text and i + 1 < len(texts) and _NOTICE.search(text + texts[i + 1]):
            candidate = text + texts[i + 1]  # a notice title wrapped over two lines
        if _NOTICE.search(candidate) and len(candidate) <= 160 and not candidate.startswith(("现将", "经", "根据")):
            if notice is None or len(candidate) > len(notice):
                notice_i, notice = i, candidate
    put("notice_title", notice, notice_i)

    # document number
    doc_no = None
    for key in ("文件编号", "发文字号", "文号"):
        if key in header and _DOC_NO.search(header[key]):
            doc_no = tidy(_DOC_NO.search(header[key]).group(0))
    doc_i = None
    if doc_no is None:
        for i, text in enumerate(texts[:30]):
            m = _DOC_NO.fullmatch(text) or (_DOC_NO.match(text) if len(text) <= 30 else None)
            if m:
                doc_no, doc_i = tidy(m.group(0)), i
                break
    put("doc_number", doc_no, doc_i)

    # issue date: the first date standing alone in the head, else a header field
    date_i = None
    issued = None
    for i, text in enumerate(texts):
        if (d := parse_date(text)) is not None:
            issued, date_i = d, i
            break
    if issued is None:
        for key in ("成文日期", "发布时间", "发布日期"):
            if key in header and (d := parse_date(header[key].split()[0] if header[key] else "")):
                issued = d
                break
    tail_texts = [tidy(span.text) for span in tail or []]
    tail_date = None
    if issued is None:  # a plan without covering notice signs and dates at its end
        for j in range(len(tail_texts) - 1, -1, -1):
            if (d := parse_date(tail_texts[j])) is not None:
                issued, tail_date = d, j
                res.lines["issued"] = index.line_of(tail[j].start)
                break
    put("issued", issued, date_i)

    # issuer: the signature above the date, else the notice title before 关于, else a 文件 header
    issuer, issuer_i = None, None
    if date_i is not None and date_i > 0 and ORG_LINE.match(texts[date_i - 1]):
        issuer, issuer_i = texts[date_i - 1], date_i - 1
    elif notice is not None and "关于" in notice and not notice.startswith("关于"):
        issuer, issuer_i = notice.split("关于")[0], notice_i
    else:
        for i, text in enumerate(texts[:10]):
            if text.endswith("文件") and ORG_LINE.match(text[:-2]):
                issuer, issuer_i = text[:-2], i
                break
    if issuer is None and tail_date is not None and tail_date > 0 and ORG_LINE.match(tail_texts[tail_date - 1]):
        issuer = tail_texts[tail_date - 1]
        res.lines["issuer"] = index.line_of(tail[tail_date - 1].start)
    put("issuer", issuer, issuer_i)

    # plan title: the 《》-quoted name of the notice or covering letter, found again as a heading
    quoted = None
    for i in ([notice_i] if notice_i is not None else []) + list(range(min(len(texts), 40))):
        text = notice if i == notice_i else texts[i]
        found = first_quoted(text)
        if found and (i == notice_i or regex.search(r"(现将|印发|已经|予以|转发)", text)):
            quoted = found
            break
    title, title_i, title_end = None, None, None
    if quoted:
        for i, text in enumerate(texts):
            if i == notice_i or text == notice:
                continue
            if _same_title(text, quoted):
                title, title_i, title_end = text, i, i + 1
                break
            if i + 1 < len(texts) and _same_title(text + texts[i + 1], quoted):
                title, title_i, title_end = text + texts[i + 1], i, i + 2
                break
        if title is None:
            title = tidy(quoted)
    else:
        for i, text in enumerate(texts[:12]):
            if i == notice_i or DATE_LINE.match(text) or ORG_LINE.match(text) or text.endswith(":") \
                    or text.startswith("附件") or read_label(text) is not None:
                continue  # an attachment list or a numbered line is not the plan's heading
            candidate = text
            if (i + 1 < len(texts) and not PLAN_TITLE.match(text) and len(text) <= 30
                    and PLAN_TITLE.match(text + texts[i + 1])):
                candidate = text + texts[i + 1]
            if PLAN_TITLE.match(candidate) and "。" not in candidate and not candidate.endswith(("。", ":")):
                title, title_i = candidate, i
                title_end = i + (2 if candidate != text else 1)
                break
    put("title", title, title_i)

    # where the covering notice ends: after the title heading, else after the notice's signature/date
    if title_end is not None:
        res.front_end = title_end
    elif date_i is not None:
        res.front_end = date_i + 1
    elif notice_i is not None:
        res.front_end = notice_i + 1

    # recipients
    for i, text in enumerate(texts[: max(res.front_end, 12)]):
        if text.endswith(":") and ("," in text or "、" in text or text.startswith("各")) and len(text) < 120:
            put("recipients", text.rstrip(":"), i)
            break

    # region
    sources = [(issuer, res.lines.get("issuer")), (title, res.lines.get("title")),
               (notice, res.lines.get("notice_title")), (header.get("发布机构"), None)]
    sources += [(t[:-2], lines[i]) for i, t in enumerate(texts[:5]) if t.endswith("文件")]
    located = [(c, line) for s, line in sources if s and (c := admin_chain(s))]
    chains = [c for c, _ in located]
    if located and located[0][1]:
        res.lines["region"] = located[0][1]
    region = chains[0][-1] if chains else None
    parent = None
    for chain in chains:  # 某某市某某区人民政府办公室文件 names the city the issuer leaves out
        if region in chain and chain.index(region) >= 1:
            parent = chain[chain.index(region) - 1]
            break
    f["region"] = region
    f["parent_region"] = parent

    # period: stated in the title or notice title, else inferred from issue year to the last target year
    period, source = None, None
    for text, line in ((title, res.lines.get("title")), (notice, res.lines.get("notice_title")), (quoted, None)):
        if not text:
            continue
        if (m := _PERIOD.search(text)) and int(m.group(1)) <= int(m.group(2)):
            period, source = [int(m.group(1)), int(m.group(2))], "stated"
        elif m := _ONE_YEAR.search(text):
            period, source = [int(m.group(1)), int(m.group(1))], "stated"
        elif m := _FIVE_YEAR.search(regex.sub(r"《[^《》]*》", "", text if text is not notice else quoted or "")):
            start = 2006 + 5 * (_FIVE_YEAR_N[m.group(1)] - 11)
            period, source = [start, start + 4], "stated"
        if period is not None:
            if line:
                # a title joined from two lines: point at the one that holds the years
                first = lines.index(line) if line in lines else None
                if first is not None and first + 1 < len(texts) and str(period[0]) not in texts[first]:
                    line = lines[first + 1]
                res.lines["period"] = line
            break
    if period is None and issued is not None:
        text = regex.sub(r"《[^《》]*》", "", body_text)
        years = [int(y) for y in BY_YEAR.findall(text)]
        if "十四五" in text and regex.search(r"“?十四五”?\s*(期末|末)", text):
            years.append(2025)
        years += table_years or []
        years = [y for y in years if issued.year <= y <= issued.year + 15]
        if years:
            period, source = [issued.year, max(years)], "inferred"
    f["period"] = period
    f["period_source"] = source
    return res
