"""Normalisation: script, widths, markdown marks, column gaps, and the way back to the input."""
from __future__ import annotations

import functools
import unicodedata

import pytest

from conftest import SEEDS, SEEDS_DIR
from ipplan.parse import parse_text
from ipplan.parse.normalise import detect_script, normalise, normalise_text

SEED_002 = "002_16ba785a0e610339.txt"  # markdown headings and bold marks
SEED_003 = "003_00c5e9fe007d877b.txt"  # traditional script

# characters the converter folds that NFKC leaves alone (normalise.py documents them)
EXTRA_FOLDS = {"\ufe52": ".", "\u2024": ".", "\uff61": "。", "\uff64": "、", "\u2236": ":",
               "\ufe55": ":", "\ufe50": ",", "\ufe51": "、", "\ufe54": ";"}
SPACES = " \t\u00a0\u2002\u2003\u2009\u200b\u3000\ufeff"


@functools.cache
def _t2s(ch: str) -> str:
    import opencc

    return opencc.OpenCC("t2s").convert(ch)


def counterpart(original: str, got: str) -> bool:
    """`got` is `original`, its half-width form, its simplified form, or a space folded into a gap."""
    if original == got:
        return True
    if got in " \t":
        return original in SPACES
    return (unicodedata.normalize("NFKC", original) == got or EXTRA_FOLDS.get(original) == got
            or _t2s(original) == got)


def seed_text(name: str) -> str:
    return (SEEDS_DIR / name).read_text(encoding="utf-8")


# ---- script ---------------------------------------------------------------------------------

def test_traditional_seed_is_detected_and_converted(seed_doc):
    text = seed_text(SEED_003)
    assert detect_script(text) == "traditional"
    doc = seed_doc(SEED_003)
    assert doc.meta.script == "traditional"
    titles = [n.title for n in doc.iter_nodes()]
    assert "总体要求" in titles and "指导思想" in titles        # 總體要求 / 指導思想 in the input
    assert "總體要求" not in titles
    for title in titles + [doc.meta.title, doc.meta.issuer]:
        assert _t2s(title) == title, f"not simplified: {title}"
    assert doc.meta.title == "关于加强上海市知识产权公共服务工作的意见"


@pytest.mark.parametrize("name", [s for s in SEEDS if s != SEED_003])
def test_simplified_seeds_stay_simplified(seed_doc, name):
    assert detect_script(seed_text(name)) == "simplified"
    assert seed_doc(name).meta.script == "simplified"


def test_a_few_traditional_characters_in_simplified_text_do_not_flip_the_script():
    # a quoted name or a stray conversion leftover in a long simplified notice
    text = seed_text("004_3ee95635a5469f0b.txt").replace("发展", "發展", 3)
    assert text.count("發展") == 3
    assert detect_script(text) == "simplified"


def test_traditional_line_by_line():
    got = normalise_text("一、總體要求\n（一）指導思想\n加強知識產權保護。")
    assert got == "一、总体要求\n(一)指导思想\n加强知识产权保护。"


# ---- widths and marks -------------------------------------------------------------------------

@pytest.mark.parametrize("raw, want", [
    ("（一）到２０２５年，ＰＣＴ申请量达到６００件；占比１５％！", "(一)到2025年,PCT申请量达到600件;占比15%!"),
    ("１．推进专利导航：开展［试点］＋～－", "1.推进专利导航:开展[试点]+~-"),
    ("1﹒加强保护∶开展﹐推进﹔完成｡甲､乙", "1.加强保护:开展,推进;完成。甲、乙"),
    # kept as written: Chinese full stop, enumeration comma, quotes, title marks, brackets, dash
    ("“十四五”《纲要》〈规划〉〔2022〕【注】——说明、完成。", "“十四五”《纲要》〈规划〉〔2022〕【注】——说明、完成。"),
])
def test_widths_fold(raw, want):
    assert normalise_text(raw) == want


@pytest.mark.parametrize("raw, want", [
    ("## 一、**总体要求**", "一、总体要求"),
    ("# 普陀区行动方案", "普陀区行动方案"),
    ("###### 深层标题", "深层标题"),
    ("  ## （一）__加强创造__", "(一)加强创造"),
    ("编号#1 与 C# 保留", "编号#1 与 C# 保留"),        # a # inside the line is text
    ("单个*星号*保留", "单个*星号*保留"),
])
def test_markdown_marks_are_removed(raw, want):
    assert normalise_text(raw) == want


def test_markdown_seed_headings(seed_doc):
    doc = seed_doc(SEED_002)
    assert [n.title for n in doc.outline[:2]] == ["总体要求", "主要目标"]
    for node in doc.iter_nodes():
        assert "#" not in node.title and "**" not in node.title
    lines = normalise_text(seed_text(SEED_002)).split("\n")
    assert not any(line.startswith("#") or "**" in line for line in lines)


