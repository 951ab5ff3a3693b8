"""The front stages' fast paths agree with the plain loops they replace.

Reading, normalising and the unit grammar skip work with C-level checks (a character
that must be present, a translate over the whole text, a scan of bracket characters
only). Each test here keeps the straightforward version as the reference and compares
the two on tricky inputs: brackets left open or closed twice, separators inside
brackets, trailing newlines that `$` treats specially, markup and wide spaces.
"""
from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from ipplan.parse import rx
from ipplan.parse.brackets import groups as bracket_groups
from ipplan.parse.units import _agencies, _clauses, _top_groups, split_names, unit_like

# characters the unit grammar and the normaliser treat specially, plus some ordinary ones
_ALPHABET = "()〔〕[]【】《》“”、,;。.:: \n\t\u3000\u00a0\u200b局委办市区县等执行银行第一号#*_<>brｂ１（）"
_TEXTS = st.text(alphabet=_ALPHABET, max_size=40)


def _split_names_reference(text: str) -> list[tuple[str, int]]:
    """split_names as a loop over every character (the code before the fast path)."""
    collective = regex.compile(r"^(各|有关|相关|所在)?[区县市旗镇乡]$")
    government = regex.compile(r"^[区县市旗镇乡](\([^()]*\))?(人民)?政府")
    names: list[tuple[str, int]] = []
    depth = 0
    begin = 0
    joined_by_dunhao: list[bool] = []
    for i, ch in enumerate(text + "、"):
        if ch in "(〔[【":
            depth += 1
        elif ch in ")〕]】":
            depth = max(0, depth - 1)
        elif ch in "、,;" and depth == 0:
            piece = text[begin:i]
            stripped = piece.strip(" \n\t。.")
            stripped = rx.sub(r"(?<=\p{Han}{2})等(部门|单位|机构|相关部门|有关部门)?$", "", stripped)
            stripped = rx.sub(r"(?<=\p{Han})\s+(?=\p{Han})", "", stripped)
            if stripped:
                at = begin + (len(piece) - len(piece.lstrip(" \n\t。.")))
                if names and joined_by_dunhao[-1] and collective.match(names[-1][0]) and government.match(stripped):
                    names[-1] = (names[-1][0] + "、" + stripped, names[-1][1])
                else:
                    names.append((stripped, at))
                joined_by_dunhao.append(ch == "、")
            begin = i + 1
    return names


def _clauses_reference(inner: str) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    depth = 0
    begin = 0
    for i, ch in enumerate(inner + "。"):
        if ch in "(〔[【《“":
            depth += 1
        elif ch in ")〕]】》”":
            depth = max(0, depth - 1)
        elif ch in ",;。" and depth == 0:
            out.append((inner[begin:i], begin))
            begin = i + 1
    return out


def _alternation(words: list[str]) -> str:
    return "|".join(map(regex.escape, sorted(words, key=len, reverse=True)))


def _unit_like_reference(name: str) -> bool:
    """unit_like with the anchored alternations it had before `str.endswith`."""
    data = _agencies()
    suffix_re = regex.compile(rf"(?:{_alternation(data['suffixes'])})$")
    not_unit_re = regex.compile(rf"(?:{_alternation(data.get('not_unit_endings', []) or ['(?!)'])})$")
    bare = rx.sub(r"[(〔][^()〔〕]*[)〕]$", "", name)
    if not 2 <= len(bare) <= 30 or rx.search(r"[,。;:\d%]", bare):
        return False
    if not_unit_re.search(bare):
        return False
    return bool(suffix_re.search(bare))


TRICKY = [
    "", "(", ")", ")(", "((a)", "(a))b(c", "【甲】(乙)【", "市科技局、市财政局(牵头)", "各区、市政府",
    "各市、县(区)人民政府", "市局 \n", "甲局\n(乙)\n", "甲局(乙)", "甲局〔乙〕\n", "市政府等部门", "执行\n",
    "市 财政 局", "a\u3000 b局", "银行\n\n", "局\n", "(a,b);c、d", "《a,b》,c", "“a;b”;c", "[a、b]、c",
]


def test_bracket_groups_match_the_loop():
    for text in TRICKY:
        for opener, closer in (("(", ")"), ("【", "】")):
            assert _top_groups(text, opener, closer) == bracket_groups(text, opener, closer), text


def test_splitting_matches_the_loops():
    for text in TRICKY:
        assert split_names(text) == _split_names_reference(text), text
        assert _clauses(text) == _clauses_reference(text), text


def test_unit_like_matches_the_patterns():
    for text in TRICKY + ["市科技局", "有关单位", "市场监管局(知识产权局)", "按规定执行", "平台", "1局", "区"]:
        assert unit_like(text) == _unit_like_reference(text), text


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_unit_helpers_agree_on_random_text(text):
    for opener, closer in (("(", ")"), ("【", "】")):
        assert _top_groups(text, opener, closer) == bracket_groups(text, opener, closer)
    assert split_names(text) == _split_names_reference(text)
    assert _clauses(text) == _clauses_reference(text)
    assert unit_like(text) == _unit_like_reference(text)


