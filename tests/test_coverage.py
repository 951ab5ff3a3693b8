"""Nothing the parser reads is lost (README: "Nothing the parser read is lost").

Every Han character, digit and ASCII letter of the normalised input
(`normalise_text`) must appear in the model exactly as often as in the input
(Counter equality: nothing lost, nothing invented twice) when the model's text is
collected from:

- the blocks: front_matter, preamble, closing, contents, artefacts, unplaced;
- every node: `label_raw`, `text`, and `title` when the title is not already in the text;
- every table: caption, header, rows, note;
- every part: title and text, and the key of an attachment whose title is not its key
  (`附件1:重点任务分工表` keeps `附件1` in `key` and `重点任务分工表` in `title`).

When is the title already in the text? `assemble.node_title` drops the heading from
the node's text only when the heading stood alone on its line (first paragraph,
whole line, heading-like) and cleaning it removed nothing but punctuation. So the
title is counted when the text does not start with it, and also when the node's
input line holds nothing but its label and title while the text's first line is
something else (`(3)桃园捷运棕线` followed by a paragraph that starts with the same
words: the title was set apart, the paragraph merely repeats the words). Otherwise
the title is a prefix of the text (first sentence, `总体目标 深入实施…`, a heading
kept because a `(3分)` was cut from it) and is not counted again.
"""
from __future__ import annotations

from collections import Counter

import pytest
import regex

from conftest import CORPUS, CORPUS_DIR, SEEDS, SEEDS_DIR
from ipplan.parse import parse_text
from ipplan.parse.normalise import normalise_text

COUNTED = regex.compile(r"[\p{Han}0-9A-Za-z]")
PAGE_NUMBER = regex.compile(r"^[-—\s\d]*$")


def counted(text: str | None) -> Counter:
    return Counter(COUNTED.findall(text or ""))


def squeeze(text: str | None) -> str:
    return "".join((text or "").split())


def title_apart(node, lines: list[str]) -> bool:
    """Whether the node's title is missing from its text (and so must be counted on its own)."""
    title, text = squeeze(node.title), squeeze(node.text)
    if not text.startswith(title):
        return True
    line = lines[node.line - 1]
    if not line.startswith(node.label_raw):
        return False  # a label inside a line: the title is the first sentence of the text
    rest = squeeze(line[len(node.label_raw):]).lstrip(":")
    if rest.rstrip("。;:,、") != title:
        return False  # the line holds more than the heading: the title came from the text
    first = squeeze(node.text.split("\n")[0])
    if first == rest:
        return False  # the heading line is the text's first paragraph
    following = next((x for x in lines[node.line:] if x.strip() and not PAGE_NUMBER.match(x)), "")
    return not first.startswith(rest + squeeze(following))  # not a heading joined with its next line


def model_text(doc, lines: list[str]) -> str:
    out: list[str] = []
    for block in doc.front_matter + doc.preamble + doc.closing + doc.contents + doc.artefacts + doc.unplaced:
        out.append(block.text)
    for node in doc.iter_nodes():
        out.append(node.label_raw)
        if title_apart(node, lines):
            out.append(node.title)
        out.append(node.text)
    for table in doc.tables:
        out += [table.caption or "", *table.header, *(cell for row in table.rows for cell in row), table.note or ""]
    for part in doc.parts:
        if part.kind == "document" and part.title == doc.meta.title and part.line == doc.meta.lines.get("title"):
            continue  # the first document is named by the plan title, whose line the front matter keeps
        out += [part.title, part.text]
        if part.kind == "attachment" and part.title != part.key:
            out.append(part.key)
    return "\n".join(out)


def assert_nothing_lost(text: str, doc) -> None:
    normalised = normalise_text(text)
    want = counted(normalised)
    have = counted(model_text(doc, normalised.split("\n")))
    lost, extra = want - have, have - want
    assert not lost and not extra, f"lost {dict(lost)}; counted twice {dict(extra)}"
    assert sum(want.values()) > 0


@pytest.mark.parametrize("name", SEEDS)
def test_seed_loses_nothing(seed_doc, name):
    assert_nothing_lost((SEEDS_DIR / name).read_text(encoding="utf-8"), seed_doc(name))