# ---- spaces -------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, want", [
    ("序号  指标名称  2025年", "序号\t指标名称\t2025年"),
    ("序号\u3000\u3000指标\u3000\u3000数值", "序号\t指标\t数值"),
    ("1   有效发明专利拥有量（件）     18000", "1\t有效发明专利拥有量(件)\t18000"),
    ("到2025年，  实现目标", "到2025年, 实现目标"),     # one wide gap is not a column layout
    ("　　（一）指导思想", "(一)指导思想"),              # indentation goes
    ("一、\u3000\u3000总体要求", "一、 总体要求"),
    ("a\u00a0\u00a0b c", "a b c"),
    ("已有\t制表符\t保留", "已有\t制表符\t保留"),
])
def test_space_runs(raw, want):
    assert normalise_text(raw) == want


def test_aligned_columns_become_a_table():
    text = ("某区工作方案\n一、主要目标\n到2025年，指标如下。\n"
            "序号    指标名称            2025年\n"
            "1       有效发明专利（件）  18000\n"
            "2       商标注册量（件）    120000\n"
            "二、主要任务\n推进工作。\n")
    doc = parse_text(text)
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.header == ["序号", "指标名称", "2025年"]
    assert table.rows == [["1", "有效发明专利(件)", "18000"], ["2", "商标注册量(件)", "120000"]]
    assert table.path == ["一"]
    assert [n.path for n in doc.iter_nodes()] == [["一"], ["二"]]


# ---- positions ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", SEEDS)
def test_every_normalised_character_points_at_its_original(name):
    text = seed_text(name)
    result = normalise(text)
    assert len(result.lines) == text.count("\n") + 1
    checked = 0
    for number, line in enumerate(result.lines, 1):
        for ch, pos in zip(line.text, line.pos):
            original = text[pos]
            assert counterpart(original, ch), f"{name} line {number}: {ch!r} from {original!r} at {pos}"
            # and the position lies on the same input line
            assert text.count("\n", 0, pos) + 1 == number
            checked += 1
    assert checked > 4000


def test_positions_spot_checks():
    text = "## 一、**總體要求**\n\u3000\u3000（一）到２０２５年，ＰＣＴ達到６００件\n序号  指标  2025年"
    lines = normalise(text).lines
    first, second, third = lines
    assert first.text == "一、总体要求"
    assert [text[p] for p in first.pos] == list("一、總體要求")
    assert second.text == "(一)到2025年,PCT达到600件"
    assert [text[p] for p in second.pos] == list("（一）到２０２５年，ＰＣＴ達到６００件")
    assert third.text == "序号\t指标\t2025年"
    tab = third.text.index("\t")
    assert text[third.pos[tab]] == " "
    assert text[third.pos[tab + 1]] == "指"


def test_length_changing_conversion_keeps_positions_in_the_line():
    # OpenCC may convert a phrase to a different length; positions must still stay on their line
    text = "甲\n於是乎他們在這裡開會\n乙"
    result = normalise(text, script="traditional")
    middle = result.lines[1]
    start, end = text.index("於"), text.index("會")
    assert all(start <= p <= end for p in middle.pos)
    assert middle.text.startswith("于是")


def test_double_spaces_in_justified_prose_do_not_make_a_table():
    from ipplan.parse import parse_text

    doc = parse_text("一、主要任务\n1.加强知识产权保护。  开展执法行动，  新增维权站点5个。\n"
                     "2.推进运用。  开展质押融资，  新增融资金额10亿元。\n3.加强宣传。\n")
    assert [n.path for n in doc.iter_nodes()] == [["一"], ["一", "1"], ["一", "2"], ["一", "3"]]
    assert doc.tables == []


def test_traditional_character_list_agrees_with_opencc():
    """Script detection skips OpenCC for text with none of these; the list must be what t2s changes."""
    import opencc

    from ipplan.parse.normalise import _traditional_chars

    chars = sorted(_traditional_chars())
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    assert all(a != b for a, b in zip(chars, converted))
    assert {"國", "這", "識", "產", "權", "臺", "發"} <= set(chars)
    assert not {"国", "这", "识", "产", "权", "发", "展"} & set(chars)


def test_script_detection_without_and_with_traditional_characters():
    from ipplan.parse.normalise import detect_script

    assert detect_script("加强知识产权保护，推进专利转化运用。") == "simplified"
    assert detect_script("加強知識產權保護，推進專利轉化運用。") == "traditional"
    assert detect_script("加强知识产权保护。這" + "专利" * 10) == "simplified"  # one stray character