# ---- normalise: whole-text folding, whole-text markup/gap checks, markdown lines without the char loop

import importlib  # noqa: E402

from ipplan.parse.span import Span  # noqa: E402

N = importlib.import_module("ipplan.parse.normalise")  # the package re-exports the function of that name


def _slow_line_reference(line: str, positions: list[int]) -> Span:
    """The character loop every markup or gap line went through before `_marked_line`."""
    chars: list[str] = []
    pos: list[int] = []
    gaps: set[int] = set()
    if len(N._GAP.findall(line)) >= 2 and "。" not in line:
        cells = N._GAP.split(line.strip())
        if all(len(cell) <= 40 for cell in cells):
            gaps = {m.start() for m in N._GAP.finditer(line)}
    heading = N._MD_HEADING.match(line)
    skip_to = heading.end() if heading else 0
    markup = {i for m in N._BR.finditer(line) for i in range(m.start(), m.end())}
    i = 0
    n = len(line)
    while i < n:
        ch = line[i]
        if i < skip_to or i in markup:
            i += 1
            continue
        if ch in "*_" and i + 1 < n and line[i + 1] == ch:
            i += 2
            continue
        if i in gaps:
            chars.append("\t")
            pos.append(positions[i])
            while i < n and line[i] in N._SPACES:
                i += 1
            continue
        folded = ch.translate(N._TABLE)
        if folded == " " and (not chars or chars[-1] in " \t"):
            i += 1
            continue
        chars.append(folded)
        pos.append(positions[i])
        i += 1
    return Span("".join(chars), tuple(pos)).strip(" ")


def _normalise_reference(text: str, script: str) -> list[Span]:
    """normalise() line by line as before: translate per line, the markup/gap test per line."""
    lines = []
    offset = 0
    raw_lines = text.split("\n")
    targets = raw_lines
    if script == "traditional":
        targets = N._t2s().convert(text).split("\n")
        if len(targets) != len(raw_lines):
            targets = [N._t2s().convert(line) for line in raw_lines]
    for raw_line, target in zip(raw_lines, targets):
        converted, positions = N._convert_line(raw_line, offset, target)
        positions = list(positions)
        if not frozenset("#<*_").intersection(converted) and not N._GAP.search(converted):
            folded = converted.translate(N._TABLE)
            # the plain line: fold, squeeze inner space runs, strip
            chars: list[str] = []
            pos: list[int] = []
            for ch, p in zip(folded, positions):
                if ch == " " and (not chars or chars[-1] in " \t"):
                    continue
                chars.append(ch)
                pos.append(p)
            span = Span("".join(chars), tuple(pos)).strip(" ")
        else:
            span = _slow_line_reference(converted, positions)
        lines.append(span)
        offset += len(raw_line) + 1
    return lines


_NORM_ALPHABET = ("#*_<>/br ｂｒ\t\n\u3000\u00a0\u2002\u200b\ufeff　（）：，；％。、“”12ab局市知識產權國"
                  "\ufe52\u2024\uff61\uff64\u2236\ufe55\ufe50\ufe51\ufe54")
NORM_TRICKY = [
    "", "\n\n", "## 一、总体要求", "## **五、加强**", "### **（八）完善**  ", "**a** __b__ ***c***", "*_*__",
    "# a  b", "  #  标题", "a<br>b<br/>c", "a <BR /> b", "甲  乙  丙", "甲\u3000\u3000乙\u3000\u3000丙", "甲  乙。丙  丁",
    "x" * 50 + "  y  z", "\t a \t b", " \u3000 a", "a\u200b  b", "１２３，４５６％（注）", "##\u3000标题**", "__init__",
    "加強知識產權保護，推進專利轉化運用。\n國家  知識產權局", "\ufe52\u2024\uff61\uff64\u2236\ufe55\ufe50\ufe51\ufe54",
]


def test_fold_is_the_table():
    for text in NORM_TRICKY + [_NORM_ALPHABET, "".join(map(chr, range(0xFF00, 0xFF70)))]:
        assert N.fold(text) == text.translate(N._TABLE)
    for ch in _NORM_ALPHABET + "".join(map(chr, range(0xFF00, 0xFF70))):
        assert N._fold_char(ch) == ch.translate(N._TABLE)


def test_normalise_matches_the_line_loop():
    for text in NORM_TRICKY:
        for script in ("simplified", "traditional"):
            assert N.normalise(text, script).lines == _normalise_reference(text, script), (text, script)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_NORM_ALPHABET, max_size=60))
def test_normalise_agrees_on_random_text(text):
    assert N.fold(text) == text.translate(N._TABLE)
    assert N.normalise(text, "simplified").lines == _normalise_reference(text, "simplified")
    for line in text.split("\n"):
        positions = list(range(len(line)))
        assert N._slow_line(line, positions) == _slow_line_reference(line, positions), line
        assert N._normalise_line(line, positions) == _normalise_reference(line, "simplified")[0], line