@pytest.mark.parametrize("name", CORPUS)
def test_corpus_file_loses_nothing(corpus_doc, name):
    assert_nothing_lost((CORPUS_DIR / name).read_text(encoding="utf-8"), corpus_doc(name))


def test_corpus_copies_are_present():
    assert len(CORPUS) >= 3


# ---- the rule itself, on notices written for the test -----------------------------------------

SYNTHETIC = {
    "notice-and-closing": """上海市某区人民政府关于印发《某区知识产权工作方案(2024—2026年)》的通知
某府发〔2024〕5号
各街道、镇：
现将《某区知识产权工作方案(2024—2026年)》印发给你们，请认真执行。
上海市某区人民政府
2024年2月29日
某区知识产权工作方案(2024—2026年)
为推进知识产权强区建设，制定本方案。
一、总体要求
坚持创新驱动。
二、主要任务
（一）加强创造
1.推进专利导航。开展专利导航工作。（落实单位：区知识产权局、区科委）
2.强化商标品牌
推进商标品牌建设。
三、保障措施（10分）
加强组织领导。
抄送：区委办公室。
上海市某区人民政府办公室2024年3月1日印发
""",
    "tables-and-page-numbers": """某区知识产权工作方案
一、主要目标
到2025年，主要指标如下。
2025年主要指标
序号\t指标名称\t2025年
1\t有效发明专利拥有量(件)\t18000
2\tPCT国际专利申请量(件)\t600
(以上指标均为预期性指标)
- 2 -
二、主要任务
1.推进专利导航。开展工作。
- 3 -
2.强化商标品牌。推进工作。
""",
    "attachments": """某区知识产权工作方案
一、主要任务
1.推进专利导航。开展工作。
二、保障措施
加强组织领导。
附件1：重点任务分工表
一、专利工作
1.专利导航。由区知识产权局负责。
附件2
联系人名单
一、联系方式
1.请各单位报送联系人。
""",
    "inline-labels": """某区知识产权工作方案
一、主要任务
1.推进专利导航。开展工作。 2.强化商标品牌。推进工作。
四、工作保障 (一)强化组织保障。成立领导小组。 (二)强化经费保障。落实经费。
""",
    "page-break-in-item": """某区知识产权工作方案
一、主要任务
1. 加强商标品牌保护，鼓励区内知名品牌开展上海市重点

商标保护名录和老字号品牌认定。（区知识产权局、区商务委）
2. 加强版权保护。推进软件正版化。
""",
    "heading-repeated-by-its-paragraph": """某区知识产权工作方案
一、重点项目
（一）捷运绿线
捷运绿线全长27.8公里，计21站，预计2025年通车。
（二）捷运棕线
捷运棕线全长11.5公里，途经8站。
""",
    "two-documents": """市人民政府关于印发支持工业互联网发展若干政策等两个文件的通知
各区人民政府，市政府各部门：
现将有关文件印发给你们，请认真贯彻执行。
支持工业互联网发展若干政策
一、支持平台建设
对新建平台给予支持。
支持软件产业发展若干措施
一、支持企业做大
对企业给予奖励。
""",
}


@pytest.mark.parametrize("name", list(SYNTHETIC))
def test_synthetic_notice_loses_nothing(name):
    text = SYNTHETIC[name]
    assert_nothing_lost(text, parse_text(text))


def test_title_apart_rule_on_a_repeated_heading():
    text = SYNTHETIC["heading-repeated-by-its-paragraph"]
    doc = parse_text(text)
    lines = normalise_text(text).split("\n")
    green = doc.outline[0].children[0]
    assert green.title == "捷运绿线" and green.text.startswith("捷运绿线全长")
    assert title_apart(green, lines)


def test_a_lost_character_is_noticed():
    # the check must be able to fail: drop one node's text from the collected model
    text = SYNTHETIC["notice-and-closing"]
    doc = parse_text(text).model_copy(deep=True)
    doc.outline[0].text = ""
    with pytest.raises(AssertionError, match="lost"):
        assert_nothing_lost(text, doc)