def _detect_reference(text: str) -> str:
    present = N._traditional_chars().intersection(text)
    if sum(text.count(ch) for ch in present) < 3:
        return "simplified"
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not han:
        return "simplified"
    sample = "".join(han[:20000])
    converted = N._t2s().convert(sample)
    if len(converted) != len(sample):
        changed = abs(len(converted) - len(sample)) + sum(a != b for a, b in zip(sample, converted))
    else:
        changed = sum(a != b for a, b in zip(sample, converted))
    return "traditional" if changed >= 3 and changed / len(sample) > 0.01 else "simplified"


def test_detect_script_matches_the_full_count():
    trad = "加強知識產權保護推進專利轉化運用國家"
    simp = "加强知识产权保护推进专利转化运用国家" * 20
    cases = ["", trad, simp, simp + trad[:2], simp + trad[:4], "乾隆" * 3 + simp, simp * 20 + trad[:6],
             simp * 3 + trad * 2, "a,b" + trad, "\U00020000" * 5 + simp]
    for n in range(0, 12):  # around the 1 % threshold
        cases.append(simp * 5 + trad[:n])
    for text in cases:
        assert N.detect_script(text) == _detect_reference(text), text


def test_detect_script_prefix_decides_as_the_whole_sample():
    """The 256- and 1,024-character prefixes decide only when the whole sample would: texts long
    enough to take those paths (and some only long enough for the first), traditional characters at rates around the 1 % threshold, spread over the
    text or gathered at its start or end, with ASCII and punctuation between the Han runs."""
    import random

    trad = "加強知識產權保護推進專利轉化運用國家質押融資體系機構發展"
    simp = "加强知识产权保护推进专利转化运用国家质押融资体系机构发展"
    rng = random.Random(20261201)
    taken = 0
    for case in range(200):
        size = rng.choice([340, 400, 700, 1100, 1500, 3000, 6000, 21000])
        rate = rng.choice([0.0, 0.002, 0.008, 0.01, 0.012, 0.02, 0.05, 0.3, 1.0])
        where = rng.choice(["spread", "start", "end"])
        chars = []
        for i in range(size):
            k = rng.randrange(len(simp))
            near = {"spread": True, "start": i < size * 0.1, "end": i > size * 0.9}[where]
            chars.append(trad[k] if near and rng.random() < rate * (1 if where == "spread" else 10) else simp[k])
            if rng.random() < 0.08:
                chars.append(rng.choice(["，", "。", "2025年", " ", "\n", "(一)", "abc"]))
        text = "".join(chars)
        taken += len("".join(N._HAN_RUN.findall(text, 0, 2 * 320))) >= 320
        assert N.detect_script(text) == _detect_reference(text), (case, size, rate, where)
    assert taken > 120  # most cases are long enough for the first prefix


# ---- read: control characters counted by a pattern, page breaks handled only where there are some

from ipplan.parse import read as R  # noqa: E402
from ipplan.parse.readers.sniff import looks_like_html  # noqa: E402


def _looks_binary_reference(text: str) -> bool:
    sample = text[:4000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls > max(3, len(sample) // 100)


def _newlines_reference(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = rx.sub(R._PAGE_BREAK, "", text)
    return text.replace("\f", "\n").replace("\v", "\n")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="\x00\x01\x07\x08\t\n\x0b\x0c\r\x0e\x1b\x1f \x7f\ufeffab局<", max_size=80))
def test_read_helpers_agree_on_random_text(text):
    assert R._looks_binary(text) == _looks_binary_reference(text)
    assert R.normalise_newlines(text) == _newlines_reference(text)


def test_html_precheck_needs_no_angle_bracket():
    assert not looks_like_html("纯文本".encode("utf-8"))
    assert looks_like_html(b"<html><body>x</body></html>")
    assert looks_like_html("<!doctype html><p>x".encode("utf-16"))  # a BOM, then UTF-16


# ---- segment: boilerplate lists matched as one alternation, prechecks before the line patterns

S = importlib.import_module("ipplan.parse.segment")

SEG_TRICKY = ["---", "- - -", "***", "___", "———", "|---|---|", "| :--- | ---: |", ":--", " ---", "\t---", "- 3 -",
              "— 12 —", "–7–", "第 3 页", "第3页/共10页", "IV", "XLC", "目录", "一、总体要求 ...... 3", "二、目标……5",
              "三、任务···7", "四、保障---- 9", "五 .. 11", "分享:", "分享到: 微信", "字号: 大 中 小", "【打印】【关闭】",
              "打印本页", "来源: 市政府", "责任编辑: 张三", "扫一扫在手机打开", "抄送: 市委", "联系电话: 123",
              "2024年1月1日印发", "(此件公开发布)", "本方案自发布之日起施行。", "特此通知。", "普通的一行文字。", "3",
              "分享\n", "IV\n", "--- \n", "正文"]


def test_boilerplate_alternation_matches_the_list():
    for key in ("web_chrome", "closing"):
        for text in SEG_TRICKY:
            assert S._any_line(key, text) == any(p.match(text) for p in S._boilerplate()[key]), (key, text)


def test_whole_line_matcher_with_and_without_alternation():
    from ipplan.parse.furniture import whole_line_matcher

    lists = [["(a)\\1", "b+"], ["(?i)abc", "x"], ["(?P<k>a)b", "c"], ["a|b", "c.*"], ["【?打印】?", "分享\\s*[:：]?"], []]
    texts = ["aa", "bbb", "ABC", "abc", "x", "ab", "c", "cde", "a", "打印", "【打印】", "分享:", "", "a\n"]
    for patterns in lists:
        match = whole_line_matcher(patterns)
        truthy = whole_line_matcher(patterns, truthy=True)
        compiled = [regex.compile(rf"^(?:{p})$") for p in patterns]
        for text in texts:
            assert match(text) == any(p.match(text) for p in compiled), (patterns, text)
            assert bool(truthy(text)) == match(text), (patterns, text)


def test_line_prechecks_never_skip_a_match():
    for text in SEG_TRICKY:
        if any(p.match(text) for p in (S._SEPARATOR, S._MD_TABLE_RULE, S._PAGE_FOOTER, S._ROMAN)):
            assert S._may_be_rule_or_number(text[0]), text
        if rx.search(S._TOC_LEADER, text):
            assert S._may_lead(text), text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="-=*_—|:–第页IVXLC .·…\t0123\n一目录分享打印", min_size=1, max_size=30))
def test_segment_prechecks_on_random_lines(text):
    if any(p.match(text) for p in (S._SEPARATOR, S._MD_TABLE_RULE, S._PAGE_FOOTER, S._ROMAN)):
        assert S._may_be_rule_or_number(text[0])
    if rx.search(S._TOC_LEADER, text):
        assert S._may_lead(text)
    for key in ("web_chrome", "closing"):
        assert S._any_line(key, text) == any(p.match(text) for p in S._boilerplate()[key])


def test_gb2312_traditional_is_the_data():
    """The 16 traditional characters GB2312 encodes, as `_holds_traditional` assumes (regenerate after OpenCC)."""
    trad = N._traditional_chars()
    readable = "".join(sorted(trad)).encode("gb2312", "replace").decode("gb2312")
    assert set(N._GB2312_TRADITIONAL) == trad.intersection(readable)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="加強知識產權国家於後乾麽—\u2003&#;0123\U00020000\U0002005ea \xff\u2002\u00a0\u2022\u00b7\ufeff",
               max_size=40),
       st.integers(min_value=0, max_value=5))
def test_traditional_count_agrees(text, need):
    trad = N._traditional_chars()
    assert N._holds_traditional(text, need) == (sum(text.count(ch) for ch in trad.intersection(text)) >= need)
    assert N.detect_script(text) == _detect_reference(text)


def test_dropped_characters_are_never_traditional():
    """`_holds_traditional` drops these before encoding: none may be a traditional character or one GB2312 encodes."""
    trad = N._traditional_chars()
    for ch in N._NOT_GB2312:
        assert ch not in trad
        assert ch.encode("gb2312", "replace") == b"?"
    assert not any(N._TRADITIONAL_MARK in ch.encode("gb2312", "ignore") for ch in map(chr, range(0x10000)))


def test_offsets_are_their_indices():
    for n in (0, 1, 5000, 9000, N._POOLED_OFFSETS + 1):
        offsets = N._offsets(n)
        assert len(offsets) >= n and offsets[:n] == tuple(range(n))


def test_traditional_count_across_chunks():
    simp = "加强知识产权保护—\u2003" * 300  # longer than many chunks, with characters GB2312 lacks
    assert "\U0002005e" in N._traditional_chars()
    for tail in ("", "權", "權產", "權產識", "於後", "\U0002005e權產", "&#27402;權產", "\u2003權—產\u00a0識"):
        for need in (1, 2, 3):
            text = simp + tail
            expected = sum(text.count(ch) for ch in N._traditional_chars().intersection(text)) >= need
            assert N._holds_traditional(text, need) == expected, (tail, need)


# ---- meta: prechecks before patterns, plain digits without Decimal

M = importlib.import_module("ipplan.parse.meta")


def _tidy_reference(text: str) -> str:
    return rx.sub(r"(?<![A-Za-z0-9])\s+|\s+(?![A-Za-z0-9])", "", text.strip())


def _parse_date_reference(text: str, roc: bool = False):
    import datetime as dt

    from ipplan.parse.numbers import parse_number

    def cn_int(t):
        value = parse_number(t)
        return int(value) if value is not None and value == value.to_integral_value() else None

    text = _tidy_reference(text)
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    m = M.DATE_LINE.match(text)
    try:
        if roc and (r := rx.match(M._ROC_DATE, text)):
            return dt.date(int(r.group(1)) + 1911, int(r.group(2)), int(r.group(3)))
        if m:
            y, mo, d = (cn_int(m.group(k)) for k in ("y", "m", "d"))
            if y and mo and d:
                return dt.date(y, mo, d)
        m = M._ISO_DATE.fullmatch(text)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return None


DATE_TRICKY = ["2024年1月2日", "二〇二四年一月二日", "二〇二四年十二月三十一日印发", "(2024年1月2日)", "2024-01-02", "2024.1.2",
               "中华民国104年4月17日", "104.4.17", "104年4月17日", "2024年13月2日", "0000年0月0日", " 2024 年 1 月 2 日 ",
               "2024年1月2日\n", "x2024年1月2日", "", "()", "九", "2O24年1月2日", "٢٠٢٤年1月2日", "２０２４年１月２日",
               "2024年01月02日", "00002024-1-2", "2024/1/2日", "年月日"]


def test_meta_helpers_match_the_patterns():
    for text in DATE_TRICKY:
        assert M.tidy(text) == _tidy_reference(text), text
        for roc in (False, True):
            assert M.parse_date(text, roc) == _parse_date_reference(text, roc), (text, roc)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789〇零一二三四五六七八九十年月日-./()中华民国印发 \t\u3000a٢", max_size=24), st.booleans())
def test_meta_helpers_on_random_text(text, roc):
    assert M.tidy(text) == _tidy_reference(text)
    assert M.parse_date(text, roc) == _parse_date_reference(text, roc)
    for other in (text, text + "(2024年)", text.replace(" ", ""), "〈" + text + "〉", "<" + text + ">"):
        assert M._same_title(text, other) == _same_title_reference(text, other)


def _same_title_reference(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return _tidy_reference(s).translate(str.maketrans("〈〉<>", "《》《》")).replace("“", '"').replace("”", '"')
    x, y = key(a), key(b)
    if x == y:
        return True
    short, long = sorted((x, y), key=len)
    return long.startswith(short) and bool(rx.fullmatch(r"\((19|20)\d{2}[^()]{0,12}\)", long[len(short):]))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="牵头配合负责落实按职责分工等具体由请交由责成各区县市政府人民()\n 局", max_size=20))
def test_unit_prechecks_never_skip_a_match(text):
    """The checks before the verb, leading-verb and collective patterns are necessary conditions of a match."""
    from ipplan.parse.units import _COLLECTIVE, _LEADING_VERB, _ends_with

    data = _agencies()
    if data["_verb_re"].search(text):
        assert _ends_with(text, data["_verbs"])
    if _LEADING_VERB.search(text):
        assert "由" in text or "请" in text or "责成" in text
    if _COLLECTIVE.match(text):
        assert len(text) <= 4


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="-—–0123 \t\n页第a【】标题文号:：发布日期 ", max_size=20))
def test_segment_and_furniture_prechecks(text):
    from ipplan.parse import furniture

    if S._PAGE_NO.match(text):
        assert S._may_be_page_no(text)
    data = furniture._data()
    if data["field"].match(text) or data["bracketed"].match(text) or rx.match(r"^\s*((?:\p{Han}\s+){1,4}\p{Han})\s*([:：].*)$", text):
        assert ":" in text or "：" in text or "【" in text


def _best_unit_reference(text: str, at: int):
    from ipplan.parse.region import _ADMIN_UNIT, places

    data = places()
    for size in range(min(12, len(text) - at), 1, -1):
        if text[at:at + size] in data["known"]:
            return text[at:at + size]
    m = _ADMIN_UNIT.match(text, at)
    return m.group(0) if m else None


def test_region_and_meta_prechecks():
    from ipplan.parse.region import _best_unit, places

    names = sorted(places()["known"])[:400] + ["上海市徐汇区人民政府", "山东省科学技术厅", "某某区", "市"]
    for name in names:
        for text in (name, name + "人民政府", "中共" + name, name[:-1], name + name):
            for at in range(0, min(len(text), 4)):
                assert _best_unit(text, at) == _best_unit_reference(text, at), (text, at)
    for text in ("关于印发某某方案的通知", "某某的通知\n", "通知", "关于通知函", "转发批复", "关于x的函。", "印发", ""):
        assert M._is_notice(text) == bool(M._NOTICE.search(text)), text
    for text in ("皖政办秘〔2021〕82号", "(安徽省人民政府令第280号)", "公告(第104号)", "2021年", "号"):
        assert M._doc_number_in(text) == _doc_number_reference(text), text


def _doc_number_reference(text: str):
    text = text.strip("()[]【】")
    m = M._DOC_NO.fullmatch(text) or (M._DOC_NO.match(text) if len(text) <= 30 else None)
    if m is None:
        m = rx.fullmatch(r"[\p{Han}]{2,30}(?:令|公告)\s*\(?第\s*\d{1,4}\s*号\)?", text)
    return M.tidy(m.group(0)).replace("(", "").replace(")", "") if m else None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="关于印发转发通知批复函号令公告第〔〕()2021\n某", max_size=16))
def test_meta_notice_and_number_on_random_text(text):
    assert M._is_notice(text) == bool(M._NOTICE.search(text))
    assert M._doc_number_in(text) == _doc_number_reference(text)


def _field_patterns_reference():
    import json
    from importlib import resources

    raw = json.loads(resources.files("ipplan.data").joinpath("furniture.json").read_text("utf-8"))
    keys = sorted(list(raw["field_keys"]) + list(raw.get("aliases", {})), key=len, reverse=True)
    field = regex.compile(r"^\s*[-*]?\s*(?:\*\*)?(" + "|".join(map(regex.escape, keys)) + r")(?:\*\*)?\s*[:：]\s*(.*?)\s*$")
    bracketed = regex.compile(r"^\s*【(" + "|".join(map(regex.escape, keys)) + r")】\s*[:：]?\s*(.*?)\s*$")
    return field, bracketed


FIELD_TRICKY = ["标题: x", "标题:x", "**标题**: x", "- 标题: x", "* 标题:x", "-*标题:x", "--标题:x", " -  **标题** ：x ",
                "***标题:x", "**标题:x", "*-标题:x", " - - 标题:x", "标题x:y", "标 题:x", "【标题】x", "【标题】:x", "【标题x】y",
                "【 标题】x", "title: x", "Title: x", "URL:http://a", "来源单位:某", "来源:单位", "发布日期\t:2020",
                "\n标题:x", "标题:x\n", "标题::", "标题", "【标题】", "-标题-:x", "文号\u3000：\u3000x"]


def _field_reference(text: str):
    field, bracketed = _field_patterns_reference()
    m = field.match(text) or bracketed.match(text)
    return (m.group(1), m.group(2)) if m else None


def _field_now(text: str):
    from ipplan.parse import furniture

    data = furniture._data()
    m = furniture._keyed(data["field"], text, data["keys"]) or furniture._keyed(data["bracketed"], text, data["keys"])
    return (m.group(1), m.group(2)) if m else None


def test_field_key_capture_matches_the_alternation():
    from ipplan.parse import furniture

    assert furniture._data()["keys"] is not None  # the shipped keys are plain: the capture is in use
    for text in FIELD_TRICKY:
        assert _field_now(text) == _field_reference(text), text


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([" ", "\t", "-", "*", "**", ":", "：", "【", "】", "标题", "标", "题", "文号", "来源", "单位",
                                 "title", "URL", "x", "\n", "\u3000"]), max_size=9).map("".join))
def test_field_key_capture_on_random_lines(text):
    assert _field_now(text) == _field_reference(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["索引号", "文号", "标题", "名称", "标", "号", " ", ":", "|", "：", "x", "\n", "\t", "信息来源"]),
                max_size=8).map("".join))
def test_header_line_capture_matches_the_alternation(text):
    original = regex.compile(r"^(" + "|".join(M._HEADER_KEYS) + r")\s*[:|]\s*(.*?)\s*\|?$").match(text)
    m = M._HEADER_LINE.match(text)
    now = m if m is not None and m.group(1) in M._HEADER_KEY_SET else None
    assert (now and now.groups()) == (original and original.groups())


def _region_in_text_reference(text: str):
    from ipplan.parse.region import _LEVEL_WORDS, _short, places

    counts = {level: len(p.findall(text)) for level, p in _LEVEL_WORDS.items()}
    level = max(counts, key=lambda k: counts[k])
    if counts[level] == 0:
        return None
    data = places()
    if level == "province":
        names = [(n, True) for n in data["provinces"]]
    elif level == "city":
        names = [(n, True) for n in data["cities"]] + [(n, True) for n in data["provinces"] if n.endswith("市")]
        names += [(n, False) for n in data["counties"] if n.endswith("市")]
    else:
        names = [(n, False) for n in data["counties"] if len(n) >= 3]
        names += [(n, True) for n in data["provinces"] if n.endswith("自治区")]
    best, best_n = None, 0
    for name, use_short in names:
        short = _short(name) if use_short else None
        n = text.count(short) if short and len(short) >= 2 else text.count(name)
        if n > best_n:
            best, best_n = name, n
    return best


def test_region_in_text_matches_the_full_count():
    from ipplan.parse.region import places, region_in_text

    data = places()
    counties = [n for n in data["counties"] if len(n) >= 3][:50]
    cases = ["我省" + "山东" * 3 + "青岛", "全市青岛青岛济南", "我区" + "".join(counties[:5]) + counties[3] * 2, "本县", "",
             "全区广西广西", "我市义乌市义乌市", "我" + "市" * 3, "我省" + data["provinces"][0][:1]]
    for text in cases:
        assert region_in_text(text) == _region_in_text_reference(text), text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["列第一位者为牵头单位", "排在首位的为牵头单位", "第一", "为", "牵头", "单位", "部门", "是", "主责",
                                 "市", "科技局", "a", " ", "1", "排名", "首位", "的"]), max_size=7).map("".join))
def test_first_is_lead_clause_matches_the_prefixed_pattern(text):
    from ipplan.parse.units import _says_first_leads

    first = _agencies()["_first_any_re"].pattern
    assert _says_first_leads(text) == bool(regex.compile(rf"\p{{Han}}{{0,8}}?{first}").fullmatch(text))


# ---- units: label prechecks, the label flag from the one label search, the Qingdao split's guard

U = importlib.import_module("ipplan.parse.units")
_LABEL_ALPHABET = "牵头单位责任配合部门协办主办参与具体市局科技财政:,;。、 \t\u3000\x1c\n(a"
LABEL_TRICKY = ["牵头单位:市科技局", "牵头单位 :甲", "牵头单位\u3000:甲", "牵头单位\x1c:甲", "甲,责任单位:乙", ":", "::",
                "市科技局牵头,配合单位:市财政局", "具体负责牵头单位:甲", "a责任单位:b", "责任单位\n:甲", " 责任单位:甲",
                "x" * 30 + "责任单位:甲", "牵头协办配合参与主办负责单位:甲"]


def _label_checks(text: str) -> None:
    label_re = U._agencies()["_label_re"]
    if label_re.search(text):
        assert U._may_hold_label(text), text
    if label_re.match(text):
        assert U._may_start_with_label(text), text
    read, labelled = U._read_bracket(text)
    assert read == U.read_bracket(text)
    if read is not None:
        assert labelled == bool(label_re.search(text)), text


def test_label_prechecks_never_skip_a_label():
    for text in LABEL_TRICKY:
        _label_checks(text)
    data = U._agencies()
    for word in [*data["role_labels"], *data["label_nouns"]]:
        _label_checks(word + ":甲")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_LABEL_ALPHABET, max_size=30))
def test_label_prechecks_on_random_text(text):
    _label_checks(text)
    _label_checks("责任单位:" + text)
    _label_checks(text + "单位:")


# ---- meta: the header-line precheck; segment: the contents-leader precheck on the joined lines

_HEADER_ALPHABET = "索引号文件编号标题名称:|：\t \u3000\x1ca1.…-·\n"


def _header_check(text: str) -> None:
    m = M._HEADER_LINE.match(text)
    if m and m.group(1) in M._HEADER_KEY_SET:
        assert M._may_be_header_line(text), text


def test_header_precheck_never_skips_a_key():
    for key in M._HEADER_KEYS:
        for text in (key + ":a", key + " :a", key + "\u3000|a", key + "\x1c:a", key + ":", key + "|a:b", key + ":a|b",
                     " " + key + ":a", key + "x:a", "a" + key + ":b"):
            _header_check(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_HEADER_ALPHABET, max_size=20))
def test_header_precheck_on_random_text(text):
    for line in (text, "标题" + text, "文号 " + text, "索引号|" + text):
        _header_check(line)
    lines = text.split("\n")
    if any(S._may_lead(line) for line in lines):
        assert S._may_lead("\n".join(lines))


def _read_title_matches_reference(texts: list[str], notice: str | None, notice_i: int | None) -> None:
    """The quoted-title search of `_read_title` against the same loop without its first-character test."""
    got = M._read_title(texts, notice, notice_i)
    quoted = got[2]
    if quoted is None:
        return
    expected = (M.tidy(quoted), None, quoted)
    wanted = M._title_key(quoted)
    for i, text in enumerate(texts):
        if i == notice_i or text == notice:
            continue
        if M._same_key(M._title_key(text), wanted):
            expected = (text, i, quoted)
            break
        if i + 1 < len(texts) and M._same_key(M._title_key(text + texts[i + 1]), wanted):
            expected = (text + texts[i + 1], i, quoted)
            break
    assert got == expected, (texts, notice)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="计划方案《》〈〉<>“” \u3000\x1c(2024年)a", max_size=12), max_size=5),
       st.text(alphabet="计划方案〈〉<>“” (2024年)", min_size=1, max_size=8))
def test_read_title_first_character_test(texts, name):
    notice = "关于印发《" + name + "》的通知"
    _read_title_matches_reference(texts, notice, None)
    _read_title_matches_reference([notice] + texts, notice, 0)
    _read_title_matches_reference([notice] + texts + [" " + name + "(2024年)", name], notice, 0)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_NORM_ALPHABET + "\u2003\u2009", max_size=30))
def test_gap_precheck_on_folded_text(text):
    """`normalise` looks for a column gap only when the folded text holds a double space."""
    if N._GAP.search(text):
        assert "  " in N.fold(text)
    assert N.fold(text) == text.translate(N._TABLE)


def test_a_warm_parse_of_the_seeds_leaves_no_cyclic_garbage() -> None:
    """Everything a parse makes is freed by reference counting: a cycle (a self-calling closure that
    holds a list of nodes, as lint's walk did) leaves its objects to the collector, whose pass at the
    end of the parse then has them to trace and free. The first parse of each seed fills caches."""
    import gc
    from pathlib import Path

    import ipplan.parse
    from conftest import SEEDS, SEEDS_DIR

    datas = [Path(SEEDS_DIR / name).read_bytes() for name in SEEDS]
    for data in datas:
        ipplan.parse.parse_bytes(data)
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for data in datas:
            ipplan.parse.parse_bytes(data)
        gc.collect()
        left = sorted({type(o).__name__ for o in gc.garbage})
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was_enabled:
            gc.enable()
    assert not left, left


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789０１２٣¹²〇零一二三四五六七八九十年月日印发-/. \u3000\ta", max_size=16))
def test_lint_date_precheck_never_skips_a_date_like_line(text):
    """lint._dates tries _DATE_LIKE only on a line whose first character can start it."""
    from ipplan.check import lint as LI

    line = text.strip()
    if LI._compiled(LI._DATE_LIKE).match(line.replace(" ", "")):
        first = line[:1]
        assert first.isdigit() or first in LI._DATE_FIRST, line


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789０٣¹-—–~ \t\u3000\u00a0\u2028\x1c页第a。", max_size=10))
def test_page_number_precheck_never_skips_a_match(text):
    """segment._page_numbers tries _PAGE_NO only on a line whose first and last characters can start and end it."""

    if text and S._PAGE_NO.match(text):
        for ch in (text[0], text[-1]):
            assert ch.isdigit() or ch in "-—–" or ch.isspace(), text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab 。1|\t｜¦│丨", max_size=12))
def test_a_line_without_tab_or_bar_is_never_a_row(text):
    """segment skips table_cells when the joined lines hold no tab and no '|': it answers None for such a line."""

    if "\t" not in text and "|" not in text:
        assert S.table_cells(text) is None


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="到至截年 \t\n\u30000129《》a", max_size=40))
def test_by_year_agrees_with_findall(text):
    """meta.by_year finds 到/至 with str.find and tries the pattern there: the same list as BY_YEAR.findall."""
    from ipplan.parse import meta as M

    assert M.by_year(text) == M.BY_YEAR.findall(text)
    assert M.by_year("截至2025年到2026年,至 2030 年" + text) == M.BY_YEAR.findall("截至2025年到2026年,至 2030 年" + text)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["2020年5月1日广东省人民政府令第270号公布", "2019年3月1日市第十五届人大常委会第十次会议通过",
                        "——2024年1月15日在杭州市第十四届人民代表大会第三次会议上", "(2021年1月5日省政府第3次常务会议审议通过)",
                        "2022年9月30日", "关于印发的通知"]),
       st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=3))
def test_meta_head_line_prechecks(line, cut, drop):
    """read_meta tries _ADOPTED/_DECREED/_SPEECH only on a line holding 会议/号/会议上: the same answers."""
    from ipplan.parse import meta as M

    for text in (line, line[:cut], line[cut:], line.replace("会议" if drop == 0 else "号" if drop == 1 else "上", "")):
        assert M._adopted_or_decreed(text) == (M._ADOPTED.match(text) or M._DECREED.match(text)) or (
            M._adopted_or_decreed(text).span() == (M._ADOPTED.match(text) or M._DECREED.match(text)).span())
        assert (("会议上" in text) and M._SPEECH.match(text) is not None) == (M._SPEECH.match(text) is not None)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="上海市徐汇区人民政府特别行政自治州县旗盟新地省中共国产党a1 ", max_size=14),
       st.integers(min_value=0, max_value=6))
def test_region_prechecks_agree(text, at):
    """region: _best_unit tries _ADMIN_UNIT only with a suffix's first character 1-8 characters on;
    admin_chain drops 中共/中国共产党 at the start as the pattern did."""
    from ipplan.parse import region as RG

    if RG._ADMIN_UNIT.match(text, at):
        assert not RG._UNIT_SUFFIX_FIRST.isdisjoint(text[at + 1:at + 9]), (text, at)
    stripped = regex.sub(r"^(中共|中国共产党)", "", text)
    chain, at2 = [], 0
    while (m := RG._best_unit(stripped, at2)) is not None and RG.is_place(m):
        chain.append(m)
        at2 += len(m)
    assert RG.admin_chain(text) == chain


def test_not_control_bytes_are_the_complement_of_the_control_class():
    assert sorted(R._NOT_CONTROL_BYTES) == [b for b in range(256) if not R._CONTROL.match(chr(b))]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["加强", "知識", "a", "\n", "\t", "\x01", "\x0b", "\x1f", "\x0c", "\r", " ", "2025",
                                 "\ufeff", "—"]), max_size=60),
       st.sampled_from(["utf-8", "gb18030", "big5", "utf-16", "utf-8-sig"]))
def test_decode_control_byte_precheck(parts, codec):
    """decode skips _looks_binary for bytes without a control byte (not UTF-16): the same answer or error."""
    text = "".join(parts)
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        return
    def reference(data):
        try:
            return R.decode(data)
        except R.InputError as exc:
            return str(exc)
    got = reference(data)
    saved = R._NOT_CONTROL_BYTES
    R._NOT_CONTROL_BYTES = b""  # every byte left by translate: the precheck never passes, _looks_binary always runs
    try:
        assert reference(data) == got
    finally:
        R._NOT_CONTROL_BYTES = saved


def test_builder_nodes_listed_before_read_meta_are_the_tree_at_validate(monkeypatch):
    """parse_text lists the builder's nodes once, before read_meta, and hands the list to validate and
    the unlinking: nothing after build_outline may change the tree (this fails if something does)."""
    from pathlib import Path

    import ipplan.parse
    from conftest import SEEDS, SEEDS_DIR
    V = importlib.import_module("ipplan.parse.validate")

    real = ipplan.parse.validate
    seen = []

    def checked(doc, result, index, built=None):
        assert built is not None
        assert [id(n) for n in built] == [id(n) for n in V._build_nodes(result)]
        seen.append(len(built))
        return real(doc, result, index, built)

    monkeypatch.setattr(ipplan.parse, "validate", checked)
    for name in SEEDS:
        ipplan.parse.parse_bytes(Path(SEEDS_DIR / name).read_bytes())
    assert len(seen) == len(SEEDS) and all(seen)
